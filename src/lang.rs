//! Words shown in reports, agendas and comparisons, in Chinese and English:
//! the one place that turns the program's values (step numbers, kinds,
//! statuses) into a language. The data modules (`history`, `report`) keep
//! their values language-neutral and come here for the words.

use crate::config::Lang;
use crate::model::{
    ActionStatus, ActivityKind, BudgetCategory, Decision, FacilitatorLevel, MilestoneKind, SessionKind,
    SubtopicStatus, TopicKind, TopicMode, TopicSource,
};
use crate::yaml::Scalar;
use serde::Serialize;
use std::collections::BTreeMap;

/// A text in both languages, chosen at run time:
/// `tr!(lang, "中文 {x}", "English {x}")` is a `String`. Both texts are
/// required and both are checked against the arguments by `format!`, so a
/// message without its translation does not compile.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal $(, $($args:tt)*)?) => {
        match $lang {
            $crate::config::Lang::Zh => format!($zh $(, $($args)*)?),
            $crate::config::Lang::En => format!($en $(, $($args)*)?),
        }
    };
}

/// The language asked for outright: `--lang`, else the `AL_LANG`
/// environment variable (`zh` or `en`; checked when `al` starts).
pub fn forced(flag: Option<Lang>) -> Option<Lang> {
    flag.or_else(|| std::env::var("AL_LANG").ok().and_then(|v| parse(&v)))
}

/// `zh` or `en` (any case, surrounding space ignored).
pub fn parse(text: &str) -> Option<Lang> {
    match text.trim().to_ascii_lowercase().as_str() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language of the locale: `LC_ALL`, else `LC_MESSAGES`, else `LANG`
/// (the first one set and not empty); Chinese when it starts with `zh`.
pub fn from_locale() -> Option<Lang> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))?;
    Some(if value.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    })
}

/// The language, in this order: `--lang`; `AL_LANG`; al.toml's `lang`; the
/// program's own language (Chinese when its topic's title has Chinese text);
/// the locale; English. `config` and `title` are `None` where there is no
/// al.toml or no program.
pub fn resolve(flag: Option<Lang>, config: Option<Lang>, title: Option<&str>) -> Lang {
    forced(flag)
        .or(config)
        .or_else(|| {
            title.map(|t| {
                if crate::source::has_cjk(t) {
                    Lang::Zh
                } else {
                    Lang::En
                }
            })
        })
        .or_else(from_locale)
        .unwrap_or(Lang::En)
}

/// `one` or `many` by the count, for English nouns ("1 warning", "2 warnings").
pub fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Picks the Chinese or the English text.
pub fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The six steps of the method, 1-based.
pub(crate) fn step_name(lang: Lang, n: i64) -> &'static str {
    match n {
        1 => pick(lang, "选定主题", "Select the topic"),
        2 => pick(lang, "组建团队", "Build the team"),
        3 => pick(lang, "开展团队学习与工作", "Team learning and work"),
        4 => pick(
            lang,
            "初步方案评审与决策",
            "Review of the preliminary solution, and decision",
        ),
        5 => pick(
            lang,
            "方案实施与跟踪评估",
            "Implementation, tracking and evaluation",
        ),
        6 => pick(
            lang,
            "最终成果固化与应用",
            "Consolidation and application of the results",
        ),
        _ => pick(lang, "未注明", "not stated"),
    }
}

/// A session kind.
pub(crate) fn session_kind(lang: Lang, k: SessionKind) -> &'static str {
    match k {
        SessionKind::Kickoff => pick(lang, "启动会议", "Kick-off"),
        SessionKind::Workshop => pick(lang, "研讨班", "Workshop"),
        SessionKind::GroupMeeting => pick(lang, "小组会议", "Group meeting"),
        SessionKind::Activity => pick(lang, "活动", "Activity"),
        SessionKind::Review => pick(lang, "方案评审", "Review"),
        SessionKind::Report => pick(lang, "成果报告", "Results report"),
    }
}

