//! `al portfolio`: the program office's dashboard over a folder of programs —
//! the examples in both languages and JSON, a generated portfolio whose
//! attention list names each kind of trouble, the same bytes whatever the
//! number of threads, `al report` on a folder of programs, and valid HTML.

mod common;
use common::*;

#[allow(dead_code)]
#[path = "tools/support.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-09-30";
/// The day the generated portfolio is looked at.
const GEN_TODAY: &str = "2026-04-20";

#[test]
fn the_examples_dashboard_in_both_languages_and_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, args) in [
        ("examples_zh", &["--lang", "zh"][..]),
        ("examples_en", &["--lang", "en"][..]),
        ("examples_json", &["--lang", "en", "--format", "json"][..]),
    ] {
        let (code, out, err) = al(
            root,
            &[&["portfolio", "examples", "--today", TODAY][..], args].concat(),
        );
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(name, out);
    }
}

/// Writes a program: the clean fixture program under `dir/name`, titled
/// `title`, in `batch`, with `edit` applied to its files.
fn make(dir: &Path, name: &str, title: &str, batch: Option<&str>, more: &[(&str, &str)]) -> PathBuf {
    let p = dir.join(name);
    copy_dir(Path::new("tests/fixtures/AL201/pass"), &p);
    edit(&p.join("topic.yaml"), "如何缩短新员工上手时间", title);
    if let Some(b) = batch {
        let topic = fs::read_to_string(p.join("topic.yaml")).expect("topic");
        fs::write(p.join("topic.yaml"), format!("{topic}batch: {b}\n")).expect("write");
    }
    for (file, text) in more {
        let path = p.join(file);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    p
}

const MEETING: &str = "kind: group-meeting
title: 小组会议
date: 2026-04-10
groups: [g1]
attendees: [zhang, li, wang, chen]
learning_officer: li
actions:
  - { task: 访谈五位新员工, owner: zhang, due: 2026-04-30 }
";

/// Two batches and a program without one: an overdue action, a group that
/// has stopped meeting, a budget overspent and a team.yaml that does not
/// parse, each in its own program.
fn generated(tmp: &tempfile::TempDir) -> PathBuf {
    fs::create_dir_all(tmp.path().join(".git")).expect("git marker");
    let root = tmp.path().join("programs");
    let overdue = MEETING.replace("2026-04-30", "2026-04-12");
    make(
        &root,
        "a-overdue",
        "如何缩短报销周期",
        Some("2026-A"),
        &[("sessions/2026-04-10-meeting.yaml", &overdue)],
    );
    make(&root, "b-stalled", "如何提高客户满意度", Some("2026-A"), &[]);
    let p = make(
        &root,
        "c-overspent",
        "如何降低采购成本",
        Some("2026-B"),
        &[("sessions/2026-04-10-meeting.yaml", MEETING)],
    );
    let topic = fs::read_to_string(p.join("topic.yaml")).expect("topic");
    let budget =
        "currency: CNY\nbudget:\n  - { item: 专家费, category: experts, planned: 10000, spent: 12000 }\n";
    fs::write(p.join("topic.yaml"), format!("{topic}{budget}")).expect("write");
    let p = make(
        &root,
        "d-broken",
        "如何减少设备停机",
        Some("2026-B"),
        &[("sessions/2026-04-10-meeting.yaml", MEETING)],
    );
    fs::write(p.join("team.yaml"), "people: [\n  - { id: zhang\n").expect("write");
    make(
        &root,
        "e-unbatched",
        "如何改进内部沟通",
        None,
        &[("sessions/2026-04-10-meeting.yaml", MEETING)],
    );
    root
}

#[test]
fn the_attention_list_names_each_kind_of_trouble() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = generated(&tmp);
    let (code, out, err) = al(
        tmp.path(),
        &["portfolio", "programs", "--today", GEN_TODAY, "--lang", "zh"],
    );
    assert_eq!(code, 0, "{err}");
    let attention: Vec<&str> = out
        .split("## 需要关注")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("attention section")
        .lines()
        .filter(|l| l.starts_with("- "))
        .collect();
    let has = |program: &str, what: &str| attention.iter().any(|l| l.contains(program) && l.contains(what));
    assert!(
        has("《如何缩短报销周期》", "1 项行动已逾期，最久的已逾期 8 天"),
        "{out}"
    );
    assert!(has("《如何提高客户满意度》", "还没有开过小组会议"), "{out}");
    assert!(
        has("《如何降低采购成本》", "预算已超支（已使用计划的 120%）"),
        "{out}"
    );
    assert!(
        has("《如何减少设备停机》", "有文件无法读取（team.yaml）"),
        "{out}"
    );
    assert!(has("《如何减少设备停机》", "处错误需要更正"), "{out}");
    assert_eq!(attention.len(), 5, "nothing else: {out}");
    // The broken program is a row, not a missing one; batches in order, the unbatched last.
    let a = out.find("## 批次 2026-A").expect("batch A");
    let b = out.find("## 批次 2026-B").expect("batch B");
    let none = out.find("## 未注明批次").expect("no batch");
    assert!(a < b && b < none, "{out}");
    assert!(out.contains("| 如何减少设备停机（有文件无法读取） |"), "{out}");
    // The same people are members of every program: shared across the running ones.
    assert!(out.contains("- 张伟：《如何缩短报销周期》"), "{out}");
    insta::assert_snapshot!(
        "generated_zh",
        out.replace(&root.display().to_string(), "programs")
    );

    // A Chinese portfolio is Chinese without --lang, in HTML too.
    let (_, plain, _) = al(tmp.path(), &["portfolio", "programs", "--today", GEN_TODAY]);
    assert_eq!(plain, out);
    let (_, html, _) = al(
        tmp.path(),
        &["portfolio", "programs", "--today", GEN_TODAY, "--format", "html"],
    );
    for english in [
        "Needs attention",
        "Batch",
        "Facilitator",
        "Programs",
        "step",
        "Made by",
    ] {
        assert!(!html.contains(english), "{english} in the Chinese dashboard");
    }
    assert!(html.contains("<html lang=\"zh-CN\">"));
}

