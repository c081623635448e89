//! Web archives read as a researcher saves them: a WARC (plain and gzipped), a WACZ and an
//! MHTML page, each page an article known by its URL (`news.warc.gz#https://…`), with its
//! fields, the latest capture of a URL kept, and a cut archive loading up to the cut.

mod common;

use dateline::core::collection::{self, Article, Collection};

fn load() -> Collection {
    common::load_export_fixture("archives")
}

fn extra<'a>(a: &'a Article, label: &str) -> Option<&'a str> {
    a.meta.extra_value(label)
}

const FERRY: &str = "https://news.example.org/news/1";
const LIBRARY: &str = "https://news.example.org/news/2";

#[test]
fn every_archive_gives_its_pages_by_url() {
    let c = load();
    let paths: Vec<&str> = c.articles.iter().map(|a| a.path.as_str()).collect();
    let want = [
        "council.mhtml".to_string(),
        format!("cut.warc.gz#{FERRY}"),
        format!("news.warc#{FERRY}"),
        format!("news.warc#{LIBRARY}"),
        format!("news.warc.gz#{FERRY}"),
        format!("news.warc.gz#{LIBRARY}"),
        format!("site.wacz#{FERRY}"),
        format!("site.wacz#{LIBRARY}"),
    ];
    assert_eq!(paths, want);
    for a in &c.articles {
        assert_eq!(
            collection::file_of(&a.path),
            a.path.split('#').next().unwrap_or("")
        );
    }
}

#[test]
fn pages_with_their_fields_and_the_latest_capture() {
    let c = load();
    // file, url, title, published, byline, date from the capture, captured, body starts with
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        bool,
        &'a str,
        &'a str,
    );
    let ferry = |file| -> Case {
        (
            file,
            FERRY,
            // The newer capture (5 March), though the older one (20 February) comes later.
            "Ferry service to resume in spring",
            "2024-03-04T18:30:00+01:00",
            Some("Mara Quillon"),
            false,
            "2024-03-05T09:00:01Z",
            "The harbour board said on Monday that the ferry to Gull Island will sail again",
        )
    };
    let library = |file| -> Case {
        (
            file,
            LIBRARY,
            "Library extends its opening hours",
            // The page gives no date: the capture time stands in, and says so.
            "2024-03-05T09:00:03+00:00",
            None,
            true,
            "2024-03-05T09:00:03Z",
            "The town library will stay open until nine in the evening on weekdays.",
        )
    };
    let cases = [
        ferry("news.warc"),
        library("news.warc"),
        ferry("news.warc.gz"),
        library("news.warc.gz"),
        ferry("site.wacz"),
        library("site.wacz"),
        ferry("cut.warc.gz"),
    ];
    for (file, url, title, published, byline, from_capture, captured, body) in cases {
        let path = format!("{file}#{url}");
        let a = c
            .articles
            .iter()
            .find(|a| a.path == path)
            .unwrap_or_else(|| panic!("no article {path}"));
        assert_eq!(a.meta.title, title, "{path}");
        assert_eq!(a.meta.url.as_deref(), Some(url), "{path}");
        assert_eq!(
            a.meta.published.map(|t| t.to_string()).as_deref(),
            Some(published),
            "{path}"
        );
        assert_eq!(a.meta.byline.as_deref(), byline, "{path}");
        assert_eq!(extra(a, "Captured"), Some(captured), "{path}");
        assert_eq!(
            extra(a, "Date from"),
            Some(if from_capture {
                "the capture time"
            } else {
                "meta article:published_time"
            }),
            "{path}"
        );
        assert!(a.body().starts_with(body), "{path}: {:?}", a.body());
        assert!(!a.text.contains("Home | Town"), "{path}: the page's menu");
    }
    // Gzipped and chunked in windows-1252, as the server sent it.
    let library = c
        .articles
        .iter()
        .find(|a| a.path == format!("news.warc.gz#{LIBRARY}"))
        .expect("the library page");
    assert!(
        library.body().contains("reading-room café"),
        "{}",
        library.body()
    );
}

