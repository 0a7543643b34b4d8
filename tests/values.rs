//! Values out of their range and ids that look like others (hostile input):
//! `days`, an agenda item's `minutes` and budget amounts are bounded and
//! flagged; an agenda never shows a time past 24:00; an id holding a
//! character that shows nothing, or letters not composed, is refused at
//! its place and read as it looks, so that every rule sees one id.

use proptest::prelude::*;

fn today() -> al::model::Date {
    al::dates::parse_date("2026-06-30").expect("date")
}

const TOPIC: &str = "title: t\nstatement: s\nstart: 2026-03-01\n";
const TEAM: &str = "people:
  - { id: zhang, name: 张伟, consent: 2026-02-20 }
  - { id: li, name: 李娜, consent: 2026-02-20 }
  - { id: wang, name: 王强, consent: 2026-02-20 }
  - { id: chen, name: 陈静, consent: 2026-02-20 }
facilitators:
  - { id: zhao, name: 赵敏, level: intermediate }
groups:
  - { id: g1, leader: zhang, learning_officers: [li], facilitator: zhao, members: [zhang, li, wang, chen] }
";

/// A program of topic.yaml, team.yaml and these files, replacing either.
fn files(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [("topic.yaml", TOPIC), ("team.yaml", TEAM)]
        .iter()
        .filter(|(rel, _)| !extra.iter().any(|(r, _)| r == rel))
        .map(|(r, t)| (r.to_string(), t.to_string()))
        .collect();
    out.extend(extra.iter().map(|(r, t)| (r.to_string(), t.to_string())));
    out
}

/// The findings of `al check` as (code, file, line, message), in English.
fn findings(files: &[(String, String)]) -> Vec<(String, String, u32, String)> {
    let config = al::config::Config::default();
    let program = al::load::program_from_texts("p", files);
    let report = al::check::finish(program, &config, false, today(), Some(al::config::Lang::En));
    let mut summary = al::check::Summary::default();
    summary.add(&report);
    let text = al::output::json::render(&report.diagnostics, &summary);
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            let line = d["line"].as_u64().unwrap_or_default() as u32;
            (s("code"), s("file"), line, s("message"))
        })
        .collect()
}

/// The findings of one code.
fn of(code: &str, all: &[(String, String, u32, String)]) -> Vec<(String, u32, String)> {
    all.iter()
        .filter(|f| f.0 == code)
        .map(|f| (f.1.clone(), f.2, f.3.clone()))
        .collect()
}

fn session(body: &str) -> Vec<(String, String)> {
    files(&[(
        "sessions/s.yaml",
        &format!("kind: workshop\ndate: 2026-03-16\n{body}"),
    )])
}

#[test]
fn days_are_more_than_0_and_at_most_31() {
    for bad in ["1e308", "\"1e308\"", "32", "\"40\"", "0", "-1"] {
        let all = findings(&session(&format!("days: {bad}\n")));
        let al002 = of("AL002", &all);
        assert_eq!(al002.len(), 1, "days: {bad}: {all:?}");
        assert_eq!(al002[0].1, 3, "at the value");
    }
    let huge = findings(&session("days: 1e308\n"));
    assert!(
        of("AL002", &huge)[0].2.contains("`days: 1e308`"),
        "a huge number is shown with its exponent: {huge:?}"
    );
    for good in ["1", "0.5", "\"2\"", "31", "+3"] {
        let all = findings(&session(&format!("days: {good}\n")));
        assert!(of("AL002", &all).is_empty(), "days: {good}: {all:?}");
    }
}

#[test]
fn an_agenda_item_takes_1_to_1440_minutes() {
    for bad in ["0", "-30", "1441", "\"0\"", "99999999"] {
        let body = format!("agenda:\n  - {{ item: a, minutes: {bad} }}\n");
        let all = findings(&session(&body));
        let al002 = of("AL002", &all);
        assert_eq!(al002.len(), 1, "minutes: {bad}: {all:?}");
        assert!(
            al002[0].2.contains("is not the length of an agenda item"),
            "{al002:?}"
        );
    }
    for good in ["1", "1440", "\"30\"", "+45"] {
        let body = format!("agenda:\n  - {{ item: a, minutes: {good} }}\n");
        let all = findings(&session(&body));
        assert!(of("AL002", &all).is_empty(), "minutes: {good}: {all:?}");
    }
}

