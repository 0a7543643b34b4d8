//! The data the report and agenda templates receive (`--context` prints it).
//!
//! `topic`, `team`, `subtopics` and `sessions` are shaped as in the files
//! (ids filled in where they default); everything else is worked out here, so
//! that templates only lay it out.

use super::labels::{self, pick};
use crate::check::Summary;
use crate::config::Lang;
use crate::dates::{add_months, days_between};
use crate::diag::Diagnostic;
use crate::load::Program;
use crate::model::{ActionStatus, Date, Decision, Group, Session, SessionKind, Team};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Resolves ids to names.
pub struct Names<'a> {
    people: BTreeMap<&'a str, &'a str>,
    facilitators: BTreeMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    /// Builds the lookup from team.yaml.
    pub fn new(team: Option<&'a Team>) -> Self {
        let mut people = BTreeMap::new();
        let mut facilitators = BTreeMap::new();
        if let Some(t) = team {
            for p in &t.people {
                if let (Some(k), Some(n)) = (p.value.key(), &*p.value.name) {
                    people.entry(k.value.0.as_str()).or_insert(n.value.0.as_str());
                }
            }
            for f in &t.facilitators {
                if let (Some(k), Some(n)) = (f.value.key(), &*f.value.name) {
                    facilitators
                        .entry(k.value.0.as_str())
                        .or_insert(n.value.0.as_str());
                }
            }
        }
        Names { people, facilitators }
    }

    /// The name of a person or facilitator, or the id itself when unknown.
    pub fn of(&self, id: &str) -> String {
        self.people
            .get(id)
            .or_else(|| self.facilitators.get(id))
            .map_or(id, |n| n)
            .to_string()
    }
}

/// The groups a session is for: those it names, or every group.
pub fn session_groups<'a>(s: &'a Session, team: Option<&'a Team>) -> Vec<&'a str> {
    if s.groups.is_empty() {
        team.map(|t| {
            t.groups
                .iter()
                .filter_map(|g| g.value.id.as_ref().map(|i| i.value.0.as_str()))
                .collect()
        })
        .unwrap_or_default()
    } else {
        s.groups.iter().map(|g| g.value.as_str()).collect()
    }
}

/// Who was expected at a session: the members of its groups.
pub fn expected<'a>(s: &'a Session, team: Option<&'a Team>) -> Vec<&'a str> {
    let groups = session_groups(s, team);
    let mut out = Vec::new();
    if let Some(t) = team {
        for g in &t.groups {
            if g.value
                .id
                .as_ref()
                .is_some_and(|i| groups.contains(&i.value.0.as_str()))
            {
                out.extend(g.value.members.iter().map(|m| m.value.as_str()));
            }
        }
    }
    out
}

/// Who attended: `attendees`, or everyone expected when it is not given.
pub fn present<'a>(s: &'a Session, team: Option<&'a Team>) -> Vec<&'a str> {
    match &s.attendees {
        Some(list) => list.iter().map(|a| a.value.as_str()).collect(),
        None => expected(s, team),
    }
}

/// Escapes text for one cell of a Markdown table: no `|`, no line breaks.
pub fn cell(text: &str) -> String {
    let one_line: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    one_line.join("<br>").replace('\\', "\\\\").replace('|', "\\|")
}

/// Escapes text for a Mermaid gantt task name: no `:`, `;`, `#` or line breaks.
pub fn mermaid(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(':', "：")
        .replace(';', "；")
        .replace('#', "＃")
}

#[derive(Serialize)]
struct Step {
    number: i64,
    name: &'static str,
    state: &'static str,
    state_label: &'static str,
    start: Option<Date>,
    end: Option<Date>,
}

#[derive(Serialize)]
struct ActionView {
    task: String,
    owner: Option<String>,
    owner_name: String,
    due: Option<Date>,
    status: &'static str,
    status_label: &'static str,
    overdue: bool,
    days_overdue: i64,
    subtopic: Option<String>,
    session: String,
    session_date: Option<Date>,
}

