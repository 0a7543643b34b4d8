//! The SARIF log of a portfolio with Chinese, spaced, `%` and `#` folder and
//! file names passes Microsoft's SARIF validator (Sarif.Multitool, the SARIF
//! SDK's own checker, with its SARIF and GitHub rule sets), inside a git
//! repository (URIs relative to `%SRCROOT%`) and outside one (`file://` URIs).

use crate::support::*;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// What the validator may say, and why it is left: `al` is not published
/// anywhere, so its driver has no `informationUri` to give (a registry or
/// repository page that does not exist would be worse than none).
const ACCEPTED: &[&str] = &["SARIF2005"];

/// A portfolio of three programs under names a Chinese office would use.
fn portfolio(root: &Path) {
    let first = root.join("项目/人才 保留%#");
    copy_dir(&root_dir("tests/fixtures/AL201/fail"), &first);
    std::fs::create_dir_all(first.join("sessions")).expect("sessions");
    std::fs::write(
        first.join("sessions/2026-03-02 启动会 %20.yaml"),
        "kind: kickoff\ndate: 2026-03-02\nwhen: soon\n",
    )
    .expect("session");
    copy_dir(
        &root_dir("examples/talent-retention"),
        &root.join("a b/c%d#e&<f>"),
    );
    copy_dir(&root_dir("tests/fixtures/AL003/fail"), &root.join("客户 投诉"));
}

/// A path under the repository of `al` itself.
fn root_dir(rel: &str) -> std::path::PathBuf {
    root().join(rel)
}

/// `al check . --format sarif` run in `dir`.
fn sarif_of(dir: &Path) -> String {
    let out = run(
        Command::new(assert_cmd::cargo::cargo_bin("al"))
            .args([
                "check",
                ".",
                "--format",
                "sarif",
                "--today",
                "2026-09-30",
                "--lang",
                "zh",
            ])
            .current_dir(dir),
        None,
        Duration::from_secs(60),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The validator's results on one log, as (rule, level, message).
fn validate(log: &Path, out: &Path) -> Vec<(String, String, String)> {
    let done = run(
        Command::new(sarif_multitool())
            .arg("validate")
            .arg(log)
            .arg("--output")
            .arg(out)
            .args(["--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh"])
            // No ICU is needed to check a log.
            .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1"),
        None,
        Duration::from_secs(300),
    );
    let said = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success() && said.contains("Analysis completed successfully"),
        "the validator did not run: {said}{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).expect("validator output")).expect("json");
    report["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or("").to_string(),
                // A result without a level is a warning.
                r["level"].as_str().unwrap_or("warning").to_string(),
                r["message"]["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Asserts that the validator found nothing but the accepted warnings.
fn passes(log: &str, tmp: &Path, name: &str) {
    let file = tmp.join(format!("{name}.sarif"));
    std::fs::write(&file, log).expect("write");
    let found = validate(&file, &tmp.join(format!("{name}.validation.sarif")));
    let wrong: Vec<_> = found
        .iter()
        .filter(|(rule, _, _)| !ACCEPTED.contains(&rule.as_str()))
        .collect();
    assert!(wrong.is_empty(), "{name}: {wrong:#?}");
}

#[test]
fn the_sarif_log_of_a_chinese_portfolio_passes_microsofts_validator() {
    if !have(
        "the_sarif_log_of_a_chinese_portfolio_passes_microsofts_validator",
        &[sarif_tool()],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = tmp.path().join("仓库 repo");
    portfolio(&repo);
    let outside = sarif_of(&repo);
    assert!(outside.contains("file:///"), "outside a repository: file URIs");
    passes(&outside, tmp.path(), "outside");
    assert!(
        Command::new("git")
            .args(["init", "-q"])
            .current_dir(&repo)
            .status()
            .expect("git")
            .success()
    );
    let inside = sarif_of(&repo);
    assert!(
        inside.contains("%SRCROOT%") && inside.contains("%E9%A1%B9%E7%9B%AE/"),
        "{inside}"
    );
    passes(&inside, tmp.path(), "inside");
}
