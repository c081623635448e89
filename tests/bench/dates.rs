//! `cargo bench --bench dates`: the date mentions of `core::mentions` scored on TempEval-3
//! TimeML (`DATELINE_TIMEML`: a folder searched for `.tml` files — TBAQ to develop on, the
//! platinum set once at the end) as TempEval-3 scores them, and their speed on the benchmark
//! collection (`DATELINE_BENCH_COLLECTION`, else 100 000 generated articles) on one core and
//! on every core.
//!
//! Scoring follows `../shared/tools/timeml-score/score.py`: matching by overlap; extent strict
//! and relaxed P/R/F1; value F1 = value accuracy over the found gold × relaxed F1; "DATE+TIME"
//! scores DATE and TIME gold, a mention over only a DURATION or SET gold neither right nor
//! wrong; "all types" scores every gold and every mention. `DATELINE_TIMEML_ERRORS=FILE`
//! writes each error.

#[path = "common.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use dateline::core::mentions::{DateMention, find};
use quick_xml::Reader;
use quick_xml::events::Event;

/// The app's own allocator (`src/main.rs`), so that the speed is what `dateline dates` shows.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    self_check();
    match std::env::var_os("DATELINE_TIMEML").map(PathBuf::from) {
        Some(dir) => {
            if let Err(e) = quality(&dir) {
                eprintln!("dates: {e}");
                std::process::exit(1);
            }
        }
        None => println!(
            "dates: quality not measured; set DATELINE_TIMEML to a folder of TempEval-3 TimeML \
             files (README.md, Performance, Dates says how to get them)"
        ),
    }
    speed();
}

/// A TIMEX3 of the gold: byte span in the text, type, value.
#[derive(Debug, Clone)]
struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

/// One TimeML document: its creation date, text and gold.
struct Doc {
    name: String,
    dct: NaiveDate,
    text: String,
    gold: Vec<Gold>,
}

/// Reads a TimeML file: the DCT's TIMEX3 value, the `<TEXT>` content with tags removed, and
/// each TIMEX3 inside it.
fn parse_timeml(name: &str, xml: &str) -> Result<Doc, String> {
    let mut reader = Reader::from_str(xml);
    let mut in_dct = false;
    let mut in_text = false;
    let mut dct = None;
    let mut text = String::new();
    let mut open: Vec<Gold> = Vec::new();
    let mut gold = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart, key: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::default())
                    .ok()
                    .map(|v| v.into_owned())
            })
    };
    loop {
        match reader.read_event() {
            Err(e) => return Err(format!("{name}: {e}")),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"DCT" => in_dct = true,
                b"TEXT" => in_text = true,
                b"TIMEX3" if in_dct => {
                    dct = attr(&e, b"value")
                        .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
                }
                b"TIMEX3" if in_text => open.push(Gold {
                    start: text.len(),
                    end: text.len(),
                    kind: attr(&e, b"type").unwrap_or_default(),
                    value: attr(&e, b"value").unwrap_or_default(),
                }),
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"DCT" => in_dct = false,
                b"TEXT" => in_text = false,
                b"TIMEX3" if in_text => {
                    if let Some(mut g) = open.pop() {
                        g.end = text.len();
                        gold.push(g);
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                text.push_str(&quick_xml::escape::unescape(&raw).map_err(|e| e.to_string())?);
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                let entity = format!("&{name};");
                text.push_str(&quick_xml::escape::unescape(&entity).map_err(|e| e.to_string())?);
            }
            _ => {}
        }
    }
    let dct = dct.ok_or_else(|| format!("{name}: no usable DCT"))?;
    Ok(Doc {
        name: name.to_string(),
        dct,
        text,
        gold,
    })
}

/// Counts of one scoring.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Score {
    gold: usize,
    system: usize,
    found: usize,
    exact: usize,
    value_ok: usize,
    sys_relaxed: usize,
    sys_strict: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Score {
    fn relaxed_f1(&self) -> f64 {
        f1(
            ratio(self.sys_relaxed, self.system),
            ratio(self.found, self.gold),
        )
    }
    fn strict_f1(&self) -> f64 {
        f1(
            ratio(self.sys_strict, self.system),
            ratio(self.exact, self.gold),
        )
    }
    fn value_f1(&self) -> f64 {
        ratio(self.value_ok, self.found) * self.relaxed_f1()
    }
    fn add(&mut self, o: Score) {
        self.gold += o.gold;
        self.system += o.system;
        self.found += o.found;
        self.exact += o.exact;
        self.value_ok += o.value_ok;
        self.sys_relaxed += o.sys_relaxed;
        self.sys_strict += o.sys_strict;
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0.max(b.0) < a.1.min(b.1)
}

/// Scores one document's mentions; `scope` the gold types scored (none: all). Errors are
/// written to `errors` as lines.
fn score(
    gold: &[Gold],
    system: &[DateMention],
    scope: Option<&[&str]>,
    errors: &mut Vec<String>,
) -> Score {
    let in_scope = |g: &Gold| scope.is_none_or(|s| s.contains(&g.kind.as_str()));
    let mut s = Score::default();
    let mut counted: Vec<&DateMention> = Vec::new();
    for m in system {
        let span = (m.start, m.end);
        let hits: Vec<&Gold> = gold
            .iter()
            .filter(|g| in_scope(g) && overlaps((g.start, g.end), span))
            .collect();
        if !hits.is_empty() {
            s.system += 1;
            s.sys_relaxed += 1;
            if hits.iter().any(|g| (g.start, g.end) == span) {
                s.sys_strict += 1;
            }
            counted.push(m);
        } else if gold.iter().any(|g| overlaps((g.start, g.end), span)) {
            // Over a DURATION or SET gold only: not scored here.
        } else {
            s.system += 1;
            counted.push(m);
            errors.push(format!("FP\t{:?} {:?}", m.text, m.value));
        }
    }
    for g in gold.iter().filter(|g| in_scope(g)) {
        s.gold += 1;
        let candidates = counted
            .iter()
            .filter(|m| overlaps((g.start, g.end), (m.start, m.end)));
        let best = candidates.max_by_key(|m| {
            let exact = (m.start, m.end) == (g.start, g.end);
            let same = m.value.as_deref() == Some(g.value.as_str());
            let overlap = m.end.min(g.end) - m.start.max(g.start);
            (exact, same, overlap)
        });
        let Some(m) = best else {
            errors.push(format!("MISSED\t{} {}", g.kind, g.value));
            continue;
        };
        s.found += 1;
        let exact = (m.start, m.end) == (g.start, g.end);
        let right = m.value.as_deref() == Some(g.value.as_str());
        s.exact += usize::from(exact);
        s.value_ok += usize::from(right);
        if !exact || !right {
            errors.push(format!(
                "{}\tgold {} {} | system {:?} {:?} ({})",
                if right { "SPAN" } else { "VALUE" },
                g.kind,
                g.value,
                m.text,
                m.value,
                m.how
            ));
        }
    }
    s
}

/// Every file under `dir` that `keep` keeps, hidden ones left out, in order.
fn files_under(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every `.tml` file under `dir`, in order.
fn timeml_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir, |p| p.extension().is_some_and(|x| x == "tml"))
}

