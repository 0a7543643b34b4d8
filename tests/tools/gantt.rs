//! The Mermaid gantt of both examples' reports, in both languages, parses
//! with Mermaid's own parser, compact, and keeps every task it lists.

use crate::support::*;
use crate::validate::{EXAMPLES, TODAY};

/// The text of every ```` ```mermaid ```` block of a Markdown document.
pub fn mermaid_blocks(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for e in Parser::new(markdown) {
        match e {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "mermaid" => {
                current = Some(String::new());
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The task lines of a gantt's text: the lines after the first section that
/// are not sections.
fn task_lines(gantt: &str) -> usize {
    gantt
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("section "))
        .filter(|l| !l.starts_with("section ") && !l.is_empty())
        .count()
}

#[test]
fn example_gantts_parse_with_every_task() {
    if !have("example_gantts_parse_with_every_task", &[mermaid_tool()]) {
        return;
    }
    let mut diagrams = Vec::new();
    for (name, dir) in EXAMPLES {
        for lang in ["zh", "en"] {
            let md = al(&["report", dir, "--lang", lang, "--today", TODAY]);
            let blocks = mermaid_blocks(&md);
            assert_eq!(blocks.len(), 1, "{name} {lang}: one gantt");
            diagrams.extend(blocks.into_iter().map(|b| (format!("{name}-{lang}"), b)));
        }
    }
    for (p, (_, text)) in mermaid_parse(&diagrams).iter().zip(&diagrams) {
        assert!(p.ok, "{}: {:?}", p.name, p.error);
        assert_eq!(p.kind.as_deref(), Some("gantt"), "{}", p.name);
        assert_eq!(p.display_mode.as_deref(), Some("compact"), "{}", p.name);
        assert_eq!(p.tasks.len(), task_lines(text), "{}: tasks lost:\n{text}", p.name);
    }
}

#[test]
fn a_broken_gantt_is_rejected() {
    if !have("a_broken_gantt_is_rejected", &[mermaid_tool()]) {
        return;
    }
    // The parser is real: a task with no data and a task named after a
    // statement are both noticed.
    let broken = "gantt\n    dateFormat YYYY-MM-DD\n    section A\n    no data here\n".to_string();
    let swallowed =
        "gantt\n    dateFormat YYYY-MM-DD\n    section A\n    Title and scope :2026-01-01, 1d\n".to_string();
    let p = mermaid_parse(&[("broken".into(), broken), ("swallowed".into(), swallowed)]);
    assert!(!p[0].ok, "{:?}", p[0]);
    assert!(p[1].ok && p[1].tasks.is_empty(), "{:?}", p[1]);
}
