//! Markdown, with or without YAML (`---`) or TOML (`+++`) front matter giving its fields.

use super::encoding::decode_owned;
use super::{Fields, Header, Piece, ReadOptions, Reading};

/// Reads a Markdown file: the front matter's fields, and the text after it still to be read for
/// a headline and date.
pub fn read(bytes: Vec<u8>, _options: &ReadOptions) -> Result<Reading, String> {
    let decoded = decode_owned(bytes, false)?;
    let (fields, start) = markdown_front_matter(&decoded.text);
    let piece = Piece {
        text: decoded.text,
        start,
        header: Header::Lines,
        fields,
    };
    Ok(Reading::whole(decoded.warning, piece))
}

/// Markdown with YAML (`---`) or TOML (`+++`) front matter: its fields and where the body starts.
/// Only flat `key: value` / `key = "value"` pairs are read; lists and nesting are skipped.
pub fn markdown_front_matter(text: &str) -> (Fields, usize) {
    let mut fields = Fields::default();
    let fence = if text.starts_with("---\n") {
        "---"
    } else if text.starts_with("+++\n") {
        "+++"
    } else {
        return (fields, 0);
    };
    let mut offset = 4;
    for line in text[4..].split_inclusive('\n') {
        let content = line.trim_end();
        offset += line.len();
        if content == fence || (fence == "---" && content == "...") {
            return (fields, offset);
        }
        let pair = if fence == "---" {
            content.split_once(':')
        } else {
            content.split_once('=')
        };
        if let Some((key, value)) = pair
            && !key.starts_with([' ', '\t', '-'])
        {
            fields.set(key, unquote(value.trim()));
        }
    }
    // No closing fence: not front matter after all.
    (Fields::default(), 0)
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter() {
        let yaml = "---\ntitle: \"Talks in Brussels\"\ndate: 2023-05-14\nauthor: Anna\ntags:\n  - eu\n---\nBody.\n";
        let (f, start) = markdown_front_matter(yaml);
        assert_eq!(f.title.as_deref(), Some("Talks in Brussels"));
        assert_eq!(f.date.as_deref(), Some("2023-05-14"));
        assert_eq!(f.author.as_deref(), Some("Anna"));
        assert_eq!(&yaml[start..], "Body.\n");
        let toml = "+++\ntitle = 'Ceasefire'\nsource = \"Trend\"\n+++\nText.\n";
        let (f, start) = markdown_front_matter(toml);
        assert_eq!(f.title.as_deref(), Some("Ceasefire"));
        assert_eq!(f.source.as_deref(), Some("Trend"));
        assert_eq!(&toml[start..], "Text.\n");
        let unclosed = "---\ntitle: x\nno end";
        assert_eq!(markdown_front_matter(unclosed), (Fields::default(), 0));
    }
}
