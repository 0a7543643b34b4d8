//! The layout of a program folder: one registry of the kinds of file a
//! program holds. Loading, AL003 (missing files), `al schema`, `al init`,
//! `al new` and the history reader (which files of a git tree belong to a
//! program) all read it, and [`is_program`] alone decides what a program
//! folder is.
//!
//! Adding a kind of file means: a variant of [`FileKind`], its [`Spec`] in
//! [`FileKind::spec`] (the match is exhaustive, so nothing compiles until
//! the spec is written), its model struct, the place the parsed model goes
//! in [`crate::load::Program`], and its rules.

use crate::load::Program;
use crate::yaml::{KeysAt, Problem};
use std::path::Path;

/// A kind of file of a program. Its value names (`topic`, `team`,
/// `session`, `subtopic`, `plan`, `config`) are those of `al schema`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum FileKind {
    /// topic.yaml.
    Topic,
    /// team.yaml.
    Team,
    /// sessions/*.yaml.
    Session,
    /// subtopics/*.yaml.
    Subtopic,
    /// plan.yaml.
    Plan,
    /// al.toml.
    Config,
}

/// Where the files of a kind are, inside the program folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// One file of this name.
    File(&'static str),
    /// Any number of `*.yaml` / `*.yml` files in this folder and its
    /// sub-folders (names starting with `.` are skipped).
    Folder(&'static str),
}

/// What parsing one file of a program gives: its problems, and whether it
/// has keys the format does not know.
pub type Parsed = (Vec<Problem>, bool);

/// Parses file `file` of a program and puts its model in its place in the
/// program (or takes it away when the file is unusable). The flag says the
/// file was parsed before and has no unknown keys.
pub(crate) type ParseFn = fn(&mut Program, usize, bool) -> Parsed;

/// Everything the tool knows about one kind of file.
pub struct Spec {
    /// The kind.
    pub kind: FileKind,
    /// Where its files are.
    pub place: Place,
    /// Whether a program must have it (AL003 when it has not).
    pub required: bool,
    /// Whether it is read with the program (al.toml is read on its own,
    /// and may sit in a folder above the program).
    pub loaded: bool,
    /// The keys allowed at each path inside the file, for unknown-key findings.
    pub keys: Option<KeysAt>,
    /// Its JSON Schema, derived from its model.
    pub schema: fn() -> schemars::Schema,
    /// How it is parsed into the program's model; `None` when it is not
    /// part of the program's model (al.toml).
    pub parse: Option<ParseFn>,
    /// What to do when a required file is missing: (Chinese, English).
    pub missing_help: (&'static str, &'static str),
}

impl FileKind {
    /// Every kind, in the order files are read and listed.
    pub fn all() -> &'static [FileKind] {
        <FileKind as clap::ValueEnum>::value_variants()
    }

    /// The kinds whose files are read with the program.
    pub fn program_files() -> impl Iterator<Item = FileKind> {
        Self::all().iter().copied().filter(|k| k.spec().loaded)
    }

    /// The lower-case name (as in `al schema NAME` and `.al/schema/NAME.json`).
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Topic => "topic",
            FileKind::Team => "team",
            FileKind::Session => "session",
            FileKind::Subtopic => "subtopic",
            FileKind::Plan => "plan",
            FileKind::Config => "config",
        }
    }

    /// How its files are written in messages: `topic.yaml`, `sessions/*.yaml`.
    pub fn pattern(self) -> String {
        match self.spec().place {
            Place::File(name) => name.to_string(),
            Place::Folder(dir) => format!("{dir}/*.yaml"),
        }
    }

    /// Where a new file of this kind named `stem` goes, inside the program:
    /// `sessions/STEM.yaml`; the file's own name for a kind of one file.
    pub(crate) fn rel_for(self, stem: &str) -> String {
        match self.spec().place {
            Place::File(name) => name.to_string(),
            Place::Folder(dir) => format!("{dir}/{stem}.yaml"),
        }
    }

    /// Everything about this kind.
    pub fn spec(self) -> &'static Spec {
        use crate::load::{parse_as, put_many, put_one};
        use crate::model::{Plan, Session, Subtopic, Team, Topic};
        match self {
            FileKind::Topic => &Spec {
                kind: FileKind::Topic,
                place: Place::File("topic.yaml"),
                required: true,
                loaded: true,
                keys: Some(crate::model::topic::keys),
                schema: || schemars::schema_for!(Topic),
                parse: Some(|p, file, known| {
                    parse_as::<Topic>(p, file, crate::model::topic::keys, known, |p, d| {
                        put_one(&mut p.topic, d)
                    })
                }),
                missing_help: (
                    "新建 topic.yaml，写明主题的标题、描述、四条标准、召集人和开始日期（`al init` 会生成带注释的模板）",
                    "create topic.yaml with the topic's title, statement, criteria, convener and start (`al init` writes a commented one)",
                ),
            },
            FileKind::Team => &Spec {
                kind: FileKind::Team,
                place: Place::File("team.yaml"),
                required: true,
                loaded: true,
                keys: Some(crate::model::team::keys),
                schema: || schemars::schema_for!(Team),
                parse: Some(|p, file, known| {
                    parse_as::<Team>(p, file, crate::model::team::keys, known, |p, d| {
                        put_one(&mut p.team, d)
                    })
                }),
                missing_help: (
                    "新建 team.yaml，写明人员和核心小组（`al init` 会生成带注释的模板）",
                    "create team.yaml with the people and the core groups (`al init` writes a commented one)",
                ),
            },
            FileKind::Session => &Spec {
                kind: FileKind::Session,
                place: Place::Folder("sessions"),
                required: false,
                loaded: true,
                keys: Some(crate::model::session::keys),
                schema: || schemars::schema_for!(Session),
                parse: Some(|p, file, known| {
                    parse_as::<Session>(p, file, crate::model::session::keys, known, |p, d| {
                        put_many(&mut p.sessions, d)
                    })
                }),
                missing_help: (
                    "在 sessions/ 下添加活动文件（`al new session` 可生成一个）",
                    "add session files under sessions/ (`al new session` writes one)",
                ),
            },
            FileKind::Subtopic => &Spec {
                kind: FileKind::Subtopic,
                place: Place::Folder("subtopics"),
                required: false,
                loaded: true,
                keys: Some(crate::model::subtopic::keys),
                schema: || schemars::schema_for!(Subtopic),
                parse: Some(|p, file, known| {
                    parse_as::<Subtopic>(p, file, crate::model::subtopic::keys, known, |p, d| {
                        put_many(&mut p.subtopics, d)
                    })
                }),
                missing_help: (
                    "在 subtopics/ 下添加子课题文件（`al new subtopic` 可生成一个）",
                    "add sub-topic files under subtopics/ (`al new subtopic` writes one)",
                ),
            },
            FileKind::Plan => &Spec {
                kind: FileKind::Plan,
                place: Place::File("plan.yaml"),
                required: false,
                loaded: true,
                keys: Some(crate::model::plan::keys),
                schema: || schemars::schema_for!(Plan),
                parse: Some(|p, file, known| {
                    parse_as::<Plan>(p, file, crate::model::plan::keys, known, |p, d| {
                        put_one(&mut p.plan, d)
                    })
                }),
                missing_help: (
                    "新建 plan.yaml，写明总体行动方案的里程碑（`al new plan --start 日期` 可生成一个）",
                    "create plan.yaml with the milestones of the overall action plan (`al new plan --start DATE` writes one)",
                ),
            },
            FileKind::Config => &Spec {
                kind: FileKind::Config,
                place: Place::File("al.toml"),
                required: false,
                loaded: false,
                keys: None,
                schema: || schemars::schema_for!(crate::config::ConfigFile),
                parse: None,
                missing_help: (
                    "al.toml 是可选的；`al init` 会生成带注释的模板",
                    "al.toml is optional; `al init` writes a commented one",
                ),
            },
        }
    }

    /// The kind of the file at `rel` (a `/`-separated path inside the
    /// program folder), if it is a file of the program. Hidden files and
    /// folders (starting with `.`) are not.
    pub fn of_rel(rel: &str) -> Option<FileKind> {
        if rel.split('/').any(|seg| seg.is_empty() || seg.starts_with('.')) {
            return None;
        }
        Self::all().iter().copied().find(|k| match k.spec().place {
            Place::File(name) => rel == name,
            Place::Folder(dir) => {
                rel.strip_prefix(dir).is_some_and(|r| r.starts_with('/')) && is_yaml_name(rel)
            }
        })
    }
}

