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

#[cfg(test)]
mod tests {
    use super::super::moves::Moves;
    use crate::facts::test_program::{TEAM, d, program};
    use crate::history::{Change, How, Subject, Value, What};

    fn plan_changes(old: &str, new: &str) -> Vec<Change> {
        let p = |plan: &str| {
            let mut files = vec![("team.yaml", TEAM)];
            if !plan.is_empty() {
                files.push(("plan.yaml", plan));
            }
            program(&files)
        };
        let (old, new) = (p(old), p(new));
        let all = super::super::compare::compare(&old, &new, None, d("2026-04-01"), &Moves::default());
        all.into_iter().filter(|c| c.what == What::Plan).collect()
    }

    fn hows(changes: &[Change]) -> Vec<(How, String)> {
        changes
            .iter()
            .map(|c| {
                let s = match &c.subject {
                    Subject::Milestone(m) => format!("{:?}#{}", m.kind.expect("kind"), m.ordinal),
                    Subject::Plan(p) => format!("plan of {}", p.milestones),
                    other => format!("{other:?}"),
                };
                (c.how, s)
            })
            .collect()
    }

    const PLAN: &str = "made: 2026-03-16
milestones:
  - { kind: workshop, number: 1, date: 2026-03-16 }
  - { kind: workshop, number: 2, date: 2026-05-11, owner: a }
  - { kind: review, date: 2026-08-24 }
  - { kind: review, month: 2026-09 }
";

    #[test]
    fn a_new_plan_is_one_change_and_so_is_a_plan_removed() {
        assert_eq!(
            hows(&plan_changes("", PLAN)),
            [(How::Added, "plan of 4".to_string())]
        );
        assert_eq!(
            hows(&plan_changes(PLAN, "")),
            [(How::Removed, "plan of 4".to_string())]
        );
        assert!(plan_changes(PLAN, PLAN).is_empty());
    }

    #[test]
    fn milestones_are_matched_by_kind_and_place_among_their_kind() {
        let new = "made: 2026-03-20
milestones:
  - { kind: review, month: 2026-10 }
  - { kind: workshop, number: 2, date: 2026-06-01, owner: b }
  - { kind: workshop, number: 1, date: 2026-03-16 }
  - { kind: research, month: 2026-04 }
";
        let changes = plan_changes(PLAN, new);
        assert_eq!(
            hows(&changes),
            [
                (How::Changed, "plan of 4".to_string()),
                (How::Added, "Research#1".to_string()),
                (How::Rescheduled, "Workshop#2".to_string()),
                (How::Reassigned, "Workshop#2".to_string()),
                // The only review now is the first: planned for October.
                (How::Rescheduled, "Review#1".to_string()),
                (How::Removed, "Review#2".to_string()),
            ]
        );
        let moved = &changes[2];
        assert_eq!(moved.before, Some(Value::Date(d("2026-05-11"))));
        assert!(matches!(&moved.subject, Subject::Milestone(m) if m.days == Some(21)));
        let review = &changes[4];
        assert!(matches!(&review.subject, Subject::Milestone(m) if m.days == Some(38)));
        assert!(matches!(&review.after, Some(Value::Month(m)) if m.0.to_string() == "2026-10"));
        assert!(
            matches!(&changes[3].after, Some(Value::Person(p)) if p.id == "b" && p.name.as_deref() == Some("B"))
        );
    }
}
