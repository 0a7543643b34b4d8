//! The executive summary that opens the report: where the program is, what
//! it has achieved, what was decided lately and what needs a leader's
//! attention — each a complete sentence in the report's language, with
//! names instead of ids and numbers with their units.
//!
//! Everything here is read from the [facts](crate::facts) — where the
//! program keeps pace, the questions the portfolio dashboard asks too — and
//! from what the report's context has already worked out (the stage, the
//! actions, the findings, the comparison of `--since`); nothing is derived a
//! second time.
//!
//! - Where the program is: its declared step, unless the record
//!   ([`facts::StageEvidence::supported_stage`]) does not support it: then
//!   both, the declared step and the one the record shows
//!   ([`facts::declared_ahead`]).
//! - The next milestone, in this order: with a plan (plan.yaml), the
//!   earliest milestone in planned order neither reached nor late
//!   ([`facts::MilestoneFact::upcoming`]); else the next dated gathering after
//!   `--today` (a kick-off, workshop, review or results report); else, while
//!   no review has been held, the review that ends steps 1–3 (the start plus
//!   `steps_1_to_3_months`, [`facts::review_pending`]) — overdue when that
//!   date has passed; else the topic's `end`.
//! - The decisions: with `--since REV`, those of the sessions the comparison
//!   lists as new; without it, those of the sessions held in the
//!   [`DECISION_DAYS`] days up to `--today`.
//! - A group that has not met: while groups are expected to meet — from the
//!   first kick-off or workshop until the topic's `end`, unless the record
//!   shows step 6 — a group whose last group meeting ([`facts::last_met`]) —
//!   or, when it has not met yet, that first gathering — is more than a
//!   month before `--today`, when `meetings_per_month` asks for at least one
//!   ([`facts::quiet_groups`]).
//! - No activity: a program started with no session held at all, or (until
//!   the record shows step 6) none in the last month.
//! - Running late: past the topic's `end` and the record not at step 6; the
//!   review that ends steps 1–3 not held by its date; each milestone of the
//!   plan past its planned date with nothing in the record
//!   ([`facts::MilestoneFact::days_late`]).
//! - "More than a month" counts as the rest of the report does: past the
//!   same day of the next month ([`facts::over_a_month`]).
//! - The budget: overspent as the rules judge it (spent above planned, in
//!   total and per line: [`facts::overspent`]), or nearly spent
//!   ([`NEARLY_SPENT`] of the plan).

use super::context::{self as context, Names, StageView, money};
use crate::check::Summary;
use crate::config::{Lang, Limits};
use crate::dates::days_between;
use crate::diag::{Diagnostic, Severity};
use crate::facts::{self, ActionFact, MilestoneFact, Planned};
use crate::history::{Diff, How, Subject, What};
use crate::lang::{self as labels, amount, day_spoken, pick, plural, spaced};
use crate::load::{Doc, Program};
use crate::model::{Date, Metric, Session, SessionKind, Subtopic};
use crate::tr;
use schemars::JsonSchema;
use serde::Serialize;

/// Without `--since`, the decisions of the sessions held in this many days
/// up to `--today` (both ends included).
pub(crate) const DECISION_DAYS: i64 = 30;

/// The share of the planned budget at which it counts as nearly spent.
pub(crate) const NEARLY_SPENT: f64 = 0.9;

/// The executive summary: complete sentences in the report's language.
#[derive(Serialize, JsonSchema, Debug, Default)]
pub(crate) struct SummaryView {
    /// Where the program is: not started yet, or step N of six and its name;
    /// then the next milestone and how far off it is.
    pub position: String,
    /// The headline results, one sentence each: each metric with its
    /// baseline and actual (and target), the proposals approved, the results
    /// adopted. Empty when there is nothing to report yet.
    pub results: Vec<String>,
    /// The decisions taken since the last report, one sentence per session
    /// (its name, date and decisions): with `--since`, of the sessions new
    /// since that revision; else of the sessions held in the 30 days up to
    /// `today`. Empty when none.
    pub decisions: Vec<String>,
    /// What needs a leader's attention, one sentence each: a program past its
    /// end, a review overdue, a milestone of the plan late with nothing in
    /// the record, no session held (at all, or in the last month),
    /// overdue actions, groups that have not met for more than a month, the
    /// findings of `al check`, a budget overspent or nearly spent. Empty when
    /// nothing does.
    pub attention: Vec<String>,
    /// Without `--since`: how many days up to `today` `decisions` covers
    /// (30); with it, `null` (the decisions are those since that revision).
    pub decision_days: Option<i64>,
    /// Whether the program has started (its `start` is not after `today`).
    pub started: bool,
    /// The next milestone, if any.
    pub milestone: Option<Milestone>,
}

/// The next milestone of the program.
#[derive(Serialize, JsonSchema, Debug, Clone, PartialEq)]
pub(crate) struct Milestone {
    /// Where it comes from.
    pub source: MilestoneSource,
    /// What it is, in words.
    pub name: String,
    /// Its date.
    pub date: Date,
    /// Days from `today` to it: negative for a review that is overdue.
    pub days: i64,
}

/// Where the next milestone comes from, in the order it is looked for.
#[derive(Serialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum MilestoneSource {
    /// The plan's next milestone planned for a day: the earliest not
    /// reached and not late.
    Plan,
    /// The same, planned within a month: `date` is the month's last day.
    PlanMonth,
    /// The next dated kick-off, workshop, review or results report.
    Session,
    /// The review that should end steps 1–3 (start + `steps_1_to_3_months`),
    /// while none has been held: overdue when its date has passed.
    ReviewDeadline,
    /// The topic's `end`.
    End,
}

/// What the summary is built from: the program and what the report's
/// context has already worked out.
pub(crate) struct Sources<'a, 'b> {
    /// The program.
    pub p: &'a Program,
    /// The limits of al.toml.
    pub limits: &'b Limits,
    /// The report's language.
    pub lang: Lang,
    /// `--today`.
    pub today: Date,
    /// The stage, as the report shows it.
    pub stage: &'b StageView,
    /// Every action ([`facts::actions`] at `today`).
    pub actions: &'b [ActionFact<'a>],
    /// The plan's milestones ([`facts::milestones`] at `today`).
    pub milestones: &'b [MilestoneFact<'a>],
    /// The findings of `al check`.
    pub findings: &'b [Diagnostic],
    /// Their counts.
    pub counts: &'b Summary,
    /// The comparison of `--since`, if any.
    pub changes: Option<&'b Diff>,
}

/// Builds the summary.
pub(crate) fn build(s: &Sources) -> SummaryView {
    let names = Names::new(s.p.team.as_ref().map(|t| &t.value));
    let started = facts::start(s.p).is_none_or(|d| d <= s.today);
    let milestone = milestone(s);
    let lang = s.lang;
    let all = |v: Vec<String>| v.into_iter().map(|x| spaced(lang, &x)).collect();
    SummaryView {
        position: spaced(lang, &position(s, started, milestone.as_ref())),
        results: all(results(s)),
        decisions: all(decisions(s, &names)),
        attention: all(attention(s, &names)),
        decision_days: s.changes.is_none().then_some(DECISION_DAYS),
        started,
        milestone,
    }
}

