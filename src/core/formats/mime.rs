//! Header blocks as mail, HTTP and WARC write them: `Name: value` lines up to a blank line,
//! and the parameters of a value (`text/html; charset=koi8-r`).

use std::io::{BufRead, Read};

/// The longest header line read: a longer one is taken for a file that is not headers at all.
const MAX_LINE_BYTES: u64 = 64 * 1024;
/// The most lines a header block may have, for the same reason.
const MAX_LINES: usize = 2000;

/// A header block, names lower-cased, in the file's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// The first value under `name` (lower case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The media type of the `content-type` header, lower-cased, without its parameters.
    pub fn media_type(&self) -> Option<String> {
        self.get("content-type").map(media_type)
    }
}

/// The media type of a `Content-Type` value, lower-cased, without its parameters.
pub fn media_type(value: &str) -> String {
    let kind = value.split(';').next().unwrap_or(value).trim();
    kind.to_ascii_lowercase()
}

/// Reads one line, its end included; 0 at the end of the input.
pub fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> Result<usize, String> {
    line.clear();
    let n = input
        .by_ref()
        .take(MAX_LINE_BYTES)
        .read_until(b'\n', line)
        .map_err(|e| e.to_string())?;
    if n as u64 == MAX_LINE_BYTES && !line.ends_with(b"\n") {
        return Err("a header line longer than 64 KiB".into());
    }
    Ok(n)
}

/// Reads header lines up to the blank line that ends them (which is consumed). Folded lines
/// are joined; a line without a colon is passed over.
pub fn read_headers(input: &mut impl BufRead) -> Result<Headers, String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    for _ in 0..MAX_LINES {
        if read_line(input, &mut line)? == 0 {
            return Err("the input ends inside a header".into());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(Headers(headers));
        }
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
        } else if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Err(format!("a header of more than {MAX_LINES} lines"))
}

/// A parameter of a header value (`boundary`, `charset`), unquoted; names are compared
/// case-insensitively.
pub fn param(value: &str, name: &str) -> Option<String> {
    let mut rest = value.split_once(';')?.1;
    loop {
        let (key, after) = rest.split_once('=')?;
        let after = after.trim_start();
        let (found, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            let next = quoted.get(end + 1..).unwrap_or("");
            (&quoted[..end], next.split_once(';').map_or("", |(_, n)| n))
        } else {
            match after.split_once(';') {
                Some((v, n)) => (v.trim(), n),
                None => (after.trim(), ""),
            }
        };
        if key.trim().eq_ignore_ascii_case(name) {
            return Some(found.to_string());
        }
        if next.is_empty() {
            return None;
        }
        rest = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_blocks() -> Result<(), String> {
        let mut input: &[u8] =
            b"WARC-Type: response\r\nContent-Type: multipart/related;\r\n\tboundary=\"b\"\r\nno colon\r\n\r\nbody";
        let headers = read_headers(&mut input)?;
        assert_eq!(headers.get("warc-type"), Some("response"));
        assert_eq!(
            headers.get("content-type"),
            Some("multipart/related; boundary=\"b\"")
        );
        assert_eq!(headers.media_type().as_deref(), Some("multipart/related"));
        assert_eq!(input, b"body");
        let mut cut: &[u8] = b"WARC-Type: response\r\n";
        assert_eq!(
            read_headers(&mut cut),
            Err("the input ends inside a header".into())
        );
        Ok(())
    }

    #[test]
    fn parameters() {
        let cases = [
            ("text/html; charset=koi8-r", "charset", Some("koi8-r")),
            ("text/html;Charset=\"UTF-8\"", "charset", Some("UTF-8")),
            (
                "multipart/related; type=\"text/html\"; boundary=\"--b;c--\"",
                "boundary",
                Some("--b;c--"),
            ),
            ("text/html", "charset", None),
            ("text/html; charset", "charset", None),
            ("text/html; a=\"unclosed", "charset", None),
        ];
        for (value, name, want) in cases {
            assert_eq!(param(value, name).as_deref(), want, "{value}");
        }
    }
}
