//! A whole program assembled from fuzzed files: the rules, every output
//! format, and the report and agenda templates must run without a panic,
//! every finding must point inside its file, and reading the program
//! without places (as `al check` does, parsing again with places only the
//! files findings point into) must give the same findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = [
    "topic.yaml",
    "team.yaml",
    "sessions/a.yaml",
    "sessions/b.yaml",
    "subtopics/s.yaml",
    "al.toml",
    // Last, so that the seeds written before plans keep their meaning.
    "plan.yaml",
];

fuzz_target!(|data: &[u8]| {
    // 0xFF never appears in UTF-8: it separates the files.
    let mut files = Vec::new();
    let mut config_text = None;
    for (name, chunk) in NAMES.iter().zip(data.split(|b| *b == 0xFF)) {
        let Ok(text) = std::str::from_utf8(chunk) else { return };
        if *name == "al.toml" {
            config_text = Some(text.to_string());
        } else {
            files.push((name.to_string(), text.to_string()));
        }
    }
    let config = match config_text {
        Some(t) => match al::config::Config::parse(&t, "al.toml") {
            Ok(c) => c,
            Err(_) => return,
        },
        None => al::config::Config::default(),
    };
    let today = al::dates::parse_date("2026-06-30").unwrap_or_default();
    let lang = Some(al::config::Lang::Zh);
    let report = al::check::finish(al::load::program_from_texts("p", &files), &config, true, today, lang);
    let fast = al::check::finish(
        al::yaml::unlocated(|| al::load::program_from_texts("p", &files)),
        &config,
        true,
        today,
        lang,
    );
    assert_eq!(report.diagnostics, fast.diagnostics, "the same findings both ways");
    let program = &report.program;
    let report_ctx = {
        let mut summary = al::check::Summary::default();
        summary.add(&report);
        for d in &report.diagnostics {
            if d.whole_file {
                continue;
            }
            let Some(text) = report.text_of(&d.file) else { continue };
            let lines: Vec<&str> = text.split('\n').collect();
            let line = d.line as usize;
            assert!(line >= 1 && line <= lines.len(), "{}: line {line} of {}", d.code, lines.len());
            let width = lines[line - 1].chars().count() + 1;
            assert!(d.column >= 1 && d.column as usize <= width, "{}: column {} of {width}", d.code, d.column);
        }
        use al::output::Format;
        for format in [Format::Human, Format::Json, Format::Github, Format::Sarif, Format::Junit] {
            let _ = al::output::render_one(format, &report, al::config::Lang::Zh);
        }
        al::report::context::report(program, &config.limits, al::config::Lang::Zh, today, &report.diagnostics, &summary, None)
    };
    for lang in [al::config::Lang::Zh, al::config::Lang::En] {
        if let Ok(engine) = al::report::engine(lang, None) {
            let _ = al::report::render(&engine, "report.md.tera", &report_ctx, None);
            for i in 0..program.sessions.len() {
                let ctx = al::report::agenda::context(program, i, lang, today);
                let _ = al::report::render(&engine, "agenda.md.tera", &ctx, None);
            }
        }
    }
});
