//! Property tests: generated programs never make `al` panic, every finding
//! points inside its file, and the report and agendas always render.

mod common;

use proptest::prelude::*;
use serde_json::{Value, json};

fn today() -> al::model::Date {
    al::dates::parse_date("2026-06-30").expect("date")
}

/// Ids and names, some plain, some Chinese, some with characters that break tables or YAML.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}",
        "[张王李赵陈刘][伟娜强静洋]{1,2}",
        Just("a|b".to_string()),
        Just("x: y".to_string()),
        Just("#hash".to_string()),
        Just("多行\n文本".to_string()),
        Just(String::new()),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        (2025u32..2028, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        Just("2026-02-30".to_string()),
        Just("not a date".to_string()),
    ]
}

fn kind() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("kickoff"),
        Just("workshop"),
        Just("group-meeting"),
        Just("activity"),
        Just("review"),
        Just("report"),
        Just("meeting")
    ]
    .prop_map(str::to_string)
}

fn program() -> impl Strategy<Value = Vec<(String, String)>> {
    let people = prop::collection::vec(word(), 0..12);
    let groups = prop::collection::vec((word(), prop::collection::vec(word(), 0..10), word()), 0..7);
    let session = (
        kind(),
        date(),
        prop::option::of(prop_oneof![
            Just(0.5),
            Just(1.0),
            Just(2.0),
            Just(3.0),
            Just(-1.0)
        ]),
        prop::collection::vec(word(), 0..3),
        prop::option::of(prop::collection::vec(word(), 0..6)),
        prop::collection::vec(
            (
                word(),
                prop::option::of(word()),
                prop::option::of(date()),
                prop::option::of(prop_oneof![
                    Just("open"),
                    Just("done"),
                    Just("dropped"),
                    Just("x")
                ]),
            ),
            0..3,
        ),
    );
    let sessions = prop::collection::vec(session, 0..10);
    let subtopics = prop::collection::vec(
        (
            word(),
            word(),
            word(),
            prop::option::of(date()),
            any::<bool>(),
            0i64..7,
        ),
        0..3,
    );
    (people, groups, sessions, subtopics, 0i64..8, date(), any::<bool>()).prop_map(
        |(people, groups, sessions, subtopics, stage, start, with_budget)| {
            let mut files = Vec::new();
            let mut topic = json!({
                "title": "如何降低优秀人才流失率",
                "statement": "s",
                "start": start,
                "stage": stage,
                "criteria": { "important": "a", "difficult": "b", "feasible": "c", "learning": "d" },
                "convener": { "name": "王" },
            });
            if with_budget {
                topic["budget"] = json!([{ "item": "专家|顾问", "category": "experts", "planned": 100, "spent": 150.5 }]);
            }
            files.push(("topic.yaml".to_string(), topic.to_string()));
            let team = json!({
                "people": people.iter().map(|p| json!({ "id": p, "name": p, "consent": true })).collect::<Vec<_>>(),
                "facilitators": [{ "id": "f", "name": "促进师" }],
                "groups": groups.iter().map(|(id, members, leader)| json!({
                    "id": id, "leader": leader, "members": members, "learning_officers": members.iter().take(2).collect::<Vec<_>>(), "facilitator": "f"
                })).collect::<Vec<_>>(),
            });
            files.push(("team.yaml".to_string(), serde_json::to_string_pretty(&team).unwrap_or_default()));
            for (i, (kind, date, days, groups, attendees, actions)) in sessions.iter().enumerate() {
                let mut s = json!({ "kind": kind, "date": date, "groups": groups, "title": format!("会议|{i}") });
                if let Some(d) = days {
                    s["days"] = json!(d);
                }
                if let Some(a) = attendees {
                    s["attendees"] = json!(a);
                }
                s["actions"] = Value::Array(
                    actions
                        .iter()
                        .map(|(task, owner, due, status)| json!({ "task": task, "owner": owner, "due": due, "status": status }))
                        .collect(),
                );
                files.push((format!("sessions/s{i}.yaml"), s.to_string()));
            }
            for (i, (question, group, owner, defined, proposal, metric)) in subtopics.iter().enumerate() {
                let mut st = json!({ "question": question, "group": group, "owner": owner, "defined": defined });
                if *proposal {
                    st["proposal"] = json!({ "summary": "方案", "review": { "decision": "approved", "date": "2026-05-01" } });
                    st["implementation"] = json!({ "metrics": [{ "name": "m", "baseline": metric, "target": 1 }] });
                }
                files.push((format!("subtopics/t{i}.yaml"), st.to_string()));
            }
            files
        },
    )
}

