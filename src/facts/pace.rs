//! Whether a program keeps pace: the step it is trusted to be at, the review
//! that ends steps 1–3, the groups that have stopped meeting, the plan's
//! slip, the headline metric, the budget used and the files that could not
//! be read. The report's summary and the portfolio dashboard ask these
//! questions of a program; they are answered here, once.

use super::plan::MilestoneFact;
use super::stages::{StageEvidence, stage_evidence_by};
use crate::config::Limits;
use crate::dates::add_months;
use crate::layout::FileKind;
use crate::load::Program;
use crate::model::{Date, Metric};

/// The topic's `start`.
pub(crate) fn start(p: &Program) -> Option<Date> {
    p.topic.as_ref()?.value.start.as_ref().map(|d| d.value)
}

/// The topic's `end`.
pub(crate) fn end(p: &Program) -> Option<Date> {
    p.topic.as_ref()?.value.end.as_ref().map(|d| d.value)
}

/// The topic's declared `stage` (0 when not given).
pub(crate) fn declared_stage(p: &Program) -> i64 {
    p.topic
        .as_ref()
        .and_then(|t| t.value.stage.as_ref())
        .map_or(0, |s| s.value.0)
}

/// Whether `date` is more than a month before `today`: past the same day of
/// the next month ([`add_months`]).
pub(crate) fn over_a_month(date: Date, today: Date) -> bool {
    add_months(date, 1) < today
}

/// When the declared stage is beyond what the record supports, the step the
/// record shows (2 when it shows none of steps 3 to 6: steps 1 and 2 leave
/// no evidence of their own).
pub(crate) fn declared_ahead(declared: i64, e: &StageEvidence) -> Option<i64> {
    let shown = e.supported_stage().unwrap_or(2);
    (declared > shown && declared <= 6).then_some(shown)
}

/// Whether the record shows step 6 (results adopted or shared). A declared
/// stage the record does not support does not count.
pub(crate) fn at_step_6(e: &StageEvidence) -> bool {
    e.supported_stage() == Some(6)
}

/// The step to trust: the declared one, unless the record does not support
/// it; then the record's. `None` when neither says.
pub(crate) fn trusted_step(declared: i64, e: &StageEvidence) -> Option<i64> {
    declared_ahead(declared, e)
        .or_else(|| (1..=6).contains(&declared).then_some(declared))
        .or_else(|| e.supported_stage())
}

/// The date by which steps 1–3 should end in a review: the start plus
/// `steps_1_to_3_months`.
pub(crate) fn review_deadline(p: &Program, limits: &Limits) -> Option<Date> {
    start(p).map(|s| add_months(s, limits.steps_1_to_3_months))
}

/// The deadline of the review that ends steps 1–3 ([`review_deadline`])
/// while that review is still to come: no review has been held by `today`.
pub(crate) fn review_pending(p: &Program, limits: &Limits, today: Date) -> Option<Date> {
    let deadline = review_deadline(p, limits)?;
    stage_evidence_by(p, today)
        .first_review
        .is_none()
        .then_some(deadline)
}

/// The review that ends steps 1–3 when it is overdue at `today`: its
/// deadline has passed and no review has been held by `today`
/// ([`review_pending`]).
pub(crate) fn review_overdue(p: &Program, limits: &Limits, today: Date) -> Option<Date> {
    review_pending(p, limits, today).filter(|d| *d < today)
}

/// When groups are expected to meet at `today`: the first kick-off or
/// workshop, and whether it was a kick-off — from then until the topic's
/// `end`, unless the record shows step 6, when `meetings_per_month` asks
/// for at least one meeting.
pub(crate) fn meeting_time(p: &Program, limits: &Limits, today: Date) -> Option<(Date, bool)> {
    let e = stage_evidence_by(p, today);
    let first = match (e.first_kickoff, e.first_workshop) {
        (Some(k), Some(w)) if w < k => (w, false),
        (Some(k), _) => (k, true),
        (None, Some(w)) => (w, false),
        (None, None) => return None,
    };
    let ended = end(p).is_some_and(|d| d < today);
    (!ended && !at_step_6(&e) && limits.meetings_per_month[0] > 0).then_some(first)
}

/// A core group that has not met for more than a month while groups are
/// expected to meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuietGroup<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its name, else its id.
    pub name: &'a str,
    /// Its last group meeting by `today` ([`super::last_met`]), if any.
    pub last: Option<Date>,
    /// The day it has been quiet since: its last meeting, else the first
    /// gathering ([`meeting_time`]).
    pub since: Date,
    /// Whether that first gathering was a kick-off (else a workshop).
    pub kickoff: bool,
}

