//! The CI formats (`github`, `sarif`, `junit`) name a file the same way
//! however `al` is run: relative to the git repository's root, whether from
//! the root, the program, a sibling folder, with `./`, `..` or an absolute
//! path; SARIF's URIs are valid URI references (Chinese names, spaces, `%`
//! and `#` percent-encoded) and the log validates with the official schema.

mod common;
use common::*;

use std::fs;
use std::path::Path;

const TODAY: &str = "2026-03-20";
/// A program folder a Chinese office would name, with a space, `%` and `#`.
const PROGRAM: &str = "项目/人才 保留%#";

/// A repository holding the AL201 failing fixture under [`PROGRAM`], with a
/// session file whose Chinese name carries a finding too.
fn repository(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let root = tmp.path().join("repo");
    let program = root.join(PROGRAM);
    copy_dir(Path::new("tests/fixtures/AL201/fail"), &program);
    fs::create_dir_all(program.join("sessions")).expect("sessions");
    fs::write(
        program.join("sessions/2026-03-02 启动会.yaml"),
        "kind: kickoff\ndate: 2026-03-02\nwhen: soon\n",
    )
    .expect("session");
    fs::create_dir_all(root.join("项目/其他")).expect("sibling");
    git(&root, &["init", "-q"]);
    root
}

/// The file of each finding, in each format, from one run.
fn named(dir: &Path, target: &str) -> (Vec<String>, Vec<String>, Vec<String>, serde_json::Value) {
    let run = |format: &str| {
        let (code, out, err) = al(
            dir,
            &[
                "check", target, "--today", TODAY, "--lang", "en", "--format", format,
            ],
        );
        assert_eq!(code, 1, "{format} from {} on {target}: {err}", dir.display());
        out
    };
    let github: Vec<String> = run("github")
        .lines()
        .filter_map(|l| Some(l.split_once("file=")?.1.split(',').next()?.to_string()))
        .collect();
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).expect("json");
    let uris: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let at = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            format!("{} {}", at["uriBaseId"], at["uri"])
        })
        .collect();
    let junit: Vec<String> = run("junit")
        .split("<testcase ")
        .skip(1)
        .filter_map(|c| Some(c.split_once(" file=\"")?.1.split('"').next()?.to_string()))
        .collect();
    (github, uris, junit, sarif)
}

#[test]
fn every_way_of_running_names_the_same_files() {
    let tmp = tempfile::tempdir().expect("temp");
    let root = repository(&tmp);
    let program = root.join(PROGRAM);
    let absolute = program.to_string_lossy().into_owned();
    let ways: [(&Path, &str); 6] = [
        (&root, PROGRAM),
        (&root, "./项目/人才 保留%#/./"),
        (&program, "."),
        (&program.join("sessions"), ".."),
        (&root.join("项目/其他"), "../人才 保留%#"),
        (Path::new("/"), &absolute),
    ];
    let first = named(ways[0].0, ways[0].1);
    assert_eq!(
        first.0,
        [
            "项目/人才 保留%25#/sessions/2026-03-02 启动会.yaml",
            "项目/人才 保留%25#/team.yaml",
        ],
        "github: from the root, `%` escaped as the runner reads it"
    );
    let encoded = "%E9%A1%B9%E7%9B%AE/%E4%BA%BA%E6%89%8D%20%E4%BF%9D%E7%95%99%25%23";
    assert_eq!(
        first.1,
        [
            format!("\"%SRCROOT%\" \"{encoded}/sessions/2026-03-02%20%E5%90%AF%E5%8A%A8%E4%BC%9A.yaml\""),
            format!("\"%SRCROOT%\" \"{encoded}/team.yaml\""),
        ]
    );
    assert!(
        first.2.iter().any(|n| n == "项目/人才 保留%#/team.yaml") && first.2.len() == 5,
        "junit: {:?}",
        first.2
    );
    let base = first.3["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("the root is defined")
        .to_string();
    assert!(base.starts_with("file:///") && base.ends_with("/repo/"), "{base}");
    for (dir, target) in &ways[1..] {
        let other = named(dir, target);
        assert_eq!(
            (&other.0, &other.1, &other.2),
            (&first.0, &first.1, &first.2),
            "from {} with {target}",
            dir.display()
        );
        // The same identity for code scanning however it was run.
        assert_eq!(
            other.3["runs"][0]["results"][0]["partialFingerprints"],
            first.3["runs"][0]["results"][0]["partialFingerprints"]
        );
    }
}

#[test]
fn the_sarif_log_of_chinese_names_validates_and_every_result_has_an_end() {
    let tmp = tempfile::tempdir().expect("temp");
    let root = repository(&tmp);
    let (_, _, _, log) = named(&root.join(PROGRAM), ".");
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("tests/schemas/sarif-schema-2.1.0.json").expect("schema"))
            .expect("json");
    let validator = jsonschema::validator_for(&schema).expect("schema");
    let problems: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    for r in log["runs"][0]["results"].as_array().expect("results") {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["endLine"].is_u64() && region["endColumn"].is_u64(), "{r}");
        assert!(r["partialFingerprints"]["alFinding/v1"].is_string(), "{r}");
    }
    assert!(
        log["runs"][0]["tool"]["driver"].get("informationUri").is_none()
            || !log["runs"][0]["tool"]["driver"]["informationUri"]
                .as_str()
                .unwrap_or("")
                .contains("crates.io"),
        "no registry page where the crate is not published"
    );
}

#[test]
fn outside_a_repository_files_are_absolute_file_uris() {
    let tmp = tempfile::tempdir().expect("temp");
    let program = tmp.path().join("人才");
    copy_dir(Path::new("tests/fixtures/AL201/fail"), &program);
    let (_, uris, _, log) = named(&program, ".");
    assert!(log["runs"][0].get("originalUriBaseIds").is_none());
    assert!(
        uris.iter()
            .all(|u| u.starts_with("null \"file:///") && u.contains("/%E4%BA%BA%E6%89%8D/")),
        "{uris:?}"
    );
}
