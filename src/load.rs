//! Folder → [`Program`]: finds programs, reads every file once, parses each
//! into the model and keeps its text for excerpts. A broken file is recorded
//! and the others are still read.

use crate::diag::Loc;
use crate::error::{Error, Result};
use crate::files::{Leads, ReadFail, Root};
use crate::layout::{FileKind, Place, is_program};
use crate::model::{Plan, Session, Subtopic, Team, Topic};
use crate::source::SourceFile;
use crate::yaml::{Problem, ProblemKind, Unreadable, What};
use std::path::{Path, PathBuf};

/// Files larger than this are reported and not parsed, unless al.toml's
/// `[limits] max_file_bytes` says otherwise.
pub(crate) const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

thread_local! {
    static CURRENT_FILE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The file this thread is reading or parsing right now (for the panic
/// safety net, which runs on the thread that panicked).
pub(crate) fn current_file() -> String {
    CURRENT_FILE.with(|f| f.try_borrow().map(|f| f.clone()).unwrap_or_default())
}

fn set_current_file(path: &str) {
    CURRENT_FILE.with(|f| {
        if let Ok(mut f) = f.try_borrow_mut() {
            f.clear();
            f.push_str(path);
        }
    });
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
    /// Which file.
    pub kind: FileKind,
    /// The file name inside the program (`topic.yaml`, `team.yaml`).
    pub rel: &'static str,
    /// How the path is shown.
    pub display: String,
}

impl Missing {
    fn new(kind: FileKind, rel: &'static str, program: &str) -> Self {
        Missing {
            kind,
            rel,
            display: display_join(program, rel),
        }
    }
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
    /// plan.yaml, the overall action plan, if present and usable.
    pub plan: Option<Doc<Plan>>,
    /// Problems met while reading and parsing, with their file index.
    pub problems: Vec<(usize, Problem)>,
    /// Required files that do not exist (AL003).
    pub missing: Vec<Missing>,
    /// Files larger than this are not parsed.
    pub max_file_bytes: u64,
    /// How each file was read and parsed, by index into `files`.
    parsing: Vec<Parsing>,
}

/// How one file of a program was read and parsed.
#[derive(Clone, Copy, Debug)]
struct Parsing {
    /// What it was parsed as; `None` when it could not be read.
    kind: Option<FileKind>,
    /// Whether its values have their places.
    located: bool,
    /// Whether it has keys the format does not know.
    unknown_keys: bool,
    /// Its unknown keys that were counted, not made into problems (see
    /// [`crate::yaml::Parsed::unlisted`]).
    unlisted: usize,
    /// Whether its problems have the places a parse with places gives them
    /// (see [`crate::yaml::Parsed::placed`]).
    placed: bool,
}

impl Program {
    /// A program with no files, shown as `display`.
    pub fn empty(display: &str) -> Self {
        Program {
            display: display.to_string(),
            ..Program::default()
        }
    }

    /// Whether file `file` was parsed with the places of its values (see
    /// [`crate::yaml::unlocated`]); files that were not parsed count as located.
    pub(crate) fn is_located(&self, file: usize) -> bool {
        self.parsing.get(file).is_none_or(|p| p.located)
    }

    /// Whether every problem of file `file` has the place it would have if
    /// the file were parsed with places: true of a file parsed with
    /// places, and of one without whose only problems are unknown keys and
    /// keyboard slips (placed from the text).
    pub(crate) fn problems_placed(&self, file: usize) -> bool {
        self.parsing.get(file).is_none_or(|p| p.located || p.placed)
    }

    /// The unknown keys of file `file` that are counted but were not made
    /// into problems: AL002 findings past the first
    /// [`crate::output::SHOWN_PER_FILE_AND_RULE`] of the file.
    pub fn unlisted(&self, file: usize) -> usize {
        self.parsing.get(file).map_or(0, |p| p.unlisted)
    }

    /// The file stem of a document's file (the default id of a sub-topic).
    pub(crate) fn stem(&self, file: usize) -> &str {
        let rel = self.files.get(file).map_or("", |f| f.rel.as_str());
        let name = rel.rsplit('/').next().unwrap_or(rel);
        name.strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .unwrap_or(name)
    }
}

/// Joins a folder as the user wrote it with a path inside it, `/`-separated,
/// without a leading `./`.
pub(crate) fn display_join(dir: &str, rel: &str) -> String {
    let dir = dir.replace('\\', "/");
    let dir = dir.trim_end_matches('/');
    let joined = if dir.is_empty() || dir == "." {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    };
    joined.strip_prefix("./").map(str::to_string).unwrap_or(joined)
}

/// The programs at or below `path`, in a stable order.
pub(crate) fn discover(path: &Path) -> Result<Vec<PathBuf>> {
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
        if is_program(entry.path()) {
            found.push(entry.path().to_path_buf());
            walk.skip_current_dir();
        }
    }
    if found.is_empty() {
        return Err(Error::NoProgram(path.to_path_buf()));
    }
    Ok(found)
}

/// Why a file could not be read, and where (boxed: it is the rare case).
type Unread = Box<(Loc, What)>;

/// Reads a file of the program as text: never through a link that leads out
/// of the program, only regular files, at most the size limit whatever the
/// file says, UTF-8 checked, BOM removed. `regular`: the folder walk saw a
/// plain file here (not a link), which is then opened as it is, refusing a
/// link that took its place since.
fn read_text(path: &Path, root: &Root, max_bytes: u64, regular: bool) -> std::result::Result<String, Unread> {
    let fail = |what: What| Box::new((Loc::file_start(), what));
    let real;
    let open = if regular {
        path
    } else {
        match root.leads(path) {
            Leads::Inside(r) => {
                real = r;
                real.as_path()
            }
            Leads::Outside => return Err(fail(What::LinkOut)),
            Leads::Broken(e) => return Err(fail(What::Unreadable(io_reason(&e)))),
        }
    };
    let bytes = crate::files::read_bounded(open, max_bytes, regular).map_err(|e| {
        fail(match e {
            ReadFail::Io(e) => What::Unreadable(io_reason(&e)),
            ReadFail::Folder => What::Folder,
            ReadFail::NotRegular => What::NotRegular,
            ReadFail::TooLarge(Some(bytes)) => What::TooLarge {
                bytes,
                limit: max_bytes,
            },
            ReadFail::TooLarge(None) => What::MoreThan { limit: max_bytes },
        })
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(crate::source::normalize_owned(text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let loc = crate::source::loc_of_bytes(&good, valid..valid);
            let what = What::NotUtf8 {
                line: loc.line,
                column: loc.column,
            };
            Err(Box::new((Loc { bytes: 0..0, ..loc }, what)))
        }
    }
}

fn io_reason(e: &std::io::Error) -> Unreadable {
    match e.kind() {
        std::io::ErrorKind::NotFound => Unreadable::NotFound,
        std::io::ErrorKind::PermissionDenied => Unreadable::Denied,
        _ if e.raw_os_error() == Some(40) || e.to_string().contains("(os error 40)") => Unreadable::LinkLoop,
        _ => Unreadable::Other(e.to_string().split(" at path").next().unwrap_or("").to_string()),
    }
}

/// What the walk of a sub-folder (`sessions`, `subtopics`) found.
enum Found {
    /// A YAML entry, and whether the walk saw a plain file (not a link).
    Yaml(PathBuf, bool),
    /// A folder that could not be read or leads out of the program.
    Folder(PathBuf, What),
}

/// The YAML entries of a sub-folder (`sessions`, `subtopics`), sorted by path.
/// Anything named `*.yaml`/`*.yml` is returned — files, links, and also
/// folders, pipes or devices, which the reader then reports instead of
/// skipping in silence — and so is every folder that could not be read.
/// Links are not followed into folders below it, so a link loop cannot make
/// the walk run for ever; the sub-folder itself may be a link that stays
/// inside the program (one that leads out is reported, not walked).
fn yaml_files(dir: &Path, root: &Root) -> Vec<Found> {
    let is_yaml = |p: &Path| matches!(p.extension().and_then(|x| x.to_str()), Some("yaml" | "yml"));
    entries(dir, root, is_yaml, 16)
}

/// The entries of `dir` whose name `wanted` accepts, down to `depth`
/// folders, as [`yaml_files`] describes.
fn entries(dir: &Path, root: &Root, wanted: fn(&Path) -> bool, depth: usize) -> Vec<Found> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => match root.leads(dir) {
            Leads::Inside(real) if real.is_dir() => {}
            Leads::Inside(_) => return Vec::new(),
            Leads::Outside => return vec![Found::Folder(dir.to_path_buf(), What::LinkOut)],
            Leads::Broken(e) => return vec![Found::Folder(dir.to_path_buf(), unreadable_folder(&e))],
        },
        Ok(m) if m.is_dir() => {}
        _ => return Vec::new(),
    }
    let mut out: Vec<Found> = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if let (Some(path), Some(io)) = (e.path(), e.io_error()) {
                    out.push(Found::Folder(path.to_path_buf(), unreadable_folder(io)));
                }
                continue;
            }
        };
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        let yaml = entry.depth() > 0 && wanted(entry.path());
        let folder = entry.file_type().is_dir();
        if folder && (hidden || yaml) {
            // A folder named like a YAML file is reported, not entered.
            walk.skip_current_dir();
        } else if folder && crate::files::denied_by_seam(entry.path()) {
            let why = What::FolderUnreadable(Unreadable::Denied);
            out.push(Found::Folder(entry.into_path(), why));
            walk.skip_current_dir();
            continue;
        }
        if yaml && !hidden {
            let regular = entry.file_type().is_file();
            out.push(Found::Yaml(entry.into_path(), regular));
        }
    }
    out.sort_by(|a, b| a.path().cmp(b.path()));
    out
}

