//! The dashboard's context: the rows grouped by batch, in the dashboard's
//! language, with the attention list, the facilitators across programs,
//! the people in more than one running program and each batch's tally.
//! `portfolio.{md,html}.tera` lay it out; `--format json` prints it.

use super::row::{FacilitatorRow, Row};
use crate::config::Lang;
use crate::lang::{self as labels, amount, day_spoken, pick, plural, spaced};
use crate::model::{Date, FacilitatorLevel};
use crate::tr;
use serde::Serialize;
use std::collections::BTreeMap;

/// What the portfolio templates receive.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Portfolio {
    /// The language of the dashboard.
    pub lang: Lang,
    /// The day the dashboard is written at (`--today`).
    pub today: Date,
    /// The folder the programs were found under, as given.
    pub root: String,
    /// The totals over every program.
    pub totals: Totals,
    /// The programs by batch: batches by name, the programs without a batch last.
    pub batches: Vec<Batch>,
    /// What needs the office's attention, one sentence each, program by
    /// program in the order of the rows.
    pub attention: Vec<String>,
    /// Each facilitator across programs, by name.
    pub facilitators: Vec<Facilitator>,
    /// The people who are members of a core group in more than one running
    /// program, by name.
    pub shared_people: Vec<SharedPerson>,
    /// `--since REV` as written; `null` without it.
    pub since: Option<String>,
    /// With `--since`: what moved since, one sentence per program that
    /// moved, in the order of the rows; else empty.
    pub moved: Vec<String>,
}

/// The totals over every program.
#[derive(Serialize, schemars::JsonSchema, Default)]
pub(crate) struct Totals {
    /// Programs found.
    pub programs: usize,
    /// Of those, running (started and not finished).
    pub running: usize,
    /// Error findings of `al check` over all of them.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Sub-topics under way over all programs.
    pub subtopics: usize,
}

/// One batch and its programs.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Batch {
    /// The topics' `batch`; `null` for the programs without one.
    pub name: Option<String>,
    /// Its programs, by folder.
    pub programs: Vec<RowView>,
    /// Programs in the batch.
    pub count: usize,
    /// Programs started.
    pub started: usize,
    /// Programs at each step (1–6, by the step trusted), index 0 for step 1.
    pub at_step: [usize; 6],
    /// The same as a whole percentage of the batch's programs, for a chart.
    pub at_step_percent: [usize; 6],
    /// Programs finished (step 6 shown, or past their end).
    pub finished: usize,
    /// Programs whose results are adopted or shared (step 6 shown).
    pub adopted: usize,
}

/// A row of the dashboard: the program's values, and each cell as text in
/// the dashboard's language.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct RowView {
    /// The values, language-neutral.
    #[serde(flatten)]
    pub row: Row,
    /// The step in words: `3 团队学习与工作`, with the record's step when it is behind.
    pub step_text: String,
    /// The plan's slip in words (`+5 天`, `准时`); empty without a plan.
    pub slip_text: String,
    /// Each group's last meeting: `第一组 9月3日`.
    pub last_met_text: Vec<String>,
    /// The headline metric: `流失率 18% → 12%（目标 10%）`; empty without one.
    pub metric_text: String,
    /// Whether `al check` could not read some of its files.
    pub broken: bool,
    /// The file of the program's own report beside the dashboard, when
    /// `-o DIR/` writes one per program; else `null`.
    pub link: Option<String>,
}

/// A facilitator across programs.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Facilitator {
    /// Their name.
    pub name: String,
    /// Their levels as recorded, in words (one, unless programs disagree).
    pub levels: Vec<String>,
    /// The programs they facilitate in.
    pub programs: usize,
    /// The core groups they facilitate, over all programs.
    pub groups: usize,
    /// Their groups as a whole percentage of the most any facilitator
    /// has, for a chart of the load.
    pub load_percent: usize,
    /// With `--since`: the programs they facilitated in at that revision.
    pub programs_then: Option<usize>,
    /// With `--since`: the core groups they facilitated at that revision.
    pub groups_then: Option<usize>,
}

/// A person who is a member in more than one running program.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct SharedPerson {
    /// Their name.
    pub name: String,
    /// The programs' titles, in the order of the rows.
    pub programs: Vec<String>,
}

