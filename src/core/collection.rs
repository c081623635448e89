//! Opening a collection: walk a folder, read and decode each article, parse its header, and
//! report every file that could not be read — streaming, on worker threads.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use chrono::{Datelike, Timelike};

use super::article_text::ArticleText;
use super::formats::{self, Header, Piece, ReadOptions};
use super::header::{Metadata, Parsed, parse_article};
use super::timestamp::{DateReading, DayMonthOrder, Timestamp, read_date_value};

/// The folder inside a collection where Dateline keeps its files; never read as articles.
pub const DATELINE_DIR: &str = ".dateline";

/// One decoded article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Path relative to the collection root, with `/` separators: the article's identity.
    pub path: String,
    /// The decoded text, line ends normalised to `\n`; shared, so background work (search,
    /// recycled text) reads it without a copy. An article listed from the cache reads it from
    /// its file when first wanted.
    pub text: ArticleText,
    /// Byte offset in `text` where the body starts (after the header lines).
    pub body_start: usize,
    pub meta: Metadata,
    /// Hash of the file's bytes, to tell when it changed on disk.
    pub content_hash: String,
}

impl Article {
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
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

/// What a load keeps of each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Keep the text (the GUI, search); without it only the metadata stays (`inspect`), so
    /// memory stays small whatever the collection's size.
    pub keep_text: bool,
    /// Read each article's header (dates, headline, source); `search` needs only the text.
    pub headers: bool,
    /// Read the first names of a large folder as the folder gives them, before the rest are
    /// known (the window: its first articles of a million-file folder show in a tenth of a
    /// second instead of after all the names were read and sorted). The order is then path
    /// order except for those first names; the command line keeps strict path order.
    pub early: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            keep_text: true,
            headers: true,
            early: false,
        }
    }
}

/// Loads everything at once (the command line and tests); the GUI streams with [`stream`].
pub fn load(root: &Path) -> Result<Collection, CollectionError> {
    load_with(root, LoadOptions::default())
}

/// [`load`] with options.
pub fn load_with(root: &Path, options: LoadOptions) -> Result<Collection, CollectionError> {
    let mut collection = Collection {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let cancel = AtomicBool::new(false);
    stream_with(root, options, &cancel, &mut |event| match event {
        LoadEvent::Found { .. } => {}
        LoadEvent::Article(a) => collection.articles.push(*a),
        LoadEvent::Problem(p) => collection.problems.push(p),
    })?;
    collection.articles.sort_by(|a, b| a.path.cmp(&b.path));
    collection.problems.sort();
    settle_date_order(&mut collection.articles);
    Ok(collection)
}

/// Walks `root` and reads every article on worker threads, handing each result to `sink` on the
/// calling thread as soon as it is ready. Stops early when `cancel` is set.
pub fn stream(
    root: &Path,
    cancel: &AtomicBool,
    sink: &mut dyn FnMut(LoadEvent),
) -> Result<(), CollectionError> {
    stream_with(root, LoadOptions::default(), cancel, sink)
}

/// [`stream`] with options.
pub fn stream_with(
    root: &Path,
    options: LoadOptions,
    cancel: &AtomicBool,
    sink: &mut dyn FnMut(LoadEvent),
) -> Result<(), CollectionError> {
    stream_mapped(root, options, cancel, &Some, sink)
}

/// [`stream_with`], each event first turned by `map` on the reading threads (to search, say,
/// where the reading is done): what `map` keeps reaches `sink`.
pub fn stream_mapped<T: Send>(
    root: &Path,
    options: LoadOptions,
    cancel: &AtomicBool,
    map: &(dyn Fn(LoadEvent) -> Option<T> + Sync),
    sink: &mut dyn FnMut(T),
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

    // The walk feeds the workers as it goes: reading starts with the first files found. Workers
    // take files in small batches and send each batch's results at once (one message per file
    // would cost more in locking than reading a small file does). The walk goes in path order
    // and numbers its batches; results are handed on in that order (a batch that comes early
    // waits for the ones before it), so a caller can print as it goes instead of holding the
    // whole collection to sort it. The walk is not held back by the reading: its batches queue
    // up (about a hundred bytes a file), so that it ends, and tells how many files there are,
    // early — within two seconds at a million files, where the reading takes forty — and a
    // caller can make room for every article once instead of growing its list (a copy of
    // everything listed so far) time and again.
    const BATCH: usize = 128;
    let workers = super::threads().max(2);
    let (file_tx, file_rx) = mpsc::channel::<(usize, Vec<PathBuf>)>();
    let file_rx = std::sync::Mutex::new(file_rx);
    let (tx, rx) = mpsc::channel::<Delivery<T>>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let file_rx = &file_rx;
            scope.spawn(move || {
                loop {
                    let batch = match file_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((number, batch)) = batch else { break };
                    if cancel.load(Ordering::Relaxed) {
                        continue; // drain, so the walk is not blocked
                    }
                    let events: Vec<T> = batch
                        .iter()
                        .flat_map(|path| {
                            let mut events = read_file(root, path, options);
                            // A file's articles in the order of their paths, as its neighbours.
                            events.sort_by(|a, b| event_path(a).cmp(event_path(b)));
                            events
                        })
                        .filter_map(map)
                        .collect();
                    if tx.send(Delivery::Batch(number, events)).is_err() {
                        break;
                    }
                }
            });
        }
        let walk_tx = tx.clone();
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut count = 0usize;
            let mut batches = 0usize;
            let mut found = |path| {
                if cancel.load(Ordering::Relaxed) {
                    return;
                }
                count += 1;
                batch.push(path);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    let _ = file_tx.send((batches, full));
                    batches += 1;
                }
            };
            let mut walk = Walk::new(root, options.early, &mut found);
            walk.folder(root);
            let problems = walk.problems;
            if !batch.is_empty() {
                let _ = file_tx.send((batches, batch));
            }
            drop(file_tx);
            let found = LoadEvent::Found {
                total: count + problems.len(),
            };
            let events = std::iter::once(found)
                .chain(problems.into_iter().map(LoadEvent::Problem))
                .filter_map(map)
                .collect();
            let _ = walk_tx.send(Delivery::Now(events));
        });
        drop(tx);
        let mut early: std::collections::BTreeMap<usize, Vec<T>> = Default::default();
        let mut next = 0usize;
        for delivery in rx {
            match delivery {
                Delivery::Now(events) => events.into_iter().for_each(&mut *sink),
                Delivery::Batch(number, events) => {
                    early.insert(number, events);
                    while let Some(events) = early.remove(&next) {
                        events.into_iter().for_each(&mut *sink);
                        next += 1;
                    }
                }
            }
        }
        // Batches after a gap (a cancelled load skips some) still arrive, in order.
        for events in early.into_values() {
            events.into_iter().for_each(&mut *sink);
        }
    });
    Ok(())
}

