//! The menu bar and the keyboard: both turn the table of commands ([`CommandId`]) into commands.

use super::DatelineApp;
use crate::ui::commands::{
    AnnotationCommand, CollectionCommand, Command, CommandId, FindCommand, InterchangeCommand,
    PathPurpose, ViewCommand, WindowCommand,
};

impl DatelineApp {
    /// Turns shortcuts into commands; single keys and undo yield to a focused text field.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
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

    pub(super) fn command_for(&self, id: CommandId) -> Command {
        match id {
            CommandId::OpenCollection => WindowCommand::ShowOpenDialog.into(),
            CommandId::SaveNow => AnnotationCommand::SaveNow.into(),
            CommandId::Quit => WindowCommand::Quit.into(),
            CommandId::Undo => AnnotationCommand::Undo.into(),
            CommandId::Redo => AnnotationCommand::Redo.into(),
            CommandId::TagEvent => AnnotationCommand::TagEvent.into(),
            CommandId::Annotate => AnnotationCommand::Annotate.into(),
            CommandId::NextArticle => ViewCommand::NextArticle.into(),
            CommandId::PreviousArticle => ViewCommand::PreviousArticle.into(),
            CommandId::NextMonth => ViewCommand::ShowMonth(self.state.month.add_months(1)).into(),
            CommandId::PreviousMonth => {
                ViewCommand::ShowMonth(self.state.month.add_months(-1)).into()
            }
            CommandId::Find => FindCommand::Find.into(),
            CommandId::NextHit => FindCommand::StepHit(true).into(),
            CommandId::PreviousHit => FindCommand::StepHit(false).into(),
            CommandId::NextEvidence => ViewCommand::StepEvidence(true).into(),
            CommandId::PreviousEvidence => ViewCommand::StepEvidence(false).into(),
        }
    }

    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, CommandId::OpenCollection, true);
                let recent = self.recent.clone();
                ui.add_enabled_ui(!recent.is_empty(), |ui| {
                    ui.menu_button("Open recent", |ui| {
                        for path in recent {
                            if ui.button(path.display().to_string()).clicked() {
                                self.commands.push(CollectionCommand::OpenCollection(path).into());
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
                        self.commands.push(WindowCommand::AskPath(purpose).into());
                        ui.close();
                    }
                }
                if ui
                    .add_enabled(has_collection, egui::Button::new("Export chronology…"))
                    .on_hover_text("The events as a spreadsheet, ACLED rows, TimelineJS, a calendar, a web page or Markdown")
                    .clicked()
                {
                    self.commands.push(InterchangeCommand::ShowExport.into());
                    ui.close();
                }
                if ui
                    .add_enabled(has_collection && self.state.syncing.is_none(), egui::Button::new("Sync with team"))
                    .on_hover_text("Save, commit your changes, pull the team's (merged by id), push (Settings › Team… sets it up)")
                    .clicked()
                {
                    self.commands.push(crate::ui::commands::TeamCommand::Sync.into());
                    ui.close();
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
                let has_hits = !self.state.search.found.results.is_empty();
                self.menu_item(ui, CommandId::NextHit, has_hits);
                self.menu_item(ui, CommandId::PreviousHit, has_hits);
                ui.separator();
                let has_evidence = self.state.suggestions.selected().is_some();
                self.menu_item(ui, CommandId::NextEvidence, has_evidence);
                self.menu_item(ui, CommandId::PreviousEvidence, has_evidence);
            });
            ui.menu_button("Settings", |ui| {
                if ui.button("Preferences…").on_hover_text("Your name, stored with what you annotate").clicked() {
                    self.commands.push(WindowCommand::ShowPreferences.into());
                    ui.close();
                }
                if ui.button("Event types…").on_hover_text("Add, rename, recolour and nest event types").clicked() {
                    self.commands.push(AnnotationCommand::EditTaxonomy.into());
                    ui.close();
                }
                if ui.button("Name variants…").on_hover_text("Spellings of a name that search treats as one").clicked() {
                    self.commands.push(FindCommand::EditAliases.into());
                    ui.close();
                }
                if ui
                    .add_enabled(self.state.annotations_path.is_some(), egui::Button::new("Places…"))
                    .on_hover_text("Country, ISO codes, admin levels and coordinates of places, for the ACLED export")
                    .clicked()
                {
                    self.commands.push(InterchangeCommand::EditPlaces.into());
                    ui.close();
                }
                if ui
                    .add_enabled(self.state.root.is_some(), egui::Button::new("Team…"))
                    .on_hover_text("Share the annotations with colleagues through git: set-up, remote, Sync")
                    .clicked()
                {
                    self.commands.push(crate::ui::commands::TeamCommand::ShowTeam.into());
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

    pub(super) fn menu_item(&mut self, ui: &mut egui::Ui, id: CommandId, enabled: bool) {
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
}
