//! Spreadsheet rows: every event (or annotation) as CSV, RFC 4180, and the ACLED layout, with
//! the places table that fills its geography.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::{Context, Options, Written, reports};
use crate::core::annotations::{Annotation, Event, Precision};

/// What a user knows of a place, for ACLED's geography columns (`.dateline/places.ron`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default)]
    pub country: String,
    /// ISO 3166-1 numeric code, as ACLED's `iso` column has it.
    #[serde(default)]
    pub iso: String,
    /// ISO 3166-1 alpha-3, the prefix of ACLED's event ids.
    #[serde(default)]
    pub iso3: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub admin1: String,
    #[serde(default)]
    pub admin2: String,
    #[serde(default)]
    pub admin3: String,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

/// Place name → what is known of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Places {
    pub version: u32,
    pub places: BTreeMap<String, Place>,
}

pub const PLACES_FILE: &str = "places.ron";

impl Places {
    /// The table at `path`: empty when there is none, an error (with line and column) when it
    /// does not parse.
    pub fn load(path: &std::path::Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => ron::Options::default()
                .with_recursion_limit(8)
                .from_str(&text)
                .map_err(|e| {
                    format!(
                        "places do not parse at line {}, column {}: {}: {}",
                        e.span.start.line,
                        e.span.start.col,
                        e.code,
                        path.display()
                    )
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    /// The RON text of the table.
    pub fn to_ron(&self) -> String {
        crate::core::store::pretty_ron(self)
    }

    /// The first of `names` the table knows (case and accents ignored).
    pub fn first_known(&self, names: &[String]) -> Option<&Place> {
        use crate::core::search::fold_str;
        names.iter().find_map(|n| {
            let n = fold_str(n);
            self.places
                .iter()
                .find(|(k, _)| fold_str(k) == n)
                .map(|(_, p)| p)
        })
    }
}

/// A CSV field: quoted when it must be, and a text a spreadsheet would take for a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return first) prefixed with `'`.
fn field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn write_rows(header: &[&str], rows: &[Vec<String>], options: &Options) -> String {
    let mut out = String::new();
    if options.excel {
        out.push('\u{feff}');
    }
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| field(h)).collect()));
    for r in rows {
        out.push_str(&line(r.iter().map(|c| field(c)).collect()));
    }
    out
}

/// The label of a type and of its top-level parent: ("Protests", "Peaceful protest"), or
/// ("Meeting", "") for a type without a parent.
fn type_and_subtype(id: &str, ctx: &Context) -> (String, String) {
    match id
        .split_once('/')
        .filter(|(top, _)| ctx.types.get(top).is_some())
    {
        Some((top, _)) => (
            ctx.types.label(top).to_string(),
            ctx.types.label(id).to_string(),
        ),
        None => (ctx.types.label(id).to_string(), String::new()),
    }
}

const CSV_HEADER: &[&str] = &[
    "id",
    "start",
    "end",
    "precision",
    "ongoing",
    "approximate",
    "type",
    "subtype",
    "title",
    "actors",
    "places",
    "tags",
    "note",
    "articles",
    "sources",
    "paths",
    "urls",
    "quotes",
    "fatalities",
    "author",
    "created",
    "modified",
];

pub(super) fn csv(events: &[&Event], ctx: &Context, options: &Options) -> Written {
    let rows: Vec<Vec<String>> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            ctx.step(i);
            let (ty, sub) = type_and_subtype(&e.event_type, ctx);
            let reported = reports(e, ctx);
            let mut paths: Vec<&str> = e.evidence.iter().map(|p| p.path.as_str()).collect();
            paths.dedup();
            let mut urls: Vec<String> = reported
                .iter()
                .filter_map(|(_, _, info)| info.url.clone())
                .collect();
            urls.dedup();
            let outlets: Vec<&str> = {
                let mut o: Vec<&str> = reported.iter().map(|r| r.0.as_str()).collect();
                o.sort_unstable();
                o.dedup();
                o
            };
            vec![
                e.id.clone(),
                e.when.start.to_string(),
                e.when.end.map(|d| d.to_string()).unwrap_or_default(),
                e.when.start.precision().label().to_string(),
                e.when.ongoing.to_string(),
                e.when.approximate.to_string(),
                ty,
                sub,
                e.title.clone(),
                e.actors.join("; "),
                e.places.join("; "),
                e.tags.join("; "),
                e.note.clone(),
                paths.len().to_string(),
                outlets.join("; "),
                paths.join("; "),
                urls.join("; "),
                e.evidence
                    .iter()
                    .map(|p| p.exact.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                e.fatalities.map(|n| n.to_string()).unwrap_or_default(),
                e.author.clone(),
                e.created.clone(),
                e.modified.clone(),
            ]
        })
        .collect();
    Written {
        text: write_rows(CSV_HEADER, &rows, options),
        written: rows.len(),
        left_out: None,
    }
}

