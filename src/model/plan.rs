//! plan.yaml: the overall action plan (总体行动方案), made at the first
//! workshop — the milestones of the program, each planned for a date or a month.

use super::{Date, Int, Sp, Text, words};
use crate::yaml::{Field, lenient};
use serde::{Deserialize, Serialize};

words! {
    /// What a planned milestone is (the handbook's main activities and key steps).
    MilestoneKind, "a milestone kind" {
        /// 调研.
        Research = "research",
        /// 启动会.
        Kickoff = "kickoff",
        /// 子课题及负责人确定.
        SubtopicsFixed = "subtopics-fixed",
        /// 研讨会（推进会）.
        Workshop = "workshop",
        /// 小组会议.
        GroupMeetings = "group-meetings",
        /// 初步形成方案并提交.
        ProposalSubmitted = "proposal-submitted",
        /// 方案评审.
        Review = "review",
        /// 汇报.
        Report = "report",
        /// 方案实施.
        ImplementationStart = "implementation-start",
        /// 最终成果.
        FinalResults = "final-results",
    }
}

/// A calendar month written `YYYY-MM`, for a milestone planned to the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlanMonth(pub crate::dates::Month);

impl crate::yaml::Scalar for PlanMonth {
    const WHAT: &'static str = "a month (YYYY-MM)";
    fn parse(text: &str) -> Result<Self, String> {
        crate::dates::Month::parse(text.trim())
            .map(PlanMonth)
            .ok_or_else(|| "write a month as YYYY-MM, e.g. 2026-05".to_string())
    }
}

impl Serialize for PlanMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl schemars::JsonSchema for PlanMonth {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PlanMonth".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$" })
    }
}

/// plan.yaml.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Plan {
    /// The date the plan was made (the first workshop).
    #[serde(default, deserialize_with = "lenient")]
    pub made: Field<Date>,
    /// The planned milestones, in any order.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub milestones: Vec<Sp<Milestone>>,
}

/// One planned milestone.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Milestone {
    /// research | kickoff | subtopics-fixed | workshop | group-meetings |
    /// proposal-submitted | review | report | implementation-start | final-results.
    #[serde(default, deserialize_with = "lenient")]
    pub kind: Field<MilestoneKind>,
    /// For a workshop: its number (1 is the first workshop).
    #[serde(default, deserialize_with = "lenient")]
    pub number: Field<Int>,
    /// The planned date (or `month`).
    #[serde(default, deserialize_with = "lenient")]
    pub date: Field<Date>,
    /// The planned month, `YYYY-MM` (or `date`).
    #[serde(default, deserialize_with = "lenient")]
    pub month: Field<PlanMonth>,
    /// Who sees to it: a person id.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub owner: Field<Text>,
    /// The groups it concerns (default: all).
    #[serde(default, deserialize_with = "crate::yaml::ids")]
    pub groups: Vec<Sp<String>>,
    /// Free notes.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub notes: Option<Text>,
}

/// The keys allowed in plan.yaml at a path.
pub fn keys(path: &[crate::yaml::Seg]) -> &'static [&'static str] {
    match super::keys_path(path).as_slice() {
        [] => crate::yaml::fields_of::<Plan>(),
        ["milestones", "*"] => crate::yaml::fields_of::<Milestone>(),
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Scalar;

    #[test]
    fn months_are_year_and_month() {
        assert_eq!(
            PlanMonth::parse("2026-05").map(|m| m.0.to_string()),
            Ok("2026-05".to_string())
        );
        assert!(PlanMonth::parse("2026-13").is_err());
        assert!(PlanMonth::parse("2026-05-01").is_err());
    }

    #[test]
    fn a_plan_parses_with_its_milestones() {
        let text = "made: 2026-03-16\nmilestones:\n  - { kind: workshop, number: 2, date: 2026-05-11, owner: wang, groups: [g1] }\n  - { kind: research, month: 2026-03 }\n";
        let parsed = crate::yaml::parse::<Plan>(text, keys);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let plan = parsed.value.expect("a plan");
        assert_eq!(plan.milestones.len(), 2);
        let w = &plan.milestones[0].value;
        assert_eq!(w.kind.as_ref().map(|k| k.value), Some(MilestoneKind::Workshop));
        assert_eq!(w.number.as_ref().map(|n| n.value.0), Some(2));
        let r = &plan.milestones[1].value;
        assert_eq!(
            r.month.as_ref().map(|m| m.value.0.to_string()),
            Some("2026-03".into())
        );
    }

    #[test]
    fn unknown_keys_and_bad_words_are_problems() {
        let text = "milestones:\n  - { kind: party, date: 2026-05-11, when: soon }\n";
        let parsed = crate::yaml::parse::<Plan>(text, keys);
        assert!(parsed.unknown_keys);
        assert_eq!(parsed.problems.len(), 2, "{:?}", parsed.problems);
    }
}
