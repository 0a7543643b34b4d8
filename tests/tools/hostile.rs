//! 200 generated programs whose titles, names, questions and objectives are
//! hostile (Mermaid statements in any case, `|`, `#`, `## `, line breaks,
//! `<script>`, `&`, quotes, only spaces): the HTML report carries no script
//! of theirs and passes the Nu HTML checker; the Markdown report has the
//! heading, table and code-block structure of the same program with plain
//! titles; its Mermaid gantt parses with Mermaid's own parser and keeps a
//! task for every session in every lane. The generation is seeded, so a
//! failure names the program that shows it, the same on every run.

use crate::gantt::mermaid_blocks;
use crate::support::*;
use crate::validate::TODAY;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How many programs.
const PROGRAMS: u64 = 200;

/// The seed of the first program; program `i` uses `SEED + i`.
const SEED: u64 = 0x0a1_5eed;

/// Text that breaks a Mermaid gantt, a Markdown heading, list or table, or
/// an HTML page when it is not escaped for its place.
const HOSTILE: &[&str] = &[
    "Click here to register",
    "click call()",
    "Section leads sync",
    "section",
    "Title and scope",
    "title",
    "Excludes weekends",
    "excludes…",
    "todayMarker off",
    "dateFormat x",
    "axisFormat %d",
    "accTitle: x",
    "accDescr { y }",
    "accDescription z",
    "gantt",
    "weekday monday",
    "weekend friday",
    "inclusiveEndDates",
    "topAxis",
    "tickInterval 1day",
    "includes 2026-01-01",
    "href \"https://example.org\"",
    "call back()",
    "2026-05-01 review",
    "a | b | c",
    "|",
    "#",
    "## heading",
    "# x",
    "\n# x",
    "line one\nline two",
    "a\n\n## b",
    "\n- item",
    "1. one",
    "> quote",
    "```",
    "~~~mermaid",
    "---",
    "* * *",
    "<script>alert(1)</script>",
    "<SCRIPT src=x></SCRIPT>",
    "&amp; & &lt; &#35;",
    "\"double\" 'single' “curly”",
    "   ",
    "",
    "%% comment",
    "50% done",
    "%%{init: {}}%%",
    ": ; #",
    "a:b;c#d",
    "<br>",
    "\\",
    "`code`",
    "*em* _em_",
    "[link](https://example.org)",
    "\t",
    "\u{2028}x\u{2029}",
    "\u{feff}click x",
    "{{ x }} {% if %}",
    "第一组: 讨论; #1",
    "<!-- x",
    "]]>",
    "\r\n",
];

/// A small deterministic random source (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// A hostile text: one or two pieces of [`HOSTILE`], letters in any case.
    fn hostile(&mut self) -> String {
        let mut text = String::new();
        let pieces = if self.chance(35) { 2 } else { 1 };
        for i in 0..pieces {
            if i > 0 {
                text.push_str(["", " ", "\n", "\n\n", " | ", "\n## "][self.below(6)]);
            }
            let piece = HOSTILE[self.below(HOSTILE.len())];
            let case = self.below(3);
            for c in piece.chars() {
                text.push(match case {
                    0 => c,
                    1 => c.to_ascii_uppercase(),
                    _ if self.chance(50) => c.to_ascii_uppercase(),
                    _ => c.to_ascii_lowercase(),
                });
            }
        }
        text
    }
}

