//! The events table: date, type, title, actors, places, passages and sources, sortable and
//! filterable; a click shows the event (timeline and reader), a double click edits it, and two or
//! more ticked events merge into one.

use std::collections::BTreeSet;

use egui_extras::{Column, TableBuilder};

use super::commands::{AnnotationCommand, Command, ViewCommand};
use super::state::AppState;
use super::theme;
use crate::core::annotations::Event;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSort {
    Date,
    Type,
    Title,
    Passages,
    Sources,
}

#[derive(Default)]
pub struct EventsPanel {
    pub filter: String,
    sort: Option<(EventSort, bool)>,
    /// Events ticked for merging.
    pub ticked: BTreeSet<String>,
}

/// How many different outlets report an event.
fn sources(state: &AppState, e: &Event) -> usize {
    let outlets: BTreeSet<String> = e
        .evidence
        .iter()
        .map(|p| {
            state
                .by_path
                .get(&p.path)
                .and_then(|&i| state.articles.get(i))
                .and_then(|a| a.meta.source.clone())
                .unwrap_or_else(|| p.path.clone())
        })
        .collect();
    outlets.len()
}

/// The events to list, filtered by words in any column and sorted.
pub fn event_rows(state: &AppState, filter: &str, sort: Option<(EventSort, bool)>) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let events = &state.annotations.events;
    let mut rows: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let e = &events[i];
            let hay = format!(
                "{} {} {} {} {} {}",
                e.title,
                state.types.label(&e.event_type),
                e.actors.join(" "),
                e.places.join(" "),
                e.tags.join(" "),
                e.when.start
            )
            .to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect();
    let (key, ascending) = sort.unwrap_or((EventSort::Date, true));
    rows.sort_by(|&a, &b| {
        let (x, y) = (&events[a], &events[b]);
        let order = match key {
            EventSort::Date => x.when.start.first_day().cmp(&y.when.start.first_day()),
            EventSort::Type => state
                .types
                .label(&x.event_type)
                .cmp(state.types.label(&y.event_type)),
            EventSort::Title => x.title.to_lowercase().cmp(&y.title.to_lowercase()),
            EventSort::Passages => x.evidence.len().cmp(&y.evidence.len()),
            EventSort::Sources => sources(state, x).cmp(&sources(state, y)),
        }
        .then_with(|| x.id.cmp(&y.id));
        if ascending { order } else { order.reverse() }
    });
    rows
}

impl EventsPanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let label = ui.label("Filter").id;
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("title, type, actor, place, tag, date").desired_width(260.0))
                .labelled_by(label);
            self.ticked.retain(|id| state.annotations.event(id).is_some());
            let n = self.ticked.len();
            if ui
                .add_enabled(n >= 2, egui::Button::new(format!("Merge {n} ticked")))
                .on_hover_text("One event reported by several articles: keep the first ticked, add the others' passages, actors and places")
                .on_disabled_hover_text("Tick two or more events to merge them")
                .clicked()
            {
                commands.push(AnnotationCommand::MergeEvents(self.ticked.iter().cloned().collect()).into());
                self.ticked.clear();
            }
            if ui
                .add_enabled(!state.annotations.events.is_empty(), egui::Button::new("Copy chronology"))
                .on_hover_text("The events the filter shows, as a dated Markdown list, on the clipboard")
                .clicked()
            {
                commands.push(super::commands::InterchangeCommand::CopyChronology.into());
            }
            ui.weak(format!("{} events", state.annotations.events.len()));
        });
        if state.annotations.events.is_empty() {
            ui.weak("No events yet: select a passage in the reader and press Tag event (Ctrl+E).");
            return;
        }
        let rows = event_rows(state, &self.filter, self.sort);
        // Cells are not text to select: a click anywhere on a row opens its event.
        ui.style_mut().interaction.selectable_labels = false;
        let dark = ui.visuals().dark_mode;
        let mut header = |ui: &mut egui::Ui, title: &str, key: EventSort| {
            let arrow = match self.sort {
                Some((k, true)) if k == key => " ^",
                Some((k, false)) if k == key => " v",
                _ => "",
            };
            if ui
                .button(format!("{title}{arrow}"))
                .on_hover_text(format!("Sort by {}", title.to_lowercase()))
                .clicked()
            {
                self.sort = Some(match self.sort {
                    Some((k, asc)) if k == key => (key, !asc),
                    _ => (key, true),
                });
            }
        };
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(22.0))
            .column(Column::initial(90.0))
            .column(Column::initial(150.0))
            .column(Column::initial(260.0).clip(true))
            .column(Column::initial(150.0).clip(true))
            .column(Column::initial(130.0).clip(true))
            .column(Column::initial(70.0))
            .column(Column::remainder())
            .header(22.0, |mut h| {
                h.col(|ui| {
                    ui.label("");
                });
                h.col(|ui| header(ui, "Date", EventSort::Date));
                h.col(|ui| header(ui, "Type", EventSort::Type));
                h.col(|ui| header(ui, "Title", EventSort::Title));
                h.col(|ui| {
                    ui.strong("Actors");
                });
                h.col(|ui| {
                    ui.strong("Places");
                });
                h.col(|ui| header(ui, "Passages", EventSort::Passages));
                h.col(|ui| header(ui, "Sources", EventSort::Sources));
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let e = &state.annotations.events[rows[row.index()]];
                    let selected = state.selected_event.as_deref() == Some(e.id.as_str());
                    row.set_selected(selected);
                    row.col(|ui| {
                        let mut ticked = self.ticked.contains(&e.id);
                        if ui
                            .checkbox(&mut ticked, "")
                            .on_hover_text("Tick to merge")
                            .changed()
                        {
                            if ticked {
                                self.ticked.insert(e.id.clone());
                            } else {
                                self.ticked.remove(&e.id);
                            }
                        }
                    });
                    row.col(|ui| {
                        let mut when = e.when.start.to_string();
                        if let Some(end) = e.when.end {
                            when.push_str(&format!(" – {end}"));
                        } else if e.when.ongoing {
                            when.push_str(" –");
                        }
                        ui.label(when);
                    });
                    row.col(|ui| {
                        ui.colored_label(
                            theme::event_marker(state.types.color(&e.event_type)),
                            state.types.label(&e.event_type),
                        );
                    });
                    row.col(|ui| {
                        ui.label(&e.title);
                    });
                    row.col(|ui| {
                        ui.label(e.actors.join(", "));
                    });
                    row.col(|ui| {
                        ui.label(e.places.join(", "));
                    });
                    row.col(|ui| {
                        ui.label(e.evidence.len().to_string());
                    });
                    row.col(|ui| {
                        ui.label(sources(state, e).to_string());
                    });
                    let response = row.response();
                    if response.double_clicked() {
                        commands.push(AnnotationCommand::Edit(e.id.clone()).into());
                    } else if response.clicked() {
                        commands.push(ViewCommand::OpenEvent(e.id.clone()).into());
                    }
                    let _ = dark;
                });
            });
    }
}
