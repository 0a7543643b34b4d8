//! al.toml → [`Config`]: language, limits, severity overrides and waivers.

use crate::diag::{Loc, Severity};
use crate::error::{Error, Result};
use crate::model::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Language of reports, agendas and messages.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Deserialize,
    serde::Serialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The code as written in al.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// What `[rules]` can say about a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Do not report.
    Allow,
    /// Report as a warning.
    Warn,
    /// Report as an error.
    Deny,
}

/// The numbers of the method, all overridable in `[limits]`.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Members per core group, inclusive (4–8).
    pub group_size: [u32; 2],
    /// Core groups per program (5).
    pub max_groups: u32,
    /// Days between consecutive workshops (45–62: every 1.5–2 months).
    pub workshop_gap_days: [u32; 2],
    /// Length of a follow-up workshop in days (2–3).
    #[schemars(inner(range(min = 0)))]
    pub workshop_days: [f64; 2],
    /// Group meetings per calendar month during step 3 (1–2).
    pub meetings_per_month: [u32; 2],
    /// Months from the start to the review of the preliminary solution (6).
    pub steps_1_to_3_months: u32,
    /// Files larger than this many bytes are reported and not parsed (10 MiB).
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            group_size: [4, 8],
            max_groups: 5,
            workshop_gap_days: [45, 62],
            workshop_days: [2.0, 3.0],
            meetings_per_month: [1, 2],
            steps_1_to_3_months: 6,
            max_file_bytes: crate::load::MAX_FILE_BYTES,
        }
    }
}

/// A waiver: silences one rule in one file, for a stated reason, maybe until a date.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::schema::required(&["reason"]))]
pub(crate) struct Allow {
    /// Rule code.
    #[schemars(with = "RuleCode")]
    pub rule: toml::Spanned<String>,
    /// File inside the program folder, e.g. `team.yaml`.
    pub path: String,
    /// Why the waiver was granted (required).
    #[serde(default)]
    #[schemars(extend("pattern" = "\\S"))]
    pub reason: Option<String>,
    /// Last day the waiver holds.
    #[serde(default)]
    #[schemars(with = "Option<jiff::civil::Date>")]
    pub until: Option<toml::Spanned<toml::value::Datetime>>,
    /// Only the findings about this group (its id).
    #[serde(default)]
    pub group: Option<String>,
    /// Only the findings about this person (their id).
    #[serde(default)]
    pub person: Option<String>,
    /// Only the findings about this sub-topic (its id).
    #[serde(default)]
    pub subtopic: Option<String>,
    /// Only the findings about this calendar month, `YYYY-MM`.
    #[serde(default)]
    #[schemars(with = "Option<crate::model::PlanMonth>")]
    pub month: Option<toml::Spanned<String>>,
    /// Only the findings about this session file, e.g. `sessions/2026-06-15-g3-meeting.yaml`.
    #[serde(default)]
    pub session: Option<String>,
    /// Only the findings about this action: its `id`, or its task text.
    #[serde(default)]
    pub action: Option<String>,
}

/// al.toml as written.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfigFile {
    /// Language of reports, agendas and new files: zh | en.
    #[serde(default)]
    lang: Option<Lang>,
    /// The numbers of the method.
    #[serde(default)]
    limits: Limits,
    /// Severity per rule code: allow | warn | deny.
    #[serde(default)]
    #[schemars(with = "RuleLevels")]
    rules: BTreeMap<String, toml::Spanned<Level>>,
    /// Waivers: one rule in one file, with a reason.
    #[serde(default)]
    #[schemars(with = "Vec<Allow>")]
    allow: Vec<toml::Spanned<Allow>>,
}

/// The schema of a rule code in al.toml: a code of [`crate::rules::RULES`],
/// in any case (`al201` is AL201).
struct RuleCode;

impl RuleCode {
    /// A pattern that matches the codes in any case.
    fn pattern() -> String {
        let numbers: Vec<&str> = crate::rules::RULES
            .iter()
            .map(|r| r.code.trim_start_matches("AL"))
            .collect();
        format!("^[Aa][Ll]({})$", numbers.join("|"))
    }
}

