//! The fast first parse is proven equal to serde-saphyr: for any text,
//! either the fast path hands it back, or its model, findings and unknown
//! keys (in order) are those of serde-saphyr with the project's options.
//! Seeded with every fixture, both examples, the fuzz seeds and hostile
//! texts; then generated documents and mangled seeds (proptest).

use al::model::{Plan, Session, Subtopic, Team, Topic, plan, session, subtopic, team, topic};
use al::yaml::{KeysAt, first_parses};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Compares the two parses of `text` as a `T`; whether the fast path answered.
fn same<T: DeserializeOwned + Default + std::fmt::Debug>(text: &str, keys: KeysAt) -> bool {
    let (fast, reference) = first_parses::<T>(text, keys);
    match fast {
        None => false,
        Some(fast) => {
            assert_eq!(
                format!("{fast:?}"),
                format!("{reference:?}"),
                "the fast path differs from serde-saphyr on {text:?}"
            );
            true
        }
    }
}

/// The text parsed as every kind of file; for each kind, whether the fast
/// path answered.
fn check(text: &str) -> [bool; 5] {
    let text = &al::source::normalize(text);
    [
        same::<Topic>(text, topic::keys),
        same::<Team>(text, team::keys),
        same::<Session>(text, session::keys),
        same::<Subtopic>(text, subtopic::keys),
        same::<Plan>(text, plan::keys),
    ]
}

/// Which of [`check`]'s answers is for the file's own kind.
fn own_kind(path: &Path) -> Option<usize> {
    let p = path.to_string_lossy().replace('\\', "/");
    let name = p.rsplit('/').next().unwrap_or("");
    match name {
        "topic.yaml" => Some(0),
        "team.yaml" => Some(1),
        "plan.yaml" => Some(4),
        _ if p.contains("/sessions/") => Some(2),
        _ if p.contains("/subtopics/") => Some(3),
        _ => None,
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if matches!(path.extension().and_then(|x| x.to_str()), Some("yaml" | "yml"))
            || dir.ends_with("seeds/loader")
        {
            out.push(path);
        }
    }
}

fn seeds() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in [
        "tests/fixtures",
        "examples",
        "fuzz/seeds/loader",
        "templates/init",
    ] {
        yaml_files(&root.join(dir), &mut paths);
    }
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some((p, String::from_utf8(bytes).ok()?))
        })
        .collect()
}

#[test]
fn every_fixture_and_example_reads_the_same() {
    let seeds = seeds();
    assert!(seeds.len() > 500, "the fixtures are found ({})", seeds.len());
    let (mut own, mut answered) = (0, 0);
    for (path, text) in &seeds {
        let answers = check(text);
        if let Some(k) = own_kind(path) {
            own += 1;
            answered += usize::from(answers[k]);
            let example = path.to_string_lossy().contains("examples");
            assert!(
                !example || answers[k],
                "the fast path reads the example file {}",
                path.display()
            );
        }
    }
    // Most fixtures are ordinary files; the others test what the fast path
    // hands back on purpose (syntax errors, duplicate keys, anchors, …).
    assert!(
        answered * 10 >= own * 8,
        "the fast path answered for {answered} of {own} fixture files"
    );
}