/// Whether a file name ends in `.yaml` or `.yml`.
pub(crate) fn is_yaml_name(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Whether a folder is a program: it holds one of the files a program must
/// have (topic.yaml or team.yaml). A folder with only one of them is a
/// program with a missing file (AL003), never silently skipped. Every
/// command asks this one function: `al check` when named or walking,
/// `al report`, `al agenda`, `al diff`, `al new`.
pub(crate) fn is_program(dir: &Path) -> bool {
    FileKind::all().iter().any(|k| match k.spec().place {
        Place::File(name) if k.spec().required => dir.join(name).is_file(),
        _ => false,
    })
}

/// Whether the file names of a tree (`/`-separated, inside the folder) make
/// it a program: [`is_program`] for a list of names, as read from git.
pub(crate) fn names_make_program<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    names.any(|n| {
        FileKind::of_rel(n).is_some_and(|k| k.spec().required && matches!(k.spec().place, Place::File(_)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_spec_of_its_own() {
        for &k in FileKind::all() {
            assert_eq!(k.spec().kind, k);
        }
    }

    #[test]
    fn paths_are_sorted_into_kinds() {
        assert_eq!(FileKind::of_rel("topic.yaml"), Some(FileKind::Topic));
        assert_eq!(FileKind::of_rel("team.yaml"), Some(FileKind::Team));
        assert_eq!(FileKind::of_rel("sessions/2026/a.yml"), Some(FileKind::Session));
        assert_eq!(FileKind::of_rel("subtopics/x.yaml"), Some(FileKind::Subtopic));
        assert_eq!(FileKind::of_rel("al.toml"), Some(FileKind::Config));
        assert_eq!(FileKind::of_rel("plan.yaml"), Some(FileKind::Plan));
        assert_eq!(FileKind::of_rel("sessions/.hidden.yaml"), None);
        assert_eq!(FileKind::of_rel("sessions/notes.md"), None);
        assert_eq!(FileKind::of_rel("sessionsx/a.yaml"), None);
        assert_eq!(FileKind::of_rel("templates/report.md.tera"), None);
        for &k in FileKind::all() {
            assert_eq!(FileKind::of_rel(&k.rel_for("2026-04-01-x")), Some(k));
        }
    }

    #[test]
    fn a_program_is_a_folder_with_a_required_file() {
        assert!(names_make_program(["team.yaml"].into_iter()));
        assert!(names_make_program(["sessions/a.yaml", "topic.yaml"].into_iter()));
        assert!(!names_make_program(["sessions/a.yaml", "al.toml"].into_iter()));
    }
}
