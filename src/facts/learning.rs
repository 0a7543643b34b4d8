//! Learning (做前学、做中学、做后学): what was studied, by which groups, at
//! which step of the six; when each group last recorded learning; and the
//! groups that have recorded none for too long while the program is in
//! step 3.

use super::sessions::{session_date, session_groups, sessions_by_date};
use super::stages::{stage_evidence_by, step_periods};
use crate::dates::add_months;
use crate::load::{Doc, Program};
use crate::model::{Date, LearningItem, Session};

/// How many months a group may go without recording learning while the
/// program is in step 3 ([`learning_gaps`]).
pub(crate) const LEARNING_GAP_MONTHS: u32 = 2;

/// The step of the six the program was at on `date`, as the record shows
/// it by `today` ([`step_periods`]): the furthest step that had begun by
/// then. `None` before the record shows any step (steps 1 and 2 leave
/// dates only when a consent is dated). The log works it out for many
/// dates at once ([`learning_log`]).
#[cfg(test)]
pub(crate) fn step_at(p: &Program, date: Date, today: Date) -> Option<i64> {
    step_at_in(&step_periods(p, today), date)
}

/// [`step_at`] over periods already worked out.
fn step_at_in(periods: &[super::stages::Period; 6], date: Date) -> Option<i64> {
    (1..=6)
        .rev()
        .find(|n| periods[(*n - 1) as usize].0.is_some_and(|s| s <= date))
}

/// One thing studied at a session held by `today`.
#[derive(Debug, Clone)]
pub(crate) struct Learned<'a> {
    /// The session it was studied at.
    pub session: &'a Doc<Session>,
    /// Its date.
    pub date: Date,
    /// The groups that studied it: the session's groups
    /// ([`session_groups`]; every group when it names none).
    pub groups: Vec<&'a str>,
    /// What was studied and who brought it.
    pub item: &'a LearningItem,
    /// The step of the six at the session's date ([`step_at`]).
    pub step: Option<i64>,
}

/// Everything studied at the sessions held by `today` (dated on or
/// before it), session by session in date order, item by item as written.
pub(crate) fn learning_log(p: &Program, today: Date) -> Vec<Learned<'_>> {
    let periods = &step_periods(p, today);
    sessions_by_date(p)
        .into_iter()
        .filter_map(|s| Some((s, session_date(&s.value).filter(|d| *d <= today)?)))
        .flat_map(|(s, date)| {
            let groups = session_groups(p, &s.value);
            s.value.learning.iter().map(move |l| Learned {
                session: s,
                date,
                groups: groups.clone(),
                item: &l.value,
                step: step_at_in(periods, date),
            })
        })
        .collect()
}

/// The date of the last session for group `id` held by `today` that
/// records learning (`learning:`); sessions naming no group are for every
/// group.
pub(crate) fn last_learning(p: &Program, id: &str, today: Date) -> Option<Date> {
    p.sessions
        .iter()
        .filter(|s| !s.value.learning.is_empty())
        .filter(|s| session_groups(p, &s.value).contains(&id))
        .filter_map(|s| session_date(&s.value))
        .filter(|d| *d <= today)
        .max()
}

/// The day step 3 began, when the program is in step 3 at `today` as the
/// record shows it: a kick-off or workshop has been held, and no review
/// or proposal yet, nor anything of a later step ([`step_periods`],
/// [`stage_evidence_by`]).
pub(crate) fn in_step_3(p: &Program, today: Date) -> Option<Date> {
    let (start, end) = step_periods(p, today)[2];
    let later = stage_evidence_by(p, today)
        .supported_stage()
        .is_some_and(|s| s > 3);
    start.filter(|_| end.is_none() && !later)
}

/// A core group that has recorded no learning for more than
/// [`LEARNING_GAP_MONTHS`] months while the program is in step 3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LearningGap<'a> {
    /// The group's id.
    pub id: &'a str,
    /// Its last session with learning by `today` ([`last_learning`]), when
    /// that was after step 3 began.
    pub last: Option<Date>,
    /// The day the gap runs from: that session, else the start of step 3.
    pub since: Date,
}

