//! What went wrong in a file, as data ([`What`]), and its message and help
//! in either language. A problem is found while parsing, when no language
//! is known yet; it is put into words when it becomes a finding.

use super::keyboard::Slip;
use crate::config::Lang;
use crate::dates::DateWhy;
use crate::tr;

/// What went wrong in one file.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// Not valid YAML; the parser's own text, without its location.
    Syntax(String),
    /// Over one of the parser's resource limits.
    OverLimit(Limit),
    /// A value of the wrong type; the parser's text (`expected a mapping …`).
    WrongType(String),
    /// A key the file format does not know.
    UnknownKey {
        /// The key as written.
        key: String,
        /// The allowed key it is closest to.
        suggestion: Option<String>,
        /// The keys allowed at its place.
        allowed: &'static [&'static str],
    },
    /// A scalar value that is not valid for its key.
    BadValue {
        /// The value as written.
        text: String,
        /// What it should be, in English (`a session kind`).
        what: &'static str,
        /// Why it is not.
        why: Why,
    },
    /// The file is not UTF-8; where the first bad byte is.
    NotUtf8 {
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
    },
    /// The file is over the size limit.
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A pipe, socket or device.
    NotRegular,
    /// A folder named like a YAML file.
    Folder,
    /// The file could not be read.
    Unreadable(Unreadable),
    /// The file held more bytes than the limit, whatever its size said (a
    /// file of `/proc` says 0).
    MoreThan {
        /// The limit.
        limit: u64,
    },
    /// A template of the program (`templates/*.tera`) over its own limit.
    TemplateTooLarge {
        /// Its size; `None` when it held more than its size said.
        bytes: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// A link (to a file or a folder) whose target lies outside the program
    /// folder, or inside a `.git` folder: it is not followed.
    LinkOut,
    /// A folder of the program that could not be read: its files were not
    /// checked.
    FolderUnreadable(Unreadable),
    /// A character typed with a Chinese keyboard where YAML needs its ASCII one.
    Keyboard(Slip),
    /// An id holding a character that shows nothing, or letters not
    /// composed ([`crate::model::id`]); it is read as it looks.
    Id {
        /// The id as written.
        text: String,
        /// What is wrong with it.
        flaw: crate::model::id::IdFlaw,
    },
}

/// Which parser limit a file is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Aliases expand to too much.
    Aliases,
    /// Nested too deep.
    Depth,
    /// Too many values.
    Values,
    /// More than one document.
    Documents,
    /// Anything else.
    Other,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// It does not exist (or is a dangling link).
    NotFound,
    /// Permission denied.
    Denied,
    /// A loop of symbolic links.
    LinkLoop,
    /// The system's own text.
    Other(String),
}

/// Why a scalar value is not valid.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// Not one of a fixed set of words.
    Word {
        /// The accepted words.
        choices: &'static [&'static str],
        /// The word meant, when it can be told.
        suggestion: Option<&'static str>,
        /// The Chinese label of each word that has one (from [`crate::lang`]).
        labels: Vec<(&'static str, &'static str)>,
        /// The suggestion was found by its Chinese label (`完成` → `done`).
        by_label: bool,
    },
    /// Not a date.
    Date(DateWhy),
    /// Not a consent (a date or `true`).
    Consent(DateWhy),
    /// Not a number.
    Number {
        /// A whole number is wanted.
        whole: bool,
        /// The number meant (`第三步` → 3), when it can be told.
        suggestion: Option<String>,
    },
    /// Not a month (`YYYY-MM`).
    Month,
    /// Any other reason, in English.
    Other(String),
}

