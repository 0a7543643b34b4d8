//! The agenda of one session: header, objectives, a timed agenda (the
//! session's own, or the standard one of its kind), the arrangements made
//! at the previous gathering for its groups, the open actions of its groups
//! to review, the plan's next milestones, and space for notes.
//! [`AgendaContext`] is what the agenda template receives.

use super::context::Names;
use crate::config::Lang;
use crate::facts;
use crate::lang::{self as labels, pick};
use crate::load::{Doc, Program};
use crate::model::{ActionStatus, ActivityKind, Date, Session, SessionKind, Text, Topic};
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
    /// Start and end in minutes from midnight of its day (past 1440 when it
    /// runs into the night), for the checks of the layout.
    #[serde(skip)]
    #[schemars(skip)]
    minutes: (u32, u32),
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
            start: clock(start, lang),
            end: clock(end, lang),
            item: pick(lang, "午餐", "Lunch").to_string(),
            owner: String::new(),
            kind: RowKind::Lunch,
            minutes: (start, end),
        }
    }
}

use crate::facts::{capacity, is_lunch, periods};

/// The periods a session's own agenda is laid out in ([`facts::periods_for`]).
fn periods_for(items: &[(String, u32, String)], days: f64) -> Vec<(u32, u32, u32)> {
    facts::periods_for(items.iter().any(|(i, _, _)| is_lunch(i)), days)
}

/// A time of a timed agenda, `HH:MM`; past midnight with the days it runs
/// into (`次日 01:30`, `01:30 (+1 day)`): an agenda that runs that long is
/// shown as it is, never as `25:30` (`al check` warns of it, AL315).
fn clock(m: u32, lang: Lang) -> String {
    let (days, time) = (m / (24 * 60), hhmm(m % (24 * 60)));
    match (days, lang) {
        (0, _) => time,
        (1, Lang::Zh) => format!("次日 {time}"),
        (d, Lang::Zh) => format!("{d} 天后 {time}"),
        (1, Lang::En) => format!("{time} (+1 day)"),
        (d, Lang::En) => format!("{time} (+{d} days)"),
    }
}

/// `HH:MM` of minutes from midnight (below 24 hours).
fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Lays items out over the session's days: an item that runs into lunch or
/// the end of a day goes on after it, marked as continued. When the items
/// hold their own lunch break, that is the lunch of the day (shown as
/// lunch), and none is added.
pub(crate) fn schedule(items: &[(String, u32, String)], days: f64, lang: Lang) -> Vec<Row> {
    let slots = periods_for(items, days);
    let own_lunch = slots.len() < periods(days).len();
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
                start: clock(t, lang),
                end: clock(t + take, lang),
                item: if first {
                    item.clone()
                } else {
                    format!("{item}{}", pick(lang, "（续）", " (continued)"))
                },
                owner: owner.clone(),
                kind: match (first, own_lunch && is_lunch(item)) {
                    (_, true) => RowKind::Lunch,
                    (true, false) => RowKind::Item,
                    (false, false) => RowKind::Continued,
                },
                minutes: (t, t + take),
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

/// Lays the standard agenda, as (item, weight, owner), out so that no item
/// is cut by lunch or the end of a day: items go, in order, to the period where the middle of their
/// share of the time falls, and fill it. When there are more periods than
/// items, it falls back to [`schedule`] over the whole length.
pub(crate) fn standard_rows(items: &[(String, u32, String)], days: f64, lang: Lang) -> Vec<Row> {
    let slots = periods(days);
    let total_w: u32 = items.iter().map(|(_, w, _)| *w).sum::<u32>().max(1);
    let total_c: u32 = slots.iter().map(|(_, a, b)| b - a).sum::<u32>().max(1);
    let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); slots.len()];
    let mut before = 0u32;
    for (i, (_, w, _)) in items.iter().enumerate() {
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
        let weights: Vec<u32> = items.iter().map(|(_, w, _)| *w).collect();
        let minutes = apportion(&weights, capacity(days));
        let list: Vec<(String, u32, String)> = items
            .iter()
            .zip(minutes)
            .map(|((i, _, o), m)| (i.clone(), m, o.clone()))
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
                start: clock(t, lang),
                end: clock(t + m, lang),
                item: items[i].0.clone(),
                owner: items[i].2.clone(),
                kind: RowKind::Item,
                minutes: (t, t + m),
            });
            t += m;
        }
    }
    rows
}

/// Who leads an item of the standard agenda, as a role of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Nobody in particular (the owner stays blank).
    Nobody,
    /// The session's facilitator (促进师): facilitated items.
    Facilitator,
    /// The learning officer on duty (学习委员): the record and summary.
    LearningOfficer,
    /// Whoever brings what is studied (the session's `learning` … `by`).
    Learning,
    /// The leaders of the session's groups: group reports.
    Leaders,
    /// The leader of the session's group at this index: its own report.
    Leader(usize),
    /// The convener (召集人).
    Convener,
    /// The top leader who backs the program (一把手).
    Sponsor,
}

/// The item between two gatherings' work, near the end of a kick-off and of every workshop.
fn until_next(lang: Lang) -> String {
    pick(
        lang,
        "下一阶段（两次活动之间）的学习与工作安排",
        "Arrangements until the next gathering (learning and work)",
    )
    .to_string()
}

