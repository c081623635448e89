//! Article metadata read from the first lines and the body of a news text: published, first
//! posted, headline (given or derived), byline, dateline place, source outlet and language.

#[cfg(test)]
mod language_tests;
#[cfg(test)]
mod tests;

use chrono::Datelike;

use super::timestamp::{
    DateReading, DayMonthOrder, Timestamp, parse_date_in, read_date_line, read_date_value,
    stated_weekday, weekday_name,
};

/// An ISO 639-1 code (named, so the cache's derived reader does not borrow it from its input).
pub type LanguageCode = &'static str;

/// What the article says about itself (kept in the collection's cache, `core/cache.rs`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Metadata {
    pub published: Option<Timestamp>,
    pub first_posted: Option<Timestamp>,
    pub title: String,
    /// The title was not given: it is the article's first sentence.
    pub title_derived: bool,
    pub byline: Option<String>,
    /// The place a dateline opens the body with ("BAKU, Azerbaijan").
    pub dateline: Option<String>,
    /// The outlet the text names as its own ("Azernews reports", "told Trend").
    pub source: Option<String>,
    /// ISO 639-1 code guessed from the script and letters ("en", "ru", "az", "hy").
    #[serde(with = "language_serde")]
    pub language: LanguageCode,
    /// What was odd about the article but did not stop it loading, for the user to see.
    pub warnings: Vec<String>,
    /// Where the page says it lives.
    pub url: Option<String>,
    /// How a numeric publication date gave its day and month.
    pub date_order: Option<DayMonthOrder>,
    /// The publication date is the one the file's path gives (the article gives none).
    pub date_from_path: bool,
    /// Other fields the file gave (a news-database export's section, length, copyright…),
    /// labelled for people.
    pub extra: Vec<(String, String)>,
}

/// The metadata and where the body starts (a byte offset into the text).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub meta: Metadata,
    pub body_start: usize,
}

/// The longest first line that is still taken as a headline rather than a paragraph.
const MAX_HEADLINE_CHARS: usize = 220;
/// A derived title is cut to about this many characters at a word boundary.
const DERIVED_TITLE_CHARS: usize = 140;

/// Lines of `text` with the byte offset each starts at (line ends not included).
/// How many first lines the header is looked for in.
const HEADER_LINES: usize = 100;

/// The first lines of `text` with the byte offset each starts at (line ends not included).
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    // Line ends found with the memchr crate's vector search (the standard library's char
    // search was a sixth of the header's time).
    let mut out = Vec::with_capacity(32);
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    while out.len() < HEADER_LINES && start < text.len() {
        let end = ends.next().map_or(text.len(), |i| i + 1);
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        out.push((start, content));
        start = end;
    }
    out
}

/// Header keys of mail and news files ("Date: …", "Subject: …") that Dateline reads.
fn header_key(key: &str) -> Option<&'static str> {
    match key.trim().to_ascii_lowercase().as_str() {
        "date" | "published" | "posted" | "posted on" | "publication date" | "dated" => {
            Some("date")
        }
        "updated" | "last updated" | "modified" => Some("updated"),
        "subject" | "title" | "headline" => Some("title"),
        "from" | "author" | "by" | "byline" => Some("author"),
        "source" | "outlet" | "publisher" => Some("source"),
        _ => None,
    }
}

/// `Key: value` with a short key of letters, spaces and dashes.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key_ok = !key.is_empty()
        && key.len() <= 24
        && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-' || c == '_');
    key_ok.then(|| (key, value.trim()))
}

impl Metadata {
    /// The value of an export's labelled field ("Section", "Load date"…), if it gave one.
    pub fn extra_value(&self, label: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(k, _)| k == label)
            .map(|(_, v)| v.as_str())
    }

    /// Sets the publication date from a header value, or says what was wrong with it.
    fn set_published(&mut self, value: &str, what: &str) {
        match read_date_value(value) {
            DateReading::Date { timestamp, order } => {
                self.check_weekday(value, &timestamp, what);
                self.published = Some(timestamp);
                self.date_order = order;
            }
            DateReading::Impossible => self
                .warnings
                .push(format!("impossible date {:?} in the {what}", value.trim())),
            DateReading::NotADate => {}
        }
    }

    /// Says so when the weekday `text` names is not the weekday of its date. The date wins (a
    /// newsroom's template may print the wrong day), but the user should know.
    fn check_weekday(&mut self, text: &str, timestamp: &Timestamp, what: &str) {
        let actual = timestamp.date.weekday();
        if let Some(stated) = stated_weekday(text)
            && stated != actual
        {
            self.warnings.push(format!(
                "the {what} says {} but {} was a {}",
                weekday_name(stated),
                timestamp.date.format("%-d %B %Y"),
                weekday_name(actual)
            ));
        }
    }
}

