//! AL101–AL105: the topic (step 1, 选定主题) and its dates.

use super::Ctx;
use super::rule;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};
use crate::lang::pick;
use crate::model::Topic;

rule!(AL101, "topic-criterion-missing", Error);

rule!(AL102, "convener-missing", Error);

rule!(AL103, "topic-source-missing", Warning);

rule!(AL104, "sponsor-missing", Warning);

/// Runs the topic rules.
pub fn check(ctx: &mut Ctx) {
    let Some(doc) = &ctx.program.topic else { return };
    let (f, t) = (doc.file, &doc.value);
    criteria(ctx, f, t);
    convener(ctx, f, t);
    source(ctx, f, t);
    sponsor(ctx, f, t);
    dates(ctx, f, t);
}

/// The four criteria, by key, with what each argues in both languages.
const CRITERIA: [(&str, &str, &str); 4] = [
    (
        "important",
        "为什么它是组织面临的、亟需近期解决的重大难题（重要）",
        "重要: why it is a major difficulty that must be solved soon",
    ),
    (
        "difficult",
        "为什么它没有现成答案（困难：涉及面广、存在两难、牵涉多方利益）",
        "困难: why there is no ready answer (scope, dilemmas, stakeholders)",
    ),
    (
        "feasible",
        "为什么它服务于战略，并在项目的职权范围之内（可行）",
        "可行: why it serves the strategy and lies within the program's authority",
    ),
    (
        "learning",
        "组织能从中学到什么、可以分享什么（学习）",
        "学习: what the organisation will learn and be able to share",
    ),
];

/// AL101: the four criteria, each argued. A criterion written with an
/// invalid value is reported where it is.
fn criteria(ctx: &mut Ctx, f: usize, t: &Topic) {
    let lang = ctx.lang;
    let Some(c) = &t.criteria else {
        let all = CRITERIA.map(|(n, _, _)| n).join(pick(lang, "、", ", "));
        ctx.emit(
            &AL101,
            f,
            &Loc::file_start(),
            crate::tr!(
                lang,
                "主题没有论证四条标准中的任何一条（important、difficult、feasible、learning）",
                "the topic argues none of the four criteria (important, difficult, feasible, learning)"
            ),
            crate::tr!(
                lang,
                "加上 `criteria:`，逐条写明 {all}，每条一两句话",
                "add `criteria:` with {all}, each a sentence or two"
            ),
        );
        return;
    };
    let values = [
        &c.value.important,
        &c.value.difficult,
        &c.value.feasible,
        &c.value.learning,
    ];
    for ((name, zh, en), value) in CRITERIA.iter().zip(values) {
        let why = pick(lang, zh, en);
        match &**value {
            None if value.is_invalid() => {}
            None => {
                ctx.emit(
                    &AL101,
                    f,
                    &c.loc,
                    crate::tr!(
                        lang,
                        "主题标准 `{name}` 没有论证",
                        "the topic criterion `{name}` is not argued"
                    ),
                    crate::tr!(
                        lang,
                        "在 `criteria:` 下加上 `{name}:`，说明{why}",
                        "add `{name}:` under `criteria:` saying {why}"
                    ),
                )
                .label(crate::tr!(
                    lang,
                    "这里的标准缺少 `{name}`",
                    "`{name}` is missing from these criteria"
                ));
            }
            Some(v) if v.value.0.trim().is_empty() => {
                ctx.emit(
                    &AL101,
                    f,
                    &v.loc,
                    crate::tr!(
                        lang,
                        "主题标准 `{name}` 是空的",
                        "the topic criterion `{name}` is empty"
                    ),
                    crate::tr!(
                        lang,
                        "用一两句话说明{why}",
                        "write a sentence or two saying {why}"
                    ),
                );
            }
            Some(_) => {}
        }
    }
}

/// AL102: a convener.
fn convener(ctx: &mut Ctx, f: usize, t: &Topic) {
    let lang = ctx.lang;
    let named = t
        .convener
        .as_ref()
        .and_then(|c| c.value.name.as_ref())
        .is_some_and(|n| !n.0.trim().is_empty());
    if !named {
        let loc = t
            .convener
            .as_ref()
            .map_or_else(Loc::file_start, |c| c.loc.clone());
        ctx.emit(
            &AL102,
            f,
            &loc,
            crate::tr!(lang, "主题没有召集人", "the topic has no convener (召集人)"),
            crate::tr!(
                lang,
                "加上 `convener: {{ name: …, title: … }}`——召集人是项目总负责人，负责组织协调、过程跟踪和决策",
                "add `convener: {{ name: …, title: … }}` — the overall lead who organises, tracks and decides"
            ),
        );
    }
}

