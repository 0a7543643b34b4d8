//! Every rule: a failing and a passing fixture, with snapshots of what the
//! user sees (human and JSON), plus meta-tests on the registry.

mod common;

use al::check::{Configs, Summary, check_program};
use al::config::Lang;
use al::rules::RULES;
use common::texts;
use std::collections::BTreeSet;
use std::path::Path;

fn today() -> al::model::Date {
    al::dates::parse_date("2026-03-20").expect("fixed date")
}

/// The date a fixture is judged at: its `.today` file, else 2026-03-20.
fn today_of(dir: &str) -> al::model::Date {
    match std::fs::read_to_string(Path::new(dir).join(".today")) {
        Ok(t) => al::dates::parse_date(t.trim()).expect("a date in .today"),
        Err(_) => today(),
    }
}

/// Runs `al check` on one fixture folder through the library, as the CLI
/// would, with its messages in English.
fn check(dir: &str) -> (String, String, BTreeSet<&'static str>) {
    check_in(dir, Lang::En)
}

/// Runs `al check` on one fixture folder with its messages in `lang`.
fn check_in(dir: &str, lang: Lang) -> (String, String, BTreeSet<&'static str>) {
    let mut configs = Configs::default();
    let report =
        check_program(Path::new(dir), dir, today_of(dir), &mut configs, Some(lang)).expect("fixture loads");
    let mut summary = Summary::default();
    summary.add(&report);
    let human = format!(
        "{}{}\n",
        al::output::human::render_program(&report, false),
        al::output::human::summary_line(&summary, lang, false)
    );
    let json = al::output::json::render(&report.diagnostics, &summary);
    let codes = report.diagnostics.iter().map(|d| d.code).collect();
    (human, json, codes)
}

#[test]
fn every_rule_fails_its_fail_fixture_and_passes_its_pass_fixture() {
    for rule in RULES {
        let fail = format!("tests/fixtures/{}/fail", rule.code);
        let pass = format!("tests/fixtures/{}/pass", rule.code);
        assert!(
            Path::new(&fail).is_dir(),
            "{} has no failing fixture at {fail}",
            rule.code
        );
        assert!(
            Path::new(&pass).is_dir(),
            "{} has no passing fixture at {pass}",
            rule.code
        );

        let (human, json, codes) = check(&fail);
        assert!(
            codes.contains(rule.code),
            "{fail} does not trigger {}:\n{human}",
            rule.code
        );
        assert_eq!(
            codes.len(),
            1,
            "{fail} should show {} alone, got {codes:?}:\n{human}",
            rule.code
        );
        insta::assert_snapshot!(format!("{}_fail_human", rule.code), human);
        insta::assert_snapshot!(format!("{}_fail_json", rule.code), json);
        let (human_zh, _, codes_zh) = check_in(&fail, Lang::Zh);
        assert_eq!(codes_zh, codes, "{fail}: the same findings in Chinese");
        insta::assert_snapshot!(format!("{}_fail_human_zh", rule.code), human_zh);

        let (human, json, codes) = check(&pass);
        assert!(codes.is_empty(), "{pass} should be clean:\n{human}");
        insta::assert_snapshot!(format!("{}_pass_human", rule.code), human);
        insta::assert_snapshot!(format!("{}_pass_json", rule.code), json);
    }
}

#[test]
fn every_fixture_folder_belongs_to_a_rule() {
    let known: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    for entry in std::fs::read_dir("tests/fixtures").expect("fixtures folder") {
        let entry = entry.expect("entry");
        if entry.path().is_dir() {
            let name = entry.file_name().to_string_lossy().to_string();
            assert!(
                known.contains(name.as_str()),
                "fixture folder {name} names no rule"
            );
        }
    }
}

#[test]
fn codes_are_unique_sorted_and_named_in_kebab_case() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "codes must be unique and in order");
    let names: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(names.len(), RULES.len(), "names must be unique");
    for r in RULES {
        assert!(r.code.len() == 5 && r.code.starts_with("AL"), "{}", r.code);
        assert!(
            r.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
            "{} is not kebab-case",
            r.name
        );
    }
    insta::assert_snapshot!("rules_table", al::rules::docs::table(Lang::En));
    insta::assert_snapshot!("rules_table_zh", al::rules::docs::table(Lang::Zh));
}

