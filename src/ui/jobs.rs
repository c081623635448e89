//! Work off the UI thread: loading a collection (with its annotations) and saving annotations.
//! Each job reports through a channel and wakes the UI when there is something to show.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::core::annotations::AnnotationSet;
use crate::core::collection::{self, LoadEvent};
use crate::core::merge::Merged;
use crate::core::store::{self, SaveOutcome, StoreError};

/// Wakes the UI thread (a repaint request); the core knows nothing of egui.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

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
    Finished,
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
    pub started: Instant,
}

impl LoadJob {
    pub fn start(root: PathBuf, data_dir: Option<PathBuf>, wake: Wake) -> Self {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let job_cancel = Arc::clone(&cancel);
        let job_root = root.clone();
        let spawned = std::thread::Builder::new()
            .name("load-collection".into())
            .spawn(move || run_load(&job_root, data_dir.as_deref(), &job_cancel, &tx, &wake));
        if let Err(e) = spawned {
            let (tx, rx2) = mpsc::channel();
            let _ = tx.send(LoadMsg::Failed(format!("cannot start loading: {e}")));
            return Self {
                root,
                rx: rx2,
                cancel,
                started: Instant::now(),
            };
        }
        Self {
            root,
            rx,
            cancel,
            started: Instant::now(),
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The next message, if one has arrived.
    pub fn try_recv(&self) -> Option<LoadMsg> {
        self.rx.try_recv().ok()
    }
}

fn run_load(
    root: &Path,
    data_dir: Option<&Path>,
    cancel: &AtomicBool,
    tx: &Sender<LoadMsg>,
    wake: &Wake,
) {
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
    let mut sent = 0usize;
    let mut last_wake = Instant::now();
    let result = collection::stream(root, cancel, &mut |event| {
        let _ = tx.send(LoadMsg::Event(event));
        sent += 1;
        if sent < 64 || last_wake.elapsed() > Duration::from_millis(30) {
            last_wake = Instant::now();
            wake();
        }
    });
    let _ = tx.send(match result {
        Ok(()) => LoadMsg::Finished,
        Err(e) => LoadMsg::Failed(e.to_string()),
    });
    wake();
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
