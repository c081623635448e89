//! The app's side of collections: opening one, taking in its articles as they are read, and
//! reading again what changes on disk.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::DatelineApp;
use crate::core::collection::{self, LoadEvent};
use crate::core::taxonomy::TypeIndex;
use crate::core::watch::{Starting, Watcher};
use crate::ui::commands::CollectionCommand;
use crate::ui::jobs::{Bulk, LoadJob, LoadMsg, LoadedAnnotations, Prepared, recovery_path};
use crate::ui::state::{AppState, LoadStatus, SaveStatus};

/// How long a frame spends taking in a loading collection's articles: most of a 60 Hz frame's
/// 16.7 ms, the rest left for drawing (under 2 ms), so a million articles listed from the cache
/// come in at the rate they are decoded instead of lagging seconds behind.
const LOAD_BUDGET_PER_FRAME: std::time::Duration = std::time::Duration::from_millis(12);
/// How many recent collections are remembered.
const RECENT_MAX: usize = 10;

/// Files and folders that changed on disk, read again on a worker thread.
pub(super) struct Refresh {
    /// Their paths relative to the collection.
    changed: Vec<String>,
    /// What they hold now (nothing for what was removed).
    events: Vec<LoadEvent>,
}

impl DatelineApp {
    /// Applies a command on the collection.
    pub(super) fn apply_collection(&mut self, command: CollectionCommand) {
        match command {
            CollectionCommand::OpenCollection(path) => self.open_collection(path),
            CollectionCommand::CancelLoad => {
                if let Some(job) = self.loader.take() {
                    job.cancel();
                    self.state.load = LoadStatus::Loaded {
                        secs: job.started.elapsed().as_secs_f32(),
                    };
                    self.state.message = Some(format!(
                        "Loading cancelled: {} articles read",
                        self.state.articles.len()
                    ));
                    self.state.articles_revision += 1;
                    self.select_first_article();
                }
            }
        }
    }

    pub(super) fn open_collection(&mut self, root: PathBuf) {
        self.flush_save();
        if let Some(job) = self.loader.take() {
            job.cancel();
        }
        let types = std::mem::take(&mut self.state.types);
        let month = self.state.month;
        self.state = AppState::new(types);
        self.appended = super::appended::Appended::new(self.state.articles_generation);
        self.state.month = month;
        self.state.root = Some(root.clone());
        self.state.load = LoadStatus::Loading {
            done: 0,
            total: None,
        };
        self.reader.clear_selection();
        self.editor = None;
        self.watcher = None;
        self.watcher_starting = None;
        self.refreshes.clear();
        self.search_job = None;
        self.search_candidates = None;
        self.texts = None;
        self.recycled_job = None;
        self.suggest_job = None;
        self.suggest_key = None;
        self.suggest_reports = None;
        self.suggest_articles = None;
        let filtered = self.state.suggestions.filtered;
        self.state.suggestions = crate::ui::state::SuggestionsState {
            filtered,
            ..Default::default()
        };
        self.aliases = crate::core::search::Aliases::builtin();
        self.aliases_blocked = None;
        self.aliases_editor = None;
        self.places_editor = None;
        self.loader = Some(LoadJob::start(root, self.data_dir.clone(), self.wake()));
    }

