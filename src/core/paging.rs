//! Cutting a long text into parts the reader lays out one at a time, so that a 20 MB article or
//! a 2 MB line opens at once.

use std::ops::Range;

/// The largest part shown at once.
pub const PAGE_BYTES: usize = 64 * 1024;

/// Splits `text` into consecutive ranges of at most about `max_bytes`, cut at a paragraph break,
/// else a line break, else a space, else a character boundary. Covers the whole text.
pub fn pages(text: &str, max_bytes: usize) -> Vec<Range<usize>> {
    let max_bytes = max_bytes.max(16);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max_bytes {
        let mut limit = start + max_bytes;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        // Not too early: at least half a page.
        let min = window.len() / 2;
        let cut = [
            window.rfind("\n\n").map(|i| i + 2),
            window.rfind('\n').map(|i| i + 1),
            window.rfind(' ').map(|i| i + 1),
        ]
        .into_iter()
        .flatten()
        .find(|&i| i >= min)
        .unwrap_or(window.len());
        out.push(start..start + cut);
        start += cut;
    }
    out.push(start..text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_text_and_cut_at_breaks() {
        let para = "word ".repeat(30) + "\n\n";
        let text = para.repeat(100);
        let cases: &[(&str, usize)] = &[
            ("", 1000),
            ("short", 1000),
            (&text, 1000),
            (&"ə".repeat(5000), 1001),
            (&"x".repeat(5000), 1000),
        ];
        for (text, max) in cases {
            let p = pages(text, *max);
            assert_eq!(p.first().map(|r| r.start), Some(0));
            assert_eq!(p.last().map(|r| r.end), Some(text.len()));
            for w in p.windows(2) {
                assert_eq!(w[0].end, w[1].start, "consecutive");
            }
            for r in &p {
                assert!(r.len() <= *max, "{} > {max}", r.len());
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
        // Paragraph text is cut after a blank line.
        let p = pages(&text, 1000);
        assert!(p.len() > 10);
        assert!(text[..p[0].end].ends_with("\n\n"));
    }
}
