//! AL401–AL403: sub-topics (子课题) — a concrete question, fixed in time, owned
//! by a member of its group.

use super::Ctx;
use super::rule;
use crate::diag::Loc;
use crate::diag::Severity::{Error, Warning};
use crate::model::SessionKind;

/// Words that open a question, in Chinese and English (lower case).
const INTERROGATIVES: &[&str] = &[
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
    "什么",
    "谁",
    "多少",
    "how",
    "what",
    "why",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "can",
    "could",
    "should",
    "shall",
    "would",
    "will",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
];

/// Whether a text reads as a question: it ends in `?`/`？` (or 吗/呢), or opens
/// with an interrogative word.
pub(crate) fn is_question(text: &str) -> bool {
    let t = text.trim();
    if t.ends_with(['?', '？', '吗', '呢']) {
        return true;
    }
    let lower = t.to_lowercase();
    INTERROGATIVES.iter().any(|w| {
        lower.starts_with(w)
            && (!w.is_ascii()
                || lower[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric()))
    })
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
        let (f, v) = (st.file, &st.value);
        // AL401: phrased as a question.
        if let Some(q) = &*v.question
            && !is_question(&q.value.0)
        {
            ctx.emit(
                &AL401,
                f,
                &q.loc,
                format!("the sub-topic `{}` is not phrased as a question", q.value.0),
                "a sub-topic is a concrete problem put as a question, e.g. 如何降低优秀人才流失率? — start with 如何/怎样/为什么/是否 (how/what/why) or end with a question mark".to_string(),
            );
        }
        // AL402: fixed before the second workshop, unless it replaced another one.
        if let (Some(defined), Some(second)) = (&*v.defined, second)
            && defined.value > second
            && v.replaces.is_none()
        {
            ctx.emit(
                &AL402,
                f,
                &defined.loc,
                format!("this sub-topic was fixed on {}, after the second workshop ({second})", defined.value),
                "sub-topics and their owners are usually fixed before the second plenary gathering (第2次全班集中前); if this one replaced an earlier sub-topic, say so with `replaces:`".to_string(),
            )
            .label(format!("after {second}"));
        }
        // AL403: an owner who is a member of the sub-topic's group.
        match &*v.owner {
            None => {
                let loc = v
                    .question
                    .as_ref()
                    .map_or_else(Loc::file_start, |q| q.loc.clone());
                ctx.emit(
                    &AL403,
                    f,
                    &loc,
                    "this sub-topic has no owner (负责人)".to_string(),
                    "add `owner:` with the id of a member of the sub-topic's group".to_string(),
                )
                .label("no `owner`");
            }
            Some(owner) => {
                let Some(gid) = &*v.group else { continue };
                let Some(&group) = ctx.index.groups.get(gid.value.0.as_str()) else {
                    continue;
                };
                let person = owner.value.0.as_str();
                if ctx.index.people.contains_key(person) && !group.members.iter().any(|m| m.value == person) {
                    ctx.emit(
                        &AL403,
                        f,
                        &owner.loc,
                        format!("the owner `{person}` is not a member of group `{}`", gid.value.0),
                        format!("choose the owner from the members of `{}`, or move the sub-topic to the owner's group", gid.value.0),
                    )
                    .label("not a member");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_question;

    #[test]
    fn questions_in_both_languages() {
        assert!(is_question("如何降低优秀人才流失率?"));
        assert!(is_question("如何降低优秀人才流失率"));
        assert!(is_question("核心人才为什么流失？"));
        assert!(is_question("How can we halve the time to resolve a complaint"));
        assert!(is_question("Is the bonus fair?"));
        assert!(!is_question("降低优秀人才流失率"));
        assert!(!is_question("Reduce attrition"));
        assert!(
            !is_question("Whatever works"),
            "an interrogative must be a whole word"
        );
    }
}
