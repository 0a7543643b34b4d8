//! The commands: each takes parsed arguments and returns an exit code.

use crate::check::{Configs, Summary};
use crate::cli::{Cli, ColorChoice, Command, NewCommand};
use crate::error::{Error, Result};
use crate::model::Date;
use crate::output::Format;
use std::io::Write;
use std::path::PathBuf;

/// Runs a parsed command line; the result is the exit status.
pub fn run(cli: Cli) -> Result<u8> {
    // Lets the tests prove the panic safety net works; never set in normal use.
    // (`AL_DEBUG_PANIC=parse` panics later, on a worker, while reading a file.)
    if std::env::var_os("AL_DEBUG_PANIC").is_some_and(|v| v != "parse") {
        panic!("AL_DEBUG_PANIC is set");
    }
    let color = cli.color;
    match cli.command {
        Command::Init { dir, lang, example } => {
            crate::init::init(&dir, lang, example)?;
            Ok(0)
        }
        Command::Check {
            paths,
            format,
            deny_warnings,
            today,
            jobs,
        } => {
            let today = today_or(today.as_deref())?;
            let format = format.unwrap_or_else(|| {
                if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
                    Format::Github
                } else {
                    Format::Human
                }
            });
            let jobs = jobs
                .or_else(|| std::thread::available_parallelism().ok())
                .map_or(1, std::num::NonZeroUsize::get);
            check(&paths, format, deny_warnings, today, color, jobs)
        }
        Command::New { what } => {
            let path = match what {
                NewCommand::Session {
                    kind,
                    date,
                    group,
                    activity,
                    title,
                    lang,
                    program,
                } => {
                    let req = crate::new::SessionRequest {
                        kind,
                        date: today_or(Some(&date))?,
                        group,
                        activity,
                        title,
                    };
                    crate::new::session(&program, &req, lang)?
                }
                NewCommand::Subtopic {
                    id,
                    group,
                    owner,
                    today,
                    lang,
                    program,
                } => {
                    let req = crate::new::SubtopicRequest {
                        id,
                        group,
                        owner,
                        defined: today_or(today.as_deref())?,
                    };
                    crate::new::subtopic(&program, &req, lang)?
                }
            };
            print_out(&format!("created {}\n", path.display()));
            Ok(0)
        }
        Command::Report { program, doc, since } => {
            let today = today_or(doc.today.as_deref())?;
            let text = if doc.context {
                let (ctx, _) = crate::report::report_context(&program, doc.lang, today, since.as_deref())?;
                json_text(&ctx)
            } else {
                crate::report::report(&program, doc.lang, today, since.as_deref())?
            };
            emit(doc.output.as_deref(), &text)?;
            Ok(0)
        }
        Command::Diff {
            rev,
            rest,
            format,
            lang,
            today,
        } => {
            let today = today_or(today.as_deref())?;
            let (until, program) = match rest.as_slice() {
                [] => (None, PathBuf::from(".")),
                [one] if std::path::Path::new(one).join("topic.yaml").is_file() => (None, PathBuf::from(one)),
                [one] => (Some(one.clone()), PathBuf::from(".")),
                [two, dir, ..] => (Some(two.clone()), PathBuf::from(dir)),
            };
            let lang = crate::check::open(&program)?.lang(lang);
            let d = crate::history::diff(&program, &rev, until.as_deref(), today)?;
            let text = match format {
                crate::cli::DiffFormat::Markdown => {
                    let overrides = program.join("templates");
                    let engine = crate::report::engine(lang, Some(&overrides))?;
                    let ctx = crate::history::context(&d, lang);
                    crate::report::render(&engine, crate::history::TEMPLATE, &ctx, Some(&overrides))?
                }
                crate::cli::DiffFormat::Json => json_text(&serde_json::to_value(&d).unwrap_or_default()),
            };
            print_out(&text);
            Ok(0)
        }
        Command::Agenda { session, doc } => {
            let today = today_or(doc.today.as_deref())?;
            let text = if doc.context {
                let (ctx, _, _) = crate::report::agenda_context(&session, doc.lang, today)?;
                json_text(&ctx)
            } else {
                crate::report::agenda(&session, doc.lang, today)?
            };
            emit(doc.output.as_deref(), &text)?;
            Ok(0)
        }
        Command::Schema { kind } => {
            print_out(&crate::schema::schema_text(kind));
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "al", &mut buf);
            print_out(&String::from_utf8_lossy(&buf));
            Ok(0)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut buf)
                .map_err(|e| Error::Write {
                    path: "stdout".into(),
                    source: e,
                })?;
            print_out(&String::from_utf8_lossy(&buf));
            Ok(0)
        }
        Command::Explain { code } => {
            let rule = crate::rules::find(code.trim()).ok_or_else(|| unknown_code(&code))?;
            print_out(&explain(rule));
            Ok(0)
        }
        Command::Rules => {
            print_out(&rules_table());
            Ok(0)
        }
    }
}

/// Parses `--today`, or reads the local date.
pub fn today_or(text: Option<&str>) -> Result<Date> {
    match text {
        Some(t) => crate::dates::parse_date(t).map_err(|why| Error::BadDate {
            text: t.to_string(),
            why,
        }),
        None => Ok(jiff::Zoned::now().date()),
    }
}

