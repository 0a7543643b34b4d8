//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test crate uses its own subset

use std::fs;
use std::path::{Path, PathBuf};

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Replaces the first `from` in a file with `to`; the file must contain it.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// A copy of a clean program (`prog`) in a temp folder that is its own git
/// root, so that no al.toml above it applies.
pub fn program(tmp: &tempfile::TempDir) -> PathBuf {
    fs::create_dir_all(tmp.path().join(".git")).expect("git marker");
    let dir = tmp.path().join("prog");
    copy_dir(Path::new("tests/fixtures/AL201/pass"), &dir);
    dir
}

/// Makes the fixture program's group `g1` one member short (3 of the minimum
/// 4): `chen` leaves the program before it starts and the group.
pub fn shrink_group(dir: &Path) {
    edit(
        &dir.join("team.yaml"),
        "members: [zhang, li, wang, chen]",
        "members: [zhang, li, wang]",
    );
    edit(
        &dir.join("team.yaml"),
        "id: chen, name: 陈静, department: 研发中心, level: 员工, consent: 2026-02-20",
        "id: chen, name: 陈静, department: 研发中心, level: 员工, consent: 2026-02-20, left: 2026-02-25",
    );
}

/// The files of a program folder, in memory, as (path inside it, text):
/// for `al::load::program_from_texts` and variations on a program. Hidden
/// files (a fixture's `.today`) are left out.
pub fn texts(dir: impl AsRef<Path>) -> Vec<(String, String)> {
    let dir = dir.as_ref();
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("entry");
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, fs::read_to_string(entry.path()).expect("read")));
        }
    }
    out
}

/// Runs git in `dir` with a fixed author and date; it must succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_AUTHOR_DATE", "2026-09-01T10:00:00+08:00")
        .env("GIT_COMMITTER_DATE", "2026-09-01T10:00:00+08:00")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `al` in `dir` as a user would (no colour, not in GitHub Actions):
/// (exit code, stdout, stderr).
pub fn al(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("al")
        .expect("bin")
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the talent-retention example as `tr` in `tmp`, beside a `.git`
/// marker (so that nothing above the temporary folder is taken for its
/// repository); returns the program folder.
#[allow(dead_code)]
pub fn example_copy(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    fs::create_dir_all(tmp.path().join(".git")).expect("git marker");
    let dir = tmp.path().join("tr");
    copy_dir(Path::new("examples/talent-retention"), &dir);
    dir
}

/// A program read from the files of `dir` after `edit` changed them (path
/// inside the program, text; a file left empty is dropped), and the agenda
/// of its session file `session` at 2026-09-30 in `lang`: its context and
/// the Markdown rendered from it.
pub fn agenda_of(
    dir: &str,
    session: &str,
    lang: al::config::Lang,
    edit: impl Fn(&str, &mut String),
) -> (serde_json::Value, String) {
    let mut files = texts(dir);
    for (rel, text) in &mut files {
        edit(rel, text);
    }
    files.retain(|(_, text)| !text.is_empty());
    let program = al::load::program_from_texts("p", &files);
    let index = program
        .sessions
        .iter()
        .position(|s| program.files[s.file].rel == session)
        .expect("the session");
    let today = al::dates::parse_date("2026-09-30").expect("date");
    let ctx = al::report::agenda::context(&program, index, lang, today);
    let engine = al::report::engine(lang, None).expect("engine");
    let text = al::report::render(&engine, "agenda.md.tera", &ctx, None).expect("renders");
    (ctx, text)
}

/// Two text fields of every entry of a JSON list, as pairs (a missing
/// field as empty text): `pairs(&v["notes"], "file", "message")`.
pub fn pairs(list: &serde_json::Value, a: &str, b: &str) -> Vec<(String, String)> {
    let text = |e: &serde_json::Value, k: &str| e[k].as_str().unwrap_or("").to_string();
    list.as_array()
        .expect("a list")
        .iter()
        .map(|e| (text(e, a), text(e, b)))
        .collect()
}
