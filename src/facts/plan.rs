//! The overall action plan against the record: each planned milestone of
//! plan.yaml matched to what the program's files show happened, with its
//! slip in days.
//!
//! How a milestone is matched (the same rules in `al check`, the report and
//! the agenda; docs/format.md says them to users):
//!
//! - `kickoff`, `report`: the k-th session of that kind by date, for the
//!   k-th milestone of that kind in planned order.
//! - `workshop`: the session of `kind: workshop` whose place by date is the
//!   milestone's `number` (else its place among the planned workshops).
//! - `research`: the k-th activity of `activity: survey`, `study-visit` or
//!   `consultation` (调研: questionnaires, visits, asking experts).
//! - `review`: the k-th review, counting each date once, of the sessions of
//!   `kind: review` and the sub-topics' `proposal.review` dates.
//! - `subtopics-fixed`: every group concerned has a sub-topic with a
//!   `defined` date (replacements, `replaces:`, do not count); reached on
//!   the latest of each group's first such date.
//! - `group-meetings`: every group concerned held a group meeting in the
//!   planned month; reached on the latest of each group's first meeting in it.
//! - `proposal-submitted`: every group concerned has a sub-topic whose
//!   proposal was `submitted`; reached on the latest of each group's first.
//! - `implementation-start`: the earliest `implementation.start` of the
//!   sub-topics of the groups concerned.
//! - `final-results`: a sub-topic of the groups concerned records results
//!   adopted or shared; the record gives no date for it.
//!
//! The groups concerned are the milestone's `groups`, else every group of
//! team.yaml (for the kinds above that go group by group, a program without
//! groups counts its sub-topics or meetings as one). Only what is dated by
//! `today` counts as happened, as for the program's stage.

use super::sessions::{session_date, session_groups};
use crate::dates::{Month, days_between};
use crate::load::{Doc, Program};
use crate::model::{ActivityKind, Date, Milestone, MilestoneKind, Session, SessionKind, Sp, Subtopic};

/// When a milestone is planned: on a day, or within a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Planned {
    /// `date:`.
    Day(Date),
    /// `month:` (or a group-meetings milestone's `date`, read as its month).
    Month(Month),
}

impl Planned {
    /// The first day it may happen on.
    pub fn first(self) -> Date {
        match self {
            Planned::Day(d) => d,
            Planned::Month(m) => m.first_day(),
        }
    }

    /// The last day it is on time: the day, or the month's last day.
    pub fn due(self) -> Date {
        match self {
            Planned::Day(d) => d,
            Planned::Month(m) => m.last_day(),
        }
    }

    /// Days the plan moved when it was changed to `later`: positive when
    /// the new plan is later, counted between the first planned days (a
    /// month counts from its first day).
    pub fn shift_to(self, later: Planned) -> i64 {
        days_between(self.first(), later.first())
    }

    /// Days from the plan to `actual`: positive when later than planned,
    /// negative when earlier, 0 on the day or within the planned month.
    pub fn slip(self, actual: Date) -> i64 {
        if actual > self.due() {
            days_between(self.due(), actual)
        } else if actual < self.first() {
            days_between(self.first(), actual)
        } else {
            0
        }
    }
}

/// What the record shows of a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Actual {
    /// Reached on this date; the session file that shows it (its index in
    /// the program's files), if one does.
    On(Date, Option<usize>),
    /// Reached, but the record gives no date (final results).
    Undated,
    /// Not reached (by `today`).
    No,
}

/// One milestone of the plan, matched to the record.
#[derive(Debug, Clone)]
pub(crate) struct MilestoneFact<'a> {
    /// Its place in plan.yaml's `milestones` (0-based).
    pub index: usize,
    /// The milestone as written.
    pub milestone: &'a Sp<Milestone>,
    /// Its kind (`None` when missing or not one of the kinds).
    pub kind: Option<MilestoneKind>,
    /// Its place among the milestones of its kind, from 1: a workshop's
    /// `number`, else the order of the planned dates.
    pub ordinal: usize,
    /// When it is planned (`None` without a valid `date` or `month`).
    pub planned: Option<Planned>,
    /// The groups it concerns, as written (empty: all).
    pub groups: Vec<&'a str>,
    /// What the record shows.
    pub actual: Actual,
}

