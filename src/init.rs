//! `al init`: scaffold a program from the built-in templates or examples.

use crate::config::Lang;
use crate::error::{Error, Result};
use crate::model::Date;
use std::io::Write;
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

/// Writes a new program into `dir`, which must be absent or empty. Nothing
/// is written when it is not, and no existing file is ever replaced. An
/// example is laid out relative to the local date (see [`init_on`]).
pub fn init(dir: &Path, lang: Lang, example: bool) -> Result<()> {
    init_on(dir, lang, example, jiff::Zoned::now().date())
}

/// [`init`] as if run on `today`: an example's dates (and the dates that
/// start its session file names) are moved by whole weeks, so that weekdays
/// stay, to the last week that ends by `today`; the example then passes
/// `al check` on that day as it does on the day it was written for.
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
    let days = if example { shift_days(today) } else { 0 };
    let mut all: Vec<(String, String)> = list
        .iter()
        .map(|(rel, text)| {
            let header = crate::schema::header_for(rel).unwrap_or_default();
            (shift_dates(rel, days), format!("{header}{}", shift_dates(text, days)))
        })
        .collect();
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
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    Ok(())
}

/// Days to move the example by so that its "as of" day becomes the last
/// day on or before `today` that falls on the same weekday: a whole number of weeks.
fn shift_days(today: Date) -> i64 {
    let (y, m, d) = EXAMPLE_AS_OF;
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
        let shape = (0..10).all(|k| if k == 4 || k == 7 { b[i + k] == b'-' } else { digit(i + k) });
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
    fn dates_move_by_whole_weeks_and_nothing_else_moves() {
        let d = |y, m, day| jiff::civil::date(y, m, day);
        assert_eq!(shift_days(d(2026, 9, 30)), 0);
        assert_eq!(shift_days(d(2026, 10, 6)), 0);
        assert_eq!(shift_days(d(2026, 10, 7)), 7);
        assert_eq!(shift_days(d(2026, 9, 29)), -7);
        let text = "date: 2026-03-02 # 2026-03-02\nbatch: 2026-1\nn: 12026-03-02\nx: 2026-13-01";
        assert_eq!(
            shift_dates(text, 7),
            "date: 2026-03-09 # 2026-03-09\nbatch: 2026-1\nn: 12026-03-02\nx: 2026-13-01"
        );
        assert_eq!(shift_dates("sessions/2026-03-02-kickoff.yaml", 364), "sessions/2027-03-01-kickoff.yaml");
    }
}
