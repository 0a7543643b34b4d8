//! AL001–AL005: the files themselves — syntax, schema, missing files,
//! references to ids defined nowhere, and ids defined twice.

use super::{Ctx, Finding, Rule};
use crate::diag::Loc;
use crate::diag::Severity::Error;
use crate::model::{Field, SessionKind, Sp, Text};
use crate::yaml::ProblemKind;
use std::collections::BTreeMap;

/// AL001; its texts are in locales/rules.*.toml.
pub static AL001: Rule = Rule {
    code: "AL001",
    name: "yaml-syntax",
    severity: Error,
};

/// AL002; its texts are in locales/rules.*.toml.
pub static AL002: Rule = Rule {
    code: "AL002",
    name: "schema",
    severity: Error,
};

/// AL001/AL002 from the parser: invalid YAML, wrong types, unknown keys, bad values.
pub(crate) fn parse_problems(ctx: &mut Ctx) {
    for (file, p) in &ctx.program.problems {
        let code = match p.kind {
            ProblemKind::Syntax => &AL001,
            ProblemKind::Schema => &AL002,
        };
        ctx.emit(
            code,
            *file,
            &p.loc,
            p.what.message(ctx.lang),
            p.what.help(ctx.lang),
        );
    }
}

/// AL003; its texts are in locales/rules.*.toml.
pub static AL003: Rule = Rule {
    code: "AL003",
    name: "missing-file",
    severity: Error,
};

/// AL003: topic.yaml or team.yaml is missing.
pub(crate) fn missing_files(ctx: &mut Ctx) {
    for m in &ctx.program.missing {
        let (zh, en) = m.kind.spec().missing_help;
        let rel = m.rel;
        ctx.out.push(Finding {
            rule: &AL003,
            at: super::At::Missing(m.display.clone()),
            loc: Loc::file_start(),
            message: crate::tr!(ctx.lang, "本项目缺少 {rel}", "{rel} is missing from this program"),
            help: crate::lang::pick(ctx.lang, zh, en).to_string(),
            label: None,
        });
    }
}

/// A value a required key may hold.
trait Required {
    /// Whether the key is not written at all. A key written with an invalid
    /// value is not missing: the bad value is reported where it is.
    fn missing(&self) -> bool;
}

impl<T> Required for Field<T> {
    fn missing(&self) -> bool {
        self.is_absent()
    }
}

impl<T> Required for Option<T> {
    fn missing(&self) -> bool {
        self.is_none()
    }
}

fn require(ctx: &mut Ctx, file: usize, at: &Loc, value: &impl Required, key: &str, what: &str) {
    if value.missing() {
        ctx.emit(
            &AL002,
            file,
            at,
            format!("missing required key `{key}`"),
            format!("add `{key}:` with {what}"),
        )
        .label(format!("`{key}` is required here"));
    }
}

/// AL002: keys the file format requires (the method's own requirements are rules of their own).
pub(crate) fn required_keys(ctx: &mut Ctx) {
    let p = ctx.program;
    let top = Loc::file_start();
    if let Some(t) = &p.topic {
        let f = t.file;
        require(ctx, f, &top, &t.value.title, "title", "the topic's title");
        require(
            ctx,
            f,
            &top,
            &t.value.statement,
            "statement",
            "the problem in a few lines",
        );
        require(
            ctx,
            f,
            &top,
            &t.value.start,
            "start",
            "the start date, e.g. 2026-03-01",
        );
        if let Some(stage) = &*t.value.stage
            && !(1..=6).contains(&stage.value.0)
        {
            ctx.emit(
                &AL002,
                f,
                &stage.loc,
                format!("stage {} is not one of the six steps", stage.value.0),
                "write the current step as a number from 1 to 6".to_string(),
            );
        }
        for b in &t.value.budget {
            require(ctx, f, &b.loc, &b.value.item, "item", "what the money is for");
            require(ctx, f, &b.loc, &b.value.planned, "planned", "the planned amount");
        }
    }
    if let Some(team) = &p.team {
        let f = team.file;
        if team.value.groups.is_empty() {
            require(
                ctx,
                f,
                &top,
                &None::<()>,
                "groups",
                "the core groups: each with an id, a leader and 4–8 members",
            );
        }
        for person in &team.value.people {
            require(
                ctx,
                f,
                &person.loc,
                &person.value.name,
                "name",
                "the person's full name",
            );
        }
        for fac in &team.value.facilitators {
            require(
                ctx,
                f,
                &fac.loc,
                &fac.value.name,
                "name",
                "the facilitator's full name",
            );
        }
        for ext in &team.value.external {
            require(
                ctx,
                f,
                &ext.loc,
                &ext.value.name,
                "name",
                "the name of the expert or source",
            );
        }
        for g in &team.value.groups {
            require(
                ctx,
                f,
                &g.loc,
                &g.value.id,
                "id",
                "a short id such as g1, used by sessions and sub-topics",
            );
        }
    }
    for s in &p.sessions {
        let f = s.file;
        let v = &s.value;
        require(
            ctx,
            f,
            &top,
            &v.kind,
            "kind",
            "one of: kickoff, workshop, group-meeting, activity, review, report",
        );
        require(ctx, f, &top, &v.date, "date", "the date, e.g. 2026-04-13");
        if let Some(kind) = &*v.kind
            && kind.value == SessionKind::GroupMeeting
            && v.groups.len() != 1
        {
            let loc = v.groups.get(1).map_or(&kind.loc, |g| &g.loc);
            ctx.emit(
                &AL002,
                f,
                loc,
                format!(
                    "a group meeting names exactly one group, this one names {}",
                    v.groups.len()
                ),
                "write `groups: [g1]` with the one group that met".to_string(),
            );
        }
        if let Some(days) = &*v.days
            && days.value.0 <= 0.0
        {
            ctx.emit(
                &AL002,
                f,
                &days.loc,
                format!("`days: {}` is not a length", days.value.0),
                "write the length in days, e.g. 1, 2 or 0.5".to_string(),
            );
        }
        for a in &v.agenda {
            require(ctx, f, &a.loc, &a.value.item, "item", "what the agenda item is");
        }
        for l in &v.learning {
            require(ctx, f, &l.loc, &l.value.title, "title", "what was studied");
        }
        for a in &v.actions {
            require(ctx, f, &a.loc, &a.value.task, "task", "what is to be done");
        }
    }
    for st in &p.subtopics {
        let f = st.file;
        require(
            ctx,
            f,
            &top,
            &st.value.question,
            "question",
            "the concrete question, e.g. 如何降低核心技术人员的流失率?",
        );
        if let Some(imp) = &st.value.implementation {
            for m in &imp.value.metrics {
                require(ctx, f, &m.loc, &m.value.name, "name", "what is measured");
            }
        }
    }
}

