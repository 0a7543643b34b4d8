//! One program's row of the dashboard: what the office needs to know about
//! it, taken from the [facts](crate::facts) and the findings of its check,
//! in values that own their data (no language yet), so that the program
//! can be dropped as soon as its row is made.

use crate::check::ProgramReport;
use crate::config::{Lang, Limits};
use crate::dates::days_between;
use crate::diag::Severity;
use crate::facts::{self, ActionTotals};
use crate::load::Program;
use crate::model::{Date, FacilitatorLevel, Team};
use serde::Serialize;

/// One program, as the dashboard shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct Row {
    /// The program folder, as shown.
    pub folder: String,
    /// The topic's title, else the folder.
    pub title: String,
    /// The convener's name.
    pub convener: Option<String>,
    /// The topic's `batch`.
    pub batch: Option<String>,
    /// The language of the program's own messages.
    #[serde(skip)]
    #[schemars(skip)]
    pub lang: Lang,
    /// The topic's declared `stage` (0 when not given).
    pub declared_step: i64,
    /// The furthest step the record shows begun (3–6), if any.
    pub record_step: Option<i64>,
    /// The step trusted: the declared one unless the record does not support it.
    pub step: Option<i64>,
    /// The topic's `start`.
    pub start: Option<Date>,
    /// Whether the program has started by the day of the dashboard.
    pub started: bool,
    /// Whole weeks since the start, once started.
    pub weeks: Option<i64>,
    /// Days off the plan (positive: late), where there is a plan.
    pub plan_slip: Option<i64>,
    /// The core groups, in team.yaml order.
    pub groups: Vec<GroupRow>,
    /// The people in team.yaml.
    pub people: usize,
    /// The names of the people who are members of a core group.
    #[serde(skip)]
    #[schemars(skip)]
    pub members: Vec<String>,
    /// The facilitators and the number of groups each facilitates here.
    pub facilitators: Vec<FacilitatorRow>,
    /// With `--since`: the facilitators as they were at that revision.
    #[serde(skip)]
    pub facilitators_then: Option<Vec<FacilitatorRow>>,
    /// The actions counted.
    pub actions: ActionTotals,
    /// Days the oldest overdue action is late.
    pub oldest_overdue: Option<i64>,
    /// Proposals approved by the day.
    pub approved: usize,
    /// The first metric measured with a baseline and an actual value.
    pub metric: Option<MetricRow>,
    /// The share of the planned budget spent, in percent.
    pub budget_used: Option<u64>,
    /// Whether the budget is overspent (in total or on a line).
    pub overspent: bool,
    /// The review that ends steps 1–3, when overdue: its deadline.
    pub review_overdue: Option<Date>,
    /// The groups that have not met for more than a month.
    pub quiet: Vec<QuietRow>,
    /// Whether the record shows step 6 (results adopted or shared).
    pub adopted: bool,
    /// Whether the program is finished: step 6 shown, or its `end` passed.
    pub finished: bool,
    /// Error findings of `al check`.
    pub errors: usize,
    /// Warning findings of `al check`.
    pub warnings: usize,
    /// The program's files that could not be read (paths inside it).
    pub unreadable: Vec<String>,
    /// With `--since REV`: what moved since that revision; else `null`.
    pub moved: Option<Moved>,
    /// The sub-topics under way (`status: active`, or no status), in file
    /// order, with their goals and teams.
    pub subtopics: Vec<SubtopicRow>,
}

/// A sub-topic under way, with its goal and its team.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct SubtopicRow {
    /// Its question, else its id.
    pub question: String,
    /// Its goal (目标要求), if stated.
    pub goal: Option<String>,
    /// Its owner's name.
    pub owner: Option<String>,
    /// Its core group's name, else its id.
    pub group: Option<String>,
    /// The names of its own team (`members`); empty when it names none.
    pub team: Vec<String>,
}

/// What moved in a program since a git revision, from its comparison
/// ([`crate::history::since`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub(crate) struct Moved {
    /// Whether the program did not exist at the revision.
    pub new: bool,
    /// The declared step then and now, when it went up (not for a new program).
    pub advanced: Option<(i64, i64)>,
    /// Proposals whose review decided `approved` since.
    pub approved: usize,
    /// Metrics measured since (a new `actual` or `measured`).
    pub metrics: usize,
}