/// Builds the dashboard from the rows, in the order they were found.
pub(crate) fn build(
    mut rows: Vec<Row>,
    lang: Lang,
    today: Date,
    root: &str,
    since: Option<&str>,
) -> Portfolio {
    rows.sort_by(|a, b| {
        (a.batch.is_none(), &a.batch, &a.folder).cmp(&(b.batch.is_none(), &b.batch, &b.folder))
    });
    let totals = Totals {
        programs: rows.len(),
        running: rows.iter().filter(|r| r.running()).count(),
        errors: rows.iter().map(|r| r.errors).sum(),
        warnings: rows.iter().map(|r| r.warnings).sum(),
        subtopics: rows.iter().map(|r| r.subtopics.len()).sum(),
    };
    let attention = rows
        .iter()
        .flat_map(|r| attention(r, lang, today))
        .map(|s| spaced(lang, &s))
        .collect();
    let moved = rows
        .iter()
        .filter_map(|r| moved(r, lang))
        .map(|s| spaced(lang, &s))
        .collect();
    let facilitators = facilitators(&rows, lang);
    let shared_people = shared_people(&rows);
    let mut batches: Vec<Batch> = Vec::new();
    for row in rows {
        if batches.last().is_none_or(|b| b.name != row.batch) {
            batches.push(Batch {
                name: row.batch.clone(),
                programs: Vec::new(),
                count: 0,
                started: 0,
                at_step: [0; 6],
                at_step_percent: [0; 6],
                finished: 0,
                adopted: 0,
            });
        }
        if let Some(b) = batches.last_mut() {
            b.count += 1;
            b.started += usize::from(row.started);
            if let Some(n) = row.step.filter(|n| (1..=6).contains(n)) {
                b.at_step[(n - 1) as usize] += 1;
            }
            b.finished += usize::from(row.finished);
            b.adopted += usize::from(row.adopted);
            b.programs.push(view(row, lang, today));
        }
    }
    for b in &mut batches {
        b.at_step_percent = b
            .at_step
            .map(|n| (n * 100 + b.count / 2).checked_div(b.count).unwrap_or(0));
    }
    Portfolio {
        lang,
        today,
        root: root.to_string(),
        totals,
        batches,
        attention,
        facilitators,
        shared_people,
        since: since.map(str::to_string),
        moved,
    }
}

/// What moved in one program since `--since`, as one sentence naming it.
fn moved(r: &Row, lang: Lang) -> Option<String> {
    let m = r.moved.as_ref().filter(|m| m.any())?;
    let t = &r.title;
    let mut parts: Vec<String> = Vec::new();
    if m.new {
        parts.push(pick(lang, "新启动的项目", "a new program").to_string());
    }
    if let Some((from, to)) = m.advanced {
        let name = labels::step_name(lang, to);
        parts.push(if from > 0 {
            tr!(
                lang,
                "从第 {from} 步进入第 {to} 步：{name}",
                "moved from step {from} to step {to}: {name}"
            )
        } else {
            tr!(lang, "进入第 {to} 步：{name}", "now at step {to}: {name}")
        });
    }
    if m.approved > 0 {
        let n = m.approved;
        let noun = plural(n, "proposal", "proposals");
        parts.push(tr!(lang, "{n} 项方案通过评审", "{n} {noun} approved"));
    }
    if m.metrics > 0 {
        let n = m.metrics;
        let noun = plural(n, "metric", "metrics");
        parts.push(tr!(lang, "{n} 个指标有新的测量值", "{n} {noun} measured"));
    }
    let list = parts.join(pick(lang, "；", "; "));
    Some(tr!(lang, "《{t}》：{list}。", "“{t}”: {list}."))
}

/// The row's cells in words.
fn view(row: Row, lang: Lang, today: Date) -> RowView {
    let step_text = match (row.step, row.declared_step) {
        (Some(n), d) if d > n => {
            let name = labels::step_name(lang, n);
            tr!(
                lang,
                "{n} {name}（文件报第 {d} 步）",
                "{n} {name} (files say {d})"
            )
        }
        (Some(n), _) => format!("{n} {}", labels::step_name(lang, n)),
        (None, _) => pick(lang, "未注明", "not stated").to_string(),
    };
    let slip_text = match row.plan_slip {
        Some(0) => pick(lang, "按计划", "on plan").to_string(),
        Some(d) if d > 0 => tr!(lang, "晚 {d} 天", "{d} days late"),
        Some(d) => {
            let early = -d;
            tr!(lang, "早 {early} 天", "{early} days early")
        }
        None => String::new(),
    };
    let last_met_text = row
        .groups
        .iter()
        .map(|g| match g.last_met {
            Some(d) => format!("{} {}", g.name, day_spoken(lang, d, today)),
            None => tr!(lang, "{} 未开会", "{} not met", g.name),
        })
        .collect();
    let metric_text = row.metric.as_ref().map_or_else(String::new, |m| {
        let (b, a) = (amount(m.baseline, &m.unit), amount(m.actual, &m.unit));
        match m.target.map(|t| amount(t, &m.unit)) {
            Some(t) => tr!(
                lang,
                "{} {b} → {a}（目标 {t}）",
                "{} {b} → {a} (target {t})",
                m.name
            ),
            None => format!("{} {b} → {a}", m.name),
        }
    });
    RowView {
        broken: !row.unreadable.is_empty(),
        link: None,
        step_text,
        slip_text,
        last_met_text,
        metric_text,
        row,
    }
}

