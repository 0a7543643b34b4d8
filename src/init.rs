//! `al init`: scaffold a program from the built-in templates or examples.

use crate::config::Lang;
use crate::error::{Error, Result};
use crate::model::Date;
use std::path::Path;

/// The files `al init` writes for a language, as (path, contents).
pub fn files(lang: Lang, example: bool) -> &'static [(&'static str, &'static str)] {
    use crate::embedded::*;
    match (lang, example) {
        (Lang::Zh, false) => INIT_ZH,
        (Lang::En, false) => INIT_EN,
        (Lang::Zh, true) => EXAMPLE_ZH,
        (Lang::En, true) => EXAMPLE_EN,
    }
}

/// The day the example programs are written for: they pass `al check` on it.
const EXAMPLE_AS_OF: (i16, i8, i8) = (2026, 9, 30);

/// The day the templates start (their `start:`): a scaffold starts today.
const TEMPLATE_AS_OF: (i16, i8, i8) = (2026, 3, 1);

/// The day the templates end (their `end:`), where a scaffold's plan puts
/// the final results.
const TEMPLATE_END: (i16, i8, i8) = (2026, 12, 31);

/// Writes a new program into `dir`, which must be absent or empty. Nothing
/// is written when it is not, and no existing file is ever replaced. An
/// example is laid out relative to the local date (see [`init_on`]).
pub fn init(dir: &Path, lang: Lang, example: bool) -> Result<()> {
    init_on(dir, lang, example, jiff::Zoned::now().date())
}

/// [`init`] as if run on `today`: an example's dates (and the dates that
/// start its session file names) are moved by whole weeks, so that weekdays
/// stay, so that its "as of" day falls within three days of `today`; the
/// example then passes `al check` on that day as it does around the day it
/// was written for. A scaffold's dates are moved the same way so that it
/// starts this week (no "review overdue" for a program that has not begun).
pub fn init_on(dir: &Path, lang: Lang, example: bool, today: Date) -> Result<()> {
    let io = |e: std::io::Error| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    };
    if dir.exists() {
        let mut entries = fs_err::read_dir(dir).map_err(io)?;
        if !dir.is_dir() || entries.next().is_some() {
            return Err(Error::NotEmpty(dir.to_path_buf()));
        }
    }
    fs_err::create_dir_all(dir).map_err(io)?;
    let list = files(lang, example);
    // Each YAML file names its schema for editors; the schemas go under .al/schema.
    let days = shift_days(if example { EXAMPLE_AS_OF } else { TEMPLATE_AS_OF }, today);
    let mut all: Vec<(String, String)> = list
        .iter()
        .map(|(rel, text)| {
            let header = crate::schema::header_for(rel).unwrap_or_default();
            (
                shift_dates(rel, days),
                format!("{header}{}", shift_dates(text, days)),
            )
        })
        .collect();
    if !example {
        // The scaffold's plan is the default one for its (moved) dates.
        let moved = |(y, m, d): (i16, i8, i8)| {
            let date = jiff::civil::date(y, m, d);
            date.checked_add(jiff::Span::new().days(days)).unwrap_or(date)
        };
        let rel = crate::layout::FileKind::Plan.rel_for("plan");
        let header = crate::schema::header_for(&rel).unwrap_or_default();
        let text = crate::new::plan_text(moved(TEMPLATE_AS_OF), Some(moved(TEMPLATE_END)), lang);
        all.push((rel, format!("{header}{text}")));
    }
    all.extend(crate::schema::files());
    for (rel, text) in &all {
        crate::files::write_new(&dir.join(rel), text)?;
    }
    let (shown, n) = (dir.display(), all.len());
    let mut text = match (example, lang) {
        (true, Lang::Zh) => format!("已在 {shown} 创建示例项目（{n} 个文件）\n"),
        (false, Lang::Zh) => format!("已在 {shown} 创建项目（{n} 个文件）\n"),
        (true, Lang::En) => format!("created example program in {shown} ({n} files)\n"),
        (false, Lang::En) => format!("created program in {shown} ({n} files)\n"),
    };
    for (rel, _) in &all {
        text.push_str(&format!("  {rel}\n"));
    }
    text.push_str(&crate::tr!(
        lang,
        "下一步：编辑这些文件，然后运行 `al check {shown}`\n",
        "next: edit the files, then run `al check {shown}`\n"
    ));
    crate::files::print_out(&text)
}

/// Days to move an example or a scaffold by: the whole number of weeks
/// that brings its "as of" day nearest to `today` without passing it (so
/// that nothing it records as done is dated after today: weekdays stay
/// weekdays, and the moved "as of" day is 0–6 days before today).
fn shift_days((y, m, d): (i16, i8, i8), today: Date) -> i64 {
    let as_of = jiff::civil::date(y, m, d);
    crate::dates::days_between(as_of, today).div_euclid(7) * 7
}

