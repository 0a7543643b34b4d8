//! The ids a program defines, built once per program for the checks and the
//! facts that look ids up.
//!
//! Ids written in a value are read as they look ([`crate::model::id`]); the
//! ids that are not — a sub-topic's file name, a person's name serving as
//! their id — are refused where they are written (AL002) and found here by
//! how they look too ([`Index::reads_as`]), so that one mistake gives one
//! finding.

use crate::load::Program;
use crate::model::id::{id_flaw, visible_id};
use crate::model::{Facilitator, Group, Person, Subtopic};
use std::collections::BTreeMap;

/// The kinds of id a program defines, each its own name space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum IdSet {
    /// People (team.yaml `people:`).
    People,
    /// Facilitators (team.yaml `facilitators:`).
    Facilitators,
    /// Groups (team.yaml `groups:`).
    Groups,
    /// Sub-topics (subtopics/).
    Subtopics,
}

/// Ids defined in a program, first definition wins.
#[derive(Debug, Default)]
pub struct Index<'a> {
    /// People by id (id, else name).
    pub people: BTreeMap<&'a str, &'a Person>,
    /// Facilitators by id (id, else name).
    pub facilitators: BTreeMap<&'a str, &'a Facilitator>,
    /// Groups by id.
    pub groups: BTreeMap<&'a str, &'a Group>,
    /// Sub-topics by id (id, else file stem).
    pub subtopics: BTreeMap<&'a str, &'a Subtopic>,
    /// People's names → their id, to help someone who wrote a name.
    pub names: BTreeMap<&'a str, &'a str>,
    /// The ids defined with a flaw ([`id_flaw`]) by their visible form: the
    /// definition a reference that reads the same means.
    flawed: BTreeMap<(IdSet, String), &'a str>,
}

impl<'a> Index<'a> {
    /// Builds the index.
    pub(crate) fn build(p: &'a Program) -> Self {
        let mut ix = Index::default();
        if let Some(team) = &p.team {
            for person in &team.value.people {
                if let Some(key) = person.key() {
                    ix.people.entry(key.value.0.as_str()).or_insert(&person.value);
                    if let Some(name) = &*person.name {
                        ix.names
                            .entry(name.value.0.as_str())
                            .or_insert(key.value.0.as_str());
                    }
                }
            }
            for f in &team.value.facilitators {
                if let Some(key) = f.key() {
                    ix.facilitators.entry(key.value.0.as_str()).or_insert(&f.value);
                }
            }
            for g in &team.value.groups {
                if let Some(id) = &*g.id {
                    ix.groups.entry(id.value.0.as_str()).or_insert(&g.value);
                }
            }
        }
        for st in &p.subtopics {
            ix.subtopics.entry(super::subtopic_id(p, st)).or_insert(&st.value);
        }
        ix.flawed = ix.flawed_ids();
        ix
    }

    /// Whether two references name the same one: each may be a person's or
    /// a facilitator's id or name, or a free name (a convener, a guest). A
    /// reference that is an id or a name of someone in team.yaml stands for
    /// them; any other is compared as text, ignoring case and runs of spaces.
    pub(crate) fn same_person(&self, a: &str, b: &str) -> bool {
        let (a, b) = (self.who(a), self.who(b));
        !a.is_empty() && a == b
    }

