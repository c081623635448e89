//! Helpers the tests share: walking the sources, loading a fixture collection.
#![allow(dead_code)] // each test uses part of this

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The fixture collection `tests/fixtures/exports/<kind>/`, loaded.
pub fn load_export_fixture(kind: &str) -> dateline::core::collection::Collection {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exports")
        .join(kind);
    dateline::core::collection::load(&root).expect("the fixture opens")
}

/// The article at `path` of a loaded collection; a failure names what could not be read.
pub fn article<'a>(
    c: &'a dateline::core::collection::Collection,
    path: &str,
) -> &'a dateline::core::collection::Article {
    c.articles
        .iter()
        .find(|a| a.path == path)
        .unwrap_or_else(|| panic!("{path} was not loaded; problems: {:?}", c.problems))
}
