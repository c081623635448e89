//! Publication timestamps: a date with an optional time and UTC offset, read from the loose
//! ways newsrooms write them ("7 December 2022 14:29 (UTC+04:00)", "2022-12-07", "February 28, 20:05").

mod lexicon;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

use lexicon::Meaning;

/// A date as an article states it: the time and the UTC offset only when they are given.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Timestamp {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Offset east of UTC in seconds.
    pub offset_secs: Option<i32>,
}

impl Timestamp {
    pub fn from_date(date: NaiveDate) -> Self {
        Self {
            date,
            time: None,
            offset_secs: None,
        }
    }
}

impl Timestamp {
    /// For people: `7 December 2022, 14:29 UTC+04:00`.
    pub fn human(&self) -> String {
        let mut out = self.date.format("%-d %B %Y").to_string();
        if let Some(time) = self.time {
            out.push_str(&format!(", {:02}:{:02}", time.hour(), time.minute()));
            if let Some(offset) = self.offset_secs {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                out.push_str(&format!(
                    " UTC{sign}{:02}:{:02}",
                    abs / 3600,
                    (abs % 3600) / 60
                ));
            }
        }
        out
    }
}

impl fmt::Display for Timestamp {
    /// ISO 8601: `2022-12-12`, `2023-02-28T20:05:00`, `2022-12-07T14:29:00+04:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.date.year(),
            self.date.month(),
            self.date.day()
        )?;
        if let Some(time) = self.time {
            write!(
                f,
                "T{:02}:{:02}:{:02}",
                time.hour(),
                time.minute(),
                time.second()
            )?;
            if let Some(offset) = self.offset_secs {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)?;
            }
        }
        Ok(())
    }
}

/// Month names in English (full and abbreviated), with their number.
const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Stems of month names in Russian (every case: "декабря", "декабрь", "декабре") and
/// Azerbaijani (with suffixes: "dekabrda", "noyabrın"), with their number.
const MONTH_STEMS: [(&str, u32); 26] = [
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
    ("yanvar", 1),
    ("fevral", 2),
    ("mart", 3),
    ("aprel", 4),
    ("may", 5),
    ("iyun", 6),
    ("iyul", 7),
    ("avqust", 8),
    ("sentyabr", 9),
    ("oktyabr", 10),
    ("noyabr", 11),
    ("dekabr", 12),
    ("янв", 1),
    ("дек", 12),
];

/// The number of a month name in English, Russian or Azerbaijani, case-insensitively: the narrow
/// lookup for body text (see [`header_month_number`] for headers).
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.is_ascii() {
        if let Some((_, n)) = MONTHS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
        {
            return Some(*n);
        }
        // Azerbaijani stems are ASCII, but their suffixes may not be; English words longer
        // than any month name are no month.
        if word.len() > 13 || !word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
    }
    // An ASCII word (at most 13 bytes here) is lower-cased on the stack: most words asked
    // about are no month, and this is asked of many.
    let mut ascii = [0u8; 13];
    let lower: std::borrow::Cow<str> = match ascii.get_mut(..word.len()) {
        Some(buf) if word.is_ascii() => {
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            std::borrow::Cow::Borrowed(std::str::from_utf8(buf).ok()?)
        }
        _ => std::borrow::Cow::Owned(lower_dotted(word).collect()),
    };
    let short_may = ["май", "мая", "мае", "маю"];
    if lower.starts_with("ма") && !lower.starts_with("март") {
        return short_may.contains(&&*lower).then_some(5);
    }
    MONTH_STEMS
        .iter()
        .find(|(stem, _)| {
            lower.starts_with(stem)
                // Azerbaijani suffixes are short ("-da", "-ın", "-in"); anything longer is
                // another word ("martial", "mayor").
                && lower.chars().count() <= stem.chars().count() + 4
                && !(stem.is_ascii() && lower.len() > stem.len() && !is_az_suffix(&lower[stem.len()..]))
        })
        .map(|(_, n)| *n)
}

