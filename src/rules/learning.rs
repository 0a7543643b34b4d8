//! AL314: learning before, during and after (做前学、做中学、做后学) — a core
//! group that records no learning for two months while the program is in
//! step 3.

use super::Ctx;
use super::rule;
use crate::diag::Severity::Warning;
use crate::lang::pick;

rule!(AL314, "learning-quiet", Warning);

/// Runs the learning rules.
pub fn check(ctx: &mut Ctx) {
    quiet(ctx);
}

/// AL314: each group that has recorded no learning for more than two
/// months in step 3 ([`crate::facts::learning_gaps`]), at its id in team.yaml.
fn quiet(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(team) = &p.team else { return };
    let months = crate::facts::LEARNING_GAP_MONTHS;
    for gap in crate::facts::learning_gaps(p, ctx.today) {
        let Some(loc) = team
            .value
            .groups
            .iter()
            .find_map(|g| g.value.id.as_ref().filter(|i| i.value.0 == gap.id))
            .map(|i| i.loc.clone())
        else {
            continue;
        };
        let (id, since) = (gap.id, gap.since);
        let message = match gap.last {
            Some(_) => crate::tr!(
                ctx.lang,
                "小组 `{id}` 自 {since} 以来没有记录学习，已超过 {months} 个月（项目处于第三步）",
                "group `{id}` has recorded no learning since {since}, more than {months} months ago (the program is in step 3)"
            ),
            None => crate::tr!(
                ctx.lang,
                "小组 `{id}` 自第三步开始（{since}）以来没有记录学习，已超过 {months} 个月",
                "group `{id}` has recorded no learning since step 3 began on {since}, more than {months} months ago"
            ),
        };
        let help = pick(
            ctx.lang,
            "在小组会议或活动的 `learning:` 下记录所学（`title` 写学了什么，`by` 写分享人）：做前学、做中学、做后学，向书本学、向他人学、向实践学",
            "record what the group studied under `learning:` in a meeting or activity (`title`: what, `by`: who shared it): learn before, during and after doing — from books, from others, from practice",
        );
        let label = crate::tr!(ctx.lang, "自 {since} 无学习记录", "no learning since {since}");
        ctx.emit(&AL314, team.file, &loc, message, help.to_string())
            .group(id)
            .label(label);
    }
}
