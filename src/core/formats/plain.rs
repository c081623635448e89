//! Plain text: the text as it is, its first lines still to be read for a headline, date and
//! byline — unless it is really markup, which is read as HTML.

use super::encoding::decode_owned;
use super::{Fields, Header, Piece, ReadOptions, Reading, html, nexis};

/// Reads a plain-text file (or one without an extension).
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    let decoded = decode_owned(bytes, false)?;
    // A news-database export holds many articles; the cover page is none of them.
    if let Some(parts) = nexis::split(&decoded.text) {
        return Ok(Reading {
            warnings: decoded.warning.into_iter().collect(),
            parts,
        });
    }
    let piece = if looks_like_markup(&decoded.text) {
        html::page(&decoded.text)
    } else {
        Piece {
            text: decoded.text,
            start: 0,
            header: if options.headers {
                Header::Lines
            } else {
                Header::Skip
            },
            fields: Fields::default(),
        }
    };
    Ok(Reading::whole(decoded.warning, piece))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, headers: bool) -> Result<Piece, String> {
        let mut reading = read(text.as_bytes().to_vec(), &ReadOptions { headers })?;
        let part = reading.parts.pop().ok_or("no part")?;
        assert!(reading.parts.is_empty() && part.id.is_none());
        part.piece
    }

    #[test]
    fn text_is_kept_whole_and_markup_is_read_as_html() -> Result<(), String> {
        let text = "Headline\n2022-12-07\n\nBody.\n";
        let p = piece(text, true)?;
        assert_eq!(
            (p.text.as_str(), p.start, p.header),
            (text, 0, Header::Lines)
        );
        assert_eq!(piece(text, false)?.header, Header::Skip);
        let page = "<!DOCTYPE html><html><head><title>Site</title></head><body><h1>Head</h1><p>Body.</p></body></html>";
        let p = piece(page, false)?;
        assert_eq!((p.text.as_str(), p.start), ("Head\n\nBody.", 6));
        assert_eq!(p.fields.title.as_deref(), Some("Head"));
        assert!(!looks_like_markup("<p>not a whole page</p>"));
        Ok(())
    }
}