/// Texts an attacker or an unlucky editor writes.
const HOSTILE: &[&str] = &[
    "",
    "# only a comment\n",
    "---\n",
    "--- \nkind: workshop\n",
    "kind: workshop\n---\nkind: review\n",
    "kind: workshop\n...\n",
    "%YAML 1.2\n---\nkind: workshop\n",
    "%TAG ! tag:x,2000:\n---\nkind: workshop\n",
    "kind: &k workshop\ntitle: *k\n",
    "base: &b {kind: workshop}\n<<: *b\n",
    "<<: {kind: workshop}\n",
    "kind: !!str workshop\n",
    "kind: !custom workshop\n",
    "date: !!timestamp 2026-05-04\n",
    "? kind\n: workshop\n",
    "? [a, b]\n: c\n",
    "{a: 1}: x\n",
    "[a]: x\n",
    "kind: workshop\nkind: review\n",
    "kind: workshop\n\"kind\": review\n",
    "title: a\n'title': b\n",
    "zzz: 1\nzzz: 2\n",
    "null: x\n",
    "~: x\n",
    ": x\n",
    "true: x\n",
    "1: x\n",
    "0x1: x\n",
    "\"1\": x\n",
    "days: 0x1F\ntitle: 0o17\nnotes: 1e3\nplace: +1\n",
    "days: .5\ntitle: -.inf\nnotes: .nan\nplace: -.NaN\n",
    "days: 1_000\ntitle: 1__0\nnotes: 0b101\nplace: 0B1\n",
    "days: 00.5\ntitle: -007\nnotes: +007\nplace: 0\n",
    "days: 1.50\ntitle: 1.0\nnotes: -0\nplace: -0.0\n",
    "days: 99999999999999999999\ntitle: -99999999999999999999\nnotes: 1e999\n",
    "days: 12:30\ntitle: 2026-05-04T10:00:00\nnotes: 2026-5-4\n",
    "title: yes\nnotes: no\nplace: on\nfacilitator: off\nlearning_officer: y\n",
    "title: True\nnotes: FALSE\nplace: tRUE\n",
    "title: null\nnotes: Null\nplace: NULL\nfacilitator: nULL\n",
    "title: ~\nnotes:\nplace: ''\nfacilitator: \"\"\n",
    "attendees: [~, null, '', \"\"]\n",
    "attendees: [007, 1.5, true, 0x10, 2026-05-04]\n",
    "attendees:\n",
    "attendees: ~\n",
    "attendees: []\nguests: {}\n",
    "groups: g1\n",
    "groups: {a: b}\n",
    "actions: [a, b]\n",
    "actions:\n  - task: x\n    task: y\n",
    "actions:\n  - {task: x, zzz: {a: [1, {b: c}]}}\n",
    "title: \"\\u00e9\\t\\x41\\U0001F600\"\n",
    "title: 'it''s'\n",
    "title: |\n  line one\n  line two\n\n",
    "title: >-\n  folded\n  text\n",
    "title: |2\n   indented\n",
    "title: |+\n  keep\n\n\n",
    "title: a\n  b\n\n  c\n",
    "title: \"a\n  b\"\n",
    "title: a #comment\nnotes: b#not\n",
    "title:\ta\n",
    "\tkind: workshop\n",
    "title: a\u{85}b\n",
    "title: a\u{2028}b\n",
    "title: a\u{feff}b\n",
    "title: \u{a0}a\n",
    "title: 　全角\n",
    "title：全角冒号\n",
    "kind: workshop\r\ndate: 2026-05-04\r\n",
    "kind: workshop\rdate: 2026-05-04\r",
    "\u{feff}kind: workshop\n",
    "kind: [unclosed\n",
    "kind: {unclosed\n",
    "kind: \"unclosed\n",
    "- a\n- b\n",
    "just text\n",
    "42\n",
    "kind: workshop\n  bad: indent\n",
    "a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            g: 1\n",
    "x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
    "implementation:\n  metrics:\n    - {name: m, baseline: 1, target: 0.5, unit: '%'}\n",
    "criteria:\n  - a\n",
    "sponsor: ~\nconvener:\ncriteria: {}\n",
    "people:\n  - {id: a, birth_year: 1986, consent: 2026-02-20}\n  - {id: 007}\n",
    "milestones:\n  - {kind: workshop, number: 1, month: 2026-05}\n  - {kind: review, month: 2026-13}\n",
];

#[test]
fn hostile_texts_read_the_same_or_are_handed_back() {
    for text in HOSTILE {
        check(text);
    }
    // The ordinary shapes are the fast path's own.
    assert!(check("kind: workshop\ndate: 2026-05-04\n")[2]);
    assert!(check("title: 1.50\ndays: 0.5\n")[2]);
    assert!(check("")[2], "an empty file is an empty model");
    assert!(!check("kind: &k workshop\n")[2], "anchors are handed back");
    assert!(!check("kind: a\nkind: b\n")[2], "duplicate keys are handed back");
}