impl schemars::JsonSchema for RuleCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = crate::rules::RULES.iter().map(|r| r.code).collect();
        schemars::json_schema!({
            "description": "A rule code (`al rules` lists them), in any case.",
            "anyOf": [
                { "enum": codes },
                { "type": "string", "pattern": Self::pattern() }
            ]
        })
    }
}

/// The schema of `[rules]`: a level for each rule code named, each code
/// listed with its name and summary for editors to complete.
struct RuleLevels;

impl schemars::JsonSchema for RuleLevels {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleLevels".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let level = g.subschema_for::<Level>().to_value();
        let properties: serde_json::Map<String, serde_json::Value> = crate::rules::RULES
            .iter()
            .map(|r| {
                let mut p = level.clone();
                if let Some(o) = p.as_object_mut() {
                    let about = format!("{}: {}", r.name, r.summary(Lang::En));
                    o.insert("description".to_string(), about.into());
                }
                (r.code.to_string(), p)
            })
            .collect();
        schemars::json_schema!({
            "type": "object",
            "properties": properties,
            "propertyNames": { "pattern": RuleCode::pattern() },
            "additionalProperties": level
        })
    }
}

/// A waiver after validation, with its place in al.toml.
#[derive(Clone, Debug)]
pub struct Waiver {
    /// Rule code.
    pub rule: String,
    /// File inside the program folder.
    pub path: String,
    /// Why (`None` makes it an AL002 finding and it silences nothing).
    pub reason: Option<String>,
    /// Last day it holds.
    pub until: Option<Date>,
    /// What else a finding must be about for this waiver to silence it.
    pub scope: crate::rules::About,
    /// Where it is written in al.toml.
    pub loc: Loc,
}

/// The settings that apply to a program.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The al.toml this came from, as shown to the user (None: defaults).
    pub file: Option<String>,
    /// The text of that al.toml, for excerpts.
    pub text: String,
    /// Language.
    pub lang: Option<Lang>,
    /// Limits.
    pub limits: Limits,
    /// Severity overrides per code.
    pub rules: BTreeMap<String, Level>,
    /// Waivers.
    pub waivers: Vec<Waiver>,
}

impl Config {
    /// Reads and validates one al.toml; `display` is how its path is shown.
    pub fn parse(text: &str, display: &str) -> Result<Config> {
        let text = crate::source::strip_bom(text);
        let raw: ConfigFile = toml::from_str(text).map_err(|e| {
            let loc = crate::source::loc_of_bytes(text, e.span().unwrap_or(0..0));
            let en = e.message().trim().to_string();
            let zh = toml_zh(&en);
            config_error(display, &loc, en, zh)
        })?;
        check_range(display, text, "group_size", raw.limits.group_size.map(f64::from))?;
        check_range(
            display,
            text,
            "workshop_gap_days",
            raw.limits.workshop_gap_days.map(f64::from),
        )?;
        check_range(display, text, "workshop_days", raw.limits.workshop_days)?;
        check_range(
            display,
            text,
            "meetings_per_month",
            raw.limits.meetings_per_month.map(f64::from),
        )?;
        check_at_most(
            display,
            text,
            "steps_1_to_3_months",
            raw.limits.steps_1_to_3_months,
            120,
        )?;
        check_at_most(display, text, "max_groups", raw.limits.max_groups, 1_000)?;
        let mut rules = BTreeMap::new();
        // Codes are read without regard to case (`al201` is AL201) and kept
        // as the rule spells them, so that every lookup finds them.
        for (code, level) in raw.rules {
            let rule = check_code(display, text, &code, None)?;
            rules.insert(rule.code.to_string(), *level.get_ref());
        }
        let mut waivers = Vec::new();
        for allow in raw.allow {
            let loc = crate::source::loc_of_bytes(text, allow.span());
            let a = allow.into_inner();
            let at = |span: std::ops::Range<usize>| crate::source::loc_of_bytes(text, span);
            let rule = check_code(display, text, a.rule.get_ref(), Some(&at(a.rule.span())))?;
            let until = match &a.until {
                None => None,
                Some(spanned) => match (spanned.get_ref().date, spanned.get_ref().time) {
                    (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
                    _ => None,
                }
                .map(Some)
                .ok_or_else(|| {
                    let dt = spanned.get_ref();
                    config_error(
                        display,
                        &at(spanned.span()),
                        format!("`until = {dt}` is not a date; write it as 2026-09-30"),
                        format!("`until = {dt}` 不是日期；请写成 2026-09-30 这样的形式"),
                    )
                })?,
            };
            let month = match &a.month {
                None => None,
                Some(spanned) => Some(crate::dates::Month::parse(spanned.get_ref().trim()).ok_or_else(
                    || {
                        let m = spanned.get_ref().trim();
                        config_error(
                            display,
                            &at(spanned.span()),
                            format!("`month = \"{m}\"` is not a month; write it as 2026-06"),
                            format!("`month = \"{m}\"` 不是月份；请写成 2026-06 这样的形式"),
                        )
                    },
                )?),
            };
            let trim = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            waivers.push(Waiver {
                rule: rule.code.to_string(),
                path: a.path.trim_start_matches("./").replace('\\', "/"),
                reason: a.reason.filter(|r| !r.trim().is_empty()),
                until,
                scope: crate::rules::About {
                    group: trim(a.group),
                    person: trim(a.person),
                    subtopic: trim(a.subtopic),
                    month,
                    session: trim(a.session).map(|s| s.trim_start_matches("./").replace('\\', "/")),
                    action: trim(a.action),
                },
                loc,
            });
        }
        Ok(Config {
            file: Some(display.to_string()),
            text: text.to_string(),
            lang: raw.lang,
            limits: raw.limits,
            rules,
            waivers,
        })
    }

    /// The severity of `code` after `[rules]`; `None` when it is allowed.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            None => Some(default),
            Some(Level::Allow) => None,
            Some(Level::Warn) => Some(Severity::Warning),
            Some(Level::Deny) => Some(Severity::Error),
        }
    }
}

