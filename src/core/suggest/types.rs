//! The words that propose an event type: a plain table (`assets/type_words.ron`, or a
//! collection's `.dateline/type_words.ron`) that says why a suggestion got its type.

use serde::{Deserialize, Serialize};

use crate::core::search::fold_str;

const BUILTIN: &str = include_str!("../../../assets/type_words.ron");

/// The file name of a collection's own table, in `.dateline/`.
pub const FILE_NAME: &str = "type_words.ron";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeWords {
    pub version: u32,
    /// The type of a suggestion no rule matches.
    pub fallback: String,
    pub rules: Vec<TypeRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeRule {
    #[serde(rename = "type")]
    pub event_type: String,
    pub words: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("type words do not parse at line {line}, column {column}: {message}: {path}")]
pub struct TypeWordsError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A proposed type and the word that proposed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposed {
    pub event_type: String,
    /// The rule word that matched most ("protest*"); empty for the fallback.
    pub because: String,
}

impl TypeWords {
    pub fn builtin() -> Self {
        Self::parse(BUILTIN, "assets/type_words.ron").unwrap_or(Self {
            version: 1,
            fallback: "strategic_developments/other".into(),
            rules: Vec::new(),
        })
    }

    pub fn parse(text: &str, path: &str) -> Result<Self, TypeWordsError> {
        ron::Options::default()
            .with_recursion_limit(16)
            .from_str(text)
            .map_err(|e| TypeWordsError {
                path: path.to_string(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })
    }

    /// The collection's table, or the presets when it has none; an error when it has one that
    /// does not parse (the presets are used, the file is left alone).
    pub fn for_collection(root: &std::path::Path) -> (Self, Option<String>) {
        let path = root
            .join(crate::core::collection::DATELINE_DIR)
            .join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => match Self::parse(&text, &path.display().to_string()) {
                Ok(words) => (words, None),
                Err(e) => (Self::builtin(), Some(e.to_string())),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Self::builtin(), None),
            Err(e) => (
                Self::builtin(),
                Some(format!("cannot read {}: {e}", path.display())),
            ),
        }
    }

    /// The type the sentences speak of most, among the types `known` accepts.
    pub fn propose<'a>(
        &self,
        sentences: impl IntoIterator<Item = &'a str>,
        known: &dyn Fn(&str) -> bool,
    ) -> Proposed {
        let rules: Vec<(usize, Vec<Vec<String>>)> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| known(&r.event_type))
            .map(|(i, r)| {
                let words = r
                    .words
                    .iter()
                    .map(|w| w.split_whitespace().map(fold_str).collect())
                    .collect();
                (i, words)
            })
            .collect();
        // (sentences using the rule, the word used most, its uses) per rule
        let mut counts: Vec<(usize, Vec<usize>)> = rules
            .iter()
            .map(|(_, words)| (0, vec![0; words.len()]))
            .collect();
        for sentence in sentences {
            let words: Vec<String> = sentence
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| !w.is_empty())
                .map(fold_str)
                .collect();
            for (r, (_, patterns)) in rules.iter().enumerate() {
                let mut used = false;
                for (p, pattern) in patterns.iter().enumerate() {
                    if occurs(&words, pattern) {
                        counts[r].1[p] += 1;
                        used = true;
                    }
                }
                if used {
                    counts[r].0 += 1;
                }
            }
        }
        let best = counts
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| *n > 0)
            .max_by(|(a, (na, _)), (b, (nb, _))| na.cmp(nb).then(b.cmp(a)));
        match best {
            Some((r, (_, uses))) => {
                let rule = &self.rules[rules[r].0];
                let word = uses
                    .iter()
                    .enumerate()
                    .max_by(|(a, x), (b, y)| x.cmp(y).then(b.cmp(a)))
                    .map(|(w, _)| rule.words[w].clone())
                    .unwrap_or_default();
                Proposed {
                    event_type: rule.event_type.clone(),
                    because: word,
                }
            }
            None => Proposed {
                event_type: self.fallback.clone(),
                because: String::new(),
            },
        }
    }
}

/// Whether the word sequence `pattern` (its last word may end in `*`) occurs in `words`.
fn occurs(words: &[String], pattern: &[String]) -> bool {
    if pattern.is_empty() || words.len() < pattern.len() {
        return false;
    }
    words.windows(pattern.len()).any(|w| {
        w.iter()
            .zip(pattern)
            .all(|(word, p)| match p.strip_suffix('*') {
                Some(stem) => word.starts_with(stem),
                None => word == p,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_propose_the_type_their_words_name() {
        let table = TypeWords::builtin();
        assert!(!table.rules.is_empty(), "the bundled table parses");
        let all = |_: &str| true;
        let cases: &[(&[&str], &str, &str)] = &[
            (
                &["Thousands of protesters gathered in Tahrir Square."],
                "protests",
                "protest*",
            ),
            (
                &["The ministers met in Moscow.", "Talks went on for hours."],
                "diplomacy/meeting",
                "met",
            ),
            (
                &["An air strike hit the town."],
                "explosions_remote_violence",
                "air strike*",
            ),
            (&["Nothing of note."], "strategic_developments/other", ""),
            (
                &[
                    "Police arrested ten protesters.",
                    "Protests spread.",
                    "Protesters marched.",
                ],
                "protests",
                "protest*",
            ),
        ];
        for (sentences, ty, because) in cases {
            let got = table.propose(sentences.iter().copied(), &all);
            assert_eq!(got.event_type, *ty, "{sentences:?}");
            assert_eq!(got.because, *because, "{sentences:?}");
        }
        // a type the taxonomy lacks is skipped
        let no_protests = |t: &str| t != "protests";
        let got = table.propose(["Protesters were arrested."], &no_protests);
        assert_eq!(got.event_type, "strategic_developments/arrests");
    }

    #[test]
    fn a_bad_table_is_an_error_with_its_place() {
        let e = TypeWords::parse("(version: 1, rules: [", "x.ron").unwrap_err();
        assert_eq!(e.path, "x.ron");
        assert!(e.to_string().contains("x.ron"), "{e}");
    }
}