/// What the record shows by `today` ([`facts::stage_evidence_by`]).
fn evidence(s: &Sources) -> facts::StageEvidence {
    facts::stage_evidence_by(s.p, s.today)
}

/// How far off something is: days under two weeks, else whole weeks.
fn wait(lang: Lang, days: i64) -> String {
    match days {
        0 => pick(lang, "就在今天", "today").to_string(),
        1..14 => {
            let unit = plural(days as usize, "day", "days");
            tr!(lang, "还有 {days} 天", "in {days} {unit}")
        }
        _ => {
            let weeks = (days + 3) / 7;
            tr!(lang, "还有 {weeks} 周", "in {weeks} weeks")
        }
    }
}

/// Sentences joined as the language writes them.
fn join_sentences(lang: Lang, parts: &[String]) -> String {
    parts.join(pick(lang, "", " "))
}

/// Text on one line, without a closing full stop (it goes inside a sentence).
fn clause(text: &str) -> String {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one.trim_end_matches(['。', '.', '；', ';', '，', ','])
        .to_string()
}

/// A session's name: its title, else its kind in words.
fn session_name(lang: Lang, s: &Session) -> String {
    match (&s.title, s.kind.as_ref()) {
        (Some(t), _) if !t.0.trim().is_empty() => clause(&t.0),
        (_, Some(k)) => labels::session_kind(lang, k.value).to_string(),
        _ => pick(lang, "一次活动", "a session").to_string(),
    }
}

/// A session as the next milestone: its name, in English with its article
/// (`the kick-off`, `the Third workshop`).
fn milestone_name(lang: Lang, v: &Session) -> String {
    let name = session_name(lang, v);
    if lang != Lang::En {
        return name;
    }
    let titled = v.title.as_ref().is_some_and(|t| !t.0.trim().is_empty());
    let lower = name.to_lowercase();
    if ["the ", "a ", "an "].iter().any(|a| lower.starts_with(a)) {
        return name;
    }
    if titled {
        format!("the {name}")
    } else {
        format!("the {lower}")
    }
}

/// The plan's next milestone: the earliest in planned order that is
/// neither reached nor late at `today`.
fn planned_milestone(s: &Sources) -> Option<Milestone> {
    let f = facts::by_plan_date(s.milestones)
        .into_iter()
        .find(|f| f.upcoming(s.today))?;
    let name = context::milestone_name(s.lang, f, s.milestones);
    let (source, date) = match f.planned? {
        Planned::Day(d) => (MilestoneSource::Plan, d),
        Planned::Month(m) => (MilestoneSource::PlanMonth, m.last_day()),
    };
    Some(Milestone {
        source,
        name,
        date,
        days: days_between(s.today, date),
    })
}

/// The next milestone after `today` (see the module's description for the order).
fn milestone(s: &Sources) -> Option<Milestone> {
    if let Some(m) = planned_milestone(s) {
        return Some(m);
    }
    let (lang, today) = (s.lang, s.today);
    let gathering = facts::sessions_by_date(s.p).into_iter().find_map(|doc| {
        let v = &doc.value;
        let date = facts::session_date(v)?;
        let kind = v.kind.as_ref()?.value;
        let plenary = matches!(
            kind,
            SessionKind::Kickoff | SessionKind::Workshop | SessionKind::Review | SessionKind::Report
        );
        (plenary && date > today).then(|| (milestone_name(lang, v), date))
    });
    let deadline = facts::review_pending(s.p, s.limits, today).map(|d| {
        let name = pick(lang, "初步方案评审", "the review of the preliminary solution");
        (name.to_string(), d)
    });
    let end = facts::end(s.p)
        .filter(|d| *d > today)
        .map(|d| (pick(lang, "项目结束", "the end of the program").to_string(), d));
    let (source, (name, date)) = gathering
        .map(|g| (MilestoneSource::Session, g))
        .or_else(|| deadline.map(|d| (MilestoneSource::ReviewDeadline, d)))
        .or_else(|| end.map(|e| (MilestoneSource::End, e)))?;
    Some(Milestone {
        source,
        name,
        date,
        days: days_between(today, date),
    })
}

/// Where the program is, and its next milestone.
fn position(s: &Sources, started: bool, milestone: Option<&Milestone>) -> String {
    let (lang, today) = (s.lang, s.today);
    let mut parts = Vec::new();
    match (
        facts::start(s.p),
        facts::declared_ahead(s.stage.number, &evidence(s)),
    ) {
        (Some(d), _) if !started => {
            let (when, left) = (day_spoken(lang, d, today), wait(lang, days_between(today, d)));
            parts.push(tr!(
                lang,
                "项目尚未开始，计划于{when}启动（{left}）。",
                "The program has not started yet: it starts on {when} ({left})."
            ));
        }
        (_, Some(shown)) => {
            let (n, name) = (s.stage.number, s.stage.name);
            let shown_name = labels::step_name(lang, shown);
            parts.push(tr!(
                lang,
                "项目文件报为第 {n} 步（{name}），但记录只能证明到第 {shown} 步：{shown_name}。",
                "The program's files put it at step {n} of six ({name}), but the record shows only step {shown}: {shown_name}."
            ));
        }
        _ if (1..=6).contains(&s.stage.number) => {
            let (n, name) = (s.stage.number, s.stage.name);
            parts.push(tr!(
                lang,
                "项目处于六个步骤中的第 {n} 步：{name}。",
                "The program is at step {n} of six: {name}."
            ));
        }
        _ => parts.push(
            pick(
                lang,
                "项目文件尚未注明当前所处的步骤。",
                "The program's files do not state its current step.",
            )
            .to_string(),
        ),
    }
    if let Some(m) = milestone {
        let (name, when, left) = (&m.name, day_spoken(lang, m.date, today), wait(lang, m.days));
        parts.push(match m.source {
            MilestoneSource::ReviewDeadline if m.days < 0 => {
                let late = -m.days;
                let unit = plural(late as usize, "day", "days");
                tr!(
                    lang,
                    "下一个节点是{name}，原定{when}前完成，已逾期 {late} 天。",
                    "The next milestone is {name}, due by {when}: it is {late} {unit} late."
                )
            }
            MilestoneSource::Plan => tr!(
                lang,
                "按总体行动方案，下一个节点是{name}（{when}），{left}。",
                "The plan's next milestone: {name}, on {when} ({left})."
            ),
            MilestoneSource::PlanMonth => tr!(
                lang,
                "按总体行动方案，下一个节点是{name}，计划{when}前完成，{left}。",
                "The plan's next milestone: {name}, by {when} ({left})."
            ),
            MilestoneSource::ReviewDeadline => {
                let months = s.limits.steps_1_to_3_months;
                tr!(
                    lang,
                    "下一个节点是{name}，按方法要求应在{when}前完成（启动后 {months} 个月内），{left}。",
                    "The next milestone is {name}, due by {when} (within {months} months of the start; {left})."
                )
            }
            _ => tr!(
                lang,
                "下一个节点是{name}（{when}），{left}。",
                "The next milestone is {name} on {when} ({left})."
            ),
        });
    }
    join_sentences(lang, &parts)
}

