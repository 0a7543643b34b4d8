//! AL701–AL705: the overall action plan (plan.yaml) — a milestone past its
//! planned date with nothing in the record, a plan that contradicts the
//! method's rhythm (workshops too close or too far apart, steps 1–3 beyond
//! their months, sub-topics fixed after the second workshop), and a
//! milestone that cannot be judged.
//!
//! Which record a milestone is matched to, its slip and its delay are facts
//! ([`crate::facts::milestones`]); these rules only judge them. A plan
//! changed after the first workshop is not a finding: history shows it.
//!
//! A milestone planned to a month is judged by the days of that month: late
//! only after the month's last day, and against the method only when no
//! day of its month would keep to it.

use super::{Ctx, rule};
use crate::config::Lang;
use crate::dates::{add_months, days_between};
use crate::diag::Loc;
use crate::diag::Severity::Warning;
use crate::facts::{MilestoneFact, Planned};
use crate::lang::pick;
use crate::model::{Date, MilestoneKind as K};

/// Runs the plan's rules (nothing without a plan.yaml).
pub fn check(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(plan) = &p.plan else { return };
    let facts = crate::facts::milestones(p, ctx.today);
    let file = plan.file;
    late(ctx, file, &facts);
    cadence(ctx, file, &facts);
    review_planned(ctx, file, &facts);
    subtopics_planned(ctx, file, &facts);
    unclear(ctx, file, &facts);
}

rule!(AL701, "milestone-late", Warning);

/// AL701: a milestone past its planned date (a month: past its last day)
/// that the record does not show reached. Not given when a record whose
/// kind or date is written with a value that is not valid may be it (that
/// value is already an AL002 finding).
fn late(ctx: &mut Ctx, file: usize, facts: &[MilestoneFact]) {
    for f in facts {
        let (Some(days), Some(kind)) = (f.days_late(ctx.today), f.kind) else {
            continue;
        };
        if may_be_recorded(ctx, kind) {
            continue;
        }
        let name = name(ctx, f, facts);
        let lang = ctx.lang;
        let unit = day_unit(days);
        let message = crate::tr!(
            lang,
            "{name}已过 {days} 天，记录中还没有",
            "{name} is {days} {unit} late: nothing in the record yet"
        );
        let how = recorded_as(lang, kind);
        let help = crate::tr!(
            lang,
            "举行并记录它：{how}；如果计划已经改变，请修改 plan.yaml 中的日期",
            "hold it and record it: {how}; if the plan has changed, change its date in plan.yaml"
        );
        let label = crate::tr!(lang, "逾期 {days} 天", "{days} {unit} late");
        ctx.emit(&AL701, file, &when_loc(f), message, help).label(label);
    }
}

/// How the record shows a milestone of `kind` reached (the matching of
/// [`crate::facts::milestones`], said to the user).
fn recorded_as(lang: Lang, kind: K) -> &'static str {
    match kind {
        K::Kickoff => pick(
            lang,
            "记为 `kind: kickoff` 的活动",
            "a session with `kind: kickoff`",
        ),
        K::Workshop => pick(
            lang,
            "记为 `kind: workshop` 的活动（按日期先后计第几次）",
            "a session with `kind: workshop` (counted in order of date)",
        ),
        K::Report => pick(
            lang,
            "记为 `kind: report` 的活动",
            "a session with `kind: report`",
        ),
        K::Research => pick(
            lang,
            "记为 `kind: activity` 的活动，`activity` 为 survey、study-visit 或 consultation",
            "a session with `kind: activity` and `activity: survey`, `study-visit` or `consultation`",
        ),
        K::Review => pick(
            lang,
            "记为 `kind: review` 的活动，或子课题中的 `proposal.review`",
            "a session with `kind: review`, or `proposal.review` in a sub-topic",
        ),
        K::GroupMeetings => pick(
            lang,
            "每个相关小组在计划的月份里有一次 `kind: group-meeting` 的活动",
            "a session with `kind: group-meeting` in the planned month for every group concerned",
        ),
        K::SubtopicsFixed => pick(
            lang,
            "每个相关小组都有写明 `defined:` 的子课题",
            "a sub-topic with `defined:` for every group concerned",
        ),
        K::ProposalSubmitted => pick(
            lang,
            "每个相关小组都有子课题写明 `proposal.submitted`",
            "`proposal.submitted` in a sub-topic of every group concerned",
        ),
        K::ImplementationStart => pick(
            lang,
            "子课题中的 `implementation.start`",
            "`implementation.start` in a sub-topic",
        ),
        K::FinalResults => pick(
            lang,
            "子课题中的 `results.adopted` 或 `results.shared`",
            "`results.adopted` or `results.shared` in a sub-topic",
        ),
    }
}

