//! The suggestions a user dismissed, kept in `.dateline/dismissed.ron` so they stay dismissed
//! after a restart and for colleagues who share the folder.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "dismissed.ron";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dismissed {
    pub version: u32,
    /// Suggestion keys: the date as TIMEX (`2010-04-20`, `2010-04`).
    pub dates: BTreeSet<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DismissedError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "dismissed suggestions do not parse at line {line}, column {column}: {message}: {path}"
    )]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Dismissed {
    /// The file at `path`; empty when there is none.
    pub fn load(path: &Path) -> Result<Self, DismissedError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self {
                version: 1,
                dates: BTreeSet::new(),
            }),
            Err(source) => Err(DismissedError::Read {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, DismissedError> {
        ron::Options::default()
            .with_recursion_limit(8)
            .from_str(text)
            .map_err(|e| DismissedError::Parse {
                path: path.display().to_string(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })
    }

    pub fn to_ron(&self) -> String {
        crate::core::store::pretty_ron(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dismissed_round_trips_and_bad_files_are_errors() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(FILE_NAME);
        assert_eq!(Dismissed::load(&path).map(|d| d.dates.len()).ok(), Some(0));
        let mut d = Dismissed {
            version: 1,
            dates: BTreeSet::new(),
        };
        d.dates.insert("2010-04-20".into());
        d.dates.insert("2010-05".into());
        std::fs::write(&path, d.to_ron()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Dismissed::load(&path).ok(), Some(d));
        std::fs::write(&path, "(version: 1, dates: [").unwrap_or_else(|e| panic!("{e}"));
        let e = Dismissed::load(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("do not parse") && e.contains(FILE_NAME), "{e}");
    }
}
