//! The human format: annotate-snippets excerpts with a caret under the value.

use super::{Options, Piece, Render, Rendered};
use crate::check::{ProgramReport, Summary};
use crate::config::Lang;
use crate::diag::{Diagnostic, Severity};
use crate::source::LineIndex;
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
        format!(
            "{}{}\n",
            summary_line(summary, lang, self.deny_warnings),
            configs_named(summary, lang)
        )
    }
}

/// Renders one program's findings, each block followed by a blank line:
/// at most [`super::SHOWN_PER_FILE_AND_RULE`] of a rule in a file, then,
/// after the file's last finding shown, one line for each rule that has
/// more ("and N more of ALxxx in this file").
pub fn render_program(report: &ProgramReport, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let placed = report.placed();
    let (shown, omitted) = super::cap_report(report);
    let mut out = String::new();
    let mut more = omitted.iter().peekable();
    let shown = report
        .diagnostics
        .iter()
        .zip(shown)
        .filter_map(|(d, s)| s.then_some(d));
    let mut shown = shown.peekable();
    while let Some(d) = shown.next() {
        let source = placed.get(d.file.as_str()).copied();
        out.push_str(&render_one(&renderer, d, source, report.lang));
        out.push_str("\n\n");
        if shown.peek().is_none_or(|next| next.file != d.file) {
            while let Some(o) = more.next_if(|o| o.file == d.file) {
                out.push_str(&render_omitted(&renderer, o, report.lang));
                out.push_str("\n\n");
            }
        }
    }
    out
}

/// The line that says how many findings of a rule in a file are not shown.
fn render_omitted(renderer: &Renderer, o: &super::Omitted, lang: Lang) -> String {
    let level = match lang {
        Lang::Zh => Level::NOTE.with_name("注意"),
        Lang::En => Level::NOTE,
    };
    let text = format!("{}: {}", one_line(&o.file), o.sentence(lang));
    renderer.render(&[Group::with_title(level.primary_title(text.as_str()).id(o.code))])
}

fn render_one(renderer: &Renderer, d: &Diagnostic, source: Option<(&str, &LineIndex)>, lang: Lang) -> String {
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
    // Nothing from a file reaches the terminal as a control sequence: the
    // path, message, help and label on one line each, the excerpt with its
    // control characters as visible signs.
    let (file, message, help_text) = (one_line(&d.file), one_line(&d.message), one_line(&d.help));
    let label = d.label.as_deref().map(one_line);
    let title = level.primary_title(message.as_str()).id(d.code);
    let help = help.message(help_text.as_str());
    // Hand the renderer only the lines the caret is on: rendering a whole
    // file per finding costs time in proportion to its size.
    let excerpt = match source {
        Some((text, ix)) if !text.is_empty() && d.line > 0 && !d.whole_file => {
            let span = caret_range(text, ix, d);
            let line = ix.line_of(span.start);
            let from = ix.line_range(line).start;
            let to = ix.line_range(ix.line_of(span.end)).end;
            let first_line = line + 1;
            let (window, caret) = window(&text[from..to], span.start - from..span.end - from);
            // A window's column is not the line's: the heading must name
            // the line's (as the renderer counts it, in characters).
            let column =
                matches!(window, std::borrow::Cow::Owned(_)).then(|| ix.loc(text, span.clone()).column);
            let (shown, caret) = visible_excerpt(&window, caret);
            Some((shown, caret, first_line, column))
        }
        _ => None,
    };
    let report: Vec<Group> = match &excerpt {
        Some((shown, caret, first_line, _)) => {
            let mut ann = AnnotationKind::Primary.span(caret.clone());
            if let Some(l) = &label {
                ann = ann.label(l.as_str());
            }
            vec![
                Group::with_title(title)
                    .element(
                        Snippet::source(shown.as_str())
                            .line_start(*first_line)
                            .path(file.as_str())
                            .annotation(ann),
                    )
                    .element(help),
            ]
        }
        None => vec![
            Group::with_title(title)
                .element(
                    Origin::path(file.as_str())
                        .line(d.line.max(1) as usize)
                        .char_column(d.column.max(1) as usize),
                )
                .element(help),
        ],
    };
    let out = renderer.render(&report);
    match &excerpt {
        Some((shown, caret, line, Some(column))) => {
            let in_window = shown.get(..caret.start).map_or(0, |s| s.chars().count()) + 1;
            retitle(
                out,
                &format!("{file}:{line}:{in_window}"),
                &format!("{file}:{line}:{column}"),
            )
        }
        _ => out,
    }
}

/// The rendering of a finding with the place in its heading (`file:line:
/// column`, after the title line) named `to` instead of `from`.
fn retitle(out: String, from: &str, to: &str) -> String {
    let after_title = out.find('\n').map_or(out.len(), |i| i + 1);
    match out[after_title..].find(from) {
        Some(i) => {
            let at = after_title + i;
            format!("{}{to}{}", &out[..at], &out[at + from.len()..])
        }
        None => out,
    }
}

/// A text shown on one line: control characters as visible signs, a line
/// break as `␊` (so that no line of the output can start with what a file
/// put after a break, such as a GitHub workflow command).
fn one_line(text: &str) -> String {
    crate::report::visible_controls(text).replace('\n', "\u{240a}")
}