#[derive(Serialize, Default)]
struct OwnerTally {
    owner: String,
    owner_name: String,
    open: usize,
    overdue: usize,
    done: usize,
    dropped: usize,
}

/// The date of a session, for sorting (undated last).
fn date_of(s: &Session) -> Option<Date> {
    s.date.as_ref().map(|d| d.value)
}

/// Every action of the program with where it was agreed and where it stands at `today`.
fn actions(p: &Program, names: &Names, lang: Lang, today: Date) -> Vec<ActionView> {
    let mut out = Vec::new();
    for s in sorted_sessions(p) {
        for a in &s.value.actions {
            let v = &a.value;
            let status = v.status.as_ref().map_or(ActionStatus::Open, |x| x.value);
            let due = v.due.as_ref().map(|d| d.value);
            let overdue = status == ActionStatus::Open && due.is_some_and(|d| d < today);
            out.push(ActionView {
                task: v.task.as_ref().map(|t| t.0.clone()).unwrap_or_default(),
                owner: v.owner.as_ref().map(|o| o.value.0.clone()),
                owner_name: v.owner.as_ref().map(|o| names.of(&o.value.0)).unwrap_or_default(),
                due,
                status: status.as_str(),
                status_label: labels::action_status(lang, status),
                overdue,
                days_overdue: if overdue {
                    due.map_or(0, |d| days_between(d, today))
                } else {
                    0
                },
                subtopic: v.subtopic.as_ref().map(|x| x.value.0.clone()),
                session: p.files[s.file].rel.clone(),
                session_date: date_of(&s.value),
            });
        }
    }
    out
}

/// Sessions by date, then file (undated last).
pub fn sorted_sessions(p: &Program) -> Vec<&crate::load::Doc<Session>> {
    let mut v: Vec<_> = p.sessions.iter().collect();
    v.sort_by(|a, b| {
        let ka = (
            date_of(&a.value).is_none(),
            date_of(&a.value),
            &p.files[a.file].rel,
        );
        let kb = (
            date_of(&b.value).is_none(),
            date_of(&b.value),
            &p.files[b.file].rel,
        );
        ka.cmp(&kb)
    });
    v
}

/// The group's id and display name ("第一组（g1）").
fn group_label(g: &Group) -> String {
    match (&*g.name, &*g.id) {
        (Some(n), Some(i)) if n.value.0 != i.value.0 => format!("{}（{}）", n.value.0, i.value.0),
        (Some(n), _) => n.value.0.clone(),
        (None, Some(i)) => i.value.0.clone(),
        (None, None) => String::new(),
    }
}

