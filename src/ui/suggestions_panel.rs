//! The Suggestions tab: the dates the articles report, proposed with their evidence — date,
//! summary, articles and sources, proposed type; select one to step through its passages in the
//! reader, Accept it as an event, or Dismiss it.

use egui_extras::{Column, TableBuilder};

use super::commands::{AnnotationCommand, Command, ViewCommand};
use super::state::AppState;
use super::theme;
use crate::core::annotations::{Event, Precision as DatePrecision};
use crate::core::suggest::{Precision, Suggestion};

#[derive(Default)]
pub struct SuggestionsPanel;

/// The date as people read it: "2010-04-20", "2010-04", "2010-06-03 – 2010-06-07", "2012-03-15 –".
pub fn date_label(s: &Suggestion) -> String {
    let mut text = s.key();
    if let Some(end) = s.end {
        text.push_str(&format!(" – {end}"));
    } else if s.ongoing {
        text.push_str(" –");
    }
    text
}

/// An event already made for what a suggestion proposes: one on its day with a passage from one
/// of its articles, or else the only one on its day.
pub fn matching_event<'a>(state: &'a AppState, s: &Suggestion) -> Option<&'a Event> {
    let on_day: Vec<&Event> = state
        .annotations
        .events
        .iter()
        .filter(|e| {
            e.when.start.first_day() == Some(s.date)
                && (e.when.start.precision() == DatePrecision::Month)
                    == (s.precision == Precision::Month)
        })
        .collect();
    on_day
        .iter()
        .find(|e| {
            e.evidence
                .iter()
                .any(|p| s.evidence.iter().any(|x| x.path == p.path))
        })
        .or_else(|| (on_day.len() == 1).then(|| &on_day[0]))
        .copied()
}

impl SuggestionsPanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        let s = &state.suggestions;
        let shown = s.shown();
        ui.horizontal(|ui| {
            let mut filtered = s.filtered;
            if ui
                .checkbox(&mut filtered, "Only the listed articles")
                .on_hover_text(
                    "Suggest from the articles the list shows (a filter, a day, a range, a \
                     search) instead of the whole collection",
                )
                .changed()
            {
                commands.push(ViewCommand::SuggestFromFiltered(filtered).into());
            }
            let dismissed = s.list.iter().filter(|x| s.is_dismissed(x)).count();
            let mut show = s.show_dismissed;
            if ui
                .add_enabled(
                    dismissed > 0 || show,
                    egui::Checkbox::new(&mut show, format!("Show dismissed ({dismissed})")),
                )
                .changed()
            {
                commands.push(ViewCommand::ShowDismissed(show).into());
            }
            if let Some(sel) = s.selected() {
                let n = sel.evidence.len();
                if ui
                    .add_enabled(n > 1, egui::Button::new("Previous passage"))
                    .on_hover_text("Previous evidence passage (Shift+F4)")
                    .clicked()
                {
                    commands.push(ViewCommand::StepEvidence(false).into());
                }
                ui.label(format!("passage {} of {n}", (s.step + 1).min(n)));
                if ui
                    .add_enabled(n > 1, egui::Button::new("Next passage"))
                    .on_hover_text("Next evidence passage (F4)")
                    .clicked()
                {
                    commands.push(ViewCommand::StepEvidence(true).into());
                }
            }
            if let Some((done, total)) = s.progress {
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .desired_width(160.0)
                        .text(format!("reading dates {done}/{total}")),
                );
            } else if s.running {
                ui.spinner();
            }
            ui.weak(format!("{} suggestions", shown.len()));
        });
        if let Some(reason) = &s.dismissed_blocked {
            ui.colored_label(
                theme::error_color(ui.visuals().dark_mode),
                format!("Dismissals are not saved: {reason}"),
            );
        }
        if shown.is_empty() {
            let text = match (&s.empty, s.running || s.progress.is_some()) {
                (_, true) => "Reading the dates of the articles…".to_string(),
                (Some(why), false) => format!("No suggestions: {why}."),
                (None, false) if !s.list.is_empty() => {
                    "Every suggestion is dismissed: tick Show dismissed to see them.".into()
                }
                (None, false) => "No suggestions yet: open a collection.".into(),
            };
            ui.weak(text);
            return;
        }
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(150.0))
            .column(Column::initial(420.0).clip(true))
            .column(Column::initial(120.0))
            .column(Column::initial(150.0).clip(true))
            .column(Column::remainder())
            .header(22.0, |mut h| {
                for title in ["Date", "Summary", "Reported by", "Proposed type", ""] {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, shown.len(), |mut row| {
                    let i = shown[row.index()];
                    let sug = &s.list[i];
                    row.set_selected(s.selected == Some(i));
                    let dismissed = s.is_dismissed(sug);
                    row.col(|ui| {
                        ui.label(date_label(sug));
                    });
                    row.col(|ui| {
                        let text = crate::core::text::one_line(&sug.summary, 160);
                        if dismissed {
                            ui.weak(text);
                        } else {
                            ui.label(text);
                        }
                    });
                    row.col(|ui| {
                        use crate::core::text::counted;
                        let sources = if sug.sources > 0 {
                            format!(" / {}", counted(sug.sources, "source"))
                        } else {
                            String::new()
                        };
                        ui.label(format!("{}{sources}", counted(sug.articles, "article")));
                    });
                    row.col(|ui| {
                        let why = if sug.type_because.is_empty() {
                            "No word of the type table matched: the fallback type".to_string()
                        } else {
                            format!("Proposed because the passages say “{}”", sug.type_because)
                        };
                        ui.colored_label(
                            theme::event_marker(state.types.color(&sug.event_type)),
                            state.types.label(&sug.event_type),
                        )
                        .on_hover_text(why);
                    });
                    row.col(|ui| {
                        if let Some(e) = matching_event(state, sug) {
                            if ui
                                .link(format!(
                                    "Event: {}",
                                    crate::core::text::one_line(&e.title, 40)
                                ))
                                .on_hover_text("An event already made for this date: open it")
                                .clicked()
                            {
                                commands.push(ViewCommand::OpenEvent(e.id.clone()).into());
                            }
                        } else if ui
                            .button("Accept")
                            .on_hover_text(
                                "Make it an event with every evidence passage (Ctrl+Z undoes)",
                            )
                            .clicked()
                        {
                            commands.push(AnnotationCommand::AcceptSuggestion(i).into());
                        }
                        let (label, hint) = if dismissed {
                            ("Restore", "Show this suggestion again")
                        } else {
                            (
                                "Dismiss",
                                "Hide this suggestion, also after a restart and for colleagues",
                            )
                        };
                        if ui.button(label).on_hover_text(hint).clicked() {
                            commands.push(
                                AnnotationCommand::DismissSuggestion(sug.key(), !dismissed).into(),
                            );
                        }
                    });
                    if row.response().clicked() {
                        commands.push(ViewCommand::SelectSuggestion(i).into());
                    }
                });
            });
    }
}