/// `text` with every date written `YYYY-MM-DD` (not part of a longer run of
/// digits) moved by `days`.
fn shift_dates(text: &str, days: i64) -> String {
    if days == 0 {
        return text.to_string();
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i + 10 <= b.len() {
        let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        let shape = (0..10).all(|k| {
            if k == 4 || k == 7 {
                b[i + k] == b'-'
            } else {
                digit(i + k)
            }
        });
        let bounded = (i == 0 || !digit(i - 1)) && !digit(i + 10);
        let moved = (shape && bounded)
            .then(|| crate::dates::parse_date(&text[i..i + 10]).ok())
            .flatten()
            .and_then(|d| d.checked_add(jiff::Span::new().days(days)).ok());
        match moved {
            Some(d) => {
                out.push_str(&text[last..i]);
                out.push_str(&d.to_string());
                i += 10;
                last = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_plan_spans_the_template_topic() {
        for lang in [Lang::Zh, Lang::En] {
            let topic = files(lang, false)
                .iter()
                .find(|(rel, _)| *rel == "topic.yaml")
                .map_or("", |(_, text)| *text);
            let (y, m, d) = TEMPLATE_AS_OF;
            assert!(topic.contains(&format!("start: {y}-{m:02}-{d:02}")), "{topic}");
            let (y, m, d) = TEMPLATE_END;
            assert!(topic.contains(&format!("end: {y}-{m:02}-{d:02}")), "{topic}");
        }
    }

    #[test]
    fn dates_move_by_whole_weeks_and_nothing_else_moves() {
        let d = |y, m, day| jiff::civil::date(y, m, day);
        assert_eq!(shift_days(EXAMPLE_AS_OF, d(2026, 9, 30)), 0);
        assert_eq!(shift_days(EXAMPLE_AS_OF, d(2026, 10, 6)), 0);
        assert_eq!(shift_days(EXAMPLE_AS_OF, d(2026, 10, 7)), 7);
        assert_eq!(shift_days(EXAMPLE_AS_OF, d(2026, 9, 29)), -7);
        assert_eq!(shift_days(EXAMPLE_AS_OF, d(2026, 9, 23)), -7);
        assert_eq!(shift_days(EXAMPLE_AS_OF, d(2026, 9, 22)), -14);
        // Never past today, whatever the day (the example's records of what
        // was done would be dated in the future).
        for n in 0..800 {
            let today = d(2026, 1, 1)
                .checked_add(jiff::Span::new().days(n))
                .expect("date");
            let shift = shift_days(EXAMPLE_AS_OF, today);
            let (y, m, day) = EXAMPLE_AS_OF;
            let moved = d(y, m, day)
                .checked_add(jiff::Span::new().days(shift))
                .expect("date");
            assert!(
                moved <= today && crate::dates::days_between(moved, today) < 7,
                "{today}"
            );
        }
        let text = "date: 2026-03-02 # 2026-03-02\nbatch: 2026-1\nn: 12026-03-02\nx: 2026-13-01";
        assert_eq!(
            shift_dates(text, 7),
            "date: 2026-03-09 # 2026-03-09\nbatch: 2026-1\nn: 12026-03-02\nx: 2026-13-01"
        );
        assert_eq!(
            shift_dates("sessions/2026-03-02-kickoff.yaml", 364),
            "sessions/2027-03-01-kickoff.yaml"
        );
    }

    /// The findings of `al check` on `dir` as if run on `today`: (code, file, line).
    fn check(dir: &Path, today: Date) -> Vec<(&'static str, String, u32)> {
        let config = crate::config::Config::default();
        let report = crate::check::check_dir(dir, "p", &config, false, today, Some(Lang::En));
        report
            .diagnostics
            .iter()
            .map(|d| (d.code, d.rel_path.clone(), d.line))
            .collect()
    }

    #[test]
    fn a_scaffold_reports_each_placeholder_at_its_place_in_both_languages() {
        let day = jiff::civil::date(2026, 3, 10);
        for (lang, expected) in [(Lang::Zh, 23), (Lang::En, 24)] {
            let tmp = tempfile::tempdir().expect("tmp");
            let dir = tmp.path().join("p");
            init_on(&dir, lang, false, day).expect("init");
            let found = check(&dir, day);
            assert!(found.iter().all(|(c, _, _)| *c == "AL006"), "{found:?}");
            assert_eq!(found.len(), expected, "{lang:?}: {found:?}");
            // A member's name and department, the facilitator, the title, the statement.
            for (file, line) in [
                ("team.yaml", 8),
                ("team.yaml", 15),
                ("topic.yaml", 6),
                ("topic.yaml", 11),
            ] {
                let n = found.iter().filter(|(_, f, l)| f == file && *l == line).count();
                let want = if line == 8 { 2 } else { 1 };
                assert_eq!(n, want, "{lang:?} {file}:{line}: {found:?}");
            }
        }
    }

    #[test]
    fn an_example_passes_on_the_day_it_is_written_and_years_later() {
        let today = jiff::Zoned::now().date();
        let later = |days: i64| today.checked_add(jiff::Span::new().days(days)).expect("date");
        let days = [
            today,
            later(365),
            later(1000),
            later(-400),
            jiff::civil::date(2026, 9, 30),
        ];
        for lang in [Lang::Zh, Lang::En] {
            for day in days {
                let tmp = tempfile::tempdir().expect("tmp");
                let dir = tmp.path().join("p");
                init_on(&dir, lang, true, day).expect("init");
                let found = check(&dir, day);
                assert!(found.is_empty(), "{lang:?} on {day}: {found:?}");
            }
        }
    }
}
