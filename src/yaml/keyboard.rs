//! The mistakes a Chinese keyboard makes in YAML: a full-width colon after
//! a key, a full-width comma between the ids of a list, full-width brackets
//! or quotes around a value, a full-width space or a tab in the indentation.
//!
//! [`scan`] reads the text roughly as YAML does (keys at the start of a line
//! before their colon, flow collections `[…]`/`{…}`, quoted strings, block
//! and continued scalars) and flags those characters only where YAML
//! structure is expected: a Chinese sentence in a value keeps its `，` and `：`.

use crate::config::Lang;
use crate::tr;

/// Keys whose lists hold ids, where any full-width comma separates items.
const ID_LISTS: &[&str] = &["members", "learning_officers", "attendees", "groups"];

/// Where a character was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the indentation of a line.
    Indent,
    /// After a key's name, where its colon belongs.
    AfterKey(String),
    /// Right after a key's colon, where a space belongs.
    AfterColon(String),
    /// Between the items of a list or mapping in brackets.
    BetweenItems,
    /// Around a value (brackets or quotes).
    AroundValue,
}

/// One character typed with a Chinese keyboard where YAML needs an ASCII one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    /// The character (the first of a pair).
    pub ch: char,
    /// The second of a pair (`】` of `【】`).
    pub pair: Option<char>,
    /// What to type instead (`:`, `,`, `[ ]`, spaces).
    pub instead: &'static str,
    /// Where it was typed.
    pub place: Place,
    /// The line as it should read, when short enough to show.
    pub example: Option<String>,
}

/// A character found by [`scan`], with the replacements that correct it.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// Byte offset of the character.
    pub at: usize,
    /// What it is.
    pub slip: Slip,
    /// (byte offset, byte length, replacement) for it and its pair.
    pub fixes: Vec<(usize, usize, &'static str)>,
}

impl Slip {
    fn name(&self, lang: Lang) -> String {
        let (zh, en) = match self.ch {
            '：' => ("全角冒号", "a full-width colon"),
            '，' => ("全角逗号", "a full-width comma"),
            '；' => ("全角分号", "a full-width semicolon"),
            '、' => ("顿号", "an ideographic comma"),
            '【' | '】' => ("全角方括号", "full-width brackets"),
            '（' | '）' => ("全角圆括号", "full-width parentheses"),
            '｛' | '｝' => ("全角花括号", "full-width braces"),
            '“' | '”' | '‘' | '’' => ("中文引号", "curly quotes"),
            '\u{3000}' => ("全角空格（U+3000）", "a full-width space (U+3000)"),
            _ => ("制表符（Tab）", "a tab"),
        };
        let shown = match (self.ch, self.pair) {
            ('\u{3000}' | '\t', _) => String::new(),
            (c, Some(p)) => format!(" `{c}{p}`"),
            (c, None) => format!(" `{c}`"),
        };
        format!("{}{shown}", crate::lang::pick(lang, zh, en))
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let name = self.name(lang);
        match &self.place {
            Place::Indent => tr!(lang, "缩进里有{name}", "{name} in the indentation"),
            Place::AfterKey(key) => tr!(lang, "键 `{key}` 后面用了{name}", "{name} after the key `{key}`"),
            Place::AfterColon(key) => tr!(
                lang,
                "键 `{key}` 的冒号后面用了{name}",
                "{name} after the colon of `{key}`"
            ),
            Place::BetweenItems => tr!(lang, "两项之间用了{name}", "{name} between two items"),
            Place::AroundValue => tr!(lang, "值的两边用了{name}", "{name} around a value"),
        }
    }

