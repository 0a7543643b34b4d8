//! The fast first parse: a serde deserializer of our own over the event
//! stream of granit-parser — the parser serde-saphyr itself reads with, with
//! the same options, so both see the same events — for the place-less parse
//! of `al check`, `al portfolio` and the history reader
//! (docs/performance.md says why this parser and what it saves).
//!
//! It knows exactly the part of YAML, and of the serde calls of the model,
//! that the program files use. Anything else makes it say "not mine"
//! ([`NotMine`]), and the file is parsed by serde-saphyr with the project's
//! options, which then gives today's model and findings:
//! - a syntax error (the fast path never decides that a file is broken);
//! - an anchor, an alias, a tag, a merge key (`<<`), a key that is not a
//!   plain or quoted text, a key written twice in one mapping;
//! - more than one document, a `%YAML` directive, nesting deeper than
//!   [`MAX_DEPTH`], more than [`MAX_EVENTS`] events, a text over
//!   [`MAX_TEXT`] bytes, a root that is not a mapping;
//! - a plain value that serde-saphyr might read as something other than
//!   the text, a number, `true`/`false` or null as [`classify`] says
//!   (`+1`, `0x1F`, `1e3`, `.inf`, …), or a null where text is required;
//! - a shape the model does not expect (a mapping where a list belongs), and
//!   every serde call the model does not make.
//!
//! For everything it does accept, it calls the same visitor methods with the
//! same values as serde-saphyr does, in the same order, so the model, the
//! findings of the lenient readers and the unknown keys (through
//! `serde_ignored`) come out the same: `tests/fast_path.rs` and the fuzz
//! target `fast_path` compare the two on every fixture, both examples and
//! generated and hostile texts.

use granit_parser::{Event, Parser, ScalarStyle, StrInput};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Deeper nesting is handed back (serde-saphyr's budget is 64; the files
/// nest four deep).
pub(crate) const MAX_DEPTH: usize = 24;

/// More events than this are handed back (serde-saphyr's budgets count in
/// millions; a session file has a few hundred).
pub(crate) const MAX_EVENTS: usize = 200_000;

/// Longer texts are handed back.
pub(crate) const MAX_TEXT: usize = 4 * 1024 * 1024;

/// "Not mine": the text is outside what the fast path reads; serde-saphyr
/// reads it instead. It carries no reason: the reasons are never shown.
#[derive(Debug)]
pub(crate) struct NotMine;

impl fmt::Display for NotMine {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not for the fast path")
    }
}

impl std::error::Error for NotMine {}

impl de::Error for NotMine {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotMine
    }
}

type Result<T> = std::result::Result<T, NotMine>;

/// What a plain (unquoted) scalar is to serde-saphyr when the model asks
/// for any value, with the project's options (strict booleans, numbers
/// with a leading zero as text).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Class {
    /// Empty, `~`, `null`, `Null`, `NULL`.
    Null,
    /// `true`/`false` in the three spellings YAML 1.2 allows.
    Bool(bool),
    /// A whole number without sign.
    Unsigned(u64),
    /// A whole number with `-`.
    Signed(i64),
    /// A decimal number with a point.
    Float(f64),
    /// Text, as written.
    Text,
    /// Anything else that might be a number to serde-saphyr: handed back.
    Unsure,
}

