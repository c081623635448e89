//! The timeline model: a zoomable view over time in `f64` days (exact down to seconds for
//! centuries), axis ticks that adapt from decades to hours, density buckets, event lane layout and
//! collapsing of long empty gaps. The panel only draws what these compute.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Days since 1970-01-01 (fractions are the time of day).
pub type Day = f64;

/// Shortest and longest visible spans.
pub const MIN_SPAN_DAYS: f64 = 1.0 / 24.0;
pub const MAX_SPAN_DAYS: f64 = 366.0 * 300.0;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

pub fn day_of(date: NaiveDate) -> Day {
    (date - epoch()).num_days() as f64
}

pub fn day_of_time(date: NaiveDate, time: Option<NaiveTime>) -> Day {
    day_of(date) + time.map_or(0.0, |t| t.num_seconds_from_midnight() as f64 / 86_400.0)
}

pub fn date_of(day: Day) -> NaiveDate {
    let whole = day.floor();
    if !whole.is_finite() || whole.abs() > 3.0e6 {
        return epoch();
    }
    if whole >= 0.0 {
        epoch()
            .checked_add_days(Days::new(whole as u64))
            .unwrap_or_default()
    } else {
        epoch()
            .checked_sub_days(Days::new((-whole) as u64))
            .unwrap_or_default()
    }
}

pub fn datetime_of(day: Day) -> NaiveDateTime {
    let date = date_of(day);
    let secs = ((day - day.floor()) * 86_400.0)
        .round()
        .clamp(0.0, 86_399.0) as u32;
    date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or_default())
}

/// The visible stretch of time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub start: Day,
    pub end: Day,
}

impl View {
    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    /// A view over `first..=last` with a margin.
    pub fn fit(first: Day, last: Day) -> Self {
        let span = (last - first).max(1.0);
        let margin = span * 0.03 + 0.5;
        Self {
            start: first - margin,
            end: last + margin,
        }
        .clamped()
    }

    fn clamped(self) -> Self {
        let span = self.span().clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        let center = (self.start + self.end) / 2.0;
        Self {
            start: center - span / 2.0,
            end: center + span / 2.0,
        }
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `around` where it is on screen.
    pub fn zoom(&self, factor: f64, around: Day) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let span = (self.span() / factor).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        let t = if self.span() > 0.0 {
            (around - self.start) / self.span()
        } else {
            0.5
        };
        let start = around - t * span;
        Self {
            start,
            end: start + span,
        }
    }

    pub fn pan(&self, days: f64) -> Self {
        Self {
            start: self.start + days,
            end: self.end + days,
        }
    }

    /// Centres the view on `day`, keeping the span.
    pub fn centred_on(&self, day: Day) -> Self {
        let half = self.span() / 2.0;
        Self {
            start: day - half,
            end: day + half,
        }
    }

    pub fn x_of(&self, day: Day, width: f64) -> f64 {
        (day - self.start) / self.span() * width
    }

    pub fn day_at(&self, x: f64, width: f64) -> Day {
        self.start + x / width.max(1.0) * self.span()
    }
}

/// The unit of the axis labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TickUnit {
    Hour(u32),
    Day(u32),
    Month(u32),
    Year(i32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub day: Day,
    pub label: String,
    /// A larger boundary (a new year on a month axis…), drawn stronger.
    pub major: bool,
}

