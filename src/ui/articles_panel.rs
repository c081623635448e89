//! The article list: sortable, filterable, virtualised; and the Problems view beside it.

use egui::{RichText, text::LayoutJob};

use super::commands::{AnnotationCommand, Command, ViewCommand};
use super::list_rows::{RowColors, article_row, date_label, title_label};
use super::state::AppState;
use super::theme;
use crate::core::collection::Article;
use crate::core::timestamp::Timestamp;

pub use super::article_rows::{
    ListQuery, SortKey, add_appended_rows, first_row, matches_filter, rows_with_dates,
    visible_rows, visible_rows_in,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Articles,
    Search,
    Problems,
    Orphans,
}

/// What the visible rows were computed from.
#[derive(Debug, Clone, PartialEq)]
struct RowsKey {
    revision: u64,
    filter: String,
    sort: SortKey,
    day: Option<chrono::NaiveDate>,
    range: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Near-duplicates grouped, with the recycled index's revision.
    grouped: Option<u64>,
}

impl RowsKey {
    /// Whether these rows are every article, newest first: no filter, day, range or grouping.
    fn every_article_newest_first(&self) -> bool {
        self.filter.trim().is_empty()
            && self.sort == SortKey::NewestFirst
            && self.day.is_none()
            && self.range.is_none()
            && self.grouped.is_none()
    }
}

pub struct ArticlesPanel {
    pub filter: String,
    pub sort: SortKey,
    tab: Tab,
    rows: Vec<usize>,
    rows_key: Option<RowsKey>,
    /// The articles' generation (`AppState::articles_generation`) and how many of them `rows`
    /// was computed from: articles appended since are merged in, not everything sorted again.
    covered: (u64, usize),
    /// Each row's publication date, side by side with `rows`, when the list is sorted by date.
    row_dates: Vec<Option<Timestamp>>,
    /// Scroll the selected row into view on the next frame.
    scroll_to_selected: bool,
    last_selected: Option<usize>,
    /// While a collection streams in, the list is sorted again now and then (`ui/throttle.rs`).
    refreshing: super::throttle::Throttle,
    pub search: super::search_panel::SearchPanel,
    /// List near-duplicate articles together, under the first.
    pub group_duplicates: bool,
    /// Rows shown indented under the first of their near-duplicate group.
    nested: std::collections::HashSet<usize>,
    /// The first row of each near-duplicate group: how many follow it.
    group_sizes: std::collections::HashMap<usize, usize>,
}

impl Default for ArticlesPanel {
    fn default() -> Self {
        Self {
            filter: String::new(),
            sort: SortKey::NewestFirst,
            tab: Tab::Articles,
            rows: Vec::new(),
            rows_key: None,
            covered: (0, 0),
            row_dates: Vec::new(),
            scroll_to_selected: false,
            last_selected: None,
            refreshing: Default::default(),
            search: Default::default(),
            group_duplicates: false,
            nested: Default::default(),
            group_sizes: Default::default(),
        }
    }
}

impl ArticlesPanel {
    /// Every article of `articles_revision`, newest first, when that is what the list shows (no
    /// filter, day, range or grouping, newest first): a search over the whole collection takes
    /// its order from here instead of sorting a million articles again on the UI thread.
    pub fn all_newest_first(&self, articles_revision: u64, articles: usize) -> Option<&[usize]> {
        let key = self.rows_key.as_ref()?;
        let all = key.revision == articles_revision
            && key.every_article_newest_first()
            && self.rows.len() == articles;
        all.then_some(self.rows.as_slice())
    }

    /// Takes `rows`, every article of `generation` newest first (with `dates` side by side), in
    /// place of the rows of its first `ahead` articles, when the list shows every article
    /// newest first: sorted on the loading thread, where sorting a million rows held the
    /// window's frame for a quarter of a second.
    pub fn adopt_newest_first(
        &mut self,
        generation: u64,
        ahead: usize,
        rows: Vec<usize>,
        dates: Vec<Option<Timestamp>>,
    ) {
        let all_newest_first = self
            .rows_key
            .as_ref()
            .is_some_and(RowsKey::every_article_newest_first);
        if all_newest_first && self.covered == (generation, ahead) && rows.len() == dates.len() {
            self.covered = (generation, rows.len());
            self.rows = rows;
            self.row_dates = dates;
        }
    }

