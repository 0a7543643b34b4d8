//! AL301–AL308: sessions (step 3, 开展团队学习与工作) — the kick-off, the rhythm
//! of workshops and group meetings, attendance and actions.

use super::Ctx;
use super::rule;
use crate::dates::{Month, days_between};
use crate::diag::Severity::{Error, Warning};
use crate::lang::pick;
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

/// A session the rhythm rules cannot place because its `kind` or its `date`
/// is written with a value that is not valid (already reported at its
/// place). What is unknown is `None`: it could be any kind, or on any day.
///
/// One mistake, one finding: a rhythm finding that says a session is
/// missing (no kick-off before the first workshop, a gap between workshops
/// that is too long, a month without a group meeting) is not given when an
/// unplaced session could be that very session, nor when an unplaced
/// session could be the review that ends step 3 before the month judged.
/// A session whose kind or date is merely absent is not unplaced in this
/// sense: a missing key is its own finding and the rules judge without it.
struct Unplaced<'a> {
    kind: Option<SessionKind>,
    date: Option<Date>,
    groups: &'a [crate::yaml::Sp<String>],
}

impl Unplaced<'_> {
    /// Whether it could be a session of this kind.
    fn could_be(&self, kind: SessionKind) -> bool {
        self.kind.is_none_or(|k| k == kind)
    }

    /// Whether it could fall on a day for which `when` holds.
    fn could_fall(&self, when: impl Fn(Date) -> bool) -> bool {
        self.date.is_none_or(when)
    }

    /// Whether it could be a meeting of group `id` (a group meeting is for exactly one group).
    fn could_meet(&self, id: &str) -> bool {
        self.could_be(SessionKind::GroupMeeting) && self.groups.len() == 1 && self.groups[0].value == id
    }
}

/// The sessions whose kind or date is invalid (and neither is absent).
fn unplaced<'a>(ctx: &Ctx<'a>) -> Vec<Unplaced<'a>> {
    ctx.program
        .sessions
        .iter()
        .map(|s| &s.value)
        .filter(|s| {
            (s.kind.is_invalid() || s.date.is_invalid()) && !s.kind.is_absent() && !s.date.is_absent()
        })
        .map(|s| Unplaced {
            kind: s.kind.as_ref().map(|k| k.value),
            date: s.date.as_ref().map(|d| d.value),
            groups: &s.groups,
        })
        .collect()
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
    let unknown = unplaced(ctx);
    kickoff(ctx, &all, &unknown);
    workshops(ctx, &all, &unknown);
    rhythm(ctx, &all, &unknown);
    attendance(ctx);
    actions(ctx);
    activity(ctx);
    file_dates(ctx);
    officer_not_member(ctx);
    meeting_plan(ctx);
    meeting_record(ctx);
    past_midnight(ctx);
}

rule!(AL301, "kickoff-missing", Warning);

