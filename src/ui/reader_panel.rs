//! The reader: headline, a metadata line, the events and annotations of the article, and the body
//! with annotated passages highlighted, where the user selects passages to tag.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, CCursorRange, LayoutJob};
use egui::{Color32, FontId, RichText, TextFormat};

use super::commands::{AnnotationCommand, Command, CommandId, FindCommand, ViewCommand};
use super::state::AppState;
use super::theme;
use crate::core::annotations::PassageOwner;
use crate::core::collection::Article;
use crate::core::text::one_line;

/// A passage the user selected: byte offsets into the article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub path: String,
    pub range: Range<usize>,
}

/// A highlighted span of the body (byte offsets into the body).
#[derive(Debug, Clone, PartialEq)]
struct Highlight {
    range: Range<usize>,
    color: Color32,
    owner_id: String,
}

pub struct ReaderPanel {
    body_id: egui::Id,
    selection: Option<Selection>,
    /// A selection to show in the text field on the next frame (set from outside the field).
    pending_selection: Option<Range<usize>>,
    shown_path: Option<String>,
    /// Parts of a long body (ranges into the body), and the one shown.
    pages: Vec<Range<usize>>,
    pages_key: Option<(String, u64)>,
    page: usize,
    job_cache: Option<(JobKey, Arc<LayoutJob>, Vec<Highlight>)>,
    /// Scroll the selection into view on the next frame.
    reveal: bool,
    /// The recycled passage whose list of other articles is open.
    shared_open: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
struct JobKey {
    path: String,
    page: usize,
    articles_revision: u64,
    annotations_revision: u64,
    search_revision: u64,
    dark: bool,
}

impl Default for ReaderPanel {
    fn default() -> Self {
        Self {
            body_id: egui::Id::unique("reader-body"),
            selection: None,
            pending_selection: None,
            shown_path: None,
            pages: Vec::new(),
            pages_key: None,
            page: 0,
            job_cache: None,
            reveal: false,
            shared_open: None,
        }
    }
}

/// Byte offset of char index `chars` in `text`.
fn byte_of_char(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn char_of_byte(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

impl ReaderPanel {
    /// The id of the body text field: it takes focus but is not an editable field.
    pub fn body_id(&self) -> egui::Id {
        self.body_id
    }

    /// The passage selected in the current article, if any.
    pub fn selection(&self) -> Option<&Selection> {
        self.selection.as_ref()
    }

    /// Selects `range` (byte offsets into the article text) as if the user had dragged over it.
    pub fn select(&mut self, article: &Article, range: Range<usize>) {
        let start = range.start.max(article.body_start).min(article.text.len());
        let end = range.end.max(start).min(article.text.len());
        self.selection = Some(Selection {
            path: article.path.clone(),
            range: start..end,
        });
        self.shown_path = Some(article.path.clone());
        self.refresh_pages(article, None);
        let body_offset = start - article.body_start;
        self.page = self
            .pages
            .iter()
            .position(|p| p.contains(&body_offset))
            .unwrap_or(0);
        let page_start = article.body_start + self.pages.get(self.page).map_or(0, |p| p.start);
        self.pending_selection = Some(start - page_start..end.max(page_start) - page_start);
    }

    /// Selects `range` and scrolls it into view (a search hit, a passage found in another
    /// article).
    pub fn reveal(&mut self, article: &Article, range: Range<usize>) {
        self.select(article, range);
        self.reveal = true;
    }

    fn refresh_pages(&mut self, article: &Article, revision: Option<u64>) {
        let key = (article.path.clone(), revision.unwrap_or(u64::MAX));
        if self.pages_key.as_ref() != Some(&key) || revision.is_none() {
            self.pages =
                crate::core::paging::pages(article.body(), crate::core::paging::PAGE_BYTES);
            self.pages_key = Some(key);
            self.page = self.page.min(self.pages.len().saturating_sub(1));
        }
    }

    pub fn clear_selection(&mut self) {
        self.selection = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        let Some(article) = state.selected() else {
            ui.centered_and_justified(|ui| {
                if state.is_loading() {
                    ui.spinner();
                } else if state.articles.is_empty() {
                    ui.weak("Open a collection to read it (File › Open collection…).");
                } else {
                    ui.weak("Select an article in the list or a day in the calendar.");
                }
            });
            return;
        };
        if self.shown_path.as_deref() != Some(article.path.as_str()) {
            self.shown_path = Some(article.path.clone());
            self.selection = None;
            self.pending_selection = None;
            self.shared_open = None;
            self.page = 0;
            let mut text_state =
                egui::text_edit::TextEditState::load(ui.ctx(), self.body_id).unwrap_or_default();
            text_state.cursor.set_char_range(None);
            text_state.store(ui.ctx(), self.body_id);
        }

        self.refresh_pages(article, Some(state.articles_revision));
        self.toolbar_ui(ui, state, commands);
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("reader-scroll", &article.path))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.header_ui(ui, article);
                self.entries_ui(ui, state, article, commands);
                ui.add_space(6.0);
                self.body_ui(ui, state, article, commands);
            });
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let has_selection = self.selection.is_some();
            for (id, command) in [
                (CommandId::TagEvent, AnnotationCommand::TagEvent),
                (CommandId::Annotate, AnnotationCommand::Annotate),
            ] {
                let button = ui
                    .add_enabled(has_selection, egui::Button::new(id.label()))
                    .on_hover_text(id.label_with_shortcut(ui.ctx()))
                    .on_disabled_hover_text("Select a passage in the text first");
                if button.clicked() {
                    commands.push(command.into());
                }
            }
            let add = ui
                .add_enabled(has_selection && !state.annotations.events.is_empty(), egui::Button::new("Add to event…"))
                .on_hover_text("Add the selected passage to an event already tagged: another article reporting it")
                .on_disabled_hover_text("Select a passage, and tag an event first");
            if add.clicked() {
                commands.push(AnnotationCommand::PickEventForPassage.into());
            }
            match &self.selection {
                Some(sel) => {
                    let chars = state
                        .selected()
                        .and_then(|a| a.text.get(sel.range.clone()))
                        .map_or(0, |t| t.chars().count());
                    ui.weak(format!("{chars} characters selected"));
                }
                None => {
                    ui.weak("Select a passage with the mouse to tag it.");
                }
            }
        });
    }

    fn header_ui(&self, ui: &mut egui::Ui, article: &Article) {
        let m = &article.meta;
        let mut headline = RichText::new(&m.title).size(theme::HEADLINE_SIZE).strong();
        if m.title_derived {
            headline = headline.italics();
        }
        let response = ui.add(egui::Label::new(headline).wrap());
        if m.title_derived {
            response.on_hover_text("No headline was given: this is the article's first sentence.");
        }
        let mut parts = Vec::new();
        match m.published {
            Some(t) => parts.push(format!("Published {}", t.human())),
            None => parts.push("Publication date unknown".to_string()),
        }
        if let Some(t) = m.first_posted {
            parts.push(format!("first posted {}", t.human()));
        }
        if let Some(s) = &m.source {
            parts.push(format!("source {s}"));
        }
        if let Some(b) = &m.byline {
            parts.push(format!("by {b}"));
        }
        if let Some(d) = &m.dateline {
            parts.push(format!("dateline {d}"));
        }
        parts.push(article.path.clone());
        ui.add(egui::Label::new(RichText::new(parts.join(" · ")).weak()).wrap());
        for w in &m.warnings {
            ui.colored_label(
                theme::warning_color(ui.visuals().dark_mode),
                format!("Warning: {w}"),
            );
        }
    }

    /// The events and annotations with a passage in this article, as buttons that open them.
    fn entries_ui(
        &self,
        ui: &mut egui::Ui,
        state: &AppState,
        article: &Article,
        commands: &mut Vec<Command>,
    ) {
        let entries: Vec<_> = state.annotations.passages_in(&article.path).collect();
        if entries.is_empty() {
            return;
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.weak("Tagged here:");
            let mut seen = std::collections::HashSet::new();
            for (passage, owner) in entries {
                if !seen.insert(owner.id().to_string()) {
                    continue;
                }
                let orphaned = crate::core::anchor::anchor(passage, &article.text)
                    == crate::core::anchor::Anchor::Orphaned;
                let (mut label, color, mut tip) = match owner {
                    PassageOwner::Event(e) => (
                        format!("{} ({})", e.title, e.when.start),
                        theme::event_marker(state.types.color(&e.event_type)),
                        format!("Event: {}\nEdit it", state.types.label(&e.event_type)),
                    ),
                    PassageOwner::Annotation(a) => (
                        if a.tags.is_empty() {
                            "Annotation".to_string()
                        } else {
                            a.tags.join(", ")
                        },
                        theme::annotation_color(ui.visuals().dark_mode),
                        format!("Annotation: “{}”\nEdit it", one_line(&passage.exact, 80)),
                    ),
                };
                if orphaned {
                    label.push_str(" (text not found)");
                    tip = format!(
                        "Orphaned: “{}” is no longer in the article. It is kept; edit or delete it.\n{tip}",
                        one_line(&passage.exact, 80)
                    );
                }
                let response = ui
                    .add(
                        egui::Button::new(
                            RichText::new(format!("• {label}")).color(ui.visuals().text_color()),
                        )
                        .stroke(egui::Stroke::new(1.5, color)),
                    )
                    .on_hover_text(tip);
                if response.clicked() {
                    commands.push(AnnotationCommand::Edit(owner.id().to_string()).into());
                }
            }
        });
    }

    fn body_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        article: &Article,
        commands: &mut Vec<Command>,
    ) {
        if self.pages.len() > 1 {
            self.pager_ui(ui);
        }
        let page = self
            .pages
            .get(self.page)
            .cloned()
            .unwrap_or(0..article.body().len());
        let base = article.body_start + page.start;
        let body = &article.text[base..article.body_start + page.end];
        let key = JobKey {
            path: article.path.clone(),
            page: self.page,
            articles_revision: state.articles_revision,
            annotations_revision: state.annotations_revision,
            search_revision: state.search.revision,
            dark: ui.visuals().dark_mode,
        };
        if self.job_cache.as_ref().is_none_or(|(k, _, _)| *k != key) {
            let mut highlights = highlights(
                state,
                article,
                base..base + body.len(),
                ui.visuals().dark_mode,
            );
            highlights.extend(search_highlights(
                state,
                base..base + body.len(),
                ui.visuals().dark_mode,
            ));
            let page_start = page.start;
            let underlines: Vec<Range<usize>> = state
                .selected_mentions
                .iter()
                .filter(|m| m.end > page.start && m.start < page.end)
                .map(|m| m.start.max(page_start) - page_start..m.end.min(page.end) - page_start)
                .collect();
            let mention_stroke =
                egui::Stroke::new(1.5, theme::mention_color(ui.visuals().dark_mode));
            let job = body_job(
                body,
                &highlights,
                &underlines,
                mention_stroke,
                ui.visuals().text_color(),
            );
            self.job_cache = Some((key, Arc::new(job), highlights));
        }
        let Some((_, job, highlights)) = &self.job_cache else {
            return;
        };
        let job = Arc::clone(job);
        let mut layouter = move |ui: &egui::Ui, _text: &dyn egui::TextBuffer, wrap_width: f32| {
            let mut job = (*job).clone();
            job.wrap.max_width = wrap_width;
            ui.fonts_mut(|f| f.layout_job(job))
        };
        if let Some(range) = self.pending_selection.take() {
            let mut text_state =
                egui::text_edit::TextEditState::load(ui.ctx(), self.body_id).unwrap_or_default();
            text_state.cursor.set_char_range(Some(CCursorRange::two(
                CCursor::new(char_of_byte(body, range.start)),
                CCursor::new(char_of_byte(body, range.end)),
            )));
            text_state.store(ui.ctx(), self.body_id);
        }
        let mut shown: &str = body;
        // The left margin holds the marks of passages that other articles have too.
        let output = egui::Frame::NONE
            .inner_margin(egui::Margin {
                left: MARGIN as i8,
                ..egui::Margin::ZERO
            })
            .show(ui, |ui| {
                egui::TextEdit::multiline(&mut shown)
                    .id(self.body_id)
                    .frame(egui::Frame::NONE)
                    .desired_width(f32::INFINITY)
                    .layouter(&mut layouter)
                    .show(ui)
            })
            .inner;
        let char_rect = |byte: usize| {
            let c = CCursor::new(char_of_byte(body, byte.min(body.len())));
            output
                .galley
                .pos_from_cursor(c)
                .translate(output.galley_pos.to_vec2())
        };
        if self.reveal {
            self.reveal = false;
            if let Some(sel) = &self.selection
                && sel.range.start >= base
            {
                let rect = char_rect(sel.range.start - base).union(char_rect(sel.range.end - base));
                ui.scroll_to_rect(rect.expand(24.0), Some(egui::Align::Center));
            }
        }

        // A date in the text: hover tells its value and how it was found; a click shows it in the
        // calendar.
        let mention_at = |pos: egui::Pos2| {
            let cursor = output.galley.cursor_from_pos(pos - output.galley_pos);
            let byte = page.start + byte_of_char(body, cursor.index.0);
            state
                .selected_mentions
                .iter()
                .find(|m| m.start <= byte && byte < m.end)
        };
        if let Some(pos) = output.response.hover_pos()
            && let Some(m) = mention_at(pos)
        {
            let value = m.value.as_deref().unwrap_or("no date");
            let text = format!(
                "“{}” → {value}\n{} ({}, {})\nClick to show it in the calendar",
                m.text,
                m.how,
                m.kind.as_str().replace('_', " "),
                m.precision.as_str()
            );
            output
                .response
                .response
                .clone()
                .on_hover_text_at_pointer(text);
        }
        if output.response.clicked()
            && let Some(pos) = output.response.interact_pointer_pos()
            && let Some(day) = mention_at(pos).and_then(|m| m.first_day)
        {
            commands.push(ViewCommand::JumpToDate(day).into());
        }
        if let Some(range) = output.cursor_range {
            let chars = range.as_sorted_char_range();
            let start = byte_of_char(body, chars.start.0);
            let end = byte_of_char(body, chars.end.0);
            if start < end && !body[start..end].trim().is_empty() {
                self.selection = Some(Selection {
                    path: article.path.clone(),
                    range: base + start..base + end,
                });
            } else if output.response.has_focus() || output.response.clicked() {
                self.selection = None;
                // A click (no drag) on a highlighted passage opens what it belongs to.
                if output.response.clicked()
                    && let Some(h) = highlights
                        .iter()
                        .rev()
                        .find(|h| !h.owner_id.is_empty() && h.range.contains(&start))
                {
                    commands.push(AnnotationCommand::Edit(h.owner_id.clone()).into());
                }
            }
        }
        self.shared_ui(ui, state, base..base + body.len(), &char_rect, commands);
    }
}

