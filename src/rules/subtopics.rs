//! AL401–AL407: sub-topics (子课题) — a concrete question, fixed in time, owned
//! by a member of its group, with a goal (目标要求) and, when it has its own
//! team (子课题小组), an owner among its members.

use super::Ctx;
use super::rule;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};
use crate::lang::pick;
use crate::load::Doc;
use crate::model::{Date, SessionKind, Subtopic, SubtopicStatus};

/// English words that open a question (lower case); Chinese question words
/// count anywhere (see [`is_question`]).
const INTERROGATIVES: &[&str] = &[
    "how", "what", "why", "which", "who", "whom", "whose", "when", "where", "can", "could", "should",
    "shall", "would", "will", "do", "does", "did", "is", "are", "was", "were",
];

/// Whether a text reads as a question. It does when it holds a question
/// word: in Chinese anywhere in the sentence (如何, 怎么办, 是什么, 有没有,
/// 要不要, 能不能, 是否, 在哪里, 为什么, 多少, 哪些 …); in English when it
/// opens with one (how, what, why, can, is …) or holds how, why or whether
/// anywhere ("Finding out why engineers leave"). Without a question word it
/// reads as a question only when it ends in `?`/`？`, 吗 or 呢 and says
/// something: eight Chinese characters or three English words at least, so
/// that a slogan with a question mark ("降本增效？", "Lean ops?") is not one.
pub(crate) fn is_question(text: &str) -> bool {
    /// Chinese question words, found anywhere.
    const ZH: &[&str] = &[
        "如何",
        "怎样",
        "怎么",
        "为什么",
        "为何",
        "是否",
        "能否",
        "可否",
        "哪些",
        "哪个",
        "哪里",
        "哪儿",
        "哪种",
        "什么",
        "谁",
        "多少",
        "有没有",
        "要不要",
        "能不能",
        "会不会",
        "是不是",
        "可不可以",
        "该不该",
        "何时",
        "何处",
        "何种",
        "怎么办",
        "咋",
    ];
    /// English question words found anywhere in a sentence (others must open it).
    const EN_ANYWHERE: &[&str] = &["how", "why", "whether"];
    let t = text.trim();
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'') || crate::source::is_cjk(c))
        .filter(|w| !w.is_empty())
        .collect();
    let opens = words
        .first()
        .is_some_and(|w| INTERROGATIVES.contains(w) && lower.starts_with(w));
    if opens || ZH.iter().any(|w| t.contains(w)) || words.iter().any(|w| EN_ANYWHERE.contains(w)) {
        return true;
    }
    let cjk = t.chars().filter(|c| crate::source::is_cjk(*c)).count();
    t.ends_with(['?', '？', '吗', '呢']) && (cjk >= 8 || words.len() >= 3)
}

rule!(AL401, "subtopic-not-a-question", Warning);

rule!(AL402, "subtopic-late", Warning);

rule!(AL403, "subtopic-owner-invalid", Error);

/// Runs the sub-topic rules.
pub fn check(ctx: &mut Ctx) {
    let p = ctx.program;
    let mut workshops: Vec<_> = p
        .sessions
        .iter()
        .filter(|s| s.value.is(SessionKind::Workshop))
        .filter_map(|s| s.value.date.as_ref().map(|d| d.value))
        .collect();
    workshops.sort();
    let second = workshops.get(1).copied();

    for st in &p.subtopics {
        question(ctx, st);
        if let Some(second) = second {
            late(ctx, st, second);
        }
        owner(ctx, st);
        replaces(ctx, st);
        unplaced(ctx, st);
        if let Some(second) = second.filter(|d| *d <= ctx.today) {
            goal(ctx, st, second);
        }
        owner_in_team(ctx, st);
    }
}

/// AL401: phrased as a question.
fn question(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let Some(q) = &*st.value.question else { return };
    let text = &q.value.0;
    if is_question(text) {
        return;
    }
    let message = crate::tr!(
        ctx.lang,
        "子课题 `{text}` 没有写成问句",
        "the sub-topic `{text}` is not phrased as a question"
    );
    let help = pick(
        ctx.lang,
        "子课题是以问句提出的具体问题，例如：如何降低优秀人才流失率？——以如何、怎样、为什么、是否等疑问词开头，或以问号结尾",
        "a sub-topic is a concrete problem put as a question, e.g. 如何降低优秀人才流失率? — start with 如何/怎样/为什么/是否 (how/what/why) or end with a question mark",
    );
    ctx.emit(&AL401, st.file, &q.loc, message, help.to_string());
}

