//! Generated docs stay in step with the code.

#[test]
fn docs_rules_md_matches_the_registry() {
    for (lang, path) in [
        (al::config::Lang::En, "docs/rules.md"),
        (al::config::Lang::Zh, "docs/rules.zh.md"),
    ] {
        let expected = al::rules::docs::markdown(lang);
        if std::env::var_os("AL_BLESS").is_some() {
            std::fs::write(path, &expected).expect("write the rules page");
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "{path} is out of date; regenerate it with: AL_BLESS=1 cargo test --test docs"
        );
    }
}

#[test]
fn readme_quick_start_commands_are_the_ones_ci_runs() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let ci = std::fs::read_to_string(".ci/run").expect(".ci/run");
    assert!(readme.contains("cargo run --release -- check examples/talent-retention --today 2026-09-30"));
    assert!(readme.contains("\ncargo test\n") && ci.contains("\ncargo test\n"));
}

/// The markers around the generated description of the template contexts.
const CONTEXT_START: &str =
    "<!-- generated from the context structs: AL_BLESS=1 cargo test --test docs -->\n";
const CONTEXT_END: &str = "<!-- end of the generated context -->";

#[test]
fn docs_templates_md_describes_the_context_structs() {
    let path = "docs/templates.md";
    let actual = std::fs::read_to_string(path).expect("docs/templates.md");
    let (Some(start), Some(end)) = (actual.find(CONTEXT_START), actual.find(CONTEXT_END)) else {
        panic!("docs/templates.md lacks the markers of the generated context");
    };
    let expected = format!(
        "{}{CONTEXT_START}{}{}",
        &actual[..start],
        al::report::context::context_markdown(),
        &actual[end..]
    );
    if std::env::var_os("AL_BLESS").is_some() {
        std::fs::write(path, &expected).expect("write docs/templates.md");
    }
    assert!(
        actual == expected || std::env::var_os("AL_BLESS").is_some(),
        "docs/templates.md's context is out of date; regenerate it with: AL_BLESS=1 cargo test --test docs"
    );
}

/// The project's docs, code and messages stand alone: they cite no
/// document that is not in the project.
#[test]
fn nothing_cites_documents_outside_the_project() {
    let mut files = vec![
        std::path::PathBuf::from("README.md"),
        "CONTRIBUTING.md".into(),
        "CHANGELOG.md".into(),
    ];
    for dir in ["docs", "src", "templates", "locales", "benches"] {
        for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
            if e.file_type().is_file() {
                files.push(e.into_path());
            }
        }
    }
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for outside in [
            "SPEC.md",
            "SPEC §",
            "DOMAIN.md",
            "DECISIONS.md",
            "STYLE.md",
            "../shared",
        ] {
            assert!(!text.contains(outside), "{} cites {outside}", path.display());
        }
    }
}
