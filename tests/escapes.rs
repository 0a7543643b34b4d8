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