    /// What a reference stands for: `p:` and a person's id, `f:` and a
    /// facilitator's id, else `t:` and the text, trimmed, lower case, its
    /// runs of spaces made one (empty for a blank reference). A remark in
    /// brackets at the end (`李明（总经理）`, `Maria Lopez (director)`) is not
    /// part of the name.
    fn who(&self, r: &str) -> String {
        let r = without_remark(r);
        let text = r.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return String::new();
        }
        let id = [r, text.as_str()].into_iter().find_map(|x| {
            if let Some((id, _)) = self.people.get_key_value(x) {
                return Some(format!("p:{id}"));
            }
            if let Some(id) = self.names.get(x) {
                return Some(format!("p:{id}"));
            }
            if let Some((id, _)) = self.facilitators.get_key_value(x) {
                return Some(format!("f:{id}"));
            }
            self.facilitators
                .iter()
                .find(|(_, f)| f.name.as_ref().is_some_and(|n| n.value.0 == x))
                .map(|(id, _)| format!("f:{id}"))
        });
        id.unwrap_or_else(|| format!("t:{}", text.to_lowercase()))
    }

    /// The ids of one set, as defined.
    pub(crate) fn ids(&self, set: IdSet) -> Vec<&'a str> {
        match set {
            IdSet::People => self.people.keys().copied().collect(),
            IdSet::Facilitators => self.facilitators.keys().copied().collect(),
            IdSet::Groups => self.groups.keys().copied().collect(),
            IdSet::Subtopics => self.subtopics.keys().copied().collect(),
        }
    }

    /// The id defined in `set` exactly as `id` is written.
    fn key(&self, set: IdSet, id: &str) -> Option<&'a str> {
        match set {
            IdSet::People => self.people.get_key_value(id).map(|(k, _)| *k),
            IdSet::Facilitators => self.facilitators.get_key_value(id).map(|(k, _)| *k),
            IdSet::Groups => self.groups.get_key_value(id).map(|(k, _)| *k),
            IdSet::Subtopics => self.subtopics.get_key_value(id).map(|(k, _)| *k),
        }
    }

    /// Whether `id` is defined in `set`, exactly as written.
    pub(crate) fn has(&self, set: IdSet, id: &str) -> bool {
        self.key(set, id).is_some()
    }

    /// The id defined in `set` that `value` reads as ([`visible_id`]) when
    /// one of the two is written with a flaw: `zhang` for `zhang\u{200B}`
    /// and the other way round. `None` when `value` is defined as written,
    /// or nothing reads the same.
    pub(crate) fn reads_as(&self, set: IdSet, value: &str) -> Option<&'a str> {
        if self.has(set, value) {
            return None;
        }
        let visible = visible_id(value);
        self.flawed
            .get(&(set, visible.to_string()))
            .copied()
            .or_else(|| self.key(set, &visible))
    }

    /// The defined ids that have a flaw, by set and visible form; the
    /// first definition wins.
    fn flawed_ids(&self) -> BTreeMap<(IdSet, String), &'a str> {
        let mut out = BTreeMap::new();
        for set in [
            IdSet::People,
            IdSet::Facilitators,
            IdSet::Groups,
            IdSet::Subtopics,
        ] {
            for id in self.ids(set) {
                if id_flaw(id).is_some() {
                    out.entry((set, visible_id(id).into_owned())).or_insert(id);
                }
            }
        }
        out
    }

    /// The ids of the groups a person is a member of, sorted by id.
    pub(crate) fn groups_of(&self, person: &str) -> Vec<&'a str> {
        self.groups
            .iter()
            .filter(|(_, g)| g.members.iter().any(|m| m.value == person))
            .map(|(id, _)| *id)
            .collect()
    }
}

/// A name without a remark in brackets at its end: `李明（总经理）` → `李明`;
/// the text as it is when nothing would be left.
fn without_remark(r: &str) -> &str {
    let t = r.trim_end();
    let open = match t.chars().last() {
        Some('）') => '（',
        Some(')') => '(',
        _ => return r,
    };
    match t.rfind(open) {
        Some(i) if !t[..i].trim().is_empty() => &t[..i],
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, program};
    use super::*;

    #[test]
    fn the_first_definition_of_an_id_wins_and_names_lead_to_ids() {
        let team = format!("{TEAM}  - {{ id: g1, members: [c] }}\nfacilitators:\n  - {{ name: F }}\n");
        let p = program(&[("team.yaml", &team)]);
        let ix = Index::build(&p);
        assert_eq!(ix.groups.get("g1").map(|g| g.members.len()), Some(2));
        assert_eq!(ix.names.get("A"), Some(&"a"));
        assert!(
            ix.facilitators.contains_key("F"),
            "a facilitator without id goes by name"
        );
        assert_eq!(ix.groups_of("c"), ["g2"], "sorted by id, first definition only");
        assert_eq!(ix.groups_of("a"), ["g1"]);
    }

    #[test]
    fn a_reference_by_id_or_by_name_is_the_same_person() {
        let team = format!("{TEAM}facilitators:\n  - {{ id: f1, name: 赵敏 }}\n");
        let p = program(&[("team.yaml", &team)]);
        let ix = Index::build(&p);
        assert!(ix.same_person("a", "A"), "an id and the name of the same person");
        assert!(ix.same_person(" A ", "a"));
        assert!(ix.same_person("f1", "赵敏"));
        assert!(
            ix.same_person("Maria  Lopez", "maria lopez"),
            "free names, as text"
        );
        assert!(!ix.same_person("a", "b"));
        assert!(!ix.same_person("王建国", "王建"));
        assert!(!ix.same_person(" ", " "), "blank names no one");
        assert!(ix.same_person("李明（总经理）", "李明"), "a remark in brackets");
        assert!(ix.same_person("A (leader)", "a"));
        assert!(!ix.same_person("（总经理）", "李明"));
    }
}
