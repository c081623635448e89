//! WordprocessingML as paragraphs: the text of `word/document.xml` (runs, tabs, line breaks,
//! tables as rows of tab-separated cells) and which paragraphs are headings, by their style.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;

/// The WordprocessingML namespaces: transitional (what Word writes) and strict.
const NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// How deep a chain of `basedOn` styles is followed (a loop in a broken file must end).
const MAX_STYLE_DEPTH: usize = 16;

/// One paragraph of the document (or one row of a table).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, trimmed; a line break inside the paragraph is `\n`, a tab `\t`.
    pub text: String,
    /// Its style makes it a heading (Title, Heading 1…), or it has an outline level.
    pub heading: bool,
}

/// The heading styles of `word/styles.xml`, by style id.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    /// Style id → (a heading by its own name or outline level, the style it is based on).
    styles: HashMap<String, (bool, Option<String>)>,
}

impl Styles {
    /// Reads `word/styles.xml`; what cannot be read is left out (the ids still tell headings).
    pub fn read(xml: &[u8]) -> Styles {
        let mut out = Styles::default();
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut w = WordNames::default();
        // The style being read: its id, whether it is a heading, what it is based on.
        let mut current: Option<(String, bool, Option<String>)> = None;
        loop {
            let (e, is_start) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) => {
                    if w.is(e.name(), b"style")
                        && let Some((id, heading, based_on)) = current.take()
                    {
                        out.styles.insert(id, (heading, based_on));
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            w.learn(&e);
            let name = e.name();
            if w.is(name, b"style") && is_start {
                current = attribute(&e, b"styleId").map(|id| {
                    let heading = is_heading_name(&id);
                    (id, heading, None)
                });
            } else if let Some((_, heading, based_on)) = current.as_mut() {
                if w.is(name, b"name") {
                    *heading |= attribute(&e, b"val").is_some_and(|n| is_heading_name(&n));
                } else if w.is(name, b"outlineLvl") {
                    *heading |= attribute(&e, b"val").is_some_and(|v| is_outline_level(&v));
                } else if w.is(name, b"basedOn") {
                    *based_on = attribute(&e, b"val");
                }
            }
        }
        out
    }

    /// Whether the style with this id makes a heading: its name, its outline level, or the
    /// style it is based on says so; without `styles.xml`, its id alone.
    pub fn is_heading(&self, id: &str) -> bool {
        let mut id = id;
        for _ in 0..MAX_STYLE_DEPTH {
            match self.styles.get(id) {
                Some((true, _)) => return true,
                Some((false, Some(parent))) => id = parent,
                Some((false, None)) => return false,
                None => return is_heading_name(id),
            }
        }
        false
    }
}

/// "Heading1", "heading 2", "Title": the names Word gives its heading styles (and their ids).
fn is_heading_name(name: &str) -> bool {
    let lower = name.trim().to_ascii_lowercase();
    lower == "title"
        || lower.strip_prefix("heading").is_some_and(|rest| {
            let rest = rest.trim_start();
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
        })
}

/// An outline level of a heading (0 to 8; 9 is body text).
fn is_outline_level(value: &str) -> bool {
    value.trim().parse::<u8>().is_ok_and(|level| level < 9)
}

/// The prefix the document gives the WordprocessingML namespace (`w` in what Word writes).
#[derive(Debug, Clone)]
struct WordNames {
    /// `None`: the default namespace.
    prefix: Option<Vec<u8>>,
    learnt: bool,
}

impl Default for WordNames {
    fn default() -> Self {
        WordNames {
            prefix: Some(b"w".to_vec()),
            learnt: false,
        }
    }
}

impl WordNames {
    /// Takes the prefix from the root element's namespace declarations.
    fn learn(&mut self, root: &BytesStart) {
        if self.learnt {
            return;
        }
        self.learnt = true;
        for a in root.attributes().flatten() {
            if !NAMESPACES.contains(&a.value.as_ref()) {
                continue;
            }
            let key = a.key.as_ref();
            if key == b"xmlns" {
                self.prefix = None;
            } else if let Some(prefix) = key.strip_prefix(b"xmlns:") {
                self.prefix = Some(prefix.to_vec());
            }
        }
    }

