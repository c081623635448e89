//! What the reader paints over the body: annotated passages and events in their colours, search
//! hits, underlined dates, as one layout job.

use std::ops::Range;

use egui::text::LayoutJob;
use egui::{Color32, FontId, TextFormat};

use crate::core::annotations::PassageOwner;
use crate::core::collection::Article;
use crate::ui::state::AppState;
use crate::ui::theme;

/// A highlighted span of the body (byte offsets into the body).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Highlight {
    pub(super) range: Range<usize>,
    pub(super) color: Color32,
    pub(super) owner_id: String,
}

/// The highlighted spans in `shown` (a byte range of the article's text), relative to its start;
/// events over annotations.
pub(super) fn highlights(
    state: &AppState,
    article: &Article,
    shown: Range<usize>,
    dark: bool,
) -> Vec<Highlight> {
    let mut out: Vec<Highlight> = state
        .annotations
        .passages_in(&article.path)
        .filter_map(|(passage, owner)| {
            let range = crate::core::anchor::anchor(passage, &article.text).range()?;
            if range.end <= shown.start || range.start >= shown.end {
                return None;
            }
            let start = range.start.max(shown.start) - shown.start;
            let end = range.end.min(shown.end) - shown.start;
            let color = match owner {
                PassageOwner::Event(e) => theme::event_highlight(state.types.color(&e.event_type)),
                PassageOwner::Annotation(_) => theme::annotation_color(dark),
            };
            Some(Highlight {
                range: start..end,
                color,
                owner_id: owner.id().to_string(),
            })
        })
        .collect();
    // Events are drawn last, over annotations.
    out.sort_by_key(|h| !h.owner_id.starts_with("an-"));
    out
}

/// The search hits of the selected article in `shown`, the current one stronger.
pub(super) fn search_highlights(
    state: &AppState,
    shown: Range<usize>,
    dark: bool,
) -> Vec<Highlight> {
    let Some(article) = state.selected_article else {
        return Vec::new();
    };
    let s = &state.search;
    let current = s.current.and_then(|(r, h)| {
        s.found
            .results
            .get(r)
            .filter(|(a, _)| *a == article)
            .map(|_| h)
    });
    s.found
        .hits_in(article)
        .iter()
        .enumerate()
        .filter(|(_, r)| r.end > shown.start && r.start < shown.end)
        .map(|(i, r)| Highlight {
            range: r.start.max(shown.start) - shown.start..r.end.min(shown.end) - shown.start,
            color: theme::search_hit_color(dark, current == Some(i)),
            owner_id: String::new(),
        })
        .collect()
}

/// The selected suggestion's evidence passages in this article, the one stepped to stronger.
pub(super) fn evidence_highlights(
    state: &AppState,
    article: &Article,
    shown: Range<usize>,
    dark: bool,
) -> Vec<Highlight> {
    let s = &state.suggestions;
    let Some(sug) = s.selected() else {
        return Vec::new();
    };
    sug.evidence
        .iter()
        .enumerate()
        .filter(|(_, e)| e.path == article.path && e.end > shown.start && e.start < shown.end)
        .map(|(i, e)| Highlight {
            range: e.start.max(shown.start) - shown.start..e.end.min(shown.end) - shown.start,
            color: theme::evidence_color(dark, i == s.step),
            owner_id: String::new(),
        })
        .collect()
}

/// The body as a layout job, each highlighted span with its background.
pub(super) fn body_job(
    body: &str,
    highlights: &[Highlight],
    underlines: &[Range<usize>],
    underline: egui::Stroke,
    text_color: Color32,
) -> LayoutJob {
    let font = FontId::proportional(theme::BODY_SIZE);
    let mut bounds: Vec<usize> = vec![0, body.len()];
    for r in highlights.iter().map(|h| &h.range).chain(underlines) {
        bounds.push(r.start.min(body.len()));
        bounds.push(r.end.min(body.len()));
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut job = LayoutJob::default();
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(text) = body.get(start..end) else {
            continue;
        };
        let background = highlights
            .iter()
            .rev()
            .find(|h| h.range.start <= start && end <= h.range.end)
            .map_or(Color32::TRANSPARENT, |h| h.color);
        job.append(
            text,
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: text_color,
                background,
                underline: if underlines.iter().any(|u| u.start <= start && end <= u.end) {
                    underline
                } else {
                    egui::Stroke::NONE
                },
                line_height: Some(theme::BODY_SIZE * 1.45),
                ..Default::default()
            },
        );
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_highlights_split_the_text() {
        let hl = |r: Range<usize>, c| Highlight {
            range: r,
            color: c,
            owner_id: String::new(),
        };
        let job = body_job(
            "abcdefghij",
            &[hl(2..6, Color32::RED), hl(4..8, Color32::BLUE)],
            &[],
            egui::Stroke::NONE,
            Color32::WHITE,
        );
        let spans: Vec<_> = job
            .sections
            .iter()
            .map(|s| {
                (
                    s.byte_range.start.0..s.byte_range.end.0,
                    s.format.background,
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                (0..2, Color32::TRANSPARENT),
                (2..4, Color32::RED),
                (4..8, Color32::BLUE),
                (8..10, Color32::TRANSPARENT),
            ]
        );
    }
}
