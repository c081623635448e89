//! Date expressions inside an article's text, found and resolved in the spirit of TimeML/TIMEX3
//! and HeidelTime's news rules: each with its span, value, precision, kind and how it was resolved.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

use super::timestamp::month_number;

/// How exact a mention's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionPrecision {
    Time,
    Day,
    Week,
    Month,
    Quarter,
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

/// The calendar value of a mention before it is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Time(NaiveDate, u32, u32),
    Day(NaiveDate),
    Week(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
}

impl Value {
    fn precision(self) -> MentionPrecision {
        match self {
            Value::Time(..) => MentionPrecision::Time,
            Value::Day(_) => MentionPrecision::Day,
            Value::Week(_) => MentionPrecision::Week,
            Value::Month(..) => MentionPrecision::Month,
            Value::Quarter(..) => MentionPrecision::Quarter,
            Value::Year(_) => MentionPrecision::Year,
        }
    }

    fn timex(self) -> String {
        match self {
            Value::Time(d, h, m) => format!("{}T{h:02}:{m:02}", ymd(d)),
            Value::Day(d) => ymd(d),
            Value::Week(d) => {
                let w = d.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Value::Month(y, m) => format!("{y:04}-{m:02}"),
            Value::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Value::Year(y) => format!("{y:04}"),
        }
    }

    fn first_day(self) -> Option<NaiveDate> {
        match self {
            Value::Time(d, ..) | Value::Day(d) => Some(d),
            Value::Week(d) => {
                d.checked_sub_days(Days::new(d.weekday().num_days_from_monday() as u64))
            }
            Value::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Value::Quarter(y, q) => NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
            Value::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
        }
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tk {
    Word,
    Num,
    Sym,
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    kind: Tk,
    text: &'a str,
    start: usize,
    end: usize,
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some(&(start, c)) = iter.peek() {
        let kind = if c.is_ascii_digit() {
            Tk::Num
        } else if c.is_alphabetic() {
            Tk::Word
        } else {
            iter.next();
            if !c.is_whitespace() {
                out.push(Tok {
                    kind: Tk::Sym,
                    text: &text[start..start + c.len_utf8()],
                    start,
                    end: start + c.len_utf8(),
                });
            }
            continue;
        };
        let mut end = start;
        while let Some(&(i, d)) = iter.peek() {
            let same = match kind {
                Tk::Num => d.is_ascii_digit(),
                _ => d.is_alphabetic() || d == '\u{0301}',
            };
            if !same {
                break;
            }
            end = i + d.len_utf8();
            iter.next();
        }
        out.push(Tok {
            kind,
            text: &text[start..end],
            start,
            end,
        });
    }
    out
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
}

/// Which way a sentence looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    /// No cue either way.
    Unmarked,
}

fn tense(sentence: &str) -> Tense {
    if is_future(sentence) {
        return Tense::Future;
    }
    let past = sentence.split(|c: char| !c.is_alphabetic()).any(|w| {
        let lower = w.to_lowercase();
        let english = w.is_ascii()
            && ([
                "was", "were", "had", "did", "said", "ago", "told", "met", "held", "left", "went",
                "came", "took", "began", "became",
            ]
            .contains(&lower.as_str())
                || (lower.len() > 4 && lower.ends_with("ed")));
        let russian = !w.is_ascii()
            && lower.chars().count() > 3
            && ["л", "ла", "ло", "ли", "лся", "лась", "лось", "лись"]
                .iter()
                .any(|s| lower.ends_with(s))
            && lower
                .chars()
                .next()
                .is_some_and(|c| ('а'..='я').contains(&c) || c == 'ё');
        let azerbaijani = lower.chars().count() > 4
            && [
                "ib",
                "ıb",
                "ub",
                "üb",
                "di",
                "dı",
                "du",
                "dü",
                "mişdir",
                "mışdır",
            ]
            .iter()
            .any(|s| lower.ends_with(s))
            && lower.chars().any(|c| "əğışçöü".contains(c) || c.is_ascii());
        english || russian || azerbaijani
    });
    if past { Tense::Past } else { Tense::Unmarked }
}

/// Which way a sentence looks: at the past (most news) or the future.
fn is_future(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    const CUES: [&str; 22] = [
        " will ",
        " shall ",
        " would be held",
        " is to ",
        " are to ",
        " to be held",
        " scheduled",
        " is expected",
        " are expected",
        " plans to",
        " planned for",
        " next ",
        " upcoming",
        " going to",
        " resume on",
        " будет",
        " будут",
        " состоится",
        "acaq",
        "əcək",
        " gələn ",
        " coming ",
    ];
    let padded = format!(" {lower} ");
    CUES.iter().any(|c| padded.contains(c))
}

/// The sentence around byte `at`.
fn sentence_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let bytes = text.as_bytes();
    let is_end = |i: usize| {
        matches!(bytes[i], b'!' | b'?' | b'\n')
            || (bytes[i] == b'.'
                && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
                && i >= 3
                && !text[..i].ends_with(char::is_uppercase))
    };
    let start = (0..at).rev().find(|&i| is_end(i)).map_or(0, |i| i + 1);
    let end = (at..text.len()).find(|&i| is_end(i)).unwrap_or(text.len());
    let (start, end) = (floor(text, start), floor(text, end));
    &text[start..end.max(start)]
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const WEEKDAYS: [(&str, Weekday); 21] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("понедельник", Weekday::Mon),
    ("вторник", Weekday::Tue),
    ("среду", Weekday::Wed),
    ("четверг", Weekday::Thu),
    ("пятницу", Weekday::Fri),
    ("субботу", Weekday::Sat),
    ("воскресенье", Weekday::Sun),
    ("bazar ertəsi", Weekday::Mon),
    ("çərşənbə axşamı", Weekday::Tue),
    ("çərşənbə", Weekday::Wed),
    ("cümə axşamı", Weekday::Thu),
    ("cümə", Weekday::Fri),
    ("şənbə", Weekday::Sat),
    ("bazar", Weekday::Sun),
];

fn weekday_of(word: &str) -> Option<Weekday> {
    let lower = word.to_lowercase();
    WEEKDAYS
        .iter()
        .take(14)
        .find(|(n, _)| *n == lower)
        .map(|(_, d)| *d)
}

/// Words before a bare month or year that make it a date ("in December", "since 2015").
const TRIGGERS: [&str; 24] = [
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "of",
    "during",
    "before",
    "after",
    "early",
    "mid",
    "late",
    "through",
    "throughout",
    "в",
    "с",
    "до",
    "по",
    "с",
    "the",
    "and",
    "between",
];

struct Finder<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
    reference: Option<NaiveDate>,
    drafts: Vec<Draft>,
}

