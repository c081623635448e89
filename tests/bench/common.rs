//! What the benchmarks share: the collection they run on.
#![allow(dead_code)] // each benchmark uses part of this

use std::io::Read;
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

/// What one run of a command cost: wall seconds, user and system CPU seconds, peak resident
/// memory (bytes) and the bytes it printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cost {
    pub wall: f64,
    pub user: f64,
    pub sys: f64,
    pub peak: u64,
    pub printed: u64,
}

/// Runs a command to its end, its output read through a pipe (as a terminal or a `| wc` would:
/// nothing is sent to `/dev/null`, which a program may notice and skip its printing for), with
/// its own resource usage from `wait4`, not sampled. Run it from a small process: a child's
/// peak memory counts what it shared with its parent between fork and exec.
pub fn measure(cmd: &mut Command) -> Cost {
    let start = Instant::now();
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::null()).spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot run {cmd:?}: {e}");
            std::process::exit(1);
        }
    };
    let mut printed = 0u64;
    if let Some(mut out) = child.stdout.take() {
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            printed += n as u64;
        }
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for the child just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unwaited child, and both pointers point to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    std::mem::forget(child); // reaped by wait4 above
    if waited != pid {
        eprintln!("cannot wait for {cmd:?}");
        std::process::exit(1);
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Cost {
        wall,
        user: secs(usage.ru_utime),
        sys: secs(usage.ru_stime),
        peak: usage.ru_maxrss.max(0) as u64 * 1024,
        printed,
    }
}

/// The outcome of [`compare`]: each side's runs and the pairwise ratios of wall time.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub ours: Vec<Cost>,
    pub reference: Vec<Cost>,
    pub ratios: Vec<f64>,
}

impl Comparison {
    pub fn ratio(&self) -> f64 {
        median(self.ratios.clone())
    }

    fn side(costs: &[Cost]) -> String {
        let m = |f: fn(&Cost) -> f64| median(costs.iter().map(f).collect());
        format!(
            "wall_s={:.3} user_s={:.3} sys_s={:.3} peak_mb={:.1} printed_mb={:.1}",
            m(|c| c.wall),
            m(|c| c.user),
            m(|c| c.sys),
            costs.iter().map(|c| c.peak).max().unwrap_or(0) as f64 / 1e6,
            m(|c| c.printed as f64) / 1e6,
        )
    }

    /// Two lines: each side's medians (and its highest peak), then the median pairwise ratio.
    pub fn report(&self, name: &str, budget: f64) -> String {
        let ratio = self.ratio();
        format!(
            "{name} dateline {}\n{name} ripgrep  {}\n{name} pairs={} ratio_median={ratio:.2} \
             ratios=[{}] budget={budget:.2} {}",
            Self::side(&self.ours),
            Self::side(&self.reference),
            self.ratios.len(),
            self.ratios
                .iter()
                .map(|r| format!("{r:.2}"))
                .collect::<Vec<_>>()
                .join(" "),
            if ratio <= budget { "within" } else { "OVER" },
        )
    }
}

/// Runs `ours` and `reference` interleaved, A B A B …, after one warm-up run of each (the page
/// cache then holds the files for both): each pair ran at nearly the same moment, so the ratio
/// of a pair is fair even on a machine whose speed drifts, and the median ratio is quoted.
pub fn compare(ours: &mut Command, reference: &mut Command, pairs: usize) -> Comparison {
    measure(ours);
    measure(reference);
    let mut result = Comparison {
        ours: Vec::new(),
        reference: Vec::new(),
        ratios: Vec::new(),
    };
    for _ in 0..pairs {
        let a = measure(ours);
        let b = measure(reference);
        result.ratios.push(a.wall / b.wall.max(1e-9));
        result.ours.push(a);
        result.reference.push(b);
    }
    result
}

/// How many pairs [`compare`] runs: `DATELINE_BENCH_PAIRS`, at least five.
pub fn pairs() -> usize {
    std::env::var("DATELINE_BENCH_PAIRS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7usize)
        .max(5)
}
