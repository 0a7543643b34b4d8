//! Operational failures: the tool could not do its job (exit 2).

use std::path::PathBuf;

/// Why `al` could not run. Rule findings are never errors; see [`crate::diag`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist or cannot be read.
    #[error("cannot read `{path}`")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A path was given that holds no program.
    #[error("no action learning program found in `{0}` (a program is a folder with topic.yaml or team.yaml)")]
    NoProgram(PathBuf),
    /// al.toml could not be read as configuration.
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        /// The al.toml file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column in characters.
        column: usize,
        /// What is wrong and what to do.
        message: String,
        /// The same in Chinese.
        message_zh: String,
    },
    /// `al init` was pointed at a folder that has files in it.
    #[error("`{0}` is not empty; `al init` only writes into a new or empty folder, so nothing was written")]
    NotEmpty(PathBuf),
    /// A rule code that does not exist.
    #[error("unknown rule code `{code}`{}", match suggestion {
        Some(s) => format!("; did you mean `{s}`? (`al rules` lists them)"),
        None => "; `al rules` lists the codes".to_string(),
    })]
    UnknownCode {
        /// What the user wrote.
        code: String,
        /// The closest code, if any is close.
        suggestion: Option<String>,
    },
    /// A date on the command line is not a date.
    #[error("`{text}` is not a valid date: {why}")]
    BadDate {
        /// What the user wrote.
        text: String,
        /// Why.
        why: String,
    },
    /// A request that cannot be carried out as given (the message says why
    /// and what to do, in both languages).
    #[error("{}", .0.en)]
    Invalid(Texts),
    /// An error about one program, shown in that program's language unless
    /// `--lang` or `AL_LANG` says otherwise.
    #[error("{error}")]
    InProgram {
        /// The program's own language.
        lang: crate::config::Lang,
        /// The error.
        error: Box<Error>,
    },
    /// `AL_LANG` names no language.
    #[error("AL_LANG=`{0}` is not a language: set it to zh or en, or unset it")]
    BadLang(String),
    /// A template could not be parsed or rendered.
    #[error("cannot render: a template is broken (overrides are read from {folder}):\n{message}")]
    Template {
        /// Where the templates came from.
        folder: String,
        /// Tera's report, with the template's name and line.
        message: String,
    },
    /// Writing to standard output failed (a full disk, `/dev/full`); a
    /// closed pipe is not this error.
    #[error("cannot write to standard output")]
    WriteOut(#[source] std::io::Error),
    /// Writing output failed.
    #[error("cannot write `{path}`")]
    Write {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The error as one about a program in `lang`: shown in that language
    /// unless `--lang` or `AL_LANG` says otherwise (an error that already
    /// names its program's language keeps it).
    pub(crate) fn in_program(self, lang: crate::config::Lang) -> Error {
        if self.lang_hint().is_some() {
            return self;
        }
        Error::InProgram {
            lang,
            error: Box::new(self),
        }
    }

    /// The language of the program the error is about, if it is about one.
    pub fn lang_hint(&self) -> Option<crate::config::Lang> {
        match self {
            Error::InProgram { lang, .. } => Some(*lang),
            _ => None,
        }
    }

    /// The message in `lang` (the `Display` text is the English one).
    pub fn text(&self, lang: crate::config::Lang) -> String {
        use crate::config::Lang;

        if let Error::InProgram { error, .. } = self {
            return error.text(lang);
        }
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::Io { path, .. } => format!("无法读取 `{}`", path.display()),
            Error::NoProgram(p) => format!(
                "`{}` 中没有行动学习项目（项目是含有 topic.yaml 或 team.yaml 的文件夹）",
                p.display()
            ),
            Error::InProgram { error, .. } => error.text(lang),
            Error::Invalid(t) => t.zh.clone(),
            Error::UnknownCode { code, suggestion } => match suggestion {
                Some(s) => format!("没有规则代码 `{code}`；是不是 `{s}`？（`al rules` 列出全部规则）"),
                None => format!("没有规则代码 `{code}`；`al rules` 列出全部规则"),
            },
            Error::Config {
                path,
                line,
                column,
                message_zh,
                ..
            } => format!("{path}:{line}:{column}: {message_zh}"),
            Error::NotEmpty(p) => format!(
                "`{}` 不是空文件夹；`al init` 只在新的或空的文件夹中写入，因此没有写入任何文件",
                p.display()
            ),
            Error::BadDate { text, why } => format!("`{text}` 不是有效日期：{why}"),
            Error::BadLang(v) => format!("AL_LANG=`{v}` 不是可用的语言：请设为 zh 或 en，或者不设置"),
            Error::Template { folder, message } => {
                format!("无法生成：模板有错误（覆盖模板读自 {folder}）：\n{message}")
            }
            Error::WriteOut(_) => "无法写入标准输出".to_string(),
            Error::Write { path, .. } => format!("无法写入 `{}`", path.display()),
        }
    }
}

/// One message in both languages (see [`crate::both!`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
}

impl Texts {
    /// A message already in the language it will be shown in.
    pub fn one(text: String) -> Self {
        Texts {
            zh: text.clone(),
            en: text,
        }
    }
}

/// A message in both languages, for an error shown later in whichever
/// language the run speaks: `both!("中文 {x}", "English {x}")` is a
/// [`Texts`]. Both are required, as with [`crate::tr!`].
#[macro_export]
macro_rules! both {
    ($zh:literal, $en:literal $(, $($args:tt)*)?) => {
        $crate::error::Texts {
            zh: format!($zh $(, $($args)*)?),
            en: format!($en $(, $($args)*)?),
        }
    };
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
