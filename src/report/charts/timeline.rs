//! The timeline: the six steps as bars on a date axis; with a plan, two
//! rows for its milestones — as planned (hollow circles, a milestone planned
//! to the month an outlined bar over the month) and as reached (filled
//! circles), each pair joined so that a slip shows as a slant, a milestone
//! late with nothing recorded dotted from its due date to today — then one
//! lane per group with its sessions — group meetings and activities as bars
//! as long as they last (a half-day session half a day), kick-offs,
//! workshops, reviews and reports as diamonds joined across the lanes they
//! are for — with today (dashed) and the planned end (thick) marked.

use super::{At, Chart, GREY, LIGHT, Mark, Svg, day, fit, full_day, group_id, group_name, month_name, semi};
use crate::dates::{add_months, days_between};
use crate::facts;
use crate::lang::pick;
use crate::model::{Date, Session, SessionKind};
use crate::report::context::{MilestoneView, Step, StepState};
use crate::tr;

const W: f64 = 680.0;
/// Where the bars start (the labels are left of it).
const X0: f64 = 158.0;
/// Where the bars end.
const X1: f64 = 668.0;
/// The height of a lane.
const ROW: f64 = 18.0;
/// The top of the first lane.
const TOP: f64 = 36.0;
/// The longest span drawn; a longer program has no timeline.
const MAX_DAYS: i64 = 6 * 366;

/// The date axis: its first day (a month's first) and how many days it spans.
struct Axis {
    from: Date,
    to: Date,
    days: i64,
}

impl Axis {
    fn x(&self, d: Date) -> f64 {
        X0 + (X1 - X0) * days_between(self.from, d) as f64 / self.days as f64
    }

    fn per_day(&self) -> f64 {
        (X1 - X0) / self.days as f64
    }

