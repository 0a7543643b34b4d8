//! The layout registry, through every command: each kind of file is
//! loaded, has a schema, is scaffolded by `al init` / `al new` and is read
//! from git; and one definition of a program folder holds for every command.

mod common;
use common::*;

use al::layout::{FileKind, Place};
use std::fs;
use std::path::Path;

/// `al new session` for a workshop, without the program folder.
const NEW_WORKSHOP: [&str; 6] = ["new", "session", "--kind", "workshop", "--date", "2026-04-20"];

/// The kinds of the files under `dir`, by the registry.
fn kinds_in(dir: &Path) -> Vec<FileKind> {
    let mut kinds: Vec<FileKind> = texts(dir)
        .iter()
        .filter_map(|(rel, _)| FileKind::of_rel(rel))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

#[test]
fn every_kind_is_loaded_schemad_scaffolded_and_read_from_git() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    git(root, &["init", "-q", "-b", "main"]);
    for lang in ["zh", "en"] {
        let (code, out, err) = al(root, &["init", lang, "--lang", lang]);
        assert_eq!(code, 0, "{out}{err}");
        // Scaffolded: `al init` writes a file of every kind.
        assert_eq!(
            kinds_in(&root.join(lang)),
            FileKind::all(),
            "al init --lang {lang}"
        );
    }
    // `al new` writes files of the kinds it is for, where the layout puts them.
    let (code, out, err) = al(root, &[&NEW_WORKSHOP[..], &["zh"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let created = out.trim().rsplit(' ').next().unwrap_or("").to_string();
    let rel = created.strip_prefix("zh/").unwrap_or(&created);
    assert_eq!(FileKind::of_rel(rel), Some(FileKind::Session), "{created}");
    let program = al::load::load_program(&root.join("zh"), "zh");
    let mut loaded: Vec<FileKind> = program
        .files
        .iter()
        .filter_map(|f| FileKind::of_rel(&f.rel))
        .collect();
    loaded.dedup();
    // Loaded: every kind read with the program has a model.
    let expected: Vec<FileKind> = FileKind::program_files().collect();
    assert_eq!(loaded, expected);
    assert!(program.topic.is_some() && program.team.is_some());
    assert!(!program.sessions.is_empty() && !program.subtopics.is_empty());
    for &kind in FileKind::all() {
        // Schema'd: `al schema NAME` prints a schema titled with the file's place.
        let (code, out, err) = al(root, &["schema", kind.name()]);
        assert_eq!(code, 0, "{err}");
        let schema: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(schema["title"], format!("al: {}", kind.pattern()));
    }
    // Read from git: every kind read with the program comes back from a commit.
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "init"]);
    let loc = al::history::locate(&root.join("zh")).expect("repo");
    let old = al::history::at_revision(&loc, "HEAD", "zh").expect("HEAD");
    assert!(old.existed);
    let mut from_git: Vec<FileKind> = old
        .program
        .files
        .iter()
        .filter_map(|f| FileKind::of_rel(&f.rel))
        .collect();
    from_git.dedup();
    assert_eq!(from_git, expected);
    assert_eq!(old.program.files.len(), program.files.len());
}

#[test]
fn every_required_file_is_named_when_missing() {
    for kind in FileKind::all().iter().filter(|k| k.spec().required) {
        let Place::File(name) = kind.spec().place else {
            panic!("a required kind is one file")
        };
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = program(&tmp);
        fs::remove_file(dir.join(name)).expect("rm");
        let (code, out, _) = al(
            tmp.path(),
            &["check", "prog", "--today", "2026-03-20", "--lang", "en"],
        );
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("{name} is missing from this program")),
            "{out}"
        );
        assert!(out.contains(kind.spec().missing_help.1), "{out}");
    }
}

