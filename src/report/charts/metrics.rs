//! Metrics: per sub-topic with metrics, one bullet bar per metric on its own
//! scale (from zero, or the lowest value when below zero, to a little above
//! the highest): the actual as a solid bar, the target as a thick line, the
//! baseline as a triangle, the values and the unit written beside it with
//! the share of the intended change achieved.

use super::{At, Chart, GREY, LIGHT, Mark, Svg, day, fit, num, semi};
use crate::facts;
use crate::lang::pick;
use crate::model::{Metric, Subtopic};
use crate::tr;

const W: f64 = 680.0;
/// Where a scale starts.
const X0: f64 = 20.0;
/// Where it ends (the values are written after it).
const X1: f64 = 470.0;
/// The height of one metric.
const ROW: f64 = 54.0;

/// A value with its unit: `16.5%`, `12 人`.
fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        num(v)
    } else if unit == "%" || unit == "％" {
        format!("{}{unit}", num(v))
    } else {
        format!("{} {unit}", num(v))
    }
}

/// The smallest round number (1, 2, 2.5 or 5 times a power of ten) at
/// least `x`, for the end of a scale.
pub(super) fn nice(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let power = 10f64.powi(x.log10().floor() as i32);
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v >= x * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// The share of the intended change achieved, in whole percent: how far
/// the actual moved from the baseline towards the target.
pub(super) fn progress(baseline: f64, target: f64, actual: f64) -> Option<i64> {
    let want = target - baseline;
    (want != 0.0 && want.is_finite()).then(|| ((actual - baseline) / want * 100.0).round() as i64)
}

/// One chart per sub-topic that has metrics, in file order.
pub(super) fn charts(at: &At) -> Vec<Chart> {
    at.p.subtopics
        .iter()
        .filter_map(|s| {
            let metrics = &s.value.implementation.as_ref()?.value.metrics;
            (!metrics.is_empty()).then_some((s, metrics))
        })
        .enumerate()
        .map(|(i, (s, metrics))| {
            let ms: Vec<&Metric> = metrics.iter().map(|m| &m.value).collect();
            chart(at, &s.value, facts::subtopic_id(at.p, s), i + 1, &ms)
        })
        .collect()
}

/// The metrics of one sub-topic.
fn chart(at: &At, st: &Subtopic, id: &str, n: usize, metrics: &[&Metric]) -> Chart {
    let lang = at.lang;
    let mut svg = Svg::new(&format!("al-chart-metrics-{n}"), W);
    let mut said = Vec::new();
    for (i, m) in metrics.iter().enumerate() {
        said.push(row(&mut svg, at, m, 6.0 + i as f64 * ROW));
    }
    let bottom = 6.0 + metrics.len() as f64 * ROW;
    let legend: Vec<(Mark, String)> = [
        (Mark::Triangle, pick(lang, "基线", "baseline")),
        (Mark::Thick, pick(lang, "目标", "target")),
        (Mark::Solid, pick(lang, "实际", "actual")),
    ]
    .into_iter()
    .map(|(m, w)| (m, w.to_string()))
    .collect();
    let height = svg.legend(4.0, bottom + 8.0, &legend);
    let question = st
        .question
        .as_ref()
        .map(|q| q.value.0.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|q| !q.is_empty())
        .unwrap_or_else(|| id.to_string());
    let title = tr!(lang, "成效指标：{}", "Metrics: {}", question);
    let noun = match lang {
        crate::config::Lang::Zh => "项指标",
        crate::config::Lang::En => crate::lang::plural(metrics.len(), "metric", "metrics"),
    };
    let desc = tr!(
        lang,
        "共 {} {}。{}。",
        "{} {}. {}.",
        metrics.len(),
        noun,
        said.join(semi(lang))
    );
    Chart {
        svg: svg.finish(height, &title, &desc),
        title,
    }
}

/// One metric from `y`; returns it in words.
fn row(svg: &mut Svg, at: &At, m: &Metric, y: f64) -> String {
    let lang = at.lang;
    let name = m
        .name
        .as_ref()
        .map(|t| t.value.0.clone())
        .unwrap_or_else(|| pick(lang, "（未命名指标）", "(unnamed metric)").to_string());
    let unit = m
        .unit
        .as_ref()
        .map(|u| u.0.trim().to_string())
        .unwrap_or_default();
    let value = |f: &crate::yaml::Field<crate::model::Number>| {
        f.as_ref().map(|x| x.value.0).filter(|x| x.is_finite())
    };
    let (baseline, target, actual) = (value(&m.baseline), value(&m.target), value(&m.actual));
    let label = if unit.is_empty() {
        name.clone()
    } else {
        tr!(lang, "{}（{}）", "{} ({})", name, unit)
    };
    svg.text(
        X0,
        y + 11.0,
        &fit(&label, 10.0, W - X0 - 8.0),
        "font-size=\"10\" font-weight=\"bold\"",
    );
    let values: Vec<f64> = [baseline, target, actual].into_iter().flatten().collect();
    let words_of = |v: Option<f64>| {
        v.map_or_else(
            || pick(lang, "未填", "not given").to_string(),
            |v| with_unit(v, &unit),
        )
    };
    let measured = m
        .measured
        .as_ref()
        .map(|d| tr!(lang, "（{}测量）", " (measured {})", day(lang, d.value)));
    let share = match (baseline, target, actual) {
        (Some(b), Some(t), Some(a)) => progress(b, t, a),
        _ => None,
    };
    let share_text = share.map(|p| tr!(lang, "，完成预期改进的 {}%", ", {}% of the intended change", p));
    let said = tr!(
        lang,
        "{}：基线 {}，目标 {}，实际 {}{}{}",
        "{}: baseline {}, target {}, actual {}{}{}",
        name,
        words_of(baseline),
        words_of(target),
        words_of(actual),
        measured.unwrap_or_default(),
        share_text.unwrap_or_default()
    );
    if values.is_empty() {
        svg.text(
            X0,
            y + 32.0,
            pick(lang, "无数据", "no values"),
            &format!("font-size=\"9\" fill=\"{GREY}\""),
        );
        return said;
    }
    let lo = values.iter().copied().fold(0.0_f64, f64::min);
    let mut hi = values.iter().copied().fold(f64::MIN, f64::max);
    if hi <= lo {
        hi = lo + 1.0;
    }
    hi = lo + nice((hi - lo) * 1.05);
    let x = |v: f64| X0 + (X1 - X0) * (v - lo) / (hi - lo);
    svg.rect(
        X0,
        y + 22.0,
        X1 - X0,
        14.0,
        &format!("fill=\"#ececec\" stroke=\"{LIGHT}\" stroke-width=\"1\""),
    );
    if let Some(a) = actual {
        let (a0, a1) = (x(0.0_f64.max(lo)).min(x(a)), x(0.0_f64.max(lo)).max(x(a)));
        svg.rect(
            a0,
            y + 25.5,
            (a1 - a0).max(1.5),
            7.0,
            &format!("fill=\"{}\"", super::DARK),
        );
    }
    if let Some(t) = target {
        svg.mark(Mark::Thick, x(t), y + 29.0, 16.0);
    }
    if let Some(b) = baseline {
        svg.mark(Mark::Triangle, x(b), y + 17.0, 8.0);
    }
    let small = format!("font-size=\"8\" fill=\"{GREY}\"");
    svg.text(X0, y + 46.0, &num(lo), &small);
    svg.text(X1, y + 46.0, &num(hi), &format!("{small} text-anchor=\"end\""));
    let line1 = tr!(
        lang,
        "基线 {} → 目标 {}",
        "baseline {} → target {}",
        words_of(baseline),
        words_of(target)
    );
    let mut line2 = tr!(lang, "实际 {}", "actual {}", words_of(actual));
    if let Some(p) = share {
        line2.push_str(&tr!(lang, "（完成 {}%）", " ({}% of the way)", p));
    }
    svg.text(
        X1 + 10.0,
        y + 28.0,
        &fit(&line1, 9.0, W - X1 - 14.0),
        "font-size=\"9\"",
    );
    svg.text(
        X1 + 10.0,
        y + 40.0,
        &fit(&line2, 9.0, W - X1 - 14.0),
        "font-size=\"9\" font-weight=\"bold\"",
    );
    said
}
