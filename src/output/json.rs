//! The JSON format: one document, stable for scripts. It is
//! written as findings arrive ([`Stream`]), so memory does not grow with the
//! number of programs; the bytes are those of pretty-printing the whole
//! document at once ([`render`]).

use super::Omitted;
use crate::check::Summary;
use crate::diag::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: &'a [Diagnostic],
    #[serde(skip_serializing_if = "<[Omitted]>::is_empty")]
    truncated: &'a [Omitted],
    summary: &'a Summary,
}

/// Renders all findings and the summary as one pretty-printed JSON document.
pub fn render(findings: &[Diagnostic], summary: &Summary) -> String {
    render_with(findings, &[], summary)
}

/// [`render`] for findings of which some were left out: `truncated` says,
/// per file and rule, how many are shown and how many more there are
/// (the key is written only when something was left out).
pub fn render_with(findings: &[Diagnostic], truncated: &[Omitted], summary: &Summary) -> String {
    let doc = Document {
        version: 1,
        findings,
        truncated,
        summary,
    };
    let mut s = pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// A value as pretty-printed JSON, with every C1 control character
/// (U+0080–U+009F) escaped as `\u0080`…: JSON escapes C0 controls itself,
/// but a C1 character written raw is a control sequence to some terminals
/// (U+009B is CSI), and no value from a file may reach a terminal as one.
/// The same document either way for a JSON reader. Every JSON output of
/// `al` goes through here.
pub(crate) fn pretty(value: &impl Serialize) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    if !text.chars().any(is_c1) {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_c1(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Whether a character is a C1 control.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

fn indented(value: &impl Serialize, by: &str) -> String {
    let text = pretty(value).unwrap_or_default();
    text.lines().collect::<Vec<_>>().join(&format!("\n{by}"))
}

/// Writes the same document piece by piece.
#[derive(Default)]
pub(crate) struct Stream {
    any: bool,
    /// What was left out so far, written before the summary.
    truncated: Vec<Omitted>,
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

    /// Notes findings that were left out.
    pub fn truncated(&mut self, omitted: impl IntoIterator<Item = Omitted>) {
        self.truncated.extend(omitted);
    }

    /// The closing of the document, with what was left out and the summary.
    pub fn finish(&self, summary: &Summary) -> String {
        let close = if self.any { "\n  ]" } else { "]" };
        let truncated = if self.truncated.is_empty() {
            String::new()
        } else {
            format!(",\n  \"truncated\": {}", indented(&self.truncated, "  "))
        };
        format!(
            "{close}{truncated},\n  \"summary\": {}\n}}\n",
            indented(summary, "  ")
        )
    }
}

/// The JSON format as an emitter: the findings of each program as it comes.
impl super::Emitter for Stream {
    fn begin(&mut self) -> String {
        self.start()
    }

    fn program(&mut self, piece: super::Piece) -> String {
        self.truncated(piece.omitted);
        self.findings(&piece.diagnostics)
    }

    fn finish(&mut self, summary: &Summary) -> String {
        Stream::finish(self, summary)
    }
}

#[cfg(test)]
mod c1_tests {
    #[test]
    fn c1_controls_are_escaped_and_read_back_the_same() {
        let v = serde_json::json!({ "t": "a\u{9b}2J\u{1b}[31m\u{85}中" });
        let text = super::pretty(&v).expect("json");
        assert!(
            !text
                .chars()
                .any(|c| ('\u{80}'..='\u{9f}').contains(&c) || c == '\u{1b}'),
            "{text}"
        );
        assert!(text.contains("\\u009b") && text.contains("\\u0085"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("read back");
        assert_eq!(back, v);
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

    #[test]
    fn streaming_what_was_left_out_gives_the_same_bytes() {
        let all: Vec<Diagnostic> = (1..=3).map(finding).collect();
        let left_out = Omitted {
            file: "a/team.yaml".to_string(),
            code: "AL201",
            name: "group-too-small",
            severity: Severity::Error,
            shown: 100,
            omitted: 7,
        };
        let summary = Summary {
            programs: 1,
            files: 2,
            errors: 10,
            omitted: 7,
            ..Summary::default()
        };
        let mut st = Stream::default();
        let mut text = st.start();
        text.push_str(&st.findings(&all));
        st.truncated([left_out.clone()]);
        text.push_str(&st.finish(&summary));
        let whole = render_with(&all, std::slice::from_ref(&left_out), &summary);
        assert_eq!(text, whole);
        let doc: serde_json::Value = serde_json::from_str(&whole).expect("json");
        assert_eq!(doc["truncated"][0]["omitted"], 7);
        assert_eq!(doc["truncated"][0]["code"], "AL201");
        assert_eq!(doc["summary"]["omitted"], 7);
        assert_eq!(doc["summary"]["errors"], 10);
    }
}
