//! How many times each action's due date has changed over the history of
//! the program up to the newer version: every commit of the first-parent
//! history that touched the program's session files (`git log
//! --first-parent --raw`, one process), each changed session file read once
//! by its blob id (one `git cat-file --batch`), then the newer version
//! itself (the working tree, or the revision's files). Actions are followed
//! from version to version by the same matching as the comparison
//! ([`super::actions::pairs`]); a move is what the comparison calls
//! rescheduled: the due date changed and the action is open.
//!
//! The cost grows with the number of changes to session files, not with
//! the size of the repository. When git cannot tell (no commit, git
//! failing), nothing is counted and a moved action counts as moved once.

use super::actions::{ActionView, pairs, views};
use super::git::{Located, cat_objects, git};
use crate::layout::{FileKind, Place};
use crate::load::Program;
use std::collections::BTreeMap;

/// How many times each action of the newer version has been moved, by
/// session file (its path in the program) and place in that file's
/// `actions` (from 0).
#[derive(Debug, Default)]
pub(super) struct Moves(BTreeMap<(String, usize), u32>);

impl Moves {
    /// The count of one action (0 when it never moved or is not known).
    pub fn of(&self, file: &str, index: usize) -> u32 {
        self.0.get(&(file.to_string(), index)).copied().unwrap_or(0)
    }
}

/// A session file as a version has it: its actions, and how many times
/// each has been moved so far.
struct Tracked {
    actions: Vec<ActionView>,
    moved: Vec<u32>,
}

/// One session file changed by a commit: its path in the program and its
/// new blob (`None` when the commit deleted it, or made it a link or a
/// submodule).
struct FileChange {
    rel: String,
    blob: Option<String>,
}

/// Counts the moves of each action of `newer`, over the history up to
/// `until` (a commit, or `HEAD` when `newer` is the working tree).
pub(super) fn count(loc: &Located, until: &str, newer: &Program) -> Moves {
    let changes = log(loc, until).unwrap_or_default();
    // Each blob once, with a path it had (to read it as a session file).
    let mut blobs: BTreeMap<&str, &str> = BTreeMap::new();
    for c in &changes {
        if let Some(b) = &c.blob {
            blobs.entry(b.as_str()).or_insert(c.rel.as_str());
        }
    }
    let ids: Vec<String> = blobs.keys().map(|b| b.to_string()).collect();
    let limit = match newer.max_file_bytes {
        0 => crate::load::MAX_FILE_BYTES,
        n => n,
    };
    let texts = cat_objects(loc, &ids, limit).unwrap_or_default();
    let mut actions_of: BTreeMap<&str, Vec<ActionView>> = BTreeMap::new();
    for ((blob, rel), text) in blobs.iter().zip(texts) {
        // A blob that is not usable text (too large, not UTF-8) has no actions.
        let text = text.and_then(Result::ok);
        actions_of.insert(blob, text.map(|t| parse(rel, t)).unwrap_or_default());
    }
    let mut state: BTreeMap<String, Tracked> = BTreeMap::new();
    for c in &changes {
        match &c.blob {
            None => {
                state.remove(&c.rel);
            }
            Some(b) => {
                let now = actions_of.get(b.as_str()).cloned().unwrap_or_default();
                let tracked = advance(state.get(&c.rel), now);
                state.insert(c.rel.clone(), tracked);
            }
        }
    }
    let mut out = BTreeMap::new();
    for s in &newer.sessions {
        let rel = &newer.files[s.file].rel;
        let tracked = advance(state.get(rel), views(&s.value, None));
        for (i, n) in tracked.moved.into_iter().enumerate() {
            if n > 0 {
                out.insert((rel.clone(), i), n);
            }
        }
    }
    Moves(out)
}

/// A session file's actions after a change: each matched to its earlier
/// version, if any, carries its count, plus one when it moved.
fn advance(before: Option<&Tracked>, now: Vec<ActionView>) -> Tracked {
    let mut moved = vec![0; now.len()];
    if let Some(t) = before {
        for (i, j) in pairs(&t.actions, &now) {
            moved[j] = t.moved[i] + u32::from(now[j].moved_from(&t.actions[i]));
        }
    }
    Tracked { actions: now, moved }
}

