//! What an id may be written with. An id is matched letter by letter, so
//! two ids that look the same must be the same text: an id holding a
//! character that shows nothing (a zero-width space or joiner, a byte order
//! mark, a soft hyphen, a bidi control, a control character) or letters not
//! in composed form (Unicode NFC: `é` as `e` and a combining accent) is
//! refused ([`id_flaw`], AL002 at the id) and read as it looks
//! ([`visible_id`]), so that every rule sees one id.
//!
//! The Unicode data (general categories, default-ignorable code points,
//! normalisation) is the Unicode Consortium's own, through ICU4X.

use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData};
use std::borrow::Cow;

/// Why a written id cannot be told from another that looks the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFlaw {
    /// It holds a character that shows nothing (the first one).
    Invisible(char),
    /// Its letters are not in composed form (Unicode NFC).
    NotComposed,
}

/// Whether a character shows nothing where it is written: a control
/// character, a format character (Unicode category Cf: zero-width spaces and
/// joiners, the byte order mark, the soft hyphen, bidi controls), a line or
/// paragraph separator, or any other default-ignorable code point
/// (variation selectors, Hangul fillers).
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        CodePointMapData::<GeneralCategory>::new().get(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    ) || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// What is wrong with an id as written, if anything ([`IdFlaw`]).
pub fn id_flaw(id: &str) -> Option<IdFlaw> {
    if let Some(c) = id.chars().find(|c| is_invisible(*c)) {
        return Some(IdFlaw::Invisible(c));
    }
    let composed = id.is_ascii() || ComposingNormalizerBorrowed::new_nfc().is_normalized(id);
    (!composed).then_some(IdFlaw::NotComposed)
}

/// An id as it reads: without the characters that show nothing, its
/// letters composed (NFC). Two ids that look the same read the same.
pub fn visible_id(id: &str) -> Cow<'_, str> {
    if id_flaw(id).is_none() {
        return Cow::Borrowed(id);
    }
    let kept: String = id.chars().filter(|c| !is_invisible(*c)).collect();
    Cow::Owned(
        ComposingNormalizerBorrowed::new_nfc()
            .normalize(&kept)
            .into_owned(),
    )
}

/// An id written with every character shown, for a message: a C0 control
/// character as its sign (`␛` for ESC, `␊` for a line break, `␡` for DEL,
/// as `al check` shows control characters), any other character that
/// shows nothing as `<U+200B>`.
pub fn shown_id(id: &str) -> String {
    id.chars()
        .map(|c| match u32::from(c) {
            n @ 0..=0x1F => char::from_u32(0x2400 + n).map_or_else(String::new, String::from),
            0x7F => "\u{2421}".to_string(),
            n if is_invisible(c) => format!("<U+{n:04X}>"),
            _ => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_that_show_nothing_are_found() {
        for c in [
            '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{202E}', '\u{FE0F}', '\u{3164}', '\u{1B}',
            '\u{85}', '\u{2028}',
        ] {
            assert!(is_invisible(c), "U+{:04X}", u32::from(c));
            assert_eq!(id_flaw(&format!("zh{c}ang")), Some(IdFlaw::Invisible(c)));
            assert_eq!(visible_id(&format!("zh{c}ang")), "zhang");
        }
        for c in ['a', ' ', '张', 'é', '-', '_', '\u{3000}'] {
            assert!(!is_invisible(c), "{c}");
        }
    }

    #[test]
    fn decomposed_letters_are_found_and_composed() {
        let nfd = "le\u{301}";
        assert_eq!(id_flaw(nfd), Some(IdFlaw::NotComposed));
        assert_eq!(visible_id(nfd), "l\u{e9}");
        assert_eq!(id_flaw("l\u{e9}"), None);
        assert_eq!(id_flaw("张伟"), None);
        // Hangul written as its jamo composes to one syllable.
        assert_eq!(visible_id("\u{1100}\u{1161}"), "\u{AC00}");
    }

    #[test]
    fn a_shown_id_names_what_is_not_seen() {
        assert_eq!(shown_id("zhang\u{200B}"), "zhang<U+200B>");
        assert_eq!(shown_id("a\u{1b}[2J\nb\u{7f}"), "a\u{241b}[2J\u{240a}b\u{2421}");
        assert_eq!(shown_id("x\u{85}"), "x<U+0085>");
    }
}
