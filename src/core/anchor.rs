//! Finding a passage again in an article that changed on disk: where it was, or the same quote
//! elsewhere (preferring the one with the same context, then the nearest), or else orphaned.

use std::ops::Range;

use super::annotations::Passage;

/// Where a passage is in the current text of its article.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    InPlace(Range<usize>),
    Moved(Range<usize>),
    /// Found by a fuzzy match of the quote and its context; the score is from 0 to 1.
    Fuzzy(Range<usize>, f64),
    /// The quote is no longer in the text; the passage is kept until the user decides.
    Orphaned,
}

impl Anchor {
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchor::InPlace(r) | Anchor::Moved(r) | Anchor::Fuzzy(r, _) => Some(r.clone()),
            Anchor::Orphaned => None,
        }
    }
}

/// Finds `passage` in `text`.
pub fn anchor(passage: &Passage, text: &str) -> Anchor {
    if passage.exact.is_empty() {
        return Anchor::Orphaned;
    }
    if text.get(passage.start..passage.end) == Some(passage.exact.as_str()) {
        return Anchor::InPlace(passage.start..passage.end);
    }
    let mut best: Option<(usize, usize, usize)> = None; // (context score, distance, start)
    for (start, _) in text.match_indices(passage.exact.as_str()) {
        let end = start + passage.exact.len();
        let prefix_ok = text[..start].ends_with(passage.prefix.as_str());
        let suffix_ok = text[end..].starts_with(passage.suffix.as_str());
        let score = 2 - (prefix_ok as usize + suffix_ok as usize);
        let distance = start.abs_diff(passage.start);
        if best.is_none_or(|(s, d, _)| (score, distance) < (s, d)) {
            best = Some((score, distance, start));
        }
    }
    match best {
        Some((_, _, start)) => Anchor::Moved(start..start + passage.exact.len()),
        None => fuzzy(passage, text).map_or(Anchor::Orphaned, |(r, score)| Anchor::Fuzzy(r, score)),
    }
}

impl Anchor {
    /// `in_place`, `moved` or `orphaned`, as `dateline check --json` says it.
    pub fn status(&self) -> &'static str {
        match self {
            Anchor::InPlace(_) => "in_place",
            Anchor::Moved(_) | Anchor::Fuzzy(..) => "moved",
            Anchor::Orphaned => "orphaned",
        }
    }
}