#[test]
fn every_explanation_has_its_sections() {
    for r in RULES {
        for lang in [Lang::En, Lang::Zh] {
            for (section, text) in [
                ("summary", r.summary(lang)),
                ("what", r.what(lang)),
                ("why", r.why(lang)),
            ] {
                assert!(
                    text.trim().chars().count() > 5,
                    "{} has an empty {section} in {lang:?}",
                    r.code
                );
            }
            let text = al::rules::docs::explain(r, lang);
            let headings = match lang {
                Lang::En => [
                    "What it checks",
                    "Why the method asks for it",
                    "Example",
                    "Instead",
                ],
                Lang::Zh => ["检查什么", "方法为什么这样要求", "示例", "改正后"],
            };
            for heading in headings {
                assert!(text.contains(heading), "{} explanation lacks {heading}", r.code);
            }
        }
        for (section, text) in [("example", r.example()), ("instead", r.instead())] {
            assert!(text.trim().len() > 10, "{} has an empty {section}", r.code);
        }
        assert_ne!(
            r.example(),
            r.instead(),
            "{}: the example and its fix are the same",
            r.code
        );
    }
    let al201 = al::rules::find("AL201").expect("AL201");
    insta::assert_snapshot!("explain_AL201", al::rules::docs::explain(al201, Lang::En));
    insta::assert_snapshot!("explain_AL201_zh", al::rules::docs::explain(al201, Lang::Zh));
}

/// A missing translation cannot ship: every catalogue of rule texts has
/// every rule, and nothing else, and the Chinese one is Chinese.
#[test]
fn every_rule_text_exists_in_every_language() {
    let codes: BTreeSet<String> = RULES.iter().map(|r| r.code.to_string()).collect();
    for (name, text) in al::rules::texts::CATALOGUES {
        let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("locales/{name}: {e}"));
        let keys: BTreeSet<String> = table.keys().cloned().collect();
        assert_eq!(
            keys, codes,
            "locales/{name} must have exactly the rules of the registry"
        );
        let fields: &[&str] = if name.contains("examples") {
            &["example", "instead"]
        } else {
            &["summary", "what", "why"]
        };
        for (code, entry) in &table {
            for f in fields {
                let value = entry.get(*f).and_then(|v| v.as_str()).unwrap_or("");
                assert!(!value.trim().is_empty(), "locales/{name}: {code} has no `{f}`");
                if name.contains(".zh.") {
                    assert!(
                        value.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                        "locales/{name}: {code}.{f} is not Chinese: {value}"
                    );
                }
            }
            assert_eq!(
                entry.as_table().map_or(0, |t| t.len()),
                fields.len(),
                "locales/{name}: {code} has other keys"
            );
        }
    }
}

#[test]
fn findings_know_where_their_value_ends() {
    let mut configs = Configs::default();
    let dir = "tests/fixtures/AL004/fail";
    let report = check_program(Path::new(dir), dir, today(), &mut configs, Some(Lang::En)).expect("loads");
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("李娜"))
        .expect("finding");
    // `李娜` starts at column 20 and is two characters long.
    assert_eq!((d.line, d.column, d.end), (4, 20, Some((4, 22))));
}

/// A check can only emit a rule value (the compiler sees to that); this
/// makes sure every rule value defined beside its check is also listed in
/// the registry, so `al rules`, `al explain` and the docs know it.
#[test]
fn every_rule_defined_beside_a_check_is_in_the_registry() {
    let known: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    let mut defined = BTreeSet::new();
    for entry in std::fs::read_dir("src/rules").expect("src/rules") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("source");
        for (i, _) in text.match_indices("rule!(AL") {
            let code = text[i + "rule!(".len()..]
                .split(',')
                .next()
                .unwrap_or("")
                .to_string();
            assert!(
                known.contains(code.as_str()),
                "{} defines {code}, which is not in RULES",
                path.display()
            );
            defined.insert(code);
        }
    }
    assert_eq!(
        defined.len(),
        RULES.len(),
        "every rule in RULES is defined in src/rules"
    );
}

