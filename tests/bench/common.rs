//! What the benchmarks share: the collection they run on.
#![allow(dead_code)] // each benchmark uses part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The collection named by `DATELINE_BENCH_COLLECTION`, or a 100 000-article one generated
/// with `../shared/tools/gen-corpus` under `target/` (once; it is kept for the next run).
pub fn bench_collection() -> PathBuf {
    if let Some(path) = std::env::var_os("DATELINE_BENCH_COLLECTION") {
        return PathBuf::from(path);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = manifest.join("target/bench-corpus-100k");
    let done = out.join(".complete");
    if done.exists() {
        return out;
    }
    let tool = manifest.join("../shared/tools/gen-corpus");
    eprintln!(
        "generating 100 000 articles with {} into {} …",
        tool.display(),
        out.display()
    );
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new("python3")
        .arg(&tool)
        .arg(&out)
        .arg("-n")
        .arg("100000")
        .status();
    match status {
        Ok(s) if s.success() => {
            let _ = std::fs::write(&done, "");
            out
        }
        other => {
            eprintln!(
                "gen-corpus failed ({other:?}); set DATELINE_BENCH_COLLECTION to a collection"
            );
            std::process::exit(1);
        }
    }
}

/// Files and bytes under `dir`, hidden ones left out.
pub fn dir_size(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) => {
                    files += 1;
                    bytes += entry.metadata().map_or(0, |m| m.len());
                }
                Err(_) => {}
            }
        }
    }
    (files, bytes)
}

pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs a command with its output thrown away: wall time and peak resident memory (kB).
pub fn run(cmd: &mut Command) -> (f64, u64) {
    let start = Instant::now();
    let mut child = match cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot run {cmd:?}: {e}");
            std::process::exit(1);
        }
    };
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_path)
            && let Some(line) = text.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kb = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kb = peak_kb.max(kb);
        }
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break,
        }
    }
    (start.elapsed().as_secs_f64(), peak_kb)
}
