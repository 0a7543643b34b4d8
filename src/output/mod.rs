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
use crate::diag::{Diagnostic, Severity};
use std::collections::HashMap;

/// How many findings of one rule in one file every format shows; the rest
/// are counted (in the totals and in an [`Omitted`]) but not listed, so
/// that a file with 40,000 unknown keys gives a readable output, and one
/// that does not grow with the file.
pub const SHOWN_PER_FILE_AND_RULE: usize = 100;

/// The findings of one rule in one file past the first
/// [`SHOWN_PER_FILE_AND_RULE`]: counted, not shown.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Omitted {
    /// The file, as its findings name it.
    pub file: String,
    /// The rule's code.
    pub code: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// The findings' severity (one per rule in a program).
    pub severity: Severity,
    /// How many of them are shown.
    pub shown: usize,
    /// How many more there are.
    pub omitted: usize,
}

impl Omitted {
    /// "and N more of ALxxx in this file", in `lang`.
    pub fn sentence(&self, lang: crate::config::Lang) -> String {
        let (n, code, shown) = (self.omitted, self.code, self.shown);
        crate::tr!(
            lang,
            "此文件中还有 {n} 个 {code} 的发现（只显示前 {shown} 个）",
            "and {n} more of {code} in this file (the first {shown} are shown)"
        )
    }
}

/// Which findings are shown: findings in their stable order (file first),
/// a flag for each, and what is not shown, per file (in the order of the
/// files) and rule (in code order). Counting is one pass over the findings.
pub(crate) fn cap(diagnostics: &[Diagnostic]) -> (Vec<bool>, Vec<Omitted>) {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut files: HashMap<&str, usize> = HashMap::new();
    let mut over: HashMap<(&str, &str), Omitted> = HashMap::new();
    let shown = diagnostics
        .iter()
        .map(|d| {
            let next = files.len();
            files.entry(d.file.as_str()).or_insert(next);
            let n = seen.entry((d.file.as_str(), d.code)).or_default();
            *n += 1;
            if *n <= SHOWN_PER_FILE_AND_RULE {
                return true;
            }
            over.entry((d.file.as_str(), d.code))
                .or_insert_with(|| Omitted {
                    file: d.file.clone(),
                    code: d.code,
                    name: d.name,
                    severity: d.severity,
                    shown: SHOWN_PER_FILE_AND_RULE,
                    omitted: 0,
                })
                .omitted += 1;
            false
        })
        .collect();
    let mut omitted: Vec<Omitted> = over.into_values().collect();
    omitted.sort_by_key(|o| (files.get(o.file.as_str()).copied(), o.code));
    (shown, omitted)
}

/// [`cap`] for a checked program: its findings made, and those it only
/// counted ([`ProgramReport::unlisted`]) added to what is not shown.
pub(crate) fn cap_report(report: &ProgramReport) -> (Vec<bool>, Vec<Omitted>) {
    cap_with(&report.diagnostics, &report.unlisted)
}

/// [`cap`], with `unlisted` — findings counted and never made, per file and
/// rule — added to what is not shown, in the same order (files in the
/// order of the findings, rules in code order).
fn cap_with(diagnostics: &[Diagnostic], unlisted: &[Omitted]) -> (Vec<bool>, Vec<Omitted>) {
    let (shown, mut omitted) = cap(diagnostics);
    if unlisted.is_empty() {
        return (shown, omitted);
    }
    for u in unlisted {
        match omitted.iter_mut().find(|o| o.file == u.file && o.code == u.code) {
            Some(o) => o.omitted += u.omitted,
            None => {
                let of = |d: &&Diagnostic| d.file == u.file && d.code == u.code;
                omitted.push(Omitted {
                    shown: diagnostics.iter().filter(of).count(),
                    ..u.clone()
                });
            }
        }
    }
    let mut files: HashMap<&str, usize> = HashMap::new();
    for d in diagnostics {
        let next = files.len();
        files.entry(d.file.as_str()).or_insert(next);
    }
    omitted.sort_by_key(|o| (files.get(o.file.as_str()).copied().unwrap_or(usize::MAX), o.code));
    (shown, omitted)
}

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
    /// Its findings that are shown, in a stable order (at most
    /// [`SHOWN_PER_FILE_AND_RULE`] of a rule in a file).
    pub diagnostics: Vec<Diagnostic>,
    /// What is not shown, per file and rule.
    pub omitted: Vec<Omitted>,
    /// What the worker rendered of it.
    pub rendered: Rendered,
}

impl Piece {
    /// Keeps of a report what emitting needs, with what was rendered of it:
    /// the findings shown, and the count of the others ([`cap`]).
    pub fn new(report: ProgramReport, rendered: Rendered) -> Piece {
        Piece::of(
            report.display,
            report.files,
            report.lang,
            (report.diagnostics, &report.unlisted),
            rendered,
        )
    }