/// AL402: fixed before the second workshop, unless it replaced another one
/// (a `replaces` written with a value that is not valid still says so).
fn late(ctx: &mut Ctx, st: &Doc<Subtopic>, second: Date) {
    let v = &st.value;
    let Some(defined) = &*v.defined else { return };
    if defined.value <= second || !v.replaces.is_absent() {
        return;
    }
    let date = defined.value;
    let message = crate::tr!(
        ctx.lang,
        "这个子课题于 {date} 确定，晚于第二期研讨班（{second}）",
        "this sub-topic was fixed on {date}, after the second workshop ({second})"
    );
    let help = pick(
        ctx.lang,
        "子课题及其负责人通常在第2次全班集中前确定；如果它替换了先前的某个子课题，请用 `replaces:` 写明",
        "sub-topics and their owners are usually fixed before the second plenary gathering (第2次全班集中前); if this one replaced an earlier sub-topic, say so with `replaces:`",
    );
    let label = crate::tr!(ctx.lang, "晚于 {second}", "after {second}");
    ctx.emit(&AL402, st.file, &defined.loc, message, help.to_string())
        .label(label);
}

/// AL403: an owner who is a member of the sub-topic's group. An `owner`
/// written with a value that is not valid is not missing.
fn owner(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let (f, v) = (st.file, &st.value);
    let Some(owner) = &*v.owner else {
        if v.owner.is_invalid() {
            return;
        }
        let loc = v
            .question
            .as_ref()
            .map_or_else(Loc::file_start, |q| q.loc.clone());
        let message = pick(
            ctx.lang,
            "这个子课题没有负责人",
            "this sub-topic has no owner (负责人)",
        );
        let help = pick(
            ctx.lang,
            "添加 `owner:`，写子课题所属小组中一名成员的 id",
            "add `owner:` with the id of a member of the sub-topic's group",
        );
        let label = pick(ctx.lang, "缺少 `owner`", "no `owner`");
        ctx.emit(&AL403, f, &loc, message.to_string(), help.to_string())
            .label(label);
        return;
    };
    let Some(gid) = &*v.group else { return };
    let gid = gid.value.0.as_str();
    let Some(&group) = ctx.index.groups.get(gid) else {
        return;
    };
    let person = owner.value.0.as_str();
    if !ctx.index.people.contains_key(person) || group.members.iter().any(|m| m.value == person) {
        return;
    }
    let message = crate::tr!(
        ctx.lang,
        "负责人 `{person}` 不是小组 `{gid}` 的成员",
        "the owner `{person}` is not a member of group `{gid}`"
    );
    let help = crate::tr!(
        ctx.lang,
        "从 `{gid}` 的成员中选定负责人，或把这个子课题移到负责人所在的小组",
        "choose the owner from the members of `{gid}`, or move the sub-topic to the owner's group"
    );
    let label = pick(ctx.lang, "不是本组成员", "not a member");
    ctx.emit(&AL403, f, &owner.loc, message, help).label(label);
}

rule!(AL404, "subtopic-replaces-invalid", Error);

/// AL404: a sub-topic does not replace itself, nor one that is still
/// `active` (the one replaced is `replaced` or `deepened` or `done`).
fn replaces(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let Some(old) = &*st.value.replaces else { return };
    let id = crate::facts::subtopic_id(ctx.program, st);
    let target = old.value.0.as_str();
    let message = if target == id {
        crate::tr!(
            ctx.lang,
            "子课题 `{id}` 替换的是它自己",
            "the sub-topic `{id}` replaces itself"
        )
    } else if ctx
        .index
        .subtopics
        .get(target)
        .and_then(|s| s.status.as_ref())
        .is_some_and(|s| s.value == SubtopicStatus::Active)
    {
        crate::tr!(
            ctx.lang,
            "被替换的子课题 `{target}` 仍为 `status: active`",
            "the sub-topic `{target}` it replaces is still `status: active`"
        )
    } else {
        return;
    };
    let help = pick(
        ctx.lang,
        "`replaces:` 写被本子课题取代的另一个子课题的 id，并把那个子课题改为 `status: replaced`",
        "`replaces:` names another sub-topic that this one took over from; set that one to `status: replaced`",
    );
    ctx.emit(&AL404, st.file, &old.loc, message, help.to_string());
}

rule!(AL405, "subtopic-unplaced", Warning);