/// AL301: a kick-off before the first workshop.
fn kickoff(ctx: &mut Ctx, all: &[Dated], unknown: &[Unplaced]) {
    let Some(first) = all.iter().find(|s| s.kind == SessionKind::Workshop) else {
        return;
    };
    let before = all
        .iter()
        .any(|s| s.kind == SessionKind::Kickoff && s.date <= first.date);
    let maybe_before = unknown
        .iter()
        .any(|u| u.could_be(SessionKind::Kickoff) && u.could_fall(|d| d <= first.date));
    if before || maybe_before {
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
    let workshop = first.date;
    let message = match later {
        Some(k) => {
            let kickoff = k.date;
            crate::tr!(
                ctx.lang,
                "启动会议（{kickoff}）在第一期研讨班（{workshop}）之后才召开",
                "the kick-off meeting ({kickoff}) comes after the first workshop ({workshop})"
            )
        }
        None => crate::tr!(
            ctx.lang,
            "第一期研讨班（{workshop}）之前没有召开启动会议",
            "the first workshop ({workshop}) has no kick-off meeting before it"
        ),
    };
    let help = crate::tr!(
        ctx.lang,
        "先召开启动会议，并记为 `kind: kickoff` 的活动：明确目的意义、总体目标和领导期望，宣布团队组成和有关制度",
        "hold a kick-off (启动会议) first and record it as a session with `kind: kickoff`: purpose, goals, the leadership's expectations, the team and its rules"
    );
    let label = pick(ctx.lang, "第一期研讨班", "first workshop");
    ctx.emit(&AL301, first.doc.file, &loc, message, help).label(label);
}

rule!(AL302, "workshop-cadence", Warning);

rule!(AL303, "workshop-length", Warning);

/// AL302 (gaps between workshops) and AL303 (length of follow-up workshops).
fn workshops(ctx: &mut Ctx, all: &[Dated], unknown: &[Unplaced]) {
    let mut gap_done: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut length_done: BTreeSet<usize> = BTreeSet::new();
    for (group, idx) in workshop_series(ctx, all) {
        for pair in idx.windows(2) {
            if gap_done.insert((pair[0], pair[1])) {
                gap(ctx, group, (&all[pair[0]], &all[pair[1]]), unknown);
            }
        }
        for &i in idx.iter().skip(1) {
            if length_done.insert(i) {
                length(ctx, &all[i]);
            }
        }
    }
}

/// AL302: the gap between two workshops of a group's series.
fn gap(ctx: &mut Ctx, group: &str, (prev, next): (&Dated, &Dated), unknown: &[Unplaced]) {
    let [lo, hi] = ctx.limits.workshop_gap_days;
    let gap = days_between(prev.date, next.date);
    if (i64::from(lo)..=i64::from(hi)).contains(&gap) {
        return;
    }
    // A gap too long may hold a workshop whose kind or date is not valid.
    let maybe_between = unknown
        .iter()
        .any(|u| u.could_be(SessionKind::Workshop) && u.could_fall(|d| prev.date < d && d < next.date));
    if gap > i64::from(hi) && maybe_between {
        return;
    }
    let whose = if group.is_empty() || ctx.index.groups.len() <= 1 || next.doc.value.groups.is_empty() {
        String::new()
    } else {
        crate::tr!(ctx.lang, "小组 `{group}` 的", " of group `{group}`")
    };
    let loc = next.date_loc();
    let (prev_file, months, prev_date) = (
        &ctx.program.files[prev.doc.file].rel,
        gap as f64 / 30.4,
        prev.date,
    );
    // "1 day", no "(about 0.0 months)" under a month, "the same day" for none.
    let (unit, about) = (
        crate::lang::plural(usize::try_from(gap).unwrap_or(0), "day", "days"),
        if gap >= 30 {
            crate::tr!(ctx.lang, "（约 {months:.1} 个月）", " (about {months:.1} months)")
        } else {
            String::new()
        },
    );
    let message = if gap == 0 {
        crate::tr!(
            ctx.lang,
            "{whose}这期研讨班与上一期（{prev_file}）在同一天（{prev_date}）",
            "this workshop{whose} is on the same day as the previous one, {prev_date} ({prev_file})"
        )
    } else {
        crate::tr!(
            ctx.lang,
            "{whose}这期研讨班与上一期（{prev_date}，{prev_file}）相隔 {gap} 天{about}",
            "this workshop{whose} is {gap} {unit}{about} after the previous one on {prev_date} ({prev_file})"
        )
    };
    let help = crate::tr!(
        ctx.lang,
        "后续研讨班每一个半月至两个月举办一次：与上一期相隔 {lo} 至 {hi} 天",
        "follow-up workshops come every 1.5 to 2 months: {lo} to {hi} days after the previous one"
    );
    let label = if gap == 0 {
        crate::tr!(ctx.lang, "与 {prev_date} 同一天", "the same day as {prev_date}")
    } else {
        crate::tr!(
            ctx.lang,
            "距 {prev_date} {gap} 天",
            "{gap} {unit} after {prev_date}"
        )
    };
    ctx.emit(&AL302, next.doc.file, &loc, message, help).label(label);
}

/// AL303: the length of a follow-up workshop. A `days` written with a value
/// that is not valid is not judged (it is not one day).
fn length(ctx: &mut Ctx, s: &Dated) {
    let [min_days, max_days] = ctx.limits.workshop_days;
    if s.doc.value.days.is_invalid() {
        return;
    }
    let days = s.doc.value.days.as_ref().map_or(1.0, |d| d.value.0);
    if (min_days..=max_days).contains(&days) {
        return;
    }
    let plural = if days == 1.0 { "" } else { "s" };
    let (loc, label) = match &*s.doc.value.days {
        Some(d) => (
            d.loc.clone(),
            crate::tr!(ctx.lang, "{days} 天", "{days} day{plural}"),
        ),
        None => (
            s.doc
                .value
                .kind
                .as_ref()
                .map(|k| k.loc.clone())
                .unwrap_or_default(),
            pick(ctx.lang, "未写 `days`：按一天计", "no `days`: one day").to_string(),
        ),
    };
    let date = s.date;
    let message = crate::tr!(
        ctx.lang,
        "这期后续研讨班（{date}）为期 {days} 天",
        "this follow-up workshop ({date}) lasts {days} day{plural}"
    );
    let help = crate::tr!(
        ctx.lang,
        "后续研讨班每期 {min_days} 至 {max_days} 天；请写明天数，如 `days: {min_days}`",
        "a follow-up workshop lasts {min_days} to {max_days} days; write its length, e.g. `days: {min_days}`"
    );
    ctx.emit(&AL303, s.doc.file, &loc, message, help).label(label);
}

rule!(AL304, "meeting-rhythm", Warning);

/// AL304: during step 3 every group meets 1–2 times each calendar month.
fn rhythm(ctx: &mut Ctx, all: &[Dated], unknown: &[Unplaced]) {
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
    let (start_month, end_month) = (Month::of(first.date), Month::of(end));
    // Whether a session not placed could be a review that ends step 3 in a
    // month for which `when` holds.
    let may_end = |when: &dyn Fn(Month) -> bool| {
        unknown.iter().any(|u| {
            u.could_be(SessionKind::Review) && u.could_fall(|d| d >= first.date && when(Month::of(d)))
        })
    };
    let Some(team) = &ctx.program.team else { return };
    for g in &team.value.groups {
        let Some(id) = &*g.value.id else { continue };
        let gid = id.value.0.as_str();
        let meetings: Vec<&Dated> = all
            .iter()
            .filter(|s| {
                s.kind == SessionKind::GroupMeeting
                    && s.doc.value.groups.len() == 1
                    && s.doc.value.groups[0].value == gid
                    && s.date >= first.date
                    && s.date <= end
            })
            .collect();
        let mut by_month: BTreeMap<Month, Vec<&Dated>> = BTreeMap::new();
        for m in &meetings {
            by_month.entry(Month::of(m.date)).or_default().push(m);
        }
        // The months in which the group gathered at a workshop (one naming
        // no groups is for every group): the first workshop's and any later one's.
        let workshop_months: BTreeSet<Month> = all
            .iter()
            .filter(|s| s.kind == SessionKind::Workshop && s.date <= end)
            .filter(|s| crate::facts::session_groups(ctx.program, &s.doc.value).contains(&gid))
            .map(|s| Month::of(s.date))
            .collect();
        let mut month = start_month;
        while month <= end_month {
            let held = by_month.get(&month).map_or(&[][..], Vec::as_slice);
            // A month in which the group gathered at a workshop — the first
            // workshop's month and any later one alike — is its own gathering,
            // and the last month of the window is unfinished: neither is held to
            // the minimum (the maximum still holds). Nor is a month a session not
            // placed could be a meeting of, or be past the end of.
            let maybe_held = unknown
                .iter()
                .any(|u| u.could_meet(gid) && u.could_fall(|d| Month::of(d) == month));
            let judged_for_min = !workshop_months.contains(&month)
                && month != start_month
                && month != end_month
                && !maybe_held
                && !may_end(&|m| m <= month);
            if judged_for_min && (held.len() as u32) < min_of(ctx) {
                too_few(ctx, (team.file, &id.loc), gid, month, held.len(), &meetings);
            }
            // A month after a review not placed is not in step 3 at all.
            let past_end = may_end(&|m| m < month);
            if !past_end && held.len() as u32 > max_of(ctx) {
                too_many(ctx, gid, month, held);
            }
            month = month.next();
        }
    }
}

/// The fewest group meetings a month.
fn min_of(ctx: &Ctx) -> u32 {
    ctx.limits.meetings_per_month[0]
}

/// The most group meetings a month.
fn max_of(ctx: &Ctx) -> u32 {
    ctx.limits.meetings_per_month[1]
}

/// AL304: a month with fewer meetings than the minimum, reported at the group's id.
fn too_few(
    ctx: &mut Ctx,
    (file, loc): (usize, &crate::diag::Loc),
    gid: &str,
    month: Month,
    held: usize,
    meetings: &[&Dated],
) {
    let [min, max] = ctx.limits.meetings_per_month;
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
        (Some(b), Some(a)) => crate::tr!(
            ctx.lang,
            "（在 {b} 与 {a} 两次会议之间）",
            " (between the meetings of {b} and {a})"
        ),
        (Some(b), None) => crate::tr!(ctx.lang, "（上一次会议在 {b}）", " (the last meeting was on {b})"),
        (None, Some(a)) => crate::tr!(
            ctx.lang,
            "（第一次会议在 {a}）",
            " (the first meeting was on {a})"
        ),
        (None, None) => String::new(),
    };
    let message = match ctx.lang {
        crate::config::Lang::Zh if held == 0 => {
            format!("小组 `{gid}` 在 {month} 没有召开小组会议{between}")
        }
        crate::config::Lang::Zh => format!("小组 `{gid}` 在 {month} 只召开了 {held} 次小组会议{between}"),
        crate::config::Lang::En => format!(
            "group `{gid}` held {} group meeting{} in {month}{between}",
            if held == 0 {
                "no".to_string()
            } else {
                held.to_string()
            },
            crate::lang::plural(held, "", "s")
        ),
    };
    let help = crate::tr!(
        ctx.lang,
        "第三步期间，小组每月开会 {min} 至 {max} 次；每次会议都记为 `kind: group-meeting` 的活动",
        "during step 3 a group meets {min} to {max} times a month; record each meeting as a session with `kind: group-meeting`"
    );
    let label = crate::tr!(ctx.lang, "{month} 没有会议", "no meeting in {month}");
    ctx.emit(&AL304, file, loc, message, help)
        .label(label)
        .group(gid)
        .month(month);
}

