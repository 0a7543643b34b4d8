//! `al init`: scaffold a program from the built-in templates or examples.

use crate::config::Lang;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// The files `al init` writes for a language, as (path, contents).
pub fn files(lang: Lang, example: bool) -> &'static [(&'static str, &'static str)] {
    use crate::embedded::*;
    match (lang, example) {
        (Lang::Zh, false) => INIT_ZH,
        (Lang::En, false) => INIT_EN,
        (Lang::Zh, true) => EXAMPLE_ZH,
        (Lang::En, true) => EXAMPLE_EN,
    }
}

/// Writes a new program into `dir`, which must be absent or empty. Nothing
/// is written when it is not, and no existing file is ever replaced.
pub fn init(dir: &Path, lang: Lang, example: bool) -> Result<()> {
    let io = |e: std::io::Error| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    };
    if dir.exists() {
        let mut entries = fs_err::read_dir(dir).map_err(io)?;
        if !dir.is_dir() || entries.next().is_some() {
            return Err(Error::NotEmpty(dir.to_path_buf()));
        }
    }
    fs_err::create_dir_all(dir).map_err(io)?;
    let list = files(lang, example);
    // Each YAML file names its schema for editors; the schemas go under .al/schema.
    let mut all: Vec<(String, String)> = list
        .iter()
        .map(|(rel, text)| {
            let header = crate::schema::header_for(rel).unwrap_or_default();
            (rel.to_string(), format!("{header}{text}"))
        })
        .collect();
    all.extend(crate::schema::files());
    for (rel, text) in &all {
        crate::files::write_new(&dir.join(rel), text)?;
    }
    let (shown, n) = (dir.display(), all.len());
    let mut text = match (example, lang) {
        (true, Lang::Zh) => format!("已在 {shown} 创建示例项目（{n} 个文件）\n"),
        (false, Lang::Zh) => format!("已在 {shown} 创建项目（{n} 个文件）\n"),
        (true, Lang::En) => format!("created example program in {shown} ({n} files)\n"),
        (false, Lang::En) => format!("created program in {shown} ({n} files)\n"),
    };
    for (rel, _) in &all {
        text.push_str(&format!("  {rel}\n"));
    }
    text.push_str(&crate::tr!(
        lang,
        "下一步：编辑这些文件，然后运行 `al check {shown}`\n",
        "next: edit the files, then run `al check {shown}`\n"
    ));
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    Ok(())
}
