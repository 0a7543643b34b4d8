//! `al new session|subtopic|plan`: add a correctly named, commented file to a
//! program from the built-in template, never overwriting anything.

use crate::config::Lang;
use crate::error::{Error, Result};
use crate::load::Program;
use crate::model::{ActivityKind, Date, Group, SessionKind};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `al new session` is asked for.
#[derive(Debug, Clone)]
pub(crate) struct SessionRequest {
    /// The kind of session.
    pub kind: SessionKind,
    /// Its date.
    pub date: Date,
    /// The group (required for a group meeting).
    pub group: Option<String>,
    /// For an activity: which.
    pub activity: Option<ActivityKind>,
    /// A title instead of the default one.
    pub title: Option<String>,
}

/// What `al new subtopic` is asked for.
#[derive(Debug, Clone)]
pub(crate) struct SubtopicRequest {
    /// The id, which is also the file name.
    pub id: String,
    /// The core group working on it.
    pub group: String,
    /// The owner, a member of that group.
    pub owner: String,
    /// When it is fixed (today).
    pub defined: Date,
}

/// An error already in the program's language.
fn invalid(message: String) -> Error {
    Error::Invalid(crate::error::Texts::one(message))
}

fn find_group<'a>(program: &'a Program, id: &str, lang: Lang) -> Result<&'a Group> {
    crate::facts::group(program, id).ok_or_else(|| {
        let known: Vec<&str> = program
            .team
            .iter()
            .flat_map(|t| &t.value.groups)
            .filter_map(|g| g.value.id.as_ref().map(|i| i.value.0.as_str()))
            .collect();
        let hint = match crate::suggest::did_you_mean(id, known.iter().copied()) {
            Some(s) => crate::tr!(lang, "是不是 `{s}`？", "did you mean `{s}`? "),
            None => String::new(),
        };
        let groups = list_or_none(&known, lang);
        invalid(crate::tr!(
            lang,
            "没有小组 `{id}`；{hint}team.yaml 中的小组有：{groups}",
            "unknown group `{id}`; {hint}the groups in team.yaml are: {groups}"
        ))
    })
}

fn list_or_none(items: &[&str], lang: Lang) -> String {
    if items.is_empty() {
        crate::lang::pick(lang, "（无）", "(none)").to_string()
    } else {
        items.join(crate::lang::pick(lang, "、", ", "))
    }
}

fn write_new(dir: &Path, rel: &str, text: &str) -> Result<PathBuf> {
    let path = dir.join(rel);
    let text = format!("{}{text}", crate::schema::header_for(rel).unwrap_or_default());
    crate::files::write_new(&path, &text)?;
    crate::schema::ensure_for(dir, rel)?;
    Ok(path)
}

/// Writes a new session file; returns its path.
pub fn session(dir: &Path, req: &SessionRequest, lang: Option<Lang>) -> Result<(PathBuf, Lang)> {
    let opened = crate::check::open(dir)?;
    let lang = opened.lang(lang);
    session_in(dir, &opened, req, lang).map_err(|e| e.in_program(lang))
}

