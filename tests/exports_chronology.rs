//! The chronology exports of the bundled sample with a few events
//! (`tests/fixtures/chronology/annotations.ron`, places in `places.ron`), compared byte for byte
//! with the golden files in `tests/golden/`. `DATELINE_BLESS=1 cargo test --test
//! exports_chronology` writes them anew (look at the diff before committing it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn dateline(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the sample named `sample`, with the fixture's events and places.
fn sample_with_events() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("sample");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(root.join(".dateline")).expect("folder");
    for entry in std::fs::read_dir(manifest.join("assets/sample")).expect("sample") {
        let entry = entry.expect("entry");
        if !entry.path().is_file() {
            continue; // the cache a run of the app leaves in the sample
        }
        std::fs::copy(entry.path(), root.join(entry.file_name())).expect("copy");
    }
    for name in ["annotations.ron", "places.ron"] {
        std::fs::copy(
            manifest.join("tests/fixtures/chronology").join(name),
            root.join(".dateline").join(name),
        )
        .expect("copy fixture");
    }
    (dir, root)
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

#[test]
fn every_format_matches_its_golden_file() {
    let (_dir, root) = sample_with_events();
    let root_s = root.to_str().expect("utf-8");
    let cases: &[(&[&str], &str, &str)] = &[
        (&["--format", "csv"], "sample.csv", "exported 5 events"),
        (
            &["--format", "csv", "--excel"],
            "sample.excel.csv",
            "exported 5 events",
        ),
        (
            &["--format", "csv", "--what", "annotations"],
            "sample.annotations.csv",
            "exported 1 annotation",
        ),
        (
            &["--format", "acled"],
            "sample.acled.csv",
            "exported 3 events (2 events left out: not of an ACLED type)",
        ),
        (
            &["--format", "timelinejs"],
            "sample.timeline.json",
            "exported 5 events",
        ),
        (&["--format", "ics"], "sample.ics", "exported 5 events"),
        (&["--format", "html"], "sample.html", "exported 5 events"),
        (&["--format", "md"], "sample.md", "exported 5 events"),
        (
            &[
                "--format",
                "md",
                "--from",
                "2022-12-04",
                "--to",
                "2022-12-31",
            ],
            "sample.december.md",
            "exported 2 events",
        ),
    ];
    let bless = std::env::var_os("DATELINE_BLESS").is_some();
    for (args, file, says) in cases {
        let out = root.with_file_name(file);
        let out_s = out.to_str().expect("utf-8");
        let mut all = vec!["export", root_s];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", out_s]);
        let (code, _, err) = dateline(&all);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        let got = std::fs::read(&out).expect("written");
        // the same events give the same bytes
        let (_, _, _) = dateline(&all);
        assert_eq!(
            std::fs::read(&out).expect("written again"),
            got,
            "{file} is deterministic"
        );
        if bless {
            std::fs::create_dir_all(golden("")).expect("golden folder");
            std::fs::write(golden(file), &got).expect("bless");
            continue;
        }
        let want = std::fs::read(golden(file)).unwrap_or_else(|_| {
            panic!(
                "no golden file {file}: run DATELINE_BLESS=1 cargo test --test exports_chronology"
            )
        });
        assert!(
            got == want,
            "{file} differs from tests/golden/{file}:\n{}",
            String::from_utf8_lossy(&got)
        );
    }
}

