//! `cargo bench --bench suggest`: how long the suggested timeline takes — reading every
//! article's dated reports (on every core, as the window's background job does) and weighing
//! them — on the benchmark collection (`DATELINE_BENCH_COLLECTION`, else 100 000 generated
//! articles), on all of it and on 500 of its articles (a news topic's size). Loading the files
//! is not counted (the window has them in memory already). Each figure is the median of three
//! runs.

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use dateline::core::collection;
use dateline::core::search::Aliases;
use dateline::core::suggest::{self, Input, Options, TypeWords};

fn main() {
    let root = common::bench_collection();
    let c = match collection::load(&root) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("suggest: {e}");
            std::process::exit(1);
        }
    };
    let (files, bytes) = common::dir_size(&root);
    println!(
        "suggest: {} articles ({files} files, {:.0} MB) in {}",
        c.articles.len(),
        bytes as f64 / 1e6,
        root.display()
    );
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let words = TypeWords::builtin();
    let aliases = Aliases::builtin();
    // a topic's worth: 500 articles that follow each other in time
    let mut by_date: Vec<&collection::Article> = c.articles.iter().collect();
    by_date.sort_by_key(|a| a.meta.published.map(|t| t.date));
    let middle = by_date.len() / 2;
    let topic: Vec<collection::Article> = by_date
        [middle.saturating_sub(250)..(middle + 250).min(by_date.len())]
        .iter()
        .map(|a| (*a).clone())
        .collect();
    for (name, articles) in [("500 articles", &topic), ("all articles", &c.articles)] {
        let mut runs: Vec<(Duration, Duration, usize)> = (0..3)
            .map(|_| {
                let t = Instant::now();
                let reports = suggest::reports(articles, suggest::report, &|_| {});
                let read = t.elapsed();
                let scope = Input::all(articles, &reports);
                let t = Instant::now();
                let found =
                    suggest::suggest(&scope, &Options::default(), &words, &aliases, &|_| true)
                        .map(|s| s.len())
                        .unwrap_or(0);
                (read, t.elapsed(), found)
            })
            .collect();
        runs.sort_by_key(|r| r.0 + r.1);
        let (read, weigh, found) = runs[1];
        println!(
            "suggest: {name}: {:.2} s ({:.2} s reading the dates on {threads} threads, {:.2} s \
             weighing and gathering evidence), {found} suggestions",
            (read + weigh).as_secs_f64(),
            read.as_secs_f64(),
            weigh.as_secs_f64()
        );
    }
}
