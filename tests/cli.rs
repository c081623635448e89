//! The command line as a user runs it: help, suggestions, completions, exit codes, JSON Lines, and
//! what `import`, `check` and `export` do to a copy of the sample collection.

use std::path::Path;
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

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    for entry in std::fs::read_dir(sample).expect("sample") {
        let entry = entry.expect("entry");
        if !entry.path().is_file() {
            continue; // the cache a run of the app leaves in the sample
        }
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    dir
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn inspect_gives_the_seed_metadata() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .display()
        .to_string();
    let (code, out, _) = dateline(&["inspect", &sample, "--json"]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    // The table "What the sample collection must give" in DESIGN.md.
    let cases = [
        (0, "published", "2022-12-07T14:29:00+04:00"),
        (0, "byline", "Fatima Hasanova"),
        (0, "source", "Azernews"),
        (1, "published", "2022-12-09T12:17:00+04:00"),
        (1, "byline", "Sabina Mammadli"),
        (1, "source", "Azernews"),
        (2, "published", "2023-03-01"),
        (2, "first_posted", "2023-02-28T20:05:00"),
        (2, "dateline", "BAKU, Azerbaijan"),
        (2, "source", "Trend"),
        (3, "published", "2022-12-12"),
        (3, "source", "News.Az"),
        (4, "published", "2023-02-25"),
        (4, "source", "Azernews"),
    ];
    for (i, key, want) in cases {
        assert_eq!(lines[i][key], want, "article {i}: {key}");
    }
    assert!(
        lines[3]["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("Baku stresses need for Russian peacekeeping contingent")
    );
    assert_eq!(lines[3]["title_derived"], false);
}

#[test]
fn dates_give_the_seed_mentions() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .display()
        .to_string();
    let (code, out, _) = dateline(&["dates", &sample, "--json"]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let has = |path: &str, text: &str, value: &str, kind: &str| {
        lines.iter().any(|l| {
            l["path"].as_str().is_some_and(|p| p.starts_with(path))
                && l["text"] == text
                && l["value"] == value
                && l["kind"] == kind
        })
    };
    assert!(has("000", "December 5", "2022-12-05", "relative"));
    assert!(has("002", "December 3", "2022-12-03", "absolute"));
    assert!(has("002", "7, 2022", "2022-12-07", "absolute"));
    assert!(has("002", "November 10, 2020", "2020-11-10", "absolute"));
    assert!(has("003", "December 3", "2022-12-03", "ongoing"));
    assert!(has("004", "December 2022", "2022-12", "absolute"));
    assert!(has("004", "December 12, 2022", "2022-12-12", "ongoing"));
    // Made on every core, written in order: the articles by path, each one's mentions by place.
    let order: Vec<(String, u64)> = lines
        .iter()
        .map(|l| {
            let path = l["path"].as_str().unwrap_or_default().to_string();
            (path, l["start"].as_u64().unwrap_or_default())
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert!(order.iter().any(|(p, _)| p.starts_with("004")));
    // Offsets are byte offsets into the decoded text.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/000_53a47ea64c1c0eb4.txt"),
    )
    .expect("read");
    let first = &lines[0];
    let (s, e) = (
        first["start"].as_u64().unwrap_or(0) as usize,
        first["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[s..e], first["text"].as_str().unwrap_or(""));
}

#[test]
fn bad_input_gets_a_one_line_error_and_a_non_zero_exit() {
    // (arguments, exit status, what the first line of the error says, what the rest adds)
    let cases: &[(&[&str], i32, &str, &str)] = &[
        (&["inspect", "/no/such/folder"], 1, "no such folder", ""),
        (
            &["inspect"],
            2,
            "required arguments were not provided",
            "<PATH>",
        ),
        (
            &["dates", "a", "b"],
            2,
            "unexpected argument 'b'",
            "Usage: dateline dates",
        ),
        (
            &["export", "."],
            2,
            "required arguments",
            "--format <FORMAT>",
        ),
        (
            &["export", ".", "--format", "pdf"],
            2,
            "invalid value 'pdf'",
            "possible values: jsonld",
        ),
        (&["import", "."], 2, "required arguments", "<FILE>"),
        (
            &["check", ".", "--frobnicate"],
            2,
            "unexpected argument '--frobnicate'",
            "",
        ),
        (&["a", "b"], 2, "unexpected argument 'b'", ""),
        (
            &["--screenshot"],
            2,
            "a value is required for '--screenshot",
            "",
        ),
        (
            &["news", "inspect", "x"],
            2,
            "'inspect' cannot be used with '[PATH]'",
            "",
        ),
        (
            &["--screenshot", "a.png", "inspect", "x"],
            2,
            "cannot be used with '--screenshot",
            "",
        ),
    ];
    for (args, code, first, rest) in cases {
        let (got, out, err) = dateline(args);
        assert_eq!(got, *code, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: errors go to stderr: {out}");
        let line = err.lines().next().unwrap_or_default();
        assert!(line.contains(first), "{args:?}: {err}");
        assert!(err.contains(rest), "{args:?}: {err}");
        if *code == 1 {
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(line.starts_with("dateline: "), "{args:?}: {err}");
        } else {
            assert!(line.starts_with("error: "), "{args:?}: {err}");
        }
    }
}

const COMMANDS: [&str; 7] = [
    "inspect",
    "dates",
    "check",
    "export",
    "import",
    "search",
    "completions",
];

#[test]
fn help_lists_every_command_in_one_line() {
    for flag in ["--help", "-h", "help"] {
        let (code, out, err) = dateline(&[flag]);
        assert_eq!(code, 0, "{flag}: {err}");
        for command in COMMANDS {
            let line = out
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{command} ")));
            assert!(
                line.is_some_and(|l| l.split_whitespace().count() > 1),
                "{flag}: {command} has no line of its own: {out}"
            );
        }
        assert!(out.contains("--screenshot"), "{flag}: {out}");
    }
}

#[test]
fn each_command_s_help_lists_its_options() {
    let cases: &[(&str, &[&str])] = &[
        ("inspect", &["<PATH>", "--json"]),
        ("dates", &["<PATH>", "--json"]),
        ("check", &["<PATH>", "--annotations <FILE>", "--json"]),
        (
            "export",
            &[
                "<PATH>",
                "--format <FORMAT>",
                "jsonld",
                "--annotations <FILE>",
                "-o, --output <FILE>",
            ],
        ),
        ("import", &["<PATH>", "<FILE>"]),
        ("search", &["<PATH>", "<QUERY>", "--json"]),
        ("completions", &["<SHELL>", "bash", "zsh", "fish"]),
    ];
    assert_eq!(cases.len(), COMMANDS.len());
    for (command, options) in cases {
        for help in [
            &[*command, "--help"][..],
            &[*command, "-h"],
            &["help", command],
        ] {
            let (code, out, err) = dateline(help);
            assert_eq!(code, 0, "{help:?}: {err}");
            assert!(
                out.contains(&format!("Usage: dateline {command}")),
                "{help:?}: {out}"
            );
            for option in *options {
                assert!(out.contains(option), "{help:?} lacks {option}: {out}");
            }
        }
    }
}

#[test]
fn typos_get_a_suggestion_and_exit_2() {
    // (arguments, the suggestion)
    let cases: &[(&[&str], &str)] = &[
        (&["inspct", "x"], "a similar subcommand exists: 'inspect'"),
        (&["inspct"], "a similar subcommand exists: 'inspect'"),
        (
            &["serach", "x", "y", "--json"],
            "a similar subcommand exists: 'search'",
        ),
        (
            &["completion", "bash"],
            "a similar subcommand exists: 'completions'",
        ),
        (
            &["news", "inspct"],
            "a similar subcommand exists: 'inspect'",
        ),
        (
            &["inspect", "x", "--jsno"],
            "a similar argument exists: '--json'",
        ),
        (
            &["check", "x", "--anotations", "a.ron"],
            "a similar argument exists: '--annotations'",
        ),
        (
            &["export", "x", "--format", "jsnold"],
            "a similar value exists: 'jsonld'",
        ),
        (&["completions", "bsh"], "a similar value exists: 'bash'"),
    ];
    for (args, want) in cases {
        let (code, out, err) = dateline(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn a_folder_named_like_a_mistyped_command_is_a_path_not_a_typo() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("inspct")).expect("mkdir");
    let run = |cwd: &Path| {
        // `--bogus` stops the window from opening: only the parsing is tried.
        let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["inspct", "--bogus"])
            .current_dir(cwd)
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    assert!(!err.contains("similar subcommand"), "{err}");
    let (code, err) = run(&dir.path().join("inspct"));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("a similar subcommand exists: 'inspect'"),
        "{err}"
    );
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = dateline(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("dateline"), "{shell}: {out}");
        for command in COMMANDS {
            assert!(out.contains(command), "{shell} does not complete {command}");
        }
    }
    let (code, out, err) = dateline(&["completions", "powershell-typo"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("possible values: bash, zsh, fish"), "{err}");
}

#[test]
fn version_is_the_package_s() {
    for flag in ["--version", "-V"] {
        let (code, out, err) = dateline(&[flag]);
        assert_eq!(code, 0, "{flag}: {err}");
        assert_eq!(
            out.trim(),
            format!("dateline {}", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn import_check_export_round_trip() {
    let dir = sample_copy();
    let root = dir.path().display().to_string();
    let (code, out, err) = dateline(&["import", &root, &fixture("w3c/import.jsonld")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 added, 0 already there, 1 skipped"), "{out}");
    let (_, again, _) = dateline(&["import", &root, &fixture("w3c/import.jsonld")]);
    assert!(
        again.contains("0 added, 2 already there, 1 skipped"),
        "importing twice changes nothing: {again}"
    );

    let (code, out, _) = dateline(&["check", &root, "--json"]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 3, "two passages and a summary");
    assert!(lines[..2].iter().all(|l| l["status"] == "in_place"));
    assert_eq!(lines[2]["summary"]["in_place"], 2);

    // Edit one article on disk: its passage moves; delete the other's quote: orphaned.
    let a = dir.path().join("001_733b5a0515859e55.txt");
    let text = std::fs::read_to_string(&a).expect("read");
    std::fs::write(&a, format!("An editor's note.\n\n{text}")).expect("write");
    let b = dir.path().join("004_48452417f1ed6d85.txt");
    let text = std::fs::read_to_string(&b).expect("read");
    std::fs::write(
        &b,
        text.replace("The peaceful protest on Azerbaijan", "A rally near"),
    )
    .expect("write");
    let (_, out, _) = dateline(&["check", &root, "--json"]);
    let statuses: Vec<String> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["status"].as_str().map(str::to_string))
        .collect();
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(sorted, ["moved", "orphaned"], "{out}");
    // Orphans stay in the file.
    let saved =
        std::fs::read_to_string(dir.path().join(".dateline/annotations.ron")).expect("saved");
    assert!(saved.contains("The peaceful protest on Azerbaijan"));

    let out_file = dir.path().join("export.jsonld");
    let (code, _, err) = dateline(&[
        "export",
        &root,
        "--format",
        "jsonld",
        "-o",
        &out_file.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).expect("export")).expect("json");
    assert_eq!(doc["type"], "AnnotationCollection");
    assert_eq!(doc["total"], 2);
}

#[test]
fn an_unparsable_annotations_file_stops_import_and_is_kept() {
    let dir = sample_copy();
    let file = dir.path().join(".dateline/annotations.ron");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(&file, "(version: 1, events: [").expect("write");
    let root = dir.path().display().to_string();
    let (code, _, err) = dateline(&["import", &root, &fixture("w3c/import.jsonld")]);
    assert_ne!(code, 0);
    assert!(err.contains("does not parse at line 1"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "(version: 1, events: ["
    );
}

#[test]
fn search_gives_hits_with_offsets_and_snippets() {
    let dir = sample_copy();
    let root = dir.path().display().to_string();
    // (query, hits, a text every hit line must hold one of)
    let cases: &[(&str, usize, &[&str])] = &[
        ("xankəndi", 9, &["Xankandi", "Khankandi", "Khankendi"]),
        ("\"peaceful protest\"", 3, &["peaceful protest"]),
        ("lavrov bayramov", 14, &["Lavrov", "Bayramov"]),
        ("nonexistentword", 0, &[]),
    ];
    for (query, n, texts) in cases {
        let (code, out, err) = dateline(&["search", &root, query, "--json"]);
        assert_eq!(code, 0, "{query}: {err}");
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect();
        assert_eq!(lines.len(), *n, "{query}: {out}");
        for line in &lines {
            let path = line["path"].as_str().unwrap_or_default();
            let text = std::fs::read_to_string(dir.path().join(path)).expect("article");
            let (start, end) = (
                line["start"].as_u64().unwrap_or(0) as usize,
                line["end"].as_u64().unwrap_or(0) as usize,
            );
            // Offsets are bytes into the decoded text: they give back the hit.
            assert_eq!(Some(&text[start..end]), line["text"].as_str(), "{line}");
            assert!(texts.contains(&&text[start..end]), "{query}: {line}");
            let snippet = line["snippet"].as_str().unwrap_or_default();
            assert!(snippet.contains(&text[start..end]), "{line}");
        }
    }
    // The plain form: path:start-end: snippet, sorted by path.
    let (code, out, _) = dateline(&["search", &root, "Qızılbulaq"]);
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap_or_default();
    assert!(first.starts_with("001_733b5a0515859e55.txt:"), "{first}");
    assert!(first.contains("Gizilbulag"), "{first}");

    // The collection's own aliases are used.
    std::fs::create_dir_all(dir.path().join(".dateline")).expect("mkdir");
    std::fs::write(
        dir.path().join(".dateline/aliases.ron"),
        "(version: 1, groups: [[\"ICRC\", \"Qırmızı Xaç\"]])",
    )
    .expect("write");
    let (code, out, _) = dateline(&["search", &root, "qirmizi xac"]);
    assert_eq!(code, 0);
    assert!(out.contains("ICRC") && out.lines().count() >= 5, "{out}");
    // … and a broken one is an error, not a silent fallback.
    std::fs::write(
        dir.path().join(".dateline/aliases.ron"),
        "(version: 1, groups: [",
    )
    .expect("write");
    let (code, _, err) = dateline(&["search", &root, "lachin"]);
    assert_eq!(code, 1);
    assert!(err.contains("aliases") && err.lines().count() == 1, "{err}");
}

#[test]
fn search_bad_input_is_refused_in_one_line() {
    let dir = sample_copy();
    let root = dir.path().display().to_string();
    let cases: &[(&[&str], i32, &str)] = &[
        (&["search", &root], 2, "<QUERY>"),
        (&["search", &root, "  "], 1, "the query is empty"),
        (&["search", "/no/such/folder", "x"], 1, "no such folder"),
        (&["search", &root, "x", "--bogus"], 2, "--bogus"),
    ];
    for (args, code, message) in cases {
        let (got, _, err) = dateline(args);
        assert_eq!(got, *code, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn timeline_gives_the_suggested_dates_with_their_evidence() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let sample = sample.to_str().expect("utf-8 path");
    // one line a date, in date order: date, score, articles and sources, type, summary
    let (code, out, err) = dateline(&["timeline", sample]);
    assert_eq!(code, 0, "{err}");
    let dates: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(
        dates,
        [
            "2020-11-10",
            "2022-12-03",
            "2022-12-10",
            "2022-12-12 (ongoing)"
        ],
        "{out}"
    );
    assert!(
        out.contains("3 articles, 3 sources\tprotests\tThe peaceful protest"),
        "{out}"
    );

    let (code, out, err) = dateline(&["timeline", sample, "--json", "--dates", "6"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 6, "exactly as many as asked: {out}");
    let dates: Vec<&str> = lines.iter().filter_map(|l| l["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted, "date order");
    for l in &lines {
        for key in [
            "date",
            "precision",
            "score",
            "summary",
            "articles",
            "sources",
            "type",
            "actors",
            "places",
            "evidence",
        ] {
            assert!(!l[key].is_null(), "{key} in {l}");
        }
        // the summary is one or two evidence sentences, also given one by one
        let sentences: Vec<&str> = l["sentences"]
            .as_array()
            .expect("sentences")
            .iter()
            .filter_map(|s| s.as_str())
            .collect();
        assert!((1..=2).contains(&sentences.len()), "{l}");
        assert_eq!(l["summary"].as_str(), Some(sentences.join(" ").as_str()));
        for e in l["evidence"].as_array().expect("list") {
            let path = Path::new(sample).join(e["path"].as_str().expect("path"));
            let text = std::fs::read_to_string(path).expect("the article");
            let (start, end) = (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(&text[start..end], e["text"].as_str().expect("text"));
        }
    }

    // articles published from..to, and dates in it
    let (code, out, _) = dateline(&[
        "timeline",
        sample,
        "--dates",
        "2",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
    ]);
    assert_eq!(code, 0);
    let dates: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(dates.len(), 2, "{out}");
    assert!(dates.iter().all(|d| d.starts_with("2023-")), "{out}");

    // only what a search finds
    let (code, out, _) = dateline(&["timeline", sample, "--query", "Red Cross", "--dates", "3"]);
    assert_eq!(code, 0);
    assert!(!out.is_empty());
    assert!(
        !out.contains("2020-11-10"),
        "only 004 speaks of the Red Cross: {out}"
    );
}

#[test]
fn timeline_bad_input_is_refused_in_one_line() {
    let empty = tempfile::tempdir().expect("temp dir");
    let undated = tempfile::tempdir().expect("temp dir");
    std::fs::write(undated.path().join("a.txt"), "Nothing dated here.").expect("write");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let sample = sample.to_str().expect("utf-8 path");
    let e = empty.path().to_str().expect("utf-8 path");
    let u = undated.path().to_str().expect("utf-8 path");
    let cases: &[(&[&str], i32, &str)] = &[
        (&["timeline", e], 1, "no articles to suggest from"),
        (&["timeline", u], 1, "no dates: none of the 1 articles"),
        (&["timeline", "/no/such/folder"], 1, "no such folder"),
        (
            &["timeline", sample, "--from", "2023-02-30"],
            2,
            "give the day as YYYY-MM-DD",
        ),
        (
            &["timeline", sample, "--dates", "many"],
            2,
            "invalid value 'many'",
        ),
        (
            &[
                "timeline",
                sample,
                "--from",
                "2023-03-01",
                "--to",
                "2023-01-01",
            ],
            1,
            "--from 2023-03-01 is after --to 2023-01-01",
        ),
        (
            &["timeline", sample, "--from", "2030-01-01"],
            1,
            "no article in scope is published between the dates asked for",
        ),
        (
            &["timeline", sample, "--query", "zzzqqq"],
            1,
            "no article of 5 matches the query",
        ),
        (
            &["timeline", sample, "--query", "  "],
            1,
            "the query is empty",
        ),
    ];
    for (args, status, says) in cases {
        let (code, out, err) = dateline(args);
        assert_eq!(code, *status, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
