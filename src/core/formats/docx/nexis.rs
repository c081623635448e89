//! Nexis Uni's Word exports: a cover page, then articles that each run from a headline to
//! "End of Document", their metadata lines before a "Body" line and a few after the text.
//!
//! An article reads: headline, outlet, date line ("February 28, 2017 Tuesday", perhaps an
//! edition or a time after it), a copyright line, labelled lines ("Section: NEWS; Pg. 3",
//! "Length: 187 words", "Byline: …", "Dateline: MOSCOW"), "Body", the paragraphs, and labelled
//! lines again ("Classification", "Language: ENGLISH", "Load-Date: March 1, 2017"). The cover
//! ("Documents (2)", "Client/Matter:", "Search Terms:", the numbered list of headlines) comes
//! before the first headline and is no article.

use super::super::export_fields::{is_copyright, take_labelled};
use super::super::{Fields, Header, Part, PartId, Piece, Reading};
use super::one_line;
use super::xml::Paragraph;
use crate::core::timestamp::{DateReading, read_date_line};

const END: &str = "End of Document";
const BODY: &str = "Body";

/// Labels of the lines that may follow an article's text: they end its body, and are never
/// taken from the middle of it.
const TRAILER_LABELS: [&str; 17] = [
    "load-date",
    "language",
    "publication-type",
    "document-type",
    "subject",
    "geographic",
    "industry",
    "person",
    "organization",
    "company",
    "ticker",
    "journal code",
    "notes",
    "graphic",
    "correction",
    "correction-date",
    "url",
];

/// The lines of a cover page, by how they start (lower case).
const COVER_STARTS: [&str; 8] = [
    "client/matter:",
    "search terms:",
    "search type:",
    "narrowed by",
    "user name:",
    "date and time:",
    "job number:",
    "content type",
];

/// Whether the paragraphs are a Nexis Uni export: an "End of Document" line and a "Body" line.
pub fn is_export(paragraphs: &[Paragraph]) -> bool {
    paragraphs.iter().any(|p| p.text == END) && paragraphs.iter().any(|p| p.text == BODY)
}

/// The articles of an export, numbered from 1 in the file's order. A stretch between two
/// "End of Document" lines without a "Body" line is a problem of its own, unless it is only a
/// cover page.
pub fn articles(paragraphs: &[Paragraph]) -> Reading {
    let mut parts = Vec::new();
    for chunk in paragraphs.split(|p| p.text == END) {
        let piece = match chunk.iter().position(|p| p.text == BODY) {
            Some(body) => article(&chunk[..body], &chunk[body + 1..]),
            None if chunk.iter().all(|p| is_cover_line(&p.text)) => continue,
            None => Err("a part of the Nexis Uni export without a \"Body\" line".to_string()),
        };
        parts.push(Part {
            id: Some(PartId::Number(parts.len() + 1)),
            piece,
        });
    }
    Reading {
        warnings: Vec::new(),
        parts,
    }
}

/// One article from the paragraphs before its "Body" line and after it.
fn article(head: &[Paragraph], rest: &[Paragraph]) -> Result<Piece, String> {
    let mut fields = Fields::default();
    read_head(head, &mut fields);
    let trailer_start = trailer_start(rest);
    let body: Vec<&str> = rest[..trailer_start]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let mut last_label: Option<usize> = None;
    for p in &rest[trailer_start..] {
        take_line(&p.text, &mut fields, &mut last_label);
    }
    let body = body.join("\n\n");
    let (text, start) = match fields.title.as_deref() {
        Some(title) if !body.is_empty() => (format!("{title}\n\n{body}"), title.len() + 2),
        Some(title) => (title.to_string(), title.len()),
        None if !body.trim().is_empty() => (body, 0),
        None => return Err("an article of the Nexis Uni export without a headline or text".into()),
    };
    Ok(Piece {
        text,
        start,
        header: Header::Body,
        fields,
    })
}

