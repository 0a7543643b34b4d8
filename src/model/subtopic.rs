//! subtopics/*.yaml: a sub-topic (子课题) and its path through the six moves.

use super::{Date, Number, Sp, Text, words};
use crate::yaml::{Field, lenient};
use serde::{Deserialize, Serialize};

words! {
    /// Where a sub-topic stands.
    SubtopicStatus, "a sub-topic status" {
        Active = "active",
        /// 深入: the question was deepened.
        Deepened = "deepened",
        /// 更新: the question was replaced by another sub-topic.
        Replaced = "replaced",
        Done = "done",
    }
}

words! {
    /// The decision of a proposal review.
    Decision, "a review decision" { Approved = "approved", Revise = "revise", Rejected = "rejected" }
}

/// subtopics/*.yaml.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["question"]))]
pub struct Subtopic {
    /// Id; defaults to the file stem.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub id: Field<Text>,
    /// The concrete question (required).
    #[serde(default, deserialize_with = "lenient")]
    pub question: Field<Text>,
    /// The core group working on it.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub group: Field<Text>,
    /// 负责人, a member of that group.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub owner: Field<Text>,
    /// 目标要求: what "solved" means for it, ideally with a number.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub goal: Option<Text>,
    /// Its own team (子课题小组): person ids, from any group; the owner
    /// is one of them.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub members: Vec<Sp<String>>,
    /// When it was fixed.
    #[serde(default, deserialize_with = "lenient")]
    pub defined: Field<Date>,
    /// active | deepened | replaced | done.
    #[serde(default, deserialize_with = "lenient")]
    pub status: Field<SubtopicStatus>,
    /// The sub-topic this one replaced (更新).
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub replaces: Field<Text>,
    /// The six moves, as far as they have gone.
    #[serde(default)]
    pub analysis: Option<Sp<Analysis>>,
    /// 定方案 — step 4.
    #[serde(default)]
    pub proposal: Option<Sp<Proposal>>,
    /// 抓落实 — step 5.
    #[serde(default)]
    pub implementation: Option<Sp<Implementation>>,
    /// Step 6: what was made permanent and shared.
    #[serde(default)]
    pub results: Option<Sp<Results>>,
}

/// The first four of the six moves, each a list of short statements.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Analysis {
    /// 摆现象.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub symptoms: Vec<String>,
    /// 查问题.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub problems: Vec<String>,
    /// 析原因.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub causes: Vec<String>,
    /// 找对策.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub countermeasures: Vec<String>,
}

/// The preliminary solution (初步方案).
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Proposal {
    /// The proposal in brief.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub summary: Option<Text>,
    /// When it was submitted.
    #[serde(default, deserialize_with = "lenient")]
    pub submitted: Field<Date>,
    /// Its review (评审与决策).
    #[serde(default)]
    pub review: Option<Sp<Review>>,
}

/// The review of a proposal.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Review {
    /// When.
    #[serde(default, deserialize_with = "lenient")]
    pub date: Field<Date>,
    /// Who reviewed it (names).
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub by: Vec<String>,
    /// approved | revise | rejected.
    #[serde(default, deserialize_with = "lenient")]
    pub decision: Field<Decision>,
    /// Remarks.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub notes: Option<Text>,
}

/// Carrying out the approved solution.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Implementation {
    /// Who is responsible.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub owner: Field<Text>,
    /// When it started.
    #[serde(default, deserialize_with = "lenient")]
    pub start: Field<Date>,
    /// How success is measured.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub metrics: Vec<Sp<Metric>>,
}

/// A measure of the implementation: baseline → target → actual.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["name"]))]
pub struct Metric {
    /// What is measured (required).
    #[serde(default, deserialize_with = "lenient")]
    pub name: Field<Text>,
    /// Unit.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub unit: Option<Text>,
    /// Value before.
    #[serde(default, deserialize_with = "lenient")]
    pub baseline: Field<Number>,
    /// Value aimed at.
    #[serde(default, deserialize_with = "lenient")]
    pub target: Field<Number>,
    /// Value reached.
    #[serde(default, deserialize_with = "lenient")]
    pub actual: Field<Number>,
    /// When `actual` was measured.
    #[serde(default, deserialize_with = "lenient")]
    pub measured: Field<Date>,
}

/// Step 6: the results made permanent and shared.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Results {
    /// Rules, systems, standards adopted.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub adopted: Vec<String>,
    /// Where they were shared.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub shared: Vec<String>,
}

/// The keys allowed in a sub-topic file at a path.
pub fn keys(path: &[crate::yaml::Seg]) -> &'static [&'static str] {
    match super::keys_path(path).as_slice() {
        [] => crate::yaml::fields_of::<Subtopic>(),
        ["analysis"] => crate::yaml::fields_of::<Analysis>(),
        ["proposal"] => crate::yaml::fields_of::<Proposal>(),
        ["proposal", "review"] => crate::yaml::fields_of::<Review>(),
        ["implementation"] => crate::yaml::fields_of::<Implementation>(),
        ["implementation", "metrics", "*"] => crate::yaml::fields_of::<Metric>(),
        ["results"] => crate::yaml::fields_of::<Results>(),
        _ => &[],
    }
}