    /// What to do, in `lang`.
    pub fn help(&self, lang: Lang) -> String {
        let instead = self.instead;
        let what = match (&self.place, self.ch) {
            (Place::Indent, '\t') => crate::lang::pick(
                lang,
                "YAML 不能用 Tab 缩进：请改用空格（每层两个）",
                "YAML does not indent with tabs: use spaces (two per level)",
            )
            .to_string(),
            (Place::Indent, _) => crate::lang::pick(
                lang,
                "请改用半角空格缩进（每层两个）",
                "indent with ordinary spaces (two per level)",
            )
            .to_string(),
            (Place::AfterColon(_), _) => {
                crate::lang::pick(lang, "请改用半角空格", "type an ordinary space").to_string()
            }
            (Place::AfterKey(_), _) => tr!(
                lang,
                "请改用半角冒号 `{instead}`，后面加一个空格",
                "type the ASCII colon `{instead}` followed by a space"
            ),
            (Place::BetweenItems, _) => tr!(
                lang,
                "各项之间请用半角逗号 `{instead}` 分隔",
                "separate the items with the ASCII comma `{instead}`"
            ),
            (Place::AroundValue, '“' | '‘') => tr!(
                lang,
                "请改用半角引号 `{instead}`，或者去掉引号",
                "type the ASCII quotes `{instead}`, or leave the quotes out"
            ),
            (Place::AroundValue, _) => tr!(
                lang,
                "请改用半角括号 `{instead}`",
                "type the ASCII brackets `{instead}`"
            ),
        };
        if self.place == Place::Indent {
            return what;
        }
        let switch = crate::lang::pick(
            lang,
            "（写 YAML 的结构时请切换到英文标点）",
            " (switch the keyboard to English punctuation for YAML's structure)",
        );
        match &self.example {
            Some(e) => tr!(lang, "{what}：`{e}`{switch}", "{what}: `{e}`{switch}"),
            None => format!("{what}{switch}"),
        }
    }
}

/// The characters of a Chinese keyboard found where YAML structure is
/// expected, in text order.
pub(crate) fn scan(text: &str) -> Vec<Found> {
    const SUSPECTS: &[char] = &[
        '\t', '：', '，', '；', '、', '【', '】', '（', '）', '｛', '｝', '“', '”', '‘', '’', '\u{3000}',
    ];
    if !text.contains(SUSPECTS) {
        return Vec::new();
    }
    let mut s = Scanner::default();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        s.line(body, start);
        start += line.len();
    }
    let mut found = s.found;
    if found.iter().all(|f| f.slip.place == Place::Indent) {
        return found;
    }
    let fixes = s_fixes(&s.all_fixes);
    // The example is the slip's line corrected: worked out once per line,
    // however many slips the line has.
    let lines = crate::source::LineIndex::new(text);
    let mut examples: std::collections::HashMap<usize, Option<String>> = std::collections::HashMap::new();
    for f in found.iter_mut().filter(|f| f.slip.place != Place::Indent) {
        let line = lines.line_of(f.at);
        f.slip.example = examples
            .entry(line)
            .or_insert_with(|| example(text, lines.line_range(line), &fixes))
            .clone();
    }
    found
}