/// Width of the reader's left margin.
const MARGIN: f32 = 18.0;

impl ReaderPanel {
    /// A mark in the margin beside each passage that other articles have too: hover says how
    /// many, a click lists them, and a click on one opens it at the same passage.
    fn shared_ui(
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
                    egui::ScrollArea::vertical()
                        .max_height(260.0)
                        .show(ui, |ui| {
                            for &o in &p.others {
                                let Some(a) = state.articles.get(o) else {
                                    continue;
                                };
                                let date = a.meta.published.map_or_else(
                                    || "undated".to_string(),
                                    |t| t.date.format("%Y-%m-%d").to_string(),
                                );
                                let text = format!(
                                    "{} · {} · {}",
                                    one_line(&a.meta.title, 60),
                                    date,
                                    a.meta.source.as_deref().unwrap_or("unknown source")
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
                        });
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

    /// "Part 2 of 67" with previous and next, for a body too long to lay out at once.
    fn pager_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.weak(format!(
                "Long article: part {} of {}",
                self.page + 1,
                self.pages.len()
            ));
            if ui
                .add_enabled(self.page > 0, egui::Button::new("‹ Previous part"))
                .clicked()
            {
                self.page -= 1;
                self.selection = None;
            }
            if ui
                .add_enabled(
                    self.page + 1 < self.pages.len(),
                    egui::Button::new("Next part ›"),
                )
                .clicked()
            {
                self.page += 1;
                self.selection = None;
            }
        });
        ui.add_space(4.0);
    }
}

