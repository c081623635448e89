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

use chrono::NaiveDate;
use serde_json::Value;

use super::Fields;
use crate::core::timestamp::{DateReading, Timestamp, header_month_number, read_date_value};

/// What the page says of itself, beyond its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFacts {
    /// The publication date and, for people, where it was found ("schema.org datePublished").
    pub published: Option<(Timestamp, String)>,
    pub modified: Option<Timestamp>,
    pub author: Option<String>,
    pub publisher: Option<String>,
}

/// Sets the date of `fields` from the page (with its source as the extra "Date from"), adds
/// "Modified", and fills the author and outlet when the fields have none.
pub fn complete(markup: &str, fields: &mut Fields) {
    let facts = read(markup);
    if let Some((date, from)) = facts.published {
        fields.date = Some(date.to_string());
        fields.add_extra("Date from", &from);
    }
    if let Some(modified) = facts.modified {
        fields.add_extra("Modified", &modified.to_string());
    }
    if fields.author.is_none() {
        fields.author = facts.author;
    }
    if fields.source.is_none() {
        fields.source = facts.publisher;
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

/// Words in a `class` or `id` that mark a part of the page not the article's own: related or
/// recommended posts, sidebars, comments, embedded posts.
const ELSEWHERE: &[&str] = &[
    "related",
    "sidebar",
    "recommend",
    "comment",
    "widget",
    "teaser",
    "popular",
    "trending",
    "instagram",
    "tweet",
    "twitter",
    "readmore",
    "read-more",
    "more-stories",
    "newsletter",
];

/// RDFa `property` names of the publication date, on any element with a `content`.
const RDFA_PUBLISHED: &[&str] = &[
    "schema:datepublished",
    "schema:datecreated",
    "datepublished",
    "dc:date",
    "dc:created",
    "dcterms:created",
    "dcterms:issued",
];

/// Keys of the publication date in a script's JSON that is not JSON-LD (a page's state).
const SCRIPT_KEYS: &[&str] = &[
    "\"datePublished\"",
    "\"date_published\"",
    "\"publishedAt\"",
    "\"published_at\"",
    "\"publishedDate\"",
    "\"publishDate\"",
    "\"publish_date\"",
    "\"pubDate\"",
];

/// Tags whose whole content is elsewhere than the article.
const ELSEWHERE_TAGS: &[&str] = &["aside", "footer", "nav", "blockquote", "iframe"];

/// Words in a `class`, `id` or `itemprop` that mark a byline or a date line.
const BYLINE: &[&str] = &[
    "date",
    "datum",
    "time",
    "byline",
    "meta",
    "publish",
    "posted",
    "submitted",
    "subline",
    "fecha",
    "author",
    "autor",
    "info",
    "parution",
    "post_detail",
    "calendar",
    "clock",
];

/// Elements with no end tag, never on the stack of open ones.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How much of the text after the headline is searched for a date, in bytes.
const NEAR_HEADLINE: usize = 3000;
/// How far after the headline (in bytes of text) a date line is the article's own.
const BYLINE_REACH: usize = 1500;
/// How much of the text further on is searched for a date when nothing else gives one.
const FAR_TEXT: usize = 30_000;
/// How much of a byline-like element's text is kept.
const BYLINE_TEXT: usize = 160;

/// A `<time>` element or an element carrying `itemprop="datePublished"`.
struct TimeTag {
    value: String,
    /// `pubdate`, or `itemprop="datePublished"`.
    marked_published: bool,
    elsewhere: bool,
    after_h1: bool,
    in_article: bool,
}

/// The text of a byline-like element.
struct Snippet {
    text: String,
    /// How far into the text after the headline it starts, in bytes.
    near_at: usize,
    elsewhere: bool,
    after_h1: bool,
}

/// What one pass over the markup gathers.
#[derive(Default)]
struct Scan {
    lang: String,
    /// (key in lower case, content), in the page's order.
    metas: Vec<(String, String)>,
    json_ld: Vec<String>,
    /// `"datePublished": "…"` in other scripts.
    script_dates: Vec<String>,
    canonical: Option<String>,
    times: Vec<TimeTag>,
    snippets: Vec<Snippet>,
    near_h1: String,
    /// The start of the visible text, for a page with no headline.
    before_h1: String,
    /// The text after [`Scan::near_h1`], for a last look.
    far_text: String,
    h1_seen: bool,
}

/// One open element.
struct Open {
    name: String,
    elsewhere: bool,
    snippet: Option<usize>,
    article: bool,
}

fn contains_any(value: &str, words: &[&str]) -> bool {
    words.iter().any(|w| value.contains(w))
}

fn scan(markup: &str) -> Scan {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut s = Scan::default();
    let mut stack: Vec<Open> = Vec::new();
    // Inside a script: whether it is JSON-LD, and its text so far.
    let mut script: Option<(bool, String)> = None;
    for token in Tokenizer::new_with_emitter(markup, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |k: &str| {
                    tag.attributes
                        .get(k.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                let marks = format!(
                    "{} {}",
                    attr("class").unwrap_or_default(),
                    attr("id").unwrap_or_default()
                )
                .to_ascii_lowercase();
                let itemprop = attr("itemprop").unwrap_or_default().to_ascii_lowercase();
                let elsewhere = stack.iter().any(|o| o.elsewhere);
                let in_article = stack.iter().any(|o| o.article);
                match name.as_str() {
                    "html" => s.lang = attr("lang").unwrap_or_default().to_ascii_lowercase(),
                    "meta" => {
                        let key = attr("property")
                            .or_else(|| attr("name"))
                            .or_else(|| attr("itemprop"))
                            .or_else(|| attr("http-equiv"));
                        let content = attr("content").or_else(|| attr("datetime"));
                        if let (Some(key), Some(content)) = (key, content) {
                            s.metas.push((key.trim().to_ascii_lowercase(), content));
                        }
                    }
                    "link" => {
                        let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                        if rel == "canonical" && s.canonical.is_none() {
                            s.canonical = attr("href");
                        }
                    }
                    "script" if !tag.self_closing => {
                        let kind = attr("type").unwrap_or_default().to_ascii_lowercase();
                        script = Some((kind.contains("ld+json"), String::new()));
                    }
                    _ => {}
                }
                let property = attr("property").unwrap_or_default().to_ascii_lowercase();
                let rdfa_published = RDFA_PUBLISHED.contains(&property.as_str());
                let dated = attr("datetime").or_else(|| {
                    (itemprop == "datepublished" || rdfa_published)
                        .then(|| attr("content"))
                        .flatten()
                });
                if let Some(value) = dated.filter(|_| name != "meta") {
                    s.times.push(TimeTag {
                        value,
                        marked_published: attr("pubdate").is_some()
                            || itemprop == "datepublished"
                            || rdfa_published,
                        elsewhere,
                        after_h1: s.h1_seen,
                        in_article,
                    });
                }
                if name == "h1" && !elsewhere {
                    s.h1_seen = true;
                }
                if VOID.contains(&name.as_str()) || tag.self_closing || name == "script" {
                    continue;
                }
                let byline = !marks.trim().is_empty() && contains_any(&marks, BYLINE)
                    || itemprop.contains("date");
                let snippet = byline.then(|| {
                    let near_at = if s.h1_seen {
                        s.near_h1.len()
                    } else {
                        s.before_h1.len()
                    };
                    s.snippets.push(Snippet {
                        text: String::new(),
                        near_at,
                        elsewhere,
                        after_h1: s.h1_seen,
                    });
                    s.snippets.len() - 1
                });
                stack.push(Open {
                    elsewhere: ELSEWHERE_TAGS.contains(&name.as_str())
                        || (!["html", "body", "main", "article"].contains(&name.as_str())
                            && marks_elsewhere(&marks)),
                    article: name == "article" || itemprop == "articlebody",
                    name,
                    snippet,
                });
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if name == "script" {
                    if let Some((ld, text)) = script.take() {
                        if ld {
                            s.json_ld.push(text);
                        } else {
                            script_dates(&text, &mut s.script_dates);
                        }
                    }
                    continue;
                }
                if let Some(i) = stack.iter().rposition(|o| o.name == name) {
                    stack.truncate(i);
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text.value);
                if let Some((_, body)) = &mut script {
                    body.push_str(&text);
                    continue;
                }
                if stack.last().is_some_and(|o| {
                    ["style", "noscript", "template", "svg"].contains(&o.name.as_str())
                }) {
                    continue;
                }
                // Every open byline-like element takes the text, the innermost too.
                for i in stack.iter().filter_map(|o| o.snippet) {
                    let snippet = &mut s.snippets[i].text;
                    if snippet.len() < BYLINE_TEXT {
                        snippet.push_str(&text);
                        snippet.push(' ');
                    }
                }
                let elsewhere = stack.iter().any(|o| o.elsewhere);
                let text = text.trim();
                if !elsewhere && !text.is_empty() {
                    let near = if s.h1_seen {
                        &mut s.near_h1
                    } else {
                        &mut s.before_h1
                    };
                    if near.len() < NEAR_HEADLINE {
                        near.push_str(text);
                        near.push(' ');
                    } else if s.h1_seen && s.far_text.len() < FAR_TEXT {
                        s.far_text.push_str(text);
                        s.far_text.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
    // A page with no headline: all of it is near the headline.
    if !s.h1_seen {
        s.near_h1 = std::mem::take(&mut s.before_h1);
        for t in &mut s.times {
            t.after_h1 = true;
        }
        for p in &mut s.snippets {
            p.after_h1 = true;
        }
    }
    s
}

/// Whether a `class` and `id` name a part of the page that is not the article's own; a page
/// "with-sidebar" or "no-comments" is not a sidebar.
fn marks_elsewhere(marks: &str) -> bool {
    marks.split_ascii_whitespace().any(|token| {
        !["has-", "no-", "with-", "without-"]
            .iter()
            .any(|p| token.starts_with(p))
            && contains_any(token, ELSEWHERE)
    })
}

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

/// `"datePublished": "2020-06-07…"` in a script that is not JSON-LD (a page's state object).
fn script_dates(text: &str, out: &mut Vec<String>) {
    for key in SCRIPT_KEYS {
        if let Some(i) = text.find(key) {
            let rest = text[i + key.len()..].trim_start();
            if let Some(rest) = rest.strip_prefix(':') {
                let rest = rest.trim_start().trim_start_matches('"');
                let value: String = rest.chars().take_while(|c| *c != '"').take(40).collect();
                out.push(value);
                return;
            }
        }
    }
}

/// The page's facts, in htmldate's order of trust.
pub fn read(markup: &str) -> PageFacts {
    let s = scan(markup);
    let month_first = month_first(&s);
    // A machine writes `11/01/2023` month first whatever the page's language (as the US
    // does); people write it as their language does.
    let value = |v: &str| date_value(v, true);
    let mut facts = PageFacts::default();

    // schema.org
    let ld = json_ld(&s.json_ld);
    facts.author = ld.author.clone();
    facts.publisher = ld.publisher.clone();
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
            facts.author = Some(content.trim().to_string());
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
    if published.is_none()
        && let Some(date) = first_date(&s.near_h1, month_first)
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
        && let Some(date) = first_date(&s.far_text, month_first)
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

/// What the JSON-LD of a page says.
#[derive(Default)]
struct LinkedData {
    /// Candidates in order of trust: (value, key).
    published: Vec<(String, &'static str)>,
    modified: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

/// schema.org types of an article, then of a page.
fn type_rank(object: &serde_json::Map<String, Value>) -> u8 {
    let types: Vec<&str> = match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.iter().any(|t| {
        t.ends_with("Article")
            || [
                "BlogPosting",
                "Report",
                "Posting",
                "LiveBlogPosting",
                "Review",
            ]
            .contains(t)
    }) {
        0
    } else if types.iter().any(|t| t.ends_with("Page")) {
        1
    } else {
        2
    }
}

fn json_ld(scripts: &[String]) -> LinkedData {
    // (rank, order, key priority, value)
    let mut found: Vec<(u8, usize, u8, String, &'static str)> = Vec::new();
    let mut out = LinkedData::default();
    let mut order = 0;
    for script in scripts {
        let text = script
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        match serde_json::from_str::<Value>(text.trim()) {
            Ok(value) => walk(&value, &mut found, &mut out, &mut order),
            Err(_) => {
                // Invalid JSON (a stray comma, an unescaped quote): the key's value read as text.
                let mut dates = Vec::new();
                script_dates(text, &mut dates);
                for d in dates {
                    found.push((3, order, 0, d, "datePublished"));
                    order += 1;
                }
            }
        }
    }
    found.sort_by_key(|(rank, order, key, _, _)| (*rank, *key, *order));
    out.published = found.into_iter().map(|(_, _, _, v, k)| (v, k)).collect();
    out
}

type Found = Vec<(u8, usize, u8, String, &'static str)>;

fn walk(value: &Value, found: &mut Found, out: &mut LinkedData, order: &mut usize) {
    match value {
        Value::Array(items) => {
            for item in items {
                walk(item, found, out, order);
            }
        }
        Value::Object(object) => {
            let rank = type_rank(object);
            for (i, key) in ["datePublished", "dateCreated"].into_iter().enumerate() {
                if let Some(Value::String(v)) = object.get(key) {
                    found.push((rank, *order, i as u8, v.clone(), key));
                    *order += 1;
                }
            }
            if rank < 2 {
                if out.modified.is_none()
                    && let Some(Value::String(v)) = object.get("dateModified")
                {
                    out.modified = Some(v.clone());
                }
                if out.author.is_none() {
                    out.author = object.get("author").and_then(name_of);
                }
                if out.publisher.is_none() {
                    out.publisher = object.get("publisher").and_then(name_of);
                }
            }
            for (key, inner) in object {
                // A comment or a review of the article is not the article.
                if matches!(inner, Value::Object(_) | Value::Array(_))
                    && !["comment", "review", "author", "publisher"].contains(&key.as_str())
                {
                    walk(inner, found, out, order);
                }
            }
        }
        _ => {}
    }
}

/// The `name` of a schema.org person or organisation (or the first of a list).
fn name_of(value: &Value) -> Option<String> {
    let name = match value {
        Value::String(s) => s.clone(),
        Value::Object(o) => o.get("name")?.as_str()?.to_string(),
        Value::Array(items) => return items.iter().find_map(name_of),
        _ => return None,
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The earliest and latest plausible publication dates: before the web, or after today, a
/// date is something else.
fn plausible(date: NaiveDate) -> bool {
    let earliest = NaiveDate::from_ymd_opt(1995, 1, 1).unwrap_or(NaiveDate::MIN);
    let today = chrono::Utc::now().date_naive();
    earliest <= date && date <= today + chrono::Duration::days(1)
}

/// A metadata value as a timestamp: ISO first (with its time), `20200607`, numeric dates in the
/// page's order, then dates in words in any language of the header lexicon.
fn date_value(value: &str, month_first: bool) -> Option<Timestamp> {
    let value = value.trim();
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = value.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let stamp = if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
        match read_date_value(value) {
            DateReading::Date { timestamp, .. } if timestamp.date == date => timestamp,
            _ => Timestamp::from_date(date),
        }
    } else if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
    {
        Timestamp::from_date(NaiveDate::from_ymd_opt(
            digits(0..4)? as i32,
            digits(4..6)?,
            digits(6..8)?,
        )?)
    } else if let Some(date) = numeric_date(value, month_first) {
        Timestamp::from_date(date)
    } else {
        match read_date_value(value) {
            DateReading::Date { timestamp, .. } => timestamp,
            _ => return None,
        }
    };
    plausible(stamp.date).then_some(stamp)
}

/// `dd.mm.yyyy`, `dd/mm/yyyy` or `mm/dd/yyyy` at the start of a value.
fn numeric_date(value: &str, month_first: bool) -> Option<NaiveDate> {
    let mut parts = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let sep = value
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .chars()
        .next()?;
    if !matches!(sep, '.' | '/' | '-') {
        return None;
    }
    let a: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let y = parts.next()?;
    if y.len() != 4 {
        return None;
    }
    day_month(a, m, y.parse().ok()?, month_first && sep != '.')
}

/// A day and month in either order: the one that can only be read one way is, else the page's.
fn day_month(first: u32, second: u32, year: i32, month_first: bool) -> Option<NaiveDate> {
    let (day, month) = if first > 12 || (!month_first && second <= 12) {
        (first, second)
    } else {
        (second, first)
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A full date in a URL's path: `/2020/06/07/`, `/2020-06-07-`, `_2020_06_07`, `/20200607`.
fn url_date(url: &str) -> Option<NaiveDate> {
    let b = url.as_bytes();
    for i in 1..b.len() {
        if b[i - 1].is_ascii_digit() || !b[i].is_ascii_digit() {
            continue;
        }
        let rest = &url[i..];
        let run = rest.bytes().take_while(u8::is_ascii_digit).count();
        let date = if run <= 2 && b[i - 1] == b'/' {
            // `/29-10-2021`: a segment that is a date, day first.
            let segment = rest.split(['/', '?', '#']).next().unwrap_or("");
            numeric_date(segment, false).filter(|_| segment.len() <= 10)
        } else if run == 8 && matches!(b[i - 1], b'/' | b'-' | b'_') {
            NaiveDate::from_ymd_opt(
                rest[..4].parse().ok()?,
                rest[4..6].parse().ok()?,
                rest[6..8].parse().ok()?,
            )
        } else if run == 4 && matches!(b[i - 1], b'/' | b'-' | b'_') {
            url_ymd(rest.as_bytes())
        } else {
            None
        };
        if let Some(date) = date.filter(|d| plausible(*d)) {
            return Some(date);
        }
    }
    None
}

/// `2020/06/07`, `2020-6-7`, `2020_06_07` at the start of `b`. A one-digit day before a
/// hyphen is a word of the slug (`/2023/10/3-questions-for/`).
fn url_ymd(b: &[u8]) -> Option<NaiveDate> {
    let digits = |from: usize| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let number = |from: usize, len: usize| -> Option<u32> {
        std::str::from_utf8(b.get(from..from + len)?)
            .ok()?
            .parse()
            .ok()
    };
    let separator = |at: usize| b.get(at).is_some_and(|c| matches!(c, b'/' | b'-' | b'_'));
    let month_len = digits(5);
    if !separator(4) || !(1..=2).contains(&month_len) || !separator(5 + month_len) {
        return None;
    }
    let day_at = 6 + month_len;
    let day_len = digits(day_at);
    if !(1..=2).contains(&day_len) || (day_len == 1 && b.get(day_at + 1) == Some(&b'-')) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        number(0, 4)? as i32,
        number(5, month_len)?,
        number(day_at, day_len)?,
    )
}

/// The first plausible date in a text: `2020-06-07`, `07.06.2020`, `7 June 2020`, `7. Juni
/// 2020`, `June 7, 2020`, `7 de junio de 2020`, `7 июня 2020`. A date after "©" is not one.
pub fn first_date(text: &str, month_first: bool) -> Option<NaiveDate> {
    let words: Vec<(usize, &str)> = words(text);
    for (n, &(at, word)) in words.iter().enumerate() {
        if text[..at].ends_with("© ") || text[..at].ends_with('©') {
            continue;
        }
        let date = if let Some(month) = month_of(word) {
            word_date(&words, n, month)
        } else if word.bytes().all(|c| c.is_ascii_digit()) {
            numeric_in_text(text, at, month_first)
        } else {
            None
        };
        if let Some(date) = date.filter(|d| plausible(*d)) {
            return Some(date);
        }
    }
    None
}

/// Month names of languages the header lexicon does not hold (Italian, Portuguese, Dutch,
/// Romanian, Indonesian; Polish and Czech in the genitive of a date).
const MORE_MONTHS: &[(&str, u32)] = &[
    ("gennaio", 1),
    ("febbraio", 2),
    ("marzo", 3),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("agosto", 8),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("maret", 3),
    ("agustus", 8),
    ("desember", 12),
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
];

/// A month's number from its name in any language the page may be in.
fn month_of(word: &str) -> Option<u32> {
    if word.len() < 3 || word.bytes().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    header_month_number(word).or_else(|| {
        let lower = word.to_lowercase();
        MORE_MONTHS
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|(_, n)| *n)
    })
}

/// The words of a text with their byte offsets: runs of letters, or of digits.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let kind = if c.is_alphabetic() {
            Some(false)
        } else if c.is_ascii_digit() {
            Some(true)
        } else {
            None
        };
        if let Some((s, k)) = start {
            if kind == Some(k) {
                continue;
            }
            out.push((s, &text[s..i]));
        }
        start = kind.map(|k| (i, k));
    }
    if let Some((s, _)) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn number(word: &str, max: u32) -> Option<u32> {
    let n: u32 = word.parse().ok()?;
    (1..=max).contains(&n).then_some(n)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1995..=2039).contains(y))
}

/// A date around the month name at `words[n]`: `7 June 2020`, `7th of June, 2020`, `June 7th,
/// 2020`, `7 de junio de 2020`.
fn word_date(words: &[(usize, &str)], n: usize, month: u32) -> Option<NaiveDate> {
    let word = |i: usize| words.get(i).map(|w| w.1);
    let skip = |i: usize| {
        let filler = ["de", "of", "del", "st", "nd", "rd", "th", "du", "im", "в"];
        if word(i).is_some_and(|w| filler.contains(&w.to_lowercase().as_str())) {
            i + 1
        } else {
            i
        }
    };
    // Day before the month.
    if n > 0 {
        let mut d = n - 1;
        if word(d).is_some_and(|w| ["de", "of", "st", "nd", "rd", "th"].contains(&w)) && d > 0 {
            d -= 1;
        }
        if let Some(day) = word(d).and_then(|w| number(w, 31))
            && let Some(y) = word(skip(n + 1)).and_then(year)
        {
            return NaiveDate::from_ymd_opt(y, month, day);
        }
    }
    // Day after the month.
    let day = word(n + 1).and_then(|w| number(w, 31))?;
    let y = word(skip(n + 2)).and_then(year)?;
    NaiveDate::from_ymd_opt(y, month, day)
}

/// A numeric date starting at `at`: `2020-06-07`, `07.06.2020`, `06/07/2020`.
fn numeric_in_text(text: &str, at: usize, month_first: bool) -> Option<NaiveDate> {
    let rest = &text[at..];
    let b = rest.as_bytes();
    let run = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let first = run(0);
    let sep = *b.get(first)?;
    if !matches!(sep, b'-' | b'.' | b'/') {
        return None;
    }
    let second = run(first + 1);
    if !(1..=2).contains(&second) || b.get(first + 1 + second) != Some(&sep) {
        return None;
    }
    let third_at = first + 2 + second;
    let third = run(third_at);
    if b.get(third_at + third).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let n = |from: usize, len: usize| rest[from..from + len].parse::<u32>().ok();
    if first == 4 && (1..=2).contains(&third) {
        return NaiveDate::from_ymd_opt(
            n(0, 4)? as i32,
            n(first + 1, second)?,
            n(third_at, third)?,
        );
    }
    if (1..=2).contains(&first) && third == 4 {
        return day_month(
            n(0, first)?,
            n(first + 1, second)?,
            n(third_at, 4)? as i32,
            month_first && sep != b'.',
        );
    }
    None
}

#[cfg(test)]
mod tests;
