//! The agenda of one session: header, objectives, a timed agenda (the
//! session's own, or the standard one of its kind), the open actions of its
//! groups to review, and space for notes. [`AgendaContext`] is what the
//! agenda template receives.

use super::context::Names;
use crate::config::Lang;
use crate::facts;
use crate::lang::{self as labels, pick};
use crate::load::{Doc, Program};
use crate::model::{ActionStatus, ActivityKind, Date, Session, SessionKind, Topic};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

/// One row of a timed agenda.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub(crate) struct Row {
    /// 1-based day of the session.
    pub day: u32,
    /// Start, `HH:MM`.
    pub start: String,
    /// End, `HH:MM`.
    pub end: String,
    /// What happens.
    pub item: String,
    /// Who leads it (a name), if anyone.
    pub owner: String,
    /// What the row is.
    pub kind: RowKind,
}

/// What a row of a timed agenda is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RowKind {
    /// An item of the agenda.
    Item,
    /// The lunch break.
    Lunch,
    /// An item going on after lunch or the end of a day.
    Continued,
}

impl Row {
    /// The lunch break of a day, from `start` to `end` (minutes from midnight).
    fn lunch(day: u32, start: u32, end: u32, lang: Lang) -> Row {
        Row {
            day,
            start: hhmm(start),
            end: hhmm(end),
            item: pick(lang, "午餐", "Lunch").to_string(),
            owner: String::new(),
            kind: RowKind::Lunch,
        }
    }
}

/// The working periods of a day, in minutes from midnight.
fn periods(days: f64) -> Vec<(u32, u32, u32)> {
    let days = if days.is_finite() && days > 0.0 {
        days.min(30.0)
    } else {
        1.0
    };
    let full = days.trunc() as u32;
    let half = days.fract() > 0.0;
    let mut out = Vec::new();
    for d in 1..=full {
        out.push((d, 9 * 60, 12 * 60));
        out.push((d, 13 * 60, 17 * 60));
    }
    if half {
        out.push((full + 1, 9 * 60, 12 * 60 + 30));
    }
    out
}

/// Minutes a session of `days` days offers: a day is 09:00–17:00 with an hour
/// for lunch (420 minutes); half a day is 09:00–12:30 (210 minutes).
pub(crate) fn capacity(days: f64) -> u32 {
    periods(days).iter().map(|(_, a, b)| b - a).sum()
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Lays items out over the session's days: an item that runs into lunch or
/// the end of a day goes on after it, marked as continued.
pub(crate) fn schedule(items: &[(String, u32, String)], days: f64, lang: Lang) -> Vec<Row> {
    let slots = periods(days);
    let mut rows = Vec::new();
    let mut slot = 0usize;
    let mut t = slots.first().map_or(9 * 60, |s| s.1);
    for (item, minutes, owner) in items {
        let mut left = (*minutes).max(5);
        let mut first = true;
        while left > 0 {
            let (day, _, end) =
                slots
                    .get(slot)
                    .copied()
                    .unwrap_or((slots.last().map_or(1, |s| s.0), 0, u32::MAX));
            if t >= end {
                slot += 1;
                match slots.get(slot) {
                    Some(&(next_day, next_start, _)) => {
                        if next_day == day {
                            rows.push(Row::lunch(day, t.min(end), next_start, lang));
                        }
                        t = next_start;
                    }
                    None => {
                        // Past the last period: carry on after it.
                        slot = slots.len();
                    }
                }
                continue;
            }
            let take = left.min(end - t);
            rows.push(Row {
                day,
                start: hhmm(t),
                end: hhmm(t + take),
                item: if first {
                    item.clone()
                } else {
                    format!("{item}{}", pick(lang, "（续）", " (continued)"))
                },
                owner: owner.clone(),
                kind: if first { RowKind::Item } else { RowKind::Continued },
            });
            first = false;
            t += take;
            left -= take;
        }
    }
    rows
}

/// Splits `total` minutes by weight, in 5-minute steps, the last item taking the rest.
pub(crate) fn apportion(weights: &[u32], total: u32) -> Vec<u32> {
    let sum: u32 = weights.iter().sum::<u32>().max(1);
    let mut out: Vec<u32> = weights.iter().map(|w| (w * total / sum) / 5 * 5).collect();
    let used: u32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total.saturating_sub(used);
    }
    out
}

