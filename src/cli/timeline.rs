//! `dateline timeline`: the suggested timeline of a collection, a line (or a JSON object) per
//! date, in date order.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::CliError;
use crate::core::collection;
use crate::core::suggest::{self, Input, Options, Suggestion, TypeWords};
use crate::core::taxonomy::TypeIndex;

/// A suggestion as `timeline --json` prints it.
#[derive(serde::Serialize)]
struct SuggestionLine<'a> {
    date: String,
    precision: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    ongoing: bool,
    score: f64,
    summary: &'a str,
    /// The summary's sentences, one by one.
    sentences: &'a [String],
    articles: usize,
    sources: usize,
    #[serde(rename = "type")]
    event_type: &'a str,
    actors: &'a [String],
    places: &'a [String],
    evidence: &'a [suggest::Evidence],
}

/// What `dateline timeline` was asked.
#[derive(Debug, Clone, Default)]
pub struct TimelineArgs {
    pub json: bool,
    pub dates: Option<usize>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub query: Option<String>,
}

/// `dateline timeline PATH [--json] [--dates N] [--from D] [--to D] [--query Q]`.
pub fn timeline(root: &Path, args: &TimelineArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if let (Some(f), Some(t)) = (args.from, args.to)
        && f > t
    {
        return Err(CliError::Timeline(format!(
            "--from {f} is after --to {t}: no day is in between"
        )));
    }
    let c = collection::load(root)?;
    let aliases = super::aliases_of(root)?;
    let (words, words_error) = TypeWords::for_collection(root);
    if let Some(e) = words_error {
        eprintln!("dateline: {e} (the bundled type words are used)");
    }
    let taxonomy = super::taxonomy_of(root);
    let types = TypeIndex::new(&taxonomy);
    let matcher = match args.query.as_deref() {
        Some(q) => {
            let query = crate::core::search::parse_query(q, &aliases);
            Some(crate::core::search::Matcher::new(&query).ok_or(CliError::EmptyQuery)?)
        }
        None => None,
    };
    let articles: Vec<&collection::Article> = c
        .articles
        .iter()
        .filter(|a| matcher.as_ref().is_none_or(|m| m.matches(&a.text)))
        .collect();
    if articles.is_empty() && matcher.is_some() {
        return Err(CliError::Timeline(format!(
            "no article of {} matches the query",
            c.articles.len()
        )));
    }
    let reports = suggest::reports(&articles, |a| suggest::report(a), &|_| {});
    let scope = Input::all(&articles, &reports);
    let options = Options {
        dates: args.dates,
        from: args.from,
        to: args.to,
    };
    let known = |id: &str| types.get(id).is_some();
    let suggestions = suggest::suggest(&scope, &options, &words, &aliases, &known)
        .map_err(|e| CliError::Timeline(e.to_string()))?;
    for s in &suggestions {
        if args.json {
            writeln!(out, "{}", json_line(s))?;
        } else {
            writeln!(out, "{}", text_line(s))?;
        }
    }
    for p in &c.problems {
        eprintln!("dateline: {}: {}", p.path, p.reason);
    }
    out.flush()?;
    Ok(())
}

fn date_text(s: &Suggestion) -> String {
    suggest::key_of(s.date, s.precision)
}

pub fn json_line(s: &Suggestion) -> String {
    let line = SuggestionLine {
        date: date_text(s),
        precision: s.precision.as_str(),
        end: s.end.map(|e| e.to_string()),
        ongoing: s.ongoing,
        score: (s.score * 1000.0).round() / 1000.0,
        summary: &s.summary,
        sentences: &s.summary_sentences,
        articles: s.articles,
        sources: s.sources,
        event_type: &s.event_type,
        actors: &s.actors,
        places: &s.places,
        evidence: &s.evidence,
    };
    serde_json::to_string(&line).unwrap_or_default()
}

fn text_line(s: &Suggestion) -> String {
    let mut date = date_text(s);
    if let Some(e) = s.end {
        date.push_str(&format!("..{e}"));
    }
    if s.ongoing {
        date.push_str(" (ongoing)");
    }
    format!(
        "{date}\t{:.2}\t{}, {}\t{}\t{}",
        s.score,
        crate::core::text::counted(s.articles, "article"),
        crate::core::text::counted(s.sources, "source"),
        s.event_type,
        crate::core::text::one_line(&s.summary, 200)
    )
}
