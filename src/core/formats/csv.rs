//! CSV with a header row: one article a row, from the columns the header names.

use super::encoding::decode_owned;
use super::rows::{self, NumberedRow, Row};
use super::{Fields, ReadOptions, Reading};

/// Reads a CSV file: one part a row; a header that names no known column makes it no article.
pub fn read(bytes: Vec<u8>, _options: &ReadOptions) -> Result<Reading, String> {
    let decoded = decode_owned(bytes, false)?;
    let rows = csv(&decoded.text)?;
    rows::parts(decoded.warning, rows)
}

/// Rows of a CSV file with a header row, separated by commas or semicolons (whichever the header
/// has more of); a row that cannot be read is an error for that row (1-based, the header is 1).
pub fn csv(text: &str) -> Result<Vec<NumberedRow>, String> {
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .clone();
    let known = headers.iter().any(|h| {
        let mut probe = Row::default();
        probe.take(h, "x");
        probe.fields != Fields::default() || !probe.body.is_empty()
    });
    if !known {
        return Err("CSV without a title, date or text column in its header".into());
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let row = record
            .map_err(|e| format!("cannot read the row: {e}"))
            .map(|record| {
                let mut row = Row::default();
                for (h, v) in headers.iter().zip(record.iter()) {
                    row.take(h, v);
                }
                row
            });
        out.push((line, row));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows() -> Result<(), String> {
        let semicolons = "Headline;Date;Body;Source\n\"A; quoted\";2022-12-07;\"Multi\nline\";Trend\nB;2022-12-08;Text;\n";
        let rows = csv(semicolons)?;
        assert_eq!(rows.len(), 2);
        let a = rows[0].1.as_ref().map_err(Clone::clone)?;
        assert_eq!(a.fields.title.as_deref(), Some("A; quoted"));
        assert_eq!(a.body, "Multi\nline");
        assert_eq!(a.fields.source.as_deref(), Some("Trend"));
        assert_eq!(rows[1].0, 4, "the second row starts on line 4");
        assert!(csv("a,b,c\n1,2,3\n").is_err(), "no known column");
        Ok(())
    }
}
