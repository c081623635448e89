//! Finding a passage again in an article that changed on disk: where it was, or the same quote
//! elsewhere (preferring the one with the same context, then the nearest), or else orphaned.

use std::ops::Range;

use super::annotations::Passage;

/// Where a passage is in the current text of its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    InPlace(Range<usize>),
    Moved(Range<usize>),
    /// The quote is no longer in the text; the passage is kept until the user decides.
    Orphaned,
}

impl Anchor {
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchor::InPlace(r) | Anchor::Moved(r) => Some(r.clone()),
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
        None => Anchor::Orphaned,
    }
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
}
