//! Saving the annotations: on a worker thread, a moment after each change, at once on Ctrl+S, and
//! before the collection is closed; what another window saved meanwhile is merged in.

use std::path::PathBuf;
use std::time::Duration;

use super::DatelineApp;
use crate::core::store::{SaveOutcome, StoreError};
use crate::ui::jobs::recovery_path;
use crate::ui::saver::SaveReply;
use crate::ui::state::SaveStatus;

/// How long after the last change the annotations are saved by themselves.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);

impl DatelineApp {
    /// Where saves go: the annotations file, or its recovery file while it cannot be written.
    pub(super) fn save_target(&self) -> Option<PathBuf> {
        let path = self.state.annotations_path.as_ref()?;
        Some(if self.state.annotations_blocked.is_some() {
            recovery_path(path)
        } else {
            path.clone()
        })
    }

    pub(super) fn request_save(&mut self) {
        if !self.state.has_unsaved_changes() {
            return;
        }
        let Some(path) = self.save_target() else {
            return;
        };
        self.state.save = SaveStatus::Saving;
        let reply = self.saver.request(
            path,
            self.state.annotations.clone(),
            self.state.disk_base.clone(),
            self.state.annotations_revision,
        );
        if let Some(reply) = reply {
            self.handle_save_reply(reply);
        }
    }

    /// Saves what is unsaved now and waits for it (before opening another collection, at quit).
    pub(super) fn flush_save(&mut self) {
        self.request_save();
        for reply in self.saver.finish(Duration::from_secs(10)) {
            self.handle_save_reply(reply);
        }
    }

    pub(super) fn handle_save_reply(&mut self, reply: SaveReply) {
        if Some(&reply.path) != self.save_target().as_ref() {
            if let Err(e) = reply.result {
                self.state.last_error = Some(e.to_string());
            }
            return;
        }
        match reply.result {
            Ok(outcome) => {
                self.state.disk_base = reply.written.clone();
                if let Some(merged) = reply.merged {
                    // Another window or person saved meanwhile: take in their changes too.
                    let current = if reply.revision == self.state.annotations_revision {
                        merged.set.clone()
                    } else {
                        // Changed again here since the request: merge that on top.
                        crate::core::merge::three_way(
                            &reply.written,
                            &self.state.annotations,
                            &merged.set,
                        )
                        .set
                    };
                    self.state.annotations = current;
                    self.state.annotations_revision += 1;
                    self.state.rebuild_event_marks();
                    self.state.recount_orphans();
                    let n = merged.conflicts.len();
                    self.state.message = Some(format!(
                        "The annotations file had changed on disk: {} entries taken in{}",
                        merged.taken,
                        if n > 0 {
                            format!(", {n} changed on both sides (see Conflicts)")
                        } else {
                            String::new()
                        }
                    ));
                    if reply.revision + 1 == self.state.annotations_revision {
                        self.state.saved_revision = self.state.annotations_revision;
                    }
                }
                self.state.saved_revision = self.state.saved_revision.max(reply.revision);
                if !self.state.has_unsaved_changes() {
                    self.state.save = SaveStatus::Saved {
                        at: chrono::Local::now(),
                    };
                }
                if outcome == SaveOutcome::Written {
                    log::info!("saved annotations to {}", reply.path.display());
                }
            }
            Err(e) => {
                if let StoreError::WouldOverwriteUnparsable { .. } = &e
                    && self.state.annotations_blocked.is_none()
                {
                    self.state.annotations_blocked = Some(e.to_string());
                }
                self.state.save = SaveStatus::Failed(e.to_string());
                self.state.last_error = Some(e.to_string());
            }
        }
    }

    pub(super) fn autosave(&mut self) {
        for reply in self.saver.poll() {
            self.handle_save_reply(reply);
        }
        if !self.state.has_unsaved_changes() || self.saver.is_saving() {
            return;
        }
        if matches!(self.state.save, SaveStatus::Failed(_)) {
            return; // Retried on the next change or Ctrl+S, not every frame.
        }
        let since = self
            .state
            .last_change
            .map_or(AUTOSAVE_DELAY, |t| t.elapsed());
        if since >= AUTOSAVE_DELAY {
            self.request_save();
        } else {
            self.ctx.request_repaint_after(AUTOSAVE_DELAY - since);
        }
    }
}
