//! Work off the UI thread: loading a collection (with its annotations) and saving annotations.
//! Each job reports through a channel and wakes the UI when there is something to show.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;

use crate::core::annotations::AnnotationSet;
use crate::core::article_text::ArticleText;
use crate::core::cache;
use crate::core::collection::{self, LoadEvent};
use crate::core::merge::Merged;
use crate::core::store::{self, SaveOutcome, StoreError};
use crate::core::text_store::TextStore;
use crate::ui::suggest_job::JobArticle;

pub use crate::core::Wake;

/// The annotations a collection opened with.
#[derive(Debug)]
pub struct LoadedAnnotations {
    pub path: PathBuf,
    pub set: AnnotationSet,
    /// Why `path` cannot be written (it did not parse); `set` then comes from the recovery file.
    pub blocked: Option<String>,
    /// Set when the annotations are kept outside the collection (it cannot be written).
    pub elsewhere: Option<String>,
    /// The collection's own event types (`taxonomy.ron` beside the annotations), if it has them.
    pub taxonomy:
        Option<Result<crate::core::taxonomy::Taxonomy, crate::core::taxonomy::TaxonomyError>>,
}

#[derive(Debug)]
pub enum LoadMsg {
    Event(LoadEvent),
    Annotations(LoadedAnnotations),
    Failed(String),
    /// An article read from its file, made ready on the reading thread.
    Read(Box<Prepared>),
    /// Articles listed from the cache (their texts are read behind them), made ready here.
    Cached(Vec<Prepared>),
    /// This many cached articles were found unchanged in their files.
    Checked(usize),
    /// Cached articles no file holds any more.
    Gone(Vec<String>),
    /// Room for the articles the cache lists, its memory touched already on another thread.
    Room(Vec<collection::Article>),
    Finished,
}

/// Collections the cache lists from this many articles up get their room made on another thread.
const ROOM_FROM: usize = 4096;

/// An article with what the window keeps of it besides, made on the loading thread: at a million
/// articles, the copies (and the fresh memory they take) cost the window's thread a second.
#[derive(Debug)]
pub struct Prepared {
    pub article: collection::Article,
    /// Its path, as the key of `AppState::by_path`.
    pub key: String,
    /// What the suggestion job takes of it.
    pub job: JobArticle,
}

impl Prepared {
    pub fn of(article: collection::Article) -> Self {
        Self {
            key: article.path.clone(),
            job: JobArticle::of(&article),
            article,
        }
    }
}

/// Where changes go while the annotations file cannot be written.
pub fn recovery_path(path: &Path) -> PathBuf {
    path.with_extension("recovered.ron")
}

/// Reads the annotations of a collection; a file that does not parse blocks saving to it, and
/// the recovery file (where such a session saved) is read instead.
pub fn load_annotations(path: &Path) -> LoadedAnnotations {
    match store::load(path) {
        Ok(set) => LoadedAnnotations {
            path: path.to_path_buf(),
            set: set.unwrap_or_default(),
            blocked: None,
            elsewhere: None,
            taxonomy: None,
        },
        Err(e) => {
            let recovered = store::load(&recovery_path(path)).ok().flatten();
            LoadedAnnotations {
                path: path.to_path_buf(),
                set: recovered.unwrap_or_default(),
                blocked: Some(e.to_string()),
                elsewhere: None,
                taxonomy: None,
            }
        }
    }
}

pub struct LoadJob {
    pub root: PathBuf,
    rx: Receiver<LoadMsg>,
    cancel: Arc<AtomicBool>,
    /// How many articles listed from the cache the window has taken in.
    taken: Arc<AtomicUsize>,
    pub started: Instant,
}

