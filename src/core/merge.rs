//! Merging annotation sets by id: three-way (what two windows or two people changed since a
//! common version) and two-way (another file's entries added to ours). Entries changed on both
//! sides differently are conflicts, kept for the user to settle; nothing is dropped.

use std::collections::BTreeSet;

use super::annotations::{Annotation, AnnotationSet, Event};

/// An event or an annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Event(Event),
    Annotation(Annotation),
}

/// One id changed on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    /// Ours, which the merge kept (`None`: we deleted it).
    pub ours: Option<Entry>,
    /// Theirs, left out (`None`: they deleted it).
    pub theirs: Option<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub set: AnnotationSet,
    pub conflicts: Vec<Conflict>,
    /// How many entries came from their side.
    pub taken: usize,
}

/// The merged list, its conflicts and how many entries came from their side.
fn merge_list<T: Clone + PartialEq>(
    [base, ours, theirs]: [&[T]; 3],
    id: impl Fn(&T) -> &str,
    wrap: impl Fn(T) -> Entry,
) -> (Vec<T>, Vec<Conflict>, usize) {
    let (mut out, mut conflicts, mut taken) = (Vec::new(), Vec::new(), 0);
    let find = |list: &[T], key: &str| list.iter().find(|x| id(x) == key).cloned();
    let ids: BTreeSet<String> = base
        .iter()
        .chain(ours)
        .chain(theirs)
        .map(|x| id(x).to_string())
        .collect();
    for key in ids {
        let (b, o, t) = (find(base, &key), find(ours, &key), find(theirs, &key));
        let keep = if o == t {
            o
        } else if o == b {
            if t.is_some() {
                taken += 1;
            }
            t
        } else if t == b {
            o
        } else {
            conflicts.push(Conflict {
                id: key.clone(),
                ours: o.clone().map(&wrap),
                theirs: t.map(&wrap),
            });
            o
        };
        out.extend(keep);
    }
    (out, conflicts, taken)
}

/// What `ours` and `theirs` both made of `base`.
pub fn three_way(base: &AnnotationSet, ours: &AnnotationSet, theirs: &AnnotationSet) -> Merged {
    let (events, mut conflicts, taken_events) = merge_list(
        [&base.events, &ours.events, &theirs.events],
        |e| &e.id,
        Entry::Event,
    );
    let (annotations, more, taken_annotations) = merge_list(
        [&base.annotations, &ours.annotations, &theirs.annotations],
        |a| &a.id,
        Entry::Annotation,
    );
    conflicts.extend(more);
    let set = AnnotationSet {
        events,
        annotations,
        ..AnnotationSet::default()
    };
    Merged {
        set,
        conflicts,
        taken: taken_events + taken_annotations,
    }
}

/// `ours` with every entry of `theirs` it lacks; an id on both sides that differs is a conflict.
pub fn union(ours: &AnnotationSet, theirs: &AnnotationSet) -> Merged {
    // With no common version, an entry only we have is kept and one only they have is taken.
    let base = AnnotationSet {
        events: ours
            .events
            .iter()
            .filter(|e| theirs.event(&e.id).is_none())
            .cloned()
            .collect(),
        annotations: ours
            .annotations
            .iter()
            .filter(|a| theirs.annotation(&a.id).is_none())
            .cloned()
            .collect(),
        ..AnnotationSet::default()
    };
    let mut theirs_plus = theirs.clone();
    theirs_plus.events.extend(base.events.iter().cloned());
    theirs_plus
        .annotations
        .extend(base.annotations.iter().cloned());
    three_way(&base, ours, &theirs_plus)
}

/// The changes that turn `from` into `to`, entry by entry (for undo).
pub fn changes_between(from: &AnnotationSet, to: &AnnotationSet) -> Vec<super::history::Change> {
    use super::history::Change;
    let mut out = Vec::new();
    let event_ids: BTreeSet<&str> = from
        .events
        .iter()
        .chain(&to.events)
        .map(|e| e.id.as_str())
        .collect();
    for id in event_ids {
        let (before, after) = (from.event(id).cloned(), to.event(id).cloned());
        if before != after {
            out.push(Change::Event { before, after });
        }
    }
    let annotation_ids: BTreeSet<&str> = from
        .annotations
        .iter()
        .chain(&to.annotations)
        .map(|a| a.id.as_str())
        .collect();
    for id in annotation_ids {
        let (before, after) = (from.annotation(id).cloned(), to.annotation(id).cloned());
        if before != after {
            out.push(Change::Annotation { before, after });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::annotations::test_event as event;

    fn set(events: &[Event]) -> AnnotationSet {
        AnnotationSet {
            events: events.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn three_way_merges_what_each_side_changed() {
        let base = set(&[event("a", "A"), event("b", "B"), event("c", "C")]);
        // We edit a and delete c; they edit b and add d.
        let ours = set(&[event("a", "A mine"), event("b", "B")]);
        let theirs = set(&[
            event("a", "A"),
            event("b", "B theirs"),
            event("c", "C"),
            event("d", "D"),
        ]);
        let m = three_way(&base, &ours, &theirs);
        let titles: Vec<_> = m.set.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["A mine", "B theirs", "D"]);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.taken, 2);
    }

    #[test]
    fn both_sides_changing_one_entry_is_a_conflict_and_ours_is_kept() {
        let base = set(&[event("a", "A")]);
        let ours = set(&[event("a", "A mine")]);
        let theirs = set(&[event("a", "A theirs")]);
        let m = three_way(&base, &ours, &theirs);
        assert_eq!(m.set.events[0].title, "A mine");
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(
            m.conflicts[0].theirs,
            Some(Entry::Event(event("a", "A theirs")))
        );
        // We deleted it, they edited it: a conflict too, nothing silently lost.
        let m = three_way(&base, &set(&[]), &theirs);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].ours, None);
    }

    #[test]
    fn union_adds_their_entries_and_flags_differences() {
        let ours = set(&[event("a", "A"), event("b", "B mine")]);
        let theirs = set(&[event("b", "B theirs"), event("c", "C")]);
        let m = union(&ours, &theirs);
        let titles: Vec<_> = m.set.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["A", "B mine", "C"]);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].id, "b");
        // The same file twice: nothing new, nothing in conflict.
        let again = union(&m.set, &theirs);
        assert_eq!(again.set.events.len(), 3);
        assert_eq!(again.conflicts.len(), 1, "b still differs");
        assert_eq!(union(&theirs, &theirs).conflicts.len(), 0);
    }
}
