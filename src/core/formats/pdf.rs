//! PDF files: the text layer in reading order (pages a blank line apart, running headers, footers
//! and page numbers left out, words broken at line ends joined) and the Info dictionary's title,
//! author and creation date.
//!
//! The text comes from `pdf-extract` (over `lopdf`), chosen by measurement against `lopdf`'s own
//! `extract_text`, `pdf_oxide`, `oxidize-pdf` and `pdf` (see the README's formats note): it
//! keeps columns and words whole and decodes embedded fonts' Unicode maps. It can panic on a
//! damaged file (it has `unwrap`s and `expect`s on what the file holds), so every call into it is
//! made under [`catch_unwind`] and a panic becomes a problem with the file, never a crash.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document, Object, PlainTextOutput, decode_text_string, output_doc_page};

use super::{Fields, Header, Part, Piece, ReadOptions, Reading};

/// Larger files are not read: a PDF that size is a book or a scan, not an article, and the whole
/// file would be parsed in memory.
const MAX_BYTES: usize = 200 * 1024 * 1024;

/// Why a PDF gives no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF is too large to read ({0} MB; at most 200 MB)")]
    TooLarge(usize),
    #[error("the PDF is encrypted")]
    Encrypted,
    #[error("no text in this PDF — scanned?")]
    NoText,
    #[error("not a readable PDF: {0}")]
    Unreadable(String),
}

/// Reads a PDF file as one article (or, for a news-database export, as the articles it holds).
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    // The calls into the PDF crates are each caught below; this catches whatever else of them
    // (the page tree, the Info dictionary) might still panic on a file no one foresaw.
    match catch_unwind(AssertUnwindSafe(|| read_pdf(&bytes, options))) {
        Ok(reading) => reading.map_err(|e| e.to_string()),
        Err(_) => Err(PdfError::Unreadable(LIBRARY_FAILED.into()).to_string()),
    }
}

/// Whether a source file (a panic's location) is of the crates that read PDFs, whose panics the
/// reader catches: the binary's panic hook keeps those quiet.
pub fn is_pdf_library_code(file: &str) -> bool {
    const CRATES: [&str; 7] = [
        "pdf-extract-",
        "lopdf-",
        "adobe-cmap-parser-",
        "cff-parser-",
        "type1-encoding-parser-",
        "postscript-",
        "euclid-",
    ];
    let file = file.replace('\\', "/");
    file.split('/')
        .any(|dir| CRATES.iter().any(|c| dir.starts_with(c)))
}

/// Why a page or a file is not read when the PDF library panicked on it.
const LIBRARY_FAILED: &str = "the PDF library failed on it";

fn read_pdf(bytes: &[u8], options: &ReadOptions) -> Result<Reading, PdfError> {
    if bytes.len() > MAX_BYTES {
        return Err(PdfError::TooLarge(bytes.len() / (1024 * 1024)));
    }
    let doc = open(bytes)?;
    let (pages, warnings) = pages_text(&doc)?;
    let text = article_text(&pages);
    if !text.chars().any(char::is_alphanumeric) {
        return Err(PdfError::NoText);
    }
    // HAND-OFF TO THE EXPORT SPLITTERS: the one place a PDF's text may become many articles.
    if let Some(parts) = super::split_export(&text) {
        return Ok(Reading { warnings, parts });
    }
    let fields = info_fields(&doc);
    // The headline is often the Info title too: it is then the title, not a header line to read.
    let mut start = 0;
    if let Some(title) = &fields.title
        && let Some(rest) = text.strip_prefix(title.as_str())
        && rest.starts_with('\n')
    {
        start = text.len() - rest.trim_start().len();
    }
    Ok(Reading {
        warnings,
        parts: vec![Part {
            id: None,
            piece: Ok(Piece {
                text,
                start,
                header: if options.headers {
                    Header::Lines
                } else {
                    Header::Skip
                },
                fields,
            }),
        }],
    })
}

/// The parsed document, decrypted when it opens without a password (an owner-only lock, as on
/// many published PDFs that forbid printing or copying).
fn open(bytes: &[u8]) -> Result<Document, PdfError> {
    let loaded = catch_unwind(AssertUnwindSafe(|| Document::load_mem(bytes)));
    let mut doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(PdfError::Unreadable(lower_first(&e.to_string()))),
        Err(_) => return Err(PdfError::Unreadable(LIBRARY_FAILED.into())),
    };
    if doc.is_encrypted() {
        match catch_unwind(AssertUnwindSafe(|| doc.decrypt(""))) {
            Ok(Ok(())) => {}
            _ => return Err(PdfError::Encrypted),
        }
    }
    Ok(doc)
}

