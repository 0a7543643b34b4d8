//! Reading a program from git: the repository, a revision, and the files of
//! the program folder at that revision (`git ls-tree -r -l -z`, then one
//! `git cat-file --batch` by object id).
//!
//! Every git call runs in the repository found from the program folder: the
//! variables that point git at another repository or worktree (`GIT_DIR`,
//! `GIT_WORK_TREE`, …) are removed for it, so `al` never compares the
//! program with another repository's history (see [`command`]). Names are
//! read NUL-separated and blobs by id, so no file name can garble the
//! listing; sizes are asked before any blob is read, so a blob over the
//! file-size limit is named, never read.

use super::unread::Unread;
use crate::error::{Error, Result};
use crate::load::Program;
use crate::model::Date;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The variables that make git use another repository, index or object
/// store than the one found from the folder it runs in. They are removed
/// for every git call: `al` compares the program with the history of the
/// repository that holds it, whatever the environment says (a hook, a
/// dotfiles set-up or a stray export).
const REPOSITORY_VARIABLES: [&str; 7] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
];

/// A git command run in `root`, with [`REPOSITORY_VARIABLES`] removed.
fn command(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(root);
    for v in REPOSITORY_VARIABLES {
        c.env_remove(v);
    }
    c
}

fn cannot_run(e: &std::io::Error) -> Error {
    Error::Invalid(crate::both!(
        "无法运行 git（{e}）；`--since` 和 `al diff` 需要安装 git",
        "cannot run git ({e}); `--since` and `al diff` need git installed"
    ))
}

pub(super) fn git(root: &Path, args: &[&str]) -> std::result::Result<std::process::Output, Error> {
    command(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| cannot_run(&e))
}

/// A text from outside (a revision as typed, git's message) fit for one
/// line of a message: control characters and line breaks shown as signs.
fn one_line(text: &str) -> String {
    crate::report::visible_controls(text).replace('\n', "\u{240a}")
}

/// Whether a git call succeeded and printed exactly `expected` (trimmed).
fn says(root: &Path, args: &[&str], expected: &str) -> bool {
    git(root, args).is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == expected)
}

/// A version of the program at a git revision.
pub struct Version {
    /// The revision as the user wrote it.
    pub rev: String,
    /// Its commit id.
    pub commit: String,
    /// Its commit date.
    pub date: Option<Date>,
    /// The program at that revision (empty when it did not exist), from
    /// the files that could be read.
    pub program: Program,
    /// Whether the program folder existed at that revision.
    pub existed: bool,
    /// The program's files (or folders) at that revision that were not
    /// read: submodules, links, Git LFS pointers, blobs over the size limit
    /// or not UTF-8 — by path inside the program (`.` for the folder itself).
    pub unread: Vec<(String, Unread)>,
}

/// Where a program folder sits in its repository.
pub struct Located {
    /// The repository's top folder.
    pub root: PathBuf,
    /// The program folder relative to it, `/`-separated ("" for the top).
    pub rel: String,
}

/// Finds the git repository holding `dir` (see [`REPOSITORY_VARIABLES`]).
pub fn locate(dir: &Path) -> Result<Located> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Err(not_in_repository(dir, &out.stderr));
    }
    let root = path_of(out.stdout.strip_suffix(b"\n").unwrap_or(&out.stdout));
    let abs_dir = fs_err::canonicalize(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let abs_root = fs_err::canonicalize(&root).unwrap_or(root.clone());
    // The repository found must hold the program: never compare another folder.
    let Ok(rel) = abs_dir.strip_prefix(&abs_root) else {
        let (dir, root) = (dir.display(), abs_root.display());
        return Err(Error::Invalid(crate::both!(
            "`{dir}` 不在 git 找到的仓库 `{root}` 的工作区中；无法读取它的旧版本",
            "`{dir}` is not inside the worktree of the repository git found (`{root}`); its older versions cannot be read"
        )));
    };
    let rel = rel.to_string_lossy().replace('\\', "/");
    Ok(Located { root: abs_root, rel })
}

