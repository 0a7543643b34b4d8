//! YAML → typed model through serde-saphyr, with every problem turned into a
//! located [`Problem`] instead of an early return.
//!
//! Three kinds of problem come out of one parse:
//! - invalid YAML or a value of the wrong type (the file is then unusable);
//! - unknown keys, found with `serde_ignored` while the typed model still builds;
//! - bad scalar values (an impossible date, an unknown enum word), which the
//!   lenient field deserializers record and replace with "absent".

pub(crate) mod fast;
mod keyboard;
mod keys;
mod problem;

pub use keyboard::{Place, Slip};
pub use problem::{Limit, Unreadable, What, Why};
pub(crate) use problem::{id_help, id_message};

use crate::diag::Loc;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::cell::{Cell, RefCell};
use std::fmt;

/// A value with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub loc: Loc,
}

impl<T> Sp<T> {
    /// Wraps a value with a location.
    pub fn new(value: T, loc: Loc) -> Self {
        Sp { value, loc }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !locating() {
            return Ok(Sp {
                value: T::deserialize(d)?,
                loc: Loc::default(),
            });
        }
        let s = Spanned::<T>::deserialize(d)?;
        Ok(Sp {
            value: s.value,
            loc: loc_of(s.referenced),
        })
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(g)
    }
}

impl<T: serde::Serialize> serde::Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// Which rule a parse problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// AL001: not valid YAML (or over a parser limit).
    Syntax,
    /// AL002: valid YAML that does not fit the file format.
    Schema,
}

/// A problem found while parsing one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Syntax or schema.
    pub kind: ProblemKind,
    /// Where.
    pub loc: Loc,
    /// What went wrong, as data (put into words by [`What::message`] and
    /// [`What::help`] in the run's language).
    pub what: What,
    /// What is wrong, in English (for callers that have no language).
    pub message: String,
    /// What to do, in English.
    pub help: String,
}

impl Problem {
    /// A problem of `kind` at `loc`.
    pub fn new(kind: ProblemKind, loc: Loc, what: What) -> Self {
        let en = crate::config::Lang::En;
        Problem {
            kind,
            loc,
            message: what.message(en),
            help: what.help(en),
            what,
        }
    }
}

/// A correction made to the text before parsing it again (see
/// [`keyboard`]): where it ends in the corrected text, its line, and how
/// many bytes and characters it added.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shift {
    end: usize,
    line: u32,
    bytes: isize,
    chars: i64,
}

thread_local! {
    static SINK: RefCell<Vec<Problem>> = const { RefCell::new(Vec::new()) };
    static LOCATING: Cell<bool> = const { Cell::new(true) };
    static LOCATE_HANDED_BACK: Cell<bool> = const { Cell::new(false) };
    static SHIFTS: RefCell<Shifts> = const { RefCell::new(Shifts::none()) };
}

/// The corrections of the text being parsed, in text order, with running
/// totals, so that taking a place back to the text as written is a binary
/// search, not a walk over every correction.
struct Shifts {
    list: Vec<Shift>,
    /// Bytes added by the first `i` corrections, for each `i`.
    bytes: Vec<isize>,
    /// Characters added by the first `i` corrections, for each `i`.
    chars: Vec<i64>,
}

impl Shifts {
    const fn none() -> Shifts {
        Shifts {
            list: Vec::new(),
            bytes: Vec::new(),
            chars: Vec::new(),
        }
    }

    fn new(list: Vec<Shift>) -> Shifts {
        let running = |f: fn(&Shift) -> i64| {
            std::iter::once(0)
                .chain(list.iter().scan(0, move |t, s| {
                    *t += f(s);
                    Some(*t)
                }))
                .collect::<Vec<i64>>()
        };
        let bytes = running(|s| s.bytes as i64)
            .into_iter()
            .map(|b| b as isize)
            .collect();
        let chars = running(|s| s.chars);
        Shifts { list, bytes, chars }
    }

    /// How many corrections end at or before byte `b` of the corrected text.
    fn before(&self, b: usize) -> usize {
        self.list.partition_point(|s| s.end <= b)
    }
}

/// The place of a parsed value in the text as written (the parser may be
/// reading a corrected copy).
fn loc_of(l: serde_saphyr::Location) -> Loc {
    unshift(Loc::from(l))
}

