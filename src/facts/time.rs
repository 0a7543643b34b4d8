//! Time (时间：自学、培训、研讨、调研): the days each person gave to the
//! program, by kind of session, from the sessions' `days` and attendance.

use super::sessions::session_date;
use crate::load::Program;
use crate::model::{ActivityKind, Date, Session, SessionKind};
use std::collections::BTreeMap;

/// What a session's days count as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeKind {
    /// Kick-offs and workshops: the plenary gatherings (研讨班).
    Workshop,
    /// Group meetings (小组会议).
    Meeting,
    /// Training and study: activities of `training`, `study-visit`,
    /// `online` and `forum` (学习培训班、外出考察学习、网络学习交流、专题论坛).
    Training,
    /// Research: activities of `survey` (调查研究).
    Research,
    /// Everything else: reviews, reports, consultations, activities
    /// without a kind, sessions without a kind.
    Other,
}

/// What a session's days count as ([`TimeKind`]).
pub(crate) fn time_kind(s: &Session) -> TimeKind {
    use ActivityKind::{Consultation, Forum, Online, StudyVisit, Survey, Training};
    match s.kind.as_ref().map(|k| k.value) {
        Some(SessionKind::Kickoff | SessionKind::Workshop) => TimeKind::Workshop,
        Some(SessionKind::GroupMeeting) => TimeKind::Meeting,
        Some(SessionKind::Activity) => match s.activity.as_ref().map(|a| a.value) {
            Some(Training | StudyVisit | Online | Forum) => TimeKind::Training,
            Some(Survey) => TimeKind::Research,
            Some(Consultation) | None => TimeKind::Other,
        },
        _ => TimeKind::Other,
    }
}

/// A session's length in days: its `days`, else 1; a length that is not a
/// positive number counts as none.
pub(crate) fn session_days(s: &Session) -> f64 {
    let days = s.days.as_ref().map_or(1.0, |d| d.value.0);
    if days.is_finite() && days > 0.0 { days } else { 0.0 }
}

/// Days given, by kind of session ([`TimeKind`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Days {
    /// At kick-offs and workshops.
    pub workshops: f64,
    /// At group meetings.
    pub meetings: f64,
    /// At training and study activities.
    pub training: f64,
    /// At research activities.
    pub research: f64,
    /// At other sessions.
    pub other: f64,
}

impl Days {
    /// Adds `days` of `kind`.
    pub(crate) fn add(&mut self, kind: TimeKind, days: f64) {
        let slot = match kind {
            TimeKind::Workshop => &mut self.workshops,
            TimeKind::Meeting => &mut self.meetings,
            TimeKind::Training => &mut self.training,
            TimeKind::Research => &mut self.research,
            TimeKind::Other => &mut self.other,
        };
        *slot += days;
    }

    /// Adds another tally.
    pub(crate) fn add_all(&mut self, other: &Days) {
        self.workshops += other.workshops;
        self.meetings += other.meetings;
        self.training += other.training;
        self.research += other.research;
        self.other += other.other;
    }

    /// All the days.
    pub(crate) fn total(&self) -> f64 {
        self.workshops + self.meetings + self.training + self.research + self.other
    }
}

/// The days each person gave by `today`, by their id: for every session
/// dated on or before `today` that records them present — among its
/// `attendees`, or among its `guests` by id — its length ([`session_days`])
/// counted by its kind ([`time_kind`]). A session that records no
/// attendance counts for nobody, as in [`super::participation`].
pub(crate) fn days_given(p: &Program, today: Date) -> BTreeMap<&str, Days> {
    let mut out: BTreeMap<&str, Days> = BTreeMap::new();
    for s in &p.sessions {
        let v = &s.value;
        if session_date(v).is_none_or(|d| d > today) {
            continue;
        }
        let (kind, days) = (time_kind(v), session_days(v));
        let mut who: Vec<&str> = v.attendees.iter().flatten().map(|a| a.value.as_str()).collect();
        for g in &v.guests {
            who.push(g.value.as_str());
        }
        who.sort_unstable();
        who.dedup();
        for id in who {
            out.entry(id).or_default().add(kind, days);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, d, program};
    use super::*;

    #[test]
    fn days_count_by_kind_for_those_present_up_to_today() {
        let p = program(&[
            ("team.yaml", TEAM),
            (
                "sessions/k.yaml",
                "kind: kickoff\ndate: 2026-03-02\ndays: 0.5\nattendees: [a, b, c]\n",
            ),
            (
                "sessions/w.yaml",
                "kind: workshop\ndate: 2026-03-16\ndays: 2\nattendees: [a, a]\nguests: [c, 王老师]\n",
            ),
            (
                "sessions/m.yaml",
                "kind: group-meeting\ndate: 2026-04-01\ngroups: [g1]\nattendees: [a]\n",
            ),
            (
                "sessions/m2.yaml",
                "kind: group-meeting\ndate: 2026-04-15\ngroups: [g1]\n",
            ),
            (
                "sessions/t.yaml",
                "kind: activity\nactivity: training\ndate: 2026-04-20\ndays: 1.5\nattendees: [b]\n",
            ),
            (
                "sessions/s.yaml",
                "kind: activity\nactivity: survey\ndate: 2026-04-21\nattendees: [b]\n",
            ),
            (
                "sessions/r.yaml",
                "kind: review\ndate: 2026-04-22\ndays: 0.5\nattendees: [b]\n",
            ),
            (
                "sessions/later.yaml",
                "kind: group-meeting\ndate: 2026-09-01\ngroups: [g1]\nattendees: [a]\n",
            ),
        ]);
        let days = days_given(&p, d("2026-05-01"));
        let a = days["a"];
        assert_eq!((a.workshops, a.meetings, a.total()), (2.5, 1.0, 3.5));
        let b = days["b"];
        assert_eq!((b.training, b.research, b.other, b.total()), (1.5, 1.0, 0.5, 3.5));
        assert_eq!(days["c"].workshops, 2.5, "a guest by id is counted");
        assert!(
            days.contains_key("王老师"),
            "free names are tallied too, but name nobody"
        );
    }
}