/// Whether a record that could reach a milestone of `kind` is written with
/// a kind or a date that is not valid.
fn may_be_recorded(ctx: &Ctx, kind: K) -> bool {
    let p = ctx.program;
    let session = || {
        p.sessions
            .iter()
            .any(|s| s.value.kind.is_invalid() || s.value.date.is_invalid())
    };
    let subtopic = |bad: &dyn Fn(&crate::model::Subtopic) -> bool| p.subtopics.iter().any(|s| bad(&s.value));
    match kind {
        K::Kickoff | K::Workshop | K::Report | K::Research | K::GroupMeetings => session(),
        K::Review => {
            session()
                || subtopic(&|s| {
                    s.proposal
                        .as_ref()
                        .and_then(|pr| pr.value.review.as_ref())
                        .is_some_and(|r| r.value.date.is_invalid())
                })
        }
        K::SubtopicsFixed => subtopic(&|s| s.defined.is_invalid()),
        K::ProposalSubmitted => subtopic(&|s| {
            s.proposal
                .as_ref()
                .is_some_and(|pr| pr.value.submitted.is_invalid())
        }),
        K::ImplementationStart => subtopic(&|s| {
            s.implementation
                .as_ref()
                .is_some_and(|i| i.value.start.is_invalid())
        }),
        K::FinalResults => false,
    }
}

rule!(AL702, "plan-workshop-cadence", Warning);

/// AL702: consecutive planned workshops (in the order of their numbers) are
/// planned `workshop_gap_days` apart. Workshops whose number repeats
/// another's (AL705) and workshops planned on no day are left out.
fn cadence(ctx: &mut Ctx, file: usize, facts: &[MilestoneFact]) {
    let mut workshops: Vec<(&MilestoneFact, Planned)> = facts
        .iter()
        .filter(|f| f.kind == Some(K::Workshop) && !repeated(f, facts))
        .filter_map(|f| Some((f, f.planned?)))
        .collect();
    workshops.sort_by_key(|(f, p)| (f.ordinal, p.first(), f.index));
    for pair in workshops.windows(2) {
        gap(ctx, file, facts, pair[0], pair[1]);
    }
}

/// AL702 for two consecutive planned workshops. Planned to months, the gap
/// is a range (from the nearest days to the farthest); it is a finding when
/// the whole range is outside the limits.
fn gap(
    ctx: &mut Ctx,
    file: usize,
    facts: &[MilestoneFact],
    prev: (&MilestoneFact, Planned),
    next: (&MilestoneFact, Planned),
) {
    let [lo, hi] = ctx.limits.workshop_gap_days;
    let (lo, hi) = (i64::from(lo), i64::from(hi));
    let nearest = days_between(prev.1.due(), next.1.first());
    let farthest = days_between(prev.1.first(), next.1.due());
    let exact = nearest == farthest;
    let (gap, bound) = if farthest < lo {
        (farthest, pick(ctx.lang, "至多", "at most "))
    } else if nearest > hi {
        (nearest, pick(ctx.lang, "至少", "at least "))
    } else {
        return;
    };
    let bound = if exact { "" } else { bound };
    let lang = ctx.lang;
    let (this, before) = (name(ctx, next.0, facts), name(ctx, prev.0, facts));
    let unit = day_unit(gap);
    let months = gap as f64 / 30.4;
    let about = if gap >= 30 {
        crate::tr!(lang, "（约 {months:.1} 个月）", " (about {months:.1} months)")
    } else {
        String::new()
    };
    let message = if exact && gap == 0 {
        crate::tr!(
            lang,
            "{this}与{before}计划在同一天",
            "{this} is planned on the same day as {before}"
        )
    } else if farthest < 0 {
        crate::tr!(
            lang,
            "{this}计划在{before}之前",
            "{this} is planned before {before}"
        )
    } else {
        crate::tr!(
            lang,
            "{this}与{before}相隔{bound} {gap} 天{about}",
            "{this} is planned {bound}{gap} {unit}{about} after {before}"
        )
    };
    let help = crate::tr!(
        lang,
        "后续研讨会每一个半月至两个月举办一次：把每一次计划在上一次之后 {lo} 至 {hi} 天",
        "follow-up workshops come every 1.5 to 2 months: plan each {lo} to {hi} days after the one before"
    );
    let label = if farthest < 0 {
        pick(lang, "早于上一次", "before the one before").to_string()
    } else {
        crate::tr!(lang, "相隔{bound} {gap} 天", "{bound}{gap} {unit} apart")
    };
    ctx.emit(&AL702, file, &when_loc(next.0), message, help)
        .label(label);
}

