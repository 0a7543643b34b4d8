//! The `al` binary: parse arguments, run, print errors, map to exit codes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    al::app::install_panic_hook();
    let cli = match al::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let flag = cli.lang;
    match al::app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let lang = al::app::error_lang(&e, flag);
            let (error, caused_by) = match lang {
                al::config::Lang::Zh => ("错误", "原因"),
                al::config::Lang::En => ("error", "caused by"),
            };
            let mut msg = format!("{error}: {}", e.text(lang));
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg.push_str(&format!("\n  {caused_by}: {s}"));
                source = s.source();
            }
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}
