//! Sentences and their words, for evidence: where a sentence starts and ends, the words that say
//! what it is about, and a key that is the same for a copied sentence in another article.

use std::ops::Range;

/// Words a period after which does not end a sentence ("Mr. Smith", "Jan. 5", "U.S. troops").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev",
    "prof", "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "inc", "corp", "co", "ltd", "adm", "maj", "pres", "ft", "mt", "u.s",
    "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
];

/// The sentences of `text` as byte ranges, trimmed, in order. A line break ends a sentence (news
/// text has a paragraph a line, and many collections a sentence a line); so do `.`, `!` and `?`
/// before a space and a capital, a digit or a quote, except after an abbreviation or an initial.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push_trimmed(text, start..i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, i) {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            push_trimmed(text, start..end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let part = &text[range.clone()];
    let lead = part.len() - part.trim_start().len();
    let trimmed = part.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// Whether the mark at byte `at` ends a sentence.
fn ends_sentence(text: &str, at: usize) -> bool {
    let after = &text[at + 1..];
    let after = after.trim_start_matches(['"', '\'', ')', ']', '\u{201d}', '\u{2019}']);
    let Some(rest) = after.strip_prefix([' ', '\t']) else {
        return after.is_empty();
    };
    let next = rest.trim_start().chars().next();
    let opens = next.is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '`' | '(' | '\u{201c}')
    });
    if !opens || text.as_bytes()[at] != b'.' {
        return opens;
    }
    // the word before the point, letters and points ("U.S"), read back without a copy
    let before = &text.as_bytes()[..at];
    let from = before
        .iter()
        .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'.'))
        .map_or(0, |p| p + 1);
    let word = &before[from..];
    let initial = word.len() == 1 && word[0].is_ascii_alphabetic();
    !(initial
        || ABBREVIATIONS
            .iter()
            .any(|a| a.as_bytes().eq_ignore_ascii_case(word)))
}

/// Words that say nothing of what a sentence is about.
const STOP_WORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "that",
    "with",
    "was",
    "were",
    "has",
    "have",
    "had",
    "his",
    "her",
    "its",
    "their",
    "they",
    "them",
    "this",
    "these",
    "those",
    "from",
    "but",
    "not",
    "are",
    "been",
    "will",
    "would",
    "could",
    "should",
    "said",
    "says",
    "say",
    "also",
    "which",
    "who",
    "whom",
    "what",
    "when",
    "where",
    "while",
    "after",
    "before",
    "into",
    "over",
    "than",
    "then",
    "there",
    "about",
    "more",
    "most",
    "some",
    "such",
    "other",
    "only",
    "one",
    "two",
    "three",
    "all",
    "any",
    "can",
    "may",
    "did",
    "does",
    "our",
    "out",
    "off",
    "she",
    "him",
    "you",
    "your",
    "lrb",
    "rrb",
    "being",
    "because",
    "since",
    "last",
    "first",
    "new",
    "year",
    "years",
    "week",
    "day",
    "days",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "told",
    "according",
    "reported",
    "reports",
    "just",
    "now",
    "still",
    "very",
    "many",
    "much",
    "per",
    "cent",
    "percent",
    "mln",
    "million",
];

/// The folded content words of a sentence (three letters or more, no stop words), sorted and
/// without repeats.
pub fn content_words(sentence: &str) -> Vec<String> {
    let mut words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(crate::core::search::fold_str)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// A key for a sentence that a copy of it has too: a hash of its folded letters and digits,
/// word by word.
pub fn key(sentence: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut in_word = false;
    for c in sentence.chars() {
        if c.is_alphanumeric() {
            h.write_u32(crate::core::search::fold_char(c) as u32);
            in_word = true;
        } else if in_word {
            h.write_u8(0);
            in_word = false;
        }
    }
    if in_word {
        h.write_u8(0);
    }
    h.finish()
}

/// How much two sorted word lists share: the shared words over the shorter list's length.
pub fn overlap(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / a.len().min(b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_marks_and_lines_not_at_abbreviations() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three?", &["One.", "Two!", "Three?"]),
            (
                "Mr. Smith met Gen. Allen in the U.S. Army base. They talked.",
                &[
                    "Mr. Smith met Gen. Allen in the U.S. Army base.",
                    "They talked.",
                ],
            ),
            (
                "On Jan. 5 it rained.\nLine two",
                &["On Jan. 5 it rained.", "Line two"],
            ),
            (
                "He said \"stop.\" Then he left.",
                &["He said \"stop.\"", "Then he left."],
            ),
            (
                "A tokenized text . \nNext line .",
                &["A tokenized text .", "Next line ."],
            ),
            ("3.5 per cent rose. ok", &["3.5 per cent rose. ok"]),
            ("\n\n  \n", &[]),
            ("J. K. Rowling wrote.", &["J. K. Rowling wrote."]),
        ];
        for (text, expected) in cases {
            let got: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(&got, expected, "{text:?}");
        }
    }

    #[test]
    fn words_keys_and_overlap() {
        assert_eq!(
            content_words("BP's well was sealed on Monday, the BP chief said."),
            vec!["chief", "sealed", "well"]
        );
        assert_eq!(key("The well, sealed."), key("the WELL sealed"));
        assert_ne!(key("The well sealed."), key("The well leaked."));
        let a = content_words("oil well sealed cement");
        let b = content_words("cement pumped into the oil well");
        assert!((overlap(&a, &b) - 0.75).abs() < 1e-9, "{a:?} {b:?}");
        assert_eq!(overlap(&a, &[]), 0.0);
    }
}
