//! The zoomable timeline strip: an adaptive axis, lanes for Published (ticks, or a density
//! histogram when they would overlap), Events (dots, bars, open-ended bars, reporting lag),
//! Mentioned dates and Suggested dates; wheel zooms around the pointer, dragging pans, dragging
//! on the axis selects a range that filters the list.

use chrono::NaiveDate;
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, vec2};

use super::commands::{Command, ViewCommand};
use super::state::AppState;
use super::theme;
use crate::core::timeline::{self, Day, Gaps, View, date_of, day_of, day_of_time};

/// Publication days sorted, with the article each belongs to.
struct Sorted {
    revision: u64,
    days: Vec<Day>,
    articles: Vec<usize>,
    gaps: Gaps,
}

#[derive(Default)]
pub struct TimelinePanel {
    /// The visible stretch, in axis days (gaps collapsed when that is on).
    pub view: Option<View>,
    pub collapse_gaps: bool,
    selecting: Option<(Day, Day)>,
    sorted: Option<Sorted>,
    /// Sorting a million articles again is spaced out while they stream in.
    sorting: super::throttle::Throttle,
    hovered_event: Option<String>,
}

const AXIS_H: f32 = 24.0;
const PUBLISHED_H: f32 = 46.0;
const LANE_LABEL_W: f32 = 92.0;
const EVENT_ROW_H: f32 = 16.0;
const MENTION_H: f32 = 22.0;
const SUGGESTED_H: f32 = 26.0;

