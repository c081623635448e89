//! What JSON Lines and CSV files share: a row's columns as article fields and text, and the rows
//! as the numbered parts of one file.

use super::{Fields, Header, Part, PartId, Piece, Reading};

/// One article from a row of a JSON Lines or CSV file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub fields: Fields,
    pub body: String,
}

impl Row {
    /// Takes a column: a field under one of its usual names, or the text (the longest text column).
    pub(super) fn take(&mut self, key: &str, value: &str) {
        if !self.fields.set(key, value) {
            match key.trim().to_ascii_lowercase().as_str() {
                "text" | "body" | "content" | "article" | "description" | "summary"
                | "full_text" => {
                    let value = value.trim();
                    // The longest of the text columns is the article.
                    if value.len() > self.body.len() {
                        self.body = value.to_string();
                    }
                }
                _ => {}
            }
        }
    }
}

/// A row's line number (1-based) and the row, or why it could not be read.
pub type NumberedRow = (usize, Result<Row, String>);

/// The rows of a file as its parts, each numbered by its line; a row without a title or text is
/// a problem of its own, and a file without rows is none.
pub fn parts(warning: Option<String>, rows: Vec<NumberedRow>) -> Result<Reading, String> {
    if rows.is_empty() {
        return Err("no rows".into());
    }
    let parts = rows
        .into_iter()
        .map(|(line, row)| Part {
            id: Some(PartId::Number(line)),
            piece: row.and_then(piece),
        })
        .collect();
    Ok(Reading {
        warnings: warning.into_iter().collect(),
        parts,
    })
}

/// A row as an article: its title, a blank line and its text. The text has no header lines of
/// its own, so nothing of it is taken for one.
fn piece(row: Row) -> Result<Piece, String> {
    let Row { fields, body } = row;
    if body.trim().is_empty() && fields.title.is_none() {
        return Err("row without a title or text".into());
    }
    let (text, start) = match fields.title.as_deref() {
        Some(title) if !title.is_empty() => (format!("{title}\n\n{body}"), title.len() + 2),
        _ => (body, 0),
    };
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

    #[test]
    fn rows_become_numbered_parts() -> Result<(), String> {
        let row = |title: Option<&str>, body: &str| Row {
            fields: Fields {
                title: title.map(String::from),
                ..Fields::default()
            },
            body: body.into(),
        };
        let rows = vec![
            (2, Ok(row(Some("Title"), "Text."))),
            (3, Ok(row(None, "Text only."))),
            (4, Ok(row(None, " "))),
            (5, Err("cannot read the row".to_string())),
        ];
        let reading = parts(Some("a guess".into()), rows)?;
        assert_eq!(reading.warnings, ["a guess"]);
        let got: Vec<_> = reading
            .parts
            .iter()
            .map(|p| match &p.piece {
                Ok(piece) => (p.id.clone(), Ok((piece.text.as_str(), piece.start))),
                Err(e) => (p.id.clone(), Err(e.as_str())),
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some(PartId::Number(2)), Ok(("Title\n\nText.", 7))),
                (Some(PartId::Number(3)), Ok(("Text only.", 0))),
                (Some(PartId::Number(4)), Err("row without a title or text")),
                (Some(PartId::Number(5)), Err("cannot read the row")),
            ]
        );
        assert_eq!(parts(None, Vec::new()).err().as_deref(), Some("no rows"));
        Ok(())
    }
}
