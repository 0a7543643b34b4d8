//! `al portfolio`: the program office's dashboard over every program under
//! a folder.
//!
//! The programs are found and checked as `al check DIR` finds and checks
//! them ([`crate::pipeline`]: every al.toml read first, the programs checked
//! in parallel, the results taken in the order found), and each program's
//! [`Row`](row::Row) is made on the worker from the same facts as the report
//! and from the findings of that check; the program is dropped there, so
//! memory does not grow with the number of programs. The rows are then
//! grouped by batch ([`view::build`]) and rendered through the templates
//! `portfolio.md.tera` / `portfolio.html.tera`, or printed as JSON. The
//! output is the same bytes whatever the number of threads.

mod row;
mod view;

use crate::config::Lang;
use crate::error::Result;
use crate::model::Date;
use std::path::Path;

/// The output formats of `al portfolio`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    /// Markdown (the default).
    #[default]
    Markdown,
    /// One self-contained HTML file that prints to A4.
    Html,
    /// The dashboard's data as one JSON document.
    Json,
}

impl PortfolioFormat {
    /// `--format` when given, else the one the extension of `-o FILE`
    /// stands for (`.html`, `.htm`, `.json`), else Markdown.
    pub fn choose(flag: Option<PortfolioFormat>, output: Option<&Path>) -> PortfolioFormat {
        let by_ext = || {
            let ext = output?.extension()?.to_str()?.to_ascii_lowercase();
            match ext.as_str() {
                "json" => Some(PortfolioFormat::Json),
                _ => match crate::report::DocFormat::of_path(output?)? {
                    crate::report::DocFormat::Markdown => Some(PortfolioFormat::Markdown),
                    crate::report::DocFormat::Html => Some(PortfolioFormat::Html),
                },
            }
        };
        flag.or_else(by_ext).unwrap_or_default()
    }
}

/// What the dashboard is made of: the folder searched, `--lang`, the day,
/// the threads and `--since`.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The folder to search for programs.
    pub dir: &'a Path,
    /// `--lang`, when given.
    pub lang: Option<Lang>,
    /// The day the dashboard is written at.
    pub today: Date,
    /// Programs checked at once.
    pub threads: usize,
    /// `--since REV`: what moved since that git revision.
    pub since: Option<&'a str>,
}