impl TimelinePanel {
    fn refresh(&mut self, state: &AppState) {
        if self
            .sorted
            .as_ref()
            .is_some_and(|s| s.revision == state.articles_revision)
            || (self.sorted.is_some() && !self.sorting.due(state.streaming()))
        {
            return;
        }
        let start = std::time::Instant::now();
        let mut pairs: Vec<(Day, usize)> = state
            .articles
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.meta.published.map(|p| (day_of_time(p.date, p.time), i)))
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let days: Vec<Day> = pairs.iter().map(|p| p.0).collect();
        let gaps = Gaps::find(&days, 3.0 * 365.0);
        self.sorted = Some(Sorted {
            revision: state.articles_revision,
            articles: pairs.iter().map(|p| p.1).collect(),
            days,
            gaps,
        });
        self.sorting.ran(start);
    }

    fn gaps(&self) -> Gaps {
        match (&self.sorted, self.collapse_gaps) {
            (Some(s), true) => s.gaps.clone(),
            _ => Gaps::default(),
        }
    }

    /// The view over everything dated.
    pub fn fit_all(&mut self, state: &AppState) {
        self.refresh(state);
        let gaps = self.gaps();
        let mut days: Vec<Day> = self
            .sorted
            .as_ref()
            .map(|s| s.days.clone())
            .unwrap_or_default();
        days.extend(
            state
                .annotations
                .events
                .iter()
                .filter_map(|e| e.when.start.first_day())
                .map(day_of),
        );
        let (Some(first), Some(last)) = (
            days.iter().copied().reduce(f64::min),
            days.iter().copied().reduce(f64::max),
        ) else {
            self.view = Some(View::fit(
                day_of(chrono::Local::now().date_naive()) - 30.0,
                day_of(chrono::Local::now().date_naive()),
            ));
            return;
        };
        self.view = Some(View::fit(gaps.to_axis(first), gaps.to_axis(last)));
    }

    /// Shows `day` in the middle, keeping the zoom.
    pub fn centre_on(&mut self, day: NaiveDate) {
        let gaps = self.gaps();
        if let Some(v) = &mut self.view {
            *v = v.centred_on(gaps.to_axis(day_of(day)));
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        self.refresh(state);
        if self.view.is_none() {
            self.fit_all(state);
        }
        self.controls_ui(ui, state);
        let Some(mut view) = self.view else { return };
        let gaps = self.gaps();
        let dark = ui.visuals().dark_mode;

        let width = ui.available_width();
        let height = ui
            .available_height()
            .max(AXIS_H + PUBLISHED_H + MENTION_H + SUGGESTED_H + 3.0 * EVENT_ROW_H);
        let (outer, response) =
            ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Timeline"));
        let plot = Rect::from_min_max(outer.min + vec2(LANE_LABEL_W, 0.0), outer.max);
        let w = plot.width() as f64;
        let at = |v: &View, x: f32| v.day_at((x - plot.left()) as f64, w);

        // --- input: wheel zooms around the pointer, drag pans, drag on the axis selects.
        let axis_rect = Rect::from_min_size(plot.min, vec2(plot.width(), AXIS_H));
        if let Some(pointer) = response.hover_pos().filter(|p| plot.contains(*p)) {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            let factor = zoom as f64 * (1.0 + scroll.y as f64 / 400.0).clamp(0.5, 2.0);
            if (factor - 1.0).abs() > 1e-6 {
                view = view.zoom(factor, at(&view, pointer.x));
            }
            if scroll.x.abs() > 0.0 {
                view = view.pan(-scroll.x as f64 / w * view.span());
            }
            let keys = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
                    i.key_pressed(egui::Key::Minus),
                    i.key_pressed(egui::Key::ArrowLeft),
                    i.key_pressed(egui::Key::ArrowRight),
                )
            });
            if !ui.ctx().egui_wants_keyboard_input() {
                if keys.0 {
                    view = view.zoom(2.0, at(&view, pointer.x));
                }
                if keys.1 {
                    view = view.zoom(0.5, at(&view, pointer.x));
                }
                if keys.2 {
                    view = view.pan(-view.span() / 10.0);
                }
                if keys.3 {
                    view = view.pan(view.span() / 10.0);
                }
            }
        }
        // Where the button went down decides: on the axis a range, elsewhere a pan.
        if response.drag_started()
            && let Some(p) = ui.input(|i| i.pointer.press_origin())
            && axis_rect.contains(p)
        {
            let d = at(&view, p.x);
            self.selecting = Some((d, d));
        }
        if response.dragged() {
            match (&mut self.selecting, response.interact_pointer_pos()) {
                (Some((_, end)), Some(p)) => *end = at(&view, p.x),
                _ => view = view.pan(-(response.drag_delta().x as f64) / w * view.span()),
            }
        }
        if response.drag_stopped()
            && let Some((a, b)) = self.selecting.take()
        {
            let (a, b) = (a.min(b), a.max(b));
            let (from, to) = (date_of(gaps.from_axis(a)), date_of(gaps.from_axis(b)));
            commands.push(ViewCommand::SelectRange(Some((from, to))).into());
        }
        self.view = Some(view);
        let x_of = |axis_day: Day| plot.left() + view.x_of(axis_day, w) as f32;
        let day_at = |x: f32| view.day_at((x - plot.left()) as f64, w);

        let painter = ui.painter_at(outer);
        let visuals = ui.visuals().clone();
        painter.rect_filled(plot, 0.0, visuals.extreme_bg_color);

        // --- axis
        let (_, ticks) = timeline::ticks(&view, w, 70.0);
        for t in &ticks {
            let x = x_of(t.day);
            let stroke = if t.major {
                visuals.widgets.noninteractive.fg_stroke
            } else {
                visuals.widgets.noninteractive.bg_stroke
            };
            painter.line_segment(
                [
                    Pos2::new(x, plot.top() + AXIS_H - 6.0),
                    Pos2::new(x, plot.bottom()),
                ],
                Stroke::new(
                    if t.major { 1.0 } else { 0.5 },
                    stroke.color.gamma_multiply(0.5),
                ),
            );
            painter.text(
                Pos2::new(x + 3.0, plot.top() + 3.0),
                Align2::LEFT_TOP,
                &t.label,
                FontId::proportional(11.0),
                if t.major {
                    visuals.strong_text_color()
                } else {
                    visuals.text_color()
                },
            );
        }
        for mark in gaps.axis_marks() {
            let x = x_of(mark);
            if x >= plot.left() && x <= plot.right() {
                for dx in [-3.0, 3.0] {
                    painter.line_segment(
                        [
                            Pos2::new(x + dx - 3.0, plot.bottom()),
                            Pos2::new(x + dx + 3.0, plot.top()),
                        ],
                        Stroke::new(1.5, theme::warning_color(dark)),
                    );
                }
            }
        }
        // Range being selected, or selected.
        let range = self
            .selecting
            .map(|(a, b)| (a.min(b), a.max(b)))
            .or_else(|| {
                state
                    .selected_range
                    .map(|(a, b)| (gaps.to_axis(day_of(a)), gaps.to_axis(day_of(b) + 1.0)))
            });
        if let Some((a, b)) = range {
            let r = Rect::from_x_y_ranges(x_of(a)..=x_of(b).max(x_of(a) + 1.0), plot.y_range());
            painter.rect_filled(r, 0.0, visuals.selection.bg_fill.gamma_multiply(0.25));
        }

        // --- lanes
        let mut y = plot.top() + AXIS_H;
        let lane_label = |y: f32, h: f32, text: &str| {
            painter.text(
                Pos2::new(outer.left() + 4.0, y + h / 2.0),
                Align2::LEFT_CENTER,
                text,
                FontId::proportional(12.0),
                visuals.text_color(),
            );
            painter.line_segment(
                [Pos2::new(outer.left(), y), Pos2::new(plot.right(), y)],
                visuals.widgets.noninteractive.bg_stroke,
            );
        };
        let pointer = response.hover_pos();
        let mut tooltip: Option<String> = None;
        let clicked = response.clicked();

        // Published
        lane_label(y, PUBLISHED_H, "Published");
        let lane = Rect::from_min_size(Pos2::new(plot.left(), y), vec2(plot.width(), PUBLISHED_H));
        if let Some(sorted) = &self.sorted {
            let real = View {
                start: gaps.from_axis(view.start),
                end: gaps.from_axis(view.end),
            };
            let max_ticks = (plot.width() / 3.0) as usize;
            match timeline::visible(&sorted.days, &real, max_ticks) {
                Some(range) => {
                    let mut nearest: Option<(f32, usize)> = None;
                    for k in range {
                        let x = x_of(gaps.to_axis(sorted.days[k]));
                        let index = sorted.articles[k];
                        let selected = state.selected_article == Some(index);
                        let color = if selected {
                            theme::selected_day_stroke(dark).color
                        } else {
                            theme::heat_fill(0.9, dark)
                        };
                        painter.line_segment(
                            [
                                Pos2::new(x, lane.top() + 6.0),
                                Pos2::new(x, lane.bottom() - 6.0),
                            ],
                            Stroke::new(if selected { 3.0 } else { 2.0 }, color),
                        );
                        if let Some(p) = pointer
                            && lane.contains(p)
                        {
                            let dist = (p.x - x).abs();
                            if dist < 5.0 && nearest.is_none_or(|(d, _)| dist < d) {
                                nearest = Some((dist, index));
                            }
                        }
                    }
                    if let Some((_, index)) = nearest
                        && let Some(a) = state.articles.get(index)
                    {
                        let when = a.meta.published.map(|p| p.human()).unwrap_or_default();
                        tooltip = Some(format!(
                            "{}\n{} · {when}\nClick to open",
                            a.meta.title,
                            crate::ui::list_rows::source_label(a)
                        ));
                        if clicked {
                            commands.push(ViewCommand::SelectArticle(index).into());
                        }
                    }
                }
                None => {
                    // Too many to tell apart: a density histogram.
                    let buckets = (plot.width() / 3.0).max(1.0) as usize;
                    let counts = if gaps.cuts().is_empty() {
                        timeline::density(&sorted.days, &view, buckets)
                    } else {
                        let mut c = vec![0u32; buckets];
                        for (b, slot) in c.iter_mut().enumerate() {
                            let a0 = gaps
                                .from_axis(view.start + view.span() * b as f64 / buckets as f64);
                            let a1 = gaps.from_axis(
                                view.start + view.span() * (b + 1) as f64 / buckets as f64,
                            );
                            *slot =
                                timeline::density(&sorted.days, &View { start: a0, end: a1 }, 1)[0];
                        }
                        c
                    };
                    let max = counts.iter().copied().max().unwrap_or(0).max(1);
                    let bw = plot.width() / buckets as f32;
                    for (b, &n) in counts.iter().enumerate() {
                        if n == 0 {
                            continue;
                        }
                        let h = (n as f32 / max as f32).sqrt() * (PUBLISHED_H - 8.0);
                        let r = Rect::from_min_max(
                            Pos2::new(plot.left() + b as f32 * bw, lane.bottom() - 4.0 - h),
                            Pos2::new(
                                plot.left() + (b as f32 + 1.0) * bw - 0.5,
                                lane.bottom() - 4.0,
                            ),
                        );
                        painter.rect_filled(r, 0.0, theme::heat_fill(0.8, dark));
                        if let Some(p) = pointer
                            && p.x >= r.left()
                            && p.x < r.right()
                            && lane.contains(p)
                        {
                            let from = date_of(gaps.from_axis(day_at(r.left())));
                            let to = date_of(gaps.from_axis(day_at(r.right())));
                            tooltip = Some(format!(
                                "{n} articles, {} – {}",
                                from.format("%-d %b %Y"),
                                to.format("%-d %b %Y")
                            ));
                        }
                    }
                }
            }
        }
        y += PUBLISHED_H;

        // Events: dots, bars, open-ended bars; lag lines to the articles reporting them.
        let events: Vec<_> = state
            .annotations
            .events
            .iter()
            .filter_map(|e| {
                let start = e.when.start.first_day()?;
                let end = match (&e.when.end, e.when.ongoing) {
                    (Some(end), _) => end.first_day().map(|d| day_of(d) + 1.0),
                    (None, true) => Some(f64::INFINITY),
                    (None, false) => None,
                };
                Some((
                    e,
                    gaps.to_axis(day_of(start)),
                    end.map(|d| if d.is_finite() { gaps.to_axis(d) } else { d }),
                ))
            })
            .collect();
        let extents: Vec<(f64, f64)> = events
            .iter()
            .map(|(e, s, end)| {
                let x0 = x_of(*s) as f64;
                let x1 = end.map_or(x0 + 8.0, |d| {
                    if d.is_finite() {
                        x_of(d) as f64
                    } else {
                        plot.right() as f64
                    }
                });
                let label = e.title.chars().count() as f64 * 6.0;
                (x0 - 5.0, x1.max(x0 + 8.0) + label.min(180.0))
            })
            .collect();
        let rows = timeline::lanes(&extents, 4.0);
        let n_rows = rows.iter().copied().max().map_or(1, |r| r + 1).max(1);
        let events_h = (n_rows as f32 * EVENT_ROW_H + 8.0).max(3.0 * EVENT_ROW_H);
        lane_label(y, events_h, "Events");
        let mut hovered_event = None;
        for ((e, s, end), row) in events.iter().zip(&rows) {
            let color = theme::event_marker(state.types.color(&e.event_type));
            let cy = y + 4.0 + *row as f32 * EVENT_ROW_H + EVENT_ROW_H / 2.0;
            let x0 = x_of(*s);
            let shape_rect = match end {
                Some(d) => {
                    let x1 = if d.is_finite() {
                        x_of(*d)
                    } else {
                        plot.right()
                    };
                    let r = Rect::from_min_max(
                        Pos2::new(x0, cy - 4.0),
                        Pos2::new(x1.max(x0 + 4.0), cy + 4.0),
                    );
                    painter.rect_filled(r, 2.0, color.gamma_multiply(0.8));
                    if !d.is_finite() {
                        painter.text(
                            Pos2::new(plot.right() - 2.0, cy),
                            Align2::RIGHT_CENTER,
                            "›",
                            FontId::proportional(14.0),
                            visuals.strong_text_color(),
                        );
                    }
                    r
                }
                None => {
                    painter.circle_filled(Pos2::new(x0, cy), 5.0, color);
                    Rect::from_center_size(Pos2::new(x0, cy), vec2(10.0, 10.0))
                }
            };
            let label_x = shape_rect.right() + 4.0;
            if label_x < plot.right() - 30.0 {
                painter.text(
                    Pos2::new(label_x, cy),
                    Align2::LEFT_CENTER,
                    &e.title,
                    FontId::proportional(11.0),
                    visuals.text_color(),
                );
            }
            if let Some(p) = pointer
                && shape_rect.expand(3.0).contains(p)
            {
                hovered_event = Some(e.id.clone());
                let lags: Vec<String> = e
                    .evidence
                    .iter()
                    .filter_map(|p| {
                        state
                            .by_path
                            .get(&p.path)
                            .and_then(|&i| state.articles.get(i))
                    })
                    .filter_map(|a| a.meta.published.map(|p| (a, p)))
                    .map(|(a, p)| {
                        format!(
                            "{} days later: {}",
                            (p.date - e.when.start.first_day().unwrap_or(p.date)).num_days(),
                            a.meta.source.as_deref().unwrap_or(&a.path)
                        )
                    })
                    .collect();
                tooltip = Some(format!(
                    "{}\n{} · {}\nReported: {}\nClick to open",
                    e.title,
                    state.types.label(&e.event_type),
                    e.when.start,
                    if lags.is_empty() {
                        "—".to_string()
                    } else {
                        lags.join("; ")
                    }
                ));
                if clicked {
                    commands.push(ViewCommand::OpenEvent(e.id.clone()).into());
                }
            }
            // Reporting lag: from when it happened to each report, for the hovered event.
            if self.hovered_event.as_deref() == Some(e.id.as_str()) {
                for p in &e.evidence {
                    if let Some(pub_day) = state
                        .by_path
                        .get(&p.path)
                        .and_then(|&i| state.articles.get(i))
                        .and_then(|a| a.meta.published)
                    {
                        let px = x_of(gaps.to_axis(day_of_time(pub_day.date, pub_day.time)));
                        painter.line_segment(
                            [
                                Pos2::new(x0, cy),
                                Pos2::new(px, plot.top() + AXIS_H + PUBLISHED_H - 6.0),
                            ],
                            Stroke::new(1.5, color),
                        );
                    }
                }
            }
        }
        self.hovered_event = hovered_event;
        y += events_h;

        // Mentioned: the dates the selected article talks about.
        lane_label(y, MENTION_H, "Mentioned");
        if let Some(article) = state.selected() {
            for m in &state.selected_mentions {
                let Some(first) = m.first_day else { continue };
                let x = x_of(gaps.to_axis(day_of(first)));
                if x < plot.left() - 4.0 || x > plot.right() + 4.0 {
                    continue; // out of view: not over the lane's label
                }
                let cy = y + MENTION_H / 2.0;
                let c = theme::mention_color(dark);
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        Pos2::new(x, cy - 5.0),
                        Pos2::new(x + 5.0, cy),
                        Pos2::new(x, cy + 5.0),
                        Pos2::new(x - 5.0, cy),
                    ],
                    c,
                    Stroke::NONE,
                ));
                if let Some(p) = pointer
                    && (p.x - x).abs() < 6.0
                    && (p.y - cy).abs() < 8.0
                {
                    tooltip = Some(format!(
                        "“{}” → {}\n{}",
                        m.text,
                        m.value.as_deref().unwrap_or("-"),
                        m.how
                    ));
                    let _ = article;
                }
            }
        }
        y += MENTION_H;

        // Suggested: the dates the articles report, taller the more they weigh.
        lane_label(y, SUGGESTED_H, "Suggested");
        let s = &state.suggestions;
        let top = s
            .list
            .iter()
            .map(|x| x.score)
            .fold(0.0_f64, f64::max)
            .max(1e-9);
        for i in s.shown() {
            let sug = &s.list[i];
            let x = x_of(gaps.to_axis(day_of(sug.date)));
            if x < plot.left() - 4.0 || x > plot.right() + 4.0 {
                continue;
            }
            let h = 4.0 + (SUGGESTED_H - 8.0) * (sug.score / top).sqrt() as f32;
            let bottom = y + SUGGESTED_H - 3.0;
            let c = theme::suggestion_color(dark);
            let bar =
                Rect::from_min_max(Pos2::new(x - 2.5, bottom - h), Pos2::new(x + 2.5, bottom));
            painter.rect_filled(bar, 1.0, c);
            if s.selected == Some(i) {
                painter.rect_stroke(
                    bar.expand(2.0),
                    1.0,
                    Stroke::new(1.5, visuals.text_color()),
                    egui::StrokeKind::Outside,
                );
            }
            let hit = pointer
                .is_some_and(|p| (p.x - x).abs() < 5.0 && p.y >= y && p.y <= y + SUGGESTED_H);
            if hit {
                tooltip = Some(format!(
                    "Suggested {}: {}\n{} articles · score {:.1}",
                    super::suggestions_panel::date_label(sug),
                    crate::core::text::one_line(&sug.summary, 120),
                    sug.articles,
                    sug.score
                ));
                if clicked {
                    commands.push(ViewCommand::SelectSuggestion(i).into());
                }
            }
        }
        if let Some(text) = tooltip {
            response.on_hover_text_at_pointer(text);
        }
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        ui.horizontal(|ui| {
            if ui
                .button("Fit all")
                .on_hover_text("Show everything dated")
                .clicked()
            {
                self.fit_all(state);
            }
            let first = self.sorted.as_ref().and_then(|s| s.days.first().copied());
            let last = self.sorted.as_ref().and_then(|s| s.days.last().copied());
            if ui
                .add_enabled(first.is_some(), egui::Button::new("First"))
                .on_hover_text("Jump to the first article")
                .clicked()
                && let Some(d) = first
            {
                self.centre_on(date_of(d));
            }
            if ui
                .add_enabled(last.is_some(), egui::Button::new("Last"))
                .on_hover_text("Jump to the last article")
                .clicked()
                && let Some(d) = last
            {
                self.centre_on(date_of(d));
            }
            let selected = state
                .selected()
                .and_then(|a| a.meta.published)
                .map(|p| p.date);
            if ui
                .add_enabled(selected.is_some(), egui::Button::new("Selected"))
                .on_hover_text("Jump to the selected article")
                .clicked()
                && let Some(d) = selected
            {
                self.centre_on(d);
            }
            let before = self.collapse_gaps;
            ui.checkbox(&mut self.collapse_gaps, "Collapse gaps")
                .on_hover_text("Cut long empty stretches so both ends stay readable");
            if before != self.collapse_gaps {
                self.fit_all(state);
            }
            if let Some(v) = self.view {
                let (unit, _) = timeline::ticks(&v, ui.available_width() as f64, 70.0);
                ui.weak(format!(
                    "{} – {}  ({unit:?})",
                    date_of(v.start).format("%-d %b %Y"),
                    date_of(v.end).format("%-d %b %Y")
                ));
            }
            ui.weak("Wheel: zoom · drag: pan · drag on the axis: select");
        });
    }
}
