//! The formats a document (report or agenda) is written in: one registry.
//!
//! Each [`DocFormat`] has a [`DocSpec`]: the suffix of its templates
//! (`report.md.tera`, `report.html.tera`), the file extensions `-o FILE`
//! infers it from, its media type, whether its templates escape every
//! value (HTML) and how the rendered text is tidied. Both formats are
//! rendered from the same context; only the templates differ.
//!
//! Adding a format means: a variant of [`DocFormat`], its spec in
//! [`DocFormat::spec`] (the match is exhaustive), and its templates under
//! `templates/zh/` and `templates/en/`.

use std::path::Path;

/// The format of a document, as `--format` names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum DocFormat {
    /// Markdown (the default).
    #[default]
    Markdown,
    /// One self-contained HTML file that prints to A4.
    Html,
}

/// Everything `al` knows about one document format.
#[derive(Debug)]
pub struct DocSpec {
    /// The format.
    pub format: DocFormat,
    /// Its name, as `--format` takes it.
    pub name: &'static str,
    /// How the names of its templates end: `report` + suffix is the report's.
    pub suffix: &'static str,
    /// The extensions (lower case, without the dot) of an output file that
    /// give this format when `--format` is not given.
    pub extensions: &'static [&'static str],
    /// Its media type.
    pub media_type: &'static str,
    /// Whether every value put into its templates is escaped (Tera's
    /// autoescape; `| safe` lets a value through as it is).
    pub autoescape: bool,
    /// Tidies the rendered text (blank lines left by template tags).
    pub tidy: fn(&str) -> String,
}

impl DocFormat {
    /// Every format, in the order `--format` lists them.
    pub fn all() -> &'static [DocFormat] {
        <DocFormat as clap::ValueEnum>::value_variants()
    }

    /// Everything about this format.
    pub fn spec(self) -> &'static DocSpec {
        match self {
            DocFormat::Markdown => &DocSpec {
                format: DocFormat::Markdown,
                name: "markdown",
                suffix: ".md.tera",
                extensions: &["md", "markdown"],
                media_type: "text/markdown; charset=utf-8",
                autoescape: false,
                tidy: tidy_text,
            },
            DocFormat::Html => &DocSpec {
                format: DocFormat::Html,
                name: "html",
                suffix: ".html.tera",
                extensions: &["html", "htm"],
                media_type: "text/html; charset=utf-8",
                autoescape: true,
                tidy: tidy_html,
            },
        }
    }

    /// The name of the template `stem` in this format: `report` →
    /// `report.html.tera`.
    pub fn template(self, stem: &str) -> String {
        format!("{stem}{}", self.spec().suffix)
    }

    /// The format of a template, by how its name ends (Markdown for any other name).
    pub fn of_template(name: &str) -> DocFormat {
        Self::all()
            .iter()
            .copied()
            .find(|f| name.ends_with(f.spec().suffix))
            .unwrap_or_default()
    }

    /// The format an output file's extension stands for, if any (`.html`,
    /// `.htm` → HTML; `.md` → Markdown; case does not matter).
    pub fn of_path(path: &Path) -> Option<DocFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::all()
            .iter()
            .copied()
            .find(|f| f.spec().extensions.contains(&ext.as_str()))
    }

    /// The format of a document: `--format` when given, else the one the
    /// extension of `-o FILE` stands for, else Markdown.
    pub fn choose(flag: Option<DocFormat>, output: Option<&Path>) -> DocFormat {
        flag.or_else(|| output.and_then(Self::of_path))
            .unwrap_or_default()
    }

    /// The template suffixes whose templates escape every value.
    pub(crate) fn autoescaped_suffixes() -> Vec<&'static str> {
        Self::all()
            .iter()
            .map(|f| f.spec())
            .filter(|s| s.autoescape)
            .map(|s| s.suffix)
            .collect()
    }
}

/// Text as a CSS string, quotes included, safe inside a `<style>` element:
/// `"` and `\` escaped, line breaks and other control characters and `<`,
/// `>` and `&` written as CSS escapes (so that no `</style>` can appear).
pub(crate) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => out.push_str(&format!("\\{:X} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:X} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text cut to at most `max` characters, the last of them `…` when it was
/// cut: on character boundaries, between words when a space is among the
/// last twelve characters kept, white space before the `…` dropped.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    // Words written with spaces are cut between words, when one ends near.
    let near = kept
        .char_indices()
        .rev()
        .take(12)
        .find(|(_, c)| c.is_whitespace());
    let kept = near.map_or(kept.as_str(), |(at, _)| &kept[..at]);
    format!("{}…", kept.trim_end())
}

/// Collapses runs of blank lines left by template tags into one, trims
/// trailing spaces, and ends the text with exactly one newline.
fn tidy_text(text: &str) -> String {
    tidy_lines(text.lines().map(|l| (l, false)))
}

/// [`tidy_text`] for HTML, except that lines inside a `<pre>` element (or
/// opening or closing one) are kept exactly as they are: there, blank lines
/// and spaces are part of the text.
fn tidy_html(text: &str) -> String {
    let mut inside = false;
    let lines = text.lines().map(|line| {
        let starts_inside = inside;
        let touched;
        (inside, touched) = pre_tags(line, inside);
        (line, starts_inside || touched)
    });
    tidy_lines(lines)
}

/// Whether a `<pre>` element is open after `line`, given whether one was
/// open before it, and whether the line opens or closes one.
fn pre_tags(line: &str, mut inside: bool) -> (bool, bool) {
    let lower = line.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut touched = false;
    loop {
        let tag = if inside { "</pre" } else { "<pre" };
        let Some(at) = rest.find(tag) else {
            return (inside, touched);
        };
        let after = &rest[at + tag.len()..];
        // `<prefix>` is not `<pre>`: the name must end there.
        if after.is_empty() || after.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace()) {
            inside = !inside;
            touched = true;
        }
        rest = after;
    }
}

