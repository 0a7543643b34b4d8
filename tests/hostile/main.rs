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
    // AL_DEBUG_NOT_ROOT: a file or folder of mode 000 is refused even when
    // the tests run as root (who reads anything), as it is for everyone else.
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("GITHUB_ACTIONS")
        .env("AL_LANG", "en")
        .env("AL_DEBUG_NOT_ROOT", "1")
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
    // Root reads any file: the runs set AL_DEBUG_NOT_ROOT, so mode 000 is
    // refused whoever runs the tests.
    let out = hostile("unreadable", 1, "prog/sessions/locked.yaml", |d| {
        let f = d.join("sessions/locked.yaml");
        fs::write(&f, "kind: kickoff\n").expect("write");
        chmod(&f, 0o000);
    });
    assert!(
        out.stdout.contains("cannot read this file: permission denied"),
        "{}",
        out.stdout
    );
}

/// Sets the mode of a file or folder.
fn chmod(path: &Path, mode: u32) {
    let mut perms = fs::metadata(path).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, mode);
    fs::set_permissions(path, perms).expect("chmod");
}

/// Gives the folder back its mode, so that the temp folder can be removed.
fn unlock(path: &Path) {
    chmod(path, 0o755);
}

#[test]
fn unreadable_folders_are_findings_and_cause_no_cascade() {
    let out = hostile("sessions/ 000", 1, "prog/sessions/", |d| {
        chmod(&d.join("sessions"), 0o000);
    });
    assert!(
        out.stdout.contains("cannot read this folder: permission denied"),
        "{}",
        out.stdout
    );
    // A session names the sub-topic `onboarding`; subtopics/ cannot be read,
    // so the id is not "unknown" (no AL004), only the folder is reported.
    let tmp = tempfile::tempdir().expect("tmp");
    let d = program(&tmp);
    let kickoff = d.join("sessions/2026-03-02-kickoff.yaml");
    let text = fs::read_to_string(&kickoff).expect("read");
    let action = "actions:\n  - { task: 编写带教手册, owner: li, due: 2026-04-30, subtopic: onboarding }\n";
    fs::write(&kickoff, format!("{text}{action}")).expect("write");
    let clean = al(&["check", "prog", "--today", "2026-03-20"], tmp.path());
    assert!(!clean.stdout.contains("AL004"), "{}", clean.stdout);
    chmod(&d.join("subtopics"), 0o000);
    let out = al(&["check", "prog", "--today", "2026-03-20"], tmp.path());
    unlock(&d.join("subtopics"));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("prog/subtopics/") && out.stdout.contains("cannot read this folder"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("AL004"), "{}", out.stdout);
    // A folder deeper down.
    let out = hostile("sessions/old/ 000", 1, "prog/sessions/old/", |d| {
        fs::create_dir_all(d.join("sessions/old")).expect("mkdir");
        fs::write(d.join("sessions/old/a.yaml"), "kind: kickoff\n").expect("write");
        chmod(&d.join("sessions/old"), 0o000);
    });
    assert!(out.stdout.contains("cannot read this folder"), "{}", out.stdout);
}

/// A folder beside the program, with a file holding a secret.
fn outside(tmp: &Path) -> PathBuf {
    let dir = tmp.join("outside");
    fs::create_dir_all(&dir).expect("mkdir");
    fs::write(dir.join("secret.yaml"), "token: SECRET-CONTENT-42\n").expect("write");
    fs::write(dir.join("secret.tera"), "SECRET-CONTENT-42\n").expect("write");
    fs::write(dir.join("al.toml"), "# SECRET-CONTENT-42\n").expect("write");
    dir
}