/// A scalar as written in a file: tricky plain values, quoted ones, text.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "workshop",
            "group-meeting",
            "open",
            "done",
            "g1",
            "zhang",
            "张伟",
            "2026-05-04",
            "2026-02-30",
            "2026-05",
            "1",
            "0",
            "-0",
            "12",
            "-3",
            "0.5",
            "1.50",
            "007",
            "1e3",
            "0x1F",
            "+1",
            ".5",
            ".inf",
            "true",
            "True",
            "false",
            "yes",
            "no",
            "null",
            "~",
            "NULL",
            "''",
            "\"\"",
            "'a: b'",
            "\"x\\ty\"",
            "a b",
            "3 people",
            "2026年",
            "R&D",
            "Q&A!",
            "a#b",
            "50%",
            "-",
            "中文：冒号",
            "1_000",
            "12:30",
        ])
        .prop_map(str::to_string),
        "[a-z0-9 ._-]{0,12}",
        "\\PC{0,8}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "kind",
            "title",
            "date",
            "days",
            "groups",
            "place",
            "attendees",
            "guests",
            "actions",
            "task",
            "owner",
            "due",
            "status",
            "id",
            "members",
            "people",
            "name",
            "notes",
            "agenda",
            "minutes",
            "made",
            "milestones",
            "number",
            "month",
            "implementation",
            "metrics",
            "baseline",
            "criteria",
            "sponsor",
            "zzz",
            "titel",
            "\"kind\"",
            "'date'",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,8}",
    ]
}

/// A value: a scalar, a flow list, a block list, a flow or block mapping.
fn value(depth: u32) -> BoxedStrategy<String> {
    let leaf = scalar().boxed();
    if depth == 0 {
        return leaf;
    }
    let indent = "  ".repeat(depth as usize);
    let i2 = indent.clone();
    let block_list = prop::collection::vec(value(depth - 1), 1..4)
        .prop_map(move |v| v.iter().map(|x| format!("\n{i2}- {x}")).collect::<String>());
    let block_map = prop::collection::vec((key(), value(depth - 1)), 1..4).prop_map(move |v| {
        v.iter()
            .map(|(k, x)| format!("\n{indent}{k}: {x}"))
            .collect::<String>()
    });
    prop_oneof![
        3 => leaf,
        1 => prop::collection::vec(scalar(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => prop::collection::vec((key(), scalar()), 0..4)
            .prop_map(|v| format!("{{{}}}", v.iter().map(|(k, s)| format!("{k}: {s}")).collect::<Vec<_>>().join(", "))),
        1 => block_list,
        1 => block_map,
    ]
    .boxed()
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((key(), value(3)), 0..8)
        .prop_map(|v| v.iter().map(|(k, x)| format!("{k}: {x}\n")).collect::<String>())
}

/// A seed file with a few edits: a token inserted, a range removed.
fn mangled() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "&a ",
        "*a",
        "!!str ",
        "! ",
        "<<: ",
        "---\n",
        "...\n",
        "%YAML 1.2\n",
        "? ",
        "{",
        "}",
        "[",
        "]",
        ",",
        ": ",
        " #",
        "'",
        "\"",
        "|",
        ">",
        "|-\n",
        "\t",
        "\\",
        "\n",
        "  ",
        "- ",
        "~",
        "null",
        "true",
        "0x1F",
        "1e3",
        "+1",
        "007",
        ".5",
        "\u{85}",
        "\u{2028}",
        "\u{a0}",
        "：",
        "\u{feff}",
        "\r",
        "\u{0}",
    ]);
    let seeds = seeds();
    (
        0..seeds.len(),
        prop::collection::vec((any::<prop::sample::Index>(), tokens, 0usize..6), 1..4),
    )
        .prop_map(move |(i, edits)| {
            let mut text = seeds[i].1.clone();
            for (at, token, cut) in edits {
                let mut at = at.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + cut).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, token);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_read_the_same(text in document()) {
        check(&text);
    }

    #[test]
    fn mangled_seeds_read_the_same(text in mangled()) {
        check(&text);
    }
}

/// `AL_FAST_PARSE=off` (the benchmark's switch) changes nothing a user sees:
/// the examples and every rule's fixtures, checked as one portfolio, give
/// the same bytes in every format with and without the fast path.
#[test]
fn the_switch_that_turns_the_fast_path_off_changes_no_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for format in ["json", "human", "sarif"] {
        let run = |fast: &str| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_al"))
                .current_dir(root)
                .args(["check", "examples", "tests/fixtures", "--today", "2026-09-30"])
                .args(["--format", format, "--color", "never"])
                .env("AL_FAST_PARSE", fast)
                .env_remove("GITHUB_ACTIONS")
                .output()
                .expect("al runs");
            (out.status.code(), out.stdout)
        };
        let (on, off) = (run("on"), run("off"));
        assert_eq!(on.0, Some(1), "the fixtures have error findings");
        assert!(on.1.len() > 10_000, "{format}: {} bytes", on.1.len());
        assert!(on == off, "{format}: the output differs with AL_FAST_PARSE=off");
    }
}
