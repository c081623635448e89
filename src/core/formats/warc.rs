//! Web archives (WARC 1.0 and 1.1, plain or gzipped record by record): every captured HTML
//! page an article, known by its URL, the latest capture of a URL kept.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, Read};

use flate2::bufread::MultiGzDecoder;

use super::encoding::decode_labelled;
use super::http::{MAX_PAGE_BYTES, payload, resolve};
use super::mime;
use super::{MAX_ARCHIVE_BYTES, Part, PartId, Piece, ReadOptions, Reading, html};

/// Reads a `.warc` or `.warc.gz` file.
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    if bytes.len() as u64 > MAX_ARCHIVE_BYTES {
        return Err("too large to read: over 4 GiB".into());
    }
    let mut pages = Pages::new(None, options);
    read_into(&bytes[..], &mut pages)?;
    pages.finish()
}

/// Reads the records of one WARC, gzipped or not, into `pages`; an error when it holds no
/// record at all. Records are read one at a time from the stream: only a page's body is held.
pub(super) fn read_into(mut input: impl BufRead, pages: &mut Pages) -> Result<(), String> {
    let head = input.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        // Each record is its own gzip member in a `.warc.gz`; the decoder reads them all.
        let mut records = io::BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(input));
        read_records(&mut records, pages)
    } else {
        read_records(&mut input, pages)
    }
}

/// What a WARC record's header says of it.
struct Record {
    kind: String,
    /// `WARC-Target-URI`, without the angle brackets WARC 1.0 drafts put round it.
    uri: Option<String>,
    date: Option<String>,
    /// The record's own `Content-Type`: the page's, in a `resource` record.
    content_type: Option<String>,
    length: u64,
}

/// What a record holds, as far as articles go.
enum Captured {
    Page(Box<Piece>),
    /// A redirect, to where its `Location` says.
    Redirect(String),
    /// Anything else: an image, a request, an error page…
    Other,
}

impl Record {
    /// A part's name for this record: its page's URL without a fragment (`#top` is the same
    /// page), else its place in the archive.
    fn id(&self, number: usize) -> PartId {
        match &self.uri {
            Some(uri) => PartId::Key(page_key(uri).to_string()),
            None => PartId::Number(number),
        }
    }
}

/// A URL as the name of its page: without its fragment.
pub(super) fn page_key(url: &str) -> &str {
    url.split_once('#').map_or(url, |(page, _)| page).trim()
}

fn read_records(input: &mut impl BufRead, pages: &mut Pages) -> Result<(), String> {
    let first = pages.records;
    loop {
        let number = pages.records + 1;
        let record = match record_header(input) {
            Ok(Some(record)) => record,
            Ok(None) if number == first + 1 => return Err("no WARC records in the file".into()),
            Ok(None) => return Ok(()),
            Err(e) if number == first + 1 => return Err(format!("not a web archive: {e}")),
            Err(e) => {
                // Where the next record starts is not known: the rest of the file is lost.
                pages.problem(
                    PartId::Number(number),
                    format!("record {number} cannot be read, nor any after it: {e}"),
                );
                return Ok(());
            }
        };
        pages.records += 1;
        let mut block = input.by_ref().take(record.length);
        let outcome = match record.kind.to_ascii_lowercase().as_str() {
            "response" => response(&mut block, &pages.options),
            // A page a browser-based crawler stored as it was, without its HTTP exchange.
            "resource" => resource(&mut block, record.content_type.as_deref(), &pages.options),
            _ => Ok(Captured::Other),
        };
        // What the record's reader left of its block is passed over unread.
        let rest = io::copy(&mut block, &mut io::sink());
        if rest.is_err() || block.limit() > 0 {
            let why = match rest {
                Err(e) => format!(" ({e})"),
                Ok(_) => String::new(),
            };
            pages.problem(
                record.id(number),
                format!(
                    "the archive is cut short or damaged inside this record{why}: the records after it are lost"
                ),
            );
            return Ok(());
        }
        match outcome {
            Ok(Captured::Page(piece)) => pages.page(&record, number, *piece),
            Ok(Captured::Redirect(location)) => {
                pages.redirect(&record, &location);
                pages.skipped += 1;
            }
            Ok(Captured::Other) => pages.skipped += 1,
            Err(reason) => pages.problem(record.id(number), reason),
        }
    }
}