    /// The rows as shown, in order (for next/previous article).
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    pub fn scroll_to_selected(&mut self) {
        self.scroll_to_selected = true;
    }

    /// Shows the Search tab with the keyboard in its field (Ctrl+F).
    pub fn show_search(&mut self) {
        self.tab = Tab::Search;
        self.search.focus();
    }

    /// Puts each near-duplicate group's articles together, where its first one is listed.
    fn group_rows(&mut self, index: &crate::core::recycled::RecycledIndex) {
        use std::collections::HashMap;
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for &r in &self.rows {
            if let Some(c) = index.cluster_of(r) {
                members.entry(c).or_default().push(r);
            }
        }
        let mut out = Vec::with_capacity(self.rows.len());
        for &r in &self.rows {
            match index.cluster_of(r).and_then(|c| members.remove(&c)) {
                Some(group) => {
                    if group.len() > 1 {
                        self.group_sizes.insert(group[0], group.len() - 1);
                        self.nested.extend(group[1..].iter().copied());
                    }
                    out.extend(group);
                }
                None if index.cluster_of(r).is_some() => {} // listed with its group
                None => out.push(r),
            }
        }
        self.rows = out;
    }

    fn refresh_rows(&mut self, state: &AppState) {
        let key = RowsKey {
            revision: state.articles_revision,
            filter: self.filter.clone(),
            sort: self.sort,
            day: state.selected_day,
            range: state.selected_range,
            grouped: if self.group_duplicates {
                state
                    .recycled_index()
                    .and(state.recycled.as_ref().map(|r| r.1))
            } else {
                None
            },
        };
        let only_new_articles = self.rows_key.as_ref().is_some_and(|k| {
            k.filter == key.filter && k.sort == key.sort && k.day == key.day && k.range == key.range
        });
        // Rows made when there were more articles than now are never kept, not even until the
        // throttle's turn: they may point past the end of the list. (Rows of articles replaced
        // in place wait for their turn, as new ones do: a million sorted every frame while
        // changed files come in would hold the window.)
        let rows_in_range = self.covered.1 <= state.articles.len();
        let rows_hold = self.covered.0 == state.articles_generation && rows_in_range;
        if only_new_articles
            && rows_in_range
            && !self.rows.is_empty()
            && !self.refreshing.due(state.streaming())
        {
            return;
        }
        if self.rows_key.as_ref() != Some(&key) {
            let start = std::time::Instant::now();
            let new = state.articles.len().saturating_sub(self.covered.1);
            let appended = only_new_articles
                && key.grouped.is_none()
                && self.rows_key.as_ref().is_some_and(|k| k.grouped.is_none())
                && rows_hold
                // Out of date order, many new rows are put in place faster by a sort.
                && (self.sort.newest_first().is_some() || new <= self.covered.1 / 16);
            let query = ListQuery {
                filter: &self.filter,
                sort: self.sort,
                day: state.selected_day,
                range: state.selected_range,
            };
            if appended {
                add_appended_rows(
                    &state.articles,
                    &mut self.rows,
                    &mut self.row_dates,
                    self.covered.1,
                    &query,
                );
            } else {
                (self.rows, self.row_dates) = rows_with_dates(&state.articles, &query);
            }
            self.covered = (state.articles_generation, state.articles.len());
            self.nested.clear();
            self.group_sizes.clear();
            if key.grouped.is_some()
                && let Some(index) = state.recycled_index()
            {
                self.group_rows(index);
            }
            self.rows_key = Some(key);
            self.refreshing.ran(start);
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        self.refresh_rows(state);
        if state.selected_article != self.last_selected {
            self.last_selected = state.selected_article;
            self.scroll_to_selected = true;
        }
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.tab,
                Tab::Articles,
                format!("Articles ({})", state.articles.len()),
            );
            ui.selectable_value(
                &mut self.tab,
                Tab::Search,
                super::search_panel::tab_label(state),
            )
            .on_hover_text("Search the text of every article (Ctrl+F)");
            let problems = format!("Problems ({})", state.problems.len());
            let text = if state.problems.is_empty() {
                RichText::new(problems)
            } else {
                RichText::new(problems).color(theme::warning_color(ui.visuals().dark_mode))
            };
            ui.selectable_value(&mut self.tab, Tab::Problems, text);
            let orphans = format!("Orphans ({})", state.orphans);
            let text = if state.orphans == 0 {
                RichText::new(orphans)
            } else {
                RichText::new(orphans).color(theme::warning_color(ui.visuals().dark_mode))
            };
            ui.selectable_value(&mut self.tab, Tab::Orphans, text)
                .on_hover_text(
                    "Annotated passages whose text can no longer be found in their article",
                );
        });
        ui.separator();
        match self.tab {
            Tab::Articles => self.articles_ui(ui, state, commands),
            Tab::Search => self.search.ui(ui, state, commands),
            Tab::Problems => problems_ui(ui, state),
            Tab::Orphans => orphans_ui(ui, state, has_selection_in_reader(state), commands),
        }
    }

    fn articles_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("Filter by title, source, byline, file")
                    .desired_width(ui.available_width() - 150.0),
            )
            .on_hover_text("Words to look for in the title, source, byline or file name");
            let label = ui.label("Sort").id;
            egui::ComboBox::from_id_salt("sort")
                .selected_text(self.sort.label())
                .width(100.0)
                .show_ui(ui, |ui| {
                    for key in SortKey::ALL {
                        ui.selectable_value(&mut self.sort, key, key.label());
                    }
                })
                .response
                .labelled_by(label);
        });
        if let Some(day) = state.selected_day {
            ui.horizontal(|ui| {
                ui.label(format!("Published on {}", day.format("%-d %B %Y")));
                if ui
                    .small_button("Show all days")
                    .on_hover_text("Clear the day filter")
                    .clicked()
                {
                    commands.push(ViewCommand::SelectDay(None).into());
                }
            });
        }
        if let Some((from, to)) = state.selected_range {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Published {} – {}",
                    from.format("%-d %b %Y"),
                    to.format("%-d %b %Y")
                ));
                if ui
                    .small_button("Show all dates")
                    .on_hover_text("Clear the range selected on the timeline")
                    .clicked()
                {
                    commands.push(ViewCommand::SelectRange(None).into());
                }
            });
        }
        if state.recycled_index().is_some_and(|i| i.clustered() > 0) || self.group_duplicates {
            ui.checkbox(&mut self.group_duplicates, "Group near-duplicates")
                .on_hover_text("List articles that mostly repeat another one under it");
        }
        if self.rows.is_empty() {
            ui.add_space(8.0);
            let note = if state.is_loading() {
                "Loading…"
            } else if state.articles.is_empty() {
                "No articles in this collection."
            } else {
                "No article matches the filter."
            };
            ui.weak(note);
            return;
        }
        ui.weak(format!("{} shown", self.rows.len()));
        let row_height = theme::LIST_ROW_HEIGHT;
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if self.scroll_to_selected {
            self.scroll_to_selected = false;
            if let Some(pos) = state
                .selected_article
                .and_then(|sel| self.rows.iter().position(|&r| r == sel))
            {
                let spacing = ui.spacing().item_spacing.y;
                let offset = (pos as f32 * (row_height + spacing) - 3.0 * row_height).max(0.0);
                area = area.vertical_scroll_offset(offset);
            }
        }
        area.show_rows(ui, row_height, self.rows.len(), |ui, range| {
            for &i in &self.rows[range] {
                let a = &state.articles[i];
                let nesting = if self.nested.contains(&i) {
                    Nesting::Member
                } else if let Some(&n) = self.group_sizes.get(&i) {
                    Nesting::First(n)
                } else {
                    Nesting::None
                };
                if row_ui(
                    ui,
                    a,
                    state.selected_article == Some(i),
                    row_height,
                    nesting,
                )
                .clicked()
                {
                    commands.push(ViewCommand::SelectArticle(i).into());
                }
            }
        });
    }
}

