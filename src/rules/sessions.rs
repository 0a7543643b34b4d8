//! AL301–AL308: sessions (step 3, 开展团队学习与工作) — the kick-off, the rhythm
//! of workshops and group meetings, attendance and actions.

use super::Ctx;
use super::rule;
use crate::dates::{Month, days_between};
use crate::diag::Severity::{Error, Warning};
use crate::load::Doc;
use crate::model::{ActionStatus, Date, Session, SessionKind};
use std::collections::{BTreeMap, BTreeSet};

/// A session with a date and a kind, the only ones the rhythm rules can place.
struct Dated<'a> {
    doc: &'a Doc<Session>,
    date: Date,
    kind: SessionKind,
}

impl Dated<'_> {
    /// Where the session's date is written.
    fn date_loc(&self) -> crate::diag::Loc {
        self.doc
            .value
            .date
            .as_ref()
            .map(|d| d.loc.clone())
            .unwrap_or_default()
    }
}

/// Sessions with a date and a kind, by date (then file, for a stable order).
fn dated<'a>(ctx: &Ctx<'a>) -> Vec<Dated<'a>> {
    let p = ctx.program;
    let mut v: Vec<Dated<'a>> = p
        .sessions
        .iter()
        .filter_map(|doc| {
            Some(Dated {
                doc,
                date: doc.value.date.as_ref()?.value,
                kind: doc.value.kind.as_ref()?.value,
            })
        })
        .collect();
    v.sort_by(|a, b| (a.date, &p.files[a.doc.file].rel).cmp(&(b.date, &p.files[b.doc.file].rel)));
    v
}

/// The groups a session is for: those it names, or every group when it names none.
fn groups_of<'a>(ctx: &Ctx<'a>, s: &'a Session) -> Vec<&'a str> {
    crate::facts::session_groups(ctx.program, s)
}

