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
///
/// This reads the text up to the place: for one place it is what is
/// needed; for many places in one text, build a [`LineIndex`] once.
pub(crate) fn loc_of_bytes(text: &str, bytes: std::ops::Range<usize>) -> Loc {
    LineIndex::new(text).loc(text, bytes)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How many bytes apart [`LineIndex`] notes the number of characters read so far.
const CHAR_STEP: usize = 256;

thread_local! {
    static BUILDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Where the lines of a text start, and how many characters come before
/// every [`CHAR_STEP`]th byte: built in one pass over the text, it turns a
/// byte offset into a line and a column (in characters) by a binary search
/// and at most [`CHAR_STEP`] bytes of counting, however long the text or
/// its lines. Places in a file are resolved through one index per file, so
/// that the time to place N findings in a file of size S is S + N·log S,
/// not N·S.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// The byte offset of the start of every line (the first is 0).
    starts: Vec<usize>,
    /// The number of characters before byte `i * CHAR_STEP`.
    chars: Vec<usize>,
    /// The length of the text in bytes.
    len: usize,
}

impl LineIndex {
    /// Indexes a text.
    pub fn new(text: &str) -> LineIndex {
        BUILDS.with(|b| b.set(b.get() + 1));
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars = Vec::with_capacity(bytes.len() / CHAR_STEP + 1);
        let mut count = 0;
        for chunk in bytes.chunks(CHAR_STEP) {
            chars.push(count);
            count += chars_in(chunk);
        }
        if bytes.len().is_multiple_of(CHAR_STEP) {
            chars.push(count);
        }
        LineIndex {
            starts,
            chars,
            len: bytes.len(),
        }
    }

    /// How many indexes this thread has built so far (for tests that make
    /// sure a file is indexed once, not once per finding).
    pub fn builds() -> usize {
        BUILDS.with(std::cell::Cell::get)
    }

    /// The 0-based line that byte `at` is on.
    pub fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The byte range of a 0-based line, without its line break (`\n`;
    /// a `\r` before it stays); the end of the text past the last line.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let end = self.starts.get(line + 1).map_or(self.len, |next| next - 1);
        start..end.max(start)
    }

    /// The number of characters before byte `at` (a char boundary of `text`).
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let step = at / CHAR_STEP;
        let from = step * CHAR_STEP;
        self.chars.get(step).copied().unwrap_or(0) + chars_in(&text.as_bytes()[from.min(at)..at])
    }

    /// [`loc_of_bytes`] through the index: `text` must be the indexed text.
    pub fn loc(&self, text: &str, bytes: std::ops::Range<usize>) -> Loc {
        let start = floor_char_boundary(text, bytes.start.min(text.len()));
        let end = floor_char_boundary(text, bytes.end.min(text.len())).max(start);
        let line = self.line_of(start);
        let line_start = self.line_range(line).start.min(start);
        let column = self.chars_before(text, start) - self.chars_before(text, line_start) + 1;
        Loc {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            bytes: start..end,
            whole_file: false,
        }
    }

    /// The byte offset of a 1-based line and character column in the
    /// indexed `text`: the end of the line's text when the column is past
    /// it, the end of the text when the line is.
    pub fn offset_of(&self, text: &str, line: u32, column: u32) -> usize {
        let Some(&start) = (line as usize).checked_sub(1).and_then(|l| self.starts.get(l)) else {
            return text.len();
        };
        let end = self.starts.get(line as usize).copied().unwrap_or(self.len);
        let at = self.byte_of_char(
            text,
            self.chars_before(text, start) + (column.max(1) - 1) as usize,
        );
        if at < end {
            return at;
        }
        let l = text.get(start..end).unwrap_or("");
        start + l.trim_end_matches(['\n', '\r']).len()
    }

    /// The byte offset of the `n`th character (from 0) of the indexed
    /// `text`, or its length when it has fewer.
    fn byte_of_char(&self, text: &str, n: usize) -> usize {
        let step = self.chars.partition_point(|&c| c <= n).saturating_sub(1);
        let mut count = self.chars.get(step).copied().unwrap_or(0);
        let from = (step * CHAR_STEP).min(text.len());
        for (i, &b) in text.as_bytes()[from..].iter().enumerate() {
            if (b as i8) >= -0x40 {
                if count == n {
                    return from + i;
                }
                count += 1;
            }
        }
        text.len()
    }
}

/// The number of characters in a run of UTF-8 bytes: the bytes that do not
/// continue a character (a run cut inside a character counts its start).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
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

    /// Line and column the slow way, by reading the text up to the place.
    fn naive(text: &str, at: usize) -> (u32, u32) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line as u32, text[line_start..at].chars().count() as u32 + 1)
    }

    /// The byte offset of a line and column the slow way.
    fn naive_offset(text: &str, line: u32, column: u32) -> usize {
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

    #[test]
    fn the_line_index_agrees_with_reading_the_text() {
        let long = format!("{}\n", "名称: 张伟, ".repeat(90));
        let texts = [
            String::new(),
            "a".to_string(),
            "\n\n".to_string(),
            "名称: 张伟\r\nid: x\n".to_string(),
            "x".repeat(CHAR_STEP),
            format!("{long}{long}tail"),
            format!("{}é\n{}", "a".repeat(CHAR_STEP - 1), "张".repeat(CHAR_STEP)),
        ];
        for text in &texts {
            let ix = LineIndex::new(text);
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let loc = ix.loc(text, at..at);
                assert_eq!((loc.line, loc.column), naive(text, at), "{text:?} at {at}");
            }
            let lines = text.matches('\n').count() as u32 + 2;
            for line in 0..=lines {
                for column in 0..CHAR_STEP as u32 * 2 {
                    assert_eq!(
                        ix.offset_of(text, line, column),
                        naive_offset(text, line, column),
                        "{text:?} at {line}:{column}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

        /// On any text of line breaks, carriage returns, ASCII, Chinese and
        /// four-byte characters, the index gives every place the line and
        /// column reading the text gives, and back.
        #[test]
        fn the_line_index_agrees_on_any_text(
            text in "[a-c\n\r张伟😀 ]{0,700}",
            line in 0u32..12,
            column in 0u32..700,
        ) {
            let ix = LineIndex::new(&text);
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let loc = ix.loc(&text, at..at);
                proptest::prop_assert_eq!((loc.line, loc.column), naive(&text, at));
            }
            proptest::prop_assert_eq!(ix.offset_of(&text, line, column), naive_offset(&text, line, column));
        }
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
