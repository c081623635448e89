//! The app's side of navigation: which article, day, range, month and event are selected and shown.

use super::DatelineApp;
use crate::core::calendar::YearMonth;
use crate::ui::commands::ViewCommand;

impl DatelineApp {
    /// Applies a command on what is selected and shown.
    pub(super) fn apply_view(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::SelectSuggestion(_)
            | ViewCommand::StepEvidence(_)
            | ViewCommand::SuggestFromFiltered(_)
            | ViewCommand::ShowDismissed(_) => self.apply_suggestion_view(command),
            ViewCommand::ShowWholePage(path) => {
                let Some(root) = self.state.root.clone() else {
                    return;
                };
                self.spawn_task(move || {
                    let text = crate::core::collection::whole_page_of(&root, &path);
                    ViewCommand::WholePageRead(path, text).into()
                });
            }
            ViewCommand::WholePageRead(path, text) => {
                self.reader.whole_page_read(path, text);
            }
            ViewCommand::SelectArticle(i) => self.select_article(i),
            ViewCommand::SelectDay(day) => {
                self.state.selected_day = day;
                self.state.selected_range = None;
                if let Some(day) = day {
                    self.state.month = YearMonth::of(day);
                    let on_day = |i: usize| {
                        self.state.articles[i]
                            .meta
                            .published
                            .is_some_and(|p| p.date == day)
                    };
                    if !self.state.selected_article.is_some_and(on_day)
                        && let Some(first) = (0..self.state.articles.len()).find(|&i| on_day(i))
                    {
                        let rows = crate::ui::articles_panel::visible_rows(
                            &self.state.articles,
                            &self.articles.filter,
                            self.articles.sort,
                            Some(day),
                        );
                        self.select_article(rows.first().copied().unwrap_or(first));
                    }
                }
            }
            ViewCommand::ShowMonth(month) => self.state.month = month,
            ViewCommand::JumpToDate(day) => {
                self.state.month = YearMonth::of(day);
                self.state.focused_day = Some(day);
                self.timeline.centre_on(day);
            }
            ViewCommand::SelectRange(range) => {
                self.state.selected_range = range;
                self.state.selected_day = None;
                if let Some((from, to)) = range {
                    let inside = |i: usize| {
                        self.state.articles[i]
                            .meta
                            .published
                            .is_some_and(|p| from <= p.date && p.date <= to)
                    };
                    if !self.state.selected_article.is_some_and(inside) {
                        let rows = crate::ui::articles_panel::visible_rows_in(
                            &self.state.articles,
                            &self.articles.filter,
                            self.articles.sort,
                            None,
                            range,
                        );
                        if let Some(&first) = rows.first() {
                            self.select_article(first);
                        }
                    }
                }
            }
            ViewCommand::OpenEvent(id) => {
                let article = self
                    .state
                    .annotations
                    .event(&id)
                    .and_then(|e| e.evidence.first())
                    .and_then(|p| self.state.by_path.get(&p.path).copied());
                let start = self
                    .state
                    .annotations
                    .event(&id)
                    .and_then(|e| e.when.start.first_day());
                self.state.selected_event = Some(id.clone());
                if let Some(i) = article {
                    self.select_article(i);
                    // Show the passage itself, selected in the reader.
                    let passage = self
                        .state
                        .annotations
                        .event(&id)
                        .and_then(|e| e.evidence.first())
                        .cloned();
                    if let (Some(p), Some(a)) = (passage, self.state.articles.get(i))
                        && let Some(range) = crate::core::anchor::anchor(&p, &a.text).range()
                    {
                        let a = a.clone();
                        self.reader.select(&a, range);
                    }
                }
                if let Some(day) = start {
                    self.state.month = YearMonth::of(day);
                    self.timeline.centre_on(day);
                }
            }
            ViewCommand::NextArticle | ViewCommand::PreviousArticle => {
                let rows = self.articles.rows();
                let pos = self
                    .state
                    .selected_article
                    .and_then(|s| rows.iter().position(|&r| r == s));
                let next = match (pos, command == ViewCommand::NextArticle) {
                    (None, _) => rows.first().copied(),
                    (Some(p), true) => rows.get(p + 1).copied(),
                    (Some(p), false) => p.checked_sub(1).and_then(|p| rows.get(p).copied()),
                };
                if let Some(i) = next {
                    self.select_article(i);
                }
            }
        }
    }

    pub(super) fn select_article(&mut self, index: usize) {
        if index >= self.state.articles.len() {
            return;
        }
        self.state.selected_article = Some(index);
        if let Some(p) = self.state.articles[index].meta.published {
            self.state.month = YearMonth::of(p.date);
        }
        self.state.focused_day = None;
        self.state.refresh_mentions();
        self.state.refresh_recycled();
        self.reader.clear_selection();
    }
}