impl Found {
    fn path(&self) -> &Path {
        match self {
            Found::Yaml(p, _) | Found::Folder(p, _) => p,
        }
    }
}

/// Why a folder could not be read.
fn unreadable_folder(e: &std::io::Error) -> What {
    What::FolderUnreadable(io_reason(e))
}

/// The text of one file of the program in `dir` (`rel` inside it), read as
/// every file of a program is read (no link out, no pipe, the default size
/// limit); `None` when it cannot be.
pub(crate) fn read_one(dir: &Path, rel: &str) -> Option<String> {
    let path = dir.join(rel);
    let regular = std::fs::symlink_metadata(&path).ok()?.is_file();
    read_text(&path, &Root::of(dir), MAX_FILE_BYTES, regular).ok()
}

/// Reads and parses one program folder with the default file size limit.
pub fn load_program(dir: &Path, display: &str) -> Program {
    load_program_with(dir, display, MAX_FILE_BYTES)
}

/// Reads and parses one program folder. Never fails: every problem is recorded.
pub(crate) fn load_program_with(dir: &Path, display: &str, max_file_bytes: u64) -> Program {
    let mut p = Program {
        display: display.to_string(),
        dir: dir.to_path_buf(),
        max_file_bytes,
        ..Program::default()
    };
    let root = Root::of(dir);
    for kind in FileKind::program_files() {
        match kind.spec().place {
            Place::File(rel) => {
                let path = dir.join(rel);
                match std::fs::symlink_metadata(&path) {
                    Ok(m) => read_doc(&mut p, &path, rel.to_string(), kind, (&root, m.is_file())),
                    Err(_) if kind.spec().required => p.missing.push(Missing::new(kind, rel, display)),
                    Err(_) => {}
                }
            }
            Place::Folder(sub) => {
                for found in yaml_files(&dir.join(sub), &root) {
                    match found {
                        Found::Yaml(path, regular) => {
                            if let Some(rel) = rel_of(dir, &path) {
                                read_doc(&mut p, &path, rel, kind, (&root, regular));
                            }
                        }
                        Found::Folder(path, what) => {
                            // Shown as a folder (`sessions/`); a rule that counts
                            // on the files of a folder sees it could not read them.
                            let rel = rel_of(dir, &path).unwrap_or_else(|| sub.to_string());
                            add_doc(
                                &mut p,
                                format!("{rel}/"),
                                Err(Box::new((Loc::file_start(), what))),
                                kind,
                            );
                        }
                    }
                }
            }
        }
    }
    templates(&mut p, dir, &root);
    p
}

