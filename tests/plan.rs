//! plan.yaml, the overall action plan: `al new plan` writes one from the
//! method's defaults that `al check` accepts, in Chinese and in English,
//! never replacing one; a plan's unknown keys and bad values are the usual
//! schema findings.

mod common;
use common::*;

use std::fs;

/// Just after the start: the plan's first workshop (2026-03-15) is not yet
/// due, and the fixture program records none.
const TODAY: [&str; 2] = ["--today", "2026-03-02"];

#[test]
fn new_plan_writes_a_plan_that_checks_clean_and_never_overwrites() {
    for lang in ["zh", "en"] {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = program(&tmp);
        let (code, out, err) = al(
            tmp.path(),
            &["new", "plan", "--start", "2026-03-01", "--lang", lang, "prog"],
        );
        assert_eq!(code, 0, "{out}{err}");
        let written = fs::read_to_string(dir.join("plan.yaml")).expect("plan.yaml");
        insta::assert_snapshot!(format!("new_plan_{lang}"), written);
        let (code, out, _) = al(
            tmp.path(),
            &[&["check", "prog", "--lang", lang][..], &TODAY].concat(),
        );
        assert_eq!(code, 0, "{out}");
        let (code, out, _) = al(
            tmp.path(),
            &[&["check", "prog", "--lang", lang, "--format", "json"][..], &TODAY].concat(),
        );
        assert_eq!(code, 0, "{out}");
        assert!(!out.contains("plan.yaml"), "no finding in the plan: {out}");

        // Never overwrites: refused with exit 2, the file unchanged.
        let (code, _, err) = al(
            tmp.path(),
            &["new", "plan", "--start", "2026-04-01", "--lang", lang, "prog"],
        );
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("plan.yaml"), "{err}");
        assert_eq!(fs::read_to_string(dir.join("plan.yaml")).expect("plan"), written);
    }
}

/// A scaffold from `al init` holds the default plan for its dates, and it
/// adds nothing to what keeps a scaffold from passing (its placeholders).
#[test]
fn the_scaffold_has_a_plan_without_findings() {
    for lang in ["zh", "en"] {
        let tmp = tempfile::tempdir().expect("tmp");
        fs::create_dir_all(tmp.path().join(".git")).expect("git marker");
        let (code, out, err) = al(tmp.path(), &["init", "p", "--lang", lang]);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("plan.yaml"), "{out}");
        let (_, out, _) = al(tmp.path(), &["check", "p", "--lang", lang, "--format", "json"]);
        assert!(!out.contains("plan.yaml"), "{out}");
        fs::remove_file(tmp.path().join("p/plan.yaml")).expect("rm");
        // A plan for the scaffold's own start (it starts this week): one
        // from another start would be off the record (AL701).
        let topic = fs::read_to_string(tmp.path().join("p/topic.yaml")).expect("topic");
        let start = topic
            .lines()
            .find_map(|l| l.strip_prefix("start: "))
            .and_then(|l| l.split_whitespace().next())
            .expect("the scaffold's start")
            .to_string();
        let (code, _, err) = al(tmp.path(), &["new", "plan", "--start", &start, "p"]);
        assert_eq!(code, 0, "{err}");
        let (_, out, _) = al(tmp.path(), &["check", "p", "--lang", lang, "--format", "json"]);
        assert!(!out.contains("plan.yaml"), "{out}");
    }
}

#[test]
fn unknown_keys_and_bad_values_in_a_plan_are_schema_findings() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    fs::write(
        dir.join("plan.yaml"),
        "made: 2026-03-16\nmilestones:\n  - kind: workshp\n    number: 2\n    date: 2026-05-11\n  - kind: review\n    month: 2026-13\n    ownr: wang\n",
    )
    .expect("write");
    for (lang, words) in [
        ("en", ["did you mean `workshop`", "ownr", "YYYY-MM"]),
        ("zh", ["workshop（研讨会", "ownr", "月份请写成 YYYY-MM"]),
    ] {
        let (code, out, _) = al(
            tmp.path(),
            &[&["check", "prog", "--lang", lang][..], &TODAY].concat(),
        );
        assert_eq!(code, 1, "{out}");
        let codes: Vec<&str> = out
            .lines()
            .filter_map(|l| l.split_once('[').and_then(|(_, r)| r.get(..5)))
            .filter(|c| c.starts_with("AL"))
            .collect();
        assert_eq!(codes.len(), 3, "{out}");
        assert!(codes.iter().all(|c| c.starts_with("AL00")), "{out}");
        for w in words {
            assert!(out.contains(w), "{lang}: {w}: {out}");
        }
        assert!(out.contains("plan.yaml:3:11"), "{out}");
    }
}

#[test]
fn al_schema_plan_describes_the_milestones() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (code, out, err) = al(tmp.path(), &["schema", "plan"]);
    assert_eq!(code, 0, "{err}");
    let schema: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(schema["title"], "al: plan.yaml");
    let text = out.as_str();
    for word in [
        "subtopics-fixed",
        "implementation-start",
        "final-results",
        "milestones",
        "month",
    ] {
        assert!(text.contains(word), "{word}");
    }
}
