//! Reports and agendas: snapshots of what people hand out, in both languages.

mod common;

use al::config::Lang;
use std::path::Path;

fn today() -> al::model::Date {
    al::dates::parse_date("2026-09-30").expect("date")
}

const EXAMPLES: [(&str, &str); 2] = [
    ("talent_retention", "examples/talent-retention"),
    ("complaint_resolution", "examples/complaint-resolution"),
];

#[test]
fn reports_of_the_examples_in_both_languages() {
    for (name, dir) in EXAMPLES {
        for lang in [Lang::Zh, Lang::En] {
            let text = al::report::report(Path::new(dir), Some(lang), today(), None).expect("renders");
            insta::assert_snapshot!(format!("report_{name}_{}", lang.as_str()), text);
        }
    }
}

/// The first session file of each kind (and the first follow-up workshop).
fn one_of_each_kind(dir: &str) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(dir).join("sessions"))
        .expect("sessions")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut workshops = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let kind = text
            .lines()
            .find_map(|l| l.strip_prefix("kind: "))
            .map(str::trim)
            .unwrap_or("")
            .to_string();
        let key = if kind == "workshop" {
            workshops += 1;
            if workshops == 1 {
                "workshop-first".to_string()
            } else {
                "workshop-follow-up".to_string()
            }
        } else {
            kind
        };
        if seen.insert(key.clone()) {
            out.push((key, f.to_string_lossy().into_owned()));
        }
    }
    out
}

#[test]
fn agendas_of_every_kind_in_both_languages() {
    for (name, dir) in EXAMPLES {
        let kinds = one_of_each_kind(dir);
        assert!(kinds.len() >= 4, "{dir} should show several kinds: {kinds:?}");
        for (kind, file) in kinds {
            for lang in [Lang::Zh, Lang::En] {
                let text = al::report::agenda(Path::new(&file), Some(lang), today()).expect("renders");
                insta::assert_snapshot!(format!("agenda_{name}_{kind}_{}", lang.as_str()), text);
            }
        }
    }
}

#[test]
fn the_report_language_follows_flag_config_and_title() {
    let zh = al::report::report(Path::new("examples/talent-retention"), None, today(), None).expect("zh");
    assert!(
        zh.contains("## 一、项目阶段"),
        "a Chinese title gives a Chinese report"
    );
    let en = al::report::report(Path::new("examples/complaint-resolution"), None, today(), None).expect("en");
    assert!(
        en.contains("## 1. Stage"),
        "an English title gives an English report"
    );
}

#[test]
fn rendering_is_deterministic() {
    let a = al::report::report(Path::new("examples/talent-retention"), None, today(), None).expect("a");
    let b = al::report::report(Path::new("examples/talent-retention"), None, today(), None).expect("b");
    assert_eq!(a, b);
}

