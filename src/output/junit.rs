//! JUnit XML: one test suite per program, one test case per file; error
//! findings are failures, warnings are printed with the case (and are failures
//! with `--deny-warnings`).

use super::{Options, Piece, Render, Rendered};
use crate::check::Summary;
use crate::diag::{Diagnostic, Severity};

/// The JUnit format as an emitter: each program's files listed on the
/// workers, the one document at the end.
pub(crate) struct Junit {
    deny_warnings: bool,
    /// Per program: its name, its files, and how many of `all` are its findings.
    suites: Vec<(String, Vec<String>, usize)>,
    all: Vec<Diagnostic>,
}

impl Junit {
    /// Warnings are failures with `--deny-warnings`.
    pub fn new(options: Options) -> Junit {
        Junit {
            deny_warnings: options.deny_warnings,
            suites: Vec::new(),
            all: Vec::new(),
        }
    }
}

impl super::Emitter for Junit {
    fn render(&self) -> Render {
        Box::new(|report| {
            let mut paths = super::paths::RepoPaths::default();
            Rendered {
                text: paths.path(&report.display),
                sources: report.sources().map(|s| paths.path(&s.display)).collect(),
                ..Default::default()
            }
        })
    }

    fn program(&mut self, piece: Piece) -> String {
        let n = piece.diagnostics.len();
        // Named from the repository root, as the files are: a test's name
        // must not change with the folder `al` ran from.
        let mut paths = super::paths::RepoPaths::default();
        self.all.extend(piece.diagnostics.into_iter().map(|mut d| {
            d.file = paths.path(&d.file);
            d
        }));
        self.suites.push((piece.rendered.text, piece.rendered.sources, n));
        String::new()
    }

    fn finish(&mut self, _summary: &Summary) -> String {
        let mut start = 0;
        let list: Vec<Suite> = self
            .suites
            .iter()
            .map(|(name, files, n)| {
                let s = Suite {
                    name,
                    files: files.clone(),
                    findings: &self.all[start..start + n],
                };
                start += n;
                s
            })
            .collect();
        render(&list, self.deny_warnings)
    }
}

/// What the JUnit renderer needs of one program.
pub struct Suite<'a> {
    /// The program folder as shown.
    pub name: &'a str,
    /// Every file checked, as shown.
    pub files: Vec<String>,
    /// Its findings.
    pub findings: &'a [Diagnostic],
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn text(s: &str) -> String {
    xml(s).replace("&#10;", "\n")
}

/// Renders all suites as one document.
pub fn render(suites: &[Suite], deny_warnings: bool) -> String {
    let fails = |d: &Diagnostic| d.severity == Severity::Error || deny_warnings;
    let mut body = String::new();
    let (mut tests, mut failures) = (0, 0);
    for s in suites {
        let mut files = s.files.clone();
        for d in s.findings {
            if !files.contains(&d.file) {
                files.push(d.file.clone());
            }
        }
        let failed_files = files
            .iter()
            .filter(|f| s.findings.iter().any(|d| &d.file == *f && fails(d)))
            .count();
        tests += files.len();
        failures += failed_files;
        body.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
            xml(s.name),
            files.len(),
            failed_files
        ));
        for f in &files {
            let mine: Vec<&Diagnostic> = s.findings.iter().filter(|d| &d.file == f).collect();
            let short = f.strip_prefix(&format!("{}/", s.name)).unwrap_or(f);
            body.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"",
                xml(s.name),
                xml(short),
                xml(f)
            ));
            if mine.is_empty() {
                body.push_str("/>\n");
                continue;
            }
            body.push_str(">\n");
            let lines: Vec<String> = mine
                .iter()
                .map(|d| {
                    format!(
                        "{}:{}:{}: {}[{}] {}\n  help: {}",
                        d.file,
                        d.line,
                        d.column,
                        d.severity.as_str(),
                        d.code,
                        d.message,
                        d.help
                    )
                })
                .collect();
            let failing: Vec<&&Diagnostic> = mine.iter().filter(|d| fails(d)).collect();
            if let Some(first) = failing.first() {
                let message = if failing.len() == 1 {
                    format!("{}: {}", first.code, first.message)
                } else {
                    format!(
                        "{}: {} (and {} more)",
                        first.code,
                        first.message,
                        failing.len() - 1
                    )
                };
                body.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    xml(first.code),
                    xml(&message),
                    text(&lines.join("\n"))
                ));
            } else {
                body.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    text(&lines.join("\n"))
                ));
            }
            body.push_str("    </testcase>\n");
        }
        body.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"al check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{body}</testsuites>\n"
    )
}
