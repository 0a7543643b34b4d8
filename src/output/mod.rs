//! Renderers of `al check` results: one per `--format`, all from the same diagnostics.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

/// Output format of `al check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Excerpts with carets, for people.
    Human,
    /// One JSON document, for scripts.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// JUnit XML: a test suite per program, a test case per file.
    Junit,
}
