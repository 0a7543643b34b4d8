//! The real binary, as a user runs it: exit codes, init, examples, al.toml.

mod common;
use common::*;

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const TODAY: &str = "2026-09-30";
/// The date the fixture programs describe.
const FIXTURE_TODAY: &str = "2026-03-20";

/// `al` as on a machine with no locale set: a program's own language
/// decides (tests of English output say `--lang en`).
fn al() -> Command {
    let mut c = Command::cargo_bin("al").expect("binary");
    c.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("AL_LANG");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn examples_pass_with_zero_findings() {
    for path in [
        "examples/talent-retention",
        "examples/complaint-resolution",
        "examples",
    ] {
        let r = run(al().args(["check", "--lang", "en", path, "--today", TODAY, "--deny-warnings"]));
        assert_eq!(r.code, 0, "{path}:\n{}{}", r.stdout, r.stderr);
        assert!(r.stdout.starts_with("ok: no findings"), "{}", r.stdout);
    }
}

/// `al new plan --start 2026-03-01` writes a plan that `al check` accepts
/// just after the start; the day after its first workshop was planned, with
/// none recorded, the plan's rules say that workshop is late — and only that.
#[test]
fn a_new_plan_is_on_plan_just_after_the_start() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    let r = run(al()
        .current_dir(tmp.path())
        .args(["new", "plan", "--start", "2026-03-01", "prog"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.join("plan.yaml").is_file());
    let check = |today: &str| {
        run(al()
            .args(["check", "--lang", "en", "--deny-warnings", "--today", today])
            .arg(&dir))
    };
    for today in ["2026-03-02", "2026-03-15"] {
        let r = check(today);
        assert_eq!(r.code, 0, "{today}:\n{}", r.stdout);
        assert!(r.stdout.starts_with("ok: no findings"), "{}", r.stdout);
    }
    let r = check("2026-03-16");
    let found: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("warning[")).collect();
    assert_eq!(
        found,
        ["warning[AL701]: workshop 1 (planned 15 March) is 1 day late: nothing in the record yet"],
        "{}",
        r.stdout
    );
}

#[test]
fn exit_codes_follow_the_spec() {
    let r = run(al().args([
        "check",
        "--lang",
        "en",
        "tests/fixtures/AL201/fail",
        "--today",
        FIXTURE_TODAY,
    ]));
    assert_eq!(r.code, 1, "an error finding exits 1");
    let r = run(al().args([
        "check",
        "--lang",
        "en",
        "tests/fixtures/AL208/fail",
        "--today",
        FIXTURE_TODAY,
    ]));
    assert_eq!(r.code, 0, "warnings alone exit 0");
    let r = run(al().args([
        "check",
        "--lang",
        "en",
        "tests/fixtures/AL208/fail",
        "--today",
        FIXTURE_TODAY,
        "--deny-warnings",
    ]));
    assert_eq!(r.code, 1, "--deny-warnings makes warnings fail");
    assert!(
        r.stdout.contains("failed: 0 errors") && !r.stdout.contains("passed"),
        "the verdict agrees with the exit status: {}",
        r.stdout
    );
    let r = run(al().args(["check", "--lang", "en", "no/such/folder"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no/such/folder"), "{}", r.stderr);
    let r = run(al().args(["check", "--lang", "en", "examples", "--today", "2026-02-30"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("2026-02-30") && r.stderr.contains("day"),
        "{}",
        r.stderr
    );
    let r = run(al().args(["check", "--lang", "en", "src"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no action learning program found"),
        "{}",
        r.stderr
    );
    let r = run(al().args(["explain", "AL999"]));
    assert_eq!(r.code, 2);
    let r = run(al().args(["frobnicate"]));
    assert_eq!(r.code, 2, "bad arguments exit 2");
}

#[test]
fn a_broken_program_reports_everything_in_one_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    // A group of three, a typo in topic.yaml, a syntax error in one session
    // and an unknown reference in another.
    shrink_group(&dir);
    edit(&dir.join("topic.yaml"), "criteria:", "critera:");
    fs::write(
        dir.join("sessions/2026-03-16-workshop-1.yaml"),
        "kind: workshop\ndate: 2026-03-16\nobjectives: [破冰\n",
    )
    .expect("write");
    fs::write(
        dir.join("sessions/2026-03-30-g1-meeting.yaml"),
        "kind: group-meeting\ndate: 2026-03-30\ngroups: [g1]\nattendees: [zhang, lii]\n",
    )
    .expect("write");
    let r =
        run(al()
            .current_dir(tmp.path())
            .args(["check", "--lang", "en", "prog", "--today", FIXTURE_TODAY]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("broken_program", format!("exit: {}\n{}", r.code, r.stdout));
    assert!(r.stdout.contains("error[AL201]: group `g1` has 3 members"));
    assert!(r.stdout.contains("--> prog/team.yaml:9:9"));
    assert!(r.stdout.contains("unknown key `critera`") && r.stdout.contains("did you mean `criteria`?"));
    assert!(
        r.stdout.contains("error[AL001]") && r.stdout.contains("prog/sessions/2026-03-16-workshop-1.yaml:3:")
    );
    assert!(
        r.stdout.contains("unknown person `lii`")
            && r.stdout.contains("prog/sessions/2026-03-30-g1-meeting.yaml:4:")
    );
}

#[test]
fn json_output_is_one_stable_document() {
    let r = run(al().args([
        "check",
        "--lang",
        "en",
        "tests/fixtures/AL201/fail",
        "--today",
        FIXTURE_TODAY,
        "--format",
        "json",
    ]));
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    let keys = [
        "code", "name", "severity", "message", "help", "file", "line", "column",
    ];
    assert_eq!(f.as_object().expect("object").len(), keys.len());
    let at: Vec<usize> = keys
        .iter()
        .map(|k| r.stdout.find(&format!("\"{k}\":")).expect("key"))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "keys in the documented order");
    assert_eq!(f["file"], "tests/fixtures/AL201/fail/team.yaml");
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["programs"], 1);
    let again = run(al().args([
        "check",
        "--lang",
        "en",
        "tests/fixtures/AL201/fail",
        "--today",
        FIXTURE_TODAY,
        "--format",
        "json",
    ]));
    assert_eq!(r.stdout, again.stdout, "same input, same bytes");
}

#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    // Every rule fixture: 70 programs, most with findings (which are parsed
    // a second time, with places), in every format.
    for format in ["human", "json", "github", "sarif", "junit"] {
        let outputs: Vec<Run> = ["1", "2", "5"]
            .iter()
            .map(|jobs| {
                run(al().args([
                    "check",
                    "--lang",
                    "en",
                    "tests/fixtures",
                    "--today",
                    FIXTURE_TODAY,
                    "--format",
                    format,
                    "--jobs",
                    jobs,
                ]))
            })
            .collect();
        assert_eq!(outputs[0].code, 1, "{format}: {}", outputs[0].stderr);
        assert!(outputs[0].stdout.len() > 1000, "{format}: output is there");
        for other in &outputs[1..] {
            assert_eq!(outputs[0].stdout, other.stdout, "{format}: same bytes");
            assert_eq!(outputs[0].code, other.code);
        }
    }
    // AL_JOBS does the same as --jobs; 0 is refused.
    let r = run(al()
        .env("AL_JOBS", "0")
        .args(["check", "--lang", "en", "examples/talent-retention"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn init_refuses_a_non_empty_folder_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
    let r = run(al().args(["init"]).arg(tmp.path()));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not empty"), "{}", r.stderr);
    let names: Vec<_> = fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
    assert_eq!(
        fs::read_to_string(tmp.path().join("notes.txt")).expect("read"),
        "mine"
    );
}

#[test]
fn init_writes_programs_that_pass() {
    for lang in ["zh", "en"] {
        for example in [false, true] {
            let tmp = tempfile::tempdir().expect("tmp");
            fs::create_dir_all(tmp.path().join(".git")).expect("git marker");
            let dir = tmp.path().join("new");
            let mut cmd = al();
            cmd.args(["init", "--lang", lang]).arg(&dir);
            if example {
                cmd.arg("--example");
            }
            let r = run(&mut cmd);
            assert_eq!(r.code, 0, "{}", r.stderr);
            assert!(dir.join("topic.yaml").is_file() && dir.join("team.yaml").is_file());
            // An example is laid out around today: checked on the real date, it is clean.
            // A scaffold starts this week and still holds its placeholders
            // (AL006): that, and nothing else, keeps it from passing.
            let mut check = al();
            check.args(["check", "--lang", "en", "--deny-warnings"]);
            let r = run(check.arg(&dir));
            if example {
                assert_eq!(r.code, 0, "init --lang {lang} example={example}:\n{}", r.stdout);
                assert!(r.stdout.starts_with("ok: no findings"), "{}", r.stdout);
            } else {
                assert_eq!(r.code, 1, "init --lang {lang}:\n{}", r.stdout);
                let codes: std::collections::BTreeSet<_> = r
                    .stdout
                    .lines()
                    .filter_map(|l| l.strip_prefix("error[").and_then(|l| l.get(..5)))
                    .collect();
                assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["AL006"], "{}", r.stdout);
                assert!(
                    !r.stdout.contains("warning["),
                    "no warning for a program that starts today:\n{}",
                    r.stdout
                );
            }
        }
    }
    // The templates explain their keys in the chosen language.
    let tmp = tempfile::tempdir().expect("tmp");
    let r = run(al().args(["init", "--lang", "en"]).arg(tmp.path().join("p")));
    assert_eq!(r.code, 0);
    let topic = fs::read_to_string(tmp.path().join("p/topic.yaml")).expect("topic");
    assert!(topic.contains("# The four criteria of a good topic"));
    let tmp = tempfile::tempdir().expect("tmp");
    run(al().args(["init", "--lang", "zh"]).arg(tmp.path().join("p")));
    let topic = fs::read_to_string(tmp.path().join("p/topic.yaml")).expect("topic");
    assert!(topic.contains("# 好主题的四条标准"));
}

#[test]
fn al_toml_overrides_severity_and_waives_with_a_reason() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    shrink_group(&dir);
    edit(&dir.join("team.yaml"), ", consent: 2026-02-20 }", " }");

    fs::write(
        dir.join("al.toml"),
        "[rules]\nAL208 = \"allow\"\nAL201 = \"warn\"\n",
    )
    .expect("write");
    let r = run(al()
        .args(["check", "--lang", "en", "--today", FIXTURE_TODAY])
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains("warning[AL201]") && !r.stdout.contains("AL208"),
        "{}",
        r.stdout
    );

    let waiver = "[[allow]]\nrule = \"AL201\"\npath = \"team.yaml\"\nreason = \"试点小组，经项目办批准为 3 人\"\nuntil = 2026-12-31\n";
    fs::write(
        dir.join("al.toml"),
        format!("[rules]\nAL208 = \"allow\"\n{waiver}"),
    )
    .expect("write");
    let r = run(al()
        .args(["check", "--lang", "en", "--today", FIXTURE_TODAY])
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.starts_with("ok: no findings"), "{}", r.stdout);

    // Past its `until`, a waiver silences nothing.
    let r = run(al()
        .args(["check", "--lang", "en", "--today", "2027-01-01"])
        .arg(&dir));
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("error[AL201]"));
    assert!(
        r.stdout
            .contains("warning[AL901]: the waiver of AL201 for `team.yaml` expired on 2026-12-31")
    );

    // Without a reason it silences nothing and is itself an AL002 error in al.toml.
    fs::write(
        dir.join("al.toml"),
        "[rules]\nAL208 = \"allow\"\n\n[[allow]]\nrule = \"AL201\"\npath = \"team.yaml\"\n",
    )
    .expect("write");
    let r =
        run(al()
            .current_dir(tmp.path())
            .args(["check", "--lang", "en", "prog", "--today", FIXTURE_TODAY]));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[AL201]"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("error[AL002]: the waiver of AL201 for `team.yaml` gives no reason"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("--> prog/al.toml:4:1"), "{}", r.stdout);
}

#[test]
fn a_broken_al_toml_stops_with_exit_2_and_its_place() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    for (text, expect) in [
        ("[limits]\nmax_groups = \"five\"\n", "prog/al.toml:2:14"),
        ("[rules]\nAL21 = \"allow\"\n", "unknown rule code `AL21`"),
        ("[limits]\ngroup_size = [8, 4]\n", "not a range"),
        ("lang = \"fr\"\n", "prog/al.toml:1:8"),
    ] {
        fs::write(dir.join("al.toml"), text).expect("write");
        let r = run(al()
            .current_dir(tmp.path())
            .args(["check", "--lang", "en", "prog"]));
        assert_eq!(r.code, 2, "{text}: {}", r.stderr);
        assert!(r.stderr.contains(expect), "{text}: {}", r.stderr);
    }
}

#[test]
fn bom_and_crlf_read_fine() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    for name in ["topic.yaml", "team.yaml"] {
        let text = fs::read_to_string(dir.join(name)).expect("read");
        fs::write(dir.join(name), format!("\u{feff}{}", text.replace('\n', "\r\n"))).expect("write");
    }
    let r = run(al()
        .args([
            "check",
            "--lang",
            "en",
            "--today",
            FIXTURE_TODAY,
            "--deny-warnings",
        ])
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stdout);
    // And positions stay right: a finding in a BOM + CRLF file points at its line.
    shrink_group(&dir);
    let r = run(al()
        .args([
            "check",
            "--lang",
            "en",
            "--today",
            FIXTURE_TODAY,
            "--format",
            "json",
        ])
        .arg(&dir));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(
        (
            v["findings"][0]["line"].as_u64(),
            v["findings"][0]["column"].as_u64()
        ),
        (Some(9), Some(9))
    );
}

#[test]
fn walking_a_folder_finds_programs_and_skips_hidden_and_target() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::create_dir_all(tmp.path().join(".git")).expect("git");
    for sub in ["2026/a", "2027/b", ".hidden/c", "target/d"] {
        copy_dir(Path::new("tests/fixtures/AL201/pass"), &tmp.path().join(sub));
    }
    let r = run(al().current_dir(tmp.path()).args([
        "check",
        "--lang",
        "en",
        ".",
        "--today",
        FIXTURE_TODAY,
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["summary"]["programs"], 2, "{}", r.stdout);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let args = [
        "check",
        "--lang",
        "en",
        "tests/fixtures/AL201/fail",
        "--today",
        FIXTURE_TODAY,
    ];
    let r = run(al().args(args).arg("--color=always"));
    assert!(r.stdout.contains("\u{1b}["), "--color=always colours");
    let r = run(al().args(args).arg("--color=never"));
    assert!(!r.stdout.contains("\u{1b}["));
    let r = run(al().args(args).env("NO_COLOR", "1"));
    assert!(
        !r.stdout.contains("\u{1b}["),
        "NO_COLOR and a pipe give plain text"
    );
}

#[test]
fn explain_and_rules_come_from_the_registry() {
    let r = run(al().args(["explain", "al201"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("AL201 group-too-small"));
    let r = run(al().args(["rules"]));
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), al::rules::RULES.len());
}

#[test]
fn the_session_and_subtopic_rules_find_every_slip_in_one_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::create_dir_all(tmp.path().join(".git")).expect("git");
    let dir = tmp.path().join("talent-retention");
    copy_dir(Path::new("examples/talent-retention"), &dir);
    let s = dir.join("sessions");
    // The second workshop four months after the first, and only one day long.
    fs::remove_file(s.join("2026-07-06-workshop-3.yaml")).expect("rm");
    fs::rename(
        s.join("2026-05-11-workshop-2.yaml"),
        s.join("2026-07-16-workshop-2.yaml"),
    )
    .expect("mv");
    edit(
        &s.join("2026-07-16-workshop-2.yaml"),
        "date: 2026-05-11\ndays: 2",
        "date: 2026-07-16\ndays: 1",
    );
    // A sub-topic fixed after it.
    edit(
        &dir.join("subtopics/career-path.yaml"),
        "defined: 2026-03-16",
        "defined: 2026-07-20",
    );
    // An overdue open action.
    edit(
        &s.join("2026-08-10-g1-meeting.yaml"),
        "due: 2026-08-17, status: done",
        "due: 2026-08-17, status: open",
    );
    // Group g1 skipped June.
    fs::remove_file(s.join("2026-06-15-g1-meeting.yaml")).expect("rm");

    let r = run(al().current_dir(tmp.path()).args([
        "check",
        "--lang",
        "en",
        "talent-retention",
        "--today",
        TODAY,
    ]));
    insta::assert_snapshot!("slips_in_one_run", format!("exit: {}\n{}", r.code, r.stdout));
    for (code, place) in [
        (
            "AL302",
            "talent-retention/sessions/2026-07-16-workshop-2.yaml:3:7",
        ),
        (
            "AL303",
            "talent-retention/sessions/2026-07-16-workshop-2.yaml:4:7",
        ),
        ("AL402", "talent-retention/subtopics/career-path.yaml:4:10"),
        (
            "AL307",
            "talent-retention/sessions/2026-08-10-g1-meeting.yaml:13:",
        ),
        ("AL304", "talent-retention/team.yaml:21:9"),
    ] {
        let at = r
            .stdout
            .find(&format!("warning[{code}]"))
            .unwrap_or_else(|| panic!("no {code}:\n{}", r.stdout));
        let block = &r.stdout[at..];
        let block = &block[..block.find("\n\n").unwrap_or(block.len())];
        assert!(block.contains(place), "{code} not at {place}:\n{block}");
    }
    assert!(r.stdout.contains("held no group meetings in 2026-06"));
}

#[test]
fn explain_al302_gives_the_rhythm_and_an_example() {
    let r = run(al().args(["explain", "AL302"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("one and a half to two months") && r.stdout.contains("45 to 62"));
    assert!(
        r.stdout
            .contains("Example\n    # sessions/2026-03-16-workshop-1.yaml")
    );
}

#[test]
fn new_session_and_subtopic_write_named_commented_files_and_never_overwrite() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    let in_tmp = |args: &[&str]| run(al().current_dir(tmp.path()).args(args));

    let r = in_tmp(&[
        "new",
        "session",
        "--kind",
        "group-meeting",
        "--group",
        "g1",
        "--date",
        "2026-10-12",
        "tr",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "已创建 tr/sessions/2026-10-12-g1-meeting.yaml\n");
    let written = fs::read_to_string(dir.join("sessions/2026-10-12-g1-meeting.yaml")).expect("file");
    insta::assert_snapshot!("new_group_meeting_zh", written);

    // Never overwrites: the same command again is refused and the file is unchanged.
    let r = in_tmp(&[
        "new",
        "session",
        "--kind",
        "group-meeting",
        "--group",
        "g1",
        "--date",
        "2026-10-12",
        "tr",
    ]);
    assert_eq!(r.code, 2);
    // In the program's language, whatever folder `al` was run from.
    assert!(r.stderr.starts_with("错误: "), "{}", r.stderr);
    assert!(r.stderr.contains("已经存在"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.join("sessions/2026-10-12-g1-meeting.yaml")).expect("file"),
        written
    );

    let r = in_tmp(&[
        "new",
        "subtopic",
        "retention-bonus",
        "--group",
        "g1",
        "--owner",
        "li",
        "--today",
        "2026-05-01",
        "tr",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(
        "new_subtopic_zh",
        fs::read_to_string(dir.join("subtopics/retention-bonus.yaml")).expect("file")
    );
    let r = in_tmp(&[
        "new",
        "session",
        "--kind",
        "workshop",
        "--date",
        "2026-11-02",
        "--lang",
        "en",
        "tr",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(
        "new_workshop_en",
        fs::read_to_string(dir.join("sessions/2026-11-02-workshop-4.yaml")).expect("file")
    );

    // The new files are part of a program that still checks clean of errors,
    // but for the question `al new` leaves to be rewritten (AL006).
    let r = in_tmp(&[
        "check",
        "--lang",
        "en",
        "tr",
        "--today",
        "2026-10-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["summary"]["errors"], 1, "{}", r.stdout);
    let placeholder = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["severity"] == "error")
        .all(|f| f["code"] == "AL006" && f["file"] == "tr/subtopics/retention-bonus.yaml");
    assert!(placeholder, "{}", r.stdout);

    // Bad requests say what to do, exit 2, and write nothing.
    for (args, expect) in [
        (
            vec![
                "new",
                "session",
                "--kind",
                "group-meeting",
                "--date",
                "2026-10-12",
                "tr",
            ],
            "--group",
        ),
        (
            vec![
                "new",
                "session",
                "--kind",
                "group-meeting",
                "--group",
                "g9",
                "--date",
                "2026-10-12",
                "tr",
            ],
            "did you mean `g1`?",
        ),
        (
            vec![
                "new",
                "session",
                "--kind",
                "activity",
                "--date",
                "2026-10-20",
                "tr",
            ],
            "--activity",
        ),
        (
            vec![
                "new",
                "session",
                "--kind",
                "meeting",
                "--date",
                "2026-10-20",
                "tr",
            ],
            "group-meeting",
        ),
        (
            vec!["new", "session", "--kind", "review", "--date", "2026-02-30", "tr"],
            "2026-02-30",
        ),
        (
            vec!["new", "subtopic", "x", "--group", "g1", "--owner", "zhou", "tr"],
            "not a member of group `g1`",
        ),
        (
            vec!["new", "subtopic", "../x", "--group", "g1", "--owner", "li", "tr"],
            "cannot be a sub-topic id",
        ),
        (
            vec![
                "new",
                "subtopic",
                "career-path",
                "--group",
                "g2",
                "--owner",
                "wu",
                "tr",
            ],
            "already exists",
        ),
    ] {
        let before = fs::read_dir(dir.join("sessions")).expect("ls").count()
            + fs::read_dir(dir.join("subtopics")).expect("ls").count();
        let r = in_tmp(&[&args[..], &["--lang", "en"]].concat());
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expect), "{args:?}: {}", r.stderr);
        let after = fs::read_dir(dir.join("sessions")).expect("ls").count()
            + fs::read_dir(dir.join("subtopics")).expect("ls").count();
        assert_eq!(before, after, "{args:?} wrote a file");
    }
}

#[test]
fn report_and_agenda_write_files_atomically_and_keep_them_on_failure() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    let out = tmp.path().join("report.md");
    let r = run(al().args(["report", "--today", TODAY, "-o"]).arg(&out).arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "with -o nothing goes to stdout");
    let good = fs::read_to_string(&out).expect("written");
    assert!(good.starts_with("# 如何降低优秀人才流失率"));

    // A broken override: exit 2, the template named with its line, the old file kept.
    fs::create_dir_all(dir.join("templates")).expect("mkdir");
    fs::write(
        dir.join("templates/report.md.tera"),
        "# {{ topic.title }}\n\n{% for x in %}\n",
    )
    .expect("write");
    let r = run(al().args(["report", "--today", TODAY, "-o"]).arg(&out).arg(&dir));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("report.md.tera:3"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(&out).expect("kept"), good);
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".al-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");

    // A working override is used, and can say {{ topic.title }}.
    fs::write(
        dir.join("templates/report.md.tera"),
        "# {{ topic.title }} — {{ stage.number }}/6\n",
    )
    .expect("write");
    let r = run(al().args(["report", "--today", TODAY]).arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "# 如何降低优秀人才流失率 — 5/6\n");

    // Agendas too.
    let agenda = tmp.path().join("agenda.md");
    let r = run(al()
        .args(["agenda", "--today", TODAY, "-o"])
        .arg(&agenda)
        .arg(dir.join("sessions/2026-06-15-g1-meeting.yaml")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        fs::read_to_string(&agenda)
            .expect("agenda")
            .contains("| 13:00–15:30 | 集体研讨 |")
    );
}

#[test]
fn text_that_would_break_a_table_is_escaped() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    edit(&dir.join("team.yaml"), "name: 张伟,", "name: \"张|伟\",");
    edit(
        &dir.join("topic.yaml"),
        "convener: { name: 王建国, title: 副总经理 }",
        "convener: { name: 王建国, title: \"副总经理|CTO\" }",
    );
    let r = run(al().args(["report", "--today", FIXTURE_TODAY]).arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("| 张\\|伟 | 研发中心 | 中层 | 组长 |"),
        "{}",
        r.stdout
    );
    // Every row of every table has as many cells as its header.
    let mut columns = None;
    for line in r.stdout.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match columns {
            None => columns = Some(cells),
            Some(n) => assert_eq!(n, cells, "broken table row: {line}"),
        }
    }
}

#[test]
fn report_context_and_errors() {
    let r = run(al().args([
        "report",
        "examples/talent-retention",
        "--today",
        TODAY,
        "--context",
    ]));
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["topic"]["title"], "如何降低优秀人才流失率");
    let r = run(al().args(["report", "src"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no action learning program found in `src`"),
        "{}",
        r.stderr
    );
    let r = run(al().args(["agenda", "README.md"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not inside a program"), "{}", r.stderr);
    let r = run(al().args(["agenda", "examples/talent-retention/topic.yaml"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not a session file"), "{}", r.stderr);
}

/// A waiver names what it silences: waiving one group's one month leaves
/// every other month reported; a waiver that matches nothing is AL902.
#[test]
fn narrow_waivers_silence_only_what_they_name() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::create_dir_all(tmp.path().join(".git")).expect("git");
    let dir = tmp.path().join("prog");
    copy_dir(Path::new("tests/fixtures/AL304/fail"), &dir);
    let waiver = |month: &str| {
        format!(
            "[[allow]]\nrule = \"AL304\"\npath = \"team.yaml\"\ngroup = \"g1\"\nmonth = \"{month}\"\nreason = \"approved by the program office\"\n"
        )
    };
    let check = || {
        run(al()
            .current_dir(tmp.path())
            .args(["check", "prog", "--today", "2026-09-10", "--lang", "en"]))
    };

    fs::write(dir.join("al.toml"), waiver("2026-06")).expect("al.toml");
    let r = check();
    assert!(!r.stdout.contains("in 2026-06"), "June is waived:\n{}", r.stdout);
    assert!(
        r.stdout.contains("3 group meetings in 2026-08"),
        "August is not:\n{}",
        r.stdout
    );
    assert!(!r.stdout.contains("AL902"), "{}", r.stdout);

    // Another month: June is reported again, and the waiver is itself a finding.
    fs::write(dir.join("al.toml"), waiver("2026-07")).expect("al.toml");
    let r = check();
    assert!(
        r.stdout.contains("held no group meetings in 2026-06"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("warning[AL902]: the waiver of AL304 for `team.yaml` silences nothing"),
        "{}",
        r.stdout
    );

    // Another group: likewise.
    fs::write(dir.join("al.toml"), waiver("2026-06").replace("g1", "g2")).expect("al.toml");
    let r = check();
    assert!(
        r.stdout.contains("in 2026-06") && r.stdout.contains("AL902"),
        "{}",
        r.stdout
    );

    // The team rules say which group a finding is about.
    let team = tmp.path().join("team");
    copy_dir(Path::new("tests/fixtures/AL201/fail"), &team);
    let allow = |group: &str| {
        format!(
            "[[allow]]\nrule = \"AL201\"\npath = \"team.yaml\"\ngroup = \"{group}\"\nreason = \"pilot group\"\n"
        )
    };
    let check_team = || {
        run(al()
            .current_dir(tmp.path())
            .args(["check", "team", "--today", "2026-03-20", "--lang", "en"]))
    };
    fs::write(team.join("al.toml"), allow("g1")).expect("al.toml");
    assert!(check_team().stdout.starts_with("ok: no findings"));
    fs::write(team.join("al.toml"), allow("g2")).expect("al.toml");
    let r = check_team();
    assert!(
        r.stdout.contains("error[AL201]") && r.stdout.contains("warning[AL902]"),
        "{}",
        r.stdout
    );

    // A path that is no file of the program says which file was meant.
    fs::write(
        team.join("al.toml"),
        allow("g1").replace("team.yaml", "teams.yaml"),
    )
    .expect("al.toml");
    let r = check_team();
    assert!(
        r.stdout
            .contains("this program has no file `teams.yaml`; did you mean `team.yaml`?"),
        "{}",
        r.stdout
    );
    fs::write(
        team.join("al.toml"),
        allow("g1").replace("\"team.yaml\"", "\"team/team.yaml\""),
    )
    .expect("al.toml");
    let r = check_team();
    assert!(
        r.stdout
            .contains("`path` is a path inside the program folder: write `team.yaml`"),
        "{}",
        r.stdout
    );

    // A month that is not a month stops the run, naming the place.
    fs::write(dir.join("al.toml"), waiver("2026-6")).expect("al.toml");
    let r = check();
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("al.toml:5:9") && r.stderr.contains("is not a month"),
        "{}",
        r.stderr
    );
}

/// The report lists the exceptions granted, with reason, expiry and what
/// each silenced; `--context` carries the same.
#[test]
fn the_report_lists_the_exceptions_granted() {
    let dir = "tests/fixtures/AL902/pass";
    let r = run(al().args(["report", dir, "--today", "2026-09-10"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("### 已批准的例外"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("| AL304 | team.yaml | 小组 g1，月份 2026-06 | 第一组六月集中调研"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("在 2026-06 没有召开小组会议") && r.stdout.contains("（已豁免）"),
        "{}",
        r.stdout
    );
    let r = run(al().args([
        "report",
        dir,
        "--today",
        "2026-09-10",
        "--context",
        "--lang",
        "en",
    ]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let ex = v["exceptions"].as_array().expect("exceptions");
    assert_eq!(ex.len(), 2);
    assert_eq!(ex[1]["until"], "2026-12-31");
    assert_eq!(ex[0]["silenced"][0]["code"], "AL304");
    assert_eq!(ex[0]["scope"], "group g1, month 2026-06");
    // A program without waivers has no such section.
    let r = run(al().args(["report", "examples/talent-retention", "--today", "2026-09-30"]));
    assert!(!r.stdout.contains("已批准的例外"));
}

/// A declared stage behind the record is said at the top of the report's
/// stage section, not only among the findings.
#[test]
fn the_report_says_when_the_declared_stage_is_behind_the_record() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    edit(&dir.join("topic.yaml"), "stage: 5", "stage: 2");
    let r = run(al()
        .current_dir(tmp.path())
        .args(["report", "tr", "--today", "2026-09-30"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("**注意：项目文件所报为第 2 步，但记录显示已到第 5 步（方案实施与跟踪评估）。**"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("AL502"), "{}", r.stdout);
    let r = run(al()
        .current_dir(tmp.path())
        .args(["report", "tr", "--today", "2026-09-30", "--lang", "en"]));
    assert!(r.stdout.contains("the record shows step 5"), "{}", r.stdout);
}

/// The findings section of a Chinese report is in Chinese: the report
/// checks the program in its own language.
#[test]
fn a_chinese_reports_findings_are_in_chinese() {
    let r = run(al().args(["report", "tests/fixtures/AL201/fail", "--today", "2026-03-20"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("| 错误 | AL201 |"), "{}", r.stdout);
    assert!(r.stdout.contains("只有 3 名成员，少于下限 4 人"), "{}", r.stdout);
    assert!(!r.stdout.contains("fewer than the minimum"), "{}", r.stdout);
}

/// A session's own agenda longer than the session is a warning on standard
/// error, in the program's language, saying by how much and what to cut;
/// the agenda still prints and `al agenda` succeeds.
#[test]
fn an_agenda_longer_than_its_session_is_a_warning() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    let meeting = dir.join("sessions/2026-05-25-g1-meeting.yaml");
    edit(&meeting, "days: 1", "days: 0.5");
    let r = run(al().current_dir(tmp.path()).args([
        "agenda",
        "tr/sessions/2026-05-25-g1-meeting.yaml",
        "--today",
        TODAY,
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# 第一组第三次小组会议"), "{}", r.stdout);
    assert_eq!(
        r.stderr,
        "警告: 议程各项合计 420 分钟，比本次活动的时长（半天，210 分钟）多出 210 分钟；请删去或缩短排不下的议程项，或增加 `days:`：「集体研讨：离职原因鱼骨图」（超出的 120 分钟）、「制定下一步行动计划」（整项 60 分钟）、「回顾总结」（整项 30 分钟）\n"
    );
    let r = run(al().current_dir(tmp.path()).args([
        "agenda",
        "tr/sessions/2026-05-25-g1-meeting.yaml",
        "--today",
        TODAY,
        "--lang",
        "en",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("warning: the agenda's items add up to 420 minutes, 210 more"),
        "{}",
        r.stderr
    );
}

/// A session's own agenda never runs through lunch silently: the agenda
/// shows the break, and the item it splits is a warning. The standard
/// agenda keeps its items whole and warns of nothing.
#[test]
fn an_agenda_item_through_lunch_is_a_warning() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    let file = dir.join("sessions/2026-05-25-g1-meeting.yaml");
    edit(&file, "陈述与支持, minutes: 100", "陈述与支持, minutes: 90");
    let r = run(al()
        .arg("agenda")
        .arg(&file)
        .args(["--today", TODAY, "--lang", "en"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("| 12:00–13:00 | *Lunch* |  |"), "{}", r.stdout);
    assert_eq!(
        r.stderr,
        "warning: the agenda item \"集体研讨：离职原因鱼骨图\" starts at 11:50 and runs through lunch: 10 minutes before it and 140 after; shorten it or the items before it by 140 minutes so that it ends by lunch, or give the 10 minutes before lunch to the items before it so that it starts after lunch\n"
    );
    let r = run(al().args([
        "agenda",
        "examples/talent-retention/sessions/2026-03-30-g1-meeting.yaml",
        "--today",
        TODAY,
    ]));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

/// The findings of a report are grouped by what to do, each in plain words
/// naming the thing; files and lines are only in the appendix.
#[test]
fn the_report_groups_findings_by_what_to_do() {
    let r = run(al().args(["report", "tests/fixtures/AL201/fail", "--today", "2026-03-20"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (body, appendix) = r.stdout.split_at(r.stdout.find("## 九、附录").expect("appendix"));
    assert!(body.contains("### 调整团队与小组"), "{body}");
    assert!(
        body.contains("- **必须处理**：小组“g1”只有 3 名成员，少于下限 4 人。核心小组每组"),
        "{body}"
    );
    assert!(!body.contains("team.yaml:"), "{body}");
    assert!(
        appendix.contains("| 错误 | AL201 | tests/fixtures/AL201/fail/team.yaml:"),
        "{appendix}"
    );
    let r = run(al().args([
        "report",
        "tests/fixtures/AL201/fail",
        "--today",
        "2026-03-20",
        "--lang",
        "en",
    ]));
    assert!(
        r.stdout.contains("### Adjust the team and the groups"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("- **Must be fixed:** Group g1 has 3 members"),
        "{}",
        r.stdout
    );
}

/// An exception's scope names the group by its name, not its id.
#[test]
fn an_exception_names_its_group() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::create_dir_all(tmp.path().join(".git")).expect("git");
    let dir = tmp.path().join("p");
    copy_dir(Path::new("tests/fixtures/AL902/pass"), &dir);
    edit(
        &dir.join("team.yaml"),
        "  - id: g1\n",
        "  - id: g1\n    name: 第一组\n",
    );
    let r = run(al()
        .current_dir(tmp.path())
        .args(["report", "p", "--today", "2026-09-10"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("| 小组 第一组，月份 2026-06 |"), "{}", r.stdout);
    assert!(
        r.stdout.contains("- 小组“第一组”在 2026-06 没有召开小组会议"),
        "{}",
        r.stdout
    );
}

/// An agenda that does not fit its session says so in the document too,
/// not only on standard error: the agenda is sent on, the terminal is not.
#[test]
fn an_agenda_that_does_not_fit_says_so_in_the_document() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    let meeting = dir.join("sessions/2026-05-25-g1-meeting.yaml");
    edit(&meeting, "days: 1", "days: 0.5");
    for (format, lang, want) in [
        ("markdown", "zh", "> **注意**：议程各项合计 420 分钟"),
        (
            "markdown",
            "en",
            "> **Note:** the agenda's items add up to 420 minutes",
        ),
        (
            "html",
            "zh",
            "<p class=\"warning\"><strong>注意：</strong>议程各项合计 420 分钟",
        ),
    ] {
        let r = run(al()
            .arg("agenda")
            .arg(&meeting)
            .args(["--today", TODAY, "--format", format, "--lang", lang]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains(want), "{}", r.stdout);
    }
}

/// A limit far out of range in al.toml is an error at its line, exit 2, in
/// both languages — never a panic in date arithmetic.
#[test]
fn a_limit_out_of_range_is_an_error_at_its_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let p = tmp.path().join("p");
    copy_dir(Path::new("tests/fixtures/AL201/pass"), &p);
    for (value, ok) in [
        ("239977", false),
        ("0", false),
        ("121", false),
        ("120", true),
        ("7", true),
    ] {
        fs::write(
            p.join("al.toml"),
            format!("[limits]\nsteps_1_to_3_months = {value}\n"),
        )
        .expect("write");
        let r = run(al()
            .args(["check", "--lang", "en", "--today", FIXTURE_TODAY])
            .arg(&p));
        if ok {
            assert_eq!(r.code, 0, "{value}: {}", r.stderr);
        } else {
            assert_eq!(r.code, 2, "{value}: {}", r.stdout);
            assert!(
                r.stderr.contains("al.toml:2:1") && r.stderr.contains("from 1 to 120"),
                "{}",
                r.stderr
            );
            assert!(!r.stderr.contains("internal error"), "{}", r.stderr);
        }
    }
    let r = run(al()
        .args(["check", "--lang", "zh", "--today", FIXTURE_TODAY])
        .arg(&p));
    assert_eq!(r.code, 0);
    fs::write(p.join("al.toml"), "[limits]\nsteps_1_to_3_months = 239977\n").expect("write");
    let r = run(al()
        .args(["check", "--lang", "zh", "--today", FIXTURE_TODAY])
        .arg(&p));
    assert!(r.stderr.contains("超出范围"), "{}", r.stderr);
}

/// The same program named twice — as given, with `./`, or inside a folder
/// also named — is checked once.
#[test]
fn a_program_named_twice_is_checked_once() {
    let r = run(al().args([
        "check",
        "--lang",
        "en",
        "--today",
        FIXTURE_TODAY,
        "tests/fixtures/AL201/fail",
        "./tests/fixtures/AL201/fail/",
        "tests/fixtures/AL201",
    ]));
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.matches("error[AL201]").count(), 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("in 2 programs"),
        "fail once, then pass: {}",
        r.stdout
    );
}

/// An al.toml planted in a parent folder outside any repository (the
/// system's temp folder) does not apply; inside a repository a parent's
/// al.toml up to the root does.
#[test]
fn a_planted_al_toml_outside_a_repository_silences_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    fs::write(tmp.path().join("al.toml"), "[rules]\nAL201 = \"allow\"\n").expect("write");
    let p = tmp.path().join("p");
    copy_dir(Path::new("tests/fixtures/AL201/fail"), &p);
    let r = run(al()
        .args(["check", "--lang", "en", "--today", FIXTURE_TODAY])
        .arg(&p));
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("error[AL201]"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("settings from"),
        "no al.toml applied: {}",
        r.stdout
    );
    // The same al.toml at the root of the program's repository applies,
    // and the summary names it.
    fs::create_dir(tmp.path().join(".git")).expect("marker");
    let r = run(al()
        .args(["check", "--lang", "en", "--today", FIXTURE_TODAY])
        .arg(&p));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let planted = tmp.path().join("al.toml");
    assert!(
        r.stdout
            .trim_end()
            .ends_with(&format!("; settings from {}", planted.display())),
        "{}",
        r.stdout
    );
    let r = run(al()
        .args(["check", "--lang", "zh", "--today", FIXTURE_TODAY])
        .arg(&p));
    assert!(
        r.stdout
            .trim_end()
            .ends_with(&format!("；设置来自 {}", planted.display())),
        "{}",
        r.stdout
    );
}