fn config_error(display: &str, loc: &Loc, message: String, message_zh: String) -> Error {
    Error::Config {
        path: display.to_string(),
        line: loc.line as usize,
        column: loc.column as usize,
        message,
        message_zh,
    }
}

/// The Chinese for the TOML reader's common messages; the others keep its
/// English text after a Chinese lead.
fn toml_zh(en: &str) -> String {
    let quoted = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    if en.starts_with("unknown field `") {
        let q = quoted(en);
        let (key, allowed) = q.split_first().map_or(("", &[][..]), |(k, a)| (k.as_str(), a));
        return format!("未知的键 `{key}`；这里可用的键有：{}", allowed.join(", "));
    }
    if en.starts_with("unknown variant `") {
        let q = quoted(en);
        let (word, allowed) = q.split_first().map_or(("", &[][..]), |(k, a)| (k.as_str(), a));
        return format!("`{word}` 不是可用的值；可选值：{}", allowed.join("、"));
    }
    format!("al.toml 写法有误：{en}")
}

fn check_range(display: &str, text: &str, key: &str, [lo, hi]: [f64; 2]) -> Result<()> {
    if lo <= hi && lo >= 0.0 {
        return Ok(());
    }
    Err(limit_error(
        display,
        text,
        key,
        format!("[limits] {key} = [{lo}, {hi}] is not a range; write [smallest, largest]"),
        format!("[limits] {key} = [{lo}, {hi}] 不是有效的范围；请写成 [最小值, 最大值]"),
    ))
}

/// al.toml's error about the limit `key`, at the key's place.
fn limit_error(display: &str, text: &str, key: &str, en: String, zh: String) -> Error {
    let at = text.find(key).unwrap_or(0);
    let loc = crate::source::loc_of_bytes(text, at..at + key.len());
    config_error(display, &loc, en, zh)
}

/// A limit that must lie between 1 and `most` (months beyond ten years or a
/// thousand groups are a slip of the keyboard, and date arithmetic must
/// never run off the calendar).
fn check_at_most(display: &str, text: &str, key: &str, value: u32, most: u32) -> Result<()> {
    if (1..=most).contains(&value) {
        return Ok(());
    }
    Err(limit_error(
        display,
        text,
        key,
        format!("[limits] {key} = {value} is out of range; write a number from 1 to {most}"),
        format!("[limits] {key} = {value} 超出范围；请写 1 到 {most} 之间的数"),
    ))
}