#[test]
fn a_budget_amount_is_0_to_10_to_the_12() {
    let topic = format!(
        "{TOPIC}budget:\n  - {{ item: a, planned: 1e308, spent: -5 }}\n  - {{ item: b, planned: 1000000000000, spent: \"1e13\" }}\n"
    );
    let all = findings(&files(&[("topic.yaml", &topic)]));
    let al602: Vec<String> = of("AL602", &all).into_iter().map(|f| f.2).collect();
    assert_eq!(al602.len(), 3, "{all:?}");
    assert!(al602[0].contains("`planned: 1e308`"), "{al602:?}");
    assert!(al602[1].contains("`spent: -5`"), "{al602:?}");
    assert!(al602[2].contains("`spent: 10000000000000`"), "{al602:?}");
    assert!(
        of("AL601", &all).is_empty(),
        "no overspending from amounts that are not money"
    );
}

#[test]
fn the_report_shows_totals_that_are_numbers() {
    let topic = format!(
        "{TOPIC}budget:\n  - {{ item: a, planned: 1e308 }}\n  - {{ item: b, planned: 1e308, spent: 100 }}\n"
    );
    let files = files(&[("topic.yaml", &topic)]);
    let config = al::config::Config::default();
    let report = al::check::finish(
        al::load::program_from_texts("p", &files),
        &config,
        false,
        today(),
        Some(al::config::Lang::En),
    );
    let mut summary = al::check::Summary::default();
    summary.add(&report);
    let lang = al::config::Lang::En;
    let engine = al::report::engine(lang, None).expect("templates");
    let ctx = al::report::context::report(
        &report.program,
        &config.limits,
        lang,
        today(),
        &report.diagnostics,
        &summary,
        None,
    );
    let text = al::report::render(&engine, "report.md.tera", &ctx, None).expect("report");
    for bad in ["inf", "NaN", "18,446,744"] {
        assert!(!text.contains(bad), "{bad} in the report:\n{text}");
    }
}

/// The agenda of the only session, in `lang`.
fn agenda(files: &[(String, String)], lang: al::config::Lang) -> String {
    let program = al::load::program_from_texts("p", files);
    let engine = al::report::engine(lang, None).expect("templates");
    let ctx = al::report::agenda::context(&program, 0, lang, today());
    al::report::render(&engine, "agenda.md.tera", &ctx, None).expect("agenda")
}

/// Every `HH:MM` of a text, as (hours, minutes).
fn times(text: &str) -> Vec<(u32, u32)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for w in chars.windows(5) {
        if w[2] == ':' && [0, 1, 3, 4].iter().all(|&i| w[i].is_ascii_digit()) {
            let n = |a: char, b: char| (a as u32 - '0' as u32) * 10 + (b as u32 - '0' as u32);
            out.push((n(w[0], w[1]), n(w[3], w[4])));
        }
    }
    out
}

