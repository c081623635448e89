//! The publication date of a web page and where it came from, read in htmldate's order of
//! trust: a full date in the URL, `<meta>` and schema.org data, then a `<time>` of the article,
//! byline-like elements and last the visible text near the headline. A date line shown under
//! the headline beats the metadata when they differ: it is the date people give the page. Also
//! the modification date, and the author and outlet the structured data name.
//!
//! Numeric dates such as `11/01/2023`: in metadata a machine wrote, slashes are month first
//! (dots day first); in the text, month first in US English or English with no country said,
//! day first in other languages and where the locale or the address's country says so. A
//! number above 12 settles the order either way; ISO forms (`2023-01-11`) are never ambiguous.

mod dates;
mod json_ld;
mod scan;

#[cfg(test)]
use chrono::NaiveDate;

use super::Fields;
use crate::core::timestamp::Timestamp;
use dates::{date_value, first_date, url_date};
use json_ld::json_ld;
use scan::{Scan, TimeTag, scan};

/// How far after the headline (in bytes of text) a date line is the article's own.
const BYLINE_REACH: usize = 1500;

/// What the page says of itself, beyond its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFacts {
    /// The publication date and, for people, where it was found ("schema.org datePublished").
    pub published: Option<(Timestamp, String)>,
    pub modified: Option<Timestamp>,
    /// The author and, for people, where it was found.
    pub author: Option<(String, String)>,
    /// The outlet and where it was found.
    pub publisher: Option<(String, String)>,
}

/// Sets the date of `fields` from the page (with its source as the extra "Date from"), adds
/// "Modified", and fills the author and outlet when the fields have none.
pub fn complete(tokens: &[html5gum::Token], fields: &mut Fields) {
    let facts = read(tokens);
    if let Some((date, from)) = facts.published {
        fields.date = Some(date.to_string());
        fields.note_origin("Date", &from);
    }
    if let Some(modified) = facts.modified {
        fields.add_extra("Modified", &modified.to_string());
    }
    if fields.author.is_none()
        && let Some((author, from)) = facts.author
    {
        fields.author = Some(author);
        fields.note_origin("Author", &from);
    }
    if fields.source.is_none()
        && let Some((publisher, from)) = facts.publisher
    {
        fields.source = Some(publisher);
        fields.note_origin("Outlet", &from);
    }
}

/// `<meta>` keys (lower case) that give the publication date, as htmldate's list and more.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "article_date_original",
    "article.published",
    "article.created",
    "bt:pubdate",
    "citation_date",
    "citation_online_date",
    "citation_publication_date",
    "created",
    "date",
    "date_published",
    "datecreated",
    "datepublished",
    "dc.created",
    "dc.date",
    "dc.date.created",
    "dc.date.issued",
    "dc.issued",
    "dcterms.created",
    "dcterms.date",
    "dcterms.issued",
    "displaydate",
    "originalpublicationdate",
    "og:pubdate",
    "parsely-pub-date",
    "pdate",
    "pub_date",
    "pub-date",
    "pubdate",
    "publication_date",
    "publish-date",
    "publish_date",
    "publish_time",
    "publishdate",
    "published",
    "published-date",
    "published_at",
    "rnews:datepublished",
    "sailthru.date",
    "release_date",
    "cxenseparse:recs:publishtime",
    "article:post_date",
    "analyticsattributes.articledate",
];

/// `<meta>` keys that give when the page was last changed.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "og:modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "modified_time",
    "revised",
    "updated_time",
];

/// Whether people on the page write `06/01/2020` month first: in US English, or in English
/// with no country said — unless the page's locale or its address's country writes day
/// first (British, Irish, Australian, New Zealand, Indian, South African English), or the
/// page is in another language.
fn month_first(s: &Scan) -> bool {
    const DAY_FIRST_ENGLISH: [&str; 6] = ["gb", "uk", "ie", "au", "nz", "in"];
    let locale = s
        .metas
        .iter()
        .find(|(k, _)| k == "og:locale")
        .map(|(_, v)| v.to_ascii_lowercase().replace('_', "-"));
    let country_of = |tag: &str| tag.split('-').nth(1).map(str::to_string);
    let language = if s.lang.is_empty() {
        locale.clone().unwrap_or_default()
    } else {
        s.lang.clone()
    };
    if !language.is_empty() && !language.starts_with("en") {
        return false;
    }
    let country = country_of(&s.lang).or_else(|| locale.as_deref().and_then(country_of));
    if let Some(country) = country {
        return country == "us";
    }
    let host = s
        .canonical
        .as_deref()
        .and_then(|u| u.split("//").nth(1))
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or("");
    let tld = host.rsplit('.').next().unwrap_or("");
    !(DAY_FIRST_ENGLISH.contains(&tld) || tld == "za")
}