/// `word` lower-cased as Azerbaijani and Turkish write it: the dotted capital İ is i ("İyun",
/// "İndi"), where `char::to_lowercase` gives i and a combining dot, which matches no word.
pub(crate) fn lower_dotted(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .map(|c| if c == 'İ' { 'i' } else { c })
        .flat_map(char::to_lowercase)
}

/// The number of a month name in any language of a header's date line (English, Russian,
/// Ukrainian, Azerbaijani, Turkish, Armenian, Georgian, German, French, Spanish), in any case
/// and with its case endings ("февраля", "лютого", "Şubat'ta", "փետրվարի", "თებერვლის"). Wider
/// than [`month_number`]: in a line that holds nothing but a date, "mars" or "Mai" is a month.
pub fn header_month_number(word: &str) -> Option<u32> {
    match lexicon::meaning(word.trim_end_matches('.'), None) {
        Some((Meaning::Month(m), _)) => Some(m),
        _ => None,
    }
}

fn is_az_suffix(rest: &str) -> bool {
    [
        "da", "də", "ın", "in", "un", "ün", "a", "ə", "dan", "dən", "ın", "ında", "ində",
    ]
    .contains(&rest)
}

/// UTC offsets of the zone abbreviations newsrooms and mail headers use, in hours.
const ZONES: [(&str, i32); 19] = [
    ("utc", 0),
    ("gmt", 0),
    ("ut", 0),
    ("z", 0),
    ("est", -5),
    ("edt", -4),
    ("cst", -6),
    ("cdt", -5),
    ("mst", -7),
    ("mdt", -6),
    ("pst", -8),
    ("pdt", -7),
    ("cet", 1),
    ("cest", 2),
    // German: MEZ and MESZ are CET and CEST.
    ("mez", 1),
    ("mesz", 2),
    ("msk", 3),
    ("мск", 3),
    ("azt", 4),
];

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Num(&'a str),
    Word(&'a str),
    Sym(char),
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push(Token::Num(&s[start..end]));
        } else if c.is_alphabetic() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                // A word goes on through its combining accents (text in decomposed form) and an
                // apostrophe between letters ("Şubat'ta", "п'ятниця").
                let joins = d.is_alphabetic()
                    || lexicon::is_word_mark(d)
                    || (lexicon::is_apostrophe(d)
                        && s[i + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic));
                if !joins {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push(Token::Word(&s[start..end]));
        } else {
            if !c.is_whitespace() {
                out.push(Token::Sym(c));
            }
            chars.next();
        }
    }
    out
}

/// What a date-ish string gave, before the year is settled.
#[derive(Debug, Default, Clone, Copy)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<NaiveTime>,
    offset_secs: Option<i32>,
    /// Words that are not part of a date were seen.
    has_other_words: bool,
    /// The weekday the text names, if any (not used for the date).
    weekday: Option<Weekday>,
    /// How a numeric date gave its day and month.
    order: Option<DayMonthOrder>,
}

/// How a numeric date such as `03/04/2022` orders its day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DayMonthOrder {
    DayFirst,
    MonthFirst,
    /// Both readings are dates: read day first unless the collection says otherwise.
    Ambiguous,
}

/// `93` → 1993, `21` → 2021.
fn two_digit_year(y: i32) -> i32 {
    if y >= 50 { 1900 + y } else { 2000 + y }
}

fn parse_parts(s: &str) -> Parts {
    parse_parts_until(s, false)
}

