//! Sessions: when, for which groups, who was expected and who came, who is
//! on duty, when each group last met, and each member's participation.

use crate::load::{Doc, Program};
use crate::model::{Date, Group, Person, Session, SessionKind};

/// The date of a session, if it has one.
pub(crate) fn session_date(s: &Session) -> Option<Date> {
    s.date.as_ref().map(|d| d.value)
}

/// The program's sessions by date, then by file (undated ones last).
pub(crate) fn sessions_by_date(p: &Program) -> Vec<&Doc<Session>> {
    let mut v: Vec<&Doc<Session>> = p.sessions.iter().collect();
    v.sort_by(|a, b| {
        let key = |d: &Doc<Session>| {
            let date = session_date(&d.value);
            (date.is_none(), date, p.files.get(d.file).map(|f| f.rel.as_str()))
        };
        key(a).cmp(&key(b))
    });
    v
}

/// The earliest date of a session of this kind.
pub(crate) fn first_session(p: &Program, kind: SessionKind) -> Option<Date> {
    p.sessions
        .iter()
        .filter(|s| s.value.is(kind))
        .filter_map(|s| session_date(&s.value))
        .min()
}

/// The first group of team.yaml with this id.
pub fn group<'a>(p: &'a Program, id: &str) -> Option<&'a Group> {
    let team = p.team.as_ref()?;
    team.value
        .groups
        .iter()
        .map(|g| &g.value)
        .find(|g| g.id.as_ref().is_some_and(|i| i.value.0 == id))
}

/// The groups a session is for: the ids it names, as written; when it names
/// none, every group of team.yaml, in team.yaml order (the order people
/// wrote and read them in), each id once.
pub(crate) fn session_groups<'a>(p: &'a Program, s: &'a Session) -> Vec<&'a str> {
    if !s.groups.is_empty() {
        return s.groups.iter().map(|g| g.value.as_str()).collect();
    }
    let mut out: Vec<&str> = Vec::new();
    for g in p.team.iter().flat_map(|t| &t.value.groups) {
        if let Some(id) = &*g.value.id
            && !out.contains(&id.value.0.as_str())
        {
            out.push(id.value.0.as_str());
        }
    }
    out
}

/// The person of team.yaml `people:` with this id (the first one).
pub(crate) fn person<'a>(p: &'a Program, id: &str) -> Option<&'a Person> {
    p.team
        .iter()
        .flat_map(|t| &t.value.people)
        .map(|x| &x.value)
        .find(|x| x.key().is_some_and(|k| k.value.0 == id))
}

/// Whether `id` is a member on `date` by its `joined:` and `left:`
/// ([`Person::member_on`]); an id not in `people:`, or no date, always is.
pub(crate) fn member_on(p: &Program, id: &str, date: Option<Date>) -> bool {
    match (person(p, id), date) {
        (Some(x), Some(d)) => x.member_on(d),
        _ => true,
    }
}

/// The members of group `g` on `date`, in team.yaml order ([`member_on`]).
pub(crate) fn roster<'a>(p: &Program, g: &'a Group, date: Option<Date>) -> Vec<&'a str> {
    g.members
        .iter()
        .map(|m| m.value.as_str())
        .filter(|m| member_on(p, m, date))
        .collect()
}

/// Who is expected at a session: the members of its groups on its date
/// ([`roster`]), group by group in team.yaml order.
pub fn expected<'a>(p: &'a Program, s: &'a Session) -> Vec<&'a str> {
    let groups = session_groups(p, s);
    let date = session_date(s);
    p.team
        .iter()
        .flat_map(|t| &t.value.groups)
        .filter(|g| {
            g.value
                .id
                .as_ref()
                .is_some_and(|i| groups.contains(&i.value.0.as_str()))
        })
        .flat_map(|g| roster(p, &g.value, date))
        .collect()
}

/// Who attended a session: its `attendees`; `None` when attendance is not
/// recorded (nobody is assumed present).
pub(crate) fn present(s: &Session) -> Option<Vec<&str>> {
    s.attendees
        .as_ref()
        .map(|list| list.iter().map(|a| a.value.as_str()).collect())
}

/// Who was expected at a session and who came (person ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attendance<'a> {
    /// The members of the session's groups on its date ([`expected`]).
    pub expected: Vec<&'a str>,
    /// Its attendees; `None` when not recorded ([`present`]).
    pub present: Option<Vec<&'a str>>,
    /// Its `guests`: people who came without being expected.
    pub guests: Vec<&'a str>,
}