/// The standard agenda of a kind of session (step 3 of the method), as
/// (item, weight, who leads it).
pub(crate) fn standard(
    kind: SessionKind,
    first_workshop: bool,
    activity: Option<ActivityKind>,
    groups: &[String],
    lang: Lang,
) -> Vec<(String, u32, Role)> {
    use Role::*;
    let s = |zh: &'static str, en: &'static str, w: u32, r: Role| (pick(lang, zh, en).to_string(), w, r);
    match kind {
        SessionKind::Kickoff => vec![
            s("目的意义", "Purpose and significance", 40, Sponsor),
            s("总体目标", "Overall goals", 40, Convener),
            s(
                "任务要求与领导期望",
                "Tasks and the leadership's expectations",
                50,
                Sponsor,
            ),
            s(
                "团队组成与制度安排",
                "The team and the working rules",
                50,
                Convener,
            ),
            (until_next(lang), 30, Facilitator),
        ],
        SessionKind::Workshop if first_workshop => vec![
            s(
                "破冰与团队建设",
                "Ice-breaking and team building",
                150,
                Facilitator,
            ),
            s(
                "行动学习理念与方法",
                "Action learning: concepts and methods",
                180,
                Facilitator,
            ),
            s(
                "项目背景与小组任务",
                "The topic's background and each group's task",
                180,
                Convener,
            ),
            s("制定行动方案", "The group's action plan", 270, Facilitator),
            (until_next(lang), 60, Facilitator),
        ],
        SessionKind::Workshop => vec![
            s("进展汇报", "Progress reports", 150, Leaders),
            s("学习培训", "Learning and training", 180, Learning),
            s("分组研讨", "Group discussion", 240, Facilitator),
            s("全班交流", "Plenary exchange", 150, Facilitator),
            (until_next(lang), 60, Facilitator),
            s("回顾小结", "Review and summary", 60, LearningOfficer),
        ],
        SessionKind::GroupMeeting => vec![
            s(
                "明确会议内容、目标与方法",
                "Clarify the meeting's content, goals and method",
                20,
                Facilitator,
            ),
            s("陈述与支持", "Statements and support", 100, Facilitator),
            s("学习与分享", "Learning and sharing", 60, Learning),
            s("集体研讨", "Collective discussion", 150, Facilitator),
            s("制定下一步行动计划", "The next action plan", 60, Leaders),
            s("回顾总结", "Review and summary", 30, LearningOfficer),
        ],
        SessionKind::Activity => {
            let what = activity.map_or_else(
                || pick(lang, "活动", "The activity").to_string(),
                |a| labels::activity(lang, a).to_string(),
            );
            vec![
                s("说明目的与分工", "Purpose and who does what", 30, Leaders),
                (
                    format!("{what}{}", pick(lang, "：实施", ": carrying it out")),
                    270,
                    Nobody,
                ),
                s(
                    "整理记录与初步发现",
                    "Notes and first findings",
                    60,
                    LearningOfficer,
                ),
                s("交流与下一步", "Exchange and next steps", 60, Facilitator),
            ]
        }
        SessionKind::Review => {
            let mut v = vec![s("评审说明", "How the review works", 15, Convener)];
            if groups.is_empty() {
                v.push(s(
                    "汇报初步方案",
                    "The preliminary solution is presented",
                    60,
                    Nobody,
                ));
            }
            for (i, g) in groups.iter().enumerate() {
                v.push((
                    format!(
                        "{g}{}",
                        pick(lang, "汇报初步方案", ": presents its preliminary solution")
                    ),
                    40,
                    Leader(i),
                ));
            }
            v.push(s("质询与点评", "Questions and comments", 60, Facilitator));
            v.push(s("评审与决策", "Review and decision", 45, Sponsor));
            v.push(s(
                "领导讲话与下一步安排",
                "The leadership's remarks and next steps",
                30,
                Sponsor,
            ));
            v
        }
        SessionKind::Report => vec![
            s("成果汇报", "The results are presented", 90, Leaders),
            s("交流与点评", "Exchange and comments", 60, Facilitator),
            s(
                "成果固化与推广安排",
                "Making the results permanent and sharing them",
                40,
                Convener,
            ),
            s("领导讲话", "The leadership's remarks", 20, Sponsor),
        ],
    }
}

/// The names behind the roles of one session, to fill the owner column of
/// the standard agenda; a role nobody is recorded for stays blank.
#[derive(Debug, Default)]
pub(crate) struct Roles {
    /// The facilitator's name.
    pub facilitator: Option<String>,
    /// The learning officer on duty's name.
    pub learning_officer: Option<String>,
    /// The names of those who bring what is studied.
    pub learning: Vec<String>,
    /// The leader's name of each of the session's groups, in their order.
    pub leaders: Vec<Option<String>>,
    /// The convener's name.
    pub convener: Option<String>,
    /// The sponsor's name.
    pub sponsor: Option<String>,
}

impl Roles {
    /// The name(s) who lead an item of `role`, joined in `lang`; empty when unknown.
    pub(crate) fn owner(&self, role: Role, lang: Lang) -> String {
        let one = |o: &Option<String>| o.clone().unwrap_or_default();
        match role {
            Role::Nobody => String::new(),
            Role::Facilitator => one(&self.facilitator),
            Role::LearningOfficer => one(&self.learning_officer),
            Role::Learning => join(self.learning.iter().cloned(), lang),
            Role::Leaders => join(self.leaders.iter().flatten().cloned(), lang),
            Role::Leader(i) => self.leaders.get(i).and_then(Clone::clone).unwrap_or_default(),
            Role::Convener => one(&self.convener),
            Role::Sponsor => one(&self.sponsor),
        }
    }
}