/// AL304: a month with more meetings than the maximum, reported at the first one too many.
fn too_many(ctx: &mut Ctx, gid: &str, month: Month, held: &[&Dated]) {
    let [min, max] = ctx.limits.meetings_per_month;
    let Some(extra) = held.get(max as usize) else {
        return;
    };
    let (loc, n, nth) = (extra.date_loc(), held.len(), max + 1);
    let message = crate::tr!(
        ctx.lang,
        "小组 `{gid}` 在 {month} 召开了 {n} 次小组会议，超过 {max} 次",
        "group `{gid}` held {n} group meetings in {month}, more than {max}"
    );
    let help = crate::tr!(
        ctx.lang,
        "第三步期间，小组每月开会 {min} 至 {max} 次；请合并会议，或把工作性质的聚会记为活动",
        "during step 3 a group meets {min} to {max} times a month; merge meetings, or record work sessions as activities"
    );
    let label = crate::tr!(ctx.lang, "{month} 第 {nth} 次会议", "meeting {nth} of {month}");
    ctx.emit(&AL304, extra.doc.file, &loc, message, help)
        .label(label)
        .group(gid)
        .month(month);
}

rule!(AL305, "attendee-not-in-group", Warning);

/// AL305: a group meeting's attendees are members of that group (people who
/// come from outside it are its `guests:`, which are not checked).
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
        let date = v.date.as_ref().map(|d| d.value);
        for a in v.attendees.iter().flatten() {
            let person = a.value.as_str();
            if !ctx.index.people.contains_key(person) {
                continue;
            }
            if group.members.iter().any(|m| m.value == person) {
                if let Some(d) = date
                    && !crate::facts::member_on(p, person, Some(d))
                {
                    let message = crate::tr!(
                        ctx.lang,
                        "`{person}` 出现在 {d} 小组 `{gid}` 会议的出勤名单中，但当天不是本组成员（见 team.yaml 的 `joined:`/`left:`）",
                        "`{person}` is recorded at the meeting of group `{gid}` on {d}, but was not a member that day (see `joined:`/`left:` in team.yaml)"
                    );
                    let help = pick(
                        ctx.lang,
                        "核对此人的 `joined:`/`left:` 日期，或这次会议的 `attendees:`；组外来宾记在 `guests:` 中",
                        "check the person's `joined:`/`left:` dates, or this meeting's `attendees:`; record guests under `guests:`",
                    );
                    let label = crate::tr!(ctx.lang, "{d} 时不是成员", "not a member on {d}");
                    ctx.emit(&AL305, s.file, &a.loc, message, help.to_string())
                        .label(label)
                        .group(gid)
                        .person(person);
                }
                continue;
            }
            let theirs = ctx.index.groups_of(person);
            let whose = match theirs.first() {
                Some(other) => crate::tr!(ctx.lang, "是小组 `{other}` 的成员", "a member of group `{other}`"),
                None => pick(ctx.lang, "不属于任何小组", "in no group").to_string(),
            };
            let message = crate::tr!(
                ctx.lang,
                "`{person}` 参加了小组 `{gid}` 的会议，但{whose}",
                "`{person}` attended a meeting of group `{gid}` but is {whose}"
            );
            let help = crate::tr!(
                ctx.lang,
                "小组会议只面向本组成员；组外来宾记在 `guests:` 中，或举办写明相关各组的联合活动（kind: workshop 或 activity）",
                "a group meeting is for its own members; record guests under `guests:`, or hold a joint session (kind: workshop or activity) naming both groups"
            );
            let label = crate::tr!(ctx.lang, "不是 `{gid}` 的成员", "not in `{gid}`");
            ctx.emit(&AL305, s.file, &a.loc, message, help)
                .label(label)
                .group(gid)
                .person(person);
        }
    }
}

