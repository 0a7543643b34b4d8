//! The budget: planned and spent, per category and overall.

use crate::load::Program;
use crate::model::BudgetCategory;

/// The budget lines of one category, added up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BudgetLine {
    /// The category; `None` for lines without one.
    pub category: Option<BudgetCategory>,
    /// Planned, summed over the category's lines.
    pub planned: f64,
    /// Spent, summed over the category's lines.
    pub spent: f64,
}

/// The budget of topic.yaml, added up. A line without `planned` or `spent`
/// counts 0 for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Budget {
    /// One entry per category that has lines, in the order of
    /// [`BudgetCategory::WORDS`], lines without a category last.
    pub categories: Vec<BudgetLine>,
    /// Planned, in total.
    pub planned: f64,
    /// Spent, in total.
    pub spent: f64,
    /// Spent on the lines that also have a `planned` amount (what can be
    /// held against the plan).
    pub spent_on_planned: f64,
    /// How many lines there are.
    pub lines: usize,
    /// Whether some line has an amount that is not a sum of money (negative
    /// or not finite); the totals are then not held against the plan.
    pub bad_amount: bool,
}

impl Budget {
    /// How much the lines with a plan have spent above the plan in total
    /// (`None` when within it, or when some amount is not a sum of money).
    pub fn over_plan(&self) -> Option<f64> {
        if self.bad_amount {
            return None;
        }
        over_plan(Some(self.planned), self.spent_on_planned)
    }
}

/// Whether an amount is a sum of money: finite, not negative, and at most
/// [`MAX_AMOUNT`].
pub(crate) fn amount_ok(x: f64) -> bool {
    x.is_finite() && (0.0..=MAX_AMOUNT).contains(&x)
}

/// The largest amount a budget line may hold: 10^12, above any budget of a
/// program in any currency; a larger number is a slip (`1e308`, a pasted
/// account number) and would make every total meaningless.
pub(crate) const MAX_AMOUNT: f64 = 1e12;

/// An amount as the totals count it: a number larger than [`MAX_AMOUNT`]
/// counts 0, so that a total is always a number that can be shown (a
/// negative amount still counts, and is reported as AL602 like the other).
fn counted(x: f64) -> f64 {
    if x.is_finite() && x <= MAX_AMOUNT { x } else { 0.0 }
}

/// How much `spent` is above `planned`, when both are sums of money and
/// there is a plan: the one test of overspending, per line and in total.
pub(crate) fn over_plan(planned: Option<f64>, spent: f64) -> Option<f64> {
    let planned = planned?;
    (spent > planned && amount_ok(planned) && amount_ok(spent)).then_some(spent - planned)
}

/// The budget of a program (empty without topic.yaml).
pub fn budget(p: &Program) -> Budget {
    let mut out = Budget::default();
    let Some(topic) = &p.topic else { return out };
    let rank = |c: Option<BudgetCategory>| c.map_or(usize::MAX, |c| c as usize);
    for b in &topic.value.budget {
        let v = &b.value;
        let planned = v.planned.as_ref().map(|x| counted(x.value.0));
        let spent = v.spent.as_ref().map_or(0.0, |x| counted(x.value.0));
        let category = v.category.as_ref().map(|c| c.value);
        let at = out
            .categories
            .binary_search_by_key(&rank(category), |l| rank(l.category))
            .unwrap_or_else(|i| {
                out.categories.insert(
                    i,
                    BudgetLine {
                        category,
                        planned: 0.0,
                        spent: 0.0,
                    },
                );
                i
            });
        out.categories[at].planned += planned.unwrap_or(0.0);
        out.categories[at].spent += spent;
        out.planned += planned.unwrap_or(0.0);
        out.spent += spent;
        if planned.is_some() {
            out.spent_on_planned += spent;
        }
        out.bad_amount |= [v.planned.as_ref(), v.spent.as_ref()]
            .iter()
            .any(|f| f.is_some_and(|x| !amount_ok(x.value.0)));
        out.lines += 1;
    }
    out
}

/// One line of the budget as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BudgetEntry<'a> {
    /// What it is for (`item:`), if written.
    pub item: Option<&'a str>,
    /// Its category; `None` when not given.
    pub category: Option<BudgetCategory>,
    /// Planned, if written.
    pub planned: Option<f64>,
    /// Spent (0 when not written).
    pub spent: f64,
}

impl BudgetEntry<'_> {
    /// How much this line has spent above its plan ([`over_plan`]).
    pub fn over_plan(&self) -> Option<f64> {
        over_plan(self.planned, self.spent)
    }
}

/// The budget lines of topic.yaml in the order of [`Budget::categories`]
/// (by category, lines without one last), in file order within a category.
pub(crate) fn budget_items(p: &Program) -> Vec<BudgetEntry<'_>> {
    let Some(topic) = &p.topic else {
        return Vec::new();
    };
    let mut out: Vec<BudgetEntry> = topic
        .value
        .budget
        .iter()
        .map(|b| BudgetEntry {
            item: b.value.item.as_ref().map(|t| t.0.as_str()),
            category: b.value.category.as_ref().map(|c| c.value),
            planned: b.value.planned.as_ref().map(|x| counted(x.value.0)),
            spent: b.value.spent.as_ref().map_or(0.0, |x| counted(x.value.0)),
        })
        .collect();
    out.sort_by_key(|e| e.category.map_or(usize::MAX, |c| c as usize));
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_program::program;
    use super::*;

    #[test]
    fn the_budget_adds_up_by_category_in_category_order() {
        let p = program(&[(
            "topic.yaml",
            "title: t
budget:
  - { item: x, planned: 100 }
  - { item: a, category: training, planned: 50, spent: 60 }
  - { item: b, category: experts, planned: 200, spent: 20 }
  - { item: c, category: training, spent: 5 }
",
        )]);
        let b = budget(&p);
        let cats: Vec<(Option<BudgetCategory>, f64, f64)> = b
            .categories
            .iter()
            .map(|l| (l.category, l.planned, l.spent))
            .collect();
        assert_eq!(
            cats,
            [
                (Some(BudgetCategory::Experts), 200.0, 20.0),
                (Some(BudgetCategory::Training), 50.0, 65.0),
                (None, 100.0, 0.0),
            ]
        );
        assert_eq!(
            (b.planned, b.spent, b.spent_on_planned, b.lines),
            (350.0, 85.0, 80.0, 4)
        );
        assert_eq!(budget(&program(&[])), Budget::default());
        let items: Vec<Option<&str>> = budget_items(&p).iter().map(|e| e.item).collect();
        assert_eq!(items, [Some("b"), Some("a"), Some("c"), Some("x")]);
    }

    #[test]
    fn an_amount_above_the_bound_is_not_money_and_counts_0() {
        assert!(amount_ok(0.0) && amount_ok(MAX_AMOUNT));
        assert!(!amount_ok(-1.0) && !amount_ok(MAX_AMOUNT * 1.5) && !amount_ok(f64::INFINITY));
        let p = program(&[(
            "topic.yaml",
            "title: t\nbudget:\n  - { item: x, planned: 1e308, spent: 1e308 }\n  - { item: y, planned: 100, spent: 1e300 }\n",
        )]);
        let b = budget(&p);
        assert_eq!((b.planned, b.spent), (100.0, 0.0));
        assert!(b.bad_amount && b.over_plan().is_none());
        assert!(budget_items(&p).iter().all(|e| e.over_plan().is_none()));
    }
}
