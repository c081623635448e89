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
                if n > 0 {
                    let listed = &mut self.state.annotations.conflicts;
                    listed.retain(|c| !merged.conflicts.iter().any(|m| m.id == c.id));
                    listed.extend(merged.conflicts);
                    self.changed(); // the conflicts are saved with the file
                }
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
            InterchangeCommand::ShowExport => {
                let name = self.collection_name();
                self.export_dialog.show(self.state.root.as_deref(), &name);
            }
            InterchangeCommand::ExportPathChosen(path) => {
                self.export_dialog.path = path.display().to_string();
                self.export_dialog.open = true;
            }
            InterchangeCommand::ExportChronology(request) => self.export_chronology(*request),
            InterchangeCommand::ExportDone(result) => {
                self.state.export_progress = None;
                match result {
                    Ok(message) => self.state.message = Some(message),
                    Err(e) => self.state.last_error = Some(e),
                }
            }
            InterchangeCommand::EditPlaces => {
                let Some(path) = self.places_path() else {
                    return;
                };
                self.spawn_task(move || {
                    InterchangeCommand::PlacesLoaded(crate::core::export::Places::load(&path))
                        .into()
                });
            }
            InterchangeCommand::PlacesLoaded(result) => {
                let (places, blocked) = match result {
                    Ok(p) => (p, None),
                    Err(e) => (crate::core::export::Places::default(), Some(e)),
                };
                self.places_editor = Some(crate::ui::places_editor::PlacesEditor::new(
                    &places,
                    blocked,
                    self.places_path(),
                ));
            }
            InterchangeCommand::SavePlaces(places) => {
                self.places_editor = None;
                let Some(path) = self.places_path() else {
                    return;
                };
                let done = format!("Places saved to {}", path.display());
                self.spawn_write(path, places.to_ron(), done, "the places");
            }
            InterchangeCommand::CopyChronology => {
                let events = self.filtered_events();
                let refs: Vec<&crate::core::annotations::Event> = events.iter().collect();
                let infos = self.article_infos(&refs);
                let lookup = |p: &str| infos.get(p).cloned();
                let places = crate::core::export::Places::default();
                let ctx = crate::core::export::Context {
                    articles: &lookup,
                    types: &self.state.types,
                    places: &places,
                    progress: None,
                };
                let written =
                    crate::core::export::markdown(&crate::core::export::in_order(refs), &ctx);
                self.ctx.copy_text(written.text);
                self.state.message = Some(format!(
                    "Copied the chronology of {} to the clipboard",
                    crate::core::text::counted(written.written, "event")
                ));
            }
        }
    }

    /// Where the collection keeps its places table: beside its annotations.
    fn places_path(&self) -> Option<std::path::PathBuf> {
        self.state
            .annotations_path
            .as_ref()
            .map(|p| p.with_file_name(crate::core::export::PLACES_FILE))
    }

    pub(super) fn places_editor_ui(&mut self, ctx: &egui::Context) {
        use crate::ui::places_editor::PlacesAction;
        let Some(editor) = &mut self.places_editor else {
            return;
        };
        match editor.ui(ctx) {
            PlacesAction::None => {}
            PlacesAction::Close => self.places_editor = None,
            PlacesAction::Save(places) => self
                .commands
                .push(InterchangeCommand::SavePlaces(places).into()),
        }
    }

    /// The collection folder's name, for titles and file names.
    fn collection_name(&self) -> String {
        self.state
            .root
            .as_ref()
            .and_then(|r| r.file_name())
            .map_or_else(
                || "dateline".to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    /// The events the Events tab's filter shows, in its order.
    fn filtered_events(&self) -> Vec<crate::core::annotations::Event> {
        crate::ui::events_panel::event_rows(
            &self.state,
            &self.events.filter,
            self.events.who.as_deref(),
            None,
        )
        .into_iter()
        .filter_map(|i| self.state.annotations.events.get(i).cloned())
        .collect()
    }

    /// What the exports need of the articles these events cite.
    fn article_infos(
        &self,
        events: &[&crate::core::annotations::Event],
    ) -> std::collections::HashMap<String, crate::core::export::ArticleInfo> {
        events
            .iter()
            .flat_map(|e| e.evidence.iter())
            .filter_map(|p| {
                let a = self.state.articles.get(*self.state.by_path.get(&p.path)?)?;
                Some((p.path.clone(), crate::core::export::ArticleInfo::of(a)))
            })
            .collect()
    }

    /// Writes the chronology on a background task, atomically, and says what was written.
    fn export_chronology(&mut self, request: crate::ui::export_dialog::ExportRequest) {
        use crate::ui::export_dialog::ExportScope;
        let events: Vec<crate::core::annotations::Event> = match request.scope {
            ExportScope::All => self.state.annotations.events.clone(),
            ExportScope::Filtered => self.filtered_events(),
            ExportScope::Range => self
                .state
                .annotations
                .events
                .iter()
                .filter(|e| {
                    let day = e.when.start.first_day();
                    request.from.is_none_or(|f| day.is_some_and(|d| d >= f))
                        && request.to.is_none_or(|t| day.is_some_and(|d| d <= t))
                })
                .cloned()
                .collect(),
        };
        let annotations = self.state.annotations.annotations.clone();
        let refs: Vec<&crate::core::annotations::Event> = events.iter().collect();
        let mut infos = self.article_infos(&refs);
        for a in &annotations {
            if let Some(article) = self
                .state
                .by_path
                .get(&a.passage.path)
                .and_then(|&i| self.state.articles.get(i))
            {
                infos.insert(
                    a.passage.path.clone(),
                    crate::core::export::ArticleInfo::of(article),
                );
            }
        }
        let types = self.state.types.clone();
        let places_path = self
            .state
            .annotations_path
            .as_ref()
            .map(|p| p.with_file_name(crate::core::export::PLACES_FILE));
        let title = self.collection_name();
        self.state.message = Some(format!("Exporting to {}…", request.path.display()));
        let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let total = if request.annotations {
            annotations.len()
        } else {
            events.len()
        };
        self.state.export_progress = Some((std::sync::Arc::clone(&done), total));
        self.spawn_task(move || {
            use crate::core::export;
            let places = match places_path.as_deref().map(export::Places::load) {
                Some(Err(e)) => {
                    return WindowCommand::ReportError(format!("cannot export: {e}")).into();
                }
                Some(Ok(p)) => p,
                None => export::Places::default(),
            };
            let lookup = |p: &str| infos.get(p).cloned();
            let tell = |n: usize| done.store(n, std::sync::atomic::Ordering::Relaxed);
            let ctx = export::Context {
                articles: &lookup,
                types: &types,
                places: &places,
                progress: Some(&tell),
            };
            let options = export::Options {
                excel: request.excel,
                title,
            };
            let (written, what) = if request.annotations {
                let list: Vec<_> = annotations.iter().collect();
                (export::annotations(&list, &ctx, &options), "annotations")
            } else {
                let list: Vec<_> = events.iter().collect();
                (
                    export::events(request.format, &list, &ctx, &options),
                    "events",
                )
            };
            InterchangeCommand::ExportDone(
                match crate::core::store::write_atomically(&request.path, written.text.as_bytes()) {
                    Ok(()) => Ok(format!(
                        "{} to {}",
                        super::annotations::capitalise(&written.message(what)),
                        request.path.display()
                    )),
                    Err(e) => Err(format!("cannot export to {}: {e}", request.path.display())),
                },
            )
            .into()
        });
    }
}
