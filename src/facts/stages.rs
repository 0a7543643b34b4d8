//! The six steps: the first review of a preliminary solution and the
//! evidence each stage needs.

use super::sessions::{first_session, session_date};
use crate::load::Program;
use crate::model::{Consent, Date, Decision, Review, SessionKind, Subtopic};

/// The review of a sub-topic's proposal, if recorded.
fn review_of(s: &Subtopic) -> Option<&Review> {
    Some(&s.proposal.as_ref()?.value.review.as_ref()?.value)
}

/// The date of the first review of a preliminary solution: the earliest of
/// the sessions of `kind: review` and of the sub-topics' `proposal.review`
/// dates, whatever the review decided.
pub(crate) fn first_review(p: &Program) -> Option<Date> {
    let sessions = p
        .sessions
        .iter()
        .filter(|s| s.value.is(SessionKind::Review))
        .filter_map(|s| session_date(&s.value));
    let reviews = p
        .subtopics
        .iter()
        .filter_map(|s| review_of(&s.value)?.date.as_ref().map(|d| d.value));
    sessions.chain(reviews).min()
}

/// Whether a sub-topic's proposal was approved by `today`: its review
/// decided `approved` and is not dated after `today` (an approval without a
/// date counts, as for the stage).
pub(crate) fn approved_by(s: &Subtopic, today: Date) -> bool {
    approved(s, Some(today))
}

/// Whether a sub-topic's review decided `approved`, dated by `until` when given.
fn approved(s: &Subtopic, until: Option<Date>) -> bool {
    let review = review_of(s);
    review
        .and_then(|r| r.decision.as_ref())
        .is_some_and(|d| d.value == Decision::Approved)
        && review
            .and_then(|r| r.date.as_ref())
            .is_none_or(|d| until.is_none_or(|t| d.value <= t))
}

/// What the sub-topics show of steps 3 to 6, and when each step first
/// showed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct StageEvidence {
    /// Sub-topics with a `proposal:` (step 4).
    pub proposals: usize,
    /// Proposals with a dated review, whatever it decided (step 4 held).
    pub reviewed: usize,
    /// Proposals whose review decided `approved` (step 5).
    pub approved: usize,
    /// Sub-topics with something adopted or shared under `results:` (step 6).
    pub results: usize,
    /// The earliest dated consent of a person in team.yaml (`consent:
    /// 2026-02-20`): the first sign of step 2, building the team.
    pub first_consent: Option<Date>,
    /// The first kick-off session.
    pub first_kickoff: Option<Date>,
    /// The first workshop.
    pub first_workshop: Option<Date>,
    /// The first review ([`first_review`]).
    pub first_review: Option<Date>,
    /// The earliest `proposal.submitted`.
    pub first_submitted: Option<Date>,
    /// The earliest date of a review that decided `approved`.
    pub first_approved: Option<Date>,
    /// The earliest `implementation.start`.
    pub first_implementation: Option<Date>,
}

/// The stage evidence of a program: everything on file, whatever its date.
/// Rules and report judge with [`stage_evidence_by`]; the tests compare.
#[cfg(test)]
pub(crate) fn stage_evidence(p: &Program) -> StageEvidence {
    evidence(p, None)
}

/// The stage evidence of a program as held by `today`: a session, review,
/// approval, proposal submission or implementation start dated after
/// `today` has not happened yet and is not evidence for any stage. A
/// proposal without `submitted:` and an approval without a date still count
/// (nothing says they are in the future).
pub(crate) fn stage_evidence_by(p: &Program, today: Date) -> StageEvidence {
    evidence(p, Some(today))
}

impl StageEvidence {
    /// The stage the record supports: the furthest of the six steps that
    /// what is on file shows to have begun —
    /// 6 when some sub-topic has results adopted or shared,
    /// 5 when an implementation started (an approval alone completes step 4,
    /// 方案评审与决策, and lets step 5 begin, but is not evidence that it has),
    /// 4 when a proposal was reviewed (a dated `proposal.review`, whatever
    /// it decided — an approval included; a `kind: review` session alone is
    /// the close of step 3, tied to no proposal, and does not count),
    /// 3 when a workshop was held. `None` when the record shows none of
    /// these (steps 1 and 2 leave no evidence of their own). Built from
    /// [`stage_evidence_by`], dates after `today` do not count.
    pub(crate) fn supported_stage(&self) -> Option<i64> {
        if self.results > 0 {
            Some(6)
        } else if self.first_implementation.is_some() {
            Some(5)
        } else if self.reviewed > 0 || self.approved > 0 {
            Some(4)
        } else if self.first_workshop.is_some() {
            Some(3)
        } else {
            None
        }
    }
}

