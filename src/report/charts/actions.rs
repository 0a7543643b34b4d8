//! Actions: per group, one stacked bar of its actions done (solid), open
//! (outlined) and overdue (hatched), counts written beside it; and over
//! time, per month due, a column of the actions due that month split the
//! same way by where they stand today. The record keeps no date on which an
//! action was done, so "over time" is by the month an action is due: the
//! months behind today show what was due and is still open, those ahead
//! the load to come. Dropped actions are not drawn (the text counts them).

use super::{At, Chart, GREY, LIGHT, Mark, Svg, fit, group_id, group_name, month_name, month_year, semi};
use crate::dates::Month;
use crate::facts::{self, ActionFact, ActionTotals};
use crate::lang::pick;
use crate::tr;

const W: f64 = 680.0;
/// Where the bars of the first panel start.
const X0: f64 = 158.0;
/// Where they may end.
const X1: f64 = 470.0;
/// The height of a row of the first panel.
const ROW: f64 = 22.0;
/// The most months the second panel shows (the last ones).
const MONTHS: usize = 24;

/// The group an action counts for: the first group of team.yaml its owner
/// is a member of; else the group of its session when the session is for
/// exactly one; else none.
fn group_of<'a>(at: &At<'a>, a: &ActionFact<'a>) -> Option<&'a str> {
    let owner = a.owner();
    at.groups()
        .find(|g| owner.is_some_and(|o| g.members.iter().any(|m| m.value == o)))
        .map(group_id)
        .or_else(
            || match facts::session_groups(at.p, &a.session.value).as_slice() {
                [one] => Some(*one),
                _ => None,
            },
        )
}

/// The three stacked segments of a count: done, open and not overdue, overdue.
fn segments(t: &ActionTotals) -> [(Mark, usize); 3] {
    [
        (Mark::Solid, t.done),
        (Mark::Outline, t.open - t.overdue),
        (Mark::Hatch, t.overdue),
    ]
}

/// The fill and stroke of a segment.
fn attrs(svg: &Svg, mark: Mark) -> String {
    let fill = match mark {
        Mark::Solid => super::DARK.to_string(),
        Mark::Hatch => svg.url("hatch"),
        _ => "#fff".to_string(),
    };
    format!("fill=\"{fill}\" stroke=\"{}\" stroke-width=\"1\"", super::INK)
}

/// A count in words: "5 done, 3 open (1 overdue)".
fn words(lang: crate::config::Lang, t: &ActionTotals) -> String {
    tr!(
        lang,
        "已完成 {}，未完成 {}（逾期 {}）",
        "{} done, {} open ({} overdue)",
        t.done,
        t.open,
        t.overdue
    )
}

/// A count in few words, leaving out what is zero: "2 done, 1 open (1 overdue)".
fn brief(lang: crate::config::Lang, t: &ActionTotals) -> String {
    let mut parts = Vec::new();
    if t.done > 0 {
        parts.push(tr!(lang, "已完成 {}", "{} done", t.done));
    }
    if t.open > 0 && t.overdue > 0 {
        parts.push(tr!(
            lang,
            "未完成 {}（逾期 {}）",
            "{} open ({} overdue)",
            t.open,
            t.overdue
        ));
    } else if t.open > 0 {
        parts.push(tr!(lang, "未完成 {}", "{} open", t.open));
    }
    parts.join(crate::lang::pick(lang, "，", ", "))
}

/// The actions chart, or `None` without actions.
pub(super) fn chart(at: &At) -> Option<Chart> {
    let lang = at.lang;
    let all = facts::actions(at.p, at.today);
    if all.is_empty() {
        return None;
    }
    let mut rows: Vec<(Option<&str>, String, ActionTotals)> = at
        .groups()
        .map(|g| {
            (
                Some(group_id(g)),
                group_name(g).to_string(),
                ActionTotals::default(),
            )
        })
        .collect();
    for a in &all {
        let g = group_of(at, a);
        let i = match rows.iter().position(|r| r.0.is_some() && r.0 == g) {
            Some(i) => i,
            None => match rows.iter().position(|r| r.0.is_none()) {
                Some(i) => i,
                None => {
                    rows.push((
                        None,
                        pick(lang, "未分组", "No group").to_string(),
                        ActionTotals::default(),
                    ));
                    rows.len() - 1
                }
            },
        };
        rows[i].2.add(a);
    }
    let mut svg = Svg::new("al-chart-actions", W);
    svg.text(
        4.0,
        14.0,
        pick(lang, "按小组", "By group"),
        "font-weight=\"bold\"",
    );
    let max = rows.iter().map(|r| r.2.done + r.2.open).max().unwrap_or(0).max(1) as f64;
    let scale = (X1 - X0) / max;
    for (i, (_, name, t)) in rows.iter().enumerate() {
        let y = 22.0 + i as f64 * ROW;
        svg.text(4.0, y + 11.0, &fit(name, 10.0, X0 - 12.0), "font-size=\"10\"");
        let mut x = X0;
        for (mark, n) in segments(t) {
            if n > 0 {
                let w = n as f64 * scale;
                svg.rect(x, y + 2.0, w, 12.0, &attrs(&svg, mark));
                x += w;
            }
        }
        svg.text(x + 6.0, y + 12.0, &words(lang, t), "font-size=\"10\"");
    }
    let top = 22.0 + rows.len() as f64 * ROW + 16.0;
    let (bottom, by_month) = months(&mut svg, at, &all, top);
    let legend: Vec<(Mark, String)> = [
        (Mark::Solid, pick(lang, "已完成", "done")),
        (Mark::Outline, pick(lang, "未完成、未逾期", "open, not overdue")),
        (Mark::Hatch, pick(lang, "逾期", "overdue")),
        (Mark::Dashed, pick(lang, "今天", "today")),
    ]
    .into_iter()
    .map(|(m, w)| (m, w.to_string()))
    .collect();
    let height = svg.legend(4.0, bottom + 14.0, &legend);
    let title = pick(
        lang,
        "行动项：按小组与到期月份",
        "Actions by group and by month due",
    )
    .to_string();
    let total = ActionTotals::of(&all);
    let mut desc = tr!(
        lang,
        "共 {} 项行动：{}",
        "{} actions: {}",
        all.len(),
        words(lang, &total)
    );
    if total.dropped > 0 {
        desc.push_str(&tr!(lang, "，已取消 {}", ", {} dropped", total.dropped));
    }
    desc.push_str(pick(lang, "。", "."));
    let per_group: Vec<String> = rows
        .iter()
        .map(|(_, n, t)| tr!(lang, "{}：{}", "{}: {}", n, words(lang, t)))
        .collect();
    desc.push_str(&tr!(
        lang,
        "按小组：{}。",
        " By group: {}.",
        per_group.join(semi(lang))
    ));
    if !by_month.is_empty() {
        desc.push_str(&tr!(
            lang,
            "按到期月份：{}。",
            " By month due: {}.",
            by_month.join(semi(lang))
        ));
    }
    let undated = all.iter().filter(|a| a.due.is_none()).count();
    if undated > 0 {
        desc.push_str(&tr!(
            lang,
            "另有 {} 项没有到期日。",
            " {} have no due date.",
            undated
        ));
    }
    Some(Chart {
        svg: svg.finish(height, &title, &desc),
        title,
    })
}