/// A milestone of the overall action plan, in the handbook's words.
pub fn milestone_kind(lang: Lang, k: MilestoneKind) -> &'static str {
    match k {
        MilestoneKind::Research => pick(lang, "调研", "Research"),
        MilestoneKind::Kickoff => pick(lang, "启动会", "Kick-off"),
        MilestoneKind::SubtopicsFixed => pick(lang, "子课题及负责人确定", "Sub-topics and owners fixed"),
        MilestoneKind::Workshop => pick(lang, "研讨会（推进会）", "Workshop"),
        MilestoneKind::GroupMeetings => pick(lang, "小组会议", "Group meetings"),
        MilestoneKind::ProposalSubmitted => {
            pick(lang, "初步形成方案并提交", "Proposal drafted and submitted")
        }
        MilestoneKind::Review => pick(lang, "方案评审", "Review of the proposals"),
        MilestoneKind::Report => pick(lang, "汇报", "Report"),
        MilestoneKind::ImplementationStart => pick(lang, "方案实施", "Implementation starts"),
        MilestoneKind::FinalResults => pick(lang, "最终成果", "Final results"),
    }
}

/// A planned milestone in plain words, as the report's plan names it: its
/// kind (`第二次研讨会` / `Workshop 2` when numbered, `各组小组会议（4月）` /
/// `Group meetings (April)` with its month, `开始实施` / `Implementation
/// starts`); a milestone without a kind is "a milestone".
pub(crate) fn milestone_name(
    lang: Lang,
    kind: Option<MilestoneKind>,
    number: Option<usize>,
    month: Option<i8>,
) -> String {
    use MilestoneKind as K;
    let base = match kind {
        Some(K::Research) => pick(lang, "调研", "Research"),
        Some(K::Kickoff) => pick(lang, "启动会", "Kick-off"),
        Some(K::SubtopicsFixed) => pick(lang, "子课题及负责人确定", "Sub-topics and owners fixed"),
        Some(K::Workshop) => pick(lang, "研讨会", "Workshop"),
        Some(K::GroupMeetings) => pick(lang, "各组小组会议", "Group meetings"),
        Some(K::ProposalSubmitted) => pick(lang, "提交初步方案", "Proposals submitted"),
        Some(K::Review) => pick(lang, "方案评审", "Review"),
        Some(K::Report) => pick(lang, "汇报", "Report"),
        Some(K::ImplementationStart) => pick(lang, "开始实施", "Implementation starts"),
        Some(K::FinalResults) => pick(lang, "最终成果", "Final results"),
        None => pick(lang, "里程碑", "Milestone"),
    };
    let numbered = match (lang, number) {
        (Lang::Zh, Some(n)) => format!("第{}次{base}", crate::new::chinese_number(n)),
        (Lang::En, Some(n)) => format!("{base} {n}"),
        (_, None) => base.to_string(),
    };
    match (lang, month) {
        (Lang::Zh, Some(m)) => format!("{numbered}（{m}月）"),
        (Lang::En, Some(m)) => format!("{numbered} ({})", crate::dates::month_en(m, false)),
        (_, None) => numbered,
    }
}

/// When a milestone is planned, as a reader says it: "5月11日" / "11 May",
/// "5月" / "May" — with the year when it is not `year` (`None`: always with
/// the year, as a table beside other years writes it). The one way rules,
/// reports and agendas say a planned day or month.
pub(crate) fn planned_spoken(lang: Lang, planned: crate::facts::Planned, year: Option<i16>) -> String {
    match planned {
        crate::facts::Planned::Day(d) => {
            crate::dates::spoken(lang, d, year.is_none_or(|y| d.year() != y), false)
        }
        crate::facts::Planned::Month(m) => month_spoken(lang, m, year.is_none_or(|y| m.year != y)),
    }
}

/// A month in words: `4月` / `April`, or with its year `2026年4月` / `April 2026`.
pub(crate) fn month_spoken(lang: Lang, m: crate::dates::Month, with_year: bool) -> String {
    let name = crate::dates::month_en(m.month, false);
    match (lang, with_year) {
        (Lang::Zh, false) => format!("{}月", m.month),
        (Lang::Zh, true) => format!("{}年{}月", m.year, m.month),
        (Lang::En, false) => name.to_string(),
        (Lang::En, true) => format!("{name} {}", m.year),
    }
}

