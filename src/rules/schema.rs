//! AL001–AL005: the files themselves — syntax, schema, missing files,
//! references to ids defined nowhere, and ids defined twice.

use super::rule;
use super::{Ctx, Finding};
use crate::diag::Loc;
use crate::diag::Severity::Error;
use crate::facts::IdSet;
use crate::model::session::{ITEM_MINUTES, MAX_DAYS};
use crate::model::{ExternalKind, Field, SessionKind, Sp, Text};
use crate::yaml::ProblemKind;
use std::borrow::Cow;
use std::collections::BTreeMap;

rule!(AL001, "yaml-syntax", Error);

rule!(AL002, "schema", Error);

/// AL001/AL002 from the parser: invalid YAML, wrong types, unknown keys, bad values.
pub(crate) fn parse_problems(ctx: &mut Ctx) {
    for (file, p) in &ctx.program.problems {
        let code = match p.kind {
            ProblemKind::Syntax => &AL001,
            ProblemKind::Schema => &AL002,
        };
        ctx.emit(
            code,
            *file,
            &p.loc,
            p.what.message(ctx.lang),
            p.what.help(ctx.lang),
        );
    }
}

rule!(AL003, "missing-file", Error);

/// AL003: topic.yaml or team.yaml is missing.
pub(crate) fn missing_files(ctx: &mut Ctx) {
    for m in &ctx.program.missing {
        let (zh, en) = m.kind.spec().missing_help;
        let rel = m.rel;
        ctx.out.push(Finding::new(
            &AL003,
            super::At::Missing(m.display.clone()),
            &Loc::file_start(),
            crate::tr!(ctx.lang, "本项目缺少 {rel}", "{rel} is missing from this program"),
            crate::lang::pick(ctx.lang, zh, en).to_string(),
        ));
    }
}

/// A value a required key may hold.
trait Required {
    /// Whether the key is not written at all. A key written with an invalid
    /// value is not missing: the bad value is reported where it is.
    fn missing(&self) -> bool;
}

impl<T> Required for Field<T> {
    fn missing(&self) -> bool {
        self.is_absent()
    }
}

impl<T> Required for Option<T> {
    fn missing(&self) -> bool {
        self.is_none()
    }
}

/// What a required key holds, as the end of "add `key:` …" in both
/// languages: (Chinese, English).
type What = (&'static str, &'static str);

/// AL002 "missing required key `key`" when `value` is not written.
fn require(ctx: &mut Ctx, file: usize, at: &Loc, value: &impl Required, key: &str, what: What) {
    if value.missing() {
        let lang = ctx.lang;
        let (zh, en) = what;
        ctx.emit(
            &AL002,
            file,
            at,
            crate::tr!(lang, "缺少必填键 `{key}`", "missing required key `{key}`"),
            crate::tr!(lang, "加上 `{key}:`，{zh}", "add `{key}:` with {en}"),
        )
        .label(crate::tr!(lang, "此处须有 `{key}`", "`{key}` is required here"));
    }
}

/// AL002: keys the file format requires (the method's own requirements are rules of their own).
pub(crate) fn required_keys(ctx: &mut Ctx) {
    topic_keys(ctx);
    team_keys(ctx);
    session_keys(ctx);
    subtopic_keys(ctx);
}

/// AL002 in topic.yaml: title, statement, start, a stage of the six steps,
/// and each budget line's item and amount.
fn topic_keys(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(t) = &p.topic else { return };
    let (f, v, top) = (t.file, &t.value, Loc::file_start());
    require(
        ctx,
        f,
        &top,
        &v.title,
        "title",
        ("写明主题的标题", "the topic's title"),
    );
    require(
        ctx,
        f,
        &top,
        &v.statement,
        "statement",
        ("用几行文字写明问题", "the problem in a few lines"),
    );
    require(
        ctx,
        f,
        &top,
        &v.start,
        "start",
        ("写明开始日期，例如 2026-03-01", "the start date, e.g. 2026-03-01"),
    );
    if let Some(stage) = &*v.stage
        && !(1..=6).contains(&stage.value.0)
    {
        let n = stage.value.0;
        ctx.emit(
            &AL002,
            f,
            &stage.loc,
            crate::tr!(
                ctx.lang,
                "`stage: {n}` 不是六个步骤之一",
                "stage {n} is not one of the six steps"
            ),
            crate::tr!(
                ctx.lang,
                "用 1 至 6 的数字写明当前所处的步骤",
                "write the current step as a number from 1 to 6"
            ),
        );
    }
    for b in &v.budget {
        require(
            ctx,
            f,
            &b.loc,
            &b.value.item,
            "item",
            ("写明这笔钱的用途", "what the money is for"),
        );
        require(
            ctx,
            f,
            &b.loc,
            &b.value.planned,
            "planned",
            ("写明计划金额", "the planned amount"),
        );
    }
}

/// AL002 in team.yaml: groups, names, group ids.
fn team_keys(ctx: &mut Ctx) {
    let p = ctx.program;
    let Some(team) = &p.team else { return };
    let (f, v) = (team.file, &team.value);
    if v.groups.is_empty() {
        require(
            ctx,
            f,
            &Loc::file_start(),
            &None::<()>,
            "groups",
            (
                "列出核心小组：每组有 id、组长和 4–8 名成员",
                "the core groups: each with an id, a leader and 4–8 members",
            ),
        );
    }
    for person in &v.people {
        require(
            ctx,
            f,
            &person.loc,
            &person.value.name,
            "name",
            ("填写此人的姓名", "the person's full name"),
        );
    }
    for fac in &v.facilitators {
        require(
            ctx,
            f,
            &fac.loc,
            &fac.value.name,
            "name",
            ("填写促进师的姓名", "the facilitator's full name"),
        );
    }
    for ext in &v.external {
        require(
            ctx,
            f,
            &ext.loc,
            &ext.value.name,
            "name",
            ("填写专家或信息来源的名称", "the name of the expert or source"),
        );
    }
    for g in &v.groups {
        require(
            ctx,
            f,
            &g.loc,
            &g.value.id,
            "id",
            (
                "填写一个简短的 id，例如 g1，供活动和子课题引用",
                "a short id such as g1, used by sessions and sub-topics",
            ),
        );
    }
}

