//! Decoding a file's bytes in any common encoding: a byte order mark, an HTML `<meta charset>`,
//! valid UTF-8, or the likeliest guess; binary files refused and line ends made `\n`.

use encoding_rs::Encoding;

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name, e.g. `UTF-8`, `windows-1251`.
    pub encoding: &'static str,
    /// Set when the encoding was guessed or some bytes could not be decoded.
    pub warning: Option<String>,
}

/// Decodes a file: a BOM (UTF-8, UTF-16) decides; else an HTML `<meta charset>`; else UTF-8 if it
/// is valid; else the encoding a detector finds likeliest, with a warning. Line ends become `\n`.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    decode_owned(bytes.to_vec(), html)
}

/// [`decode`], taking the bytes: valid UTF-8 (the common case) becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>, html: bool) -> Result<Decoded, String> {
    let has_bom = Encoding::for_bom(&bytes).is_some();
    let declared_other = html && meta_charset(&bytes).is_some_and(|e| e != encoding_rs::UTF_8);
    let plain_utf8 = !has_bom && !declared_other;
    if plain_utf8 && !bytes.is_empty() && !bytes[..bytes.len().min(8192)].contains(&0) {
        match String::from_utf8(bytes) {
            Ok(text) => return finish(text, "UTF-8", None),
            Err(e) => return decode_slice(e.as_bytes(), html),
        }
    }
    decode_slice(&bytes, html)
}

/// [`decode_owned`] for bytes whose encoding their container names (an HTTP or MIME
/// `charset`): that encoding beats a `<meta charset>`, as in a browser, though a byte order
/// mark still wins; a label that names no encoding is passed over.
pub fn decode_labelled(bytes: Vec<u8>, label: Option<&str>, html: bool) -> Result<Decoded, String> {
    let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) else {
        return decode_owned(bytes, html);
    };
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let bytes = if encoding == encoding_rs::UTF_8 && Encoding::for_bom(&bytes).is_none() {
        match String::from_utf8(bytes) {
            Ok(text) => return finish(text, "UTF-8", None),
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    let (text, used, had_errors) = encoding.decode(&bytes);
    finish(
        text.into_owned(),
        used.name(),
        had_errors.then(|| lossy(used.name())),
    )
}

fn decode_slice(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(
            text.into_owned(),
            encoding.name(),
            had_errors.then(|| lossy(encoding.name())),
        );
    }
    if looks_binary(bytes) {
        return Err("binary file, not text".into());
    }
    if html && let Some(encoding) = meta_charset(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return finish(
            text.into_owned(),
            encoding.name(),
            had_errors.then(|| lossy(encoding.name())),
        );
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string(), "UTF-8", None);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let warning = if had_errors {
        lossy(encoding.name())
    } else {
        format!("not UTF-8: decoded as {} (a guess)", encoding.name())
    };
    finish(text.into_owned(), encoding.name(), Some(warning))
}

fn lossy(name: &str) -> String {
    format!("some bytes are not valid {name} and were replaced")
}

fn finish(
    text: String,
    encoding: &'static str,
    warning: Option<String>,
) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("no text: the file holds only white space".into());
    }
    let text = if text.contains('\r') {
        normalise_line_ends(&text)
    } else {
        text
    };
    Ok(Decoded {
        text,
        encoding,
        warning,
    })
}

/// A NUL byte, or many control characters, in the first 8 KiB (text in UTF-16 has a BOM).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len().max(1)
}

/// `<meta charset="windows-1251">` or `content="text/html; charset=koi8-r"` in the first 2 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let pos = head.find("charset=")?;
    let rest = head[pos + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// `\r\n` and lone `\r` line ends as `\n`.
pub fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes, whether they are HTML, and the text, encoding and warning expected (or the error).
    type DecodeCase<'a> = (&'a [u8], bool, Result<(&'a str, &'a str, bool), &'a str>);

    #[test]
    fn a_named_encoding_beats_the_page_but_not_a_bom() -> Result<(), String> {
        let koi8 = b"<meta charset=\"utf-8\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>".to_vec();
        let cases: [(Vec<u8>, Option<&str>, &str, &str); 4] = [
            (koi8.clone(), Some("koi8-r"), "KOI8-R", "Привет"),
            (koi8, Some(" KOI8-R "), "KOI8-R", "Привет"),
            (b"\xEF\xBB\xBFda".to_vec(), Some("koi8-r"), "UTF-8", "da"),
            (
                b"plain".to_vec(),
                Some("no-such-encoding"),
                "UTF-8",
                "plain",
            ),
        ];
        for (bytes, label, encoding, has) in cases {
            let d = decode_labelled(bytes, label, true)?;
            assert_eq!(d.encoding, encoding, "{label:?}");
            assert!(d.text.contains(has), "{label:?}: {}", d.text);
        }
        let lossy = decode_labelled(b"caf\xe9".to_vec(), Some("utf-8"), true)?;
        assert_eq!(
            (lossy.text.as_str(), lossy.warning.is_some()),
            ("caf\u{fffd}", true)
        );
        Ok(())
    }

    #[test]
    fn encodings() {
        let cases: &[DecodeCase] = &[
            (b"plain", false, Ok(("plain", "UTF-8", false))),
            (b"\xEF\xBB\xBFbom", false, Ok(("bom", "UTF-8", false))),
            (b"\xFF\xFEh\0i\0", false, Ok(("hi", "UTF-16LE", false))),
            (b"\xFE\xFF\0h\0i", false, Ok(("hi", "UTF-16BE", false))),
            (b"a\r\nb\rc", false, Ok(("a\nb\nc", "UTF-8", false))),
            // "Привет, мир" in windows-1251, with enough text for the detector.
            (b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0! \xcc\xe8\xed\xe8\xf1\xf2\xf0 \xe8\xed\xee\xf1\xf2\xf0\xe0\xed\xed\xfb\xf5 \xe4\xe5\xeb \xd0\xee\xf1\xf1\xe8\xe8", false, Ok(("Привет, мир! Министр иностранных дел России", "windows-1251", true))),
            (b"<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>", true, Ok(("<meta charset=\"koi8-r\"><p>Привет</p>", "KOI8-R", false))),
            (b"caf\xe9 au lait, na\xefve r\xe9sum\xe9 of the d\xe9j\xe0 vu", false, Ok(("café au lait, naïve résumé of the déjà vu", "windows-1252", true))),
            (b"", false, Err("empty file")),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false, Err("binary file, not text")),
            (b" \n\t\n", false, Err("no text: the file holds only white space")),
        ];
        for (bytes, html, want) in cases {
            let got = decode(bytes, *html);
            match (got, want) {
                (Ok(d), Ok((text, enc, warned))) => {
                    assert_eq!(d.text, *text, "{bytes:?}");
                    assert_eq!(d.encoding, *enc, "{bytes:?}");
                    assert_eq!(d.warning.is_some(), *warned, "{bytes:?}: {:?}", d.warning);
                }
                (Err(e), Err(w)) => assert_eq!(e, *w),
                (got, want) => panic!("{bytes:?}: got {got:?}, want {want:?}"),
            }
        }
    }
}
