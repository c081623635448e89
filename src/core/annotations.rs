//! The annotation model: passages (W3C-style selectors into an article), plain annotations and
//! events with evidence, and the set of them that is saved beside a collection.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::collection::Article;

/// The version written in every annotations file.
pub const FORMAT_VERSION: u32 = 1;

/// Characters of context kept before and after a quote.
const CONTEXT_CHARS: usize = 32;

/// Where a passage is: after the W3C Web Annotation model, a quote with its context, its position
/// (byte offsets into the decoded text) and the hash of the article it was taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub path: String,
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub content_hash: String,
}

impl Passage {
    /// The passage `start..end` (byte offsets, clamped to character boundaries) of `article`.
    /// `None` when the range holds no text.
    pub fn from_article(article: &Article, start: usize, end: usize) -> Option<Self> {
        let text = &article.text;
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.min(text.len()));
        if start >= end || text[start..end].trim().is_empty() {
            return None;
        }
        let prefix_start = text[..start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = text[end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(i, _)| end + i);
        Some(Self {
            path: article.path.clone(),
            exact: text[start..end].to_string(),
            prefix: text[prefix_start..start].to_string(),
            suffix: text[end..suffix_end].to_string(),
            start,
            end,
            content_hash: article.content_hash.clone(),
        })
    }

    /// The byte range of this passage in `article`'s text, if the quote is still where it was.
    pub fn range_in(&self, article: &Article) -> Option<std::ops::Range<usize>> {
        (article.text.get(self.start..self.end) == Some(self.exact.as_str()))
            .then_some(self.start..self.end)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How exact a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Month,
    Year,
}

impl Precision {
    pub const ALL: [Precision; 3] = [Precision::Day, Precision::Month, Precision::Year];

    pub fn label(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date known to the day, the month or the year, written as TIMEX3 values are:
/// `2022-12-05`, `2022-12`, `2022`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn from_date(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The same date, cut to a coarser precision or, for a finer one, completed with the
    /// first month or day.
    pub fn with_precision(&self, precision: Precision) -> Self {
        match precision {
            Precision::Year => Self {
                month: None,
                day: None,
                ..*self
            },
            Precision::Month => Self {
                month: Some(self.month.unwrap_or(1)),
                day: None,
                ..*self
            },
            Precision::Day => Self {
                month: Some(self.month.unwrap_or(1)),
                day: Some(self.day.unwrap_or(1)),
                ..*self
            },
        }
    }

    /// The first day this date covers.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date: {0:?} (write 2022-12-07, 2022-12 or 2022)")]
pub struct DateError(pub String);

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError(s.to_string());
        let s = s.trim();
        let mut parts = s.split('-');
        let year_text = parts.next().ok_or_else(err)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = year_text.parse().map_err(|_| err())?;
        let mut number = |max: u32| -> Result<Option<u32>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    let v: u32 = p.parse().map_err(|_| err())?;
                    if (1..=max).contains(&v) {
                        Ok(Some(v))
                    } else {
                        Err(err())
                    }
                }
                Some(_) => Err(err()),
            }
        };
        let month = number(12)?;
        let day = if month.is_some() { number(31)? } else { None };
        if parts.next().is_some() {
            return Err(err());
        }
        let date = Self { year, month, day };
        if day.is_some() && date.first_day().is_none() {
            return Err(err());
        }
        Ok(date)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTime {
    pub start: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// Still going on at the time of the reports ("since December 12, 2022").
    #[serde(default, skip_serializing_if = "is_false")]
    pub ongoing: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Something that happened, with the passages that report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    /// A type id from the taxonomy, e.g. `protests/peaceful_protest`.
    #[serde(rename = "type")]
    pub event_type: String,
    pub when: EventTime,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Vec<Passage>,
    /// How many people were killed, when the reports say (never a made-up 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<u32>,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub modified: String,
    /// Who made it (set once in the preferences).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Who changed it last (the name in Preferences), when not its author.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified_by: String,
}

/// A highlighted passage with tags and a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    pub passage: Passage,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub modified: String,
    /// Who made it (set once in the preferences).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Who changed it last (the name in Preferences), when not its author.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified_by: String,
}

/// Everything saved in an annotations file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationSet {
    pub version: u32,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Entries two people changed differently, from a merge (a sync, `git merge` through the
    /// merge driver, a merged file): ours is in the lists above, theirs kept here until someone
    /// settles it in the Conflicts window. Saved with the file, so no change is ever lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::merge::Conflict>,
}

impl Default for AnnotationSet {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            events: Vec::new(),
            annotations: Vec::new(),
            conflicts: Vec::new(),
        }
    }
}

impl AnnotationSet {
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// Sorts entries by id, as they are saved.
    pub fn normalise(&mut self) {
        self.events.sort_by(|a, b| a.id.cmp(&b.id));
        self.annotations.sort_by(|a, b| a.id.cmp(&b.id));
        self.conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.annotations.is_empty()
    }

