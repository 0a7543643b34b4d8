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

/// Writes `text` to `path`. A file that exists is replaced atomically: a
/// temporary file in the same folder, given the replaced file's
/// permissions, renamed over it only once it is complete. A new file is
/// created as any program creates one (its mode follows the umask) and
/// removed again if writing it fails, so that nothing half-written is left.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let err = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    match fs_err::metadata(path) {
        Ok(meta) if meta.is_file() => replace(path, text, meta.permissions()).map_err(err),
        _ => create(path, text).map_err(err),
    }
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
