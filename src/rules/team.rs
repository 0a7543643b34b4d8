//! AL201–AL209: the team (step 2, 组建团队).

use super::{Ctx, rule};
use crate::config::Lang;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};
use crate::facts;
use crate::lang::pick;
use crate::model::{Consent, Date, Group, Person, SessionKind, Sp};
use std::collections::{BTreeMap, BTreeSet};

/// Where to point for a finding about a whole group: its id, else its entry.
fn group_loc(g: &Sp<Group>) -> &Loc {
    g.value.id.as_ref().map_or(&g.loc, |i| &i.loc)
}

/// How a message names a group: "group `g1` (研发组)", "group `g1`",
/// "group 研发组" or "a group". The Chinese name is followed directly by
/// Chinese text ("{name}没有组长"), so after an id it ends with a space.
/// A group's id, for narrow waivers (empty for a group without one).
fn gid_of(g: &Sp<Group>) -> &str {
    g.value.id.as_ref().map_or("", |i| i.value.0.as_str())
}

fn group_name(lang: Lang, g: &Group) -> String {
    match (&*g.id, &*g.name) {
        (Some(id), Some(name)) => crate::tr!(
            lang,
            "小组 `{id}`（{name}）",
            "group `{id}` ({name})",
            id = id.value.0,
            name = name.value.0
        ),
        (Some(id), None) => crate::tr!(lang, "小组 `{id}` ", "group `{id}`", id = id.value.0),
        (None, Some(name)) => crate::tr!(lang, "小组“{name}”", "group {name}", name = name.value.0),
        (None, None) => pick(lang, "某个小组", "a group").to_string(),
    }
}

rule!(AL201, "group-too-small", Error);

rule!(AL202, "group-too-large", Error);

rule!(AL203, "too-many-groups", Error);

rule!(AL204, "leader-invalid", Error);

rule!(AL205, "member-in-two-groups", Error);

rule!(AL206, "learning-officer-missing", Warning);

rule!(AL207, "facilitator-missing", Warning);

rule!(AL208, "consent-missing", Warning);

/// Runs the team rules.
pub fn check(ctx: &mut Ctx) {
    let Some(doc) = &ctx.program.team else { return };
    let (f, team) = (doc.file, &doc.value);
    for g in &team.groups {
        let name = group_name(ctx.lang, &g.value);
        size(ctx, f, g, &name);
        leader(ctx, f, g, &name);
        learning_officers(ctx, f, g, &name);
        facilitator(ctx, f, g, &name);
        diversity(ctx, f, g, &name);
    }
    too_many_groups(ctx, f, &team.groups);
    let first_group = two_groups(ctx, f, &team.groups);
    consent(ctx, f, &team.people, &first_group);
    in_no_group(ctx, f, &team.people, &first_group);
    consent_after_attending(ctx, f, &team.people);
}

rule!(AL212, "consent-after-attending", Warning);

/// AL212: a person's recorded consent is dated after the first session they
/// are recorded as attending (`attendees`): they took part before agreeing to.
fn consent_after_attending(ctx: &mut Ctx, f: usize, people: &[Sp<crate::model::Person>]) {
    let p = ctx.program;
    for person in people {
        let (Some(key), Some(consent)) = (person.value.key(), &*person.value.consent) else {
            continue;
        };
        let Consent::On(agreed) = consent.value else {
            continue;
        };
        let id = key.value.0.as_str();
        let first = p
            .sessions
            .iter()
            .filter(|s| s.value.attendees.iter().flatten().any(|a| a.value == id))
            .filter_map(|s| s.value.date.as_ref().map(|d| d.value))
            .min();
        let Some(first) = first.filter(|d| *d < agreed) else {
            continue;
        };
        let lang = ctx.lang;
        let message = crate::tr!(
            lang,
            "`{id}` 在 {first} 已参加活动，但同意参加的日期写的是 {agreed}",
            "`{id}` attended a session on {first}, but their consent is dated {agreed}"
        );
        let help = pick(
            lang,
            "自愿参加先于参加活动：核对 `consent:` 的日期（或出勤记录）",
            "taking part voluntarily comes before taking part: check the `consent:` date (or the attendance record)",
        );
        let label = crate::tr!(lang, "晚于 {first}", "after {first}");
        ctx.emit(&AL212, f, &consent.loc, message, help.to_string())
            .label(label)
            .person(id);
    }
}

