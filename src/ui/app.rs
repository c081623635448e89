//! The app: owns the shared state and the panels, draws them, and applies the commands they push
//! — in one place, [`DatelineApp::run_command`], which hands each domain's commands to the file of
//! that name below `app/` (a `ViewCommand` to `app/view.rs`, …). Undo, the unsaved mark and error
//! reporting live there, not in the panels.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::articles_panel::ArticlesPanel;
use super::calendar_panel::CalendarPanel;
use super::commands::Command;
use super::editor::EditorPanel;
use super::jobs::{LoadJob, Wake};
use super::open_dialog::OpenDialog;
use super::reader_panel::ReaderPanel;
use super::saver::Saver;
use super::state::AppState;
use super::status_bar::StatusBar;
use crate::core::taxonomy::{Taxonomy, TypeIndex};
use crate::core::watch::{Starting, Watcher};

mod annotations;
mod appended;
mod collection;
mod finding;
mod interchange;
mod menu;
mod saving;
mod screenshot;
mod suggesting;
mod team;
mod view;
mod windows;

pub use saving::AUTOSAVE_DELAY;
use screenshot::ScreenshotJob;
pub use screenshot::save_png;

const RECENT_KEY: &str = "dateline.recent";
const AUTHOR_KEY: &str = "dateline.author";
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

/// What the bottom panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BottomView {
    Month,
    Timeline,
    Year,
    Events,
    Suggestions,
}

pub struct DatelineApp {
    pub state: AppState,
    pub bottom: BottomView,
    pub timeline: super::timeline_panel::TimelinePanel,
    pub events: super::events_panel::EventsPanel,
    pub suggestions: super::suggestions_panel::SuggestionsPanel,
    suggest_job: Option<super::suggest_job::SuggestJob>,
    /// What the last suggestions were asked for (articles' revision and scope).
    suggest_key: Option<u64>,
    /// Every article's dated reports, read once per articles' revision.
    suggest_reports: Option<super::suggest_job::Reports>,
    #[allow(clippy::type_complexity)]
    suggest_articles: Option<(u64, Arc<Vec<super::suggest_job::JobArticle>>)>,
    /// What the recycled-text and suggestion jobs take of each article, gathered as a collection
    /// loads.
    appended: appended::Appended,
    /// The "Add to event…" picker, with its filter text, while it is open.
    pub event_picker: Option<String>,
    pub articles: ArticlesPanel,
    pub reader: ReaderPanel,
    pub calendar: CalendarPanel,
    pub editor: Option<EditorPanel>,
    pub open_dialog: OpenDialog,
    pub export_dialog: super::export_dialog::ExportDialog,
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
    /// The watcher while it starts on its own thread.
    watcher_starting: Option<Starting>,
    refreshes: Vec<Receiver<collection::Refresh>>,
    tasks: Vec<Receiver<Command>>,
    search_job: Option<super::finder::SearchJob>,
    /// The articles the last search looked at, for the filters and revisions they were made for.
    #[allow(clippy::type_complexity)]
    search_candidates: Option<(
        (super::finder::SearchFilters, u64, u64),
        Arc<super::finder::SearchItems>,
    )>,
    /// Every article's text, in the articles' order, for the articles' generation and count it
    /// was taken at: shared by searches and the recycled-text job.
    #[allow(clippy::type_complexity)]
    texts: Option<(
        (u64, usize),
        Arc<Vec<crate::core::article_text::ArticleText>>,
    )>,
    recycled_job: Option<super::finder::RecycledJob>,
    /// Name variants for search: the collection's, or the presets.
    pub aliases: crate::core::search::Aliases,
    /// Why the collection's aliases file is not used (it did not parse): saving over it is off.
    aliases_blocked: Option<String>,
    aliases_editor: Option<super::aliases_editor::AliasesEditor>,
    pub places_editor: Option<super::places_editor::PlacesEditor>,
    /// Settings › Team…, while open.
    pub team_window: Option<super::team_window::TeamWindow>,
    ctx: egui::Context,
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
            suggestions: super::suggestions_panel::SuggestionsPanel,
            suggest_job: None,
            suggest_key: None,
            suggest_reports: None,
            suggest_articles: None,
            appended: Default::default(),
            event_picker: None,
            articles: ArticlesPanel::default(),
            reader: ReaderPanel::default(),
            calendar: CalendarPanel::default(),
            editor: None,
            open_dialog: OpenDialog::default(),
            export_dialog: Default::default(),
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
            screenshot: options
                .screenshot
                .map(|out| ScreenshotJob::new(out, Arc::clone(&result))),
            screenshot_result: result,
            native_dialogs: options.native_dialogs,
            data_dir: options.data_dir,
            watcher: None,
            watcher_starting: None,
            refreshes: Vec::new(),
            tasks: Vec::new(),
            search_job: None,
            search_candidates: None,
            texts: None,
            recycled_job: None,
            aliases: crate::core::search::Aliases::builtin(),
            aliases_blocked: None,
            aliases_editor: None,
            places_editor: None,
            team_window: None,
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