/// One metric measured with a baseline and an actual
/// ([`facts::measured_metrics`]), as a sentence.
fn metric(lang: Lang, m: &Metric) -> Option<String> {
    let name = clause(&m.name.as_ref()?.value.0);
    let unit = m.unit.as_ref().map_or("", |u| u.0.as_str());
    let baseline = m.baseline.as_ref()?.value.0;
    let actual = m.actual.as_ref()?.value.0;
    let (a, b) = (amount(baseline, unit), amount(actual, unit));
    let target = m.target.as_ref().map(|t| amount(t.value.0, unit));
    let target = match &target {
        Some(t) => tr!(lang, "（目标 {t}）", " (target {t})"),
        None => String::new(),
    };
    // Chinese puts a space between a number and Chinese text, not after a Chinese unit.
    let gap = if a.ends_with(crate::source::is_cjk) {
        ""
    } else {
        " "
    };
    Some(if actual < baseline {
        tr!(
            lang,
            "{name}从 {a}{gap}降到 {b}{target}。",
            "{name} fell from {a} to {b}{target}."
        )
    } else if actual > baseline {
        tr!(
            lang,
            "{name}从 {a}{gap}升到 {b}{target}。",
            "{name} rose from {a} to {b}{target}."
        )
    } else {
        tr!(lang, "{name}仍为 {a}{target}。", "{name} is still {a}{target}.")
    })
}

/// A sub-topic's name: its question.
fn subtopic_name(s: &Subtopic) -> Option<String> {
    let q = clause(&s.question.as_ref()?.value.0);
    (!q.is_empty()).then_some(q)
}

/// Names in quotes, listed.
fn quoted(lang: Lang, names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
    names.join(pick(lang, "、", "; "))
}

/// Metrics moved, proposals approved and results adopted.
fn results(s: &Sources) -> Vec<String> {
    let (lang, today) = (s.lang, s.today);
    let subtopics = || s.p.subtopics.iter().map(|d| &d.value);
    let mut out: Vec<String> = facts::measured_metrics(s.p, today)
        .into_iter()
        .filter_map(|m| metric(lang, m))
        .collect();
    let approved: Vec<String> = subtopics()
        .filter(|st| facts::approved_by(st, today))
        .filter_map(subtopic_name)
        .collect();
    if !approved.is_empty() {
        let (n, list) = (approved.len(), quoted(lang, &approved));
        let noun = plural(n, "proposal", "proposals");
        out.push(tr!(
            lang,
            "{n} 项方案已通过评审，涉及子课题：{list}。",
            "{n} {noun} approved, for the sub-topics {list}."
        ));
    }
    let adopted: Vec<String> = subtopics()
        .filter_map(|st| st.results.as_ref())
        .flat_map(|r| &r.value.adopted)
        .map(|a| clause(a))
        .filter(|a| !a.is_empty())
        .collect();
    if !adopted.is_empty() {
        let n = adopted.len();
        let list = adopted.join(pick(lang, "、", "; "));
        let noun = plural(n, "result", "results");
        out.push(tr!(
            lang,
            "已固化 {n} 项成果：{list}。",
            "{n} {noun} adopted: {list}."
        ));
    }
    out
}

/// The sessions whose decisions the summary reports (see the module's description).
fn decision_sessions<'a>(s: &Sources<'a, '_>) -> Vec<&'a Doc<Session>> {
    let by_date = facts::sessions_by_date(s.p);
    match s.changes {
        Some(diff) => {
            let files: Vec<&str> = diff
                .changes
                .iter()
                .filter(|c| c.what == What::Session && c.how != How::Removed)
                .filter_map(|c| match &c.subject {
                    Subject::Session(r) => Some(r.file.as_str()),
                    _ => None,
                })
                .collect();
            by_date
                .into_iter()
                .filter(|d| files.contains(&s.p.files[d.file].rel.as_str()))
                .collect()
        }
        None => by_date
            .into_iter()
            .filter(|d| {
                facts::session_date(&d.value)
                    .is_some_and(|date| (0..=DECISION_DAYS).contains(&days_between(date, s.today)))
            })
            .collect(),
    }
}

/// The decisions taken since the last report: one sentence per session,
/// then one per review of a proposal — a review's decision is a leader's
/// decision too, and the summary must not say "no new decisions" over it.
fn decisions(s: &Sources, names: &Names) -> Vec<String> {
    let mut out = session_decisions(s);
    out.extend(review_decisions(s, names));
    out
}

/// The reviews decided since the last report: with `--since`, those the
/// changes record; else those dated in the last 30 days. Reviewers written
/// as ids are named.
fn review_decisions(s: &Sources, names: &Names) -> Vec<String> {
    let lang = s.lang;
    let decided: Vec<(String, Option<Date>, Vec<String>, crate::model::Decision)> = match s.changes {
        Some(diff) => diff
            .changes
            .iter()
            .filter(|c| c.what == What::Review && c.how == How::Decided)
            .filter_map(|c| match (&c.subject, &c.after) {
                (Subject::Review(r), Some(crate::history::Value::Decision(d))) => {
                    Some((r.question.clone(), r.date, r.by.clone(), *d))
                }
                _ => None,
            })
            .collect(),
        None => {
            s.p.subtopics
                .iter()
                .filter_map(|st| {
                    let v = &st.value;
                    let review = &v.proposal.as_ref()?.value.review.as_ref()?.value;
                    let date = review.date.as_ref()?.value;
                    let decision = review.decision.as_ref()?.value;
                    (0..=DECISION_DAYS)
                        .contains(&days_between(date, s.today))
                        .then(|| {
                            let question = v.question.as_ref().map(|q| q.value.0.clone()).unwrap_or_default();
                            (question, Some(date), review.by.clone(), decision)
                        })
                })
                .collect()
        }
    };
    decided
        .into_iter()
        .map(|(question, date, by, decision)| {
            let what = labels::decision(lang, decision);
            let question = clause(&question);
            let by = if by.is_empty() {
                String::new()
            } else {
                let by: Vec<String> = by.iter().map(|b| names.of(b)).collect();
                tr!(lang, "（{}）", " ({})", by.join(pick(lang, "、", ", ")))
            };
            let when = date.map(|d| day_spoken(lang, d, s.today));
            match (lang, when) {
                (Lang::Zh, Some(w)) => format!("{w}方案评审：“{question}”的初步方案{what}{by}。"),
                (Lang::Zh, None) => format!("方案评审：“{question}”的初步方案{what}{by}。"),
                (Lang::En, Some(w)) => {
                    format!("On {w} the review decided on the proposal for “{question}”: {what}{by}.")
                }
                (Lang::En, None) => {
                    format!("The review decided on the proposal for “{question}”: {what}{by}.")
                }
            }
        })
        .collect()
}

/// The decisions of the sessions since the last report, one sentence per session.
fn session_decisions(s: &Sources) -> Vec<String> {
    let lang = s.lang;
    decision_sessions(s)
        .into_iter()
        .filter_map(|doc| {
            let v = &doc.value;
            let taken: Vec<String> = v
                .decisions
                .iter()
                .map(|d| clause(d))
                .filter(|d| !d.is_empty())
                .collect();
            if taken.is_empty() {
                return None;
            }
            let name = session_name(lang, v);
            let list = taken.join(pick(lang, "；", "; "));
            Some(match facts::session_date(v) {
                Some(d) => {
                    let when = day_spoken(lang, d, s.today);
                    tr!(
                        lang,
                        "{when}{name}决定：{list}。",
                        "{name} on {when} decided: {list}."
                    )
                }
                None => tr!(lang, "{name}决定：{list}。", "{name} decided: {list}."),
            })
        })
        .collect()
}