/// A YAML double-quoted scalar of any text.
fn q(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a file of a generated program. Its first line, a comment with
/// `""`, makes AL006 read every file for blank texts in both versions of a
/// program alike (it skips a file with no sign of a placeholder).
fn put(path: &Path, text: &str) {
    std::fs::write(path, format!("# generated; \"\" = blank\n{text}")).expect("write");
}

/// A text slot of a program: its hostile and its plain version.
#[derive(Clone)]
struct Slot {
    hostile: String,
    plain: String,
}

/// One generated program: its shape, and each text as a slot.
struct Plan {
    lang: &'static str,
    stage: u32,
    topic: Slot,
    /// People: name.
    people: Vec<Slot>,
    /// Groups: name, the people in it (indexes), sub-topic question.
    groups: Vec<(Slot, Vec<usize>, Slot)>,
    /// Sessions: file stem, kind, date, days, title, groups (indexes), objectives.
    sessions: Vec<SessionPlan>,
}

struct SessionPlan {
    stem: String,
    kind: &'static str,
    date: String,
    days: &'static str,
    title: Slot,
    groups: Vec<usize>,
    objectives: Vec<Slot>,
}

impl Plan {
    fn new(seed: u64) -> Plan {
        let mut rng = Rng(seed);
        let lang = if seed.is_multiple_of(2) { "zh" } else { "en" };
        let mut n = 0;
        // A blank text stays blank in the plain program: the same findings
        // (a missing name or title) come out of both.
        let mut slot = |rng: &mut Rng| {
            n += 1;
            let hostile = rng.hostile();
            let plain = if hostile.trim().is_empty() {
                hostile.clone()
            } else if lang == "zh" {
                format!("普通文字{n}")
            } else {
                format!("Plain text {n}")
            };
            Slot { hostile, plain }
        };
        let topic = slot(&mut rng);
        let group_count = 1 + rng.below(3);
        let mut people = Vec::new();
        let mut groups = Vec::new();
        for _ in 0..group_count {
            let members: Vec<usize> = (0..4 + rng.below(3))
                .map(|_| {
                    people.push(slot(&mut rng));
                    people.len() - 1
                })
                .collect();
            let name = slot(&mut rng);
            let question = slot(&mut rng);
            groups.push((name, members, question));
        }
        let stage = 3 + rng.below(3) as u32;
        let mut sessions = Vec::new();
        let mut session = |rng: &mut Rng, stem: String, kind, date: String, days, groups: Vec<usize>| {
            let title = slot(rng);
            let objectives = (0..1 + rng.below(2)).map(|_| slot(rng)).collect();
            SessionPlan {
                stem,
                kind,
                date,
                days,
                title,
                groups,
                objectives,
            }
        };
        sessions.push(session(
            &mut rng,
            "2026-03-02-kickoff".into(),
            "kickoff",
            "2026-03-02".into(),
            "0.5",
            vec![],
        ));
        sessions.push(session(
            &mut rng,
            "2026-03-16-workshop-1".into(),
            "workshop",
            "2026-03-16".into(),
            "2",
            vec![],
        ));
        for g in 0..group_count {
            for m in 0..1 + rng.below(3) {
                let date = format!("2026-04-{:02}", 13 + m * 7 + g);
                let days = ["0.5", "1"][rng.below(2)];
                sessions.push(session(
                    &mut rng,
                    format!("{date}-g{}-meeting", g + 1),
                    "group-meeting",
                    date,
                    days,
                    vec![g],
                ));
            }
        }
        let with: Vec<usize> = (0..group_count).filter(|_| rng.chance(70)).collect();
        if !with.is_empty() {
            sessions.push(session(
                &mut rng,
                "2026-04-10-survey".into(),
                "activity",
                "2026-04-10".into(),
                "1",
                with,
            ));
        }
        if stage >= 4 {
            sessions.push(session(
                &mut rng,
                "2026-08-24-review".into(),
                "review",
                "2026-08-24".into(),
                "0.5",
                vec![],
            ));
        }
        Plan {
            lang,
            stage,
            topic,
            people,
            groups,
            sessions,
        }
    }

    /// The tasks the gantt must have in each lane after the six steps: the
    /// whole-program lane, then each group's.
    fn lanes(&self) -> Vec<usize> {
        let program = self.sessions.iter().filter(|s| s.groups.is_empty()).count();
        let mut out = vec![program];
        for g in 0..self.groups.len() {
            out.push(self.sessions.iter().filter(|s| s.groups.contains(&g)).count());
        }
        out
    }

    /// Writes the program into `dir` with hostile or plain texts.
    fn write(&self, dir: &Path, hostile: bool) {
        let t = |s: &Slot| q(if hostile { &s.hostile } else { &s.plain });
        let id = |p: usize| format!("p{}", p + 1);
        std::fs::create_dir_all(dir.join("sessions")).expect("mkdir");
        std::fs::create_dir_all(dir.join("subtopics")).expect("mkdir");
        let topic = format!(
            "title: {}\nkind: problem\nstatement: 一个需要解决的问题。\nsource: benchmark-gap\n\
             criteria: {{ important: 重要, difficult: 困难, feasible: 可行, learning: 可学 }}\n\
             convener: {{ name: {}, title: 副总经理 }}\nmode: topic-first\n\
             sponsor: {{ name: {}, title: 总经理, commitment: 参加评审 }}\n\
             start: 2026-03-01\nend: 2026-12-31\nstage: {}\n",
            t(&self.topic),
            t(&self.people[0]),
            t(&self.people[self.people.len() - 1]),
            self.stage
        );
        put(&dir.join("topic.yaml"), &topic);
        let mut team = String::from("people:\n");
        for (i, p) in self.people.iter().enumerate() {
            let _ = writeln!(
                team,
                "  - {{ id: {}, name: {}, department: 研发中心, level: 员工, consent: 2026-02-20 }}",
                id(i),
                t(p)
            );
        }
        team.push_str("facilitators:\n  - { id: f1, name: 赵敏, level: senior }\ngroups:\n");
        for (g, (name, members, _)) in self.groups.iter().enumerate() {
            let ids: Vec<String> = members.iter().map(|m| id(*m)).collect();
            let _ = write!(
                team,
                "  - id: g{}\n    name: {}\n    focus: 重点\n    leader: {}\n    learning_officers: [{}]\n    facilitator: f1\n    members: [{}]\n",
                g + 1,
                t(name),
                ids[0],
                ids[1],
                ids.join(", ")
            );
        }
        put(&dir.join("team.yaml"), &team);
        for (g, (_, members, question)) in self.groups.iter().enumerate() {
            let sub = format!(
                "question: {}\ngroup: g{}\nowner: {}\ndefined: 2026-03-16\nstatus: active\n\
                 analysis:\n  symptoms: [症状]\n  problems: [问题]\n  causes: [原因]\n  countermeasures: [对策]\n",
                t(question),
                g + 1,
                id(members[0])
            );
            put(&dir.join("subtopics").join(format!("s{}.yaml", g + 1)), &sub);
        }
        for s in &self.sessions {
            let mut text = format!(
                "kind: {}\ntitle: {}\ndate: {}\ndays: {}\nfacilitator: f1\n",
                s.kind,
                t(&s.title),
                s.date,
                s.days
            );
            if !s.groups.is_empty() {
                let ids: Vec<String> = s.groups.iter().map(|g| format!("g{}", g + 1)).collect();
                let _ = writeln!(text, "groups: [{}]", ids.join(", "));
            }
            if s.kind == "activity" {
                text.push_str("activity: survey\n");
            }
            text.push_str("objectives:\n");
            for o in &s.objectives {
                let _ = writeln!(text, "  - {}", t(o));
            }
            put(&dir.join("sessions").join(format!("{}.yaml", s.stem)), &text);
        }
    }

    /// Every hostile text, for a failure's message.
    fn texts(&self) -> String {
        let mut all = vec![&self.topic];
        all.extend(&self.people);
        for (n, _, q) in &self.groups {
            all.push(n);
            all.push(q);
        }
        for s in &self.sessions {
            all.push(&s.title);
            all.extend(&s.objectives);
        }
        let list: Vec<String> = all.iter().map(|s| format!("{:?}", s.hostile)).collect();
        list.join(", ")
    }
}

/// A block of the Markdown structure that escaping must keep.
#[derive(Debug, PartialEq, Eq)]
enum Block {
    /// A heading of this level.
    Heading(u8),
    /// A table: columns, and rows (the header row included).
    Table(usize, usize),
    /// A fenced code block with this info string.
    Code(String),
}

/// The headings, tables and code blocks of a Markdown document, in order.
fn structure(markdown: &str) -> Vec<Block> {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = Vec::new();
    for e in Parser::new_ext(markdown, options) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => out.push(Block::Heading(level as u8)),
            Event::Start(Tag::Table(aligns)) => out.push(Block::Table(aligns.len(), 0)),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(Block::Table(_, rows)) =
                    out.iter_mut().rev().find(|b| matches!(b, Block::Table(..)))
                {
                    *rows += 1;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => out.push(Block::Code(match kind {
                CodeBlockKind::Fenced(info) => info.to_string(),
                CodeBlockKind::Indented => "(indented)".to_string(),
            })),
            _ => {}
        }
    }
    out
}

