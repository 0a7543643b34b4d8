//! AL101–AL104: the topic (step 1, 选定主题).

use super::Ctx;
use super::rule;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};

rule!(AL101, "topic-criterion-missing", Error);

rule!(AL102, "convener-missing", Error);

rule!(AL103, "topic-source-missing", Warning);

rule!(AL104, "sponsor-missing", Warning);

/// Runs the topic rules.
pub fn check(ctx: &mut Ctx) {
    let Some(doc) = &ctx.program.topic else { return };
    let (f, t) = (doc.file, &doc.value);
    let top = Loc::file_start();

    // AL101: the four criteria, each argued.
    let names = [
        (
            "important",
            "重要: why it is a major difficulty that must be solved soon",
        ),
        (
            "difficult",
            "困难: why there is no ready answer (scope, dilemmas, stakeholders)",
        ),
        (
            "feasible",
            "可行: why it serves the strategy and lies within the program's authority",
        ),
        (
            "learning",
            "学习: what the organisation will learn and be able to share",
        ),
    ];
    match &t.criteria {
        None => {
            let missing: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            ctx.emit(
                &AL101,
                f,
                &top,
                "the topic argues none of the four criteria (important, difficult, feasible, learning)"
                    .to_string(),
                format!(
                    "add `criteria:` with {}, each a sentence or two",
                    missing.join(", ")
                ),
            );
        }
        Some(c) => {
            let values = [
                &c.value.important,
                &c.value.difficult,
                &c.value.feasible,
                &c.value.learning,
            ];
            for ((name, why), value) in names.iter().zip(values) {
                match &**value {
                    None => {
                        ctx.emit(
                            &AL101,
                            f,
                            &c.loc,
                            format!("the topic criterion `{name}` is not argued"),
                            format!("add `{name}:` under `criteria:` saying {why}"),
                        )
                        .label(format!("`{name}` is missing from these criteria"));
                    }
                    Some(v) if v.value.0.trim().is_empty() => {
                        ctx.emit(
                            &AL101,
                            f,
                            &v.loc,
                            format!("the topic criterion `{name}` is empty"),
                            format!("write a sentence or two saying {why}"),
                        );
                    }
                    Some(_) => {}
                }
            }
        }
    }

    // AL102: a convener.
    let convener_named = t
        .convener
        .as_ref()
        .and_then(|c| c.value.name.as_ref())
        .is_some_and(|n| !n.0.trim().is_empty());
    if !convener_named {
        let loc = t.convener.as_ref().map_or(top.clone(), |c| c.loc.clone());
        ctx.emit(
            &AL102,
            f,
            &loc,
            "the topic has no convener (召集人)".to_string(),
            "add `convener: { name: …, title: … }` — the overall lead who organises, tracks and decides"
                .to_string(),
        );
    }

    // AL103: a source.
    if t.source.is_none() {
        ctx.emit(
            &AL103,
            f,
            &top,
            "the topic does not say where it came from (主题来源)".to_string(),
            "add `source:` with one of: strategic-priority, review-finding, benchmark-gap, stakeholder-need"
                .to_string(),
        );
    }

    // AL104: the top leader's commitment.
    match &t.sponsor {
        None => {
            ctx.emit(
                &AL104,
                f,
                &top,
                "no sponsor: the top leader's commitment (一把手承诺) is not recorded".to_string(),
                "add `sponsor: { name: …, title: …, commitment: … }`".to_string(),
            );
        }
        Some(s) if s.value.commitment.as_ref().is_none_or(|c| c.0.trim().is_empty()) => {
            ctx.emit(
                &AL104,
                f,
                &s.loc,
                "the sponsor's commitment is not recorded".to_string(),
                "add `commitment:` saying what the top leader committed to, e.g. 每季度听取一次汇报"
                    .to_string(),
            )
            .label("no `commitment` here");
        }
        Some(_) => {}
    }
}
