//! The GitHub Actions format: workflow commands that show as annotations.

use super::{Piece, Render, Rendered};
use crate::check::Summary;
use crate::diag::{Diagnostic, Severity};

/// The GitHub format as an emitter: each program's lines rendered on the
/// workers, nothing at the end on standard output; a Markdown summary of the
/// run for `$GITHUB_STEP_SUMMARY` ([`super::Emitter::step_summary`]).
#[derive(Default)]
pub(crate) struct Github {
    lang: crate::config::Lang,
    deny_warnings: bool,
    /// Per program: its folder (from the repository root), errors, warnings.
    programs: Vec<(String, usize, usize)>,
    /// Per rule: its code and name, and how many findings.
    rules: std::collections::BTreeMap<&'static str, (&'static str, usize)>,
    /// The first findings, as list items.
    first: Vec<String>,
    paths: super::paths::RepoPaths,
}

/// How many findings the step summary lists one by one.
const FIRST: usize = 20;

impl Github {
    /// The summary in the run's language (or the programs', when they share one).
    pub fn new(options: super::Options) -> Github {
        Github {
            lang: options.lang,
            deny_warnings: options.deny_warnings,
            ..Github::default()
        }
    }
}

impl super::Emitter for Github {
    fn render(&self) -> Render {
        Box::new(|report| {
            let (shown, omitted) = super::cap_report(report);
            let shown: Vec<&Diagnostic> = report
                .diagnostics
                .iter()
                .zip(shown)
                .filter_map(|(d, shown)| shown.then_some(d))
                .collect();
            let mut paths = super::paths::RepoPaths::default();
            let mut text = render(shown, &mut paths);
            text.push_str(&render_omitted(&omitted, &mut paths, report.lang));
            Rendered {
                text,
                ..Default::default()
            }
        })
    }

    fn program(&mut self, piece: Piece) -> String {
        let (errors, warnings) = (piece.count(Severity::Error), piece.count(Severity::Warning));
        self.programs
            .push((self.paths.path(&piece.display), errors, warnings));
        for o in &piece.omitted {
            self.rules.entry(o.code).or_insert((o.name, 0)).1 += o.omitted;
        }
        for d in &piece.diagnostics {
            self.rules.entry(d.code).or_insert((d.name, 0)).1 += 1;
            if self.first.len() < FIRST {
                let file = self.paths.path(&d.file);
                self.first.push(format!(
                    "- `{}:{}` {} {}",
                    file.replace('`', "'"),
                    d.line,
                    d.code,
                    cell(&d.message)
                ));
            }
        }
        piece.rendered.text
    }

    fn finish(&mut self, _summary: &Summary) -> String {
        String::new()
    }

    fn step_summary(&self, summary: &Summary) -> Option<String> {
        Some(self.markdown(summary))
    }
}

impl Github {
    /// The run as Markdown: the verdict, counts by program and by rule, the
    /// first findings.
    fn markdown(&self, summary: &Summary) -> String {
        use crate::lang::pick;
        let lang = summary.lang_or(self.lang);
        let mut md = format!(
            "### al check — {}\n\n",
            super::human::summary_line(summary, lang, self.deny_warnings)
        );
        let with_findings: Vec<&(String, usize, usize)> =
            self.programs.iter().filter(|(_, e, w)| e + w > 0).collect();
        if with_findings.is_empty() {
            return md;
        }
        md.push_str(pick(
            lang,
            "| 项目 | 错误 | 警告 |\n|---|---:|---:|\n",
            "| Program | Errors | Warnings |\n|---|---:|---:|\n",
        ));
        for (program, e, w) in &with_findings {
            md.push_str(&format!("| {} | {e} | {w} |\n", cell(program)));
        }
        md.push_str(pick(
            lang,
            "\n| 规则 | 名称 | 发现 |\n|---|---|---:|\n",
            "\n| Rule | Name | Findings |\n|---|---|---:|\n",
        ));
        for (code, (name, n)) in &self.rules {
            md.push_str(&format!("| {code} | {name} | {n} |\n"));
        }
        let total = summary.errors + summary.warnings;
        md.push_str(&if total > self.first.len() {
            crate::tr!(
                lang,
                "\n前 {} 个发现（共 {total} 个）：\n\n",
                "\nThe first {} findings of {total}:\n\n",
                self.first.len()
            )
        } else {
            pick(lang, "\n发现：\n\n", "\nFindings:\n\n").to_string()
        });
        for item in &self.first {
            md.push_str(item);
            md.push('\n');
        }
        md
    }
}

/// Text for one Markdown table cell or list item: one line, no table
/// breaks, no control characters.
fn cell(text: &str) -> String {
    crate::report::visible_controls(text)
        .replace('\n', " ")
        .replace('|', "\\|")
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::notice file=…,title=ALxxx::and N more of ALxxx in this file`
/// line per file and rule whose findings were not all shown: a notice,
/// which fails nothing (the findings shown already do).
fn render_omitted(
    omitted: &[super::Omitted],
    paths: &mut super::paths::RepoPaths,
    lang: crate::config::Lang,
) -> String {
    omitted
        .iter()
        .map(|o| {
            let file = crate::report::visible_controls(&paths.path(&o.file));
            format!(
                "::notice file={},title={}::{}\n",
                escape_property(&file),
                escape_property(o.code),
                escape_data(&o.sentence(lang))
            )
        })
        .collect()
}

/// One `::error …::message` (or `::warning`) line per finding, its file
/// named from the repository root (see [`super::paths`]).
pub(crate) fn render<'a>(
    findings: impl IntoIterator<Item = &'a Diagnostic>,
    paths: &mut super::paths::RepoPaths,
) -> String {
    let mut out = String::new();
    for d in findings {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = crate::report::visible_controls(&paths.path(&d.file));
        let mut props = format!("file={},line={}", escape_property(&file), d.line);
        match d.end {
            // A span over lines keeps its lines only: the runner accepts no
            // columns when the start and end lines differ.
            Some((end_line, _)) if end_line != d.line => {
                props.push_str(&format!(",endLine={end_line}"));
            }
            Some((end_line, end_col)) => props.push_str(&format!(
                ",col={},endLine={end_line},endColumn={end_col}",
                d.column
            )),
            None => props.push_str(&format!(",col={}", d.column)),
        }
        props.push_str(&format!(",title={}", escape_property(d.code)));
        let message = format!("{} ({})\nhelp: {}", d.message, d.name, d.help);
        let message = crate::report::visible_controls(&message);
        out.push_str(&format!("::{level} {props}::{}\n", escape_data(&message)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