/// Reads the metadata of a plain-text article.
pub fn parse_article(text: &str) -> Parsed {
    let lines = lines_with_offsets(text);
    let mut meta = Metadata::default();
    let mut i = next_content_line(&lines, 0);
    let mut body_start: Option<usize> = None;
    let mut headline: Option<String> = None;

    // A block of "Key: value" lines, as mail, news archives and some exports start.
    if let Some(first) = i {
        let mut n = first;
        let mut known = 0;
        while n < lines.len() {
            let Some((key, value)) = key_value(lines[n].1.trim()) else {
                break;
            };
            match header_key(key) {
                Some("date") => {
                    meta.set_published(value, "header");
                    known += 1;
                }
                Some("updated") => known += 1,
                Some("title") => {
                    headline = Some(value.to_string());
                    known += 1;
                }
                Some("author") => {
                    meta.byline = Some(value.to_string());
                    known += 1;
                }
                Some("source") => {
                    meta.source = Some(value.to_string());
                    known += 1;
                }
                _ => {}
            }
            n += 1;
        }
        if known > 0 && (n >= lines.len() || lines[n].1.trim().is_empty() || n - first >= 2) {
            i = Some(n);
        } else {
            meta = Metadata::default();
            headline = None;
        }
    }

    if let Some(idx) = i.and_then(|i| next_content_line(&lines, i))
        && meta.published.is_none()
        && headline.is_none()
    {
        let (offset, raw) = lines[idx];
        let line = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        if let Some((date, rest, rest_offset)) = seed_date_prefix(line) {
            // " date 2022-12-07 …": the crawler's date, then whatever the page's first line held.
            match date {
                Ok(date) => meta.published = Some(Timestamp::from_date(date)),
                Err(bad) => meta
                    .warnings
                    .push(format!("impossible date {bad} in the first line")),
            }
            let date = date.ok();
            let rest_offset = offset + lead + rest_offset;
            i = Some(idx + 1);
            if rest.is_empty() {
            } else if let DateReading::Date { timestamp, .. } = read_date_line(rest)
                && date.is_none_or(|d| timestamp.date == d)
            {
                meta.check_weekday(rest, &timestamp, "first line");
                meta.published = Some(timestamp);
            } else if let Some(posted) = first_posted_phrase(rest) {
                meta.first_posted = parse_date_in(posted, date);
            } else {
                let repeated = next_content_line(&lines, idx + 1)
                    .filter(|&n| lines[n].1.trim() == rest)
                    .map(|n| n + 1);
                if let Some(after) = repeated {
                    headline = Some(rest.to_string());
                    i = Some(after);
                } else if looks_like_headline(rest) {
                    headline = Some(rest.to_string());
                } else {
                    body_start = Some(rest_offset);
                }
            }
        } else if let Some(ts) = date_line(line, &mut meta) {
            // A date line, then perhaps a headline line ("26-FEB-1987 …" / "BAHIA COCOA REVIEW").
            meta.published = ts;
            i = Some(idx + 1);
            if let Some(next) = next_content_line(&lines, idx + 1)
                && byline(lines[next].1.trim()).is_none()
                && looks_like_headline(lines[next].1.trim())
                && lines.get(next + 1).is_some_and(|l| l.1.trim().is_empty())
                && next_content_line(&lines, next + 1).is_some()
            {
                headline = Some(lines[next].1.trim().to_string());
                i = Some(next + 1);
            }
        } else if looks_like_headline(line)
            && let Some(next) = next_content_line(&lines, idx + 1)
            && let Some(ts) = date_line(lines[next].1.trim(), &mut meta)
        {
            // A headline, then a date line.
            headline = Some(line.to_string());
            meta.published = ts;
            i = Some(next + 1);
        } else if let Some((label, value)) = labelled_date(line) {
            meta.set_published(value, label);
            if meta.published.is_some() {
                i = Some(idx + 1);
            }
        } else if looks_like_headline(line)
            && let Some(next) = next_content_line(&lines, idx + 1)
            && let Some((label, value)) = labelled_date(lines[next].1.trim())
        {
            // A headline, then "Published: …" (and perhaps "Updated: …").
            meta.set_published(value, label);
            if meta.published.is_some() {
                headline = Some(line.to_string());
                let mut after = next + 1;
                while after < lines.len()
                    && key_value(lines[after].1.trim())
                        .is_some_and(|(k, _)| header_key(k).is_some())
                {
                    after += 1;
                }
                i = Some(after);
            }
        }
    }

    if body_start.is_none() {
        // A byline ("By Fatima Hasanova") before the body.
        let mut cursor = i.unwrap_or(0);
        if let Some(idx) = next_content_line(&lines, cursor)
            && let Some(name) = byline(lines[idx].1.trim())
        {
            meta.byline = Some(name.to_string());
            cursor = idx + 1;
        }
        // A "Published: …" line right after the headline or byline.
        if meta.published.is_none()
            && let Some(idx) = next_content_line(&lines, cursor)
            && let Some((label, value)) = labelled_date(lines[idx].1.trim())
        {
            meta.set_published(value, label);
            if meta.published.is_some() {
                cursor = idx + 1;
            }
        }
        body_start = next_content_line(&lines, cursor).map(|idx| {
            let (offset, raw) = lines[idx];
            offset + (raw.len() - raw.trim_start().len())
        });
    }
    let body_start = body_start.unwrap_or(text.len());
    let body = &text[body_start..];

    // Quoted mail headers in the body ("Date: Thu, 01 Apr 1993 20:52:11 -0500").
    if meta.published.is_none() {
        for line in body.lines().take(80) {
            if let Some((key, value)) = key_value(line.trim())
                && header_key(key) == Some("date")
            {
                meta.set_published(value, "text");
                if meta.published.is_some() {
                    break;
                }
            }
        }
    }

    let first_paragraph = body.lines().next().unwrap_or("");
    let mut lead_text = first_paragraph;
    if let Some((place, rest)) = dateline(first_paragraph) {
        meta.dateline = Some(place);
        lead_text = rest;
    }
    if meta.source.is_none() {
        meta.source = source_outlet(body);
    }
    meta.language = guess_language(body);
    match headline {
        Some(h) => meta.title = h,
        None => {
            meta.title = derive_title(lead_text);
            meta.title_derived = true;
        }
    }
    Parsed { meta, body_start }
}