    pub(super) fn poll_loader(&mut self) {
        let Some(job) = &mut self.loader else { return };
        job.next_frame();
        let started = job.started;
        let root = job.root.clone();
        // Take what arrived for a few milliseconds of this frame; ask for the next frame at once
        // when more is waiting, so a big collection streams in as fast as it is read.
        let budget_start = Instant::now();
        let mut added = false;
        let mut handled = 0usize;
        // A chunk listed from the cache holds thousands of articles: the time is looked at after
        // each one.
        let mut heavy = false;
        loop {
            if (handled % 128 == 127 || heavy) && budget_start.elapsed() > LOAD_BUDGET_PER_FRAME {
                self.ctx.request_repaint();
                break;
            }
            let Some(msg) = self.loader.as_ref().and_then(LoadJob::try_recv) else {
                break;
            };
            handled += 1;
            match msg {
                LoadMsg::Event(LoadEvent::Found { total }) => {
                    // Room for every file's article at once: grown by doubling, the list would
                    // hold up to twice what it needs (tens of megabytes at a million).
                    let more = total.saturating_sub(self.state.articles.len());
                    self.state.articles.reserve_exact(more);
                    self.state.by_path.reserve(more);
                    self.appended.reserve(more);
                    let done = match self.state.load {
                        LoadStatus::Loading { done, .. } => done,
                        _ => 0,
                    };
                    self.state.load = LoadStatus::Loading {
                        done,
                        total: Some(total),
                    };
                    self.remember_recent(&root);
                }
                LoadMsg::Read(prepared) => {
                    self.add_prepared(*prepared);
                    self.bump_done();
                    added = true;
                }
                LoadMsg::Event(LoadEvent::Article(article)) => {
                    self.add_prepared(Prepared::of(*article));
                    self.bump_done();
                    added = true;
                }
                LoadMsg::Cached(articles) => {
                    heavy = true;
                    let n = articles.len();
                    self.state.cached += n;
                    self.state.articles.reserve(n);
                    for prepared in articles {
                        self.add_prepared(prepared);
                    }
                    if let Some(job) = &mut self.loader {
                        job.took(n);
                    }
                    added = true;
                }
                LoadMsg::Bulk(bulk) => {
                    heavy = true;
                    self.take_bulk(*bulk);
                    added = true;
                }
                LoadMsg::Checked(n) => {
                    if let LoadStatus::Loading { done, .. } = &mut self.state.load {
                        *done += n;
                    }
                }
                LoadMsg::Gone(paths) => {
                    let gone: std::collections::HashSet<String> = paths.into_iter().collect();
                    self.state.retain_articles(|a| !gone.contains(&a.path));
                    self.state.reindex();
                    self.state.selected_article = None;
                    added = true;
                }
                LoadMsg::Event(LoadEvent::Problem(p)) => {
                    self.state.problems.push(p);
                    self.bump_done();
                }
                LoadMsg::Annotations(loaded) => self.set_annotations(loaded),
                LoadMsg::Failed(e) => {
                    self.state.load = LoadStatus::Failed(e.clone());
                    self.state.last_error = Some(e);
                    self.loader = None;
                    self.state.root = None;
                    return;
                }
                LoadMsg::Finished => {
                    self.state.load = LoadStatus::Loaded {
                        secs: started.elapsed().as_secs_f32(),
                    };
                    self.state.problems.sort();
                    self.loader = None;
                    self.state.settle_date_order();
                    self.state.recount_if_rewritten();
                    self.state.articles_revision += 1;
                    self.state.recount_orphans();
                    self.select_first_article();
                    self.start_watching(&root);
                    return;
                }
            }
        }
        if added {
            self.state.articles_revision += 1;
        }
    }

    /// Starts watching the collection for changes, off the UI thread (at a million files that
    /// takes seconds); `poll_watcher` takes the watcher in once it watches.
    pub(super) fn start_watching(&mut self, root: &Path) {
        let ctx = self.ctx.clone();
        self.watcher = None;
        self.watcher_starting = Some(Watcher::start_in_background(root, move || {
            ctx.request_repaint()
        }));
    }

