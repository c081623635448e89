//! HTML pages (and SGML such as Reuters' `<REUTERS>`): readable text, paragraphs apart, and the
//! fields of `<title>`, `<h1>`, `<meta>`, `<time>` and the canonical link; a page saved from
//! Factiva, its articles.

use html5gum::{DefaultEmitter, Emitter, ForwardingEmitter, Token, Tokenizer};

use super::encoding::decode_owned;
use super::{Fields, Header, Piece, ReadOptions, Reading, factiva};

/// Reads an HTML file: a `<meta charset>` may choose the encoding; a page with no readable text
/// is no article.
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    let decoded = decode_owned(bytes, true)?;
    if is_factiva(&decoded.text)
        && let Some(parts) = factiva::split_blocks(&factiva_articles(&decoded.text))
    {
        return Ok(Reading {
            warnings: decoded.warning.into_iter().collect(),
            parts,
        });
    }
    let piece = page(&decoded.text, options);
    if piece.text.trim().is_empty() {
        return Err("no readable text in the page".into());
    }
    Ok(Reading::whole(decoded.warning, piece))
}

/// A page as an article: its text, with the headline at its head left out of the header still to
/// be read; with `options.whole_page`, the whole page's text instead of the article's.
pub fn page(markup: &str, options: &ReadOptions) -> Piece {
    let tokens = page_tokens(markup);
    let doc = html_skipping(&tokens, &SKIPPED);
    let mut fields = doc.fields;
    super::page_date::complete(&tokens, &mut fields);
    // The page's first heading beats its <title>, which often carries the site's name.
    if let Some(h1) = doc.h1 {
        fields.title = Some(h1);
        fields.note_origin("Title", "the headline, <h1>");
    }
    // The article, not the page around it; a page whose article cannot be told keeps its text.
    let mut text = if options.whole_page {
        html_skipping(&tokens, &INVISIBLE).text
    } else {
        super::main_text::article_text(&tokens)
    };
    if text.trim().is_empty() {
        text = doc.text;
    }
    // A page that shows nothing outside its menus keeps its whole text; a page whose text is all
    // made by its scripts keeps its headline and description, said so.
    // (In whole-page mode that text was the first tried.)
    if text.trim().is_empty() && !options.whole_page {
        text = html_skipping(&tokens, &INVISIBLE).text;
        if !text.trim().is_empty() {
            fields.warnings.push(
                "the article could not be told from the page around it: its whole text is shown"
                    .into(),
            );
        }
    }
    if text.trim().is_empty() {
        let shown: Vec<&str> = [fields.title.as_deref(), doc.description.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !shown.is_empty() {
            text = shown.join("\n\n");
            fields.warnings.push(
                "the page shows no text of its own (its scripts write it): only its headline and \
                 description are here"
                    .into(),
            );
        }
    }
    let mut start = 0;
    if let Some(title) = &fields.title
        && let Some(rest) = text.strip_prefix(title.as_str())
    {
        start = title.len() + (rest.len() - rest.trim_start().len());
    }
    Piece {
        text,
        start,
        header: Header::Lines,
        fields,
    }
}

/// An HTML page as readable text (paragraphs separated by blank lines) and its fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlDoc {
    pub fields: Fields,
    /// The first `<h1>`, a better headline than `<title>` (which often carries the site's name).
    pub h1: Option<String>,
    /// The page's summary of itself (`og:description`, else `<meta name="description">`).
    pub description: Option<String>,
    pub text: String,
}

/// Tags whose content is never article text.
const SKIPPED: [&str; 9] = [
    "script", "style", "noscript", "template", "svg", "nav", "footer", "head", "form",
];
/// Tags that end a paragraph.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "blockquote",
    "pre",
    "hr",
    "figcaption",
    "dd",
];

/// The tokens of a page, read once for every reader of it (its fields, its dates, its
/// article). After `<script>`, `<style>`, `<textarea>`… the tokenizer reads raw text, as a
/// browser does, but not after a self-closing tag (an SVG icon's `<title/>` would swallow the
/// page) nor in `<noscript>`, whose markup is what the page shows without its scripts.
pub(super) fn page_tokens(markup: &str) -> Vec<Token> {
    let mut tokenizer = Tokenizer::new_with_emitter(markup, Quiet(DefaultEmitter::default()));
    let mut tokens = Vec::new();
    while let Some(token) = tokenizer.next() {
        let Ok(token) = token;
        match &token {
            Token::StartTag(tag) => {
                if !tag.self_closing
                    && !tag.name.eq_ignore_ascii_case(b"noscript")
                    && let Some(state) = html5gum::naive_next_state(&tag.name)
                {
                    tokenizer.set_state(state);
                }
            }
            Token::EndTag(_) | Token::String(_) => {}
            _ => continue,
        }
        tokens.push(token);
    }
    tokens
}