/// Names joined as a list in `lang`, each once, in order.
fn join(names: impl Iterator<Item = String>, lang: Lang) -> String {
    let mut seen: Vec<String> = Vec::new();
    for n in names.filter(|n| !n.trim().is_empty()) {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen.join(pick(lang, "、", ", "))
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
    /// The program's title (topic.yaml `title`), shown in the header.
    pub program_title: Option<String>,
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
    /// The date of its last day, when the timed agenda spans more than one day.
    pub end_date: Option<Date>,
    /// Its length in words.
    pub length: String,
    /// Where it takes place (`null` when empty).
    pub place: Option<String>,
    /// The names of the groups it is for: those it names, else every group in team.yaml order.
    pub groups: Vec<String>,
    /// The names of the participants: its `attendees`, else every member of its groups on its date.
    pub participants: Vec<String>,
    /// The names of its `guests` (ids are shown as names), each with a title where known.
    pub guests: Vec<PersonView>,
    /// The facilitator's name: the session's `facilitator`, else the one
    /// facilitator its groups share in team.yaml.
    pub facilitator: Option<String>,
    /// The name of the learning officer on duty: the session's own `learning_officer`, else the next in its group's `learning_officers` rotation, counted over that group's earlier meetings.
    pub learning_officer: Option<String>,
    /// Its objectives.
    pub objectives: &'a [String],
    /// Whether the standard agenda of its kind was used (the session has no `agenda`).
    pub standard_agenda: bool,
    /// How many days the timed agenda spans.
    pub days: u32,
    /// Each day of the timed agenda, dated: day 1 is the session's date.
    pub calendar: Vec<DayView>,
    /// A review's panel: its `panel`, and who reviewed the proposals
    /// decided at it (`proposal.review.by` of the sub-topics reviewed on its
    /// date), each once, with a title where known. Empty for other kinds
    /// unless they name a `panel`.
    pub panel: Vec<PersonView>,
    /// The timed agenda.
    pub agenda: Vec<Row>,
    /// The open actions agreed at earlier sessions by members of its groups, or for their sub-topics.
    pub open_actions: Vec<AgendaAction<'a>>,
    /// The arrangements until the next gathering made at the previous one
    /// (the latest kick-off or workshop of its groups before its date that
    /// has `next:`), those for its groups and for everyone; `null` when
    /// there are none.
    pub arrangements: Option<Arrangements<'a>>,
    /// Up to three milestones of plan.yaml still ahead at its date (as the
    /// record will stand then), for every group or one of its groups, in
    /// planned order; empty without a plan or a date.
    pub next_milestones: Vec<AgendaMilestone>,
    /// What will be studied.
    pub learning: Vec<LearningView<'a>>,
    /// What is wrong with the session's own agenda (too long, running
    /// through lunch), in words; `al agenda` prints these on standard error.
    pub warnings: Vec<WarningView>,
    /// The same, as data.
    #[serde(skip)]
    #[schemars(skip)]
    pub found: Vec<Warning>,
}

/// A warning about the session's own agenda, as the template receives it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub(crate) struct WarningView {
    /// `too-long` (the items add up to more than the session's length) or
    /// `through-lunch` (lunch splits an item).
    pub kind: &'static str,
    /// The warning in the agenda's language.
    pub message: String,
}

/// One day of a timed agenda.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub(crate) struct DayView {
    /// 1-based day of the session.
    pub day: u32,
    /// Its date: the session's date for day 1, the next day for day 2, …
    pub date: Option<Date>,
    /// The day of the week of `date`, in words.
    pub weekday: Option<&'static str>,
    /// Whether only half of this day is used (the last day of `days: 1.5`).
    pub half: bool,
}

/// A person shown by name, with a title where the program records one.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub(crate) struct PersonView {
    /// The name.
    pub name: String,
    /// Their job title (the convener's or sponsor's `title`), a member's
    /// department, "facilitator", or external support's organisation; `null` when unknown.
    pub title: Option<String>,
}

/// An item of a session's own agenda that runs past the session's end.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cut {
    /// The item.
    pub item: String,
    /// Its minutes past the end.
    pub minutes: u32,
    /// Whether all of it is past the end.
    pub whole: bool,
}

/// Something wrong with a session's own agenda, found while laying it out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Warning {
    /// The items add up to more than the session's length.
    TooLong {
        /// The minutes of all items.
        minutes: u32,
        /// The minutes the session offers.
        capacity: u32,
        /// The session's length in words.
        length: String,
        /// The items that run past the end.
        cut: Vec<Cut>,
    },
    /// An item runs through the lunch break and is split around it.
    ThroughLunch {
        /// The day, when the agenda spans more than one.
        day: Option<u32>,
        /// The item.
        item: String,
        /// When it starts, `HH:MM`.
        start: String,
        /// Its minutes before lunch.
        before: u32,
        /// Its minutes after lunch.
        after: u32,
    },
    /// A whole day of an agenda that holds its own lunch break goes on past
    /// midday without a break between 12:00 and 13:00.
    NoLunch {
        /// The day, when the agenda spans more than one.
        day: Option<u32>,
        /// When its first item starts, `HH:MM`.
        from: String,
        /// When its last item ends, `HH:MM`.
        to: String,
    },
}