    /// Every passage in `path`: (its byte range, what it belongs to).
    pub fn passages_in<'a>(
        &'a self,
        path: &'a str,
    ) -> impl Iterator<Item = (&'a Passage, PassageOwner<'a>)> + 'a {
        let events = self.events.iter().flat_map(move |e| {
            e.evidence
                .iter()
                .filter(move |p| p.path == path)
                .map(move |p| (p, PassageOwner::Event(e)))
        });
        let annotations = self
            .annotations
            .iter()
            .filter(move |a| a.passage.path == path)
            .map(|a| (&a.passage, PassageOwner::Annotation(a)));
        events.chain(annotations)
    }
}

/// What a passage belongs to.
#[derive(Debug, Clone, Copy)]
pub enum PassageOwner<'a> {
    Event(&'a Event),
    Annotation(&'a Annotation),
}

impl PassageOwner<'_> {
    pub fn id(&self) -> &str {
        match self {
            PassageOwner::Event(e) => &e.id,
            PassageOwner::Annotation(a) => &a.id,
        }
    }
}

/// A new stable id: a prefix, the time and a counter, hashed so that two people's new entries
/// do not collide when their files are merged.
pub fn new_id(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let seed = format!("{nanos}:{}:{n}", std::process::id());
    let hash = xxhash_rust::xxh3::xxh3_64(seed.as_bytes());
    format!("{prefix}-{hash:016x}")
}

/// The current time as stored in `created` and `modified`.
pub fn now_stamp() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// A plain event for tests: a meeting on 2022-12-05 with no passages.
#[cfg(test)]
pub fn test_event(id: &str, title: &str) -> Event {
    Event {
        id: id.into(),
        title: title.into(),
        event_type: "diplomacy/meeting".into(),
        when: EventTime {
            start: PartialDate {
                year: 2022,
                month: Some(12),
                day: Some(5),
            },
            end: None,
            ongoing: false,
            approximate: false,
        },
        actors: vec![],
        places: vec![],
        tags: vec![],
        note: String::new(),
        fatalities: None,
        evidence: vec![],
        created: String::new(),
        modified: String::new(),
        author: String::new(),
        modified_by: String::new(),
    }
}

/// Splits "Lavrov, Bayramov ,  " into ["Lavrov", "Bayramov"].
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::test_article;

    #[test]
    fn partial_dates_parse_and_print() {
        let cases: &[(&str, Option<&str>, Option<Precision>)] = &[
            ("2022-12-05", Some("2022-12-05"), Some(Precision::Day)),
            ("2022-12", Some("2022-12"), Some(Precision::Month)),
            (" 2022 ", Some("2022"), Some(Precision::Year)),
            ("2022-02-30", None, None),
            ("2022-13", None, None),
            ("22-12-05", None, None),
            ("2022-12-05-01", None, None),
            ("yesterday", None, None),
            ("", None, None),
        ];
        for (text, want, precision) in cases {
            let got = text.parse::<PartialDate>().ok();
            assert_eq!(got.map(|d| d.to_string()).as_deref(), *want, "{text:?}");
            assert_eq!(got.map(|d| d.precision()), *precision, "{text:?}");
        }
    }

    #[test]
    fn precision_changes() -> Result<(), DateError> {
        let d: PartialDate = "2022-12-05".parse()?;
        assert_eq!(d.with_precision(Precision::Month).to_string(), "2022-12");
        assert_eq!(d.with_precision(Precision::Year).to_string(), "2022");
        let y: PartialDate = "2022".parse()?;
        assert_eq!(y.with_precision(Precision::Day).to_string(), "2022-01-01");
        Ok(())
    }

    #[test]
    fn passages_keep_quote_and_context() {
        let a = test_article(
            "a.txt",
            "Headline\n2022-12-12\n\nThe ministers met in Baku on Monday. Ağdam ə.\n",
        );
        let start = a.text.find("met in Baku").unwrap_or(0);
        let p = Passage::from_article(&a, start, start + "met in Baku".len());
        let p = p.expect("a passage");
        assert_eq!(p.exact, "met in Baku");
        assert!(p.prefix.ends_with("The ministers "));
        assert!(p.suffix.starts_with(" on Monday."));
        assert_eq!(p.range_in(&a), Some(p.start..p.end));
        // Offsets inside a multi-byte character are moved to its start, never split it.
        let inside = a.text.find('ə').map_or(0, |i| i + 1);
        let p = Passage::from_article(&a, inside - 3, inside).expect("a passage");
        assert!(p.exact.ends_with(' '), "{:?}", p.exact);
        assert!(Passage::from_article(&a, 5, 5).is_none());
        assert!(
            Passage::from_article(&a, 8, 9).is_none(),
            "white space only"
        );
    }

    #[test]
    fn lists_split_on_commas_and_semicolons() {
        assert_eq!(split_list(" Lavrov, Bayramov ;; "), ["Lavrov", "Bayramov"]);
        assert!(split_list(" , ").is_empty());
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<_> = (0..1000).map(|_| new_id("ev")).collect();
        assert_eq!(ids.len(), 1000);
    }
}