/// Lays the standard agenda out so that no item is cut by lunch or the end
/// of a day: items go, in order, to the period where the middle of their
/// share of the time falls, and fill it. When there are more periods than
/// items, it falls back to [`schedule`] over the whole length.
pub(crate) fn standard_rows(items: &[(String, u32)], days: f64, lang: Lang) -> Vec<Row> {
    let slots = periods(days);
    let total_w: u32 = items.iter().map(|(_, w)| *w).sum::<u32>().max(1);
    let total_c: u32 = slots.iter().map(|(_, a, b)| b - a).sum::<u32>().max(1);
    let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); slots.len()];
    let mut before = 0u32;
    for (i, (_, w)) in items.iter().enumerate() {
        let mid = f64::from(before) + f64::from(*w) / 2.0;
        let at = mid / f64::from(total_w) * f64::from(total_c);
        let mut acc = 0.0;
        let mut k = slots.len().saturating_sub(1);
        for (j, (_, a, b)) in slots.iter().enumerate() {
            acc += f64::from(b - a);
            if at < acc {
                k = j;
                break;
            }
        }
        if let Some(slot) = assigned.get_mut(k) {
            slot.push(i);
        }
        before += w;
    }
    if assigned.iter().any(Vec::is_empty) {
        let weights: Vec<u32> = items.iter().map(|(_, w)| *w).collect();
        let minutes = apportion(&weights, capacity(days));
        let list: Vec<(String, u32, String)> = items
            .iter()
            .zip(minutes)
            .map(|((i, _), m)| (i.clone(), m, String::new()))
            .collect();
        return schedule(&list, days, lang);
    }
    let mut rows = Vec::new();
    for (k, (day, start, end)) in slots.iter().enumerate() {
        if let Some((prev_day, _, prev_end)) = k.checked_sub(1).and_then(|p| slots.get(p))
            && prev_day == day
        {
            rows.push(Row::lunch(*day, *prev_end, *start, lang));
        }
        let weights: Vec<u32> = assigned[k].iter().map(|&i| items[i].1).collect();
        let minutes = apportion(&weights, end - start);
        let mut t = *start;
        for (&i, m) in assigned[k].iter().zip(minutes) {
            rows.push(Row {
                day: *day,
                start: hhmm(t),
                end: hhmm(t + m),
                item: items[i].0.clone(),
                owner: String::new(),
                kind: RowKind::Item,
            });
            t += m;
        }
    }
    rows
}

