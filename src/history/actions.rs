//! Actions across two versions: the actions of each session file matched
//! one to one, and what changed for each.
//!
//! The matching ([`pairs`]), within one session file: first by `id`, when
//! both versions of an action have one; then by the task's text (and the
//! same owner first, for one task given to several people); then what
//! is left — one removed and one added — is taken for one reworded action
//! when both have the same owner and the same sub-topic and their tasks are
//! similar: a [`similarity`] of at least [`SIMILAR`] (two actions with
//! different ids are never paired).

use super::compare::Names;
use super::moves::Moves;
use super::{ActionRef, Change, How, MOVED_TOO_OFTEN, Subject, Value, What};
use crate::load::Program;
use crate::model::{Action, ActionStatus, Date, Session};
use std::collections::BTreeMap;

/// An action as the comparison sees it.
#[derive(Debug, Clone)]
pub(super) struct ActionView {
    /// Its stable id, when it has one.
    pub id: Option<String>,
    /// Its task ("" when it has none).
    pub task: String,
    /// Its owner's id ("" when none).
    pub owner: String,
    /// The sub-topic it serves ("" when none).
    pub subtopic: String,
    /// Its due date.
    pub due: Option<Date>,
    /// open, done or dropped.
    pub status: ActionStatus,
    /// Whether it is overdue at the date the version is judged at.
    pub overdue: bool,
}

impl ActionView {
    /// An action of a session, judged at `at` (overdue or not; never
    /// overdue when the date is not known).
    fn of(a: &Action, at: Option<Date>) -> ActionView {
        let text = |f: &crate::yaml::Field<crate::model::Text>| f.as_ref().map(|t| t.value.0.clone());
        ActionView {
            id: text(&a.id),
            task: a.task.as_ref().map(|t| t.0.clone()).unwrap_or_default(),
            owner: text(&a.owner).unwrap_or_default(),
            subtopic: text(&a.subtopic).unwrap_or_default(),
            due: a.due.as_ref().map(|d| d.value),
            status: crate::facts::action_status(a),
            overdue: at.is_some_and(|at| crate::facts::days_overdue(a, at).is_some()),
        }
    }

    /// Whether an open action's due date moved from `before`'s: what
    /// "rescheduled" means, here and in the count of moves.
    pub fn moved_from(&self, before: &ActionView) -> bool {
        before.due != self.due && self.status == ActionStatus::Open
    }
}

/// The actions of one session, in the file's order.
pub(super) fn views(s: &Session, at: Option<Date>) -> Vec<ActionView> {
    s.actions.iter().map(|a| ActionView::of(&a.value, at)).collect()
}

/// The actions of each session file (by its path in the program), judged at `at`.
pub(super) fn actions(p: &Program, at: Option<Date>) -> BTreeMap<String, Vec<ActionView>> {
    p.sessions
        .iter()
        .map(|s| (p.files[s.file].rel.clone(), views(&s.value, at)))
        .collect()
}

/// Two tasks at least this [`similarity`] are similar.
pub(super) const SIMILAR: f64 = 0.5;

