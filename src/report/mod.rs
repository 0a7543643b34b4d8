//! Reports and agendas: a context built from the program, rendered through
//! Tera templates that are built into the binary and can be overridden by
//! files of the same name in the program's `templates/` folder.

pub mod agenda;
pub(crate) mod charts;
pub mod context;
mod escape;
pub mod format;
mod gantt;
mod overrides;
pub mod summary;

pub use format::DocFormat;
pub(crate) use overrides::MAX_TEMPLATE_BYTES;

use crate::check::Summary;
use crate::config::Lang;
use crate::error::{Error, Result};
use crate::model::Date;
use std::path::{Path, PathBuf};

/// The built-in templates of a language, as (name, text).
pub(crate) fn builtin(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Zh => crate::embedded::TEMPLATES_ZH,
        Lang::En => crate::embedded::TEMPLATES_EN,
    }
}

/// The templates a document is rendered with: the built-in set of a
/// language and a program's `templates/` folder, whose files override the
/// built-in ones of the same name and are read only when the document
/// rendered uses them (see [`render`]).
pub struct Engine {
    /// The language of the built-in set.
    lang: Lang,
    /// The built-in templates alone, ready.
    builtin: tera::Tera,
    /// The program's own templates, listed, not read.
    overrides: Option<overrides::Overrides>,
}

/// Builds the template engine: the built-in set of `lang`, and the names of
/// the `*.tera` files of `overrides` (the program's `templates/` folder),
/// whose texts are read when a document uses them. Templates of a format
/// that escapes (HTML: names ending `.html.tera`) escape every value;
/// Markdown templates do not.
pub fn engine(lang: Lang, overrides: Option<&Path>) -> Result<Engine> {
    let builtin = tera_with(lang, Vec::new()).map_err(|e| template_error(None, e))?;
    let overrides = match overrides {
        Some(dir) => overrides::list(dir)?,
        None => None,
    };
    Ok(Engine {
        lang,
        builtin,
        overrides,
    })
}

/// A Tera engine with al's filters, the built-in templates of `lang` and
/// `own` (name, text) on top of them.
fn tera_with(lang: Lang, own: Vec<(String, String)>) -> tera::TeraResult<tera::Tera> {
    let mut t = tera::Tera::default();
    t.autoescape_on(DocFormat::autoescaped_suffixes());
    // `default` also stands in for null: the context writes an absent key as null.
    t.register_filter(
        "default",
        |v: tera::Value, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let fallback = kw.must_get::<tera::Value>("value")?;
            Ok(if v.is_undefined() || v.is_none() {
                fallback
            } else {
                v
            })
        },
    );
    t.register_filter("mermaid", |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
        gantt::mermaid(&text_of(&v))
    });
    escape::register(&mut t);
    t.register_function("range", range);
    t.register_filter(
        "css_string",
        |v: tera::Value, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            // `max`: at most this many characters, the last `…` when cut.
            let text = match kw.get::<usize>("max")? {
                Some(max) => format::shorten(&text_of(&v), max),
                None => text_of(&v),
            };
            Ok(tera::Value::safe_string(&format::css_string(&text)))
        },
    );
    let mut templates: Vec<(String, String)> = builtin(lang)
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    for (name, text) in own {
        match templates.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = text,
            None => templates.push((name, text)),
        }
    }
    t.add_raw_templates(templates)?;
    Ok(t)
}

impl Engine {
    /// The Tera engine to render `name` with: the built-in one, or one with
    /// the program's templates that `name` uses read on top.
    fn for_template(&self, name: &str, overrides: Option<&Path>) -> Result<std::borrow::Cow<'_, tera::Tera>> {
        let Some(own) = &self.overrides else {
            return Ok(std::borrow::Cow::Borrowed(&self.builtin));
        };
        let used = own.used(name, builtin(self.lang))?;
        if used.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(&self.builtin));
        }
        let t = tera_with(self.lang, used).map_err(|e| template_error(overrides, e))?;
        Ok(std::borrow::Cow::Owned(t))
    }
}