#[test]
fn an_agenda_past_midnight_says_which_day_and_is_warned_of() {
    let files = session(
        "agenda:\n  - { item: a, minutes: 480 }\n  - { item: b, minutes: 600 }\n  - { item: c, minutes: 30 }\n",
    );
    // 1110 minutes: 420 in the day, the other 690 from 17:00 on.
    let zh = agenda(&files, al::config::Lang::Zh);
    assert!(
        zh.contains("18:00–次日 04:00") && zh.contains("次日 04:30"),
        "{zh}"
    );
    let en = agenda(&files, al::config::Lang::En);
    assert!(en.contains("18:00–04:00 (+1 day)"), "{en}");
    assert!(times(&en).iter().all(|(h, m)| *h < 24 && *m < 60), "{en}");
    let all = findings(&files);
    let al315 = of("AL315", &all);
    assert_eq!(al315.len(), 1, "{all:?}");
    assert_eq!(al315[0].1, 5, "at the first item that ends after midnight");
    assert!(al315[0].2.contains("04:30 the next day"), "{al315:?}");
    // Two days later.
    let far = session(
        "agenda:\n  - { item: a, minutes: 1440 }\n  - { item: b, minutes: 1440 }\n  - { item: c, minutes: 1440 }\n",
    );
    let en = agenda(&far, al::config::Lang::En);
    assert!(en.contains("(+2 days)") || en.contains("(+3 days)"), "{en}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Whatever the minutes and days, an agenda shows no time past 23:59,
    /// and `al check` warns (AL315) exactly when it runs past midnight.
    #[test]
    fn an_agenda_never_shows_an_impossible_time(
        minutes in prop::collection::vec(prop_oneof![Just(-5i64), 0i64..2000, Just(1440), Just(i64::MAX)], 1..8),
        days in prop_oneof![Just("0.5"), Just("1"), Just("2"), Just("1e308"), Just("-1"), Just("31")],
        lunch in any::<bool>(),
    ) {
        let mut body = format!("days: {days}\nagenda:\n");
        if lunch {
            body.push_str("  - { item: 午餐, minutes: 60 }\n");
        }
        for m in &minutes {
            body.push_str(&format!("  - {{ item: x, minutes: {m} }}\n"));
        }
        let files = session(&body);
        for lang in [al::config::Lang::Zh, al::config::Lang::En] {
            let text = agenda(&files, lang);
            for (h, m) in times(&text) {
                prop_assert!(h < 24 && m < 60, "{h}:{m} in\n{text}");
            }
            let night = match lang {
                al::config::Lang::Zh => text.contains("次日") || text.contains("天后"),
                al::config::Lang::En => text.contains("(+"),
            };
            let warned = !of("AL315", &findings(&files)).is_empty();
            prop_assert_eq!(night, warned, "{}", text);
        }
    }
}

/// Characters that show nothing: zero-width space, joiners, non-joiner,
/// word joiner, byte order mark, soft hyphen, bidi controls, a variation
/// selector, a Hangul filler, control characters.
const INVISIBLE: &[char] = &[
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{00AD}',
    '\u{202E}',
    '\u{2066}',
    '\u{200E}',
    '\u{FE0F}',
    '\u{3164}',
    '\u{0007}',
    '\u{001B}',
    '\u{0085}',
    '\u{2028}',
    '\u{E0001}',
];

#[test]
fn an_id_with_an_invisible_character_is_refused_and_read_as_it_looks() {
    let team = TEAM.replace("{ id: zhang,", "{ id: \"zhang\\u200B\",");
    let all = findings(&files(&[
        ("team.yaml", &team),
        (
            "sessions/s.yaml",
            "kind: workshop\ndate: 2026-03-16\nattendees: [zhang, li, wang, \"chen\\u00AD\"]\n",
        ),
    ]));
    let al002 = of("AL002", &all);
    assert_eq!(al002.len(), 2, "{all:?}");
    assert!(
        al002[0].2.contains("`chen<U+00AD>`") && al002[0].2.contains("U+00AD"),
        "{al002:?}"
    );
    assert!(al002[1].2.contains("`zhang<U+200B>`"), "{al002:?}");
    // Read as it looks: no other rule sees two people.
    for code in ["AL004", "AL005", "AL211", "AL305"] {
        assert!(
            of(code, &all).is_empty(),
            "one mistake, one finding each: {all:?}"
        );
    }
}

#[test]
fn ids_in_decomposed_form_are_refused_and_compared_composed() {
    // 张 has no decomposition; é has: `e` + U+0301.
    let team = TEAM
        .replace("{ id: li,", "{ id: \"lé\",")
        .replace("learning_officers: [li]", "learning_officers: [\"le\\u0301\"]")
        .replace("members: [zhang, li,", "members: [zhang, \"lé\",");
    let all = findings(&files(&[("team.yaml", &team)]));
    let al002 = of("AL002", &all);
    assert_eq!(al002.len(), 1, "{all:?}");
    assert!(al002[0].2.contains("decomposed letters"), "{al002:?}");
    assert!(
        of("AL004", &all).is_empty() && of("AL204", &all).is_empty(),
        "{all:?}"
    );
}

#[test]
fn two_definitions_that_look_the_same_are_one_id_defined_twice() {
    let team = TEAM.replace(
        "  - { id: chen, name: 陈静, consent: 2026-02-20 }\n",
        "  - { id: chen, name: 陈静, consent: 2026-02-20 }\n  - { id: \"chen\\u2060\", name: 陈静二, consent: 2026-02-20 }\n",
    );
    let all = findings(&files(&[("team.yaml", &team)]));
    assert_eq!(of("AL002", &all).len(), 1, "{all:?}");
    assert_eq!(of("AL005", &all).len(), 1, "{all:?}");
}

#[test]
fn a_name_or_file_name_serving_as_an_id_is_refused_and_found_by_how_it_reads() {
    let team = format!(
        "{}  - {{ name: \"周敏\\u200D\", consent: 2026-02-20 }}\n",
        TEAM.split("facilitators:").next().unwrap_or_default()
    ) + "facilitators:"
        + TEAM.split("facilitators:").nth(1).unwrap_or_default();
    let team = team.replace(
        "members: [zhang, li, wang, chen]",
        "members: [zhang, li, wang, chen, 周敏]",
    );
    let all = findings(&files(&[
        ("team.yaml", &team),
        (
            "subtopics/onboarding\u{200B}.yaml",
            "question: 如何让新员工三个月内独立上岗?\ngroup: g1\n",
        ),
        (
            "sessions/s.yaml",
            "kind: workshop\ndate: 2026-03-16\nactions:\n  - { task: t, owner: zhang, due: 2026-09-01, subtopic: onboarding }\n",
        ),
    ]));
    let al002 = of("AL002", &all);
    assert_eq!(al002.len(), 2, "{all:?}");
    assert!(
        al002
            .iter()
            .any(|f| f.0.contains("subtopics/") && f.2.contains("<U+200B>")),
        "{al002:?}"
    );
    assert!(
        al002
            .iter()
            .any(|f| f.0.ends_with("team.yaml") && f.2.contains("<U+200D>")),
        "{al002:?}"
    );
    assert!(of("AL004", &all).is_empty(), "references read the same: {all:?}");
}

/// `text` in YAML double quotes: the characters that show nothing as
/// `\u` escapes, or, when `raw`, as they are (as pasted) except those
/// YAML reads as line breaks or white space (controls, U+2028, U+2029,
/// the byte order mark), which only an escape can carry.
fn yaml_quoted(text: &str, raw: bool) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        let n = u32::from(c);
        let must = c.is_control() || matches!(n, 0x2028 | 0x2029 | 0xFEFF);
        if INVISIBLE.contains(&c) && (must || !raw) {
            if n > 0xFFFF {
                out.push_str(&format!("\\U{n:08X}"));
            } else {
                out.push_str(&format!("\\u{n:04X}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Any id with a character that shows nothing inserted anywhere is an
    /// AL002 error at its place, wherever the id is written.
    #[test]
    fn any_id_with_an_inserted_invisible_char_is_flagged(
        id in "[a-z][a-z0-9]{0,6}|[张王李赵陈][伟娜强]{1,2}",
        at in any::<prop::sample::Index>(),
        c in prop::sample::select(INVISIBLE),
        place in 0usize..4,
        raw in any::<bool>(),
    ) {
        let chars: Vec<char> = id.chars().collect();
        let i = at.index(chars.len() + 1);
        let bad: String = chars[..i].iter().chain(std::iter::once(&c)).chain(&chars[i..]).collect();
        // White space around a value is trimmed, as from any value: the id
        // reads as written without it (U+0085, U+2028 and U+2029 are white space).
        prop_assume!(!(c.is_whitespace() && (i == 0 || i == chars.len())));
        let quoted = yaml_quoted(&bad, raw);
        let (file, text, line) = match place {
            0 => ("team.yaml", TEAM.replace("{ id: zhang,", &format!("{{ id: {quoted},")), 2),
            1 => ("team.yaml", TEAM.replace("leader: zhang", &format!("leader: {quoted}")), 9),
            2 => ("sessions/s.yaml", format!("kind: workshop\ndate: 2026-03-16\nattendees: [li, {quoted}]\n"), 3),
            _ => ("sessions/s.yaml", format!("kind: workshop\ndate: 2026-03-16\nactions:\n  - {{ task: t, owner: {quoted}, due: 2026-09-01 }}\n"), 4),
        };
        let all = findings(&files(&[(file, &text)]));
        let code = format!("U+{:04X}", u32::from(c));
        let hits: Vec<_> = of("AL002", &all)
            .into_iter()
            .filter(|f| f.0.ends_with(file) && f.1 == line && f.2.contains(&code))
            .collect();
        prop_assert_eq!(hits.len(), 1, "{:?} in {}:\n{}\n{:?}", bad, file, text, all);
    }
}
