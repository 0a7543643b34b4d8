//! Agendas and the plan: the arrangements until the next gathering (a
//! workshop's `next:`) and the plan's next milestones, as the agendas of the
//! sessions that follow show them.

mod common;
use common::agenda_of;

use al::config::Lang;
use std::path::Path;

fn today() -> al::model::Date {
    al::dates::parse_date("2026-09-30").expect("date")
}

const TALENT: &str = "examples/talent-retention";
const COMPLAINT: &str = "examples/complaint-resolution";
/// A group meeting of g1 after the third workshop, which made arrangements.
const G1_MEETING: &str = "sessions/2026-08-10-g1-meeting.yaml";
/// The matching meeting of g2.
const G2_MEETING: &str = "sessions/2026-08-11-g2-meeting.yaml";
const WORKSHOP_3: &str = "sessions/2026-07-06-workshop-3.yaml";

/// The tasks of the arrangements an agenda shows.
fn tasks(ctx: &serde_json::Value) -> Vec<&str> {
    ctx["arrangements"]["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|a| a["task"].as_str()).collect())
        .unwrap_or_default()
}

/// Agendas that show both new parts, at a fixed date: the arrangements made
/// at the last workshop and the plan's next milestones, in Markdown and
/// HTML, in both languages.
#[test]
fn agendas_after_a_workshop_show_its_arrangements_and_the_next_milestones() {
    for (name, dir, session) in [
        ("talent_retention", TALENT, G1_MEETING),
        (
            "complaint_resolution",
            COMPLAINT,
            "sessions/2026-09-21-g1-meeting.yaml",
        ),
    ] {
        let path = Path::new(dir).join(session);
        for lang in [Lang::Zh, Lang::En] {
            let md = al::report::agenda(&path, Some(lang), today()).expect("renders");
            insta::assert_snapshot!(format!("next_{name}_g1_meeting_{}", lang.as_str()), md);
        }
        let (lang, other) = if dir == TALENT {
            (Lang::Zh, Lang::En)
        } else {
            (Lang::En, Lang::Zh)
        };
        let html =
            al::report::agenda_as(al::report::DocFormat::Html, &path, Some(lang), today()).expect("renders");
        insta::assert_snapshot!(format!("next_html_{name}_g1_meeting_{}", lang.as_str()), html);
        let html =
            al::report::agenda_as(al::report::DocFormat::Html, &path, Some(other), today()).expect("renders");
        assert!(html.contains("<p class=\"milestones\">"), "{html}");
    }
}

#[test]
fn a_group_meeting_shows_its_group_s_arrangements_and_everyone_s_only() {
    let (g1, text) = agenda_of(TALENT, G1_MEETING, Lang::Zh, |_, _| {});
    assert_eq!(
        tasks(&g1),
        [
            "按研讨班意见修改核心人才保留方案，补充风险与应对",
            "各组完成初步方案并提交"
        ]
    );
    assert!(!text.contains("与研发中心商定双通道职业发展的试点范围"), "{text}");
    let (g2, text) = agenda_of(TALENT, G2_MEETING, Lang::Zh, |_, _| {});
    assert_eq!(
        tasks(&g2),
        ["与研发中心商定双通道职业发展的试点范围", "各组完成初步方案并提交"]
    );
    assert!(!text.contains("按研讨班意见修改核心人才保留方案"), "{text}");
    assert!(
        text.contains("| 第二组 | 与研发中心商定双通道职业发展的试点范围 | 周敏 | 7月31日 **已过期** |"),
        "{text}"
    );
    assert!(
        text.contains("| 全体 | 各组完成初步方案并提交 | — | 8月17日 |"),
        "{text}"
    );
    assert_eq!(g2["arrangements"]["from"], "第三期研讨班");
    assert_eq!(g2["arrangements"]["from_date"], "2026-07-06");
    // The workshop itself, for all groups, shows the arrangements of the
    // gathering before it: none (workshop 2 made none).
    let (ws, text) = agenda_of(TALENT, WORKSHOP_3, Lang::Zh, |_, _| {});
    assert!(ws["arrangements"].is_null());
    assert!(!text.contains("学习与工作安排（"), "no empty heading: {text}");
}

#[test]
fn a_review_for_every_group_shows_every_arrangement() {
    let (ctx, _) = agenda_of(TALENT, "sessions/2026-08-24-review.yaml", Lang::En, |_, _| {});
    assert_eq!(tasks(&ctx).len(), 3);
}

#[test]
fn an_arrangement_with_an_unknown_owner_or_group_still_renders_with_its_id() {
    let (ctx, text) = agenda_of(TALENT, G1_MEETING, Lang::En, |rel, text| {
        if rel == WORKSHOP_3 {
            *text = text.replace("owner: zhang", "owner: nobody").replace(
                "{ task: 各组完成初步方案并提交, due: 2026-08-17 }",
                "{ group: g1, task: 名单外的安排 }\n  - { group: g9, task: 别的组 }\n  - { task: '' }",
            );
        }
    });
    assert_eq!(ctx["arrangements"]["items"][0]["owner_name"], "nobody");
    assert!(
        text.contains(
            "| 第一组 | 按研讨班意见修改核心人才保留方案，补充风险与应对 | nobody | 31 July **overdue** |"
        ),
        "{text}"
    );
    assert!(text.contains("| 第一组 | 名单外的安排 | — | — |"), "{text}");
    assert!(!text.contains("别的组"), "another group's: {text}");
    assert_eq!(tasks(&ctx).len(), 2, "an arrangement without a task is left out");
}

#[test]
fn an_arrangement_due_on_the_session_s_date_is_not_overdue() {
    let (ctx, _) = agenda_of(TALENT, G1_MEETING, Lang::Zh, |rel, text| {
        if rel == WORKSHOP_3 {
            *text = text.replace("due: 2026-07-31", "due: 2026-08-10");
        }
    });
    let items = &ctx["arrangements"]["items"];
    assert_eq!(items[0]["due"], "2026-08-10");
    assert_eq!(items[0]["overdue"], false);
    let (ctx, _) = agenda_of(TALENT, G1_MEETING, Lang::Zh, |rel, text| {
        if rel == WORKSHOP_3 {
            *text = text.replace("due: 2026-07-31", "due: 2026-08-09");
        }
    });
    assert_eq!(ctx["arrangements"]["items"][0]["overdue"], true);
}

#[test]
fn a_due_date_in_another_year_says_the_year() {
    let (ctx, text) = agenda_of(TALENT, G1_MEETING, Lang::En, |rel, text| {
        if rel == WORKSHOP_3 {
            *text = text.replace("due: 2026-08-17", "due: 2027-01-15");
        }
    });
    assert_eq!(ctx["arrangements"]["items"][1]["due_words"], "15 January 2027");
    assert!(
        text.contains("| Everyone | 各组完成初步方案并提交 | — | 15 January 2027 |"),
        "{text}"
    );
}

#[test]
fn the_later_gathering_s_arrangements_replace_the_earlier_ones() {
    // Workshop 2 made arrangements too: a meeting after workshop 3 still
    // shows workshop 3's, a meeting between the two shows workshop 2's.
    let edit = |rel: &str, text: &mut String| {
        if rel == "sessions/2026-05-11-workshop-2.yaml" {
            text.push_str("next:\n  - { task: 第二次研讨会的安排, owner: zhou, due: 2026-06-01 }\n");
        }
    };
    let (ctx, _) = agenda_of(TALENT, G1_MEETING, Lang::Zh, edit);
    assert!(!tasks(&ctx).contains(&"第二次研讨会的安排"));
    let (ctx, text) = agenda_of(TALENT, "sessions/2026-05-25-g1-meeting.yaml", Lang::Zh, edit);
    assert_eq!(tasks(&ctx), ["第二次研讨会的安排"]);
    assert!(
        text.contains("## 两次活动之间的学习与工作安排（第二期研讨班，5月11日）"),
        "{text}"
    );
    assert!(
        text.contains("| 全体 | 第二次研讨会的安排 | 周敏 | 6月1日 |"),
        "{text}"
    );
}

/// The `what` of each milestone an agenda shows.
fn milestones(ctx: &serde_json::Value) -> Vec<(&str, &str)> {
    ctx["next_milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .map(|m| {
            (
                m["when"].as_str().expect("when"),
                m["what"].as_str().expect("what"),
            )
        })
        .collect()
}