/// The next record's header; `None` at the end of the input.
fn record_header(input: &mut impl BufRead) -> Result<Option<Record>, String> {
    let mut line = Vec::new();
    // Records are followed by two line ends; writers differ in how many, so blank lines pass.
    loop {
        if mime::read_line(input, &mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim_ascii().is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err("no WARC/1.x line where a record should begin".into());
    }
    let headers = mime::read_headers(input)?;
    let length = headers
        .get("content-length")
        .ok_or("a record without a Content-Length")?;
    let length = length
        .parse::<u64>()
        .map_err(|_| format!("a record's Content-Length is not a number: {length:?}"))?;
    let text = |name: &str| {
        headers
            .get(name)
            .map(|v| v.trim_matches(['<', '>', ' ']).to_string())
            .filter(|v| !v.is_empty())
    };
    Ok(Some(Record {
        kind: text("warc-type").unwrap_or_default(),
        uri: text("warc-target-uri"),
        date: text("warc-date"),
        content_type: text("content-type"),
        length,
    }))
}

/// A `response` record: its HTML page, or where it redirects to.
fn response(block: &mut impl BufRead, options: &ReadOptions) -> Result<Captured, String> {
    let mut status = Vec::new();
    mime::read_line(block, &mut status)?;
    // `HTTP/1.1 200 OK`; a `dns:` or `ftp:` response has no status line.
    let Some(code) = status
        .strip_prefix(b"HTTP/")
        .and_then(|s| s.split(|&b| b == b' ').nth(1))
    else {
        return Ok(Captured::Other);
    };
    let headers = mime::read_headers(block)
        .map_err(|e| format!("the page's HTTP header cannot be read: {e}"))?;
    if code.starts_with(b"3") {
        return Ok(headers
            .get("location")
            .map_or(Captured::Other, |l| Captured::Redirect(l.to_string())));
    }
    if !code.starts_with(b"2") {
        return Ok(Captured::Other);
    }
    let content_type = headers.get("content-type");
    let Some(sniff) = sniffing(content_type) else {
        return Ok(Captured::Other);
    };
    let body = payload(body(block)?, &headers)?;
    page(body, sniff, content_type, options)
}

/// A `resource` record: the page itself, its type the record's.
fn resource(
    block: &mut impl BufRead,
    content_type: Option<&str>,
    options: &ReadOptions,
) -> Result<Captured, String> {
    let Some(sniff) = sniffing(content_type) else {
        return Ok(Captured::Other);
    };
    page(body(block)?, sniff, content_type, options)
}

/// Whether a body of this content type may be a page: `Some(false)` it is HTML, `Some(true)`
/// it may be (no type given: the body tells), `None` it is not.
fn sniffing(content_type: Option<&str>) -> Option<bool> {
    match content_type.map(mime::media_type).as_deref() {
        Some("text/html" | "application/xhtml+xml") => Some(false),
        None => Some(true),
        Some(_) => None,
    }
}

/// The rest of a record's block, up to the largest page read.
fn body(block: &mut impl BufRead) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    block
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("the page cannot be read: {e}"))?;
    if body.len() as u64 > MAX_PAGE_BYTES {
        return Err("a page larger than 64 MiB is not read".into());
    }
    Ok(body)
}

