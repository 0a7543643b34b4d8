//! Charts that `al` draws itself, as inline SVG (no script, no network): the
//! timeline of the six steps and the sessions, attendance per group, actions
//! per group and per month due, the budget per line item, and each
//! sub-topic's metrics.
//!
//! Every chart is built from the [facts](crate::facts) and from what the
//! report's context already worked out (the steps' dates), never worked out
//! again here. Each is a complete `<svg>` element with `role="img"`, a
//! `<title>` and a `<desc>` that says in words what it shows, its ids
//! prefixed by the chart's own id (several charts share one HTML page), its
//! text in the document's font and every text XML-escaped ([`xml`]). They are
//! drawn for print in black and white: states differ by shape and pattern,
//! not by colour alone, and numbers are written out. The `viewBox` lets them
//! scale to the page's width; coordinates are written with at most one
//! decimal ([`num`]) so that the output is the same on every platform.

mod actions;
mod attendance;
mod budget;
mod metrics;
mod timeline;

use super::context::{MilestoneView, Names, Step};
use crate::config::Lang;
use crate::load::Program;
use crate::model::{Date, Group};
use schemars::JsonSchema;
use serde::Serialize;

/// One chart.
#[derive(Serialize, JsonSchema, Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// What it shows, as a caption (plain text; escape it for its place).
    pub title: String,
    /// A complete inline `<svg>` element (with `role="img"`, `<title>` and a
    /// `<desc>` giving its text equivalent; all text escaped), ready to put
    /// into HTML as it is (`| safe`). Markdown templates do not use it.
    pub svg: String,
}

/// The charts of the report, each absent (or empty) when there is nothing to draw.
#[derive(Serialize, JsonSchema, Debug, Default)]
pub(crate) struct ChartsView {
    /// The six steps on a date axis, the plan's milestones planned (hollow
    /// circles, a month as an outlined bar) and reached (filled circles)
    /// side by side and joined, a late one not yet recorded dotted up to
    /// today, then each group's sessions in its own lane (workshops,
    /// kick-off, reviews and reports as diamonds, half-day sessions as
    /// half-day bars), today and the planned end marked; `null`
    /// when the program has no dates or spans more than six years.
    pub timeline: Option<Chart>,
    /// Per group (team.yaml order), a person × meeting grid of the meetings
    /// held up to today: attended, absent, not a member then, not recorded.
    pub attendance: Vec<Chart>,
    /// The actions per group (done, open, overdue) and per month due, each
    /// month split by where its actions stand today (the record keeps no
    /// date of completion); `null` without actions.
    pub actions: Option<Chart>,
    /// Planned against spent per budget line, overspending marked; `null`
    /// without budget lines.
    pub budget: Option<Chart>,
    /// Per sub-topic with metrics (file order), each metric's baseline,
    /// target and actual on its own scale.
    pub metrics: Vec<Chart>,
}

/// Builds every chart of a program; `steps` are the context's steps (their
/// dates as the report shows them), `plan` its milestones of the plan (as
/// the report words them).
pub(crate) fn charts(
    p: &Program,
    steps: &[Step],
    plan: &[MilestoneView],
    lang: Lang,
    today: Date,
) -> ChartsView {
    let names = Names::new(p.team.as_ref().map(|t| &t.value));
    let at = At {
        p,
        lang,
        today,
        names,
        plan,
    };
    ChartsView {
        timeline: timeline::chart(&at, steps),
        attendance: attendance::charts(&at),
        actions: actions::chart(&at),
        budget: budget::chart(&at),
        metrics: metrics::charts(&at),
    }
}

/// What every chart is drawn from.
pub(crate) struct At<'a> {
    /// The program.
    pub p: &'a Program,
    /// The report's language.
    pub lang: Lang,
    /// The date of the report.
    pub today: Date,
    /// People's names by id.
    pub names: Names<'a>,
    /// The milestones of the plan in planned order, as the report shows them.
    pub plan: &'a [MilestoneView],
}

impl<'a> At<'a> {
    /// The core groups of team.yaml, in its order.
    pub fn groups(&self) -> impl Iterator<Item = &'a Group> + use<'a> {
        self.p.team.iter().flat_map(|t| &t.value.groups).map(|g| &g.value)
    }
}