/// A line that is only a date: `Some(Some(ts))`; an impossible one: `Some(None)` with a warning.
fn date_line(line: &str, meta: &mut Metadata) -> Option<Option<Timestamp>> {
    match read_date_line(line) {
        DateReading::Date { timestamp, order } => {
            meta.check_weekday(line, &timestamp, "date line");
            meta.date_order = order;
            Some(Some(timestamp))
        }
        DateReading::Impossible => {
            meta.warnings
                .push(format!("impossible date {line:?} in the header"));
            Some(None)
        }
        DateReading::NotADate => None,
    }
}

/// `Published: 28 Feb 2017`, `Posted on 28 February 2017`, `Updated 17:10, 28 February, 2017`.
fn labelled_date(line: &str) -> Option<(&'static str, &str)> {
    let lower = line.to_ascii_lowercase();
    for (label, name) in [
        ("published on", "published line"),
        ("published", "published line"),
        ("posted on", "posted line"),
        ("posted", "posted line"),
        ("date", "date line"),
    ] {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest_start = line.len() - rest.len();
            let value = line[rest_start..].trim_start_matches([':', ' ']);
            if rest.starts_with([':', ' ']) && !value.is_empty() {
                return Some((name, value));
            }
        }
    }
    None
}

fn next_content_line(lines: &[(usize, &str)], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&n| !lines[n].1.trim().is_empty())
}

/// The date of a crawler's first line (`Err` with the text when it is no real date).
type CrawlerDate<'a> = Result<chrono::NaiveDate, &'a str>;

/// `date 2022-12-07 rest…` → the date, the rest, and the rest's byte offset within `line`.
fn seed_date_prefix(line: &str) -> Option<(CrawlerDate<'_>, &str, usize)> {
    let after = line.strip_prefix("date ")?;
    let iso = after.get(..10)?;
    let shape_ok = iso.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shape_ok {
        return None;
    }
    let number = |digits: &str| digits.parse::<u32>().ok();
    let date = match (number(&iso[..4]), number(&iso[5..7]), number(&iso[8..])) {
        (Some(y), Some(m), Some(d)) => i32::try_from(y)
            .ok()
            .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    }
    .ok_or(iso);
    let rest_raw = &after[10..];
    let rest = rest_raw.trim_start();
    let offset = line.len() - rest.len();
    Some((date, rest.trim_end(), offset))
}

