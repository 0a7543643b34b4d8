//! Reports and agendas: snapshots of what people hand out, in both languages.

use al::config::Lang;
use std::path::Path;

fn today() -> al::model::Date {
    al::dates::parse_date("2026-09-30").expect("date")
}

const EXAMPLES: [(&str, &str); 2] = [
    ("talent_retention", "examples/talent-retention"),
    ("complaint_resolution", "examples/complaint-resolution"),
];

#[test]
fn reports_of_the_examples_in_both_languages() {
    for (name, dir) in EXAMPLES {
        for lang in [Lang::Zh, Lang::En] {
            let text = al::report::report(Path::new(dir), Some(lang), today(), None).expect("renders");
            insta::assert_snapshot!(format!("report_{name}_{}", lang.as_str()), text);
        }
    }
}

/// The first session file of each kind (and the first follow-up workshop).
fn one_of_each_kind(dir: &str) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(dir).join("sessions"))
        .expect("sessions")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut workshops = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let kind = text
            .lines()
            .find_map(|l| l.strip_prefix("kind: "))
            .map(str::trim)
            .unwrap_or("")
            .to_string();
        let key = if kind == "workshop" {
            workshops += 1;
            if workshops == 1 {
                "workshop-first".to_string()
            } else {
                "workshop-follow-up".to_string()
            }
        } else {
            kind
        };
        if seen.insert(key.clone()) {
            out.push((key, f.to_string_lossy().into_owned()));
        }
    }
    out
}

#[test]
fn agendas_of_every_kind_in_both_languages() {
    for (name, dir) in EXAMPLES {
        let kinds = one_of_each_kind(dir);
        assert!(kinds.len() >= 4, "{dir} should show several kinds: {kinds:?}");
        for (kind, file) in kinds {
            for lang in [Lang::Zh, Lang::En] {
                let text = al::report::agenda(Path::new(&file), Some(lang), today()).expect("renders");
                insta::assert_snapshot!(format!("agenda_{name}_{kind}_{}", lang.as_str()), text);
            }
        }
    }
}

#[test]
fn the_report_language_follows_flag_config_and_title() {
    let zh = al::report::report(Path::new("examples/talent-retention"), None, today(), None).expect("zh");
    assert!(
        zh.contains("## 一、项目阶段"),
        "a Chinese title gives a Chinese report"
    );
    let en = al::report::report(Path::new("examples/complaint-resolution"), None, today(), None).expect("en");
    assert!(
        en.contains("## 1. Stage"),
        "an English title gives an English report"
    );
}

#[test]
fn rendering_is_deterministic() {
    let a = al::report::report(Path::new("examples/talent-retention"), None, today(), None).expect("a");
    let b = al::report::report(Path::new("examples/talent-retention"), None, today(), None).expect("b");
    assert_eq!(a, b);
}

#[test]
fn the_context_has_the_documented_keys() {
    let (ctx, _) =
        al::report::report_context(Path::new("examples/talent-retention"), None, today(), None).expect("ctx");
    for key in [
        "topic",
        "team",
        "subtopics",
        "sessions",
        "actions",
        "findings",
        "today",
        "lang",
        "stage",
        "gantt",
        "groups",
        "participation",
        "action_owners",
        "action_totals",
        "open_actions",
        "budget",
        "check",
        "labels",
        "program",
    ] {
        assert!(ctx.get(key).is_some(), "context lacks `{key}`");
    }
    assert_eq!(ctx["topic"]["title"], "如何降低优秀人才流失率");
    assert_eq!(ctx["lang"], "zh");
    let dates: Vec<&str> = ctx["sessions"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["date"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "sessions sorted by date");
    assert_eq!(ctx["team"]["people"][0]["id"], "zhang");
}

#[test]
fn a_session_s_own_agenda_keeps_its_items_owners_and_minutes() {
    let file = "examples/talent-retention/sessions/2026-05-25-g1-meeting.yaml";
    let text = al::report::agenda(Path::new(file), Some(Lang::Zh), today()).expect("renders");
    insta::assert_snapshot!("agenda_talent_retention_own_agenda_zh", text);
    assert!(text.contains("| 09:00–09:20 | 明确会议内容、目标与方法 | 张伟 |"));
    assert!(text.contains("| 12:00–13:00 | *午餐* |  |"));
}