rule!(AL703, "plan-steps-1-3-too-long", Warning);

/// AL703: the first planned review (of the proposals, which ends steps 1–3)
/// is planned within `steps_1_to_3_months` of the start — topic.yaml's
/// `start`, else the planned kick-off. A plan that plans no review at all
/// but runs past that limit is told so at its first milestone beyond it. A
/// review milestone without a usable date is AL705's (or AL002's).
fn review_planned(ctx: &mut Ctx, file: usize, facts: &[MilestoneFact]) {
    let Some(start) = start(ctx, facts) else { return };
    let months = ctx.limits.steps_1_to_3_months;
    let deadline = add_months(start, months);
    let reviews: Vec<&MilestoneFact> = facts.iter().filter(|f| f.kind == Some(K::Review)).collect();
    // A milestone whose kind is written but not valid may be a review.
    let maybe: Vec<&MilestoneFact> = facts
        .iter()
        .filter(|f| f.milestone.value.kind.is_invalid())
        .collect();
    let lang = ctx.lang;
    let help = crate::tr!(
        lang,
        "步骤1-3通常用 3 至 {months} 个月，以初步方案评审结束：把方案评审计划在 {deadline} 或之前",
        "steps 1–3 usually take 3 to {months} months and end in the review of a preliminary solution: plan the review on or before {deadline}"
    );
    let label = crate::tr!(
        lang,
        "+{months} 个月 = {deadline}",
        "+{months} months = {deadline}"
    );
    if reviews.is_empty() {
        if !maybe.is_empty() {
            return;
        }
        let beyond = crate::facts::by_plan_date(facts)
            .into_iter()
            .find(|f| f.planned.is_some_and(|p| p.first() > deadline));
        if let Some(f) = beyond {
            let what = name(ctx, f, facts);
            let message = crate::tr!(
                lang,
                "计划中没有方案评审，而计划已排到开始后 {months} 个月（{start} 至 {deadline}）之后：{what}",
                "the plan has no review of the proposals, yet it runs past {months} months from the start ({start} to {deadline}): {what}"
            );
            ctx.emit(&AL703, file, &when_loc(f), message, help).label(label);
        }
        return;
    }
    if reviews.iter().any(|f| f.planned.is_none()) {
        return;
    }
    let first = reviews
        .iter()
        .filter_map(|f| Some((f.planned?.first(), *f)))
        .min_by_key(|(d, f)| (*d, f.index));
    let Some((_, f)) = first.filter(|(d, _)| *d > deadline) else {
        return;
    };
    if maybe
        .iter()
        .any(|m| m.planned.is_none_or(|p| p.first() <= deadline))
    {
        return;
    }
    let when = f
        .planned
        .map(|p| crate::lang::planned_spoken(lang, p, Some(ctx.today.year())))
        .unwrap_or_default();
    let message = crate::tr!(
        lang,
        "第一次方案评审（计划 {when}）排在项目开始 {months} 个月之后（{start} 至 {deadline}）",
        "the first review of the proposals (planned {when}) is planned more than {months} months after the start ({start} to {deadline})"
    );
    ctx.emit(&AL703, file, &when_loc(f), message, help).label(label);
}

/// The program's start: topic.yaml's `start`, else the first planned kick-off.
fn start(ctx: &Ctx, facts: &[MilestoneFact]) -> Option<Date> {
    let topic = ctx
        .program
        .topic
        .as_ref()
        .and_then(|t| t.value.start.as_ref())
        .map(|s| s.value);
    topic.or_else(|| {
        facts
            .iter()
            .filter(|f| f.kind == Some(K::Kickoff))
            .filter_map(|f| f.planned.map(Planned::first))
            .min()
    })
}