/// The text of a template value: strings as they are, null as nothing.
fn text_of(v: &tera::Value) -> String {
    if v.is_none() || v.is_undefined() {
        String::new()
    } else if let Some(s) = v.as_str() {
        s.to_string()
    } else {
        v.to_string()
    }
}

fn template_error(overrides: Option<&Path>, e: tera::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(&format!("\n{s}"));
        source = s.source();
    }
    Error::Template {
        folder: overrides
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "built-in templates".to_string()),
        message,
    }
}

/// Renders one template with a context, tidied as its format
/// ([`DocFormat::of_template`]) tidies.
pub fn render(
    engine: &Engine,
    name: &str,
    ctx: &serde_json::Value,
    overrides: Option<&Path>,
) -> Result<String> {
    let format = DocFormat::of_template(name);
    let ctx = if format == DocFormat::Markdown {
        let mut ctx = ctx.clone();
        no_tags_in(&mut ctx);
        tera::Context::from_serialize(&ctx)
    } else {
        tera::Context::from_serialize(ctx)
    }
    .map_err(|e| template_error(overrides, e))?;
    let tera = engine.for_template(name, overrides)?;
    let out = bounded(&tera, name, &ctx, overrides)?;
    Ok(visible_controls(&(format.spec().tidy)(&out)))
}

/// The most bytes one template may render: far above any report (the
/// largest real one is under a megabyte), far below what would exhaust the
/// memory of a CI runner.
pub const MAX_RENDERED_BYTES: usize = 64 * 1024 * 1024;

/// The longest one template may take to render, in seconds (checked as it
/// writes, and at every `range`).
pub const MAX_RENDER_SECONDS: u64 = 60;

/// The most numbers `range` may give over one rendering, all its calls
/// together: a loop over a hundred thousand numbers inside another is a
/// loop of ten billion, which never ends in practice even when it writes
/// nothing.
pub const MAX_RANGE_TOTAL: usize = 1_000_000;

/// Renders a template through a writer that stops at
/// [`MAX_RENDERED_BYTES`] or after [`MAX_RENDER_SECONDS`], with `range`
/// held to [`MAX_RANGE_TOTAL`] numbers in all: a template that would run
/// on stops with an error that names it (exit 2).
fn bounded(engine: &tera::Tera, name: &str, ctx: &tera::Context, overrides: Option<&Path>) -> Result<String> {
    bounded_by(Limits::default(), engine, name, ctx, overrides)
}

/// [`bounded`] within `limits`.
fn bounded_by(
    limits: Limits,
    engine: &tera::Tera,
    name: &str,
    ctx: &tera::Context,
    overrides: Option<&Path>,
) -> Result<String> {
    let mut out = Capped::new(limits);
    let (result, budget) = RANGE.with(|r| {
        r.set(Some(Budget::new(limits)));
        let result = engine.render_to(name, ctx, &mut out);
        (result, r.take())
    });
    match (result, out.over.or(budget.and_then(|b| b.over))) {
        (_, Some(over)) => Err(over.error(name, overrides)),
        (Err(e), None) => Err(template_error(overrides, e)),
        (Ok(()), None) => String::from_utf8(out.buf).map_err(|e| {
            Error::Invalid(crate::both!(
                "无法生成 `{name}`：输出不是有效的 UTF-8（{e}）",
                "cannot render `{name}`: its output is not valid UTF-8 ({e})"
            ))
        }),
    }
}

/// The bounds of one rendering (smaller in tests).
#[derive(Clone, Copy, Debug)]
struct Limits {
    bytes: usize,
    time: std::time::Duration,
    range: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            bytes: MAX_RENDERED_BYTES,
            time: std::time::Duration::from_secs(MAX_RENDER_SECONDS),
            range: MAX_RANGE_TOTAL,
        }
    }
}

/// Which bound a rendering passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Over {
    /// Its output passed this many bytes.
    Bytes(usize),
    /// It ran longer than this.
    Time(std::time::Duration),
    /// `range` gave more than this many numbers in all.
    Range(usize),
}

