//! The report's Mermaid gantt: the six steps; with a plan, its milestones
//! as planned (milestones; a month's group meetings a bar over the month)
//! and as reached (done milestones), in two lanes; the whole-program sessions
//! (kick-off, workshops, reviews, reports) in one lane, and one lane per
//! group with its meetings and activities, drawn compact (a group's sessions
//! share a row where they do not overlap). Half-day sessions are half-day
//! bars; kick-offs, reviews and reports are milestones.
//!
//! Mermaid reads a gantt line by line, trying its statements in order and
//! case-insensitively at the start of each line: a task named "Section leads
//! sync", "Title and scope", "Click here" or "Excludes weekends" would become
//! a statement and its task would vanish; a `%` makes the rest of a line a
//! comment; a line break ends a task. [`mermaid`] makes any text a task name
//! that stays one task.

use super::context::{MilestoneView, Step, StepState};
use crate::config::Lang;
use crate::dates::days_between;
use crate::facts;
use crate::lang::{self as labels, pick};
use crate::load::{Doc, Program};
use crate::model::{Session, SessionKind};

/// The words Mermaid's gantt reads as a statement (any case) when a line
/// starts with them and no letter, digit or `_` follows.
const KEYWORDS: &[&str] = &[
    "accdescription",
    "accdescr",
    "acctitle",
    "axisformat",
    "call",
    "click",
    "dateformat",
    "excludes",
    "gantt",
    "href",
    "includes",
    "inclusiveenddates",
    "section",
    "tickinterval",
    "title",
    "todaymarker",
    "topaxis",
    "weekday",
    "weekend",
];

/// Escapes text for a Mermaid gantt task name: one line (every run of
/// white space or control characters one space), `:`, `;`, `#` and `%` as
/// their full-width forms, and in “quotes” when it starts with a word
/// Mermaid would read as a statement (`title`, `section`, `click`, … in any
/// case) or with a date. Empty text becomes "—".
pub(crate) fn mermaid(text: &str) -> String {
    task_name(text).unwrap_or_else(|| "—".to_string())
}

/// [`mermaid`], or `None` when nothing but white space is left.
fn task_name(text: &str) -> Option<String> {
    let line = one_line(text)?;
    Some(if reads_as_statement(&line) {
        format!("“{line}”")
    } else {
        line
    })
}

/// The text on one line without the characters Mermaid gives a meaning
/// inside a line; `None` when it is empty.
fn one_line(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}')
        .filter(|w| !w.is_empty())
        .collect();
    let line: String = words
        .join(" ")
        .chars()
        .map(|c| match c {
            ':' => '：',
            ';' => '；',
            '#' => '＃',
            '%' => '％',
            c => c,
        })
        .collect();
    (!line.is_empty()).then_some(line)
}

/// Whether a line starting with this text would be read as a statement or
/// a date rather than as a task name.
fn reads_as_statement(text: &str) -> bool {
    let b = text.as_bytes();
    let date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    date || KEYWORDS.iter().any(|k| {
        b.len() >= k.len()
            && b[..k.len()].eq_ignore_ascii_case(k.as_bytes())
            && !b
                .get(k.len())
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    })
}

/// A section name: one line, never empty.
fn section_name(text: &str, lang: Lang) -> String {
    one_line(text).unwrap_or_else(|| pick(lang, "未命名", "Unnamed").to_string())
}

/// The length of a session's bar: whole days as days (`2d`), part days as
/// hours (`12h` for half a day); one day when not given or not positive.
fn duration(days: Option<f64>) -> String {
    match days {
        Some(d) if d.is_finite() && d > 0.0 && d.fract() == 0.0 => format!("{d}d"),
        Some(d) if d.is_finite() && d > 0.0 => format!("{}h", (d * 24.0).round().max(1.0)),
        _ => "1d".to_string(),
    }
}

/// A lane of the chart: its section name and its task lines.
struct Lane {
    name: String,
    tasks: Vec<String>,
}

/// Whether a session is for the whole program (its own lane) rather than
/// for groups.
fn whole_program(kind: SessionKind) -> bool {
    matches!(
        kind,
        SessionKind::Kickoff | SessionKind::Workshop | SessionKind::Review | SessionKind::Report
    )
}

/// The task line of a dated session.
fn task_line(s: &Session, kind: SessionKind, date: crate::model::Date, lang: Lang) -> String {
    let title = s
        .title
        .as_ref()
        .and_then(|t| task_name(&t.0))
        .unwrap_or_else(|| mermaid(labels::session_kind(lang, kind)));
    match kind {
        SessionKind::Kickoff | SessionKind::Review | SessionKind::Report => {
            format!("    {title} :milestone, {date}, 0d")
        }
        _ => format!(
            "    {title} :{date}, {}",
            duration(s.days.as_ref().map(|d| d.value.0))
        ),
    }
}

