//! "Did you mean" suggestions for mistyped keys, words and ids.
//!
//! Bounded, so that hostile input cannot make a check slow: an input longer
//! than [`MAX_LEN`] characters is no typo of an id or key and gets no
//! suggestion, candidates that long are skipped, and at most
//! [`MAX_CANDIDATES`] candidates are compared (a program has far fewer
//! people, groups or keys).

/// The longest input or candidate compared, in characters.
pub(crate) const MAX_LEN: usize = 64;

/// The most candidates compared for one input.
pub(crate) const MAX_CANDIDATES: usize = 2_000;

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if input.chars().nth(MAX_LEN).is_some() {
        return None;
    }
    let input_lower = input.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter(|c| c.chars().nth(MAX_LEN).is_none())
    {
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
    fn long_inputs_and_candidates_are_not_compared() {
        let long = "x".repeat(20_000);
        assert_eq!(did_you_mean(&long, [long.as_str()]), None);
        let near = format!("{}y", "x".repeat(63));
        assert_eq!(did_you_mean("x", [long.as_str()]), None);
        assert!(
            did_you_mean(&near[..63], [near.as_str()]).is_some(),
            "64 characters are compared"
        );
    }

    #[test]
    fn works_on_cjk() {
        assert_eq!(did_you_mean("张伟伟", ["张伟", "李娜"]), Some("张伟"));
    }
}
