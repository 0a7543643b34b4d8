//! Where the unknown keys of a file are written, and which of them become
//! problems.
//!
//! `serde_ignored` names each key the model does not know by its path; one
//! pass over the parser's events of the text finds the place of every one
//! of them (a key is looked up by its path, so tens of thousands of keys in
//! one mapping cost no more than reading them). Only the first
//! [`crate::output::SHOWN_PER_FILE_AND_RULE`] of a file, by place, are made
//! into problems (message, help, "did you mean"): every format shows no
//! more of a rule in a file; the others are counted.

use super::Seg;
use super::fast::{Class, classify};
use crate::diag::Loc;
use granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};
use std::borrow::Cow;
use std::collections::HashMap;

/// The place of the key at the end of each of `paths` in `text`, in the
/// order of `paths`: `None` for a key the events do not show under that
/// path (inside an alias or a merged mapping, a key that is not plain
/// text, a tagged key) or after a syntax error. Places are taken back to
/// the text as written when it was corrected ([`super::unshift`]).
pub(super) fn place(text: &str, paths: &[Vec<Seg>]) -> Vec<Option<Loc>> {
    let mut out: Vec<Option<Loc>> = vec![None; paths.len()];
    // `serde_ignored` names the keys in the order they are read, which is
    // the order of the text: each key of the text is compared with the
    // next one wanted, without a table.
    let mut next = 0;
    scan(text, |parent, key, span| {
        let Some((Seg::Key(want), want_parent)) = paths.get(next).and_then(|p| p.split_last()) else {
            return;
        };
        if want == key && want_parent == parent {
            out[next] = loc_of(span);
            next += 1;
        }
    });
    if next < paths.len() {
        // Out of that order (a key inside an alias, one the events cannot
        // name): the others are looked up by path in a second pass.
        let mut wanted: HashMap<&[Seg], HashMap<&str, usize>> = HashMap::new();
        for (i, path) in paths.iter().enumerate().filter(|(i, _)| out[*i].is_none()) {
            if let Some((Seg::Key(key), parent)) = path.split_last() {
                wanted.entry(parent).or_default().entry(key.as_str()).or_insert(i);
            }
        }
        scan(text, |parent, key, span| {
            if let Some(&i) = wanted.get(parent).and_then(|keys| keys.get(key)) {
                out[i] = loc_of(span);
            }
        });
        // A path named twice (by an alias replayed) is the same key.
        for (i, path) in paths.iter().enumerate() {
            if out[i].is_none()
                && let Some((Seg::Key(key), parent)) = path.split_last()
                && let Some(&first) = wanted.get(parent).and_then(|keys| keys.get(key.as_str()))
                && first != i
            {
                out[i] = out[first].clone();
            }
        }
    }
    out
}

/// Reads the events of `text` and calls `key` with each mapping key that is
/// certain text ([`key_text`]) under a path that is certain: the path of
/// its mapping, the key, and the key's span. Stops at a syntax error.
fn scan(text: &str, mut key: impl FnMut(&[Seg], &str, &Span)) {
    let mut walk = Walk::default();
    let mut parser = Parser::with_options(StrInput::new(text), super::parser_options());
    while let Some(Ok((event, span))) = parser.next_event() {
        match event {
            Event::Scalar(value, style, _, tag) => {
                let text = key_text(value, style, tag.is_some());
                if let Some(k) = walk.scalar(text)
                    && let Some(parent) = walk.path()
                {
                    key(parent, &k, &span);
                }
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                walk.scalar(None);
            }
            Event::MappingStart(..) => walk.start(true),
            Event::SequenceStart(..) => walk.start(false),
            Event::MappingEnd | Event::SequenceEnd => walk.end(),
            Event::DocumentEnd | Event::StreamEnd => break,
            _ => {}
        }
    }
}