/// The members of a group, each once.
fn members(g: &Group) -> BTreeSet<&str> {
    g.members.iter().map(|m| m.value.as_str()).collect()
}

/// The dates a group's size is judged at: the kick-off (the first kick-off
/// session, else the topic's start), each session for the group held up to
/// today, and today; in order, each once.
fn size_dates(ctx: &Ctx, gid: &str) -> Vec<Date> {
    let p = ctx.program;
    let kickoff = p
        .sessions
        .iter()
        .filter(|s| s.value.is(SessionKind::Kickoff))
        .filter_map(|s| facts::session_date(&s.value))
        .min()
        .or_else(|| {
            p.topic
                .as_ref()
                .and_then(|t| t.value.start.as_ref())
                .map(|d| d.value)
        });
    let held = p
        .sessions
        .iter()
        .filter(|s| facts::session_groups(p, &s.value).contains(&gid))
        .filter_map(|s| facts::session_date(&s.value))
        .filter(|d| *d <= ctx.today);
    let dates: BTreeSet<Date> = kickoff.into_iter().chain(held).chain([ctx.today]).collect();
    dates.into_iter().collect()
}

/// How many of a group's members belong on `date` by their `joined:` and `left:`.
fn size_on(ctx: &Ctx, g: &Group, date: Date) -> usize {
    members(g)
        .into_iter()
        .filter(|m| ctx.index.people.get(m).is_none_or(|x| x.member_on(date)))
        .count()
}

/// AL201, AL202: 4 to 8 members, on every date that matters ([`size_dates`]).
/// When nobody's membership changes over time the finding names no date.
fn size(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str) {
    let [min, max] = (ctx.limits.group_size).map(|x| x as usize);
    let all = members(&g.value).len();
    let gid = g.value.id.as_ref().map_or("", |i| i.value.0.as_str());
    let sizes: Vec<(Date, usize)> = size_dates(ctx, gid)
        .into_iter()
        .map(|d| (d, size_on(ctx, &g.value, d)))
        .collect();
    if sizes.iter().all(|(_, n)| *n == all) {
        if all < min {
            too_small(ctx, f, g, name, all, None);
        }
        if all > max {
            too_large(ctx, f, g, name, all, None);
        }
        return;
    }
    if let Some(&(d, n)) = sizes.iter().find(|(_, n)| *n < min) {
        too_small(ctx, f, g, name, n, Some(d));
    }
    if let Some(&(d, n)) = sizes.iter().find(|(_, n)| *n > max) {
        too_large(ctx, f, g, name, n, Some(d));
    }
}

/// AL201: `n` members (on `date`, when membership changes over time).
fn too_small(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str, n: usize, date: Option<Date>) {
    let [min, max] = ctx.limits.group_size;
    let lang = ctx.lang;
    let members = crate::lang::plural(n, "member", "members");
    let (message, label) = match date {
        None => (
            crate::tr!(
                lang,
                "{name}只有 {n} 名成员，少于下限 {min} 人",
                "{name} has {n} {members}, fewer than the minimum of {min}"
            ),
            crate::tr!(lang, "{n} 名成员", "{n} {members}"),
        ),
        Some(date) => (
            crate::tr!(
                lang,
                "{name}在 {date} 只有 {n} 名成员，少于下限 {min} 人",
                "{name} had {n} {members} on {date}, fewer than the minimum of {min}"
            ),
            crate::tr!(lang, "{date} 时 {n} 名成员", "{n} {members} on {date}"),
        ),
    };
    ctx.emit(
        &AL201,
        f,
        group_loc(g),
        message,
        crate::tr!(
            lang,
            "核心小组每组 {min} 至 {max} 人：请增加成员、与其他小组合并，或在 al.toml 中记录豁免",
            "a core group has {min} to {max} members: add members, merge it with another group, or record a waiver in al.toml"
        ),
    )
    .label(label)
        .group(gid_of(g));
}

