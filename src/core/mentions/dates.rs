//! Dates with a month name: day and month either way round, with or without a year, lists
//! ("December 3 and 7"), ranges ("Nov. 18-19", "7-8 August"), a time after the day, a bare month
//! after a trigger word ("in December"), and "early/mid/late" parts of a month.

use chrono::NaiveDate;

use super::lexicon::{
    AND_WORDS, MONTH_TRIGGERS, NAME_MONTHS, PARTS_OF_MONTH, SPELLED_ORDINAL_DAYS, TRIGGERS,
    WEAK_MONTH_TRIGGERS,
};
use super::tokens::Tk;
use super::value::Value;
use super::{Finder, Found, MentionKind};

impl Finder<'_> {
    /// "early/mid/late December (2022)"
    pub(super) fn part_of_month_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if let Some(w) = self.lower(i)
            && PARTS_OF_MONTH.contains(&w)
        {
            let j = if self.sym(i + 1, "-") { i + 2 } else { i + 1 };
            if let Some((m, next)) = self.month(j)
                && self.day(next).is_none()
            {
                let (y, next) = match self.year(next) {
                    Some((y, n)) => (Some(y), n),
                    None => (None, next),
                };
                let end = self.end_before(next);
                self.push_month(t.start, end, y, m, Some(w));
                return Found::Next(next);
            }
        }
        Found::Pass
    }

    /// "the 30th of June (2022)"
    pub(super) fn day_of_month_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if self.lower(i) == Some("the")
            && let Some((d, next)) = self.day(i + 1)
            && next > i + 2
            && self.lower(next) == Some("of")
            && let Some((m, next)) = self.month(next + 1)
        {
            let (y, next) = match self.year(next) {
                Some((y, n)) => (Some(y), n),
                None => (None, next),
            };
            let end = self.end_before(next);
            self.push_day(t.start, end, y, m, d);
            return Found::Next(next);
        }
        Found::Pass
    }

    /// Month first: "December 10, 2022", "Dec. 10", "Nov. 18-19", "December 3 and 7, 2022",
    /// "December 2022", "in December".
    pub(super) fn month_first_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if let Some((m, after_month)) = self.month(i) {
            // "the May Fourth Movement" is a name, month and all.
            if self
                .lower(after_month)
                .is_some_and(|w| SPELLED_ORDINAL_DAYS.iter().any(|(o, _)| *o == w))
                && self.names_after(after_month + 1)
            {
                return Found::NotADate;
            }
            let spelled = || self.spelled_day(after_month);
            if let Some((d1, mut next)) = self.day(after_month).or_else(spelled) {
                // Not "December 2022" read as a day: a day is never followed by a 4-digit part.
                let mut days = vec![(d1, t.start, self.end_before(next))];
                let mut range = false;
                if (self.sym(next, "-") || self.sym(next, "–"))
                    && let Some((d2, n2)) = self.day(next + 1)
                {
                    days.push((d2, self.toks[next + 1].start, self.end_before(n2)));
                    next = n2;
                    range = true;
                } else {
                    // A list: "3 and 7", "3, 5 and 7" — only days not followed by a month.
                    let mut k = next;
                    loop {
                        let sep = self.sym(k, ",") || self.lower(k) == Some("and");
                        let and_after_comma = self.sym(k, ",") && self.lower(k + 1) == Some("and");
                        let first = if and_after_comma { k + 2 } else { k + 1 };
                        if !sep {
                            break;
                        }
                        let Some((d, n)) = self.day(first) else { break };
                        if self.month(n).is_some() || self.year(first).is_some() || self.sym(n, ":")
                        {
                            break;
                        }
                        // Followed by a noun, it is a count ("3 and 4 people"): only a year, a
                        // comma, "and" or the end of a clause may follow a listed day.
                        let ok_follow = self.toks.get(n).is_none_or(|t| t.kind == Tk::Sym)
                            || self.lower(n) == Some("and");
                        if !ok_follow {
                            break;
                        }
                        days.push((d, self.toks[first].start, self.end_before(n)));
                        k = n;
                        next = n;
                    }
                }
                let mut year = None;
                let year_at = if self.sym(next, ",") { next + 1 } else { next };
                if let Some((y, n)) = self.year(year_at) {
                    year = Some(y);
                    next = n;
                    if let Some(last) = days.last_mut() {
                        last.2 = self.end_before(n);
                    }
                }
                // "February 28, 20:05"
                let time_at = if self.sym(next, ",") { next + 1 } else { next };
                let mut time = None;
                if let Some((h, hl)) = self.num(time_at)
                    && hl <= 2
                    && self.sym(time_at + 1, ":")
                    && let Some((mi, 2)) = self.num(time_at + 2)
                    && h < 24
                    && mi < 60
                    && days.len() == 1
                {
                    time = Some((h, mi));
                    next = time_at + 3;
                    if let Some(last) = days.last_mut() {
                        last.2 = self.end_before(next);
                    }
                }
                for (k, (d, s, e)) in days.into_iter().enumerate() {
                    let before = self.drafts.len();
                    self.push_day(s, e, year, m, d);
                    if let (Some(draft), Some((h, mi))) = (self.drafts.get_mut(before), time)
                        && let Some(Value::Day(date)) = draft.value
                    {
                        draft.value = Some(Value::Time(date, h, mi));
                    }
                    if range && let Some(draft) = self.drafts.get_mut(before) {
                        draft.kind = Some(if k == 0 {
                            MentionKind::RangeStart
                        } else {
                            MentionKind::RangeEnd
                        });
                    }
                }
                return Found::Next(next);
            }
            if let Some((y, next)) = self.year(after_month) {
                let end = self.end_before(next);
                self.push_month(t.start, end, Some(y), m, None);
                return Found::Next(next);
            }
            // After "and", "for", "a" or "an", a month that is also a first name, before a
            // capitalised word, is a name: "Hungary and Jan Kavan", "Johnny and June Carter"
            // (but "the March U.N. vote", "in November and December U.S. exports").
            let name_after = self.capitalised(after_month)
                && self.lower(i).is_some_and(|w| NAME_MONTHS.contains(&w));
            let triggered = i
                .checked_sub(1)
                .and_then(|p| self.lower(p))
                .is_some_and(|w| {
                    let weak = w == "and" || WEAK_MONTH_TRIGGERS.contains(&w);
                    if weak && name_after {
                        return false;
                    }
                    TRIGGERS.contains(&w)
                        || MONTH_TRIGGERS.contains(&w)
                        || WEAK_MONTH_TRIGGERS.contains(&w) && m != 5
                });
            if triggered {
                let end = self.end_before(after_month);
                self.push_month(t.start, end, None, m, None);
                return Found::Next(after_month);
            }
        }
        Found::Pass
    }

    /// Day first: "10 December 2022", "7-8 August 2008", "3 ноября 2021 года", "15 dekabrda".
    pub(super) fn day_first_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if let Some((d1, next)) = self.day(i) {
            let mut days = vec![(d1, t.start, self.end_before(next))];
            let mut j = next;
            let mut range = false;
            if (self.sym(j, "-") || self.sym(j, "–"))
                && let Some((d2, n2)) = self.day(j + 1)
            {
                days.push((d2, self.toks[j + 1].start, self.end_before(n2)));
                j = n2;
                range = true;
            } else if self.lower(j).is_some_and(|w| AND_WORDS.contains(&w))
                && let Some((d2, n2)) = self.day(j + 1)
                && self.month(n2).is_some()
            {
                days.push((d2, self.toks[j + 1].start, self.end_before(n2)));
                j = n2;
            }
            if let Some((m, mut next)) = self.month(j) {
                let mut year = None;
                if let Some((y, n)) = self.year(next) {
                    year = Some(y);
                    next = n;
                }
                let end = self.end_before(next);
                let count = days.len();
                for (k, (d, s, e)) in days.into_iter().enumerate() {
                    let e = if k + 1 == count { end } else { e };
                    let before = self.drafts.len();
                    self.push_day(s, e, year, m, d);
                    if range && let Some(draft) = self.drafts.get_mut(before) {
                        draft.kind = Some(if k == 0 {
                            MentionKind::RangeStart
                        } else {
                            MentionKind::RangeEnd
                        });
                    }
                }
                return Found::Next(next);
            }
        }
        Found::Pass
    }

    /// A day with a month (and perhaps a year) → a mention; `None` for an impossible date.
    fn push_day(&mut self, start: usize, end: usize, y: Option<i32>, m: u32, d: u32) {
        let (year, relative, how) = match y {
            Some(y) => (Some(y), false, "date given in full".to_string()),
            None => match self.infer_year(m, Some(d), start) {
                Some((y, note)) => (Some(y), true, note),
                None => (
                    None,
                    true,
                    "no publication date to take the year from".to_string(),
                ),
            },
        };
        let value = year
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            .map(Value::Day);
        if year.is_some() && value.is_none() {
            return; // "February 30": not a date
        }
        self.push(start, end, value, relative, how);
    }

    fn push_month(
        &mut self,
        start: usize,
        end: usize,
        y: Option<i32>,
        m: u32,
        modifier: Option<&str>,
    ) {
        let (year, relative, mut how) = match y {
            Some(y) => (Some(y), false, "month and year given".to_string()),
            None => match self.infer_year(m, None, start) {
                Some((y, note)) => (Some(y), true, note),
                None => (
                    None,
                    true,
                    "no publication date to take the year from".to_string(),
                ),
            },
        };
        if let Some(m) = modifier {
            how = format!("{how}; {m} in the month");
        }
        self.push(start, end, year.map(|y| Value::Month(y, m)), relative, how);
    }
}