/// A page's bytes as an article, decoded in the charset its `Content-Type` names (or the
/// page's own); not a page at all when `sniff` and the bytes are not HTML.
fn page(
    body: Vec<u8>,
    sniff: bool,
    content_type: Option<&str>,
    options: &ReadOptions,
) -> Result<Captured, String> {
    if sniff
        && !super::plain::looks_like_markup(&String::from_utf8_lossy(&body[..body.len().min(1024)]))
    {
        return Ok(Captured::Other);
    }
    let charset = content_type.and_then(|v| mime::param(v, "charset"));
    let decoded = decode_labelled(body, charset.as_deref(), true)?;
    let mut piece = html::page(&decoded.text, options);
    if piece.text.trim().is_empty() {
        return Err("no readable text in the page".into());
    }
    piece.fields.warnings.extend(decoded.warning);
    Ok(Captured::Page(Box::new(piece)))
}

/// The pages of one archive (or of the WARCs of one WACZ) as they are read.
#[derive(Default)]
pub(super) struct Pages {
    captures: Vec<Capture>,
    /// Where each page's capture is in `captures`.
    by_key: HashMap<String, usize>,
    /// Where a URL redirects to: a listed page may be captured under the URL it leads to.
    redirects: HashMap<String, String>,
    problems: Vec<(PartId, String)>,
    /// Records read, of every kind.
    records: usize,
    /// Records that are not web pages.
    skipped: usize,
    /// When set (a WACZ's page list), only these URLs (and where they redirect) are articles.
    listed: Option<HashSet<String>>,
    /// How each page is read.
    options: ReadOptions,
}

struct Capture {
    key: String,
    date: Option<String>,
    piece: Piece,
}

impl Pages {
    /// Pages to be read as `options` say, only those of `listed` if it is given.
    pub(super) fn new(listed: Option<HashSet<String>>, options: &ReadOptions) -> Pages {
        Pages {
            listed,
            options: *options,
            ..Pages::default()
        }
    }

    pub(super) fn problem(&mut self, id: PartId, reason: String) {
        self.problems.push((id, reason));
    }

    /// Keeps a captured page, unless a later capture of its URL is already kept.
    fn page(&mut self, record: &Record, number: usize, mut piece: Piece) {
        let key = match record.id(number) {
            PartId::Key(key) => key,
            PartId::Number(_) => {
                self.problem(
                    PartId::Number(number),
                    "a web page captured without its URL".into(),
                );
                return;
            }
        };
        let fields = &mut piece.fields;
        if let Some(canonical) = fields.url.take()
            && page_key(&canonical) != key
        {
            fields.add_extra("Canonical URL", &canonical);
        }
        fields.url = record.uri.clone();
        if fields.url.is_some() {
            fields.note_origin("URL", "the archive's record of the capture");
        }
        if let Some(date) = &record.date {
            fields.add_extra("Captured", date);
            if fields.date.is_none() {
                fields.fallback_date = Some((date.clone(), "the capture time".into()));
            }
        }
        let capture = Capture {
            key: key.clone(),
            date: record.date.clone(),
            piece,
        };
        match self.by_key.get(&key) {
            Some(&i) => {
                if !is_earlier(&capture.date, &self.captures[i].date) {
                    self.captures[i] = capture;
                }
            }
            None => {
                self.by_key.insert(key, self.captures.len());
                self.captures.push(capture);
            }
        }
    }

    /// Notes where a record's URL redirects to.
    fn redirect(&mut self, record: &Record, location: &str) {
        if let Some(from) = &record.uri
            && let Some(to) = resolve(from, location)
        {
            self.redirects
                .insert(page_key(from).to_string(), page_key(&to).to_string());
        }
    }

    /// The pages a page list names, and the pages they redirect to.
    fn listed_pages(
        listed: &HashSet<String>,
        redirects: &HashMap<String, String>,
    ) -> HashSet<String> {
        let mut pages = listed.clone();
        for start in listed {
            let mut at = start;
            // A few hops at most: a loop of redirects ends too.
            for _ in 0..10 {
                let Some(next) = redirects.get(at) else { break };
                if !pages.insert(next.clone()) {
                    break;
                }
                at = next;
            }
        }
        pages
    }

