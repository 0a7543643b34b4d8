//! History through git: an older version of a program is read from the git
//! repository that holds it (`git cat-file --batch`, read-only: no checkout,
//! no worktree, nothing written), loaded with the same loader, and the two
//! models are compared — not their text.
//!
//! The comparison is data without words ([`Diff`], [`Change`], [`Note`]):
//! `al diff --format json` prints it as it is, and the template
//! [`TEMPLATE`] (built in for each language, overridable from a program's
//! `templates/` folder) turns it into the Markdown section, with the words of
//! [`crate::lang`] ([`context`]).

mod actions;
mod compare;
mod git;
mod moves;
mod plan;
mod unread;

pub use git::{Located, Version, at_revision, at_revision_with, locate};
pub use unread::Unread;

use crate::config::Lang;
use crate::error::Result;
use crate::load::Program;
use crate::model::{
    ActionStatus, BudgetCategory, Date, Decision, MilestoneKind, Number, PlanMonth, SessionKind,
    SubtopicStatus,
};
use serde::Serialize;
use std::path::Path;

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    /// The program's step (`stage` in topic.yaml).
    Stage,
    /// The overall action plan (plan.yaml): the plan itself, or one of its milestones.
    Plan,
    /// A person or facilitator of team.yaml.
    Person,
    /// A group of team.yaml.
    Group,
    /// Someone's roles in the groups (leader, learning officer, facilitator, member).
    Role,
    /// A sub-topic file.
    Subtopic,
    /// The analysis of a sub-topic: the first four of the six moves.
    Analysis,
    /// A sub-topic's proposal (its `submitted` date).
    Proposal,
    /// The review of a sub-topic's proposal (its decision).
    Review,
    /// A metric of a sub-topic's implementation (its `actual` and `measured`).
    Metric,
    /// A budget line of topic.yaml.
    Budget,
    /// A session file.
    Session,
    /// An action of a session.
    Action,
}

/// How it changed.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// It is new.
    Added,
    /// It is gone.
    Removed,
    /// Its value changed (stage, roles).
    Changed,
    /// An action is now `done`.
    Completed,
    /// An action is now `dropped`.
    Dropped,
    /// An open action is past its due date now but was not at the older revision.
    NewlyOverdue,
    /// A sub-topic is now `deepened`.
    Deepened,
    /// A sub-topic is now `replaced`.
    Replaced,
    /// A sub-topic's status changed otherwise.
    Status,
    /// A sub-topic's question was reworded.
    Question,
    /// A proposal was submitted (its `submitted` date appeared or changed).
    Submitted,
    /// A proposal's review decision appeared or changed.
    Decided,
    /// A metric was measured (its `actual` or `measured` appeared or changed).
    Measured,
    /// An open action's due date changed, or a milestone's planned date or month.
    Rescheduled,
    /// An action's task was reworded (the same action: same id, or same
    /// owner and sub-topic and a similar task).
    Reworded,
    /// A milestone's owner changed.
    Reassigned,
    /// An action first recorded already `done`.
    RecordedDone,
    /// A budget line's `spent` changed.
    Spent,
}

/// A person, as a change names them.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct PersonRef {
    /// Their id.
    pub id: String,
    /// Their name (the id when team.yaml gives none); `None` when the id names
    /// no one in either version.
    pub name: Option<String>,
}

/// A group, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct GroupRef {
    /// Its id.
    pub id: String,
    /// Its name (the id when team.yaml gives none).
    pub name: String,
}

/// A sub-topic, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct SubtopicRef {
    /// Its id (the file's name when it gives none).
    pub id: String,
    /// Its question ("" when it has none).
    pub question: String,
}

/// A session, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct SessionRef {
    /// Its file, relative to the program folder (how sessions are matched).
    pub file: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<Date>,
    /// Its kind.
    pub kind: Option<SessionKind>,
}

/// An action, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct ActionRef {
    /// The file of the session that agreed it.
    pub session: String,
    /// Its stable `id`, when it has one (left out when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its task (the newer wording when it was reworded).
    pub task: String,
    /// Its owner.
    pub owner: Option<PersonRef>,
    /// Its due date.
    pub due: Option<Date>,
    /// On a rescheduled change: how many times its due date has changed in
    /// the history up to the newer version, this change included (left out
    /// on other changes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<u32>,
    /// On a rescheduled change: `true` when it has been moved more than
    /// [`MOVED_TOO_OFTEN`] times, to call it out (left out when `false`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub attention: bool,
}

/// An action whose due date has changed more than this many times is called out.
pub const MOVED_TOO_OFTEN: u32 = 2;