fn check_locations(report: &al::check::ProgramReport) -> Result<(), TestCaseError> {
    for d in &report.diagnostics {
        if d.whole_file {
            continue;
        }
        let Some(text) = report.text_of(&d.file) else {
            continue;
        };
        let lines: Vec<&str> = text.split('\n').collect();
        let line = d.line as usize;
        prop_assert!(
            line >= 1 && line <= lines.len(),
            "{} {}: line {line} of {}",
            d.code,
            d.file,
            lines.len()
        );
        let width = lines[line - 1].chars().count() + 1;
        prop_assert!(
            d.column >= 1 && d.column as usize <= width,
            "{} {}: column {} of {width}",
            d.code,
            d.file,
            d.column
        );
    }
    Ok(())
}

/// Checks a program the two ways it can be read: with the places of all its
/// values, and as `al check` reads it — without places, parsing again only
/// the files that findings point into. The diagnostics must be identical,
/// byte for byte.
fn check_both_ways(
    files: &[(String, String)],
    config: &al::config::Config,
) -> Result<al::check::ProgramReport, TestCaseError> {
    let lang = Some(al::config::Lang::En);
    let located = al::check::finish(
        al::load::program_from_texts("p", files),
        config,
        false,
        today(),
        lang,
    );
    let fast = al::check::finish(
        al::yaml::unlocated(|| al::load::program_from_texts("p", files)),
        config,
        false,
        today(),
        lang,
    );
    prop_assert_eq!(&located.diagnostics, &fast.diagnostics);
    Ok(located)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn generated_programs_check_and_render(files in program()) {
        let config = al::config::Config::default();
        let report = check_both_ways(&files, &config)?;
        check_locations(&report)?;
        let program = &report.program;
        let mut summary = al::check::Summary::default();
        summary.add(&report);
        for lang in [al::config::Lang::Zh, al::config::Lang::En] {
            let engine = al::report::engine(lang, None).expect("built-in templates");
            let ctx = al::report::context::report(program, &config.limits, lang, today(), &report.diagnostics, &summary, None);
            let text = al::report::render(&engine, "report.md.tera", &ctx, None);
            prop_assert!(text.is_ok(), "report: {:?}", text.err().map(|e| e.to_string()));
            for i in 0..program.sessions.len() {
                let ctx = al::report::agenda::context(program, i, lang, today());
                let text = al::report::render(&engine, "agenda.md.tera", &ctx, None);
                prop_assert!(text.is_ok(), "agenda: {:?}", text.err().map(|e| e.to_string()));
            }
        }
    }

    #[test]
    fn edited_example_files_never_break_the_checker(
        pick in 0usize..24,
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop_oneof!["[ -~]{0,3}", "[\n\t:|{}\\[\\]&*!#'\"-]{1,2}", "[张伟]"], 0usize..8), 1..6),
    ) {
        let dir = std::path::Path::new("examples/talent-retention");
        let mut files: Vec<(String, String)> = common::texts(dir);
        let target = pick % files.len();
        let mut text = files[target].1.clone();
        for (at, insert, delete) in edits {
            let chars: Vec<char> = text.chars().collect();
            let i = at.index(chars.len() + 1);
            let end = (i + delete).min(chars.len());
            text = chars[..i].iter().collect::<String>() + &insert + &chars[end..].iter().collect::<String>();
        }
        files[target].1 = text;
        let report = check_both_ways(&files, &al::config::Config::default())?;
        check_locations(&report)?;
    }
}