rule!(AL704, "plan-subtopics-late", Warning);

/// AL704: sub-topics (and their owners) are planned to be fixed by the
/// second workshop: a `subtopics-fixed` milestone planned after workshop
/// 2's planned day. On the same day is in time.
fn subtopics_planned(ctx: &mut Ctx, file: usize, facts: &[MilestoneFact]) {
    let second = facts
        .iter()
        .find(|f| f.kind == Some(K::Workshop) && f.ordinal == 2 && !repeated(f, facts));
    let Some((w2, w2_planned)) = second.and_then(|f| Some((f, f.planned?))) else {
        return;
    };
    for f in facts.iter().filter(|f| f.kind == Some(K::SubtopicsFixed)) {
        let Some(planned) = f.planned else { continue };
        if planned.first() <= w2_planned.due() {
            continue;
        }
        let lang = ctx.lang;
        let (this, workshop) = (name(ctx, f, facts), name(ctx, w2, facts));
        let message = crate::tr!(
            lang,
            "{this}安排在{workshop}之后",
            "{this} is planned after {workshop}"
        );
        let help = pick(
            lang,
            "子课题及其负责人通常在第2次全班集中前确定：把它计划在第二次研讨会当天或之前，或者推迟第二次研讨会",
            "sub-topics and their owners are usually fixed before the second plenary gathering (第2次全班集中前): plan it on or before workshop 2, or move workshop 2",
        );
        let label = pick(lang, "晚于第二次研讨会", "after workshop 2");
        ctx.emit(&AL704, file, &when_loc(f), message, help.to_string())
            .label(label);
    }
}

rule!(AL705, "milestone-unclear", Warning);

/// AL705: a milestone that cannot be judged — no `kind`, neither `date` nor
/// `month`, both, or a workshop planned as the same one as another (the
/// same number). A key written with a value that is not valid is AL002's
/// and not reported again.
fn unclear(ctx: &mut Ctx, file: usize, facts: &[MilestoneFact]) {
    let lang = ctx.lang;
    for f in facts {
        let m = &f.milestone.value;
        let (message, help, label, loc) = if m.kind.is_absent() {
            (
                pick(
                    lang,
                    "这个里程碑没有写 `kind`，无法与记录对照",
                    "this milestone has no `kind`: it cannot be matched to the record",
                )
                .to_string(),
                pick(
                    lang,
                    "加上 `kind:`，取值为 research、kickoff、subtopics-fixed、workshop、group-meetings、proposal-submitted、review、report、implementation-start、final-results 之一",
                    "add `kind:` with one of: research, kickoff, subtopics-fixed, workshop, group-meetings, proposal-submitted, review, report, implementation-start, final-results",
                ),
                pick(lang, "缺少 `kind`", "no `kind`"),
                f.milestone.loc.clone(),
            )
        } else if m.date.is_absent() && m.month.is_absent() {
            let what = name(ctx, f, facts);
            (
                crate::tr!(
                    lang,
                    "{what}既没有 `date` 也没有 `month`，无法判断是否逾期",
                    "{what} has neither `date` nor `month`: it cannot be judged late or on time"
                ),
                pick(
                    lang,
                    "写明计划日期 `date: YYYY-MM-DD`，或只知道月份时写 `month: YYYY-MM`",
                    "write its planned day, `date: YYYY-MM-DD`, or `month: YYYY-MM` when only the month is known",
                ),
                pick(lang, "没有计划日期", "no planned date"),
                f.milestone.loc.clone(),
            )
        } else if !m.date.is_absent() && !m.month.is_absent() {
            let what = name(ctx, f, facts);
            (
                crate::tr!(
                    lang,
                    "{what}同时写了 `date` 和 `month`",
                    "{what} has both `date` and `month`"
                ),
                pick(
                    lang,
                    "只写其中一个：知道日期时写 `date`，只知道月份时写 `month`",
                    "keep one of them: `date` when the day is known, else `month`",
                ),
                pick(lang, "二选一", "one of the two"),
                m.month
                    .as_ref()
                    .map_or_else(|| f.milestone.loc.clone(), |x| x.loc.clone()),
            )
        } else if let Some(first) = first_of_same(f, facts) {
            let what = name(ctx, f, facts);
            let line = first.milestone.loc.line;
            (
                crate::tr!(
                    lang,
                    "{what}在计划中出现了两次（第一次在第 {line} 行）",
                    "{what} is planned twice (first on line {line})"
                ),
                pick(
                    lang,
                    "每次研讨会在计划中只写一次：更正 `number:`，或删去重复的一项",
                    "plan each workshop once: correct `number:`, or remove the repeated one",
                ),
                pick(lang, "重复", "repeated"),
                m.number
                    .as_ref()
                    .map_or_else(|| f.milestone.loc.clone(), |x| x.loc.clone()),
            )
        } else {
            continue;
        };
        ctx.emit(&AL705, file, &loc, message, help.to_string())
            .label(label);
    }
}

