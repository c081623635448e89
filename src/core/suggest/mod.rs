//! The suggested timeline: from every dated mention in every article and from the publication
//! dates, the days on which something was reported to happen, ranked, each with its evidence —
//! the sentences that say what happened, grouped by what they share, with the most representative
//! one as the summary, a proposed type, actors and places.
//!
//! Two steps, so that a filter is cheap: [`report`] reads one article once (its day mentions and
//! their sentences); [`suggest`] weighs the reports of the articles in scope and gathers the
//! evidence of the days it keeps.

pub mod dismissed;
mod evidence;
pub mod sentences;
pub mod types;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::core::collection::Article;
use crate::core::mentions::{self, MentionKind, MentionPrecision};
pub use types::TypeWords;

/// How a day is weighed: a sum over the articles in scope. Chosen on Timeline17's nine topics by
/// leaving each topic out in turn and fitting on the other eight (a coordinate search over these
/// weights, `tests/bench/tls-fit.py`); seven of the nine folds chose these values (the month
/// weight is not fitted: Timeline17's dates are days). See README.md, Performance, "Suggested
/// timeline".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// An article published that day.
    pub published: f64,
    /// An article published the next day (news of the day before).
    pub published_next: f64,
    /// An article that names the day in full ("April 20", "20 April 2010") on or before its
    /// publication day.
    pub named: f64,
    /// An article that reaches the day from its publication date only ("on Tuesday").
    pub counted: f64,
    /// An article that says something will happen that day (after its publication day).
    pub ahead: f64,
    /// An article that names its own publication day (outside its dateline): the publication
    /// already counts it.
    pub same_day: f64,
    /// More for a report `late_days` or more after the day: still spoken of.
    pub late: f64,
    pub late_days: i64,
    /// A month mentioned without its day, against a day.
    pub month: f64,
}

pub const WEIGHTS: Weights = Weights {
    published: 0.25,
    published_next: 0.1,
    named: 1.0,
    counted: 1.0,
    ahead: 0.1,
    same_day: 0.0,
    late: 0.0,
    late_days: 30,
    month: 0.1,
};

/// How exact a suggested date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
        }
    }
}

/// One day (or month) an article speaks of, in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Reported {
    /// The day, or the first day of the month.
    pub day: NaiveDate,
    pub precision: Precision,
    /// The end of a range the sentence gives ("from June 3 to June 7").
    pub end: Option<NaiveDate>,
    /// Still going on ("since June 3").
    pub ongoing: bool,
    /// After the article's publication day: announced, not reported.
    pub ahead: bool,
    /// Named in full ("April 20"), not counted from the publication date ("on Tuesday").
    pub named: bool,
    /// The sentence, as byte offsets into the article's text.
    pub sentence: Range<usize>,
    /// The same for a copy of the sentence in another article.
    pub key: u64,
}

/// What one article reports, read once and reused for every filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleReport {
    pub published: Option<NaiveDate>,
    /// The outlet, its web host, or empty when neither is known.
    pub source: String,
    pub items: Vec<Reported>,
    /// The body's first sentence (offsets into the text) and its key.
    pub lead: Option<(Range<usize>, u64)>,
    /// The body's first few sentences, its dateline left out: what the article says happened
    /// on its day or the day before, a candidate for those days' summaries.
    pub opening: Vec<Range<usize>>,
}

/// How many of an article's first sentences can summarise its day and the day before (as in
/// Ghalandari & Ifrim's DATEWISE, which takes the first five).
pub const OPENING_SENTENCES: usize = 5;

/// How far into the body an article's own dateline or byline can reach.
const DATELINE_BYTES: usize = 100;
/// How far into the body a news agency's dateline can reach ("Credit: … AMMAN | Fri Apr 22,
/// 2011 7:12pm EDT AMMAN (Reuters) - ").
const AGENCY_DATELINE_BYTES: usize = 250;

