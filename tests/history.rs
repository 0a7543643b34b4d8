//! History through git: a real repository in a temp folder, two commits of a
//! program, and the comparison of the two models.

mod common;
use common::*;

use std::fs;
use std::path::Path;

fn git_out(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `al report --since HEAD~1` of the example, in English.
const REPORT_SINCE_EN: [&str; 8] = [
    "report",
    "tr",
    "--since",
    "HEAD~1",
    "--today",
    "2026-09-30",
    "--lang",
    "en",
];

/// A repository with two commits of the Chinese example: the second adds a
/// member, deepens a sub-topic, completes an action and adds a session.
fn repo() -> tempfile::TempDir {
    let tmp = example_repo();
    let root = tmp.path();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "first report"]);
    let tr = root.join("tr");
    edit(
        &tr.join("team.yaml"),
        "  - { id: huang,",
        "  - { id: gao, name: 高远, department: 信息部, level: 员工, consent: 2026-09-10 }\n  - { id: huang,",
    );
    edit(
        &tr.join("team.yaml"),
        "members: [zhou, wu, zheng, sun, huang]",
        "members: [zhou, wu, zheng, sun, huang, gao]",
    );
    edit(
        &tr.join("subtopics/career-path.yaml"),
        "status: active",
        "status: deepened",
    );
    edit(
        &tr.join("sessions/2026-09-14-g1-meeting.yaml"),
        "status: open",
        "status: done",
    );
    fs::write(
        tr.join("sessions/2026-09-15-g2-meeting.yaml"),
        "kind: group-meeting\ntitle: 第二组第七次小组会议\ndate: 2026-09-15\ngroups: [g2]\nactions:\n  - { task: 整理试点反馈, owner: gao, due: 2026-10-20 }\n",
    )
    .expect("write");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "second report"]);
    tmp
}

#[test]
fn diff_lists_exactly_what_changed() {
    let tmp = repo();
    let (code, out, err) = al(tmp.path(), &["diff", "HEAD~1", "tr", "--today", "2026-09-30"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("diff_zh", out);
    assert!(out.starts_with("## 自 HEAD~1（2026-09-01）以来的变化"));
    assert!(out.contains("- 新增：高远（gao）"));
    assert!(out.contains(
        "- 深入：如何为技术骨干建立管理与专业双通道的职业发展路径?（career-path） — 进行中 → 已深入"
    ));
    assert!(out.contains("- 已完成：收集试行首月离职与满意度数据"));
    assert!(out.contains("- 新增：第二组第七次小组会议"));
    // Between two revisions, and as JSON.
    let (code, json, _) = al(
        tmp.path(),
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "tr",
            "--format",
            "json",
            "--lang",
            "en",
            "--today",
            "2026-09-30",
        ],
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    // The records are the same in every language: no words, only values.
    let (_, json_zh, _) = al(
        tmp.path(),
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "tr",
            "--format",
            "json",
            "--lang",
            "zh",
            "--today",
            "2026-09-30",
        ],
    );
    assert_eq!(json, json_zh);
    let mut shown = v.clone();
    shown["since_commit"] = serde_json::json!("[commit]");
    shown["until_commit"] = serde_json::json!("[commit]");
    insta::assert_json_snapshot!("diff_json", shown);
    let hows = pairs(&v["changes"], "what", "how");
    for expected in [
        ("person", "added"),
        ("role", "changed"),
        ("subtopic", "deepened"),
        ("session", "added"),
        ("action", "completed"),
        ("action", "added"),
    ] {
        assert!(
            hows.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} in {hows:?}"
        );
    }
    // Nothing in the user's repository was touched.
    assert_eq!(git_out(tmp.path(), &["status", "--porcelain"]), "");
    assert_eq!(git_out(tmp.path(), &["worktree", "list"]).lines().count(), 1);
}

