//! The file formats a collection may hold: decoding bytes in any common encoding, and reading
//! Markdown front matter, HTML, JSON Lines and CSV into plain article fields.

use encoding_rs::Encoding;

/// How a file is read, from its extension (compared case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
    Csv,
}

impl Format {
    /// `None` for a file that is not an article (an image, a PDF…). Files without an extension
    /// are read as plain text: mail and news archives often have none.
    pub fn of(path: &std::path::Path) -> Option<Format> {
        let Some(ext) = path.extension() else {
            return Some(Format::Text);
        };
        let ext = ext.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name, e.g. `UTF-8`, `windows-1251`.
    pub encoding: &'static str,
    /// Set when the encoding was guessed or some bytes could not be decoded.
    pub warning: Option<String>,
}

/// Decodes a file: a BOM (UTF-8, UTF-16) decides; else an HTML `<meta charset>`; else UTF-8 if it
/// is valid; else the encoding a detector finds likeliest, with a warning. Line ends become `\n`.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    decode_owned(bytes.to_vec(), html)
}

/// [`decode`], taking the bytes: valid UTF-8 (the common case) becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>, html: bool) -> Result<Decoded, String> {
    let has_bom = Encoding::for_bom(&bytes).is_some();
    let declared_other = html && meta_charset(&bytes).is_some_and(|e| e != encoding_rs::UTF_8);
    let plain_utf8 = !has_bom && !declared_other;
    if plain_utf8 && !bytes.is_empty() && !bytes[..bytes.len().min(8192)].contains(&0) {
        match String::from_utf8(bytes) {
            Ok(text) => return finish(text, "UTF-8", None),
            Err(e) => return decode_slice(e.as_bytes(), html),
        }
    }
    decode_slice(&bytes, html)
}

fn decode_slice(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(
            text.into_owned(),
            encoding.name(),
            had_errors.then(|| lossy(encoding.name())),
        );
    }
    if looks_binary(bytes) {
        return Err("binary file, not text".into());
    }
    if html && let Some(encoding) = meta_charset(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return finish(
            text.into_owned(),
            encoding.name(),
            had_errors.then(|| lossy(encoding.name())),
        );
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string(), "UTF-8", None);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let warning = if had_errors {
        lossy(encoding.name())
    } else {
        format!("not UTF-8: decoded as {} (a guess)", encoding.name())
    };
    finish(text.into_owned(), encoding.name(), Some(warning))
}

fn lossy(name: &str) -> String {
    format!("some bytes are not valid {name} and were replaced")
}

fn finish(
    text: String,
    encoding: &'static str,
    warning: Option<String>,
) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("no text: the file holds only white space".into());
    }
    let text = if text.contains('\r') {
        normalise_line_ends(&text)
    } else {
        text
    };
    Ok(Decoded {
        text,
        encoding,
        warning,
    })
}

/// A NUL byte, or many control characters, in the first 8 KiB (text in UTF-16 has a BOM).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len().max(1)
}

