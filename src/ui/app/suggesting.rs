//! The app's side of the suggested timeline: keeping the suggestions current in the background,
//! showing one with its evidence, accepting one as an event, dismissing one for good.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::DatelineApp;
use crate::core::annotations::{Event, EventTime, PartialDate, Passage, new_id, now_stamp};
use crate::core::calendar::YearMonth;
use crate::core::history::Change;
use crate::core::suggest::Precision;
use crate::core::suggest::dismissed::{self, Dismissed};
use crate::ui::commands::{AnnotationCommand, ViewCommand};
use crate::ui::suggest_job::{JobArticle, Request, SuggestJob};

impl DatelineApp {
    /// The articles the suggestions are made from: the list's (with a search, its hits), or all.
    fn suggestion_scope(&self) -> Option<Vec<usize>> {
        if !self.state.suggestions.filtered {
            return None;
        }
        let search = &self.state.search;
        let mut rows: Vec<usize> = if !search.request.query.trim().is_empty() {
            search.found.results.iter().map(|(a, _)| *a).collect()
        } else {
            self.articles.rows().to_vec()
        };
        rows.sort_unstable();
        Some(rows)
    }

    /// Starts making the suggestions again when what they are made from changed, and takes them
    /// when they are made.
    pub(super) fn poll_suggestions(&mut self) {
        if let Some(job) = &self.suggest_job {
            match job.try_take() {
                None => {
                    let (done, total) = (job.done(), job.total);
                    self.state.suggestions.progress = (done < total).then_some((done, total));
                    self.ctx
                        .request_repaint_after(std::time::Duration::from_millis(150));
                    return;
                }
                Some(found) => {
                    self.suggest_job = None;
                    self.state.suggestions.progress = None;
                    self.state.suggestions.running = false;
                    if let Some(found) = found {
                        self.take_suggestions(found);
                    }
                }
            }
        }
        if self.state.is_loading() || self.state.articles.is_empty() {
            return;
        }
        let scope = self.suggestion_scope();
        let revision = self.state.articles_revision;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (revision, &scope).hash(&mut h);
        let key = h.finish();
        if self.suggest_key == Some(key) {
            return;
        }
        self.suggest_key = Some(key);
        let articles = match &self.suggest_articles {
            Some((r, a)) if *r == revision => Arc::clone(a),
            _ => {
                let (generation, count) =
                    (self.state.articles_generation, self.state.articles.len());
                let a: Arc<Vec<JobArticle>> = Arc::new(
                    self.appended
                        .take_jobs(generation, count)
                        .unwrap_or_else(|| {
                            self.state.articles.iter().map(JobArticle::of).collect()
                        }),
                );
                self.suggest_articles = Some((revision, Arc::clone(&a)));
                a
            }
        };
        let request = Request {
            articles,
            revision,
            scope,
            key,
            root: self.state.root.clone(),
            aliases: self.aliases.clone(),
            known_types: self
                .state
                .types
                .entries()
                .iter()
                .map(|e| e.id.clone())
                .collect(),
            reports: self.suggest_reports.clone(),
        };
        self.state.suggestions.running = true;
        self.suggest_job = Some(SuggestJob::start(request, self.wake()));
    }

    fn take_suggestions(&mut self, found: crate::ui::suggest_job::Found) {
        self.suggest_reports = Some(found.reports);
        if let Some(e) = found.words_error {
            self.state.last_error = Some(format!("{e} (the bundled type words are used)"));
        }
        let s = &mut self.state.suggestions;
        let selected_key = s.selected().map(|x| x.key());
        match found.result {
            Ok(list) => {
                s.list = list;
                s.empty = None;
            }
            Err(why) => {
                s.list.clear();
                s.empty = Some(why);
            }
        }
        s.selected = selected_key.and_then(|k| s.list.iter().position(|x| x.key() == k));
        s.step = 0;
        s.revision += 1;
    }

    /// Where the collection keeps its dismissed suggestions: beside its annotations.
    fn dismissed_path(&self) -> Option<std::path::PathBuf> {
        self.state
            .annotations_path
            .as_ref()
            .map(|p| p.with_file_name(dismissed::FILE_NAME))
    }

    /// Reads the collection's dismissed suggestions off the UI thread.
    pub(super) fn load_dismissed(&mut self) {
        self.state.suggestions.dismissed.clear();
        self.state.suggestions.dismissed_blocked = None;
        let Some(path) = self.dismissed_path() else {
            return;
        };
        self.spawn_task(move || {
            AnnotationCommand::DismissedLoaded(
                Dismissed::load(&path)
                    .map(|d| d.dates)
                    .map_err(|e| e.to_string()),
            )
            .into()
        });
    }