/// Lines wider than this many columns are shown as a window around the caret.
const LONG_LINE: usize = 200;

/// How many columns of a long line are shown: the caret's and the text
/// around it (which leaves room for the line number within a terminal of
/// 140 columns, where the renderer would cut the line itself).
const WINDOW: usize = 120;

/// How many columns of a caret longer than that are underlined on a long line.
const CARET: usize = 60;

/// A one-line excerpt wider than [`LONG_LINE`] columns cut to a window of
/// [`WINDOW`] columns around the caret, with `…` where it is cut, and the
/// caret's byte range moved to match (a caret longer than [`CARET`]
/// columns is cut too). Columns count as the terminal shows them: a
/// Chinese character takes two; the line is cut between characters only.
/// Shorter lines, and excerpts of more than one line, are kept whole.
fn window(excerpt: &str, caret: Range<usize>) -> (std::borrow::Cow<'_, str>, Range<usize>) {
    let long = excerpt.len() > LONG_LINE
        && !excerpt.contains('\n')
        && excerpt.chars().map(char_width).take(LONG_LINE + 1).sum::<usize>() > LONG_LINE;
    let caret_end = caret.end.clamp(caret.start, excerpt.len());
    let (Some(before), Some(underline), Some(after)) = (
        excerpt.get(..caret.start),
        excerpt.get(caret.start..caret_end),
        excerpt.get(caret_end..),
    ) else {
        return (excerpt.into(), caret);
    };
    if !long {
        return (excerpt.into(), caret);
    }
    // The caret, cut to CARET columns; then the text after it and before
    // it, as much of each as fits (after it first when the caret is near
    // the start, before it when near the end).
    let (underlined, cols) = take_columns(underline.chars(), CARET);
    let after = match underlined < underline.len() {
        true => &excerpt[caret.start + underlined..],
        false => after,
    };
    let budget = WINDOW.saturating_sub(cols);
    let after_cols: usize = after.chars().map(char_width).take(budget + 1).sum();
    let (back, used) = take_columns(
        before.chars().rev(),
        (budget / 2).max(budget.saturating_sub(after_cols)),
    );
    let (ahead, _) = take_columns(after.chars(), budget - used);
    let start = caret.start - back;
    let end = caret.start + underlined + ahead;
    let mut shown = String::with_capacity(end - start + 6);
    if start > 0 {
        shown.push('…');
    }
    let from = shown.len() + back;
    shown.push_str(&excerpt[start..end]);
    if end < excerpt.len() {
        shown.push('…');
    }
    (shown.into(), from..from + underlined)
}

/// How many bytes of `chars` (taken in the order given) fit in `columns`,
/// and how many columns they take.
fn take_columns(chars: impl Iterator<Item = char>, columns: usize) -> (usize, usize) {
    let (mut bytes, mut used) = (0, 0);
    for c in chars {
        let w = char_width(c);
        if used + w > columns {
            break;
        }
        used += w;
        bytes += c.len_utf8();
    }
    (bytes, used)
}

/// The columns a character takes in a terminal ([`crate::source::width`]).
fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    crate::source::width(c.encode_utf8(&mut buf))
}

/// An excerpt with its control characters as visible signs, and the caret's
/// byte range moved to match.
fn visible_excerpt(excerpt: &str, caret: Range<usize>) -> (String, Range<usize>) {
    let shown = crate::report::visible_controls(excerpt);
    if shown.len() == excerpt.len() {
        return (shown, caret);
    }
    let at = |i: usize| {
        excerpt.get(..i).map_or(shown.len(), |before| {
            crate::report::visible_controls(before).len()
        })
    };
    let (start, end) = (at(caret.start), at(caret.end));
    (shown, start..end.max(start))
}

/// The bytes to underline: the value's own range, or, for a value the parser
/// gave no length (a mapping), the word that starts at its place.
fn caret_range(text: &str, ix: &LineIndex, d: &Diagnostic) -> Range<usize> {
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
    let start = ix.offset_of(text, d.line, d.column);
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

/// The end of the closing line that names the al.toml files whose settings
/// applied (rule severities, waivers, limits), each as shown; nothing when
/// none did. A setting that silences a finding is never unseen: an al.toml
/// the user did not expect is named here.
pub fn configs_named(s: &Summary, lang: Lang) -> String {
    if s.configs.is_empty() {
        return String::new();
    }
    let files: Vec<String> = s.configs.iter().map(|f| one_line(f)).collect();
    crate::tr!(
        lang,
        "；设置来自 {files}",
        "; settings from {files}",
        files = files.join(crate::lang::pick(lang, "、", ", "))
    )
}

/// The closing line: counts, or that all is well. The verdict says
/// "failed" whenever the run exits 1: on errors, and on warnings when
/// `--deny-warnings` makes them fail the run.
pub fn summary_line(s: &Summary, lang: Lang, deny_warnings: bool) -> String {
    let line = counts_line(s, lang, deny_warnings);
    match (s.omitted, lang) {
        (0, _) => line,
        (n, Lang::Zh) => format!("{line}，其中 {n} 个未显示"),
        (n, Lang::En) => format!("{line}; {n} of them not shown"),
    }
}

/// The verdict and the counts of [`summary_line`].
fn counts_line(s: &Summary, lang: Lang, deny_warnings: bool) -> String {
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