/// The earlier workshop in plan.yaml planned as the same one as `f` (the
/// same place among the workshops), if any.
fn first_of_same<'b, 'a>(f: &MilestoneFact, facts: &'b [MilestoneFact<'a>]) -> Option<&'b MilestoneFact<'a>> {
    (f.kind == Some(K::Workshop))
        .then(|| {
            facts
                .iter()
                .find(|o| o.kind == Some(K::Workshop) && o.ordinal == f.ordinal && o.index < f.index)
        })
        .flatten()
}

/// Whether another workshop is planned as the same one as `f`.
fn repeated(f: &MilestoneFact, facts: &[MilestoneFact]) -> bool {
    facts
        .iter()
        .any(|o| o.kind == Some(K::Workshop) && o.ordinal == f.ordinal && o.index != f.index)
}

/// Where a finding about a milestone points: its `date` or `month`, else
/// the milestone.
fn when_loc(f: &MilestoneFact) -> Loc {
    let m = &f.milestone.value;
    m.date
        .as_ref()
        .map(|d| d.loc.clone())
        .or_else(|| m.month.as_ref().map(|x| x.loc.clone()))
        .unwrap_or_else(|| f.milestone.loc.clone())
}

/// "day" or "days".
fn day_unit(n: i64) -> &'static str {
    crate::lang::plural(usize::try_from(n).unwrap_or(0), "day", "days")
}

/// A milestone in plain words with its planned day or month: "第二次研讨会
/// （计划 5月11日）" / "workshop 2 (planned 11 May)". A workshop says its
/// number; another kind planned more than once says its place among them;
/// the groups it names are said.
fn name(ctx: &Ctx, f: &MilestoneFact, facts: &[MilestoneFact]) -> String {
    let lang = ctx.lang;
    let Some(kind) = f.kind else {
        return pick(lang, "这个里程碑", "this milestone").to_string();
    };
    let n = f.ordinal;
    let numbered = crate::facts::shown_number(f, facts).is_some();
    let zh_n = crate::new::chinese_number(n);
    let what = match (lang, kind) {
        (Lang::Zh, K::Workshop) => format!("第{zh_n}次研讨会"),
        (Lang::En, K::Workshop) => format!("workshop {n}"),
        (Lang::Zh, K::GroupMeetings) => "各小组的小组会议".to_string(),
        (Lang::Zh, _) if numbered => format!("第{zh_n}次{}", crate::lang::milestone_kind(lang, kind)),
        (Lang::Zh, _) => crate::lang::milestone_kind(lang, kind).to_string(),
        (Lang::En, _) => {
            let (one, nth) = en_name(kind);
            if numbered {
                format!("{nth} {n}")
            } else {
                one.to_string()
            }
        }
    };
    let groups: Vec<String> = f.groups.iter().map(|g| format!("`{g}`")).collect();
    let what = match (lang, groups.len()) {
        (_, 0) => what,
        (Lang::Zh, _) => format!("小组 {} 的{what}", groups.join("、")),
        (Lang::En, 1) => format!("{what} of group {}", groups[0]),
        (Lang::En, _) => format!("{what} of groups {}", groups.join(", ")),
    };
    match f.planned {
        Some(p) => {
            let when = crate::lang::planned_spoken(lang, p, Some(ctx.today.year()));
            crate::tr!(lang, "{what}（计划 {when}）", "{what} (planned {when})")
        }
        None => what,
    }
}