impl What {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            What::Syntax(text) => match (lang, syntax_zh(text)) {
                (Lang::Zh, Some(zh)) => format!("YAML 格式错误：{zh}"),
                _ => tr!(lang, "YAML 格式错误：{text}", "invalid YAML: {text}"),
            },
            What::OverLimit(limit) => over_limit(lang, *limit),
            What::WrongType(text) => match (lang, wrong_type_zh(text)) {
                (Lang::Zh, Some(zh)) => format!("类型不对：{zh}"),
                _ => tr!(lang, "类型不对：{text}", "wrong type: {text}"),
            },
            What::UnknownKey { key, .. } => tr!(lang, "未知的键 `{key}`", "unknown key `{key}`"),
            What::BadValue { text, what, .. } => match lang {
                Lang::Zh => format!("`{text}` 不是{}", what_zh(what)),
                Lang::En => format!("`{text}` is not {what}"),
            },
            What::NotUtf8 { line, column } => tr!(
                lang,
                "文件不是有效的 UTF-8 编码（第一个错误字节在第 {line} 行第 {column} 列）",
                "file is not valid UTF-8 (first bad byte at line {line}, column {column})"
            ),
            What::TooLarge { bytes, limit } => tr!(
                lang,
                "文件有 {bytes} 字节，超过了 {limit} 字节的上限，未解析",
                "file is {bytes} bytes, over the limit of {limit} bytes; it was not parsed"
            ),
            What::NotRegular => crate::lang::pick(
                lang,
                "这不是普通文件（而是管道、套接字或设备），未读取",
                "this is not a regular file (a pipe, socket or device); it was not read",
            )
            .to_string(),
            What::Folder => {
                crate::lang::pick(lang, "这是文件夹，不是文件", "this is a folder, not a file").to_string()
            }
            What::Unreadable(why) => {
                let why = unreadable(lang, why);
                tr!(lang, "无法读取此文件：{why}", "cannot read this file: {why}")
            }
            What::MoreThan { limit } => tr!(
                lang,
                "文件超过了 {limit} 字节的上限，未解析",
                "file holds more than the limit of {limit} bytes; it was not parsed"
            ),
            What::TemplateTooLarge {
                bytes: Some(bytes),
                limit,
            } => tr!(
                lang,
                "模板有 {bytes} 字节，超过了模板 {limit} 字节（1 MiB）的上限，未读取",
                "the template holds {bytes} bytes, over the limit of {limit} bytes (1 MiB) for a template; it was not read"
            ),
            What::TemplateTooLarge { bytes: None, limit } => tr!(
                lang,
                "模板超过了模板 {limit} 字节（1 MiB）的上限，未读取",
                "the template holds more than the limit of {limit} bytes (1 MiB) for a template; it was not read"
            ),
            What::LinkOut => crate::lang::pick(
                lang,
                "这是指向项目文件夹之外的链接，未读取",
                "this is a link to outside the program folder; it was not read",
            )
            .to_string(),
            What::FolderUnreadable(why) => {
                let why = unreadable_folder(lang, why);
                tr!(lang, "无法读取此文件夹：{why}", "cannot read this folder: {why}")
            }
            What::Keyboard(slip) => slip.message(lang),
            What::Id { text, flaw } => id_message(lang, text, *flaw),
        }
    }

    /// What to do, in `lang`.
    pub fn help(&self, lang: Lang) -> String {
        let pick = |zh: &'static str, en: &'static str| crate::lang::pick(lang, zh, en).to_string();
        match self {
            What::Syntax(_) | What::OverLimit(_) => pick(
                "请修正此处的 YAML；文件解析成功之前，其余内容都无法检查",
                "fix the YAML here; the rest of this file cannot be checked until it parses",
            ),
            What::WrongType(_) => pick(
                "请按文件格式给这个键写对应类型的值（docs/format.md 列出了每个键）",
                "give this key a value of the type the file format expects (docs/format.md lists every key)",
            ),
            What::UnknownKey {
                suggestion, allowed, ..
            } => match suggestion {
                Some(s) => tr!(lang, "是不是要写 `{s}`？", "did you mean `{s}`?"),
                None if allowed.is_empty() => pick("请删除这个键", "remove this key"),
                None => {
                    let keys = allowed.join(", ");
                    tr!(
                        lang,
                        "请删除这个键；这里可用的键有：{keys}",
                        "remove this key; the keys allowed here are: {keys}"
                    )
                }
            },
            What::BadValue { why, .. } => why.help(lang),
            What::NotUtf8 { .. } => pick("请以 UTF-8 编码保存文件", "save the file as UTF-8"),
            What::TooLarge { .. } | What::MoreThan { .. } => pick(
                "请拆分文件，删去不属于项目文件的内容，或在 al.toml 中调高 `[limits] max_file_bytes`",
                "split the file, remove what does not belong in a program file, or raise `[limits] max_file_bytes` in al.toml",
            ),
            What::TemplateTooLarge { .. } => pick(
                "模板只需写出报告的版式：请删去多余内容，或把它拆成几个模板（用 include 引入）",
                "a template only lays out a report: remove what does not belong in it, or split it into several templates (with include)",
            ),
            What::NotRegular => pick(
                "请换成普通文件，或删除它",
                "replace it with a regular file, or remove it",
            ),
            What::Folder => pick(
                "请给文件夹改名：名字以 .yaml 或 .yml（templates/ 中以 .tera）结尾的都会被当作项目文件读取",
                "rename the folder: names ending in .yaml or .yml (.tera in templates/) are read as files of the program",
            ),
            What::Unreadable(_) => pick(
                "请检查文件是否存在、是否可读",
                "check that the file exists and is readable",
            ),
            What::LinkOut => pick(
                "al 从不跟随指向项目文件夹之外（或 .git 之内）的链接：请把所指的文件复制到项目中代替链接，或删除链接",
                "al never follows a link out of the program folder (or into .git): put a copy of the file in the program instead of the link, or remove the link",
            ),
            What::FolderUnreadable(_) => pick(
                "其中的文件都没有检查：请让此文件夹可读（检查其权限）",
                "none of its files were checked: make the folder readable (check its permissions)",
            ),
            What::Keyboard(slip) => slip.help(lang),
            What::Id { text, .. } => id_help(lang, text, false),
        }
    }
}