impl Warning {
    /// What kind of warning it is, as a word.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Warning::TooLong { .. } => "too-long",
            Warning::ThroughLunch { .. } => "through-lunch",
            Warning::NoLunch { .. } => "no-lunch",
        }
    }

    /// The warning in words, in `lang`: what is wrong, by how much, and what to cut.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            Warning::TooLong {
                minutes,
                capacity,
                length,
                cut,
            } => {
                let over = minutes.saturating_sub(*capacity);
                let list = cut
                    .iter()
                    .map(|c| match (c.whole, lang) {
                        (true, Lang::Zh) => format!("「{}」（整项 {} 分钟）", c.item, c.minutes),
                        (false, Lang::Zh) => format!("「{}」（超出的 {} 分钟）", c.item, c.minutes),
                        (true, Lang::En) => format!("\"{}\" (all {} minutes)", c.item, c.minutes),
                        (false, Lang::En) => format!("\"{}\" (its last {} minutes)", c.item, c.minutes),
                    })
                    .collect::<Vec<_>>()
                    .join(pick(lang, "、", ", "));
                crate::tr!(
                    lang,
                    "议程各项合计 {minutes} 分钟，比本次活动的时长（{length}，{capacity} 分钟）多出 {over} 分钟；请删去或缩短排不下的议程项，或增加 `days:`：{list}",
                    "the agenda's items add up to {minutes} minutes, {over} more than the session's length ({length}, {capacity} minutes); cut or shorten the items that do not fit, or add to `days:`: {list}"
                )
            }
            Warning::ThroughLunch {
                day,
                item,
                start,
                before,
                after,
            } => {
                let on = match (day, lang) {
                    (Some(d), Lang::Zh) => format!("第 {d} 天"),
                    (Some(d), Lang::En) => format!(" on day {d}"),
                    (None, _) => String::new(),
                };
                crate::tr!(
                    lang,
                    "议程项「{item}」{on}从 {start} 开始，跨过了午餐：午餐前 {before} 分钟，午餐后还有 {after} 分钟；请把它或它前面的议程项缩短 {after} 分钟，使它在午餐前结束；或把午餐前的 {before} 分钟留给前面的议程项，使它从午餐后开始",
                    "the agenda item \"{item}\" starts at {start}{on} and runs through lunch: {before} minutes before it and {after} after; shorten it or the items before it by {after} minutes so that it ends by lunch, or give the {before} minutes before lunch to the items before it so that it starts after lunch"
                )
            }
            Warning::NoLunch { day, from, to } => {
                let on = match (day, lang) {
                    (Some(d), Lang::Zh) => format!("第 {d} 天的"),
                    (Some(d), Lang::En) => format!(" on day {d}"),
                    (None, _) => String::new(),
                };
                crate::tr!(
                    lang,
                    "{on}议程从 {from} 排到 {to}，在 12:00–13:00 之间没有午餐休息；请在午间加入午餐，或调整前面议程项的时长，使午餐落在 12:00–13:00 之间",
                    "the agenda{on} runs from {from} to {to} with no lunch break between 12:00 and 13:00; add one at midday, or change the minutes of the items before it so that it falls between 12:00 and 13:00"
                )
            }
        }
    }
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

/// The arrangements made at a gathering that concern the session.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Arrangements<'a> {
    /// The title (else the kind in words) of the gathering that made them.
    pub from: String,
    /// The date of that gathering.
    pub from_date: Date,
    /// `from_date` in words (`7月6日` / `6 July`, with the year when it is
    /// not the session's).
    pub from_words: String,
    /// The arrangements for the session's groups and for everyone, in file order.
    pub items: Vec<ArrangementView<'a>>,
}

/// One arrangement until the next gathering.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ArrangementView<'a> {
    /// What is to be done.
    pub task: &'a str,
    /// The name of the group it is for (its id when team.yaml does not
    /// know it); `null` for everyone.
    pub group: Option<String>,
    /// The owner's id (empty without an owner).
    pub owner: &'a str,
    /// The owner's name (the id when team.yaml does not know it).
    pub owner_name: String,
    /// The due date.
    pub due: Option<Date>,
    /// `due` in words, with the year when it is not the session's.
    pub due_words: Option<String>,
    /// Whether `due` is before the session's date.
    pub overdue: bool,
}

/// A milestone of the plan still ahead at the session's date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub(crate) struct AgendaMilestone {
    /// What it is, in the handbook's words (a workshop with its number).
    pub what: String,
    /// When it is planned, in words: a day, or a month.
    pub when: String,
    /// The names of the groups it concerns (empty: all).
    pub groups: Vec<String>,
    /// Who sees to it, by name.
    pub owner: Option<String>,
}

/// Something to be studied at the session.
#[derive(Serialize, JsonSchema)]
pub(crate) struct LearningView<'a> {
    /// What is studied.
    pub title: &'a str,
    /// The name of who brings it.
    pub by: Option<String>,
}

/// The timed agenda: the session's own, else the standard one of its kind
/// with its owners filled from `roles`; whether the standard one was used;
/// and what is wrong with the session's own.
fn timed_agenda(
    s: &Session,
    kind: SessionKind,
    first_workshop: bool,
    groups: &[String],
    roles: &Roles,
    names: &Names,
    lang: Lang,
) -> (Vec<Row>, bool, Vec<Warning>) {
    let days = facts::session_days(s);
    if s.agenda.is_empty() {
        let std: Vec<(String, u32, String)> = standard(
            kind,
            first_workshop,
            s.activity.as_ref().map(|a| a.value),
            groups,
            lang,
        )
        .into_iter()
        .map(|(item, w, role)| (item, w, roles.owner(role, lang)))
        .collect();
        return (standard_rows(&std, days, lang), true, Vec::new());
    }
    let items: Vec<(String, u32, String)> = s
        .agenda
        .iter()
        .map(|a| {
            let item = a.value.item.as_ref().map(|i| i.0.clone()).unwrap_or_default();
            let minutes = facts::item_minutes(a.value.minutes.as_ref().map(|m| m.value.0));
            let owner = a
                .value
                .owner
                .as_ref()
                .map(|o| names.of(&o.value.0))
                .unwrap_or_default();
            (item, minutes, owner)
        })
        .collect();
    let rows = schedule(&items, days, lang);
    let mut warnings: Vec<Warning> = too_long(&items, days, lang).into_iter().collect();
    warnings.extend(through_lunch(&rows));
    warnings.extend(no_lunch(&items, &rows, days));
    (rows, false, warnings)
}

