//! The commands: each takes parsed arguments and returns an exit code.

use crate::check::Summary;
use crate::cli::{Cli, ColorChoice, Command, NewCommand};
use crate::error::{Error, Result};
use crate::model::Date;
use crate::output::Format;
use crate::report::DocFormat;
use std::path::PathBuf;

/// Runs a parsed command line; the result is the exit status.
pub fn run(cli: Cli) -> Result<u8> {
    // Lets the tests prove the panic safety net works; debug builds only.
    // (`AL_DEBUG_PANIC=parse` panics later, on a worker, while reading a file.)
    #[cfg(debug_assertions)]
    if std::env::var_os("AL_DEBUG_PANIC").is_some_and(|v| v != "parse") {
        panic!("AL_DEBUG_PANIC is set");
    }
    let color = cli.color;
    check_lang_env()?;
    let flag = cli.lang;
    match cli.command {
        Command::Init { dir, example } => {
            crate::init::init(&dir, run_lang(flag), example)?;
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
            let jobs = threads(jobs);
            check(&paths, format, deny_warnings, today, color, jobs, flag)
        }
        Command::New { what } => {
            let (path, lang) = match what {
                NewCommand::Session {
                    kind,
                    date,
                    group,
                    activity,
                    title,
                    program,
                } => {
                    let req = crate::new::SessionRequest {
                        kind,
                        date: today_or(Some(&date))?,
                        group,
                        activity,
                        title,
                    };
                    crate::new::session(&program, &req, flag)?
                }
                NewCommand::Subtopic {
                    id,
                    group,
                    owner,
                    today,
                    program,
                } => {
                    let req = crate::new::SubtopicRequest {
                        id,
                        group,
                        owner,
                        defined: today_or(today.as_deref())?,
                    };
                    crate::new::subtopic(&program, &req, flag)?
                }
                NewCommand::Plan { start, program } => {
                    crate::new::plan(&program, today_or(Some(&start))?, flag)?
                }
            };
            crate::files::print_out(&crate::tr!(lang, "已创建 {}\n", "created {}\n", path.display()))?;
            Ok(0)
        }
        Command::Report { program, doc, since } => {
            let today = today_or(doc.today.as_deref())?;
            several_programs(&program)?;
            let text = if doc.context {
                let (ctx, _) = crate::report::report_context(&program, flag, today, since.as_deref())?;
                json_text(&ctx)
            } else {
                let format = DocFormat::choose(doc.format, doc.output.as_deref());
                crate::report::report_as(format, &program, flag, today, since.as_deref())?
            };
            emit(doc.output.as_deref(), &text)?;
            Ok(0)
        }
        Command::Portfolio {
            dir,
            output,
            format,
            today,
            jobs,
            since,
        } => {
            let req = crate::portfolio::Request {
                dir: &dir,
                lang: flag,
                today: today_or(today.as_deref())?,
                threads: threads(jobs),
                since: since.as_deref(),
            };
            if let Some(out) = output.as_deref().filter(|o| is_folder(o)) {
                crate::portfolio::portfolio_to_dir(&req, out)?;
                return Ok(0);
            }
            let format = crate::portfolio::PortfolioFormat::choose(format, output.as_deref());
            let text = crate::portfolio::portfolio(&req, format)?;
            emit(output.as_deref(), &text)?;
            Ok(0)
        }
        Command::Diff {
            rev,
            rest,
            format,
            today,
        } => {
            let today = today_or(today.as_deref())?;
            let (until, program) = match rest.as_slice() {
                [] => (None, PathBuf::from(".")),
                [one] if crate::layout::is_program(std::path::Path::new(one)) => (None, PathBuf::from(one)),
                [one] => (Some(one.clone()), PathBuf::from(".")),
                [two, dir, ..] => (Some(two.clone()), PathBuf::from(dir)),
            };
            let lang = crate::check::open(&program)?.lang(flag);
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
            crate::files::print_out(&text).map_err(|e| e.in_program(lang))?;
            Ok(0)
        }
        Command::Agenda { session, doc } => {
            let today = today_or(doc.today.as_deref())?;
            let agenda = crate::report::agenda_context(&session, flag, today)?;
            let text = if doc.context {
                json_text(&agenda.context)
            } else {
                let format = DocFormat::choose(doc.format, doc.output.as_deref());
                crate::report::render_agenda(&agenda, format)?
            };
            emit(doc.output.as_deref(), &text).map_err(|e| e.in_program(agenda.lang))?;
            for w in &agenda.warnings {
                let warning = crate::lang::pick(agenda.lang, "警告", "warning");
                eprintln!("{warning}: {}", w.message(agenda.lang));
            }
            Ok(0)
        }
        Command::Schema { kind } => {
            crate::files::print_out(&crate::schema::schema_text(kind))?;
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "al", &mut buf);
            let mut text = String::from_utf8_lossy(&buf).into_owned();
            if shell == clap_complete::Shell::Fish {
                text.push_str(&fish_positionals(&cmd));
            }
            crate::files::print_out(&text)?;
            Ok(0)
        }
        Command::Man { dir } => {
            match dir {
                Some(dir) => {
                    for path in crate::man::write(&dir)? {
                        crate::files::print_out(&format!("{}\n", path.display()))?;
                    }
                }
                None => {
                    let top = crate::man::pages().into_iter().next().map(|p| p.text);
                    crate::files::print_out(&top.unwrap_or_default())?;
                }
            }
            Ok(0)
        }
        Command::Explain { code } => {
            let rule = crate::rules::find(code.trim()).ok_or_else(|| unknown_code(&code))?;
            crate::files::print_out(&crate::rules::docs::explain(rule, run_lang(flag)))?;
            Ok(0)
        }
        Command::Rules => {
            crate::files::print_out(&crate::rules::docs::table(run_lang(flag)))?;
            Ok(0)
        }
    }
}