#[test]
fn the_next_milestones_are_the_three_ahead_at_the_session_s_date() {
    let (ctx, text) = agenda_of(TALENT, "sessions/2026-05-25-g1-meeting.yaml", Lang::Zh, |_, _| {});
    assert_eq!(
        milestones(&ctx),
        [
            ("7月6日", "第三次研讨会"),
            ("8月17日", "提交初步方案"),
            ("8月24日", "方案评审")
        ]
    );
    assert!(
        text.contains("- **8月24日**：方案评审（负责人：杨帆）\n"),
        "{text}"
    );
    // The workshop on its own date is reached by the session itself.
    let (ctx, _) = agenda_of(TALENT, WORKSHOP_3, Lang::En, |_, _| {});
    assert_eq!(
        milestones(&ctx),
        [
            ("17 August", "Proposals submitted"),
            ("24 August", "Review"),
            ("7 September", "Implementation starts")
        ]
    );
}

#[test]
fn a_milestone_for_another_group_or_month_long_is_shown_as_planned() {
    let (ctx, _) = agenda_of(TALENT, G2_MEETING, Lang::En, |rel, text| {
        if rel == "plan.yaml" {
            *text = text.replace(
                "  - kind: proposal-submitted\n    date: 2026-08-17\n    groups: [g1, g2]\n",
                "  - kind: proposal-submitted\n    date: 2026-08-17\n    groups: [g1]\n  - kind: group-meetings\n    month: 2027-01\n    groups: [g2]\n",
            );
        }
    });
    assert_eq!(
        milestones(&ctx),
        [
            ("24 August", "Review"),
            ("7 September", "Implementation starts"),
            ("31 December", "Final results")
        ],
        "g1's proposal is not g2's"
    );
    let (ctx, _) = agenda_of(
        TALENT,
        "sessions/2026-09-14-g1-meeting.yaml",
        Lang::Zh,
        |rel, text| {
            if rel == "plan.yaml" {
                text.push_str("  - kind: group-meetings\n    month: 2027-01\n    groups: [g1]\n");
            }
        },
    );
    assert_eq!(
        milestones(&ctx),
        [("12月31日", "最终成果"), ("2027年1月", "各组小组会议")]
    );
}