    /// The archive's articles, then the records that could not be read, with a word on what
    /// was passed over.
    pub(super) fn finish(self) -> Result<Reading, String> {
        let Pages {
            captures,
            by_key,
            redirects,
            problems,
            records,
            skipped,
            listed,
            options: _,
        } = self;
        let mut warnings = Vec::new();
        let mut unlisted = 0;
        let captures = match listed {
            None => captures,
            Some(listed) => {
                let pages = Self::listed_pages(&listed, &redirects);
                let (kept, left): (Vec<Capture>, Vec<Capture>) =
                    captures.into_iter().partition(|c| pages.contains(&c.key));
                if kept.is_empty() && !left.is_empty() {
                    warnings.push(
                        "the archive's page list names none of its pages: every page is read"
                            .to_string(),
                    );
                    left
                } else {
                    unlisted = left.len();
                    kept
                }
            }
        };
        match skipped {
            0 => {}
            1 => warnings.push("1 record that is not a web page skipped".to_string()),
            n => warnings.push(format!("{n} records that are not web pages skipped")),
        }
        match unlisted {
            0 => {}
            1 => warnings.push("1 web page not in the archive's page list skipped".to_string()),
            n => warnings.push(format!(
                "{n} web pages not in the archive's page list skipped"
            )),
        }
        let mut parts: Vec<Part> = captures
            .into_iter()
            .map(|c| Part {
                id: Some(PartId::Key(c.key)),
                piece: Ok(c.piece),
            })
            .collect();
        // A broken capture of a page that was read from another capture is no loss.
        parts.extend(
            problems
                .into_iter()
                .filter(|(id, _)| !matches!(id, PartId::Key(k) if by_key.contains_key(k)))
                .map(|(id, reason)| Part {
                    id: Some(id),
                    piece: Err(reason),
                }),
        );
        if parts.is_empty() {
            return Err(format!(
                "no web pages in the archive ({records} records, none an HTML page)"
            ));
        }
        Ok(Reading { warnings, parts })
    }
}

