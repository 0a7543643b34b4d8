//! Findings as data: severity, location and the diagnostic a rule emits.

use serde::Serialize;
use std::ops::Range;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails `al check` (exit 1).
    Error,
    /// Reported; fails only with `--deny-warnings`.
    Warning,
}

impl Severity {
    /// The lower-case word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a source file: 1-based line and column (in characters),
/// plus the byte range used to draw the caret.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Loc {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Byte range of the value in the file's text (may be empty).
    pub bytes: Range<usize>,
    /// The finding is about the file as a whole (e.g. a missing key): no excerpt.
    pub whole_file: bool,
}

impl Loc {
    /// The top of a file, for findings about the file as a whole.
    pub(crate) fn file_start() -> Self {
        Loc {
            line: 1,
            column: 1,
            bytes: 0..0,
            whole_file: true,
        }
    }
}

impl From<serde_saphyr::Location> for Loc {
    fn from(l: serde_saphyr::Location) -> Self {
        let span = l.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        Loc {
            line: u32::try_from(l.line()).unwrap_or(u32::MAX),
            column: u32::try_from(l.column()).unwrap_or(u32::MAX),
            bytes: start..start + len,
            whole_file: false,
        }
    }
}

/// One finding of `al check`: which rule, where, what is wrong and what to do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Rule code, e.g. `AL201`.
    pub code: &'static str,
    /// Rule name in kebab-case, e.g. `group-too-small`.
    pub name: &'static str,
    /// Effective severity (after al.toml overrides).
    pub severity: Severity,
    /// What is wrong, naming the thing.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// Path of the file as the user would type it.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// Where the value ends (line, column just past it), when known.
    #[serde(skip)]
    pub end: Option<(u32, u32)>,
    /// Short label drawn under the caret (human output only).
    #[serde(skip)]
    pub label: Option<String>,
    /// Byte range in the file's text for the caret (human output only).
    #[serde(skip)]
    pub bytes: Range<usize>,
    /// No excerpt: the finding is about the whole file.
    #[serde(skip)]
    pub whole_file: bool,
    /// Path of the file inside its program folder, used to match waivers.
    #[serde(skip)]
    pub rel_path: String,
}

#[cfg(test)]
impl Diagnostic {
    /// A finding for tests: `code` at `severity`, at team.yaml:1:1, with an
    /// empty message and help (change what a test needs with `..`).
    pub(crate) fn sample(code: &'static str, severity: Severity) -> Diagnostic {
        Diagnostic {
            code,
            name: "x",
            severity,
            message: String::new(),
            help: String::new(),
            file: "team.yaml".to_string(),
            line: 1,
            column: 1,
            end: None,
            label: None,
            bytes: 0..0,
            whole_file: false,
            rel_path: "team.yaml".to_string(),
        }
    }
}

impl Diagnostic {
    /// Sort key that gives a stable order: file, position, code.
    pub(crate) fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.file, self.line, self.column, self.code, &self.message)
    }
}
