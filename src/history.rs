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

use crate::config::Lang;
use crate::error::{Error, Result};
use crate::load::Program;
use crate::model::{
    ActionStatus, BudgetCategory, Date, Decision, Number, SessionKind, Subtopic, SubtopicStatus,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn git(root: &Path, args: &[&str]) -> std::result::Result<std::process::Output, Error> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            Error::Invalid(crate::both!(
                "无法运行 git（{e}）；`--since` 和 `al diff` 需要安装 git",
                "cannot run git ({e}); `--since` and `al diff` need git installed"
            ))
        })
}

/// A version of the program at a git revision.
pub struct Version {
    /// The revision as the user wrote it.
    pub rev: String,
    /// Its commit id.
    pub commit: String,
    /// Its commit date.
    pub date: Option<Date>,
    /// The program at that revision (empty when it did not exist).
    pub program: Program,
    /// Whether the program folder existed at that revision.
    pub existed: bool,
}

/// Where a program folder sits in its repository.
pub struct Located {
    /// The repository's top folder.
    pub root: PathBuf,
    /// The program folder relative to it, `/`-separated ("" for the top).
    pub rel: String,
}

/// Finds the git repository holding `dir`.
pub fn locate(dir: &Path) -> Result<Located> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        let dir = dir.display();
        return Err(Error::Invalid(crate::both!(
            "`{dir}` 不在 git 仓库中；`--since` 和 `al diff` 从 git 读取旧版本",
            "`{dir}` is not inside a git repository; `--since` and `al diff` read older versions from git"
        )));
    }
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let abs_dir = fs_err::canonicalize(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let abs_root = fs_err::canonicalize(&root).unwrap_or(root.clone());
    let rel = abs_dir
        .strip_prefix(&abs_root)
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    Ok(Located { root: abs_root, rel })
}

/// Reads the program as it was at `rev`.
pub fn at_revision(loc: &Located, rev: &str, display: &str) -> Result<Version> {
    let spec = format!("{rev}^{{commit}}");
    let out = git(
        &loc.root,
        &["rev-parse", "--verify", "--quiet", "--end-of-options", &spec],
    )?;
    if !out.status.success() {
        let root = loc.root.display();
        return Err(Error::Invalid(crate::both!(
            "`{root}` 的仓库中没有版本 `{rev}`",
            "unknown revision `{rev}` in the repository at `{root}`"
        )));
    }
    let commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let date = git(&loc.root, &["show", "-s", "--format=%cs", &commit])
        .ok()
        .and_then(|o| crate::dates::parse_date(String::from_utf8_lossy(&o.stdout).trim()).ok());
    let prefix = if loc.rel.is_empty() {
        String::new()
    } else {
        format!("{}/", loc.rel)
    };
    let mut args = vec!["ls-tree", "-r", "-z", "--name-only", commit.as_str()];
    if !prefix.is_empty() {
        args.push("--");
        args.push(prefix.as_str());
    }
    let out = git(&loc.root, &args)?;
    let names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split('\0')
        .filter(|n| !n.is_empty())
        .filter_map(|n| n.strip_prefix(&prefix).map(str::to_string))
        .filter(|rel| crate::layout::FileKind::of_rel(rel).is_some_and(|k| k.spec().loaded))
        .collect();
    let existed = crate::layout::names_make_program(names.iter().map(String::as_str));
    let files = if names.is_empty() {
        Vec::new()
    } else {
        cat_files(loc, &commit, &prefix, &names)?
    };
    let program = if existed {
        crate::load::program_from_texts(display, &files)
    } else {
        Program::empty(display)
    };
    Ok(Version {
        rev: rev.to_string(),
        commit,
        date,
        program,
        existed,
    })
}