/// Ticks for `view` about `min_gap_px` apart on an axis `width_px` wide, with labels in the unit
/// that fits: decades and years, months, days, hours.
pub fn ticks(view: &View, width_px: f64, min_gap_px: f64) -> (TickUnit, Vec<Tick>) {
    let per_px = view.span() / width_px.max(1.0);
    let want = per_px * min_gap_px; // days between ticks at least
    let unit = if want <= 1.0 / 24.0 {
        TickUnit::Hour(1)
    } else if want <= 3.0 / 24.0 {
        TickUnit::Hour(3)
    } else if want <= 6.0 / 24.0 {
        TickUnit::Hour(6)
    } else if want <= 0.5 {
        TickUnit::Hour(12)
    } else if want <= 1.0 {
        TickUnit::Day(1)
    } else if want <= 2.0 {
        TickUnit::Day(2)
    } else if want <= 7.0 {
        TickUnit::Day(7)
    } else if want <= 15.0 {
        TickUnit::Day(15)
    } else if want <= 31.0 {
        TickUnit::Month(1)
    } else if want <= 92.0 {
        TickUnit::Month(3)
    } else if want <= 183.0 {
        TickUnit::Month(6)
    } else {
        let years = want / 365.25;
        let step = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|s| *s as f64 >= years)
            .unwrap_or(100);
        TickUnit::Year(step)
    };
    let mut out = Vec::new();
    let first = date_of(view.start.floor());
    let last = date_of(view.end.ceil());
    match unit {
        TickUnit::Hour(step) => {
            let mut t = view.start.floor();
            while t <= view.end && out.len() < 2000 {
                for h in (0..24).step_by(step as usize) {
                    let day = t + h as f64 / 24.0;
                    if day >= view.start && day <= view.end {
                        let major = h == 0;
                        let label = if major {
                            date_of(day).format("%-d %b %Y").to_string()
                        } else {
                            format!("{h:02}:00")
                        };
                        out.push(Tick { day, label, major });
                    }
                }
                t += 1.0;
            }
        }
        TickUnit::Day(step) => {
            let mut d = first;
            while d <= last && out.len() < 2000 {
                let keep = match step {
                    7 => d.weekday().num_days_from_monday() == 0,
                    15 => d.day() == 1 || d.day() == 15,
                    s => (d.day() - 1).is_multiple_of(s),
                };
                if keep {
                    let major = d.day() == 1;
                    let label = if major {
                        d.format("%b %Y").to_string()
                    } else if step >= 7 {
                        d.format("%-d %b").to_string()
                    } else {
                        d.format("%-d").to_string()
                    };
                    out.push(Tick {
                        day: day_of(d),
                        label,
                        major,
                    });
                }
                d = match d.succ_opt() {
                    Some(n) => n,
                    None => break,
                };
            }
        }
        TickUnit::Month(step) => {
            let mut y = first.year();
            let mut m = first.month();
            while (y, m) <= (last.year(), last.month()) && out.len() < 2000 {
                if (m - 1).is_multiple_of(step)
                    && let Some(d) = NaiveDate::from_ymd_opt(y, m, 1)
                {
                    let major = m == 1;
                    let label = if major {
                        format!("{y}")
                    } else {
                        d.format("%b").to_string()
                    };
                    out.push(Tick {
                        day: day_of(d),
                        label,
                        major,
                    });
                }
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
        TickUnit::Year(step) => {
            let mut y = first.year() - first.year().rem_euclid(step);
            while y <= last.year() && out.len() < 2000 {
                if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                    out.push(Tick {
                        day: day_of(d),
                        label: format!("{y}"),
                        major: y % (step * 10) == 0,
                    });
                }
                y += step;
            }
        }
    }
    out.retain(|t| t.day >= view.start - 1e-9 && t.day <= view.end + 1e-9);
    (unit, out)
}

/// How many of the sorted `days` fall in each of `buckets` equal slices of `view`.
pub fn density(sorted_days: &[Day], view: &View, buckets: usize) -> Vec<u32> {
    let buckets = buckets.max(1);
    let width = view.span() / buckets as f64;
    let index = |d: Day| sorted_days.partition_point(|&x| x < d);
    let mut out = Vec::with_capacity(buckets);
    let mut prev = index(view.start);
    for b in 0..buckets {
        let next = index(view.start + width * (b + 1) as f64);
        out.push((next - prev) as u32);
        prev = next;
    }
    out
}

/// The sorted days inside `view` (at most `limit`; `None` when there are more).
pub fn visible(sorted_days: &[Day], view: &View, limit: usize) -> Option<std::ops::Range<usize>> {
    let a = sorted_days.partition_point(|&x| x < view.start);
    let b = sorted_days.partition_point(|&x| x <= view.end);
    (b - a <= limit).then_some(a..b)
}

/// Rows for bars so that none overlaps another in the same row (greedy, in start order), given
/// each item's pixel extent. Returns the row of each item, in the input order.
pub fn lanes(extents_px: &[(f64, f64)], gap_px: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..extents_px.len()).collect();
    order.sort_by(|&a, &b| extents_px[a].0.total_cmp(&extents_px[b].0));
    let mut row_ends: Vec<f64> = Vec::new();
    let mut out = vec![0; extents_px.len()];
    for i in order {
        let (start, end) = extents_px[i];
        let row = row_ends
            .iter()
            .position(|&e| e + gap_px <= start)
            .unwrap_or(row_ends.len());
        if row == row_ends.len() {
            row_ends.push(end);
        } else {
            row_ends[row] = end;
        }
        out[i] = row;
    }
    out
}

