//! `cargo bench --bench webpages`: Dateline's reading of saved web pages scored on two public
//! evaluation sets exactly as their projects score themselves — the main text on trafilatura's
//! (`DATELINE_TRAFILATURA_EVAL`), the publication date on htmldate's (`DATELINE_HTMLDATE_EVAL`),
//! each the project's `tests` folder — and the reading's speed on one core.
//!
//! Quality is measured here, not asserted: the figures guide work on the HTML reader, and the
//! scorer itself is checked on a small example before anything is measured. With
//! `DATELINE_WEBPAGES_DUMP=DIR` what was read of each page is written under `DIR`.

#[path = "common.rs"]
mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Datelike as _;
use dateline::core::collection::{Article, LoadEvent, LoadOptions, read_file};
use serde_json::Value;

/// Timed passes over each set after the scored one; their median is the speed reported.
const TIMED_PASSES: usize = 3;
/// How many of the worst pages are listed for each kind of error.
const WORST: usize = 10;

fn main() {
    self_check();
    let trafilatura = std::env::var_os("DATELINE_TRAFILATURA_EVAL").map(PathBuf::from);
    let htmldate = std::env::var_os("DATELINE_HTMLDATE_EVAL").map(PathBuf::from);
    if trafilatura.is_none() && htmldate.is_none() {
        println!(
            "webpages: nothing measured; set DATELINE_TRAFILATURA_EVAL to trafilatura's `tests` \
             folder and DATELINE_HTMLDATE_EVAL to htmldate's (README.md, Performance, Web pages \
             says how to get them)"
        );
        return;
    }
    let result = trafilatura
        .map_or(Ok(()), |dir| main_text(&dir))
        .and_then(|()| htmldate.map_or(Ok(()), |dir| dates(&dir)));
    if let Err(e) = result {
        eprintln!("webpages: {e}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------------
// The scorers, as the two projects wrote them.

/// True and false positives and negatives, summed over pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Confusion {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl std::ops::AddAssign for Confusion {
    fn add_assign(&mut self, other: Confusion) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }
}

/// A share, 0 when there is nothing to share (as trafilatura's `ConfusionMatrix.scores`).
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Confusion {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.fp + self.fn_ + self.tn)
    }

    /// `2·tp / (2·tp + fp + fn)`, the form both projects compute.
    fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    fn summary(&self) -> String {
        format!(
            "tp={} fp={} fn={} tn={} precision={:.3} recall={:.3} accuracy={:.3} f1={:.3}",
            self.tp,
            self.fp,
            self.fn_,
            self.tn,
            self.precision(),
            self.recall(),
            self.accuracy(),
            self.f1()
        )
    }
}

