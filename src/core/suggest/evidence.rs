//! A chosen date's evidence: the sentences that report it, grouped by the words they share; the
//! summary, the two sentences that together are most like all of that day's sentences; the
//! proposed type, the names in them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::sentences::{content_words, overlap};
use super::{Evidence, Input, MAX_EVIDENCE, Precision, Suggestion, TypeWords};
use crate::core::search::{Aliases, fold_str};

/// Sentences sharing this much of their words (of the shorter) report the same thing.
const SAME_THING: f64 = 0.4;
/// A summary sentence longer than this many bytes is passed over when a shorter one is as good.
const LONG_SENTENCE: usize = 320;
/// A sentence shorter than this many bytes ("Updated.", a byline) never summarises.
pub const SHORTEST_SUMMARY: usize = 20;
/// A summary has at most this many sentences.
const SUMMARY_SENTENCES: usize = 2;

struct Candidate {
    evidence: Evidence,
    words: Vec<String>,
    source: String,
    /// Shown as evidence; else only a candidate for the summary (an opening sentence of an
    /// article published that day or the next, which names no day).
    shown: bool,
}

/// Where a chosen date is spoken of: (place in scope, place in its report's items) for each
/// report, the articles published that day and those published the next.
#[derive(Debug, Default)]
pub(super) struct Sightings {
    pub reports: Vec<(usize, usize)>,
    pub published: Vec<usize>,
    pub published_next: Vec<usize>,
}

/// At most this many different sentences of a date are compared with each other.
const MAX_CANDIDATES: usize = 400;

/// A chosen date's sentences, before the summary is chosen: every date's are needed first to
/// weigh their words.
pub(super) struct Gathered {
    day: NaiveDate,
    precision: Precision,
    candidates: Vec<Candidate>,
    ends: HashMap<NaiveDate, usize>,
    ongoing: usize,
    reports: usize,
}

/// The sentences that speak of `day`: those naming it, the first sentence of an article
/// published that day that names no day, and (for the summary only) the opening sentences of
/// the articles published that day and the next.
pub(super) fn collect(
    scope: &[&Input],
    seen: &Sightings,
    day: NaiveDate,
    precision: Precision,
) -> Gathered {
    let mut seen_keys: HashSet<u64> = HashSet::new();
    let mut with_candidate: HashSet<usize> = HashSet::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut ends: HashMap<NaiveDate, usize> = HashMap::new();
    let (mut ongoing, mut reports) = (0usize, 0usize);
    for &(s, i) in &seen.reports {
        let input = scope[s];
        let item = &input.report.items[i];
        reports += 1;
        ongoing += usize::from(item.ongoing);
        if let Some(e) = item.end {
            *ends.entry(e).or_default() += 1;
        }
        if candidates.len() < MAX_CANDIDATES && seen_keys.insert(item.key) {
            candidates.push(candidate(input, item.sentence.clone(), false, true));
            with_candidate.insert(input.index);
        }
    }
    if precision == Precision::Day {
        for &s in &seen.published {
            let input = scope[s];
            let Some((range, key)) = &input.report.lead else {
                continue;
            };
            if candidates.len() < MAX_CANDIDATES
                && !with_candidate.contains(&input.index)
                && seen_keys.insert(*key)
            {
                candidates.push(candidate(input, range.clone(), true, true));
            }
        }
        for &s in seen.published.iter().chain(&seen.published_next) {
            let input = scope[s];
            for range in &input.report.opening {
                let text = input.text.get(range.clone()).unwrap_or_default();
                if candidates.len() < MAX_CANDIDATES
                    && seen_keys.insert(super::sentences::key(text))
                {
                    candidates.push(candidate(input, range.clone(), true, false));
                }
            }
        }
    }
    Gathered {
        day,
        precision,
        candidates,
        ends,
        ongoing,
        reports,
    }
}

/// How much a word says: rarer among all the chosen dates' sentences, more (TF-IDF's inverse
/// document frequency, a sentence being a document).
pub(super) struct WordWeights {
    sentences: f64,
    frequency: HashMap<String, u32>,
}

