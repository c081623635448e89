//! The status bar: collection, counts, load and save state, the last error.

use egui::RichText;

use super::commands::{CollectionCommand, Command, WindowCommand};
use super::state::{AppState, LoadStatus, SaveStatus};
use super::theme;

#[derive(Default)]
pub struct StatusBar;

impl StatusBar {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        let dark = ui.visuals().dark_mode;
        ui.horizontal(|ui| {
            match &state.root {
                Some(root) => {
                    let name = root.file_name().map_or_else(
                        || root.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    ui.label(RichText::new(name).strong())
                        .on_hover_text(root.display().to_string());
                }
                None => {
                    ui.weak("No collection");
                }
            }
            ui.separator();
            match &state.load {
                LoadStatus::Loading { done, total } => {
                    let fraction =
                        total.map_or(0.0, |t| if t == 0 { 1.0 } else { *done as f32 / t as f32 });
                    // Listed from the cache: the files are read again behind the list.
                    let text = match (total, state.cached) {
                        (Some(t), 0) => format!("Loading {done} of {t}"),
                        (Some(t), _) => format!("Checking files: {done} of {t}"),
                        (None, 0) => "Looking for files…".into(),
                        (None, _) => format!("{} listed from the cache…", state.cached),
                    };
                    ui.add(
                        egui::ProgressBar::new(fraction)
                            .text(text)
                            .desired_width(220.0)
                            .animate(true),
                    );
                    if ui
                        .small_button("Cancel")
                        .on_hover_text("Stop loading; keep what was read")
                        .clicked()
                    {
                        commands.push(CollectionCommand::CancelLoad.into());
                    }
                }
                LoadStatus::Failed(e) => {
                    ui.colored_label(theme::error_color(dark), format!("Not opened: {e}"));
                }
                LoadStatus::Loaded { secs } => {
                    ui.label(format!("{} articles", state.articles.len()))
                        .on_hover_text(format!("Loaded in {secs:.2} s"));
                }
                LoadStatus::Idle => {}
            }
            if let Some(step) = state.syncing.as_ref().and_then(|s| s.lock().ok().map(|s| s.clone())) {
                ui.spinner();
                ui.label(format!("Sync: {step}"));
            }
            if let Some((done, total)) = &state.export_progress {
                let done = done.load(std::sync::atomic::Ordering::Relaxed);
                ui.add(
                    egui::ProgressBar::new(done as f32 / (*total).max(1) as f32)
                        .text(format!("Exporting {done}/{total}"))
                        .desired_width(170.0),
                );
            }
            if let Some((done, total)) = state.recycled_progress {
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .text("Finding recycled text")
                        .desired_width(170.0),
                )
                .on_hover_text("Looking for passages that appear in more than one article");
            } else if let Some(index) = state.recycled_index() {
                ui.label(format!("{} with recycled text", index.articles_with_recycled))
                    .on_hover_text("Articles that share a passage of a dozen words or more with another; the reader marks these passages in its margin");
            }
            if !state.problems.is_empty() {
                ui.colored_label(
                    theme::warning_color(dark),
                    format!("{} problems", state.problems.len()),
                )
                .on_hover_text("Files that could not be read: see the Problems tab");
            }
            let (events, notes) = (
                state.annotations.events.len(),
                state.annotations.annotations.len(),
            );
            ui.label(format!(
                "{events} {} · {notes} {}",
                if events == 1 { "event" } else { "events" },
                if notes == 1 {
                    "annotation"
                } else {
                    "annotations"
                },
            ));
            if state.orphans > 0 {
                ui.colored_label(theme::warning_color(dark), format!("{} orphaned", state.orphans))
                    .on_hover_text("Passages whose text can no longer be found in their article (changed or removed on disk). They are kept in the annotations file.");
            }
            ui.separator();
            let save_text = match &state.save {
                SaveStatus::Clean => RichText::new("No changes"),
                SaveStatus::Unsaved => RichText::new("Unsaved changes"),
                SaveStatus::Saving => RichText::new("Saving…"),
                SaveStatus::Saved { at } => {
                    RichText::new(format!("Saved {}", at.format("%H:%M:%S")))
                }
                SaveStatus::Failed(_) => RichText::new("Not saved").color(theme::error_color(dark)),
            };
            let tip = state
                .annotations_path
                .as_ref()
                .map_or_else(String::new, |p| {
                    format!("Annotations file: {}", p.display())
                });
            ui.label(save_text).on_hover_text(tip);
            if let Some(note) = &state.annotations_elsewhere {
                ui.colored_label(theme::warning_color(dark), "Kept outside the collection").on_hover_text(note);
            }
            if let Some(msg) = &state.message {
                ui.separator();
                ui.weak(msg);
            }
            if let Some(err) = &state.last_error {
                ui.separator();
                ui.colored_label(theme::error_color(dark), err)
                    .on_hover_text(err);
                if ui.small_button("Dismiss").clicked() {
                    commands.push(WindowCommand::DismissError.into());
                }
            }
        });
    }
}
