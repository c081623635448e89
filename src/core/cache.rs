//! The collection's cache, `.dateline/cache/`: what the last opening read of every article (its
//! path, metadata, where its body starts and its content hash), with each file's size and
//! modification time. The next opening lists everything from it at once, then reads the files
//! behind it (`ui/jobs.rs`): an article whose file still has the cached size, time and content
//! hash only gets its text back; any other is read anew, so a changed file replaces only its own
//! entries. Never trusted: a cache that does not parse, is of another version, or was written for
//! another folder is ignored (and written again at the end of the opening).

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::article_text::ArticleText;
use super::collection::{Article, DATELINE_DIR};
use super::header::Metadata;

mod meta;

/// The cache's folder inside `.dateline/`.
pub const CACHE_DIR: &str = "cache";
const FILE_NAME: &str = "articles.bin";
/// The file starts with this, then the format version; anything else is not ours.
const MAGIC: &[u8; 8] = b"DATELINE";
/// 2: the number of entries follows them (so the list makes room for all at once); 3: where
/// each block of [`BLOCK`] entries starts comes before that number (so two threads decode it);
/// 4: dates as numbers (`cache/meta.rs`).
const VERSION: u32 = 4;
/// Entries a block holds: where each block starts is written at the end, so that blocks can be
/// decoded side by side (the entries themselves have no fixed length).
const BLOCK: u64 = 4096;

/// One article as the last opening read it, with its file's size and modification time then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub modified: u64,
    pub article: CachedArticle,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedArticle {
    pub path: String,
    pub body_start: usize,
    #[serde(with = "meta")]
    pub meta: Metadata,
    pub content_hash: String,
}

/// The cache folder of the collection at `root`.
pub fn dir(root: &Path) -> PathBuf {
    root.join(DATELINE_DIR).join(CACHE_DIR)
}

fn root_key(root: &Path) -> String {
    fs::canonicalize(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// A file's size and modification time, as the cache keys them.
pub fn stamp(path: &Path) -> Option<(u64, u64)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    Some((meta.len(), modified))
}

/// A cache as read: every entry, and where each lies in `bytes` (to write it again unchanged).
pub struct Cached {
    pub bytes: Bytes,
    pub entries: Vec<(Entry, Range<usize>)>,
}

/// What the cache of the collection at `root` says, or why it is not used. The file is
/// `DATELINE`, a version, the folder it was written for and the entries (serde's postcard form),
/// where each block of entries starts, how many entries there are, and a hash of all that:
/// anything that does not check out is not used at all.
pub fn read(root: &Path) -> Result<Cached, String> {
    let mut entries = Vec::new();
    let said = std::cell::Cell::new(0);
    let bytes = read_each(
        root,
        &mut |n| said.set(n),
        &|entry, range| (entry, range),
        &mut |entry| {
            if entries.is_empty() {
                entries.reserve_exact(said.get());
            }
            entries.push(entry)
        },
    )?;
    Ok(Cached { bytes, entries })
}

/// [`read`], each entry made into what the caller wants by `make` and handed to `each` in the
/// cache's order as it is decoded (with where it lies in the file), so a million articles can be
/// listed while the rest are still being decoded; gives back the file's bytes. The later half of
/// the entries is decoded and made on a second thread meanwhile, where the machine has a second
/// core. Nothing is handed out before the whole file checked out (its start, version, folder,
/// checksum and block table); then `count` is told how many entries it says it holds (to make
/// room for them: a list grown by doubling copies itself time and again). An entry that still
/// does not decode ends the reading with an error: the caller then drops what it was handed.
pub fn read_each<T: Send>(
    root: &Path,
    count: &mut dyn FnMut(usize),
    make: &(dyn Fn(Entry, Range<usize>) -> T + Sync),
    each: &mut dyn FnMut(T),
) -> Result<Bytes, String> {
    let path = dir(root).join(FILE_NAME);
    let bytes = Bytes::map(&path).map_err(|e| format!("no cache: {e}"))?;
    decode_each(bytes, &root_key(root), count, make, each)
}

/// A cache file's bytes: mapped from the file (they are the system's file cache then, not
/// fresh memory the system must clear first: 200 MB at a million articles), or read into memory
/// where it cannot be mapped. A new cache is written beside it and put in its place, so the
/// mapped file is never changed under the mapping.
pub enum Bytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl Bytes {
    fn map(path: &Path) -> std::io::Result<Self> {
        let file = fs::File::open(path)?;
        if file.metadata()?.len() == 0 {
            return Ok(Self::Read(Vec::new()));
        }
        // (Windows cannot rename a file over one that is mapped: the cache is read there.)
        if cfg!(unix) {
            // SAFETY: the mapping is read only, and Dateline never writes a cache file in place
            // (`Writer` writes a new file and renames it over the old one).
            if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
                return Ok(Self::Mapped(map));
            }
        }
        fs::read(path).map(Self::Read)
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Self::Mapped(map) => map,
            Self::Read(bytes) => bytes,
        }
    }
}

