//! AL501–AL504 (the six steps) and AL601 (budget).

use super::Ctx;
use super::rule;
use crate::dates::add_months;
use crate::diag::Severity::{Error, Warning};

/// Runs the six-step and budget rules.
pub fn check(ctx: &mut Ctx) {
    review_due(ctx);
    stage(ctx);
    proposals_and_metrics(ctx);
    budget(ctx);
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
    if first.is_some_and(|d| d <= deadline) {
        return;
    }
    let when = match first {
        Some(d) => format!("the first review was on {d}"),
        None => "there has been no review yet".to_string(),
    };
    ctx.emit(
        &AL501,
        topic.file,
        &start.loc,
        format!("no review of a preliminary solution within {months} months of the start ({} to {deadline}); {when}", start.value),
        format!("steps 1–3 usually take 3 to {months} months and end in a preliminary solution: hold its review (a session with `kind: review`, or `proposal.review` in a sub-topic)"),
    )
    .label(format!("+{months} months = {deadline}"));
}

rule!(AL502, "stage-inconsistent", Error);

/// AL502: the declared stage has what it needs.
fn stage(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(topic) = &p.topic else { return };
    let Some(stage) = &*topic.value.stage else { return };
    let n = stage.value.0;
    let crate::facts::StageEvidence {
        proposals,
        approved,
        results,
        ..
    } = crate::facts::stage_evidence(p);
    let lack = if n >= 4 && proposals == 0 {
        Some((
            "step 4 (方案评审与决策)",
            "no sub-topic has a `proposal:`",
            "add the preliminary solution under `proposal:` in its sub-topic",
        ))
    } else if n >= 5 && approved == 0 {
        Some((
            "step 5 (方案实施与跟踪评估)",
            "no proposal has a review with `decision: approved`",
            "record the review under `proposal.review` with `decision: approved`",
        ))
    } else if n >= 6 && results == 0 {
        Some((
            "step 6 (成果固化与应用)",
            "no sub-topic has `results:`",
            "record what was adopted and shared under `results:` in the sub-topic",
        ))
    } else {
        None
    };
    if let Some((step, why, fix)) = lack {
        ctx.emit(
            &AL502,
            topic.file,
            &stage.loc,
            format!("the program says it is at stage {n}, but for {step} {why}"),
            format!("{fix}, or set `stage:` to the step the program has reached"),
        )
        .label(format!("stage {n}"));
    }
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
                ctx.emit(
                    &AL503,
                    st.file,
                    &proposal.loc,
                    "this proposal has no causes or countermeasures analysed before it".to_string(),
                    "work through the six moves first: record `analysis.causes` (析原因) and `analysis.countermeasures` (找对策) that the proposal builds on".to_string(),
                )
                .label("proposal without analysis");
            }
        }
        let Some(imp) = &v.implementation else { continue };
        for m in &imp.value.metrics {
            let missing: Vec<&str> = [
                ("baseline", m.value.baseline.is_none()),
                ("target", m.value.target.is_none()),
            ]
            .iter()
            .filter(|(_, x)| *x)
            .map(|(k, _)| *k)
            .collect();
            if missing.is_empty() {
                continue;
            }
            let name = m.value.name.as_ref().map_or("(unnamed)", |n| n.value.0.as_str());
            ctx.emit(
                &AL504,
                st.file,
                &m.loc,
                format!("the metric `{name}` has no {}", missing.join(" and no ")),
                "a metric shows change from a baseline towards a target: add `baseline:` (the value before) and `target:` (the value aimed at)".to_string(),
            )
            .label(format!("no {}", missing.join(", no ")));
        }
    }
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
        if sp.value.0 > pl.value.0 {
            let item = v.item.as_ref().map_or("(unnamed)", |i| i.0.as_str());
            ctx.emit(
                &AL601,
                topic.file,
                &sp.loc,
                format!(
                    "the budget line `{item}` has spent {}{currency}, above the {} planned",
                    money(sp.value.0),
                    money(pl.value.0)
                ),
                "agree a new plan for this line with the program office and update `planned:`, or correct `spent:`".to_string(),
            )
            .label(format!("{} over", money(sp.value.0 - pl.value.0)));
        }
    }
    // Spending on a line without a plan is not held against the plan.
    let totals = crate::facts::budget(p);
    let (planned, spent) = (totals.planned, totals.spent_on_planned);
    if spent > planned
        && let Some(first) = topic.value.budget.first()
    {
        ctx.emit(
            &AL601,
            topic.file,
            &first.loc,
            format!("the budget has spent {}{currency} in total, above the {} planned", money(spent), money(planned)),
            "the program's cost (experts, research, meetings, training) must be planned: raise the plan with the sponsor, or cut spending".to_string(),
        )
        .label("total over plan");
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