/// A key as `serde_ignored` names it, when that is certain: quoted text,
/// or plain text that serde-saphyr reads as text (not a number, a boolean,
/// null or the merge key `<<`); never a tagged key.
fn key_text(value: Cow<'_, str>, style: ScalarStyle, tagged: bool) -> Option<Cow<'_, str>> {
    let text = !tagged && (style != ScalarStyle::Plain || (classify(&value) == Class::Text && value != "<<"));
    text.then_some(value)
}

/// The place of a key's event, as serde-saphyr gives it (1-based line,
/// column in characters from 1, the byte range), in the text as written.
fn loc_of(span: &Span) -> Option<Loc> {
    let (start, end) = (span.start.byte_offset()?, span.end.byte_offset()?);
    let loc = Loc {
        line: u32::try_from(span.start.line()).ok()?,
        column: u32::try_from(span.start.col() + 1).ok()?,
        bytes: start..end.max(start),
        whole_file: false,
    };
    Some(super::unshift(loc))
}

/// What the walk is inside of.
enum Frame<'a> {
    /// A mapping, with the key just read, whose value comes next
    /// (`Some(None)`: a key that names nothing certain).
    Map { key: Option<Option<Cow<'a, str>>> },
    /// A sequence, with the index of its next item.
    Seq { next: usize },
}

/// The path to the node being read, kept as the events come: a segment is
/// pushed only for a mapping or a sequence (a key whose value is a scalar
/// is reported and left).
#[derive(Default)]
struct Walk<'a> {
    frames: Vec<Frame<'a>>,
    path: Vec<Seg>,
    /// For each segment of `path`, whether it names nothing certain (a key
    /// that is not text): no path through it is reported.
    blind: Vec<bool>,
    blind_count: usize,
}

