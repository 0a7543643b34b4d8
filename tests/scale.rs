//! Many findings in one file, and templates that would render without end:
//! every format shows the first 100 findings of a rule in a file and counts
//! the rest, and a rendering stops at its bound with exit 2. Nothing here
//! is timed: the times are benches/hostile.sh's (docs/performance.md).

mod common;
use common::*;

use std::fs;
use std::path::Path;

/// A program with 250 unknown keys in topic.yaml (AL002) and 150 actions
/// for people nobody defined in its session (AL004).
fn crowded(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let dir = program(tmp);
    let topic = dir.join("topic.yaml");
    let mut text = fs::read_to_string(&topic).expect("topic");
    for i in 0..250 {
        text.push_str(&format!("unknown{i:04}: 1\n"));
    }
    fs::write(&topic, text).expect("write topic");
    let session = dir.join("sessions/2026-03-02-kickoff.yaml");
    let mut text = fs::read_to_string(&session).expect("session");
    text.push_str("actions:\n");
    for i in 0..150 {
        text.push_str(&format!(
            "  - {{ task: t{i}, owner: nobody{i:04}, due: 2026-04-30 }}\n"
        ));
    }
    fs::write(&session, text).expect("write session");
    dir
}

fn check(tmp: &tempfile::TempDir, args: &[&str]) -> (i32, String) {
    let mut all = vec!["check", "prog", "--today", "2026-03-20"];
    all.extend_from_slice(args);
    let (code, out, err) = al(tmp.path(), &all);
    assert!(err.is_empty() || !err.contains("panicked"), "{err}");
    (code, out)
}

