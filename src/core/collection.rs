//! Opening a collection: walk a folder, read and decode each article, parse its header, and
//! report every file that could not be read — streaming, on worker threads.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::header::{Metadata, parse_article};

/// The folder inside a collection where Dateline keeps its files; never read as articles.
pub const DATELINE_DIR: &str = ".dateline";

/// One decoded article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Path relative to the collection root, with `/` separators: the article's identity.
    pub path: String,
    /// The decoded text, line ends normalised to `\n`.
    pub text: String,
    /// Byte offset in `text` where the body starts (after the header lines).
    pub body_start: usize,
    pub meta: Metadata,
    /// Hash of the file's bytes, to tell when it changed on disk.
    pub content_hash: String,
}

impl Article {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// A file that is in the collection but could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

/// What a load reports as it goes.
#[derive(Debug)]
pub enum LoadEvent {
    /// The folder was walked: this many files will be read.
    Found {
        total: usize,
    },
    Article(Box<Article>),
    Problem(Problem),
}

#[derive(Debug, thiserror::Error)]
pub enum CollectionError {
    #[error("no such folder: {0}")]
    NotFound(PathBuf),
    #[error("not a folder: {0}")]
    NotAFolder(PathBuf),
    #[error("cannot read the folder: {source}: {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A whole collection in memory, articles sorted by path.
#[derive(Debug, Default)]
pub struct Collection {
    pub root: PathBuf,
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// Hash of a file's bytes, as stored with every passage.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// Loads everything at once (the command line and tests); the GUI streams with [`stream`].
pub fn load(root: &Path) -> Result<Collection, CollectionError> {
    let mut collection = Collection {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let cancel = AtomicBool::new(false);
    stream(root, &cancel, &mut |event| match event {
        LoadEvent::Found { .. } => {}
        LoadEvent::Article(a) => collection.articles.push(*a),
        LoadEvent::Problem(p) => collection.problems.push(p),
    })?;
    collection.articles.sort_by(|a, b| a.path.cmp(&b.path));
    collection.problems.sort();
    Ok(collection)
}

/// Walks `root` and reads every article on worker threads, handing each result to `sink` on the
/// calling thread as soon as it is ready. Stops early when `cancel` is set.
pub fn stream(
    root: &Path,
    cancel: &AtomicBool,
    sink: &mut dyn FnMut(LoadEvent),
) -> Result<(), CollectionError> {
    let meta = fs::metadata(root).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            CollectionError::NotFound(root.to_path_buf())
        } else {
            CollectionError::Io {
                path: root.to_path_buf(),
                source,
            }
        }
    })?;
    if !meta.is_dir() {
        return Err(CollectionError::NotAFolder(root.to_path_buf()));
    }
    fs::read_dir(root).map_err(|source| CollectionError::Io {
        path: root.to_path_buf(),
        source,
    })?;

