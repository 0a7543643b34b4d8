//! The two models compared, kind by kind.

use super::actions::{Ctx, action_changes};
use super::moves::Moves;
use super::{
    AnalysisRef, BudgetRef, Change, GroupRef, How, Measurement, MetricRef, Move, PersonRef, ProposalRef,
    ReviewRef, Role, RoleKind, SessionRef, Subject, SubtopicRef, Value, What,
};
use crate::load::Program;
use crate::model::{Date, Decision, Subtopic, SubtopicStatus};
use std::collections::{BTreeMap, BTreeSet};

/// Roles by person id, each as (group id, role): compared by ids alone, so
/// that a group renamed does not change its members' roles.
fn roles_of(p: &Program) -> BTreeMap<String, BTreeSet<(String, RoleKind)>> {
    let mut roles: BTreeMap<String, BTreeSet<(String, RoleKind)>> = BTreeMap::new();
    if let Some(t) = &p.team {
        for g in &t.value.groups {
            let gid = g.value.id.as_ref().map(|i| i.value.0.clone()).unwrap_or_default();
            let mut add = |id: &str, role: RoleKind| {
                roles
                    .entry(id.to_string())
                    .or_default()
                    .insert((gid.clone(), role));
            };
            if let Some(l) = &*g.value.leader {
                add(&l.value.0, RoleKind::Leader);
            }
            for lo in &g.value.learning_officers {
                add(&lo.value, RoleKind::LearningOfficer);
            }
            if let Some(f) = &*g.value.facilitator {
                add(&f.value.0, RoleKind::Facilitator);
            }
            for m in &g.value.members {
                add(&m.value, RoleKind::Member);
            }
        }
    }
    roles
}

fn people(p: &Program) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(t) = &p.team {
        let people = t.value.people.iter().map(|x| (x.value.key(), &x.value.name));
        let facilitators = t
            .value
            .facilitators
            .iter()
            .map(|x| (x.value.key(), &x.value.name));
        for (key, name) in people.chain(facilitators) {
            if let Some(k) = key {
                let name = name
                    .as_ref()
                    .map_or_else(|| k.value.0.clone(), |n| n.value.0.clone());
                out.entry(k.value.0.clone()).or_insert(name);
            }
        }
    }
    out
}

fn groups(p: &Program) -> BTreeMap<String, String> {
    p.team
        .iter()
        .flat_map(|t| t.value.groups.iter())
        .filter_map(|g| {
            let id = g.value.id.as_ref()?.value.0.clone();
            Some((
                id.clone(),
                g.value.name.as_ref().map_or(id, |n| n.value.0.clone()),
            ))
        })
        .collect()
}

struct SubtopicView {
    question: String,
    status: Option<SubtopicStatus>,
}

fn subtopics(p: &Program) -> BTreeMap<String, SubtopicView> {
    p.subtopics
        .iter()
        .map(|s| {
            let id = crate::facts::subtopic_id(p, s).to_string();
            let question = s
                .value
                .question
                .as_ref()
                .map(|q| q.value.0.clone())
                .unwrap_or_default();
            (
                id,
                SubtopicView {
                    question,
                    status: s.value.status.as_ref().map(|x| x.value),
                },
            )
        })
        .collect()
}

/// Sessions keyed by file.
fn sessions(p: &Program) -> BTreeMap<String, SessionRef> {
    p.sessions
        .iter()
        .map(|s| {
            let file = p.files[s.file].rel.clone();
            let view = SessionRef {
                file: file.clone(),
                title: s.value.title.as_ref().map(|t| t.0.clone()),
                date: s.value.date.as_ref().map(|d| d.value),
                kind: s.value.kind.as_ref().map(|k| k.value),
            };
            (file, view)
        })
        .collect()
}

/// The people of both versions, to name anyone an id refers to.
pub(super) struct Names {
    old: BTreeMap<String, String>,
    new: BTreeMap<String, String>,
}

impl Names {
    pub(super) fn person(&self, id: &str) -> PersonRef {
        PersonRef {
            id: id.to_string(),
            name: self.new.get(id).or_else(|| self.old.get(id)).cloned(),
        }
    }

    pub(super) fn owner(&self, id: &str) -> Option<PersonRef> {
        (!id.is_empty()).then(|| self.person(id))
    }
}

