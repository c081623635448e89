//! The app's side of events and annotations: tagging a passage, editing, undo and redo, merging
//! events, evidence passages, conflicts, and the event types.

use std::path::PathBuf;
use std::time::Instant;

use super::DatelineApp;
use crate::core::annotations::{Annotation, Event, EventTime, PartialDate, Passage, new_id};
use crate::core::history::Change;
use crate::core::taxonomy::TypeIndex;
use crate::ui::commands::AnnotationCommand;
use crate::ui::editor::EditorPanel;
use crate::ui::state::SaveStatus;

impl DatelineApp {
    /// Applies a command on events and annotations.
    pub(super) fn apply_annotations(&mut self, command: AnnotationCommand) {
        match command {
            AnnotationCommand::AcceptSuggestion(_)
            | AnnotationCommand::DismissSuggestion(..)
            | AnnotationCommand::DismissedLoaded(_) => self.apply_suggestion_command(command),
            AnnotationCommand::EditTaxonomy => {
                self.taxonomy_editor = Some(crate::ui::taxonomy_editor::TaxonomyEditor::new(
                    self.taxonomy.clone(),
                ));
            }
            AnnotationCommand::SaveTaxonomy(taxonomy) => {
                self.state.types = TypeIndex::new(&taxonomy);
                self.state.rebuild_event_marks();
                self.state.annotations_revision += 1; // colours in the reader
                self.state.saved_revision += 1;
                self.taxonomy = taxonomy.clone();
                self.taxonomy_editor = None;
                if let Some(path) = self.taxonomy_path() {
                    let text = crate::core::taxonomy::to_ron(&taxonomy);
                    let done = format!("Event types saved to {}", path.display());
                    self.spawn_write(path, text, done, "the event types");
                }
            }
            AnnotationCommand::SettleTypeConflict { id, take_theirs } => {
                let mut taxonomy = self.taxonomy.clone();
                if taxonomy.settle(&id, take_theirs) {
                    self.commands
                        .push(AnnotationCommand::SaveTaxonomy(taxonomy).into());
                }
            }
            AnnotationCommand::SettleConflict { id, take_theirs } => {
                let listed = &mut self.state.annotations.conflicts;
                let Some(pos) = listed.iter().position(|c| c.id == id) else {
                    return;
                };
                let conflict = listed.remove(pos);
                self.changed(); // settled: gone from the file too
                if take_theirs {
                    use crate::core::merge::Entry;
                    let change = match conflict.theirs {
                        Some(Entry::Event(e)) => Change::Event {
                            before: self.state.annotations.event(&id).cloned(),
                            after: Some(e),
                        },
                        Some(Entry::Annotation(a)) => Change::Annotation {
                            before: self.state.annotations.annotation(&id).cloned(),
                            after: Some(a),
                        },
                        None => match conflict.ours {
                            Some(Entry::Event(e)) => Change::Event {
                                before: Some(e),
                                after: None,
                            },
                            Some(Entry::Annotation(a)) => Change::Annotation {
                                before: Some(a),
                                after: None,
                            },
                            None => return,
                        },
                    };
                    self.commands
                        .push(AnnotationCommand::Apply(Box::new(change)).into());
                }
            }
            AnnotationCommand::MergeEvents(ids) => {
                let events: Vec<Event> = ids
                    .iter()
                    .filter_map(|id| self.state.annotations.event(id).cloned())
                    .collect();
                if let Some((first, rest)) = events.split_first()
                    && !rest.is_empty()
                {
                    let mut merged =
                        crate::core::history::merge_events(first, &rest.iter().collect::<Vec<_>>());
                    merged.modified = crate::core::annotations::now_stamp();
                    let mut changes = vec![Change::Event {
                        before: Some(first.clone()),
                        after: Some(merged),
                    }];
                    changes.extend(rest.iter().map(|e| Change::Event {
                        before: Some(e.clone()),
                        after: None,
                    }));
                    self.commands
                        .push(AnnotationCommand::Apply(Box::new(Change::Batch(changes))).into());
                }
            }
            AnnotationCommand::PickEventForPassage => {
                if self.selected_passage().is_some() {
                    self.event_picker = Some(String::new());
                } else {
                    self.state.message = Some("Select a passage in the reader first.".into());
                }
            }
            AnnotationCommand::AddPassageTo(id) => {
                self.event_picker = None;
                if let (Some(passage), Some(event)) = (
                    self.selected_passage(),
                    self.state.annotations.event(&id).cloned(),
                ) {
                    if event.evidence.contains(&passage) {
                        self.state.message =
                            Some("That passage is already evidence for the event.".into());
                    } else {
                        let mut after = event.clone();
                        after.evidence.push(passage);
                        after.modified = crate::core::annotations::now_stamp();
                        self.commands.push(
                            AnnotationCommand::Apply(Box::new(Change::Event {
                                before: Some(event),
                                after: Some(after),
                            }))
                            .into(),
                        );
                    }
                }
            }
            AnnotationCommand::ReattachPassage { owner, old } => {
                let Some(new) = self.selected_passage() else {
                    self.state.message = Some("Select the passage in the reader first.".into());
                    return;
                };
                if let Some(change) = self.replace_passage(&owner, &old, Some(new)) {
                    self.commands
                        .push(AnnotationCommand::Apply(Box::new(change)).into());
                }
            }
            AnnotationCommand::DeletePassage { owner, old } => {
                if let Some(change) = self.replace_passage(&owner, &old, None) {
                    self.commands
                        .push(AnnotationCommand::Apply(Box::new(change)).into());
                }
            }
            AnnotationCommand::TagEvent => self.begin_tag(true),
            AnnotationCommand::Annotate => self.begin_tag(false),
            AnnotationCommand::Edit(id) => {
                if let Some(e) = self.state.annotations.event(&id) {
                    let mut editor = EditorPanel::for_event(e.clone(), false);
                    self.offer_known_names(&mut editor);
                    self.editor = Some(editor);
                } else if let Some(a) = self.state.annotations.annotation(&id) {
                    self.editor = Some(EditorPanel::for_annotation(a.clone(), false));
                }
            }
            AnnotationCommand::Apply(change) => {
                if let crate::core::history::Change::Event { after: Some(e), .. } = change.as_ref()
                {
                    self.last_type = e.event_type.clone();
                }
                self.state.message = Some(capitalise(&change.describe()));
                let mut change = *change;
                self.stamp_modifier(&mut change);
                self.state
                    .history
                    .apply(&mut self.state.annotations, change);
                self.reader.clear_selection();
                self.changed();
            }
            AnnotationCommand::Undo => {
                let done = self
                    .state
                    .history
                    .undo(&mut self.state.annotations)
                    .map(|c| c.describe());
                self.state.message =
                    Some(done.map_or("Nothing to undo".into(), |d| format!("Undid: {d}")));
                self.changed();
            }
            AnnotationCommand::Redo => {
                let done = self
                    .state
                    .history
                    .redo(&mut self.state.annotations)
                    .map(|c| c.describe());
                self.state.message =
                    Some(done.map_or("Nothing to redo".into(), |d| format!("Redid: {d}")));
                self.changed();
            }
            AnnotationCommand::SaveNow => {
                if matches!(self.state.save, SaveStatus::Failed(_))
                    || !self.state.has_unsaved_changes()
                {
                    // A retry after a failure, or a save with no change: write anyway.
                    self.state.saved_revision = self.state.annotations_revision.wrapping_sub(1);
                }
                self.request_save();
            }
        }
    }

