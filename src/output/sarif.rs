//! SARIF 2.1.0, for GitHub code scanning and other viewers.
//!
//! Files are named as URI references from the repository root (`uriBaseId`
//! `%SRCROOT%`, defined in `originalUriBaseIds`), each path segment
//! percent-encoded, or as `file://` URIs outside a repository. Every result
//! has a region with an end and a `partialFingerprints` value that does not
//! depend on where or when `al` ran: the rule, the file's path from the
//! root and the text of the finding's line (not its number, so that an
//! edit above it keeps the finding's identity).

use super::paths::{RepoPath, RepoPaths};
use crate::check::Summary;
use crate::diag::{Diagnostic, Severity};
use crate::rules::RULES;
use serde_json::{Value, json};

/// The base id of paths from the repository root.
const SRCROOT: &str = "%SRCROOT%";

/// One finding as SARIF needs it.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    /// The finding.
    pub diagnostic: Diagnostic,
    /// Its file from the repository root (else absolute).
    pub path: RepoPath,
    /// A hash of the text of its line (trimmed), for the fingerprint.
    pub line_hash: u64,
}

/// The SARIF format as an emitter: findings kept until the one document at the end.
#[derive(Default)]
pub(crate) struct Sarif {
    all: Vec<Located>,
    /// What was not shown, per file and rule, with the file's path.
    omitted: Vec<(RepoPath, super::Omitted)>,
    paths: RepoPaths,
    lang: crate::config::Lang,
}

impl Sarif {
    /// Rule descriptions in the run's language (or the programs', when they share one).
    pub fn new(options: super::Options) -> Sarif {
        Sarif {
            lang: options.lang,
            ..Sarif::default()
        }
    }
}

impl super::Emitter for Sarif {
    fn render(&self) -> super::Render {
        // The lines' texts are read on the workers, before the program's
        // texts are dropped.
        Box::new(|report| {
            let placed = report.placed();
            let (shown, _) = super::cap(&report.diagnostics);
            super::Rendered {
                keys: report
                    .diagnostics
                    .iter()
                    .zip(shown)
                    .filter(|(_, shown)| *shown)
                    .map(|(d, _)| {
                        let text = placed.get(d.file.as_str()).map_or("", |(text, ix)| {
                            let line = ix.line_range(d.line.max(1) as usize - 1);
                            text.get(line).unwrap_or("")
                        });
                        fnv(text.trim().as_bytes())
                    })
                    .collect(),
                ..Default::default()
            }
        })
    }

    fn program(&mut self, piece: super::Piece) -> String {
        let keys = piece.rendered.keys;
        for (i, d) in piece.diagnostics.into_iter().enumerate() {
            let path = self.paths.of(&d.file);
            self.all.push(Located {
                diagnostic: d,
                path,
                line_hash: keys.get(i).copied().unwrap_or(0),
            });
        }
        for o in piece.omitted {
            self.omitted.push((self.paths.of(&o.file), o));
        }
        String::new()
    }

