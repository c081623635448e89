//! Years and quarters: a bare year where the words around make it one ("in 2020", "2021-ci
//! il", "в 2021 году", but not "2020 vehicles" or "12,2020"), "the first quarter of 2022", "Q1
//! 2022".

use chrono::Datelike;

use super::lexicon::{
    AMOUNT_SIGNS, NEWS_YEARS, NOT_PLURALS, NUMBER_NOUNS, QUARTER_ORDINALS, TRIGGERS,
};
use super::tokens::Tk;
use super::value::Value;
use super::{Finder, Found};

impl Finder<'_> {
    /// "the first quarter of 2022", "the second quarter" (of the publication year).
    pub(super) fn quarter_words_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if let Some(w) = self.lower(i)
            && let Some(q) = QUARTER_ORDINALS.iter().position(|o| *o == w)
            && self.lower(i + 1).as_deref() == Some("quarter")
        {
            let (y, next, relative) = if self.lower(i + 2).as_deref() == Some("of")
                && let Some((y, n)) = self.year(i + 3)
            {
                (Some(y), n, false)
            } else {
                (self.reference.map(|r| r.year()), i + 2, true)
            };
            let how = if relative {
                "year taken from the publication date".to_string()
            } else {
                "quarter and year given".to_string()
            };
            let start = if i > 0 && self.lower(i - 1).as_deref() == Some("the") {
                self.toks[i - 1].start
            } else {
                t.start
            };
            let end = self.end_before(next);
            self.push(
                start,
                end,
                y.map(|y| Value::Quarter(y, q as u32 + 1)),
                relative,
                how,
            );
            return Found::Next(next);
        }
        Found::Pass
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
