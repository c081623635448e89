//! The calendar value of a mention, and how it is written out: TIMEX3 value, precision, first day.

use chrono::{Datelike, Days, NaiveDate};

use super::MentionPrecision;

/// The calendar value of a mention before it is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    Time(NaiveDate, u32, u32),
    Day(NaiveDate),
    Week(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    /// A half of a year, 1 or 2: "the first half of 2011" is `2011-H1`.
    Half(i32, u32),
    Year(i32),
    /// The present, the past or the future, with no date ("now", "recently", "soon").
    Ref(Ref),
    /// A part of a day: "Friday morning", "this evening".
    DayPart(NaiveDate, DayPart),
    /// A season of a year: "last summer".
    Season(i32, Season),
    /// The weekend of the week of a day: "over the weekend".
    Weekend(NaiveDate),
    /// A decade, by its first three digits: "the 1990s" is 199.
    Decade(i32),
    /// A century, by its first two digits: "the 20th century" is 19.
    Century(i32),
    /// How long: "three weeks" is `P3W` (`count` none for "several weeks", `PXW`), "two hours"
    /// `PT2H`.
    Duration {
        count: Option<i64>,
        unit: &'static str,
        time: bool,
    },
    /// How often: "every Monday", "each summer", "daily".
    Set(Repeat),
}

/// What a set repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Repeat {
    /// A value TIMEX3 writes as it is: `P1D` for "daily".
    Every(&'static str),
    Weekday(chrono::Weekday),
    Season(Season),
    /// "each July": `XXXX-07`.
    Month(u32),
}

/// The seasons, as TIMEX3 writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The month the season starts in (winter in December of its year).
    pub(super) fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// The parts of a day TIMEX3 names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// Which way a reference to no date points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ref {
    Past,
    Present,
    Future,
}

impl Value {
    pub(super) fn precision(self) -> MentionPrecision {
        match self {
            Value::Time(..) | Value::DayPart(..) => MentionPrecision::Time,
            Value::Day(_) => MentionPrecision::Day,
            Value::Week(_) => MentionPrecision::Week,
            Value::Month(..) => MentionPrecision::Month,
            Value::Quarter(..) | Value::Season(..) => MentionPrecision::Quarter,
            Value::Half(..) => MentionPrecision::Half,
            Value::Weekend(_) => MentionPrecision::Week,
            Value::Decade(_) | Value::Century(_) | Value::Duration { .. } | Value::Set(_) => {
                MentionPrecision::None
            }
            Value::Year(_) => MentionPrecision::Year,
            Value::Ref(_) => MentionPrecision::None,
        }
    }

    pub(super) fn timex(self) -> String {
        match self {
            Value::Time(d, h, m) => {
                let mut out = ymd(d);
                out.push('T');
                padded(&mut out, i64::from(h), 2);
                out.push(':');
                padded(&mut out, i64::from(m), 2);
                out
            }
            Value::Day(d) => ymd(d),
            Value::DayPart(d, part) => {
                let mut out = ymd(d);
                out.push('T');
                out.push_str(part.code());
                out
            }
            Value::Season(y, season) => format!("{y:04}-{}", season.code()),
            Value::Weekend(d) => {
                let w = d.iso_week();
                format!("{:04}-W{:02}-WE", w.year(), w.week())
            }
            Value::Decade(d) => format!("{d:03}"),
            Value::Century(c) => format!("{c:02}"),
            Value::Duration { count, unit, time } => format!(
                "P{}{}{unit}",
                if time { "T" } else { "" },
                count.map_or("X".to_string(), |n| n.to_string())
            ),
            Value::Set(Repeat::Every(code)) => code.to_string(),
            Value::Set(Repeat::Weekday(d)) => {
                format!("XXXX-WXX-{}", d.number_from_monday())
            }
            Value::Set(Repeat::Season(season)) => format!("XXXX-{}", season.code()),
            Value::Set(Repeat::Month(m)) => format!("XXXX-{m:02}"),
            Value::Week(d) => {
                let w = d.iso_week();
                year_and(w.year(), "-W", w.week(), 2)
            }
            Value::Month(y, m) => year_and(y, "-", m, 2),
            Value::Quarter(y, q) => year_and(y, "-Q", q, 1),
            Value::Half(y, h) => year_and(y, "-H", h, 1),
            Value::Year(y) => {
                let mut out = String::with_capacity(4);
                padded(&mut out, i64::from(y), 4);
                out
            }
            Value::Ref(Ref::Past) => "PAST_REF".into(),
            Value::Ref(Ref::Present) => "PRESENT_REF".into(),
            Value::Ref(Ref::Future) => "FUTURE_REF".into(),
        }
    }

    pub(super) fn first_day(self) -> Option<NaiveDate> {
        match self {
            Value::Time(d, ..) | Value::Day(d) | Value::DayPart(d, _) => Some(d),
            Value::Week(d) => {
                d.checked_sub_days(Days::new(d.weekday().num_days_from_monday() as u64))
            }
            Value::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Value::Quarter(y, q) => NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
            Value::Half(y, h) => NaiveDate::from_ymd_opt(y, (h - 1) * 6 + 1, 1),
            Value::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Value::Season(y, season) => NaiveDate::from_ymd_opt(y, season.first_month(), 1),
            Value::Weekend(d) => d
                .checked_sub_days(Days::new(d.weekday().num_days_from_monday() as u64))?
                .checked_add_days(Days::new(5)),
            Value::Ref(_)
            | Value::Decade(_)
            | Value::Century(_)
            | Value::Duration { .. }
            | Value::Set(_) => None,
        }
    }
}

pub(super) fn ymd(d: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    padded(&mut out, i64::from(d.year()), 4);
    out.push('-');
    padded(&mut out, i64::from(d.month()), 2);
    out.push('-');
    padded(&mut out, i64::from(d.day()), 2);
    out
}

/// A year, then `between` and a number zero-padded to `width`: "2022-03", "2022-Q1", "2022-W49".
fn year_and(year: i32, between: &str, n: u32, width: usize) -> String {
    let mut out = String::with_capacity(8);
    padded(&mut out, i64::from(year), 4);
    out.push_str(between);
    padded(&mut out, i64::from(n), width);
    out
}

/// `n` in decimal, zero-padded to `width` characters sign included, as `format!("{n:0width$}")`
/// writes it (without its machinery: every value of every mention is written so).
fn padded(out: &mut String, n: i64, width: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut len = digits.len() - at;
    if n < 0 {
        out.push('-');
        len += 1;
    }
    for _ in len..width {
        out.push('0');
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod padded_tests {
    #[test]
    fn padded_writes_as_format_does() {
        for (n, width) in [
            (0i64, 4usize),
            (7, 2),
            (12, 2),
            (123, 2),
            (1999, 4),
            (-5, 4),
            (-12345, 4),
            (99999, 4),
            (i64::MIN, 4),
            (3, 1),
        ] {
            let mut out = String::new();
            super::padded(&mut out, n, width);
            assert_eq!(out, format!("{n:0width$}"), "{n} to {width}");
        }
    }
}
