//! Expressions counted from the publication date: yesterday, today, last week, this year, on
//! Monday, two days ago — and vague ones that get no date at all (in recent months, soon).

use chrono::{Datelike, Days, Months};

use super::lexicon::{
    ANAPHORA, DAY_PART_PHRASES, DAY_WORDS, EARLIER_WORDS, HOLIDAY_NAME_NOUNS, HOLIDAYS, Holiday,
    LATER_WORDS, MODALS, MONTH_WORDS, NOT_THIS_YEAR_AFTER, NUMBER_WORDS, PRESENT_BE, SEASONS,
    SHIFT_PREPOSITIONS, SOON_FROM, SOON_MEASURES, THIS_YEAR_PHRASES, TODAY_PHRASE, VAGUE,
    WEEK_WORDS, WEEKDAY_PREPOSITIONS, WEEKEND_WORDS, YEAR_END_FOLLOWERS, YEAR_END_PREPOSITIONS,
    YEAR_UNIT_WORDS, class, direction, weekday_of,
};
use super::resolve::{
    Tense, clause_in, is_deadline, is_future, is_past_word, joins_time_to_day, leads_ahead,
    nearest_weekday, reported, sentence_around, since_before, soon_after, tense,
};
use super::value::{Ref, Season, Value, ymd};
use super::{Finder, Found, MentionKind};

