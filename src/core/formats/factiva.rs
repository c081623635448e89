//! Factiva exports as text, whatever file they came in (RTF, HTML, plain text): split into their
//! articles, the headline, date, source and the other fields apart from the body.
//!
//! Factiva writes an article in one of two layouts. Field-coded, each field on lines of its own
//! after a two- or three-letter code (`HD` headline, `PD` date, `LP` and `TD` the text… `AN`
//! the document number, last). Plain (Factiva's default display), the same fields without
//! codes in a fixed order: headline, byline, "523 words", date, time, source name, source code,
//! language, copyright, then the paragraphs, and a closing "Document …" line.

use super::export_fields::{is_copyright, without_by};
use super::{Fields, Header, Part, PartId, Piece};
use crate::core::header::language_code;
use crate::core::timestamp::{DateReading, read_date_value};

/// The articles of a Factiva export, numbered from 1 in the file's order; `None` when the text
/// is not one.
pub fn split(text: &str) -> Option<Vec<Part>> {
    if !maybe_export(text) {
        return None;
    }
    let lines = lines_of(text);
    let blocks = if has_field_codes(&lines) {
        field_blocks(&lines)
    } else {
        document_blocks(&lines)
    };
    parts(blocks.iter().map(|b| article(b)).collect())
}

/// The articles of an export whose articles are apart already (the `<div>`s of a saved page),
/// each block the text of one; `None` when none of them is a Factiva article.
pub fn split_blocks(blocks: &[String]) -> Option<Vec<Part>> {
    parts(
        blocks
            .iter()
            .map(|block| article(&lines_of(block)))
            .collect(),
    )
}

/// The lines that say something: trimmed, without blank lines or printed pages' feet.
fn lines_of(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !is_page_foot(l))
        .collect()
}

/// The pieces as numbered parts, unless none is an article (the text was not an export).
fn parts(pieces: Vec<Result<Piece, String>>) -> Option<Vec<Part>> {
    if !pieces.iter().any(Result::is_ok) {
        return None;
    }
    Some(
        pieces
            .into_iter()
            .enumerate()
            .map(|(i, piece)| Part {
                id: Some(PartId::Number(i + 1)),
                piece,
            })
            .collect(),
    )
}

/// A cheap look before the lines are taken apart: most texts are no export.
fn maybe_export(text: &str) -> bool {
    // Every plain file is asked: the searchers are made once.
    static DOCUMENT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("Document "));
    static HD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\nHD"));
    let bytes = text.as_bytes();
    DOCUMENT.find(bytes).is_some() || HD.find(bytes).is_some() || text.starts_with("HD")
}

fn article(lines: &[&str]) -> Result<Piece, String> {
    if has_field_codes(lines) {
        field_article(lines)
    } else {
        plain_article(lines)
    }
}

/// A field's code: what it is called in Factiva, and where it goes in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Title,
    Author,
    Date,
    Time,
    Source,
    Language,
    Body,
    /// An extra, under this label.
    Extra(&'static str),
}

/// The codes of Factiva's field-coded layout, in their order, and whether the code is also a
/// word a paragraph may start with ("IN 2017", "BY then", "CT scans").
const CODES: &[(&str, Slot, bool)] = &[
    ("SE", Slot::Extra("Section"), false),
    ("HD", Slot::Title, false),
    ("CR", Slot::Extra("Credit"), false),
    ("BY", Slot::Author, true),
    ("WC", Slot::Extra("Length"), false),
    ("PD", Slot::Date, false),
    ("ET", Slot::Time, false),
    ("SN", Slot::Source, false),
    ("SC", Slot::Extra("Source code"), false),
    ("ED", Slot::Extra("Edition"), true),
    ("PG", Slot::Extra("Page"), false),
    ("LA", Slot::Language, false),
    ("CY", Slot::Extra("Copyright"), false),
    ("CLM", Slot::Extra("Column"), false),
    ("LP", Slot::Body, false),
    ("TD", Slot::Body, false),
    ("ART", Slot::Extra("Caption"), true),
    ("CT", Slot::Extra("Contact"), true),
    ("RF", Slot::Extra("Reference"), true),
    ("CO", Slot::Extra("Companies"), true),
    ("IN", Slot::Extra("Industries"), true),
    ("NS", Slot::Extra("Subjects"), false),
    ("RE", Slot::Extra("Regions"), true),
    ("IPC", Slot::Extra("Provider codes"), false),
    ("IPD", Slot::Extra("Provider descriptors"), false),
    ("PUB", Slot::Extra("Publisher"), true),
    ("AN", Slot::Extra("Document"), true),
];