fn quality(dir: &Path) -> Result<(), String> {
    let files = timeml_files(dir);
    if files.is_empty() {
        return Err(format!("no .tml files under {}", dir.display()));
    }
    let mut docs = Vec::new();
    for path in &files {
        let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        docs.push(parse_timeml(&name, &xml)?);
    }
    let (mut dt, mut all) = (Score::default(), Score::default());
    let mut errors = Vec::new();
    for doc in &docs {
        let mentions = find(&doc.text, Some(doc.dct));
        let mut lines = Vec::new();
        dt.add(score(
            &doc.gold,
            &mentions,
            Some(&["DATE", "TIME"]),
            &mut lines,
        ));
        all.add(score(&doc.gold, &mentions, None, &mut Vec::new()));
        errors.extend(lines.into_iter().map(|l| format!("{}\t{l}", doc.name)));
    }
    if let Some(path) = std::env::var_os("DATELINE_TIMEML_ERRORS") {
        std::fs::write(&path, errors.join("\n") + "\n").map_err(|e| e.to_string())?;
    }
    for (label, s) in [("DATE+TIME", dt), ("all types", all)] {
        println!(
            "dates timeml {label}: documents={} gold={} system={} value_f1={:.3} strict_f1={:.3} \
             relaxed_f1={:.3} value_accuracy={:.3}",
            docs.len(),
            s.gold,
            s.system,
            s.value_f1(),
            s.strict_f1(),
            s.relaxed_f1(),
            ratio(s.value_ok, s.found)
        );
    }
    Ok(())
}

/// The mentions of every article of the benchmark collection, on one core and on all of them.
fn speed() {
    let dir = common::bench_collection();
    let texts: Vec<String> = files_under(&dir, |_| true)
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let published = NaiveDate::from_ymd_opt(2023, 3, 1);
    let mb = bytes as f64 / 1e6;
    let one_core = common::median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let n: usize = texts.iter().map(|t| find(t, published).len()).sum();
                std::hint::black_box(n);
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = texts.len().div_ceil(cores).max(1);
    let every_core = common::median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                std::thread::scope(|s| {
                    for part in texts.chunks(chunk) {
                        s.spawn(move || {
                            let n: usize = part.iter().map(|t| find(t, published).len()).sum();
                            std::hint::black_box(n);
                        });
                    }
                });
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!(
        "dates speed articles={} mb={mb:.1} one_core_s={one_core:.2} mb_per_s_one_core={:.1} \
         cores={cores} every_core_s={every_core:.2}",
        texts.len(),
        mb / one_core,
    );
}

/// The scorer on a small document written here, before anything is measured.
fn self_check() {
    let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13">02/13/1998</TIMEX3></DCT>
<TEXT>Talks began <TIMEX3 tid="t1" type="DATE" value="1998-02-12">Thursday</TIMEX3> and lasted <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3> &amp; more, <TIMEX3 tid="t3" type="DATE" value="1998">this year</TIMEX3>.</TEXT></TimeML>"#;
    let doc = match parse_timeml("check.tml", xml) {
        Ok(doc) => doc,
        Err(e) => panic!("self check: {e}"),
    };
    assert_eq!(
        doc.dct,
        NaiveDate::from_ymd_opt(1998, 2, 13).unwrap_or_default()
    );
    assert!(doc.text.contains("three weeks & more"), "{:?}", doc.text);
    let spans: Vec<&str> = doc.gold.iter().map(|g| &doc.text[g.start..g.end]).collect();
    assert_eq!(spans, ["Thursday", "three weeks", "this year"]);
    let mentions = find(&doc.text, Some(doc.dct));
    let dt = score(
        &doc.gold,
        &mentions,
        Some(&["DATE", "TIME"]),
        &mut Vec::new(),
    );
    assert_eq!((dt.gold, dt.found, dt.value_ok), (2, 2, 2), "{mentions:?}");
    let all = score(&doc.gold, &mentions, None, &mut Vec::new());
    assert_eq!(
        (all.gold, all.found, all.value_ok),
        (3, 3, 3),
        "{mentions:?}"
    );
}