/// The highlighted spans in `shown` (a byte range of the article's text), relative to its start;
/// events over annotations.
fn highlights(
    state: &AppState,
    article: &Article,
    shown: Range<usize>,
    dark: bool,
) -> Vec<Highlight> {
    let mut out: Vec<Highlight> = state
        .annotations
        .passages_in(&article.path)
        .filter_map(|(passage, owner)| {
            let range = crate::core::anchor::anchor(passage, &article.text).range()?;
            if range.end <= shown.start || range.start >= shown.end {
                return None;
            }
            let start = range.start.max(shown.start) - shown.start;
            let end = range.end.min(shown.end) - shown.start;
            let color = match owner {
                PassageOwner::Event(e) => theme::event_highlight(state.types.color(&e.event_type)),
                PassageOwner::Annotation(_) => theme::annotation_color(dark),
            };
            Some(Highlight {
                range: start..end,
                color,
                owner_id: owner.id().to_string(),
            })
        })
        .collect();
    // Events are drawn last, over annotations.
    out.sort_by_key(|h| !h.owner_id.starts_with("an-"));
    out
}

/// The search hits of the selected article in `shown`, the current one stronger.
fn search_highlights(state: &AppState, shown: Range<usize>, dark: bool) -> Vec<Highlight> {
    let Some(article) = state.selected_article else {
        return Vec::new();
    };
    let s = &state.search;
    let current = s
        .current
        .and_then(|(r, h)| s.results.get(r).filter(|(a, _)| *a == article).map(|_| h));
    s.hits_in(article)
        .iter()
        .enumerate()
        .filter(|(_, r)| r.end > shown.start && r.start < shown.end)
        .map(|(i, r)| Highlight {
            range: r.start.max(shown.start) - shown.start..r.end.min(shown.end) - shown.start,
            color: theme::search_hit_color(dark, current == Some(i)),
            owner_id: String::new(),
        })
        .collect()
}