/// AL405: a sub-topic says when it was fixed (`defined:`) and which group
/// works on it (`group:`); without them AL402 and AL403 cannot judge it. A
/// key written with a value that is not valid is not missing.
fn unplaced(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let v = &st.value;
    let missing: Vec<&str> = [("defined", v.defined.is_absent()), ("group", v.group.is_absent())]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(k, _)| *k)
        .collect();
    if missing.is_empty() {
        return;
    }
    let keys = missing
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(pick(ctx.lang, "和", " and "));
    let loc = v
        .question
        .as_ref()
        .map_or_else(Loc::file_start, |q| q.loc.clone());
    let message = crate::tr!(ctx.lang, "这个子课题没有 {keys}", "this sub-topic has no {keys}");
    let help = pick(
        ctx.lang,
        "加上 `defined:`（子课题确定的日期）和 `group:`（研究它的小组的 id）",
        "add `defined:` (the date it was fixed) and `group:` (the id of the group working on it)",
    );
    let label = crate::tr!(ctx.lang, "缺少 {keys}", "no {keys}");
    ctx.emit(&AL405, st.file, &loc, message, help.to_string())
        .label(label);
}

rule!(AL406, "subtopic-without-goal", Warning);

/// AL406: an active sub-topic ([`crate::facts::subtopic_active`]) states its goal (目标要求)
/// once the second workshop has been held (the sub-topics and their goals
/// are fixed before it); one fixed after `today` is not judged yet.
fn goal(ctx: &mut Ctx, st: &Doc<Subtopic>, second: Date) {
    let v = &st.value;
    let stated = v.goal.as_ref().is_some_and(|g| !g.0.trim().is_empty());
    let future = v.defined.as_ref().is_some_and(|d| d.value > ctx.today);
    if stated || future || !crate::facts::subtopic_active(v) {
        return;
    }
    let loc = v
        .question
        .as_ref()
        .map_or_else(Loc::file_start, |q| q.loc.clone());
    let message = crate::tr!(
        ctx.lang,
        "这个子课题没有写明目标要求（`goal`），而第二期研讨班（{second}）已经召开",
        "this sub-topic states no goal (`goal`, 目标要求), and the second workshop ({second}) has been held"
    );
    let help = pick(
        ctx.lang,
        "加上 `goal:`，写明怎样才算解决了这个问题，最好有数字，例如：一年内核心技术人员离职率由 18% 降到 10% 以下",
        "add `goal:` saying what \"solved\" means for it, ideally with a number, e.g. yearly attrition of core engineers down from 18% to under 10% within a year",
    );
    let label = pick(ctx.lang, "缺少 `goal`", "no `goal`");
    ctx.emit(&AL406, st.file, &loc, message, help.to_string())
        .label(label);
}

rule!(AL407, "subtopic-owner-not-in-team", Warning);

/// AL407: when a sub-topic names its own team (`members:`), its owner is
/// one of them. An owner or a member who is not a defined person is
/// AL004's alone (a name written for an id would be reported twice).
fn owner_in_team(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let v = &st.value;
    let Some(owner) = &*v.owner else { return };
    let person = owner.value.0.as_str();
    let known = |id: &str| ctx.index.people.contains_key(id);
    if v.members.is_empty()
        || v.members.iter().any(|m| m.value == person)
        || !known(person)
        || v.members.iter().any(|m| !known(&m.value))
    {
        return;
    }
    let message = crate::tr!(
        ctx.lang,
        "负责人 `{person}` 不在这个子课题的小组（`members`）中",
        "the owner `{person}` is not one of this sub-topic's members (`members`)"
    );
    let help = pick(
        ctx.lang,
        "子课题小组围绕子课题组建，负责人带领它：把负责人加进 `members:`，或从成员中选定负责人",
        "the sub-topic's team forms around it and its owner leads it: add the owner to `members:`, or choose the owner from the members",
    );
    let label = pick(ctx.lang, "不在子课题小组中", "not a member of the team");
    ctx.emit(&AL407, st.file, &owner.loc, message, help.to_string())
        .person(person)
        .label(label);
}

#[cfg(test)]
mod tests {
    use super::is_question;

