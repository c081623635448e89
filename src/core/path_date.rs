//! The publication date a file's path gives, for research corpora that keep it only there:
//! folders `2010-04-20/`, `2010/04/20/`, `20100420/`, and file names such as
//! `2010-04-20-slug.md`, `20100420_1234.txt` or `slug-2010-04-20.html`.

use chrono::NaiveDate;

/// Years a path is believed for: an 8-digit number outside them is an id, not a date.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2199;

/// The date `path` (relative to the collection, `/`-separated, maybe with a `#n` part) gives: the
/// file name first, then the nearest folder that holds a date, then a `YYYY/MM/DD` run of
/// folders. `None` when no part of it is a date.
pub fn date_from_path(path: &str) -> Option<NaiveDate> {
    let path = path.split('#').next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let (file, folders) = parts.split_last()?;
    // `1.htm.txt` → `1`; `2010.04.20 notes.txt` → `2010.04.20 notes`.
    let mut stem = *file;
    while let Some((rest, ext)) = stem.rsplit_once('.')
        && (1..=5).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphabetic())
    {
        stem = rest;
    }
    if let Some(d) = date_in_name(stem) {
        return Some(d);
    }
    for (i, folder) in folders.iter().enumerate().rev() {
        if let Some(d) = date_in_name(folder) {
            return Some(d);
        }
        // `2010/04/20/`: this folder is the day, the two before it the month and the year.
        if i >= 2
            && let (Some(y), Some(m), Some(d)) = (
                number(folders[i - 2], 4, 4),
                number(folders[i - 1], 1, 2),
                number(folder, 1, 2),
            )
            && let Some(date) = make(y, m, d)
        {
            return Some(date);
        }
    }
    None
}

/// A whole string of `min..=max` ASCII digits, as a number.
fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    (s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn make(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    let y = i32::try_from(y).ok().filter(|y| YEARS.contains(y))?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date standing alone in a name: `2010-04-20`, `2010_04_20`, `2010.04.20` or `20100420`,
/// bounded by the name's ends or by non-digits (`slug-2010-04-20`, `20100420_1234`).
fn date_in_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i + 8 <= bytes.len() {
        // A run of digits must start here: not inside a longer number.
        if !digit(i) || (i > 0 && digit(i - 1)) {
            i += 1;
            continue;
        }
        let sep = bytes.get(i + 4).copied();
        let found = match sep {
            Some(b'-' | b'_' | b'.') if bytes.get(i + 7).copied() == sep => {
                let day_end = i + 10;
                (digit(i + 5) && digit(i + 6) && digit(i + 8) && digit(i + 9) && !digit(day_end))
                    .then(|| (&name[i..i + 4], &name[i + 5..i + 7], &name[i + 8..i + 10]))
            }
            _ => ((i..i + 8).all(digit) && !digit(i + 8))
                .then(|| (&name[i..i + 4], &name[i + 4..i + 6], &name[i + 6..i + 8])),
        };
        if let Some((y, m, d)) = found
            && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
            && let Some(date) = make(y, m, d)
        {
            return Some(date);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_folders_and_file_names() {
        let cases = [
            // Timeline17's layout.
            ("bpoil/InputDocs/2010-04-20/1.htm.txt", Some("2010-04-20")),
            ("2010/04/20/story.txt", Some("2010-04-20")),
            ("news/2010/4/2/story.txt", Some("2010-04-02")),
            ("20100420/a.txt", Some("2010-04-20")),
            ("2010-04-20-slug.md", Some("2010-04-20")),
            ("20100420_1234.txt", Some("2010-04-20")),
            ("slug-2010-04-20.html", Some("2010-04-20")),
            ("slug_2010_04_20.html", Some("2010-04-20")),
            ("2010.04.20 notes.txt", Some("2010-04-20")),
            ("export.csv#12", None),
            ("2021-01-05/export.csv#3", Some("2021-01-05")),
            // The file name beats the folder.
            ("2010-04-20/2011-05-06-late.txt", Some("2011-05-06")),
            // Not dates: ids, impossible days, numbers inside longer numbers, partial runs.
            ("12345678.txt", None),
            ("2010-13-01.txt", None),
            ("2010-02-30.txt", None),
            ("1201004201.txt", None),
            ("id_201004201.txt", None),
            ("2010/04/notes.txt", None),
            ("2010-04.txt", None),
            ("a/b/c.txt", None),
            ("", None),
            ("/", None),
            ("2010-04-20", Some("2010-04-20")),
            ("ağdam-2022-12-07-ə.txt", Some("2022-12-07")),
        ];
        for (path, want) in cases {
            let got = date_from_path(path).map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{path}");
        }
    }
}
