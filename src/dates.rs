//! Calendar dates: parsing with messages that say why a date is wrong.

use jiff::civil::Date;

/// Parses a `YYYY-MM-DD` date; the error says what is wrong with it.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err("write dates as YYYY-MM-DD, e.g. 2026-03-01".to_string());
    }
    text.parse::<Date>().map_err(|e| {
        let why = e.to_string();
        let why = why.rsplit(": ").next().unwrap_or(&why).to_string();
        format!("{why}; write dates as YYYY-MM-DD, e.g. 2026-03-01")
    })
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
    fn rejects_loose_shape() {
        assert!(parse_date("2026-3-1").is_err());
        assert!(parse_date("2026/03/01").is_err());
    }
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

/// `d` plus `months` calendar months (the day is clamped to the month's end).
pub(crate) fn add_months(d: Date, months: u32) -> Date {
    d.saturating_add(jiff::Span::new().months(i64::from(months)))
}

/// A calendar month, ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Month {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
}

impl Month {
    /// The month a date falls in.
    pub fn of(d: Date) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
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
        assert_eq!(Month::of(d("2026-12-05")).next(), Month { year: 2027, month: 1 });
        assert_eq!(Month::of(d("2026-03-05")).to_string(), "2026-03");
    }
}