fn s_fixes(all: &[(usize, usize, &'static str)]) -> Vec<(usize, usize, &'static str)> {
    let mut v = all.to_vec();
    v.sort();
    v
}

/// A line (the byte range of its text), corrected, when it is short enough to show.
fn example(
    text: &str,
    line: std::ops::Range<usize>,
    fixes: &[(usize, usize, &'static str)],
) -> Option<String> {
    let line = correct_range(text, line, fixes);
    let line = line.trim_end_matches('\r').trim();
    (line.chars().count() <= 60).then(|| line.to_string())
}

/// The text of `range` with the fixes inside it applied.
fn correct_range(
    text: &str,
    range: std::ops::Range<usize>,
    fixes: &[(usize, usize, &'static str)],
) -> String {
    let mut out = String::new();
    let mut pos = range.start;
    // The fixes are in text order: those inside the range are one run.
    let first = fixes.partition_point(|f| f.0 < range.start);
    let inside = fixes[first..].iter().take_while(|(at, _, _)| *at < range.end);
    for &(at, len, with) in inside {
        if at < pos {
            continue;
        }
        out.push_str(&text[pos..at]);
        out.push_str(with);
        pos = at + len;
    }
    out.push_str(&text[pos..range.end]);
    out
}

/// The text with every slip corrected, and the shifts that take places in
/// the corrected text back to the original: (end of the replacement in the
/// corrected text, its line, bytes added, characters added).
pub(crate) fn correct(text: &str, found: &[Found]) -> (String, Vec<super::Shift>) {
    let mut fixes: Vec<(usize, usize, &'static str)> = found.iter().flat_map(|f| f.fixes.clone()).collect();
    fixes.sort();
    fixes.dedup_by_key(|f| f.0);
    let mut out = String::with_capacity(text.len() + 16);
    let mut shifts = Vec::new();
    let mut pos = 0;
    let mut line = 1u32;
    for (at, len, with) in fixes {
        if at < pos {
            continue;
        }
        line += text[pos..at].matches('\n').count() as u32;
        out.push_str(&text[pos..at]);
        out.push_str(with);
        let old = &text[at..at + len];
        shifts.push(super::Shift {
            end: out.len(),
            line,
            bytes: with.len() as isize - len as isize,
            chars: with.chars().count() as i64 - old.chars().count() as i64,
        });
        pos = at + len;
    }
    out.push_str(&text[pos..]);
    (out, shifts)
}

#[derive(Default)]
struct Scanner {
    found: Vec<Found>,
    all_fixes: Vec<(usize, usize, &'static str)>,
    /// Inside a block scalar opened by a key at this indentation.
    block: Option<usize>,
    /// Inside a plain scalar that may continue on lines indented more than this.
    cont: Option<usize>,
    /// Open flow collections (`[` or `{`), across lines.
    flow: Vec<char>,
    /// The key whose value the open flow collection is.
    flow_key: Option<String>,
    /// Inside a quoted scalar across lines.
    quote: Option<char>,
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

fn is_key(s: &str) -> bool {
    let s = s.trim();
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && s.chars().all(is_id_char)
}

fn closer_of(c: char) -> Option<char> {
    match c {
        '【' => Some('】'),
        '（' => Some('）'),
        '｛' => Some('｝'),
        '“' => Some('”'),
        '‘' => Some('’'),
        _ => None,
    }
}

impl Scanner {
    fn push(&mut self, at: usize, slip: Slip, fixes: Vec<(usize, usize, &'static str)>) {
        self.all_fixes.extend(fixes.iter().copied());
        self.found.push(Found { at, slip, fixes });
    }

    fn slip(ch: char, pair: Option<char>, instead: &'static str, place: Place) -> Slip {
        Slip {
            ch,
            pair,
            instead,
            place,
            example: None,
        }
    }

    /// One line of the text; `start` is its byte offset.
    fn line(&mut self, line: &str, start: usize) {
        let lead_end = line
            .find(|c: char| !matches!(c, ' ' | '\t' | '\u{3000}'))
            .unwrap_or(line.len());
        let rest = &line[lead_end..];
        let spaces = line.find(|c: char| c != ' ').unwrap_or(line.len());
        if rest.is_empty() || rest.starts_with('#') {
            return;
        }
        if let Some(q) = self.quote {
            if rest.contains(q) {
                self.quote = None;
            }
            return;
        }
        if !self.flow.is_empty() {
            let key = self.flow_key.clone();
            self.flow_scan(line, start, lead_end, key.as_deref(), None);
            return;
        }
        if let Some(k) = self.block {
            if spaces > k {
                return;
            }
            self.block = None;
        }
        if let Some(k) = self.cont {
            if spaces > k {
                return;
            }
            self.cont = None;
        }
        let lead = &line[..lead_end];
        if let Some(i) = lead.find(['\t', '\u{3000}']) {
            let ch = lead[i..].chars().next().unwrap_or('\t');
            let fixes = lead
                .char_indices()
                .filter(|(_, c)| *c != ' ')
                .map(|(j, c)| (start + j, c.len_utf8(), "  "))
                .collect();
            self.push(start + i, Self::slip(ch, None, "  ", Place::Indent), fixes);
        }
        self.node(line, start, lead_end, lead.chars().count());
    }

    /// The content of a line from `pos`: `- ` items, then a key and its value, or a value.
    fn node(&mut self, line: &str, start: usize, mut pos: usize, mut col: usize) {
        while let Some(after) = line[pos..].strip_prefix('-') {
            match after.chars().next() {
                None => return,
                Some(' ' | '\t') => {
                    let skip = 1 + after.len() - after.trim_start_matches([' ', '\t']).len();
                    pos += skip;
                    col += skip;
                }
                _ => break,
            }
        }
        let s = &line[pos..];
        if s.starts_with(['"', '\'', '[', '{', '【', '（', '｛', '“', '‘', '|', '>']) {
            self.value(line, start, pos, None, col);
            return;
        }
        let ascii = s.find(':').filter(|&i| {
            s[i + 1..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
        });
        let full = s.find('：');
        let comment = s.find(" #").unwrap_or(s.len());
        match (ascii, full) {
            (Some(i), f) if f.is_none_or(|f| i < f) && i < comment => {
                let key = s[..i].trim().to_string();
                let mut vpos = pos + i + 1;
                if line[vpos..].starts_with('\u{3000}') && is_key(&key) {
                    let slip = Self::slip('\u{3000}', None, " ", Place::AfterColon(key.clone()));
                    self.push(start + vpos, slip, vec![(start + vpos, 3, " ")]);
                    vpos += 3;
                }
                self.value(line, start, vpos, Some(&key), col);
            }
            (_, Some(f)) if f < comment && is_key(&s[..f]) => {
                let key = s[..f].trim().to_string();
                let next = s[f + '：'.len_utf8()..].chars().next();
                let with = if next.is_none_or(|c| c == ' ') { ":" } else { ": " };
                let slip = Self::slip('：', None, ":", Place::AfterKey(key.clone()));
                self.push(start + pos + f, slip, vec![(start + pos + f, 3, with)]);
                self.value(line, start, pos + f + 3, Some(&key), col);
            }
            _ => self.cont = Some(col),
        }
    }

    /// A value from byte `pos` of the line, of `key` if it has one; `col`
    /// is the indentation of the node it belongs to.
    fn value(&mut self, line: &str, start: usize, pos: usize, key: Option<&str>, col: usize) {
        let trimmed = line[pos..].trim_start_matches([' ', '\t']);
        let vpos = line.len() - trimmed.len();
        let end = trimmed.find(" #").unwrap_or(trimmed.len());
        let v = trimmed[..end].trim_end();
        let Some(first) = v.chars().next() else {
            return;
        };
        match first {
            '|' | '>' => self.block = Some(col),
            '"' | '\'' => {
                if !v[1..].contains(first) {
                    self.quote = Some(first);
                }
            }
            '[' | '{' => {
                self.flow_key = key.map(str::to_string);
                self.flow_scan(line, start, vpos, key, None);
            }
            '【' | '（' | '｛' if v.ends_with(closer_of(first).unwrap_or(' ')) => {
                let close_at = vpos + v.len() - 3;
                let inner = &v[3..v.len() - 3];
                let map = first == '｛' || (first == '（' && (inner.contains(": ") || inner.contains('：')));
                let (open, close, instead) = if map { ("{", "}", "{ }") } else { ("[", "]", "[ ]") };
                let slip = Self::slip(first, closer_of(first), instead, Place::AroundValue);
                self.push(
                    start + vpos,
                    slip,
                    vec![(start + vpos, 3, open), (start + close_at, 3, close)],
                );
                self.flow_key = key.map(str::to_string);
                self.flow.push(if map { '{' } else { '[' });
                self.flow_scan(line, start, vpos + 3, key, Some(close_at));
            }
            '“' | '‘' => {
                let close = closer_of(first).unwrap_or(' ');
                let inner = &v[3..];
                if let Some(inner) = inner.strip_suffix(close)
                    && !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
                {
                    let q = if first == '“' { "\"" } else { "'" };
                    let instead = if first == '“' { "\" \"" } else { "' '" };
                    let slip = Self::slip(first, Some(close), instead, Place::AroundValue);
                    let close_at = vpos + v.len() - 3;
                    self.push(
                        start + vpos,
                        slip,
                        vec![(start + vpos, 3, q), (start + close_at, 3, q)],
                    );
                } else {
                    self.cont = Some(col);
                }
            }
            _ => self.cont = Some(col),
        }
    }

    /// Inside a flow collection, from byte `pos` of the line; `alias` is the
    /// byte of a full-width closer that ends it.
    fn flow_scan(&mut self, line: &str, start: usize, pos: usize, key: Option<&str>, alias: Option<usize>) {
        let mut prev: Option<char> = None;
        let mut item_start = pos;
        let mut chars = line[pos..].char_indices().map(|(i, c)| (pos + i, c)).peekable();
        while let Some((i, c)) = chars.next() {
            if Some(i) == alias {
                self.flow.pop();
                continue;
            }
            match c {
                '[' | '{' => {
                    self.flow.push(c);
                    prev = None;
                    item_start = i + 1;
                }
                ']' | '}' => {
                    self.flow.pop();
                    if self.flow.is_empty() {
                        return;
                    }
                    prev = Some(c);
                }
                ',' => {
                    prev = None;
                    item_start = i + 1;
                }
                '#' if line[..i].ends_with(' ') => return,
                '"' | '\'' if prev.is_none() => {
                    let close = line[i + 1..].find(c).map(|j| i + 1 + j);
                    match close {
                        Some(j) => {
                            while chars.peek().is_some_and(|(k, _)| *k <= j) {
                                chars.next();
                            }
                            prev = Some(c);
                        }
                        None => {
                            self.flow.clear();
                            self.quote = Some(c);
                            return;
                        }
                    }
                }
                '，' | '；' | '、' => {
                    let next = line[i + 3..].trim_start_matches(' ').chars().next();
                    let top = self.flow.last().copied();
                    let ids = prev.is_some_and(is_id_char) && next.is_some_and(is_id_char);
                    let id_list = top == Some('[')
                        && self.flow.len() == 1
                        && key.is_some_and(|k| ID_LISTS.contains(&k))
                        && prev.is_some()
                        && next.is_some_and(|n| !matches!(n, ']' | ',' | '】'));
                    let map_key = top == Some('{') && {
                        let after = line[i + 3..].trim_start();
                        after.find([':', '：']).is_some_and(|k| is_key(&after[..k]))
                    };
                    if ids || id_list || map_key {
                        let slip = Self::slip(c, None, ",", Place::BetweenItems);
                        let with = if line[i + 3..].starts_with(' ') { "," } else { ", " };
                        self.push(start + i, slip, vec![(start + i, 3, with)]);
                        prev = None;
                        item_start = i + 3;
                    } else {
                        prev = Some(c);
                    }
                }
                '：' if self.flow.last() == Some(&'{') && is_key(&line[item_start..i]) => {
                    let key = line[item_start..i].trim().to_string();
                    let slip = Self::slip(c, None, ":", Place::AfterKey(key));
                    let with = if line[i + 3..].starts_with(' ') { ":" } else { ": " };
                    self.push(start + i, slip, vec![(start + i, 3, with)]);
                    prev = None;
                }
                '“' | '‘' if prev.is_none() => {
                    let close = closer_of(c).unwrap_or(' ');
                    let rest = &line[i + 3..];
                    let j = rest.find(close);
                    let ok = j.is_some_and(|j| {
                        let inner = &rest[..j];
                        let after = rest[j + 3..].trim_start().chars().next();
                        !inner.is_empty()
                            && inner.chars().all(is_id_char)
                            && after.is_none_or(|a| matches!(a, ',' | ']' | '}' | ':'))
                    });
                    if let (true, Some(j)) = (ok, j) {
                        let q = if c == '“' { "\"" } else { "'" };
                        let instead = if c == '“' { "\" \"" } else { "' '" };
                        let slip = Self::slip(c, Some(close), instead, Place::AroundValue);
                        let close_at = i + 3 + j;
                        self.push(start + i, slip, vec![(start + i, 3, q), (start + close_at, 3, q)]);
                        while chars.peek().is_some_and(|(k, _)| *k <= close_at) {
                            chars.next();
                        }
                        prev = Some('"');
                    } else {
                        prev = Some(c);
                    }
                }
                ' ' => {}
                _ => prev = Some(c),
            }
        }
    }
}
