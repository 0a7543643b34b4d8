//! The data the report templates receive (`--context` prints it), as typed
//! structs built section by section from the [facts](crate::facts) of the
//! program: stage, topic, groups, participation, sessions, sub-topics,
//! actions, budget and check.
//!
//! `topic`, `team`, `subtopics` and `sessions` are shaped as in the files
//! (ids filled in where they default); everything else is worked out here, so
//! that templates only lay it out. docs/templates.md describes the context
//! from these structs ([`context_markdown`]).

use crate::check::Summary;
use crate::config::{Lang, Limits};
use crate::dates::days_between;
use crate::diag::Diagnostic;
use crate::facts::{self, ActionFact, ActionTotals, Index};
use crate::lang::{self as labels, pick};
use crate::load::Program;
use crate::model::{
    ActionStatus, Date, External, Facilitator, Group, Person, Session, Sp, Subtopic, Team, Topic,
};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Resolves ids to names.
pub(crate) struct Names<'a> {
    people: BTreeMap<&'a str, &'a str>,
    facilitators: BTreeMap<&'a str, &'a str>,
    /// Groups by id: their names, else their ids (only with [`Names::of_program`]).
    groups: BTreeMap<&'a str, &'a str>,
    /// Sub-topics by id: their questions (only with [`Names::of_program`]).
    subtopics: BTreeMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    /// Builds the lookup from team.yaml.
    pub fn new(team: Option<&'a Team>) -> Self {
        let mut people = BTreeMap::new();
        let mut facilitators = BTreeMap::new();
        if let Some(t) = team {
            for p in &t.people {
                if let (Some(k), Some(n)) = (p.value.key(), &*p.value.name) {
                    people.entry(k.value.0.as_str()).or_insert(n.value.0.as_str());
                }
            }
            for f in &t.facilitators {
                if let (Some(k), Some(n)) = (f.value.key(), &*f.value.name) {
                    facilitators
                        .entry(k.value.0.as_str())
                        .or_insert(n.value.0.as_str());
                }
            }
        }
        Names {
            people,
            facilitators,
            groups: BTreeMap::new(),
            subtopics: BTreeMap::new(),
        }
    }

    /// Builds the lookup from team.yaml and the sub-topics: people,
    /// facilitators, groups (their names) and sub-topics (their questions).
    pub fn of_program(p: &'a Program) -> Self {
        let mut names = Names::new(p.team.as_ref().map(|t| &t.value));
        for g in p.team.iter().flat_map(|t| &t.value.groups) {
            if let Some(i) = &*g.value.id {
                let name = g.value.name.as_ref().unwrap_or(i);
                names
                    .groups
                    .entry(i.value.0.as_str())
                    .or_insert(name.value.0.as_str());
            }
        }
        for s in &p.subtopics {
            if let Some(q) = &*s.value.question {
                names
                    .subtopics
                    .entry(facts::subtopic_id(p, s))
                    .or_insert(q.value.0.as_str());
            }
        }
        names
    }

    /// The name of a group, or its id when it has none.
    pub fn group(&self, id: &str) -> String {
        self.groups.get(id).map_or(id, |n| n).to_string()
    }

    /// The question of a sub-topic, or its id when unknown.
    pub fn subtopic(&self, id: &str) -> String {
        self.subtopics.get(id).map_or(id, |n| n).to_string()
    }

    /// The name a person reads for an id of any kind (person, facilitator,
    /// group, sub-topic), if it is one.
    fn any(&self, id: &str) -> Option<&'a str> {
        [&self.people, &self.facilitators, &self.groups, &self.subtopics]
            .into_iter()
            .find_map(|m| m.get(id).copied())
    }

    /// The name of a person or facilitator, or the id itself when unknown.
    pub fn of(&self, id: &str) -> String {
        self.people
            .get(id)
            .or_else(|| self.facilitators.get(id))
            .map_or(id, |n| n)
            .to_string()
    }
}

/// A file's model as written, with its `id` filled in where it defaults
/// (a person's or facilitator's name, a sub-topic's file stem).
pub(crate) struct WithId<'a, T> {
    /// The model.
    pub value: &'a T,
    /// The id it goes by, if it has one.
    pub id: Option<&'a str>,
}

impl<T: Serialize> Serialize for WithId<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut v = serde_json::to_value(self.value).map_err(serde::ser::Error::custom)?;
        if let (Some(id), Some(map)) = (self.id, v.as_object_mut()) {
            map.insert("id".to_string(), Value::String(id.to_string()));
        }
        v.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for WithId<'_, T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A person or facilitator with their id (`id`, else `name`) filled in.
fn with_key<'a, T>(value: &'a T, key: Option<&'a Sp<crate::model::Text>>) -> WithId<'a, T> {
    WithId {
        value,
        id: key.map(|k| k.value.0.as_str()),
    }
}

/// The report's context: what `report.md.tera` and the templates it
/// includes receive.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportContext<'a> {
    /// The language of the report.
    pub lang: Lang,
    /// The date the report is written at (`--today`).
    pub today: Date,
    /// The program folder, as given.
    pub program: &'a str,
    /// topic.yaml as written (absent keys are `null`); `null` when there is no usable topic.yaml.
    pub topic: Option<&'a Topic>,
    /// team.yaml as written, with each person's and facilitator's `id` filled in.
    pub team: Option<TeamView<'a>>,
    /// Every sub-topic, in file order.
    pub subtopics: Vec<SubtopicView<'a>>,
    /// Every session, by date (undated last).
    pub sessions: Vec<SessionView<'a>>,
    /// The open actions, by due date (undated last), then owner.
    pub open_actions: Vec<ActionView<'a>>,
    /// Every action, session by session in date order.
    pub actions: Vec<ActionView<'a>>,
    /// The findings of `al check`, as in its JSON output (`code`, `name`, `severity`, `message`, `help`, `file`, `line`, `column`).
    #[schemars(schema_with = "findings_schema")]
    pub findings: &'a [Diagnostic],
    /// The totals of `al check`: `programs`, `files`, `errors`, `warnings`.
    #[schemars(schema_with = "summary_schema")]
    pub check: Summary,
    /// Where the program stands in the six steps.
    pub stage: StageView,
    /// The topic's kind, source and mode in words; `null` without topic.yaml.
    pub labels: Option<TopicLabels>,
    /// A Mermaid gantt of the six steps, the plan's milestones (planned and
    /// reached) and the sessions, ready to put in a ```` ```mermaid ```` block.
    pub gantt: String,
    /// The charts `al` draws as inline SVG (timeline, attendance, actions,
    /// budget, metrics), for the HTML report; Markdown templates do not use them.
    pub charts: super::charts::ChartsView,
    /// Each core group, in team.yaml order.
    pub groups: Vec<GroupView<'a>>,
    /// Each member of each group, group by group.
    pub participation: Vec<ParticipationView<'a>>,
    /// The days each member gave, by kind of session, group by group with
    /// the group's total (时间：自学、培训、研讨、调研).
    pub time: Vec<TimeGroupView>,
    /// What was studied at the sessions held, by the step of the six at
    /// each session's date, in date order (做前学、做中学、做后学).
    pub learning_log: Vec<LearningStageView>,
    /// Each core group's learning: how much it recorded and when last.
    pub learning_groups: Vec<GroupLearningView>,
    /// Each core group's learning officers: their rotation in team.yaml,
    /// and who was on duty at each group meeting held and whether it has a
    /// record (学习委员：活动记录与总结汇报).
    pub officer_records: Vec<OfficerGroupView>,
    /// The actions counted per owner, by owner id (actions without an owner first).
    pub action_owners: Vec<OwnerTally<'a>>,
    /// The actions counted.
    pub action_totals: ActionTotals,
    /// The budget by category, with totals.
    pub budget: BudgetView,
    /// The overall action plan (plan.yaml) against the record: each
    /// milestone planned and as held, and the next ones.
    pub plan: PlanView,
    /// With `--since REV`: what changed since that git revision, as
    /// language-neutral records (see history.md); `changes.md.tera` renders
    /// them. Else `null`.
    pub changes: Option<crate::history::Diff>,
    /// With `--since REV`: the words `changes.md.tera` looks the records'
    /// values up in (step, status and session-kind names); else `null`.
    pub words: Option<crate::lang::Words>,
    /// The exceptions granted: every waiver (`[[allow]]`) of the al.toml that
    /// applies, with what it silenced in this program.
    pub exceptions: Vec<ExceptionView<'a>>,
    /// The executive summary that opens the report: where the program is,
    /// its results, the decisions since the last report and what needs a
    /// leader's attention, in sentences.
    pub summary: super::summary::SummaryView,
    /// The program's name for a reader: the topic's title, else the folder.
    pub program_title: String,
    /// The convener with their title, e.g. `王建国（副总经理）` (brackets
    /// never nest: a title with brackets follows a comma); `null` without one.
    pub convener_display: Option<String>,
    /// The sponsor with their title, as `convener_display`; `null` without one.
    pub sponsor_display: Option<String>,
    /// The findings of `findings`, grouped by what to do about them (one
    /// group per family of rules, in code order), each in plain words in the
    /// report's language: ids given as names, files as what they hold.
    pub advice: Vec<AdviceGroup>,
    /// The program's files that could not be read or parsed (a syntax
    /// error, a file that is not text, …), in file order; the report names
    /// them at its top. Empty when every file was read.
    pub unreadable: Vec<UnreadableView>,
    /// For each section that depends on a file that could not be read: the
    /// file's path inside the program, which the section names instead of
    /// its content; `null` when the section can be written.
    pub omit: OmitView,
}