    let mut files = Vec::new();
    let mut problems = Vec::new();
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut visited = HashSet::new();
    visited.insert(canonical_root.clone());
    walk(
        root,
        root,
        &canonical_root,
        &mut visited,
        &mut files,
        &mut problems,
    );
    files.sort();
    sink(LoadEvent::Found {
        total: files.len() + problems.len(),
    });
    for p in problems {
        sink(LoadEvent::Problem(p));
    }

    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, files) = (&next, &files);
            scope.spawn(move || {
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send(read_article(root, path)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for event in rx {
            sink(event);
        }
    });
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn walk(
    root: &Path,
    dir: &Path,
    canonical_root: &Path,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem {
                path: relative(root, dir),
                reason: format!("cannot read the folder: {e}"),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let path = entry.path();
        if name.to_string_lossy().starts_with('.') {
            continue; // hidden files and folders, and .dateline/
        }
        let Ok(file_type) = entry.file_type() else {
            problems.push(Problem {
                path: relative(root, &path),
                reason: "cannot tell what kind of file this is".into(),
            });
            continue;
        };
        let is_dir = if file_type.is_symlink() {
            match fs::canonicalize(&path) {
                Err(_) => {
                    problems.push(Problem {
                        path: relative(root, &path),
                        reason: "broken symbolic link".into(),
                    });
                    continue;
                }
                Ok(target) if !target.starts_with(canonical_root) => {
                    problems.push(Problem {
                        path: relative(root, &path),
                        reason: format!(
                            "symbolic link leads outside the collection, to {}",
                            target.display()
                        ),
                    });
                    continue;
                }
                Ok(target) => target.is_dir(),
            }
        } else {
            file_type.is_dir()
        };
        if is_dir {
            let canonical = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !visited.insert(canonical) {
                problems.push(Problem {
                    path: relative(root, &path),
                    reason: "folder already read (a symbolic link loop)".into(),
                });
                continue;
            }
            walk(root, &path, canonical_root, visited, files, problems);
        } else if is_article_file(&path) {
            files.push(path);
        } else {
            problems.push(Problem {
                path: relative(root, &path),
                reason: "not an article: only .txt files are read".into(),
            });
        }
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn read_article(root: &Path, path: &Path) -> LoadEvent {
    let rel = relative(root, path);
    let problem = |reason: String| {
        LoadEvent::Problem(Problem {
            path: rel.clone(),
            reason,
        })
    };
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return problem(format!("cannot read the file: {e}")),
    };
    match decode(&bytes) {
        Ok(text) => {
            let parsed = parse_article(&text);
            LoadEvent::Article(Box::new(Article {
                path: rel.clone(),
                body_start: parsed.body_start,
                meta: parsed.meta,
                content_hash: content_hash(&bytes),
                text,
            }))
        }
        Err(reason) => problem(reason),
    }
}

/// Decodes an article's bytes into text with `\n` line ends.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err("binary file, not text".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        return Err("no text: the file holds only white space".into());
    }
    Ok(normalise_line_ends(text))
}

fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        let cases: &[(&[u8], Result<&str, &str>)] = &[
            (b"hello\r\nworld\r", Ok("hello\nworld\n")),
            (b"\xEF\xBB\xBFbom", Ok("bom")),
            (b"", Err("empty file")),
            (b"  \n\n", Err("no text: the file holds only white space")),
            (b"a\0b", Err("binary file, not text")),
            (b"ok \xFF", Err("not UTF-8 text (invalid byte at offset 3)")),
        ];
        for (bytes, want) in cases {
            let got = decode(bytes);
            assert_eq!(got.as_deref().map_err(String::as_str), *want, "{bytes:?}");
        }
    }

    #[test]
    fn loads_a_folder_and_lists_problems() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("a.txt"), "2022-12-12\n\nBody one.\n")?;
        fs::create_dir(dir.path().join("sub"))?;
        fs::write(dir.path().join("sub/b.TXT"), "Body two.\n")?;
        fs::write(dir.path().join("empty.txt"), "")?;
        fs::write(dir.path().join("image.png"), [0x89, b'P', b'N', b'G'])?;
        fs::create_dir(dir.path().join(DATELINE_DIR))?;
        fs::write(dir.path().join(".dateline/x.txt"), "ignored")?;
        let c = load(dir.path())?;
        let paths: Vec<_> = c.articles.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "sub/b.TXT"]);
        let problems: Vec<_> = c.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(problems, ["empty.txt", "image.png"]);
        assert_eq!(c.articles[0].body(), "Body one.\n");
        Ok(())
    }

    #[test]
    fn opening_a_missing_or_plain_file_fails() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let missing = dir.path().join("nope");
        assert!(matches!(load(&missing), Err(CollectionError::NotFound(_))));
        let file = dir.path().join("f.txt");
        fs::write(&file, "x")?;
        assert!(matches!(load(&file), Err(CollectionError::NotAFolder(_))));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_outside_links_are_problems() -> Result<(), Box<dyn std::error::Error>> {
        let outside = tempfile::tempdir()?;
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("a.txt"), "Body.\n")?;
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop"))?;
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out"))?;
        let c = load(dir.path())?;
        assert_eq!(c.articles.len(), 1);
        let reasons: Vec<_> = c.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(reasons, ["loop", "out"]);
        Ok(())
    }
}
