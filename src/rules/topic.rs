//! AL101–AL104: the topic (step 1, 选定主题).

use super::{Ctx, Rule};
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};

/// AL101, in the registry [`super::RULES`].
pub(crate) static AL101: Rule = Rule {
    code: "AL101",
    name: "topic-criterion-missing",
    severity: Error,
    summary: "one of important / difficult / feasible / learning is not argued",
    what: "topic.yaml argues each of the four criteria of a good topic under `criteria:` — important, difficult, feasible, learning — each with a non-empty text.",
    why: "The handbook's best standard for a topic (最佳标准): important (重要) — a major difficulty to solve soon; difficult (困难) — no ready answer, across departments, with dilemmas; feasible (可行) — within the program's authority; learning (学习) — the way it is solved can be shared. A topic that fails one of them is the wrong topic for action learning.",
    example: "criteria:\n  important: 人才流失直接影响三个重点项目交付\n  difficult: 涉及人力、财务、业务三个部门\n",
    instead: "criteria:\n  important: 人才流失直接影响三个重点项目交付\n  difficult: 涉及人力、财务、业务三个部门\n  feasible: 在公司人力资源政策权限内\n  learning: 形成的留才方法可在全集团推广\n",
};

/// AL102, in the registry [`super::RULES`].
pub(crate) static AL102: Rule = Rule {
    code: "AL102",
    name: "convener-missing",
    severity: Error,
    summary: "no convener",
    what: "topic.yaml names the convener (召集人) with `convener: { name, title }`.",
    why: "The convener is the overall project lead: organises and coordinates, takes part in the key moments, tracks and controls the process, and decides. Without one, nobody owns the decision at step 4.",
    example: "title: 如何降低优秀人才流失率\n",
    instead: "title: 如何降低优秀人才流失率\nconvener: { name: 王建国, title: 副总经理 }\n",
};

/// AL103, in the registry [`super::RULES`].
pub(crate) static AL103: Rule = Rule {
    code: "AL103",
    name: "topic-source-missing",
    severity: Warning,
    summary: "no topic source",
    what: "topic.yaml says where the topic came from with `source:` — strategic-priority, review-finding, benchmark-gap or stakeholder-need.",
    why: "The handbook names four sources of topics (主题来源): the leadership's key work (中心工作), reviews and evaluations (检查评估), benchmarking (标杆对比), and the difficulties of the people served. Recording it shows the topic is anchored in the organisation's real needs.",
    example: "title: 如何降低优秀人才流失率\n",
    instead: "title: 如何降低优秀人才流失率\nsource: benchmark-gap\n",
};

/// AL104, in the registry [`super::RULES`].
pub(crate) static AL104: Rule = Rule {
    code: "AL104",
    name: "sponsor-missing",
    severity: Warning,
    summary: "no top leader's commitment",
    what: "topic.yaml records the top leader who backs the program and what they committed to: `sponsor: { name, title, commitment }`.",
    why: "The first success factor in the handbook is commitment (承诺) of the top leader (一把手) and the participants; in the organisation the leadership agrees, commits and takes part. Writing the commitment down makes it something the program office can hold them to.",
    example: "sponsor: { name: 李总, title: 总经理 }\n",
    instead: "sponsor: { name: 李总, title: 总经理, commitment: 每季度听取一次汇报 }\n",
};

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