/// The warning for items that add up to more than `days` offer, naming the
/// items that run past the end.
fn too_long(items: &[(String, u32, String)], days: f64, lang: Lang) -> Option<Warning> {
    let capacity: u32 = periods_for(items, days).iter().map(|(_, a, b)| b - a).sum();
    let minutes: u32 = items.iter().map(|(_, m, _)| (*m).max(5)).sum();
    if minutes <= capacity {
        return None;
    }
    let mut at = 0u32;
    let mut cut = Vec::new();
    for (item, m, _) in items {
        let m = (*m).max(5);
        let end = at + m;
        if end > capacity {
            let whole = at >= capacity;
            cut.push(Cut {
                item: item.clone(),
                minutes: if whole { m } else { end - capacity },
                whole,
            });
        }
        at = end;
    }
    Some(Warning::TooLong {
        minutes,
        capacity,
        length: labels::length(lang, days),
        cut,
    })
}

/// A warning for every item that a lunch break splits in two.
fn through_lunch(rows: &[Row]) -> Vec<Warning> {
    let multi_day = rows.iter().any(|r| r.day > 1);
    rows.windows(3)
        .filter(|w| {
            w[0].kind != RowKind::Lunch && w[1].kind == RowKind::Lunch && w[2].kind == RowKind::Continued
        })
        .map(|w| Warning::ThroughLunch {
            day: multi_day.then_some(w[0].day),
            item: w[0].item.clone(),
            start: w[0].start.clone(),
            before: w[0].minutes.1.saturating_sub(w[0].minutes.0),
            after: w[2].minutes.1.saturating_sub(w[2].minutes.0),
        })
        .collect()
}

/// A warning for every whole day whose agenda, holding its own lunch break,
/// goes on past midday without a break between 12:00 and 13:00.
fn no_lunch(items: &[(String, u32, String)], rows: &[Row], days: f64) -> Vec<Warning> {
    if !items.iter().any(|(i, _, _)| is_lunch(i)) {
        // The layout adds lunch itself; an item it splits is `through_lunch`.
        return Vec::new();
    }
    let whole_days = if days.is_finite() && days > 0.0 {
        days.min(crate::model::session::MAX_DAYS).trunc() as u32
    } else {
        1
    };
    let multi_day = rows.iter().any(|r| r.day > 1);
    let (noon, one) = (12 * 60, 13 * 60);
    let mut out = Vec::new();
    for day in 1..=whole_days {
        let of_day: Vec<&Row> = rows.iter().filter(|r| r.day == day).collect();
        let (Some(first), Some(last)) = (of_day.first(), of_day.last()) else {
            continue;
        };
        let past_midday = last.minutes.1 > noon + 30;
        let lunch = of_day
            .iter()
            .any(|r| r.kind == RowKind::Lunch && r.minutes.0 < one && r.minutes.1 > noon);
        if past_midday && !lunch {
            out.push(Warning::NoLunch {
                day: multi_day.then_some(day),
                from: first.start.clone(),
                to: last.end.clone(),
            });
        }
    }
    out
}

/// The facilitator of a session: its own `facilitator`, else the one
/// facilitator all its groups share in team.yaml.
fn facilitator_of<'a>(p: &'a Program, s: &'a Session, groups: &[&str]) -> Option<&'a str> {
    if let Some(f) = &*s.facilitator {
        return Some(f.value.0.as_str());
    }
    let mut shared: Option<&str> = None;
    for id in groups {
        let f = facts::group(p, id)?.facilitator.as_ref()?.value.0.as_str();
        if shared.is_some_and(|x| x != f) {
            return None;
        }
        shared = Some(f);
    }
    shared
}

/// The days of a timed agenda that spans `days` days, dated from `start`.
fn calendar(start: Option<Date>, days: u32, length: f64, lang: Lang) -> Vec<DayView> {
    let half_day = (length.is_finite() && length.fract() > 0.0).then(|| length.trunc() as u32 + 1);
    (1..=days.max(1))
        .map(|day| {
            let date = start.and_then(|d| d.checked_add(jiff::Span::new().days(i64::from(day - 1))).ok());
            DayView {
                day,
                date,
                weekday: date.map(|d| weekday(lang, d.weekday())),
                half: half_day == Some(day),
            }
        })
        .collect()
}

/// A day of the week in words.
fn weekday(lang: Lang, w: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match w {
        Monday => pick(lang, "星期一", "Monday"),
        Tuesday => pick(lang, "星期二", "Tuesday"),
        Wednesday => pick(lang, "星期三", "Wednesday"),
        Thursday => pick(lang, "星期四", "Thursday"),
        Friday => pick(lang, "星期五", "Friday"),
        Saturday => pick(lang, "星期六", "Saturday"),
        Sunday => pick(lang, "星期日", "Sunday"),
    }
}

/// A person named by id or name, with the title the program records for them.
fn person(p: &Program, names: &Names, who: &str, lang: Lang) -> PersonView {
    let name = names.of(who);
    let topic = p.topic.as_ref().map(|t| &t.value);
    let titled = |n: Option<&Text>, t: Option<&Text>| {
        n.filter(|n| n.0 == name || n.0 == who)
            .and(t)
            .map(|t| t.0.clone())
    };
    let title = topic
        .and_then(|t| t.sponsor.as_ref())
        .and_then(|s| titled(s.value.name.as_ref(), s.value.title.as_ref()))
        .or_else(|| {
            topic
                .and_then(|t| t.convener.as_ref())
                .and_then(|c| titled(c.value.name.as_ref(), c.value.title.as_ref()))
        })
        .or_else(|| team_title(p, who, lang));
    PersonView { name, title }
}

/// The title team.yaml gives someone named by id or name: a member's
/// department, "facilitator", or external support's organisation.
fn team_title(p: &Program, who: &str, lang: Lang) -> Option<String> {
    let team = &p.team.as_ref()?.value;
    let is = |k: Option<&crate::model::Sp<Text>>| k.is_some_and(|k| k.value.0 == who);
    if let Some(m) = team
        .people
        .iter()
        .find(|m| is(m.value.key()) || is(m.value.name.as_ref()))
    {
        return m.value.department.as_ref().map(|d| d.0.clone());
    }
    if team
        .facilitators
        .iter()
        .any(|f| is(f.value.key()) || is(f.value.name.as_ref()))
    {
        return Some(pick(lang, "促进师", "facilitator").to_string());
    }
    team.external
        .iter()
        .find(|e| is(e.value.name.as_ref()))
        .and_then(|e| e.value.organisation.as_ref().map(|o| o.0.clone()))
}

