//! The app's shared state, which panels read and only [`super::app::DatelineApp`] changes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::core::annotations::AnnotationSet;
use crate::core::calendar::{DayCounts, YearMonth};
use crate::core::collection::{Article, Problem};
use crate::core::history::History;
use crate::core::taxonomy::TypeIndex;

/// Where loading the collection stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    Idle,
    Loading { done: usize, total: Option<usize> },
    Loaded { secs: f32 },
    Failed(String),
}

/// Where the annotations file stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing to save.
    Clean,
    /// Changes wait for the autosave.
    Unsaved,
    Saving,
    Saved {
        at: chrono::DateTime<chrono::Local>,
    },
    Failed(String),
}

/// The search in the Search tab and what it found so far.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The request being answered.
    pub request: super::finder::SearchRequest,
    /// Each term with its name variants, as searched (folded).
    pub terms: Vec<Vec<String>>,
    /// What it found so far.
    pub found: super::finder::Found,
    /// Articles looked at so far, of all to look at.
    pub searched: usize,
    pub candidates: usize,
    pub running: bool,
    /// Goes up whenever the results change (for the reader's cache).
    pub revision: u64,
    /// The hit shown: (place in `found.results`, hit in that article).
    pub current: Option<(usize, usize)>,
    /// The articles' revision searched.
    pub articles_revision: u64,
}

impl SearchState {
    /// The hit after (or before) the current one, across articles: (place, hit).
    pub fn step(&self, forward: bool) -> Option<(usize, usize)> {
        let results = &self.found.results;
        if results.is_empty() {
            return None;
        }
        let Some((r, h)) = self.current else {
            return Some(if forward {
                (0, 0)
            } else {
                let last = results.len() - 1;
                (last, results[last].1.len().saturating_sub(1))
            });
        };
        let r = r.min(results.len() - 1);
        if forward {
            if h + 1 < results[r].1.len() {
                Some((r, h + 1))
            } else {
                Some(((r + 1) % results.len(), 0))
            }
        } else if h > 0 {
            Some((r, h - 1))
        } else {
            let prev = (r + results.len() - 1) % results.len();
            Some((prev, results[prev].1.len().saturating_sub(1)))
        }
    }
}

/// The suggested timeline in the window.
#[derive(Debug, Default)]
pub struct SuggestionsState {
    /// In date order, dismissed ones included (they are hidden unless asked for).
    pub list: Vec<crate::core::suggest::Suggestion>,
    /// Why there is nothing to suggest, when there is not.
    pub empty: Option<String>,
    /// Reading the articles: done of all.
    pub progress: Option<(usize, usize)>,
    /// The list is being made again (what is shown is from before).
    pub running: bool,
    /// Goes up when the list or the selection changes (for the reader's cache).
    pub revision: u64,
    /// The selected suggestion (its place in `list`) and the evidence passage shown.
    pub selected: Option<usize>,
    pub step: usize,
    /// Keys of dismissed suggestions (`.dateline/dismissed.ron`).
    pub dismissed: std::collections::BTreeSet<String>,
    /// Why the dismissed file is not used (it did not parse): it is left untouched.
    pub dismissed_blocked: Option<String>,
    /// Suggest from the articles the list shows (a filter, a day, a search), not all.
    pub filtered: bool,
    pub show_dismissed: bool,
}

impl SuggestionsState {
    pub fn selected(&self) -> Option<&crate::core::suggest::Suggestion> {
        self.selected.and_then(|i| self.list.get(i))
    }

    pub fn is_dismissed(&self, s: &crate::core::suggest::Suggestion) -> bool {
        self.dismissed.contains(&s.key())
    }

    /// The suggestions to show, as places in `list`.
    pub fn shown(&self) -> Vec<usize> {
        (0..self.list.len())
            .filter(|&i| self.show_dismissed || !self.is_dismissed(&self.list[i]))
            .collect()
    }
}

/// An event's mark on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMark {
    pub id: String,
    pub title: String,
    pub color: [u8; 3],
}