/// The body of [`session`], with the program open and its language known.
fn session_in(
    dir: &Path,
    opened: &crate::check::Opened,
    req: &SessionRequest,
    lang: Lang,
) -> Result<(PathBuf, Lang)> {
    let program = &opened.program;
    let zh = lang == Lang::Zh;
    let kind = req.kind;
    let group = match (&req.group, kind) {
        (Some(g), _) => Some(find_group(program, g, lang)?),
        (None, SessionKind::GroupMeeting) => {
            return Err(invalid(crate::tr!(
                lang,
                "小组会议属于一个小组：请用 `--group ID` 指定",
                "a group meeting is for one group: give it with `--group ID`"
            )));
        }
        (None, _) => None,
    };
    let activity = match (kind, req.activity) {
        (SessionKind::Activity, None) => {
            let words = ActivityKind::WORDS.join(", ");
            return Err(invalid(crate::tr!(
                lang,
                "活动要写明是哪一种：请用 `--activity` 指定，可选：{words}",
                "an activity says which activity it is: give `--activity` with one of: {words}"
            )));
        }
        (SessionKind::Activity, Some(a)) => Some(a),
        (_, Some(_)) => return Err(invalid("`--activity` is only for `--kind activity`".to_string())),
        (_, None) => None,
    };
    let gid = group.and_then(|g| g.id.as_ref()).map(|i| i.value.0.clone());

    // How many sessions of this kind (for this group) come before: numbers the title.
    let earlier = program
        .sessions
        .iter()
        .filter(|s| s.value.kind.as_ref().is_some_and(|k| k.value == kind))
        .filter(|s| s.value.date.as_ref().is_some_and(|d| d.value < req.date))
        .filter(|s| {
            gid.as_ref()
                .is_none_or(|g| s.value.groups.iter().any(|x| &x.value == g) || s.value.groups.is_empty())
        })
        .count();
    let n = earlier + 1;
    let title = req
        .title
        .clone()
        .unwrap_or_else(|| default_title(kind, n, group, activity, zh));
    let days = match kind {
        SessionKind::Kickoff | SessionKind::Review | SessionKind::Report => "0.5",
        SessionKind::Workshop => "2",
        _ => "1",
    };
    let stem = match (kind, gid.as_deref().map(file_part), activity) {
        (SessionKind::GroupMeeting, Some(g), _) => format!("{}-{g}-meeting", req.date),
        (SessionKind::Activity, _, Some(a)) => format!("{}-{}", req.date, a.as_str()),
        (SessionKind::Workshop, None, _) => format!("{}-workshop-{n}", req.date),
        (k, Some(g), _) => format!("{}-{g}-{}", req.date, k.as_str()),
        (k, None, _) => format!("{}-{}", req.date, k.as_str()),
    };
    let rel = crate::layout::FileKind::Session.rel_for(&stem);

    let mut t = String::new();
    let c = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let _ = writeln!(
        t,
        "{}",
        c(
            "# 一次会议一个文件。写好后运行 `al check` 检查。",
            "# One file per session. Run `al check` when it is filled in."
        )
    );
    let _ = writeln!(t, "kind: {kind}");
    if let Some(a) = activity {
        let _ = writeln!(
            t,
            "activity: {a}                {}",
            c(
                "# survey 调查研究 | study-visit 外出考察 | training 培训班 | forum 专题论坛 | consultation 成果报告/征求意见 | online 网络交流",
                "# survey | study-visit | training | forum | consultation | online"
            )
        );
    }
    let _ = writeln!(t, "title: {}", yaml_text(&title));
    let _ = writeln!(t, "date: {}", req.date);
    let _ = writeln!(
        t,
        "days: {days}                    {}",
        c("# 时长（天），可为 0.5", "# length in days; may be 0.5")
    );
    if let Some(g) = &gid {
        let _ = writeln!(t, "groups: [{}]", yaml_id(g));
    } else {
        let _ = writeln!(
            t,
            "{}",
            c(
                "# groups: [g1]            # 省略时为全部小组",
                "# groups: [g1]            # default: every group"
            )
        );
    }
    let _ = writeln!(t, "place: \"\"");
    match group.and_then(|g| g.facilitator.as_ref()) {
        Some(f) => {
            let _ = writeln!(t, "facilitator: {}", yaml_id(&f.value.0));
        }
        None => {
            let _ = writeln!(t, "{}", c("# facilitator: f1", "# facilitator: f1"));
        }
    }
    if let Some(g) = group {
        let on_duty = match (kind, &gid) {
            (SessionKind::GroupMeeting, Some(id)) => crate::facts::rotation_officer(program, id, req.date),
            _ => None,
        };
        if let Some(on_duty) = on_duty {
            let _ = writeln!(
                t,
                "learning_officer: {}          {}",
                yaml_id(on_duty),
                c(
                    "# 本次值班的学习委员（按轮换顺序）",
                    "# on duty this time, by rotation"
                )
            );
        }
        let members: Vec<String> = g.members.iter().map(|m| yaml_id(&m.value)).collect();
        let _ = writeln!(
            t,
            "{}{}]",
            c("# attendees: [", "# attendees: ["),
            members.join(", ")
        );
    }
    let _ = writeln!(t, "objectives:");
    let _ = writeln!(
        t,
        "  - {}",
        c("本次会议的目标", "What this session is to achieve")
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "# agenda:                 # 可选；省略时使用该类会议的标准议程",
            "# agenda:                 # optional; the standard agenda of the kind is used otherwise"
        )
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "#   - { item: 陈述与支持, minutes: 40, owner: p1 }",
            "#   - { item: Statements and support, minutes: 40, owner: p1 }"
        )
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "# learning: [{ title: 学习材料, by: p1 }]",
            "# learning: [{ title: Reading, by: p1 }]"
        )
    );
    let _ = writeln!(t, "notes: \"\"");
    let _ = writeln!(t, "decisions: []");
    let _ = writeln!(
        t,
        "{}",
        c(
            "# 行动：每项须有负责人和截止日期；status：open（默认）| done | dropped",
            "# Actions: each with an owner and a due date; status: open (default) | done | dropped"
        )
    );
    let _ = writeln!(t, "actions: []");
    let _ = writeln!(
        t,
        "{}",
        c(
            "#  - { task: 要做的事, owner: p1, due: 2026-05-31, subtopic: first-subtopic }",
            "#  - { task: What is to be done, owner: p1, due: 2026-05-31, subtopic: first-subtopic }"
        )
    );
    if matches!(kind, SessionKind::Kickoff | SessionKind::Workshop) {
        next_example(&mut t, req.date, zh);
    }
    Ok((write_new(dir, &rel, &t)?, lang))
}

