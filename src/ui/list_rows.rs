//! The rows the article lists share (the Articles and Search tabs): a clickable row with its
//! background, and the title and date labels written in it.

use crate::core::collection::Article;

/// The text colours of a list row.
pub struct RowColors {
    pub strong: egui::Color32,
    pub weak: egui::Color32,
    pub text: egui::Color32,
}

/// An article's title, or "(no title)".
pub fn title_label(a: &Article) -> &str {
    if a.meta.title.is_empty() {
        "(no title)"
    } else {
        a.meta.title.as_str()
    }
}

/// An article's outlet, or "unknown source".
pub fn source_label(a: &Article) -> &str {
    a.meta.source.as_deref().unwrap_or("unknown source")
}

/// An article's publication day, or "undated".
pub fn date_label(a: &Article) -> String {
    a.meta.published.map_or_else(
        || "undated".to_string(),
        |t| t.date.format("%Y-%m-%d").to_string(),
    )
}

/// A clickable list row for `a` (named by its title for screen readers), its background drawn;
/// the colours to write in when it is visible.
pub fn article_row(
    ui: &mut egui::Ui,
    a: &Article,
    selected: bool,
    height: f32,
) -> (egui::Rect, egui::Response, Option<RowColors>) {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::click(),
    );
    let title = title_label(a);
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, title));
    if !ui.is_rect_visible(rect) {
        return (rect, response, None);
    }
    let visuals = ui.visuals();
    let fill = if selected {
        visuals.selection.bg_fill
    } else if response.hovered() {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        egui::Color32::TRANSPARENT
    };
    ui.painter().rect_filled(rect, 3.0, fill);
    let on_selection = selected.then_some(visuals.selection.stroke.color);
    let colors = RowColors {
        strong: on_selection.unwrap_or(visuals.strong_text_color()),
        weak: on_selection.unwrap_or(visuals.weak_text_color()),
        text: on_selection.unwrap_or(visuals.text_color()),
    };
    (rect, response, Some(colors))
}