/// The program's own templates (`templates/*.tera`) are no part of the
/// model, but one that `al report` or `al agenda` could not read — a link
/// out of the program, a pipe, a folder, not UTF-8, over its limit — is
/// reported here as any file of the program is, so that `al check` shows
/// it before a report fails. What a readable template holds is not kept.
fn templates(p: &mut Program, dir: &Path, root: &Root) {
    let is_tera = |p: &Path| p.extension().is_some_and(|x| x == "tera");
    for found in entries(&dir.join("templates"), root, is_tera, 1) {
        let (rel, unread) = match found {
            Found::Yaml(path, regular) => {
                let limit = crate::report::MAX_TEMPLATE_BYTES;
                let Err(mut unread) = read_text(&path, root, limit, regular) else {
                    continue;
                };
                unread.1 = match unread.1 {
                    What::TooLarge { bytes, .. } => What::TemplateTooLarge {
                        bytes: Some(bytes),
                        limit,
                    },
                    What::MoreThan { .. } => What::TemplateTooLarge { bytes: None, limit },
                    what => what,
                };
                (rel_of(dir, &path), unread)
            }
            Found::Folder(path, what) => {
                let rel = rel_of(dir, &path).map(|rel| format!("{rel}/"));
                (rel, Box::new((Loc::file_start(), what)))
            }
        };
        add_unread(p, rel.unwrap_or_else(|| "templates/".to_string()), *unread);
    }
}