fn unknown_code(code: &str) -> Error {
    let hint = match crate::suggest::did_you_mean(code, crate::rules::RULES.iter().map(|r| r.code)) {
        Some(s) => format!("; did you mean `{s}`? (`al rules` lists them)"),
        None => "; `al rules` lists the codes".to_string(),
    };
    Error::UnknownCode {
        code: code.to_string(),
        hint,
    }
}

fn json_text(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes a rendered document to `-o FILE` (atomically) or stdout.
fn emit(output: Option<&std::path::Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => crate::files::write_atomic(path, text),
        None => {
            print_out(text);
            Ok(())
        }
    }
}

/// Writes to stdout; a closed pipe (`al rules | head`) is not an error.
fn print_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

fn stream(color: ColorChoice) -> anstream::AutoStream<std::io::Stdout> {
    let choice = match color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    anstream::AutoStream::new(std::io::stdout(), choice)
}

/// `al check`: every program under every path, findings streamed per program.
pub fn check(
    paths: &[PathBuf],
    format: Format,
    deny_warnings: bool,
    today: Date,
    color: ColorChoice,
    jobs: usize,
) -> Result<u8> {
    let mut configs = Configs::default();
    let mut programs = Vec::new();
    for path in paths {
        for dir in crate::load::discover(path)? {
            let display = dir.to_string_lossy().replace('\\', "/");
            // Every al.toml is read before any program is checked: a broken
            // one stops the run before anything is printed.
            let (config, report_config) = configs.for_program(&dir, &display)?;
            programs.push(Job {
                dir,
                display,
                config,
                report_config,
            });
        }
    }
    let mut summary = Summary::default();
    let mut all = Vec::new();
    let mut suites: Vec<(String, Vec<String>, usize)> = Vec::new();
    // Only the human format is ever styled; the others are passed through
    // as they are, without scanning them for escape codes to strip.
    let mut out = stream(if format == Format::Human {
        color
    } else {
        ColorChoice::Always
    });
    let styled = !matches!(color, ColorChoice::Never);
    let mut json = crate::output::json::Stream::default();
    if format == Format::Json && out.write_all(json.start().as_bytes()).is_err() {
        return Ok(0);
    }
    let check_one = |job: &Job| {
        let report = crate::check::check_dir(&job.dir, &job.display, &job.config, job.report_config, today);
        let text = match format {
            Format::Human => crate::output::human::render_program(&report, styled),
            Format::Github => crate::output::github::render(&report.diagnostics),
            _ => String::new(),
        };
        let sources = match format {
            Format::Junit => report.sources().map(|s| s.display.clone()).collect(),
            _ => Vec::new(),
        };
        // The program and its texts are dropped here, on the worker.
        Checked {
            display: report.display,
            files: report.files,
            diagnostics: report.diagnostics,
            text,
            sources,
        }
    };
    let mut closed = false;
    in_order(&programs, jobs, check_one, |done| {
        summary.add_counts(done.files, &done.diagnostics);
        let piece = match format {
            Format::Json => json.findings(&done.diagnostics),
            Format::Junit => {
                suites.push((done.display, done.sources, done.diagnostics.len()));
                all.extend(done.diagnostics);
                String::new()
            }
            Format::Sarif => {
                all.extend(done.diagnostics);
                String::new()
            }
            Format::Human | Format::Github => done.text,
        };
        // A closed pipe (`al check | head`) is not an error: stop quietly.
        closed = out.write_all(piece.as_bytes()).is_err();
        !closed
    });
    if closed {
        return Ok(exit_code(&summary, deny_warnings));
    }
    let tail = match format {
        Format::Human => format!("{}\n", crate::output::human::summary_line(&summary)),
        Format::Json => json.finish(&summary),
        Format::Github => String::new(),
        Format::Sarif => crate::output::sarif::render(&all),
        Format::Junit => {
            let mut start = 0;
            let list: Vec<crate::output::junit::Suite> = suites
                .iter()
                .map(|(name, files, n)| {
                    let s = crate::output::junit::Suite {
                        name,
                        files: files.clone(),
                        findings: &all[start..start + n],
                    };
                    start += n;
                    s
                })
                .collect();
            crate::output::junit::render(&list, deny_warnings)
        }
    };
    let _ = out.write_all(tail.as_bytes());
    let _ = out.flush();
    Ok(exit_code(&summary, deny_warnings))
}

/// A program to check, with its configuration.
struct Job {
    dir: PathBuf,
    display: String,
    config: crate::config::Config,
    report_config: bool,
}

/// What printing needs from one checked program (its texts are not kept).
struct Checked {
    display: String,
    files: usize,
    diagnostics: Vec<crate::diag::Diagnostic>,
    text: String,
    sources: Vec<String>,
}

/// How far ahead of the printer the workers may run, in programs: bounds
/// the memory held by results waiting for their turn.
const WINDOW: usize = 64;

