//! W3C Web Annotation JSON-LD: exporting a collection's annotations as an `AnnotationCollection`
//! (TextQuoteSelector and TextPositionSelector per passage, positions in Unicode characters), and
//! importing annotations from any such file — one annotation, an array, a collection or a page.

use serde_json::{Value, json};

use super::annotations::{Annotation, AnnotationSet, Event, Passage};
use super::collection::Article;

/// The prefix of the ids Dateline gives its annotations in JSON-LD.
pub const ID_PREFIX: &str = "urn:dateline:";

/// Characters before byte `byte` of `text`.
fn chars_before(text: &str, byte: usize) -> usize {
    text.get(..byte)
        .map_or_else(|| text.chars().count(), |t| t.chars().count())
}

/// Byte offset of character `chars` of `text`.
fn byte_of_char(text: &str, chars: usize) -> Option<usize> {
    if chars == text.chars().count() {
        return Some(text.len());
    }
    text.char_indices().nth(chars).map(|(i, _)| i)
}

fn target(passage: &Passage, article: Option<&Article>) -> Value {
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": passage.exact,
        "prefix": passage.prefix,
        "suffix": passage.suffix,
    })];
    if let Some(a) = article
        && a.text.get(passage.start..passage.end) == Some(passage.exact.as_str())
    {
        selectors.push(json!({
            "type": "TextPositionSelector",
            "start": chars_before(&a.text, passage.start),
            "end": chars_before(&a.text, passage.end),
        }));
    }
    let mut target = json!({ "source": passage.path, "selector": selectors });
    // A web page's text read from a file or an archive: the page it was captured from is the
    // passage's context (the model's `scope`).
    if let Some(url) = article.and_then(|a| a.meta.url.as_deref()) {
        target["scope"] = json!(url);
    }
    target
}

fn bodies(tags: &[String], note: &str, extra: Vec<Value>) -> Vec<Value> {
    let mut out = extra;
    for tag in tags {
        out.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": tag }));
    }
    if !note.trim().is_empty() {
        out.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": note, "format": "text/plain" }));
    }
    out
}

fn with_times(mut value: Value, created: &str, modified: &str, author: &str) -> Value {
    if let Some(map) = value.as_object_mut() {
        if !author.is_empty() {
            map.insert(
                "creator".into(),
                json!({ "type": "Person", "name": author }),
            );
        }
        if !created.is_empty() {
            map.insert("created".into(), json!(created));
        }
        if !modified.is_empty() {
            map.insert("modified".into(), json!(modified));
        }
    }
    value
}

fn annotation_json(a: &Annotation, article: Option<&Article>) -> Value {
    let value = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{ID_PREFIX}{}", a.id),
        "type": "Annotation",
        "motivation": if a.tags.is_empty() && a.note.is_empty() { "highlighting" } else { "commenting" },
        "body": bodies(&a.tags, &a.note, Vec::new()),
        "target": target(&a.passage, article),
    });
    let mut value = with_times(value, &a.created, &a.modified, &a.author);
    if a.tags.is_empty()
        && a.note.is_empty()
        && let Some(map) = value.as_object_mut()
    {
        map.remove("body");
    }
    value
}

fn event_json(e: &Event, articles: &dyn Fn(&str) -> Option<Article>) -> Value {
    let mut describing = vec![json!({
        "type": "TextualBody",
        "purpose": "describing",
        "value": format!("{} ({}{}): {}", e.title, e.when.start, e.when.end.map(|d| format!("/{d}")).unwrap_or_default(), e.event_type),
    })];
    describing
        .push(json!({ "type": "TextualBody", "purpose": "classifying", "value": e.event_type }));
    let targets: Vec<Value> = e
        .evidence
        .iter()
        .map(|p| target(p, articles(&p.path).as_ref()))
        .collect();
    let value = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{ID_PREFIX}{}", e.id),
        "type": "Annotation",
        "motivation": "classifying",
        "body": bodies(&e.tags, &e.note, describing),
        "target": targets,
    });
    with_times(value, &e.created, &e.modified, &e.author)
}