/// A review's panel: its `panel`, then who reviewed the proposals of
/// sub-topics reviewed on its date, each name once.
fn panel(p: &Program, s: &Session, names: &Names, lang: Lang) -> Vec<PersonView> {
    let date = facts::session_date(s);
    let mut who: Vec<&str> = s.panel.iter().map(|x| x.value.as_str()).collect();
    if s.is(SessionKind::Review) && date.is_some() {
        // The proposals reviewed on its day, as the review of that day has them.
        for meeting in facts::review_meetings(p).into_iter().filter(|m| m.date == date) {
            let by = meeting.proposals.iter().flat_map(|(_, r)| &r.value.by);
            who.extend(by.map(String::as_str));
        }
    }
    let mut out: Vec<PersonView> = Vec::new();
    for w in who.into_iter().filter(|w| !w.trim().is_empty()) {
        let view = person(p, names, w, lang);
        if !out.iter().any(|o| o.name == view.name) {
            out.push(view);
        }
    }
    out
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

/// A group's name, else its id.
fn group_name<'a>(p: &'a Program, id: &'a str) -> String {
    facts::group(p, id)
        .and_then(|g| g.name.as_ref())
        .map_or_else(|| id.to_string(), |n| n.value.0.clone())
}

/// A date in words for an agenda of a session in `year`: the year is said
/// only when it is another.
fn date_words(lang: Lang, d: Date, year: i16) -> String {
    crate::dates::spoken(lang, d, d.year() != year, false)
}

/// The previous gathering of `doc`'s groups that made arrangements: the
/// latest kick-off or workshop before its date sharing one of `groups`
/// and having `next:`.
fn previous_gathering<'a>(p: &'a Program, doc: &Doc<Session>, groups: &[&str]) -> Option<&'a Doc<Session>> {
    let date = facts::session_date(&doc.value)?;
    facts::sessions_by_date(p)
        .into_iter()
        .filter(|o| o.value.is(SessionKind::Kickoff) || o.value.is(SessionKind::Workshop))
        .filter(|o| !o.value.next.is_empty() && !std::ptr::eq(*o, doc))
        .filter(|o| facts::session_date(&o.value).is_some_and(|d| d < date))
        .rfind(|o| {
            facts::session_groups(p, &o.value)
                .iter()
                .any(|g| groups.contains(g))
        })
}

/// The arrangements made at the previous gathering (see
/// [`previous_gathering`]) for `groups` and for everyone, each marked when
/// due before the session's date; `None` when there are none.
fn arrangements<'a>(
    p: &'a Program,
    doc: &Doc<Session>,
    groups: &[&str],
    names: &Names,
    lang: Lang,
) -> Option<Arrangements<'a>> {
    let date = facts::session_date(&doc.value)?;
    let from = previous_gathering(p, doc, groups)?;
    let items: Vec<ArrangementView> = from
        .value
        .next
        .iter()
        .map(|a| &a.value)
        .filter(|a| {
            a.group
                .as_ref()
                .is_none_or(|g| groups.contains(&g.value.0.as_str()))
        })
        .filter_map(|a| {
            let task = a
                .task
                .as_ref()
                .map(|t| t.0.as_str())
                .filter(|t| !t.trim().is_empty())?;
            let owner = a.owner.as_ref().map(|o| o.value.0.as_str()).unwrap_or_default();
            let due = a.due.as_ref().map(|d| d.value);
            Some(ArrangementView {
                task,
                group: a.group.as_ref().map(|g| group_name(p, &g.value.0)),
                owner,
                owner_name: names.of(owner),
                due,
                due_words: due.map(|d| date_words(lang, d, date.year())),
                overdue: due.is_some_and(|d| d < date),
            })
        })
        .collect();
    let from_date = facts::session_date(&from.value)?;
    (!items.is_empty()).then(|| Arrangements {
        from: from.value.title.as_ref().map_or_else(
            || {
                labels::session_kind(
                    lang,
                    from.value
                        .kind
                        .as_ref()
                        .map_or(SessionKind::Workshop, |k| k.value),
                )
                .to_string()
            },
            |t| t.0.clone(),
        ),
        from_date,
        from_words: date_words(lang, from_date, date.year()),
        items,
    })
}

/// A milestone as the agenda of a session in `year` shows it; `None`
/// without a kind or a planned date.
fn milestone_view(
    p: &Program,
    f: &facts::MilestoneFact,
    all: &[facts::MilestoneFact],
    names: &Names,
    lang: Lang,
    year: i16,
) -> Option<AgendaMilestone> {
    Some(AgendaMilestone {
        what: labels::milestone_name(lang, Some(f.kind?), facts::shown_number(f, all), None),
        when: labels::planned_spoken(lang, f.planned?, Some(year)),
        groups: f.groups.iter().map(|g| group_name(p, g)).collect(),
        owner: f
            .milestone
            .value
            .owner
            .as_ref()
            .map(|o| names.of(&o.value.0))
            .filter(|o| !o.trim().is_empty()),
    })
}

