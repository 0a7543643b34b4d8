//! AL501–AL509 (the six steps) and AL601–AL602 (budget).

use super::{Ctx, rule};
use crate::config::Lang;
use crate::dates::add_months;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};
use crate::lang::pick;
use crate::load::Doc;
use crate::model::{Date, Decision, SessionKind, Subtopic};

/// Runs the six-step and budget rules.
pub fn check(ctx: &mut Ctx) {
    review_due(ctx);
    stage(ctx);
    proposals_and_metrics(ctx);
    for st in &ctx.program.subtopics {
        future(ctx, st);
        unsigned(ctx, st);
        contradictions(ctx, st);
    }
    budget(ctx);
    amounts(ctx);
    review_panel(ctx);
    kickoff_convener(ctx);
}

rule!(AL501, "steps-1-3-overdue", Warning);

/// AL501: a review of the preliminary solution within N months of the start.
fn review_due(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(topic) = &p.topic else { return };
    let Some(start) = &*topic.value.start else { return };
    let months = ctx.limits.steps_1_to_3_months;
    let deadline = add_months(start.value, months);
    if ctx.today <= deadline {
        return;
    }
    let first = crate::facts::first_review(p);
    if first.is_some_and(|d| d <= deadline) || maybe_review_by(ctx, deadline) {
        return;
    }
    let when = match first {
        Some(d) => crate::tr!(ctx.lang, "第一次评审在 {d}", "the first review was on {d}"),
        None => pick(ctx.lang, "至今还没有评审", "there has been no review yet").to_string(),
    };
    let begun = start.value;
    let message = crate::tr!(
        ctx.lang,
        "项目开始后 {months} 个月内（{begun} 至 {deadline}）没有进行初步方案评审；{when}",
        "no review of a preliminary solution within {months} months of the start ({begun} to {deadline}); {when}"
    );
    let help = crate::tr!(
        ctx.lang,
        "步骤1-3通常用 3 至 {months} 个月，形成初步方案：请进行初步方案评审（记为 `kind: review` 的活动，或子课题中的 `proposal.review`）",
        "steps 1–3 usually take 3 to {months} months and end in a preliminary solution: hold its review (a session with `kind: review`, or `proposal.review` in a sub-topic)"
    );
    let label = crate::tr!(
        ctx.lang,
        "+{months} 个月 = {deadline}",
        "+{months} months = {deadline}"
    );
    ctx.emit(&AL501, topic.file, &start.loc, message, help)
        .label(label);
}

/// Whether a review whose kind or date is written with a value that is not
/// valid could have been held by `deadline`: a session of `kind: review` with
/// an invalid date, a session with an invalid kind dated by then (or with an
/// invalid date too), or a `proposal.review` with an invalid date. AL501 is
/// then not given, so that one mistake gives one finding.
fn maybe_review_by(ctx: &Ctx, deadline: crate::model::Date) -> bool {
    let p = ctx.program;
    let session = p.sessions.iter().map(|s| &s.value).any(|s| {
        let kind_may = s.kind.is_invalid() || s.is(SessionKind::Review);
        let date_may = s.date.is_invalid() || s.date.as_ref().is_some_and(|d| d.value <= deadline);
        (s.kind.is_invalid() || s.date.is_invalid()) && kind_may && date_may
    });
    let proposal = p.subtopics.iter().any(|s| {
        s.value
            .proposal
            .as_ref()
            .and_then(|pr| pr.value.review.as_ref())
            .is_some_and(|r| r.value.date.is_invalid())
    });
    session || proposal
}

rule!(AL502, "stage-inconsistent", Error);