/// When one of the six steps began and ended, as far as the record shows.
pub(crate) type Period = (Option<Date>, Option<Date>);

/// When each of the six steps began and ended, from what is on file by
/// `today` ([`stage_evidence_by`]); `None` where the record does not say.
/// Nothing records when the topic was chosen, so step 1 has no dates;
/// step 2, building the team, runs from the first dated consent to the
/// first kick-off (else workshop); step 3 from there to the first review
/// (else proposal); step 4 from the first proposal (else review) to the
/// first approval (else review); step 5 begins with the first
/// implementation and ends at the topic's `end` when that has passed;
/// step 6 leaves no dates. A step still under way has no end here: the
/// report ends it at `today`.
pub(crate) fn step_periods(p: &Program, today: Date) -> [Period; 6] {
    let e = stage_evidence_by(p, today);
    let team_met = e.first_kickoff.or(e.first_workshop);
    let review = e.first_review;
    let end = p
        .topic
        .as_ref()
        .and_then(|t| t.value.end.as_ref())
        .map(|d| d.value)
        .filter(|d| *d < today);
    [
        (None, None),
        (e.first_consent, team_met),
        (team_met, review.or(e.first_submitted)),
        (e.first_submitted.or(review), e.first_approved.or(review)),
        (e.first_implementation, end),
        (None, None),
    ]
}