/// AL202: `n` members (on `date`, when membership changes over time).
fn too_large(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str, n: usize, date: Option<Date>) {
    let [min, max] = ctx.limits.group_size;
    let lang = ctx.lang;
    let (message, label) = match date {
        None => (
            crate::tr!(
                lang,
                "{name}有 {n} 名成员，超过上限 {max} 人",
                "{name} has {n} members, more than the maximum of {max}"
            ),
            crate::tr!(lang, "{n} 名成员", "{n} members"),
        ),
        Some(date) => (
            crate::tr!(
                lang,
                "{name}在 {date} 有 {n} 名成员，超过上限 {max} 人",
                "{name} had {n} members on {date}, more than the maximum of {max}"
            ),
            crate::tr!(lang, "{date} 时 {n} 名成员", "{n} members on {date}"),
        ),
    };
    ctx.emit(
        &AL202,
        f,
        group_loc(g),
        message,
        crate::tr!(
            lang,
            "核心小组每组 {min} 至 {max} 人：请把它拆分为两个小组",
            "a core group has {min} to {max} members: split it into two groups"
        ),
    )
    .label(label)
    .group(gid_of(g));
}

/// AL204: a leader who is a member. A leader written with an invalid value
/// is reported where it is, and one who is not a defined person by AL004.
fn leader(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str) {
    let lang = ctx.lang;
    match &*g.value.leader {
        None if g.value.leader.is_invalid() => {}
        None => {
            ctx.emit(
                &AL204,
                f,
                group_loc(g),
                crate::tr!(lang, "{name}没有组长", "{name} has no leader (组长)"),
                crate::tr!(
                    lang,
                    "加上 `leader:`，填写一名成员的 id，通常选有带队经验的人",
                    "add `leader:` with the id of a member, usually one with experience of leading"
                ),
            )
            .label(pick(lang, "缺少 `leader`", "no `leader`"))
            .group(gid_of(g));
        }
        Some(l)
            if !members(&g.value).contains(l.value.0.as_str())
                && ctx.index.people.contains_key(l.value.0.as_str()) =>
        {
            let id = &l.value.0;
            ctx.emit(
                &AL204,
                f,
                &l.loc,
                crate::tr!(
                    lang,
                    "{name}的组长 `{id}` 不是本组成员",
                    "the leader `{id}` of {name} is not one of its members"
                ),
                crate::tr!(
                    lang,
                    "从 `members:` 中选定组长，或把 `{id}` 加入成员",
                    "choose the leader from `members:`, or add `{id}` to them"
                ),
            )
            .label(pick(lang, "不是本组成员", "not a member"))
            .group(gid_of(g));
        }
        Some(_) => {}
    }
}

/// AL206: learning officers who are members.
fn learning_officers(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str) {
    let lang = ctx.lang;
    if g.value.learning_officers.is_empty() {
        ctx.emit(
            &AL206,
            f,
            group_loc(g),
            crate::tr!(
                lang,
                "{name}没有学习委员",
                "{name} has no learning officer (学习委员)"
            ),
            crate::tr!(
                lang,
                "加上 `learning_officers:`，列出一名或几名成员；可以按列出的顺序轮流担任",
                "add `learning_officers:` with one or more members; they may rotate, in the order given"
            ),
        )
        .label(pick(lang, "缺少 `learning_officers`", "no `learning_officers`"))
        .group(gid_of(g));
    }
    let members = members(&g.value);
    for lo in &g.value.learning_officers {
        let id = lo.value.as_str();
        if !members.contains(id) && ctx.index.people.contains_key(id) {
            ctx.emit(
                &AL206,
                f,
                &lo.loc,
                crate::tr!(
                    lang,
                    "{name}的学习委员 `{id}` 不是本组成员",
                    "the learning officer `{id}` of {name} is not one of its members"
                ),
                crate::tr!(
                    lang,
                    "学习委员由本组成员担任，请从 `members:` 中选定",
                    "learning officers are members of the group; choose them from `members:`"
                ),
            )
            .label(pick(lang, "不是本组成员", "not a member"))
            .group(gid_of(g));
        }
    }
}