impl Over {
    fn error(self, name: &str, overrides: Option<&Path>) -> Error {
        let folder = overrides
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "built-in templates".to_string());
        Error::Invalid(match self {
            Over::Bytes(n) => {
                let (zh, en) = if n >= 1024 * 1024 && n.is_multiple_of(1024 * 1024) {
                    let mib = n / (1024 * 1024);
                    (format!("{mib} MiB"), format!("{mib} MiB"))
                } else {
                    (format!("{n} 字节"), format!("{n} bytes"))
                };
                crate::both!(
                    "无法生成 `{name}`（覆盖模板读自 {folder}）：输出超过 {zh}，已停止；模板中是否有不会结束的循环？",
                    "cannot render `{name}` (overrides are read from {folder}): its output passed {en} and was stopped; does a loop of the template run on?"
                )
            }
            Over::Time(t) => {
                let secs = t.as_secs_f64();
                crate::both!(
                    "无法生成 `{name}`（覆盖模板读自 {folder}）：{secs} 秒后仍未完成，已停止；模板中是否有不会结束的循环？",
                    "cannot render `{name}` (overrides are read from {folder}): it was still running after {secs} seconds and was stopped; does a loop of the template run on?"
                )
            }
            Over::Range(max) => crate::both!(
                "无法生成 `{name}`（覆盖模板读自 {folder}）：`range` 一共给出的数超过 {max} 个，已停止；模板中是否有嵌套的大循环？",
                "cannot render `{name}` (overrides are read from {folder}): `range` gave more than {max} numbers in all and was stopped; does the template nest large loops?"
            ),
        })
    }
}

/// A writer into memory that refuses to grow past its bound or to go on
/// past its time, and says which it was.
struct Capped {
    buf: Vec<u8>,
    limits: Limits,
    start: std::time::Instant,
    over: Option<Over>,
}

impl Capped {
    fn new(limits: Limits) -> Capped {
        Capped {
            buf: Vec::new(),
            limits,
            start: std::time::Instant::now(),
            over: None,
        }
    }
}

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.buf.len().saturating_add(bytes.len()) > self.limits.bytes {
            self.over = Some(Over::Bytes(self.limits.bytes));
        } else if self.start.elapsed() > self.limits.time {
            self.over = Some(Over::Time(self.limits.time));
        }
        if self.over.is_some() {
            return Err(std::io::Error::other("the rendering passed its bound"));
        }
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What `range` may still give in the rendering on this thread, until
/// when, and which bound it passed.
#[derive(Clone, Copy, Debug)]
struct Budget {
    left: usize,
    limits: Limits,
    until: std::time::Instant,
    over: Option<Over>,
}

impl Budget {
    fn new(limits: Limits) -> Budget {
        Budget {
            left: limits.range,
            limits,
            until: std::time::Instant::now() + limits.time,
            over: None,
        }
    }

    /// Takes `len` numbers; the bound passed, if any.
    fn take(&mut self, len: usize) -> Option<Over> {
        if len > self.left {
            self.over = Some(Over::Range(self.limits.range));
        } else if std::time::Instant::now() > self.until {
            self.over = Some(Over::Time(self.limits.time));
        } else {
            self.left -= len;
        }
        self.over
    }
}

thread_local! {
    static RANGE: std::cell::Cell<Option<Budget>> = const { std::cell::Cell::new(None) };
}

/// Tera's `range` (`start`, `end`, `step_by`, the end left out), held to the
/// budget of the rendering on this thread: it fails once the rendering's
/// calls together would give more than its numbers, or once its time is up.
fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let len = match step {
        s if s > 0 => end.saturating_sub(start).saturating_add(s - 1) / s,
        _ if start <= end => 0,
        s => start.saturating_sub(end).saturating_add(-(s + 1)) / s.saturating_neg(),
    };
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    let over = RANGE.with(|r| match r.get() {
        Some(mut budget) => {
            let over = budget.take(len);
            r.set(Some(budget));
            over
        }
        None => (len > MAX_RANGE_TOTAL).then_some(Over::Range(MAX_RANGE_TOTAL)),
    });
    if over.is_some() {
        return Err(tera::Error::message("the rendering passed its bound"));
    }
    let mut numbers = Vec::with_capacity(len);
    let mut n = start;
    for _ in 0..len {
        numbers.push(n);
        n = n.saturating_add(step);
    }
    Ok(numbers)
}