#[test]
fn what_is_not_a_page_is_counted_once_per_file() {
    let c = load();
    let warnings = |path: &str| {
        c.articles
            .iter()
            .find(|a| a.path == path)
            .map(|a| a.meta.warnings.clone())
            .unwrap_or_else(|| panic!("no article {path}"))
    };
    // warcinfo, request, image, metadata.
    let skipped = "4 records that are not web pages skipped";
    let cases: [(String, Vec<&str>); 4] = [
        (format!("news.warc#{FERRY}"), vec![skipped]),
        (format!("news.warc.gz#{LIBRARY}"), vec![skipped]),
        // The WACZ's page list leaves out the weather widget its WARC also holds.
        (
            format!("site.wacz#{FERRY}"),
            vec![skipped, "1 web page not in the archive's page list skipped"],
        ),
        // Cut inside the fifth record: warcinfo, request and image were read before it.
        (
            format!("cut.warc.gz#{FERRY}"),
            vec!["3 records that are not web pages skipped"],
        ),
    ];
    for (path, want) in cases {
        assert_eq!(warnings(&path), want, "{path}");
    }
}

#[test]
fn a_cut_archive_and_a_plain_gzip_are_problems() {
    let c = load();
    let problems: Vec<(&str, &str)> = c
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.reason.as_str()))
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let (path, reason) = problems[0];
    assert_eq!(path, format!("cut.warc.gz#{LIBRARY}"));
    assert!(
        reason.starts_with("the archive is cut short or damaged inside this record")
            && reason.ends_with("the records after it are lost"),
        "{reason}"
    );
    let not_read = format!(
        "not an article: .gz files are not read (articles are {})",
        dateline::core::formats::extensions_read()
    );
    assert_eq!(problems[1], ("notes.txt.gz", not_read.as_str()));
}

#[test]
fn a_saved_page_is_one_article() {
    let c = load();
    let a = c
        .articles
        .iter()
        .find(|a| a.path == "council.mhtml")
        .expect("the saved page");
    assert_eq!(a.meta.title, "Council approves the new sea wall");
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://news.example.org/news/3")
    );
    assert_eq!(
        a.meta.published.map(|t| t.to_string()).as_deref(),
        Some("2024-03-06T11:15:00+01:00")
    );
    assert_eq!(a.meta.byline.as_deref(), Some("Tobin Arcell"));
    assert_eq!(extra(a, "Saved"), Some("Wed, 6 Mar 2024 12:40:00 -0000"));
    assert_eq!(extra(a, "Captured"), None);
    // Quoted-printable undone: no `=3D`, no soft line breaks.
    assert!(
        a.body().starts_with(
            "Councillors voted seven to two on Tuesday for the sea wall along Quay Street."
        ),
        "{:?}",
        a.body()
    );
    assert!(a.meta.warnings.is_empty(), "{:?}", a.meta.warnings);
}

/// The Whole page toggle: a page in an archive (or saved as MHTML) shows its menus too, and
/// each field says where it came from.
#[test]
fn the_whole_page_of_a_page_in_an_archive() {
    let c = load();
    let mut paths: Vec<String> = ["news.warc", "news.warc.gz", "site.wacz"]
        .iter()
        .map(|f| format!("{f}#{FERRY}"))
        .collect();
    paths.push("council.mhtml".into());
    for path in &paths {
        assert!(collection::has_whole_page(path), "{path}");
        let whole =
            collection::whole_page_of(&c.root, path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(whole.contains("Home | Town"), "{path}: {whole}");
        let a = common::article(&c, path);
        assert!(!a.text.contains("Home | Town"), "{path}");
        assert!(extra(a, "URL from").is_some(), "{path}");
        assert_eq!(extra(a, "Title from"), Some("the headline, <h1>"), "{path}");
    }
    let gone = collection::whole_page_of(&c.root, "news.warc#https://news.example.org/none");
    assert_eq!(gone, Err("the page is no longer in the file".to_string()));
    assert!(!collection::has_whole_page("notes.txt.gz"));
}
