//! Cases of the article read from a page: what stays and what goes.

use super::*;

/// An article with every kind of boilerplate around it and inside it.
const PAGE: &str = r##"<!DOCTYPE html><html><head><title>Site | Talks</title>
    <script>var x = "<p>not text</p>";</script></head><body>
    <div id="cookie-banner"><p>We use cookies to improve your experience. Accept all?</p></div>
    <header class="site-header"><a href="/">The Daily Site</a>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
    <div class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a></div>
    <main><article class="post">
      <h1>Talks resume in Baku</h1>
      <p class="standfirst">Negotiators met again on Monday, after a pause of six months.</p>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      <div class="article-body">
        <p>The talks, which had stalled in spring, resumed with a meeting of the two
        delegations, officials said.</p>
        <figure><img src="a.jpg"><figcaption>The delegations in Baku.</figcaption></figure>
        <blockquote><p>We are ready to sign, if the other side is.</p></blockquote>
        <p>Three points remain open:</p>
        <ul><li>the border, in the north;</li><li>the prisoners, on both sides.</li></ul>
        <table><tr><th>Round</th><th>Date</th></tr><tr><td>First</td><td>March</td></tr></table>
        <div class="newsletter-signup"><p>Get our morning briefing, every day, in your inbox.</p>
          <form><input type="email"><button>Subscribe</button></form></div>
        <p>A further meeting is planned for June, in Geneva, the ministry said.</p>
      </div>
      <div class="author-bio"><p>Jane Doe covers the Caucasus, from Tbilisi, for the site.</p></div>
      <div class="tags"><a href="/t/a">Diplomacy</a> <a href="/t/b">Caucasus</a></div>
    </article>
    <section class="related-articles"><h2>Related</h2><ul>
      <li><a href="/1">Earlier talks broke down, in a row over maps</a></li>
      <li><a href="/2">What the ceasefire means, for the region</a></li></ul></section>
    <section id="comments"><h2>3 comments</h2><div class="comment"><p>Finally, some good news,
      and about time, I say.</p></div><form><textarea></textarea><button>Post</button></form></section>
    </main>
    <aside><p>Most read: a story, with commas, that is not the article at all.</p></aside>
    <footer><p>© 2023 The Daily Site, all rights reserved, everywhere.</p></footer>
    </body></html>"##;

#[test]
fn the_article_stays() {
    let text = main_text(PAGE);
    let want = "Talks resume in Baku\n\n\
        Negotiators met again on Monday, after a pause of six months.\n\n\
        The talks, which had stalled in spring, resumed with a meeting of the two delegations, \
        officials said.\n\n\
        The delegations in Baku.\n\n\
        We are ready to sign, if the other side is.\n\n\
        Three points remain open:\n\n\
        - the border, in the north;\n\n\
        - the prisoners, on both sides.\n\n\
        Round | Date\n\n\
        First | March\n\n\
        A further meeting is planned for June, in Geneva, the ministry said.";
    assert_eq!(text, want);
}

#[test]
fn the_boilerplate_goes() {
    let text = main_text(PAGE);
    for gone in [
        "cookies",          // cookie banner
        "The Daily Site",   // site header and footer
        "World",            // navigation and breadcrumbs
        "Facebook",         // share bar
        "morning briefing", // newsletter box
        "Subscribe",        // its form
        "Jane Doe",         // author bio
        "Diplomacy",        // tags
        "Earlier talks",    // related articles
        "good news",        // comments
        "Most read",        // sidebar
        "rights reserved",  // footer
        "not text",         // script
    ] {
        assert!(!text.contains(gone), "{gone:?} kept in:\n{text}");
    }
}

#[test]
fn a_page_with_no_container_keeps_its_prose() {
    let page = "<body><nav><a href='/'>Home</a></nav><h1>Note</h1>\
        <p>One short line.</p><footer>Footer text</footer></body>";
    assert_eq!(main_text(page), "Note\n\nOne short line.");
}

#[test]
fn prose_paragraphs_beside_the_best_container_are_kept() {
    let long = "This sentence, with a comma, is long enough to count as prose. ".repeat(4);
    let page = format!(
        "<body><div class='content'><h1>Head</h1><div><p>{long}</p><p>{long}</p></div>\
         <p>A closing paragraph of the article, which stands beside the text's box.</p>\
         <ul class='menu'><li><a href='/'>Menu link</a></li></ul></div></body>"
    );
    let text = main_text(&page);
    assert!(text.starts_with("Head\n\nThis sentence"), "{text}");
    assert!(text.contains("A closing paragraph"), "{text}");
    assert!(!text.contains("Menu link"), "{text}");
}

#[test]
fn an_article_body_marked_as_such_wins() {
    let long = "Words of the article body, which is marked as such, go on. ".repeat(10);
    let other = "Other words, in a box with more commas, that, is, not, it. ".repeat(20);
    let page = format!(
        "<body><h1>Head</h1><div><p>{other}</p></div>\
         <div itemprop='articleBody'><p>{long}</p></div></body>"
    );
    let text = main_text(&page);
    assert!(text.contains("Words of the article"), "{text}");
    assert!(!text.contains("Other words"), "{text}");
}

