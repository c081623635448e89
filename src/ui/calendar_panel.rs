//! The calendar: a month grid with the number of articles published each day as a heat shade,
//! tagged events as coloured marks, the selected article's day outlined; click a day to filter.

use chrono::{Datelike, NaiveDate};
use egui::{Align2, FontId, RichText, Sense};

use super::commands::{Command, CommandId, ViewCommand};
use super::state::AppState;
use super::theme;
use crate::core::calendar::{MONTH_NAMES, YearMonth, heat, month_name};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[derive(Default)]
pub struct CalendarPanel {
    hovered_day: Option<NaiveDate>,
}

/// "December 2022"
pub fn month_title(month: YearMonth) -> String {
    let name = month_name(month.month).unwrap_or("?");
    format!("{name} {}", month.year)
}

impl CalendarPanel {
    pub fn hovered_day(&self) -> Option<NaiveDate> {
        self.hovered_day
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        let month = state.month;
        self.navigation_ui(ui, state, commands);
        ui.add_space(4.0);
        self.grid_ui(ui, state, month, commands);
    }

    fn navigation_ui(&self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        let month = state.month;
        ui.horizontal(|ui| {
            if ui.button("«").on_hover_text("Previous year").clicked() {
                commands.push(ViewCommand::ShowMonth(month.add_months(-12)).into());
            }
            if ui
                .button("‹")
                .on_hover_text(CommandId::PreviousMonth.label_with_shortcut(ui.ctx()))
                .clicked()
            {
                commands.push(ViewCommand::ShowMonth(month.add_months(-1)).into());
            }
            ui.label(RichText::new(month_title(month)).strong().size(16.0));
            if ui
                .button("›")
                .on_hover_text(CommandId::NextMonth.label_with_shortcut(ui.ctx()))
                .clicked()
            {
                commands.push(ViewCommand::ShowMonth(month.add_months(1)).into());
            }
            if ui.button("»").on_hover_text("Next year").clicked() {
                commands.push(ViewCommand::ShowMonth(month.add_months(12)).into());
            }
            ui.separator();
            let counts = &state.published_counts;
            let first = month.first_day();
            let earlier = first.and_then(|d| counts.next_with_count(d, false));
            let later = month
                .add_months(1)
                .first_day()
                .and_then(|d| d.pred_opt())
                .and_then(|d| counts.next_with_count(d, true));
            if ui
                .add_enabled(earlier.is_some(), egui::Button::new("Earlier articles"))
                .on_hover_text("Show the nearest earlier month with articles")
                .clicked()
                && let Some(d) = earlier
            {
                commands.push(ViewCommand::ShowMonth(YearMonth::of(d)).into());
            }
            if ui
                .add_enabled(later.is_some(), egui::Button::new("Later articles"))
                .on_hover_text("Show the nearest later month with articles")
                .clicked()
                && let Some(d) = later
            {
                commands.push(ViewCommand::ShowMonth(YearMonth::of(d)).into());
            }
            if let Some(published) = state.selected().and_then(|a| a.meta.published)
                && ui
                    .button("Selected article")
                    .on_hover_text("Show the month the selected article was published in")
                    .clicked()
            {
                commands.push(ViewCommand::ShowMonth(YearMonth::of(published.date)).into());
            }
            let busiest = counts.max_in(month);
            if busiest > 0 {
                ui.weak(format!(
                    "busiest day: {}",
                    plural(busiest, "article", "articles")
                ));
            }
        });
    }