/// Reads many blobs at one revision through one `git cat-file --batch`.
fn cat_files(loc: &Located, commit: &str, prefix: &str, names: &[String]) -> Result<Vec<(String, String)>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&loc.root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::Invalid(crate::both!("无法运行 git（{e}）", "cannot run git ({e})")))?;
    let mut input = String::new();
    for n in names {
        input.push_str(&format!("{commit}:{prefix}{n}\n"));
    }
    if let Some(mut stdin) = child.stdin.take() {
        // Written from another thread so that a large batch cannot deadlock on full pipes.
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Error::Invalid(crate::both!("git cat-file 失败：{e}", "git cat-file failed: {e}")))?;
    let data = out.stdout;
    let mut files = Vec::new();
    let mut at = 0;
    for n in names {
        let Some(nl) = data[at..].iter().position(|b| *b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&data[at..at + nl]).to_string();
        at += nl + 1;
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if header.ends_with(" missing") || at + size > data.len() {
            continue;
        }
        let text = String::from_utf8_lossy(&data[at..at + size]).into_owned();
        at += size + 1;
        files.push((n.clone(), text));
    }
    Ok(files)
}

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    /// The program's step (`stage` in topic.yaml).
    Stage,
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
    /// An open action's due date changed.
    Rescheduled,
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
    /// Its task (with the session file, how actions are matched).
    pub task: String,
    /// Its owner.
    pub owner: Option<PersonRef>,
    /// Its due date.
    pub due: Option<Date>,
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
    /// A date (a proposal's `submitted`, an action's `due`).
    Date(Date),
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
}

/// A note above the changes.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Note {
    /// The program did not exist at the older revision: everything is new.
    DidNotExist,
    /// A file at the older revision could not be read (its changes are missing).
    Unreadable {
        /// The file, relative to the program folder.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What is wrong, as the loader says it.
        message: String,
    },
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

/// The name of the template that renders a [`Diff`] as Markdown.
pub(crate) const TEMPLATE: &str = "changes.md.tera";

/// What [`TEMPLATE`] is rendered with: the comparison under `changes`, the
/// language under `lang`, and its words under `words` (see [`crate::lang::words`]).
pub fn context(d: &Diff, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "lang": lang.as_str(),
        "changes": d,
        "words": crate::lang::words(lang),
    })
}

/// Roles by person id.
fn roles_of(p: &Program) -> BTreeMap<String, BTreeSet<Role>> {
    let mut roles: BTreeMap<String, BTreeSet<Role>> = BTreeMap::new();
    if let Some(t) = &p.team {
        for g in &t.value.groups {
            let gid = g.value.id.as_ref().map(|i| i.value.0.clone()).unwrap_or_default();
            let mut add = |id: &str, role: RoleKind| {
                roles.entry(id.to_string()).or_default().insert(Role {
                    group: gid.clone(),
                    role,
                });
            };
            if let Some(l) = &*g.value.leader {
                add(&l.value.0, RoleKind::Leader);
            }
            for lo in &g.value.learning_officers {
                add(&lo.value, RoleKind::LearningOfficer);
            }
            if let Some(f) = &*g.value.facilitator {
                add(&f.value.0, RoleKind::Facilitator);
            }
            for m in &g.value.members {
                add(&m.value, RoleKind::Member);
            }
        }
    }
    roles
}

fn people(p: &Program) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(t) = &p.team {
        let people = t.value.people.iter().map(|x| (x.value.key(), &x.value.name));
        let facilitators = t
            .value
            .facilitators
            .iter()
            .map(|x| (x.value.key(), &x.value.name));
        for (key, name) in people.chain(facilitators) {
            if let Some(k) = key {
                let name = name
                    .as_ref()
                    .map_or_else(|| k.value.0.clone(), |n| n.value.0.clone());
                out.entry(k.value.0.clone()).or_insert(name);
            }
        }
    }
    out
}

