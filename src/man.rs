//! Manual pages: `al(1)` and one page per subcommand (`al-check(1)`,
//! `al-new-session(1)`, …), each with its options from the command line's
//! own definitions, and the sections clap does not know: EXIT STATUS,
//! ENVIRONMENT and SEE ALSO. Everything outside ASCII is written as a groff
//! escape (`\[u4E2D]`), so plain `groff -ww -man` reads the pages without a
//! warning on any system.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One page: its file name (`al-check.1`) and its roff text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The file name.
    pub file: String,
    /// The page.
    pub text: String,
}

/// What the exit status means, for every command.
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success; for al check, no error finding."),
    (
        "1",
        "al check found an error (or, with \\-\\-deny\\-warnings, a warning).",
    ),
    (
        "2",
        "al could not run: a bad argument, a folder that is not a program, a file it could not read, or output it could not write (a full disk; a closed pipe is not an error).",
    ),
];

/// The environment variables `al` reads.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "AL_LANG",
        "Language of messages and documents, zh or en, when \\-\\-lang is not given; it wins over al.toml and the program's own language.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The locale, the last guess of the language (a zh locale gives Chinese).",
    ),
    ("AL_JOBS", "Threads al check uses, when \\-\\-jobs is not given."),
    (
        "AL_FAST_PARSE",
        "off: every file is parsed by the general YAML reader, not first by the fast one (the output is the same; for measuring, and for ruling the fast reader out).",
    ),
    (
        "NO_COLOR",
        "When set to anything, no colour (unless \\-\\-color always).",
    ),
    (
        "CLICOLOR_FORCE",
        "When set (not 0), colour even when the output is not a terminal.",
    ),
    (
        "GITHUB_ACTIONS",
        "When true, al check writes GitHub workflow commands (annotations) unless \\-\\-format is given.",
    ),
];

/// Every page: `al.1` first, then the subcommands' in the order of the
/// command line (nested ones after their parent).
pub fn pages() -> Vec<Page> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, true, &mut out);
    out
}

fn collect(cmd: &clap::Command, top: bool, out: &mut Vec<Page>) {
    out.push(page(cmd, top));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, false, out);
    }
}

/// One command's page.
fn page(cmd: &clap::Command, top: bool) -> Page {
    let man = clap_mangen::Man::new(cmd.clone());
    let file = man.get_filename();
    let mut buf: Vec<u8> = Vec::new();
    // Writing to memory cannot fail.
    let _ = man.render_title(&mut buf);
    let _ = man.render_name_section(&mut buf);
    let _ = man.render_synopsis_section(&mut buf);
    let _ = man.render_description_section(&mut buf);
    let _ = man.render_options_section(&mut buf);
    if cmd.has_subcommands() {
        let _ = man.render_subcommands_section(&mut buf);
    }
    let mut text = String::from_utf8_lossy(&buf).into_owned();
    text.push_str(&section(".SH \"EXIT STATUS\"", EXIT_STATUS));
    text.push_str(&section(".SH ENVIRONMENT", ENVIRONMENT));
    text.push_str(&see_also(cmd, top));
    if cmd.get_version().is_some() {
        let mut version = Vec::new();
        let _ = man.render_version_section(&mut version);
        text.push_str(&String::from_utf8_lossy(&version));
    }
    Page {
        file,
        text: ascii(&text),
    }
}

/// A section of tagged paragraphs.
fn section(heading: &str, items: &[(&str, &str)]) -> String {
    let mut s = format!("{heading}\n");
    for (tag, text) in items {
        s.push_str(&format!(".TP\n\\fB{tag}\\fR\n{text}\n"));
    }
    s
}

/// SEE ALSO: the top page lists every subcommand's page; a subcommand's
/// page names al(1).
fn see_also(cmd: &clap::Command, top: bool) -> String {
    let name = |c: &clap::Command| roff_name(c.get_display_name().unwrap_or(c.get_name()));
    let refs: Vec<String> = if top {
        let mut all = Vec::new();
        subpages(cmd, &mut all);
        all.iter()
            .map(|n| format!("\\fB{}\\fR(1)", roff_name(n)))
            .collect()
    } else {
        let mut v = vec!["\\fBal\\fR(1)".to_string()];
        v.extend(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| format!("\\fB{}\\fR(1)", name(s))),
        );
        v
    };
    format!(".SH \"SEE ALSO\"\n{}\n", refs.join(", "))
}

fn subpages(cmd: &clap::Command, out: &mut Vec<String>) {
    for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.push(s.get_display_name().unwrap_or(s.get_name()).to_string());
        subpages(s, out);
    }
}

/// A command's name in roff: its hyphens as the minus sign `\-`, which
/// man pages use for names one types.
fn roff_name(name: &str) -> String {
    name.replace('-', "\\-")
}

/// The text with every character outside ASCII as a groff escape.
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// Writes every page into `dir` (created when missing); returns the paths.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>> {
    fs_err::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut written = Vec::new();
    for p in pages() {
        let path = dir.join(&p.file);
        crate::files::write_atomic(&path, &p.text)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_per_subcommand_with_exit_status_and_environment() {
        let pages = pages();
        let files: Vec<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        for f in [
            "al.1",
            "al-check.1",
            "al-report.1",
            "al-new.1",
            "al-new-session.1",
            "al-man.1",
        ] {
            assert!(files.contains(&f), "{f} in {files:?}");
        }
        for p in &pages {
            assert!(p.text.is_ascii(), "{}", p.file);
            for s in [
                ".SH NAME",
                ".SH SYNOPSIS",
                ".SH \"EXIT STATUS\"",
                ".SH ENVIRONMENT",
                "AL_LANG",
            ] {
                assert!(p.text.contains(s), "{} lacks {s}", p.file);
            }
        }
        let top = &pages[0];
        assert!(top.text.contains("\\fBal\\-check\\fR(1)"));
        let check = pages.iter().find(|p| p.file == "al-check.1").expect("al-check");
        assert!(check.text.contains("deny\\-warnings"), "the options are there");
    }

    #[test]
    fn non_ascii_is_escaped() {
        assert_eq!(ascii("行动 a"), "\\[u884C]\\[u52A8] a");
    }
}