/// With `stop_at_words`, gives up at the first word that is not part of a date (for lines that
/// must be nothing but a date: most lines are not, and are long).
fn parse_parts_until(s: &str, stop_at_words: bool) -> Parts {
    if stop_at_words && s.len() > 120 {
        return Parts {
            has_other_words: true,
            ..Parts::default()
        };
    }
    let tokens = tokenize(s);
    let mut parts = Parts::default();
    let mut i = 0;
    let mut loose_numbers: Vec<u32> = Vec::new();
    while i < tokens.len() {
        match tokens[i] {
            Token::Num(n) => {
                // ISO date: 2022-12-07
                if n.len() == 4
                    && let Some(Token::Sym(sep @ ('-' | '/' | '.'))) = tokens.get(i + 1)
                    && tokens.get(i + 3) == Some(&Token::Sym(*sep))
                    && let (Some(Token::Num(m)), Some(Token::Num(d))) =
                        (tokens.get(i + 2), tokens.get(i + 4))
                    && parts.year.is_none()
                {
                    parts.year = n.parse().ok();
                    parts.month = m.parse().ok();
                    parts.day = d.parse().ok();
                    i += 5;
                    // 2022-12-07T14:29
                    if let Some(Token::Word(w)) = tokens.get(i)
                        && let Some(rest) = w.strip_prefix(['T', 't'])
                        && rest.is_empty()
                    {
                        i += 1;
                    }
                    continue;
                }
                // Numeric: 07.12.2022 (day first), 3/3/92 or 12/07/2022 (order from the numbers,
                // else ambiguous).
                if n.len() <= 2
                    && let Some(Token::Sym(sep @ ('.' | '/'))) = tokens.get(i + 1)
                    && let Some(Token::Num(b)) = tokens.get(i + 2)
                    && b.len() <= 2
                    && tokens.get(i + 3) == Some(&Token::Sym(*sep))
                    && let Some(Token::Num(c)) = tokens.get(i + 4)
                    && (c.len() == 4 || c.len() == 2)
                    && parts.day.is_none()
                {
                    let (a, b): (u32, u32) = (n.parse().unwrap_or(0), b.parse().unwrap_or(0));
                    let year: i32 = c.parse().unwrap_or(0);
                    parts.year = Some(if c.len() == 2 {
                        two_digit_year(year)
                    } else {
                        year
                    });
                    if a > 31 && c.len() <= 2 {
                        // 93/5/16: year, month, day.
                        parts.year = Some(two_digit_year(a as i32));
                        parts.month = Some(b);
                        parts.day = c.parse().ok();
                        i += 5;
                        continue;
                    }
                    let (day, month, order) = if *sep == '.' || a > 12 {
                        (a, b, DayMonthOrder::DayFirst)
                    } else if b > 12 {
                        (b, a, DayMonthOrder::MonthFirst)
                    } else if a == b {
                        (a, b, DayMonthOrder::DayFirst)
                    } else {
                        (a, b, DayMonthOrder::Ambiguous)
                    };
                    parts.day = Some(day);
                    parts.month = Some(month);
                    parts.order = Some(order);
                    i += 5;
                    continue;
                }
                // Time: 14:29 or 14:29:05
                if n.len() <= 2
                    && matches!(tokens.get(i + 1), Some(Token::Sym(':')))
                    && let Some(Token::Num(m)) = tokens.get(i + 2)
                    && parts.time.is_none()
                {
                    let mut sec = 0;
                    let mut used = 3;
                    if matches!(tokens.get(i + 3), Some(Token::Sym(':')))
                        && let Some(Token::Num(s)) = tokens.get(i + 4)
                    {
                        sec = s.parse().unwrap_or(0);
                        used = 5;
                    }
                    let (h, m): (u32, u32) = (n.parse().unwrap_or(99), m.parse().unwrap_or(99));
                    parts.time = NaiveTime::from_hms_opt(h, m, sec);
                    i += used;
                    // An offset right after the time: +04:00, +0400, Z
                    if let Some((off, used)) = parse_offset(&tokens[i..]) {
                        parts.offset_secs = Some(off);
                        i += used;
                    }
                    continue;
                }
                // Time with an hour word: 17h10, à 17 h, um 17.10 Uhr
                if parts.time.is_none()
                    && let Some((time, used)) = hour_word_time(&tokens[i..])
                {
                    parts.time = Some(time);
                    i += used;
                    if let Some((off, used)) = parse_offset(&tokens[i..]) {
                        parts.offset_secs = Some(off);
                        i += used;
                    }
                    continue;
                }
                if let Ok(v) = n.parse::<u32>() {
                    if n.len() == 4 && (1000..=2999).contains(&v) && parts.year.is_none() {
                        parts.year = Some(v as i32);
                    } else if n.len() <= 2 {
                        loose_numbers.push(v);
                    } else {
                        parts.has_other_words = true;
                    }
                }
                i += 1;
            }
            Token::Word(w) => {
                let lower = w.to_lowercase();
                let next = match tokens.get(i + 1) {
                    Some(Token::Word(next)) => Some(*next),
                    _ => None,
                };
                let found = lexicon::meaning(w, next);
                if let Some((Meaning::Month(m), _)) = found {
                    parts.month.get_or_insert(m);
                } else if let Some((_, hours)) = ZONES.iter().find(|(z, _)| *z == lower) {
                    if let Some((off, used)) = parse_offset(&tokens[i + 1..]) {
                        parts.offset_secs = Some(hours * 3600 + off);
                        i += used;
                    } else if parts.offset_secs.is_none() {
                        parts.offset_secs = Some(hours * 3600);
                    }
                } else if let Some((meaning, used)) = found {
                    if let Meaning::Weekday(day) = meaning {
                        parts.weekday.get_or_insert(day);
                    }
                    i += used - 1;
                    if lower == "pm"
                        && let Some(t) = parts.time
                        && t.hour() < 12
                    {
                        parts.time = t.with_hour(t.hour() + 12);
                    }
                } else {
                    parts.has_other_words = true;
                    if stop_at_words {
                        return parts;
                    }
                }
                i += 1;
            }
            Token::Sym(_) => i += 1,
        }
    }
    if parts.day.is_none()
        && parts.month.is_some()
        && let Some(&d) = loose_numbers.first()
        && (1..=31).contains(&d)
    {
        parts.day = Some(d);
        // "8 Apr 93": a second small number is a two-digit year.
        if parts.year.is_none()
            && let Some(&y) = loose_numbers.get(1)
        {
            parts.year = Some(two_digit_year(y as i32));
        }
    }
    parts
}

