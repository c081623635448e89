//! Years and quarters: a bare year where the words around make it one ("in 2020", "2021-ci
//! il", "в 2021 году", but not "2020 vehicles" or "12,2020"), "the first quarter of 2022", "Q1
//! 2022".

use chrono::Datelike;

use super::lexicon::{
    AMOUNT_SIGNS, HALF_ORDINALS, HALF_RESULT_NOUNS, NEWS_YEARS, NOT_PLURALS, NUMBER_NOUNS,
    PARTS_OF_MONTH, QUARTER_ORDINALS, QUARTER_PHRASES, QuarterRef, SEASONS, SPELLED_DECADES,
    TEMPERATURE_WORDS, TRIGGERS, direction,
};
use super::resolve::{is_future, previous_quarter, quarter_of, sentence_around};
use super::tokens::Tk;
use super::value::Value;
use super::{Finder, Found};

impl Finder<'_> {
    /// "the first quarter of 2022", "third-quarter", "the fiscal second quarter" (the latest such
    /// quarter by the publication date, the next in a sentence that looks ahead), "fiscal 1990",
    /// and quarters without an ordinal: "the quarter", "the year-ago quarter".
    pub(super) fn quarter_words_at(&mut self, i: usize) -> Found {
        if let Some(next) = self.half_at(i) {
            return Found::Next(next);
        }
        if let Some(next) = self.quarter_phrase_at(i) {
            return Found::Next(next);
        }
        if let Some(next) = self.year_quarter_at(i) {
            return Found::Next(next);
        }
        let fiscal = self.lower(i) == Some("fiscal");
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
        if self.lower(unit) != Some("quarter") {
            return Found::Pass;
        }
        let q = q as u32 + 1;
        let (value, next, relative, how) = if self.lower(unit + 1) == Some("of")
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
            (value, unit + 1, true, self.counted(how))
        };
        let start = self.with_the(i);
        let end = self.end_before(next);
        self.push(start, end, value, relative, how);
        Found::Next(next)
    }

    /// "the 1988 third quarter", and "the 1988 quarter" or "the 1988 period" for the quarter
    /// spoken of in that year ("the 1988 quarter", with none spoken of, for the last whole
    /// quarter before publication).
    fn year_quarter_at(&mut self, i: usize) -> Option<usize> {
        if self.lower(i) != Some("the") {
            return None;
        }
        let (y, after) = self.year(i + 1)?;
        let ordinal = self
            .lower(after)
            .and_then(|w| QUARTER_ORDINALS.iter().position(|x| *x == w));
        let (q, next, how) = match (ordinal, self.lower(after), self.lower(after + 1)) {
            (Some(q), _, Some("quarter")) => (q as u32 + 1, after + 2, "quarter and year given"),
            (None, Some("quarter" | "period"), _) => match (self.anchor(), self.reference) {
                (Some(Value::Quarter(_, q)), _) => {
                    (q, after + 1, "the quarter spoken of, in the year given")
                }
                // No quarter spoken of: "the 1988 quarter" is the last whole one before
                // publication, in that year ("the 1988 period" may be any length).
                (_, Some(r)) if self.lower(after) == Some("quarter") => (
                    previous_quarter(r).1,
                    after + 1,
                    "the last whole quarter before publication, in the year given",
                ),
                _ => return None,
            },
            _ => return None,
        };
        let (start, end) = (self.toks[i].start, self.end_before(next));
        self.push(start, end, Some(Value::Quarter(y, q)), false, how.into());
        Some(next)
    }

    /// Halves of a year: "the first half of 2011", "the second half of this year", "the last
    /// half of the year" (the publication date's), "the first two quarters of 1990", and
    /// "first-half" before a noun (the latest such half by the publication date). Not "the first
    /// half" alone, which is as often a game's.
    fn half_at(&mut self, i: usize) -> Option<usize> {
        let o = i + usize::from(self.lower(i) == Some("the"));
        let h = self
            .lower(o)
            .and_then(|w| HALF_ORDINALS.iter().find(|(x, _)| *x == w))
            .map(|(_, h)| *h)?;
        // "the first two quarters of 1990", "the last two quarters"
        let (unit_end, h) = if self.is_phrase(o + 1, &["two", "quarters"]) {
            (o + 3, h)
        } else if self.lower(o + 1) == Some("half") {
            (o + 2, h)
        } else if self.sym(o + 1, "-") && self.adjacent(o) && self.lower(o + 2) == Some("half") {
            // "first-half profit": results of the latest such half ("a second-half goal" is a
            // game's)
            let noun = self
                .lower(o + 3)
                .is_some_and(|w| HALF_RESULT_NOUNS.contains(&w));
            let r = self.reference?;
            if !noun || self.lower(o) == Some("last") {
                return None;
            }
            let now = if r.month() <= 6 { 1 } else { 2 };
            let y = if h <= now { r.year() } else { r.year() - 1 };
            let (start, end) = (self.toks[i].start, self.end_before(o + 3));
            let how = self.counted("the latest such half by");
            self.push(start, end, Some(Value::Half(y, h)), true, how);
            return Some(o + 3);
        } else {
            return None;
        };
        if self.lower(unit_end) != Some("of") {
            return None;
        }
        let at = unit_end + 1;
        let (y, next, relative, how) = if let Some((y, n)) = self.year(at) {
            (y, n, false, "half and year given".to_string())
        } else if let Some(dir) = self.lower(at).and_then(direction)
            && self.lower(at + 1) == Some("year")
        {
            let r = self.reference?;
            let how = self.counted(match dir {
                -1 => "in the year before",
                0 => "in the year of",
                _ => "in the year after",
            });
            (r.year() + dir as i32, at + 2, true, how)
        } else if self.is_phrase(at, &["the", "year"]) && self.year(at + 2).is_none() {
            let r = self.reference?;
            (r.year(), at + 2, true, self.counted("in the year of"))
        } else {
            return None;
        };
        let (start, end) = (self.toks[i].start, self.end_before(next));
        self.push(start, end, Some(Value::Half(y, h)), relative, how);
        Some(next)
    }

    /// The start of the phrase at `i`, with a "the" before it.
    fn with_the(&self, i: usize) -> usize {
        if i > 0 && self.lower(i - 1) == Some("the") {
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
        // A period may be any length ("the same period last year" a half, nine months) where no
        // quarter was named; "the latest period" is the last quarter reported.
        if phrase.contains(&"period") && !phrase.contains(&"latest") && spoken.is_none() {
            return None;
        }
        // "last year's quarter-final", "the latest period of unrest", "the quarter of a century"
        // (but "the last quarter of 2010")
        let after = i + phrase.len();
        let of_other = self.lower(after) == Some("of")
            && self.year(after + 1).is_none()
            && !self.is_phrase(after + 1, &["this", "year"])
            && !self.is_phrase(after + 1, &["last", "year"]);
        if self.sym(after, "-") || of_other {
            return None;
        }
        // "the last quarter of 2010" is its fourth
        if *phrase == ["the", "last", "quarter"]
            && self.lower(after) == Some("of")
            && let Some((y, next)) = self.year(after + 1)
        {
            let (start, end) = (self.toks[i].start, self.end_before(next));
            let how = "the last quarter of the year given".to_string();
            self.push(start, end, Some(Value::Quarter(y, 4)), false, how);
            return Some(next);
        }
        let previous = self.reference.map(previous_quarter);
        let (value, how) = match which {
            QuarterRef::Spoken => match spoken {
                Some(q) => (Some(q), "the quarter spoken of".to_string()),
                None => (previous, self.counted("the last whole quarter before")),
            },
            QuarterRef::Current => (
                self.reference.map(|r| (r.year(), quarter_of(r))),
                self.counted("the quarter of"),
            ),
            QuarterRef::Previous => (previous, self.counted("the quarter before that of")),
            QuarterRef::YearBefore => match spoken {
                Some((y, q)) => (
                    Some((y - 1, q)),
                    "a year before the quarter spoken of".into(),
                ),
                None => (
                    previous.map(|(y, q)| (y - 1, q)),
                    self.counted("a year before the last whole quarter before"),
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

    /// "the 1990s", "the late 1970s" (the modifier joins later), "'90s": a decade.
    pub(super) fn decade_at(&mut self, i: usize) -> Found {
        let s_after = |k: usize| self.adjacent(k) && self.word(k + 1) == Some("s");
        if let Some((y, 4)) = self.num(i)
            && y % 10 == 0
            && (1000..=2990).contains(&y)
            && s_after(i)
        {
            let start = self.with_the(i);
            let end = self.end_before(i + 2);
            self.push(
                start,
                end,
                Some(Value::Decade(y as i32 / 10)),
                false,
                "a decade".into(),
            );
            return Found::Next(i + 2);
        }
        // "the '90s", "the nineties": the decade's tens, and the token after it.
        let short = if self.apostrophe(i)
            && self.adjacent(i)
            && let Some((d, 2)) = self.num(i + 1)
            && d % 10 == 0
            && s_after(i + 1)
        {
            Some((d as i32, i + 3))
        } else if i > 0
            && self.lower(i - 1) == Some("the")
            && let Some(k) = self
                .lower(i)
                .and_then(|w| SPELLED_DECADES.iter().position(|x| *x == w))
            // "highs in the nineties" is a temperature
            && !(i.saturating_sub(5)..i)
                .any(|k| self.lower(k).is_some_and(|w| TEMPERATURE_WORDS.contains(&w)))
        {
            Some((k as i32 * 10 + 20, i + 1))
        } else {
            None
        };
        let Some((tens, next)) = short else {
            return Found::Pass;
        };
        // The '90s of an article of 1998 are the 1990s; its '20s the 1920s.
        let year = self.reference.map_or(2000, |r| r.year());
        let century = if tens > year % 100 {
            year / 100 - 1
        } else {
            year / 100
        };
        let start = self.with_the(i);
        let end = self.end_before(next);
        let value = Value::Decade(century * 10 + tens / 10);
        let how = "a decade, its century by the publication date".to_string();
        self.push(start, end, Some(value), true, how);
        Found::Next(next)
    }

    /// "the 20th century", "this century".
    pub(super) fn century_at(&mut self, i: usize) -> Found {
        if let Some((n, next)) = self.day(i)
            && next > i + 1
            && self.lower(next) == Some("century")
        {
            let start = self.with_the(i);
            let end = self.end_before(next + 1);
            let value = Value::Century(n as i32 - 1);
            self.push(start, end, Some(value), false, "a century".into());
            return Found::Next(next + 1);
        }
        if let Some(w) = self.lower(i)
            && let Some(dir) = direction(w)
            && self.lower(i + 1) == Some("century")
            && let Some(r) = self.reference
        {
            let end = self.end_before(i + 2);
            let value = Value::Century(r.year() / 100 + dir as i32);
            let how = self.counted("the century of");
            self.push(self.toks[i].start, end, Some(value), true, how);
            return Found::Next(i + 2);
        }
        Found::Pass
    }

    /// A season with its year, or after "in", "the", "during", "this", "that" or "early",
    /// "mid", "late" (not "an early fall"): "the summer of 1998", "winter 1997", "in the spring"
    /// (the publication year's, or the year before for a season yet to come in a past
    /// sentence).
    pub(super) fn season_at(&mut self, i: usize) -> Found {
        let Some(season) = self
            .lower(i)
            .and_then(|w| SEASONS.iter().find(|(s, _)| *s == w).map(|(_, s)| *s))
        else {
            return Found::Pass;
        };
        let (year, next) = if self.lower(i + 1) == Some("of")
            && let Some((y, n)) = self.year(i + 2)
        {
            (Some(y), n)
        } else if let Some((y, n)) = self.year(i + 1) {
            (Some(y), n)
        } else {
            (None, i + 1)
        };
        let before = i.checked_sub(1).and_then(|p| self.lower(p));
        // "early summer" — but "an early fall" is a tumble, "the early fall" a season
        let modified = before.is_some_and(|w| PARTS_OF_MONTH.contains(&w))
            && (self.lower(i) != Some("fall")
                || i.checked_sub(2)
                    .and_then(|p| self.lower(p))
                    .is_some_and(|w| matches!(w, "the" | "in" | "by")));
        let placed = before.is_some_and(|w| matches!(w, "the" | "in" | "during" | "this" | "that"))
            || modified;
        if year.is_none() && !placed {
            return Found::Pass;
        }
        let start = self.with_the(i);
        let end = self.end_before(next);
        let (value, relative, how) = match year {
            Some(y) => (
                Some(Value::Season(y, season)),
                false,
                "season and year given".into(),
            ),
            None => {
                let value = self.reference.map(|r| {
                    let starts = chrono::NaiveDate::from_ymd_opt(r.year(), season.first_month(), 1);
                    let ahead = is_future(sentence_around(self.text, start));
                    let y = r.year() - i32::from(!ahead && starts.is_some_and(|s| s > r));
                    Value::Season(y, season)
                });
                (value, true, self.counted("the season by"))
            }
        };
        self.push(start, end, value, relative, how);
        Found::Next(next)
    }

    /// "Q1 2022".
    pub(super) fn quarter_code_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        // The tokens split "Q1" into the letter and the number.
        if t.kind == Tk::Word
            && t.text == "Q"
            && self.adjacent(i)
            && let Some((q, 1)) = self.num(i + 1)
            && (1..=4).contains(&q)
            && let Some((y, next)) = self.year(i + 2)
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
            let after_trigger = prev.is_some_and(|w| TRIGGERS.contains(&w) || w == "year");
            let before_year_word = self.lower(next) == Some("year");
            // Not "in 2020 vehicles": a plural noun after the number makes it a count (not a
            // name: "In 1991 Charles Keating was convicted").
            let counted = self
                .lower(next)
                .is_some_and(|w| w.len() > 3 && w.ends_with('s') && !NOT_PLURALS.contains(&w))
                && !self.capitalised(next);
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
                    || self.lower(i - 1).is_some_and(|w| NUMBER_NOUNS.contains(&w)))
                || self.sym(i + 1, "%")
                || self.sym(i + 1, ".")
                    && self.adjacent(i)
                    && self.adjacent(i + 1)
                    && self.num(i + 2).is_some();
            let plausible = (NEWS_YEARS.0..=NEWS_YEARS.1).contains(&y);
            // An amount is no year, whatever the word before it ("fell to 2613.73").
            if (suffixed || after_trigger || before_year_word || plausible)
                && !amount
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
