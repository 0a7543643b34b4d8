//! Reviews of preliminary solutions (初步方案评审) as meetings: the
//! `kind: review` sessions and the sub-topics' `proposal.review` of one
//! day, and who sat on the panel.

use super::sessions::{session_date, sessions_by_date};
use crate::load::{Doc, Program};
use crate::model::{Date, Review, Session, SessionKind, Sp, Subtopic};

/// One review of preliminary solutions: everything on file for one day.
#[derive(Debug)]
pub(crate) struct ReviewMeeting<'a> {
    /// Its day; `None` for a review without a date, which is a meeting of its own.
    pub date: Option<Date>,
    /// The sessions of `kind: review` of that day, by date then file.
    pub sessions: Vec<&'a Doc<Session>>,
    /// The sub-topics whose `proposal.review` is of that day, with that review,
    /// in the order of the sub-topic files.
    pub proposals: Vec<(&'a Doc<Subtopic>, &'a Sp<Review>)>,
}

impl<'a> ReviewMeeting<'a> {
    /// Who sat on the panel, as written (names or ids), each once and none
    /// blank: the proposals' `review.by`, then each review session's
    /// `panel`, `attendees` and `guests`.
    pub(crate) fn panel(&self) -> Vec<&'a str> {
        let by = self
            .proposals
            .iter()
            .flat_map(|(_, r)| r.value.by.iter().map(String::as_str));
        let sessions = self.sessions.iter().flat_map(|s| {
            let v = &s.value;
            let attendees = v.attendees.iter().flatten();
            v.panel
                .iter()
                .chain(attendees)
                .chain(&v.guests)
                .map(|x| x.value.as_str())
        });
        let mut out: Vec<&str> = Vec::new();
        for who in by.chain(sessions).filter(|w| !w.trim().is_empty()) {
            if !out.contains(&who) {
                out.push(who);
            }
        }
        out
    }
}

/// The review of a sub-topic's proposal, with its place.
fn proposal_review(s: &Subtopic) -> Option<&Sp<Review>> {
    s.proposal.as_ref()?.value.review.as_ref()
}

/// The reviews of preliminary solutions, one per day, by date, then the
/// undated ones, each alone (sessions first, then proposals). A
/// `kind: review` session and a `proposal.review` of the same day are one
/// review. A session or a review whose date is written with a value that is
/// not valid cannot be placed and is left out.
pub(crate) fn review_meetings(p: &Program) -> Vec<ReviewMeeting<'_>> {
    let mut dated: Vec<ReviewMeeting> = Vec::new();
    let mut undated: Vec<ReviewMeeting> = Vec::new();
    let meeting_of = |dated: &mut Vec<ReviewMeeting<'_>>, date: Date| -> usize {
        match dated.iter().position(|m| m.date == Some(date)) {
            Some(i) => i,
            None => {
                dated.push(ReviewMeeting {
                    date: Some(date),
                    sessions: Vec::new(),
                    proposals: Vec::new(),
                });
                dated.len() - 1
            }
        }
    };
    for s in sessions_by_date(p) {
        if !s.value.is(SessionKind::Review) || s.value.date.is_invalid() {
            continue;
        }
        match session_date(&s.value) {
            Some(d) => {
                let i = meeting_of(&mut dated, d);
                dated[i].sessions.push(s);
            }
            None => undated.push(ReviewMeeting {
                date: None,
                sessions: vec![s],
                proposals: Vec::new(),
            }),
        }
    }
    for st in &p.subtopics {
        let Some(r) = proposal_review(&st.value) else {
            continue;
        };
        if r.value.date.is_invalid() {
            continue;
        }
        match r.value.date.as_ref().map(|d| d.value) {
            Some(d) => {
                let i = meeting_of(&mut dated, d);
                dated[i].proposals.push((st, r));
            }
            None => undated.push(ReviewMeeting {
                date: None,
                sessions: Vec::new(),
                proposals: vec![(st, r)],
            }),
        }
    }
    dated.sort_by_key(|m| m.date);
    dated.extend(undated);
    dated
}

#[cfg(test)]
mod tests {
    use super::super::test_program::{TEAM, program};
    use super::*;

    #[test]
    fn a_review_session_and_the_proposal_reviews_of_its_day_are_one_review() {
        let p = program(&[
            ("team.yaml", TEAM),
            (
                "sessions/r.yaml",
                "kind: review\ndate: 2026-08-24\npanel: [王总]\nattendees: [a]\nguests: [刘教授, a]\n",
            ),
            (
                "subtopics/x.yaml",
                "question: q?\nproposal: { review: { date: 2026-08-24, by: [李明, ' '] } }\n",
            ),
            (
                "subtopics/y.yaml",
                "question: q?\nproposal: { review: { date: 2026-07-01, by: [张三] } }\n",
            ),
            (
                "subtopics/z.yaml",
                "question: q?\nproposal: { review: { by: [赵四] } }\n",
            ),
            (
                "subtopics/w.yaml",
                "question: q?\nproposal: { review: { date: 2026-13-01, by: [钱五] } }\n",
            ),
        ]);
        let meetings = review_meetings(&p);
        let seen: Vec<(Option<String>, Vec<&str>)> = meetings
            .iter()
            .map(|m| (m.date.map(|d| d.to_string()), m.panel()))
            .collect();
        assert_eq!(
            seen,
            [
                (Some("2026-07-01".to_string()), vec!["张三"]),
                (
                    Some("2026-08-24".to_string()),
                    vec!["李明", "王总", "a", "刘教授"]
                ),
                (None, vec!["赵四"]),
            ],
            "an invalid date is left out"
        );
        assert_eq!((meetings[1].sessions.len(), meetings[1].proposals.len()), (1, 1));
    }
}
