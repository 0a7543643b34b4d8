//! The overall action plan in the report: each milestone planned and as
//! the record shows it, the next ones, the late ones among what needs a
//! leader's attention, and the plan in the timeline's text.

mod common;

use al::config::Lang;
use al::report::DocFormat;
use std::path::Path;

fn date(text: &str) -> al::model::Date {
    al::dates::parse_date(text).expect("date")
}

fn report(dir: &Path, format: DocFormat, lang: Lang, today: &str) -> String {
    al::report::report_as(format, dir, Some(lang), date(today), None).expect("renders")
}

/// The report's summary, up to the first numbered section.
fn summary(report: &str) -> &str {
    let end = report
        .find("## 一、")
        .or_else(|| report.find("## 1. "))
        .expect("section 1");
    &report[..end]
}

/// The line of the plan's table that starts with a milestone's name.
fn row<'a>(report: &'a str, name: &str) -> &'a str {
    let start = format!("| {name} |");
    report
        .lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no row {name}:\n{report}"))
}

/// A copy of talent-retention whose second workshop is held three weeks
/// after its planned date (2026-05-11 → 2026-06-01).
fn workshop_2_late(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let dir = common::example_copy(tmp);
    common::edit(
        &dir.join("sessions/2026-05-11-workshop-2.yaml"),
        "date: 2026-05-11",
        "date: 2026-06-01",
    );
    dir
}

#[test]
fn a_workshop_held_three_weeks_late_is_21_days_late_and_20_before_it_is_held() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = workshop_2_late(&tmp);

    let held = report(&dir, DocFormat::Markdown, Lang::Zh, "2026-06-15");
    assert_eq!(
        row(&held, "第二次研讨会"),
        "| 第二次研讨会 | 2026-05-11 | 2026-06-01 | **晚 21 天** | — | 全体 | — |"
    );
    assert!(!summary(&held).contains("第二次研讨会已比计划"), "{held}");

    let before = report(&dir, DocFormat::Markdown, Lang::Zh, "2026-05-31");
    assert!(
        summary(&before).contains("- 第二次研讨会已比计划（5月11日）晚 20 天，尚无记录。"),
        "{before}"
    );
    assert_eq!(
        row(&before, "第二次研讨会"),
        "| 第二次研讨会 | 2026-05-11 | — | **已晚 20 天，尚无记录** | — | 全体 | — |"
    );

    let en = report(&dir, DocFormat::Markdown, Lang::En, "2026-05-31");
    assert!(
        summary(&en)
            .contains("- Workshop 2 is 20 days behind the plan (11 May), with nothing in the record yet."),
        "{en}"
    );
    let en = report(&dir, DocFormat::Markdown, Lang::En, "2026-06-15");
    assert!(
        row(&en, "Workshop 2").contains("| 2026-06-01 | **21 days late** |"),
        "{en}"
    );
}

#[test]
fn the_timeline_says_planned_and_actual() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = workshop_2_late(&tmp);
    let html = report(&dir, DocFormat::Html, Lang::Zh, "2026-06-15");
    assert!(
        html.contains("第二次研讨会：计划5月11日，实际6月1日，晚 21 天"),
        "the chart's description: {html}"
    );
    assert!(html.contains("项目时间轴：六个步骤、总体行动方案（计划与实际）与各组活动"));
    let before = report(&dir, DocFormat::Html, Lang::En, "2026-05-31");
    assert!(
        before.contains("Workshop 2: planned 11 May, 20 days late, not recorded yet"),
        "{before}"
    );
    assert!(before.contains("late, nothing recorded"), "the legend: {before}");
}

#[test]
fn the_next_milestone_is_the_plan_s() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::example_copy(&tmp);
    let zh = report(&dir, DocFormat::Markdown, Lang::Zh, "2026-06-15");
    assert!(
        summary(&zh).contains("按总体行动方案，下一个节点是第三次研讨会（7月6日），还有 3 周。"),
        "{zh}"
    );
    let next = &zh[zh.find("**接下来的里程碑**").expect("next")..];
    let next: Vec<&str> = next.lines().skip(2).take_while(|l| l.starts_with("- ")).collect();
    assert_eq!(
        next,
        [
            "- 2026-07-06 第三次研讨会",
            "- 2026-08-17 提交初步方案",
            "- 2026-08-24 方案评审（负责人：杨帆）",
        ]
    );
}

#[test]
fn without_a_plan_the_section_says_how_to_write_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::example_copy(&tmp);
    std::fs::remove_file(dir.join("plan.yaml")).expect("rm");
    for (lang, words) in [
        (
            Lang::Zh,
            "没有总体行动方案（plan.yaml）。可用 `al new plan --start YYYY-MM-DD`",
        ),
        (
            Lang::En,
            "No overall action plan (plan.yaml). `al new plan --start YYYY-MM-DD`",
        ),
    ] {
        let md = report(&dir, DocFormat::Markdown, lang, "2026-09-30");
        assert!(md.contains(words), "{md}");
        assert!(!md.contains("| 里程碑 |") && !md.contains("| Milestone |"));
        let html = report(&dir, DocFormat::Html, lang, "2026-09-30");
        assert!(
            html.contains("<code>al new plan --start YYYY-MM-DD</code>"),
            "{html}"
        );
        assert!(!html.contains("计划的里程碑") && !html.contains("milestone planned"));
    }
}

#[test]
fn an_unreadable_plan_is_named_with_the_other_unreadable_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::example_copy(&tmp);
    let path = dir.join("plan.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{text}  - {{ kind: [unclosed\n")).expect("write");
    for format in [DocFormat::Markdown, DocFormat::Html] {
        let zh = report(&dir, format, Lang::Zh, "2026-09-30");
        assert!(zh.contains("以下文件有错误，无法读取：plan.yaml。"), "{zh}");
        assert!(
            zh.contains("plan.yaml 有错误，无法读取，本节从略；请先用 al check 修正。"),
            "{zh}"
        );
        assert!(!zh.contains("没有总体行动方案"), "not called missing: {zh}");
        let en = report(&dir, format, Lang::En, "2026-09-30");
        assert!(
            en.contains("these files have errors and cannot be read: plan.yaml."),
            "{en}"
        );
    }
}

#[test]
fn a_broken_team_file_leaves_no_ids_in_the_plan() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::example_copy(&tmp);
    let team = dir.join("team.yaml");
    let text = std::fs::read_to_string(&team).expect("team.yaml");
    std::fs::write(&team, format!("{text}  - {{ id: x, name: [unclosed\n")).expect("write");
    let md = report(&dir, DocFormat::Markdown, Lang::Zh, "2026-09-30");
    let proposals = row(&md, "提交初步方案");
    assert!(
        !proposals.contains("g1") && !proposals.contains("全体"),
        "{proposals}"
    );
    assert!(!row(&md, "调研").contains("zhou"));
}
