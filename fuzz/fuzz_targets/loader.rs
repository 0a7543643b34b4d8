//! Text → findings: any file content, parsed as each kind of program file,
//! must give a model or located problems, never a panic, and every location
//! must lie inside the text.
#![no_main]

use al::model::{plan, session, subtopic, team, topic};
use al::model::{Plan, Session, Subtopic, Team, Topic};
use al::yaml::{Parsed, parse};
use libfuzzer_sys::fuzz_target;

fn within<T>(text: &str, parsed: &Parsed<T>) {
    let lines: Vec<&str> = text.split('\n').collect();
    for p in &parsed.problems {
        if p.loc.whole_file {
            continue;
        }
        let line = p.loc.line as usize;
        assert!(line >= 1 && line <= lines.len(), "line {line} outside 1..={} ({})", lines.len(), p.message);
        let width = lines[line - 1].chars().count() + 1;
        assert!(p.loc.column as usize >= 1 && p.loc.column as usize <= width, "column {} outside 1..={width} ({})", p.loc.column, p.message);
        assert!(p.loc.bytes.end <= text.len() && p.loc.bytes.start <= p.loc.bytes.end, "bytes {:?} outside {}", p.loc.bytes, text.len());
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = &al::source::normalize(text);
    within(text, &parse::<Topic>(text, topic::keys));
    within(text, &parse::<Team>(text, team::keys));
    within(text, &parse::<Session>(text, session::keys));
    within(text, &parse::<Subtopic>(text, subtopic::keys));
    within(text, &parse::<Plan>(text, plan::keys));
});
