//! `al check`: load → rules → severity overrides and waivers → diagnostics,
//! one program at a time.

use crate::config::{Config, Lang};
use crate::diag::{Diagnostic, Loc, Severity};
use crate::error::Result;
use crate::model::Date;
use crate::rules::{self, At, Finding};
use crate::source::{LineIndex, SourceFile};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The diagnostics of one program, with the texts needed to show them.
#[derive(Debug)]
pub struct ProgramReport {
    /// The program folder as shown.
    pub display: String,
    /// The program that was checked (its files keep their texts for excerpts).
    pub program: crate::load::Program,
    /// The al.toml, when a finding points into it.
    pub config_source: Option<SourceFile>,
    /// The language of the findings' messages.
    pub lang: Lang,
    /// Number of program files read.
    pub files: usize,
    /// Findings in a stable order.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings that a waiver silenced.
    pub waived: Vec<Waived>,
    /// AL002 findings counted but never made: the unknown keys of a file
    /// past the first [`crate::output::SHOWN_PER_FILE_AND_RULE`] (by
    /// place), per file, with the severity al.toml gives them (`shown` is
    /// filled in by the output formats). Those a waiver silences or that
    /// `[rules]` turns off are not here.
    pub unlisted: Vec<crate::output::Omitted>,
    /// The line index of every file a finding points into, by display
    /// path: built once per file, for the ends of the findings and for the
    /// excerpts and line texts of the output formats.
    pub(crate) lines: BTreeMap<String, LineIndex>,
}

impl ProgramReport {
    /// Every file a finding may point into: the program's, then al.toml.
    pub(crate) fn sources(&self) -> impl Iterator<Item = &SourceFile> {
        self.program.files.iter().chain(self.config_source.as_ref())
    }

    /// How many findings of `severity` the program has: those made and
    /// those only counted ([`ProgramReport::unlisted`]).
    pub fn count(&self, severity: Severity) -> usize {
        crate::output::count(&self.diagnostics, &self.unlisted, severity)
    }

    /// The text of a file by its display path.
    pub fn text_of(&self, display: &str) -> Option<&str> {
        self.sources()
            .find(|s| s.display == display)
            .map(|s| s.text.as_str())
    }

    /// The texts and line indexes of the files findings point into, by
    /// display path.
    pub(crate) fn placed(&self) -> HashMap<&str, (&str, &LineIndex)> {
        self.sources()
            .filter_map(|s| {
                let ix = self.lines.get(&s.display)?;
                Some((s.display.as_str(), (s.text.as_str(), ix)))
            })
            .collect()
    }
}

/// A program folder opened with the al.toml that applies to it.
pub struct Opened {
    /// The program.
    pub program: crate::load::Program,
    /// Its configuration.
    pub config: Config,
    /// Whether this run is the first to report the al.toml's own findings.
    pub report_config: bool,
}

impl Opened {
    /// The language of its documents and messages (see [`program_lang`]).
    pub fn lang(&self, flag: Option<Lang>) -> Lang {
        program_lang(flag, &self.config, &self.program)
    }
}

/// The language of a program: `--lang`, else `AL_LANG`, else al.toml's
/// `lang`, else the program's own (Chinese when its topic's title has
/// Chinese text), else the locale, else English ([`crate::lang::resolve`]).
pub fn program_lang(flag: Option<Lang>, config: &Config, program: &crate::load::Program) -> Lang {
    let title = program.topic.as_ref().and_then(|t| t.value.title.as_ref());
    crate::lang::resolve(flag, config.lang, title.map(|t| t.0.as_str()))
}

/// Opens the program in `dir` (see [`crate::layout::is_program`]) with its al.toml.
pub fn open(dir: &Path) -> Result<Opened> {
    if !crate::layout::is_program(dir) {
        return Err(crate::error::Error::NoProgram(dir.to_path_buf()));
    }
    let display = dir.to_string_lossy().replace('\\', "/");
    let (config, report_config) = Configs::default().for_program(dir, &display)?;
    Ok(Opened {
        program: crate::load::load_program_with(dir, &display, config.limits.max_file_bytes),
        config,
        report_config,
    })
}