/// Where the body's dateline or byline ends ("HOUSTON, April 22 (Reuters) - "; a short first
/// line such as "April 22, 2010"): a mention of the publication day before it is the article
/// dating itself, not a report, and a summary leaves it out.
fn dateline_end(body: &str) -> usize {
    let agency = &body[..body.floor_char_boundary(AGENCY_DATELINE_BYTES.min(body.len()))];
    let first_line = agency.split('\n').next().unwrap_or_default();
    for dash in [
        ") - ",
        ") -- ",
        ") \u{2014} ",
        ") \u{2013} ",
        "-RRB- - ",
        "-RRB- -- ",
    ] {
        if let Some(at) = first_line.find(dash) {
            return at + dash.len();
        }
    }
    // "HOUSTON, April 22 - ": a place in capitals first
    let head = &body[..body.floor_char_boundary(DATELINE_BYTES.min(body.len()))];
    let first_word = head.split_whitespace().next().unwrap_or_default();
    let place = first_word
        .trim_end_matches([',', ':'])
        .chars()
        .filter(|c| c.is_alphabetic())
        .count()
        >= 2
        && !first_word.chars().any(char::is_lowercase);
    for dash in [" - ", " \u{2014} ", " \u{2013} ", " -- "] {
        if let Some(at) = head.find(dash).filter(|_| place) {
            return at + dash.len();
        }
    }
    let first_line = body.trim_start().split('\n').next().unwrap_or_default();
    if first_line.len() < 50 && !first_line.trim_end().ends_with(['.', '!', '?']) {
        return body.len() - body.trim_start().len() + first_line.len();
    }
    0
}

/// Reads what `article` reports.
pub fn report(article: &Article) -> ArticleReport {
    report_text(
        &article.text,
        article.body_start,
        article.meta.published.map(|t| t.date),
        source_of(article),
    )
}

/// Reads what an article's `text` reports, its body starting at byte `body_start`.
pub fn report_text(
    text: &str,
    body_start: usize,
    published: Option<NaiveDate>,
    source: String,
) -> ArticleReport {
    let base = body_start.min(text.len());
    let body = text.get(base..).unwrap_or_default();
    let spans = sentences::split(body);
    let mut items: Vec<Reported> = Vec::new();
    let found = mentions::find(body, published);
    let own = dateline_end(body);
    for (i, m) in found.iter().enumerate() {
        let Some(day) = m.first_day else { continue };
        let precision = match (m.kind, m.precision) {
            (
                MentionKind::Vague
                | MentionKind::Duration
                | MentionKind::Set
                | MentionKind::RangeEnd,
                _,
            ) => continue,
            (_, MentionPrecision::Time | MentionPrecision::Day) => Precision::Day,
            (_, MentionPrecision::Month) => Precision::Month,
            _ => continue,
        };
        if precision == Precision::Day && Some(day) == published && m.start < own {
            continue;
        }
        let at = spans.partition_point(|s| s.end <= m.start);
        let Some(span) = spans.get(at).filter(|s| s.start <= m.start) else {
            continue;
        };
        let end = (m.kind == MentionKind::RangeStart)
            .then(|| {
                found[i + 1..]
                    .iter()
                    .take_while(|n| n.start < span.end)
                    .find(|n| n.kind == MentionKind::RangeEnd)
                    .and_then(|n| n.first_day)
            })
            .flatten()
            .filter(|e| *e > day);
        // a sentence that begins with the dateline is reported without it
        let from = if span.start < own && own <= m.start {
            own
        } else {
            span.start
        };
        let sentence = trim_range(text, base + from..base + span.end);
        if items
            .iter()
            .any(|r| r.day == day && r.precision == precision && r.sentence == sentence)
        {
            continue;
        }
        items.push(Reported {
            day,
            precision,
            end,
            ongoing: m.kind == MentionKind::Ongoing,
            ahead: published.is_some_and(|p| day > p),
            named: m.kind != MentionKind::Relative,
            key: sentences::key(&body[span.clone()]),
            sentence,
        });
    }
    let lead = spans.first().map(|s| {
        (
            base + s.start..base + s.end,
            sentences::key(&body[s.clone()]),
        )
    });
    let opening = spans
        .iter()
        .filter(|s| s.end > own)
        .map(|s| trim_range(text, base + s.start.max(own)..base + s.end))
        .filter(|r| r.len() >= evidence::SHORTEST_SUMMARY)
        .take(OPENING_SENTENCES)
        .collect();
    ArticleReport {
        published,
        source,
        items,
        lead,
        opening,
    }
}

/// `range` of `text` without the white space at its ends.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let part = text.get(range.clone()).unwrap_or_default();
    let start = range.start + (part.len() - part.trim_start().len());
    start..(start + part.trim().len()).max(start)
}

/// The outlet an article names, or its page's host.
pub fn source_of(article: &Article) -> String {
    if let Some(s) = article
        .meta
        .source
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        return s.trim().to_string();
    }
    article
        .meta
        .url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .map(|host| host.trim_start_matches("www.").to_lowercase())
        .unwrap_or_default()
}

