//! `cargo bench --bench load`: the headless load of a collection (`dateline inspect PATH
//! --json`) against ripgrep reading the same files (`rg -c -i brussels PATH`), run interleaved
//! (A B A B …, after a warm-up of each), with the median of the pairwise ratios of wall time,
//! each side's wall, user and system time and peak memory, and the load's peak memory against
//! the collection's bytes. Budgets: 1.3× ripgrep's time; memory within the collection's size.
//! `DATELINE_BENCH_COLLECTION` names another collection, `DATELINE_BENCH_PAIRS` more pairs.

#[path = "common.rs"]
mod common;

use std::process::Command;

fn main() {
    let collection = common::bench_collection();
    let (files, bytes) = common::dir_size(&collection);
    println!(
        "load collection={} files={files} bytes={bytes}",
        collection.display()
    );
    let dateline = env!("CARGO_BIN_EXE_dateline");
    let mut ours = Command::new(dateline);
    ours.arg("inspect").arg(&collection).arg("--json");
    if Command::new("rg").arg("--version").output().is_err() {
        let cost = common::measure(&mut ours);
        println!(
            "load dateline wall_s={:.3} user_s={:.3} peak_mb={:.1} (ripgrep not installed: no ratio)",
            cost.wall,
            cost.user,
            cost.peak as f64 / 1e6
        );
        return;
    }
    let mut rg = Command::new("rg");
    rg.args(["-c", "-i", "brussels"]).arg(&collection);
    let result = common::compare(&mut ours, &mut rg, common::pairs());
    println!("{}", result.report("load", 1.3));
    let peak = result.ours.iter().map(|c| c.peak).max().unwrap_or(0);
    println!(
        "load memory peak_mb={:.1} collection_mb={:.1} ratio={:.2}",
        peak as f64 / 1e6,
        bytes as f64 / 1e6,
        peak as f64 / bytes.max(1) as f64
    );
}
