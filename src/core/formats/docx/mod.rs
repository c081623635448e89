//! Word documents (`.docx`): the paragraphs of the package's `word/document.xml` as one article,
//! or as the articles of a Nexis Uni export.
//!
//! A `.docx` is a zip archive: the text is in `word/document.xml`, the style names (which tell
//! headings) in `word/styles.xml`. Headers, footers and comments are parts of their own and are
//! not read. What the archive says of its sizes is not trusted: the document is read through a
//! cap, so a small file that inflates without end (a zip bomb) is a problem, not a full memory.

mod nexis;
mod xml;

use std::io::{Cursor, Read};

use super::{Fields, Header, Piece, ReadOptions, Reading};
use xml::{Paragraph, Styles};

/// The most `word/document.xml` may inflate to: a book of text is a few MiB of markup.
const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
/// The most `word/styles.xml` may inflate to; past it, styles are told by their ids alone.
const MAX_STYLES_BYTES: u64 = 8 * 1024 * 1024;
/// How an OLE compound file starts: a Word 97–2003 `.doc`, or a password-protected `.docx`.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Why a `.docx` could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocxError {
    #[error("the Word document is too large to read")]
    TooLarge,
    #[error("not a readable Word document: {0}")]
    Unreadable(String),
    #[error("no readable text in the Word document")]
    Empty,
}

/// Reads a Word document: a Nexis Uni export is its articles, any other document one article.
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    let paragraphs = document(bytes).map_err(|e| e.to_string())?;
    if nexis::is_export(&paragraphs) {
        return Ok(nexis::articles(&paragraphs));
    }
    article(&paragraphs, options)
        .map(|piece| Reading::whole(None, piece))
        .map_err(|e| e.to_string())
}

/// The paragraphs of a `.docx` file's bytes.
pub fn document(bytes: Vec<u8>) -> Result<Vec<Paragraph>, DocxError> {
    document_capped(bytes, MAX_DOCUMENT_BYTES)
}

/// [`document`], with `word/document.xml` inflated to at most `max_bytes`.
fn document_capped(bytes: Vec<u8>, max_bytes: u64) -> Result<Vec<Paragraph>, DocxError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(DocxError::Unreadable(
            "it is an older Word file (.doc) or a password-protected one".into(),
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Unreadable(e.to_string()))?;
    let xml = match part(&mut archive, "word/document.xml", max_bytes)? {
        Some(xml) => xml,
        None => {
            return Err(DocxError::Unreadable(
                "it holds no word/document.xml".into(),
            ));
        }
    };
    // Styles only tell headings: a styles part that cannot be read leaves the style ids to.
    let styles = part(&mut archive, "word/styles.xml", MAX_STYLES_BYTES)
        .ok()
        .flatten()
        .map(|x| Styles::read(&x))
        .unwrap_or_default();
    xml::paragraphs(&utf8(xml), &styles).map_err(DocxError::Unreadable)
}

/// The markup in UTF-8: a part may be UTF-16 (with its byte order mark), which the XML reader
/// does not read.
fn utf8(xml: Vec<u8>) -> Vec<u8> {
    let encoding = match xml.get(..2) {
        Some([0xFF, 0xFE]) => encoding_rs::UTF_16LE,
        Some([0xFE, 0xFF]) => encoding_rs::UTF_16BE,
        _ => return xml,
    };
    let (text, _) = encoding.decode_with_bom_removal(&xml);
    text.into_owned().into_bytes()
}

/// One part of the package, inflated through a cap; `None` when the package has no such part.
fn part(
    archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>,
    name: &str,
    max_bytes: u64,
) -> Result<Option<Vec<u8>>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Unreadable(e.to_string())),
    };
    if file.size() > max_bytes {
        return Err(DocxError::TooLarge);
    }
    let mut out = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
    // The size the archive declares may lie: the cap is on what is really inflated.
    file.take(max_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocxError::Unreadable(e.to_string()))?;
    if out.len() as u64 > max_bytes {
        return Err(DocxError::TooLarge);
    }
    Ok(Some(out))
}

/// A document as one article: its paragraphs apart, the first heading its title; the first lines
/// are still read as a header (a date, a byline), as in plain text.
fn article(paragraphs: &[Paragraph], options: &ReadOptions) -> Result<Piece, DocxError> {
    let text = paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    if text.trim().is_empty() {
        return Err(DocxError::Empty);
    }
    let title = paragraphs
        .iter()
        .find(|p| p.heading)
        .map(|p| one_line(&p.text));
    Ok(Piece {
        text,
        start: 0,
        header: if options.headers {
            Header::Lines
        } else {
            Header::Skip
        },
        fields: Fields {
            title,
            ..Fields::default()
        },
    })
}

