//! iCalendar (RFC 5545): a VEVENT an event, all-day dates (the end exclusive), a month or a year
//! as an all-day span with its precision said in the description; lines folded at 75 octets,
//! CRLF.

use chrono::NaiveDate;

use super::{Context, Options, Written, last_day, reports};
use crate::core::annotations::Event;

/// Text with RFC 5545's escapes.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets (never inside a character), ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A stamp from the event's own times (never the clock, so the file is the same every time).
fn stamp(e: &Event) -> String {
    [&e.modified, &e.created]
        .iter()
        .find_map(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y%m%dT%H%M%SZ")
                .to_string()
        })
        .unwrap_or_else(|| "19700101T000000Z".into())
}

pub(super) fn write(events: &[&Event], ctx: &Context, options: &Options) -> Written {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Dateline//Dateline chronology//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(&options.title)));
    let mut written = 0;
    for (i, e) in events.iter().enumerate() {
        ctx.step(i);
        let (Some(first), Some(last)) = (e.when.start.first_day(), last_day(e)) else {
            continue;
        };
        let end = last.succ_opt().unwrap_or(last);
        written += 1;
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@dateline", e.id));
        line(&mut out, &format!("DTSTAMP:{}", stamp(e)));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(first)));
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(end)));
        line(&mut out, &format!("SUMMARY:{}", text(&e.title)));
        let mut description = Vec::new();
        let precision = e.when.start.precision();
        if precision != crate::core::annotations::Precision::Day {
            description.push(format!(
                "Date known only to the {}: {}.",
                precision.label(),
                e.when.start
            ));
        }
        if e.when.ongoing {
            description.push("Still going on at the time of the reports.".into());
        }
        if !e.note.trim().is_empty() {
            description.push(e.note.trim().to_string());
        }
        for p in &e.evidence {
            description.push(format!("“{}”", crate::core::text::one_line(&p.exact, 600)));
        }
        let reported = reports(e, ctx);
        if !reported.is_empty() {
            let sources: Vec<String> = reported
                .iter()
                .map(|(outlet, d, _)| match d {
                    Some(d) => format!("{outlet}, {d}"),
                    None => outlet.clone(),
                })
                .collect();
            description.push(format!("Sources: {}", sources.join("; ")));
        }
        line(
            &mut out,
            &format!("DESCRIPTION:{}", text(&description.join("\n"))),
        );
        line(
            &mut out,
            &format!("CATEGORIES:{}", text(&super::type_name(&e.event_type, ctx))),
        );
        if !e.places.is_empty() {
            line(
                &mut out,
                &format!("LOCATION:{}", text(&e.places.join("; "))),
            );
        }
        if let Some(url) = reported.iter().find_map(|(_, _, i)| i.url.clone()) {
            line(&mut out, &format!("URL:{url}"));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    Written {
        text: out,
        written,
        left_out: (written < events.len()).then(|| {
            format!(
                "{} left out: no date",
                crate::core::text::counted(events.len() - written, "event")
            )
        }),
    }
}