/// A file of the program that could not be read or parsed.
#[derive(Serialize, JsonSchema, Clone)]
pub(crate) struct UnreadableView {
    /// Its path inside the program (`team.yaml`, `sessions/2026-03-01.yaml`).
    pub file: String,
    /// What it holds: `topic`, `team`, `session`, `subtopic` or `plan`.
    pub kind: &'static str,
}

/// The sections left out because a file they depend on could not be read:
/// each is the file's path inside the program, or `null`.
#[derive(Serialize, JsonSchema, Default)]
pub(crate) struct OmitView {
    /// The stage and topic sections, and the stage in the header (topic.yaml).
    pub topic: Option<String>,
    /// The team section, the sessions, the sub-topics, the actions and the
    /// charts that name people and groups (timeline, attendance, actions),
    /// which are left out of `charts`, and the owners and groups of the
    /// plan's milestones (team.yaml).
    pub team: Option<String>,
    /// The overall action plan: its section, and the plan in the timeline
    /// and the summary (plan.yaml).
    pub plan: Option<String>,
}

/// The charts; without those that name groups and people when team.yaml
/// could not be read (its ids would stand where names belong).
fn charts(
    p: &Program,
    stage: &StageView,
    plan: &PlanView,
    lang: Lang,
    today: Date,
    team_unread: bool,
) -> super::charts::ChartsView {
    let mut charts = super::charts::charts(p, &stage.steps, &plan.milestones, lang, today);
    if team_unread {
        charts.timeline = None;
        charts.attendance.clear();
        charts.actions = None;
    }
    charts
}

/// The files of the program that have no model: read, but not usable
/// ([`facts::unreadable`]).
fn unreadable(p: &Program) -> Vec<UnreadableView> {
    facts::unreadable(p)
        .into_iter()
        .filter_map(|(i, kind)| {
            Some(UnreadableView {
                file: p.files.get(i)?.rel.clone(),
                kind: kind.name(),
            })
        })
        .collect()
}

impl OmitView {
    fn of(unreadable: &[UnreadableView]) -> Self {
        let file = |kind: &str| unreadable.iter().find(|u| u.kind == kind).map(|u| u.file.clone());
        OmitView {
            topic: file("topic"),
            team: file("team"),
            plan: file("plan"),
        }
    }
}

/// What to do about the findings of one family of rules.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AdviceGroup {
    /// The family: `files`, `topic`, `team`, `sessions`, `subtopics`, `stages`, `plan` or `config`.
    pub family: &'static str,
    /// What to do, as a heading in the report's language.
    pub heading: &'static str,
    /// The findings, errors first, then by code.
    pub items: Vec<AdviceItem>,
}

/// One finding in plain words.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AdviceItem {
    /// The rule's code (for the appendix; not for the reader).
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// What is wrong and what to do, in one or two sentences, naming the
    /// thing (a group, a person, a session) rather than its file.
    pub text: String,
}

/// team.yaml as written, with ids filled in.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TeamView<'a> {
    /// The people, each with `id` filled in from `name` when absent.
    pub people: Vec<WithId<'a, Person>>,
    /// The facilitators, each with `id` filled in from `name` when absent.
    pub facilitators: Vec<WithId<'a, Facilitator>>,
    /// External support, as written.
    pub external: &'a [Sp<External>],
    /// The core groups, as written.
    pub groups: &'a [Sp<Group>],
}

impl<'a> TeamView<'a> {
    fn new(t: &'a Team) -> Self {
        TeamView {
            people: t
                .people
                .iter()
                .map(|p| with_key(&p.value, p.value.key()))
                .collect(),
            facilitators: t
                .facilitators
                .iter()
                .map(|f| with_key(&f.value, f.value.key()))
                .collect(),
            external: &t.external,
            groups: &t.groups,
        }
    }
}

/// One of the six steps.
#[derive(Serialize, JsonSchema, Clone)]
pub(crate) struct Step {
    /// 1 to 6.
    pub number: i64,
    /// Its name.
    pub name: &'static str,
    /// Where it stands against the topic's `stage`.
    pub state: StepState,
    /// `state` in words.
    pub state_label: &'static str,
    /// When it started, as the record shows (steps reached only; `null`
    /// where the record does not say: step 1 always, step 2 without a dated
    /// `consent:` in team.yaml). Step 2 starts at the first consent, step 3
    /// at the first kick-off or workshop, step 4 at the first proposal or
    /// review, step 5 at the first implementation.
    pub start: Option<Date>,
    /// When it ended as the record shows, or today for the current step
    /// (steps reached only; `null` where the record does not say).
    pub end: Option<Date>,
}

/// Where a step stands.
#[derive(Serialize, JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub(crate) enum StepState {
    /// Before the current stage.
    Done,
    /// The current stage.
    Current,
    /// Not reached yet.
    Todo,
}

/// The stage of the six steps.
#[derive(Serialize, JsonSchema)]
pub(crate) struct StageView {
    /// The topic's `stage` (0 when not given).
    pub number: i64,
    /// Its name.
    pub name: &'static str,
    /// The six steps.
    pub steps: Vec<Step>,
    /// The date by which steps 1–3 should end in a review (the start plus `steps_1_to_3_months`).
    pub review_deadline: Option<Date>,
    /// The step the record shows reached by `today` (3 a workshop held, 4 a
    /// proposal reviewed, 5 an implementation started, 6 results), when it is
    /// beyond the declared `stage` (then AL502 is among the findings); else `null`.
    pub record: Option<i64>,
    /// The name of that step.
    pub record_name: Option<&'static str>,
    /// The topic's `start`, if given.
    pub start: Option<Date>,
    /// Whether `today` is before the topic's `start`: then no step is shown
    /// done or under way, and no step has dates.
    pub before_start: bool,
}

/// The topic's words in the report's language.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TopicLabels {
    /// The topic's `kind`.
    pub kind: Option<&'static str>,
    /// The topic's `source`.
    pub source: Option<&'static str>,
    /// The topic's `mode`.
    pub mode: Option<&'static str>,
}

/// A session file as written, with what the report works out about it.
#[derive(Serialize, JsonSchema)]
pub(crate) struct SessionView<'a> {
    /// The session as written.
    #[serde(flatten)]
    pub session: &'a Session,
    /// The file, inside the program folder.
    pub file: &'a str,
    /// Its kind in words (empty without a kind).
    pub kind_label: &'static str,
    /// Its activity in words.
    pub activity_label: Option<&'static str>,
    /// Its length in words.
    pub length: String,
    /// The groups it is for: those it names, else every group in team.yaml order.
    pub group_ids: Vec<&'a str>,
    /// The names of those who attended: its `attendees` (empty when attendance is not recorded).
    pub present: Vec<String>,
    /// How many attended.
    pub present_count: usize,
    /// How many were members of its groups on its date.
    pub expected_count: usize,
    /// Whether it records `attendees`; without them attendance is "not recorded".
    pub recorded: bool,
    /// The names of its `guests` (ids are shown as names).
    pub guests: Vec<String>,
    /// Whether it is an optional activity (`kind: activity`), not a meeting everyone is expected at.
    pub optional: bool,
    /// Whether its date is on or before today.
    pub held: bool,
    /// The names of the groups it is for (as `group_ids`).
    pub group_names: Vec<String>,
    /// Its kind, with its activity where it has one, e.g. `活动（调查研究）`.
    pub kind_display: String,
    /// What was studied, with who brought it, by name.
    pub learning_shared: Vec<LearningView>,
    /// Its `notes` on one line, shortened to 80 characters (ending in `…` when cut).
    pub notes_short: Option<String>,
}

/// Something studied at a session, and who brought it.
#[derive(Serialize, JsonSchema)]
pub(crate) struct LearningView {
    /// What was studied.
    pub title: String,
    /// The name of who brought it.
    pub by_name: Option<String>,
    /// Both, e.g. `《薪酬管理》第四章（王强分享）`.
    pub display: String,
}

/// A sub-topic file as written, with its id and words.
#[derive(Serialize, JsonSchema)]
pub(crate) struct SubtopicView<'a> {
    /// The sub-topic as written, `id` filled in from the file name when absent.
    #[serde(flatten)]
    pub subtopic: WithId<'a, Subtopic>,
    /// The file, inside the program folder.
    pub file: &'a str,
    /// The owner's name.
    pub owner_name: Option<String>,
    /// Its status in words.
    pub status_label: Option<&'static str>,
    /// Its proposal's review decision in words.
    pub decision_label: Option<&'static str>,
    /// The name of the owner of its implementation.
    pub implementation_owner_name: Option<String>,
    /// The name of its group.
    pub group_name: Option<String>,
    /// The question of the sub-topic it replaced (`replaces`), else that id as written.
    pub replaces_name: Option<String>,
    /// The question of the sub-topic that replaced it (whose `replaces` names it).
    pub replaced_by: Option<String>,
    /// The names of its proposal's reviewers (`proposal.review.by`).
    pub review_by_names: Vec<String>,
    /// Its review's decision with the review's notes, e.g. `通过（先试行）`.
    pub decision_display: Option<String>,
    /// Its proposal's summary with the date it was submitted.
    pub proposal_display: Option<String>,
    /// The names of its own team (`members`, 子课题小组), in the order written.
    pub member_names: Vec<String>,
}