#[cfg(test)]
fn decode(bytes: Vec<u8>, root: &str) -> Result<Cached, String> {
    let mut entries = Vec::new();
    let bytes = decode_each(
        Bytes::Read(bytes),
        root,
        &mut |_| {},
        &|entry, range| (entry, range),
        &mut |entry| entries.push(entry),
    )?;
    Ok(Cached { bytes, entries })
}

fn truncated() -> String {
    "a truncated cache".to_string()
}

/// The last eight bytes of `bytes` as a number, and what comes before them.
fn split_last_u64(bytes: &[u8]) -> Result<(&[u8], u64), String> {
    let at = bytes.len().checked_sub(8).ok_or_else(truncated)?;
    let (before, last) = bytes.split_at(at);
    let last: [u8; 8] = last.try_into().map_err(|_| truncated())?;
    Ok((before, u64::from_le_bytes(last)))
}

fn decode_each<T: Send>(
    bytes: Bytes,
    root: &str,
    count: &mut dyn FnMut(usize),
    make: &(dyn Fn(Entry, Range<usize>) -> T + Sync),
    each: &mut dyn FnMut(T),
) -> Result<Bytes, String> {
    let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err("not a Dateline cache".into());
    };
    let (version, rest) = rest.split_at_checked(4).ok_or_else(truncated)?;
    let version = u32::from_le_bytes(version.try_into().map_err(|_| truncated())?);
    if version != VERSION {
        return Err(format!("a cache of another version ({version})"));
    }
    let (body, sum) = split_last_u64(rest)?;
    if xxhash_rust::xxh3::xxh3_64(body) != sum {
        return Err("a cache that does not check out (truncated or damaged)".into());
    }
    let offset = MAGIC.len() + 4;
    let (body, entries) = split_last_u64(body)?;
    let (body, blocks) = split_last_u64(body)?;
    let bad_table = || "a cache that does not parse: its block table is wrong".to_string();
    let table_len = usize::try_from(blocks)
        .ok()
        .and_then(|n| n.checked_mul(8))
        .filter(|&n| n <= body.len())
        .ok_or_else(bad_table)?;
    let (body, table) = body.split_at(body.len() - table_len);
    let (written_for, listed): (String, &[u8]) =
        postcard::take_from_bytes(body).map_err(|e| format!("a cache that does not parse: {e}"))?;
    if written_for != root {
        return Err(format!(
            "a cache written for another folder ({written_for})"
        ));
    }
    // Where the entries start in the file, and where each block starts among them: from 0,
    // rising, inside the entries.
    let base = offset + body.len() - listed.len();
    let mut starts = Vec::with_capacity(table.len() / 8);
    for start in table.chunks_exact(8) {
        let start = u64::from_le_bytes(start.try_into().map_err(|_| bad_table())?);
        let start = usize::try_from(start).map_err(|_| bad_table())?;
        let rising = starts.last().is_none_or(|&last| start > last);
        if !rising || start >= listed.len() || (starts.is_empty() && start != 0) {
            return Err(bad_table());
        }
        starts.push(start);
    }
    if starts.is_empty() != listed.is_empty() {
        return Err(bad_table());
    }
    let ends = starts.iter().skip(1).copied().chain([listed.len()]);
    let blocks: Vec<Range<usize>> = starts.iter().zip(ends).map(|(&s, e)| s..e).collect();
    // What it says is only room made: an entry takes at least a byte, so no more than that.
    count(
        usize::try_from(entries)
            .unwrap_or(usize::MAX)
            .min(listed.len()),
    );
    let decode_block = |block: &Range<usize>, out: &mut dyn FnMut(T)| -> Result<(), String> {
        let mut rest = &listed[block.clone()];
        while !rest.is_empty() {
            let at = base + block.end - rest.len();
            let (entry, after): (Entry, &[u8]) = postcard::take_from_bytes(rest)
                .map_err(|e| format!("a cache that does not parse: {e}"))?;
            rest = after;
            out(make(entry, at..base + block.end - rest.len()));
        }
        Ok(())
    };
    // Where the machine has a second core, a helper decodes three blocks of four meanwhile (this
    // thread also hands every entry out, which costs about as much as decoding it), a few blocks
    // ahead at most: each is handed out in turn and its memory used again for the next, instead
    // of half the cache's articles waiting at once in fresh memory.
    let mine = |i: usize| i.is_multiple_of(4);
    if super::threads() < 2 || blocks.len() < 2 {
        for block in &blocks {
            decode_block(block, each)?;
        }
        return Ok(bytes);
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<T>, String>>(4);
        let theirs = blocks.iter().enumerate().filter(|(i, _)| !mine(*i));
        scope.spawn(move || {
            for (_, block) in theirs {
                let room = usize::try_from(BLOCK).unwrap_or(0).min(block.len());
                let mut one = Vec::with_capacity(room);
                let decoded = decode_block(block, &mut |t| one.push(t)).map(|()| one);
                let failed = decoded.is_err();
                // Sending fails once the reading stopped (a block of mine did not decode).
                if tx.send(decoded).is_err() || failed {
                    break;
                }
            }
        });
        for (i, block) in blocks.iter().enumerate() {
            if mine(i) {
                decode_block(block, each)?;
            } else {
                let theirs = rx
                    .recv()
                    .map_err(|_| "the cache's second reader stopped".to_string())??;
                theirs.into_iter().for_each(&mut *each);
            }
        }
        Ok::<_, String>(())
    })?;
    Ok(bytes)
}