/// Writes every `<` of the context's texts as `&lt;` for a Markdown
/// document, so that no value becomes HTML in a Markdown reader (a tag, a
/// comment, `<script>`) whichever template puts it wherever; a reader shows
/// `<`. The gantt, which goes into a code block, and the charts are left alone.
fn no_tags_in(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) if s.contains('<') => *s = s.replace('<', "&lt;"),
        Value::Array(a) => a.iter_mut().for_each(no_tags_in),
        Value::Object(o) => o
            .iter_mut()
            .filter(|(k, _)| !matches!(k.as_str(), "gantt" | "charts"))
            .for_each(|(_, v)| no_tags_in(v)),
        _ => {}
    }
}

/// A rendered document with every control character but tab and line feed
/// (C0, DEL, C1) and the noncharacters U+FFFE/U+FFFF shown as a visible
/// sign (`␛` for ESC, `␇` for BEL, `�` for the rest): nothing from a file
/// reaches a terminal as a control sequence, and the HTML stays valid.
pub(crate) fn visible_controls(text: &str) -> String {
    if !text.chars().any(is_hidden) {
        return text.to_string();
    }
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            c if !is_hidden(c) => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ => '\u{fffd}',
        })
        .collect()
}

/// Whether a character is one [`visible_controls`] replaces.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}'
}

/// The report's context for a program folder; with `since`, the changes
/// since that git revision under `changes` and the words the section
/// `changes.md.tera` looks their values up in under `words` (else both are null).
pub fn report_context(
    dir: &Path,
    lang: Option<Lang>,
    today: Date,
    since: Option<&str>,
) -> Result<(serde_json::Value, Lang)> {
    let o = crate::check::open(dir)?;
    let lang = o.lang(lang);
    let checked = crate::check::finish(o.program, &o.config, o.report_config, today, Some(lang));
    let mut summary = Summary::default();
    summary.add(&checked);
    let changes = match since {
        Some(rev) => {
            let mut d = crate::history::since(dir, rev, &checked.program, today)?;
            d.in_lang(lang);
            Some(d)
        }
        None => None,
    };
    let mut ctx = context::ReportContext::build(
        &checked.program,
        &o.config.limits,
        lang,
        today,
        &checked.diagnostics,
        &summary,
        changes,
    );
    ctx.exceptions = context::exceptions(&checked.program, &o.config, &checked.waived, lang, today);
    Ok((context::to_value(&ctx), lang))
}

/// Renders the report of a program folder as Markdown.
pub fn report(dir: &Path, lang: Option<Lang>, today: Date, since: Option<&str>) -> Result<String> {
    report_as(DocFormat::Markdown, dir, lang, today, since)
}

/// Renders the report of a program folder in a format: the template
/// `report` of that format (`report.md.tera`, `report.html.tera`).
pub fn report_as(
    format: DocFormat,
    dir: &Path,
    lang: Option<Lang>,
    today: Date,
    since: Option<&str>,
) -> Result<String> {
    let (ctx, lang) = report_context(dir, lang, today, since)?;
    let overrides = dir.join("templates");
    let engine = engine(lang, Some(&overrides))?;
    render(&engine, &format.template("report"), &ctx, Some(&overrides))
}