/// The commented `next:` example of a kick-off or a workshop: the
/// arrangements until the next gathering, one for a group and one for
/// everyone, due two weeks after the session's `date`.
fn next_example(t: &mut String, date: Date, zh: bool) {
    let due = date.saturating_add(jiff::Span::new().days(14));
    let c = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let _ = writeln!(
        t,
        "{}",
        c(
            "# 下一阶段（两次活动之间）的学习与工作安排：不写 group 的是全体的安排；不跟踪状态",
            "# The arrangements until the next gathering; one without a group is for everyone; not tracked"
        )
    );
    let _ = writeln!(t, "# next:");
    let _ = writeln!(
        t,
        "#   - {{ group: g1, task: {}, owner: p1, due: {due} }}",
        c("要做的事", "What the group does")
    );
    let _ = writeln!(
        t,
        "#   - {{ task: {}, due: {due} }}",
        c("全体要做的事", "What everyone does")
    );
}

fn default_title(
    kind: SessionKind,
    n: usize,
    group: Option<&Group>,
    activity: Option<ActivityKind>,
    zh: bool,
) -> String {
    let gname = group
        .and_then(|g| g.name.as_ref().or(g.id.as_ref()))
        .map(|x| x.value.0.clone())
        .unwrap_or_default();
    match (kind, zh) {
        (SessionKind::Kickoff, true) => "项目启动会".to_string(),
        (SessionKind::Kickoff, false) => "Kick-off meeting".to_string(),
        (SessionKind::Workshop, true) => format!("第{}期研讨班", chinese_number(n)),
        (SessionKind::Workshop, false) => format!("Workshop {n}"),
        (SessionKind::GroupMeeting, true) => format!("{gname}第{}次小组会议", chinese_number(n)),
        (SessionKind::GroupMeeting, false) => format!("{gname}: group meeting {n}"),
        (SessionKind::Activity, true) => match activity {
            Some(ActivityKind::Survey) => "调查研究".to_string(),
            Some(ActivityKind::StudyVisit) => "外出考察学习".to_string(),
            Some(ActivityKind::Training) => "学习培训班".to_string(),
            Some(ActivityKind::Forum) => "专题论坛".to_string(),
            Some(ActivityKind::Consultation) => "成果报告与征求意见".to_string(),
            Some(ActivityKind::Online) => "网络学习交流".to_string(),
            None => "活动".to_string(),
        },
        (SessionKind::Activity, false) => match activity {
            Some(ActivityKind::Survey) => "Survey".to_string(),
            Some(ActivityKind::StudyVisit) => "Study visit".to_string(),
            Some(ActivityKind::Training) => "Training course".to_string(),
            Some(ActivityKind::Forum) => "Topical forum".to_string(),
            Some(ActivityKind::Consultation) => "Results report and consultation".to_string(),
            Some(ActivityKind::Online) => "Online exchange".to_string(),
            None => "Activity".to_string(),
        },
        (SessionKind::Review, true) => "初步方案评审会".to_string(),
        (SessionKind::Review, false) => "Review of the preliminary solution".to_string(),
        (SessionKind::Report, true) => "成果汇报会".to_string(),
        (SessionKind::Report, false) => "Results report".to_string(),
    }
}

/// 1 → 一, 12 → 十二, 21 → 二十一 (up to 99; larger numbers stay digits).
pub(crate) fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// Text as a YAML value: plain when it reads back as exactly the same text,
/// else double-quoted with YAML's escapes — so a title `null`, `~`, `123`,
/// `x: y`, one with a line break or ESC reads back as written.
fn yaml_text(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.chars().any(|c| c.is_control() || c.is_whitespace() && c != ' ')
        && reads_back_as(&format!("v: {s}\n"), s);
    if plain { s.to_string() } else { yaml_quoted(s) }
}

