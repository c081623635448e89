//! WACZ web archives: a zip of WARC files (`archive/`) and a list of the pages captured
//! (`pages/pages.jsonl`), read as one archive — a page is known by its URL.

use std::collections::HashSet;
use std::io::{self, Read};

use super::warc::{self, Pages, page_key};
use super::{MAX_ARCHIVE_BYTES, PartId, ReadOptions, Reading};

/// The page lists a WACZ may hold: the pages a crawl was asked for, and those it found.
const PAGE_LISTS: [&str; 2] = ["pages/pages.jsonl", "pages/extraPages.jsonl"];
/// The largest page list read (a list of URLs; more is not one).
const MAX_LIST_BYTES: u64 = 256 << 20;

/// Reads a `.wacz` file: the pages of every WARC inside it.
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    if bytes.len() as u64 > MAX_ARCHIVE_BYTES {
        return Err("too large to read: over 4 GiB".into());
    }
    let mut zip = zip::ZipArchive::new(io::Cursor::new(&bytes[..]))
        .map_err(|e| format!("not a WACZ web archive: not a zip file ({e})"))?;
    let mut pages = Pages::new(page_list(&mut zip), options);
    let warcs: Vec<(usize, String)> = (0..zip.len())
        .filter_map(|i| {
            let name = zip.name_for_index(i)?.ok()?.into_owned();
            let lower = name.to_ascii_lowercase();
            (lower.starts_with("archive/")
                && (lower.ends_with(".warc.gz") || lower.ends_with(".warc")))
            .then_some((i, name))
        })
        .collect();
    if warcs.is_empty() {
        return Err("not a WACZ web archive: no WARC files in its archive/ folder".into());
    }
    for (i, name) in warcs {
        let read = match zip.by_index(i) {
            Ok(file) => warc::read_into(io::BufReader::with_capacity(64 * 1024, file), &mut pages),
            Err(e) => Err(format!("cannot be read from the zip: {e}")),
        };
        if let Err(reason) = read {
            pages.problem(PartId::Key(name), reason);
        }
    }
    pages.finish()
}

/// The URLs the WACZ lists as its pages; `None` when it lists none (every HTML page is read).
fn page_list<R: Read + io::Seek>(zip: &mut zip::ZipArchive<R>) -> Option<HashSet<String>> {
    let mut urls = HashSet::new();
    for list in PAGE_LISTS {
        let Ok(file) = zip.by_name(list) else {
            continue;
        };
        let mut text = String::new();
        // A list that cannot be read whole is not trusted to choose the pages.
        if file.take(MAX_LIST_BYTES).read_to_string(&mut text).is_err() {
            return None;
        }
        // The first line is the list's own header (`{"format": "json-pages-1.0", …}`), which
        // has no `url`.
        for line in text.lines() {
            if let Ok(serde_json::Value::Object(page)) = serde_json::from_str(line)
                && let Some(serde_json::Value::String(url)) = page.get("url")
            {
                urls.insert(page_key(url).to_string());
            }
        }
    }
    (!urls.is_empty()).then_some(urls)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            for (name, bytes) in files {
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored);
                let _ = zip.start_file(*name, options);
                let _ = zip.write_all(bytes);
            }
            let _ = zip.finish();
        }
        out.into_inner()
    }

    fn warc_page(uri: &str, title: &str) -> Vec<u8> {
        let block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><h1>{title}</h1><p>Text.</p></body></html>"
        );
        format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-01T10:00:00Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
        .into_bytes()
    }

    fn keys(reading: &Reading) -> Vec<String> {
        reading
            .parts
            .iter()
            .map(|p| p.id.as_ref().map(|i| i.to_string()).unwrap_or_default())
            .collect()
    }

    #[test]
    fn the_warcs_inside_and_the_page_list() -> Result<(), String> {
        let mut warc = warc_page("https://x.test/a", "A");
        warc.extend(warc_page("https://x.test/frame", "Frame"));
        let list = b"{\"format\": \"json-pages-1.0\", \"id\": \"pages\"}\n{\"url\": \"https://x.test/a\", \"ts\": \"2024-03-01T10:00:00Z\"}\n";
        let options = ReadOptions {
            headers: true,
            ..ReadOptions::default()
        };
        let listed = zip_of(&[("pages/pages.jsonl", list), ("archive/data.warc", &warc)]);
        let reading = read(listed, &options)?;
        assert_eq!(keys(&reading), ["https://x.test/a"]);
        assert_eq!(
            reading.warnings,
            ["1 web page not in the archive's page list skipped"]
        );
        // The page list names the URL a crawl was given; the page was captured where it led.
        let mut moved = b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/a\r\nContent-Length: 50\r\n\r\nHTTP/1.1 301 Moved\r\nLocation: https://x.test/a\r\n\r\n\r\n\r\n".to_vec();
        moved.extend(&warc);
        let list = b"{\"url\": \"http://x.test/a\"}\n";
        let redirected = zip_of(&[("pages/pages.jsonl", list), ("archive/data.warc", &moved)]);
        let reading = read(redirected, &options)?;
        assert_eq!(keys(&reading), ["https://x.test/a"]);
        // A list that names none of the pages read is not followed.
        let list = b"{\"url\": \"https://elsewhere.test/\"}\n";
        let wrong = zip_of(&[("pages/pages.jsonl", list), ("archive/data.warc", &warc)]);
        let reading = read(wrong, &options)?;
        assert_eq!(keys(&reading), ["https://x.test/a", "https://x.test/frame"]);
        assert_eq!(
            reading.warnings,
            ["the archive's page list names none of its pages: every page is read"]
        );
        let unlisted = zip_of(&[
            ("archive/data.warc", &warc),
            ("archive/broken.warc", b"not a warc"),
        ]);
        let reading = read(unlisted, &options)?;
        assert_eq!(
            keys(&reading),
            [
                "https://x.test/a",
                "https://x.test/frame",
                "archive/broken.warc"
            ]
        );
        let cases: [(&[u8], &str); 3] = [
            (b"PK\x03\x04 cut", "not a WACZ web archive: not a zip file"),
            (b"plain text", "not a WACZ web archive: not a zip file"),
            (
                &zip_of(&[("index.html", b"<p>")]),
                "not a WACZ web archive: no WARC files",
            ),
        ];
        for (bytes, want) in cases {
            let got = read(bytes.to_vec(), &options).err().unwrap_or_default();
            assert!(got.starts_with(want), "{got}");
        }
        Ok(())
    }
}
