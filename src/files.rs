//! Every write `al` makes goes through here: new files that never replace
//! an existing one, and atomic replacement of an output file.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Creates `path` (and its folders) with `text`; refuses when it exists.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<()> {
    let err = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    if let Some(parent) = path.parent() {
        fs_err::create_dir_all(parent).map_err(err)?;
    }
    let mut f = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                let path = path.display();
                Error::Invalid(crate::both!(
                    "`{path}` 已经存在；没有写入任何内容（al 从不覆盖已有文件）",
                    "`{path}` already exists; nothing was written (al never overwrites a file)"
                ))
            } else {
                err(e)
            }
        })?;
    f.write_all(text.as_bytes()).map_err(err)
}

/// Writes a document to `path` (`-o FILE`), as the user asked:
/// - a file of a program (a kind of the layout, a template, an al.toml) is
///   refused: `al` never writes over its own inputs;
/// - a regular file is replaced atomically: a temporary file in the same
///   folder, given the replaced file's permissions, renamed over it;
/// - through a link, its regular target is replaced and the link kept;
/// - a FIFO or a device (`/dev/stdout`) is written into as it is;
/// - a new file is created as any program creates one (its mode follows the
///   umask) and removed again if writing it fails.
///
/// Messages name the path the user gave, never a temporary file.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let err = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    refuse_program_file(path)?;
    match fs_err::metadata(path) {
        Ok(meta) if meta.is_file() => {
            // Through a link: replace its target, keep the link.
            let target = std::fs::canonicalize(path).map_err(err)?;
            replace(&target, text, meta.permissions()).map_err(err)
        }
        Ok(meta) if meta.is_dir() => Err(err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder",
        ))),
        Ok(_) => write_into(path, text).map_err(err),
        Err(_) => create(path, text).map_err(err),
    }
}

/// Writes into something that is not a regular file (a FIFO, a device) as
/// it is: it is never replaced.
fn write_into(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = fs_err::OpenOptions::new().write(true).open(path)?;
    f.write_all(text.as_bytes())?;
    f.flush()
}

/// Refuses an output path that is one of a program's own files: a file of
/// any kind of the layout, a template (`templates/…`) or an al.toml, in the
/// nearest program folder above it.
fn refuse_program_file(path: &Path) -> Result<()> {
    let refuse = || {
        let shown = path.display();
        Err(Error::Invalid(crate::both!(
            "`{shown}` 是项目自己的文件；al 不会用输出覆盖它：请为 `-o` 另选一个文件名",
            "`{shown}` is one of the program's own files; al never writes output over it: choose another name for `-o`"
        )))
    };
    if path.file_name().is_some_and(|n| n == "al.toml") {
        return refuse();
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let real = std::fs::canonicalize(&absolute).unwrap_or(absolute.clone());
    for candidate in [absolute, real] {
        for dir in candidate.ancestors().skip(1) {
            if !crate::layout::is_program(dir) {
                continue;
            }
            let rel = candidate
                .strip_prefix(dir)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if crate::layout::FileKind::of_rel(&rel).is_some() || rel.starts_with("templates/") {
                return refuse();
            }
            break;
        }
    }
    Ok(())
}

/// Creates `path` with `text`; on failure removes what was written.
fn create(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
    if written.is_err() {
        drop(f);
        let _ = fs_err::remove_file(path);
    }
    written
}

/// Replaces the file at `path` with `text`, keeping its permissions.
fn replace(path: &Path, text: &str, permissions: std::fs::Permissions) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".al-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Adds `text` at the end of the file at `path` (created when missing), as
/// GitHub asks for `$GITHUB_STEP_SUMMARY`.
pub(crate) fn append(path: &Path, text: &str) -> Result<()> {
    let err = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let mut f = fs_err::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(err)?;
    f.write_all(text.as_bytes()).map_err(err)
}

/// Writes to standard output. A closed pipe (`al rules | head`) is not an
/// error: the reader has all it wanted. Any other failure (a full disk,
/// `/dev/full`) is: the output is incomplete, so `al` could not run.
pub(crate) fn print_out(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    quiet_if_closed(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// A write to standard output's result, with a closed pipe counted as success.
pub(crate) fn quiet_if_closed(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::WriteOut(e)),
        _ => Ok(()),
    }
}