    fn holds(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// How many days a session lasts (1 when not given or not usable).
fn length(s: &Session) -> f64 {
    s.days
        .as_ref()
        .map(|d| d.value.0)
        .filter(|d| d.is_finite() && *d > 0.0)
        .map_or(1.0, |d| d.min(60.0))
}

/// The day after a session's last.
fn end_of(s: &Session, date: Date) -> Date {
    date.saturating_add(jiff::Span::new().days(length(s).ceil() as i64))
}

/// The axis: from the first month to the month after the last date of the
/// topic, the steps and the sessions (today too when within a year of
/// them); `None` when there is no date or the span is too long.
fn axis(at: &At, steps: &[Step]) -> Option<Axis> {
    let topic = at.p.topic.as_ref().map(|t| &t.value);
    let mut dates: Vec<Date> = Vec::new();
    dates.extend(topic.and_then(|t| t.start.as_ref()).map(|d| d.value));
    dates.extend(topic.and_then(|t| t.end.as_ref()).map(|d| d.value));
    for s in steps {
        dates.extend(s.start);
        dates.extend(s.end);
    }
    for s in &at.p.sessions {
        if let Some(d) = facts::session_date(&s.value) {
            dates.push(d);
            dates.push(end_of(&s.value, d));
        }
    }
    for m in at.plan {
        dates.extend(m.planned);
        dates.extend(m.due);
        dates.extend(m.actual);
    }
    let (lo, hi) = (*dates.iter().min()?, *dates.iter().max()?);
    let near = |a: Date, b: Date| days_between(a, b).abs() <= 366;
    let lo = if at.today < lo && near(at.today, lo) {
        at.today
    } else {
        lo
    };
    let hi = if at.today > hi && near(hi, at.today) {
        at.today
    } else {
        hi
    };
    let from = lo.first_of_month();
    let to = add_months(hi.first_of_month(), 1);
    let days = days_between(from, to);
    (days > 0 && days <= MAX_DAYS).then_some(Axis { from, to, days })
}

/// One lane: a group (or the sessions of no known group).
struct Lane<'a> {
    id: Option<&'a str>,
    name: String,
}

/// How a session is drawn.
fn mark_of(kind: Option<SessionKind>) -> Mark {
    match kind {
        Some(SessionKind::GroupMeeting) => Mark::Ink,
        Some(SessionKind::Workshop) => Mark::Diamond,
        Some(SessionKind::Kickoff) => Mark::HollowDiamond,
        Some(SessionKind::Review | SessionKind::Report) => Mark::DotDiamond,
        Some(SessionKind::Activity) | None => Mark::Outline,
    }
}

/// The timeline, or `None` when the program has nothing dated to draw.
pub(super) fn chart(at: &At, steps: &[Step]) -> Option<Chart> {
    let axis = axis(at, steps)?;
    let lang = at.lang;
    let mut svg = Svg::new("al-chart-timeline", W);
    let mut lanes: Vec<Lane> = Vec::new();
    for g in at.groups() {
        let id = group_id(g);
        if !lanes.iter().any(|l| l.id == Some(id)) {
            lanes.push(Lane {
                id: Some(id),
                name: group_name(g).to_string(),
            });
        }
    }
    // Where each dated session goes: the lanes of its groups.
    let sessions: Vec<(&Session, Date, Vec<usize>)> = facts::sessions_by_date(at.p)
        .into_iter()
        .filter_map(|s| {
            let date = facts::session_date(&s.value)?;
            let mut rows = Vec::new();
            for g in facts::session_groups(at.p, &s.value) {
                let row = match lanes.iter().position(|l| l.id == Some(g)) {
                    Some(r) => r,
                    None => other_lane(&mut lanes, lang),
                };
                if !rows.contains(&row) {
                    rows.push(row);
                }
            }
            if rows.is_empty() {
                rows.push(other_lane(&mut lanes, lang));
            }
            Some((&s.value, date, rows))
        })
        .collect();
    let plan: Vec<&MilestoneView> = at
        .plan
        .iter()
        .filter(|m| m.planned.is_some() || m.actual.is_some())
        .collect();
    let plan_top = TOP + 6.0 * ROW + 8.0;
    let plan_rows = if plan.is_empty() { 0.0 } else { 2.0 };
    let lanes_top = plan_top + plan_rows * ROW + if plan.is_empty() { 0.0 } else { 8.0 };
    let bottom = lanes_top + lanes.len() as f64 * ROW;
    months(&mut svg, &axis, lang, bottom);
    draw_steps(&mut svg, &axis, steps, lang);
    if !plan.is_empty() {
        draw_plan(&mut svg, &axis, &plan, plan_top, at);
    }
    svg.line(
        4.0,
        lanes_top - 4.0,
        X1,
        lanes_top - 4.0,
        &format!("stroke=\"{GREY}\" stroke-width=\"0.6\""),
    );
    for (i, lane) in lanes.iter().enumerate() {
        let y = lanes_top + i as f64 * ROW + ROW / 2.0;
        svg.text(
            4.0,
            y + 4.0,
            &fit(&lane.name, 10.0, X0 - 12.0),
            "font-size=\"10\"",
        );
    }
    let centre = |row: usize| lanes_top + row as f64 * ROW + ROW / 2.0;
    let per_day = axis.per_day().max(2.0);
    for (s, date, rows) in &sessions {
        let kind = s.kind.as_ref().map(|k| k.value);
        let mark = mark_of(kind);
        let x = axis.x(*date);
        let w = length(s) * per_day;
        if matches!(mark, Mark::Diamond | Mark::HollowDiamond | Mark::DotDiamond) {
            if let (Some(first), Some(last)) = (rows.iter().min(), rows.iter().max())
                && first != last
            {
                svg.line(
                    x,
                    centre(*first),
                    x,
                    centre(*last),
                    &format!("stroke=\"{GREY}\" stroke-width=\"1\" stroke-dasharray=\"1 2\""),
                );
            }
            for r in rows {
                if length(s) > 1.0 {
                    svg.rect(x, centre(*r) - 2.0, w, 4.0, &format!("fill=\"{}\"", super::INK));
                }
                svg.mark(mark, x, centre(*r), 8.0);
            }
        } else {
            let (h, attrs) = match mark {
                Mark::Ink => (10.0, format!("fill=\"{}\"", super::INK)),
                _ => (
                    8.0,
                    format!("fill=\"#fff\" stroke=\"{}\" stroke-width=\"1\"", super::INK),
                ),
            };
            for r in rows {
                svg.rect(x, centre(*r) - h / 2.0, w, h, &attrs);
            }
        }
    }
    let below = markers(&mut svg, at, &axis, bottom);
    let legend: Vec<(Mark, String)> = [
        (Mark::Solid, pick(lang, "已完成的步骤", "step done")),
        (Mark::Hatch, pick(lang, "当前步骤", "current step")),
        (Mark::Ink, pick(lang, "小组会议", "group meeting")),
        (Mark::Outline, pick(lang, "其他活动", "activity")),
        (Mark::Diamond, pick(lang, "研讨班", "workshop")),
        (Mark::HollowDiamond, pick(lang, "启动会议", "kick-off")),
        (Mark::DotDiamond, pick(lang, "评审或成果报告", "review or report")),
    ]
    .into_iter()
    .chain(plan_legend(&plan, lang))
    .chain([
        (Mark::Dashed, pick(lang, "今天", "today")),
        (Mark::Thick, pick(lang, "计划结束", "planned end")),
    ])
    .map(|(m, w)| (m, w.to_string()))
    .collect();
    let height = svg.legend(4.0, below + 14.0, &legend);
    let title = if plan.is_empty() {
        pick(
            lang,
            "项目时间轴：六个步骤与各组活动",
            "Timeline: the six steps and each group's sessions",
        )
    } else {
        pick(
            lang,
            "项目时间轴：六个步骤、总体行动方案（计划与实际）与各组活动",
            "Timeline: the six steps, the plan's milestones (planned and actual) and each group's sessions",
        )
    }
    .to_string();
    let mut desc = describe(at, &axis, steps, &lanes, &sessions);
    if !plan.is_empty() {
        desc.push_str(&describe_plan(&plan, lang));
    }
    Some(Chart {
        svg: svg.finish(height, &title, &desc),
        title,
    })
}

/// The legend of the plan's rows: planned, reached, and late with nothing
/// recorded when one is.
fn plan_legend(plan: &[&MilestoneView], lang: crate::config::Lang) -> Vec<(Mark, &'static str)> {
    if plan.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        (Mark::Ring, pick(lang, "计划的里程碑", "milestone planned")),
        (Mark::Dot, pick(lang, "实际达成", "milestone reached")),
    ];
    if plan.iter().any(|m| m.days_late.is_some()) {
        out.push((Mark::Dots, pick(lang, "逾期，尚无记录", "late, nothing recorded")));
    }
    out
}

