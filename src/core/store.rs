//! Reading and writing annotations files: deterministic pretty RON, atomic saves with a backup of
//! the previous good version, and a refusal to write over a file that does not parse.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::annotations::{AnnotationSet, FORMAT_VERSION};
use super::collection::DATELINE_DIR;

/// The largest annotations file read (a hostile or mistaken file is refused, not loaded).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read annotations: {source}: {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("annotations file does not parse at line {line}, column {column}: {message}: {path}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "annotations file holds git conflict markers (from line {line}): settle the conflict in a text editor, then reopen: {path}"
    )]
    ConflictMarkers { path: PathBuf, line: usize },
    #[error(
        "annotations file is version {found}, newer than this Dateline reads ({FORMAT_VERSION}): {path}"
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error("annotations file is too large ({bytes} bytes): {path}")]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("not saved: the file on disk does not parse and is kept as it is ({reason}): {path}")]
    WouldOverwriteUnparsable { path: PathBuf, reason: String },
    #[error("cannot save annotations: {source}: {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Where a collection keeps its annotations.
pub fn default_path(collection_root: &Path) -> PathBuf {
    collection_root.join(DATELINE_DIR).join("annotations.ron")
}

/// Where the annotations of the collection at `root` are kept: its `.dateline/annotations.ron`
/// when the folder can be written, else a file under `data_dir` named after the collection. The
/// second value says why, for the user, when it is the fallback.
pub fn annotations_location(root: &Path, data_dir: Option<&Path>) -> (PathBuf, Option<String>) {
    let primary = default_path(root);
    if !root.is_dir() {
        return (primary, None); // opening it fails, and says why
    }
    // Try to write where the annotations would go, leaving no trace.
    let writable = (|| {
        let dir = root.join(DATELINE_DIR);
        let made = !dir.exists();
        fs::create_dir_all(&dir)?;
        let probe = dir.join(format!(".write-probe-{}", std::process::id()));
        let result = fs::write(&probe, b"").and_then(|()| fs::remove_file(&probe));
        if made {
            let _ = fs::remove_dir(&dir);
        }
        result
    })();
    match (writable, data_dir) {
        (Ok(()), _) => (primary, None),
        (Err(e), Some(data)) => {
            let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            let key = xxhash_rust::xxh3::xxh3_64(canonical.to_string_lossy().as_bytes());
            let name = root.file_name().map_or_else(
                || "collection".to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let fallback = data
                .join("collections")
                .join(format!("{name}-{key:016x}"))
                .join("annotations.ron");
            let note = format!(
                "The collection folder cannot be written ({e}): annotations are kept in {}",
                fallback.display()
            );
            (fallback, Some(note))
        }
        (Err(_), None) => (primary, None),
    }
}

/// The backup of the previous good version of `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The RON text of a small table (dismissed suggestions, places), pretty, ending in a newline.
pub fn pretty_ron<T: serde::Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(value, config).unwrap_or_default();
    text.push('\n');
    text
}

/// The RON text for `set`: entries sorted by id, pretty, the same bytes for the same data.
pub fn to_ron(set: &AnnotationSet) -> String {
    let mut set = set.clone();
    set.normalise();
    set.version = FORMAT_VERSION;
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(&set, config)
        .unwrap_or_else(|e| format!("// serialising failed: {e}\n"));
    text.push('\n');
    text
}

/// Parses annotations RON text; `path` is only used in errors.
pub fn parse(text: &str, path: &Path) -> Result<AnnotationSet, StoreError> {
    if let Some(line) = conflict_marker_line(text) {
        return Err(StoreError::ConflictMarkers {
            path: path.to_path_buf(),
            line,
        });
    }
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    let set: AnnotationSet = options.from_str(text).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })?;
    if set.version > FORMAT_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: set.version,
        });
    }
    Ok(set)
}

fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.starts_with("<<<<<<< ") || l == "<<<<<<<")
        .map(|i| i + 1)
}

/// Reads the annotations at `path`; `Ok(None)` when there is no such file yet.
pub fn load(path: &Path) -> Result<Option<AnnotationSet>, StoreError> {
    let read_err = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_err(e)),
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }
    let bytes = fs::read(path).map_err(read_err)?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: e.utf8_error().valid_up_to() + 1,
        message: "not UTF-8 text".into(),
    })?;
    parse(&text, path).map(Some)
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    Written,
    /// The file already held exactly these bytes.
    Unchanged,
}

