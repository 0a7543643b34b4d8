//! AL901 and the waivers' own findings: what is wrong in al.toml itself.

use super::rule;
use super::{At, Finding, Rule};
use crate::config::{Config, Lang};
use crate::diag::Loc;
use crate::diag::Severity::Warning;
use crate::model::Date;

rule!(AL901, "waiver-expired", Warning);

/// The findings about the waivers of an al.toml: a waiver without a reason
/// (AL002: it silences nothing until it has one) and a waiver that has
/// expired (AL901).
pub fn check(config: &Config, today: Date, lang: Lang) -> Vec<Finding> {
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
                crate::tr!(
                    lang,
                    "对 `{path}` 的 {rule} 豁免没有写明理由",
                    "the waiver of {rule} for `{path}` gives no reason",
                    rule = w.rule,
                    path = w.path
                ),
                &crate::tr!(
                    lang,
                    "加上 `reason = \"…\"`，写明谁批准了这一例外、为什么；在此之前它不豁免任何问题",
                    "add `reason = \"…\"` saying who approved the exception and why; until then it silences nothing"
                ),
                crate::tr!(lang, "缺少 `reason`", "no `reason`"),
            ),
            (Some(_), Some(until)) if until < today => push(
                &AL901,
                &w.loc,
                crate::tr!(
                    lang,
                    "对 `{path}` 的 {rule} 豁免已于 {until} 到期",
                    "the waiver of {rule} for `{path}` expired on {until}",
                    rule = w.rule,
                    path = w.path
                ),
                &crate::tr!(
                    lang,
                    "用新的 `until` 和理由续期，或删除它，让规则重新生效",
                    "renew it with a new `until` and a reason, or remove it so the rule applies again"
                ),
                crate::tr!(lang, "有效期至 {until}", "until {until}"),
            ),
            _ => {}
        }
    }
    out
}