rule!(AL306, "action-incomplete", Error);

rule!(AL307, "action-overdue", Warning);

/// AL306 (owner and due date) and AL307 (overdue) for every action.
fn actions(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        for a in &s.value.actions {
            incomplete(ctx, s.file, a);
            overdue(ctx, s.file, a);
        }
    }
}

/// The action's task, for messages.
fn task_of<'a>(ctx: &Ctx, v: &'a crate::model::Action) -> &'a str {
    v.task
        .as_ref()
        .map_or(pick(ctx.lang, "（未写任务）", "(no task)"), |t| {
            t.0.as_str()
        })
}

/// AL306: an action has an owner and a due date, unless it is dropped. A key
/// written with a value that is not valid is not missing; and an action
/// whose `status` is not valid is not judged (it may be meant as dropped).
fn incomplete(ctx: &mut Ctx, file: usize, a: &crate::yaml::Sp<crate::model::Action>) {
    let v = &a.value;
    if v.status.is_invalid() || crate::facts::action_status(v) == ActionStatus::Dropped {
        return;
    }
    let (no_owner, no_due) = (v.owner.is_absent(), v.due.is_absent());
    let missing: Vec<&str> = [
        (pick(ctx.lang, "负责人", "owner"), no_owner),
        (pick(ctx.lang, "完成期限", "due date"), no_due),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(w, _)| *w)
    .collect();
    let keys = match (no_owner, no_due) {
        (true, true) => pick(ctx.lang, "`owner:` 和 `due:`", "`owner:` and `due:`"),
        (true, false) => "`owner:`",
        (false, true) => "`due:`",
        (false, false) => return,
    };
    let task = task_of(ctx, v);
    let message = match ctx.lang {
        crate::config::Lang::Zh => format!("行动项 `{task}` 没有{}", missing.join("，也没有")),
        crate::config::Lang::En => format!("the action `{task}` has no {}", missing.join(" and no ")),
    };
    let help = crate::tr!(
        ctx.lang,
        "每项承诺都要有人落实、有完成期限：请补上 {keys}",
        "every commitment has someone who carries it out and a date: add {keys}"
    );
    let label = match ctx.lang {
        crate::config::Lang::Zh => format!("无{}", missing.join("、无")),
        crate::config::Lang::En => format!("no {}", missing.join(", no ")),
    };
    ctx.emit(&AL306, file, &a.loc, message, help).label(label).action(
        v.id.as_ref().map(|i| i.value.0.as_str()),
        v.task.as_ref().map_or("", |t| t.0.as_str()),
    );
}

