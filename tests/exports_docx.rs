//! Word documents as a collection sees them: a Nexis Uni export split into its articles (the
//! cover page none of them), a plain Word article titled by its heading, and broken files as
//! problems. The fixtures are made by `tests/fixtures/scripts/make_docx.py`.

mod common;

use dateline::core::collection::Collection;

use common::article;

fn load() -> Collection {
    common::load_export_fixture("docx")
}

/// What an article should be, field by field.
struct Want<'a> {
    path: &'a str,
    title: &'a str,
    published: Option<&'a str>,
    source: Option<&'a str>,
    byline: Option<&'a str>,
    dateline: Option<&'a str>,
    extra: &'a [(&'a str, &'a str)],
    /// The text starts with the headline, then the body with this.
    body_starts: &'a str,
    body_ends: &'a str,
}

#[test]
fn every_article_field_by_field() {
    let c = load();
    let cases = [
        Want {
            path: "nexis_uni.docx#1",
            title: "Caspian ferry line to reopen in spring",
            published: Some("2017-02-28"),
            source: Some("The Caspian Ledger"),
            byline: Some("Leyla Quliyeva"),
            dateline: Some("BAKU"),
            extra: &[
                ("Edition", "Final Edition"),
                (
                    "Copyright",
                    "Copyright 2017 The Caspian Ledger All Rights Reserved",
                ),
                ("Section", "NEWS; Pg. 3"),
                ("Length", "187 words"),
                (
                    "Highlight",
                    "Passengers are to cross between Baku and Aktau again.",
                ),
                ("Load date", "March 1, 2017"),
            ],
            body_starts: "The ferry line between Baku and Aktau",
            body_ends: "Tickets go on sale on March 15.",
        },
        Want {
            path: "nexis_uni.docx#2",
            title: "Wheat harvest estimate raised",
            published: Some("2017-03-03T10:30:00+00:00"),
            source: Some("Steppe Farm Weekly"),
            byline: None,
            dateline: None,
            extra: &[
                ("Copyright", "Copyright 2017 Steppe Farm Weekly"),
                ("Section", "MARKETS"),
                ("Length", "96 words"),
            ],
            body_starts: "Growers now expect 14 million tonnes",
            body_ends: "Rain in February helped the winter crop.",
        },
        Want {
            path: "article.docx",
            title: "Ministers agree on a new grain corridor",
            published: Some("2019-04-12"),
            source: None,
            byline: Some("Arman Sadykov"),
            dateline: None,
            extra: &[],
            body_starts: "ASTANA - Ministers from three countries",
            body_ends: "Traders welcomed the plan & its timetable.",
        },
    ];
    for want in &cases {
        let a = article(&c, want.path);
        let path = want.path;
        assert_eq!(a.meta.title, want.title, "{path}: title");
        assert!(!a.meta.title_derived, "{path}: the title was given");
        assert_eq!(
            a.meta.published.map(|t| t.to_string()).as_deref(),
            want.published,
            "{path}: published"
        );
        assert_eq!(a.meta.source.as_deref(), want.source, "{path}: source");
        assert_eq!(a.meta.byline.as_deref(), want.byline, "{path}: byline");
        assert_eq!(
            a.meta.dateline.as_deref(),
            want.dateline,
            "{path}: dateline"
        );
        assert_eq!(a.meta.language, "en", "{path}: language");
        let extra: Vec<(&str, &str)> = dateline::core::formats::labelled(&a.meta.extra);
        assert_eq!(extra, want.extra, "{path}: extras");
        assert!(
            a.text.starts_with(want.title),
            "{path}: text starts {:?}",
            a.text
        );
        assert!(
            a.body().starts_with(want.body_starts),
            "{path}: body starts {:?}",
            a.body()
        );
        assert!(
            a.body().ends_with(want.body_ends),
            "{path}: body ends {:?}",
            a.body()
        );
        assert!(a.meta.warnings.is_empty(), "{path}: {:?}", a.meta.warnings);
    }
    assert_eq!(
        c.articles.len(),
        cases.len(),
        "no other article: the cover is none"
    );
}

#[test]
fn export_metadata_and_the_cover_stay_out_of_the_text() {
    let c = load();
    for path in ["nexis_uni.docx#1", "nexis_uni.docx#2"] {
        let a = article(&c, path);
        let body = a.body();
        // The body start is right after the headline and a blank line.
        assert_eq!(a.body_start, a.meta.title.len() + 2, "{path}");
        for line in [
            "Copyright",
            "Section:",
            "Length:",
            "Byline:",
            "Dateline:",
            "Highlight:",
            "Load-Date:",
            "End of Document",
            "Documents (2)",
            "Client/Matter:",
            "Search Terms:",
            "Narrowed by",
            "1. Caspian",
            "Final Edition",
            "Nexis Uni export",
            "Page 1 of 3",
            "a reviewer's note",
        ] {
            assert!(!a.text.contains(line), "{path}: {line:?} in {:?}", a.text);
        }
        assert!(
            !body.starts_with("Body"),
            "{path}: the Body line is no text"
        );
    }
    let first = article(&c, "nexis_uni.docx#1");
    assert_eq!(
        first.body(),
        "The ferry line between Baku and Aktau will carry passengers again from April, the port \
         authority said on Monday.\n\nTwo ships are being refitted.\tEach will take 120 \
         passengers.\n\nTickets go on sale on March 15."
    );
}

#[test]
fn a_word_article_keeps_its_paragraphs_tables_and_breaks() {
    let c = load();
    let a = article(&c, "article.docx");
    assert_eq!(
        a.text.as_str(),
        "Ministers agree on a new grain corridor\n\n12 April 2019\n\nBy Arman Sadykov\n\n\
         ASTANA - Ministers from three countries agreed on Friday to open a grain corridor by \
         rail.\n\nThe corridor is to carry\tfour million tonnes a year.\n\nYear\tTonnes\n\n\
         2019\t1.5 million\n\n2020\t4 million\n\nOfficials said the first train\nwould leave in \
         May.\n\nReactions\n\nTraders welcomed the plan & its timetable."
    );
    // Headers, footers and comments are not the article.
    for other in ["CONFIDENTIAL DRAFT", "Page 1", "check the tonnage"] {
        assert!(!a.text.contains(other), "{other}");
    }
}

#[test]
fn broken_files_are_problems_with_their_reason() {
    let c = load();
    let problems: Vec<(&str, &str)> = c
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.reason.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "broken.docx",
                "not a readable Word document: invalid Zip archive: Could not find EOCD"
            ),
            (
                "empty.docx",
                "not a readable Word document: it holds no word/document.xml"
            ),
        ]
    );
}

#[test]
fn a_docx_in_a_collection_reads_the_same_when_read_again() {
    // Identities are stable: the same parts, in the same order, on every read.
    let first: Vec<String> = load().articles.into_iter().map(|a| a.path).collect();
    let second: Vec<String> = load().articles.into_iter().map(|a| a.path).collect();
    assert_eq!(first, second);
    assert_eq!(
        first,
        ["article.docx", "nexis_uni.docx#1", "nexis_uni.docx#2"]
    );
}
