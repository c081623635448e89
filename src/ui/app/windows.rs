//! The app's windows and dialogs: the open dialog, preferences, the "Add to event…" picker, the
//! conflicts window, messages and quitting.

use super::DatelineApp;
use crate::ui::commands::{AnnotationCommand, PathPurpose, WindowCommand};

impl DatelineApp {
    /// Draws every window that is open: editors, dialogs, pickers.
    pub(super) fn windows_ui(&mut self, ctx: &egui::Context) {
        if let Some(editor) = &mut self.editor {
            match editor.ui(ctx, &self.state.types) {
                crate::ui::editor::EditorOutcome::Open => {}
                crate::ui::editor::EditorOutcome::Cancelled => self.editor = None,
                crate::ui::editor::EditorOutcome::Done(change) => {
                    self.editor = None;
                    self.commands.push(AnnotationCommand::Apply(change).into());
                }
            }
        }
        let recent = self.recent.clone();
        self.open_dialog.ui(ctx, &recent, &mut self.commands);
        let name = self
            .state
            .root
            .as_ref()
            .and_then(|r| r.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.export_dialog
            .ui(ctx, self.state.root.as_deref(), &name, &mut self.commands);
        self.event_picker_ui(ctx);
        self.conflicts_ui(ctx);
        self.preferences_ui(ctx);
        if let Some(editor) = &mut self.taxonomy_editor {
            match editor.ui(ctx) {
                crate::ui::taxonomy_editor::EditorAction::None => {}
                crate::ui::taxonomy_editor::EditorAction::Close => self.taxonomy_editor = None,
                crate::ui::taxonomy_editor::EditorAction::Save(taxonomy) => {
                    self.commands
                        .push(AnnotationCommand::SaveTaxonomy(taxonomy).into());
                }
            }
        }
        self.aliases_editor_ui(ctx);
        self.places_editor_ui(ctx);
        self.team_window_ui(ctx);
    }

    /// Applies a command on dialogs, messages and the window.
    pub(super) fn apply_window(&mut self, command: WindowCommand) {
        match command {
            WindowCommand::ShowOpenDialog => {
                let start = self.state.root.clone();
                self.open_dialog.show_for(
                    PathPurpose::OpenCollection,
                    &self.ctx,
                    start,
                    self.native_dialogs,
                );
            }
            WindowCommand::AskPath(purpose) => {
                let start = self.state.root.clone();
                self.open_dialog
                    .show_for(purpose, &self.ctx, start, self.native_dialogs);
            }
            WindowCommand::ReportError(e) => self.state.last_error = Some(e),
            WindowCommand::ReportMessage(m) => self.state.message = Some(m),
            WindowCommand::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            WindowCommand::DismissError => self.state.last_error = None,
            WindowCommand::ShowPreferences => self.preferences_open = true,
        }
    }

    /// The "Add to event…" window: pick the event the selected passage also reports.
    pub(super) fn event_picker_ui(&mut self, ctx: &egui::Context) {
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
                let rows = crate::ui::events_panel::event_rows(&self.state, filter, None, None);
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
            self.commands
                .push(AnnotationCommand::AddPassageTo(id).into());
        } else if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.event_picker = None;
        }
    }

    /// Edit › Preferences: the author name stored with new events and annotations.
    pub(super) fn preferences_ui(&mut self, ctx: &egui::Context) {
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

    /// Entries changed both here and in another window or file: keep ours or take theirs.
    pub(super) fn conflicts_ui(&mut self, ctx: &egui::Context) {
        let types = &self.taxonomy.conflicts;
        if self.state.annotations.conflicts.is_empty() && types.is_empty() {
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
                crate::core::text::one_line(&a.passage.exact, 60),
                a.modified
            ),
            None => "deleted".to_string(),
        };
        let describe_type = |t: &Option<crate::core::taxonomy::EventType>| match t {
            Some(t) => format!(
                "event type “{}” ({}{})",
                t.label,
                t.id,
                t.color
                    .as_ref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default()
            ),
            None => "deleted".to_string(),
        };
        let mut settle = None;
        let mut settle_type = None;
        let count = self.state.annotations.conflicts.len() + types.len();
        egui::Window::new(format!("Conflicts ({count})"))
            .collapsible(true)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.label("These entries were changed both here and elsewhere. Ours is kept until you choose.");
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    for c in &self.state.annotations.conflicts {
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
                    for c in types {
                        ui.separator();
                        ui.label(format!("Ours: {}", describe_type(&c.ours)));
                        ui.label(format!("Theirs: {}", describe_type(&c.theirs)));
                        ui.horizontal(|ui| {
                            if ui.button("Keep ours").clicked() {
                                settle_type = Some((c.id.clone(), false));
                            }
                            if ui.button("Take theirs").clicked() {
                                settle_type = Some((c.id.clone(), true));
                            }
                        });
                    }
                });
            });
        if let Some((id, take_theirs)) = settle {
            self.commands
                .push(AnnotationCommand::SettleConflict { id, take_theirs }.into());
        }
        if let Some((id, take_theirs)) = settle_type {
            self.commands
                .push(AnnotationCommand::SettleTypeConflict { id, take_theirs }.into());
        }
    }
}
