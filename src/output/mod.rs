//! Renderers of `al check` results: one per `--format`, all from the same diagnostics.

pub mod human;
pub mod json;

/// Output format of `al check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Excerpts with carets, for people.
    Human,
    /// One JSON document, for scripts.
    Json,
}