impl MilestoneFact<'_> {
    /// The date it was reached, when the record dates it.
    pub fn actual_date(&self) -> Option<Date> {
        match self.actual {
            Actual::On(d, _) => Some(d),
            Actual::Undated | Actual::No => None,
        }
    }

    /// Whether the record shows it reached.
    pub fn reached(&self) -> bool {
        !matches!(self.actual, Actual::No)
    }

    /// Days between plan and record (positive: late), when both are dated.
    pub fn slip(&self) -> Option<i64> {
        Some(self.planned?.slip(self.actual_date()?))
    }

    /// How many days it is late at `today`: not reached, and `today` is
    /// after its last planned day (due today is not late).
    pub fn days_late(&self, today: Date) -> Option<i64> {
        let due = self.planned?.due();
        (!self.reached() && today > due).then(|| days_between(due, today))
    }

    /// Whether it is still ahead: not reached and not late at `today`.
    pub fn upcoming(&self, today: Date) -> bool {
        !self.reached() && self.planned.is_some_and(|p| p.due() >= today)
    }
}

/// The plan's milestones in plan.yaml's order, each matched to the record
/// as held at `today`. Empty without a plan.
pub(crate) fn milestones(p: &Program, today: Date) -> Vec<MilestoneFact<'_>> {
    let Some(plan) = &p.plan else { return Vec::new() };
    let record = Record::of(p, today);
    let mut facts: Vec<MilestoneFact> = plan
        .value
        .milestones
        .iter()
        .enumerate()
        .map(|(index, m)| MilestoneFact {
            index,
            milestone: m,
            kind: m.value.kind.as_ref().map(|k| k.value),
            ordinal: 0,
            planned: planned(&m.value),
            groups: m.value.groups.iter().map(|g| g.value.as_str()).collect(),
            actual: Actual::No,
        })
        .collect();
    number(&mut facts);
    for f in &mut facts {
        f.actual = record.actual(f);
    }
    facts
}

/// The milestones in planned order (undated last, then in file order).
pub(crate) fn by_plan_date<'a, 'b>(facts: &'b [MilestoneFact<'a>]) -> Vec<&'b MilestoneFact<'a>> {
    let mut v: Vec<&MilestoneFact> = facts.iter().collect();
    v.sort_by_key(|f| (f.planned.is_none(), f.planned.map(Planned::first), f.index));
    v
}

/// The number a milestone is named with: a workshop's place among the
/// workshops; another kind's place among its kind when the plan has more
/// than one of it; none for group meetings (named by their month) or a
/// milestone without a kind.
pub(crate) fn shown_number(f: &MilestoneFact, all: &[MilestoneFact]) -> Option<usize> {
    match f.kind {
        Some(MilestoneKind::Workshop) => Some(f.ordinal),
        Some(MilestoneKind::GroupMeetings) | None => None,
        Some(_) => (all.iter().filter(|x| x.kind == f.kind).count() > 1).then_some(f.ordinal),
    }
}

/// When a milestone is planned.
fn planned(m: &Milestone) -> Option<Planned> {
    let month = m.month.as_ref().map(|x| Planned::Month(x.value.0));
    let day = m.date.as_ref().map(|d| d.value);
    let is_month_long = m
        .kind
        .as_ref()
        .is_some_and(|k| k.value == MilestoneKind::GroupMeetings);
    match day {
        Some(d) if is_month_long => Some(Planned::Month(Month::of(d))),
        Some(d) => Some(Planned::Day(d)),
        None => month,
    }
}

/// Gives each milestone its place among those of its kind.
fn number(facts: &mut [MilestoneFact]) {
    let order: Vec<usize> = by_plan_date(facts).iter().map(|f| f.index).collect();
    let mut seen: Vec<(Option<MilestoneKind>, usize)> = Vec::new();
    for i in order {
        let f = &mut facts[i];
        let k = match seen.iter_mut().find(|(k, _)| *k == f.kind) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seen.push((f.kind, 1));
                1
            }
        };
        let written = f.milestone.value.number.as_ref().map(|n| n.value.0);
        f.ordinal = match written {
            Some(n) if f.kind == Some(MilestoneKind::Workshop) && n > 0 => usize::try_from(n).unwrap_or(k),
            _ => k,
        };
    }
}

/// The record as held at `today`, in the shapes the matching needs.
struct Record<'a> {
    p: &'a Program,
    today: Date,
    /// Dated sessions held by `today`, by date then file.
    sessions: Vec<(Date, &'a Doc<Session>)>,
    /// Review dates, each once, in order.
    reviews: Vec<Date>,
}

