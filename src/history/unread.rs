//! Files of a version that could not be compared: why ([`Unread`]), which
//! ones ([`broken`]), and the program compared in their place ([`patched`]).
//!
//! A file that cannot be read in one version — not YAML, not UTF-8, over
//! the size limit, a submodule, a link or a Git LFS pointer in git — has no
//! model there. Compared as it is, everything in it would be "added" or
//! "removed". Instead it is named in a note, and the comparison takes the
//! other version's copy in its place, so that it shows no change.

use crate::config::Lang;
use crate::load::Program;
use crate::yaml::{ProblemKind, What};
use std::collections::{BTreeMap, BTreeSet};

/// Why a file of a version could not be read or compared.
#[derive(Debug, Clone, PartialEq)]
pub enum Unread {
    /// The loader's reason, as `al check` gives it: not YAML, not UTF-8
    /// (with the first bad byte's place), over the size limit, a wrong type…
    Problem(What),
    /// A submodule (a gitlink): its files are in another repository.
    Submodule,
    /// A symbolic link stored in git: links are not followed in history.
    Link,
    /// A Git LFS pointer: the file's content is not in the repository.
    LfsPointer,
}

impl Unread {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let pick = |zh: &'static str, en: &'static str| crate::lang::pick(lang, zh, en).to_string();
        match self {
            Unread::Problem(what) => what.message(lang),
            Unread::Submodule => pick(
                "这是子模块（submodule）：它的文件在另一个仓库中，未比较",
                "a submodule: its files are in another repository; not compared",
            ),
            Unread::Link => pick(
                "这是符号链接：al 不跟随历史版本中的链接，未比较",
                "a symbolic link: al does not follow links in older versions; not compared",
            ),
            Unread::LfsPointer => pick(
                "这是 Git LFS 指针：文件内容不在仓库中，未比较",
                "a Git LFS pointer: the file's content is not in the repository; not compared",
            ),
        }
    }
}

/// A file (or folder) of one version that could not be compared, or a
/// value in it that could not be read.
#[derive(Debug, Clone)]
pub(super) struct Broken {
    /// Its path inside the program (`.` for the program folder itself).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Why.
    pub why: Unread,
    /// Whether nothing of it was read (no model): the other version's copy
    /// is compared in its place. `false` for a wrong value in a file that
    /// was read.
    pub whole: bool,
}

impl Broken {
    /// A whole file or folder, at its first bad byte when it is not UTF-8.
    fn at(file: &str, why: Unread) -> Broken {
        let (line, column) = match why {
            Unread::Problem(What::NotUtf8 { line, column }) => (line, column),
            _ => (1, 1),
        };
        Broken {
            file: file.to_string(),
            line,
            column,
            why,
            whole: true,
        }
    }

    /// Whether the file `rel` of the program lies in it.
    fn covers(&self, rel: &str) -> bool {
        self.file == "."
            || rel == self.file
            || rel.strip_prefix(&self.file).is_some_and(|r| r.starts_with('/'))
    }
}

/// The files of a program with a model, by index into its files.
fn modelled(p: &Program) -> BTreeSet<usize> {
    let one = [
        p.topic.as_ref().map(|d| d.file),
        p.team.as_ref().map(|d| d.file),
        p.plan.as_ref().map(|d| d.file),
    ];
    one.into_iter()
        .flatten()
        .chain(p.sessions.iter().map(|d| d.file))
        .chain(p.subtopics.iter().map(|d| d.file))
        .collect()
}

/// What of a version could not be compared, in file order: the entries git
/// did not give (`unread`), each file read without a model (its syntax
/// problems, else its first problem), and each syntax problem or wrong
/// type in a file that has one.
pub(super) fn broken(p: &Program, unread: &[(String, Unread)]) -> Vec<Broken> {
    let with_model = modelled(p);
    let mut by_file: BTreeMap<usize, Vec<&crate::yaml::Problem>> = BTreeMap::new();
    for (i, pr) in &p.problems {
        by_file.entry(*i).or_default().push(pr);
    }
    let mut out: Vec<Broken> = unread.iter().map(|(f, why)| Broken::at(f, why.clone())).collect();
    for (i, f) in p.files.iter().enumerate() {
        let problems = by_file.remove(&i).unwrap_or_default();
        let whole = !with_model.contains(&i);
        let mut shown: Vec<&crate::yaml::Problem> = problems
            .iter()
            .copied()
            .filter(|pr| pr.kind == ProblemKind::Syntax || matches!(pr.what, What::WrongType(_)))
            .collect();
        if whole && shown.is_empty() {
            shown.extend(problems.first());
        }
        out.extend(shown.into_iter().map(|pr| Broken {
            file: f.rel.clone(),
            line: pr.loc.line,
            column: pr.loc.column,
            why: Unread::Problem(pr.what.clone()),
            whole,
        }));
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// `p` as compared with `other`: when whole files of `p` could not be read
/// (`broken`) and `other` has them, a copy of `p` with `other`'s texts of
/// those files (so they show no change); `None` when there are none.
pub(super) fn patched(p: &Program, broken: &[Broken], other: &Program) -> Option<Program> {
    let whole: Vec<&Broken> = broken.iter().filter(|b| b.whole).collect();
    let lost = |rel: &str| whole.iter().any(|b| b.covers(rel));
    let own = modelled(p);
    let theirs = modelled(other);
    let borrowed: Vec<(String, String)> = theirs
        .iter()
        .filter_map(|&i| other.files.get(i))
        .filter(|f| lost(&f.rel))
        .map(|f| (f.rel.clone(), f.text.clone()))
        .collect();
    if borrowed.is_empty() {
        return None;
    }
    let mut files: Vec<(String, String)> = own
        .iter()
        .filter_map(|&i| p.files.get(i))
        .filter(|f| !lost(&f.rel))
        .map(|f| (f.rel.clone(), f.text.clone()))
        .collect();
    files.extend(borrowed);
    let mut q = crate::load::program_from_texts(&p.display, &files);
    q.dir = p.dir.clone();
    q.max_file_bytes = p.max_file_bytes;
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(files: &[(&str, &str)]) -> Program {
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(r, t)| (r.to_string(), t.to_string()))
            .collect();
        crate::load::program_from_texts("p", &files)
    }

    #[test]
    fn a_file_without_a_model_is_broken_whole_and_borrowed_from_the_other_version() {
        let topic = "title: t\nstage: 2\n";
        let old = program(&[
            ("topic.yaml", topic),
            ("sessions/a.yaml", "kind: group-meeting\ntitle: A\n"),
        ]);
        let new = program(&[("topic.yaml", topic), ("sessions/a.yaml", "kind: [broken\n")]);
        let b = broken(&new, &[]);
        assert_eq!(b.len(), 1);
        assert!(b[0].whole && b[0].file == "sessions/a.yaml");
        let q = patched(&new, &b, &old).expect("patched");
        assert_eq!(q.sessions.len(), 1);
        assert!(q.topic.is_some());
        assert!(patched(&old, &broken(&old, &[]), &new).is_none());
    }

    #[test]
    fn a_submodule_folder_covers_the_files_under_it() {
        let b = Broken::at("subtopics", Unread::Submodule);
        assert!(b.covers("subtopics/x.yaml") && b.covers("subtopics"));
        assert!(!b.covers("subtopicsx/x.yaml") && !b.covers("topic.yaml"));
        assert!(Broken::at(".", Unread::Submodule).covers("topic.yaml"));
        assert!(Unread::LfsPointer.message(Lang::En).contains("Git LFS pointer"));
        assert!(Unread::Submodule.message(Lang::Zh).contains("子模块"));
    }
}
