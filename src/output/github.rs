//! The GitHub Actions format: workflow commands that show as annotations.

use super::{Piece, Render, Rendered};
use crate::check::Summary;
use crate::diag::{Diagnostic, Severity};

/// The GitHub format as an emitter: each program's lines rendered on the
/// workers, nothing at the end.
pub(crate) struct Github;

impl super::Emitter for Github {
    fn render(&self) -> Render {
        Box::new(|report| Rendered {
            text: render(&report.diagnostics, &mut super::paths::RepoPaths::default()),
            ..Default::default()
        })
    }

    fn program(&mut self, piece: Piece) -> String {
        piece.rendered.text
    }

    fn finish(&mut self, _summary: &Summary) -> String {
        String::new()
    }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error …::message` (or `::warning`) line per finding, its file
/// named from the repository root (see [`super::paths`]).
pub(crate) fn render(findings: &[Diagnostic], paths: &mut super::paths::RepoPaths) -> String {
    let mut out = String::new();
    for d in findings {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = crate::report::visible_controls(&paths.path(&d.file));
        let mut props = format!("file={},line={}", escape_property(&file), d.line);
        match d.end {
            // A span over lines keeps its lines only: the runner accepts no
            // columns when the start and end lines differ.
            Some((end_line, _)) if end_line != d.line => {
                props.push_str(&format!(",endLine={end_line}"));
            }
            Some((end_line, end_col)) => props.push_str(&format!(
                ",col={},endLine={end_line},endColumn={end_col}",
                d.column
            )),
            None => props.push_str(&format!(",col={}", d.column)),
        }
        props.push_str(&format!(",title={}", escape_property(d.code)));
        let message = format!("{} ({})\nhelp: {}", d.message, d.name, d.help);
        let message = crate::report::visible_controls(&message);
        out.push_str(&format!("::{level} {props}::{}\n", escape_data(&message)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