/// Finds the program a session file belongs to: the nearest folder above it
/// that is a program ([`crate::layout::is_program`]) — first as the path is
/// written, so that a session file that is a link belongs to the program
/// that holds the link (which never follows it out of the program), then
/// above where it leads.
pub(crate) fn program_of(session_file: &Path) -> Result<PathBuf> {
    let abs = fs_err::canonicalize(session_file).map_err(|e| Error::Io {
        path: session_file.to_path_buf(),
        source: e,
    })?;
    for written in session_file.ancestors().skip(1) {
        let dir = if written.as_os_str().is_empty() {
            Path::new(".")
        } else {
            written
        };
        if crate::layout::is_program(dir) {
            return Ok(dir.to_path_buf());
        }
    }
    let mut dir = abs.parent();
    while let Some(d) = dir {
        if crate::layout::is_program(d) {
            // Keep the user's relative spelling when the file was given relatively.
            let depth = abs.strip_prefix(d).map(|r| r.components().count()).unwrap_or(0);
            let mut shown = session_file.to_path_buf();
            for _ in 0..depth {
                shown = shown.parent().map(Path::to_path_buf).unwrap_or_default();
            }
            return Ok(if shown.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                shown
            });
        }
        dir = d.parent();
    }
    let file = session_file.display();
    Err(Error::Invalid(crate::both!(
        "`{file}` 不在任何项目中：它上面的文件夹都没有 topic.yaml 或 team.yaml",
        "`{file}` is not inside a program: no folder above it holds topic.yaml or team.yaml"
    )))
}

/// The agenda of a session file, ready to render: its context, language,
/// program folder, and what is wrong with the session's own agenda.
pub(crate) struct Agenda {
    /// What the template receives.
    pub context: serde_json::Value,
    /// The agenda's language.
    pub lang: Lang,
    /// The program folder (its `templates/` override the built-in ones).
    pub dir: PathBuf,
    /// Warnings about the session's own agenda, for `al agenda` to print.
    pub warnings: Vec<agenda::Warning>,
}

/// The agenda's context for a session file.
pub(crate) fn agenda_context(session_file: &Path, lang: Option<Lang>, today: Date) -> Result<Agenda> {
    let dir = program_of(session_file)?;
    let o = crate::check::open(&dir)?;
    let lang = o.lang(lang);
    let target = fs_err::canonicalize(session_file).map_err(|e| Error::Io {
        path: session_file.to_path_buf(),
        source: e,
    })?;
    let index = o.program.sessions.iter().position(|s| {
        fs_err::canonicalize(dir.join(&o.program.files[s.file].rel)).is_ok_and(|p| p == target)
    });
    let Some(index) = index else {
        let problem = o
            .program
            .files
            .iter()
            .position(|f| fs_err::canonicalize(dir.join(&f.rel)).is_ok_and(|p| p == target))
            .and_then(|i| o.program.problems.iter().find(|(f, _)| *f == i))
            .map(|(_, p)| {
                format!(
                    " ({}:{}:{}: {})",
                    session_file.display(),
                    p.loc.line,
                    p.loc.column,
                    p.message
                )
            });
        let (file, program) = (session_file.display(), dir.display());
        return Err(Error::Invalid(match problem {
            Some(why) => crate::both!(
                "`{file}` 无法作为活动文件读取{why}；运行 `al check` 查看详情",
                "`{file}` cannot be read as a session{why}; run `al check` for details"
            ),
            None => crate::both!(
                "`{file}` 不是 `{program}` 中项目的活动文件（活动文件放在 sessions/ 下）",
                "`{file}` is not a session file of the program in `{program}` (sessions live under sessions/)"
            ),
        }));
    };
    let (context, warnings) = agenda::context_and_warnings(&o.program, index, lang, today);
    Ok(Agenda {
        context,
        lang,
        dir,
        warnings,
    })
}

/// Renders an agenda in a format: the template `agenda` of that format
/// (`agenda.md.tera`, `agenda.html.tera`).
pub(crate) fn render_agenda(a: &Agenda, format: DocFormat) -> Result<String> {
    let overrides = a.dir.join("templates");
    let engine = engine(a.lang, Some(&overrides))?;
    render(&engine, &format.template("agenda"), &a.context, Some(&overrides))
}

/// Renders the agenda of a session file as Markdown.
pub fn agenda(session_file: &Path, lang: Option<Lang>, today: Date) -> Result<String> {
    agenda_as(DocFormat::Markdown, session_file, lang, today)
}

