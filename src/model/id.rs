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

/// An id written with every character shown: one that shows nothing as
/// `<U+200B>`, so that a message can say what is there.
pub fn shown_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("<U+{:04X}>", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}
