//! AL901 and the waivers' own findings: what is wrong in al.toml itself.

use super::{At, Finding, Rule};
use crate::config::Config;
use crate::diag::Loc;
use crate::diag::Severity::Warning;
use crate::model::Date;

/// AL901, in the registry [`super::RULES`].
pub static AL901: Rule = Rule {
    code: "AL901",
    name: "waiver-expired",
    severity: Warning,
    summary: "an [[allow]] past its `until`",
    what: "An `[[allow]]` waiver in al.toml whose `until` date is before today (`--today`). An expired waiver no longer silences anything.",
    why: "A waiver is an exception granted for a reason and a time. Once its time has passed, the exception should be renewed with a new reason, or removed so the rule applies again.",
    example: "[[allow]]\nrule = \"AL201\"\npath = \"team.yaml\"\nreason = \"试点小组\"\nuntil = 2026-06-30      # today is 2026-09-30\n",
    instead: "[[allow]]\nrule = \"AL201\"\npath = \"team.yaml\"\nreason = \"试点小组,延期至年底,经项目办批准\"\nuntil = 2026-12-31\n",
};

/// The findings about the waivers of an al.toml: a waiver without a reason
/// (AL002: it silences nothing until it has one) and a waiver that has
/// expired (AL901).
pub fn check(config: &Config, today: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |rule: &'static Rule, loc: &Loc, message: String, help: &str, label: String| {
        out.push(Finding {
            rule,
            at: At::Config,
            loc: loc.clone(),
            message,
            help: help.to_string(),
            label: Some(label),
        });
    };
    for w in &config.waivers {
        match (&w.reason, w.until) {
            (None, _) => push(
                &super::schema::AL002,
                &w.loc,
                format!("the waiver of {} for `{}` gives no reason", w.rule, w.path),
                "add `reason = \"…\"` saying who approved the exception and why; until then it silences nothing",
                "no `reason`".to_string(),
            ),
            (Some(_), Some(until)) if until < today => push(
                &AL901,
                &w.loc,
                format!("the waiver of {} for `{}` expired on {until}", w.rule, w.path),
                "renew it with a new `until` and a reason, or remove it so the rule applies again",
                format!("until {until}"),
            ),
            _ => {}
        }
    }
    out
}