impl<'a> Finder<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Tk::Word)
            .map(|t| t.text)
    }

    fn lower(&self, i: usize) -> Option<String> {
        self.word(i).map(str::to_lowercase)
    }

    fn sym(&self, i: usize, c: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Tk::Sym && t.text == c)
    }

    /// Tokens i and i+1 touch (no space between).
    fn adjacent(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Tk::Num)?;
        Some((t.text.parse().ok()?, t.text.len()))
    }

    /// A month name at `i` (English months need a capital; Russian and Azerbaijani any case).
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i)?;
        let m = month_number(w)?;
        let ascii = w.is_ascii();
        if ascii && w.chars().next().is_some_and(char::is_lowercase) {
            // "may", "march" as words; Azerbaijani months are lower-case ("dekabr"), and have no
            // English twin but "mart"/"may": accept those only before a number.
            let az = [
                "yanvar", "fevral", "aprel", "iyun", "iyul", "avqust", "sentyabr", "oktyabr",
                "noyabr", "dekabr",
            ];
            if !az.iter().any(|a| w.starts_with(a)) {
                return None;
            }
        }
        // "Dec." — an abbreviation's point belongs to it (a full name's is the sentence's).
        let abbreviated =
            w.len() <= 4 && !["June", "July", "May", "JUNE", "JULY", "MAY"].contains(&w);
        let next = if abbreviated && self.sym(i + 1, ".") && self.adjacent(i) {
            i + 2
        } else {
            i + 1
        };
        Some((m, next))
    }

    /// A day number with an optional ordinal suffix: `5`, `5th`, `30th`.
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let (d, len) = self.num(i)?;
        if len > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut next = i + 1;
        if self.adjacent(i)
            && let Some(w) = self.lower(i + 1)
            && ["st", "nd", "rd", "th", "го", "ого"].contains(&w.as_str())
        {
            next += 1;
        }
        // "5-ci", "3-го": a suffix after a hyphen.
        if self.sym(next, "-")
            && self.adjacent(next - 1)
            && self.adjacent(next)
            && let Some(w) = self.lower(next + 1)
            && ["ci", "cı", "cu", "cü", "го", "е"].contains(&w.as_str())
        {
            next += 2;
        }
        Some((d, next))
    }

    /// A four-digit year, with what may follow it ("года", "-ci il", "г.").
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let (y, len) = self.num(i)?;
        if len != 4 || !(1000..=2999).contains(&y) {
            return None;
        }
        let mut next = i + 1;
        if self.sym(next, "-")
            && self.adjacent(i)
            && let Some(w) = self.lower(next + 1)
            && ["ci", "cı", "cu", "cü", "ildə", "il"].contains(&w.as_str())
        {
            next += 2;
            if self
                .lower(next)
                .as_deref()
                .is_some_and(|w| w.starts_with("il"))
            {
                next += 1;
            }
        } else if let Some(w) = self.lower(next)
            && ["года", "году", "год", "г", "il", "ildə"].contains(&w.as_str())
        {
            next += 1;
            if w == "г" && self.sym(next, ".") {
                next += 1;
            }
        }
        Some((y as i32, next))
    }

    fn start_of(&self, i: usize) -> usize {
        self.toks[i].start
    }

    fn end_before(&self, next: usize) -> usize {
        self.toks[next - 1].end
    }

    /// The year of a day or month given without one.
    fn infer_year(&self, month: u32, day: Option<u32>, at: usize) -> Option<(i32, String)> {
        let r = self.reference?;
        let tense = tense(sentence_around(self.text, at));
        let candidate = NaiveDate::from_ymd_opt(r.year(), month, day.unwrap_or(1).min(28));
        let mut year = r.year();
        let mut note = format!("year taken from the publication date {}", ymd(r));
        let after = match day {
            Some(_) => candidate.is_some_and(|c| c > r),
            None => month > r.month(),
        };
        let before = match day {
            Some(_) => candidate.is_some_and(|c| c < r),
            None => month < r.month(),
        };
        // With no tense to go by, a date just after publication is the coming one ("вступает
        // в силу 1 августа"); news otherwise looks back.
        let soon_after = candidate.is_some_and(|c| c > r && (c - r).num_days() <= 14);
        let future = tense == Tense::Future;
        if after && !future && !(tense == Tense::Unmarked && soon_after) {
            year -= 1;
            note = format!(
                "the year before the publication date {} (a past event in a later month)",
                ymd(r)
            );
        } else if before && future {
            year += 1;
            note = format!(
                "the year after the publication date {} (a coming event in an earlier month)",
                ymd(r)
            );
        }
        Some((year, note))
    }

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
        });
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

    /// Tries every rule at token `i`; the token after the match if one did.
    fn rule_at(&mut self, i: usize) -> Option<usize> {
        let t = *self.toks.get(i)?;
        // ISO 2022-12-10 (or 2022-12)
        if t.kind == Tk::Num
            && t.text.len() == 4
            && self.sym(i + 1, "-")
            && self.adjacent(i)
            && self.adjacent(i + 1)
        {
            let (y, _) = self.num(i)?;
            if let Some((m, 2)) = self.num(i + 2) {
                if self.sym(i + 3, "-")
                    && self.adjacent(i + 2)
                    && self.adjacent(i + 3)
                    && let Some((d, 2)) = self.num(i + 4)
                {
                    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
                    self.push(
                        t.start,
                        self.toks[i + 4].end,
                        Some(Value::Day(date)),
                        false,
                        "ISO date".into(),
                    );
                    return Some(i + 5);
                }
                if (1..=12).contains(&m) && !self.sym(i + 3, "-") {
                    self.push(
                        t.start,
                        self.toks[i + 2].end,
                        Some(Value::Month(y as i32, m)),
                        false,
                        "ISO month".into(),
                    );
                    return Some(i + 3);
                }
            }
        }
        // 10.12.2022, 10/12/2022
        if t.kind == Tk::Num && t.text.len() <= 2 {
            for sep in [".", "/"] {
                if self.sym(i + 1, sep)
                    && self.adjacent(i)
                    && self.adjacent(i + 1)
                    && let Some((b, bl)) = self.num(i + 2)
                    && bl <= 2
                    && self.sym(i + 3, sep)
                    && self.adjacent(i + 2)
                    && self.adjacent(i + 3)
                    && let Some((y, 4)) = self.num(i + 4)
                {
                    let (a, _) = self.num(i)?;
                    let (d, m) = if sep == "/" && a <= 12 && b > 12 {
                        (b, a)
                    } else {
                        (a, b)
                    };
                    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
                    let how = if sep == "/" && a <= 12 && b <= 12 && a != b {
                        "numeric date, read day first".to_string()
                    } else {
                        "numeric date".to_string()
                    };
                    self.push(
                        t.start,
                        self.toks[i + 4].end,
                        Some(Value::Day(date)),
                        false,
                        how,
                    );
                    return Some(i + 5);
                }
            }
        }
        // "early/mid/late December (2022)"
        if let Some(w) = self.lower(i)
            && ["early", "mid", "late"].contains(&w.as_str())
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
                self.push_month(t.start, end, y, m, Some(&w));
                return Some(next);
            }
        }
        // "the 30th of June (2022)"
        if self.lower(i).as_deref() == Some("the")
            && let Some((d, next)) = self.day(i + 1)
            && next > i + 2
            && self.lower(next).as_deref() == Some("of")
            && let Some((m, next)) = self.month(next + 1)
        {
            let (y, next) = match self.year(next) {
                Some((y, n)) => (Some(y), n),
                None => (None, next),
            };
            let end = self.end_before(next);
            self.push_day(t.start, end, y, m, d);
            return Some(next);
        }
        // Month first: "December 10, 2022", "Dec. 10", "Nov. 18-19", "December 3 and 7, 2022",
        // "December 2022", "in December".
        if let Some((m, after_month)) = self.month(i) {
            if let Some((d1, mut next)) = self.day(after_month) {
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
                        let sep = self.sym(k, ",") || self.lower(k).as_deref() == Some("and");
                        let and_after_comma =
                            self.sym(k, ",") && self.lower(k + 1).as_deref() == Some("and");
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
                            || self.lower(n).as_deref() == Some("and");
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
                let n_days = days.len();
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
                    let _ = n_days;
                }
                return Some(next);
            }
            if let Some((y, next)) = self.year(after_month) {
                let end = self.end_before(next);
                self.push_month(t.start, end, Some(y), m, None);
                return Some(next);
            }
            let triggered = i > 0
                && self.lower(i - 1).is_some_and(|w| {
                    TRIGGERS.contains(&w.as_str())
                        || w == "end"
                        || w == "beginning"
                        || w == "last"
                        || w == "this"
                        || w == "next"
                });
            if triggered {
                let end = self.end_before(after_month);
                self.push_month(t.start, end, None, m, None);
                return Some(after_month);
            }
        }
        // Day first: "10 December 2022", "7-8 August 2008", "3 ноября 2021 года", "15 dekabrda".
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
            } else if (self.lower(j).as_deref() == Some("and")
                || self.lower(j).as_deref() == Some("и")
                || self.lower(j).as_deref() == Some("və"))
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
                return Some(next);
            }
        }
        // Quarters: "the first quarter of 2022", "Q1 2022"
        let ordinals = ["first", "second", "third", "fourth"];
        if let Some(w) = self.lower(i)
            && let Some(q) = ordinals.iter().position(|o| *o == w)
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
            return Some(next);
        }
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
            return Some(next);
        }
        // Relative words.
        if let Some(next) = self.relative_at(i) {
            return Some(next);
        }
        // A bare year after a preposition, or before "year": "in 2020", "2021-ci il", "в 2021 году".
        if let Some((y, next)) = self.year(i) {
            let prev = i.checked_sub(1).and_then(|p| self.lower(p));
            let suffixed = next > i + 1;
            let after_trigger = prev
                .as_deref()
                .is_some_and(|w| TRIGGERS.contains(&w) || w == "year");
            let before_year_word = self.lower(next).as_deref() == Some("year");
            // Not "in 2020 vehicles": a plural noun after the number makes it a count.
            let counted = self.lower(next).is_some_and(|w| {
                w.len() > 3
                    && w.ends_with('s')
                    && !["years", "was", "has", "is"].contains(&w.as_str())
            });
            let thousands = self.sym(i + 1, ",") && self.adjacent(i)
                || i > 0 && self.sym(i - 1, ",") && self.adjacent(i - 1);
            if (suffixed || after_trigger || before_year_word) && !counted && !thousands {
                let end = self.end_before(next);
                self.push(
                    t.start,
                    end,
                    Some(Value::Year(y)),
                    false,
                    "year given".into(),
                );
                return Some(next);
            }
        }
        // A time on its own: "at 20:05".
        if let Some((h, hl)) = self.num(i)
            && hl <= 2
            && self.sym(i + 1, ":")
            && self.adjacent(i)
            && let Some((mi, 2)) = self.num(i + 2)
            && h < 24
            && mi < 60
        {
            // Seconds belong to the time: "22:50:09".
            let (last, next) =
                if self.sym(i + 3, ":") && self.num(i + 4).is_some_and(|(_, l)| l == 2) {
                    (i + 4, i + 5)
                } else {
                    (i + 2, i + 3)
                };
            let end = self.toks[last].end;
            match self.reference {
                Some(r) => self.push(
                    t.start,
                    end,
                    Some(Value::Time(r, h, mi)),
                    true,
                    format!("a time on the publication date {}", ymd(r)),
                ),
                None => self.push(t.start, end, None, true, "a time of an unknown day".into()),
            }
            return Some(next);
        }
        None
    }

    /// yesterday, today, last week, this year, on Monday, two days ago, in recent months…
    fn relative_at(&mut self, i: usize) -> Option<usize> {
        let w = self.lower(i)?;
        let w1 = self.lower(i + 1);
        let w2 = self.lower(i + 2);
        let start = self.start_of(i);
        // Vague phrases: shown, never given a date.
        const VAGUE: [&[&str]; 16] = [
            &["in", "recent", "months"],
            &["in", "recent", "weeks"],
            &["in", "recent", "years"],
            &["in", "recent", "days"],
            &["recently"],
            &["in", "the", "coming", "days"],
            &["in", "the", "coming", "weeks"],
            &["in", "the", "coming", "months"],
            &["in", "the", "past", "few", "days"],
            &["in", "the", "past", "few", "weeks"],
            &["in", "the", "past", "few", "months"],
            &["soon"],
            &["these", "days"],
            &["в", "последние", "месяцы"],
            &["недавно"],
            &["son", "aylarda"],
        ];
        for phrase in VAGUE {
            let matches = phrase
                .iter()
                .enumerate()
                .all(|(k, p)| self.lower(i + k).as_deref() == Some(*p));
            if matches {
                let next = i + phrase.len();
                let end = self.end_before(next);
                self.push(start, end, None, true, "vague: no date can be given".into());
                if let Some(d) = self.drafts.last_mut() {
                    d.kind = Some(MentionKind::Vague);
                }
                return Some(next);
            }
        }
        let r = self.reference;
        let need_ref = |how: &str| match r {
            Some(r) => format!("{how} the publication date {}", ymd(r)),
            None => "no publication date to count from".to_string(),
        };
        let day_shift = |n: i64| r.and_then(|r| r.checked_add_signed(chrono::Duration::days(n)));
        let single: Option<(i64, &str)> = match w.as_str() {
            "yesterday" | "вчера" | "dünən" => Some((-1, "the day before")),
            "today" | "сегодня" => Some((0, "the day of")),
            "tomorrow" | "завтра" => Some((1, "the day after")),
            "bu" if w1.as_deref() == Some("gün") => Some((0, "the day of")),
            _ => None,
        };
        if let Some((shift, how)) = single {
            let next = if w == "bu" { i + 2 } else { i + 1 };
            let end = self.end_before(next);
            self.push(
                start,
                end,
                day_shift(shift).map(Value::Day),
                true,
                need_ref(how),
            );
            return Some(next);
        }
        // last/this/next week|month|year; прошлой неделе; keçən il
        let (dir, unit_at) = match w.as_str() {
            "last" | "past" | "прошлой" | "прошлом" | "прошлого" | "keçən" | "ötən" => {
                (-1, i + 1)
            }
            "this" | "этой" | "этом" | "этого" | "bu" => (0, i + 1),
            "next" | "следующей" | "следующем" | "gələn" => (1, i + 1),
            _ => (9, i),
        };
        if dir != 9
            && let Some(unit) = self.lower(unit_at)
            && let Some(r) = r
        {
            let next = unit_at + 1;
            let value = match unit.as_str() {
                "week" | "неделе" | "неделю" | "həftə" => r
                    .checked_add_signed(chrono::Duration::weeks(dir))
                    .map(Value::Week),
                "month" | "месяце" | "месяц" | "ay" => {
                    let d = if dir < 0 {
                        r.checked_sub_months(Months::new(1))
                    } else if dir > 0 {
                        r.checked_add_months(Months::new(1))
                    } else {
                        Some(r)
                    };
                    d.map(|d| Value::Month(d.year(), d.month()))
                }
                "year" | "году" | "год" | "il" => Some(Value::Year(r.year() + dir as i32)),
                _ => None,
            };
            if let Some(value) = value {
                let end = self.end_before(next);
                let how = match dir {
                    -1 => "the one before",
                    0 => "the one of",
                    _ => "the one after",
                };
                let start = if i > 0
                    && ["на", "в"].contains(&self.lower(i - 1).as_deref().unwrap_or(""))
                {
                    self.start_of(i - 1)
                } else {
                    start
                };
                self.push(start, end, Some(value), true, need_ref(how));
                return Some(next);
            }
            // "last Monday", "next Friday"
            if let Some(wd) = weekday_of(&unit) {
                let value = nearest_weekday(r, wd, dir > 0, true);
                let end = self.end_before(next);
                self.push(
                    start,
                    end,
                    value.map(Value::Day),
                    true,
                    need_ref(if dir > 0 {
                        "the next such weekday after"
                    } else {
                        "the last such weekday before"
                    }),
                );
                return Some(next);
            }
        }
        // "two days ago", "3 weeks ago"
        let count = match w.as_str() {
            "one" | "a" => Some(1),
            "two" => Some(2),
            "three" => Some(3),
            "four" => Some(4),
            "five" => Some(5),
            "six" => Some(6),
            "seven" => Some(7),
            _ => None,
        }
        .or_else(|| {
            self.num(i)
                .filter(|(n, l)| *l <= 2 && *n > 0)
                .map(|(n, _)| n as i64)
        });
        if let Some(n) = count
            && let Some(unit) = self.lower(i + 1)
            && self.lower(i + 2).as_deref() == Some("ago")
            && let Some(r) = r
        {
            let value = match unit.trim_end_matches('s') {
                "day" => r.checked_sub_days(Days::new(n as u64)).map(Value::Day),
                "week" => r.checked_sub_days(Days::new(7 * n as u64)).map(Value::Week),
                "month" => r
                    .checked_sub_months(Months::new(n as u32))
                    .map(|d| Value::Month(d.year(), d.month())),
                "year" => Some(Value::Year(r.year() - n as i32)),
                _ => None,
            };
            if let Some(v) = value {
                let end = self.end_before(i + 3);
                self.push(
                    start,
                    end,
                    Some(v),
                    true,
                    need_ref(&format!("{n} {unit} before")),
                );
                return Some(i + 3);
            }
        }
        // Weekdays: "on Monday", "Tuesday, April 9" (the date wins), "в понедельник"
        if let Some(wd) = weekday_of(&w)
            && (self
                .word(i)
                .is_some_and(|x| x.chars().next().is_some_and(char::is_uppercase))
                || !w.is_ascii())
        {
            // A date right after the weekday: let the date rule take it.
            let after = if self.sym(i + 1, ",") { i + 2 } else { i + 1 };
            if self.month(after).is_some()
                || self
                    .day(after)
                    .is_some_and(|(_, n)| self.month(n).is_some())
            {
                return None;
            }
            let future = is_future(sentence_around(self.text, start));
            let start = if i > 0
                && ["on", "в", "во"].contains(&self.lower(i - 1).as_deref().unwrap_or(""))
            {
                self.start_of(i - 1)
            } else {
                start
            };
            let end = self.end_before(i + 1);
            let value = r.and_then(|r| nearest_weekday(r, wd, future, false));
            let how = need_ref(if future {
                "the nearest such weekday on or after"
            } else {
                "the nearest such weekday on or before"
            });
            self.push(start, end, value.map(Value::Day), true, how);
            return Some(i + 1);
        }
        let _ = w2;
        None
    }
}