#[test]
fn the_context_has_the_documented_keys() {
    let (ctx, _) =
        al::report::report_context(Path::new("examples/talent-retention"), None, today(), None).expect("ctx");
    for key in [
        "topic",
        "team",
        "subtopics",
        "sessions",
        "actions",
        "findings",
        "today",
        "lang",
        "stage",
        "gantt",
        "groups",
        "participation",
        "action_owners",
        "action_totals",
        "open_actions",
        "budget",
        "check",
        "labels",
        "program",
        "program_title",
        "convener_display",
        "sponsor_display",
        "advice",
    ] {
        assert!(ctx.get(key).is_some(), "context lacks `{key}`");
    }
    assert_eq!(ctx["topic"]["title"], "如何降低优秀人才流失率");
    assert_eq!(ctx["lang"], "zh");
    let dates: Vec<&str> = ctx["sessions"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["date"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "sessions sorted by date");
    assert_eq!(ctx["team"]["people"][0]["id"], "zhang");
    assert_eq!(ctx["sessions"][0]["group_names"][0], "第一组");
    assert_eq!(ctx["groups"][0]["display_name"], "第一组");
    assert_eq!(ctx["budget"]["categories"][0]["items"][0]["item"], "外部专家辅导");
}

#[test]
fn a_session_s_own_agenda_keeps_its_items_owners_and_minutes() {
    let file = "examples/talent-retention/sessions/2026-05-25-g1-meeting.yaml";
    let text = al::report::agenda(Path::new(file), Some(Lang::Zh), today()).expect("renders");
    insta::assert_snapshot!("agenda_talent_retention_own_agenda_zh", text);
    assert!(text.contains("| 09:00–09:20 | 明确会议内容、目标与方法 | 张伟 |"));
    assert!(text.contains("| 12:00–13:00 | *午餐* |  |"));
}

/// The agenda of `session` in talent-retention after `edit` changed its
/// files ([`common::agenda_of`]).
fn agenda_of_edited(
    session: &str,
    lang: Lang,
    edit: impl Fn(&str, &mut String),
) -> (serde_json::Value, String) {
    common::agenda_of("examples/talent-retention", session, lang, edit)
}

const REVIEW: &str = "sessions/2026-08-24-review.yaml";
const FIRST_WORKSHOP: &str = "sessions/2026-03-16-workshop-1.yaml";

#[test]
fn an_agenda_names_its_program() {
    let (ctx, text) = agenda_of_edited(REVIEW, Lang::Zh, |_, _| {});
    assert_eq!(ctx["program_title"], "如何降低优秀人才流失率");
    assert!(
        text.contains("\n\n行动学习项目：如何降低优秀人才流失率\n\n"),
        "{text}"
    );
    let (_, text) = agenda_of_edited(REVIEW, Lang::En, |_, _| {});
    assert!(
        text.contains("Action learning program: 如何降低优秀人才流失率"),
        "{text}"
    );
}

#[test]
fn each_day_of_a_workshop_is_dated_and_a_half_day_too() {
    let (ctx, text) = agenda_of_edited(FIRST_WORKSHOP, Lang::Zh, |rel, text| {
        if rel == FIRST_WORKSHOP {
            *text = text.replace("days: 2", "days: 1.5");
        }
    });
    let days: Vec<(u64, &str, bool)> = ctx["calendar"]
        .as_array()
        .expect("calendar")
        .iter()
        .map(|d| {
            (
                d["day"].as_u64().expect("day"),
                d["date"].as_str().expect("date"),
                d["half"].as_bool().expect("half"),
            )
        })
        .collect();
    assert_eq!(days, [(1, "2026-03-16", false), (2, "2026-03-17", true)]);
    assert_eq!(ctx["end_date"], "2026-03-17");
    assert!(text.contains("| 日期 | 2026-03-16 至 2026-03-17 |"), "{text}");
    assert!(text.contains("**第 1 天：2026-03-16（星期一）**"), "{text}");
    assert!(text.contains("**第 2 天：2026-03-17（星期二，半天）**"), "{text}");
    let (_, text) = agenda_of_edited(FIRST_WORKSHOP, Lang::En, |_, _| {});
    assert!(text.contains("**Day 2: Tuesday 2026-03-17**"), "{text}");
}

/// The owner of each row whose item contains `item`.
fn owner_of<'a>(ctx: &'a serde_json::Value, item: &str) -> &'a str {
    ctx["agenda"]
        .as_array()
        .expect("agenda")
        .iter()
        .find(|r| r["item"].as_str().is_some_and(|i| i.contains(item)))
        .and_then(|r| r["owner"].as_str())
        .unwrap_or_else(|| panic!("no row {item}"))
}

#[test]
fn the_standard_agenda_s_owners_come_from_the_session_s_roles() {
    let (ctx, _) = agenda_of_edited(REVIEW, Lang::Zh, |_, _| {});
    assert_eq!(owner_of(&ctx, "评审说明"), "王建国", "the convener");
    assert_eq!(owner_of(&ctx, "第一组汇报"), "张伟", "the group's leader");
    assert_eq!(owner_of(&ctx, "第二组汇报"), "周敏", "the group's leader");
    assert_eq!(owner_of(&ctx, "质询与点评"), "钱卫东", "the facilitator");
    assert_eq!(owner_of(&ctx, "评审与决策"), "李明", "the sponsor");
    let meeting = "sessions/2026-03-30-g1-meeting.yaml";
    let (ctx, _) = agenda_of_edited(meeting, Lang::Zh, |_, _| {});
    assert_eq!(owner_of(&ctx, "回顾总结"), "李娜", "the learning officer on duty");
    assert_eq!(owner_of(&ctx, "制定下一步行动计划"), "张伟", "the group's leader");
    assert_eq!(owner_of(&ctx, "集体研讨"), "赵敏", "the facilitator");
}

