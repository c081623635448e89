//! The reader: headline, a metadata line, the events and annotations of the article, and the body
//! with annotated passages highlighted, where the user selects passages to tag.

use std::ops::Range;
use std::sync::Arc;

use egui::RichText;
use egui::text::{CCursor, CCursorRange, LayoutJob};

use super::commands::{AnnotationCommand, Command, CommandId, ViewCommand};
use super::state::AppState;
use super::theme;
use crate::core::annotations::PassageOwner;
use crate::core::collection::Article;
use crate::core::text::one_line;

mod highlight;
mod margin;

use highlight::{
    Highlight, body_job, evidence_highlights, highlights as highlights_of, search_highlights,
};
use margin::MARGIN;

/// A passage the user selected: byte offsets into the article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub path: String,
    pub range: Range<usize>,
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
    /// The whole saved page, while the user looks at it instead of the article read from it.
    whole_page: WholePage,
}

/// The reader's whole-page view of the article shown.
#[derive(Debug, Clone, PartialEq, Default)]
enum WholePage {
    #[default]
    Off,
    /// Asked for this article; being read.
    Loading(String),
    /// This article's page: its text, or why it cannot be shown.
    Shown(String, Result<String, String>),
}

#[derive(Debug, Clone, PartialEq)]
struct JobKey {
    path: String,
    page: usize,
    articles_revision: u64,
    annotations_revision: u64,
    search_revision: u64,
    suggestions_revision: u64,
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
            whole_page: WholePage::Off,
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

    /// Takes in the whole page read for `path`, if it is still the one asked for (the user may
    /// have moved on or turned the view off meanwhile).
    pub fn whole_page_read(&mut self, path: String, page: Result<String, String>) {
        if self.whole_page == WholePage::Loading(path.clone()) {
            self.whole_page = WholePage::Shown(path, page);
        }
    }

    /// Whether the whole page is shown instead of the article.
    pub fn shows_whole_page(&self) -> bool {
        matches!(self.whole_page, WholePage::Shown(..))
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
            self.whole_page = WholePage::Off;
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
                match &self.whole_page {
                    WholePage::Shown(path, page) if *path == article.path => {
                        ui.add_space(6.0);
                        whole_page_ui(ui, page);
                    }
                    _ => {
                        self.entries_ui(ui, state, article, commands);
                        ui.add_space(6.0);
                        self.body_ui(ui, state, article, commands);
                    }
                }
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
            if let Some(article) = state.selected()
                && crate::core::collection::has_whole_page(&article.path)
            {
                let mut whole = self.whole_page != WholePage::Off;
                let toggle = ui
                    .toggle_value(&mut whole, "Whole page")
                    .on_hover_text("Show everything the saved page holds — menus, banners, footers — when the article read from it is not right");
                if toggle.clicked() {
                    self.whole_page = if whole {
                        commands.push(ViewCommand::ShowWholePage(article.path.clone()).into());
                        WholePage::Loading(article.path.clone())
                    } else {
                        WholePage::Off
                    };
                }
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
            Some(t) if m.date_from_path => parts.push(format!(
                "Published {} (date from the file's path)",
                t.human()
            )),
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
        if let Some(url) = &m.url {
            ui.hyperlink_to(RichText::new(url).small(), url)
                .on_hover_text("The page's address: opens in your browser");
        }
        // Where each field came from ("Title from", "Date from"…) on a line of its own.
        let (origins, fields): (Vec<_>, Vec<_>) =
            m.extra.iter().partition(|(k, _)| k.ends_with(" from"));
        if !fields.is_empty() {
            let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            ui.add(egui::Label::new(RichText::new(fields.join(" · ")).weak().small()).wrap());
        }
        if !origins.is_empty() {
            let origins: Vec<String> = origins
                .iter()
                .map(|(k, v)| format!("{} ← {v}", k.trim_end_matches(" from").to_lowercase()))
                .collect();
            let line = format!("Came from: {}", origins.join(" · "));
            ui.add(egui::Label::new(RichText::new(line).weak().small()).wrap())
                .on_hover_text("Where each field of the header was found in the file");
        }
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
        // A text read again from a file that changed or vanished since can be shorter than the
        // page: it shows as empty rather than cut out of range.
        let body = article.body().get(page.clone()).unwrap_or("");
        let key = JobKey {
            path: article.path.clone(),
            page: self.page,
            articles_revision: state.articles_revision,
            annotations_revision: state.annotations_revision,
            search_revision: state.search.revision,
            suggestions_revision: state.suggestions.revision,
            dark: ui.visuals().dark_mode,
        };
        if self.job_cache.as_ref().is_none_or(|(k, _, _)| *k != key) {
            // evidence under the annotations, so an accepted suggestion shows as its event
            let mut highlights = evidence_highlights(
                state,
                article,
                base..base + body.len(),
                ui.visuals().dark_mode,
            );
            highlights.extend(highlights_of(
                state,
                article,
                base..base + body.len(),
                ui.visuals().dark_mode,
            ));
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
            let click = if m.first_day.is_some() {
                "Click to show it in the calendar"
            } else {
                "Not on the calendar: it names no day"
            };
            let text = format!(
                "“{}” → {value}\n{} ({}, {})\n{click}",
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

impl ReaderPanel {
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

/// The whole saved page, read-only: passages are tagged in the article.
fn whole_page_ui(ui: &mut egui::Ui, page: &Result<String, String>) {
    match page {
        Ok(text) => {
            ui.colored_label(
                theme::warning_color(ui.visuals().dark_mode),
                "The whole page as saved, menus and all. Passages are tagged in the article: turn \"Whole page\" off.",
            );
            ui.add_space(4.0);
            ui.add(egui::Label::new(RichText::new(text).size(theme::BODY_SIZE)).wrap());
        }
        Err(e) => {
            ui.colored_label(theme::error_color(ui.visuals().dark_mode), e);
        }
    }
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

    /// An article listed from the cache whose file vanished reads back empty, shorter than where
    /// its body was: the reader shows it empty instead of cutting the text out of range.
    #[test]
    fn a_text_shorter_than_its_header_shows_empty() {
        let mut state = AppState::new(crate::core::taxonomy::TypeIndex::default());
        let mut article = crate::core::collection::test_article("gone.md", "");
        article.body_start = 40;
        state.articles.push(article);
        state.reindex();
        state.selected_article = Some(0);
        let mut panel = ReaderPanel::default();
        let ctx = egui::Context::default();
        let mut commands = Vec::new();
        for _ in 0..2 {
            // No renderer takes the textures: they are let go on purpose.
            ctx.run_ui(egui::RawInput::default(), |ui| {
                panel.ui(ui, &state, &mut commands)
            })
            .textures_delta
            .clear();
        }
        assert!(commands.is_empty());
    }
}
