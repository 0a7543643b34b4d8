//! `al diff` and `--since` on hostile or unlucky repositories: file names
//! with line breaks, files broken in the working tree, blobs that are not
//! UTF-8, too large, submodules, Git LFS pointers and links, git variables
//! pointing at another repository, shallow clones and repositories without
//! a commit. Each builds a real git repository in a temporary folder.

mod common;
use common::*;

use std::fs;
use std::path::Path;

/// A repository with the talent-retention example committed once as `tr`.
fn committed() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    copy_dir(Path::new("examples/talent-retention"), &tmp.path().join("tr"));
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["commit", "-q", "-m", "first"]);
    tmp
}

/// Commits everything as it is now.
fn commit(root: &Path, message: &str) {
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", message]);
}

/// `al` with extra environment variables: (exit code, stdout, stderr).
fn al_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> (i32, String, String) {
    let mut cmd = assert_cmd::Command::cargo_bin("al").expect("bin");
    cmd.args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `al diff ARGS --today 2026-09-30 --format json`, parsed.
fn diff_json(root: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--today", "2026-09-30", "--format", "json"]);
    let (code, out, err) = al(root, &all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("json")
}

/// The `what`/`how` of every change.
fn kinds(v: &serde_json::Value) -> Vec<String> {
    v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["what"].as_str().unwrap_or(""),
                c["how"].as_str().unwrap_or("")
            )
        })
        .collect()
}

const MEETING: &str = "kind: group-meeting\ntitle: 换行\ndate: 2026-09-20\ngroups: [g1]\nactions:\n  - { task: 整理访谈, owner: zhou, due: 2026-10-20 }\n";

#[test]
fn a_file_name_with_a_line_break_does_not_garble_the_diff() {
    let tmp = committed();
    let root = tmp.path();
    let name = "2026-09-20-g1\n::error title=x::meeting.yaml";
    fs::write(root.join("tr/sessions").join(name), MEETING).expect("write");
    edit(&root.join("tr/topic.yaml"), "stage: ", "stage: 4 #");
    commit(root, "odd name");
    // Between the revisions: the stage changed, one session with its action added.
    let v = diff_json(root, &["HEAD~1", "HEAD", "tr"]);
    let session = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["what"] == "session")
        .expect("the session is added");
    assert_eq!(session["subject"]["file"], format!("sessions/{name}"));
    assert!(kinds(&v).contains(&"action added".to_string()), "{v}");
    // In Markdown the name stays on its line: no line starts a workflow command.
    let (code, out, err) = al(root, &["diff", "HEAD~1", "HEAD", "tr", "--today", "2026-09-30"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.lines().any(|l| l.starts_with("::")), "{out}");
    // The working tree against HEAD: every file read back, nothing changed.
    let v = diff_json(root, &["HEAD", "tr"]);
    assert_eq!(v["changes"], serde_json::json!([]), "{v}");
    assert_eq!(v["notes"], serde_json::json!([]), "{v}");
}

#[test]
fn a_file_broken_in_the_working_tree_is_named_not_removed() {
    let tmp = committed();
    let root = tmp.path();
    fs::write(root.join("tr/team.yaml"), "people: [broken\n").expect("write");
    let v = diff_json(root, &["HEAD", "tr"]);
    assert_eq!(v["changes"], serde_json::json!([]), "nobody removed: {v}");
    let note = &v["notes"][0];
    assert_eq!(note["kind"], "unreadable-newer", "{v}");
    assert_eq!(note["file"], "team.yaml");
    assert!(
        note["message"]
            .as_str()
            .is_some_and(|m| m.contains("invalid YAML")),
        "{v}"
    );
    let (code, out, err) = al(
        root,
        &["diff", "HEAD", "tr", "--lang", "en", "--today", "2026-09-30"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "> a file that could not be read in the working tree (its changes are not shown): team.yaml:"
        ),
        "{out}"
    );
    assert!(!out.contains("removed"), "{out}");
    let (_, out, _) = al(
        root,
        &["diff", "HEAD", "tr", "--lang", "zh", "--today", "2026-09-30"],
    );
    assert!(
        out.contains("> 工作区中无法读取的文件（未比较其变化）：team.yaml:"),
        "{out}"
    );
    assert!(out.contains("YAML 格式错误"), "the message in Chinese: {out}");
    // Not UTF-8 in the working tree: the place of the first bad byte.
    fs::write(
        root.join("tr/team.yaml"),
        b"people:\n  - { id: w\xffang }\n".as_slice(),
    )
    .expect("write");
    let v = diff_json(root, &["HEAD", "tr"]);
    assert_eq!(v["changes"], serde_json::json!([]), "{v}");
    assert_eq!(
        v["notes"][0]["message"],
        "file is not valid UTF-8 (first bad byte at line 2, column 12)"
    );
    // The same between two revisions.
    commit(root, "broken team");
    let v = diff_json(root, &["HEAD~1", "HEAD", "tr"]);
    assert_eq!(v["changes"], serde_json::json!([]), "{v}");
    assert_eq!(v["notes"][0]["kind"], "unreadable-newer", "{v}");
    assert_eq!(
        (v["notes"][0]["line"].as_u64(), v["notes"][0]["column"].as_u64()),
        (Some(2), Some(12))
    );
    // And in the report's section, in the report's language.
    for (lang, said, not_said) in [
        ("en", "could not be read in the working tree", "不是有效的 UTF-8"),
        ("zh", "不是有效的 UTF-8", "not valid UTF-8"),
    ] {
        let (code, out, err) = al(
            root,
            &[
                "report",
                "tr",
                "--since",
                "HEAD~1",
                "--today",
                "2026-09-30",
                "--lang",
                lang,
            ],
        );
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(said) && !out.contains(not_said), "{lang}: {out}");
    }
}