/// AL002 in sessions/: kind and date, one group for a group meeting, a
/// length of more than 0 and at most [`MAX_DAYS`] days, agenda items of
/// [`ITEM_MINUTES`], and the text of each agenda item, learning and action.
fn session_keys(ctx: &mut Ctx) {
    let (p, lang) = (ctx.program, ctx.lang);
    for s in &p.sessions {
        let (f, v, top) = (s.file, &s.value, Loc::file_start());
        require(
            ctx,
            f,
            &top,
            &v.kind,
            "kind",
            (
                "取值为 kickoff、workshop、group-meeting、activity、review、report 之一",
                "one of: kickoff, workshop, group-meeting, activity, review, report",
            ),
        );
        require(
            ctx,
            f,
            &top,
            &v.date,
            "date",
            ("写明日期，例如 2026-04-13", "the date, e.g. 2026-04-13"),
        );
        if let Some(kind) = &*v.kind
            && kind.value == SessionKind::GroupMeeting
            && v.groups.len() != 1
        {
            let loc = v.groups.get(1).map_or(&kind.loc, |g| &g.loc);
            let n = v.groups.len();
            ctx.emit(
                &AL002,
                f,
                loc,
                crate::tr!(
                    lang,
                    "小组会议只写一个小组，这里写了 {n} 个",
                    "a group meeting names exactly one group, this one names {n}"
                ),
                crate::tr!(
                    lang,
                    "写 `groups: [g1]`，只写开会的那一个小组",
                    "write `groups: [g1]` with the one group that met"
                ),
            );
        }
        if let Some(days) = &*v.days
            && days.value.0 > MAX_DAYS
        {
            let (d, max) = (number_text(days.value.0), MAX_DAYS);
            ctx.emit(
                &AL002,
                f,
                &days.loc,
                crate::tr!(
                    lang,
                    "`days: {d}` 超过了一次活动的最长时长（{max} 天）",
                    "`days: {d}` is longer than one session can be (at most {max} days)"
                ),
                crate::tr!(
                    lang,
                    "写明这一次活动的天数（不超过 {max}）；更长的一段工作请分成几次活动记录",
                    "write the length of this one session in days (at most {max}); record a longer stretch of work as several sessions"
                ),
            );
        }
        for a in &v.agenda {
            item_minutes(ctx, f, &a.value);
        }
        if let Some(days) = &*v.days
            && days.value.0 <= 0.0
        {
            let d = days.value.0;
            ctx.emit(
                &AL002,
                f,
                &days.loc,
                crate::tr!(lang, "`days: {d}` 不是有效的天数", "`days: {d}` is not a length"),
                crate::tr!(
                    lang,
                    "用天数写明时长，例如 1、2 或 0.5",
                    "write the length in days, e.g. 1, 2 or 0.5"
                ),
            );
        }
        for a in &v.agenda {
            require(
                ctx,
                f,
                &a.loc,
                &a.value.item,
                "item",
                ("写明议程事项的内容", "what the agenda item is"),
            );
        }
        for l in &v.learning {
            require(
                ctx,
                f,
                &l.loc,
                &l.value.title,
                "title",
                ("写明学习的内容", "what was studied"),
            );
        }
        for a in &v.actions {
            require(
                ctx,
                f,
                &a.loc,
                &a.value.task,
                "task",
                ("写明要做的事", "what is to be done"),
            );
        }
        for a in &v.next {
            require(
                ctx,
                f,
                &a.loc,
                &a.value.task,
                "task",
                (
                    "写明到下次活动前要做的事",
                    "what is to be done until the next gathering",
                ),
            );
        }
    }
}

/// AL002: an agenda item's `minutes` outside 1–1440 ([`ITEM_MINUTES`]).
fn item_minutes(ctx: &mut Ctx, file: usize, item: &crate::model::AgendaItem) {
    let Some(m) = &*item.minutes else { return };
    if ITEM_MINUTES.contains(&m.value.0) {
        return;
    }
    let (n, lo, hi) = (m.value.0, ITEM_MINUTES.start(), ITEM_MINUTES.end());
    ctx.emit(
        &AL002,
        file,
        &m.loc,
        crate::tr!(
            ctx.lang,
            "`minutes: {n}` 不是议程项的时长",
            "`minutes: {n}` is not the length of an agenda item"
        ),
        crate::tr!(
            ctx.lang,
            "用分钟数写明这一项的时长：{lo} 至 {hi}（一整天）",
            "write how long the item takes in minutes, from {lo} to {hi} (a whole day)"
        ),
    );
}

