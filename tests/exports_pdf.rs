//! PDF files read as articles: the fixtures of `tests/fixtures/exports/pdf/` (made by
//! `tests/fixtures/scripts/make_pdf.sh`), field by field, and the bad ones as problems.

use std::path::{Path, PathBuf};

use dateline::core::collection::{Article, LoadEvent, LoadOptions, read_file};
use dateline::core::formats::{Header, ReadOptions, entry_of};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/pdf")
}

/// The events of reading one fixture as a collection would.
fn events(name: &str) -> Vec<LoadEvent> {
    read_file(&dir(), &dir().join(name), LoadOptions::default())
}

fn article(name: &str) -> Box<Article> {
    let mut events = events(name);
    assert_eq!(events.len(), 1, "{name}");
    match events.pop() {
        Some(LoadEvent::Article(a)) => a,
        other => panic!("{name}: not an article: {other:?}"),
    }
}

fn problem(name: &str) -> String {
    let mut events = events(name);
    assert_eq!(events.len(), 1, "{name}");
    match events.pop() {
        Some(LoadEvent::Problem(p)) => {
            assert_eq!(p.path, name);
            p.reason
        }
        other => panic!("{name}: not a problem: {other:?}"),
    }
}

#[test]
fn the_article_field_by_field() {
    let a = article("article.pdf");
    assert_eq!(a.path, "article.pdf");
    // The Info dictionary's title and author.
    assert_eq!(a.meta.title, "Talks resume in Baku after a long pause");
    assert!(!a.meta.title_derived);
    assert_eq!(a.meta.byline.as_deref(), Some("Laman Ismayilova"));
    // The date written in the article, not the file's creation date (2000), which is an extra.
    assert_eq!(
        a.meta.published.map(|t| t.to_string()).as_deref(),
        Some("2017-02-28")
    );
    assert!(!a.meta.date_from_path);
    assert_eq!(
        a.meta.extra,
        vec![(
            "PDF created".to_string(),
            "2000-01-01 00:00:00 +00:00".to_string()
        )]
    );
    assert_eq!(a.meta.warnings, Vec::<String>::new());
}

#[test]
fn the_article_text_in_reading_order() {
    let a = article("article.pdf");
    let want = "Talks resume in Baku after a long pause\n\
        28 February 2017\n\
        By Laman Ismayilova\n\
        \n\
        Delegations from both sides met on Tuesday in the capital, where observers\n\
        monitoring the ceasefire reported no incidents along the border for a week.\n\
        \n\
        Xarici İşlər Nazirliyi bildirib ki, danışıqlar gələn həftə Bakıda bərpa\n\
        olunacaq. Dağ kəndlərində şərait sakitdir, ağır texnika geri çəkilib.\n\
        \n\
        Министерство сообщило, что переговоры возобновятся на следующей неделе.\n\
        \n\
        The next round is due in March, officials said, and a long-\n\
        term settlement is still far off: no long-term plan has been agreed.";
    // The running header "THE BAKU COURIER" and the page numbers are gone; "monitor-" + "ing"
    // is one word again; "long-term", written whole further on, keeps its hyphen.
    assert_eq!(a.text.as_str(), want);
    assert_eq!(&a.text[a.body_start..a.body_start + 11], "Delegations");
}

#[test]
fn the_piece_the_reader_gives() -> Result<(), String> {
    let bytes = std::fs::read(dir().join("article.pdf")).map_err(|e| e.to_string())?;
    let entry = entry_of(Path::new("article.pdf")).ok_or("no reader for .pdf")?;
    for (headers, header) in [(true, Header::Lines), (false, Header::Skip)] {
        let reading = (entry.read)(
            bytes.clone(),
            &ReadOptions {
                headers,
                ..ReadOptions::default()
            },
        )?;
        assert_eq!(reading.warnings, Vec::<String>::new());
        assert_eq!(reading.parts.len(), 1);
        let part = &reading.parts[0];
        assert_eq!(part.id, None);
        let piece = part.piece.as_ref()?;
        assert_eq!(piece.header, header);
        let f = &piece.fields;
        assert_eq!(
            f.title.as_deref(),
            Some("Talks resume in Baku after a long pause")
        );
        assert_eq!(f.author.as_deref(), Some("Laman Ismayilova"));
        // Left to the header, so that the date the article gives wins.
        assert_eq!(f.date, None);
        assert_eq!(
            (&f.source, &f.url, &f.dateline, &f.language),
            (&None, &None, &None, &None)
        );
        // The headline, being the title, is not a header line to read again.
        assert!(piece.text[piece.start..].starts_with("28 February 2017\n"));
    }
    Ok(())
}

#[test]
fn an_owner_lock_does_not_stop_the_reading() {
    let a = article("owner-locked.pdf");
    assert_eq!(a.meta.title, "Talks resume in Baku after a long pause");
    assert_eq!(a.text.as_str(), article("article.pdf").text.as_str());
}

#[test]
fn bad_pdfs_are_problems() {
    let cases = [
        ("scanned.pdf", "no text in this PDF — scanned?"),
        ("encrypted.pdf", "the PDF is encrypted"),
        ("truncated.pdf", "not a readable PDF: "),
    ];
    for (name, want) in cases {
        let reason = problem(name);
        assert!(reason.starts_with(want), "{name}: {reason}");
    }
}

#[test]
fn every_cut_of_the_article_is_an_article_or_a_problem() -> Result<(), String> {
    // A PDF cut anywhere, or with bytes overwritten, must never take the reader down.
    let bytes = std::fs::read(dir().join("article.pdf")).map_err(|e| e.to_string())?;
    let entry = entry_of(Path::new("x.pdf")).ok_or("no reader for .pdf")?;
    let options = ReadOptions {
        headers: true,
        ..ReadOptions::default()
    };
    for cut in (0..bytes.len()).step_by(bytes.len() / 40) {
        let _ = (entry.read)(bytes[..cut].to_vec(), &options);
        let mut spoilt = bytes.clone();
        spoilt[cut..].iter_mut().take(64).for_each(|b| *b = b'0');
        let _ = (entry.read)(spoilt, &options);
    }
    Ok(())
}

#[test]
fn fixtures_stay_small() {
    for name in [
        "article.pdf",
        "scanned.pdf",
        "truncated.pdf",
        "encrypted.pdf",
        "owner-locked.pdf",
    ] {
        let size = std::fs::metadata(dir().join(name))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(size > 0 && size < 50 * 1024, "{name}: {size} bytes");
    }
}
