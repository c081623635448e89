//! The chronology out: spreadsheet rows (CSV, ACLED), TimelineJS JSON, iCalendar, a page to
//! share (HTML) and Markdown. Every writer is plain text in, text out, and deterministic: the
//! same events give the same bytes (sorted by date, then id; nothing from the clock).

mod calendar;
mod html;
mod rows;
mod timelinejs;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use crate::core::annotations::{Annotation, Event, Precision};
use crate::core::collection::Article;
use crate::core::taxonomy::TypeIndex;

pub use rows::{PLACES_FILE, Place, Places};

/// What can be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Acled,
    TimelineJs,
    Ics,
    Html,
    Md,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Csv,
        Format::Acled,
        Format::TimelineJs,
        Format::Ics,
        Format::Html,
        Format::Md,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "Spreadsheet (CSV)",
            Format::Acled => "ACLED rows (CSV)",
            Format::TimelineJs => "TimelineJS (JSON)",
            Format::Ics => "Calendar (iCalendar)",
            Format::Html => "Web page (HTML)",
            Format::Md => "Markdown",
        }
    }

    /// The file name ending a new file of this format takes.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Acled => "acled.csv",
            Format::TimelineJs => "timeline.json",
            Format::Ics => "ics",
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

/// How to write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// CSV: start with a byte-order mark, which Excel needs to read UTF-8.
    pub excel: bool,
    /// The collection's name, for titles.
    pub title: String,
}

/// What an article gives the exports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleInfo {
    pub path: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: String,
}

impl ArticleInfo {
    pub fn of(a: &Article) -> Self {
        Self {
            path: a.path.clone(),
            source: a.meta.source.clone().filter(|s| !s.trim().is_empty()),
            url: a.meta.url.clone(),
            published: a.meta.published.map(|t| t.date),
            title: a.meta.title.clone(),
        }
    }

    /// The outlet, else the page's host, else the file.
    pub fn outlet(&self) -> String {
        if let Some(s) = &self.source {
            return s.clone();
        }
        if let Some(host) = self
            .url
            .as_deref()
            .and_then(|u| u.split("://").nth(1))
            .and_then(|r| r.split(['/', '?', '#']).next())
        {
            return host.trim_start_matches("www.").to_string();
        }
        crate::core::collection::file_of(&self.path).to_string()
    }
}

/// Where the writers look things up, and whom they tell how far they are.
pub struct Context<'a> {
    pub articles: &'a dyn Fn(&str) -> Option<ArticleInfo>,
    pub types: &'a TypeIndex,
    pub places: &'a Places,
    /// Hears the number of entries written so far (for a progress bar).
    pub progress: Option<&'a dyn Fn(usize)>,
}

impl Context<'_> {
    /// Says that `done` entries are written.
    fn step(&self, done: usize) {
        if let Some(p) = self.progress {
            p(done);
        }
    }
}

/// A written export and what to tell the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub text: String,
    /// How many entries became rows, events, slides.
    pub written: usize,
    /// Why some were left out ("2 events are not of an ACLED type").
    pub left_out: Option<String>,
}

impl Written {
    /// One line for the status bar or the terminal.
    pub fn message(&self, what: &str) -> String {
        let mut m = if self.written == 0 {
            format!("nothing to export: no {what}; an empty file was written")
        } else {
            format!(
                "exported {}",
                crate::core::text::counted(self.written, what.trim_end_matches('s'))
            )
        };
        if let Some(why) = &self.left_out {
            m.push_str(&format!(" ({why})"));
        }
        m
    }
}

/// The events in the order every export gives them: by date, then id.
pub fn in_order<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<&'a Event> {
    let mut out: Vec<&Event> = events.into_iter().collect();
    out.sort_by(|a, b| {
        a.when
            .start
            .first_day()
            .cmp(&b.when.start.first_day())
            .then(a.id.cmp(&b.id))
    });
    out
}

/// Writes `events` in `format`.
pub fn events(format: Format, events: &[&Event], ctx: &Context, options: &Options) -> Written {
    let events = in_order(events.iter().copied());
    match format {
        Format::Csv => rows::csv(&events, ctx, options),
        Format::Acled => rows::acled(&events, ctx, options),
        Format::TimelineJs => timelinejs::write(&events, ctx, options),
        Format::Ics => calendar::write(&events, ctx, options),
        Format::Html => html::write(&events, ctx, options),
        Format::Md => markdown(&events, ctx),
    }
}