/// AL207: a facilitator (one written with an invalid value is reported where it is).
fn facilitator(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str) {
    let lang = ctx.lang;
    if g.value.facilitator.is_absent() {
        ctx.emit(
            &AL207,
            f,
            group_loc(g),
            crate::tr!(lang, "{name}没有促进师", "{name} has no facilitator (促进师)"),
            crate::tr!(
                lang,
                "加上 `facilitator:`，填写 `facilitators:` 中某位促进师的 id",
                "add `facilitator:` with the id of someone under `facilitators:`"
            ),
        )
        .label(pick(lang, "缺少 `facilitator`", "no `facilitator`"))
        .group(gid_of(g));
    }
}

/// AL203: too many groups — points at the first one past the limit.
fn too_many_groups(ctx: &mut Ctx, f: usize, groups: &[Sp<Group>]) {
    let lang = ctx.lang;
    let max_groups = ctx.limits.max_groups as usize;
    let n = groups.len();
    if n > max_groups
        && let Some(g) = groups.get(max_groups)
    {
        let k = max_groups + 1;
        ctx.emit(
            &AL203,
            f,
            group_loc(g),
            crate::tr!(
                lang,
                "本项目有 {n} 个核心小组，超过上限 {max_groups} 个",
                "the program has {n} core groups, more than the maximum of {max_groups}"
            ),
            crate::tr!(
                lang,
                "一个主题最多设 {max_groups} 个核心小组：请合并小组，或把主题拆分为两个项目",
                "one topic has at most {max_groups} core groups: merge groups, or split the topic into two programs"
            ),
        )
        .label(crate::tr!(lang, "第 {k} 个小组（共 {n} 个）", "group {k} of {n}"));
    }
}

/// AL205: one person in two core groups — points at the second membership.
/// Returns each member's first group, by name.
fn two_groups<'a>(ctx: &mut Ctx, f: usize, groups: &'a [Sp<Group>]) -> BTreeMap<&'a str, String> {
    let lang = ctx.lang;
    let mut first_group: BTreeMap<&str, String> = BTreeMap::new();
    for g in groups {
        let name = group_name(lang, &g.value);
        let mut in_this: BTreeSet<&str> = BTreeSet::new();
        for m in &g.value.members {
            let id = m.value.as_str();
            if !in_this.insert(id) {
                continue;
            }
            match first_group.get(id) {
                Some(other) => {
                    ctx.emit(
                        &AL205,
                        f,
                        &m.loc,
                        crate::tr!(
                            lang,
                            "`{id}` 同时是{other}和{name}的成员",
                            "`{id}` is a member of both {other} and {name}"
                        ),
                        crate::tr!(
                            lang,
                            "每人只属于一个核心小组：请把此人从其中一个小组中移除",
                            "each person belongs to one core group; remove them from one of the two"
                        ),
                    )
                    .label(pick(lang, "第二个小组", "second group"))
                    .person(id);
                }
                None => {
                    first_group.insert(id, name.clone());
                }
            }
        }
    }
    first_group
}

/// AL208: consent recorded for every person who is in a group; AL210 when
/// they declined (`consent: false`). A consent written with an invalid value
/// is reported where it is.
fn consent(ctx: &mut Ctx, f: usize, people: &[Sp<crate::model::Person>], in_group: &BTreeMap<&str, String>) {
    let lang = ctx.lang;
    for person in people {
        let Some(key) = person.value.key() else { continue };
        let id = key.value.0.as_str();
        if !in_group.contains_key(id) || person.value.consent.is_invalid() {
            continue;
        }
        let consent = person.value.consent.as_ref().map(|c| c.value);
        if consent == Some(Consent::No) {
            declined(ctx, f, person, key, &in_group[id]);
            continue;
        }
        if consent.is_none() {
            ctx.emit(
                &AL208,
                f,
                &key.loc,
                crate::tr!(
                    lang,
                    "没有记录 `{id}` 本人同意参加",
                    "the consent of `{id}` to take part is not recorded"
                ),
                crate::tr!(
                    lang,
                    "成员应自愿参加：先征求本人意见，再加上 `consent:`，填写本人同意的日期",
                    "members take part voluntarily (自愿): ask them, then add `consent:` with the date they agreed"
                ),
            )
            .label(pick(lang, "缺少 `consent`", "no `consent`"))
        .person(id);
        }
    }
}

