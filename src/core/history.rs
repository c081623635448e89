//! Edits to an annotation set as reversible changes, with undo and redo.

use super::annotations::{Annotation, AnnotationSet, Event};

/// One edit: an entry as it was before and as it is after (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Event {
        before: Option<Event>,
        after: Option<Event>,
    },
    Annotation {
        before: Option<Annotation>,
        after: Option<Annotation>,
    },
    /// Several changes undone and redone as one (merging events).
    Batch(Vec<Change>),
}

impl Change {
    pub fn inverse(&self) -> Change {
        match self {
            Change::Event { before, after } => Change::Event {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Annotation { before, after } => Change::Annotation {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Batch(changes) => {
                Change::Batch(changes.iter().rev().map(Change::inverse).collect())
            }
        }
    }

    /// What the change does, for the status bar and the Edit menu ("add event “Meeting”").
    pub fn describe(&self) -> String {
        fn verb<T>(before: &Option<T>, after: &Option<T>) -> &'static str {
            match (before, after) {
                (None, Some(_)) => "add",
                (Some(_), None) => "delete",
                _ => "edit",
            }
        }
        match self {
            Change::Event { before, after } => {
                let title = after.as_ref().or(before.as_ref()).map_or("", |e| &e.title);
                format!("{} event “{title}”", verb(before, after))
            }
            Change::Annotation { before, after } => {
                format!("{} annotation", verb(before, after))
            }
            Change::Batch(changes) => match changes.first() {
                Some(Change::Event { after: Some(e), .. }) => {
                    format!("merge events into “{}”", e.title)
                }
                _ => format!("{} changes", changes.len()),
            },
        }
    }
}

fn put<T: Clone>(items: &mut Vec<T>, id_of: impl Fn(&T) -> &str, id: &str, value: Option<&T>) {
    let pos = items.iter().position(|x| id_of(x) == id);
    match (pos, value) {
        (Some(i), Some(v)) => items[i] = v.clone(),
        (Some(i), None) => {
            items.remove(i);
        }
        (None, Some(v)) => items.push(v.clone()),
        (None, None) => {}
    }
}

impl AnnotationSet {
    /// Applies a change: the entry with its id becomes `after`.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Event { before, after } => {
                if let Some(id) = after.as_ref().or(before.as_ref()).map(|e| e.id.clone()) {
                    put(&mut self.events, |e| &e.id, &id, after.as_ref());
                }
            }
            Change::Annotation { before, after } => {
                if let Some(id) = after.as_ref().or(before.as_ref()).map(|a| a.id.clone()) {
                    put(&mut self.annotations, |a| &a.id, &id, after.as_ref());
                }
            }
            Change::Batch(changes) => {
                for c in changes {
                    self.apply(c);
                }
            }
        }
    }
}

/// `into` with the passages, actors, places and tags of `others` added (each once).
pub fn merge_events(into: &Event, others: &[&Event]) -> Event {
    let mut merged = into.clone();
    for other in others {
        for p in &other.evidence {
            if !merged.evidence.contains(p) {
                merged.evidence.push(p.clone());
            }
        }
        for (list, more) in [
            (&mut merged.actors, &other.actors),
            (&mut merged.places, &other.places),
            (&mut merged.tags, &other.tags),
        ] {
            for item in more {
                if !list.contains(item) {
                    list.push(item.clone());
                }
            }
        }
        if !other.note.trim().is_empty() && !merged.note.contains(other.note.trim()) {
            if !merged.note.is_empty() {
                merged.note.push_str("\n\n");
            }
            merged.note.push_str(other.note.trim());
        }
    }
    merged
}

/// Undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Applies `change` to `set` and remembers it for undo.
    pub fn apply(&mut self, set: &mut AnnotationSet, change: Change) {
        set.apply(&change);
        self.undo.push(change);
        self.redo.clear();
    }

    /// Undoes the last change; what was undone, if anything.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Option<&Change> {
        let change = self.undo.pop()?;
        set.apply(&change.inverse());
        self.redo.push(change);
        self.redo.last()
    }

    /// Redoes the last undone change; what was redone, if anything.
    pub fn redo(&mut self, set: &mut AnnotationSet) -> Option<&Change> {
        let change = self.redo.pop()?;
        set.apply(&change);
        self.undo.push(change);
        self.undo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::annotations::Passage;
    use crate::core::annotations::test_event as event;

    fn annotation(id: &str, note: &str) -> Annotation {
        Annotation {
            id: id.into(),
            passage: Passage {
                path: "a.txt".into(),
                exact: "x".into(),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
                end: 1,
                content_hash: String::new(),
            },
            tags: vec![],
            note: note.into(),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            modified_by: String::new(),
        }
    }

    #[test]
    fn every_edit_kind_undoes_and_redoes() {
        let base = {
            let mut s = AnnotationSet::default();
            s.events.push(event("ev-1", "Meeting"));
            s.annotations.push(annotation("an-1", "old"));
            s
        };
        let changes = [
            Change::Event {
                before: None,
                after: Some(event("ev-2", "Visit")),
            },
            Change::Event {
                before: Some(event("ev-1", "Meeting")),
                after: Some(event("ev-1", "Meeting in Moscow")),
            },
            Change::Event {
                before: Some(event("ev-1", "Meeting")),
                after: None,
            },
            Change::Annotation {
                before: None,
                after: Some(annotation("an-2", "new")),
            },
            Change::Annotation {
                before: Some(annotation("an-1", "old")),
                after: Some(annotation("an-1", "edited")),
            },
            Change::Annotation {
                before: Some(annotation("an-1", "old")),
                after: None,
            },
        ];
        for change in changes {
            let mut set = base.clone();
            let mut history = History::default();
            history.apply(&mut set, change.clone());
            let applied = set.clone();
            assert_ne!(applied, base, "{change:?} changed nothing");
            assert!(history.undo(&mut set).is_some());
            assert_eq!(set, base, "undo of {}", change.describe());
            assert!(history.redo(&mut set).is_some());
            assert_eq!(set, applied, "redo of {}", change.describe());
            assert!(history.redo(&mut set).is_none());
        }
    }

    #[test]
    fn merging_events_undoes_as_one() {
        let mut a = event("a", "Meeting");
        let b = event("b", "Meeting (other outlet)");
        let mut set = AnnotationSet::default();
        set.events.push(a.clone());
        set.events.push(b.clone());
        let base = set.clone();
        let merged = merge_events(&a, &[&b]);
        a.evidence.clone_from(&merged.evidence);
        let mut h = History::default();
        h.apply(
            &mut set,
            Change::Batch(vec![
                Change::Event {
                    before: Some(base.events[0].clone()),
                    after: Some(merged),
                },
                Change::Event {
                    before: Some(b),
                    after: None,
                },
            ]),
        );
        assert_eq!(set.events.len(), 1);
        h.undo(&mut set);
        assert_eq!(set, base);
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut set = AnnotationSet::default();
        let mut h = History::default();
        h.apply(
            &mut set,
            Change::Event {
                before: None,
                after: Some(event("a", "A")),
            },
        );
        h.undo(&mut set);
        assert!(h.can_redo());
        h.apply(
            &mut set,
            Change::Event {
                before: None,
                after: Some(event("b", "B")),
            },
        );
        assert!(!h.can_redo());
        assert_eq!(set.events.len(), 1);
    }
}