/// `Details added: first version posted on February 28, 20:05` → `February 28, 20:05`.
fn first_posted_phrase(text: &str) -> Option<&str> {
    // ASCII lower case keeps every byte where it was, so offsets into it are offsets into text.
    let lower = text.to_ascii_lowercase();
    for marker in [
        "first version posted on",
        "first posted on",
        "first published on",
    ] {
        if let Some(pos) = lower.find(marker) {
            return text.get(pos + marker.len()..).map(str::trim);
        }
    }
    None
}

fn looks_like_headline(line: &str) -> bool {
    let chars = line.chars().count();
    chars > 0
        && chars <= MAX_HEADLINE_CHARS
        && !line.ends_with('.')
        && line
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase() || has_no_capitals_in_use(c))
}

/// Georgian letters count as lower case (their capitals, Mtavruli, exist for all-caps titles),
/// but Georgian writes headlines and sentences alike with them.
fn has_no_capitals_in_use(c: char) -> bool {
    matches!(c, '\u{10D0}'..='\u{10FF}')
}

/// `By Fatima Hasanova` → `Fatima Hasanova`.
fn byline(line: &str) -> Option<&str> {
    let name = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))?
        .trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let plausible = (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || ["and", "de", "van", "von", "al", "el"].contains(w)
        });
    plausible.then_some(name)
}

/// `BAKU, Azerbaijan, February 28. Minister …` → (`BAKU, Azerbaijan`, `Minister …`).
fn dateline(paragraph: &str) -> Option<(String, &str)> {
    let head_len = paragraph
        .char_indices()
        .take(120)
        .find(|&(i, c)| (c == '.' && paragraph[i + 1..].starts_with(' ')) || c == '—')
        .map(|(i, _)| i)?;
    let head = &paragraph[..head_len];
    let mut pieces = head.split(',').map(str::trim);
    let place = pieces.next()?;
    let is_caps_place = place.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && place
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '\'' || c == '.');
    if !is_caps_place {
        return None;
    }
    let mut name = place.to_string();
    for piece in pieces {
        if super::timestamp::month_number(piece.split_whitespace().next().unwrap_or("")).is_some() {
            break;
        }
        let capitalised = piece
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if piece.is_empty() || !capitalised {
            return None;
        }
        name.push_str(", ");
        name.push_str(piece);
    }
    let rest = paragraph[head_len..]
        .trim_start_matches(['.', '—', '-'])
        .trim_start();
    Some((name, rest))
}

/// The outlet named as the reporter: "…, Azernews reports", "… told Trend.", "News.Az reported".
fn source_outlet(body: &str) -> Option<String> {
    // Outlets are named in the first paragraphs.
    let window_end = floor_boundary(body, 1500);
    let window = &body[..window_end];
    let outlet_word = |w: &str| -> Option<String> {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let w = w.trim_end_matches('.');
        let ok = w.len() >= 2
            && w.chars().next().is_some_and(char::is_uppercase)
            && ![
                "He", "She", "It", "They", "The", "This", "Media", "Ministry",
            ]
            .contains(&w);
        ok.then(|| w.to_string())
    };
    let mut best: Option<(usize, String)> = None;
    static REPORT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" report"));
    static TOLD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" told "));
    for pos in REPORT.find_iter(window.as_bytes()) {
        let rest = &window.as_bytes()[pos + 7..];
        if !(rest.starts_with(b"s") || rest.starts_with(b"ed")) {
            continue;
        }
        {
            let before = window[..pos].trim_end();
            // Outlets are named after a comma: "…in Karabakh, Azernews reports."
            let word_start = before.rfind(' ').map_or(0, |i| i + 1);
            let preceded_by_comma = before[..word_start].trim_end().ends_with(',');
            if preceded_by_comma
                && let Some(name) = outlet_word(&before[word_start..])
                && best.as_ref().is_none_or(|(p, _)| pos < *p)
            {
                best = Some((pos, name));
            }
        }
    }
    for pos in TOLD.find_iter(window.as_bytes()) {
        let after = &window[pos + 6..];
        let word = after.split_whitespace().next().unwrap_or("");
        if (word.ends_with('.') || word.ends_with(','))
            && let Some(name) = outlet_word(word)
            && best.as_ref().is_none_or(|(p, _)| pos < *p)
        {
            best = Some((pos, name));
        }
    }
    best.map(|(_, name)| name)
}