/// Writes a cache as it goes, entry by entry, to a temporary file beside the cache (not into
/// memory: at a million articles the cache is 200 MB), put in place by [`Writer::finish`].
pub struct Writer {
    /// The temporary file and where it is; `None` once writing failed (`error` says why).
    out: Option<(std::io::BufWriter<fs::File>, PathBuf)>,
    error: Option<std::io::Error>,
    /// The checksum of everything after the magic and version, as it is written.
    sum: xxhash_rust::xxh3::Xxh3,
    /// Entries written so far.
    entries: u64,
    /// Bytes written after the magic and version, and where the entries start among them.
    written: u64,
    entries_from: u64,
    /// Where each block of entries starts, from the first entry.
    block_starts: Vec<u64>,
    /// One entry's bytes, reused.
    scratch: Vec<u8>,
}

impl Writer {
    pub fn new(root: &Path) -> Self {
        let mut writer = Self {
            out: None,
            error: None,
            sum: xxhash_rust::xxh3::Xxh3::new(),
            entries: 0,
            written: 0,
            entries_from: 0,
            block_starts: Vec::new(),
            scratch: Vec::new(),
        };
        match Self::create(root) {
            Ok(out) => writer.out = Some(out),
            Err(e) => writer.error = Some(e),
        }
        if let Some((file, _)) = &mut writer.out
            && let Err(e) = file
                .write_all(MAGIC)
                .and_then(|()| file.write_all(&VERSION.to_le_bytes()))
        {
            writer.fail(e);
        }
        writer.put(&root_key(root));
        writer.entries_from = writer.written;
        writer
    }