/// The overall action plan, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct PlanRef {
    /// When it was made (`made`).
    pub made: Option<Date>,
    /// How many milestones it plans.
    pub milestones: usize,
}

/// A planned milestone, as a change names it: matched across versions by
/// its kind and its place among the milestones of its kind (a workshop's
/// `number`, else the order of their planned dates).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct MilestoneRef {
    /// Its kind (`null` when missing or not one of the kinds).
    pub kind: Option<MilestoneKind>,
    /// Its place among the milestones of its kind, from 1 (a workshop's number).
    pub ordinal: usize,
    /// Its planned date, when planned to the day.
    pub date: Option<Date>,
    /// Its planned month, when planned to the month.
    pub month: Option<PlanMonth>,
    /// Who sees to it.
    pub owner: Option<PersonRef>,
    /// The groups it concerns (empty: all).
    pub groups: Vec<String>,
    /// On a rescheduled milestone: by how many days it moved (positive:
    /// later), counted between the first planned days (a month counts from
    /// its first day).
    pub days: Option<i64>,
}

/// A sub-topic's proposal, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct ProposalRef {
    /// The sub-topic's id.
    pub subtopic: String,
    /// Its question ("" when it has none).
    pub question: String,
    /// The proposal in brief.
    pub summary: Option<String>,
}

/// The review of a proposal, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct ReviewRef {
    /// The sub-topic's id.
    pub subtopic: String,
    /// Its question ("" when it has none).
    pub question: String,
    /// When the review was held.
    pub date: Option<Date>,
    /// Who reviewed it (names as written).
    pub by: Vec<String>,
    /// Its remarks.
    pub notes: Option<String>,
}

/// A metric, as a change names it (matched by sub-topic and name).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct MetricRef {
    /// The sub-topic's id.
    pub subtopic: String,
    /// The metric's name.
    pub name: String,
    /// Its unit.
    pub unit: Option<String>,
    /// The value before the implementation.
    pub baseline: Option<Number>,
    /// The value aimed at.
    pub target: Option<Number>,
}

/// One of the four moves of a sub-topic's analysis.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Move {
    /// 摆现象: the symptoms.
    Symptoms,
    /// 查问题: the problems.
    Problems,
    /// 析原因: the causes.
    Causes,
    /// 找对策: the countermeasures.
    Countermeasures,
}

/// A move of a sub-topic's analysis, as a change names it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct AnalysisRef {
    /// The sub-topic's id.
    pub subtopic: String,
    /// Its question ("" when it has none).
    pub question: String,
    /// Which move.
    #[serde(rename = "move")]
    pub part: Move,
}

/// A budget line, as a change names it (matched by its `item`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct BudgetRef {
    /// What it is for.
    pub item: String,
    /// Its category.
    pub category: Option<BudgetCategory>,
    /// The amount planned.
    pub planned: Option<Number>,
    /// The amount spent so far.
    pub spent: Option<Number>,
    /// The budget's currency.
    pub currency: Option<String>,
}

/// The thing a change is about; in JSON, the fields of the reference alone
/// (`null` for the program's stage).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum Subject {
    /// The program itself (its stage).
    Program,
    /// The overall action plan (added, removed, or its `made` date changed).
    Plan(PlanRef),
    /// A milestone of the plan.
    Milestone(MilestoneRef),
    /// A person (added, removed, or whose roles changed).
    Person(PersonRef),
    /// A group.
    Group(GroupRef),
    /// A sub-topic.
    Subtopic(SubtopicRef),
    /// A move of a sub-topic's analysis.
    Analysis(AnalysisRef),
    /// A sub-topic's proposal.
    Proposal(ProposalRef),
    /// The review of a proposal.
    Review(ReviewRef),
    /// A metric.
    Metric(MetricRef),
    /// A budget line.
    Budget(BudgetRef),
    /// A session.
    Session(SessionRef),
    /// An action.
    Action(ActionRef),
}

/// A role someone holds in a group.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum RoleKind {
    /// The group's leader.
    Leader,
    /// One of its learning officers.
    LearningOfficer,
    /// Its facilitator.
    Facilitator,
    /// A member.
    Member,
}

/// One role in one group.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
pub struct Role {
    /// The group's id.
    pub group: String,
    /// The group's name (the id when team.yaml gives none).
    pub group_name: String,
    /// The role.
    pub role: RoleKind,
}

