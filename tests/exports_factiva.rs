//! Factiva exports in RTF and HTML, both layouts, and RTF that is no export: each article of
//! `tests/fixtures/exports/factiva/` asserted field by field, and each problem with its reason.
//! The fixtures are remade by `tests/fixtures/scripts/factiva_fixtures.py`.

mod common;

use dateline::core::collection::{Collection, Problem};

use common::article;

fn load() -> Collection {
    common::load_export_fixture("factiva")
}

/// What one article should be.
struct Expected {
    path: &'static str,
    title: &'static str,
    published: Option<&'static str>,
    source: Option<&'static str>,
    byline: Option<&'static str>,
    language: &'static str,
    extra: &'static [(&'static str, &'static str)],
    body: &'static str,
    warnings: &'static [&'static str],
}

const ARTICLES: &[Expected] = &[
    Expected {
        path: "factiva_fields.rtf#1",
        title: "Caspian ferry line opens to Aktau",
        published: Some("2017-02-28T10:42:00"),
        source: Some("The Caspian Post"),
        byline: Some("Leyla Mammadova"),
        language: "en",
        extra: &[
            ("Section", "Business"),
            ("Length", "143 words"),
            ("Source code", "CASPLD"),
            ("Edition", "Final"),
            ("Page", "4"),
            (
                "Copyright",
                "(c) 2017 The Caspian Post. All rights reserved.",
            ),
            ("Companies", "asco : Azerbaijan Caspian Shipping Co"),
            ("Subjects", "gtrans : Transport"),
            ("Regions", "azerb : Azerbaijan"),
            ("Provider descriptors", "Ferries"),
            ("Document", "CASPLD0020170228ed2s0000b"),
        ],
        // \u1241? is Cyrillic ә (U+04D9), \u351? ş.
        body: "A new ferry line between Alat and Aktau opened on Tuesday, port director \
               R\u{4D9}\u{15F}id Quliyev said.\n\nThe first ship carried 40 lorries.\n\n\
               The line will run twice a week, the port said.\n\nTickets go on sale in March.",
        warnings: &[],
    },
    Expected {
        path: "factiva_fields.rtf#2",
        title: "Парламент одобрил бюджет на 2018 год",
        published: Some("2017-03-01"),
        source: Some("Бакинские новости"),
        byline: None,
        language: "ru",
        extra: &[
            ("Length", "88 words"),
            ("Source code", "BAKNEW"),
            ("Copyright", "Copyright 2017 Бакинские новости"),
            ("Document", "BAKNEW0020170301ed3100001"),
        ],
        body: "Депутаты одобрили проект бюджета во втором чтении.\n\n\
               Голосование прошло в среду. Против проголосовали пять депутатов.",
        warnings: &[],
    },
    Expected {
        path: "factiva_article.rtf#1",
        title: "Café owners in Sheki fear the winter",
        published: Some("2017-03-03T08:15:00"),
        source: Some("Sheki Weekly"),
        byline: Some("Rauf Huseynov"),
        language: "en",
        extra: &[
            ("Length", "212 words"),
            ("Source code", "SHEKWK"),
            ("Edition", "Final"),
            ("Page", "7"),
            ("Copyright", "Copyright 2017 Sheki Weekly"),
            ("Document", "SHEKWK0020170303ed3300002"),
        ],
        body: "Sheki\u{2019}s café owners say tourists stay away in winter\u{2014}and they want \
               help.\n\nThe city council will meet them next week.",
        warnings: &[],
    },
    Expected {
        path: "factiva_article.rtf#2",
        title: "Silk road festival dates set",
        published: Some("2017-03-04"),
        source: Some("Sheki Weekly"),
        byline: None,
        language: "en",
        extra: &[
            ("Length", "95 words"),
            ("Source code", "SHEKWK"),
            ("Copyright", "© 2017 Sheki Weekly"),
            ("Document", "SHEKWK0020170304ed3400003"),
        ],
        body: "The festival will open on 20 June.",
        warnings: &[],
    },
    Expected {
        path: "factiva_fields.html#1",
        title: "Wind farm planned off Absheron coast",
        published: Some("2017-03-05T14:05:00"),
        source: Some("Energy Review Caspian"),
        byline: Some("Tural Karimov"),
        language: "en",
        extra: &[
            ("Length", "310 words"),
            ("Source code", "ENRVCS"),
            ("Page", "12"),
            ("Copyright", "© 2017 Energy Review. All Rights Reserved."),
            ("Subjects", "ewind : Wind Power"),
            ("Regions", "azerb : Azerbaijan"),
            ("Document", "ENRVCS0020170305ed3500004"),
        ],
        body: "A wind farm of 240 megawatts is planned off the Absheron coast.\n\n\
               The ministry named no investor.\n\nBuilding could start in 2019 & end in 2021.\n\n\
               The farm would be the first at sea in the region.",
        warnings: &[],
    },
    Expected {
        path: "factiva_fields.html#2",
        title: "Manat steady against the dollar",
        published: Some("2017-03-06"),
        source: Some("Energy Review Caspian"),
        byline: None,
        language: "en",
        extra: &[
            ("Section", "Markets"),
            ("Length", "64 words"),
            ("Source code", "ENRVCS"),
            ("Document", "ENRVCS0020170306ed3600005"),
        ],
        body: "The manat was steady at 1.78 to the dollar on Monday.",
        warnings: &[],
    },
    Expected {
        path: "factiva_article.html#1",
        title: "Ganja metro study approved",
        published: Some("2017-03-07T09:30:00"),
        source: Some("Ganja Herald"),
        byline: Some("Sabina Rzayeva"),
        language: "en",
        extra: &[
            ("Length", "178 words"),
            ("Source code", "GANJHR"),
            ("Copyright", "Copyright 2017 Ganja Herald"),
            ("Document", "GANJHR0020170307ed3700006"),
        ],
        body: "The city approved a study for a light metro, Ganja Transit said on Tuesday.\n\n\
               The study will take a year.",
        warnings: &[],
    },
    Expected {
        path: "factiva_article.html#2",
        title: "Tea harvest up in Lankaran",
        published: Some("2017-03-08"),
        source: Some("Ganja Herald"),
        byline: None,
        language: "en",
        extra: &[
            ("Length", "120 words"),
            ("Source code", "GANJHR"),
            ("Copyright", "Copyright 2017 Ganja Herald"),
            ("Document", "GANJHR0020170308ed3800007"),
        ],
        body: "Tea growers in Lankaran picked 12 per cent more leaf than a year ago.",
        warnings: &[],
    },
    // Not an export: one article, its header read from its first lines.
    Expected {
        path: "letter.rtf",
        title: "Mayor opens new library",
        published: Some("2017-04-12"),
        source: None,
        byline: Some("Nigar Aliyeva"),
        language: "en",
        extra: &[],
        body: "The mayor opened the city\u{2019}s new library on Wednesday.\n\n\
               It holds 40,000 books.\nEntry is free.",
        warnings: &[],
    },
    Expected {
        path: "truncated.rtf",
        title: "Power cut hits the old town",
        published: Some("2017-05-02"),
        source: None,
        byline: None,
        language: "en",
        extra: &[],
        body: "A power cut left the old town dark for three hours on Tuesday. Engine",
        warnings: &[
            "damaged RTF (truncated or with unbalanced braces): what could be read is kept",
        ],
    },
];