impl<'a> Walk<'a> {
    /// A scalar (or an alias, `key` `None`): a mapping's key is kept until
    /// its value is read, and returned when it is certain text; a value or
    /// an item is passed.
    fn scalar(&mut self, key: Option<Cow<'a, str>>) -> Option<Cow<'a, str>> {
        match self.frames.last_mut() {
            Some(Frame::Map { key: read @ None }) => {
                *read = Some(key.clone());
                key
            }
            Some(Frame::Map { key: read }) => {
                *read = None;
                None
            }
            Some(Frame::Seq { next }) => {
                *next += 1;
                None
            }
            None => None,
        }
    }

    /// A mapping (`map`) or a sequence begins: its segment is pushed (the
    /// key it is the value of, its index, or a blind one for a mapping's
    /// key that is itself a collection).
    fn start(&mut self, map: bool) {
        let seg = match self.frames.last_mut() {
            Some(Frame::Map { key: None }) => Some(None),
            Some(Frame::Map { key: Some(k) }) => Some(k.take().map(|k| Seg::Key(k.into_owned()))),
            Some(Frame::Seq { next }) => Some(Some(Seg::Index(*next))),
            None => None,
        };
        if let Some(seg) = seg {
            self.push(seg);
        }
        self.frames.push(match map {
            true => Frame::Map { key: None },
            false => Frame::Seq { next: 0 },
        });
    }

    /// A mapping or a sequence ends: its segment is left, and it was a
    /// key (of a mapping whose value comes next), a value or an item.
    fn end(&mut self) {
        self.frames.pop();
        match self.frames.last_mut() {
            Some(Frame::Map { key: read @ None }) => *read = Some(None),
            Some(Frame::Map { key: read }) => *read = None,
            Some(Frame::Seq { next }) => *next += 1,
            None => return,
        }
        self.pop();
    }

    fn push(&mut self, seg: Option<Seg>) {
        let blind = seg.is_none();
        self.path.push(seg.unwrap_or(Seg::Index(usize::MAX)));
        self.blind.push(blind);
        self.blind_count += usize::from(blind);
    }

    fn pop(&mut self) {
        self.path.pop();
        if self.blind.pop() == Some(true) {
            self.blind_count -= 1;
        }
    }

    /// The path, unless it goes through a segment that names nothing certain.
    fn path(&self) -> Option<&[Seg]> {
        (self.blind_count == 0).then_some(self.path.as_slice())
    }
}

/// Which of the unknown keys at `places` become problems: the first
/// `shown` by place (line, column, then key, as the findings are sorted),
/// and every key whose place is not known (they are few, and a finding
/// without a place must be shown to be counted exactly); the others are
/// only counted.
pub(super) fn chosen(places: &[(Loc, &str)], shown: usize) -> Vec<bool> {
    let placed = |l: &Loc| l.line > 0 && !l.whole_file;
    let mut order: Vec<usize> = (0..places.len()).filter(|&i| placed(&places[i].0)).collect();
    let mut keep: Vec<bool> = places.iter().map(|(l, _)| !placed(l)).collect();
    let key = |i: usize| (places[i].0.line, places[i].0.column, places[i].1);
    if order.len() > shown {
        order.select_nth_unstable_by(shown, |&a, &b| key(a).cmp(&key(b)));
        order.truncate(shown);
    }
    for i in order {
        keep[i] = true;
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }

    /// The places the tree of the whole file gives, which this pass replaces.
    fn by_tree(text: &str, paths: &[Vec<Seg>]) -> Vec<Option<Loc>> {
        let tree = serde_saphyr::from_str_with_options(text, super::super::options()).ok();
        paths
            .iter()
            .map(|p| tree.as_ref().and_then(|t| super::super::locate(t, p)))
            .collect()
    }

    #[test]
    fn keys_are_placed_as_the_tree_places_them() {
        let text = "title: 标题\n名称: x\n\"quoted\": 1\ngroups:\n  - id: g1\n    membres: [a]\n  - {id: g2, extra: 1, 其他: 2}\nnested:\n  deeper:\n    - - x\n      - k: v\r\nlast: 1\n";
        let paths = vec![
            vec![key("名称")],
            vec![key("quoted")],
            vec![key("groups"), Seg::Index(0), key("membres")],
            vec![key("groups"), Seg::Index(1), key("extra")],
            vec![key("groups"), Seg::Index(1), key("其他")],
            vec![
                key("nested"),
                key("deeper"),
                Seg::Index(0),
                Seg::Index(1),
                key("k"),
            ],
            vec![key("last")],
            vec![key("absent")],
        ];
        let got = place(text, &paths);
        assert_eq!(got, by_tree(text, &paths));
        // Out of the order of the text (as keys inside an alias come), a
        // second pass finds them by path.
        let reversed: Vec<Vec<Seg>> = paths.iter().rev().cloned().collect();
        let mut back = place(text, &reversed);
        back.reverse();
        assert_eq!(back, got);
        assert!(got[..7].iter().all(Option::is_some), "{got:?}");
        assert_eq!(got[7], None);
        let l = got[4].clone().unwrap_or_default();
        assert_eq!((l.line, l.column), (7, 24));
        assert_eq!(&text[l.bytes], "其他");
    }

    #[test]
    fn keys_that_are_not_certain_text_are_left_to_the_tree() {
        let text = "1: a\n? [x]\n: b\n<<: {m: 1}\nok: 2\nafter: {y: 1}\n";
        let paths = vec![vec![key("1")], vec![key("m")], vec![key("after"), key("y")]];
        let got = place(text, &paths);
        assert_eq!((got[0].clone(), got[1].clone()), (None, None));
        assert_eq!(got[2].as_ref().map(|l| l.line), Some(6), "{got:?}");
    }

    #[test]
    fn the_first_keys_by_place_are_chosen_and_unplaced_ones_always() {
        let at = |line: u32, column: u32| Loc {
            line,
            column,
            bytes: 0..0,
            whole_file: false,
        };
        let places = vec![
            (at(5, 1), "e"),
            (at(2, 1), "b"),
            (Loc::file_start(), "z"),
            (at(3, 1), "c"),
            (at(1, 4), "a"),
            (Loc::default(), "y"),
        ];
        assert_eq!(chosen(&places, 2), [false, true, true, false, true, true]);
        assert_eq!(chosen(&places, 10), [true; 6]);
    }
}
