//! HTML pages (and SGML such as Reuters' `<REUTERS>`): readable text, paragraphs apart, and the
//! fields of `<title>`, `<h1>`, `<meta>`, `<time>` and the canonical link.

use super::encoding::decode_owned;
use super::{Fields, Header, Piece, ReadOptions, Reading};

/// Reads an HTML file: a `<meta charset>` may choose the encoding; a page with no readable text
/// is no article.
pub fn read(bytes: Vec<u8>, _options: &ReadOptions) -> Result<Reading, String> {
    let decoded = decode_owned(bytes, true)?;
    let piece = page(&decoded.text);
    if piece.text.trim().is_empty() {
        return Err("no readable text in the page".into());
    }
    Ok(Reading::whole(decoded.warning, piece))
}

/// A page as an article: its text, with the headline at its head left out of the header still to
/// be read.
pub fn page(markup: &str) -> Piece {
    let doc = html(markup);
    let mut fields = doc.fields;
    super::page_date::complete(markup, &mut fields);
    // The page's first heading beats its <title>, which often carries the site's name.
    if let Some(h1) = doc.h1 {
        fields.title = Some(h1);
    }
    let text = doc.text;
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

pub fn html(text: &str) -> HtmlDoc {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
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
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
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
                            doc.fields.set(&key, &content);
                        }
                    }
                    "time" => {
                        if let Some(dt) = attr("datetime") {
                            doc.fields.set("datetime", &dt);
                        }
                    }
                    "title" => in_title = true,
                    // Reuters SGML: <DATE> 5-MAR-1987 09:07:54.17</DATE>
                    "date" => in_date = true,
                    "h1" => in_h1 = doc.h1.is_none(),
                    "link" if attr("rel").as_deref() == Some("canonical") => {
                        if let Some(href) = attr("href") {
                            doc.fields.set("canonical", &href);
                        }
                    }
                    _ => {}
                }
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skip_depth += 1;
                }
                if BLOCKS.contains(&name.as_str()) {
                    flush(&mut line, &mut out);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) {
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
        doc.fields.set("title", &title);
    }
    if !date.trim().is_empty() {
        doc.fields.set("date", &date);
    }
    doc.text = out;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