#[test]
fn an_item_with_no_known_owner_stays_blank() {
    let (ctx, _) = agenda_of_edited(REVIEW, Lang::Zh, |rel, text| {
        if rel == "topic.yaml" {
            *text = text.replace("convener: { name: 王建国, title: 副总经理 }\n", "");
        }
        if rel == REVIEW {
            *text = text.replace("facilitator: qian\n", "");
        }
    });
    assert_eq!(owner_of(&ctx, "评审说明"), "", "no convener");
    assert_eq!(
        owner_of(&ctx, "质询与点评"),
        "",
        "no facilitator (the groups have two)"
    );
    assert_eq!(owner_of(&ctx, "评审与决策"), "李明");
}

#[test]
fn a_review_agenda_lists_its_panel_by_name_and_title() {
    let (ctx, text) = agenda_of_edited(REVIEW, Lang::Zh, |rel, text| {
        if rel == REVIEW {
            text.push_str("panel: [王建国, 外部专家李教授, zhao, 刘教授]\nguests: [yang]\n");
        }
    });
    assert!(
        text.contains(
            "## 评审组\n\n| 姓名 | 职务／单位 |\n|---|---|\n| 王建国 | 副总经理 |\n| 外部专家李教授 | — |\n| 赵敏 | 促进师 |\n| 刘教授 | 某大学管理学院 |\n| 李明 | 总经理 |\n"
        ),
        "{text}"
    );
    assert_eq!(ctx["panel"].as_array().map(Vec::len), Some(5), "王建国 once");
    assert!(text.contains("| 来宾 | 杨帆（研发中心） |"), "{text}");
    let (_, text) = agenda_of_edited(REVIEW, Lang::En, |_, _| {});
    assert!(
        text.contains(
            "## Review panel\n\n| Name | Title or organisation |\n|---|---|\n| 李明 | 总经理 |\n| 王建国 | 副总经理 |\n"
        ),
        "{text}"
    );
}

#[test]
fn workshop_agendas_end_with_the_arrangements_until_the_next_gathering() {
    for (file, lang, item) in [
        (
            "sessions/2026-03-02-kickoff.yaml",
            Lang::Zh,
            "下一阶段（两次活动之间）的学习与工作安排",
        ),
        (
            FIRST_WORKSHOP,
            Lang::Zh,
            "下一阶段（两次活动之间）的学习与工作安排",
        ),
        (
            "sessions/2026-05-11-workshop-2.yaml",
            Lang::En,
            "Arrangements until the next gathering (learning and work)",
        ),
    ] {
        let (ctx, _) = agenda_of_edited(file, lang, |_, _| {});
        let items: Vec<&str> = ctx["agenda"]
            .as_array()
            .expect("agenda")
            .iter()
            .filter(|r| r["kind"] == "item")
            .filter_map(|r| r["item"].as_str())
            .collect();
        let at = items.iter().position(|i| *i == item);
        assert!(at.is_some_and(|at| at + 2 >= items.len()), "{file}: {items:?}");
    }
    let (ctx, _) = agenda_of_edited("sessions/2026-03-30-g1-meeting.yaml", Lang::Zh, |_, _| {});
    assert!(
        !ctx["agenda"].to_string().contains("下一阶段"),
        "not in a group meeting"
    );
}