/// `17h10`, `17 h`, `17.10 Uhr`, `17 Uhr` at the start of `tokens` (French and German ways of
/// writing a time): the time and the tokens used.
fn hour_word_time(tokens: &[Token<'_>]) -> Option<(NaiveTime, usize)> {
    let Some(Token::Num(h)) = tokens.first() else {
        return None;
    };
    let word_is = |t: Option<&Token<'_>>, want: &str| matches!(t, Some(Token::Word(w)) if w.eq_ignore_ascii_case(want));
    let minutes = |t: Option<&Token<'_>>| match t {
        Some(Token::Num(m)) if m.len() == 2 => m.parse::<u32>().ok(),
        _ => None,
    };
    if h.len() > 2 {
        return None;
    }
    let hour: u32 = h.parse().ok()?;
    let (minute, used) = if word_is(tokens.get(1), "h")
        && let Some(m) = minutes(tokens.get(2))
    {
        (m, 3)
    } else if word_is(tokens.get(1), "h") || word_is(tokens.get(1), "uhr") {
        (0, 2)
    } else if tokens.get(1) == Some(&Token::Sym('.'))
        && let Some(m) = minutes(tokens.get(2))
        && word_is(tokens.get(3), "uhr")
    {
        (m, 4)
    } else {
        return None;
    };
    Some((NaiveTime::from_hms_opt(hour, minute, 0)?, used))
}