/// Saves `set` to `path` atomically: the new text goes to a temporary file in the same folder,
/// is flushed to disk and renamed over the old one, whose last good version is kept as a backup.
/// A file on disk that does not parse is never written over.
pub fn save(path: &Path, set: &AnnotationSet) -> Result<SaveOutcome, StoreError> {
    let text = to_ron(set);
    let write_err = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(write_err)?;
    match fs::read(path) {
        Ok(old) if old == text.as_bytes() => return Ok(SaveOutcome::Unchanged),
        Ok(old) => {
            let old_text = String::from_utf8_lossy(&old);
            if let Err(e) = parse(&old_text, path) {
                return Err(StoreError::WouldOverwriteUnparsable {
                    path: path.to_path_buf(),
                    reason: short_reason(&e),
                });
            }
            write_atomically(&backup_path(path), &old).map_err(write_err)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(write_err(e)),
    }
    write_atomically(path, text.as_bytes()).map_err(write_err)?;
    Ok(SaveOutcome::Written)
}

fn short_reason(e: &StoreError) -> String {
    match e {
        StoreError::Parse { line, column, .. } => format!("error at line {line}, column {column}"),
        StoreError::ConflictMarkers { line, .. } => format!("git conflict markers at line {line}"),
        StoreError::TooNew { found, .. } => format!("version {found}"),
        other => other.to_string(),
    }
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is synced.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::annotations::{Annotation, Event, EventTime, Passage};

    fn sample() -> AnnotationSet {
        let passage = Passage {
            path: "000.txt".into(),
            exact: "the protest on the Lachin–Khankendi road".into(),
            prefix: "about ".into(),
            suffix: ", which".into(),
            start: 10,
            end: 52,
            content_hash: "abc".into(),
        };
        AnnotationSet {
            version: FORMAT_VERSION,
            conflicts: Vec::new(),
            events: vec![
                Event {
                    id: "ev-b".into(),
                    title: "Protest \"blockade\" — Xankəndi".into(),
                    event_type: "protests/peaceful_protest".into(),
                    when: EventTime {
                        start: "2022-12-12".parse().expect("date"),
                        end: None,
                        ongoing: true,
                        approximate: false,
                    },
                    actors: vec!["Eco-activists".into()],
                    places: vec!["Lachin road".into()],
                    tags: vec![],
                    note: "line one\nline two".into(),
                    fatalities: None,
                    evidence: vec![passage.clone()],
                    created: "2026-11-23T10:00:00+00:00".into(),
                    modified: "2026-11-23T10:00:00+00:00".into(),
                    author: String::new(),
                    modified_by: String::new(),
                },
                Event {
                    id: "ev-a".into(),
                    title: "Meeting".into(),
                    event_type: "diplomacy/meeting".into(),
                    when: EventTime {
                        start: "2022-12".parse().expect("date"),
                        end: None,
                        ongoing: false,
                        approximate: false,
                    },
                    actors: vec![],
                    places: vec![],
                    tags: vec![],
                    note: String::new(),
                    fatalities: None,
                    evidence: vec![],
                    created: String::new(),
                    modified: String::new(),
                    author: String::new(),
                    modified_by: String::new(),
                },
            ],
            annotations: vec![Annotation {
                id: "an-1".into(),
                passage,
                tags: vec!["ecology".into()],
                note: "Лавров, Հայաստան".into(),
                created: String::new(),
                modified: String::new(),
                author: String::new(),
                modified_by: String::new(),
            }],
        }
    }

    #[test]
    fn round_trip_is_sorted_and_deterministic() -> Result<(), StoreError> {
        let set = sample();
        let text = to_ron(&set);
        assert!(text.starts_with("(\n    version: 1,"), "{text}");
        let a = text.find("\"ev-a\"").unwrap_or(usize::MAX);
        let b = text.find("\"ev-b\"").unwrap_or(0);
        assert!(a < b, "sorted by id");
        let back = parse(&text, Path::new("x.ron"))?;
        let mut sorted = set.clone();
        sorted.normalise();
        assert_eq!(back, sorted);
        assert_eq!(to_ron(&back), text, "saving twice gives the same bytes");
        Ok(())
    }

    #[test]
    fn save_is_atomic_and_keeps_a_backup() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = default_path(dir.path());
        let mut set = sample();
        assert_eq!(save(&path, &set)?, SaveOutcome::Written);
        let first = fs::read(&path)?;
        assert_eq!(save(&path, &set)?, SaveOutcome::Unchanged);
        set.events.pop();
        assert_eq!(save(&path, &set)?, SaveOutcome::Written);
        assert_eq!(fs::read(backup_path(&path))?, first);
        assert_eq!(
            load(&path)?,
            Some({
                let mut s = set.clone();
                s.normalise();
                s
            })
        );
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap_or(dir.path()))?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
        Ok(())
    }

    #[test]
    fn an_unparsable_file_is_reported_and_never_overwritten()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("annotations.ron");
        let broken = b"(\n    version: 1,\n    events: [\n        (id: \"x\", title: ,\n";
        fs::write(&path, broken)?;
        match load(&path) {
            Err(StoreError::Parse { line, column, .. }) => {
                assert_eq!(line, 4);
                assert!(column > 1);
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
        assert!(matches!(
            save(&path, &sample()),
            Err(StoreError::WouldOverwriteUnparsable { .. })
        ));
        assert_eq!(fs::read(&path)?, broken);
        Ok(())
    }

    /// Random, truncated and hostile RON: an error every time, never a panic, a stack overflow
    /// or a runaway allocation.
    #[test]
    fn hostile_files_are_errors_never_panics() {
        let valid = to_ron(&sample());
        let p = Path::new("h.ron");
        // Every truncation of a valid file.
        for cut in 0..valid.len() {
            if valid.is_char_boundary(cut) {
                let _ = parse(&valid[..cut], p);
            }
        }
        // Random byte flips, deterministic.
        let mut seed: u64 = 42;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let mut bytes = valid.clone().into_bytes();
            for _ in 0..1 + next() % 4 {
                let i = (next() as usize) % bytes.len();
                bytes[i] = (next() % 256) as u8;
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse(&text, p);
        }
        // Deep nesting, in every bracket, and a huge string.
        for open in ["(", "[", "{", "Some("] {
            let deep = format!("(version: 1, events: [{}", open.repeat(200_000));
            assert!(parse(&deep, p).is_err(), "{open}");
        }
        let huge = format!("(version: 1, events: [(id: \"{}\"", "x".repeat(20_000_000));
        assert!(parse(&huge, p).is_err());
        // A file too large to be annotations is refused before it is read.
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("big.ron");
        let f = fs::File::create(&big).expect("create");
        f.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
        assert!(matches!(load(&big), Err(StoreError::TooLarge { .. })));
    }

    #[test]
    fn an_unwritable_collection_keeps_annotations_in_the_data_folder() -> std::io::Result<()> {
        let collection = tempfile::tempdir()?;
        let data = tempfile::tempdir()?;
        let (path, note) = annotations_location(collection.path(), Some(data.path()));
        assert_eq!(path, default_path(collection.path()));
        assert!(note.is_none());
        // `.dateline` is a file here, so the folder cannot be made (as on a read-only medium).
        let blocked = tempfile::tempdir()?;
        fs::write(blocked.path().join(DATELINE_DIR), "not a folder")?;
        let (path, note) = annotations_location(blocked.path(), Some(data.path()));
        assert!(path.starts_with(data.path()), "{}", path.display());
        assert!(note.is_some_and(|n| n.contains("cannot be written")));
        Ok(())
    }

    #[test]
    fn bad_files_give_clear_errors() {
        let p = Path::new("a.ron");
        let cases: &[(&str, &str)] = &[
            ("", "does not parse at line 1"),
            (
                "(version: 1, events: [], annotations: [])\n<<<<<<< HEAD\n",
                "git conflict markers (from line 2)",
            ),
            ("(version: 99)", "version 99, newer"),
            (
                "(version: 1, events: [(id: \"a\", title: \"t\", type: \"x\", when: (start: \"2022-13\"))])",
                "not a date",
            ),
            (&"[".repeat(10_000), "does not parse"),
        ];
        for (text, want) in cases {
            let err = parse(text, p)
                .map(|_| ())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains(want), "{text:.40}: {err}");
        }
    }
}