/// What the reading threads send: a numbered batch of results, handed on in number order, or
/// the walk's own events (the count, folders it could not read), handed on at once.
enum Delivery<T> {
    Batch(usize, Vec<T>),
    Now(Vec<T>),
}

fn event_path(event: &LoadEvent) -> &str {
    match event {
        LoadEvent::Article(a) => &a.path,
        LoadEvent::Problem(p) => &p.path,
        LoadEvent::Found { .. } => "",
    }
}

/// The identity of `path` in the collection at `root`: relative, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    if cfg!(unix) {
        return rel.to_string_lossy().into_owned();
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A walk of a collection's folders: articles are `found` in path order (see
/// [`LoadOptions::early`]), what cannot be read goes to `problems`.
struct Walk<'a> {
    root: &'a Path,
    canonical_root: PathBuf,
    /// Folders read, canonical (a symbolic link loop is read once).
    visited: HashSet<PathBuf>,
    early: bool,
    found: &'a mut dyn FnMut(PathBuf),
    problems: Vec<Problem>,
}

/// A folder's entry with its sort key: the key's first eight bytes as a number, then the key.
type Named = (u64, Vec<u8>, fs::DirEntry);

impl<'a> Walk<'a> {
    fn new(root: &'a Path, early: bool, found: &'a mut dyn FnMut(PathBuf)) -> Self {
        let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let visited = HashSet::from([canonical_root.clone()]);
        Self {
            root,
            canonical_root,
            visited,
            early,
            found,
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, path: &Path, reason: String) {
        self.problems.push(Problem {
            path: relative(self.root, path),
            reason,
        });
    }

    fn folder(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.problem(dir, format!("cannot read the folder: {e}")),
        };
        // In the order of the paths they make: a folder's name sorts as if it ended in `/`, so
        // `a-b.txt` comes before `a/x.txt`, as the two paths compare. The key's first eight
        // bytes, as a number, settle most comparisons without reading the key itself.
        let named = |entry: fs::DirEntry| -> Named {
            let mut key = entry.file_name().into_encoded_bytes();
            let is_dir = match entry.file_type() {
                Ok(t) if t.is_symlink() => fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()),
                Ok(t) => t.is_dir(),
                Err(_) => false,
            };
            if is_dir {
                key.push(b'/');
            }
            let mut first = [0u8; 8];
            let n = key.len().min(8);
            first[..n].copy_from_slice(&key[..n]);
            (u64::from_be_bytes(first), key, entry)
        };
        const FIRST: usize = 1024;
        let mut entries = entries.filter_map(Result::ok);
        let mut named_entries: Vec<Named> = Vec::new();
        if self.early {
            // The first names as the folder gives them (sorted among themselves), when there
            // are more: read at once, while the rest of the folder is read.
            named_entries.extend(entries.by_ref().take(FIRST).map(named));
            if named_entries.len() == FIRST {
                self.visit(std::mem::take(&mut named_entries));
            }
        }
        named_entries.extend(entries.map(named));
        // A large folder's first names are picked out and sorted first, and read while the
        // rest are sorted: a million names take a while to sort, and the first articles need
        // not wait.
        let rest = if named_entries.len() > 4 * FIRST {
            named_entries.select_nth_unstable_by(FIRST, Self::order);
            named_entries.split_off(FIRST)
        } else {
            Vec::new()
        };
        self.visit(named_entries);
        self.visit(rest);
    }

    fn order(a: &Named, b: &Named) -> std::cmp::Ordering {
        a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1))
    }

    /// Goes through a folder's entries, sorted: articles are `found`, folders walked.
    fn visit(&mut self, mut entries: Vec<Named>) {
        entries.sort_unstable_by(Self::order);
        for (_, _, entry) in entries {
            let name = entry.file_name();
            let path = entry.path();
            if name.to_string_lossy().starts_with('.') {
                continue; // hidden files and folders, and .dateline/
            }
            let Ok(file_type) = entry.file_type() else {
                self.problem(&path, "cannot tell what kind of file this is".into());
                continue;
            };
            let is_dir = if file_type.is_symlink() {
                match fs::canonicalize(&path) {
                    Err(_) => {
                        self.problem(&path, "broken symbolic link".into());
                        continue;
                    }
                    Ok(target) if !target.starts_with(&self.canonical_root) => {
                        let reason = format!(
                            "symbolic link leads outside the collection, to {}",
                            target.display()
                        );
                        self.problem(&path, reason);
                        continue;
                    }
                    Ok(target) => target.is_dir(),
                }
            } else {
                file_type.is_dir()
            };
            if is_dir {
                let canonical = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if !self.visited.insert(canonical) {
                    self.problem(&path, "folder already read (a symbolic link loop)".into());
                    continue;
                }
                self.folder(&path);
            } else if formats::entry_of(&path).is_some() {
                (self.found)(path);
            } else {
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                let reason = format!(
                    "not an article: .{ext} files are not read (articles are {})",
                    formats::extensions_read()
                );
                self.problem(&path, reason);
            }
        }
    }
}

