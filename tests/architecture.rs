//! The shape of the house, checked: the core knows nothing of egui, the files of the ui layer do
//! not import each other in a circle, and no file under `src/ui` outgrows a reader's patience.

use std::collections::{BTreeMap, BTreeSet};
mod common;

use std::path::{Path, PathBuf};

use common::rust_files;

/// Above this a file is split (ARCHITECTURE.md, "Where things go").
const MAX_UI_FILE_LINES: usize = 700;

fn src(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(sub)
}

/// The code of a file without its comments and its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_core_names_no_gui_toolkit() {
    for path in rust_files(&src("core")) {
        let text = std::fs::read_to_string(&path).expect("readable");
        let code = code_of(&text);
        for name in ["egui", "eframe", "crate::ui"] {
            assert!(!code.contains(name), "{} names {name}", path.display());
        }
    }
}

/// The ui module a file belongs to: `src/ui/app/view.rs` belongs to `app`.
fn ui_module(path: &Path) -> String {
    let rel = path.strip_prefix(src("ui")).expect("under src/ui");
    let first = rel.components().next().expect("a file");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// The ui modules a file's code refers to (`super::x`, `crate::ui::x`, `use super::{x, …}`).
fn references(path: &Path, code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let own = ui_module(path);
    // Inside `app/`, `super::` is the app itself; `crate::ui::` is the way to the others.
    let nested = path.parent() != Some(src("ui").as_path());
    let mut prefixes = vec!["crate::ui::".to_string()];
    if !nested {
        prefixes.push("super::".to_string());
    }
    let mut found = BTreeSet::new();
    for prefix in &prefixes {
        let mut rest = code;
        while let Some(i) = rest.find(prefix.as_str()) {
            rest = &rest[i + prefix.len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or(""))
                    .collect()
            } else {
                vec![
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or(""),
                ]
            };
            for n in names {
                if modules.contains(n) && n != own {
                    found.insert(n.to_string());
                }
            }
        }
    }
    found
}

/// A circle of imports in `graph`, found by a depth-first search for a back edge.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut circle = path[i..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn a_circle_is_found_where_there_is_one() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    let circle = find_circle(&graph(&[
        ("app", "list"),
        ("list", "search"),
        ("search", "list"),
    ]));
    assert_eq!(
        circle,
        Some(vec!["list".into(), "search".into(), "list".into()])
    );
    assert_eq!(
        find_circle(&graph(&[
            ("app", "list"),
            ("app", "search"),
            ("search", "list")
        ])),
        None
    );
    let modules: BTreeSet<String> = ["articles_panel", "search_panel", "list_rows"]
        .map(String::from)
        .into();
    let refs = references(
        &src("ui").join("search_panel.rs"),
        "use super::{list_rows::row, theme};\nlet t = super::articles_panel::title(a);",
        &modules,
    );
    assert_eq!(
        refs,
        ["articles_panel", "list_rows"].map(String::from).into()
    );
}

#[test]
fn no_two_ui_files_import_each_other_in_a_circle() {
    let files = rust_files(&src("ui"));
    let modules: BTreeSet<String> = files
        .iter()
        .map(|p| ui_module(p))
        .filter(|m| m != "mod")
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        if ui_module(path) == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("readable");
        let refs = references(path, &code_of(&text), &modules);
        graph.entry(ui_module(path)).or_default().extend(refs);
    }
    if let Some(circle) = find_circle(&graph) {
        panic!(
            "ui files import each other in a circle: {}",
            circle.join(" → ")
        );
    }
    // The check itself can fail: the app uses the panels, and nothing uses the app.
    assert!(graph["app"].contains("reader_panel"), "{graph:?}");
    assert!(
        graph.values().all(|refs| !refs.contains("app")),
        "{graph:?}"
    );
}

#[test]
fn no_ui_file_is_over_the_size_a_reader_takes_in() {
    for path in rust_files(&src("ui")) {
        let lines = std::fs::read_to_string(&path)
            .expect("readable")
            .lines()
            .count();
        assert!(
            lines <= MAX_UI_FILE_LINES,
            "{} has {lines} lines (split it at {MAX_UI_FILE_LINES})",
            path.display()
        );
    }
}