/// Each page's text; a page that cannot be read is a warning while others can.
fn pages_text(doc: &Document) -> Result<(Vec<String>, Vec<String>), PdfError> {
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err(PdfError::Unreadable("it has no pages".into()));
    }
    let mut pages = Vec::with_capacity(numbers.len());
    let mut failures = Vec::new();
    for &number in &numbers {
        let mut text = String::new();
        let done = catch_unwind(AssertUnwindSafe(|| {
            let mut output = PlainTextOutput::new(&mut text);
            output_doc_page(doc, &mut output, number)
        }));
        match done {
            Ok(Ok(())) => pages.push(text),
            Ok(Err(e)) => failures.push((number, lower_first(&e.to_string()))),
            Err(_) => failures.push((number, LIBRARY_FAILED.into())),
        }
    }
    if pages.is_empty() {
        let reason = failures
            .first()
            .map(|(_, why)| why.clone())
            .unwrap_or_default();
        return Err(PdfError::Unreadable(reason));
    }
    let warnings = failures
        .iter()
        .map(|(n, why)| format!("page {n} of {} is not read: {why}", numbers.len()))
        .collect();
    Ok((pages, warnings))
}

/// The article's text from its pages' text: lines trimmed, blank runs one blank line, running
/// headers, footers and page numbers dropped, words broken at line ends joined, pages a blank
/// line apart.
fn article_text(pages: &[String]) -> String {
    let mut pages: Vec<Vec<String>> = pages.iter().map(String::as_str).map(page_lines).collect();
    drop_running_lines(&mut pages);
    let mut text = String::new();
    for lines in pages.iter().filter(|l| !l.is_empty()) {
        let page = lines.join("\n");
        if text.is_empty() {
            text = page;
        } else if ends_in_broken_word(&text) && starts_lower(&page) {
            // A word broken across the page break.
            text.pop();
            text.push_str(&page);
        } else {
            text.push_str("\n\n");
            text.push_str(&page);
        }
    }
    join_broken_words(&text)
}

