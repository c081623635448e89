//! The Search tab: a query (words, "phrases", names in any spelling), filters, and the hits as
//! they stream in, each with a snippet; clicking one shows it in the reader.

use egui::text::LayoutJob;
use egui::{RichText, TextFormat};

use super::commands::{Command, CommandId, FindCommand};
use super::finder::{Annotated, SearchFilters, SearchRequest, sources, tags_in_use};
use super::state::AppState;
use super::theme;

pub struct SearchPanel {
    pub query: String,
    source: Option<String>,
    tag: Option<String>,
    annotated: Annotated,
    /// Limit to the day or range selected on the calendar or timeline.
    pub use_dates: bool,
    focus: bool,
    query_id: egui::Id,
    sent: Option<SearchRequest>,
    sources: (u64, Vec<(String, usize)>),
    sources_at: Option<std::time::Instant>,
    tags: (u64, Vec<String>),
    scroll_to_current: Option<(usize, usize)>,
}

impl Default for SearchPanel {
    fn default() -> Self {
        Self {
            query: String::new(),
            source: None,
            tag: None,
            annotated: Annotated::Any,
            use_dates: true,
            focus: false,
            query_id: egui::Id::unique("search-query"),
            sent: None,
            sources: (u64::MAX, Vec::new()),
            sources_at: None,
            tags: (u64::MAX, Vec::new()),
            scroll_to_current: None,
        }
    }
}

/// Row height of a result: title, date and source, snippet.
const ROW_HEIGHT: f32 = 60.0;

impl SearchPanel {
    /// Puts the keyboard in the query field on the next frame (Ctrl+F).
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// The search the panel's fields ask for now.
    pub fn request(&self, state: &AppState) -> SearchRequest {
        let dates = if self.use_dates {
            state.selected_range.or(state.selected_day.map(|d| (d, d)))
        } else {
            None
        };
        SearchRequest {
            query: self.query.trim().to_string(),
            filters: SearchFilters {
                source: self.source.clone(),
                tag: self.tag.clone(),
                annotated: self.annotated,
                dates,
            },
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        // In a row, right to left: the button keeps its width, the field takes the rest.
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Name variants…")
                    .on_hover_text("Edit the spellings a search treats as one name")
                    .clicked()
                {
                    commands.push(FindCommand::EditAliases.into());
                }
                let response = ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(self.query_id)
                        .hint_text("Words, \"a phrase\", a name in any spelling")
                        .desired_width(ui.available_width()),
                );
                response.widget_info(|| {
                    let mut info = egui::WidgetInfo::text_edit(true, "", &self.query, "");
                    info.label = Some("Search the collection".into());
                    info
                });
                if self.focus {
                    self.focus = false;
                    response.request_focus();
                }
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    commands.push(FindCommand::StepHit(true).into());
                }
            });
        });
        self.filters_ui(ui, state);
        let request = self.request(state);
        if self.sent.as_ref() != Some(&request) {
            self.sent = Some(request.clone());
            commands.push(FindCommand::Search(request).into());
        }
        self.summary_ui(ui, state);
        self.results_ui(ui, state, commands);
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        // While a collection streams in, the sources are counted again now and then, not every
        // frame.
        let stale = self.sources.0 != state.articles_revision;
        let recently = self
            .sources_at
            .is_some_and(|t| t.elapsed() < std::time::Duration::from_secs(1));
        if stale && (!state.is_loading() || !recently) {
            self.sources = (state.articles_revision, sources(&state.articles));
            self.sources_at = Some(std::time::Instant::now());
        }
        if self.tags.0 != state.annotations_revision {
            self.tags = (state.annotations_revision, tags_in_use(&state.annotations));
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Source").id;
            egui::ComboBox::from_id_salt("search-source")
                .selected_text(self.source.as_deref().unwrap_or("Any"))
                .width(110.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.source, None, "Any");
                    for (s, n) in &self.sources.1 {
                        ui.selectable_value(&mut self.source, Some(s.clone()), format!("{s} ({n})"));
                    }
                })
                .response
                .labelled_by(label);
            let label = ui.label("Tag").id;
            egui::ComboBox::from_id_salt("search-tag")
                .selected_text(self.tag.as_deref().unwrap_or("Any"))
                .width(110.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.tag, None, "Any");
                    for t in &self.tags.1 {
                        ui.selectable_value(&mut self.tag, Some(t.clone()), t);
                    }
                })
                .response
                .on_hover_text("Articles with an event or annotation of this tag or type")
                .labelled_by(label);
            egui::ComboBox::from_id_salt("search-annotated")
                .selected_text(self.annotated.label())
                .width(130.0)
                .show_ui(ui, |ui| {
                    for a in Annotated::ALL {
                        ui.selectable_value(&mut self.annotated, a, a.label());
                    }
                });
            let dates = state
                .selected_range
                .or(state.selected_day.map(|d| (d, d)));
            if let Some((from, to)) = dates {
                let text = if from == to {
                    format!("Only {}", from.format("%-d %b %Y"))
                } else {
                    format!("Only {} – {}", from.format("%-d %b %Y"), to.format("%-d %b %Y"))
                };
                ui.checkbox(&mut self.use_dates, text)
                    .on_hover_text("Only articles published on the day or range selected on the calendar or timeline");
            }
        });
    }

    fn summary_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let s = &state.search;
        if s.request.query.is_empty() {
            ui.weak(format!(
                "Type to search every article's text; case and accents do not matter. Names \
                 are found in all their spellings. {} and {} step through the hits.",
                ui.ctx()
                    .format_shortcut(&CommandId::NextHit.shortcut().unwrap_or(
                        egui::KeyboardShortcut::new(egui::Modifiers::NONE, egui::Key::F3)
                    )),
                ui.ctx()
                    .format_shortcut(&CommandId::PreviousHit.shortcut().unwrap_or(
                        egui::KeyboardShortcut::new(egui::Modifiers::SHIFT, egui::Key::F3)
                    )),
            ));
            return;
        }
        let found = format!(
            "{} {} in {} {}",
            s.found.hits,
            if s.found.hits == 1 { "hit" } else { "hits" },
            s.found.results.len(),
            if s.found.results.len() == 1 {
                "article"
            } else {
                "articles"
            }
        );
        if s.running {
            let fraction = s.searched as f32 / s.candidates.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_height(14.0)
                    .text(format!("Searching… {found} so far")),
            );
        } else if s.found.results.is_empty() {
            ui.label(format!("No hits in {} articles.", s.candidates));
        } else {
            ui.label(format!("{found} (of {} searched)", s.candidates));
        }
        if state.is_loading() {
            ui.weak("The collection is still loading: the search runs again once it is in.");
        }
        let variants: Vec<&str> = s
            .terms
            .iter()
            .flat_map(|t| t.iter().skip(1))
            .map(String::as_str)
            .collect();
        if !variants.is_empty() {
            let shown: Vec<&str> = variants.iter().take(8).copied().collect();
            let more = variants.len().saturating_sub(shown.len());
            ui.weak(format!(
                "Also finds {}{}",
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ))
            .on_hover_text(variants.join(", "));
        }
    }

    /// Scroll the list to the current hit's article on the next frame.
    pub fn reveal_current(&mut self, current: Option<(usize, usize)>) {
        self.scroll_to_current = current;
    }

    fn results_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        let s = &state.search;
        if s.found.results.is_empty() {
            return;
        }
        ui.separator();
        let mut area = egui::ScrollArea::vertical()
            .id_salt("search-results")
            .auto_shrink([false, false]);
        if let Some((r, _)) = self.scroll_to_current.take() {
            let spacing = ui.spacing().item_spacing.y;
            area = area.vertical_scroll_offset(
                (r as f32 * (ROW_HEIGHT + spacing) - 2.0 * ROW_HEIGHT).max(0.0),
            );
        }
        let current = s.current.map(|(r, _)| r);
        area.show_rows(ui, ROW_HEIGHT, s.found.results.len(), |ui, range| {
            for r in range {
                let (article, hits) = &s.found.results[r];
                let Some(a) = state.articles.get(*article) else {
                    continue;
                };
                if result_row(ui, a, hits, current == Some(r)).clicked() {
                    commands.push(FindCommand::OpenHit(r, 0).into());
                }
            }
        });
    }
}