rule!(AL209, "group-not-diverse", Warning);

/// Members born within fewer than this many years of one another are one
/// age group (出生年份相差不到 5 年).
const AGE_BAND_YEARS: i64 = 5;

/// A way in which a group's members may all be alike (多样: several levels
/// — 两参一改三结合 — and a reasonable mix of 年龄、性别、专业).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dimension {
    Department,
    Level,
    Gender,
    Age,
    Discipline,
}

impl Dimension {
    /// How the message says the members share it, with what they share.
    fn shared(self, lang: Lang, v: &str) -> String {
        match self {
            Dimension::Department => crate::tr!(lang, "来自同一部门（{v}）", "from one department ({v})"),
            Dimension::Level => crate::tr!(lang, "处于同一层级（{v}）", "at one level ({v})"),
            Dimension::Gender => crate::tr!(lang, "性别相同（{v}）", "of one gender ({v})"),
            Dimension::Age => crate::tr!(lang, "年龄相近（生于 {v} 年）", "of one age group (born {v})"),
            Dimension::Discipline => crate::tr!(lang, "专业相同（{v}）", "of one discipline ({v})"),
        }
    }

    /// Its name, for the help.
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Dimension::Department => pick(lang, "部门", "department"),
            Dimension::Level => pick(lang, "层级", "level"),
            Dimension::Gender => pick(lang, "性别", "gender"),
            Dimension::Age => pick(lang, "年龄", "age"),
            Dimension::Discipline => pick(lang, "专业", "discipline"),
        }
    }
}

/// Text that is written and not blank, trimmed.
fn stated(t: Option<&crate::model::Text>) -> Option<&str> {
    t.map(|t| t.0.trim()).filter(|t| !t.is_empty())
}

