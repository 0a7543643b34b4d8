//! HTML documents: `--format html` and `-o FILE.html`, one self-contained
//! file, every value escaped, a program's own HTML templates, and snapshots
//! of the examples' HTML reports in both languages.

mod common;
use common::*;

use al::config::Lang;
use al::report::DocFormat;
use assert_cmd::Command;
use std::fs;
use std::path::Path;

const TODAY: &str = "2026-09-30";

const EXAMPLES: [(&str, &str); 2] = [
    ("talent_retention", "examples/talent-retention"),
    ("complaint_resolution", "examples/complaint-resolution"),
];

fn today() -> al::model::Date {
    al::dates::parse_date(TODAY).expect("date")
}

/// `al` with no locale or language from the environment.
fn al() -> Command {
    let mut c = Command::cargo_bin("al").expect("binary");
    for var in [
        "NO_COLOR",
        "GITHUB_ACTIONS",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "AL_LANG",
    ] {
        c.env_remove(var);
    }
    c
}

/// Runs a command that must succeed; its standard output.
fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A copy of the Chinese example in a temp folder that is its own git root.

#[test]
fn html_reports_of_the_examples_in_both_languages() {
    for (name, dir) in EXAMPLES {
        for lang in [Lang::Zh, Lang::En] {
            let text = al::report::report_as(DocFormat::Html, Path::new(dir), Some(lang), today(), None)
                .expect("renders");
            insta::assert_snapshot!(format!("report_html_{name}_{}", lang.as_str()), text);
        }
    }
}

/// One file that needs nothing else: no script, nothing from the network,
/// its language and title set, printing to A4 with page numbers.
#[test]
fn an_html_report_is_one_self_contained_file_that_prints_to_a4() {
    for (_, dir) in EXAMPLES {
        for (lang, tag) in [
            (Lang::Zh, "<html lang=\"zh-CN\">"),
            (Lang::En, "<html lang=\"en\">"),
        ] {
            let html = al::report::report_as(DocFormat::Html, Path::new(dir), Some(lang), today(), None)
                .expect("renders");
            assert!(html.starts_with("<!doctype html>\n"), "{dir}");
            assert!(html.contains(tag), "{dir} {lang:?}");
            assert!(html.contains("<meta charset=\"utf-8\">"));
            assert!(html.trim_end().ends_with("</html>"));
            let title = &html[html.find("<title>").expect("title")..html.find("</title>").expect("end")];
            assert!(title.contains(TODAY), "{title}");
            // The SVG namespace names the charts' vocabulary; nothing is fetched from it.
            let fetched = html.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
            for outside in [
                "<script", "http:", "https:", "//", "@import", "<link", "<img", "<iframe", "src=",
            ] {
                assert!(!fetched.contains(outside), "{dir} {lang:?} has {outside}");
            }
            // References stay inside the file (`url(#pattern)`, `href="#id"`).
            for reference in ["url(", "href=\"", "href='"] {
                for (at, _) in fetched.match_indices(reference) {
                    let next = fetched[at + reference.len()..].chars().next();
                    assert_eq!(next, Some('#'), "{dir} {lang:?}: {}", &fetched[at..at + 40]);
                }
            }
            assert!(html.contains("<figure>"), "{dir} {lang:?} has charts");
            assert!(
                html.contains("<section id=\"summary\""),
                "{dir} {lang:?} opens with the summary"
            );
            for print in [
                "size: A4",
                "counter(page) \" / \" counter(pages)",
                "thead { display: table-header-group; }",
                "break-before: page",
                "\"Microsoft YaHei\"",
                "\"PingFang SC\"",
                "\"Noto Sans CJK SC\"",
            ] {
                assert!(html.contains(print), "{dir} {lang:?} lacks {print}");
            }
            // Every section of the Markdown report is there.
            let md = al::report::report(Path::new(dir), Some(lang), today(), None).expect("markdown");
            for heading in md.lines().filter_map(|l| l.strip_prefix("## ")) {
                assert!(
                    html.contains(&format!(">{heading}</h2>")),
                    "{dir} {lang:?} lacks {heading}"
                );
            }
        }
    }
}

/// A Chinese report speaks Chinese: no English words of the templates.
#[test]
fn a_chinese_html_report_has_no_english_words_of_its_own() {
    let html = al::report::report_as(
        DocFormat::Html,
        Path::new("examples/talent-retention"),
        Some(Lang::Zh),
        today(),
        None,
    )
    .expect("renders");
    let body = &html[html.find("<body>").expect("body")..];
    let text = strip_tags(body);
    for word in [
        "Step",
        "Summary",
        "Owner",
        "Group",
        "Status",
        "Total",
        "Generated",
        "none yet",
    ] {
        assert!(!text.contains(word), "{word} in the Chinese report");
    }
}