#[test]
fn what_the_formats_promise() {
    let (_dir, root) = sample_with_events();
    let root_s = root.to_str().expect("utf-8");
    let run = |format: &str| {
        let (code, out, err) = dateline(&["export", root_s, "--format", format]);
        assert_eq!(code, 0, "{format}: {err}");
        out
    };
    // CSV: formula injection guarded, Unicode kept, RFC 4180 line ends
    let csv = run("csv");
    assert!(
        csv.contains(",'=cmd|' /C calc'!A0 guarded in spreadsheets,"),
        "{csv}"
    );
    assert!(csv.contains("'+monitoring"));
    assert!(csv.contains("Лавров") && csv.contains("Ստեփանակերտ") && csv.contains("Xankəndi"));
    assert!(csv.lines().count() >= 6 && csv.contains("\r\n"));
    // ACLED: its columns in its order; precision 1 and 3; fatalities only when known
    let acled = run("acled");
    let header = acled.lines().next().unwrap_or_default();
    assert!(header.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,"));
    assert!(header.ends_with("source,source_scale,notes,fatalities,tags,timestamp"));
    let protest = acled
        .lines()
        .find(|l| l.contains("Peaceful protest"))
        .expect("the protest row");
    assert!(
        protest.starts_with("AZE"),
        "the place table's ISO3: {protest}"
    );
    assert!(
        protest.contains(",0,protest; road,"),
        "fatalities 0 as given: {protest}"
    );
    let month = acled
        .lines()
        .find(|l| l.contains("Monitoring"))
        .expect("row");
    assert!(month.contains(",2022-12-01,2022,3,"), "{month}");
    assert!(
        month.contains(",,'+monitoring,"),
        "no made-up fatalities: {month}"
    );
    // the same event id gives the same ACLED id in another export
    assert_eq!(run("acled"), acled);
    // TimelineJS: a month has no day
    let tl: serde_json::Value = serde_json::from_str(&run("timelinejs")).expect("JSON");
    let events = tl["events"].as_array().expect("events");
    assert_eq!(events.len(), 5);
    let month = events
        .iter()
        .find(|e| e["unique_id"] == "ev-0004-month")
        .expect("month event");
    assert!(month["start_date"]["day"].is_null() && month["start_date"]["month"] == 12);
    // iCalendar: CRLF, folded at 75 octets, exclusive all-day ends
    let ics = run("ics");
    assert!(
        ics.lines().all(|l| l.trim_end_matches('\r').len() <= 75),
        "{ics}"
    );
    assert!(ics.split("\r\n").count() > 10);
    assert!(ics.contains("DTSTART;VALUE=DATE:20221205\r\nDTEND;VALUE=DATE:20221206\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20221201\r\nDTEND;VALUE=DATE:20230101\r\n"));
    // HTML: nothing from the network
    let html = run("html");
    assert!(
        !html.contains("http://")
            || html.matches("http").count() == html.matches("href=\"http").count()
    );
    assert!(!html.contains("<script") && !html.contains("<link"));
    assert!(html.contains("@media print"));
}

#[test]
fn bad_input_writes_nothing_half_and_says_why() {
    let (dir, root) = sample_with_events();
    let root_s = root.to_str().expect("utf-8");
    // an empty set writes a valid empty file and says so
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).expect("folder");
    std::fs::write(empty.join("a.txt"), " date 2022-12-05\n\nText.").expect("write");
    let out = dir.path().join("empty.csv");
    let (code, _, err) = dateline(&[
        "export",
        empty.to_str().expect("utf-8"),
        "--format",
        "csv",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("nothing to export: no events; an empty file was written"),
        "{err}"
    );
    let text = std::fs::read_to_string(&out).expect("written");
    assert_eq!(text.lines().count(), 1, "just the header: {text}");
    // an unwritable target (a file where a folder should be): one line, nothing written
    let target = root.join("000_53a47ea64c1c0eb4.txt/out.ics");
    let target_s = target.to_str().expect("utf-8");
    let (code, _, err) = dateline(&["export", root_s, "--format", "ics", "-o", target_s]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("cannot write {target_s}")), "{err}");
    let left: Vec<_> = std::fs::read_dir(&root)
        .expect("folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("out.ics"))
        .collect();
    assert!(left.is_empty(), "nothing half-written: {left:?}");
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--format", "pdf"], 2, "invalid value 'pdf'"),
        (
            &["--format", "md", "--what", "annotations"],
            1,
            "--what annotations is for --format csv",
        ),
        (
            &[
                "--format",
                "md",
                "--from",
                "2023-01-01",
                "--to",
                "2022-01-01",
            ],
            1,
            "is after --to",
        ),
        (&["--format", "md", "--from", "yesterday"], 2, "YYYY-MM-DD"),
    ];
    for (args, status, says) in cases {
        let mut all = vec!["export", root_s];
        all.extend_from_slice(args);
        let (code, out, err) = dateline(&all);
        assert_eq!(code, *status, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
    }
    // a places table that does not parse is an error, not a silent empty table
    std::fs::write(root.join(".dateline/places.ron"), "(version: 1, places: {").expect("write");
    let (code, _, err) = dateline(&["export", root_s, "--format", "acled"]);
    assert_eq!(code, 1);
    assert!(err.contains("places do not parse at line"), "{err}");
}