/// The dashboard's data: every program under the folder checked at the day
/// on the threads, and the language it is written in: `--lang` (or
/// `AL_LANG`), else the programs' own when they all have one, else the
/// language of the run ([`crate::app::run_lang`]).
fn collect(req: &Request) -> Result<(view::Portfolio, Lang)> {
    let (today, flag) = (req.today, req.lang);
    let jobs = crate::pipeline::jobs(&[req.dir.to_path_buf()], flag)?;
    let mut rows = Vec::with_capacity(jobs.len());
    let mut summary = crate::check::Summary::default();
    let mut failed = None;
    crate::pipeline::in_order(
        &jobs,
        req.threads,
        |job| {
            let report = job.check(today);
            let mut row = row::Row::of(&report, &job.config.limits, today);
            if let Some(rev) = req.since {
                let (diff, then) = crate::history::since_with_then(&job.dir, rev, &report.program, today)
                    .map_err(|e| e.in_program(report.lang))?;
                row.moved = Some(row::Moved::of(&diff));
                // Who facilitated what then, for the change in their load.
                row.facilitators_then = Some(row::facilitators(then.team.as_ref().map(|t| &t.value)));
            }
            Ok(row)
        },
        |row: Result<row::Row>| match row {
            Ok(row) => {
                summary.add_lang(row.lang);
                rows.push(row);
                true
            }
            Err(e) => {
                failed = Some(e);
                false
            }
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    let lang = crate::lang::forced(flag).unwrap_or_else(|| summary.lang_or(crate::app::run_lang(flag)));
    let root = req.dir.to_string_lossy().replace('\\', "/");
    Ok((view::build(rows, lang, today, &root, req.since), lang))
}

/// Writes the HTML dashboard of every program under `dir` as
/// `out/index.html`, and beside it each program's own HTML report
/// ([`crate::report::report_as`]), named after its folder under `dir`
/// (`/` written `-`), its title in the dashboard linked to it.
pub fn portfolio_to_dir(req: &Request, out: &Path) -> Result<()> {
    let (mut ctx, lang) = collect(req)?;
    let (dir, flag, today) = (req.dir, req.lang, req.today);
    let root = ctx.root.clone();
    let mut reports = Vec::new();
    for row in ctx.batches.iter_mut().flat_map(|b| b.programs.iter_mut()) {
        let file = report_name(&root, &row.row.folder);
        reports.push((row.row.folder.clone(), file.clone()));
        row.link = Some(file);
    }
    fs_err::create_dir_all(out).map_err(|e| crate::error::Error::Write {
        path: out.to_path_buf(),
        source: e,
    })?;
    let html = render(dir, &ctx, lang, PortfolioFormat::Html)?;
    crate::files::write_atomic(&out.join("index.html"), &html)?;
    for (folder, file) in reports {
        let text = crate::report::report_as(
            crate::report::DocFormat::Html,
            Path::new(&folder),
            flag,
            today,
            None,
        )?;
        crate::files::write_atomic(&out.join(file), &text)?;
    }
    Ok(())
}

/// The file name of a program's report beside the dashboard: its folder
/// under the root, `/` written `-`, with `.html`.
fn report_name(root: &str, folder: &str) -> String {
    let rel = folder
        .strip_prefix(root)
        .map(|r| r.trim_start_matches('/'))
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| folder.rsplit('/').next().unwrap_or(folder));
    let name: String = rel
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let name = name.trim_start_matches('.');
    format!("{}.html", if name.is_empty() { "program" } else { name })
}

/// Renders the dashboard's context in a format.
fn render(dir: &Path, ctx: &view::Portfolio, lang: Lang, format: PortfolioFormat) -> Result<String> {
    let value = serde_json::to_value(ctx).unwrap_or_default();
    let template = match format {
        PortfolioFormat::Json => {
            let mut s = crate::output::json::pretty(&value).unwrap_or_default();
            s.push('\n');
            return Ok(s);
        }
        PortfolioFormat::Markdown => crate::report::DocFormat::Markdown.template("portfolio"),
        PortfolioFormat::Html => crate::report::DocFormat::Html.template("portfolio"),
    };
    let overrides = dir.join("templates");
    let engine = crate::report::engine(lang, Some(&overrides))?;
    crate::report::render(&engine, &template, &value, Some(&overrides))
}

/// Renders the dashboard of every program under `dir` in `format`.
pub fn portfolio(req: &Request, format: PortfolioFormat) -> Result<String> {
    let (ctx, lang) = collect(req)?;
    render(req.dir, &ctx, lang, format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::test_program::{d, program};

    /// The row of a program made of (path, text) pairs, checked at `today`.
    fn row_of(files: &[(&str, &str)], today: &str) -> row::Row {
        let report = crate::check::finish(
            program(files),
            &crate::config::Config::default(),
            false,
            d(today),
            Some(Lang::Zh),
        );
        row::Row::of(&report, &crate::config::Limits::default(), d(today))
    }

    const TOPIC: &str = "title: 甲\nstart: 2026-01-01\nstage: 3\nbatch: B\n";

    #[test]
    fn a_row_takes_the_step_the_record_supports_and_drops_the_program() {
        let r = row_of(&[("topic.yaml", TOPIC)], "2026-03-01");
        assert_eq!((r.declared_step, r.record_step, r.step), (3, None, Some(2)));
        assert_eq!(r.weeks, Some(8));
        assert!(r.running());
        let late = row_of(&[("topic.yaml", TOPIC)], "2026-07-02");
        assert_eq!(late.review_overdue, Some(d("2026-07-01")));
    }

    #[test]
    fn rows_are_grouped_by_batch_the_unbatched_last() {
        let a = row_of(&[("topic.yaml", TOPIC)], "2026-03-01");
        let mut b = a.clone();
        b.batch = None;
        b.folder = "a".into();
        let mut c = a.clone();
        c.batch = Some("A".into());
        let p = view::build(vec![b, a, c], Lang::En, d("2026-03-01"), "root", None);
        let names: Vec<Option<&str>> = p.batches.iter().map(|b| b.name.as_deref()).collect();
        assert_eq!(names, [Some("A"), Some("B"), None]);
        assert_eq!(p.batches[1].at_step, [0, 1, 0, 0, 0, 0]);
        assert_eq!(p.batches[1].at_step_percent, [0, 100, 0, 0, 0, 0]);
    }

    #[test]
    fn report_files_are_named_after_their_folders() {
        assert_eq!(report_name("root", "root/batch-1/p"), "batch-1-p.html");
        assert_eq!(report_name("root/p", "root/p"), "p.html");
        assert_eq!(report_name(".", "./p"), "p.html");
    }

    #[test]
    fn the_format_follows_the_flag_then_the_extension() {
        let f = |flag, out: &str| PortfolioFormat::choose(flag, Some(Path::new(out)));
        assert_eq!(f(None, "x.json"), PortfolioFormat::Json);
        assert_eq!(f(None, "x.HTML"), PortfolioFormat::Html);
        assert_eq!(f(None, "x.txt"), PortfolioFormat::Markdown);
        assert_eq!(f(Some(PortfolioFormat::Json), "x.html"), PortfolioFormat::Json);
    }
}
