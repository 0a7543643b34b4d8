//! Markdown escaping for the report's and the agenda's templates: a value
//! put in a table cell, a heading or a list item stays in its place,
//! whatever it holds (line breaks, `|`, `#`, `>`, list markers, fences).
//!
//! Templates use them as filters: `{{ x | cell }}`, `{{ x | heading }}`,
//! `{{ x | item }}` (the last also for a value inside a paragraph).

use crate::source::is_cjk;

/// Registers the filters `cell`, `heading` and `item` with the engine.
pub(crate) fn register(t: &mut tera::Tera) {
    t.register_filter("cell", |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
        cell(&super::text_of(&v))
    });
    t.register_filter("heading", |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
        heading(&super::text_of(&v))
    });
    t.register_filter("item", |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
        item(&super::text_of(&v))
    });
}

/// Escapes text for one cell of a Markdown table: no `|`, no line breaks,
/// no HTML tag.
pub(crate) fn cell(text: &str) -> String {
    let one_line: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(no_tags)
        .collect();
    one_line.join("<br>").replace('\\', "\\\\").replace('|', "\\|")
}

/// Text with every `<` written as `&lt;`: a value never becomes raw HTML
/// (a tag, a comment, `<script>`) in a Markdown reader, which shows `<`.
fn no_tags(text: &str) -> String {
    text.replace('<', "&lt;")
}

/// Escapes text for a Markdown heading (after its `#`s): one line, nothing
/// at its start that opens another block, no closing `#`s at its end.
pub(crate) fn heading(text: &str) -> String {
    let mut out = block_start(&no_tags(&one_line(text)));
    // A run of `#` at the end, after a space, would be read as the heading's
    // closing sequence and dropped.
    let trailing = out.len() - out.trim_end_matches('#').len();
    if trailing > 0 {
        out.insert(out.len() - trailing, '\\');
    }
    out
}

/// Escapes text for a list item, or for a value inside a paragraph: one
/// paragraph on one line, nothing at its start that opens another block.
pub(crate) fn item(text: &str) -> String {
    block_start(&no_tags(&one_line(text)))
}

/// The lines of a text joined into one: a space between them, none
/// between two Chinese characters; runs of white space made one space.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        if line.is_empty() {
            continue;
        }
        let cjk_join = out.chars().last().is_some_and(wide) && line.chars().next().is_some_and(wide);
        if !out.is_empty() && !cjk_join {
            out.push(' ');
        }
        out.push_str(&line);
    }
    out
}

/// Whether a character is Chinese, Japanese or Korean, or their punctuation
/// (`。`, `，`, `“`, full-width forms): no space goes between two of them.
fn wide(c: char) -> bool {
    is_cjk(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x201C | 0x201D)
}

/// Text with a backslash before a start that Markdown would read as a
/// block: a heading (`#`), a quote (`>`), a list item (`-`, `*`, `+`,
/// `1.`, `1)`), a thematic break or setext underline (`-`, `*`, `_`, `=`),
/// a code fence (`` ` ``, `~`), an HTML block (`<`) or a table row (`|`).
fn block_start(text: &str) -> String {
    let Some(first) = text.chars().next() else {
        return String::new();
    };
    // A backtick or tilde opens a block only as a fence of three; alone it
    // starts a code span (`` `objectives` ``), which stays as it is.
    let fence =
        matches!(first, '`' | '~') && text.chars().take(3).all(|c| c == first) && text.chars().count() >= 3;
    if fence || matches!(first, '#' | '>' | '-' | '*' | '+' | '_' | '=' | '<' | '|') {
        return format!("\\{text}");
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text.to_string()
}

/// Shortens text to at most `max` characters (not bytes: Chinese text is
/// cut between characters), on one line, ending in `…` when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    // Latin text is cut between words where one ends near the limit.
    let mid_word = cut.chars().last().is_some_and(|c| !wide(c) && c != ' ')
        && line
            .chars()
            .nth(max.saturating_sub(1))
            .is_some_and(|c| !wide(c) && c != ' ');
    if let Some(space) = cut
        .rfind(' ')
        .filter(|s| mid_word && cut[*s..].chars().count() <= 15)
    {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {

    #[test]
    fn no_value_becomes_raw_html() {
        for f in [cell, heading, item] {
            let out = f("<script>alert(1)</script> <img src=x onerror=y> <!-- c -->");
            assert!(
                !out.contains('<') || out.contains("<br>") && !out.replace("<br>", "").contains('<'),
                "{out}"
            );
        }
        assert_eq!(cell("a < b\n<b>"), "a &lt; b<br>&lt;b>");
    }

    use super::*;

    #[test]
    fn cells_keep_tables_intact() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("line one\nline two\n"), "line one<br>line two");
    }

    #[test]
    fn a_heading_stays_one_heading() {
        assert_eq!(heading("如何\n## 新标题"), "如何 ## 新标题");
        assert_eq!(heading("# x"), "\\# x");
        assert_eq!(heading("Plan #"), "Plan \\#");
        assert_eq!(heading("> quote"), "\\> quote");
        assert_eq!(heading("  spaced   out  "), "spaced out");
    }

    #[test]
    fn an_item_stays_one_item() {
        assert_eq!(item("目标\n# x"), "目标 # x");
        assert_eq!(item("- nested"), "\\- nested");
        assert_eq!(item("1. first"), "1\\. first");
        assert_eq!(item("2026) year"), "2026\\) year");
        assert_eq!(item("```rust"), "\\```rust");
        assert_eq!(item("`objectives` 是空的"), "`objectives` 是空的");
        assert_eq!(item("~~~"), "\\~~~");
        assert_eq!(item("第一行\n第二行"), "第一行第二行");
        assert_eq!(item("期望。\n召集人"), "期望。召集人");
        assert_eq!(item("one\ntwo"), "one two");
        assert_eq!(item(""), "");
        assert_eq!(item("plain 1. text"), "plain 1. text");
    }

    #[test]
    fn shortening_cuts_between_characters() {
        assert_eq!(shorten("鱼骨图分析显示：薪酬", 5), "鱼骨图分…");
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a b c d e f", 6), "a b c…");
        assert_eq!(
            shorten("named the program a priority", 24),
            "named the program a…"
        );
        assert_eq!(shorten("第一行\n第二行", 20), "第一行第二行");
    }
}