fn rel_of(dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

/// Reads one file of the program and parses it; `(root, regular)`: the
/// program folder links must stay in, and whether a plain file was seen.
fn read_doc(p: &mut Program, path: &Path, rel: String, kind: FileKind, (root, regular): (&Root, bool)) {
    set_current_file(&display_join(&p.display, &rel));
    // Lets the tests prove that a panic on a worker names the file being
    // read; debug builds only.
    #[cfg(debug_assertions)]
    {
        static DEBUG_PANIC: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        if *DEBUG_PANIC.get_or_init(|| std::env::var_os("AL_DEBUG_PANIC").is_some_and(|v| v == "parse")) {
            panic!("AL_DEBUG_PANIC=parse is set");
        }
    }
    let text = read_text(path, root, p.max_file_bytes, regular);
    add_doc(p, rel, text, kind);
}

/// Adds one file's text (or why it could not be read) to the program, and
/// parses it.
fn add_doc(p: &mut Program, rel: String, text: std::result::Result<String, Unread>, kind: FileKind) {
    let text = match text {
        Err(unread) => return add_unread(p, rel, *unread),
        Ok(text) => text,
    };
    let file = p.files.len();
    let display = display_join(&p.display, &rel);
    p.files.push(SourceFile { display, rel, text });
    p.parsing.push(Parsing {
        kind: Some(kind),
        located: crate::yaml::locating(),
        unknown_keys: false,
        unlisted: 0,
        placed: true,
    });
    parse_file(p, file, kind, false);
}

/// Adds a file of the program that could not be read, with why.
fn add_unread(p: &mut Program, rel: String, (loc, what): (Loc, What)) {
    let file = p.files.len();
    p.files.push(SourceFile {
        display: display_join(&p.display, &rel),
        rel,
        text: String::new(),
    });
    p.parsing.push(Parsing {
        kind: None,
        located: crate::yaml::locating(),
        unknown_keys: false,
        unlisted: 0,
        placed: true,
    });
    p.problems
        .push((file, Problem::new(ProblemKind::Syntax, loc, what)));
}

/// Parses file `file` of the program as `kind`, putting its model in place
/// (or taking it away, when the file is unusable) and its problems with it.
/// `known_keys`: the file was parsed before and has no unknown keys.
fn parse_file(p: &mut Program, file: usize, kind: FileKind, known_keys: bool) {
    let Some(parse) = kind.spec().parse else {
        return;
    };
    let (problems, unknown_keys) = parse(p, file, known_keys);
    if let Some(state) = p.parsing.get_mut(file) {
        state.unknown_keys |= unknown_keys;
    }
    p.problems.extend(problems.into_iter().map(|pr| (file, pr)));
}

/// Parses file `file` of the program as a `T` and hands the result to
/// `place`, which puts it where the program keeps models of that kind (the
/// parse function of a kind in [`crate::layout`]).
pub(crate) fn parse_as<T: serde::de::DeserializeOwned + Default>(
    p: &mut Program,
    file: usize,
    keys: crate::yaml::KeysAt,
    known_keys: bool,
    place: fn(&mut Program, Placed<T>),
) -> crate::layout::Parsed {
    let Some(src) = p.files.get(file) else {
        return (Vec::new(), false);
    };
    let parsed = if known_keys {
        crate::yaml::parse_known_keys::<T>(&src.text)
    } else {
        crate::yaml::parse::<T>(&src.text, keys)
    };
    if let Some(state) = p.parsing.get_mut(file) {
        state.unlisted = parsed.unlisted;
        state.placed = parsed.placed;
        state.located |= parsed.located;
    }
    place(
        p,
        Placed {
            file,
            value: parsed.value,
        },
    );
    (parsed.problems, parsed.unknown_keys)
}

/// The model parsed from one file, or `None` when the file is unusable.
pub(crate) struct Placed<T> {
    file: usize,
    value: Option<T>,
}

/// Puts the model of a kind the program has one of.
pub(crate) fn put_one<T>(slot: &mut Option<Doc<T>>, d: Placed<T>) {
    *slot = d.value.map(|value| Doc { file: d.file, value });
}

/// Puts the model of file `file` into a list kept in file order.
pub(crate) fn put_many<T>(docs: &mut Vec<Doc<T>>, d: Placed<T>) {
    let Placed { file, value } = d;
    match (docs.binary_search_by_key(&file, |d| d.file), value) {
        (Ok(i), Some(value)) => docs[i].value = value,
        (Ok(i), None) => {
            docs.remove(i);
        }
        (Err(i), Some(value)) => docs.insert(i, Doc { file, value }),
        (Err(_), None) => {}
    }
}

/// Parses again, with the places of their values, the files of a program
/// that was read by [`crate::yaml::unlocated`]: the models and problems of
/// those files are replaced by identical ones that know where each value
/// was written. Files that were never parsed (unreadable) or already have
/// places are left as they are.
pub(crate) fn relocate(p: &mut Program, files: &std::collections::BTreeSet<usize>) {
    let mut any = false;
    for &file in files {
        if p.is_located(file) {
            continue;
        }
        let Some(state) = p.parsing.get_mut(file) else {
            continue;
        };
        state.located = true;
        let (kind, unknown_keys) = (state.kind, state.unknown_keys);
        let Some(kind) = kind else {
            continue;
        };
        p.problems.retain(|(f, _)| *f != file);
        crate::yaml::located(|| parse_file(p, file, kind, !unknown_keys));
        any = true;
    }
    if any {
        // Problems stay in file order, each file's in its own order.
        p.problems.sort_by_key(|(f, _)| *f);
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
    let mut sorted: Vec<&(String, String)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for kind in FileKind::program_files() {
        match kind.spec().place {
            Place::File(rel) => match files.iter().find(|(r, _)| r == rel) {
                Some((_, text)) => add_doc(&mut p, rel.to_string(), Ok(crate::source::normalize(text)), kind),
                None if kind.spec().required => p.missing.push(Missing::new(kind, rel, display)),
                None => {}
            },
            Place::Folder(_) => {
                for (rel, text) in sorted.iter().filter(|(r, _)| FileKind::of_rel(r) == Some(kind)) {
                    add_doc(&mut p, rel.clone(), Ok(crate::source::normalize(text)), kind);
                }
            }
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
}