/// The second panel from `top`: a column per month due. Returns the `y`
/// below it and each month in words.
fn months(svg: &mut Svg, at: &At, all: &[ActionFact], top: f64) -> (f64, Vec<String>) {
    let lang = at.lang;
    let mut tally: std::collections::BTreeMap<Month, ActionTotals> = std::collections::BTreeMap::new();
    for a in all {
        if let Some(d) = a.due {
            tally.entry(Month::of(d)).or_default().add(a);
        }
    }
    let (Some(first), Some(last)) = (tally.keys().next().copied(), tally.keys().last().copied()) else {
        return (top - 16.0, Vec::new());
    };
    let mut span = vec![first];
    while let Some(m) = span.last().copied().filter(|m| *m < last) {
        span.push(m.next());
    }
    if span.len() > MONTHS {
        span.drain(..span.len() - MONTHS);
    }
    svg.text(
        4.0,
        top + 6.0,
        pick(
            lang,
            "按到期月份（各项目前的状态）",
            "By month due (where each stands today)",
        ),
        "font-weight=\"bold\"",
    );
    let (x0, x1, h) = (40.0, W - 10.0, 90.0);
    let base = top + 28.0 + h;
    let col = ((x1 - x0) / span.len() as f64).min(48.0);
    let max = span
        .iter()
        .filter_map(|m| tally.get(m))
        .map(|t| t.done + t.open)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = h / max;
    svg.line(
        x0 - 4.0,
        base,
        x0 + col * span.len() as f64,
        base,
        &format!("stroke=\"{}\" stroke-width=\"1\"", super::INK),
    );
    svg.text(x0 - 8.0, base + 3.0, "0", "font-size=\"9\" text-anchor=\"end\"");
    svg.text(
        x0 - 8.0,
        base - h + 3.0,
        &super::num(max),
        "font-size=\"9\" text-anchor=\"end\"",
    );
    svg.line(
        x0 - 4.0,
        base - h,
        x0 + col * span.len() as f64,
        base - h,
        &format!("stroke=\"{LIGHT}\" stroke-width=\"0.6\""),
    );
    let today = Month::of(at.today);
    let mut said = Vec::new();
    for (i, m) in span.iter().enumerate() {
        let x = x0 + i as f64 * col;
        let t = tally.get(m).copied().unwrap_or_default();
        let mut y = base;
        for (mark, n) in segments(&t) {
            if n > 0 {
                let hh = n as f64 * scale;
                svg.rect(x + col * 0.15, y - hh, col * 0.7, hh, &attrs(svg, mark));
                y -= hh;
            }
        }
        if t.done + t.open > 0 {
            svg.text(
                x + col / 2.0,
                y - 3.0,
                &(t.done + t.open).to_string(),
                "font-size=\"9\" text-anchor=\"middle\"",
            );
            said.push(tr!(
                lang,
                "{} {}",
                "{} {}",
                month_year(lang, m.year, m.month),
                brief(lang, &t)
            ));
        }
        svg.text(
            x + col / 2.0,
            base + 12.0,
            &month_name(lang, m.month),
            "font-size=\"9\" text-anchor=\"middle\"",
        );
        if i == 0 || m.month == 1 {
            svg.text(
                x + col / 2.0,
                base + 23.0,
                &m.year.to_string(),
                &format!("font-size=\"9\" text-anchor=\"middle\" fill=\"{GREY}\""),
            );
        }
        if *m == today {
            let days = at.today.days_in_month() as f64;
            let tx = x + col * (f64::from(at.today.day()) - 0.5) / days;
            svg.line(
                tx,
                base - h - 6.0,
                tx,
                base + 2.0,
                &format!(
                    "stroke=\"{}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"",
                    super::INK
                ),
            );
            svg.text(
                tx,
                base - h - 9.0,
                pick(lang, "今天", "today"),
                "font-size=\"9\" text-anchor=\"middle\"",
            );
        }
    }
    (base + 26.0, said)
}