/// What is wrong with an id written with `flaw`, in `lang`: the id shown
/// with its invisible characters named (`zhang<U+200B>`).
pub(crate) fn id_message(lang: Lang, id: &str, flaw: crate::model::id::IdFlaw) -> String {
    let shown = crate::model::id::shown_id(id);
    match flaw {
        crate::model::id::IdFlaw::Invisible(c) => {
            let code = format!("U+{:04X}", u32::from(c));
            tr!(
                lang,
                "id `{shown}` 含有看不见的字符 {code}；id 只能由看得见的字符组成",
                "the id `{shown}` contains an invisible character {code}; ids must be visible text"
            )
        }
        crate::model::id::IdFlaw::NotComposed => tr!(
            lang,
            "id `{shown}` 的字母是以分解形式（不是 Unicode NFC）写的，与别处输入的同一个 id 并不相同",
            "the id `{shown}` is written with decomposed letters (not Unicode NFC), so it differs from the same id typed elsewhere"
        ),
    }
}

/// What to do about an id with a flaw, in `lang`; `file_name`: the id is
/// the name of a sub-topic's file.
pub(crate) fn id_help(lang: Lang, id: &str, file_name: bool) -> String {
    let visible = crate::model::id::visible_id(id);
    if file_name {
        tr!(
            lang,
            "把文件改名为 `{visible}.yaml`，或用 `id:` 写明看得见的 id",
            "rename the file to `{visible}.yaml`, or give the sub-topic a visible `id:`"
        )
    } else {
        tr!(
            lang,
            "重新输入这个 id，写成 `{visible}`；在那之前它按 `{visible}` 读取",
            "retype the id as `{visible}`; until then it is read as `{visible}`"
        )
    }
}

impl Why {
    /// What to do, in `lang`.
    fn help(&self, lang: Lang) -> String {
        match self {
            Why::Word {
                choices,
                suggestion,
                labels,
                by_label,
            } => word_help(lang, choices, *suggestion, labels, *by_label),
            Why::Date(why) => why.text(lang),
            Why::Consent(why) => {
                let why = why.text(lang);
                tr!(
                    lang,
                    "请写本人同意的日期，或写 true；{why}",
                    "write the date they agreed, or true; {why}"
                )
            }
            Why::Number { whole, suggestion } => {
                let how = match whole {
                    true => crate::lang::pick(lang, "请写整数，如 3", "write a whole number, e.g. 3"),
                    false => crate::lang::pick(
                        lang,
                        "请写数字，如 30000 或 0.5",
                        "write a plain number, e.g. 30000 or 0.5",
                    ),
                };
                match suggestion {
                    Some(n) => tr!(lang, "是不是要写 `{n}`？{how}", "did you mean `{n}`? {how}"),
                    None => how.to_string(),
                }
            }
            Why::Month => tr!(
                lang,
                "月份请写成 YYYY-MM，如 2026-05",
                "write a month as YYYY-MM, e.g. 2026-05"
            ),
            Why::Other(text) => text.clone(),
        }
    }
}

