//! The working day of a session's timed agenda, as `al agenda` lays it out
//! and `al check` judges it: the periods a session of some days offers,
//! how long an item of its own agenda is taken to be, and where that agenda
//! ends.

use crate::model::Session;
use crate::model::session::MAX_DAYS;

/// The working periods of a day, in minutes from midnight.
pub(crate) fn periods(days: f64) -> Vec<(u32, u32, u32)> {
    let days = if days.is_finite() && days > 0.0 {
        days.min(MAX_DAYS)
    } else {
        1.0
    };
    let full = days.trunc() as u32;
    let half = days.fract() > 0.0;
    let mut out = Vec::new();
    for d in 1..=full {
        out.push((d, 9 * 60, 12 * 60));
        out.push((d, 13 * 60, 17 * 60));
    }
    if half {
        out.push((full + 1, 9 * 60, 12 * 60 + 30));
    }
    out
}

/// The periods of a session whose own agenda holds its lunch break: each
/// whole day 09:00–17:00 in one, half a day 09:00–12:30.
pub(crate) fn open_periods(days: f64) -> Vec<(u32, u32, u32)> {
    let mut out: Vec<(u32, u32, u32)> = Vec::new();
    for (day, start, end) in periods(days) {
        match out.last_mut() {
            Some(last) if last.0 == day => last.2 = end,
            _ => out.push((day, start, end)),
        }
    }
    out
}

/// Whether an item of a session's own agenda is its lunch break.
pub(crate) fn is_lunch(item: &str) -> bool {
    let t = item.trim().to_lowercase();
    ["午餐", "午休", "午饭", "lunch"].iter().any(|w| t.contains(w))
}

/// The periods a session's own agenda is laid out in: with a lunch break
/// of its own (`lunch`), whole days ([`open_periods`]); else mornings and
/// afternoons.
pub(crate) fn periods_for(lunch: bool, days: f64) -> Vec<(u32, u32, u32)> {
    if lunch { open_periods(days) } else { periods(days) }
}

/// Minutes a session of `days` days offers: a day is 09:00–17:00 with an hour
/// for lunch (420 minutes); half a day is 09:00–12:30 (210 minutes).
pub(crate) fn capacity(days: f64) -> u32 {
    periods(days).iter().map(|(_, a, b)| b - a).sum()
}

/// The days a session is laid out over: its `days` (1 when not written),
/// 1 when that is not more than 0, at most [`MAX_DAYS`] (a value out of
/// that range is AL002; the agenda still shows a session of possible length).
pub(crate) fn session_days(s: &Session) -> f64 {
    match s.days.as_ref().map_or(1.0, |d| d.value.0) {
        d if d.is_finite() && d > 0.0 => d.min(MAX_DAYS),
        _ => 1.0,
    }
}

/// The minutes an item of a session's own agenda takes in its timed
/// agenda: as written (30 when not), at least 5 and at most a day.
pub(crate) fn item_minutes(minutes: Option<i64>) -> u32 {
    minutes.map_or(30, |m| m.clamp(5, 24 * 60) as u32)
}

/// Where the session's own agenda, laid out from 09:00 of its first day as
/// `al agenda` lays it out, runs to midnight of its last day or past it:
/// the index of the first item that ends then or later, and when the last
/// one ends, in minutes from midnight of the last day (1440 or more). Items
/// that do not fit the periods the session offers carry on after the last
/// one. `None` when it has no agenda of its own, or it ends before midnight.
pub(crate) fn past_midnight(s: &Session) -> Option<(usize, u32)> {
    let days = session_days(s);
    let lunch = s
        .agenda
        .iter()
        .any(|a| a.value.item.as_ref().is_some_and(|i| is_lunch(i)));
    let slots = periods_for(lunch, days);
    let offered: u32 = slots.iter().map(|(_, a, b)| b - a).sum();
    let last_end = slots.last().map_or(17 * 60, |s| s.2);
    let mut first = None;
    let mut total = 0u32;
    for (i, a) in s.agenda.iter().enumerate() {
        total = total.saturating_add(item_minutes(a.value.minutes.as_ref().map(|m| m.value.0)));
        let end = last_end.saturating_add(total.saturating_sub(offered));
        if first.is_none() && total > offered && end >= 24 * 60 {
            first = Some(i);
        }
    }
    let end = last_end.saturating_add(total.saturating_sub(offered));
    first.map(|i| (i, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(text: &str) -> Session {
        crate::yaml::parse::<Session>(text, crate::model::session::keys)
            .value
            .unwrap_or_default()
    }

    #[test]
    fn an_agenda_that_ends_by_midnight_is_not_past_it() {
        let s = session("kind: workshop\nagenda:\n  - { item: a, minutes: 420 }\n");
        assert_eq!(past_midnight(&s), None);
        assert_eq!(past_midnight(&session("kind: workshop\n")), None);
        // 17:00 + 415 minutes is 23:55; + 420, midnight.
        let s = session(
            "kind: workshop\nagenda:\n  - { item: a, minutes: 420 }\n  - { item: b, minutes: 415 }\n",
        );
        assert_eq!(past_midnight(&s), None);
        let s = session(
            "kind: workshop\nagenda:\n  - { item: a, minutes: 420 }\n  - { item: b, minutes: 420 }\n",
        );
        assert_eq!(past_midnight(&s), Some((1, 24 * 60)));
    }

    #[test]
    fn an_overrun_carries_on_after_the_last_period() {
        // One day offers 420 minutes and ends at 17:00: 1000 minutes end
        // 580 minutes later, at 02:40 the next day; the second item is the
        // first to end past midnight.
        let s = session(
            "kind: workshop\nagenda:\n  - { item: a, minutes: 500 }\n  - { item: b, minutes: 500 }\n  - { item: c, minutes: 5 }\n",
        );
        assert_eq!(past_midnight(&s), Some((1, 17 * 60 + 585)));
        // Half a day ends at 12:30.
        let half = session("kind: workshop\ndays: 0.5\nagenda:\n  - { item: a, minutes: 1440 }\n");
        assert_eq!(past_midnight(&half), Some((0, 12 * 60 + 30 + 1440 - 210)));
    }

    #[test]
    fn the_minutes_of_an_item_are_bounded() {
        assert_eq!(item_minutes(None), 30);
        assert_eq!(item_minutes(Some(-5)), 5);
        assert_eq!(item_minutes(Some(i64::MAX)), 1440);
    }
}
