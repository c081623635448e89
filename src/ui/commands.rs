//! Everything that changes shared state is a [`Command`]: panels push them, the app applies them
//! in one place. [`CommandId`] is the table of user-facing commands with their labels, tooltips and
//! shortcuts, used by the menus, the buttons and the keyboard handler alike.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers};

use super::finder::SearchRequest;
use crate::core::annotations::{AnnotationSet, Passage};
use crate::core::calendar::YearMonth;
use crate::core::history::Change;
use crate::core::search::Aliases;
use crate::core::taxonomy::Taxonomy;

/// A change to the app's shared state, by domain. Each domain's commands are applied in the file
/// of the same name under `ui/app/`: a [`ViewCommand`] in `app/view.rs`, an
/// [`AnnotationCommand`] in `app/annotations.rs`, and so on.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Collection(CollectionCommand),
    Annotations(AnnotationCommand),
    Interchange(InterchangeCommand),
    Find(FindCommand),
    View(ViewCommand),
    Window(WindowCommand),
    Team(TeamCommand),
}

/// Team work on git (`app/team.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum TeamCommand {
    /// Settings › Team…: the window, and what the collection's repository is like.
    ShowTeam,
    Status(crate::core::team::TeamStatus),
    /// Set up team work; `make_repository` once the user agreed to make one.
    Init {
        make_repository: bool,
    },
    /// Add the remote the team shares (`origin`).
    SetRemote(String),
    /// What a set-up step did (a message) or why it failed.
    Done(Result<String, String>),
    /// Save, then commit, pull (merged by id) and push.
    Sync,
    /// The sync ended: what it brought, or why it failed.
    Synced(Result<Box<Synced>, String>),
}

/// What a sync left on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced {
    /// "2 events from Aysel, 1 conflict to settle"
    pub summary: String,
    pub annotations: crate::core::annotations::AnnotationSet,
    /// The collection's event types, when it has its own and they parse.
    pub taxonomy: Option<Taxonomy>,
}

/// Opening and loading collections (`app/collection.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum CollectionCommand {
    OpenCollection(PathBuf),
    /// Stop loading; keep what was read.
    CancelLoad,
}

/// Events, annotations, their undo history and their files (`app/annotations.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationCommand {
    /// Tag the reader's selected passage as an event.
    TagEvent,
    /// Annotate the reader's selected passage (a highlight with tags and a note).
    Annotate,
    /// Open the editor on an event or annotation.
    Edit(String),
    /// Apply a change (one undo step).
    Apply(Box<Change>),
    Undo,
    Redo,
    SaveNow,
    /// Merge events into the first: one event reported by several articles.
    MergeEvents(Vec<String>),
    /// Choose an event to add the reader's selected passage to.
    PickEventForPassage,
    /// Add the reader's selected passage to this event as more evidence.
    AddPassageTo(String),
    /// Point an orphaned passage of an event or annotation at the reader's selection instead.
    ReattachPassage {
        owner: String,
        old: Passage,
    },
    /// Remove an orphaned passage (an annotation goes with it; an event keeps its others).
    DeletePassage {
        owner: String,
        old: Passage,
    },
    /// Settle a conflict: take their version of an entry (`false`: keep ours).
    SettleConflict {
        id: String,
        take_theirs: bool,
    },
    /// The same for an event type two people changed differently (`taxonomy.ron`).
    SettleTypeConflict {
        id: String,
        take_theirs: bool,
    },
    /// Make a suggestion (its place in the list) an event with all its evidence (one undo step).
    AcceptSuggestion(usize),
    /// Hide a suggestion (by its key) and remember that in `.dateline/dismissed.ron`;
    /// `false`: show it again.
    DismissSuggestion(String, bool),
    /// The dismissed suggestions were read (or why not).
    DismissedLoaded(Result<std::collections::BTreeSet<String>, String>),
    /// Open the editor of event types.
    EditTaxonomy,
    /// Use and save an edited taxonomy.
    SaveTaxonomy(Taxonomy),
}

/// Annotations in and out: other RON files, W3C Web Annotation JSON-LD (`app/interchange.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum InterchangeCommand {
    /// Add another annotations file's entries to this collection's; differences become conflicts.
    MergeAnnotationsFrom(PathBuf),
    ImportJsonLd(PathBuf),
    ExportJsonLd(PathBuf),
    /// Open File › Export… (the chronology in a format).
    ShowExport,
    /// The file dialog chose where the Export window writes.
    ExportPathChosen(PathBuf),
    /// Write the chronology as the Export window asks.
    ExportChronology(Box<ExportRequest>),
    /// An export was written (what to say), or why not.
    ExportDone(Result<String, String>),
    /// Put the Events tab's events on the clipboard as a Markdown chronology.
    CopyChronology,
    /// Open Settings › Places… (read the collection's places table first).
    EditPlaces,
    /// The places table was read (or why not), for the editor.
    PlacesLoaded(Result<crate::core::export::Places, String>),
    /// Save an edited places table.
    SavePlaces(crate::core::export::Places),
    /// A background task read these (merge or import) for the UI thread to apply.
    MergeLoaded(Box<AnnotationSet>, PathBuf),
    JsonLdLoaded(String, PathBuf),
}