/// The groups, in team.yaml order, that have not met for more than a month
/// ([`over_a_month`]) while groups are expected to meet ([`meeting_time`]).
pub(crate) fn quiet_groups<'a>(p: &'a Program, limits: &Limits, today: Date) -> Vec<QuietGroup<'a>> {
    let Some((first, kickoff)) = meeting_time(p, limits, today) else {
        return Vec::new();
    };
    p.team
        .iter()
        .flat_map(|t| &t.value.groups)
        .filter_map(|g| {
            let g = &g.value;
            let id = g.id.as_ref()?.value.0.as_str();
            let name = g.name.as_ref().map_or(id, |n| n.value.0.as_str());
            let last = super::last_met(p, id, today);
            let since = last.unwrap_or(first);
            over_a_month(since, today).then_some(QuietGroup {
                id,
                name,
                last,
                since,
                kickoff,
            })
        })
        .collect()
}

/// How far the program is off its plan at `today`, in days (positive:
/// late): the most days any milestone is late
/// ([`MilestoneFact::days_late`]); when none is, the slip of the milestone
/// reached last ([`MilestoneFact::slip`]). `None` without a plan or when
/// neither says.
pub(crate) fn plan_slip(milestones: &[MilestoneFact], today: Date) -> Option<i64> {
    let late = milestones.iter().filter_map(|m| m.days_late(today)).max();
    late.or_else(|| {
        milestones
            .iter()
            .filter_map(|m| Some((m.actual_date()?, m.index, m.slip()?)))
            .max_by_key(|(d, i, _)| (*d, *i))
            .map(|(_, _, s)| s)
    })
}

/// The metrics measured by `today` with a baseline and an actual value, in
/// sub-topic and file order: the ones a summary reports as moved.
pub(crate) fn measured_metrics(p: &Program, today: Date) -> Vec<&Metric> {
    p.subtopics
        .iter()
        .filter_map(|s| s.value.implementation.as_ref())
        .flat_map(|im| &im.value.metrics)
        .map(|m| &m.value)
        .filter(|m| m.name.is_some() && m.baseline.is_some() && m.actual.is_some())
        .filter(|m| m.measured.as_ref().is_none_or(|d| d.value <= today))
        .collect()
}

/// The share of the planned budget spent on planned lines, as a whole
/// percentage rounded half up; `None` when nothing is planned.
pub(crate) fn budget_used_percent(p: &Program) -> Option<u64> {
    let b = super::budget(p);
    (b.planned > 0.0).then(|| (b.spent_on_planned / b.planned * 100.0).round() as u64)
}

/// Whether the budget is overspent as the rules judge it: spent above
/// planned in total, or on some line.
pub(crate) fn overspent(p: &Program) -> bool {
    super::budget(p).over_plan().is_some()
        || super::budget_items(p)
            .iter()
            .any(|line| line.over_plan().is_some())
}