impl LoadJob {
    pub fn start(root: PathBuf, data_dir: Option<PathBuf>, wake: Wake) -> Self {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let taken = Arc::new(AtomicUsize::new(0));
        let job_cancel = Arc::clone(&cancel);
        let job_taken = Arc::clone(&taken);
        let job_root = root.clone();
        let spawned = crate::core::spawn_background("load-collection", move || {
            let flags = Flags {
                cancel: &job_cancel,
                taken: &job_taken,
            };
            run_load(&job_root, data_dir.as_deref(), flags, &tx, &wake)
        });
        if let Err(e) = spawned {
            let (tx, rx2) = mpsc::channel();
            let _ = tx.send(LoadMsg::Failed(format!("cannot start loading: {e}")));
            return Self {
                root,
                rx: rx2,
                cancel,
                taken,
                started: Instant::now(),
            };
        }
        Self {
            root,
            rx,
            cancel,
            taken,
            started: Instant::now(),
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The window took in this many more articles listed from the cache.
    pub fn took(&self, n: usize) {
        self.taken.fetch_add(n, Ordering::Relaxed);
    }

    /// The next message, if one has arrived.
    pub fn try_recv(&self) -> Option<LoadMsg> {
        self.rx.try_recv().ok()
    }
}

/// What the window tells a loading job while it runs.
#[derive(Clone, Copy)]
struct Flags<'a> {
    cancel: &'a AtomicBool,
    taken: &'a AtomicUsize,
}

impl Flags<'_> {
    /// Waits until the window has taken in `listed` articles from the cache (or the job is
    /// cancelled, or 30 s went by): the files are checked after, so that on two cores the reading
    /// threads do not take the time the window needs to list everything.
    fn wait_until_taken(&self, listed: usize) {
        let begun = Instant::now();
        while self.taken.load(Ordering::Relaxed) < listed
            && !self.cancel.load(Ordering::Relaxed)
            && begun.elapsed() < Duration::from_secs(30)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn run_load(root: &Path, data_dir: Option<&Path>, flags: Flags, tx: &Sender<LoadMsg>, wake: &Wake) {
    let cancel = flags.cancel;
    let (path, elsewhere) = store::annotations_location(root, data_dir);
    let mut annotations = load_annotations(&path);
    if elsewhere.is_some() && !path.exists() {
        // First time kept elsewhere: start from what the collection itself holds, if anything.
        let primary = load_annotations(&store::default_path(root));
        if primary.blocked.is_none() {
            annotations.set = primary.set;
        }
    }
    annotations.elsewhere = elsewhere;
    let taxonomy_path = path.with_file_name("taxonomy.ron");
    annotations.taxonomy = std::fs::read_to_string(&taxonomy_path)
        .ok()
        .map(|text| crate::core::taxonomy::Taxonomy::parse(&text, &taxonomy_path));
    let _ = tx.send(LoadMsg::Annotations(annotations));
    // The texts go to a file mapped into the window rather than into its memory.
    let store = TextStore::create(root);
    let store = store.as_deref();
    let result = match list_cached(root, tx, wake) {
        Ok(Some(listed)) => {
            flags.wait_until_taken(listed.articles.len());
            reopen(root, listed, store, cancel, tx, wake)
        }
        Ok(None) => first_open(root, store, cancel, tx, wake),
        Err(why) => {
            log::info!("{}: reading every file ({why})", root.display());
            first_open(root, store, cancel, tx, wake)
        }
    };
    let _ = tx.send(match result {
        Ok(()) => LoadMsg::Finished,
        Err(e) => LoadMsg::Failed(e.to_string()),
    });
    wake();
}

/// Wakes the UI for the first messages, then at most every 30 ms.
struct Waker<'a> {
    wake: &'a Wake,
    sent: usize,
    last: Instant,
}

impl<'a> Waker<'a> {
    fn new(wake: &'a Wake) -> Self {
        Self {
            wake,
            sent: 0,
            last: Instant::now(),
        }
    }

