//! Long lines in human excerpts: a line wider than 200 columns is shown as
//! a window around the caret, cut between characters with `…`, the caret
//! still under its value (a Chinese character takes two columns); the
//! machine formats keep their data as it is.

mod common;
use common::*;

use std::fs;

/// A session whose actions are written on one line: `tasks` before the
/// action for `nobody` (whose owner is no one) and `after` tasks after it,
/// each task named by `task`.
fn one_line(task: fn(usize) -> String, before: usize, after: usize) -> String {
    let action = |i: usize, owner: &str| format!("{{task: {}, owner: {owner}, due: 2026-04-30}}", task(i));
    let mut actions: Vec<String> = (0..before).map(|i| action(i, "zhang")).collect();
    actions.push(action(before, "nobody"));
    actions.extend((before + 1..before + 1 + after).map(|i| action(i, "li")));
    format!(
        "kind: group-meeting\ndate: 2026-03-09\ngroups: [g1]\nactions: [{}]\n",
        actions.join(", ")
    )
}

fn english(i: usize) -> String {
    format!("write part {i} of the report")
}

fn chinese(i: usize) -> String {
    format!("撰写调研报告第{i}部分并与人力资源部核对数据")
}

/// The human output of checking the program with `session` added, and
/// its JSON findings for the session.
fn check(session: &str, lang: &str) -> (String, serde_json::Value) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program(&tmp);
    fs::write(dir.join("sessions/2026-03-09-g1-meeting.yaml"), session).expect("write");
    let args = ["check", "prog", "--today", "2026-03-20", "--lang", lang];
    let (code, human, err) = al(tmp.path(), &args);
    assert_eq!(code, 1, "{human}{err}");
    let (_, json, _) = al(tmp.path(), &[&args[..], &["--format", "json"]].concat());
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    (human, json)
}

/// The excerpt of the finding about `nobody`.
fn excerpt(human: &str) -> String {
    let start = human.find("`nobody`").expect("the finding");
    let block = &human[start..];
    block[..block.find("\n\n").unwrap_or(block.len())].to_string()
}

/// Checks that the caret is under `nobody` in an excerpt: the caret line's
/// columns (a Chinese character takes two) match the value's.
fn caret_under_nobody(excerpt: &str) {
    let lines: Vec<&str> = excerpt.lines().collect();
    let at = lines.iter().position(|l| l.contains("^^^")).expect("a caret");
    let (text, caret) = (lines[at - 1], lines[at]);
    let width = |s: &str| {
        s.chars()
            .map(|c| if (c as u32) >= 0x2E80 && c != '…' { 2 } else { 1 })
            .sum::<usize>()
    };
    let value = text.find("nobody").expect("the value is shown");
    let column = caret.find('^').expect("caret");
    assert_eq!(width(&text[..value]), column, "{excerpt}");
    assert!(caret[column..].starts_with("^^^^^^ "), "{excerpt}");
    assert!(width(text) <= 140, "the window fits a terminal: {excerpt}");
}

#[test]
fn a_long_line_is_shown_around_the_caret_in_the_middle_and_at_the_end() {
    let cases = [
        ("ascii_middle", one_line(english, 6, 6), "en"),
        ("ascii_end", one_line(english, 12, 0), "en"),
        ("chinese_middle", one_line(chinese, 6, 6), "zh"),
        ("chinese_end", one_line(chinese, 12, 0), "zh"),
    ];
    for (name, session, lang) in cases {
        let (human, json) = check(&session, lang);
        let shown = excerpt(&human);
        caret_under_nobody(&shown);
        assert!(shown.contains('…'), "{shown}");
        insta::assert_snapshot!(format!("long_line_{name}"), shown);
        // JSON keeps the finding's place in the whole line.
        let line = session.lines().nth(3).expect("line 4");
        let at = line.find("nobody").expect("nobody");
        let finding = json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["message"].as_str().is_some_and(|m| m.contains("`nobody`")))
            .expect("the finding in JSON");
        let column = line[..at].chars().count() + 1;
        assert_eq!(finding["line"], 4);
        assert_eq!(finding["column"], column);
        // The heading names the place in the whole line, not in the window.
        let heading = format!("--> prog/sessions/2026-03-09-g1-meeting.yaml:4:{column}\n");
        assert!(shown.contains(&heading), "{heading}{shown}");
    }
}

#[test]
fn short_lines_are_shown_whole() {
    let (human, _) = check(&one_line(english, 0, 0), "en");
    let shown = excerpt(&human);
    assert!(!shown.contains('…'), "{shown}");
    caret_under_nobody(&shown);
}
