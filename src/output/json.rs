//! The JSON format: one document, stable for scripts. It is
//! written as findings arrive ([`Stream`]), so memory does not grow with the
//! number of programs; the bytes are those of pretty-printing the whole
//! document at once ([`render`]).

use crate::check::Summary;
use crate::diag::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: &'a [Diagnostic],
    summary: &'a Summary,
}

/// Renders all findings and the summary as one pretty-printed JSON document.
pub fn render(findings: &[Diagnostic], summary: &Summary) -> String {
    let doc = Document {
        version: 1,
        findings,
        summary,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn indented(value: &impl Serialize, by: &str) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.lines().collect::<Vec<_>>().join(&format!("\n{by}"))
}

/// Writes the same document piece by piece.
#[derive(Default)]
pub(crate) struct Stream {
    any: bool,
}

impl Stream {
    /// The opening of the document.
    pub fn start(&self) -> String {
        "{\n  \"version\": 1,\n  \"findings\": [".to_string()
    }

    /// The text for more findings.
    pub fn findings(&mut self, findings: &[Diagnostic]) -> String {
        let mut s = String::new();
        for f in findings {
            s.push_str(if self.any { ",\n    " } else { "\n    " });
            s.push_str(&indented(f, "    "));
            self.any = true;
        }
        s
    }

    /// The closing of the document, with the summary.
    pub fn finish(&self, summary: &Summary) -> String {
        let close = if self.any { "\n  ]" } else { "]" };
        format!("{close},\n  \"summary\": {}\n}}\n", indented(summary, "  "))
    }
}

/// The JSON format as an emitter: the findings of each program as it comes.
impl super::Emitter for Stream {
    fn begin(&mut self) -> String {
        self.start()
    }

    fn program(&mut self, piece: super::Piece) -> String {
        self.findings(&piece.diagnostics)
    }

    fn finish(&mut self, summary: &Summary) -> String {
        Stream::finish(self, summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn finding(n: u32) -> Diagnostic {
        Diagnostic {
            name: "group-too-small",
            message: format!("m{n} \"quoted\" 中文"),
            help: "h".to_string(),
            file: "a/team.yaml".to_string(),
            line: n,
            ..Diagnostic::sample("AL201", Severity::Error)
        }
    }

    #[test]
    fn streaming_gives_the_same_bytes() {
        for n in [0, 1, 3] {
            let all: Vec<Diagnostic> = (1..=n).map(finding).collect();
            let summary = Summary {
                programs: 2,
                files: 9,
                errors: n as usize,
                warnings: 0,
                ..Summary::default()
            };
            let mut st = Stream::default();
            let mut text = st.start();
            for chunk in all.chunks(2) {
                text.push_str(&st.findings(chunk));
            }
            text.push_str(&st.finish(&summary));
            assert_eq!(text, render(&all, &summary), "with {n} findings");
        }
    }
}
