//! The file formats a collection may hold, one reader a format: each turns a file's bytes into
//! its articles, with the fields the file itself gives.
//!
//! Every reader has the one signature [`Reader`], and [`REGISTRY`] is the one table of formats:
//! the extensions that name each and its reader. [`Format::of`] and the list of the extensions
//! read ([`extensions_read`]) both come from it, so a new format is a file here, a [`Format`]
//! and a row in the table. A reader takes the bytes, not text, so that a format which is not
//! text (Word, PDF, RTF) can read them as they are; a text format decodes them with
//! [`decode_owned`], which makes valid UTF-8 the text without a copy. What the collection does
//! with the [`Piece`]s (the header lines, the article's identity) is not a format's concern.

mod csv;
mod docx;
mod encoding;
mod export_fields;
mod factiva;
mod front_matter;
mod html;
mod http;
mod jsonl;
mod main_text;
mod mhtml;
mod mime;
mod nexis;
mod page_date;
mod pdf;
mod plain;
mod rows;
mod rtf;
mod wacz;
mod warc;

use std::path::Path;

pub use encoding::{Decoded, decode, decode_owned};
pub use main_text::main_text;

/// The articles of a news-database export's text (Nexis, then Factiva), whatever file it came
/// in (text, RTF, PDF); `None` when the text is no export.
fn split_export(text: &str) -> Option<Vec<Part>> {
    nexis::split(text).or_else(|| factiva::split(text))
}

/// Whether a file of this format holds web pages whose whole text can be shown: a saved page
/// (`.html`, `.mhtml`) or a web archive's pages (`.warc`, `.wacz`).
pub fn has_whole_pages(format: Format) -> bool {
    matches!(
        format,
        Format::Html | Format::Mhtml | Format::Warc | Format::Wacz
    )
}

/// The whole text of a web page — menus, banners and footers too — for when the article read
/// from it (`main_text`) is not what the page holds: the file's one page, or in an archive the
/// page of the part `part` names (its URL).
pub fn whole_page(path: &Path, bytes: Vec<u8>, part: Option<&str>) -> Result<String, String> {
    let entry = entry_of(path)
        .filter(|e| has_whole_pages(e.format))
        .ok_or("the whole page can be shown for a web page or a web archive's pages only")?;
    let options = ReadOptions {
        headers: true,
        whole_page: true,
    };
    let reading = (entry.read)(bytes, &options)?;
    let wanted = |p: &Part| match (&p.id, part) {
        (None, None) => true,
        (Some(id), Some(part)) => id.to_string() == part,
        _ => false,
    };
    let found = reading
        .parts
        .into_iter()
        .find(wanted)
        .ok_or("the page is no longer in the file")?;
    found.piece.map(|p| p.text)
}
pub use pdf::is_pdf_library_code;

/// How a file is read, from its extension (compared case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
    Csv,
    Docx,
    /// A web archive: one article per captured page.
    Warc,
    /// A web archive packed as a zip, its WARCs inside.
    Wacz,
    /// A page saved whole in one file (MIME `multipart/related`).
    Mhtml,
    Pdf,
    Rtf,
}

/// A format's reader: a file's bytes to its articles (taken, so that they can become the text
/// without a copy), or why the file holds none.
pub type Reader = fn(Vec<u8>, &ReadOptions) -> Result<Reading, String>;

/// One row of the [`REGISTRY`].
pub struct Entry {
    pub format: Format,
    /// Lower case, without the point; the first is the one named to people. An extension may
    /// be double (`warc.gz`): it is matched against the end of the file name.
    pub extensions: &'static [&'static str],
    pub read: Reader,
    /// The largest file read, in bytes; `None` for no limit (and no size asked of the file).
    pub max_bytes: Option<u64>,
}

impl Entry {
    const fn new(format: Format, extensions: &'static [&'static str], read: Reader) -> Entry {
        Entry {
            format,
            extensions,
            read,
            max_bytes: None,
        }
    }

    /// A format whose files may be too large to hold in memory.
    const fn at_most(self, bytes: u64) -> Entry {
        Entry {
            max_bytes: Some(bytes),
            ..self
        }
    }
}

/// The largest web archive read: the reader is handed the whole file.
pub const MAX_ARCHIVE_BYTES: u64 = 4 << 30;