/// The rule a code of al.toml names (in any case), or an error at its place
/// with the nearest code.
fn check_code(
    display: &str,
    text: &str,
    code: &str,
    at: Option<&Loc>,
) -> Result<&'static crate::rules::Rule> {
    if let Some(rule) = crate::rules::find(code) {
        return Ok(rule);
    }
    let loc = match at {
        Some(l) => l.clone(),
        None => {
            let i = text.find(code).unwrap_or(0);
            crate::source::loc_of_bytes(text, i..i + code.len())
        }
    };
    let upper = code.trim().to_ascii_uppercase();
    let (hint, hint_zh) =
        match crate::suggest::did_you_mean(&upper, crate::rules::RULES.iter().map(|r| r.code)) {
            Some(s) => (
                format!("; did you mean `{s}`? (`al rules` lists them)"),
                format!("；是不是要写 `{s}`？（`al rules` 列出了所有规则代码）"),
            ),
            None => (
                "; `al rules` lists the codes".to_string(),
                "；`al rules` 列出了所有规则代码".to_string(),
            ),
        };
    Err(config_error(
        display,
        &loc,
        format!("unknown rule code `{code}`{hint}"),
        format!("未知的规则代码 `{code}`{hint_zh}"),
    ))
}

/// Finds the al.toml that applies to `dir`: in it or the nearest parent,
/// up to and including the root of the git repository that holds it.
/// Outside any repository only the program's own folder is looked in: an
/// al.toml planted in a shared parent (the system's temp folder, a home
/// folder) never silences a program's findings. Anything named al.toml
/// counts — a folder, a pipe, a link to nothing — so that [`read`] says
/// what is wrong with it instead of it being passed over in silence.
pub fn find(dir: &Path, display_dir: &str) -> Option<(PathBuf, String)> {
    let canonical = fs_err::canonicalize(dir).ok()?;
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|c| fs_err::canonicalize(c).ok());
    let in_repository = canonical.ancestors().any(|a| a.join(".git").exists());
    let reach = if in_repository { usize::MAX } else { 1 };
    for (depth, ancestor) in canonical.ancestors().take(reach).enumerate() {
        let candidate = ancestor.join("al.toml");
        if std::fs::symlink_metadata(&candidate).is_ok() {
            let relative = cwd.as_ref().and_then(|c| candidate.strip_prefix(c).ok());
            let display = if depth == 0 {
                crate::load::display_join(display_dir, "al.toml")
            } else if let Some(r) = relative {
                r.to_string_lossy().replace('\\', "/")
            } else {
                candidate.to_string_lossy().replace('\\', "/")
            };
            return Some((candidate, display));
        }
        if ancestor.join(".git").exists() {
            break;
        }
    }
    None
}

/// The most an al.toml may hold: 1 MiB (a real one is a few hundred bytes).
pub(crate) const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the al.toml at `path` (shown as `display`) as text. It must be a
/// regular file of at most [`MAX_CONFIG_BYTES`], in UTF-8; a link to it
/// must stay inside the folder that holds it (and out of `.git`). Anything
/// else is an error naming it: a folder, a pipe or device (never opened,
/// so never waited on), a link to nothing or a loop, a link out.
pub(crate) fn read(path: &Path, display: &str) -> Result<String> {
    use crate::files::{Leads, ReadFail, Root};
    let refuse = |t: crate::error::Texts| Error::Invalid(t);
    let plain = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    let real = if plain {
        path.to_path_buf()
    } else {
        let holder = Root::of(path.parent().unwrap_or(Path::new(".")));
        match holder.leads(path) {
            Leads::Inside(real) => real,
            Leads::Outside => {
                return Err(refuse(crate::both!(
                    "`{display}` 是指向其所在文件夹之外的链接；al 不跟随这样的链接，未读取：请用文件本身代替链接",
                    "`{display}` is a link to outside the folder that holds it; al does not follow it, so it was not read: put the file itself in place of the link"
                )));
            }
            Leads::Broken(e) => return Err(broken(display, &e)),
        }
    };
    let bytes = crate::files::read_bounded(&real, MAX_CONFIG_BYTES, plain).map_err(|e| match e {
        ReadFail::Io(e) => broken(display, &e),
        ReadFail::Folder => refuse(crate::both!(
            "`{display}` 是文件夹，不是文件：al.toml 必须是文件",
            "`{display}` is a folder, not a file: al.toml must be a file"
        )),
        ReadFail::NotRegular => refuse(crate::both!(
            "`{display}` 不是普通文件（而是管道、套接字或设备），未读取：al.toml 必须是普通文件",
            "`{display}` is not a regular file (a pipe, socket or device), so it was not read: al.toml must be a regular file"
        )),
        ReadFail::TooLarge(_) => refuse(crate::both!(
            "`{display}` 超过了 al.toml 的上限 {MAX_CONFIG_BYTES} 字节（1 MiB），未读取",
            "`{display}` is over the limit of {MAX_CONFIG_BYTES} bytes (1 MiB) for al.toml, so it was not read"
        )),
    })?;
    String::from_utf8(bytes).map_err(|_| {
        refuse(crate::both!(
            "`{display}` 不是有效的 UTF-8 编码：请以 UTF-8 保存",
            "`{display}` is not valid UTF-8: save it as UTF-8"
        ))
    })
}