fn steps(p: &Program, lang: Lang, today: Date) -> (Vec<Step>, i64) {
    let topic = p.topic.as_ref().map(|t| &t.value);
    let stage = topic.and_then(|t| t.stage.as_ref()).map_or(0, |s| s.value.0);
    let start = topic.and_then(|t| t.start.as_ref()).map(|s| s.value);
    let sessions = sorted_sessions(p);
    let first_of = |k: SessionKind| {
        sessions
            .iter()
            .find(|s| s.value.kind.as_ref().is_some_and(|x| x.value == k))
            .and_then(|s| date_of(&s.value))
    };
    let kickoff = first_of(SessionKind::Kickoff);
    let first_workshop = first_of(SessionKind::Workshop);
    let review_session = first_of(SessionKind::Review);
    let submitted = p
        .subtopics
        .iter()
        .filter_map(|s| {
            s.value
                .proposal
                .as_ref()?
                .value
                .submitted
                .as_ref()
                .map(|d| d.value)
        })
        .min();
    let approved = p
        .subtopics
        .iter()
        .filter_map(|s| {
            let r = s.value.proposal.as_ref()?.value.review.as_ref()?;
            (r.value.decision.as_ref()?.value == Decision::Approved)
                .then(|| r.value.date.as_ref().map(|d| d.value))?
        })
        .min();
    let implementation = p
        .subtopics
        .iter()
        .filter_map(|s| {
            s.value
                .implementation
                .as_ref()?
                .value
                .start
                .as_ref()
                .map(|d| d.value)
        })
        .min();
    let step3_start = kickoff.or(first_workshop).or(start);
    let review = review_session.into_iter().chain(approved).min();
    let periods: [(Option<Date>, Option<Date>); 6] = [
        (start, kickoff.or(start)),
        (start, kickoff.or(start)),
        (step3_start, review.or(submitted).or(Some(today))),
        (submitted.or(review), approved.or(review)),
        (
            implementation,
            topic
                .and_then(|t| t.end.as_ref())
                .map(|e| e.value)
                .filter(|e| *e < today)
                .or(Some(today)),
        ),
        (None, None),
    ];
    let out = (1..=6)
        .map(|n| {
            let (state, state_label) = if n < stage {
                ("done", pick(lang, "已完成", "done"))
            } else if n == stage {
                ("current", pick(lang, "进行中", "in progress"))
            } else {
                ("todo", pick(lang, "未开始", "not started"))
            };
            let (s, e) = if n <= stage {
                periods[(n - 1) as usize]
            } else {
                (None, None)
            };
            let e = match (s, e) {
                (Some(s), Some(e)) if e < s => Some(s),
                (Some(_), None) => Some(today),
                _ => e,
            };
            Step {
                number: n,
                name: labels::step_name(lang, n),
                state,
                state_label,
                start: s,
                end: e,
            }
        })
        .collect();
    (out, stage)
}

/// The lines of a Mermaid gantt of the six steps and the sessions.
fn gantt(p: &Program, steps: &[Step], lang: Lang) -> Vec<String> {
    let mut lines = vec![
        "gantt".to_string(),
        format!(
            "    title {}",
            pick(lang, "行动学习六步与会议", "The six steps and the sessions")
        ),
        "    dateFormat YYYY-MM-DD".to_string(),
        "    axisFormat %m-%d".to_string(),
        format!("    section {}", pick(lang, "六个步骤", "Six steps")),
    ];
    for s in steps {
        let (Some(start), Some(end)) = (s.start, s.end) else {
            continue;
        };
        let tag = match s.state {
            "done" => "done, ",
            "current" => "active, ",
            _ => "",
        };
        let days = days_between(start, end).max(1);
        lines.push(format!(
            "    {} {} :{tag}step{}, {start}, {days}d",
            s.number,
            mermaid(s.name),
            s.number
        ));
    }
    let sessions = sorted_sessions(p);
    let mut by_kind: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    for s in sessions {
        let (Some(kind), Some(date)) = (&*s.value.kind, date_of(&s.value)) else {
            continue;
        };
        let title = s.value.title.as_ref().map_or_else(
            || labels::session_kind(lang, kind.value).to_string(),
            |t| t.0.clone(),
        );
        let days = s.value.days.as_ref().map_or(1.0, |d| d.value.0);
        let row = match kind.value {
            SessionKind::Kickoff | SessionKind::Review | SessionKind::Report => {
                format!("    {} :milestone, {date}, 0d", mermaid(&title))
            }
            _ => format!("    {} :{date}, {}d", mermaid(&title), days.ceil().max(1.0)),
        };
        let order = match kind.value {
            SessionKind::Kickoff | SessionKind::Workshop | SessionKind::Review | SessionKind::Report => 0,
            SessionKind::GroupMeeting => 1,
            SessionKind::Activity => 2,
        };
        by_kind.entry(order).or_default().push(row);
    }
    for (order, rows) in by_kind {
        let name = match order {
            0 => pick(lang, "全体会议", "Plenary sessions"),
            1 => pick(lang, "小组会议", "Group meetings"),
            _ => pick(lang, "其他活动", "Activities"),
        };
        lines.push(format!("    section {name}"));
        lines.extend(rows);
    }
    lines
}