/// AL005; its texts are in locales/rules.*.toml.
pub(crate) static AL005: Rule = Rule {
    code: "AL005",
    name: "duplicate-id",
    severity: Error,
};

/// AL005: two people, facilitators, groups or sub-topics with one id.
pub(crate) fn duplicate_ids(ctx: &mut Ctx) {
    let p = ctx.program;
    let mut dups: Vec<(usize, Loc, String, String, u32)> = Vec::new();
    if let Some(team) = &p.team {
        let people = team.value.people.iter().filter_map(|x| x.value.key());
        find_dups(team.file, "person", people, &mut dups);
        let facs = team.value.facilitators.iter().filter_map(|x| x.value.key());
        find_dups(team.file, "facilitator", facs, &mut dups);
        let groups = team.value.groups.iter().filter_map(|x| x.value.id.as_ref());
        find_dups(team.file, "group", groups, &mut dups);
    }
    let mut seen: BTreeMap<String, (usize, u32)> = BTreeMap::new();
    for st in &p.subtopics {
        let id = crate::facts::subtopic_id(p, st).to_string();
        let loc = st
            .value
            .id
            .as_ref()
            .map_or_else(Loc::file_start, |i| i.loc.clone());
        match seen.get(&id) {
            Some((first_file, _)) => {
                let first = p.files.get(*first_file).map_or("", |f| f.display.as_str());
                ctx.emit(
                    &AL005,
                    st.file,
                    &loc,
                    format!("sub-topic id `{id}` is already used by {first}"),
                    "give each sub-topic its own `id` (it defaults to the file name)".to_string(),
                );
            }
            None => {
                seen.insert(id, (st.file, loc.line));
            }
        }
    }
    for (file, loc, kind, id, first_line) in dups {
        ctx.emit(
            &AL005,
            file,
            &loc,
            format!("{kind} id `{id}` is defined twice (first on line {first_line})"),
            format!("give each {kind} its own id; when `id` is left out the name is the id"),
        )
        .label("second definition");
    }
}