/// HTML agendas: a workshop and a review, in both languages.
#[test]
fn html_agendas_of_a_workshop_and_a_review_in_both_languages() {
    for (kind, file) in [("workshop-first", FIRST_WORKSHOP), ("review", REVIEW)] {
        for lang in [Lang::Zh, Lang::En] {
            let path = Path::new("examples/talent-retention").join(file);
            let html = al::report::agenda_as(al::report::DocFormat::Html, &path, Some(lang), today())
                .expect("renders");
            assert!(html.starts_with("<!doctype html>\n"), "{html}");
            for outside in [
                "<script", "http:", "https:", "url(", "@import", "<link", "<img", "src=",
            ] {
                assert!(!html.contains(outside), "{file} {lang:?} has {outside}");
            }
            assert!(html.contains("size: A4"), "prints to A4");
            insta::assert_snapshot!(
                format!("agenda_html_talent_retention_{kind}_{}", lang.as_str()),
                html
            );
        }
    }
}

/// What the program's files say is text in an HTML agenda, never markup.
#[test]
fn an_html_agenda_escapes_the_files_text() {
    let mut files = common::texts("examples/talent-retention");
    for (rel, text) in &mut files {
        if rel == REVIEW {
            *text = text.replace(
                "title: 初步方案评审会",
                "title: '评审 <script>x</script> & \"y\"'",
            );
            text.push_str("panel: ['<b>王</b>']\n");
        }
    }
    let program = al::load::program_from_texts("p", &files);
    let index = program
        .sessions
        .iter()
        .position(|s| program.files[s.file].rel == REVIEW)
        .expect("the session");
    let ctx = al::report::agenda::context(&program, index, Lang::Zh, today());
    let engine = al::report::engine(Lang::Zh, None).expect("engine");
    let html = al::report::render(&engine, "agenda.html.tera", &ctx, None).expect("renders");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("<h1>评审 &lt;script&gt;x&lt;"), "{html}");
    assert!(html.contains("&amp; &quot;y&quot;</h1>"), "{html}");
    assert!(html.contains("<td>&lt;b&gt;王&lt;"), "{html}");
}

/// A program in memory, reported at `today` (no findings).
fn report_of(files: &[(&str, &str)], lang: Lang, today: &str) -> String {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let p = al::load::program_from_texts("p", &files);
    let today = al::dates::parse_date(today).expect("date");
    let ctx = al::report::context::report(
        &p,
        &al::config::Limits::default(),
        lang,
        today,
        &[],
        &al::check::Summary::default(),
        None,
    );
    let engine = al::report::engine(lang, None).expect("engine");
    al::report::render(&engine, "report.md.tera", &ctx, None).expect("renders")
}

/// The text of a report before its appendix, where a person reads names.
fn body(report: &str) -> &str {
    let end = report
        .find("## 九、附录")
        .or_else(|| report.find("## 9. Appendix"))
        .expect("appendix");
    &report[..end]
}

const TEAM: &str = "people:
  - { id: p1, name: 陈志远, consent: 2026-02-20 }
  - { id: p2, name: 林晓, consent: 2026-02-18 }
  - { id: p3, name: 周文 }
  - { id: p4, name: 孙敏 }
groups:
  - { id: grp-a, name: 普惠小组, leader: p1, members: [p1, p2, p3, p4] }
";

const TOPIC: &str = "title: 如何提升普惠贷款审批效率
start: 2026-03-01
stage: 3
convener: { name: 陈志远, title: 副行长（分管普惠金融） }
sponsor: { name: Chen, title: VP (inclusive finance) }
budget:
  - { item: 专家辅导, category: experts, planned: 1000, spent: 500 }
  - { item: 外部课程, category: training, planned: 300, spent: 100 }
  - { item: 内部讲师, category: training, planned: 200, spent: 200 }
";

