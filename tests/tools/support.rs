//! Finding the outside tools, and what a test does when one is missing:
//! skip with a loud message on a developer's machine, fail when `CI` is set.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where `scripts/install-test-tools.sh` puts the npm packages.
pub fn node_modules() -> PathBuf {
    root().join("tools/node/node_modules")
}

/// The Nu HTML checker's jar.
pub fn vnu_jar() -> PathBuf {
    node_modules().join("vnu-jar/build/dist/vnu.jar")
}

/// Whether a command is on the PATH.
pub fn on_path(cmd: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(cmd).is_file()))
}

/// Whether the run is CI's (the `CI` variable set, as CI services do).
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Whether every tool a test needs is there. When one is missing, the test
/// should return at once: this prints why, loudly, and fails the test when
/// `CI` is set, so CI can never skip silently.
pub fn have(test: &str, tools: &[(&str, bool)]) -> bool {
    let missing: Vec<&str> = tools.iter().filter(|(_, ok)| !ok).map(|(n, _)| *n).collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "{test}: missing {}; run scripts/install-test-tools.sh",
        missing.join(", ")
    );
    assert!(!in_ci(), "{msg} (CI is set, so this fails instead of skipping)");
    // Straight to stderr, past the test harness's capture: seen without
    // --nocapture.
    let bar = "!".repeat(72);
    let _ = writeln!(std::io::stderr(), "\n{bar}\nSKIPPED {msg}\n{bar}\n");
    false
}

/// Node.js with Mermaid and jsdom installed.
pub fn mermaid_tool() -> (&'static str, bool) {
    (
        "node + tools/node/node_modules/mermaid",
        on_path("node") && node_modules().join("mermaid/package.json").is_file(),
    )
}

/// Microsoft's SARIF validator (Sarif.Multitool), a self-contained program.
pub fn sarif_multitool() -> PathBuf {
    node_modules().join("@microsoft/sarif-multitool-linux/Sarif.Multitool")
}

/// Microsoft's SARIF validator installed.
pub fn sarif_tool() -> (&'static str, bool) {
    (
        "tools/node/node_modules/@microsoft/sarif-multitool",
        sarif_multitool().is_file(),
    )
}

/// Java with the Nu HTML checker installed.
pub fn vnu_tool() -> (&'static str, bool) {
    (
        "java + tools/node/node_modules/vnu-jar",
        on_path("java") && vnu_jar().is_file(),
    )
}

/// Runs a command to the end, at most `limit`; stdin is `input`.
pub fn run(cmd: &mut Command, input: Option<&[u8]>, limit: Duration) -> Output {
    let shown = format!("{cmd:?}");
    let mut child = cmd
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {shown}: {e}"));
    let writer = input.map(|bytes| {
        let mut stdin = child.stdin.take().expect("stdin");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || stdin.write_all(&bytes))
    });
    // Read both pipes on threads so that a full pipe never blocks the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).map(|_| v)
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).map(|_| v)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{shown} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    Output {
        status,
        stdout: out_t.join().expect("join").expect("stdout"),
        stderr: err_t.join().expect("join").expect("stderr"),
    }
}

/// What Mermaid's own parser read from one diagram.
#[derive(serde::Deserialize, Debug)]
pub struct Parsed {
    /// The name it was given.
    pub name: String,
    /// Whether it parsed.
    pub ok: bool,
    /// The diagram type (`gantt`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// `compact` when the front matter says so.
    #[serde(rename = "displayMode")]
    pub display_mode: Option<String>,
    /// Its sections, in order.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Its tasks, in order.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// The parser's error.
    pub error: Option<String>,
}

/// One task of a parsed gantt.
#[derive(serde::Deserialize, Debug)]
pub struct Task {
    /// Its section.
    pub section: String,
    /// Its name as Mermaid read it (shown in failures).
    #[allow(dead_code)]
    pub task: String,
}

impl Parsed {
    /// The number of tasks of each run of tasks in one section, in order.
    pub fn tasks_per_section(&self) -> Vec<usize> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for t in &self.tasks {
            match out.last_mut() {
                Some((s, n)) if *s == t.section => *n += 1,
                _ => out.push((t.section.clone(), 1)),
            }
        }
        out.into_iter().map(|(_, n)| n).collect()
    }
}

/// Parses diagrams, given as (name, text), with Mermaid's own parser in one
/// Node.js process.
pub fn mermaid_parse(diagrams: &[(String, String)]) -> Vec<Parsed> {
    let input: Vec<serde_json::Value> = diagrams
        .iter()
        .map(|(n, t)| serde_json::json!({ "name": n, "text": t }))
        .collect();
    let input = serde_json::to_vec(&input).expect("json");
    let out = run(
        Command::new("node")
            .arg(root().join("tools/node/mermaid-gantt.mjs"))
            .arg("-"),
        Some(&input),
        Duration::from_secs(300),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let parsed: Vec<Parsed> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(
        parsed.len(),
        diagrams.len(),
        "the Mermaid parser answered for {} of {} diagrams: {}",
        parsed.len(),
        diagrams.len(),
        String::from_utf8_lossy(&out.stderr)
    );
    parsed
}

/// One error the Nu HTML checker found.
#[derive(Debug)]
pub struct HtmlError {
    /// The file.
    pub file: String,
    /// Line and message.
    pub message: String,
}

/// Validates HTML files with the Nu HTML checker (one Java process) and
/// returns its errors (warnings are not errors).
pub fn vnu(files: &[PathBuf]) -> Vec<HtmlError> {
    if files.is_empty() {
        return Vec::new();
    }
    let out = run(
        Command::new("java")
            .arg("-jar")
            .arg(vnu_jar())
            .args(["--errors-only", "--format", "json"])
            .args(files),
        None,
        Duration::from_secs(600),
    );
    let text = String::from_utf8_lossy(&out.stderr);
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the Nu checker's answer is not JSON ({e}): {text}"));
    json["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] != "info")
        .map(|m| HtmlError {
            file: m["url"]
                .as_str()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string(),
            message: format!(
                "line {}: {} [{}]",
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").replace('\n', "⏎")
            ),
        })
        .collect()
}

/// Runs `al ARGS` and returns its stdout; panics (with stderr) unless it
/// exits 0 or 1 (1: the program has error findings, which a report shows).
pub fn al(args: &[&str]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("al");
    let out = run(
        Command::new(&bin)
            .args(args)
            .env("NO_COLOR", "1")
            .current_dir(root()),
        None,
        Duration::from_secs(60),
    );
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "al {} exited {code}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The folder under `target/` where a test keeps what it made for review.
pub fn keep_dir(name: &str) -> PathBuf {
    let dir = root().join("target").join(name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

/// A path's text, for messages.
pub fn shown(p: &Path) -> String {
    p.display().to_string()
}