    pub(super) fn apply_suggestion_command(&mut self, command: AnnotationCommand) {
        match command {
            AnnotationCommand::AcceptSuggestion(i) => self.accept_suggestion(i),
            AnnotationCommand::DismissSuggestion(key, dismiss) => {
                let set = &mut self.state.suggestions.dismissed;
                let changed = if dismiss {
                    set.insert(key.clone())
                } else {
                    set.remove(&key)
                };
                if !changed {
                    return;
                }
                self.state.suggestions.revision += 1;
                self.state.message = Some(if dismiss {
                    format!("Dismissed the suggestion of {key}")
                } else {
                    format!("Restored the suggestion of {key}")
                });
                self.save_dismissed();
            }
            AnnotationCommand::DismissedLoaded(result) => match result {
                Ok(dates) => {
                    // dismissals made while the file was being read are kept too
                    let mut all: BTreeSet<String> = dates;
                    all.append(&mut self.state.suggestions.dismissed);
                    self.state.suggestions.dismissed = all;
                    self.state.suggestions.revision += 1;
                }
                Err(reason) => {
                    self.state.last_error = Some(format!(
                        "{reason}. It is left as it is; dismissals are not saved until it is fixed."
                    ));
                    self.state.suggestions.dismissed_blocked = Some(reason);
                }
            },
            _ => {}
        }
    }

    fn save_dismissed(&mut self) {
        if let Some(reason) = self.state.suggestions.dismissed_blocked.clone() {
            self.state.last_error = Some(format!("cannot save the dismissals: {reason}"));
            return;
        }
        let Some(path) = self.dismissed_path() else {
            return;
        };
        let text = Dismissed {
            version: 1,
            dates: self.state.suggestions.dismissed.clone(),
        }
        .to_ron();
        let done = format!("Saved the dismissals to {}", path.display());
        self.spawn_write(path, text, done, "the dismissed suggestions");
    }

    fn accept_suggestion(&mut self, i: usize) {
        let Some(s) = self.state.suggestions.list.get(i).cloned() else {
            return;
        };
        let evidence: Vec<Passage> = s
            .evidence
            .iter()
            .filter_map(|e| {
                let a = self.state.articles.get(*self.state.by_path.get(&e.path)?)?;
                Passage::from_article(a, e.start, e.end)
            })
            .collect();
        if evidence.is_empty() {
            self.state.last_error = Some(
                "the suggestion's articles changed on disk: wait for it to be made again".into(),
            );
            return;
        }
        let start = PartialDate::from_date(s.date);
        let start = match s.precision {
            Precision::Day => start,
            Precision::Month => start.with_precision(crate::core::annotations::Precision::Month),
        };
        let title = s
            .summary
            .split_inclusive(['.', '!', '?'])
            .next()
            .map_or_else(String::new, |t| crate::core::text::one_line(t.trim(), 90));
        let now = now_stamp();
        let event = Event {
            id: new_id("ev"),
            title,
            event_type: s.event_type.clone(),
            when: EventTime {
                start,
                end: s.end.map(PartialDate::from_date),
                ongoing: s.ongoing,
                approximate: false,
            },
            actors: s.actors.clone(),
            places: s.places.clone(),
            tags: vec!["suggested".into()],
            note: format!(
                "Accepted from the suggested timeline: {} articles, {} sources.",
                s.articles, s.sources
            ),
            fatalities: None,
            evidence,
            created: now.clone(),
            modified: now,
            author: self.author.clone(),
            modified_by: String::new(),
        };
        let id = event.id.clone();
        self.commands.push(
            AnnotationCommand::Apply(Box::new(Change::Event {
                before: None,
                after: Some(event),
            }))
            .into(),
        );
        self.state.selected_event = Some(id);
    }

    pub(super) fn apply_suggestion_view(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::SelectSuggestion(i) => {
                if i >= self.state.suggestions.list.len() {
                    return;
                }
                self.state.suggestions.selected = Some(i);
                self.state.suggestions.step = 0;
                self.state.suggestions.revision += 1;
                self.show_evidence();
            }
            ViewCommand::StepEvidence(forward) => {
                let Some(n) = self.state.suggestions.selected().map(|s| s.evidence.len()) else {
                    return;
                };
                if n == 0 {
                    return;
                }
                let step = self.state.suggestions.step;
                self.state.suggestions.step = if forward {
                    (step + 1) % n
                } else {
                    (step + n - 1) % n
                };
                self.state.suggestions.revision += 1;
                self.show_evidence();
            }
            ViewCommand::SuggestFromFiltered(on) => self.state.suggestions.filtered = on,
            ViewCommand::ShowDismissed(on) => {
                self.state.suggestions.show_dismissed = on;
                self.state.suggestions.revision += 1;
            }
            _ => {}
        }
    }

    /// Opens the selected suggestion's current evidence passage in the reader, selected.
    fn show_evidence(&mut self) {
        let Some(s) = self.state.suggestions.selected() else {
            return;
        };
        let date = s.date;
        let Some(e) = s.evidence.get(self.state.suggestions.step).cloned() else {
            return;
        };
        if let Some(&i) = self.state.by_path.get(&e.path) {
            self.select_article(i);
            if let Some(a) = self.state.articles.get(i).cloned()
                && a.text.get(e.start..e.end) == Some(e.text.as_str())
            {
                self.reader.reveal(&a, e.start..e.end);
            }
        }
        self.state.month = YearMonth::of(date);
        self.state.focused_day = Some(date);
        self.timeline.centre_on(date);
    }
}