/// Search, recycled text and name variants (`app/finding.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum FindCommand {
    /// Put the keyboard in the search field (and show the Search tab).
    Find,
    /// Search the collection (an empty query clears the results).
    Search(SearchRequest),
    /// Show a hit: (place in the results, hit in that article).
    OpenHit(usize, usize),
    /// The next (`true`) or previous search hit, across articles.
    StepHit(bool),
    /// Open an article at the passage it shares with the one shown (its shared hashes).
    OpenShared { article: usize, hashes: Vec<u64> },
    /// Open the editor of name variants.
    EditAliases,
    /// Use and save edited name variants.
    SaveAliases(Aliases),
    /// The collection's name variants were read (`None`: it has none of its own).
    AliasesLoaded(Result<Option<Aliases>, String>),
}

/// What is selected and shown: articles, days, months, events (`app/view.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum ViewCommand {
    SelectArticle(usize),
    NextArticle,
    PreviousArticle,
    /// Filter the list to one day, or clear the filter.
    SelectDay(Option<NaiveDate>),
    /// Filter the list to a stretch of days, or clear the filter.
    SelectRange(Option<(NaiveDate, NaiveDate)>),
    ShowMonth(YearMonth),
    /// Show a day in the calendar and outline it (from a date in the text).
    JumpToDate(NaiveDate),
    /// Show an event: select the article of its first passage, mark it on the timeline.
    OpenEvent(String),
    /// Show a suggestion (its place in the list): its day, its first evidence passage.
    SelectSuggestion(usize),
    /// The next (`true`) or previous evidence passage of the selected suggestion.
    StepEvidence(bool),
    /// Suggest from the list's articles (`true`) or the whole collection.
    SuggestFromFiltered(bool),
    /// Show (`true`) or hide the dismissed suggestions in the list.
    ShowDismissed(bool),
    /// Read the whole saved page an article (this path) was read from, for the reader.
    ShowWholePage(String),
    /// The whole page was read, for the reader to show.
    WholePageRead(String, Result<String, String>),
}

/// Dialogs, messages and the window itself (`app/windows.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum WindowCommand {
    /// Show the folder dialog (and the typed-path fallback).
    ShowOpenDialog,
    /// Ask for a file with a purpose (merge, import, export).
    AskPath(PathPurpose),
    ShowPreferences,
    /// Something a background task could not do.
    ReportError(String),
    ReportMessage(String),
    DismissError,
    Quit,
}

macro_rules! domain {
    ($($domain:ident => $variant:ident),* $(,)?) => {
        $(impl From<$domain> for Command {
            fn from(c: $domain) -> Self {
                Command::$variant(c)
            }
        })*
    };
}
domain!(
    CollectionCommand => Collection,
    AnnotationCommand => Annotations,
    InterchangeCommand => Interchange,
    FindCommand => Find,
    ViewCommand => View,
    WindowCommand => Window,
    TeamCommand => Team,
);

/// What a path is asked for (the open dialog asks, the chosen path becomes this command).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PathPurpose {
    #[default]
    OpenCollection,
    /// Another annotations RON file to merge into this collection's.
    MergeAnnotations,
    /// W3C Web Annotation JSON-LD to import.
    ImportJsonLd,
    /// Where to write the W3C Web Annotation JSON-LD export.
    ExportJsonLd,
    /// Where to write a chronology export (for the Export window's path).
    ExportChronology,
}

impl PathPurpose {
    /// The command that uses the chosen path.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            PathPurpose::OpenCollection => CollectionCommand::OpenCollection(path).into(),
            PathPurpose::MergeAnnotations => InterchangeCommand::MergeAnnotationsFrom(path).into(),
            PathPurpose::ImportJsonLd => InterchangeCommand::ImportJsonLd(path).into(),
            PathPurpose::ExportJsonLd => InterchangeCommand::ExportJsonLd(path).into(),
            PathPurpose::ExportChronology => InterchangeCommand::ExportPathChosen(path).into(),
        }
    }
}

/// Which events go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportScope {
    #[default]
    All,
    /// The events the Events tab's filter shows.
    Filtered,
    /// Events starting in a stretch of days.
    Range,
}

/// What the dialog asks the app to write.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    pub format: crate::core::export::Format,
    pub scope: ExportScope,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// CSV of the plain annotations instead of the events.
    pub annotations: bool,
    pub excel: bool,
    pub path: PathBuf,
}

/// The commands a user can call by name: menus, buttons and shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandId {
    OpenCollection,
    SaveNow,
    Quit,
    Undo,
    Redo,
    TagEvent,
    Annotate,
    NextArticle,
    PreviousArticle,
    NextMonth,
    PreviousMonth,
    Find,
    NextHit,
    PreviousHit,
    NextEvidence,
    PreviousEvidence,
}

