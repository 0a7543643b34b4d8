//! Every write `al` makes goes through here: new files that never replace
//! an existing one, and atomic replacement of an output file. And the one
//! way a file a program holds is read: never through a link that leads out
//! of the program ([`Root`]), never blocking on a pipe, never more than a
//! limit of bytes whatever the file's size says ([`read_bounded`]).

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

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

/// The flags `open` is given when reading: do not block (a pipe swapped in
/// after the folder walk opens at once, and its type is then refused), and
/// do not follow a link in the last place of the path — the C library's
/// own values. On a system without them they are 0 and the type is asked
/// before opening instead.
mod flags {
    #[cfg(unix)]
    pub(super) const NONBLOCK_NOFOLLOW: (i32, i32) = (libc::O_NONBLOCK, libc::O_NOFOLLOW);
    #[cfg(not(unix))]
    pub(super) const NONBLOCK_NOFOLLOW: (i32, i32) = (0, 0);
}

/// Why [`read_bounded`] gives no bytes.
#[derive(Debug)]
pub(crate) enum ReadFail {
    /// Opening or reading failed (not found, permission denied, a loop of
    /// links, or a link met where none was expected).
    Io(std::io::Error),
    /// It is a folder.
    Folder,
    /// It is a pipe, socket or device: never read (it could block or never end).
    NotRegular,
    /// It is over the limit: the size the file system gives, or `None` when
    /// the file held more bytes than its size said (`/proc` files say 0).
    TooLarge(Option<u64>),
}

/// Reads the regular file at `path`: at most `limit` bytes are ever read,
/// whatever its size says. It is opened without blocking and the type of
/// the opened handle is checked (not what a walk saw before: a file
/// swapped for a pipe since is refused, not waited on). `no_link`: a link
/// in the last place of `path` is refused (the caller saw a plain file
/// there, or resolved the path itself); otherwise the type is asked before
/// opening, so that a pipe or a device is never opened.
pub(crate) fn read_bounded(path: &Path, limit: u64, no_link: bool) -> std::result::Result<Vec<u8>, ReadFail> {
    let (nonblock, nofollow) = flags::NONBLOCK_NOFOLLOW;
    if !no_link || nonblock == 0 {
        let meta = std::fs::metadata(path).map_err(ReadFail::Io)?;
        file_kind_ok(&meta, limit)?;
    }
    if denied_by_seam(path) {
        return Err(ReadFail::Io(std::io::ErrorKind::PermissionDenied.into()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(nonblock | if no_link { nofollow } else { 0 });
    }
    let file = options.open(path).map_err(ReadFail::Io)?;
    let meta = file.metadata().map_err(ReadFail::Io)?;
    file_kind_ok(&meta, limit)?;
    let capacity = usize::try_from(meta.len().min(limit))
        .unwrap_or(0)
        .saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFail::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFail::TooLarge(None));
    }
    Ok(bytes)
}

/// Refuses what is not a regular file within the size limit.
fn file_kind_ok(meta: &std::fs::Metadata, limit: u64) -> std::result::Result<(), ReadFail> {
    if meta.is_dir() {
        Err(ReadFail::Folder)
    } else if !meta.is_file() {
        Err(ReadFail::NotRegular)
    } else if meta.len() > limit {
        Err(ReadFail::TooLarge(Some(meta.len())))
    } else {
        Ok(())
    }
}

/// A test seam, in debug builds only: with `AL_DEBUG_NOT_ROOT` set, a file
/// or folder that nobody may read (mode `000`) is refused as the system
/// refuses it to anyone but root — the test suite may run as root, who
/// reads everything. Release builds never look.
pub(crate) fn denied_by_seam(path: &Path) -> bool {
    #[cfg(all(debug_assertions, unix))]
    {
        use std::os::unix::fs::PermissionsExt;
        static SEAM: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        if *SEAM.get_or_init(|| std::env::var_os("AL_DEBUG_NOT_ROOT").is_some()) {
            return std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o444 == 0);
        }
    }
    let _ = path;
    false
}

/// The folder links must stay inside (a program folder, or the folder that
/// holds an al.toml), resolved: every link is followed to its end and the
/// end must lie inside it, and not inside a `.git` folder, which is never
/// part of a program (it holds a checkout's credentials).
#[derive(Clone, Debug, Default)]
pub(crate) struct Root(Option<PathBuf>);

/// Where a path leads, seen from a [`Root`].
#[derive(Debug)]
pub(crate) enum Leads {
    /// Inside; the resolved path, with no link left in it.
    Inside(PathBuf),
    /// Outside (or into `.git`): it is not read.
    Outside,
    /// Nowhere: a link to nothing, a loop, a folder that cannot be entered.
    Broken(std::io::Error),
}

impl Root {
    /// The root at `dir` (resolved; when it cannot be, every link leads out).
    pub(crate) fn of(dir: &Path) -> Root {
        Root(std::fs::canonicalize(dir).ok())
    }

    /// Whether the resolved path `real` lies inside.
    fn holds(&self, real: &Path) -> bool {
        let Some(root) = &self.0 else { return false };
        real.strip_prefix(root)
            .is_ok_and(|rel| !rel.components().any(|c| c.as_os_str() == ".git"))
    }

    /// Where `path` leads: every link in it followed. A link to nothing is
    /// judged by where it points (so that whether something exists outside
    /// the program is never told).
    pub(crate) fn leads(&self, path: &Path) -> Leads {
        match std::fs::canonicalize(path) {
            Ok(real) if self.holds(&real) => Leads::Inside(real),
            Ok(_) => Leads::Outside,
            Err(_) if self.points_out(path) => Leads::Outside,
            Err(e) => Leads::Broken(e),
        }
    }

    /// Whether `path` is a link whose target, read as written (not
    /// followed), lies outside.
    fn points_out(&self, path: &Path) -> bool {
        let Ok(target) = std::fs::read_link(path) else {
            return false;
        };
        let base = path
            .parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .unwrap_or_default();
        let mut out = PathBuf::new();
        for c in base.join(target).components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        !self.holds(&out)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::{ReadFail, read_bounded};

    #[test]
    fn a_file_that_says_it_is_empty_is_still_read_within_the_limit() {
        // Files of /proc say their size is 0 and hold more.
        let status = std::path::Path::new("/proc/self/status");
        if !status.exists() {
            return;
        }
        assert!(matches!(
            read_bounded(status, 16, true),
            Err(ReadFail::TooLarge(None))
        ));
        assert!(read_bounded(status, 1 << 20, true).is_ok_and(|b| b.len() > 16));
    }

    #[test]
    fn a_pipe_is_refused_without_waiting_for_a_writer() {
        let tmp = tempfile::tempdir().expect("tmp");
        let fifo = tmp.path().join("x.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        // As when a walk saw a regular file that became a pipe since: no
        // question asked before opening; the opened handle is refused.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(matches!(
                read_bounded(&fifo, 100, true),
                Err(ReadFail::NotRegular)
            ));
        });
        let refused = rx.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(refused, Ok(true), "reading a pipe blocked or was not refused");
    }
}
