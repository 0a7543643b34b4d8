//! Calendar dates: parsing with messages that say why a date is wrong.

use jiff::civil::Date;

/// Parses a `YYYY-MM-DD` date; the error says what is wrong with it (in English).
pub fn parse_date(text: &str) -> Result<Date, String> {
    parse(text).map_err(|why| why.text(crate::config::Lang::En))
}

/// Parses a `YYYY-MM-DD` date; the error says, as data, what is wrong with it.
pub fn parse(text: &str) -> Result<Date, DateWhy> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(loose(text));
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    check(year, month, day)
}

/// Why a text is not a `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateWhy {
    /// Not a date at all.
    Shape,
    /// A date written another way (`2026/4/2`, `2026年4月2日`): this one.
    Loose(Date),
    /// A month and a day without the year (`4月2日`).
    NoYear {
        /// 1–12.
        month: i16,
        /// 1–31.
        day: i16,
    },
    /// A month that does not exist (`2026-13-01`).
    NoSuchMonth(i16),
    /// A day the month does not have (`2026-04-31`).
    NoSuchDay {
        /// The year.
        year: i16,
        /// The month, 1–12.
        month: i16,
        /// How many days it has.
        days: i8,
    },
}

const SHAPE_EN: &str = "write dates as YYYY-MM-DD, e.g. 2026-03-01";
const SHAPE_ZH: &str = "日期请写成 YYYY-MM-DD，如 2026-03-01";

impl DateWhy {
    /// What to do, in `lang`.
    pub fn text(&self, lang: crate::config::Lang) -> String {
        use crate::config::Lang;
        match (self, lang) {
            (DateWhy::Shape, _) => crate::lang::pick(lang, SHAPE_ZH, SHAPE_EN).to_string(),
            (DateWhy::Loose(d), Lang::Zh) => format!("是不是要写 {d}？{SHAPE_ZH}"),
            (DateWhy::Loose(d), Lang::En) => format!("did you mean {d}? {SHAPE_EN}"),
            (DateWhy::NoYear { month, day }, Lang::Zh) => {
                format!("日期要写年份：请写成 YYYY-{month:02}-{day:02}")
            }
            (DateWhy::NoYear { month, day }, Lang::En) => {
                format!("a date needs its year: write it as YYYY-{month:02}-{day:02}")
            }
            (DateWhy::NoSuchMonth(m), Lang::Zh) => format!("没有 {m} 月：月份是 1 到 12"),
            (DateWhy::NoSuchMonth(m), Lang::En) => format!("there is no month {m}: months run from 1 to 12"),
            (DateWhy::NoSuchDay { year, month, days }, Lang::Zh) => {
                let name = MONTHS_ZH[(*month as usize).clamp(1, 12) - 1];
                if *month == 2 {
                    format!("{year} 年{name}只有 {days} 天")
                } else {
                    format!("{name}只有 {days} 天")
                }
            }
            (DateWhy::NoSuchDay { year, month, days }, Lang::En) => {
                let name = MONTHS_EN[(*month as usize).clamp(1, 12) - 1];
                if *month == 2 {
                    format!("February {year} has {days} days")
                } else {
                    format!("{name} has {days} days")
                }
            }
        }
    }
}