/// The attendance of a session.
pub(crate) fn attendance<'a>(p: &'a Program, s: &'a Session) -> Attendance<'a> {
    Attendance {
        expected: expected(p, s),
        present: present(s),
        guests: s.guests.iter().map(|g| g.value.as_str()).collect(),
    }
}

/// Whether everyone of a session's groups is expected at it: a kickoff,
/// workshop, group meeting, review or report — not an optional activity.
pub(crate) fn is_meeting(s: &Session) -> bool {
    use SessionKind::{GroupMeeting, Kickoff, Report, Review, Workshop};
    s.kind
        .as_ref()
        .is_some_and(|k| matches!(k.value, Kickoff | Workshop | GroupMeeting | Review | Report))
}

/// The date of the last group meeting of group `id` held on or before `today`.
pub(crate) fn last_met(p: &Program, id: &str, today: Date) -> Option<Date> {
    p.sessions
        .iter()
        .filter(|s| s.value.is(SessionKind::GroupMeeting))
        .filter(|s| s.value.groups.iter().any(|g| g.value == id))
        .filter_map(|s| session_date(&s.value))
        .filter(|d| *d <= today)
        .max()
}

/// How often one member of one group took part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Participation<'a> {
    /// The member's id.
    pub person: &'a str,
    /// The group's id (empty for a group without one).
    pub group: &'a str,
    /// Meetings ([`is_meeting`]) for the group held up to the day while
    /// they were a member.
    pub held: usize,
    /// Of those, the ones whose attendance is recorded.
    pub recorded: usize,
    /// Of the recorded ones, those the member attended.
    pub attended: usize,
    /// Optional activities (`kind: activity`) held up to the day that
    /// record them among the attendees.
    pub activities: usize,
}

impl Participation<'_> {
    /// `attended` of `recorded`, as a whole percentage rounded half up (0
    /// when nothing was recorded).
    pub(crate) fn percent(&self) -> usize {
        (self.attended * 100 + self.recorded / 2)
            .checked_div(self.recorded)
            .unwrap_or(0)
    }
}

/// A session held up to the day, as participation reads it.
struct Held<'a> {
    date: Date,
    meeting: bool,
    groups: Vec<&'a str>,
    present: Option<Vec<&'a str>>,
}

/// The participation of every member of every group up to `today`, group by
/// group and member by member in team.yaml order: the dated meetings on or
/// before `today` that are for the group ([`session_groups`]) and fall while
/// the member belonged ([`member_on`]), how many of them record attendance
/// and how many of those the member is [`present`] at; and apart, the
/// optional activities that record them as present.
pub fn participation(p: &Program, today: Date) -> Vec<Participation<'_>> {
    let held: Vec<Held> = p
        .sessions
        .iter()
        .filter_map(|s| {
            let date = session_date(&s.value).filter(|d| *d <= today)?;
            Some(Held {
                date,
                meeting: is_meeting(&s.value),
                groups: session_groups(p, &s.value),
                present: present(&s.value),
            })
        })
        .collect();
    let mut out = Vec::new();
    for g in p.team.iter().flat_map(|t| &t.value.groups) {
        let gid = g.value.id.as_ref().map_or("", |i| i.value.0.as_str());
        for m in &g.value.members {
            let person = m.value.as_str();
            let ours: Vec<&Held> = held
                .iter()
                .filter(|h| h.meeting && h.groups.contains(&gid) && member_on(p, person, Some(h.date)))
                .collect();
            let came = |h: &Held| h.present.as_ref().is_some_and(|x| x.contains(&person));
            out.push(Participation {
                person,
                group: gid,
                held: ours.len(),
                recorded: ours.iter().filter(|h| h.present.is_some()).count(),
                attended: ours.iter().filter(|h| came(h)).count(),
                activities: held.iter().filter(|h| !h.meeting && came(h)).count(),
            });
        }
    }
    out
}

/// The learning officer on duty at a session: its own `learning_officer`,
/// else, for a session of exactly one group, the next in that group's
/// rotation ([`rotation_officer`]).
pub(crate) fn officer_on_duty<'a>(p: &'a Program, s: &'a Session) -> Option<&'a str> {
    if let Some(lo) = &*s.learning_officer {
        return Some(lo.value.0.as_str());
    }
    match s.groups.as_slice() {
        [one] => rotation_officer(p, one.value.as_str(), session_date(s)?),
        _ => None,
    }
}