/// The keys of `new` not in `old`, then those of `old` not in `new`.
fn added_removed<'a, V>(
    old: &'a BTreeMap<String, V>,
    new: &'a BTreeMap<String, V>,
) -> impl Iterator<Item = (How, &'a String, &'a V)> {
    let added = new
        .iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(k, v)| (How::Added, k, v));
    let removed = old
        .iter()
        .filter(|(k, _)| !new.contains_key(*k))
        .map(|(k, v)| (How::Removed, k, v));
    added.chain(removed)
}

fn stage_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let stage = |p: &Program| {
        p.topic
            .as_ref()
            .and_then(|t| t.value.stage.as_ref())
            .map(|s| s.value.0)
    };
    let (before, after) = (stage(old), stage(new));
    if before != after {
        out.push(
            Change::new(What::Stage, How::Changed, Subject::Program)
                .values(before.map(Value::Stage), after.map(Value::Stage)),
        );
    }
}

fn team_changes(old: &Program, new: &Program, names: &Names, out: &mut Vec<Change>) {
    for (how, id, name) in added_removed(&names.old, &names.new) {
        let person = PersonRef {
            id: id.clone(),
            name: Some(name.clone()),
        };
        out.push(Change::new(What::Person, how, Subject::Person(person)));
    }
    for (how, id, name) in added_removed(&groups(old), &groups(new)) {
        let group = GroupRef {
            id: id.clone(),
            name: name.clone(),
        };
        out.push(Change::new(What::Group, how, Subject::Group(group)));
    }
    let (old_roles, new_roles) = (roles_of(old), roles_of(new));
    let ids: BTreeSet<&String> = old_roles.keys().chain(new_roles.keys()).collect();
    let empty = BTreeSet::new();
    let (old_groups, new_groups) = (groups(old), groups(new));
    // Each side names the groups as that version does (else as the other).
    let named = |set: &BTreeSet<(String, RoleKind)>, first: &BTreeMap<String, String>| {
        let roles = set.iter().map(|(group, role)| Role {
            group: group.clone(),
            group_name: first
                .get(group)
                .or_else(|| new_groups.get(group))
                .or_else(|| old_groups.get(group))
                .cloned()
                .unwrap_or_else(|| group.clone()),
            role: *role,
        });
        Some(Value::Roles(roles.collect()))
    };
    for id in ids {
        let before = old_roles.get(id).unwrap_or(&empty);
        let after = new_roles.get(id).unwrap_or(&empty);
        if before != after {
            out.push(
                Change::new(What::Role, How::Changed, Subject::Person(names.person(id)))
                    .values(named(before, &old_groups), named(after, &new_groups)),
            );
        }
    }
}

fn subtopic_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let (old_st, new_st) = (subtopics(old), subtopics(new));
    let subject = |id: &String, st: &SubtopicView| {
        Subject::Subtopic(SubtopicRef {
            id: id.clone(),
            question: st.question.clone(),
        })
    };
    for (id, st) in &new_st {
        let Some(before) = old_st.get(id) else {
            out.push(Change::new(What::Subtopic, How::Added, subject(id, st)));
            continue;
        };
        if before.status != st.status {
            let how = match st.status {
                Some(SubtopicStatus::Deepened) => How::Deepened,
                Some(SubtopicStatus::Replaced) => How::Replaced,
                _ => How::Status,
            };
            out.push(Change::new(What::Subtopic, how, subject(id, st)).values(
                before.status.map(Value::SubtopicStatus),
                st.status.map(Value::SubtopicStatus),
            ));
        }
        if before.question != st.question {
            out.push(
                Change::new(What::Subtopic, How::Question, subject(id, st)).values(
                    Some(Value::Text(before.question.clone())),
                    Some(Value::Text(st.question.clone())),
                ),
            );
        }
    }
    for (id, st) in &old_st {
        if !new_st.contains_key(id) {
            out.push(Change::new(What::Subtopic, How::Removed, subject(id, st)));
        }
    }
}

/// Sub-topics keyed by id, with their question.
fn subtopic_files(p: &Program) -> BTreeMap<String, (&Subtopic, String)> {
    p.subtopics
        .iter()
        .map(|s| {
            let question = s
                .value
                .question
                .as_ref()
                .map(|q| q.value.0.clone())
                .unwrap_or_default();
            (crate::facts::subtopic_id(p, s).to_string(), (&s.value, question))
        })
        .collect()
}