/// A page's lines, spaces collapsed, with at most one blank line in a row and none at the ends.
fn page_lines(page: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in page.lines() {
        let line = unfold_ligatures(&raw.split_whitespace().collect::<Vec<_>>().join(" "));
        if line.is_empty() && lines.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// The letters of a typeset ligature ("ﬁ" → "fi"), which fonts of TeX and InDesign map to one
/// character: searching for "fire" must find "ﬁre".
fn unfold_ligatures(line: &str) -> String {
    if !line.contains(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 4);
    for c in line.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Drops page numbers at a page's top or bottom, and a line repeated at the top (or bottom) of
/// most pages — a running header or footer (its numbers may differ: "Page 2 of 7").
fn drop_running_lines(pages: &mut [Vec<String>]) {
    if pages.len() < 2 {
        return;
    }
    for page in pages.iter_mut() {
        trim_edges(page, is_page_number);
    }
    for end in [Edge::Top, Edge::Bottom] {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for page in pages.iter() {
            if let Some(line) = end.line(page) {
                *counts.entry(shape(line)).or_default() += 1;
            }
        }
        let running: Vec<String> = counts
            .into_iter()
            .filter(|&(_, n)| n >= 2 && n * 2 > pages.len())
            .map(|(line, _)| line)
            .collect();
        if running.is_empty() {
            continue;
        }
        for page in pages.iter_mut() {
            if end.line(page).is_some_and(|l| running.contains(&shape(l))) {
                end.remove(page);
                trim_edges(page, is_page_number);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Edge {
    Top,
    Bottom,
}

impl Edge {
    fn line(self, page: &[String]) -> Option<&str> {
        match self {
            Edge::Top => page.first(),
            Edge::Bottom => page.last(),
        }
        .map(String::as_str)
    }

    fn remove(self, page: &mut Vec<String>) {
        match self {
            Edge::Top => {
                page.remove(0);
            }
            Edge::Bottom => {
                page.pop();
            }
        }
        trim_edges(page, |_| false);
    }
}

/// Removes lines at either end of a page that `drop` says are not the article's, and blank
/// lines left at the ends.
fn trim_edges(page: &mut Vec<String>, drop: impl Fn(&str) -> bool) {
    while page.first().is_some_and(|l| l.is_empty() || drop(l)) {
        page.remove(0);
    }
    while page.last().is_some_and(|l| l.is_empty() || drop(l)) {
        page.pop();
    }
}

/// A line with its digits made one, so that "Page 2 of 7" and "Page 3 of 7" are the same line.
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// "3", "- 3 -", "Page 3", "page 3 of 7", "3 / 7".
fn is_page_number(line: &str) -> bool {
    let lower = line.to_lowercase();
    let rest = lower.strip_prefix("page").unwrap_or(&lower);
    let rest = rest.replace(" of ", "/");
    let rest: String = rest
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '–' | '—'))
        .collect();
    let mut halves = rest.split('/');
    let numeric = |s: Option<&str>| {
        s.is_some_and(|s| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
    };
    let first = halves.next();
    match (halves.next(), halves.next()) {
        (None, _) => numeric(first),
        (second @ Some(_), None) => numeric(first) && numeric(second),
        _ => false,
    }
}

/// Joins a word hyphenated at a line end ("monitor-\ning" → "monitoring") when it is clearly a
/// broken word: a letter, the hyphen, and a lower-case letter on the next line. A compound the
/// text also writes with its hyphen inside a line ("long-term") keeps it.
fn join_broken_words(text: &str) -> String {
    if !text.contains("-\n") {
        return text.to_string();
    }
    let compounds = compounds(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("-\n") {
        let (before, after) = (&rest[..at], &rest[at + 2..]);
        let head = last_word(before);
        let tail = first_word(after);
        let broken = head.chars().last().is_some_and(char::is_alphabetic)
            && tail.chars().next().is_some_and(char::is_lowercase);
        out.push_str(before);
        if broken && !compounds.contains(&format!("{head}-{tail}")) {
            // The hyphen and line end go; the rest of the next line joins this one.
        } else {
            out.push_str("-\n");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The hyphenated pairs the text writes inside its lines: "state-of-the-art" gives "state-of",
/// "of-the" and "the-art".
fn compounds(text: &str) -> HashSet<String> {
    let mut pairs = HashSet::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let parts: Vec<&str> = word.split('-').collect();
        for pair in parts.windows(2) {
            if !pair[0].is_empty() && !pair[1].is_empty() {
                pairs.insert(format!("{}-{}", pair[0], pair[1]));
            }
        }
    }
    pairs
}

fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn ends_in_broken_word(text: &str) -> bool {
    text.strip_suffix('-')
        .is_some_and(|t| t.chars().last().is_some_and(char::is_alphabetic))
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// The title and author of the Info dictionary, and its creation date as a labelled extra: the
/// date the article itself gives is the publication date, the file's is only when it was made.
fn info_fields(doc: &Document) -> Fields {
    let mut fields = Fields {
        title: info_string(doc, b"Title").filter(|t| !is_placeholder_title(t)),
        author: info_string(doc, b"Author"),
        ..Fields::default()
    };
    if let Some(created) = info_string(doc, b"CreationDate") {
        fields.add_extra("PDF created", &pdf_date(&created).unwrap_or(created));
    }
    fields
}

/// A value of the Info dictionary, trimmed; `None` when absent or empty.
fn info_string(doc: &Document, key: &[u8]) -> Option<String> {
    let resolve = |object: &Object| match object {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let info = resolve(doc.trailer.get(b"Info").ok()?)?;
    let value = resolve(info.as_dict().ok()?.get(key).ok()?)?;
    let text = decode_text_string(&value).ok()?;
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    (!text.is_empty()).then(|| text.to_string())
}

/// Titles that name the file or the tool that made it rather than the article.
fn is_placeholder_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower == "untitled"
        || lower.starts_with("microsoft word - ")
        || [".doc", ".docx", ".pdf", ".rtf", ".odt", ".indd", ".txt"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// A PDF date ("D:20170228101500+04'00'") as "2017-02-28 10:15:00 +04:00"; `None` when it is
/// not one.
fn pdf_date(raw: &str) -> Option<String> {
    let s = raw.strip_prefix("D:").unwrap_or(raw);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 || !digits.len().is_multiple_of(2) {
        return None;
    }
    let zone = s[digits.len()..].replace('\'', "");
    let part = |from: usize| digits.get(from..from + 2).unwrap_or("00");
    let mut out = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]);
    if digits.len() > 8 {
        out.push_str(&format!(" {}:{}:{}", part(8), part(10), part(12)));
        match zone.as_str() {
            "" => {}
            "Z" => out.push_str(" UTC"),
            z if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
                out.push_str(&format!(" {}:{}", &z[..3], &z[3..]));
            }
            _ => {}
        }
    }
    Some(out)
}

/// Error messages of the PDF library start in upper case; ours are lower-case.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn article_text_from_pages() {
        let cases: [(&str, &[&str], &str); 9] = [
            (
                "ligatures unfolded",
                &["\u{FB01}re, e\u{FB00}ort, o\u{FB03}ce"],
                "fire, effort, office",
            ),
            (
                "pages a blank line apart, spaces and blank runs collapsed",
                &["\n\nHead  line\n\n\n\nBody one.  \n", "Body two.\n\n"],
                "Head line\n\nBody one.\n\nBody two.",
            ),
            (
                "a word broken at a line end joined",
                &["observers monitor-\ning the border"],
                "observers monitoring the border",
            ),
            (
                "a compound the text writes whole keeps its hyphen",
                &["a long-\nterm deal, a long-term plan"],
                "a long-\nterm deal, a long-term plan",
            ),
            (
                "a pair of a longer compound counts",
                &["the state-of-\nthe-art design, state-of-the-art"],
                "the state-of-\nthe-art design, state-of-the-art",
            ),
            (
                "no join before a capital or a number",
                &["Baku-\nTbilisi line, 2016-\n2017"],
                "Baku-\nTbilisi line, 2016-\n2017",
            ),
            (
                "a word broken across a page break",
                &["the huma-\n", "nitarian corridor"],
                "the humanitarian corridor",
            ),
            (
                "page numbers and a running header dropped",
                &[
                    "THE COURIER\n\nHeadline\nBody.\n\n1",
                    "THE COURIER\nMore.\n- 2 -",
                    "Page 3 of 3\nEnd.",
                ],
                "Headline\nBody.\n\nMore.\n\nEnd.",
            ),
            (
                "one page keeps its lines",
                &["THE COURIER\nHeadline\n1"],
                "THE COURIER\nHeadline\n1",
            ),
        ];
        for (what, input, want) in cases {
            assert_eq!(article_text(&pages(input)), want, "{what}");
        }
    }

    #[test]
    fn a_running_footer_with_numbers_is_one_line() {
        let text = article_text(&pages(&[
            "One.\nBaku Daily, 28 February 2017, p. 1",
            "Two.\nBaku Daily, 28 February 2017, p. 2",
            "Three.\nSomething else",
        ]));
        assert_eq!(text, "One.\n\nTwo.\n\nThree.\nSomething else");
    }

    #[test]
    fn pdf_library_code() {
        let cases = [
            (
                "/root/.cargo/registry/src/x/pdf-extract-0.12.1/src/lib.rs",
                true,
            ),
            ("C:\\cargo\\registry\\lopdf-0.42.0\\src\\reader.rs", true),
            ("src/core/formats/pdf.rs", false),
            ("/rustc/abc/library/core/src/option.rs", false),
        ];
        for (file, want) in cases {
            assert_eq!(is_pdf_library_code(file), want, "{file}");
        }
    }

    #[test]
    fn page_numbers() {
        let cases = [
            ("3", true),
            ("- 12 -", true),
            ("Page 3", true),
            ("page 3 of 7", true),
            ("3 / 7", true),
            ("2017", false),
            ("3 dead", false),
            ("", false),
            ("Page", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_page_number(line), want, "{line:?}");
        }
    }

    #[test]
    fn pdf_dates() {
        let cases = [
            (
                "D:20170228101500+04'00'",
                Some("2017-02-28 10:15:00 +04:00"),
            ),
            ("D:20170228101500Z", Some("2017-02-28 10:15:00 UTC")),
            ("D:20170228", Some("2017-02-28")),
            ("D:201702281015", Some("2017-02-28 10:15:00")),
            ("yesterday", None),
            ("D:2017", None),
        ];
        for (raw, want) in cases {
            assert_eq!(pdf_date(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn placeholder_titles() {
        let cases = [
            ("Talks resume in Baku", false),
            ("Microsoft Word - talks.docx", true),
            ("untitled", true),
            ("report.pdf", true),
        ];
        for (title, want) in cases {
            assert_eq!(is_placeholder_title(title), want, "{title}");
        }
    }

    #[test]
    fn bad_bytes_are_problems() {
        let options = ReadOptions {
            headers: true,
            ..ReadOptions::default()
        };
        let cases: [(&[u8], &str); 3] = [
            (b"", "not a readable PDF: "),
            (b"%PDF-1.4\n garbage", "not a readable PDF: "),
            (b"<html>not a pdf</html>", "not a readable PDF: "),
        ];
        for (bytes, want) in cases {
            let got = read(bytes.to_vec(), &options).map(|_| ()).unwrap_err();
            assert!(got.starts_with(want), "{got}");
        }
    }
}