/// An action and where it stands.
#[derive(Serialize, JsonSchema, Clone)]
pub(crate) struct ActionView<'a> {
    /// What is to be done.
    pub task: &'a str,
    /// The owner's id.
    pub owner: Option<&'a str>,
    /// The owner's name (empty without an owner).
    pub owner_name: String,
    /// The due date.
    pub due: Option<Date>,
    /// Where it stands (`open` when not given).
    pub status: ActionStatus,
    /// `status` in words.
    pub status_label: &'static str,
    /// Open and past its due date at `today`.
    pub overdue: bool,
    /// How many days overdue (0 when not overdue).
    pub days_overdue: i64,
    /// The sub-topic it serves (its id).
    pub subtopic: Option<&'a str>,
    /// The question of the sub-topic it serves.
    pub subtopic_name: Option<String>,
    /// The file of the session that agreed it.
    pub session: &'a str,
    /// The date of that session.
    pub session_date: Option<Date>,
}

/// The actions of one owner, counted.
#[derive(Serialize, JsonSchema)]
pub(crate) struct OwnerTally<'a> {
    /// The owner's id (empty for actions without one).
    pub owner: &'a str,
    /// The owner's name.
    pub owner_name: String,
    /// Their actions, counted.
    #[serde(flatten)]
    pub totals: ActionTotals,
}

/// A core group with its roles and members.
#[derive(Serialize, JsonSchema)]
pub(crate) struct GroupView<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its name and id, e.g. `第一组（g1）`.
    pub label: String,
    /// Its name.
    pub name: Option<&'a str>,
    /// Its focus.
    pub focus: Option<&'a str>,
    /// The leader's name.
    pub leader: Option<String>,
    /// The learning officers' names, in rotation order.
    pub learning_officers: Vec<String>,
    /// The facilitator's name.
    pub facilitator: Option<String>,
    /// The facilitator's level in words.
    pub facilitator_level: Option<&'static str>,
    /// Its members.
    pub members: Vec<MemberView<'a>>,
    /// Its name, else its id.
    pub display_name: String,
    /// The facilitator's name with their level, e.g. `赵敏（中级）`.
    pub facilitator_display: Option<String>,
    /// The date of its last group meeting up to today.
    pub last_met: Option<Date>,
    /// Days from `last_met` to today.
    pub days_since_met: Option<i64>,
}

/// A member of a group.
#[derive(Serialize, JsonSchema)]
pub(crate) struct MemberView<'a> {
    /// Their id.
    pub id: &'a str,
    /// Their name.
    pub name: String,
    /// Their department (empty when not given).
    pub department: String,
    /// Their level (empty when not given).
    pub level: String,
    /// Their roles in the group in words: leader, learning officer, else member.
    pub roles: String,
    /// The date they left, when they are no longer a member (they stay listed).
    pub left: Option<Date>,
}

/// How often one member of one group took part, up to today.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ParticipationView<'a> {
    /// Their id.
    pub id: &'a str,
    /// Their name.
    pub name: String,
    /// The group's id.
    pub group: &'a str,
    /// The group's name.
    pub group_name: String,
    /// Meetings for the group they attended (of those that record attendance).
    pub attended: usize,
    /// Meetings for the group held (dated on or before today) while they were a member.
    pub held: usize,
    /// Of those, how many record attendance.
    pub recorded: usize,
    /// How many of those held do not record attendance.
    pub unrecorded: usize,
    /// `attended` of `recorded` as a whole percentage.
    pub percent: usize,
    /// Optional activities (`kind: activity`) they are recorded at.
    pub activities: usize,
    /// The date they left, when they are no longer a member.
    pub left: Option<Date>,
}

/// The budget.
#[derive(Serialize, JsonSchema)]
pub(crate) struct BudgetView {
    /// The topic's `currency` (empty when not given).
    pub currency: String,
    /// Per category, in category order, uncategorised last.
    pub categories: Vec<BudgetCategoryView>,
    /// Planned in total, with thousands separators.
    pub planned: String,
    /// Spent in total, with thousands separators.
    pub spent: String,
    /// Spent of planned, e.g. `45%` (`—` when nothing is planned).
    pub percent: String,
    /// How many budget lines there are.
    pub lines: usize,
}

/// The budget of one category.
#[derive(Serialize, JsonSchema)]
pub(crate) struct BudgetCategoryView {
    /// The category in words.
    pub category: String,
    /// Planned, with thousands separators.
    pub planned: String,
    /// Spent, with thousands separators.
    pub spent: String,
    /// Spent of planned, e.g. `45%` (`—` when nothing is planned).
    pub percent: String,
    /// Its budget lines, in file order.
    pub items: Vec<BudgetItemView>,
}

/// One budget line.
#[derive(Serialize, JsonSchema)]
pub(crate) struct BudgetItemView {
    /// What it is for (`—` when not written).
    pub item: String,
    /// Planned, with thousands separators (`—` when not written).
    pub planned: String,
    /// Spent, with thousands separators.
    pub spent: String,
    /// Spent of planned, e.g. `45%` (`—` when nothing is planned).
    pub percent: String,
}

/// The overall action plan against the record.
#[derive(Serialize, JsonSchema, Default)]
pub(crate) struct PlanView {
    /// Whether the program has a plan.yaml that could be read.
    pub present: bool,
    /// The date the plan was made (`made`).
    pub made: Option<Date>,
    /// Each milestone in planned order (undated last, then file order).
    pub milestones: Vec<MilestoneView>,
    /// The next milestones: up to three not reached and not yet late at
    /// `today`, in planned order.
    pub next: Vec<MilestoneView>,
    /// How many milestones are late at `today`: past their planned date
    /// (or month) with nothing in the record.
    pub late: usize,
}

/// One milestone of the plan, planned and as the record shows it.
#[derive(Serialize, JsonSchema, Clone)]
pub(crate) struct MilestoneView {
    /// Its kind as plan.yaml writes it (`null` without a usable kind).
    pub kind: Option<crate::model::MilestoneKind>,
    /// What it is in plain words, e.g. `第二次研讨会`, `各组小组会议（4月）`.
    pub name: String,
    /// The first day it is planned for: its `date`, or its month's first day.
    pub planned: Option<Date>,
    /// The last day it is on time: its `date`, or its month's last day.
    pub due: Option<Date>,
    /// Whether it is planned to the month rather than to the day.
    pub planned_month: bool,
    /// When it is planned, as the report writes it: `2026-05-11`, or the
    /// month `2026年4月` / `April 2026`; `—` when not planned.
    pub planned_display: String,
    /// The date the record shows it reached, when the record dates it.
    pub actual: Option<Date>,
    /// Whether the record shows it reached (by `today`).
    pub reached: bool,
    /// What the record shows, as the report writes it: the date, `已完成
    /// （记录未写日期）` / `done (the record gives no date)`, or `—`.
    pub actual_display: String,
    /// Days from plan to record when both are dated: positive when later
    /// than planned, negative when earlier, 0 on the day or within the month.
    pub slip: Option<i64>,
    /// Days it is late at `today`: not reached and past its planned date.
    pub days_late: Option<i64>,
    /// `on-plan`, `late`, `early`, `overdue` (late, nothing recorded),
    /// `not-due` (not reached, not late), `done` (reached, no dates to
    /// compare) or `unplanned` (no planned date and not reached).
    pub status: &'static str,
    /// `status` with its days in plain words: `按计划`, `晚 21 天`, `早 6 天`,
    /// `已晚 20 天，尚无记录`, `未到`, or `—`.
    pub slip_display: String,
    /// The owner's name.
    pub owner_name: Option<String>,
    /// The names of the groups it concerns (empty: all).
    pub group_names: Vec<String>,
    /// Its notes, as written.
    pub notes: Option<String>,
}

/// When a milestone is planned, as the report writes it.
fn planned_display(lang: Lang, planned: Option<facts::Planned>) -> String {
    match planned {
        Some(facts::Planned::Day(d)) => d.to_string(),
        Some(facts::Planned::Month(m)) => labels::month_spoken(lang, m, true),
        None => "—".to_string(),
    }
}

/// A milestone's name in plain words: workshops by their number, other
/// kinds numbered when the plan has more than one of them, group meetings
/// with their month. The one naming of a milestone for the report and its
/// summary.
pub(crate) fn milestone_name(lang: Lang, f: &facts::MilestoneFact, all: &[facts::MilestoneFact]) -> String {
    let month = match (f.kind, f.planned) {
        (Some(crate::model::MilestoneKind::GroupMeetings), Some(facts::Planned::Month(m))) => Some(m.month),
        _ => None,
    };
    labels::milestone_name(lang, f.kind, facts::shown_number(f, all), month)
}

/// Where a milestone stands, and that in words.
fn milestone_status(lang: Lang, f: &facts::MilestoneFact, today: Date) -> (&'static str, String) {
    let days = |n: i64| {
        let unit = crate::lang::plural(n.unsigned_abs() as usize, "day", "days");
        (n.abs(), unit)
    };
    if let Some(slip) = f.slip() {
        let (n, unit) = days(slip);
        return match slip.cmp(&0) {
            std::cmp::Ordering::Equal => ("on-plan", pick(lang, "按计划", "on plan").to_string()),
            std::cmp::Ordering::Greater => ("late", crate::tr!(lang, "晚 {n} 天", "{n} {unit} late")),
            std::cmp::Ordering::Less => ("early", crate::tr!(lang, "早 {n} 天", "{n} {unit} early")),
        };
    }
    if let Some(late) = f.days_late(today) {
        let (n, unit) = days(late);
        return (
            "overdue",
            crate::tr!(lang, "已晚 {n} 天，尚无记录", "{n} {unit} late, not recorded yet"),
        );
    }
    if f.upcoming(today) {
        return ("not-due", pick(lang, "未到", "not due yet").to_string());
    }
    if f.reached() {
        ("done", "—".to_string())
    } else {
        ("unplanned", "—".to_string())
    }
}