/// The next learning officer in group `id`'s rotation for a meeting on
/// `date`: its `learning_officers` in order, counted over the group
/// meetings naming the group dated before `date`, starting again at the
/// first after the last.
pub(crate) fn rotation_officer<'a>(p: &'a Program, id: &str, date: Date) -> Option<&'a str> {
    let officers = &group(p, id)?.learning_officers;
    if officers.is_empty() {
        return None;
    }
    let earlier = p
        .sessions
        .iter()
        .filter(|o| o.value.is(SessionKind::GroupMeeting))
        .filter(|o| o.value.groups.iter().any(|g| g.value == id))
        .filter(|o| session_date(&o.value).is_some_and(|d| d < date))
        .count();
    officers.get(earlier % officers.len()).map(|o| o.value.as_str())
}

/// The learning officers on duty at a session, each with the group they
/// serve: the session's own `learning_officer` (for all its groups, `None`),
/// else, for each group the session is for ([`session_groups`]), the next in
/// that group's rotation ([`rotation_officer`]). For a session of exactly one
/// named group this is [`officer_on_duty`]; for a workshop of several groups
/// each group's officer keeps the record of their own group.
pub(crate) fn officers_on_duty<'a>(p: &'a Program, s: &'a Session) -> Vec<(Option<&'a str>, &'a str)> {
    if let Some(lo) = &*s.learning_officer {
        return vec![(None, lo.value.0.as_str())];
    }
    let Some(date) = session_date(s) else {
        return Vec::new();
    };
    session_groups(p, s)
        .into_iter()
        .filter_map(|g| rotation_officer(p, g, date).map(|o| (Some(g), o)))
        .collect()
}