/// Long empty stretches between dated things, collapsed so both ends stay readable.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gaps {
    /// (start, end) of each collapsed gap, in real days, sorted.
    cuts: Vec<(Day, Day)>,
    /// How long a collapsed gap still is on the axis, in days.
    shown: f64,
}

impl Gaps {
    /// Collapses every gap longer than `min_gap_days` between consecutive sorted `days` (and
    /// longer than a fifth of their whole span) to `shown` days.
    pub fn find(sorted_days: &[Day], min_gap_days: f64) -> Self {
        let (Some(&first), Some(&last)) = (sorted_days.first(), sorted_days.last()) else {
            return Self::default();
        };
        let threshold = min_gap_days.max((last - first) / 5.0);
        let shown = threshold / 10.0;
        let cuts = sorted_days
            .windows(2)
            .filter(|w| w[1] - w[0] > threshold)
            .map(|w| (w[0] + shown / 2.0, w[1] - shown / 2.0))
            .collect();
        Self { cuts, shown }
    }

    pub fn cuts(&self) -> &[(Day, Day)] {
        &self.cuts
    }

    /// Real time → axis time.
    pub fn to_axis(&self, day: Day) -> Day {
        let mut removed = 0.0;
        for &(a, b) in &self.cuts {
            if day >= b {
                removed += b - a;
            } else if day > a {
                // Inside a cut: squeeze it to its start.
                return a - removed;
            } else {
                break;
            }
        }
        day - removed
    }

    /// Axis time → real time (a collapsed gap maps back to its start).
    pub fn from_axis(&self, axis: Day) -> Day {
        let mut removed = 0.0;
        for &(a, b) in &self.cuts {
            if axis > a - removed {
                removed += b - a;
            } else {
                break;
            }
        }
        axis + removed
    }

    /// Where each cut sits on the axis.
    pub fn axis_marks(&self) -> Vec<Day> {
        self.cuts.iter().map(|&(a, _)| self.to_axis(a)).collect()
    }
}

