//! Folder → [`Program`]: finds programs, reads every file once, parses each
//! into the model and keeps its text for excerpts. A broken file is recorded
//! and the others are still read.

use crate::diag::Loc;
use crate::error::{Error, Result};
use crate::model::{Session, Subtopic, Team, Topic};
use crate::source::SourceFile;
use crate::yaml::{Problem, ProblemKind, Seg, fields_of};
use std::path::{Path, PathBuf};

/// Files larger than this are reported and not parsed, unless al.toml's
/// `[limits] max_file_bytes` says otherwise.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

static CURRENT_FILE: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// The file being read or parsed right now (for the panic safety net).
pub fn current_file() -> String {
    CURRENT_FILE.lock().map(|f| f.clone()).unwrap_or_default()
}

fn set_current_file(path: &str) {
    if let Ok(mut f) = CURRENT_FILE.lock() {
        f.clear();
        f.push_str(path);
    }
}

/// A parsed file of a program.
#[derive(Debug)]
pub struct Doc<T> {
    /// Index into [`Program::files`].
    pub file: usize,
    /// The parsed model.
    pub value: T,
}

/// Why a required file is absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The file name inside the program (`topic.yaml`, `team.yaml`).
    pub rel: &'static str,
    /// How the path is shown.
    pub display: String,
}

/// One program: its files and their models.
#[derive(Debug, Default)]
pub struct Program {
    /// The folder as shown to the user.
    pub display: String,
    /// The folder on disk.
    pub dir: PathBuf,
    /// Every file read, in a stable order.
    pub files: Vec<SourceFile>,
    /// topic.yaml, if present and usable.
    pub topic: Option<Doc<Topic>>,
    /// team.yaml, if present and usable.
    pub team: Option<Doc<Team>>,
    /// sessions/*.yaml that are usable, in file order.
    pub sessions: Vec<Doc<Session>>,
    /// subtopics/*.yaml that are usable, in file order.
    pub subtopics: Vec<Doc<Subtopic>>,
    /// Problems met while reading and parsing, with their file index.
    pub problems: Vec<(usize, Problem)>,
    /// Required files that do not exist (AL003).
    pub missing: Vec<Missing>,
    /// Files larger than this are not parsed.
    pub max_file_bytes: u64,
}

impl Program {
    /// The file stem of a document's file (the default id of a sub-topic).
    pub fn stem(&self, file: usize) -> &str {
        let rel = self.files.get(file).map_or("", |f| f.rel.as_str());
        let name = rel.rsplit('/').next().unwrap_or(rel);
        name.strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .unwrap_or(name)
    }
}

/// Joins a folder as the user wrote it with a path inside it, `/`-separated,
/// without a leading `./`.
pub fn display_join(dir: &str, rel: &str) -> String {
    let dir = dir.replace('\\', "/");
    let dir = dir.trim_end_matches('/');
    let joined = if dir.is_empty() || dir == "." {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    };
    joined.strip_prefix("./").map(str::to_string).unwrap_or(joined)
}

/// Whether a folder is a program (holds topic.yaml or team.yaml).
pub fn is_program(dir: &Path) -> bool {
    dir.join("topic.yaml").is_file() || dir.join("team.yaml").is_file()
}