/// The lane of a group id, made on first use: the groups of team.yaml in
/// their order come first (made up front), then ids team.yaml lacks.
fn lane_of<'l>(lanes: &'l mut Vec<(String, Lane)>, p: &Program, id: &str, lang: Lang) -> &'l mut Lane {
    let at = match lanes.iter().position(|(k, _)| k == id) {
        Some(at) => at,
        None => {
            let name = facts::group(p, id)
                .and_then(|g| g.name.as_ref().map(|n| n.value.0.clone()))
                .unwrap_or_else(|| id.to_string());
            lanes.push((
                id.to_string(),
                Lane {
                    name: section_name(&name, lang),
                    tasks: Vec::new(),
                },
            ));
            lanes.len() - 1
        }
    };
    &mut lanes[at].1
}

/// The sessions' lanes: whole-program sessions, each group (in team.yaml
/// order), sessions for no group; lanes without a task are left out.
fn lanes(p: &Program, lang: Lang) -> Vec<Lane> {
    let mut program = Lane {
        name: pick(lang, "全体会议", "Plenary sessions").to_string(),
        tasks: Vec::new(),
    };
    let mut other = Lane {
        name: pick(lang, "其他会议与活动", "Other sessions").to_string(),
        tasks: Vec::new(),
    };
    let mut groups: Vec<(String, Lane)> = Vec::new();
    for g in p.team.iter().flat_map(|t| &t.value.groups) {
        if let Some(id) = &*g.value.id {
            lane_of(&mut groups, p, &id.value.0, lang);
        }
    }
    for s in facts::sessions_by_date(p) {
        place(p, s, lang, &mut program, &mut groups, &mut other);
    }
    std::iter::once(program)
        .chain(groups.into_iter().map(|(_, l)| l))
        .chain(std::iter::once(other))
        .filter(|l| !l.tasks.is_empty())
        .collect()
}

/// Puts a session's task in its lanes: the whole-program lane, or the lane
/// of each of its groups (the lane of other sessions without team.yaml);
/// sessions without a kind or a date are not drawn.
fn place(
    p: &Program,
    s: &Doc<Session>,
    lang: Lang,
    program: &mut Lane,
    groups: &mut Vec<(String, Lane)>,
    other: &mut Lane,
) {
    let (Some(kind), Some(date)) = (&*s.value.kind, facts::session_date(&s.value)) else {
        return;
    };
    let line = task_line(&s.value, kind.value, date, lang);
    if whole_program(kind.value) {
        program.tasks.push(line);
        return;
    }
    let ids = facts::session_groups(p, &s.value);
    // Without a usable team.yaml the groups have no names, only ids: their
    // sessions go with the others rather than under a bare id.
    if ids.is_empty() || p.team.is_none() {
        other.tasks.push(line);
        return;
    }
    for id in ids {
        lane_of(groups, p, id, lang).tasks.push(line.clone());
    }
}

/// The plan's two lanes: each milestone as planned, then each as reached
/// on a date; lanes without a task are left out.
fn plan_lanes(plan: &[MilestoneView], lang: Lang) -> Vec<Lane> {
    let planned = plan
        .iter()
        .filter_map(|m| {
            let (first, due) = (m.planned?, m.due?);
            let name = mermaid(&m.name);
            Some(if m.planned_month {
                let days = days_between(first, due) + 1;
                format!("    {name} :{first}, {days}d")
            } else {
                format!("    {name} :milestone, {first}, 0d")
            })
        })
        .collect();
    let reached = plan
        .iter()
        .filter_map(|m| {
            Some(format!(
                "    {} :done, milestone, {}, 0d",
                mermaid(&m.name),
                m.actual?
            ))
        })
        .collect();
    [
        Lane {
            name: pick(lang, "总体行动方案（计划）", "The plan (planned)").to_string(),
            tasks: planned,
        },
        Lane {
            name: pick(lang, "总体行动方案（实际）", "The plan (actual)").to_string(),
            tasks: reached,
        },
    ]
    .into_iter()
    .filter(|l| !l.tasks.is_empty())
    .collect()
}