    fn sent(&mut self) {
        self.sent += 1;
        if self.sent < 64 || self.last.elapsed() > Duration::from_millis(30) {
            self.last = Instant::now();
            (self.wake)();
        }
    }
}

/// Reads every file, and writes the cache for the next opening.
fn first_open(
    root: &Path,
    store: Option<&TextStore>,
    cancel: &AtomicBool,
    tx: &Sender<LoadMsg>,
    wake: &Wake,
) -> Result<(), collection::CollectionError> {
    let mut waker = Waker::new(wake);
    let mut writer = cache::Writer::new(root);
    let mut stamped: Option<(String, (u64, u64))> = None;
    // The reading threads store the texts, side by side, and make each article ready for the
    // window.
    let ready = |event| Some(message(stored(store, event)));
    // The first articles of a large folder show before all its names are read.
    let options = collection::LoadOptions {
        early: true,
        ..Default::default()
    };
    collection::stream_mapped(root, options, cancel, &ready, &mut |msg| {
        if let LoadMsg::Read(p) = &msg
            && let Some(entry) = entry_of(root, &p.article, &mut stamped)
        {
            writer.push(&entry);
        }
        let _ = tx.send(msg);
        waker.sent();
    })?;
    if !cancel.load(Ordering::Relaxed)
        && let Err(e) = writer.finish(root)
    {
        log::warn!("{}: the cache could not be written: {e}", root.display());
    }
    Ok(())
}

/// What the window is sent of `event`: an article made ready for it, anything else as it is.
fn message(event: LoadEvent) -> LoadMsg {
    match event {
        LoadEvent::Article(a) => LoadMsg::Read(Box::new(Prepared::of(*a))),
        other => LoadMsg::Event(other),
    }
}

/// `event`, an article's text moved into `store` (where there is one).
fn stored(store: Option<&TextStore>, mut event: LoadEvent) -> LoadEvent {
    if let (Some(store), LoadEvent::Article(a)) = (store, &mut event) {
        a.text = a.text.stored_in(store);
    }
    event
}

/// The cache entry of an article, its file stamped once for all its articles.
fn entry_of(
    root: &Path,
    article: &collection::Article,
    stamped: &mut Option<(String, (u64, u64))>,
) -> Option<cache::Entry> {
    let file = collection::file_of(&article.path);
    let (size, modified) = match stamped {
        Some((f, stamp)) if f == file => *stamp,
        _ => {
            let stamp = cache::stamp(&root.join(file))?;
            *stamped = Some((file.to_string(), stamp));
            stamp
        }
    };
    Some(cache::Entry {
        size,
        modified,
        article: cache::CachedArticle::of(article),
    })
}

/// What the cache listed: its bytes, and each article's path, content hash, text (read when
/// wanted) and where its entry lies in those bytes.
struct Listed {
    bytes: cache::Bytes,
    /// Each article's text, which knows its path and hash, and where its entry lies in `bytes`.
    articles: Vec<(ArticleText, std::ops::Range<usize>)>,
}

/// Lists every article the cache holds, in chunks as the entries are decoded, so the first ones
/// show at once; `None` for an empty cache. A cache that does not check out lists nothing; one
/// whose entries stop decoding part way takes back what it listed.
fn list_cached(root: &Path, tx: &Sender<LoadMsg>, wake: &Wake) -> Result<Option<Listed>, String> {
    const CHUNK: usize = 4096;
    let shared_root: Arc<Path> = Arc::from(root);
    let mut articles = Vec::new();
    let mut chunk = Vec::with_capacity(CHUNK);
    let said = std::cell::Cell::new(0);
    let mut count = |n: usize| {
        said.set(n);
        // The list makes room for every article at once, as for a first opening's count.
        let _ = tx.send(LoadMsg::Event(LoadEvent::Found { total: n }));
        if n >= ROOM_FROM {
            let (tx, wake) = (tx.clone(), Arc::clone(wake));
            let _ = crate::core::spawn_background("room", move || {
                let _ = tx.send(LoadMsg::Room(crate::core::touched_room(n)));
                wake();
            });
        }
    };
    // Made on whichever thread decodes the entry; handed out in the cache's order.
    let make = |entry: cache::Entry, range: std::ops::Range<usize>| {
        let article = entry.article.into_article(&shared_root);
        let listed = (article.text.clone(), range);
        (listed, Prepared::of(article))
    };
    let read = cache::read_each(root, &mut count, &make, &mut |(listed, prepared)| {
        if articles.is_empty() {
            articles.reserve_exact(said.get());
        }
        articles.push(listed);
        chunk.push(prepared);
        if chunk.len() == CHUNK {
            let _ = tx.send(LoadMsg::Cached(std::mem::replace(
                &mut chunk,
                Vec::with_capacity(CHUNK),
            )));
            wake();
        }
    });
    match read {
        Ok(bytes) => {
            let _ = tx.send(LoadMsg::Cached(chunk));
            wake();
            Ok((!articles.is_empty()).then_some(Listed { bytes, articles }))
        }
        Err(why) => {
            if !articles.is_empty() {
                let paths = articles
                    .iter()
                    .filter_map(|(text, _)| Some(text.origin()?.0.to_string()))
                    .collect();
                let _ = tx.send(LoadMsg::Gone(paths));
            }
            Err(why)
        }
    }
}

/// Reads the files behind what the cache listed, without their headers: an article whose text
/// hashes as cached only gets its text back; a file with any other article is read whole and
/// its articles replace the cached ones; cached articles no file holds any more are dropped.
/// The cache is written again when anything changed.
fn reopen(
    root: &Path,
    listed: Listed,
    store: Option<&TextStore>,
    cancel: &AtomicBool,
    tx: &Sender<LoadMsg>,
    wake: &Wake,
) -> Result<(), collection::CollectionError> {
    let Listed { bytes, articles } = listed;
    // Each listed article by its path, which its text holds (with the hash the cache said).
    let mut known: FxHashMap<&str, &ArticleText> =
        FxHashMap::with_capacity_and_hasher(articles.len(), Default::default());
    for (text, _) in &articles {
        if let Some((path, _)) = text.origin() {
            known.insert(path, text);
        }
    }

    let mut waker = Waker::new(wake);
    let mut fresh: HashMap<String, cache::Entry> = HashMap::new();
    // Paths in the order they came, for those the cache did not hold.
    let mut added: Vec<String> = Vec::new();
    let mut read_whole: HashSet<String> = HashSet::new();
    let mut checked = 0usize;
    let options = collection::LoadOptions {
        keep_text: true,
        headers: false,
        ..Default::default()
    };
    // The texts are stored by the reading threads, side by side.
    let store_text = |event| Some(stored(store, event));
    collection::stream_mapped(
        root,
        options,
        cancel,
        &store_text,
        &mut |event| match event {
            LoadEvent::Article(a) => {
                let file = collection::file_of(&a.path);
                if read_whole.contains(file) {
                    return;
                }
                if let Some(text) = known.get(a.path.as_str())
                    && text
                        .origin()
                        .is_some_and(|(_, hash)| hash == a.content_hash)
                {
                    // (Already there when the reader wanted it first.)
                    text.fill(&a.text, &a.content_hash);
                    known.remove(a.path.as_str());
                    checked += 1;
                    if checked.is_multiple_of(256) {
                        let _ = tx.send(LoadMsg::Checked(256));
                        waker.sent();
                    }
                    return;
                }
                let file = file.to_string();
                let mut stamped = None;
                for event in collection::read_file(root, &root.join(&file), Default::default()) {
                    let event = stored(store, event);
                    match &event {
                        LoadEvent::Article(b) => {
                            known.remove(b.path.as_str());
                            added.push(b.path.clone());
                            if let Some(entry) = entry_of(root, b, &mut stamped) {
                                fresh.insert(b.path.clone(), entry);
                            }
                        }
                        LoadEvent::Problem(p) => {
                            known.remove(p.path.as_str());
                        }
                        LoadEvent::Found { .. } => {}
                    }
                    let _ = tx.send(message(event));
                    waker.sent();
                }
                read_whole.insert(file);
            }
            LoadEvent::Problem(p) => {
                let _ = tx.send(LoadMsg::Event(LoadEvent::Problem(p)));
                waker.sent();
            }
            found @ LoadEvent::Found { .. } => {
                let _ = tx.send(LoadMsg::Event(found));
                waker.sent();
            }
        },
    )?;
    let _ = tx.send(LoadMsg::Checked(checked % 256));
    if cancel.load(Ordering::Relaxed) {
        return Ok(());
    }
    // What no file holds any more (or a file now fails to read).
    let gone: HashSet<String> = known.into_keys().map(str::to_string).collect();
    if !gone.is_empty() {
        let _ = tx.send(LoadMsg::Gone(gone.iter().cloned().collect()));
    }
    if gone.is_empty() && fresh.is_empty() {
        return Ok(());
    }
    let mut writer = cache::Writer::new(root);
    let listed = || {
        articles
            .iter()
            .filter_map(|(text, range)| Some((text.origin()?.0, range)))
    };
    for (path, range) in listed() {
        if gone.contains(path) {
            continue;
        }
        match fresh.get(path) {
            Some(entry) => writer.push(entry),
            None => writer.push_raw(bytes.get(range.clone()).unwrap_or_default()),
        }
    }
    let cached: HashSet<&str> = listed().map(|(path, _)| path).collect();
    for path in added.iter().filter(|p| !cached.contains(p.as_str())) {
        if let Some(entry) = fresh.get(path) {
            writer.push(entry);
        }
    }
    if let Err(e) = writer.finish(root) {
        log::warn!("{}: the cache could not be written: {e}", root.display());
    }
    Ok(())
}

/// A request to write `set` to `path`; `revision` says which state it is, `base` is what the
/// file held when this window last read or wrote it.
struct SaveRequest {
    path: PathBuf,
    set: AnnotationSet,
    base: AnnotationSet,
    revision: u64,
}

#[derive(Debug)]
pub struct SaveReply {
    pub path: PathBuf,
    pub revision: u64,
    /// What was written: the request's set, or its merge with what another window or person had
    /// saved in the meantime.
    pub written: AnnotationSet,
    /// Set when the file had changed on disk and the two were merged.
    pub merged: Option<Merged>,
    pub result: Result<SaveOutcome, StoreError>,
}

/// Saves `req`, first merging in whatever another window saved since `req.base` was read, so
/// two windows on one collection never overwrite each other's changes.
fn save_merging(req: SaveRequest) -> SaveReply {
    let SaveRequest {
        path,
        set,
        base,
        revision,
    } = req;
    let on_disk = match store::load(&path) {
        Ok(d) => d,
        Err(e) => {
            // Unparsable or unreadable: store::save refuses to write over it and says why.
            let result = store::save(&path, &set).and(Err(e));
            return SaveReply {
                path,
                revision,
                written: set,
                merged: None,
                result,
            };
        }
    };
    let normalised = |s: &AnnotationSet| {
        let mut s = s.clone();
        s.normalise();
        s
    };
    match on_disk {
        Some(disk) if normalised(&disk) != normalised(&base) => {
            let merged = crate::core::merge::three_way(&base, &set, &disk);
            let result = store::save(&path, &merged.set);
            SaveReply {
                path,
                revision,
                written: merged.set.clone(),
                merged: Some(merged),
                result,
            }
        }
        _ => {
            let result = store::save(&path, &set);
            SaveReply {
                path,
                revision,
                written: set,
                merged: None,
                result,
            }
        }
    }
}

/// A thread that writes annotation files, one request after another.
pub struct Saver {
    tx: Option<Sender<SaveRequest>>,
    rx: Receiver<SaveReply>,
    in_flight: usize,
}

impl Saver {
    pub fn start(wake: Wake) -> Self {
        let (tx, requests) = mpsc::channel::<SaveRequest>();
        let (reply_tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("save-annotations".into())
            .spawn(move || {
                for req in requests {
                    let _ = reply_tx.send(save_merging(req));
                    wake();
                }
            });
        Self {
            tx: spawned.ok().map(|_| tx),
            rx,
            in_flight: 0,
        }
    }

    /// Queues a save; saves on this thread if the saving thread could not be started.
    pub fn request(
        &mut self,
        path: PathBuf,
        set: AnnotationSet,
        base: AnnotationSet,
        revision: u64,
    ) -> Option<SaveReply> {
        let req = SaveRequest {
            path,
            set,
            base,
            revision,
        };
        match &self.tx {
            Some(tx) => match tx.send(req) {
                Ok(()) => {
                    self.in_flight += 1;
                    None
                }
                Err(mpsc::SendError(req)) => Some(save_merging(req)),
            },
            None => Some(save_merging(req)),
        }
    }

    pub fn is_saving(&self) -> bool {
        self.in_flight > 0
    }

    pub fn poll(&mut self) -> Vec<SaveReply> {
        let replies: Vec<_> = self.rx.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(replies.len());
        replies
    }

    /// Waits for every queued save (at quit).
    pub fn finish(&mut self, timeout: Duration) -> Vec<SaveReply> {
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        while self.in_flight > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(reply) => {
                    self.in_flight -= 1;
                    out.push(reply);
                }
                Err(_) => break,
            }
        }
        out
    }
}