fn groups(p: &Program) -> BTreeMap<String, String> {
    p.team
        .iter()
        .flat_map(|t| t.value.groups.iter())
        .filter_map(|g| {
            let id = g.value.id.as_ref()?.value.0.clone();
            Some((
                id.clone(),
                g.value.name.as_ref().map_or(id, |n| n.value.0.clone()),
            ))
        })
        .collect()
}

struct SubtopicView {
    question: String,
    status: Option<SubtopicStatus>,
}

fn subtopics(p: &Program) -> BTreeMap<String, SubtopicView> {
    p.subtopics
        .iter()
        .map(|s| {
            let id = crate::facts::subtopic_id(p, s).to_string();
            let question = s
                .value
                .question
                .as_ref()
                .map(|q| q.value.0.clone())
                .unwrap_or_default();
            (
                id,
                SubtopicView {
                    question,
                    status: s.value.status.as_ref().map(|x| x.value),
                },
            )
        })
        .collect()
}

/// Sessions keyed by file.
fn sessions(p: &Program) -> BTreeMap<String, SessionRef> {
    p.sessions
        .iter()
        .map(|s| {
            let file = p.files[s.file].rel.clone();
            let view = SessionRef {
                file: file.clone(),
                title: s.value.title.as_ref().map(|t| t.0.clone()),
                date: s.value.date.as_ref().map(|d| d.value),
                kind: s.value.kind.as_ref().map(|k| k.value),
            };
            (file, view)
        })
        .collect()
}

struct ActionView {
    task: String,
    owner: String,
    due: Option<Date>,
    status: ActionStatus,
    /// Whether it is overdue at the date the version is judged at.
    overdue: bool,
}

/// Actions keyed by session file and task, judged at `at` (overdue or not;
/// never overdue when the date is not known).
fn actions(p: &Program, at: Option<Date>) -> BTreeMap<(String, String), ActionView> {
    let mut out = BTreeMap::new();
    for s in &p.sessions {
        let rel = p.files[s.file].rel.clone();
        for a in &s.value.actions {
            let task = a.value.task.as_ref().map(|t| t.0.clone()).unwrap_or_default();
            out.insert(
                (rel.clone(), task.clone()),
                ActionView {
                    task,
                    owner: a
                        .value
                        .owner
                        .as_ref()
                        .map(|o| o.value.0.clone())
                        .unwrap_or_default(),
                    due: a.value.due.as_ref().map(|d| d.value),
                    status: crate::facts::action_status(&a.value),
                    overdue: at.is_some_and(|at| crate::facts::days_overdue(&a.value, at).is_some()),
                },
            );
        }
    }
    out
}

/// The people of both versions, to name anyone an id refers to.
struct Names {
    old: BTreeMap<String, String>,
    new: BTreeMap<String, String>,
}

impl Names {
    fn person(&self, id: &str) -> PersonRef {
        PersonRef {
            id: id.to_string(),
            name: self.new.get(id).or_else(|| self.old.get(id)).cloned(),
        }
    }

    fn owner(&self, id: &str) -> Option<PersonRef> {
        (!id.is_empty()).then(|| self.person(id))
    }
}

/// The keys of `new` not in `old`, then those of `old` not in `new`.
fn added_removed<'a, V>(
    old: &'a BTreeMap<String, V>,
    new: &'a BTreeMap<String, V>,
) -> impl Iterator<Item = (How, &'a String, &'a V)> {
    let added = new
        .iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(k, v)| (How::Added, k, v));
    let removed = old
        .iter()
        .filter(|(k, _)| !new.contains_key(*k))
        .map(|(k, v)| (How::Removed, k, v));
    added.chain(removed)
}

fn stage_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let stage = |p: &Program| {
        p.topic
            .as_ref()
            .and_then(|t| t.value.stage.as_ref())
            .map(|s| s.value.0)
    };
    let (before, after) = (stage(old), stage(new));
    if before != after {
        out.push(
            Change::new(What::Stage, How::Changed, Subject::Program)
                .values(before.map(Value::Stage), after.map(Value::Stage)),
        );
    }
}