/// One result: the title, date · source · hits, and the first hit in its sentence.
fn result_row(
    ui: &mut egui::Ui,
    a: &crate::core::collection::Article,
    hits: &[std::ops::Range<usize>],
    selected: bool,
) -> egui::Response {
    let (rect, response, colors) = super::list_rows::article_row(ui, a, selected, ROW_HEIGHT);
    let Some(super::list_rows::RowColors {
        strong,
        weak,
        text: text_color,
    }) = colors
    else {
        return response;
    };
    let title = super::list_rows::title_label(a);
    let width = rect.width() - 12.0;
    let date = super::list_rows::date_label(a);
    let source = crate::ui::list_rows::source_label(a);
    let n = hits.len();
    let small = egui::TextStyle::Small.resolve(ui.style());
    let body = egui::TextStyle::Body.resolve(ui.style());
    let mut lines = vec![
        LayoutJob::simple_singleline(title.to_string(), body.clone(), strong),
        LayoutJob::simple_singleline(
            format!(
                "{date} · {source} · {n} {}",
                if n == 1 { "hit" } else { "hits" }
            ),
            small.clone(),
            weak,
        ),
    ];
    if let Some(hit) = hits.first() {
        let (before, found, after) = crate::core::search::snippet_parts(&a.text, hit, 30, 90);
        let mut job = LayoutJob::default();
        let plain = TextFormat::simple(small.clone(), text_color);
        job.append(&before, 0.0, plain.clone());
        job.append(
            &found,
            0.0,
            TextFormat {
                background: theme::search_hit_color(ui.visuals().dark_mode, false),
                color: strong,
                ..plain.clone()
            },
        );
        job.append(&after, 0.0, plain);
        lines.push(job);
    }
    let mut y = 2.0;
    for mut job in lines {
        job.wrap = egui::text::TextWrapping::truncate_at_width(width);
        let galley = ui.painter().layout_job(job);
        let h = galley.size().y;
        ui.painter()
            .galley(rect.left_top() + egui::vec2(6.0, y), galley, strong);
        y += h + 2.0;
    }
    response
}

/// "Search" with the hit count, for the tab.
pub fn tab_label(state: &AppState) -> RichText {
    if state.search.request.query.is_empty() {
        RichText::new("Search")
    } else {
        RichText::new(format!("Search ({})", state.search.found.results.len()))
    }
}
