//! `cargo bench --bench load`: headless load of a collection (`dateline inspect PATH --json`,
//! warm cache) against ripgrep scanning the same files (`rg -c -i brussels PATH`), and the peak
//! memory of the load against the collection's size. Budgets: 2× ripgrep's time, 2× the bytes.

#[path = "common.rs"]
mod common;

use std::process::Command;

use common::run;

const RUNS: usize = 5;

fn main() {
    let collection = common::bench_collection();
    let (files, bytes) = common::dir_size(&collection);
    println!(
        "load collection={} files={files} bytes={bytes}",
        collection.display()
    );
    let dateline = env!("CARGO_BIN_EXE_dateline");
    let rg_available = Command::new("rg").arg("--version").output().is_ok();

    // Warm the page cache.
    run(Command::new(dateline)
        .arg("inspect")
        .arg(&collection)
        .arg("--json"));
    let mut rg_times = Vec::new();
    if rg_available {
        run(Command::new("rg")
            .args(["-c", "-i", "brussels"])
            .arg(&collection));
        for _ in 0..RUNS {
            rg_times.push(
                run(Command::new("rg")
                    .args(["-c", "-i", "brussels"])
                    .arg(&collection))
                .0,
            );
        }
    }
    let mut times = Vec::new();
    let mut peak_kb = 0;
    for _ in 0..RUNS {
        let (t, kb) = run(Command::new(dateline)
            .arg("inspect")
            .arg(&collection)
            .arg("--json"));
        times.push(t);
        peak_kb = peak_kb.max(kb);
    }
    let ours = common::median(times);
    if rg_available {
        let rg = common::median(rg_times);
        println!(
            "load rg_median_s={rg:.3} dateline_inspect_median_s={ours:.3} ratio={:.2} budget=2.00",
            ours / rg
        );
    } else {
        println!("load dateline_inspect_median_s={ours:.3} (ripgrep not installed: no ratio)");
    }
    let peak_bytes = peak_kb * 1024;
    println!(
        "load peak_rss_mb={:.1} collection_mb={:.1} ratio={:.2} budget=2.00",
        peak_bytes as f64 / 1e6,
        bytes as f64 / 1e6,
        peak_bytes as f64 / bytes.max(1) as f64
    );
}
