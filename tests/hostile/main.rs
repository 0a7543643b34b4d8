//! Hostile and broken input: each case is built at test time and must give
//! exit 1 or 2 with the file named, finish (no hang), stay in bounded memory
//! and never panic.

#[path = "../common/mod.rs"]
mod common;
use common::*;

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Peak memory allowed for one run, in KiB.
const MAX_RSS_KIB: u64 = 300 * 1024;

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    max_rss_kib: Option<u64>,
}

/// Runs `al ARGS` under `/usr/bin/time` (when the machine has it) to read the peak memory.
fn al(args: &[&str], cwd: &Path) -> Outcome {
    let bin = assert_cmd::cargo::cargo_bin("al");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-f").arg("AL_MAX_RSS_KIB=%M").arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    // The cases read English messages: say so, whatever the program's language.
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("GITHUB_ACTIONS")
        .env("AL_LANG", "en")
        .timeout(Duration::from_secs(60));
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let max_rss_kib = stderr
        .lines()
        .find_map(|l| l.strip_prefix("AL_MAX_RSS_KIB="))
        .and_then(|v| v.trim().parse().ok());
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
        max_rss_kib,
    }
}

/// Checks the program after `make` damaged it: the exit code, the file named, bounded memory.
fn hostile(name: &str, expect_code: i32, named: &str, make: impl FnOnce(&Path)) -> Outcome {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    make(&dir);
    let out = al(&["check", "prog", "--today", "2026-03-20"], tmp.path());
    assert_eq!(
        out.code, expect_code,
        "{name}: exit {}\n{}\n{}",
        out.code, out.stdout, out.stderr
    );
    assert!(
        out.stdout.contains(named) || out.stderr.contains(named),
        "{name}: `{named}` not named\n{}\n{}",
        out.stdout,
        out.stderr
    );
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("internal error"),
        "{name}: {}",
        out.stderr
    );
    if let Some(kib) = out.max_rss_kib {
        assert!(kib < MAX_RSS_KIB, "{name}: peak memory {kib} KiB");
    }
    out
}

#[test]
fn alias_bomb() {
    let out = hostile("alias bomb", 1, "prog/sessions/bomb.yaml", |d| {
        let mut lines = vec!["a0: &a0 [x, x, x, x, x, x, x, x, x, x]".to_string()];
        for i in 1..30 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            lines.push(format!("a{i}: &a{i} [{refs}]"));
        }
        fs::write(d.join("sessions/bomb.yaml"), lines.join("\n")).expect("write");
    });
    assert!(out.stdout.contains("alias bomb"), "{}", out.stdout);
}