/// The plan's two rows from `top`: each milestone as planned on the first
/// row, as reached on the second, joined; a late one dotted up to today.
fn draw_plan(svg: &mut Svg, axis: &Axis, plan: &[&MilestoneView], top: f64, at: &At) {
    let lang = at.lang;
    let (planned_y, actual_y) = (top + ROW / 2.0, top + ROW + ROW / 2.0);
    for (y, label) in [
        (planned_y, pick(lang, "计划", "Planned")),
        (actual_y, pick(lang, "实际", "Actual")),
    ] {
        svg.text(4.0, y + 4.0, label, "font-size=\"10\"");
        svg.line(X0, y, X1, y, &format!("stroke=\"{LIGHT}\" stroke-width=\"0.6\""));
    }
    let join = format!("stroke=\"{GREY}\" stroke-width=\"1\"");
    for m in plan {
        // Where the plan's mark is nearest the record: a month's day closest to it.
        let planned_x = match (m.planned, m.due) {
            (Some(first), Some(due)) => {
                let near = m.actual.map_or(first, |a| a.clamp(first, due));
                Some(axis.x(near))
            }
            _ => None,
        };
        if let (Some(first), Some(due), true) = (m.planned, m.due, m.planned_month) {
            let (x, x2) = (axis.x(first), axis.x(due) + axis.per_day());
            svg.rect(
                x,
                planned_y - 3.0,
                x2 - x,
                6.0,
                &format!("fill=\"#fff\" stroke=\"{}\" stroke-width=\"1\"", super::INK),
            );
        }
        if let (Some(px), Some(actual)) = (planned_x, m.actual) {
            svg.line(px, planned_y, axis.x(actual), actual_y, &join);
        }
        if let (Some(due), Some(_)) = (m.due, m.days_late) {
            let (x, x2) = (axis.x(due), axis.x(at.today.min(axis.to)));
            svg.line(x, planned_y, x, actual_y, &join);
            svg.rect(
                x,
                actual_y - 3.0,
                x2 - x,
                6.0,
                &format!(
                    "fill=\"{}\" stroke=\"{GREY}\" stroke-width=\"1\" stroke-dasharray=\"1.5 1.5\"",
                    svg.url("dots")
                ),
            );
        }
        if let (Some(first), false) = (m.planned, m.planned_month) {
            svg.mark(Mark::Ring, axis.x(first), planned_y, 7.0);
        }
        if let Some(actual) = m.actual {
            svg.mark(Mark::Dot, axis.x(actual), actual_y, 7.0);
        }
    }
}