const MONTHS_ZH: [&str; 12] = [
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The date of a year, month and day, or why there is none.
fn check(year: i16, month: i16, day: i16) -> Result<Date, DateWhy> {
    if !(1..=12).contains(&month) {
        return Err(DateWhy::NoSuchMonth(month));
    }
    let first = Date::new(year, month as i8, 1).map_err(|_| DateWhy::Shape)?;
    let days = first.days_in_month();
    if day < 1 || day > i16::from(days) {
        return Err(DateWhy::NoSuchDay { year, month, days });
    }
    Date::new(year, month as i8, day as i8).map_err(|_| DateWhy::Shape)
}

/// Why a text not shaped `YYYY-MM-DD` is not a date: a date written
/// another way (`2026/4/2`, `2026.4.2`, `2026-4-2`, `2026年4月2日`), one
/// without its year (`4月2日`), or no date at all.
fn loose(text: &str) -> DateWhy {
    let text = text.trim().trim_end_matches(['日', '号']);
    let parts: Vec<&str> = text.split(['/', '.', '-', '年', '月']).map(str::trim).collect();
    let nums: Option<Vec<i16>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<i16>().ok())
                .flatten()
        })
        .collect();
    let chinese = text.contains('月');
    match nums.as_deref() {
        Some([y, m, d]) if parts[0].len() == 4 => match check(*y, *m, *d) {
            Ok(date) => DateWhy::Loose(date),
            Err(why) => why,
        },
        Some([m, d]) if chinese || parts[0].len() <= 2 && text.contains('/') => {
            if (1..=12).contains(m) && (1..=31).contains(d) {
                DateWhy::NoYear { month: *m, day: *d }
            } else {
                DateWhy::Shape
            }
        }
        _ => DateWhy::Shape,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn accepts_iso() {
        assert!(parse_date("2026-03-01").is_ok());
    }

    #[test]
    fn rejects_impossible_day_with_reason() {
        let e = parse_date("2026-02-30").unwrap_err();
        assert!(e.contains("day"), "{e}");
    }

    #[test]
    fn says_how_many_days_the_month_has() {
        use crate::config::Lang;
        let why = super::parse("2026-04-31").unwrap_err();
        assert_eq!(why.text(Lang::En), "April has 30 days");
        assert_eq!(why.text(Lang::Zh), "四月只有 30 天");
        let why = super::parse("2026-02-30").unwrap_err();
        assert_eq!(why.text(Lang::En), "February 2026 has 28 days");
        assert_eq!(
            super::parse("2026-13-01").unwrap_err(),
            super::DateWhy::NoSuchMonth(13)
        );
    }

    #[test]
    fn reads_dates_written_another_way() {
        use super::DateWhy;
        let d = parse_date("2026-04-02").unwrap_or_default();
        for text in ["2026/4/2", "2026.4.2", "2026年4月2日", "2026-4-2", "2026/04/02"] {
            assert_eq!(super::parse(text), Err(DateWhy::Loose(d)), "{text}");
        }
        assert_eq!(super::parse("4月2日"), Err(DateWhy::NoYear { month: 4, day: 2 }));
        assert_eq!(
            super::parse("2026年4月31日"),
            Err(DateWhy::NoSuchDay {
                year: 2026,
                month: 4,
                days: 30
            })
        );
        assert_eq!(super::parse("soon"), Err(DateWhy::Shape));
        assert_eq!(
            super::parse("2026-4-2")
                .unwrap_err()
                .text(crate::config::Lang::Zh),
            "是不是要写 2026-04-02？日期请写成 YYYY-MM-DD，如 2026-03-01"
        );
    }

    #[test]
    fn rejects_loose_shape() {
        assert!(parse_date("2026-3-1").is_err());
        assert!(parse_date("2026/03/01").is_err());
    }
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

/// `d` plus `months` calendar months (the day is clamped to the month's
/// end); the calendar's last day when that runs past it — never a panic,
/// whatever al.toml says.
pub(crate) fn add_months(d: Date, months: u32) -> Date {
    jiff::Span::new()
        .try_months(i64::from(months))
        .map_or(Date::MAX, |span| d.saturating_add(span))
}

/// The English name of a month (1–12): `September`, or `Sep` when `short`.
pub(crate) fn month_en(month: i8, short: bool) -> &'static str {
    let name = MONTHS_EN[usize::try_from(month).unwrap_or(1).clamp(1, 12) - 1];
    if short { &name[..3] } else { name }
}

/// A date as a reader writes it: `9月30日` / `30 September` (`30 Sep` when
/// `short`), with the year in front (`2026年9月30日`) or behind
/// (`30 September 2026`) when `with_year`. The one way reports and charts
/// write a date in a sentence.
pub(crate) fn spoken(lang: crate::config::Lang, d: Date, with_year: bool, short: bool) -> String {
    use crate::config::Lang;
    let (y, m, dd) = (d.year(), d.month(), d.day());
    match (lang, with_year) {
        (Lang::Zh, false) => format!("{m}月{dd}日"),
        (Lang::Zh, true) => format!("{y}年{m}月{dd}日"),
        (Lang::En, false) => format!("{dd} {}", month_en(m, short)),
        (Lang::En, true) => format!("{dd} {} {y}", month_en(m, short)),
    }
}

/// A calendar month, ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
}

impl Month {
    /// A month written `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        let (year, month): (i16, i8) = (y.parse().ok()?, m.parse().ok()?);
        (y.len() == 4 && m.len() == 2 && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(d: Date) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// Its first day.
    pub fn first_day(self) -> Date {
        jiff::civil::date(self.year, self.month, 1)
    }

    /// Its last day.
    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year.saturating_add(1),
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod arithmetic_tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap_or_default()
    }

    #[test]
    fn day_and_month_arithmetic() {
        assert_eq!(days_between(d("2026-03-16"), d("2026-05-11")), 56);
        assert_eq!(days_between(d("2026-05-11"), d("2026-03-16")), -56);
        assert_eq!(add_months(d("2026-08-31"), 6), d("2027-02-28"));
        // Whatever the number, no panic: the calendar ends.
        for months in [239_977, u32::MAX] {
            assert_eq!(add_months(d("2026-08-31"), months), Date::MAX);
        }
        assert_eq!(Month::of(d("2026-12-05")).next(), Month { year: 2027, month: 1 });
        assert_eq!(Month::of(d("2026-03-05")).to_string(), "2026-03");
    }
}