/// An id as a YAML value, in a block or inside `[ … ]`: plain when it is
/// letters, digits, `-` and `_` and reads back as the same text (not `123`,
/// `true`, `null`), else double-quoted — an id from team.yaml such as
/// `"g2, g1"` or one with a line break stays one id.
fn yaml_id(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && reads_back_as(&format!("v: {s}\n"), s);
    if plain { s.to_string() } else { yaml_quoted(s) }
}

/// Whether the one-key document `doc` gives `v` as exactly the text `s`.
fn reads_back_as(doc: &str, s: &str) -> bool {
    serde_saphyr::from_str::<std::collections::BTreeMap<String, serde_json::Value>>(doc)
        .ok()
        .and_then(|m| m.get("v").cloned())
        == Some(serde_json::Value::String(s.to_string()))
}

/// `s` as a YAML double-quoted scalar.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An id as a part of a file name: letters, digits, `-` and `_` kept, any
/// other character (`/`, `.`, a space) a `-` — so an id from team.yaml can
/// never lead a new file out of its folder.
fn file_part(id: &str) -> String {
    let part: String = id
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '_' { c } else { '-' })
        .collect();
    let part = part.trim_matches('-');
    if part.is_empty() {
        "group".to_string()
    } else {
        part.to_string()
    }
}

/// Writes a new sub-topic file; returns its path.
pub fn subtopic(dir: &Path, req: &SubtopicRequest, lang: Option<Lang>) -> Result<(PathBuf, Lang)> {
    let opened = crate::check::open(dir)?;
    let lang = opened.lang(lang);
    subtopic_in(dir, &opened, req, lang).map_err(|e| e.in_program(lang))
}

/// The body of [`subtopic`], with the program open and its language known.
fn subtopic_in(
    dir: &Path,
    opened: &crate::check::Opened,
    req: &SubtopicRequest,
    lang: Lang,
) -> Result<(PathBuf, Lang)> {
    let program = &opened.program;
    let id = req.id.trim();
    let safe = !id.is_empty()
        && !id.starts_with('.')
        && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !safe {
        return Err(invalid(crate::tr!(
            lang,
            "`{id}` 不能作为子课题 id：请只用字母、数字、`-` 和 `_`（它会成为文件名 subtopics/{id}.yaml）",
            "`{id}` cannot be a sub-topic id: use letters, digits, `-` and `_` (it becomes the file name subtopics/{id}.yaml)"
        )));
    }
    if program
        .subtopics
        .iter()
        .any(|s| crate::facts::subtopic_id(program, s) == id)
    {
        return Err(invalid(crate::tr!(
            lang,
            "id 为 `{id}` 的子课题已经存在；没有写入任何文件",
            "a sub-topic with id `{id}` already exists; nothing was written"
        )));
    }
    let group = find_group(program, &req.group, lang)?;
    let members: Vec<&str> = group.members.iter().map(|m| m.value.as_str()).collect();
    if !members.contains(&req.owner.as_str()) {
        let (owner, gid, list) = (&req.owner, &req.group, list_or_none(&members, lang));
        return Err(invalid(crate::tr!(
            lang,
            "`{owner}` 不是小组 `{gid}` 的成员；该组成员有：{list}",
            "`{owner}` is not a member of group `{gid}`; its members are: {list}"
        )));
    }
    let zh = lang == Lang::Zh;
    let c = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{}",
        c(
            "# 子课题：一个具体的问题，用问句表述。id 即文件名。",
            "# A sub-topic: one concrete problem, put as a question. Its id is the file name."
        )
    );
    let _ = writeln!(
        t,
        "question: {}",
        c(
            "如何……？                # 必填：改写为本子课题的具体问题",
            "How can we …?            # required: rewrite as this sub-topic's question"
        )
    );
    let _ = writeln!(t, "group: {}", yaml_id(&req.group));
    let _ = writeln!(
        t,
        "owner: {}                 {}",
        yaml_id(&req.owner),
        c("# 负责人，须为该组成员", "# a member of the group")
    );
    let _ = writeln!(t, "defined: {}", req.defined);
    let _ = writeln!(
        t,
        "status: active             # active | deepened | replaced | done"
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "# goal: 一年内离职率由 18% 降到 10% 以下   # 目标要求：怎样算解决了，最好有数字（第二期研讨班前写明）",
            "# goal: attrition from 18% to under 10% within a year   # what \"solved\" means, ideally a number (before workshop 2)"
        )
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "# members: [p1, p2]       # 子课题小组：可来自各组；写明时负责人须在其中",
            "# members: [p1, p2]       # the sub-topic's team, from any group; the owner among them"
        )
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "# replaces: old-id        # 若替换了另一个子课题（更新）",
            "# replaces: old-id        # when it replaces another sub-topic"
        )
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "# 行动六步：摆现象 → 查问题 → 析原因 → 找对策 →（定方案 → 抓落实）",
            "# The six moves: symptoms -> problems -> causes -> countermeasures -> (proposal -> implementation)"
        )
    );
    let _ = writeln!(t, "analysis:");
    for (key, zh_note, en_note) in [
        ("symptoms", "摆现象", "the symptoms"),
        ("problems", "查问题", "the problems"),
        ("causes", "析原因", "the causes"),
        ("countermeasures", "找对策", "the countermeasures"),
    ] {
        let _ = writeln!(
            t,
            "  {key}: []{:width$}# {}",
            "",
            if zh { zh_note } else { en_note },
            width = 16 - key.len()
        );
    }
    let _ = writeln!(
        t,
        "{}",
        c(
            "# proposal:               # 定方案（第四步）",
            "# proposal:               # step 4"
        )
    );
    let _ = writeln!(t, "#   summary: …");
    let _ = writeln!(t, "#   submitted: YYYY-MM-DD");
    let _ = writeln!(
        t,
        "#   review: {{ date: YYYY-MM-DD, by: [], decision: approved }}   # approved | revise | rejected"
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "# implementation:         # 抓落实（第五步）",
            "# implementation:         # step 5"
        )
    );
    let _ = writeln!(t, "#   owner: {}", req.owner);
    let _ = writeln!(t, "#   metrics: [{{ name: …, unit: …, baseline: 0, target: 0 }}]");
    Ok((
        write_new(dir, &crate::layout::FileKind::Subtopic.rel_for(id), &t)?,
        lang,
    ))
}

