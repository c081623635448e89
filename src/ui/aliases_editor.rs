//! Edit › Name variants: groups of spellings that search treats as one name, saved beside the
//! annotations as `aliases.ron`.

use crate::core::search::Aliases;

pub struct AliasesEditor {
    /// One line a group: its names, comma-separated.
    rows: Vec<String>,
    /// Why saving is off: the collection's file did not parse and is left as it is.
    blocked: Option<String>,
    path: Option<std::path::PathBuf>,
}

pub enum AliasesAction {
    None,
    Close,
    Save(Aliases),
}

fn rows_of(aliases: &Aliases) -> Vec<String> {
    aliases.groups.iter().map(|g| g.join(", ")).collect()
}

impl AliasesEditor {
    pub fn new(
        aliases: &Aliases,
        blocked: Option<String>,
        path: Option<std::path::PathBuf>,
    ) -> Self {
        Self {
            rows: rows_of(aliases),
            blocked,
            path,
        }
    }

    /// The groups as edited: empty names and groups dropped, a name once per group.
    pub fn aliases(&self) -> Aliases {
        let groups = self
            .rows
            .iter()
            .map(|row| {
                let mut names: Vec<String> = Vec::new();
                for name in row.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    if !names.iter().any(|n| n == name) {
                        names.push(name.to_string());
                    }
                }
                names
            })
            .filter(|g| !g.is_empty())
            .collect();
        Aliases { version: 1, groups }
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> AliasesAction {
        let mut action = AliasesAction::None;
        let mut open = true;
        egui::Window::new("Name variants")
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.label(
                    "One line per place or person: its names in every spelling, separated by \
                     commas. A search for any of them finds them all.",
                );
                if let Some(path) = &self.path {
                    ui.weak(format!("Saved in {}", path.display()));
                }
                if let Some(reason) = &self.blocked {
                    ui.colored_label(
                        super::theme::error_color(ui.visuals().dark_mode),
                        format!(
                            "{reason}. It is left untouched: fix or remove it, then open the \
                             collection again. Until then the presets are used and saving is off."
                        ),
                    );
                }
                ui.separator();
                let mut remove = None;
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for (i, row) in self.rows.iter_mut().enumerate() {
                            ui.horizontal(|ui| {
                                let label = ui.weak(format!("{:>2}", i + 1)).id;
                                ui.add(
                                    egui::TextEdit::singleline(row)
                                        .desired_width(ui.available_width() - 80.0)
                                        .hint_text("Name, another spelling, …"),
                                )
                                .labelled_by(label);
                                if ui
                                    .small_button("Remove")
                                    .on_hover_text("Remove this group")
                                    .clicked()
                                {
                                    remove = Some(i);
                                }
                            });
                        }
                    });
                if let Some(i) = remove {
                    self.rows.remove(i);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("Add a group").clicked() {
                        self.rows.push(String::new());
                    }
                    if ui
                        .button("Restore the presets")
                        .on_hover_text("The name variants Dateline ships with")
                        .clicked()
                    {
                        self.rows = rows_of(&Aliases::builtin());
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Cancel").clicked() {
                            action = AliasesAction::Close;
                        }
                        let save = ui
                            .add_enabled(self.blocked.is_none(), egui::Button::new("Save"))
                            .on_disabled_hover_text("The collection's aliases file did not parse");
                        if save.clicked() {
                            action = AliasesAction::Save(self.aliases());
                        }
                    });
                });
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            action = AliasesAction::Close;
        }
        action
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_groups() {
        let mut editor = AliasesEditor::new(&Aliases::default(), None, None);
        editor.rows = vec![
            "Lachin, Laçın , Лачин".into(),
            " ,  ".into(),
            "Shusha, Shusha, Şuşa".into(),
        ];
        let a = editor.aliases();
        assert_eq!(
            a.groups,
            vec![vec!["Lachin", "Laçın", "Лачин"], vec!["Shusha", "Şuşa"]]
        );
        assert_eq!(a.version, 1);
    }
}
