//! What people read about the rules: `al explain CODE`, `al rules`, and the
//! rules page of the docs (docs/rules.md in English, docs/rules.zh.md in
//! Chinese), all from the registry and the rule texts.

use super::{RULES, Rule};
use crate::config::Lang;
use crate::diag::Severity;
use crate::lang::pick;
use crate::tr;

/// A severity as a word of `lang`.
pub fn severity_word(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Error => pick(lang, "错误", "error"),
        Severity::Warning => pick(lang, "警告", "warning"),
    }
}

/// The headings of a rule's explanation: what, why, example, instead.
fn headings(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["检查什么", "方法为什么这样要求", "示例", "改正后"],
        Lang::En => [
            "What it checks",
            "Why the method asks for it",
            "Example",
            "Instead",
        ],
    }
}

/// `al explain CODE` as text.
pub fn explain(rule: &Rule, lang: Lang) -> String {
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    let (code, name) = (rule.code, rule.name);
    let sev = severity_word(lang, rule.severity);
    let [what, why, example, instead] = headings(lang);
    let mut s = tr!(
        lang,
        "{code} {name}（默认：{sev}）\n",
        "{code} {name} ({sev} by default)\n"
    );
    s.push_str(&format!("{}\n", rule.summary(lang)));
    s.push_str(&format!("\n{what}\n{}\n", rule.what(lang)));
    s.push_str(&format!("\n{why}\n{}\n", rule.why(lang)));
    s.push_str(&format!("\n{example}\n{}\n", indent(rule.example())));
    s.push_str(&format!("{instead}\n{}", indent(rule.instead())));
    s
}

/// `al rules` as text: one line per rule.
pub fn table(lang: Lang) -> String {
    let mut s = String::new();
    for r in RULES {
        let sev = severity_word(lang, r.severity);
        // Pad by display width, so the columns line up under Chinese words too.
        let pad = 8usize.saturating_sub(crate::source::width(sev));
        s.push_str(&format!(
            "{}  {:<26} {sev}{} {}\n",
            r.code,
            r.name,
            " ".repeat(pad),
            r.summary(lang)
        ));
    }
    s
}

/// The rules page of the docs in `lang`, generated from the registry.
pub fn markdown(lang: Lang) -> String {
    let mut s = tr!(
        lang,
        "# 规则\n\n<!-- 由规则注册表与 locales/rules.zh.toml 生成，请勿手工编辑。\n     重新生成：AL_BLESS=1 cargo test --test docs -->\n\n",
        "# Rules\n\n<!-- Generated from the rule registry and locales/rules.en.toml; do not edit by hand.\n     Regenerate with: AL_BLESS=1 cargo test --test docs -->\n\n"
    );
    s.push_str(pick(
        lang,
        "| 代码 | 名称 | 默认 | 查什么 |\n|---|---|---|---|\n",
        "| code | name | default | what |\n|---|---|---|---|\n",
    ));
    for r in RULES {
        let (code, name, lower) = (r.code, r.name, r.code.to_lowercase());
        let sev = severity_word(lang, r.severity);
        s.push_str(&format!(
            "| [{code}](#{lower}) | {name} | {sev} | {} |\n",
            r.summary(lang)
        ));
    }
    let [what, why, example, instead] = headings(lang);
    for r in RULES {
        let (code, name) = (r.code, r.name);
        let sev = severity_word(lang, r.severity);
        let summary = r.summary(lang);
        s.push_str(&tr!(
            lang,
            "\n## {code}\n\n`{name}` — 默认为{sev}。{summary}。\n",
            "\n## {code}\n\n`{name}` — {sev} by default. {summary}.\n"
        ));
        s.push_str(&format!("\n### {what}\n\n{}\n", r.what(lang)));
        s.push_str(&format!("\n### {why}\n\n{}\n", r.why(lang)));
        s.push_str(&format!("\n### {example}\n\n```yaml\n{}```\n", r.example()));
        s.push_str(&format!("\n### {instead}\n\n```yaml\n{}```\n", r.instead()));
    }
    s
}
