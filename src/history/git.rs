//! Reading a program from git: the repository, a revision, and the files of
//! the program folder at that revision through one `git cat-file --batch`.

use crate::error::{Error, Result};
use crate::load::Program;
use crate::model::Date;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub(super) fn git(root: &Path, args: &[&str]) -> std::result::Result<std::process::Output, Error> {
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
    let objects: Vec<String> = names.iter().map(|n| format!("{commit}:{prefix}{n}")).collect();
    let texts = cat_objects(loc, &objects)?;
    Ok(names
        .iter()
        .zip(texts)
        .filter_map(|(n, t)| Some((n.clone(), t?)))
        .collect())
}

/// Reads many objects (`COMMIT:PATH` or blob ids) through one
/// `git cat-file --batch`: their texts in the same order, `None` for one
/// that is missing.
pub(super) fn cat_objects(loc: &Located, objects: &[String]) -> Result<Vec<Option<String>>> {
    if objects.is_empty() {
        return Ok(Vec::new());
    }
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
    for o in objects {
        input.push_str(o);
        input.push('\n');
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
    let mut texts = Vec::new();
    let mut at = 0;
    for _ in objects {
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
            texts.push(None);
            continue;
        }
        texts.push(Some(String::from_utf8_lossy(&data[at..at + size]).into_owned()));
        at += size + 1;
    }
    texts.resize(objects.len(), None);
    Ok(texts)
}
