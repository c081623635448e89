//! The labelled lines news-database exports (Nexis, Nexis Uni, Factiva) share: where a
//! `BYLINE:`/`Dateline:` goes, how a label reads for people, what a copyright line is.

use super::Fields;

/// Puts a labelled field of an export where it belongs (case-insensitively): the article's own
/// fields (byline, dateline, language, URL), else the extras under the label for people.
pub fn take_labelled(fields: &mut Fields, key: &str, value: &str) {
    match key.to_ascii_lowercase().as_str() {
        "byline" | "author" => fields.author = Some(without_by(value)),
        "dateline" => fields.dateline = Some(value.trim().to_string()),
        "language" => fields.language = Some(value.trim().to_string()),
        "url" => fields.url = Some(value.trim().to_string()),
        _ => fields.add_extra(&label_for_people(key), value),
    }
}

/// "LOAD-DATE" or "Load-Date" → "Load date".
pub fn label_for_people(name: &str) -> String {
    let lower = name.replace('-', " ").to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "By Leyla Mammadova" → "Leyla Mammadova", as a byline in a header is read.
pub fn without_by(byline: &str) -> String {
    let name = ["By ", "BY ", "by "]
        .iter()
        .find_map(|by| byline.trim_start().strip_prefix(by))
        .unwrap_or(byline);
    name.trim().to_string()
}

/// "Copyright 2017 …", "© 2017 …", "(c) 2017 …", in any case.
pub fn is_copyright(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('©')
        || line
            .get(..9)
            .is_some_and(|s| s.eq_ignore_ascii_case("copyright"))
        || line.get(..3).is_some_and(|s| s.eq_ignore_ascii_case("(c)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_lines_go_where_they_belong() {
        let mut f = Fields::default();
        for (key, value) in [
            ("BYLINE", "By Leyla Quliyeva"),
            ("Byline", "BY Tom Harrow"),
            ("DATELINE", "MOSCOW"),
            ("Language", "ENGLISH"),
            ("LOAD-DATE", "March 1, 2017"),
        ] {
            take_labelled(&mut f, key, value);
        }
        assert_eq!(f.author.as_deref(), Some("Tom Harrow"));
        assert_eq!(f.dateline.as_deref(), Some("MOSCOW"));
        assert_eq!(f.language.as_deref(), Some("ENGLISH"));
        assert_eq!(
            f.extra,
            [("Load date".to_string(), "March 1, 2017".to_string())]
        );
        for (line, want) in [
            ("Copyright 2017 X", true),
            ("  COPYRIGHT 2017", true),
            ("© 2019 Outlet", true),
            ("(C) 2017 Y", true),
            ("Copy that", false),
            ("", false),
            ("Çopyright", false),
        ] {
            assert_eq!(is_copyright(line), want, "{line:?}");
        }
    }
}
