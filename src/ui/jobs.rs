//! Work off the UI thread: loading a collection, with its annotations (saving them is `saver`).
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
use crate::core::store;
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
    /// Every article the cache listed, made ready for the window in one piece.
    Bulk(Box<Bulk>),
    Finished,
}

/// How many articles listed from the cache are sent ahead (as [`LoadMsg::Cached`]), for the list
/// to show at once; the rest come in one [`Bulk`].
const AHEAD: usize = 4096;

/// Everything the cache listed, made ready for the window on the loading thread: the article
/// list, its index by path, the counts by day and what the background jobs take of each article.
/// The window takes it in one step, where taking a million articles one by one kept its thread
/// busy for seconds (with the copies it needed and the fresh memory they took).
#[derive(Debug)]
pub struct Bulk {
    /// How many of `articles` went ahead: they are the same articles, in the same places.
    pub ahead: usize,
    /// How many entries of the cache this adds to those sent ahead (see [`LoadJob::took`]).
    pub more: usize,
    pub articles: Vec<collection::Article>,
    pub by_path: FxHashMap<String, usize>,
    pub counts: crate::core::calendar::DayCounts,
    pub texts: Vec<ArticleText>,
    pub jobs: Vec<JobArticle>,
    /// The places of `articles` newest first, with their publication dates side by side: the
    /// list's first order, sorted here instead of in the window's frame.
    pub newest_first: (Vec<usize>, Vec<Option<crate::core::timestamp::Timestamp>>),
}

impl Bulk {
    fn with_room(n: usize) -> Self {
        let mut by_path = FxHashMap::default();
        by_path.reserve(n);
        Self {
            ahead: 0,
            more: 0,
            articles: Vec::with_capacity(n),
            by_path,
            counts: Default::default(),
            texts: Vec::with_capacity(n),
            jobs: Vec::with_capacity(n),
            newest_first: (Vec::with_capacity(n), Vec::with_capacity(n)),
        }
    }

    /// Where its lists' room lies, to be mapped in ahead of the writes (`core::prefault`).
    fn rooms(&mut self) -> Vec<(usize, usize)> {
        use crate::core::spare_room;
        vec![
            spare_room(&mut self.articles),
            spare_room(&mut self.jobs),
            spare_room(&mut self.texts),
            spare_room(&mut self.newest_first.0),
            spare_room(&mut self.newest_first.1),
        ]
    }

    /// Adds an article, or puts it in the place of the one with its path (as the window would).
    fn add(&mut self, prepared: Prepared) {
        let Prepared { article, key, job } = prepared;
        let text = article.text.clone();
        match self.by_path.entry(key) {
            std::collections::hash_map::Entry::Occupied(known) => {
                let i = *known.get();
                self.articles[i] = article;
                self.texts[i] = text;
                self.jobs[i] = job;
            }
            std::collections::hash_map::Entry::Vacant(place) => {
                place.insert(self.articles.len());
                self.articles.push(article);
                self.texts.push(text);
                self.jobs.push(job);
            }
        }
    }
}

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
    /// Taken in this frame, told on the next: the frame that takes in a million articles has
    /// their rows to make too, best not while the files are checked on the other core.
    taken_now: usize,
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
                taken_now: 0,
                started: Instant::now(),
            };
        }
        Self {
            root,
            rx,
            cancel,
            taken,
            taken_now: 0,
            started: Instant::now(),
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The window took in this many more articles listed from the cache in this frame.
    pub fn took(&mut self, n: usize) {
        self.taken_now += n;
    }

    /// A new frame: what the last one took in is told to the loading thread.
    pub fn next_frame(&mut self) {
        if self.taken_now > 0 {
            self.taken.fetch_add(self.taken_now, Ordering::Relaxed);
            self.taken_now = 0;
        }
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

/// Lists every article the cache holds: the first [`AHEAD`] as soon as they are decoded, so they
/// show at once, then the whole list in one [`Bulk`]; `None` for an empty cache. A cache that does
/// not check out lists nothing; one whose entries stop decoding part way takes back what it
/// listed.
fn list_cached(root: &Path, tx: &Sender<LoadMsg>, wake: &Wake) -> Result<Option<Listed>, String> {
    let shared_root: Arc<Path> = Arc::from(root);
    let mut articles = Vec::new();
    let mut ahead = Vec::with_capacity(AHEAD);
    let mut bulk = Bulk::with_room(0);
    // Each article's publication date and place, to sort the list by (room reserved with the
    // rest, so that it is mapped in ahead too).
    let mut keys: Vec<collection::DateKey> = Vec::new();
    let said = std::cell::Cell::new(0);
    let mut count = |n: usize| {
        said.set(n);
        let _ = tx.send(LoadMsg::Event(LoadEvent::Found { total: n }));
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
            bulk = Bulk::with_room(said.get());
            keys.reserve_exact(said.get());
            if said.get() > AHEAD {
                let mut rooms = bulk.rooms();
                rooms.push(crate::core::spare_room(&mut articles));
                rooms.push(crate::core::spare_room(&mut keys));
                crate::core::prefault(rooms);
            }
        }
        articles.push(listed);
        if articles.len() <= AHEAD {
            let Prepared { article, key, job } = &prepared;
            ahead.push(Prepared {
                article: article.clone(),
                key: key.clone(),
                job: job.clone(),
            });
        }
        bulk.add(prepared);
        if articles.len() == AHEAD {
            bulk.ahead = bulk.articles.len();
            let _ = tx.send(LoadMsg::Cached(std::mem::take(&mut ahead)));
            wake();
        }
    });
    match read {
        Ok(bytes) => {
            if articles.len() < AHEAD {
                // Few enough to have gone ahead, all of them.
                let _ = tx.send(LoadMsg::Cached(ahead));
            } else {
                bulk.more = articles.len() - AHEAD;
                bulk.counts = crate::core::calendar::DayCounts::from_dates(
                    bulk.articles
                        .iter()
                        .filter_map(|a| a.meta.published.map(|p| p.date)),
                );
                let places = bulk.articles.iter().enumerate();
                keys.extend(places.map(|(i, a)| (a.meta.published, i)));
                let (rows, dates) = &mut bulk.newest_first;
                collection::sort_date_keys(&keys, true, rows, dates);
                let _ = tx.send(LoadMsg::Bulk(Box::new(bulk)));
            }
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