/// The class of a plain scalar. Conservative: only shapes whose meaning to
/// serde-saphyr is certain get a class other than [`Class::Unsure`].
pub(crate) fn classify(s: &str) -> Class {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Class::Null,
        "true" | "True" | "TRUE" => return Class::Bool(true),
        "false" | "False" | "FALSE" => return Class::Bool(false),
        _ => {}
    }
    let b = s.as_bytes();
    // Padding serde-saphyr trims before it reads a number or a boolean.
    let pad = |c: Option<&u8>| c.is_some_and(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
    if pad(b.first()) || pad(b.last()) {
        return Class::Unsure;
    }
    // A number starts with a sign, a digit or a point (`.5`, `.inf`); words
    // that Rust reads as numbers (`inf`, `nan`) are text to serde-saphyr.
    match b.first() {
        Some(c) if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') => {}
        _ => return Class::Text,
    }
    // Every number serde-saphyr reads is written with these characters only
    // (digits, signs, point, exponent, radix prefixes and hex digits, `_`,
    // and the letters of `inf`, `infinity`, `nan`): anything else is text.
    if !b
        .iter()
        .all(|&c| c.is_ascii_hexdigit() || b"+-._xXoOiInNtTyY".contains(&c))
    {
        return Class::Text;
    }
    let (neg, digits) = match b.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, b),
    };
    let all_digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    if all_digits(digits) {
        if digits.len() > 1 && digits[0] == b'0' {
            // `007`: leading_zero_numbers_as_strings.
            return Class::Text;
        }
        if digits.len() > 18 {
            return Class::Unsure;
        }
        let v = digits.iter().fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
        return if neg {
            Class::Signed(-v)
        } else {
            Class::Unsigned(v as u64)
        };
    }
    if let Some(dot) = digits.iter().position(|&c| c == b'.') {
        let (whole, frac) = (&digits[..dot], &digits[dot + 1..]);
        let whole_ok = all_digits(whole) && (whole.len() == 1 || whole[0] != b'0') && whole.len() <= 15;
        if whole_ok && all_digits(frac) && frac.len() <= 15 {
            return s.parse::<f64>().map_or(Class::Unsure, Class::Float);
        }
        return Class::Unsure;
    }
    // A date or a month (`2026-05-04`, `2026-2`): a sign after the first
    // character that does not follow an exponent's `e`, which neither an
    // integer nor a float may have.
    if inner_sign(b) {
        return Class::Text;
    }
    Class::Unsure
}

/// Whether a `+` or `-` stands after the first character, not right after
/// an `e` or `E`.
fn inner_sign(b: &[u8]) -> bool {
    (1..b.len()).any(|i| matches!(b[i], b'+' | b'-') && !matches!(b[i - 1], b'e' | b'E'))
}

/// One event of the stream, as the deserializer sees it.
#[derive(Debug)]
enum Ev<'a> {
    Scalar(Cow<'a, str>, bool),
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
}

/// The event stream of one text, with the checks that hand a file back.
pub(crate) struct Reader<'a> {
    parser: Parser<'a, StrInput<'a>>,
    peeked: Option<Ev<'a>>,
    depth: usize,
    events: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of the text's one document; `None` when the
    /// text has no document at all (empty, or comments only).
    fn open(text: &'a str) -> Result<Option<Self>> {
        if text.len() > MAX_TEXT {
            return Err(NotMine);
        }
        let mut r = Reader {
            parser: Parser::with_options(StrInput::new(text), super::parser_options()),
            peeked: None,
            depth: 0,
            events: 0,
        };
        match r.raw()? {
            Event::StreamStart => {}
            _ => return Err(NotMine),
        }
        match r.raw()? {
            Event::DocumentStart(_, None) => Ok(Some(r)),
            Event::StreamEnd => Ok(None),
            _ => Err(NotMine),
        }
    }

    fn raw(&mut self) -> Result<Event<'a>> {
        self.events += 1;
        if self.events > MAX_EVENTS {
            return Err(NotMine);
        }
        match self.parser.next_event() {
            Some(Ok((e, _))) => Ok(e),
            _ => Err(NotMine),
        }
    }

    /// The end of the document and of the stream: nothing may follow.
    fn close(&mut self) -> Result<()> {
        if self.peeked.is_some() {
            return Err(NotMine);
        }
        match self.raw()? {
            Event::DocumentEnd => {}
            _ => return Err(NotMine),
        }
        match self.raw()? {
            Event::StreamEnd => Ok(()),
            _ => Err(NotMine),
        }
    }

    fn pull(&mut self) -> Result<Ev<'a>> {
        Ok(match self.raw()? {
            Event::Scalar(v, style, 0, None) => Ev::Scalar(v, style == ScalarStyle::Plain),
            Event::SequenceStart(_, 0, None) => {
                self.enter()?;
                Ev::SeqStart
            }
            Event::MappingStart(_, 0, None) => {
                self.enter()?;
                Ev::MapStart
            }
            Event::SequenceEnd => {
                self.depth = self.depth.saturating_sub(1);
                Ev::SeqEnd
            }
            Event::MappingEnd => {
                self.depth = self.depth.saturating_sub(1);
                Ev::MapEnd
            }
            // Anchors, aliases, tags, a second document.
            _ => return Err(NotMine),
        })
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(NotMine);
        }
        Ok(())
    }

    fn peek(&mut self) -> Result<&Ev<'a>> {
        if self.peeked.is_none() {
            self.peeked = Some(self.pull()?);
        }
        self.peeked.as_ref().ok_or(NotMine)
    }

    fn next(&mut self) -> Result<Ev<'a>> {
        match self.peeked.take() {
            Some(e) => Ok(e),
            None => self.pull(),
        }
    }
}

