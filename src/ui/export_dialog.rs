//! File › Export…: the chronology in a format (spreadsheet, ACLED, TimelineJS, calendar, web
//! page, Markdown), of all events, the Events tab's filtered ones or a date range, to a typed
//! path or one picked in the file dialog.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::commands::{Command, InterchangeCommand, PathPurpose, WindowCommand};
pub use super::commands::{ExportRequest, ExportScope};
use crate::core::export::Format;

#[derive(Debug, Default)]
pub struct ExportDialog {
    pub open: bool,
    pub format: Option<Format>,
    pub scope: ExportScope,
    pub from: String,
    pub to: String,
    pub annotations: bool,
    pub excel: bool,
    pub path: String,
    error: Option<String>,
}

impl ExportDialog {
    /// Opens the dialog with a file name beside the collection.
    pub fn show(&mut self, folder: Option<&std::path::Path>, name: &str) {
        self.open = true;
        self.error = None;
        let format = *self.format.get_or_insert(Format::Csv);
        if self.path.trim().is_empty() {
            self.path = default_path(folder, name, format);
        }
    }

    /// The request the form describes, or what is wrong with it.
    pub fn request(&self) -> Result<ExportRequest, String> {
        let format = self.format.unwrap_or(Format::Csv);
        let day = |text: &str, what: &str| -> Result<Option<NaiveDate>, String> {
            match text.trim() {
                "" => Ok(None),
                t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| format!("{what}: give the day as YYYY-MM-DD, e.g. 2022-12-05")),
            }
        };
        let (from, to) = if self.scope == ExportScope::Range {
            (day(&self.from, "From")?, day(&self.to, "To")?)
        } else {
            (None, None)
        };
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err("From is after To: no day is in between.".into());
        }
        let path = self.path.trim();
        if path.is_empty() {
            return Err("Type where to write, or press Browse….".into());
        }
        Ok(ExportRequest {
            format,
            scope: self.scope,
            from,
            to,
            annotations: self.annotations && format == Format::Csv,
            excel: self.excel && matches!(format, Format::Csv | Format::Acled),
            path: PathBuf::from(path),
        })
    }

    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        folder: Option<&std::path::Path>,
        name: &str,
        commands: &mut Vec<Command>,
    ) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Export chronology")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(460.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0))
            .show(ctx, |ui| {
                egui::Grid::new("export-form")
                    .num_columns(2)
                    .spacing([10.0, 8.0])
                    .show(ui, |ui| {
                        ui.label("Format");
                        let before = self.format;
                        let current = self.format.unwrap_or(Format::Csv);
                        egui::ComboBox::from_id_salt("export-format")
                            .selected_text(current.label())
                            .show_ui(ui, |ui| {
                                for f in Format::ALL {
                                    ui.selectable_value(&mut self.format, Some(f), f.label());
                                }
                            });
                        if self.format != before {
                            // the file name follows the format
                            let format = self.format.unwrap_or(Format::Csv);
                            let old = before.unwrap_or(Format::Csv);
                            if let Some(stem) =
                                self.path.strip_suffix(&format!(".{}", old.extension()))
                            {
                                self.path = format!("{stem}.{}", format.extension());
                            } else if self.path.trim().is_empty() {
                                self.path = default_path(folder, name, format);
                            }
                        }
                        ui.end_row();
                        ui.label("Events");
                        ui.vertical(|ui| {
                            ui.radio_value(&mut self.scope, ExportScope::All, "All events");
                            ui.radio_value(
                                &mut self.scope,
                                ExportScope::Filtered,
                                "The events the Events tab's filter shows",
                            );
                            ui.horizontal(|ui| {
                                ui.radio_value(&mut self.scope, ExportScope::Range, "From");
                                let from = ui.label("").id;
                                ui.add(
                                    egui::TextEdit::singleline(&mut self.from)
                                        .hint_text("YYYY-MM-DD")
                                        .desired_width(90.0),
                                )
                                .labelled_by(from);
                                ui.label("to");
                                ui.add(
                                    egui::TextEdit::singleline(&mut self.to)
                                        .hint_text("YYYY-MM-DD")
                                        .desired_width(90.0),
                                );
                            });
                        });
                        ui.end_row();
                        let format = self.format.unwrap_or(Format::Csv);
                        if format == Format::Csv {
                            ui.label("Rows");
                            ui.checkbox(
                                &mut self.annotations,
                                "The plain annotations, not the events",
                            );
                            ui.end_row();
                        }
                        if matches!(format, Format::Csv | Format::Acled) {
                            ui.label("");
                            ui.checkbox(&mut self.excel, "For Excel (a byte-order mark first)");
                            ui.end_row();
                        }
                        let label = ui.label("File").id;
                        ui.horizontal(|ui| {
                            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(300.0))
                                .labelled_by(label);
                            if ui
                                .button("Browse…")
                                .on_hover_text("Choose the file in the system's dialog")
                                .clicked()
                            {
                                commands.push(
                                    WindowCommand::AskPath(PathPurpose::ExportChronology).into(),
                                );
                            }
                        });
                        ui.end_row();
                    });
                if let Some(e) = &self.error {
                    ui.colored_label(super::theme::error_color(ui.visuals().dark_mode), e);
                }
                ui.horizontal(|ui| {
                    if ui.button("Export").clicked() {
                        match self.request() {
                            Ok(request) => {
                                commands.push(
                                    InterchangeCommand::ExportChronology(Box::new(request)).into(),
                                );
                                self.error = None;
                                self.open = false;
                            }
                            Err(e) => self.error = Some(e),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        self.open = false;
                    }
                });
            });
        if !open {
            self.open = false;
        }
    }
}

fn default_path(folder: Option<&std::path::Path>, name: &str, format: Format) -> String {
    let file = format!(
        "{}-chronology.{}",
        if name.is_empty() { "dateline" } else { name },
        format.extension()
    );
    match folder.and_then(|f| f.parent()) {
        Some(parent) => parent.join(file).display().to_string(),
        None => file,
    }
}