/// The stage evidence, counting only what is dated by `until` when given.
fn evidence(p: &Program, until: Option<Date>) -> StageEvidence {
    let held = |d: Date| until.is_none_or(|t| d <= t);
    let subtopics = || p.subtopics.iter().map(|s| &s.value);
    let review_date = |s: &Subtopic| review_of(s)?.date.as_ref().map(|d| d.value);
    let submitted = |s: &Subtopic| s.proposal.as_ref()?.value.submitted.as_ref().map(|d| d.value);
    let first = |kind: SessionKind| match until {
        None => first_session(p, kind),
        Some(_) => p
            .sessions
            .iter()
            .filter(|s| s.value.is(kind))
            .filter_map(|s| session_date(&s.value))
            .filter(|d| held(*d))
            .min(),
    };
    let reviews = subtopics().filter_map(review_date);
    StageEvidence {
        proposals: subtopics()
            .filter(|s| s.proposal.is_some() && submitted(s).is_none_or(held))
            .count(),
        reviewed: subtopics().filter(|s| review_date(s).is_some_and(held)).count(),
        approved: subtopics().filter(|s| approved(s, until)).count(),
        results: subtopics()
            .filter(|s| {
                s.results
                    .as_ref()
                    .is_some_and(|r| !r.value.adopted.is_empty() || !r.value.shared.is_empty())
            })
            .count(),
        first_consent: p
            .team
            .iter()
            .flat_map(|t| &t.value.people)
            .filter_map(|person| match person.value.consent.as_ref()?.value {
                Consent::On(d) => Some(d),
                Consent::Yes | Consent::No => None,
            })
            .filter(|d| held(*d))
            .min(),
        first_kickoff: first(SessionKind::Kickoff),
        first_workshop: first(SessionKind::Workshop),
        first_review: first(SessionKind::Review)
            .into_iter()
            .chain(reviews.filter(|d| held(*d)))
            .min(),
        first_submitted: subtopics().filter_map(submitted).filter(|d| held(*d)).min(),
        first_approved: subtopics()
            .filter(|s| approved(s, until))
            .filter_map(review_date)
            .min(),
        first_implementation: subtopics()
            .filter_map(|s| s.implementation.as_ref()?.value.start.as_ref().map(|d| d.value))
            .filter(|d| held(*d))
            .min(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{d, program};
    use super::*;

    #[test]
    fn the_first_review_is_a_review_session_or_a_proposal_review() {
        let none = program(&[("sessions/w.yaml", "kind: workshop\ndate: 2026-05-01\n")]);
        assert_eq!(first_review(&none), None);
        let p = program(&[
            ("sessions/r.yaml", "kind: review\ndate: 2026-08-24\n"),
            (
                "subtopics/a.yaml",
                "question: q\nproposal: { submitted: 2026-07-01, review: { date: 2026-07-20, decision: revise } }\n",
            ),
        ]);
        assert_eq!(
            first_review(&p),
            Some(d("2026-07-20")),
            "a review that asked for revision still counts"
        );
    }

    #[test]
    fn stage_evidence_counts_proposals_approvals_and_results() {
        let p = program(&[
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-01\n"),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-15\n"),
            (
                "subtopics/a.yaml",
                "question: q\nproposal: { submitted: 2026-07-01, review: { date: 2026-07-20, decision: revise } }\n",
            ),
            (
                "subtopics/b.yaml",
                "question: q\nproposal: { submitted: 2026-07-05, review: { date: 2026-08-01, decision: approved } }\nimplementation: { start: 2026-08-10 }\nresults: { adopted: [a rule] }\n",
            ),
            (
                "subtopics/c.yaml",
                "question: q\nresults: { adopted: [], shared: [] }\n",
            ),
        ]);
        assert_eq!(
            stage_evidence(&p),
            StageEvidence {
                proposals: 2,
                reviewed: 2,
                approved: 1,
                results: 1,
                first_consent: None,
                first_kickoff: Some(d("2026-03-01")),
                first_workshop: Some(d("2026-03-15")),
                first_review: Some(d("2026-07-20")),
                first_submitted: Some(d("2026-07-01")),
                first_approved: Some(d("2026-08-01")),
                first_implementation: Some(d("2026-08-10")),
            }
        );
    }

    #[test]
    fn nothing_dated_after_today_counts_and_the_record_supports_a_stage() {
        let files = [
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-15\n"),
            (
                "subtopics/a.yaml",
                "question: q\nproposal: { submitted: 2026-07-01, review: { date: 2026-07-20, decision: approved } }\n",
            ),
        ];
        let p = program(&files);
        let before = stage_evidence_by(&p, d("2026-06-30"));
        assert_eq!((before.proposals, before.approved), (0, 0));
        assert_eq!(before.first_review, None);
        assert_eq!(before.supported_stage(), Some(3), "a workshop was held");
        assert_eq!(stage_evidence_by(&p, d("2026-03-14")).supported_stage(), None);
        let after = stage_evidence_by(&p, d("2026-07-20"));
        assert_eq!((after.proposals, after.approved), (1, 1));
        assert_eq!(
            after.supported_stage(),
            Some(4),
            "reviewed and approved: step 4 done, step 5 not begun"
        );
        assert_eq!(stage_evidence(&p), after, "the whole record");
        let reviewed = program(&[(
            "subtopics/a.yaml",
            "question: q\nproposal: { review: { date: 2026-07-20, decision: revise } }\nresults: { shared: [x] }\n",
        )]);
        let e = stage_evidence_by(&reviewed, d("2026-08-01"));
        assert_eq!(e.supported_stage(), Some(6));
    }

    #[test]
    fn step_dates_come_from_the_record() {
        let p = program(&[
            ("topic.yaml", "title: t\nstart: 2026-03-01\n"),
            (
                "team.yaml",
                "people:\n  - { id: a, name: A, consent: 2026-02-21 }\n  - { id: b, name: B, consent: 2026-02-20 }\n  - { id: c, name: C, consent: true }\n",
            ),
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n"),
        ]);
        let steps = step_periods(&p, d("2026-03-10"));
        assert_eq!(steps[0], (None, None), "nothing records the choice of the topic");
        assert_eq!(steps[1], (Some(d("2026-02-20")), Some(d("2026-03-02"))));
        assert_eq!(steps[2], (Some(d("2026-03-02")), None));
        let before = step_periods(&p, d("2026-02-19"));
        assert_eq!(
            before[1],
            (None, None),
            "a consent after today is not on record yet"
        );
        let no_consent = program(&[("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n")]);
        assert_eq!(
            step_periods(&no_consent, d("2026-03-10"))[1],
            (None, Some(d("2026-03-02")))
        );
    }
}