/// Reads the lines before "Body" into `fields`: headline, outlet, date, then copyright and
/// labelled lines; a cover page before the headline is left out.
fn read_head(head: &[Paragraph], fields: &mut Fields) {
    let head = &head[cover_end(head)..];
    let date = head.iter().position(|p| date_split(&p.text).is_some());
    let before_date = &head[..date.unwrap_or(head.len())];
    // The headline: the last heading before the date, or the line two before it (outlet
    // between), or the first line.
    let title = match before_date.iter().rposition(|p| p.heading) {
        Some(i) => Some(i),
        None => match date {
            Some(d) if d >= 2 => Some(d - 2),
            Some(0) => None,
            _ => (!head.is_empty()).then_some(0),
        },
    };
    let mut next = 0;
    if let Some(t) = title {
        fields.title = Some(one_line(&head[t].text));
        next = t + 1;
    }
    match date {
        Some(d) => {
            let source = before_date[next.min(d)..]
                .iter()
                .map(|p| one_line(&p.text))
                .collect::<Vec<_>>()
                .join(" ");
            if !source.is_empty() {
                fields.source = Some(source);
            }
            if let Some((date, edition)) = date_split(&head[d].text) {
                fields.date = Some(date);
                fields.add_extra("Edition", &edition);
            }
            next = d + 1;
        }
        None => {
            // No date line: the line after the headline is the outlet, unless it is labelled.
            if let Some(p) = head.get(next)
                && key_value(&p.text).is_none()
                && !is_copyright(&p.text)
            {
                fields.source = Some(one_line(&p.text));
                next += 1;
            }
        }
    }
    let mut last_label: Option<usize> = None;
    for p in &head[next.min(head.len())..] {
        // A time or an edition on a line of its own, right after the date.
        if last_label.is_none()
            && !is_copyright(&p.text)
            && key_value(&p.text).is_none()
            && let Some(date) = fields.date.as_deref()
        {
            let joined = format!("{date} {}", one_line(&p.text));
            if matches!(read_date_line(&joined), DateReading::Date { .. }) {
                fields.date = Some(joined);
            } else {
                fields.add_extra("Edition", &p.text);
            }
            continue;
        }
        take_line(&p.text, fields, &mut last_label);
    }
}

/// Takes a metadata line: copyright, a labelled line ("Byline: …"), or the continuation of the
/// labelled line before it. `last_label` is the index in `fields.extra` of that line's value.
fn take_line(line: &str, fields: &mut Fields, last_label: &mut Option<usize>) {
    let line = line.trim();
    if line.eq_ignore_ascii_case("classification") || line.is_empty() {
        return;
    }
    if is_copyright(line) {
        fields.add_extra("Copyright", line);
        *last_label = None;
        return;
    }
    let Some((key, value)) = key_value(line) else {
        match last_label.and_then(|i| fields.extra.get_mut(i)) {
            Some((_, v)) => {
                v.push(' ');
                v.push_str(&one_line(line));
            }
            None => fields.add_extra("Note", line),
        }
        return;
    };
    *last_label = None;
    let value = one_line(value);
    let before = fields.extra.len();
    take_labelled(fields, key, &value);
    if fields.extra.len() > before {
        *last_label = Some(before);
    }
}

/// Where the lines after an article's text start: the labelled lines (and "Classification")
/// that end it.
fn trailer_start(rest: &[Paragraph]) -> usize {
    let mut start = rest.len();
    while start > 0 {
        let text = rest[start - 1].text.trim();
        let trailer = text.eq_ignore_ascii_case("classification")
            || key_value(text)
                .is_some_and(|(k, _)| TRAILER_LABELS.contains(&k.to_ascii_lowercase().as_str()));
        if !trailer {
            break;
        }
        start -= 1;
    }
    start
}

/// "Key: value" with a short key of words (at most three, letters and hyphens).
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let words = key.split_whitespace().count();
    let plain = key
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == ' ' || c == '/');
    (plain && (1..=3).contains(&words) && key.len() <= 30).then_some((key, value.trim()))
}

/// Where a cover page before the first headline ends (0 without one): after its last line
/// ("Documents (2)", a search's settings) or the last of its list of headlines, numbered from 1
/// on. A headline that starts with a number ("5. Reasons…") is not taken for the list's.
fn cover_end(head: &[Paragraph]) -> usize {
    let mut end = 0;
    let mut next = 1;
    for (i, p) in head.iter().enumerate() {
        if is_cover_marker(&p.text) {
            end = i + 1;
        } else if end > 0 && numbered(&p.text) == Some(next) {
            next += 1;
            end = i + 1;
        }
    }
    end
}

