use super::*;

/// The date a page gives (`YYYY-MM-DD`) and where it came from.
fn dated(page: &str) -> (Option<String>, Option<String>) {
    let mut fields = Fields::default();
    complete(&crate::core::formats::html::page_tokens(page), &mut fields);
    let from = fields
        .extra
        .iter()
        .find(|(k, _)| k == "Date from")
        .map(|(_, v)| v.clone());
    (fields.date.map(|d| d[..10].to_string()), from)
}

fn is(page: &str, date: &str, from: &str) {
    assert_eq!(
        dated(page),
        (Some(date.to_string()), Some(from.to_string())),
        "{page}"
    );
}

#[test]
fn structured_metadata() {
    let graph = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org",
        "@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"Talks",
        "dateModified":"2021-03-05T10:00:00Z","datePublished":"2021-03-04T08:30:00+01:00",
        "author":{"@type":"Person","name":"Ann Reporter"},"publisher":{"name":"The Outlet"}}]}
        </script></head><body><h1>Talks</h1><p>Text.</p></body></html>"#;
    is(graph, "2021-03-04", "schema.org datePublished");
    let mut fields = Fields::default();
    complete(&crate::core::formats::html::page_tokens(graph), &mut fields);
    assert_eq!(fields.date.as_deref(), Some("2021-03-04T08:30:00+01:00"));
    assert!(
        fields
            .extra
            .contains(&("Modified".into(), "2021-03-05T10:00:00+00:00".into()))
    );
    assert_eq!(fields.author.as_deref(), Some("Ann Reporter"));
    assert_eq!(fields.source.as_deref(), Some("The Outlet"));

    let created = r#"<script type="application/ld+json">{"@type":"BlogPosting",
        "dateCreated":"2019-05-01"}</script><h1>Post</h1>"#;
    is(created, "2019-05-01", "schema.org dateCreated");
    // A stray comma makes the JSON invalid; the date is still read.
    let broken = r#"<script type="application/ld+json">{"@type":"Article",
        "datePublished":"2018-02-03T00:00:00",}</script><h1>Post</h1>"#;
    is(broken, "2018-02-03", "schema.org datePublished");

    let itemprop = r#"<meta itemprop="datePublished" content="2020-06-07"><h1>A</h1>"#;
    is(itemprop, "2020-06-07", "meta datepublished");
    let dublin_core = r#"<meta name="DC.date.issued" content="2017-09-30"><h1>A</h1>"#;
    is(dublin_core, "2017-09-30", "meta dc.date.issued");
    let bt = r#"<meta name="bt:pubDate" content="2016-01-02T10:00:00Z"><h1>A</h1>"#;
    is(bt, "2016-01-02", "meta bt:pubdate");
    // The modification date comes first in the page; the publication date is the one taken.
    let modified = r#"<meta property="article:modified_time" content="2022-12-24T10:00:00Z">
        <meta property="article:published_time" content="2022-12-20T10:00:00Z"><h1>A</h1>"#;
    is(modified, "2022-12-20", "meta article:published_time");
    // Only a modification date: better than none, and said so.
    let only_modified = r#"<meta property="article:modified_time" content="2022-12-24"><h1>A</h1>"#;
    is(only_modified, "2022-12-24", "the modification date");
    let marked = r#"<h1>A</h1><span itemprop="datePublished" content="2015-04-03">3 April</span>"#;
    is(marked, "2015-04-03", "<time> marked as published");
}

#[test]
fn time_elements_of_the_article_only() {
    // A related post's <time> comes first in the page, in an <aside>.
    let related = r#"<body><aside class="related"><time datetime="2023-01-02">2 Jan</time></aside>
        <article><h1>Story</h1><time datetime="2023-03-04T05:06:07Z">4 March</time>
        <p>Text.</p></article></body>"#;
    is(related, "2023-03-04", "<time> near the headline");
    // An embedded Instagram post carries its own <time>.
    let embedded = r#"<h1>Story</h1><blockquote class="instagram-media"><p>Post</p>
        <time datetime="2018-07-08T09:00:00+00:00">July 8, 2018</time></blockquote>
        <div class="entry"><p>Text.</p><time datetime="2019-01-05">5 Jan</time></div>"#;
    is(embedded, "2019-01-05", "<time> near the headline");
    let pubdate = r#"<aside><time datetime="2020-01-01">x</time></aside>
        <time pubdate datetime="2014-02-03">3 Feb</time><h1>A</h1>"#;
    is(pubdate, "2014-02-03", "<time> marked as published");
}