fn submitted(st: &Subtopic) -> Option<Date> {
    st.proposal
        .as_ref()
        .and_then(|p| p.value.submitted.as_ref())
        .map(|d| d.value)
}

fn review(st: &Subtopic) -> Option<&crate::model::Review> {
    st.proposal.as_ref()?.value.review.as_ref().map(|r| &r.value)
}

fn decision(st: &Subtopic) -> Option<Decision> {
    review(st)?.decision.as_ref().map(|d| d.value)
}

/// The statements of each move of a sub-topic's analysis.
fn moves(st: &Subtopic) -> [(Move, &[String]); 4] {
    let none: &[String] = &[];
    let a = st.analysis.as_ref().map(|a| &a.value);
    [
        (Move::Symptoms, a.map_or(none, |a| &a.symptoms)),
        (Move::Problems, a.map_or(none, |a| &a.problems)),
        (Move::Causes, a.map_or(none, |a| &a.causes)),
        (Move::Countermeasures, a.map_or(none, |a| &a.countermeasures)),
    ]
}

/// The six moves' progress: statements added to (then removed from) each
/// move of a sub-topic's analysis, matched by their text; a sub-topic new
/// in the newer version counts as having had none.
fn analysis_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let old_st = subtopic_files(old);
    for (id, (st, question)) in subtopic_files(new) {
        let before = old_st.get(&id).map(|(b, _)| moves(b));
        for (i, (part, now)) in moves(st).into_iter().enumerate() {
            let then: &[String] = before.as_ref().map_or(&[], |b| b[i].1);
            let subject = || {
                Subject::Analysis(AnalysisRef {
                    subtopic: id.clone(),
                    question: question.clone(),
                    part,
                })
            };
            let added: Vec<String> = now.iter().filter(|x| !then.contains(x)).cloned().collect();
            let removed: Vec<String> = then.iter().filter(|x| !now.contains(x)).cloned().collect();
            if !added.is_empty() {
                out.push(
                    Change::new(What::Analysis, How::Added, subject())
                        .values(None, Some(Value::Texts(added))),
                );
            }
            if !removed.is_empty() {
                out.push(
                    Change::new(What::Analysis, How::Removed, subject())
                        .values(Some(Value::Texts(removed)), None),
                );
            }
        }
    }
}

/// Budget lines keyed by their `item` (lines without one are left out).
fn budget(p: &Program) -> BTreeMap<String, BudgetRef> {
    let Some(t) = &p.topic else {
        return BTreeMap::new();
    };
    let currency = t.value.currency.as_ref().map(|c| c.0.clone());
    t.value
        .budget
        .iter()
        .filter_map(|b| {
            let b = &b.value;
            let item = b.item.as_ref()?.0.clone();
            let line = BudgetRef {
                item: item.clone(),
                category: b.category.as_ref().map(|c| c.value),
                planned: b.planned.as_ref().map(|n| n.value),
                spent: b.spent.as_ref().map(|n| n.value),
                currency: currency.clone(),
            };
            Some((item, line))
        })
        .collect()
}

/// Budget lines added or removed, whose `planned` changed, or whose `spent` changed.
fn budget_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let (old_b, new_b) = (budget(old), budget(new));
    for (item, line) in &new_b {
        let Some(was) = old_b.get(item) else {
            out.push(Change::new(
                What::Budget,
                How::Added,
                Subject::Budget(line.clone()),
            ));
            continue;
        };
        if was.planned != line.planned {
            out.push(
                Change::new(What::Budget, How::Changed, Subject::Budget(line.clone()))
                    .values(was.planned.map(Value::Number), line.planned.map(Value::Number)),
            );
        }
        if was.spent != line.spent {
            out.push(
                Change::new(What::Budget, How::Spent, Subject::Budget(line.clone()))
                    .values(was.spent.map(Value::Number), line.spent.map(Value::Number)),
            );
        }
    }
    for (item, line) in &old_b {
        if !new_b.contains_key(item) {
            out.push(Change::new(
                What::Budget,
                How::Removed,
                Subject::Budget(line.clone()),
            ));
        }
    }
}