/// AL103: a source (one written with an invalid value is reported where it is).
fn source(ctx: &mut Ctx, f: usize, t: &Topic) {
    let lang = ctx.lang;
    if t.source.is_absent() {
        ctx.emit(
            &AL103,
            f,
            &Loc::file_start(),
            crate::tr!(
                lang,
                "主题没有写明来源",
                "the topic does not say where it came from (主题来源)"
            ),
            crate::tr!(
                lang,
                "加上 `source:`，取值为 strategic-priority、review-finding、benchmark-gap、stakeholder-need 之一",
                "add `source:` with one of: strategic-priority, review-finding, benchmark-gap, stakeholder-need"
            ),
        );
    }
}

/// AL104: the top leader's commitment.
fn sponsor(ctx: &mut Ctx, f: usize, t: &Topic) {
    let lang = ctx.lang;
    match &t.sponsor {
        None => {
            ctx.emit(
                &AL104,
                f,
                &Loc::file_start(),
                crate::tr!(
                    lang,
                    "主题没有 `sponsor`，一把手的承诺没有记录",
                    "no sponsor: the top leader's commitment (一把手承诺) is not recorded"
                ),
                crate::tr!(
                    lang,
                    "加上 `sponsor: {{ name: …, title: …, commitment: … }}`",
                    "add `sponsor: {{ name: …, title: …, commitment: … }}`"
                ),
            );
        }
        Some(s) if s.value.commitment.as_ref().is_none_or(|c| c.0.trim().is_empty()) => {
            ctx.emit(
                &AL104,
                f,
                &s.loc,
                crate::tr!(
                    lang,
                    "没有记录一把手承诺的内容",
                    "the sponsor's commitment is not recorded"
                ),
                crate::tr!(
                    lang,
                    "加上 `commitment:`，写明一把手承诺做什么，例如：每季度听取一次汇报",
                    "add `commitment:` saying what the top leader committed to, e.g. 每季度听取一次汇报"
                ),
            )
            .label(pick(lang, "这里缺少 `commitment`", "no `commitment` here"));
        }
        Some(_) => {}
    }
}

rule!(AL105, "dates-contradict", Error);

/// AL105: the topic's `end` is not before its `start`, and every session
/// (the kick-off too) falls between them.
fn dates(ctx: &mut Ctx, f: usize, t: &Topic) {
    let start = t.start.as_ref().map(|s| s.value);
    let end = t.end.as_ref();
    if let (Some(start), Some(end)) = (start, end)
        && end.value < start
    {
        let e = end.value;
        let label = crate::tr!(ctx.lang, "早于 {start}", "before {start}");
        ctx.emit(
            &AL105,
            f,
            &end.loc,
            crate::tr!(
                ctx.lang,
                "项目的结束日期 {e} 早于开始日期 {start}",
                "the program ends on {e}, before it starts on {start}"
            ),
            pick(ctx.lang, "更正 `start:` 或 `end:`", "correct `start:` or `end:`").to_string(),
        )
        .label(label);
        return;
    }
    let end = end.map(|e| e.value);
    for s in &ctx.program.sessions {
        let Some(date) = &*s.value.date else { continue };
        let d = date.value;
        let (message, label) = match (start, end) {
            (Some(b), _) if d < b => (
                crate::tr!(
                    ctx.lang,
                    "这次活动的日期 {d} 早于项目开始日期 {b}",
                    "this session is dated {d}, before the program's start ({b})"
                ),
                crate::tr!(ctx.lang, "早于 {b}", "before {b}"),
            ),
            (_, Some(e)) if d > e => (
                crate::tr!(
                    ctx.lang,
                    "这次活动的日期 {d} 晚于项目结束日期 {e}",
                    "this session is dated {d}, after the program's end ({e})"
                ),
                crate::tr!(ctx.lang, "晚于 {e}", "after {e}"),
            ),
            _ => continue,
        };
        let help = pick(
            ctx.lang,
            "项目的活动都在 topic.yaml 的 `start` 与 `end` 之间：请更正活动的 `date:`，或项目的 `start:`／`end:`",
            "a program's sessions fall between its `start` and `end` in topic.yaml: correct the session's `date:`, or the program's `start:` or `end:`",
        );
        ctx.emit(&AL105, s.file, &date.loc, message, help.to_string())
            .label(label);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Lang, Limits};
    use crate::facts::test_program::{d, program};

    #[test]
    fn sessions_fall_between_the_start_and_the_end() {
        let p = program(&[
            ("topic.yaml", "start: 2026-03-01\nend: 2026-12-31\n"),
            ("sessions/k.yaml", "kind: kickoff\ndate: 2026-02-20\n"),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-16\n"),
            ("sessions/r.yaml", "kind: report\ndate: 2027-01-10\n"),
        ]);
        let found: Vec<String> = crate::rules::run(&p, &Limits::default(), d("2027-02-01"), Lang::En)
            .into_iter()
            .filter(|f| f.rule.code == "AL105")
            .map(|f| f.message)
            .collect();
        assert_eq!(
            found,
            [
                "this session is dated 2026-02-20, before the program's start (2026-03-01)",
                "this session is dated 2027-01-10, after the program's end (2026-12-31)",
            ]
        );
    }
}