/// Reads one file: one article, or one per row of a JSON Lines or CSV file, or a problem.
pub fn read_file(root: &Path, path: &Path, options: LoadOptions) -> Vec<LoadEvent> {
    let rel = relative(root, path);
    let problem = |reason: String| {
        vec![LoadEvent::Problem(Problem {
            path: rel.clone(),
            reason,
        })]
    };
    let Some(entry) = formats::entry_of(path) else {
        return problem("not an article: this kind of file is not read".into());
    };
    // An archive is handed to its reader whole: one too large for memory is refused unread.
    if let Some(max) = entry.max_bytes
        && let Ok(meta) = fs::metadata(path)
        && meta.len() > max
    {
        let gib = |bytes: u64| bytes as f64 / f64::from(1u32 << 30);
        return problem(format!(
            "too large to read: {:.1} GiB, and the most read is {:.0} GiB",
            gib(meta.len()),
            gib(max)
        ));
    }
    // An archive is read into one buffer of its size: through the thread's buffer it would be
    // in memory twice for a moment.
    let read = if entry.max_bytes.is_some() {
        fs::read(path)
    } else {
        read_bytes(path)
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) => return problem(format!("cannot read the file: {e}")),
    };
    let read_options = ReadOptions {
        headers: options.headers,
        ..ReadOptions::default()
    };
    let reading = match (entry.read)(bytes, &read_options) {
        Ok(r) => r,
        Err(reason) => return problem(reason),
    };
    let mut file_warnings = Vec::new();
    if path.file_name().is_some_and(|n| n.to_str().is_none()) {
        file_warnings
            .push("the file name is not valid UTF-8; some characters are shown as �".to_string());
    }
    file_warnings.extend(reading.warnings);
    let article = |path: String, piece: Piece| {
        let mut parsed = parse_piece(&piece);
        // A web archive knows when it captured a page that gives no date of its own.
        if parsed.meta.published.is_none()
            && let Some((date, from)) = &piece.fields.fallback_date
            && let DateReading::Date { timestamp, .. } = read_date_value(date)
        {
            parsed.meta.published = Some(timestamp);
            parsed.meta.extra.retain(|(k, _)| k != "Date from");
            parsed.meta.extra.push(("Date from".into(), from.clone()));
        }
        // A research corpus may keep the date only in its folders or file names.
        if parsed.meta.published.is_none()
            && let Some(date) = super::path_date::date_from_path(&path)
        {
            parsed.meta.published = Some(Timestamp::from_date(date));
            parsed.meta.date_from_path = true;
        }
        parsed.meta.warnings.splice(
            0..0,
            file_warnings.iter().chain(&piece.fields.warnings).cloned(),
        );
        let text = piece.text;
        let content_hash = content_hash(text.as_bytes());
        let (text, body_start) = if options.keep_text {
            (text, parsed.body_start)
        } else {
            (String::new(), 0)
        };
        LoadEvent::Article(Box::new(Article {
            content_hash,
            path,
            body_start,
            meta: parsed.meta,
            text: ArticleText::new(text),
        }))
    };
    let event = |part: formats::Part| {
        // One of several articles in a file is `file#n` (or `file#url`); a file that is one
        // article, `file`.
        let path = match &part.id {
            Some(id) => format!("{rel}#{id}"),
            None => rel.clone(),
        };
        match part.piece {
            Ok(piece) => article(path, piece),
            Err(reason) => LoadEvent::Problem(Problem { path, reason }),
        }
    };
    let parts = reading.parts;
    // An export of thousands of articles is one file: its headers are read on every core, as
    // a folder of files would be.
    let threads = super::threads();
    if parts.len() < PARALLEL_PARTS || threads < 2 {
        return parts.into_iter().map(event).collect();
    }
    let chunk = parts.len().div_ceil(threads);
    let mut chunks: Vec<Vec<formats::Part>> = Vec::new();
    let mut parts = parts.into_iter();
    loop {
        let next: Vec<formats::Part> = parts.by_ref().take(chunk).collect();
        if next.is_empty() {
            break;
        }
        chunks.push(next);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|c| scope.spawn(|| c.into_iter().map(event).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![LoadEvent::Problem(Problem {
                        path: rel.clone(),
                        reason: "reading this file's articles failed".into(),
                    })]
                })
            })
            .collect()
    })
}

