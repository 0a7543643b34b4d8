//! Attendance: per group, a grid of its members (rows) and its meetings held
//! up to today (columns), each cell one of four states drawn as its own
//! symbol — attended (filled square), absent (crossed square), not a member
//! on that day (blank), not recorded (dotted square) — with each member's
//! attended/recorded count on the right. A group with more than
//! [`MAX_COLUMNS`] meetings gets one grid per run of dates, each titled
//! with the dates it covers, so that every grid stays legible at A4 width.

use super::{At, Chart, GREY, LIGHT, Mark, Svg, day, fit, group_id, group_name, semi};
use crate::facts;
use crate::lang::pick;
use crate::model::{Date, Group, Session, SessionKind};
use crate::tr;

/// The width of the name column.
const NAMES: f64 = 112.0;
/// The height of a row.
const ROW: f64 = 16.0;
/// The size of a cell's symbol.
const CELL: f64 = 10.0;

/// A cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// Recorded among the attendees.
    Attended,
    /// A member that day, attendance recorded, not among the attendees.
    Absent,
    /// Not a member that day (not joined yet, or left).
    NotMember,
    /// A member that day, attendance not recorded.
    NotRecorded,
}

impl State {
    fn mark(self) -> Mark {
        match self {
            State::Attended => Mark::Solid,
            State::Absent => Mark::Cross,
            State::NotMember => Mark::Blank,
            State::NotRecorded => Mark::Dots,
        }
    }
}

/// The state of one member at one session, from the facts: membership on its
/// date ([`facts::member_on`]) and its attendees ([`facts::present`]).
pub(super) fn state(at: &At, person: &str, s: &Session, date: Date) -> State {
    if !facts::member_on(at.p, person, Some(date)) {
        return State::NotMember;
    }
    match facts::present(s) {
        None => State::NotRecorded,
        Some(list) if list.contains(&person) => State::Attended,
        Some(_) => State::Absent,
    }
}

/// The meetings of a group held up to today, by date: the sessions for the
/// group ([`facts::session_groups`]) that everyone is expected at (any
/// kind but an optional activity), as participation counts them.
fn meetings<'a>(at: &At<'a>, id: &str) -> Vec<(&'a Session, Date)> {
    facts::sessions_by_date(at.p)
        .into_iter()
        .map(|s| &s.value)
        .filter(|s| s.kind.as_ref().is_some_and(|k| k.value != SessionKind::Activity))
        .filter(|s| facts::session_groups(at.p, s).contains(&id))
        .filter_map(|s| Some((s, facts::session_date(s).filter(|d| *d <= at.today)?)))
        .collect()
}

/// The most meeting columns one grid holds: at A4 width each column is
/// then wide enough for its date and its symbols.
pub(super) const MAX_COLUMNS: usize = 26;

/// One chart per group that has members and meetings held; a group with
/// more than [`MAX_COLUMNS`] meetings gets one chart per run of dates.
pub(super) fn charts(at: &At) -> Vec<Chart> {
    // (group, person, attended, recorded), as participation counts them.
    let participation: Vec<(&str, &str, usize, usize)> = facts::participation(at.p, at.today)
        .iter()
        .map(|x| (x.group, x.person, x.attended, x.recorded))
        .collect();
    at.groups()
        .enumerate()
        .flat_map(|(i, g)| group_charts(at, g, i, &participation))
        .collect()
}

/// The meetings cut into runs of at most [`MAX_COLUMNS`], of sizes that
/// differ by one at most (80 meetings: 20 + 20 + 20 + 20, not 26 + 26 + 26 + 2).
fn parts<T>(items: &[T]) -> Vec<&[T]> {
    if items.is_empty() {
        return Vec::new();
    }
    let count = items.len().div_ceil(MAX_COLUMNS);
    let (size, extra) = (items.len() / count, items.len() % count);
    let mut out = Vec::with_capacity(count);
    let mut rest = items;
    for k in 0..count {
        let (part, tail) = rest.split_at(size + usize::from(k < extra));
        out.push(part);
        rest = tail;
    }
    out
}

/// The grids of one group: one, or one per run of dates.
fn group_charts(
    at: &At,
    g: &Group,
    index: usize,
    participation: &[(&str, &str, usize, usize)],
) -> Vec<Chart> {
    let lang = at.lang;
    let people: Vec<&str> = g.members.iter().map(|m| m.value.as_str()).collect();
    let sessions = meetings(at, group_id(g));
    if people.is_empty() {
        return Vec::new();
    }
    let runs = parts(&sessions);
    let gname = group_name(g);
    runs.iter()
        .enumerate()
        .map(|(k, run)| {
            let grid = Grid {
                g,
                people: &people,
                sessions: run,
                participation,
            };
            if runs.len() == 1 {
                let title = tr!(lang, "出席情况：{}", "Attendance: {}", gname);
                return grid.chart(at, &format!("al-chart-attendance-{}", index + 1), title);
            }
            let (first, last) = (run[0].1, run[run.len() - 1].1);
            let title = tr!(
                lang,
                "出席情况：{}（{}至{}）",
                "Attendance: {} ({} to {})",
                gname,
                day(lang, first),
                day(lang, last)
            );
            grid.chart(at, &format!("al-chart-attendance-{}-{}", index + 1, k + 1), title)
        })
        .collect()
}

/// What one grid shows: a group's members and a run of its meetings.
struct Grid<'a, 'b> {
    g: &'a Group,
    people: &'b [&'a str],
    sessions: &'b [(&'a Session, Date)],
    participation: &'b [(&'b str, &'b str, usize, usize)],
}