/// A number as a message shows it: as written for everyday sizes, with an
/// exponent when very large or very small (`1e308`, not 309 digits).
fn number_text(x: f64) -> String {
    if x != 0.0 && !(1e-6..1e15).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// AL002 in subtopics/: the question, and each metric's name.
fn subtopic_keys(ctx: &mut Ctx) {
    let p = ctx.program;
    for st in &p.subtopics {
        let f = st.file;
        require(
            ctx,
            f,
            &Loc::file_start(),
            &st.value.question,
            "question",
            (
                "写明具体的问题，例如：如何降低核心技术人员的流失率？",
                "the concrete question, e.g. 如何降低核心技术人员的流失率?",
            ),
        );
        if let Some(imp) = &st.value.implementation {
            for m in &imp.value.metrics {
                require(
                    ctx,
                    f,
                    &m.loc,
                    &m.value.name,
                    "name",
                    ("写明衡量什么", "what is measured"),
                );
            }
        }
    }
}

rule!(AL005, "duplicate-id", Error);

/// What an id in team.yaml names, for AL005: (Chinese, English).
type IdKind = (&'static str, &'static str);

/// A second definition of an id: file, place, kind, id, line of the first.
type Dup = (usize, Loc, IdKind, String, u32);

/// AL005: two people, facilitators, groups or sub-topics with one id.
pub(crate) fn duplicate_ids(ctx: &mut Ctx) {
    let (p, lang) = (ctx.program, ctx.lang);
    let mut dups: Vec<Dup> = Vec::new();
    if let Some(team) = &p.team {
        let people = team.value.people.iter().filter_map(|x| x.value.key());
        find_dups(team.file, ("人员", "person"), people, &mut dups);
        let facs = team.value.facilitators.iter().filter_map(|x| x.value.key());
        find_dups(team.file, ("促进师", "facilitator"), facs, &mut dups);
        let groups = team.value.groups.iter().filter_map(|x| x.value.id.as_ref());
        find_dups(team.file, ("小组", "group"), groups, &mut dups);
    }
    let mut seen: BTreeMap<String, (usize, u32)> = BTreeMap::new();
    for st in &p.subtopics {
        let written = crate::facts::subtopic_id(p, st);
        let id = crate::model::id::visible_id(written).into_owned();
        let loc = st
            .value
            .id
            .as_ref()
            .map_or_else(Loc::file_start, |i| i.loc.clone());
        match seen.get(&id) {
            Some((first_file, _)) => {
                let first = p.files.get(*first_file).map_or("", |f| f.display.as_str());
                ctx.emit(
                    &AL005,
                    st.file,
                    &loc,
                    {
                        let id = shown(written);
                        crate::tr!(
                            lang,
                            "子课题 id `{id}` 已被 {first} 使用",
                            "sub-topic id `{id}` is already used by {first}"
                        )
                    },
                    crate::tr!(
                        lang,
                        "为每个子课题指定各自的 `id`（默认为文件名）",
                        "give each sub-topic its own `id` (it defaults to the file name)"
                    ),
                );
            }
            None => {
                seen.insert(id, (st.file, loc.line));
            }
        }
    }
    for (file, loc, (zh, en), id, first_line) in dups {
        ctx.emit(
            &AL005,
            file,
            &loc,
            crate::tr!(
                lang,
                "{zh} id `{id}` 定义了两次（第一次在第 {first_line} 行）",
                "{en} id `{id}` is defined twice (first on line {first_line})"
            ),
            crate::tr!(
                lang,
                "为每个{zh}指定各自的 id；省略 `id` 时以 `name` 作为 id",
                "give each {en} its own id; when `id` is left out the name is the id"
            ),
        )
        .label(crate::lang::pick(lang, "第二次定义", "second definition"));
    }
}

/// The second and later definitions of each id, compared as they read
/// ([`crate::model::id::visible_id`]): `zhang` and `zhang` with a zero-width
/// space are one id defined twice.
fn find_dups<'a>(file: usize, kind: IdKind, ids: impl Iterator<Item = &'a Sp<Text>>, out: &mut Vec<Dup>) {
    let mut seen: BTreeMap<Cow<str>, u32> = BTreeMap::new();
    for id in ids {
        let visible = crate::model::id::visible_id(&id.value.0);
        match seen.get(&visible) {
            Some(first) => out.push((file, id.loc.clone(), kind, shown(&id.value.0), *first)),
            None => {
                seen.insert(visible, id.loc.line);
            }
        }
    }
}

/// An id for a message: as written, with a character that shows nothing
/// named (`<U+200B>`).
fn shown(id: &str) -> String {
    crate::model::id::shown_id(id)
}

#[derive(Clone, Copy, PartialEq)]
enum RefKind {
    Person,
    Facilitator,
    PersonOrFacilitator,
    Group,
    Subtopic,
}

rule!(AL004, "unknown-reference", Error);

impl RefKind {
    /// What the id should name: (Chinese, English).
    fn what(self) -> (&'static str, &'static str) {
        match self {
            RefKind::Person => ("人员", "person"),
            RefKind::Facilitator => ("促进师", "facilitator"),
            RefKind::PersonOrFacilitator => ("人员或促进师", "person or facilitator"),
            RefKind::Group => ("小组", "group"),
            RefKind::Subtopic => ("子课题", "sub-topic"),
        }
    }

    /// Where it is defined: (Chinese, English).
    fn place(self) -> (&'static str, &'static str) {
        match self {
            RefKind::Person => ("team.yaml 的 `people:` 下", "team.yaml under `people:`"),
            RefKind::Facilitator => (
                "team.yaml 的 `facilitators:` 下",
                "team.yaml under `facilitators:`",
            ),
            RefKind::PersonOrFacilitator => (
                "team.yaml 的 `people:` 或 `facilitators:` 下",
                "team.yaml under `people:` or `facilitators:`",
            ),
            RefKind::Group => ("team.yaml 的 `groups:` 下", "team.yaml under `groups:`"),
            RefKind::Subtopic => ("subtopics/ 中", "subtopics/ (the id defaults to the file name)"),
        }
    }

