//! JUnit XML: one test suite per program, one test case per file; error
//! findings are failures, warnings are printed with the case (and are failures
//! with `--deny-warnings`).

use super::{Omitted, Options, Piece, Render, Rendered};
use crate::check::Summary;
use crate::config::Lang;
use crate::diag::{Diagnostic, Severity};
use std::collections::{HashMap, HashSet};

/// The JUnit format as an emitter: each program's files listed on the
/// workers, the one document at the end.
pub(crate) struct Junit {
    deny_warnings: bool,
    /// Per program: its name, its files, how many of `all` are its
    /// findings, what was left out of them, and its language.
    suites: Vec<Kept>,
    all: Vec<Diagnostic>,
}

/// What the JUnit emitter keeps of one program until the end.
struct Kept {
    name: String,
    files: Vec<String>,
    findings: usize,
    omitted: Vec<Omitted>,
    lang: Lang,
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
        let omitted = piece
            .omitted
            .into_iter()
            .map(|mut o| {
                o.file = paths.path(&o.file);
                o
            })
            .collect();
        self.suites.push(Kept {
            name: piece.rendered.text,
            files: piece.rendered.sources,
            findings: n,
            omitted,
            lang: piece.lang,
        });
        String::new()
    }

    fn finish(&mut self, _summary: &Summary) -> String {
        let mut start = 0;
        let list: Vec<Suite> = self
            .suites
            .iter()
            .map(|k| {
                let s = Suite {
                    name: &k.name,
                    files: k.files.clone(),
                    findings: &self.all[start..start + k.findings],
                    omitted: &k.omitted,
                    lang: k.lang,
                };
                start += k.findings;
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
    /// Its findings that are shown.
    pub findings: &'a [Diagnostic],
    /// Its findings that are not, per file and rule.
    pub omitted: &'a [Omitted],
    /// The language of its messages.
    pub lang: Lang,
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
    let mut body = String::new();
    let (mut tests, mut failures) = (0, 0);
    for s in suites {
        let (cases, failed) = suite_cases(s, deny_warnings);
        tests += cases.len();
        failures += failed;
        body.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
            xml(s.name),
            cases.len(),
            failed
        ));
        for case in cases {
            body.push_str(&case);
        }
        body.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"al check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{body}</testsuites>\n"
    )
}

/// The test cases of one suite, one per file (the files checked, then any
/// other file a finding names, in order), and how many of them fail.
fn suite_cases(s: &Suite, deny_warnings: bool) -> (Vec<String>, usize) {
    let mut files = s.files.clone();
    let mut known: HashSet<String> = files.iter().cloned().collect();
    let mut mine: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in s.findings {
        if known.insert(d.file.clone()) {
            files.push(d.file.clone());
        }
        mine.entry(d.file.as_str()).or_default().push(d);
    }
    let mut more: HashMap<&str, Vec<&Omitted>> = HashMap::new();
    for o in s.omitted {
        more.entry(o.file.as_str()).or_default().push(o);
    }
    let mut failed = 0;
    let cases = files
        .iter()
        .map(|f| {
            let findings = mine.get(f.as_str()).map_or(&[][..], Vec::as_slice);
            let omitted = more.get(f.as_str()).map_or(&[][..], Vec::as_slice);
            let (case, fails) = case(s, f, findings, omitted, deny_warnings);
            failed += usize::from(fails);
            case
        })
        .collect();
    (cases, failed)
}

/// The test case of one file, and whether it fails.
fn case(
    s: &Suite,
    f: &str,
    mine: &[&Diagnostic],
    omitted: &[&Omitted],
    deny_warnings: bool,
) -> (String, bool) {
    let fails = |severity: Severity| severity == Severity::Error || deny_warnings;
    let short = f.strip_prefix(&format!("{}/", s.name)).unwrap_or(f);
    let mut body = format!(
        "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"",
        xml(s.name),
        xml(short),
        xml(f)
    );
    if mine.is_empty() {
        body.push_str("/>\n");
        return (body, false);
    }
    body.push_str(">\n");
    let mut lines: Vec<String> = mine
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
    lines.extend(
        omitted
            .iter()
            .map(|o| format!("{}: note[{}] {}", o.file, o.code, o.sentence(s.lang))),
    );
    let failing: Vec<&&Diagnostic> = mine.iter().filter(|d| fails(d.severity)).collect();
    let more: usize = omitted
        .iter()
        .filter(|o| fails(o.severity))
        .map(|o| o.omitted)
        .sum();
    let failed = !failing.is_empty();
    if let Some(first) = failing.first() {
        let others = failing.len() - 1 + more;
        let message = if others == 0 {
            format!("{}: {}", first.code, first.message)
        } else {
            format!("{}: {} (and {} more)", first.code, first.message, others)
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
    (body, failed)
}