/// Writes plan.yaml, the overall action plan, from the method's defaults
/// for a program starting on `start` (see [`plan_text`]); returns its path.
/// An existing plan.yaml is never replaced.
pub fn plan(dir: &Path, start: Date, lang: Option<Lang>) -> Result<(PathBuf, Lang)> {
    let opened = crate::check::open(dir)?;
    let lang = opened.lang(lang);
    plan_in(dir, &opened, start, lang).map_err(|e| e.in_program(lang))
}

/// The body of [`plan`], with the program open and its language known.
fn plan_in(dir: &Path, opened: &crate::check::Opened, start: Date, lang: Lang) -> Result<(PathBuf, Lang)> {
    let rel = crate::layout::FileKind::Plan.rel_for("plan");
    if dir.join(&rel).exists() {
        return Err(invalid(crate::tr!(
            lang,
            "{rel} 已经存在；没有写入任何文件（要重新生成，请先删除或改名）",
            "{rel} already exists; nothing was written (to write a new one, remove or rename it first)"
        )));
    }
    let end = opened
        .program
        .topic
        .as_ref()
        .and_then(|t| t.value.end.as_ref())
        .map(|e| e.value);
    Ok((write_new(dir, &rel, &plan_text(start, end, lang))?, lang))
}

/// The method's default milestones for a program starting on `start`, as
/// (kind, workshop number, date, or month when planned to the month).
///
/// The kick-off is on the start date and the research runs in the month two
/// weeks after it; workshop 1 is two weeks after the start (the plan is made there),
/// the next ones eight weeks apart (between 1.5 and 2 months), as many as
/// fall at least two weeks before the review. The sub-topics and their
/// owners are fixed two weeks before workshop 2; the review is 25 weeks
/// after the start (within its 6 months), the proposals are submitted a week
/// before it and implementation starts two weeks after it. The final results
/// are due at the topic's `end`, or 9 months after the start.
pub(crate) fn default_milestones(start: Date, end: Option<Date>) -> Vec<PlannedDefault> {
    let days = |d: Date, n: i64| d.checked_add(jiff::Span::new().days(n)).unwrap_or(d);
    let review = days(start, 25 * 7);
    let first = days(start, 14);
    let mut workshops = vec![first];
    while let Some(&last) = workshops.last() {
        let next = days(last, 8 * 7);
        if next > days(review, -14) || workshops.len() >= 12 {
            break;
        }
        workshops.push(next);
    }
    let second = workshops.get(1).copied().unwrap_or(days(first, 8 * 7));
    let end = end
        .filter(|e| *e > review)
        .unwrap_or_else(|| start.checked_add(jiff::Span::new().months(9)).unwrap_or(review));
    let at = |kind, date| PlannedDefault {
        kind,
        number: None,
        when: When::Date(date),
    };
    use crate::model::MilestoneKind as K;
    let mut out = vec![
        at(K::Kickoff, start),
        PlannedDefault {
            kind: K::Research,
            number: None,
            // The month research runs in: it follows the kick-off, so a start at a
            // month's end plans it in the next month (never already past).
            when: When::Month(crate::dates::Month::of(days(start, 14))),
        },
    ];
    for (i, &w) in workshops.iter().enumerate() {
        out.push(PlannedDefault {
            kind: K::Workshop,
            number: Some(i + 1),
            when: When::Date(w),
        });
        if i == 0 {
            out.push(at(K::SubtopicsFixed, days(second, -14)));
        }
    }
    out.push(at(K::ProposalSubmitted, days(review, -7)));
    out.push(at(K::Review, review));
    out.push(at(K::ImplementationStart, days(review, 14)));
    out.push(at(K::FinalResults, end));
    out
}