fn codes_of(files: &[(String, String)]) -> Vec<(&'static str, String)> {
    let program = al::load::program_from_texts("p", files);
    let report = al::check::finish(
        program,
        &al::config::Config::default(),
        false,
        today(),
        Some(Lang::En),
    );
    report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.clone()))
        .collect()
}

#[test]
fn al502_asks_each_stage_for_its_own_evidence() {
    let base = texts("tests/fixtures/AL502/pass"); // stage 4, a proposal under revision
    let with = |from: &str, to: &str, extra: Option<&str>| {
        let mut files = base.clone();
        for (rel, text) in &mut files {
            if rel == "topic.yaml" {
                *text = text.replace(from, to);
            }
            if let (true, Some(add)) = (rel == "subtopics/onboarding.yaml", extra) {
                text.push_str(add);
            }
        }
        codes_of(&files)
    };
    let al502 = |found: Vec<(&'static str, String)>| {
        found
            .into_iter()
            .filter(|(c, _)| *c == "AL502")
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
    };
    assert!(
        al502(with("stage: 4", "stage: 4", None)).is_empty(),
        "stage 4 with a proposal"
    );
    let no_proposal: Vec<(String, String)> = base
        .iter()
        .map(|(r, t)| {
            (
                r.clone(),
                if r == "subtopics/onboarding.yaml" {
                    t.split("proposal:").next().unwrap_or(t).to_string()
                } else {
                    t.clone()
                },
            )
        })
        .collect();
    let found = al502(codes_of(&no_proposal));
    assert!(
        found
            .iter()
            .any(|m| m.contains("step 4") && m.contains("no sub-topic has a `proposal:`")),
        "{found:?}"
    );
    let found = al502(with("stage: 4", "stage: 6", None));
    assert!(
        found.iter().any(|m| m.contains("step 5")),
        "stage 6 without an approval fails at step 5 first: {found:?}"
    );
    let approved = base
        .iter()
        .map(|(r, t)| {
            (
                r.clone(),
                if r == "topic.yaml" {
                    t.replace("stage: 4", "stage: 6")
                } else {
                    t.replace("decision: revise", "decision: approved")
                },
            )
        })
        .collect::<Vec<_>>();
    let found = al502(codes_of(&approved));
    assert!(
        found
            .iter()
            .any(|m| m.contains("step 6") && m.contains("`results:`")),
        "{found:?}"
    );
    let mut done = approved.clone();
    for (rel, text) in &mut done {
        if rel == "subtopics/onboarding.yaml" {
            text.push_str("results:\n  adopted: [《新员工带教办法》]\n");
        }
    }
    assert!(al502(codes_of(&done)).is_empty(), "stage 6 with results");
}

/// Help texts take their numbers from the limits in force, not the defaults.
#[test]
fn help_texts_take_numbers_from_the_limits() {
    let dir = "tests/fixtures/AL203/fail";
    let program = al::load::load_program(Path::new(dir), dir);
    let groups = program.team.as_ref().map_or(0, |t| t.value.groups.len());
    for max_groups in [2, 3] {
        let limits = al::config::Limits {
            max_groups,
            ..al::config::Limits::default()
        };
        let findings = al::rules::run(&program, &limits, today_of(dir), Lang::En);
        let f = findings
            .iter()
            .find(|f| f.rule.code == "AL203")
            .unwrap_or_else(|| panic!("{groups} groups are more than {max_groups}"));
        assert!(
            f.help.contains(&format!("at most {max_groups} core groups")),
            "{}",
            f.help
        );
    }
}

