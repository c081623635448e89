//! The app's side of search and recycled text: starting the background jobs, taking in what they
//! find, showing hits, and the name variants they use.

use std::path::PathBuf;
use std::sync::Arc;

use super::DatelineApp;
use crate::core::search::{Aliases, Matcher, parse_query};
use crate::ui::aliases_editor::{AliasesAction, AliasesEditor};
use crate::ui::commands::FindCommand;
use crate::ui::finder::{
    RecycledJob, SearchFilters, SearchItems, SearchJob, SearchMsg, SearchRequest, candidates,
};
use crate::ui::state::SearchState;

impl DatelineApp {
    /// Applies a command on search, recycled text and name variants.
    pub(super) fn apply_find(&mut self, command: FindCommand) {
        match command {
            FindCommand::Find => self.articles.show_search(),
            FindCommand::Search(request) => self.run_search(request),
            FindCommand::OpenHit(r, h) => self.open_hit(r, h),
            FindCommand::StepHit(forward) => self.step_hit(forward),
            FindCommand::OpenShared { article, hashes } => self.open_shared(article, &hashes),
            FindCommand::EditAliases => self.edit_aliases(),
            FindCommand::SaveAliases(aliases) => self.save_aliases(aliases),
            FindCommand::AliasesLoaded(loaded) => self.aliases_loaded(loaded),
        }
    }

    /// Starts a search (stopping the one before); an empty query clears the results.
    pub(super) fn run_search(&mut self, request: SearchRequest) {
        self.search_job = None;
        let query = parse_query(&request.query, &self.aliases);
        let revision = self.state.search.revision + 1;
        // A million results take a tenth of a second to free: not on the window's thread.
        let before = std::mem::take(&mut self.state.search.found);
        if before.results.len() > 10_000 {
            let _ = crate::core::spawn_background("search results", move || drop(before));
        }
        self.state.search = SearchState {
            request: request.clone(),
            terms: query.terms.clone(),
            revision,
            articles_revision: self.state.articles_revision,
            ..Default::default()
        };
        let Some(matcher) = Matcher::new(&query) else {
            return;
        };
        // The articles to search change with the filters, not with each key typed.
        let key = (
            request.filters.clone(),
            self.state.articles_revision,
            self.state.annotations_revision,
        );
        let items = match &self.search_candidates {
            Some((k, items)) if *k == key => Arc::clone(items),
            _ => {
                let articles = &self.state.articles;
                let listed = (request.filters == SearchFilters::default())
                    .then(|| {
                        self.articles
                            .all_newest_first(self.state.articles_revision, articles.len())
                    })
                    .flatten()
                    .map(<[usize]>::to_vec);
                let order = listed.unwrap_or_else(|| {
                    candidates(articles, &self.state.annotations, &request.filters)
                });
                let items = Arc::new(SearchItems::new(order, self.texts()));
                self.search_candidates = Some((key, Arc::clone(&items)));
                items
            }
        };
        self.state.search.candidates = items.len();
        self.state.search.running = true;
        self.search_job = Some(SearchJob::start(items, matcher, self.wake()));
    }

    /// Takes in what the search found since the last frame.
    pub(super) fn poll_search(&mut self) {
        // What was searched is out of date once the articles changed (and loading is over).
        let s = &self.state.search;
        if !self.state.is_loading()
            && s.articles_revision != self.state.articles_revision
            && !s.request.query.is_empty()
        {
            let request = s.request.clone();
            self.run_search(request);
        }
        let Some(job) = &self.search_job else {
            return;
        };
        let mut changed = false;
        // A few messages a frame: the first hits, progress, and at the end everything at once.
        let begun = std::time::Instant::now();
        loop {
            if begun.elapsed() > std::time::Duration::from_millis(4) {
                self.ctx.request_repaint();
                break;
            }
            let Some(msg) = job.try_recv() else { break };
            let s = &mut self.state.search;
            match msg {
                SearchMsg::Hits(found, searched) => {
                    s.searched += searched;
                    for (article, hits) in found {
                        s.found.add(article, hits);
                    }
                    changed = true;
                }
                SearchMsg::Searched(searched) => {
                    s.searched += searched;
                    changed = true;
                }
                SearchMsg::Done(all) => {
                    s.running = false;
                    s.searched = s.candidates;
                    // What was shown so far is the start of `all`: places stay what they were.
                    if let Some(all) = all {
                        s.found = all;
                    }
                    changed = true;
                    self.search_job = None;
                    break;
                }
            }
        }
        if changed {
            self.state.search.revision += 1;
        }
    }

    /// Shows hit `h` of result `r`: its article in the reader, the hit selected and in view.
    pub(super) fn open_hit(&mut self, r: usize, h: usize) {
        let Some((article, range)) = self
            .state
            .search
            .found
            .results
            .get(r)
            .and_then(|(a, hits)| Some((*a, hits.get(h)?.clone())))
        else {
            return;
        };
        if self.state.selected_article != Some(article) {
            self.select_article(article);
            self.articles.scroll_to_selected();
        }
        self.state.search.current = Some((r, h));
        self.state.search.revision += 1;
        self.articles.search.reveal_current(Some((r, h)));
        if let Some(a) = self.state.articles.get(article) {
            self.reader.reveal(a, range);
        }
        let (n, total) = (r + 1, self.state.search.found.results.len());
        let hits = self.state.search.found.results[r].1.len();
        self.state.message = Some(format!(
            "Hit {} of {hits} in this article (article {n} of {total})",
            h + 1
        ));
    }