#[test]
fn a_blob_that_is_not_utf8_is_reported_as_check_does() {
    let tmp = committed();
    let root = tmp.path();
    let file = root.join("tr/sessions/2026-09-14-g1-meeting.yaml");
    let good = fs::read(&file).expect("read");
    let mut bad = b"kind: group-meeting\ntitle: \xe7\xac\xac\xff\n".to_vec();
    bad.extend_from_slice(&good);
    fs::write(&file, &bad).expect("write");
    commit(root, "not utf-8");
    fs::write(&file, &good).expect("write");
    let v = diff_json(root, &["HEAD", "tr"]);
    let note = &v["notes"][0];
    assert_eq!(note["kind"], "unreadable", "{v}");
    assert_eq!(note["file"], "sessions/2026-09-14-g1-meeting.yaml");
    assert_eq!(
        note["message"], "file is not valid UTF-8 (first bad byte at line 2, column 9)",
        "{v}"
    );
    assert_eq!(
        (note["line"].as_u64(), note["column"].as_u64()),
        (Some(2), Some(9))
    );
    // Compared as the working tree has it: not all "added", no U+FFFD.
    assert_eq!(v["changes"], serde_json::json!([]), "{v}");
    let (_, out, _) = al(
        root,
        &["diff", "HEAD", "tr", "--lang", "zh", "--today", "2026-09-30"],
    );
    assert!(
        out.contains("文件不是有效的 UTF-8 编码（第一个错误字节在第 2 行第 9 列）"),
        "{out}"
    );
    assert!(!out.contains('\u{fffd}'), "{out}");
}

#[test]
fn a_blob_over_the_size_limit_is_named_and_not_read() {
    let tmp = committed();
    let root = tmp.path();
    let file = root.join("tr/sessions/2026-09-14-g1-meeting.yaml");
    let good = fs::read_to_string(&file).expect("read");
    fs::write(&file, format!("{good}# {}\n", "x".repeat(5000))).expect("write");
    commit(root, "large");
    fs::write(&file, &good).expect("write");
    // The limit `al check` uses, from the program's al.toml.
    fs::write(root.join("tr/al.toml"), "[limits]\nmax_file_bytes = 4096\n").expect("write");
    let v = diff_json(root, &["HEAD", "tr"]);
    let note = &v["notes"][0];
    assert_eq!(note["kind"], "unreadable", "{v}");
    assert_eq!(note["file"], "sessions/2026-09-14-g1-meeting.yaml");
    let size = good.len() + 5003;
    assert_eq!(
        note["message"],
        format!("file is {size} bytes, over the limit of 4096 bytes; it was not parsed")
    );
    assert_eq!(v["changes"], serde_json::json!([]), "{v}");
    // Between two revisions, the newer one's blobs too.
    let v = diff_json(root, &["HEAD~1", "HEAD", "tr"]);
    assert_eq!(v["notes"][0]["kind"], "unreadable-newer", "{v}");
    assert_eq!(v["changes"], serde_json::json!([]), "{v}");
    let (_, out, _) = al(
        root,
        &["diff", "HEAD", "tr", "--lang", "zh", "--today", "2026-09-30"],
    );
    assert!(out.contains("超过了 4096 字节的上限"), "{out}");
}

