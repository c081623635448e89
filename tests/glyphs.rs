//! Every character the app itself writes — labels, tooltips, messages, the date lexicon's words —
//! has a glyph in the fonts the window installs. (egui_kittest panics on a missing glyph only
//! where a test happens to draw it; this reads every string literal instead.)

mod common;

use std::path::Path;

use common::rust_files;

/// Reads one escape after a backslash; `None` for a line continuation.
fn escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<char> {
    match chars.next()? {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        '0' => Some('\0'),
        'x' => {
            let hex: String = chars.by_ref().take(2).collect();
            u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
        }
        'u' => {
            let _ = chars.next(); // '{'
            let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
            u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
        }
        '\n' => {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            None
        }
        other => Some(other),
    }
}

/// The string and character literals of Rust source, with escapes decoded; comments skipped.
fn literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = source.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            'r' if !(prev.is_alphanumeric() || prev == '_')
                && matches!(chars.peek(), Some('"' | '#')) =>
            {
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.next() != Some('"') {
                    continue; // a raw identifier, r#name
                }
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    if c == '"' {
                        let mut n = 0;
                        while n < hashes && chars.peek() == Some(&'#') {
                            chars.next();
                            n += 1;
                        }
                        if n == hashes {
                            break;
                        }
                        text.push('"');
                        text.extend(std::iter::repeat_n('#', n));
                    } else {
                        text.push(c);
                    }
                }
                out.push(text);
            }
            '"' => {
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => text.extend(escape(&mut chars)),
                        c => text.push(c),
                    }
                }
                out.push(text);
            }
            '\'' => {
                // A character literal, or a lifetime / label (which has no closing quote).
                let mut look = chars.clone();
                let lit = match look.next() {
                    Some('\\') => escape(&mut look),
                    Some(c) => Some(c),
                    None => None,
                };
                if look.next() == Some('\'') {
                    // The ends of a range ('\u{530}'..='\u{58F}') are tests, not text.
                    let in_range = prev == '=' || look.clone().take(2).eq("..".chars());
                    chars = look;
                    if !in_range {
                        out.extend(lit.map(String::from));
                    }
                }
            }
            _ => {}
        }
        prev = c;
    }
    out
}

/// The comment that marks a line whose characters are read, never drawn.
const NOT_DRAWN: &str = "// glyphs: read, not drawn";

#[test]
fn the_literal_reader_reads_rust() {
    let source = r####"let a = "tab\there → ok"; // "comment ✗"
        /* "block ✗" */ let b = r#"raw "quoted" ✓"#; let c = '…'; fn f<'a>(x: &'a str) {}
        let r = matches!(c, '\u{530}'..='\u{58F}');
        let d = "\u{2192}"; let e = "line \
            joined";"####;
    assert_eq!(
        literals(source),
        [
            "tab\there → ok",
            "raw \"quoted\" ✓",
            "…",
            "→",
            "line joined"
        ]
    );
}

#[test]
fn every_character_the_app_writes_has_a_glyph() {
    let ctx = egui::Context::default();
    dateline::ui::theme::install_fonts(&ctx);
    // Fonts are loaded at the start of a pass.
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = std::collections::BTreeMap::<char, Vec<String>>::new();
    let mut checked = 0;
    for path in rust_files(&root) {
        let source = std::fs::read_to_string(&path).expect("readable");
        // A line that only reads characters (punctuation of other scripts to count, say) says so
        // with this comment; it writes nothing people see.
        let drawn: String = source
            .lines()
            .filter(|l| !l.contains(NOT_DRAWN))
            .collect::<Vec<_>>()
            .join("\n");
        for text in literals(&drawn) {
            for c in text.chars().filter(|c| !c.is_control()) {
                checked += 1;
                let found = ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(14.0), c));
                if !found {
                    let file = path
                        .strip_prefix(&root)
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    let files = missing.entry(c).or_default();
                    if !files.contains(&file) {
                        files.push(file);
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} characters read");
    assert!(
        missing.is_empty(),
        "no glyph in the bundled fonts for: {}",
        missing
            .iter()
            .map(|(c, files)| format!("{c:?} (U+{:04X}) in {}", *c as u32, files.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    );
}
