//! The thread that writes annotation files: one save after another, each merged with what the
//! file holds since this window last read or wrote it.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::core::Wake;
use crate::core::annotations::AnnotationSet;
use crate::core::merge::Merged;
use crate::core::store::{self, SaveOutcome, StoreError};

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