/// Every format read, with its extensions and its reader: one line a format.
pub static REGISTRY: [Entry; 11] = [
    Entry::new(Format::Text, &["txt", "text"], plain::read),
    Entry::new(Format::Markdown, &["md", "markdown"], front_matter::read),
    Entry::new(Format::Html, &["html", "htm", "xhtml"], html::read),
    Entry::new(Format::Jsonl, &["jsonl", "ndjson"], jsonl::read),
    Entry::new(Format::Csv, &["csv"], csv::read),
    Entry::new(Format::Docx, &["docx"], docx::read),
    Entry::new(Format::Warc, &["warc", "warc.gz"], warc::read).at_most(MAX_ARCHIVE_BYTES),
    Entry::new(Format::Wacz, &["wacz"], wacz::read).at_most(MAX_ARCHIVE_BYTES),
    Entry::new(Format::Mhtml, &["mhtml", "mht"], mhtml::read).at_most(MAX_ARCHIVE_BYTES),
    Entry::new(Format::Pdf, &["pdf"], pdf::read),
    Entry::new(Format::Rtf, &["rtf"], rtf::read),
];

/// Files without an extension are read as plain text: mail and news archives often have none.
const WITHOUT_EXTENSION: Format = Format::Text;

/// The registry's row for `path`; `None` for a file that is not an article (an image, a spreadsheet…).
pub fn entry_of(path: &Path) -> Option<&'static Entry> {
    if path.extension().is_none() {
        return REGISTRY.iter().find(|e| e.format == WITHOUT_EXTENSION);
    }
    // The name's end, not `Path::extension`, so that `.warc.gz` is told from a plain `.gz`.
    // Compared as bytes, so that a name that is not UTF-8 still has its extension.
    let name = path.file_name()?.as_encoded_bytes();
    let names = |x: &str| {
        let x = x.as_bytes();
        name.len() > x.len() + 1
            && name[name.len() - x.len() - 1] == b'.'
            && name[name.len() - x.len()..].eq_ignore_ascii_case(x)
    };
    REGISTRY
        .iter()
        .find(|e| e.extensions.iter().any(|x| names(x)))
}

impl Format {
    /// `None` for a file that is not an article (an image, a spreadsheet…). Files without an extension
    /// are read as plain text.
    pub fn of(path: &Path) -> Option<Format> {
        entry_of(path).map(|e| e.format)
    }
}

/// The extensions read, for people: ".txt, .md, .html, .jsonl, .csv, .docx, .warc, .wacz, .mhtml,
/// .pdf or .rtf".
pub fn extensions_read() -> String {
    let names: Vec<String> = REGISTRY
        .iter()
        .filter_map(|e| e.extensions.first())
        .map(|x| format!(".{x}"))
        .collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// What the reader of a file's format may be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// Whether the header lines of plain text are wanted (searching needs only the text).
    pub headers: bool,
    /// A web page's whole text, menus and footers too, instead of its article.
    pub whole_page: bool,
}

/// What a reader made of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// About the whole file, for each of its articles: an encoding guessed, say.
    pub warnings: Vec<String>,
    pub parts: Vec<Part>,
}

impl Reading {
    /// A file that is one article.
    pub fn whole(warning: Option<String>, piece: Piece) -> Reading {
        Reading {
            warnings: warning.into_iter().collect(),
            parts: vec![Part {
                id: None,
                piece: Ok(piece),
            }],
        }
    }
}

/// One article of a file, or why that part of the file is none.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// What follows the `#` of a `file#…` identity when the file holds several articles; `None`
    /// for a file that is one article.
    pub id: Option<PartId>,
    pub piece: Result<Piece, String>,
}

impl Part {
    /// The part's number, for a part known by its place.
    pub fn number(&self) -> Option<usize> {
        match self.id {
            Some(PartId::Number(n)) => Some(n),
            _ => None,
        }
    }
}

/// How one of several articles of a file is told from the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartId {
    /// Its place: a row's line, an export's article number (`news.csv#12`).
    Number(usize),
    /// Its name: a web archive's page URL (`crawl.warc.gz#https://example.org/news/1`), so
    /// that an annotation stays with its page when the archive is captured again.
    Key(String),
}

impl std::fmt::Display for PartId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartId::Number(n) => write!(f, "{n}"),
            PartId::Key(key) => f.write_str(key),
        }
    }
}

/// An article as its format gives it, before its header is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The text, line ends `\n`.
    pub text: String,
    /// Byte offset in `text` after what the format took for itself (front matter, the page's
    /// headline); the header, if any, starts here.
    pub start: usize,
    pub header: Header,
    /// What the file said of the article; these beat what the header lines say.
    pub fields: Fields,
}

/// What is still to be read from a piece's text at its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// Header lines may come first (headline, date, byline); the body starts after them.
    Lines,
    /// All body (a row's text): read for what it says of the article, but nothing of it is cut
    /// off as a header.
    Body,
    /// Nothing: the header was not asked for.
    Skip,
}

