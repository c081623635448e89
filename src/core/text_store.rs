//! Where the window keeps the texts of a large collection: outside its own memory, in a file
//! mapped into it. Every text read while a collection loads is written once to an unnamed file in
//! the collection's `.dateline/cache/` (or the system's temporary folder where that cannot be
//! written), and the article keeps only where its bytes are. The pages of that file belong to the
//! system's file cache: they are read at memory speed while memory is plentiful, and the system
//! can drop them (and read them back from disk) when it is not, so a collection larger than memory
//! still opens. The file has no name, so nothing else can open or change it, and the system
//! deletes it when the window closes or crashes.
//!
//! The file grows by segments ([`SEGMENT`] bytes each, sparse until written), each mapped once
//! and never moved, so a text handed out stays where it is for as long as anything holds it.

use std::fs::File;
use std::path::Path;
use std::sync::{Arc, Mutex};

use memmap2::{Mmap, MmapOptions};

/// Bytes per mapped part of the file; a text larger than this stays in memory.
pub const SEGMENT: usize = 256 << 20;

/// The store of one opening of a collection.
pub struct TextStore {
    writer: Mutex<Writer>,
    /// Bytes per segment: [`SEGMENT`], smaller in tests.
    segment: usize,
}

struct Writer {
    file: Arc<File>,
    /// The segment being filled, `None` before the first text.
    current: Option<Arc<Segment>>,
    /// Bytes of `current` in use.
    used: usize,
    /// Segments made so far (the next one starts at `made * SEGMENT` in the file).
    made: u64,
}

/// One mapped part of the store's file. Its bytes are only ever written (through the file, once,
/// before a text points at them) and then read.
pub struct Segment {
    map: Mmap,
    /// The store's file, to write through.
    file: Arc<File>,
}

/// A text in the store: `len` bytes from `start` of `segment`, valid UTF-8 (copied from a `str`).
#[derive(Clone)]
pub struct StoredText {
    segment: Arc<Segment>,
    start: usize,
    len: usize,
}

impl StoredText {
    pub fn as_str(&self) -> &str {
        let bytes = &self.segment.map[self.start..self.start + self.len];
        // SAFETY: these bytes were copied from a `&str` (`TextStore::put`) into a file that has
        // no name (nothing else can open it) and are never written again.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

impl TextStore {
    /// A store for the collection at `root`: in its `.dateline/cache/`, else in the temporary
    /// folder; `None` when `root` is not a folder (nothing is made there) or no file can be had
    /// (texts then stay in memory).
    pub fn create(root: &Path) -> Option<Arc<Self>> {
        Self::with_segment(root, SEGMENT)
    }

    fn with_segment(root: &Path, segment: usize) -> Option<Arc<Self>> {
        if !root.is_dir() {
            return None;
        }
        let cache = super::cache::dir(root);
        let file = std::fs::create_dir_all(&cache)
            .and_then(|()| tempfile::tempfile_in(&cache))
            .or_else(|e| {
                log::info!(
                    "{}: texts kept in the temporary folder ({e})",
                    cache.display()
                );
                tempfile::tempfile()
            });
        match file {
            Ok(file) => Some(Arc::new(Self {
                writer: Mutex::new(Writer {
                    file: Arc::new(file),
                    current: None,
                    used: 0,
                    made: 0,
                }),
                segment,
            })),
            Err(e) => {
                log::warn!("texts kept in memory: no file for them ({e})");
                None
            }
        }
    }

    /// `text` copied into the store; `None` when it is empty, larger than a segment, or the
    /// file cannot take it (a full disk): the caller keeps the text it has.
    pub fn put(&self, text: &str) -> Option<StoredText> {
        let len = text.len();
        if len == 0 || len > self.segment {
            return None;
        }
        // The place is taken under the lock; the bytes are written outside it, so the
        // reading threads store their texts side by side.
        let (segment, start, at) = {
            let mut writer = self.writer.lock().ok()?;
            let room = writer.current.is_some() && writer.used + len <= self.segment;
            if !room {
                writer.next_segment(self.segment)?;
            }
            let segment = Arc::clone(writer.current.as_ref()?);
            let start = writer.used;
            writer.used += len;
            let at = (writer.made - 1) * self.segment as u64 + start as u64;
            (segment, start, at)
        };
        // A failed write leaves its place unused: no text points at it.
        write_at(&segment.file, text.as_bytes(), at).ok()?;
        Some(StoredText {
            segment,
            start,
            len,
        })
    }
}

impl Writer {
    /// Grows the file by a segment and maps it.
    fn next_segment(&mut self, size: usize) -> Option<()> {
        let offset = self.made * size as u64;
        let grown = self.file.set_len(offset + size as u64);
        // SAFETY: the file has no name, so no other process truncates or changes it; this one
        // only appends through `write_at` to bytes no text points at yet, and never shrinks it.
        let map = grown
            .and_then(|()| unsafe { MmapOptions::new().offset(offset).len(size).map(&self.file) });
        match map {
            Ok(map) => {
                self.current = Some(Arc::new(Segment {
                    map,
                    file: Arc::clone(&self.file),
                }));
                self.used = 0;
                self.made += 1;
                Some(())
            }
            Err(e) => {
                log::warn!("texts kept in memory from now on: {e}");
                None
            }
        }
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut at: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let n = file.seek_write(bytes, at)?;
        if n == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_they_went_in_across_segments() {
        let dir = tempfile::tempdir().expect("temp dir");
        let segment = 4096;
        let store = TextStore::with_segment(dir.path(), segment).expect("store");
        let cases = [
            "Bakı, 12 mart — Azərbaycan",
            "Москва, 3 апреля",
            "Երևան, 2020",
            "",
            "plain ASCII text",
        ];
        let kept: Vec<(Option<StoredText>, &str)> =
            cases.iter().map(|t| (store.put(t), *t)).collect();
        for (stored, text) in &kept {
            match stored {
                Some(s) => assert_eq!(s.as_str(), *text),
                None => assert!(text.is_empty(), "{text} was not stored"),
            }
        }
        // A text that does not fit in what is left of a segment starts the next one; the
        // earlier texts stay readable.
        let big = "x".repeat(segment - 10);
        let second = store.put(&big).expect("big text");
        assert_eq!(second.as_str().len(), big.len());
        let third = store.put(&big).expect("another big text");
        assert!(third.as_str().bytes().all(|b| b == b'x'));
        assert_eq!(kept[0].0.as_ref().map(StoredText::as_str), Some(cases[0]));
        assert!(store.put(&"y".repeat(segment + 1)).is_none());
        // The store's file is in the collection's cache folder and has no name there.
        let names: Vec<_> = std::fs::read_dir(super::super::cache::dir(dir.path()))
            .expect("cache dir")
            .collect();
        assert!(names.is_empty(), "{names:?}");
        // No store, and nothing made, where the collection is not a folder.
        let missing = dir.path().join("no-such-folder");
        assert!(TextStore::create(&missing).is_none());
        assert!(!missing.exists());
    }
}