/// The day a holiday falls on in year `y`.
fn holiday_in(holiday: Holiday, y: i32) -> Option<chrono::NaiveDate> {
    match holiday {
        Holiday::Fixed(m, d) => chrono::NaiveDate::from_ymd_opt(y, m, d),
        Holiday::Nth(m, weekday, n) => {
            chrono::NaiveDate::from_weekday_of_month_opt(y, m, weekday, n)
        }
        Holiday::Last(m, weekday) => {
            let first_next = if m == 12 {
                chrono::NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                chrono::NaiveDate::from_ymd_opt(y, m + 1, 1)
            }?;
            let last = first_next.pred_opt()?;
            let back =
                (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            last.checked_sub_days(Days::new(u64::from(back)))
        }
        Holiday::Easter(shift) => {
            easter_sunday(y)?.checked_add_signed(chrono::Duration::days(i64::from(shift)))
        }
    }
}

/// Western Easter Sunday of year `y`, by the anonymous Gregorian computus (Meeus/Jones/Butcher).
pub(super) fn easter_sunday(y: i32) -> Option<chrono::NaiveDate> {
    let a = y.rem_euclid(19);
    let (b, c) = (y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    chrono::NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// What a "soon" is ([`Finder::soon_at`]).
enum Soon {
    NoTime,
    AsPossible,
    Future,
}

/// How a shifted name was counted, by its direction (last, this, next).
const HOW_SHIFTED: [&str; 3] = ["the one before", "the one of", "the one after"];

/// `base` moved by `n` of `unit` (day, week, month, quarter, year), kept at the base's own
/// precision where the unit allows it ("the third quarter" a year on is a third quarter).
fn shift_value(base: Value, unit: &str, n: i64) -> Option<Value> {
    let day_of = |v: Value| v.first_day();
    let months = |d: chrono::NaiveDate, m: i64| {
        if m < 0 {
            d.checked_sub_months(Months::new(m.unsigned_abs() as u32))
        } else {
            d.checked_add_months(Months::new(m as u32))
        }
    };
    Some(match (unit, base) {
        ("year", Value::Quarter(y, q)) => Value::Quarter(y + n as i32, q),
        ("year", Value::Month(y, m)) => Value::Month(y + n as i32, m),
        ("year", v) => Value::Year(day_of(v)?.year() + n as i32),
        ("quarter", Value::Quarter(y, q)) => {
            let k = y as i64 * 4 + i64::from(q) - 1 + n;
            Value::Quarter(k.div_euclid(4) as i32, k.rem_euclid(4) as u32 + 1)
        }
        ("month", v) => {
            let d = months(day_of(v)?, n)?;
            Value::Month(d.year(), d.month())
        }
        ("week", v) => Value::Week(day_of(v)?.checked_add_signed(chrono::Duration::weeks(n))?),
        ("day", v) => Value::Day(day_of(v)?.checked_add_signed(chrono::Duration::days(n))?),
        _ => return None,
    })
}

impl Finder<'_> {
    /// yesterday, today, last week, this year, on Monday, two days ago, in recent months…
    pub(super) fn relative_at(&mut self, i: usize) -> Found {
        // A word, or a count in digits ("42 years ago").
        let Some(w) = self
            .lower(i)
            .or_else(|| self.num(i).map(|_| self.toks[i].text))
        else {
            return Found::Pass;
        };
        let next = self
            .anaphora_at(i)
            .or_else(|| self.this_year_at(i))
            .or_else(|| self.year_end_at(i))
            .or_else(|| self.vague_at(i))
            .or_else(|| self.day_part_at(i))
            .or_else(|| self.weekend_at(i))
            .or_else(|| self.holiday_at(i))
            .or_else(|| self.day_word_at(i, w))
            .or_else(|| self.shifted_at(i, w))
            .or_else(|| self.counted_back_at(i, w))
            .or_else(|| self.ago_at(i, w))
            .or_else(|| self.weekday_at(i, w));
        match next {
            Some(next) => Found::Next(next),
            None => Found::Pass,
        }
    }

    /// Whether a day named at byte `at` is to come: the clause that leads to it decides (a
    /// deadline, "will", or a past verb), else its sentence.
    fn looks_ahead(&self, at: usize) -> bool {
        let sentence = sentence_around(self.text, at);
        let lead = clause_in(self.text, sentence, at);
        if since_before(lead) {
            return false;
        }
        if leads_ahead(lead) {
            return true;
        }
        match tense(lead) {
            Tense::Future => true,
            Tense::Past => false,
            Tense::Unmarked => is_deadline(lead) || is_future(sentence),
        }
    }

    /// How a value was counted from the publication date, or that there was none to count from.
    pub(super) fn counted(&self, how: &str) -> String {
        match self.reference_ymd() {
            Some(r) => [how, " the publication date ", r].concat(),
            None => "no publication date to count from".to_string(),
        }
    }

    /// "the next day", "later that year": counted from the date spoken of before, at the
    /// phrase's own precision; a day only from a day. Nothing when no date was spoken of.
    fn anaphora_at(&mut self, i: usize) -> Option<usize> {
        if !self.has_class(i, class::OPENS_ANAPHORA) {
            return None;
        }
        let &(phrase, unit, n) = ANAPHORA.iter().find(|(p, ..)| self.is_phrase(i, p))?;
        // "the day before the market fell" is counted from that event, not from a date
        if phrase.last() == Some(&"before") && self.lower(i + phrase.len()).is_some() {
            return None;
        }
        let anchor = self.anchor()?;
        let first = anchor.first_day()?;
        // a day only from a day; a year is the year itself, whatever the anchor's precision
        let value = match (unit, anchor) {
            ("day", Value::Day(_) | Value::DayPart(..) | Value::Time(..)) | ("month", _) => {
                shift_value(anchor, unit, n)?
            }
            ("day", _) => return None,
            _ => Value::Year(first.year() + n as i32),
        };
        let next = i + phrase.len();
        let (start, end) = (self.start_of(i), self.end_before(next));
        let how = match n {
            0 => format!("the {unit} of the date spoken of {}", anchor.timex()),
            n => format!(
                "{} {unit}{} {} the date spoken of {}",
                n.abs(),
                if n.abs() == 1 { "" } else { "s" },
                if n < 0 { "before" } else { "after" },
                anchor.timex()
            ),
        };
        self.push(start, end, Some(value), true, how);
        if let Some(d) = self.drafts.last_mut() {
            d.refers_back = true;
        }
        Some(next)
    }

    /// "for the year", "the full year", "the current fiscal year": the publication date's year.
    fn this_year_at(&mut self, i: usize) -> Option<usize> {
        if self.lower(i) != Some("the") {
            return None;
        }
        let phrase = THIS_YEAR_PHRASES.iter().find(|p| self.is_phrase(i, p))?;
        let next = i + phrase.len();
        // "the year 2000", "the year two thousand", "the year-ago quarter", "the year before";
        // "Album of the Year" is a title.
        let tied = self.num(next).is_some()
            || self.year(next).is_some()
            || self.capitalised(next - 1)
            || self.sym(next, "-")
            || self.lower(next).is_some_and(|w| {
                NOT_THIS_YEAR_AFTER.contains(&w) || NUMBER_WORDS.iter().any(|(n, _)| *n == w)
            });
        if tied {
            return None;
        }
        let value = Value::Year(self.reference?.year());
        let (start, end) = (self.start_of(i), self.end_before(next));
        self.push(start, end, Some(value), true, self.counted("the year of"));
        Some(next)
    }

    /// "by year-end", "since year end": the last day of the publication date's year (of the
    /// year before, after "since"). Not "year-end results".
    fn year_end_at(&mut self, i: usize) -> Option<usize> {
        if self.lower(i) != Some("year") {
            return None;
        }
        let end_at = if self.sym(i + 1, "-") && self.adjacent(i) {
            i + 2
        } else {
            i + 1
        };
        let before = i.checked_sub(1).and_then(|p| self.lower(p))?;
        // "year-end results" is an adjective; "at year-end 1997" another year's
        let noun_after = self
            .word(end_at + 1)
            .is_some_and(|w| w.starts_with(char::is_lowercase) && !YEAR_END_FOLLOWERS.contains(&w));
        if self.lower(end_at) != Some("end")
            || !YEAR_END_PREPOSITIONS.contains(&before)
            || noun_after
            || self.year(end_at + 1).is_some()
        {
            return None;
        }
        let y = self.reference?.year() - i32::from(before == "since");
        let value = Value::Day(chrono::NaiveDate::from_ymd_opt(y, 12, 31)?);
        let how = if before == "since" {
            "the last day of the year before that of"
        } else {
            "the last day of the year of"
        };
        let (start, end) = (self.start_of(i), self.end_before(end_at + 1));
        self.push(start, end, Some(value), true, self.counted(how));
        Some(end_at + 1)
    }

    /// Vague phrases: shown, never given a date.
    fn vague_at(&mut self, i: usize) -> Option<usize> {
        if !self.has_class(i, class::OPENS_VAGUE) {
            return None;
        }
        let mut start = self.start_of(i);
        for (phrase, reference) in VAGUE {
            // "the past year": a time of its own, not the past at large ("the past decade" is)
            if self.is_phrase(i, phrase)
                && !(phrase == ["the", "past"] && self.unit_follows(i + phrase.len()))
            {
                let mut next = i + phrase.len();
                if phrase == ["soon"] {
                    match self.soon_at(i) {
                        Soon::NoTime => return Some(next),
                        Soon::AsPossible => {
                            start = self.toks[i - 1].start;
                            next = i + 3;
                        }
                        Soon::Future => {}
                    }
                }
                let end = self.end_before(next);
                let how = match reference {
                    None => "vague: no date can be given",
                    Some(Ref::Past) => "the past, with no date",
                    Some(Ref::Present) => "the present, with no date",
                    Some(Ref::Future) => "the future, with no date",
                };
                self.push(start, end, reference.map(Value::Ref), true, how.into());
                if let Some(d) = self.drafts.last_mut() {
                    d.kind = Some(MentionKind::Vague);
                }
                return Some(next);
            }
        }
        None
    }

    /// What "soon" at token `i` is: a conjunction, a measure or a time told from another ("as
    /// soon as he arrives", "too soon to say", "soon after the vote"), a past sentence's ("it
    /// soon became a flood"), "as soon as possible", or the future.
    fn soon_at(&self, i: usize) -> Soon {
        let before = i.checked_sub(1).and_then(|p| self.lower(p));
        let as_before = before == Some("as");
        if as_before && self.is_phrase(i + 1, &["as", "possible"]) {
            return Soon::AsPossible;
        }
        // "too soon to say", "how soon": a measure, not a time
        let measured = before.is_some_and(|w| SOON_MEASURES.contains(&w));
        let told_from = self.lower(i + 1).is_some_and(|w| SOON_FROM.contains(&w));
        let sentence = sentence_around(self.text, self.toks[i].start);
        let lead = reported(clause_in(self.text, sentence, self.toks[i].start));
        // "they may soon seek": a modal looks ahead whatever came before it
        let modal = before.is_some_and(|w| MODALS.contains(&w));
        // "it soon became a flood" (not "is soon expected")
        let passive = before.is_some_and(|w| PRESENT_BE.contains(&w));
        let past_after = !passive && self.word(i + 1).is_some_and(is_past_word);
        if as_before
            || measured
            || told_from
            || (!modal && (past_after || tense(lead) == Tense::Past))
        {
            Soon::NoTime
        } else {
            Soon::Future
        }
    }

    /// "this evening", "tonight", "last night".
    fn day_part_at(&mut self, i: usize) -> Option<usize> {
        if !self.has_class(i, class::OPENS_DAY_PART) {
            return None;
        }
        let (phrase, shift, part) = DAY_PART_PHRASES
            .iter()
            .find(|(phrase, ..)| self.is_phrase(i, phrase))?;
        let day = self
            .reference
            .and_then(|r| r.checked_add_signed(chrono::Duration::days(*shift)));
        let next = i + phrase.len();
        let (start, end) = (self.start_of(i), self.end_before(next));
        let how = self.counted(if *shift < 0 {
            "the day before"
        } else {
            "the day of"
        });
        self.push(start, end, day.map(|d| Value::DayPart(d, *part)), true, how);
        Some(next)
    }

    /// "yesterday", "сегодня", "bu gün".
    fn day_word_at(&mut self, i: usize, w: &str) -> Option<usize> {
        let (shift, next) = if let Some((_, shift)) = DAY_WORDS.iter().find(|(d, _)| *d == w) {
            (*shift, i + 1)
        } else if w == TODAY_PHRASE[0] && self.lower(i + 1) == Some(TODAY_PHRASE[1]) {
            (0, i + 2)
        } else {
            return None;
        };
        let how = match shift {
            -1 => "the day before",
            0 => "the day of",
            _ => "the day after",
        };
        let value = self
            .reference
            .and_then(|r| r.checked_add_signed(chrono::Duration::days(shift)));
        let start = self.start_of(i);
        let end = self.end_before(next);
        self.push(start, end, value.map(Value::Day), true, self.counted(how));
        Some(next)
    }

    /// last/this/next week|month|year; прошлой неделе; keçən il; "last Monday".
    fn shifted_at(&mut self, i: usize, w: &str) -> Option<usize> {
        let dir = direction(w)?;
        let r = self.reference?;
        let start = self.start_of(i);
        if let Some((value, next, how)) = self.shifted_calendar_name(i + 1, dir, r) {
            let end = self.end_before(next);
            self.push(start, end, Some(value), true, self.counted(how));
            return Some(next);
        }
        let unit = self.lower(i + 1)?;
        let next = i + 2;
        let value = if WEEK_WORDS.contains(&unit) {
            r.checked_add_signed(chrono::Duration::weeks(dir))
                .map(Value::Week)
        } else if MONTH_WORDS.contains(&unit) {
            let d = if dir < 0 {
                r.checked_sub_months(Months::new(1))
            } else if dir > 0 {
                r.checked_add_months(Months::new(1))
            } else {
                Some(r)
            };
            d.map(|d| Value::Month(d.year(), d.month()))
        } else if YEAR_UNIT_WORDS.contains(&unit) {
            Some(Value::Year(r.year() + dir as i32))
        } else {
            None
        };
        if let Some(value) = value {
            let end = self.end_before(next);
            let how = match dir {
                -1 => "the one before",
                0 => "the one of",
                _ => "the one after",
            };
            let start = if i > 0 && SHIFT_PREPOSITIONS.contains(&self.lower(i - 1).unwrap_or("")) {
                self.start_of(i - 1)
            } else {
                start
            };
            self.push(start, end, Some(value), true, self.counted(how));
            return Some(next);
        }
        // "last Monday", "next Friday"
        if let Some(wd) = weekday_of(unit) {
            let value = nearest_weekday(r, wd, dir > 0, true);
            let end = self.end_before(next);
            let how = self.counted(if dir > 0 {
                "the next such weekday after"
            } else {
                "the last such weekday before"
            });
            self.push(start, end, value.map(Value::Day), true, how);
            return Some(next);
        }
        None
    }

    /// "a year earlier", "two weeks later", "year-earlier": counted from the date spoken of (at
    /// its own precision: "the third quarter … a year earlier" is the third quarter before),
    /// else from the publication date. ("ago" alone counts from the publication date.)
    fn counted_back_at(&mut self, i: usize, w: &str) -> Option<usize> {
        // "year-earlier results": the count is one and the unit comes first.
        let (n, unit, way) = if self.sym(i + 1, "-") && self.adjacent(i) {
            (1, i, i + 2)
        } else {
            let n = self.small_count(i, w)?;
            (n, i + 1, i + 2)
        };
        let unit_word = self.lower(unit)?;
        let way_word = self.lower(way)?;
        let dir = if EARLIER_WORDS.contains(&way_word) {
            -1
        } else if LATER_WORDS.contains(&way_word) {
            1
        } else {
            return None;
        };
        // "two days ago" is the publication date's (`ago_at` reads it) — but "a year ago" after
        // a quarter is that quarter a year before, as financial news compares them.
        let anchor = self.anchor();
        let quarter_spoken = matches!(anchor, Some(Value::Quarter(..)));
        if way_word == "ago" && unit != i && !(quarter_spoken && unit_word.starts_with("year")) {
            return None;
        }
        let shift = n * dir;
        let unit_name = unit_word.trim_end_matches('s');
        let (base, from) = match anchor {
            Some(v) => (v, "the date spoken of"),
            None => (Value::Day(self.reference?), "the publication date"),
        };
        let value = shift_value(base, unit_name, shift)?;
        let start = self.start_of(i);
        let end = self.end_before(way + 1);
        let how = format!(
            "{} {unit_name}{} {} {from}{}",
            n,
            if n == 1 { "" } else { "s" },
            if dir < 0 { "before" } else { "after" },
            match (anchor, self.reference) {
                (None, Some(r)) => format!(" {}", ymd(r)),
                (Some(v), _) => format!(" {}", v.timex()),
                _ => String::new(),
            }
        );
        self.push(start, end, Some(value), true, how);
        if let Some(d) = self.drafts.last_mut() {
            d.refers_back = anchor.is_some();
        }
        Some(way + 1)
    }

    /// A month, season or weekend named after last/this/next (at `i`): "last November" (the
    /// latest November before the publication month), "this summer", "next weekend".
    fn shifted_calendar_name(
        &self,
        i: usize,
        dir: i64,
        r: chrono::NaiveDate,
    ) -> Option<(Value, usize, &'static str)> {
        let y = r.year();
        if let Some((m, next)) = self.month(i)
            && self.day(next).is_none()
        {
            let year = match dir {
                -1 => y - i32::from(m >= r.month()),
                0 => y,
                _ => y + i32::from(m <= r.month()),
            };
            return Some((Value::Month(year, m), next, HOW_SHIFTED[(dir + 1) as usize]));
        }
        let w = self.lower(i)?;
        if let Some((_, season)) = SEASONS.iter().find(|(s, _)| *s == w) {
            let starts = |y: i32| chrono::NaiveDate::from_ymd_opt(y, season.first_month(), 1);
            let ended = |y: i32| starts(y).and_then(|d| d.checked_add_months(Months::new(3)));
            let year = match dir {
                -1 if ended(y).is_some_and(|e| e <= r) => y,
                -1 => y - 1,
                // This winter, in January, began in December.
                0 if *season == Season::Winter && r.month() < 3 => y - 1,
                0 => y,
                _ if starts(y).is_some_and(|s| s > r) => y,
                _ => y + 1,
            };
            return Some((
                Value::Season(year, *season),
                i + 1,
                HOW_SHIFTED[(dir + 1) as usize],
            ));
        }
        if WEEKEND_WORDS.contains(&w) {
            let day = r.checked_add_signed(chrono::Duration::weeks(dir))?;
            return Some((Value::Weekend(day), i + 1, HOW_SHIFTED[(dir + 1) as usize]));
        }
        None
    }

    /// "Christmas Day", "Thanksgiving", "the Fourth of July": the last one by the publication
    /// date, or in a sentence that looks ahead the next one.
    fn holiday_at(&mut self, i: usize) -> Option<usize> {
        if !self.has_class(i, class::OPENS_HOLIDAY) {
            return None;
        }
        let (phrase, holiday) = HOLIDAYS.iter().find(|(p, _)| self.is_phrase(i, p))?;
        // "Christmas" and "Thanksgiving" are names; "christmas" in a word list is not.
        if !self
            .toks
            .get(i + usize::from(phrase[0] == "the"))
            .is_some_and(|t| t.text.starts_with(char::is_uppercase))
        {
            return None;
        }
        // Before a capitalised word or one of [`HOLIDAY_NAME_NOUNS`] it names something else,
        // and no day of it is read either: "Christmas Island", "the Good Friday Agreement",
        // "the Easter Sunday attacks" (but "Over Christmas I", "Memorial Day Weekend").
        let next = i + phrase.len();
        let noun_after = self
            .lower(next)
            .is_some_and(|w| HOLIDAY_NAME_NOUNS.contains(&w));
        if self.names_after(next) || noun_after {
            return Some(next);
        }
        let r = self.reference?;
        // "last Thanksgiving", "next Christmas", "this Christmas" say which one.
        let said = i
            .checked_sub(1)
            .and_then(|p| self.lower(p))
            .and_then(direction);
        let start = self.start_of(said.map_or(i, |_| i - 1));
        let on = |y: i32| holiday_in(*holiday, y);
        let this_year = on(r.year())?;
        // One a few weeks after publication is the coming one unless its sentence looks back
        // ("before Thanksgiving", published November 5; "on New Year's Day", published
        // November 1, is next year's).
        let next_one = if this_year > r {
            this_year
        } else {
            on(r.year() + 1)?
        };
        let sentence = sentence_around(self.text, start);
        let ahead = match said {
            Some(-1) => false,
            Some(1) => true,
            _ if since_before(clause_in(self.text, sentence, start)) => false,
            _ => {
                self.looks_ahead(start)
                    || (soon_after(r, next_one) && tense(sentence) != Tense::Past)
            }
        };
        let day = match this_year {
            d if said == Some(0) => d,
            d if d > r && !ahead => on(r.year() - 1)?,
            d if d < r && ahead => on(r.year() + 1)?,
            d => d,
        };
        let end = self.end_before(next);
        let how = self.counted(if ahead {
            "the next one from"
        } else {
            "the last one by"
        });
        self.push(start, end, Some(Value::Day(day)), true, how);
        Some(next)
    }

    /// "the weekend", "over the weekend": the last one by the publication date, or in a
    /// sentence that looks ahead the coming one.
    fn weekend_at(&mut self, i: usize) -> Option<usize> {
        if !(self.lower(i) == Some("the")
            && self
                .lower(i + 1)
                .is_some_and(|w| WEEKEND_WORDS.contains(&w)))
        {
            return None;
        }
        let r = self.reference?;
        let start = self.start_of(i);
        let ahead = self.looks_ahead(start);
        let weekday = r.weekday().num_days_from_monday();
        // On a Saturday or Sunday the weekend is that one either way.
        let day = if weekday >= 5 || ahead {
            r
        } else {
            r.checked_sub_signed(chrono::Duration::weeks(1))?
        };
        let how = self.counted(if ahead {
            "the coming weekend from"
        } else {
            "the last weekend by"
        });
        let end = self.end_before(i + 2);
        self.push(start, end, Some(Value::Weekend(day)), true, how);
        Some(i + 2)
    }

    /// A month, then this/last/next year: "January this year", "June last year".
    pub(super) fn month_then_year_word_at(&mut self, i: usize) -> Found {
        let Some((m, next)) = self.month(i) else {
            return Found::Pass;
        };
        let Some(w) = self.lower(next) else {
            return Found::Pass;
        };
        let Some(dir) = direction(w) else {
            return Found::Pass;
        };
        if !self
            .lower(next + 1)
            .is_some_and(|u| YEAR_UNIT_WORDS.contains(&u))
        {
            return Found::Pass;
        }
        let Some(r) = self.reference else {
            return Found::Pass;
        };
        let end = self.end_before(next + 2);
        let how = self.counted(HOW_SHIFTED[(dir + 1) as usize]);
        let value = Value::Month(r.year() + dir as i32, m);
        self.push(self.toks[i].start, end, Some(value), true, how);
        Found::Next(next + 2)
    }

    /// A count of units at `i` (its word `w`): "a", "two", "10" (one or two digits).
    fn small_count(&self, i: usize, w: &str) -> Option<i64> {
        NUMBER_WORDS
            .iter()
            .find(|(word, _)| *word == w)
            .map(|(_, n)| *n)
            .or_else(|| {
                self.num(i)
                    .filter(|(n, l)| *l <= 2 && *n > 0)
                    .map(|(n, _)| i64::from(n))
            })
    }

    /// "two days ago", "3 weeks ago"
    fn ago_at(&mut self, i: usize, w: &str) -> Option<usize> {
        let n = self.small_count(i, w)?;
        let unit = self.lower(i + 1)?;
        if self.lower(i + 2) != Some("ago") {
            return None;
        }
        let r = self.reference?;
        let value = match unit.trim_end_matches('s') {
            "day" => r.checked_sub_days(Days::new(n as u64)).map(Value::Day),
            "week" => r.checked_sub_days(Days::new(7 * n as u64)).map(Value::Week),
            "month" => r
                .checked_sub_months(Months::new(n as u32))
                .map(|d| Value::Month(d.year(), d.month())),
            "year" => Some(Value::Year(r.year() - n as i32)),
            "decade" => Some(Value::Year(r.year() - 10 * n as i32)),
            _ => None,
        }?;
        let start = self.start_of(i);
        let end = self.end_before(i + 3);
        let how = self.counted(&format!("{n} {unit} before"));
        self.push(start, end, Some(value), true, how);
        Some(i + 3)
    }

    /// Weekdays: "on Monday", "Tuesday, April 9" (the date wins), "в понедельник"
    fn weekday_at(&mut self, i: usize, w: &str) -> Option<usize> {
        let wd = weekday_of(w)?;
        if !self.capitalised(i) && w.is_ascii() {
            return None;
        }
        // A date right after the weekday: let the date rule take it.
        let after = if self.sym(i + 1, ",") { i + 2 } else { i + 1 };
        if self.month(after).is_some()
            || self
                .day(after)
                .is_some_and(|(_, n)| self.month(n).is_some())
        {
            return None;
        }
        let start = self.start_of(i);
        // "until 9 a.m. Tuesday": the clause leads to the time before the weekday.
        let lead_to = match self.drafts.last() {
            Some(d)
                if matches!(d.value, Some(Value::Time(..)))
                    && self.text.get(d.end..start).is_some_and(joins_time_to_day) =>
            {
                d.start
            }
            _ => start,
        };
        // "Wednesday's ruling" is one that was made.
        let possessive =
            self.apostrophe(i + 1) && self.adjacent(i) && self.word(i + 2) == Some("s");
        let future = (!possessive || is_future(sentence_around(self.text, start)))
            && self.looks_ahead(lead_to);
        let start = if i > 0 && WEEKDAY_PREPOSITIONS.contains(&self.lower(i - 1).unwrap_or("")) {
            self.start_of(i - 1)
        } else {
            start
        };
        let end = self.end_before(i + 1);
        let value = self
            .reference
            .and_then(|r| nearest_weekday(r, wd, future, false));
        let how = self.counted(if future {
            "the nearest such weekday on or after"
        } else {
            "the nearest such weekday on or before"
        });
        self.push(start, end, value.map(Value::Day), true, how);
        Some(i + 1)
    }
}