/// A path as git prints it: its bytes as they are on Unix (a folder name
/// need not be UTF-8), else as text.
fn path_of(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).trim())
    }
}

/// The error for a folder that is not in a git repository: git's own
/// reason when it gives another one (a repository owned by someone else),
/// and a word on the variables that were set and ignored.
fn not_in_repository(dir: &Path, stderr: &[u8]) -> Error {
    let dir = dir.display();
    let reason = String::from_utf8_lossy(stderr)
        .lines()
        .map(|l| l.trim_start_matches("fatal: ").trim().to_string())
        .find(|l| !l.is_empty() && !l.starts_with("not a git repository"))
        .map(|l| one_line(&l));
    let (mut zh, mut en) = match reason {
        Some(why) => (format!("；git 说：{why}"), format!("; git says: {why}")),
        None => (String::new(), String::new()),
    };
    let set: Vec<&str> = REPOSITORY_VARIABLES
        .iter()
        .copied()
        .filter(|v| std::env::var_os(v).is_some())
        .collect();
    if !set.is_empty() {
        let set = set.join(", ");
        zh.push_str(&format!(
            "（环境变量 {set} 已设置，但 al 不使用它们：仓库总是从项目文件夹查找）"
        ));
        en.push_str(&format!(
            " ({set} is set, but al does not use it: the repository is always found from the program folder)"
        ));
    }
    Error::Invalid(crate::both!(
        "`{dir}` 不在 git 仓库中；`--since` 和 `al diff` 从 git 读取旧版本{zh}",
        "`{dir}` is not inside a git repository; `--since` and `al diff` read older versions from git{en}"
    ))
}

/// The commit `rev` names, or why there is none: no commit at all yet, a
/// shallow clone without that part of the history, or an unknown name.
fn resolve(loc: &Located, rev: &str) -> Result<String> {
    let spec = format!("{rev}^{{commit}}");
    let out = git(
        &loc.root,
        &["rev-parse", "--verify", "--quiet", "--end-of-options", &spec],
    )?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    let root = loc.root.display();
    let rev = one_line(rev);
    if !git(&loc.root, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])?
        .status
        .success()
    {
        return Err(Error::Invalid(crate::both!(
            "`{root}` 的仓库（当前分支）还没有任何提交，因此没有版本 `{rev}`：请先提交项目（git add、git commit），再与旧版本比较",
            "the repository at `{root}` has no commits yet (on its current branch), so there is no revision `{rev}`: commit the program first (git add, git commit), then compare with an older version"
        )));
    }
    if says(&loc.root, &["rev-parse", "--is-shallow-repository"], "true") {
        return Err(Error::Invalid(crate::both!(
            "`{root}` 的仓库中没有版本 `{rev}`：这是浅克隆（shallow clone），只含最近的历史。请取得完整历史：在 GitHub Actions 的 actions/checkout 中设置 `fetch-depth: 0`，或运行 `git fetch --unshallow`",
            "unknown revision `{rev}` in the repository at `{root}`: it is a shallow clone, which holds only the latest history; fetch the whole history (`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)"
        )));
    }
    Err(Error::Invalid(crate::both!(
        "`{root}` 的仓库中没有版本 `{rev}`",
        "unknown revision `{rev}` in the repository at `{root}`"
    )))
}

/// Reads the program as it was at `rev`, with the default file-size limit.
pub fn at_revision(loc: &Located, rev: &str, display: &str) -> Result<Version> {
    at_revision_with(loc, rev, display, crate::load::MAX_FILE_BYTES)
}