/// The body as a layout job, each highlighted span with its background.
fn body_job(
    body: &str,
    highlights: &[Highlight],
    underlines: &[Range<usize>],
    underline: egui::Stroke,
    text_color: Color32,
) -> LayoutJob {
    let font = FontId::proportional(theme::BODY_SIZE);
    let mut bounds: Vec<usize> = vec![0, body.len()];
    for r in highlights.iter().map(|h| &h.range).chain(underlines) {
        bounds.push(r.start.min(body.len()));
        bounds.push(r.end.min(body.len()));
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut job = LayoutJob::default();
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(text) = body.get(start..end) else {
            continue;
        };
        let background = highlights
            .iter()
            .rev()
            .find(|h| h.range.start <= start && end <= h.range.end)
            .map_or(Color32::TRANSPARENT, |h| h.color);
        job.append(
            text,
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: text_color,
                background,
                underline: if underlines.iter().any(|u| u.start <= start && end <= u.end) {
                    underline
                } else {
                    egui::Stroke::NONE
                },
                line_height: Some(theme::BODY_SIZE * 1.45),
                ..Default::default()
            },
        );
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_and_byte_offsets_agree() {
        let text = "Ağdam ə Лавров";
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(byte_of_char(text, chars), byte);
            assert_eq!(char_of_byte(text, byte), chars);
        }
        assert_eq!(byte_of_char(text, 999), text.len());
    }

    #[test]
    fn overlapping_highlights_split_the_text() {
        let hl = |r: Range<usize>, c| Highlight {
            range: r,
            color: c,
            owner_id: String::new(),
        };
        let job = body_job(
            "abcdefghij",
            &[hl(2..6, Color32::RED), hl(4..8, Color32::BLUE)],
            &[],
            egui::Stroke::NONE,
            Color32::WHITE,
        );
        let spans: Vec<_> = job
            .sections
            .iter()
            .map(|s| {
                (
                    s.byte_range.start.0..s.byte_range.end.0,
                    s.format.background,
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                (0..2, Color32::TRANSPARENT),
                (2..4, Color32::RED),
                (4..8, Color32::BLUE),
                (8..10, Color32::TRANSPARENT),
            ]
        );
    }
}