/// The actions of a session file's text, read by the same loader as the
/// program (`rel` its path in the program).
fn parse(rel: &str, text: String) -> Vec<ActionView> {
    let p = crate::yaml::unlocated(|| crate::load::program_from_texts("", &[(rel.to_string(), text)]));
    p.sessions
        .first()
        .map(|s| views(&s.value, None))
        .unwrap_or_default()
}

/// The changes to the program's session files, commit by commit from the
/// oldest, along the first-parent history up to `until`.
fn log(loc: &Located, until: &str) -> Option<Vec<FileChange>> {
    let Place::Folder(folder) = FileKind::Session.spec().place else {
        return None;
    };
    let prefix = if loc.rel.is_empty() {
        String::new()
    } else {
        format!("{}/", loc.rel)
    };
    let spec = format!("{prefix}{folder}");
    let out = git(
        &loc.root,
        &[
            "--literal-pathspecs",
            "log",
            "--first-parent",
            "--root",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "-z",
            "--format=",
            "--reverse",
            until,
            "--",
            &spec,
        ],
    )
    .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(parse_raw(&String::from_utf8_lossy(&out.stdout), &prefix))
}

/// Reads `git log --raw -z` output: `:MODES OLD NEW STATUS\0PATH\0` for
/// each file, in order; keeps the session files inside the program.
fn parse_raw(text: &str, prefix: &str) -> Vec<FileChange> {
    let mut out = Vec::new();
    let mut tokens = text.split('\0');
    while let Some(meta) = tokens.next() {
        let meta = meta.trim_start();
        let Some(meta) = meta.strip_prefix(':') else {
            continue;
        };
        let Some(path) = tokens.next() else { break };
        let fields: Vec<&str> = meta.split(' ').collect();
        let (Some(mode), Some(new), Some(status)) = (fields.get(1), fields.get(3), fields.get(4)) else {
            continue;
        };
        // A link or a submodule is no session file's text.
        let file = !matches!(*mode, "120000" | "160000");
        let Some(rel) = path.strip_prefix(prefix) else {
            continue;
        };
        if FileKind::of_rel(rel) != Some(FileKind::Session) {
            continue;
        }
        out.push(FileChange {
            rel: rel.to_string(),
            blob: (file && !status.starts_with('D')).then(|| new.to_string()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_log_lines_become_file_changes() {
        let zero = "0".repeat(40);
        let (a, b) = ("a".repeat(40), "b".repeat(40));
        let text = format!(
            "\n:000000 100644 {zero} {a} A\0p/sessions/m.yaml\0:000000 100644 {zero} {a} A\0p/topic.yaml\0\n:100644 100644 {a} {b} M\0p/sessions/m.yaml\0:100644 000000 {b} {zero} D\0p/sessions/m.yaml\0"
        );
        let changes = parse_raw(&text, "p/");
        let seen: Vec<(&str, Option<&str>)> = changes
            .iter()
            .map(|c| (c.rel.as_str(), c.blob.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                ("sessions/m.yaml", Some(a.as_str())),
                ("sessions/m.yaml", Some(b.as_str())),
                ("sessions/m.yaml", None)
            ]
        );
    }

    #[test]
    fn counts_follow_an_action_through_rewording() {
        let v = |task: &str, due: &str| {
            parse(
                "sessions/m.yaml",
                format!("kind: group-meeting\nactions:\n  - {{ task: {task}, owner: wang, due: {due} }}\n"),
            )
        };
        let mut t = advance(None, v("收集试行首月离职数据", "2026-10-12"));
        for (task, due) in [
            ("收集试行首月离职数据", "2026-10-26"),
            ("收集试行首月离职与满意度数据", "2026-10-26"),
            ("收集试行首月离职与满意度数据", "2026-11-09"),
            ("收集试行首月离职与满意度数据", "2026-11-23"),
        ] {
            t = advance(Some(&t), v(task, due));
        }
        assert_eq!(t.moved, [3]);
    }
}