    pub(super) fn step_hit(&mut self, forward: bool) {
        match self.state.search.step(forward) {
            Some((r, h)) => self.open_hit(r, h),
            None if self.state.search.request.query.is_empty() => {
                self.articles.show_search();
                self.state.message = Some("Type what to search for.".into());
            }
            None => self.state.message = Some("No search hits.".into()),
        }
    }

    /// Opens `article` at the passage it shares with the one shown.
    pub(super) fn open_shared(&mut self, article: usize, hashes: &[u64]) {
        let Some(a) = self.state.articles.get(article) else {
            return;
        };
        let range = crate::core::recycled::locate(&a.text, hashes);
        self.select_article(article);
        self.articles.scroll_to_selected();
        match (range, self.state.articles.get(article)) {
            (Some(range), Some(a)) => self.reader.reveal(a, range),
            _ => {
                self.state.message = Some("The passage is no longer in that article's text.".into())
            }
        }
    }

    /// Every article's text, in the articles' order: the snapshot taken for the articles as they
    /// are, else the texts gathered as they loaded, else each article's taken now.
    fn texts(&mut self) -> Arc<Vec<crate::core::article_text::ArticleText>> {
        let now = (self.state.articles_generation, self.state.articles.len());
        if let Some((at, texts)) = &self.texts
            && *at == now
        {
            return Arc::clone(texts);
        }
        let texts = Arc::new(
            self.appended
                .take_texts(now.0, now.1)
                .unwrap_or_else(|| self.state.articles.iter().map(|a| a.text.clone()).collect()),
        );
        self.texts = Some((now, Arc::clone(&texts)));
        texts
    }

    /// Keeps the recycled-text index up to date: started once a collection is loaded and again
    /// after articles change on disk; what it finds is taken in here.
    pub(super) fn poll_recycled(&mut self) {
        let revision = self.state.articles_revision;
        let current = self
            .state
            .recycled
            .as_ref()
            .is_some_and(|(_, r)| *r == revision);
        let running = self
            .recycled_job
            .as_ref()
            .is_some_and(|j| j.revision == revision);
        if !self.state.is_loading() && !current && !running && !self.state.articles.is_empty() {
            let texts = self.texts();
            self.recycled_job = Some(RecycledJob::start(texts, revision, self.wake()));
        }
        let Some(job) = &self.recycled_job else {
            self.state.recycled_progress = None;
            return;
        };
        match job.try_take() {
            None => {
                self.state.recycled_progress = Some((job.done(), job.total));
                self.ctx
                    .request_repaint_after(std::time::Duration::from_millis(200));
            }
            Some(index) => {
                let made_from = job.revision;
                self.recycled_job = None;
                self.state.recycled_progress = None;
                if let Some(index) = index {
                    self.state.recycled = Some((Arc::new(index), made_from));
                    self.state.refresh_recycled();
                }
            }
        }
    }

    /// Where the collection's name variants are kept: beside its annotations.
    pub(super) fn aliases_path(&self) -> Option<PathBuf> {
        self.state
            .annotations_path
            .as_ref()
            .map(|p| p.with_file_name("aliases.ron"))
    }

    /// Reads the collection's name variants off the UI thread.
    pub(super) fn load_aliases(&mut self) {
        let Some(path) = self.aliases_path() else {
            return;
        };
        self.spawn_task(move || {
            FindCommand::AliasesLoaded(Aliases::load(&path).map_err(|e| e.to_string())).into()
        });
    }

    pub(super) fn aliases_loaded(&mut self, loaded: Result<Option<Aliases>, String>) {
        match loaded {
            Ok(Some(a)) => {
                self.aliases = a;
                self.aliases_blocked = None;
            }
            Ok(None) => {
                self.aliases = Aliases::builtin();
                self.aliases_blocked = None;
            }
            Err(e) => {
                self.aliases = Aliases::builtin();
                self.state.last_error = Some(format!("{e}; the preset name variants are used"));
                self.aliases_blocked = Some(e);
            }
        }
        let request = self.state.search.request.clone();
        if !request.query.is_empty() {
            self.run_search(request);
        }
    }

    /// Uses edited name variants and saves them beside the annotations.
    pub(super) fn save_aliases(&mut self, aliases: Aliases) {
        self.aliases = aliases.clone();
        self.aliases_editor = None;
        let request = self.state.search.request.clone();
        self.run_search(request);
        let Some(path) = self.aliases_path() else {
            self.state.message = Some("Name variants used (no collection to save them in).".into());
            return;
        };
        let text = aliases.to_ron();
        let done = format!("Name variants saved to {}", path.display());
        self.spawn_write(path, text, done, "the name variants");
    }

    pub(super) fn edit_aliases(&mut self) {
        self.aliases_editor = Some(AliasesEditor::new(
            &self.aliases,
            self.aliases_blocked.clone(),
            self.aliases_path(),
        ));
    }

    pub(super) fn aliases_editor_ui(&mut self, ctx: &egui::Context) {
        let Some(editor) = &mut self.aliases_editor else {
            return;
        };
        match editor.ui(ctx) {
            AliasesAction::None => {}
            AliasesAction::Close => self.aliases_editor = None,
            AliasesAction::Save(aliases) => {
                self.commands.push(FindCommand::SaveAliases(aliases).into())
            }
        }
    }
}
