//! What a web archive keeps of an HTTP response: the body as the server sent it, its transfer
//! and content encodings still to be undone, and redirects given relative to their URL.

use std::io::Read;

use flate2::bufread::{DeflateDecoder, GzDecoder, ZlibDecoder};

use super::mime::Headers;

/// The largest page read from a record (decompressed): more is not an article.
pub(super) const MAX_PAGE_BYTES: u64 = 64 << 20;

/// The page's bytes as sent, its transfer and content encodings undone. Archives do not all
/// agree on what they store: a body said to be chunked or gzipped that is not is taken as it is.
pub(super) fn payload(body: Vec<u8>, headers: &Headers) -> Result<Vec<u8>, String> {
    let chunked = headers
        .get("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(&body).unwrap_or(body)
    } else {
        body
    };
    let encoding = headers
        .get("content-encoding")
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let mut out = Vec::new();
    let read = match encoding.as_str() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => GzDecoder::new(&body[..])
            .take(MAX_PAGE_BYTES + 1)
            .read_to_end(&mut out),
        "gzip" | "x-gzip" => return Ok(body),
        "deflate" => ZlibDecoder::new(&body[..])
            .take(MAX_PAGE_BYTES + 1)
            .read_to_end(&mut out)
            .or_else(|_| {
                // Some servers send raw deflate without the zlib wrapper.
                out.clear();
                DeflateDecoder::new(&body[..])
                    .take(MAX_PAGE_BYTES + 1)
                    .read_to_end(&mut out)
            }),
        other => {
            return Err(format!(
                "the page is compressed as {other:?}, which is not read"
            ));
        }
    };
    match read {
        Ok(_) if out.len() as u64 > MAX_PAGE_BYTES => {
            Err("a page larger than 64 MiB is not read".into())
        }
        Ok(_) => Ok(out),
        Err(e) => Err(format!("the page's {encoding} compression is broken: {e}")),
    }
}

/// A `Transfer-Encoding: chunked` body joined; `None` when it is not chunked after all.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let end = memchr::memchr(b'\n', rest)?;
        let line = std::str::from_utf8(&rest[..end]).ok()?;
        let size = line.split(';').next().unwrap_or(line).trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        rest = &rest[end + 1..];
        if size == 0 {
            return Some(out);
        }
        // A last chunk cut short keeps what there is of it.
        let chunk = rest.get(..size).unwrap_or(rest);
        out.extend_from_slice(chunk);
        rest = &rest[chunk.len()..];
        if rest.is_empty() {
            return Some(out);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// `location` as an absolute URL, `base` the URL it was given at; `None` when `base` is not
/// absolute.
pub(super) fn resolve(base: &str, location: &str) -> Option<String> {
    if location.contains("://") {
        return Some(location.to_string());
    }
    let (scheme, rest) = base.split_once("://")?;
    if let Some(elsewhere) = location.strip_prefix("//") {
        return Some(format!("{scheme}://{elsewhere}"));
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_end);
    if location.starts_with('/') {
        return Some(format!("{scheme}://{host}{location}"));
    }
    let path = path.split(['?', '#']).next().unwrap_or("");
    let folder = path.rfind('/').map_or("/", |i| &path[..=i]);
    Some(format!("{scheme}://{host}{folder}{location}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::mime;

    const PAGE: &[u8] = b"<html><head><title>T</title></head><body><h1>Harbour reopens</h1><p>Ships came back.</p></body></html>";

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = e.write_all(bytes);
        e.finish().unwrap_or_default()
    }

    /// The HTTP headers, the body as stored, and the page (or why there is none).
    type PayloadCase<'a> = (&'a str, Vec<u8>, Result<&'a [u8], &'a str>);

    #[test]
    fn payloads_are_undone_as_their_headers_say() -> Result<(), String> {
        let chunked = b"7\r\n<html><\r\n5;x=y\r\nh1>Ab\r\n0\r\n\r\n".to_vec();
        let cases: [PayloadCase; 6] = [
            ("", PAGE.to_vec(), Ok(PAGE)),
            (
                "Transfer-Encoding: chunked\r\n",
                chunked,
                Ok(b"<html><h1>Ab"),
            ),
            // Stored de-chunked though the header still says chunked.
            ("Transfer-Encoding: chunked\r\n", PAGE.to_vec(), Ok(PAGE)),
            ("Content-Encoding: gzip\r\n", gzip(PAGE), Ok(PAGE)),
            ("Content-Encoding: gzip\r\n", PAGE.to_vec(), Ok(PAGE)),
            (
                "Content-Encoding: br\r\n",
                PAGE.to_vec(),
                Err("the page is compressed as \"br\", which is not read"),
            ),
        ];
        for (header, body, want) in cases {
            let headers = mime::read_headers(&mut format!("{header}\r\n").as_bytes())?;
            let got = payload(body, &headers);
            assert_eq!(got.as_deref().map_err(String::as_str), want, "{header}");
        }
        Ok(())
    }

    #[test]
    fn redirects_are_resolved_against_their_url() {
        let cases = [
            (
                "http://x.test/a",
                "https://x.test/a/",
                Some("https://x.test/a/"),
            ),
            ("http://x.test/a/b?q=/c", "/d", Some("http://x.test/d")),
            ("http://x.test/a/b?q=/c", "d", Some("http://x.test/a/d")),
            ("http://x.test", "d", Some("http://x.test/d")),
            (
                "https://x.test/a",
                "//cdn.test/p",
                Some("https://cdn.test/p"),
            ),
            ("not a url", "/d", None),
        ];
        for (base, location, want) in cases {
            assert_eq!(
                resolve(base, location).as_deref(),
                want,
                "{base} {location}"
            );
        }
    }
}