/// The files of the program that should hold a model — its topic, team, a
/// session, a sub-topic or its plan: the kinds read with the program — but
/// could not be read or parsed, in file order: (index into `files`, kind).
pub(crate) fn unreadable(p: &Program) -> Vec<(usize, FileKind)> {
    let used = |file: usize| {
        p.topic.as_ref().is_some_and(|d| d.file == file)
            || p.team.as_ref().is_some_and(|d| d.file == file)
            || p.sessions.iter().any(|d| d.file == file)
            || p.subtopics.iter().any(|d| d.file == file)
            || p.plan.as_ref().is_some_and(|d| d.file == file)
    };
    p.files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let kind = FileKind::of_rel(&f.rel)?;
            (kind.spec().loaded && !used(i)).then_some((i, kind))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, d, program};
    use super::*;

    const TOPIC: &str = "title: t\nstart: 2026-01-01\nend: 2026-12-31\nstage: 3\n";

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn the_trusted_step_is_the_declared_one_unless_the_record_is_behind() {
        let none = StageEvidence::default();
        assert_eq!(trusted_step(3, &none), Some(2));
        assert_eq!(trusted_step(2, &none), Some(2));
        assert_eq!(trusted_step(0, &none), None);
        let workshop = StageEvidence {
            first_workshop: Some(d("2026-02-01")),
            ..StageEvidence::default()
        };
        assert_eq!(trusted_step(3, &workshop), Some(3));
        assert_eq!(trusted_step(0, &workshop), Some(3));
        assert_eq!(declared_ahead(5, &workshop), Some(3));
    }

    #[test]
    fn the_review_is_overdue_six_months_after_the_start_without_one() {
        let p = program(&[("topic.yaml", TOPIC), ("team.yaml", TEAM)]);
        assert_eq!(review_deadline(&p, &limits()), Some(d("2026-07-01")));
        assert_eq!(
            review_pending(&p, &limits(), d("2026-03-01")),
            Some(d("2026-07-01")),
            "pending before its deadline too"
        );
        assert_eq!(review_overdue(&p, &limits(), d("2026-07-01")), None);
        assert_eq!(
            review_overdue(&p, &limits(), d("2026-07-02")),
            Some(d("2026-07-01"))
        );
        let reviewed = program(&[
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            ("sessions/r.yaml", "kind: review\ndate: 2026-06-20\n"),
        ]);
        assert_eq!(review_overdue(&reviewed, &limits(), d("2026-08-01")), None);
        assert_eq!(review_pending(&reviewed, &limits(), d("2026-06-20")), None);
        assert_eq!(
            review_pending(&reviewed, &limits(), d("2026-06-19")),
            Some(d("2026-07-01")),
            "a review counts from its day"
        );
    }

    #[test]
    fn groups_are_quiet_after_a_month_without_a_meeting() {
        let p = program(&[
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            (
                "sessions/k.yaml",
                "kind: kickoff\ndate: 2026-02-01\ngroups: [g1, g2]\n",
            ),
            (
                "sessions/m.yaml",
                "kind: group-meeting\ndate: 2026-03-10\ngroups: [g1]\n",
            ),
        ]);
        let quiet = quiet_groups(&p, &limits(), d("2026-04-05"));
        let ids: Vec<(&str, Option<Date>)> = quiet.iter().map(|q| (q.id, q.last)).collect();
        assert_eq!(ids, [("g2", None)]);
        assert!(quiet[0].kickoff);
        assert_eq!(quiet[0].since, d("2026-02-01"));
        let later = quiet_groups(&p, &limits(), d("2026-04-11"));
        assert_eq!(later.iter().map(|q| q.id).collect::<Vec<_>>(), ["g2", "g1"]);
        // After the end, groups are no longer expected to meet.
        assert!(quiet_groups(&p, &limits(), d("2027-01-05")).is_empty());
    }

    #[test]
    fn the_plan_slips_by_the_latest_milestone_or_the_last_reached() {
        let plan = "milestones:
  - { kind: kickoff, date: 2026-02-01 }
  - { kind: workshop, number: 1, date: 2026-03-01 }
";
        let p = program(&[
            ("topic.yaml", TOPIC),
            ("team.yaml", TEAM),
            ("plan.yaml", plan),
            (
                "sessions/k.yaml",
                "kind: kickoff\ndate: 2026-02-04\ngroups: [g1, g2]\n",
            ),
        ]);
        let at = |t: &str| plan_slip(&super::super::milestones(&p, d(t)), d(t));
        assert_eq!(at("2026-02-20"), Some(3), "the kick-off was 3 days late");
        assert_eq!(at("2026-03-11"), Some(10), "the workshop is 10 days late");
        let none = program(&[("topic.yaml", TOPIC)]);
        assert_eq!(
            plan_slip(&super::super::milestones(&none, d("2026-03-11")), d("2026-03-11")),
            None
        );
    }

    #[test]
    fn metrics_budgets_and_unreadable_files() {
        let topic = "title: t\nstart: 2026-01-01\nbudget:
  - { item: a, category: experts, planned: 100, spent: 120 }
  - { item: b, category: research, planned: 100, spent: 10 }
";
        let sub = "question: q
implementation:
  metrics:
    - { name: m, baseline: 10, target: 5, actual: 7, measured: 2026-05-01 }
    - { name: later, baseline: 1, actual: 2, measured: 2026-09-01 }
";
        let p = program(&[
            ("topic.yaml", topic),
            ("team.yaml", "people: [\n"),
            ("subtopics/s.yaml", sub),
            ("plan.yaml", "milestones: {\n"),
        ]);
        let names: Vec<&str> = measured_metrics(&p, d("2026-06-01"))
            .iter()
            .filter_map(|m| m.name.as_ref().map(|n| n.value.0.as_str()))
            .collect();
        assert_eq!(names, ["m"]);
        assert_eq!(budget_used_percent(&p), Some(65));
        assert!(overspent(&p));
        let bad: Vec<FileKind> = unreadable(&p).into_iter().map(|(_, k)| k).collect();
        assert_eq!(bad, [FileKind::Team, FileKind::Plan], "in file order");
    }
}