    /// The temporary file: two windows on one collection may write at once, each to its own.
    fn create(root: &Path) -> std::io::Result<(std::io::BufWriter<fs::File>, PathBuf)> {
        static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        // Nothing is made where the collection is not a folder (one that went, say).
        if !root.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} is not a folder", root.display()),
            ));
        }
        let dir = dir(root);
        fs::create_dir_all(&dir)?;
        // First, so that not even the temporary file shows in a team's `git status`.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            fs::write(
                &ignore,
                "# Dateline's cache: rebuilt from the articles, never shared.\n*\n",
            )?;
        }
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!("{FILE_NAME}.{}-{n}.tmp", std::process::id()));
        let file = fs::File::create(&tmp)?;
        Ok((std::io::BufWriter::with_capacity(1 << 20, file), tmp))
    }

    fn fail(&mut self, e: std::io::Error) {
        if let Some((_, tmp)) = self.out.take() {
            let _ = fs::remove_file(tmp);
        }
        self.error.get_or_insert(e);
    }

    /// Bytes after the magic and version: written, and counted in the checksum.
    fn write(&mut self, bytes: &[u8]) {
        let Some((file, _)) = &mut self.out else {
            return;
        };
        match file.write_all(bytes) {
            Ok(()) => {
                self.sum.update(bytes);
                self.written += bytes.len() as u64;
            }
            Err(e) => self.fail(e),
        }
    }

    fn put<T: Serialize>(&mut self, value: &T) {
        let scratch = std::mem::take(&mut self.scratch);
        match postcard::to_extend(value, scratch) {
            Ok(mut bytes) => {
                self.write(&bytes);
                bytes.clear();
                self.scratch = bytes;
            }
            // Only a value that cannot be serialised fails, which ours all can; were one to,
            // no cache is written.
            Err(e) => self.fail(std::io::Error::other(format!(
                "the cache could not be encoded: {e}"
            ))),
        }
    }

    pub fn push(&mut self, entry: &Entry) {
        self.count_entry();
        self.put(entry);
    }

    /// An entry as an earlier cache held it (its bytes, unchanged).
    pub fn push_raw(&mut self, bytes: &[u8]) {
        self.count_entry();
        self.write(bytes);
    }

    /// Notes an entry about to be written, and where its block starts if it begins one.
    fn count_entry(&mut self) {
        if self.entries.is_multiple_of(BLOCK) {
            self.block_starts.push(self.written - self.entries_from);
        }
        self.entries += 1;
    }

    /// Puts the cache in place (from its temporary file, so a crash leaves the old cache or the
    /// new one). The folder has a `.gitignore` that keeps it out of a team's commits.
    pub fn finish(mut self, root: &Path) -> std::io::Result<()> {
        let mut trailer = Vec::with_capacity(self.block_starts.len() * 8 + 16);
        for start in &self.block_starts {
            trailer.extend_from_slice(&start.to_le_bytes());
        }
        trailer.extend_from_slice(&(self.block_starts.len() as u64).to_le_bytes());
        trailer.extend_from_slice(&self.entries.to_le_bytes());
        self.write(&trailer);
        let sum = self.sum.digest().to_le_bytes();
        let Some((file, tmp)) = self.out.take() else {
            return Err(self
                .error
                .take()
                .unwrap_or_else(|| std::io::Error::other("the cache could not be written")));
        };
        let written = (|| {
            let mut file = file.into_inner().map_err(|e| e.into_error())?;
            file.write_all(&sum)?;
            file.sync_all()?;
            fs::rename(&tmp, dir(root).join(FILE_NAME))
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written
    }
}

impl Drop for Writer {
    /// A cache not finished (a load cancelled) leaves no temporary file behind.
    fn drop(&mut self) {
        if let Some((_, tmp)) = self.out.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

impl CachedArticle {
    pub fn of(article: &Article) -> Self {
        Self {
            path: article.path.clone(),
            body_start: article.body_start,
            meta: article.meta.clone(),
            content_hash: article.content_hash.clone(),
        }
    }

    /// The article as listed from the cache: its text read from its file when first wanted.
    pub fn into_article(self, root: &Arc<Path>) -> Article {
        Article {
            text: ArticleText::deferred(
                Arc::clone(root),
                self.path.clone(),
                self.content_hash.clone(),
            ),
            path: self.path,
            body_start: self.body_start,
            meta: self.meta,
            content_hash: self.content_hash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(dir: &Path) -> Writer {
        let text = "Headline\n\nBody.\n";
        fs::write(dir.join("a.txt"), text).expect("write");
        let article = super::super::collection::test_article("a.txt", text);
        let (size, modified) = stamp(&dir.join("a.txt")).expect("stamp");
        let mut writer = Writer::new(dir);
        writer.push(&Entry {
            size,
            modified,
            article: CachedArticle::of(&article),
        });
        writer
    }

    #[test]
    fn the_cache_reads_back_what_was_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        sample(dir.path()).finish(dir.path()).expect("write cache");
        let cached = read(dir.path()).expect("read cache");
        assert_eq!(cached.entries.len(), 1);
        let mut said = None;
        read_each(
            dir.path(),
            &mut |n| said = Some(n),
            &|_, _| (),
            &mut |()| {},
        )
        .expect("read each");
        assert_eq!(said, Some(1), "the cache says how many entries it holds");
        let (entry, range) = &cached.entries[0];
        assert_eq!((entry.size, entry.article.path.as_str()), (16, "a.txt"));
        assert_eq!(entry.article.meta.title, "Headline");
        // An entry's bytes, written again as they are, read back the same.
        let mut again = Writer::new(dir.path());
        again.push_raw(&cached.bytes[range.clone()]);
        again.finish(dir.path()).expect("write again");
        assert_eq!(read(dir.path()).expect("read again").entries[0].0, *entry);
        let ignore = fs::read_to_string(dir.path().join(".dateline/cache/.gitignore"));
        assert!(ignore.is_ok_and(|s| s.lines().any(|l| l == "*")));
        // A writer dropped unfinished (a cancelled load) leaves nothing behind; the cache and
        // its .gitignore are all the folder holds.
        drop(sample(dir.path()));
        let mut names: Vec<String> = fs::read_dir(dir.path().join(".dateline/cache"))
            .expect("cache dir")
            .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        assert_eq!(names, [".gitignore", "articles.bin"]);
    }

    /// `good` with its table of block starts replaced by `starts` (and its checksum made anew).
    fn with_table(good: &[u8], starts: &[u64]) -> Vec<u8> {
        let n = good.len();
        let blocks = u64::from_le_bytes(good[n - 24..n - 16].try_into().expect("eight bytes"));
        let table_at = n - 24 - 8 * blocks as usize;
        let mut body = good[12..table_at].to_vec();
        for start in starts {
            body.extend_from_slice(&start.to_le_bytes());
        }
        body.extend_from_slice(&(starts.len() as u64).to_le_bytes());
        body.extend_from_slice(&good[n - 16..n - 8]);
        let mut out = good[..12].to_vec();
        out.extend_from_slice(&body);
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
        out
    }

    /// `bytes` with its checksum made to fit what it now holds.
    fn summed_again(mut bytes: Vec<u8>) -> Vec<u8> {
        let sum_at = bytes.len() - 8;
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[12..sum_at]).to_le_bytes();
        bytes[sum_at..].copy_from_slice(&sum);
        bytes
    }

    #[test]
    fn entries_come_back_in_order_across_blocks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = "Headline\n\nBody.\n";
        let n = 2 * BLOCK as usize + 3;
        let mut writer = Writer::new(dir.path());
        for i in 0..n {
            let article = super::super::collection::test_article(&format!("{i:05}.txt"), text);
            writer.push(&Entry {
                size: i as u64,
                modified: 0,
                article: CachedArticle::of(&article),
            });
        }
        writer.finish(dir.path()).expect("write cache");
        let cached = read(dir.path()).expect("read cache");
        let sizes: Vec<u64> = cached.entries.iter().map(|(e, _)| e.size).collect();
        assert_eq!(sizes, (0..n as u64).collect::<Vec<_>>());
        // Each entry's bytes are its own, wherever its block was decoded.
        for (entry, range) in &cached.entries {
            let (again, rest): (Entry, &[u8]) =
                postcard::take_from_bytes(&cached.bytes[range.clone()]).expect("entry");
            assert!(rest.is_empty());
            assert_eq!(again, *entry);
        }
        // A table that does not fit the entries is not trusted, checksum or not.
        let block_starts: Vec<usize> = (0..3)
            .map(|k| cached.entries[k * BLOCK as usize].1.start)
            .collect();
        let good = cached.bytes.to_vec();
        let root = root_key(dir.path());
        let last_start = u64::from_le_bytes(
            good[good.len() - 32..good.len() - 24]
                .try_into()
                .expect("8"),
        );
        let cases: [(&str, Vec<u64>); 4] = [
            ("no table", vec![]),
            ("not from the start", vec![1, last_start]),
            ("not rising", vec![0, last_start, last_start]),
            ("beyond the entries", vec![0, u64::MAX]),
        ];
        for (name, starts) in cases {
            let got = decode(with_table(&good, &starts), &root).map(|c| c.entries.len());
            assert!(
                got.as_ref().is_err_and(|e| e.contains("block table")),
                "{name}: {got:?}"
            );
        }
        let mut huge = with_table(&good, &[0]);
        let at = huge.len() - 24;
        huge[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        let got = decode(summed_again(huge), &root).map(|c| c.entries.len());
        assert!(
            got.as_ref().is_err_and(|e| e.contains("block table")),
            "{got:?}"
        );
        // The same starts as written read back whole.
        let starts: Vec<u64> = good[good.len() - 24 - 24..good.len() - 24]
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8")))
            .collect();
        assert_eq!(starts.len(), 3);
        let same = decode(with_table(&good, &starts), &root).map(|c| c.entries.len());
        assert_eq!(same, Ok(n));
        // An entry that does not decode ends the reading with an error, in the block read here
        // (0) and in those the helper reads (1 and 2).
        for (block, at) in block_starts.into_iter().enumerate() {
            let mut bad = good.clone();
            bad[at..at + 10].fill(0xFF);
            let got = decode(summed_again(bad), &root).map(|c| c.entries.len());
            assert!(
                got.as_ref().is_err_and(|e| e.contains("does not parse")),
                "block {block}: {got:?}"
            );
        }
    }

    #[test]
    fn a_cache_that_is_not_this_one_is_never_trusted() {
        let dir = tempfile::tempdir().expect("temp dir");
        sample(dir.path()).finish(dir.path()).expect("write cache");
        let good = fs::read(dir.path().join(".dateline/cache/articles.bin")).expect("read");
        let root = root_key(dir.path());
        let mut other_version = good.clone();
        other_version[8] = 9;
        let mut flipped = good.clone();
        flipped[good.len() / 2] ^= 0x55;
        let cases: [(&str, Vec<u8>, &str); 6] = [
            ("empty", Vec::new(), "not a Dateline cache"),
            (
                "foreign",
                b"PK\x03\x04 a zip".to_vec(),
                "not a Dateline cache",
            ),
            (
                "truncated",
                good[..good.len() / 2].to_vec(),
                "does not check out",
            ),
            ("header only", good[..10].to_vec(), "truncated"),
            ("other version", other_version, "another version"),
            ("a byte changed", flipped, "does not check out"),
        ];
        for (name, bytes, why) in cases {
            let got = decode(bytes, &root).map(|c| c.entries.len());
            assert!(
                got.as_ref().is_err_and(|e| e.contains(why)),
                "{name}: {got:?}"
            );
        }
        let elsewhere = decode(good, "/some/other/folder").map(|c| c.entries.len());
        assert!(elsewhere.is_err_and(|e| e.contains("another folder")));
        // An empty cache file on disk (which cannot be mapped) is not one either.
        fs::write(dir.path().join(".dateline/cache/articles.bin"), b"").expect("empty it");
        let empty = read(dir.path()).map(|c| c.entries.len());
        assert!(empty.is_err_and(|e| e.contains("not a Dateline cache")));
    }
}