/// html5gum's default emitter less its checks of every character for parse errors, which no
/// reader here looks at (they took a sixth of the time a page is read in).
struct Quiet(DefaultEmitter);

impl ForwardingEmitter for Quiet {
    type Token = Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Token> {
        &mut self.0
    }

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

#[cfg(test)]
fn html(text: &str) -> HtmlDoc {
    html_skipping(&page_tokens(text), &SKIPPED)
}

/// What is never seen on a page, even in the whole page: code, styles, the head.
const INVISIBLE: [&str; 6] = ["script", "style", "noscript", "template", "svg", "head"];

/// The whole text a page shows — menus, footers and forms too.
#[cfg(test)]
fn whole_page_text(text: &str) -> String {
    html_skipping(&page_tokens(text), &INVISIBLE).text
}

/// The page's text and fields, the elements named in `skipped` left out.
fn html_skipping(tokens: &[Token], skipped: &[&str]) -> HtmlDoc {
    let mut doc = HtmlDoc::default();
    let mut skip_depth = 0usize;
    let mut in_title = false;
    let mut in_date = false;
    let mut date = String::new();
    let mut in_h1 = false;
    let mut title = String::new();
    let mut h1 = String::new();
    let mut out = String::new();
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&collapsed);
        }
        line.clear();
    };
    for token in tokens {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |k: &str| {
                    tag.attributes
                        .get(k.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                match name.as_str() {
                    "meta" => {
                        let key = attr("property")
                            .or_else(|| attr("name"))
                            .or_else(|| attr("itemprop"));
                        if let (Some(key), Some(content)) = (key, attr("content")) {
                            let summary = key.eq_ignore_ascii_case("og:description")
                                || (key.eq_ignore_ascii_case("description")
                                    && doc.description.is_none());
                            let content_words =
                                content.split_whitespace().collect::<Vec<_>>().join(" ");
                            if summary && !content_words.is_empty() {
                                doc.description = Some(content_words);
                            }
                            let origin = format!("meta {key}");
                            doc.fields.set_from(&key, &content, Some(&origin));
                        }
                    }
                    "time" => {
                        if let Some(dt) = attr("datetime") {
                            doc.fields
                                .set_from("datetime", &dt, Some("<time datetime>"));
                        }
                    }
                    "title" => in_title = true,
                    // Reuters SGML: <DATE> 5-MAR-1987 09:07:54.17</DATE>
                    "date" => in_date = true,
                    "h1" => in_h1 = doc.h1.is_none(),
                    "link" if attr("rel").as_deref() == Some("canonical") => {
                        if let Some(href) = attr("href") {
                            let origin = "the canonical link";
                            doc.fields.set_from("canonical", &href, Some(origin));
                        }
                    }
                    _ => {}
                }
                if skipped.contains(&name.as_str()) && !tag.self_closing {
                    skip_depth += 1;
                }
                if BLOCKS.contains(&name.as_str()) {
                    flush(&mut line, &mut out);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if skipped.contains(&name.as_str()) {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                match name.as_str() {
                    "title" => in_title = false,
                    "date" => in_date = false,
                    "h1" if in_h1 => {
                        in_h1 = false;
                        let h = h1.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !h.is_empty() {
                            doc.h1 = Some(h);
                        }
                    }
                    _ => {}
                }
                if BLOCKS.contains(&name.as_str()) {
                    flush(&mut line, &mut out);
                }
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s.value);
                if in_title {
                    title.push_str(&s);
                }
                if in_date {
                    date.push_str(&s);
                    continue;
                }
                if in_h1 {
                    h1.push_str(&s);
                }
                if skip_depth == 0 {
                    line.push_str(&s);
                }
            }
            _ => {}
        }
    }
    flush(&mut line, &mut out);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if !title.is_empty() {
        doc.fields.set_from("title", &title, Some("<title>"));
    }
    if !date.trim().is_empty() {
        doc.fields.set_from("date", &date, Some("the <DATE> line"));
    }
    doc.text = out;
    doc
}

/// A page saved from Factiva: its articles are `<div class="article …">`, with Factiva's own
/// classes or its field codes in bold.
fn is_factiva(markup: &str) -> bool {
    let has = |needle: &str| memchr::memmem::find(markup.as_bytes(), needle.as_bytes()).is_some();
    (has("class=\"article") || has("class='article"))
        && (has("enArticle") || has("articleParagraph") || has("<b>HD</b>"))
}