#[test]
fn a_person_reads_names_not_ids() {
    let files = [
        ("topic.yaml", TOPIC),
        ("team.yaml", TEAM),
        (
            "subtopics/old-q.yaml",
            "question: 旧问题\ngroup: grp-a\nowner: p2\nstatus: replaced\nanalysis: { symptoms: [x] }\n",
        ),
        (
            "subtopics/new-q.yaml",
            "question: 新问题\ngroup: grp-a\nowner: p1\nreplaces: old-q\nproposal: { summary: s, review: { date: 2026-03-20, by: [p1], decision: approved } }\n",
        ),
        (
            "sessions/m.yaml",
            "kind: group-meeting\ndate: 2026-03-10\ngroups: [grp-a]\n",
        ),
    ];
    for lang in [Lang::Zh, Lang::En] {
        let text = report_of(&files, lang, "2026-03-30");
        let body = body(&text);
        for id in ["grp-a", "old-q", "p1", "p2"] {
            assert!(!body.contains(id), "{id} is shown before the appendix:\n{body}");
        }
        assert!(body.contains("普惠小组"), "{body}");
        let appendix = &text[body.len()..];
        for id in [
            "| grp-a | 普惠小组 |",
            "| p1 | 陈志远 |",
            "| old-q | 旧问题 | subtopics/old-q.yaml |",
        ] {
            assert!(appendix.contains(id), "{id} is not in the appendix:\n{appendix}");
        }
    }
}

#[test]
fn brackets_never_nest() {
    let zh = report_of(&[("topic.yaml", TOPIC)], Lang::Zh, "2026-03-30");
    assert!(zh.contains("| 召集人 | 陈志远，副行长（分管普惠金融） |"), "{zh}");
    assert!(!zh.contains("（副行长（"), "{zh}");
    let en = report_of(&[("topic.yaml", TOPIC)], Lang::En, "2026-03-30");
    assert!(en.contains("| Sponsor | Chen, VP (inclusive finance) |"), "{en}");
}

#[test]
fn step_dates_come_from_the_record() {
    let kickoff = ("sessions/k.yaml", "kind: kickoff\ndate: 2026-03-02\n");
    let files = [("topic.yaml", TOPIC), ("team.yaml", TEAM), kickoff];
    let text = report_of(&files, Lang::Zh, "2026-03-30");
    assert!(text.contains("| 1 | 选定主题 | 已完成 | — |"), "{text}");
    assert!(
        text.contains("| 2 | 组建团队 | 已完成 | 2026-02-18 至 2026-03-02 |"),
        "step 2 starts at the first consent:\n{text}"
    );
    assert!(text.contains("| 3 | 开展团队学习与工作 | **进行中** | 2026-03-02 至 2026-03-30 |"));
    let no_consent = report_of(&[("topic.yaml", TOPIC), kickoff], Lang::Zh, "2026-03-30");
    assert!(
        no_consent.contains("| 2 | 组建团队 | 已完成 | — 至 2026-03-02 |"),
        "{no_consent}"
    );
    let early = report_of(&files, Lang::Zh, "2026-02-25");
    assert!(early.contains("项目尚未开始（定于 2026-03-01 开始）"), "{early}");
    let stage =
        &early[early.find("## 一、项目阶段").expect("stage")..early.find("## 二、主题").expect("topic")];
    for shown in ["已完成", "进行中", "2026-02-18"] {
        assert!(!stage.contains(shown), "{shown} before the start:\n{stage}");
    }
}

#[test]
fn held_sessions_show_their_decisions_learning_and_notes() {
    let notes = "会议".repeat(60);
    let session = format!(
        "kind: group-meeting\ntitle: 第一次小组会议\ndate: 2026-03-10\ngroups: [grp-a]\nlearning:\n  - {{ title: 《行动学习》第一章, by: p2 }}\ndecisions: [先做调研]\nnotes: |\n  {notes}\n"
    );
    let files = [
        ("topic.yaml", TOPIC),
        ("team.yaml", TEAM),
        ("sessions/m.yaml", session.as_str()),
    ];
    let text = report_of(&files, Lang::Zh, "2026-03-30");
    assert!(text.contains("**2026-03-10 第一次小组会议**"), "{text}");
    assert!(text.contains("- 决定：先做调研"), "{text}");
    assert!(
        text.contains("- 学习分享：《行动学习》第一章（林晓分享）"),
        "{text}"
    );
    let short = format!(
        "- 纪要：{}…",
        "会议".repeat(40).chars().take(79).collect::<String>()
    );
    assert!(text.contains(&short), "{text}");
    let planned = report_of(&files, Lang::Zh, "2026-03-05");
    assert!(
        !planned.contains("先做调研"),
        "a session not yet held has no decisions"
    );
}

