//! The overall action plan (plan.yaml) across two versions: the plan added
//! or removed (one change each, not one per milestone), its `made` date
//! changed, and its milestones added, removed, moved or given to another
//! owner.
//!
//! A milestone is the same across versions when it has the same kind and
//! the same place among the milestones of its kind (a workshop's `number`,
//! else the order of their planned dates): the fact
//! [`crate::facts::milestones`] gives both, the one place milestones are
//! numbered.

use super::compare::Names;
use super::{Change, How, MilestoneRef, PlanRef, Subject, Value, What};
use crate::facts::{MilestoneFact, Planned, by_plan_date, milestones};
use crate::load::Program;
use crate::model::{Date, PlanMonth};

/// The plan's changes, in the newer plan's order of planned dates, the
/// removed milestones last.
pub(super) fn plan_changes(old: &Program, new: &Program, names: &Names, today: Date, out: &mut Vec<Change>) {
    match (plan_ref(old), plan_ref(new)) {
        (None, None) => {}
        (None, Some(r)) => out.push(Change::new(What::Plan, How::Added, Subject::Plan(r))),
        (Some(r), None) => out.push(Change::new(What::Plan, How::Removed, Subject::Plan(r))),
        (Some(was), Some(is)) => {
            if was.made != is.made {
                let (before, after) = (was.made.map(Value::Date), is.made.map(Value::Date));
                out.push(Change::new(What::Plan, How::Changed, Subject::Plan(is)).values(before, after));
            }
            milestone_changes(old, new, names, today, out);
        }
    }
}

/// The plan of a version, as a change names it.
fn plan_ref(p: &Program) -> Option<PlanRef> {
    let plan = &p.plan.as_ref()?.value;
    Some(PlanRef {
        made: plan.made.as_ref().map(|d| d.value),
        milestones: plan.milestones.len(),
    })
}

/// Milestones added, moved, given to another owner, then removed.
fn milestone_changes(old: &Program, new: &Program, names: &Names, today: Date, out: &mut Vec<Change>) {
    let (old_m, new_m) = (milestones(old, today), milestones(new, today));
    let same = |a: &MilestoneFact, b: &MilestoneFact| (a.kind, a.ordinal) == (b.kind, b.ordinal);
    for f in by_plan_date(&new_m) {
        let Some(b) = old_m.iter().find(|b| same(b, f)) else {
            out.push(Change::new(What::Plan, How::Added, subject(f, names, None)));
            continue;
        };
        if b.planned != f.planned {
            let days = b.planned.zip(f.planned).map(|(x, y)| x.shift_to(y));
            out.push(
                Change::new(What::Plan, How::Rescheduled, subject(f, names, days))
                    .values(b.planned.map(planned), f.planned.map(planned)),
            );
        }
        let (was, is) = (owner(b), owner(f));
        if was != is {
            let person = |id: Option<&str>| id.map(|id| Value::Person(names.person(id)));
            out.push(
                Change::new(What::Plan, How::Reassigned, subject(f, names, None))
                    .values(person(was), person(is)),
            );
        }
    }
    for b in by_plan_date(&old_m) {
        if !new_m.iter().any(|f| same(b, f)) {
            out.push(Change::new(What::Plan, How::Removed, subject(b, names, None)));
        }
    }
}

/// A milestone's owner's id.
fn owner<'a>(f: &MilestoneFact<'a>) -> Option<&'a str> {
    f.milestone.value.owner.as_ref().map(|o| o.value.0.as_str())
}

/// When a milestone is planned, as a value.
fn planned(p: Planned) -> Value {
    match p {
        Planned::Day(d) => Value::Date(d),
        Planned::Month(m) => Value::Month(PlanMonth(m)),
    }
}

/// A milestone as a change names it; `days` how far it moved.
fn subject(f: &MilestoneFact, names: &Names, days: Option<i64>) -> Subject {
    let (date, month) = match f.planned {
        Some(Planned::Day(d)) => (Some(d), None),
        Some(Planned::Month(m)) => (None, Some(PlanMonth(m))),
        None => (None, None),
    };
    Subject::Milestone(MilestoneRef {
        kind: f.kind,
        ordinal: f.ordinal,
        date,
        month,
        owner: owner(f).map(|id| names.person(id)),
        groups: f.groups.iter().map(|g| g.to_string()).collect(),
        days,
    })
}