/// The page's facts, in htmldate's order of trust.
pub fn read(tokens: &[html5gum::Token]) -> PageFacts {
    let s = scan(tokens);
    let month_first = month_first(&s);
    // A machine writes `11/01/2023` month first whatever the page's language (as the US
    // does); people write it as their language does.
    let value = |v: &str| date_value(v, true);
    let mut facts = PageFacts::default();

    // schema.org
    let ld = json_ld(&s.json_ld);
    facts.author = ld
        .author
        .clone()
        .map(|a| (a, "schema.org author".to_string()));
    facts.publisher = ld
        .publisher
        .clone()
        .map(|p| (p, "schema.org publisher".to_string()));
    facts.modified = ld.modified.as_deref().and_then(value);

    let from_ld = ld
        .published
        .iter()
        .find_map(|(v, key)| Some((value(v)?, format!("schema.org {key}"))));
    let mut from_meta = None;
    for (key, content) in &s.metas {
        if facts.modified.is_none() && MODIFIED_KEYS.contains(&key.as_str()) {
            facts.modified = value(content);
        }
        if from_meta.is_none()
            && PUBLISHED_KEYS.contains(&key.as_str())
            && let Some(date) = value(content)
        {
            from_meta = Some((date, format!("meta {key}")));
        }
        if facts.author.is_none() && key == "author" && !content.trim().is_empty() {
            facts.author = Some((content.trim().to_string(), "meta author".into()));
        }
    }
    let url = s.canonical.clone().or_else(|| {
        s.metas
            .iter()
            .find(|(k, _)| k == "og:url")
            .map(|(_, v)| v.clone())
    });
    let from_url = url
        .as_deref()
        .and_then(url_date)
        .map(|d| (Timestamp::from_date(d), "the URL".to_string()));
    // A full date in the URL's path first, then `<meta>`, then JSON-LD: htmldate's order (on
    // the development half, as good as metadata first).
    let mut published = from_url.or(from_meta).or(from_ld);
    let visible = s
        .snippets
        .iter()
        .filter(|p| !p.elsewhere && p.after_h1 && p.near_at < BYLINE_REACH)
        .find_map(|p| first_date(&p.text, month_first))
        .map(|d| (d, "a date line near the headline"));
    // What the page shows its readers under the headline ("Updated 4 June 2020") is the date
    // people give it, when the metadata say otherwise; with no headline to be under, the top of
    // the page may be a site bar's "today".
    if let Some((date, from)) = visible
        && s.h1_seen
        && published
            .as_ref()
            .is_some_and(|(found, _)| found.date != date)
    {
        published = Some((Timestamp::from_date(date), from.to_string()));
    }
    let time = |pick: &dyn Fn(&TimeTag) -> bool| {
        s.times
            .iter()
            .filter(|t| !t.elsewhere && pick(t))
            .find_map(|t| value(&t.value))
    };
    if published.is_none()
        && let Some(date) = time(&|t| t.marked_published)
    {
        published = Some((date, "<time> marked as published".into()));
    }
    if published.is_none()
        && let Some(date) = s.script_dates.iter().find_map(|v| value(v))
    {
        published = Some((date, "a script's datePublished".into()));
    }
    if published.is_none()
        && let Some(date) = time(&|t| t.after_h1 || t.in_article)
    {
        published = Some((date, "<time> near the headline".into()));
    }
    if published.is_none()
        && let Some(date) = s
            .snippets
            .iter()
            .filter(|p| !p.elsewhere && p.after_h1)
            .find_map(|p| first_date(&p.text, month_first))
    {
        published = Some((
            Timestamp::from_date(date),
            "a date line near the headline".into(),
        ));
    }
    let text_date = |text: &str| first_date(text, month_first);
    if published.is_none()
        && let Some(date) = text_date(&s.near_h1)
    {
        published = Some((Timestamp::from_date(date), "the text".into()));
    }
    if published.is_none()
        && let Some(date) = facts.modified
    {
        published = Some((date, "the modification date".into()));
    }
    if published.is_none()
        && let Some(date) = time(&|_| true)
    {
        published = Some((date, "a <time> of the page".into()));
    }
    if published.is_none()
        && let Some(date) = s
            .snippets
            .iter()
            .filter(|p| !p.elsewhere)
            .find_map(|p| first_date(&p.text, month_first))
    {
        published = Some((Timestamp::from_date(date), "a date line".into()));
    }
    // Last, what is left: a guess is better than none, since a page with no date is as wrong
    // as a page with a wrong one.
    if published.is_none()
        && let Some(date) = s
            .snippets
            .iter()
            .find_map(|p| first_date(&p.text, month_first))
    {
        published = Some((Timestamp::from_date(date), "a date line aside".into()));
    }
    if published.is_none()
        && let Some(date) = s.times.iter().find_map(|t| value(&t.value))
    {
        published = Some((date, "a <time> aside".into()));
    }
    if published.is_none()
        && let Some(date) = text_date(&s.far_text)
    {
        published = Some((Timestamp::from_date(date), "the text".into()));
    }
    if published.is_none()
        && let Some(date) = first_date(&s.before_h1, month_first)
    {
        published = Some((
            Timestamp::from_date(date),
            "the text before the headline".into(),
        ));
    }
    facts.published = published;
    facts
}

#[cfg(test)]
mod tests;
