//! Event types with colours, read from a RON file: the ACLED hierarchy and a diplomacy set ship
//! in `assets/taxonomy.ron`.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The taxonomy that ships with Dateline.
pub const BUILTIN_RON: &str = include_str!("../../assets/taxonomy.ron");

/// The colour of a type the taxonomy does not know.
pub const UNKNOWN_COLOR: [u8; 3] = [0x80, 0x80, 0x80];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub version: u32,
    pub sets: Vec<TypeSet>,
    /// Types two people changed differently (from the merge driver): ours is in `sets`,
    /// theirs kept here, so no change is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<TypeConflict>,
}

/// One type changed differently on both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeConflict {
    pub id: String,
    #[serde(default)]
    pub ours: Option<EventType>,
    #[serde(default)]
    pub theirs: Option<EventType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSet {
    pub name: String,
    pub types: Vec<EventType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventType {
    pub id: String,
    pub label: String,
    /// `#rrggbb`; sub-types without one take their parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<EventType>,
}

/// A type as a picker lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeEntry {
    pub id: String,
    pub label: String,
    /// "ACLED › Protests › Peaceful protest"
    pub path_label: String,
    pub set: String,
    pub depth: usize,
    pub color: [u8; 3],
}

#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("taxonomy does not parse at line {line}, column {column}: {message}: {path}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("taxonomy has a bad colour {color:?} for type {id}: {path}")]
    BadColor {
        path: String,
        id: String,
        color: String,
    },
    #[error("taxonomy uses the type id {id} twice: {path}")]
    DuplicateId { path: String, id: String },
}

/// `#rrggbb` → bytes.
pub fn parse_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

impl Taxonomy {
    /// The taxonomy that ships with Dateline.
    pub fn builtin() -> Self {
        // The shipped file is checked by a unit test; an empty taxonomy is the fallback.
        Self::parse(BUILTIN_RON, Path::new("assets/taxonomy.ron")).unwrap_or(Self {
            conflicts: Vec::new(),
            version: 1,
            sets: Vec::new(),
        })
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, TaxonomyError> {
        let taxonomy: Taxonomy = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .with_recursion_limit(32)
            .from_str(text)
            .map_err(|e| TaxonomyError::Parse {
                path: path.display().to_string(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })?;
        let mut seen = std::collections::HashSet::new();
        for entry in taxonomy.entries_checked(&path.display().to_string())? {
            if !seen.insert(entry.id.clone()) {
                return Err(TaxonomyError::DuplicateId {
                    path: path.display().to_string(),
                    id: entry.id,
                });
            }
        }
        Ok(taxonomy)
    }

    fn entries_checked(&self, path: &str) -> Result<Vec<TypeEntry>, TaxonomyError> {
        fn walk(
            types: &[EventType],
            set: &str,
            parent_label: &str,
            parent_color: [u8; 3],
            depth: usize,
            path: &str,
            out: &mut Vec<TypeEntry>,
        ) -> Result<(), TaxonomyError> {
            for t in types {
                let color = match &t.color {
                    Some(c) => parse_color(c).ok_or_else(|| TaxonomyError::BadColor {
                        path: path.to_string(),
                        id: t.id.clone(),
                        color: c.clone(),
                    })?,
                    None => parent_color,
                };
                let path_label = format!("{parent_label} › {}", t.label);
                out.push(TypeEntry {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    path_label: path_label.clone(),
                    set: set.to_string(),
                    depth,
                    color,
                });
                walk(&t.children, set, &path_label, color, depth + 1, path, out)?;
            }
            Ok(())
        }
        let mut out = Vec::new();
        for set in &self.sets {
            walk(
                &set.types,
                &set.name,
                &set.name,
                UNKNOWN_COLOR,
                0,
                path,
                &mut out,
            )?;
        }
        Ok(out)
    }

    /// Every type in order, parents before their children.
    pub fn entries(&self) -> Vec<TypeEntry> {
        self.entries_checked("").unwrap_or_default()
    }

    /// Settles the conflict on type `id`: ours stays as it is, or theirs replaces it (its label
    /// and colour; a type they deleted goes, its sub-types moving up; a type only they have is
    /// added to the first set). False when no such conflict is listed.
    pub fn settle(&mut self, id: &str, take_theirs: bool) -> bool {
        let Some(pos) = self.conflicts.iter().position(|c| c.id == id) else {
            return false;
        };
        let conflict = self.conflicts.remove(pos);
        if !take_theirs {
            return true;
        }
        fn find<'a>(types: &'a mut [EventType], id: &str) -> Option<&'a mut EventType> {
            for t in types {
                if t.id == id {
                    return Some(t);
                }
                if let Some(found) = find(&mut t.children, id) {
                    return Some(found);
                }
            }
            None
        }
        fn remove(types: &mut Vec<EventType>, id: &str) -> bool {
            if let Some(i) = types.iter().position(|t| t.id == id) {
                let gone = types.remove(i);
                for (k, child) in gone.children.into_iter().enumerate() {
                    types.insert(i + k, child);
                }
                return true;
            }
            types.iter_mut().any(|t| remove(&mut t.children, id))
        }
        match conflict.theirs {
            Some(theirs) => {
                let found = self.sets.iter_mut().find_map(|s| find(&mut s.types, id));
                match found {
                    Some(t) => {
                        t.label = theirs.label;
                        t.color = theirs.color;
                    }
                    None => match self.sets.first_mut() {
                        Some(set) => set.types.push(theirs),
                        None => self.sets.push(TypeSet {
                            name: "Team".into(),
                            types: vec![theirs],
                        }),
                    },
                }
            }
            None => {
                for set in &mut self.sets {
                    if remove(&mut set.types, id) {
                        break;
                    }
                }
            }
        }
        true
    }
}