/// Parses `text` into `T` on the fast path, calling `ignored` with each key
/// the model does not know when `collect` is set (as
/// `serde_ignored::deserialize` does for serde-saphyr). `Ok(None)`: the
/// text holds no document (empty, or only comments).
pub(crate) fn parse<T, F>(text: &str, collect: bool, ignored: F) -> Result<Option<T>>
where
    T: de::DeserializeOwned,
    F: FnMut(serde_ignored::Path<'_>),
{
    let Some(mut r) = Reader::open(text)? else {
        return Ok(None);
    };
    // The root must be a mapping: anything else goes to serde-saphyr.
    if !matches!(r.peek()?, Ev::MapStart) {
        return Err(NotMine);
    }
    let value = if collect {
        serde_ignored::deserialize(&mut r, ignored)?
    } else {
        T::deserialize(&mut r)?
    };
    r.close()?;
    Ok(Some(value))
}

impl<'de> Deserializer<'de> for &mut Reader<'de> {
    type Error = NotMine;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.next()? {
            Ev::Scalar(s, plain) => visit_scalar(s, plain, v),
            Ev::SeqStart => visit_seq(self, v),
            Ev::MapStart => visit_map(self, v),
            Ev::SeqEnd | Ev::MapEnd => Err(NotMine),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        if let Ev::Scalar(s, true) = self.peek()?
            && is_nullish(s)
        {
            self.next()?;
            return v.visit_none();
        }
        v.visit_some(self)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.next()? {
            // serde-saphyr: a plain null-like value is not text (NullIntoString).
            Ev::Scalar(s, true) if is_nullish(&s) => Err(NotMine),
            Ev::Scalar(Cow::Borrowed(s), _) => v.visit_borrowed_str(s),
            Ev::Scalar(Cow::Owned(s), _) => v.visit_string(s),
            _ => Err(NotMine),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.next()? {
            Ev::SeqStart => visit_seq(self, v),
            _ => Err(NotMine),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.next()? {
            Ev::MapStart => visit_map(self, v),
            _ => Err(NotMine),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value> {
        self.deserialize_map(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value> {
        v.visit_newtype_struct(self)
    }

    /// As serde-saphyr: an ignored value is read as any value, so that what
    /// it would refuse in a value nobody reads (`.inf`, a key written
    /// twice) is handed back here too.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_any(v)
    }

    // Calls the model never makes: handed back rather than guessed.
    fn deserialize_bool<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_char<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        Err(NotMine)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(NotMine)
    }
}

fn is_nullish(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// A scalar for a visitor that takes any value: what serde-saphyr's
/// `deserialize_any` would call, or "not mine".
fn visit_scalar<'de, V: Visitor<'de>>(s: Cow<'de, str>, plain: bool, v: V) -> Result<V::Value> {
    let class = if plain { classify(&s) } else { Class::Text };
    match class {
        Class::Null => v.visit_unit(),
        Class::Bool(b) => v.visit_bool(b),
        Class::Unsigned(n) => v.visit_u64(n),
        Class::Signed(n) => v.visit_i64(n),
        Class::Float(x) => v.visit_f64(x),
        Class::Text => match s {
            Cow::Borrowed(b) => v.visit_borrowed_str(b),
            Cow::Owned(o) => v.visit_string(o),
        },
        Class::Unsure => Err(NotMine),
    }
}

fn visit_seq<'de, V: Visitor<'de>>(r: &mut Reader<'de>, v: V) -> Result<V::Value> {
    let mut access = Seq { r, done: false };
    let value = v.visit_seq(&mut access)?;
    if !access.done {
        return Err(NotMine);
    }
    Ok(value)
}

fn visit_map<'de, V: Visitor<'de>>(r: &mut Reader<'de>, v: V) -> Result<V::Value> {
    let mut access = Map {
        r,
        done: false,
        seen: Keys::default(),
    };
    let value = v.visit_map(&mut access)?;
    if !access.done {
        return Err(NotMine);
    }
    Ok(value)
}

struct Seq<'r, 'de> {
    r: &'r mut Reader<'de>,
    done: bool,
}

impl<'de> SeqAccess<'de> for &mut Seq<'_, 'de> {
    type Error = NotMine;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        if self.done {
            return Ok(None);
        }
        if matches!(self.r.peek()?, Ev::SeqEnd) {
            self.r.next()?;
            self.done = true;
            return Ok(None);
        }
        seed.deserialize(&mut *self.r).map(Some)
    }
}

struct Map<'r, 'de> {
    r: &'r mut Reader<'de>,
    done: bool,
    /// The keys of this mapping so far (a key written twice is handed back).
    seen: Keys<'de>,
}

/// The keys of one mapping so far: a list while it is short, a hash set
/// once it is long, so that a mapping of many keys (a hostile file of
/// 100,000) is not compared key against key.
#[derive(Default)]
struct Keys<'de> {
    few: Vec<Cow<'de, str>>,
    many: std::collections::HashSet<Cow<'de, str>>,
}

impl<'de> Keys<'de> {
    /// Up to this many keys, a list is faster than hashing.
    const FEW: usize = 16;

    /// Adds `key`; `false` when the mapping already has it.
    fn insert(&mut self, key: Cow<'de, str>) -> bool {
        if self.many.is_empty() && self.few.len() < Self::FEW {
            if self.few.contains(&key) {
                return false;
            }
            self.few.push(key);
            return true;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key)
    }
}

impl<'de> MapAccess<'de> for &mut Map<'_, 'de> {
    type Error = NotMine;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.done {
            return Ok(None);
        }
        let key = match self.r.next()? {
            Ev::MapEnd => {
                self.done = true;
                return Ok(None);
            }
            // Text keys only; `<<` is a merge key.
            Ev::Scalar(s, plain) if !plain || (classify(&s) == Class::Text && &*s != "<<") => s,
            _ => return Err(NotMine),
        };
        let value = seed.deserialize(Key(&key))?;
        if !self.seen.insert(key) {
            return Err(NotMine);
        }
        Ok(Some(value))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value> {
        seed.deserialize(&mut *self.r)
    }
}

/// A mapping key: text, whatever is asked of it (serde-saphyr hands keys
/// to the field visitor as text).
struct Key<'k>(&'k str);

impl<'de> Deserializer<'de> for Key<'_> {
    type Error = NotMine;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_str(self.0)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_str(self.0)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_are_classified_as_serde_saphyr_reads_them() {
        assert_eq!(classify(""), Class::Null);
        assert_eq!(classify("~"), Class::Null);
        assert_eq!(classify("True"), Class::Bool(true));
        assert_eq!(classify("no"), Class::Text);
        assert_eq!(classify("12"), Class::Unsigned(12));
        assert_eq!(classify("-3"), Class::Signed(-3));
        assert_eq!(classify("0.5"), Class::Float(0.5));
        assert_eq!(classify("007"), Class::Text);
        assert_eq!(classify("2026-05-04"), Class::Text);
        assert_eq!(classify("2026-05"), Class::Text);
        assert_eq!(classify("2026-2"), Class::Text);
        assert_eq!(classify("1e-5"), Class::Unsure);
        assert_eq!(classify("张三"), Class::Text);
        assert_eq!(classify("3 people"), Class::Text);
        assert_eq!(classify("2026年"), Class::Text);
        assert_eq!(classify("inf"), Class::Text);
        for unsure in [
            "+1", "0x1F", "1e3", ".inf", "-.5", "1_000", "00.5", "1.", "-0.0e1", "0x1e",
        ] {
            assert_eq!(classify(unsure), Class::Unsure, "{unsure}");
        }
    }

    #[test]
    fn a_key_written_twice_is_handed_back_in_short_and_long_mappings() {
        for n in [3, 15, 16, 17, 40, 5_000] {
            let keys: String = (0..n).map(|i| format!("k{i}: 1\n")).collect();
            let read = |text: &str| parse::<de::IgnoredAny, _>(text, false, |_| {}).is_ok();
            assert!(read(&keys), "{n} distinct keys");
            for dup in [0, n / 2, n - 1] {
                assert!(!read(&format!("{keys}k{dup}: 2\n")), "{n} keys, k{dup} twice");
            }
        }
    }
}
