//! The JSON Schemas of `al schema KIND` agree with `al`: for generated
//! programs and mutations of them, a file gets an AL001/AL002 finding from
//! `al` exactly when a JSON Schema validator (the `jsonschema` crate, draft
//! 2020-12, formats checked) refuses it. The differences a schema cannot
//! express are listed in docs/ci.md ("Where the schemas and `al` differ"),
//! shown one by one in [`the_documented_differences_are_real`], and never
//! generated here.

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A YAML value as written.
#[derive(Clone, Debug)]
enum Y {
    /// A plain scalar, written as it is (a word, a number, a date, `007`, `true`).
    Plain(String),
    /// A double-quoted string.
    Quoted(String),
    /// Nothing after the key or the dash: null.
    Empty,
    /// A mapping (an empty one is written `{}`).
    Map(Vec<(String, Y)>),
    /// A list (an empty one is written `[]`).
    Seq(Vec<Y>),
}

fn plain(s: &str) -> Y {
    Y::Plain(s.to_string())
}

fn quoted(s: &str) -> Y {
    Y::Quoted(s.to_string())
}

/// The YAML text of a file: block mappings and lists.
fn yaml(root: &Y) -> String {
    let mut out = String::new();
    match root {
        Y::Map(entries) if !entries.is_empty() => map_lines(entries, 0, &mut out),
        other => {
            out.push_str(&inline(other).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// A value written on its key's or dash's line, if it is written there.
fn inline(y: &Y) -> Option<String> {
    match y {
        Y::Plain(s) => Some(s.clone()),
        Y::Quoted(s) => Some(serde_json::to_string(s).unwrap_or_default()),
        Y::Empty => Some(String::new()),
        Y::Map(m) if m.is_empty() => Some("{}".to_string()),
        Y::Seq(s) if s.is_empty() => Some("[]".to_string()),
        _ => None,
    }
}

fn map_lines(entries: &[(String, Y)], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for (key, value) in entries {
        block(&format!("{pad}{key}:"), value, indent, out);
    }
}

fn block(lead: &str, value: &Y, indent: usize, out: &mut String) {
    match (inline(value), value) {
        (Some(s), _) if s.is_empty() => out.push_str(&format!("{lead}\n")),
        (Some(s), _) => out.push_str(&format!("{lead} {s}\n")),
        (None, Y::Map(m)) => {
            out.push_str(&format!("{lead}\n"));
            map_lines(m, indent + 2, out);
        }
        (None, Y::Seq(items)) => {
            out.push_str(&format!("{lead}\n"));
            let pad = " ".repeat(indent + 2);
            for item in items {
                block(&format!("{pad}-"), item, indent + 2, out);
            }
        }
        (None, _) => {}
    }
}

// ---- Valid files, built from the model ----

type Entry = BoxedStrategy<Option<(String, Y)>>;

/// A key that is always written.
fn req(key: &'static str, value: impl Strategy<Value = Y> + 'static) -> Entry {
    value.prop_map(move |y| Some((key.to_string(), y))).boxed()
}

/// A key that is written or not.
fn opt(key: &'static str, value: impl Strategy<Value = Y> + 'static) -> Entry {
    prop::option::of(value)
        .prop_map(move |y| y.map(|y| (key.to_string(), y)))
        .boxed()
}

fn map(entries: Vec<Entry>) -> BoxedStrategy<Y> {
    entries
        .prop_map(|e| Y::Map(e.into_iter().flatten().collect()))
        .boxed()
}

/// A list key that is not required: items, an empty list or nothing (`key:`).
fn list(item: impl Strategy<Value = Y> + 'static, max: usize) -> BoxedStrategy<Y> {
    prop_oneof![
        4 => prop::collection::vec(item, 1..=max).prop_map(Y::Seq),
        1 => Just(Y::Seq(Vec::new())),
        1 => Just(Y::Empty),
    ]
    .boxed()
}

/// A word that YAML reads as a string, neither a boolean nor null.
fn word() -> BoxedStrategy<String> {
    "[a-z][a-z0-9]{0,7}"
        .prop_filter("a word", |w| !matches!(w.as_str(), "true" | "false" | "null"))
        .boxed()
}

/// Free text as people write it: words, Chinese, numbers (`title: 2026`),
/// `true`, leading zeros, punctuation in quotes.
fn text() -> BoxedStrategy<Y> {
    prop_oneof![
        word().prop_map(Y::Plain),
        "[张王李赵陈刘][伟娜强静洋]{1,2}".prop_map(Y::Plain),
        "[降低核心技术人员的流失率]{2,12}".prop_map(Y::Plain),
        (1u32..3000).prop_map(|n| Y::Plain(n.to_string())),
        Just(plain("007")),
        Just(plain("1.5")),
        Just(plain("true")),
        Just(plain("no")),
        "[a-z :#,\\[\\]{}]{0,12}".prop_map(Y::Quoted),
    ]
    .boxed()
}

/// An id: a word, a number or a quoted word.
fn id() -> BoxedStrategy<Y> {
    prop_oneof![
        3 => word().prop_map(Y::Plain),
        1 => (1u32..100).prop_map(|n| Y::Plain(n.to_string())),
        1 => Just(plain("007")),
        1 => word().prop_map(Y::Quoted),
    ]
    .boxed()
}

fn date() -> BoxedStrategy<Y> {
    (2024u32..2028, 1u32..13, 1u32..29, any::<bool>())
        .prop_map(|(y, m, d, q)| {
            let s = format!("{y}-{m:02}-{d:02}");
            if q { Y::Quoted(s) } else { Y::Plain(s) }
        })
        .boxed()
}

fn month() -> BoxedStrategy<Y> {
    (2024u32..2028, 1u32..13)
        .prop_map(|(y, m)| Y::Plain(format!("{y}-{m:02}")))
        .boxed()
}

/// A word of a fixed set, plain or quoted.
fn one_of(words: &'static [&'static str]) -> BoxedStrategy<Y> {
    (prop::sample::select(words), any::<bool>())
        .prop_map(|(w, q)| if q { quoted(w) } else { plain(w) })
        .boxed()
}

/// A whole number in a range, as a number, in quotes or with a leading zero.
fn int(lo: i64, hi: i64) -> BoxedStrategy<Y> {
    (lo..=hi, 0u8..4)
        .prop_map(|(n, how)| match how {
            0 => Y::Quoted(n.to_string()),
            1 if n >= 0 => Y::Plain(format!("0{n}")),
            2 => Y::Plain(format!("{n}.0")),
            _ => Y::Plain(n.to_string()),
        })
        .boxed()
}

/// A number above zero, as a number or in quotes.
fn amount() -> BoxedStrategy<Y> {
    prop_oneof![
        (1u32..100000).prop_map(|n| Y::Plain(n.to_string())),
        Just(plain("0.5")),
        Just(plain("1e3")),
        Just(quoted("2")),
        Just(quoted("0.5")),
        Just(quoted("+1.5")),
        Just(plain("007")),
    ]
    .boxed()
}

fn topic() -> BoxedStrategy<Y> {
    let criteria = map(vec![
        opt("important", text()),
        opt("difficult", text()),
        opt("feasible", text()),
        opt("learning", text()),
    ]);
    let person = || map(vec![opt("name", text()), opt("title", text())]);
    let sponsor = map(vec![
        opt("name", text()),
        opt("title", text()),
        opt("commitment", text()),
    ]);
    let budget = map(vec![
        req("item", text()),
        opt(
            "category",
            one_of(&["experts", "research", "meetings", "training", "other"]),
        ),
        req("planned", amount()),
        opt("spent", amount()),
    ]);
    map(vec![
        req("title", text()),
        opt("kind", one_of(&["problem", "task", "project"])),
        req("statement", text()),
        opt(
            "source",
            one_of(&[
                "strategic-priority",
                "review-finding",
                "benchmark-gap",
                "stakeholder-need",
            ]),
        ),
        opt("criteria", criteria),
        opt("convener", person()),
        opt("mode", one_of(&["topic-first", "convener-first"])),
        opt("sponsor", sponsor),
        req("start", date()),
        opt("end", date()),
        opt("stage", int(1, 6)),
        opt("focus_areas", list(text(), 3)),
        opt("batch", text()),
        opt("budget", list(budget, 3)),
        opt("currency", text()),
    ])
}

fn consent() -> BoxedStrategy<Y> {
    prop_oneof![
        date(),
        Just(plain("true")),
        Just(plain("false")),
        Just(quoted("true")),
    ]
    .boxed()
}

fn team() -> BoxedStrategy<Y> {
    let person = map(vec![
        opt("id", id()),
        req("name", text()),
        opt("department", text()),
        opt("level", text()),
        opt("gender", text()),
        opt("birth_year", int(1960, 2000)),
        opt("discipline", text()),
        opt("consent", consent()),
        opt("joined", date()),
        opt("left", date()),
    ]);
    let facilitator = map(vec![
        opt("id", id()),
        req("name", text()),
        opt("level", one_of(&["junior", "intermediate", "senior"])),
    ]);
    let external = map(vec![
        req("name", text()),
        opt("kind", one_of(&["expert", "information"])),
        opt("organisation", text()),
    ]);
    let group = map(vec![
        req("id", id()),
        opt("name", text()),
        opt("focus", text()),
        opt("leader", id()),
        opt("learning_officers", list(id(), 3)),
        opt("facilitator", id()),
        opt("members", list(id(), 8)),
    ]);
    map(vec![
        opt("people", list(person, 4)),
        opt("facilitators", list(facilitator, 2)),
        opt("external", list(external, 2)),
        req("groups", prop::collection::vec(group, 1..4).prop_map(Y::Seq)),
    ])
}

const SESSION_KINDS: &[&str] = &[
    "kickoff",
    "workshop",
    "group-meeting",
    "activity",
    "review",
    "report",
];

fn session() -> BoxedStrategy<Y> {
    let agenda = map(vec![
        req("item", text()),
        opt("minutes", int(5, 120)),
        opt("owner", id()),
    ]);
    let learning = map(vec![req("title", text()), opt("by", id())]);
    let action = map(vec![
        opt("id", id()),
        req("task", text()),
        opt("owner", id()),
        opt("due", date()),
        opt("status", one_of(&["open", "done", "dropped"])),
        opt("subtopic", id()),
    ]);
    // A session is more than 0 and at most 31 days long.
    let days = prop_oneof![
        (1u32..=31).prop_map(|n| Y::Plain(n.to_string())),
        Just(plain("1")),
        Just(plain(".5")),
        Just(plain("0.5")),
        Just(quoted("2")),
        Just(quoted("+1.5")),
        Just(plain("007")),
    ];
    let s = map(vec![
        req("kind", one_of(SESSION_KINDS)),
        opt("title", text()),
        req("date", date()),
        opt("days", days),
        opt("groups", list(id(), 3)),
        opt("place", text()),
        opt(
            "activity",
            one_of(&[
                "survey",
                "study-visit",
                "training",
                "forum",
                "consultation",
                "online",
            ]),
        ),
        opt("facilitator", id()),
        opt("learning_officer", id()),
        opt("attendees", list(id(), 5)),
        opt("guests", list(text(), 2)),
        opt("panel", list(id(), 3)),
        opt("objectives", list(text(), 3)),
        opt("agenda", list(agenda, 3)),
        opt("learning", list(learning, 2)),
        opt("notes", text()),
        opt("decisions", list(text(), 2)),
        opt("actions", list(action, 3)),
    ]);
    (s, id()).prop_map(|(s, g)| one_group_for_a_meeting(s, g)).boxed()
}

/// A group meeting names exactly one group.
fn one_group_for_a_meeting(mut s: Y, group: Y) -> Y {
    let Y::Map(entries) = &mut s else { return s };
    let meeting = entries
        .iter()
        .any(|(k, v)| k == "kind" && matches!(v, Y::Plain(w) | Y::Quoted(w) if w == "group-meeting"));
    if meeting {
        entries.retain(|(k, _)| k != "groups");
        entries.push(("groups".to_string(), Y::Seq(vec![group])));
    }
    s
}

fn subtopic() -> BoxedStrategy<Y> {
    let analysis = map(vec![
        opt("symptoms", list(text(), 2)),
        opt("problems", list(text(), 2)),
        opt("causes", list(text(), 2)),
        opt("countermeasures", list(text(), 2)),
    ]);
    let review = map(vec![
        opt("date", date()),
        opt("by", list(text(), 2)),
        opt("decision", one_of(&["approved", "revise", "rejected"])),
        opt("notes", text()),
    ]);
    let proposal = map(vec![
        opt("summary", text()),
        opt("submitted", date()),
        opt("review", review),
    ]);
    let metric = map(vec![
        req("name", text()),
        opt("unit", text()),
        opt("baseline", amount()),
        opt("target", amount()),
        opt("actual", amount()),
        opt("measured", date()),
    ]);
    let implementation = map(vec![
        opt("owner", id()),
        opt("start", date()),
        opt("metrics", list(metric, 2)),
    ]);
    let results = map(vec![
        opt("adopted", list(text(), 2)),
        opt("shared", list(text(), 2)),
    ]);
    map(vec![
        opt("id", id()),
        req("question", text()),
        opt("group", id()),
        opt("owner", id()),
        opt("goal", text()),
        opt("members", list(id(), 4)),
        opt("defined", date()),
        opt("status", one_of(&["active", "deepened", "replaced", "done"])),
        opt("replaces", id()),
        opt("analysis", analysis),
        opt("proposal", proposal),
        opt("implementation", implementation),
        opt("results", results),
    ])
}

fn plan() -> BoxedStrategy<Y> {
    let milestone = map(vec![
        opt(
            "kind",
            one_of(&[
                "research",
                "kickoff",
                "subtopics-fixed",
                "workshop",
                "group-meetings",
                "proposal-submitted",
                "review",
                "report",
                "implementation-start",
                "final-results",
            ]),
        ),
        opt("number", int(1, 9)),
        opt("date", date()),
        opt("month", month()),
        opt("owner", id()),
        opt("groups", list(id(), 2)),
        opt("notes", text()),
    ]);
    map(vec![opt("made", date()), opt("milestones", list(milestone, 4))])
}

/// A program: its files as (path inside it, value).
fn program() -> impl Strategy<Value = Vec<(String, Y)>> {
    (
        topic(),
        team(),
        prop::collection::vec(session(), 0..4),
        prop::collection::vec(subtopic(), 0..3),
        prop::option::of(plan()),
    )
        .prop_map(|(topic, team, sessions, subtopics, plan)| {
            let mut files = vec![("topic.yaml".to_string(), topic), ("team.yaml".to_string(), team)];
            for (i, s) in sessions.into_iter().enumerate() {
                files.push((format!("sessions/2026-04-0{}-s.yaml", i + 1), s));
            }
            for (i, s) in subtopics.into_iter().enumerate() {
                files.push((format!("subtopics/st{}.yaml", i + 1), s));
            }
            files.extend(plan.map(|p| ("plan.yaml".to_string(), p)));
            files
        })
}

// ---- Mutations ----

/// What a mutation does to the value it lands on.
#[derive(Clone, Debug)]
enum Mutation {
    /// Removes the key (a required one, maybe).
    Drop,
    /// Adds a key the format does not know, next to it or inside it.
    Unknown,
    /// Writes this value instead: a wrong type, a bad word or date, a
    /// number out of range, a quoted number, a number for a text, an empty list.
    Replace(Y),
    /// The same value in quotes.
    Quote,
    /// The same word misspelt.
    Typo,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let values = prop::sample::select(vec![
        Y::Empty,
        plain("0"),
        plain("-1"),
        plain("7"),
        plain("1.5"),
        plain("2026"),
        plain("true"),
        plain("007"),
        quoted("3"),
        quoted("0"),
        quoted("-2"),
        quoted("0.0"),
        quoted(""),
        quoted("1,000"),
        plain("2026-02-30"),
        plain("2026/3/1"),
        quoted("2026-3-1"),
        plain("2026-13"),
        plain("2026-05"),
        plain("2026-05-11"),
        plain("yes"),
        plain("workshop"),
        plain("group-meeting"),
        Y::Seq(Vec::new()),
        Y::Seq(vec![plain("a")]),
        Y::Seq(vec![Y::Empty]),
        Y::Seq(vec![Y::Seq(vec![plain("a")])]),
        Y::Map(Vec::new()),
        Y::Map(vec![("a".to_string(), plain("b"))]),
    ]);
    prop_oneof![
        2 => Just(Mutation::Drop),
        1 => Just(Mutation::Unknown),
        6 => values.prop_map(Mutation::Replace),
        1 => Just(Mutation::Quote),
        1 => Just(Mutation::Typo),
    ]
}

/// A step of the way to a value inside a file.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// The way to every value of a file (the file itself not included).
fn paths(y: &Y, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match y {
        Y::Map(entries) => {
            for (k, v) in entries {
                at.push(Step::Key(k.clone()));
                out.push(at.clone());
                paths(v, at, out);
                at.pop();
            }
        }
        Y::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Step::Index(i));
                out.push(at.clone());
                paths(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// Applies `m` at `path` inside `parent` (the value that holds the last step).
fn apply(parent: &mut Y, path: &[Step], m: &Mutation) {
    let Some((last, way)) = path.split_last() else {
        if let (Mutation::Unknown, Y::Map(e)) = (m, &mut *parent) {
            e.push(("colour".to_string(), plain("blue")));
        }
        return;
    };
    let mut node = parent;
    for step in way {
        node = match (step, node) {
            (Step::Key(k), Y::Map(e)) => match e.iter_mut().find(|(key, _)| key == k) {
                Some((_, v)) => v,
                None => return,
            },
            (Step::Index(i), Y::Seq(items)) => match items.get_mut(*i) {
                Some(v) => v,
                None => return,
            },
            _ => return,
        };
    }
    let target = match (last, &mut *node) {
        (Step::Key(k), Y::Map(e)) => {
            if let Mutation::Drop = m {
                e.retain(|(key, _)| key != k);
                return;
            }
            if let Mutation::Unknown = m {
                e.push(("colour".to_string(), plain("blue")));
                return;
            }
            match e.iter_mut().find(|(key, _)| key == k) {
                Some((_, v)) => v,
                None => return,
            }
        }
        (Step::Index(i), Y::Seq(items)) => {
            if let Mutation::Drop = m {
                if *i < items.len() {
                    items.remove(*i);
                }
                return;
            }
            match items.get_mut(*i) {
                Some(v) => v,
                None => return,
            }
        }
        _ => return,
    };
    match m {
        Mutation::Replace(y) => *target = y.clone(),
        Mutation::Quote => {
            if let Y::Plain(s) = target {
                *target = Y::Quoted(s.clone());
            }
        }
        Mutation::Typo => match target {
            Y::Plain(s) | Y::Quoted(s) => s.push('x'),
            _ => {}
        },
        Mutation::Unknown => {
            if let Y::Map(e) = target {
                e.push(("colour".to_string(), plain("blue")));
            }
        }
        Mutation::Drop => {}
    }
}

// ---- The two verdicts ----

/// The validators of the YAML kinds, from `al schema KIND`.
fn validators() -> BTreeMap<&'static str, jsonschema::Validator> {
    ["topic", "team", "session", "subtopic", "plan"]
        .into_iter()
        .map(|kind| {
            let out = Command::cargo_bin("al")
                .expect("binary")
                .args(["schema", kind])
                .output()
                .expect("runs");
            let schema: Value = serde_json::from_slice(&out.stdout).expect("a schema is JSON");
            let v = jsonschema::options()
                .should_validate_formats(true)
                .build(&schema)
                .expect("a valid schema");
            (kind, v)
        })
        .collect()
}

fn kind_of(rel: &str) -> &'static str {
    al::layout::FileKind::of_rel(rel).map_or("", |k| k.name())
}

/// The files `al` gives an AL001 or AL002 finding, each with its messages.
fn al_refuses(files: &[(String, String)]) -> BTreeMap<String, Vec<String>> {
    let program = al::load::program_from_texts("p", files);
    let today = al::dates::parse_date("2026-06-30").expect("date");
    let config = al::config::Config::default();
    let report = al::check::finish(program, &config, false, today, Some(al::config::Lang::En));
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &report.diagnostics {
        if d.code == "AL001" || d.code == "AL002" {
            let rel = d.file.trim_start_matches("p/").to_string();
            out.entry(rel)
                .or_default()
                .push(format!("{} {}:{} {}", d.code, d.line, d.column, d.message));
        }
    }
    out
}

/// What the validator says of a file: its errors, none when it validates.
fn schema_errors(v: &BTreeMap<&'static str, jsonschema::Validator>, rel: &str, text: &str) -> Vec<String> {
    let json: Value = serde_saphyr::from_str_with_options(text, al::yaml::options())
        .unwrap_or_else(|e| panic!("{rel} is not convertible to JSON: {e}\n{text}"));
    let validator = &v[kind_of(rel)];
    validator
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Both verdicts, file by file; the files `al` refuses.
fn agree(
    v: &BTreeMap<&'static str, jsonschema::Validator>,
    files: &[(String, String)],
) -> Result<usize, TestCaseError> {
    let refused = al_refuses(files);
    for (rel, text) in files {
        let by_al = refused.get(rel).cloned().unwrap_or_default();
        let by_schema = schema_errors(v, rel, text);
        prop_assert_eq!(
            by_al.is_empty(),
            by_schema.is_empty(),
            "{}:\n{}\nal: {:#?}\nschema: {:#?}",
            rel,
            text,
            by_al,
            by_schema
        );
    }
    Ok(refused.len())
}

fn texts(files: &[(String, Y)]) -> Vec<(String, String)> {
    files.iter().map(|(rel, y)| (rel.clone(), yaml(y))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        rng_seed: RngSeed::Fixed(18),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// 200 generated programs, every file valid, and a mutation of each.
    #[test]
    fn al_and_the_schemas_agree_on_every_file(
        files in program(),
        which in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        m in mutation(),
    ) {
        let v = VALIDATORS.get_or_init(validators);
        let valid = texts(&files);
        let refused = agree(v, &valid)?;
        prop_assert_eq!(refused, 0, "a generated file is valid: {:#?}", valid);

        let mut mutated = files;
        let file = which.index(mutated.len());
        let mut all = Vec::new();
        paths(&mutated[file].1, &mut Vec::new(), &mut all);
        let path = if all.is_empty() { Vec::new() } else { all[at.index(all.len())].clone() };
        apply(&mut mutated[file].1, &path, &m);
        agree(v, &texts(&mutated))?;
    }
}

/// The validators, made once for all the cases.
static VALIDATORS: OnceLock<BTreeMap<&'static str, jsonschema::Validator>> = OnceLock::new();

/// The differences docs/ci.md lists, each as a file where `al` and the
/// schema disagree: (name, file, text, whether `al` accepts it).
const DIFFERENCES: &[(&str, &str, &str, bool)] = &[
    // al trims a value before reading it; the schema reads the value as written.
    (
        "spaces inside quotes",
        "sessions/a.yaml",
        "kind: workshop\ndate: \" 2026-03-01\"\n",
        true,
    ),
    // An empty document is no JSON object; editors do not check it.
    ("an empty plan.yaml", "plan.yaml", "# the plan, later\n", true),
    // A pattern cannot tell how large a number in quotes is (the minutes of
    // an agenda item have a range the pattern keeps; a milestone's number not).
    (
        "numbers beyond 64 bits",
        "plan.yaml",
        "milestones: [{kind: workshop, number: \"99999999999999999999\"}]\n",
        false,
    ),
    // A pattern cannot tell how large a number in quotes is (nor a double).
    (
        "numbers beyond 64 bits",
        "sessions/a.yaml",
        "kind: workshop\ndate: 2026-03-01\ndays: \"1e400\"\n",
        false,
    ),
    // al reads the year of `+026-05` (a signed number); the schema wants four digits.
    (
        "a month with a sign",
        "plan.yaml",
        "milestones: [{kind: research, month: \"+026-05\"}]\n",
        true,
    ),
    // A pattern cannot tell how large a number in quotes is.
    (
        "a number in quotes out of its range",
        "sessions/a.yaml",
        "kind: workshop\ndate: 2026-03-01\ndays: \"40\"\n",
        false,
    ),
    // Characters that show nothing, and decomposed letters, are text to a schema.
    (
        "an id with an invisible character or decomposed letters",
        "team.yaml",
        "groups:\n  - id: g1\n    members: [\"zhang\\u200b\", li]\n",
        false,
    ),
    (
        "an id with an invisible character or decomposed letters",
        "team.yaml",
        "groups:\n  - id: \"ge\\u0301\"\n    members: [zhang, li]\n",
        false,
    ),
    // A Chinese keyboard's quotes around a whole value are text to a schema.
    (
        "curly quotes around an id",
        "team.yaml",
        "groups:\n  - id: g1\n    members: [“zhang”, li]\n",
        false,
    ),
];

#[test]
fn the_documented_differences_are_real() {
    let v = validators();
    let docs = std::fs::read_to_string("docs/ci.md").expect("docs/ci.md");
    for (name, rel, text, al_accepts) in DIFFERENCES {
        assert!(docs.contains(name), "docs/ci.md does not list “{name}”");
        let mut files = vec![
            (
                "topic.yaml".to_string(),
                "title: t\nstatement: s\nstart: 2026-03-01\n".to_string(),
            ),
            ("team.yaml".to_string(), "groups: [{id: g1}]\n".to_string()),
        ];
        files.retain(|(r, _)| r != rel);
        files.push((rel.to_string(), text.to_string()));
        let by_al = al_refuses(&files).get(*rel).cloned().unwrap_or_default();
        assert_eq!(by_al.is_empty(), *al_accepts, "{name}: al says {by_al:?}");
        let json: Value = serde_saphyr::from_str_with_options(text, al::yaml::options()).expect("json");
        let by_schema = v[kind_of(rel)].is_valid(&json);
        assert_ne!(by_schema, *al_accepts, "{name}: the schema agrees with al");
    }
}