    /// Whether `name` is the WordprocessingML element `local`.
    fn is(&self, name: QName, local: &[u8]) -> bool {
        name.local_name().as_ref() == local
            && match (name.prefix(), self.prefix.as_deref()) {
                (Some(p), Some(want)) => p.as_ref() == want,
                (None, None) => true,
                _ => false,
            }
    }
}

/// An attribute's value by its local name (`w:val` → `val`).
fn attribute(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A table being read: the row's cells so far and the cell's text.
#[derive(Debug, Default)]
struct Table {
    row: Vec<String>,
    cell: String,
}

/// Appends a piece of text to a cell, a space between paragraphs.
fn push_spaced(to: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(text);
}

/// The paragraphs of `word/document.xml`, in document order; empty ones are left out. Text in a
/// text box comes before the paragraph that holds it. Markup that is not well formed is an error.
pub fn paragraphs(xml: &[u8], styles: &Styles) -> Result<Vec<Paragraph>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut w = WordNames::default();
    let mut out = Vec::new();
    // Open paragraphs: a text box's paragraphs sit inside a run of another.
    let mut open: Vec<Paragraph> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_text = false;
    let mut in_properties = 0usize;
    // Inside `mc:Fallback`, which repeats what `mc:Choice` already said.
    let mut skipped = 0usize;
    // Elements open: a document cut short ends with some still open.
    let mut depth = 0usize;
    let finish = |p: Paragraph, tables: &mut Vec<Table>, out: &mut Vec<Paragraph>| {
        let text = p.text.trim();
        match tables.last_mut() {
            Some(table) => push_spaced(&mut table.cell, text),
            None if !text.is_empty() => out.push(Paragraph {
                text: text.to_string(),
                heading: p.heading,
            }),
            None => {}
        }
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                w.learn(&e);
                depth += 1;
                let name = e.name();
                if name.local_name().as_ref() == b"Fallback" {
                    skipped += 1;
                    continue;
                }
                if skipped > 0 {
                    continue;
                }
                if w.is(name, b"p") {
                    open.push(Paragraph::default());
                } else if w.is(name, b"t") {
                    in_text = true;
                } else if w.is(name, b"pPr") {
                    in_properties += 1;
                } else if w.is(name, b"tbl") {
                    tables.push(Table::default());
                } else {
                    empty_element(&w, &e, in_properties > 0, open.last_mut(), styles);
                }
            }
            Event::Empty(e) => {
                w.learn(&e);
                if skipped == 0 {
                    empty_element(&w, &e, in_properties > 0, open.last_mut(), styles);
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.name();
                if name.local_name().as_ref() == b"Fallback" {
                    skipped = skipped.saturating_sub(1);
                    continue;
                }
                if skipped > 0 {
                    continue;
                }
                if w.is(name, b"p") {
                    if let Some(p) = open.pop() {
                        finish(p, &mut tables, &mut out);
                    }
                } else if w.is(name, b"t") {
                    in_text = false;
                } else if w.is(name, b"pPr") {
                    in_properties = in_properties.saturating_sub(1);
                } else if w.is(name, b"tc") {
                    if let Some(table) = tables.last_mut() {
                        let cell = std::mem::take(&mut table.cell);
                        table.row.push(cell);
                    }
                } else if w.is(name, b"tr") {
                    if let Some(table) = tables.last_mut() {
                        let row = std::mem::take(&mut table.row);
                        // Trailing empty cells say nothing.
                        let row = row.join("\t");
                        let row = row.trim_end();
                        if tables.len() > 1 {
                            // A table in a cell: its rows are that cell's text.
                            let inner = tables.len() - 2;
                            push_spaced(&mut tables[inner].cell, row);
                        } else if !row.trim().is_empty() {
                            out.push(Paragraph {
                                text: row.to_string(),
                                heading: false,
                            });
                        }
                    }
                } else if w.is(name, b"tbl") {
                    tables.pop();
                }
            }
            Event::Text(e) if in_text && skipped == 0 => {
                if let Some(p) = open.last_mut() {
                    let text = e
                        .decode()
                        .map_err(|e| format!("text that is not UTF-8: {e}"))?;
                    // A line end inside `w:t` is shown as a space.
                    p.text.extend(text.chars().map(|c| match c {
                        '\n' | '\r' => ' ',
                        c => c,
                    }));
                }
            }
            Event::CData(e) if in_text && skipped == 0 => {
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&String::from_utf8_lossy(&e));
                }
            }
            Event::GeneralRef(e) if in_text && skipped == 0 => {
                if let Some(p) = open.last_mut() {
                    let resolved = e.resolve_char_ref().map_err(|e| e.to_string())?;
                    match resolved {
                        Some(c) => p.text.push(c),
                        None => {
                            let name = e.decode().map_err(|e| e.to_string())?;
                            if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                                p.text.push_str(s);
                            }
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 || !open.is_empty() || !tables.is_empty() {
        return Err("malformed XML: the document is cut short".into());
    }
    Ok(out)
}

/// What an element without content (or whose content does not matter) adds to the paragraph:
/// a tab, a line break, a hyphen, or the paragraph's style.
fn empty_element(
    w: &WordNames,
    e: &BytesStart,
    in_properties: bool,
    paragraph: Option<&mut Paragraph>,
    styles: &Styles,
) {
    let Some(p) = paragraph else {
        return;
    };
    let name = e.name();
    if in_properties {
        // A `w:tab` here is a tab stop, not a tab.
        if w.is(name, b"pStyle") {
            p.heading |= attribute(e, b"val").is_some_and(|id| styles.is_heading(&id));
        } else if w.is(name, b"outlineLvl") {
            p.heading |= attribute(e, b"val").is_some_and(|v| is_outline_level(&v));
        }
    } else if w.is(name, b"tab") {
        p.text.push('\t');
    } else if w.is(name, b"br") || w.is(name, b"cr") {
        p.text.push('\n');
    } else if w.is(name, b"noBreakHyphen") {
        p.text.push('-');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn texts(body: &str) -> Result<Vec<(String, bool)>, String> {
        Ok(paragraphs(doc(body).as_bytes(), &Styles::default())?
            .into_iter()
            .map(|p| (p.text, p.heading))
            .collect())
    }

    #[test]
    fn paragraphs_runs_and_breaks() -> Result<(), String> {
        let cases: &[(&str, &[(&str, bool)])] = &[
            (
                r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Talks</w:t></w:r><w:r><w:t xml:space="preserve"> resume</w:t></w:r></w:p>"#,
                &[("Talks resume", true)],
            ),
            (
                r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d&amp;e&#233;</w:t><w:noBreakHyphen/></w:r></w:p>"#,
                &[("a\tb\nc\nd&eé-", false)],
            ),
            (
                r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>T</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p><w:p><w:r><w:delText>gone</w:delText><w:instrText>PAGE</w:instrText><w:t>kept</w:t></w:r></w:p>"#,
                &[("T", true), ("kept", false)],
            ),
            (
                r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>in</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p>"#,
                &[("a b\tc", false), ("in\tner\td", false), ("after", false)],
            ),
            (
                r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent><w:t>outer</w:t></w:r></w:p>"#,
                &[("boxed", false), ("outer", false)],
            ),
            (
                r#"<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Level</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>Body</w:t></w:r></w:p>"#,
                &[("Level", true), ("Body", false)],
            ),
        ];
        for (body, want) in cases {
            let want: Vec<(String, bool)> = want.iter().map(|(t, h)| (t.to_string(), *h)).collect();
            assert_eq!(texts(body)?, want, "{body}");
        }
        Ok(())
    }

    #[test]
    fn another_prefix_is_read_and_malformed_xml_is_an_error() -> Result<(), String> {
        let xml = r#"<doc:document xmlns:doc="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><doc:body><doc:p><doc:r><doc:t>Hi</doc:t></doc:r></doc:p><w:p><w:r><w:t>other</w:t></w:r></w:p></doc:body></doc:document>"#;
        let got = paragraphs(xml.as_bytes(), &Styles::default())?;
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "Hi");
        for bad in [
            doc("<w:p><w:r><w:t>open</w:r></w:p>"),
            doc("<w:p><w:r><w:t>x</w:t></w:r>"),
            "<w:document".to_string(),
        ] {
            assert!(
                paragraphs(bad.as_bytes(), &Styles::default()).is_err(),
                "{bad}"
            );
        }
        Ok(())
    }

    #[test]
    fn heading_styles_by_name_outline_and_parent() {
        let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Kop"><w:name w:val="Kop"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My head"/><w:basedOn w:val="berschrift1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
            <w:style w:type="paragraph" w:styleId="Body9"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
        </w:styles>"#;
        let styles = Styles::read(styles.as_bytes());
        let cases = [
            ("berschrift1", true),
            ("Kop", true),
            ("MyHead", true),
            ("Normal", false),
            ("Loop", false),
            ("Body9", false),
            ("Heading2", true),
            ("Title", true),
            ("Headings", false),
            ("Subtitle", false),
        ];
        for (id, want) in cases {
            assert_eq!(styles.is_heading(id), want, "{id}");
        }
    }
}
