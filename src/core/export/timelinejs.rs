//! TimelineJS3 JSON: a title slide for the collection and a slide an event, dates split into
//! year, month and day as far as the event's precision goes.

use chrono::Datelike;
use serde_json::{Value, json};

use super::{Context, Options, Written, date_words};
use crate::core::annotations::{Event, PartialDate, Precision};

fn date(d: &PartialDate) -> Value {
    let mut v = json!({ "year": d.year });
    if let Some(first) = d.first_day() {
        match d.precision() {
            Precision::Day => {
                v["month"] = json!(first.month());
                v["day"] = json!(first.day());
            }
            Precision::Month => v["month"] = json!(first.month()),
            Precision::Year => {}
        }
    }
    v
}

pub(super) fn write(events: &[&Event], ctx: &Context, options: &Options) -> Written {
    let slides: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            ctx.step(i);
            let mut text = String::new();
            if !e.note.trim().is_empty() {
                text.push_str(&format!("<p>{}</p>", super::html::escape(e.note.trim())));
            }
            for p in &e.evidence {
                text.push_str(&format!(
                    "<blockquote>{}</blockquote>",
                    super::html::escape(&crate::core::text::one_line(&p.exact, 600))
                ));
            }
            let links = super::html::source_links(e, ctx, true);
            if !links.is_empty() {
                text.push_str(&format!("<p>Reported by: {}</p>", links.join("; ")));
            }
            let mut slide = json!({
                "unique_id": e.id,
                "start_date": date(&e.when.start),
                "text": {
                    "headline": super::html::escape(&e.title),
                    "text": text,
                },
                "group": super::type_name(&e.event_type, ctx),
                "display_date": date_words(e),
            });
            if let Some(end) = &e.when.end {
                slide["end_date"] = date(end);
            }
            slide
        })
        .collect();
    let doc = json!({
        "title": {
            "text": {
                "headline": super::html::escape(&options.title),
                "text": format!("{} from Dateline", crate::core::text::counted(events.len(), "event")),
            }
        },
        "events": slides,
    });
    Written {
        text: serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n",
        written: events.len(),
        left_out: None,
    }
}
