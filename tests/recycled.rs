//! Recycled text and search over the sample collection (the five seeds share whole paragraphs).

use std::sync::atomic::{AtomicBool, AtomicUsize};

use dateline::core::collection::{self, Collection};
use dateline::core::recycled::{index_texts, locate};

fn sample() -> Collection {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    match collection::load(&root) {
        Ok(c) => c,
        Err(e) => panic!("the sample does not load: {e}"),
    }
}

fn path_index(c: &Collection, prefix: &str) -> usize {
    match c.articles.iter().position(|a| a.path.starts_with(prefix)) {
        Some(i) => i,
        None => panic!("no {prefix} in the sample"),
    }
}

#[test]
fn the_seeds_recycled_paragraphs_are_found_and_found_again() {
    let c = sample();
    let texts: Vec<_> = c.articles.iter().map(|a| a.text.clone()).collect();
    let Some(index) = index_texts(&texts, &AtomicUsize::new(0), &AtomicBool::new(false)) else {
        panic!("not cancelled, yet no index");
    };
    // (article, a phrase of the shared passage, the articles it is also in)
    let cases: &[(&str, &str, &[&str])] = &[
        ("000", "illicit exploitation of minerals", &["001"]),
        ("001", "illicit exploitation of minerals", &["000"]),
        (
            "002",
            "a group of experts from the Ministry of Ecology",
            &["000", "004"],
        ),
        (
            "004",
            "a group of experts from the Ministry of Ecology",
            &["000", "002"],
        ),
    ];
    for (article, phrase, others) in cases {
        let i = path_index(&c, article);
        let text = &c.articles[i].text;
        let passages = index.passages(i, text);
        let Some(p) = passages
            .iter()
            .find(|p| text[p.range.clone()].contains(phrase))
        else {
            panic!("{article}: no recycled passage with {phrase:?} in {passages:?}");
        };
        let want: Vec<usize> = others.iter().map(|o| path_index(&c, o)).collect();
        assert_eq!(p.others, want, "{article}: {phrase:?}");
        // Opening another article finds the same words there.
        let other = &c.articles[want[want.len() - 1]].text;
        let Some(there) = locate(other, &p.hashes) else {
            panic!("{article}: {phrase:?} not found again");
        };
        assert!(other[there].contains(phrase), "{article}: {phrase:?}");
    }
    let lone = path_index(&c, "003");
    assert!(index.passages(lone, &c.articles[lone].text).is_empty());
    assert_eq!(index.articles_with_recycled, 4);
}

#[test]
fn search_over_the_seeds_finds_variants_diacritics_and_phrases() {
    use dateline::core::search::{Aliases, Matcher, find_all, parse_query};
    let c = sample();
    let articles = &c.articles;
    let aliases = Aliases::builtin();
    // (query, articles with hits, a text that must be among the hits)
    let cases: &[(&str, &[&str], &str)] = &[
        ("xankəndi", &["000", "001", "002", "004"], "Xankandi"),
        ("XANKƏNDİ", &["000", "001", "002", "004"], "Khankandi"),
        ("stepanakert", &["000", "001", "002", "004"], "Khankendi"),
        ("Qızılbulaq", &["001", "002", "003", "004"], "Gizilbulagh"),
        ("gizilbulag", &["001", "002", "003", "004"], "Gizilbulag"),
        ("dəmirli", &["001", "002", "003", "004"], "Demirli"),
        ("\"peaceful protest\"", &["002", "004"], "peaceful protest"),
        ("\"protest peaceful\"", &[], ""),
        ("lavrov bayramov", &["000", "002"], "Lavrov"),
        ("lavrov nonexistentword", &[], ""),
    ];
    for (q, want, text) in cases {
        let Some(matcher) = Matcher::new(&parse_query(q, &aliases)) else {
            panic!("{q:?} is not empty");
        };
        let found = find_all(&c.articles, |a| &a.text, &matcher);
        let paths: Vec<&str> = found
            .iter()
            .map(|(i, _)| &c.articles[*i].path[..3])
            .collect();
        assert_eq!(paths, *want, "{q:?}");
        if !text.is_empty() {
            let any = found
                .iter()
                .flat_map(|(i, hits)| hits.iter().map(move |h| &articles[*i].text[h.clone()]))
                .any(|t| t == *text);
            assert!(any, "{q:?} should hit {text:?}");
        }
    }
}
