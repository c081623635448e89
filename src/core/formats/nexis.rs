//! Nexis (LexisNexis) text exports: a cover page, then `N of M DOCUMENTS` blocks, each with its
//! source, date and edition lines, headline, labelled fields (`BYLINE:`, `SECTION:`, `LENGTH:`),
//! body, closing fields (`LOAD-DATE:`, `LANGUAGE:`, `PUBLICATION-TYPE:`) and copyright line.

use super::export_fields::{is_copyright, take_labelled};
use super::{Fields, Header, Part, PartId, Piece};

/// Labels that close the body: what comes after them is the export's, not the article's.
const CLOSING: [&str; 8] = [
    "LOAD-DATE",
    "LANGUAGE",
    "PUBLICATION-TYPE",
    "DOCUMENT-TYPE",
    "GRAPHIC",
    "URL",
    "JOURNAL-CODE",
    "SUBJECT",
];

/// The articles of a Nexis text export, or `None` when `text` is not one.
pub fn split(text: &str) -> Option<Vec<Part>> {
    // Most files are not exports: one SIMD search decides for them.
    static DOCUMENT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" DOCUMENT"));
    DOCUMENT.find(text.as_bytes())?;
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| is_document_line(lines[i]))
        .collect();
    if starts.is_empty() {
        return None;
    }
    let parts = starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            Part {
                id: Some(PartId::Number(k + 1)),
                piece: document(&lines[start + 1..end]),
            }
        })
        .collect();
    Some(parts)
}

/// `1 of 10 DOCUMENTS` (alone on its line, centred by spaces).
fn is_document_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), [n, of, m, docs]
        if n.bytes().all(|b| b.is_ascii_digit())
            && of.eq_ignore_ascii_case("of")
            && m.bytes().all(|b| b.is_ascii_digit())
            && (*docs == "DOCUMENTS" || *docs == "DOCUMENT"))
}

/// `BYLINE: …` → ("BYLINE", "…"): an upper-case label of letters and hyphens.
fn label(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.trim_start().split_once(':')?;
    let is_label = name.len() >= 2
        && name.len() <= 24
        && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
        && name.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
    is_label.then(|| (name, value.trim()))
}