impl Moved {
    /// What a comparison shows moved.
    pub fn of(d: &crate::history::Diff) -> Moved {
        use crate::history::{How, Value, What};
        let mut m = Moved {
            new: !d.existed,
            ..Moved::default()
        };
        for c in &d.changes {
            match (c.what, c.how, &c.before, &c.after) {
                (What::Stage, How::Changed, before, Some(Value::Stage(to))) => {
                    let from = match before {
                        Some(Value::Stage(n)) => *n,
                        _ => 0,
                    };
                    if *to > from && d.existed {
                        m.advanced = Some((from, *to));
                    }
                }
                (What::Review, How::Decided, _, Some(Value::Decision(crate::model::Decision::Approved))) => {
                    m.approved += 1
                }
                (What::Metric, How::Measured, _, _) => m.metrics += 1,
                _ => {}
            }
        }
        m
    }

    /// Whether anything moved.
    pub fn any(&self) -> bool {
        *self != Moved::default()
    }
}

/// A core group.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct GroupRow {
    /// Its name, else its id.
    pub name: String,
    /// Its last group meeting by the day.
    pub last_met: Option<Date>,
}

/// A group that has not met for more than a month.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct QuietRow {
    /// Its name, else its id.
    pub name: String,
    /// Its last group meeting, if any.
    pub last_met: Option<Date>,
    /// The day it has been quiet since (its last meeting, else the first gathering).
    pub since: Date,
    /// Days since then.
    pub days: i64,
}

/// A facilitator of one program.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct FacilitatorRow {
    /// Their name.
    pub name: String,
    /// Their level.
    pub level: Option<FacilitatorLevel>,
    /// The core groups they facilitate in this program.
    pub groups: usize,
}

/// A metric with its baseline and actual value.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct MetricRow {
    /// What is measured.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// The value before.
    pub baseline: f64,
    /// The value reached.
    pub actual: f64,
    /// The value aimed at.
    pub target: Option<f64>,
}

impl Row {
    /// The row of a checked program at `today`.
    pub fn of(report: &ProgramReport, limits: &Limits, today: Date) -> Row {
        let p = &report.program;
        let topic = p.topic.as_ref().map(|t| &t.value);
        let text =
            |t: Option<&crate::model::Text>| t.map(|t| t.0.trim().to_string()).filter(|t| !t.is_empty());
        let title = text(topic.and_then(|t| t.title.as_ref())).unwrap_or_else(|| report.display.clone());
        let convener = text(
            topic
                .and_then(|t| t.convener.as_ref())
                .and_then(|c| c.value.name.as_ref()),
        );
        let batch = text(topic.and_then(|t| t.batch.as_ref()));
        let evidence = facts::stage_evidence_by(p, today);
        let declared_step = facts::declared_stage(p);
        let start = facts::start(p);
        let started = start.is_some_and(|s| s <= today);
        let actions = facts::actions(p, today);
        let adopted = facts::at_step_6(&evidence);
        let count = |s: Severity| report.count(s);
        Row {
            folder: report.display.clone(),
            title,
            convener,
            batch,
            lang: report.lang,
            declared_step,
            record_step: evidence.supported_stage(),
            step: facts::trusted_step(declared_step, &evidence),
            start,
            started,
            weeks: start.filter(|_| started).map(|s| days_between(s, today) / 7),
            plan_slip: facts::plan_slip(&facts::milestones(p, today), today),
            groups: groups(p, today),
            people: p.team.as_ref().map_or(0, |t| t.value.people.len()),
            members: members(p.team.as_ref().map(|t| &t.value)),
            facilitators: facilitators(p.team.as_ref().map(|t| &t.value)),
            facilitators_then: None,
            actions: ActionTotals::of(&actions),
            oldest_overdue: actions.iter().filter_map(|a| a.days_overdue).max(),
            approved: p
                .subtopics
                .iter()
                .filter(|s| facts::approved_by(&s.value, today))
                .count(),
            metric: metric(p, today),
            budget_used: facts::budget_used_percent(p),
            overspent: facts::overspent(p),
            review_overdue: facts::review_overdue(p, limits, today),
            quiet: facts::quiet_groups(p, limits, today)
                .into_iter()
                .map(|q| QuietRow {
                    name: q.name.trim().to_string(),
                    last_met: q.last,
                    since: q.since,
                    days: days_between(q.since, today),
                })
                .collect(),
            adopted,
            finished: adopted || facts::end(p).is_some_and(|e| e < today),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            unreadable: facts::unreadable(p)
                .into_iter()
                .filter_map(|(i, _)| p.files.get(i).map(|f| f.rel.clone()))
                .collect(),
            moved: None,
            subtopics: subtopics(p),
        }
    }