/// A group's id (empty without one).
pub(crate) fn group_id(g: &Group) -> &str {
    g.id.as_ref().map_or("", |i| i.value.0.as_str())
}

/// The name a reader knows a group by: its name, else its id.
pub(crate) fn group_name(g: &Group) -> &str {
    g.name
        .as_ref()
        .map(|n| n.value.0.as_str())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(group_id(g))
}

/// Text made safe for XML, in element content and in quoted attributes
/// alike: `&`, `<`, `>`, `"` and `'` become entities, and every control
/// character (line breaks and tabs included) becomes a space, so a title
/// can neither end an element nor break the document.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A number with at most one decimal, rounded half away from zero and
/// written the same way everywhere (`12`, `3.5`, `-0.5`).
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    if t.is_multiple_of(10) {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

/// About how wide a text is at a font size: a Chinese (wide) character
/// takes the size, any other about 0.6 of it.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if crate::source::width(c.encode_utf8(&mut [0; 4])) > 1 {
                size
            } else {
                size * 0.6
            }
        })
        .sum()
}

/// Text on one line, cut with `…` to fit `max` at a font size.
pub(crate) fn fit(text: &str, size: f64, max: f64) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text_width(&one, size) <= max {
        return one;
    }
    let mut out = String::new();
    let mut w = size; // room for the ellipsis
    for c in one.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// A date as a reader says it, without the year: `9月30日`, `30 Sep`.
pub(crate) fn day(lang: Lang, d: Date) -> String {
    crate::dates::spoken(lang, d, false, true)
}

/// A date with its year: `2026年9月30日`, `30 Sep 2026`.
pub(crate) fn full_day(lang: Lang, d: Date) -> String {
    crate::dates::spoken(lang, d, true, true)
}

/// A month with its year: `2026年9月`, `Sep 2026`.
pub(crate) fn month_year(lang: Lang, year: i16, month: i8) -> String {
    match lang {
        Lang::Zh => format!("{year}年{month}月"),
        Lang::En => format!("{} {year}", crate::dates::month_en(month, true)),
    }
}

/// A month alone: `9月`, `Sep`.
pub(crate) fn month_name(lang: Lang, month: i8) -> String {
    match lang {
        Lang::Zh => format!("{month}月"),
        Lang::En => crate::dates::month_en(month, true).to_string(),
    }
}

/// The list separator of a language (`；` or `; `).
pub(crate) fn semi(lang: Lang) -> &'static str {
    crate::lang::pick(lang, "；", "; ")
}

/// The ink of the charts: near black, and the greys they shade with.
pub(crate) const INK: &str = "#1a1a1a";
/// A mid grey (secondary lines and text).
pub(crate) const GREY: &str = "#6b6b6b";
/// A light grey (grid lines, tracks).
pub(crate) const LIGHT: &str = "#d4d4d4";
/// A dark grey fill (done, completed).
pub(crate) const DARK: &str = "#4a4a4a";

/// A symbol the charts and their legends draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// A filled dark box (done, attended, spent).
    Solid,
    /// A box filled with the ink (group meetings).
    Ink,
    /// An outlined white box (open, planned, activities).
    Outline,
    /// A box hatched with diagonal lines (current, overdue, overspent).
    Hatch,
    /// A box with a cross (absent).
    Cross,
    /// A dotted box with small dots (not recorded).
    Dots,
    /// Nothing drawn, only the box's place (not a member).
    Blank,
    /// A filled diamond (workshop).
    Diamond,
    /// An outlined diamond (kick-off).
    HollowDiamond,
    /// An outlined diamond with a dot inside (review, report).
    DotDiamond,
    /// A dashed vertical line (today).
    Dashed,
    /// A thick vertical line (the planned end; a metric's target).
    Thick,
    /// A downward triangle (a metric's baseline).
    Triangle,
    /// A hollow circle (a milestone as planned).
    Ring,
    /// A filled circle (a milestone as reached).
    Dot,
}

/// An SVG being drawn: its body, and the id its inner ids start with.
pub(crate) struct Svg {
    id: String,
    width: f64,
    body: String,
}