#[test]
fn the_same_bytes_whatever_the_number_of_threads() {
    let tmp = tempfile::tempdir().expect("tmp");
    generated(&tmp);
    let many: Vec<String> = (1..=12).map(|i| format!("programs/copy-{i:02}")).collect();
    for m in &many {
        copy_dir(&tmp.path().join("programs/a-overdue"), &tmp.path().join(m));
    }
    for format in ["markdown", "json", "html"] {
        let run = |j: &str| {
            let (code, out, err) = al(
                tmp.path(),
                &[
                    "portfolio",
                    "programs",
                    "--today",
                    GEN_TODAY,
                    "--format",
                    format,
                    "-j",
                    j,
                ],
            );
            assert_eq!(code, 0, "{err}");
            out
        };
        let one = run("1");
        assert_eq!(one, run("4"), "{format}");
        assert_eq!(one, run("3"), "{format}");
    }
}

#[test]
fn report_on_a_folder_of_programs_points_at_portfolio() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (lang, words) in [("zh", "al portfolio examples"), ("en", "al portfolio examples")] {
        let (code, out, err) = al(root, &["report", "examples", "--lang", lang, "--today", TODAY]);
        assert_eq!(code, 2, "{out}");
        assert!(err.contains(words), "{err}");
        assert!(err.contains('2'), "names how many: {err}");
    }
    let (_, _, zh) = al(root, &["report", "examples", "--lang", "zh"]);
    assert!(zh.starts_with("错误: "), "{zh}");
}

#[test]
fn a_folder_without_programs_is_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::create_dir_all(tmp.path().join("empty")).expect("mkdir");
    let (code, out, err) = al(tmp.path(), &["portfolio", "empty", "--lang", "en"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("no action learning program found"), "{err}");
}

#[test]
fn output_to_a_file_chooses_the_format_by_extension() {
    let tmp = tempfile::tempdir().expect("tmp");
    generated(&tmp);
    for (file, start) in [("p.html", "<!doctype html>"), ("p.json", "{"), ("p.md", "# ")] {
        let (code, _, err) = al(
            tmp.path(),
            &["portfolio", "programs", "--today", GEN_TODAY, "-o", file],
        );
        assert_eq!(code, 0, "{err}");
        let text = fs::read_to_string(tmp.path().join(file)).expect("written");
        assert!(text.starts_with(start), "{file}: {text}");
    }
}

