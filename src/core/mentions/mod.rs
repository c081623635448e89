//! Date expressions inside an article's text, found and resolved in the spirit of TimeML/TIMEX3
//! and HeidelTime's news rules: each with its span, value, precision, kind and how it was resolved.
//!
//! How the parts fit: `find` cuts the text into tokens (`tokens`), then tries the rules of
//! `Finder::rule_at` at each token in turn: dates and times in digits (`numeric`), dates with a
//! month name (`dates`), years and quarters (`years`), expressions counted from the publication
//! date (`relative`), all reading their words from `lexicon`. A rule that matches leaves a draft
//! and the search goes on after it. A date given without a year takes one from the publication
//! date by the sentence's tense, and once every rule has run the words around each draft mark
//! ranges and what is still going on (both in `resolve`). Last, each draft's value (`value`) is
//! written out as a [`DateMention`].

mod dates;
mod durations;
mod lexicon;
mod numeric;
mod relative;
mod resolve;
mod tokens;
mod value;
mod years;

use chrono::NaiveDate;
use serde::Serialize;

use tokens::{Tok, tokenize};
use value::Value;

/// How exact a mention's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionPrecision {
    Time,
    Day,
    Week,
    Month,
    Quarter,
    /// Half a year: "the first half of 2011".
    Half,
    Year,
    /// Vague: no value.
    None,
}

/// What kind of date a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// Complete in itself ("November 10, 2020").
    Absolute,
    /// Completed from the publication date ("On December 5", "yesterday").
    Relative,
    /// The start of a range ("from December 3", "Nov. 18-19").
    RangeStart,
    /// The end of a range ("to December 7", "until March", "by the end of March").
    RangeEnd,
    /// The start of something still going on ("since December 12, 2022").
    Ongoing,
    /// A time the text does not pin down ("in recent months"): shown, with no value.
    Vague,
    /// How long something lasted ("three weeks", `P3W`): shown, never on the calendar.
    Duration,
    /// How often something happens ("every Monday", `XXXX-WXX-1`): shown, never on the
    /// calendar.
    Set,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Absolute => "absolute",
            MentionKind::Relative => "relative",
            MentionKind::RangeStart => "range_start",
            MentionKind::RangeEnd => "range_end",
            MentionKind::Ongoing => "ongoing",
            MentionKind::Vague => "vague",
            MentionKind::Duration => "duration",
            MentionKind::Set => "set",
        }
    }
}

impl MentionPrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionPrecision::Time => "time",
            MentionPrecision::Day => "day",
            MentionPrecision::Week => "week",
            MentionPrecision::Month => "month",
            MentionPrecision::Quarter => "quarter",
            MentionPrecision::Half => "half",
            MentionPrecision::Year => "year",
            MentionPrecision::None => "none",
        }
    }
}

/// A date expression in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offsets of the expression in the text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// TIMEX3 value: `2022-12-10`, `2022-12`, `2022`, `2022-W49`, `2022-Q1`, `2023-02-28T20:05`;
    /// `None` for a vague mention.
    pub value: Option<String>,
    pub precision: MentionPrecision,
    pub kind: MentionKind,
    /// The first day the value covers (for the calendar).
    pub first_day: Option<NaiveDate>,
    /// How the value was found, for people.
    pub how: String,
}
/// A found expression before its kind is settled by its neighbours.
#[derive(Debug, Clone)]
struct Draft {
    start: usize,
    end: usize,
    value: Option<Value>,
    /// Something was taken from the publication date.
    relative: bool,
    how: String,
    kind: Option<MentionKind>,
    /// Counted from the date spoken of before it ("a year earlier"): never itself a date to
    /// count from.
    refers_back: bool,
}

/// What a rule made of the tokens at one place.
enum Found {
    /// A date: the search goes on at this token.
    Next(usize),
    /// Not this rule's: the next rule tries.
    Pass,
    /// This rule's shape but no date ("2022-02-30"): no later rule reads these tokens either.
    NotADate,
}

/// The search through one text: its tokens and the drafts found so far.
struct Finder<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
    /// The words [`tokenize`] lower-cased (`Tok::low`).
    lowered: &'a str,
    reference: Option<NaiveDate>,
    /// `reference` written out, once it is asked for.
    reference_text: std::cell::OnceCell<Option<String>>,
    drafts: Vec<Draft>,
}