    fn finish(&mut self, summary: &Summary) -> String {
        let lang = summary.lang_or(self.lang);
        let mut log = log(&self.all, lang);
        if !self.omitted.is_empty() {
            let root = self.all.iter().find_map(|f| f.path.root.clone());
            log["runs"][0]["invocations"] = invocations(&self.omitted, root.as_deref(), lang);
        }
        to_text(&log)
    }
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and release.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A path's segments percent-encoded: everything but RFC 3986's unreserved
/// characters (letters, digits, `-._~`), so Chinese names, spaces, `%`,
/// `#`, `?`, `<` and `&` all make a valid URI reference.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// An absolute path as a `file://` URI: `/a/b` → `file:///a/b`, and a
/// Windows drive path `C:/a` → `file:///C:/a` (the drive's colon kept, so
/// that it never reads as a scheme).
fn file_uri(path: &str) -> String {
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if drive {
        format!("file:///{}:{}", char::from(bytes[0]), encode_path(&path[2..]))
    } else {
        format!("file://{}", encode_path(path))
    }
}

/// A folder's `file://` URI, ending in `/` as a base URI must.
fn folder_uri(path: &str) -> String {
    let mut uri = file_uri(path);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
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

/// The log as text, pretty-printed, with a final line break.
fn to_text(log: &Value) -> String {
    let mut s = crate::output::json::pretty(log).unwrap_or_default();
    s.push('\n');
    s
}

/// Where a file is: from the repository root when it is in the run's
/// repository (`root`), else by its absolute URI.
fn artifact(path: &RepoPath, root: Option<&str>) -> Value {
    match &path.root {
        Some(r) if Some(r.as_str()) == root => {
            json!({ "uri": encode_path(&path.path), "uriBaseId": SRCROOT })
        }
        Some(r) => json!({ "uri": file_uri(&format!("{r}/{}", path.path)) }),
        None => json!({ "uri": file_uri(&path.path) }),
    }
}

/// The run's invocation, when findings were left out: one notification
/// per file and rule, "and N more of ALxxx in this file", at the file, with
/// the counts as properties (`shown`, `omitted`).
fn invocations(
    omitted: &[(RepoPath, super::Omitted)],
    root: Option<&str>,
    lang: crate::config::Lang,
) -> Value {
    let notes: Vec<Value> = omitted
        .iter()
        .map(|(path, o)| {
            json!({
                "level": "note",
                "message": { "text": o.sentence(lang) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(path, root) } }],
                "associatedRule": {
                    "id": o.code,
                    "index": RULES.iter().position(|r| r.code == o.code).unwrap_or(0),
                },
                "properties": { "shown": o.shown, "omitted": o.omitted },
            })
        })
        .collect();
    json!([{ "executionSuccessful": true, "toolExecutionNotifications": notes }])
}

/// One SARIF log with one run: every rule of the registry, every finding.
fn log(findings: &[Located], lang: crate::config::Lang) -> Value {
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
    // The repository root of the first finding that has one is %SRCROOT%;
    // a file in another repository (rare) is named by its absolute URI.
    let root = findings.iter().find_map(|f| f.path.root.clone());
    let mut seen: std::collections::HashMap<(u64, u64), usize> = std::collections::HashMap::new();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            let (line, column) = (d.line.max(1), d.column.max(1));
            let (end_line, end_column) = d.end.unwrap_or((line, column + 1));
            let location = artifact(&f.path, root.as_deref());
            let key = (
                fnv(d.code.as_bytes()) ^ fnv(f.path.path.as_bytes()).rotate_left(1),
                f.line_hash,
            );
            let n = seen.entry(key).or_default();
            *n += 1;
            json!({
                "ruleId": d.code,
                "ruleIndex": RULES.iter().position(|r| r.code == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": format!("{}\nhelp: {}", d.message, d.help) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        },
                    }
                }],
                "partialFingerprints": {
                    "alFinding/v1": format!("{:016x}{:016x}:{n}", key.0, key.1),
                },
            })
        })
        .collect();
    let mut driver = json!({
        "name": "al",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // Only a repository the build names: never a registry page where the
    // crate is not published.
    if let Some(repo) = option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty()) {
        driver["informationUri"] = json!(repo);
    }
    let mut run = json!({
        "tool": { "driver": driver },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = root {
        run["originalUriBaseIds"] = json!({
            SRCROOT: {
                "uri": folder_uri(&root),
                "description": { "text": "The root of the git repository" },
            }
        });
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_valid_uri_references() {
        assert_eq!(
            encode_path("项目/a b%#<&.yaml"),
            "%E9%A1%B9%E7%9B%AE/a%20b%25%23%3C%26.yaml"
        );
        assert_eq!(
            file_uri("/srv/项目/t.yaml"),
            "file:///srv/%E9%A1%B9%E7%9B%AE/t.yaml"
        );
        assert_eq!(file_uri("C:/Users/a b/t.yaml"), "file:///C:/Users/a%20b/t.yaml");
        assert_eq!(folder_uri("/srv/repo"), "file:///srv/repo/");
    }

    #[test]
    fn fingerprints_are_stable_values() {
        // FNV-1a's published test vectors: the same on every machine.
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