#[test]
fn report_since_adds_the_section_in_the_report_s_language() {
    let tmp = repo();
    let (code, out, err) = al(
        tmp.path(),
        &["report", "tr", "--since", "HEAD~1", "--today", "2026-09-30"],
    );
    assert_eq!(code, 0, "{err}");
    let start = out.find("## 自 HEAD~1").expect("section");
    let end = out.find("## 一、项目阶段").expect("next section");
    insta::assert_snapshot!("report_since_zh", &out[start..end]);
    let (_, en, _) = al(tmp.path(), &REPORT_SINCE_EN);
    assert!(en.contains("## Changes since HEAD~1 (2026-09-01)"), "{en}");
    // The report names people without their ids (al diff shows both).
    assert!(en.contains("- added: 高远\n"), "{en}");
}

#[test]
fn errors_are_clear_and_exit_2() {
    let tmp = repo();
    let (code, _, err) = al(tmp.path(), &["diff", "no-such-rev", "tr"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown revision `no-such-rev`"), "{err}");
    let outside = tempfile::tempdir().expect("tmp");
    copy_dir(
        Path::new("examples/complaint-resolution"),
        &outside.path().join("p"),
    );
    let (code, _, err) = al(outside.path(), &["diff", "HEAD", "p"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not inside a git repository"), "{err}");
    let (code, _, err) = al(outside.path(), &["report", "p", "--since", "HEAD"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_program_that_did_not_exist_is_all_new_with_a_note() {
    let tmp = repo();
    let root = tmp.path();
    copy_dir(Path::new("examples/complaint-resolution"), &root.join("cr"));
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "new program"]);
    let (code, out, err) = al(
        root,
        &["diff", "HEAD~1", "cr", "--today", "2026-09-30", "--lang", "en"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("> the program did not exist at HEAD~1: everything below is new."),
        "{out}"
    );
    assert!(out.contains("- added: Ana Silva (ana)"));
    let (_, json, _) = al(
        root,
        &[
            "diff",
            "HEAD~1",
            "cr",
            "--today",
            "2026-09-30",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["notes"], serde_json::json!([{ "kind": "did-not-exist" }]));
    assert_eq!(v["existed"], false);
    assert_eq!(v["until"], serde_json::Value::Null, "the working tree");
}

#[test]
fn a_broken_file_at_the_revision_is_a_note_not_a_crash() {
    let tmp = repo();
    let root = tmp.path();
    fs::write(
        root.join("tr/sessions/2026-09-14-g1-meeting.yaml"),
        "kind: [broken\n",
    )
    .expect("write");
    git(root, &["commit", "-qam", "broken"]);
    fs::write(
        root.join("tr/sessions/2026-09-14-g1-meeting.yaml"),
        "kind: group-meeting\ndate: 2026-09-14\ngroups: [g1]\n",
    )
    .expect("write");
    let (code, out, err) = al(root, &["diff", "HEAD", "tr", "--today", "2026-09-30"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("该版本中无法读取的文件：sessions/2026-09-14-g1-meeting.yaml:1:"),
        "{out}"
    );
    let (_, json, _) = al(
        root,
        &["diff", "HEAD", "tr", "--today", "2026-09-30", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let note = &v["notes"][0];
    assert_eq!(note["kind"], "unreadable", "{json}");
    assert_eq!(note["file"], "sessions/2026-09-14-g1-meeting.yaml");
    assert_eq!(
        (note["line"].as_u64(), note["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(note["message"].as_str().is_some_and(|m| !m.is_empty()), "{json}");
}

#[test]
fn the_section_is_a_template_a_program_can_override() {
    let tmp = repo();
    let tr = tmp.path().join("tr");
    fs::create_dir_all(tr.join("templates")).expect("mkdir");
    fs::write(
        tr.join("templates/changes.md.tera"),
        "## Since {{ changes.since }}\n\n{% for c in changes.changes %}- {{ c.what }} {{ c.how }}{% if c.what == \"subtopic\" %} ({{ words.subtopic_statuses[c.after] }}){% endif %}\n{% endfor %}",
    )
    .expect("write");
    let (code, out, err) = al(tmp.path(), &["diff", "HEAD~1", "tr", "--today", "2026-09-30"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "## Since HEAD~1\n\n- person added\n- role changed\n- subtopic deepened (已深入)\n- session added\n- action completed\n- action added\n"
    );
    let (code, report, err) = al(tmp.path(), &REPORT_SINCE_EN);
    assert_eq!(code, 0, "{err}");
    assert!(report.contains("## Since HEAD~1\n\n- person added\n"), "{report}");
    assert!(report.contains("- subtopic deepened (deepened)\n"), "{report}");
    assert!(!report.contains("Changes since"), "{report}");
}

/// A repository where, commit by commit, a proposal is submitted, approved,
/// a metric measured again (with a cause and a countermeasure added, a
/// budget line spent and one added) and an open action's due date moved
/// (and a new action recorded already done).
fn what_moved_repo() -> tempfile::TempDir {
    let tmp = example_repo();
    let root = tmp.path();
    let tr = root.join("tr");
    let career = tr.join("subtopics/career-path.yaml");
    let submitted = "  submitted: 2026-08-17\n";
    let review =
        "  review: { date: 2026-08-24, by: [李明, 王建国], decision: approved, notes: 先在两个研发部试行 }\n";
    edit(&career, &format!("{submitted}{review}"), "");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "before"]);
    let summary = "  summary: 《技术人员双通道职业发展办法》\n";
    edit(&career, summary, &format!("{summary}{submitted}"));
    git(root, &["commit", "-qam", "submit"]);
    edit(&career, submitted, &format!("{submitted}{review}"));
    git(root, &["commit", "-qam", "approve"]);
    let attrition = tr.join("subtopics/reduce-attrition.yaml");
    edit(
        &attrition,
        "actual: 16.5, measured: 2026-09-28",
        "actual: 14.2, measured: 2026-10-28",
    );
    edit(
        &attrition,
        "    - 技术人员晋升只能走管理岗\n",
        "    - 技术人员晋升只能走管理岗\n    - 新员工导师制度流于形式\n",
    );
    edit(
        &attrition,
        "    - 与第二组的双通道方案衔接\n",
        "    - 与第二组的双通道方案衔接\n    - 恢复导师津贴并纳入考核\n",
    );
    edit(
        &tr.join("topic.yaml"),
        "planned: 30000, spent: 18000 }",
        "planned: 30000, spent: 24000 }\n  - { item: 导师津贴, category: other, planned: 6000 }",
    );
    git(root, &["commit", "-qam", "measure"]);
    let meeting = tr.join("sessions/2026-09-14-g1-meeting.yaml");
    edit(
        &meeting,
        "due: 2026-10-12, status: open",
        "due: 2026-10-26, status: open",
    );
    fs::write(
        &meeting,
        fs::read_to_string(&meeting).expect("read")
            + "  - { task: 向研发中心通报试行安排, owner: li, due: 2026-09-20, status: done, subtopic: reduce-attrition }\n",
    )
    .expect("write");
    git(root, &["commit", "-qam", "move a due date"]);
    tmp
}

#[test]
fn diff_tells_what_moved() {
    let tmp = what_moved_repo();
    let args = |extra: &[&'static str]| {
        let mut a = vec!["diff", "HEAD~4", "HEAD", "tr", "--today", "2026-09-30"];
        a.extend_from_slice(extra);
        a
    };
    let (code, zh, err) = al(tmp.path(), &args(&[]));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("what_moved_zh", zh);
    assert!(zh.starts_with("## HEAD~4（"), "{zh}");
    assert!(zh.contains("至 HEAD（"), "{zh}");
    assert!(zh.contains("- 提交方案："), "{zh}");
    assert!(zh.contains("— 通过（李明、王建国，2026-08-24）"), "{zh}");
    assert!(zh.contains("— 16.5 → 14.2 %（目标 10，2026-10-28 测量）"), "{zh}");
    assert!(zh.contains("从 2026-10-12 改到 2026-10-26"), "{zh}");
    assert!(
        zh.contains(
            "- 新增：析原因 · 如何降低核心技术人员的流失率?（reduce-attrition） — 新员工导师制度流于形式"
        ),
        "{zh}"
    );
    assert!(
        zh.contains("- 支出：外部专家辅导 — 18000 → 24000 CNY（预算 30000）"),
        "{zh}"
    );
    assert!(zh.contains("- 记录为已完成：向研发中心通报试行安排"), "{zh}");
    let (code, en, err) = al(tmp.path(), &args(&["--lang", "en"]));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("what_moved_en", en);
    assert!(en.contains("— approved (李明, 王建国, 2026-08-24)"), "{en}");
    assert!(en.contains("from 2026-10-12 to 2026-10-26"), "{en}");
    let (code, json, err) = al(tmp.path(), &args(&["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
    v["since_commit"] = serde_json::json!("[commit]");
    v["until_commit"] = serde_json::json!("[commit]");
    insta::assert_json_snapshot!("what_moved_json", v);
    // Only what moved: no proposal, review or metric that stayed the same.
    let whats: Vec<&str> = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["what"].as_str())
        .collect();
    let expected = [
        "analysis", "analysis", "proposal", "review", "metric", "budget", "budget", "action", "action",
    ];
    assert_eq!(whats, expected, "{json}");
}

#[test]
fn report_since_says_a_proposal_was_approved_and_a_metric_measured() {
    let tmp = what_moved_repo();
    let (code, out, err) = al(
        tmp.path(),
        &["report", "tr", "--since", "HEAD~3", "--today", "2026-09-30"],
    );
    assert_eq!(code, 0, "{err}");
    let start = out.find("## 自 HEAD~3").expect("section");
    let end = out.find("## 一、项目阶段").expect("next section");
    let section = &out[start..end];
    assert!(section.contains("**评审决定**"), "{section}");
    assert!(section.contains("**指标测量**"), "{section}");
    assert!(
        !section.contains("**方案提交**"),
        "submitted before HEAD~3: {section}"
    );
    // The summary counts the approval among the decisions since then: it
    // never says "no new decisions" over a review that decided.
    let summary = &out[..start];
    assert!(
        summary.contains("方案评审：") && summary.contains("初步方案通过"),
        "{summary}"
    );
    assert!(!summary.contains("没有记录新的决定"), "{summary}");
}

/// A repository of the Chinese example where, commit by commit, a plan is
/// added, a proposal submitted and approved, a metric measured, one due
/// date moved three times, two actions reworded (one with an `id`, one
/// without), a workshop of the plan moved and its research given to
/// another owner, and someone joins a group.
fn moved_often_repo() -> tempfile::TempDir {
    let tmp = example_repo();
    let root = tmp.path();
    let tr = root.join("tr");
    let plan = fs::read_to_string(tr.join("plan.yaml")).expect("plan");
    fs::remove_file(tr.join("plan.yaml")).expect("rm plan");
    let career = tr.join("subtopics/career-path.yaml");
    let submitted = "  submitted: 2026-08-17\n";
    let review =
        "  review: { date: 2026-08-24, by: [李明, 王建国], decision: approved, notes: 先在两个研发部试行 }\n";
    edit(&career, &format!("{submitted}{review}"), "");
    let meeting = tr.join("sessions/2026-09-14-g1-meeting.yaml");
    fs::write(
        &meeting,
        fs::read_to_string(&meeting).expect("read")
            + "  - { id: pilot-brief, task: 向研发中心通报试行安排, owner: li, due: 2026-09-30, subtopic: reduce-attrition }\n"
            + "  - { task: 整理试行首月的离职面谈记录, owner: liu, due: 2026-10-20, subtopic: reduce-attrition }\n",
    )
    .expect("write");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "before"]);
    fs::write(tr.join("plan.yaml"), &plan).expect("plan");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "the overall action plan"]);
    let summary = "  summary: 《技术人员双通道职业发展办法》\n";
    edit(&career, summary, &format!("{summary}{submitted}"));
    git(root, &["commit", "-qam", "submit"]);
    edit(&career, submitted, &format!("{submitted}{review}"));
    git(root, &["commit", "-qam", "approve"]);
    edit(
        &tr.join("subtopics/reduce-attrition.yaml"),
        "actual: 16.5, measured: 2026-09-28",
        "actual: 14.2, measured: 2026-10-28",
    );
    git(root, &["commit", "-qam", "measure"]);
    for (from, to) in [
        ("2026-10-12", "2026-10-26"),
        ("2026-10-26", "2026-11-09"),
        ("2026-11-09", "2026-11-23"),
    ] {
        edit(
            &meeting,
            &format!("owner: wang, due: {from}"),
            &format!("owner: wang, due: {to}"),
        );
        git(root, &["commit", "-qam", "move the data collection"]);
    }
    edit(
        &meeting,
        "task: 向研发中心通报试行安排",
        "task: 向研发中心和人力资源部说明试行的考核口径",
    );
    edit(
        &meeting,
        "task: 整理试行首月的离职面谈记录",
        "task: 整理试行首月离职面谈记录并归档",
    );
    git(root, &["commit", "-qam", "reword"]);
    edit(
        &tr.join("plan.yaml"),
        "number: 2\n    date: 2026-05-11",
        "number: 2\n    date: 2026-06-01",
    );
    edit(&tr.join("plan.yaml"), "owner: zhou", "owner: wu");
    edit(
        &tr.join("team.yaml"),
        "  - { id: huang,",
        "  - { id: gao, name: 高远, department: 信息部, level: 员工, consent: 2026-09-10 }\n  - { id: huang,",
    );
    edit(
        &tr.join("team.yaml"),
        "members: [zhou, wu, zheng, sun, huang]",
        "members: [zhou, wu, zheng, sun, huang, gao]",
    );
    git(root, &["commit", "-qam", "move workshop 2; gao joins"]);
    tmp
}

#[test]
fn diff_calls_out_an_action_moved_three_times_and_shows_the_plan() {
    let tmp = moved_often_repo();
    let diff = |extra: &[&'static str]| {
        let mut a = vec!["diff", "HEAD~8", "tr", "--today", "2026-09-30"];
        a.extend_from_slice(extra);
        al(tmp.path(), &a)
    };
    let (code, zh, err) = diff(&[]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("moved_often_zh", zh);
    assert!(
        zh.contains("- 改期：第二次研讨会 — 从 2026-05-11 改到 2026-06-01（推迟 21 天）"),
        "{zh}"
    );
    assert!(
        zh.contains("- 更换负责人：调研 — 周敏（zhou） → 吴磊（wu）"),
        "{zh}"
    );
    assert!(
        zh.contains("从 2026-10-12 改到 2026-11-23 **（第 3 次改期，需关注）**"),
        "{zh}"
    );
    assert!(
        zh.contains("- 改写：向研发中心和人力资源部说明试行的考核口径 — 原为：向研发中心通报试行安排"),
        "{zh}"
    );
    assert!(
        zh.contains("- 改写：整理试行首月离职面谈记录并归档 — 原为：整理试行首月的离职面谈记录"),
        "{zh}"
    );
    assert!(zh.contains("- 高远（gao） 加入 第二组（成员）"), "{zh}");
    assert!(
        !zh.contains("- 新增：向研发中心"),
        "one change, not added and removed: {zh}"
    );
    let (code, en, err) = diff(&["--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("moved_often_en", en);
    assert!(
        en.contains("- moved: Workshop 2 — from 2026-05-11 to 2026-06-01 (21 days later)"),
        "{en}"
    );
    assert!(
        en.contains("from 2026-10-12 to 2026-11-23 **(moved for the 3rd time — needs attention)**"),
        "{en}"
    );
    assert!(en.contains("- 高远 (gao) joined 第二组 (member)"), "{en}");
    let (code, json, err) = diff(&["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
    v["since_commit"] = serde_json::json!("[commit]");
    insta::assert_json_snapshot!("moved_often_json", v);
    let moved = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["what"] == "action" && c["how"] == "rescheduled")
        .expect("rescheduled");
    assert_eq!(moved["subject"]["moved"], 3, "{moved}");
    assert_eq!(moved["subject"]["attention"], true, "{moved}");
    // Before the plan existed, it is one change: the plan added.
    let (code, out, err) = al(
        tmp.path(),
        &["diff", "HEAD~9", "HEAD~7", "tr", "--today", "2026-09-30"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("**总体行动方案**\n\n- 新增：总体行动方案 — 2026-03-16 制定，共 10 个里程碑\n\n"),
        "{out}"
    );
}

#[test]
fn report_since_tells_what_moved_in_chinese() {
    let tmp = moved_often_repo();
    let (code, out, err) = al(
        tmp.path(),
        &["report", "tr", "--since", "HEAD~8", "--today", "2026-09-30"],
    );
    assert_eq!(code, 0, "{err}");
    let start = out.find("## 自 HEAD~8").expect("section");
    let end = out.find("## 一、项目阶段").expect("next section");
    let section = &out[start..end];
    insta::assert_snapshot!("moved_often_report_zh", section);
    assert!(section.contains("- 高远 加入 第二组（成员）"), "{section}");
    assert!(section.contains("（第 3 次改期，需关注）"), "{section}");
    // Moved once more in the working tree: the count goes on from HEAD.
    edit(
        &tmp.path().join("tr/sessions/2026-09-14-g1-meeting.yaml"),
        "owner: wang, due: 2026-11-23",
        "owner: wang, due: 2026-12-07",
    );
    let (code, out, err) = al(
        tmp.path(),
        &["report", "tr", "--since", "HEAD~1", "--today", "2026-09-30"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("从 2026-11-23 改到 2026-12-07 **（第 4 次改期，需关注）**"),
        "{out}"
    );
}

/// A long history: `count` commits each moving one action's due date by a
/// day, written with one `git fast-import`.
fn long_history(count: usize) -> tempfile::TempDir {
    let tmp = example_repo();
    let root = tmp.path();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "start"]);
    let meeting = "tr/sessions/2026-09-14-g1-meeting.yaml";
    let text = fs::read_to_string(root.join(meeting)).expect("read");
    let mut stream = String::new();
    let mut due = al::dates::parse_date("2026-10-12").expect("date");
    for i in 0..count {
        let next = due.tomorrow().expect("a day later");
        let body = text.replace("due: 2026-10-12", &format!("due: {next}"));
        let msg = format!("move {i}");
        let from = if i == 0 { "from refs/heads/main^0\n" } else { "" };
        stream.push_str(&format!(
            "commit refs/heads/main\ncommitter t <t@example.org> {} +0800\ndata {}\n{msg}\n{from}M 100644 inline {meeting}\ndata {}\n{body}\n",
            1_788_000_000 + i,
            msg.len(),
            body.len(),
        ));
        due = next;
    }
    let mut child = std::process::Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(root)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("fast-import");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stream.as_bytes())
        .expect("write");
    assert!(child.wait().expect("wait").success());
    git(root, &["reset", "-q", "--hard", "main"]);
    tmp
}

#[test]
fn moves_are_counted_over_a_long_history_quickly() {
    let tmp = long_history(200);
    let started = std::time::Instant::now();
    let (code, json, err) = al(
        tmp.path(),
        &[
            "diff",
            "HEAD~1",
            "tr",
            "--today",
            "2026-09-30",
            "--format",
            "json",
        ],
    );
    let took = started.elapsed();
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let moved = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["how"] == "rescheduled")
        .expect("rescheduled");
    assert_eq!(moved["subject"]["moved"], 200, "{moved}");
    eprintln!("al diff over 201 commits: {took:?}");
    assert!(took.as_secs() < 20, "{took:?}");
}

/// A new git repository (branch `main`, nothing committed) holding a copy
/// of the talent-retention example as `tr`.
fn example_repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    copy_dir(Path::new("examples/talent-retention"), &tmp.path().join("tr"));
    tmp
}