/// The workshop series each group takes part in (a workshop naming no group is for all).
/// A program without groups has one series, under the empty name.
fn workshop_series<'a>(ctx: &Ctx<'a>, all: &[Dated<'a>]) -> BTreeMap<&'a str, Vec<usize>> {
    let mut series: BTreeMap<&'a str, Vec<usize>> = BTreeMap::new();
    for (i, s) in all.iter().enumerate() {
        if s.kind != SessionKind::Workshop {
            continue;
        }
        let groups = groups_of(ctx, &s.doc.value);
        if groups.is_empty() {
            series.entry("").or_default().push(i);
        }
        for g in groups {
            series.entry(g).or_default().push(i);
        }
    }
    series
}

/// Runs the session rules.
pub fn check(ctx: &mut Ctx) {
    let all = dated(ctx);
    kickoff(ctx, &all);
    workshops(ctx, &all);
    rhythm(ctx, &all);
    attendance(ctx);
    actions(ctx);
    activity(ctx);
}

rule!(AL301, "kickoff-missing", Warning);

/// AL301: a kick-off before the first workshop.
fn kickoff(ctx: &mut Ctx, all: &[Dated]) {
    let Some(first) = all.iter().find(|s| s.kind == SessionKind::Workshop) else {
        return;
    };
    let before = all
        .iter()
        .any(|s| s.kind == SessionKind::Kickoff && s.date <= first.date);
    if before {
        return;
    }
    let later = all.iter().find(|s| s.kind == SessionKind::Kickoff);
    let loc = first
        .doc
        .value
        .kind
        .as_ref()
        .map(|k| k.loc.clone())
        .unwrap_or_default();
    let message = match later {
        Some(k) => format!(
            "the kick-off meeting ({}) comes after the first workshop ({})",
            k.date, first.date
        ),
        None => format!(
            "the first workshop ({}) has no kick-off meeting before it",
            first.date
        ),
    };
    ctx.emit(
        &AL301,
        first.doc.file,
        &loc,
        message,
        "hold a kick-off (启动会议) first and record it as a session with `kind: kickoff`: purpose, goals, the leadership's expectations, the team and its rules".to_string(),
    )
    .label("first workshop");
}

rule!(AL302, "workshop-cadence", Warning);

rule!(AL303, "workshop-length", Warning);

/// AL302 (gaps between workshops) and AL303 (length of follow-up workshops).
fn workshops(ctx: &mut Ctx, all: &[Dated]) {
    let [lo, hi] = ctx.limits.workshop_gap_days;
    let [min_days, max_days] = ctx.limits.workshop_days;
    let mut gap_done: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut length_done: BTreeSet<usize> = BTreeSet::new();
    for (group, idx) in workshop_series(ctx, all) {
        for pair in idx.windows(2) {
            let (prev, next) = (&all[pair[0]], &all[pair[1]]);
            let gap = days_between(prev.date, next.date);
            if (i64::from(lo)..=i64::from(hi)).contains(&gap) || !gap_done.insert((pair[0], pair[1])) {
                continue;
            }
            let whose = if group.is_empty() || ctx.index.groups.len() <= 1 || next.doc.value.groups.is_empty()
            {
                String::new()
            } else {
                format!(" of group `{group}`")
            };
            let loc = next.date_loc();
            let (prev_file, months) = (&ctx.program.files[prev.doc.file].rel, gap as f64 / 30.4);
            ctx.emit(
                &AL302,
                next.doc.file,
                &loc,
                format!(
                    "this workshop{whose} is {gap} days (about {months:.1} months) after the previous one on {} ({prev_file})",
                    prev.date
                ),
                format!("follow-up workshops come every 1.5 to 2 months: {lo} to {hi} days after the previous one"),
            )
            .label(format!("{gap} days after {}", prev.date));
        }
        for &i in idx.iter().skip(1) {
            let s = &all[i];
            let days = s.doc.value.days.as_ref().map_or(1.0, |d| d.value.0);
            if (min_days..=max_days).contains(&days) || !length_done.insert(i) {
                continue;
            }
            let (loc, label) = match &*s.doc.value.days {
                Some(d) => (
                    d.loc.clone(),
                    format!("{days} day{}", if days == 1.0 { "" } else { "s" }),
                ),
                None => (
                    s.doc
                        .value
                        .kind
                        .as_ref()
                        .map(|k| k.loc.clone())
                        .unwrap_or_default(),
                    "no `days`: one day".to_string(),
                ),
            };
            ctx.emit(
                &AL303,
                s.doc.file,
                &loc,
                format!("this follow-up workshop ({}) lasts {days} day{}", s.date, if days == 1.0 { "" } else { "s" }),
                format!("a follow-up workshop lasts {min_days} to {max_days} days; write its length, e.g. `days: {min_days}`"),
            )
            .label(label);
        }
    }
}

rule!(AL304, "meeting-rhythm", Warning);

/// AL304: during step 3 every group meets 1–2 times each calendar month.
fn rhythm(ctx: &mut Ctx, all: &[Dated]) {
    let Some(first) = all.iter().find(|s| s.kind == SessionKind::Workshop) else {
        return;
    };
    let review = all
        .iter()
        .find(|s| s.kind == SessionKind::Review && s.date >= first.date);
    let end = review.map_or(ctx.today, |r| r.date.min(ctx.today));
    if end < first.date {
        return;
    }
    let [min, max] = ctx.limits.meetings_per_month;
    let (start_month, end_month) = (Month::of(first.date), Month::of(end));
    let Some(team) = &ctx.program.team else { return };
    for g in &team.value.groups {
        let Some(id) = &*g.value.id else { continue };
        let meetings: Vec<&Dated> = all
            .iter()
            .filter(|s| {
                s.kind == SessionKind::GroupMeeting
                    && s.doc.value.groups.len() == 1
                    && s.doc.value.groups[0].value == id.value.0
                    && s.date >= first.date
                    && s.date <= end
            })
            .collect();
        let mut by_month: BTreeMap<Month, Vec<&Dated>> = BTreeMap::new();
        for m in &meetings {
            by_month.entry(Month::of(m.date)).or_default().push(m);
        }
        let mut month = start_month;
        while month <= end_month {
            let held = by_month.get(&month).map_or(&[][..], Vec::as_slice);
            // The first workshop's month is its own gathering, and the last month
            // of the window is unfinished: neither is held to the minimum.
            let judged_for_min = month != start_month && month != end_month;
            if judged_for_min && (held.len() as u32) < min {
                let before = meetings
                    .iter()
                    .rev()
                    .find(|m| Month::of(m.date) < month)
                    .map(|m| m.date);
                let after = meetings
                    .iter()
                    .find(|m| Month::of(m.date) > month)
                    .map(|m| m.date);
                let between = match (before, after) {
                    (Some(b), Some(a)) => format!(" (between the meetings of {b} and {a})"),
                    (Some(b), None) => format!(" (the last meeting was on {b})"),
                    (None, Some(a)) => format!(" (the first meeting was on {a})"),
                    (None, None) => String::new(),
                };
                ctx.emit(
                    &AL304,
                    team.file,
                    &id.loc,
                    format!(
                        "group `{}` held {} group meeting{} in {month}{between}",
                        id.value.0,
                        if held.is_empty() { "no".to_string() } else { held.len().to_string() },
                        if held.len() == 1 { "" } else { "s" }
                    ),
                    format!("during step 3 a group meets {min} to {max} times a month; record each meeting as a session with `kind: group-meeting`"),
                )
                .label(format!("no meeting in {month}"));
            }
            if held.len() as u32 > max
                && let Some(extra) = held.get(max as usize)
            {
                let loc = extra.date_loc();
                ctx.emit(
                    &AL304,
                    extra.doc.file,
                    &loc,
                    format!("group `{}` held {} group meetings in {month}, more than {max}", id.value.0, held.len()),
                    format!("during step 3 a group meets {min} to {max} times a month; merge meetings, or record work sessions as activities"),
                )
                .label(format!("meeting {} of {month}", max + 1));
            }
            month = month.next();
        }
    }
}

rule!(AL305, "attendee-not-in-group", Warning);

/// AL305: a group meeting's attendees are members of that group.
fn attendance(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        let v = &s.value;
        if v.kind.as_ref().map(|k| k.value) != Some(SessionKind::GroupMeeting) || v.groups.len() != 1 {
            continue;
        }
        let gid = v.groups[0].value.as_str();
        let Some(&group) = ctx.index.groups.get(gid) else {
            continue;
        };
        for a in v.attendees.iter().flatten() {
            let person = a.value.as_str();
            if !ctx.index.people.contains_key(person) || group.members.iter().any(|m| m.value == person) {
                continue;
            }
            let theirs = ctx.index.groups_of(person);
            let whose = match theirs.first() {
                Some(other) => format!("a member of group `{other}`"),
                None => "in no group".to_string(),
            };
            ctx.emit(
                &AL305,
                s.file,
                &a.loc,
                format!("`{person}` attended a meeting of group `{gid}` but is {whose}"),
                "a group meeting is for its own members; record guests under `notes`, or hold a joint session (kind: workshop or activity) naming both groups".to_string(),
            )
            .label(format!("not in `{gid}`"));
        }
    }
}