/// The standard agenda of a kind of session (step 3 of the method), as (item, weight).
pub(crate) fn standard(
    kind: SessionKind,
    first_workshop: bool,
    activity: Option<ActivityKind>,
    groups: &[String],
    lang: Lang,
) -> Vec<(String, u32)> {
    let s = |zh: &'static str, en: &'static str, w: u32| (pick(lang, zh, en).to_string(), w);
    match kind {
        SessionKind::Kickoff => vec![
            s("目的意义", "Purpose and significance", 45),
            s("总体目标", "Overall goals", 45),
            s(
                "任务要求与领导期望",
                "Tasks and the leadership's expectations",
                60,
            ),
            s("团队组成与制度安排", "The team and the working rules", 60),
        ],
        SessionKind::Workshop if first_workshop => vec![
            s("破冰与团队建设", "Ice-breaking and team building", 150),
            s("行动学习理念与方法", "Action learning: concepts and methods", 180),
            s(
                "项目背景与小组任务",
                "The topic's background and each group's task",
                180,
            ),
            s("制定行动方案", "The group's action plan", 330),
        ],
        SessionKind::Workshop => vec![
            s("进展汇报", "Progress reports", 150),
            s("学习培训", "Learning and training", 180),
            s("分组研讨", "Group discussion", 240),
            s("全班交流", "Plenary exchange", 180),
            s("回顾小结", "Review and summary", 90),
        ],
        SessionKind::GroupMeeting => vec![
            s(
                "明确会议内容、目标与方法",
                "Clarify the meeting's content, goals and method",
                20,
            ),
            s("陈述与支持", "Statements and support", 100),
            s("学习与分享", "Learning and sharing", 60),
            s("集体研讨", "Collective discussion", 150),
            s("制定下一步行动计划", "The next action plan", 60),
            s("回顾总结", "Review and summary", 30),
        ],
        SessionKind::Activity => {
            let what = activity.map_or_else(
                || pick(lang, "活动", "The activity").to_string(),
                |a| labels::activity(lang, a).to_string(),
            );
            vec![
                s("说明目的与分工", "Purpose and who does what", 30),
                (
                    format!("{what}{}", pick(lang, "：实施", ": carrying it out")),
                    270,
                ),
                s("整理记录与初步发现", "Notes and first findings", 60),
                s("交流与下一步", "Exchange and next steps", 60),
            ]
        }
        SessionKind::Review => {
            let mut v = vec![s("评审说明", "How the review works", 15)];
            if groups.is_empty() {
                v.push(s("汇报初步方案", "The preliminary solution is presented", 60));
            }
            for g in groups {
                v.push((
                    format!(
                        "{g}{}",
                        pick(lang, "汇报初步方案", ": presents its preliminary solution")
                    ),
                    40,
                ));
            }
            v.push(s("质询与点评", "Questions and comments", 60));
            v.push(s("评审与决策", "Review and decision", 45));
            v.push(s(
                "领导讲话与下一步安排",
                "The leadership's remarks and next steps",
                30,
            ));
            v
        }
        SessionKind::Report => vec![
            s("成果汇报", "The results are presented", 90),
            s("交流与点评", "Exchange and comments", 60),
            s(
                "成果固化与推广安排",
                "Making the results permanent and sharing them",
                40,
            ),
            s("领导讲话", "The leadership's remarks", 20),
        ],
    }
}

/// The agenda's context: what `agenda.md.tera` receives.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AgendaContext<'a> {
    /// The language of the agenda.
    pub lang: Lang,
    /// The date the agenda is written at (`--today`).
    pub today: Date,
    /// The program folder, as given.
    pub program: &'a str,
    /// topic.yaml as written; `null` when there is no usable topic.yaml.
    pub topic: Option<&'a Topic>,
    /// The session file as written, plus its `file`.
    pub session: SessionFile<'a>,
    /// The session's kind (`group-meeting` when not given).
    pub kind: SessionKind,
    /// `kind` in words.
    pub kind_label: &'static str,
    /// Whether this is the first workshop of its groups (it then gets the first workshop's standard agenda).
    pub first_workshop: bool,
    /// The activity in words.
    pub activity_label: Option<&'static str>,
    /// The session's title, else its kind in words.
    pub title: String,
    /// The session's date.
    pub date: Option<Date>,
    /// Its length in words.
    pub length: String,
    /// Where it takes place (`null` when empty).
    pub place: Option<String>,
    /// The names of the groups it is for: those it names, else every group in team.yaml order.
    pub groups: Vec<String>,
    /// The names of the participants: its `attendees`, else every member of its groups on its date.
    pub participants: Vec<String>,
    /// The facilitator's name.
    pub facilitator: Option<String>,
    /// The name of the learning officer on duty: the session's own `learning_officer`, else the next in its group's `learning_officers` rotation, counted over that group's earlier meetings.
    pub learning_officer: Option<String>,
    /// Its objectives.
    pub objectives: &'a [String],
    /// Whether the standard agenda of its kind was used (the session has no `agenda`).
    pub standard_agenda: bool,
    /// How many days the timed agenda spans.
    pub days: u32,
    /// The timed agenda.
    pub agenda: Vec<Row>,
    /// The open actions agreed at earlier sessions by members of its groups, or for their sub-topics.
    pub open_actions: Vec<AgendaAction<'a>>,
    /// What will be studied.
    pub learning: Vec<LearningView<'a>>,
}