/// AL307: an open action past its due date. An action whose `status` is not
/// valid is not judged overdue: it may be done.
fn overdue(ctx: &mut Ctx, file: usize, a: &crate::yaml::Sp<crate::model::Action>) {
    let v = &a.value;
    if v.status.is_invalid() {
        return;
    }
    let (Some(late), Some(due)) = (crate::facts::days_overdue(v, ctx.today), &*v.due) else {
        return;
    };
    let task = task_of(ctx, v);
    let owner = match &*v.owner {
        Some(o) => {
            let o = &o.value.0;
            crate::tr!(ctx.lang, "（负责人 `{o}`）", ", owner `{o}`")
        }
        None => String::new(),
    };
    let (date, plural) = (
        due.value,
        crate::lang::plural(late.unsigned_abs() as usize, "", "s"),
    );
    let message = crate::tr!(
        ctx.lang,
        "行动项 `{task}`{owner}的完成期限是 {date}，至今仍未完成（已过期 {late} 天）",
        "the action `{task}`{owner} was due on {date} and is still open ({late} day{plural} overdue)"
    );
    let help = crate::tr!(
        ctx.lang,
        "在下次会议上检查这项行动：标为 `status: done` 或 `status: dropped`，或商定新的 `due:` 日期",
        "review it at the next meeting: mark it `status: done` or `status: dropped`, or agree a new `due:` date"
    );
    let label = crate::tr!(ctx.lang, "已过期 {late} 天", "{late} day{plural} overdue");
    ctx.emit(&AL307, file, &due.loc, message, help)
        .label(label)
        .action(
            v.id.as_ref().map(|i| i.value.0.as_str()),
            v.task.as_ref().map_or("", |t| t.0.as_str()),
        );
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
                let message = pick(
                    ctx.lang,
                    "这项活动没有写明活动形式",
                    "this activity does not say what kind of activity it is",
                );
                let help = pick(
                    ctx.lang,
                    "添加 `activity:`，取值为以下之一：survey、study-visit、training、forum、consultation、online",
                    "add `activity:` with one of: survey, study-visit, training, forum, consultation, online",
                );
                let label = pick(ctx.lang, "缺少 `activity`", "no `activity`");
                ctx.emit(&AL308, s.file, &kind.loc, message.to_string(), help.to_string())
                    .label(label);
            }
            (k, Some(a)) if k != SessionKind::Activity => {
                let value = &a.value;
                let message = crate::tr!(
                    ctx.lang,
                    "类型为 `{k}` 的活动写了 `activity: {value}`",
                    "`activity: {value}` is given on a session of kind `{k}`"
                );
                let help = pick(
                    ctx.lang,
                    "`activity:` 只用于 `kind: activity`；请把类型改为 activity，或删除这一项",
                    "`activity:` belongs only to `kind: activity`; change the kind to activity, or remove this key",
                );
                let label = crate::tr!(ctx.lang, "用在 `{k}` 上", "on a `{k}`");
                ctx.emit(&AL308, s.file, &a.loc, message, help.to_string())
                    .label(label);
            }
            _ => {}
        }
    }
}

