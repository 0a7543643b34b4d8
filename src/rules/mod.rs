//! The rule registry and the checks. Each rule is a value ([`Rule`]) defined
//! next to its check in its family's module; one ordered list, [`RULES`],
//! holds them all, and `al rules`, `al explain` and docs/rules.md are
//! generated from it. A finding holds a reference to its rule, so a check
//! cannot emit a code that does not exist.

mod catalogue;
pub mod config;
pub mod docs;
mod learning;
mod plan;
mod schema;
mod sessions;
mod stages;
mod subtopics;
mod team;
pub mod texts;
mod topic;

use crate::facts::Index;
pub use catalogue::RULES;

use crate::config::{Lang, Limits};
use crate::diag::{Loc, Severity};
use crate::load::Program;
use crate::model::Date;

/// A rule of the method, as documentation and identity. The check itself
/// lives in the family module that emits its code.
#[derive(Debug)]
pub struct Rule {
    /// Code, e.g. `AL201`.
    pub code: &'static str,
    /// Kebab-case name that reads as "allow NAME".
    pub name: &'static str,
    /// Severity unless al.toml says otherwise.
    pub severity: Severity,
}

impl Rule {
    /// One line: what it finds.
    pub fn summary(&self, lang: Lang) -> &'static str {
        texts::prose(lang, self.code).summary.as_str()
    }

    /// What it checks.
    pub fn what(&self, lang: Lang) -> &'static str {
        texts::prose(lang, self.code).what.as_str()
    }

    /// Why the method asks for it.
    pub fn why(&self, lang: Lang) -> &'static str {
        texts::prose(lang, self.code).why.as_str()
    }

    /// A file that fails (the same in every language).
    pub fn example(&self) -> &'static str {
        texts::example(self.code).example.as_str()
    }

    /// The same file, passing.
    pub fn instead(&self) -> &'static str {
        texts::example(self.code).instead.as_str()
    }
}

/// Defines a rule as a value next to its check: `rule!(AL201,
/// "group-too-small", Error);` — its code, its kebab-case name and its
/// default severity. Its texts are in the catalogues (see [`texts`]); it is
/// listed in [`RULES`] in `catalogue.rs`.
macro_rules! rule {
    ($code:ident, $name:literal, $severity:ident) => {
        #[doc = concat!("The rule ", stringify!($code), " (`", $name, "`); its texts are in locales/rules.*.toml.")]
        pub(crate) static $code: $crate::rules::Rule = $crate::rules::Rule {
            code: stringify!($code),
            name: $name,
            severity: $severity,
        };
    };
}
pub(crate) use rule;

/// The rule with this code (case-insensitive).
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The file a finding points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A file of the program, by index into [`Program::files`].
    File(usize),
    /// A required file that does not exist, by its display path.
    Missing(String),
    /// The al.toml that applies to the program.
    Config,
}

impl At {
    /// The index of the program file, when it is one.
    pub fn file(&self) -> Option<usize> {
        match self {
            At::File(i) => Some(*i),
            _ => None,
        }
    }
}

/// What a finding is about, besides its rule and file: what a narrow
/// waiver can name (`group`, `person`, `subtopic`, `month`, `session`,
/// `action` in al.toml's `[[allow]]`). The session and the sub-topic are
/// filled in from the file a finding points into; the rules say the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct About {
    /// A group's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// A person's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// A sub-topic's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtopic: Option<String>,
    /// A calendar month.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "month_text")]
    pub month: Option<crate::dates::Month>,
    /// A session file, inside the program.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// An action: its `id`, else its task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}

fn month_text<S: serde::Serializer>(m: &Option<crate::dates::Month>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.serialize_str(&m.to_string()),
        None => s.serialize_none(),
    }
}