    fn grid_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        month: YearMonth,
        commands: &mut Vec<Command>,
    ) {
        let weeks = month.weeks();
        let dark = ui.visuals().dark_mode;
        let max = state.published_counts.max_in(month);
        let selected_published = state
            .selected()
            .and_then(|a| a.meta.published)
            .map(|t| t.date);
        let available = ui.available_size();
        let rows = weeks.len().max(1) as f32 + 0.6;
        let cell = egui::vec2(
            (available.x / 7.0).max(theme::DAY_CELL_MIN.x),
            ((available.y - 4.0) / rows).max(theme::DAY_CELL_MIN.y),
        );
        let (header_rect, _) =
            ui.allocate_exact_size(egui::vec2(cell.x * 7.0, 18.0), Sense::hover());
        for (i, name) in WEEKDAYS.iter().enumerate() {
            let pos = header_rect.left_center() + egui::vec2(cell.x * (i as f32 + 0.5), 0.0);
            ui.painter().text(
                pos,
                Align2::CENTER_CENTER,
                name,
                FontId::proportional(12.0),
                ui.visuals().weak_text_color(),
            );
        }
        self.hovered_day = None;
        for week in weeks {
            let (row_rect, _) =
                ui.allocate_exact_size(egui::vec2(cell.x * 7.0, cell.y), Sense::hover());
            for (col, day) in week.iter().enumerate() {
                let Some(day) = *day else { continue };
                let rect = egui::Rect::from_min_size(
                    row_rect.min + egui::vec2(cell.x * col as f32, 0.0),
                    cell,
                )
                .shrink(1.5);
                let id = ui.scope_id().with(("day", day));
                let response = ui.interact(rect, id, Sense::click());
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        day.format("%Y-%m-%d").to_string(),
                    )
                });
                let count = state.published_counts.get(day);
                let marks = state.event_marks.get(&day).map_or(&[][..], Vec::as_slice);
                let painter = ui.painter();
                let visuals = ui.visuals();
                painter.rect_filled(rect, 3.0, visuals.faint_bg_color);
                painter.rect_filled(rect, 3.0, theme::heat_fill(heat(count, max), dark));
                if state.selected_day == Some(day) {
                    painter.rect_stroke(
                        rect,
                        3.0,
                        visuals.selection.stroke,
                        egui::StrokeKind::Inside,
                    );
                }
                if state.focused_day == Some(day) {
                    painter.rect_stroke(
                        rect.expand(1.0),
                        3.0,
                        egui::Stroke::new(2.5, theme::mention_color(dark)),
                        egui::StrokeKind::Outside,
                    );
                }
                if selected_published == Some(day) {
                    painter.rect_stroke(
                        rect,
                        3.0,
                        theme::selected_day_stroke(dark),
                        egui::StrokeKind::Inside,
                    );
                }
                if response.hovered() {
                    self.hovered_day = Some(day);
                    painter.rect_stroke(
                        rect,
                        3.0,
                        visuals.widgets.hovered.bg_stroke,
                        egui::StrokeKind::Inside,
                    );
                }
                painter.text(
                    rect.left_top() + egui::vec2(4.0, 2.0),
                    Align2::LEFT_TOP,
                    day.day().to_string(),
                    FontId::proportional(12.0),
                    visuals.text_color(),
                );
                if count > 0 {
                    painter.text(
                        rect.right_top() + egui::vec2(-4.0, 2.0),
                        Align2::RIGHT_TOP,
                        count.to_string(),
                        FontId::proportional(13.0),
                        visuals.strong_text_color(),
                    );
                }
                let mentioned = state.mentioned_days.get(&day);
                if mentioned.is_some() {
                    // A bar along the top: "the selected article talks about this day".
                    let bar = egui::Rect::from_min_size(
                        rect.left_top() + egui::vec2(rect.width() * 0.3, 1.0),
                        egui::vec2(rect.width() * 0.4, 4.0),
                    );
                    painter.rect_filled(bar, 2.0, theme::mention_color(dark));
                }
                for (k, mark) in marks.iter().take(6).enumerate() {
                    let center = rect.left_bottom() + egui::vec2(9.0 + 12.0 * k as f32, -8.0);
                    painter.circle(
                        center,
                        5.0,
                        theme::event_marker(mark.color),
                        egui::Stroke::new(1.5, visuals.extreme_bg_color),
                    );
                }
                let mut tip = format!(
                    "{}: {} published",
                    day.format("%A %-d %B %Y"),
                    plural(count, "article", "articles")
                );
                for mark in marks {
                    tip.push_str(&format!("\nEvent: {}", mark.title));
                }
                for text in mentioned.into_iter().flatten() {
                    tip.push_str(&format!("\nMentioned by the selected article: “{text}”"));
                }
                if state.selected_day == Some(day) {
                    tip.push_str("\nClick to show all days again");
                } else {
                    tip.push_str("\nClick to list the articles of this day");
                }
                let response = response.on_hover_text(tip);
                if response.clicked() {
                    let next = if state.selected_day == Some(day) {
                        None
                    } else {
                        Some(day)
                    };
                    commands.push(ViewCommand::SelectDay(next).into());
                }
            }
        }
    }
}

