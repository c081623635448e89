//! One self-contained page (no network, no other file): the chronology in date order with the
//! type colours, each event's quotes and sources, a small timeline at the top, and a print
//! stylesheet.

use super::{Context, Options, Written, date_words, reports};
use crate::core::annotations::Event;
use crate::core::timeline::day_of;

/// Text safe inside HTML elements and quoted attributes.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The outlets reporting an event as HTML: each linked to its article's page when it has one,
/// else named with its file (`with_path`).
pub(super) fn source_links(e: &Event, ctx: &Context, with_path: bool) -> Vec<String> {
    reports(e, ctx)
        .into_iter()
        .map(|(outlet, day, info)| {
            let label = match day {
                Some(d) => format!("{outlet}, {d}"),
                None => outlet,
            };
            match info.url {
                Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(&label)),
                None if with_path => format!("{} ({})", escape(&label), escape(&info.path)),
                None => escape(&label),
            }
        })
        .collect()
}

const STYLE: &str = "
body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; color: #1d1d1d; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
p.about { color: #555; margin-top: 0; }
svg.strip { width: 100%; height: 56px; margin: 1rem 0 1.5rem; }
ol.chronology { list-style: none; padding: 0; }
li.event { border-left: 6px solid var(--c); padding: 0.4rem 0 0.6rem 0.9rem; margin-bottom: 1.1rem; break-inside: avoid; }
.when { font-weight: 600; }
.type { color: var(--c); font-size: 0.85rem; margin-left: 0.5rem; }
h2 { font-size: 1.1rem; margin: 0.2rem 0; }
blockquote { margin: 0.3rem 0 0.3rem 0.6rem; color: #333; font-style: italic; }
.sources { font-size: 0.85rem; color: #555; }
@media print { body { margin: 0; max-width: none; } svg.strip { height: 40px; } a { color: inherit; text-decoration: none; } }
";

pub(super) fn write(events: &[&Event], ctx: &Context, options: &Options) -> Written {
    let title = if options.title.is_empty() {
        "Chronology".to_string()
    } else {
        format!("Chronology: {}", options.title)
    };
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&title)));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!("<h1>{}</h1>\n", escape(&title)));
    out.push_str(&format!(
        "<p class=\"about\">{} from Dateline.</p>\n",
        crate::core::text::counted(events.len(), "event")
    ));
    let days: Vec<f64> = events
        .iter()
        .filter_map(|e| e.when.start.first_day().map(day_of))
        .collect();
    if let (Some(first), Some(last)) = (
        days.iter().copied().reduce(f64::min),
        days.iter().copied().reduce(f64::max),
    ) {
        let span = (last - first).max(1.0);
        out.push_str("<svg class=\"strip\" viewBox=\"0 0 1000 56\" role=\"img\" aria-label=\"The events on a timeline\">\n");
        out.push_str(
            "<line x1=\"10\" y1=\"28\" x2=\"990\" y2=\"28\" stroke=\"#999\" stroke-width=\"2\"/>\n",
        );
        for e in events {
            let Some(d) = e.when.start.first_day().map(day_of) else {
                continue;
            };
            let x = 10.0 + 980.0 * (d - first) / span;
            let [r, g, b] = ctx.types.color(&e.event_type);
            out.push_str(&format!(
                "<a href=\"#{id}\"><circle cx=\"{x:.1}\" cy=\"28\" r=\"7\" fill=\"#{r:02x}{g:02x}{b:02x}\"><title>{when}: {t}</title></circle></a>\n",
                id = escape(&e.id),
                when = escape(&date_words(e)),
                t = escape(&e.title),
            ));
        }
        out.push_str(&format!(
            "<text x=\"10\" y=\"52\" font-size=\"12\" fill=\"#555\">{}</text>\n",
            escape(&events.first().map(|e| date_words(e)).unwrap_or_default())
        ));
        out.push_str(&format!(
            "<text x=\"990\" y=\"52\" font-size=\"12\" fill=\"#555\" text-anchor=\"end\">{}</text>\n",
            escape(&events.last().map(|e| date_words(e)).unwrap_or_default())
        ));
        out.push_str("</svg>\n");
    }
    out.push_str("<ol class=\"chronology\">\n");
    for (i, e) in events.iter().enumerate() {
        ctx.step(i);
        let [r, g, b] = ctx.types.color(&e.event_type);
        out.push_str(&format!(
            "<li class=\"event\" id=\"{}\" style=\"--c: #{r:02x}{g:02x}{b:02x}\">\n",
            escape(&e.id)
        ));
        out.push_str(&format!(
            "<span class=\"when\">{}</span><span class=\"type\">{}</span>\n",
            escape(&date_words(e)),
            escape(&super::type_name(&e.event_type, ctx))
        ));
        out.push_str(&format!("<h2>{}</h2>\n", escape(&e.title)));
        if !e.note.trim().is_empty() {
            out.push_str(&format!("<p>{}</p>\n", escape(e.note.trim())));
        }
        for p in &e.evidence {
            out.push_str(&format!(
                "<blockquote>{}</blockquote>\n",
                escape(&crate::core::text::one_line(&p.exact, 600))
            ));
        }
        let sources = source_links(e, ctx, false);
        if !sources.is_empty() {
            out.push_str(&format!(
                "<p class=\"sources\">Reported by {}</p>\n",
                sources.join("; ")
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</body>\n</html>\n");
    Written {
        text: out,
        written: events.len(),
        left_out: None,
    }
}