/// The text of HTML, tags taken out.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn format_html_goes_to_stdout() {
    let html = ok(al().args([
        "report",
        "examples/talent-retention",
        "--today",
        TODAY,
        "--format",
        "html",
    ]));
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"),
        "{html}"
    );
    let md = ok(al().args([
        "report",
        "examples/talent-retention",
        "--today",
        TODAY,
        "--format",
        "markdown",
    ]));
    assert!(md.starts_with("# 如何降低优秀人才流失率\n"), "{md}");
    let default = ok(al().args(["report", "examples/talent-retention", "--today", TODAY]));
    assert_eq!(md, default, "Markdown is the default");
    // `--context` prints the same JSON whatever the format.
    let a = ok(al().args([
        "report",
        "examples/talent-retention",
        "--today",
        TODAY,
        "--context",
    ]));
    let b = ok(al().args([
        "report",
        "examples/talent-retention",
        "--today",
        TODAY,
        "--context",
        "--format",
        "html",
    ]));
    assert_eq!(a, b);
}

#[test]
fn the_output_file_s_extension_chooses_the_format_unless_format_is_given() {
    let tmp = tempfile::tempdir().expect("tmp");
    let stdout = ok(al().args([
        "report",
        "examples/talent-retention",
        "--today",
        TODAY,
        "--format",
        "html",
    ]));
    for (file, flag, html) in [
        ("r.html", None, true),
        ("R.HTM", None, true),
        ("r.md", None, false),
        ("r.txt", None, false),
        ("s.html", Some("markdown"), false),
        ("s.md", Some("html"), true),
    ] {
        let out = tmp.path().join(file);
        let mut cmd = al();
        cmd.args(["report", "examples/talent-retention", "--today", TODAY, "-o"])
            .arg(&out);
        if let Some(f) = flag {
            cmd.args(["--format", f]);
        }
        assert_eq!(ok(&mut cmd), "", "with -o nothing goes to stdout");
        let text = fs::read_to_string(&out).expect("written");
        assert_eq!(text.starts_with("<!doctype html>"), html, "{file} {flag:?}");
        if html {
            assert_eq!(text, stdout, "{file}: the same document as on stdout");
        } else {
            assert!(text.starts_with("# 如何降低优秀人才流失率\n"), "{file}");
        }
    }
}

/// A program's `templates/report.html.tera` replaces the built-in one, and
/// what it puts in `<pre>` keeps its blank lines and spaces.
#[test]
fn a_program_s_own_html_template_is_used() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    fs::create_dir_all(dir.join("templates")).expect("mkdir");
    fs::write(
        dir.join("templates/report.html.tera"),
        "<!doctype html>\n<title>{{ topic.title }}</title>\n\n\n\n<p>{{ stage.number }}/6</p>  \n<pre>a  \n\n\n  b</pre>\n",
    )
    .expect("write");
    let html = ok(al()
        .args(["report", "--today", TODAY, "--format", "html"])
        .arg(&dir));
    assert_eq!(
        html,
        "<!doctype html>\n<title>如何降低优秀人才流失率</title>\n\n<p>5/6</p>\n<pre>a  \n\n\n  b</pre>\n"
    );
    // The Markdown report is not touched by it.
    let md = ok(al().args(["report", "--today", TODAY]).arg(&dir));
    assert!(md.starts_with("# 如何降低优秀人才流失率\n"));
}

/// `al agenda --format html` renders `agenda.html.tera` (here a program's own).
#[test]
fn agendas_have_the_same_formats() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    fs::create_dir_all(dir.join("templates")).expect("mkdir");
    fs::write(
        dir.join("templates/agenda.html.tera"),
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{{ title }}</title>\n{% include \"style.html.tera\" %}\n</head>\n<body><h1>{{ title }}</h1></body>\n</html>\n",
    )
    .expect("write");
    let session = dir.join("sessions/2026-06-15-g1-meeting.yaml");
    let out = tmp.path().join("agenda.html");
    ok(al()
        .args(["agenda", "--today", TODAY, "-o"])
        .arg(&out)
        .arg(&session));
    let html = fs::read_to_string(&out).expect("written");
    assert!(html.starts_with("<!doctype html>\n"), "{html}");
    assert!(html.contains("<h1>第一组第四次小组会议</h1>"), "{html}");
    assert!(
        html.contains("content: \"如何降低优秀人才流失率\";"),
        "the program's title in the page header"
    );
    let md = ok(al()
        .args(["agenda", "--today", TODAY, "--format", "markdown"])
        .arg(&session));
    assert!(md.starts_with("# "), "{md}");
}

/// A long title is cut to 40 characters in the printed page header (one
/// line of the margin, never over the body), and kept whole in the h1 and
/// the document's title.
#[test]
fn a_long_title_is_cut_in_the_page_header_only() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    let long = "长".repeat(10_000);
    edit(
        &dir.join("topic.yaml"),
        "title: 如何降低优秀人才流失率",
        &format!("title: {long}"),
    );
    let html = ok(al()
        .args(["report", "--today", TODAY, "--format", "html"])
        .arg(&dir));
    let header = format!("content: \"{}…\";", "长".repeat(39));
    assert!(html.contains(&header), "the page header's title is cut");
    assert!(html.contains(&format!("<h1>{long}</h1>")), "the h1 is whole");
    assert!(html.contains(&format!("<title>{long} · ")), "the title is whole");
    let line = html
        .lines()
        .find(|l| l.contains("content: \"长"))
        .unwrap_or_default();
    assert_eq!(line.chars().filter(|c| *c == '长').count(), 39);
}