/// When a default milestone is planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    /// On a day.
    Date(Date),
    /// Within a month.
    Month(crate::dates::Month),
}

/// One milestone of the default plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PlannedDefault {
    /// Its kind.
    pub kind: crate::model::MilestoneKind,
    /// For a workshop, its number.
    pub number: Option<usize>,
    /// When.
    pub when: When,
}

/// What a default milestone is for, as a comment above it.
fn milestone_comment(m: &PlannedDefault, zh: bool) -> String {
    use crate::model::MilestoneKind as K;
    let n = m.number.unwrap_or(1);
    match (m.kind, zh) {
        (K::Kickoff, true) => "启动会：项目开始之日".to_string(),
        (K::Kickoff, false) => "Kick-off: the day the program starts".to_string(),
        (K::Research, true) => "调研：第一个月内完成".to_string(),
        (K::Research, false) => "Research: within the first month".to_string(),
        (K::Workshop, true) if n == 1 => "第一次研讨会：开始后两周；在这次会上制定本方案".to_string(),
        (K::Workshop, false) if n == 1 => {
            "Workshop 1: two weeks after the start; this plan is made there".to_string()
        }
        (K::Workshop, true) => format!(
            "第{}次研讨会（推进会）：与上一次相隔约两个月（1.5 到 2 个月）",
            chinese_number(n)
        ),
        (K::Workshop, false) => {
            format!("Workshop {n}: about two months after the one before (1.5 to 2 months)")
        }
        (K::SubtopicsFixed, true) => "子课题及负责人确定：在第二次研讨会之前".to_string(),
        (K::SubtopicsFixed, false) => "Sub-topics and their owners fixed: before workshop 2".to_string(),
        (K::ProposalSubmitted, true) => "初步形成方案并提交：评审前约一周".to_string(),
        (K::ProposalSubmitted, false) => {
            "Proposals drafted and submitted: about a week before the review".to_string()
        }
        (K::Review, true) => "方案评审：开始后 6 个月内".to_string(),
        (K::Review, false) => "Review of the proposals: within 6 months of the start".to_string(),
        (K::ImplementationStart, true) => "方案实施：评审通过后开始".to_string(),
        (K::ImplementationStart, false) => "Implementation starts: after the review".to_string(),
        (K::FinalResults, true) => "最终成果：主题的结束日期（未写时为开始后 9 个月）".to_string(),
        (K::FinalResults, false) => {
            "Final results: the topic's end (9 months after the start when it has none)".to_string()
        }
        (K::GroupMeetings, true) => "小组会议".to_string(),
        (K::GroupMeetings, false) => "Group meetings".to_string(),
        (K::Report, true) => "汇报".to_string(),
        (K::Report, false) => "Report".to_string(),
    }
}

