//! The editor for an event or a plain annotation: a modal form that returns a [`Change`] when the
//! user saves or deletes.

use egui::RichText;

use super::theme;
use crate::core::annotations::{
    Annotation, Event, EventTime, PartialDate, Precision, now_stamp, split_list,
};
use crate::core::history::Change;
use crate::core::taxonomy::TypeIndex;

/// What the form edits.
#[derive(Debug, Clone)]
enum Target {
    Event {
        original: Option<Event>,
        base: Event,
    },
    Annotation {
        original: Option<Annotation>,
        base: Annotation,
    },
}

/// What the user did with the form this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorOutcome {
    Open,
    Cancelled,
    Done(Box<Change>),
}

pub struct EditorPanel {
    target: Target,
    pub title: String,
    pub type_id: String,
    pub start: String,
    pub end: String,
    pub precision: Precision,
    pub ongoing: bool,
    pub approximate: bool,
    pub actors: String,
    pub places: String,
    /// How many were killed: a whole number, or empty when the reports do not say.
    pub fatalities: String,
    pub tags: String,
    pub note: String,
    error: Option<String>,
    focus_first: bool,
    /// Where the proposed date came from, shown under the date.
    proposal: Option<String>,
    /// Names already used in the collection's events, offered as the user types.
    pub known_actors: Vec<String>,
    pub known_places: Vec<String>,
}

/// Up to `max` known names matching the fragment after the last comma of `field` and not in it.
pub fn suggestions<'a>(field: &str, known: &'a [String], max: usize) -> Vec<&'a str> {
    let fragment = field
        .rsplit([',', ';'])
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    if fragment.is_empty() {
        return Vec::new();
    }
    let present: Vec<String> = field
        .split([',', ';'])
        .map(|s| s.trim().to_lowercase())
        .collect();
    known
        .iter()
        .filter(|k| {
            let lower = k.to_lowercase();
            lower.contains(&fragment) && lower != fragment && !present.contains(&lower)
        })
        .take(max)
        .map(String::as_str)
        .collect()
}

/// Replaces the fragment after the last comma of `field` with `name`.
fn complete(field: &mut String, name: &str) {
    let keep = field.rfind([',', ';']).map_or(0, |i| i + 1);
    field.truncate(keep);
    if keep > 0 {
        field.push(' ');
    }
    field.push_str(name);
    field.push_str(", ");
}

fn suggestions_ui(ui: &mut egui::Ui, field: &mut String, known: &[String]) {
    let offers: Vec<String> = suggestions(field, known, 6)
        .into_iter()
        .map(str::to_string)
        .collect();
    if offers.is_empty() {
        return;
    }
    ui.label("");
    ui.horizontal_wrapped(|ui| {
        ui.weak("used before:");
        for name in offers {
            if ui.small_button(&name).clicked() {
                complete(field, &name);
            }
        }
    });
    ui.end_row();
}

impl EditorPanel {
    /// A form for a new or existing event.
    pub fn for_event(event: Event, is_new: bool) -> Self {
        let w = &event.when;
        Self {
            title: event.title.clone(),
            type_id: event.event_type.clone(),
            start: w.start.to_string(),
            end: w.end.map(|d| d.to_string()).unwrap_or_default(),
            precision: w.start.precision(),
            ongoing: w.ongoing,
            approximate: w.approximate,
            actors: event.actors.join(", "),
            places: event.places.join(", "),
            fatalities: event.fatalities.map(|n| n.to_string()).unwrap_or_default(),
            tags: event.tags.join(", "),
            note: event.note.clone(),
            error: None,
            focus_first: true,
            proposal: None,
            known_actors: Vec::new(),
            known_places: Vec::new(),
            target: Target::Event {
                original: (!is_new).then(|| event.clone()),
                base: event,
            },
        }
    }

    /// A form for a new or existing plain annotation.
    pub fn for_annotation(annotation: Annotation, is_new: bool) -> Self {
        Self {
            title: String::new(),
            type_id: String::new(),
            start: String::new(),
            end: String::new(),
            precision: Precision::Day,
            ongoing: false,
            approximate: false,
            actors: String::new(),
            places: String::new(),
            fatalities: String::new(),
            tags: annotation.tags.join(", "),
            note: annotation.note.clone(),
            error: None,
            focus_first: true,
            proposal: None,
            known_actors: Vec::new(),
            known_places: Vec::new(),
            target: Target::Annotation {
                original: (!is_new).then(|| annotation.clone()),
                base: annotation,
            },
        }
    }