/// Checks that a link out of the program is reported by name, its target
/// never read.
fn link_out(name: &str, named: &str, make: impl FnOnce(&Path, &Path)) {
    let out = hostile(name, 1, named, |d| {
        let parent = d.parent().expect("parent").to_path_buf();
        make(d, &outside(&parent));
    });
    assert!(
        out.stdout
            .contains("this is a link to outside the program folder; it was not read"),
        "{name}: {}",
        out.stdout
    );
    for secret in ["SECRET-CONTENT-42", "PATH=", "HOME=", "repositoryformatversion"] {
        assert!(
            !out.stdout.contains(secret) && !out.stderr.contains(secret),
            "{name}: {secret} leaked\n{}\n{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn links_out_of_the_program_are_not_followed() {
    use std::os::unix::fs::symlink;
    link_out("session file", "prog/sessions/secret.yaml", |d, o| {
        symlink(o.join("secret.yaml"), d.join("sessions/secret.yaml")).expect("link");
    });
    link_out("relative link", "prog/sessions/up.yaml", |d, _| {
        symlink("../../outside/secret.yaml", d.join("sessions/up.yaml")).expect("link");
    });
    link_out("/proc/self/environ", "prog/sessions/env.yaml", |d, _| {
        symlink("/proc/self/environ", d.join("sessions/env.yaml")).expect("link");
    });
    link_out("/proc/self/pagemap", "prog/subtopics/pagemap.yaml", |d, _| {
        symlink("/proc/self/pagemap", d.join("subtopics/pagemap.yaml")).expect("link");
    });
    link_out("team.yaml", "prog/team.yaml", |d, o| {
        fs::remove_file(d.join("team.yaml")).expect("rm");
        symlink(o.join("secret.yaml"), d.join("team.yaml")).expect("link");
    });
    link_out(
        "the repository's .git/config",
        "prog/sessions/git.yaml",
        |d, _| {
            let git = d.parent().expect("parent").join(".git");
            fs::write(git.join("config"), "[core]\n\trepositoryformatversion = 0\n").expect("write");
            symlink("../../.git/config", d.join("sessions/git.yaml")).expect("link");
        },
    );
    link_out(".git inside the program", "prog/sessions/own-git.yaml", |d, _| {
        fs::create_dir_all(d.join(".git")).expect("mkdir");
        fs::write(d.join(".git/config"), "[core]\n\trepositoryformatversion = 0\n").expect("write");
        symlink("../.git/config", d.join("sessions/own-git.yaml")).expect("link");
    });
    link_out("a link to nothing outside", "prog/sessions/gone.yaml", |d, _| {
        // Whether something exists outside is never told.
        symlink("/nonexistent/gone.yaml", d.join("sessions/gone.yaml")).expect("link");
    });
    link_out("sessions/ itself", "prog/sessions/", |d, o| {
        fs::remove_dir_all(d.join("sessions")).expect("rm");
        symlink(o, d.join("sessions")).expect("link");
    });
    link_out("subtopics -> /", "prog/subtopics/", |d, _| {
        fs::remove_dir_all(d.join("subtopics")).expect("rm");
        symlink("/", d.join("subtopics")).expect("link");
    });
    // `al check` also names the templates a report would refuse.
    link_out("a template", "prog/templates/report.md.tera", |d, o| {
        fs::create_dir_all(d.join("templates")).expect("mkdir");
        symlink(o.join("secret.tera"), d.join("templates/report.md.tera")).expect("link");
    });
    link_out("templates/ itself", "prog/templates/", |d, o| {
        symlink(o, d.join("templates")).expect("link");
    });
}

#[test]
fn check_names_the_templates_a_report_could_not_read() {
    let out = hostile("odd templates", 1, "prog/templates/pipe.tera", |d| {
        let t = d.join("templates");
        fs::create_dir_all(t.join("folder.tera")).expect("mkdir");
        fs::write(t.join("fine.md.tera"), "# {{ topic.title }}\n").expect("write");
        fs::write(t.join("latin1.tera"), b"caf\xe9").expect("write");
        fs::write(t.join("notes.txt"), b"\xff not a template").expect("write");
        let big = fs::File::create(t.join("big.tera")).expect("create");
        big.set_len(2 * 1024 * 1024).expect("sparse file");
        std::process::Command::new("mkfifo")
            .arg(t.join("pipe.tera"))
            .status()
            .expect("mkfifo");
    });
    for (file, says) in [
        (
            "prog/templates/big.tera",
            "the template holds 2097152 bytes, over the limit of 1048576 bytes",
        ),
        ("prog/templates/folder.tera", "this is a folder, not a file"),
        ("prog/templates/latin1.tera", "not valid UTF-8"),
        ("prog/templates/pipe.tera", "not a regular file"),
    ] {
        let at = out
            .stdout
            .find(file)
            .unwrap_or_else(|| panic!("{file} not named:\n{}", out.stdout));
        let before = &out.stdout[..at];
        let finding = &before[before.rfind("error[AL001]").expect("finding")..];
        assert!(finding.contains(says), "{file}: {finding}");
    }
    // A readable template, and a file that is no template, are not findings.
    assert!(
        !out.stdout.contains("fine.md.tera") && !out.stdout.contains("notes.txt"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("4 errors"), "{}", out.stdout);
}

#[test]
fn an_agenda_of_a_session_file_that_links_out_is_refused() {
    // The link's target is a session of another program: its agenda is
    // never rendered through the link.
    let tmp = tempfile::tempdir().expect("tmp");
    let d = program(&tmp);
    let other = tmp.path().join("other");
    copy_dir(&d, &other);
    let target = other.join("sessions/2026-03-02-kickoff.yaml");
    edit(&target, "title: 项目启动会", "title: SECRET-CONTENT-42");
    std::os::unix::fs::symlink(&target, d.join("sessions/linked.yaml")).expect("link");
    let out = al(
        &["agenda", "prog/sessions/linked.yaml", "--today", "2026-03-01"],
        tmp.path(),
    );
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("link to outside the program folder"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("SECRET") && !out.stderr.contains("SECRET"));
}

#[test]
fn links_inside_the_program_keep_working() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("tmp");
    let d = program(&tmp);
    fs::create_dir_all(d.join("archive/sub")).expect("mkdir");
    fs::rename(
        d.join("sessions/2026-03-02-kickoff.yaml"),
        d.join("archive/kickoff.yaml"),
    )
    .expect("move");
    symlink(
        "../archive/kickoff.yaml",
        d.join("sessions/2026-03-02-kickoff.yaml"),
    )
    .expect("link");
    fs::rename(
        d.join("subtopics/onboarding.yaml"),
        d.join("archive/sub/onboarding.yaml"),
    )
    .expect("move");
    fs::remove_dir(d.join("subtopics")).expect("rmdir");
    symlink("archive/sub", d.join("subtopics")).expect("link");
    let out = al(&["check", "prog", "--today", "2026-03-20"], tmp.path());
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // A link to nothing inside the program says so.
    symlink("missing.yaml", d.join("sessions/gone.yaml")).expect("link");
    let out = al(&["check", "prog", "--today", "2026-03-20"], tmp.path());
    assert!(
        out.stdout.contains("it does not exist (or is a link to nothing)"),
        "{}",
        out.stdout
    );
}

/// Runs `al report prog` after `make` changed the program.
fn report(make: impl FnOnce(&Path, &Path)) -> Outcome {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = program(&tmp);
    fs::create_dir_all(d.join("templates")).expect("mkdir");
    make(&d, &outside(tmp.path()));
    let out = al(&["report", "prog", "--today", "2026-03-20"], tmp.path());
    unlock(&d.join("templates"));
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(
        !out.stdout.contains("SECRET-CONTENT-42") && !out.stderr.contains("SECRET-CONTENT-42"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    if let Some(kib) = out.max_rss_kib {
        assert!(kib < MAX_RSS_KIB, "peak memory {kib} KiB");
    }
    out
}

#[test]
fn templates_are_read_only_when_used_within_bounds_and_never_through_a_link_out() {
    use std::os::unix::fs::symlink;
    // Used, a link out: exit 2 naming it.
    let out =
        report(|d, o| symlink(o.join("secret.tera"), d.join("templates/report.md.tera")).expect("link"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("prog/templates/report.md.tera"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("link to outside the program folder"),
        "{}",
        out.stderr
    );
    // An included part, a link out: the same.
    let out =
        report(|d, o| symlink(o.join("secret.tera"), d.join("templates/report_team.md.tera")).expect("link"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("prog/templates/report_team.md.tera"),
        "{}",
        out.stderr
    );
    // templates/ itself a link out.
    let out = report(|d, o| {
        fs::remove_dir(d.join("templates")).expect("rmdir");
        symlink(o, d.join("templates")).expect("link");
    });
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("prog/templates"), "{}", out.stderr);
    // Not used (the HTML report's, a stray big file, a link out): never read.
    let out = report(|d, o| {
        symlink(o.join("secret.tera"), d.join("templates/report.html.tera")).expect("link");
        let big = fs::File::create(d.join("templates/unused.md.tera")).expect("create");
        big.set_len(400_000_000).expect("sparse file");
        std::process::Command::new("mkfifo")
            .arg(d.join("templates/agenda.md.tera"))
            .status()
            .expect("mkfifo");
    });
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Used, over 1 MiB (whatever it holds), a pipe, unreadable: exit 2 naming it.
    let out = report(|d, _| {
        let big = fs::File::create(d.join("templates/report.md.tera")).expect("create");
        big.set_len(2 * 1024 * 1024).expect("sparse file");
    });
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("report.md.tera` is over the limit of 1048576 bytes"),
        "{}",
        out.stderr
    );
    let out = report(|d, _| {
        std::process::Command::new("mkfifo")
            .arg(d.join("templates/report.md.tera"))
            .status()
            .expect("mkfifo");
    });
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("report.md.tera` is not a regular file"),
        "{}",
        out.stderr
    );
    let out = report(|d, _| chmod(&d.join("templates"), 0o000));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("prog/templates"), "{}", out.stderr);
    // A link that stays inside the program is followed.
    let out = report(|d, _| {
        fs::write(d.join("mine.tera"), "# {{ topic.title }}\n").expect("write");
        symlink("../mine.tera", d.join("templates/report.md.tera")).expect("link");
    });
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("# "), "{}", out.stdout);
}

/// What a case does to the program.
type Make = dyn Fn(&Path);

#[test]
fn al_toml_that_is_no_file_is_an_error_naming_it() {
    use std::os::unix::fs::symlink;
    let cases: Vec<(&str, Box<Make>, &str)> = vec![
        (
            "a link out",
            Box::new(|d: &Path| {
                let o = outside(d.parent().expect("parent"));
                symlink(o.join("al.toml"), d.join("al.toml")).expect("link");
            }),
            "is a link to outside the folder that holds it",
        ),
        (
            "a FIFO",
            Box::new(|d: &Path| {
                std::process::Command::new("mkfifo")
                    .arg(d.join("al.toml"))
                    .status()
                    .expect("mkfifo");
            }),
            "is not a regular file",
        ),
        (
            "a folder",
            Box::new(|d: &Path| fs::create_dir(d.join("al.toml")).expect("mkdir")),
            "is a folder, not a file",
        ),
        (
            "a loop",
            Box::new(|d: &Path| symlink("al.toml", d.join("al.toml")).expect("link")),
            "is a loop of symbolic links",
        ),
        (
            "a link to nothing",
            Box::new(|d: &Path| symlink("gone.toml", d.join("al.toml")).expect("link")),
            "is a link to nothing",
        ),
        (
            "over 1 MiB",
            Box::new(|d: &Path| {
                let f = fs::File::create(d.join("al.toml")).expect("create");
                f.set_len(1024 * 1024 + 1).expect("sparse file");
            }),
            "is over the limit of 1048576 bytes",
        ),
        (
            "not UTF-8",
            Box::new(|d: &Path| fs::write(d.join("al.toml"), b"# \xff\n").expect("write")),
            "is not valid UTF-8",
        ),
        (
            "unreadable",
            Box::new(|d: &Path| {
                fs::write(d.join("al.toml"), "").expect("write");
                chmod(&d.join("al.toml"), 0o000);
            }),
            "permission denied",
        ),
    ];
    for (name, make, says) in cases {
        let out = hostile(name, 2, "prog/al.toml", make);
        assert!(out.stderr.contains(says), "{name}: {}", out.stderr);
        assert!(
            !out.stderr.contains("SECRET-CONTENT-42"),
            "{name}: {}",
            out.stderr
        );
    }
    // A link that stays inside the program is read.
    hostile("al.toml linked inside", 1, "over the limit of 100 bytes", |d| {
        fs::create_dir_all(d.join("conf")).expect("mkdir");
        fs::write(d.join("conf/al.toml"), "[limits]\nmax_file_bytes = 100\n").expect("write");
        symlink("conf/al.toml", d.join("al.toml")).expect("link");
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