/// The first difference of two structures, in words.
fn first_difference(plain: &[Block], hostile: &[Block]) -> String {
    let at = plain.iter().zip(hostile).take_while(|(a, b)| a == b).count();
    format!(
        "block {at}: plain {:?}, hostile {:?} ({} and {} blocks)",
        plain.get(at),
        hostile.get(at),
        plain.len(),
        hostile.len()
    )
}

/// Keeps a failing program, hostile and plain, with their Markdown reports
/// in target/hostile-programs/ for review.
fn keep(hostile: &Path, plain: &Path, lang: &str) {
    let to = keep_dir("hostile-programs");
    for dir in [hostile, plain] {
        let name = dir.file_name().expect("name");
        let copy = to.join(name);
        let _ = std::fs::remove_dir_all(&copy);
        copy_dir(dir, &copy);
        let _ = std::fs::write(copy.join("report.md"), markdown(dir, lang));
    }
}

/// The report of a program written to `dir`, as Markdown, through the library.
fn markdown(dir: &Path, lang: &str) -> String {
    let lang = if lang == "zh" {
        al::config::Lang::Zh
    } else {
        al::config::Lang::En
    };
    let today = al::dates::parse_date(TODAY).expect("date");
    al::report::report(dir, Some(lang), today, None).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

#[test]
fn two_hundred_hostile_programs() {
    let tmp = tempfile::tempdir().expect("tmp");
    // A git root marker: no al.toml above the programs applies.
    std::fs::create_dir_all(tmp.path().join(".git")).expect("git marker");
    let mut failures = Vec::new();
    let mut gantts = Vec::new();
    let mut html_files: Vec<PathBuf> = Vec::new();
    let mut plans = Vec::new();
    for i in 0..PROGRAMS {
        let plan = Plan::new(SEED + i);
        let hostile_dir = tmp.path().join(format!("p{i:03}"));
        let plain_dir = tmp.path().join(format!("p{i:03}-plain"));
        plan.write(&hostile_dir, true);
        plan.write(&plain_dir, false);
        let why = |what: String| {
            format!(
                "program {i} (seed {}), {what}\n  texts: {}",
                SEED + i,
                plan.texts()
            )
        };

        // (b) The Markdown keeps its structure.
        let md = markdown(&hostile_dir, plan.lang);
        let plain = structure(&markdown(&plain_dir, plan.lang));
        let hostile = structure(&md);
        if plain != hostile {
            failures.push(why(format!(
                "Markdown structure: {}",
                first_difference(&plain, &hostile)
            )));
            keep(&hostile_dir, &plain_dir, plan.lang);
        }
        let blocks = mermaid_blocks(&md);
        if blocks.len() != 1 {
            failures.push(why(format!("{} Mermaid blocks instead of 1", blocks.len())));
        }
        gantts.extend(blocks.into_iter().take(1).map(|b| (i.to_string(), b)));

        // (a) The HTML report carries no script of the titles.
        let path = shown(&hostile_dir);
        let html = al(&[
            "report", &path, "--format", "html", "--lang", plan.lang, "--today", TODAY,
        ]);
        if html.to_ascii_lowercase().contains("<script") {
            failures.push(why("the HTML report has a <script> element".into()));
        }
        let f = tmp.path().join(format!("report-{i:03}.html"));
        std::fs::write(&f, html).expect("write");
        html_files.push(f);
        plans.push(plan);
    }

    // (c) Every gantt parses and keeps every task, in one Node.js process.
    if have("two_hundred_hostile_programs (Mermaid)", &[mermaid_tool()]) {
        let parsed = mermaid_parse(&gantts);
        for (p, (name, text)) in parsed.iter().zip(&gantts) {
            let i: usize = name.parse().expect("index");
            let plan = &plans[i];
            let why = |what: String| {
                format!(
                    "program {i} (seed {}), gantt: {what}\n{text}\n  texts: {}",
                    SEED + i as u64,
                    plan.texts()
                )
            };
            if !p.ok || p.kind.as_deref() != Some("gantt") {
                failures.push(why(format!("does not parse: {:?}", p.error)));
                continue;
            }
            let want = plan.lanes();
            let steps = p
                .tasks
                .iter()
                .take_while(|t| Some(&t.section) == p.sections.first())
                .count();
            let tasks = p.tasks.len() - steps;
            if tasks != want.iter().sum::<usize>() || p.sections.len() != 1 + want.len() {
                failures.push(why(format!(
                    "{tasks} tasks in {} lanes, the program has {want:?}",
                    p.sections.len().saturating_sub(1)
                )));
                continue;
            }
            let distinct: std::collections::BTreeSet<&String> = p.sections.iter().collect();
            if distinct.len() == p.sections.len() && p.tasks_per_section()[1..] != want[..] {
                failures.push(why(format!(
                    "tasks per lane {:?}, the program has {want:?}",
                    &p.tasks_per_section()[1..]
                )));
            }
        }
    }

    // (a) The HTML reports are valid HTML, in one Java process.
    if have("two_hundred_hostile_programs (Nu HTML checker)", &[vnu_tool()]) {
        for e in vnu(&html_files) {
            failures.push(format!("{}: {}", e.file, e.message));
        }
    }

    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