/// Up to three milestones of the plan still ahead at the session's date
/// (matched to the record as it will stand then), in planned order: those
/// for every group and those for one of `groups`.
fn next_milestones(
    p: &Program,
    s: &Session,
    groups: &[&str],
    names: &Names,
    lang: Lang,
) -> Vec<AgendaMilestone> {
    let Some(date) = facts::session_date(s) else {
        return Vec::new();
    };
    let all = facts::milestones(p, date);
    facts::by_plan_date(&all)
        .into_iter()
        .filter(|f| f.upcoming(date))
        .filter(|f| f.groups.is_empty() || f.groups.iter().any(|g| groups.contains(g)))
        .filter_map(|f| milestone_view(p, f, &all, names, lang, date.year()))
        .take(3)
        .collect()
}

impl<'a> AgendaContext<'a> {
    /// Builds the agenda's context for the session at `index` in `p.sessions`.
    pub(crate) fn build(p: &'a Program, index: usize, lang: Lang, today: Date) -> Self {
        let doc = &p.sessions[index];
        let s = &doc.value;
        let names = Names::new(p.team.as_ref().map(|t| &t.value));
        let kind = s.kind.as_ref().map_or(SessionKind::GroupMeeting, |k| k.value);
        let days = facts::session_days(s);
        let group_ids = facts::session_groups(p, s);
        let group_labels: Vec<String> = group_ids.iter().map(|id| group_name(p, id)).collect();
        let first_workshop = kind == SessionKind::Workshop && is_first_workshop(p, s, &group_ids);
        let facilitator = facilitator_of(p, s, &group_ids).map(|f| names.of(f));
        let learning_officer = facts::officer_on_duty(p, s).map(|id| names.of(id));
        let topic = p.topic.as_ref().map(|t| &t.value);
        let roles = Roles {
            facilitator: facilitator.clone(),
            learning_officer: learning_officer.clone(),
            learning: s
                .learning
                .iter()
                .filter_map(|l| l.value.by.as_ref().map(|b| names.of(&b.value.0)))
                .collect(),
            leaders: group_ids
                .iter()
                .map(|id| {
                    facts::group(p, id)
                        .and_then(|g| g.leader.as_ref())
                        .map(|l| names.of(&l.value.0))
                })
                .collect(),
            convener: topic
                .and_then(|t| t.convener.as_ref())
                .and_then(|c| c.value.name.as_ref().map(|n| n.0.clone())),
            sponsor: topic
                .and_then(|t| t.sponsor.as_ref())
                .and_then(|c| c.value.name.as_ref().map(|n| n.0.clone())),
        };
        let (rows, standard_agenda, warnings) =
            timed_agenda(s, kind, first_workshop, &group_labels, &roles, &names, lang);
        let span = rows.iter().map(|r| r.day).max().unwrap_or(1);
        let date = facts::session_date(s);
        let calendar = calendar(date, span, days, lang);
        AgendaContext {
            lang,
            today,
            program: &p.display,
            topic,
            program_title: topic
                .and_then(|t| t.title.as_ref())
                .map(|t| t.0.clone())
                .filter(|t| !t.trim().is_empty()),
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
            date,
            end_date: calendar.last().filter(|d| d.day > 1).and_then(|d| d.date),
            length: labels::length(lang, days),
            place: s.place.as_ref().map(|x| x.0.clone()).filter(|x| !x.is_empty()),
            groups: group_labels,
            participants: facts::present(s)
                .unwrap_or_else(|| facts::expected(p, s))
                .iter()
                .map(|id| names.of(id))
                .collect(),
            guests: s
                .guests
                .iter()
                .map(|g| person(p, &names, &g.value, lang))
                .collect(),
            facilitator,
            learning_officer,
            objectives: &s.objectives,
            standard_agenda,
            days: span,
            calendar,
            panel: panel(p, s, &names, lang),
            agenda: rows,
            open_actions: open_actions(p, doc, &group_ids, &names),
            arrangements: arrangements(p, doc, &group_ids, &names, lang),
            next_milestones: next_milestones(p, s, &group_ids, &names, lang),
            learning: s
                .learning
                .iter()
                .map(|l| LearningView {
                    title: l.value.title.as_ref().map_or("", |t| t.0.as_str()),
                    by: l.value.by.as_ref().map(|b| names.of(&b.value.0)),
                })
                .collect(),
            warnings: warnings
                .iter()
                .map(|w| WarningView {
                    kind: w.kind(),
                    message: w.message(lang),
                })
                .collect(),
            found: warnings,
        }
    }
}

/// The agenda's context for the session at `index` in `p.sessions`, as the
/// template receives it (see [`AgendaContext`]).
pub fn context(p: &Program, index: usize, lang: Lang, today: Date) -> Value {
    context_and_warnings(p, index, lang, today).0
}