fn find_dups<'a>(
    file: usize,
    kind: &str,
    ids: impl Iterator<Item = &'a Sp<Text>>,
    out: &mut Vec<(usize, Loc, String, String, u32)>,
) {
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for id in ids {
        match seen.get(id.value.0.as_str()) {
            Some(first) => out.push((file, id.loc.clone(), kind.to_string(), id.value.0.clone(), *first)),
            None => {
                seen.insert(&id.value.0, id.loc.line);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum RefKind {
    Person,
    Facilitator,
    PersonOrFacilitator,
    Group,
    Subtopic,
}

/// AL004; its texts are in locales/rules.*.toml.
pub static AL004: Rule = Rule {
    code: "AL004",
    name: "unknown-reference",
    severity: Error,
};

fn check_ref(ctx: &mut Ctx, file: usize, value: &str, loc: &Loc, kind: RefKind) {
    let ix = &ctx.index;
    let known = match kind {
        RefKind::Person => ix.people.contains_key(value),
        RefKind::Facilitator => ix.facilitators.contains_key(value),
        RefKind::PersonOrFacilitator => ix.people.contains_key(value) || ix.facilitators.contains_key(value),
        RefKind::Group => ix.groups.contains_key(value),
        RefKind::Subtopic => ix.subtopics.contains_key(value),
    };
    if known {
        return;
    }
    let (what, place): (&str, &str) = match kind {
        RefKind::Person => ("person", "team.yaml under `people:`"),
        RefKind::Facilitator => ("facilitator", "team.yaml under `facilitators:`"),
        RefKind::PersonOrFacilitator => (
            "person or facilitator",
            "team.yaml under `people:` or `facilitators:`",
        ),
        RefKind::Group => ("group", "team.yaml under `groups:`"),
        RefKind::Subtopic => ("sub-topic", "subtopics/ (the id defaults to the file name)"),
    };
    let candidates: Vec<&str> = match kind {
        RefKind::Person => ix.people.keys().copied().collect(),
        RefKind::Facilitator => ix.facilitators.keys().copied().collect(),
        RefKind::PersonOrFacilitator => ix.people.keys().chain(ix.facilitators.keys()).copied().collect(),
        RefKind::Group => ix.groups.keys().copied().collect(),
        RefKind::Subtopic => ix.subtopics.keys().copied().collect(),
    };
    let by_name = match kind {
        RefKind::Person | RefKind::PersonOrFacilitator => ix.names.get(value).copied(),
        _ => None,
    };
    let help = if let Some(id) = by_name {
        format!("`{value}` is the name of `{id}`; refer to people by their id: write `{id}`")
    } else if let Some(s) = crate::suggest::did_you_mean(value, candidates.iter().copied()) {
        format!("did you mean `{s}`? every {what} must be defined in {place}")
    } else {
        format!("define `{value}` in {place}, or correct the id")
    };
    ctx.emit(&AL004, file, loc, format!("unknown {what} `{value}`"), help)
        .label(format!("no {what} has this id"));
}

/// AL004: every id a file names must be defined.
pub(crate) fn references(ctx: &mut Ctx) {
    let p = ctx.program;
    let team_ok = p.team.is_some();
    let subtopics_ok = !p.problems.iter().any(|(f, pr)| {
        pr.kind == ProblemKind::Syntax && p.files.get(*f).is_some_and(|x| x.rel.starts_with("subtopics/"))
    });
    let mut refs: Vec<(usize, &str, &Loc, RefKind)> = Vec::new();
    if let Some(team) = &p.team {
        for g in &team.value.groups {
            let g = &g.value;
            if let Some(l) = &*g.leader {
                refs.push((team.file, &l.value.0, &l.loc, RefKind::Person));
            }
            for x in g.learning_officers.iter().chain(&g.members) {
                refs.push((team.file, &x.value, &x.loc, RefKind::Person));
            }
            if let Some(f) = &*g.facilitator {
                refs.push((team.file, &f.value.0, &f.loc, RefKind::Facilitator));
            }
        }
    }
    for s in &p.sessions {
        let (f, v) = (s.file, &s.value);
        for g in &v.groups {
            refs.push((f, &g.value, &g.loc, RefKind::Group));
        }
        if let Some(x) = &*v.facilitator {
            refs.push((f, &x.value.0, &x.loc, RefKind::Facilitator));
        }
        if let Some(x) = &*v.learning_officer {
            refs.push((f, &x.value.0, &x.loc, RefKind::Person));
        }
        for x in v.attendees.iter().flatten() {
            refs.push((f, &x.value, &x.loc, RefKind::Person));
        }
        for a in &v.agenda {
            if let Some(x) = &*a.value.owner {
                refs.push((f, &x.value.0, &x.loc, RefKind::PersonOrFacilitator));
            }
        }
        for l in &v.learning {
            if let Some(x) = &*l.value.by {
                refs.push((f, &x.value.0, &x.loc, RefKind::PersonOrFacilitator));
            }
        }
        for a in &v.actions {
            if let Some(x) = &*a.value.owner {
                refs.push((f, &x.value.0, &x.loc, RefKind::PersonOrFacilitator));
            }
            if let Some(x) = &*a.value.subtopic {
                refs.push((f, &x.value.0, &x.loc, RefKind::Subtopic));
            }
        }
    }
    for st in &p.subtopics {
        let (f, v) = (st.file, &st.value);
        if let Some(x) = &*v.group {
            refs.push((f, &x.value.0, &x.loc, RefKind::Group));
        }
        if let Some(x) = &*v.owner {
            refs.push((f, &x.value.0, &x.loc, RefKind::Person));
        }
        if let Some(x) = &*v.replaces {
            refs.push((f, &x.value.0, &x.loc, RefKind::Subtopic));
        }
        if let Some(imp) = &v.implementation
            && let Some(x) = &*imp.value.owner
        {
            refs.push((f, &x.value.0, &x.loc, RefKind::Person));
        }
    }
    for (file, value, loc, kind) in refs {
        let checkable = match kind {
            RefKind::Subtopic => subtopics_ok,
            _ => team_ok,
        };
        if checkable {
            check_ref(ctx, file, value, loc, kind);
        }
    }
}
