//! Renderers of `al check` results: one per `--format`, all from the same diagnostics.
//!
//! Every format is an [`Emitter`]: it gives the opening of the output, one
//! piece per program in the order of the programs, and the closing once the
//! totals are known. [`Format::emitter`] is the one place that knows the
//! formats: adding one is a module here and a line there.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub(crate) mod paths;
pub mod sarif;

use crate::check::{ProgramReport, Summary};
use crate::diag::Diagnostic;

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

impl Format {
    /// The emitter of this format: the registry of the formats.
    pub(crate) fn emitter(self, options: Options) -> Box<dyn Emitter> {
        match self {
            Format::Human => Box::new(human::Human::new(options)),
            Format::Json => Box::new(json::Stream::default()),
            Format::Github => Box::new(github::Github::new(options)),
            Format::Sarif => Box::new(sarif::Sarif::new(options)),
            Format::Junit => Box::new(junit::Junit::new(options)),
        }
    }
}

/// What the emitters may need to know of the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Whether a styled format may write colours and styles (the stream
    /// still strips them when it is not a terminal, unless told otherwise).
    pub styled: bool,
    /// `--deny-warnings`: warnings fail the run as errors do.
    pub deny_warnings: bool,
    /// The language of the run as a whole (rule descriptions; the summary
    /// when the programs checked are not all of one language).
    pub lang: crate::config::Lang,
}

/// What a worker thread renders of one checked program, ahead of its turn,
/// so that the expensive part of a format runs in parallel.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// Text to print as it is when the program's turn comes.
    pub text: String,
    /// Every file of the program, as shown (for formats that list them).
    pub sources: Vec<String>,
    /// One number per finding, in order, for formats that need something
    /// of the program's texts after they are dropped (SARIF: a hash of
    /// each finding's line).
    pub keys: Vec<u64>,
}

/// The rendering half of an emitter, run on the worker threads.
pub(crate) type Render = Box<dyn Fn(&ProgramReport) -> Rendered + Send + Sync>;

/// One checked program as an emitter receives it, in the order of the
/// programs; the program and its texts were dropped on the worker.
#[derive(Debug)]
pub(crate) struct Piece {
    /// The program folder as shown.
    pub display: String,
    /// Number of program files read.
    pub files: usize,
    /// The language of its messages.
    pub lang: crate::config::Lang,
    /// Its findings, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
    /// What the worker rendered of it.
    pub rendered: Rendered,
}

impl Piece {
    /// Keeps of a report what emitting needs, with what was rendered of it.
    pub fn new(report: ProgramReport, rendered: Rendered) -> Piece {
        Piece {
            display: report.display,
            files: report.files,
            lang: report.lang,
            diagnostics: report.diagnostics,
            rendered,
        }
    }
}

/// An output format of `al check`, written as the programs are checked.
pub(crate) trait Emitter {
    /// Whether the output carries styles (escape codes) to keep or strip
    /// according to `--color`; other outputs are written as they are.
    fn styled(&self) -> bool {
        false
    }

    /// The opening of the output, before any program.
    fn begin(&mut self) -> String {
        String::new()
    }

    /// What renders each program on the worker threads; by default nothing.
    fn render(&self) -> Render {
        Box::new(|_| Rendered::default())
    }

    /// The text for one program, called in the order of the programs.
    fn program(&mut self, piece: Piece) -> String;

    /// The closing of the output, once every program is in.
    fn finish(&mut self, summary: &Summary) -> String;

    /// A Markdown summary of the run for `$GITHUB_STEP_SUMMARY`, for the
    /// formats that write one (after [`Emitter::finish`]).
    fn step_summary(&self, _summary: &Summary) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_format_has_an_emitter_that_writes_something() {
        for format in Format::value_variants() {
            let mut e = format.emitter(Options::default());
            let mut text = e.begin();
            text.push_str(&e.finish(&Summary::default()));
            // GitHub annotations of nothing are nothing.
            assert_eq!(text.is_empty(), *format == Format::Github, "{format:?}");
        }
    }
}