/// From how many articles a file's articles are read on several threads.
const PARALLEL_PARTS: usize = 512;

/// The metadata of a piece: its header read as its format says, then the file's own fields.
fn parse_piece(piece: &Piece) -> Parsed {
    let mut parsed = match piece.header {
        Header::Lines => {
            let mut parsed = parse_article(piece.text.get(piece.start..).unwrap_or_default());
            parsed.body_start += piece.start;
            parsed
        }
        Header::Body => {
            let mut parsed = parse_article(piece.text.get(piece.start..).unwrap_or_default());
            parsed.body_start = piece.start;
            parsed
        }
        Header::Skip => Parsed {
            meta: Metadata::default(),
            body_start: piece.start,
        },
    };
    apply_fields(&mut parsed.meta, &piece.fields);
    parsed
}

/// Fields the file gave beat what was read from the text.
fn apply_fields(meta: &mut Metadata, fields: &formats::Fields) {
    if let Some(title) = &fields.title {
        meta.title = title.clone();
        meta.title_derived = false;
    }
    if let Some(date) = &fields.date {
        match read_date_value(date) {
            DateReading::Date { timestamp, order } => {
                meta.published = Some(timestamp);
                meta.date_order = order;
            }
            DateReading::Impossible => meta.warnings.push(format!("impossible date {date:?}")),
            DateReading::NotADate => meta.warnings.push(format!("unreadable date {date:?}")),
        }
    }
    if let Some(author) = &fields.author {
        meta.byline = Some(author.clone());
    }
    if let Some(source) = &fields.source {
        meta.source = Some(source.clone());
    }
    if let Some(url) = &fields.url {
        meta.url = Some(url.clone());
    }
    if let Some(place) = &fields.dateline {
        meta.dateline = Some(place.clone());
    }
    if let Some(name) = &fields.language {
        match super::header::language_code(name) {
            Some(code) => meta.language = code,
            None => meta.extra.push(("Language".into(), name.clone())),
        }
    }
    meta.extra.extend(fields.extra.iter().cloned());
}

/// Whether an article (its path in the collection) is a saved HTML file of its own, whose whole
/// page can be shown — not one page of an archive or export.
pub fn has_whole_page(article: &str) -> bool {
    let format = formats::Format::of(Path::new(file_of(article)));
    // A saved page is one article; a page saved from Factiva holds several, none a page.
    match format {
        Some(formats::Format::Html | formats::Format::Mhtml) => file_of(article) == article,
        Some(f) => formats::has_whole_pages(f),
        None => false,
    }
}

