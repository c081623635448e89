//! Team work on git: the Team window's set-up and Sync, run on background tasks with the
//! system's git; what a sync brought in is merged into the window's annotations.

use std::sync::{Arc, Mutex};

use super::DatelineApp;
use crate::core::taxonomy::{Taxonomy, TypeIndex};
use crate::core::team;
use crate::ui::commands::{Synced, TeamCommand, WindowCommand};
use crate::ui::team_window::TeamWindow;

impl DatelineApp {
    pub(super) fn apply_team(&mut self, command: TeamCommand) {
        let Some(root) = self.state.root.clone() else {
            self.state.last_error = Some("Open a collection first".into());
            return;
        };
        match command {
            TeamCommand::ShowTeam => {
                self.team_window = Some(TeamWindow::new());
                self.refresh_team_status();
            }
            TeamCommand::Status(status) => {
                if let Some(w) = &mut self.team_window {
                    w.status = Some(status);
                }
            }
            TeamCommand::Init { make_repository } => {
                let driver = std::env::current_exe().unwrap_or_else(|_| "dateline".into());
                self.spawn_task(move || {
                    TeamCommand::Done(
                        team::init(&root, make_repository, &driver)
                            .map(|r| r.to_string())
                            .map_err(|e| e.to_string()),
                    )
                    .into()
                });
            }
            TeamCommand::SetRemote(url) => {
                self.spawn_task(move || {
                    TeamCommand::Done(
                        team::set_remote(&root, &url)
                            .map(|()| format!("The team's repository is now {url}"))
                            .map_err(|e| e.to_string()),
                    )
                    .into()
                });
            }
            TeamCommand::Done(result) => {
                match result {
                    Ok(message) => self.state.message = Some(message),
                    Err(e) => self.state.last_error = Some(e),
                }
                self.refresh_team_status();
            }
            TeamCommand::Sync => {
                if self.state.syncing.is_some() {
                    return;
                }
                // What is unsaved goes to disk first: the sync commits the files.
                self.flush_save();
                if self.state.annotations_blocked.is_some() {
                    self.state.last_error = Some(
                        "The annotations file does not parse, so it cannot be synced: fix it first"
                            .into(),
                    );
                    return;
                }
                let step = Arc::new(Mutex::new("Starting…".to_string()));
                self.state.syncing = Some(Arc::clone(&step));
                let name = self.author.trim().to_string();
                let wake = self.wake();
                self.spawn_task(move || {
                    let progress = |s: &str| {
                        if let Ok(mut step) = step.lock() {
                            *step = s.to_string();
                        }
                        wake();
                    };
                    let user = (!name.is_empty()).then_some(name.as_str());
                    let result = team::sync(&root, user, &progress)
                        .map_err(|e| e.to_string())
                        .and_then(|report| {
                            let path = crate::core::store::default_path(&root);
                            let annotations = crate::core::store::load(&path)
                                .map_err(|e| e.to_string())?
                                .unwrap_or_default();
                            let types = path.with_file_name("taxonomy.ron");
                            let taxonomy = std::fs::read_to_string(&types)
                                .ok()
                                .and_then(|t| Taxonomy::parse(&t, &types).ok());
                            Ok(Box::new(Synced {
                                summary: report.summary(),
                                annotations,
                                taxonomy,
                            }))
                        });
                    TeamCommand::Synced(result).into()
                });
            }
            TeamCommand::Synced(result) => {
                self.state.syncing = None;
                match result {
                    Ok(synced) => {
                        let Synced {
                            summary,
                            annotations: disk,
                            taxonomy,
                        } = *synced;
                        if let Some(t) = taxonomy
                            && t != self.taxonomy
                        {
                            self.state.types = TypeIndex::new(&t);
                            self.state.rebuild_event_marks();
                            self.taxonomy = t;
                        }
                        // Edits made here while it ran are kept: merged on top of what came in.
                        let merged = crate::core::merge::three_way(
                            &self.state.disk_base,
                            &self.state.annotations,
                            &disk,
                        );
                        let changed = merged.set != self.state.annotations;
                        let as_on_disk = merged.set == disk;
                        self.state.disk_base = disk;
                        self.state.annotations = merged.set;
                        if changed {
                            self.changed();
                            // Edits made while it ran are still to be saved; the rest is on disk.
                            if as_on_disk {
                                self.state.saved_revision = self.state.annotations_revision;
                            }
                        }
                        self.load_aliases();
                        self.push_message(summary);
                    }
                    Err(e) => self.state.last_error = Some(format!("Sync: {e}")),
                }
                self.refresh_team_status();
            }
        }
    }

    fn push_message(&mut self, message: String) {
        self.commands
            .push(WindowCommand::ReportMessage(message).into());
    }

    fn refresh_team_status(&mut self) {
        if self.team_window.is_none() {
            return;
        }
        if let Some(root) = self.state.root.clone() {
            self.spawn_task(move || TeamCommand::Status(team::status(&root)).into());
        }
    }

    pub(super) fn team_window_ui(&mut self, ctx: &egui::Context) {
        let step = self
            .state
            .syncing
            .as_ref()
            .and_then(|s| s.lock().ok().map(|s| s.clone()));
        let Some(window) = &mut self.team_window else {
            return;
        };
        let command = window.ui(ctx, step.as_deref());
        if !window.open {
            self.team_window = None;
        }
        if let Some(c) = command {
            self.commands.push(c.into());
        }
    }
}