/// The core groups, in team.yaml order, that have recorded no learning for
/// more than [`LEARNING_GAP_MONTHS`] months at `today` while the program is
/// in step 3 ([`in_step_3`]): the span from their last session with
/// learning, or from the start of step 3 when that is later, passes the
/// same day [`LEARNING_GAP_MONTHS`] months on.
pub(crate) fn learning_gaps(p: &Program, today: Date) -> Vec<LearningGap<'_>> {
    let Some(began) = in_step_3(p, today) else {
        return Vec::new();
    };
    let mut out: Vec<LearningGap> = Vec::new();
    for g in p.team.iter().flat_map(|t| &t.value.groups) {
        let Some(id) = g.value.id.as_ref().map(|i| i.value.0.as_str()) else {
            continue;
        };
        if out.iter().any(|x| x.id == id) {
            continue;
        }
        let last = last_learning(p, id, today).filter(|d| *d >= began);
        let since = last.unwrap_or(began);
        if add_months(since, LEARNING_GAP_MONTHS) < today {
            out.push(LearningGap { id, last, since });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, d, program};
    use super::*;

    #[test]
    fn the_log_holds_what_was_studied_by_date_with_its_groups_and_step() {
        let p = program(&[
            ("team.yaml", TEAM),
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n"),
            (
                "sessions/m.yaml",
                "kind: group-meeting\ndate: 2026-04-01\ngroups: [g1]\nlearning:\n  - { title: 书, by: a }\n  - { title: 课 }\n",
            ),
            (
                "sessions/w.yaml",
                "kind: workshop\ndate: 2026-03-16\nlearning: [{ title: 方法 }]\n",
            ),
            (
                "sessions/later.yaml",
                "kind: group-meeting\ndate: 2026-09-01\ngroups: [g1]\nlearning: [{ title: 以后 }]\n",
            ),
        ]);
        let log = learning_log(&p, d("2026-05-01"));
        let rows: Vec<(String, Vec<&str>, Option<i64>)> = log
            .iter()
            .map(|l| (l.date.to_string(), l.groups.clone(), l.step))
            .collect();
        assert_eq!(
            rows,
            [
                ("2026-03-16".to_string(), vec!["g2", "g1"], Some(3)),
                ("2026-04-01".to_string(), vec!["g1"], Some(3)),
                ("2026-04-01".to_string(), vec!["g1"], Some(3)),
            ],
            "the meeting after today is not in the log"
        );
        assert_eq!(last_learning(&p, "g1", d("2026-05-01")), Some(d("2026-04-01")));
        assert_eq!(last_learning(&p, "g2", d("2026-05-01")), Some(d("2026-03-16")));
        assert_eq!(step_at(&p, d("2026-03-01"), d("2026-05-01")), None);
    }

    #[test]
    fn a_group_without_learning_for_over_two_months_in_step_3_is_a_gap() {
        let files = [
            ("team.yaml", TEAM),
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n"),
            (
                "sessions/m.yaml",
                "kind: group-meeting\ndate: 2026-04-01\ngroups: [g1]\nlearning: [{ title: 书 }]\n",
            ),
        ];
        let p = program(&files);
        let gaps = |today: &str| -> Vec<(&str, Option<Date>, Date)> {
            learning_gaps(&p, d(today))
                .into_iter()
                .map(|g| (g.id, g.last, g.since))
                .collect()
        };
        assert!(gaps("2026-05-02").is_empty(), "two months to the day is not more");
        assert_eq!(gaps("2026-05-03"), [("g2", None, d("2026-03-02"))]);
        assert_eq!(
            gaps("2026-06-02"),
            [
                ("g2", None, d("2026-03-02")),
                ("g1", Some(d("2026-04-01")), d("2026-04-01"))
            ]
        );
        assert!(gaps("2026-03-01").is_empty(), "step 3 has not begun");
        let mut reviewed = files.to_vec();
        reviewed.push(("sessions/r.yaml", "kind: review\ndate: 2026-05-20\n"));
        let p = program(&reviewed);
        assert!(learning_gaps(&p, d("2026-07-01")).is_empty(), "step 3 ended");
    }
}
