//! The JSON format: one document, stable for scripts (SPEC §3).

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
