//! The SVG charts of the report: every chart of both examples (and of a copy
//! with hostile names) is well-formed XML with unique, resolvable ids and no
//! unescaped user text; snapshots of one example's charts in both languages.

mod common;

use al::config::Lang;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn today() -> al::model::Date {
    al::dates::parse_date("2026-09-30").expect("date")
}

const EXAMPLES: [&str; 2] = ["examples/talent-retention", "examples/complaint-resolution"];

/// Every chart of a report context, as (title, svg), in the order of the
/// `charts` fields.
fn charts_of(dir: &Path, lang: Lang) -> Vec<(String, String)> {
    let (ctx, _) = al::report::report_context(dir, Some(lang), today(), None).expect("context");
    let c = &ctx["charts"];
    let mut out = Vec::new();
    for key in ["timeline", "attendance", "actions", "budget", "metrics"] {
        let v = &c[key];
        let list: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            Value::Null => Vec::new(),
            one => vec![one],
        };
        for chart in list {
            let text = |k: &str| chart[k].as_str().expect("a string").to_string();
            out.push((text("title"), text("svg")));
        }
    }
    out
}

/// A small checker of well-formed XML (elements, attributes, text and
/// character references; no comments, CDATA or processing instructions,
/// which the charts never write). Returns the ids defined and referenced.
fn check_xml(doc: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let (mut ids, mut refs) = (Vec::new(), Vec::new());
    let mut rest = doc;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        check_text(text)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let gt = rest.find('>').ok_or("a tag is not closed")?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("</{name}> closes nothing"))?;
            if open != name.trim_end() {
                return Err(format!("<{open}> closed by </{name}>"));
            }
            continue;
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c))
        {
            return Err(format!("bad element name {name:?}"));
        }
        let mut seen = BTreeSet::new();
        let mut attrs = tag[name_end..].trim_start();
        while !attrs.is_empty() {
            let eq = attrs
                .find('=')
                .ok_or(format!("attribute without value in <{name}>"))?;
            let key = attrs[..eq].trim();
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c))
            {
                return Err(format!("bad attribute name {key:?} in <{name}>"));
            }
            if !seen.insert(key) {
                return Err(format!("attribute {key} twice in <{name}>"));
            }
            let after = attrs[eq + 1..].trim_start();
            let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
            let quote = quote.ok_or(format!("unquoted attribute {key} in <{name}>"))?;
            let close = after[1..]
                .find(quote)
                .ok_or(format!("unterminated attribute {key}"))?;
            let value = &after[1..1 + close];
            if value.contains('<') {
                return Err(format!("< in attribute {key}"));
            }
            check_text(value)?;
            match key {
                "id" => ids.push(value.to_string()),
                "aria-labelledby" => refs.extend(value.split_whitespace().map(str::to_string)),
                _ => {
                    let mut v = value;
                    while let Some(at) = v.find("url(#") {
                        let r = &v[at + 5..];
                        let end = r.find(')').ok_or("url( not closed")?;
                        refs.push(r[..end].to_string());
                        v = &r[end..];
                    }
                }
            }
            attrs = after[close + 2..].trim_start();
        }
        if stack.is_empty() {
            roots += 1;
        }
        if !empty {
            stack.push(name);
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!("<{open}> is not closed"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok((ids, refs))
}

/// Character data: no raw `<` (checked by the caller), every `&` starts a
/// reference, no character XML forbids.
fn check_text(text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        return Err(format!("forbidden character {c:?}"));
    }
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        let r = &rest[at + 1..];
        let end = r.find(';').ok_or(format!("bare & in {text:?}"))?;
        let name = &r[..end];
        let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || name
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || name
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(format!("bad reference &{name}; in {text:?}"));
        }
        rest = &r[end..];
    }
    Ok(())
}