    /// Fills the date fields from a date found in the text, and says where it came from.
    pub fn propose(&mut self, when: &EventTime, note: String) {
        self.start = when.start.to_string();
        self.precision = when.start.precision();
        self.end = when.end.map(|d| d.to_string()).unwrap_or_default();
        self.ongoing = when.ongoing;
        self.approximate = when.approximate;
        self.proposal = Some(note);
    }

    pub fn is_event(&self) -> bool {
        matches!(self.target, Target::Event { .. })
    }

    fn is_new(&self) -> bool {
        match &self.target {
            Target::Event { original, .. } => original.is_none(),
            Target::Annotation { original, .. } => original.is_none(),
        }
    }

    fn quote(&self) -> String {
        let passage = match &self.target {
            Target::Event { base, .. } => base.evidence.first(),
            Target::Annotation { base, .. } => Some(&base.passage),
        };
        passage.map(|p| p.exact.clone()).unwrap_or_default()
    }

    /// The change the form describes, or what is wrong with it.
    pub fn change(&self) -> Result<Change, String> {
        let now = now_stamp();
        match &self.target {
            Target::Event { original, base } => {
                let title = self.title.trim();
                if title.is_empty() {
                    return Err("The event needs a title.".into());
                }
                if self.type_id.is_empty() {
                    return Err("Choose a type for the event.".into());
                }
                let start: PartialDate = self
                    .start
                    .parse()
                    .map_err(|e: crate::core::annotations::DateError| format!("Date: {e}"))?;
                let end =
                    match self.end.trim() {
                        "" => None,
                        text => {
                            let end: PartialDate = text.parse().map_err(
                                |e: crate::core::annotations::DateError| format!("End: {e}"),
                            )?;
                            if end.first_day() < start.first_day() {
                                return Err("The end date is before the start date.".into());
                            }
                            Some(end)
                        }
                    };
                let mut event = base.clone();
                event.title = title.to_string();
                event.event_type = self.type_id.clone();
                event.when = EventTime {
                    start,
                    end,
                    ongoing: self.ongoing,
                    approximate: self.approximate,
                };
                event.actors = split_list(&self.actors);
                event.places = split_list(&self.places);
                event.fatalities = match self.fatalities.trim() {
                    "" => None,
                    text => Some(text.parse::<u32>().map_err(|_| {
                        format!(
                            "Fatalities: {text:?} is not a whole number (leave it empty when \
                             the reports do not say)"
                        )
                    })?),
                };
                event.tags = split_list(&self.tags);
                event.note = self.note.trim_end().to_string();
                if original.is_none() || event.created.is_empty() {
                    event.created = now.clone();
                }
                event.modified = now;
                Ok(Change::Event {
                    before: original.clone(),
                    after: Some(event),
                })
            }
            Target::Annotation { original, base } => {
                let mut annotation = base.clone();
                annotation.tags = split_list(&self.tags);
                annotation.note = self.note.trim_end().to_string();
                if original.is_none() || annotation.created.is_empty() {
                    annotation.created = now.clone();
                }
                annotation.modified = now;
                Ok(Change::Annotation {
                    before: original.clone(),
                    after: Some(annotation),
                })
            }
        }
    }

    fn delete_change(&self) -> Option<Change> {
        match &self.target {
            Target::Event {
                original: Some(e), ..
            } => Some(Change::Event {
                before: Some(e.clone()),
                after: None,
            }),
            Target::Annotation {
                original: Some(a), ..
            } => Some(Change::Annotation {
                before: Some(a.clone()),
                after: None,
            }),
            _ => None,
        }
    }