/// The plan's milestones in words: each planned, as reached and its slip.
fn describe_plan(plan: &[&MilestoneView], lang: crate::config::Lang) -> String {
    let items: Vec<String> = plan
        .iter()
        .map(|m| {
            let mut parts = Vec::new();
            match (m.planned, m.planned_month) {
                (Some(_), true) => parts.push(tr!(lang, "计划{}", "planned {}", m.planned_display)),
                (Some(d), false) => parts.push(tr!(lang, "计划{}", "planned {}", day(lang, d))),
                (None, _) => parts.push(pick(lang, "计划未写日期", "no planned date").to_string()),
            }
            if let Some(a) = m.actual {
                parts.push(tr!(lang, "实际{}", "actual {}", day(lang, a)));
            } else if m.reached {
                parts.push(m.actual_display.clone());
            }
            if m.slip_display != "—" {
                parts.push(m.slip_display.clone());
            }
            format!(
                "{}{}{}",
                m.name,
                pick(lang, "：", ": "),
                parts.join(pick(lang, "，", ", "))
            )
        })
        .collect();
    tr!(
        lang,
        "总体行动方案（计划与实际）：{}。",
        " The plan's milestones, planned and actual: {}.",
        items.join(semi(lang))
    )
}

/// The lane for sessions of no known group, added when first needed.
fn other_lane(lanes: &mut Vec<Lane>, lang: crate::config::Lang) -> usize {
    if let Some(i) = lanes.iter().position(|l| l.id.is_none()) {
        return i;
    }
    let name = if lanes.is_empty() {
        pick(lang, "活动", "Sessions")
    } else {
        pick(lang, "其他", "Other")
    };
    lanes.push(Lane {
        id: None,
        name: name.to_string(),
    });
    lanes.len() - 1
}