/// Runs `work` on every item on `jobs` threads and hands the results to
/// `emit` on this thread, in the order of `items`, each as soon as it and
/// all before it are done: the output does not depend on the number of
/// threads, no thread waits for a batch, and at most [`WINDOW`] results wait
/// in memory. `emit` returns false to stop early.
fn in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R) -> bool,
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, mpsc};
    if jobs <= 1 || items.len() <= 1 {
        for item in items {
            if !emit(work(item)) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    // How many results were emitted; usize::MAX once emitting has stopped.
    let emitted = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(items.len()) {
            let tx = tx.clone();
            let (next, emitted, work) = (&next, &emitted, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    {
                        let (lock, cvar) = emitted;
                        let Ok(mut done) = lock.lock() else { break };
                        while *done != usize::MAX && i >= *done + WINDOW {
                            match cvar.wait(done) {
                                Ok(d) => done = d,
                                Err(_) => return,
                            }
                        }
                        if *done == usize::MAX {
                            break;
                        }
                    }
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0usize;
        let mut stopped = false;
        for (i, r) in rx.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                want += 1;
                if !emit(r) {
                    stopped = true;
                    break;
                }
            }
            let (lock, cvar) = &emitted;
            if let Ok(mut done) = lock.lock() {
                *done = if stopped { usize::MAX } else { want };
            }
            cvar.notify_all();
            if stopped {
                break;
            }
        }
        // Dropping the receiver makes any worker still sending stop.
        drop(rx);
    });
}

fn exit_code(s: &Summary, deny_warnings: bool) -> u8 {
    if s.errors > 0 || (deny_warnings && s.warnings > 0) {
        1
    } else {
        0
    }
}

/// `al explain CODE` as text.
pub fn explain(rule: &crate::rules::Rule) -> String {
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    format!(
        "{code} {name} ({sev} by default)\n{summary}\n\nWhat it checks\n{what}\n\nWhy the method asks for it\n{why}\n\nExample\n{example}\nInstead\n{instead}",
        code = rule.code,
        name = rule.name,
        sev = rule.severity.as_str(),
        summary = rule.summary,
        what = rule.what,
        why = rule.why,
        example = indent(rule.example),
        instead = indent(rule.instead),
    )
}

/// `al rules` as text: one line per rule.
pub fn rules_table() -> String {
    let mut s = String::new();
    for r in crate::rules::RULES {
        s.push_str(&format!(
            "{}  {:<26} {:<8} {}\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    s
}

/// The rules page of the docs (docs/rules.md), generated from the registry.
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# Rules\n\n<!-- Generated from the rule registry (src/rules/catalogue.rs); do not edit by hand.\n     Regenerate with: AL_BLESS=1 cargo test --test docs -->\n\n",
    );
    s.push_str("| code | name | default | what |\n|---|---|---|---|\n");
    for r in crate::rules::RULES {
        s.push_str(&format!(
            "| [{code}](#{lower}) | {name} | {sev} | {summary} |\n",
            code = r.code,
            lower = r.code.to_lowercase(),
            name = r.name,
            sev = r.severity.as_str(),
            summary = r.summary
        ));
    }
    for r in crate::rules::RULES {
        s.push_str(&format!(
            "\n## {code}\n\n`{name}` — {sev} by default. {summary}.\n\n### What it checks\n\n{what}\n\n### Why the method asks for it\n\n{why}\n\n### Example\n\n```yaml\n{example}```\n\n### Instead\n\n```yaml\n{instead}```\n",
            code = r.code,
            name = r.name,
            sev = r.severity.as_str(),
            summary = r.summary,
            what = r.what,
            why = r.why,
            example = r.example,
            instead = r.instead,
        ));
    }
    s
}

/// Turns a panic into a short report and exit status 2 instead of a backtrace and 101.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let file = crate::load::current_file();
        let while_checking = if file.is_empty() {
            String::new()
        } else {
            format!(" while checking `{file}`")
        };
        eprintln!(
            "error: internal error{while_checking}: {what}{place}\nthis is a bug in al; please report it, with that file if you can share it"
        );
        std::process::exit(2);
    }));
}

#[cfg(test)]
mod tests {
    use super::in_order;

    /// Work that takes longer for some items, so threads finish out of order.
    fn work(i: &usize) -> usize {
        let spin = (i * 7919) % 50_000;
        (0..spin).fold(*i, |a, b| std::hint::black_box(a ^ b)) ^ (0..spin).fold(0, |a, b| a ^ b)
    }

    #[test]
    fn results_come_in_the_order_of_the_items() {
        let items: Vec<usize> = (0..700).collect();
        for jobs in [1, 2, 3, 8] {
            let mut got = Vec::new();
            in_order(&items, jobs, work, |r| {
                got.push(r);
                true
            });
            assert_eq!(got, items, "{jobs} threads");
        }
    }

    #[test]
    fn emitting_can_stop_early() {
        let items: Vec<usize> = (0..700).collect();
        for jobs in [1, 2, 4] {
            let mut got = Vec::new();
            in_order(&items, jobs, work, |r| {
                got.push(r);
                got.len() < 10
            });
            assert_eq!(got, (0..10).collect::<Vec<_>>(), "{jobs} threads");
        }
    }
}
