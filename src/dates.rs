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