impl Grid<'_, '_> {
    /// Draws the grid as chart `chart_id` titled `title`.
    fn chart(&self, at: &At, chart_id: &str, title: String) -> Chart {
        let Grid {
            g,
            people,
            sessions,
            participation,
        } = *self;
        let lang = at.lang;
        let id = group_id(g);
        let n = sessions.len() as f64;
        let col = ((680.0 - NAMES - 64.0) / n).clamp(14.0, 30.0);
        let width = (NAMES + n * col + 64.0).max(680.0);
        let rotate = col < 26.0;
        let head = if rotate { 40.0 } else { 24.0 };
        let mut svg = Svg::new(chart_id, width);
        for (j, (s, date)) in sessions.iter().enumerate() {
            let cx = NAMES + j as f64 * col + col / 2.0;
            let label = format!("{}/{}", date.month(), date.day());
            if rotate {
                svg.text(
                    cx + 3.0,
                    head - 4.0,
                    &label,
                    &format!(
                        "font-size=\"9\" text-anchor=\"start\" transform=\"rotate(-90 {} {})\"",
                        super::num(cx + 3.0),
                        super::num(head - 4.0)
                    ),
                );
            } else {
                svg.text(cx, head - 6.0, &label, "font-size=\"9\" text-anchor=\"middle\"");
            }
            if !s.is(SessionKind::GroupMeeting) {
                // Plenary sessions (workshops, kick-off, reviews) are underlined.
                svg.line(
                    cx - col / 2.0 + 2.0,
                    head - 1.5,
                    cx + col / 2.0 - 2.0,
                    head - 1.5,
                    &format!("stroke=\"{GREY}\" stroke-width=\"1.5\""),
                );
            }
        }
        let total_x = NAMES + n * col + 8.0;
        svg.text(
            total_x,
            head - 6.0,
            pick(lang, "出席/记录", "came/rec."),
            "font-size=\"9\"",
        );
        let mut counts = [0usize; 4];
        let mut absences: Vec<(String, usize)> = Vec::new();
        for (r, person) in people.iter().enumerate() {
            let y = head + r as f64 * ROW + ROW / 2.0;
            if r % 2 == 1 {
                svg.rect(4.0, y - ROW / 2.0, width - 8.0, ROW, "fill=\"#f2f2f2\"");
            }
            let name = at.names.of(person);
            svg.text(4.0, y + 4.0, &fit(&name, 10.0, NAMES - 10.0), "font-size=\"10\"");
            let mut missed = 0;
            for (j, (s, date)) in sessions.iter().enumerate() {
                let st = state(at, person, s, *date);
                counts[st as usize] += 1;
                missed += usize::from(st == State::Absent);
                svg.mark(st.mark(), NAMES + j as f64 * col + col / 2.0, y, CELL);
            }
            if missed > 0 {
                absences.push((name, missed));
            }
            if let Some((_, _, attended, recorded)) =
                participation.iter().find(|x| x.0 == id && x.1 == *person)
            {
                svg.text(
                    total_x,
                    y + 4.0,
                    &format!("{attended}/{recorded}"),
                    "font-size=\"10\"",
                );
            }
        }
        let grid_bottom = head + people.len() as f64 * ROW;
        svg.line(
            NAMES - 2.0,
            head,
            NAMES - 2.0,
            grid_bottom,
            &format!("stroke=\"{LIGHT}\" stroke-width=\"1\""),
        );
        let legend: Vec<(Mark, String)> = [
            (Mark::Solid, pick(lang, "出席", "attended")),
            (Mark::Cross, pick(lang, "缺席", "absent")),
            (
                Mark::Blank,
                pick(lang, "（空白）当时不在组内", "(blank) not a member then"),
            ),
            (Mark::Dots, pick(lang, "未记录出席", "not recorded")),
        ]
        .into_iter()
        .map(|(m, w)| (m, w.to_string()))
        .collect();
        let mut y = svg.legend(4.0, grid_bottom + 16.0, &legend);
        svg.text(
            4.0,
            y - 4.0,
            pick(
                lang,
                "日期下有横线的是全体会议（研讨班、启动会议、评审等）。",
                "Dates underlined: plenary sessions (workshops, kick-off, reviews).",
            ),
            &format!("font-size=\"9\" fill=\"{GREY}\""),
        );
        y += 4.0;
        let gname = group_name(g);
        let (first, last) = (sessions[0].1, sessions[sessions.len() - 1].1);
        let mut desc = tr!(
            lang,
            "{}：{} 人，{} 次会议（{}至{}）。出席 {} 人次，缺席 {} 人次，未记录 {} 人次，当时不在组内 {} 人次。",
            "{}: {} people, {} meetings ({} to {}). Attended {} times, absent {}, not recorded {}, not a member then {}.",
            gname,
            people.len(),
            sessions.len(),
            day(lang, first),
            day(lang, last),
            counts[State::Attended as usize],
            counts[State::Absent as usize],
            counts[State::NotRecorded as usize],
            counts[State::NotMember as usize]
        );
        if !absences.is_empty() {
            let list: Vec<String> = absences
                .iter()
                .map(|(n, k)| tr!(lang, "{} {} 次", "{} {}", n, k))
                .collect();
            desc.push_str(&tr!(lang, "缺席：{}。", " Absences: {}.", list.join(semi(lang))));
        }
        Chart {
            svg: svg.finish(y, &title, &desc),
            title,
        }
    }
}
