//! AL201–AL209: the team (step 2, 组建团队).

use super::Ctx;
use super::rule;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};
use crate::model::{Consent, Group, Sp};
use std::collections::{BTreeMap, BTreeSet};

/// Where to point for a finding about a whole group: its id, else its entry.
fn group_loc(g: &Sp<Group>) -> &Loc {
    g.value.id.as_ref().map_or(&g.loc, |i| &i.loc)
}

fn group_name(g: &Group) -> String {
    match (&*g.id, &*g.name) {
        (Some(id), Some(name)) => format!("group `{}` ({})", id.value.0, name.value.0),
        (Some(id), None) => format!("group `{}`", id.value.0),
        (None, Some(name)) => format!("group {}", name.value.0),
        (None, None) => "a group".to_string(),
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
    let [min, max] = ctx.limits.group_size;
    let max_groups = ctx.limits.max_groups as usize;

    for g in &team.groups {
        let name = group_name(&g.value);
        let members: BTreeSet<&str> = g.value.members.iter().map(|m| m.value.as_str()).collect();
        let n = members.len();
        if n < min as usize {
            ctx.emit(
                &AL201,
                f,
                group_loc(g),
                format!("{name} has {n} member{}, fewer than the minimum of {min}", plural(n)),
                format!("a core group has {min} to {max} members: add members, merge it with another group, or record a waiver in al.toml"),
            )
            .label(format!("{n} member{}", plural(n)));
        }
        if n > max as usize {
            ctx.emit(
                &AL202,
                f,
                group_loc(g),
                format!("{name} has {n} members, more than the maximum of {max}"),
                format!("a core group has {min} to {max} members: split it into two groups"),
            )
            .label(format!("{n} members"));
        }
        // AL204: a leader who is a member.
        match &*g.value.leader {
            None => {
                ctx.emit(
                    &AL204,
                    f,
                    group_loc(g),
                    format!("{name} has no leader (组长)"),
                    "add `leader:` with the id of a member, usually one with experience of leading"
                        .to_string(),
                )
                .label("no `leader`");
            }
            Some(l)
                if !members.contains(l.value.0.as_str())
                    && ctx.index.people.contains_key(l.value.0.as_str()) =>
            {
                ctx.emit(
                    &AL204,
                    f,
                    &l.loc,
                    format!("the leader `{}` of {name} is not one of its members", l.value.0),
                    format!(
                        "choose the leader from `members:`, or add `{}` to them",
                        l.value.0
                    ),
                )
                .label("not a member");
            }
            Some(_) => {}
        }
        // AL206: learning officers who are members.
        if g.value.learning_officers.is_empty() {
            ctx.emit(
                &AL206,
                f,
                group_loc(g),
                format!("{name} has no learning officer (学习委员)"),
                "add `learning_officers:` with one or more members; they may rotate, in the order given"
                    .to_string(),
            )
            .label("no `learning_officers`");
        }
        for lo in &g.value.learning_officers {
            if !members.contains(lo.value.as_str()) && ctx.index.people.contains_key(lo.value.as_str()) {
                ctx.emit(
                    &AL206,
                    f,
                    &lo.loc,
                    format!(
                        "the learning officer `{}` of {name} is not one of its members",
                        lo.value
                    ),
                    "learning officers are members of the group; choose them from `members:`".to_string(),
                )
                .label("not a member");
            }
        }
        // AL207: a facilitator.
        if g.value.facilitator.is_none() {
            ctx.emit(
                &AL207,
                f,
                group_loc(g),
                format!("{name} has no facilitator (促进师)"),
                "add `facilitator:` with the id of someone under `facilitators:`".to_string(),
            )
            .label("no `facilitator`");
        }
        // AL209: diversity of departments and levels.
        diversity(ctx, f, g, &name);
    }

    // AL203: too many groups — point at the first one past the limit.
    if team.groups.len() > max_groups
        && let Some(g) = team.groups.get(max_groups)
    {
        ctx.emit(
            &AL203,
            f,
            group_loc(g),
            format!(
                "the program has {} core groups, more than the maximum of {max_groups}",
                team.groups.len()
            ),
            format!("one topic has at most {max_groups} core groups: merge groups, or split the topic into two programs")
                .to_string(),
        )
        .label(format!("group {} of {}", max_groups + 1, team.groups.len()));
    }

    // AL205: one person in two core groups — point at the second membership.
    let mut first_group: BTreeMap<&str, String> = BTreeMap::new();
    for g in &team.groups {
        let name = group_name(&g.value);
        let mut in_this: BTreeSet<&str> = BTreeSet::new();
        for m in &g.value.members {
            if !in_this.insert(m.value.as_str()) {
                continue;
            }
            match first_group.get(m.value.as_str()) {
                Some(other) => {
                    ctx.emit(
                        &AL205,
                        f,
                        &m.loc,
                        format!("`{}` is a member of both {other} and {name}", m.value),
                        "each person belongs to one core group; remove them from one of the two".to_string(),
                    )
                    .label("second group");
                }
                None => {
                    first_group.insert(m.value.as_str(), name.clone());
                }
            }
        }
    }

    // AL208: consent recorded for every person who is in a group.
    for person in &team.people {
        let Some(key) = person.value.key() else { continue };
        if !first_group.contains_key(key.value.0.as_str()) {
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
                format!("the consent of `{}` to take part is not recorded", key.value.0),
                "members take part voluntarily (自愿): ask them, then add `consent:` with the date they agreed".to_string(),
            )
            .label("no `consent`");
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
        .filter_map(|m| ix.people.get(m.value.as_str()))
        .collect();
    if people.len() < 2 || people.len() != g.value.members.len() {
        return;
    }
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
    let what = match (dept, level) {
        (Some(d), Some(l)) => Some(format!("all members of {name} are from {d} and all at level {l}")),
        (Some(d), None) => Some(format!("all members of {name} are from one department ({d})")),
        (None, Some(l)) => Some(format!("all members of {name} are at one level ({l})")),
        (None, None) => None,
    };
    if let Some(message) = what {
        ctx.emit(
            &AL209,
            f,
            group_loc(g),
            message,
            "a group mixes departments and levels (多样: several levels, several perspectives); add members from other units or levels".to_string(),
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