/// A session file as written, with its path.
#[derive(Serialize, JsonSchema)]
pub(crate) struct SessionFile<'a> {
    /// The session as written.
    #[serde(flatten)]
    pub session: &'a Session,
    /// The file, inside the program folder.
    pub file: &'a str,
}

/// An open action to review at the session.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AgendaAction<'a> {
    /// What is to be done.
    pub task: &'a str,
    /// The owner's id (empty without an owner).
    pub owner: &'a str,
    /// The owner's name.
    pub owner_name: String,
    /// The due date.
    pub due: Option<Date>,
    /// Whether it is past its due date at the session's date.
    pub overdue: bool,
    /// The title (else the file) of the session that agreed it.
    pub from: String,
    /// The date of that session.
    pub from_date: Option<Date>,
}

/// Something to be studied at the session.
#[derive(Serialize, JsonSchema)]
pub(crate) struct LearningView<'a> {
    /// What is studied.
    pub title: &'a str,
    /// The name of who brings it.
    pub by: Option<String>,
}

/// The timed agenda: the session's own, else the standard one of its kind;
/// and whether the standard one was used.
fn timed_agenda(
    s: &Session,
    kind: SessionKind,
    first_workshop: bool,
    groups: &[String],
    names: &Names,
    lang: Lang,
) -> (Vec<Row>, bool) {
    let days = s.days.as_ref().map_or(1.0, |d| d.value.0);
    if s.agenda.is_empty() {
        let std = standard(
            kind,
            first_workshop,
            s.activity.as_ref().map(|a| a.value),
            groups,
            lang,
        );
        return (standard_rows(&std, days, lang), true);
    }
    let items: Vec<(String, u32, String)> = s
        .agenda
        .iter()
        .map(|a| {
            let item = a.value.item.as_ref().map(|i| i.0.clone()).unwrap_or_default();
            let minutes = a
                .value
                .minutes
                .as_ref()
                .map_or(30, |m| m.value.0.clamp(5, 24 * 60) as u32);
            let owner = a
                .value
                .owner
                .as_ref()
                .map(|o| names.of(&o.value.0))
                .unwrap_or_default();
            (item, minutes, owner)
        })
        .collect();
    (schedule(&items, days, lang), false)
}

/// Whether a workshop is the first of its groups: no workshop sharing one of
/// its groups comes before it (an undated one counts as before).
fn is_first_workshop(p: &Program, s: &Session, groups: &[&str]) -> bool {
    let date = facts::session_date(s);
    s.is(SessionKind::Workshop)
        && !p.sessions.iter().any(|o| {
            o.value.is(SessionKind::Workshop)
                && facts::session_date(&o.value) < date
                && facts::session_groups(p, &o.value)
                    .iter()
                    .any(|g| groups.contains(g))
        })
}