/// "did you mean `done`（已完成）? expected one of: …", with the Chinese labels.
fn word_help(
    lang: Lang,
    choices: &[&str],
    suggestion: Option<&str>,
    labels: &[(&'static str, &'static str)],
    by_label: bool,
) -> String {
    let label = |w: &str| labels.iter().find(|(word, _)| *word == w).map(|(_, l)| *l);
    match lang {
        Lang::En => {
            let list = choices.join(", ");
            match suggestion {
                Some(s) => match label(s) {
                    Some(l) if by_label => {
                        format!("did you mean `{s}` ({l})? expected one of: {list}")
                    }
                    _ => format!("did you mean `{s}`? expected one of: {list}"),
                },
                None => format!("expected one of: {list}"),
            }
        }
        Lang::Zh => {
            let list = choices
                .iter()
                .map(|w| match label(w) {
                    Some(l) => format!("{w}（{l}）"),
                    None => (*w).to_string(),
                })
                .collect::<Vec<_>>()
                .join("、");
            match suggestion {
                Some(s) => match label(s) {
                    Some(l) => format!("是不是要写 `{s}`（{l}）？可选值：{list}"),
                    None => format!("是不是要写 `{s}`？可选值：{list}"),
                },
                None => format!("可选值：{list}"),
            }
        }
    }
}

fn over_limit(lang: Lang, limit: Limit) -> String {
    let why = match limit {
        Limit::Aliases => crate::lang::pick(
            lang,
            "别名展开后内容过多（别名炸弹？）",
            "aliases expand to too much (an alias bomb?)",
        ),
        Limit::Depth => crate::lang::pick(lang, "嵌套超过 64 层", "it is nested more than 64 levels deep"),
        Limit::Values => crate::lang::pick(lang, "值超过 2,000,000 个", "it has more than 2,000,000 values"),
        Limit::Documents => crate::lang::pick(
            lang,
            "包含不止一个 YAML 文档",
            "it holds more than one YAML document",
        ),
        Limit::Other => crate::lang::pick(lang, "文件过大或过于复杂", "it is too large or too complex"),
    };
    tr!(
        lang,
        "文件超出了 al 的 YAML 限制：{why}",
        "the file is over al's YAML limits: {why}"
    )
}

fn unreadable(lang: Lang, why: &Unreadable) -> String {
    match why {
        Unreadable::NotFound => crate::lang::pick(
            lang,
            "文件不存在（或是指向不存在位置的链接）",
            "it does not exist (or is a link to nothing)",
        )
        .to_string(),
        Unreadable::Denied => crate::lang::pick(lang, "没有权限", "permission denied").to_string(),
        Unreadable::LinkLoop => {
            crate::lang::pick(lang, "符号链接形成了循环", "it is a loop of symbolic links").to_string()
        }
        Unreadable::Other(text) => text.clone(),
    }
}

fn unreadable_folder(lang: Lang, why: &Unreadable) -> String {
    match why {
        Unreadable::NotFound => crate::lang::pick(
            lang,
            "文件夹不存在（或是指向不存在位置的链接）",
            "it does not exist (or is a link to nothing)",
        )
        .to_string(),
        other => unreadable(lang, other),
    }
}

/// The Chinese for what a value should be (the English `WHAT` of its type).
fn what_zh(en: &str) -> String {
    let zh = match en {
        "a session kind" => "有效的活动类型",
        "an activity" => "有效的活动形式",
        "an action status" => "有效的行动项状态",
        "a sub-topic status" => "有效的子课题状态",
        "a review decision" => "有效的评审决定",
        "a facilitator level" => "有效的促进师级别",
        "a kind of external support" => "有效的外援类型",
        "a topic kind" => "有效的主题类型",
        "a topic source" => "有效的主题来源",
        "a mode" => "有效的选题方式",
        "a budget category" => "有效的预算类别",
        "a milestone kind" => "有效的里程碑类型",
        "a month (YYYY-MM)" => "有效月份（YYYY-MM）",
        "a valid date" => "有效日期",
        "a number" => "数字",
        "a whole number" => "整数",
        "text" => "文本",
        "a consent (a date or true)" => "有效的知情同意（日期或 true）",
        other => return format!(" {other}"),
    };
    zh.to_string()
}

