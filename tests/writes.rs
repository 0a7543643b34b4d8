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

#[test]
fn output_never_replaces_a_file_of_the_program() {
    let tmp = tempfile::tempdir().expect("temp");
    let program = tmp.path().join("tr");
    common::copy_dir(Path::new("examples/talent-retention"), &program);
    fs::create_dir_all(program.join("templates")).expect("templates");
    fs::write(program.join("templates/report.md.tera"), "mine").expect("template");
    fs::write(program.join("al.toml"), "").expect("al.toml");
    let session = program.join("sessions/2026-09-14-g1-meeting.yaml");
    let before = common::texts(&program);
    let p = program.to_string_lossy().into_owned();
    let s = session.to_string_lossy().into_owned();
    for (args, target) in [
        (vec!["report", p.as_str()], program.join("topic.yaml")),
        (vec!["report", p.as_str()], program.join("plan.yaml")),
        (
            vec!["report", p.as_str()],
            program.join("templates/report.md.tera"),
        ),
        (vec!["report", p.as_str()], program.join("al.toml")),
        (vec!["report", p.as_str()], program.join("sessions/../team.yaml")),
        (vec!["agenda", s.as_str()], session.clone()),
    ] {
        let out = al(&args)
            .args(["--today", TODAY, "--lang", "en", "-o"])
            .arg(&target)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", target.display());
        assert!(stderr.contains("one of the program's own files"), "{stderr}");
    }
    assert_eq!(common::texts(&program), before, "nothing of the program changed");
    // A new file beside them is fine.
    let out = al(&["report", p.as_str(), "--today", TODAY, "-o"])
        .arg(program.join("report.md"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn output_through_a_link_a_fifo_or_a_device_keeps_what_is_there() {
    let tmp = tempfile::tempdir().expect("temp");
    let real = tmp.path().join("real.md");
    let link = tmp.path().join("link.md");
    fs::write(&real, "old").expect("write");
    std::os::unix::fs::symlink(&real, &link).expect("link");
    report_into(&link);
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    assert!(
        fs::read_to_string(&real).expect("real").starts_with('#'),
        "its target was written"
    );

    // A FIFO is written into, not replaced by a file.
    let fifo = tmp.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(&fifo).expect("read the fifo"))
        };
        report_into(&fifo);
        assert!(reader.join().expect("reader").starts_with('#'));
        use std::os::unix::fs::FileTypeExt;
        assert!(
            fs::metadata(&fifo).expect("fifo").file_type().is_fifo(),
            "still a FIFO"
        );
    }

    // /dev/stdout is the standard output, not a file to replace.
    let out = al(&[
        "report",
        "examples/talent-retention",
        "--today",
        TODAY,
        "-o",
        "/dev/stdout",
    ])
    .output()
    .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with('#'));
}

/// `al report` of the talent-retention example written to `target` with
/// `-o`; it must succeed.
fn report_into(target: &Path) {
    let out = al(&["report", "examples/talent-retention", "--today", TODAY, "-o"])
        .arg(target)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        target.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