/// The open actions agreed at sessions before `doc` by members of its groups
/// or for their sub-topics, each marked when overdue at the session's date.
fn open_actions<'a>(
    p: &'a Program,
    doc: &'a Doc<Session>,
    groups: &[&str],
    names: &Names,
) -> Vec<AgendaAction<'a>> {
    let date = facts::session_date(&doc.value);
    let members = facts::expected(p, &doc.value);
    let subtopics_of_groups: Vec<&str> = p
        .subtopics
        .iter()
        .filter(|st| {
            st.value
                .group
                .as_ref()
                .is_some_and(|g| groups.contains(&g.value.0.as_str()))
        })
        .map(|st| facts::subtopic_id(p, st))
        .collect();
    let mut out = Vec::new();
    for other in facts::sessions_by_date(p) {
        if facts::session_date(&other.value) >= date || std::ptr::eq(other, doc) {
            continue;
        }
        for a in &other.value.actions {
            let v = &a.value;
            if facts::action_status(v) != ActionStatus::Open {
                continue;
            }
            let owner = v.owner.as_ref().map(|o| o.value.0.as_str()).unwrap_or_default();
            let ours = members.contains(&owner)
                || v.subtopic
                    .as_ref()
                    .is_some_and(|x| subtopics_of_groups.contains(&x.value.0.as_str()));
            if !ours {
                continue;
            }
            out.push(AgendaAction {
                task: v.task.as_ref().map_or("", |t| t.0.as_str()),
                owner,
                owner_name: names.of(owner),
                due: v.due.as_ref().map(|d| d.value),
                overdue: date.is_some_and(|at| facts::days_overdue(v, at).is_some()),
                from: other
                    .value
                    .title
                    .as_ref()
                    .map_or_else(|| p.files[other.file].rel.clone(), |t| t.0.clone()),
                from_date: facts::session_date(&other.value),
            });
        }
    }
    out
}

impl<'a> AgendaContext<'a> {
    /// Builds the agenda's context for the session at `index` in `p.sessions`.
    pub(crate) fn build(p: &'a Program, index: usize, lang: Lang, today: Date) -> Self {
        let doc = &p.sessions[index];
        let s = &doc.value;
        let names = Names::new(p.team.as_ref().map(|t| &t.value));
        let kind = s.kind.as_ref().map_or(SessionKind::GroupMeeting, |k| k.value);
        let days = s.days.as_ref().map_or(1.0, |d| d.value.0);
        let group_ids = facts::session_groups(p, s);
        let group_labels: Vec<String> = group_ids
            .iter()
            .map(|id| {
                facts::group(p, id)
                    .and_then(|g| g.name.as_ref())
                    .map_or_else(|| id.to_string(), |n| n.value.0.clone())
            })
            .collect();
        let first_workshop = kind == SessionKind::Workshop && is_first_workshop(p, s, &group_ids);
        let (rows, standard_agenda) = timed_agenda(s, kind, first_workshop, &group_labels, &names, lang);
        AgendaContext {
            lang,
            today,
            program: &p.display,
            topic: p.topic.as_ref().map(|t| &t.value),
            session: SessionFile {
                session: s,
                file: &p.files[doc.file].rel,
            },
            kind,
            kind_label: labels::session_kind(lang, kind),
            first_workshop,
            activity_label: s.activity.as_ref().map(|a| labels::activity(lang, a.value)),
            title: s
                .title
                .as_ref()
                .map_or_else(|| labels::session_kind(lang, kind).to_string(), |t| t.0.clone()),
            date: facts::session_date(s),
            length: labels::length(lang, days),
            place: s.place.as_ref().map(|x| x.0.clone()).filter(|x| !x.is_empty()),
            groups: group_labels,
            participants: facts::present(s)
                .unwrap_or_else(|| facts::expected(p, s))
                .iter()
                .map(|id| names.of(id))
                .collect(),
            facilitator: s.facilitator.as_ref().map(|f| names.of(&f.value.0)),
            learning_officer: facts::officer_on_duty(p, s).map(|id| names.of(id)),
            objectives: &s.objectives,
            standard_agenda,
            days: rows.iter().map(|r| r.day).max().unwrap_or(1),
            agenda: rows,
            open_actions: open_actions(p, doc, &group_ids, &names),
            learning: s
                .learning
                .iter()
                .map(|l| LearningView {
                    title: l.value.title.as_ref().map_or("", |t| t.0.as_str()),
                    by: l.value.by.as_ref().map(|b| names.of(&b.value.0)),
                })
                .collect(),
        }
    }
}