    /// What Chinese adds after "定义" (English says it within the place).
    fn zh_note(self) -> &'static str {
        match self {
            RefKind::Subtopic => "（id 默认为文件名）",
            _ => "",
        }
    }

    /// The section keys it is defined under, for "not under …": (Chinese, English).
    fn sections(self) -> (&'static str, &'static str) {
        match self {
            RefKind::Person => ("`people:`", "`people:`"),
            RefKind::Facilitator => ("`facilitators:`", "`facilitators:`"),
            RefKind::PersonOrFacilitator => ("`people:` 或 `facilitators:`", "`people:` or `facilitators:`"),
            RefKind::Group => ("`groups:`", "`groups:`"),
            RefKind::Subtopic => ("subtopics/", "subtopics/"),
        }
    }

    /// Whether `value` is defined as what this reference needs.
    fn known(self, ix: &crate::facts::Index, value: &str) -> bool {
        match self {
            RefKind::Person => ix.people.contains_key(value),
            RefKind::Facilitator => ix.facilitators.contains_key(value),
            RefKind::PersonOrFacilitator => {
                ix.people.contains_key(value) || ix.facilitators.contains_key(value)
            }
            RefKind::Group => ix.groups.contains_key(value),
            RefKind::Subtopic => ix.subtopics.contains_key(value),
        }
    }

    /// The sets of ids it may name.
    fn sets(self) -> &'static [IdSet] {
        match self {
            RefKind::Person => &[IdSet::People],
            RefKind::Facilitator => &[IdSet::Facilitators],
            RefKind::PersonOrFacilitator => &[IdSet::People, IdSet::Facilitators],
            RefKind::Group => &[IdSet::Groups],
            RefKind::Subtopic => &[IdSet::Subtopics],
        }
    }

    /// Whether `value` reads as an id defined as what this reference needs,
    /// one of the two written with a character that shows nothing or not
    /// composed: that is reported at the id (AL002), not here.
    fn reads_as_known(self, ix: &crate::facts::Index, value: &str) -> bool {
        self.sets().iter().any(|set| ix.reads_as(*set, value).is_some())
    }

    /// The ids a misspelling may be meant as.
    fn candidates<'a>(self, ix: &crate::facts::Index<'a>) -> Vec<&'a str> {
        match self {
            RefKind::Person => ix.people.keys().copied().collect(),
            RefKind::Facilitator => ix.facilitators.keys().copied().collect(),
            RefKind::PersonOrFacilitator => ix.people.keys().chain(ix.facilitators.keys()).copied().collect(),
            RefKind::Group => ix.groups.keys().copied().collect(),
            RefKind::Subtopic => ix.subtopics.keys().copied().collect(),
        }
    }
}

/// Where else in team.yaml `value` is defined when a reference needs a
/// person or a facilitator and it is not one: the section key and the role,
/// the role as (Chinese, English).
fn other_role(ctx: &Ctx, value: &str, kind: RefKind) -> Option<(&'static str, (&'static str, &'static str))> {
    let ix = &ctx.index;
    match kind {
        RefKind::Person if ix.facilitators.contains_key(value) => {
            return Some(("facilitators", ("促进师", "a facilitator")));
        }
        RefKind::Facilitator if ix.people.contains_key(value) => {
            return Some(("people", ("项目人员", "a person of the program")));
        }
        RefKind::Person | RefKind::Facilitator | RefKind::PersonOrFacilitator => {}
        RefKind::Group | RefKind::Subtopic => return None,
    }
    let team = ctx.program.team.as_ref()?;
    let ext = team
        .value
        .external
        .iter()
        .find(|e| e.value.name.as_ref().is_some_and(|n| n.value.0 == value))?;
    let role = match ext.value.kind.as_ref().map(|k| k.value) {
        Some(ExternalKind::Expert) => ("外部专家", "an outside expert"),
        Some(ExternalKind::Information) => ("外部信息来源", "an outside source of information"),
        None => ("外援", "outside support"),
    };
    Some(("external", role))
}

/// AL004 for one reference: `value` must be defined as `kind`.
fn check_ref(ctx: &mut Ctx, file: usize, value: &str, loc: &Loc, kind: RefKind) {
    if kind.known(&ctx.index, value) || kind.reads_as_known(&ctx.index, value) {
        return;
    }
    let lang = ctx.lang;
    let what = crate::lang::pick(lang, kind.what().0, kind.what().1);
    let place = crate::lang::pick(lang, kind.place().0, kind.place().1);
    let note = kind.zh_note();
    if let Some((section, (zh, en))) = other_role(ctx, value, kind) {
        let role = crate::lang::pick(lang, zh, en);
        let wanted = crate::lang::pick(lang, kind.sections().0, kind.sections().1);
        ctx.emit(
            &AL004,
            file,
            loc,
            crate::tr!(
                lang,
                "`{value}` 定义在 `{section}:` 下（{role}），而不是 {wanted} 下",
                "`{value}` is defined under `{section}:` ({role}), not under {wanted}"
            ),
            crate::tr!(
                lang,
                "这里要填写在 {wanted} 下定义的{what}；如果 `{value}` 也担任这一角色，请在 {place}也定义此人",
                "name a {what} defined under {wanted} here; if `{value}` also takes this part, define them in {place} too"
            ),
        )
        .label(crate::tr!(lang, "不是{what}", "not a {what}"));
        return;
    }
    let ix = &ctx.index;
    let by_name = match kind {
        RefKind::Person | RefKind::PersonOrFacilitator => ix.names.get(value).copied(),
        _ => None,
    };
    let help = if let Some(id) = by_name {
        crate::tr!(
            lang,
            "`{value}` 是 `{id}` 的姓名；引用人员要用 id：请写 `{id}`",
            "`{value}` is the name of `{id}`; refer to people by their id: write `{id}`"
        )
    } else if let Some(s) = crate::suggest::did_you_mean(value, kind.candidates(ix)) {
        crate::tr!(
            lang,
            "是不是要写 `{s}`？每个{what}都必须在 {place}定义{note}",
            "did you mean `{s}`? every {what} must be defined in {place}"
        )
    } else {
        crate::tr!(
            lang,
            "在 {place}定义 `{value}`{note}，或更正这个 id",
            "define `{value}` in {place}, or correct the id"
        )
    };
    ctx.emit(
        &AL004,
        file,
        loc,
        crate::tr!(lang, "未定义的{what} `{value}`", "unknown {what} `{value}`"),
        help,
    )
    .label(crate::tr!(lang, "没有{what}使用这个 id", "no {what} has this id"));
}

/// One reference to an id: file, the id as written, where, what it names.
type Ref<'a> = (usize, &'a str, &'a Loc, RefKind);

