//! Settings › Team…: the collection's git repository, the merge driver, the remote, and Sync.

use crate::core::team::TeamStatus;

use super::commands::TeamCommand;

#[derive(Debug, Default)]
pub struct TeamWindow {
    /// What git said, once it has (asked off the UI thread).
    pub status: Option<TeamStatus>,
    pub remote: String,
    /// The collection is no repository and the user asked to set it up: ask first.
    pub confirming: bool,
    pub open: bool,
}

impl TeamWindow {
    pub fn new() -> Self {
        Self {
            open: true,
            ..Self::default()
        }
    }

    /// Draws the window; what the user asked for.
    pub fn ui(&mut self, ctx: &egui::Context, syncing: Option<&str>) -> Option<TeamCommand> {
        let mut out = None;
        let mut open = self.open;
        egui::Window::new("Team")
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .show(ctx, |ui| {
                let Some(status) = &self.status else {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Asking git…");
                    });
                    return;
                };
                if !status.git {
                    ui.label("Git is not installed (or not on the PATH). Install it to share work with a team, e.g. `apt install git`, then open this window again.");
                    return;
                }
                ui.label("Colleagues share the annotation files through a git repository. Dateline merges them by id, so a pull never leaves conflict markers: entries changed differently on both sides are listed in the Conflicts window.");
                ui.separator();
                let set_up = status.repository && status.driver;
                ui.label(format!(
                    "Repository: {}",
                    if status.repository { "yes" } else { "none yet" }
                ));
                ui.label(format!(
                    "Merge driver: {}",
                    if status.driver { "registered" } else { "not registered" }
                ));
                if self.confirming {
                    ui.label("The collection's folder is not a git repository. Make it one (git init)?");
                    ui.horizontal(|ui| {
                        if ui.button("Make it a repository").clicked() {
                            out = Some(TeamCommand::Init {
                                make_repository: true,
                            });
                            self.confirming = false;
                        }
                        if ui.button("Cancel").clicked() {
                            self.confirming = false;
                        }
                    });
                } else if ui
                    .button(if set_up { "Set up again" } else { "Set up for team work" })
                    .on_hover_text("Writes .gitattributes and .gitignore and registers the merge driver")
                    .clicked()
                {
                    if status.repository {
                        out = Some(TeamCommand::Init {
                            make_repository: false,
                        });
                    } else {
                        self.confirming = true;
                    }
                }
                if !status.repository {
                    return;
                }
                ui.separator();
                match &status.remote {
                    Some((name, url)) => ui.label(format!("Remote: {name} — {url}")),
                    None => ui.label("Remote: none — give the address of the team's repository:"),
                };
                ui.horizontal(|ui| {
                    let label = ui.label("Address").id;
                    ui.add(
                        egui::TextEdit::singleline(&mut self.remote)
                            .hint_text("https://… or /path/to/shared.git")
                            .desired_width(280.0),
                    )
                    .labelled_by(label);
                    if ui
                        .add_enabled(
                            !self.remote.trim().is_empty(),
                            egui::Button::new(if status.remote.is_some() { "Change remote" } else { "Set remote" }),
                        )
                        .clicked()
                    {
                        out = Some(TeamCommand::SetRemote(self.remote.trim().to_string()));
                    }
                });
                ui.separator();
                match syncing {
                    Some(step) => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(step);
                        });
                    }
                    None => {
                        if ui
                            .add_enabled(set_up, egui::Button::new("Sync"))
                            .on_hover_text("Save, commit your changes, pull the team's (merged by id), push")
                            .clicked()
                        {
                            out = Some(TeamCommand::Sync);
                        }
                    }
                }
            });
        self.open = open;
        out
    }
}