/// One milestone as the report shows it.
/// Without a readable team.yaml (`team_unread`) the owner and groups are
/// left out: their ids would stand where names belong.
fn milestone_view(
    i: &Inputs,
    f: &facts::MilestoneFact,
    all: &[facts::MilestoneFact],
    team_unread: bool,
) -> MilestoneView {
    let lang = i.lang;
    let (status, slip_display) = milestone_status(lang, f, i.today);
    let m = &f.milestone.value;
    MilestoneView {
        kind: f.kind,
        name: milestone_name(lang, f, all),
        planned: f.planned.map(facts::Planned::first),
        due: f.planned.map(facts::Planned::due),
        planned_month: matches!(f.planned, Some(facts::Planned::Month(_))),
        planned_display: planned_display(lang, f.planned),
        actual: f.actual_date(),
        reached: f.reached(),
        actual_display: match f.actual {
            facts::Actual::On(d, _) => d.to_string(),
            facts::Actual::Undated => {
                pick(lang, "已完成（记录未写日期）", "done (the record gives no date)").to_string()
            }
            facts::Actual::No => "—".to_string(),
        },
        slip: f.slip(),
        days_late: f.days_late(i.today),
        status,
        slip_display,
        owner_name: m
            .owner
            .as_ref()
            .filter(|_| !team_unread)
            .map(|o| i.names.of(&o.value.0)),
        group_names: if team_unread {
            Vec::new()
        } else {
            f.groups.iter().map(|g| i.names.group(g)).collect()
        },
        notes: m.notes.as_ref().map(|n| n.0.clone()),
    }
}

/// The plan against the record, from the milestones' facts.
fn plan(i: &Inputs, milestones: &[facts::MilestoneFact], team_unread: bool) -> PlanView {
    let ordered = facts::by_plan_date(milestones);
    let views: Vec<MilestoneView> = ordered
        .iter()
        .map(|f| milestone_view(i, f, milestones, team_unread))
        .collect();
    PlanView {
        present: i.p.plan.is_some(),
        made: i
            .p
            .plan
            .as_ref()
            .and_then(|p| p.value.made.as_ref())
            .map(|d| d.value),
        next: ordered
            .iter()
            .zip(&views)
            .filter(|(f, _)| f.upcoming(i.today))
            .take(NEXT_MILESTONES)
            .map(|(_, v)| v.clone())
            .collect(),
        late: milestones
            .iter()
            .filter(|f| f.days_late(i.today).is_some())
            .count(),
        milestones: views,
    }
}

/// How many of the next milestones the plan's section lists.
const NEXT_MILESTONES: usize = 3;

/// A waiver of al.toml and what it silenced.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ExceptionView<'a> {
    /// The rule it waives.
    pub rule: &'a str,
    /// The file inside the program.
    pub path: &'a str,
    /// What else it names (group, person, sub-topic, month, session, action), in words, ids as names; empty when nothing.
    pub scope: String,
    /// Why it was granted (`null`: none given, so it silences nothing).
    pub reason: Option<&'a str>,
    /// Its last day, if any.
    pub until: Option<Date>,
    /// Whether it has expired (at `today`).
    pub expired: bool,
    /// The findings it silenced, as in `findings`.
    #[schemars(schema_with = "findings_schema")]
    pub silenced: Vec<&'a Diagnostic>,
    /// What each of those findings says, in plain words (as in `advice`).
    pub silenced_plain: Vec<String>,
}

/// The exceptions granted by `config`'s waivers, with what each silenced.
pub(crate) fn exceptions<'a>(
    p: &Program,
    config: &'a crate::config::Config,
    waived: &'a [crate::check::Waived],
    lang: Lang,
    today: Date,
) -> Vec<ExceptionView<'a>> {
    let i = Inputs {
        p,
        index: Index::build(p),
        names: Names::of_program(p),
        lang,
        today,
    };
    let names = &i.names;
    config
        .waivers
        .iter()
        .enumerate()
        .map(|(n, w)| {
            let s = &w.scope;
            let parts: Vec<String> = [
                (
                    pick(lang, "小组", "group"),
                    s.group.as_deref().map(|g| names.group(g)),
                ),
                (
                    pick(lang, "人员", "person"),
                    s.person.as_deref().map(|x| names.of(x)),
                ),
                (
                    pick(lang, "子课题", "sub-topic"),
                    s.subtopic.as_deref().map(|x| names.subtopic(x)),
                ),
                (pick(lang, "月份", "month"), s.month.map(|m| m.to_string())),
                (pick(lang, "活动", "session"), s.session.clone()),
                (pick(lang, "行动项", "action"), s.action.clone()),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
            .collect();
            let silenced: Vec<&Diagnostic> = waived
                .iter()
                .filter(|x| x.waiver == n)
                .map(|x| &x.diagnostic)
                .collect();
            ExceptionView {
                silenced_plain: silenced.iter().map(|d| plain(&i, &d.message)).collect(),
                silenced,
                rule: &w.rule,
                path: &w.path,
                scope: parts.join(pick(lang, "，", ", ")),
                reason: w.reason.as_deref(),
                until: w.until,
                expired: w.until.is_some_and(|u| u < today),
            }
        })
        .collect()
}

fn findings_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "array", "items": { "type": "object" } })
}

fn summary_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "object" })
}

/// What the report is built from.
struct Inputs<'a> {
    p: &'a Program,
    index: Index<'a>,
    names: Names<'a>,
    lang: Lang,
    today: Date,
}

/// The group's id and display name ("第一组（g1）").
fn group_label(g: &Group) -> String {
    match (&*g.name, &*g.id) {
        (Some(n), Some(i)) if n.value.0 != i.value.0 => format!("{}（{}）", n.value.0, i.value.0),
        (Some(n), _) => n.value.0.clone(),
        (None, Some(i)) => i.value.0.clone(),
        (None, None) => String::new(),
    }
}

/// The six steps and the stage reached, with each step's dates as the
/// record shows them ([`facts::step_periods`]).
fn stage(p: &Program, limits: &Limits, lang: Lang, today: Date) -> StageView {
    let number = facts::declared_stage(p);
    let start = facts::start(p);
    let before_start = start.is_some_and(|s| today < s);
    // Only what happened by `today` counts, as for AL502: a review dated
    // later is not shown as held.
    let e = facts::stage_evidence_by(p, today);
    let periods = facts::step_periods(p, today);
    let steps = (1..=6)
        .map(|n| {
            let (state, state_label) = if before_start || n > number {
                (StepState::Todo, pick(lang, "未开始", "not started"))
            } else if n < number {
                (StepState::Done, pick(lang, "已完成", "done"))
            } else {
                (StepState::Current, pick(lang, "进行中", "in progress"))
            };
            let (s, e) = if state == StepState::Todo {
                (None, None)
            } else {
                periods[(n - 1) as usize]
            };
            let e = match (s, e) {
                (Some(s), Some(e)) if e < s => Some(s),
                (Some(_), None) if state == StepState::Current => Some(today),
                _ => e,
            };
            Step {
                number: n,
                name: labels::step_name(lang, n),
                state,
                state_label,
                start: s,
                end: e,
            }
        })
        .collect();
    let record = e.supported_stage().filter(|r| *r > number && number > 0);
    StageView {
        number,
        name: labels::step_name(lang, number),
        steps,
        review_deadline: facts::review_deadline(p, limits),
        record,
        record_name: record.map(|r| labels::step_name(lang, r)),
        start,
        before_start,
    }
}

/// The topic's words.
fn topic_labels(topic: &Topic, lang: Lang) -> TopicLabels {
    TopicLabels {
        kind: topic.kind.as_ref().map(|k| labels::topic_kind(lang, k.value)),
        source: topic.source.as_ref().map(|s| labels::topic_source(lang, s.value)),
        mode: topic.mode.as_ref().map(|m| labels::topic_mode(lang, m.value)),
    }
}

/// Every session with its attendance.
fn sessions<'a>(i: &Inputs<'a>) -> Vec<SessionView<'a>> {
    let (p, lang) = (i.p, i.lang);
    facts::sessions_by_date(p)
        .into_iter()
        .map(|s| {
            let v = &s.value;
            let attendance = facts::attendance(p, v);
            let kind_label = v
                .kind
                .as_ref()
                .map(|k| labels::session_kind(lang, k.value))
                .unwrap_or_default();
            let activity_label = v.activity.as_ref().map(|a| labels::activity(lang, a.value));
            let group_ids = facts::session_groups(p, v);
            SessionView {
                group_names: group_ids.iter().map(|g| i.names.group(g)).collect(),
                kind_display: labels::name_with(lang, kind_label, activity_label.unwrap_or_default()),
                learning_shared: v.learning.iter().map(|l| learning(i, &l.value)).collect(),
                notes_short: v
                    .notes
                    .as_ref()
                    .map(|n| super::escape::shorten(n, NOTES_LENGTH))
                    .filter(|n| !n.is_empty()),
                session: v,
                file: &p.files[s.file].rel,
                kind_label,
                activity_label,
                length: labels::length(lang, v.days.as_ref().map_or(1.0, |d| d.value.0)),
                group_ids,
                present: attendance
                    .present
                    .iter()
                    .flatten()
                    .map(|id| i.names.of(id))
                    .collect(),
                present_count: attendance.present.as_ref().map_or(0, Vec::len),
                expected_count: attendance.expected.len(),
                recorded: attendance.present.is_some(),
                guests: attendance.guests.iter().map(|id| i.names.of(id)).collect(),
                optional: v.is(crate::model::SessionKind::Activity),
                held: facts::session_date(v).is_some_and(|d| d <= i.today),
            }
        })
        .collect()
}

