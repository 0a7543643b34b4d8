//! Writing output as the reader's side sees it: a failed write to standard
//! output is "could not run" (exit 2) for every command and format, a
//! closed pipe is quiet with the same exit status for every format, `-o -`
//! is standard output, and `-o FILE` creates files as any program does.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

const TODAY: &str = "2026-09-30";
const FAILING: &str = "tests/fixtures/AL201/fail";

/// `al` with no colour or language from the environment.
fn al(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_al"));
    c.args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("AL_LANG")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

/// Every command that writes to standard output, with a format each.
fn writers() -> Vec<Vec<&'static str>> {
    let mut all: Vec<Vec<&str>> = ["human", "json", "sarif", "junit", "github"]
        .iter()
        .map(|f| vec!["check", FAILING, "--today", TODAY, "--format", f])
        .collect();
    all.extend([
        vec!["report", "examples/talent-retention", "--today", TODAY],
        vec![
            "report",
            "examples/talent-retention",
            "--today",
            TODAY,
            "--format",
            "html",
        ],
        vec![
            "agenda",
            "examples/talent-retention/sessions/2026-09-14-g1-meeting.yaml",
            "--today",
            TODAY,
        ],
        vec!["schema", "session"],
        vec!["explain", "AL201"],
        vec!["rules"],
        vec!["completions", "bash"],
        vec!["man"],
    ]);
    all
}

#[test]
fn a_full_disk_is_could_not_run_for_every_command_and_format() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: this system has no /dev/full");
        return;
    }
    for args in writers() {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = al(&args)
            .arg("--lang")
            .arg("en")
            .stdout(full)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
    // In Chinese for a Chinese user.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = al(&["check", "examples/talent-retention", "--today", TODAY])
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("无法写入标准输出"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_closed_pipe_is_quiet_and_the_status_is_the_findings() {
    for format in ["human", "json", "sarif", "junit", "github"] {
        let mut child = al(&["check", FAILING, "--today", TODAY, "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // The reader goes away before reading anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("runs");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: an error finding, whatever the format"
        );
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn dash_is_standard_output() {
    let out = al(&["report", "examples/talent-retention", "--today", TODAY, "-o", "-"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with('#'));
    assert!(!Path::new("-").exists(), "no file named -");
}

#[cfg(unix)]
#[test]
fn an_output_file_follows_the_umask_or_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp");
    let program = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/talent-retention");
    let made = dir.path().join("new.md");
    let status = Command::new("sh")
        .arg("-c")
        .arg(r#"umask 022 && exec "$0" report "$1" --today 2026-09-30 -o "$2""#)
        .arg(env!("CARGO_BIN_EXE_al"))
        .arg(&program)
        .arg(&made)
        .status()
        .expect("runs");
    assert!(status.success());
    let mode = |p: &Path| fs::metadata(p).expect("written").permissions().mode() & 0o777;
    assert_eq!(mode(&made), 0o644, "a new file follows the umask (022)");

    let kept = dir.path().join("kept.md");
    fs::write(&kept, "old").expect("write");
    fs::set_permissions(&kept, fs::Permissions::from_mode(0o640)).expect("chmod");
    let out = al(&["report", "--today", TODAY, "-o"])
        .arg(&kept)
        .arg(&program)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&kept), 0o640, "a replaced file keeps its permissions");
    assert_ne!(fs::read_to_string(&kept).expect("read"), "old");
    let left: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".al-"))
        .collect();
    assert!(left.is_empty(), "no temporary file left: {left:?}");
}