/// A key written with an invalid value is reported once, where it is, and
/// never also as missing (the field knows absent from invalid).
#[test]
fn an_invalid_value_is_not_also_a_missing_key() {
    let mut files = texts("tests/fixtures/AL201/pass");
    files.push((
        "sessions/2026-04-01-odd.yaml".to_string(),
        "kind: meting\ndate: 2026-02-30\n".to_string(),
    ));
    files.push((
        "sessions/2026-04-02-visit.yaml".to_string(),
        "kind: activity\ndate: 2026-04-02\nactivity: picnic\n".to_string(),
    ));
    let program = al::load::program_from_texts("p", &files);
    let findings = al::rules::run(&program, &al::config::Limits::default(), today(), Lang::En);
    let about = |name: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.at.file().is_some_and(|i| program.files[i].rel.contains(name)))
            .map(|f| format!("{} {}", f.rule.code, f.message))
            .collect()
    };
    let odd = about("odd");
    assert_eq!(odd.len(), 2, "{odd:?}");
    assert!(odd.iter().all(|m| m.starts_with("AL002 `")), "{odd:?}");
    let visit = about("visit");
    assert_eq!(
        visit,
        ["AL002 `picnic` is not an activity"],
        "no AL308 for a written, invalid activity"
    );
    // The same keys left out are missing.
    let mut files = texts("tests/fixtures/AL201/pass");
    files.push((
        "sessions/2026-04-01-odd.yaml".to_string(),
        "title: x\n".to_string(),
    ));
    let program = al::load::program_from_texts("p", &files);
    let findings = al::rules::run(&program, &al::config::Limits::default(), today(), Lang::En);
    let missing = findings
        .iter()
        .filter(|f| f.message.starts_with("missing required key"))
        .count();
    assert_eq!(missing, 2);
}

/// The codes and messages of the findings in the files whose path contains `name`.
fn findings_in(program: &al::load::Program, today: al::model::Date, name: &str) -> Vec<String> {
    findings_where(program, today, |f| {
        f.at.file().is_some_and(|i| program.files[i].rel.contains(name))
    })
}

/// The findings of the rules on `program` at `today` that `keep` keeps, in
/// English, as `CODE message`.
fn findings_where(
    program: &al::load::Program,
    today: al::model::Date,
    keep: impl Fn(&al::rules::Finding) -> bool,
) -> Vec<String> {
    al::rules::run(program, &al::config::Limits::default(), today, Lang::En)
        .iter()
        .filter(|f| keep(f))
        .map(|f| format!("{} {}", f.rule.code, f.message))
        .collect()
}

/// Every finding of the example programs' own day (2026-09-30) on the
/// talent-retention example with `change` applied to its files (path, text).
fn example_findings(change: impl Fn(&str, &mut String)) -> Vec<String> {
    let mut files = texts("examples/talent-retention");
    for (rel, text) in &mut files {
        change(rel, text);
    }
    let program = al::load::program_from_texts("p", &files);
    findings_where(&program, example_day(), |_| true)
}

/// The day the example programs describe.
fn example_day() -> al::model::Date {
    al::dates::parse_date("2026-09-30").expect("date")
}

/// An action's invalid `due` is not also "no due date" (AL306), and an
/// action whose `status` is invalid is not judged overdue (AL307); the same
/// actions with the keys left out, or open, are.
#[test]
fn an_invalid_due_or_status_gives_no_action_finding() {
    let mut files = texts("tests/fixtures/AL307/pass");
    files.push((
        "sessions/2026-03-03-odd.yaml".to_string(),
        "kind: activity
activity: survey
date: 2026-03-03
actions:
  - { task: bad date, owner: li, due: 2026/4/20 }
  - { task: bad status, owner: li, due: 2026-03-05, status: 完成 }
  - { task: no date, owner: li }
  - { task: open, owner: li, due: 2026-03-05 }
"
        .to_string(),
    ));
    let program = al::load::program_from_texts("p", &files);
    let odd = findings_in(&program, today(), "odd");
    let codes: Vec<&str> = odd.iter().map(|m| &m[..5]).collect();
    assert_eq!(codes, ["AL002", "AL002", "AL306", "AL307"], "{odd:?}");
    assert_eq!(odd[2], "AL306 the action `no date` has no due date");
    assert!(odd[3].starts_with("AL307 the action `open`"), "{odd:?}");
}