#[derive(Debug)]
pub struct AppState {
    pub root: Option<PathBuf>,
    /// Appended to with `push`; changed only through [`AppState::retain_articles`],
    /// [`AppState::replace_article`] and [`AppState::settle_date_order`], which keep
    /// `articles_generation` true.
    pub articles: Vec<Article>,
    /// Changes (to a number no list had before) whenever articles already in `articles` change,
    /// move or go ([`AppState::articles_rewritten`]); appending leaves it alone, so a view built
    /// from the first N articles can add the ones after instead of starting over.
    pub articles_generation: u64,
    /// The generation `published_counts` was counted from (appended articles are counted as
    /// they come).
    counts_generation: u64,
    /// Each article's place by its path (a quick hash: a million paths are hashed on opening).
    pub by_path: FxHashMap<String, usize>,
    pub problems: Vec<Problem>,
    /// Goes up whenever articles are added or removed (for the panels' caches).
    pub articles_revision: u64,
    pub load: LoadStatus,
    /// Articles this opening listed from the collection's cache (`core/cache.rs`).
    pub cached: usize,

    pub annotations: AnnotationSet,
    /// Goes up with every change to the annotations.
    pub annotations_revision: u64,
    /// The revision last written to disk.
    pub saved_revision: u64,
    pub annotations_path: Option<PathBuf>,
    /// Why the annotations file cannot be written (it did not parse): saving is off until the user
    /// picks another file or fixes this one.
    pub annotations_blocked: Option<String>,
    /// Why the annotations are kept outside the collection, when they are.
    pub annotations_elsewhere: Option<String>,
    pub last_change: Option<Instant>,
    /// What the annotations file held when this window last read or wrote it (for merging in
    /// what another window saved meanwhile).
    pub disk_base: AnnotationSet,
    pub save: SaveStatus,
    pub history: History,

    pub types: TypeIndex,
    pub selected_article: Option<usize>,
    pub selected_day: Option<NaiveDate>,
    /// A stretch of days selected on the timeline (inclusive): the list shows what was
    /// published in it.
    pub selected_range: Option<(NaiveDate, NaiveDate)>,
    /// The event last opened from the timeline or the events table.
    pub selected_event: Option<String>,
    pub month: YearMonth,
    pub published_counts: DayCounts,
    pub event_marks: BTreeMap<NaiveDate, Vec<EventMark>>,

    /// Passages whose quote can no longer be found in their article.
    pub orphans: usize,
    /// Date mentions in the selected article's body (offsets relative to the body).
    pub selected_mentions: Vec<crate::core::mentions::DateMention>,
    /// Days the selected article mentions, with what it says of each.
    pub mentioned_days: BTreeMap<NaiveDate, Vec<String>>,
    /// The reader has a passage selected (for the Orphans view's re-attach).
    pub reader_has_selection: bool,
    /// A day the user jumped to from the text, outlined in the calendar.
    pub focused_day: Option<NaiveDate>,
    pub last_error: Option<String>,

    pub search: SearchState,
    /// Passages shared between articles, once found (the articles' revision it was made from).
    pub recycled: Option<(std::sync::Arc<crate::core::recycled::RecycledIndex>, u64)>,
    /// Finding recycled text: articles done of all.
    pub recycled_progress: Option<(usize, usize)>,
    /// The selected article's passages that other articles have too.
    pub selected_recycled: Vec<crate::core::recycled::SharedPassage>,
    /// A short note for the status bar ("Saved", "Nothing to undo").
    pub message: Option<String>,
    pub suggestions: SuggestionsState,
    /// An export being written: entries done (shared with its task) of all.
    pub export_progress: Option<(std::sync::Arc<std::sync::atomic::AtomicUsize>, usize)>,
    /// What the running team sync is doing, while one runs.
    pub syncing: Option<std::sync::Arc<std::sync::Mutex<String>>>,
}

