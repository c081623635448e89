//! Dates as pages write them: metadata values (ISO, `20200607`, numeric, words), URL paths
//! and dates in text in the languages of the header lexicon and a few more.

use chrono::NaiveDate;

use crate::core::timestamp::{DateReading, Timestamp, header_month_number, read_date_value};

/// The earliest and latest plausible publication dates: before the web, or after today, a
/// date is something else.
fn plausible(date: NaiveDate) -> bool {
    let earliest = NaiveDate::from_ymd_opt(1995, 1, 1).unwrap_or(NaiveDate::MIN);
    let today = chrono::Utc::now().date_naive();
    earliest <= date && date <= today + chrono::Duration::days(1)
}

/// A metadata value as a timestamp: ISO first (with its time), `20200607`, numeric dates in the
/// page's order, then dates in words in any language of the header lexicon.
pub(super) fn date_value(value: &str, month_first: bool) -> Option<Timestamp> {
    let value = value.trim();
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = value.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let stamp = if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
        match read_date_value(value) {
            DateReading::Date { timestamp, .. } if timestamp.date == date => timestamp,
            _ => Timestamp::from_date(date),
        }
    } else if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
    {
        Timestamp::from_date(NaiveDate::from_ymd_opt(
            digits(0..4)? as i32,
            digits(4..6)?,
            digits(6..8)?,
        )?)
    } else if let Some(date) = numeric_date(value, month_first) {
        Timestamp::from_date(date)
    } else {
        match read_date_value(value) {
            DateReading::Date { timestamp, .. } => timestamp,
            _ => return None,
        }
    };
    plausible(stamp.date).then_some(stamp)
}

/// `dd.mm.yyyy`, `dd/mm/yyyy` or `mm/dd/yyyy` at the start of a value.
fn numeric_date(value: &str, month_first: bool) -> Option<NaiveDate> {
    let mut parts = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let sep = value
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .chars()
        .next()?;
    if !matches!(sep, '.' | '/' | '-') {
        return None;
    }
    let a: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let y = parts.next()?;
    if y.len() != 4 {
        return None;
    }
    day_month(a, m, y.parse().ok()?, month_first && sep != '.')
}

/// A day and month in either order: the one that can only be read one way is, else the page's.
fn day_month(first: u32, second: u32, year: i32, month_first: bool) -> Option<NaiveDate> {
    let (day, month) = if first > 12 || (!month_first && second <= 12) {
        (first, second)
    } else {
        (second, first)
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A full date in a URL's path: `/2020/06/07/`, `/2020-06-07-`, `_2020_06_07`, `/20200607`.
pub(super) fn url_date(url: &str) -> Option<NaiveDate> {
    let b = url.as_bytes();
    for i in 1..b.len() {
        if b[i - 1].is_ascii_digit() || !b[i].is_ascii_digit() {
            continue;
        }
        let rest = &url[i..];
        let run = rest.bytes().take_while(u8::is_ascii_digit).count();
        let date = if run <= 2 && b[i - 1] == b'/' {
            // `/29-10-2021`: a segment that is a date, day first.
            let segment = rest.split(['/', '?', '#']).next().unwrap_or("");
            numeric_date(segment, false).filter(|_| segment.len() <= 10)
        } else if run == 8 && matches!(b[i - 1], b'/' | b'-' | b'_') {
            NaiveDate::from_ymd_opt(
                rest[..4].parse().ok()?,
                rest[4..6].parse().ok()?,
                rest[6..8].parse().ok()?,
            )
        } else if run == 4 && matches!(b[i - 1], b'/' | b'-' | b'_') {
            url_ymd(rest.as_bytes())
        } else {
            None
        };
        if let Some(date) = date.filter(|d| plausible(*d)) {
            return Some(date);
        }
    }
    None
}

/// `2020/06/07`, `2020-6-7`, `2020_06_07` at the start of `b`. A one-digit day before a
/// hyphen is a word of the slug (`/2023/10/3-questions-for/`).
fn url_ymd(b: &[u8]) -> Option<NaiveDate> {
    let digits = |from: usize| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let number = |from: usize, len: usize| -> Option<u32> {
        std::str::from_utf8(b.get(from..from + len)?)
            .ok()?
            .parse()
            .ok()
    };
    let separator = |at: usize| b.get(at).is_some_and(|c| matches!(c, b'/' | b'-' | b'_'));
    let month_len = digits(5);
    if !separator(4) || !(1..=2).contains(&month_len) || !separator(5 + month_len) {
        return None;
    }
    let day_at = 6 + month_len;
    let day_len = digits(day_at);
    if !(1..=2).contains(&day_len) || (day_len == 1 && b.get(day_at + 1) == Some(&b'-')) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        number(0, 4)? as i32,
        number(5, month_len)?,
        number(day_at, day_len)?,
    )
}

/// The first plausible date in a text: `2020-06-07`, `07.06.2020`, `7 June 2020`, `7. Juni
/// 2020`, `June 7, 2020`, `7 de junio de 2020`, `7 июня 2020`. A date after "©" is not one.
pub(super) fn first_date(text: &str, month_first: bool) -> Option<NaiveDate> {
    dates_in(text, month_first, 1).first().copied()
}

/// The first `limit` plausible dates of a text, as [`first_date`] reads them.
fn dates_in(text: &str, month_first: bool, limit: usize) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let words: Vec<(usize, &str)> = words(text);
    for (n, &(at, word)) in words.iter().enumerate() {
        if text[..at].ends_with("© ") || text[..at].ends_with('©') {
            continue;
        }
        let date = if let Some(month) = month_of(word) {
            word_date(&words, n, month)
        } else if word.bytes().all(|c| c.is_ascii_digit()) {
            numeric_in_text(text, at, month_first)
        } else {
            None
        };
        if let Some(date) = date.filter(|d| plausible(*d)) {
            out.push(date);
            if out.len() >= limit {
                break;
            }
        }
    }
    out
}