/// The RON text of a taxonomy, pretty and in the same form as the shipped one.
pub fn to_ron(taxonomy: &Taxonomy) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false);
    let mut text = ron::ser::to_string_pretty(taxonomy, config).unwrap_or_default();
    text.push('\n');
    text
}

/// Looks types up by id.
#[derive(Debug, Clone, Default)]
pub struct TypeIndex {
    entries: Vec<TypeEntry>,
}

impl TypeIndex {
    pub fn new(taxonomy: &Taxonomy) -> Self {
        Self {
            entries: taxonomy.entries(),
        }
    }

    pub fn entries(&self) -> &[TypeEntry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&TypeEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn color(&self, id: &str) -> [u8; 3] {
        self.get(id).map_or(UNKNOWN_COLOR, |e| e.color)
    }

    /// The type's label, or its id when the taxonomy does not know it.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |e| e.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_taxonomy_has_acled_and_diplomacy() -> Result<(), TaxonomyError> {
        let t = Taxonomy::parse(BUILTIN_RON, Path::new("assets/taxonomy.ron"))?;
        let index = TypeIndex::new(&t);
        let top: Vec<_> = index
            .entries()
            .iter()
            .filter(|e| e.set == "ACLED" && e.depth == 0)
            .map(|e| e.label.as_str())
            .collect();
        assert_eq!(
            top,
            [
                "Battles",
                "Protests",
                "Riots",
                "Explosions/Remote violence",
                "Violence against civilians",
                "Strategic developments"
            ]
        );
        let subs = index
            .entries()
            .iter()
            .filter(|e| e.set == "ACLED" && e.depth == 1)
            .count();
        assert_eq!(subs, 25);
        let diplomacy: Vec<_> = index
            .entries()
            .iter()
            .filter(|e| e.set == "Diplomacy")
            .map(|e| e.label.as_str())
            .collect();
        assert_eq!(
            diplomacy,
            ["Meeting", "Statement", "Visit", "Agreement", "Protest note"]
        );
        let peaceful = index.get("protests/peaceful_protest").map(|e| e.color);
        assert_eq!(
            peaceful,
            index.get("protests").map(|e| e.color),
            "inherits colour"
        );
        assert_eq!(index.label("no/such"), "no/such");
        Ok(())
    }