rule!(AL309, "session-file-date-mismatch", Warning);

/// The date a file name starts with (`2026-05-11-workshop-2` → 2026-05-11),
/// if it does.
fn date_in_name(stem: &str) -> Option<Date> {
    let head = stem.get(..10)?;
    let rest = &stem[10..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    crate::dates::parse_date(head).ok()
}

/// AL309: a session file whose name starts with a date has that `date:`.
fn file_dates(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        let Some(date) = &*s.value.date else { continue };
        let name = p.stem(s.file);
        let Some(named) = date_in_name(name) else { continue };
        if named == date.value {
            continue;
        }
        let d = date.value;
        let message = crate::tr!(
            ctx.lang,
            "文件名 `{name}` 的日期是 {named}，但 `date:` 是 {d}",
            "the file name `{name}` says {named}, but `date:` says {d}"
        );
        let help = pick(
            ctx.lang,
            "更正 `date:`，或重命名文件，使文件名开头的日期与 `date:` 一致",
            "correct `date:`, or rename the file so that the date it starts with is the `date:`",
        );
        let label = crate::tr!(ctx.lang, "文件名是 {named}", "the file name says {named}");
        ctx.emit(&AL309, s.file, &date.loc, message, help.to_string())
            .label(label);
    }
}

rule!(AL311, "officer-not-member", Warning);

/// AL311: a session's `learning_officer` is a member of its groups on its
/// date. One who is not a defined person is reported by AL004.
fn officer_not_member(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        let v = &s.value;
        let Some(lo) = &*v.learning_officer else { continue };
        let id = lo.value.0.as_str();
        if !ctx.index.people.contains_key(id) || crate::facts::expected(p, v).contains(&id) {
            continue;
        }
        let groups = crate::facts::session_groups(p, v).join(", ");
        let message = crate::tr!(
            ctx.lang,
            "本次活动的学习委员 `{id}` 不是参加小组（{groups}）的成员",
            "the learning officer `{id}` of this session is not a member of its groups ({groups})"
        );
        let help = pick(
            ctx.lang,
            "学习委员由参加小组的成员轮流担任：请从这些小组的 `members:` 中选定",
            "the learning officer is a member of the session's groups, in rotation; choose one from their `members:`",
        );
        let label = pick(ctx.lang, "不是参加小组的成员", "not a member of its groups");
        ctx.emit(&AL311, s.file, &lo.loc, message, help.to_string())
            .label(label);
    }
}

rule!(AL312, "meeting-without-plan", Warning);