    fn save(&mut self) -> EditorOutcome {
        match self.change() {
            Ok(change) => EditorOutcome::Done(Box::new(change)),
            Err(e) => {
                self.error = Some(e);
                EditorOutcome::Open
            }
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, types: &TypeIndex) -> EditorOutcome {
        let mut outcome = EditorOutcome::Open;
        let heading = match (self.is_event(), self.is_new()) {
            (true, true) => "Tag event",
            (true, false) => "Edit event",
            (false, true) => "Annotate passage",
            (false, false) => "Edit annotation",
        };
        let modal = egui::Modal::new(egui::Id::unique("editor")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(heading);
            let quote = self.quote();
            if !quote.is_empty() {
                egui::ScrollArea::vertical()
                    .max_height(90.0)
                    .show(ui, |ui| {
                        ui.label(RichText::new(format!("“{}”", quote.trim())).italics());
                    });
            }
            if let Target::Event { base, .. } = &self.target
                && base.evidence.len() > 1
            {
                ui.label(RichText::new("Also reported in").strong());
                for p in &base.evidence[1..] {
                    let quote = crate::core::text::one_line(&p.exact, 90);
                    ui.label(format!("{}: “{quote}”", p.path));
                }
            }
            ui.separator();
            egui::Grid::new("editor-grid")
                .num_columns(2)
                .spacing([10.0, 8.0])
                .show(ui, |ui| {
                    if self.is_event() {
                        self.event_fields_ui(ui, types);
                    }
                    let label = ui.label("Tags").id;
                    ui.add(
                        egui::TextEdit::singleline(&mut self.tags)
                            .hint_text("comma-separated")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label);
                    ui.end_row();
                    let label = ui.label("Note").id;
                    let note = ui
                        .add(
                            egui::TextEdit::multiline(&mut self.note)
                                .desired_rows(3)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label);
                    if self.focus_first && !self.is_event() {
                        note.request_focus();
                        self.focus_first = false;
                    }
                    ui.end_row();
                });
            if let Some(error) = &self.error {
                ui.colored_label(theme::error_color(ui.visuals().dark_mode), error);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .button("Save")
                    .on_hover_text("Save (Ctrl+Enter)")
                    .clicked()
                {
                    outcome = self.save();
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Close without saving (Esc)")
                    .clicked()
                {
                    outcome = EditorOutcome::Cancelled;
                }
                if let Some(delete) = self.delete_change() {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .button(
                                RichText::new("Delete")
                                    .color(theme::error_color(ui.visuals().dark_mode)),
                            )
                            .on_hover_text("Delete it (Undo brings it back)")
                            .clicked()
                        {
                            outcome = EditorOutcome::Done(Box::new(delete));
                        }
                    });
                }
            });
        });
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter)) {
            outcome = self.save();
        }
        if modal.should_close() && outcome == EditorOutcome::Open {
            outcome = EditorOutcome::Cancelled;
        }
        outcome
    }

    fn event_fields_ui(&mut self, ui: &mut egui::Ui, types: &TypeIndex) {
        let label = ui.label("Title").id;
        let title = ui
            .add(egui::TextEdit::singleline(&mut self.title).desired_width(f32::INFINITY))
            .labelled_by(label);
        if self.focus_first {
            // The title is prefilled from the passage: selected, so typing replaces it.
            title.request_focus();
            let mut state =
                egui::text_edit::TextEditState::load(ui.ctx(), title.id).unwrap_or_default();
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(self.title.chars().count()),
                )));
            state.store(ui.ctx(), title.id);
            self.focus_first = false;
        }
        ui.end_row();

        let label = ui.label("Type").id;
        let selected = types
            .get(&self.type_id)
            .map_or(self.type_id.clone(), |t| t.path_label.clone());
        egui::ComboBox::from_id_salt("event-type")
            .selected_text(selected)
            .width(ui.available_width())
            .height(400.0)
            .show_ui(ui, |ui| {
                let mut last_set = "";
                for entry in types.entries() {
                    if entry.set != last_set {
                        last_set = &entry.set;
                        ui.label(RichText::new(&entry.set).strong());
                    }
                    let indent = "    ".repeat(entry.depth + 1);
                    let text = RichText::new(format!("{indent}{}", entry.label))
                        .color(theme::event_marker(entry.color));
                    ui.selectable_value(&mut self.type_id, entry.id.clone(), text);
                }
            })
            .response
            .labelled_by(label);
        ui.end_row();

        let label = ui.label("Date").id;
        ui.horizontal(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.start)
                        .desired_width(110.0)
                        .hint_text("2022-12-07"),
                )
                .labelled_by(label);
            if response.changed()
                && let Ok(d) = self.start.parse::<PartialDate>()
            {
                self.precision = d.precision();
            }
            for p in Precision::ALL {
                if ui.radio_value(&mut self.precision, p, p.label()).changed()
                    && let Ok(d) = self.start.parse::<PartialDate>()
                {
                    self.start = d.with_precision(p).to_string();
                }
            }
        });
        ui.end_row();

        if let Some(note) = &self.proposal {
            ui.label("");
            ui.add(egui::Label::new(RichText::new(note).weak().small()).wrap());
            ui.end_row();
        }

        let label = ui.label("Until").id;
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.end)
                    .desired_width(110.0)
                    .hint_text("optional"),
            )
            .labelled_by(label);
            ui.checkbox(&mut self.ongoing, "ongoing")
                .on_hover_text("Still going on when reported");
            ui.checkbox(&mut self.approximate, "approximate");
        });
        ui.end_row();

        let label = ui.label("Actors").id;
        ui.add(
            egui::TextEdit::singleline(&mut self.actors)
                .hint_text("comma-separated")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label);
        ui.end_row();
        suggestions_ui(ui, &mut self.actors, &self.known_actors);

        let label = ui.label("Places").id;
        ui.add(
            egui::TextEdit::singleline(&mut self.places)
                .hint_text("comma-separated")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label);
        ui.end_row();
        suggestions_ui(ui, &mut self.places, &self.known_places);
        let label = ui.label("Fatalities").id;
        ui.add(
            egui::TextEdit::singleline(&mut self.fatalities)
                .hint_text("a number, or empty when unknown")
                .desired_width(160.0),
        )
        .labelled_by(label);
        ui.end_row();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::annotations::Passage;

    fn event() -> Event {
        Event {
            id: "ev-1".into(),
            title: "Meeting".into(),
            event_type: "diplomacy/meeting".into(),
            when: EventTime {
                start: "2022-12-05".parse().expect("date"),
                end: None,
                ongoing: false,
                approximate: false,
            },
            actors: vec![],
            places: vec![],
            tags: vec![],
            note: String::new(),
            fatalities: None,
            evidence: vec![Passage {
                path: "a.txt".into(),
                exact: "met".into(),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
                end: 3,
                content_hash: String::new(),
            }],
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            modified_by: String::new(),
        }
    }

    #[test]
    fn form_validation() {
        let cases: &[(&str, &str, &str, Result<(), &str>)] = &[
            ("Meeting", "2022-12-05", "", Ok(())),
            ("Meeting", "2022-12", "2023", Ok(())),
            ("  ", "2022-12-05", "", Err("needs a title")),
            ("Meeting", "5 Dec", "", Err("Date: not a date")),
            (
                "Meeting",
                "2022-12-05",
                "2022-12-01",
                Err("before the start"),
            ),
            ("Meeting", "2022-12-05", "soon", Err("End: not a date")),
        ];
        for (title, start, end, want) in cases {
            let mut form = EditorPanel::for_event(event(), true);
            form.title = title.to_string();
            form.start = start.to_string();
            form.end = end.to_string();
            let got = form.change();
            match want {
                Ok(()) => assert!(got.is_ok(), "{title:?} {start:?} {end:?}: {got:?}"),
                Err(e) => assert!(
                    got.as_ref().err().is_some_and(|g| g.contains(e)),
                    "{title:?} {start:?} {end:?}: {got:?}"
                ),
            }
        }
    }

    #[test]
    fn fatalities_are_a_whole_number_or_unknown() {
        let cases: &[(&str, Result<Option<u32>, &str>)] = &[
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("0", Ok(Some(0))),
            (" 12 ", Ok(Some(12))),
            ("many", Err("is not a whole number")),
            ("-3", Err("is not a whole number")),
            ("2.5", Err("is not a whole number")),
        ];
        for (text, want) in cases {
            let mut form = EditorPanel::for_event(event(), true);
            form.fatalities = text.to_string();
            let got = form.change().map(|c| match c {
                Change::Event { after: Some(e), .. } => e.fatalities,
                _ => None,
            });
            match want {
                Ok(n) => assert_eq!(got.as_ref().ok(), Some(n), "{text:?}: {got:?}"),
                Err(e) => assert!(
                    got.as_ref().err().is_some_and(|g| g.contains(e)),
                    "{text:?}: {got:?}"
                ),
            }
        }
    }

    #[test]
    fn suggestions_offer_names_already_used() {
        let known: Vec<String> = [
            "Sergei Lavrov",
            "Jeyhun Bayramov",
            "Lachin road",
            "Xankəndi",
        ]
        .map(String::from)
        .to_vec();
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("lav", &["Sergei Lavrov"]),
            ("Sergei Lavrov, bay", &["Jeyhun Bayramov"]),
            ("Sergei Lavrov, ", &[]),
            ("XANKƏ", &["Xankəndi"]),
            ("Sergei Lavrov, Sergei", &[]),
        ];
        for (field, want) in cases {
            assert_eq!(suggestions(field, &known, 6), *want, "{field:?}");
        }
        let mut field = "Sergei Lavrov, bay".to_string();
        complete(&mut field, "Jeyhun Bayramov");
        assert_eq!(field, "Sergei Lavrov, Jeyhun Bayramov, ");
    }

    #[test]
    fn saving_a_new_event_fills_lists_and_times() -> Result<(), String> {
        let mut form = EditorPanel::for_event(event(), true);
        form.actors = "Lavrov, Bayramov".into();
        form.places = "Moscow".into();
        let Change::Event {
            before,
            after: Some(after),
        } = form.change()?
        else {
            return Err("not an event change".into());
        };
        assert!(before.is_none());
        assert_eq!(after.actors, ["Lavrov", "Bayramov"]);
        assert_eq!(after.places, ["Moscow"]);
        assert!(!after.created.is_empty() && after.created == after.modified);
        Ok(())
    }
}