impl CalendarPanel {
    /// The year of the shown month, one cell per day (weeks across, weekdays down), shaded by
    /// the articles published that day; a click lists the day's articles.
    pub fn year_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        let year = state.month.year;
        ui.horizontal(|ui| {
            if ui.button("«").on_hover_text("Previous year").clicked() {
                commands.push(ViewCommand::ShowMonth(state.month.add_months(-12)).into());
            }
            ui.label(RichText::new(year.to_string()).strong().size(16.0));
            if ui.button("»").on_hover_text("Next year").clicked() {
                commands.push(ViewCommand::ShowMonth(state.month.add_months(12)).into());
            }
        });
        let Some(jan1) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        let max = (1..=12)
            .map(|m| state.published_counts.max_in(YearMonth { year, month: m }))
            .max()
            .unwrap_or(0);
        let lead = jan1.weekday().num_days_from_monday() as usize;
        let available = ui.available_size();
        let cell = ((available.x - 30.0) / 54.0)
            .min((available.y - 20.0) / 7.5)
            .clamp(6.0, 22.0);
        // The whole height left, so the panel keeps its size whatever the grid needs.
        let height = (cell * 7.0 + 16.0).max(ui.available_height());
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(cell * 54.0 + 30.0, height), Sense::hover());
        let origin = rect.min + egui::vec2(30.0, 14.0);
        for (k, name) in WEEKDAYS.iter().enumerate().step_by(2) {
            ui.painter().text(
                origin + egui::vec2(-28.0, cell * (k as f32 + 0.5)),
                Align2::LEFT_CENTER,
                name,
                FontId::proportional(10.0),
                ui.visuals().weak_text_color(),
            );
        }
        let mut day = jan1;
        while day.year() == year {
            let index = lead + day.ordinal0() as usize;
            let (col, row) = (index / 7, index % 7);
            let r = egui::Rect::from_min_size(
                origin + egui::vec2(col as f32 * cell, row as f32 * cell),
                egui::vec2(cell - 1.5, cell - 1.5),
            );
            if day.day() == 1 {
                let top = origin + egui::vec2(col as f32 * cell, -2.0);
                ui.painter().text(
                    top,
                    Align2::LEFT_BOTTOM,
                    &MONTH_NAMES[day.month0() as usize][..3],
                    FontId::proportional(10.0),
                    ui.visuals().text_color(),
                );
            }
            let count = state.published_counts.get(day);
            let id = ui.scope_id().with(("year-day", day));
            let response = ui.interact(r, id, Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("year {}", day.format("%Y-%m-%d")),
                )
            });
            let painter = ui.painter();
            painter.rect_filled(r, 1.5, ui.visuals().faint_bg_color);
            painter.rect_filled(r, 1.5, theme::heat_fill(heat(count, max), dark));
            if state.event_marks.contains_key(&day) {
                painter.circle_filled(r.center(), cell * 0.18, theme::warning_color(dark));
            }
            if state.selected_day == Some(day) {
                painter.rect_stroke(
                    r,
                    1.5,
                    ui.visuals().selection.stroke,
                    egui::StrokeKind::Inside,
                );
            }
            let response = response.on_hover_text(format!(
                "{}: {}",
                day.format("%A %-d %B %Y"),
                plural(count, "article", "articles")
            ));
            if response.clicked() {
                commands.push(ViewCommand::SelectDay(Some(day)).into());
            }
            day = match day.succ_opt() {
                Some(d) => d,
                None => break,
            };
        }
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_titles() {
        assert_eq!(
            month_title(YearMonth {
                year: 2022,
                month: 12
            }),
            "December 2022"
        );
        assert_eq!(
            month_title(YearMonth {
                year: 1987,
                month: 2
            }),
            "February 1987"
        );
    }
}
