//! sessions/*.yaml: one meeting, workshop, activity, review or report.

use super::{Date, Int, Number, Sp, Text, words};
use crate::yaml::{Field, lenient};
use serde::{Deserialize, Serialize};

words! {
    /// What kind of session this is.
    SessionKind, "a session kind" {
        /// 启动会议.
        Kickoff = "kickoff",
        /// 研讨班 / 研讨会: the first, and the follow-ups.
        Workshop = "workshop",
        /// 小组会议.
        GroupMeeting = "group-meeting",
        /// 会议以外的活动.
        Activity = "activity",
        /// 初步方案评审.
        Review = "review",
        /// 成果报告.
        Report = "report",
    }
}

words! {
    /// Activities outside meetings (会议以外的活动).
    ActivityKind, "an activity" {
        /// 调查研究.
        Survey = "survey",
        /// 外出考察学习.
        StudyVisit = "study-visit",
        /// 学习培训班.
        Training = "training",
        /// 专题论坛.
        Forum = "forum",
        /// 成果报告/征求意见.
        Consultation = "consultation",
        /// 网络学习交流.
        Online = "online",
    }
}

words! {
    /// Where an action stands.
    ActionStatus, "an action status" { Open = "open", Done = "done", Dropped = "dropped" }
}

/// The longest a session may be, in days: a month. A longer stretch of
/// work is several sessions.
pub const MAX_DAYS: f64 = 31.0;

/// The minutes an agenda item may take: at least one, at most a whole day.
pub const ITEM_MINUTES: std::ops::RangeInclusive<i64> = 1..=1440;

/// sessions/*.yaml.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(
    deny_unknown_fields,
    transform = crate::schema::required(&["kind", "date"]),
    // A group meeting names exactly one group.
    extend(
        "if" = { "properties": { "kind": { "const": "group-meeting" } }, "required": ["kind"] },
        "then" = {
            "properties": { "groups": { "type": "array", "minItems": 1, "maxItems": 1 } },
            "required": ["groups"]
        }
    )
)]
pub struct Session {
    /// kickoff | workshop | group-meeting | activity | review | report (required).
    #[serde(default, deserialize_with = "lenient")]
    pub kind: Field<SessionKind>,
    /// Title.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub title: Option<Text>,
    /// Date (required).
    #[serde(default, deserialize_with = "lenient")]
    pub date: Field<Date>,
    /// Length in days; default 1, may be 0.5; more than 0, at most 31.
    #[serde(default, deserialize_with = "lenient")]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 31))]
    pub days: Field<Number>,
    /// Groups taking part (group-meeting: exactly one; kickoff/workshop: default all).
    #[serde(default, deserialize_with = "crate::yaml::ids")]
    pub groups: Vec<Sp<String>>,
    /// Where.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub place: Option<Text>,
    /// For kind: activity — what activity.
    #[serde(default, deserialize_with = "lenient")]
    pub activity: Field<ActivityKind>,
    /// The facilitator of this session.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub facilitator: Field<Text>,
    /// The learning officer on duty (rotation).
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub learning_officer: Field<Text>,
    /// Who attended; default all members of the groups.
    #[serde(default, deserialize_with = "crate::yaml::ids_if_given")]
    pub attendees: Option<Vec<Sp<String>>>,
    /// Who attended without being a member of its groups: free names, or
    /// ids of people, facilitators or external support.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub guests: Vec<Sp<String>>,
    /// For kind: review — the review panel (ids or names).
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub panel: Vec<Sp<String>>,
    /// Objectives.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub objectives: Vec<String>,
    /// The agenda; when absent the standard agenda for the kind is used.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub agenda: Vec<Sp<AgendaItem>>,
    /// What was studied, and who brought it.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub learning: Vec<Sp<LearningItem>>,
    /// Free notes.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub notes: Option<Text>,
    /// Decisions taken.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub decisions: Vec<String>,
    /// Commitments made here.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub actions: Vec<Sp<Action>>,
    /// For kind: kickoff or workshop — the arrangements until the next
    /// gathering (下一阶段的学习与工作安排): what each group does in the
    /// interval. Shown in the agendas of the sessions that follow; not
    /// tracked like `actions` (no status, never overdue in `al check`).
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub next: Vec<Sp<Arrangement>>,
}

impl Session {
    /// Whether the session is of this kind.
    pub fn is(&self, kind: SessionKind) -> bool {
        self.kind.as_ref().is_some_and(|k| k.value == kind)
    }
}