/// The month grid and its labels (every month, or every few on a long axis),
/// with the year over the first month and over each January.
fn months(svg: &mut Svg, axis: &Axis, lang: crate::config::Lang, bottom: f64) {
    let count = (days_between(axis.from, axis.to) / 30).max(1);
    let stride = ((count + 13) / 14).max(1) as usize;
    let mut m = axis.from;
    let mut i = 0usize;
    while m < axis.to {
        let x = axis.x(m);
        svg.line(
            x,
            TOP - 6.0,
            x,
            bottom,
            &format!("stroke=\"{LIGHT}\" stroke-width=\"0.6\""),
        );
        if i.is_multiple_of(stride) {
            let next = add_months(m, stride as u32).min(axis.to);
            let mid = (x + axis.x(next)) / 2.0;
            svg.text(
                mid,
                TOP - 10.0,
                &month_name(lang, m.month()),
                "font-size=\"10\" text-anchor=\"middle\"",
            );
            if i == 0 || m.month() == 1 {
                svg.text(
                    x + 2.0,
                    TOP - 24.0,
                    &m.year().to_string(),
                    "font-size=\"10\" font-weight=\"bold\"",
                );
            }
        }
        m = add_months(m, 1);
        i += 1;
    }
    svg.line(
        X1,
        TOP - 6.0,
        X1,
        bottom,
        &format!("stroke=\"{LIGHT}\" stroke-width=\"0.6\""),
    );
}

/// The six steps, one row each.
fn draw_steps(svg: &mut Svg, axis: &Axis, steps: &[Step], lang: crate::config::Lang) {
    for (i, s) in steps.iter().enumerate() {
        let y = TOP + i as f64 * ROW + ROW / 2.0;
        let label = format!("{} {}", s.number, short_name(lang, s.number, s.name));
        svg.text(4.0, y + 4.0, &fit(&label, 10.0, X0 - 12.0), "font-size=\"10\"");
        match (s.state, s.start, s.end) {
            (StepState::Todo, _, _) => svg.text(
                X0 + 3.0,
                y + 3.5,
                pick(lang, "未开始", "not started"),
                &format!("font-size=\"9\" fill=\"{GREY}\""),
            ),
            (state, Some(start), end) => {
                let end = end.unwrap_or(start).max(start);
                let (x, x2) = (axis.x(start), axis.x(end));
                let fill = match state {
                    StepState::Current => svg.url("hatch"),
                    _ => super::DARK.to_string(),
                };
                svg.rect(
                    x,
                    y - 5.0,
                    (x2 - x).max(2.0),
                    10.0,
                    &format!("fill=\"{fill}\" stroke=\"{}\" stroke-width=\"1\"", super::INK),
                );
            }
            (_, None, _) => svg.text(
                X0 + 3.0,
                y + 3.5,
                pick(lang, "无日期", "no dates"),
                &format!("font-size=\"9\" fill=\"{GREY}\""),
            ),
        }
    }
}