/// The Mermaid text of the gantt of the six steps, the plan's milestones
/// and the sessions, ready to put in a ```` ```mermaid ```` block.
pub(crate) fn gantt(p: &Program, steps: &[Step], plan: &[MilestoneView], lang: Lang) -> String {
    let mut lines = vec![
        "---".to_string(),
        "displayMode: compact".to_string(),
        "---".to_string(),
        "gantt".to_string(),
        format!(
            "    title {}",
            pick(lang, "行动学习六步与会议", "The six steps and the sessions")
        ),
        "    dateFormat YYYY-MM-DD".to_string(),
        "    axisFormat %m-%d".to_string(),
        format!("    section {}", pick(lang, "六个步骤", "Six steps")),
    ];
    for s in steps {
        let (Some(start), Some(end)) = (s.start, s.end) else {
            continue;
        };
        let tag = match s.state {
            StepState::Done => "done, ",
            StepState::Current => "active, ",
            StepState::Todo => "",
        };
        let days = days_between(start, end).max(1);
        lines.push(format!(
            "    {} {} :{tag}step{}, {start}, {days}d",
            s.number,
            mermaid(s.name),
            s.number
        ));
    }
    for lane in plan_lanes(plan, lang).into_iter().chain(lanes(p, lang)) {
        lines.push(format!("    section {}", lane.name));
        lines.extend(lane.tasks);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_names_stay_on_their_line() {
        assert_eq!(mermaid("第一期: 研讨班; #1\n续"), "第一期： 研讨班； ＃1 续");
        assert_eq!(mermaid("50% done\r\n\u{2028}x\u{feff}"), "50％ done x");
        assert_eq!(mermaid("   \n\t"), "—");
        assert_eq!(mermaid(""), "—");
    }

    #[test]
    fn statements_are_quoted_in_any_case() {
        for t in [
            "Click here to register",
            "Section leads sync",
            "Title and scope",
            "Excludes weekends",
            "todayMarker",
            "DATEFORMAT x",
            "accTitle",
            "accDescr{ x",
            "gantt-review",
            "weekday monday",
            "2026-05-01 kick-off",
            "call me",
            "href \"x\"",
        ] {
            let m = mermaid(t);
            assert!(m.starts_with('“') && m.ends_with('”'), "{t} → {m}");
        }
        for t in ["Titles", "Sections", "Clicker", "Callback", "第一组", "2026 plan"] {
            assert!(!mermaid(t).starts_with('“'), "{t}");
        }
    }

    #[test]
    fn half_days_are_hours() {
        assert_eq!(duration(Some(0.5)), "12h");
        assert_eq!(duration(Some(1.5)), "36h");
        assert_eq!(duration(Some(2.0)), "2d");
        assert_eq!(duration(Some(0.0)), "1d");
        assert_eq!(duration(Some(f64::NAN)), "1d");
        assert_eq!(duration(None), "1d");
    }

    #[test]
    fn the_plan_is_planned_milestones_and_reached_ones() {
        use crate::facts::test_program::program;
        let p = program(&[
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-06-01\n"),
            (
                "plan.yaml",
                "milestones:\n  - { kind: workshop, number: 1, date: 2026-05-11 }\n  - { kind: group-meetings, month: 2026-04 }\n",
            ),
        ]);
        let ctx = crate::report::context::ReportContext::build(
            &p,
            &crate::config::Limits::default(),
            Lang::Zh,
            crate::facts::test_program::d("2026-06-15"),
            &[],
            &crate::check::Summary::default(),
            None,
        );
        let lines: Vec<&str> = ctx.gantt.lines().skip(8).take(5).collect();
        assert_eq!(
            lines,
            [
                "    section 总体行动方案（计划）",
                "    各组小组会议（4月） :2026-04-01, 30d",
                "    第一次研讨会 :milestone, 2026-05-11, 0d",
                "    section 总体行动方案（实际）",
                "    第一次研讨会 :done, milestone, 2026-06-01, 0d",
            ]
        );
    }

    #[test]
    fn each_group_has_its_lane() {
        use crate::facts::test_program::program;
        let p = program(&[
            (
                "team.yaml",
                "groups:\n  - id: g1\n    name: \"Section one\"\n  - id: g2\n    name: \"  \"\n",
            ),
            (
                "sessions/a.yaml",
                "kind: group-meeting\ntitle: \"Title and scope\"\ndate: 2026-03-01\ngroups: [g1]\ndays: 0.5\n",
            ),
            ("sessions/b.yaml", "kind: activity\ndate: 2026-03-02\n"),
            (
                "sessions/c.yaml",
                "kind: review\ntitle: \"  \"\ndate: 2026-03-03\n",
            ),
        ]);
        let g = gantt(&p, &[], &[], Lang::En);
        let lines: Vec<&str> = g.lines().skip(8).collect();
        assert_eq!(
            lines,
            [
                "    section Plenary sessions",
                "    Review :milestone, 2026-03-03, 0d",
                "    section Section one",
                "    “Title and scope” :2026-03-01, 12h",
                "    Activity :2026-03-02, 1d",
                "    section Unnamed",
                "    Activity :2026-03-02, 1d",
            ]
        );
    }
}