/// What needs a leader's attention.
fn attention(s: &Sources, names: &Names) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(late(s));
    out.extend(review_overdue(s));
    out.extend(plan_late(s));
    out.extend(no_activity(s));
    out.extend(overdue(s, names));
    out.extend(not_met(s));
    out.extend(findings(s));
    out.extend(budget(s));
    out
}

/// Past the topic's `end` and the record not at step 6: since when, and the
/// step the program is at.
fn late(s: &Sources) -> Option<String> {
    let (lang, today) = (s.lang, s.today);
    let end = facts::end(s.p).filter(|e| *e < today)?;
    let e = evidence(s);
    if facts::at_step_6(&e) {
        return None;
    }
    let (when, days) = (day_spoken(lang, end, today), days_between(end, today));
    let unit = plural(days as usize, "day", "days");
    Some(match facts::trusted_step(s.stage.number, &e) {
        Some(n) => {
            let name = labels::step_name(lang, n);
            tr!(
                lang,
                "项目原定{when}结束，已过 {days} 天，仍在第 {n} 步：{name}。",
                "The program was due to end on {when}, {days} {unit} ago, and is still at step {n}: {name}."
            )
        }
        None => tr!(
            lang,
            "项目原定{when}结束，已过 {days} 天，还没有进入第 6 步。",
            "The program was due to end on {when}, {days} {unit} ago, and has not reached step 6."
        ),
    })
}

/// The review that ends steps 1–3, when its date has passed and none has
/// been held by `today`: how many days late.
fn review_overdue(s: &Sources) -> Option<String> {
    let (lang, today) = (s.lang, s.today);
    let deadline = facts::review_overdue(s.p, s.limits, today)?;
    let (when, days) = (day_spoken(lang, deadline, today), days_between(deadline, today));
    let months = s.limits.steps_1_to_3_months;
    let unit = plural(days as usize, "day", "days");
    Some(tr!(
        lang,
        "初步方案评审已逾期 {days} 天：应在{when}前完成（启动后 {months} 个月内），至今还没有评审。",
        "The review of the preliminary solution is {days} {unit} late: it was due by {when} (within {months} months of the start) and none has been held."
    ))
}

/// Each milestone of the plan that is late at `today` with nothing in the
/// record, in planned order: how many days, and when it was planned.
fn plan_late(s: &Sources) -> Vec<String> {
    let (lang, today) = (s.lang, s.today);
    facts::by_plan_date(s.milestones)
        .into_iter()
        .filter_map(|f| {
            let days = f.days_late(today)?;
            let name = context::milestone_name(lang, f, s.milestones);
            let when = match f.planned? {
                Planned::Day(d) => day_spoken(lang, d, today),
                Planned::Month(m) => crate::lang::month_spoken(lang, m, true),
            };
            let unit = plural(days as usize, "day", "days");
            Some(tr!(
                lang,
                "{name}已比计划（{when}）晚 {days} 天，尚无记录。",
                "{name} is {days} {unit} behind the plan ({when}), with nothing in the record yet."
            ))
        })
        .collect()
}

/// A program started with no session held at all, or (until the record
/// shows step 6) none in the last month.
fn no_activity(s: &Sources) -> Option<String> {
    let (lang, today) = (s.lang, s.today);
    let begun = facts::start(s.p).filter(|d| *d < today)?;
    let last = facts::sessions_by_date(s.p)
        .into_iter()
        .filter_map(|doc| facts::session_date(&doc.value))
        .filter(|d| *d <= today)
        .max();
    match last {
        None => {
            let days = days_between(begun, today);
            let unit = plural(days as usize, "day", "days");
            Some(tr!(
                lang,
                "项目已开始 {days} 天，还没有记录任何会议或活动。",
                "The program started {days} {unit} ago and no meeting or activity has been recorded."
            ))
        }
        Some(d) if facts::over_a_month(d, today) && !facts::at_step_6(&evidence(s)) => {
            let (when, days) = (day_spoken(lang, d, today), days_between(d, today));
            Some(tr!(
                lang,
                "已有 {days} 天没有记录任何会议或活动（最近一次在{when}）。",
                "No meeting or activity has been recorded for {days} days (the last was on {when})."
            ))
        }
        Some(_) => None,
    }
}

/// The overdue actions: how many, the oldest, and their owners by name.
fn overdue(s: &Sources, names: &Names) -> Option<String> {
    let lang = s.lang;
    let mut late: Vec<&ActionFact> = s.actions.iter().filter(|a| a.overdue()).collect();
    let oldest = late.iter().filter_map(|a| a.days_overdue).max()?;
    late.sort_by_key(|a| std::cmp::Reverse(a.days_overdue));
    let mut owners: Vec<String> = Vec::new();
    for a in &late {
        let owner = a.owner().map_or_else(
            || pick(lang, "（未指定）", "(nobody)").to_string(),
            |o| names.of(o),
        );
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    let (n, owners) = (late.len(), owners.join(pick(lang, "、", ", ")));
    let (noun, unit) = (
        plural(n, "action is", "actions are"),
        plural(oldest as usize, "day", "days"),
    );
    Some(tr!(
        lang,
        "{n} 项行动已逾期，最久的已逾期 {oldest} 天；负责人：{owners}。",
        "{n} {noun} overdue, the oldest by {oldest} {unit}; owners: {owners}."
    ))
}

/// The groups that have not met for more than a month while groups are
/// expected to meet ([`facts::quiet_groups`]).
fn not_met(s: &Sources) -> Vec<String> {
    let (lang, today) = (s.lang, s.today);
    facts::quiet_groups(s.p, s.limits, today)
        .into_iter()
        .map(|q| {
            let name = clause(q.name);
            let when = day_spoken(lang, q.since, today);
            match q.last {
                Some(_) => {
                    let days = days_between(q.since, today);
                    tr!(
                        lang,
                        "{name}已有 {days} 天没有开小组会议（上一次在{when}）。",
                        "{name} has not held a group meeting for {days} days (the last was on {when})."
                    )
                }
                None if q.kickoff => tr!(
                    lang,
                    "{name}还没有开过小组会议（启动会议在{when}）。",
                    "{name} has not held a group meeting yet (the kick-off was on {when})."
                ),
                None => tr!(
                    lang,
                    "{name}还没有开过小组会议（第一期研讨班在{when}）。",
                    "{name} has not held a group meeting yet (the first workshop was on {when})."
                ),
            }
        })
        .collect()
}

/// What a finding is about, by the family of its code, in words.
fn area(lang: Lang, code: &str) -> &'static str {
    match code.as_bytes().get(2) {
        Some(b'0') => pick(lang, "文件格式", "the files' format"),
        Some(b'1') => pick(lang, "主题", "the topic"),
        Some(b'2') => pick(lang, "团队", "the team"),
        Some(b'3') => pick(lang, "会议与行动", "sessions and actions"),
        Some(b'4') => pick(lang, "子课题", "sub-topics"),
        Some(b'5') => pick(lang, "阶段与方案", "the steps and proposals"),
        Some(b'6') => pick(lang, "预算", "the budget"),
        Some(b'7') => pick(lang, "总体行动方案", "the overall action plan"),
        _ => pick(lang, "检查设置", "the check's settings"),
    }
}