/// Paragraphs of lines (blank lines between), as they are: the indentation tells centred lines.
fn paragraphs<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(*line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A paragraph's lines on one line: Nexis wraps its text at about 80 characters.
fn join(lines: &[&str]) -> String {
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

/// One `N of M DOCUMENTS` block.
fn document(lines: &[&str]) -> Result<Piece, String> {
    let paras = paragraphs(lines);
    let mut fields = Fields::default();
    let mut i = 0;
    // The centred lines before the headline: source, date, edition or time.
    let centred = |p: &[&str]| p[0].len() - p[0].trim_start().len() >= 4;
    let mut header_lines = Vec::new();
    while i < paras.len() && centred(&paras[i]) && label(paras[i][0]).is_none() {
        header_lines.extend(paras[i].iter().map(|l| l.trim()));
        i += 1;
    }
    // Text from a PDF or Word export has lost the centring: then the lines down to the first
    // date line (and an edition or time line after it) are the header.
    if header_lines.is_empty() {
        let is_date = |p: &[&str]| {
            p.len() == 1
                && matches!(
                    crate::core::timestamp::read_date_value(p[0].trim()),
                    crate::core::timestamp::DateReading::Date { .. }
                )
        };
        if let Some(k) = (0..paras.len().min(4)).find(|&k| is_date(&paras[k])) {
            let mut end = k + 1;
            if let Some(next) = paras.get(end)
                && next.len() == 1
                && label(next[0]).is_none()
                && (next[0]
                    .trim()
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit())
                    || next[0].contains("Edition"))
            {
                end += 1;
            }
            header_lines.extend(paras[..end].iter().flat_map(|p| p.iter().map(|l| l.trim())));
            i = end;
        }
    }
    let mut date_at = None;
    for (k, line) in header_lines.iter().enumerate() {
        if date_at.is_none()
            && matches!(
                crate::core::timestamp::read_date_value(line),
                crate::core::timestamp::DateReading::Date { .. }
            )
        {
            date_at = Some(k);
        }
    }
    for (k, line) in header_lines.iter().enumerate() {
        match date_at {
            _ if k == 0 && date_at != Some(0) => fields.source = Some(line.to_string()),
            Some(d) if k == d => fields.date = Some(line.to_string()),
            // A time right after the date belongs to it ("10:42 AM GMT").
            Some(d) if k == d + 1 && line.bytes().next().is_some_and(|b| b.is_ascii_digit()) => {
                if let Some(date) = &mut fields.date {
                    date.push(' ');
                    date.push_str(line);
                }
            }
            // "March 2017": a date without its day, which no calendar day can stand for.
            _ if k > 0 && has_month_and_year(line) => fields.add_extra("Date", line),
            _ => fields.add_extra("Edition", line),
        }
    }
    // The headline: the first left-aligned paragraph that is not a labelled field.
    let mut title = String::new();
    if i < paras.len() && label(paras[i][0]).is_none() {
        title = join(&paras[i]);
        i += 1;
    }
    // Labelled fields before the body.
    while i < paras.len()
        && let Some((name, value)) = label(paras[i][0])
        && !CLOSING.contains(&name)
    {
        let rest = join(&paras[i][1..]);
        let value = if rest.is_empty() {
            value.to_string()
        } else {
            format!("{value} {rest}")
        };
        take_labelled(&mut fields, name, &value);
        i += 1;
    }
    // The body, up to the closing fields or the copyright line.
    let mut body = Vec::new();
    while i < paras.len() && !is_copyright(paras[i][0]) {
        if let Some((name, _)) = label(paras[i][0])
            && CLOSING.contains(&name)
        {
            break;
        }
        body.push(join(&paras[i]));
        i += 1;
    }
    // The closing fields and copyright lines, in any order.
    for p in &paras[i..] {
        if let Some((name, value)) = label(p[0]) {
            let rest = join(&p[1..]);
            let value = if rest.is_empty() {
                value.to_string()
            } else {
                format!("{value} {rest}")
            };
            take_labelled(&mut fields, name, &value);
        } else if is_copyright(p[0]) {
            fields.add_extra("Copyright", &join(p));
        } else if let Some((_, copyright)) =
            fields.extra.iter_mut().rfind(|(k, _)| k == "Copyright")
        {
            // "All Rights Reserved" on the line after the copyright.
            copyright.push(' ');
            copyright.push_str(&join(p));
        }
    }
    if title.is_empty() && body.is_empty() {
        return Err("an empty document in the Nexis export".into());
    }
    if !title.is_empty() {
        fields.title = Some(title.clone());
    }
    let body = body.join("\n\n");
    let (text, start) = if title.is_empty() {
        (body, 0)
    } else {
        (format!("{title}\n\n{body}"), title.len() + 2)
    };
    Ok(Piece {
        text,
        start,
        header: Header::Body,
        fields,
    })
}

/// A month's name and a four-digit year ("March 2017", "Spring 2017" is not).
fn has_month_and_year(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .any(|w| crate::core::timestamp::month_number(w).is_some())
        && words
            .iter()
            .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "\
Download Request: Selected Items: 1-2
Terms: (monitoring)
Source: All English Language News



                               1 of 2 DOCUMENTS


                          The Caspian Ledger (Baku)

                          February 28, 2017 Tuesday
                                Final Edition

Ecologists keep watch
on the Lachin road

BYLINE: By Leyla Quliyeva

SECTION: NEWS; Pg. 3

LENGTH: 187 words


Environmental activists continued their protest
on Monday.

A second paragraph.

LOAD-DATE: March 1, 2017

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper


                  Copyright 2017 The Caspian Ledger Ltd
                              All Rights Reserved



                               2 of 2 DOCUMENTS

                            Northern Courier Online

                             March 1, 2017
                              10:42 AM GMT

Ministers meet

DATELINE: MOSCOW

The ministers met.
";

    #[test]
    fn a_nexis_export_gives_its_documents() -> Result<(), String> {
        let parts = split(EXPORT).ok_or("not taken for an export")?;
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].id, Some(PartId::Number(1)));
        let a = parts[0].piece.clone()?;
        assert_eq!(
            a.fields.title.as_deref(),
            Some("Ecologists keep watch on the Lachin road")
        );
        assert_eq!(
            a.fields.source.as_deref(),
            Some("The Caspian Ledger (Baku)")
        );
        assert_eq!(a.fields.date.as_deref(), Some("February 28, 2017 Tuesday"));
        assert_eq!(a.fields.author.as_deref(), Some("Leyla Quliyeva"));
        assert_eq!(a.fields.language.as_deref(), Some("ENGLISH"));
        let extra: Vec<(&str, &str)> = crate::core::formats::labelled(&a.fields.extra);
        assert_eq!(
            extra,
            [
                ("Edition", "Final Edition"),
                ("Section", "NEWS; Pg. 3"),
                ("Length", "187 words"),
                ("Load date", "March 1, 2017"),
                ("Publication type", "Newspaper"),
                (
                    "Copyright",
                    "Copyright 2017 The Caspian Ledger Ltd All Rights Reserved"
                ),
            ]
        );
        assert_eq!(
            &a.text[a.start..],
            "Environmental activists continued their protest on Monday.\n\nA second paragraph."
        );
        let b = parts[1].piece.clone()?;
        assert_eq!(b.fields.date.as_deref(), Some("March 1, 2017 10:42 AM GMT"));
        assert_eq!(b.fields.dateline.as_deref(), Some("MOSCOW"));
        assert_eq!(&b.text[b.start..], "The ministers met.");
        Ok(())
    }

    #[test]
    fn an_export_that_lost_its_centring_still_gives_its_fields() -> Result<(), String> {
        let text = "1 of 1 DOCUMENT\n\nThe Caspian Ledger\n\nFebruary 28, 2017 Tuesday\n\nFinal Edition\n\nFerries return\n\nBYLINE: Leyla Quliyeva\n\nThe ferry line reopened.\n\nLOAD-DATE: March 1, 2017\n";
        let parts = split(text).ok_or("not taken for an export")?;
        let a = parts[0].piece.clone()?;
        assert_eq!(a.fields.source.as_deref(), Some("The Caspian Ledger"));
        assert_eq!(a.fields.date.as_deref(), Some("February 28, 2017 Tuesday"));
        assert_eq!(a.fields.title.as_deref(), Some("Ferries return"));
        assert_eq!(a.fields.author.as_deref(), Some("Leyla Quliyeva"));
        assert_eq!(&a.text[a.start..], "The ferry line reopened.");
        Ok(())
    }

    #[test]
    fn other_texts_are_not_exports() {
        for text in [
            "",
            "Headline\n\n2017-02-28\n\nBody with 1 of 2 documents inside a sentence.",
            "1 of many DOCUMENTS",
            "1 of 2 documents",
        ] {
            assert!(split(text).is_none(), "{text:?}");
        }
        // A block with nothing in it is a problem, not an empty article.
        let parts = split("cover\n\n  1 of 1 DOCUMENTS\n\n\n").unwrap_or_default();
        assert_eq!(parts.len(), 1);
        assert!(parts[0].piece.is_err());
    }
}