/// The first sentence of the lead, cut at a word boundary when it is long, with a trailing
/// attribution ("…, Azernews reports.") left out.
fn derive_title(lead: &str) -> String {
    let lead = lead.trim();
    let sentence_end = lead
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && lead[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(lead.len(), |(i, _)| i);
    let mut sentence = &lead[..sentence_end];
    if let Some(comma) = sentence.rfind(", ") {
        let tail = &sentence[comma + 2..];
        let words = tail.split_whitespace().count();
        if words <= 5 && (tail.contains(" reports") || tail.contains(" reported")) {
            sentence = &sentence[..comma];
        }
    }
    if sentence.chars().count() <= DERIVED_TITLE_CHARS {
        return sentence.to_string();
    }
    let cut = sentence
        .char_indices()
        .nth(DERIVED_TITLE_CHARS)
        .map_or(sentence.len(), |(i, _)| i);
    let at_word = sentence[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", sentence[..at_word].trim_end_matches([',', ';', ':']))
}

/// `max` or less, on a character boundary of `text`.
fn floor_boundary(text: &str, max: usize) -> usize {
    let mut i = max.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A guess from the letters: Armenian, Cyrillic (Russian), Azerbaijani Latin, or English.
pub fn guess_language(text: &str) -> &'static str {
    let (mut armenian, mut cyrillic, mut azeri, mut latin) = (0usize, 0usize, 0usize, 0usize);
    // A couple of thousand bytes tell the script; ASCII letters are counted without decoding.
    let sample = &text[..floor_boundary(text, 2000)];
    if sample.is_ascii() {
        return "en";
    }
    for c in sample.chars() {
        match c {
            '\u{0530}'..='\u{058F}' => armenian += 1,
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            'ə' | 'Ə' | 'ğ' | 'Ğ' | 'ı' | 'ş' | 'Ş' => azeri += 1,
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if armenian > cyrillic && armenian > latin {
        "hy"
    } else if cyrillic > latin {
        "ru"
    } else if azeri * 50 > latin && azeri > 0 {
        "az"
    } else {
        "en"
    }
}

/// Languages by the names exports give them (English or their own) and by ISO 639-1 code.
const LANGUAGES: [(&[&str], &str); 14] = [
    (
        &["english", "englisch", "anglais", "inglés", "ingles"],
        "en",
    ),
    (&["russian", "русский", "russisch", "russe", "ruso"], "ru"),
    (
        &["azerbaijani", "azeri", "azərbaycan", "azərbaycanca"],
        "az",
    ),
    (&["armenian", "հայերեն"], "hy"),
    (&["georgian", "ქართული"], "ka"),
    (&["ukrainian", "українська"], "uk"),
    (&["turkish", "türkçe", "turkce"], "tr"),
    (&["german", "deutsch", "allemand", "alemán"], "de"),
    (
        &["french", "français", "francais", "französisch", "francés"],
        "fr",
    ),
    (
        &["spanish", "español", "espanol", "spanisch", "espagnol"],
        "es",
    ),
    (&["arabic"], "ar"),
    (&["persian", "farsi"], "fa"),
    (&["italian", "italiano"], "it"),
    (&["chinese"], "zh"),
];

/// A language code in the cache: read back as one of the codes Dateline knows (English for
/// anything else, which only a foreign cache could hold).
mod language_serde {
    pub fn serialize<S: serde::Serializer>(code: &&'static str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(code)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        let code: String = serde::Deserialize::deserialize(d)?;
        Ok(super::language_code(&code).unwrap_or("en"))
    }
}

/// The ISO 639-1 code of a language as a file names it ("ENGLISH", "Русский", "de").
pub fn language_code(name: &str) -> Option<&'static str> {
    // A code as Dateline writes it, without a lowercased copy.
    if let Some((_, code)) = LANGUAGES.iter().find(|(_, code)| *code == name) {
        return Some(*code);
    }
    let lower = name.trim().to_lowercase();
    LANGUAGES.iter().find_map(|(names, code)| {
        (names.contains(&lower.as_str()) || *code == lower).then_some(*code)
    })
}
