//! Nothing from a file or a folder name reaches the terminal as a control
//! sequence in `al check`'s human output, colour on or off: paths, messages,
//! help, labels and excerpts show control characters as visible signs, and
//! no line can start with what a name put after a line break.

mod common;
use common::*;

use std::path::Path;

#[test]
fn check_output_shows_control_characters_as_signs() {
    let tmp = tempfile::tempdir().expect("temp");
    // A folder whose name carries a line break and a workflow command.
    let program = tmp.path().join("p\n::error file=x::pwned");
    copy_dir(Path::new("tests/fixtures/AL201/fail"), &program);
    // An unknown member id with a screen-clearing sequence and a title change.
    edit(
        &program.join("team.yaml"),
        "members: [zhang, li, wang]",
        "members: [zhang, li, \"wa\\e]0;PWNED\\ang\\e[2J\"]",
    );
    for color in ["always", "never"] {
        let (code, out, err) = al(
            tmp.path(),
            &[
                "check",
                "--color",
                color,
                "--lang",
                "en",
                "--today",
                "2026-03-20",
                "--format",
                "human",
            ],
        );
        assert_eq!(code, 1, "{err}");
        assert!(!out.contains("\u{1b}]"), "no OSC sequence ({color}): {out:?}");
        assert!(
            !out.contains("\u{1b}[2J"),
            "no screen clearing ({color}): {out:?}"
        );
        assert!(!out.contains('\u{7}'), "no BEL ({color})");
        assert!(
            !out.lines().any(|l| l.starts_with("::")),
            "no line starts a workflow command ({color}): {out}"
        );
        assert!(out.contains('\u{241b}'), "ESC is shown as ␛ ({color}): {out}");
        assert!(
            out.contains("p\u{240a}::error"),
            "the break is shown as ␊ ({color}): {out}"
        );
    }
}

/// `al new session` with ids from a hostile team.yaml: the file stays in
/// sessions/, a group id with a comma stays one id, and a facilitator id
/// with a line break adds no key.
#[test]
fn new_session_writes_inside_the_program_and_quotes_ids() {
    let tmp = tempfile::tempdir().expect("temp");
    let program = tmp.path().join("a/b/c/d/p");
    copy_dir(Path::new("tests/fixtures/AL201/pass"), &program);
    let team = program.join("team.yaml");
    edit(&team, "  - id: g1\n", "  - id: \"x/../../../../escaped, g1\"\n");
    edit(
        &team,
        "facilitator: zhao",
        "facilitator: \"zhao\\nactions: [{task: pwned}]\"",
    );
    let (code, out, err) = al(
        tmp.path(),
        &[
            "new",
            "session",
            "--kind",
            "group-meeting",
            "--group",
            "x/../../../../escaped, g1",
            "--date",
            "2026-04-01",
            "a/b/c/d/p",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let written: Vec<String> = std::fs::read_dir(program.join("sessions"))
        .expect("sessions")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2026-04-01"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(!tmp.path().join("a/escaped-meeting.yaml").exists());
    let text = std::fs::read_to_string(program.join("sessions").join(&written[0])).expect("session");
    let v: serde_json::Value = serde_saphyr::from_str(&text).expect("yaml");
    assert_eq!(
        v["groups"],
        serde_json::json!(["x/../../../../escaped, g1"]),
        "{text}"
    );
    // An id is read as it looks (a line break shows nothing): `al check`
    // refuses it (AL002), and `al new` writes the id every rule sees.
    assert_eq!(v["facilitator"], "zhaoactions: [{task: pwned}]", "{text}");
    assert!(
        v.get("actions").is_none_or(|a| a == &serde_json::json!([])),
        "{text}"
    );
}
