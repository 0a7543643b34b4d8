//! Embeds the example programs and the `al init` templates into the binary,
//! listing their files at build time so that no list can drift from the folders.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const SETS: &[(&str, &str)] = &[
    ("EXAMPLE_ZH", "examples/talent-retention"),
    ("EXAMPLE_EN", "examples/complaint-resolution"),
    ("INIT_ZH", "templates/init/zh"),
    ("INIT_EN", "templates/init/en"),
    ("TEMPLATES_ZH", "templates/zh"),
    ("TEMPLATES_EN", "templates/en"),
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut code = String::new();
    for (name, dir) in SETS {
        println!("cargo::rerun-if-changed={dir}");
        let base = root.join(dir);
        let mut list = Vec::new();
        files(&base, &mut list);
        let _ = writeln!(code, "/// Files of `{dir}`: (path inside the folder, contents).");
        let _ = writeln!(code, "pub static {name}: &[(&str, &str)] = &[");
        for f in list {
            let rel = f
                .strip_prefix(&base)
                .unwrap_or(&f)
                .to_string_lossy()
                .replace('\\', "/");
            let abs = f.to_string_lossy().replace('\\', "/");
            let _ = writeln!(code, "    ({rel:?}, include_str!({abs:?})),");
        }
        let _ = writeln!(code, "];");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo::error=cannot write {}: {e}", out.display());
    }
}