/// trafilatura's `norm` (`tests/eval_common.py`): every run of whitespace one space, trimmed.
/// Python's `\s` is `str.isspace`, which takes the separators U+001C–U+001F too.
fn norm(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// trafilatura's `count_item` (`tests/eval_common.py`): each `with` segment found in the
/// normalised text is a true positive, each missing a false negative; each `without` segment
/// found a false positive, each absent a true negative. No text at all (the extractor failed)
/// finds nothing.
fn score_text(with: &[String], without: &[String], extracted: Option<&str>) -> Confusion {
    let (tp, fp) = match extracted {
        Some(text) => {
            let text = norm(text);
            let found = |segments: &[String]| {
                segments
                    .iter()
                    .filter(|s| text.contains(norm(s).as_str()))
                    .count()
            };
            (found(with), found(without))
        }
        None => (0, 0),
    };
    Confusion {
        tp,
        fp,
        fn_: with.len() - tp,
        tn: without.len() - fp,
    }
}

/// htmldate's `evaluate_result` (`tests/evaluation.py`): the date found, `YYYY-MM-DD`, equal to
/// the true one is a true positive, another date a false positive, no date a false negative —
/// and, for a page whose true date is `null`, a true negative *and* a false negative (as written
/// there). A true date of `NaN` (read as the string `"NaN"`) is matched by nothing.
fn score_date(found: Option<&str>, truth: Option<&str>) -> Confusion {
    let (tp, fp, tn, fn_) = match (found, truth) {
        (None, None) => (0, 0, 1, 1),
        (None, Some(_)) => (0, 0, 0, 1),
        (Some(f), t) if Some(f) == t => (1, 0, 0, 0),
        (Some(_), _) => (0, 1, 0, 0),
    };
    Confusion { tp, fp, fn_, tn }
}

/// A wrong scorer would make every figure wrong: check it on pages whose counts are known.
fn self_check() {
    let strings = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let with = strings(&["first  paragraph\nof the text", "last words.", "never kept"]);
    let without = strings(&["Impressum", "Share this", "© 2021 Site"]);
    let text = "Headline\n\nFirst paragraph of the text goes on.\u{a0}Then the last\twords.\n\nShare \
                this";
    // Case matters (`First` ≠ `first`), whitespace does not.
    let page = score_text(&with, &without, Some(text));
    let want = Confusion {
        tp: 1,
        fp: 1,
        fn_: 2,
        tn: 2,
    };
    assert_eq!(page, want, "score_text on the example page");
    let failed = score_text(&with, &without, None);
    let want_failed = Confusion {
        tp: 0,
        fp: 0,
        fn_: 3,
        tn: 3,
    };
    assert_eq!(failed, want_failed, "score_text on a page not read");
    assert_eq!(norm(" a\u{1f}\u{3000}b \n"), "a b");

    let json = r#"{"a": {"date": NaN, "file": "NaN.html"}, "b\\\"": {"date": "x"}}"#;
    assert_eq!(
        python_nan_as_string(json),
        r#"{"a": {"date": "NaN", "file": "NaN.html"}, "b\\\"": {"date": "x"}}"#
    );
    let mut dates = Confusion::default();
    for (found, truth) in [
        (Some("2020-06-07"), Some("2020-06-07")),
        (Some("2020-06-07"), Some("2020-06-07")),
        (Some("2020-07-06"), Some("2020-06-07")),
        (None, Some("2020-06-07")),
        (None, None),
        (Some("2020-06-07"), Some("NaN")),
        (None, Some("NaN")),
    ] {
        dates += score_date(found, truth);
    }
    let want_dates = Confusion {
        tp: 2,
        fp: 2,
        fn_: 3,
        tn: 1,
    };
    assert_eq!(dates, want_dates, "score_date on seven pages");
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(close(dates.precision(), 2.0 / 4.0));
    assert!(close(dates.recall(), 2.0 / 5.0));
    assert!(close(dates.accuracy(), 3.0 / 8.0));
    assert!(close(dates.f1(), 4.0 / 9.0));
    assert!(close(Confusion::default().f1(), 0.0));
}

// ---------------------------------------------------------------------------------------------
// Reading the pages as Dateline does.

/// A page of an evaluation set, found on disk.
struct Page<T> {
    /// The file name the set gives.
    file: String,
    path: PathBuf,
    bytes: usize,
    truth: T,
}

/// The pages of a set that were found, and those left out with why.
struct Pages<T> {
    found: Vec<Page<T>>,
    skipped: Vec<(String, &'static str)>,
}

/// Looks each file up in `folders` of `tests` in the set's order; a file that is missing, cannot
/// be read, or is gzipped (Dateline reads no gzip) is skipped. Reading every file here also
/// warms the page cache before anything is timed.
fn find_pages<T>(tests: &Path, folders: &[&str], cases: Vec<(String, T)>) -> Pages<T> {
    let mut pages = Pages {
        found: Vec::new(),
        skipped: Vec::new(),
    };
    for (file, truth) in cases {
        let Some(path) = folders
            .iter()
            .map(|f| tests.join(f).join(&file))
            .find(|p| p.is_file())
        else {
            pages.skipped.push((file, "missing"));
            continue;
        };
        match std::fs::read(&path) {
            Err(_) => pages.skipped.push((file, "unreadable")),
            Ok(b) if b.starts_with(&[0x1f, 0x8b]) => pages.skipped.push((file, "gzipped")),
            Ok(b) => pages.found.push(Page {
                file,
                path,
                bytes: b.len(),
                truth,
            }),
        }
    }
    pages
}

/// Dateline's reading of one file, as a collection reads it, and how long it took.
fn read_page(path: &Path) -> (Result<Article, String>, f64) {
    let root = path.parent().unwrap_or(Path::new(""));
    let start = Instant::now();
    let events = read_file(root, path, LoadOptions::default());
    let secs = start.elapsed().as_secs_f64();
    let mut problem = String::from("no article");
    for event in events {
        match event {
            LoadEvent::Article(article) => return (Ok(*article), secs),
            LoadEvent::Problem(p) => problem = p.reason,
            LoadEvent::Found { .. } => {}
        }
    }
    (Err(problem), secs)
}

/// With `DATELINE_WEBPAGES_DUMP` set, writes what Dateline read of a page to
/// `DUMP/<set>/<file>.txt` (its date, title and text), to see why it scored as it did.
fn dump(set: &str, file: &str, article: &Result<Article, String>) {
    let Some(dir) = std::env::var_os("DATELINE_WEBPAGES_DUMP") else {
        return;
    };
    let dir = Path::new(&dir).join(set);
    let out = match article {
        Ok(a) => format!(
            "published: {:?}\ndate_from_path: {}\ntitle: {}\n\n{}",
            a.meta.published, a.meta.date_from_path, a.meta.title, a.text
        ),
        Err(problem) => format!("not read: {problem}\n"),
    };
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(format!("{file}.txt")), out));
    if let Err(e) = written {
        eprintln!("webpages: cannot write the dump: {e}: {}", dir.display());
    }
}

