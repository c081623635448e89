//! Merging annotation sets by id: three-way (what two windows or two people changed since a
//! common version) and two-way (another file's entries added to ours). Entries changed on both
//! sides differently are conflicts, kept for the user to settle; nothing is dropped.

use std::collections::BTreeSet;

use super::annotations::{Annotation, AnnotationSet, Event};

/// An event or an annotation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Entry {
    Event(Event),
    Annotation(Annotation),
}

/// One id changed on both sides.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    pub id: String,
    /// Ours, which the merge kept (`None`: we deleted it).
    #[serde(default)]
    pub ours: Option<Entry>,
    /// Theirs, left out (`None`: they deleted it).
    #[serde(default)]
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
fn merge_list<T: Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned>(
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
        } else if let (Some(b), Some(o), Some(t)) = (&b, &o, &t)
            && let Some(merged) = merge_fields(b, o, t)
        {
            // Both edited it, different fields (or lists both added to): each change kept.
            taken += 1;
            Some(merged)
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

/// Fields that say when and by whom an entry last changed: they differ whenever both sides
/// edited, so they never make a conflict; the later change's pair wins.
const BOOKKEEPING: [&str; 2] = ["modified", "modified_by"];

/// The three-way merge of one entry, field by field (its serde fields, compared as JSON values):
/// a field changed on one side takes that side's value; a list changed on both sides keeps what
/// both kept and what each added; a field changed differently on both sides is a conflict, and
/// `None` is returned (the caller keeps ours whole and records theirs).
pub(crate) fn merge_fields<T>(base: &T, ours: &T, theirs: &T) -> Option<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    use serde_json::Value;
    let (Ok(Value::Object(b)), Ok(Value::Object(o)), Ok(Value::Object(t))) = (
        serde_json::to_value(base),
        serde_json::to_value(ours),
        serde_json::to_value(theirs),
    ) else {
        return None;
    };
    let keys: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut out = serde_json::Map::new();
    for key in keys {
        if BOOKKEEPING.contains(&key.as_str()) {
            continue;
        }
        let (bv, ov, tv) = (b.get(key), o.get(key), t.get(key));
        let merged = if ov == tv || tv == bv {
            ov.cloned()
        } else if ov == bv {
            tv.cloned()
        } else {
            match (bv, ov, tv) {
                (Some(Value::Array(bl)), Some(Value::Array(ol)), Some(Value::Array(tl))) => {
                    Some(Value::Array(merge_lists(bl, ol, tl)))
                }
                _ => return None,
            }
        };
        if let Some(v) = merged {
            out.insert(key.clone(), v);
        }
    }
    // The later of the two changes says when and by whom.
    let stamp = |m: &serde_json::Map<String, Value>| {
        m.get("modified")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let later = if stamp(&t) > stamp(&o) { &t } else { &o };
    for key in BOOKKEEPING {
        if let Some(v) = later.get(key) {
            out.insert(key.to_string(), v.clone());
        }
    }
    serde_json::from_value(Value::Object(out)).ok()
}

/// A list both sides changed: ours in our order without what they removed, then what they
/// added.
pub(crate) fn merge_lists(
    base: &[serde_json::Value],
    ours: &[serde_json::Value],
    theirs: &[serde_json::Value],
) -> Vec<serde_json::Value> {
    let mut out: Vec<serde_json::Value> = ours
        .iter()
        .filter(|v| !base.contains(v) || theirs.contains(v))
        .cloned()
        .collect();
    for v in theirs {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
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
    // Conflicts already listed (from an earlier merge): one settled on either side (it was
    // in the common version and is gone on that side) is gone; any other stays; a new one for
    // the same id replaces it.
    let listed_in = |set: &AnnotationSet, id: &str| set.conflicts.iter().any(|c| c.id == id);
    let mut listed: Vec<Conflict> = ours
        .conflicts
        .iter()
        .chain(theirs.conflicts.iter().filter(|c| !listed_in(ours, &c.id)))
        .filter(|c| {
            !(listed_in(base, &c.id) && !(listed_in(ours, &c.id) && listed_in(theirs, &c.id)))
        })
        .filter(|c| !conflicts.iter().any(|n| n.id == c.id))
        .cloned()
        .collect();
    listed.extend(conflicts.iter().cloned());
    listed.sort_by(|a, b| a.id.cmp(&b.id));
    let set = AnnotationSet {
        events,
        annotations,
        conflicts: listed,
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