/// AL312: a group meeting ends with the next action plan (制定下一步行动计划):
/// a meeting held before `--today` with no `actions` is reported. A meeting
/// today may still be going on; one whose date or kind is not valid is not
/// judged.
fn meeting_plan(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        let v = &s.value;
        let (Some(kind), Some(date)) = (&*v.kind, &*v.date) else {
            continue;
        };
        if kind.value != SessionKind::GroupMeeting || date.value >= ctx.today || !v.actions.is_empty() {
            continue;
        }
        let d = date.value;
        let message = crate::tr!(
            ctx.lang,
            "{d} 的小组会议没有记录下一步的行动（`actions:`）",
            "the group meeting of {d} records no next actions (`actions:`)"
        );
        let help = pick(
            ctx.lang,
            "小组会议以制定下一步行动计划结束：在 `actions:` 下写明每项行动的任务、负责人和完成期限",
            "a group meeting ends with the next action plan: list each action under `actions:` with its task, owner and due date",
        );
        let label = pick(ctx.lang, "没有行动计划", "no action plan");
        ctx.emit(&AL312, s.file, &kind.loc, message, help.to_string())
            .label(label);
    }
}

rule!(AL313, "meeting-without-record", Warning);

/// AL313: the learning officer keeps the record of each activity (学习委员：
/// 活动记录与总结汇报). A group meeting or a workshop held before `--today`
/// that records nothing of what happened — no `notes`, no `decisions`, no
/// `learning` ([`crate::facts::has_record`]) — is reported at its kind,
/// naming the learning officers on duty ([`crate::facts::officers_on_duty`]):
/// the session's own `learning_officer`, else each of its groups' officer
/// in rotation. A session today may still be going on; one whose date or
/// kind is not valid is not judged.
fn meeting_record(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        let v = &s.value;
        let (Some(kind), Some(date)) = (&*v.kind, &*v.date) else {
            continue;
        };
        let judged = matches!(kind.value, SessionKind::GroupMeeting | SessionKind::Workshop);
        if !judged || date.value >= ctx.today || crate::facts::has_record(v) {
            continue;
        }
        let duty = crate::facts::officers_on_duty(p, v);
        let (d, lang) = (date.value, ctx.lang);
        let what = match kind.value {
            SessionKind::Workshop => pick(lang, "研讨班", "workshop"),
            _ => pick(lang, "小组会议", "group meeting"),
        };
        let message = crate::tr!(
            lang,
            "{d} 的{what}没有记录：没有 `notes`、`decisions`，也没有 `learning`{on_duty}",
            "the {what} of {d} has no record: no `notes`, no `decisions` and no `learning`{on_duty}",
            on_duty = on_duty(lang, &duty)
        );
        let help = pick(
            lang,
            "学习委员负责每次活动的记录与总结：在 `notes:` 下记下讨论了什么，在 `decisions:` 下写明作了哪些决定，在 `learning:` 下列出学了什么、由谁分享",
            "the learning officer keeps the record of each meeting (学习委员：活动记录与总结汇报): write what was discussed under `notes:`, what was decided under `decisions:`, and what was studied, and who shared it, under `learning:`",
        );
        let label = match duty.as_slice() {
            [(_, o)] => crate::tr!(lang, "学习委员 `{o}` 未作记录", "no record by `{o}`"),
            _ => pick(lang, "没有记录", "no record").to_string(),
        };
        let finding = ctx.emit(&AL313, s.file, &kind.loc, message, help.to_string());
        finding.label(label);
        if let [(_, o)] = duty.as_slice() {
            finding.person(o);
        }
        if let [g] = v.groups.as_slice() {
            finding.group(g.value.as_str());
        }
    }
}