    /// Reads again what changed on disk, once it has settled, off the UI thread.
    pub(super) fn poll_watcher(&mut self) {
        if let Some(started) = self.watcher_starting.as_ref().and_then(Starting::poll) {
            self.watcher_starting = None;
            match started {
                Ok(w) => self.watcher = Some(w),
                Err(e) => {
                    self.state.message = Some(format!("Changes on disk will not be noticed: {e}"));
                }
            }
        }
        if let Some(watcher) = &mut self.watcher {
            let (paths, wait) = watcher.settled();
            if let Some(wait) = wait {
                self.ctx.request_repaint_after(wait);
            }
            if !paths.is_empty()
                && let Some(root) = self.state.root.clone()
            {
                let (tx, rx) = std::sync::mpsc::channel();
                let wake = self.wake();
                let spawned = crate::core::spawn_background("reread", move || {
                    let mut refresh = Refresh {
                        changed: Vec::new(),
                        events: Vec::new(),
                    };
                    for path in paths {
                        refresh.changed.push(collection::relative(&root, &path));
                        refresh.events.extend(collection::reread(&root, &path));
                    }
                    let _ = tx.send(refresh);
                    wake();
                });
                match spawned {
                    Ok(_) => self.refreshes.push(rx),
                    Err(e) => {
                        self.state.last_error = Some(format!("cannot read changed files: {e}"))
                    }
                }
            }
        }
        let mut done = Vec::new();
        self.refreshes.retain(|rx| match rx.try_recv() {
            Ok(refresh) => {
                done.push(refresh);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        for refresh in done {
            self.apply_refresh(refresh);
        }
    }

    pub(super) fn apply_refresh(&mut self, refresh: Refresh) {
        let Refresh { changed, events } = refresh;
        let selected = self.state.selected().map(|a| a.path.clone());
        let affected = |path: &str| {
            let file = collection::file_of(path);
            changed
                .iter()
                .any(|c| file == c || file.starts_with(&format!("{c}/")))
        };
        self.state.retain_articles(|a| !affected(&a.path));
        self.state.problems.retain(|p| !affected(&p.path));
        for event in events {
            match event {
                LoadEvent::Article(a) => self.state.articles.push(*a),
                LoadEvent::Problem(p) => self.state.problems.push(p),
                LoadEvent::Found { .. } => {}
            }
        }
        self.state.problems.sort();
        self.state.settle_date_order();
        self.state.reindex();
        self.state.rebuild_counts();
        self.state.articles_revision += 1;
        self.state.selected_article = selected.and_then(|p| self.state.by_path.get(&p).copied());
        self.state.refresh_mentions();
        self.state.recount_orphans();
        let n = changed.len();
        let mut message = if n == 1 {
            format!("{} changed on disk and was read again", changed[0])
        } else {
            format!("{n} files changed on disk and were read again")
        };
        if self.state.orphans > 0 {
            message.push_str(&format!(
                "; {} passages can no longer be found in their articles (kept, marked orphaned)",
                self.state.orphans
            ));
        }
        self.state.message = Some(message);
    }

    /// An article read (or listed from the cache), with its copies made on the loading thread:
    /// one the list already has (from the cache, since changed) is replaced where it is.
    fn add_prepared(&mut self, prepared: Prepared) {
        let Prepared { article, key, job } = prepared;
        let next = self.state.articles.len();
        // One look at the path index, to find the article or note it.
        match self.state.by_path.entry(key) {
            std::collections::hash_map::Entry::Occupied(known) if *known.get() < next => {
                let i = *known.get();
                self.state.replace_article(i, article);
                return;
            }
            std::collections::hash_map::Entry::Occupied(mut known) => {
                known.insert(next);
            }
            std::collections::hash_map::Entry::Vacant(place) => {
                place.insert(next);
            }
        }
        if let Some(d) = article.meta.published {
            self.state.published_counts.add(d.date);
        }
        let text = article.text.clone();
        self.state.articles.push(article);
        let (generation, count) = (self.state.articles_generation, self.state.articles.len());
        self.appended.note(generation, count, text, job);
    }

    /// Takes in what the cache listed beyond the articles sent ahead: in one step when those are
    /// all the window holds (the bulk holds them too, in the same places), else one by one.
    fn take_bulk(&mut self, bulk: Bulk) {
        let Bulk {
            ahead,
            more,
            articles,
            by_path,
            counts,
            texts,
            jobs,
            newest_first,
        } = bulk;
        self.state.cached += articles.len().saturating_sub(ahead);
        let generation = self.state.articles_generation;
        if self.state.articles.len() == ahead && self.appended.whole(generation, ahead) {
            self.state.articles = articles;
            self.state.by_path = by_path;
            self.state.published_counts = counts;
            self.appended.replace(generation, texts, jobs);
            let (rows, dates) = newest_first;
            self.articles
                .adopt_newest_first(generation, ahead, rows, dates);
        } else {
            for (article, job) in articles.into_iter().zip(jobs).skip(ahead) {
                let key = article.path.clone();
                self.add_prepared(Prepared { article, key, job });
            }
        }
        if let Some(job) = &mut self.loader {
            job.took(more);
        }
    }

    pub(super) fn bump_done(&mut self) {
        if let LoadStatus::Loading { done, .. } = &mut self.state.load {
            *done += 1;
        }
    }

    pub(super) fn set_annotations(&mut self, loaded: LoadedAnnotations) {
        let LoadedAnnotations {
            path,
            set,
            blocked,
            elsewhere,
            taxonomy,
        } = loaded;
        match taxonomy {
            Some(Ok(t)) => {
                self.state.types = TypeIndex::new(&t);
                self.taxonomy = t;
            }
            Some(Err(e)) => {
                self.state.last_error = Some(format!("{e}; the preset event types are used"));
            }
            None => {}
        }
        if let Some(note) = &elsewhere {
            self.state.message = Some(note.clone());
        }
        self.state.annotations_elsewhere = elsewhere;
        self.state.disk_base = set.clone();
        self.state.annotations = set;
        self.state.annotations_revision += 1;
        self.state.saved_revision = self.state.annotations_revision;
        self.state.history.clear();
        self.state.save = SaveStatus::Clean;
        if let Some(reason) = &blocked {
            let recovery = recovery_path(&path);
            self.state.last_error = Some(format!(
                "{reason}. It is left as it is; changes are saved to {} until it is fixed.",
                recovery.display()
            ));
        }
        self.state.annotations_blocked = blocked;
        self.state.annotations_path = Some(path);
        self.state.rebuild_event_marks();
        self.state.recount_orphans();
        self.load_aliases();
        self.load_dismissed();
    }

    pub(super) fn select_first_article(&mut self) {
        if self.state.selected_article.is_some() {
            return;
        }
        let query = crate::ui::articles_panel::ListQuery {
            filter: &self.articles.filter,
            sort: self.articles.sort,
            day: self.state.selected_day,
            range: None,
        };
        if let Some(first) = crate::ui::articles_panel::first_row(&self.state.articles, &query) {
            self.select_article(first);
        }
    }

    pub(super) fn remember_recent(&mut self, root: &Path) {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        self.recent.retain(|p| p != &root);
        self.recent.insert(0, root);
        self.recent.truncate(RECENT_MAX);
    }
}