    /// An edit of someone else's entry says who made it (the name in Preferences).
    fn stamp_modifier(&self, change: &mut Change) {
        let name = self.author.trim();
        match change {
            // The last modifier is kept only when not the author: an author's own edit clears it.
            Change::Event {
                before: Some(before),
                after: Some(after),
            } if before != after => after.modified_by = last_modifier(name, &after.author),
            Change::Annotation {
                before: Some(before),
                after: Some(after),
            } if before != after => after.modified_by = last_modifier(name, &after.author),
            Change::Batch(changes) => {
                for c in changes {
                    self.stamp_modifier(c);
                }
            }
            _ => {}
        }
    }

    pub(super) fn changed(&mut self) {
        self.state.annotations_revision += 1;
        self.state.last_change = Some(Instant::now());
        self.state.save = SaveStatus::Unsaved;
        self.state.rebuild_event_marks();
        self.state.recount_orphans();
    }

    /// Applies a change (undoable) without replacing the status message.
    pub(super) fn apply_quietly(&mut self, change: Change) {
        self.state
            .history
            .apply(&mut self.state.annotations, change);
        self.changed();
    }

    /// The passage selected in the reader, in the selected article.
    pub(super) fn selected_passage(&self) -> Option<Passage> {
        let article = self.state.selected()?;
        let sel = self.reader.selection()?;
        if sel.path != article.path {
            return None;
        }
        Passage::from_article(article, sel.range.start, sel.range.end)
    }

    pub(super) fn begin_tag(&mut self, as_event: bool) {
        let Some(passage) = self.selected_passage() else {
            self.state.message = Some("Select a passage in the reader first.".into());
            return;
        };
        let published = self
            .state
            .selected()
            .and_then(|a| a.meta.published)
            .map(|t| t.date);
        if as_event {
            let start = published.map_or_else(
                || PartialDate::from_date(chrono::Local::now().date_naive()),
                PartialDate::from_date,
            );
            let proposal = self.proposed_time(&passage);
            let title = crate::core::text::one_line(&passage.exact, 90);
            let event = Event {
                id: new_id("ev"),
                title,
                event_type: self.last_type.clone(),
                when: EventTime {
                    start,
                    end: None,
                    ongoing: false,
                    approximate: false,
                },
                actors: Vec::new(),
                places: Vec::new(),
                tags: Vec::new(),
                note: String::new(),
                fatalities: None,
                evidence: vec![passage],
                created: String::new(),
                modified: String::new(),
                author: String::new(),
                modified_by: String::new(),
            };
            let mut event = event;
            event.author = self.author.clone();
            let mut editor = EditorPanel::for_event(event, true);
            self.offer_known_names(&mut editor);
            if let Some((when, note)) = proposal {
                editor.propose(&when, note);
            }
            self.editor = Some(editor);
        } else {
            let annotation = Annotation {
                id: new_id("an"),
                passage,
                tags: Vec::new(),
                note: String::new(),
                created: String::new(),
                modified: String::new(),
                author: String::new(),
                modified_by: String::new(),
            };
            let mut annotation = annotation;
            annotation.author = self.author.clone();
            self.editor = Some(EditorPanel::for_annotation(annotation, true));
        }
    }