/// Reads the program as it was at `rev`; a blob over `max_file_bytes`
/// (al.toml's `[limits] max_file_bytes`) is named, not read.
pub fn at_revision_with(loc: &Located, rev: &str, display: &str, max_file_bytes: u64) -> Result<Version> {
    let commit = resolve(loc, rev)?;
    let date = git(&loc.root, &["show", "-s", "--format=%cs", &commit])
        .ok()
        .and_then(|o| crate::dates::parse_date(String::from_utf8_lossy(&o.stdout).trim()).ok());
    let entries = tree(loc, &commit)?;
    let existed = crate::layout::names_make_program(entries.iter().map(|e| e.rel.as_str()))
        || entries.iter().any(|e| e.rel == "." && e.kind == "commit");
    let mut unread = Vec::new();
    let mut wanted = Vec::new();
    for e in entries {
        match e.unread(max_file_bytes) {
            Some(why) => unread.push((e.rel, why)),
            None if e.rel != "." => wanted.push(e),
            None => {}
        }
    }
    let ids: Vec<String> = wanted.iter().map(|e| e.oid.clone()).collect();
    let mut files = Vec::new();
    for (e, blob) in wanted.into_iter().zip(cat_objects(loc, &ids, max_file_bytes)?) {
        match blob {
            Some(Ok(text)) => files.push((e.rel, text)),
            Some(Err(why)) => unread.push((e.rel, why)),
            None => {}
        }
    }
    let program = if existed {
        let mut p = crate::load::program_from_texts(display, &files);
        p.max_file_bytes = max_file_bytes;
        p
    } else {
        Program::empty(display)
    };
    unread.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Version {
        rev: rev.to_string(),
        commit,
        date,
        program,
        existed,
        unread,
    })
}

/// One entry of the program's tree at a revision (`git ls-tree -r -l -z`).
#[derive(Debug, PartialEq)]
struct Entry {
    /// Its mode (`100644`, `120000` for a link, `160000` for a submodule).
    mode: String,
    /// Its type (`blob`, `commit` for a submodule).
    kind: String,
    /// Its object id.
    oid: String,
    /// Its size in bytes (`None` for a submodule).
    size: Option<u64>,
    /// Its path inside the program (`.` for the program folder itself).
    rel: String,
}

impl Entry {
    /// Why it is not read as a file of the program, before reading it.
    fn unread(&self, max_file_bytes: u64) -> Option<Unread> {
        if self.kind == "commit" || self.mode == "160000" {
            return Some(Unread::Submodule);
        }
        if self.mode == "120000" {
            return Some(Unread::Link);
        }
        match self.size {
            Some(bytes) if bytes > max_file_bytes => Some(Unread::Problem(crate::yaml::What::TooLarge {
                bytes,
                limit: max_file_bytes,
            })),
            _ => None,
        }
    }
}

/// The entries of the program folder at `commit` that matter: the files of
/// the program (by [`crate::layout::FileKind::of_rel`]), and submodules
/// that stand where its files or folders would be.
fn tree(loc: &Located, commit: &str) -> Result<Vec<Entry>> {
    let mut args = vec!["--literal-pathspecs", "ls-tree", "-r", "-l", "-z", commit];
    if !loc.rel.is_empty() {
        args.push("--");
        args.push(loc.rel.as_str());
    }
    let out = git(&loc.root, &args)?;
    if !out.status.success() {
        let commit = commit.chars().take(12).collect::<String>();
        return Err(Error::Invalid(crate::both!(
            "git 无法列出版本 {commit} 中的文件",
            "git could not list the files of revision {commit}"
        )));
    }
    Ok(parse_tree(&out.stdout, &loc.rel)
        .into_iter()
        .filter(|e| {
            let program_file = crate::layout::FileKind::of_rel(&e.rel).is_some_and(|k| k.spec().loaded);
            program_file || (e.kind == "commit" && holds_program_files(&e.rel))
        })
        .collect())
}