/// The Chinese for the parser's common syntax errors; `None` for the others,
/// which are shown as the parser wrote them.
fn syntax_zh(text: &str) -> Option<String> {
    let fixed = |s: &str| Some(s.to_string());
    if let Some(key) = text.strip_prefix("duplicate mapping key: ") {
        return Some(format!("键 `{key}` 出现了两次"));
    }
    if let Some(c) = text
        .strip_prefix("unexpected character: `")
        .and_then(|r| r.strip_suffix('\''))
    {
        return Some(format!("字符 `{c}` 不能出现在这里（以它开头的值请加引号）"));
    }
    match text {
        "unclosed bracket '['" => fixed("方括号 `[` 没有闭合"),
        "unclosed bracket '{'" => fixed("花括号 `{` 没有闭合"),
        "unclosed quote" | "while scanning a quoted scalar, found unexpected end of stream" => {
            fixed("引号没有闭合")
        }
        "mapping values are not allowed in this context" => {
            fixed("这里不能出现 `键: 值`：可能是缩进不对，或值里有“冒号加空格”需要给整个值加引号")
        }
        "simple key expected ':'" | "simple key expect ':'" | "simple key expected" => {
            fixed("这一行应当是 `键: 值`，但没有找到冒号 `:`")
        }
        "while scanning a plain scalar, found a tab"
        | "tab cannot be used as indentation"
        | "tabs disallowed in this context"
        | "tabs disallowed within this context (block indentation)"
        | "a block scalar content cannot start with a tab" => {
            fixed("这里有制表符（Tab）：YAML 只能用空格缩进")
        }
        "while parsing a block mapping, did not find expected key" => {
            fixed("缩进不对：这一行没有和同一层的键对齐")
        }
        "invalid indentation" | "invalid indentation in flow construct" => fixed("缩进不对"),
        "while parsing a block collection, did not find expected '-' indicator" => {
            fixed("列表的这一行缺少 `- `，或者缩进不对")
        }
        "block sequence entries are not allowed in this context" => {
            fixed("这里不能出现列表项 `- `（缩进不对？）")
        }
        "while parsing a flow sequence, expected ',' or ']'" => {
            fixed("方括号列表里这里应当是逗号 `,` 或 `]`")
        }
        "while parsing a flow mapping, did not find expected ',' or '}'" => {
            fixed("花括号里这里应当是逗号 `,` 或 `}`")
        }
        "misplaced bracket" => fixed("括号位置不对（多了一个右括号？）"),
        "alias references unknown anchor" => fixed("别名引用了不存在的锚点"),
        "unexpected end of plain scalar" => fixed("值在这里意外结束"),
        _ => None,
    }
}

/// The Chinese for the common wrong types; `None` for the others.
fn wrong_type_zh(text: &str) -> Option<String> {
    let expected = text.rsplit(", ").next().unwrap_or(text);
    let zh = if expected.starts_with("expected a mapping") {
        "这里应当是映射（若干 `键: 值` 行）"
    } else if expected.starts_with("expected a list") {
        "这里应当是列表（`[a, b]` 或若干 `- a` 行）"
    } else if expected.starts_with("expected a single value") {
        "这里应当是单个值，不是列表或映射"
    } else {
        return None;
    };
    Some(zh.to_string())
}

/// Why the text of a `T` is not valid, as data; `why` is the type's own
/// English reason, kept for the types this does not know.
pub(crate) fn why_of<T: super::Scalar + 'static>(text: &str, why: String) -> Why {
    let choices = T::choices();
    if !choices.is_empty() {
        let labels = labels::<T>();
        let mut by_label = false;
        let suggestion = crate::suggest::did_you_mean(text, choices.iter().copied()).or_else(|| {
            let s = by_chinese(text.trim(), &labels);
            by_label = s.is_some();
            s
        });
        return Why::Word {
            choices,
            suggestion,
            labels,
            by_label,
        };
    }
    let text = text.trim();
    let date = || crate::dates::parse(text).err().unwrap_or(DateWhy::Shape);
    match T::WHAT {
        "a valid date" => Why::Date(date()),
        "a consent (a date or true)" => Why::Consent(date()),
        "a whole number" => Why::Number {
            whole: true,
            suggestion: chinese_number(text)
                .filter(|n| n.fract() == 0.0)
                .map(|n| format!("{n:.0}")),
        },
        "a number" => Why::Number {
            whole: false,
            suggestion: chinese_number(text).map(|n| n.to_string()),
        },
        "a month (YYYY-MM)" => Why::Month,
        _ => Why::Other(why),
    }
}