/// One agenda item.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["item"]))]
pub struct AgendaItem {
    /// What (required).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub item: Option<Text>,
    /// How long, in minutes: 1 to 1440.
    #[serde(default, deserialize_with = "lenient")]
    #[schemars(range(min = 1, max = 1440))]
    pub minutes: Field<Int>,
    /// Who leads it.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub owner: Field<Text>,
}

/// Something studied at the session.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["title"]))]
pub struct LearningItem {
    /// What was studied (required).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub title: Option<Text>,
    /// Who brought it.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub by: Field<Text>,
}

/// A commitment made at a session.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["task"]))]
pub struct Action {
    /// An id, to refer to the action (e.g. from a waiver in al.toml); optional.
    #[serde(
        default,
        deserialize_with = "crate::yaml::id",
        skip_serializing_if = "crate::yaml::Field::is_absent"
    )]
    pub id: Field<Text>,
    /// What is to be done (required).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub task: Option<Text>,
    /// Who does it.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub owner: Field<Text>,
    /// By when.
    #[serde(default, deserialize_with = "lenient")]
    pub due: Field<Date>,
    /// open (default) | done | dropped.
    #[serde(default, deserialize_with = "lenient")]
    pub status: Field<ActionStatus>,
    /// The sub-topic it serves.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub subtopic: Field<Text>,
}

/// An arrangement until the next gathering, made at a kick-off or a workshop.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["task"]))]
pub struct Arrangement {
    /// The group it is for (a group id); absent: everyone.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub group: Field<Text>,
    /// What is to be done (required).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub task: Option<Text>,
    /// Who sees to it: a person id.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub owner: Field<Text>,
    /// By when.
    #[serde(default, deserialize_with = "lenient")]
    pub due: Field<Date>,
}

/// The keys allowed in a session file at a path.
pub fn keys(path: &[crate::yaml::Seg]) -> &'static [&'static str] {
    match super::keys_path(path).as_slice() {
        [] => crate::yaml::fields_of::<Session>(),
        ["agenda", "*"] => crate::yaml::fields_of::<AgendaItem>(),
        ["learning", "*"] => crate::yaml::fields_of::<LearningItem>(),
        ["actions", "*"] => crate::yaml::fields_of::<Action>(),
        ["next", "*"] => crate::yaml::fields_of::<Arrangement>(),
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_holds_the_ranges_of_days_and_minutes() {
        let schema = serde_json::to_value(schemars::schema_for!(Session)).unwrap_or_default();
        let days = &schema["properties"]["days"];
        assert_eq!(days["exclusiveMinimum"], 0);
        assert_eq!(days["maximum"].as_f64(), Some(MAX_DAYS));
        let minutes = &schema["$defs"]["AgendaItem"]["properties"]["minutes"];
        assert_eq!(minutes["minimum"].as_i64(), Some(*ITEM_MINUTES.start()));
        assert_eq!(minutes["maximum"].as_i64(), Some(*ITEM_MINUTES.end()));
    }

    #[test]
    fn arrangements_parse_with_their_keys() {
        let text = "kind: workshop\ndate: 2026-07-06\nnext:\n  - { group: g1, task: 修改方案, owner: zhang, due: 2026-07-31 }\n  - { task: 提交初步方案 }\n";
        let parsed = crate::yaml::parse::<Session>(text, keys);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert!(!parsed.unknown_keys);
        let s = parsed.value.expect("a session");
        assert_eq!(s.next.len(), 2);
        let a = &s.next[0].value;
        assert_eq!(a.group.as_ref().map(|g| g.value.0.as_str()), Some("g1"));
        assert_eq!(a.task.as_ref().map(|t| t.0.as_str()), Some("修改方案"));
        assert_eq!(a.owner.as_ref().map(|o| o.value.0.as_str()), Some("zhang"));
        assert_eq!(
            a.due.as_ref().map(|d| d.value.to_string()),
            Some("2026-07-31".into())
        );
        assert!(s.next[1].value.group.is_absent(), "absent: everyone");
    }

    #[test]
    fn an_unknown_key_in_an_arrangement_is_found() {
        let text = "kind: workshop\nnext:\n  - { task: x, status: open }\n";
        let parsed = crate::yaml::parse::<Session>(text, keys);
        assert!(parsed.unknown_keys, "an arrangement has no status");
    }
}