/// Whether a submodule at `rel` stands where files of the program would
/// be: the program folder itself, one of its folders of files, or a file.
fn holds_program_files(rel: &str) -> bool {
    use crate::layout::{FileKind, Place};
    rel == "."
        || FileKind::program_files().any(|k| match k.spec().place {
            Place::File(name) => rel == name,
            Place::Folder(dir) => rel == dir || rel.strip_prefix(dir).is_some_and(|r| r.starts_with('/')),
        })
}

/// Reads `git ls-tree -r -l -z` output: `MODE TYPE OID SIZE\tPATH\0` per
/// entry. Paths are taken relative to the program folder `rel`; entries
/// outside it are left out. Paths are bytes: one that is not UTF-8 is
/// shown with replacement characters.
fn parse_tree(out: &[u8], rel: &str) -> Vec<Entry> {
    let prefix = if rel.is_empty() {
        String::new()
    } else {
        format!("{rel}/")
    };
    let mut entries = Vec::new();
    for record in out.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let Some(tab) = record.iter().position(|b| *b == b'\t') else {
            continue;
        };
        let meta = String::from_utf8_lossy(&record[..tab]);
        let path = String::from_utf8_lossy(&record[tab + 1..]);
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let [mode, kind, oid, size] = fields.as_slice() else {
            continue;
        };
        let inside = if !rel.is_empty() && path == rel {
            Some(".".to_string())
        } else {
            path.strip_prefix(&prefix).map(str::to_string)
        };
        let Some(inside) = inside else { continue };
        entries.push(Entry {
            mode: (*mode).to_string(),
            kind: (*kind).to_string(),
            oid: (*oid).to_string(),
            size: size.parse().ok(),
            rel: inside,
        });
    }
    entries
}

/// A blob read from git: its text, or why it cannot be used as a file.
pub(super) type Blob = std::result::Result<String, Unread>;

/// Reads many objects (blob ids) through one `git cat-file --batch`: in
/// the same order, each blob's text (or why it is not usable: over
/// `max_bytes` — skipped unread, whatever git announced before —, not
/// UTF-8, a Git LFS pointer), `None` for one that is missing.
pub(super) fn cat_objects(loc: &Located, objects: &[String], max_bytes: u64) -> Result<Vec<Option<Blob>>> {
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    let failed = |e: std::io::Error| {
        Error::Invalid(crate::both!("git cat-file 失败：{e}", "git cat-file failed: {e}"))
    };
    let mut child = command(&loc.root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| cannot_run(&e))?;
    let mut input = String::new();
    for o in objects {
        // Object ids only: one line each, no name that could hold a line break.
        input.push_str(o.lines().next().unwrap_or(""));
        input.push('\n');
    }
    let writer = child.stdin.take().map(|mut stdin| {
        // Written from another thread so that a large batch cannot deadlock on full pipes.
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        })
    });
    let blobs = match child.stdout.take() {
        Some(stdout) => read_batch(std::io::BufReader::new(stdout), objects.len(), max_bytes),
        None => Ok(Vec::new()),
    };
    let _ = child.kill();
    let _ = child.wait();
    if let Some(w) = writer {
        let _ = w.join();
    }
    let mut blobs = blobs.map_err(failed)?;
    blobs.resize_with(objects.len(), || None);
    Ok(blobs)
}

