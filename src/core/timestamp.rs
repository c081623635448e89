//! Publication timestamps: a date with an optional time and UTC offset, read from the loose
//! ways newsrooms write them ("7 December 2022 14:29 (UTC+04:00)", "2022-12-07", "February 28, 20:05").

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// A date as an article states it: the time and the UTC offset only when they are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
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

const WEEKDAYS: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// The number of a month name, case-insensitively.
pub fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, n)| *n)
}

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
                if !d.is_alphabetic() {
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
}

fn parse_parts(s: &str) -> Parts {
    let tokens = tokenize(s);
    let mut parts = Parts::default();
    let mut i = 0;
    let mut loose_numbers: Vec<u32> = Vec::new();
    while i < tokens.len() {
        match tokens[i] {
            Token::Num(n) => {
                // ISO date: 2022-12-07
                if n.len() == 4
                    && matches!(tokens.get(i + 1), Some(Token::Sym('-')))
                    && matches!(tokens.get(i + 3), Some(Token::Sym('-')))
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
                if let Some(m) = month_number(w) {
                    if parts.month.is_none() {
                        parts.month = Some(m);
                    }
                } else if lower == "utc" || lower == "gmt" || lower == "z" {
                    if let Some((off, used)) = parse_offset(&tokens[i + 1..]) {
                        parts.offset_secs = Some(off);
                        i += used;
                    } else {
                        parts.offset_secs = Some(0);
                    }
                } else if WEEKDAYS.contains(&lower.as_str())
                    || ["at", "of", "on", "the", "st", "nd", "rd", "th"].contains(&lower.as_str())
                {
                } else {
                    parts.has_other_words = true;
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
    }
    parts
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

/// Reads a line that is nothing but a date, such as `7 December 2022 14:29 (UTC+04:00)` or
/// `2022-12-12`. Returns `None` for a line with other words in it, or for an impossible date.
pub fn parse_date_line(line: &str) -> Option<Timestamp> {
    let parts = parse_parts(line);
    if parts.has_other_words {
        return None;
    }
    complete(parts, None)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn date_lines() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "7 December 2022 14:29 (UTC+04:00)",
                Some("2022-12-07T14:29:00+04:00"),
            ),
            (
                "9 December 2022 12:17 (UTC+04:00)",
                Some("2022-12-09T12:17:00+04:00"),
            ),
            ("2022-12-12", Some("2022-12-12")),
            ("December 12, 2022", Some("2022-12-12")),
            (
                "Monday, 12 Dec. 2022 09:05 GMT",
                Some("2022-12-12T09:05:00+00:00"),
            ),
            (
                "2022-12-07T14:29:05+0400",
                Some("2022-12-07T14:29:05+04:00"),
            ),
            (
                "17 July 2025 23:21 (UTC-05:30)",
                Some("2025-07-17T23:21:00-05:30"),
            ),
            ("31 February 2022", None),
            ("Baku stresses need for peace", None),
            ("December 2022 was cold", None),
            ("", None),
        ];
        for (line, want) in cases {
            let got = parse_date_line(line).map(|t| t.to_string());
            assert_eq!(got.as_deref(), *want, "line {line:?}");
        }
    }

    #[test]
    fn human_form() {
        let t = parse_date_line("7 December 2022 14:29 (UTC+04:00)").map(|t| t.human());
        assert_eq!(t.as_deref(), Some("7 December 2022, 14:29 UTC+04:00"));
        let t = parse_date_line("2022-12-12").map(|t| t.human());
        assert_eq!(t.as_deref(), Some("12 December 2022"));
    }

    #[test]
    fn dates_in_phrases_take_the_year_from_the_reference() {
        let cases: &[(&str, NaiveDate, &str)] = &[
            (
                "first version posted on February 28, 20:05",
                d(2023, 3, 1),
                "2023-02-28T20:05:00",
            ),
            ("posted on December 28", d(2023, 1, 3), "2022-12-28"),
            ("posted on 3 January", d(2023, 1, 3), "2023-01-03"),
        ];
        for (text, reference, want) in cases {
            let got = parse_date_in(text, Some(*reference)).map(|t| t.to_string());
            assert_eq!(got.as_deref(), Some(*want), "text {text:?}");
        }
    }
}