#[test]
fn without_a_plan_or_arrangements_the_parts_are_left_out() {
    for lang in [Lang::Zh, Lang::En] {
        let (ctx, text) = agenda_of(TALENT, G1_MEETING, lang, |rel, text| {
            if rel == "plan.yaml" {
                text.clear();
            }
            if rel == WORKSHOP_3 {
                *text = text[..text.find("# 下一阶段").expect("next")].to_string();
            }
        });
        assert_eq!(ctx["next_milestones"], serde_json::json!([]));
        assert!(ctx["arrangements"].is_null());
        for heading in [
            "学习与工作安排",
            "关键环节",
            "Arrangements until",
            "Next milestones",
        ] {
            assert!(!text.contains(heading), "{lang:?}: {heading} in {text}");
        }
    }
}

/// `al schema session` describes `next:` from the model's doc comments: a
/// list of `{ group, task, owner, due }` and nothing else.
#[test]
fn the_session_schema_describes_next() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_al"))
        .args(["schema", "session"])
        .output()
        .expect("al runs");
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    let part = serde_json::json!({
        "next": schema["properties"]["next"],
        "Arrangement": schema["$defs"]["Arrangement"],
    });
    insta::assert_snapshot!(
        "schema_session_next",
        serde_json::to_string_pretty(&part).expect("json")
    );
}
