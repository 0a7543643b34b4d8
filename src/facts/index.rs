//! The ids a program defines, built once per program for the checks and the
//! facts that look ids up.

use crate::load::Program;
use crate::model::{Facilitator, Group, Person, Subtopic};
use std::collections::BTreeMap;

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
        ix
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
}
