//! The floors of the portfolio benchmark: read every YAML file under a
//! folder and parse it, on one thread. `parse-floor DIR [MODE]`, MODE:
//! - `saphyr` (default): serde-saphyr with the same options as `al`, into
//!   `serde::de::IgnoredAny` — the reference floor;
//! - `fast`: the fast first parse (`al::yaml::fast_floor`: granit-parser's
//!   events through `al`'s own deserializer, into `IgnoredAny`), with
//!   serde-saphyr for the files it hands back, as `al` does;
//! - `read`: the bare read of every file;
//! - `granit`, `saphyr-parser`, `yaml-rust2`: the events alone of each
//!   candidate event parser (docs/performance.md, "Choosing the parser").

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: parse-floor DIR [saphyr|fast|read|granit|saphyr-parser|yaml-rust2]");
        std::process::exit(2);
    };
    let mode = args.next().unwrap_or_else(|| "saphyr".to_string());
    let (mut files, mut bytes, mut failed, mut handed_back) = (0usize, 0usize, 0usize, 0usize);
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
            "fast" => {
                let mine = al::yaml::fast_floor(&text);
                handed_back += usize::from(!mine);
                mine || saphyr(&text)
            }
            "granit" => granit(&text),
            "saphyr-parser" => saphyr_parser(&text),
            "yaml-rust2" => yaml_rust2(&text),
            _ => saphyr(&text),
        };
        failed += usize::from(!ok);
    }
    println!("parsed {files} files ({bytes} bytes), {failed} failed, {handed_back} handed back");
}

fn saphyr(text: &str) -> bool {
    serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(text, al::yaml::options()).is_ok()
}

fn granit(text: &str) -> bool {
    let opts = granit_parser::options! { emit_comments: false, block_nesting_limit: 255 };
    let mut p = granit_parser::Parser::with_options(granit_parser::StrInput::new(text), opts);
    while let Some(ev) = p.next_event() {
        if ev.is_err() {
            return false;
        }
    }
    true
}

fn saphyr_parser(text: &str) -> bool {
    let mut p = saphyr_parser::Parser::new_from_str(text);
    while let Some(ev) = p.next_event() {
        if ev.is_err() {
            return false;
        }
    }
    true
}

fn yaml_rust2(text: &str) -> bool {
    let mut p = yaml_rust2::parser::Parser::new_from_str(text);
    loop {
        match p.next_token() {
            Ok((yaml_rust2::parser::Event::StreamEnd, _)) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}