/// AL002 and AL004: every id a file names is written as it reads
/// ([`id_characters`]) and is defined.
pub(crate) fn references(ctx: &mut Ctx) {
    let p = ctx.program;
    let refs = reference_list(p);
    id_characters(ctx);
    let team_ok = p.team.is_some();
    let subtopics_ok = !p.problems.iter().any(|(f, pr)| {
        pr.kind == ProblemKind::Syntax && p.files.get(*f).is_some_and(|x| x.rel.starts_with("subtopics/"))
    });
    // A sub-topic whose `id` differs from its file name, referred to by its
    // file name: one finding at its `id`, not one at every reference.
    let mut renamed: BTreeMap<&str, usize> = BTreeMap::new();
    for (file, value, loc, kind) in refs {
        let checkable = match kind {
            RefKind::Subtopic => subtopics_ok,
            _ => team_ok,
        };
        if !checkable {
            continue;
        }
        if kind == RefKind::Subtopic
            && !kind.known(&ctx.index, value)
            && renamed_subtopic(ctx, value).is_some()
        {
            *renamed.entry(value).or_default() += 1;
            continue;
        }
        check_ref(ctx, file, value, loc, kind);
    }
    renamed_subtopics(ctx, renamed);
}

/// Every reference to an id in the program's files, in file order.
fn reference_list(p: &crate::load::Program) -> Vec<Ref<'_>> {
    let mut refs: Vec<Ref> = Vec::new();
    if let Some(team) = &p.team {
        for g in &team.value.groups {
            let g = &g.value;
            if let Some(l) = &*g.leader {
                refs.push((team.file, &l.value.0, &l.loc, RefKind::Person));
            }
            for x in g.learning_officers.iter().chain(&g.members) {
                refs.push((team.file, &x.value, &x.loc, RefKind::Person));
            }
            if let Some(f) = &*g.facilitator {
                refs.push((team.file, &f.value.0, &f.loc, RefKind::Facilitator));
            }
        }
    }
    for s in &p.sessions {
        let (f, v) = (s.file, &s.value);
        for g in &v.groups {
            refs.push((f, &g.value, &g.loc, RefKind::Group));
        }
        if let Some(x) = &*v.facilitator {
            refs.push((f, &x.value.0, &x.loc, RefKind::Facilitator));
        }
        if let Some(x) = &*v.learning_officer {
            refs.push((f, &x.value.0, &x.loc, RefKind::Person));
        }
        for x in v.attendees.iter().flatten() {
            refs.push((f, &x.value, &x.loc, RefKind::Person));
        }
        for a in &v.agenda {
            if let Some(x) = &*a.value.owner {
                refs.push((f, &x.value.0, &x.loc, RefKind::PersonOrFacilitator));
            }
        }
        for l in &v.learning {
            if let Some(x) = &*l.value.by {
                refs.push((f, &x.value.0, &x.loc, RefKind::PersonOrFacilitator));
            }
        }
        for a in &v.actions {
            if let Some(x) = &*a.value.owner {
                refs.push((f, &x.value.0, &x.loc, RefKind::PersonOrFacilitator));
            }
            if let Some(x) = &*a.value.subtopic {
                refs.push((f, &x.value.0, &x.loc, RefKind::Subtopic));
            }
        }
        for a in &v.next {
            if let Some(x) = &*a.value.owner {
                refs.push((f, &x.value.0, &x.loc, RefKind::PersonOrFacilitator));
            }
            if let Some(x) = &*a.value.group {
                refs.push((f, &x.value.0, &x.loc, RefKind::Group));
            }
        }
    }
    for st in &p.subtopics {
        let (f, v) = (st.file, &st.value);
        if let Some(x) = &*v.group {
            refs.push((f, &x.value.0, &x.loc, RefKind::Group));
        }
        if let Some(x) = &*v.owner {
            refs.push((f, &x.value.0, &x.loc, RefKind::Person));
        }
        for x in &v.members {
            refs.push((f, &x.value, &x.loc, RefKind::Person));
        }
        if let Some(x) = &*v.replaces {
            refs.push((f, &x.value.0, &x.loc, RefKind::Subtopic));
        }
        if let Some(imp) = &v.implementation
            && let Some(x) = &*imp.value.owner
        {
            refs.push((f, &x.value.0, &x.loc, RefKind::Person));
        }
    }
    if let Some(plan) = &p.plan {
        for m in &plan.value.milestones {
            if let Some(x) = &*m.value.owner {
                refs.push((plan.file, &x.value.0, &x.loc, RefKind::Person));
            }
            for g in &m.value.groups {
                refs.push((plan.file, &g.value, &g.loc, RefKind::Group));
            }
        }
    }
    refs
}

/// AL004 once per sub-topic whose `id` differs from its file name, which
/// `uses` references name.
fn renamed_subtopics(ctx: &mut Ctx, renamed: BTreeMap<&str, usize>) {
    for (stem, uses) in renamed {
        let Some(st) = renamed_subtopic(ctx, stem) else {
            continue;
        };
        let Some(id) = st.value.id.as_ref() else { continue };
        let (lang, new) = (ctx.lang, id.value.0.as_str());
        ctx.emit(
            &AL004,
            st.file,
            &id.loc,
            crate::tr!(
                lang,
                "子课题的 id `{new}` 与文件名 `{stem}` 不同，而有 {uses} 处引用用的是 `{stem}`",
                "the sub-topic's id `{new}` differs from its file name `{stem}`, which references use ({uses} of them)"
            ),
            crate::tr!(
                lang,
                "把 `id:` 改回 `{stem}`（或删去，id 默认就是文件名），或者把这些引用都改成 `{new}`",
                "change `id:` back to `{stem}` (or remove it: the id defaults to the file name), or change those references to `{new}`"
            ),
        )
        .label(crate::tr!(lang, "文件名是 `{stem}`", "the file is `{stem}`"));
    }
}