/// A value before or after a change; in JSON, the value alone.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum Value {
    /// A step number.
    Stage(i64),
    /// A sub-topic's status.
    SubtopicStatus(SubtopicStatus),
    /// An action's status.
    ActionStatus(ActionStatus),
    /// Someone's roles, by group then role.
    Roles(Vec<Role>),
    /// Text (a sub-topic's question).
    Text(String),
    /// A date (a proposal's `submitted`, an action's `due`, a milestone's
    /// planned `date`, the plan's `made`).
    Date(Date),
    /// A month (a milestone's planned `month`).
    Month(PlanMonth),
    /// A person (a milestone's owner).
    Person(PersonRef),
    /// A review decision.
    Decision(Decision),
    /// A metric's measurement.
    Measurement(Measurement),
    /// An amount (a budget line's `planned` or `spent`).
    Number(Number),
    /// Statements added to or removed from a move of an analysis.
    Texts(Vec<String>),
}

/// A metric's value reached and when it was measured.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct Measurement {
    /// The value reached (`actual`).
    pub actual: Option<Number>,
    /// When it was measured.
    pub measured: Option<Date>,
}

/// One change between two versions: data only, no words of any language.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct Change {
    /// What kind of thing changed.
    pub what: What,
    /// How.
    pub how: How,
    /// The thing, by its ids and names.
    pub subject: Subject,
    /// The value before, when a value changed (`None` when it was not set).
    pub before: Option<Value>,
    /// The value after, when a value changed (`None` when it is not set).
    pub after: Option<Value>,
}

impl Change {
    fn new(what: What, how: How, subject: Subject) -> Change {
        Change {
            what,
            how,
            subject,
            before: None,
            after: None,
        }
    }

    fn values(mut self, before: Option<Value>, after: Option<Value>) -> Change {
        self.before = before;
        self.after = after;
        self
    }

    /// Whether the change is to be called out: an action whose due date has
    /// been moved more than [`MOVED_TOO_OFTEN`] times.
    pub fn needs_attention(&self) -> bool {
        matches!(&self.subject, Subject::Action(a) if a.attention)
    }
}

/// A note above the changes.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Note {
    /// The program did not exist at the older revision: everything is new.
    DidNotExist,
    /// A file at the older revision could not be read: not YAML, not UTF-8,
    /// over the size limit, a submodule, a link, a Git LFS pointer. When
    /// nothing of it could be read, the newer version's copy is compared in
    /// its place (its changes are not shown).
    Unreadable {
        /// The file (or folder), relative to the program folder.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What is wrong, in English (see [`Diff::in_lang`]).
        message: String,
        /// Why, as data.
        #[serde(skip)]
        #[schemars(skip)]
        why: Unread,
    },
    /// A file of the newer version (the working tree, or the newer
    /// revision) could not be read; when nothing of it could be read, the
    /// older version's copy is compared in its place, so that what it held
    /// is not shown as removed.
    UnreadableNewer {
        /// The file (or folder), relative to the program folder.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What is wrong, in English (see [`Diff::in_lang`]).
        message: String,
        /// Why, as data.
        #[serde(skip)]
        #[schemars(skip)]
        why: Unread,
    },
}

impl Note {
    /// The note on a file of the older (`newer: false`) or newer version.
    fn unreadable(b: unread::Broken, newer: bool) -> Note {
        let unread::Broken {
            file,
            line,
            column,
            why,
            ..
        } = b;
        let message = why.message(Lang::En);
        match newer {
            false => Note::Unreadable {
                file,
                line,
                column,
                message,
                why,
            },
            true => Note::UnreadableNewer {
                file,
                line,
                column,
                message,
                why,
            },
        }
    }
}

/// The comparison of two versions of a program.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Diff {
    /// The older revision as written.
    pub since: String,
    /// Its commit.
    pub since_commit: String,
    /// Its date.
    pub since_date: Option<Date>,
    /// The newer revision as written; `None` for the working tree.
    pub until: Option<String>,
    /// Its commit (`None` for the working tree).
    pub until_commit: Option<String>,
    /// Its date (`None` for the working tree).
    pub until_date: Option<Date>,
    /// Whether the program existed at the older revision.
    pub existed: bool,
    /// Notes: the program did not exist, or files at the revision were broken.
    pub notes: Vec<Note>,
    /// The changes, grouped by `what` in the order of [`What`].
    pub changes: Vec<Change>,
}

impl Diff {
    /// The notes' messages in `lang` (they are in English as compared, the
    /// same in every language for `--format json`).
    pub fn in_lang(&mut self, lang: Lang) {
        for n in &mut self.notes {
            if let Note::Unreadable { message, why, .. } | Note::UnreadableNewer { message, why, .. } = n {
                *message = why.message(lang);
            }
        }
    }
}

/// The name of the template that renders a [`Diff`] as Markdown.
pub(crate) const TEMPLATE: &str = "changes.md.tera";