/// The error for an al.toml that cannot be opened: a link to nothing, a
/// loop of links, no permission, or what the system says.
fn broken(display: &str, e: &std::io::Error) -> Error {
    let t = match e.kind() {
        std::io::ErrorKind::NotFound => crate::both!(
            "`{display}` 是指向不存在位置的链接，未读取：请删除它或让它指向文件",
            "`{display}` is a link to nothing (its target does not exist), so it was not read: remove it or point it at a file"
        ),
        std::io::ErrorKind::PermissionDenied => crate::both!(
            "无法读取 `{display}`：没有权限",
            "cannot read `{display}`: permission denied"
        ),
        _ if e.raw_os_error() == Some(40) => crate::both!(
            "`{display}` 是循环的符号链接，未读取",
            "`{display}` is a loop of symbolic links, so it was not read"
        ),
        _ => {
            let why = e.to_string();
            crate::both!("无法读取 `{display}`：{why}", "cannot read `{display}`: {why}")
        }
    };
    Error::Invalid(t)
}

#[cfg(test)]
mod tests {
    use super::{Config, Lang};

    fn zh(text: &str) -> String {
        Config::parse(text, "al.toml")
            .err()
            .map(|e| e.text(Lang::Zh))
            .unwrap_or_default()
    }

    #[test]
    fn config_errors_in_chinese() {
        let e = zh("[rules]\nAL21 = \"allow\"\n");
        assert!(e.starts_with("al.toml:2:1: 未知的规则代码 `AL21`；"), "{e}");
        let e = zh("[limits]\ngroup_sise = [4, 8]\n");
        assert!(
            e.starts_with("al.toml:2:1: 未知的键 `group_sise`；这里可用的键有：group_size"),
            "{e}"
        );
        let e = zh("[rules]\nAL201 = \"allw\"\n");
        assert!(
            e.contains("`allw` 不是可用的值；可选值：allow、warn、deny"),
            "{e}"
        );
        let e = zh("[limits]\ngroup_size = [8, 4]\n");
        assert!(e.contains("不是有效的范围"), "{e}");
        let e = zh("[rules]\nal2o1 = \"allow\"\n");
        assert!(e.contains("是不是要写 `AL201`"), "{e}");
        let en = Config::parse("[limits]\ngroup_size = [8, 4]\n", "al.toml")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            en.as_deref(),
            Some("al.toml:2:1: [limits] group_size = [8, 4] is not a range; write [smallest, largest]")
        );
    }

    #[test]
    fn rule_codes_are_read_in_any_case() {
        use crate::diag::Severity;
        let c = Config::parse("[rules]\nal201 = \"off\"\n", "al.toml");
        // "off" is not a level: refused, not ignored.
        assert!(c.is_err());
        let c = Config::parse(
            "[rules]\nal201 = \"allow\"\nAl302 = \"deny\"\n[[allow]]\nrule = \"al304\"\npath = \"team.yaml\"\nreason = \"pilot\"\n",
            "al.toml",
        )
        .expect("valid");
        assert_eq!(c.severity("AL201", Severity::Error), None);
        assert_eq!(c.severity("AL302", Severity::Warning), Some(Severity::Error));
        assert_eq!(c.waivers[0].rule, "AL304");
        let e = Config::parse("[rules]\nal2o1 = \"allow\"\n", "al.toml")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("unknown rule code `al2o1`; did you mean `AL201`?"),
            "{e}"
        );
    }
}
