//! Colours, sizes and fonts of the app, in one place.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily};

/// Noto Sans covers Latin (with Azerbaijani ə ş ğ ı), Cyrillic and Greek; egui's own font does not.
const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const NOTO_SANS_ARMENIAN: &[u8] = include_bytes!("../../assets/fonts/NotoSansArmenian-Regular.ttf");
const NOTO_SANS_GEORGIAN: &[u8] = include_bytes!("../../assets/fonts/NotoSansGeorgian-Regular.ttf");
/// Arrows and the other symbols the interface writes (`→` in date tooltips), which Noto Sans lacks.
const NOTO_SANS_SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols-Regular.ttf");

/// Puts the bundled fonts first, so every script of the collections renders whatever the user has
/// installed; egui's fonts stay as the fallback for its icons.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    let ours = [
        ("NotoSans", NOTO_SANS),
        ("NotoSansArmenian", NOTO_SANS_ARMENIAN),
        ("NotoSansGeorgian", NOTO_SANS_GEORGIAN),
        ("NotoSansSymbols", NOTO_SANS_SYMBOLS),
    ]
    .map(|(name, bytes)| {
        fonts
            .font_data
            .insert(name.into(), Arc::new(FontData::from_static(bytes)));
        name.to_string()
    });
    let proportional = fonts.families.entry(FontFamily::Proportional).or_default();
    proportional.splice(0..0, ours.iter().cloned());
    let monospace = fonts.families.entry(FontFamily::Monospace).or_default();
    monospace.extend(ours.iter().cloned());
    ctx.set_fonts(fonts);
}

/// Body text size in the reader.
pub const BODY_SIZE: f32 = 15.0;
/// Headline size in the reader.
pub const HEADLINE_SIZE: f32 = 21.0;
/// Height of one row in the article list.
pub const LIST_ROW_HEIGHT: f32 = 38.0;
/// Side of one day cell in the calendar.
pub const DAY_CELL_MIN: egui::Vec2 = egui::vec2(44.0, 34.0);

/// Colour of plain annotations (highlights without an event).
pub fn annotation_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(200, 170, 40, 90)
    } else {
        Color32::from_rgba_unmultiplied(255, 214, 0, 110)
    }
}

/// An event type's colour as a highlight behind text.
pub fn event_highlight(rgb: [u8; 3]) -> Color32 {
    Color32::from_rgba_unmultiplied(rgb[0], rgb[1], rgb[2], 70)
}

/// An event type's colour as a solid marker.
pub fn event_marker(rgb: [u8; 3]) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

/// The shade of a calendar day with publication heat `heat` (0..=1).
pub fn heat_fill(heat: f32, dark: bool) -> Color32 {
    if heat <= 0.0 {
        return Color32::TRANSPARENT;
    }
    let alpha = (40.0 + heat * 170.0) as u8;
    if dark {
        Color32::from_rgba_unmultiplied(70, 140, 230, alpha)
    } else {
        Color32::from_rgba_unmultiplied(40, 110, 210, alpha)
    }
}

/// Outline of the selected article's publication day.
pub fn selected_day_stroke(dark: bool) -> egui::Stroke {
    let color = if dark {
        Color32::from_rgb(255, 200, 80)
    } else {
        Color32::from_rgb(220, 120, 0)
    };
    egui::Stroke::new(2.0, color)
}

/// Colour of dates mentioned in the text: underlines in the reader, bars in the calendar.
pub fn mention_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(120, 200, 160)
    } else {
        Color32::from_rgb(20, 130, 90)
    }
}

/// Colour of error text.
pub fn error_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(190, 30, 20)
    }
}

/// Colour of warning text.
pub fn warning_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(240, 190, 90)
    } else {
        Color32::from_rgb(160, 100, 0)
    }
}

/// A search hit in the reader and the results; the current one stronger.
/// A suggestion's evidence passage in the reader (the one stepped to: stronger).
pub fn evidence_color(dark: bool, current: bool) -> Color32 {
    match (dark, current) {
        (false, false) => Color32::from_rgb(214, 236, 214),
        (false, true) => Color32::from_rgb(160, 214, 160),
        (true, false) => Color32::from_rgb(40, 72, 40),
        (true, true) => Color32::from_rgb(52, 110, 52),
    }
}

/// A suggestion's mark on the timeline.
pub fn suggestion_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(120, 200, 120)
    } else {
        Color32::from_rgb(46, 125, 50)
    }
}

pub fn search_hit_color(dark: bool, current: bool) -> Color32 {
    match (dark, current) {
        (false, false) => Color32::from_rgb(255, 236, 140),
        (false, true) => Color32::from_rgb(255, 170, 60),
        (true, false) => Color32::from_rgb(120, 100, 20),
        (true, true) => Color32::from_rgb(190, 110, 20),
    }
}

/// The margin marker of a passage that other articles have too.
pub fn recycled_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(120, 170, 230)
    } else {
        Color32::from_rgb(60, 110, 190)
    }
}