/// The agenda's context for the session at `index` in `p.sessions`, and
/// what is wrong with the session's own agenda (also under `warnings` in the context).
pub(crate) fn context_and_warnings(
    p: &Program,
    index: usize,
    lang: Lang,
    today: Date,
) -> (Value, Vec<Warning>) {
    let ctx = AgendaContext::build(p, index, lang, today);
    (super::context::to_value(&ctx), ctx.found)
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

    /// A standard agenda with every owner blank.
    fn unowned(v: Vec<(String, u32, Role)>) -> Vec<(String, u32, String)> {
        v.into_iter().map(|(i, w, _)| (i, w, String::new())).collect()
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
        let std = unowned(standard(SessionKind::GroupMeeting, false, None, &[], Lang::Zh));
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
        let std = unowned(standard(SessionKind::Kickoff, false, None, &[], Lang::Zh));
        let rows = standard_rows(&std, 0.5, Lang::Zh);
        assert_eq!(rows.last().map(|r| r.end.as_str()), Some("12:30"));
        assert_eq!(rows.first().map(|r| r.start.as_str()), Some("09:00"));
    }

    #[test]
    fn a_two_day_workshop_keeps_items_whole_and_fills_both_days() {
        let std = unowned(standard(SessionKind::Workshop, false, None, &[], Lang::En));
        let rows = standard_rows(&std, 2.0, Lang::En);
        assert!(rows.iter().all(|r| r.kind != RowKind::Continued), "{rows:?}");
        let items: Vec<&str> = rows
            .iter()
            .filter(|r| r.kind == RowKind::Item)
            .map(|r| r.item.as_str())
            .collect();
        assert_eq!(items.len(), 6);
        assert_eq!(rows.last().map(|r| (r.day, r.end.as_str())), Some((2, "17:00")));
        assert_eq!(rows.iter().filter(|r| r.kind == RowKind::Lunch).count(), 2);
    }

    #[test]
    fn more_periods_than_items_falls_back_to_a_continuous_day() {
        let rows = standard_rows(&items(&[("A", 1), ("B", 1)]), 2.0, Lang::En);
        assert_eq!(rows.last().map(|r| (r.day, r.end.as_str())), Some((2, "17:00")));
    }

    #[test]
    fn an_agenda_longer_than_the_session_is_a_warning_that_names_what_to_cut() {
        let list = items(&[("A", 120), ("B", 60), ("C", 60)]);
        let Some(w) = too_long(&list, 0.5, Lang::Zh) else {
            panic!("240 minutes do not fit half a day");
        };
        assert_eq!(
            w.message(Lang::Zh),
            "议程各项合计 240 分钟，比本次活动的时长（半天，210 分钟）多出 30 分钟；请删去或缩短排不下的议程项，或增加 `days:`：「C」（超出的 30 分钟）"
        );
        let long = items(&[("A", 200), ("B", 30), ("C", 60)]);
        let w = too_long(&long, 0.5, Lang::En).expect("too long");
        assert_eq!(
            w.message(Lang::En),
            "the agenda's items add up to 290 minutes, 80 more than the session's length (half a day, 210 minutes); cut or shorten the items that do not fit, or add to `days:`: \"B\" (its last 20 minutes), \"C\" (all 60 minutes)"
        );
        assert_eq!(too_long(&list, 1.0, Lang::Zh), None, "a day holds 420 minutes");
    }

    #[test]
    fn an_item_cut_by_lunch_is_a_warning() {
        let rows = schedule(&items(&[("A", 150), ("B", 60)]), 1.0, Lang::Zh);
        let found = through_lunch(&rows);
        assert_eq!(
            found,
            [Warning::ThroughLunch {
                day: None,
                item: "B".into(),
                start: "11:30".into(),
                before: 30,
                after: 30
            }]
        );
        assert_eq!(
            found[0].message(Lang::Zh),
            "议程项「B」从 11:30 开始，跨过了午餐：午餐前 30 分钟，午餐后还有 30 分钟；请把它或它前面的议程项缩短 30 分钟，使它在午餐前结束；或把午餐前的 30 分钟留给前面的议程项，使它从午餐后开始"
        );
        assert_eq!(
            found[0].message(Lang::En),
            "the agenda item \"B\" starts at 11:30 and runs through lunch: 30 minutes before it and 30 after; shorten it or the items before it by 30 minutes so that it ends by lunch, or give the 30 minutes before lunch to the items before it so that it starts after lunch"
        );
        let whole = schedule(&items(&[("A", 180), ("B", 60)]), 1.0, Lang::Zh);
        assert_eq!(
            through_lunch(&whole),
            [],
            "an item that starts after lunch is whole"
        );
        assert!(whole.iter().any(|r| r.kind == RowKind::Lunch), "lunch is shown");
    }

    #[test]
    fn a_multi_day_lunch_warning_names_the_day() {
        let rows = schedule(&items(&[("A", 180), ("B", 240), ("C", 200)]), 2.0, Lang::En);
        let found = through_lunch(&rows);
        assert!(
            matches!(found.as_slice(), [Warning::ThroughLunch { day: Some(2), .. }]),
            "{found:?}"
        );
        assert!(found[0].message(Lang::Zh).contains("第 2 天从 09:00 开始"));
    }

    #[test]
    fn an_agenda_with_its_own_lunch_gets_no_second_one() {
        let list = items(&[("A", 180), ("午餐", 60), ("B", 240)]);
        let rows = schedule(&list, 1.0, Lang::Zh);
        assert_eq!(
            times(&rows),
            [
                ("09:00", "12:00", "A"),
                ("12:00", "13:00", "午餐"),
                ("13:00", "17:00", "B")
            ]
        );
        assert_eq!(rows[1].kind, RowKind::Lunch);
        assert_eq!(
            too_long(&list, 1.0, Lang::Zh),
            None,
            "480 minutes with lunch fit a day"
        );
        assert_eq!(no_lunch(&list, &rows, 1.0), []);
    }

    #[test]
    fn an_agenda_whose_own_lunch_is_not_at_midday_is_a_warning() {
        let list = items(&[("A", 300), ("Lunch", 60), ("B", 60)]);
        let rows = schedule(&list, 1.0, Lang::En);
        let found = no_lunch(&list, &rows, 1.0);
        assert_eq!(
            found,
            [Warning::NoLunch {
                day: None,
                from: "09:00".into(),
                to: "16:00".into()
            }]
        );
        assert_eq!(
            found[0].message(Lang::Zh),
            "议程从 09:00 排到 16:00，在 12:00–13:00 之间没有午餐休息；请在午间加入午餐，或调整前面议程项的时长，使午餐落在 12:00–13:00 之间"
        );
        assert!(
            found[0]
                .message(Lang::En)
                .starts_with("the agenda runs from 09:00 to 16:00 with no lunch break")
        );
        let half = items(&[("A", 150), ("Lunch", 60)]);
        assert_eq!(
            no_lunch(&half, &schedule(&half, 0.5, Lang::En), 0.5),
            [],
            "half a day"
        );
    }
}
