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

/// Writes `text` to `path` atomically: a temporary file in the same folder,
/// renamed over the target only once it is complete.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let err = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".al-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(text.as_bytes()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