/// The Chinese label of each word of `T`, as the reports write them.
fn labels<T: super::Scalar + 'static>() -> Vec<(&'static str, &'static str)> {
    use crate::model::{
        ActionStatus, ActivityKind, BudgetCategory, Decision, FacilitatorLevel, MilestoneKind, SessionKind,
        SubtopicStatus, TopicKind, TopicMode, TopicSource,
    };
    use std::any::TypeId;
    fn table<U: super::Scalar>(label: fn(Lang, U) -> &'static str) -> Vec<(&'static str, &'static str)> {
        U::choices()
            .iter()
            .filter_map(|w| U::parse(w).ok().map(|v| (*w, label(Lang::Zh, v))))
            .collect()
    }
    let t = TypeId::of::<T>();
    if t == TypeId::of::<SessionKind>() {
        table::<SessionKind>(crate::lang::session_kind)
    } else if t == TypeId::of::<ActivityKind>() {
        table::<ActivityKind>(crate::lang::activity)
    } else if t == TypeId::of::<ActionStatus>() {
        table::<ActionStatus>(crate::lang::action_status)
    } else if t == TypeId::of::<SubtopicStatus>() {
        table::<SubtopicStatus>(crate::lang::subtopic_status)
    } else if t == TypeId::of::<Decision>() {
        table::<Decision>(crate::lang::decision)
    } else if t == TypeId::of::<FacilitatorLevel>() {
        table::<FacilitatorLevel>(crate::lang::facilitator_level)
    } else if t == TypeId::of::<BudgetCategory>() {
        table::<BudgetCategory>(crate::lang::budget_category)
    } else if t == TypeId::of::<TopicKind>() {
        table::<TopicKind>(crate::lang::topic_kind)
    } else if t == TypeId::of::<TopicSource>() {
        table::<TopicSource>(crate::lang::topic_source)
    } else if t == TypeId::of::<TopicMode>() {
        table::<TopicMode>(crate::lang::topic_mode)
    } else if t == TypeId::of::<MilestoneKind>() {
        table::<MilestoneKind>(crate::lang::milestone_kind)
    } else {
        Vec::new()
    }
}

/// The word whose Chinese label is closest to a Chinese `text`: the label
/// itself, or the one sharing most characters in order (`调研` → 调查研究),
/// never one that says the opposite (`完成` is not 未完成); `None` when two
/// are as close.
fn by_chinese(text: &str, labels: &[(&'static str, &'static str)]) -> Option<&'static str> {
    if !crate::source::has_cjk(text) {
        return None;
    }
    if let Some((w, _)) = labels.iter().find(|(_, l)| *l == text) {
        return Some(w);
    }
    let input: Vec<char> = text.chars().collect();
    let negation = |s: &str| s.contains(['未', '不', '非']);
    let mut scored: Vec<(usize, &'static str)> = labels
        .iter()
        .filter(|(_, l)| negation(l) == negation(text))
        .map(|(w, l)| (common(&input, &l.chars().collect::<Vec<_>>()), *w))
        .filter(|(n, _)| *n >= 2.min(input.len()))
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    match scored.as_slice() {
        [(a, w), (b, _), ..] if a > b => Some(w),
        [(_, w)] => Some(w),
        _ => None,
    }
}