/// What a stage lacks: the step, why, and the fix.
type Lack = (&'static str, &'static str, &'static str);

/// AL502: the declared stage has what it needs. A review whose `decision` is
/// written with a value that is not valid may be the approval step 5 needs:
/// the lack of an approval is then not reported.
fn stage(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(topic) = &p.topic else { return };
    let Some(stage) = &*topic.value.stage else { return };
    let n = stage.value.0;
    let evidence = crate::facts::stage_evidence_by(p, ctx.today);
    let crate::facts::StageEvidence {
        proposals,
        approved,
        results,
        ..
    } = evidence;
    let lang = ctx.lang;
    let lack: Option<Lack> = if n >= 4 && proposals == 0 {
        Some((
            pick(lang, "第四步（方案评审与决策）", "step 4 (方案评审与决策)"),
            pick(
                lang,
                "没有任何子课题有 `proposal:`",
                "no sub-topic has a `proposal:`",
            ),
            pick(
                lang,
                "在子课题的 `proposal:` 下写入初步方案",
                "add the preliminary solution under `proposal:` in its sub-topic",
            ),
        ))
    } else if n >= 5 && approved == 0 && !decision_invalid(ctx) {
        Some((
            pick(
                lang,
                "第五步（方案实施与跟踪评估）",
                "step 5 (方案实施与跟踪评估)",
            ),
            pick(
                lang,
                "没有任何方案的评审写明 `decision: approved`",
                "no proposal has a review with `decision: approved`",
            ),
            pick(
                lang,
                "在 `proposal.review` 下记录评审，并写明 `decision: approved`",
                "record the review under `proposal.review` with `decision: approved`",
            ),
        ))
    } else if n >= 6 && results == 0 {
        Some((
            pick(lang, "第六步（成果固化与应用）", "step 6 (成果固化与应用)"),
            pick(lang, "没有任何子课题有 `results:`", "no sub-topic has `results:`"),
            pick(
                lang,
                "在子课题的 `results:` 下记录已采纳和推广的成果",
                "record what was adopted and shared under `results:` in the sub-topic",
            ),
        ))
    } else {
        None
    };
    if let Some((step, why, fix)) = lack {
        let message = crate::tr!(
            ctx.lang,
            "项目所报阶段为 {n}，但{step}所需的内容缺失：{why}",
            "the program says it is at stage {n}, but for {step} {why}"
        );
        let help = crate::tr!(
            ctx.lang,
            "{fix}；或把 `stage:` 改为项目实际到达的步骤",
            "{fix}, or set `stage:` to the step the program has reached"
        );
        let label = crate::tr!(ctx.lang, "阶段 {n}", "stage {n}");
        ctx.emit(&AL502, topic.file, &stage.loc, message, help)
            .label(label);
    } else if let Some(shown) = evidence.supported_stage().filter(|s| *s > n) {
        behind(ctx, topic.file, &stage.loc, n, shown);
    }
}

/// AL502, the other way: the declared stage is behind the stage the record
/// supports ([`crate::facts::StageEvidence::supported_stage`]).
fn behind(ctx: &mut Ctx, file: usize, loc: &crate::diag::Loc, n: i64, shown: i64) {
    let why = match shown {
        6 => pick(
            ctx.lang,
            "已有子课题在 `results:` 下记录了采纳或推广的成果",
            "a sub-topic has results adopted or shared under `results:`",
        ),
        5 => pick(
            ctx.lang,
            "已有方案开始实施（`implementation.start`）",
            "a proposal's implementation started (`implementation.start`)",
        ),
        4 => pick(
            ctx.lang,
            "已有方案在 `proposal.review` 下记录了评审与决策",
            "a proposal's review and decision are recorded under `proposal.review`",
        ),
        _ => pick(ctx.lang, "已经举办了研讨班", "a workshop has been held"),
    };
    let message = crate::tr!(
        ctx.lang,
        "项目所报阶段为 {n}，但记录显示已到阶段 {shown}：{why}",
        "the program says it is at stage {n}, but the record shows stage {shown}: {why}"
    );
    let help = crate::tr!(
        ctx.lang,
        "把 `stage:` 改为 {shown}；如果记录有误，请更正记录",
        "set `stage:` to {shown}, or correct the record if it is wrong"
    );
    let label = crate::tr!(ctx.lang, "记录显示阶段 {shown}", "the record shows stage {shown}");
    ctx.emit(&AL502, file, loc, message, help).label(label);
}

/// Whether some proposal's review has a `decision` that is not valid.
fn decision_invalid(ctx: &Ctx) -> bool {
    ctx.program.subtopics.iter().any(|s| {
        s.value
            .proposal
            .as_ref()
            .and_then(|pr| pr.value.review.as_ref())
            .is_some_and(|r| r.value.decision.is_invalid())
    })
}

rule!(AL503, "proposal-without-analysis", Warning);

rule!(AL504, "metric-incomplete", Warning);

/// AL503 (a proposal without analysis) and AL504 (a metric without baseline or target).
fn proposals_and_metrics(ctx: &mut Ctx) {
    let p = ctx.program;
    for st in &p.subtopics {
        let v = &st.value;
        if let Some(proposal) = &v.proposal {
            let analysed = v
                .analysis
                .as_ref()
                .is_some_and(|a| !a.value.causes.is_empty() || !a.value.countermeasures.is_empty());
            if !analysed {
                let message = pick(
                    ctx.lang,
                    "这个方案之前没有分析原因或对策",
                    "this proposal has no causes or countermeasures analysed before it",
                );
                let help = pick(
                    ctx.lang,
                    "先走完六个动作：在 `analysis.causes`（析原因）和 `analysis.countermeasures`（找对策）下记录方案所依据的分析",
                    "work through the six moves first: record `analysis.causes` (析原因) and `analysis.countermeasures` (找对策) that the proposal builds on",
                );
                let label = pick(ctx.lang, "方案缺少分析", "proposal without analysis");
                ctx.emit(
                    &AL503,
                    st.file,
                    &proposal.loc,
                    message.to_string(),
                    help.to_string(),
                )
                .label(label);
            }
        }
        let Some(imp) = &v.implementation else { continue };
        for m in &imp.value.metrics {
            metric(ctx, st.file, m);
        }
    }
}

/// AL504: a metric has a baseline and a target (a value written but not
/// valid is not missing).
fn metric(ctx: &mut Ctx, file: usize, m: &crate::yaml::Sp<crate::model::Metric>) {
    let missing: Vec<&str> = [
        (pick(ctx.lang, "基线值", "baseline"), m.value.baseline.is_absent()),
        (pick(ctx.lang, "目标值", "target"), m.value.target.is_absent()),
    ]
    .iter()
    .filter(|(_, x)| *x)
    .map(|(k, _)| *k)
    .collect();
    if missing.is_empty() {
        return;
    }
    let name = m
        .value
        .name
        .as_ref()
        .map_or(pick(ctx.lang, "（未命名）", "(unnamed)"), |n| {
            n.value.0.as_str()
        });
    let (message, label) = match ctx.lang {
        Lang::Zh => (
            format!("指标 `{name}` 没有{}", missing.join("，也没有")),
            format!("无{}", missing.join("、无")),
        ),
        Lang::En => (
            format!("the metric `{name}` has no {}", missing.join(" and no ")),
            format!("no {}", missing.join(", no ")),
        ),
    };
    let help = pick(
        ctx.lang,
        "指标反映从基线值到目标值的变化：请添加 `baseline:`（实施前的数值）和 `target:`（要达到的数值）",
        "a metric shows change from a baseline towards a target: add `baseline:` (the value before) and `target:` (the value aimed at)",
    );
    ctx.emit(&AL504, file, &m.loc, message, help.to_string())
        .label(label);
}

rule!(AL601, "budget-overspent", Warning);

/// AL601: spent above planned, per item and in total.
fn budget(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(topic) = &p.topic else { return };
    let currency = topic
        .value
        .currency
        .as_ref()
        .map(|c| format!(" {}", c.0))
        .unwrap_or_default();
    for b in &topic.value.budget {
        let v = &b.value;
        let (Some(pl), Some(sp)) = (&*v.planned, &*v.spent) else {
            continue;
        };
        if let Some(over) = crate::facts::over_plan(Some(pl.value.0), sp.value.0) {
            let item = v
                .item
                .as_ref()
                .map_or(pick(ctx.lang, "（未命名）", "(unnamed)"), |i| i.0.as_str());
            let (spent, planned, over) = (money(sp.value.0), money(pl.value.0), money(over));
            let message = crate::tr!(
                ctx.lang,
                "预算项 `{item}` 已支出 {spent}{currency}，超出计划的 {planned}",
                "the budget line `{item}` has spent {spent}{currency}, above the {planned} planned"
            );
            let help = pick(
                ctx.lang,
                "与项目办商定这一项的新计划并更新 `planned:`，或更正 `spent:`",
                "agree a new plan for this line with the program office and update `planned:`, or correct `spent:`",
            );
            let label = crate::tr!(ctx.lang, "超支 {over}", "{over} over");
            ctx.emit(&AL601, topic.file, &sp.loc, message, help.to_string())
                .label(label);
        }
    }
    // Spending on a line without a plan is not held against the plan.
    let totals = crate::facts::budget(p);
    let (planned, spent) = (totals.planned, totals.spent_on_planned);
    if totals.over_plan().is_some()
        && let Some(first) = topic.value.budget.first()
    {
        let (spent, planned) = (money(spent), money(planned));
        let message = crate::tr!(
            ctx.lang,
            "预算已支出总计 {spent}{currency}，超出计划总额 {planned}",
            "the budget has spent {spent}{currency} in total, above the {planned} planned"
        );
        let help = pick(
            ctx.lang,
            "项目的成本（专家、调研、会议、培训）必须有计划：请向一把手申请调整计划，或削减支出",
            "the program's cost (experts, research, meetings, training) must be planned: raise the plan with the sponsor, or cut spending",
        );
        let label = pick(ctx.lang, "总额超出计划", "total over plan");
        ctx.emit(&AL601, topic.file, &first.loc, message, help.to_string())
            .label(label);
    }
}

/// A sum of money without a needless `.0`.
fn money(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

rule!(AL505, "dated-in-the-future", Warning);

/// AL505: a proposal submitted, a review held or a metric measured after
/// `--today`. Such a record is not evidence for any stage
/// ([`crate::facts::stage_evidence_by`]).
fn future(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let today = ctx.today;
    let mut found: Vec<(&Loc, Date, &'static str)> = Vec::new();
    if let Some(pr) = &st.value.proposal {
        if let Some(d) = &*pr.value.submitted {
            found.push((
                &d.loc,
                d.value,
                pick(ctx.lang, "方案提交", "the proposal was submitted"),
            ));
        }
        if let Some(r) = &pr.value.review
            && let Some(d) = &*r.value.date
        {
            let approved = r
                .value
                .decision
                .as_ref()
                .is_some_and(|x| x.value == Decision::Approved);
            let what = if approved {
                pick(ctx.lang, "方案获批", "the proposal was approved")
            } else {
                pick(ctx.lang, "方案评审", "the proposal was reviewed")
            };
            found.push((&d.loc, d.value, what));
        }
    }
    if let Some(imp) = &st.value.implementation {
        for m in &imp.value.metrics {
            if let Some(d) = &*m.value.measured {
                found.push((
                    &d.loc,
                    d.value,
                    pick(ctx.lang, "指标测量", "a metric was measured"),
                ));
            }
        }
    }
    for (loc, date, what) in found.into_iter().filter(|(_, d, _)| *d > today) {
        let message = crate::tr!(
            ctx.lang,
            "记录的{what}日期为 {date}，晚于今天（{today}）",
            "the record says {what} on {date}, after today ({today})"
        );
        let help = pick(
            ctx.lang,
            "只记录已经发生的事：更正日期，或等事情发生后再记录；未来的日期不能作为任何阶段的依据",
            "record only what has happened: correct the date, or add it once it has; a future date is not evidence for any stage",
        );
        let label = pick(ctx.lang, "未来的日期", "in the future");
        ctx.emit(&AL505, st.file, loc, message, help.to_string())
            .label(label);
    }
}

rule!(AL506, "approval-unsigned", Warning);

/// AL506: a review that decided `approved` says who approved it (`by:`).
fn unsigned(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let Some(pr) = &st.value.proposal else { return };
    let Some(r) = &pr.value.review else { return };
    let approved = r
        .value
        .decision
        .as_ref()
        .is_some_and(|d| d.value == Decision::Approved);
    if !approved || r.value.by.iter().any(|b| !b.trim().is_empty()) {
        return;
    }
    let message = pick(
        ctx.lang,
        "方案已获批，但没有写明由谁批准",
        "the proposal is approved, but the review does not say by whom",
    );
    let help = pick(
        ctx.lang,
        "在 `proposal.review` 下加上 `by:`，写明作出决策的领导或评审人，例如 `by: [李明]`",
        "add `by:` under `proposal.review` with the leaders or reviewers who decided, e.g. `by: [李明]`",
    );
    let label = pick(ctx.lang, "缺少 `by`", "no `by`");
    ctx.emit(&AL506, st.file, &r.loc, message.to_string(), help.to_string())
        .label(label);
}

rule!(AL507, "proposal-dates-contradict", Error);

/// AL507: a proposal submitted after its review, an implementation started
/// before its approval, or one started on a proposal whose review decided
/// `rejected` or `revise`.
fn contradictions(ctx: &mut Ctx, st: &Doc<Subtopic>) {
    let Some(pr) = &st.value.proposal else { return };
    let review = pr.value.review.as_ref().map(|r| &r.value);
    let reviewed = review.and_then(|r| r.date.as_ref()).map(|d| d.value);
    if let (Some(sub), Some(rev)) = (&*pr.value.submitted, reviewed)
        && sub.value > rev
    {
        let date = sub.value;
        let message = crate::tr!(
            ctx.lang,
            "方案的提交日期 {date} 晚于其评审日期 {rev}",
            "the proposal was submitted on {date}, after its review on {rev}"
        );
        let help = pick(
            ctx.lang,
            "方案先提交、后评审：请更正 `submitted:` 或 `review.date:`",
            "a proposal is submitted before it is reviewed: correct `submitted:` or `review.date:`",
        );
        let label = crate::tr!(ctx.lang, "晚于 {rev}", "after {rev}");
        ctx.emit(&AL507, st.file, &sub.loc, message, help.to_string())
            .label(label);
    }
    let Some(start) = st
        .value
        .implementation
        .as_ref()
        .and_then(|i| i.value.start.as_ref())
    else {
        return;
    };
    let Some(decision) = review.and_then(|r| r.decision.as_ref()).map(|d| d.value) else {
        return;
    };
    let begun = start.value;
    let (message, label) = match (decision, reviewed) {
        (Decision::Approved, Some(rev)) if begun < rev => (
            crate::tr!(
                ctx.lang,
                "实施开始于 {begun}，早于方案获批（{rev}）",
                "the implementation started on {begun}, before the proposal was approved ({rev})"
            ),
            crate::tr!(ctx.lang, "早于 {rev}", "before {rev}"),
        ),
        (Decision::Approved, _) => return,
        (other, _) => {
            let decided = other.as_str();
            (
                crate::tr!(
                    ctx.lang,
                    "方案评审的决定是 `{decided}`，但实施已于 {begun} 开始",
                    "the proposal's review decided `{decided}`, but the implementation started on {begun}"
                ),
                pick(ctx.lang, "方案未获批", "not approved").to_string(),
            )
        }
    };
    let help = pick(
        ctx.lang,
        "第五步实施的是经评审通过的方案：请更正 `implementation.start:` 或评审的 `date:`／`decision:`",
        "step 5 carries out an approved solution: correct `implementation.start:`, or the review's `date:` or `decision:`",
    );
    ctx.emit(&AL507, st.file, &start.loc, message, help.to_string())
        .label(label);
}

rule!(AL602, "budget-amount-invalid", Error);

/// AL602: a budget `planned` or `spent` that is negative, above 10^12, or not finite (a
/// value that is not a finite number is already not valid when read; the
/// check stays for any other way a number gets in). The line is then left
/// out of AL601.
fn amounts(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(topic) = &p.topic else { return };
    for b in &topic.value.budget {
        for (key, field) in [("planned", &b.value.planned), ("spent", &b.value.spent)] {
            let Some(x) = &**field else { continue };
            if crate::facts::amount_ok(x.value.0) {
                continue;
            }
            let value = x.value.0;
            // A huge number with its exponent (`1e308`), not its 309 digits.
            let shown = match value.abs() >= 1e15 {
                true => format!("{value:e}"),
                false => value.to_string(),
            };
            let message = crate::tr!(
                ctx.lang,
                "预算金额 `{key}: {shown}` 不是有效的金额",
                "the budget amount `{key}: {shown}` is not a sum of money"
            );
            let help = match value < 0.0 {
                true => pick(
                    ctx.lang,
                    "预算金额应为零或正数：请更正这个数",
                    "a budget amount is zero or more: correct the number",
                ),
                false => pick(
                    ctx.lang,
                    "预算金额最多为 10^12（1000000000000）：请更正这个数",
                    "a budget amount is at most 10^12 (1000000000000): correct the number",
                ),
            };
            let label = match value < 0.0 {
                true => pick(ctx.lang, "负数", "negative"),
                false => pick(ctx.lang, "超过 10^12", "above 10^12"),
            };
            ctx.emit(&AL602, topic.file, &x.loc, message, help.to_string())
                .label(label);
        }
    }
}

/// The name a topic.yaml role is written with (`convener`, `sponsor`), when
/// it is written and not blank.
fn role_name(name: Option<&crate::model::Text>) -> Option<&str> {
    name.map(|n| n.0.as_str()).filter(|n| !n.trim().is_empty())
}

/// A leader of topic.yaml (the convener, the sponsor): their name and title.
#[derive(Clone, Copy)]
struct Leader<'a> {
    name: &'a str,
    title: Option<&'a str>,
}

impl<'a> Leader<'a> {
    /// The convener, when topic.yaml names one.
    fn convener(topic: &'a crate::model::Topic) -> Option<Self> {
        let c = &topic.convener.as_ref()?.value;
        Some(Leader {
            name: role_name(c.name.as_ref())?,
            title: role_name(c.title.as_ref()),
        })
    }

    /// The sponsor, when topic.yaml names one.
    fn sponsor(topic: &'a crate::model::Topic) -> Option<Self> {
        let s = &topic.sponsor.as_ref()?.value;
        Some(Leader {
            name: role_name(s.name.as_ref())?,
            title: role_name(s.title.as_ref()),
        })
    }

    /// Whether `who` (as written on a panel or an attendance) names them:
    /// by name ([`crate::facts::Index::same_person`]), by title alone, or
    /// by both together (`王建国副总经理`, `副总经理王建国`, `Service Director
    /// Maria Lopez`).
    fn is(self, ix: &crate::facts::Index, who: &str) -> bool {
        let mut forms = vec![self.name.to_string()];
        if let Some(t) = self.title {
            let n = self.name;
            forms.extend([
                t.to_string(),
                format!("{n}{t}"),
                format!("{t}{n}"),
                format!("{n} {t}"),
                format!("{t} {n}"),
            ]);
        }
        forms.iter().any(|f| ix.same_person(who, f))
    }
}

rule!(AL508, "review-without-leaders", Warning);

/// AL508: the convener takes part in the key moments and decides (召集人：参与
/// 关键环节、决策); the sponsor (一把手) commits to the program. A review of
/// preliminary solutions held by `--today` ([`crate::facts::review_meetings`]:
/// the review sessions and `proposal.review`s of one day are one review)
/// whose panel — `review.by`, and the review sessions' `panel`, `attendees`
/// and `guests` — names neither is reported, once per review. A review whose
/// panel is not recorded at all is not judged (AL506 reports an approval
/// that does not say by whom), nor is any review when topic.yaml names
/// neither a convener nor a sponsor (AL102 reports the convener missing).
fn review_panel(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(topic) = &p.topic else { return };
    let (convener, sponsor) = (Leader::convener(&topic.value), Leader::sponsor(&topic.value));
    if convener.is_none() && sponsor.is_none() {
        return;
    }
    for review in crate::facts::review_meetings(p) {
        if review.date.is_some_and(|d| d > ctx.today) {
            continue;
        }
        let panel = review.panel();
        let on_panel = |l: Leader| panel.iter().any(|who| l.is(&ctx.index, who));
        if panel.is_empty() || convener.is_some_and(on_panel) || sponsor.is_some_and(on_panel) {
            continue;
        }
        let at = match (review.sessions.first(), review.proposals.first()) {
            (Some(s), _) => s.value.kind.as_ref().map(|k| (s.file, &k.loc)),
            (None, Some((st, r))) => Some((st.file, &r.loc)),
            (None, None) => None,
        };
        let Some((file, loc)) = at else { continue };
        let names = (convener.map(|l| l.name), sponsor.map(|l| l.name));
        let (message, help, label) = review_texts(ctx.lang, review.date, names);
        ctx.emit(&AL508, file, loc, message, help).label(label);
    }
}

/// AL508's message, help and label.
fn review_texts(
    lang: Lang,
    date: Option<Date>,
    (convener, sponsor): (Option<&str>, Option<&str>),
) -> (String, String, String) {
    let review = match date {
        Some(d) => crate::tr!(lang, "{d} 的初步方案评审", "the review of {d}"),
        None => pick(lang, "这次初步方案评审", "this review").to_string(),
    };
    let message = match (convener, sponsor) {
        (Some(c), Some(s)) => crate::tr!(
            lang,
            "{review}，评审人中既没有召集人（{c}），也没有一把手（{s}）",
            "neither the convener ({c}) nor the sponsor ({s}) is on the panel of {review}"
        ),
        (Some(c), None) => crate::tr!(
            lang,
            "{review}，评审人中没有召集人（{c}）",
            "the convener ({c}) is not on the panel of {review}"
        ),
        (None, Some(s)) => crate::tr!(
            lang,
            "{review}，评审人中没有一把手（{s}）",
            "the sponsor ({s}) is not on the panel of {review}"
        ),
        (None, None) => String::new(),
    };
    let help = pick(
        lang,
        "召集人参与关键环节并作出决策，一把手对项目作出承诺：初步方案评审应有他们参加。如果他们参加了，请写进评审的 `by:`（或评审活动的 `panel:`、`attendees:`、`guests:`）；否则请邀请他们参加评审",
        "the convener takes part in the key moments and decides (召集人：参与关键环节、决策), and the sponsor (一把手) is committed to the program: the review of preliminary solutions has them. If they took part, name them under the review's `by:` (or the review session's `panel:`, `attendees:` or `guests:`); if not, invite them to the review",
    );
    let label = pick(
        lang,
        "评审人中无召集人或一把手",
        "no convener or sponsor on the panel",
    );
    (message, help.to_string(), label.to_string())
}

rule!(AL509, "kickoff-without-convener", Warning);

/// AL509: the convener takes part in the kick-off (启动会议), the first key
/// moment. A kick-off held by `--today` whose attendance is recorded
/// (`attendees:`) and names the convener neither among its `attendees` nor
/// among its `guests` is reported at its kind. A kick-off with no recorded
/// attendance is not judged, nor is one whose date is not valid, nor any
/// when topic.yaml names no convener (AL102).
fn kickoff_convener(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(topic) = &p.topic else { return };
    let Some(convener) = Leader::convener(&topic.value) else {
        return;
    };
    for s in &p.sessions {
        let v = &s.value;
        let Some(kind) = &*v.kind else { continue };
        let Some(attendees) = &v.attendees else { continue };
        let held = v.date.as_ref().is_none_or(|d| d.value <= ctx.today);
        if kind.value != SessionKind::Kickoff || v.date.is_invalid() || !held {
            continue;
        }
        let there = attendees
            .iter()
            .chain(&v.guests)
            .any(|who| convener.is(&ctx.index, &who.value));
        if there {
            continue;
        }
        let (lang, convener) = (ctx.lang, convener.name);
        let message = match &*v.date {
            Some(d) => {
                let d = d.value;
                crate::tr!(
                    lang,
                    "{d} 的启动会议出勤记录中没有召集人（{convener}）",
                    "the attendance of the kick-off of {d} does not include the convener ({convener})"
                )
            }
            None => crate::tr!(
                lang,
                "启动会议的出勤记录中没有召集人（{convener}）",
                "the attendance of the kick-off does not include the convener ({convener})"
            ),
        };
        let help = pick(
            lang,
            "召集人是项目总负责人，参与关键环节，启动会议由其介绍项目的总体安排：如果召集人出席了，请写进 `guests:`（是小组成员时写进 `attendees:`）；否则请记下原因，并在下一次全班集中时请召集人出席",
            "the convener leads the program and takes part in its key moments, the kick-off first (召集人：参与关键环节): if they were there, add them under `guests:` (or `attendees:` if they are a member); if not, note why, and have them at the next plenary gathering",
        );
        let label = pick(lang, "召集人未出席", "no convener");
        ctx.emit(&AL509, s.file, &kind.loc, message, help.to_string())
            .label(label);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Lang, Limits};
    use crate::facts::test_program::{d, program};

    /// The findings of `code` at `today`, as messages.
    fn found(files: &[(&str, &str)], today: &str, code: &str) -> Vec<String> {
        let p = program(files);
        crate::rules::run(&p, &Limits::default(), d(today), Lang::En)
            .into_iter()
            .filter(|f| f.rule.code == code)
            .map(|f| f.message)
            .collect()
    }

    const TOPIC: &str = "start: 2026-03-01\nstage: 3\n";
    const WORKSHOP: (&str, &str) = ("sessions/w.yaml", "kind: workshop\ndate: 2026-03-16\n");
    const APPROVED: &str = "question: q?\nproposal: { submitted: 2026-07-01, review: { date: 2026-07-20, by: [li], decision: approved } }\n";

    #[test]
    fn a_stage_behind_the_record_says_the_stage_the_record_shows() {
        let files = [("topic.yaml", TOPIC), WORKSHOP, ("subtopics/a.yaml", APPROVED)];
        let at = found(&files, "2026-08-01", "AL502");
        assert_eq!(
            at,
            [
                "the program says it is at stage 3, but the record shows stage 4: a proposal's review and decision are recorded under `proposal.review`"
            ]
        );
        assert!(
            found(&files, "2026-07-10", "AL502").is_empty(),
            "an approval after today is not evidence"
        );
        let future = found(&files, "2026-07-10", "AL505");
        assert_eq!(future.len(), 1, "{future:?}");
        let stage5 = [
            ("topic.yaml", "start: 2026-03-01\nstage: 5\n"),
            WORKSHOP,
            ("subtopics/a.yaml", APPROVED),
        ];
        assert!(found(&stage5, "2026-08-01", "AL502").is_empty());
        let held = [("topic.yaml", "start: 2026-03-01\nstage: 2\n"), WORKSHOP];
        assert_eq!(
            found(&held, "2026-04-01", "AL502").len(),
            1,
            "a workshop held is stage 3"
        );
        assert!(found(&held, "2026-03-10", "AL502").is_empty(), "not yet held");
    }

    #[test]
    fn an_implementation_needs_an_approval_before_it() {
        let early = APPROVED.to_string() + "implementation: { start: 2026-07-10 }\n";
        let at = found(&[("subtopics/a.yaml", &early)], "2026-08-01", "AL507");
        assert_eq!(
            at,
            ["the implementation started on 2026-07-10, before the proposal was approved (2026-07-20)"]
        );
        let rejected = early.replace("approved", "rejected");
        let at = found(&[("subtopics/a.yaml", &rejected)], "2026-08-01", "AL507");
        assert_eq!(
            at,
            ["the proposal's review decided `rejected`, but the implementation started on 2026-07-10"]
        );
        let fine = APPROVED.to_string() + "implementation: { start: 2026-08-01 }\n";
        assert!(found(&[("subtopics/a.yaml", &fine)], "2026-08-01", "AL507").is_empty());
    }

    #[test]
    fn a_measurement_after_today_and_an_unsigned_approval_are_flagged() {
        let text = "question: q?\nproposal: { review: { date: 2026-07-20, by: [' '], decision: approved } }\nimplementation: { start: 2026-08-01, metrics: [{ name: m, baseline: 1, target: 2, measured: 2026-09-01 }] }\n";
        let files = [("subtopics/a.yaml", text)];
        assert_eq!(
            found(&files, "2026-08-15", "AL505"),
            ["the record says a metric was measured on 2026-09-01, after today (2026-08-15)"]
        );
        assert_eq!(found(&files, "2026-08-15", "AL506").len(), 1);
    }

    const LEADERS: &str = "start: 2026-03-01\nconvener: { name: 王建国, title: 副总 }\nsponsor: { name: Li Ming, title: 总经理 }\n";
    const PEOPLE: &str = "people:\n  - { id: wang, name: 王建国 }\n  - { id: zhang, name: 张伟 }\ngroups:\n  - { id: g1, members: [wang, zhang] }\n";

    #[test]
    fn a_review_is_judged_once_on_everyone_of_its_day() {
        let session = "kind: review\ndate: 2026-08-24\npanel: [经理]\nattendees: [zhang]\n";
        let proposal =
            |by: &str| format!("question: q?\nproposal: {{ review: {{ date: 2026-08-24, by: [{by}] }} }}\n");
        let files = |by: &str| {
            vec![
                ("topic.yaml".to_string(), LEADERS.to_string()),
                ("team.yaml".to_string(), PEOPLE.to_string()),
                ("sessions/r.yaml".to_string(), session.to_string()),
                ("subtopics/a.yaml".to_string(), proposal(by)),
                ("subtopics/b.yaml".to_string(), proposal("主任")),
            ]
        };
        let run = |by: &str, today: &str| {
            let owned = files(by);
            let refs: Vec<(&str, &str)> = owned.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            found(&refs, today, "AL508")
        };
        assert_eq!(
            run("主任", "2026-09-01"),
            [
                "neither the convener (王建国) nor the sponsor (Li Ming) is on the panel of the review of 2026-08-24"
            ]
        );
        assert!(run("wang", "2026-09-01").is_empty(), "the convener by id");
        assert!(
            run("li  ming", "2026-09-01").is_empty(),
            "the sponsor by name, any case and spacing"
        );
        assert!(run("主任", "2026-08-20").is_empty(), "not held yet");
        assert!(run("总经理", "2026-09-01").is_empty(), "the sponsor by title");
        assert!(
            run("王建国（召集人）", "2026-09-01").is_empty(),
            "a remark in brackets"
        );
        assert!(run("副总王建国", "2026-09-01").is_empty(), "title and name");
    }

    #[test]
    fn a_review_without_a_panel_or_without_leaders_on_file_is_not_judged() {
        let review = ("sessions/r.yaml", "kind: review\ndate: 2026-08-24\n");
        assert!(found(&[("topic.yaml", LEADERS), review], "2026-09-01", "AL508").is_empty());
        let panel = (
            "sessions/r.yaml",
            "kind: review\ndate: 2026-08-24\nguests: [经理]\n",
        );
        let nobody = ("topic.yaml", "start: 2026-03-01\n");
        assert!(found(&[nobody, panel], "2026-09-01", "AL508").is_empty());
        let convener_only = ("topic.yaml", "start: 2026-03-01\nconvener: { name: 王建国 }\n");
        assert_eq!(
            found(&[convener_only, panel], "2026-09-01", "AL508"),
            ["the convener (王建国) is not on the panel of the review of 2026-08-24"]
        );
        let undated = (
            "subtopics/a.yaml",
            "question: q?\nproposal: { review: { by: [经理], decision: approved } }\n",
        );
        assert_eq!(
            found(&[convener_only, undated], "2026-09-01", "AL508"),
            ["the convener (王建国) is not on the panel of this review"]
        );
    }

    #[test]
    fn a_kickoff_with_attendance_recorded_includes_the_convener() {
        let kickoff = |rest: &str| format!("kind: kickoff\ndate: 2026-03-02\n{rest}");
        let run = |rest: &str| {
            let k = kickoff(rest);
            found(
                &[
                    ("topic.yaml", LEADERS),
                    ("team.yaml", PEOPLE),
                    ("sessions/k.yaml", &k),
                ],
                "2026-04-01",
                "AL509",
            )
        };
        assert_eq!(
            run("attendees: [zhang]\nguests: [Li Ming]\n"),
            ["the attendance of the kick-off of 2026-03-02 does not include the convener (王建国)"]
        );
        assert!(run("attendees: [zhang, wang]\n").is_empty(), "a member by id");
        assert!(run("attendees: [zhang]\nguests: [' 王建国 ']\n").is_empty());
        assert!(run("guests: [Li Ming]\n").is_empty(), "attendance not recorded");
    }

    #[test]
    fn a_bad_amount_is_left_out_of_the_overspending() {
        let topic = "start: 2026-03-01\nbudget:\n  - { item: a, planned: -10, spent: 5 }\n  - { item: b, planned: 10, spent: 5 }\n";
        let files = [("topic.yaml", topic)];
        assert!(found(&files, "2026-04-01", "AL601").is_empty());
        assert_eq!(
            found(&files, "2026-04-01", "AL602"),
            ["the budget amount `planned: -10` is not a sum of money"]
        );
    }
}
