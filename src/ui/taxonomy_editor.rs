//! The event-type editor: add, rename, recolour and nest types; saved beside the annotations as
//! `taxonomy.ron`. Type ids stay as they are when a type is renamed, so tagged events keep theirs.

use egui::RichText;

use super::theme;
use crate::core::taxonomy::{EventType, Taxonomy, TypeSet, parse_color};

pub enum EditorAction {
    None,
    Close,
    Save(Taxonomy),
}

pub struct TaxonomyEditor {
    pub draft: Taxonomy,
    error: Option<String>,
}

/// `Protest note` under `diplomacy` → `diplomacy/protest_note`, unique among `taken`.
pub fn new_id(parent: &str, label: &str, taken: &[String]) -> String {
    let slug: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let slug = if slug.is_empty() {
        "type".to_string()
    } else {
        slug
    };
    let base = if parent.is_empty() {
        slug
    } else {
        format!("{parent}/{slug}")
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

fn all_ids(types: &[EventType], out: &mut Vec<String>) {
    for t in types {
        out.push(t.id.clone());
        all_ids(&t.children, out);
    }
}

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// What a row asked for.
enum RowAction {
    AddChild(usize),
    Delete(usize),
}

fn types_ui(
    ui: &mut egui::Ui,
    types: &mut Vec<EventType>,
    depth: usize,
    parent_color: [u8; 3],
    taken: &[String],
    added: &mut Vec<String>,
) {
    let mut action = None;
    for (i, t) in types.iter_mut().enumerate() {
        let mut rgb = t
            .color
            .as_deref()
            .and_then(parse_color)
            .unwrap_or(parent_color);
        ui.horizontal(|ui| {
            ui.add_space(depth as f32 * 18.0);
            if ui
                .color_edit_button_srgb(&mut rgb)
                .on_hover_text("Colour")
                .changed()
            {
                t.color = Some(hex(rgb));
            }
            let label = ui.label("Name").id;
            ui.add(egui::TextEdit::singleline(&mut t.label).desired_width(220.0))
                .labelled_by(label);
            ui.weak(&t.id);
            if ui
                .small_button("+ sub-type")
                .on_hover_text("Add a type under this one")
                .clicked()
            {
                action = Some(RowAction::AddChild(i));
            }
            if ui
                .small_button("Delete")
                .on_hover_text("Events of this type keep it, shown in grey")
                .clicked()
            {
                action = Some(RowAction::Delete(i));
            }
        });
        let color = t
            .color
            .as_deref()
            .and_then(parse_color)
            .unwrap_or(parent_color);
        types_ui(ui, &mut t.children, depth + 1, color, taken, added);
    }
    match action {
        Some(RowAction::AddChild(i)) => {
            let mut known = taken.to_vec();
            known.extend(added.iter().cloned());
            let id = new_id(&types[i].id, "New type", &known);
            added.push(id.clone());
            types[i].children.push(EventType {
                id,
                label: "New type".into(),
                color: None,
                children: Vec::new(),
            });
        }
        Some(RowAction::Delete(i)) => {
            types.remove(i);
        }
        None => {}
    }
}

impl TaxonomyEditor {
    pub fn new(taxonomy: Taxonomy) -> Self {
        Self {
            draft: taxonomy,
            error: None,
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> EditorAction {
        let mut action = EditorAction::None;
        let mut open = true;
        egui::Window::new("Event types").open(&mut open).default_width(620.0).default_height(480.0).show(ctx, |ui| {
            ui.label("Rename, recolour, nest and add types. Ids never change, so tagged events keep their type.");
            let mut taken = Vec::new();
            for set in &self.draft.sets {
                all_ids(&set.types, &mut taken);
            }
            let mut added = Vec::new();
            egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
                for set in &mut self.draft.sets {
                    ui.separator();
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&set.name).strong());
                        if ui.small_button("+ type").clicked() {
                            let mut known = taken.clone();
                            known.extend(added.iter().cloned());
                            let id = new_id(&set.name.to_lowercase(), "New type", &known);
                            added.push(id.clone());
                            set.types.push(EventType { id, label: "New type".into(), color: Some("#808080".into()), children: Vec::new() });
                        }
                    });
                    types_ui(ui, &mut set.types, 0, crate::core::taxonomy::UNKNOWN_COLOR, &taken, &mut added);
                }
            });
            ui.separator();
            if let Some(e) = &self.error {
                ui.colored_label(theme::error_color(ui.visuals().dark_mode), e);
            }
            ui.horizontal(|ui| {
                if ui.button("Save").on_hover_text("Save to the collection's taxonomy.ron").clicked() {
                    match validate(&self.draft) {
                        Ok(()) => action = EditorAction::Save(self.draft.clone()),
                        Err(e) => self.error = Some(e),
                    }
                }
                if ui.button("Add a set").clicked() {
                    self.draft.sets.push(TypeSet { name: "My types".into(), types: Vec::new() });
                }
                if ui.button("Reset to the presets").on_hover_text("ACLED and the diplomacy set, as shipped").clicked() {
                    self.draft = Taxonomy::builtin();
                }
            });
        });
        if !open {
            action = EditorAction::Close;
        }
        action
    }
}

/// Every label named, every id once.
pub fn validate(t: &Taxonomy) -> Result<(), String> {
    fn walk(types: &[EventType], seen: &mut Vec<String>) -> Result<(), String> {
        for ty in types {
            if ty.label.trim().is_empty() {
                return Err(format!("The type {} needs a name.", ty.id));
            }
            if seen.contains(&ty.id) {
                return Err(format!("The id {} is used twice.", ty.id));
            }
            seen.push(ty.id.clone());
            walk(&ty.children, seen)?;
        }
        Ok(())
    }
    let mut seen = Vec::new();
    for set in &t.sets {
        walk(&set.types, &mut seen)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_unique_slugs() {
        let taken = vec!["diplomacy/protest_note".to_string()];
        assert_eq!(
            new_id("diplomacy", "Protest note", &taken),
            "diplomacy/protest_note_2"
        );
        assert_eq!(new_id("", "Çağrı  — Visit!", &[]), "çağrı_visit");
        assert_eq!(new_id("x", "", &[]), "x/type");
    }

    #[test]
    fn validation() {
        let mut t = Taxonomy::builtin();
        assert_eq!(validate(&t), Ok(()));
        t.sets[0].types[0].label = " ".into();
        assert!(validate(&t).is_err_and(|e| e.contains("needs a name")));
        let mut t = Taxonomy::builtin();
        let dup = t.sets[0].types[0].clone();
        t.sets[1].types.push(dup);
        assert!(validate(&t).is_err_and(|e| e.contains("twice")));
    }
}