#[test]
fn submodules_links_and_lfs_pointers_are_named_not_dropped() {
    let tmp = committed();
    let root = tmp.path();
    let head = git_text(root, &["rev-parse", "HEAD"]);
    // The sub-topics folder becomes a submodule; a session a Git LFS pointer.
    git(root, &["rm", "-r", "-q", "--cached", "tr/subtopics"]);
    git(
        root,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{head},tr/subtopics"),
        ],
    );
    let session = root.join("tr/sessions/2026-09-14-g1-meeting.yaml");
    let text = fs::read_to_string(&session).expect("read");
    fs::write(
        &session,
        "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n",
    )
    .expect("write");
    git(root, &["add", "tr/sessions"]);
    git(root, &["commit", "-q", "-m", "submodule and lfs"]);
    fs::write(&session, text).expect("write");
    let v = diff_json(root, &["HEAD", "tr"]);
    assert_eq!(v["changes"], serde_json::json!([]), "nothing all new: {v}");
    let notes = pairs(&v["notes"], "file", "message");
    assert_eq!(
        notes,
        [
            (
                "sessions/2026-09-14-g1-meeting.yaml".to_string(),
                "a Git LFS pointer: the file's content is not in the repository; not compared".to_string()
            ),
            (
                "subtopics".to_string(),
                "a submodule: its files are in another repository; not compared".to_string()
            ),
        ],
        "{v}"
    );
    let (_, out, _) = al(
        root,
        &["diff", "HEAD", "tr", "--lang", "zh", "--today", "2026-09-30"],
    );
    assert!(out.contains("这是子模块（submodule）"), "{out}");
    assert!(out.contains("这是 Git LFS 指针：文件内容不在仓库中"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_link_in_history_is_named_and_not_followed() {
    let tmp = committed();
    let root = tmp.path();
    let session = root.join("tr/sessions/2026-09-14-g1-meeting.yaml");
    let text = fs::read_to_string(&session).expect("read");
    fs::remove_file(&session).expect("rm");
    std::os::unix::fs::symlink("../../../../../etc/passwd", &session).expect("link");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "link"]);
    fs::remove_file(&session).expect("rm");
    fs::write(&session, text).expect("write");
    let v = diff_json(root, &["HEAD", "tr"]);
    assert_eq!(
        v["notes"][0]["file"], "sessions/2026-09-14-g1-meeting.yaml",
        "{v}"
    );
    assert!(
        v["notes"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("symbolic link")),
        "{v}"
    );
    assert_eq!(v["changes"], serde_json::json!([]), "{v}");
    assert!(!v.to_string().contains("passwd"), "{v}");
}

#[test]
fn git_variables_pointing_elsewhere_are_not_followed() {
    let tmp = committed();
    let root = tmp.path();
    edit(&root.join("tr/topic.yaml"), "stage: ", "stage: 4 #");
    commit(root, "stage 4");
    // Another repository, with one commit of another program.
    let other = tempfile::tempdir().expect("tmp");
    git(other.path(), &["init", "-q", "-b", "main"]);
    copy_dir(
        Path::new("examples/complaint-resolution"),
        &other.path().join("tr"),
    );
    commit(other.path(), "other");
    let args = [
        "diff",
        "HEAD~1",
        "tr",
        "--format",
        "json",
        "--today",
        "2026-09-30",
    ];
    let (_, plain, _) = al(root, &args);
    let env = [
        ("GIT_DIR", other.path().join(".git")),
        ("GIT_WORK_TREE", other.path().to_path_buf()),
    ];
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let (code, out, err) = al_env(root, &args, &env);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, plain, "the program's own repository is compared");
    assert!(out.contains("\"stage\""), "{out}");
    // Outside any repository the variables do not make one.
    let outside = tempfile::tempdir().expect("tmp");
    copy_dir(
        Path::new("examples/complaint-resolution"),
        &outside.path().join("p"),
    );
    let (code, _, err) = al_env(outside.path(), &["diff", "HEAD", "p", "--lang", "en"], &env);
    assert_eq!(code, 2);
    assert!(err.contains("is not inside a git repository"), "{err}");
    assert!(
        err.contains("GIT_DIR, GIT_WORK_TREE is set, but al does not use it"),
        "{err}"
    );
}

#[test]
fn a_shallow_clone_says_so_and_hints_at_fetching_history() {
    let tmp = committed();
    let root = tmp.path();
    edit(&root.join("tr/topic.yaml"), "stage: ", "stage: 4 #");
    commit(root, "stage 4");
    let clone = tempfile::tempdir().expect("tmp");
    let url = format!("file://{}", root.display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "c"]);
    let c = clone.path().join("c");
    let (code, _, err) = al(&c, &["diff", "HEAD~1", "tr", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown revision `HEAD~1`"), "{err}");
    assert!(err.contains("shallow clone"), "{err}");
    assert!(err.contains("`fetch-depth: 0` in actions/checkout"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
    let (code, _, err) = al(&c, &["report", "tr", "--since", "HEAD~1", "--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(err.contains("浅克隆"), "{err}");
    // The commit that is there still compares.
    let (code, _, err) = al(&c, &["diff", "HEAD", "tr"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_repository_without_commits_says_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    copy_dir(Path::new("examples/talent-retention"), &tmp.path().join("tr"));
    let (code, out, err) = al(tmp.path(), &["diff", "HEAD", "tr", "--lang", "en"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("has no commits yet"), "{err}");
    let (code, _, err) = al(tmp.path(), &["diff", "HEAD", "tr", "--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(err.contains("还没有任何提交"), "{err}");
}

/// Runs git in `dir` and returns what it printed, trimmed.
fn git_text(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
