//! Source files: their text (kept for excerpts) and position arithmetic.

use crate::diag::Loc;

/// One file read from a program folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user: the command-line path joined with `rel`.
    pub display: String,
    /// Path inside the program folder, with `/` separators.
    pub rel: String,
    /// The text, without a UTF-8 byte-order mark.
    pub text: String,
}

/// Prepares file text for parsing: removes a byte-order mark and turns a
/// lone carriage return (an old Mac line end, which YAML counts as a line
/// break) into a line feed, so that lines counted by the parser and by the
/// excerpts agree. CRLF is kept; byte offsets do not move.
pub fn normalize(text: &str) -> String {
    normalize_owned(text.to_string())
}

/// [`normalize`] for text already owned: no copy when there is nothing to change.
pub(crate) fn normalize_owned(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if !text.contains('\r') {
        return text;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '\r' && bytes.get(i + 1) != Some(&b'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether text contains Chinese, Japanese or Korean characters.
pub(crate) fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// Whether a character is Chinese, Japanese or Korean (ideographs, kana, hangul).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// How many terminal columns a text takes: two for each wide character
/// (Chinese, Japanese, Korean, full-width forms), one for the others.
pub(crate) fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// Removes a leading UTF-8 byte-order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Turns a byte range of `text` into a location with a 1-based line and a
/// 1-based column counted in characters (not bytes: users write Chinese).
pub(crate) fn loc_of_bytes(text: &str, bytes: std::ops::Range<usize>) -> Loc {
    let start = floor_char_boundary(text, bytes.start.min(text.len()));
    let end = floor_char_boundary(text, bytes.end.min(text.len())).max(start);
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..start].chars().count() + 1;
    Loc {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        bytes: start..end,
        whole_file: false,
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "名称: 张伟\nid: x\n";
        let at = text.find("张伟").unwrap_or(0);
        let loc = loc_of_bytes(text, at..at + "张伟".len());
        assert_eq!((loc.line, loc.column), (1, 5));
        let at = text.find('x').unwrap_or(0);
        assert_eq!(loc_of_bytes(text, at..at + 1).line, 2);
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        assert_eq!(normalize("a: 1\rb: 2\r\nc: 3"), "a: 1\nb: 2\r\nc: 3");
        assert_eq!(normalize("\u{feff}a"), "a");
    }

    #[test]
    fn cjk_detection() {
        assert!(has_cjk("如何降低优秀人才流失率"));
        assert!(!has_cjk("How can we halve the time?"));
    }

    #[test]
    fn bom_is_removed() {
        assert_eq!(strip_bom("\u{feff}a: 1"), "a: 1");
        assert_eq!(strip_bom("a: 1"), "a: 1");
    }
}