/// The length of the longest common subsequence of two texts.
fn common(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diag = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// A number written the Chinese way: `第三步` → 3, `两天` → 2, `半天` → 0.5,
/// `1.5天` → 1.5, `一天半` → 1.5.
fn chinese_number(text: &str) -> Option<f64> {
    let t = text.trim().trim_start_matches('第');
    let t = t.trim_end_matches(['步', '天', '日', '次', '个', '人', '元', '期']);
    if t == "半" {
        return Some(0.5);
    }
    let (t, half) = match t.strip_suffix('半') {
        Some(rest) => (rest.trim_end_matches(['天', '个']), 0.5),
        None => (t, 0.0),
    };
    if t.is_empty() || t == text.trim() && half == 0.0 && !crate::source::has_cjk(text) {
        return None;
    }
    if let Ok(n) = t.parse::<f64>() {
        return Some(n + half);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = t.chars().collect();
    let n = match chars.as_slice() {
        ['十'] => 10,
        [d] => digit(*d)?,
        ['十', d] => 10 + digit(*d)?,
        [d, '十'] => digit(*d)? * 10,
        [a, '十', b] => digit(*a)? * 10 + digit(*b)?,
        _ => return None,
    };
    Some(n as f64 + half)
}

#[cfg(test)]
mod tests {
    use crate::config::Lang;
    use crate::model::{Session, Subtopic, Topic};

    /// The help of the first problem of a session file.
    fn help<T: serde::de::DeserializeOwned + Default>(
        text: &str,
        keys: super::super::KeysAt,
        lang: Lang,
    ) -> String {
        let parsed = crate::yaml::parse::<T>(text, keys);
        parsed
            .problems
            .first()
            .map(|p| p.what.help(lang))
            .unwrap_or_default()
    }

    fn session(text: &str, lang: Lang) -> String {
        help::<Session>(text, crate::model::session::keys, lang)
    }

    #[test]
    fn chinese_words_suggest_the_word_by_its_label() {
        let h = session("actions:\n  - task: x\n    status: 完成\n", Lang::Zh);
        assert!(
            h.starts_with("是不是要写 `done`（已完成）？可选值：open（未完成）、done（已完成）"),
            "{h}"
        );
        let h = session("actions:\n  - task: x\n    status: 完成\n", Lang::En);
        assert_eq!(
            h,
            "did you mean `done` (已完成)? expected one of: open, done, dropped"
        );
        let h = session("kind: 小组会议\n", Lang::Zh);
        assert!(h.starts_with("是不是要写 `group-meeting`（小组会议）"), "{h}");
        let h = session("kind: activity\nactivity: 调研\n", Lang::Zh);
        assert!(h.starts_with("是不是要写 `survey`（调查研究）"), "{h}");
        let h = session("kind: 会议\n", Lang::Zh);
        assert!(h.starts_with("可选值："), "two labels are as close: {h}");
        let h = help::<Subtopic>(
            "proposal:\n  review:\n    decision: 通过\n",
            crate::model::subtopic::keys,
            Lang::Zh,
        );
        assert!(h.starts_with("是不是要写 `approved`（通过）"), "{h}");
        let h = session("kind: workshp\n", Lang::En);
        assert!(h.starts_with("did you mean `workshop`? expected one of:"), "{h}");
    }

    #[test]
    fn chinese_numbers_and_dates() {
        let topic = |t: &str, lang| help::<Topic>(t, crate::model::topic::keys, lang);
        assert_eq!(
            topic("stage: 第三步\n", Lang::Zh),
            "是不是要写 `3`？请写整数，如 3"
        );
        assert_eq!(
            topic("stage: 第三步\n", Lang::En),
            "did you mean `3`? write a whole number, e.g. 3"
        );
        assert!(session("days: 两天\n", Lang::En).starts_with("did you mean `2`?"));
        assert!(session("days: 半天\n", Lang::En).starts_with("did you mean `0.5`?"));
        assert!(session("days: 一天半\n", Lang::En).starts_with("did you mean `1.5`?"));
        assert!(session("days: 十二天\n", Lang::En).starts_with("did you mean `12`?"));
        for d in ["2026/4/2", "2026.4.2", "2026年4月2日", "2026-4-2"] {
            let h = session(&format!("date: {d}\n"), Lang::En);
            assert!(h.starts_with("did you mean 2026-04-02?"), "{d}: {h}");
        }
        assert_eq!(
            session("date: 4月2日\n", Lang::Zh),
            "日期要写年份：请写成 YYYY-04-02"
        );
        assert_eq!(session("date: 2026-04-31\n", Lang::Zh), "四月只有 30 天");
        assert_eq!(session("date: 2026-04-31\n", Lang::En), "April has 30 days");
        let parsed = crate::yaml::parse::<Session>("date: 2026-04-31\n", crate::model::session::keys);
        assert_eq!(
            parsed.problems[0].what.message(Lang::Zh),
            "`2026-04-31` 不是有效日期"
        );
    }

    #[test]
    fn syntax_errors_in_chinese() {
        let parsed = crate::yaml::parse::<Topic>("focus_areas: [a, b\n", crate::model::topic::keys);
        assert_eq!(
            parsed.problems[0].what.message(Lang::Zh),
            "YAML 格式错误：方括号 `[` 没有闭合"
        );
        assert_eq!(parsed.problems[0].message, "invalid YAML: unclosed bracket '['");
        let parsed = crate::yaml::parse::<Topic>("title: a\ntitle: b\n", crate::model::topic::keys);
        assert_eq!(
            parsed.problems[0].what.message(Lang::Zh),
            "YAML 格式错误：键 `title` 出现了两次"
        );
    }
}
