//! `cargo bench --bench search`: search over the collection as the app does it (the texts in
//! memory, every core) against ripgrep (`rg -i -F`, every variant of the query) over the same
//! files, and `dateline search` (which reads the files too) against the same ripgrep run.
//! Goals: in memory no slower than ripgrep; the command line within 1.5× of it.

#[path = "common.rs"]
mod common;

use std::process::Command;
use std::time::Instant;

use common::run;
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
    let loaded = match collection::load_with(&collection, LoadOptions::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot load {}: {e}", collection.display());
            std::process::exit(1);
        }
    };
    recycled(&loaded.articles);
    let aliases = Aliases::builtin();
    let dateline = env!("CARGO_BIN_EXE_dateline");
    let rg_available = Command::new("rg").arg("--version").output().is_ok();
    for q in QUERIES {
        let query = parse_query(q, &aliases);
        let Some(matcher) = Matcher::new(&query) else {
            continue;
        };
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let hits = find_all(&loaded.articles, |a| a.text.as_str(), &matcher);
            times.push(start.elapsed().as_secs_f64());
            found = hits.len();
        }
        let memory = common::median(times);
        // ripgrep gets the same variants (phrases as fixed strings), case-insensitive.
        let mut rg = Command::new("rg");
        rg.args(["-i", "-F", "-c"]);
        for variants in &query.terms {
            for v in variants {
                rg.arg("-e").arg(v);
            }
        }
        rg.arg(&collection);
        let mut cli = Command::new(dateline);
        cli.arg("search").arg(&collection).arg(q);
        run(&mut cli); // warm the page cache
        let cli_time = common::median((0..RUNS).map(|_| run(&mut cli).0).collect());
        if rg_available {
            run(&mut rg);
            let rg_time = common::median((0..RUNS).map(|_| run(&mut rg).0).collect());
            println!(
                "search query={q:?} articles_found={found} rg_median_s={rg_time:.3} \
                 in_memory_median_s={memory:.3} ratio={:.2} goal=1.00 \
                 cli_median_s={cli_time:.3} ratio={:.2} goal=1.50",
                memory / rg_time,
                cli_time / rg_time
            );
        } else {
            println!(
                "search query={q:?} articles_found={found} in_memory_median_s={memory:.3} \
                 cli_median_s={cli_time:.3} (ripgrep not installed: no ratio)"
            );
        }
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