    /// [`Piece::new`] from its parts.
    fn of(
        display: String,
        files: usize,
        lang: crate::config::Lang,
        (all, unlisted): (Vec<Diagnostic>, &[Omitted]),
        rendered: Rendered,
    ) -> Piece {
        let (shown, omitted) = cap_with(&all, unlisted);
        let diagnostics = all
            .into_iter()
            .zip(shown)
            .filter_map(|(d, shown)| shown.then_some(d))
            .collect();
        Piece {
            display,
            files,
            lang,
            diagnostics,
            omitted,
            rendered,
        }
    }

    /// How many findings of `severity` the program has, shown or not.
    pub fn count(&self, severity: Severity) -> usize {
        count(&self.diagnostics, &self.omitted, severity)
    }
}

/// How many findings of `severity` there are: those in `diagnostics` and
/// those only counted in `omitted`.
pub(crate) fn count(diagnostics: &[Diagnostic], omitted: &[Omitted], severity: Severity) -> usize {
    diagnostics.iter().filter(|d| d.severity == severity).count()
        + omitted
            .iter()
            .filter(|o| o.severity == severity)
            .map(|o| o.omitted)
            .sum::<usize>()
}

/// Everything `format` writes for one checked program alone, from its
/// opening to its closing, as `al check` writes it (for tests and fuzzing).
pub fn render_one(format: Format, report: &ProgramReport, lang: crate::config::Lang) -> String {
    let mut emitter = format.emitter(Options {
        lang,
        ..Options::default()
    });
    let mut out = emitter.begin();
    let rendered = (emitter.render())(report);
    let piece = Piece::of(
        report.display.clone(),
        report.files,
        report.lang,
        (report.diagnostics.clone(), &report.unlisted),
        rendered,
    );
    let mut summary = Summary::default();
    summary.add_piece(&piece);
    out.push_str(&emitter.program(piece));
    out.push_str(&emitter.finish(&summary));
    out
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
    fn one_program_renders_whole_in_every_format() {
        let files = [("topic.yaml".to_string(), "title: x\n".to_string())];
        let program = crate::load::program_from_texts("p", &files);
        let today = crate::dates::parse_date("2026-06-30").expect("date");
        let config = crate::config::Config::default();
        let report = crate::check::finish(program, &config, true, today, Some(crate::config::Lang::En));
        assert!(
            report.diagnostics.iter().any(|d| d.code == "AL003"),
            "team.yaml is missing"
        );
        for format in Format::value_variants() {
            let out = render_one(*format, &report, crate::config::Lang::En);
            assert!(out.contains("AL003"), "{format:?}: {out}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&render_one(Format::Json, &report, crate::config::Lang::En)).expect("json");
        assert!(json["summary"]["errors"].as_u64() > Some(0), "{json}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

        /// Whatever the findings, every one is either shown or counted in
        /// exactly one omission of its file and rule, at most 100 of a rule
        /// in a file are shown, and the first ones are.
        #[test]
        fn the_cap_loses_no_finding(picks in proptest::collection::vec((0usize..3, 0usize..3, 0usize..2), 0..700)) {
            let files = ["a/sessions/x.yaml", "a/team.yaml", "a/topic.yaml"];
            let codes = ["AL002", "AL004", "AL201"];
            let mut all: Vec<Diagnostic> = picks
                .iter()
                .enumerate()
                .map(|(i, (f, c, s))| Diagnostic {
                    file: files[*f].to_string(),
                    line: i as u32 + 1,
                    severity: if *s == 0 { Severity::Error } else { Severity::Warning },
                    ..Diagnostic::sample(codes[*c], Severity::Error)
                })
                .collect();
            all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let (shown, omitted) = cap(&all);
            proptest::prop_assert_eq!(shown.len(), all.len());
            for f in files {
                for c in codes {
                    let of = |d: &&Diagnostic| d.file == f && d.code == c;
                    let total = all.iter().filter(of).count();
                    let kept: Vec<bool> = all.iter().zip(&shown).filter(|(d, _)| of(d)).map(|(_, s)| *s).collect();
                    let n = kept.iter().filter(|s| **s).count();
                    proptest::prop_assert_eq!(n, total.min(SHOWN_PER_FILE_AND_RULE));
                    proptest::prop_assert!(kept.iter().take(n).all(|s| *s), "the first ones are shown");
                    let more: Vec<&Omitted> = omitted.iter().filter(|o| o.file == f && o.code == c).collect();
                    match more.as_slice() {
                        [] => proptest::prop_assert!(total <= SHOWN_PER_FILE_AND_RULE),
                        [o] => proptest::prop_assert_eq!(o.omitted, total - SHOWN_PER_FILE_AND_RULE),
                        _ => proptest::prop_assert!(false, "one omission per file and rule"),
                    }
                }
            }
        }
    }

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