/// A milestone kind in an English sentence: alone, and before its number
/// (said for research, a kick-off, a review or a report planned more than
/// once).
fn en_name(kind: K) -> (&'static str, &'static str) {
    match kind {
        K::Research => ("the research", "research"),
        K::Kickoff => ("the kick-off", "kick-off"),
        K::SubtopicsFixed => ("fixing the sub-topics and owners", "fixing the sub-topics"),
        K::Workshop => ("the workshop", "workshop"),
        K::GroupMeetings => ("a meeting of every group", "group meetings"),
        K::ProposalSubmitted => ("submitting the proposals", "submitting the proposals"),
        K::Review => ("the review", "review"),
        K::Report => ("the report", "report"),
        K::ImplementationStart => ("the start of implementation", "implementation"),
        K::FinalResults => ("delivering the final results", "final results"),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Lang, Limits};
    use crate::facts::test_program::{TEAM, d, program};

    /// The findings of `code` on a program with this plan (and `more`
    /// files) at `today`, as messages in `lang`.
    fn found_in(plan: &str, more: &[(&str, &str)], today: &str, code: &str, lang: Lang) -> Vec<String> {
        let mut files = vec![
            ("topic.yaml", "start: 2026-03-01\n"),
            ("team.yaml", TEAM),
            ("plan.yaml", plan),
        ];
        files.extend(more);
        let p = program(&files);
        crate::rules::run(&p, &Limits::default(), d(today), lang)
            .into_iter()
            .filter(|f| f.rule.code == code)
            .map(|f| f.message)
            .collect()
    }

    fn found(plan: &str, today: &str, code: &str) -> Vec<String> {
        found_in(plan, &[], today, code, Lang::En)
    }

    const W1: (&str, &str) = ("sessions/w1.yaml", "kind: workshop\ndate: 2026-03-16\n");

    #[test]
    fn due_today_is_not_late_the_day_after_is() {
        let plan = "milestones:\n  - { kind: workshop, number: 2, date: 2026-05-11 }\n";
        assert!(found(plan, "2026-05-11", "AL701").is_empty());
        assert_eq!(
            found(plan, "2026-05-12", "AL701"),
            ["workshop 2 (planned 11 May) is 1 day late: nothing in the record yet"]
        );
        assert_eq!(
            found_in(plan, &[], "2026-06-01", "AL701", Lang::Zh),
            ["第二次研讨会（计划 5月11日）已过 21 天，记录中还没有"]
        );
    }

    #[test]
    fn a_month_is_late_only_after_its_last_day() {
        let plan = "milestones:\n  - { kind: research, month: 2026-04 }\n";
        assert!(found(plan, "2026-04-30", "AL701").is_empty());
        assert_eq!(
            found(plan, "2026-05-01", "AL701"),
            ["the research (planned April) is 1 day late: nothing in the record yet"]
        );
        let survey = (
            "sessions/s.yaml",
            "kind: activity\nactivity: survey\ndate: 2026-04-30\n",
        );
        assert!(found_in(plan, &[survey], "2026-05-01", "AL701", Lang::En).is_empty());
    }

    #[test]
    fn final_results_are_late_like_any_milestone() {
        let plan = "milestones:\n  - { kind: final-results, date: 2026-12-31 }\n";
        assert!(found(plan, "2026-12-31", "AL701").is_empty());
        assert_eq!(
            found(plan, "2027-01-02", "AL701"),
            [
                "delivering the final results (planned 31 December 2026) is 2 days late: nothing in the record yet"
            ]
        );
        let done = (
            "subtopics/a.yaml",
            "question: q?\ngroup: g1\nresults: { adopted: [x] }\n",
        );
        assert!(found_in(plan, &[done], "2027-01-02", "AL701", Lang::En).is_empty());
    }

    #[test]
    fn an_invalid_session_may_be_the_missing_one() {
        let plan = "milestones:\n  - { kind: workshop, number: 1, date: 2026-03-16 }\n";
        let odd = ("sessions/w.yaml", "kind: workshop\ndate: 2026-3-16\n");
        assert!(found_in(plan, &[odd], "2026-04-01", "AL701", Lang::En).is_empty());
        assert!(found_in(plan, &[W1], "2026-04-01", "AL701", Lang::En).is_empty());
    }

    #[test]
    fn workshops_are_planned_within_the_gap_limits() {
        let at = |second: &str| {
            let plan = format!(
                "milestones:\n  - {{ kind: workshop, number: 1, date: 2026-03-16 }}\n  - {{ kind: workshop, number: 2, date: {second} }}\n"
            );
            found(&plan, "2026-03-01", "AL702")
        };
        // 45 and 62 days are within the limits; 44 and 63 are not.
        assert!(at("2026-04-30").is_empty());
        assert!(at("2026-05-17").is_empty());
        assert_eq!(
            at("2026-04-29"),
            [
                "workshop 2 (planned 29 April) is planned 44 days (about 1.4 months) after workshop 1 (planned 16 March)"
            ]
        );
        assert_eq!(
            at("2026-05-18"),
            [
                "workshop 2 (planned 18 May) is planned 63 days (about 2.1 months) after workshop 1 (planned 16 March)"
            ]
        );
        assert_eq!(
            at("2026-03-10"),
            ["workshop 2 (planned 10 March) is planned before workshop 1 (planned 16 March)"]
        );
    }

    #[test]
    fn a_month_keeps_the_cadence_if_one_of_its_days_does() {
        let plan = "milestones:\n  - { kind: workshop, number: 1, date: 2026-03-16 }\n  - { kind: workshop, number: 2, month: 2026-05 }\n  - { kind: workshop, number: 3, month: 2026-09 }\n";
        assert_eq!(
            found(plan, "2026-03-01", "AL702"),
            [
                "workshop 3 (planned September) is planned at least 93 days (about 3.1 months) after workshop 2 (planned May)"
            ]
        );
    }

    #[test]
    fn the_first_review_is_planned_within_the_months_of_steps_1_to_3() {
        let review = |date: &str| format!("milestones:\n  - {{ kind: review, date: {date} }}\n");
        assert!(found(&review("2026-09-01"), "2026-03-01", "AL703").is_empty());
        assert_eq!(
            found(&review("2026-09-02"), "2026-03-01", "AL703"),
            [
                "the first review of the proposals (planned 2 September) is planned more than 6 months after the start (2026-03-01 to 2026-09-01)"
            ]
        );
        let none = "milestones:\n  - { kind: workshop, number: 1, date: 2026-03-16 }\n  - { kind: final-results, date: 2026-12-31 }\n";
        assert_eq!(
            found(none, "2026-03-01", "AL703"),
            [
                "the plan has no review of the proposals, yet it runs past 6 months from the start (2026-03-01 to 2026-09-01): delivering the final results (planned 31 December)"
            ]
        );
        let short = "milestones:\n  - { kind: workshop, number: 1, date: 2026-03-16 }\n";
        assert!(found(short, "2026-03-01", "AL703").is_empty());
    }

    #[test]
    fn subtopics_are_fixed_by_the_second_workshop() {
        let plan = |fixed: &str| {
            format!(
                "milestones:\n  - {{ kind: workshop, number: 2, date: 2026-05-11 }}\n  - {{ kind: subtopics-fixed, date: {fixed} }}\n"
            )
        };
        assert!(found(&plan("2026-05-11"), "2026-03-01", "AL704").is_empty());
        assert_eq!(
            found(&plan("2026-05-12"), "2026-03-01", "AL704"),
            [
                "fixing the sub-topics and owners (planned 12 May) is planned after workshop 2 (planned 11 May)"
            ]
        );
    }

    #[test]
    fn a_milestone_that_cannot_be_judged_is_said_once() {
        let plan = "milestones:\n  - { number: 1, date: 2026-03-16 }\n  - { kind: review }\n  - { kind: report, date: 2026-05-01, month: 2026-05 }\n  - { kind: workshop, number: 2, date: 2026-05-11 }\n  - { kind: workshop, number: 2, date: 2026-05-12 }\n  - { kind: research, date: 2026-13-01 }\n";
        assert_eq!(
            found(plan, "2026-03-01", "AL705"),
            [
                "this milestone has no `kind`: it cannot be matched to the record",
                "the review has neither `date` nor `month`: it cannot be judged late or on time",
                "the report (planned 1 May) has both `date` and `month`",
                "workshop 2 (planned 12 May) is planned twice (first on line 5)",
            ]
        );
        // The repeated workshop is not also judged for its gap, and the
        // review without a date not as missing.
        assert!(found(plan, "2026-03-01", "AL702").is_empty());
        assert!(found(plan, "2026-03-01", "AL703").is_empty());
    }
}