/// Proposals submitted and review decisions: a sub-topic whose `submitted`
/// date or review `decision` appeared or changed (a sub-topic new in the
/// newer version counts as having had neither).
fn proposal_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let old_st = subtopic_files(old);
    let mut reviews = Vec::new();
    for (id, (st, question)) in subtopic_files(new) {
        let before = old_st.get(&id).map(|(b, _)| *b);
        let (was, is) = (before.and_then(submitted), submitted(st));
        if was != is && is.is_some() {
            let subject = Subject::Proposal(ProposalRef {
                subtopic: id.clone(),
                question: question.clone(),
                summary: st
                    .proposal
                    .as_ref()
                    .and_then(|p| p.value.summary.as_ref())
                    .map(|t| t.0.clone()),
            });
            out.push(
                Change::new(What::Proposal, How::Submitted, subject)
                    .values(was.map(Value::Date), is.map(Value::Date)),
            );
        }
        let (was, is) = (before.and_then(decision), decision(st));
        if let (Some(r), true) = (review(st), was != is && is.is_some()) {
            let subject = Subject::Review(ReviewRef {
                subtopic: id.clone(),
                question: question.clone(),
                date: r.date.as_ref().map(|d| d.value),
                by: r.by.clone(),
                notes: r.notes.as_ref().map(|t| t.0.clone()),
            });
            reviews.push(
                Change::new(What::Review, How::Decided, subject)
                    .values(was.map(Value::Decision), is.map(Value::Decision)),
            );
        }
    }
    out.extend(reviews);
}

/// Metrics keyed by sub-topic id and metric name.
fn metrics(p: &Program) -> BTreeMap<(String, String), (MetricRef, Measurement)> {
    let mut out = BTreeMap::new();
    for (id, (st, _)) in subtopic_files(p) {
        let Some(imp) = &st.implementation else {
            continue;
        };
        for m in &imp.value.metrics {
            let m = &m.value;
            let Some(name) = m.name.as_ref().map(|n| n.value.0.clone()) else {
                continue;
            };
            let r = MetricRef {
                subtopic: id.clone(),
                name: name.clone(),
                unit: m.unit.as_ref().map(|u| u.0.clone()),
                baseline: m.baseline.as_ref().map(|n| n.value),
                target: m.target.as_ref().map(|n| n.value),
            };
            let v = Measurement {
                actual: m.actual.as_ref().map(|n| n.value),
                measured: m.measured.as_ref().map(|d| d.value),
            };
            out.entry((id.clone(), name)).or_insert((r, v));
        }
    }
    out
}

/// Measurements: a metric whose `actual` or `measured` appeared or changed.
fn metric_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let old_m = metrics(old);
    for (key, (r, is)) in metrics(new) {
        let was = old_m.get(&key).map(|(_, v)| v.clone());
        let nothing = Measurement {
            actual: None,
            measured: None,
        };
        if was.as_ref().unwrap_or(&nothing) != &is && is != nothing {
            out.push(
                Change::new(What::Metric, How::Measured, Subject::Metric(r))
                    .values(was.map(Value::Measurement), Some(Value::Measurement(is))),
            );
        }
    }
}

fn session_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    for (how, _, s) in added_removed(&sessions(old), &sessions(new)) {
        out.push(Change::new(What::Session, how, Subject::Session(s.clone())));
    }
}

/// Compares two versions of a program. `old_date` is when the old version
/// was committed, `today` the date the new one is judged at (for "newly
/// overdue", and the plan's milestones); `moves` counts how many times each
/// action of the newer version has been moved.
pub(super) fn compare(
    old: &Program,
    new: &Program,
    old_date: Option<Date>,
    today: Date,
    moves: &Moves,
) -> Vec<Change> {
    let mut out = Vec::new();
    let names = Names {
        old: people(old),
        new: people(new),
    };
    stage_changes(old, new, &mut out);
    super::plan::plan_changes(old, new, &names, today, &mut out);
    team_changes(old, new, &names, &mut out);
    subtopic_changes(old, new, &mut out);
    analysis_changes(old, new, &mut out);
    proposal_changes(old, new, &mut out);
    metric_changes(old, new, &mut out);
    budget_changes(old, new, &mut out);
    session_changes(old, new, &mut out);
    let ctx = Ctx {
        names: &names,
        old_date,
        today,
        moves,
    };
    action_changes(old, new, &ctx, &mut out);
    out
}