/// Whether `-o PATH` names a folder: it ends with `/` or is one.
fn is_folder(path: &std::path::Path) -> bool {
    let text = path.to_string_lossy();
    text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir()
}

/// `-j N`, else the number of cores.
fn threads(jobs: Option<std::num::NonZeroUsize>) -> usize {
    jobs.or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, std::num::NonZeroUsize::get)
}

/// `al report` is about one program: a folder that is not one but holds
/// several is an error that points at `al portfolio`.
fn several_programs(dir: &std::path::Path) -> Result<()> {
    if crate::layout::is_program(dir) {
        return Ok(());
    }
    match crate::load::discover(dir) {
        Ok(found) if found.len() > 1 => {
            let (n, shown) = (found.len(), dir.display());
            Err(Error::Invalid(crate::both!(
                "`{shown}` 下有 {n} 个项目，`al report` 只为一个项目写报告：请指定其中一个项目的文件夹，或用 `al portfolio {shown}` 查看所有项目的总览",
                "`{shown}` holds {n} programs and `al report` reports on one: name one program's folder, or run `al portfolio {shown}` for a dashboard of them all"
            )))
        }
        _ => Ok(()),
    }
}

/// `AL_LANG`, when set, must name a language.
fn check_lang_env() -> Result<()> {
    match std::env::var("AL_LANG") {
        Ok(v) if !v.trim().is_empty() && crate::lang::parse(&v).is_none() => Err(Error::BadLang(v)),
        _ => Ok(()),
    }
}

/// The language of a command that is not about one program (`al explain`,
/// `al rules`, `al init`, the summary of a run over programs of several
/// languages, errors): `--lang`, else `AL_LANG`, else the `lang` of the
/// al.toml that applies to the current folder, else — when the current
/// folder is a program — its own language, else the locale, else English.
pub fn run_lang(flag: Option<crate::config::Lang>) -> crate::config::Lang {
    if let Some(lang) = crate::lang::forced(flag) {
        return lang;
    }
    let here = std::path::Path::new(".");
    // A broken al.toml says nothing about the language (it is reported when read).
    let config = crate::check::Configs::default()
        .for_program(here, ".")
        .ok()
        .and_then(|(c, _)| c.lang);
    let title = match config {
        None if crate::layout::is_program(here) => crate::check::title_of(here),
        _ => None,
    };
    crate::lang::resolve(flag, config, title.as_deref())
}

/// The language to say `error` in: `--lang`, else `AL_LANG`, else the
/// language of the program it is about, else [`run_lang`].
pub fn error_lang(error: &Error, flag: Option<crate::config::Lang>) -> crate::config::Lang {
    crate::lang::forced(flag)
        .or_else(|| error.lang_hint())
        .unwrap_or_else(|| run_lang(flag))
}

/// Parses `--today`, or reads the local date.
pub(crate) fn today_or(text: Option<&str>) -> Result<Date> {
    match text {
        Some(t) => crate::dates::parse_date(t).map_err(|why| Error::BadDate {
            text: t.to_string(),
            why,
        }),
        None => Ok(jiff::Zoned::now().date()),
    }
}

fn unknown_code(code: &str) -> Error {
    Error::UnknownCode {
        code: code.to_string(),
        suggestion: crate::suggest::did_you_mean(code, crate::rules::RULES.iter().map(|r| r.code))
            .map(str::to_string),
    }
}

fn json_text(v: &serde_json::Value) -> String {
    let mut s = crate::output::json::pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes a rendered document to `-o FILE` (atomically) or stdout (no
/// `-o`, or `-o -`).
fn emit(output: Option<&std::path::Path>, text: &str) -> Result<()> {
    match output {
        Some(path) if path != std::path::Path::new("-") => crate::files::write_atomic(path, text),
        _ => crate::files::print_out(text),
    }
}

/// What clap's fish script leaves out: the values of the subcommands'
/// positional arguments (`al explain AL201`, `al schema session`).
fn fish_positionals(cmd: &clap::Command) -> String {
    let mut out = String::new();
    for sub in cmd.get_subcommands() {
        for arg in sub.get_positionals() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() {
                out.push_str(&format!(
                    "complete -c al -n \"__fish_al_using_subcommand {}\" -f -a \"{}\"\n",
                    sub.get_name(),
                    values.join(" ")
                ));
            }
        }
    }
    out
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
    lang: Option<crate::config::Lang>,
) -> Result<u8> {
    let programs = crate::pipeline::jobs(paths, lang)?;
    let mut emitter = format.emitter(crate::output::Options {
        styled: !matches!(color, ColorChoice::Never),
        deny_warnings,
        lang: run_lang(lang),
    });
    // Only a styled format is ever styled; the others are passed through
    // as they are, without scanning them for escape codes to strip.
    let mut out = stream(if emitter.styled() {
        color
    } else {
        ColorChoice::Always
    });
    let done = crate::pipeline::emit(&programs, today, jobs, emitter.as_mut(), &mut out);
    if let Some(e) = done.write_error() {
        let e = Error::WriteOut(e);
        // In the programs' language when they share one.
        return Err(match done.summary.lang {
            Some(lang) => e.in_program(lang),
            None => e,
        });
    }
    if !done.closed
        && let Some(md) = emitter.step_summary(&done.summary)
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        crate::files::append(std::path::Path::new(&path), &md)?;
    }
    Ok(exit_code(&done.summary, deny_warnings))
}

fn exit_code(s: &Summary, deny_warnings: bool) -> u8 {
    if s.errors > 0 || (deny_warnings && s.warnings > 0) {
        1
    } else {
        0
    }
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