/// The whole set as one `AnnotationCollection` with one page. Events without evidence have no
/// target and are left out (the Web Annotation model requires one).
pub fn export(
    set: &AnnotationSet,
    label: &str,
    articles: &dyn Fn(&str) -> Option<Article>,
) -> Value {
    let mut items: Vec<Value> = set
        .events
        .iter()
        .filter(|e| !e.evidence.is_empty())
        .map(|e| event_json(e, articles))
        .collect();
    items.extend(
        set.annotations
            .iter()
            .map(|a| annotation_json(a, articles(&a.passage.path).as_ref())),
    );
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{ID_PREFIX}collection"),
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {
            "id": format!("{ID_PREFIX}collection/page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "no Web Annotation in the file (expected an Annotation, an array, an AnnotationCollection or an AnnotationPage)"
    )]
    NoAnnotations,
}

/// What importing a file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    /// Already there (the same id): importing twice changes nothing.
    pub unchanged: usize,
    /// Targets that match no article, with why.
    pub skipped: Vec<String>,
}

/// Every annotation object in a JSON-LD document.
fn annotations_in(doc: &Value) -> Vec<&Value> {
    fn is_type(v: &Value, t: &str) -> bool {
        match v.get("type").or_else(|| v.get("@type")) {
            Some(Value::String(s)) => s == t,
            Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
            _ => false,
        }
    }
    match doc {
        Value::Array(items) => items.iter().flat_map(annotations_in).collect(),
        v if is_type(v, "Annotation") => vec![v],
        v if is_type(v, "AnnotationPage") => v.get("items").map(annotations_in).unwrap_or_default(),
        v if is_type(v, "AnnotationCollection") => {
            let mut out = Vec::new();
            let mut page = v.get("first");
            while let Some(p) = page {
                if p.is_string() {
                    break; // pages given only by IRI cannot be followed offline
                }
                out.extend(p.get("items").map(annotations_in).unwrap_or_default());
                page = p.get("next").filter(|n| n.is_object());
            }
            out
        }
        _ => Vec::new(),
    }
}

fn string_or_first(v: Option<&Value>) -> Option<&Value> {
    match v {
        Some(Value::Array(a)) => a.first(),
        other => other,
    }
}