/// `+04:00`, `+0400`, `-5`, `Z` at the start of `tokens`: the offset and the tokens used.
fn parse_offset(tokens: &[Token<'_>]) -> Option<(i32, usize)> {
    let sign = match tokens.first()? {
        Token::Sym('+') => 1,
        Token::Sym('-') | Token::Sym('−') => -1,
        Token::Word("Z") => return Some((0, 1)),
        _ => return None,
    };
    let Some(Token::Num(h)) = tokens.get(1) else {
        return None;
    };
    let (hours, minutes, used): (i32, i32, usize) = if h.len() == 4 {
        (h[..2].parse().ok()?, h[2..].parse().ok()?, 2)
    } else if matches!(tokens.get(2), Some(Token::Sym(':')))
        && let Some(Token::Num(m)) = tokens.get(3)
    {
        (h.parse().ok()?, m.parse().ok()?, 4)
    } else {
        (h.parse().ok()?, 0, 2)
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    Some((sign * (hours * 3600 + minutes * 60), used))
}

/// What reading a date gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateReading {
    Date {
        timestamp: Timestamp,
        order: Option<DayMonthOrder>,
    },
    /// It has the shape of a date, but no such day exists (`31 February 2022`).
    Impossible,
    NotADate,
}

/// Reads a line that is nothing but a date, such as `7 December 2022 14:29 (UTC+04:00)`,
/// `2022-12-12`, `26-FEB-1987 15:01:01.79` or `Thu, 01 Apr 1993 20:52:11 -0500 (EST)`.
pub fn read_date_line(line: &str) -> DateReading {
    let parts = parse_parts_until(line, true);
    if parts.has_other_words {
        return DateReading::NotADate;
    }
    read(parts, None)
}

fn read(parts: Parts, reference: Option<NaiveDate>) -> DateReading {
    if parts.month.is_none() || parts.day.is_none() || (parts.year.is_none() && reference.is_none())
    {
        return DateReading::NotADate;
    }
    match complete(parts, reference) {
        Some(timestamp) => DateReading::Date {
            timestamp,
            order: parts.order,
        },
        None => DateReading::Impossible,
    }
}

/// The weekday a date line or value names ("Dienstag, 28. Februar 2017" → Tuesday), in any
/// language of the header lexicon; the date itself never depends on it.
pub fn stated_weekday(text: &str) -> Option<Weekday> {
    parse_parts(text).weekday
}

/// The English name of a weekday, for messages.
pub fn weekday_name(day: Weekday) -> &'static str {
    lexicon::WEEKDAY_NAMES[day.num_days_from_monday() as usize]
}

/// [`read_date_line`], for a line that is a possible date.
pub fn parse_date_line(line: &str) -> Option<Timestamp> {
    match read_date_line(line) {
        DateReading::Date { timestamp, .. } => Some(timestamp),
        _ => None,
    }
}

/// Reads a date value that may carry other words ("Posted on 28 Feb 2017 at 17:10"): an
/// absolute date, with no year taken from anywhere else.
pub fn read_date_value(text: &str) -> DateReading {
    read(parse_parts(text), None)
}

/// Reads a date inside a phrase (`first version posted on February 28, 20:05`), taking a
/// missing year from `reference`: the same year, or the one before when the month lies after the
/// reference month (a past date in a news article).
pub fn parse_date_in(text: &str, reference: Option<NaiveDate>) -> Option<Timestamp> {
    complete(parse_parts(text), reference)
}

fn complete(parts: Parts, reference: Option<NaiveDate>) -> Option<Timestamp> {
    let month = parts.month?;
    let day = parts.day?;
    let year = match (parts.year, reference) {
        (Some(y), _) => y,
        (None, Some(r)) if month > r.month() => r.year() - 1,
        (None, Some(r)) => r.year(),
        (None, None) => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(Timestamp {
        date,
        time: parts.time,
        offset_secs: parts.time.and(parts.offset_secs),
    })
}