/// The characters of a task that count for similarity: letters and digits
/// (any script), lower-cased; spaces and punctuation are left out.
fn letters(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How alike two texts are, from 0 to 1: the Dice coefficient of their
/// character pairs (bigrams), spaces and punctuation left out, so that it
/// works the same for Chinese (no spaces between words) and English.
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (letters(a), letters(b));
    if a.len() < 2 || b.len() < 2 {
        return if !a.is_empty() && a == b { 1.0 } else { 0.0 };
    }
    let mut left: Vec<[char; 2]> = a.windows(2).map(|w| [w[0], w[1]]).collect();
    let total = left.len() + b.len() - 1;
    let mut common = 0;
    for w in b.windows(2) {
        if let Some(i) = left.iter().position(|x| x[..] == *w) {
            left.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// The actions of one session file in two versions matched one to one:
/// (index in `old`, index in `new`). See the module's doc for the rule.
pub(super) fn pairs(old: &[ActionView], new: &[ActionView]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut old_free, mut new_free) = (vec![true; old.len()], vec![true; new.len()]);
    let both_ids = |a: &ActionView, b: &ActionView| a.id.is_some() && b.id.is_some();
    let same_id = |a: &ActionView, b: &ActionView| both_ids(a, b) && a.id == b.id;
    let same_task = |a: &ActionView, b: &ActionView| !both_ids(a, b) && a.task == b.task;
    let same_task_owner = |a: &ActionView, b: &ActionView| same_task(a, b) && a.owner == b.owner;
    type Test<'t> = &'t dyn Fn(&ActionView, &ActionView) -> bool;
    for test in [&same_id as Test, &same_task_owner, &same_task] {
        for (i, a) in old.iter().enumerate() {
            if !old_free[i] {
                continue;
            }
            if let Some(j) = (0..new.len()).find(|&j| new_free[j] && test(a, &new[j])) {
                (old_free[i], new_free[j]) = (false, false);
                out.push((i, j));
            }
        }
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in old.iter().enumerate().filter(|(i, _)| old_free[*i]) {
        for (j, b) in new.iter().enumerate().filter(|(j, _)| new_free[*j]) {
            let alike = !both_ids(a, b) && a.owner == b.owner && a.subtopic == b.subtopic;
            let score = similarity(&a.task, &b.task);
            if alike && score >= SIMILAR {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    for (_, i, j) in candidates {
        if old_free[i] && new_free[j] {
            (old_free[i], new_free[j]) = (false, false);
            out.push((i, j));
        }
    }
    out
}

/// What the action changes are worked out with.
pub(super) struct Ctx<'a> {
    /// The people of both versions.
    pub names: &'a Names,
    /// When the older version was committed (for "newly overdue").
    pub old_date: Option<Date>,
    /// The date the newer version is judged at.
    pub today: Date,
    /// How many times each action of the newer version has been moved.
    pub moves: &'a Moves,
}

/// The changes of the actions: added, recorded as done, reworded,
/// rescheduled, completed, dropped, newly overdue, removed. In the order of
/// session file and task (of the newer version), removed ones last.
pub(super) fn action_changes(old: &Program, new: &Program, ctx: &Ctx, out: &mut Vec<Change>) {
    let (old_a, new_a) = (actions(old, ctx.old_date), actions(new, Some(ctx.today)));
    let none: Vec<ActionView> = Vec::new();
    let mut removed: Vec<(&String, &ActionView)> = Vec::new();
    for (file, now) in &new_a {
        let then = old_a.get(file).unwrap_or(&none);
        let matched = pairs(then, now);
        let mut order: Vec<usize> = (0..now.len()).collect();
        order.sort_by(|x, y| now[*x].task.cmp(&now[*y].task));
        for j in order {
            let before = matched.iter().find(|(_, n)| *n == j).map(|(o, _)| &then[*o]);
            one_action(file, j, before, &now[j], ctx, out);
        }
        removed.extend(
            (0..then.len())
                .filter(|i| !matched.iter().any(|(o, _)| o == i))
                .map(|i| (file, &then[i])),
        );
    }
    for (file, then) in &old_a {
        if !new_a.contains_key(file) {
            removed.extend(then.iter().map(|a| (file, a)));
        }
    }
    removed.sort_by(|x, y| (x.0, &x.1.task).cmp(&(y.0, &y.1.task)));
    for (file, a) in removed {
        out.push(Change::new(
            What::Action,
            How::Removed,
            subject(file, a, ctx.names),
        ));
    }
}

/// The changes of one action of the newer version (`index` in its file),
/// `before` its older version if it had one.
fn one_action(
    file: &str,
    index: usize,
    before: Option<&ActionView>,
    a: &ActionView,
    ctx: &Ctx,
    out: &mut Vec<Change>,
) {
    let subject = || subject(file, a, ctx.names);
    let status = |how, before: ActionStatus| {
        Change::new(What::Action, how, subject()).values(
            Some(Value::ActionStatus(before)),
            Some(Value::ActionStatus(a.status)),
        )
    };
    match before {
        None if a.status == ActionStatus::Done => {
            out.push(Change::new(What::Action, How::RecordedDone, subject()))
        }
        None => out.push(Change::new(What::Action, How::Added, subject())),
        Some(b) => {
            if b.task != a.task {
                out.push(Change::new(What::Action, How::Reworded, subject()).values(
                    Some(Value::Text(b.task.clone())),
                    Some(Value::Text(a.task.clone())),
                ));
            }
            if a.moved_from(b) {
                let moved = ctx.moves.of(file, index).max(1);
                let mut s = subject();
                if let Subject::Action(r) = &mut s {
                    r.moved = Some(moved);
                    r.attention = moved > MOVED_TOO_OFTEN;
                }
                out.push(
                    Change::new(What::Action, How::Rescheduled, s)
                        .values(b.due.map(Value::Date), a.due.map(Value::Date)),
                );
            } else if b.status != ActionStatus::Done && a.status == ActionStatus::Done {
                out.push(status(How::Completed, b.status));
            } else if b.status != ActionStatus::Dropped && a.status == ActionStatus::Dropped {
                out.push(status(How::Dropped, b.status));
            }
        }
    }
    if a.overdue && !before.is_some_and(|b| b.overdue) {
        out.push(Change::new(What::Action, How::NewlyOverdue, subject()));
    }
}

/// An action as a change names it.
fn subject(file: &str, a: &ActionView, names: &Names) -> Subject {
    Subject::Action(ActionRef {
        session: file.to_string(),
        id: a.id.clone(),
        task: a.task.clone(),
        owner: names.owner(&a.owner),
        due: a.due,
        moved: None,
        attention: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn similar(a: &str, b: &str) -> bool {
        similarity(a, b) >= SIMILAR
    }

    fn view(id: Option<&str>, task: &str, owner: &str) -> ActionView {
        ActionView {
            id: id.map(str::to_string),
            task: task.to_string(),
            owner: owner.to_string(),
            subtopic: "s".to_string(),
            due: None,
            status: ActionStatus::Open,
            overdue: false,
        }
    }

    #[test]
    fn similar_tasks_in_chinese_and_english() {
        assert!(similar(
            "收集试行首月离职与满意度数据",
            "收集试行前两个月的离职与满意度数据"
        ));
        assert!(similar("整理试点反馈", "整理试点反馈意见。"));
        assert!(!similar("收集试行首月离职与满意度数据", "整理试点反馈"));
        assert!(!similar("收集离职数据", "收集满意度问卷"));
        assert!(similar(
            "Collect first-month attrition and satisfaction data",
            "Collect the first two months' attrition and satisfaction data"
        ));
        assert!(similar("Draft the pilot schedule", "draft the pilot  schedule!"));
        assert!(!similar(
            "Collect first-month attrition data",
            "Send the pilot schedule to R&D"
        ));
        assert!(!similar("Book the venue for the workshop", "Call the bank"));
        assert_eq!(similarity("", ""), 0.0);
        assert_eq!(similarity("A", "a"), 1.0);
    }

    #[test]
    fn actions_match_by_id_then_task_then_rewording() {
        let old = [
            view(Some("a1"), "收集离职数据", "wang"),
            view(None, "整理试点反馈", "gao"),
            view(None, "Draft the pilot schedule", "li"),
            view(None, "Call the bank", "li"),
        ];
        let new = [
            view(None, "Book the venue for the workshop", "li"),
            view(Some("a1"), "收集满意度问卷", "wang"),
            view(None, "Draft the pilot schedule for R&D", "li"),
            view(None, "整理试点反馈", "gao"),
        ];
        let mut p = pairs(&old, &new);
        p.sort();
        // "Call the bank" / "Book the venue…": not alike, one removed and one added.
        assert_eq!(p, [(0, 1), (1, 3), (2, 2)]);
    }

    #[test]
    fn a_reworded_pair_needs_the_same_owner_and_never_two_ids() {
        let old = [view(None, "整理试点反馈", "gao")];
        let new = [view(None, "整理试点反馈意见", "li")];
        assert!(pairs(&old, &new).is_empty());
        let old = [view(Some("x"), "整理试点反馈", "gao")];
        let new = [view(Some("y"), "整理试点反馈意见", "gao")];
        assert!(pairs(&old, &new).is_empty());
        let new = [view(None, "整理试点反馈意见", "gao")];
        assert_eq!(pairs(&old, &new), [(0, 0)]);
    }
}