/// Finds the passage a target points at: the article by the end of the source IRI, else by the
/// quote; the position from the quote (with context) or the position selector.
fn resolve_target(t: &Value, articles: &[Article]) -> Result<Passage, String> {
    let source = match t {
        Value::String(s) => s.as_str(),
        v => v.get("source").and_then(Value::as_str).unwrap_or(""),
    };
    let selectors: Vec<&Value> = match t.get("selector") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    let quote = selectors
        .iter()
        .find(|s| s.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"));
    let position = selectors
        .iter()
        .find(|s| s.get("type").and_then(Value::as_str) == Some("TextPositionSelector"));
    let exact = quote
        .and_then(|q| q.get("exact"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let prefix = quote
        .and_then(|q| q.get("prefix"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let suffix = quote
        .and_then(|q| q.get("suffix"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let by_source = articles.iter().filter(|_| !source.is_empty()).find(|a| {
        let path = a.path.as_str();
        source == path
            || source.ends_with(&format!("/{path}"))
            || source.trim_start_matches("file://").ends_with(path)
    });
    let article = by_source
        .or_else(|| {
            (!exact.is_empty())
                .then(|| articles.iter().find(|a| a.text.contains(exact)))
                .flatten()
        })
        .ok_or_else(|| format!("no article matches {source:?}"))?;
    let from_position = position.and_then(|p| {
        let start = byte_of_char(&article.text, p.get("start")?.as_u64()? as usize)?;
        let end = byte_of_char(&article.text, p.get("end")?.as_u64()? as usize)?;
        (start < end).then_some(start..end)
    });
    let range = if exact.is_empty() {
        from_position.ok_or_else(|| format!("no quote or position for {}", article.path))?
    } else {
        let probe = Passage {
            path: article.path.clone(),
            exact: exact.to_string(),
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            start: from_position.as_ref().map_or(0, |r| r.start),
            end: from_position.as_ref().map_or(0, |r| r.end),
            content_hash: String::new(),
        };
        super::anchor::anchor(&probe, &article.text)
            .range()
            .ok_or_else(|| format!("the quote {exact:?} is not in {}", article.path))?
    };
    Passage::from_article(article, range.start, range.end)
        .ok_or_else(|| format!("an empty passage in {}", article.path))
}

/// Merges the annotations of a JSON-LD document into `set`. Ids from the file are kept (with
/// Dateline's own prefix taken off), so importing the same file twice changes nothing.
pub fn import(
    text: &str,
    articles: &[Article],
    set: &mut AnnotationSet,
) -> Result<ImportReport, ImportError> {
    let doc: Value = serde_json::from_str(text)?;
    let found = annotations_in(&doc);
    if found.is_empty() {
        return Err(ImportError::NoAnnotations);
    }
    let mut report = ImportReport::default();
    for (n, a) in found.into_iter().enumerate() {
        let raw_id = a
            .get("id")
            .or_else(|| a.get("@id"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let id = match &raw_id {
            Some(id) => match id.strip_prefix(ID_PREFIX) {
                Some(own) => own.to_string(),
                None => format!("an-{:016x}", xxhash_rust::xxh3::xxh3_64(id.as_bytes())),
            },
            None => format!(
                "an-{:016x}",
                xxhash_rust::xxh3::xxh3_64(a.to_string().as_bytes())
            ),
        };
        if set.annotation(&id).is_some() || set.event(&id).is_some() {
            report.unchanged += 1;
            continue;
        }
        let Some(target) = string_or_first(a.get("target")) else {
            report.skipped.push(format!(
                "annotation {}: no target",
                raw_id.unwrap_or_else(|| format!("#{}", n + 1))
            ));
            continue;
        };
        let passage = match resolve_target(target, articles) {
            Ok(p) => p,
            Err(why) => {
                report.skipped.push(format!(
                    "annotation {}: {why}",
                    raw_id.unwrap_or_else(|| format!("#{}", n + 1))
                ));
                continue;
            }
        };
        let bodies: Vec<&Value> = match a.get("body") {
            Some(Value::Array(b)) => b.iter().collect(),
            Some(b) => vec![b],
            None => Vec::new(),
        };
        let mut tags = Vec::new();
        let mut notes = Vec::new();
        for b in bodies {
            let value = match b {
                Value::String(s) => Some(s.as_str()),
                v => v.get("value").and_then(Value::as_str),
            };
            let Some(value) = value else { continue };
            match b.get("purpose").and_then(Value::as_str) {
                Some("tagging") | Some("classifying") => tags.push(value.to_string()),
                _ => notes.push(value.to_string()),
            }
        }
        let time = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        set.annotations.push(Annotation {
            id,
            passage,
            tags,
            note: notes.join("\n\n"),
            created: time("created"),
            modified: time("modified"),
            modified_by: String::new(),
            author: match a.get("creator") {
                Some(Value::String(name)) => name.clone(),
                Some(c) => c
                    .get("name")
                    .or_else(|| c.get("nickname"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                None => String::new(),
            },
        });
        report.added += 1;
    }
    set.normalise();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::test_article as article;

    fn sample() -> (Vec<Article>, AnnotationSet) {
        let a = article(
            "news/a.txt",
            "2022-12-07\n\nThe ministers of Azərbaycan met in Moscow on Monday.\n",
        );
        let start = a.text.find("met in Moscow").unwrap_or(0);
        let passage =
            Passage::from_article(&a, start, start + "met in Moscow".len()).expect("passage");
        let mut set = AnnotationSet::default();
        set.annotations.push(Annotation {
            id: "an-1".into(),
            passage: passage.clone(),
            tags: vec!["meeting".into()],
            note: "Bilateral.".into(),
            created: "2026-11-23T10:00:00+00:00".into(),
            modified: "2026-11-23T10:00:00+00:00".into(),
            author: String::new(),
            modified_by: String::new(),
        });
        (vec![a], set)
    }

    #[test]
    fn export_counts_positions_in_characters() {
        let (articles, set) = sample();
        let lookup = |p: &str| articles.iter().find(|a| a.path == p).cloned();
        let doc = export(&set, "test", &lookup);
        let item = &doc["first"]["items"][0];
        assert_eq!(doc["type"], "AnnotationCollection");
        assert_eq!(item["target"]["source"], "news/a.txt");
        let position = &item["target"]["selector"][1];
        let text = &articles[0].text;
        let chars_start = text[..text.find("met").unwrap_or(0)].chars().count();
        assert_eq!(position["start"], chars_start, "ə counts as one character");
        assert_eq!(position["end"], chars_start + "met in Moscow".len());
        assert_eq!(item["body"][0]["purpose"], "tagging");
        assert_eq!(item["body"][1]["purpose"], "commenting");
        assert_eq!(
            item["target"].get("scope"),
            None,
            "a file of its own has no page"
        );
    }

    /// A passage of a web page says the page it came from.
    #[test]
    fn a_web_page_is_the_scope_of_its_passages() {
        let (mut articles, set) = sample();
        articles[0].meta.url = Some("https://news.test/2022/12/07/ministers".into());
        let lookup = |p: &str| articles.iter().find(|a| a.path == p).cloned();
        let doc = export(&set, "test", &lookup);
        let target = &doc["first"]["items"][0]["target"];
        assert_eq!(target["source"], "news/a.txt");
        assert_eq!(target["scope"], "https://news.test/2022/12/07/ministers");
    }

    #[test]
    fn import_round_trips_and_twice_changes_nothing() -> Result<(), ImportError> {
        let (articles, set) = sample();
        let lookup = |p: &str| articles.iter().find(|a| a.path == p).cloned();
        let text = export(&set, "test", &lookup).to_string();
        let mut target = AnnotationSet::default();
        let first = import(&text, &articles, &mut target)?;
        assert_eq!(first.added, 1);
        assert_eq!(target.annotations[0].passage, set.annotations[0].passage);
        assert_eq!(target.annotations[0].tags, ["meeting"]);
        let second = import(&text, &articles, &mut target)?;
        assert_eq!((second.added, second.unchanged), (0, 1));
        assert_eq!(target.annotations.len(), 1);
        Ok(())
    }

    #[test]
    fn imports_every_shape_of_document() -> Result<(), ImportError> {
        let (articles, _) = sample();
        let one = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://hyp.is/abc","type":"Annotation",
            "body":[{"type":"TextualBody","value":"protest","purpose":"tagging"},{"type":"TextualBody","value":"see also","purpose":"commenting"}],
            "target":{"source":"https://example.org/news/a.txt","selector":[{"type":"TextQuoteSelector","exact":"Moscow","prefix":"met in ","suffix":" on"}]}}"#;
        let cases: Vec<(String, usize, usize)> = vec![
            (one.to_string(), 1, 0),
            (format!("[{one}]"), 1, 0),
            (format!(r#"{{"type":"AnnotationPage","items":[{one}]}}"#), 1, 0),
            (format!(r#"{{"type":"AnnotationCollection","first":{{"type":"AnnotationPage","items":[{one}]}}}}"#), 1, 0),
            // A quote that is nowhere: skipped with a reason.
            (r#"{"type":"Annotation","target":{"source":"x.txt","selector":{"type":"TextQuoteSelector","exact":"not here"}}}"#.to_string(), 0, 1),
        ];
        for (doc, added, skipped) in cases {
            let mut set = AnnotationSet::default();
            let report = import(&doc, &articles, &mut set)?;
            assert_eq!(
                (report.added, report.skipped.len()),
                (added, skipped),
                "{doc:.80}"
            );
            if added == 1 {
                assert_eq!(set.annotations[0].passage.exact, "Moscow");
                assert_eq!(set.annotations[0].tags, ["protest"]);
                assert_eq!(set.annotations[0].note, "see also");
            }
        }
        let mut set = AnnotationSet::default();
        assert!(matches!(
            import("{}", &articles, &mut set),
            Err(ImportError::NoAnnotations)
        ));
        assert!(matches!(
            import("not json", &articles, &mut set),
            Err(ImportError::Json(_))
        ));
        Ok(())
    }
}
