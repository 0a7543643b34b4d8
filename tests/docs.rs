//! Generated docs stay in step with the code.

#[test]
fn docs_rules_md_matches_the_registry() {
    let expected = al::app::rules_markdown();
    let path = "docs/rules.md";
    if std::env::var_os("AL_BLESS").is_some() {
        std::fs::write(path, &expected).expect("write docs/rules.md");
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date; regenerate it with: AL_BLESS=1 cargo test --test docs"
    );
}

#[test]
fn readme_quick_start_commands_are_the_ones_ci_runs() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let ci = std::fs::read_to_string(".ci/run").expect(".ci/run");
    assert!(readme.contains("cargo run --release -- check examples/talent-retention --today 2026-09-30"));
    assert!(readme.contains("\ncargo test\n") && ci.contains("\ncargo test\n"));
}
