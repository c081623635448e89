//! Noticing files added, changed or removed in an open collection (the `notify` crate), and
//! reading them again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

use super::collection::DATELINE_DIR;

/// Watches a collection folder; changed paths are collected until they settle.
pub struct Watcher {
    root: PathBuf,
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<PathBuf>,
    pending: BTreeSet<PathBuf>,
    last_event: Option<Instant>,
}

/// How long the folder must be quiet before changes are read (editors write in several steps).
pub const SETTLE: Duration = Duration::from_millis(400);

impl Watcher {
    /// Starts watching `root` recursively; `wake` is called on every change.
    pub fn start(root: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, notify::Error> {
        let (tx, rx) = mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                if let Ok(event) = res {
                    if matches!(event.kind, notify::EventKind::Access(_)) {
                        return;
                    }
                    for path in event.paths {
                        let _ = tx.send(path);
                    }
                    wake();
                }
            })?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        Ok(Self {
            root: root.to_path_buf(),
            _watcher: watcher,
            rx,
            pending: BTreeSet::new(),
            last_event: None,
        })
    }

    /// Starts watching `root` on a thread of its own: adding the watches stats every file of the
    /// folder (`notify` walks it to find the subfolders), seconds at a million files, which the
    /// window must not wait for. [`Starting::poll`] hands the watcher over once it is ready.
    pub fn start_in_background(root: &Path, wake: impl Fn() + Send + Clone + 'static) -> Starting {
        let (tx, rx) = mpsc::channel();
        let root = root.to_path_buf();
        let done = wake.clone();
        let spawned = super::spawn_background("watch", move || {
            let started = Self::start(&root, wake).map_err(|e| e.to_string());
            // The window may have moved on to another collection: nobody to hand it to.
            if tx.send(started).is_ok() {
                done();
            }
        });
        if let Err(e) = spawned {
            let (tx, rx) = mpsc::channel();
            let _ = tx.send(Err(e.to_string()));
            return Starting(rx);
        }
        Starting(rx)
    }

    /// Paths that changed and have been quiet for [`SETTLE`]; hidden files and `.dateline/` are
    /// left out. Also tells how long to wait for the next check when some are still settling.
    pub fn settled(&mut self) -> (Vec<PathBuf>, Option<Duration>) {
        for path in self.rx.try_iter() {
            if is_collection_file(&self.root, &path) {
                self.pending.insert(path);
                self.last_event = Some(Instant::now());
            }
        }
        match self.last_event {
            Some(t) if !self.pending.is_empty() => {
                let quiet = t.elapsed();
                if quiet >= SETTLE {
                    self.last_event = None;
                    (
                        std::mem::take(&mut self.pending).into_iter().collect(),
                        None,
                    )
                } else {
                    (Vec::new(), Some(SETTLE - quiet))
                }
            }
            _ => (Vec::new(), None),
        }
    }
}

/// A watcher being started on its own thread ([`Watcher::start_in_background`]).
pub struct Starting(Receiver<Result<Watcher, String>>);

impl Starting {
    /// The watcher once it watches, or why it could not; `None` while it is still starting.
    pub fn poll(&self) -> Option<Result<Watcher, String>> {
        match self.0.try_recv() {
            Ok(started) => Some(started),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(Err("the thread starting the watch stopped".into()))
            }
        }
    }
}

/// A path inside the collection that is neither hidden nor in `.dateline/`.
pub fn is_collection_file(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    !rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || name == DATELINE_DIR
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_dateline_paths_are_not_watched() {
        let root = Path::new("/c");
        let cases = [
            ("/c/a.txt", true),
            ("/c/sub/b.md", true),
            ("/c/.dateline/annotations.ron", false),
            ("/c/.git/index", false),
            ("/c/sub/.a.txt.swp", false),
            ("/elsewhere/a.txt", false),
        ];
        for (path, want) in cases {
            assert_eq!(is_collection_file(root, Path::new(path)), want, "{path}");
        }
    }

    /// Waits for a watcher started in the background.
    fn started(root: &Path) -> Result<Watcher, String> {
        let starting = Watcher::start_in_background(root, || {});
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(started) = starting.poll() {
                return started;
            }
            assert!(Instant::now() < deadline, "the watch never started");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn a_folder_that_is_not_there_says_why_it_is_not_watched() {
        let dir = tempfile::tempdir().ok();
        let gone = dir
            .as_ref()
            .map(|d| d.path().join("gone"))
            .unwrap_or_default();
        let Err(why) = started(&gone) else {
            panic!("a missing folder was watched");
        };
        assert!(!why.is_empty());
    }

    #[test]
    fn a_new_file_is_noticed() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().canonicalize()?;
        let mut watcher = started(&root)?;
        std::fs::write(root.join("new.txt"), "2022-12-12\n\nNew.\n")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (paths, _) = watcher.settled();
            if paths.iter().any(|p| p.ends_with("new.txt")) {
                return Ok(());
            }
            assert!(Instant::now() < deadline, "no change noticed");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