/// MB of HTML read a second on this thread: the median of [`TIMED_PASSES`] passes over `pages`
/// (after the scored pass), timing only the reading.
fn speed<T>(pages: &[Page<T>]) -> f64 {
    let bytes: usize = pages.iter().map(|p| p.bytes).sum();
    let passes = (0..TIMED_PASSES)
        .map(|_| pages.iter().map(|p| read_page(&p.path).1).sum::<f64>())
        .collect::<Vec<_>>();
    bytes as f64 / 1e6 / common::median(passes)
}

fn read_json(path: &Path) -> Result<serde_json::Map<String, Value>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the evaluation set: {e}: {}", path.display()))?;
    match serde_json::from_str(&python_nan_as_string(&text)) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!(
            "the evaluation set is not an object of pages: {}",
            path.display()
        )),
        Err(e) => Err(format!(
            "the evaluation set is not JSON: {e}: {}",
            path.display()
        )),
    }
}

/// Python's `json` reads a bare `NaN` (htmldate's mediacloud set has some as dates); serde does
/// not. Outside strings it becomes the string `"NaN"`, which, like Python's `nan`, is neither
/// `None` nor equal to any date found.
fn python_nan_as_string(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.contains("NaN") {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 64);
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = json;
    while let Some(c) = rest.chars().next() {
        if !in_string && rest.starts_with("NaN") {
            out.push_str("\"NaN\"");
            rest = &rest[3..];
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

/// At most `n` characters of `s`, for one line of output.
fn clip(s: &str, n: usize) -> String {
    let s = norm(s);
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Lists the pages Dateline did not read, with why (they score as finding nothing).
fn print_not_read<'a>(pages: impl Iterator<Item = (&'a String, &'a String)>) {
    for (file, problem) in pages {
        println!("  not read: {file}: {problem}");
    }
}

fn skipped_summary(skipped: &[(String, &str)]) -> String {
    let mut reasons: Vec<&str> = skipped.iter().map(|(_, r)| *r).collect();
    reasons.sort_unstable();
    reasons.dedup();
    let parts: Vec<String> = reasons
        .iter()
        .map(|r| format!("{}={}", r, skipped.iter().filter(|(_, s)| s == r).count()))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(" "))
    }
}

// ---------------------------------------------------------------------------------------------
// trafilatura's main-text set.

/// The segments a page's main text must and must not hold.
struct Segments {
    with: Vec<String>,
    without: Vec<String>,
}

/// One page's outcome, for the list of the worst.
struct TextOutcome {
    file: String,
    counts: Confusion,
    kept: Option<String>,
    missed: Option<String>,
    problem: Option<String>,
}

/// Whether a page is in the half that rules are tuned on: the bytes of its file name add up to
/// an even number (490 of the 990 pages). The other half is held out, to report on.
fn is_development(file: &str) -> bool {
    file.bytes().map(u32::from).sum::<u32>() % 2 == 0
}

fn main_text(tests: &Path) -> Result<(), String> {
    let set = read_json(&tests.join("evaldata.json"))?;
    let mut cases = Vec::new();
    for (url, item) in &set {
        let segments = |key: &str| -> Result<Vec<String>, String> {
            let list = item.get(key).and_then(Value::as_array);
            let list = list.ok_or_else(|| format!("{url}: no {key:?} list in evaldata.json"))?;
            list.iter()
                .map(|s| s.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| format!("{url}: {key:?} holds something not a string"))
        };
        let file = item.get("file").and_then(Value::as_str);
        let file = file.ok_or_else(|| format!("{url}: no file in evaldata.json"))?;
        let truth = Segments {
            with: segments("with")?,
            without: segments("without")?,
        };
        cases.push((file.to_string(), truth));
    }
    // trafilatura's `resolve` (tests/eval_common.py) looks in cache/ first, then eval/.
    let pages = find_pages(tests, &["cache", "eval"], cases);

    let mut total = Confusion::default();
    let mut halves = [Confusion::default(); 2];
    let mut outcomes = Vec::new();
    for page in &pages.found {
        let (article, _) = read_page(&page.path);
        dump("main_text", &page.file, &article);
        let text = article.as_ref().ok().map(|a| a.text.as_str());
        let truth = &page.truth;
        let counts = score_text(&truth.with, &truth.without, text);
        total += counts;
        halves[usize::from(!is_development(&page.file))] += counts;
        let holds = |s: &String| text.is_some_and(|t| norm(t).contains(norm(s).as_str()));
        outcomes.push(TextOutcome {
            file: page.file.clone(),
            counts,
            kept: truth.without.iter().find(|s| holds(s)).cloned(),
            missed: truth.with.iter().find(|s| !holds(s)).cloned(),
            problem: article.err(),
        });
    }
    let bytes: usize = pages.found.iter().map(|p| p.bytes).sum();
    let mb_per_s = speed(&pages.found);
    println!(
        "webpages main_text pages={} skipped={}{} not_read={} {} html_mb={:.1} \
         mb_per_s_one_core={mb_per_s:.1}",
        pages.found.len(),
        pages.skipped.len(),
        skipped_summary(&pages.skipped),
        outcomes.iter().filter(|o| o.problem.is_some()).count(),
        total.summary(),
        bytes as f64 / 1e6,
    );
    for (half, counts) in ["development", "held_out"].iter().zip(halves) {
        println!("  {half} half: {}", counts.summary());
    }
    let not_read = outcomes
        .iter()
        .filter_map(|o| Some((&o.file, o.problem.as_ref()?)));
    print_not_read(not_read);

    outcomes.sort_by(|a, b| {
        (b.counts.fp, b.counts.fn_, &a.file).cmp(&(a.counts.fp, a.counts.fn_, &b.file))
    });
    println!("  most boilerplate kept (fp of the page's `without` segments):");
    for o in outcomes.iter().take(WORST).filter(|o| o.counts.fp > 0) {
        println!(
            "    {} fp={}/{} fn={}/{} kept: {:?}",
            o.file,
            o.counts.fp,
            o.counts.fp + o.counts.tn,
            o.counts.fn_,
            o.counts.fn_ + o.counts.tp,
            clip(o.kept.as_deref().unwrap_or(""), 60)
        );
    }
    outcomes.sort_by(|a, b| {
        (b.counts.fn_, b.counts.fp, &a.file).cmp(&(a.counts.fn_, a.counts.fp, &b.file))
    });
    println!("  most text missed (fn of the page's `with` segments):");
    for o in outcomes.iter().take(WORST).filter(|o| o.counts.fn_ > 0) {
        let why = match &o.problem {
            Some(p) => format!("not read: {p}"),
            None => format!("missed: {:?}", clip(o.missed.as_deref().unwrap_or(""), 60)),
        };
        println!(
            "    {} fn={}/{} fp={}/{} {why}",
            o.file,
            o.counts.fn_,
            o.counts.fn_ + o.counts.tp,
            o.counts.fp,
            o.counts.fp + o.counts.tn,
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// htmldate's publication-date sets.

/// htmldate's `EVAL_PAGES` (tests/evaluation.py): both sets, in this order, one dict.
const DATE_SETS: [&str; 2] = ["eval_mediacloud_2020.json", "eval_default.json"];

/// The true date of a page and the set it is from.
struct TrueDate {
    set: &'static str,
    date: Option<String>,
}

fn dates(tests: &Path) -> Result<(), String> {
    // One dict, as htmldate's: a URL in both sets counts once, with the later set's entry.
    let mut cases: Vec<(String, TrueDate)> = Vec::new();
    let mut by_url: HashMap<String, usize> = HashMap::new();
    for set in DATE_SETS {
        for (url, item) in read_json(&tests.join(set))? {
            let file = item.get("file").and_then(Value::as_str);
            let file = file.ok_or_else(|| format!("{url}: no file in {set}"))?;
            let case = (
                file.to_string(),
                TrueDate {
                    set,
                    date: item.get("date").and_then(Value::as_str).map(str::to_string),
                },
            );
            match by_url.get(&url) {
                Some(&i) => cases[i] = case,
                None => {
                    by_url.insert(url, cases.len());
                    cases.push(case);
                }
            }
        }
    }
    // htmldate's `load_document` looks in test_set/, then cache/, then eval/.
    let pages = find_pages(tests, &["test_set", "cache", "eval"], cases);

    let mut total = Confusion::default();
    let mut per_set = [(0usize, Confusion::default()); DATE_SETS.len()];
    let mut not_read: Vec<(String, String)> = Vec::new();
    let mut path_dates = 0;
    // (days off, file, found, true) of each wrong date; the files of pages with none.
    let mut wrong: Vec<(i64, String, String, String)> = Vec::new();
    let mut none: Vec<(String, String)> = Vec::new();
    // Tuning looks at one half only: every other page by file name is the development half, the
    // rest is held out, so a rule can be checked on pages it was not made from.
    let mut names: Vec<&str> = pages.found.iter().map(|p| p.file.as_str()).collect();
    names.sort_unstable();
    let dev: std::collections::HashSet<&str> = names.iter().step_by(2).copied().collect();
    let mut halves = [Confusion::default(); 2];
    // What each source of a date ("Date from") gave, over all pages.
    let mut by_source: std::collections::BTreeMap<String, Confusion> = Default::default();
    let mut errors = String::new();
    for page in &pages.found {
        let (article, _) = read_page(&page.path);
        dump("date", &page.file, &article);
        if let Err(problem) = &article {
            not_read.push((page.file.clone(), problem.clone()));
        }
        let meta = article.as_ref().ok().map(|a| &a.meta);
        // A date from the file's name is the annotators' naming, not the page: htmldate is
        // given only the HTML.
        path_dates += usize::from(meta.is_some_and(|m| m.date_from_path));
        let found = meta
            .filter(|m| !m.date_from_path)
            .and_then(|m| m.published.as_ref())
            .map(|t| t.date.format("%Y-%m-%d").to_string());
        let truth = page.truth.date.as_deref();
        let counts = score_date(found.as_deref(), truth);
        total += counts;
        let is_dev = dev.contains(page.file.as_str());
        if found.is_some() {
            let from = meta.and_then(|m| m.extra.iter().find(|(k, _)| k == "Date from"));
            let from = from.map_or("the header lines", |(_, v)| v.as_str());
            *by_source.entry(from.to_string()).or_default() += counts;
        }
        halves[usize::from(!is_dev)] += counts;
        if is_dev && found.as_deref() != truth {
            let from = meta.and_then(|m| m.extra.iter().find(|(k, _)| k == "Date from"));
            errors.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                page.file,
                found.as_deref().unwrap_or("none"),
                truth.unwrap_or("none"),
                from.map_or("", |(_, v)| v.as_str())
            ));
        }
        let set = &mut per_set[set_index(page.truth.set)];
        set.0 += 1;
        set.1 += counts;
        match (&found, truth) {
            (Some(f), Some(t)) if f != t => {
                let day = |d: &str| {
                    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .map(|d| i64::from(d.num_days_from_ce()))
                };
                // A true date that is none (`NaN`) sorts last.
                let off = match (day(f), day(t)) {
                    (Ok(f), Ok(t)) => (f - t).abs(),
                    _ => -1,
                };
                wrong.push((off, page.file.clone(), f.clone(), t.to_string()));
            }
            (None, _) => {
                let why = if article.is_err() { " (not read)" } else { "" };
                let truth = truth.unwrap_or("none");
                none.push((page.file.clone(), format!("{truth}{why}")));
            }
            _ => {}
        }
    }
    let bytes: usize = pages.found.iter().map(|p| p.bytes).sum();
    let mb_per_s = speed(&pages.found);
    println!(
        "webpages date pages={} skipped={}{} not_read={} path_dates_ignored={path_dates} \
         {} html_mb={:.1} mb_per_s_one_core={mb_per_s:.1}",
        pages.found.len(),
        pages.skipped.len(),
        skipped_summary(&pages.skipped),
        not_read.len(),
        total.summary(),
        bytes as f64 / 1e6,
    );
    print_not_read(not_read.iter().map(|(f, p)| (f, p)));
    println!(
        "  development half (every other file by name): {}",
        halves[0].summary()
    );
    println!("  held-out half: {}", halves[1].summary());
    let mut sources: Vec<_> = by_source.into_iter().collect();
    sources.sort_by_key(|(from, c)| (std::cmp::Reverse(c.tp + c.fp), from.clone()));
    println!("  dates by where they came from (right / wrong):");
    for (from, c) in sources {
        println!("    {from}: {} / {}", c.tp, c.fp);
    }
    // With `DATELINE_WEBPAGES_DATE_ERRORS=FILE`, the development half's misses go to FILE
    // (file, found, true, where found), one a line; the held-out half's are never listed.
    if let Some(path) = std::env::var_os("DATELINE_WEBPAGES_DATE_ERRORS")
        && let Err(e) = std::fs::write(&path, &errors)
    {
        eprintln!("webpages: cannot write the date errors: {e}");
    }
    for (set, (pages, counts)) in DATE_SETS.iter().zip(per_set) {
        println!("  {set}: pages={pages} {}", counts.summary());
    }
    wrong.sort_by(|a, b| (b.0, &a.1).cmp(&(a.0, &b.1)));
    println!(
        "  wrong dates: {} pages; the furthest off (found, true):",
        wrong.len()
    );
    for (off, file, found, truth) in wrong.iter().take(WORST) {
        println!("    {file} found={found} true={truth} days_off={off}");
    }
    println!("  no date: {} pages; the first:", none.len());
    for (file, truth) in none.iter().take(WORST) {
        println!("    {file} true={truth}");
    }
    Ok(())
}

fn set_index(set: &str) -> usize {
    DATE_SETS.iter().position(|s| *s == set).unwrap_or(0)
}