/// A line of the cover page: its settings, or a numbered headline of its list.
fn is_cover_line(line: &str) -> bool {
    is_cover_marker(line) || numbered(line).is_some()
}

/// "Documents (2)", "Client/Matter: -None-", "Search Terms: …": lines only a cover page has.
fn is_cover_marker(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    if COVER_STARTS.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    lower
        .strip_prefix("documents (")
        .and_then(|n| n.strip_suffix(')'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The number of a numbered line: "1. Talks resume in Baku" → 1.
fn numbered(line: &str) -> Option<usize> {
    let line = line.trim();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || !line[digits..].starts_with(". ") {
        return None;
    }
    line[..digits].parse().ok()
}

/// A date line: the date, and what follows it on the line ("Final Edition"), if anything.
/// The date is the longest run of the first words that is a date and nothing else.
fn date_split(line: &str) -> Option<(String, String)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > 12 || key_value(line).is_some() {
        return None;
    }
    (2..=words.len()).rev().find_map(|n| {
        let date = words[..n].join(" ");
        matches!(read_date_line(&date), DateReading::Date { .. })
            .then(|| (date, words[n..].join(" ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(lines: &[&str]) -> Vec<Paragraph> {
        lines
            .iter()
            .map(|l| match l.strip_prefix("# ") {
                Some(h) => Paragraph {
                    text: h.to_string(),
                    heading: true,
                },
                None => Paragraph {
                    text: l.to_string(),
                    heading: false,
                },
            })
            .collect()
    }

    #[test]
    fn date_lines() {
        let cases = [
            (
                "February 28, 2017 Tuesday",
                Some(("February 28, 2017 Tuesday", "")),
            ),
            (
                "February 28, 2017 Tuesday Final Edition",
                Some(("February 28, 2017 Tuesday", "Final Edition")),
            ),
            ("28 February 2017", Some(("28 February 2017", ""))),
            ("The Caspian Ledger", None),
            ("Date and Time: Mar 01, 2017", None),
            ("Talks on March 5, 2017 ended in Baku", None),
        ];
        for (line, want) in cases {
            let got = date_split(line);
            let got = got.as_ref().map(|(d, e)| (d.as_str(), e.as_str()));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn cover_lines_and_labels() {
        for (line, want) in [
            ("Documents (2)", true),
            ("Client/Matter: -None-", true),
            ("Search Terms: caspian", true),
            ("1. Talks resume", true),
            ("12. Talks", true),
            ("2017 was a year", false),
            ("Talks resume", false),
        ] {
            assert_eq!(is_cover_line(line), want, "{line}");
        }
        assert_eq!(
            crate::core::formats::export_fields::label_for_people("Load-Date"),
            "Load date"
        );
        assert_eq!(
            crate::core::formats::export_fields::label_for_people("Publication-Type"),
            "Publication type"
        );
        assert_eq!(
            key_value("Section: NEWS; Pg. 3"),
            Some(("Section", "NEWS; Pg. 3"))
        );
        assert_eq!(key_value("He said: no"), Some(("He said", "no")));
        assert_eq!(key_value("At 10:30 the ministers, all of them, met"), None);
    }

    type Want<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
    );

    fn check(lines: &[&str], want: &[Result<Want, &str>]) {
        assert!(is_export(&paras(lines)));
        let reading = articles(&paras(lines));
        let got: Vec<Result<Want, &str>> = reading
            .parts
            .iter()
            .enumerate()
            .map(|(i, part)| {
                assert_eq!(part.id, Some(PartId::Number(i + 1)));
                match &part.piece {
                    Ok(p) => Ok((
                        p.fields.title.as_deref(),
                        p.fields.source.as_deref(),
                        p.fields.date.as_deref(),
                        p.fields.author.as_deref(),
                        &p.text[p.start..],
                    )),
                    Err(e) => Err(e.as_str()),
                }
            })
            .collect();
        assert_eq!(got, want, "{lines:?}");
    }

    #[test]
    fn articles_of_an_export() {
        // A cover, a heading as headline, an edition and labelled lines.
        check(
            &[
                "# Documents (1)",
                "Client/Matter: -None-",
                "Search Terms: caspian",
                "1. Talks resume",
                "# Talks resume",
                "The Caspian Ledger",
                "February 28, 2017 Tuesday",
                "Final Edition",
                "Copyright 2017 The Caspian Ledger",
                "Byline: Leyla Quliyeva",
                "Body",
                "First.",
                "Second.",
                "Load-Date: March 1, 2017",
                "End of Document",
            ],
            &[Ok((
                Some("Talks resume"),
                Some("The Caspian Ledger"),
                Some("February 28, 2017 Tuesday"),
                Some("Leyla Quliyeva"),
                "First.\n\nSecond.",
            ))],
        );
        // No cover, no headings, no byline nor load date; a time after the date; a part without
        // "Body"; blank paragraphs after the last article.
        check(
            &[
                "Ferry service halted",
                "Port Weekly",
                "March 3, 2018",
                "10:30 AM GMT",
                "Length: 90 words",
                "Body",
                "Ferries stopped.",
                "End of Document",
                "Stray words",
                "End of Document",
                "No date here",
                "Body",
                "Text.",
                "End of Document",
            ],
            &[
                Ok((
                    Some("Ferry service halted"),
                    Some("Port Weekly"),
                    Some("March 3, 2018 10:30 AM GMT"),
                    None,
                    "Ferries stopped.",
                )),
                Err("a part of the Nexis Uni export without a \"Body\" line"),
                Ok((Some("No date here"), None, None, None, "Text.")),
            ],
        );
    }

    #[test]
    fn a_numbered_headline_is_not_the_covers() {
        check(
            &[
                "Documents (2)",
                "Search Terms: reasons",
                "1. 5. Reasons to take the ferry",
                "2. Grain prices",
                "5. Reasons to take the ferry",
                "Port Weekly",
                "March 3, 2018",
                "Body",
                "One.",
                "End of Document",
                "2. Grain prices",
                "Farm Weekly",
                "March 4, 2018",
                "Body",
                "Two.",
                "End of Document",
            ],
            &[
                Ok((
                    Some("5. Reasons to take the ferry"),
                    Some("Port Weekly"),
                    Some("March 3, 2018"),
                    None,
                    "One.",
                )),
                Ok((
                    Some("2. Grain prices"),
                    Some("Farm Weekly"),
                    Some("March 4, 2018"),
                    None,
                    "Two.",
                )),
            ],
        );
    }

    #[test]
    fn metadata_lines_go_to_fields_not_the_body() -> Result<(), String> {
        let lines = paras(&[
            "Headline",
            "Outlet",
            "May 2, 2019 Thursday",
            "© 2019 Outlet Ltd",
            "Section: WORLD; Pg. 3",
            "Highlight: The first line",
            "and its second line",
            "Dateline: MOSCOW",
            "Body",
            "Note: a body line that looks labelled.",
            "Classification",
            "Language: ENGLISH",
            "Publication-Type: Newspaper",
            "Load-Date: May 3, 2019",
            "End of Document",
        ]);
        let reading = articles(&lines);
        let piece = reading.parts[0].piece.as_ref().map_err(Clone::clone)?;
        assert_eq!(
            piece.text,
            "Headline\n\nNote: a body line that looks labelled."
        );
        assert_eq!(piece.start, "Headline\n\n".len());
        assert_eq!(piece.fields.dateline.as_deref(), Some("MOSCOW"));
        assert_eq!(piece.fields.language.as_deref(), Some("ENGLISH"));
        let extra: Vec<(&str, &str)> = crate::core::formats::labelled(&piece.fields.extra);
        assert_eq!(
            extra,
            [
                ("Copyright", "© 2019 Outlet Ltd"),
                ("Section", "WORLD; Pg. 3"),
                ("Highlight", "The first line and its second line"),
                ("Publication type", "Newspaper"),
                ("Load date", "May 3, 2019"),
            ]
        );
        Ok(())
    }
}