/// A step's name short enough for the label column: the English names of
/// steps 4 to 6 are shortened, the others are as the report writes them.
fn short_name(lang: crate::config::Lang, n: i64, name: &'static str) -> &'static str {
    match (lang, n) {
        (crate::config::Lang::En, 4) => "Review and decision",
        (crate::config::Lang::En, 5) => "Implementation",
        (crate::config::Lang::En, 6) => "Consolidation",
        _ => name,
    }
}

/// Today and the planned end, as lines across the chart with their labels
/// below it. Returns the `y` below the labels.
fn markers(svg: &mut Svg, at: &At, axis: &Axis, bottom: f64) -> f64 {
    let lang = at.lang;
    let end =
        at.p.topic
            .as_ref()
            .and_then(|t| t.value.end.as_ref())
            .map(|e| e.value);
    let mut placed: Vec<(f64, f64)> = Vec::new();
    let mut below = bottom;
    let items = [
        (
            Some(at.today),
            Mark::Dashed,
            format!("{} {}", pick(lang, "今天", "Today"), day(lang, at.today)),
        ),
        (
            end,
            Mark::Thick,
            format!(
                "{} {}",
                pick(lang, "计划结束", "Planned end"),
                end.map(|e| day(lang, e)).unwrap_or_default()
            ),
        ),
    ];
    for (date, mark, label) in items {
        let Some(d) = date.filter(|d| axis.holds(*d)) else {
            continue;
        };
        let x = axis.x(d);
        let attrs = match mark {
            Mark::Dashed => format!(
                "stroke=\"{}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"",
                super::INK
            ),
            _ => format!("stroke=\"{}\" stroke-width=\"2.5\"", super::INK),
        };
        svg.line(x, TOP - 6.0, x, bottom + 2.0, &attrs);
        let w = super::text_width(&label, 10.0);
        let cx = x.clamp(X0 + w / 2.0, W - 4.0 - w / 2.0);
        let mut y = bottom + 13.0;
        while placed
            .iter()
            .any(|(px, py)| (*py - y).abs() < 1.0 && (px - cx).abs() < w / 2.0 + 60.0)
        {
            y += 13.0;
        }
        placed.push((cx, y));
        svg.text(cx, y, &label, "font-size=\"10\" text-anchor=\"middle\"");
        below = below.max(y);
    }
    below
}

/// The timeline in words.
fn describe(
    at: &At,
    axis: &Axis,
    steps: &[Step],
    lanes: &[Lane],
    sessions: &[(&Session, Date, Vec<usize>)],
) -> String {
    let lang = at.lang;
    let last = axis.to.saturating_sub(jiff::Span::new().days(1));
    let mut out = tr!(
        lang,
        "时间轴，{}至{}。",
        "Timeline from {} to {}.",
        full_day(lang, axis.from),
        full_day(lang, last)
    );
    let steps: Vec<String> = steps
        .iter()
        .map(|s| {
            let dates = match (s.start, s.end) {
                (Some(a), Some(b)) => format!(" {}–{}", day(lang, a), day(lang, b)),
                _ => String::new(),
            };
            tr!(
                lang,
                "第{}步 {}：{}{}",
                "step {} {}: {}{}",
                s.number,
                s.name,
                s.state_label,
                dates
            )
        })
        .collect();
    out.push_str(&tr!(
        lang,
        "六个步骤：{}。",
        " The six steps: {}.",
        steps.join(semi(lang))
    ));
    for (i, lane) in lanes.iter().enumerate() {
        let ours = || sessions.iter().filter(|(_, _, rows)| rows.contains(&i));
        let meetings = ours().filter(|(s, _, _)| s.is(SessionKind::GroupMeeting)).count();
        let others = ours().count() - meetings;
        out.push_str(&tr!(
            lang,
            "{}：{} 次小组会议，另有 {} 次其他活动。",
            " {}: {} group meetings and {} other sessions.",
            lane.name,
            meetings,
            others
        ));
    }
    for kind in [
        SessionKind::Kickoff,
        SessionKind::Workshop,
        SessionKind::Review,
        SessionKind::Report,
    ] {
        let days: Vec<String> = sessions
            .iter()
            .filter(|(s, _, _)| s.is(kind))
            .map(|(s, d, _)| {
                let half = length(s) == 0.5;
                let len = if half {
                    pick(lang, "（半天）", " (half a day)").to_string()
                } else if length(s) > 1.0 {
                    tr!(lang, "（{} 天）", " ({} days)", super::num(length(s)))
                } else {
                    String::new()
                };
                format!("{}{len}", day(lang, *d))
            })
            .collect();
        if !days.is_empty() {
            out.push_str(&tr!(
                lang,
                "{}：{}。",
                " {}: {}.",
                crate::lang::session_kind(lang, kind),
                days.join(pick(lang, "、", ", "))
            ));
        }
    }
    out.push_str(&tr!(lang, "今天：{}。", " Today: {}.", full_day(lang, at.today)));
    if let Some(e) = at.p.topic.as_ref().and_then(|t| t.value.end.as_ref()) {
        out.push_str(&tr!(
            lang,
            "计划结束：{}。",
            " Planned end: {}.",
            full_day(lang, e.value)
        ));
    }
    let undated =
        at.p.sessions
            .iter()
            .filter(|s| facts::session_date(&s.value).is_none())
            .count();
    if undated > 0 {
        out.push_str(&tr!(
            lang,
            "另有 {} 次活动未注明日期，未画出。",
            " {} undated sessions are not drawn.",
            undated
        ));
    }
    out
}
