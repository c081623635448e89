//! The app: owns the shared state and the panels, draws them, and applies the commands they push
//! — in one place, where undo, the unsaved mark and error reporting live.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::articles_panel::ArticlesPanel;
use super::calendar_panel::CalendarPanel;
use super::commands::{Command, CommandId};
use super::editor::{EditorOutcome, EditorPanel};
use super::jobs::{LoadJob, LoadMsg, LoadedAnnotations, Saver, Wake, recovery_path};
use super::open_dialog::{OpenDialog, PathPurpose};
use super::reader_panel::ReaderPanel;
use super::state::{AppState, LoadStatus, SaveStatus};
use super::status_bar::StatusBar;
use crate::core::annotations::{Annotation, Event, EventTime, PartialDate, Passage, new_id};
use crate::core::calendar::YearMonth;
use crate::core::collection::{self, LoadEvent};
use crate::core::history::Change;
use crate::core::store::{SaveOutcome, StoreError};
use crate::core::taxonomy::{Taxonomy, TypeIndex};
use crate::core::watch::Watcher;
use std::sync::mpsc::Receiver;

mod finding;

/// How long after the last change the annotations are saved by themselves.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);
/// How long a frame spends taking in a loading collection's articles.
const LOAD_BUDGET_PER_FRAME: Duration = Duration::from_millis(8);
/// How many recent collections are remembered.
const RECENT_MAX: usize = 10;
const RECENT_KEY: &str = "dateline.recent";
const AUTHOR_KEY: &str = "dateline.author";
/// How long a screenshot run waits for the collection before giving up.
const SCREENSHOT_TIMEOUT: Duration = Duration::from_secs(60);

/// How the app starts.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// The collection to open at start.
    pub collection: Option<PathBuf>,
    /// Save a PNG of the window once the collection is loaded, then quit.
    pub screenshot: Option<PathBuf>,
    /// Use the system's folder dialog (off in tests).
    pub native_dialogs: bool,
    /// Where to keep annotations of collections that cannot be written.
    pub data_dir: Option<PathBuf>,
}

/// The outcome of a `--screenshot` run, for `main` to report.
pub type ScreenshotResult = Arc<Mutex<Option<Result<PathBuf, String>>>>;

struct ScreenshotJob {
    out: PathBuf,
    frames_after_load: u32,
    requested: bool,
    started: Instant,
    result: ScreenshotResult,
}

/// What the bottom panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BottomView {
    Month,
    Timeline,
    Year,
    Events,
}

pub struct DatelineApp {
    pub state: AppState,
    pub bottom: BottomView,
    pub timeline: super::timeline_panel::TimelinePanel,
    pub events: super::events_panel::EventsPanel,
    /// The "Add to event…" picker, with its filter text, while it is open.
    pub event_picker: Option<String>,
    pub articles: ArticlesPanel,
    pub reader: ReaderPanel,
    pub calendar: CalendarPanel,
    pub editor: Option<EditorPanel>,
    pub open_dialog: OpenDialog,
    status_bar: StatusBar,
    commands: Vec<Command>,
    loader: Option<LoadJob>,
    saver: Saver,
    pub recent: Vec<PathBuf>,
    /// Who is annotating, set once in the preferences and stored with each new entry.
    pub author: String,
    preferences_open: bool,
    pub taxonomy_editor: Option<super::taxonomy_editor::TaxonomyEditor>,
    /// The event types in use: the collection's `taxonomy.ron`, or the presets.
    pub taxonomy: Taxonomy,
    last_type: String,
    screenshot: Option<ScreenshotJob>,
    pub screenshot_result: ScreenshotResult,
    native_dialogs: bool,
    data_dir: Option<PathBuf>,
    watcher: Option<Watcher>,
    refreshes: Vec<Receiver<Refresh>>,
    tasks: Vec<Receiver<Command>>,
    search_job: Option<super::finder::SearchJob>,
    /// The articles the last search looked at, for the filters and revisions they were made for.
    #[allow(clippy::type_complexity)]
    search_candidates: Option<(
        (super::finder::SearchFilters, u64, u64),
        Arc<Vec<(usize, Arc<String>)>>,
    )>,
    recycled_job: Option<super::finder::RecycledJob>,
    /// Name variants for search: the collection's, or the presets.
    pub aliases: crate::core::search::Aliases,
    /// Why the collection's aliases file is not used (it did not parse): saving over it is off.
    aliases_blocked: Option<String>,
    aliases_editor: Option<super::aliases_editor::AliasesEditor>,
    ctx: egui::Context,
}

/// Files and folders that changed on disk, read again on a worker thread.
struct Refresh {
    /// Their paths relative to the collection.
    changed: Vec<String>,
    /// What they hold now (nothing for what was removed).
    events: Vec<LoadEvent>,
}

