//! Nothing is lost when Dateline is killed while saving: a child process saves over and over,
//! and is killed at random moments, hundreds of times; every time, the file on disk is a complete,
//! parseable version.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use dateline::core::annotations::{Annotation, AnnotationSet, Passage};
use dateline::core::store;

const ENV: &str = "DATELINE_KILL_TEST_FILE";
/// `save` (parse the old file, back it up, write) or `write` (only the atomic write, so that
/// nearly every kill lands in the middle of writing).
const MODE: &str = "DATELINE_KILL_TEST_MODE";

/// A set of `n` annotations with long notes, so a save takes a while.
fn version(n: usize) -> AnnotationSet {
    let mut set = AnnotationSet::default();
    for i in 0..n {
        set.annotations.push(Annotation {
            id: format!("an-{i:06}"),
            passage: Passage {
                path: "a.txt".into(),
                exact: format!("passage {i} — Xankəndi, Лавров, Հայաստան"),
                prefix: "before ".into(),
                suffix: " after".into(),
                start: i,
                end: i + 10,
                content_hash: "0123456789abcdef".into(),
            },
            tags: vec!["tag".into()],
            note: "note ".repeat(50),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            modified_by: String::new(),
        });
    }
    set
}

/// Run by the parent in a child process: save two versions in turn until killed.
#[test]
#[ignore = "run as a child process by killed_while_saving_never_loses_the_file"]
fn child_saver() {
    let Some(path) = std::env::var_os(ENV).map(PathBuf::from) else {
        return;
    };
    let versions = [version(300), version(700)];
    let raw = std::env::var(MODE).is_ok_and(|m| m == "write");
    let texts: Vec<String> = if raw {
        versions.iter().map(store::to_ron).collect()
    } else {
        Vec::new()
    };
    // Ready to save: the parent starts its random countdown now, so that a slow start on a
    // busy machine does not use up the moments to kill at.
    let _ = std::fs::write(ready_marker(&path), "");
    for k in 0.. {
        if raw {
            let _ = store::write_atomically(&path, texts[k % 2].as_bytes());
        } else {
            let _ = store::save(&path, &versions[k % 2]);
        }
    }
}

/// The file a child writes once it is about to save.
fn ready_marker(path: &std::path::Path) -> PathBuf {
    path.with_extension("ready")
}

#[test]
fn killed_while_saving_never_loses_the_file() {
    killed_at_random(200, "save");
}

#[test]
fn killed_while_writing_never_leaves_half_a_file() {
    killed_at_random(200, "write");
}

fn killed_at_random(rounds: usize, mode: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(".dateline/annotations.ron");
    let valid = [version(300), version(700)];
    let exe = std::env::current_exe().expect("test binary");
    // A small deterministic generator for the moments to kill at.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let mut seen_written = 0;
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_saver",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(ENV, &path)
            .env(MODE, mode)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let marker = ready_marker(&path);
        let started = std::time::Instant::now();
        while !marker.exists() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = std::fs::remove_file(&marker);
        std::thread::sleep(Duration::from_micros(2_000 + next() % 40_000));
        child.kill().expect("kill");
        let _ = child.wait();
        match store::load(&path) {
            Ok(Some(set)) => {
                seen_written += 1;
                assert!(
                    valid.contains(&set),
                    "round {round}: a version that was never saved"
                );
            }
            Ok(None) => {} // killed before its first save
            Err(e) => panic!("round {round}: the file does not parse after a kill: {e}"),
        }
        if let Ok(Some(backup)) = store::load(&store::backup_path(&path)) {
            assert!(
                valid.contains(&backup),
                "round {round}: the backup is a real version"
            );
        }
    }
    assert!(
        seen_written > rounds / 2,
        "most rounds got to save ({seen_written})"
    );
}