/// A date in a sentence, as a person writes it: `9月14日` / `14 September`,
/// with the year when it is not the year of `today`.
pub(crate) fn day_spoken(lang: Lang, d: crate::model::Date, today: crate::model::Date) -> String {
    crate::dates::spoken(lang, d, d.year() != today.year(), false)
}

/// A number as written, with its unit: `18%`, `3.1 分`, `12` (the same in
/// both languages).
pub(crate) fn amount(x: f64, unit: &str) -> String {
    match unit.trim() {
        "" => format!("{x}"),
        "%" | "％" => format!("{x}%"),
        u => format!("{x} {u}"),
    }
}

/// Chinese text with a space between Chinese characters and Latin letters
/// (`9月7日 Third workshop 决定`, `Alpha 组还没有开过小组会议`), as Chinese
/// typesetting writes them; other languages as they are. The report's
/// summary and the portfolio's sentences are spaced so.
pub(crate) fn spaced(lang: Lang, text: &str) -> String {
    if lang != Lang::Zh {
        return text.to_string();
    }
    let cjk = crate::source::is_cjk;
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev
            && ((cjk(p) && c.is_ascii_alphabetic()) || (p.is_ascii_alphabetic() && cjk(c)))
        {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// An activity outside meetings.
pub fn activity(lang: Lang, a: ActivityKind) -> &'static str {
    match a {
        ActivityKind::Survey => pick(lang, "调查研究", "Survey"),
        ActivityKind::StudyVisit => pick(lang, "外出考察学习", "Study visit"),
        ActivityKind::Training => pick(lang, "学习培训班", "Training course"),
        ActivityKind::Forum => pick(lang, "专题论坛", "Topical forum"),
        ActivityKind::Consultation => pick(lang, "成果报告/征求意见", "Results report and consultation"),
        ActivityKind::Online => pick(lang, "网络学习交流", "Online exchange"),
    }
}

/// An action's status.
pub(crate) fn action_status(lang: Lang, s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => pick(lang, "未完成", "open"),
        ActionStatus::Done => pick(lang, "已完成", "done"),
        ActionStatus::Dropped => pick(lang, "已取消", "dropped"),
    }
}

/// A sub-topic's status.
pub(crate) fn subtopic_status(lang: Lang, s: SubtopicStatus) -> &'static str {
    match s {
        SubtopicStatus::Active => pick(lang, "进行中", "active"),
        SubtopicStatus::Deepened => pick(lang, "已深入", "deepened"),
        SubtopicStatus::Replaced => pick(lang, "已更新（被替换）", "replaced"),
        SubtopicStatus::Done => pick(lang, "已完成", "done"),
    }
}

/// A review decision.
pub fn decision(lang: Lang, d: Decision) -> &'static str {
    match d {
        Decision::Approved => pick(lang, "通过", "approved"),
        Decision::Revise => pick(lang, "修改后再议", "to be revised"),
        Decision::Rejected => pick(lang, "未通过", "rejected"),
    }
}

/// A facilitator's level.
pub(crate) fn facilitator_level(lang: Lang, l: FacilitatorLevel) -> &'static str {
    match l {
        FacilitatorLevel::Junior => pick(lang, "初级", "junior"),
        FacilitatorLevel::Intermediate => pick(lang, "中级", "intermediate"),
        FacilitatorLevel::Senior => pick(lang, "高级", "senior"),
    }
}

/// A budget category.
pub(crate) fn budget_category(lang: Lang, c: BudgetCategory) -> &'static str {
    match c {
        BudgetCategory::Experts => pick(lang, "专家", "Experts"),
        BudgetCategory::Research => pick(lang, "调研", "Research"),
        BudgetCategory::Meetings => pick(lang, "会议", "Meetings"),
        BudgetCategory::Training => pick(lang, "培训", "Training"),
        BudgetCategory::Other => pick(lang, "其他", "Other"),
    }
}