/// The text of each `<div class="article …">` of a Factiva page, a line for each block: a
/// table row is its cells apart by a tab ("HD\tHeadline"), a paragraph a line of its own.
pub fn factiva_articles(markup: &str) -> Vec<String> {
    let mut articles = Vec::new();
    // The depth of `<div>`s, and the depth at which the article being read opened.
    let mut depth = 0usize;
    let mut article: Option<usize> = None;
    let mut skip_depth = 0usize;
    // Open `<span>`s, true for a headline's (`enHeadline`), which is a line of its own.
    let mut spans: Vec<bool> = Vec::new();
    let mut text = String::new();
    let mut line = String::new();
    let end_line = |line: &mut String, text: &mut String| {
        let cells: Vec<String> = line
            .split('\t')
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty())
            .collect();
        if !cells.is_empty() {
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        line.clear();
    };
    for token in &page_tokens(markup) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let class = tag
                    .attributes
                    .get(b"class".as_slice())
                    .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                    .unwrap_or_default();
                if name == "span" && !tag.self_closing {
                    let headline = class.contains("Headline");
                    if headline {
                        end_line(&mut line, &mut text);
                    }
                    spans.push(headline);
                }
                if name == "div" && !tag.self_closing {
                    depth += 1;
                    if article.is_none() && class.split_whitespace().any(|c| c == "article") {
                        article = Some(depth);
                        text.clear();
                        line.clear();
                    }
                }
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skip_depth += 1;
                }
                match name.as_str() {
                    "td" | "th" => line.push('\t'),
                    n if BLOCKS.contains(&n) => end_line(&mut line, &mut text),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                let headline_ends = name == "span" && spans.pop() == Some(true);
                if BLOCKS.contains(&name.as_str()) || headline_ends {
                    end_line(&mut line, &mut text);
                }
                if name == "div" {
                    if article == Some(depth) {
                        article = None;
                        articles.push(std::mem::take(&mut text));
                    }
                    depth = depth.saturating_sub(1);
                }
            }
            Token::String(s) if article.is_some() && skip_depth == 0 => {
                line.push_str(&String::from_utf8_lossy(&s.value));
            }
            _ => {}
        }
    }
    // A page cut short: its last article is what was read of it.
    if article.is_some() {
        end_line(&mut line, &mut text);
        articles.push(text);
    }
    articles
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_whole_page_keeps_menus_and_footers_but_never_code() {
        let page = "<html><head><title>T</title><style>p{}</style></head><body><nav>Home World</nav><form><p>Form text</p></form><p>Body.</p><script>var x = 1;</script><footer>Contact us</footer></body></html>";
        let text = whole_page_text(page);
        for kept in ["Home World", "Form text", "Body.", "Contact us"] {
            assert!(text.contains(kept), "{kept:?} in {text:?}");
        }
        for gone in ["var x", "p{}", "T\n"] {
            assert!(!text.contains(gone), "{gone:?} in {text:?}");
        }
        assert!(
            !html(page).text.contains("Home World"),
            "the read page leaves menus out"
        );
    }

    use super::*;

    /// Each field of a page says where it was found.
    #[test]
    fn a_page_without_an_article_keeps_what_it_shows() {
        // (page, text that must be read, warning's first words, or None for an error)
        let cases = [
            (
                "<html><body><nav><a href=/a>Home</a> <a href=/b>World</a></nav><footer>Talks resume, the ministry said</footer></body></html>",
                Some("Talks resume, the ministry said"),
                Some("the article could not be told"),
            ),
            (
                r#"<html><head><title>Talks resume in Baku</title><meta property="og:description" content="The  talks resumed on Monday."><meta property="article:published_time" content="2020-01-20T10:00:08+08:00"></head><body><div id="root"></div><script>render()</script></body></html>"#,
                Some("Talks resume in Baku\n\nThe talks resumed on Monday."),
                Some("the page shows no text of its own"),
            ),
            (
                "<html><head><script src=/x.js></script></head><body></body></html>",
                None,
                None,
            ),
        ];
        for (markup, text, warning) in cases {
            let read = read(markup.as_bytes().to_vec(), &ReadOptions::default());
            match (read, text) {
                (Ok(reading), Some(text)) => {
                    let Some(Ok(piece)) = reading.parts.first().map(|p| p.piece.as_ref()) else {
                        panic!("{markup}: no article");
                    };
                    assert!(piece.text.contains(text), "{text:?} in {:?}", piece.text);
                    let warned = piece.fields.warnings.join(" ");
                    assert!(warned.starts_with(warning.unwrap_or("")), "{warned:?}");
                }
                (Err(e), None) => assert_eq!(e, "no readable text in the page"),
                (other, _) => panic!("{markup}: {:?}", other.map(|r| r.parts.len())),
            }
        }
        let piece = page(cases[1].0, &ReadOptions::default());
        assert_eq!(
            piece.fields.date.as_deref(),
            Some("2020-01-20T10:00:08+08:00")
        );
    }

    #[test]
    fn where_each_field_came_from() {
        let markup = r#"<html><head><title>Site | Harbour reopens</title>
            <meta property="og:title" content="Harbour reopens">
            <meta name="author" content="Ann Reporter">
            <meta property="og:site_name" content="The Coast">
            <link rel="canonical" href="https://coast.test/2024/03/04/harbour">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-04T10:00:00+01:00"}</script>
            </head><body><h1>Harbour reopens after storm</h1>
            <p>The harbour reopened on Monday, a week after the storm, the port said today.</p>
            </body></html>"#;
        let piece = page(markup, &ReadOptions::default());
        let origins: Vec<(&str, &str)> = crate::core::formats::labelled(&piece.fields.extra)
            .into_iter()
            .filter(|(k, _)| k.ends_with(" from"))
            .collect();
        assert_eq!(
            origins,
            [
                ("Author from", "meta author"),
                ("Outlet from", "meta og:site_name"),
                ("URL from", "the canonical link"),
                ("Date from", "the URL"),
                ("Title from", "the headline, <h1>"),
            ]
        );
        assert_eq!(
            piece.fields.title.as_deref(),
            Some("Harbour reopens after storm")
        );
    }

    #[test]
    fn html_pages() {
        let page = r#"<html><head><title>Site | Talks resume</title>
            <meta property="article:published_time" content="2023-02-28T20:05:00+04:00">
            <meta name="author" content="Laman Ismayilova"><meta property="og:site_name" content="Azernews">
            <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
            <body><nav>Home | News</nav><h1>Talks  resume in Baku</h1>
            <p>First &amp; foremost, the <b>talks</b> resumed.</p><p>Second paragraph.<br>New line.</p>
            <footer>© 2023</footer></body></html>"#;
        let doc = html(page);
        assert_eq!(doc.fields.title.as_deref(), Some("Site | Talks resume"));
        assert_eq!(doc.h1.as_deref(), Some("Talks resume in Baku"));
        assert_eq!(
            doc.fields.date.as_deref(),
            Some("2023-02-28T20:05:00+04:00")
        );
        assert_eq!(doc.fields.author.as_deref(), Some("Laman Ismayilova"));
        assert_eq!(doc.fields.source.as_deref(), Some("Azernews"));
        assert_eq!(
            doc.text,
            "Talks resume in Baku\n\nFirst & foremost, the talks resumed.\n\nSecond paragraph.\n\nNew line."
        );
    }

    #[test]
    fn factiva_pages_are_split_and_other_pages_read_whole() -> Result<(), String> {
        let page = r#"<html><body><div class="article enArticle"><div><span class="enHeadline">Ferry line opens</span></div>
            <div>120 words</div><div>28 February 2017</div><div>The Caspian Post</div><div>English</div>
            <p class="articleParagraph enarticleParagraph">The line <span class="companylink">ASCO</span> runs opened.</p>
            <div>Document CASPLD0020170228ed2s0000b</div></div>
            <div class="article enArticle"><table><tr><td><b>HD</b></td><td>Budget</td></tr>
            <tr><td><b>PD</b></td><td>1 March 2017</td></tr><tr><td><b>TD</b></td><td><p>One.</p><p>Two.</p></td></tr>
            <tr><td><b>AN</b></td><td>Document CASPLD0020170301ed31000001</td></tr></table></div>
            <div class="article enArticle"><p class="articleParagraph">cut sh"#;
        assert!(is_factiva(page));
        assert_eq!(
            factiva_articles(page),
            [
                "Ferry line opens\n120 words\n28 February 2017\nThe Caspian Post\nEnglish\nThe line ASCO runs opened.\nDocument CASPLD0020170228ed2s0000b\n",
                "HD\tBudget\nPD\t1 March 2017\nTD\nOne.\nTwo.\nAN\tDocument CASPLD0020170301ed31000001\n",
                "cut sh\n",
            ]
        );
        let reading = read(
            page.as_bytes().to_vec(),
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        let texts: Vec<_> = reading
            .parts
            .iter()
            .map(|p| {
                (
                    p.number(),
                    p.piece
                        .as_ref()
                        .map(|p| p.text.as_str())
                        .map_err(String::as_str),
                )
            })
            .collect();
        assert_eq!(
            texts,
            [
                (
                    Some(1),
                    Ok("Ferry line opens\n\nThe line ASCO runs opened.")
                ),
                (Some(2), Ok("Budget\n\nOne.\n\nTwo.")),
                (Some(3), Err("not a Factiva article: no word count line")),
            ]
        );
        // A page that only uses the class name is read as a page.
        let blog = r#"<html><body><div class="article"><h1>Blog post</h1><p>Text.</p></div></body></html>"#;
        assert!(!is_factiva(blog));
        let reading = read(
            blog.as_bytes().to_vec(),
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        assert_eq!(reading.parts.len(), 1);
        assert_eq!(reading.parts[0].id, None);
        Ok(())
    }
}