/// What [`TEMPLATE`] is rendered with: the comparison under `changes`, the
/// language under `lang`, and its words under `words` (see [`crate::lang::words`]).
/// Every value is one line of the Markdown: a line break inside a value (a
/// file name, a title) is shown as `␊`, so that no value starts a line of
/// its own (such as a GitHub workflow command, `::error …`).
pub fn context(d: &Diff, lang: Lang) -> serde_json::Value {
    let mut d = d.clone();
    d.in_lang(lang);
    let mut changes = serde_json::to_value(&d).unwrap_or_default();
    one_line(&mut changes);
    serde_json::json!({
        "lang": lang.as_str(),
        "changes": changes,
        "words": crate::lang::words(lang),
    })
}

/// Shows the line breaks inside every string of `v` as `␊`.
fn one_line(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) if s.contains(['\n', '\r']) => {
            *s = s.replace("\r\n", "\n").replace(['\n', '\r'], "\u{240a}");
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(one_line),
        serde_json::Value::Object(map) => map.values_mut().for_each(one_line),
        _ => {}
    }
}

/// Compares the program at `since` with `until` (a revision) or the working tree.
pub fn diff(dir: &Path, since: &str, until: Option<&str>, today: Date) -> Result<Diff> {
    match until {
        Some(rev) => {
            let loc = locate(dir)?;
            let display = dir.to_string_lossy().replace('\\', "/");
            let (config, _) = crate::check::Configs::default().for_program(dir, &display)?;
            let newer = at_revision_with(&loc, rev, &display, config.limits.max_file_bytes)?;
            compare_with(dir, since, &newer.program, Some(&newer), today).map(|(d, _)| d)
        }
        None => {
            let current = crate::check::open(dir)?.program;
            self::since(dir, since, &current, today)
        }
    }
}

/// Compares the program at `rev` with the program already loaded from the working tree.
pub fn since(dir: &Path, rev: &str, current: &Program, today: Date) -> Result<Diff> {
    compare_with(dir, rev, current, None, today).map(|(d, _)| d)
}

/// [`since`], with the program as it was at `rev` (empty when it did not
/// exist), for what a caller compares itself (the portfolio's facilitators).
pub fn since_with_then(dir: &Path, rev: &str, current: &Program, today: Date) -> Result<(Diff, Program)> {
    compare_with(dir, rev, current, None, today)
}

/// Compares the program at `since` with `newer`, which is the program of
/// `until` when that is a revision. Files that could not be read in one
/// version are noted and compared as the other version has them.
fn compare_with(
    dir: &Path,
    since: &str,
    newer: &Program,
    until: Option<&Version>,
    today: Date,
) -> Result<(Diff, Program)> {
    let loc = locate(dir)?;
    let limit = match newer.max_file_bytes {
        0 => crate::load::MAX_FILE_BYTES,
        n => n,
    };
    let display = dir.to_string_lossy().replace('\\', "/");
    let old = at_revision_with(&loc, since, &display, limit)?;
    let old_broken = match old.existed {
        true => unread::broken(&old.program, &old.unread),
        false => Vec::new(),
    };
    let new_broken = unread::broken(newer, until.map_or(&[][..], |v| v.unread.as_slice()));
    let older = unread::patched(&old.program, &old_broken, newer);
    let newer_patched = unread::patched(newer, &new_broken, &old.program);
    let (old_p, new_p) = (
        older.as_ref().unwrap_or(&old.program),
        newer_patched.as_ref().unwrap_or(newer),
    );
    let mut notes: Vec<Note> = Vec::new();
    if !old.existed {
        notes.push(Note::DidNotExist);
    }
    notes.extend(old_broken.into_iter().map(|b| Note::unreadable(b, false)));
    // Of the newer version, the files compared as the older one has them
    // (its wrong values are `al check`'s to report).
    let new_whole = new_broken.into_iter().filter(|b| b.whole);
    notes.extend(new_whole.map(|b| Note::unreadable(b, true)));
    let none = moves::Moves::default();
    let mut changes = compare::compare(old_p, new_p, old.date, today, &none);
    // How often the moved actions were moved: only read when one was.
    if changes
        .iter()
        .any(|c| c.what == What::Action && c.how == How::Rescheduled)
    {
        let counts = moves::count(&loc, until.map_or("HEAD", |v| v.commit.as_str()), new_p);
        changes = compare::compare(old_p, new_p, old.date, today, &counts);
    }
    let diff = Diff {
        since: since.to_string(),
        since_commit: old.commit.chars().take(12).collect(),
        since_date: old.date,
        until: until.map(|v| v.rev.clone()),
        until_commit: until.map(|v| v.commit.chars().take(12).collect()),
        until_date: until.and_then(|v| v.date),
        existed: old.existed,
        notes,
        changes,
    };
    Ok((diff, older.unwrap_or(old.program)))
}
