//! The program's own templates (`templates/*.tera`), read only when the
//! document being rendered uses them: the document's template and every
//! template named (in quotes: `include`, `extends`, `import`) by one that is
//! used, built-in or not. Each is read as every file of a program is read —
//! never through a link out of the program, never a pipe, at most
//! [`MAX_TEMPLATE_BYTES`] — and a template that cannot be read is an error
//! naming it.

use crate::error::{Error, Result};
use crate::files::{Leads, ReadFail, Root};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The most a template file may hold: 1 MiB (the largest built-in one is
/// under 30 KB).
pub(crate) const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// A program's `templates/` folder: the names of its `*.tera` files, none
/// read yet.
#[derive(Clone, Debug)]
pub(crate) struct Overrides {
    /// The folder as given (`prog/templates`), for messages and reading.
    dir: PathBuf,
    /// The program folder, which links must stay inside.
    root: Root,
    /// The names of its `*.tera` entries, sorted.
    names: BTreeSet<String>,
}

/// The overrides in `dir` (a program's `templates/`): `None` when there is
/// no such folder. A folder that is a link out of the program, or cannot
/// be read, is an error naming it.
pub(crate) fn list(dir: &Path) -> Result<Option<Overrides>> {
    let program = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = Root::of(program);
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => match root.leads(dir) {
            Leads::Inside(real) if real.is_dir() => {}
            Leads::Inside(_) => return Ok(None),
            Leads::Outside => return Err(link_out(dir)),
            Leads::Broken(e) => return Err(io(dir, e)),
        },
        Ok(m) if m.is_dir() => {}
        _ => return Ok(None),
    }
    if crate::files::denied_by_seam(dir) {
        return Err(io(dir, std::io::ErrorKind::PermissionDenied.into()));
    }
    let names = fs_err::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tera"))
        .collect();
    Ok(Some(Overrides {
        dir: dir.to_path_buf(),
        root,
        names,
    }))
}

impl Overrides {
    /// The overrides the template `name` uses, read, as (name, text): it
    /// and, one after the other, every template named by one used
    /// (`builtin` gives the built-in text of a name that is not overridden).
    pub(crate) fn used(&self, name: &str, builtin: &[(&str, &str)]) -> Result<Vec<(String, String)>> {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut todo = vec![name.to_string()];
        let mut read = Vec::new();
        while let Some(name) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let text = if self.names.contains(&name) {
                let text = self.read(&name)?;
                read.push((name.clone(), text));
                read.last().map(|(_, t)| t.as_str()).unwrap_or_default()
            } else {
                match builtin.iter().find(|(n, _)| *n == name) {
                    Some((_, t)) => *t,
                    None => continue,
                }
            };
            todo.extend(
                named(text)
                    .into_iter()
                    .filter(|n| !seen.contains(*n))
                    .map(str::to_string),
            );
        }
        Ok(read)
    }

    /// Reads the override `name`.
    fn read(&self, name: &str) -> Result<String> {
        let path = self.dir.join(name);
        let plain = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        let real = if plain {
            path.clone()
        } else {
            match self.root.leads(&path) {
                Leads::Inside(real) => real,
                Leads::Outside => return Err(link_out(&path)),
                Leads::Broken(e) => return Err(io(&path, e)),
            }
        };
        let bytes = crate::files::read_bounded(&real, MAX_TEMPLATE_BYTES, plain).map_err(|e| {
            let shown = path.display();
            match e {
                ReadFail::Io(e) => io(&path, e),
                ReadFail::Folder => Error::Invalid(crate::both!(
                    "模板 `{shown}` 是文件夹，不是文件",
                    "the template `{shown}` is a folder, not a file"
                )),
                ReadFail::NotRegular => Error::Invalid(crate::both!(
                    "模板 `{shown}` 不是普通文件（而是管道、套接字或设备），未读取",
                    "the template `{shown}` is not a regular file (a pipe, socket or device), so it was not read"
                )),
                ReadFail::TooLarge(_) => Error::Invalid(crate::both!(
                    "模板 `{shown}` 超过了 {MAX_TEMPLATE_BYTES} 字节（1 MiB）的上限，未读取",
                    "the template `{shown}` is over the limit of {MAX_TEMPLATE_BYTES} bytes (1 MiB), so it was not read"
                )),
            }
        })?;
        String::from_utf8(bytes).map_err(|_| {
            let shown = path.display();
            Error::Invalid(crate::both!(
                "模板 `{shown}` 不是有效的 UTF-8 编码：请以 UTF-8 保存",
                "the template `{shown}` is not valid UTF-8: save it as UTF-8"
            ))
        })
    }
}

/// The template names a template's text gives in quotes (`"x.tera"`,
/// `'x.tera'`): what it may include, extend or import.
fn named(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (end, _) in text.match_indices(".tera") {
        let after = end + ".tera".len();
        let Some(quote) = text[after..].chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let Some(start) = text[..end].rfind(quote) else {
            continue;
        };
        let name = &text[start + 1..after];
        if !name.is_empty() && name.len() <= 255 && !name.contains(['\n', '/', '\\', '"', '\'']) {
            out.push(name);
        }
    }
    out
}

/// The error for a template, or the templates folder, that is a link out.
fn link_out(path: &Path) -> Error {
    let shown = path.display();
    Error::Invalid(crate::both!(
        "`{shown}` 是指向项目文件夹之外（或 .git 之内）的链接；al 不跟随这样的链接，未读取：请把所指的文件复制到项目中代替链接，或删除链接",
        "`{shown}` is a link to outside the program folder (or into .git); al does not follow it, so it was not read: put a copy of the file in the program instead of the link, or remove the link"
    ))
}

/// The error for a template, or the templates folder, that cannot be read.
fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::named;

    #[test]
    fn names_in_quotes_are_found() {
        let text = "{% include \"a.md.tera\" %}{% extends 'b.tera' %} x.tera \"c d\".tera \"../e.tera\"";
        assert_eq!(named(text), vec!["a.md.tera", "b.tera"]);
    }
}