/// From when an event happened to when each article reporting it was published, in days.
pub fn reporting_lags(event_day: Day, published: &[Day]) -> Vec<f64> {
    published.iter().map(|p| p - event_day).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Day {
        day_of(NaiveDate::from_ymd_opt(y, m, day).expect("date"))
    }

    #[test]
    fn days_round_trip_and_deep_zoom_stays_exact() {
        for (y, m, dd) in [
            (1970, 1, 1),
            (1987, 2, 26),
            (2022, 12, 7),
            (1900, 3, 1),
            (2100, 12, 31),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, dd).expect("date");
            assert_eq!(date_of(day_of(date)), date);
        }
        let t = day_of_time(
            NaiveDate::from_ymd_opt(2022, 12, 7).expect("date"),
            NaiveTime::from_hms_opt(14, 29, 0),
        );
        assert_eq!(datetime_of(t).to_string(), "2022-12-07 14:29:00");
        // Zoomed to an hour in 2022, a minute is still many pixels apart.
        let v = View {
            start: t,
            end: t + 1.0 / 24.0,
        };
        let x = v.x_of(t + 1.0 / 1440.0, 1000.0);
        assert!((x - 1000.0 / 60.0).abs() < 1e-6, "{x}");
    }

    #[test]
    fn zoom_keeps_the_pointer_day_in_place_and_clamps() {
        let v = View {
            start: d(2000, 1, 1),
            end: d(2020, 1, 1),
        };
        let around = d(2010, 6, 1);
        let z = v.zoom(4.0, around);
        assert!((z.span() - v.span() / 4.0).abs() < 1e-9);
        let frac = |v: &View| (around - v.start) / v.span();
        assert!((frac(&z) - frac(&v)).abs() < 1e-12);
        assert!((v.zoom(1e12, around).span() - MIN_SPAN_DAYS).abs() < 1e-12);
        assert!((v.zoom(1e-12, around).span() - MAX_SPAN_DAYS).abs() < 1e-6);
        assert_eq!(v.zoom(f64::NAN, around), v);
        let p = v.pan(10.0);
        assert!((p.start - v.start - 10.0).abs() < 1e-9);
    }

    #[test]
    fn ticks_adapt_from_decades_to_hours() {
        type Case = (View, fn(TickUnit) -> bool, &'static str);
        let cases: &[Case] = &[
            (
                View {
                    start: d(1900, 1, 1),
                    end: d(2030, 1, 1),
                },
                |u| matches!(u, TickUnit::Year(s) if s >= 10),
                "1900",
            ),
            (
                View {
                    start: d(2015, 1, 1),
                    end: d(2023, 1, 1),
                },
                |u| matches!(u, TickUnit::Year(1) | TickUnit::Month(6)),
                "2016",
            ),
            (
                View {
                    start: d(2022, 1, 1),
                    end: d(2023, 1, 1),
                },
                |u| matches!(u, TickUnit::Month(_)),
                "2023",
            ),
            (
                View {
                    start: d(2022, 12, 1),
                    end: d(2022, 12, 31),
                },
                |u| matches!(u, TickUnit::Day(_)),
                "Dec 2022",
            ),
            (
                View {
                    start: d(2022, 12, 7),
                    end: d(2022, 12, 8),
                },
                |u| matches!(u, TickUnit::Hour(_)),
                "7 Dec 2022",
            ),
        ];
        for (view, unit_ok, label) in cases {
            let (unit, ticks) = ticks(view, 1000.0, 60.0);
            assert!(unit_ok(unit), "{unit:?} for {:?}", view.span());
            assert!(
                !ticks.is_empty() && ticks.len() <= 1000 / 40,
                "{} ticks",
                ticks.len()
            );
            assert!(
                ticks.iter().any(|t| t.label == *label),
                "{label} in {:?}",
                ticks.iter().map(|t| &t.label).collect::<Vec<_>>()
            );
            assert!(ticks.windows(2).all(|w| w[0].day < w[1].day));
        }
    }

    #[test]
    fn density_counts_every_day_in_view_once() {
        let days: Vec<Day> = (0..1000).map(|i| d(2022, 1, 1) + i as f64 * 0.5).collect();
        let view = View {
            start: d(2022, 1, 1),
            end: d(2022, 1, 1) + 500.0,
        };
        let buckets = density(&days, &view, 50);
        assert_eq!(buckets.len(), 50);
        assert_eq!(buckets.iter().sum::<u32>(), 1000);
        assert!(buckets.iter().all(|&b| b == 20));
        assert_eq!(visible(&days, &view, 10), None);
        let narrow = View {
            start: days[10],
            end: days[14],
        };
        assert_eq!(visible(&days, &narrow, 10), Some(10..15));
    }

    #[test]
    fn lanes_never_overlap() {
        let extents = [
            (0.0, 50.0),
            (10.0, 30.0),
            (40.0, 90.0),
            (60.0, 70.0),
            (100.0, 120.0),
        ];
        let rows = lanes(&extents, 2.0);
        for i in 0..extents.len() {
            for j in 0..extents.len() {
                if i != j && rows[i] == rows[j] {
                    let (a, b) = (extents[i], extents[j]);
                    assert!(
                        a.1 + 2.0 <= b.0 || b.1 + 2.0 <= a.0,
                        "{i} and {j} overlap in row {}",
                        rows[i]
                    );
                }
            }
        }
        assert_eq!(rows[0], 0);
        assert_eq!(rows[4], 0, "room again at the end");
    }

    #[test]
    fn gaps_collapse_and_map_both_ways() {
        let days = [d(1987, 2, 26), d(1987, 3, 5), d(2022, 12, 7), d(2023, 3, 1)];
        let gaps = Gaps::find(&days, 365.0);
        assert_eq!(gaps.cuts().len(), 1);
        let before = gaps.to_axis(days[1]);
        let after = gaps.to_axis(days[2]);
        assert!(
            after - before < 365.0 * 3.0,
            "the 35-year gap is short on the axis: {}",
            after - before
        );
        for &day in &days {
            assert!(
                (gaps.from_axis(gaps.to_axis(day)) - day).abs() < 1e-6,
                "round trip of {day}"
            );
        }
        // Order is kept.
        let axis: Vec<_> = days.iter().map(|&x| gaps.to_axis(x)).collect();
        assert!(axis.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Gaps::find(&[], 365.0).cuts().len(), 0);
        assert_eq!(
            reporting_lags(d(2022, 12, 5), &[d(2022, 12, 7), d(2023, 3, 1)]),
            [2.0, 86.0]
        );
    }
}