/// `<meta charset="windows-1251">` or `content="text/html; charset=koi8-r"` in the first 2 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let pos = head.find("charset=")?;
    let rest = head[pos + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// A `.txt` file that is really markup: an HTML page, or SGML such as Reuters' `<REUTERS …>`.
pub fn looks_like_markup(text: &str) -> bool {
    let head = text.trim_start();
    let lower: String = head
        .chars()
        .take(20)
        .collect::<String>()
        .to_ascii_lowercase();
    (lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<reuters"))
        && head.contains("</")
}

pub fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Article fields given by the file itself (front matter, HTML meta tags, JSON or CSV columns).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
}

impl Fields {
    /// Takes a value under one of the usual names (case-insensitively); true if it was one.
    fn set(&mut self, key: &str, value: &str) -> bool {
        let value = value.trim();
        if value.is_empty() {
            return false;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" | "og:title" | "subject" => &mut self.title,
            "date"
            | "published"
            | "published_at"
            | "publishedat"
            | "pubdate"
            | "datetime"
            | "article:published_time"
            | "publish_date"
            | "date_published"
            | "created_at" => &mut self.date,
            "source" | "outlet" | "publisher" | "og:site_name" | "site_name" => &mut self.source,
            "author" | "byline" | "creator" | "article:author" | "by" => &mut self.author,
            "url" | "link" | "og:url" | "canonical" => &mut self.url,
            _ => return false,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
        true
    }
}

/// Markdown with YAML (`---`) or TOML (`+++`) front matter: its fields and where the body starts.
/// Only flat `key: value` / `key = "value"` pairs are read; lists and nesting are skipped.
pub fn markdown_front_matter(text: &str) -> (Fields, usize) {
    let mut fields = Fields::default();
    let fence = if text.starts_with("---\n") {
        "---"
    } else if text.starts_with("+++\n") {
        "+++"
    } else {
        return (fields, 0);
    };
    let mut offset = 4;
    for line in text[4..].split_inclusive('\n') {
        let content = line.trim_end();
        offset += line.len();
        if content == fence || (fence == "---" && content == "...") {
            return (fields, offset);
        }
        let pair = if fence == "---" {
            content.split_once(':')
        } else {
            content.split_once('=')
        };
        if let Some((key, value)) = pair
            && !key.starts_with([' ', '\t', '-'])
        {
            fields.set(key, unquote(value.trim()));
        }
    }
    // No closing fence: not front matter after all.
    (Fields::default(), 0)
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
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

/// One article from a row of a JSON Lines or CSV file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub fields: Fields,
    pub body: String,
}

impl Row {
    fn take(&mut self, key: &str, value: &str) {
        if !self.fields.set(key, value) {
            match key.trim().to_ascii_lowercase().as_str() {
                "text" | "body" | "content" | "article" | "description" | "summary"
                | "full_text" => {
                    let value = value.trim();
                    // The longest of the text columns is the article.
                    if value.len() > self.body.len() {
                        self.body = value.to_string();
                    }
                }
                _ => {}
            }
        }
    }
}

/// A row's line number (1-based) and the row, or why it could not be read.
pub type NumberedRow = (usize, Result<Row, String>);

/// Rows of a JSON Lines file; a line that is not a JSON object is an error for that row (1-based).
pub fn jsonl(text: &str) -> Vec<NumberedRow> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(map)) => {
                let mut row = Row::default();
                for (k, v) in &map {
                    let value = match v {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Number(n) => n.to_string(),
                        _ => continue,
                    };
                    row.take(k, &value);
                }
                Ok(row)
            }
            Ok(_) => Err("not a JSON object".to_string()),
            Err(e) => Err(format!("not JSON: {e}")),
        };
        out.push((i + 1, row));
    }
    out
}

