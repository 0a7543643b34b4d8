//! Actions: where each stands and whether it is overdue.

use super::sessions::sessions_by_date;
use crate::dates::days_between;
use crate::load::{Doc, Program};
use crate::model::{Action, ActionStatus, Date, Session};

/// Where an action stands: its `status`, open when not given.
pub(crate) fn action_status(a: &Action) -> ActionStatus {
    a.status.as_ref().map_or(ActionStatus::Open, |s| s.value)
}

/// How many days an action is overdue at `at`: `Some` (at least 1) when it
/// is open and its due date is before `at`, else `None`.
pub(crate) fn days_overdue(a: &Action, at: Date) -> Option<i64> {
    let due = a.due.as_ref()?.value;
    (action_status(a) == ActionStatus::Open && due < at).then(|| days_between(due, at))
}

/// One action of the program and where it stands.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActionFact<'a> {
    /// The session that agreed it.
    pub session: &'a Doc<Session>,
    /// The action as written.
    pub action: &'a Action,
    /// [`action_status`].
    pub status: ActionStatus,
    /// Its due date.
    pub due: Option<Date>,
    /// [`days_overdue`] at the day the facts were taken.
    pub days_overdue: Option<i64>,
}

impl<'a> ActionFact<'a> {
    /// The action's owner, if it has one.
    pub fn owner(&self) -> Option<&'a str> {
        self.action.owner.as_ref().map(|o| o.value.0.as_str())
    }

    /// Whether it is overdue.
    pub fn overdue(&self) -> bool {
        self.days_overdue.is_some()
    }
}

/// Every action of the program at `today`, session by session in date order
/// ([`sessions_by_date`]), each session's in the order written.
pub fn actions(p: &Program, today: Date) -> Vec<ActionFact<'_>> {
    sessions_by_date(p)
        .into_iter()
        .flat_map(|s| s.value.actions.iter().map(move |a| (s, &a.value)))
        .map(|(session, action)| ActionFact {
            session,
            action,
            status: action_status(action),
            due: action.due.as_ref().map(|d| d.value),
            days_overdue: days_overdue(action, today),
        })
        .collect()
}

/// How many actions stand where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct ActionTotals {
    /// Open (overdue ones included).
    pub open: usize,
    /// Open and past their due date.
    pub overdue: usize,
    /// Done.
    pub done: usize,
    /// Dropped.
    pub dropped: usize,
}

impl ActionTotals {
    /// Counts one action.
    pub fn add(&mut self, a: &ActionFact) {
        match a.status {
            ActionStatus::Open => {
                self.open += 1;
                self.overdue += usize::from(a.overdue());
            }
            ActionStatus::Done => self.done += 1,
            ActionStatus::Dropped => self.dropped += 1,
        }
    }

    /// The totals of a list of actions.
    pub fn of<'a>(actions: impl IntoIterator<Item = &'a ActionFact<'a>>) -> Self {
        let mut t = ActionTotals::default();
        for a in actions {
            t.add(a);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{d, program};
    use super::*;

    const SESSION: &str = "kind: workshop
date: 2026-05-01
actions:
  - { task: late, owner: a, due: 2026-05-10 }
  - { task: due today, owner: a, due: 2026-06-01 }
  - { task: done late, owner: b, due: 2026-05-10, status: done }
  - { task: dropped, due: 2026-05-10, status: dropped }
  - { task: no date, owner: b }
";

    #[test]
    fn an_open_action_past_its_due_date_is_overdue_by_whole_days() {
        let p = program(&[
            (
                "sessions/late.yaml",
                "kind: workshop\ndate: 2026-06-01\nactions: [{ task: later }]\n",
            ),
            ("sessions/w.yaml", SESSION),
        ]);
        let facts = actions(&p, d("2026-06-01"));
        let rows: Vec<(&str, ActionStatus, Option<i64>)> = facts
            .iter()
            .map(|a| {
                (
                    a.action.task.as_ref().map_or("", |t| t.0.as_str()),
                    a.status,
                    a.days_overdue,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("late", ActionStatus::Open, Some(22)),
                ("due today", ActionStatus::Open, None),
                ("done late", ActionStatus::Done, None),
                ("dropped", ActionStatus::Dropped, None),
                ("no date", ActionStatus::Open, None),
                ("later", ActionStatus::Open, None),
            ],
            "in session date order"
        );
        assert_eq!(facts[0].owner(), Some("a"));
        assert_eq!(
            ActionTotals::of(&facts),
            ActionTotals {
                open: 4,
                overdue: 1,
                done: 1,
                dropped: 1
            }
        );
        let first = &p.sessions[1].value.actions[0].value;
        assert_eq!(days_overdue(first, d("2026-05-11")), Some(1));
        assert_eq!(days_overdue(first, d("2026-05-10")), None);
    }
}