/// How many characters of a session's notes the report shows.
const NOTES_LENGTH: usize = 80;

/// Something studied, with who brought it by name.
fn learning(i: &Inputs, l: &crate::model::LearningItem) -> LearningView {
    let title = l.title.as_ref().map(|t| t.0.clone()).unwrap_or_default();
    let by_name = l.by.as_ref().map(|b| i.names.of(&b.value.0));
    LearningView {
        display: labels::name_with(
            i.lang,
            &title,
            &by_name
                .as_deref()
                .map(|b| crate::tr!(i.lang, "{b}分享", "shared by {b}"))
                .unwrap_or_default(),
        ),
        title,
        by_name,
    }
}

/// Every sub-topic with its id and words.
fn subtopics<'a>(i: &Inputs<'a>) -> Vec<SubtopicView<'a>> {
    let (p, lang) = (i.p, i.lang);
    p.subtopics
        .iter()
        .map(|s| {
            let v = &s.value;
            let review = v.proposal.as_ref().and_then(|pr| pr.value.review.as_ref());
            let id = facts::subtopic_id(p, s);
            let decision_label = review
                .and_then(|r| r.value.decision.as_ref())
                .map(|d| labels::decision(lang, d.value));
            let replaced_by = p
                .subtopics
                .iter()
                .find(|t| t.value.replaces.as_ref().is_some_and(|r| r.value.0 == id))
                .map(|t| i.names.subtopic(facts::subtopic_id(p, t)));
            SubtopicView {
                group_name: v.group.as_ref().map(|g| i.names.group(&g.value.0)),
                replaces_name: v.replaces.as_ref().map(|r| i.names.subtopic(&r.value.0)),
                replaced_by,
                review_by_names: review
                    .map(|r| r.value.by.iter().map(|b| i.names.of(b)).collect())
                    .unwrap_or_default(),
                decision_display: decision_label.map(|d| {
                    let notes = review.and_then(|r| r.value.notes.as_ref());
                    labels::name_with(lang, d, notes.map_or("", |n| n.0.as_str()))
                }),
                proposal_display: v.proposal.as_ref().map(|pr| proposal(lang, &pr.value)),
                member_names: v.members.iter().map(|m| i.names.of(&m.value)).collect(),
                subtopic: WithId {
                    value: v,
                    id: Some(id),
                },
                file: &p.files[s.file].rel,
                owner_name: v.owner.as_ref().map(|o| i.names.of(&o.value.0)),
                status_label: v.status.as_ref().map(|x| labels::subtopic_status(lang, x.value)),
                decision_label,
                implementation_owner_name: v
                    .implementation
                    .as_ref()
                    .and_then(|im| im.value.owner.as_ref())
                    .map(|o| i.names.of(&o.value.0)),
            }
        })
        .collect()
}

/// A proposal's summary with the date it was submitted.
fn proposal(lang: Lang, pr: &crate::model::Proposal) -> String {
    let summary = pr.summary.as_ref().map_or("—", |t| t.0.as_str());
    let submitted = pr.submitted.as_ref().map(|d| d.value);
    match submitted {
        Some(d) => labels::name_with(lang, summary, &crate::tr!(lang, "{d} 提交", "submitted {d}")),
        None => summary.to_string(),
    }
}

/// One action as the report shows it.
fn action_view<'a>(i: &Inputs<'a>, a: &ActionFact<'a>) -> ActionView<'a> {
    let v = a.action;
    ActionView {
        task: v.task.as_ref().map_or("", |t| t.0.as_str()),
        owner: a.owner(),
        owner_name: a.owner().map(|o| i.names.of(o)).unwrap_or_default(),
        due: a.due,
        status: a.status,
        status_label: labels::action_status(i.lang, a.status),
        overdue: a.overdue(),
        days_overdue: a.days_overdue.unwrap_or(0),
        subtopic: v.subtopic.as_ref().map(|x| x.value.0.as_str()),
        subtopic_name: v.subtopic.as_ref().map(|x| i.names.subtopic(&x.value.0)),
        session: &i.p.files[a.session.file].rel,
        session_date: facts::session_date(&a.session.value),
    }
}

/// The actions counted per owner, by owner id.
fn owners<'a>(i: &Inputs<'a>, actions: &[ActionFact<'a>]) -> Vec<OwnerTally<'a>> {
    let mut owners: BTreeMap<&'a str, OwnerTally<'a>> = BTreeMap::new();
    for a in actions {
        let owner = a.owner().unwrap_or_default();
        owners
            .entry(owner)
            .or_insert_with(|| OwnerTally {
                owner,
                owner_name: if owner.is_empty() {
                    pick(i.lang, "（未指定）", "(nobody)").to_string()
                } else {
                    i.names.of(owner)
                },
                totals: ActionTotals::default(),
            })
            .totals
            .add(a);
    }
    owners.into_values().collect()
}

/// The members of a group with their roles.
fn members<'a>(i: &Inputs<'a>, g: &'a Group) -> Vec<MemberView<'a>> {
    let lang = i.lang;
    g.members
        .iter()
        .map(|m| {
            let id = m.value.as_str();
            let person = i.index.people.get(id);
            let field = |f: fn(&Person) -> Option<&crate::model::Text>| {
                person.and_then(|p| f(p)).map(|x| x.0.clone()).unwrap_or_default()
            };
            let mut roles = Vec::new();
            if g.leader.as_ref().is_some_and(|l| l.value.0 == id) {
                roles.push(pick(lang, "组长", "leader"));
            }
            if g.learning_officers.iter().any(|l| l.value == id) {
                roles.push(pick(lang, "学习委员", "learning officer"));
            }
            if roles.is_empty() {
                roles.push(pick(lang, "学员", "member"));
            }
            MemberView {
                id,
                name: i.names.of(id),
                department: field(|p| p.department.as_ref()),
                level: field(|p| p.level.as_ref()),
                roles: roles.join(pick(lang, "、", ", ")),
                left: left_by(i, id),
            }
        })
        .collect()
}

/// Each group with its roles, members and last meeting.
fn groups<'a>(i: &Inputs<'a>) -> Vec<GroupView<'a>> {
    let names = &i.names;
    let all = i.p.team.iter().flat_map(|t| &t.value.groups);
    all.map(|g| {
        let gv = &g.value;
        let id = gv.id.as_ref().map_or("", |x| x.value.0.as_str());
        let last = facts::last_met(i.p, id, i.today);
        let facilitator = gv
            .facilitator
            .as_ref()
            .and_then(|f| i.index.facilitators.get(f.value.0.as_str()));
        let facilitator_name = gv.facilitator.as_ref().map(|f| names.of(&f.value.0));
        let level = facilitator
            .and_then(|f| f.level.as_ref())
            .map(|l| labels::facilitator_level(i.lang, l.value));
        GroupView {
            id,
            label: group_label(gv),
            display_name: gv.name.as_ref().map_or(id, |n| n.value.0.as_str()).to_string(),
            facilitator_display: facilitator_name
                .as_deref()
                .map(|f| labels::name_with(i.lang, f, level.unwrap_or_default())),
            name: gv.name.as_ref().map(|n| n.value.0.as_str()),
            focus: gv.focus.as_ref().map(|n| n.0.as_str()),
            leader: gv.leader.as_ref().map(|l| names.of(&l.value.0)),
            learning_officers: gv.learning_officers.iter().map(|l| names.of(&l.value)).collect(),
            facilitator: gv.facilitator.as_ref().map(|f| names.of(&f.value.0)),
            facilitator_level: facilitator
                .and_then(|f| f.level.as_ref())
                .map(|l| labels::facilitator_level(i.lang, l.value)),
            members: members(i, gv),
            last_met: last,
            days_since_met: last.map(|d| days_between(d, i.today)),
        }
    })
    .collect()
}

/// The date `id` left (`left:` in team.yaml), when it is on or before today.
fn left_by(i: &Inputs, id: &str) -> Option<Date> {
    let left = i.index.people.get(id)?.left.as_ref()?.value;
    (left <= i.today).then_some(left)
}

/// Each member's participation.
fn participation<'a>(i: &Inputs<'a>) -> Vec<ParticipationView<'a>> {
    facts::participation(i.p, i.today)
        .into_iter()
        .map(|x| ParticipationView {
            id: x.person,
            name: i.names.of(x.person),
            group: x.group,
            group_name: i.names.group(x.group),
            attended: x.attended,
            held: x.held,
            recorded: x.recorded,
            unrecorded: x.held - x.recorded,
            percent: x.percent(),
            activities: x.activities,
            left: left_by(i, x.person),
        })
        .collect()
}

