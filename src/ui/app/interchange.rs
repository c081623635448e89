//! The app's side of interchange: merging another annotations file, importing and exporting W3C
//! Web Annotation JSON-LD. Files are read and written on background tasks.

use super::DatelineApp;
use crate::core::history::Change;
use crate::ui::commands::{InterchangeCommand, WindowCommand};

impl DatelineApp {
    /// Applies a command that brings annotations in or takes them out.
    pub(super) fn apply_interchange(&mut self, command: InterchangeCommand) {
        match command {
            InterchangeCommand::MergeAnnotationsFrom(path) => {
                self.spawn_task(move || match crate::core::store::load(&path) {
                    Ok(Some(set)) => InterchangeCommand::MergeLoaded(Box::new(set), path).into(),
                    Ok(None) => {
                        WindowCommand::ReportError(format!("no such file: {}", path.display()))
                            .into()
                    }
                    Err(e) => WindowCommand::ReportError(e.to_string()).into(),
                })
            }
            InterchangeCommand::MergeLoaded(theirs, path) => {
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
            InterchangeCommand::ImportJsonLd(path) => {
                self.spawn_task(move || match std::fs::read_to_string(&path) {
                    Ok(text) => InterchangeCommand::JsonLdLoaded(text, path).into(),
                    Err(e) => {
                        WindowCommand::ReportError(format!("cannot read {}: {e}", path.display()))
                            .into()
                    }
                })
            }
            InterchangeCommand::JsonLdLoaded(text, path) => {
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
            InterchangeCommand::ExportJsonLd(path) => {
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
                let done = format!("Exported {total} annotations to {}", path.display());
                self.spawn_write(path, text, done, "the export");
            }
        }
    }
}
