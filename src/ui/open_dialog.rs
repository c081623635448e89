//! Opening a collection: the native folder dialog (run off the UI thread) and, always beside it, a
//! field to type or paste a path — the only way where no native dialog can be shown.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::commands::{Command, PathPurpose};
use super::theme;

/// A dialog that answers `None` faster than this was never shown (no desktop portal).
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(700);

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            PathPurpose::OpenCollection => "Open collection",
            PathPurpose::MergeAnnotations => "Merge annotations from file",
            PathPurpose::ImportJsonLd => "Import Web Annotations (JSON-LD)",
            PathPurpose::ExportJsonLd => "Export Web Annotations (JSON-LD)",
            PathPurpose::ExportChronology => "Export chronology",
        }
    }

    fn field_label(self) -> &'static str {
        match self {
            PathPurpose::OpenCollection => "Folder",
            PathPurpose::ExportJsonLd | PathPurpose::ExportChronology => "Save as",
            _ => "File",
        }
    }

    /// Why `path` will not do, if it will not.
    fn check(self, path: &Path) -> Result<(), String> {
        match self {
            PathPurpose::OpenCollection => check_folder(path),
            PathPurpose::MergeAnnotations | PathPurpose::ImportJsonLd => check_file(path),
            PathPurpose::ExportJsonLd | PathPurpose::ExportChronology => {
                if path.as_os_str().is_empty() {
                    return Err("Type or paste where to save.".into());
                }
                match path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    Some(dir) if !dir.is_dir() => Err(format!("No such folder: {}", dir.display())),
                    _ if path.is_dir() => Err(format!("A folder, not a file: {}", path.display())),
                    _ => Ok(()),
                }
            }
        }
    }
}

