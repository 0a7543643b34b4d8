//! File paths as CI tools read them: the `github`, `sarif` and `junit`
//! formats name a file relative to the root of the git repository that
//! holds it, whatever folder `al` was run from and however the path was
//! spelt (`.`, `./x`, `x/./y`, `..`, absolute) — the runner, code scanning
//! and test history all key on that path. A file in no repository is named
//! by its absolute path. `human` and `json` keep the paths as given.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Maps paths as shown to paths from the repository root, remembering each
/// folder's answer (a program's files share a few folders).
#[derive(Debug, Default)]
pub(crate) struct RepoPaths {
    folders: HashMap<String, Place>,
}

/// Where a folder is: inside a repository (its path from the root, empty
/// for the root itself, with the root's absolute path), or outside any.
#[derive(Debug, Clone)]
struct Place {
    path: String,
    root: Option<String>,
}

/// A file's path for CI tools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepoPath {
    /// From the repository root ('/'-separated), else absolute.
    pub path: String,
    /// The repository root's absolute path ('/'-separated, no trailing
    /// '/'), when the file is in a repository.
    pub root: Option<String>,
}

impl RepoPaths {
    /// The path of the file shown as `shown` (as `al` shows it: '/'-separated).
    pub fn of(&mut self, shown: &str) -> RepoPath {
        let (folder, name) = match shown.rfind('/') {
            Some(i) => (&shown[..i], &shown[i + 1..]),
            None => ("", shown),
        };
        let place = self
            .folders
            .entry(folder.to_string())
            .or_insert_with(|| locate(folder))
            .clone();
        let path = match (place.path.as_str(), name) {
            ("", n) => n.to_string(),
            (p, "") => p.to_string(),
            (p, n) if p.ends_with('/') => format!("{p}{n}"),
            (p, n) => format!("{p}/{n}"),
        };
        RepoPath {
            path,
            root: place.root,
        }
    }

    /// Just the path (see [`RepoPaths::of`]).
    pub fn path(&mut self, shown: &str) -> String {
        self.of(shown).path
    }
}

/// Where a folder, as shown, is.
fn locate(folder: &str) -> Place {
    let given = Path::new(if folder.is_empty() { "." } else { folder });
    let abs = absolute(given);
    match abs.ancestors().find(|a| a.join(".git").exists()) {
        Some(root) => Place {
            path: slashes(abs.strip_prefix(root).unwrap_or(Path::new(""))),
            root: Some(slashes(root)),
        },
        None => Place {
            path: slashes(&abs),
            root: None,
        },
    }
}

/// The absolute path of `p` with links resolved as far as it exists, and
/// `.` and `..` taken out of the rest.
fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    // Resolve links on the longest part that exists.
    let mut rest = Vec::new();
    let mut head = out.clone();
    loop {
        if let Ok(real) = std::fs::canonicalize(&head) {
            let mut real = strip_verbatim(real);
            for part in rest.iter().rev() {
                real.push(part);
            }
            return real;
        }
        match (head.file_name().map(|n| n.to_os_string()), head.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                head = parent.to_path_buf();
            }
            _ => return out,
        }
    }
}

/// Windows' `\\?\C:\…` as `C:\…`.
fn strip_verbatim(p: PathBuf) -> PathBuf {
    let text = p.to_string_lossy();
    match text.strip_prefix(r"\\?\") {
        Some(rest) if !rest.starts_with("UNC") => PathBuf::from(rest.to_string()),
        _ => p,
    }
}

/// A path with '/' between its parts.
fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_file_is_the_same_path_from_the_root() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path().join("repo");
        let program = root.join("项目 一");
        std::fs::create_dir_all(root.join(".git")).expect("git");
        std::fs::create_dir_all(program.join("sessions")).expect("program");
        let shown = |p: &Path| slashes(p);
        let mut paths = RepoPaths::default();
        for spelt in [
            format!("{}/team.yaml", shown(&program)),
            format!("{}/./team.yaml", shown(&program)),
            format!("{}/sessions/../team.yaml", shown(&program)),
        ] {
            let got = paths.of(&spelt);
            assert_eq!(got.path, "项目 一/team.yaml", "{spelt}");
            let real_root = slashes(&std::fs::canonicalize(&root).expect("root"));
            assert_eq!(got.root.as_deref(), Some(real_root.as_str()));
        }
        assert_eq!(
            paths.path(&format!("{}/sessions/a.yaml", shown(&program))),
            "项目 一/sessions/a.yaml"
        );
    }

    #[test]
    fn outside_a_repository_a_path_is_absolute() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("p/team.yaml");
        let got = RepoPaths::default().of(&slashes(&file));
        assert_eq!(got.root, None);
        assert!(Path::new(&got.path).is_absolute(), "{}", got.path);
        assert!(got.path.ends_with("/p/team.yaml"), "{}", got.path);
    }
}