/// The areas the findings of one severity are about, listed.
fn areas(lang: Lang, findings: &[Diagnostic], severity: Severity) -> String {
    let mut out: Vec<&str> = Vec::new();
    for f in findings.iter().filter(|f| f.severity == severity) {
        let a = area(lang, f.code);
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out.join(pick(lang, "、", ", "))
}

/// The findings of `al check`, counted, in plain words.
fn findings(s: &Sources) -> Vec<String> {
    let lang = s.lang;
    let (errors, warnings) = (s.counts.errors, s.counts.warnings);
    let mut out = Vec::new();
    if errors > 0 {
        let about = areas(lang, s.findings, Severity::Error);
        let noun = plural(errors, "error", "errors");
        out.push(tr!(
            lang,
            "项目记录中有 {errors} 处错误需要项目办更正（涉及{about}）；更正之前，本报告的相关内容可能不完整。",
            "The record has {errors} {noun} for the program office to correct ({about}); until then, parts of this report may be incomplete."
        ));
    }
    if warnings > 0 {
        let about = areas(lang, s.findings, Severity::Warning);
        let noun = plural(warnings, "place", "places");
        out.push(tr!(
            lang,
            "检查发现 {warnings} 处做法与方法要求有出入（涉及{about}），值得过问。",
            "The check found {warnings} {noun} where practice departs from the method ({about}), worth asking about."
        ));
    }
    out
}

/// A sum of money with its currency.
fn sum(lang: Lang, x: f64, currency: &str) -> String {
    let m = money(x);
    match (lang, currency.trim()) {
        (_, "") => m,
        (Lang::Zh, "CNY" | "RMB" | "元") => format!("{m} 元"),
        (_, c) => format!("{m} {c}"),
    }
}

/// The budget when it is overspent ([`facts::overspent`]) or nearly spent.
fn budget(s: &Sources) -> Option<String> {
    let lang = s.lang;
    let topic = &s.p.topic.as_ref()?.value;
    let currency = topic.currency.as_ref().map_or("", |c| c.0.as_str());
    if facts::overspent(s.p) {
        return Some(overspent(s, currency));
    }
    let b = facts::budget(s.p);
    let (planned, spent) = (b.planned, b.spent_on_planned);
    let percent = facts::budget_used_percent(s.p).filter(|_| spent >= planned * NEARLY_SPENT)?;
    let (sp, pl) = (sum(lang, spent, currency), sum(lang, planned, currency));
    Some(tr!(
        lang,
        "预算已使用 {percent}%（已支出 {sp}，计划 {pl}），余额不多。",
        "The budget is nearly spent: {percent}% used ({sp} of {pl})."
    ))
}

/// How the budget is overspent: in total, else on the lines spent above
/// their plan.
fn overspent(s: &Sources, currency: &str) -> String {
    let lang = s.lang;
    let b = facts::budget(s.p);
    let (planned, spent) = (b.planned, b.spent_on_planned);
    if b.over_plan().is_some() {
        let (sp, pl) = (sum(lang, spent, currency), sum(lang, planned, currency));
        return tr!(
            lang,
            "预算已超支：已支出 {sp}，超出计划的 {pl}。",
            "The budget is overspent: {sp} spent against {pl} planned."
        );
    }
    let over: Vec<String> = facts::budget_items(s.p)
        .iter()
        .filter_map(|line| {
            let (pl, sp) = (line.planned?, line.spent);
            line.over_plan().map(|_| {
                let item = line.item.map_or_else(
                    || pick(lang, "未命名的一项", "an unnamed line").to_string(),
                    clause,
                );
                let (sp, pl) = (sum(lang, sp, currency), sum(lang, pl, currency));
                tr!(
                    lang,
                    "{item}（已支出 {sp}，计划 {pl}）",
                    "{item} ({sp} spent, {pl} planned)"
                )
            })
        })
        .collect();
    let (n, list) = (over.len(), over.join(pick(lang, "、", "; ")));
    let noun = plural(n, "line is", "lines are");
    tr!(
        lang,
        "{n} 项预算超支：{list}。",
        "{n} budget {noun} overspent: {list}."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::test_program::{d, program};
    use crate::history::{Change, SessionRef};
    use crate::report::context::ReportContext;

    /// Two named groups: 第一组 (a, b) and 第二组 (c).
    const TEAM: &str = "people:
  - { id: a, name: 张三 }
  - { id: b, name: 李四 }
  - { id: c, name: 王五 }
groups:
  - { id: g1, name: 第一组, members: [a, b] }
  - { id: g2, name: 第二组, members: [c] }
";

    const TOPIC: &str = "title: t\nstart: 2026-03-01\nend: 2026-12-31\nstage: 3\n";

    /// What the summary of these files says at `today`.
    fn view_with(
        files: &[(&str, &str)],
        lang: Lang,
        today: &str,
        findings: &[Diagnostic],
        changes: Option<Diff>,
    ) -> SummaryView {
        let p = program(files);
        let mut counts = Summary::default();
        counts.errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
        counts.warnings = findings.len() - counts.errors;
        let limits = Limits::default();
        ReportContext::build(&p, &limits, lang, d(today), findings, &counts, changes).summary
    }

    fn view(files: &[(&str, &str)], lang: Lang, today: &str) -> SummaryView {
        view_with(files, lang, today, &[], None)
    }

    #[test]
    fn chinese_text_is_spaced_around_latin_words() {
        assert_eq!(
            spaced(Lang::Zh, "9月7日Third workshop决定：OK。"),
            "9月7日 Third workshop 决定：OK。"
        );
        assert_eq!(spaced(Lang::En, "9月7日Third"), "9月7日Third");
    }

    #[test]
    fn before_the_start_it_says_so_and_counts_down() {
        let files = [("topic.yaml", TOPIC), ("team.yaml", TEAM)];
        let zh = view(&files, Lang::Zh, "2026-02-01");
        assert!(!zh.started);
        assert_eq!(
            zh.position,
            "项目尚未开始，计划于3月1日启动（还有 4 周）。\
             下一个节点是初步方案评审，按方法要求应在9月1日前完成（启动后 6 个月内），还有 30 周。"
        );
        let en = view(&files, Lang::En, "2026-02-01");
        assert!(
            en.position
                .starts_with("The program has not started yet: it starts on 1 March (in 4 weeks). "),
            "{}",
            en.position
        );
        assert_eq!(
            (en.results.len(), en.decisions.len(), en.attention.len()),
            (0, 0, 0)
        );
    }

    #[test]
    fn without_gatherings_the_next_milestone_is_the_review_deadline_then_the_end() {
        let files = [
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-20\n"),
        ];
        let v = view(&files, Lang::Zh, "2026-04-01");
        assert!(v.started);
        assert!(
            v.position
                .starts_with("项目处于六个步骤中的第 3 步：开展团队学习与工作。")
        );
        let m = v.milestone.expect("milestone");
        assert_eq!(
            (m.source, m.date, m.days),
            (MilestoneSource::ReviewDeadline, d("2026-09-01"), 153)
        );
        assert_eq!(v.decision_days, Some(DECISION_DAYS));
        let mut reviewed = files.to_vec();
        reviewed.push(("sessions/r.yaml", "kind: review\ndate: 2026-08-20\n"));
        let late = view(&reviewed, Lang::En, "2026-12-20");
        assert_eq!(
            late.position,
            "The program is at step 3 of six: Team learning and work. \
             The next milestone is the end of the program on 31 December (in 11 days)."
        );
        let over = view(&reviewed, Lang::En, "2027-01-02");
        assert_eq!(over.milestone, None);
        assert_eq!(
            over.position,
            "The program is at step 3 of six: Team learning and work."
        );
    }

    #[test]
    fn a_review_past_its_date_is_overdue_not_the_end() {
        let files = [
            ("topic.yaml", TOPIC),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-09-01\n"),
        ];
        let zh = view(&files, Lang::Zh, "2026-09-21");
        assert_eq!(
            zh.position,
            "项目处于六个步骤中的第 3 步：开展团队学习与工作。\
             下一个节点是初步方案评审，原定9月1日前完成，已逾期 20 天。"
        );
        assert_eq!(
            zh.attention,
            ["初步方案评审已逾期 20 天：应在9月1日前完成（启动后 6 个月内），至今还没有评审。"]
        );
        let en = view(&files, Lang::En, "2026-09-21");
        assert_eq!(
            en.position,
            "The program is at step 3 of six: Team learning and work. \
             The next milestone is the review of the preliminary solution, due by 1 September: it is 20 days late."
        );
        assert_eq!(
            en.attention,
            [
                "The review of the preliminary solution is 20 days late: it was due by 1 September (within 6 months of the start) and none has been held."
            ]
        );
        assert_eq!(
            view(&files, Lang::Zh, "2026-09-01").attention,
            Vec::<String>::new(),
            "due by that day: not late yet"
        );
    }

    #[test]
    fn past_the_end_and_not_at_step_6_the_program_is_late() {
        let topic = "title: t\nstart: 2026-03-01\nend: 2026-12-31\nstage: 5\n";
        let files = [
            ("topic.yaml", topic),
            ("sessions/w.yaml", "kind: workshop\ndate: 2027-01-20\n"),
            ("sessions/r.yaml", "kind: review\ndate: 2026-08-20\n"),
            (
                "subtopics/a.yaml",
                "question: q\nproposal: { review: { date: 2026-08-20, decision: approved } }\nimplementation: { start: 2026-09-01 }\n",
            ),
        ];
        let zh = view(&files, Lang::Zh, "2027-01-30");
        assert_eq!(
            zh.attention,
            ["项目原定2026年12月31日结束，已过 30 天，仍在第 5 步：方案实施与跟踪评估。"]
        );
        let en = view(&files, Lang::En, "2027-01-30");
        assert_eq!(
            en.attention,
            [
                "The program was due to end on 31 December 2026, 30 days ago, and is still at step 5: Implementation, tracking and evaluation."
            ]
        );
        let mut done = files.to_vec();
        done.push(("subtopics/b.yaml", "question: q\nresults: { shared: [x] }\n"));
        assert!(view(&done, Lang::Zh, "2027-01-30").attention.is_empty());
    }

    #[test]
    fn a_program_started_without_activity_says_so_whatever_its_stage() {
        let topic = "title: t\nstart: 2026-03-01\nend: 2026-12-31\nstage: 5\n";
        let files = [("topic.yaml", topic)];
        let zh = view(&files, Lang::Zh, "2026-03-31");
        assert_eq!(zh.attention, ["项目已开始 30 天，还没有记录任何会议或活动。"]);
        let en = view(&files, Lang::En, "2026-03-02");
        assert_eq!(
            en.attention,
            ["The program started 1 day ago and no meeting or activity has been recorded."]
        );
        let quiet = [
            ("topic.yaml", topic),
            ("sessions/a.yaml", "kind: activity\ndate: 2026-03-10\n"),
        ];
        assert!(view(&quiet, Lang::Zh, "2026-04-10").attention.is_empty());
        assert_eq!(
            view(&quiet, Lang::Zh, "2026-04-11").attention,
            ["已有 32 天没有记录任何会议或活动（最近一次在3月10日）。"]
        );
    }

    #[test]
    fn a_declared_stage_ahead_of_the_record_is_not_stated_as_fact() {
        let topic = "title: t\nstart: 2026-03-01\nend: 2026-12-31\nstage: 5\n";
        let files = [
            ("topic.yaml", topic),
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n"),
        ];
        let zh = view(&files, Lang::Zh, "2026-03-20");
        assert!(
            zh.position.starts_with(
                "项目文件报为第 5 步（方案实施与跟踪评估），但记录只能证明到第 2 步：组建团队。"
            ),
            "{}",
            zh.position
        );
        let en = view(&files, Lang::En, "2026-03-20");
        assert!(
            en.position.starts_with(
                "The program's files put it at step 5 of six (Implementation, tracking and evaluation), \
                 but the record shows only step 2: Build the team."
            ),
            "{}",
            en.position
        );
        let mut held = files.to_vec();
        held.push(("sessions/w.yaml", "kind: workshop\ndate: 2026-03-10\n"));
        let late = view(&held, Lang::Zh, "2027-01-10");
        assert!(
            late.attention[0].ends_with("仍在第 3 步：开展团队学习与工作。"),
            "the step the record shows: {:?}",
            late.attention
        );
    }

    #[test]
    fn every_milestone_has_its_article_in_english() {
        let gathering = |file: &'static str| {
            let files = [("topic.yaml", TOPIC), ("sessions/x.yaml", file)];
            view(&files, Lang::En, "2026-03-01").position
        };
        for (file, name) in [
            ("kind: kickoff\ndate: 2026-03-05\n", "the kick-off"),
            ("kind: workshop\ndate: 2026-03-05\n", "the workshop"),
            ("kind: review\ndate: 2026-03-05\n", "the review"),
            ("kind: report\ndate: 2026-03-05\n", "the results report"),
            (
                "kind: workshop\ntitle: Second workshop\ndate: 2026-03-05\n",
                "the Second workshop",
            ),
            (
                "kind: workshop\ntitle: The spring workshop\ndate: 2026-03-05\n",
                "The spring workshop",
            ),
        ] {
            let want = format!("The next milestone is {name} on 5 March (in 4 days).");
            let got = gathering(file);
            assert!(got.ends_with(&want), "{got}");
        }
    }

    #[test]
    fn with_a_plan_the_next_milestone_is_the_plan_s_and_late_ones_need_attention() {
        let files = [
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-20\n"),
            (
                "sessions/m1.yaml",
                "kind: group-meeting\ndate: 2026-04-20\ngroups: [g1, g2]\n",
            ),
            (
                "sessions/m2.yaml",
                "kind: group-meeting\ndate: 2026-05-20\ngroups: [g1, g2]\n",
            ),
            (
                "plan.yaml",
                "milestones:
  - { kind: workshop, number: 1, date: 2026-03-16 }
  - { kind: workshop, number: 2, date: 2026-05-11 }
  - { kind: group-meetings, month: 2026-06 }
  - { kind: review, date: 2026-08-24 }
",
            ),
        ];
        let zh = view(&files, Lang::Zh, "2026-05-01");
        assert!(
            zh.position
                .ends_with("按总体行动方案，下一个节点是第二次研讨会（5月11日），还有 10 天。"),
            "{}",
            zh.position
        );
        let late = view(&files, Lang::Zh, "2026-05-31");
        assert!(
            late.position
                .ends_with("按总体行动方案，下一个节点是各组小组会议（6月），计划6月30日前完成，还有 4 周。"),
            "{}",
            late.position
        );
        assert_eq!(
            late.attention,
            ["第二次研讨会已比计划（5月11日）晚 20 天，尚无记录。"]
        );
        let en = view(&files, Lang::En, "2026-05-31");
        assert!(
            en.position
                .ends_with("The plan's next milestone: Group meetings (June), by 30 June (in 4 weeks)."),
            "{}",
            en.position
        );
        assert_eq!(
            en.attention,
            ["Workshop 2 is 20 days behind the plan (11 May), with nothing in the record yet."]
        );
        // Due today is not late.
        assert!(view(&files, Lang::Zh, "2026-05-11").attention.is_empty());
    }

    #[test]
    fn the_next_gathering_comes_first() {
        let files = [
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            (
                "sessions/m.yaml",
                "kind: group-meeting\ndate: 2026-05-05\ngroups: [g1]\n",
            ),
            (
                "sessions/w.yaml",
                "kind: workshop\ntitle: 第二期研讨班\ndate: 2026-05-20\n",
            ),
            ("sessions/r.yaml", "kind: review\ndate: 2026-08-20\n"),
        ];
        let v = view(&files, Lang::Zh, "2026-05-01");
        assert!(
            v.position
                .ends_with("下一个节点是第二期研讨班（5月20日），还有 3 周。"),
            "{}",
            v.position
        );
        let en = view(&files, Lang::En, "2026-06-01");
        assert!(
            en.position
                .ends_with("The next milestone is the review on 20 August (in 11 weeks)."),
            "{}",
            en.position
        );
    }

    #[test]
    fn overdue_actions_are_counted_with_the_oldest_and_the_owners() {
        let files = [
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            (
                "sessions/w.yaml",
                "kind: workshop\ndate: 2026-05-01\nactions:
  - { task: x, owner: b, due: 2026-05-10 }
  - { task: y, owner: a, due: 2026-05-05 }
  - { task: z, owner: b, due: 2026-05-20 }
  - { task: done, owner: c, due: 2026-05-05, status: done }
  - { task: later, owner: c, due: 2026-07-01 }
",
            ),
            (
                "sessions/m1.yaml",
                "kind: group-meeting\ndate: 2026-05-25\ngroups: [g1]\n",
            ),
            (
                "sessions/m2.yaml",
                "kind: group-meeting\ndate: 2026-05-26\ngroups: [g2]\n",
            ),
        ];
        let zh = view(&files, Lang::Zh, "2026-06-01");
        assert_eq!(
            zh.attention,
            ["3 项行动已逾期，最久的已逾期 27 天；负责人：张三、李四。"]
        );
        let en = view(&files, Lang::En, "2026-06-01");
        assert_eq!(
            en.attention,
            ["3 actions are overdue, the oldest by 27 days; owners: 张三, 李四."]
        );
    }

    #[test]
    fn a_group_not_met_for_more_than_a_month_during_step_3_needs_attention() {
        let files = [
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-05-01\n"),
            (
                "sessions/m1.yaml",
                "kind: group-meeting\ndate: 2026-05-10\ngroups: [g1]\n",
            ),
        ];
        let zh = view(&files, Lang::Zh, "2026-07-01");
        assert_eq!(
            zh.attention,
            [
                "已有 52 天没有记录任何会议或活动（最近一次在5月10日）。",
                "第一组已有 52 天没有开小组会议（上一次在5月10日）。",
                "第二组还没有开过小组会议（第一期研讨班在5月1日）。"
            ]
        );
        let en = view(&files, Lang::En, "2026-06-02");
        assert_eq!(
            en.attention,
            ["第二组 has not held a group meeting yet (the first workshop was on 1 May)."]
        );
        let month = view(&files, Lang::Zh, "2026-06-01");
        assert!(
            month.attention.is_empty(),
            "a month to the day is not more than a month"
        );
    }

    #[test]
    fn groups_are_held_to_meet_from_the_first_gathering_to_the_end_or_step_6() {
        let mut files = vec![
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-04-01\n"),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-05-01\n"),
            ("sessions/r.yaml", "kind: review\ndate: 2026-06-20\n"),
            (
                "sessions/m1.yaml",
                "kind: group-meeting\ndate: 2026-08-01\ngroups: [g1]\n",
            ),
            (
                "sessions/m2.yaml",
                "kind: group-meeting\ndate: 2026-08-11\ngroups: [g2]\n",
            ),
        ];
        // After the review, in steps 4 and 5, groups still meet.
        let zh = view(&files, Lang::Zh, "2026-08-25");
        assert!(zh.attention.is_empty(), "{:?}", zh.attention);
        let zh = view(&files, Lang::Zh, "2026-09-30");
        assert_eq!(
            zh.attention,
            [
                "已有 50 天没有记录任何会议或活动（最近一次在8月11日）。",
                "第一组已有 60 天没有开小组会议（上一次在8月1日）。",
                "第二组已有 50 天没有开小组会议（上一次在8月11日）。"
            ]
        );
        let en = view(&files[..4], Lang::En, "2026-05-05");
        assert_eq!(
            en.attention,
            [
                "第一组 has not held a group meeting yet (the kick-off was on 1 April).",
                "第二组 has not held a group meeting yet (the kick-off was on 1 April)."
            ],
            "from the kick-off on"
        );
        // After the end the program is late, and groups no longer meet.
        let after = view(&files, Lang::Zh, "2027-01-10");
        assert!(after.attention.iter().all(|a| !a.contains("小组会议")));
        // At step 6, as the record shows it, groups no longer meet.
        files.push((
            "subtopics/a.yaml",
            "question: q\nresults: { adopted: [新制度] }\n",
        ));
        assert!(view(&files, Lang::Zh, "2026-09-30").attention.is_empty());
    }

    #[test]
    fn the_budget_overspent_or_nearly_spent_needs_attention() {
        let topic = |budget: &str| format!("{TOPIC}currency: CNY\nbudget:\n{budget}");
        let held = ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-20\n");
        let total = topic(
            "  - { item: 专家, planned: 100, spent: 150 }\n  - { item: 会议, planned: 100, spent: 60 }\n",
        );
        let v = view(&[("topic.yaml", &total), held], Lang::Zh, "2026-04-01");
        assert_eq!(v.attention, ["预算已超支：已支出 210 元，超出计划的 200 元。"]);
        let line = topic(
            "  - { item: 专家, planned: 100, spent: 150 }\n  - { item: 会议, planned: 1000, spent: 60 }\n",
        );
        let v = view(&[("topic.yaml", &line), held], Lang::En, "2026-04-01");
        assert_eq!(
            v.attention,
            ["1 budget line is overspent: 专家 (150 CNY spent, 100 CNY planned)."]
        );
        let nearly = topic("  - { item: 专家, planned: 1000, spent: 950 }\n");
        let v = view(&[("topic.yaml", &nearly), held], Lang::Zh, "2026-04-01");
        assert_eq!(
            v.attention,
            ["预算已使用 95%（已支出 950 元，计划 1,000 元），余额不多。"]
        );
        let fine = topic("  - { item: 专家, planned: 1000, spent: 500 }\n");
        assert!(
            view(&[("topic.yaml", &fine), held], Lang::Zh, "2026-04-01")
                .attention
                .is_empty()
        );
    }

    /// A finding of a severity with a code.
    fn finding(code: &'static str, severity: Severity) -> Diagnostic {
        Diagnostic::sample(code, severity)
    }

    #[test]
    fn findings_are_counted_in_plain_words_without_codes() {
        let findings = [
            finding("AL201", Severity::Error),
            finding("AL304", Severity::Warning),
            finding("AL307", Severity::Warning),
            finding("AL601", Severity::Warning),
        ];
        let files = [
            ("topic.yaml", TOPIC),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-20\n"),
        ];
        let zh = view_with(&files, Lang::Zh, "2026-04-01", &findings, None);
        assert_eq!(
            zh.attention,
            [
                "项目记录中有 1 处错误需要项目办更正（涉及团队）；更正之前，本报告的相关内容可能不完整。",
                "检查发现 3 处做法与方法要求有出入（涉及会议与行动、预算），值得过问。"
            ]
        );
        let en = view_with(&files, Lang::En, "2026-04-01", &findings[1..2], None);
        assert_eq!(
            en.attention,
            [
                "The check found 1 place where practice departs from the method (sessions and actions), worth asking about."
            ]
        );
        assert!(
            zh.attention
                .iter()
                .chain(&en.attention)
                .all(|s| !s.contains("AL"))
        );
    }

    #[test]
    fn results_are_metrics_moved_proposals_approved_and_results_adopted() {
        let files = [
            ("topic.yaml", TOPIC),
            (
                "subtopics/a.yaml",
                "question: 如何降低流失率?
proposal: { review: { date: 2026-08-24, decision: approved } }
implementation:
  metrics:
    - { name: 离职率, unit: \"%\", baseline: 18, target: 10, actual: 16.5 }
    - { name: 晋升人数, unit: 人, baseline: 0, target: 12, actual: 0 }
    - { name: 满意度, unit: 分, baseline: 3.1, actual: 3.6, measured: 2026-09-28 }
    - { name: 未测, baseline: 1 }
results: { adopted: [《项目奖金分配办法》] }
",
            ),
            (
                "subtopics/b.yaml",
                "question: 如何留住新人?\nproposal: { review: { date: 2026-08-24, decision: revise } }\n",
            ),
        ];
        let zh = view(&files, Lang::Zh, "2026-09-30");
        assert_eq!(
            zh.results,
            [
                "离职率从 18% 降到 16.5%（目标 10%）。",
                "晋升人数仍为 0 人（目标 12 人）。",
                "满意度从 3.1 分升到 3.6 分。",
                "1 项方案已通过评审，涉及子课题：“如何降低流失率?”。",
                "已固化 1 项成果：《项目奖金分配办法》。"
            ]
        );
        let en = view(&files, Lang::En, "2026-09-01");
        assert_eq!(
            en.results[..2],
            [
                "离职率 fell from 18% to 16.5% (target 10%).",
                "晋升人数 is still 0 人 (target 12 人)."
            ]
        );
        assert_eq!(
            en.results[2..],
            [
                "1 proposal approved, for the sub-topics “如何降低流失率?”.",
                "1 result adopted: 《项目奖金分配办法》."
            ],
            "a metric measured after today is left out"
        );
        let before = view(&files, Lang::Zh, "2026-08-01");
        assert!(
            !before.results.iter().any(|r| r.contains("评审")),
            "approved later"
        );
    }

    const DECIDED: [(&str, &str); 4] = [
        ("topic.yaml", TOPIC),
        (
            "sessions/old.yaml",
            "kind: workshop\ntitle: 第一期研讨班\ndate: 2026-05-01\ndecisions: [早先的决定]\n",
        ),
        (
            "sessions/new.yaml",
            "kind: group-meeting\ndate: 2026-06-10\ngroups: [g1]\ndecisions: [\"每月第二周开会。\", 由张三牵头调研]\n",
        ),
        (
            "sessions/plain.yaml",
            "kind: workshop\ntitle: 第二期研讨班\ndate: 2026-06-20\n",
        ),
    ];

    #[test]
    fn decisions_without_since_are_those_of_the_last_30_days() {
        let zh = view(&DECIDED, Lang::Zh, "2026-06-30");
        assert_eq!(
            zh.decisions,
            ["6月10日小组会议决定：每月第二周开会；由张三牵头调研。"]
        );
        let en = view(&DECIDED, Lang::En, "2026-05-31");
        assert_eq!(en.decisions, ["第一期研讨班 on 1 May decided: 早先的决定."]);
        assert!(view(&DECIDED, Lang::Zh, "2026-07-11").decisions.is_empty());
    }

    #[test]
    fn a_review_decided_in_the_last_30_days_is_a_decision() {
        let files = [
            ("topic.yaml", TOPIC),
            (
                "team.yaml",
                "people:\n  - { id: li, name: 李明 }\ngroups:\n  - { id: g1, members: [li] }\n",
            ),
            (
                "subtopics/a.yaml",
                "question: 如何降低流失率？\ngroup: g1\nproposal: { submitted: 2026-06-01, review: { date: 2026-06-10, by: [li, 王建国], decision: approved } }\n",
            ),
        ];
        assert_eq!(
            view(&files, Lang::Zh, "2026-06-30").decisions,
            ["6月10日方案评审：“如何降低流失率？”的初步方案通过（李明、王建国）。"]
        );
        assert_eq!(
            view(&files, Lang::En, "2026-06-30").decisions,
            [
                "On 10 June the review decided on the proposal for “如何降低流失率？”: approved (李明, 王建国)."
            ]
        );
        assert!(
            view(&files, Lang::Zh, "2026-07-11").decisions.is_empty(),
            "31 days later"
        );
    }

    #[test]
    fn decisions_with_since_are_those_of_the_sessions_new_since_then() {
        let session = |file: &str| Change {
            what: What::Session,
            how: How::Added,
            subject: Subject::Session(SessionRef {
                file: file.to_string(),
                title: None,
                date: None,
                kind: None,
            }),
            before: None,
            after: None,
        };
        let diff = Diff {
            since: "HEAD~1".to_string(),
            since_commit: String::new(),
            since_date: None,
            until: None,
            until_commit: None,
            until_date: None,
            existed: true,
            notes: Vec::new(),
            changes: vec![session("sessions/old.yaml"), session("sessions/plain.yaml")],
        };
        let v = view_with(&DECIDED, Lang::Zh, "2026-06-30", &[], Some(diff));
        assert_eq!(v.decisions, ["5月1日第一期研讨班决定：早先的决定。"]);
        assert_eq!(v.decision_days, None);
    }
}
