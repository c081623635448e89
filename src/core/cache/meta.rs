//! An article's metadata as the cache keeps it: the same fields, its dates as numbers. chrono
//! writes a date as text and reads it back by parsing it, which took a quarter of the time a
//! million entries take to decode. Used by `CachedArticle` through `#[serde(with = "meta")]`.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::core::header::{Metadata, language_code};
use crate::core::timestamp::{DayMonthOrder, Timestamp};

/// A timestamp as numbers: days from 1 January of year 1, seconds and nanoseconds from
/// midnight, and the offset east of UTC in seconds.
#[derive(Serialize, Deserialize)]
struct Stamp(i32, Option<(u32, u32)>, Option<i32>);

impl Stamp {
    fn of(t: &Timestamp) -> Self {
        let time = t
            .time
            .map(|time| (time.num_seconds_from_midnight(), time.nanosecond()));
        Stamp(t.date.num_days_from_ce(), time, t.offset_secs)
    }

    fn timestamp(self) -> Option<Timestamp> {
        let date = NaiveDate::from_num_days_from_ce_opt(self.0)?;
        let time = match self.1 {
            Some((secs, nano)) => Some(NaiveTime::from_num_seconds_from_midnight_opt(secs, nano)?),
            None => None,
        };
        Some(Timestamp {
            date,
            time,
            offset_secs: self.2,
        })
    }
}

/// What is written (borrowed from the metadata).
#[derive(Serialize)]
struct MetaOut<'a> {
    published: Option<Stamp>,
    first_posted: Option<Stamp>,
    title: &'a str,
    title_derived: bool,
    byline: Option<&'a str>,
    dateline: Option<&'a str>,
    source: Option<&'a str>,
    language: &'a str,
    warnings: &'a [String],
    url: Option<&'a str>,
    date_order: Option<DayMonthOrder>,
    date_from_path: bool,
    extra: &'a [(String, String)],
}

/// What is read: the same fields in the same order.
#[derive(Deserialize)]
struct MetaIn {
    published: Option<Stamp>,
    first_posted: Option<Stamp>,
    title: String,
    title_derived: bool,
    byline: Option<String>,
    dateline: Option<String>,
    source: Option<String>,
    language: Language,
    warnings: Vec<String>,
    url: Option<String>,
    date_order: Option<DayMonthOrder>,
    date_from_path: bool,
    extra: Vec<(String, String)>,
}

/// A language code, read without a copy of its text.
struct Language(&'static str);

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Code;
        impl serde::de::Visitor<'_> for Code {
            type Value = Language;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a language code")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Language, E> {
                Ok(Language(language_code(v).unwrap_or("en")))
            }
        }
        d.deserialize_str(Code)
    }
}

pub fn serialize<S: Serializer>(meta: &Metadata, s: S) -> Result<S::Ok, S::Error> {
    // Every field by name: a field added to `Metadata` must be added here too.
    let Metadata {
        published,
        first_posted,
        title,
        title_derived,
        byline,
        dateline,
        source,
        language,
        warnings,
        url,
        date_order,
        date_from_path,
        extra,
    } = meta;
    MetaOut {
        published: published.as_ref().map(Stamp::of),
        first_posted: first_posted.as_ref().map(Stamp::of),
        title,
        title_derived: *title_derived,
        byline: byline.as_deref(),
        dateline: dateline.as_deref(),
        source: source.as_deref(),
        language,
        warnings,
        url: url.as_deref(),
        date_order: *date_order,
        date_from_path: *date_from_path,
        extra,
    }
    .serialize(s)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Metadata, D::Error> {
    let m = MetaIn::deserialize(d)?;
    let stamp = |s: Option<Stamp>| match s {
        Some(s) => s
            .timestamp()
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom("a date out of range")),
        None => Ok(None),
    };
    Ok(Metadata {
        published: stamp(m.published)?,
        first_posted: stamp(m.first_posted)?,
        title: m.title,
        title_derived: m.title_derived,
        byline: m.byline,
        dateline: m.dateline,
        source: m.source,
        language: m.language.0,
        warnings: m.warnings,
        url: m.url,
        date_order: m.date_order,
        date_from_path: m.date_from_path,
        extra: m.extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metadata through the cache's form and back.
    fn round_trip(meta: &Metadata) -> Result<Metadata, postcard::Error> {
        #[derive(Serialize, Deserialize)]
        struct Wrapped(#[serde(with = "super")] Metadata);
        let bytes = postcard::to_allocvec(&Wrapped(meta.clone()))?;
        postcard::from_bytes::<Wrapped>(&bytes).map(|w| w.0)
    }

    #[test]
    fn metadata_comes_back_as_it_was_written() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        let full = Metadata {
            published: Some(Timestamp {
                date: date(2022, 12, 7),
                time: NaiveTime::from_hms_nano_opt(14, 29, 3, 500),
                offset_secs: Some(4 * 3600),
            }),
            first_posted: Some(Timestamp::from_date(date(1, 1, 1))),
            title: "Лачин — Laçın".into(),
            title_derived: true,
            byline: Some("Aysel".into()),
            dateline: Some("BAKU, Azerbaijan".into()),
            source: Some("Azernews".into()),
            language: "hy",
            warnings: vec!["odd".into(), "odder".into()],
            url: Some("https://example.org/a".into()),
            date_order: Some(DayMonthOrder::MonthFirst),
            date_from_path: true,
            extra: vec![("Section".into(), "World".into())],
        };
        let late = Metadata {
            published: Some(Timestamp {
                date: date(9999, 12, 31),
                time: NaiveTime::from_hms_opt(0, 0, 0),
                offset_secs: Some(-12 * 3600),
            }),
            language: "ru",
            ..Metadata::default()
        };
        let plain = Metadata {
            language: "en",
            ..Metadata::default()
        };
        for meta in [plain, full, late] {
            assert_eq!(round_trip(&meta).ok(), Some(meta.clone()), "{meta:?}");
        }
    }

    #[test]
    fn a_date_out_of_range_is_an_error_not_a_panic() {
        let out = MetaOut {
            published: Some(Stamp(i32::MAX, Some((99_999, 0)), None)),
            first_posted: None,
            title: "",
            title_derived: false,
            byline: None,
            dateline: None,
            source: None,
            language: "en",
            warnings: &[],
            url: None,
            date_order: None,
            date_from_path: false,
            extra: &[],
        };
        let bytes = postcard::to_allocvec(&out).expect("encode");
        let got = deserialize(&mut postcard::Deserializer::from_bytes(&bytes));
        assert!(got.is_err());
    }
}
