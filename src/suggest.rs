//! "Did you mean" suggestions for mistyped keys, words and ids.

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates {
        let cand = c.to_lowercase();
        let mut score = strsim::jaro_winkler(&input_lower, &cand);
        // Short ids (g1, g2) are too short for Jaro-Winkler: one edit is still a likely typo.
        if score < 0.8 && input_lower.chars().count() >= 2 && strsim::levenshtein(&input_lower, &cand) == 1 {
            score = 0.8;
        }
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_close_key() {
        let keys = ["title", "criteria", "convener"];
        assert_eq!(did_you_mean("critera", keys), Some("criteria"));
        assert_eq!(did_you_mean("zzz", keys), None);
        assert_eq!(did_you_mean("g2", ["g1", "x9"]), Some("g1"));
    }

    #[test]
    fn works_on_cjk() {
        assert_eq!(did_you_mean("张伟伟", ["张伟", "李娜"]), Some("张伟"));
    }
}