/// The whole text of the page an article was read from (`article` is its path in the
/// collection), for a saved HTML file; why not, for anything else.
pub fn whole_page_of(root: &Path, article: &str) -> Result<String, String> {
    if !has_whole_page(article) {
        return Err(
            "the whole page can be shown for a saved web page or a web archive's pages only".into(),
        );
    }
    let path = root.join(file_of(article));
    let bytes =
        fs::read(&path).map_err(|e| format!("cannot read the page: {e}: {}", path.display()))?;
    let part = article.split_once('#').map(|(_, part)| part);
    formats::whole_page(&path, bytes, part)
}

/// A file's bytes, read through a buffer each worker thread keeps (no size query per file).
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(256 * 1024));
    }
    let mut file = fs::File::open(path)?;
    BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        // Through `take`, so std does not ask the file's size and position first (two system
        // calls per file, a fifth of the load's time).
        (&mut file).take(u64::MAX).read_to_end(buf)?;
        let bytes = buf.to_vec();
        if buf.capacity() > 4 * 1024 * 1024 {
            // A huge file: give the memory back rather than keep it per thread.
            *buf = Vec::with_capacity(256 * 1024);
        }
        Ok(bytes)
    })
}

/// What a file or folder that changed on disk holds now: its articles and problems, or nothing
/// when it is gone. A folder is read whole.
pub fn reread(root: &Path, path: &Path) -> Vec<LoadEvent> {
    let Ok(meta) = fs::metadata(path) else {
        return Vec::new();
    };
    if meta.is_dir() {
        let mut files = Vec::new();
        let mut found = |f| files.push(f);
        let mut walk = Walk::new(root, false, &mut found);
        walk.folder(path);
        let problems = walk.problems;
        let mut out: Vec<LoadEvent> = problems.into_iter().map(LoadEvent::Problem).collect();
        for f in files {
            out.extend(read_file(root, &f, LoadOptions::default()));
        }
        out
    } else {
        read_file(root, path, LoadOptions::default())
    }
}

/// The file part of an article's identity: `rows.csv` for `rows.csv#12`, `crawl.warc` for
/// `crawl.warc#https://example.org/a#top` (a page's URL may hold a `#` of its own; the first
/// is the file's).
pub fn file_of(path: &str) -> &str {
    path.split_once('#').map_or(path, |(file, _)| file)
}

/// An article made from text, as a collection would load it (for tests).
#[cfg(test)]
pub fn test_article(path: &str, text: &str) -> Article {
    let parsed = parse_article(text);
    Article {
        path: path.into(),
        text: ArticleText::new(text.to_string()),
        body_start: parsed.body_start,
        meta: parsed.meta,
        content_hash: content_hash(text.as_bytes()),
    }
}

/// Sorts `rows` (places in `articles`) by publication date, newest or oldest first, undated
/// articles last either way and the place among the articles (the order they were read in, path
/// order on opening) deciding ties. The keys are laid side by side first, so the sort compares
/// them in place instead of reaching into each article: a million rows sort about five times
/// faster.
pub fn sort_by_date(articles: &[Article], rows: &mut Vec<usize>, newest_first: bool) {
    *rows = date_keys(articles, rows, newest_first).0;
}

/// A row's publication date and place, as [`sort_by_date`] orders them.
pub type DateKey = (Option<Timestamp>, usize);

/// [`sort_by_date`]'s order between two rows' keys.
pub fn date_order(a: &DateKey, b: &DateKey, newest_first: bool) -> std::cmp::Ordering {
    if newest_first {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1))
    } else {
        (a.0.is_none(), a.0, a.1).cmp(&(b.0.is_none(), b.0, b.1))
    }
}

/// The places and publication dates of `rows`, side by side, in [`sort_by_date`]'s order.
pub fn date_keys(
    articles: &[Article],
    rows: &[usize],
    newest_first: bool,
) -> (Vec<usize>, Vec<Option<Timestamp>>) {
    let keys: Vec<DateKey> = rows
        .iter()
        .filter_map(|&i| Some((articles.get(i)?.meta.published, i)))
        .collect();
    let mut sorted = (Vec::new(), Vec::new());
    sort_date_keys(&keys, newest_first, &mut sorted.0, &mut sorted.1);
    sorted
}