impl WordWeights {
    pub(super) fn of<'a>(gathered: impl Iterator<Item = &'a Gathered>) -> Self {
        let mut frequency: HashMap<String, u32> = HashMap::new();
        let mut sentences = 0usize;
        for g in gathered {
            for c in &g.candidates {
                sentences += 1;
                for w in &c.words {
                    match frequency.get_mut(w) {
                        Some(n) => *n += 1,
                        None => {
                            frequency.insert(w.clone(), 1);
                        }
                    }
                }
            }
        }
        Self {
            sentences: sentences.max(1) as f64,
            frequency,
        }
    }

    fn weight(&self, word: &str) -> f64 {
        let n = self.frequency.get(word).copied().unwrap_or(1).max(1);
        (self.sentences / f64::from(n)).ln().max(0.0) + 1.0
    }

    /// A sentence's words with their weights, scaled to length one.
    fn vector<'w>(&self, words: &'w [String]) -> Vec<(&'w str, f64)> {
        let mut v: Vec<(&str, f64)> = words.iter().map(|w| (w.as_str(), self.weight(w))).collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        v
    }
}

impl Gathered {
    pub(super) fn finish(
        self,
        score: f64,
        weights: &WordWeights,
        words: &TypeWords,
        aliases: &Aliases,
        known: &dyn Fn(&str) -> bool,
    ) -> Suggestion {
        let Gathered {
            day,
            precision,
            candidates,
            ends,
            ongoing,
            reports,
        } = self;
        let summary_at = summary_of(&candidates, weights);
        let summary_sentences: Vec<String> = summary_at
            .iter()
            .map(|&i| crate::core::text::one_line(&candidates[i].evidence.text, 400))
            .collect();
        let summary = summary_sentences.join(" ");
        let clusters = cluster(&candidates);
        // the summary's sentences first, then the shown ones group by group
        let mut order: Vec<usize> = summary_at.clone();
        order.extend(
            clusters
                .iter()
                .flatten()
                .copied()
                .filter(|i| candidates[*i].shown && !summary_at.contains(i)),
        );
        let articles: HashSet<usize> = order
            .iter()
            .map(|&i| candidates[i].evidence.article)
            .collect();
        let sources: HashSet<&str> = order
            .iter()
            .map(|&i| candidates[i].source.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        let texts: Vec<&str> = order
            .iter()
            .map(|&i| candidates[i].evidence.text.as_str())
            .collect();
        let proposed = words.propose(texts.iter().copied(), known);
        let (actors, places) = names(&texts, aliases);
        let end = ends
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(e, _)| e);
        let evidence: Vec<Evidence> = order
            .iter()
            .take(MAX_EVIDENCE)
            .map(|&i| candidates[i].evidence.clone())
            .collect();
        Suggestion {
            date: day,
            precision,
            end,
            ongoing: reports > 0 && ongoing * 2 > reports,
            score,
            summary,
            summary_sentences,
            articles: articles.len(),
            sources: sources.len(),
            event_type: proposed.event_type,
            type_because: proposed.because,
            actors,
            places,
            evidence,
        }
    }
}

/// Words of a page's furniture, not of the news: a sentence with one is never the summary.
const FURNITURE: &[&str] = &[
    "last updated",
    "page last",
    "gmt",
    "comment",
    "moderator",
    "click here",
    "subscribe",
    "newsletter",
    "all rights reserved",
    "copyright",
    "javascript",
    "directive",
];

fn is_furniture(text: &str) -> bool {
    let folded = text.to_lowercase();
    FURNITURE.iter().any(|f| folded.contains(f))
}

fn candidate(input: &Input, range: std::ops::Range<usize>, lead: bool, shown: bool) -> Candidate {
    let text = input
        .text
        .get(range.clone())
        .unwrap_or_default()
        .to_string();
    Candidate {
        words: content_words(&text),
        evidence: Evidence {
            article: input.index,
            path: input.path.to_string(),
            start: range.start,
            end: range.end,
            text,
            lead,
        },
        source: input.report.source.clone(),
        shown,
    }
}