/// A field's code apart from its value by a tab or two spaces, or alone on its line, opens the
/// field wherever it is. Apart by one space it may be a paragraph's first word ("LA Galaxy
/// won", "HD video"), so it opens a field only if the code is no word, and inside the text
/// only if it is one of the codes that come after the text and are no word; `AN` always, when
/// "Document" follows.
fn code_line(line: &str, in_text: bool) -> Option<(&'static str, Slot, &str)> {
    let letters = line.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(2..=3).contains(&letters) {
        return None;
    }
    let (code, rest) = line.split_at(letters);
    let &(code, slot, a_word) = CODES.iter().find(|(c, _, _)| *c == code)?;
    let value = rest.trim();
    let apart = rest.is_empty() || rest.starts_with('\t') || rest.starts_with("  ");
    let one_space = rest.starts_with(' ');
    let taken = apart
        || (one_space && code == "AN" && value.starts_with("Document"))
        || (one_space && !a_word && (!in_text || matches!(code, "NS" | "IPC" | "IPD")));
    taken.then_some((code, slot, value))
}

/// Each line's field code, if it opens a field, read in its context (inside the text or not).
fn classify<'a>(lines: &[&'a str]) -> Vec<Option<(&'static str, Slot, &'a str)>> {
    let mut in_text = false;
    lines
        .iter()
        .map(|line| {
            let code = code_line(line, in_text);
            if let Some((_, slot, _)) = code {
                in_text = slot == Slot::Body;
            }
            code
        })
        .collect()
}

/// The field-coded layout: a headline, a date or word count, and a document number under their
/// codes.
fn has_field_codes(lines: &[&str]) -> bool {
    let mut seen = [false; 3];
    for (code, _, _) in classify(lines).into_iter().flatten() {
        match code {
            "HD" => seen[0] = true,
            "PD" | "WC" => seen[1] = true,
            "AN" => seen[2] = true,
            _ => {}
        }
    }
    seen == [true; 3]
}

/// The field-coded articles: each starts at its `SE` or `HD`; what comes before the first is
/// none's.
fn field_blocks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    let mut has_headline = false;
    for (&line, code) in lines.iter().zip(classify(lines)) {
        let code = code.map(|(c, _, _)| c);
        let opens = match code {
            Some("HD") => has_headline || current.is_none(),
            Some("SE") => has_headline || current.is_none(),
            _ => false,
        };
        if opens {
            blocks.extend(current.take());
            current = Some(Vec::new());
            has_headline = false;
        }
        if code == Some("HD") {
            has_headline = true;
        }
        if let Some(block) = current.as_mut() {
            block.push(line);
        }
    }
    blocks.extend(current);
    blocks
}

/// "Document CASPLD0020170228ed2s0000b": a Factiva document number, which ends an article.
fn document_number(line: &str) -> Option<&str> {
    let id = line.strip_prefix("Document")?.trim_start();
    (id.len() >= 20 && id.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(id)
}

/// The plain layout's articles: each ends with its document number; what follows the last is
/// an article only if it has its word count (one cut short).
fn document_blocks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for &line in lines {
        current.push(line);
        if document_number(line).is_some() {
            blocks.push(std::mem::take(&mut current));
        }
    }
    if current.iter().any(|l| is_word_count(l)) {
        blocks.push(current);
    }
    blocks
}