/// Article fields given by the file itself (front matter, HTML meta tags, JSON or CSV columns).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// The place the article was filed from ("MOSCOW"), where the file names it.
    pub dateline: Option<String>,
    /// The language the file names ("ENGLISH", "English", "en").
    pub language: Option<String>,
    /// Other fields a news-database export gives (section, length, load date, copyright,
    /// document number…), labelled for people, in the file's order.
    pub extra: Vec<(String, String)>,
    /// A date to take when neither these fields nor the header lines give one (a web
    /// archive's capture time): the date and what it is, for people ("the capture time").
    pub fallback_date: Option<(String, String)>,
    /// What was odd about this article alone (a page of an archive that was not valid in its
    /// charset), for the user to see.
    pub warnings: Vec<String>,
}

/// Labelled fields as pairs of strings, to compare with a table.
pub fn labelled(extra: &[(String, String)]) -> Vec<(&str, &str)> {
    extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

impl Fields {
    /// Keeps a labelled field of an export (an empty value is nothing).
    pub fn add_extra(&mut self, label: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.extra.push((label.to_string(), value.to_string()));
        }
    }

    /// Takes a value under one of the usual names (case-insensitively); true if it was one.
    fn set(&mut self, key: &str, value: &str) -> bool {
        self.set_from(key, value, None)
    }

    /// Takes a value as `set` does and, when it fills the field, notes where it came from as
    /// the extra "Title from", "Author from"…, for the reader to show.
    fn set_from(&mut self, key: &str, value: &str, origin: Option<&str>) -> bool {
        let value = value.trim();
        if value.is_empty() {
            return false;
        }
        let Some((label, slot)) = self.slot(key) else {
            return false;
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
            if let Some(origin) = origin {
                self.note_origin(label, origin);
            }
        }
        true
    }

    /// Says where a field's value came from ("Title" from "the headline, <h1>"), in place of
    /// what was said before.
    pub fn note_origin(&mut self, label: &str, origin: &str) {
        let key = format!("{label} from");
        self.extra.retain(|(k, _)| *k != key);
        self.add_extra(&key, origin);
    }

    /// The field a key names, and its label for people.
    fn slot(&mut self, key: &str) -> Option<(&'static str, &mut Option<String>)> {
        Some(match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" | "og:title" | "subject" => ("Title", &mut self.title),
            "date"
            | "published"
            | "published_at"
            | "publishedat"
            | "pubdate"
            | "datetime"
            | "article:published_time"
            | "publish_date"
            | "date_published"
            | "created_at" => ("Date", &mut self.date),
            "source" | "outlet" | "publisher" | "og:site_name" | "site_name" => {
                ("Outlet", &mut self.source)
            }
            "author" | "byline" | "creator" | "article:author" | "by" => {
                ("Author", &mut self.author)
            }
            "url" | "link" | "og:url" | "canonical" => ("URL", &mut self.url),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        use std::path::Path;
        let cases = [
            ("a.txt", Some(Format::Text)),
            ("A.TXT", Some(Format::Text)),
            ("53120", Some(Format::Text)),
            ("b.Md", Some(Format::Markdown)),
            ("c.HTM", Some(Format::Html)),
            ("d.jsonl", Some(Format::Jsonl)),
            ("e.CSV", Some(Format::Csv)),
            ("h.DOCX", Some(Format::Docx)),
            ("i.doc", None),
            ("f.PDF", Some(Format::Pdf)),
            ("letter.RTF", Some(Format::Rtf)),
            ("g.png", None),
            ("crawl.warc", Some(Format::Warc)),
            ("crawl.WARC.GZ", Some(Format::Warc)),
            ("crawl.warc.gz.part", None),
            ("notes.gz", None),
            ("notes.tar.gz", None),
            ("warc.gz", None),
            ("site.wacz", Some(Format::Wacz)),
            ("page.mhtml", Some(Format::Mhtml)),
            ("page.MHT", Some(Format::Mhtml)),
        ];
        for (name, want) in cases {
            assert_eq!(Format::of(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn the_registry_names_each_extension_once() {
        let mut all: Vec<&str> = REGISTRY
            .iter()
            .flat_map(|e| e.extensions.to_vec())
            .collect();
        assert!(all.iter().all(|x| *x == x.to_ascii_lowercase()));
        all.sort_unstable();
        let count = all.len();
        all.dedup();
        assert_eq!(all.len(), count, "an extension in two rows");
        assert_eq!(
            extensions_read(),
            ".txt, .md, .html, .jsonl, .csv, .docx, .warc, .wacz, .mhtml, .pdf or .rtf"
        );
        assert_eq!(
            Format::of(Path::new("x.")),
            None,
            "an empty extension is none"
        );
    }
}