#[test]
fn an_icon_title_swallows_nothing() {
    let page = "<body><header><a href='/'><svg><title/><path d='M0'/></svg></a></header>\
        <h1>Head</h1><p>The text after the icon, which a naive tokenizer would lose.</p></body>";
    assert_eq!(
        main_text(page),
        "Head\n\nThe text after the icon, which a naive tokenizer would lose."
    );
}

#[test]
fn class_words() {
    for (marks, weight) in [
        ("post-content entry", 1),
        ("share-buttons", -1),
        ("nav-main", -1),
        ("navigation", -1),
        ("canvas", 0),
        ("header-ad", -1),
        ("loaded", 0),
        ("tag-elections", 0),
        ("post-tags", -1),
        ("has-sidebar", 0),
        ("o-section--has-ads", 0),
        ("c-teaser", -1),
        ("node--view-mode-teaser", 0),
        ("view-mode-teaser", -1),
        ("article-teaser", 1),
        ("news-details__teaser", 0),
        ("image-credit", -1),
        ("abowerbung", -1),
        ("", 0),
    ] {
        assert_eq!(class_weight(marks), weight, "{marks:?}");
    }
}

/// A body named as content management systems name it is the article, even beside a block of
/// prose that is not; a standfirst outside it, between it and the headline, is kept.
#[test]
fn a_named_body_and_its_standfirst() {
    let page = r#"<html><body><div class="wrap">
        <header class="article-header"><h1>Floods close the coast road</h1>
          <div class="article__intro">Heavy rain on Sunday cut the road between two towns.</div>
          <div class="leaderboard">Advertisement, with words, and more words, to fill it.</div>
        </header>
        <div class="entry-content">
          <p>The road, which links the harbour to the airport, was closed at noon, police said.</p>
          <p>Crews expect to reopen it by Tuesday, if the rain stops, the council said.</p>
          <p>Buses will run on the old mountain road meanwhile, though it adds an hour.</p>
          <p>The last time the road closed, in 2019, it stayed shut for a week, after a slide.</p>
          <p>Residents have asked for a second road for years, and the council has promised one.</p>
          <p>Its engineers will survey the route in the spring, when the ground has dried out.</p>
          <p>Until then, the harbour's ferries will carry cars twice a day, at a reduced fare.</p>
        </div>
        <div class="more-stories">
          <p>Another story, with commas, and long enough to be prose, about something else.</p>
          <p>A third story, with commas, and as long as the others, about another town.</p>
          <p>A fourth story, with commas, also long enough to score as readability scores.</p>
        </div></div></body></html>"#;
    let want = "Floods close the coast road\n\n\
        Heavy rain on Sunday cut the road between two towns.\n\n\
        The road, which links the harbour to the airport, was closed at noon, police said.\n\n\
        Crews expect to reopen it by Tuesday, if the rain stops, the council said.\n\n\
        Buses will run on the old mountain road meanwhile, though it adds an hour.\n\n\
        The last time the road closed, in 2019, it stayed shut for a week, after a slide.\n\n\
        Residents have asked for a second road for years, and the council has promised one.\n\n\
        Its engineers will survey the route in the spring, when the ground has dried out.\n\n\
        Until then, the harbour's ferries will carry cars twice a day, at a reduced fare.";
    assert_eq!(main_text(page), want);
}

#[test]
fn names_of_bodies_and_standfirsts() {
    for (name, body, standfirst) in [
        ("entry-content", true, false),
        ("article__body", true, false),
        ("c-article-body--wide", false, false),
        ("entry-content-footer", false, false),
        ("article-body--wide", true, false),
        ("article__intro", false, true),
        ("teaser-text", false, true),
        ("ts-intro", false, true),
        ("article-deck", false, true),
        ("leaderboard", false, false),
        ("lead-image", false, false),
    ] {
        assert_eq!(is_body_name(name), body, "{name}");
        assert_eq!(is_standfirst_name(name), standfirst, "{name}");
    }
}

/// An article far shorter than the page's text outside its boilerplate was only a part of it:
/// the page's body, boilerplate left out, is read instead.
#[test]
fn a_short_article_falls_back_to_the_page() {
    let long = "<li>The recipe takes an hour and serves six people who like cake.</li>".repeat(30);
    let page = format!(
        r#"<html><body><nav><a href="/">Home</a></nav>
        <div class="intro"><p>{}</p></div>
        <ul>{long}</ul>
        <footer><p>Footer text, with commas, that never belongs to it.</p></footer>
        </body></html>"#,
        "A first paragraph, with commas, that scores as readability scores. ".repeat(5)
    );
    let text = main_text(&page);
    assert!(text.contains("serves six people"), "{text}");
    assert!(!text.contains("Footer text"), "{text}");
    assert!(!text.contains("Home"), "{text}");
}