/// What the topic is.
pub(crate) fn topic_kind(lang: Lang, k: TopicKind) -> &'static str {
    match k {
        TopicKind::Problem => pick(lang, "问题", "problem"),
        TopicKind::Task => pick(lang, "任务或挑战", "task or challenge"),
        TopicKind::Project => pick(lang, "项目", "project"),
    }
}

/// Where the topic came from.
pub(crate) fn topic_source(lang: Lang, s: TopicSource) -> &'static str {
    match s {
        TopicSource::StrategicPriority => pick(
            lang,
            "中心工作（领导或战略确定的近期重点工作）",
            "key work set by the leadership or strategy",
        ),
        TopicSource::ReviewFinding => pick(
            lang,
            "检查评估中发现的重点难点问题",
            "a difficulty found in a review or evaluation",
        ),
        TopicSource::BenchmarkGap => pick(
            lang,
            "标杆对比、行业对比和目标现状的差距",
            "a gap found by benchmarking",
        ),
        TopicSource::StakeholderNeed => pick(
            lang,
            "群众或服务对象面临的困难",
            "a difficulty of the people served",
        ),
    }
}

/// Topic first or convener first.
pub(crate) fn topic_mode(lang: Lang, m: TopicMode) -> &'static str {
    match m {
        TopicMode::TopicFirst => pick(
            lang,
            "先选题再确定召集人（推动工作）",
            "topic first, then convener (to push work forward)",
        ),
        TopicMode::ConvenerFirst => pick(
            lang,
            "先确定召集人再选题（领导力发展）",
            "convener first, then topic (leadership development)",
        ),
    }
}

/// A name and a detail about it, e.g. a person and their title:
/// `陈志远（副行长）`, `Chen (VP)`. When the detail has brackets of its own,
/// it follows a comma instead, so that brackets never nest:
/// `陈志远，副行长（分管普惠金融）`, `Chen, VP (inclusive finance)`. An empty
/// detail gives the name alone, an empty name the detail alone.
pub(crate) fn name_with(lang: Lang, name: &str, detail: &str) -> String {
    let (name, detail) = (name.trim(), detail.trim());
    if detail.is_empty() {
        return name.to_string();
    }
    if name.is_empty() {
        return detail.to_string();
    }
    let bracketed = detail
        .chars()
        .any(|c| matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】'));
    match (lang, bracketed) {
        (Lang::Zh, false) => format!("{name}（{detail}）"),
        (Lang::Zh, true) => format!("{name}，{detail}"),
        (Lang::En, false) => format!("{name} ({detail})"),
        (Lang::En, true) => format!("{name}, {detail}"),
    }
}

/// What to do about the findings of one family of rules, as a heading of
/// the report's advice (by the rule's code: AL0xx the files' form, AL1xx
/// the topic, AL2xx the team, AL3xx the sessions, AL4xx the sub-topics,
/// AL5xx–AL6xx the steps, AL7xx the overall action plan, AL9xx al.toml).
pub(crate) fn advice_heading(lang: Lang, family: &str) -> &'static str {
    match family {
        "files" => pick(lang, "修正文件的写法", "Fix how the files are written"),
        "topic" => pick(lang, "补全主题", "Complete the topic"),
        "team" => pick(lang, "调整团队与小组", "Adjust the team and the groups"),
        "sessions" => pick(
            lang,
            "补全会议与活动的记录",
            "Complete the records of the sessions",
        ),
        "subtopics" => pick(lang, "推进子课题", "Move the sub-topics on"),
        "stages" => pick(
            lang,
            "让所报阶段与记录一致",
            "Bring the declared step in line with the record",
        ),
        "plan" => pick(
            lang,
            "对照总体行动方案推进或调整计划",
            "Keep to the overall action plan, or change it",
        ),
        "config" => pick(lang, "修正 al.toml 的设置", "Fix the settings in al.toml"),
        _ => pick(lang, "其他", "Other"),
    }
}

/// A length in days, as words.
pub(crate) fn length(lang: Lang, days: f64) -> String {
    if days == 0.5 {
        return pick(lang, "半天", "half a day").to_string();
    }
    let n = if days.fract() == 0.0 {
        format!("{days:.0}")
    } else {
        format!("{days}")
    };
    match lang {
        Lang::Zh => format!("{n} 天"),
        Lang::En => format!("{n} day{}", if days == 1.0 { "" } else { "s" }),
    }
}

