//! schema.org JSON-LD: the publication and modification dates of the page's article (an
//! `Article`, `NewsArticle`, `BlogPosting`… before a `WebPage`, in `@graph` arrays too), its
//! author and publisher; invalid JSON is still searched for its `datePublished`.

use serde_json::Value;

use super::scan::script_dates;

/// What the JSON-LD of a page says.
#[derive(Default)]
pub(super) struct LinkedData {
    /// Candidates in order of trust: (value, key).
    pub(super) published: Vec<(String, &'static str)>,
    pub(super) modified: Option<String>,
    pub(super) author: Option<String>,
    pub(super) publisher: Option<String>,
}

/// schema.org types of an article, then of a page.
fn type_rank(object: &serde_json::Map<String, Value>) -> u8 {
    let types: Vec<&str> = match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.iter().any(|t| {
        t.ends_with("Article")
            || [
                "BlogPosting",
                "Report",
                "Posting",
                "LiveBlogPosting",
                "Review",
            ]
            .contains(t)
    }) {
        0
    } else if types.iter().any(|t| t.ends_with("Page")) {
        1
    } else {
        2
    }
}

pub(super) fn json_ld(scripts: &[String]) -> LinkedData {
    // (rank, order, key priority, value)
    let mut found: Vec<(u8, usize, u8, String, &'static str)> = Vec::new();
    let mut out = LinkedData::default();
    let mut order = 0;
    for script in scripts {
        let text = script
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        match serde_json::from_str::<Value>(text.trim()) {
            Ok(value) => walk(&value, &mut found, &mut out, &mut order),
            Err(_) => {
                // Invalid JSON (a stray comma, an unescaped quote): the key's value read as text.
                let mut dates = Vec::new();
                script_dates(text, &mut dates);
                for d in dates {
                    found.push((3, order, 0, d, "datePublished"));
                    order += 1;
                }
            }
        }
    }
    found.sort_by_key(|(rank, order, key, _, _)| (*rank, *key, *order));
    out.published = found.into_iter().map(|(_, _, _, v, k)| (v, k)).collect();
    out
}

type Found = Vec<(u8, usize, u8, String, &'static str)>;

fn walk(value: &Value, found: &mut Found, out: &mut LinkedData, order: &mut usize) {
    match value {
        Value::Array(items) => {
            for item in items {
                walk(item, found, out, order);
            }
        }
        Value::Object(object) => {
            let rank = type_rank(object);
            for (i, key) in ["datePublished", "dateCreated"].into_iter().enumerate() {
                if let Some(Value::String(v)) = object.get(key) {
                    found.push((rank, *order, i as u8, v.clone(), key));
                    *order += 1;
                }
            }
            if rank < 2 {
                if out.modified.is_none()
                    && let Some(Value::String(v)) = object.get("dateModified")
                {
                    out.modified = Some(v.clone());
                }
                if out.author.is_none() {
                    out.author = object.get("author").and_then(name_of);
                }
                if out.publisher.is_none() {
                    out.publisher = object.get("publisher").and_then(name_of);
                }
            }
            for (key, inner) in object {
                // A comment or a review of the article is not the article.
                if matches!(inner, Value::Object(_) | Value::Array(_))
                    && !["comment", "review", "author", "publisher"].contains(&key.as_str())
                {
                    walk(inner, found, out, order);
                }
            }
        }
        _ => {}
    }
}

/// The `name` of a schema.org person or organisation (or the first of a list).
fn name_of(value: &Value) -> Option<String> {
    let name = match value {
        Value::String(s) => s.clone(),
        Value::Object(o) => o.get("name")?.as_str()?.to_string(),
        Value::Array(items) => return items.iter().find_map(name_of),
        _ => return None,
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}
