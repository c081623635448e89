//! Settings › Places…: what is known of each place — country, ISO codes, region, admin level,
//! coordinates — for the ACLED export's geography, saved beside the annotations as `places.ron`.

use crate::core::export::{Place, Places};

/// One place as the form holds it: every field as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Row {
    name: String,
    country: String,
    iso: String,
    iso3: String,
    region: String,
    admin1: String,
    latitude: String,
    longitude: String,
    /// Fields the form does not show, kept as they were.
    rest: Place,
}

pub struct PlacesEditor {
    rows: Vec<Row>,
    /// Why saving is off: the collection's file did not parse and is left as it is.
    blocked: Option<String>,
    error: Option<String>,
    path: Option<std::path::PathBuf>,
}

pub enum PlacesAction {
    None,
    Close,
    Save(Places),
}

fn number(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

impl PlacesEditor {
    pub fn new(places: &Places, blocked: Option<String>, path: Option<std::path::PathBuf>) -> Self {
        let rows = places
            .places
            .iter()
            .map(|(name, p)| Row {
                name: name.clone(),
                country: p.country.clone(),
                iso: p.iso.clone(),
                iso3: p.iso3.clone(),
                region: p.region.clone(),
                admin1: p.admin1.clone(),
                latitude: number(p.latitude),
                longitude: number(p.longitude),
                rest: p.clone(),
            })
            .collect();
        Self {
            rows,
            blocked,
            error: None,
            path,
        }
    }

    /// The table as edited, or what is wrong with it: rows without a name dropped, a name once.
    pub fn places(&self) -> Result<Places, String> {
        let mut out = Places {
            version: 1,
            places: Default::default(),
        };
        for row in &self.rows {
            let name = row.name.trim();
            if name.is_empty() {
                continue;
            }
            let coordinate = |text: &str, what: &str, limit: f64| -> Result<Option<f64>, String> {
                match text.trim() {
                    "" => Ok(None),
                    t => match t.replace(',', ".").parse::<f64>() {
                        Ok(v) if v.abs() <= limit => Ok(Some(v)),
                        _ => Err(format!(
                            "{name}: the {what} {t:?} is not a number from -{limit} to {limit}"
                        )),
                    },
                }
            };
            let place = Place {
                country: row.country.trim().to_string(),
                iso: row.iso.trim().to_string(),
                iso3: row.iso3.trim().to_uppercase(),
                region: row.region.trim().to_string(),
                admin1: row.admin1.trim().to_string(),
                latitude: coordinate(&row.latitude, "latitude", 90.0)?,
                longitude: coordinate(&row.longitude, "longitude", 180.0)?,
                ..row.rest.clone()
            };
            if out.places.insert(name.to_string(), place).is_some() {
                return Err(format!("{name} is listed twice"));
            }
        }
        Ok(out)
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> PlacesAction {
        let mut action = PlacesAction::None;
        let mut open = true;
        egui::Window::new("Places")
            .open(&mut open)
            .collapsible(false)
            .default_width(900.0)
            .show(ctx, |ui| {
                ui.label(
                    "What you know of the places your events name: the ACLED export fills its \
                     country, ISO, region, admin1 and coordinates columns from the first place \
                     of an event listed here.",
                );
                if let Some(path) = &self.path {
                    ui.weak(format!("Saved in {}", path.display()));
                }
                if let Some(reason) = &self.blocked {
                    ui.colored_label(
                        super::theme::error_color(ui.visuals().dark_mode),
                        format!("{reason}. It is left untouched: fix or remove it; saving is off."),
                    );
                }
                ui.separator();
                let mut remove = None;
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        egui::Grid::new("places").striped(true).show(ui, |ui| {
                            for title in [
                                "Place",
                                "Country",
                                "ISO",
                                "ISO3",
                                "Region",
                                "Admin1",
                                "Latitude",
                                "Longitude",
                                "",
                            ] {
                                ui.strong(title);
                            }
                            ui.end_row();
                            for (i, row) in self.rows.iter_mut().enumerate() {
                                for (field, width) in [
                                    (&mut row.name, 140.0),
                                    (&mut row.country, 110.0),
                                    (&mut row.iso, 40.0),
                                    (&mut row.iso3, 40.0),
                                    (&mut row.region, 120.0),
                                    (&mut row.admin1, 110.0),
                                    (&mut row.latitude, 70.0),
                                    (&mut row.longitude, 70.0),
                                ] {
                                    ui.add(egui::TextEdit::singleline(field).desired_width(width));
                                }
                                if ui.small_button("Remove").clicked() {
                                    remove = Some(i);
                                }
                                ui.end_row();
                            }
                        });
                    });
                if let Some(i) = remove {
                    self.rows.remove(i);
                }
                if let Some(e) = &self.error {
                    ui.colored_label(super::theme::error_color(ui.visuals().dark_mode), e);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("Add a place").clicked() {
                        self.rows.push(Row::default());
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Cancel").clicked() {
                            action = PlacesAction::Close;
                        }
                        let save = ui
                            .add_enabled(self.blocked.is_none(), egui::Button::new("Save"))
                            .on_disabled_hover_text("The collection's places file did not parse");
                        if save.clicked() {
                            match self.places() {
                                Ok(places) => action = PlacesAction::Save(places),
                                Err(e) => self.error = Some(e),
                            }
                        }
                    });
                });
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            action = PlacesAction::Close;
        }
        action
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_places_or_say_what_is_wrong() {
        let mut editor = PlacesEditor::new(&Places::default(), None, None);
        let row = |name: &str, lat: &str, long: &str| Row {
            name: name.into(),
            country: "Azerbaijan".into(),
            iso3: "aze".into(),
            latitude: lat.into(),
            longitude: long.into(),
            ..Row::default()
        };
        editor.rows = vec![row("Xankəndi", "39.8153", "46,7519"), row("  ", "", "")];
        let places = editor.places().unwrap_or_default();
        assert_eq!(places.places.len(), 1);
        let p = &places.places["Xankəndi"];
        assert_eq!((p.latitude, p.longitude), (Some(39.8153), Some(46.7519)));
        assert_eq!(p.iso3, "AZE");
        let cases: &[(Vec<Row>, &str)] = &[
            (
                vec![row("A", "north", "")],
                "the latitude \"north\" is not a number",
            ),
            (
                vec![row("A", "", "200")],
                "the longitude \"200\" is not a number from -180 to 180",
            ),
            (
                vec![row("A", "", ""), row("A", "", "")],
                "A is listed twice",
            ),
        ];
        for (rows, says) in cases {
            editor.rows = rows.clone();
            let e = editor.places().err().unwrap_or_default();
            assert!(e.contains(says), "{e}");
        }
    }
}
