//! Command-line definitions (clap derive), nothing else.

use crate::config::Lang;
use crate::output::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Run action learning programs (行动学习) as code.
#[derive(Debug, Parser)]
#[command(name = "al", version, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    /// When to use colour: auto (terminal and NO_COLOR decide), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Language of messages and documents: zh or en (default: AL_LANG, else
    /// al.toml `lang`, else the program's own language, else the locale, else en).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// What `al report` and `al agenda` share.
#[derive(Debug, clap::Args)]
pub struct DocOptions {
    /// Write to this file (atomically, and only when rendering succeeded) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Document format: markdown, or html (one self-contained file that
    /// prints to A4) [default: html when FILE ends in .html or .htm, else markdown].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<crate::report::DocFormat>,
    /// The date the document is written at (YYYY-MM-DD); default: today's local date.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Print the JSON the template receives instead of the document.
    #[arg(long)]
    pub context: bool,
}

/// Output of `al diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A Markdown section.
    Markdown,
    /// One JSON document.
    Json,
}

/// Colour choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold a program in a new or empty folder; never overwrites.
    Init {
        /// Folder to create the program in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write a complete, realistic example program instead of empty templates.
        #[arg(long)]
        example: bool,
    },
    /// Check programs against the method's rules.
    Check {
        /// Program folders, or folders to search for programs.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format [default: github when GITHUB_ACTIONS=true, else human].
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Exit 1 when there are warnings, too.
        #[arg(long)]
        deny_warnings: bool,
        /// The date rules judge against (YYYY-MM-DD); default: today's local date.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Programs checked at once [default: the number of cores]. The
        /// output is the same whatever the number.
        #[arg(short = 'j', long, value_name = "N", env = "AL_JOBS")]
        jobs: Option<std::num::NonZeroUsize>,
    },
    /// Add a session or sub-topic file from the built-in template; never overwrites.
    New {
        /// What to add.
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Render the progress report of a program as Markdown or HTML.
    Report {
        /// The program folder.
        #[arg(default_value = ".")]
        program: PathBuf,
        /// Output options.
        #[command(flatten)]
        doc: DocOptions,
        /// Add "changes since REV", reading the older version from git.
        #[arg(long, value_name = "GIT_REV")]
        since: Option<String>,
    },
    /// The program office's dashboard: every program under a folder, by batch.
    Portfolio {
        /// The folder to search for programs.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write to this file (atomically, and only when rendering succeeded)
        /// instead of stdout; to a folder (`DIR/`): index.html and one HTML
        /// report per program beside it.
        #[arg(short, long, value_name = "FILE|DIR/")]
        output: Option<PathBuf>,
        /// Output format: markdown, html (one self-contained file that prints
        /// to A4) or json [default: by the extension of FILE, else markdown].
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<crate::portfolio::PortfolioFormat>,
        /// The date the dashboard is written at (YYYY-MM-DD); default: today's local date.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Programs checked at once [default: the number of cores]. The
        /// output is the same whatever the number.
        #[arg(short = 'j', long, value_name = "N", env = "AL_JOBS")]
        jobs: Option<std::num::NonZeroUsize>,
        /// Add what moved across the portfolio since REV, reading the older
        /// versions from git.
        #[arg(long, value_name = "GIT_REV")]
        since: Option<String>,
    },
    /// What changed in a program between two git revisions (or a revision and the working tree).
    Diff {
        /// The older revision, e.g. HEAD~1 or a tag.
        rev: String,
        /// The newer revision (default: the working tree), and/or the program folder (default: .).
        #[arg(num_args = 0..=2, value_name = "REV2|PROGRAM")]
        rest: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// The date the newer version is judged at, for "newly overdue" (default: today).
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// Render the agenda of one session as Markdown or HTML.
    Agenda {
        /// The session file.
        session: PathBuf,
        /// Output options.
        #[command(flatten)]
        doc: DocOptions,
    },
    /// Print the JSON Schema (draft 2020-12) of a file, for editors and validators.
    Schema {
        /// Which file.
        #[arg(value_enum)]
        kind: crate::layout::FileKind,
    },
    /// Print a shell completion script (e.g. `al completions bash > /etc/bash_completion.d/al`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages: al.1 and one per subcommand (al-check.1, …)
    /// into DIR (e.g. `al man ~/.local/share/man/man1`); without DIR, print
    /// al.1 (roff).
    Man {
        /// The folder to write the pages into (created when missing).
        dir: Option<PathBuf>,
    },
    /// Explain a rule: what it checks, why, an example and the fix.
    Explain {
        /// Rule code, e.g. AL201.
        #[arg(value_parser = RuleCode, hide_possible_values = true)]
        code: String,
    },
    /// List every rule with its code, name and default severity.
    Rules,
}

/// What `al new` adds.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A session file under sessions/, named after its date, group and kind.
    Session {
        /// Kind of session.
        #[arg(long, value_parser = Words::<crate::model::SessionKind>::new())]
        kind: crate::model::SessionKind,
        /// Date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// The group (required for a group meeting).
        #[arg(long)]
        group: Option<String>,
        /// For `--kind activity`: survey, study-visit, training, forum, consultation, online.
        #[arg(long, value_parser = Words::<crate::model::ActivityKind>::new())]
        activity: Option<crate::model::ActivityKind>,
        /// Title (default: numbered from the earlier sessions of its kind).
        #[arg(long)]
        title: Option<String>,
        /// The program folder.
        #[arg(default_value = ".")]
        program: PathBuf,
    },
    /// A sub-topic file subtopics/ID.yaml.
    Subtopic {
        /// Its id, also the file name.
        id: String,
        /// The core group working on it.
        #[arg(long)]
        group: String,
        /// The owner (负责人), a member of that group.
        #[arg(long)]
        owner: String,
        /// The date it is fixed (default: today's local date).
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// The program folder.
        #[arg(default_value = ".")]
        program: PathBuf,
    },
    /// plan.yaml, the overall action plan, from the method's defaults.
    Plan {
        /// The day the program starts (YYYY-MM-DD): the kick-off.
        #[arg(long, value_name = "DATE")]
        start: String,
        /// The program folder.
        #[arg(default_value = ".")]
        program: PathBuf,
    },
}

/// One of the fixed words of the file format on the command line, parsed
/// as the files parse it; its words are the values shells complete.
#[derive(Clone)]
struct Words<T>(std::marker::PhantomData<T>);

impl<T> Words<T> {
    fn new() -> Self {
        Words(std::marker::PhantomData)
    }
}

impl<T: crate::yaml::Scalar + Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Words<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        T::parse(&text).map_err(|why| invalid(cmd, arg, &text, &why))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            T::choices().iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

/// A rule code: any text (`al explain` suggests the nearest code itself),
/// with the codes of the catalogue as the values shells complete.
#[derive(Clone)]
struct RuleCode;

impl clap::builder::TypedValueParser for RuleCode {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::rules::RULES
                .iter()
                .map(|r| clap::builder::PossibleValue::new(r.code)),
        ))
    }
}

/// clap's error for a value that is not one of the words, with the reason.
fn invalid(cmd: &clap::Command, arg: Option<&clap::Arg>, text: &str, why: &str) -> clap::Error {
    let arg = arg.map(ToString::to_string).unwrap_or_default();
    clap::Error::raw(
        clap::error::ErrorKind::ValueValidation,
        format!("invalid value '{text}' for '{arg}': {why}\n"),
    )
    .with_cmd(cmd)
}