/// Groups of shown candidates (indices) that report the same thing, largest (by articles)
/// first; a group's sentences in the order of how central they are to it.
fn cluster(candidates: &[Candidate]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, c) in candidates.iter().enumerate().filter(|(_, c)| c.shown) {
        let home = groups.iter_mut().find(|g| {
            g.iter()
                .take(8)
                .any(|&j| overlap(&c.words, &candidates[j].words) >= SAME_THING)
        });
        match home {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    let articles = |g: &Vec<usize>| {
        g.iter()
            .map(|&i| candidates[i].evidence.article)
            .collect::<HashSet<_>>()
            .len()
    };
    // reported sentences before bare leads, then by size
    let weight = |g: &Vec<usize>| {
        let reported = g.iter().filter(|&&i| !candidates[i].evidence.lead).count();
        (articles(g) + reported, reported)
    };
    groups.sort_by(|a, b| weight(b).cmp(&weight(a)).then(a[0].cmp(&b[0])));
    for g in &mut groups {
        let centrality: HashMap<usize, f64> = g
            .iter()
            .map(|&i| (i, centrality(candidates, g, i)))
            .collect();
        g.sort_by(|a, b| centrality[b].total_cmp(&centrality[a]).then(a.cmp(b)));
    }
    groups
}

/// How much a sentence shares with the others of its group (and how well it reads alone).
fn centrality(candidates: &[Candidate], group: &[usize], i: usize) -> f64 {
    let c = &candidates[i];
    let shared: f64 = group
        .iter()
        .filter(|&&j| j != i)
        .map(|&j| overlap(&c.words, &candidates[j].words))
        .sum();
    let long = if c.evidence.text.len() > LONG_SENTENCE {
        0.5
    } else {
        1.0
    };
    let bare = if c.evidence.lead { 0.8 } else { 1.0 };
    (shared + 0.1 * c.words.len().min(20) as f64 / 20.0) * long * bare
}

/// The summary (indices into `candidates`): the sentences that, taken together, are most like
/// the centroid of all the day's sentences (their weighted words summed), chosen one at a time
/// (as DATEWISE's CentroidOpt does). Furniture and very short sentences are passed over.
fn summary_of(candidates: &[Candidate], weights: &WordWeights) -> Vec<usize> {
    let vectors: Vec<Vec<(&str, f64)>> = candidates
        .iter()
        .map(|c| weights.vector(&c.words))
        .collect();
    let mut centroid: HashMap<&str, f64> = HashMap::new();
    for v in &vectors {
        for (w, x) in v {
            *centroid.entry(w).or_default() += x;
        }
    }
    let eligible: Vec<usize> = (0..candidates.len())
        .filter(|&i| {
            let text = &candidates[i].evidence.text;
            !vectors[i].is_empty() && text.trim().len() >= SHORTEST_SUMMARY && !is_furniture(text)
        })
        .collect();
    let mut chosen: Vec<usize> = Vec::new();
    // the summary so far: its summed words, and its dot product with the centroid
    let mut summed: HashMap<&str, f64> = HashMap::new();
    let (mut dot, mut length2) = (0.0f64, 0.0f64);
    while chosen.len() < SUMMARY_SENTENCES {
        let best = eligible
            .iter()
            .filter(|i| !chosen.contains(i))
            .map(|&i| {
                let v = &vectors[i];
                let with_dot = dot + v.iter().map(|(w, x)| x * centroid[w]).sum::<f64>();
                let cross: f64 = v
                    .iter()
                    .map(|(w, x)| x * summed.get(w).copied().unwrap_or(0.0))
                    .sum();
                let with_length = (length2 + 2.0 * cross + 1.0).max(f64::MIN_POSITIVE);
                (i, with_dot / with_length.sqrt())
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((i, _)) = best else { break };
        let v = &vectors[i];
        dot += v.iter().map(|(w, x)| x * centroid[w]).sum::<f64>();
        let cross: f64 = v
            .iter()
            .map(|(w, x)| x * summed.get(w).copied().unwrap_or(0.0))
            .sum();
        length2 += 2.0 * cross + 1.0;
        for (w, x) in v {
            *summed.entry(w).or_default() += x;
        }
        chosen.push(i);
    }
    if chosen.is_empty() {
        // nothing reads as a sentence of news: the first shown one, as it is
        chosen.extend(candidates.iter().position(|c| c.shown));
    }
    chosen
}

/// Capitalised words that start no sentence ("Thad Allen", "Gulf of Mexico") and are not
/// names of days or months.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "on",
    "at",
    "of",
    "mr",
    "mrs",
    "ms",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "lrb",
    "rrb",
    "this",
    "that",
    "there",
    "his",
    "her",
    "its",
    "their",
    "some",
    "after",
    "before",
    "as",
    "if",
    "when",
    "while",
];

const PLACE_WORDS: &[&str] = &["in", "at", "near", "off", "from", "to", "across", "outside"];

/// The names the sentences use in more than one sentence: places (after "in", "at", "near"…)
/// and actors (the others), the most used first, at most five each. Variants of one name in the
/// aliases count as one, shown in the spelling the sentences use most.
fn names(texts: &[&str], aliases: &Aliases) -> (Vec<String>, Vec<String>) {
    // name key → (sentences, times after a place word, spellings and their uses)
    let mut found: HashMap<String, (usize, usize, HashMap<String, usize>)> = HashMap::new();
    for text in texts {
        let mut in_sentence: HashSet<String> = HashSet::new();
        // words with whether only a space separates each from the one before
        let mut words: Vec<(&str, bool)> = Vec::new();
        let mut joined = false;
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let word_char = c.is_alphanumeric() || c == '-' || c == '\'';
            match (word_char, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((&text[s..i], joined));
                    start = None;
                    joined = c == ' ';
                }
                (false, None) => joined = joined && c == ' ',
                _ => {}
            }
        }
        let capital = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAMES.contains(&fold_str(w).as_str())
                && w.chars().count() > 1
        };
        let mut i = 1;
        while i < words.len() {
            if !capital(words[i].0) {
                i += 1;
                continue;
            }
            let begin = i;
            let mut end = i + 1;
            // "Gulf of Mexico": a lower-case "of" between two capitals
            while end < words.len() && words[end].1 {
                if capital(words[end].0) {
                    end += 1;
                } else if words[end].0 == "of"
                    && words.get(end + 1).is_some_and(|w| w.1 && capital(w.0))
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let name = words[begin..end]
                .iter()
                .map(|w| w.0)
                .collect::<Vec<_>>()
                .join(" ");
            let place = PLACE_WORDS.contains(&words[begin - 1].0);
            let key = group_key(&name, aliases);
            if in_sentence.insert(key.clone()) {
                let e = found.entry(key).or_default();
                e.0 += 1;
                e.1 += usize::from(place);
                *e.2.entry(name).or_default() += 1;
            }
            i = end;
        }
    }
    let mut ranked: Vec<(String, usize, bool)> = found
        .into_values()
        .filter(|(n, _, _)| *n > 1 || texts.len() == 1)
        .map(|(n, place, spellings)| {
            let name = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(s, _)| s)
                .unwrap_or_default();
            (name, n, place * 2 >= n)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let pick = |place: bool| {
        ranked
            .iter()
            .filter(|r| r.2 == place)
            .take(5)
            .map(|r| r.0.clone())
            .collect()
    };
    (pick(false), pick(true))
}

/// A name's key: its alias group's first variant, folded, when it has one.
fn group_key(name: &str, aliases: &Aliases) -> String {
    let folded = fold_str(name);
    for group in &aliases.groups {
        if group.iter().any(|v| fold_str(v) == folded)
            && let Some(first) = group.first()
        {
            return fold_str(first);
        }
    }
    folded
}