/// plan.yaml from the method's defaults (see [`default_milestones`]), with
/// comments in `lang` explaining each line.
pub(crate) fn plan_text(start: Date, end: Option<Date>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let c = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let milestones = default_milestones(start, end);
    let made = milestones
        .iter()
        .find(|m| m.kind == crate::model::MilestoneKind::Workshop)
        .map_or(start, |m| match m.when {
            When::Date(d) => d,
            When::Month(_) => start,
        });
    let mut t = String::new();
    for line in [
        c(
            "# 总体行动方案：在第一次研讨会上制定，列出调研、子课题及负责人确定、研讨会（推进会）",
            "# The overall action plan: made at the first workshop, it lists the main activities and",
        ),
        c(
            "# 次数及时间、初步形成方案、汇报并提交方案等主要活动和关键环节。",
            "# key steps: research, sub-topics and owners fixed, the workshops and their dates, the",
        ),
        c(
            "# 以下按方法的默认节奏生成，请按实际安排修改。",
            "# proposals drafted and submitted, the review, the report. Generated from the method's\n# defaults: change it to your own arrangements.",
        ),
        c(
            "# 每个里程碑写 date: YYYY-MM-DD 或 month: YYYY-MM（二选一）；可选 owner（负责人 id）、",
            "# Each milestone has date: YYYY-MM-DD or month: YYYY-MM (one of the two); optionally an",
        ),
        c(
            "# groups（相关小组，省略时为全部小组）和 notes（说明）。",
            "# owner (a person id), groups (default: all) and notes.",
        ),
        c(
            "# kind 可选：research 调研 | kickoff 启动会 | subtopics-fixed 子课题及负责人确定 | workshop 研讨会（推进会）",
            "# kind: research | kickoff | subtopics-fixed | workshop | group-meetings | proposal-submitted",
        ),
        c(
            "#   | group-meetings 小组会议 | proposal-submitted 初步形成方案并提交 | review 方案评审 | report 汇报",
            "#   | review | report | implementation-start | final-results",
        ),
        c(
            "#   | implementation-start 方案实施 | final-results 最终成果",
            "# The arrangements until the next gathering are not written here: they belong to the",
        ),
        c(
            "# 两次活动之间的学习与工作安排不写在这里，而写在作出安排的那次活动的文件中。",
            "# session file of the gathering where they are made.",
        ),
    ] {
        let _ = writeln!(t, "{line}");
    }
    let _ = writeln!(
        t,
        "made: {made}            {}",
        c(
            "# 制定日期：第一次研讨会",
            "# the day the plan was made: workshop 1"
        )
    );
    let _ = writeln!(t, "milestones:");
    for m in &milestones {
        let _ = writeln!(t, "  # {}", milestone_comment(m, zh));
        let _ = writeln!(t, "  - kind: {}", m.kind);
        if let Some(n) = m.number {
            let _ = writeln!(t, "    number: {n}");
        }
        match m.when {
            When::Date(d) => {
                let _ = writeln!(t, "    date: {d}");
            }
            When::Month(month) => {
                let _ = writeln!(t, "    month: {}", yaml_text(&month.to_string()));
            }
        }
    }
    let _ = writeln!(
        t,
        "{}",
        c(
            "  # 例：每月的小组会议、汇报，可按需添加：",
            "  # e.g. the monthly group meetings, a report — add them as needed:",
        )
    );
    let _ = writeln!(
        t,
        "{}",
        c(
            "  # - { kind: group-meetings, month: YYYY-MM, groups: [g1], notes: 每月至少一次 }",
            "  # - { kind: group-meetings, month: YYYY-MM, groups: [g1], notes: at least monthly }",
        )
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The value of `v` in a one-key document.
    fn read(doc: &str) -> Option<serde_json::Value> {
        serde_saphyr::from_str::<std::collections::BTreeMap<String, serde_json::Value>>(doc)
            .ok()?
            .remove("v")
    }

    #[test]
    fn awkward_text_reads_back_as_written() {
        for s in [
            "null",
            "~",
            "123",
            "2026-01-01",
            "true",
            "x: y",
            "- a",
            "#c",
            "a #b",
            "\u{1b}[2J",
            "a\nactions: [x]",
            "\u{7f}",
            " lead",
            "trail ",
            "'q'",
            "\"d\"",
            "back\\slash",
            "第一次研讨会",
            "",
        ] {
            assert_eq!(
                read(&format!("v: {}\n", yaml_text(s))),
                Some(serde_json::Value::String(s.to_string())),
                "{s:?} → {}",
                yaml_text(s)
            );
        }
        assert_eq!(yaml_text("第一次研讨会"), "第一次研讨会", "plain when it can be");
    }

    #[test]
    fn ids_stay_one_id_in_a_list() {
        for s in [
            "g1",
            "g2, g1",
            "x/../../escaped",
            "a\nactions: [x]",
            "007",
            "null",
            "第一组",
        ] {
            assert_eq!(
                read(&format!("v: [{}]\n", yaml_id(s))),
                Some(serde_json::json!([s])),
                "{s:?} → {}",
                yaml_id(s)
            );
        }
        assert_eq!(yaml_id("g1"), "g1");
    }

    #[test]
    fn an_id_in_a_file_name_never_leaves_the_folder() {
        assert_eq!(file_part("x/../../../../escaped"), "x-------------escaped");
        for id in ["x/../../../../escaped", "..", "/", "a b", "g1"] {
            let part = file_part(id);
            assert!(
                !part.contains('/') && !part.contains('.') && !part.is_empty(),
                "{id} → {part}"
            );
        }
        assert_eq!(file_part("g1"), "g1");
        assert_eq!(file_part(".."), "group");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

        /// Any text at all reads back as itself, as a value and as an id in a list.
        #[test]
        fn any_text_round_trips(s in any::<String>()) {
            prop_assert_eq!(read(&format!("v: {}\n", yaml_text(&s))), Some(serde_json::Value::String(s.clone())));
            prop_assert_eq!(read(&format!("v: [{}]\n", yaml_id(&s))), Some(serde_json::json!([s])));
        }
    }

    #[test]
    fn the_next_example_reads_as_arrangements_once_uncommented() {
        for zh in [true, false] {
            let mut t = String::new();
            next_example(&mut t, crate::dates::parse_date("2026-07-06").expect("date"), zh);
            let text: String = t
                .lines()
                .filter(|l| !l.starts_with("# ") || l.starts_with("# next:") || l.starts_with("#   - "))
                .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap_or(l)))
                .collect();
            let parsed = crate::yaml::parse::<crate::model::Session>(&text, crate::model::session::keys);
            assert!(parsed.problems.is_empty() && !parsed.unknown_keys, "{text}");
            let s = parsed.value.expect("a session");
            assert_eq!(s.next.len(), 2, "{text}");
            assert_eq!(
                s.next[0].value.due.as_ref().map(|d| d.value.to_string()),
                Some("2026-07-20".into())
            );
        }
    }

    #[test]
    fn the_default_plan_follows_the_method() {
        let d = |s: &str| crate::dates::parse_date(s).expect("date");
        let start = d("2026-03-01");
        let ms = default_milestones(start, None);
        let dates: Vec<(String, Option<usize>, String)> = ms
            .iter()
            .map(|m| {
                let when = match m.when {
                    When::Date(x) => x.to_string(),
                    When::Month(x) => x.to_string(),
                };
                (m.kind.to_string(), m.number, when)
            })
            .collect();
        let w = |k: &str, n: Option<usize>, s: &str| (k.to_string(), n, s.to_string());
        assert_eq!(
            dates,
            vec![
                w("kickoff", None, "2026-03-01"),
                w("research", None, "2026-03"),
                w("workshop", Some(1), "2026-03-15"),
                w("subtopics-fixed", None, "2026-04-26"),
                w("workshop", Some(2), "2026-05-10"),
                w("workshop", Some(3), "2026-07-05"),
                w("proposal-submitted", None, "2026-08-16"),
                w("review", None, "2026-08-23"),
                w("implementation-start", None, "2026-09-06"),
                w("final-results", None, "2026-12-01"),
            ]
        );
        let end = default_milestones(start, Some(d("2026-12-31")));
        assert_eq!(end.last().map(|m| m.when), Some(When::Date(d("2026-12-31"))));
        for lang in [Lang::Zh, Lang::En] {
            let text = plan_text(start, None, lang);
            let parsed = crate::yaml::parse::<crate::model::Plan>(&text, crate::model::plan::keys);
            assert!(parsed.problems.is_empty(), "{text}");
            assert_eq!(parsed.value.map(|p| p.milestones.len()), Some(ms.len()));
        }
    }

    #[test]
    fn numbers_in_chinese() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(37), "三十七");
    }

    #[test]
    fn titles_are_quoted_only_when_needed() {
        assert_eq!(yaml_text("第三次小组会议"), "第三次小组会议");
        assert_eq!(yaml_text("g1: group meeting 2"), "\"g1: group meeting 2\"");
    }
}
