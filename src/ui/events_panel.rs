//! The events table: date, type, title, actors, places, passages, sources and who wrote and last
//! edited each event, sortable and filterable (by words, and by a team member); a click shows the event (timeline and reader), a double click edits it, and two or
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
    Author,
}

#[derive(Default)]
pub struct EventsPanel {
    pub filter: String,
    /// Only the events this person wrote or last edited; `None` shows everyone's.
    pub who: Option<String>,
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

/// Everyone who wrote or last edited an event, sorted, for the filter by author.
pub fn people(state: &AppState) -> Vec<String> {
    let names: BTreeSet<&str> = state
        .annotations
        .events
        .iter()
        .flat_map(|e| [e.author.as_str(), e.modified_by.as_str()])
        .filter(|n| !n.is_empty())
        .collect();
    names.into_iter().map(str::to_string).collect()
}

/// Who an event is by, as the Author column shows it: "Aysel", "Aysel, edited by Tom", or empty
/// for an event written before names were kept.
pub fn by_line(e: &Event) -> String {
    match (e.author.as_str(), e.modified_by.as_str()) {
        (a, m) if m.is_empty() || m == a => a.to_string(),
        ("", m) => format!("edited by {m}"),
        (a, m) => format!("{a}, edited by {m}"),
    }
}

/// The events to list, filtered by words in any column and by who wrote or last edited them,
/// and sorted.
pub fn event_rows(
    state: &AppState,
    filter: &str,
    who: Option<&str>,
    sort: Option<(EventSort, bool)>,
) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let events = &state.annotations.events;
    let mut rows: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let e = &events[i];
            if who.is_some_and(|w| e.author != w && e.modified_by != w) {
                return false;
            }
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
            EventSort::Author => (x.author.to_lowercase(), x.modified_by.to_lowercase())
                .cmp(&(y.author.to_lowercase(), y.modified_by.to_lowercase())),
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
            let people = people(state);
            if self.who.as_ref().is_some_and(|w| !people.contains(w)) {
                self.who = None;
            }
            if !people.is_empty() {
                let by = ui.label("By").id;
                egui::ComboBox::from_id_salt("events-by")
                    .selected_text(self.who.as_deref().unwrap_or("anyone"))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.who, None, "anyone");
                        for p in people {
                            let label = p.clone();
                            ui.selectable_value(&mut self.who, Some(p), label);
                        }
                    })
                    .response
                    .labelled_by(by)
                    .on_hover_text("Only the events this person wrote or last edited");
            }
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
        let rows = event_rows(state, &self.filter, self.who.as_deref(), self.sort);
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
            .column(Column::initial(70.0))
            .column(Column::remainder().clip(true))
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
                h.col(|ui| header(ui, "Author", EventSort::Author));
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
                    row.col(|ui| {
                        let by = by_line(e);
                        if e.modified.is_empty() {
                            ui.label(by);
                        } else {
                            ui.label(by)
                                .on_hover_text(format!("last edited {}", e.modified));
                        }
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