/// The reports of many articles, read by `read` on every core; `progress` hears now and then
/// how many are done.
pub fn reports<T: Sync>(
    items: &[T],
    read: impl Fn(&T) -> ArticleReport + Sync,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<ArticleReport> {
    let threads = crate::core::threads().min(8);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let run = |part: &[T]| {
        part.iter()
            .map(|item| {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n.is_multiple_of(256) {
                    progress(n);
                }
                read(item)
            })
            .collect::<Vec<_>>()
    };
    if threads <= 1 || items.len() < 64 {
        return run(items);
    }
    // a part that failed still holds its places, so reports stay beside their articles
    crate::core::in_parts(items, threads, |_, part| run(part))
        .into_iter()
        .flat_map(|(range, reports)| {
            reports.unwrap_or_else(|_| vec![ArticleReport::default(); range.len()])
        })
        .collect()
}

/// What to suggest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Exactly this many dates (fewer only when fewer exist); `None`: every date that weighs as
    /// much as two articles reporting it (at least one date, at most [`DEFAULT_LIMIT`]).
    pub dates: Option<usize>,
    /// Articles published, and dates, from this day on.
    pub from: Option<NaiveDate>,
    /// Articles published, and dates, up to this day.
    pub to: Option<NaiveDate>,
}

/// At most this many suggestions when no number is asked for.
pub const DEFAULT_LIMIT: usize = 300;
/// At most this many evidence passages a suggestion.
pub const MAX_EVIDENCE: usize = 60;

/// One article in scope: where it is in the collection, its path, text and report.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub index: usize,
    pub path: &'a str,
    pub text: &'a str,
    pub report: &'a ArticleReport,
}

impl<'a> Input<'a> {
    /// Every article beside its report (`reports` as [`reports`] made them, in the same order).
    pub fn all<A: std::borrow::Borrow<Article>>(
        articles: &'a [A],
        reports: &'a [ArticleReport],
    ) -> Vec<Self> {
        articles
            .iter()
            .zip(reports)
            .enumerate()
            .map(|(index, (article, report))| Self::of(index, article.borrow(), report))
            .collect()
    }

    pub fn of(index: usize, article: &'a Article, report: &'a ArticleReport) -> Self {
        Self {
            index,
            path: &article.path,
            text: &article.text,
            report,
        }
    }
}

/// A passage that reports the suggested date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The article's place in the collection.
    #[serde(skip)]
    pub article: usize,
    pub path: String,
    /// Byte offsets into the article's text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Only the article's lead, for a day it was published on (no sentence names the day).
    #[serde(skip)]
    pub lead: bool,
}

/// A proposed date of the timeline, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub date: NaiveDate,
    pub precision: Precision,
    pub end: Option<NaiveDate>,
    pub ongoing: bool,
    pub score: f64,
    /// One or two of the evidence sentences, the most representative.
    pub summary: String,
    /// The summary's sentences, one by one.
    pub summary_sentences: Vec<String>,
    pub articles: usize,
    pub sources: usize,
    pub event_type: String,
    /// The rule word that proposed the type (empty: the fallback).
    pub type_because: String,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub evidence: Vec<Evidence>,
}

impl Suggestion {
    /// What a dismissal remembers: the date as TIMEX (`2010-04-20`, `2010-04`).
    pub fn key(&self) -> String {
        key_of(self.date, self.precision)
    }
}

pub fn key_of(date: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Day => date.format("%Y-%m-%d").to_string(),
        Precision::Month => date.format("%Y-%m").to_string(),
    }
}

/// Why there is nothing to suggest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Empty {
    #[error("no articles to suggest from")]
    NoArticles,
    #[error("no article in scope is published between the dates asked for")]
    NoneInRange,
    #[error("no dates: none of the {0} articles in scope names a day or has a publication date")]
    NoDates(usize),
}