/// The `team` of the context: as in team.yaml, with each person's and
/// facilitator's `id` filled in.
fn team_value(team: Option<&Team>) -> Value {
    let Some(t) = team else { return Value::Null };
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    for key in ["people", "facilitators"] {
        if let Some(list) = v.get_mut(key).and_then(Value::as_array_mut) {
            for item in list {
                if item.get("id").is_none_or(Value::is_null)
                    && let Some(name) = item.get("name").cloned()
                {
                    item["id"] = name;
                }
            }
        }
    }
    v
}

/// The report's context.
pub fn report(
    p: &Program,
    limits: &crate::config::Limits,
    lang: Lang,
    today: Date,
    findings: &[Diagnostic],
    summary: &Summary,
) -> Value {
    let team = p.team.as_ref().map(|t| &t.value);
    let names = Names::new(team);
    let (steps, stage) = steps(p, lang, today);
    let gantt = gantt(p, &steps, lang);
    let actions = actions(p, &names, lang, today);

    // Owners' tallies.
    let mut owners: BTreeMap<String, OwnerTally> = BTreeMap::new();
    for a in &actions {
        let key = a.owner.clone().unwrap_or_default();
        let t = owners.entry(key.clone()).or_insert_with(|| OwnerTally {
            owner: key.clone(),
            owner_name: if key.is_empty() {
                pick(lang, "（未指定）", "(nobody)").to_string()
            } else {
                a.owner_name.clone()
            },
            ..OwnerTally::default()
        });
        match a.status {
            "open" => {
                t.open += 1;
                t.overdue += usize::from(a.overdue);
            }
            "done" => t.done += 1,
            _ => t.dropped += 1,
        }
    }
    let action_totals = json!({
        "open": actions.iter().filter(|a| a.status == "open").count(),
        "overdue": actions.iter().filter(|a| a.overdue).count(),
        "done": actions.iter().filter(|a| a.status == "done").count(),
        "dropped": actions.iter().filter(|a| a.status == "dropped").count(),
    });

    let mut open_actions: Vec<&ActionView> = actions.iter().filter(|a| a.status == "open").collect();
    open_actions.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.owner_name).cmp(&(b.due.is_none(), b.due, &b.owner_name))
    });

    // Sessions, with attendance.
    let held: Vec<_> = sorted_sessions(p);
    let sessions: Vec<Value> = held
        .iter()
        .map(|s| {
            let mut v = serde_json::to_value(&s.value).unwrap_or(Value::Null);
            let kind = s.value.kind.as_ref().map(|k| k.value);
            let exp = expected(&s.value, team);
            let pres = present(&s.value, team);
            v["file"] = json!(p.files[s.file].rel);
            v["kind_label"] = json!(kind.map(|k| labels::session_kind(lang, k)).unwrap_or_default());
            v["activity_label"] = json!(s.value.activity.as_ref().map(|a| labels::activity(lang, a.value)));
            v["length"] = json!(labels::length(
                lang,
                s.value.days.as_ref().map_or(1.0, |d| d.value.0)
            ));
            v["group_ids"] = json!(session_groups(&s.value, team));
            v["present"] = json!(pres.iter().map(|id| names.of(id)).collect::<Vec<_>>());
            v["present_count"] = json!(pres.len());
            v["expected_count"] = json!(exp.len());
            v["held"] = json!(date_of(&s.value).is_some_and(|d| d <= today));
            v
        })
        .collect();

    // Groups: roles and members, last meeting.
    let mut groups = Vec::new();
    let mut participation = Vec::new();
    if let Some(t) = team {
        for g in &t.groups {
            let gv = &g.value;
            let gid = gv.id.as_ref().map(|i| i.value.0.as_str()).unwrap_or_default();
            let last = held
                .iter()
                .filter(|s| s.value.is(SessionKind::GroupMeeting))
                .filter(|s| s.value.groups.iter().any(|x| x.value == gid))
                .filter_map(|s| date_of(&s.value))
                .filter(|d| *d <= today)
                .max();
            let members: Vec<Value> = gv
                .members
                .iter()
                .map(|m| {
                    let id = m.value.as_str();
                    let person = t
                        .people
                        .iter()
                        .find(|p| p.value.key().is_some_and(|k| k.value.0 == id));
                    let field = |f: fn(&crate::model::Person) -> Option<&crate::model::Text>| {
                        person
                            .and_then(|p| f(&p.value))
                            .map(|x| x.0.clone())
                            .unwrap_or_default()
                    };
                    let mut roles = Vec::new();
                    if gv.leader.as_ref().is_some_and(|l| l.value.0 == id) {
                        roles.push(pick(lang, "组长", "leader"));
                    }
                    if gv.learning_officers.iter().any(|l| l.value == id) {
                        roles.push(pick(lang, "学习委员", "learning officer"));
                    }
                    if roles.is_empty() {
                        roles.push(pick(lang, "学员", "member"));
                    }
                    json!({
                        "id": id,
                        "name": names.of(id),
                        "department": field(|p| p.department.as_ref()),
                        "level": field(|p| p.level.as_ref()),
                        "roles": roles.join(pick(lang, "、", ", ")),
                    })
                })
                .collect();
            // Participation: sessions held for this group up to today.
            for m in &gv.members {
                let id = m.value.as_str();
                let mut held_n = 0;
                let mut attended = 0;
                for s in &held {
                    if date_of(&s.value).is_none_or(|d| d > today)
                        || !session_groups(&s.value, team).contains(&gid)
                    {
                        continue;
                    }
                    held_n += 1;
                    attended += usize::from(present(&s.value, team).contains(&id));
                }
                participation.push(json!({
                    "id": id,
                    "name": names.of(id),
                    "group": gid,
                    "attended": attended,
                    "held": held_n,
                    "percent": (attended * 100 + held_n / 2).checked_div(held_n).unwrap_or(0),
                }));
            }
            let facilitator = t.facilitators.iter().find(|f| {
                gv.facilitator
                    .as_ref()
                    .is_some_and(|x| f.value.key().is_some_and(|k| k.value.0 == x.value.0))
            });
            groups.push(json!({
                "id": gid,
                "label": group_label(gv),
                "name": gv.name.as_ref().map(|n| n.value.0.clone()),
                "focus": gv.focus.as_ref().map(|n| n.0.clone()),
                "leader": gv.leader.as_ref().map(|l| names.of(&l.value.0)),
                "learning_officers": gv.learning_officers.iter().map(|l| names.of(&l.value)).collect::<Vec<_>>(),
                "facilitator": gv.facilitator.as_ref().map(|f| names.of(&f.value.0)),
                "facilitator_level": facilitator.and_then(|f| f.value.level.as_ref()).map(|l| labels::facilitator_level(lang, l.value)),
                "members": members,
                "last_met": last,
                "days_since_met": last.map(|d| days_between(d, today)),
            }));
        }
    }

    // Sub-topics.
    let subtopics: Vec<Value> = p
        .subtopics
        .iter()
        .map(|s| {
            let v = &s.value;
            let mut out = serde_json::to_value(v).unwrap_or(Value::Null);
            out["id"] = json!(
                v.id.as_ref()
                    .map_or_else(|| p.stem(s.file).to_string(), |i| i.value.0.clone())
            );
            out["file"] = json!(p.files[s.file].rel);
            out["owner_name"] = json!(v.owner.as_ref().map(|o| names.of(&o.value.0)));
            out["status_label"] = json!(v.status.as_ref().map(|x| labels::subtopic_status(lang, x.value)));
            let review = v.proposal.as_ref().and_then(|pr| pr.value.review.as_ref());
            out["decision_label"] = json!(
                review
                    .and_then(|r| r.value.decision.as_ref())
                    .map(|d| labels::decision(lang, d.value))
            );
            out["implementation_owner_name"] = json!(
                v.implementation
                    .as_ref()
                    .and_then(|i| i.value.owner.as_ref())
                    .map(|o| names.of(&o.value.0))
            );
            out
        })
        .collect();

    // Budget by category.
    let topic = p.topic.as_ref().map(|t| &t.value);
    let mut categories: BTreeMap<u8, (String, f64, f64)> = BTreeMap::new();
    let (mut planned, mut spent) = (0.0, 0.0);
    for b in topic.map(|t| t.budget.as_slice()).unwrap_or_default() {
        let pl = b.value.planned.as_ref().map_or(0.0, |x| x.value.0);
        let sp = b.value.spent.as_ref().map_or(0.0, |x| x.value.0);
        let cat = b.value.category.as_ref().map(|c| c.value);
        let order = cat.map_or(9, |c| c as u8);
        let label = cat.map_or_else(
            || pick(lang, "未分类", "Uncategorised").to_string(),
            |c| labels::budget_category(lang, c).to_string(),
        );
        let e = categories.entry(order).or_insert((label, 0.0, 0.0));
        e.1 += pl;
        e.2 += sp;
        planned += pl;
        spent += sp;
    }
    let pct = |s: f64, p: f64| {
        if p > 0.0 {
            format!("{:.0}%", s / p * 100.0)
        } else {
            "—".to_string()
        }
    };
    let budget = json!({
        "currency": topic.and_then(|t| t.currency.as_ref()).map(|c| c.0.clone()).unwrap_or_default(),
        "categories": categories.values().map(|(l, p, s)| json!({"category": l, "planned": money(*p), "spent": money(*s), "percent": pct(*s, *p)})).collect::<Vec<_>>(),
        "planned": money(planned),
        "spent": money(spent),
        "percent": pct(spent, planned),
        "lines": topic.map(|t| t.budget.len()).unwrap_or(0),
    });

    let topic_labels = topic.map(|t| {
        json!({
            "kind": t.kind.as_ref().map(|k| labels::topic_kind(lang, k.value)),
            "source": t.source.as_ref().map(|s| labels::topic_source(lang, s.value)),
            "mode": t.mode.as_ref().map(|m| labels::topic_mode(lang, m.value)),
        })
    });
    let deadline = topic
        .and_then(|t| t.start.as_ref())
        .map(|s| add_months(s.value, limits.steps_1_to_3_months));

    json!({
        "lang": lang.as_str(),
        "today": today,
        "program": p.display,
        "topic": topic.map(|t| serde_json::to_value(t).unwrap_or(Value::Null)),
        "team": team_value(team),
        "subtopics": subtopics,
        "sessions": sessions,
        "open_actions": open_actions,
        "actions": actions,
        "findings": findings,
        "check": summary,
        "stage": {
            "number": stage,
            "name": labels::step_name(lang, stage),
            "steps": steps,
            "review_deadline": deadline,
        },
        "labels": topic_labels,
        "gantt": gantt.join("\n"),
        "groups": groups,
        "participation": participation,
        "action_owners": owners.into_values().collect::<Vec<_>>(),
        "action_totals": action_totals,
        "budget": budget,
    })
}

/// A sum of money with thousands separators and no needless decimals.
pub fn money(x: f64) -> String {
    let neg = x < 0.0;
    let whole = x.abs().trunc() as u64;
    let cents = ((x.abs().fract()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if cents > 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    if neg { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_tables_intact() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("line one\nline two\n"), "line one<br>line two");
    }

    #[test]
    fn mermaid_names_are_safe() {
        assert_eq!(mermaid("第一期: 研讨班; #1\n续"), "第一期： 研讨班； ＃1 续");
    }

    #[test]
    fn money_reads_well() {
        assert_eq!(money(30000.0), "30,000");
        assert_eq!(money(1234567.5), "1,234,567.50");
        assert_eq!(money(0.0), "0");
    }
}
