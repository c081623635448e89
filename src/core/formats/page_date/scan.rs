//! The one pass over a page's markup that gathers what its date may come from: `<meta>`,
//! JSON-LD and other scripts, `<time>`s, byline-like elements and the text near the headline,
//! each marked with whether it lies in a part of the page not the article's own.

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
/// How much of the text further on is searched for a date when nothing else gives one.
const FAR_TEXT: usize = 30_000;
/// How much of a byline-like element's text is kept.
const BYLINE_TEXT: usize = 160;

/// A `<time>` element or an element carrying `itemprop="datePublished"`.
pub(super) struct TimeTag {
    pub(super) value: String,
    /// `pubdate`, or `itemprop="datePublished"`.
    pub(super) marked_published: bool,
    pub(super) elsewhere: bool,
    pub(super) after_h1: bool,
    pub(super) in_article: bool,
}

/// The text of a byline-like element.
pub(super) struct Snippet {
    pub(super) text: String,
    /// How far into the text after the headline it starts, in bytes.
    pub(super) near_at: usize,
    pub(super) elsewhere: bool,
    pub(super) after_h1: bool,
}

/// What one pass over the markup gathers.
#[derive(Default)]
pub(super) struct Scan {
    pub(super) lang: String,
    /// (key in lower case, content), in the page's order.
    pub(super) metas: Vec<(String, String)>,
    pub(super) json_ld: Vec<String>,
    /// `"datePublished": "…"` in other scripts.
    pub(super) script_dates: Vec<String>,
    pub(super) canonical: Option<String>,
    pub(super) times: Vec<TimeTag>,
    pub(super) snippets: Vec<Snippet>,
    pub(super) near_h1: String,
    /// The start of the visible text, for a page with no headline.
    pub(super) before_h1: String,
    /// The text after [`Scan::near_h1`], for a last look.
    pub(super) far_text: String,
    pub(super) h1_seen: bool,
}

/// One open element.
struct Open {
    name: String,
    elsewhere: bool,
    snippet: Option<usize>,
    article: bool,
}

/// Any of a list of words, found in one pass over a text (these are looked for in every class
/// name and every script of every page).
type AnyOf = std::sync::LazyLock<aho_corasick::AhoCorasick>;

fn any_of(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::new(words)
        .unwrap_or_else(|e| unreachable!("the words looked for are a few plain words: {e}"))
}

static BYLINE_WORDS: AnyOf = AnyOf::new(|| any_of(BYLINE));
static ELSEWHERE_WORDS: AnyOf = AnyOf::new(|| any_of(ELSEWHERE));
static SCRIPT_KEY_WORDS: AnyOf = AnyOf::new(|| any_of(SCRIPT_KEYS));

pub(super) fn scan(tokens: &[html5gum::Token]) -> Scan {
    use html5gum::Token;
    let mut s = Scan::default();
    let mut stack: Vec<Open> = Vec::new();
    // Inside a script: whether it is JSON-LD, and its text so far.
    let mut script: Option<(bool, String)> = None;
    for token in tokens {
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
                let byline = !marks.trim().is_empty() && BYLINE_WORDS.is_match(&marks)
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
                if stack
                    .iter()
                    .any(|o| ["style", "noscript", "template", "svg"].contains(&o.name.as_str()))
                {
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
            && ELSEWHERE_WORDS.is_match(token)
    })
}

/// `"datePublished": "2020-06-07…"` in a script that is not JSON-LD (a page's state object).
pub(super) fn script_dates(text: &str, out: &mut Vec<String>) {
    if !SCRIPT_KEY_WORDS.is_match(text) {
        return;
    }
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
