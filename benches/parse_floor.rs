//! The floor of the portfolio benchmark: read every YAML file under a folder
//! and parse it, on one thread. `parse-floor DIR [MODE]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: parse-floor DIR [saphyr|read|sp-events|yr2-events]");
        std::process::exit(2);
    };
    let mode = args.next().unwrap_or_else(|| "saphyr".to_string());
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
        let ok = match mode.as_str() {
            "read" => true,
            "sp-events" => {
                let mut p = saphyr_parser::Parser::new_from_str(&text);
                let mut ok = true;
                while let Some(ev) = p.next_event() {
                    if ev.is_err() { ok = false; break; }
                }
                ok
            }
            "gr-events" => {
                let opts = granit_parser::options! { emit_comments: false, block_nesting_limit: 65 };
                let mut p = granit_parser::Parser::with_options(granit_parser::StrInput::new(&text), opts);
                let mut ok = true;
                while let Some(ev) = p.next_event() {
                    if ev.is_err() { ok = false; break; }
                }
                ok
            }
            "yr2-events" => {
                let mut p = yaml_rust2::parser::Parser::new_from_str(&text);
                let mut ok = true;
                loop {
                    match p.next_token() {
                        Ok((yaml_rust2::parser::Event::StreamEnd, _)) => break,
                        Ok(_) => {}
                        Err(_) => { ok = false; break; }
                    }
                }
                ok
            }
            _ => serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(&text, al::yaml::options()).is_ok(),
        };
        failed += usize::from(!ok);
    }
    println!("parsed {files} files ({bytes} bytes), {failed} failed");
}