fn unshift(mut loc: Loc) -> Loc {
    SHIFTS.with(|s| {
        let shifts = s.borrow();
        if shifts.list.is_empty() || loc.whole_file {
            return;
        }
        let back = |b: usize| {
            let added = shifts.bytes.get(shifts.before(b)).copied().unwrap_or(0);
            b.saturating_add_signed(-added)
        };
        // The corrections before the value on its own line: the lines of
        // the corrections only grow, so they are one run.
        let upto = shifts.before(loc.bytes.start);
        let from = shifts.list[..upto].partition_point(|s| s.line < loc.line);
        let upto = from.max(shifts.list[..upto].partition_point(|s| s.line <= loc.line));
        let chars =
            shifts.chars.get(upto).copied().unwrap_or(0) - shifts.chars.get(from).copied().unwrap_or(0);
        loc.column = u32::try_from(i64::from(loc.column) - chars).unwrap_or(1).max(1);
        loc.bytes = back(loc.bytes.start)..back(loc.bytes.end);
    });
    loc
}

fn with_shifts<R>(shifts: Vec<Shift>, f: impl FnOnce() -> R) -> R {
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            SHIFTS.with(|s| *s.borrow_mut() = Shifts::none());
        }
    }
    SHIFTS.with(|s| *s.borrow_mut() = Shifts::new(shifts));
    let _clear = Clear;
    f()
}

/// Whether values are parsed with their places (the default).
pub(crate) fn locating() -> bool {
    LOCATING.with(Cell::get)
}

/// Runs `f` with values parsed *without* their places: every [`Sp`] gets
/// [`Loc::default`] (line 0, "unknown"). This is cheaper, because
/// serde-saphyr hands each located value over as a synthesized map of
/// locations (docs/performance.md has the numbers). `al check` parses this way and parses
/// again, with places, only the files a finding points into (see
/// [`crate::load::relocate`]).
pub fn unlocated<R>(f: impl FnOnce() -> R) -> R {
    with_locating(false, f)
}

/// Runs `f` as [`unlocated`] does, except that a text the fast path hands
/// back is parsed by serde-saphyr *with* places, once: such a file (broken,
/// over the fast path's size, written with anchors) usually has findings,
/// and a file with findings would be parsed again with places — for a
/// file of 10 MiB, a second parse of seconds and a second run of the rules.
/// `al check` parses this way; [`Parsed::located`] says which way a file
/// was parsed.
pub fn unlocated_where_fast<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            LOCATE_HANDED_BACK.with(|l| l.set(self.0));
        }
    }
    let _restore = Restore(LOCATE_HANDED_BACK.with(|l| l.replace(true)));
    unlocated(f)
}

/// Runs `f` with values parsed with their places (the default; for use
/// inside [`unlocated`]).
pub fn located<R>(f: impl FnOnce() -> R) -> R {
    with_locating(true, f)
}

fn with_locating<R>(on: bool, f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            LOCATING.with(|l| l.set(self.0));
        }
    }
    let _restore = Restore(LOCATING.with(|l| l.replace(on)));
    f()
}

fn record(p: Problem) {
    SINK.with(|s| s.borrow_mut().push(p));
}

/// A scalar parsed from YAML text after deserialization, so that a bad value
/// is a located finding and not a failed file.
pub(crate) trait Scalar: Sized {
    /// What the value is, for messages ("a date", "a session kind").
    const WHAT: &'static str;
    /// Parses the text; the error says why it is not valid.
    fn parse(text: &str) -> Result<Self, String>;
    /// The accepted words, when the value is one of a fixed set.
    fn choices() -> &'static [&'static str] {
        &[]
    }
}

