//! AL201–AL209: the team (step 2, 组建团队).

use super::{Ctx, rule};
use crate::config::Lang;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};
use crate::lang::pick;
use crate::model::{Consent, Group, Sp};
use std::collections::{BTreeMap, BTreeSet};

/// Where to point for a finding about a whole group: its id, else its entry.
fn group_loc(g: &Sp<Group>) -> &Loc {
    g.value.id.as_ref().map_or(&g.loc, |i| &i.loc)
}

/// How a message names a group: "group `g1` (研发组)", "group `g1`",
/// "group 研发组" or "a group". The Chinese name is followed directly by
/// Chinese text ("{name}没有组长"), so after an id it ends with a space.
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
}

/// The members of a group, each once.
fn members(g: &Group) -> BTreeSet<&str> {
    g.members.iter().map(|m| m.value.as_str()).collect()
}

/// AL201, AL202: 4 to 8 members.
fn size(ctx: &mut Ctx, f: usize, g: &Sp<Group>, name: &str) {
    let [min, max] = ctx.limits.group_size;
    let lang = ctx.lang;
    let n = members(&g.value).len();
    if n < min as usize {
        let members = crate::lang::plural(n, "member", "members");
        ctx.emit(
            &AL201,
            f,
            group_loc(g),
            crate::tr!(
                lang,
                "{name}只有 {n} 名成员，少于下限 {min} 人",
                "{name} has {n} {members}, fewer than the minimum of {min}"
            ),
            crate::tr!(
                lang,
                "核心小组每组 {min} 至 {max} 人：请增加成员、与其他小组合并，或在 al.toml 中记录豁免",
                "a core group has {min} to {max} members: add members, merge it with another group, or record a waiver in al.toml"
            ),
        )
        .label(crate::tr!(lang, "{n} 名成员", "{n} {members}"));
    }
    if n > max as usize {
        ctx.emit(
            &AL202,
            f,
            group_loc(g),
            crate::tr!(
                lang,
                "{name}有 {n} 名成员，超过上限 {max} 人",
                "{name} has {n} members, more than the maximum of {max}"
            ),
            crate::tr!(
                lang,
                "核心小组每组 {min} 至 {max} 人：请把它拆分为两个小组",
                "a core group has {min} to {max} members: split it into two groups"
            ),
        )
        .label(crate::tr!(lang, "{n} 名成员", "{n} members"));
    }
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
            .label(pick(lang, "缺少 `leader`", "no `leader`"));
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
            .label(pick(lang, "不是本组成员", "not a member"));
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
        .label(pick(lang, "缺少 `learning_officers`", "no `learning_officers`"));
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
            .label(pick(lang, "不是本组成员", "not a member"));
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
        .label(pick(lang, "缺少 `facilitator`", "no `facilitator`"));
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
                    .label(pick(lang, "第二个小组", "second group"));
                }
                None => {
                    first_group.insert(id, name.clone());
                }
            }
        }
    }
    first_group
}

/// AL208: consent recorded for every person who is in a group. A consent
/// written with an invalid value is reported where it is.
fn consent(ctx: &mut Ctx, f: usize, people: &[Sp<crate::model::Person>], in_group: &BTreeMap<&str, String>) {
    let lang = ctx.lang;
    for person in people {
        let Some(key) = person.value.key() else { continue };
        let id = key.value.0.as_str();
        if !in_group.contains_key(id) || person.value.consent.is_invalid() {
            continue;
        }
        let consented = matches!(
            person.value.consent.as_ref().map(|c| c.value),
            Some(Consent::Yes | Consent::On(_))
        );
        if !consented {
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
            .label(pick(lang, "缺少 `consent`", "no `consent`"));
        }
    }
}

rule!(AL209, "group-not-diverse", Warning);

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
    let blank = |t: Option<&crate::model::Text>| t.is_none_or(|t| t.0.trim().is_empty());
    let unknown: Vec<&str> = people
        .iter()
        .filter(|(_, p)| blank(p.department.as_ref()) || blank(p.level.as_ref()))
        .map(|(id, _)| *id)
        .collect();
    let people: Vec<_> = people.into_iter().map(|(_, p)| p).collect();
    let same = |field: fn(&crate::model::Person) -> Option<&str>| -> Option<String> {
        let values: Vec<Option<&str>> = people.iter().map(|p| field(p)).collect();
        if values.iter().any(Option::is_none) {
            return None;
        }
        let set: BTreeSet<&str> = values.into_iter().flatten().collect();
        (set.len() == 1).then(|| set.into_iter().next().unwrap_or_default().to_string())
    };
    let dept = same(|p| p.department.as_ref().map(|d| d.0.as_str()));
    let level = same(|p| p.level.as_ref().map(|d| d.0.as_str()));
    let lang = ctx.lang;
    let what = match (dept, level) {
        (Some(d), Some(l)) => Some(crate::tr!(
            lang,
            "{name}的成员全部来自“{d}”，层级也都是“{l}”",
            "all members of {name} are from {d} and all at level {l}"
        )),
        (Some(d), None) => Some(crate::tr!(
            lang,
            "{name}的成员全部来自同一部门（{d}）",
            "all members of {name} are from one department ({d})"
        )),
        (None, Some(l)) => Some(crate::tr!(
            lang,
            "{name}的成员全部处于同一层级（{l}）",
            "all members of {name} are at one level ({l})"
        )),
        (None, None) => None,
    };
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
        ctx.emit(&AL209, f, group_loc(g), message, help).label(pick(
            lang,
            "部门或层级不明",
            "department or level unknown",
        ));
    }
    if let Some(message) = what {
        ctx.emit(
            &AL209,
            f,
            group_loc(g),
            message,
            crate::tr!(
                lang,
                "小组成员应兼顾不同部门和层级（多样：多层级、多视角）；请从其他单位或层级增加成员",
                "a group mixes departments and levels (多样: several levels, several perspectives); add members from other units or levels"
            ),
        );
    }
}
