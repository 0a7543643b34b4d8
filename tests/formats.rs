//! Every output format is a renderer of the same findings; the JSON Schemas
//! come from the model. Both are checked with an independent validator
//! (the `jsonschema` crate).

use assert_cmd::Command;
use std::path::Path;

fn al() -> Command {
    let mut c = Command::cargo_bin("al").expect("binary");
    c.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env("AL_LANG", "en");
    c
}

fn stdout(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const FIXTURE: &str = "tests/fixtures/AL201/fail";

#[test]
fn github_annotations_are_chosen_in_actions_and_point_at_the_line() {
    let (code, out) = stdout(
        al().args(["check", FIXTURE, "--today", "2026-03-20"])
            .env("GITHUB_ACTIONS", "true"),
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("github", out);
    assert!(out.starts_with("::error file=tests/fixtures/AL201/fail/team.yaml,line=8,col=9,"));
    assert!(out.contains(",title=AL201::group `g1` has 3 members"));
    // An explicit --format wins over the environment.
    let (_, human) = stdout(
        al().args(["check", FIXTURE, "--today", "2026-03-20", "--format", "human"])
            .env("GITHUB_ACTIONS", "true"),
    );
    assert!(human.starts_with("error[AL201]"));
    let (_, warn) = stdout(al().args([
        "check",
        "tests/fixtures/AL208/fail",
        "--today",
        "2026-03-20",
        "--format",
        "github",
    ]));
    assert!(warn.starts_with("::warning file="), "{warn}");
}

#[test]
fn github_appends_a_summary_of_the_run_to_the_step_summary() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("summary.md");
    std::fs::write(&file, "earlier step\n").expect("write");
    let (code, _) = stdout(
        al().args([
            "check",
            FIXTURE,
            "tests/fixtures/AL208/fail",
            "tests/fixtures/AL201/pass",
            "--today",
            "2026-03-20",
        ])
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &file),
    );
    assert_eq!(code, 1);
    let md = std::fs::read_to_string(&file).expect("summary");
    assert!(md.starts_with("earlier step\n"), "appended, not replaced");
    insta::assert_snapshot!("github_step_summary", md);
    // Not written by other formats, nor without the variable.
    let (_, _) = stdout(
        al().args(["check", FIXTURE, "--today", "2026-03-20", "--format", "json"])
            .env("GITHUB_STEP_SUMMARY", &file),
    );
    assert_eq!(std::fs::read_to_string(&file).expect("summary"), md);
}

fn validator(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).expect("a valid schema")
}

fn errors(v: &jsonschema::Validator, instance: &serde_json::Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/schemas/sarif-schema-2.1.0.json").expect("schema"),
    )
    .expect("json");
    let v = validator(&schema);
    for dir in [
        "tests/fixtures/AL201/fail",
        "tests/fixtures/AL403/fail",
        "examples/talent-retention",
    ] {
        let (_, out) = stdout(al().args(["check", dir, "--today", "2026-03-20", "--format", "sarif"]));
        let log: serde_json::Value = serde_json::from_str(&out).expect("sarif is JSON");
        let problems = errors(&v, &log);
        assert!(problems.is_empty(), "{dir}: {problems:#?}");
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"].as_array().map(Vec::len),
            Some(al::rules::RULES.len())
        );
    }
    let (_, out) = stdout(al().args(["check", FIXTURE, "--today", "2026-03-20", "--format", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).expect("json");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "AL201");
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        8
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/fixtures/AL201/fail/team.yaml"
    );
    // The invalid: a result without a message is rejected by the same validator.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .map(|o| o.remove("message"));
    assert!(
        !errors(&v, &broken).is_empty(),
        "the validator must reject a broken log"
    );
}

