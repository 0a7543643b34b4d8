//! What the program says, worked out once: the facts that the rules, the
//! report, the agenda, `al new` and history all derive from the model.
//!
//! Every fact is a function over a [`Program`] (and, where it looks ids up,
//! its [`Index`]) that returns typed values borrowing from the program.
//! Nothing here knows about languages, templates or findings, so that a rule
//! and a report that ask the same question get the same answer.

mod actions;
mod agenda;
mod budget;
mod index;
mod learning;
mod pace;
mod plan;
mod records;
mod reviews;
mod sessions;
mod stages;
mod time;

pub(crate) use actions::{ActionFact, ActionTotals, action_status, actions, days_overdue};
pub(crate) use agenda::{
    capacity, is_lunch, item_minutes, past_midnight, periods, periods_for, session_days,
};
pub(crate) use budget::{amount_ok, budget, budget_items, over_plan};
pub(crate) use index::{IdSet, Index};
pub(crate) use learning::{LEARNING_GAP_MONTHS, Learned, learning_gaps, learning_log};
pub(crate) use pace::{
    at_step_6, budget_used_percent, declared_ahead, declared_stage, end, measured_metrics, over_a_month,
    overspent, plan_slip, quiet_groups, review_deadline, review_overdue, review_pending, start, trusted_step,
    unreadable,
};
pub(crate) use plan::{Actual, MilestoneFact, Planned, by_plan_date, milestones, shown_number};
pub(crate) use records::officer_records;
pub(crate) use reviews::review_meetings;
pub(crate) use sessions::{
    attendance, expected, group, has_record, last_met, member_on, officer_on_duty, officers_on_duty,
    participation, present, rotation_officer, session_date, session_groups, sessions_by_date,
};
pub(crate) use stages::{StageEvidence, approved_by, first_review, stage_evidence_by, step_periods};
pub(crate) use time::{Days, days_given};

use crate::load::{Doc, Program};
use crate::model::Subtopic;

/// A sub-topic's id: its `id`, else the stem of its file name.
pub(crate) fn subtopic_id<'a>(p: &'a Program, doc: &'a Doc<Subtopic>) -> &'a str {
    doc.value
        .id
        .as_ref()
        .map_or_else(|| p.stem(doc.file), |i| i.value.0.as_str())
}

/// Whether a sub-topic is being worked on: `status: active`, or no status
/// at all (nothing says it was deepened, replaced or done). A `status`
/// written with a value that is not valid says nothing.
pub(crate) fn subtopic_active(st: &Subtopic) -> bool {
    match &*st.status {
        Some(s) => s.value == crate::model::SubtopicStatus::Active,
        None => st.status.is_absent(),
    }
}

#[cfg(test)]
pub(crate) mod test_program {
    //! A small program in memory for the facts' tests.

    use crate::load::{Program, program_from_texts};

    /// Builds a program from (path, text) pairs.
    pub fn program(files: &[(&str, &str)]) -> Program {
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(r, t)| (r.to_string(), t.to_string()))
            .collect();
        program_from_texts("p", &files)
    }

    /// A date.
    pub fn d(text: &str) -> crate::model::Date {
        crate::dates::parse_date(text).expect("date")
    }

    /// Two groups (g1: a, b; g2: c), listed in team.yaml as g2 before g1.
    pub(crate) const TEAM: &str = "people:
  - { id: a, name: A }
  - { id: b, name: B }
  - { id: c, name: C }
groups:
  - { id: g2, members: [c], learning_officers: [c] }
  - { id: g1, members: [a, b], learning_officers: [b, a] }
";
}

#[cfg(test)]
mod tests {
    use super::test_program::program;
    use super::*;

    #[test]
    fn a_subtopic_id_is_its_id_else_its_file_stem() {
        let p = program(&[
            ("subtopics/first.yaml", "question: q\n"),
            ("subtopics/second.yml", "id: other\nquestion: q\n"),
        ]);
        let ids: Vec<&str> = p.subtopics.iter().map(|s| subtopic_id(&p, s)).collect();
        assert_eq!(ids, ["first", "other"]);
        let ix = Index::build(&p);
        assert_eq!(
            ix.subtopics.keys().copied().collect::<Vec<_>>(),
            ["first", "other"]
        );
    }
}
