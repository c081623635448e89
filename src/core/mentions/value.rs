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
    Year(i32),
    /// The present, the past or the future, with no date ("now", "recently", "soon").
    Ref(Ref),
    /// A part of a day: "Friday morning", "this evening".
    DayPart(NaiveDate, DayPart),
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
            Value::Quarter(..) => MentionPrecision::Quarter,
            Value::Year(_) => MentionPrecision::Year,
            Value::Ref(_) => MentionPrecision::None,
        }
    }

    pub(super) fn timex(self) -> String {
        match self {
            Value::Time(d, h, m) => format!("{}T{h:02}:{m:02}", ymd(d)),
            Value::Day(d) => ymd(d),
            Value::DayPart(d, part) => format!("{}T{}", ymd(d), part.code()),
            Value::Week(d) => {
                let w = d.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Value::Month(y, m) => format!("{y:04}-{m:02}"),
            Value::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Value::Year(y) => format!("{y:04}"),
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
            Value::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Value::Ref(_) => None,
        }
    }
}

pub(super) fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