/// The sub-topic whose file name is `stem` but whose `id` says otherwise.
fn renamed_subtopic<'a>(ctx: &Ctx<'a>, stem: &str) -> Option<&'a crate::load::Doc<crate::model::Subtopic>> {
    let p = ctx.program;
    p.subtopics
        .iter()
        .find(|s| p.stem(s.file) == stem && crate::facts::subtopic_id(p, s) != stem)
}

/// The ids a program defines that are not read as ids
/// ([`crate::yaml::id`] reads the others as they look), as (file, id,
/// where, whether it is a file name): the name of a person or facilitator
/// without an `id:`, and the file name of a sub-topic without one.
fn unread_ids(p: &crate::load::Program) -> Vec<(usize, &str, Loc, bool)> {
    let mut out = Vec::new();
    if let Some(team) = &p.team {
        let t = &team.value;
        let people = t
            .people
            .iter()
            .filter(|x| x.value.id.is_absent())
            .map(|x| &x.value.name);
        let facs = t
            .facilitators
            .iter()
            .filter(|x| x.value.id.is_absent())
            .map(|x| &x.value.name);
        for name in people.chain(facs).filter_map(|n| n.as_ref()) {
            out.push((team.file, name.value.0.as_str(), name.loc.clone(), false));
        }
    }
    for st in p.subtopics.iter().filter(|st| st.value.id.is_absent()) {
        out.push((st.file, p.stem(st.file), Loc::file_start(), true));
    }
    out
}

/// AL002: an id that is not read as an id ([`unread_ids`]) holding a
/// character that shows nothing or letters not composed
/// ([`crate::model::id::id_flaw`]). References to it that read the same
/// find it ([`crate::facts::Index::reads_as`]).
fn id_characters(ctx: &mut Ctx) {
    let lang = ctx.lang;
    for (file, id, loc, file_name) in unread_ids(ctx.program) {
        let Some(flaw) = crate::model::id::id_flaw(id) else {
            continue;
        };
        let message = crate::yaml::id_message(lang, id, flaw);
        ctx.emit(
            &AL002,
            file,
            &loc,
            message,
            crate::yaml::id_help(lang, id, file_name),
        );
    }
}

rule!(AL006, "placeholder", Error);

/// AL006: text `al init` writes to be replaced — a name such as 成员一 or
/// "Convener's name", the statement's "请在此描述…", the kick-off's
/// objectives — left as it was, a generic marker (`TODO`, `TBD`, `xxx`,
/// `…`, "如何……？"), or an empty text where the file needs one. One finding
/// per value, at its place. The template texts are read from the templates
/// themselves (see [`placeholder::template_texts`]), so the list cannot
/// drift from what `al init` writes.
pub(crate) fn placeholders(ctx: &mut Ctx) {
    let lang = ctx.lang;
    let mut found = Vec::new();
    for (file, f) in ctx.program.files.iter().enumerate() {
        if !(f.rel.ends_with(".yaml") || f.rel.ends_with(".yml")) || !placeholder::suspect(&f.text) {
            continue;
        }
        for p in placeholder::scan(&f.rel, &f.text) {
            found.push((file, p));
        }
    }
    for (file, p) in found {
        let key = p.key;
        let (message, label) = match &p.what {
            placeholder::What::Empty => (
                crate::tr!(lang, "`{key}` 是空的", "`{key}` is empty"),
                crate::lang::pick(lang, "此处须有内容", "text is required here"),
            ),
            placeholder::What::Text(text) => (
                crate::tr!(
                    lang,
                    "`{key}` 仍是占位文字“{text}”",
                    "`{key}` still holds the placeholder \"{text}\""
                ),
                crate::lang::pick(lang, "占位文字", "placeholder"),
            ),
        };
        let help = crate::tr!(
            lang,
            "换成本项目的真实内容；`al init` 写入的占位文字只是提示，检查时不算数",
            "write this program's real text here; what `al init` writes is only a prompt to fill in"
        );
        ctx.emit(&AL006, file, &p.loc, message, help).label(label);
    }
}

/// Finding AL006's placeholders in a file's text.
mod placeholder {
    use crate::diag::Loc;
    use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_saphyr::Spanned;
    use std::collections::BTreeSet;
    use std::fmt;
    use std::sync::OnceLock;

    /// Keys whose values are ids, words of the format, dates, numbers or
    /// labels anyone may keep (a place, a group's name, a session's title):
    /// a template's value there is not a placeholder.
    const KEPT: &[&str] = &[
        "id",
        "kind",
        "source",
        "mode",
        "level",
        "status",
        "currency",
        "place",
        "group",
        "groups",
        "owner",
        "facilitator",
        "leader",
        "members",
        "learning_officers",
        "attendees",
        "date",
        "days",
        "start",
        "end",
        "defined",
        "consent",
        "stage",
        "due",
        "subtopic",
        "replaces",
        "category",
        "unit",
        "decision",
    ];

    /// Whole values that mark text still to be written, in any file
    /// (compared without case and surrounding blanks).
    const MARKERS: &[&str] = &[
        "todo",
        "tbd",
        "tbc",
        "xxx",
        "xx",
        "…",
        "……",
        "...",
        "?",
        "？",
        "待定",
        "待填",
        "待填写",
        "待补充",
        "某某",
    ];

    /// What makes a value a placeholder.
    pub(super) enum What {
        /// Empty where the file needs text.
        Empty,
        /// A template's text or a marker (shortened for the message).
        Text(String),
    }

    /// One placeholder: the key it is under, what it is, where.
    pub(super) struct Found {
        pub key: String,
        pub what: What,
        pub loc: Loc,
    }

    /// A YAML tree with the places of its values.
    enum Tree {
        Map(Vec<(String, Spanned<Tree>)>),
        Seq(Vec<Spanned<Tree>>),
        Text(String),
        Other,
    }

    /// A mapping key of any scalar type, as text.
    struct Key(String);