    #[test]
    fn a_type_conflict_settles_either_way() {
        let ty = |id: &str, label: &str| EventType {
            id: id.into(),
            label: label.into(),
            color: None,
            children: vec![],
        };
        // (ours, theirs, take theirs, the label of "protests" after)
        type Case<'a> = (Option<&'a str>, Option<&'a str>, bool, Option<&'a str>);
        let cases: [Case; 4] = [
            (Some("Demos"), Some("Rallies"), false, Some("Demos")),
            (Some("Demos"), Some("Rallies"), true, Some("Rallies")),
            (Some("Demos"), None, true, None),
            (Some("Demos"), None, false, Some("Demos")),
        ];
        for (ours, theirs, take, after) in cases {
            let mut t = Taxonomy::builtin();
            let protests = t.sets[0]
                .types
                .iter_mut()
                .find(|x| x.id == "protests")
                .expect("protests");
            protests.label = ours.unwrap_or_default().into();
            t.conflicts.push(TypeConflict {
                id: "protests".into(),
                ours: ours.map(|l| ty("protests", l)),
                theirs: theirs.map(|l| ty("protests", l)),
            });
            assert!(t.settle("protests", take));
            assert!(t.conflicts.is_empty());
            let index = TypeIndex::new(&t);
            assert_eq!(
                index.get("protests").map(|e| e.label.as_str()),
                after,
                "{ours:?} {theirs:?} {take}"
            );
            // A deleted type's sub-types move up, never lost.
            assert!(index.get("protests/peaceful_protest").is_some());
            assert!(!t.settle("protests", take), "settled once");
        }
        // A type only they have is added.
        let mut t = Taxonomy::builtin();
        t.conflicts.push(TypeConflict {
            id: "team/new".into(),
            ours: None,
            theirs: Some(ty("team/new", "New")),
        });
        assert!(t.settle("team/new", true));
        assert_eq!(TypeIndex::new(&t).label("team/new"), "New");
    }

    #[test]
    fn an_edited_taxonomy_round_trips() -> Result<(), TaxonomyError> {
        let mut t = Taxonomy::builtin();
        t.sets[1].types[0].label = "Meeting (bilateral)".into();
        t.sets[1].types[0].children.push(EventType {
            id: "diplomacy/meeting/summit".into(),
            label: "Summit".into(),
            color: None,
            children: vec![],
        });
        let back = Taxonomy::parse(&to_ron(&t), Path::new("taxonomy.ron"))?;
        assert_eq!(back, t);
        let index = TypeIndex::new(&back);
        assert_eq!(index.label("diplomacy/meeting/summit"), "Summit");
        assert_eq!(
            index.color("diplomacy/meeting/summit"),
            index.color("diplomacy/meeting"),
            "nested types inherit the colour"
        );
        Ok(())
    }

    #[test]
    fn bad_taxonomies_are_errors() {
        let cases = [
            (
                "(version: 1, sets: [(name: \"A\", types: [(id: \"x\", label: \"X\", color: \"red\")])])",
                "bad colour",
            ),
            (
                "(version: 1, sets: [(name: \"A\", types: [(id: \"x\", label: \"X\"), (id: \"x\", label: \"Y\")])])",
                "twice",
            ),
            ("(version: 1, sets: [", "does not parse"),
        ];
        for (text, want) in cases {
            let err = Taxonomy::parse(text, Path::new("t.ron"))
                .err()
                .map(|e| e.to_string());
            assert!(
                err.as_deref().unwrap_or("").contains(want),
                "{text}: {err:?}"
            );
        }
    }
}