/// Why `path` cannot be read as a file, if it cannot.
pub fn check_file(path: &Path) -> Result<(), String> {
    if path.as_os_str().is_empty() {
        return Err("Type or paste the path of a file.".into());
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(_) => Err(format!("Not a file: {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("No such file: {}", path.display()))
        }
        Err(e) => Err(format!("Cannot open {}: {e}", path.display())),
    }
}

#[derive(Default)]
pub struct OpenDialog {
    pub purpose: PathPurpose,
    open: bool,
    pub path_text: String,
    error: Option<String>,
    notice: Option<String>,
    native: Option<(Instant, Receiver<Option<PathBuf>>)>,
    focus_field: bool,
}

/// `~/news` → `$HOME/news`.
pub fn expand_home(text: &str) -> PathBuf {
    let text = text.trim().trim_matches('"');
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = std::env::home_dir()
    {
        return home.join(rest);
    }
    PathBuf::from(text)
}

/// Why `path` cannot be opened as a collection, if it cannot.
pub fn check_folder(path: &Path) -> Result<(), String> {
    if path.as_os_str().is_empty() {
        return Err("Type or paste the path of a folder.".into());
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(format!("Not a folder: {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("No such folder: {}", path.display()))
        }
        Err(e) => Err(format!("Cannot open {}: {e}", path.display())),
    }
}

impl OpenDialog {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Shows the window for `purpose` and, unless `native` is false, the system's dialog.
    pub fn show_for(
        &mut self,
        purpose: PathPurpose,
        ctx: &egui::Context,
        start_dir: Option<PathBuf>,
        native: bool,
    ) {
        if self.purpose != purpose {
            self.path_text.clear();
            self.notice = None;
        }
        self.purpose = purpose;
        self.show(ctx, start_dir, native);
    }

    /// Shows the window and, unless `native` is false, the system's dialog.
    pub fn show(&mut self, ctx: &egui::Context, start_dir: Option<PathBuf>, native: bool) {
        self.open = true;
        self.error = None;
        self.focus_field = true;
        if native && self.native.is_none() {
            let (tx, rx) = mpsc::channel();
            let ctx = ctx.clone();
            let purpose = self.purpose;
            let spawned = std::thread::Builder::new()
                .name("folder-dialog".into())
                .spawn(move || {
                    let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
                    if let Some(dir) = start_dir {
                        dialog = dialog.set_directory(dir);
                    }
                    let answer = match purpose {
                        PathPurpose::OpenCollection => dialog.pick_folder(),
                        PathPurpose::MergeAnnotations => {
                            dialog.add_filter("Annotations", &["ron"]).pick_file()
                        }
                        PathPurpose::ImportJsonLd => dialog
                            .add_filter("JSON-LD", &["jsonld", "json"])
                            .pick_file(),
                        PathPurpose::ExportJsonLd => dialog
                            .add_filter("JSON-LD", &["jsonld"])
                            .set_file_name("annotations.jsonld")
                            .save_file(),
                        PathPurpose::ExportChronology => dialog.save_file(),
                    };
                    let _ = tx.send(answer);
                    ctx.request_repaint();
                });
            match spawned {
                Ok(_) => self.native = Some((Instant::now(), rx)),
                Err(e) => {
                    self.notice = Some(format!(
                        "The folder dialog could not be started ({e}). Type or paste the folder's path."
                    ))
                }
            }
        }
    }

    pub fn close(&mut self) {
        self.open = false;
        self.error = None;
    }

    pub fn ui(&mut self, ctx: &egui::Context, recent: &[PathBuf], commands: &mut Vec<Command>) {
        if let Some((started, rx)) = &self.native
            && let Ok(answer) = rx.try_recv()
        {
            let quick = started.elapsed() < NO_DIALOG_WITHIN;
            self.native = None;
            match answer {
                Some(path) => {
                    commands.push(self.purpose.command(path));
                    self.close();
                }
                None if quick => {
                    self.notice = Some("No file dialog can be shown on this system (no desktop portal or zenity). Type or paste the path below.".into());
                }
                None => self.close(),
            }
        }
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new(self.purpose.title())
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                if self.native.is_some() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Choose in the system dialog, or type the path here.");
                    });
                }
                if let Some(notice) = &self.notice {
                    ui.colored_label(theme::warning_color(ui.visuals().dark_mode), notice);
                }
                let mut submit = false;
                ui.horizontal(|ui| {
                    let label = ui.label(self.purpose.field_label()).id;
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.path_text)
                                .desired_width(360.0)
                                .hint_text("/path/to/articles"),
                        )
                        .labelled_by(label);
                    if self.focus_field {
                        field.request_focus();
                        self.focus_field = false;
                    }
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        submit = true;
                    }
                    if ui.button("Open").clicked() {
                        submit = true;
                    }
                });
                if let Some(error) = &self.error {
                    ui.colored_label(theme::error_color(ui.visuals().dark_mode), error);
                }
                if !recent.is_empty() && self.purpose == PathPurpose::OpenCollection {
                    ui.separator();
                    ui.label("Recent collections");
                    for path in recent.iter().take(8) {
                        if ui.link(path.display().to_string()).clicked() {
                            self.path_text = path.display().to_string();
                            submit = true;
                        }
                    }
                }
                if submit {
                    let path = expand_home(&self.path_text);
                    match self.purpose.check(&path) {
                        Ok(()) => {
                            commands.push(self.purpose.command(path));
                            self.close();
                        }
                        Err(e) => self.error = Some(e),
                    }
                }
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_are_checked() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x")?;
        assert_eq!(check_folder(dir.path()), Ok(()));
        let cases = [
            (PathBuf::new(), "Type or paste"),
            (file, "Not a folder"),
            (dir.path().join("missing"), "No such folder"),
        ];
        for (path, want) in cases {
            let got = check_folder(&path).err().unwrap_or_default();
            assert!(got.starts_with(want), "{path:?}: {got}");
        }
        assert_eq!(expand_home(" \"/tmp/x\" "), PathBuf::from("/tmp/x"));
        Ok(())
    }
}
