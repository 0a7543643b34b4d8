//! Which language `al` speaks, one test per step of the order: `--lang`,
//! then `AL_LANG`, then al.toml's `lang`, then the program's own language
//! (its topic's title), then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`),
//! then English.

mod common;
use common::*;

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

/// `al` in `dir` with no language in its environment but what `env` sets.
fn al(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("al").expect("bin");
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS");
    for key in ["AL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(key);
    }
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

/// A failing program with a Chinese title (or an English one), in its own
/// repository (so no al.toml above it applies).
fn program_with(tmp: &tempfile::TempDir, english_title: bool) -> PathBuf {
    fs::create_dir_all(tmp.path().join(".git")).expect("git marker");
    let dir = tmp.path().join(if english_title { "en-prog" } else { "zh-prog" });
    copy_dir(Path::new("tests/fixtures/AL201/fail"), &dir);
    if english_title {
        edit(
            &dir.join("topic.yaml"),
            "title: 如何缩短新员工上手时间",
            "title: How can new staff be productive sooner?",
        );
    }
    dir
}

const CHECK: [&str; 4] = ["check", ".", "--today", "2026-03-20"];

/// The language `al check` spoke: its summary line says.
fn spoke(out: &str) -> &'static str {
    if out.contains("未通过：") {
        "zh"
    } else if out.contains("failed: ") {
        "en"
    } else {
        "?"
    }
}

#[test]
fn the_flag_comes_first() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program_with(&tmp, false);
    fs::write(dir.join("al.toml"), "lang = \"zh\"\n").expect("al.toml");
    let (_, out, _) = al(
        &dir,
        &[&CHECK[..], &["--lang", "en"]].concat(),
        &[("AL_LANG", "zh"), ("LANG", "zh_CN.UTF-8")],
    );
    assert_eq!(spoke(&out), "en", "{out}");
    let (_, out, _) = al(
        tmp.path(),
        &["--lang", "zh", "explain", "AL201"],
        &[("AL_LANG", "en")],
    );
    assert!(out.contains("检查什么"), "{out}");
}

#[test]
fn then_al_lang() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program_with(&tmp, false);
    fs::write(dir.join("al.toml"), "lang = \"zh\"\n").expect("al.toml");
    let (_, out, _) = al(&dir, &CHECK, &[("AL_LANG", "en")]);
    assert_eq!(spoke(&out), "en", "{out}");
    let (_, out, _) = al(
        tmp.path(),
        &["explain", "AL201"],
        &[("AL_LANG", "zh"), ("LANG", "en_US.UTF-8")],
    );
    assert!(out.contains("检查什么"), "{out}");
    // A value that names no language stops `al` before it does anything.
    let (code, _, err) = al(&dir, &CHECK, &[("AL_LANG", "fr")]);
    assert_eq!(code, 2);
    assert!(err.contains("AL_LANG=`fr`"), "{err}");
}

#[test]
fn then_al_toml() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program_with(&tmp, false);
    fs::write(dir.join("al.toml"), "lang = \"en\"\n").expect("al.toml");
    let (_, out, _) = al(&dir, &CHECK, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(
        spoke(&out),
        "en",
        "al.toml comes before the program's Chinese title: {out}"
    );
    // Outside a program, the al.toml of the current folder speaks for it.
    let (_, out, _) = al(&dir, &["explain", "AL201"], &[]);
    assert!(out.contains("What it checks"), "{out}");
    fs::write(dir.join("al.toml"), "lang = \"zh\"\n").expect("al.toml");
    let (_, out, _) = al(&dir, &["explain", "AL201"], &[("LANG", "en_US.UTF-8")]);
    assert!(out.contains("检查什么"), "{out}");
}

#[test]
fn then_the_programs_own_language() {
    let tmp = tempfile::tempdir().expect("tmp");
    let zh = program_with(&tmp, false);
    let (_, out, _) = al(&zh, &CHECK, &[("LANG", "en_US.UTF-8")]);
    assert_eq!(
        spoke(&out),
        "zh",
        "a Chinese title comes before the locale: {out}"
    );
    // Commands not about one program, run in a program's folder, speak its language.
    let (_, out, _) = al(&zh, &["explain", "AL201"], &[("LANG", "en_US.UTF-8")]);
    assert!(out.contains("检查什么"), "{out}");
    let tmp = tempfile::tempdir().expect("tmp");
    let en = program_with(&tmp, true);
    let (_, out, _) = al(&en, &CHECK, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(
        spoke(&out),
        "en",
        "an English title comes before the locale: {out}"
    );
}

#[test]
fn then_the_locale_then_english() {
    let tmp = tempfile::tempdir().expect("tmp");
    for (env, want) in [
        (vec![("LANG", "zh_CN.UTF-8")], "检查什么"),
        (
            vec![("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "en_US.UTF-8")],
            "检查什么",
        ),
        (
            vec![("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")],
            "What it checks",
        ),
        (
            vec![("LC_ALL", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")],
            "检查什么",
        ),
        (vec![("LC_ALL", ""), ("LANG", "zh_SG")], "检查什么"),
        (vec![], "What it checks"),
    ] {
        let (_, out, _) = al(tmp.path(), &["explain", "AL201"], &env);
        assert!(out.contains(want), "{env:?}: {out}");
    }
}

/// In a portfolio of programs of both languages, each program's findings
/// are in its own language unless `--lang` is given.
#[test]
fn each_program_of_a_portfolio_speaks_its_own_language() {
    let tmp = tempfile::tempdir().expect("tmp");
    program_with(&tmp, false);
    program_with(&tmp, true);
    let (_, out, _) = al(tmp.path(), &CHECK, &[]);
    assert!(
        out.contains("错误[AL201]") && out.contains("error[AL201]"),
        "{out}"
    );
    let (_, out, _) = al(tmp.path(), &[&CHECK[..], &["--lang", "zh"]].concat(), &[]);
    assert!(!out.contains("error[AL201]") && out.contains("未通过："), "{out}");
    // JSON carries each program's message in its language; its keys do not change.
    let (_, json, _) = al(tmp.path(), &[&CHECK[..], &["--format", "json"]].concat(), &[]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(v["findings"].as_array().is_some_and(|f| f.len() == 2), "{json}");
}

/// An error in a program's al.toml, met from outside the program, is said in
/// the program's language (and `--lang` still comes first).
#[test]
fn an_al_toml_error_speaks_its_programs_language() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = program_with(&tmp, false);
    fs::write(
        dir.join("al.toml"),
        "[[allow]]\nrule = \"AL201\"\npath = \"team.yaml\"\nmonth = \"2026-6\"\nreason = \"试点\"\n",
    )
    .expect("al.toml");
    let (code, _, err) = al(tmp.path(), &["check", "zh-prog"], &[("LANG", "en_US.UTF-8")]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("错误: zh-prog/al.toml:4:9:") && err.contains("不是月份"),
        "{err}"
    );
    let (_, _, err) = al(tmp.path(), &["check", "zh-prog", "--lang", "en"], &[]);
    assert!(err.starts_with("error: zh-prog/al.toml:4:9:"), "{err}");
}
