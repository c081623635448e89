//! A collection with one file for each format, encoding, header style and broken case: each
//! outcome asserted, as `dateline inspect` and the app see them.

use std::path::{Path, PathBuf};

use dateline::core::collection::{self, Article, Collection};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy")
}

/// A copy of the fixture with what git cannot hold: a file name that is not UTF-8, a symlink
/// loop and a link leading outside the collection.
fn messy_copy() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(), dir.path());
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        outside.path().join("secret.txt"),
        "2022-12-12\n\nOutside.\n",
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(
            dir.path().join("broken").join(name),
            "2022-12-12\n\nA Latin-1 file name.\n",
        )
        .expect("write");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("broken/loop")).expect("symlink");
        std::os::unix::fs::symlink(outside.path(), dir.path().join("broken/outside"))
            .expect("symlink");
    }
    (dir, outside)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn load() -> (Collection, tempfile::TempDir, tempfile::TempDir) {
    let (dir, outside) = messy_copy();
    let c = collection::load(dir.path()).expect("the collection opens");
    (c, dir, outside)
}

fn article<'a>(c: &'a Collection, path: &str) -> &'a Article {
    c.articles
        .iter()
        .find(|a| a.path == path)
        .unwrap_or_else(|| panic!("{path} was not loaded; problems: {:?}", c.problems))
}

#[test]
fn every_format_is_read() {
    let (c, _dir, _outside) = load();
    // path, published, title, source, body starts with
    type Case<'a> = (&'a str, Option<&'a str>, &'a str, Option<&'a str>, &'a str);
    let cases: &[Case] = &[
        (
            "formats/plain.txt",
            Some("2022-12-07T14:29:00+04:00"),
            "On December 5, the ministers met in Moscow",
            Some("Azernews"),
            "On December 5",
        ),
        (
            "formats/front.md",
            Some("2023-05-14T09:30:00+02:00"),
            "Talks resume in Brussels",
            Some("EUobserver"),
            "The talks resumed",
        ),
        (
            "formats/toml.MD",
            Some("2020-11-10"),
            "Ceasefire holds",
            None,
            "The ceasefire held",
        ),
        (
            "formats/page.html",
            Some("2022-12-12T10:15:00+04:00"),
            "Peacekeepers asked to act",
            Some("News.Az"),
            "Baku has repeatedly appealed & asked.",
        ),
        (
            "formats/legacy.HTM",
            None,
            "Баку",
            None,
            "Министр иностранных дел.",
        ),
        (
            "formats/rows.jsonl#1",
            Some("2021-05-15T10:00:00+00:00"),
            "Row one",
            Some("TASS"),
            "First row text.",
        ),
        (
            "formats/rows.jsonl#2",
            Some("2021-05-16"),
            "Row two",
            None,
            "Second row text.",
        ),
        (
            "formats/rows.csv#2",
            Some("2022-12-07"),
            "A; quoted title",
            Some("Trend"),
            "Text over\ntwo lines",
        ),
        (
            "formats/rows.csv#4",
            Some("2022-12-08"),
            "Second",
            None,
            "More text",
        ),
    ];
    for (path, published, title, source, body) in cases {
        let a = article(&c, path);
        assert_eq!(
            a.meta.published.map(|t| t.to_string()).as_deref(),
            *published,
            "{path}: published"
        );
        assert_eq!(a.meta.title, *title, "{path}: title");
        assert_eq!(a.meta.source.as_deref(), *source, "{path}: source");
        assert!(a.body().starts_with(body), "{path}: body {:?}", a.body());
        assert!(
            !a.text.contains('<') || path.ends_with(".txt"),
            "{path}: no markup in the text"
        );
    }
    let front = article(&c, "formats/front.md");
    assert_eq!(front.meta.byline.as_deref(), Some("Anna Lindqvist"));
    assert_eq!(front.meta.url.as_deref(), Some("https://example.org/talks"));
}