impl<'a> Record<'a> {
    fn of(p: &'a Program, today: Date) -> Self {
        let sessions: Vec<(Date, &Doc<Session>)> = super::sessions_by_date(p)
            .into_iter()
            .filter_map(|s| Some((session_date(&s.value)?, s)))
            .filter(|(d, _)| *d <= today)
            .collect();
        let mut reviews: Vec<Date> = sessions
            .iter()
            .filter(|(_, s)| s.value.is(SessionKind::Review))
            .map(|(d, _)| *d)
            .chain(p.subtopics.iter().filter_map(|s| {
                let d = s
                    .value
                    .proposal
                    .as_ref()?
                    .value
                    .review
                    .as_ref()?
                    .value
                    .date
                    .as_ref()?
                    .value;
                (d <= today).then_some(d)
            }))
            .collect();
        reviews.sort();
        reviews.dedup();
        Record {
            p,
            today,
            sessions,
            reviews,
        }
    }

    /// What the record shows of one milestone.
    fn actual(&self, f: &MilestoneFact<'a>) -> Actual {
        use MilestoneKind as K;
        let Some(kind) = f.kind else { return Actual::No };
        let k = f.ordinal;
        match kind {
            K::Kickoff => self.nth_session(k, |s| s.is(SessionKind::Kickoff)),
            K::Workshop => self.nth_session(k, |s| s.is(SessionKind::Workshop)),
            K::Report => self.nth_session(k, |s| s.is(SessionKind::Report)),
            K::Research => self.nth_session(k, is_research),
            K::Review => self
                .reviews
                .get(k.wrapping_sub(1))
                .map_or(Actual::No, |d| Actual::On(*d, self.session_on(*d))),
            K::GroupMeetings => self.group_meetings(f),
            K::SubtopicsFixed => self.per_group(f, |s| {
                if s.replaces.is_some() {
                    None
                } else {
                    s.defined.as_ref().map(|d| d.value)
                }
            }),
            K::ProposalSubmitted => self.per_group(f, |s| {
                s.proposal.as_ref()?.value.submitted.as_ref().map(|d| d.value)
            }),
            K::ImplementationStart => self
                .subtopics_of(f)
                .filter_map(|s| s.implementation.as_ref()?.value.start.as_ref().map(|d| d.value))
                .filter(|d| *d <= self.today)
                .min()
                .map_or(Actual::No, |d| Actual::On(d, None)),
            K::FinalResults => {
                let results = self.subtopics_of(f).any(|s| {
                    s.results
                        .as_ref()
                        .is_some_and(|r| !r.value.adopted.is_empty() || !r.value.shared.is_empty())
                });
                if results { Actual::Undated } else { Actual::No }
            }
        }
    }

    /// The k-th (from 1) held session that `is` picks.
    fn nth_session(&self, k: usize, is: impl Fn(&Session) -> bool) -> Actual {
        self.sessions
            .iter()
            .filter(|(_, s)| is(&s.value))
            .nth(k.wrapping_sub(1))
            .map_or(Actual::No, |(d, s)| Actual::On(*d, Some(s.file)))
    }

    /// The review session held on `d`, if any.
    fn session_on(&self, d: Date) -> Option<usize> {
        self.sessions
            .iter()
            .find(|(sd, s)| *sd == d && s.value.is(SessionKind::Review))
            .map(|(_, s)| s.file)
    }

    /// The groups a milestone concerns: its own, else team.yaml's.
    fn groups_of(&self, f: &MilestoneFact<'a>) -> Vec<&'a str> {
        if f.groups.is_empty() {
            self.p
                .team
                .iter()
                .flat_map(|t| &t.value.groups)
                .filter_map(|g| g.value.id.as_ref().map(|i| i.value.0.as_str()))
                .collect()
        } else {
            f.groups.clone()
        }
    }

    /// The sub-topics of the groups a milestone concerns (all, when it
    /// names none).
    fn subtopics_of<'s>(&'s self, f: &'s MilestoneFact<'a>) -> impl Iterator<Item = &'a Subtopic> + 's {
        self.p.subtopics.iter().map(|s| &s.value).filter(move |s| {
            f.groups.is_empty()
                || s.group
                    .as_ref()
                    .is_some_and(|g| f.groups.contains(&g.value.0.as_str()))
        })
    }