/// Totals over a run.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Programs checked.
    pub programs: usize,
    /// Files read.
    pub files: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Findings counted above but not listed: past the first
    /// [`crate::output::SHOWN_PER_FILE_AND_RULE`] of a rule in a file
    /// (written in JSON only when there are any).
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
    /// The language of the programs' messages, when they all had one.
    #[serde(skip)]
    pub lang: Option<Lang>,
    /// Whether the programs' messages were in more than one language.
    #[serde(skip)]
    pub mixed: bool,
    /// The al.toml files that applied to the programs, as shown: the human
    /// summary names them, so a setting never silences a finding unseen.
    #[serde(skip)]
    pub configs: BTreeSet<String>,
}

impl Summary {
    /// Adds one program's counts.
    pub fn add(&mut self, r: &ProgramReport) {
        self.add_counts(r.files, &r.diagnostics);
        for o in &r.unlisted {
            self.add_finding(o.severity, o.omitted);
            self.omitted += o.omitted;
        }
        self.add_lang(r.lang);
    }

    /// Notes the language of one program's messages.
    pub fn add_lang(&mut self, lang: Lang) {
        match self.lang {
            None if !self.mixed => self.lang = Some(lang),
            Some(l) if l != lang => {
                self.lang = None;
                self.mixed = true;
            }
            _ => {}
        }
    }

    /// The language to sum the run up in: the programs', when they had one,
    /// else `fallback`.
    pub fn lang_or(&self, fallback: Lang) -> Lang {
        self.lang.unwrap_or(fallback)
    }

    /// Adds the counts of one program that had `files` files and these findings.
    pub(crate) fn add_counts(&mut self, files: usize, diagnostics: &[Diagnostic]) {
        self.programs += 1;
        self.files += files;
        for d in diagnostics {
            self.add_finding(d.severity, 1);
        }
    }

    /// Adds the counts of one program as an output format received it: the
    /// findings shown and those counted but not shown.
    pub(crate) fn add_piece(&mut self, piece: &crate::output::Piece) {
        self.add_counts(piece.files, &piece.diagnostics);
        for o in &piece.omitted {
            self.add_finding(o.severity, o.omitted);
            self.omitted += o.omitted;
        }
        self.add_lang(piece.lang);
    }

