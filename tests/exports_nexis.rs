//! News-database text exports read as a researcher downloads them: a Nexis export of three
//! articles with its cover page, each article with its fields, and nothing of the export's own
//! lines in the bodies.

mod common;

use dateline::core::collection::{self, Article};

fn load() -> collection::Collection {
    common::load_export_fixture("nexis")
}

fn extra<'a>(a: &'a Article, label: &str) -> Option<&'a str> {
    a.meta.extra_value(label)
}

#[test]
fn a_nexis_text_export_is_split_into_its_articles() {
    let c = load();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let mut paths: Vec<&str> = c.articles.iter().map(|a| a.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "nexis_three.txt#1",
            "nexis_three.txt#2",
            "nexis_three.txt#3"
        ]
    );
    let get = |n: usize| {
        c.articles
            .iter()
            .find(|a| a.path == format!("nexis_three.txt#{n}"))
            .expect("article")
    };
    // path#, title, published, source, byline, dateline, body starts with
    type Case<'a> = (
        usize,
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
    );
    let cases: [Case; 3] = [
        (
            1,
            "Ecologists keep watch on the Lachin road for the seventy-eighth day",
            "2017-02-28",
            "The Caspian Ledger (Baku)",
            Some("Leyla Quliyeva"),
            None,
            "Environmental activists continued their peaceful protest on the Lachin road on Monday,",
        ),
        (
            2,
            "Ministers meet in Moscow to discuss monitoring mission",
            "2017-03-01T10:42:00+00:00",
            "Northern Courier Online",
            Some("Tom Harrow and Sabina Ahmadova"),
            Some("MOSCOW"),
            "The foreign ministers met in Moscow on Tuesday",
        ),
        (
            3,
            "Editorial: a road, a mine and a month of waiting",
            "",
            "Weekly Gazette",
            None,
            None,
            "A month after the monitoring group was first proposed,",
        ),
    ];
    for (n, title, published, source, byline, dateline, body) in cases {
        let a = get(n);
        assert_eq!(a.meta.title, title, "#{n}");
        assert!(!a.meta.title_derived, "#{n}");
        let got = a.meta.published.map(|t| t.to_string()).unwrap_or_default();
        assert!(
            got.starts_with(published) || (n == 3 && got.is_empty()),
            "#{n}: {got}"
        );
        assert_eq!(a.meta.source.as_deref(), Some(source), "#{n}");
        assert_eq!(a.meta.byline.as_deref(), byline, "#{n}");
        assert_eq!(a.meta.dateline.as_deref(), dateline, "#{n}");
        assert_eq!(a.meta.language, "en", "#{n}");
        assert!(a.body().starts_with(body), "#{n}: {}", a.body());
        for not_body in [
            "LOAD-DATE",
            "Copyright",
            "All Rights Reserved",
            "LENGTH:",
            "DOCUMENTS",
            "Download Request",
        ] {
            assert!(
                !a.body().contains(not_body),
                "#{n} has {not_body:?} in its body"
            );
        }
    }
    let first = get(1);
    assert_eq!(extra(first, "Section"), Some("NEWS; Pg. 3"));
    assert_eq!(extra(first, "Length"), Some("187 words"));
    assert_eq!(extra(first, "Edition"), Some("Final Edition"));
    assert_eq!(extra(first, "Load date"), Some("March 1, 2017"));
    assert_eq!(extra(first, "Publication type"), Some("Newspaper"));
    assert_eq!(
        extra(first, "Copyright"),
        Some("Copyright 2017 The Caspian Ledger Ltd All Rights Reserved")
    );
    assert!(
        first
            .body()
            .ends_with("\"We will stay until the monitoring begins,\" one of the volunteers said.")
    );
    assert_eq!(extra(get(2), "Publication type"), Some("Web Publication"));
    // A month without its day is kept as the export's date, not made into a calendar day.
    assert_eq!(get(3).meta.published, None);
    assert_eq!(extra(get(3), "Date"), Some("March 2017"));
}

#[test]
fn reading_the_export_again_gives_the_same_identities() {
    let a: Vec<(String, String)> = load()
        .articles
        .iter()
        .map(|a| (a.path.clone(), a.content_hash.clone()))
        .collect();
    let b: Vec<(String, String)> = load()
        .articles
        .iter()
        .map(|a| (a.path.clone(), a.content_hash.clone()))
        .collect();
    assert_eq!(a, b);
}

/// An export of thousands of articles is read on several threads: every article is there once,
/// with its own number and fields.
#[test]
fn a_large_export_keeps_every_article_and_its_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("Download Request: Selected Items: 1-1500\n\n");
    for n in 1..=1500 {
        text.push_str(&format!(
            "\n      {n} of 1500 DOCUMENTS\n\n        Outlet {n}\n\n        March {}, 2017\n\nHeadline number {n}\n\nLENGTH: {n} words\n\nBody of article {n}.\n\nLOAD-DATE: March 30, 2017\n",
            n % 28 + 1
        ));
    }
    std::fs::write(dir.path().join("big.txt"), text).expect("write");
    let c = collection::load(dir.path()).expect("opens");
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.articles.len(), 1500);
    let distinct: std::collections::HashSet<&str> =
        c.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(distinct.len(), 1500, "each article once");
    for a in &c.articles {
        let n: usize = a
            .path
            .trim_start_matches("big.txt#")
            .parse()
            .expect("a number");
        assert_eq!(a.meta.title, format!("Headline number {n}"));
        assert_eq!(
            a.meta.source.as_deref(),
            Some(format!("Outlet {n}").as_str())
        );
        assert_eq!(a.body(), format!("Body of article {n}."));
        assert_eq!(
            a.meta.published.map(|t| t.date.to_string()),
            Some(format!("2017-03-{:02}", n % 28 + 1))
        );
    }
}