/// Reads `count` answers of `git cat-file --batch`: `OID TYPE SIZE\n`, the
/// content and a line feed, or `NAME missing\n`. Content over `max_bytes`
/// is read past in small pieces, never held.
fn read_batch(mut out: impl BufRead, count: usize, max_bytes: u64) -> std::io::Result<Vec<Option<Blob>>> {
    let mut blobs = Vec::with_capacity(count);
    let mut header = Vec::new();
    for _ in 0..count {
        header.clear();
        if out.read_until(b'\n', &mut header)? == 0 {
            break;
        }
        let header = String::from_utf8_lossy(&header);
        let fields: Vec<&str> = header.split_whitespace().collect();
        let Some(size) = fields.get(2).and_then(|s| s.parse::<u64>().ok()) else {
            blobs.push(None); // missing, ambiguous: no content follows
            continue;
        };
        if size > max_bytes {
            std::io::copy(&mut (&mut out).take(size.saturating_add(1)), &mut std::io::sink())?;
            blobs.push(Some(Err(Unread::Problem(crate::yaml::What::TooLarge {
                bytes: size,
                limit: max_bytes,
            }))));
            continue;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        (&mut out).take(size).read_to_end(&mut bytes)?;
        let mut newline = [0u8; 1];
        out.read_exact(&mut newline)?;
        blobs.push((fields.get(1) == Some(&"blob")).then(|| decode(bytes)));
    }
    Ok(blobs)
}

/// A blob's bytes as the text of a program file: UTF-8, and not a Git LFS
/// pointer (whose content is not in the repository).
fn decode(bytes: Vec<u8>) -> Blob {
    match String::from_utf8(bytes) {
        Ok(text) if is_lfs_pointer(&text) => Err(Unread::LfsPointer),
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let loc = crate::source::loc_of_bytes(&good, valid..valid);
            Err(Unread::Problem(crate::yaml::What::NotUtf8 {
                line: loc.line,
                column: loc.column,
            }))
        }
    }
}

/// Whether a text is a Git LFS pointer file: its first line names the
/// pointer format's specification, and it gives the content's `oid`.
fn is_lfs_pointer(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    let spec = first.starts_with("version https://git-lfs.github.com/spec/")
        || first.starts_with("version https://hawser.github.com/spec/");
    spec && text.len() < 1024 && text.lines().any(|l| l.starts_with("oid "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_entries_are_split_on_nul_only() {
        let oid = "a".repeat(40);
        let out = format!(
            "100644 blob {oid}      12\tp/sessions/a\nb.yaml\0160000 commit {oid}       -\tp/subtopics\0100644 blob {oid}  3\tpx/topic.yaml\0160000 commit {oid} -\tp\0"
        );
        let entries = parse_tree(out.as_bytes(), "p");
        let seen: Vec<(&str, Option<u64>)> = entries.iter().map(|e| (e.rel.as_str(), e.size)).collect();
        assert_eq!(
            seen,
            [("sessions/a\nb.yaml", Some(12)), ("subtopics", None), (".", None)]
        );
        assert_eq!(entries[1].unread(10), Some(Unread::Submodule));
        assert!(matches!(
            entries[0].unread(10),
            Some(Unread::Problem(crate::yaml::What::TooLarge {
                bytes: 12,
                limit: 10
            }))
        ));
        assert!(holds_program_files("subtopics") && holds_program_files("sessions/2026"));
        assert!(!holds_program_files("vendor"));
    }

    #[test]
    fn a_batch_skips_what_is_too_large_and_names_what_is_not_text() {
        let batch =
            b"o1 blob 5\nab: 1\no2 blob 12\n0123456789ab\no3 missing\no4 blob 3\na\xffb\no5 blob 4\nx: 2\n";
        let blobs = read_batch(&batch[..], 6, 10).expect("read");
        assert_eq!(blobs.len(), 5);
        assert_eq!(blobs[0], Some(Ok("ab: 1".to_string())));
        assert!(matches!(
            blobs[1],
            Some(Err(Unread::Problem(crate::yaml::What::TooLarge { .. })))
        ));
        assert_eq!(blobs[2], None);
        assert_eq!(
            blobs[3],
            Some(Err(Unread::Problem(crate::yaml::What::NotUtf8 {
                line: 1,
                column: 2
            })))
        );
        assert_eq!(blobs[4], Some(Ok("x: 2".to_string())));
    }

    #[test]
    fn lfs_pointers_are_told_from_yaml() {
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n";
        assert_eq!(decode(pointer.as_bytes().to_vec()), Err(Unread::LfsPointer));
        assert!(decode(b"version: https://git-lfs.github.com/spec/v1\n".to_vec()).is_ok());
    }
}
