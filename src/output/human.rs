//! The human format: annotate-snippets excerpts with a caret under the value.

use super::{Options, Piece, Render, Rendered};
use crate::check::{ProgramReport, Summary};
use crate::config::Lang;
use crate::diag::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::ops::Range;

/// The human format as an emitter: excerpts rendered on the workers, the
/// summary line at the end.
pub(crate) struct Human {
    styled: bool,
    lang: crate::config::Lang,
    deny_warnings: bool,
}

impl Human {
    /// Styled or plain excerpts.
    pub fn new(options: Options) -> Human {
        Human {
            styled: options.styled,
            lang: options.lang,
            deny_warnings: options.deny_warnings,
        }
    }
}

impl super::Emitter for Human {
    fn styled(&self) -> bool {
        true
    }

    fn render(&self) -> Render {
        let styled = self.styled;
        Box::new(move |report| Rendered {
            text: render_program(report, styled),
            ..Default::default()
        })
    }

    fn program(&mut self, piece: Piece) -> String {
        piece.rendered.text
    }

    fn finish(&mut self, summary: &Summary) -> String {
        let lang = summary.lang_or(self.lang);
        format!("{}\n", summary_line(summary, lang, self.deny_warnings))
    }
}

/// Renders one program's findings, each block followed by a blank line.
pub fn render_program(report: &ProgramReport, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(&renderer, d, report.text_of(&d.file), report.lang));
        out.push_str("\n\n");
    }
    out
}

fn render_one(renderer: &Renderer, d: &Diagnostic, text: Option<&str>, lang: Lang) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    // The level's own words in Chinese; English keeps annotate-snippets' words.
    let (level, help) = match lang {
        Lang::Zh => (
            level.with_name(crate::rules::docs::severity_word(lang, d.severity)),
            Level::HELP.with_name("提示"),
        ),
        Lang::En => (level, Level::HELP),
    };
    let title = level.primary_title(d.message.as_str()).id(d.code);
    let help = help.message(d.help.as_str());
    let report: Vec<Group> = match text {
        Some(text) if !text.is_empty() && d.line > 0 && !d.whole_file => {
            let span = caret_range(text, d);
            // Hand the renderer only the lines the caret is on: rendering a
            // whole file per finding costs time in proportion to its size.
            let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let to = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
            let first_line = text[..from].matches('\n').count() + 1;
            let mut ann = AnnotationKind::Primary.span(span.start - from..span.end - from);
            if let Some(l) = &d.label {
                ann = ann.label(l.as_str());
            }
            vec![
                Group::with_title(title)
                    .element(
                        Snippet::source(&text[from..to])
                            .line_start(first_line)
                            .path(d.file.as_str())
                            .annotation(ann),
                    )
                    .element(help),
            ]
        }
        _ => vec![
            Group::with_title(title)
                .element(
                    Origin::path(d.file.as_str())
                        .line(d.line.max(1) as usize)
                        .char_column(d.column.max(1) as usize),
                )
                .element(help),
        ],
    };
    renderer.render(&report)
}

/// The bytes to underline: the value's own range, or, for a value the parser
/// gave no length (a mapping), the word that starts at its place.
fn caret_range(text: &str, d: &Diagnostic) -> Range<usize> {
    if let Some(rest) = text.get(d.bytes.start..)
        && let Some(len) = flow_collection_len(rest)
    {
        return d.bytes.start..d.bytes.start + len;
    }
    if d.bytes.end > d.bytes.start
        && d.bytes.end <= text.len()
        && text.is_char_boundary(d.bytes.start)
        && text.is_char_boundary(d.bytes.end)
    {
        return trim_line_end(text, d.bytes.clone());
    }
    let start = offset_of(text, d.line, d.column);
    let rest = &text[start..];
    if let Some(len) = flow_collection_len(rest) {
        return start..start + len;
    }
    let len: usize = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ':' | ',' | ']' | '}' | '#'))
        .map_or(rest.len(), |(i, _)| i);
    let len = if len == 0 {
        rest.chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(0, char::len_utf8)
    } else {
        len
    };
    start..start + len
}

/// The length of a flow mapping or sequence (`{ … }`, `[ … ]`) that starts
/// `rest` and closes on the same line.
fn flow_collection_len(rest: &str) -> Option<usize> {
    let open = rest.chars().next().filter(|c| matches!(c, '{' | '['))?;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (_, '\n') => return None,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    let _ = open;
    None
}

/// Keeps a multi-line value's underline on its first line.
fn trim_line_end(text: &str, r: Range<usize>) -> Range<usize> {
    match text[r.clone()].find(['\r', '\n']) {
        Some(i) if i > 0 => r.start..r.start + i,
        _ => r,
    }
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col = (column.max(1) - 1) as usize;
            let within = l
                .char_indices()
                .nth(col)
                .map_or(l.trim_end_matches(['\n', '\r']).len(), |(b, _)| b);
            return offset + within;
        }
        offset += l.len();
    }
    text.len()
}

/// The closing line: counts, or that all is well. The verdict says
/// "failed" whenever the run exits 1: on errors, and on warnings when
/// `--deny-warnings` makes them fail the run.
pub fn summary_line(s: &Summary, lang: Lang, deny_warnings: bool) -> String {
    use crate::lang::plural;
    let (programs, files, errors, warnings) = (s.programs, s.files, s.errors, s.warnings);
    if lang == Lang::Zh {
        return if errors == 0 && warnings == 0 {
            format!("通过：{programs} 个项目（{files} 个文件）无问题")
        } else {
            let verdict = if errors > 0 || deny_warnings {
                "未通过"
            } else {
                "通过（有警告）"
            };
            format!("{verdict}：{errors} 个错误，{warnings} 个警告，共 {programs} 个项目（{files} 个文件）")
        };
    }
    let programs = format!("{programs} {}", plural(programs, "program", "programs"));
    let files = format!("{files} {}", plural(files, "file", "files"));
    if errors == 0 && warnings == 0 {
        return format!("ok: no findings in {programs} ({files})");
    }
    let verdict = if errors > 0 || deny_warnings {
        "failed"
    } else {
        "passed with warnings"
    };
    let errors = format!("{errors} {}", plural(errors, "error", "errors"));
    let warnings = format!("{warnings} {}", plural(warnings, "warning", "warnings"));
    format!("{verdict}: {errors}, {warnings} in {programs} ({files})")
}