#[test]
fn junit_has_a_suite_per_program_and_a_case_per_file() {
    let (code, out) = stdout(al().args([
        "check",
        "tests/fixtures/AL403/fail",
        "tests/fixtures/AL208/fail",
        "--today",
        "2026-03-20",
        "--format",
        "junit",
    ]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("junit", out);
    assert_eq!(out.matches("<testsuite ").count(), 2);
    assert_eq!(
        out.matches("<failure ").count(),
        2,
        "two files with errors; the warning is not a failure"
    );
    let (_, denied) = stdout(al().args([
        "check",
        "tests/fixtures/AL208/fail",
        "--today",
        "2026-03-20",
        "--format",
        "junit",
        "--deny-warnings",
    ]));
    assert_eq!(
        denied.matches("<failure ").count(),
        1,
        "with --deny-warnings warnings fail"
    );
}

fn yaml_to_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read");
    serde_saphyr::from_str(&text).expect("yaml")
}

fn schema_of(kind: &str) -> serde_json::Value {
    let (code, out) = stdout(al().args(["schema", kind]));
    assert_eq!(code, 0);
    serde_json::from_str(&out).expect("schema is JSON")
}

#[test]
fn example_files_validate_against_al_schema_with_an_independent_validator() {
    let kinds = [
        ("topic", "topic.yaml"),
        ("team", "team.yaml"),
        ("plan", "plan.yaml"),
    ];
    let mut checked = 0;
    for example in ["examples/talent-retention", "examples/complaint-resolution"] {
        for (kind, file) in kinds {
            let v = validator(&schema_of(kind));
            let problems = errors(&v, &yaml_to_json(&Path::new(example).join(file)));
            assert!(problems.is_empty(), "{example}/{file}: {problems:#?}");
            checked += 1;
        }
        for (kind, sub) in [("session", "sessions"), ("subtopic", "subtopics")] {
            let v = validator(&schema_of(kind));
            for entry in std::fs::read_dir(Path::new(example).join(sub)).expect("dir") {
                let path = entry.expect("entry").path();
                let problems = errors(&v, &yaml_to_json(&path));
                assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 38, "every file of both examples");
}

#[test]
fn the_schemas_reject_bad_files() {
    let session = validator(&schema_of("session"));
    let bad = serde_json::json!({ "kind": "meeting", "date": "2026-04-13", "atendees": ["li"] });
    let problems = errors(&session, &bad);
    assert!(problems.iter().any(|e| e.contains("meeting")), "{problems:#?}");
    assert!(problems.iter().any(|e| e.contains("atendees")), "{problems:#?}");
    let team = validator(&schema_of("team"));
    assert!(
        !errors(
            &team,
            &serde_json::json!({ "groups": [{ "id": "g1", "members": "li" }] })
        )
        .is_empty()
    );
    let config = validator(&schema_of("config"));
    assert!(
        errors(
            &config,
            &serde_json::json!({ "lang": "zh", "limits": { "group_size": [4, 8] } })
        )
        .is_empty()
    );
    assert!(!errors(&config, &serde_json::json!({ "lang": "fr" })).is_empty());
}

/// An al.toml as the JSON a TOML editor validates (dates as their text).
fn toml_to_json(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

#[test]
fn the_config_schema_is_strict_and_knows_the_rule_codes() {
    // As Ajv's strict mode: a format JSON Schema does not define is an error.
    let strict = |schema: &serde_json::Value| {
        jsonschema::options()
            .should_validate_formats(true)
            .should_ignore_unknown_formats(false)
            .build(schema)
    };
    assert!(strict(&serde_json::json!({ "type": "integer", "format": "uint32" })).is_err());
    for kind in ["topic", "team", "session", "subtopic", "plan", "config"] {
        let compiled = strict(&schema_of(kind));
        assert!(
            compiled.is_ok(),
            "{kind}: {:?}",
            compiled.err().map(|e| e.to_string())
        );
    }
    let config = validator(&schema_of("config"));
    for file in [
        "templates/init/en/al.toml",
        "templates/init/zh/al.toml",
        "tests/fixtures/AL901/pass/al.toml",
        "tests/fixtures/AL902/fail/al.toml",
    ] {
        let text = std::fs::read_to_string(file).expect("read");
        let json = toml_to_json(toml::Value::Table(toml::from_str(&text).expect("toml")));
        let problems = errors(&config, &json);
        assert!(problems.is_empty(), "{file}: {problems:#?}");
    }
    let ok = |v: serde_json::Value| errors(&config, &v).is_empty();
    // Rule codes in any case, as al reads them; no other key.
    assert!(ok(
        serde_json::json!({ "rules": { "AL201": "allow", "al302": "deny" } })
    ));
    assert!(!ok(serde_json::json!({ "rules": { "AL999": "allow" } })));
    assert!(!ok(serde_json::json!({ "rules": { "AL201": "off" } })));
    // A waiver names a rule code and gives a reason (AL002 without one).
    let waiver = |w: serde_json::Value| serde_json::json!({ "allow": [w] });
    assert!(ok(waiver(
        serde_json::json!({ "rule": "al201", "path": "team.yaml", "reason": "pilot" })
    )));
    assert!(!ok(waiver(
        serde_json::json!({ "rule": "AL201", "path": "team.yaml" })
    )));
    assert!(!ok(waiver(
        serde_json::json!({ "rule": "AL201", "path": "team.yaml", "reason": " " })
    )));
    assert!(!ok(waiver(
        serde_json::json!({ "rule": "AL21", "path": "team.yaml", "reason": "x" })
    )));
    assert!(!ok(waiver(
        serde_json::json!({ "rule": "AL304", "path": "team.yaml", "reason": "x", "month": "2026-13" })
    )));
}

#[test]
fn completions_and_man_page() {
    let (code, bash) = stdout(al().args(["completions", "bash"]));
    assert_eq!(code, 0);
    for sub in [
        "check", "report", "agenda", "init", "new", "schema", "explain", "rules",
    ] {
        assert!(bash.contains(sub), "bash completion lacks {sub}");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, out) = stdout(al().args(["completions", shell]));
        assert_eq!(code, 0);
        assert!(out.contains("check"), "{shell}");
    }
    // The values complete too: session kinds, activities, rule codes, file kinds.
    for shell in ["bash", "zsh", "fish"] {
        let (_, out) = stdout(al().args(["completions", shell]));
        for value in ["group-meeting", "study-visit", "AL201", "AL902", "subtopic"] {
            assert!(out.contains(value), "{shell} does not complete {value}");
        }
    }
    let (code, _) = stdout(al().args(["new", "session", "--kind", "party", "--date", "2026-01-01"]));
    assert_eq!(code, 2, "a word that is not one is still refused");
    let (code, man) = stdout(al().args(["man"]));
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie") && man.contains(".SH NAME"));
}

#[test]
fn man_pages_one_per_subcommand_read_by_groff_without_a_warning() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("man1");
    let (code, listed) = stdout(al().args(["man"]).arg(&dir));
    assert_eq!(code, 0);
    let pages: Vec<std::path::PathBuf> = listed.lines().map(std::path::PathBuf::from).collect();
    assert!(pages.len() >= 14, "{listed}");
    let check = std::fs::read_to_string(dir.join("al-check.1")).expect("al-check.1");
    for s in [
        "deny\\-warnings",
        "EXIT STATUS",
        "ENVIRONMENT",
        "NO_COLOR",
        "AL_JOBS",
        "GITHUB_ACTIONS",
        "\\fBal\\fR(1)",
    ] {
        assert!(check.contains(s), "al-check.1 lacks {s}");
    }
    let top = std::fs::read_to_string(dir.join("al.1")).expect("al.1");
    assert!(
        top.contains("al\\-check\\fR(1)"),
        "al.1 refers to the subcommands' pages"
    );
    if std::process::Command::new("groff")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "groff is missing (scripts/install-test-tools.sh installs it)"
        );
        eprintln!("skipped: groff is not installed");
        return;
    }
    for page in &pages {
        let out = std::process::Command::new("groff")
            .args(["-ww", "-man", "-Tutf8"])
            .arg(page)
            .output()
            .expect("groff runs");
        assert!(out.status.success(), "{}", page.display());
        assert!(
            out.stderr.is_empty(),
            "{}: {}",
            page.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn init_and_new_files_name_their_schema() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("p");
    let (code, _) = stdout(al().args(["init"]).arg(&dir));
    assert_eq!(code, 0);
    let topic = std::fs::read_to_string(dir.join("topic.yaml")).expect("topic");
    assert!(topic.starts_with("# yaml-language-server: $schema=.al/schema/topic.json\n"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".al/schema/topic.json")).expect("schema"))
            .expect("json");
    assert_eq!(schema, schema_of("topic"));
    // The scaffold starts this week: its kick-off's file is named with its date.
    let kickoff = std::fs::read_dir(dir.join("sessions"))
        .expect("sessions")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .find(|n| n.ends_with("-kickoff.yaml"))
        .expect("a kick-off");
    let kickoff_date = &kickoff[..10];
    let (code, _) = stdout(
        al().args([
            "new",
            "session",
            "--kind",
            "kickoff",
            "--date",
            kickoff_date,
            "--lang",
            "en",
        ])
        .arg(&dir),
    );
    assert_eq!(code, 2, "the template already has a kick-off on that date");
    let (code, _) = stdout(
        al().args(["new", "session", "--kind", "workshop", "--date", "2026-03-16"])
            .arg(&dir),
    );
    assert_eq!(code, 0);
    let s = std::fs::read_to_string(dir.join("sessions/2026-03-16-workshop-1.yaml")).expect("session");
    assert!(
        s.starts_with("# yaml-language-server: $schema=../.al/schema/session.json\n"),
        "{s}"
    );
    // al init writes al.toml's schema too.
    assert!(dir.join(".al/schema/config.json").is_file());
    // A program not made by al init has no schemas: al new writes the one its
    // header names, and never replaces one that is there.
    let bare = tmp.path().join("bare");
    copy_example(&bare);
    let (code, _) = stdout(
        al().args(["new", "session", "--kind", "workshop", "--date", "2026-10-12"])
            .arg(&bare),
    );
    assert_eq!(code, 0);
    let written: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(bare.join(".al/schema/session.json")).expect("the schema the header names"),
    )
    .expect("json");
    assert_eq!(written, schema_of("session"));
    std::fs::write(bare.join(".al/schema/subtopic.json"), "{}").expect("write");
    let (code, _) = stdout(
        al().args([
            "new",
            "subtopic",
            "pay",
            "--group",
            "g1",
            "--owner",
            "zhang",
            "--today",
            "2026-10-12",
        ])
        .arg(&bare),
    );
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(bare.join(".al/schema/subtopic.json")).expect("kept"),
        "{}"
    );
}

/// A copy of the talent-retention example (which has no .al folder).
fn copy_example(to: &Path) {
    let from = Path::new("examples/talent-retention");
    for entry in walk(from) {
        let rel = entry.strip_prefix(from).expect("inside");
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &target).expect("copy");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