/// The nearest `wd` on or before `r` (or after, when `forward`); `strict` skips `r` itself.
fn nearest_weekday(r: NaiveDate, wd: Weekday, forward: bool, strict: bool) -> Option<NaiveDate> {
    let first = if strict { 1 } else { 0 };
    (first..first + 7)
        .filter_map(|k| {
            if forward {
                r.checked_add_days(Days::new(k))
            } else {
                r.checked_sub_days(Days::new(k))
            }
        })
        .find(|d| d.weekday() == wd)
}

/// Every date expression in `text`, resolved against `published` (the article's date).
pub fn find(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let mut f = Finder {
        text,
        toks: tokenize(text),
        reference: published,
        drafts: Vec::new(),
    };
    let mut i = 0;
    while i < f.toks.len() {
        match f.rule_at(i) {
            Some(next) if next > i => i = next,
            _ => i += 1,
        }
    }
    settle_kinds(&mut f);
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

/// "since X" → ongoing; "until X", "by the end of X" → range end; "from X to Y", "between X and
/// Y" → a range. Span starts are widened to the word that says so.
fn settle_kinds(f: &mut Finder<'_>) {
    let text = f.text;
    let word_before = |at: usize| -> Option<(String, usize)> {
        let before = text[..at].trim_end();
        let start = before
            .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let w = &before[start..];
        (!w.is_empty()).then(|| (w.to_lowercase(), start))
    };
    for k in 0..f.drafts.len() {
        if f.drafts[k].kind.is_some() {
            continue;
        }
        let start = f.drafts[k].start;
        let Some((w, w_start)) = word_before(start) else {
            continue;
        };
        match w.as_str() {
            "since" | "с" => {
                f.drafts[k].kind = Some(MentionKind::Ongoing);
                f.drafts[k].how = format!("{}; still going on when reported", f.drafts[k].how);
            }
            "until" | "till" | "до" => f.drafts[k].kind = Some(MentionKind::RangeEnd),
            "of" if text[..w_start]
                .trim_end()
                .to_lowercase()
                .ends_with("by the end") =>
            {
                f.drafts[k].kind = Some(MentionKind::RangeEnd);
                f.drafts[k].how = format!("{}; by the end of it", f.drafts[k].how);
            }
            "from" | "between" if k + 1 < f.drafts.len() => {
                let gap = text[f.drafts[k].end..f.drafts[k + 1].start]
                    .trim()
                    .to_lowercase();
                if ["to", "until", "till", "and", "-", "–", "through"].contains(&gap.as_str()) {
                    f.drafts[k].kind = Some(MentionKind::RangeStart);
                    f.drafts[k + 1].kind = Some(MentionKind::RangeEnd);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