impl Svg {
    /// A drawing `width` units wide whose ids start with `id`.
    pub fn new(id: &str, width: f64) -> Self {
        Svg {
            id: id.to_string(),
            width,
            body: String::new(),
        }
    }

    /// A reference to one of the chart's patterns (`hatch` or `dots`).
    pub fn url(&self, pattern: &str) -> String {
        format!("url(#{}-{pattern})", self.id)
    }

    /// A rectangle with the given presentation attributes (internal text only).
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
        self.body.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attrs}/>\n",
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0))
        ));
    }

    /// A line.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) {
        self.body.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {attrs}/>\n",
            num(x1),
            num(y1),
            num(x2),
            num(y2)
        ));
    }

    /// A closed shape through points.
    pub fn polygon(&mut self, points: &[(f64, f64)], attrs: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        self.body
            .push_str(&format!("<polygon points=\"{}\" {attrs}/>\n", pts.join(" ")));
    }

    /// A text (escaped) at a point, with attributes such as `text-anchor`.
    pub fn text(&mut self, x: f64, y: f64, text: &str, attrs: &str) {
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" {attrs}")
        };
        self.body.push_str(&format!(
            "<text x=\"{}\" y=\"{}\"{attrs}>{}</text>\n",
            num(x),
            num(y),
            xml(text)
        ));
    }

    /// A mark `size` units across, centred at (`cx`, `cy`).
    pub fn mark(&mut self, mark: Mark, cx: f64, cy: f64, size: f64) {
        let (x, y, s) = (cx - size / 2.0, cy - size / 2.0, size);
        let stroke = format!("stroke=\"{INK}\" stroke-width=\"1\"");
        let diamond = |me: &mut Svg, fill: &str| {
            let r = size / 2.0 + 1.0;
            me.polygon(
                &[(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
                &format!("fill=\"{fill}\" {stroke}"),
            );
        };
        match mark {
            Mark::Solid => self.rect(x, y, s, s, &format!("fill=\"{DARK}\" {stroke}")),
            Mark::Ink => self.rect(x, y, s, s, &format!("fill=\"{INK}\"")),
            Mark::Outline => self.rect(x, y, s, s, &format!("fill=\"#fff\" {stroke}")),
            Mark::Hatch => {
                let fill = self.url("hatch");
                self.rect(x, y, s, s, &format!("fill=\"{fill}\" {stroke}"));
            }
            Mark::Cross => {
                self.rect(x, y, s, s, &format!("fill=\"#fff\" {stroke}"));
                let a = format!("stroke=\"{INK}\" stroke-width=\"1.5\"");
                self.line(x + 2.0, y + 2.0, x + s - 2.0, y + s - 2.0, &a);
                self.line(x + s - 2.0, y + 2.0, x + 2.0, y + s - 2.0, &a);
            }
            Mark::Dots => {
                let fill = self.url("dots");
                self.rect(
                    x,
                    y,
                    s,
                    s,
                    &format!(
                        "fill=\"{fill}\" stroke=\"{GREY}\" stroke-width=\"1\" stroke-dasharray=\"1.5 1.5\""
                    ),
                );
            }
            Mark::Blank => {}
            Mark::Diamond => diamond(self, INK),
            Mark::HollowDiamond => diamond(self, "#fff"),
            Mark::DotDiamond => {
                diamond(self, "#fff");
                self.body.push_str(&format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"1.6\" fill=\"{INK}\"/>\n",
                    num(cx),
                    num(cy)
                ));
            }
            Mark::Dashed => self.line(
                cx,
                y - 1.0,
                cx,
                y + s + 1.0,
                &format!("stroke=\"{INK}\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\""),
            ),
            Mark::Thick => self.line(
                cx,
                y - 1.0,
                cx,
                y + s + 1.0,
                &format!("stroke=\"{INK}\" stroke-width=\"2.5\""),
            ),
            Mark::Ring | Mark::Dot => {
                let fill = if mark == Mark::Dot { INK } else { "#fff" };
                self.body.push_str(&format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" {stroke}/>\n",
                    num(cx),
                    num(cy),
                    num(size / 2.0)
                ));
            }
            Mark::Triangle => self.polygon(
                &[(x, y + 1.0), (x + s, y + 1.0), (cx, y + s)],
                &format!("fill=\"#fff\" {stroke}"),
            ),
        }
    }

    /// A legend from `y` on: each mark and its words, side by side, on as
    /// many lines as needed. Returns the `y` below it.
    pub fn legend(&mut self, x0: f64, y: f64, items: &[(Mark, String)]) -> f64 {
        let (size, font) = (10.0, 10.0);
        let mut x = x0;
        let mut y = y;
        for (mark, words) in items {
            let w = size + 5.0 + text_width(words, font) + 16.0;
            if x > x0 && x + w > self.width - 5.0 {
                x = x0;
                y += 16.0;
            }
            self.mark(*mark, x + size / 2.0, y - 3.5, size);
            self.text(x + size + 5.0, y, words, "font-size=\"10\"");
            x += w;
        }
        y + 16.0
    }

    /// The complete element, `height` units high, with its title and
    /// description (both escaped) and the patterns it refers to.
    pub fn finish(self, height: f64, title: &str, desc: &str) -> String {
        let id = &self.id;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"al-chart\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" \
             width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             font-family=\"inherit\" font-size=\"11\" fill=\"{INK}\">\n\
             <title id=\"{id}-title\">{title}</title>\n\
             <desc id=\"{id}-desc\">{desc}</desc>\n\
             <defs>\n\
             <pattern id=\"{id}-hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
             <rect width=\"5\" height=\"5\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"{INK}\" stroke-width=\"2\"/></pattern>\n\
             <pattern id=\"{id}-dots\" width=\"3\" height=\"3\" patternUnits=\"userSpaceOnUse\">\
             <rect width=\"3\" height=\"3\" fill=\"#fff\"/><circle cx=\"1.5\" cy=\"1.5\" r=\"0.6\" fill=\"{GREY}\"/></pattern>\n\
             </defs>\n\
             {body}</svg>",
            w = num(self.width),
            h = num(height),
            title = xml(title),
            desc = xml(desc),
            body = self.body,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            xml("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(xml("a\u{0}b\u{1b}c\nd\te\u{85}f"), "a b c d e f");
        assert_eq!(xml("第一组"), "第一组");
        assert_eq!(
            xml("&amp;"),
            "&amp;amp;",
            "entities are escaped again, not trusted"
        );
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(3.45), "3.5");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(1.0 / 3.0), "0.3");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(1e3), "1000");
    }

    #[test]
    fn text_is_cut_to_fit() {
        assert_eq!(fit("short", 10.0, 100.0), "short");
        assert_eq!(fit("a\nb", 10.0, 100.0), "a b");
        let cut = fit("外部专家辅导外部专家辅导外部专家辅导", 10.0, 60.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 10.0) <= 60.0 + 0.01, "{cut}");
    }

    #[test]
    fn dates_read_in_both_languages() {
        let d = crate::dates::parse_date("2026-09-30").expect("date");
        assert_eq!(day(Lang::Zh, d), "9月30日");
        assert_eq!(day(Lang::En, d), "30 Sep");
        assert_eq!(full_day(Lang::Zh, d), "2026年9月30日");
        assert_eq!(full_day(Lang::En, d), "30 Sep 2026");
        assert_eq!(month_year(Lang::En, 2026, 1), "Jan 2026");
    }

    #[test]
    fn an_svg_carries_its_title_description_and_own_ids() {
        let mut s = Svg::new("al-chart-x", 100.0);
        s.text(1.0, 2.0, "<b>&", "");
        s.mark(Mark::Hatch, 5.0, 5.0, 10.0);
        let out = s.finish(50.0, "t<", "d&");
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(out.contains("role=\"img\" aria-labelledby=\"al-chart-x-title al-chart-x-desc\""));
        assert!(out.contains("<title id=\"al-chart-x-title\">t&lt;</title>"));
        assert!(out.contains("<desc id=\"al-chart-x-desc\">d&amp;</desc>"));
        assert!(out.contains("&lt;b&gt;&amp;"));
        assert!(out.contains("url(#al-chart-x-hatch)"));
        assert!(out.ends_with("</svg>"));
    }

    use crate::facts::test_program::{TEAM, d, program};

    /// The charts of a program at 2026-09-30 in a language, as the report's context has them.
    fn draw(files: &[(&str, &str)], lang: Lang) -> ChartsView {
        let p = program(files);
        crate::report::context::ReportContext::build(
            &p,
            &crate::config::Limits::default(),
            lang,
            d("2026-09-30"),
            &[],
            &crate::check::Summary::default(),
            None,
        )
        .charts
    }

    fn every(c: &ChartsView) -> Vec<&Chart> {
        c.timeline
            .iter()
            .chain(&c.attendance)
            .chain(&c.actions)
            .chain(&c.budget)
            .chain(&c.metrics)
            .collect()
    }

    #[test]
    fn a_program_without_dates_or_data_has_no_charts() {
        let c = draw(&[("topic.yaml", "title: t\n")], Lang::Zh);
        assert!(every(&c).is_empty(), "{c:?}");
        let long = draw(
            &[("topic.yaml", "title: t\nstart: 2010-01-01\nend: 2026-12-31\n")],
            Lang::En,
        );
        assert!(long.timeline.is_none(), "sixteen years do not fit a page");
    }

    /// A hostile text, as a YAML double-quoted scalar.
    const HOSTILE: &str = r#""<script>alert('x')</script> & \"q\" \u0001""#;

    #[test]
    fn hostile_text_is_escaped_in_every_chart() {
        let team = TEAM.replace("{ id: g1,", "{ id: g1, name: \"<script>&\\\"\\u0001\",");
        let topic = format!(
            "title: t\nstart: 2026-03-01\nend: 2026-12-31\nstage: 5\nbudget:\n  - {{ item: {HOSTILE}, planned: 10, spent: 20 }}\n"
        );
        let sub = format!(
            "question: {HOSTILE}\nimplementation:\n  metrics:\n    - {{ name: {HOSTILE}, unit: {HOSTILE}, baseline: 1, target: 2, actual: 1.5 }}\n"
        );
        let session = format!(
            "kind: group-meeting\ndate: 2026-05-01\ngroups: [g1]\nattendees: [a]\nactions:\n  - {{ task: {HOSTILE}, owner: a, due: 2026-05-10 }}\n"
        );
        for lang in [Lang::Zh, Lang::En] {
            let c = draw(
                &[
                    ("topic.yaml", &topic),
                    ("team.yaml", &team),
                    ("subtopics/s.yaml", &sub),
                    ("sessions/m.yaml", &session),
                ],
                lang,
            );
            let all = every(&c);
            assert_eq!(all.len(), 5, "{c:?}");
            for chart in all {
                let svg = &chart.svg;
                assert!(!svg.contains("<script"), "{svg}");
                assert!(!svg.contains('\u{1}'), "{svg}");
                assert!(svg.contains("&lt;script&gt;"), "{svg}");
                assert_eq!(svg.matches("<svg").count(), 1);
                assert!(svg.contains("<title id=") && svg.contains("<desc id="));
            }
            let budget = c.budget.as_ref().map(|b| b.svg.as_str()).unwrap_or_default();
            assert!(budget.contains("▲"), "overspending is marked: {budget}");
        }
    }

    #[test]
    fn attendance_has_four_states_from_membership_and_the_record() {
        let team = TEAM
            .replace("{ id: a, name: A }", "{ id: a, name: A, left: 2026-06-01 }")
            .replace("{ id: b, name: B }", "{ id: b, name: B, joined: 2026-05-10 }");
        let files = [
            ("team.yaml", team.as_str()),
            (
                "sessions/m1.yaml",
                "kind: group-meeting\ndate: 2026-05-01\ngroups: [g1]\nattendees: [a]\n",
            ),
            (
                "sessions/m2.yaml",
                "kind: group-meeting\ndate: 2026-05-20\ngroups: [g1]\n",
            ),
            (
                "sessions/m3.yaml",
                "kind: group-meeting\ndate: 2026-06-20\ngroups: [g1]\nattendees: []\n",
            ),
            (
                "sessions/m4.yaml",
                "kind: group-meeting\ndate: 2026-12-20\ngroups: [g1]\n",
            ),
        ];
        let p = program(&files);
        let names = Names::new(p.team.as_ref().map(|t| &t.value));
        let at = At {
            p: &p,
            lang: Lang::En,
            today: d("2026-09-30"),
            names,
            plan: &[],
        };
        let s = |i: usize| {
            (
                &p.sessions[i].value,
                crate::facts::session_date(&p.sessions[i].value).expect("date"),
            )
        };
        use attendance::State::*;
        let grid: Vec<Vec<attendance::State>> = ["a", "b"]
            .iter()
            .map(|who| {
                (0..3)
                    .map(|i| attendance::state(&at, who, s(i).0, s(i).1))
                    .collect()
            })
            .collect();
        assert_eq!(
            grid,
            [
                vec![Attended, NotRecorded, NotMember],
                vec![NotMember, NotRecorded, Absent]
            ]
        );
        let c = draw(&files, Lang::En);
        let g1 = c.attendance.iter().find(|x| x.title.contains("g1")).expect("g1");
        assert!(
            g1.svg.contains("3 meetings"),
            "the future meeting is not a column: {}",
            g1.svg
        );
    }

    #[test]
    fn many_meetings_are_split_into_legible_grids_that_cover_them_all() {
        let sessions: Vec<(String, String)> = (1..=8)
            .flat_map(|m| (1..=10).map(move |d| (m, d)))
            .map(|(m, d)| {
                (
                    format!("sessions/m-{m:02}-{d:02}.yaml"),
                    format!("kind: group-meeting\ndate: 2026-{m:02}-{d:02}\ngroups: [g1]\nattendees: [a]\n"),
                )
            })
            .collect();
        let mut files: Vec<(&str, &str)> = vec![("team.yaml", TEAM)];
        files.extend(sessions.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        for lang in [Lang::En, Lang::Zh] {
            let c = draw(&files, lang);
            let grids: Vec<&Chart> = c
                .attendance
                .iter()
                .filter(|x| x.svg.contains("al-chart-attendance-2-"))
                .collect();
            assert_eq!(grids.len(), 4, "80 meetings: four grids of 20");
            let mut covered = 0;
            for g in &grids {
                // One rotated date label per column.
                let columns = g.svg.matches("rotate(-90").count();
                assert!(columns <= attendance::MAX_COLUMNS, "{columns} columns");
                let desc = &g.svg[g.svg.find("<desc").expect("desc")..];
                let n = crate::lang::pick(lang, " 次会议（", " meetings (");
                let before = &desc[..desc.find(n).expect("count")];
                let count: usize = before
                    .rsplit(|c: char| !c.is_ascii_digit())
                    .find(|w| !w.is_empty())
                    .and_then(|w| w.parse().ok())
                    .expect("a number");
                assert_eq!(count, columns, "{desc}");
                // The title names the dates the grid covers, as its description does.
                let range = &desc[desc.find(n).expect("range") + n.len()..];
                let range = &range[..range.find(['）', ')']).expect("end")];
                assert!(g.title.contains(range), "{} / {range}", g.title);
                covered += count;
            }
            assert_eq!(covered, 80, "every meeting is in a grid");
            assert!(
                grids[0].title.contains(&day(lang, d("2026-01-01"))),
                "{}",
                grids[0].title
            );
            assert!(
                grids[3].title.contains(&day(lang, d("2026-08-10"))),
                "{}",
                grids[3].title
            );
        }
    }

    #[test]
    fn metric_scales_are_round_and_progress_is_towards_the_target() {
        assert_eq!(metrics::nice(12.6), 20.0);
        assert_eq!(metrics::nice(18.9), 20.0);
        assert_eq!(metrics::nice(4.2), 5.0);
        assert_eq!(metrics::nice(2.1), 2.5);
        assert_eq!(metrics::nice(0.0), 1.0);
        assert_eq!(metrics::progress(18.0, 10.0, 16.5), Some(19));
        assert_eq!(metrics::progress(3.1, 4.0, 3.6), Some(56));
        assert_eq!(metrics::progress(1.0, 1.0, 3.0), None);
    }

    #[test]
    fn the_timeline_draws_half_days_as_half_bars_and_marks_today() {
        let files = [
            (
                "topic.yaml",
                "title: t\nstart: 2026-03-01\nend: 2026-12-31\nstage: 3\n",
            ),
            ("team.yaml", TEAM),
            (
                "sessions/h.yaml",
                "kind: group-meeting\ndate: 2026-05-01\ndays: 0.5\ngroups: [g1]\n",
            ),
            (
                "sessions/f.yaml",
                "kind: group-meeting\ndate: 2026-06-01\ngroups: [g1]\n",
            ),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-04-01\ndays: 2\n"),
        ];
        let c = draw(&files, Lang::Zh);
        let t = c.timeline.expect("timeline");
        let widths: Vec<&str> = t
            .svg
            .lines()
            .filter(|l| l.starts_with("<rect") && l.contains("height=\"10\" fill=\"#1a1a1a\""))
            .filter_map(|l| l.split("width=\"").nth(1)?.split('"').next())
            .collect();
        assert_eq!(
            widths,
            ["1", "2", "10"],
            "half a day, a day, the legend's box: {}",
            t.svg
        );
        assert!(t.svg.contains("stroke-dasharray=\"4 3\""), "today is dashed");
        assert!(t.svg.contains("今天 9月30日") && t.svg.contains("计划结束 12月31日"));
        assert!(
            t.svg.matches("<polygon").count() >= 2,
            "the workshop is a diamond in both lanes"
        );
        assert!(t.svg.contains("研讨班：4月1日（2 天）"), "{}", t.svg);
    }

    #[test]
    fn the_timeline_draws_the_plan_planned_and_reached_side_by_side() {
        let files = [
            (
                "topic.yaml",
                "title: t\nstart: 2026-03-01\nend: 2026-12-31\nstage: 3\n",
            ),
            ("sessions/w.yaml", "kind: workshop\ndate: 2026-06-01\n"),
            (
                "plan.yaml",
                "milestones:\n  - { kind: workshop, number: 1, date: 2026-05-11 }\n  - { kind: review, date: 2026-08-24 }\n  - { kind: group-meetings, month: 2026-04 }\n",
            ),
        ];
        let t = draw(&files, Lang::En).timeline.expect("timeline");
        let svg = &t.svg;
        // Two planned by the day (hollow), one reached (filled), each in the legend too.
        assert_eq!(svg.matches("r=\"3.5\" fill=\"#fff\"").count(), 2, "{svg}");
        assert_eq!(svg.matches("r=\"3.5\" fill=\"#1a1a1a\"").count(), 1, "{svg}");
        // The review and the month's meetings are late: dotted up to today.
        assert_eq!(svg.matches("url(#al-chart-timeline-dots)").count(), 3, "{svg}");
        assert!(
            svg.contains("Workshop 1: planned 11 May, actual 1 Jun, 21 days late"),
            "{svg}"
        );
        assert!(
            svg.contains("Group meetings (April): planned April 2026, 153 days late, not recorded yet"),
            "{svg}"
        );
        assert!(t.title.contains("planned and actual"));
    }

    #[test]
    fn an_action_counts_for_its_owner_s_group_else_its_session_s() {
        let files = [
            ("team.yaml", TEAM),
            (
                "sessions/m.yaml",
                "kind: group-meeting\ndate: 2026-05-01\ngroups: [g1]\nactions:\n  - { task: x, owner: c, due: 2026-05-10 }\n  - { task: y, due: 2026-10-10 }\n",
            ),
            (
                "sessions/w.yaml",
                "kind: workshop\ndate: 2026-06-01\nactions:\n  - { task: z, status: done }\n",
            ),
        ];
        let c = draw(&files, Lang::En);
        let a = c.actions.expect("actions");
        assert!(
            a.svg.contains("3 actions: 1 done, 2 open (1 overdue)."),
            "{}",
            a.svg
        );
        assert!(
            a.svg.contains("By group: g2: 0 done, 1 open (1 overdue); g1: 0 done, 1 open (0 overdue); No group: 1 done, 0 open (0 overdue)."),
            "{}",
            a.svg
        );
        assert!(
            a.svg.contains("May 2026 1 open (1 overdue); Oct 2026 1 open."),
            "{}",
            a.svg
        );
        assert!(a.svg.contains("1 have no due date."), "{}", a.svg);
        assert!(
            a.svg.contains("url(#al-chart-actions-hatch)"),
            "overdue is hatched"
        );
    }
}