/// The programs at or below `path`, in a stable order.
pub fn discover(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = fs_err::metadata(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    if !meta.is_dir() {
        return Err(Error::NoProgram(path.to_path_buf()));
    }
    if is_program(path) {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(path)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && (name.starts_with('.') || name == "target" || name == "node_modules") {
            walk.skip_current_dir();
            continue;
        }
        if entry.path().join("topic.yaml").is_file() {
            found.push(entry.path().to_path_buf());
            walk.skip_current_dir();
        }
    }
    if found.is_empty() {
        return Err(Error::NoProgram(path.to_path_buf()));
    }
    Ok(found)
}

/// Reads a file as text: only regular files, size limit, UTF-8 check, BOM removed.
fn read_text(path: &Path, max_bytes: u64) -> std::result::Result<String, (Loc, String, String)> {
    let meta = fs_err::metadata(path).map_err(|e| {
        (
            Loc::file_start(),
            format!("cannot read this file: {}", io_reason(&e)),
            "check that the file exists and is readable".to_string(),
        )
    })?;
    if meta.is_dir() {
        return Err((
            Loc::file_start(),
            "this is a folder, not a file".to_string(),
            "rename the folder: names ending in .yaml or .yml are read as program files".to_string(),
        ));
    }
    if !meta.is_file() {
        // Never open a pipe or a device: reading it could block for ever.
        return Err((
            Loc::file_start(),
            "this is not a regular file (a pipe, socket or device); it was not read".to_string(),
            "replace it with a regular YAML file, or remove it".to_string(),
        ));
    }
    if meta.len() > max_bytes {
        return Err((
            Loc::file_start(),
            format!("file is {} bytes, over the limit of {max_bytes} bytes; it was not parsed", meta.len()),
            "split the file, remove what does not belong in a program file, or raise `[limits] max_file_bytes` in al.toml".to_string(),
        ));
    }
    let bytes = fs_err::read(path).map_err(|e| {
        (
            Loc::file_start(),
            format!("cannot read this file: {}", io_reason(&e)),
            "check that the file exists and is readable".to_string(),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(crate::source::normalize_owned(text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let loc = crate::source::loc_of_bytes(&good, valid..valid);
            Err((
                Loc { bytes: 0..0, ..loc },
                format!(
                    "file is not valid UTF-8 (first bad byte at line {}, column {})",
                    loc.line, loc.column
                ),
                "save the file as UTF-8".to_string(),
            ))
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist (or is a link to nothing)".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if e.raw_os_error() == Some(40) || e.to_string().contains("(os error 40)") => {
            "it is a loop of symbolic links".to_string()
        }
        _ => e.to_string().split(" at path").next().unwrap_or("").to_string(),
    }
}

/// The YAML entries of a sub-folder (`sessions`, `subtopics`), sorted by path.
/// Anything named `*.yaml`/`*.yml` is returned — files, links, and also
/// folders, pipes or devices, which the reader then reports instead of
/// skipping in silence. Links are not followed into folders, so a link
/// loop cannot make the walk run for ever.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let is_yaml = |p: &Path| matches!(p.extension().and_then(|x| x.to_str()), Some("yaml" | "yml"));
    let mut out: Vec<PathBuf> = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(16)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        if entry.depth() == 0 {
            continue;
        }
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let yaml = is_yaml(entry.path());
        if entry.file_type().is_dir() && (hidden || yaml) {
            // A folder named like a YAML file is reported, not entered.
            walk.skip_current_dir();
        }
        if yaml && !hidden {
            out.push(entry.into_path());
        }
    }
    out.sort();
    out
}

/// The keys allowed in topic.yaml at a path.
pub fn topic_keys(path: &[Seg]) -> &'static [&'static str] {
    use crate::model::*;
    match keys_path(path).as_slice() {
        [] => fields_of::<Topic>(),
        ["criteria"] => fields_of::<Criteria>(),
        ["convener"] => fields_of::<Convener>(),
        ["sponsor"] => fields_of::<Sponsor>(),
        ["budget", "*"] => fields_of::<BudgetItem>(),
        _ => &[],
    }
}

/// The keys allowed in team.yaml at a path.
pub fn team_keys(path: &[Seg]) -> &'static [&'static str] {
    use crate::model::*;
    match keys_path(path).as_slice() {
        [] => fields_of::<Team>(),
        ["people", "*"] => fields_of::<Person>(),
        ["facilitators", "*"] => fields_of::<Facilitator>(),
        ["external", "*"] => fields_of::<External>(),
        ["groups", "*"] => fields_of::<Group>(),
        _ => &[],
    }
}

/// The keys allowed in a session file at a path.
pub fn session_keys(path: &[Seg]) -> &'static [&'static str] {
    use crate::model::*;
    match keys_path(path).as_slice() {
        [] => fields_of::<Session>(),
        ["agenda", "*"] => fields_of::<AgendaItem>(),
        ["learning", "*"] => fields_of::<LearningItem>(),
        ["actions", "*"] => fields_of::<Action>(),
        _ => &[],
    }
}

/// The keys allowed in a sub-topic file at a path.
pub fn subtopic_keys(path: &[Seg]) -> &'static [&'static str] {
    use crate::model::*;
    match keys_path(path).as_slice() {
        [] => fields_of::<Subtopic>(),
        ["analysis"] => fields_of::<Analysis>(),
        ["proposal"] => fields_of::<Proposal>(),
        ["proposal", "review"] => fields_of::<Review>(),
        ["implementation"] => fields_of::<Implementation>(),
        ["implementation", "metrics", "*"] => fields_of::<Metric>(),
        ["results"] => fields_of::<Results>(),
        _ => &[],
    }
}

fn keys_path(path: &[Seg]) -> Vec<&str> {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => k.as_str(),
            Seg::Index(_) => "*",
        })
        .collect()
}

/// Reads and parses one program folder with the default file size limit.
pub fn load_program(dir: &Path, display: &str) -> Program {
    load_program_with(dir, display, MAX_FILE_BYTES)
}

