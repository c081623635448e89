//! The calendar model: month grids, per-day counts and the shade a count gets.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

/// The English month names, January first: for labels, and for tests that write dates out.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month's English name (1 = January); `None` outside 1..=12.
pub fn month_name(month: u32) -> Option<&'static str> {
    MONTH_NAMES.get(month.checked_sub(1)? as usize).copied()
}

/// A month and its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// This month moved by `delta` months.
    pub fn add_months(self, delta: i32) -> Self {
        let index = self.year * 12 + (self.month as i32 - 1) + delta;
        Self {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date.year() == self.year && date.month() == self.month
    }

    /// The weeks of the month, Monday first; days outside the month are `None`.
    pub fn weeks(self) -> Vec<[Option<NaiveDate>; 7]> {
        let Some(first) = self.first_day() else {
            return Vec::new();
        };
        let lead = first.weekday().num_days_from_monday() as u64;
        let Some(mut day) = first.checked_sub_days(Days::new(lead)) else {
            return Vec::new();
        };
        let mut weeks = Vec::new();
        loop {
            let mut week = [None; 7];
            for slot in &mut week {
                if self.contains(day) {
                    *slot = Some(day);
                }
                day = match day.succ_opt() {
                    Some(d) => d,
                    None => return weeks,
                };
            }
            weeks.push(week);
            if !self.contains(day) {
                break;
            }
        }
        weeks
    }
}

/// How many things fall on each day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayCounts {
    counts: BTreeMap<NaiveDate, u32>,
}

impl DayCounts {
    pub fn from_dates(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        // Counted by hash first: a million dates fall on a few thousand days, and a tree looked
        // into a million times takes ten times as long.
        let mut by_day: rustc_hash::FxHashMap<NaiveDate, u32> = Default::default();
        for d in dates {
            *by_day.entry(d).or_insert(0) += 1;
        }
        Self {
            counts: by_day.into_iter().collect(),
        }
    }

    /// Counts one more on `date`.
    pub fn add(&mut self, date: NaiveDate) {
        *self.counts.entry(date).or_insert(0) += 1;
    }

    pub fn get(&self, date: NaiveDate) -> u32 {
        self.counts.get(&date).copied().unwrap_or(0)
    }

    /// The most on any one day of `month`.
    pub fn max_in(&self, month: YearMonth) -> u32 {
        let (Some(first), Some(next)) = (month.first_day(), month.add_months(1).first_day()) else {
            return 0;
        };
        self.counts
            .range(first..next)
            .map(|(_, &n)| n)
            .max()
            .unwrap_or(0)
    }

    pub fn first(&self) -> Option<NaiveDate> {
        self.counts.keys().next().copied()
    }

    pub fn last(&self) -> Option<NaiveDate> {
        self.counts.keys().next_back().copied()
    }

    /// The nearest day with a count before (`forward == false`) or after `from`.
    pub fn next_with_count(&self, from: NaiveDate, forward: bool) -> Option<NaiveDate> {
        if forward {
            self.counts
                .range(from.succ_opt()?..)
                .next()
                .map(|(d, _)| *d)
        } else {
            self.counts.range(..from).next_back().map(|(d, _)| *d)
        }
    }
}

/// How strongly a day with `count` of `max` is shaded, from 0 (none) to 1; a square root so that
/// one article still shows beside a busy day.
pub fn heat(count: u32, max: u32) -> f32 {
    if count == 0 || max == 0 {
        0.0
    } else {
        0.25 + 0.75 * (count as f32 / max as f32).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_by_number() {
        for (month, want) in [
            (1, Some("January")),
            (12, Some("December")),
            (0, None),
            (13, None),
        ] {
            assert_eq!(month_name(month), want, "{month}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn month_arithmetic() {
        let cases = [
            ((2022, 12), 1, (2023, 1)),
            ((2023, 1), -1, (2022, 12)),
            ((2022, 12), -12, (2021, 12)),
            ((2022, 5), 0, (2022, 5)),
            ((2000, 1), -13, (1998, 12)),
        ];
        for ((y, m), delta, (wy, wm)) in cases {
            let got = YearMonth { year: y, month: m }.add_months(delta);
            assert_eq!((got.year, got.month), (wy, wm), "{y}-{m} + {delta}");
        }
    }

    #[test]
    fn grids_start_on_monday_and_hold_every_day() {
        let cases = [
            // December 2022 starts on a Thursday and needs 5 weeks.
            ((2022, 12), 5, 3, 31),
            // February 2021 starts on a Monday and fills exactly 4 weeks.
            ((2021, 2), 4, 0, 28),
            // May 2021 starts on a Saturday and needs 6 weeks.
            ((2021, 5), 6, 5, 31),
        ];
        for ((y, m), weeks, first_col, days) in cases {
            let grid = YearMonth { year: y, month: m }.weeks();
            assert_eq!(grid.len(), weeks, "{y}-{m} weeks");
            let col = grid[0].iter().position(Option::is_some);
            assert_eq!(col, Some(first_col), "{y}-{m} first column");
            let count = grid.iter().flatten().flatten().count();
            assert_eq!(count, days, "{y}-{m} days");
        }
    }

    #[test]
    fn counts_and_navigation() {
        let counts = DayCounts::from_dates([
            d(2022, 12, 7),
            d(2022, 12, 7),
            d(2022, 12, 9),
            d(2023, 3, 1),
        ]);
        assert_eq!(counts.get(d(2022, 12, 7)), 2);
        assert_eq!(counts.get(d(2022, 12, 8)), 0);
        assert_eq!(
            counts.max_in(YearMonth {
                year: 2022,
                month: 12
            }),
            2
        );
        assert_eq!(
            counts.max_in(YearMonth {
                year: 2023,
                month: 1
            }),
            0
        );
        assert_eq!(
            counts.next_with_count(d(2022, 12, 9), true),
            Some(d(2023, 3, 1))
        );
        assert_eq!(
            counts.next_with_count(d(2022, 12, 9), false),
            Some(d(2022, 12, 7))
        );
        assert_eq!(counts.first(), Some(d(2022, 12, 7)));
        assert!(heat(0, 5) == 0.0 && heat(5, 5) == 1.0 && heat(1, 100) > 0.25);
    }
}