/// Where a row stands in a near-duplicate group.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Nesting {
    None,
    /// The first of a group, followed by this many.
    First(usize),
    Member,
}

/// One row: the title, then date · source · file, each cut to the width.
fn row_ui(
    ui: &mut egui::Ui,
    a: &Article,
    selected: bool,
    height: f32,
    nesting: Nesting,
) -> egui::Response {
    let (rect, response, colors) = article_row(ui, a, selected, height);
    let Some(RowColors {
        strong: text_color,
        weak,
        ..
    }) = colors
    else {
        return response;
    };
    let indent = if nesting == Nesting::Member {
        18.0
    } else {
        0.0
    };
    let width = rect.width() - 12.0 - indent;
    let date = date_label(a);
    let source = crate::ui::list_rows::source_label(a);
    let group = match nesting {
        Nesting::None => String::new(),
        Nesting::First(n) => format!(" · {n} near-duplicate{}", if n == 1 { "" } else { "s" }),
        Nesting::Member => " · near-duplicate".to_string(),
    };
    let lines = [
        (
            title_label(a).to_string(),
            egui::TextStyle::Body,
            text_color,
            3.0,
        ),
        (
            format!("{date} · {source}{group} · {}", a.path),
            egui::TextStyle::Small,
            weak,
            height / 2.0 + 2.0,
        ),
    ];
    for (text, style, color, y) in lines {
        let font = style.resolve(ui.style());
        let mut job = LayoutJob::simple_singleline(text, font, color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(width);
        let galley = ui.painter().layout_job(job);
        ui.painter()
            .galley(rect.left_top() + egui::vec2(6.0 + indent, y), galley, color);
    }
    response
}

fn has_selection_in_reader(state: &AppState) -> bool {
    state.reader_has_selection
}

/// Passages that can no longer be found: re-attach each to the passage selected in the reader, or
/// delete it. They stay in the annotations file until then.
fn orphans_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    can_reattach: bool,
    commands: &mut Vec<Command>,
) {
    use crate::core::annotations::PassageOwner;
    let orphans = state.orphaned_passages();
    if orphans.is_empty() {
        ui.weak("Every annotated passage is found in its article.");
        return;
    }
    ui.label("These passages are no longer in their articles' text. Select the right passage in the reader and re-attach, or delete.");
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (passage, owner) in orphans {
                ui.separator();
                let what = match owner {
                    PassageOwner::Event(e) => format!("Event “{}”", e.title),
                    PassageOwner::Annotation(a) => {
                        if a.tags.is_empty() {
                            "Annotation".to_string()
                        } else {
                            format!("Annotation ({})", a.tags.join(", "))
                        }
                    }
                };
                ui.label(RichText::new(what).strong());
                ui.label(RichText::new(format!("“{}”", passage.exact.trim())).italics());
                ui.weak(&passage.path);
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(can_reattach, egui::Button::new("Re-attach to selection"))
                        .on_disabled_hover_text("Select the passage in the reader first")
                        .clicked()
                    {
                        commands.push(
                            AnnotationCommand::ReattachPassage {
                                owner: owner.id().to_string(),
                                old: passage.clone(),
                            }
                            .into(),
                        );
                    }
                    if ui
                        .button("Delete")
                        .on_hover_text("Remove this passage (Undo brings it back)")
                        .clicked()
                    {
                        commands.push(
                            AnnotationCommand::DeletePassage {
                                owner: owner.id().to_string(),
                                old: passage.clone(),
                            }
                            .into(),
                        );
                    }
                });
            }
        });
}

fn problems_ui(ui: &mut egui::Ui, state: &AppState) {
    if state.problems.is_empty() {
        ui.weak("Every file in the collection was read.");
        return;
    }
    ui.label("These files were not read as articles:");
    let color = theme::warning_color(ui.visuals().dark_mode);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, 34.0, state.problems.len(), |ui, range| {
            for p in &state.problems[range] {
                ui.vertical(|ui| {
                    ui.label(RichText::new(&p.path).strong());
                    ui.label(RichText::new(&p.reason).color(color).small());
                });
            }
        });
}
