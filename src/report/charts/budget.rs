//! The budget: per line item of topic.yaml, a pair of bars — planned
//! (outlined) above spent (solid) — on one scale, each amount written at its
//! bar's end; spending beyond the plan is hatched and labelled overspent.

use super::{At, Chart, LIGHT, Mark, Svg, fit, semi};
use crate::facts;
use crate::lang::{self as labels, pick};
use crate::report::context::money;
use crate::tr;

const W: f64 = 680.0;
/// Where the bars start.
const X0: f64 = 168.0;
/// Where the longest bar ends (the amounts are written after it).
const X1: f64 = 520.0;
/// The height of one line item.
const ROW: f64 = 32.0;

/// One budget line as drawn.
struct Line {
    name: String,
    planned: Option<f64>,
    spent: f64,
}

/// The budget chart, or `None` without budget lines or amounts.
pub(super) fn chart(at: &At) -> Option<Chart> {
    let lang = at.lang;
    let topic = &at.p.topic.as_ref()?.value;
    let lines: Vec<Line> = topic
        .budget
        .iter()
        .map(|b| {
            let v = &b.value;
            let item = v.item.as_ref().map(|t| t.0.trim()).filter(|t| !t.is_empty());
            let category = v
                .category
                .as_ref()
                .map(|c| labels::budget_category(lang, c.value));
            let name = match (item, category) {
                (Some(i), _) => i.to_string(),
                (None, Some(c)) => c.to_string(),
                (None, None) => pick(lang, "（未命名）", "(unnamed)").to_string(),
            };
            Line {
                name,
                planned: v.planned.as_ref().map(|x| x.value.0).filter(|x| x.is_finite()),
                spent: v.spent.as_ref().map_or(0.0, |x| x.value.0).max(0.0),
            }
        })
        .collect();
    let max = lines
        .iter()
        .flat_map(|l| [l.planned.unwrap_or(0.0), l.spent])
        .fold(0.0_f64, f64::max);
    if lines.is_empty() || !max.is_finite() || max <= 0.0 {
        return None;
    }
    let currency = topic.currency.as_ref().map(|c| c.0.trim()).unwrap_or("");
    let scale = (X1 - X0) / max;
    let mut svg = Svg::new("al-chart-budget", W);
    let ink = super::INK;
    let mut over = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let y = 8.0 + i as f64 * ROW;
        svg.text(4.0, y + 15.0, &fit(&l.name, 10.0, X0 - 12.0), "font-size=\"10\"");
        let planned = l.planned.unwrap_or(0.0).max(0.0);
        let pw = planned * scale;
        svg.rect(
            X0,
            y + 2.0,
            pw,
            10.0,
            &format!("fill=\"#fff\" stroke=\"{ink}\" stroke-width=\"1\""),
        );
        let planned_text = match l.planned {
            Some(p) => tr!(lang, "计划 {}", "planned {}", money(p)),
            None => pick(lang, "无计划金额", "nothing planned").to_string(),
        };
        svg.text(X0 + pw + 5.0, y + 11.0, &planned_text, "font-size=\"9\"");
        let within = l.spent.min(planned) * scale;
        let sw = l.spent * scale;
        svg.rect(
            X0,
            y + 14.0,
            within,
            10.0,
            &format!("fill=\"{}\" stroke=\"{ink}\" stroke-width=\"1\"", super::DARK),
        );
        let overspent = crate::facts::over_plan(l.planned, l.spent).is_some();
        if overspent {
            let fill = svg.url("hatch");
            svg.rect(
                X0 + within,
                y + 14.0,
                sw - within,
                10.0,
                &format!("fill=\"{fill}\" stroke=\"{ink}\" stroke-width=\"1\""),
            );
            over.push(tr!(
                lang,
                "{} 超支 {}",
                "{} overspent by {}",
                l.name,
                money(l.spent - planned)
            ));
        }
        let share = l
            .planned
            .filter(|p| *p > 0.0)
            .map(|p| tr!(lang, "（{}%）", " ({}%)", (l.spent / p * 100.0).round() as i64))
            .unwrap_or_default();
        let mut spent_text = tr!(lang, "支出 {}{}", "spent {}{}", money(l.spent), share);
        if overspent {
            spent_text.push_str(&tr!(
                lang,
                " ▲ 超支 {}",
                " ▲ over by {}",
                money(l.spent - planned)
            ));
        }
        let weight = if overspent { " font-weight=\"bold\"" } else { "" };
        svg.text(
            X0 + sw.max(within) + 5.0,
            y + 23.0,
            &spent_text,
            &format!("font-size=\"9\"{weight}"),
        );
    }
    let bottom = 8.0 + lines.len() as f64 * ROW;
    svg.line(
        X0,
        4.0,
        X0,
        bottom - 4.0,
        &format!("stroke=\"{LIGHT}\" stroke-width=\"1\""),
    );
    let legend: Vec<(Mark, String)> = [
        (Mark::Outline, pick(lang, "计划", "planned")),
        (Mark::Solid, pick(lang, "已支出", "spent")),
        (Mark::Hatch, pick(lang, "超出计划的支出", "spent beyond the plan")),
    ]
    .into_iter()
    .map(|(m, w)| (m, w.to_string()))
    .collect();
    let height = svg.legend(4.0, bottom + 12.0, &legend);
    let title = if currency.is_empty() {
        pick(lang, "预算：各项计划与支出", "Budget: planned and spent per item").to_string()
    } else {
        tr!(
            lang,
            "预算：各项计划与支出（{}）",
            "Budget: planned and spent per item ({})",
            currency
        )
    };
    let totals = facts::budget(at.p);
    let mut desc = tr!(
        lang,
        "预算 {} 项，计划合计 {}，已支出 {}。",
        "{} budget lines: {} planned in total, {} spent. ",
        lines.len(),
        money(totals.planned),
        money(totals.spent)
    );
    let each: Vec<String> = lines
        .iter()
        .map(|l| match l.planned {
            Some(p) => tr!(
                lang,
                "{}：计划 {}，支出 {}",
                "{}: planned {}, spent {}",
                l.name,
                money(p),
                money(l.spent)
            ),
            None => tr!(
                lang,
                "{}：无计划金额，支出 {}",
                "{}: nothing planned, spent {}",
                l.name,
                money(l.spent)
            ),
        })
        .collect();
    desc.push_str(&each.join(semi(lang)));
    desc.push_str(pick(lang, "。", "."));
    if over.is_empty() {
        desc.push_str(pick(lang, "没有超支。", " Nothing is overspent."));
    } else {
        desc.push_str(&tr!(lang, "{}。", " {}.", over.join(semi(lang))));
    }
    Some(Chart {
        svg: svg.finish(height, &title, &desc),
        title,
    })
}
