//! `cargo bench --bench search`: `dateline search PATH Brussels`, reading the files and printing
//! every hit, against `rg -i Brussels PATH` doing the same, interleaved (A B A B …, after a
//! warm-up of each; both read through a pipe), with the median of the pairwise ratios (budget
//! 1.2×); then search in memory as the window does it (the texts loaded, every core) for a word
//! with name variants, a phrase and a plain word, against ripgrep given the same variants; and
//! recycled text over the whole collection.

#[path = "common.rs"]
mod common;

use std::process::Command;
use std::time::Instant;

use dateline::core::collection::Article;
use dateline::core::collection::{self, LoadOptions};
use dateline::core::search::{Aliases, Matcher, find_all, parse_query};

const RUNS: usize = 5;

/// A word with name variants, a phrase, a plain word.
const QUERIES: [&str; 3] = ["lachin", "\"transport corridor\"", "brussels"];

fn main() {
    let collection = common::bench_collection();
    let (files, bytes) = common::dir_size(&collection);
    println!(
        "search collection={} files={files} bytes={bytes}",
        collection.display()
    );
    // From the command line first: a child forked from a process holding the collection
    // would count the parent's memory in its peak.
    let dateline = env!("CARGO_BIN_EXE_dateline");
    let rg_available = Command::new("rg").arg("--version").output().is_ok();
    if rg_available {
        let mut cli = Command::new(dateline);
        cli.arg("search").arg(&collection).arg("Brussels");
        let mut rg = Command::new("rg");
        rg.args(["-i", "Brussels"]).arg(&collection);
        println!(
            "{}",
            common::compare(&mut cli, &mut rg, common::pairs()).report("search_cli", 1.2)
        );
    }
    let aliases = Aliases::builtin();
    let loaded = match collection::load_with(&collection, LoadOptions::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot load {}: {e}", collection.display());
            std::process::exit(1);
        }
    };
    recycled(&loaded.articles);
    for q in QUERIES {
        let query = parse_query(q, &aliases);
        let Some(matcher) = Matcher::new(&query) else {
            continue;
        };
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let hits = find_all(&loaded.articles, |a| &a.text, &matcher);
            times.push(start.elapsed().as_secs_f64());
            found = hits.len();
        }
        let memory = common::median(times);
        if !rg_available {
            println!(
                "search_memory query={q:?} articles_found={found} median_s={memory:.3} \
                 (ripgrep not installed: no ratio)"
            );
            continue;
        }
        // ripgrep gets the same variants (phrases as fixed strings), case-insensitive.
        let mut rg = Command::new("rg");
        rg.args(["-i", "-F", "-c"]);
        for variants in &query.terms {
            for v in variants {
                rg.arg("-e").arg(v);
            }
        }
        rg.arg(&collection);
        common::measure(&mut rg);
        let rg_times: Vec<f64> = (0..RUNS).map(|_| common::measure(&mut rg).wall).collect();
        let rg_time = common::median(rg_times);
        println!(
            "search_memory query={q:?} articles_found={found} median_s={memory:.3} \
             rg_from_disk_s={rg_time:.3} goal=1.00s"
        );
    }
}

/// Recycled passages over the whole collection, in the background as the app does it.
fn recycled(articles: &[Article]) {
    use std::sync::atomic::{AtomicBool, AtomicUsize};
    let texts: Vec<_> = articles.iter().map(|a| a.text.clone()).collect();
    let mut times = Vec::new();
    let mut summary = String::new();
    for _ in 0..3 {
        let start = Instant::now();
        let index = dateline::core::recycled::index_texts(
            &texts,
            &AtomicUsize::new(0),
            &AtomicBool::new(false),
        );
        times.push(start.elapsed().as_secs_f64());
        if let Some(index) = index {
            summary = format!(
                "shared_passages={} articles_with_recycled={} near_duplicates={}",
                index.len(),
                index.articles_with_recycled,
                index.clustered()
            );
        }
    }
    println!(
        "recycled articles={} median_s={:.2} goal=10.00 {summary}",
        articles.len(),
        common::median(times)
    );
}
