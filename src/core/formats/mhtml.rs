//! Pages saved whole in one file (`.mhtml`, `.mht`: MIME `multipart/related`): the page's
//! HTML read as an HTML page, with the address it was saved from and when.

use super::encoding::decode_labelled;
use super::mime::{self, Headers};
use super::{ReadOptions, Reading, html};

/// Reads a saved page: its first HTML part (the page itself; frames come after it).
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    // Some tools save a page as `.mht` without the MIME wrapping: it is a page as it is.
    if bytes.trim_ascii_start().starts_with(b"<") {
        return html::read(bytes, options);
    }
    let mut rest: &[u8] = &bytes;
    let top = mime::read_headers(&mut rest)
        .map_err(|e| format!("not a saved web page: its MIME header cannot be read ({e})"))?;
    let media_type = top.media_type().unwrap_or_default();
    let (headers, body) = if media_type.starts_with("multipart/") {
        let boundary = top
            .get("content-type")
            .and_then(|v| mime::param(v, "boundary"))
            .filter(|b| !b.is_empty())
            .ok_or("not a saved web page: a multipart file without a boundary")?;
        parts(rest, &boundary)
            .find_map(|part| {
                let mut body = part;
                let headers = mime::read_headers(&mut body).ok()?;
                is_html(&headers).then_some((headers, body))
            })
            .ok_or("no HTML page in the saved file")?
    } else if is_html(&top) {
        (top.clone(), rest)
    } else {
        return Err(format!(
            "not a saved web page: it holds {}",
            if media_type.is_empty() {
                "no MIME content type"
            } else {
                &media_type
            }
        ));
    };
    let bytes = transfer_decoded(body, &headers)?;
    let charset = headers
        .get("content-type")
        .and_then(|v| mime::param(v, "charset"));
    let decoded = decode_labelled(bytes, charset.as_deref(), true)?;
    let mut piece = html::page(&decoded.text, options);
    if piece.text.trim().is_empty() {
        return Err("no readable text in the page".into());
    }
    // Where it was saved from: Chrome names it at the top, others on the page's part.
    let url = top
        .get("snapshot-content-location")
        .or_else(|| headers.get("content-location"))
        .or_else(|| top.get("content-location"));
    if let Some(url) = url.filter(|u| !u.is_empty()) {
        if let Some(canonical) = piece.fields.url.take()
            && canonical != url
        {
            piece.fields.add_extra("Canonical URL", &canonical);
        }
        piece.fields.url = Some(url.to_string());
        piece
            .fields
            .note_origin("URL", "the saved file's own record of the page");
    }
    if let Some(date) = top.get("date") {
        piece.fields.add_extra("Saved", date);
    }
    Ok(Reading::whole(decoded.warning, piece))
}

fn is_html(headers: &Headers) -> bool {
    matches!(
        headers.media_type().as_deref(),
        Some("text/html" | "application/xhtml+xml")
    )
}

/// The parts of a multipart body: what lies between its `--boundary` lines, each part's
/// headers still at its start.
fn parts<'a>(body: &'a [u8], boundary: &str) -> impl Iterator<Item = &'a [u8]> {
    let delimiter = format!("--{boundary}").into_bytes();
    // Delimiters count only at the start of a line.
    let starts: Vec<usize> = memchr::memmem::find_iter(body, &delimiter)
        .filter(|&at| at == 0 || body[at - 1] == b'\n')
        .collect();
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([body.len()]).collect();
    starts
        .into_iter()
        .zip(ends)
        .filter_map(move |(start, end)| {
            let after = &body[start + delimiter.len()..end];
            // `--boundary--` closes the last part.
            if after.starts_with(b"--") {
                return None;
            }
            let line_end = memchr::memchr(b'\n', after)?;
            let part = &after[line_end + 1..];
            // The line end before the next delimiter belongs to it.
            let part = part.strip_suffix(b"\n").unwrap_or(part);
            Some(part.strip_suffix(b"\r").unwrap_or(part))
        })
}

/// A part's body with its `Content-Transfer-Encoding` undone.
fn transfer_decoded(body: &[u8], headers: &Headers) -> Result<Vec<u8>, String> {
    let encoding = headers
        .get("content-transfer-encoding")
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match encoding.as_str() {
        "quoted-printable" => Ok(quoted_printable(body)),
        "base64" => base64(body),
        "" | "7bit" | "8bit" | "binary" => Ok(body.to_vec()),
        other => Err(format!(
            "the page is encoded as {other:?}, which is not read"
        )),
    }
}