/// Whether a session records what happened at it — the learning officer's
/// record (活动记录): `notes`, a decision or a learning item that is not blank.
pub(crate) fn has_record(s: &Session) -> bool {
    let blank = |t: &str| t.trim().is_empty();
    let notes = s.notes.as_ref().is_some_and(|n| !blank(n));
    let decisions = s.decisions.iter().any(|d| !blank(d));
    let learning = s
        .learning
        .iter()
        .any(|l| l.value.title.as_ref().is_some_and(|t| !blank(t)));
    notes || decisions || learning
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, d, program};
    use super::*;

    fn meeting(date: &str, group: &str) -> String {
        format!("kind: group-meeting\ndate: {date}\ngroups: [{group}]\n")
    }

    #[test]
    fn sessions_sort_by_date_then_file_undated_last() {
        let p = program(&[
            ("sessions/a.yaml", "kind: workshop\n"),
            ("sessions/b.yaml", "kind: workshop\ndate: 2026-05-01\n"),
            ("sessions/c.yaml", "kind: kickoff\ndate: 2026-03-01\n"),
        ]);
        let files: Vec<&str> = sessions_by_date(&p)
            .iter()
            .map(|s| p.files[s.file].rel.as_str())
            .collect();
        assert_eq!(files, ["sessions/c.yaml", "sessions/b.yaml", "sessions/a.yaml"]);
        assert_eq!(first_session(&p, SessionKind::Workshop), Some(d("2026-05-01")));
        assert_eq!(first_session(&p, SessionKind::Review), None);
    }

    #[test]
    fn a_session_naming_no_group_is_for_every_group_in_team_yaml_order() {
        let p = program(&[
            ("team.yaml", TEAM),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-05-01\n"),
            ("sessions/m.yaml", &meeting("2026-05-02", "g1")),
        ]);
        let all = &p.sessions[1].value;
        assert_eq!(session_groups(&p, all), ["g2", "g1"]);
        assert_eq!(session_groups(&p, &p.sessions[0].value), ["g1"]);
        assert_eq!(expected(&p, all), ["c", "a", "b"]);
        assert_eq!(group(&p, "g1").map(|g| g.members.len()), Some(2));
    }

    #[test]
    fn attendance_is_the_attendees_or_not_recorded() {
        let p = program(&[
            ("team.yaml", TEAM),
            ("sessions/m1.yaml", &meeting("2026-05-02", "g1")),
            (
                "sessions/m2.yaml",
                &format!(
                    "{}attendees: [a]\nguests: [c, 王老师]\n",
                    meeting("2026-05-20", "g1")
                ),
            ),
        ]);
        let one = attendance(&p, &p.sessions[0].value);
        assert_eq!((one.expected, one.present), (vec!["a", "b"], None));
        let two = attendance(&p, &p.sessions[1].value);
        assert_eq!((two.expected, two.present), (vec!["a", "b"], Some(vec!["a"])));
        assert_eq!(two.guests, ["c", "王老师"]);
    }

    #[test]
    fn participation_counts_recorded_meetings_for_the_group_up_to_today() {
        let p = program(&[
            ("team.yaml", TEAM),
            (
                "sessions/w.yaml",
                "kind: workshop\ndate: 2026-05-01\nattendees: [a, c]\n",
            ),
            ("sessions/m1.yaml", &meeting("2026-05-02", "g1")),
            (
                "sessions/m2.yaml",
                &format!("{}attendees: [a]\n", meeting("2026-05-20", "g1")),
            ),
            ("sessions/m3.yaml", &meeting("2026-06-20", "g1")),
            (
                "sessions/v.yaml",
                "kind: activity\nactivity: study-visit\ndate: 2026-05-25\ngroups: [g1]\nattendees: [b]\n",
            ),
        ]);
        let facts = participation(&p, d("2026-06-01"));
        let rows: Vec<(&str, &str, usize, usize, usize, usize, usize)> = facts
            .iter()
            .map(|x| {
                (
                    x.group,
                    x.person,
                    x.attended,
                    x.recorded,
                    x.held,
                    x.percent(),
                    x.activities,
                )
            })
            .collect();
        // m1 records no attendance: held, but neither attended nor missed.
        assert_eq!(
            rows,
            [
                ("g2", "c", 1, 1, 1, 100, 0),
                ("g1", "a", 2, 2, 3, 100, 0),
                ("g1", "b", 0, 2, 3, 0, 1)
            ]
        );
        assert_eq!(last_met(&p, "g1", d("2026-06-01")), Some(d("2026-05-20")));
        assert_eq!(last_met(&p, "g2", d("2026-06-01")), None);
    }

    #[test]
    fn a_member_counts_only_while_a_member() {
        let team = TEAM
            .replace("{ id: a, name: A }", "{ id: a, name: A, left: 2026-05-20 }")
            .replace("{ id: b, name: B }", "{ id: b, name: B, joined: 2026-05-10 }");
        let p = program(&[
            ("team.yaml", &team),
            (
                "sessions/m1.yaml",
                &format!("{}attendees: [a]\n", meeting("2026-05-02", "g1")),
            ),
            (
                "sessions/m2.yaml",
                &format!("{}attendees: [b]\n", meeting("2026-05-20", "g1")),
            ),
        ]);
        assert_eq!(expected(&p, &p.sessions[0].value), ["a"]);
        assert_eq!(expected(&p, &p.sessions[1].value), ["b"]);
        let g1 = group(&p, "g1").map(|g| roster(&p, g, Some(d("2026-05-15"))));
        assert_eq!(g1, Some(vec!["a", "b"]));
        let rows: Vec<(&str, usize, usize)> = participation(&p, d("2026-06-01"))
            .iter()
            .filter(|x| x.group == "g1")
            .map(|x| (x.person, x.attended, x.held))
            .collect();
        assert_eq!(rows, [("a", 1, 1), ("b", 1, 1)]);
    }

    #[test]
    fn the_officer_on_duty_rotates_over_the_group_s_earlier_meetings() {
        let p = program(&[
            ("team.yaml", TEAM),
            ("sessions/m1.yaml", &meeting("2026-05-02", "g1")),
            ("sessions/m2.yaml", &meeting("2026-05-20", "g1")),
            ("sessions/m3.yaml", &meeting("2026-06-20", "g1")),
            (
                "sessions/m4.yaml",
                &format!("{}learning_officer: a\n", meeting("2026-07-20", "g1")),
            ),
            (
                "sessions/w.yaml",
                "kind: workshop\ndate: 2026-05-01\ngroups: [g1]\n",
            ),
        ]);
        let duty: Vec<Option<&str>> = p.sessions.iter().map(|s| officer_on_duty(&p, &s.value)).collect();
        // Workshops do not turn the rotation, but a one-group workshop has an officer on duty.
        assert_eq!(duty, [Some("b"), Some("a"), Some("b"), Some("a"), Some("b")]);
        assert_eq!(rotation_officer(&p, "g1", d("2026-08-01")), Some("b"));
        assert_eq!(rotation_officer(&p, "g3", d("2026-08-01")), None);
    }
}