/// Text from the files is never HTML: a title or a name with `<script>`,
/// `&` and quotes is shown as written, in the page and in the page header.
#[test]
fn hostile_text_is_escaped_in_html() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    let hostile = r#"<script>alert("x & 'y'")</script></style>"#;
    edit(
        &dir.join("topic.yaml"),
        "title: 如何降低优秀人才流失率",
        &format!("title: '如何降低优秀人才流失率 {}'", hostile.replace('\'', "''")),
    );
    edit(&dir.join("team.yaml"), "name: 张伟,", "name: \"张伟<b>&amp;\",");
    let html = ok(al()
        .args(["report", "--today", TODAY, "--format", "html"])
        .arg(&dir));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert_eq!(
        html.matches("</style>").count(),
        1,
        "only the stylesheet's own end"
    );
    let escaped = "如何降低优秀人才流失率 &lt;script&gt;alert(&quot;x &amp; &#39;y&#39;&quot;)&lt;/script&gt;&lt;/style&gt;";
    assert!(html.contains(&format!("<h1>{escaped}</h1>")), "{html}");
    assert!(html.contains(&format!("<title>{escaped} · ")), "{html}");
    assert!(html.contains("张伟&lt;b&gt;&amp;amp;"), "{html}");
    // In the page header, as a CSS string, cut to 40 characters.
    assert!(
        html.contains(r#"content: "如何降低优秀人才流失率 \3C script\3E alert(\"x \26 …";"#),
        "{html}"
    );
    // In the Markdown report a `<` is written `&lt;`, so that no value
    // becomes a tag in a Markdown reader; the rest stays as written.
    let md = ok(al().args(["report", "--today", TODAY]).arg(&dir));
    assert!(md.contains("张伟&lt;b>&amp;"), "{md}");
    assert!(!md.contains("<b>") && !md.contains("<script"), "{md}");
}

/// Both language folders have the same HTML templates, and the same stylesheet.
#[test]
fn both_languages_have_the_same_html_templates_and_stylesheet() {
    let names = |lang: &str| -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(format!("templates/{lang}"))
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".html.tera"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(names("zh"), names("en"));
    assert!(names("zh").contains(&"report.html.tera".to_string()));
    assert_eq!(
        fs::read_to_string("templates/zh/style.html.tera").expect("zh"),
        fs::read_to_string("templates/en/style.html.tera").expect("en"),
        "one stylesheet"
    );
}

/// `--since REV` adds the changes to the HTML report too, as a section.
#[test]
fn the_html_report_says_what_changed_since_a_revision() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=al", "-c", "user.email=al@example.invalid"])
            .args(args)
            .current_dir(root)
            .output()
            .expect("git");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    copy_dir(Path::new("examples/talent-retention"), &root.join("tr"));
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "first"]);
    edit(
        &root.join("tr/subtopics/career-path.yaml"),
        "status: active",
        "status: deepened",
    );
    let html = ok(al().current_dir(root).args([
        "report", "tr", "--since", "HEAD", "--today", TODAY, "--format", "html",
    ]));
    let start = html.find("<section id=\"changes\">").expect("the section");
    let section = &html[start..start + html[start..].find("</section>").expect("its end")];
    assert!(section.contains("<h2>自 HEAD（"), "{section}");
    assert!(section.contains("<h3>子课题</h3>\n<ul>\n<li>深入："), "{section}");
    assert!(section.contains("进行中 → 已深入</li>"), "{section}");
}

/// A control character in a file (ESC, BEL: a terminal title, a cleared
/// screen) reaches no output as itself: the report and the agenda, in
/// Markdown and in HTML, show a visible sign instead.
#[test]
fn control_characters_from_the_files_are_shown_not_obeyed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = example_copy(&tmp);
    edit(
        &dir.join("topic.yaml"),
        "title: 如何降低优秀人才流失率",
        "title: \"如何降低优秀人才流失率\\e]0;PWNED\\a\\e[2J\"",
    );
    edit(&dir.join("team.yaml"), "name: 李娜", "name: \"李娜\\e[31m\\x9b\"");
    let session = dir.join("sessions/2026-03-16-workshop-1.yaml");
    for format in ["markdown", "html"] {
        for out in [
            ok(al()
                .args(["report", "--today", TODAY, "--format", format])
                .arg(&dir)),
            ok(al()
                .args(["agenda", "--today", TODAY, "--format", format])
                .arg(&session)),
        ] {
            let hidden: Vec<char> = out
                .chars()
                .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
                .collect();
            assert!(hidden.is_empty(), "{format}: {hidden:?}");
            assert!(
                out.contains("如何降低优秀人才流失率␛]0;PWNED␇␛[2J"),
                "{format}: {out}"
            );
        }
    }
}