/// The text of any YAML scalar (string, number or boolean).
struct ScalarText(Option<String>);

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ScalarText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a single value")
            }
            fn visit_str<E>(self, v: &str) -> Result<ScalarText, E> {
                Ok(ScalarText(Some(v.to_owned())))
            }
            fn visit_bool<E>(self, v: bool) -> Result<ScalarText, E> {
                Ok(ScalarText(Some(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<ScalarText, E> {
                Ok(ScalarText(Some(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<ScalarText, E> {
                Ok(ScalarText(Some(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<ScalarText, E> {
                Ok(ScalarText(Some(v.to_string())))
            }
            fn visit_unit<E>(self) -> Result<ScalarText, E> {
                Ok(ScalarText(None))
            }
            fn visit_none<E>(self) -> Result<ScalarText, E> {
                Ok(ScalarText(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// An optional scalar field of a file: absent, present with a value that
/// is not valid (already reported as an AL002 finding at its place), or
/// present with its value. It reads as `Option<Sp<T>>` (through `Deref`),
/// where an invalid value is `None`; [`Field::is_invalid`] tells an invalid
/// value from an absent one, so that "missing required key" is never said
/// of a key that is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Field<T> {
    value: Option<Sp<T>>,
    invalid: bool,
}

impl<T> Default for Field<T> {
    fn default() -> Self {
        Field::absent()
    }
}

impl<T> Field<T> {
    /// No value: the key is not written (or is written empty).
    pub fn absent() -> Self {
        Field {
            value: None,
            invalid: false,
        }
    }

    /// A valid value.
    pub(crate) fn present(value: Sp<T>) -> Self {
        Field {
            value: Some(value),
            invalid: false,
        }
    }

    /// A value that is written but not valid.
    pub fn invalid() -> Self {
        Field {
            value: None,
            invalid: true,
        }
    }

    /// Whether the key is written with a value that is not valid.
    pub(crate) fn is_invalid(&self) -> bool {
        self.invalid
    }

    /// Whether the key is neither written with a valid value nor with an invalid one.
    pub(crate) fn is_absent(&self) -> bool {
        self.value.is_none() && !self.invalid
    }
}

impl<T> std::ops::Deref for Field<T> {
    type Target = Option<Sp<T>>;
    fn deref(&self) -> &Option<Sp<T>> {
        &self.value
    }
}

impl<T> From<Option<Sp<T>>> for Field<T> {
    fn from(value: Option<Sp<T>>) -> Self {
        Field {
            value,
            invalid: false,
        }
    }
}

impl<T: serde::Serialize> serde::Serialize for Field<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Field<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Option<Sp<T>>>::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        <Option<Sp<T>>>::schema_id()
    }
    fn inline_schema() -> bool {
        <Option<Sp<T>>>::inline_schema()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Option<Sp<T>>>::json_schema(g)
    }
    fn _schemars_private_non_optional_json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Option<Sp<T>>>::_schemars_private_non_optional_json_schema(g)
    }
    fn _schemars_private_is_option() -> bool {
        true
    }
}

/// `deserialize_with` for optional scalar fields: a bad value is recorded
/// as an AL002 problem at its place and the field reads as invalid.
pub(crate) fn lenient<'de, D, T>(d: D) -> Result<Field<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Scalar + 'static,
{
    let Sp { value, loc } = Sp::<ScalarText>::deserialize(d)?;
    let Some(text) = value.0 else {
        return Ok(Field::absent());
    };
    match T::parse(text.trim()) {
        Ok(v) => Ok(Field::present(Sp::new(v, loc))),
        Err(why) => {
            let why = problem::why_of::<T>(&text, why);
            let what = What::BadValue {
                text,
                what: T::WHAT,
                why,
            };
            record(Problem::new(ProblemKind::Schema, loc, what));
            Ok(Field::invalid())
        }
    }
}

/// `deserialize_with` for an id ([`lenient`] text): an id holding a
/// character that shows nothing, or letters not composed, is an AL002
/// problem at its place and reads as it looks ([`crate::model::id`]).
pub(crate) fn id<'de, D>(d: D) -> Result<Field<crate::model::Text>, D::Error>
where
    D: Deserializer<'de>,
{
    let mut field = lenient::<D, crate::model::Text>(d)?;
    if let Some(sp) = field.value.as_mut() {
        read_id(&sp.loc, &mut sp.value.0);
    }
    Ok(field)
}

/// `deserialize_with` for a list of ids: as [`list`], each id read as [`id`] reads it.
pub fn ids<'de, D>(d: D) -> Result<Vec<Sp<String>>, D::Error>
where
    D: Deserializer<'de>,
{
    let mut items = list::<D, Sp<String>>(d)?;
    for sp in &mut items {
        read_id(&sp.loc, &mut sp.value);
    }
    Ok(items)
}

/// `deserialize_with` for a list of ids that may be absent (`attendees`,
/// where absent means "everyone"), each read as [`id`] reads it.
pub fn ids_if_given<'de, D>(d: D) -> Result<Option<Vec<Sp<String>>>, D::Error>
where
    D: Deserializer<'de>,
{
    let mut items = Option::<Vec<Sp<String>>>::deserialize(d)?;
    for sp in items.iter_mut().flatten() {
        read_id(&sp.loc, &mut sp.value);
    }
    Ok(items)
}

/// Records an id with a flaw as a problem at `loc` and reads it as it looks.
fn read_id(loc: &Loc, id: &mut String) {
    if let Some(flaw) = crate::model::id::id_flaw(id) {
        let text = std::mem::take(id);
        *id = crate::model::id::visible_id(&text).into_owned();
        record(Problem::new(
            ProblemKind::Schema,
            loc.clone(),
            What::Id { text, flaw },
        ));
    }
}

/// `deserialize_with` for list fields: an empty value (`members:`) is an empty list.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// `deserialize_with` for free text no rule points at: any scalar, as text,
/// without keeping its place (cheaper to parse than a spanned value).
pub fn plain<'de, D>(d: D) -> Result<Option<crate::model::Text>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(ScalarText::deserialize(d)?.0.map(crate::model::Text))
}

impl Scalar for jiff::civil::Date {
    const WHAT: &'static str = "a valid date";
    fn parse(text: &str) -> Result<Self, String> {
        crate::dates::parse_date(text)
    }
}

/// A segment of the path to a value inside a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// Turns a `serde_ignored` path into our segments, dropping the internal
/// layers `Spanned` adds. Returns `None` for internal paths.
fn segments(path: &serde_ignored::Path<'_>) -> Option<Vec<Seg>> {
    use serde_ignored::Path as P;
    fn walk(p: &P<'_>, out: &mut Vec<Seg>) -> bool {
        match p {
            P::Root => true,
            P::Seq { parent, index } => {
                let ok = walk(parent, out);
                out.push(Seg::Index(*index));
                ok
            }
            P::Map { parent, key } => {
                if key.contains("__serde_saphyr_private_spanned") {
                    return false;
                }
                let ok = walk(parent, out);
                // `Spanned<T>` is a newtype around a map whose `value` holds T.
                if key == "value" && matches!(parent, P::NewtypeStruct { .. } | P::Some { .. }) {
                    return ok;
                }
                out.push(Seg::Key(key.clone()));
                ok
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                walk(parent, out)
            }
        }
    }
    let mut out = Vec::new();
    walk(path, &mut out).then_some(out)
}

/// A key tree with positions, read only when a file has unknown keys. A
/// mapping's keys are looked up by name (a file may hold tens of thousands
/// of unknown keys in one mapping: each is found at once, not by reading
/// the others).
#[derive(Debug)]
enum Node {
    Map(std::collections::HashMap<String, (serde_saphyr::Location, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    Scalar,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML node")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Node, A::Error> {
                let mut v = std::collections::HashMap::new();
                while let Some(k) = m.next_key::<Spanned<KeyText>>()? {
                    let n = m.next_value::<Spanned<Node>>()?;
                    // A key written twice makes the file invalid YAML before
                    // this tree is read; the first place is kept regardless.
                    v.entry(k.value.0).or_insert((k.referenced, n));
                }
                Ok(Node::Map(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut m: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(n) = m.next_element::<Spanned<Node>>()? {
                    v.push(n);
                }
                Ok(Node::Seq(v))
            }
            fn visit_str<E>(self, _: &str) -> Result<Node, E> {
                Ok(Node::Scalar)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Scalar)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Scalar)
            }
        }
        d.deserialize_any(V)
    }
}

/// A mapping key of any scalar type, as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = ScalarText::deserialize(d)?;
        Ok(KeyText(t.0.unwrap_or_default()))
    }
}

fn locate(root: &Spanned<Node>, path: &[Seg]) -> Option<Loc> {
    let (last, parents) = path.split_last()?;
    let mut node = root;
    for seg in parents {
        node = match (seg, &node.value) {
            (Seg::Key(k), Node::Map(entries)) => &entries.get(k)?.1,
            (Seg::Index(i), Node::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    match (last, &node.value) {
        (Seg::Key(k), Node::Map(entries)) => Some(loc_of(entries.get(k)?.0)),
        _ => None,
    }
}

/// The names of the fields of a struct that derives `Deserialize`, read from
/// serde itself so that the "did you mean" list cannot drift from the model.
pub(crate) fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Collector;
    #[derive(Debug)]
    struct Found(&'static [&'static str]);
    impl fmt::Display for Found {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("fields collected")
        }
    }
    impl std::error::Error for Found {}
    impl de::Error for Found {
        fn custom<M: fmt::Display>(_: M) -> Self {
            Found(&[])
        }
    }
    impl<'de> Deserializer<'de> for Collector {
        type Error = Found;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            Err(Found(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Collector) {
        Err(Found(fields)) => fields,
        Ok(_) => &[],
    }
}

/// Tells, for a path inside a file, which keys are allowed there.
pub type KeysAt = fn(&[Seg]) -> &'static [&'static str];

/// The outcome of parsing one file.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The model, unless the file is unusable.
    pub value: Option<T>,
    /// Everything found on the way, in file order.
    pub problems: Vec<Problem>,
    /// Whether the file has keys the format does not know.
    pub unknown_keys: bool,
    /// Unknown keys past the first [`crate::output::SHOWN_PER_FILE_AND_RULE`]
    /// of the file (by place): each is an AL002 problem that is counted,
    /// not made (no message, no "did you mean").
    pub unlisted: usize,
    /// Whether every problem has the place a parse with places would give
    /// it: always with places; without, when the only problems are
    /// unknown keys (placed by [`keys::place`]) and keyboard slips.
    pub placed: bool,
    /// Whether the values were parsed with their places.
    pub located: bool,
}

/// Deserializer settings shared by every file: strict booleans (`no` stays
/// text), leading-zero numbers as text, no comment events, and explicit
/// resource budgets.
pub fn options() -> serde_saphyr::Options {
    let budget = budget();
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 20_000;
    alias_limits.max_replay_stack_depth = 16;
    serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        budget: Some(budget),
        alias_limits: alias_limits,
    }
}

/// The parser options serde-saphyr derives from [`options`]' budget (as
/// its `Budget::parser_options` does), for the fast path, which must see
/// the same events.
pub(crate) fn parser_options() -> granit_parser::Options {
    let budget = budget();
    granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(budget.max_depth.saturating_add(1)),
        emit_comments: false,
    }
}

/// The resource budgets of every parse.
fn budget() -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_nodes = 2_000_000;
    budget.max_events = 4_000_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_documents = 1;
    budget.max_recorded_anchor_events = 20_000;
    budget.max_recorded_anchor_bytes = 8 * 1024 * 1024;
    budget
}

/// Removes the " at line N, column M" parts serde-saphyr writes into its
/// messages: the location is shown separately.
fn strip_location_suffix(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip = after
            .char_indices()
            .find(|(_, c)| {
                !(c.is_ascii_digit()
                    || matches!(c, ',' | ' ')
                    || c.is_ascii_alphabetic() && "column".contains(*c))
            })
            .map_or(after.len(), |(k, _)| k);
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

fn is_empty_document(err: &serde_saphyr::Error) -> bool {
    let mut inner = err;
    while let serde_saphyr::Error::WithSnippet { error, .. } = inner {
        inner = error;
    }
    matches!(inner, serde_saphyr::Error::Eof { .. })
}

fn error_problem(err: &serde_saphyr::Error) -> Problem {
    use serde_saphyr::Error as E;
    let mut inner = err;
    while let E::WithSnippet { error, .. } = inner {
        inner = error;
    }
    let kind = match inner {
        E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::SerdeInvalidLength { .. }
        | E::SerdeUnknownVariant { .. }
        | E::SerdeUnknownField { .. }
        | E::SerdeMissingField { .. }
        | E::InvalidBooleanStrict { .. }
        | E::NullIntoString { .. }
        | E::InvalidScalar { .. }
        | E::Message { .. }
        | E::UnexpectedValueForUnit { .. }
        | E::Unexpected { .. } => ProblemKind::Schema,
        _ => ProblemKind::Syntax,
    };
    let loc = err.location().map(loc_of).unwrap_or_else(Loc::file_start);
    let raw = inner.to_string();
    let message = strip_location_suffix(&raw).trim().to_string();
    let message = message
        .replace(", set DuplicateKeyPolicy in Options if acceptable", "")
        .replace("__serde_saphyr_private_spanned", "value")
        .replace(
            "expected mapping start",
            "expected a mapping (`key: value` lines) here",
        )
        .replace(
            "expected sequence start",
            "expected a list (`[a, b]` or `- a` lines) here",
        );
    let what = match kind {
        ProblemKind::Syntax
            if message.starts_with("budget breached") || message.contains("limit exceeded") =>
        {
            What::OverLimit(
                if message.contains("Anchor") || message.contains("Alias") || message.contains("alias") {
                    Limit::Aliases
                } else if message.contains("Depth")
                    || message.contains("recursion")
                    || message.contains("nesting")
                {
                    Limit::Depth
                } else if message.contains("Nodes") || message.contains("Events") {
                    Limit::Values
                } else if message.contains("Documents") {
                    Limit::Documents
                } else {
                    Limit::Other
                },
            )
        }
        ProblemKind::Syntax => What::Syntax(message),
        ProblemKind::Schema => What::WrongType(message.trim_start_matches("invalid type: ").to_string()),
    };
    Problem::new(kind, loc, what)
}

/// Parses `text` (BOM already removed) into `T`, reporting unknown keys with
/// the keys allowed at their place.
pub fn parse<T: DeserializeOwned + Default>(text: &str, keys_at: KeysAt) -> Parsed<T> {
    parse_with(text, Some(keys_at))
}

/// Parses `text` like [`parse`], for a file already known to have no unknown
/// keys: they are not looked for, which saves a third of the time of a
/// parse with places (`serde_ignored` would see every location map).
pub(crate) fn parse_known_keys<T: DeserializeOwned + Default>(text: &str) -> Parsed<T> {
    parse_with(text, None)
}

fn parse_with<T: DeserializeOwned + Default>(text: &str, keys_at: Option<KeysAt>) -> Parsed<T> {
    let first = parse_once::<T>(text, keys_at);
    let found = keyboard::scan(text);
    if found.is_empty() {
        return first.done();
    }
    let (fixed, shifts) = keyboard::correct(text, &found);
    let second = with_shifts(shifts, || parse_once::<T>(&fixed, keys_at));
    // AL001 when the text as written is not YAML at all (a wrong type may
    // be met before the parser reaches the broken line), AL002 otherwise.
    let kind = match &first.fatal {
        Some(p) if p.kind == ProblemKind::Syntax => ProblemKind::Syntax,
        Some(_) if serde_saphyr::from_str_with_options::<Node>(text, options()).is_err() => {
            ProblemKind::Syntax
        }
        _ => ProblemKind::Schema,
    };
    let lines = crate::source::LineIndex::new(text);
    let slips = |keep: &dyn Fn(&Loc) -> bool| -> Vec<Problem> {
        found
            .iter()
            .map(|f| {
                let loc = lines.loc(text, f.at..f.at + f.slip.ch.len_utf8());
                Problem::new(kind, loc, What::Keyboard(f.slip.clone()))
            })
            .filter(|p| keep(&p.loc))
            .collect()
    };
    match (&first.fatal, &second.fatal) {
        // Corrected, the file reads: the slips are the only problems it adds.
        (_, None) => {
            let mut second = second;
            second.problems.extend(slips(&|_| true));
            second.done()
        }
        // The slips were not what they seemed: the correction breaks the file.
        (None, Some(_)) => first.done(),
        // Unusable either way: the slips at or just before the parser's
        // error are its cause; a slip further on waits for the next run.
        (Some(err), Some(_)) => {
            let line = err.loc.line;
            let near = slips(&|l| l.line <= line.saturating_add(1));
            if near.is_empty() {
                return first.done();
            }
            let mut first = first;
            first.fatal = None;
            first.problems.extend(near);
            first.done()
        }
    }
}

/// The first parse of `text` without places (as `al check` makes it), by
/// the fast path and by serde-saphyr: `(fast, reference)`, where `fast` is
/// `None` when the fast path hands the text back. For the differential
/// tests and the fuzz target, which require the two to be equal whenever
/// the fast path answers (the keyboard corrections around it are the same
/// for both).
pub fn first_parses<T: DeserializeOwned + Default>(
    text: &str,
    keys_at: KeysAt,
) -> (Option<Parsed<T>>, Parsed<T>) {
    unlocated(|| {
        let fast = parse_fast::<T>(text, Some(keys_at))
            .map(|(value, ignored)| finish_attempt(text, Some(keys_at), Ok(value), ignored).done());
        let (result, ignored) = parse_saphyr::<T>(text, Some(keys_at));
        let reference = finish_attempt(text, Some(keys_at), result, ignored).done();
        (fast, reference)
    })
}

/// The fast path's floor for the benchmark (benches/parse_floor.rs): reads
/// `text` on the fast path into nothing; whether the fast path took it.
pub fn fast_floor(text: &str) -> bool {
    fast::parse::<de::IgnoredAny, _>(text, false, |_| {}).is_ok()
}

/// One parse of a text: its model, the problems found on the way, and the
/// one that made the file unusable.
struct Attempt<T> {
    value: Option<T>,
    problems: Vec<Problem>,
    fatal: Option<Problem>,
    unknown_keys: bool,
    /// Unknown keys counted, not made into problems.
    unlisted: usize,
    /// Every problem has its final place (see [`Parsed::placed`]).
    placed: bool,
    /// The values have their places.
    located: bool,
}

impl<T> Attempt<T> {
    fn done(self) -> Parsed<T> {
        let mut problems = self.problems;
        let placed = self.placed && self.fatal.is_none();
        problems.extend(self.fatal);
        problems.sort_by_key(|p| (p.loc.line, p.loc.column));
        Parsed {
            value: self.value,
            problems,
            unknown_keys: self.unknown_keys,
            unlisted: self.unlisted,
            placed,
            located: self.located,
        }
    }
}

/// The first parse, without places, of a text the fast path reads
/// ([`fast`]): the model (`None`: the text holds no document) and the
/// unknown keys; `None` when the text is not for the fast path.
fn parse_fast<T: DeserializeOwned + Default>(
    text: &str,
    keys_at: Option<KeysAt>,
) -> Option<(T, Vec<Vec<Seg>>)> {
    if locating() {
        return None;
    }
    SINK.with(|s| s.borrow_mut().clear());
    let mut ignored: Vec<Vec<Seg>> = Vec::new();
    let parsed = fast::parse::<T, _>(text, keys_at.is_some(), |path| {
        if let Some(segs) = segments(&path) {
            ignored.push(segs);
        }
    });
    match parsed {
        Ok(value) => Some((value.unwrap_or_default(), ignored)),
        Err(fast::NotMine) => None,
    }
}

fn parse_once<T: DeserializeOwned + Default>(text: &str, keys_at: Option<KeysAt>) -> Attempt<T> {
    let on = fast_parse_on();
    let fast = if on { parse_fast::<T>(text, keys_at) } else { None };
    let (result, ignored) = match fast {
        Some((value, ignored)) => (Ok(value), ignored),
        // With the switch off, every file is parsed as before the fast path.
        None if on && !locating() && LOCATE_HANDED_BACK.with(Cell::get) => {
            return located(|| {
                let (result, ignored) = parse_saphyr::<T>(text, keys_at);
                finish_attempt(text, keys_at, result, ignored)
            });
        }
        None => parse_saphyr::<T>(text, keys_at),
    };
    finish_attempt(text, keys_at, result, ignored)
}

/// Whether the first parse may take the fast path: yes, unless the
/// environment says `AL_FAST_PARSE=off` — a switch for the benchmark (the
/// same binary with and without it) and for ruling the fast path out when
/// a result looks wrong. The output is the same either way.
fn fast_parse_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("AL_FAST_PARSE").is_none_or(|v| v != "off"))
}

/// A parse by serde-saphyr with the project's options (every parse with
/// places, and every text the fast path hands back).
fn parse_saphyr<T: DeserializeOwned>(
    text: &str,
    keys_at: Option<KeysAt>,
) -> (Result<T, serde_saphyr::Error>, Vec<Vec<Seg>>) {
    SINK.with(|s| s.borrow_mut().clear());
    let mut ignored: Vec<Vec<Seg>> = Vec::new();
    let result: Result<T, serde_saphyr::Error> = match keys_at {
        Some(_) => serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
            serde_ignored::deserialize(de, |path| {
                if let Some(segs) = segments(&path) {
                    ignored.push(segs);
                }
            })
        }),
        None => serde_saphyr::from_str_with_options(text, options()),
    };
    (result, ignored)
}

fn finish_attempt<T: DeserializeOwned + Default>(
    text: &str,
    keys_at: Option<KeysAt>,
    result: Result<T, serde_saphyr::Error>,
    ignored: Vec<Vec<Seg>>,
) -> Attempt<T> {
    let unknown_keys = !ignored.is_empty();
    let mut problems = SINK.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let mut fatal = None;
    let value = match result {
        Ok(v) => Some(v),
        // A file that is empty or holds only comments reads as an empty mapping:
        // the model rules then say what is missing.
        Err(e) if is_empty_document(&e) => Some(T::default()),
        Err(e) => {
            fatal = Some(error_problem(&e));
            None
        }
    };
    // Without places, a problem the lenient readers recorded has none.
    let mut placed = problems.is_empty();
    let mut unlisted = 0;
    if !ignored.is_empty() && value.is_some() {
        let (unknown, rest) = unknown_problems(text, keys_at, ignored);
        placed &= unknown.iter().all(|p| p.loc.line > 0 && !p.loc.whole_file);
        problems.extend(unknown);
        unlisted = rest;
    }
    let placed = placed || locating();
    Attempt {
        value,
        problems,
        fatal,
        unknown_keys,
        unlisted,
        placed,
        located: locating(),
    }
}

/// The unknown keys at `ignored` (paths from `serde_ignored`) as problems,
/// each at its place ([`keys::place`]; a key that pass does not find is
/// looked up in a tree of the file with places, else it has no place):
/// the first [`crate::output::SHOWN_PER_FILE_AND_RULE`] of the file by
/// place, with a "did you mean", and the number of the others, which are
/// only counted ([`keys::chosen`]).
fn unknown_problems(text: &str, keys_at: Option<KeysAt>, ignored: Vec<Vec<Seg>>) -> (Vec<Problem>, usize) {
    let ignored: Vec<Vec<Seg>> = ignored
        .into_iter()
        .filter(|p| matches!(p.last(), Some(Seg::Key(_))))
        .collect();
    let mut places = keys::place(text, &ignored);
    if places.iter().any(Option::is_none) {
        let tree: Option<Spanned<Node>> = if locating() {
            serde_saphyr::from_str_with_options(text, options()).ok()
        } else {
            None
        };
        for (place, path) in places.iter_mut().zip(&ignored) {
            if place.is_none() {
                *place = Some(match &tree {
                    Some(t) => locate(t, path).unwrap_or_else(Loc::file_start),
                    // Without places: no place, until the file is parsed
                    // again with them.
                    None => Loc::default(),
                });
            }
        }
    }
    let placed: Vec<(Loc, &str)> = places
        .into_iter()
        .zip(&ignored)
        .map(|(loc, path)| {
            let key = match path.last() {
                Some(Seg::Key(k)) => k.as_str(),
                _ => "",
            };
            (loc.unwrap_or_default(), key)
        })
        .collect();
    let keep = keys::chosen(&placed, crate::output::SHOWN_PER_FILE_AND_RULE);
    let unlisted = keep.iter().filter(|k| !**k).count();
    let mut problems = Vec::with_capacity(placed.len() - unlisted);
    for (((loc, _), path), keep) in placed.into_iter().zip(&ignored).zip(keep) {
        let (Some(Seg::Key(key)), true) = (path.last(), keep) else {
            continue;
        };
        let allowed = keys_at.map_or(&[][..], |k| k(&path[..path.len() - 1]));
        let suggestion = crate::suggest::did_you_mean(key, allowed.iter().copied()).map(str::to_string);
        let what = What::UnknownKey {
            key: key.clone(),
            suggestion,
            allowed,
        };
        problems.push(Problem::new(ProblemKind::Schema, loc, what));
    }
    (problems, unlisted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Team, Topic};

    #[test]
    fn unknown_nested_key_is_located_with_a_suggestion() {
        let text = "groups:\n  - id: g1\n    membres: [a]\n";
        let parsed = parse::<Team>(text, crate::model::team::keys);
        assert!(parsed.value.is_some(), "the model still builds");
        let p = &parsed.problems[0];
        assert_eq!((p.loc.line, p.loc.column), (3, 5));
        assert_eq!(p.message, "unknown key `membres`");
        assert_eq!(p.help, "did you mean `members`?");
    }

    #[test]
    fn empty_list_value_is_an_empty_list() {
        let parsed = parse::<Team>("groups:\n  - id: g1\n    members:\n", crate::model::team::keys);
        let team = parsed.value.expect("parses");
        assert!(team.groups[0].value.members.is_empty());
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn wrong_type_makes_the_file_unusable_with_a_schema_problem() {
        let parsed = parse::<Team>("groups: {a: 1}\n", crate::model::team::keys);
        assert!(parsed.value.is_none());
        assert_eq!(parsed.problems[0].kind, ProblemKind::Schema);
        assert_eq!(parsed.problems[0].loc.line, 1);
    }

    #[test]
    fn bad_words_and_dates_are_located_and_read_as_absent() {
        let parsed = parse::<Topic>(
            "kind: problm\nstart: 2026-02-30\ntitle: 标题\n",
            crate::model::topic::keys,
        );
        let topic = parsed.value.expect("parses");
        assert!(topic.kind.is_none() && topic.start.is_none());
        assert_eq!(topic.title.map(|t| t.0), Some("标题".to_string()));
        let lines: Vec<u32> = parsed.problems.iter().map(|p| p.loc.line).collect();
        assert_eq!(lines, [1, 2]);
        assert!(parsed.problems[0].help.contains("did you mean `problem`"));
    }

    #[test]
    fn strict_booleans_and_leading_zeros_stay_text() {
        let parsed = parse::<Topic>("title: no\nbatch: 007\n", crate::model::topic::keys);
        let topic = parsed.value.expect("parses");
        assert_eq!(topic.title.map(|t| t.0), Some("no".to_string()));
        assert_eq!(topic.batch.map(|t| t.0), Some("007".to_string()));
    }

    #[test]
    fn syntax_errors_are_syntax() {
        let parsed = parse::<Topic>("title: \"unclosed\n", crate::model::topic::keys);
        assert_eq!(parsed.problems[0].kind, ProblemKind::Syntax);
        let parsed = parse::<Topic>("title: a\ntitle: b\n", crate::model::topic::keys);
        assert_eq!(
            parsed.problems[0].kind,
            ProblemKind::Syntax,
            "duplicate keys are invalid YAML"
        );
        assert_eq!(parsed.problems[0].loc.line, 2);
    }

    #[test]
    fn comments_only_file_is_empty() {
        let parsed = parse::<Topic>("# nothing yet\n", crate::model::topic::keys);
        assert!(parsed.value.is_some() && parsed.problems.is_empty());
    }
}