#[test]
fn every_encoding_is_decoded() {
    let (c, _dir, _outside) = load();
    // path, a phrase of the body, whether a warning says the encoding was guessed
    let cases: &[(&str, &str, bool)] = &[
        ("encodings/bom.txt", "UTF-8 with a byte order mark.", false),
        (
            "encodings/crlf.txt",
            "Windows line ends.\nSecond line.",
            false,
        ),
        ("encodings/cr.txt", "Old Mac line ends.", false),
        (
            "encodings/utf16le.txt",
            "UTF-16 little endian: Лавров.",
            false,
        ),
        ("encodings/utf16be.txt", "UTF-16 big endian: Ağdam.", false),
        (
            "encodings/cp1251.txt",
            "Министр иностранных дел России Сергей Лавров",
            true,
        ),
        (
            "encodings/koi8r.txt",
            "Министр иностранных дел России Сергей Лавров",
            true,
        ),
        (
            "encodings/latin1.txt",
            "Café owners in Zürich said the naïve résumé was déjà vu for the señor.",
            true,
        ),
    ];
    for (path, phrase, guessed) in cases {
        let a = article(&c, path);
        assert!(a.text.contains(phrase), "{path}: {:?}", a.text);
        assert!(!a.text.contains('\r'), "{path}: line ends normalised");
        let warned = a
            .meta
            .warnings
            .iter()
            .any(|w| w.contains("a guess") || w.contains("replaced"));
        assert_eq!(warned, *guessed, "{path}: warnings {:?}", a.meta.warnings);
    }
    assert_eq!(
        article(&c, "encodings/cp1251.txt")
            .meta
            .published
            .map(|t| t.to_string())
            .as_deref(),
        Some("2021-11-03")
    );
}

#[test]
fn every_header_style_gives_its_date() {
    let (c, _dir, _outside) = load();
    // path, published, title if given
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        (
            "headers/headline_then_date.txt",
            Some("2025-07-17T23:21:00+04:00"),
            Some("Ilham Aliyev receives delegation"),
        ),
        (
            "headers/rfc2822.txt",
            Some("1993-02-15T18:35:05-05:00"),
            Some("Talks in Vienna"),
        ),
        (
            "headers/reuters.txt",
            Some("1987-03-05T09:07:54"),
            Some("BAHIA COCOA REVIEW"),
        ),
        ("headers/iso.txt", Some("2021-05-15T10:22:33+00:00"), None),
        (
            "headers/published.txt",
            Some("2017-02-28T17:10:00+00:00"),
            Some("Parliament passes budget"),
        ),
        ("headers/posted_on.txt", Some("2019-03-03"), None),
        ("headers/time_first.txt", Some("2017-02-28T17:10:00"), None),
        ("headers/russian.txt", Some("2017-02-28"), None),
        ("headers/azerbaijani.txt", Some("2017-02-28"), None),
        (
            "headers/russian_nominative.txt",
            Some("2017-02-28T17:10:00"),
            Some("Парламент принял бюджет"),
        ),
        ("headers/ukrainian.txt", Some("2017-02-28T17:10:00"), None),
        (
            "headers/azerbaijani_weekday.txt",
            Some("2017-02-28"),
            Some("Nazirlər görüşüb"),
        ),
        (
            "headers/turkish.txt",
            Some("2017-02-28T17:10:00"),
            Some("Bakanlar Ankara'da buluştu"),
        ),
        (
            "headers/armenian.txt",
            Some("2017-02-28T17:19:00"),
            Some("Նախարարները հանդիպեցին"),
        ),
        (
            "headers/georgian.txt",
            Some("2017-02-28T17:19:00"),
            Some("მინისტრები შეხვდნენ"),
        ),
        (
            "headers/german.txt",
            Some("2017-02-28T17:10:00"),
            Some("Minister beraten über den Haushalt"),
        ),
        (
            "headers/french.txt",
            Some("2017-02-28T17:10:00"),
            Some("Les ministres examinent le budget"),
        ),
        (
            "headers/spanish.txt",
            Some("2017-02-28T17:10:00"),
            Some("Los ministros debaten el presupuesto"),
        ),
        ("headers/numeric_dot.txt", Some("2022-12-07"), None),
        ("headers/us_1.txt", Some("2022-12-31"), None),
        (
            "headers/zone_est.txt",
            Some("1993-04-08T22:50:09-05:00"),
            None,
        ),
        (
            "headers/offset.txt",
            Some("2022-12-09T12:17:00+04:00"),
            None,
        ),
        ("headers/impossible.txt", None, None),
    ];
    for (path, published, title) in cases {
        let a = article(&c, path);
        assert_eq!(
            a.meta.published.map(|t| t.to_string()).as_deref(),
            *published,
            "{path}: published"
        );
        if let Some(title) = title {
            assert_eq!(a.meta.title, *title, "{path}: title");
            assert!(!a.meta.title_derived, "{path}: title given");
        }
    }
    let impossible = article(&c, "headers/impossible.txt");
    assert!(
        impossible
            .meta
            .warnings
            .iter()
            .any(|w| w.contains("impossible date")),
        "{:?}",
        impossible.meta.warnings
    );
}