/// Puts `keys` in [`date_order`], their places in `rows` and their dates in `dates`, side by
/// side (what either held is replaced). Many keys over a stretch of days not much longer than
/// their number are counted into their days first (a pass to count, a pass to place), then each
/// day's few keys sorted: a million rows in a fraction of the time a comparison sort takes.
pub fn sort_date_keys(
    keys: &[DateKey],
    newest_first: bool,
    rows: &mut Vec<usize>,
    dates: &mut Vec<Option<Timestamp>>,
) {
    rows.clear();
    dates.clear();
    let day = |k: &DateKey| k.0.map(|t| i64::from(t.date.num_days_from_ce()));
    let (first, last) = keys
        .iter()
        .filter_map(day)
        .fold((i64::MAX, i64::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let days = if first <= last {
        usize::try_from(last - first + 1).unwrap_or(usize::MAX)
    } else {
        0
    };
    if keys.len() < 1024 || days > keys.len().saturating_mul(4) {
        // Sorted by a number that orders as `date_order` does: comparing timestamps field by
        // field made sorting a million rows three times slower.
        let mut keyed: Vec<(u128, DateKey)> = keys
            .iter()
            .map(|&key| (order_number(key.0, newest_first), key))
            .collect();
        keyed.sort_unstable_by_key(|(number, (_, i))| (*number, *i));
        rows.extend(keyed.iter().map(|(_, (_, i))| *i));
        dates.extend(keyed.iter().map(|(_, (date, _))| *date));
        return;
    }
    // A day's place in the order; undated rows last, either way.
    let place = |k: &DateKey| match day(k) {
        Some(d) if newest_first => (last - d) as usize,
        Some(d) => (d - first) as usize,
        None => days,
    };
    let mut starts = vec![0usize; days + 2];
    for key in keys {
        starts[place(key) + 1] += 1;
    }
    for p in 1..starts.len() {
        starts[p] += starts[p - 1];
    }
    let mut next = starts.clone();
    rows.resize(keys.len(), 0);
    dates.resize(keys.len(), None);
    for key in keys {
        let p = place(key);
        rows[next[p]] = key.1;
        dates[next[p]] = key.0;
        next[p] += 1;
    }
    let mut same_day: Vec<DateKey> = Vec::new();
    for pair in starts.windows(2) {
        let span = pair[0]..pair[1];
        if span.len() < 2 {
            continue;
        }
        same_day.clear();
        same_day.extend(
            dates[span.clone()]
                .iter()
                .copied()
                .zip(rows[span.clone()].iter().copied()),
        );
        // The day aside, the order number is the time's and the offset's.
        same_day.sort_unstable_by(|a, b| {
            let (x, y) = (time_number(a.0), time_number(b.0));
            let by_time = if newest_first { y.cmp(&x) } else { x.cmp(&y) };
            by_time.then(a.1.cmp(&b.1))
        });
        for (at, &(date, row)) in span.zip(&same_day) {
            rows[at] = row;
            dates[at] = date;
        }
    }
}

/// The time and the offset of [`order_number`], oldest first: what orders a day's rows.
fn time_number(published: Option<Timestamp>) -> (u64, u64) {
    let Some(t) = published else {
        return (0, 0);
    };
    let time = t.time.map_or(0, |time| {
        1 + u64::from(time.num_seconds_from_midnight()) * 2_000_000_000
            + u64::from(time.nanosecond())
    });
    let offset = t
        .offset_secs
        .map_or(0, |o| 1 + (i64::from(o) + (1 << 32)) as u64);
    (time, offset)
}

/// A number for a publication time that orders as [`date_order`] does (the row aside): newest or
/// oldest first, no date last either way.
fn order_number(published: Option<Timestamp>, newest_first: bool) -> u128 {
    let Some(t) = published else {
        return u128::MAX;
    };
    // Date, then time (none before any), then offset (none before any), as `Timestamp` orders.
    let date = u128::from((i64::from(t.date.num_days_from_ce()) + (1 << 40)) as u64);
    let (time, offset) = time_number(published);
    let (time, offset) = (u128::from(time), u128::from(offset));
    // Offset: 34 bits; time: 48 (a leap second's nanoseconds included); date: 41.
    let number = (date << 82) | (time << 34) | offset;
    if newest_first {
        u128::MAX - 1 - number
    } else {
        number
    }
}

/// Settles numeric dates whose day and month could be either way (`03/04/2022`) by the order most
/// of the collection's unambiguous numeric dates use, and says so on each such article. Gives how
/// many dates it turned round.
pub fn settle_date_order(articles: &mut [Article]) -> usize {
    let mut orders = DateOrders::default();
    for a in articles.iter() {
        orders.count(a.meta.date_order);
    }
    orders.settle(articles)
}

/// How many of a collection's numeric dates were unambiguously day first or month first: what
/// [`settle_date_order`] counts, kept by a caller that does not hold every article at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateOrders {
    pub day_first: usize,
    pub month_first: usize,
}

impl DateOrders {
    pub fn count(&mut self, order: Option<DayMonthOrder>) {
        match order {
            Some(DayMonthOrder::DayFirst) => self.day_first += 1,
            Some(DayMonthOrder::MonthFirst) => self.month_first += 1,
            _ => {}
        }
    }

    /// Reads the ambiguous dates among `articles` as the majority does; gives how many dates it
    /// turned round (day and month swapped).
    pub fn settle(&self, articles: &mut [Article]) -> usize {
        let (day_first, month_first) = (self.day_first, self.month_first);
        let swap = month_first > day_first;
        let mut swapped = 0;
        for a in articles.iter_mut() {
            if a.meta.date_order != Some(DayMonthOrder::Ambiguous) {
                continue;
            }
            if swap
                && let Some(p) = &mut a.meta.published
                && let Some(d) =
                    chrono::NaiveDate::from_ymd_opt(p.date.year(), p.date.day(), p.date.month())
            {
                p.date = d;
                swapped += 1;
            }
            let (order, n) = if swap {
                ("month first", month_first)
            } else {
                ("day first", day_first)
            };
            a.meta.warnings.push(format!(
                "the date's day and month could be either way: read {order}, as in {n} of the collection's {} unambiguous numeric dates",
                day_first + month_first
            ));
            a.meta.date_order = Some(if swap {
                DayMonthOrder::MonthFirst
            } else {
                DayMonthOrder::DayFirst
            });
        }
        swapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_order_as_date_order_does() {
        use chrono::{NaiveDate, NaiveTime};
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        let time = |h, m, s, n| NaiveTime::from_hms_nano_opt(h, m, s, n).expect("a time");
        let at = |date, time, offset_secs| {
            Some(Timestamp {
                date,
                time,
                offset_secs,
            })
        };
        let published = [
            None,
            at(date(2022, 12, 7), None, None),
            at(date(2022, 12, 7), Some(time(0, 0, 0, 0)), None),
            at(date(2022, 12, 7), Some(time(0, 0, 0, 1)), None),
            at(
                date(2022, 12, 7),
                Some(time(23, 59, 59, 1_500_000_000)),
                None,
            ),
            at(date(2022, 12, 7), Some(time(9, 30, 0, 0)), Some(-18_000)),
            at(date(2022, 12, 7), Some(time(9, 30, 0, 0)), Some(0)),
            at(date(2022, 12, 7), Some(time(9, 30, 0, 0)), Some(14_400)),
            at(date(2022, 12, 7), None, Some(3_600)),
            at(date(2022, 12, 8), None, None),
            at(date(1, 1, 1), None, None),
            at(date(-40, 3, 15), Some(time(12, 0, 0, 0)), None),
            at(
                NaiveDate::MAX,
                Some(time(23, 59, 59, 999_999_999)),
                Some(86_399),
            ),
            at(NaiveDate::MIN, None, Some(-86_399)),
        ];
        for newest_first in [true, false] {
            for (i, &a) in published.iter().enumerate() {
                for (j, &b) in published.iter().enumerate() {
                    // Two rows each, so that ties fall to the row.
                    for (ra, rb) in [(i, j), (j, i), (5, 5)] {
                        let want = date_order(&(a, ra), &(b, rb), newest_first);
                        let got = (order_number(a, newest_first), ra)
                            .cmp(&(order_number(b, newest_first), rb));
                        assert_eq!(
                            got, want,
                            "{a:?} {ra} / {b:?} {rb}, newest first {newest_first}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn date_keys_sort_as_date_order_does() {
        use chrono::{NaiveDate, NaiveTime};
        // A little generator, the same numbers every run.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut keys_over = |count: usize, days: u64| -> Vec<DateKey> {
            (0..count)
                .map(|_| {
                    let published = (next(10) > 0).then(|| {
                        let date = NaiveDate::from_ymd_opt(2000, 1, 1)
                            .and_then(|d| d.checked_add_days(chrono::Days::new(next(days))))
                            .unwrap_or(NaiveDate::MIN);
                        Timestamp {
                            date,
                            time: (next(3) > 0).then(|| {
                                let secs = u32::try_from(next(4)).unwrap_or(0) * 7_200;
                                NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)
                                    .unwrap_or(NaiveTime::MIN)
                            }),
                            offset_secs: (next(2) > 0)
                                .then(|| i32::try_from(next(5)).unwrap_or(0) * 3_600 - 7_200),
                        }
                    });
                    // Rows out of order, some twice.
                    (published, usize::try_from(next(count as u64)).unwrap_or(0))
                })
                .collect()
        };
        // (keys, stretch of days): by days counted, and by comparison where the stretch is
        // long for so few keys, or there are few.
        let cases = [
            (5_000, 30),
            (5_000, 3),
            (5_000, 1),
            (3_000, 100_000),
            (300, 20),
        ];
        for (count, days) in cases {
            let keys = keys_over(count, days);
            for newest_first in [true, false] {
                let mut want = keys.clone();
                want.sort_by(|a, b| date_order(a, b, newest_first));
                let mut got = (Vec::new(), Vec::new());
                sort_date_keys(&keys, newest_first, &mut got.0, &mut got.1);
                let got: Vec<DateKey> = got.1.into_iter().zip(got.0).collect();
                assert_eq!(
                    got, want,
                    "{count} keys over {days} days, newest first {newest_first}"
                );
            }
        }
        // What the lists held goes.
        let (mut rows, mut dates) = (vec![7], vec![None]);
        sort_date_keys(&[], true, &mut rows, &mut dates);
        assert!(rows.is_empty() && dates.is_empty());
        let undated: Vec<DateKey> = (0..2_000).rev().map(|i| (None, i)).collect();
        sort_date_keys(&undated, true, &mut rows, &mut dates);
        assert_eq!(rows, (0..2_000).collect::<Vec<_>>());
    }

    /// The articles' paths in the order a stream hands them on.
    fn streamed_paths(root: &Path) -> Result<Vec<String>, CollectionError> {
        let mut seen = Vec::new();
        stream(root, &AtomicBool::new(false), &mut |e| {
            if let LoadEvent::Article(a) = e {
                seen.push(a.path);
            }
        })?;
        Ok(seen)
    }

    #[test]
    fn a_stream_comes_in_path_order() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        fs::create_dir(dir.path().join("a"))?;
        // A folder sorts as if it ended in `/`: `a-b.txt` before `a/…`, `a.txt` after.
        let names = [
            "a.txt",
            "a/x.txt",
            "a-b.txt",
            "b.txt",
            "a/c/z.txt",
            "a/b.txt",
        ];
        fs::create_dir(dir.path().join("a/c"))?;
        for (i, name) in names.iter().enumerate() {
            fs::write(dir.path().join(name), format!("Body {i}.\n"))?;
        }
        for _ in 0..3 {
            let seen = streamed_paths(dir.path())?;
            let mut sorted = seen.clone();
            sorted.sort();
            assert_eq!(seen, sorted);
            assert_eq!(seen.len(), names.len());
        }
        Ok(())
    }

    #[test]
    fn a_large_folder_comes_in_path_order_too() -> Result<(), Box<dyn std::error::Error>> {
        // More names than are picked out first (`FIRST`), sharing long prefixes and not, with a
        // folder among them: still one order, every file once.
        let dir = tempfile::tempdir()?;
        fs::create_dir(dir.path().join("article-1"))?;
        fs::write(dir.path().join("article-1/inner.txt"), "Inner.\n")?;
        for i in 0..5000u32 {
            let name = match i % 3 {
                0 => format!("article-{}.txt", i * 7919 % 5000),
                1 => format!("{}.txt", i * 31 % 5000),
                _ => format!("b{i:05}.txt"),
            };
            fs::write(dir.path().join(name), "Body.\n")?;
        }
        let seen = streamed_paths(dir.path())?;
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(seen, sorted);
        assert_eq!(seen.len(), fs::read_dir(dir.path())?.count());
        // Read early (the window): the same files once each, in two runs in path order (the
        // first names as the folder gave them, then the rest).
        let options = LoadOptions {
            early: true,
            ..LoadOptions::default()
        };
        let mut early = Vec::new();
        stream_with(dir.path(), options, &AtomicBool::new(false), &mut |e| {
            if let LoadEvent::Article(a) = e {
                early.push(a.path);
            }
        })?;
        let descents = early.windows(2).filter(|w| w[0] > w[1]).count();
        assert!(descents <= 1, "{descents} places out of order");
        early.sort();
        assert_eq!(early, sorted);
        Ok(())
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
    fn the_file_of_an_identity() {
        let cases = [
            ("a.txt", "a.txt"),
            ("sub/rows.csv#12", "sub/rows.csv"),
            (
                "web/crawl.warc.gz#https://example.org/news/1",
                "web/crawl.warc.gz",
            ),
            ("crawl.warc#https://example.org/a?b=1#top", "crawl.warc"),
        ];
        for (identity, file) in cases {
            assert_eq!(file_of(identity), file, "{identity}");
        }
    }

    #[test]
    fn an_archive_too_large_is_refused_unread() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        // Sparse: no 5 GiB are written.
        fs::File::create(dir.path().join("crawl.warc.gz"))?.set_len(5 << 30)?;
        let c = load(dir.path())?;
        assert!(c.articles.is_empty());
        let problems: Vec<_> = c
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.reason.as_str()))
            .collect();
        assert_eq!(
            problems,
            [(
                "crawl.warc.gz",
                "too large to read: 5.0 GiB, and the most read is 4 GiB"
            )]
        );
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