/// Whether capture time `a` is before `b` (RFC 3339; as text when either is not).
fn is_earlier(a: &Option<String>, b: &Option<String>) -> bool {
    use chrono::DateTime;
    match (a, b) {
        (Some(a), Some(b)) => match (
            DateTime::parse_from_rfc3339(a),
            DateTime::parse_from_rfc3339(b),
        ) {
            (Ok(a), Ok(b)) => a < b,
            _ => a < b,
        },
        (None, Some(_)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record of `kind` for `uri`, captured at `date`, with `block` as its content.
    fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = e.write_all(bytes);
        e.finish().unwrap_or_default()
    }

    const PAGE: &[u8] = b"<html><head><title>T</title></head><body><h1>Harbour reopens</h1><p>Ships came back.</p></body></html>";

    fn titles(reading: &Reading) -> Vec<(String, Result<String, String>)> {
        reading
            .parts
            .iter()
            .map(|p| {
                let id = p.id.as_ref().map(|i| i.to_string()).unwrap_or_default();
                let got = match &p.piece {
                    Ok(piece) => Ok(piece.fields.title.clone().unwrap_or_default()),
                    Err(e) => Err(e.clone()),
                };
                (id, got)
            })
            .collect()
    }

    /// A page whose bytes are not what its `Content-Type` says is read, and says so; with
    /// `whole_page`, its menu is kept.
    #[test]
    fn a_page_misread_in_its_charset_warns_and_its_whole_page() -> Result<(), String> {
        let body = b"<nav><a href=/>Home</a> <a href=/w>World</a></nav><h1>Caf\xe9 opens</h1>\
            <p>The caf\xe9 on the harbour, closed for a year, opened again on Monday, its owner said.</p>";
        let warc = record(
            "response",
            "https://x.test/cafe",
            "2024-03-01T10:00:00Z",
            &http("Content-Type: text/html; charset=utf-8\r\n", body),
        );
        let reading = read(warc.clone(), &ReadOptions::default())?;
        let piece = reading.parts[0].piece.as_ref().map_err(Clone::clone)?;
        assert_eq!(
            piece.fields.warnings.len(),
            1,
            "{:?}",
            piece.fields.warnings
        );
        assert!(!piece.text.contains("World"), "{}", piece.text);
        let whole = ReadOptions {
            whole_page: true,
            ..ReadOptions::default()
        };
        let reading = read(warc, &whole)?;
        let piece = reading.parts[0].piece.as_ref().map_err(Clone::clone)?;
        assert!(piece.text.starts_with("Home World"), "{}", piece.text);
        Ok(())
    }

    #[test]
    fn a_resource_record_is_its_page() -> Result<(), String> {
        let mut warc = format!(
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://x.test/r\r\nContent-Type: text/html; charset=windows-1251\r\nContent-Length: {}\r\n\r\n",
            b"<h1>\xcf\xee\xf0\xf2</h1><p>x</p>".len()
        )
        .into_bytes();
        warc.extend_from_slice(b"<h1>\xcf\xee\xf0\xf2</h1><p>x</p>\r\n\r\n");
        warc.extend(record(
            "resource",
            "https://x.test/i.png",
            "2024-03-01T10:00:00Z",
            b"\x89PNG",
        ));
        let reading = read(
            warc,
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        assert_eq!(
            titles(&reading),
            [("https://x.test/r".to_string(), Ok("Порт".to_string()))]
        );
        Ok(())
    }

    #[test]
    fn pages_by_url_latest_capture_kept() -> Result<(), String> {
        let html = http("Content-Type: text/html; charset=utf-8\r\n", PAGE);
        let older = http(
            "Content-Type: text/html\r\n",
            b"<html><body><h1>Harbour closed</h1><p>No ships.</p></body></html>",
        );
        let mut warc = record("warcinfo", "", "2024-01-01T00:00:00Z", b"software: test");
        warc.extend(record(
            "request",
            "https://x.test/a",
            "2024-03-01T10:00:00Z",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "https://x.test/a",
            "2024-03-01T10:00:00Z",
            &html,
        ));
        warc.extend(record(
            "response",
            "<https://x.test/a#top>",
            "2024-02-01T10:00:00.5Z",
            &older,
        ));
        warc.extend(record(
            "response",
            "https://x.test/logo.png",
            "2024-03-01T10:00:00Z",
            &http("Content-Type: image/png\r\n", b"\x89PNG"),
        ));
        warc.extend(record(
            "response",
            "https://x.test/old",
            "2024-03-01T10:00:00Z",
            b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<html>moved</html>",
        ));
        let reading = read(
            warc.clone(),
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        assert_eq!(
            titles(&reading),
            [(
                "https://x.test/a".to_string(),
                Ok("Harbour reopens".to_string())
            )]
        );
        assert_eq!(
            reading.warnings,
            ["4 records that are not web pages skipped"]
        );
        let piece = reading.parts[0].piece.as_ref().map_err(Clone::clone)?;
        assert_eq!(piece.fields.url.as_deref(), Some("https://x.test/a"));
        let extra: Vec<(&str, &str)> = crate::core::formats::labelled(&piece.fields.extra);
        assert_eq!(
            extra,
            [
                ("Title from", "the headline, <h1>"),
                ("URL from", "the archive's record of the capture"),
                ("Captured", "2024-03-01T10:00:00Z")
            ]
        );
        assert_eq!(
            piece.fields.fallback_date,
            Some((
                "2024-03-01T10:00:00Z".to_string(),
                "the capture time".to_string()
            ))
        );
        // Gzipped record by record, the same.
        let gz: Vec<u8> = [
            record(
                "response",
                "https://x.test/a",
                "2024-03-01T10:00:00Z",
                &html,
            ),
            record(
                "request",
                "https://x.test/a",
                "2024-03-01T10:00:00Z",
                b"GET",
            ),
        ]
        .iter()
        .flat_map(|r| gzip(r))
        .collect();
        let reading = read(
            gz.clone(),
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        assert_eq!(
            titles(&reading),
            [(
                "https://x.test/a".to_string(),
                Ok("Harbour reopens".to_string())
            )]
        );
        assert_eq!(
            reading.warnings,
            ["1 record that is not a web page skipped"]
        );
        Ok(())
    }

    #[test]
    fn bad_archives_are_problems_not_panics() -> Result<(), String> {
        let html = http("Content-Type: text/html\r\n", PAGE);
        let good = record(
            "response",
            "https://x.test/a",
            "2024-03-01T10:00:00Z",
            &html,
        );
        let second = record(
            "response",
            "https://x.test/b",
            "2024-03-01T10:00:00Z",
            &html,
        );
        let mut cut = good.clone();
        cut.extend_from_slice(&second[..second.len() - 40]);
        let mut gz_cut = gzip(&good);
        let gz_second = gzip(&second);
        gz_cut.extend_from_slice(&gz_second[..gz_second.len() / 2]);
        let mut garbage_after = good.clone();
        garbage_after.extend_from_slice(b"not a record\r\n");
        let mut no_length = good.clone();
        no_length.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n");
        let lost = "the archive is cut short or damaged inside this record";
        type Case<'a> = (
            &'a str,
            Vec<u8>,
            Result<Vec<(&'a str, Result<&'a str, &'a str>)>, &'a str>,
        );
        let cases: Vec<Case> = vec![
            (
                "cut",
                cut,
                Ok(vec![
                    ("https://x.test/a", Ok("Harbour reopens")),
                    ("https://x.test/b", Err(lost)),
                ]),
            ),
            (
                "gzip cut",
                gz_cut,
                Ok(vec![
                    ("https://x.test/a", Ok("Harbour reopens")),
                    // miniz_oxide stops at the cut member before giving any of it back, so the
                    // lost record is known by its place, not its URL.
                    ("2", Err("record 2 cannot be read, nor any after it")),
                ]),
            ),
            (
                "garbage",
                garbage_after,
                Ok(vec![
                    ("https://x.test/a", Ok("Harbour reopens")),
                    (
                        "2",
                        Err(
                            "record 2 cannot be read, nor any after it: no WARC/1.x line where a record should begin",
                        ),
                    ),
                ]),
            ),
            (
                "no length",
                no_length,
                Ok(vec![
                    ("https://x.test/a", Ok("Harbour reopens")),
                    (
                        "2",
                        Err(
                            "record 2 cannot be read, nor any after it: a record without a Content-Length",
                        ),
                    ),
                ]),
            ),
            (
                "not warc",
                b"<html>hello</html>".to_vec(),
                Err("not a web archive: no WARC/1.x line where a record should begin"),
            ),
            ("empty", Vec::new(), Err("no WARC records in the file")),
            (
                "gzip junk",
                vec![0x1f, 0x8b, 0, 1, 2, 3],
                Err("not a web archive: "),
            ),
            (
                "only a request",
                record(
                    "request",
                    "https://x.test/a",
                    "2024-03-01T10:00:00Z",
                    b"GET",
                ),
                Err("no web pages in the archive (1 records, none an HTML page)"),
            ),
        ];
        for (name, bytes, want) in cases {
            match (
                read(
                    bytes,
                    &ReadOptions {
                        headers: true,
                        ..ReadOptions::default()
                    },
                ),
                want,
            ) {
                (Ok(reading), Ok(want)) => {
                    let got = titles(&reading);
                    assert_eq!(got.len(), want.len(), "{name}: {got:?}");
                    for ((id, piece), (want_id, want_piece)) in got.iter().zip(&want) {
                        assert_eq!(id, want_id, "{name}");
                        match (piece, want_piece) {
                            (Ok(t), Ok(w)) => assert_eq!(t, w, "{name}"),
                            (Err(e), Err(w)) => assert!(e.starts_with(w), "{name}: {e}"),
                            (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
                        }
                    }
                }
                (Err(e), Err(want)) => assert!(e.starts_with(want), "{name}: {e}"),
                (got, want) => panic!("{name}: got {:?}, want {want:?}", got.map(|r| titles(&r))),
            }
        }
        Ok(())
    }
}
