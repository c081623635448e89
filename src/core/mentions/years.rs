//! Years and quarters: a bare year where the words around make it one ("in 2020", "2021-ci
//! il", "в 2021 году", but not "2020 vehicles" or "12,2020"), "the first quarter of 2022", "Q1
//! 2022".

use chrono::Datelike;

use super::lexicon::{
    AMOUNT_SIGNS, NEWS_YEARS, NOT_PLURALS, NUMBER_NOUNS, QUARTER_ORDINALS, QUARTER_PHRASES,
    QuarterRef, TRIGGERS,
};
use super::resolve::{is_future, quarter_of, sentence_around};
use super::tokens::Tk;
use super::value::Value;
use super::{Finder, Found};

impl Finder<'_> {
    /// "the first quarter of 2022", "third-quarter", "the fiscal second quarter" (the latest such
    /// quarter by the publication date, the next in a sentence that looks ahead), "fiscal 1990",
    /// and quarters without an ordinal: "the quarter", "the year-ago quarter".
    pub(super) fn quarter_words_at(&mut self, i: usize) -> Found {
        if let Some(next) = self.quarter_phrase_at(i) {
            return Found::Next(next);
        }
        let fiscal = self.lower(i).as_deref() == Some("fiscal");
        if fiscal && let Some((y, next)) = self.year(i + 1) {
            let end = self.end_before(next);
            let start = self.with_the(i);
            self.push(
                start,
                end,
                Some(Value::Year(y)),
                false,
                "fiscal year given".into(),
            );
            return Found::Next(next);
        }
        let o = i + usize::from(fiscal);
        let Some(q) = self
            .lower(o)
            .and_then(|w| QUARTER_ORDINALS.iter().position(|x| *x == w))
        else {
            return Found::Pass;
        };
        let unit = if self.sym(o + 1, "-") { o + 2 } else { o + 1 };
        if self.lower(unit).as_deref() != Some("quarter") {
            return Found::Pass;
        }
        let q = q as u32 + 1;
        let (value, next, relative, how) = if self.lower(unit + 1).as_deref() == Some("of")
            && let Some((y, n)) = self.year(unit + 2)
        {
            (
                Some(Value::Quarter(y, q)),
                n,
                false,
                "quarter and year given".to_string(),
            )
        } else {
            let future = is_future(sentence_around(self.text, self.toks[i].start));
            // The latest such quarter by the publication date; looking ahead, a quarter ended
            // more than a quarter before is next year's (the one just ended is reported on).
            let value = self.reference.map(|r| {
                let now = quarter_of(r);
                let back = (now + 4 - q) % 4;
                let y = r.year() - i32::from(q > now) + i32::from(future && back >= 2);
                Value::Quarter(y, q)
            });
            let how = if future {
                "the next such quarter from"
            } else {
                "the latest such quarter by"
            };
            (value, unit + 1, true, self.counted_from(how))
        };
        let start = self.with_the(i);
        let end = self.end_before(next);
        self.push(start, end, value, relative, how);
        Found::Next(next)
    }

    /// The start of the phrase at `i`, with a "the" before it.
    fn with_the(&self, i: usize) -> usize {
        if i > 0 && self.lower(i - 1).as_deref() == Some("the") {
            self.toks[i - 1].start
        } else {
            self.toks[i].start
        }
    }

    /// "the quarter", "the year-ago quarter", "last quarter".
    fn quarter_phrase_at(&mut self, i: usize) -> Option<usize> {
        let (phrase, which) = QUARTER_PHRASES
            .iter()
            .find(|(phrase, _)| self.is_phrase(i, phrase))?;
        let spoken = match self.anchor() {
            Some(Value::Quarter(y, q)) => Some((y, q)),
            _ => None,
        };
        if phrase.last() == Some(&"period") && spoken.is_none() {
            return None;
        }
        let previous = self.reference.map(|r| match quarter_of(r) {
            1 => (r.year() - 1, 4),
            q => (r.year(), q - 1),
        });
        let (value, how) = match which {
            QuarterRef::Spoken => match spoken {
                Some(q) => (Some(q), "the quarter spoken of".to_string()),
                None => (previous, self.counted_from("the last whole quarter before")),
            },
            QuarterRef::Current => (
                self.reference.map(|r| (r.year(), quarter_of(r))),
                self.counted_from("the quarter of"),
            ),
            QuarterRef::Previous => (previous, self.counted_from("the quarter before that of")),
            QuarterRef::YearBefore => match spoken {
                Some((y, q)) => (
                    Some((y - 1, q)),
                    "a year before the quarter spoken of".into(),
                ),
                None => (
                    previous.map(|(y, q)| (y - 1, q)),
                    self.counted_from("a year before the last whole quarter before"),
                ),
            },
        };
        let next = i + phrase.len();
        let (start, end) = (self.toks[i].start, self.end_before(next));
        self.push(
            start,
            end,
            value.map(|(y, q)| Value::Quarter(y, q)),
            true,
            how,
        );
        if let Some(d) = self.drafts.last_mut() {
            d.refers_back = spoken.is_some();
        }
        Some(next)
    }

    /// "Q1 2022".
    pub(super) fn quarter_code_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if t.kind == Tk::Word
            && t.text.len() == 2
            && t.text.starts_with('Q')
            && let Ok(q) = t.text[1..].parse::<u32>()
            && (1..=4).contains(&q)
            && let Some((y, next)) = self.year(i + 1)
        {
            let end = self.end_before(next);
            self.push(
                t.start,
                end,
                Some(Value::Quarter(y, q)),
                false,
                "quarter and year given".into(),
            );
            return Found::Next(next);
        }
        Found::Pass
    }

    /// A bare year after a preposition, or before "year": "in 2020", "2021-ci il", "в 2021 году".
    pub(super) fn bare_year_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if let Some((y, next)) = self.year(i) {
            let prev = i.checked_sub(1).and_then(|p| self.lower(p));
            let suffixed = next > i + 1;
            let after_trigger = prev
                .as_deref()
                .is_some_and(|w| TRIGGERS.contains(&w) || w == "year");
            let before_year_word = self.lower(next).as_deref() == Some("year");
            // Not "in 2020 vehicles": a plural noun after the number makes it a count.
            let counted = self.lower(next).is_some_and(|w| {
                w.len() > 3 && w.ends_with('s') && !NOT_PLURALS.contains(&w.as_str())
            });
            // A thousands separator joins digits: "1,990" or "2011,500" — "In 2011, the…" is
            // a year.
            let digits_at = |k: usize| self.num(k).is_some_and(|(_, l)| l == 3);
            let thousands = self.sym(i + 1, ",")
                && self.adjacent(i)
                && self.adjacent(i + 1)
                && digits_at(i + 2)
                || i > 0 && self.sym(i - 1, ",") && self.adjacent(i - 1);
            // Within the years news is about, a year stands alone ("the 1996 campaign", "a
            // 1971 convention") unless an amount or a number reads it.
            let amount = i > 0
                && (self.toks[i - 1].kind == super::tokens::Tk::Sym
                    && AMOUNT_SIGNS.contains(&self.toks[i - 1].text)
                    || self
                        .lower(i - 1)
                        .is_some_and(|w| NUMBER_NOUNS.contains(&w.as_str())))
                || self.sym(i + 1, "%")
                || self.sym(i + 1, ".") && self.adjacent(i) && self.num(i + 2).is_some();
            let plausible = (NEWS_YEARS.0..=NEWS_YEARS.1).contains(&y) && !amount;
            if (suffixed || after_trigger || before_year_word || plausible)
                && !counted
                && !thousands
            {
                let end = self.end_before(next);
                self.push(
                    t.start,
                    end,
                    Some(Value::Year(y)),
                    false,
                    "year given".into(),
                );
                return Found::Next(next);
            }
        }
        Found::Pass
    }
}