/// Quoted-printable (RFC 2045): `=XX` a byte, `=` at a line's end no line end. A `=` not
/// followed by two hex digits is kept as it is, as mail readers do.
fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        if input[i] == b'=' {
            match (input.get(i + 1).copied(), input.get(i + 2).copied()) {
                (Some(b'\r'), Some(b'\n')) => {
                    i += 3;
                    continue;
                }
                (Some(b'\n'), _) => {
                    i += 2;
                    continue;
                }
                (Some(h), Some(l)) => {
                    if let (Some(h), Some(l)) = (hex(h), hex(l)) {
                        out.push(h << 4 | l);
                        i += 3;
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(input[i]);
        i += 1;
    }
    out
}

/// Base64 (RFC 2045), line ends and other white space passed over.
fn base64(input: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0u32);
    for &c in input {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            c => {
                return Err(format!(
                    "the page's base64 is broken: {:?} is not a base64 character",
                    c as char
                ));
            }
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(encoding: &str, charset: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.test/news/1\r\nSubject: Harbour\r\nDate: Tue, 5 Mar 2024 10:00:00 -0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x----\"\r\n\r\n\r\n------MultipartBoundary--x----\r\nContent-Type: text/css\r\nContent-Location: https://x.test/s.css\r\n\r\nh1 {{}}\r\n------MultipartBoundary--x----\r\nContent-Type: text/html{charset}\r\nContent-Transfer-Encoding: {encoding}\r\nContent-Location: https://x.test/news/1?ref=a\r\n\r\n"
        )
        .into_bytes();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n------MultipartBoundary--x------\r\n");
        out
    }

    #[test]
    fn transfer_encodings() {
        let cases: [(&[u8], &[u8]); 4] = [
            (b"caf=C3=A9 =\r\nau lait", "café au lait".as_bytes()),
            (b"a=3Db=\nc", b"a=bc"),
            (b"2=2 and =", b"2=2 and ="),
            (b"x=e9", b"x\xe9"),
        ];
        for (qp, want) in cases {
            assert_eq!(quoted_printable(qp), want, "{qp:?}");
        }
        assert_eq!(base64(b"PGgx\r\nPkE8L2gxPg=="), Ok(b"<h1>A</h1>".to_vec()));
        assert!(base64(b"PGgx*").is_err());
    }

    #[test]
    fn saved_pages() -> Result<(), String> {
        let page = "<html><body><h1>Harbour reopens</h1><p>Ships came back.</p></body></html>";
        let qp = saved(
            "quoted-printable",
            "; charset=\"utf-8\"",
            b"<html><body><h1>Harbour reopens</h1><p>Ships came=\r\n back.</p></body></html>",
        );
        // "Портовый" in windows-1251, base64: the part's charset decides.
        let b64 = saved(
            "base64",
            "; charset=windows-1251",
            b"PGgxPs/u8PLu4vvpPC9oMT48cD5UZXh0LjwvcD4K",
        );
        let options = ReadOptions {
            headers: true,
            ..ReadOptions::default()
        };
        let cases: [(Vec<u8>, &str, &str); 4] = [
            (qp, "Harbour reopens", "Harbour reopens\n\nShips came back."),
            (b64, "Портовый", "Портовый\n\nText."),
            (
                format!("Content-Type: text/html\r\n\r\n{page}").into_bytes(),
                "Harbour reopens",
                "Harbour reopens\n\nShips came back.",
            ),
            (
                page.as_bytes().to_vec(),
                "Harbour reopens",
                "Harbour reopens\n\nShips came back.",
            ),
        ];
        for (bytes, title, text) in cases {
            let mut reading = read(bytes, &options)?;
            let piece = reading.parts.pop().ok_or("no part")?.piece?;
            assert_eq!(piece.fields.title.as_deref(), Some(title));
            assert_eq!(piece.text, text);
        }
        let reading = read(saved("7bit", "", page.as_bytes()), &options)?;
        let piece = reading.parts.first().ok_or("no part")?.piece.clone()?;
        assert_eq!(piece.fields.url.as_deref(), Some("https://x.test/news/1"));
        assert_eq!(
            piece.fields.extra[..2],
            [
                ("Title from".to_string(), "the headline, <h1>".to_string()),
                (
                    "URL from".to_string(),
                    "the saved file's own record of the page".to_string()
                )
            ]
        );
        assert_eq!(
            piece.fields.extra[2..],
            [(
                "Saved".to_string(),
                "Tue, 5 Mar 2024 10:00:00 -0000".to_string()
            )]
        );
        let bad: [(&[u8], &str); 6] = [
            (b"", "not a saved web page: its MIME header cannot be read"),
            (b"  <html></html>", "no readable text in the page"),
            (b"Content-Type: multipart/related\r\n\r\n--x\r\n", "not a saved web page: a multipart file without a boundary"),
            (b"Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--x--\r\n", "no HTML page in the saved file"),
            (b"Content-Type: image/png\r\n\r\n\x89PNG", "not a saved web page: it holds image/png"),
            (b"Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n<html>", "the page's base64 is broken"),
        ];
        for (bytes, want) in bad {
            let got = read(bytes.to_vec(), &options).err().unwrap_or_default();
            assert!(got.starts_with(want), "{want}: {got}");
        }
        Ok(())
    }
}
