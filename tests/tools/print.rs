//! A real browser prints the Chinese HTML report of talent-retention to PDF:
//! the page count is in range, the key figures are in its text, and PNGs
//! of pages 1 and 2 are kept in target/report-pages/ for review
//! (scripts/report-pages.sh makes the same from a fresh clone).

use crate::support::*;
use crate::validate::TODAY;
use std::process::Command;
use std::time::Duration;

/// The pages the printed report may have.
/// (11 on 2026-11-27: the cover and summary, the charts, then the sections.)
const PAGES: std::ops::RangeInclusive<u32> = 8..=16;

/// Text without any white space, as pdftotext breaks lines anywhere.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Runs a poppler tool and returns its stdout.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = run(Command::new(tool).args(args), None, Duration::from_secs(120));
    assert!(
        out.status.success(),
        "{tool} {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the printed report must say: from the report's own context, so the
/// figures are the ones the report shows.
fn key_figures() -> Vec<String> {
    let ctx = al(&[
        "report",
        "examples/talent-retention",
        "--context",
        "--lang",
        "zh",
        "--today",
        TODAY,
    ]);
    let ctx: serde_json::Value = serde_json::from_str(&ctx).expect("context");
    let mut want = vec![
        ctx["topic"]["title"].as_str().expect("title").to_string(),
        ctx["stage"]["name"].as_str().expect("stage").to_string(),
        // A metric of the reduce-attrition sub-topic and its actual value.
        "核心技术人员年化离职率".to_string(),
        "16.5".to_string(),
    ];
    // The summary: where the program is, and each headline result with its
    // counts and figures.
    want.push(ctx["summary"]["position"].as_str().expect("summary").to_string());
    let results = ctx["summary"]["results"].as_array().expect("results");
    assert!(!results.is_empty(), "the summary has no results");
    want.extend(results.iter().filter_map(|r| r.as_str()).map(str::to_string));
    want
}

#[test]
fn the_report_prints_to_a4_pdf() {
    let tools = [
        ("chromium", on_path("chromium")),
        (
            "pdfinfo, pdftotext, pdftoppm (poppler-utils)",
            on_path("pdftoppm"),
        ),
    ];
    if !have("the_report_prints_to_a4_pdf", &tools) {
        return;
    }
    let keep = keep_dir("report-pages");
    let html = keep.join("report.html");
    let pdf = keep.join("report.pdf");
    std::fs::write(
        &html,
        al(&[
            "report",
            "examples/talent-retention",
            "--format",
            "html",
            "--lang",
            "zh",
            "--today",
            TODAY,
        ]),
    )
    .expect("write");
    print_pdf(&html, &pdf);

    let pages = pages_of(&pdf);
    assert!(PAGES.contains(&pages), "{pages} pages, expected {PAGES:?}");
    let info = poppler("pdfinfo", &[&shown(&pdf)]);
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or("");
    assert!(size.contains("(A4)"), "not A4: {size}");

    let text = squeeze(&poppler("pdftotext", &[&shown(&pdf), "-"]));
    for want in key_figures() {
        assert!(text.contains(&squeeze(&want)), "the PDF lacks {want:?}");
    }
    // The print stylesheet numbers the pages in the footer ("n / N").
    for n in [1, pages] {
        assert!(
            text.contains(&format!("{n}/{pages}")),
            "no page number {n}/{pages}"
        );
    }

    for page in ["1", "2"] {
        let stem = keep.join(format!("page-{page}"));
        poppler(
            "pdftoppm",
            &[
                "-r",
                "80",
                "-png",
                "-f",
                page,
                "-l",
                page,
                "-singlefile",
                &shown(&pdf),
                &shown(&stem),
            ],
        );
        assert!(keep.join(format!("page-{page}.png")).is_file());
    }
}

/// Prints an HTML file to PDF with headless Chromium (scripts/print-pdf.sh).
fn print_pdf(html: &std::path::Path, pdf: &std::path::Path) {
    let out = run(
        Command::new(root().join("scripts/print-pdf.sh"))
            .arg(html)
            .arg(pdf),
        None,
        Duration::from_secs(240),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The pages of a printed PDF, by pdfinfo.
fn pages_of(pdf: &std::path::Path) -> u32 {
    let info = poppler("pdfinfo", &[&shown(pdf)]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count: {info}"))
}

/// A workshop's and a review's HTML agendas, in both languages, print on
/// one A4 page: what a facilitator hands out on the day.
#[test]
fn agendas_print_on_one_page() {
    let tools = [
        ("chromium", on_path("chromium")),
        ("pdfinfo (poppler-utils)", on_path("pdfinfo")),
    ];
    if !have("agendas_print_on_one_page", &tools) {
        return;
    }
    let keep = keep_dir("agenda-pages");
    let sessions = [
        "examples/talent-retention/sessions/2026-03-16-workshop-1.yaml",
        "examples/talent-retention/sessions/2026-08-24-review.yaml",
        "examples/talent-retention/sessions/2026-03-02-kickoff.yaml",
    ];
    for session in sessions {
        for lang in ["zh", "en"] {
            let stem = std::path::Path::new(session)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let html = keep.join(format!("{stem}-{lang}.html"));
            let pdf = keep.join(format!("{stem}-{lang}.pdf"));
            let text = al(&[
                "agenda", session, "--format", "html", "--lang", lang, "--today", TODAY,
            ]);
            std::fs::write(&html, text).expect("write");
            print_pdf(&html, &pdf);
            assert_eq!(pages_of(&pdf), 1, "{session} ({lang}) does not fit one page");
        }
    }
}