fn team_changes(old: &Program, new: &Program, names: &Names, out: &mut Vec<Change>) {
    for (how, id, name) in added_removed(&names.old, &names.new) {
        let person = PersonRef {
            id: id.clone(),
            name: Some(name.clone()),
        };
        out.push(Change::new(What::Person, how, Subject::Person(person)));
    }
    for (how, id, name) in added_removed(&groups(old), &groups(new)) {
        let group = GroupRef {
            id: id.clone(),
            name: name.clone(),
        };
        out.push(Change::new(What::Group, how, Subject::Group(group)));
    }
    let (old_roles, new_roles) = (roles_of(old), roles_of(new));
    let ids: BTreeSet<&String> = old_roles.keys().chain(new_roles.keys()).collect();
    let empty = BTreeSet::new();
    for id in ids {
        let before = old_roles.get(id).unwrap_or(&empty);
        let after = new_roles.get(id).unwrap_or(&empty);
        if before != after {
            let list = |s: &BTreeSet<Role>| Some(Value::Roles(s.iter().cloned().collect()));
            out.push(
                Change::new(What::Role, How::Changed, Subject::Person(names.person(id)))
                    .values(list(before), list(after)),
            );
        }
    }
}

fn subtopic_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let (old_st, new_st) = (subtopics(old), subtopics(new));
    let subject = |id: &String, st: &SubtopicView| {
        Subject::Subtopic(SubtopicRef {
            id: id.clone(),
            question: st.question.clone(),
        })
    };
    for (id, st) in &new_st {
        let Some(before) = old_st.get(id) else {
            out.push(Change::new(What::Subtopic, How::Added, subject(id, st)));
            continue;
        };
        if before.status != st.status {
            let how = match st.status {
                Some(SubtopicStatus::Deepened) => How::Deepened,
                Some(SubtopicStatus::Replaced) => How::Replaced,
                _ => How::Status,
            };
            out.push(Change::new(What::Subtopic, how, subject(id, st)).values(
                before.status.map(Value::SubtopicStatus),
                st.status.map(Value::SubtopicStatus),
            ));
        }
        if before.question != st.question {
            out.push(
                Change::new(What::Subtopic, How::Question, subject(id, st)).values(
                    Some(Value::Text(before.question.clone())),
                    Some(Value::Text(st.question.clone())),
                ),
            );
        }
    }
    for (id, st) in &old_st {
        if !new_st.contains_key(id) {
            out.push(Change::new(What::Subtopic, How::Removed, subject(id, st)));
        }
    }
}

/// Sub-topics keyed by id, with their question.
fn subtopic_files(p: &Program) -> BTreeMap<String, (&Subtopic, String)> {
    p.subtopics
        .iter()
        .map(|s| {
            let question = s
                .value
                .question
                .as_ref()
                .map(|q| q.value.0.clone())
                .unwrap_or_default();
            (crate::facts::subtopic_id(p, s).to_string(), (&s.value, question))
        })
        .collect()
}

fn submitted(st: &Subtopic) -> Option<Date> {
    st.proposal
        .as_ref()
        .and_then(|p| p.value.submitted.as_ref())
        .map(|d| d.value)
}

fn review(st: &Subtopic) -> Option<&crate::model::Review> {
    st.proposal.as_ref()?.value.review.as_ref().map(|r| &r.value)
}

fn decision(st: &Subtopic) -> Option<Decision> {
    review(st)?.decision.as_ref().map(|d| d.value)
}

/// The statements of each move of a sub-topic's analysis.
fn moves(st: &Subtopic) -> [(Move, &[String]); 4] {
    let none: &[String] = &[];
    let a = st.analysis.as_ref().map(|a| &a.value);
    [
        (Move::Symptoms, a.map_or(none, |a| &a.symptoms)),
        (Move::Problems, a.map_or(none, |a| &a.problems)),
        (Move::Causes, a.map_or(none, |a| &a.causes)),
        (Move::Countermeasures, a.map_or(none, |a| &a.countermeasures)),
    ]
}