#[test]
fn the_budget_shows_its_lines_with_subtotals() {
    let text = report_of(&[("topic.yaml", TOPIC)], Lang::Zh, "2026-03-30");
    assert!(text.contains("| 专家 | 专家辅导 | 1,000 | 500 | 50% |"), "{text}");
    assert!(text.contains("| 培训 | 外部课程 | 300 | 100 | 33% |"), "{text}");
    assert!(text.contains("|  | 内部讲师 | 200 | 200 | 100% |"), "{text}");
    assert!(
        text.contains("| | *培训小计* | *500* | *300* | *60%* |"),
        "{text}"
    );
    assert!(
        text.contains("| **合计** | | **1,500** | **800** | **53%** |"),
        "{text}"
    );
}

#[test]
fn a_replaced_subtopic_is_shown_once_with_what_replaced_it() {
    let files = [
        ("team.yaml", TEAM),
        (
            "subtopics/old-q.yaml",
            "question: 旧问题\ngroup: grp-a\nstatus: replaced\nanalysis: { symptoms: [x] }\n",
        ),
        (
            "subtopics/new-q.yaml",
            "question: 新问题\ngroup: grp-a\nreplaces: old-q\n",
        ),
    ];
    let text = report_of(&files, Lang::Zh, "2026-03-30");
    assert!(text.contains("状态：已被“新问题”替换"), "{text}");
    assert!(text.contains("替换了：“旧问题”"), "{text}");
    assert_eq!(text.matches("### 旧问题").count(), 1);
    assert!(
        !text.contains("| 析原因 | — |"),
        "no rows of dashes for it:\n{text}"
    );
    let en = report_of(&files, Lang::En, "2026-03-30");
    assert!(en.contains("Status: replaced by “新问题”"), "{en}");
}

#[test]
fn the_footer_names_the_program_and_the_date() {
    let zh = report_of(&[("topic.yaml", TOPIC)], Lang::Zh, "2026-03-30");
    let footer = zh.lines().last().expect("footer");
    assert!(
        footer.contains("《如何提升普惠贷款审批效率》") && footer.contains("2026-03-30"),
        "{footer}"
    );
    let en = report_of(&[("topic.yaml", TOPIC)], Lang::En, "2026-03-30");
    let footer = en.lines().last().expect("footer");
    assert!(
        footer.contains("如何提升普惠贷款审批效率") && footer.contains("2026-03-30"),
        "{footer}"
    );
}

/// The lines of a Markdown text that open a heading, outside code blocks.
fn headings(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.starts_with("```") {
                fenced = !fenced;
            }
            !fenced && l.starts_with('#')
        })
        .collect()
}

#[test]
fn hostile_values_keep_the_markdown_structure() {
    let hostile = [
        (
            "topic.yaml",
            "title: \"A | B\\n## injected\"\nstart: 2026-03-01\nstage: 3\nstatement: \"line\\n# x\"\n",
        ),
        ("team.yaml", TEAM),
        (
            "subtopics/q.yaml",
            "question: \"How?\\n## Not a heading\"\ngroup: grp-a\nresults: { adopted: [\"rule\\n# x\"] }\n",
        ),
        (
            "sessions/m.yaml",
            "kind: group-meeting\ntitle: \"a | b\"\ndate: 2026-03-10\ngroups: [grp-a]\ndecisions: [\"go\\n# x\", \"- y\"]\nobjectives: [\"\\n# x\"]\n",
        ),
    ];
    let plain = [
        (
            "topic.yaml",
            "title: A B\nstart: 2026-03-01\nstage: 3\nstatement: line\n",
        ),
        ("team.yaml", TEAM),
        (
            "subtopics/q.yaml",
            "question: How?\ngroup: grp-a\nresults: { adopted: [rule] }\n",
        ),
        (
            "sessions/m.yaml",
            "kind: group-meeting\ntitle: a b\ndate: 2026-03-10\ngroups: [grp-a]\ndecisions: [go, y]\n",
        ),
    ];
    for lang in [Lang::Zh, Lang::En] {
        let bad = report_of(&hostile, lang, "2026-03-30");
        let good = report_of(&plain, lang, "2026-03-30");
        assert_eq!(headings(&bad).len(), headings(&good).len(), "{bad}");
        let rows = |t: &str| t.lines().filter(|l| l.starts_with('|')).count();
        assert_eq!(rows(&bad), rows(&good), "{bad}");
        assert!(bad.contains("| a \\| b |"), "{bad}");
        assert!(
            bad.contains("- 决定：go # x") || bad.contains("- Decided: go # x"),
            "{bad}"
        );
        assert!(bad.contains("：\\- y") || bad.contains(": \\- y"), "{bad}");
        let cells = |t: &str| -> Vec<usize> {
            t.lines()
                .filter(|l| l.starts_with('|'))
                .map(|l| l.replace("\\|", "").matches('|').count())
                .collect()
        };
        assert_eq!(cells(&bad), cells(&good), "{bad}");
    }
}