    fn add_finding(&mut self, severity: Severity, n: usize) {
        match severity {
            Severity::Error => self.errors += n,
            Severity::Warning => self.warnings += n,
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// al.toml files already read in this run, by path; each reports its own
/// problems once even when it serves many programs.
#[derive(Default)]
pub struct Configs {
    loaded: BTreeMap<PathBuf, Config>,
    reported: BTreeSet<PathBuf>,
}

impl Configs {
    /// The configuration for a program folder, and whether its al.toml's own
    /// findings are still to be reported.
    pub(crate) fn for_program(&mut self, dir: &Path, display: &str) -> Result<(Config, bool)> {
        let Some((path, shown)) = crate::config::find(dir, display) else {
            return Ok((Config::default(), false));
        };
        if !self.loaded.contains_key(&path) {
            let cfg = crate::config::read(&path, &shown)
                .and_then(|text| Config::parse(&text, &shown))
                .map_err(|e| match title_of(dir) {
                    Some(title) => e.in_program(crate::lang::resolve(None, None, Some(&title))),
                    None => e,
                })?;
            self.loaded.insert(path.clone(), cfg);
        }
        let first = self.reported.insert(path.clone());
        let cfg = self.loaded.get(&path).cloned().unwrap_or_default();
        Ok((cfg, first))
    }
}

/// Checks one program folder, its messages in `lang` (else as
/// [`program_lang`] decides).
pub fn check_program(
    dir: &Path,
    display: &str,
    today: Date,
    configs: &mut Configs,
    lang: Option<Lang>,
) -> Result<ProgramReport> {
    let (config, report_config) = configs.for_program(dir, display)?;
    Ok(check_dir(dir, display, &config, report_config, today, lang))
}

/// Checks one program folder with its configuration already read.
pub(crate) fn check_dir(
    dir: &Path,
    display: &str,
    config: &Config,
    report_config: bool,
    today: Date,
    forced: Option<Lang>,
) -> ProgramReport {
    // Parse without places where the fast path reads a file, which is
    // cheaper (docs/performance.md); `finish` parses again, with places,
    // only the files findings without places point into.
    let program = crate::yaml::unlocated_where_fast(|| {
        crate::load::load_program_with(dir, display, config.limits.max_file_bytes)
    });
    finish(program, config, report_config, today, forced)
}

/// Runs the rules on a loaded program and applies its configuration: the
/// part of [`check_program`] that needs no file system.
///
/// A program read without places ([`crate::yaml::unlocated`]) is checked
/// as it is; when findings without places (line 0) point into files that
/// were read without places — or findings point into a file whose
/// problems were found without theirs (`Program::problems_placed`) —
/// those files are parsed again with places and the rules run again, until
/// every finding has its place. Unknown keys and keyboard slips are placed
/// from the text in either way, so a file whose only findings are those
/// is parsed once. The rules never look at places to decide, so the
/// findings are the same as for a program read with places throughout
/// (`tests/properties.rs` checks that on generated programs).
pub fn finish(
    mut program: crate::load::Program,
    config: &Config,
    report_config: bool,
    today: Date,
    forced: Option<Lang>,
) -> ProgramReport {
    let display = program.display.clone();
    let lang = program_lang(forced, config, &program);
    let mut findings = rules::run(&program, &config.limits, today, lang);
    loop {
        let unplaced: BTreeSet<usize> = findings
            .iter()
            .filter_map(|f| Some((f.at.file()?, &f.loc)))
            .filter(|(i, loc)| !(program.is_located(*i) || program.problems_placed(*i) && placed(loc)))
            .map(|(i, _)| i)
            .collect();
        if unplaced.is_empty() {
            break;
        }
        crate::load::relocate(&mut program, &unplaced);
        findings = rules::run(&program, &config.limits, today, lang);
    }
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut waived: Vec<Waived> = Vec::new();
    let mut in_config = false;
    // The sub-topic of each sub-topic file, by file, looked up once per finding.
    let subtopics: HashMap<usize, &str> = program
        .subtopics
        .iter()
        .map(|s| (s.file, crate::facts::subtopic_id(&program, s)))
        .collect();
    let mut place = |mut f: Finding, waived: &mut Vec<Waived>, diagnostics: &mut Vec<Diagnostic>| {
        let (file, rel) = match &f.at {
            At::File(i) => match program.files.get(*i) {
                Some(src) => (src.display.clone(), src.rel.clone()),
                None => return,
            },
            At::Missing(shown) => (shown.clone(), shown.rsplit('/').next().unwrap_or("").to_string()),
            At::Config => (config.file.clone().unwrap_or_default(), "al.toml".to_string()),
        };
        about_file(&subtopics, &f.at, &rel, &mut f.about);
        let about_config = f.at == At::Config;
        match finalize(f, file, rel, config, today) {
            Fate::Shown(d) => {
                diagnostics.push(d);
                in_config |= about_config;
            }
            Fate::Waived(waiver, d) => waived.push(Waived {
                waiver,
                diagnostic: d,
            }),
            Fate::Off => {}
        }
    };
    for f in findings {
        place(f, &mut waived, &mut diagnostics);
    }
    if report_config && config.file.is_some() {
        let own = config.file.as_deref() == Some(crate::load::display_join(&display, "al.toml").as_str());
        let used: BTreeSet<usize> = waived.iter().map(|w| w.waiver).collect();
        let mut config_findings = rules::config::check(config, today, lang);
        if own {
            let files: Vec<&str> = program.files.iter().map(|f| f.rel.as_str()).collect();
            config_findings.extend(rules::config::unused(config, today, lang, &used, &files));
        }
        for f in config_findings {
            place(f, &mut waived, &mut diagnostics);
        }
    }
    let unlisted = unlisted(&program, config, today, &subtopics);
    let config_source = match &config.file {
        Some(display) if in_config => Some(SourceFile {
            display: display.clone(),
            rel: "al.toml".to_string(),
            text: config.text.clone(),
        }),
        _ => None,
    };
    let lines = index_lines(
        program.files.iter().chain(config_source.as_ref()),
        &mut diagnostics,
    );
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    let files = program.files.len();
    ProgramReport {
        display,
        program,
        config_source,
        lang,
        files,
        diagnostics,
        waived,
        unlisted,
        lines,
    }
}

/// Whether a finding has a place of its own: the values of a file parsed
/// without places have none (line 0); findings about the file as a whole,
/// unknown keys and keyboard slips are placed from the text.
fn placed(loc: &Loc) -> bool {
    loc.line > 0 || loc.whole_file
}

/// The AL002 findings of each file that were counted and not made (see
/// [`crate::load::Program::unlisted`]), with what al.toml makes of them:
/// they are about their file as every problem of it is, so a severity
/// override or a waiver treats them as it treats the problems shown.
fn unlisted(
    program: &crate::load::Program,
    config: &Config,
    today: Date,
    subtopics: &HashMap<usize, &str>,
) -> Vec<crate::output::Omitted> {
    let Some(rule) = rules::find("AL002") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, src) in program.files.iter().enumerate() {
        let n = program.unlisted(i);
        if n == 0 {
            continue;
        }
        let mut about = rules::About::default();
        about_file(subtopics, &At::File(i), &src.rel, &mut about);
        if let Some((severity, None)) = fate(rule, &about, None, &src.rel, config, today) {
            out.push(crate::output::Omitted {
                file: src.display.clone(),
                code: rule.code,
                name: rule.name,
                severity,
                shown: 0,
                omitted: n,
            });
        }
    }
    out
}

/// Indexes the lines of every file a finding points into, once per file,
/// and sets each finding's end (the line and column just past its value)
/// through the index.
fn index_lines<'a>(
    sources: impl Iterator<Item = &'a SourceFile>,
    diagnostics: &mut [Diagnostic],
) -> BTreeMap<String, LineIndex> {
    let by_display: HashMap<&str, &SourceFile> = sources.map(|s| (s.display.as_str(), s)).collect();
    let mut lines: BTreeMap<String, LineIndex> = BTreeMap::new();
    for d in diagnostics.iter_mut() {
        let Some(src) = by_display.get(d.file.as_str()) else {
            continue;
        };
        let ix = lines
            .entry(d.file.clone())
            .or_insert_with(|| LineIndex::new(&src.text));
        if d.bytes.end > d.bytes.start {
            let end = ix.loc(&src.text, d.bytes.end..d.bytes.end);
            d.end = Some((end.line, end.column));
        }
    }
    lines
}

/// Fills in what the file a finding points into says it is about: the
/// session (its path) or the sub-topic (its id, from `subtopics`: the id
/// of each sub-topic file).
fn about_file(subtopics: &HashMap<usize, &str>, at: &At, rel: &str, about: &mut rules::About) {
    let At::File(file) = at else { return };
    match crate::layout::FileKind::of_rel(rel) {
        Some(crate::layout::FileKind::Session) if about.session.is_none() => {
            about.session = Some(rel.to_string())
        }
        Some(crate::layout::FileKind::Subtopic) if about.subtopic.is_none() => {
            about.subtopic = subtopics.get(file).map(|id| id.to_string());
        }
        _ => {}
    }
}

/// A finding that a waiver silenced: it is not shown, and the report lists
/// it under the exceptions granted.
#[derive(Debug, Clone, PartialEq)]
pub struct Waived {
    /// The waiver, by index into the al.toml's waivers.
    pub waiver: usize,
    /// The finding it silenced.
    pub diagnostic: Diagnostic,
}

/// What becomes of a finding once al.toml is applied.
enum Fate {
    /// It is shown.
    Shown(Diagnostic),
    /// A waiver (by index) silenced it.
    Waived(usize, Diagnostic),
    /// `[rules]` turned its rule off.
    Off,
}

/// Applies al.toml to one finding: severity override, then waivers (the
/// first waiver whose rule, path, dates and scope all match silences it).
fn finalize(f: Finding, file: String, rel: String, config: &Config, today: Date) -> Fate {
    let rule = f.rule;
    let Some((severity, waiver)) = fate(rule, &f.about, f.task.as_deref(), &rel, config, today) else {
        return Fate::Off;
    };
    let Loc {
        line,
        column,
        bytes,
        whole_file,
    } = f.loc;
    let d = Diagnostic {
        code: rule.code,
        name: rule.name,
        severity,
        message: f.message,
        help: f.help,
        file,
        line,
        column,
        label: f.label,
        end: None,
        bytes,
        whole_file,
        rel_path: rel,
    };
    match waiver {
        Some(i) => Fate::Waived(i, d),
        None => Fate::Shown(d),
    }
}

/// What al.toml makes of a finding of `rule` in the file `rel` about
/// `about` (and the task of an action): its severity, and the first waiver
/// (by index) whose rule, path, dates and scope all match; `None` when
/// `[rules]` turns the rule off.
fn fate(
    rule: &rules::Rule,
    about: &rules::About,
    task: Option<&str>,
    rel: &str,
    config: &Config,
    today: Date,
) -> Option<(Severity, Option<usize>)> {
    let severity = config.severity(rule.code, rule.severity)?;
    let waiver = config.waivers.iter().position(|w| {
        w.rule.eq_ignore_ascii_case(rule.code)
            && w.path == rel
            && w.reason.is_some()
            && w.until.is_none_or(|until| today <= until)
            && w.scope.covers(about, task)
    });
    Some((severity, waiver))
}

/// The title of the program in `dir`, read from its topic.yaml alone (for
/// the language of what is said before the program is loaded).
pub(crate) fn title_of(dir: &Path) -> Option<String> {
    let text = crate::load::read_one(dir, "topic.yaml")?;
    let parsed = crate::yaml::parse_known_keys::<crate::model::Topic>(&crate::source::normalize(&text));
    parsed.value?.title.map(|t| t.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::LineIndex;

    /// The fixture program that passes AL201, with `extra` unknown keys
    /// added to its topic.yaml.
    fn crowded(extra: usize) -> crate::load::Program {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/AL201/pass");
        let mut files = Vec::new();
        for rel in [
            "topic.yaml",
            "team.yaml",
            "sessions/2026-03-02-kickoff.yaml",
            "subtopics/onboarding.yaml",
        ] {
            let mut text = std::fs::read_to_string(root.join(rel)).expect("fixture");
            if rel == "topic.yaml" {
                text.extend((0..extra).map(|i| format!("unknown{i}: 1\n")));
            }
            files.push((rel.to_string(), text));
        }
        crate::load::program_from_texts("p", &files)
    }

    #[test]
    fn a_file_is_indexed_once_however_many_findings_it_has() {
        for extra in [1, 10, 1_000] {
            let today = crate::dates::parse_date("2026-03-20").expect("date");
            let program = crowded(extra);
            let before = LineIndex::builds();
            let report = finish(program, &Config::default(), false, today, Some(Lang::En));
            let human = crate::output::human::render_program(&report, false);
            assert_eq!(report.count(Severity::Error), extra, "{human}");
            assert_eq!(LineIndex::builds() - before, 1, "{extra} findings in one file");
            let shown = extra.min(crate::output::SHOWN_PER_FILE_AND_RULE);
            assert_eq!(human.matches("error[AL002]").count(), shown);
            let more = format!("and {} more of AL002 in this file", extra - shown);
            assert_eq!(human.contains(&more), extra > shown, "{more}");
        }
    }

    #[test]
    fn unknown_keys_past_the_cap_are_counted_without_being_made() {
        let today = crate::dates::parse_date("2026-03-20").expect("date");
        let shown = crate::output::SHOWN_PER_FILE_AND_RULE;
        // Parsed without places, as `al check` parses: the keys are placed
        // by one pass over the events, and the file is not parsed again.
        let program = crate::yaml::unlocated(|| crowded(5_000));
        assert_eq!(program.unlisted(0), 5_000 - shown);
        assert_eq!(program.problems.len(), shown, "only the first keys are problems");
        let report = finish(program, &Config::default(), false, today, Some(Lang::En));
        assert!(!report.program.is_located(0), "no second parse with places");
        assert_eq!(report.diagnostics.len(), shown, "only they become findings");
        let lines: Vec<u32> = report.diagnostics.iter().map(|d| d.line).collect();
        let first = lines[0];
        assert_eq!(
            lines,
            (first..first + shown as u32).collect::<Vec<u32>>(),
            "the first by place"
        );
        assert_eq!(report.count(Severity::Error), 5_000);
        assert_eq!(report.unlisted.len(), 1);
        assert_eq!(report.unlisted[0].omitted, 5_000 - shown);
        let mut summary = Summary::default();
        summary.add(&report);
        assert_eq!((summary.errors, summary.omitted), (5_000, 5_000 - shown));
        // A waiver silences them all; `[rules]` can make them warnings.
        let toml = "[rules]\nAL002 = \"warn\"\n";
        let config = Config::parse(toml, "al.toml").expect("config");
        let report = finish(crowded(5_000), &config, false, today, Some(Lang::En));
        assert_eq!(report.count(Severity::Warning), 5_000);
        let toml = "[[allow]]\nrule = \"AL002\"\npath = \"topic.yaml\"\nreason = \"an import\"\n";
        let config = Config::parse(toml, "al.toml").expect("config");
        let report = finish(crowded(5_000), &config, false, today, Some(Lang::En));
        assert_eq!(report.count(Severity::Error) + report.count(Severity::Warning), 0);
    }
}
