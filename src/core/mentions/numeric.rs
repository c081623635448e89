//! Dates and times written in digits: ISO `2022-12-10` and `2022-12`, `10.12.2022`,
//! `10/12/2022`, and a time on its own (`20:05`), which falls on the publication date.

use chrono::NaiveDate;

use super::lexicon::TIME_ZONES;
use super::tokens::Tk;
use super::value::{Value, ymd};
use super::{Finder, Found};

impl Finder<'_> {
    /// ISO 2022-12-10 (or 2022-12).
    pub(super) fn iso_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        if t.kind == Tk::Num
            && t.text.len() == 4
            && self.sym(i + 1, "-")
            && self.adjacent(i)
            && self.adjacent(i + 1)
        {
            let Some((y, _)) = self.num(i) else {
                return Found::NotADate;
            };
            if let Some((m, 2)) = self.num(i + 2) {
                if self.sym(i + 3, "-")
                    && self.adjacent(i + 2)
                    && self.adjacent(i + 3)
                    && let Some((d, 2)) = self.num(i + 4)
                {
                    let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
                        return Found::NotADate;
                    };
                    self.push(
                        t.start,
                        self.toks[i + 4].end,
                        Some(Value::Day(date)),
                        false,
                        "ISO date".into(),
                    );
                    return Found::Next(i + 5);
                }
                if (1..=12).contains(&m) && !self.sym(i + 3, "-") {
                    self.push(
                        t.start,
                        self.toks[i + 2].end,
                        Some(Value::Month(y as i32, m)),
                        false,
                        "ISO month".into(),
                    );
                    return Found::Next(i + 3);
                }
            }
        }
        Found::Pass
    }

    /// 10.12.2022, 10/12/2022: day first, or month first when slashes leave no other reading
    /// (`12/25/2022`).
    pub(super) fn numeric_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
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
                    let Some((a, _)) = self.num(i) else {
                        return Found::NotADate;
                    };
                    let (d, m) = if sep == "/" && a <= 12 && b > 12 {
                        (b, a)
                    } else {
                        (a, b)
                    };
                    let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
                        return Found::NotADate;
                    };
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
                    return Found::Next(i + 5);
                }
            }
        }
        Found::Pass
    }

    /// A time on its own: "at 20:05", "7:15 p.m.", "10 a.m. EST", "noon"; it falls on the
    /// publication date unless a day follows it (`resolve::join_neighbours`).
    pub(super) fn time_at(&mut self, i: usize) -> Found {
        let t = self.toks[i];
        let clock = if let Some((h, hl)) = self.num(i)
            && hl <= 2
            && self.sym(i + 1, ":")
            && self.adjacent(i)
            && let Some((mi, 2)) = self.num(i + 2)
            && h < 24
            && mi < 60
        {
            // Seconds belong to the time: "22:50:09".
            let next = if self.sym(i + 3, ":") && self.num(i + 4).is_some_and(|(_, l)| l == 2) {
                i + 5
            } else {
                i + 3
            };
            Some((h, mi, next, false))
        } else if let Some((h, hl)) = self.num(i)
            && hl <= 2
            && (1..=12).contains(&h)
            && self.meridiem(i + 1).is_some()
        {
            Some((h, 0, i + 1, false))
        } else {
            match self.lower(i) {
                Some("noon" | "midday") => Some((12, 0, i + 1, true)),
                Some("midnight") => Some((0, 0, i + 1, true)),
                _ => None,
            }
        };
        let Some((mut h, mi, mut next, named)) = clock else {
            return Found::Pass;
        };
        if !named
            && h <= 12
            && let Some((pm, after)) = self.meridiem(next)
        {
            h = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
            next = after;
        }
        if self.word(next).is_some_and(|w| TIME_ZONES.contains(&w)) {
            next += 1;
        }
        let end = self.end_before(next);
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
        Found::Next(next)
    }

    /// "a.m.", "p.m.", "am", "PM" at `i`: whether after noon, and the token after it.
    fn meridiem(&self, i: usize) -> Option<(bool, usize)> {
        let w = self.lower(i)?;
        let after_point = |k: usize| {
            if self.sym(k, ".") && self.adjacent(k - 1) {
                k + 1
            } else {
                k
            }
        };
        match w {
            "am" | "pm" => Some((w == "pm", after_point(i + 1))),
            "a" | "p"
                if self.sym(i + 1, ".")
                    && self.adjacent(i)
                    && self.adjacent(i + 1)
                    && self.lower(i + 2) == Some("m") =>
            {
                Some((w == "p", after_point(i + 3)))
            }
            _ => None,
        }
    }
}