#[test]
fn every_article_field_by_field() {
    let c = load();
    for want in ARTICLES {
        let a = article(&c, want.path);
        let path = want.path;
        assert_eq!(a.meta.title, want.title, "{path}: title");
        assert!(!a.meta.title_derived, "{path}: a title given");
        assert_eq!(
            a.meta.published.map(|t| t.to_string()).as_deref(),
            want.published,
            "{path}: published"
        );
        assert!(!a.meta.date_from_path, "{path}: the date is the article's");
        assert_eq!(a.meta.source.as_deref(), want.source, "{path}: source");
        assert_eq!(a.meta.byline.as_deref(), want.byline, "{path}: byline");
        assert_eq!(a.meta.language, want.language, "{path}: language");
        let extra: Vec<(&str, &str)> = dateline::core::formats::labelled(&a.meta.extra);
        assert_eq!(extra, want.extra, "{path}: extras");
        assert_eq!(a.body(), want.body, "{path}: body");
        assert_eq!(a.meta.warnings, want.warnings, "{path}: warnings");
    }
    assert_eq!(
        c.articles.len(),
        ARTICLES.len(),
        "no other article: {:?}",
        c.articles.iter().map(|a| &a.path).collect::<Vec<_>>()
    );
}

#[test]
fn an_export_article_is_its_headline_then_its_body() {
    let c = load();
    for a in c.articles.iter().filter(|a| a.path.contains('#')) {
        let path = &a.path;
        // The headline, a blank line, the paragraphs: nothing of the header in between.
        assert_eq!(
            a.text.as_str(),
            format!("{}\n\n{}", a.meta.title, a.body()),
            "{path}: text"
        );
        assert_eq!(a.body_start, a.meta.title.len() + 2, "{path}: body start");
        let body = a.body();
        // Short values ("4", a page) may be any text's.
        for (label, value) in a.meta.extra.iter().filter(|(_, v)| v.len() > 3) {
            assert!(
                !body.contains(value.as_str()),
                "{path}: {label} in the body"
            );
        }
        for not_body in [
            "words",
            "Copyright",
            "©",
            "Document ",
            "English",
            "Factiva",
            "Search Summary",
        ] {
            assert!(!body.contains(not_body), "{path}: {not_body:?} in the body");
        }
        if let Some(source) = &a.meta.source {
            assert!(
                !body.contains(source.as_str()),
                "{path}: source in the body"
            );
        }
    }
}

#[test]
fn what_is_not_rtf_is_a_problem() {
    let c = load();
    assert_eq!(
        c.problems,
        [Problem {
            path: "broken.rtf".into(),
            reason: "not an RTF document".into(),
        }]
    );
}