    /// Every file of the collection has been read (other background work may still run).
    pub fn loader_done(&self) -> bool {
        self.loader.is_none()
    }

    /// Whether anything still runs in the background: a load, a save, a search, recycled text,
    /// suggestions, the watch on the folder being set up (tests wait on this).
    pub fn is_busy(&self) -> bool {
        self.loader.is_some()
            || self.saver.is_saving()
            || self.state.has_unsaved_changes()
            || !self.tasks.is_empty()
            || self.search_job.is_some()
            || self.recycled_job.is_some()
            || self.suggest_job.is_some()
            || self.watcher_starting.is_some()
    }

    fn wake(&self) -> Wake {
        let ctx = self.ctx.clone();
        Arc::new(move || ctx.request_repaint())
    }

    /// Runs file work off the UI thread; what it returns is applied as a command.
    fn spawn_task(&mut self, task: impl FnOnce() -> Command + Send + 'static) {
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.wake();
        let spawned = crate::core::spawn_background("task", move || {
            let _ = tx.send(task());
            wake();
        });
        match spawned {
            Ok(_) => self.tasks.push(rx),
            Err(e) => self.state.last_error = Some(format!("cannot start a background task: {e}")),
        }
    }

    /// Writes `text` to `path` atomically on a background task; then says `done` (which names
    /// the path), or why `what` could not be saved.
    fn spawn_write(&mut self, path: PathBuf, text: String, done: String, what: &'static str) {
        self.spawn_task(move || {
            match crate::core::store::write_atomically(&path, text.as_bytes()) {
                Ok(()) => super::commands::WindowCommand::ReportMessage(done).into(),
                Err(e) => super::commands::WindowCommand::ReportError(format!(
                    "cannot save {what}: {e}: {}",
                    path.display()
                ))
                .into(),
            }
        });
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

    /// Applies one command: each domain in its own file.
    fn run_command(&mut self, command: Command) {
        match command {
            Command::Collection(c) => self.apply_collection(c),
            Command::Annotations(c) => self.apply_annotations(c),
            Command::Interchange(c) => self.apply_interchange(c),
            Command::Find(c) => self.apply_find(c),
            Command::View(c) => self.apply_view(c),
            Command::Window(c) => self.apply_window(c),
            Command::Team(c) => self.apply_team(c),
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

    /// Draws one frame into `ui` (the whole window).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_loader();
        if self.loader.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.poll_watcher();
        self.poll_tasks();
        if self.state.export_progress.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.poll_search();
        self.poll_recycled();
        self.poll_suggestions();
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
                    let shown = self.state.suggestions.shown().len();
                    ui.selectable_value(
                        &mut self.bottom,
                        BottomView::Suggestions,
                        format!("Suggestions ({shown})"),
                    )
                    .on_hover_text(
                        "The dates the articles report, proposed with their evidence: accept or dismiss",
                    );
                });
                match self.bottom {
                    BottomView::Month => self.calendar.ui(ui, &self.state, &mut self.commands),
                    BottomView::Timeline => self.timeline.ui(ui, &self.state, &mut self.commands),
                    BottomView::Year => self.calendar.year_ui(ui, &self.state, &mut self.commands),
                    BottomView::Events => self.events.ui(ui, &self.state, &mut self.commands),
                    BottomView::Suggestions => {
                        self.suggestions.ui(ui, &self.state, &mut self.commands)
                    }
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

        self.windows_ui(&ctx);
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
