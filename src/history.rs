//! History through git: an older version of a program is read from the git
//! repository that holds it (`git cat-file --batch`, read-only: no checkout,
//! no worktree, nothing written), loaded with the same loader, and the two
//! models are compared — not their text.

use crate::config::Lang;
use crate::error::{Error, Result};
use crate::load::Program;
use crate::model::{ActionStatus, Date, SessionKind};
use crate::report::labels::{self, pick};
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
            Error::Invalid(format!(
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
        return Err(Error::Invalid(format!(
            "`{}` is not inside a git repository; `--since` and `al diff` read older versions from git",
            dir.display()
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
        return Err(Error::Invalid(format!(
            "unknown revision `{rev}` in the repository at `{}`",
            loc.root.display()
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
        .map_err(|e| Error::Invalid(format!("cannot run git ({e})")))?;
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
        .map_err(|e| Error::Invalid(format!("git cat-file failed: {e}")))?;
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

/// One change between two versions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// What changed: `person`, `group`, `role`, `subtopic`, `session`, `action`, `stage`.
    pub what: &'static str,
    /// How: `added`, `removed`, `changed`, `completed`, `dropped`, `newly-overdue`, …
    pub how: &'static str,
    /// The thing, in words.
    pub subject: String,
    /// Details, in words.
    pub detail: String,
}

/// The comparison of two versions of a program.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The older revision as written.
    pub since: String,
    /// Its commit.
    pub since_commit: String,
    /// Its date.
    pub since_date: Option<Date>,
    /// The newer side: a revision, or "working tree".
    pub until: String,
    /// Whether the program existed at the older revision.
    pub existed: bool,
    /// Notes: the program did not exist, or files at the revision were broken.
    pub notes: Vec<String>,
    /// The changes, grouped in the order of this list's `what`.
    pub changes: Vec<Change>,
}

struct Roles {
    // person id → role words
    roles: BTreeMap<String, BTreeSet<String>>,
}

fn roles_of(p: &Program, lang: Lang) -> Roles {
    let mut roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if let Some(t) = &p.team {
        for g in &t.value.groups {
            let gid = g.value.id.as_ref().map(|i| i.value.0.clone()).unwrap_or_default();
            let mut add = |id: &str, zh: &'static str, en: &'static str| {
                roles
                    .entry(id.to_string())
                    .or_default()
                    .insert(format!("{}{gid}", pick(lang, zh, en)));
            };
            if let Some(l) = &*g.value.leader {
                add(&l.value.0, "组长 ", "leader of ");
            }
            for lo in &g.value.learning_officers {
                add(&lo.value, "学习委员 ", "learning officer of ");
            }
            if let Some(f) = &*g.value.facilitator {
                add(&f.value.0, "促进师 ", "facilitator of ");
            }
            for m in &g.value.members {
                add(&m.value, "成员 ", "member of ");
            }
        }
    }
    Roles { roles }
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
    status: Option<crate::model::SubtopicStatus>,
}

fn subtopics(p: &Program) -> BTreeMap<String, SubtopicView> {
    p.subtopics
        .iter()
        .map(|s| {
            let id = s
                .value
                .id
                .as_ref()
                .map_or_else(|| p.stem(s.file).to_string(), |i| i.value.0.clone());
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

fn sessions(p: &Program) -> BTreeMap<String, (Option<Date>, Option<SessionKind>, String)> {
    p.sessions
        .iter()
        .map(|s| {
            let rel = p.files[s.file].rel.clone();
            let title = s.value.title.as_ref().map(|t| t.0.clone()).unwrap_or_default();
            (
                rel,
                (
                    s.value.date.as_ref().map(|d| d.value),
                    s.value.kind.as_ref().map(|k| k.value),
                    title,
                ),
            )
        })
        .collect()
}

struct ActionView {
    task: String,
    owner: String,
    due: Option<Date>,
    status: ActionStatus,
}

/// Actions keyed by session file and task.
fn actions(p: &Program) -> BTreeMap<(String, String), ActionView> {
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
                    status: a.value.status.as_ref().map_or(ActionStatus::Open, |x| x.value),
                },
            );
        }
    }
    out
}

/// Compares two versions of a program. `old_date` is when the old version
/// was committed, `today` the date the new one is judged at (for "newly overdue").
pub fn compare(old: &Program, new: &Program, old_date: Option<Date>, today: Date, lang: Lang) -> Vec<Change> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<Change>, what, how, subject: String, detail: String| {
        out.push(Change {
            what,
            how,
            subject,
            detail,
        })
    };
    let (old_people, new_people) = (people(old), people(new));
    let paren = |n: &str, id: &str| match lang {
        Lang::Zh => format!("{n}（{id}）"),
        Lang::En => format!("{n} ({id})"),
    };
    let name = |id: &str| {
        new_people
            .get(id)
            .or_else(|| old_people.get(id))
            .map_or(id.to_string(), |n| paren(n, id))
    };

    // Stage.
    let stage = |p: &Program| {
        p.topic
            .as_ref()
            .and_then(|t| t.value.stage.as_ref())
            .map(|s| s.value.0)
    };
    if stage(old) != stage(new) {
        let words = |s: Option<i64>| {
            s.map_or_else(
                || "—".to_string(),
                |n| format!("{n} {}", labels::step_name(lang, n)),
            )
        };
        push(
            &mut out,
            "stage",
            "changed",
            pick(lang, "阶段", "stage").to_string(),
            format!("{} → {}", words(stage(old)), words(stage(new))),
        );
    }

    // People.
    for (id, n) in &new_people {
        if !old_people.contains_key(id) {
            push(&mut out, "person", "added", paren(n, id), String::new());
        }
    }
    for (id, n) in &old_people {
        if !new_people.contains_key(id) {
            push(&mut out, "person", "removed", paren(n, id), String::new());
        }
    }

    // Groups.
    let (old_groups, new_groups) = (groups(old), groups(new));
    for (id, n) in &new_groups {
        if !old_groups.contains_key(id) {
            push(&mut out, "group", "added", paren(n, id), String::new());
        }
    }
    for (id, n) in &old_groups {
        if !new_groups.contains_key(id) {
            push(&mut out, "group", "removed", paren(n, id), String::new());
        }
    }

    // Roles and memberships.
    let (old_roles, new_roles) = (roles_of(old, lang), roles_of(new, lang));
    let ids: BTreeSet<&String> = old_roles.roles.keys().chain(new_roles.roles.keys()).collect();
    for id in ids {
        let empty = BTreeSet::new();
        let before = old_roles.roles.get(id).unwrap_or(&empty);
        let after = new_roles.roles.get(id).unwrap_or(&empty);
        let gained: Vec<&String> = after.difference(before).collect();
        let lost: Vec<&String> = before.difference(after).collect();
        if gained.is_empty() && lost.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if !gained.is_empty() {
            parts.push(format!(
                "{}{}",
                pick(lang, "新任 ", "now "),
                gained
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(pick(lang, "、", ", "))
            ));
        }
        if !lost.is_empty() {
            parts.push(format!(
                "{}{}",
                pick(lang, "不再担任 ", "no longer "),
                lost.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(pick(lang, "、", ", "))
            ));
        }
        push(
            &mut out,
            "role",
            "changed",
            name(id),
            parts.join(pick(lang, "；", "; ")),
        );
    }

    // Sub-topics.
    let (old_st, new_st) = (subtopics(old), subtopics(new));
    for (id, st) in &new_st {
        match old_st.get(id) {
            None => push(&mut out, "subtopic", "added", id.clone(), st.question.clone()),
            Some(before) => {
                if before.status != st.status {
                    let w = |s: Option<crate::model::SubtopicStatus>| {
                        s.map_or("—", |s| labels::subtopic_status(lang, s))
                    };
                    let how = match st.status {
                        Some(crate::model::SubtopicStatus::Deepened) => "deepened",
                        Some(crate::model::SubtopicStatus::Replaced) => "replaced",
                        _ => "status",
                    };
                    push(
                        &mut out,
                        "subtopic",
                        how,
                        paren(&st.question, id),
                        format!("{} → {}", w(before.status), w(st.status)),
                    );
                }
                if before.question != st.question {
                    push(
                        &mut out,
                        "subtopic",
                        "question",
                        id.clone(),
                        format!("{} → {}", before.question, st.question),
                    );
                }
            }
        }
    }
    for (id, st) in &old_st {
        if !new_st.contains_key(id) {
            push(&mut out, "subtopic", "removed", id.clone(), st.question.clone());
        }
    }

    // Sessions.
    let (old_s, new_s) = (sessions(old), sessions(new));
    for (rel, (date, kind, title)) in &new_s {
        if !old_s.contains_key(rel) {
            let k = kind.map_or("", |k| labels::session_kind(lang, k));
            let d = date.map(|d| d.to_string()).unwrap_or_default();
            push(
                &mut out,
                "session",
                "added",
                if title.is_empty() {
                    rel.clone()
                } else {
                    title.clone()
                },
                format!("{d} {k}").trim().to_string(),
            );
        }
    }
    for (rel, (date, _, title)) in &old_s {
        if !new_s.contains_key(rel) {
            let d = date.map(|d| d.to_string()).unwrap_or_default();
            push(
                &mut out,
                "session",
                "removed",
                if title.is_empty() {
                    rel.clone()
                } else {
                    title.clone()
                },
                d,
            );
        }
    }

    // Actions.
    let (old_a, new_a) = (actions(old), actions(new));
    for (key, a) in &new_a {
        let owner = if a.owner.is_empty() {
            String::new()
        } else {
            name(&a.owner)
        };
        match old_a.get(key) {
            None => push(&mut out, "action", "added", a.task.clone(), owner.clone()),
            Some(before) => {
                if before.status != ActionStatus::Done && a.status == ActionStatus::Done {
                    push(&mut out, "action", "completed", a.task.clone(), owner.clone());
                } else if before.status != ActionStatus::Dropped && a.status == ActionStatus::Dropped {
                    push(&mut out, "action", "dropped", a.task.clone(), owner.clone());
                }
            }
        }
        let overdue_now = a.status == ActionStatus::Open && a.due.is_some_and(|d| d < today);
        let overdue_then = match (old_a.get(key), old_date) {
            (Some(b), Some(at)) => b.status == ActionStatus::Open && b.due.is_some_and(|d| d < at),
            (Some(_), None) => false,
            (None, _) => false,
        };
        if overdue_now && !overdue_then {
            let due = a.due.map(|d| d.to_string()).unwrap_or_default();
            push(
                &mut out,
                "action",
                "newly-overdue",
                a.task.clone(),
                format!("{owner} {}{due}", pick(lang, "截止 ", "due "))
                    .trim()
                    .to_string(),
            );
        }
    }
    for (key, a) in &old_a {
        if !new_a.contains_key(key) {
            push(&mut out, "action", "removed", a.task.clone(), String::new());
        }
    }
    out
}

/// Notes on files at the older revision that could not be read.
fn broken_notes(v: &Version, lang: Lang) -> Vec<String> {
    v.program
        .problems
        .iter()
        .filter(|(_, p)| p.kind == crate::yaml::ProblemKind::Syntax || p.message.starts_with("wrong type"))
        .map(|(f, p)| {
            let rel = v.program.files.get(*f).map_or("", |x| x.rel.as_str());
            format!(
                "{}{rel}:{}:{}: {}",
                pick(
                    lang,
                    "该版本中无法读取的文件：",
                    "a file that could not be read at that revision: "
                ),
                p.loc.line,
                p.loc.column,
                p.message
            )
        })
        .collect()
}

/// Compares the program at `since` with `until` (a revision) or the working tree.
pub fn diff(dir: &Path, since: &str, until: Option<&str>, today: Date, lang: Lang) -> Result<Diff> {
    match until {
        Some(rev) => {
            let loc = locate(dir)?;
            let newer = at_revision(&loc, rev, &dir.to_string_lossy().replace('\\', "/"))?;
            compare_with(dir, since, &newer.program, rev, today, lang)
        }
        None => {
            let current = crate::check::open(dir)?.program;
            self::since(dir, since, &current, today, lang)
        }
    }
}

/// Compares the program at `rev` with the program already loaded from the working tree.
pub fn since(dir: &Path, rev: &str, current: &Program, today: Date, lang: Lang) -> Result<Diff> {
    compare_with(
        dir,
        rev,
        current,
        pick(lang, "工作区", "working tree"),
        today,
        lang,
    )
}

fn compare_with(
    dir: &Path,
    since: &str,
    newer: &Program,
    until: &str,
    today: Date,
    lang: Lang,
) -> Result<Diff> {
    let loc = locate(dir)?;
    let old = at_revision(&loc, since, &dir.to_string_lossy().replace('\\', "/"))?;
    let mut notes = broken_notes(&old, lang);
    if !old.existed {
        notes.insert(
            0,
            format!(
                "{}{since}{}",
                pick(lang, "该项目在 ", "the program did not exist at "),
                pick(
                    lang,
                    " 时尚不存在：以下全部为新增。",
                    ": everything below is new."
                )
            ),
        );
    }
    let changes = compare(&old.program, newer, old.date, today, lang);
    Ok(Diff {
        since: since.to_string(),
        since_commit: old.commit.chars().take(12).collect(),
        since_date: old.date,
        until: until.to_string(),
        existed: old.existed,
        notes,
        changes,
    })
}

/// The Markdown of a comparison (the "Changes since" section).
pub fn markdown(d: &Diff, lang: Lang, heading: &str) -> String {
    let date = d.since_date.map(|x| x.to_string()).unwrap_or_default();
    let mut s = match lang {
        Lang::Zh => format!("{heading} 自 {}（{date}）以来的变化\n\n", d.since),
        Lang::En => format!("{heading} Changes since {} ({date})\n\n", d.since),
    };
    for n in &d.notes {
        s.push_str(&format!("> {n}\n\n"));
    }
    if d.changes.is_empty() {
        s.push_str(pick(lang, "没有变化。\n", "No changes.\n"));
        return s;
    }
    let sections: [(&str, &str, &str); 7] = [
        ("stage", "阶段", "Stage"),
        ("person", "人员", "People"),
        ("group", "小组", "Groups"),
        ("role", "角色与成员", "Roles and membership"),
        ("subtopic", "子课题", "Sub-topics"),
        ("session", "会议与活动", "Sessions"),
        ("action", "行动", "Actions"),
    ];
    for (what, zh, en) in sections {
        let items: Vec<&Change> = d.changes.iter().filter(|c| c.what == what).collect();
        if items.is_empty() {
            continue;
        }
        s.push_str(&format!("**{}**\n\n", pick(lang, zh, en)));
        for c in items {
            let how = how_words(c.how, lang);
            let detail = if c.detail.is_empty() {
                String::new()
            } else {
                format!(" — {}", c.detail)
            };
            s.push_str(
                &format!("- {how}：{}{detail}\n", c.subject)
                    .replace("：", if lang == Lang::Zh { "：" } else { ": " }),
            );
        }
        s.push('\n');
    }
    s.trim_end().to_string() + "\n"
}

fn how_words(how: &str, lang: Lang) -> &'static str {
    match how {
        "added" => pick(lang, "新增", "added"),
        "removed" => pick(lang, "移除", "removed"),
        "changed" => pick(lang, "变化", "changed"),
        "completed" => pick(lang, "已完成", "completed"),
        "dropped" => pick(lang, "已取消", "dropped"),
        "newly-overdue" => pick(lang, "新逾期", "newly overdue"),
        "deepened" => pick(lang, "深入", "deepened"),
        "replaced" => pick(lang, "更新（被替换）", "replaced"),
        "status" => pick(lang, "状态变化", "status changed"),
        "question" => pick(lang, "问题改写", "question reworded"),
        _ => pick(lang, "变化", "changed"),
    }
}