/// A number no earlier call gave, in this process.
fn fresh_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl AppState {
    /// Says that articles already listed changed, moved or went (see `articles_generation`).
    fn articles_rewritten(&mut self) {
        self.articles_generation = fresh_generation();
    }

    /// Keeps only the articles `keep` wants (the places of those after a removed one move).
    pub fn retain_articles(&mut self, keep: impl FnMut(&Article) -> bool) {
        self.articles.retain(keep);
        self.articles_rewritten();
    }

    /// Puts `article` in place `i`; false when there is no such place.
    pub fn replace_article(&mut self, i: usize, article: Article) -> bool {
        let Some(slot) = self.articles.get_mut(i) else {
            return false;
        };
        *slot = article;
        self.articles_rewritten();
        true
    }

    /// Reads the ambiguous numeric dates as most of the collection's dates are written
    /// (`collection::settle_date_order`).
    pub fn settle_date_order(&mut self) {
        if crate::core::collection::settle_date_order(&mut self.articles) > 0 {
            self.articles_rewritten();
        }
    }

    pub fn new(types: TypeIndex) -> Self {
        let generation = fresh_generation();
        Self {
            root: None,
            articles: Vec::new(),
            articles_generation: generation,
            counts_generation: generation,
            by_path: FxHashMap::default(),
            problems: Vec::new(),
            articles_revision: 0,
            load: LoadStatus::Idle,
            cached: 0,
            annotations: AnnotationSet::default(),
            annotations_revision: 0,
            saved_revision: 0,
            annotations_path: None,
            annotations_blocked: None,
            annotations_elsewhere: None,
            last_change: None,
            disk_base: AnnotationSet::default(),
            save: SaveStatus::Clean,
            history: History::default(),
            types,
            selected_article: None,
            selected_day: None,
            selected_range: None,
            selected_event: None,
            month: YearMonth {
                year: 2022,
                month: 12,
            },
            published_counts: DayCounts::default(),
            event_marks: BTreeMap::new(),
            orphans: 0,
            selected_mentions: Vec::new(),
            mentioned_days: BTreeMap::new(),
            focused_day: None,
            reader_has_selection: false,
            last_error: None,
            search: SearchState::default(),
            recycled: None,
            recycled_progress: None,
            selected_recycled: Vec::new(),
            message: None,
            suggestions: SuggestionsState::default(),
            export_progress: None,
            syncing: None,
        }
    }

    /// The recycled-text index, when it is up to date with the articles.
    pub fn recycled_index(&self) -> Option<&crate::core::recycled::RecycledIndex> {
        self.recycled
            .as_ref()
            .filter(|(_, rev)| *rev == self.articles_revision)
            .map(|(index, _)| index.as_ref())
    }

    /// Finds the selected article's recycled passages again.
    pub fn refresh_recycled(&mut self) {
        self.selected_recycled = match (self.recycled_index(), self.selected_article) {
            (Some(index), Some(i)) => self
                .articles
                .get(i)
                .map(|a| index.passages(i, &a.text))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
    }

    /// Finds every article by its path again, after articles were removed.
    pub fn reindex(&mut self) {
        self.by_path = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.clone(), i))
            .collect();
    }

    pub fn selected(&self) -> Option<&Article> {
        self.selected_article.and_then(|i| self.articles.get(i))
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.annotations_revision != self.saved_revision
    }

    pub fn is_loading(&self) -> bool {
        matches!(self.load, LoadStatus::Loading { .. })
    }

    /// Whether articles are still coming in by the thousand, so that work over the whole list
    /// waits its turn (`ui/throttle.rs`): while loading, except once every article the cache
    /// listed is in and nothing else came yet (the list is then sorted at once, not up to a
    /// second later; what the files read again change after that is little).
    pub fn streaming(&self) -> bool {
        match self.load {
            LoadStatus::Loading {
                total: Some(total), ..
            } => !(self.cached > 0 && self.cached >= total && self.articles.len() == self.cached),
            LoadStatus::Loading { .. } => true,
            _ => false,
        }
    }

    /// Recomputes the per-day event marks after the annotations changed.
    pub fn rebuild_event_marks(&mut self) {
        let mut marks: BTreeMap<NaiveDate, Vec<EventMark>> = BTreeMap::new();
        for e in &self.annotations.events {
            if e.when.start.precision() != crate::core::annotations::Precision::Day {
                continue;
            }
            if let Some(day) = e.when.start.first_day() {
                marks.entry(day).or_default().push(EventMark {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    color: self.types.color(&e.event_type),
                });
            }
        }
        self.event_marks = marks;
    }

    /// Finds the date mentions of the selected article again (after it or its text changed).
    pub fn refresh_mentions(&mut self) {
        use crate::core::mentions::{MentionPrecision, find};
        let Some(article) = self.selected() else {
            self.selected_mentions.clear();
            self.mentioned_days.clear();
            return;
        };
        let mentions = find(article.body(), article.meta.published.map(|t| t.date));
        let mut days: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
        for m in &mentions {
            if matches!(m.precision, MentionPrecision::Day | MentionPrecision::Time)
                && let Some(d) = m.first_day
            {
                days.entry(d).or_default().push(m.text.clone());
            }
        }
        self.selected_mentions = mentions;
        self.mentioned_days = days;
    }

    /// The passages that can no longer be found in their article, with what they belong to.
    pub fn orphaned_passages(
        &self,
    ) -> Vec<(
        &crate::core::annotations::Passage,
        crate::core::annotations::PassageOwner<'_>,
    )> {
        use crate::core::anchor::{Anchor, anchor};
        use crate::core::annotations::PassageOwner;
        let events = self
            .annotations
            .events
            .iter()
            .flat_map(|e| e.evidence.iter().map(move |p| (p, PassageOwner::Event(e))));
        let annotations = self
            .annotations
            .annotations
            .iter()
            .map(|a| (&a.passage, PassageOwner::Annotation(a)));
        events
            .chain(annotations)
            .filter(|(p, _)| {
                self.by_path
                    .get(&p.path)
                    .and_then(|&i| self.articles.get(i))
                    .is_none_or(|a| anchor(p, &a.text) == Anchor::Orphaned)
            })
            .collect()
    }

    /// Counts the passages that can no longer be found in their article.
    pub fn recount_orphans(&mut self) {
        use crate::core::anchor::{Anchor, anchor};
        let passages = self
            .annotations
            .events
            .iter()
            .flat_map(|e| e.evidence.iter())
            .chain(self.annotations.annotations.iter().map(|a| &a.passage));
        self.orphans = passages
            .filter(|p| {
                self.by_path
                    .get(&p.path)
                    .and_then(|&i| self.articles.get(i))
                    .is_none_or(|a| anchor(p, &a.text) == Anchor::Orphaned)
            })
            .count();
    }

    /// Recomputes the per-day publication counts when articles changed other than by being
    /// appended (those are counted as they come).
    pub fn recount_if_rewritten(&mut self) {
        if self.counts_generation != self.articles_generation {
            self.rebuild_counts();
        }
    }

    /// Recomputes the per-day publication counts after articles changed.
    pub fn rebuild_counts(&mut self) {
        self.counts_generation = self.articles_generation;
        self.published_counts = DayCounts::from_dates(
            self.articles
                .iter()
                .filter_map(|a| a.meta.published.map(|t| t.date)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_over_the_list_waits_only_while_articles_stream_in() {
        let article = |i: usize| crate::core::collection::test_article(&format!("{i}.md"), "T\n");
        let loading = |total| LoadStatus::Loading { done: 0, total };
        // (load, articles in, of them listed from the cache, streaming)
        let cases = [
            (LoadStatus::Idle, 0, 0, false),
            (LoadStatus::Loaded { secs: 1.0 }, 3, 0, false),
            (loading(None), 0, 0, true),
            (loading(Some(3)), 2, 0, true),
            (loading(Some(3)), 3, 0, true),
            (loading(Some(3)), 2, 2, true),
            (loading(Some(3)), 3, 3, false),
            (loading(Some(3)), 4, 3, true),
        ];
        for (load, articles, cached, want) in cases {
            let mut state = AppState::new(TypeIndex::default());
            state.load = load.clone();
            state.articles = (0..articles).map(article).collect();
            state.cached = cached;
            assert_eq!(state.streaming(), want, "{load:?} {articles} {cached}");
        }
    }
}