/// The six moves' progress: statements added to (then removed from) each
/// move of a sub-topic's analysis, matched by their text; a sub-topic new
/// in the newer version counts as having had none.
fn analysis_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let old_st = subtopic_files(old);
    for (id, (st, question)) in subtopic_files(new) {
        let before = old_st.get(&id).map(|(b, _)| moves(b));
        for (i, (part, now)) in moves(st).into_iter().enumerate() {
            let then: &[String] = before.as_ref().map_or(&[], |b| b[i].1);
            let subject = || {
                Subject::Analysis(AnalysisRef {
                    subtopic: id.clone(),
                    question: question.clone(),
                    part,
                })
            };
            let added: Vec<String> = now.iter().filter(|x| !then.contains(x)).cloned().collect();
            let removed: Vec<String> = then.iter().filter(|x| !now.contains(x)).cloned().collect();
            if !added.is_empty() {
                out.push(
                    Change::new(What::Analysis, How::Added, subject())
                        .values(None, Some(Value::Texts(added))),
                );
            }
            if !removed.is_empty() {
                out.push(
                    Change::new(What::Analysis, How::Removed, subject())
                        .values(Some(Value::Texts(removed)), None),
                );
            }
        }
    }
}

/// Budget lines keyed by their `item` (lines without one are left out).
fn budget(p: &Program) -> BTreeMap<String, BudgetRef> {
    let Some(t) = &p.topic else {
        return BTreeMap::new();
    };
    let currency = t.value.currency.as_ref().map(|c| c.0.clone());
    t.value
        .budget
        .iter()
        .filter_map(|b| {
            let b = &b.value;
            let item = b.item.as_ref()?.0.clone();
            let line = BudgetRef {
                item: item.clone(),
                category: b.category.as_ref().map(|c| c.value),
                planned: b.planned.as_ref().map(|n| n.value),
                spent: b.spent.as_ref().map(|n| n.value),
                currency: currency.clone(),
            };
            Some((item, line))
        })
        .collect()
}

/// Budget lines added or removed, whose `planned` changed, or whose `spent` changed.
fn budget_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let (old_b, new_b) = (budget(old), budget(new));
    for (item, line) in &new_b {
        let Some(was) = old_b.get(item) else {
            out.push(Change::new(
                What::Budget,
                How::Added,
                Subject::Budget(line.clone()),
            ));
            continue;
        };
        if was.planned != line.planned {
            out.push(
                Change::new(What::Budget, How::Changed, Subject::Budget(line.clone()))
                    .values(was.planned.map(Value::Number), line.planned.map(Value::Number)),
            );
        }
        if was.spent != line.spent {
            out.push(
                Change::new(What::Budget, How::Spent, Subject::Budget(line.clone()))
                    .values(was.spent.map(Value::Number), line.spent.map(Value::Number)),
            );
        }
    }
    for (item, line) in &old_b {
        if !new_b.contains_key(item) {
            out.push(Change::new(
                What::Budget,
                How::Removed,
                Subject::Budget(line.clone()),
            ));
        }
    }
}