/// "523 words", "1,204 words".
fn is_word_count(line: &str) -> bool {
    line.strip_suffix(" words")
        .or_else(|| line.strip_suffix(" word"))
        .is_some_and(|n| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        })
}

/// "10:42", "9:05 AM", "10:42 GMT".
fn is_time(line: &str) -> bool {
    let clock = line.split(' ').next().unwrap_or("");
    line.len() <= 16
        && clock.contains(':')
        && clock.starts_with(|c: char| c.is_ascii_digit())
        && clock.bytes().all(|b| b.is_ascii_digit() || b == b':')
}

/// "CASPLD": a source's code, capitals and digits.
fn is_source_code(line: &str) -> bool {
    (2..=12).contains(&line.len())
        && line
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// "Page 2 of 5 © 2017 Factiva, Inc. All rights reserved.": a printed page's foot, anywhere.
fn is_page_foot(line: &str) -> bool {
    line.len() < 100
        && line.contains("Factiva, Inc.")
        && (line.starts_with("Page ") || line.starts_with('©') || line.contains("rights reserved"))
}

fn is_date(line: &str) -> bool {
    matches!(read_date_value(line), DateReading::Date { .. })
}

/// An article of the field-coded layout.
fn field_article(lines: &[&str]) -> Result<Piece, String> {
    let mut fields = Fields::default();
    let mut title: Vec<&str> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut date: Option<String> = None;
    let mut time: Option<String> = None;
    // The fields in the order they came: a slot and its lines.
    let mut taken: Vec<(Slot, Vec<&str>)> = Vec::new();
    for (&line, code) in lines.iter().zip(classify(lines)) {
        match code {
            Some((_, slot, value)) => {
                taken.push((slot, Vec::new()));
                if let (Some(last), false) = (taken.last_mut(), value.is_empty()) {
                    last.1.push(value);
                }
            }
            None => {
                if let Some(last) = taken.last_mut() {
                    last.1.push(line);
                }
            }
        }
    }
    for (slot, values) in taken {
        let joined = values.join(" ");
        match slot {
            Slot::Title => title.extend(values),
            Slot::Body => body.extend(values),
            Slot::Date => date = Some(joined),
            Slot::Time => time = Some(joined),
            Slot::Author => fields.author = Some(without_by(&joined)).filter(|v| !v.is_empty()),
            Slot::Source => fields.source = Some(joined).filter(|v| !v.is_empty()),
            Slot::Language => fields.language = Some(joined).filter(|v| !v.is_empty()),
            Slot::Extra("Document") => {
                // "Document CASPLD…"; only the first line: what follows the last field is the
                // export's own (a search summary).
                let first = values.first().copied().unwrap_or("");
                fields.add_extra("Document", document_number(first).unwrap_or(first));
            }
            Slot::Extra(label) => fields.add_extra(label, &joined),
        }
    }
    fields.date = match (date, time) {
        (Some(d), Some(t)) if !t.is_empty() => Some(format!("{d} {t}")),
        (d, _) => d.filter(|d| !d.is_empty()),
    };
    let title = title.join(" ");
    piece(fields, Some(title).filter(|t| !t.is_empty()), &body)
}

/// An article of the plain layout (its lines, the document number last if it has one).
fn plain_article(lines: &[&str]) -> Result<Piece, String> {
    let Some(words) = lines.iter().position(|l| is_word_count(l)) else {
        return Err("not a Factiva article: no word count line".into());
    };
    let mut fields = Fields::default();
    let before = &lines[..words];
    let title = match before {
        [.., headline, byline] if byline.to_lowercase().starts_with("by ") => {
            fields.author = Some(without_by(byline));
            Some(*headline)
        }
        [.., headline] => Some(*headline),
        [] => None,
    };
    fields.add_extra("Length", lines[words]);
    let mut rest = &lines[words + 1..];
    let date = take_if(&mut rest, is_date);
    let time = take_if(&mut rest, is_time);
    fields.date = match (date, time) {
        (Some(d), Some(t)) => Some(format!("{d} {t}")),
        (d, _) => d.map(str::to_string),
    };
    let header_line = |l: &str| is_copyright(l) || language_code(l).is_some();
    fields.source = take_if(&mut rest, |l| {
        !header_line(l) && document_number(l).is_none()
    })
    .map(str::to_string);
    if fields.source.is_some()
        && let Some(code) = take_if(&mut rest, is_source_code)
    {
        fields.add_extra("Source code", code);
    }
    // The edition ("Final") and page ("4") may stand between the source and the language.
    let is_language = |l: &&str| language_code(l).is_some();
    if let Some(at) = rest.iter().take(3).position(is_language) {
        for line in &rest[..at] {
            if line.bytes().all(|b| b.is_ascii_digit()) {
                fields.add_extra("Page", line);
            } else {
                fields.add_extra("Edition", line);
            }
        }
        rest = &rest[at..];
    }
    while let Some(line) = take_if(&mut rest, header_line) {
        if is_copyright(line) {
            fields.add_extra("Copyright", line);
        } else {
            fields.language = Some(line.to_string());
        }
    }
    let mut body = rest;
    if let Some((last, text)) = rest.split_last()
        && let Some(id) = document_number(last)
    {
        fields.add_extra("Document", id);
        body = text;
    }
    piece(fields, title.map(str::to_string), body)
}

/// The first of `rest` if it passes `test`, taken off.
fn take_if<'s, 'a>(rest: &mut &'s [&'a str], test: impl Fn(&str) -> bool) -> Option<&'a str> {
    let slice: &'s [&'a str] = rest;
    let (first, tail) = slice.split_first()?;
    if !test(first) {
        return None;
    }
    let first = *first;
    *rest = tail;
    Some(first)
}

