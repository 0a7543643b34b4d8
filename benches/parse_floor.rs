//! The floor of the portfolio benchmark: read every YAML file under a folder
//! and parse it with the same parser and options as `al`, into
//! `serde::de::IgnoredAny`, on one thread. `parse-floor DIR`.

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: parse-floor DIR");
        std::process::exit(2);
    };
    let (mut files, mut bytes, mut failed) = (0usize, 0usize, 0usize);
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if !entry.file_type().is_file()
            || !matches!(path.extension().and_then(|x| x.to_str()), Some("yaml" | "yml"))
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        bytes += text.len();
        files += 1;
        let parsed: Result<serde::de::IgnoredAny, _> =
            serde_saphyr::from_str_with_options(&text, al::yaml::options());
        failed += usize::from(parsed.is_err());
    }
    println!("parsed {files} files ({bytes} bytes), {failed} failed");
}