/// The days one member gave, by kind of session, in words.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TimeRowView {
    /// Their name (for a group's total: `合计` / `Total`).
    pub name: String,
    /// The date they left, when they are no longer a member.
    pub left: Option<Date>,
    /// Days at kick-offs and workshops (`—` for none).
    pub workshops: String,
    /// Days at group meetings.
    pub meetings: String,
    /// Days at training and study activities (`training`, `study-visit`, `online`, `forum`).
    pub training: String,
    /// Days at research activities (`survey`).
    pub research: String,
    /// Days at other sessions (reviews, reports, consultations, activities without a kind).
    pub other: String,
    /// All their days.
    pub total: String,
}

/// The days the members of one group gave.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TimeGroupView {
    /// The group's id.
    pub group: String,
    /// The group's name.
    pub group_name: String,
    /// Each member, in team.yaml order.
    pub members: Vec<TimeRowView>,
    /// The group's total: its members' days added up.
    pub total: TimeRowView,
}

/// Days as the report writes them: `2`, `0.5`, `1.5`; `—` for none unless `zero` is wanted.
fn days_text(days: f64, zero: bool) -> String {
    if days <= 0.0 {
        return if zero { "0".to_string() } else { "—".to_string() };
    }
    let text = format!("{days:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

/// One row of the time table.
fn time_row(name: String, left: Option<Date>, d: &facts::Days) -> TimeRowView {
    TimeRowView {
        name,
        left,
        workshops: days_text(d.workshops, false),
        meetings: days_text(d.meetings, false),
        training: days_text(d.training, false),
        research: days_text(d.research, false),
        other: days_text(d.other, false),
        total: days_text(d.total(), true),
    }
}

/// The days each member of each group gave ([`facts::days_given`]), group
/// by group in team.yaml order, with each group's total.
fn time(i: &Inputs) -> Vec<TimeGroupView> {
    let given = facts::days_given(i.p, i.today);
    let none = facts::Days::default();
    i.p.team
        .iter()
        .flat_map(|t| &t.value.groups)
        .map(|g| {
            let gid = g.value.id.as_ref().map_or("", |x| x.value.0.as_str());
            let mut sum = facts::Days::default();
            let members = g
                .value
                .members
                .iter()
                .map(|m| {
                    let d = given.get(m.value.as_str()).unwrap_or(&none);
                    sum.add_all(d);
                    time_row(i.names.of(&m.value), left_by(i, &m.value), d)
                })
                .collect();
            TimeGroupView {
                group: gid.to_string(),
                group_name: i.names.group(gid),
                members,
                total: time_row(pick(i.lang, "合计", "Total").to_string(), None, &sum),
            }
        })
        .collect()
}

/// Something studied, for the learning log.
#[derive(Serialize, JsonSchema)]
pub(crate) struct LearningEntryView {
    /// The date of the session.
    pub date: Date,
    /// The session's title, else its kind in words.
    pub session: String,
    /// The names of the groups that studied it (the session's groups);
    /// empty when it was for every group.
    pub group_names: Vec<String>,
    /// Those names joined, or `全体` / `All groups`.
    pub groups_display: String,
    /// What was studied.
    pub title: String,
    /// The name of who shared it (`—` when not written).
    pub by_name: String,
}

/// What was studied during one of the six steps.
#[derive(Serialize, JsonSchema)]
pub(crate) struct LearningStageView {
    /// The step (1–6) at the sessions' dates; `null` before the record shows any step.
    pub step: Option<i64>,
    /// The step in words, e.g. `第 3 步：开展团队学习与工作`.
    pub name: String,
    /// What was studied, in date order.
    pub items: Vec<LearningEntryView>,
}

/// One core group's learning.
#[derive(Serialize, JsonSchema)]
pub(crate) struct GroupLearningView {
    /// The group's id.
    pub group: String,
    /// The group's name.
    pub group_name: String,
    /// How many things it studied (at sessions for it, plenary ones included).
    pub items: usize,
    /// The date of its last session with learning.
    pub last: Option<Date>,
}

/// The learning log ([`facts::learning_log`]), step by step.
fn learning_log(i: &Inputs) -> Vec<LearningStageView> {
    let no_groups = crate::model::Session::default();
    let all_groups = facts::session_groups(i.p, &no_groups);
    let mut out: Vec<LearningStageView> = Vec::new();
    for l in facts::learning_log(i.p, i.today) {
        if out.last().is_none_or(|s| s.step != l.step) {
            let name = match l.step {
                Some(n) => crate::tr!(
                    i.lang,
                    "第 {n} 步：{}",
                    "Step {n}: {}",
                    labels::step_name(i.lang, n)
                ),
                None => pick(i.lang, "记录尚未显示阶段", "Before the record shows a step").to_string(),
            };
            out.push(LearningStageView {
                step: l.step,
                name,
                items: Vec::new(),
            });
        }
        let v = &l.session.value;
        let session = v.title.as_ref().map_or_else(
            || {
                v.kind
                    .as_ref()
                    .map(|k| labels::session_kind(i.lang, k.value).to_string())
                    .unwrap_or_default()
            },
            |t| t.0.clone(),
        );
        let everyone = v.groups.is_empty() || (l.groups.len() > 1 && l.groups == all_groups);
        let group_names: Vec<String> = if everyone {
            Vec::new()
        } else {
            l.groups.iter().map(|g| i.names.group(g)).collect()
        };
        let groups_display = if everyone {
            pick(i.lang, "全体", "All groups").to_string()
        } else {
            group_names.join(pick(i.lang, "、", ", "))
        };
        if let Some(stage) = out.last_mut() {
            stage.items.push(LearningEntryView {
                date: l.date,
                session,
                group_names,
                groups_display,
                title: l.item.title.as_ref().map(|t| t.0.clone()).unwrap_or_default(),
                by_name: l
                    .item
                    .by
                    .as_ref()
                    .map_or_else(|| "—".to_string(), |b| i.names.of(&b.value.0)),
            });
        }
    }
    out
}

/// Each core group's learning, in team.yaml order.
fn learning_groups(i: &Inputs) -> Vec<GroupLearningView> {
    let log = facts::learning_log(i.p, i.today);
    i.p.team
        .iter()
        .flat_map(|t| &t.value.groups)
        .filter_map(|g| g.value.id.as_ref())
        .map(|id| {
            let id = id.value.0.as_str();
            let ours: Vec<&facts::Learned> = log.iter().filter(|l| l.groups.contains(&id)).collect();
            GroupLearningView {
                group: id.to_string(),
                group_name: i.names.group(id),
                items: ours.len(),
                last: ours.iter().map(|l| l.date).max(),
            }
        })
        .collect()
}

/// One group meeting held, with its learning officers.
#[derive(Serialize, JsonSchema)]
pub(crate) struct OfficerMeetingView {
    /// Its date.
    pub date: Date,
    /// Its title, else its file.
    pub title: String,
    /// The name of the officer on duty by team.yaml's rotation (`—` without one).
    pub rotation_name: String,
    /// The name of the officer on duty as it happened: the meeting's
    /// `learning_officer`, else the rotation's (`—` without one).
    pub on_duty_name: String,
    /// Whether the meeting named an officer other than the rotation's.
    pub swapped: bool,
    /// Whether the meeting has a record (`notes`, `decisions` or `learning`),
    /// kept by the officer on duty.
    pub recorded: bool,
    /// What the record holds in words, e.g. `纪要、决定 2 项、学习 1 项`; empty without one.
    pub record: String,
}

/// One core group's learning officers and the meetings they kept.
#[derive(Serialize, JsonSchema)]
pub(crate) struct OfficerGroupView {
    /// The group's id.
    pub group: String,
    /// The group's name.
    pub group_name: String,
    /// The names of its learning officers in team.yaml's rotation order.
    pub rotation: Vec<String>,
    /// Its group meetings held, in date order.
    pub meetings: Vec<OfficerMeetingView>,
}

/// What a session's record holds, in words.
fn record_text(lang: Lang, s: &crate::model::Session) -> String {
    let mut parts: Vec<String> = Vec::new();
    if s.notes.as_ref().is_some_and(|n| !n.0.trim().is_empty()) {
        parts.push(pick(lang, "纪要", "notes").to_string());
    }
    let (d, l) = (s.decisions.len(), s.learning.len());
    if d > 0 {
        let unit = labels::plural(d, "decision", "decisions");
        parts.push(crate::tr!(lang, "决定 {d} 项", "{d} {unit}"));
    }
    if l > 0 {
        let unit = labels::plural(l, "item studied", "items studied");
        parts.push(crate::tr!(lang, "学习 {l} 项", "{l} {unit}"));
    }
    parts.join(pick(lang, "、", ", "))
}

/// Each core group's learning officers and their record ([`facts::officer_records`]).
fn officer_records(i: &Inputs) -> Vec<OfficerGroupView> {
    let dash = || "—".to_string();
    i.p.team
        .iter()
        .flat_map(|t| &t.value.groups)
        .filter_map(|g| Some((&g.value, g.value.id.as_ref()?.value.0.as_str())))
        .map(|(g, id)| OfficerGroupView {
            group: id.to_string(),
            group_name: i.names.group(id),
            rotation: g.learning_officers.iter().map(|o| i.names.of(&o.value)).collect(),
            meetings: facts::officer_records(i.p, id, i.today)
                .into_iter()
                .map(|r| OfficerMeetingView {
                    date: r.date,
                    title: r
                        .session
                        .value
                        .title
                        .as_ref()
                        .map_or_else(|| i.p.files[r.session.file].rel.clone(), |t| t.0.clone()),
                    rotation_name: r.rotation.map_or_else(dash, |o| i.names.of(o)),
                    on_duty_name: r.on_duty.map_or_else(dash, |o| i.names.of(o)),
                    swapped: r.on_duty.is_some() && r.on_duty != r.rotation,
                    recorded: r.recorded,
                    record: record_text(i.lang, &r.session.value),
                })
                .collect(),
        })
        .collect()
}

/// Spent of planned as a percentage, `—` when nothing is planned.
fn percent(spent: f64, planned: f64) -> String {
    if planned > 0.0 {
        format!("{:.0}%", spent / planned * 100.0)
    } else {
        "—".to_string()
    }
}

/// The budget by category, each with its lines.
fn budget(p: &Program, lang: Lang) -> BudgetView {
    let b = facts::budget(p);
    let entries = facts::budget_items(p);
    let items = |c: Option<crate::model::BudgetCategory>| -> Vec<BudgetItemView> {
        entries
            .iter()
            .filter(|e| e.category == c)
            .map(|e| BudgetItemView {
                item: e.item.unwrap_or("—").to_string(),
                planned: e.planned.map_or_else(|| "—".to_string(), money),
                spent: money(e.spent),
                percent: percent(e.spent, e.planned.unwrap_or(0.0)),
            })
            .collect()
    };
    let topic = p.topic.as_ref().map(|t| &t.value);
    BudgetView {
        currency: topic
            .and_then(|t| t.currency.as_ref())
            .map(|c| c.0.clone())
            .unwrap_or_default(),
        categories: b
            .categories
            .iter()
            .map(|c| BudgetCategoryView {
                category: c.category.map_or_else(
                    || pick(lang, "未分类", "Uncategorised").to_string(),
                    |c| labels::budget_category(lang, c).to_string(),
                ),
                planned: money(c.planned),
                spent: money(c.spent),
                percent: percent(c.spent, c.planned),
                items: items(c.category),
            })
            .collect(),
        planned: money(b.planned),
        spent: money(b.spent),
        percent: percent(b.spent, b.planned),
        lines: b.lines,
    }
}

/// The families of rules, in code order.
const FAMILIES: [&str; 9] = [
    "files",
    "topic",
    "team",
    "sessions",
    "subtopics",
    "stages",
    "plan",
    "config",
    "other",
];

/// The family of a rule by its code, for grouping findings by what to do.
fn family(code: &str) -> &'static str {
    match code.as_bytes().get(2) {
        Some(b'0') => "files",
        Some(b'1') => "topic",
        Some(b'2') => "team",
        Some(b'3') => "sessions",
        Some(b'4') => "subtopics",
        Some(b'5' | b'6') => "stages",
        Some(b'7') => "plan",
        Some(b'9') => "config",
        _ => "other",
    }
}

/// A finding's text in plain words: an id in backticks given as the name
/// of what it names, a session's or sub-topic's file as its title or question.
fn plain(i: &Inputs, text: &str) -> String {
    let zh = i.lang == Lang::Zh;
    let quote = |name: &str| {
        if zh {
            format!("“{name}”")
        } else {
            name.to_string()
        }
    };
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let token = &after[..close];
        out.push_str(&rest[..open]);
        rest = &after[close + 1..];
        match i.names.any(token) {
            Some(name) => {
                if zh {
                    // Chinese needs no space around a quoted name.
                    if out.ends_with(' ') {
                        out.pop();
                    }
                    rest = rest.strip_prefix(' ').unwrap_or(rest);
                }
                out.push_str(&quote(name));
                // A message that gives the id and then the name in brackets
                // ("group `g1` (Alpha)") says the name once.
                for again in [format!("（{name}）"), format!(" ({name})"), format!("({name})")] {
                    if let Some(r) = rest.strip_prefix(again.as_str()) {
                        rest = r;
                        break;
                    }
                }
            }
            None => out.push_str(&format!("`{token}`")),
        }
    }
    out.push_str(rest);
    let sessions = i.p.sessions.iter().map(|s| {
        let v = &s.value;
        let name = v.title.as_ref().map(|t| t.0.clone()).unwrap_or_else(|| {
            let kind = v.kind.as_ref().map(|k| labels::session_kind(i.lang, k.value));
            let date = facts::session_date(v).map(|d| d.to_string());
            [date.unwrap_or_default(), kind.unwrap_or_default().to_string()]
                .join(" ")
                .trim()
                .to_string()
        });
        (i.p.files[s.file].rel.as_str(), name)
    });
    let subtopics = i.p.subtopics.iter().map(|s| {
        let id = facts::subtopic_id(i.p, s);
        (i.p.files[s.file].rel.as_str(), i.names.subtopic(id))
    });
    let mut files: Vec<(&str, String)> = sessions.chain(subtopics).filter(|(_, n)| !n.is_empty()).collect();
    files.sort_by_key(|(rel, _)| std::cmp::Reverse(rel.len()));
    for (rel, name) in files {
        out = out.replace(rel, &quote(&name));
    }
    out
}