/// The suggested dates for the articles in `scope`, in date order; `known` says which event
/// types the taxonomy has.
pub fn suggest(
    scope: &[Input],
    options: &Options,
    words: &TypeWords,
    aliases: &crate::core::search::Aliases,
    known: &dyn Fn(&str) -> bool,
) -> Result<Vec<Suggestion>, Empty> {
    if scope.is_empty() {
        return Err(Empty::NoArticles);
    }
    let in_days =
        |d: NaiveDate| options.from.is_none_or(|f| d >= f) && options.to.is_none_or(|t| d <= t);
    let bounded = options.from.is_some() || options.to.is_some();
    let scope: Vec<&Input> = scope
        .iter()
        .filter(|i| !bounded || i.report.published.is_some_and(in_days))
        .collect();
    if scope.is_empty() {
        return Err(Empty::NoneInRange);
    }
    let scores = weigh(&scope, &in_days, &WEIGHTS);
    if scores.is_empty() {
        return Err(Empty::NoDates(scope.len()));
    }
    let mut ranked: Vec<(&(NaiveDate, Precision), &f64)> = scores.iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let keep = match options.dates {
        Some(n) => n,
        None => ranked
            .iter()
            .take_while(|(_, s)| **s >= 2.0 * WEIGHTS.counted - 1e-9)
            .count()
            .clamp(1, DEFAULT_LIMIT),
    };
    // A month is suggested only where no day of it is a candidate: it says less.
    let months_with_days: HashSet<(i32, u32)> = scores
        .keys()
        .filter(|(_, p)| *p == Precision::Day)
        .map(|(d, _)| (d.year(), d.month()))
        .collect();
    let mut chosen: Vec<((NaiveDate, Precision), f64)> = ranked
        .into_iter()
        .filter(|((d, p), _)| {
            *p == Precision::Day || !months_with_days.contains(&(d.year(), d.month()))
        })
        .take(keep)
        .map(|(k, s)| (*k, *s))
        .collect();
    chosen.sort_by_key(|(k, _)| *k);
    // where each chosen date is spoken of, in one pass over the reports
    let mut seen: HashMap<(NaiveDate, Precision), evidence::Sightings> = chosen
        .iter()
        .map(|(k, _)| (*k, evidence::Sightings::default()))
        .collect();
    for (s, input) in scope.iter().enumerate() {
        for (i, item) in input.report.items.iter().enumerate() {
            if let Some(x) = seen.get_mut(&(item.day, item.precision)) {
                x.reports.push((s, i));
            }
        }
        if let Some(x) = input
            .report
            .published
            .and_then(|p| seen.get_mut(&(p, Precision::Day)))
        {
            x.published.push(s);
        }
        if let Some(x) = input
            .report
            .published
            .and_then(|p| p.pred_opt())
            .and_then(|d| seen.get_mut(&(d, Precision::Day)))
        {
            x.published_next.push(s);
        }
    }
    let gathered: Vec<(evidence::Gathered, f64)> = chosen
        .into_iter()
        .map(|(key, score)| {
            let sightings = seen.remove(&key).unwrap_or_default();
            (evidence::collect(&scope, &sightings, key.0, key.1), score)
        })
        .collect();
    let weights = evidence::WordWeights::of(gathered.iter().map(|(g, _)| g));
    Ok(gathered
        .into_iter()
        .map(|(g, score)| g.finish(score, &weights, words, aliases, known))
        .collect())
}

/// The score of every day (and month) in range.
fn weigh(
    scope: &[&Input],
    in_days: &dyn Fn(NaiveDate) -> bool,
    w: &Weights,
) -> HashMap<(NaiveDate, Precision), f64> {
    let mut scores: HashMap<(NaiveDate, Precision), f64> = HashMap::new();
    // sentence keys already counted for a date: a copied paragraph counts once
    let mut seen: HashSet<(NaiveDate, Precision, u64)> = HashSet::new();
    let mut leads: HashSet<(NaiveDate, u64)> = HashSet::new();
    for input in scope {
        let r = input.report;
        if let Some(p) = r.published {
            let copy = r.lead.as_ref().is_some_and(|(_, k)| !leads.insert((p, *k)));
            if !copy {
                if in_days(p) {
                    *scores.entry((p, Precision::Day)).or_default() += w.published;
                }
                if let Some(before) = p.pred_opt().filter(|d| in_days(*d)) {
                    *scores.entry((before, Precision::Day)).or_default() += w.published_next;
                }
            }
        }
        let mut days: Vec<(NaiveDate, Precision)> = Vec::new();
        for item in &r.items {
            if in_days(item.day) && !days.contains(&(item.day, item.precision)) {
                days.push((item.day, item.precision));
            }
        }
        for (day, precision) in days {
            let (mut fresh, mut ahead, mut named) = (false, true, false);
            for item in r
                .items
                .iter()
                .filter(|i| i.day == day && i.precision == precision)
            {
                fresh |= seen.insert((day, precision, item.key));
                ahead &= item.ahead;
                named |= item.named;
            }
            if !fresh {
                continue;
            }
            let lag = r.published.map_or(0, |p| (p - day).num_days());
            let mut weight = match (ahead, named) {
                _ if lag == 0 => w.same_day,
                (true, _) => w.ahead,
                (false, true) => w.named,
                (false, false) => w.counted,
            };
            if lag >= w.late_days {
                weight += w.late;
            }
            if precision == Precision::Month {
                weight *= w.month;
            }
            *scores.entry((day, precision)).or_default() += weight;
        }
    }
    scores
}