    /// Whether the program is running: started and not finished.
    pub fn running(&self) -> bool {
        self.started && !self.finished
    }
}

/// The core groups with their last meetings.
fn groups(p: &Program, today: Date) -> Vec<GroupRow> {
    p.team
        .iter()
        .flat_map(|t| &t.value.groups)
        .map(|g| {
            let id = g.value.id.as_ref().map_or("", |i| i.value.0.as_str());
            let name = g.value.name.as_ref().map_or(id, |n| n.value.0.as_str());
            GroupRow {
                name: name.trim().to_string(),
                last_met: (!id.is_empty()).then(|| facts::last_met(p, id, today)).flatten(),
            }
        })
        .collect()
}

/// The names of the people who are members of a core group, once each, in
/// team.yaml order.
fn members(team: Option<&Team>) -> Vec<String> {
    let Some(team) = team else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for p in &team.people {
        let (Some(key), Some(name)) = (p.value.key(), p.value.name.as_ref()) else {
            continue;
        };
        let member = team
            .groups
            .iter()
            .any(|g| g.value.members.iter().any(|m| m.value == key.value.0));
        let name = name.value.0.trim().to_string();
        if member && !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The facilitators of a team, with the groups each facilitates.
pub(crate) fn facilitators(team: Option<&Team>) -> Vec<FacilitatorRow> {
    let Some(team) = team else { return Vec::new() };
    team.facilitators
        .iter()
        .filter_map(|f| {
            let key = f.value.key()?.value.0.as_str();
            let name = f.value.name.as_ref()?.value.0.trim().to_string();
            let groups = team
                .groups
                .iter()
                .filter(|g| g.value.facilitator.as_ref().is_some_and(|x| x.value.0 == key))
                .count();
            Some(FacilitatorRow {
                name,
                level: f.value.level.as_ref().map(|l| l.value),
                groups,
            })
        })
        .collect()
}

/// The sub-topics under way ([`facts::subtopic_active`]) with their goals
/// and teams, ids given as names.
fn subtopics(p: &Program) -> Vec<SubtopicRow> {
    let names = crate::report::context::Names::of_program(p);
    let person = |id: &str| names.of(id).trim().to_string();
    let trimmed = |t: &crate::model::Text| Some(t.0.trim().to_string()).filter(|t| !t.is_empty());
    p.subtopics
        .iter()
        .filter(|s| facts::subtopic_active(&s.value))
        .map(|s| {
            let v = &s.value;
            SubtopicRow {
                question: v
                    .question
                    .as_ref()
                    .and_then(|q| trimmed(&q.value))
                    .unwrap_or_else(|| facts::subtopic_id(p, s).to_string()),
                goal: v.goal.as_ref().and_then(trimmed),
                owner: v.owner.as_ref().map(|o| person(&o.value.0)),
                group: v
                    .group
                    .as_ref()
                    .map(|g| names.group(&g.value.0).trim().to_string()),
                team: v.members.iter().map(|m| person(&m.value)).collect(),
            }
        })
        .collect()
}

/// The headline metric: the first measured one ([`facts::measured_metrics`])
/// that moved from its baseline, else the first measured one.
fn metric(p: &Program, today: Date) -> Option<MetricRow> {
    let all: Vec<MetricRow> = facts::measured_metrics(p, today)
        .into_iter()
        .filter_map(|m| {
            Some(MetricRow {
                name: m.name.as_ref()?.value.0.trim().to_string(),
                unit: m.unit.as_ref().map_or("", |u| u.0.as_str()).trim().to_string(),
                baseline: m.baseline.as_ref()?.value.0,
                actual: m.actual.as_ref()?.value.0,
                target: m.target.as_ref().map(|t| t.value.0),
            })
        })
        .collect();
    let moved = all.iter().position(|m| m.actual != m.baseline).unwrap_or(0);
    all.into_iter().nth(moved)
}