/// A title or an objective holding line breaks and Markdown markers stays
/// in its heading or list item of the Markdown agenda.
#[test]
fn a_markdown_agenda_keeps_hostile_text_in_its_place() {
    let (_, text) = agenda_of_edited(REVIEW, Lang::Zh, |rel, text| {
        if rel == REVIEW {
            *text = text.replace("title: 初步方案评审会", "title: \"评审\\n## 不是标题\"");
            *text = text.replace("  - 两个小组汇报初步方案", "  - \"汇报\\n# 也不是标题\"");
        }
    });
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# 评审 ## 不是标题",
            "## 会议目标",
            "## 议程（方案评审标准议程）",
            "## 评审组",
            "## 两次活动之间的学习与工作安排（第三期研讨班，7月6日）",
            "## 待回顾的行动",
            "## 接下来的关键环节（总体行动方案）",
            "## 会议记录"
        ],
        "{text}"
    );
}

/// The text a CommonMark reader shows for a Markdown document: every text
/// and inline-code run, in order, a line per block.
fn shown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let mut out = String::new();
    for e in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Bold and emphasis marks around Chinese labels close where CommonMark
/// lets them (`**进展**：`, not `**进展：**项目`, which a reader shows as
/// literal asterisks): no `**` is left in the text a reader sees, in reports
/// with and without findings and in agendas, in both languages.
#[test]
fn bold_marks_render_as_bold_in_chinese_and_english() {
    let programs = [
        "examples/talent-retention",
        "examples/complaint-resolution",
        "tests/fixtures/AL201/fail",
    ];
    for dir in programs {
        for lang in [Lang::Zh, Lang::En] {
            let text = al::report::report(Path::new(dir), Some(lang), today(), None).expect("renders");
            let shown = shown_text(&text);
            assert!(!shown.contains("**"), "{dir} {lang:?}: literal ** in\n{shown}");
        }
    }
    for (_, dir) in EXAMPLES {
        for (_, file) in one_of_each_kind(dir) {
            for lang in [Lang::Zh, Lang::En] {
                let text = al::report::agenda(Path::new(&file), Some(lang), today()).expect("renders");
                let shown = shown_text(&text);
                assert!(!shown.contains("**"), "{file} {lang:?}: literal ** in\n{shown}");
            }
        }
    }
}