#[test]
fn urls_and_text() {
    let url = r#"<link rel="canonical" href="https://example.org/news/2020/06/07/story-title/">
        <h1>Story</h1><p>Text with no date.</p><footer>© 2019 Example</footer>"#;
    is(url, "2020-06-07", "the URL");
    let og_url = r#"<meta property="og:url" content="https://example.org/2021-11-30-title.html">
        <h1>Story</h1>"#;
    is(og_url, "2021-11-30", "the URL");
    // The site bar's "today" comes before the headline; the byline after it.
    let today = r#"<div class="topbar"><span class="date">Monday, 4 December 2023</span></div>
        <h1>Story</h1><div class="byline">By Ann, 7 June 2020</div><p>Text.</p>"#;
    is(today, "2020-06-07", "a date line near the headline");
    // The date shown under the headline beats the metadata's.
    let shown = r#"<meta property="article:published_time" content="2019-06-17T00:00:00Z">
        <h1>Story</h1><p class="byline">by Ann, last updated 04 Jun 2020</p><p>Text.</p>"#;
    is(shown, "2020-06-04", "a date line near the headline");
    // With no headline, the top of the page may be the site bar's "today".
    let no_headline = r#"<meta property="article:published_time" content="2019-06-17T00:00:00Z">
        <div class="date">4 December 2023</div><p>Text.</p>"#;
    is(no_headline, "2019-06-17", "meta article:published_time");
    let german =
        r#"<html lang="de"><h1>Bericht</h1><p class="meta">Veröffentlicht am 7. Juni 2020</p>"#;
    is(german, "2020-06-07", "a date line near the headline");
    let french = r#"<h1>Récit</h1><p>Publié le 7 juin 2020 par Ann</p><p>Texte.</p>"#;
    is(french, "2020-06-07", "the text");
    let dotted = r#"<h1>Bericht</h1><p>Bern, 07.06.2020 – Der Rat hat entschieden.</p>"#;
    is(dotted, "2020-06-07", "the text");
    let english = r#"<h1>Story</h1><p>Posted on June 7th, 2020 by Ann</p>"#;
    is(english, "2020-06-07", "the text");
    // Only a copyright line and a date of the future: no publication date.
    let none = r#"<h1>Story</h1><p>Text.</p><footer>© 2019 Example, 1 January 2099</footer>"#;
    assert_eq!(dated(none), (None, None));
}

#[test]
fn numeric_dates() {
    // In metadata, a machine's slashes put the month first, whatever the page's language.
    let meta = r#"<html lang="de-DE"><meta name="date" content="11/01/2023 12:43:42"><h1>A</h1>"#;
    is(meta, "2023-11-01", "meta date");
    // A day above 12 settles it either way.
    let clear = r#"<html lang="en-US"><meta name="date" content="25/01/2023"><h1>A</h1>"#;
    is(clear, "2023-01-25", "meta date");
    // In the text, the page's language says: US English month first, others day first.
    let us = r#"<html lang="en-US"><h1>A</h1><p class="date">11/01/2023</p>"#;
    is(us, "2023-11-01", "a date line near the headline");
    let de = r#"<html lang="de"><h1>A</h1><p class="date">11/01/2023</p>"#;
    // English with no country said: the address's country, or the locale, says day first.
    let uk = r#"<html lang="en"><link rel="canonical" href="https://www.example.co.uk/story">
        <h1>A</h1><p class="date">02/11/2023 02:00pm GMT</p>"#;
    is(uk, "2023-11-02", "a date line near the headline");
    let au =
        r#"<meta property="og:locale" content="en_AU"><h1>A</h1><p class="date">02/11/2023</p>"#;
    is(au, "2023-11-02", "a date line near the headline");
    let plain = r#"<html lang="en"><h1>A</h1><p class="date">06/01/2020</p>"#;
    is(plain, "2020-06-01", "a date line near the headline");
    is(de, "2023-01-11", "a date line near the headline");
}

#[test]
fn dates_in_urls() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(url_date("https://x.org/a/20200607/b"), date(2020, 6, 7));
    assert_eq!(url_date("https://x.org/a/2020/13/07/b"), None);
    assert_eq!(url_date("https://x.org/id/123456789012"), None);
    // A one-digit "day" before a hyphen is a word of the slug.
    assert_eq!(url_date("https://x.org/2023/10/3-questions-for-ann/"), None);
    assert_eq!(
        url_date("https://x.org/2023/10/03-questions/"),
        date(2023, 10, 3)
    );
    // A full date in the URL beats the metadata's (as htmldate has it).
    let moved = r#"<link rel="canonical" href="https://x.org/2017/7/12/story">
        <meta itemprop="datePublished" content="2019-06-17T18:28:00+0200"><h1>A</h1>"#;
    is(moved, "2017-07-12", "the URL");
}