/// The lowest similarity a fuzzy match is taken at.
const MIN_SCORE: f64 = 0.75;
/// How many candidate places a fuzzy match looks at, at the most.
const MAX_CANDIDATES: usize = 64;

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first or last `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    &s[s.char_indices()
        .nth(count.saturating_sub(n))
        .map_or(s.len(), |(i, _)| i)..]
}

/// The quote edited a little: where its context, its head or its tail still is, the window
/// most like the quote, if it is like enough.
fn fuzzy(passage: &Passage, text: &str) -> Option<(Range<usize>, f64)> {
    let quote = passage.exact.as_str();
    let qlen = quote.len();
    let mut starts: Vec<usize> = Vec::new();
    let mut add = |s: usize| {
        if starts.len() < MAX_CANDIDATES && !starts.contains(&s) {
            starts.push(s);
        }
    };
    if passage.prefix.chars().count() >= 8 {
        for (p, _) in text.match_indices(passage.prefix.as_str()) {
            add(p + passage.prefix.len());
        }
    }
    if passage.suffix.chars().count() >= 8 {
        for (p, _) in text.match_indices(passage.suffix.as_str()) {
            add(p.saturating_sub(qlen));
        }
    }
    let (h, t) = (head(quote, 16), tail(quote, 16));
    if h.chars().count() >= 8 {
        for (p, _) in text.match_indices(h) {
            add(p);
        }
        for (p, _) in text.match_indices(t) {
            add((p + t.len()).saturating_sub(qlen));
        }
    }
    let mut best: Option<(Range<usize>, f64)> = None;
    for start in starts {
        let start = floor_boundary(text, start);
        // The end: where the suffix starts again, if near; else the quote's length on.
        let mut end = floor_boundary(text, start + qlen);
        if passage.suffix.chars().count() >= 4
            && let Some(p) = text[start..floor_boundary(text, start + qlen * 3 / 2 + 1)]
                .find(passage.suffix.as_str())
            && p * 2 >= qlen
        {
            end = start + p;
        }
        if end <= start {
            continue;
        }
        let window = &text[start..end];
        let score = strsim::normalized_levenshtein(quote, window);
        if score >= MIN_SCORE && best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((start..end, score));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str, quote: &str, nth: usize) -> Passage {
        let start = text.match_indices(quote).nth(nth).map_or(0, |(i, _)| i);
        let end = start + quote.len();
        Passage {
            path: "a.txt".into(),
            exact: quote.into(),
            prefix: text[start.saturating_sub(8)..start].into(),
            suffix: text[end..(end + 8).min(text.len())].into(),
            start,
            end,
            content_hash: String::new(),
        }
    }

    #[test]
    fn re_anchoring() {
        let old = "Alpha. The talks resumed in Baku today. Beta. The talks resumed in Baku again.";
        let p = passage(old, "talks resumed", 1);
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("unchanged", old, Some("in place")),
            (
                "text added before",
                "New intro. Alpha. The talks resumed in Baku today. Beta. The talks resumed in Baku again.",
                Some("moved"),
            ),
            (
                "the first copy removed",
                "Alpha. Beta. The talks resumed in Baku again.",
                Some("moved"),
            ),
            ("quote edited away", "Alpha. The meeting ended. Beta.", None),
        ];
        for (name, text, want) in cases {
            let got = anchor(&p, text);
            match (want, &got) {
                (Some("in place"), Anchor::InPlace(_)) => {}
                (Some("moved"), Anchor::Moved(r)) => {
                    assert_eq!(&text[r.clone()], "talks resumed", "{name}");
                    assert!(
                        text[r.end..].starts_with(" in Baku again"),
                        "{name}: picked the copy with the same context"
                    );
                }
                (None, Anchor::Orphaned) => {}
                _ => panic!("{name}: got {got:?}"),
            }
        }
    }

    #[test]
    fn fuzzy_re_anchoring_finds_a_lightly_edited_quote() {
        let old = "Intro text here. The Azerbaijani side has repeatedly appealed to the command of the peacekeeping contingent, said the spokesman. Outro.";
        let p = passage(
            old,
            "has repeatedly appealed to the command of the peacekeeping contingent",
            0,
        );
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "a word changed",
                "Intro text here. The Azerbaijani side has repeatedly appealed to the command of the Russian peacekeeping contingent, said the spokesman. Outro.",
                Some(
                    "has repeatedly appealed to the command of the Russian peacekeeping contingent",
                ),
            ),
            (
                "a typo fixed and moved",
                "New first line.\n\nIntro text here. The Azerbaijani side has repeatedly apealed to the command of the peacekeeping contingent, said the spokesman. Outro.",
                Some("has repeatedly apealed to the command of the peacekeeping contingent"),
            ),
            (
                "rewritten entirely",
                "Intro text here. Nothing of the sort was said. Outro.",
                None,
            ),
        ];
        for (name, text, want) in cases {
            let got = anchor(&p, text);
            match (want, &got) {
                (Some(w), Anchor::Fuzzy(r, score)) => {
                    assert_eq!(&text[r.clone()], *w, "{name}");
                    assert!(*score >= MIN_SCORE && *score < 1.0, "{name}: {score}");
                    assert_eq!(got.status(), "moved");
                }
                (None, Anchor::Orphaned) => assert_eq!(got.status(), "orphaned"),
                _ => panic!("{name}: got {got:?}"),
            }
        }
    }
}