    macro_rules! scalar_visitor {
        ($name:ident, $out:ty, $text:expr, $other:expr) => {
            struct $name;
            impl<'de> Visitor<'de> for $name {
                type Value = $out;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("any YAML value")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<$out, E> {
                    Ok($text(v.to_string()))
                }
                fn visit_bool<E: de::Error>(self, v: bool) -> Result<$out, E> {
                    Ok($other(v.to_string()))
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<$out, E> {
                    Ok($other(v.to_string()))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<$out, E> {
                    Ok($other(v.to_string()))
                }
                fn visit_f64<E: de::Error>(self, v: f64) -> Result<$out, E> {
                    Ok($other(v.to_string()))
                }
                fn visit_unit<E: de::Error>(self) -> Result<$out, E> {
                    Ok($other(String::new()))
                }
                fn visit_none<E: de::Error>(self) -> Result<$out, E> {
                    Ok($other(String::new()))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<$out, A::Error> {
                    let mut v = Vec::new();
                    while let Some(k) = m.next_key::<Key>()? {
                        v.push((k.0, m.next_value::<Spanned<Tree>>()?));
                    }
                    map_of(v)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut m: A) -> Result<$out, A::Error> {
                    let mut v = Vec::new();
                    while let Some(n) = m.next_element::<Spanned<Tree>>()? {
                        v.push(n);
                    }
                    seq_of(v)
                }
            }
        };
    }

    trait FromNodes: Sized {
        fn map<E: de::Error>(v: Vec<(String, Spanned<Tree>)>) -> Result<Self, E>;
        fn seq<E: de::Error>(v: Vec<Spanned<Tree>>) -> Result<Self, E>;
    }

    impl FromNodes for Tree {
        fn map<E: de::Error>(v: Vec<(String, Spanned<Tree>)>) -> Result<Self, E> {
            Ok(Tree::Map(v))
        }
        fn seq<E: de::Error>(v: Vec<Spanned<Tree>>) -> Result<Self, E> {
            Ok(Tree::Seq(v))
        }
    }

    impl FromNodes for Key {
        fn map<E: de::Error>(_: Vec<(String, Spanned<Tree>)>) -> Result<Self, E> {
            Err(E::custom("a mapping as a key"))
        }
        fn seq<E: de::Error>(_: Vec<Spanned<Tree>>) -> Result<Self, E> {
            Err(E::custom("a list as a key"))
        }
    }

    fn map_of<T: FromNodes, E: de::Error>(v: Vec<(String, Spanned<Tree>)>) -> Result<T, E> {
        T::map(v)
    }

    fn seq_of<T: FromNodes, E: de::Error>(v: Vec<Spanned<Tree>>) -> Result<T, E> {
        T::seq(v)
    }

    scalar_visitor!(TreeVisitor, Tree, Tree::Text, |_| Tree::Other);
    scalar_visitor!(KeyVisitor, Key, Key, Key);

    impl<'de> Deserialize<'de> for Tree {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(TreeVisitor)
        }
    }

    impl<'de> Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(KeyVisitor)
        }
    }

    /// Every text value of a file with the keys above it (a list item has
    /// the key of its list), in file order.
    fn texts(text: &str) -> Vec<(Vec<String>, String, Loc)> {
        let Ok(tree) = serde_saphyr::from_str_with_options::<Tree>(text, crate::yaml::options()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        walk(&tree, &mut Vec::new(), None, &mut out);
        out
    }

    fn walk(tree: &Tree, path: &mut Vec<String>, at: Option<Loc>, out: &mut Vec<(Vec<String>, String, Loc)>) {
        match tree {
            Tree::Map(entries) => {
                for (k, v) in entries {
                    path.push(k.clone());
                    walk(&v.value, path, Some(Loc::from(v.referenced)), out);
                    path.pop();
                }
            }
            Tree::Seq(items) => {
                for v in items {
                    walk(&v.value, path, Some(Loc::from(v.referenced)), out);
                }
            }
            Tree::Text(t) => {
                if let Some(loc) = at {
                    out.push((path.clone(), t.clone(), loc));
                }
            }
            Tree::Other => {}
        }
    }

    /// The texts of the `al init` templates that are there to be replaced:
    /// every text value, except at the [`KEPT`] keys, a session's title,
    /// a group's name, and texts the example programs use too (a real
    /// program may say the same).
    pub(super) fn template_texts() -> &'static BTreeSet<String> {
        static TEXTS: OnceLock<BTreeSet<String>> = OnceLock::new();
        TEXTS.get_or_init(|| {
            use crate::embedded::{EXAMPLE_EN, EXAMPLE_ZH, INIT_EN, INIT_ZH};
            let all = |set: &[(&str, &str)]| -> Vec<(String, Vec<String>, String)> {
                set.iter()
                    .filter(|(rel, _)| rel.ends_with(".yaml"))
                    .flat_map(|(rel, text)| {
                        texts(text)
                            .into_iter()
                            .map(|(path, t, _)| (rel.to_string(), path, t.trim().to_string()))
                    })
                    .collect()
            };
            let real: BTreeSet<String> = [EXAMPLE_ZH, EXAMPLE_EN]
                .into_iter()
                .flat_map(|s| all(s).into_iter().map(|(_, _, t)| t))
                .collect();
            [INIT_ZH, INIT_EN]
                .into_iter()
                .flat_map(all)
                .filter(|(rel, path, t)| {
                    let last = path.last().map_or("", String::as_str);
                    let session_title = rel.starts_with("sessions/") && path.len() == 1 && last == "title";
                    let group_name = path.first().is_some_and(|k| k == "groups") && last == "name";
                    !t.is_empty()
                        && !KEPT.contains(&last)
                        && !session_title
                        && !group_name
                        && !real.contains(t)
                })
                .map(|(_, _, t)| t)
                .collect()
        })
    }

