//! How long and how often: durations ("three weeks", "the past two months", "a three-year
//! contract", "several years") and sets ("every Monday", "each summer", "daily"). TIMEX3 gives
//! them values of their own (`P3W`, `XXXX-WXX-1`); they are shown, never put on the calendar.

use super::lexicon::{
    AGE_WORDS, BARE_LENGTH_PREPOSITIONS, BARE_LENGTHS, DURATION_UNITS, EVERY_WORDS, LENGTH_EXTRAS,
    LENGTH_PREPOSITIONS, NOT_DURATION_AFTER, NUMBER_WORDS, SEASONS, SET_WORDS, SOME_WORDS,
    SPAN_WORDS, weekday_of,
};
use super::value::{Repeat, Value};
use super::{Finder, Found, MentionKind};

impl Finder<'_> {
    /// A count and a unit: "three weeks", "10 days", "a decade", "several years", "a
    /// three-year contract", "the past two months".
    pub(super) fn duration_at(&mut self, i: usize) -> Found {
        // "for years", "within weeks": a length with no number.
        if let Some(&(_, letter, time)) = BARE_LENGTHS
            .iter()
            .find(|(plural, ..)| self.lower(i) == Some(*plural))
            && i > 0
            && self
                .lower(i - 1)
                .is_some_and(|w| BARE_LENGTH_PREPOSITIONS.contains(&w))
            && !self
                .lower(i + 1)
                .is_some_and(|w| NOT_DURATION_AFTER.contains(&w) || AGE_WORDS.contains(&w))
        {
            self.push_length(i, i + 1, None, letter, time);
            return Found::Next(i + 1);
        }
        // "the weeks ahead", "over the years": a length with no number.
        if self.lower(i) == Some("the")
            && let Some(&(_, letter, time)) = BARE_LENGTHS
                .iter()
                .find(|(plural, ..)| self.lower(i + 1) == Some(*plural))
        {
            let next = if self.lower(i + 2) == Some("ahead") {
                i + 3
            } else if i > 0 && self.lower(i - 1) == Some("over") && !time {
                i + 2
            } else {
                0
            };
            if next > i {
                self.push_length(i, next, None, letter, time);
                return Found::Next(next);
            }
        }
        // "the year ended March 31", "the fiscal year ending June 30": a year's length, its end
        // given (TimeML's `P1Y`).
        if self.lower(i) == Some("the") {
            let unit_at = if self.lower(i + 1) == Some("fiscal") {
                i + 2
            } else {
                i + 1
            };
            if self.lower(unit_at) == Some("year")
                && self
                    .lower(unit_at + 1)
                    .is_some_and(|w| matches!(w, "ended" | "ending" | "ends"))
            {
                self.push_length(i, unit_at + 1, Some(1), "Y", false);
                return Found::Next(unit_at + 1);
            }
        }
        // "the past two months": the words before the count join the span.
        let lead = if self.lower(i) == Some("the")
            && self.lower(i + 1).is_some_and(|w| SPAN_WORDS.contains(&w))
        {
            2
        } else {
            0
        };
        let Some((count, after_count)) = self.count(i + lead) else {
            return Found::Pass;
        };
        // "5 1/2 hours" is no two hours
        if i + lead > 0 && self.sym(i + lead - 1, "/") {
            return Found::Pass;
        }
        // "two more weeks", "an additional year": the word between is part of the length.
        let after_count = if self
            .lower(after_count)
            .is_some_and(|w| LENGTH_EXTRAS.contains(&w))
        {
            after_count + 1
        } else {
            after_count
        };
        // "a three-year contract", "a 30-day waiting period", "the 30-year bond": the unit
        // after a hyphen (TimeML marks a bond's or a note's term as its length too).
        let hyphen = self.sym(after_count, "-") && self.adjacent(after_count - 1);
        let unit_at = if hyphen { after_count + 1 } else { after_count };
        let Some(unit_word) = self.lower(unit_at) else {
            return Found::Pass;
        };
        let Some(&(singular, letter, per, time)) = unit_of(unit_word) else {
            return Found::Pass;
        };
        // "two days ago" is a date, read by the rules after this one.
        if self
            .lower(unit_at + 1)
            .is_some_and(|w| NOT_DURATION_AFTER.contains(&w))
        {
            return Found::Pass;
        }
        // "a year" is a length after "for", "over", "within"… — after an amount it is a rate
        // ("$2 million a year"), elsewhere mostly a date's word ("in a year").
        let word = self.lower(i + lead).unwrap_or_default();
        let before = i.checked_sub(1).and_then(|p| self.lower(p));
        if lead == 0
            && matches!(word, "a" | "an")
            && after_count == i + 1
            && !before.is_some_and(|w| LENGTH_PREPOSITIONS.contains(&w))
        {
            return Found::Pass;
        }
        // An age ("52 years old", "a six-year-old boy"), a fraction ("three-quarters"), a title
        // ("60 Minutes"): no lengths of time.
        let after = self.lower(unit_at + 1);
        let is_age = |w: Option<&str>| w.is_some_and(|w| AGE_WORDS.contains(&w));
        let age = is_age(after) || self.sym(unit_at + 1, "-") && is_age(self.lower(unit_at + 2));
        let fraction = hyphen && singular == "quarter";
        let title = self.capitalised(unit_at) && self.num(i + lead).is_some();
        // "a year-earlier quarter", "the 1989 second quarter": dates, read by later rules.
        let date_word = self.sym(unit_at + 1, "-")
            && after.is_none()
            && self
                .lower(unit_at + 2)
                .is_some_and(|w| NOT_DURATION_AFTER.contains(&w))
            || self.lower(unit_at + 1) == Some("quarter");
        if age || fraction || title || date_word {
            return Found::Pass;
        }
        let next = unit_at + 1;
        self.push_length(i, next, count.map(|n| n * per), letter, time);
        Found::Next(next)
    }

    /// Whether the word at `i` is a day, a week, a month or a year, in the singular or the
    /// plural ("the past year"; not a decade, a century or an hour).
    pub(super) fn unit_follows(&self, i: usize) -> bool {
        self.lower(i)
            .and_then(unit_of)
            .is_some_and(|&(_, letter, per, time)| {
                per == 1 && !time && matches!(letter, "D" | "W" | "M" | "Y")
            })
    }

    /// A length of time from token `i` to before token `next`.
    fn push_length(
        &mut self,
        i: usize,
        next: usize,
        count: Option<i64>,
        unit: &'static str,
        time: bool,
    ) {
        let value = Value::Duration { count, unit, time };
        let (start, end) = (self.start_of(i), self.end_before(next));
        self.push(start, end, Some(value), false, "a length of time".into());
        if let Some(d) = self.drafts.last_mut() {
            d.kind = Some(MentionKind::Duration);
        }
    }

    /// A count at `i`: its number (none for "several") and the token after it.
    fn count(&self, i: usize) -> Option<(Option<i64>, usize)> {
        if let Some((n, len)) = self.num(i)
            && len <= 3
            && n > 0
        {
            return Some((Some(i64::from(n)), i + 1));
        }
        let w = self.lower(i)?;
        if w == "a" && self.lower(i + 1) == Some("few") {
            return Some((None, i + 2));
        }
        if w == "a" && self.lower(i + 1) == Some("couple") && self.lower(i + 2) == Some("of") {
            return Some((Some(2), i + 3));
        }
        // "the next couple of years"
        if w == "couple" && self.lower(i + 1) == Some("of") {
            return Some((Some(2), i + 2));
        }
        if SOME_WORDS.contains(&w) {
            return Some((None, i + 1));
        }
        // "sixty days", "twenty four hours", "ninety-one years"
        if let Some((n, next)) = self.spelled_below_hundred(i) {
            return Some((Some(i64::from(n)), next));
        }
        NUMBER_WORDS
            .iter()
            .find(|(word, _)| *word == w)
            .map(|(_, n)| (Some(*n), i + 1))
    }

    /// "every Monday", "each year", "each summer", "daily", "on Tuesdays".
    pub(super) fn set_at(&mut self, i: usize) -> Found {
        let Some(w) = self.lower(i) else {
            return Found::Pass;
        };
        let (repeat, next) = if let Some((_, code)) = SET_WORDS.iter().find(|(s, _)| *s == w) {
            (Repeat::Every(code), i + 1)
        } else if EVERY_WORDS.contains(&w)
            && let Some(what) = self.lower(i + 1)
        {
            if let Some(day) = weekday_of(what) {
                (Repeat::Weekday(day), i + 2)
            } else if let Some((_, season)) = SEASONS.iter().find(|(s, _)| *s == what) {
                (Repeat::Season(*season), i + 2)
            } else if let Some((m, next)) = self.month(i + 1)
                && self.day(next).is_none()
            {
                (Repeat::Month(m), next)
            } else if let Some(&(_, letter, per, time)) =
                DURATION_UNITS.iter().find(|(u, ..)| *u == what)
            {
                (Repeat::Every(every_code(letter, per, time)), i + 2)
            } else {
                return Found::Pass;
            }
        } else if let Some(day) = w.strip_suffix('s').and_then(weekday_of)
            && self.capitalised(i)
        {
            // "on Tuesdays": a weekday in the plural, capitalised.
            (Repeat::Weekday(day), i + 1)
        } else {
            return Found::Pass;
        };
        let (start, end) = (self.start_of(i), self.end_before(next));
        self.push(
            start,
            end,
            Some(Value::Set(repeat)),
            false,
            "a time that repeats".into(),
        );
        if let Some(d) = self.drafts.last_mut() {
            d.kind = Some(MentionKind::Set);
        }
        Found::Next(next)
    }
}

/// The unit of time `word` names, in the singular or the plural ("days", "centuries").
fn unit_of(word: &str) -> Option<&'static (&'static str, &'static str, i64, bool)> {
    DURATION_UNITS.iter().find(|(unit, ..)| {
        word == *unit
            || word.strip_suffix('s') == Some(unit)
            || word
                .strip_suffix("ies")
                .is_some_and(|stem| unit.strip_suffix('y') == Some(stem))
    })
}

/// The TIMEX3 value of "every" unit: `P1D`, `P1W`, `PT1H`, `P10Y` for every decade.
fn every_code(letter: &str, per: i64, time: bool) -> &'static str {
    match (letter, per, time) {
        ("S", _, true) => "PT1S",
        ("M", _, true) => "PT1M",
        ("H", _, true) => "PT1H",
        ("D", ..) => "P1D",
        ("W", 2, _) => "P2W",
        ("W", ..) => "P1W",
        ("M", ..) => "P1M",
        ("Q", ..) => "P1Q",
        ("Y", 10, _) => "P10Y",
        ("Y", 100, _) => "P100Y",
        _ => "P1Y",
    }
}