/// The agenda's context for the session at `index` in `p.sessions`, as the
/// template receives it (see [`AgendaContext`]).
pub fn context(p: &Program, index: usize, lang: Lang, today: Date) -> Value {
    super::context::to_value(&AgendaContext::build(p, index, lang, today))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (start, end, item) of each row, to compare with a table.
    fn times(rows: &[Row]) -> Vec<(&str, &str, &str)> {
        rows.iter()
            .map(|r| (r.start.as_str(), r.end.as_str(), r.item.as_str()))
            .collect()
    }

    fn items(v: &[(&str, u32)]) -> Vec<(String, u32, String)> {
        v.iter()
            .map(|(i, m)| (i.to_string(), *m, String::new()))
            .collect()
    }

    #[test]
    fn a_day_is_420_minutes_and_half_a_day_210() {
        assert_eq!(capacity(1.0), 420);
        assert_eq!(capacity(0.5), 210);
        assert_eq!(capacity(2.0), 840);
        assert_eq!(capacity(1.5), 630);
    }

    #[test]
    fn the_standard_group_meeting_fills_the_day_with_lunch() {
        let std = standard(SessionKind::GroupMeeting, false, None, &[], Lang::Zh);
        let rows = standard_rows(&std, 1.0, Lang::Zh);
        let times = times(&rows);
        assert_eq!(
            times,
            [
                ("09:00", "09:20", "明确会议内容、目标与方法"),
                ("09:20", "11:00", "陈述与支持"),
                ("11:00", "12:00", "学习与分享"),
                ("12:00", "13:00", "午餐"),
                ("13:00", "15:30", "集体研讨"),
                ("15:30", "16:30", "制定下一步行动计划"),
                ("16:30", "17:00", "回顾总结"),
            ]
        );
    }

    #[test]
    fn an_item_that_runs_into_lunch_continues_after_it() {
        let rows = schedule(&items(&[("A", 150), ("B", 60)]), 1.0, Lang::En);
        let times = times(&rows);
        assert_eq!(
            times,
            [
                ("09:00", "11:30", "A"),
                ("11:30", "12:00", "B"),
                ("12:00", "13:00", "Lunch"),
                ("13:00", "13:30", "B (continued)")
            ]
        );
    }

    #[test]
    fn two_days_go_on_to_the_second_morning() {
        let rows = schedule(&items(&[("A", 420), ("B", 60)]), 2.0, Lang::En);
        assert_eq!(
            rows.last().map(|r| (r.day, r.start.as_str(), r.end.as_str())),
            Some((2, "09:00", "10:00"))
        );
    }

    #[test]
    fn half_a_day_ends_at_half_past_twelve() {
        let std = standard(SessionKind::Kickoff, false, None, &[], Lang::Zh);
        let rows = standard_rows(&std, 0.5, Lang::Zh);
        assert_eq!(rows.last().map(|r| r.end.as_str()), Some("12:30"));
        assert_eq!(rows.first().map(|r| r.start.as_str()), Some("09:00"));
    }

    #[test]
    fn a_two_day_workshop_keeps_items_whole_and_fills_both_days() {
        let std = standard(SessionKind::Workshop, false, None, &[], Lang::En);
        let rows = standard_rows(&std, 2.0, Lang::En);
        assert!(rows.iter().all(|r| r.kind != RowKind::Continued), "{rows:?}");
        let items: Vec<&str> = rows
            .iter()
            .filter(|r| r.kind == RowKind::Item)
            .map(|r| r.item.as_str())
            .collect();
        assert_eq!(items.len(), 5);
        assert_eq!(rows.last().map(|r| (r.day, r.end.as_str())), Some((2, "17:00")));
        assert_eq!(rows.iter().filter(|r| r.kind == RowKind::Lunch).count(), 2);
    }

    #[test]
    fn more_periods_than_items_falls_back_to_a_continuous_day() {
        let items = vec![("A".to_string(), 1), ("B".to_string(), 1)];
        let rows = standard_rows(&items, 2.0, Lang::En);
        assert_eq!(rows.last().map(|r| (r.day, r.end.as_str())), Some((2, "17:00")));
    }
}