/// Proposals submitted and review decisions: a sub-topic whose `submitted`
/// date or review `decision` appeared or changed (a sub-topic new in the
/// newer version counts as having had neither).
fn proposal_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let old_st = subtopic_files(old);
    let mut reviews = Vec::new();
    for (id, (st, question)) in subtopic_files(new) {
        let before = old_st.get(&id).map(|(b, _)| *b);
        let (was, is) = (before.and_then(submitted), submitted(st));
        if was != is && is.is_some() {
            let subject = Subject::Proposal(ProposalRef {
                subtopic: id.clone(),
                question: question.clone(),
                summary: st
                    .proposal
                    .as_ref()
                    .and_then(|p| p.value.summary.as_ref())
                    .map(|t| t.0.clone()),
            });
            out.push(
                Change::new(What::Proposal, How::Submitted, subject)
                    .values(was.map(Value::Date), is.map(Value::Date)),
            );
        }
        let (was, is) = (before.and_then(decision), decision(st));
        if let (Some(r), true) = (review(st), was != is && is.is_some()) {
            let subject = Subject::Review(ReviewRef {
                subtopic: id.clone(),
                question: question.clone(),
                date: r.date.as_ref().map(|d| d.value),
                by: r.by.clone(),
                notes: r.notes.as_ref().map(|t| t.0.clone()),
            });
            reviews.push(
                Change::new(What::Review, How::Decided, subject)
                    .values(was.map(Value::Decision), is.map(Value::Decision)),
            );
        }
    }
    out.extend(reviews);
}

/// Metrics keyed by sub-topic id and metric name.
fn metrics(p: &Program) -> BTreeMap<(String, String), (MetricRef, Measurement)> {
    let mut out = BTreeMap::new();
    for (id, (st, _)) in subtopic_files(p) {
        let Some(imp) = &st.implementation else {
            continue;
        };
        for m in &imp.value.metrics {
            let m = &m.value;
            let Some(name) = m.name.as_ref().map(|n| n.value.0.clone()) else {
                continue;
            };
            let r = MetricRef {
                subtopic: id.clone(),
                name: name.clone(),
                unit: m.unit.as_ref().map(|u| u.0.clone()),
                baseline: m.baseline.as_ref().map(|n| n.value),
                target: m.target.as_ref().map(|n| n.value),
            };
            let v = Measurement {
                actual: m.actual.as_ref().map(|n| n.value),
                measured: m.measured.as_ref().map(|d| d.value),
            };
            out.entry((id.clone(), name)).or_insert((r, v));
        }
    }
    out
}

/// Measurements: a metric whose `actual` or `measured` appeared or changed.
fn metric_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    let old_m = metrics(old);
    for (key, (r, is)) in metrics(new) {
        let was = old_m.get(&key).map(|(_, v)| v.clone());
        let nothing = Measurement {
            actual: None,
            measured: None,
        };
        if was.as_ref().unwrap_or(&nothing) != &is && is != nothing {
            out.push(
                Change::new(What::Metric, How::Measured, Subject::Metric(r))
                    .values(was.map(Value::Measurement), Some(Value::Measurement(is))),
            );
        }
    }
}

fn session_changes(old: &Program, new: &Program, out: &mut Vec<Change>) {
    for (how, _, s) in added_removed(&sessions(old), &sessions(new)) {
        out.push(Change::new(What::Session, how, Subject::Session(s.clone())));
    }
}

fn action_changes(
    old: &Program,
    new: &Program,
    names: &Names,
    old_date: Option<Date>,
    today: Date,
    out: &mut Vec<Change>,
) {
    let (old_a, new_a) = (actions(old, old_date), actions(new, Some(today)));
    let subject = |key: &(String, String), a: &ActionView| {
        Subject::Action(ActionRef {
            session: key.0.clone(),
            task: a.task.clone(),
            owner: names.owner(&a.owner),
            due: a.due,
        })
    };
    for (key, a) in &new_a {
        let status = |how, before: ActionStatus| {
            Change::new(What::Action, how, subject(key, a)).values(
                Some(Value::ActionStatus(before)),
                Some(Value::ActionStatus(a.status)),
            )
        };
        match old_a.get(key) {
            None if a.status == ActionStatus::Done => {
                out.push(Change::new(What::Action, How::RecordedDone, subject(key, a)))
            }
            None => out.push(Change::new(What::Action, How::Added, subject(key, a))),
            Some(b) if b.due != a.due && a.status == ActionStatus::Open => out.push(
                Change::new(What::Action, How::Rescheduled, subject(key, a))
                    .values(b.due.map(Value::Date), a.due.map(Value::Date)),
            ),
            Some(b) if b.status != ActionStatus::Done && a.status == ActionStatus::Done => {
                out.push(status(How::Completed, b.status))
            }
            Some(b) if b.status != ActionStatus::Dropped && a.status == ActionStatus::Dropped => {
                out.push(status(How::Dropped, b.status))
            }
            Some(_) => {}
        }
        let overdue_then = old_a.get(key).is_some_and(|b| b.overdue);
        if a.overdue && !overdue_then {
            out.push(Change::new(What::Action, How::NewlyOverdue, subject(key, a)));
        }
    }
    for (key, a) in &old_a {
        if !new_a.contains_key(key) {
            out.push(Change::new(What::Action, How::Removed, subject(key, a)));
        }
    }
}