/// What needs the office's attention in one program, one sentence each,
/// naming the program by its title.
fn attention(r: &Row, lang: Lang, today: Date) -> Vec<String> {
    let t = &r.title;
    let mut out = Vec::new();
    if !r.unreadable.is_empty() {
        let files = r.unreadable.join(pick(lang, "、", ", "));
        out.push(tr!(
            lang,
            "《{t}》：有文件无法读取（{files}），请先用 al check 修正。",
            "“{t}”: some files cannot be read ({files}); fix them with al check first."
        ));
    }
    if r.errors > 0 {
        let n = r.errors;
        let noun = plural(n, "error", "errors");
        out.push(tr!(
            lang,
            "《{t}》：al check 发现 {n} 处错误需要更正。",
            "“{t}”: al check found {n} {noun} to correct."
        ));
    }
    if r.actions.overdue > 0 {
        let (n, oldest) = (r.actions.overdue, r.oldest_overdue.unwrap_or(0));
        let noun = plural(n, "action is", "actions are");
        let unit = plural(oldest as usize, "day", "days");
        out.push(tr!(
            lang,
            "《{t}》：{n} 项行动已逾期，最久的已逾期 {oldest} 天。",
            "“{t}”: {n} {noun} overdue, the oldest by {oldest} {unit}."
        ));
    }
    for q in &r.quiet {
        let (g, days, when) = (&q.name, q.days, day_spoken(lang, q.since, today));
        out.push(match q.last_met {
            Some(_) => tr!(
                lang,
                "《{t}》：{g}已有 {days} 天没有开小组会议（上一次在{when}）。",
                "“{t}”: {g} has not held a group meeting for {days} days (the last was on {when})."
            ),
            None => tr!(
                lang,
                "《{t}》：{g}还没有开过小组会议（首次集中活动在{when}）。",
                "“{t}”: {g} has not held a group meeting yet (the first gathering was on {when})."
            ),
        });
    }
    if let Some(d) = r.review_overdue {
        let (days, when) = (crate::dates::days_between(d, today), day_spoken(lang, d, today));
        out.push(tr!(
            lang,
            "《{t}》：初步方案评审已逾期 {days} 天（应在{when}前完成），至今还没有评审。",
            "“{t}”: the review of the preliminary solution is {days} days late (due by {when}) and none has been held."
        ));
    }
    if r.overspent {
        out.push(match r.budget_used {
            Some(pc) => tr!(
                lang,
                "《{t}》：预算已超支（已使用计划的 {pc}%）。",
                "“{t}”: the budget is overspent ({pc}% of the plan used)."
            ),
            None => tr!(lang, "《{t}》：预算已超支。", "“{t}”: the budget is overspent."),
        });
    }
    out
}

/// A facilitator level in words.
fn level(lang: Lang, l: FacilitatorLevel) -> String {
    labels::facilitator_level(lang, l).to_string()
}

/// A facilitator's levels, programs and groups, tallied over programs.
type Tally<'a> = BTreeMap<&'a str, (Vec<FacilitatorLevel>, usize, usize)>;

/// Tallies the facilitators of each program's list, by name.
fn tally<'a>(lists: impl Iterator<Item = &'a [FacilitatorRow]>) -> Tally<'a> {
    let mut by_name: Tally = BTreeMap::new();
    for list in lists {
        let mut seen: Vec<&str> = Vec::new();
        for f in list {
            let FacilitatorRow { name, level, groups } = f;
            let e = by_name.entry(name.as_str()).or_default();
            if let Some(l) = level
                && !e.0.contains(l)
            {
                e.0.push(*l);
            }
            if !seen.contains(&name.as_str()) {
                e.1 += 1;
                seen.push(name);
            }
            e.2 += groups;
        }
    }
    by_name
}

/// The facilitators across programs, by name; with `--since`, also what
/// each served then (培养促进师: who took on groups, who handed them over),
/// those who served then and no longer included.
fn facilitators(rows: &[Row], lang: Lang) -> Vec<Facilitator> {
    let mut by_name = tally(rows.iter().map(|r| r.facilitators.as_slice()));
    let since = rows.iter().any(|r| r.facilitators_then.is_some());
    let then = tally(rows.iter().filter_map(|r| r.facilitators_then.as_deref()));
    if since {
        for name in then.keys() {
            by_name.entry(name).or_default();
        }
    }
    let most = by_name.values().map(|e| e.2).max().unwrap_or(0);
    by_name
        .into_iter()
        .map(|(name, (mut levels, programs, groups))| {
            levels.sort();
            let was = then.get(name).map_or((0, 0), |e| (e.1, e.2));
            Facilitator {
                name: name.to_string(),
                levels: levels.into_iter().map(|l| level(lang, l)).collect(),
                programs,
                groups,
                load_percent: (groups * 100 + most / 2).checked_div(most).unwrap_or(0),
                programs_then: since.then_some(was.0),
                groups_then: since.then_some(was.1),
            }
        })
        .collect()
}

/// The people who are members in more than one running program, by name.
fn shared_people(rows: &[Row]) -> Vec<SharedPerson> {
    let mut by_name: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.running()) {
        for m in &r.members {
            by_name.entry(m.as_str()).or_default().push(r.title.clone());
        }
    }
    by_name
        .into_iter()
        .filter(|(_, p)| p.len() > 1)
        .map(|(name, programs)| SharedPerson {
            name: name.to_string(),
            programs,
        })
        .collect()
}