impl About {
    /// Whether a finding about `what` is within this scope: every key named
    /// here is the same there. An action matches by id or by task.
    pub fn covers(&self, what: &About, task: Option<&str>) -> bool {
        fn same(want: &Option<String>, got: &Option<String>) -> bool {
            want.as_ref().is_none_or(|w| got.as_ref() == Some(w))
        }
        same(&self.group, &what.group)
            && same(&self.person, &what.person)
            && same(&self.subtopic, &what.subtopic)
            && self.month.is_none_or(|m| what.month == Some(m))
            && same(&self.session, &what.session)
            && self
                .action
                .as_ref()
                .is_none_or(|a| what.action.as_ref() == Some(a) || task == Some(a.as_str()))
    }
}

/// A finding before severity overrides and waivers are applied.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule.
    pub rule: &'static Rule,
    /// The file it points into.
    pub at: At,
    /// What it is about, for narrow waivers.
    pub about: About,
    /// The task of the action it is about, if any (a waiver may name it).
    pub task: Option<String>,
    /// Where.
    pub loc: Loc,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// Short label under the caret.
    pub label: Option<String>,
}

/// What every check gets: the program, its index, the limits and today.
pub(crate) struct Ctx<'a> {
    /// The program.
    pub program: &'a Program,
    /// Ids defined in the program.
    pub index: Index<'a>,
    /// The numbers of the method.
    pub limits: &'a Limits,
    /// The date rules judge against.
    pub today: Date,
    /// The language of the findings' messages.
    pub lang: Lang,
    out: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    /// A context for one program.
    pub fn new(program: &'a Program, limits: &'a Limits, today: Date, lang: Lang) -> Self {
        Ctx {
            program,
            index: Index::build(program),
            limits,
            today,
            lang,
            out: Vec::new(),
        }
    }

    /// Records a finding at `loc` in file `file`.
    pub fn emit(
        &mut self,
        rule: &'static Rule,
        file: usize,
        loc: &Loc,
        message: String,
        help: String,
    ) -> &mut Finding {
        self.out
            .push(Finding::new(rule, At::File(file), loc, message, help));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// The findings so far.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.out
    }
}

impl Finding {
    /// A finding of `rule` at `loc` in the file `at`, about nothing more
    /// (the builder methods below say what else), without a label.
    pub fn new(rule: &'static Rule, at: At, loc: &Loc, message: String, help: String) -> Finding {
        Finding {
            rule,
            at,
            about: About::default(),
            task: None,
            loc: loc.clone(),
            message,
            help,
            label: None,
        }
    }

    /// The finding is about this group.
    pub fn group(&mut self, id: &str) -> &mut Self {
        self.about.group = Some(id.to_string());
        self
    }

    /// The finding is about this person.
    pub fn person(&mut self, id: &str) -> &mut Self {
        self.about.person = Some(id.to_string());
        self
    }

    /// The finding is about this calendar month.
    pub fn month(&mut self, month: crate::dates::Month) -> &mut Self {
        self.about.month = Some(month);
        self
    }

    /// The finding is about this action: its `id` (if any) and its task.
    pub fn action(&mut self, id: Option<&str>, task: &str) -> &mut Self {
        self.about.action = id.map(str::to_string);
        self.task = Some(task.to_string());
        self
    }

    /// Sets the label drawn under the caret.
    pub(crate) fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }
}

/// Runs every check on a loaded program.
pub fn run(program: &Program, limits: &Limits, today: Date, lang: Lang) -> Vec<Finding> {
    let mut ctx = Ctx::new(program, limits, today, lang);
    schema::parse_problems(&mut ctx);
    schema::missing_files(&mut ctx);
    schema::required_keys(&mut ctx);
    schema::duplicate_ids(&mut ctx);
    schema::references(&mut ctx);
    schema::placeholders(&mut ctx);
    topic::check(&mut ctx);
    team::check(&mut ctx);
    sessions::check(&mut ctx);
    learning::check(&mut ctx);
    subtopics::check(&mut ctx);
    stages::check(&mut ctx);
    plan::check(&mut ctx);
    ctx.into_findings()
}
