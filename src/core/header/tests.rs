//! Tests of header reading: every header style, with its published date, title, byline, dateline
//! and source.

use super::*;

struct Case {
    name: &'static str,
    text: &'static str,
    published: Option<&'static str>,
    first_posted: Option<&'static str>,
    title: &'static str,
    title_derived: bool,
    byline: Option<&'static str>,
    dateline: Option<&'static str>,
    source: Option<&'static str>,
    body_starts_with: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "seed style 1: crawler date, full date line, byline",
        text: " date 2022-12-07 7 December 2022 14:29 (UTC+04:00)\n\nBy Fatima Hasanova\n\nOn December 5, the ministers discussed the situation in Karabakh, Azernews reports.\n\nMore text.\n",
        published: Some("2022-12-07T14:29:00+04:00"),
        first_posted: None,
        title: "On December 5, the ministers discussed the situation in Karabakh",
        title_derived: true,
        byline: Some("Fatima Hasanova"),
        dateline: None,
        source: Some("Azernews"),
        body_starts_with: "On December 5",
    },
    Case {
        name: "seed style 2: date line only, byline",
        text: "9 December 2022 12:17 (UTC+04:00)\r\n\r\nBy Sabina Mammadli\r\n\r\nA monitoring group visited the area, Azernews reports via Azerbaijani State Television (AzTV).\r\n",
        published: Some("2022-12-09T12:17:00+04:00"),
        first_posted: None,
        title: "A monitoring group visited the area, Azernews reports via Azerbaijani State Television (AzTV)",
        title_derived: true,
        byline: Some("Sabina Mammadli"),
        dateline: None,
        source: Some("Azernews"),
        body_starts_with: "A monitoring group",
    },
    Case {
        name: "seed style 3: first posted, dateline, told Trend",
        text: " date 2023-03-01 Details added: first version posted on February 28, 20:05\n\nBAKU, Azerbaijan, February 28. Minister Jeyhun Bayramov has received a delegation, the Foreign Ministry told Trend.\n",
        published: Some("2023-03-01"),
        first_posted: Some("2023-02-28T20:05:00"),
        title: "Minister Jeyhun Bayramov has received a delegation, the Foreign Ministry told Trend",
        title_derived: true,
        byline: None,
        dateline: Some("BAKU, Azerbaijan"),
        source: Some("Trend"),
        body_starts_with: "BAKU, Azerbaijan",
    },
    Case {
        name: "seed style 4: headline repeated",
        text: " date 2022-12-12 Baku stresses need for calm\n\nBaku stresses need for calm\n\nThe side appealed, said Aykhan Hajizada, News.Az reports.\n",
        published: Some("2022-12-12"),
        first_posted: None,
        title: "Baku stresses need for calm",
        title_derived: false,
        byline: None,
        dateline: None,
        source: Some("News.Az"),
        body_starts_with: "The side appealed",
    },
    Case {
        name: "seed style 5: first paragraph on the date line",
        text: " date 2023-02-25 Azerbaijani Foreign Minister Jeyhun Bayramov has met with the Head of the ICRC office in Azerbaijan Dragana Kojic, Azernews reports citing the Foreign Ministry.\n\nDuring the meeting, issues were discussed.\n",
        published: Some("2023-02-25"),
        first_posted: None,
        title: "Azerbaijani Foreign Minister Jeyhun Bayramov has met with the Head of the ICRC office in Azerbaijan Dragana Kojic, Azernews reports citing…",
        title_derived: true,
        byline: None,
        dateline: None,
        source: Some("Azernews"),
        body_starts_with: "Azerbaijani Foreign Minister",
    },
    Case {
        name: "headline line then date line",
        text: "Talks resume in Brussels\n17 July 2025 23:21 (UTC+04:00)\n\nThe talks resumed.\n",
        published: Some("2025-07-17T23:21:00+04:00"),
        first_posted: None,
        title: "Talks resume in Brussels",
        title_derived: false,
        byline: None,
        dateline: None,
        source: None,
        body_starts_with: "The talks resumed.",
    },
    Case {
        name: "no header at all",
        text: "Just a paragraph of text. And another sentence.",
        published: None,
        first_posted: None,
        title: "Just a paragraph of text",
        title_derived: true,
        byline: None,
        dateline: None,
        source: None,
        body_starts_with: "Just a paragraph",
    },
    Case {
        name: "impossible crawler date is not invented",
        text: " date 2022-02-31 Headline here\n\nBody.\n",
        published: None,
        first_posted: None,
        title: "Headline here",
        title_derived: false,
        byline: None,
        dateline: None,
        source: None,
        body_starts_with: "Body.",
    },
];

#[test]
fn header_styles() {
    for case in CASES {
        let parsed = parse_article(case.text);
        let m = &parsed.meta;
        let name = case.name;
        assert_eq!(
            m.published.map(|t| t.to_string()).as_deref(),
            case.published,
            "{name}: published"
        );
        assert_eq!(
            m.first_posted.map(|t| t.to_string()).as_deref(),
            case.first_posted,
            "{name}: first posted"
        );
        assert_eq!(m.title, case.title, "{name}: title");
        assert_eq!(m.title_derived, case.title_derived, "{name}: title derived");
        assert_eq!(m.byline.as_deref(), case.byline, "{name}: byline");
        assert_eq!(m.dateline.as_deref(), case.dateline, "{name}: dateline");
        assert_eq!(m.source.as_deref(), case.source, "{name}: source");
        assert!(
            case.text[parsed.body_start..].starts_with(case.body_starts_with),
            "{name}: body starts with {:?}",
            &case.text[parsed.body_start..]
        );
    }
}

#[test]
fn languages() {
    let cases = [
        ("The minister said", "en"),
        ("Министр иностранных дел России", "ru"),
        ("Xankəndi şəhərində görüş keçirilib", "az"),
        ("Հայաստանի արտաքին գործերի նախարար", "hy"),
    ];
    for (text, want) in cases {
        assert_eq!(guess_language(text), want, "{text}");
    }
}

#[test]
fn languages_by_name() {
    let cases = [
        ("ENGLISH", Some("en")),
        (" English ", Some("en")),
        ("Русский", Some("ru")),
        ("de", Some("de")),
        ("Deutsch", Some("de")),
        ("Klingon", None),
        ("", None),
    ];
    for (name, want) in cases {
        assert_eq!(language_code(name), want, "{name:?}");
    }
}