    /// Reached when each group concerned has a sub-topic with a date that
    /// `date_of` gives (by `today`): on the latest of each group's first.
    fn per_group(&self, f: &MilestoneFact<'a>, date_of: impl Fn(&Subtopic) -> Option<Date>) -> Actual {
        let first_of = |group: Option<&str>| {
            self.p
                .subtopics
                .iter()
                .map(|s| &s.value)
                .filter(|s| group.is_none_or(|g| s.group.as_ref().is_some_and(|x| x.value.0 == g)))
                .filter_map(&date_of)
                .filter(|d| *d <= self.today)
                .min()
        };
        let groups = self.groups_of(f);
        let firsts: Option<Vec<Date>> = if groups.is_empty() {
            first_of(None).map(|d| vec![d])
        } else {
            groups.iter().map(|g| first_of(Some(g))).collect()
        };
        firsts
            .and_then(|v| v.into_iter().max())
            .map_or(Actual::No, |d| Actual::On(d, None))
    }

    /// Reached when each group concerned held a group meeting in the
    /// planned month: on the latest of each group's first meeting in it.
    fn group_meetings(&self, f: &MilestoneFact<'a>) -> Actual {
        let Some(planned) = f.planned else {
            return Actual::No;
        };
        let (from, to) = (planned.first(), planned.due());
        let meetings: Vec<(Date, &Doc<Session>)> = self
            .sessions
            .iter()
            .filter(|(d, s)| s.value.is(SessionKind::GroupMeeting) && (from..=to).contains(d))
            .copied()
            .collect();
        let first_of = |group: Option<&str>| {
            meetings
                .iter()
                .find(|(_, s)| group.is_none_or(|g| session_groups(self.p, &s.value).contains(&g)))
                .copied()
        };
        let groups = self.groups_of(f);
        let firsts: Option<Vec<(Date, &Doc<Session>)>> = if groups.is_empty() {
            first_of(None).map(|x| vec![x])
        } else {
            groups.iter().map(|g| first_of(Some(g))).collect()
        };
        firsts
            .and_then(|v| v.into_iter().max_by_key(|(d, _)| *d))
            .map_or(Actual::No, |(d, s)| Actual::On(d, Some(s.file)))
    }
}