/// Month names of languages the header lexicon does not hold (Italian, Portuguese, Dutch,
/// Romanian, Indonesian; Polish and Czech in the genitive of a date).
const MORE_MONTHS: &[(&str, u32)] = &[
    ("gennaio", 1),
    ("febbraio", 2),
    ("marzo", 3),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("agosto", 8),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("maret", 3),
    ("agustus", 8),
    ("desember", 12),
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
];

/// A month's number from its name in any language the page may be in.
fn month_of(word: &str) -> Option<u32> {
    if word.len() < 3 || word.bytes().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    header_month_number(word).or_else(|| {
        let lower = word.to_lowercase();
        MORE_MONTHS
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|(_, n)| *n)
    })
}

/// The words of a text with their byte offsets: runs of letters, or of digits.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let kind = if c.is_alphabetic() {
            Some(false)
        } else if c.is_ascii_digit() {
            Some(true)
        } else {
            None
        };
        if let Some((s, k)) = start {
            if kind == Some(k) {
                continue;
            }
            out.push((s, &text[s..i]));
        }
        start = kind.map(|k| (i, k));
    }
    if let Some((s, _)) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn number(word: &str, max: u32) -> Option<u32> {
    let n: u32 = word.parse().ok()?;
    (1..=max).contains(&n).then_some(n)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1995..=2039).contains(y))
}

/// A date around the month name at `words[n]`: `7 June 2020`, `7th of June, 2020`, `June 7th,
/// 2020`, `7 de junio de 2020`.
fn word_date(words: &[(usize, &str)], n: usize, month: u32) -> Option<NaiveDate> {
    let word = |i: usize| words.get(i).map(|w| w.1);
    let skip = |i: usize| {
        let filler = ["de", "of", "del", "st", "nd", "rd", "th", "du", "im", "в"];
        if word(i).is_some_and(|w| filler.contains(&w.to_lowercase().as_str())) {
            i + 1
        } else {
            i
        }
    };
    // Day before the month.
    if n > 0 {
        let mut d = n - 1;
        if word(d).is_some_and(|w| ["de", "of", "st", "nd", "rd", "th"].contains(&w)) && d > 0 {
            d -= 1;
        }
        if let Some(day) = word(d).and_then(|w| number(w, 31))
            && let Some(y) = word(skip(n + 1)).and_then(year)
        {
            return NaiveDate::from_ymd_opt(y, month, day);
        }
    }
    // Day after the month.
    let day = word(n + 1).and_then(|w| number(w, 31))?;
    let y = word(skip(n + 2)).and_then(year)?;
    NaiveDate::from_ymd_opt(y, month, day)
}

/// A numeric date starting at `at`: `2020-06-07`, `07.06.2020`, `06/07/2020`.
fn numeric_in_text(text: &str, at: usize, month_first: bool) -> Option<NaiveDate> {
    let rest = &text[at..];
    let b = rest.as_bytes();
    let run = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let first = run(0);
    let sep = *b.get(first)?;
    if !matches!(sep, b'-' | b'.' | b'/') {
        return None;
    }
    let second = run(first + 1);
    if !(1..=2).contains(&second) || b.get(first + 1 + second) != Some(&sep) {
        return None;
    }
    let third_at = first + 2 + second;
    let third = run(third_at);
    if b.get(third_at + third).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let n = |from: usize, len: usize| rest[from..from + len].parse::<u32>().ok();
    if first == 4 && (1..=2).contains(&third) {
        return NaiveDate::from_ymd_opt(
            n(0, 4)? as i32,
            n(first + 1, second)?,
            n(third_at, third)?,
        );
    }
    if (1..=2).contains(&first) && third == 4 {
        return day_month(
            n(0, first)?,
            n(first + 1, second)?,
            n(third_at, 4)? as i32,
            month_first && sep != b'.',
        );
    }
    None
}
