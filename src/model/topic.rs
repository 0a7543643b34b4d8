//! topic.yaml: the topic (主题), its criteria, convener, sponsor, dates, stage and budget.

use super::{Date, Int, Number, Sp, Text, words};
use crate::yaml::{Field, lenient};
use serde::{Deserialize, Serialize};

words! {
    /// What the topic is (主题类型).
    TopicKind, "a topic kind" { Problem = "problem", Task = "task", Project = "project" }
}

words! {
    /// Where the topic came from (主题来源).
    TopicSource, "a topic source" {
        /// 中心工作: key near-term work set by leadership or strategy.
        StrategicPriority = "strategic-priority",
        /// 检查评估: a difficulty found in a review or evaluation.
        ReviewFinding = "review-finding",
        /// 标杆对比: a gap found by benchmarking.
        BenchmarkGap = "benchmark-gap",
        /// 服务对象的困难: a difficulty of the people served.
        StakeholderNeed = "stakeholder-need",
    }
}

words! {
    /// Which came first, the topic or the convener.
    TopicMode, "a mode" { TopicFirst = "topic-first", ConvenerFirst = "convener-first" }
}

words! {
    /// Budget category (成本).
    BudgetCategory, "a budget category" {
        Experts = "experts", Research = "research", Meetings = "meetings",
        Training = "training", Other = "other",
    }
}

/// topic.yaml.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["title", "statement", "start"]))]
pub struct Topic {
    /// The topic's title (required).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub title: Option<Text>,
    /// problem | task | project.
    #[serde(default, deserialize_with = "lenient")]
    pub kind: Field<TopicKind>,
    /// The problem in a few lines (required).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub statement: Option<Text>,
    /// Where the topic came from.
    #[serde(default, deserialize_with = "lenient")]
    pub source: Field<TopicSource>,
    /// The four criteria, each argued.
    #[serde(default)]
    pub criteria: Option<Sp<Criteria>>,
    /// The convener (召集人).
    #[serde(default)]
    pub convener: Option<Sp<Convener>>,
    /// topic-first | convener-first.
    #[serde(default, deserialize_with = "lenient")]
    pub mode: Field<TopicMode>,
    /// The top leader and their commitment (一把手).
    #[serde(default)]
    pub sponsor: Option<Sp<Sponsor>>,
    /// Start date (required).
    #[serde(default, deserialize_with = "lenient")]
    pub start: Field<Date>,
    /// Planned end date.
    #[serde(default, deserialize_with = "lenient")]
    pub end: Field<Date>,
    /// Current step of the six, 1..6.
    #[serde(default, deserialize_with = "lenient")]
    #[schemars(range(min = 1, max = 6))]
    pub stage: Field<Int>,
    /// Sub-topic areas (分课题).
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub focus_areas: Vec<String>,
    /// Launch batch (分批启动).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub batch: Option<Text>,
    /// Budget lines.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub budget: Vec<Sp<BudgetItem>>,
    /// Currency of the budget, e.g. CNY.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub currency: Option<Text>,
}

/// The four criteria of a good topic (最佳标准).
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Criteria {
    /// 重要: why it matters now.
    #[serde(default, deserialize_with = "lenient")]
    pub important: Field<Text>,
    /// 困难: why there is no ready answer.
    #[serde(default, deserialize_with = "lenient")]
    pub difficult: Field<Text>,
    /// 可行: why it can be solved within the program's authority.
    #[serde(default, deserialize_with = "lenient")]
    pub feasible: Field<Text>,
    /// 学习: what the organisation will learn.
    #[serde(default, deserialize_with = "lenient")]
    pub learning: Field<Text>,
}

/// The convener (召集人).
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Convener {
    /// Name.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub name: Option<Text>,
    /// Job title.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub title: Option<Text>,
}

/// The top leader who backs the program (一把手) and what they committed to.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Sponsor {
    /// Name.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub name: Option<Text>,
    /// Job title.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub title: Option<Text>,
    /// The commitment (承诺).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub commitment: Option<Text>,
}

/// One budget line.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["item", "planned"]))]
pub struct BudgetItem {
    /// What it is for.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub item: Option<Text>,
    /// experts | research | meetings | training | other.
    #[serde(default, deserialize_with = "lenient")]
    pub category: Field<BudgetCategory>,
    /// Planned amount.
    #[serde(default, deserialize_with = "lenient")]
    pub planned: Field<Number>,
    /// Spent so far.
    #[serde(default, deserialize_with = "lenient")]
    pub spent: Field<Number>,
}

/// The keys allowed in topic.yaml at a path.
pub fn keys(path: &[crate::yaml::Seg]) -> &'static [&'static str] {
    match super::keys_path(path).as_slice() {
        [] => crate::yaml::fields_of::<Topic>(),
        ["criteria"] => crate::yaml::fields_of::<Criteria>(),
        ["convener"] => crate::yaml::fields_of::<Convener>(),
        ["sponsor"] => crate::yaml::fields_of::<Sponsor>(),
        ["budget", "*"] => crate::yaml::fields_of::<BudgetItem>(),
        _ => &[],
    }
}
