//! Rule messages at the edges: one day is "1 day", a gap of none is "the
//! same day", and no "(about 0.0 months)" — in both languages.

use std::fs;
use std::path::Path;
use std::process::Command;

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("list") {
        let p = e.expect("entry").path();
        let dest = to.join(p.file_name().expect("name"));
        if p.is_dir() {
            copy(&p, &dest);
        } else {
            fs::copy(&p, &dest).expect("copy");
        }
    }
}

/// The human output of `al check` on `fixture`, edited by `edit`, in `lang` on `today`.
fn check(fixture: &str, edit: (&str, &str, &str), lang: &str, today: &str) -> String {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("p");
    copy(&Path::new("tests/fixtures").join(fixture), &dir);
    let (file, from, to) = edit;
    let text = fs::read_to_string(dir.join(file)).expect("read");
    assert!(text.contains(from), "{file}: {from}");
    fs::write(dir.join(file), text.replace(from, to)).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_al"))
        .args(["check", "--color", "never", "--lang", lang, "--today", today])
        .arg(&dir)
        .output()
        .expect("run");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn workshops_a_day_apart_or_on_the_same_day() {
    let next = (
        "sessions/w-2026-04-29.yaml",
        "date: 2026-04-29",
        "date: 2026-03-17",
    );
    let en = check("AL302/fail", next, "en", "2026-09-30");
    assert!(
        en.contains("is 1 day after the previous one on 2026-03-16"),
        "{en}"
    );
    assert!(
        en.contains("1 day after 2026-03-16") && !en.contains("0.0 months"),
        "{en}"
    );
    let zh = check("AL302/fail", next, "zh", "2026-09-30");
    assert!(zh.contains("相隔 1 天") && !zh.contains("约 0.0 个月"), "{zh}");

    let same = (
        "sessions/w-2026-04-29.yaml",
        "date: 2026-04-29",
        "date: 2026-03-16",
    );
    let en = check("AL302/fail", same, "en", "2026-09-30");
    assert!(
        en.contains("is on the same day as the previous one, 2026-03-16"),
        "{en}"
    );
    assert!(!en.contains("0 days"), "{en}");
    let zh = check("AL302/fail", same, "zh", "2026-09-30");
    assert!(
        zh.contains("在同一天（2026-03-16）") && !zh.contains("相隔 0 天"),
        "{zh}"
    );
}

#[test]
fn a_workshop_of_one_day_and_an_action_one_day_late() {
    let one = ("sessions/w-2026-07-06.yaml", "days: 4", "days: 1");
    let en = check("AL303/fail", one, "en", "2026-09-30");
    assert!(en.contains("lasts 1 day\n") && en.contains("1 day\n"), "{en}");
    let zh = check("AL303/fail", one, "zh", "2026-09-30");
    assert!(zh.contains("为期 1 天"), "{zh}");

    let none = (
        "sessions/2026-03-02-kickoff.yaml",
        "due: 2026-03-10",
        "due: 2026-03-10",
    );
    let en = check("AL307/fail", none, "en", "2026-03-11");
    assert!(
        en.contains("(1 day overdue)") && en.contains("1 day overdue\n"),
        "{en}"
    );
    assert!(!en.contains("1 days"), "{en}");
    let zh = check("AL307/fail", none, "zh", "2026-03-11");
    assert!(zh.contains("已过期 1 天"), "{zh}");
}

#[test]
fn a_member_without_department_or_level_leaves_diversity_unknown() {
    let edit = (
        "team.yaml",
        "{ id: li, name: 李娜, department: 人力资源部, level: 员工,",
        "{ id: li, name: 李娜,",
    );
    let en = check("AL209/pass", edit, "en", "2026-09-30");
    assert!(
        en.contains("warning[AL209]: 1 member of group `g1` has no `department` or `level` (`li`): whether the group is diverse is unknown"),
        "{en}"
    );
    let zh = check("AL209/pass", edit, "zh", "2026-09-30");
    assert!(zh.contains("有 1 名成员没有写明部门或层级（`li`）"), "{zh}");
}
