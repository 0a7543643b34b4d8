//! The HTML reports and agendas of both examples, in both languages, pass
//! the Nu HTML checker with no error.

use crate::support::*;
use std::path::PathBuf;

/// The examples, with the name their files get.
pub const EXAMPLES: [(&str, &str); 2] = [
    ("talent-retention", "examples/talent-retention"),
    ("complaint-resolution", "examples/complaint-resolution"),
];

/// The date the examples describe.
pub const TODAY: &str = "2026-09-30";

/// Every session file of an example, sorted.
fn sessions(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir).join("sessions"))
        .expect("sessions")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn html_reports_and_agendas_are_valid_html() {
    if !have("html_reports_and_agendas_are_valid_html", &[vnu_tool()]) {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let mut files = Vec::new();
    for (name, dir) in EXAMPLES {
        for lang in ["zh", "en"] {
            let html = al(&[
                "report", dir, "--format", "html", "--lang", lang, "--today", TODAY,
            ]);
            let f = tmp.path().join(format!("report-{name}-{lang}.html"));
            std::fs::write(&f, html).expect("write");
            files.push(f);
            for s in sessions(dir) {
                let path = s.to_string_lossy().into_owned();
                let html = al(&[
                    "agenda", &path, "--format", "html", "--lang", lang, "--today", TODAY,
                ]);
                let stem = s
                    .file_stem()
                    .map(|x| x.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let f = tmp.path().join(format!("agenda-{name}-{stem}-{lang}.html"));
                std::fs::write(&f, html).expect("write");
                files.push(f);
            }
        }
    }
    let errors = vnu(&files);
    let list: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.file, e.message))
        .collect();
    assert!(
        errors.is_empty(),
        "the Nu HTML checker found {} errors in {} files:\n{}",
        errors.len(),
        files.len(),
        list.join("\n")
    );
}