/// The tidying itself, over lines each marked "keep exactly".
fn tidy_lines<'a>(lines: impl Iterator<Item = (&'a str, bool)>) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for (line, keep) in lines {
        let line = if keep { line } else { line.trim_end() };
        if line.is_empty() && !keep {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_suffix_and_extensions() {
        for a in DocFormat::all() {
            for b in DocFormat::all() {
                if a != b {
                    assert!(!a.spec().suffix.ends_with(b.spec().suffix), "{a:?} {b:?}");
                    for e in a.spec().extensions {
                        assert!(!b.spec().extensions.contains(e), "{e}");
                    }
                }
            }
            assert_eq!(a.spec().format, *a);
            assert_eq!(DocFormat::of_template(&a.template("report")), *a);
            let name = <DocFormat as clap::ValueEnum>::to_possible_value(a).map(|v| v.get_name().to_string());
            assert_eq!(name.as_deref(), Some(a.spec().name));
        }
    }

    #[test]
    fn the_output_file_names_the_format_unless_the_flag_does() {
        let html = Some(Path::new("out/Report.HTML"));
        assert_eq!(DocFormat::choose(None, html), DocFormat::Html);
        assert_eq!(DocFormat::choose(None, Some(Path::new("r.htm"))), DocFormat::Html);
        assert_eq!(
            DocFormat::choose(None, Some(Path::new("r.md"))),
            DocFormat::Markdown
        );
        assert_eq!(
            DocFormat::choose(None, Some(Path::new("r.txt"))),
            DocFormat::Markdown
        );
        assert_eq!(
            DocFormat::choose(None, Some(Path::new("html"))),
            DocFormat::Markdown
        );
        assert_eq!(DocFormat::choose(None, None), DocFormat::Markdown);
        assert_eq!(
            DocFormat::choose(Some(DocFormat::Markdown), html),
            DocFormat::Markdown
        );
        assert_eq!(DocFormat::choose(Some(DocFormat::Html), None), DocFormat::Html);
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style() {
        assert_eq!(css_string("如何降低"), "\"如何降低\"");
        assert_eq!(
            css_string("a\"b\\c</style>&\nd"),
            "\"a\\\"b\\\\c\\3C /style\\3E \\26 \\A d\""
        );
    }

    #[test]
    fn shortened_text_keeps_whole_characters() {
        assert_eq!(shorten("如何降低", 40), "如何降低");
        let long = "长".repeat(10_000);
        let short = shorten(&long, 40);
        assert_eq!(short.chars().count(), 40);
        assert!(short.ends_with("长…"));
        assert_eq!(shorten("abc def", 5), "abc…");
        assert_eq!(
            shorten(
                "How can we halve the time it takes to resolve a customer complaint?",
                40
            ),
            "How can we halve the time it takes to…"
        );
        assert_eq!(shorten("", 0), "");
    }

    #[test]
    fn markdown_is_tidied_as_before() {
        let tidy = DocFormat::Markdown.spec().tidy;
        assert_eq!(tidy("\n\na  \n\n\n\nb\n\n\n"), "a\n\nb\n");
        assert_eq!(tidy("<pre>\n\n\nx\n</pre>\n"), "<pre>\n\nx\n</pre>\n");
    }

    #[test]
    fn html_keeps_preformatted_text_exactly() {
        let tidy = DocFormat::Html.spec().tidy;
        let text = "<p>a</p>  \n\n\n<pre class=\"x\">one  \n\n\n  two\n</pre>\n\n\n<prefix>\n\n\n<PRE>x\n\n\ny</PRE>  \n\n";
        assert_eq!(
            tidy(text),
            "<p>a</p>\n\n<pre class=\"x\">one  \n\n\n  two\n</pre>\n\n<prefix>\n\n<PRE>x\n\n\ny</PRE>  \n"
        );
        // A line that opens and closes `<pre>` is kept as it is, too.
        assert_eq!(tidy("<pre>a  </pre>  \n"), "<pre>a  </pre>  \n");
    }
}