#[test]
fn human_output_shows_the_first_hundred_and_counts_the_rest() {
    let tmp = tempfile::tempdir().expect("tmp");
    crowded(&tmp);
    let (code, out) = check(&tmp, &["--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(
        out.matches("error[AL002]: unknown key `unknown").count(),
        100,
        "{out}"
    );
    assert_eq!(out.matches("error[AL004]:").count(), 100);
    assert!(
        out.contains(
            "note[AL002]: prog/topic.yaml: and 150 more of AL002 in this file (the first 100 are shown)"
        ),
        "{out}"
    );
    assert!(out.contains(
        "note[AL004]: prog/sessions/2026-03-02-kickoff.yaml: and 50 more of AL004 in this file (the first 100 are shown)"
    ));
    // The 100th unknown key is shown, the 101st is not.
    assert!(out.contains("unknown0099") && !out.contains("unknown0100"));
    // Each note follows its file's last finding shown (sessions/ comes
    // before topic.yaml).
    let (sessions_note, topic_note) = (
        out.find("note[AL004]").expect("note"),
        out.find("note[AL002]").expect("note"),
    );
    assert!(out[..sessions_note].contains("nobody0099"));
    assert!(!out[sessions_note..].contains("error[AL004]"));
    assert!(!out[..sessions_note].contains("error[AL002]"));
    assert!(!out[topic_note..].contains("error["));
    assert!(
        out.trim_end()
            .ends_with("failed: 400 errors, 0 warnings in 1 program (4 files); 200 of them not shown"),
        "{}",
        out.lines().last().unwrap_or("")
    );
    let (_, zh) = check(&tmp, &["--lang", "zh"]);
    assert!(
        zh.contains("注意[AL002]: prog/topic.yaml: 此文件中还有 150 个 AL002 的发现（只显示前 100 个）"),
        "{zh}"
    );
    assert!(zh.trim_end().ends_with("其中 200 个未显示"), "{zh}");
}

#[test]
fn json_lists_the_first_hundred_and_says_what_was_truncated() {
    let tmp = tempfile::tempdir().expect("tmp");
    crowded(&tmp);
    let (code, out) = check(&tmp, &["--format", "json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 200);
    assert_eq!(doc["summary"]["errors"], 400);
    assert_eq!(doc["summary"]["omitted"], 200);
    let truncated = doc["truncated"].as_array().expect("truncated");
    assert_eq!(truncated.len(), 2);
    assert_eq!(truncated[0]["file"], "prog/sessions/2026-03-02-kickoff.yaml");
    assert_eq!(truncated[0]["code"], "AL004");
    assert_eq!(truncated[0]["shown"], 100);
    assert_eq!(truncated[0]["omitted"], 50);
    assert_eq!(truncated[1]["file"], "prog/topic.yaml");
    assert_eq!(truncated[1]["omitted"], 150);
    assert_eq!(truncated[1]["severity"], "error");
}

#[test]
fn five_thousand_unknown_keys_are_counted_in_every_format() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    let topic = dir.join("topic.yaml");
    let mut text = fs::read_to_string(&topic).expect("topic");
    for i in 0..5000 {
        text.push_str(&format!("k{i:05}: 1\n"));
    }
    fs::write(&topic, text).expect("write topic");
    let (code, out) = check(&tmp, &["--format", "json", "--lang", "en"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(100));
    assert_eq!(doc["findings"][99]["message"], "unknown key `k00099`");
    assert_eq!(doc["summary"]["errors"], 5000);
    assert_eq!(doc["summary"]["omitted"], 4900);
    assert_eq!(doc["truncated"][0]["file"], "prog/topic.yaml");
    assert_eq!(doc["truncated"][0]["shown"], 100);
    assert_eq!(doc["truncated"][0]["omitted"], 4900);
    for lang in ["en", "zh"] {
        let (code, out) = check(&tmp, &["--lang", lang]);
        assert_eq!(code, 1);
        assert_eq!(out.matches("[AL002]: ").count(), 101, "100 shown and a note");
        assert!(out.contains("k00099") && !out.contains("k00100"), "{out}");
        let (note, last) = match lang {
            "en" => (
                "note[AL002]: prog/topic.yaml: and 4900 more of AL002 in this file (the first 100 are shown)",
                "failed: 5000 errors, 0 warnings in 1 program (4 files); 4900 of them not shown",
            ),
            _ => (
                "注意[AL002]: prog/topic.yaml: 此文件中还有 4900 个 AL002 的发现（只显示前 100 个）",
                "未通过：5000 个错误，0 个警告，共 1 个项目（4 个文件），其中 4900 个未显示",
            ),
        };
        assert!(out.contains(note), "{out}");
        assert_eq!(out.trim_end().lines().last(), Some(last));
    }
    let (_, sarif) = check(&tmp, &["--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("sarif");
    let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["properties"]["omitted"], 4900);
    let (_, github) = check(&tmp, &["--format", "github", "--lang", "en"]);
    assert!(
        github.contains("title=AL002::and 4900 more of AL002 in this file"),
        "{github}"
    );
    let (_, junit) = check(&tmp, &["--format", "junit", "--lang", "en"]);
    assert!(junit.contains("(and 4999 more)"), "{junit}");
    // The dashboard's row counts them too.
    let args = ["portfolio", "prog", "--today", "2026-03-20", "--format", "json"];
    let (_, out, _) = al(tmp.path(), &args);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let text = doc.to_string();
    assert!(text.contains("\"errors\":5000"), "{text}");
}

#[test]
fn a_clean_run_has_no_truncated_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    program(&tmp);
    let (code, out) = check(&tmp, &["--format", "json"]);
    assert_eq!(code, 0);
    assert!(!out.contains("truncated") && !out.contains("omitted"), "{out}");
}

#[test]
fn sarif_github_and_junit_count_what_they_do_not_show() {
    let tmp = tempfile::tempdir().expect("tmp");
    crowded(&tmp);
    let (_, sarif) = check(&tmp, &["--format", "sarif", "--lang", "en"]);
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("sarif");
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().map(Vec::len), Some(200));
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 2);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(notes[1]["associatedRule"]["id"], "AL002");
    assert_eq!(notes[1]["properties"]["omitted"], 150);
    assert!(
        notes[1]["message"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("and 150 more of AL002 in this file"))
    );

    let (_, github) = check(&tmp, &["--format", "github", "--lang", "en"]);
    assert_eq!(github.lines().filter(|l| l.starts_with("::error ")).count(), 200);
    let notices: Vec<&str> = github.lines().filter(|l| l.starts_with("::notice ")).collect();
    assert_eq!(notices.len(), 2, "{github}");
    assert!(
        notices[0].contains("title=AL004::and 50 more of AL004 in this file"),
        "{}",
        notices[0]
    );

    let (_, junit) = check(&tmp, &["--format", "junit", "--lang", "en"]);
    assert!(
        junit.contains("note[AL002] and 150 more of AL002 in this file"),
        "{junit}"
    );
    // The failure message counts every failing finding but the first.
    assert!(junit.contains("(and 249 more)"), "{junit}");
    assert!(junit.contains("(and 149 more)"), "{junit}");
}

#[test]
fn the_step_summary_counts_every_finding() {
    let tmp = tempfile::tempdir().expect("tmp");
    crowded(&tmp);
    let summary = tmp.path().join("summary.md");
    let out = assert_cmd::Command::cargo_bin("al")
        .expect("bin")
        .args([
            "check",
            "prog",
            "--today",
            "2026-03-20",
            "--format",
            "github",
            "--lang",
            "en",
        ])
        .current_dir(tmp.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let md = fs::read_to_string(&summary).expect("step summary");
    assert!(md.contains("| AL002 | schema | 250 |"), "{md}");
    assert!(md.contains("| AL004 |") && md.contains("| 150 |"), "{md}");
    assert!(md.contains("| 400 | 0 |"), "{md}");
}

/// A program whose `templates/report.md.tera` is `template`.
fn with_template(tmp: &tempfile::TempDir, template: &str) {
    let dir = program(tmp);
    fs::create_dir_all(dir.join("templates")).expect("templates");
    fs::write(dir.join("templates/report.md.tera"), template).expect("template");
}

fn report(tmp: &tempfile::TempDir, lang: &str) -> (i32, String, String) {
    al(
        tmp.path(),
        &["report", "prog", "--today", "2026-03-20", "--lang", lang],
    )
}

#[test]
fn nested_ranges_stop_with_exit_2_naming_the_template() {
    let tmp = tempfile::tempdir().expect("tmp");
    with_template(
        &tmp,
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}",
    );
    let (code, out, err) = report(&tmp, "en");
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("`report.md.tera`") && err.contains("prog/templates"),
        "{err}"
    );
    assert!(err.contains("`range` gave more than 1000000 numbers"), "{err}");
    let (code, _, err) = report(&tmp, "zh");
    assert_eq!(code, 2);
    assert!(
        err.contains("`report.md.tera`") && err.contains("已停止"),
        "{err}"
    );
}

#[test]
fn a_rendering_past_64_mib_stops_with_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    // 100,000 × 700 bytes: 70 MB, within the numbers `range` may give.
    let line = "y".repeat(700);
    with_template(
        &tmp,
        &format!("{{% for i in range(end=100000) %}}{line}{{% endfor %}}"),
    );
    let (code, out, err) = report(&tmp, "en");
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("`report.md.tera`") && err.contains("its output passed 64 MiB"),
        "{err}"
    );
    // Nothing was written where -o points.
    let target = tmp.path().join("out.md");
    let (code, _, _) = al(
        tmp.path(),
        &["report", "prog", "--today", "2026-03-20", "-o", "out.md"],
    );
    assert_eq!(code, 2);
    assert!(!Path::new(&target).exists());
}