impl CommandId {
    pub const ALL: [CommandId; 16] = [
        CommandId::OpenCollection,
        CommandId::SaveNow,
        CommandId::Quit,
        CommandId::Undo,
        CommandId::Redo,
        CommandId::TagEvent,
        CommandId::Annotate,
        CommandId::NextArticle,
        CommandId::PreviousArticle,
        CommandId::NextMonth,
        CommandId::PreviousMonth,
        CommandId::Find,
        CommandId::NextHit,
        CommandId::PreviousHit,
        CommandId::NextEvidence,
        CommandId::PreviousEvidence,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CommandId::OpenCollection => "Open collection…",
            CommandId::SaveNow => "Save annotations",
            CommandId::Quit => "Quit",
            CommandId::Undo => "Undo",
            CommandId::Redo => "Redo",
            CommandId::TagEvent => "Tag event",
            CommandId::Annotate => "Annotate",
            CommandId::NextArticle => "Next article",
            CommandId::PreviousArticle => "Previous article",
            CommandId::NextMonth => "Next month",
            CommandId::PreviousMonth => "Previous month",
            CommandId::Find => "Search…",
            CommandId::NextHit => "Next hit",
            CommandId::PreviousHit => "Previous hit",
            CommandId::NextEvidence => "Next evidence passage",
            CommandId::PreviousEvidence => "Previous evidence passage",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            CommandId::OpenCollection => "Open a folder of articles",
            CommandId::SaveNow => {
                "Write the annotations file now (it is also saved by itself after every change)"
            }
            CommandId::Quit => "Save and close Dateline",
            CommandId::Undo => "Undo the last change to events and annotations",
            CommandId::Redo => "Redo the last undone change",
            CommandId::TagEvent => "Tag the passage selected in the reader as an event",
            CommandId::Annotate => {
                "Highlight the passage selected in the reader, with tags and a note"
            }
            CommandId::NextArticle => "Select the next article in the list",
            CommandId::PreviousArticle => "Select the previous article in the list",
            CommandId::NextMonth => "Show the next month in the calendar",
            CommandId::PreviousMonth => "Show the previous month in the calendar",
            CommandId::Find => "Search the text of every article",
            CommandId::NextHit => "Show the next search hit (in this article, then the next)",
            CommandId::PreviousHit => "Show the previous search hit",
            CommandId::NextEvidence => "Show the selected suggestion's next evidence passage",
            CommandId::PreviousEvidence => {
                "Show the selected suggestion's previous evidence passage"
            }
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let alt = Modifiers::ALT;
        let s = |m, k| Some(KeyboardShortcut::new(m, k));
        match self {
            CommandId::OpenCollection => s(ctrl, Key::O),
            CommandId::SaveNow => s(ctrl, Key::S),
            CommandId::Quit => s(ctrl, Key::Q),
            CommandId::Undo => s(ctrl, Key::Z),
            CommandId::Redo => s(ctrl_shift, Key::Z),
            CommandId::TagEvent => s(ctrl, Key::E),
            CommandId::Annotate => s(ctrl_shift, Key::A),
            CommandId::NextArticle => s(alt, Key::ArrowDown),
            CommandId::PreviousArticle => s(alt, Key::ArrowUp),
            CommandId::NextMonth => s(alt, Key::ArrowRight),
            CommandId::PreviousMonth => s(alt, Key::ArrowLeft),
            CommandId::Find => s(ctrl, Key::F),
            CommandId::NextHit => s(Modifiers::NONE, Key::F3),
            CommandId::PreviousHit => s(Modifiers::SHIFT, Key::F3),
            CommandId::NextEvidence => s(Modifiers::NONE, Key::F4),
            CommandId::PreviousEvidence => s(Modifiers::SHIFT, Key::F4),
        }
    }

    /// Shortcuts that an editable text field handles itself while it has focus.
    pub fn yields_to_text_fields(self) -> bool {
        matches!(
            self,
            CommandId::Undo
                | CommandId::Redo
                | CommandId::Annotate
                | CommandId::NextMonth
                | CommandId::PreviousMonth
        )
    }

    /// "Tag event (Ctrl+E)", for tooltips and buttons.
    pub fn label_with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(s) => format!("{} ({})", self.label(), ctx.format_shortcut(&s)),
            None => self.label().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for id in CommandId::ALL {
            if let Some(s) = id.shortcut()
                && let Some(other) = seen.insert((s.modifiers, s.logical_key), id)
            {
                panic!("{id:?} and {other:?} share a shortcut");
            }
        }
    }

    #[test]
    fn every_command_has_a_label_and_tooltip() {
        for id in CommandId::ALL {
            assert!(!id.label().is_empty() && !id.tooltip().is_empty(), "{id:?}");
        }
    }
}