/// Rows of a CSV file with a header row, separated by commas or semicolons (whichever the header
/// has more of); a row that cannot be read is an error for that row (1-based, the header is 1).
pub fn csv(text: &str) -> Result<Vec<NumberedRow>, String> {
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .clone();
    let known = headers.iter().any(|h| {
        let mut probe = Row::default();
        probe.take(h, "x");
        probe.fields != Fields::default() || !probe.body.is_empty()
    });
    if !known {
        return Err("CSV without a title, date or text column in its header".into());
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let row = record
            .map_err(|e| format!("cannot read the row: {e}"))
            .map(|record| {
                let mut row = Row::default();
                for (h, v) in headers.iter().zip(record.iter()) {
                    row.take(h, v);
                }
                row
            });
        out.push((line, row));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes, whether they are HTML, and the text, encoding and warning expected (or the error).
    type DecodeCase<'a> = (&'a [u8], bool, Result<(&'a str, &'a str, bool), &'a str>);

    #[test]
    fn encodings() {
        let cases: &[DecodeCase] = &[
            (b"plain", false, Ok(("plain", "UTF-8", false))),
            (b"\xEF\xBB\xBFbom", false, Ok(("bom", "UTF-8", false))),
            (b"\xFF\xFEh\0i\0", false, Ok(("hi", "UTF-16LE", false))),
            (b"\xFE\xFF\0h\0i", false, Ok(("hi", "UTF-16BE", false))),
            (b"a\r\nb\rc", false, Ok(("a\nb\nc", "UTF-8", false))),
            // "Привет, мир" in windows-1251, with enough text for the detector.
            (b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0! \xcc\xe8\xed\xe8\xf1\xf2\xf0 \xe8\xed\xee\xf1\xf2\xf0\xe0\xed\xed\xfb\xf5 \xe4\xe5\xeb \xd0\xee\xf1\xf1\xe8\xe8", false, Ok(("Привет, мир! Министр иностранных дел России", "windows-1251", true))),
            (b"<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>", true, Ok(("<meta charset=\"koi8-r\"><p>Привет</p>", "KOI8-R", false))),
            (b"caf\xe9 au lait, na\xefve r\xe9sum\xe9 of the d\xe9j\xe0 vu", false, Ok(("café au lait, naïve résumé of the déjà vu", "windows-1252", true))),
            (b"", false, Err("empty file")),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false, Err("binary file, not text")),
            (b" \n\t\n", false, Err("no text: the file holds only white space")),
        ];
        for (bytes, html, want) in cases {
            let got = decode(bytes, *html);
            match (got, want) {
                (Ok(d), Ok((text, enc, warned))) => {
                    assert_eq!(d.text, *text, "{bytes:?}");
                    assert_eq!(d.encoding, *enc, "{bytes:?}");
                    assert_eq!(d.warning.is_some(), *warned, "{bytes:?}: {:?}", d.warning);
                }
                (Err(e), Err(w)) => assert_eq!(e, *w),
                (got, want) => panic!("{bytes:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn formats_by_extension() {
        use std::path::Path;
        let cases = [
            ("a.txt", Some(Format::Text)),
            ("A.TXT", Some(Format::Text)),
            ("53120", Some(Format::Text)),
            ("b.Md", Some(Format::Markdown)),
            ("c.HTM", Some(Format::Html)),
            ("d.jsonl", Some(Format::Jsonl)),
            ("e.CSV", Some(Format::Csv)),
            ("f.pdf", None),
            ("g.png", None),
        ];
        for (name, want) in cases {
            assert_eq!(Format::of(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn front_matter() {
        let yaml = "---\ntitle: \"Talks in Brussels\"\ndate: 2023-05-14\nauthor: Anna\ntags:\n  - eu\n---\nBody.\n";
        let (f, start) = markdown_front_matter(yaml);
        assert_eq!(f.title.as_deref(), Some("Talks in Brussels"));
        assert_eq!(f.date.as_deref(), Some("2023-05-14"));
        assert_eq!(f.author.as_deref(), Some("Anna"));
        assert_eq!(&yaml[start..], "Body.\n");
        let toml = "+++\ntitle = 'Ceasefire'\nsource = \"Trend\"\n+++\nText.\n";
        let (f, start) = markdown_front_matter(toml);
        assert_eq!(f.title.as_deref(), Some("Ceasefire"));
        assert_eq!(f.source.as_deref(), Some("Trend"));
        assert_eq!(&toml[start..], "Text.\n");
        let unclosed = "---\ntitle: x\nno end";
        assert_eq!(markdown_front_matter(unclosed), (Fields::default(), 0));
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
    fn rows() -> Result<(), String> {
        let lines = "{\"Title\": \"One\", \"published_at\": \"2021-05-15\", \"text\": \"Short\", \"content\": \"The longer text\"}\nnot json\n\n[1,2]\n";
        let rows = jsonl(lines);
        assert_eq!(rows.len(), 3);
        let (line, first) = &rows[0];
        let first = first.as_ref().map_err(Clone::clone)?;
        assert_eq!(
            (*line, first.fields.title.as_deref(), first.body.as_str()),
            (1, Some("One"), "The longer text")
        );
        assert_eq!(first.fields.date.as_deref(), Some("2021-05-15"));
        assert!(
            rows[1]
                .1
                .as_ref()
                .err()
                .is_some_and(|e| e.starts_with("not JSON"))
        );
        assert_eq!(rows[2].0, 4);

        let semicolons = "Headline;Date;Body;Source\n\"A; quoted\";2022-12-07;\"Multi\nline\";Trend\nB;2022-12-08;Text;\n";
        let rows = csv(semicolons)?;
        assert_eq!(rows.len(), 2);
        let a = rows[0].1.as_ref().map_err(Clone::clone)?;
        assert_eq!(a.fields.title.as_deref(), Some("A; quoted"));
        assert_eq!(a.body, "Multi\nline");
        assert_eq!(a.fields.source.as_deref(), Some("Trend"));
        assert_eq!(rows[1].0, 4, "the second row starts on line 4");
        assert!(csv("a,b,c\n1,2,3\n").is_err(), "no known column");
        Ok(())
    }
}