impl Finder<'_> {
    /// Tries every rule at token `i`, in order; the token after the match if one did.
    fn rule_at(&mut self, i: usize) -> Option<usize> {
        self.toks.get(i)?;
        // The order matters: a longer or more certain reading goes first ("2022-12-10" is a day
        // and "December 2022" a month before "2022" can be a year on its own).
        let rules: [fn(&mut Self, usize) -> Found; 17] = [
            Self::iso_at,
            Self::decade_at,
            Self::century_at,
            Self::numeric_at,
            Self::part_of_month_at,
            Self::day_of_month_at,
            Self::month_then_year_word_at,
            Self::month_first_at,
            Self::season_at,
            Self::day_first_at,
            Self::quarter_words_at,
            Self::quarter_code_at,
            Self::duration_at,
            Self::set_at,
            Self::relative_at,
            Self::bare_year_at,
            Self::time_at,
        ];
        for rule in rules {
            match rule(self, i) {
                Found::Next(next) => return Some(next),
                Found::Pass => {}
                Found::NotADate => return None,
            }
        }
        None
    }

    /// The publication date as a TIMEX3 day, written once for all the values counted from it.
    fn reference_ymd(&self) -> Option<&str> {
        self.reference_text
            .get_or_init(|| self.reference.map(value::ymd))
            .as_deref()
    }

    /// Keeps what a rule found; its kind is settled once every rule has run.
    fn push(
        &mut self,
        start: usize,
        end: usize,
        value: Option<Value>,
        relative: bool,
        how: String,
    ) {
        self.drafts.push(Draft {
            start,
            end,
            value,
            relative,
            how,
            kind: None,
            refers_back: false,
        });
    }
}

/// `text` lower-cased as every rule reads it: the dotted capital İ is i
/// ([`crate::core::timestamp::lower_dotted`]).
fn lower_case(text: &str) -> String {
    crate::core::timestamp::lower_dotted(text).collect()
}

/// Every date expression in `text`, resolved against `published` (the article's date).
pub fn find(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    // Every word with a capital or a letter beyond ASCII lower-cased into one string, once.
    let mut lowered = String::with_capacity(text.len() / 4);
    let toks = tokenize(text, &mut lowered);
    let mut f = Finder {
        text,
        toks,
        lowered: &lowered,
        reference: published,
        reference_text: std::cell::OnceCell::new(),
        drafts: Vec::new(),
    };
    // Whether the token after an article may carry a rule on: a number, a symbol, a month, a
    // word that starts a rule itself or one that follows an article in one.
    let carries_on = |toks: &[tokens::Tok], j: usize| match toks.get(j) {
        Some(t) if t.kind == tokens::Tk::Word => {
            t.month != 0 || t.class & (lexicon::class::STARTER | lexicon::class::AFTER_ARTICLE) != 0
        }
        Some(_) => true,
        None => false,
    };
    let mut i = 0;
    while i < f.toks.len() {
        // Most tokens start no rule: a number, a month, or a word of the lexicon's must.
        let t = f.toks[i];
        let may_start = match t.kind {
            tokens::Tk::Num => true,
            // A decade's apostrophe: "the '90s".
            tokens::Tk::Sym => matches!(t.text, "'" | "’"),
            tokens::Tk::Word => {
                t.month != 0
                    || (t.class & lexicon::class::STARTER != 0
                        && (t.class & lexicon::class::ARTICLE == 0 || carries_on(&f.toks, i + 1)))
                    // "later that year": a common word starts a rule only before its phrase's
                    || (t.class & lexicon::class::ANAPHORA_OPENER != 0
                        && lexicon::may_open_anaphora(t.low(&lowered), f.low(i + 1)))
                    // "for years": a plural unit starts a rule only after such a word
                    || (t.class & lexicon::class::BARE_LENGTH != 0
                        && i > 0
                        && f.has_class(i - 1, lexicon::class::BARE_PREPOSITION))
            }
        };
        if !may_start {
            i += 1;
            continue;
        }
        match f.rule_at(i) {
            Some(next) if next > i => i = next,
            _ => i += 1,
        }
    }
    resolve::settle_kinds(&mut f);
    resolve::join_neighbours(&mut f);
    f.drafts
        .into_iter()
        .map(|d| {
            let kind = d.kind.unwrap_or(if d.relative {
                MentionKind::Relative
            } else {
                MentionKind::Absolute
            });
            DateMention {
                text: text[d.start..d.end].to_string(),
                start: d.start,
                end: d.end,
                precision: d.value.map_or(MentionPrecision::None, Value::precision),
                first_day: d.value.and_then(Value::first_day),
                value: d.value.map(Value::timex),
                kind,
                how: d.how,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
