//! The texts of the rules — summary, what it checks, why the method asks
//! for it — in every language, and each rule's example and fix. They live
//! in catalogues (locales/rules.LANG.toml, locales/rules.examples.toml)
//! built into the binary; `tests/rules.rs` checks that every rule has every
//! text in every language, so a missing translation cannot ship.

use crate::config::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What `al explain` says of a rule in one language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prose {
    /// One line: what it finds.
    pub summary: String,
    /// What it checks.
    pub what: String,
    /// Why the method asks for it.
    pub why: String,
}

/// A file that fails a rule, and the same file passing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The failing file.
    pub example: String,
    /// The passing file.
    pub instead: String,
}

/// Every catalogue, as (name, text).
pub const CATALOGUES: [(&str, &str); 3] = [
    ("rules.en.toml", include_str!("../../locales/rules.en.toml")),
    ("rules.zh.toml", include_str!("../../locales/rules.zh.toml")),
    (
        "rules.examples.toml",
        include_str!("../../locales/rules.examples.toml"),
    ),
];

/// A catalogue parsed once. A broken catalogue reads as empty, which the
/// tests catch (every rule must have its texts).
fn parsed<T: for<'de> Deserialize<'de>>(
    cell: &'static OnceLock<BTreeMap<String, T>>,
    index: usize,
) -> &'static BTreeMap<String, T> {
    cell.get_or_init(|| toml::from_str(CATALOGUES[index].1).unwrap_or_default())
}

/// The texts of rule `code` in `lang` (empty when the catalogue lacks it).
pub fn prose(lang: Lang, code: &str) -> &'static Prose {
    static EN: OnceLock<BTreeMap<String, Prose>> = OnceLock::new();
    static ZH: OnceLock<BTreeMap<String, Prose>> = OnceLock::new();
    static NONE: Prose = Prose {
        summary: String::new(),
        what: String::new(),
        why: String::new(),
    };
    let table = match lang {
        Lang::En => parsed(&EN, 0),
        Lang::Zh => parsed(&ZH, 1),
    };
    table.get(code).unwrap_or(&NONE)
}

/// The example and fix of rule `code` (empty when the catalogue lacks it).
pub fn example(code: &str) -> &'static Example {
    static ALL: OnceLock<BTreeMap<String, Example>> = OnceLock::new();
    static NONE: Example = Example {
        example: String::new(),
        instead: String::new(),
    };
    parsed(&ALL, 2).get(code).unwrap_or(&NONE)
}