/// The plain annotations as CSV rows.
pub fn annotations(annotations: &[&Annotation], ctx: &Context, options: &Options) -> Written {
    let mut sorted: Vec<&Annotation> = annotations.to_vec();
    sorted.sort_by(|a, b| {
        a.passage
            .path
            .cmp(&b.passage.path)
            .then(a.passage.start.cmp(&b.passage.start))
            .then(a.id.cmp(&b.id))
    });
    rows::annotations_csv(&sorted, ctx, options)
}

/// A type as the exports name it: "Strategic developments › Agreement" for a sub-type, "Meeting"
/// for a type of its own.
pub fn type_name(id: &str, ctx: &Context) -> String {
    match id
        .rsplit_once('/')
        .filter(|(parent, _)| ctx.types.get(parent).is_some())
    {
        Some((parent, _)) => format!("{} › {}", ctx.types.label(parent), ctx.types.label(id)),
        None => ctx.types.label(id).to_string(),
    }
}

/// The last day an event covers (its end, else its start), by its precision.
pub fn last_day(e: &Event) -> Option<NaiveDate> {
    let d = e.when.end.unwrap_or(e.when.start);
    let first = d.first_day()?;
    Some(match d.precision() {
        Precision::Day => first,
        Precision::Month => first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|n| n.pred_opt())
            .unwrap_or(first),
        Precision::Year => NaiveDate::from_ymd_opt(first.year(), 12, 31).unwrap_or(first),
    })
}

/// The date as people read it: "5 December 2022", "December 2022", "2022", with an end
/// ("3 June 2010 – 7 June 2010") or "since" for something still going on.
pub fn date_words(e: &Event) -> String {
    fn one(d: &crate::core::annotations::PartialDate) -> String {
        let Some(first) = d.first_day() else {
            return d.to_string();
        };
        let month = crate::core::calendar::month_name(first.month()).unwrap_or_default();
        match d.precision() {
            Precision::Day => format!("{} {month} {}", first.day(), first.year()),
            Precision::Month => format!("{month} {}", first.year()),
            Precision::Year => first.year().to_string(),
        }
    }
    let start = one(&e.when.start);
    match (&e.when.end, e.when.ongoing) {
        (Some(end), _) => format!("{start} – {}", one(end)),
        (None, true) => format!("since {start}"),
        (None, false) => start,
    }
}

/// The distinct outlets reporting an event, in the order of its passages, with the day each
/// published it.
pub fn reports(e: &Event, ctx: &Context) -> Vec<(String, Option<NaiveDate>, ArticleInfo)> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for p in &e.evidence {
        let info = (ctx.articles)(&p.path).unwrap_or_else(|| ArticleInfo {
            path: p.path.clone(),
            ..ArticleInfo::default()
        });
        let outlet = info.outlet();
        let key = format!("{outlet}\u{0}{:?}", info.published);
        if seen.insert(key) {
            out.push((outlet, info.published, info));
        }
    }
    out
}

/// "**5 December 2022** — Bayramov and Lavrov discussed … (Azernews, 7 Dec; Trend, 1 Mar 2023)",
/// a line an event.
pub fn markdown(events: &[&Event], ctx: &Context) -> Written {
    let mut text = String::new();
    for (i, e) in events.iter().enumerate() {
        ctx.step(i);
        let sources: Vec<String> = reports(e, ctx)
            .into_iter()
            .map(|(outlet, day, _)| match day {
                Some(d) => {
                    let short = crate::core::calendar::month_name(d.month())
                        .unwrap_or_default()
                        .chars()
                        .take(3)
                        .collect::<String>();
                    let year_differs = e.when.start.year != d.year();
                    if year_differs {
                        format!("{outlet}, {} {short} {}", d.day(), d.year())
                    } else {
                        format!("{outlet}, {} {short}", d.day())
                    }
                }
                None => outlet,
            })
            .collect();
        let title = md_escape(&crate::core::text::one_line(&e.title, 400));
        text.push_str(&format!("**{}** — {title}", date_words(e)));
        if !sources.is_empty() {
            text.push_str(&format!(" ({})", md_escape(&sources.join("; "))));
        }
        text.push_str("\n\n");
    }
    Written {
        written: events.len(),
        text,
        left_out: None,
    }
}

/// Markdown's marks taken literally.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
