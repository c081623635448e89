use std::cell::Cell;

use super::*;
use crate::core::annotations::{Event, test_event};
use crate::core::taxonomy::{Taxonomy, TypeIndex};

fn events() -> Vec<Event> {
    let mut a = test_event("ev-b", "=SUM(A1:A9) and more");
    a.when.start = "2022-12".parse().unwrap_or(a.when.start);
    let mut b = test_event("ev-a", "Bayramov və Lavrov, Москва, Երևան");
    b.event_type = "protests/peaceful_protest".into();
    b.fatalities = Some(2);
    vec![a, b]
}

#[test]
fn every_format_tells_its_progress_and_keeps_unicode() {
    let events = events();
    let refs: Vec<&Event> = events.iter().collect();
    let types = TypeIndex::new(&Taxonomy::builtin());
    let places = Places::default();
    let none = |_: &str| None;
    for format in Format::ALL {
        let seen = Cell::new(0usize);
        let tell = |n: usize| seen.set(seen.get().max(n + 1));
        let ctx = Context {
            articles: &none,
            types: &types,
            places: &places,
            progress: Some(&tell),
        };
        let w = super::events(format, &refs, &ctx, &Options::default());
        let expected = if format == Format::Acled { 1 } else { 2 };
        assert_eq!(w.written, expected, "{format:?}");
        assert_eq!(seen.get(), 2, "{format:?}: every event is counted");
        if format != Format::Acled {
            assert!(
                w.text.contains("və") && w.text.contains("Москва") && w.text.contains("Երևան"),
                "{format:?}: {}",
                w.text
            );
        }
        if matches!(format, Format::Csv | Format::Acled) {
            assert!(
                !w.text.contains(",=SUM"),
                "{format:?}: a formula cell is guarded"
            );
        }
    }
}

#[test]
fn dates_read_as_people_write_them() {
    let mut e = test_event("ev", "t");
    let cases: &[(&str, Option<&str>, bool, &str)] = &[
        ("2022-12-05", None, false, "5 December 2022"),
        ("2022-12", None, false, "December 2022"),
        ("2022", None, false, "2022"),
        (
            "2010-06-03",
            Some("2010-06-07"),
            false,
            "3 June 2010 – 7 June 2010",
        ),
        ("2022-12-12", None, true, "since 12 December 2022"),
    ];
    for (start, end, ongoing, want) in cases {
        e.when.start = start.parse().unwrap_or(e.when.start);
        e.when.end = end.and_then(|d| d.parse().ok());
        e.when.ongoing = *ongoing;
        assert_eq!(date_words(&e), *want);
    }
}