/// An article page with the kinds of boilerplate found inside and after the article body:
/// credits under pictures, another page's teaser, a date line, calls to subscribe and follow,
/// a "Related" heading and the list after it.
fn page_with(inside: &str, after: &str) -> String {
    let para = |n: usize| {
        format!("<p>Paragraph {n} of the report, with commas, says what the council decided.</p>")
    };
    let body: String = (1..=6).map(para).collect();
    format!(
        "<html><body><article><h1>Council votes on the bridge</h1>\
         <div class='article-body'>{inside}{body}{after}</div></article></body></html>"
    )
}

#[test]
fn what_goes_inside_and_after_an_article() {
    for (inside, after, gone, kept) in [
        (
            "<figure><img src='a.jpg'><figcaption>Foto: Jan Muster</figcaption></figure>",
            "",
            "Jan Muster",
            "Paragraph 1",
        ),
        (
            "<figure><img src='a.jpg'><figcaption>Clipdealer</figcaption></figure>",
            "",
            "Clipdealer",
            "Paragraph 1",
        ),
        (
            "<figure><img src='a.jpg'><figcaption>The bridge at dawn. \
             <small>Reuters/J. Doe</small></figcaption></figure>",
            "",
            "Reuters",
            "The bridge at dawn.",
        ),
        (
            "<figure><img src='a.jpg'><figcaption>The old bridge, closed since May.\
             </figcaption></figure>",
            "",
            "",
            "The old bridge, closed since May.",
        ),
        (
            "<div class='c-teaser'><p>Another story the site wants read, \
             with words enough.</p></div>",
            "",
            "Another story",
            "Paragraph 6",
        ),
        (
            "<div class='article-teaser'><p>The council met on Monday night, \
             for three hours.</p></div>",
            "",
            "",
            "The council met on Monday night",
        ),
        (
            "<p>Veröffentlichung: 2. Februar 2022</p>",
            "",
            "Veröffentlichung",
            "Paragraph 1",
        ),
        (
            "",
            "<p>Subscribe now to our print edition for the full story.</p>\
             <p>Follow us on Twitter and Facebook.</p>",
            "Subscribe",
            "Paragraph 6",
        ),
        (
            "",
            "<p>This article is the copyrighted property of the site.</p>",
            "copyrighted",
            "Paragraph 6",
        ),
        (
            "",
            "<h3>Mehr zum Thema</h3><p>Bridges elsewhere: a long story about them, told \
             with commas.</p><p>Roads, too, with more commas, and more words in it.</p>",
            "Bridges elsewhere",
            "Paragraph 6",
        ),
        (
            "",
            "<p>The council will vote again, the mayor said, and follow the plan.</p>",
            "",
            "follow the plan",
        ),
        (
            "<p>Mit\u{ad}tel\u{ad}al\u{ad}ter, with soft hyphens and a zero\u{200b}width \
             space.</p>",
            "",
            "\u{ad}",
            "Mittelalter, with soft hyphens and a zerowidth space.",
        ),
    ] {
        let text = main_text(&page_with(inside, after));
        if !gone.is_empty() {
            assert!(!text.contains(gone), "{gone:?} kept in:\n{text}");
        }
        assert!(text.contains(kept), "{kept:?} lost from:\n{text}");
    }
}

/// An `<svg>` icon left open is ended by the HTML after it, as in a browser; the article
/// after it is read.
#[test]
fn an_unclosed_icon_swallows_nothing() {
    let page = "<body><div class='share'><a href='#'><svg class='icon'><use href='#i'/></a>\
        </div><h1>Head</h1><div class='article-body'><p>The text after the icon, which the \
        icon left open would swallow.</p></div></body>";
    assert_eq!(
        main_text(page),
        "Head\n\nThe text after the icon, which the icon left open would swallow."
    );
}

/// A blog whose posts its scripts lay out keeps them for readers without scripts, in
/// `<noscript>`: that text is read.
#[test]
fn what_a_page_shows_without_scripts_is_read() {
    let long = "The post, with commas, tells what happened at the meeting, in full. ".repeat(6);
    let page = format!(
        "<body><h1>Head</h1><div class='post-body'><noscript><p>{long}</p></noscript></div></body>"
    );
    assert!(main_text(&page).contains("The post, with commas"));
}

/// A page nested deeper than any page is (200 000 `<div>`s, some never closed) is read to its
/// text without overflowing the stack.
#[test]
fn a_page_nested_too_deep_is_read() {
    let page = format!(
        "<body><h1>Deep</h1>{}<p>The text at the bottom, with commas, is still read.</p>{}</body>",
        "<div>".repeat(200_000),
        "</div>".repeat(1_000)
    );
    let text = main_text(&page);
    assert!(text.contains("The text at the bottom"), "{text}");
}