/// An article's piece: its headline, a blank line and its paragraphs, all body.
fn piece(mut fields: Fields, title: Option<String>, body: &[&str]) -> Result<Piece, String> {
    let body = body.join("\n\n");
    let (text, start) = match &title {
        Some(t) if body.is_empty() => (t.clone(), t.len()),
        Some(t) => (format!("{t}\n\n{body}"), t.len() + 2),
        None if body.is_empty() => return Err("an empty Factiva article".into()),
        None => (body, 0),
    };
    fields.title = title;
    Ok(Piece {
        text,
        start,
        header: Header::Body,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extras(p: &Piece) -> Vec<(&str, &str)> {
        crate::core::formats::labelled(&p.fields.extra)
    }

    #[test]
    fn field_coded_articles() -> Result<(), String> {
        let text = "Search results\n\nSE\tBusiness\nHD\tGas deal signed\nBY\tBy Anar Aliyev\nWC\t120 words\nPD\t28 February 2017\nET\t10:42\nSN\tThe Caspian Post\nSC\tCASPLD\nLA\tEnglish\nCY\t(c) 2017 The Caspian Post\nLP\tFirst lead.\n\nSecond lead.\nTD\tText one.\nIN 2017, a line of text.\nLA Galaxy won.\nHD video, CT scans.\nCO\tsocar : SOCAR\nAN\tDocument CASPLD0020170228ed2s0000b\nHD  Second\nPD 1 March 2017\nTD\tOnly text.\nAN\nDocument CASPLD0020170301ed31000xy\nSearch Summary\n";
        let parts = split(text).ok_or("not an export")?;
        assert_eq!(
            parts.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
            [Some(PartId::Number(1)), Some(PartId::Number(2))]
        );
        let first = parts[0].piece.as_ref()?;
        assert_eq!(
            first.text,
            "Gas deal signed\n\nFirst lead.\n\nSecond lead.\n\nText one.\n\nIN 2017, a line of text.\n\nLA Galaxy won.\n\nHD video, CT scans."
        );
        assert_eq!((first.start, first.header), (17, Header::Body));
        let f = &first.fields;
        assert_eq!(f.title.as_deref(), Some("Gas deal signed"));
        assert_eq!(f.author.as_deref(), Some("Anar Aliyev"));
        assert_eq!(f.date.as_deref(), Some("28 February 2017 10:42"));
        assert_eq!(f.source.as_deref(), Some("The Caspian Post"));
        assert_eq!(f.language.as_deref(), Some("English"));
        assert_eq!(
            extras(first),
            [
                ("Section", "Business"),
                ("Length", "120 words"),
                ("Source code", "CASPLD"),
                ("Copyright", "(c) 2017 The Caspian Post"),
                ("Companies", "socar : SOCAR"),
                ("Document", "CASPLD0020170228ed2s0000b"),
            ]
        );
        let second = parts[1].piece.as_ref()?;
        assert_eq!(second.text, "Second\n\nOnly text.");
        assert_eq!(second.fields.date.as_deref(), Some("1 March 2017"));
        assert_eq!(extras(second), [("Document", "CASPLD0020170301ed31000xy")]);
        Ok(())
    }

    #[test]
    fn plain_articles() -> Result<(), String> {
        let text = "Gas deal signed\nBy Anar Aliyev\n120 words\n28 February 2017\n10:42\nThe Caspian Post\nCASPLD\nFinal\n4\nEnglish\nCopyright 2017 The Caspian Post. All rights reserved.\nFirst paragraph.\nPage 1 of 2 © 2017 Factiva, Inc. All rights reserved.\nSecond paragraph.\nDocument CASPLD0020170228ed2s0000b\n\nNo byline here\n5 words\n1 March 2017\nBaku Daily\nEnglish\nOnly paragraph.\nDocument BAKUDY0020170301ed31000xy\nSearch Summary\n";
        let parts = split(text).ok_or("not an export")?;
        assert_eq!(parts.len(), 2);
        let first = parts[0].piece.as_ref()?;
        assert_eq!(
            first.text,
            "Gas deal signed\n\nFirst paragraph.\n\nSecond paragraph."
        );
        let f = &first.fields;
        assert_eq!(
            (f.title.as_deref(), f.author.as_deref(), f.date.as_deref()),
            (
                Some("Gas deal signed"),
                Some("Anar Aliyev"),
                Some("28 February 2017 10:42")
            )
        );
        assert_eq!(
            (f.source.as_deref(), f.language.as_deref()),
            (Some("The Caspian Post"), Some("English"))
        );
        assert_eq!(
            extras(first),
            [
                ("Length", "120 words"),
                ("Source code", "CASPLD"),
                ("Edition", "Final"),
                ("Page", "4"),
                (
                    "Copyright",
                    "Copyright 2017 The Caspian Post. All rights reserved."
                ),
                ("Document", "CASPLD0020170228ed2s0000b"),
            ]
        );
        let second = parts[1].piece.as_ref()?;
        assert_eq!(second.text, "No byline here\n\nOnly paragraph.");
        assert_eq!(second.fields.author, None);
        assert_eq!(second.fields.source.as_deref(), Some("Baku Daily"));
        assert_eq!(
            extras(second),
            [
                ("Length", "5 words"),
                ("Document", "BAKUDY0020170301ed31000xy")
            ]
        );
        Ok(())
    }

    #[test]
    fn what_is_not_an_export() {
        let cases = [
            "Talks resume\n28 February 2017\n\nThe talks resumed.",
            "HD is a television standard.\nAN\tanswer",
            "Document ABC\nThe word Document begins this line.",
            "Document CASPLD0020170228ed2s0000b\nwithout any word count",
            "",
        ];
        for text in cases {
            assert_eq!(split(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_block_that_is_no_article_is_a_problem_of_its_own() -> Result<(), String> {
        let text = "Cover page\nDocument CASPLD0020170228ed2s0000a\nHeadline\n5 words\n1 March 2017\nSource\nBody.\nDocument CASPLD0020170228ed2s0000b\n";
        let parts = split(text).ok_or("not an export")?;
        assert_eq!(
            parts[0].piece.as_ref().err().map(String::as_str),
            Some("not a Factiva article: no word count line")
        );
        assert_eq!(parts[1].piece.as_ref()?.text, "Headline\n\nBody.");
        Ok(())
    }
}