    /// The date of the mention in, or else nearest to, `passage` (within a few lines), as an
    /// event time and a note on where it came from.
    pub(super) fn proposed_time(&self, passage: &Passage) -> Option<(EventTime, String)> {
        use crate::core::mentions::{MentionKind, MentionPrecision};
        let article = self.state.selected()?;
        let (start, end) = (
            passage.start.checked_sub(article.body_start)?,
            passage.end - article.body_start,
        );
        let mentions = &self.state.selected_mentions;
        let distance = |m: &crate::core::mentions::DateMention| {
            if m.end > start && m.start < end {
                0
            } else if m.end <= start {
                start - m.end
            } else {
                m.start - end
            }
        };
        let (index, mention) = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.first_day.is_some() && distance(m) <= 400)
            .min_by_key(|(_, m)| distance(m))?;
        let day = mention.first_day?;
        let date = PartialDate::from_date(day);
        let (start_date, approximate) = match mention.precision {
            MentionPrecision::Time | MentionPrecision::Day => (date, false),
            MentionPrecision::Week => (date, true),
            MentionPrecision::Month => (
                date.with_precision(crate::core::annotations::Precision::Month),
                false,
            ),
            MentionPrecision::Quarter | MentionPrecision::Half => (
                date.with_precision(crate::core::annotations::Precision::Month),
                true,
            ),
            MentionPrecision::Year => (
                date.with_precision(crate::core::annotations::Precision::Year),
                false,
            ),
            MentionPrecision::None => return None,
        };
        let mut when = EventTime {
            start: start_date,
            end: None,
            ongoing: false,
            approximate,
        };
        if mention.kind == MentionKind::RangeStart
            && let Some(next) = mentions.get(index + 1)
            && next.kind == MentionKind::RangeEnd
            && let Some(end_day) = next.first_day
        {
            let end = PartialDate::from_date(end_day);
            when.end = Some(if next.precision == MentionPrecision::Month {
                end.with_precision(crate::core::annotations::Precision::Month)
            } else {
                end
            });
        }
        if mention.kind == MentionKind::Ongoing {
            when.ongoing = true;
        }
        let note = format!(
            "Date proposed from “{}” ({}). Change it if it is not the event's date.",
            mention.text, mention.how
        );
        Some((when, note))
    }

    /// The change that swaps `old` (a passage of event or annotation `owner`) for `new`, or removes
    /// it: an annotation without its passage is deleted, an event keeps its other passages.
    pub(super) fn replace_passage(
        &self,
        owner: &str,
        old: &Passage,
        new: Option<Passage>,
    ) -> Option<Change> {
        if let Some(e) = self.state.annotations.event(owner) {
            let mut after = e.clone();
            let i = after.evidence.iter().position(|p| p == old)?;
            match new {
                Some(p) => after.evidence[i] = p,
                None => {
                    after.evidence.remove(i);
                }
            }
            after.modified = crate::core::annotations::now_stamp();
            return Some(Change::Event {
                before: Some(e.clone()),
                after: Some(after),
            });
        }
        let a = self.state.annotations.annotation(owner)?;
        let after = new.map(|p| {
            let mut after = a.clone();
            after.passage = p;
            after.modified = crate::core::annotations::now_stamp();
            after
        });
        Some(Change::Annotation {
            before: Some(a.clone()),
            after,
        })
    }

    /// Where the collection's event types are kept: beside its annotations.
    pub(super) fn taxonomy_path(&self) -> Option<PathBuf> {
        self.state
            .annotations_path
            .as_ref()
            .map(|p| p.with_file_name("taxonomy.ron"))
    }

    /// Gives the editor the actors and places already used, to offer as the user types.
    pub(super) fn offer_known_names(&self, editor: &mut EditorPanel) {
        let mut actors: Vec<String> = self
            .state
            .annotations
            .events
            .iter()
            .flat_map(|e| e.actors.iter().cloned())
            .collect();
        let mut places: Vec<String> = self
            .state
            .annotations
            .events
            .iter()
            .flat_map(|e| e.places.iter().cloned())
            .collect();
        for list in [&mut actors, &mut places] {
            list.sort_by_key(|s| s.to_lowercase());
            list.dedup();
        }
        editor.known_actors = actors;
        editor.known_places = places;
    }
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Who to name as an entry's last modifier when `editor` changes an entry `author` made.
fn last_modifier(editor: &str, author: &str) -> String {
    if editor == author {
        String::new()
    } else {
        editor.to_string()
    }
}