/// A session whose kind or date is invalid may be the missing kick-off: no
/// AL301 besides its AL002. A workshop's invalid `days` is not one day (AL303).
#[test]
fn an_unplaced_session_is_not_also_a_missing_one() {
    for odd in [
        "kind: kick-off\ndate: 2026-03-02\n",
        "kind: kickoff\ndate: 2026-3-2\n",
    ] {
        let mut files = texts("tests/fixtures/AL301/fail");
        files.push(("sessions/k-odd.yaml".to_string(), odd.to_string()));
        let program = al::load::program_from_texts("p", &files);
        let all = findings_in(&program, today(), "sessions/");
        assert!(
            all.iter().all(|m| m.starts_with("AL002")) && !all.is_empty(),
            "{odd}: {all:?}"
        );
    }
    // A group meeting with an invalid date may be the month's missing meeting.
    let dir = "tests/fixtures/AL304/fail";
    let mut files = texts(dir);
    files.push((
        "sessions/g-odd.yaml".to_string(),
        "kind: group-meeting\ngroups: [g1]\ndate: 2026-6-15\n".to_string(),
    ));
    let program = al::load::program_from_texts("p", &files);
    let team = findings_in(&program, today_of(dir), "team.yaml");
    assert!(!team.iter().any(|m| m.contains("2026-06")), "{team:?}");
    assert_eq!(findings_in(&program, today_of(dir), "g-odd").len(), 1);
    let dir = "tests/fixtures/AL303/fail";
    let mut files = texts(dir);
    for (name, text) in &mut files {
        if name.ends_with("w-2026-05-11.yaml") {
            *text = text.replace("days: 1", "days: one");
        }
    }
    let program = al::load::program_from_texts("p", &files);
    let may = findings_in(&program, today_of(dir), "w-2026-05-11");
    assert_eq!(may.len(), 1, "{may:?}");
    assert!(may[0].starts_with("AL002"), "{may:?}");
}

#[test]
fn an_id_defined_under_another_role_is_named_as_such() {
    let mut files: Vec<(String, String)> = texts("tests/fixtures/AL201/pass")
        .into_iter()
        .filter(|(rel, _)| rel != "team.yaml")
        .map(|(rel, text)| {
            let text = text.replace("source: review-finding", "source: nowhere");
            (rel, text)
        })
        .collect();
    files.push((
        "team.yaml".to_string(),
        "people:\n\
         \x20 - { id: zhang, name: 张伟, consent: 2026-02-20 }\n\
         \x20 - { id: li, name: 李娜, consent: 2026-02-20 }\n\
         \x20 - { id: wang, name: 王强, consent: maybe }\n\
         \x20 - { id: chen, name: 陈静, consent: 2026-02-20 }\n\
         facilitators:\n\
         \x20 - { id: zhao, name: 赵敏, level: intermediate }\n\
         external:\n\
         \x20 - { name: 刘教授, kind: expert }\n\
         groups:\n\
         \x20 - id: g1\n\
         \x20   leader: zhang\n\
         \x20   learning_officers: [li]\n\
         \x20   facilitator: zhao\n\
         \x20   members: [zhang, li, wang, chen, zhao]\n"
            .to_string(),
    ));
    files.push((
        "sessions/2026-04-01-workshop.yaml".to_string(),
        "kind: workshop\ndate: 2026-04-01\nattendees: [zhang, 刘教授]\n\
         actions:\n  - { task: 访谈, owner: 刘教授, due: 2026-04-30 }\n"
            .to_string(),
    ));
    let program = al::load::program_from_texts("p", &files);
    let run = |lang| al::rules::run(&program, &al::config::Limits::default(), today(), lang);
    let findings = run(Lang::En);
    let al004: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.rule.code == "AL004")
        .map(|f| (f.message.as_str(), f.help.as_str()))
        .collect();
    let messages: Vec<&str> = al004.iter().map(|(m, _)| *m).collect();
    assert_eq!(
        messages,
        [
            "`zhao` is defined under `facilitators:` (a facilitator), not under `people:`",
            "`刘教授` is defined under `external:` (an outside expert), not under `people:`",
            "`刘教授` is defined under `external:` (an outside expert), not under `people:` or `facilitators:`",
        ]
    );
    assert!(
        al004.iter().all(|(_, h)| !h.starts_with("define")),
        "not told to define what is defined: {al004:?}"
    );
    // A consent or a source written but invalid is reported once, as AL002,
    // not also as AL208 or AL103.
    let codes: Vec<&str> = findings.iter().map(|f| f.rule.code).collect();
    assert!(
        !codes.contains(&"AL208") && !codes.contains(&"AL103"),
        "{codes:?}"
    );
    for bad in ["`maybe`", "`nowhere`"] {
        assert!(
            findings
                .iter()
                .any(|f| f.rule.code == "AL002" && f.message.contains(bad)),
            "{bad}: {codes:?}"
        );
    }
    let zh = run(Lang::Zh);
    let first = zh
        .iter()
        .find(|f| f.rule.code == "AL004")
        .map(|f| f.message.as_str());
    assert_eq!(
        first,
        Some("`zhao` 定义在 `facilitators:` 下（促进师），而不是 `people:` 下")
    );
}