/// Renders the agenda of a session file in a format: the template `agenda`
/// of that format (`agenda.md.tera`, `agenda.html.tera`).
pub fn agenda_as(format: DocFormat, session_file: &Path, lang: Option<Lang>, today: Date) -> Result<String> {
    render_agenda(&agenda_context(session_file, lang, today)?, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(visible_controls("a\u{1b}]0;x\u{7}b"), "a\u{241b}]0;x\u{2407}b");
        assert_eq!(
            visible_controls("\u{9b}\u{7f}\u{fffe}\r"),
            "\u{fffd}\u{2421}\u{fffd}\u{240d}"
        );
        assert_eq!(visible_controls("tab\tline\r\nend\n"), "tab\tline\nend\n");
        assert_eq!(visible_controls("中文 plain\n"), "中文 plain\n");
    }

    /// An engine with one template, `t.md.tera`, and `range` as `al` has it.
    fn one(template: &str) -> tera::Tera {
        let mut t = tera::Tera::default();
        t.register_function("range", range);
        t.add_raw_template("t.md.tera", template).expect("template");
        t
    }

    fn limits() -> Limits {
        Limits {
            bytes: 1000,
            time: std::time::Duration::from_secs(600),
            range: 500,
        }
    }

    fn try_render(limits: Limits, template: &str) -> Result<String> {
        let ctx = tera::Context::new();
        bounded_by(
            limits,
            &one(template),
            "t.md.tera",
            &ctx,
            Some(Path::new("p/templates")),
        )
    }

    #[test]
    fn a_rendering_stops_at_its_size() {
        let err =
            try_render(limits(), "{% for i in range(end=400) %}xxxxx{% endfor %}").expect_err("too big");
        let (en, zh) = (err.text(Lang::En), err.text(Lang::Zh));
        assert!(
            en.contains("`t.md.tera`") && en.contains("passed 1000 bytes"),
            "{en}"
        );
        assert!(
            zh.contains("`t.md.tera`") && zh.contains("输出超过 1000 字节"),
            "{zh}"
        );
        assert!(en.contains("p/templates"), "{en}");
        let ok = try_render(limits(), "{% for i in range(end=100) %}x{% endfor %}").expect("small");
        assert_eq!(ok.len(), 100);
    }

    #[test]
    fn range_has_a_budget_over_the_whole_rendering() {
        // 30 × 30 = 900 numbers, over the budget of 500, writing nothing.
        let nested = "{% for i in range(end=30) %}{% for j in range(end=30) %}{% endfor %}{% endfor %}";
        let err = try_render(limits(), nested).expect_err("over the budget");
        let en = err.text(Lang::En);
        assert!(en.contains("`range` gave more than 500 numbers"), "{en}");
        // Inside a captured block, where no writer sees the output.
        let captured = "{% set x %}{% for i in range(end=30) %}{% for j in range(end=30) %}x{% endfor %}{% endfor %}{% endset %}";
        assert!(try_render(limits(), captured).is_err());
        // The budget is the rendering's: the next one starts afresh.
        assert!(try_render(limits(), "{% for i in range(end=400) %}{% endfor %}").is_ok());
        assert!(try_render(limits(), "{% for i in range(end=400) %}{% endfor %}").is_ok());
        assert_eq!(
            try_render(
                limits(),
                "{% for i in range(start=10, end=0, step_by=-3) %}{{ i }},{% endfor %}"
            )
            .expect("down"),
            "10,7,4,1,"
        );
    }

    #[test]
    fn a_rendering_stops_at_its_time() {
        let quick = Limits {
            time: std::time::Duration::ZERO,
            ..limits()
        };
        let err = try_render(quick, "a{% for i in range(end=3) %}x{% endfor %}").expect_err("late");
        let en = err.text(Lang::En);
        assert!(en.contains("still running after 0 seconds"), "{en}");
    }

    #[test]
    fn markdown_values_never_become_tags() {
        let mut v =
            serde_json::json!({"t": "<b>", "gantt": "a<b", "l": ["<!--"], "charts": {"svg": "<svg>"}});
        no_tags_in(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"t": "&lt;b>", "gantt": "a<b", "l": ["&lt;!--"], "charts": {"svg": "<svg>"}})
        );
    }
}