/// Compares two versions of a program. `old_date` is when the old version
/// was committed, `today` the date the new one is judged at (for "newly overdue").
pub(crate) fn compare(old: &Program, new: &Program, old_date: Option<Date>, today: Date) -> Vec<Change> {
    let mut out = Vec::new();
    let names = Names {
        old: people(old),
        new: people(new),
    };
    stage_changes(old, new, &mut out);
    team_changes(old, new, &names, &mut out);
    subtopic_changes(old, new, &mut out);
    analysis_changes(old, new, &mut out);
    proposal_changes(old, new, &mut out);
    metric_changes(old, new, &mut out);
    budget_changes(old, new, &mut out);
    session_changes(old, new, &mut out);
    action_changes(old, new, &names, old_date, today, &mut out);
    out
}

/// Notes on files at the older revision that could not be read.
fn broken_notes(v: &Version) -> Vec<Note> {
    v.program
        .problems
        .iter()
        .filter(|(_, p)| p.kind == crate::yaml::ProblemKind::Syntax || p.message.starts_with("wrong type"))
        .map(|(f, p)| Note::Unreadable {
            file: v.program.files.get(*f).map_or("", |x| x.rel.as_str()).to_string(),
            line: p.loc.line,
            column: p.loc.column,
            message: p.message.clone(),
        })
        .collect()
}

/// Compares the program at `since` with `until` (a revision) or the working tree.
pub fn diff(dir: &Path, since: &str, until: Option<&str>, today: Date) -> Result<Diff> {
    match until {
        Some(rev) => {
            let loc = locate(dir)?;
            let newer = at_revision(&loc, rev, &dir.to_string_lossy().replace('\\', "/"))?;
            compare_with(dir, since, &newer.program, Some(&newer), today)
        }
        None => {
            let current = crate::check::open(dir)?.program;
            self::since(dir, since, &current, today)
        }
    }
}

/// Compares the program at `rev` with the program already loaded from the working tree.
pub fn since(dir: &Path, rev: &str, current: &Program, today: Date) -> Result<Diff> {
    compare_with(dir, rev, current, None, today)
}

/// Compares the program at `since` with `newer`, which is the program of
/// `until` when that is a revision.
fn compare_with(
    dir: &Path,
    since: &str,
    newer: &Program,
    until: Option<&Version>,
    today: Date,
) -> Result<Diff> {
    let loc = locate(dir)?;
    let old = at_revision(&loc, since, &dir.to_string_lossy().replace('\\', "/"))?;
    let mut notes = broken_notes(&old);
    if !old.existed {
        notes.insert(0, Note::DidNotExist);
    }
    let changes = compare(&old.program, newer, old.date, today);
    Ok(Diff {
        since: since.to_string(),
        since_commit: old.commit.chars().take(12).collect(),
        since_date: old.date,
        until: until.map(|v| v.rev.clone()),
        until_commit: until.map(|v| v.commit.chars().take(12).collect()),
        until_date: until.and_then(|v| v.date),
        existed: old.existed,
        notes,
        changes,
    })
}