    #[test]
    fn questions_in_both_languages() {
        // (text, is a question)
        let table: &[(&str, bool)] = &[
            ("如何降低优秀人才流失率?", true),
            ("如何降低优秀人才流失率", true),
            ("核心人才为什么流失？", true),
            ("核心人才流失怎么办", true),
            ("客户投诉处理慢的根本原因是什么", true),
            ("现有薪酬体系有没有竞争力", true),
            ("要不要调整绩效考核周期", true),
            ("能不能把投诉处理时间减半", true),
            ("现行的培训制度是否有效", true),
            ("优秀人才流失的关口在哪里", true),
            ("每年因人才流失损失多少", true),
            ("哪些岗位的流失率最高", true),
            ("新员工怎样才能更快上手", true),
            ("三年内离职的员工为何比例偏高", true),
            ("中层干部的激励机制能否改进", true),
            ("导致客户重复投诉的环节有哪些？", true),
            ("我们的服务流程真的以客户为中心吗", true),
            ("现有的晋升通道能留住核心骨干吗？", true),
            ("谁来负责跨部门投诉的协调", true),
            ("How can we halve the time to resolve a complaint", true),
            ("Is the bonus fair?", true),
            ("What keeps engineers from staying", true),
            ("Why do top performers leave in their second year", true),
            ("Which complaints take longest to close?", true),
            ("Where do handovers between teams fail", true),
            ("Should we change the review cycle", true),
            ("Finding out why engineers leave", true),
            ("Deciding whether to outsource the call centre", true),
            ("Our onboarding leaves new staff lost for weeks?", true),
            ("降低优秀人才流失率", false),
            ("降本增效？", false),
            ("降本增效", false),
            ("提质增效？", false),
            ("人才流失问题", false),
            ("优化投诉处理流程", false),
            ("建立人才梯队？", false),
            ("薪酬改革吗", false),
            ("建设学习型组织？", false),
            ("员工敬业度连续三年下降的原因呢", true),
            ("Reduce attrition", false),
            ("Reduce attrition?", false),
            ("Lean ops?", false),
            ("Whatever works", false),
            ("Customer first", false),
            ("Complaint handling improvement", false),
            ("Whyte report follow-up", false),
            ("Showhow training plan", false),
            ("Cost down, quality up!", false),
        ];
        for (text, expected) in table {
            assert_eq!(is_question(text), *expected, "{text}");
        }
    }

    #[test]
    fn goals_are_asked_of_active_subtopics_once_the_second_workshop_is_held() {
        use crate::config::{Lang, Limits};
        use crate::facts::test_program::{TEAM, d, program};
        let codes = |sub: &str, today: &str| -> Vec<&'static str> {
            let p = program(&[
                ("team.yaml", TEAM),
                ("sessions/w1.yaml", "kind: workshop\ndate: 2026-03-16\n"),
                ("sessions/w2.yaml", "kind: workshop\ndate: 2026-05-11\n"),
                ("subtopics/s.yaml", sub),
            ]);
            crate::rules::run(&p, &Limits::default(), d(today), Lang::En)
                .into_iter()
                .map(|f| f.rule.code)
                .filter(|c| *c == "AL406" || *c == "AL407")
                .collect()
        };
        let base = "question: 如何?\ngroup: g1\nowner: a\ndefined: 2026-03-16\n";
        assert_eq!(codes(base, "2026-05-11"), ["AL406"], "no status is active");
        assert!(codes(base, "2026-05-10").is_empty(), "before the second workshop");
        let with = |extra: &str| format!("{base}{extra}");
        assert!(codes(&with("goal: 离职率降到 10%\n"), "2026-06-01").is_empty());
        assert_eq!(
            codes(&with("goal: \" \"\n"), "2026-06-01"),
            ["AL406"],
            "a blank goal"
        );
        for status in ["done", "replaced", "deepened", "finished"] {
            let text = with(&format!("status: {status}\n"));
            assert!(codes(&text, "2026-06-01").is_empty(), "{status}");
        }
        let later = base.replace("defined: 2026-03-16", "defined: 2026-07-01");
        assert!(codes(&later, "2026-06-01").is_empty(), "fixed after today");
        let team = with("goal: g\nmembers: [b]\n");
        assert_eq!(codes(&team, "2026-06-01"), ["AL407"]);
        let named = with("goal: g\nmembers: [a, B]\n");
        assert!(
            codes(&named, "2026-06-01").is_empty(),
            "a name for an id is AL004's"
        );
        assert!(codes(&with("goal: g\nmembers: [b, a]\n"), "2026-06-01").is_empty());
    }

    #[test]
    fn a_subtopic_replaces_another_one_that_has_stopped() {
        use crate::config::{Lang, Limits};
        use crate::facts::test_program::{d, program};
        let run = |status: &str| -> Vec<String> {
            let old = format!("question: q?\ngroup: g\ndefined: 2026-03-01\nowner: a\nstatus: {status}\n");
            let p = program(&[
                ("subtopics/old.yaml", old.as_str()),
                (
                    "subtopics/new.yaml",
                    "question: q?\ngroup: g\ndefined: 2026-04-01\nowner: a\nreplaces: old\n",
                ),
            ]);
            crate::rules::run(&p, &Limits::default(), d("2026-05-01"), Lang::En)
                .into_iter()
                .filter(|f| f.rule.code == "AL404" || f.rule.code == "AL405")
                .map(|f| f.message)
                .collect()
        };
        assert_eq!(
            run("active"),
            ["the sub-topic `old` it replaces is still `status: active`"]
        );
        assert!(run("replaced").is_empty());
    }
}