#[test]
fn ambiguous_day_month_order_follows_the_majority_and_says_so() {
    let (c, _dir, _outside) = load();
    // us_1, us_2, us_3 are month first for sure; numeric_dot and a CSV row day first: month wins.
    let a = article(&c, "headers/ambiguous.txt");
    assert_eq!(
        a.meta.published.map(|t| t.to_string()).as_deref(),
        Some("2022-03-04")
    );
    assert!(
        a.meta
            .warnings
            .iter()
            .any(|w| w.contains("read month first, as in 3 of")),
        "{:?}",
        a.meta.warnings
    );
}

#[test]
fn every_broken_file_is_listed_once_with_a_reason() {
    let (c, _dir, _outside) = load();
    let mut expected: Vec<(&str, &str)> = vec![
        (
            "broken/bad_rows.csv",
            "CSV without a title, date or text column",
        ),
        ("broken/binary.txt", "binary file"),
        ("broken/empty.txt", "empty file"),
        (
            "broken/image.png",
            "not an article: .png files are not read",
        ),
        ("broken/whitespace.txt", "only white space"),
        ("formats/notes.pdf", "not a readable PDF: "),
        ("formats/rows.jsonl#3", "not JSON"),
    ];
    if cfg!(unix) {
        expected.push(("broken/loop", "symbolic link loop"));
        expected.push(("broken/outside", "leads outside the collection"));
    }
    expected.sort();
    let got: Vec<(&str, &str)> = c
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.reason.as_str()))
        .collect();
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((path, reason), (want_path, want_reason)) in got.iter().zip(&expected) {
        assert_eq!(path, want_path);
        assert!(reason.contains(want_reason), "{path}: {reason}");
    }
    // Hidden files and .dateline/ are skipped, not problems.
    assert!(
        c.articles
            .iter()
            .all(|a| !a.path.contains("hidden") && !a.path.starts_with(".dateline"))
    );
    #[cfg(unix)]
    {
        let odd = c
            .articles
            .iter()
            .find(|a| a.path.starts_with("broken/caf"))
            .expect("the oddly named file loads");
        assert!(
            odd.meta
                .warnings
                .iter()
                .any(|w| w.contains("not valid UTF-8"))
        );
    }
    // Every file is accounted for: an article, some rows, or one problem.
    let files = count_files(_dir.path());
    let row_files = 2; // rows.jsonl and rows.csv give several entries each
    let accounted: std::collections::BTreeSet<String> = c
        .articles
        .iter()
        .map(|a| a.path.split('#').next().unwrap_or("").to_string())
        .chain(
            c.problems
                .iter()
                .map(|p| p.path.split('#').next().unwrap_or("").to_string()),
        )
        .collect();
    assert!(
        accounted.len() + row_files >= files - 2,
        "{} of {files} accounted for",
        accounted.len()
    );
}

fn count_files(dir: &Path) -> usize {
    walk(dir)
        .into_iter()
        .filter(|p| !p.starts_with(dir.join(".dateline")) && !p.ends_with(".hidden.txt"))
        .count()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn inspect_prints_articles_and_errors() {
    let (dir, _outside) = messy_copy();
    let mut out = Vec::new();
    dateline::cli::inspect(dir.path(), true, &mut out).expect("inspect runs");
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let errors = lines.iter().filter(|l| l.get("error").is_some()).count();
    let articles = lines.iter().filter(|l| l.get("title").is_some()).count();
    assert!(errors >= 7, "{errors} errors");
    assert!(articles >= 35, "{articles} articles");
}