/// Checks one chart: well-formed, an `<svg role="img">` whose title and
/// description are its text, ids unique and starting with its own id,
/// every reference resolved.
fn check_chart(title: &str, svg: &str, all_ids: &mut BTreeSet<String>) {
    let (ids, refs) = check_xml(svg).unwrap_or_else(|e| panic!("{title}: {e}\n{svg}"));
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{title}"
    );
    assert!(svg.contains(" role=\"img\""), "{title}");
    assert!(
        svg.contains("font-family=\"inherit\"") && svg.contains(" viewBox=\"0 0 "),
        "{title}"
    );
    let root = ids.first().expect("the svg has an id").clone();
    for id in &ids {
        assert!(id.starts_with(&root), "{title}: id {id} is not under {root}");
        assert!(
            all_ids.insert(id.clone()),
            "{title}: id {id} is used twice on the page"
        );
    }
    for r in &refs {
        assert!(ids.contains(r), "{title}: {r} refers to nothing");
    }
    for part in ["<title id=", "<desc id="] {
        assert!(svg.contains(part), "{title}: no {part}");
    }
    let desc = svg
        .split("<desc")
        .nth(1)
        .and_then(|d| d.split("</desc>").next())
        .unwrap_or("");
    assert!(desc.len() > 40, "{title}: the description says little: {desc}");
}

#[test]
fn the_checker_finds_broken_xml() {
    assert!(check_xml("<svg a=\"1\"><text>x &amp; y</text></svg>").is_ok());
    for bad in [
        "<svg><text>a</svg>",
        "<svg><text>a & b</text></svg>",
        "<svg a=\"<\"/>",
        "<svg a=\"1\" a=\"2\"/>",
        "<svg a=1/>",
        "<svg/><svg/>",
        "<svg>\u{1}</svg>",
        "<svg><text>&bogus;</text></svg>",
    ] {
        assert!(check_xml(bad).is_err(), "{bad} passed");
    }
}

#[test]
fn every_chart_of_both_examples_is_well_formed_with_unique_ids() {
    for dir in EXAMPLES {
        for lang in [Lang::Zh, Lang::En] {
            let charts = charts_of(Path::new(dir), lang);
            assert!(charts.len() >= 4, "{dir}: {} charts", charts.len());
            let mut ids = BTreeSet::new();
            for (title, svg) in &charts {
                check_chart(title, svg, &mut ids);
            }
        }
    }
}

#[test]
fn hostile_names_are_escaped_in_every_chart() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("p");
    common::copy_dir(Path::new("examples/talent-retention"), &dir);
    let hostile = r#""<script>alert(1)</script> & \"x\" 'y' \u0007""#;
    common::edit(
        &dir.join("team.yaml"),
        "name: 第一组",
        &format!("name: {hostile}"),
    );
    common::edit(&dir.join("team.yaml"), "name: 张伟", &format!("name: {hostile}"));
    common::edit(
        &dir.join("topic.yaml"),
        "item: 外部专家辅导",
        &format!("item: {hostile}"),
    );
    common::edit(
        &dir.join("subtopics/reduce-attrition.yaml"),
        "name: 核心技术人员年化离职率",
        &format!("name: {hostile}"),
    );
    for lang in [Lang::Zh, Lang::En] {
        let charts = charts_of(&dir, lang);
        let mut ids = BTreeSet::new();
        let mut escaped = 0;
        for (title, svg) in &charts {
            check_chart(title, svg, &mut ids);
            assert!(!svg.contains("<script"), "{title}: {svg}");
            escaped += usize::from(
                svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"),
            );
        }
        // The group name (timeline, attendance, actions), a member, the budget line, the metric.
        assert!(escaped >= 5, "{escaped} charts show the hostile text");
    }
}

#[test]
fn the_charts_of_an_example_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let charts = charts_of(Path::new("examples/talent-retention"), lang);
        let text: Vec<String> = charts
            .iter()
            .map(|(title, svg)| format!("## {title}\n\n{svg}\n"))
            .collect();
        insta::assert_snapshot!(
            format!("charts_talent_retention_{}", lang.as_str()),
            text.join("\n")
        );
    }
}
