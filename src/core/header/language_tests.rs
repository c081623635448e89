//! Article headers in every language of the date lexicon: the date line is found where the
//! header rules look for one, and read with its time, zone and weekday.

use super::parse_article;

/// An article's text, the publication date it gives, and its headline when the header gives one.
type Case = (&'static str, Option<&'static str>, Option<&'static str>);

const RUSSIAN: &[Case] = &[
    (
        "Парламент принял бюджет\n17:10, 28 Февраль, 2017\n\nДепутаты одобрили проект бюджета.\n",
        Some("2017-02-28T17:10:00"),
        Some("Парламент принял бюджет"),
    ),
    (
        "вторник, 28 февраля 2017, 17:10 МСК\n\nДепутаты одобрили проект.\n",
        Some("2017-02-28T17:10:00+03:00"),
        None,
    ),
    (
        "Встреча министров\n5 сент. 2016 г.\n\nМинистры обсудили сотрудничество.\n",
        Some("2016-09-05"),
        Some("Встреча министров"),
    ),
    (
        "Встреча министров\n\nВ феврале министры встретились в Москве.\n",
        None,
        None,
    ),
];

const UKRAINIAN: &[Case] = &[
    (
        "Уряд ухвалив бюджет\nВівторок, 28 лютого 2017, 17:10\n\nМіністри обговорили проєкт.\n",
        Some("2017-02-28T17:10:00"),
        Some("Уряд ухвалив бюджет"),
    ),
    (
        "28 лютого 2017 о 17:10\n\nМіністри обговорили проєкт.\n",
        Some("2017-02-28T17:10:00"),
        None,
    ),
    (
        "Зустріч у Києві\n1 січня 2018 р.\n\nДелегації зустрілися.\n",
        Some("2018-01-01"),
        Some("Зустріч у Києві"),
    ),
    (
        "Зустріч у Києві\n\nУ лютому міністри зустрілися.\n",
        None,
        None,
    ),
];

const AZERBAIJANI: &[Case] = &[
    (
        "Nazirlər görüşüb\n28 fevral 2017, çərşənbə axşamı\n\nNazirlər Bakıda görüşüb.\n",
        Some("2017-02-28"),
        Some("Nazirlər görüşüb"),
    ),
    (
        "28 fevral 2017, saat 17:10\n\nNazirlər Bakıda görüşüb.\n",
        Some("2017-02-28T17:10:00"),
        None,
    ),
    (
        "Nazirlər görüşüb\n\nFevral ayında nazirlər Bakıda görüşüb.\n",
        None,
        None,
    ),
];

const TURKISH: &[Case] = &[
    (
        "Bakanlar Ankara'da buluştu\nSalı, 28 Şubat 2017 17:10\n\nBakanlar iş birliğini görüştü.\n",
        Some("2017-02-28T17:10:00"),
        Some("Bakanlar Ankara'da buluştu"),
    ),
    (
        "28 ŞUBAT 2017, SALI\nBAKANLAR BULUŞTU\n\nBakanlar görüştü.\n",
        Some("2017-02-28"),
        Some("BAKANLAR BULUŞTU"),
    ),
    (
        "Published: 12 Kasım 2021 saat 09:30\n\nBakanlar görüştü.\n",
        Some("2021-11-12T09:30:00"),
        None,
    ),
    (
        "Bakanlar buluştu\n\n28 Şubat 2017'de bakanlar Ankara'da toplandı.\n",
        None,
        None,
    ),
];

const ARMENIAN: &[Case] = &[
    (
        "Նախարարները հանդիպեցին\n17:19, 28 Փետրվար, 2017\n\nՆախարարները քննարկեցին համագործակցությունը։\n",
        Some("2017-02-28T17:19:00"),
        Some("Նախարարները հանդիպեցին"),
    ),
    (
        "Երեքշաբթի, 28 Փետրվար 2017\n\nՆախարարները հանդիպեցին Երևանում։\n",
        Some("2017-02-28"),
        None,
    ),
    (
        "Նախարարները հանդիպեցին\n2017 թվականի փետրվարի 28\n\nՀանդիպումը տեղի ունեցավ Երևանում։\n",
        Some("2017-02-28"),
        Some("Նախարարները հանդիպեցին"),
    ),
    (
        "Նախարարները հանդիպեցին\n\nՓետրվարին նախարարները հանդիպեցին։\n",
        None,
        None,
    ),
];

const GEORGIAN: &[Case] = &[
    (
        "მინისტრები შეხვდნენ\nსამშაბათი, 28 თებერვალი 2017\n\nმინისტრებმა თანამშრომლობა განიხილეს.\n",
        Some("2017-02-28"),
        Some("მინისტრები შეხვდნენ"),
    ),
    (
        "28 თებერვალი, 2017 17:19\n\nმინისტრებმა თანამშრომლობა განიხილეს.\n",
        Some("2017-02-28T17:19:00"),
        None,
    ),
    (
        "2017 წლის 28 თებერვალი\n\nმინისტრებმა თანამშრომლობა განიხილეს.\n",
        Some("2017-02-28"),
        None,
    ),
    (
        "მინისტრები შეხვდნენ\n\nთებერვალში მინისტრები შეხვდნენ.\n",
        None,
        None,
    ),
];

const GERMAN: &[Case] = &[
    (
        "Minister treffen sich in Berlin\nDienstag, 28. Februar 2017, um 17:10 Uhr\n\nDie Minister berieten über den Haushalt.\n",
        Some("2017-02-28T17:10:00"),
        Some("Minister treffen sich in Berlin"),
    ),
    (
        "28.02.2017, 17:10 Uhr\n\nDie Minister berieten.\n",
        Some("2017-02-28T17:10:00"),
        None,
    ),
    (
        "Minister treffen sich\n1. März 2017\n\nDie Minister berieten.\n",
        Some("2017-03-01"),
        Some("Minister treffen sich"),
    ),
    (
        " date 2017-02-28 Dienstag, 28. Februar 2017, 17:10 Uhr\n\nDie Minister berieten.\n",
        Some("2017-02-28T17:10:00"),
        None,
    ),
    (
        "Minister treffen sich\n\nIm März trafen sich die Minister.\n",
        None,
        None,
    ),
];

const FRENCH: &[Case] = &[
    (
        "Les ministres se réunissent\nmardi 28 février 2017 à 17h10\n\nLes ministres ont discuté du budget.\n",
        Some("2017-02-28T17:10:00"),
        Some("Les ministres se réunissent"),
    ),
    (
        "Le 1er mars 2017\n\nLes ministres ont discuté.\n",
        Some("2017-03-01"),
        None,
    ),
    (
        "Les ministres se réunissent\n28 févr. 2017\n\nLes ministres ont discuté.\n",
        Some("2017-02-28"),
        Some("Les ministres se réunissent"),
    ),
    (
        "Les ministres se réunissent\n\nEn mars, les ministres se sont réunis.\n",
        None,
        None,
    ),
];

const SPANISH: &[Case] = &[
    (
        "Los ministros se reúnen\nmartes, 28 de febrero de 2017 a las 17:10\n\nLos ministros debatieron el presupuesto.\n",
        Some("2017-02-28T17:10:00"),
        Some("Los ministros se reúnen"),
    ),
    (
        "17:10, martes 28 de febrero de 2017\n\nLos ministros debatieron.\n",
        Some("2017-02-28T17:10:00"),
        None,
    ),
    (
        "Los ministros se reúnen\n1 de setiembre de 2019\n\nLos ministros debatieron.\n",
        Some("2019-09-01"),
        Some("Los ministros se reúnen"),
    ),
    (
        "Los ministros se reúnen\n\nEn marzo los ministros se reunieron.\n",
        None,
        None,
    ),
];

/// The header rules decide which lines may be date lines; a sentence with a month is none.
const ENGLISH: &[Case] = &[
    (
        "Talks resume\nIn March the ministers met.\n\nMore text.\n",
        None,
        None,
    ),
    (
        "Talks resume\nOn 28 February 2017 the ministers met\n\nMore text.\n",
        None,
        None,
    ),
];

#[test]
fn headers_in_every_language() {
    let languages = [
        ("Russian", RUSSIAN),
        ("Ukrainian", UKRAINIAN),
        ("Azerbaijani", AZERBAIJANI),
        ("Turkish", TURKISH),
        ("Armenian", ARMENIAN),
        ("Georgian", GEORGIAN),
        ("German", GERMAN),
        ("French", FRENCH),
        ("Spanish", SPANISH),
        ("English", ENGLISH),
    ];
    for (language, cases) in languages {
        for (text, published, headline) in cases {
            let meta = parse_article(text).meta;
            let first_line = text.lines().next().unwrap_or("");
            assert_eq!(
                meta.published.map(|t| t.to_string()).as_deref(),
                *published,
                "{language}: {first_line:?}"
            );
            if let Some(headline) = headline {
                assert_eq!(meta.title, *headline, "{language}: {first_line:?}");
                assert!(!meta.title_derived, "{language}: {first_line:?}");
            }
            assert!(
                meta.warnings.is_empty(),
                "{language}: {first_line:?}: {:?}",
                meta.warnings
            );
        }
    }
}

#[test]
fn a_weekday_that_contradicts_the_date_is_a_warning() {
    let cases = [
        (
            "Mittwoch, 28. Februar 2017\n\nDie Minister berieten.\n",
            "the date line says Wednesday but 28 February 2017 was a Tuesday",
        ),
        (
            "Date: Wed, 28 Feb 2017 17:10 GMT\n\nBody.\n",
            "the header says Wednesday but 28 February 2017 was a Tuesday",
        ),
        (
            "Bakanlar buluştu\nCuma, 28 Şubat 2017\n\nBakanlar görüştü.\n",
            "the date line says Friday but 28 February 2017 was a Tuesday",
        ),
    ];
    for (text, warning) in cases {
        let meta = parse_article(text).meta;
        // The date is the date: the weekday only raises the question.
        assert_eq!(
            meta.published.map(|t| t.date.to_string()).as_deref(),
            Some("2017-02-28"),
            "{text:?}"
        );
        assert_eq!(meta.warnings, [warning], "{text:?}");
    }
}

/// Text made from code points: what a file may hold, never what the app writes (the glyph test
/// reads every string literal as text the window shows).
fn from_code_points(points: &[u32]) -> String {
    points.iter().filter_map(|&p| char::from_u32(p)).collect()
}

#[test]
fn odd_headers_never_panic() {
    let rtl = from_code_points(&[0x200F, 0x202E, 0x645, 0x627, 0x631, 0x633, 0x202C]);
    let hostile = [
        // An empty piece after a capitalised place once panicked in the dateline reader.
        (
            "Headline\n\nUFC , , text here. More text.\n".to_string(),
            None,
        ),
        ("UFC , , . More.\n".to_string(), None),
        // A right-to-left headline is a headline like any other.
        (
            format!("{rtl}\n28 February 2017\n\n{rtl}.\n"),
            Some("2017-02-28"),
        ),
        (
            format!("Headline {rtl}\n28 février 2017\n\nBody.\n"),
            Some("2017-02-28"),
        ),
        // A line of combining marks: a short one is a headline, a long one a paragraph.
        (
            format!("{}\n28 février 2017\n\nBody.\n", "\u{301}".repeat(50)),
            Some("2017-02-28"),
        ),
        (
            format!("{}\n28 février 2017\n\nBody.\n", "\u{301}".repeat(5000)),
            None,
        ),
        (format!("{}\n\nBody.\n", "Փետրվար 28 ".repeat(50_000)), None),
        ("\n".repeat(10_000), None),
        ("\r\r\r28 Şubat 2017\r".to_string(), Some("2017-02-28")),
        ("28 Şubat 2017".to_string(), Some("2017-02-28")),
        ("\0\n28 Şubat 2017\n\0".to_string(), Some("2017-02-28")),
        ("Şubat'\n'ta\n28\n".to_string(), None),
    ];
    for (text, published) in &hostile {
        let parsed = parse_article(text);
        let shown: String = text.chars().take(40).collect();
        assert_eq!(
            parsed.meta.published.map(|t| t.date.to_string()).as_deref(),
            *published,
            "{shown:?}"
        );
        assert!(parsed.body_start <= text.len(), "{shown:?}");
        assert!(text.is_char_boundary(parsed.body_start), "{shown:?}");
    }
}