/// The words of a rendered report before its appendix, without its tags,
/// stylesheet and scripts: what a reader sees.
fn seen_text(report: &str) -> String {
    let end = ["九、附录", "9. Appendix"]
        .iter()
        .filter_map(|h| report.find(h))
        .min()
        .expect("appendix");
    let mut text = report[..end].to_string();
    while let (Some(a), Some(b)) = (text.find("<style>"), text.find("</style>")) {
        text.replace_range(a..b + "</style>".len(), " ");
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `id` stands as a word of its own in `text`.
fn has_word(text: &str, id: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    text.match_indices(id)
        .any(|(at, _)| !word(text[..at].chars().next_back()) && !word(text[at + id.len()..].chars().next()))
}

/// A team.yaml that cannot be parsed: the report names it at the top, each
/// section that depends on it says it is left out, and nothing false or
/// any bare id takes the place of names (no "no groups yet", no "6 / 0").
#[test]
fn a_broken_team_file_is_named_and_its_sections_left_out() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("tr");
    common::copy_dir(Path::new("examples/talent-retention"), &dir);
    let team = dir.join("team.yaml");
    let text = std::fs::read_to_string(&team).expect("team.yaml");
    std::fs::write(&team, format!("{text}  - {{ id: x, name: [unclosed\n")).expect("write");
    let ids = [
        "zhang", "li", "wang", "chen", "liu", "yang", "zhou", "wu", "zheng", "sun", "huang", "zhao", "qian",
        "g1", "g2",
    ];
    for lang in [Lang::Zh, Lang::En] {
        for format in [al::report::DocFormat::Markdown, al::report::DocFormat::Html] {
            let report = al::report::report_as(format, &dir, Some(lang), today(), None).expect("renders");
            let what = format!("{lang:?} {format:?}");
            let (notice, omitted) = match lang {
                Lang::Zh => (
                    "以下文件有错误，无法读取：team.yaml。",
                    "team.yaml 有错误，无法读取，本节从略；请先用 al check 修正。",
                ),
                Lang::En => (
                    "these files have errors and cannot be read: team.yaml.",
                    "team.yaml has errors and cannot be read, so this section is left out; fix it first with al check.",
                ),
            };
            let summary = ["## 摘要", "## Summary", "摘要</h2>", "Summary</h2>"]
                .iter()
                .find_map(|h| report.find(h))
                .expect("summary");
            let top = report
                .find(notice)
                .unwrap_or_else(|| panic!("{what}: notice\n{report}"));
            assert!(top < summary, "{what}: the notice comes before the summary");
            // Team, sessions, sub-topics and actions.
            assert_eq!(report.matches(omitted).count(), 4, "{what}\n{report}");
            let seen = seen_text(&report);
            for false_text in ["尚未组建小组", "No groups", "6 / 0"] {
                assert!(!seen.contains(false_text), "{what}: {false_text}\n{seen}");
            }
            for id in ids {
                assert!(!has_word(&seen, id), "{what}: the id {id} is shown\n{seen}");
            }
        }
    }
}

/// A topic.yaml and a session file that cannot be parsed are both named at
/// the top; the stage and topic sections say topic.yaml cannot be read,
/// and a topic.yaml that does not exist is called missing, not unreadable.
#[test]
fn a_broken_topic_or_session_file_is_named_and_a_missing_topic_called_missing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("tr");
    common::copy_dir(Path::new("examples/talent-retention"), &dir);
    for file in ["topic.yaml", "sessions/2026-04-10-survey.yaml"] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, format!("{text}x: [unclosed\n")).expect("write");
    }
    for format in [al::report::DocFormat::Markdown, al::report::DocFormat::Html] {
        let report = al::report::report_as(format, &dir, Some(Lang::Zh), today(), None).expect("renders");
        assert!(
            report.contains("以下文件有错误，无法读取：topic.yaml、sessions/2026-04-10-survey.yaml。"),
            "{report}"
        );
        let omitted = "topic.yaml 有错误，无法读取，本节从略；请先用 al check 修正。";
        assert_eq!(report.matches(omitted).count(), 2, "stage and topic: {report}");
        assert!(!report.contains("第 0 步"), "no step is made up: {report}");
    }
    let zh = report_of(&[("team.yaml", TEAM)], Lang::Zh, "2026-09-30");
    assert!(
        zh.contains("（topic.yaml 缺失。）") && !zh.contains("无法读取"),
        "{zh}"
    );
    let en = report_of(&[("team.yaml", TEAM)], Lang::En, "2026-09-30");
    assert!(
        en.contains("(topic.yaml is missing.)") && !en.contains("cannot be read"),
        "{en}"
    );
}