impl DatelineApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        super::theme::install_fonts(&cc.egui_ctx);
        let recent: Vec<PathBuf> = cc
            .storage
            .and_then(|s| eframe::get_value(s, RECENT_KEY))
            .unwrap_or_default();
        let mut app = Self::with_context(cc.egui_ctx.clone(), options, recent);
        app.author = cc
            .storage
            .and_then(|s| eframe::get_value(s, AUTHOR_KEY))
            .unwrap_or_default();
        app
    }

    /// The app on a bare egui context (tests and benchmarks).
    pub fn with_context(ctx: egui::Context, options: AppOptions, recent: Vec<PathBuf>) -> Self {
        super::theme::install_fonts(&ctx);
        let wake_ctx = ctx.clone();
        let wake: Wake = Arc::new(move || wake_ctx.request_repaint());
        let result: ScreenshotResult = Arc::new(Mutex::new(None));
        let mut app = Self {
            state: AppState::new(TypeIndex::new(&Taxonomy::builtin())),
            bottom: BottomView::Month,
            timeline: super::timeline_panel::TimelinePanel::default(),
            events: super::events_panel::EventsPanel::default(),
            event_picker: None,
            articles: ArticlesPanel::default(),
            reader: ReaderPanel::default(),
            calendar: CalendarPanel::default(),
            editor: None,
            open_dialog: OpenDialog::default(),
            status_bar: StatusBar,
            commands: Vec::new(),
            loader: None,
            saver: Saver::start(wake),
            recent,
            author: String::new(),
            preferences_open: false,
            taxonomy_editor: None,
            taxonomy: Taxonomy::builtin(),
            last_type: "diplomacy/meeting".into(),
            screenshot: options.screenshot.map(|out| ScreenshotJob {
                out,
                frames_after_load: 0,
                requested: false,
                started: Instant::now(),
                result: Arc::clone(&result),
            }),
            screenshot_result: result,
            native_dialogs: options.native_dialogs,
            data_dir: options.data_dir,
            watcher: None,
            refreshes: Vec::new(),
            tasks: Vec::new(),
            search_job: None,
            search_candidates: None,
            recycled_job: None,
            aliases: crate::core::search::Aliases::builtin(),
            aliases_blocked: None,
            aliases_editor: None,
            ctx,
        };
        if let Some(path) = options.collection {
            app.open_collection(path);
        }
        app
    }

    /// Queues a command, as a panel does.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Whether a load or a save is still running (tests wait on this).
    pub fn is_busy(&self) -> bool {
        self.loader.is_some()
            || self.saver.is_saving()
            || self.state.has_unsaved_changes()
            || !self.tasks.is_empty()
            || self.search_job.is_some()
            || self.recycled_job.is_some()
    }

    fn wake(&self) -> Wake {
        let ctx = self.ctx.clone();
        Arc::new(move || ctx.request_repaint())
    }

    // ----- loading -------------------------------------------------------------------------

    fn open_collection(&mut self, root: PathBuf) {
        self.flush_save();
        if let Some(job) = self.loader.take() {
            job.cancel();
        }
        let types = std::mem::take(&mut self.state.types);
        let month = self.state.month;
        self.state = AppState::new(types);
        self.state.month = month;
        self.state.root = Some(root.clone());
        self.state.load = LoadStatus::Loading {
            done: 0,
            total: None,
        };
        self.reader.clear_selection();
        self.editor = None;
        self.watcher = None;
        self.refreshes.clear();
        self.search_job = None;
        self.search_candidates = None;
        self.recycled_job = None;
        self.aliases = crate::core::search::Aliases::builtin();
        self.aliases_blocked = None;
        self.aliases_editor = None;
        self.loader = Some(LoadJob::start(root, self.data_dir.clone(), self.wake()));
    }

    fn poll_loader(&mut self) {
        let Some(job) = &self.loader else { return };
        let started = job.started;
        let root = job.root.clone();
        // Take what arrived for a few milliseconds of this frame; ask for the next frame at once
        // when more is waiting, so a big collection streams in as fast as it is read.
        let budget_start = Instant::now();
        let mut added = false;
        let mut handled = 0usize;
        loop {
            if handled % 128 == 127 && budget_start.elapsed() > LOAD_BUDGET_PER_FRAME {
                self.ctx.request_repaint();
                break;
            }
            let Some(msg) = self.loader.as_ref().and_then(LoadJob::try_recv) else {
                break;
            };
            handled += 1;
            match msg {
                LoadMsg::Event(LoadEvent::Found { total }) => {
                    self.state.load = LoadStatus::Loading {
                        done: 0,
                        total: Some(total),
                    };
                    self.remember_recent(&root);
                }
                LoadMsg::Event(LoadEvent::Article(article)) => {
                    if let Some(d) = article.meta.published {
                        self.state.published_counts.add(d.date);
                    }
                    self.state
                        .by_path
                        .insert(article.path.clone(), self.state.articles.len());
                    self.state.articles.push(*article);
                    self.bump_done();
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
                    collection::settle_date_order(&mut self.state.articles);
                    self.state.rebuild_counts();
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

    fn start_watching(&mut self, root: &Path) {
        let ctx = self.ctx.clone();
        match Watcher::start(root, move || ctx.request_repaint()) {
            Ok(w) => self.watcher = Some(w),
            Err(e) => {
                self.state.message = Some(format!("Changes on disk will not be noticed: {e}"));
            }
        }
    }

    /// Reads again what changed on disk, once it has settled, off the UI thread.
    fn poll_watcher(&mut self) {
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
                let spawned = std::thread::Builder::new()
                    .name("reread".into())
                    .spawn(move || {
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

    fn apply_refresh(&mut self, refresh: Refresh) {
        let Refresh { changed, events } = refresh;
        let selected = self.state.selected().map(|a| a.path.clone());
        let affected = |path: &str| {
            let file = collection::file_of(path);
            changed
                .iter()
                .any(|c| file == c || file.starts_with(&format!("{c}/")))
        };
        self.state.articles.retain(|a| !affected(&a.path));
        self.state.problems.retain(|p| !affected(&p.path));
        for event in events {
            match event {
                LoadEvent::Article(a) => self.state.articles.push(*a),
                LoadEvent::Problem(p) => self.state.problems.push(p),
                LoadEvent::Found { .. } => {}
            }
        }
        self.state.problems.sort();
        collection::settle_date_order(&mut self.state.articles);
        self.state.by_path = self
            .state
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.clone(), i))
            .collect();
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

    fn bump_done(&mut self) {
        if let LoadStatus::Loading { done, .. } = &mut self.state.load {
            *done += 1;
        }
    }

    fn set_annotations(&mut self, loaded: LoadedAnnotations) {
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
    }

    fn select_first_article(&mut self) {
        if self.state.selected_article.is_some() {
            return;
        }
        let rows = super::articles_panel::visible_rows(
            &self.state.articles,
            &self.articles.filter,
            self.articles.sort,
            self.state.selected_day,
        );
        if let Some(&first) = rows.first() {
            self.select_article(first);
        }
    }

    fn remember_recent(&mut self, root: &Path) {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        self.recent.retain(|p| p != &root);
        self.recent.insert(0, root);
        self.recent.truncate(RECENT_MAX);
    }

    // ----- saving --------------------------------------------------------------------------

    /// Where saves go: the annotations file, or its recovery file while it cannot be written.
    fn save_target(&self) -> Option<PathBuf> {
        let path = self.state.annotations_path.as_ref()?;
        Some(if self.state.annotations_blocked.is_some() {
            recovery_path(path)
        } else {
            path.clone()
        })
    }

    fn request_save(&mut self) {
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
    fn flush_save(&mut self) {
        self.request_save();
        for reply in self.saver.finish(Duration::from_secs(10)) {
            self.handle_save_reply(reply);
        }
    }

    fn handle_save_reply(&mut self, reply: super::jobs::SaveReply) {
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
                    self.state.conflicts.extend(merged.conflicts);
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

    fn autosave(&mut self) {
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

    // ----- commands ------------------------------------------------------------------------

    fn select_article(&mut self, index: usize) {
        if index >= self.state.articles.len() {
            return;
        }
        self.state.selected_article = Some(index);
        if let Some(p) = self.state.articles[index].meta.published {
            self.state.month = YearMonth::of(p.date);
        }
        self.state.focused_day = None;
        self.state.refresh_mentions();
        self.state.refresh_recycled();
        self.reader.clear_selection();
    }

    fn changed(&mut self) {
        self.state.annotations_revision += 1;
        self.state.last_change = Some(Instant::now());
        self.state.save = SaveStatus::Unsaved;
        self.state.rebuild_event_marks();
        self.state.recount_orphans();
    }

    /// The passage selected in the reader, in the selected article.
    fn selected_passage(&self) -> Option<Passage> {
        let article = self.state.selected()?;
        let sel = self.reader.selection()?;
        if sel.path != article.path {
            return None;
        }
        Passage::from_article(article, sel.range.start, sel.range.end)
    }

    fn begin_tag(&mut self, as_event: bool) {
        let Some(passage) = self.selected_passage() else {
            self.state.message = Some("Select a passage in the reader first.".into());
            return;
        };
        let published = self
            .state
            .selected()
            .and_then(|a| a.meta.published)
            .map(|t| t.date);
        if as_event {
            let start = published.map_or_else(
                || PartialDate::from_date(chrono::Local::now().date_naive()),
                PartialDate::from_date,
            );
            let proposal = self.proposed_time(&passage);
            let title = passage
                .exact
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let title: String = title.chars().take(90).collect();
            let event = Event {
                id: new_id("ev"),
                title,
                event_type: self.last_type.clone(),
                when: EventTime {
                    start,
                    end: None,
                    ongoing: false,
                    approximate: false,
                },
                actors: Vec::new(),
                places: Vec::new(),
                tags: Vec::new(),
                note: String::new(),
                evidence: vec![passage],
                created: String::new(),
                modified: String::new(),
                author: String::new(),
            };
            let mut event = event;
            event.author = self.author.clone();
            let mut editor = EditorPanel::for_event(event, true);
            self.offer_known_names(&mut editor);
            if let Some((when, note)) = proposal {
                editor.propose(&when, note);
            }
            self.editor = Some(editor);
        } else {
            let annotation = Annotation {
                id: new_id("an"),
                passage,
                tags: Vec::new(),
                note: String::new(),
                created: String::new(),
                modified: String::new(),
                author: String::new(),
            };
            let mut annotation = annotation;
            annotation.author = self.author.clone();
            self.editor = Some(EditorPanel::for_annotation(annotation, true));
        }
    }

    /// The date of the mention in, or else nearest to, `passage` (within a few lines), as an
    /// event time and a note on where it came from.
    fn proposed_time(&self, passage: &Passage) -> Option<(EventTime, String)> {
        use crate::core::mentions::{MentionKind, MentionPrecision};
        let article = self.state.selected()?;
        let (start, end) = (
            passage.start.checked_sub(article.body_start)?,
            passage.end - article.body_start,
        );
        let mentions = &self.state.selected_mentions;
        let distance = |m: &crate::core::mentions::DateMention| {
            if m.end > start && m.start < end {
                0
            } else if m.end <= start {
                start - m.end
            } else {
                m.start - end
            }
        };
        let (index, mention) = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.first_day.is_some() && distance(m) <= 400)
            .min_by_key(|(_, m)| distance(m))?;
        let day = mention.first_day?;
        let date = PartialDate::from_date(day);
        let (start_date, approximate) = match mention.precision {
            MentionPrecision::Time | MentionPrecision::Day => (date, false),
            MentionPrecision::Week => (date, true),
            MentionPrecision::Month => (
                date.with_precision(crate::core::annotations::Precision::Month),
                false,
            ),
            MentionPrecision::Quarter => (
                date.with_precision(crate::core::annotations::Precision::Month),
                true,
            ),
            MentionPrecision::Year => (
                date.with_precision(crate::core::annotations::Precision::Year),
                false,
            ),
            MentionPrecision::None => return None,
        };
        let mut when = EventTime {
            start: start_date,
            end: None,
            ongoing: false,
            approximate,
        };
        if mention.kind == MentionKind::RangeStart
            && let Some(next) = mentions.get(index + 1)
            && next.kind == MentionKind::RangeEnd
            && let Some(end_day) = next.first_day
        {
            let end = PartialDate::from_date(end_day);
            when.end = Some(if next.precision == MentionPrecision::Month {
                end.with_precision(crate::core::annotations::Precision::Month)
            } else {
                end
            });
        }
        if mention.kind == MentionKind::Ongoing {
            when.ongoing = true;
        }
        let note = format!(
            "Date proposed from “{}” ({}). Change it if it is not the event's date.",
            mention.text, mention.how
        );
        Some((when, note))
    }

    /// The change that swaps `old` (a passage of event or annotation `owner`) for `new`, or removes
    /// it: an annotation without its passage is deleted, an event keeps its other passages.
    fn replace_passage(&self, owner: &str, old: &Passage, new: Option<Passage>) -> Option<Change> {
        if let Some(e) = self.state.annotations.event(owner) {
            let mut after = e.clone();
            let i = after.evidence.iter().position(|p| p == old)?;
            match new {
                Some(p) => after.evidence[i] = p,
                None => {
                    after.evidence.remove(i);
                }
            }
            after.modified = crate::core::annotations::now_stamp();
            return Some(Change::Event {
                before: Some(e.clone()),
                after: Some(after),
            });
        }
        let a = self.state.annotations.annotation(owner)?;
        let after = new.map(|p| {
            let mut after = a.clone();
            after.passage = p;
            after.modified = crate::core::annotations::now_stamp();
            after
        });
        Some(Change::Annotation {
            before: Some(a.clone()),
            after,
        })
    }

    /// The "Add to event…" window: pick the event the selected passage also reports.
    fn event_picker_ui(&mut self, ctx: &egui::Context) {
        let Some(filter) = &mut self.event_picker else {
            return;
        };
        let mut open = true;
        let mut chosen = None;
        egui::Window::new("Add passage to event")
            .open(&mut open)
            .collapsible(false)
            .default_width(420.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0))
            .show(ctx, |ui| {
                let label = ui.label("Find").id;
                ui.add(egui::TextEdit::singleline(filter).hint_text("title, type, actor, place"))
                    .labelled_by(label)
                    .request_focus();
                let rows = super::events_panel::event_rows(&self.state, filter, None);
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for i in rows {
                            let e = &self.state.annotations.events[i];
                            let text = format!(
                                "{} · {} · {} passages",
                                e.when.start,
                                e.title,
                                e.evidence.len()
                            );
                            if ui.button(text).clicked() {
                                chosen = Some(e.id.clone());
                            }
                        }
                    });
            });
        if let Some(id) = chosen {
            self.commands.push(Command::AddPassageTo(id));
        } else if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.event_picker = None;
        }
    }

    /// Where the collection's event types are kept: beside its annotations.
    fn taxonomy_path(&self) -> Option<PathBuf> {
        self.state
            .annotations_path
            .as_ref()
            .map(|p| p.with_file_name("taxonomy.ron"))
    }

    /// Gives the editor the actors and places already used, to offer as the user types.
    fn offer_known_names(&self, editor: &mut EditorPanel) {
        let mut actors: Vec<String> = self
            .state
            .annotations
            .events
            .iter()
            .flat_map(|e| e.actors.iter().cloned())
            .collect();
        let mut places: Vec<String> = self
            .state
            .annotations
            .events
            .iter()
            .flat_map(|e| e.places.iter().cloned())
            .collect();
        for list in [&mut actors, &mut places] {
            list.sort_by_key(|s| s.to_lowercase());
            list.dedup();
        }
        editor.known_actors = actors;
        editor.known_places = places;
    }

    /// Edit › Preferences: the author name stored with new events and annotations.
    fn preferences_ui(&mut self, ctx: &egui::Context) {
        if !self.preferences_open {
            return;
        }
        let mut open = true;
        egui::Window::new("Preferences").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Your name").id;
                ui.add(egui::TextEdit::singleline(&mut self.author).hint_text("stored with each new event and annotation"))
                    .labelled_by(label);
            });
            ui.weak("Shown as the author in the annotations file and as the creator in JSON-LD exports.");
        });
        self.preferences_open = open;
    }

    /// Applies a change (undoable) without replacing the status message.
    fn apply_quietly(&mut self, change: Change) {
        self.state
            .history
            .apply(&mut self.state.annotations, change);
        self.changed();
    }

    /// Runs file work off the UI thread; what it returns is applied as a command.
    fn spawn_task(&mut self, task: impl FnOnce() -> Command + Send + 'static) {
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.wake();
        let spawned = std::thread::Builder::new()
            .name("task".into())
            .spawn(move || {
                let _ = tx.send(task());
                wake();
            });
        match spawned {
            Ok(_) => self.tasks.push(rx),
            Err(e) => self.state.last_error = Some(format!("cannot start a background task: {e}")),
        }
    }

    /// Commands background tasks finished with.
    fn poll_tasks(&mut self) {
        let mut done = Vec::new();
        self.tasks.retain(|rx| match rx.try_recv() {
            Ok(c) => {
                done.push(c);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        self.commands.extend(done);
    }

    /// Whether background file work (merge, import, export) is still running (tests wait on this).
    pub fn has_tasks(&self) -> bool {
        !self.tasks.is_empty()
    }

    /// Entries changed both here and in another window or file: keep ours or take theirs.
    fn conflicts_ui(&mut self, ctx: &egui::Context) {
        if self.state.conflicts.is_empty() {
            return;
        }
        use crate::core::merge::Entry;
        let describe = |e: &Option<Entry>| match e {
            Some(Entry::Event(e)) => format!(
                "event “{}” ({}, {} passages, {})",
                e.title,
                e.when.start,
                e.evidence.len(),
                e.modified
            ),
            Some(Entry::Annotation(a)) => format!(
                "annotation on “{}” ({})",
                a.passage.exact.chars().take(60).collect::<String>(),
                a.modified
            ),
            None => "deleted".to_string(),
        };
        let mut settle = None;
        egui::Window::new(format!("Conflicts ({})", self.state.conflicts.len()))
            .collapsible(true)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.label("These entries were changed both here and elsewhere. Ours is kept until you choose.");
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    for c in &self.state.conflicts {
                        ui.separator();
                        ui.label(format!("Ours: {}", describe(&c.ours)));
                        ui.label(format!("Theirs: {}", describe(&c.theirs)));
                        ui.horizontal(|ui| {
                            if ui.button("Keep ours").clicked() {
                                settle = Some((c.id.clone(), false));
                            }
                            if ui.button("Take theirs").clicked() {
                                settle = Some((c.id.clone(), true));
                            }
                        });
                    }
                });
            });
        if let Some((id, take_theirs)) = settle {
            self.commands
                .push(Command::SettleConflict { id, take_theirs });
        }
    }

    fn run_command(&mut self, command: Command) {
        match command {
            Command::ShowOpenDialog => {
                let start = self.state.root.clone();
                self.open_dialog.show_for(
                    PathPurpose::OpenCollection,
                    &self.ctx,
                    start,
                    self.native_dialogs,
                );
            }
            Command::AskPath(purpose) => {
                let start = self.state.root.clone();
                self.open_dialog
                    .show_for(purpose, &self.ctx, start, self.native_dialogs);
            }
            Command::MergeAnnotationsFrom(path) => {
                self.spawn_task(move || match crate::core::store::load(&path) {
                    Ok(Some(set)) => Command::MergeLoaded(Box::new(set), path),
                    Ok(None) => Command::ReportError(format!("no such file: {}", path.display())),
                    Err(e) => Command::ReportError(e.to_string()),
                })
            }
            Command::MergeLoaded(theirs, path) => {
                let merged = crate::core::merge::union(&self.state.annotations, &theirs);
                let changes =
                    crate::core::merge::changes_between(&self.state.annotations, &merged.set);
                let n = merged.conflicts.len();
                if !changes.is_empty() {
                    self.apply_quietly(Change::Batch(changes.clone()));
                }
                self.state.message = Some(format!(
                    "Merged {}: {} entries added{}",
                    path.display(),
                    changes.len(),
                    if n > 0 {
                        format!(", {n} differ from ours (see Conflicts)")
                    } else {
                        String::new()
                    }
                ));
                self.state.conflicts.extend(merged.conflicts);
            }
            Command::ImportJsonLd(path) => {
                self.spawn_task(move || match std::fs::read_to_string(&path) {
                    Ok(text) => Command::JsonLdLoaded(text, path),
                    Err(e) => Command::ReportError(format!("cannot read {}: {e}", path.display())),
                })
            }
            Command::JsonLdLoaded(text, path) => {
                let mut set = self.state.annotations.clone();
                match crate::core::interchange::import(&text, &self.state.articles, &mut set) {
                    Ok(report) => {
                        let changes =
                            crate::core::merge::changes_between(&self.state.annotations, &set);
                        if !changes.is_empty() {
                            self.apply_quietly(Change::Batch(changes));
                        }
                        self.state.message = Some(format!(
                            "Imported {}: {} added, {} already there, {} skipped{}",
                            path.display(),
                            report.added,
                            report.unchanged,
                            report.skipped.len(),
                            report
                                .skipped
                                .first()
                                .map(|s| format!(" ({s})"))
                                .unwrap_or_default()
                        ));
                    }
                    Err(e) => {
                        self.state.last_error =
                            Some(format!("cannot import {}: {e}", path.display()))
                    }
                }
            }
            Command::ExportJsonLd(path) => {
                let label = self
                    .state
                    .root
                    .as_ref()
                    .and_then(|r| r.file_name())
                    .map_or_else(
                        || "annotations".to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                let articles = &self.state.articles;
                let by_path = &self.state.by_path;
                let lookup = |p: &str| by_path.get(p).and_then(|&i| articles.get(i)).cloned();
                let doc =
                    crate::core::interchange::export(&self.state.annotations, &label, &lookup);
                let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
                let total = doc["total"].as_u64().unwrap_or(0);
                self.spawn_task(move || {
                    match crate::core::store::write_atomically(&path, text.as_bytes()) {
                        Ok(()) => Command::ReportMessage(format!(
                            "Exported {total} annotations to {}",
                            path.display()
                        )),
                        Err(e) => {
                            Command::ReportError(format!("cannot write {}: {e}", path.display()))
                        }
                    }
                });
            }
            Command::SaveTaxonomy(taxonomy) => {
                self.state.types = TypeIndex::new(&taxonomy);
                self.state.rebuild_event_marks();
                self.state.annotations_revision += 1; // colours in the reader
                self.state.saved_revision += 1;
                self.taxonomy = taxonomy.clone();
                self.taxonomy_editor = None;
                if let Some(path) = self.taxonomy_path() {
                    let text = crate::core::taxonomy::to_ron(&taxonomy);
                    self.spawn_task(move || {
                        match crate::core::store::write_atomically(&path, text.as_bytes()) {
                            Ok(()) => Command::ReportMessage(format!(
                                "Event types saved to {}",
                                path.display()
                            )),
                            Err(e) => Command::ReportError(format!(
                                "cannot save the event types: {e}: {}",
                                path.display()
                            )),
                        }
                    });
                }
            }
            Command::ReportError(e) => self.state.last_error = Some(e),
            Command::ReportMessage(m) => self.state.message = Some(m),
            Command::SettleConflict { id, take_theirs } => {
                let Some(pos) = self.state.conflicts.iter().position(|c| c.id == id) else {
                    return;
                };
                let conflict = self.state.conflicts.remove(pos);
                if take_theirs {
                    use crate::core::merge::Entry;
                    let change = match conflict.theirs {
                        Some(Entry::Event(e)) => Change::Event {
                            before: self.state.annotations.event(&id).cloned(),
                            after: Some(e),
                        },
                        Some(Entry::Annotation(a)) => Change::Annotation {
                            before: self.state.annotations.annotation(&id).cloned(),
                            after: Some(a),
                        },
                        None => match conflict.ours {
                            Some(Entry::Event(e)) => Change::Event {
                                before: Some(e),
                                after: None,
                            },
                            Some(Entry::Annotation(a)) => Change::Annotation {
                                before: Some(a),
                                after: None,
                            },
                            None => return,
                        },
                    };
                    self.commands.push(Command::Apply(Box::new(change)));
                }
            }
            Command::OpenCollection(path) => self.open_collection(path),
            Command::SelectArticle(i) => self.select_article(i),
            Command::SelectDay(day) => {
                self.state.selected_day = day;
                self.state.selected_range = None;
                if let Some(day) = day {
                    self.state.month = YearMonth::of(day);
                    let on_day = |i: usize| {
                        self.state.articles[i]
                            .meta
                            .published
                            .is_some_and(|p| p.date == day)
                    };
                    if !self.state.selected_article.is_some_and(on_day)
                        && let Some(first) = (0..self.state.articles.len()).find(|&i| on_day(i))
                    {
                        let rows = super::articles_panel::visible_rows(
                            &self.state.articles,
                            &self.articles.filter,
                            self.articles.sort,
                            Some(day),
                        );
                        self.select_article(rows.first().copied().unwrap_or(first));
                    }
                }
            }
            Command::ShowMonth(month) => self.state.month = month,
            Command::JumpToDate(day) => {
                self.state.month = YearMonth::of(day);
                self.state.focused_day = Some(day);
                self.timeline.centre_on(day);
            }
            Command::SelectRange(range) => {
                self.state.selected_range = range;
                self.state.selected_day = None;
                if let Some((from, to)) = range {
                    let inside = |i: usize| {
                        self.state.articles[i]
                            .meta
                            .published
                            .is_some_and(|p| from <= p.date && p.date <= to)
                    };
                    if !self.state.selected_article.is_some_and(inside) {
                        let rows = super::articles_panel::visible_rows_in(
                            &self.state.articles,
                            &self.articles.filter,
                            self.articles.sort,
                            None,
                            range,
                        );
                        if let Some(&first) = rows.first() {
                            self.select_article(first);
                        }
                    }
                }
            }
            Command::OpenEvent(id) => {
                let article = self
                    .state
                    .annotations
                    .event(&id)
                    .and_then(|e| e.evidence.first())
                    .and_then(|p| self.state.by_path.get(&p.path).copied());
                let start = self
                    .state
                    .annotations
                    .event(&id)
                    .and_then(|e| e.when.start.first_day());
                self.state.selected_event = Some(id.clone());
                if let Some(i) = article {
                    self.select_article(i);
                    // Show the passage itself, selected in the reader.
                    let passage = self
                        .state
                        .annotations
                        .event(&id)
                        .and_then(|e| e.evidence.first())
                        .cloned();
                    if let (Some(p), Some(a)) = (passage, self.state.articles.get(i))
                        && let Some(range) = crate::core::anchor::anchor(&p, &a.text).range()
                    {
                        let a = a.clone();
                        self.reader.select(&a, range);
                    }
                }
                if let Some(day) = start {
                    self.state.month = YearMonth::of(day);
                    self.timeline.centre_on(day);
                }
            }
            Command::MergeEvents(ids) => {
                let events: Vec<Event> = ids
                    .iter()
                    .filter_map(|id| self.state.annotations.event(id).cloned())
                    .collect();
                if let Some((first, rest)) = events.split_first()
                    && !rest.is_empty()
                {
                    let mut merged =
                        crate::core::history::merge_events(first, &rest.iter().collect::<Vec<_>>());
                    merged.modified = crate::core::annotations::now_stamp();
                    let mut changes = vec![Change::Event {
                        before: Some(first.clone()),
                        after: Some(merged),
                    }];
                    changes.extend(rest.iter().map(|e| Change::Event {
                        before: Some(e.clone()),
                        after: None,
                    }));
                    self.commands
                        .push(Command::Apply(Box::new(Change::Batch(changes))));
                }
            }
            Command::PickEventForPassage => {
                if self.selected_passage().is_some() {
                    self.event_picker = Some(String::new());
                } else {
                    self.state.message = Some("Select a passage in the reader first.".into());
                }
            }
            Command::AddPassageTo(id) => {
                self.event_picker = None;
                if let (Some(passage), Some(event)) = (
                    self.selected_passage(),
                    self.state.annotations.event(&id).cloned(),
                ) {
                    if event.evidence.contains(&passage) {
                        self.state.message =
                            Some("That passage is already evidence for the event.".into());
                    } else {
                        let mut after = event.clone();
                        after.evidence.push(passage);
                        after.modified = crate::core::annotations::now_stamp();
                        self.commands.push(Command::Apply(Box::new(Change::Event {
                            before: Some(event),
                            after: Some(after),
                        })));
                    }
                }
            }
            Command::ReattachPassage { owner, old } => {
                let Some(new) = self.selected_passage() else {
                    self.state.message = Some("Select the passage in the reader first.".into());
                    return;
                };
                if let Some(change) = self.replace_passage(&owner, &old, Some(new)) {
                    self.commands.push(Command::Apply(Box::new(change)));
                }
            }
            Command::DeletePassage { owner, old } => {
                if let Some(change) = self.replace_passage(&owner, &old, None) {
                    self.commands.push(Command::Apply(Box::new(change)));
                }
            }
            Command::TagEvent => self.begin_tag(true),
            Command::Annotate => self.begin_tag(false),
            Command::Edit(id) => {
                if let Some(e) = self.state.annotations.event(&id) {
                    let mut editor = EditorPanel::for_event(e.clone(), false);
                    self.offer_known_names(&mut editor);
                    self.editor = Some(editor);
                } else if let Some(a) = self.state.annotations.annotation(&id) {
                    self.editor = Some(EditorPanel::for_annotation(a.clone(), false));
                }
            }
            Command::Apply(change) => {
                if let crate::core::history::Change::Event { after: Some(e), .. } = change.as_ref()
                {
                    self.last_type = e.event_type.clone();
                }
                self.state.message = Some(capitalise(&change.describe()));
                self.state
                    .history
                    .apply(&mut self.state.annotations, *change);
                self.reader.clear_selection();
                self.changed();
            }
            Command::Undo => {
                let done = self
                    .state
                    .history
                    .undo(&mut self.state.annotations)
                    .map(|c| c.describe());
                self.state.message =
                    Some(done.map_or("Nothing to undo".into(), |d| format!("Undid: {d}")));
                self.changed();
            }
            Command::Redo => {
                let done = self
                    .state
                    .history
                    .redo(&mut self.state.annotations)
                    .map(|c| c.describe());
                self.state.message =
                    Some(done.map_or("Nothing to redo".into(), |d| format!("Redid: {d}")));
                self.changed();
            }
            Command::SaveNow => {
                if matches!(self.state.save, SaveStatus::Failed(_))
                    || !self.state.has_unsaved_changes()
                {
                    // A retry after a failure, or a save with no change: write anyway.
                    self.state.saved_revision = self.state.annotations_revision.wrapping_sub(1);
                }
                self.request_save();
            }
            Command::NextArticle | Command::PreviousArticle => {
                let rows = self.articles.rows();
                let pos = self
                    .state
                    .selected_article
                    .and_then(|s| rows.iter().position(|&r| r == s));
                let next = match (pos, command == Command::NextArticle) {
                    (None, _) => rows.first().copied(),
                    (Some(p), true) => rows.get(p + 1).copied(),
                    (Some(p), false) => p.checked_sub(1).and_then(|p| rows.get(p).copied()),
                };
                if let Some(i) = next {
                    self.select_article(i);
                }
            }
            Command::CancelLoad => {
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
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::DismissError => self.state.last_error = None,
            Command::Find => self.articles.show_search(),
            Command::Search(request) => self.run_search(request),
            Command::OpenHit(r, h) => self.open_hit(r, h),
            Command::StepHit(forward) => self.step_hit(forward),
            Command::OpenShared { article, hashes } => self.open_shared(article, &hashes),
            Command::EditAliases => self.edit_aliases(),
            Command::SaveAliases(aliases) => self.save_aliases(aliases),
            Command::AliasesLoaded(loaded) => self.aliases_loaded(loaded),
        }
    }

    fn apply_commands(&mut self) {
        while !self.commands.is_empty() {
            let commands = std::mem::take(&mut self.commands);
            for c in commands {
                self.run_command(c);
            }
        }
    }

    /// Turns shortcuts into commands; single keys and undo yield to a focused text field.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.editor.is_some() || self.open_dialog.is_open() {
            return;
        }
        let focused = ctx.memory(|m| m.focused());
        let typing = ctx.egui_wants_keyboard_input() && focused != Some(self.reader.body_id());
        let mut ids = CommandId::ALL.to_vec();
        // The most specific shortcut first: Ctrl+Shift+Z before Ctrl+Z.
        ids.sort_by_key(|id| {
            std::cmp::Reverse(id.shortcut().map_or(0, |s| {
                let m = s.modifiers;
                m.ctrl as u8 + m.shift as u8 + m.alt as u8 + m.command as u8 + m.mac_cmd as u8
            }))
        });
        for id in ids {
            let Some(shortcut) = id.shortcut() else {
                continue;
            };
            if typing && id.yields_to_text_fields() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(self.command_for(id));
            }
        }
    }

    fn command_for(&self, id: CommandId) -> Command {
        match id {
            CommandId::OpenCollection => Command::ShowOpenDialog,
            CommandId::SaveNow => Command::SaveNow,
            CommandId::Quit => Command::Quit,
            CommandId::Undo => Command::Undo,
            CommandId::Redo => Command::Redo,
            CommandId::TagEvent => Command::TagEvent,
            CommandId::Annotate => Command::Annotate,
            CommandId::NextArticle => Command::NextArticle,
            CommandId::PreviousArticle => Command::PreviousArticle,
            CommandId::NextMonth => Command::ShowMonth(self.state.month.add_months(1)),
            CommandId::PreviousMonth => Command::ShowMonth(self.state.month.add_months(-1)),
            CommandId::Find => Command::Find,
            CommandId::NextHit => Command::StepHit(true),
            CommandId::PreviousHit => Command::StepHit(false),
        }
    }

    // ----- drawing -------------------------------------------------------------------------

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, CommandId::OpenCollection, true);
                let recent = self.recent.clone();
                ui.add_enabled_ui(!recent.is_empty(), |ui| {
                    ui.menu_button("Open recent", |ui| {
                        for path in recent {
                            if ui.button(path.display().to_string()).clicked() {
                                self.commands.push(Command::OpenCollection(path));
                            }
                        }
                    });
                });
                ui.separator();
                let has_collection = self.state.root.is_some();
                for (label, tip, purpose) in [
                    ("Merge annotations from file…", "Add another annotations file's entries (a colleague's copy); differences become conflicts to settle", PathPurpose::MergeAnnotations),
                    ("Import Web Annotations (JSON-LD)…", "Import W3C Web Annotations, e.g. exported from Hypothesis", PathPurpose::ImportJsonLd),
                    ("Export Web Annotations (JSON-LD)…", "Write the annotations as a W3C Web Annotation collection", PathPurpose::ExportJsonLd),
                ] {
                    if ui.add_enabled(has_collection, egui::Button::new(label)).on_hover_text(tip).clicked() {
                        self.commands.push(Command::AskPath(purpose));
                        ui.close();
                    }
                }
                ui.separator();
                self.menu_item(
                    ui,
                    CommandId::SaveNow,
                    self.state.annotations_path.is_some(),
                );
                ui.separator();
                self.menu_item(ui, CommandId::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let can_undo = self.state.history.can_undo();
                let can_redo = self.state.history.can_redo();
                self.menu_item(ui, CommandId::Undo, can_undo);
                self.menu_item(ui, CommandId::Redo, can_redo);
                ui.separator();
                let has_selection = self.reader.selection().is_some();
                self.menu_item(ui, CommandId::TagEvent, has_selection);
                self.menu_item(ui, CommandId::Annotate, has_selection);
                ui.separator();
                self.menu_item(ui, CommandId::Find, true);
                let has_hits = !self.state.search.results.is_empty();
                self.menu_item(ui, CommandId::NextHit, has_hits);
                self.menu_item(ui, CommandId::PreviousHit, has_hits);
            });
            ui.menu_button("Settings", |ui| {
                if ui.button("Preferences…").on_hover_text("Your name, stored with what you annotate").clicked() {
                    self.preferences_open = true;
                    ui.close();
                }
                if ui.button("Event types…").on_hover_text("Add, rename, recolour and nest event types").clicked() {
                    self.taxonomy_editor = Some(super::taxonomy_editor::TaxonomyEditor::new(self.taxonomy.clone()));
                    ui.close();
                }
                if ui.button("Name variants…").on_hover_text("Spellings of a name that search treats as one").clicked() {
                    self.commands.push(Command::EditAliases);
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                self.menu_item(ui, CommandId::PreviousArticle, true);
                self.menu_item(ui, CommandId::NextArticle, true);
                self.menu_item(ui, CommandId::PreviousMonth, true);
                self.menu_item(ui, CommandId::NextMonth, true);
                ui.separator();
                egui::global_theme_preference_buttons(ui);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, id: CommandId, enabled: bool) {
        let mut button = egui::Button::new(id.label());
        if let Some(s) = id.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(id.tooltip())
            .clicked()
        {
            self.commands.push(self.command_for(id));
            ui.close();
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.screenshot else {
            return;
        };
        if let Ok(result) = job.result.lock()
            && result.is_some()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let ready = matches!(
            self.state.load,
            LoadStatus::Loaded { .. } | LoadStatus::Failed(_)
        );
        if !ready {
            if job.started.elapsed() > SCREENSHOT_TIMEOUT {
                if let Ok(mut r) = job.result.lock() {
                    *r = Some(Err("the collection did not load within 60 s".into()));
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx.request_repaint_after(Duration::from_millis(50));
            return;
        }
        job.frames_after_load += 1;
        if job.frames_after_load < 4 {
            ctx.request_repaint();
            return;
        }
        if !job.requested {
            job.requested = true;
            let out = job.out.clone();
            let result = Arc::clone(&job.result);
            let repaint = ctx.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
                egui::ScreenshotCallback::new(move |image| {
                    let saved = save_png(&image, &out).map(|()| out.clone());
                    if let Ok(mut r) = result.lock() {
                        *r = Some(saved);
                    }
                    repaint.request_repaint();
                }),
            ));
        }
        ctx.request_repaint_after(Duration::from_millis(50));
    }

    /// Draws one frame into `ui` (the whole window).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_loader();
        if self.loader.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.poll_watcher();
        self.poll_tasks();
        self.poll_search();
        self.poll_recycled();
        self.shortcuts(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| {
            self.status_bar.ui(ui, &self.state, &mut self.commands);
        });
        if let Some(reason) = &self.state.annotations_blocked {
            let reason = reason.clone();
            egui::Panel::top("blocked").show(ui, |ui| {
                ui.colored_label(
                    super::theme::error_color(ui.visuals().dark_mode),
                    format!(
                        "The annotations file could not be read and is left untouched: {reason}"
                    ),
                );
            });
        }
        egui::Panel::bottom("calendar")
            .resizable(true)
            .default_size(250.0)
            .min_size(180.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.bottom, BottomView::Month, "Month")
                        .on_hover_text("A month grid with articles per day");
                    ui.selectable_value(&mut self.bottom, BottomView::Timeline, "Timeline")
                        .on_hover_text("A zoomable strip from decades down to hours");
                    ui.selectable_value(&mut self.bottom, BottomView::Year, "Year")
                        .on_hover_text("The whole year, one cell per day");
                    ui.selectable_value(
                        &mut self.bottom,
                        BottomView::Events,
                        format!("Events ({})", self.state.annotations.events.len()),
                    )
                    .on_hover_text("Every event: sort, filter, open, merge");
                });
                match self.bottom {
                    BottomView::Month => self.calendar.ui(ui, &self.state, &mut self.commands),
                    BottomView::Timeline => self.timeline.ui(ui, &self.state, &mut self.commands),
                    BottomView::Year => self.calendar.year_ui(ui, &self.state, &mut self.commands),
                    BottomView::Events => self.events.ui(ui, &self.state, &mut self.commands),
                }
            });
        egui::Panel::left("articles")
            .resizable(true)
            .default_size(360.0)
            .min_size(220.0)
            .show(ui, |ui| {
                self.articles.ui(ui, &self.state, &mut self.commands)
            });
        egui::CentralPanel::default()
            .show(ui, |ui| self.reader.ui(ui, &self.state, &mut self.commands));

        if let Some(editor) = &mut self.editor {
            match editor.ui(&ctx, &self.state.types) {
                EditorOutcome::Open => {}
                EditorOutcome::Cancelled => self.editor = None,
                EditorOutcome::Done(change) => {
                    self.editor = None;
                    self.commands.push(Command::Apply(change));
                }
            }
        }
        let recent = self.recent.clone();
        self.open_dialog.ui(&ctx, &recent, &mut self.commands);
        self.event_picker_ui(&ctx);
        self.conflicts_ui(&ctx);
        self.preferences_ui(&ctx);
        if let Some(editor) = &mut self.taxonomy_editor {
            match editor.ui(&ctx) {
                super::taxonomy_editor::EditorAction::None => {}
                super::taxonomy_editor::EditorAction::Close => self.taxonomy_editor = None,
                super::taxonomy_editor::EditorAction::Save(taxonomy) => {
                    self.commands.push(Command::SaveTaxonomy(taxonomy));
                }
            }
        }
        self.aliases_editor_ui(&ctx);
        self.state.reader_has_selection = self.reader.selection().is_some();

        self.apply_commands();
        self.autosave();
        self.screenshot_step(&ctx);
    }

    /// Saves what is unsaved, synchronously (at quit).
    pub fn save_before_exit(&mut self) {
        if let Some(job) = self.loader.take() {
            job.cancel();
        }
        self.flush_save();
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Writes an egui image as a PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "the screenshot had the wrong size".to_string())?;
    buffer
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("cannot write the screenshot: {e}: {}", path.display()))
}

impl eframe::App for DatelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, AUTHOR_KEY, &self.author);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_before_exit();
    }
}