/// A folder with only team.yaml is a program (with topic.yaml missing) for
/// every command: checked when named and when walked, reported, its
/// sessions' agendas rendered, `al new` and `al diff` work in it.
#[test]
fn one_definition_of_a_program_for_every_command() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    git(root, &["init", "-q", "-b", "main"]);
    let dir = root.join("repo/team-only");
    copy_dir(Path::new("tests/fixtures/AL201/pass"), &dir);
    fs::remove_file(dir.join("topic.yaml")).expect("rm");
    fs::create_dir_all(root.join("repo/not-a-program/sessions")).expect("mkdir");
    fs::write(
        root.join("repo/not-a-program/sessions/a.yaml"),
        "kind: workshop\n",
    )
    .expect("write");
    let today = ["--today", "2026-03-20", "--lang", "en"];

    let named = al(root, &[&["check", "repo/team-only"][..], &today].concat());
    let walked = al(root, &[&["check", "repo"][..], &today].concat());
    for (how, (code, out, _)) in [("named", &named), ("walked", &walked)] {
        assert_eq!(*code, 1, "{how}: {out}");
        assert!(
            out.contains("error[AL003]") && out.contains("topic.yaml is missing"),
            "{how}: {out}"
        );
        assert!(
            out.contains("in 1 program"),
            "{how}: only the folder with team.yaml is a program: {out}"
        );
    }
    let (code, out, err) = al(root, &[&["report", "repo/team-only"][..], &today].concat());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("AL003"), "the report shows the missing file: {out}");
    let session = fs::read_dir(dir.join("sessions"))
        .expect("sessions")
        .next()
        .expect("a session")
        .expect("entry")
        .path();
    let session = session
        .strip_prefix(root)
        .expect("inside")
        .to_string_lossy()
        .into_owned();
    let (code, _, err) = al(root, &[&["agenda", &session][..], &today].concat());
    assert_eq!(code, 0, "{err}");
    let new_workshop = |dir: &str| al(root, &[&NEW_WORKSHOP[..], &[dir]].concat());
    let (code, out, err) = new_workshop("repo/team-only");
    assert_eq!(code, 0, "{out}{err}");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "one"]);
    let (code, _, err) = al(root, &["diff", "HEAD", "repo/team-only"]);
    assert_eq!(code, 0, "{err}");

    // A folder without topic.yaml or team.yaml is not a program, for every command.
    let (code, _, err) = al(root, &[&["check", "repo/not-a-program"][..], &today].concat());
    assert_eq!(code, 2);
    assert!(err.contains("topic.yaml or team.yaml"), "{err}");
    let (code, _, err) = al(root, &[&["report", "repo/not-a-program"][..], &today].concat());
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = al(
        root,
        &[&["agenda", "repo/not-a-program/sessions/a.yaml"][..], &today].concat(),
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = new_workshop("repo/not-a-program");
    assert_eq!(code, 2, "{err}");
}

/// The pre-commit hook starts on every file of a program (every kind of
/// the layout, in the examples and as `al init` writes them) and on nothing
/// else: a workflow or other YAML in a repository with no program never
/// runs it.
#[test]
fn the_pre_commit_hook_starts_on_program_files_only() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").expect("hooks");
    let pattern = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: '")?.strip_suffix('\''))
        .expect("a files pattern");
    let re = regex::Regex::new(pattern).expect("a regex");
    let mut program_files = Vec::new();
    for example in ["examples/talent-retention", "examples/complaint-resolution"] {
        for entry in walkdir_files(std::path::Path::new(example)) {
            program_files.push(entry);
        }
    }
    program_files.extend(["al.toml".to_string(), "项目/templates/report.md.tera".to_string()]);
    assert!(program_files.len() > 30);
    for f in &program_files {
        assert!(re.is_match(f), "{f} must start the hook");
    }
    for f in [
        ".github/workflows/ci.yml",
        "docker-compose.yaml",
        "config/settings.yml",
        "sessions.yaml",
        "docs/team.md",
        "notes/topic.yaml.bak",
    ] {
        assert!(!re.is_match(f), "{f} must not start the hook");
    }
}

/// Every file under `dir`, as a '/'-separated path.
fn walkdir_files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walkdir_files(&path));
        } else {
            out.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}