/// What every member states alike, as the first one wrote it: `None` when
/// one of them does not state it, or two differ. Values are compared by
/// `key` (department and level as written; gender and discipline ignoring
/// case, with common words for a gender made one).
fn alike<'a>(
    people: &[&'a Person],
    value: fn(&'a Person) -> Option<&'a str>,
    key: fn(&str) -> String,
) -> Option<String> {
    let values: Option<Vec<&str>> = people.iter().map(|p| value(p)).collect();
    let values = values?;
    let first = values.first()?;
    values
        .iter()
        .all(|v| key(v) == key(first))
        .then(|| first.to_string())
}

/// A gender as compared: 男/男性/male/m/man are one, 女/女性/female/f/woman
/// another; anything else as written, ignoring case.
fn gender_key(v: &str) -> String {
    let v = v.trim().to_lowercase();
    match v.as_str() {
        "男" | "男性" | "male" | "m" | "man" => "male".to_string(),
        "女" | "女性" | "female" | "f" | "woman" => "female".to_string(),
        _ => v,
    }
}

/// The birth years of all members, when every one states a valid one, as
/// "1990–1994" (or "1990") when they lie within [`AGE_BAND_YEARS`].
fn one_age_group(people: &[&Person]) -> Option<String> {
    let years: Option<Vec<i64>> = people
        .iter()
        .map(|p| p.birth_year.as_ref().map(|y| y.value.0))
        .collect();
    let years = years?;
    let (min, max) = (years.iter().min()?, years.iter().max()?);
    if max.saturating_sub(*min) >= AGE_BAND_YEARS {
        return None;
    }
    Some(if min == max {
        min.to_string()
    } else {
        format!("{min}–{max}")
    })
}

/// The dimensions in which all members of a group are alike, with what they
/// share. Department and level are judged when every member states them;
/// gender, age (`birth_year`) and discipline likewise, and a member who does
/// not state one leaves it unjudged (they are optional, personal details).
fn uniform(people: &[&Person]) -> Vec<(Dimension, String)> {
    let exact: fn(&str) -> String = str::to_string;
    let folded: fn(&str) -> String = |v| v.trim().to_lowercase();
    [
        (
            Dimension::Department,
            alike(people, |p| stated(p.department.as_ref()), exact),
        ),
        (
            Dimension::Level,
            alike(people, |p| stated(p.level.as_ref()), exact),
        ),
        (
            Dimension::Gender,
            alike(people, |p| stated(p.gender.as_ref()), gender_key),
        ),
        (Dimension::Age, one_age_group(people)),
        (
            Dimension::Discipline,
            alike(people, |p| stated(p.discipline.as_ref()), folded),
        ),
    ]
    .into_iter()
    .filter_map(|(d, v)| v.map(|v| (d, v)))
    .collect()
}

/// "a", "a and b", "a, b and c" in English; "a、b、c" in Chinese.
fn listed(lang: Lang, items: &[String]) -> String {
    match (lang, items) {
        (Lang::Zh, _) => items.join("、"),
        (Lang::En, [.., last]) if items.len() > 1 => {
            format!("{} and {last}", items[..items.len() - 1].join(", "))
        }
        (Lang::En, _) => items.join(""),
    }
}

/// AL209: a group whose members are all alike in some dimension of the mix
/// the handbook asks for ([`uniform`]), or whose department or level mix is
/// unknown.
fn diversity(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str) {
    let ix = &ctx.index;
    let people: Vec<_> = g
        .value
        .members
        .iter()
        .filter_map(|m| ix.people.get(m.value.as_str()).map(|p| (m.value.as_str(), *p)))
        .collect();
    if people.len() < 2 || people.len() != g.value.members.len() {
        return;
    }
    // Members whose department or level is not written: the mix is unknown.
    let unknown: Vec<&str> = people
        .iter()
        .filter(|(_, p)| stated(p.department.as_ref()).is_none() || stated(p.level.as_ref()).is_none())
        .map(|(id, _)| *id)
        .collect();
    let people: Vec<&Person> = people.into_iter().map(|(_, p)| p).collect();
    let same = uniform(&people);
    let lang = ctx.lang;
    if !unknown.is_empty() {
        let (n, ids) = (unknown.len(), unknown.join("`, `"));
        let members = crate::lang::plural(n, "member", "members");
        let have = crate::lang::plural(n, "has", "have");
        let message = crate::tr!(
            lang,
            "{name}有 {n} 名成员没有写明部门或层级（`{ids}`），无法判断小组是否多样",
            "{n} {members} of {name} {have} no `department` or `level` (`{ids}`): whether the group is diverse is unknown"
        );
        let help = crate::tr!(
            lang,
            "为每名成员写上 `department:`（部门）和 `level:`（层级），以便检查小组是否兼顾不同部门和层级",
            "give every member a `department:` and a `level:` so that the mix of departments and levels can be checked"
        );
        ctx.emit(&AL209, f, group_loc(g), message, help)
            .label(pick(lang, "部门或层级不明", "department or level unknown"))
            .group(gid_of(g));
    }
    if same.is_empty() {
        return;
    }
    let shared: Vec<String> = same.iter().map(|(d, v)| d.shared(lang, v)).collect();
    let shared = listed(lang, &shared);
    let message = crate::tr!(
        lang,
        "{name}的成员全部{shared}",
        "all members of {name} are {shared}"
    );
    let only_structure = same
        .iter()
        .all(|(d, _)| matches!(d, Dimension::Department | Dimension::Level));
    let help = if only_structure {
        crate::tr!(
            lang,
            "小组成员应兼顾不同部门和层级（多样：多层级、多视角）；请从其他单位或层级增加成员",
            "a group mixes departments and levels (多样: several levels, several perspectives); add members from other units or levels"
        )
    } else {
        let words: Vec<String> = same.iter().map(|(d, _)| d.word(lang).to_string()).collect();
        let words = listed(lang, &words);
        crate::tr!(
            lang,
            "小组成员应多层级、多视角，年龄、性别、专业等结构合理（多样）；请增加{words}不同的成员",
            "a group mixes levels and perspectives, with a reasonable mix of age, gender and discipline (多样: 年龄、性别、专业); add members who differ in {words}"
        )
    };
    ctx.emit(&AL209, f, group_loc(g), message, help).group(gid_of(g));
}

rule!(AL210, "consent-declined", Error);

/// AL210: a member of a core group who declined to take part (`consent: false`).
fn declined(
    ctx: &mut Ctx,
    f: usize,
    person: &Sp<crate::model::Person>,
    key: &Sp<crate::model::Text>,
    group: &str,
) {
    let lang = ctx.lang;
    let id = key.value.0.as_str();
    let loc = person.value.consent.as_ref().map_or(&key.loc, |c| &c.loc);
    ctx.emit(
        &AL210,
        f,
        loc,
        crate::tr!(
            lang,
            "`{id}` 本人不同意参加，却是{group}的成员",
            "`{id}` declined to take part but is a member of {group}"
        ),
        crate::tr!(
            lang,
            "成员应自愿参加：请把此人从小组中移除；如果本人后来同意了，把 `consent:` 改为本人同意的日期",
            "members take part voluntarily (自愿): remove them from the group, or, if they have since agreed, write the date they agreed in `consent:`"
        ),
    )
    .label(pick(lang, "本人不同意", "declined"))
        .person(id).group(group);
}

rule!(AL211, "person-in-no-group", Warning);

/// Whether `id` is named as a group's leader or learning officer, a
/// session's attendee or learning officer, or a sub-topic's owner: a person
/// in no group named there is reported there (AL204, AL206, AL305, AL311,
/// AL403), once.
fn named_in_a_role(ctx: &Ctx, id: &str) -> bool {
    let p = ctx.program;
    let groups = p.team.iter().flat_map(|t| &t.value.groups).map(|g| &g.value);
    let lead = groups
        .clone()
        .any(|g| g.leader.as_ref().is_some_and(|l| l.value.0 == id));
    let officer = groups.flat_map(|g| &g.learning_officers).any(|l| l.value == id);
    let attendee = p.sessions.iter().any(|s| {
        s.value.attendees.iter().flatten().any(|a| a.value == id)
            || s.value.learning_officer.as_ref().is_some_and(|l| l.value.0 == id)
    });
    let owner = p
        .subtopics
        .iter()
        .any(|st| st.value.owner.as_ref().is_some_and(|o| o.value.0 == id));
    lead || officer || attendee || owner
}

/// AL211: a person under `people:` who is a member of no group, has not
/// left (`left:` on or before today) and is named in no role
/// ([`named_in_a_role`]).
fn in_no_group(
    ctx: &mut Ctx,
    f: usize,
    people: &[Sp<crate::model::Person>],
    in_group: &BTreeMap<&str, String>,
) {
    let lang = ctx.lang;
    for person in people {
        let Some(key) = person.value.key() else { continue };
        let id = key.value.0.as_str();
        let gone = person.value.left.as_ref().is_some_and(|l| l.value <= ctx.today);
        if in_group.contains_key(id) || gone || named_in_a_role(ctx, id) {
            continue;
        }
        ctx.emit(
            &AL211,
            f,
            &key.loc,
            crate::tr!(
                lang,
                "`{id}` 列在 `people:` 中，但不属于任何小组",
                "`{id}` is listed under `people:` but is a member of no group"
            ),
            crate::tr!(
                lang,
                "把此人加入某个小组的 `members:`；促进师列在 `facilitators:`，外援列在 `external:`，来宾记在活动的 `guests:` 中",
                "add them to the `members:` of a group; facilitators go under `facilitators:`, external support under `external:`, and guests under a session's `guests:`"
            ),
        )
        .label(pick(lang, "不在任何小组", "in no group"))
        .person(id);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Lang, Limits};
    use crate::facts::test_program::{d, program};

    const PEOPLE: &str = "people:
  - { id: a, name: A, consent: true }
  - { id: b, name: B, consent: true }
  - { id: c, name: C, consent: true }
  - { id: e, name: E, consent: true, joined: 2026-04-01 }
  - { id: f, name: F, consent: true, left: LEFT }
";

    fn sizes(left: &str) -> Vec<String> {
        let team = format!(
            "{}groups:\n  - {{ id: g1, leader: a, learning_officers: [b], facilitator: x, members: [a, b, c, e, f] }}\n",
            PEOPLE.replace("LEFT", left)
        );
        let p = program(&[
            ("team.yaml", &team),
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n"),
            (
                "sessions/m.yaml",
                "kind: group-meeting\ndate: 2026-05-04\ngroups: [g1]\n",
            ),
        ]);
        crate::rules::run(&p, &Limits::default(), d("2026-06-01"), Lang::En)
            .iter()
            .filter(|f| ["AL201", "AL202"].contains(&f.rule.code))
            .map(|f| f.message.clone())
            .collect()
    }

    /// The AL209 messages for a group of people written as `{ ... }` entries.
    fn diverse(people: &[&str], lang: Lang) -> Vec<String> {
        let mut team = String::from("people:\n");
        let mut ids = Vec::new();
        for (i, extra) in people.iter().enumerate() {
            team += &format!("  - {{ id: p{i}, name: P{i}, consent: true, {extra} }}\n");
            ids.push(format!("p{i}"));
        }
        team += &format!(
            "groups:\n  - {{ id: g1, leader: p0, learning_officers: [p1], facilitator: x, members: [{}] }}\n",
            ids.join(", ")
        );
        let p = program(&[("team.yaml", &team)]);
        crate::rules::run(&p, &Limits::default(), d("2026-06-01"), lang)
            .iter()
            .filter(|f| f.rule.code == "AL209")
            .map(|f| format!("{} | {}", f.message, f.help))
            .collect()
    }

    #[test]
    fn a_group_alike_in_gender_age_or_discipline_says_in_which_ways() {
        let found = diverse(
            &[
                "department: A, level: x, gender: 男, birth_year: 1990, discipline: Law",
                "department: B, level: y, gender: male, birth_year: 1994, discipline: law",
                "department: C, level: x, gender: M, birth_year: 1992, discipline: LAW ",
                "department: D, level: y, gender: 男性, birth_year: 1991, discipline: law",
            ],
            Lang::En,
        );
        assert_eq!(
            found,
            [
                "all members of group `g1` are of one gender (男), of one age group (born 1990–1994) and of one discipline (Law) | a group mixes levels and perspectives, with a reasonable mix of age, gender and discipline (多样: 年龄、性别、专业); add members who differ in gender, age and discipline"
            ]
        );
        let zh = diverse(
            &[
                "department: A, level: x, birth_year: 1990",
                "department: A, level: y, birth_year: 1990",
            ],
            Lang::Zh,
        );
        assert_eq!(
            zh,
            [
                "小组 `g1` 的成员全部来自同一部门（A）、年龄相近（生于 1990 年） | 小组成员应多层级、多视角，年龄、性别、专业等结构合理（多样）；请增加部门、年龄不同的成员"
            ]
        );
    }

    #[test]
    fn gender_age_and_discipline_are_judged_only_when_every_member_states_them() {
        // Born 5 years apart is another age group; a member without a gender,
        // a birth year or a discipline leaves that one unjudged, silently.
        let found = diverse(
            &[
                "department: A, level: x, gender: 女, birth_year: 1990, discipline: law",
                "department: B, level: y, birth_year: 1995, discipline: ' '",
                "department: C, level: x, gender: 女, birth_year: 1992",
                "department: D, level: y, gender: female, birth_year: 1993, discipline: law",
            ],
            Lang::En,
        );
        assert_eq!(found, Vec::<String>::new());
        // Department and level alone keep their words.
        let found = diverse(
            &[
                "department: A, level: x, gender: 女",
                "department: A, level: x, gender: 男",
            ],
            Lang::En,
        );
        assert_eq!(
            found,
            [
                "all members of group `g1` are from one department (A) and at one level (x) | a group mixes departments and levels (多样: several levels, several perspectives); add members from other units or levels"
            ]
        );
    }

    #[test]
    fn a_group_is_sized_on_the_roster_of_each_date_that_matters() {
        // `e` joins on 2026-04-01: 4 at the kick-off (a, b, c, f), 5 after.
        assert_eq!(sizes("2026-12-31"), Vec::<String>::new());
        // `f` leaving on the kick-off day leaves a, b, c then.
        assert_eq!(
            sizes("2026-03-02"),
            ["group `g1` had 3 members on 2026-03-02, fewer than the minimum of 4"]
        );
    }
}