const ANNOTATIONS_HEADER: &[&str] = &[
    "id", "path", "url", "start", "end", "quote", "tags", "note", "author", "created", "modified",
];

pub(super) fn annotations_csv(list: &[&Annotation], ctx: &Context, options: &Options) -> Written {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|a| {
            let url = (ctx.articles)(&a.passage.path)
                .and_then(|i| i.url)
                .unwrap_or_default();
            vec![
                a.id.clone(),
                a.passage.path.clone(),
                url,
                a.passage.start.to_string(),
                a.passage.end.to_string(),
                a.passage.exact.clone(),
                a.tags.join("; "),
                a.note.clone(),
                a.author.clone(),
                a.created.clone(),
                a.modified.clone(),
            ]
        })
        .collect();
    Written {
        text: write_rows(ANNOTATIONS_HEADER, &rows, options),
        written: rows.len(),
        left_out: None,
    }
}

/// ACLED's columns, in ACLED's order.
pub const ACLED_HEADER: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// The ACLED event types (the top level of the ACLED preset) and their disorder type.
const ACLED_TYPES: &[(&str, &str)] = &[
    ("battles", "Political violence"),
    ("explosions_remote_violence", "Political violence"),
    ("violence_against_civilians", "Political violence"),
    ("protests", "Demonstrations"),
    ("riots", "Political violence; Demonstrations"),
    ("strategic_developments", "Strategic developments"),
];

/// A number for ACLED's event id, the same every time for the same event id.
fn id_number(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes()) % 100_000_000
}

pub(super) fn acled(events: &[&Event], ctx: &Context, options: &Options) -> Written {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut left_out = 0usize;
    for (i, e) in events.iter().enumerate() {
        ctx.step(i);
        let top = e.event_type.split('/').next().unwrap_or_default();
        let Some((_, disorder)) = ACLED_TYPES.iter().find(|(t, _)| *t == top) else {
            left_out += 1;
            continue;
        };
        let Some(first) = e.when.start.first_day() else {
            left_out += 1;
            continue;
        };
        let (ty, sub) = type_and_subtype(&e.event_type, ctx);
        let mut notes = e.title.trim().to_string();
        if !e.note.trim().is_empty() {
            notes.push_str(". ");
            notes.push_str(e.note.trim());
        }
        let precision = match e.when.start.precision() {
            Precision::Day => "1",
            Precision::Month => "3",
            Precision::Year => {
                notes.push_str(&format!(
                    " [Date known only to the year {}: coded as its first month.]",
                    first.year()
                ));
                "3"
            }
        };
        let place = ctx.places.first_known(&e.places);
        let geo = |f: fn(&super::Place) -> String| place.map(f).unwrap_or_default();
        let mut outlets: Vec<String> = reports(e, ctx).into_iter().map(|r| r.0).collect();
        outlets.sort_unstable();
        outlets.dedup();
        let assoc = |from: usize| {
            e.actors
                .get(from..)
                .map(|rest| rest.join("; "))
                .unwrap_or_default()
        };
        let timestamp = chrono::DateTime::parse_from_rfc3339(&e.modified)
            .map(|t| t.timestamp().to_string())
            .unwrap_or_default();
        let prefix = place
            .map(|p| p.iso3.trim().to_uppercase())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "XXX".into());
        rows.push(vec![
            format!("{prefix}{}", id_number(&e.id)),
            first.format("%Y-%m-%d").to_string(),
            first.year().to_string(),
            precision.to_string(),
            disorder.to_string(),
            ty,
            sub,
            e.actors.first().cloned().unwrap_or_default(),
            // the actors after the second are associated with the first
            assoc(2),
            String::new(),
            e.actors.get(1).cloned().unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            if top == "violence_against_civilians" {
                "Civilian targeting".into()
            } else {
                String::new()
            },
            geo(|p| p.iso.clone()),
            geo(|p| p.region.clone()),
            geo(|p| p.country.clone()),
            geo(|p| p.admin1.clone()),
            geo(|p| p.admin2.clone()),
            geo(|p| p.admin3.clone()),
            e.places.join("; "),
            geo(|p| p.latitude.map(|v| format!("{v:.4}")).unwrap_or_default()),
            geo(|p| p.longitude.map(|v| format!("{v:.4}")).unwrap_or_default()),
            String::new(),
            outlets.join("; "),
            String::new(),
            notes,
            e.fatalities.map(|n| n.to_string()).unwrap_or_default(),
            e.tags.join("; "),
            timestamp,
        ]);
    }
    Written {
        text: write_rows(ACLED_HEADER, &rows, options),
        written: rows.len(),
        left_out: (left_out > 0).then(|| {
            format!(
                "{} left out: not of an ACLED type",
                crate::core::text::counted(left_out, "event")
            )
        }),
    }
}