/// The words a template looks values up in, keyed by the values as the files
/// and the change records write them: `words.steps["3"]`,
/// `words.session_kinds["group-meeting"]`, `words.subtopic_statuses["deepened"]`,
/// `words.action_statuses["done"]`, `words.decisions["approved"]`,
/// `words.milestone_kinds["workshop"]`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct Words {
    /// The six steps by number ("1" … "6"), and "other" for any other number.
    pub steps: BTreeMap<String, &'static str>,
    /// Session kinds by their word.
    pub session_kinds: BTreeMap<&'static str, &'static str>,
    /// Sub-topic statuses by their word.
    pub subtopic_statuses: BTreeMap<&'static str, &'static str>,
    /// Action statuses by their word.
    pub action_statuses: BTreeMap<&'static str, &'static str>,
    /// Review decisions by their word.
    pub decisions: BTreeMap<&'static str, &'static str>,
    /// The plan's milestone kinds by their word.
    pub milestone_kinds: BTreeMap<&'static str, &'static str>,
}

/// The words of `lang` for templates.
pub fn words(lang: Lang) -> Words {
    let mut steps: BTreeMap<String, &'static str> =
        (1..=6).map(|n| (n.to_string(), step_name(lang, n))).collect();
    steps.insert("other".to_string(), step_name(lang, 0));
    Words {
        steps,
        session_kinds: table::<SessionKind>(|k| session_kind(lang, k)),
        subtopic_statuses: table::<SubtopicStatus>(|s| subtopic_status(lang, s)),
        action_statuses: table::<ActionStatus>(|s| action_status(lang, s)),
        decisions: table::<Decision>(|d| decision(lang, d)),
        milestone_kinds: table::<MilestoneKind>(|k| milestone_kind(lang, k)),
    }
}

/// Every word of a fixed set, with its label.
fn table<T: Scalar>(label: impl Fn(T) -> &'static str) -> BTreeMap<&'static str, &'static str> {
    T::choices()
        .iter()
        .filter_map(|w| T::parse(w).ok().map(|v| (*w, label(v))))
        .collect()
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn brackets_never_nest() {
        assert_eq!(name_with(Lang::Zh, "王建国", "副总经理"), "王建国（副总经理）");
        assert_eq!(
            name_with(Lang::Zh, "陈志远", "副行长（分管普惠金融）"),
            "陈志远，副行长（分管普惠金融）"
        );
        assert_eq!(name_with(Lang::En, "Chen", "VP"), "Chen (VP)");
        assert_eq!(
            name_with(Lang::En, "Chen", "VP (inclusive finance)"),
            "Chen, VP (inclusive finance)"
        );
        assert_eq!(name_with(Lang::En, "Chen", " "), "Chen");
        assert_eq!(name_with(Lang::Zh, "", "副行长"), "副行长");
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    #[test]
    fn amounts_carry_their_units() {
        assert_eq!(amount(18.0, "%"), "18%");
        assert_eq!(amount(3.1, " 分 "), "3.1 分");
        assert_eq!(amount(12.5, ""), "12.5");
    }

    #[test]
    fn sentences_of_the_summary_and_the_portfolio_are_spaced_alike() {
        assert_eq!(
            spaced(Lang::Zh, "Alpha组还没有开过小组会议（g1，al check）"),
            "Alpha 组还没有开过小组会议（g1，al check）",
            "letters only, not digits or brackets"
        );
        assert_eq!(spaced(Lang::En, "Alpha组"), "Alpha组");
    }

    #[test]
    fn a_day_has_its_year_only_when_it_is_not_this_year() {
        let d = |t: &str| crate::dates::parse_date(t).expect("date");
        assert_eq!(day_spoken(Lang::Zh, d("2026-09-14"), d("2026-10-01")), "9月14日");
        assert_eq!(
            day_spoken(Lang::En, d("2025-09-14"), d("2026-10-01")),
            "14 September 2025"
        );
    }
}