/// A finding as one or two sentences: what is wrong, then what to do.
fn advice_text(i: &Inputs, d: &Diagnostic) -> String {
    let ends = ['。', '.', '！', '!', '？', '?'];
    let message = plain(i, d.message.trim());
    let help = plain(i, d.help.trim());
    let sentence = |t: &str| -> String {
        let t = t.trim_end_matches(['。', '；', ';', '，', ',']);
        let t = match i.lang {
            Lang::Zh => t.to_string(),
            Lang::En => {
                let mut c = t.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        };
        if t.is_empty() || t.ends_with(ends) {
            t
        } else {
            format!("{t}{}", pick(i.lang, "。", "."))
        }
    };
    let (m, h) = (sentence(&message), sentence(&help));
    match (h.is_empty(), i.lang) {
        (true, _) => m,
        (false, Lang::Zh) => format!("{m}{h}"),
        (false, Lang::En) => format!("{m} {h}"),
    }
}

/// The findings grouped by what to do, in code order, errors first in each group.
fn advice(i: &Inputs, findings: &[Diagnostic]) -> Vec<AdviceGroup> {
    let mut sorted: Vec<&Diagnostic> = findings.iter().collect();
    let rank = |d: &Diagnostic| FAMILIES.iter().position(|f| *f == family(d.code));
    sorted.sort_by_key(|d| (rank(d), d.severity, d.code));
    let mut out: Vec<AdviceGroup> = Vec::new();
    for d in sorted {
        let family = family(d.code);
        if out.last().is_none_or(|g| g.family != family) {
            out.push(AdviceGroup {
                family,
                heading: labels::advice_heading(i.lang, family),
                items: Vec::new(),
            });
        }
        if let Some(g) = out.last_mut() {
            g.items.push(AdviceItem {
                code: d.code,
                severity: d.severity.as_str(),
                text: advice_text(i, d),
            });
        }
    }
    out
}

/// A person with their title, brackets never nested.
fn with_title(lang: Lang, name: Option<&crate::model::Text>, title: Option<&crate::model::Text>) -> String {
    labels::name_with(
        lang,
        name.map_or("—", |n| n.0.as_str()),
        title.map_or("", |t| t.0.as_str()),
    )
}

impl<'a> ReportContext<'a> {
    /// Builds the report's context; `changes` is the comparison of `--since`, if any.
    pub(crate) fn build(
        p: &'a Program,
        limits: &Limits,
        lang: Lang,
        today: Date,
        findings: &'a [Diagnostic],
        summary: &Summary,
        changes: Option<crate::history::Diff>,
    ) -> Self {
        let words = changes.as_ref().map(|_| crate::lang::words(lang));
        let unread = unreadable(p);
        let team_unread = unread.iter().any(|u| u.kind == "team");
        let team = p.team.as_ref().map(|t| &t.value);
        let i = Inputs {
            p,
            index: Index::build(p),
            names: Names::of_program(p),
            lang,
            today,
        };
        let stage = stage(p, limits, lang, today);
        let facts = facts::actions(p, today);
        let milestones = facts::milestones(p, today);
        let plan = plan(&i, &milestones, team_unread);
        let actions: Vec<ActionView> = facts.iter().map(|a| action_view(&i, a)).collect();
        let mut open_actions: Vec<ActionView> = actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open)
            .cloned()
            .collect();
        open_actions.sort_by(|a, b| {
            (a.due.is_none(), a.due, &a.owner_name).cmp(&(b.due.is_none(), b.due, &b.owner_name))
        });
        let summary_view = super::summary::build(&super::summary::Sources {
            p,
            limits,
            lang,
            today,
            stage: &stage,
            actions: &facts,
            milestones: &milestones,
            findings,
            counts: summary,
            changes: changes.as_ref(),
        });
        ReportContext {
            lang,
            today,
            program: &p.display,
            topic: p.topic.as_ref().map(|t| &t.value),
            team: team.map(TeamView::new),
            subtopics: subtopics(&i),
            sessions: sessions(&i),
            open_actions,
            actions,
            findings,
            check: summary.clone(),
            gantt: super::gantt::gantt(p, &stage.steps, &plan.milestones, lang),
            charts: charts(p, &stage, &plan, lang, today, team_unread),
            stage,
            labels: p.topic.as_ref().map(|t| topic_labels(&t.value, lang)),
            groups: groups(&i),
            participation: participation(&i),
            time: time(&i),
            learning_log: learning_log(&i),
            learning_groups: learning_groups(&i),
            officer_records: officer_records(&i),
            action_owners: owners(&i, &facts),
            action_totals: ActionTotals::of(&facts),
            budget: budget(p, lang),
            plan,
            changes,
            words,
            exceptions: Vec::new(),
            summary: summary_view,
            program_title: p
                .topic
                .as_ref()
                .and_then(|t| t.value.title.as_ref())
                .map_or_else(|| p.display.clone(), |t| t.0.clone()),
            convener_display: p
                .topic
                .as_ref()
                .and_then(|t| t.value.convener.as_ref())
                .map(|c| with_title(lang, c.value.name.as_ref(), c.value.title.as_ref())),
            sponsor_display: p
                .topic
                .as_ref()
                .and_then(|t| t.value.sponsor.as_ref())
                .map(|c| with_title(lang, c.value.name.as_ref(), c.value.title.as_ref())),
            advice: advice(&i, findings),
            omit: OmitView::of(&unread),
            unreadable: unread,
        }
    }
}

