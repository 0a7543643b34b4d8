//! The mistakes a Chinese keyboard makes in YAML: each shows as ONE finding
//! at the character itself, naming it and what to type instead, in both
//! languages; the same characters in free text are left alone.

mod common;

use al::config::{Config, Lang};

const BASE: &str = "tests/fixtures/AL002/pass";

fn today() -> al::model::Date {
    al::dates::parse_date("2026-03-20").expect("date")
}

/// The passing program with `from` replaced by `to` in `file`.
fn program_with(file: &str, from: &str, to: &str) -> al::load::Program {
    let mut texts = common::texts(BASE);
    let (_, text) = texts.iter_mut().find(|(r, _)| r == file).expect("file");
    assert!(text.contains(from), "{file} has no `{from}`");
    *text = text.replacen(from, to, 1);
    al::load::program_from_texts(BASE, &texts)
}

/// The human output and the findings as (code, line, column).
fn check(file: &str, from: &str, to: &str, lang: Lang) -> (String, Vec<(&'static str, u32, u32)>) {
    let program = program_with(file, from, to);
    let report = al::check::finish(program, &Config::default(), false, today(), Some(lang));
    let mut summary = al::check::Summary::default();
    summary.add(&report);
    let human = format!(
        "{}{}\n",
        al::output::human::render_program(&report, false),
        al::output::human::summary_line(&summary, lang, false)
    );
    let found = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    (human, found)
}

/// (name, file, from, to, code, line, column)
const CASES: &[(&str, &str, &str, &str, &str, u32, u32)] = &[
    (
        "colon_after_key",
        "topic.yaml",
        "title: ",
        "title：",
        "AL001",
        1,
        6,
    ),
    (
        "colon_after_nested_key",
        "subtopics/onboarding.yaml",
        "owner: li",
        "owner：li",
        "AL001",
        3,
        6,
    ),
    (
        "comma_between_ids",
        "team.yaml",
        "[zhang, li, wang",
        "[zhang, li，wang",
        "AL002",
        13,
        24,
    ),
    (
        "semicolon_between_ids",
        "team.yaml",
        "[zhang, li, wang",
        "[zhang；li, wang",
        "AL002",
        13,
        20,
    ),
    (
        "enumeration_comma_between_ids",
        "team.yaml",
        "[zhang, li, wang",
        "[zhang、li, wang",
        "AL002",
        13,
        20,
    ),
    (
        "square_brackets",
        "team.yaml",
        "[zhang, li, wang, chen]",
        "【zhang, li, wang, chen】",
        "AL002",
        13,
        14,
    ),
    (
        "brackets_around_text_list",
        "sessions/2026-03-02-kickoff.yaml",
        "[明确目标与分工]",
        "【明确目标与分工】",
        "AL002",
        5,
        13,
    ),
    (
        "parentheses_for_a_mapping",
        "topic.yaml",
        "{ name: 王建国, title: 副总经理 }",
        "（name: 王建国, title: 副总经理）",
        "AL001",
        10,
        11,
    ),
    (
        "colon_in_flow_mapping",
        "topic.yaml",
        "{ name: 王建国,",
        "{ name：王建国,",
        "AL002",
        10,
        17,
    ),
    (
        "comma_in_flow_mapping",
        "topic.yaml",
        "{ name: 王建国, title",
        "{ name: 王建国， title",
        "AL001",
        10,
        22,
    ),
    (
        "curly_quotes_around_a_word",
        "sessions/2026-03-02-kickoff.yaml",
        "kind: kickoff",
        "kind: “kickoff”",
        "AL002",
        1,
        7,
    ),
    (
        "curly_quotes_around_an_id",
        "team.yaml",
        "[zhang, li, wang",
        "[“zhang”, li, wang",
        "AL002",
        13,
        15,
    ),
    (
        "ideographic_space_after_colon",
        "sessions/2026-03-02-kickoff.yaml",
        "kind: kickoff",
        "kind:\u{3000}kickoff",
        "AL001",
        1,
        6,
    ),
    (
        "ideographic_space_indent",
        "team.yaml",
        "    leader: zhang",
        "  \u{3000}leader: zhang",
        "AL001",
        10,
        3,
    ),
    (
        "tab_indent",
        "team.yaml",
        "    leader: zhang",
        "  \tleader: zhang",
        "AL001",
        10,
        3,
    ),
];

#[test]
fn each_keyboard_mistake_is_one_finding_at_its_character() {
    let (clean, found) = check(CASES[0].1, "", "", Lang::En);
    assert!(found.is_empty(), "the base program is clean:\n{clean}");
    let mut wrong = Vec::new();
    for &(name, file, from, to, code, line, column) in CASES {
        let (human, found) = check(file, from, to, Lang::En);
        if found != [(code, line, column)] {
            wrong.push(format!("{name}: {found:?}\n{human}"));
            continue;
        }
        insta::assert_snapshot!(format!("{name}_en"), human);
        let (human_zh, found_zh) = check(file, from, to, Lang::Zh);
        assert_eq!(found_zh, found, "{name}: the same finding in Chinese");
        insta::assert_snapshot!(format!("{name}_zh"), human_zh);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_same_characters_in_free_text_are_left_alone() {
    let free = [
        (
            "topic.yaml",
            "title: 如何缩短新员工上手时间",
            "title: 如何：缩短新员工上手时间，提速",
        ),
        (
            "topic.yaml",
            "title: 如何缩短新员工上手时间",
            "title: 【试点】如何缩短新员工上手时间（暂定）",
        ),
        (
            "topic.yaml",
            "title: 如何缩短新员工上手时间",
            "title: “如何”缩短新员工上手时间",
        ),
        (
            "sessions/2026-03-02-kickoff.yaml",
            "[明确目标与分工]",
            "[明确目标，分工；节奏、“规则”]",
        ),
        (
            "topic.yaml",
            "commitment: 每季度听取一次汇报",
            "commitment: 每季度：听取一次汇报，（口头）",
        ),
        (
            "topic.yaml",
            "statement: 新员工",
            "statement: |\n  \u{3000}\u{3000}第一段：说明，\n  \t缩进\n  新员工",
        ),
    ];
    for (file, from, to) in free {
        let (human, found) = check(file, from, to, Lang::En);
        assert!(found.is_empty(), "{to}:\n{human}");
    }
}
