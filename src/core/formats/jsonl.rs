//! JSON Lines: one article a line, from the object's fields and its longest text field.

use super::encoding::decode_owned;
use super::rows::{self, NumberedRow, Row};
use super::{ReadOptions, Reading};

/// Reads a JSON Lines file: one part a line that is not blank.
pub fn read(bytes: Vec<u8>, _options: &ReadOptions) -> Result<Reading, String> {
    let decoded = decode_owned(bytes, false)?;
    rows::parts(decoded.warning, jsonl(&decoded.text))
}

/// Rows of a JSON Lines file; a line that is not a JSON object is an error for that row (1-based).
pub fn jsonl(text: &str) -> Vec<NumberedRow> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(map)) => {
                let mut row = Row::default();
                for (k, v) in &map {
                    let value = match v {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Number(n) => n.to_string(),
                        _ => continue,
                    };
                    row.take(k, &value);
                }
                Ok(row)
            }
            Ok(_) => Err("not a JSON object".to_string()),
            Err(e) => Err(format!("not JSON: {e}")),
        };
        out.push((i + 1, row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows() -> Result<(), String> {
        let lines = "{\"Title\": \"One\", \"published_at\": \"2021-05-15\", \"text\": \"Short\", \"content\": \"The longer text\"}\nnot json\n\n[1,2]\n";
        let rows = jsonl(lines);
        assert_eq!(rows.len(), 3);
        let (line, first) = &rows[0];
        let first = first.as_ref().map_err(Clone::clone)?;
        assert_eq!(
            (*line, first.fields.title.as_deref(), first.body.as_str()),
            (1, Some("One"), "The longer text")
        );
        assert_eq!(first.fields.date.as_deref(), Some("2021-05-15"));
        assert!(
            rows[1]
                .1
                .as_ref()
                .err()
                .is_some_and(|e| e.starts_with("not JSON"))
        );
        assert_eq!(rows[2].0, 4);
        Ok(())
    }
}