/// The report's context as the templates receive it (see [`ReportContext`]).
pub fn report(
    p: &Program,
    limits: &Limits,
    lang: Lang,
    today: Date,
    findings: &[Diagnostic],
    summary: &Summary,
    changes: Option<crate::history::Diff>,
) -> Value {
    to_value(&ReportContext::build(
        p, limits, lang, today, findings, summary, changes,
    ))
}

/// A context as a JSON value (objects with their keys sorted).
pub(crate) fn to_value(ctx: &impl Serialize) -> Value {
    serde_json::to_value(ctx).unwrap_or(Value::Null)
}

/// A sum of money with thousands separators and no needless decimals.
pub(crate) fn money(x: f64) -> String {
    let neg = x < 0.0;
    let whole = x.abs().trunc() as u64;
    let cents = ((x.abs().fract()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if cents > 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    if neg { format!("-{out}") } else { out }
}

/// The description of the report's and the agenda's contexts in Markdown,
/// generated from the structs (their JSON Schemas): one table per struct,
/// giving each key, its type and its doc comment. The types of the files
/// themselves (those that allow no unknown keys) are not repeated: they
/// link to format.md. docs/templates.md holds this text between markers.
pub fn context_markdown() -> String {
    let mut doc = SchemaDoc::default();
    doc.section(
        "The report's context",
        &schemars::schema_for!(ReportContext<'static>),
    );
    doc.section(
        "The agenda's context",
        &schemars::schema_for!(super::agenda::AgendaContext<'static>),
    );
    doc.out
}

/// Writes JSON Schemas as Markdown tables.
#[derive(Default)]
struct SchemaDoc {
    out: String,
    /// The definitions already described.
    seen: std::collections::BTreeSet<String>,
}

impl SchemaDoc {
    /// One context: its own table, then each struct it uses, in order of use.
    fn section(&mut self, title: &str, schema: &schemars::Schema) {
        let root = schema.as_value();
        let defs = root.get("$defs").cloned().unwrap_or(Value::Null);
        self.out.push_str(&format!("### {title}\n\n"));
        let mut queue = std::collections::VecDeque::new();
        self.table(root, &defs, &mut queue);
        while let Some(name) = queue.pop_front() {
            let def = &defs[name.as_str()];
            self.out.push_str(&format!("#### `{name}`\n\n"));
            self.table(def, &defs, &mut queue);
        }
    }

    /// The description and key table of one struct; queues the structs it uses.
    fn table(&mut self, schema: &Value, defs: &Value, queue: &mut std::collections::VecDeque<String>) {
        if let Some(d) = schema.get("description").and_then(Value::as_str) {
            self.out.push_str(&format!("{}\n\n", one_line(d)));
        }
        self.out.push_str("| key | type | meaning |\n|---|---|---|\n");
        let props = schema.get("properties").and_then(Value::as_object);
        for (key, prop) in props.into_iter().flatten() {
            let ty = self.type_of(prop, defs, queue);
            let what = prop.get("description").and_then(Value::as_str).unwrap_or("");
            self.out.push_str(&format!(
                "| `{key}` | {ty} | {} |\n",
                one_line(what).replace('|', "\\|")
            ));
        }
        self.out.push('\n');
    }

    /// The type of a value in words.
    fn type_of(&mut self, s: &Value, defs: &Value, queue: &mut std::collections::VecDeque<String>) -> String {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or(r).to_string();
            let def = &defs[name.as_str()];
            if is_words(def) {
                return self.type_of(def, defs, queue);
            }
            if def.get("additionalProperties") == Some(&Value::Bool(false)) {
                return format!("[`{name}`](format.md)");
            }
            if self.seen.insert(name.clone()) {
                queue.push_back(name.clone());
            }
            return format!("[`{name}`](#{})", name.to_lowercase());
        }
        if let Some(c) = s.get("const") {
            return format!("`{}`", c.as_str().map_or_else(|| c.to_string(), str::to_string));
        }
        if let Some(words) = s.get("enum").and_then(Value::as_array) {
            let words: Vec<String> = words
                .iter()
                .map(|w| format!("`{}`", w.as_str().unwrap_or_default()))
                .collect();
            return words.join(" or ");
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(alts) = s.get(key).and_then(Value::as_array) {
                let alts: Vec<String> = alts.iter().map(|a| self.type_of(a, defs, queue)).collect();
                return alts.join(" or ");
            }
        }
        let one = |t: &str, me: &mut Self, queue: &mut std::collections::VecDeque<String>| match t {
            "string" if s.get("format").and_then(Value::as_str) == Some("date") => "date".to_string(),
            "string" => "text".to_string(),
            "integer" => "whole number".to_string(),
            "number" => "number".to_string(),
            "boolean" => "true or false".to_string(),
            "null" => "null".to_string(),
            "array" => format!(
                "list of {}",
                s.get("items")
                    .map_or("any".to_string(), |i| me.type_of(i, defs, queue))
            ),
            other => other.to_string(),
        };
        match s.get("type") {
            Some(Value::String(t)) => one(t, self, queue),
            Some(Value::Array(ts)) => {
                let ts: Vec<String> = ts
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|t| one(t, self, queue))
                    .collect();
                ts.join(" or ")
            }
            _ => "any".to_string(),
        }
    }
}

/// Whether a schema is a set of fixed words.
fn is_words(s: &Value) -> bool {
    s.get("enum").is_some()
        || s.get("oneOf")
            .and_then(Value::as_array)
            .is_some_and(|alts| alts.iter().all(|a| a.get("const").is_some()))
}

/// Text on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_well() {
        assert_eq!(money(30000.0), "30,000");
        assert_eq!(money(1234567.5), "1,234,567.50");
        assert_eq!(money(0.0), "0");
    }

    #[test]
    fn time_learning_and_the_officers_record_as_the_report_shows_them() {
        use crate::facts::test_program::{TEAM, d, program};
        let p = program(&[
            ("team.yaml", TEAM),
            (
                "sessions/w.yaml",
                "kind: workshop\ntitle: 第一期研讨班\ndate: 2026-03-16\ndays: 2\nattendees: [a, b, c]\nlearning: [{ title: 行动学习 }]\n",
            ),
            (
                "sessions/m1.yaml",
                "kind: group-meeting\ndate: 2026-04-01\ngroups: [g1]\nlearning_officer: a\nattendees: [a]\nnotes: 纪要\ndecisions: [x, y]\n",
            ),
            (
                "sessions/t.yaml",
                "kind: activity\nactivity: training\ndate: 2026-04-10\ndays: 0.5\nattendees: [b]\n",
            ),
        ]);
        let summary = crate::check::Summary::default();
        let ctx = ReportContext::build(
            &p,
            &Limits::default(),
            Lang::Zh,
            d("2026-05-01"),
            &[],
            &summary,
            None,
        );
        let g1 = &ctx.time[1];
        assert_eq!(g1.group_name, "g1");
        let cells: Vec<(&str, &str, &str, &str)> = g1
            .members
            .iter()
            .map(|m| {
                (
                    m.workshops.as_str(),
                    m.meetings.as_str(),
                    m.training.as_str(),
                    m.total.as_str(),
                )
            })
            .collect();
        assert_eq!(cells, [("2", "1", "—", "3"), ("2", "—", "0.5", "2.5")]);
        assert_eq!(g1.total.total, "5.5");
        let log = &ctx.learning_log;
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].name, "第 3 步：开展团队学习与工作");
        assert_eq!(log[0].items[0].groups_display, "全体");
        let officers = &ctx.officer_records[1];
        let m = &officers.meetings[0];
        assert_eq!(officers.rotation, ["B", "A"]);
        assert_eq!(
            (m.rotation_name.as_str(), m.on_duty_name.as_str(), m.swapped),
            ("B", "A", true)
        );
        assert_eq!(m.record, "纪要、决定 2 项");
    }

    #[test]
    fn the_context_description_covers_every_section() {
        let md = context_markdown();
        for key in [
            "`stage`",
            "`participation`",
            "`action_owners`",
            "`open_actions`",
            "`learning_officer`",
        ] {
            assert!(md.contains(&format!("| {key} |")), "{key} is not described");
        }
        assert!(md.contains("#### `ActionView`"));
        assert!(md.contains("[`Topic`](format.md)"));
    }
}
