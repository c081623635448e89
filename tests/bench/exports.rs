//! `cargo bench --bench exports`: reading a large news-database export (one Nexis text file of
//! 30 000 articles) against the same articles as 30 000 plain files, timed interleaved (A B A B)
//! with `dateline inspect PATH --json`; the median of the pairwise ratios and each side's MB/s.

#[path = "common.rs"]
mod common;

use std::path::Path;
use std::process::Command;

use common::run;

const PAIRS: usize = 7;
const ARTICLES: usize = 30_000;

/// The three documents of the Nexis fixture, as the blocks after their `N of 3 DOCUMENTS` lines.
fn fixture_documents() -> Vec<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/nexis/nexis_three.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut docs: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim().ends_with("of 3 DOCUMENTS") {
            docs.push(String::new());
        } else if let Some(doc) = docs.last_mut() {
            doc.push_str(line);
            doc.push('\n');
        }
    }
    docs
}

fn main() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-exports");
    let (one, plain) = (out.join("one"), out.join("plain"));
    let docs = fixture_documents();
    if docs.len() != 3 {
        eprintln!("the Nexis fixture has {} documents, not 3", docs.len());
        std::process::exit(1);
    }
    if !out.join(".complete").exists() {
        let _ = std::fs::remove_dir_all(&out);
        let made = std::fs::create_dir_all(&one).and_then(|()| std::fs::create_dir_all(&plain));
        let mut export = format!("Download Request: Selected Items: 1-{ARTICLES}\n\n");
        let written = made.and_then(|()| {
            for k in 0..ARTICLES {
                let doc = &docs[k % docs.len()];
                export.push_str(&format!("\n      {} of {ARTICLES} DOCUMENTS\n{doc}", k + 1));
                std::fs::write(plain.join(format!("{k:05}.txt")), doc)?;
            }
            std::fs::write(one.join("export.txt"), &export)?;
            std::fs::write(out.join(".complete"), "")
        });
        if let Err(e) = written {
            eprintln!("cannot write the benchmark files: {e}");
            std::process::exit(1);
        }
    }
    let dateline = env!("CARGO_BIN_EXE_dateline");
    let inspect = |dir: &Path| run(Command::new(dateline).arg("inspect").arg(dir).arg("--json"));
    let (_, bytes) = common::dir_size(&one);
    inspect(&one);
    inspect(&plain);
    let (mut ones, mut plains, mut ratios, mut peak_one, mut peak_plain) =
        (Vec::new(), Vec::new(), Vec::new(), 0, 0);
    for _ in 0..PAIRS {
        let (a, ka) = inspect(&one);
        let (b, kb) = inspect(&plain);
        ones.push(a);
        plains.push(b);
        ratios.push(a / b);
        peak_one = peak_one.max(ka);
        peak_plain = peak_plain.max(kb);
    }
    let mb = bytes as f64 / 1e6;
    let (a, b) = (common::median(ones), common::median(plains));
    println!(
        "exports nexis_one_file_s={a:.3} ({:.0} MB/s, peak {:.0} MB) plain_{ARTICLES}_files_s={b:.3} ({:.0} MB/s, peak {:.0} MB) median_ratio={:.2} bytes={bytes}",
        mb / a,
        peak_one as f64 / 1024.0,
        mb / b,
        peak_plain as f64 / 1024.0,
        common::median(ratios)
    );
}