/// How a message names the learning officers on duty: "（当值学习委员：`li`）",
/// " (learning officer on duty: `li`)", with each one's group when the
/// session is for several; empty when none is known.
fn on_duty(lang: crate::config::Lang, duty: &[(Option<&str>, &str)]) -> String {
    let several = duty.len() > 1;
    let names: Vec<String> = duty
        .iter()
        .map(|(g, o)| match g {
            Some(g) if several => crate::tr!(lang, "`{o}`（小组 `{g}`）", "`{o}` (group `{g}`)"),
            _ => format!("`{o}`"),
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => crate::tr!(
            lang,
            "（当值学习委员：{one}）",
            " (learning officer on duty: {one})"
        ),
        _ => {
            let all = names.join(pick(lang, "、", ", "));
            crate::tr!(
                lang,
                "（当值学习委员：{all}）",
                " (learning officers on duty: {all})"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Lang, Limits};
    use crate::facts::test_program::{TEAM, d, program};

    /// The AL313 findings at 2026-06-01: message, and the person it is about.
    fn unrecorded(sessions: &[(&str, &str)], lang: Lang) -> Vec<(String, Option<String>)> {
        let mut files = vec![("team.yaml", TEAM)];
        files.extend_from_slice(sessions);
        let p = program(&files);
        crate::rules::run(&p, &Limits::default(), d("2026-06-01"), lang)
            .into_iter()
            .filter(|f| f.rule.code == "AL313")
            .map(|f| (f.message, f.about.person))
            .collect()
    }

    #[test]
    fn a_meeting_without_a_record_names_the_learning_officer_on_duty() {
        let found = unrecorded(
            &[
                (
                    "sessions/m1.yaml",
                    "kind: group-meeting\ndate: 2026-05-02\ngroups: [g1]\nnotes: 记录\n",
                ),
                (
                    "sessions/m2.yaml",
                    "kind: group-meeting\ndate: 2026-05-20\ngroups: [g1]\ndecisions: ['']\nlearning: [{ by: a }]\nnotes: ' '\n",
                ),
                (
                    "sessions/m3.yaml",
                    "kind: group-meeting\ndate: 2026-06-01\ngroups: [g1]\n",
                ),
                (
                    "sessions/a.yaml",
                    "kind: activity\nactivity: survey\ndate: 2026-05-21\n",
                ),
            ],
            Lang::En,
        );
        // Blank notes, decisions and learning are no record; today's meeting
        // and an activity are not judged. `b` then `a` rotate in g1.
        assert_eq!(
            found,
            [(
                "the group meeting of 2026-05-20 has no record: no `notes`, no `decisions` and no `learning` (learning officer on duty: `a`)".to_string(),
                Some("a".to_string())
            )]
        );
    }

    #[test]
    fn a_workshop_of_several_groups_names_each_group_s_officer() {
        let workshop = ("sessions/w.yaml", "kind: workshop\ndate: 2026-05-01\n");
        let zh = unrecorded(&[workshop], Lang::Zh);
        assert_eq!(
            zh,
            [(
                "2026-05-01 的研讨班没有记录：没有 `notes`、`decisions`，也没有 `learning`（当值学习委员：`c`（小组 `g2`）、`b`（小组 `g1`））".to_string(),
                None
            )]
        );
        let recorder = (
            "sessions/w.yaml",
            "kind: workshop\ndate: 2026-05-01\nlearning_officer: a\n",
        );
        let en = unrecorded(&[recorder], Lang::En);
        assert_eq!(
            en,
            [(
                "the workshop of 2026-05-01 has no record: no `notes`, no `decisions` and no `learning` (learning officer on duty: `a`)".to_string(),
                Some("a".to_string())
            )]
        );
    }
}

rule!(AL315, "agenda-past-midnight", Warning);

/// AL315: a session's own agenda that, laid out from 09:00 as `al agenda`
/// lays it out, runs to midnight of its last day or past it
/// ([`crate::facts::past_midnight`]), at the first item that ends then.
fn past_midnight(ctx: &mut Ctx) {
    let p = ctx.program;
    for s in &p.sessions {
        let Some((i, end)) = crate::facts::past_midnight(&s.value) else {
            continue;
        };
        let Some(item) = s.value.agenda.get(i) else {
            continue;
        };
        let (later, time) = (end / (24 * 60), end % (24 * 60));
        let time = format!("{:02}:{:02}", time / 60, time % 60);
        let when = match (later, ctx.lang) {
            (1, crate::config::Lang::Zh) => format!("次日 {time}"),
            (d, crate::config::Lang::Zh) => format!(" {d} 天后的 {time}"),
            (1, crate::config::Lang::En) => format!("{time} the next day"),
            (d, crate::config::Lang::En) => format!("{time}, {d} days later"),
        };
        let message = crate::tr!(
            ctx.lang,
            "议程排到了午夜之后：从 09:00 排起，各项要到{when} 才结束",
            "the agenda runs past midnight: laid out from 09:00, its items end at {when}"
        );
        let help = pick(
            ctx.lang,
            "缩短或删去一些议程项，或在 `days:` 中写明活动实际的天数（每天按 09:00–17:00、午餐一小时安排）",
            "shorten or remove items, or write the session's real length in `days:` (a day is laid out 09:00–17:00 with an hour for lunch)",
        );
        let label = pick(ctx.lang, "此项在午夜之后结束", "this item ends after midnight");
        ctx.emit(&AL315, s.file, &item.loc, message, help.to_string())
            .label(label);
    }
}
