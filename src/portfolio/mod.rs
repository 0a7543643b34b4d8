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

/// The dashboard's data: every program under `dir` checked at `today` on
/// `threads` threads, and the language it is written in: `lang` (`--lang`
/// or `AL_LANG`), else the programs' own when they all have one, else the
/// language of the run ([`crate::app::run_lang`]).
fn collect(dir: &Path, flag: Option<Lang>, today: Date, threads: usize) -> Result<(view::Portfolio, Lang)> {
    let jobs = crate::pipeline::jobs(&[dir.to_path_buf()], flag)?;
    let mut rows = Vec::with_capacity(jobs.len());
    let mut summary = crate::check::Summary::default();
    crate::pipeline::in_order(
        &jobs,
        threads,
        |job| row::Row::of(&job.check(today), &job.config.limits, today),
        |row| {
            summary.add_lang(row.lang);
            rows.push(row);
            true
        },
    );
    let lang = crate::lang::forced(flag).unwrap_or_else(|| summary.lang_or(crate::app::run_lang(flag)));
    let root = dir.to_string_lossy().replace('\\', "/");
    Ok((view::build(rows, lang, today, &root), lang))
}

/// Renders the dashboard of every program under `dir` in `format`.
pub fn portfolio(
    dir: &Path,
    format: PortfolioFormat,
    flag: Option<Lang>,
    today: Date,
    threads: usize,
) -> Result<String> {
    let (ctx, lang) = collect(dir, flag, today, threads)?;
    let value = serde_json::to_value(&ctx).unwrap_or_default();
    let template = match format {
        PortfolioFormat::Json => {
            let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
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