/// A sub-topic whose `id` differs from its file name, referred to by the
/// file name: one finding at its `id`, not one per reference.
#[test]
fn a_renamed_subtopic_is_one_finding() {
    let codes = example_findings(|rel, text| {
        if rel == "subtopics/career-path.yaml" {
            text.insert_str(0, "id: career\n");
        }
    });
    assert_eq!(
        codes,
        [
            "AL004 the sub-topic's id `career` differs from its file name `career-path`, which references use (11 of them)"
        ]
    );
}

/// AL304: a month in which the group gathered at a workshop is not held to
/// the minimum of group meetings — the first workshop's month and a later
/// one's alike; a month without a workshop is.
#[test]
fn a_workshop_month_is_its_own_gathering_for_the_rhythm() {
    let without = |gone: &str| {
        let files: Vec<(String, String)> = texts("examples/talent-retention")
            .into_iter()
            .filter(|(rel, _)| rel != gone)
            .collect();
        let program = al::load::program_from_texts("p", &files);
        findings_where(&program, example_day(), |f| f.rule.code == "AL304")
            .into_iter()
            .map(|m| m["AL304 ".len()..].to_string())
            .collect::<Vec<_>>()
    };
    // May 2026 had the second workshop: no group meeting is needed that month.
    assert_eq!(
        without("sessions/2026-05-25-g1-meeting.yaml"),
        Vec::<String>::new()
    );
    // June had none.
    let june = without("sessions/2026-06-15-g1-meeting.yaml");
    assert_eq!(june.len(), 1, "{june:?}");
    assert!(
        june[0].starts_with("group `g1` held no group meetings in 2026-06"),
        "{june:?}"
    );
}

/// An attendee recorded at a meeting before they joined the group is a
/// finding (and the report's "6 / 4" cannot pass in silence).
#[test]
fn an_attendee_before_joining_is_a_finding() {
    let found = example_findings(|rel, text| {
        if rel == "team.yaml" {
            *text = text.replacen("id: liu,", "id: liu, joined: 2026-06-01,", 1);
        }
    });
    assert!(!found.is_empty(), "liu attended g1's March to May meetings");
    assert!(
        found
            .iter()
            .all(|f| f.starts_with("AL305 `liu` is recorded at the meeting of group `g1` on 2026-0")),
        "{found:?}"
    );
}

/// A review records its panel and a meeting its guests: both are keys of
/// the format (no unknown-key finding), and a guest is not an attendee out
/// of place (no AL305).
#[test]
fn a_review_records_its_panel_and_a_meeting_its_guests() {
    let mut files = texts("examples/talent-retention");
    for (rel, text) in &mut files {
        if rel == "sessions/2026-08-24-review.yaml" {
            text.push_str("panel: [王建国, 外部专家李教授]\n");
        }
        if rel == "sessions/2026-09-14-g1-meeting.yaml" {
            text.push_str("guests: [zhou, 财务部孙经理]\n");
        }
    }
    let program = al::load::program_from_texts("p", &files);
    let found = findings_where(&program, example_day(), |_| true);
    assert_eq!(found, Vec::<String>::new());
    let review = program
        .sessions
        .iter()
        .find(|s| program.files[s.file].rel.ends_with("review.yaml"))
        .expect("review");
    assert_eq!(review.value.panel.len(), 2);
}