#[test]
fn deep_nesting() {
    let out = hostile("200,000 levels", 1, "prog/sessions/deep.yaml", |d| {
        let text = format!("a: {}{}\n", "[".repeat(200_000), "]".repeat(200_000));
        fs::write(d.join("sessions/deep.yaml"), text).expect("write");
    });
    assert!(
        out.stdout.contains("nested more than 64 levels"),
        "{}",
        out.stdout
    );
    hostile("deep block nesting", 1, "prog/sessions/block.yaml", |d| {
        let text: String = (0..3000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        fs::write(d.join("sessions/block.yaml"), text).expect("write");
    });
}

#[test]
fn sixty_megabytes() {
    let out = hostile("60 MB", 1, "prog/sessions/big.yaml", |d| {
        let line = format!("  {}\n", "x".repeat(98));
        let mut text = String::from("notes: |\n");
        text.push_str(&line.repeat(600_000));
        fs::write(d.join("sessions/big.yaml"), text).expect("write");
    });
    assert!(
        out.stdout.contains("over the limit of 10485760 bytes"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_larger_limit_in_al_toml_is_honoured() {
    hostile("max_file_bytes", 1, "over the limit of 100 bytes", |d| {
        fs::write(d.join("al.toml"), "[limits]\nmax_file_bytes = 100\n").expect("write");
    });
}

#[test]
fn invalid_utf8_and_binary() {
    hostile("invalid UTF-8", 1, "prog/sessions/bad.yaml:2:8", |d| {
        fs::write(
            d.join("sessions/bad.yaml"),
            b"kind: kickoff\ntitle: \xff\xfe bad\n",
        )
        .expect("write");
    });
    hostile("NUL bytes", 1, "prog/sessions/nul.yaml", |d| {
        fs::write(
            d.join("sessions/nul.yaml"),
            b"kind: kickoff\x00\x01\x02\ndate: 2026-03-02\n",
        )
        .expect("write");
    });
    hostile("binary", 1, "prog/sessions/bin.yaml", |d| {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        fs::write(d.join("sessions/bin.yaml"), bytes).expect("write");
    });
}

#[test]
fn empty_team() {
    hostile("empty team.yaml", 1, "prog/team.yaml", |d| {
        fs::write(d.join("team.yaml"), "").expect("write");
    });
}

#[test]
fn symlink_loop_and_odd_entries() {
    hostile("symlink loop", 1, "prog/sessions/loop.yaml", |d| {
        std::os::unix::fs::symlink("loop.yaml", d.join("sessions/loop.yaml")).expect("link");
        std::os::unix::fs::symlink("..", d.join("sessions/up")).expect("link");
    });
    hostile("folder named x.yaml", 1, "prog/sessions/x.yaml", |d| {
        fs::create_dir_all(d.join("sessions/x.yaml/inner")).expect("mkdir");
    });
    hostile("a pipe", 1, "prog/sessions/pipe.yaml", |d| {
        let status = std::process::Command::new("mkfifo")
            .arg(d.join("sessions/pipe.yaml"))
            .status()
            .expect("mkfifo");
        assert!(status.success());
    });
    hostile("dangling link", 1, "prog/sessions/gone.yaml", |d| {
        std::os::unix::fs::symlink("/nonexistent/gone.yaml", d.join("sessions/gone.yaml")).expect("link");
    });
}

#[test]
fn duplicate_key_and_impossible_date_with_crlf() {
    hostile("duplicate key", 1, "prog/sessions/dup.yaml:3:1", |d| {
        fs::write(
            d.join("sessions/dup.yaml"),
            "kind: kickoff\ndate: 2026-03-02\ndate: 2026-03-03\n",
        )
        .expect("write");
    });
    let out = hostile("CRLF, 2026-02-30", 1, "prog/sessions/crlf.yaml:2:7", |d| {
        fs::write(
            d.join("sessions/crlf.yaml"),
            "kind: kickoff\r\ndate: 2026-02-30\r\n",
        )
        .expect("write");
    });
    assert!(out.stdout.contains("`2026-02-30` is not a valid date"));
}

#[test]
fn old_mac_line_ends_count_as_lines() {
    // Found by fuzzing: YAML counts a lone CR as a line break; positions must agree.
    let out = hostile("lone CR", 1, "prog/sessions/mac.yaml:2:7", |d| {
        fs::write(d.join("sessions/mac.yaml"), "kind: kickoff\rdate: 2026-02-30\r").expect("write");
    });
    assert!(out.stdout.contains("2 | date: 2026-02-30"), "{}", out.stdout);
}

#[test]
fn broken_al_toml_is_exit_2() {
    hostile("broken al.toml", 2, "prog/al.toml:2:14", |d| {
        fs::write(d.join("al.toml"), "[limits]\ngroup_size = \"four\"\n").expect("write");
    });
}

#[test]
fn unreadable_file() {
    // Root reads any file, so a mode of 000 only shows under a normal user.
    let tmp = tempfile::tempdir().expect("tmp");
    let probe = tmp.path().join("probe");
    fs::write(&probe, "x").expect("write");
    std::os::unix::fs::PermissionsExt::set_mode(&mut fs::metadata(&probe).expect("meta").permissions(), 0);
    let mut perms = fs::metadata(&probe).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    fs::set_permissions(&probe, perms).expect("chmod");
    if fs::read(&probe).is_ok() {
        eprintln!("running as root: mode 000 is readable, covered by the dangling link case instead");
        return;
    }
    hostile("unreadable", 1, "prog/sessions/locked.yaml", |d| {
        let f = d.join("sessions/locked.yaml");
        fs::write(&f, "kind: kickoff\n").expect("write");
        let mut perms = fs::metadata(&f).expect("meta").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
        fs::set_permissions(&f, perms).expect("chmod");
    });
}

#[test]
fn bom_and_crlf_in_a_valid_file_are_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    for name in ["topic.yaml", "team.yaml", "sessions/2026-03-02-kickoff.yaml"] {
        let text = fs::read_to_string(dir.join(name)).expect("read");
        fs::write(dir.join(name), format!("\u{feff}{}", text.replace('\n', "\r\n"))).expect("write");
    }
    let out = al(
        &["check", "prog", "--today", "2026-03-20", "--deny-warnings"],
        tmp.path(),
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn a_panic_is_a_short_report_and_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    program(&tmp);
    // Runs `al` with the panic forced at `when`; the exit code and stderr.
    let panicking = |args: &[&str], when: &str| {
        let out = Command::new(assert_cmd::cargo::cargo_bin("al"))
            .args(args)
            .current_dir(tmp.path())
            .env("AL_DEBUG_PANIC", when)
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = panicking(&["check", "prog"], "1");
    assert_eq!(code, Some(2));
    assert!(err.starts_with("error: internal error"), "{err}");
    assert!(err.contains("please report it"), "{err}");
    assert!(!err.contains("stack backtrace"), "{err}");

    // A panic on a worker thread, with programs checked in parallel, names
    // the file that worker was reading and still exits 2.
    let second = tmp.path().join("prog2");
    std::fs::create_dir_all(&second).expect("mkdir");
    for name in ["topic.yaml", "team.yaml"] {
        std::fs::copy(tmp.path().join("prog").join(name), second.join(name)).expect("copy");
    }
    let (code, err) = panicking(&["check", ".", "--jobs", "2"], "parse");
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: internal error while checking `prog"),
        "{err}"
    );
    assert!(err.contains("topic.yaml`"), "{err}");
}

/// Every file and its modification time, to show a command wrote nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime, u64)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| {
            let m = e.metadata().expect("meta");
            (e.path().to_path_buf(), m.modified().expect("mtime"), m.len())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn check_report_and_agenda_never_write_into_the_program() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::create_dir_all(tmp.path().join(".git")).expect("git");
    let dir = tmp.path().join("tr");
    copy_dir(Path::new("examples/talent-retention"), &dir);
    let before = snapshot(&dir);
    for args in [
        vec!["check", "tr"],
        vec!["check", "tr", "--format", "sarif"],
        vec!["report", "tr"],
        vec!["report", "tr", "--context"],
        vec!["agenda", "tr/sessions/2026-06-15-g1-meeting.yaml"],
    ] {
        let out = al(&args, tmp.path());
        assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
    }
    assert_eq!(before, snapshot(&dir), "the program folder changed");
}
