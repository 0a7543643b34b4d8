//! SARIF 2.1.0, for GitHub code scanning and other viewers.

use crate::check::Summary;
use crate::diag::{Diagnostic, Severity};
use crate::rules::RULES;
use serde_json::{Value, json};

/// The SARIF format as an emitter: findings kept until the one document at the end.
#[derive(Default)]
pub(crate) struct Sarif {
    all: Vec<Diagnostic>,
    lang: crate::config::Lang,
}

impl Sarif {
    /// Rule descriptions in the run's language (or the programs', when they share one).
    pub fn new(options: super::Options) -> Sarif {
        Sarif {
            all: Vec::new(),
            lang: options.lang,
        }
    }
}

impl super::Emitter for Sarif {
    fn program(&mut self, piece: super::Piece) -> String {
        self.all.extend(piece.diagnostics);
        String::new()
    }

    fn finish(&mut self, summary: &Summary) -> String {
        render(&self.all, summary.lang_or(self.lang))
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Where the rules page lives, when the build knows the repository.
fn help_uri(code: &str) -> Option<String> {
    let repo = option_env!("CARGO_PKG_REPOSITORY").unwrap_or("");
    (!repo.is_empty()).then(|| {
        format!(
            "{}/blob/main/docs/rules.md#{}",
            repo.trim_end_matches('/'),
            code.to_lowercase()
        )
    })
}

/// One SARIF log with one run: every rule of the registry, every finding.
pub fn render(findings: &[Diagnostic], lang: crate::config::Lang) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary(lang) },
                "fullDescription": { "text": r.what(lang) },
                "help": {
                    "text": crate::tr!(lang, "{}\n\n原因：{}", "{}\n\nWhy: {}", r.what(lang), r.why(lang)),
                    "markdown": crate::tr!(
                        lang,
                        "{}\n\n**方法为什么这样要求。** {}\n\n**示例**\n\n```yaml\n{}```\n\n**改正后**\n\n```yaml\n{}```",
                        "{}\n\n**Why the method asks for it.** {}\n\n**Example**\n\n```yaml\n{}```\n\n**Instead**\n\n```yaml\n{}```",
                        r.what(lang), r.why(lang), r.example(), r.instead()
                    ),
                },
                "defaultConfiguration": { "level": level(r.severity) },
            });
            if let Some(uri) = help_uri(r.code) {
                rule["helpUri"] = json!(uri);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|d| {
            let mut region = json!({ "startLine": d.line.max(1), "startColumn": d.column.max(1) });
            if let Some((end_line, end_col)) = d.end {
                region["endLine"] = json!(end_line);
                region["endColumn"] = json!(end_col);
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": RULES.iter().position(|r| r.code == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": format!("{}\nhelp: {}", d.message, d.help) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": d.file },
                        "region": region,
                    }
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "al",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty()).unwrap_or("https://crates.io/crates/al"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