/// A paragraph's text on one line (its line breaks and tabs as spaces).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A `.docx` package holding these parts.
    pub(super) fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            zip.start_file(*name, options).expect("start a part");
            zip.write_all(content.as_bytes()).expect("write a part");
        }
        zip.finish().expect("finish the archive");
        out.into_inner()
    }

    pub(super) fn word(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    pub(super) fn para(style: Option<&str>, text: &str) -> String {
        let style = style
            .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
            .unwrap_or_default();
        format!(r#"<w:p>{style}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn read_one(bytes: Vec<u8>) -> Result<Piece, String> {
        let mut reading = read(
            bytes,
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        assert_eq!(reading.parts.len(), 1);
        let part = reading.parts.pop().ok_or("no part")?;
        assert_eq!(part.id, None);
        part.piece
    }

    #[test]
    fn a_document_is_one_article_titled_by_its_first_heading() -> Result<(), String> {
        let body = [
            para(None, "28 February 2017"),
            para(Some("Heading1"), "Talks resume in Baku"),
            para(Some("Heading2"), "A later heading"),
            para(None, "First paragraph."),
        ]
        .concat();
        let p = read_one(package(&[("word/document.xml", &word(&body))]))?;
        assert_eq!(
            p.text,
            "28 February 2017\n\nTalks resume in Baku\n\nA later heading\n\nFirst paragraph."
        );
        assert_eq!((p.start, p.header), (0, Header::Lines));
        assert_eq!(p.fields.title.as_deref(), Some("Talks resume in Baku"));
        // Without a heading, the header lines give the title.
        let p = read_one(package(&[(
            "word/document.xml",
            &word(&para(None, "Just text.")),
        )]))?;
        assert_eq!((p.text.as_str(), p.fields.title), ("Just text.", None));
        Ok(())
    }

    #[test]
    fn a_utf16_document_is_read() -> Result<(), String> {
        let xml = word(&para(None, "Héllo"));
        for little_endian in [true, false] {
            let mut bytes = if little_endian {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in xml.encode_utf16() {
                bytes.extend(if little_endian {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            let mut out = Cursor::new(Vec::new());
            let mut zip = zip::ZipWriter::new(&mut out);
            zip.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .map_err(|e| e.to_string())?;
            zip.write_all(&bytes).map_err(|e| e.to_string())?;
            zip.finish().map_err(|e| e.to_string())?;
            assert_eq!(read_one(out.into_inner())?.text, "Héllo");
        }
        Ok(())
    }

    #[test]
    fn styles_xml_names_the_headings() -> Result<(), String> {
        let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style></w:styles>"#;
        let body = [para(None, "Vorspann"), para(Some("berschrift1"), "Titel")].concat();
        let p = read_one(package(&[
            ("word/document.xml", &word(&body)),
            ("word/styles.xml", styles),
        ]))?;
        assert_eq!(p.fields.title.as_deref(), Some("Titel"));
        Ok(())
    }

    #[test]
    fn bad_packages_are_problems() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (Vec::new(), "not a readable Word document: "),
            (
                b"PK\x03\x04 not really".to_vec(),
                "not a readable Word document: ",
            ),
            (
                [OLE_MAGIC, b"rest"].concat(),
                "not a readable Word document: it is an older Word file (.doc) or a password-protected one",
            ),
            (
                package(&[("other.txt", "x")]),
                "not a readable Word document: it holds no word/document.xml",
            ),
            (
                package(&[("word/document.xml", "<w:document><w:body>")]),
                "not a readable Word document: malformed XML",
            ),
            (
                package(&[("word/document.xml", &word("<w:p><w:r><w:t>x</w:r></w:p>"))]),
                "not a readable Word document: malformed XML",
            ),
            (
                package(&[("word/document.xml", &word(&para(None, " ")))]),
                "no readable text in the Word document",
            ),
        ];
        for (bytes, want) in cases {
            let got = read(
                bytes,
                &ReadOptions {
                    headers: true,
                    ..ReadOptions::default()
                },
            )
            .err();
            assert!(
                got.as_deref().is_some_and(|e| e.starts_with(want)),
                "{got:?} is not {want:?}"
            );
        }
    }

    #[test]
    fn a_document_that_inflates_past_the_cap_is_too_large() {
        // 1 MiB of markup that deflates to a few KiB: a small zip bomb against a 64 KiB cap.
        let body = para(None, &"a".repeat(1024 * 1024));
        let bytes = package(&[("word/document.xml", &word(&body))]);
        assert!(bytes.len() < 16 * 1024);
        assert_eq!(
            document_capped(bytes.clone(), 64 * 1024).err(),
            Some(DocxError::TooLarge)
        );
        assert_eq!(
            document_capped(bytes, 2 * 1024 * 1024).map(|p| p.len()),
            Ok(1)
        );
    }
}
