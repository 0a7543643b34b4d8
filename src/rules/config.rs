//! AL901 and the waivers' own findings: what is wrong in al.toml itself.

use super::rule;
use super::{At, Finding, Rule};
use crate::config::{Config, Lang};
use crate::diag::Loc;
use crate::diag::Severity::Warning;
use crate::model::Date;

rule!(AL901, "waiver-expired", Warning);
rule!(AL902, "waiver-unused", Warning);

/// The findings about the waivers of an al.toml: a waiver without a reason
/// (AL002: it silences nothing until it has one) and a waiver that has
/// expired (AL901).
pub fn check(config: &Config, today: Date, lang: Lang) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |rule: &'static Rule, loc: &Loc, message: String, help: &str, label: String| {
        let mut f = Finding::new(rule, At::Config, loc, message, help.to_string());
        f.label(label);
        out.push(f);
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

/// AL902: a waiver in force (with a reason, not expired) that silenced no
/// finding of the program: a path with a typo, a month that had its
/// meetings, a finding fixed since. `used` holds the waivers (by index)
/// that silenced something.
pub fn unused(
    config: &Config,
    today: Date,
    lang: Lang,
    used: &std::collections::BTreeSet<usize>,
    files: &[&str],
) -> Vec<Finding> {
    config
        .waivers
        .iter()
        .enumerate()
        .filter(|(i, w)| !used.contains(i) && w.reason.is_some() && w.until.is_none_or(|u| today <= u))
        .map(|(_, w)| {
            let message = crate::tr!(
                lang,
                "对 `{path}` 的 {rule} 豁免没有豁免任何问题",
                "the waiver of {rule} for `{path}` silences nothing",
                rule = w.rule,
                path = w.path
            );
            let help = no_such_file(&w.path, files, lang).unwrap_or_else(|| {
                crate::tr!(
                    lang,
                    "检查 `path` 和其他键（group、person、subtopic、month、session、action）是否写对；问题已解决的话，删除这条豁免",
                    "check `path` and the other keys (group, person, subtopic, month, session, action); if the finding was fixed, remove the waiver"
                )
            });
            let mut f = Finding::new(&AL902, At::Config, &w.loc, message, help);
            f.label(crate::tr!(lang, "未用到", "unused"));
            f
        })
        .collect()
}

/// When a waiver's `path` is no file of the program: what to write instead
/// (the closest file, or a reminder that paths are inside the program folder).
fn no_such_file(path: &str, files: &[&str], lang: Lang) -> Option<String> {
    if files.contains(&path) || path == "al.toml" {
        return None;
    }
    let inside = files.iter().find(|f| path.ends_with(&format!("/{f}")));
    Some(
        match (inside, crate::suggest::did_you_mean(path, files.iter().copied())) {
            (Some(f), _) => crate::tr!(
                lang,
                "`path` 写的是项目文件夹内的路径：请写 `{f}`",
                "`path` is a path inside the program folder: write `{f}`"
            ),
            (None, Some(s)) => crate::tr!(
                lang,
                "本项目没有文件 `{path}`；是不是 `{s}`？",
                "this program has no file `{path}`; did you mean `{s}`?"
            ),
            (None, None) => crate::tr!(
                lang,
                "本项目没有文件 `{path}`；`path` 写项目文件夹内的文件，如 `team.yaml`",
                "this program has no file `{path}`; `path` names a file inside the program folder, such as `team.yaml`"
            ),
        },
    )
}