    /// Whether a file's text may hold a placeholder at all: a cheap test
    /// that spares parsing the file again when it cannot.
    pub(super) fn suspect(text: &str) -> bool {
        // One pass over the text for every marker and every template text
        // (the first line of each): most files hold none and are not parsed
        // again. A question with a gap has its `…`/`...` among the markers.
        static FINDER: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
        let finder = FINDER.get_or_init(|| {
            let mut patterns: Vec<String> =
                ["todo", "tbd", "tbc", "xx", "…", "...", "\"\"", "''", "待", "某某"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
            patterns.extend(
                template_texts()
                    .iter()
                    .map(|t| t.lines().next().unwrap_or(t).to_string())
                    .filter(|t| !t.is_empty()),
            );
            // A contiguous NFA: built in a tenth of the instructions of a
            // DFA (which cost a quarter of checking one small program, at
            // every start), and searched about as fast on program files.
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(patterns)
                .ok()
        });
        finder.as_ref().is_none_or(|f| f.is_match(text)) || quoted_blank(text)
    }

    /// Whether the text holds a quoted value of white space only (`"   "`,
    /// `'　'`): a blank that the markers above (`""`, `''`) do not catch.
    fn quoted_blank(text: &str) -> bool {
        text.char_indices().any(|(i, q)| {
            (q == '"' || q == '\'')
                && text[i + 1..]
                    .chars()
                    .find(|c| !(c.is_whitespace() && *c != '\n'))
                    .is_some_and(|c| c == q)
                && text[i + 1..].starts_with(|c: char| c.is_whitespace() && c != '\n')
        })
    }

    /// Whether a value is a generic marker: a whole-value marker, or a
    /// question with a gap ("如何……？", "How can we …?").
    fn is_marker(t: &str) -> bool {
        let lower = t.to_lowercase();
        if MARKERS.contains(&lower.as_str()) {
            return true;
        }
        ["……", "…", "..."].iter().any(|g| {
            lower.match_indices(g).any(|(i, _)| {
                let after = lower[i + g.len()..].trim_start_matches(['…', '.', ' ']);
                after.starts_with(['?', '？'])
            })
        })
    }

    /// Whether an empty value stands where the file needs text that no
    /// other rule asks for: the topic's title and statement, a person's
    /// name, an action's task, a session's objective.
    fn needs_text(rel: &str, path: &[String]) -> bool {
        let keys: Vec<&str> = path.iter().map(String::as_str).collect();
        match (rel, keys.as_slice()) {
            ("topic.yaml", ["title" | "statement"]) => true,
            ("team.yaml", ["people" | "facilitators" | "groups" | "external", "name"]) => true,
            (_, ["objectives" | "title"]) => rel.starts_with("sessions/"),
            (_, ["question"]) => rel.starts_with("subtopics/"),
            (_, ["actions" | "next", "task"]) => rel.starts_with("sessions/"),
            _ => false,
        }
    }

    /// The first line of a text, cut to 24 characters.
    fn short(t: &str) -> String {
        let line = t.trim().lines().next().unwrap_or("");
        let mut out: String = line.chars().take(24).collect();
        if line.chars().count() > 24 || t.trim().lines().nth(1).is_some() {
            out.push('…');
        }
        out
    }

    /// The placeholders of one file, in file order.
    pub(super) fn scan(rel: &str, text: &str) -> Vec<Found> {
        let known = template_texts();
        texts(text)
            .into_iter()
            .filter_map(|(path, t, loc)| {
                let key = path.last().cloned().unwrap_or_default();
                let trimmed = t.trim();
                let what = if trimmed.is_empty() {
                    needs_text(rel, &path).then_some(What::Empty)?
                } else if known.contains(trimmed) || is_marker(trimmed) {
                    What::Text(short(trimmed))
                } else {
                    return None;
                };
                Some(Found { key, what, loc })
            })
            .collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_templates_placeholders_are_read_from_the_templates() {
            let t = template_texts();
            for p in [
                "召集人姓名",
                "成员一",
                "部门甲",
                "促进师姓名",
                "Member One",
                "Unit A",
                "Convener's name",
            ] {
                assert!(t.contains(p), "{p}");
            }
            for kept in [
                "intermediate",
                "CNY",
                "EUR",
                "中层",
                "员工",
                "p1",
                "g1",
                "项目启动会",
                "第一组",
            ] {
                assert!(!t.contains(kept), "{kept}");
            }
        }

        #[test]
        fn a_blank_title_name_or_question_is_a_placeholder() {
            for (rel, text) in [
                ("sessions/a.yaml", "title: \"   \"\n"),
                ("subtopics/q.yaml", "question: ''\n"),
                ("team.yaml", "groups:\n  - { id: g1, name: \" \" }\n"),
            ] {
                let found = scan(rel, text);
                assert!(
                    matches!(found.as_slice(), [f] if matches!(f.what, What::Empty)),
                    "{rel}"
                );
            }
        }

        #[test]
        fn a_quoted_blank_is_suspect_without_any_other_marker() {
            for blank in ["name: \"   \"", "name: '\u{3000}'", "- { name: \" \", id: p1 }"] {
                assert!(quoted_blank(blank), "{blank}");
                assert!(suspect(blank), "{blank}");
            }
            for plain in ["name: \"张伟\" # 组长", "name: 'a' ", "title: \"\n  x\""] {
                assert!(!quoted_blank(plain), "{plain}");
            }
        }

        #[test]
        fn markers_are_whole_values_or_questions_with_a_gap() {
            for m in [
                "TODO",
                "tbd",
                "xxx",
                "…",
                "...",
                "如何……？",
                "How can we …?",
                "待定",
            ] {
                assert!(is_marker(m), "{m}");
            }
            for m in [
                "Reduce churn...",
                "TODO list review",
                "etc. … and more",
                "如何降低流失率？",
            ] {
                assert!(!is_marker(m), "{m}");
            }
        }
    }
}