#[test]
fn html_dashboards_are_valid_html() {
    if !support::have("html_dashboards_are_valid_html", &[support::vnu_tool()]) {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    generated(&tmp);
    let mut files = Vec::new();
    for lang in ["zh", "en"] {
        for (name, dir, today) in [
            ("examples", support::root().join("examples"), TODAY),
            ("generated", tmp.path().join("programs"), GEN_TODAY),
        ] {
            let f = tmp.path().join(format!("portfolio-{name}-{lang}.html"));
            let (code, _, err) = al(
                tmp.path(),
                &[
                    "portfolio",
                    &dir.display().to_string(),
                    "--format",
                    "html",
                    "--lang",
                    lang,
                    "--today",
                    today,
                    "-o",
                    &f.display().to_string(),
                ],
            );
            assert_eq!(code, 0, "{err}");
            files.push(f);
        }
    }
    let errors = support::vnu(&files);
    let list: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.file, e.message))
        .collect();
    assert!(errors.is_empty(), "{}", list.join("\n"));
}

#[test]
fn since_a_revision_says_what_moved_across_the_portfolio() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = generated(&tmp);
    fs::remove_dir_all(tmp.path().join(".git")).expect("marker");
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["commit", "-q", "-m", "first"]);
    edit(&root.join("b-stalled/topic.yaml"), "stage: 3", "stage: 4");
    make(&root, "f-new", "如何缩短交付周期", Some("2026-B"), &[]);
    let (code, out, err) = al(
        tmp.path(),
        &[
            "portfolio",
            "programs",
            "--today",
            GEN_TODAY,
            "--lang",
            "zh",
            "--since",
            "HEAD",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let moved = out
        .split("## 自 HEAD 以来的进展")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("moved section");
    let lines: Vec<&str> = moved.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        lines,
        [
            "- 《如何提高客户满意度》：从第 3 步进入第 4 步：初步方案评审与决策。",
            "- 《如何缩短交付周期》：新启动的项目。",
        ],
        "{out}"
    );
    let (_, json, _) = al(
        tmp.path(),
        &[
            "portfolio",
            "programs",
            "--today",
            GEN_TODAY,
            "--format",
            "json",
            "--since",
            "HEAD",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["since"], "HEAD");
    assert_eq!(
        v["batches"][0]["programs"][1]["moved"]["advanced"],
        serde_json::json!([3, 4])
    );
    // The facilitator took on the new program's group since then (培养促进师).
    let f = &v["facilitators"][0];
    assert_eq!(
        (
            &f["programs"],
            &f["programs_then"],
            &f["groups"],
            &f["groups_then"]
        ),
        (
            &serde_json::json!(f["programs_then"].as_u64().expect("then") + 1),
            &f["programs_then"],
            &serde_json::json!(f["groups_then"].as_u64().expect("then") + 1),
            &f["groups_then"]
        ),
        "{f}"
    );
    assert!(out.contains("（原 "), "the change is shown: {out}");

    // Not a git repository: exit 2, as for `al report --since`.
    let other = tempfile::tempdir().expect("tmp");
    make(other.path(), "p", "如何缩短交付周期", None, &[]);
    let (code, _, _) = al(other.path(), &["portfolio", ".", "--since", "HEAD"]);
    assert_eq!(code, 2);
}

#[test]
fn a_folder_output_writes_the_dashboard_and_a_report_per_program() {
    let tmp = tempfile::tempdir().expect("tmp");
    generated(&tmp);
    let (code, _, err) = al(
        tmp.path(),
        &["portfolio", "programs", "--today", GEN_TODAY, "-o", "out/"],
    );
    assert_eq!(code, 0, "{err}");
    let index = fs::read_to_string(tmp.path().join("out/index.html")).expect("index");
    for name in ["a-overdue", "b-stalled", "c-overspent", "d-broken", "e-unbatched"] {
        let file = format!("{name}.html");
        assert!(index.contains(&format!("<a href=\"{file}\">")), "{name}: {index}");
        let report = fs::read_to_string(tmp.path().join("out").join(&file)).expect("report");
        assert!(report.starts_with("<!doctype html>"), "{name}");
    }
}
