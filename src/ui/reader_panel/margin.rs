//! The reader's margin: a mark beside each passage that other articles have too (recycled text),
//! which lists those articles and opens one at the same passage.

use std::ops::Range;

use egui::RichText;

use super::ReaderPanel;
use crate::core::text::one_line;
use crate::ui::commands::{Command, FindCommand};
use crate::ui::list_rows::date_label;
use crate::ui::state::AppState;
use crate::ui::theme;

/// Width of the reader's left margin.
pub(super) const MARGIN: f32 = 18.0;

impl ReaderPanel {
    /// A mark in the margin beside each passage that other articles have too: hover says how
    /// many, a click lists them, and a click on one opens it at the same passage.
    pub(super) fn shared_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        shown: Range<usize>,
        char_rect: &dyn Fn(usize) -> egui::Rect,
        commands: &mut Vec<Command>,
    ) {
        let color = theme::recycled_color(ui.visuals().dark_mode);
        for (n, p) in state.selected_recycled.iter().enumerate() {
            if p.range.end <= shown.start || p.range.start >= shown.end {
                continue;
            }
            let start = p.range.start.max(shown.start) - shown.start;
            let end = p.range.end.min(shown.end) - shown.start;
            let (top, bottom) = (char_rect(start), char_rect(end));
            let x = top
                .left()
                .min(bottom.left())
                .min(ui.min_rect().left() + MARGIN)
                - MARGIN;
            let rect = egui::Rect::from_min_max(
                egui::pos2(x + 4.0, top.top()),
                egui::pos2(x + 12.0, bottom.bottom().max(top.bottom())),
            );
            let label = format!(
                "Also in {} {}",
                p.others.len(),
                if p.others.len() == 1 {
                    "article"
                } else {
                    "articles"
                }
            );
            let response = ui.interact(
                rect,
                ui.scope_id().with(("shared", n)),
                egui::Sense::click(),
            );
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            let width = if response.hovered() { 5.0 } else { 3.0 };
            ui.painter().rect_filled(
                egui::Rect::from_center_size(rect.center(), egui::vec2(width, rect.height())),
                1.5,
                color,
            );
            // Opens (not toggles: egui may run a frame twice with the same click).
            if response.clicked() {
                self.shared_open = Some(n);
            }
            let response = response.on_hover_text(format!("{label}: click to list them"));
            if self.shared_open == Some(n) {
                self.shared_list_ui(ui, state, n, &label, response.rect.right_top(), commands);
            }
        }
    }

    /// The other articles with recycled passage `n`: a click opens one at the passage.
    fn shared_list_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        n: usize,
        label: &str,
        at: egui::Pos2,
        commands: &mut Vec<Command>,
    ) {
        let Some(p) = state.selected_recycled.get(n) else {
            return;
        };
        let area = egui::Area::new(ui.scope_id().with(("shared-list", n)))
            .order(egui::Order::Foreground)
            .fixed_pos(at + egui::vec2(6.0, 0.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(420.0);
                    ui.label(RichText::new(label).strong());
                    // Only the rows in view are drawn: boilerplate can be in half the collection.
                    let row = ui.spacing().interact_size.y;
                    egui::ScrollArea::vertical().max_height(260.0).show_rows(
                        ui,
                        row,
                        p.others.len(),
                        |ui, rows| {
                            for &o in &p.others[rows] {
                                let Some(a) = state.articles.get(o) else {
                                    continue;
                                };
                                let date = date_label(a);
                                let text = format!(
                                    "{} · {} · {}",
                                    one_line(crate::ui::list_rows::title_label(a), 60),
                                    date,
                                    crate::ui::list_rows::source_label(a)
                                );
                                if ui
                                    .button(text)
                                    .on_hover_text(format!("Open {} at this passage", a.path))
                                    .clicked()
                                {
                                    commands.push(
                                        FindCommand::OpenShared {
                                            article: o,
                                            hashes: p.hashes.clone(),
                                        }
                                        .into(),
                                    );
                                    self.shared_open = None;
                                }
                            }
                        },
                    );
                });
            });
        // Closed by Escape or a click outside it (but not the click on the mark that opened it).
        let on_mark = ui
            .ctx()
            .pointer_interact_pos()
            .is_some_and(|pos| (pos.x - at.x).abs() < MARGIN);
        if (area.response.clicked_elsewhere() && !on_mark)
            || ui.input(|i| i.key_pressed(egui::Key::Escape))
        {
            self.shared_open = None;
        }
    }
}