/// Reads and parses one program folder. Never fails: every problem is recorded.
pub fn load_program_with(dir: &Path, display: &str, max_file_bytes: u64) -> Program {
    let mut p = Program {
        display: display.to_string(),
        dir: dir.to_path_buf(),
        max_file_bytes,
        ..Program::default()
    };
    if let Some(v) = read_one::<Topic>(&mut p, "topic.yaml", topic_keys) {
        p.topic = Some(v);
    }
    if let Some(v) = read_one::<Team>(&mut p, "team.yaml", team_keys) {
        p.team = Some(v);
    }
    for path in yaml_files(&dir.join("sessions")) {
        if let Some(rel) = rel_of(dir, &path)
            && let Some(doc) = read_doc::<Session>(&mut p, &path, rel, session_keys)
        {
            p.sessions.push(doc);
        }
    }
    for path in yaml_files(&dir.join("subtopics")) {
        if let Some(rel) = rel_of(dir, &path)
            && let Some(doc) = read_doc::<Subtopic>(&mut p, &path, rel, subtopic_keys)
        {
            p.subtopics.push(doc);
        }
    }
    p
}

fn rel_of(dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

fn read_one<T>(p: &mut Program, rel: &'static str, keys: crate::yaml::KeysAt) -> Option<Doc<T>>
where
    T: serde::de::DeserializeOwned + Default,
{
    let path = p.dir.join(rel);
    if !path.exists() {
        p.missing.push(Missing {
            rel,
            display: display_join(&p.display, rel),
        });
        return None;
    }
    read_doc(p, &path, rel.to_string(), keys)
}

fn read_doc<T>(p: &mut Program, path: &Path, rel: String, keys: crate::yaml::KeysAt) -> Option<Doc<T>>
where
    T: serde::de::DeserializeOwned + Default,
{
    set_current_file(&display_join(&p.display, &rel));
    let text = read_text(path, p.max_file_bytes);
    add_doc(p, rel, text, keys)
}

/// Parses one file's text (or records why it could not be read) into the program.
fn add_doc<T>(
    p: &mut Program,
    rel: String,
    text: std::result::Result<String, (Loc, String, String)>,
    keys: crate::yaml::KeysAt,
) -> Option<Doc<T>>
where
    T: serde::de::DeserializeOwned + Default,
{
    let file = p.files.len();
    let display = display_join(&p.display, &rel);
    match text {
        Err((loc, message, help)) => {
            p.files.push(SourceFile {
                display,
                rel,
                text: String::new(),
            });
            p.problems.push((
                file,
                Problem {
                    kind: ProblemKind::Syntax,
                    loc,
                    message,
                    help,
                },
            ));
            None
        }
        Ok(text) => {
            let parsed = crate::yaml::parse::<T>(&text, keys);
            p.files.push(SourceFile { display, rel, text });
            p.problems
                .extend(parsed.problems.into_iter().map(|pr| (file, pr)));
            parsed.value.map(|value| Doc { file, value })
        }
    }
}

/// Builds a program from files held in memory, as (path inside the program,
/// text): the same parsing as [`load_program`] without a file system. Used by
/// the fuzzers and property tests; a BOM is removed as when reading.
pub fn program_from_texts(display: &str, files: &[(String, String)]) -> Program {
    let mut p = Program {
        display: display.to_string(),
        max_file_bytes: MAX_FILE_BYTES,
        ..Program::default()
    };
    let text_of = |rel: &str| {
        files
            .iter()
            .find(|(r, _)| r == rel)
            .map(|(_, t)| crate::source::normalize(t))
    };
    for (rel, slot) in [("topic.yaml", 0), ("team.yaml", 1)] {
        match text_of(rel) {
            None => p.missing.push(Missing {
                rel: if slot == 0 { "topic.yaml" } else { "team.yaml" },
                display: display_join(display, rel),
            }),
            Some(text) if slot == 0 => p.topic = add_doc(&mut p, rel.to_string(), Ok(text), topic_keys),
            Some(text) => p.team = add_doc(&mut p, rel.to_string(), Ok(text), team_keys),
        }
    }
    let mut rest: Vec<&(String, String)> = files.iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    for (rel, text) in rest {
        let text = Ok(crate::source::normalize(text));
        if rel.starts_with("sessions/") {
            if let Some(d) = add_doc(&mut p, rel.clone(), text, session_keys) {
                p.sessions.push(d);
            }
        } else if rel.starts_with("subtopics/")
            && let Some(d) = add_doc(&mut p, rel.clone(), text, subtopic_keys)
        {
            p.subtopics.push(d);
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths() {
        assert_eq!(display_join(".", "team.yaml"), "team.yaml");
        assert_eq!(display_join("./x/", "team.yaml"), "x/team.yaml");
        assert_eq!(
            display_join("examples/a", "sessions/b.yaml"),
            "examples/a/sessions/b.yaml"
        );
    }

    #[test]
    fn key_tables_come_from_the_model() {
        assert!(topic_keys(&[]).contains(&"criteria"));
        assert!(team_keys(&[Seg::Key("groups".into()), Seg::Index(0)]).contains(&"members"));
        assert!(session_keys(&[Seg::Key("actions".into()), Seg::Index(3)]).contains(&"due"));
        assert!(
            subtopic_keys(&[
                Seg::Key("implementation".into()),
                Seg::Key("metrics".into()),
                Seg::Index(0)
            ])
            .contains(&"baseline")
        );
    }
}