rule!(AL306, "action-incomplete", Error);

rule!(AL307, "action-overdue", Warning);

/// AL306 (owner and due date) and AL307 (overdue) for every action.
fn actions(ctx: &mut Ctx) {
    let p = ctx.program;
    let today = ctx.today;
    for s in &p.sessions {
        for a in &s.value.actions {
            let v = &a.value;
            let task = v.task.as_ref().map_or("(no task)", |t| t.0.as_str());
            let status = crate::facts::action_status(v);
            let missing: Vec<&str> = [("owner", v.owner.is_none()), ("due date", v.due.is_none())]
                .iter()
                .filter(|(_, m)| *m)
                .map(|(w, _)| *w)
                .collect();
            if !missing.is_empty() && status != ActionStatus::Dropped {
                let (loc, keys) = match missing.len() {
                    2 => (&a.loc, "`owner:` and `due:`"),
                    _ if v.owner.is_none() => (&a.loc, "`owner:`"),
                    _ => (&a.loc, "`due:`"),
                };
                ctx.emit(
                    &AL306,
                    s.file,
                    loc,
                    format!("the action `{task}` has no {}", missing.join(" and no ")),
                    format!("every commitment has someone who carries it out and a date: add {keys}"),
                )
                .label(format!("no {}", missing.join(", no ")));
            }
            if let Some(late) = crate::facts::days_overdue(v, today)
                && let Some(due) = &*v.due
            {
                let owner = v
                    .owner
                    .as_ref()
                    .map(|o| format!(", owner `{}`", o.value.0))
                    .unwrap_or_default();
                ctx.emit(
                    &AL307,
                    s.file,
                    &due.loc,
                    format!("the action `{task}`{owner} was due on {} and is still open ({late} day{} overdue)", due.value, if late == 1 { "" } else { "s" }),
                    "review it at the next meeting: mark it `status: done` or `status: dropped`, or agree a new `due:` date".to_string(),
                )
                .label(format!("{late} days overdue"));
            }
        }
    }
}

rule!(AL308, "session-activity-kind", Error);

/// AL308: `kind: activity` names its activity; other kinds do not.
fn activity(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        let v = &s.value;
        let Some(kind) = &*v.kind else { continue };
        match (kind.value, &*v.activity) {
            (SessionKind::Activity, None) => {
                if v.activity.is_invalid() {
                    continue;
                }
                ctx.emit(
                    &AL308,
                    s.file,
                    &kind.loc,
                    "this activity does not say what kind of activity it is".to_string(),
                    "add `activity:` with one of: survey, study-visit, training, forum, consultation, online"
                        .to_string(),
                )
                .label("no `activity`");
            }
            (k, Some(a)) if k != SessionKind::Activity => {
                ctx.emit(
                    &AL308,
                    s.file,
                    &a.loc,
                    format!("`activity: {}` is given on a session of kind `{k}`", a.value),
                    "`activity:` belongs only to `kind: activity`; change the kind to activity, or remove this key".to_string(),
                )
                .label(format!("on a `{k}`"));
            }
            _ => {}
        }
    }
}
