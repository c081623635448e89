//! Plain text: the text as it is, its first lines still to be read for a headline, date and
//! byline — unless it is really markup, which is read as HTML, or a Factiva export, split into
//! its articles.

use super::encoding::decode_owned;
use super::{Fields, Header, Piece, ReadOptions, Reading, html};

/// Reads a plain-text file (or one without an extension).
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    let decoded = decode_owned(bytes, false)?;
    // A news-database export holds many articles; the cover page is none of them.
    if let Some(parts) = super::split_export(&decoded.text) {
        return Ok(Reading {
            warnings: decoded.warning.into_iter().collect(),
            parts,
        });
    }
    let piece = if looks_like_markup(&decoded.text) {
        html::page(&decoded.text, options)
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
        let mut reading = read(
            text.as_bytes().to_vec(),
            &ReadOptions {
                headers,
                ..ReadOptions::default()
            },
        )?;
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

    #[test]
    fn a_factiva_export_in_text_is_split() -> Result<(), String> {
        let text = "HD  Ferry line opens\nWC  120 words\nPD  28 February 2017\nSN  The Caspian Post\nTD  The line opened.\nAN  Document CASPLD0020170228ed2s0000b\nHD  Budget passed\nPD  1 March 2017\nTD  Deputies voted.\nAN  Document CASPLD0020170301ed31000001\n";
        let reading = read(
            text.as_bytes().to_vec(),
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        let got: Vec<_> = reading
            .parts
            .iter()
            .map(|p| (p.number(), p.piece.as_ref().map(|p| p.text.as_str()).ok()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), Some("Ferry line opens\n\nThe line opened.")),
                (Some(2), Some("Budget passed\n\nDeputies voted.")),
            ]
        );
        Ok(())
    }
}
