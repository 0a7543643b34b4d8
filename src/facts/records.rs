//! The learning officer's record (学习委员：活动记录与总结汇报): which
//! meetings have a record, and which learning officer kept it, against
//! the rotation of team.yaml.

use super::sessions::{has_record, officer_on_duty, rotation_officer, session_date, sessions_by_date};
use crate::load::{Doc, Program};
use crate::model::{Date, Session, SessionKind};

/// One group meeting held, with its learning officers.
#[derive(Debug, Clone)]
pub(crate) struct OfficerRecord<'a> {
    /// The meeting.
    pub session: &'a Doc<Session>,
    /// Its date.
    pub date: Date,
    /// Who was on duty by team.yaml's rotation ([`rotation_officer`]).
    pub rotation: Option<&'a str>,
    /// Who was on duty as it happened: the meeting's own
    /// `learning_officer`, else the rotation's ([`officer_on_duty`]).
    pub on_duty: Option<&'a str>,
    /// Whether the meeting has a record ([`has_record`]); the officer on
    /// duty kept it.
    pub recorded: bool,
}

/// The group meetings of group `id` held by `today` (dated on or before
/// it), in date order, each with its officers and whether it has a record.
pub(crate) fn officer_records<'a>(p: &'a Program, id: &str, today: Date) -> Vec<OfficerRecord<'a>> {
    sessions_by_date(p)
        .into_iter()
        .filter(|s| s.value.is(SessionKind::GroupMeeting))
        .filter(|s| matches!(s.value.groups.as_slice(), [one] if one.value == id))
        .filter_map(|s| {
            let date = session_date(&s.value).filter(|d| *d <= today)?;
            Some(OfficerRecord {
                session: s,
                date,
                rotation: rotation_officer(p, id, date),
                on_duty: officer_on_duty(p, &s.value),
                recorded: has_record(&s.value),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, d, program};
    use super::*;

    #[test]
    fn each_meeting_has_its_officer_by_rotation_and_as_it_happened() {
        let p = program(&[
            ("team.yaml", TEAM),
            (
                "sessions/m1.yaml",
                "kind: group-meeting\ndate: 2026-04-01\ngroups: [g1]\nnotes: 纪要\n",
            ),
            (
                "sessions/m2.yaml",
                "kind: group-meeting\ndate: 2026-04-15\ngroups: [g1]\nlearning_officer: b\nnotes: \" \"\n",
            ),
            (
                "sessions/m3.yaml",
                "kind: group-meeting\ndate: 2026-05-15\ngroups: [g1]\ndecisions: [x]\n",
            ),
            (
                "sessions/m4.yaml",
                "kind: group-meeting\ndate: 2026-09-15\ngroups: [g1]\ndecisions: [x]\n",
            ),
        ]);
        let rows: Vec<(Option<&str>, Option<&str>, bool)> = officer_records(&p, "g1", d("2026-06-01"))
            .iter()
            .map(|r| (r.rotation, r.on_duty, r.recorded))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("b"), Some("b"), true),
                (Some("a"), Some("b"), false),
                (Some("b"), Some("b"), true)
            ]
        );
        assert!(officer_records(&p, "g2", d("2026-06-01")).is_empty());
    }
}