/// Whether a session is research (调研): a survey, a study visit or a
/// consultation.
fn is_research(s: &Session) -> bool {
    s.is(SessionKind::Activity)
        && s.activity.as_ref().is_some_and(|a| {
            matches!(
                a.value,
                ActivityKind::Survey | ActivityKind::StudyVisit | ActivityKind::Consultation
            )
        })
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, d, program};
    use super::*;

    fn facts_at(p: &Program, today: &str) -> Vec<(String, Option<i64>, Option<i64>)> {
        milestones(p, d(today))
            .iter()
            .map(|f| {
                (
                    format!("{:?}#{}", f.kind.expect("kind"), f.ordinal),
                    f.slip(),
                    f.days_late(d(today)),
                )
            })
            .collect()
    }

    const SESSIONS: [(&str, &str); 4] = [
        ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n"),
        ("sessions/w1.yaml", "kind: workshop\ndate: 2026-03-16\n"),
        ("sessions/w2.yaml", "kind: workshop\ndate: 2026-06-01\n"),
        (
            "sessions/s.yaml",
            "kind: activity\nactivity: survey\ndate: 2026-04-10\n",
        ),
    ];

    fn with(plan: &str, more: &[(&str, &str)]) -> Program {
        let mut files: Vec<(&str, &str)> = vec![("team.yaml", TEAM), ("plan.yaml", plan)];
        files.extend(SESSIONS);
        files.extend(more);
        program(&files)
    }

    #[test]
    fn workshops_match_by_number_and_slip_in_days() {
        let p = with(
            "milestones:
  - { kind: workshop, number: 2, date: 2026-05-11 }
  - { kind: workshop, number: 1, date: 2026-03-16 }
  - { kind: workshop, number: 3, date: 2026-07-06 }
  - { kind: kickoff, date: 2026-03-01 }
  - { kind: research, month: 2026-04 }
",
            &[],
        );
        assert_eq!(
            facts_at(&p, "2026-07-06"),
            [
                ("Workshop#2".into(), Some(21), None),
                ("Workshop#1".into(), Some(0), None),
                // Due today is not late.
                ("Workshop#3".into(), None, None),
                ("Kickoff#1".into(), Some(1), None),
                ("Research#1".into(), Some(0), None),
            ]
        );
        assert_eq!(
            facts_at(&p, "2026-07-07")[2],
            ("Workshop#3".into(), None, Some(1))
        );
    }

    #[test]
    fn nothing_after_today_has_happened() {
        let p = with(
            "milestones:\n  - { kind: workshop, number: 2, date: 2026-05-11 }\n",
            &[],
        );
        assert_eq!(
            facts_at(&p, "2026-05-31"),
            [("Workshop#2".into(), None, Some(20))]
        );
        let f = milestones(&p, d("2026-05-10"));
        assert!(f[0].upcoming(d("2026-05-10")));
    }

    #[test]
    fn a_month_is_on_time_through_its_last_day() {
        let planned = Planned::Month(Month::of(d("2026-04-15")));
        assert_eq!(planned.slip(d("2026-04-30")), 0);
        assert_eq!(planned.slip(d("2026-05-02")), 2);
        assert_eq!(planned.slip(d("2026-03-30")), -2);
    }

    #[test]
    fn a_changed_plan_moves_by_its_first_days() {
        let day = |s| Planned::Day(d(s));
        assert_eq!(day("2026-05-11").shift_to(day("2026-06-01")), 21);
        assert_eq!(day("2026-05-11").shift_to(day("2026-05-04")), -7);
        let june = Planned::Month(Month::of(d("2026-06-15")));
        assert_eq!(day("2026-05-11").shift_to(june), 21);
        assert_eq!(june.shift_to(day("2026-06-20")), 19);
    }

    #[test]
    fn subtopics_are_fixed_when_every_group_has_one() {
        let plan = "milestones:\n  - { kind: subtopics-fixed, date: 2026-05-11 }\n  - { kind: subtopics-fixed, date: 2026-04-01, groups: [g1] }\n";
        let one = [(
            "subtopics/a.yaml",
            "question: q?\ngroup: g1\ndefined: 2026-03-16\n",
        )];
        let p = with(plan, &one);
        assert_eq!(
            facts_at(&p, "2026-06-01"),
            [
                ("SubtopicsFixed#2".into(), None, Some(21)),
                ("SubtopicsFixed#1".into(), Some(-16), None),
            ]
        );
        let both = [
            one[0],
            (
                "subtopics/b.yaml",
                "question: q?\ngroup: g2\ndefined: 2026-05-20\n",
            ),
            (
                "subtopics/c.yaml",
                "question: q?\ngroup: g2\ndefined: 2026-05-25\nreplaces: b\n",
            ),
        ];
        let p = with(plan, &both);
        assert_eq!(
            facts_at(&p, "2026-06-01")[0],
            ("SubtopicsFixed#2".into(), Some(9), None)
        );
    }

    #[test]
    fn group_meetings_need_every_group_in_the_month() {
        let plan = "milestones:\n  - { kind: group-meetings, month: 2026-04 }\n";
        let g1 = (
            "sessions/m1.yaml",
            "kind: group-meeting\ngroups: [g1]\ndate: 2026-04-08\n",
        );
        let g2 = (
            "sessions/m2.yaml",
            "kind: group-meeting\ngroups: [g2]\ndate: 2026-04-20\n",
        );
        assert_eq!(
            facts_at(&with(plan, &[g1]), "2026-05-03"),
            [("GroupMeetings#1".into(), None, Some(3))]
        );
        assert_eq!(
            facts_at(&with(plan, &[g1, g2]), "2026-05-03"),
            [("GroupMeetings#1".into(), Some(0), None)]
        );
    }

    #[test]
    fn reviews_count_sessions_and_proposal_reviews_once_per_date() {
        let plan = "milestones:\n  - { kind: review, date: 2026-08-24 }\n  - { kind: review, date: 2026-09-30 }\n  - { kind: final-results, date: 2026-12-31 }\n";
        let p = with(
            plan,
            &[
                ("sessions/r.yaml", "kind: review\ndate: 2026-08-24\n"),
                (
                    "subtopics/a.yaml",
                    "question: q?\ngroup: g1\nproposal: { submitted: 2026-08-17, review: { date: 2026-08-24, decision: approved } }\nresults: { adopted: [x] }\n",
                ),
            ],
        );
        let f = milestones(&p, d("2026-10-01"));
        assert_eq!(f[0].slip(), Some(0));
        assert!(matches!(f[0].actual, Actual::On(_, Some(_))));
        assert_eq!(f[1].days_late(d("2026-10-01")), Some(1));
        assert_eq!(f[2].actual, Actual::Undated);
        assert_eq!(f[2].slip(), None);
    }

    #[test]
    fn no_plan_no_milestones() {
        let p = program(&[("team.yaml", TEAM)]);
        assert!(milestones(&p, d("2026-01-01")).is_empty());
    }
}
