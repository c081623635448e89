//! RTF documents: the text of the body, paragraphs apart, through the document's code pages —
//! and a Factiva export in RTF split into its articles.
//!
//! The reader is a small tokenizer of its own: the `rtf-parser` crate reads `\'hh` as Latin-1
//! whatever `\ansicpg` says, drops `\uN` with its fallback, and panics on a lone surrogate.

use encoding_rs::{Encoding, WINDOWS_1252};

use super::{Fields, Header, Piece, ReadOptions, Reading};

/// Reads an RTF file: a Factiva export is its articles; any other document is one article whose
/// first lines are still to be read as its header.
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Reading, String> {
    let document = to_text(&bytes)?;
    let warnings: Vec<String> = document
        .damaged
        .then(|| {
            "damaged RTF (truncated or with unbalanced braces): what could be read is kept".into()
        })
        .into_iter()
        .collect();
    if document.text.trim().is_empty() {
        return Err("no readable text in the RTF document".into());
    }
    if let Some(parts) = super::split_export(&document.text) {
        return Ok(Reading { warnings, parts });
    }
    let piece = Piece {
        text: document.text,
        start: 0,
        header: if options.headers {
            Header::Lines
        } else {
            Header::Skip
        },
        fields: Fields::default(),
    };
    Ok(Reading {
        warnings,
        parts: vec![super::Part {
            id: None,
            piece: Ok(piece),
        }],
    })
}

/// An RTF document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct RtfText {
    /// Paragraphs separated by a blank line; a `\line` is a line end inside one.
    pub text: String,
    /// The braces did not balance: the file is truncated or was written wrong.
    pub damaged: bool,
}

/// Destinations whose text is never the document's: tables, metadata, pictures, fields' codes.
const SKIPPED: &[&[u8]] = &[
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"info",
    b"pict",
    b"object",
    b"objdata",
    b"fldinst",
    b"header",
    b"headerl",
    b"headerr",
    b"headerf",
    b"footer",
    b"footerl",
    b"footerr",
    b"footerf",
    b"listtable",
    b"listoverridetable",
    b"revtbl",
    b"rsidtbl",
    b"filetbl",
    b"themedata",
    b"colorschememapping",
    b"datastore",
    b"latentstyles",
    b"xmlnstbl",
    b"generator",
    b"userprops",
    b"nonshppict",
    b"shpinst",
    b"annotation",
    b"atnid",
    b"atnauthor",
    b"bkmkstart",
    b"bkmkend",
];

/// What a group inherits from the group around it.
#[derive(Debug, Clone, Copy)]
struct State {
    /// Nothing in the group is text (a table, a picture, an unknown `\*` destination).
    skip: bool,
    /// The font table, where `\fN\fcharsetN` name each font's code page.
    font_table: bool,
    /// How many fallback characters follow a `\uN`.
    uc: usize,
    /// The code page of the current font, if it names one.
    encoding: Option<&'static Encoding>,
    /// Hidden text (`\v`).
    hidden: bool,
}

/// The text being built: bytes of the code page wait until the next character that is not one,
/// so that a double-byte code page is decoded whole.
struct Out {
    text: String,
    paragraph: String,
    pending: Vec<u8>,
    pending_encoding: &'static Encoding,
    high_surrogate: Option<u16>,
}

impl Out {
    fn flush_bytes(&mut self) {
        if !self.pending.is_empty() {
            let (decoded, _) = self
                .pending_encoding
                .decode_without_bom_handling(&self.pending);
            self.paragraph.push_str(&decoded);
            self.pending.clear();
        }
    }

    fn byte(&mut self, b: u8, encoding: &'static Encoding) {
        if self.high_surrogate.take().is_some() {
            self.paragraph.push(char::REPLACEMENT_CHARACTER);
        }
        if b.is_ascii() && self.pending.is_empty() {
            self.paragraph.push(char::from(b));
            return;
        }
        if encoding != self.pending_encoding {
            self.flush_bytes();
            self.pending_encoding = encoding;
        }
        self.pending.push(b);
    }

    fn push(&mut self, s: &str) {
        self.flush_bytes();
        if self.high_surrogate.take().is_some() {
            self.paragraph.push(char::REPLACEMENT_CHARACTER);
        }
        self.paragraph.push_str(s);
    }

    fn unicode(&mut self, unit: u16) {
        self.flush_bytes();
        if let Some(high) = self.high_surrogate.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                self.paragraph
                    .push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                return;
            }
            self.paragraph.push(char::REPLACEMENT_CHARACTER);
        }
        match unit {
            0xD800..0xDC00 => self.high_surrogate = Some(unit),
            _ => self
                .paragraph
                .push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
    }

    fn end_paragraph(&mut self) {
        self.flush_bytes();
        if self.high_surrogate.take().is_some() {
            self.paragraph.push(char::REPLACEMENT_CHARACTER);
        }
        // Control characters (a `\u0`, bytes of a damaged file) are no text; a tab is.
        if self
            .paragraph
            .bytes()
            .any(|b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7F || b == 0xC2)
        {
            self.paragraph = self
                .paragraph
                .chars()
                .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
                .collect();
        }
        let mut lines = self
            .paragraph
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty());
        if let Some(first) = lines.next() {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            self.text.push_str(first);
            for line in lines {
                self.text.push('\n');
                self.text.push_str(line);
            }
        }
        self.paragraph.clear();
    }
}

/// The text of an RTF document, or "not an RTF document" when it does not start with `{\rtf`.
/// A truncated or unbalanced document gives what text it has, marked damaged.
pub fn to_text(bytes: &[u8]) -> Result<RtfText, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    if !bytes.starts_with(b"{\\rtf") {
        return Err("not an RTF document".into());
    }
    Ok(Tokenizer::new(bytes).run())
}

/// Reads a document from its bytes, one token at a time; groups are a stack of [`State`]s, not
/// calls, so that no nesting can exhaust the stack.
struct Tokenizer<'a> {
    bytes: &'a [u8],
    i: usize,
    state: State,
    stack: Vec<State>,
    out: Out,
    document_encoding: &'static Encoding,
    /// Font number → its code page, from the font table.
    fonts: Vec<(i32, &'static Encoding)>,
    default_font: Option<i32>,
    /// The font the font table is describing.
    font_defined: Option<i32>,
    damaged: bool,
    /// Fallback characters still to skip after a `\uN`.
    fallback: usize,
    /// The group just opened: its first control word may be a destination.
    group_start: bool,
    /// `{\*` was read: the next control word names a destination to skip if unknown.
    starred: bool,
}

impl<'a> Tokenizer<'a> {
    fn new(bytes: &'a [u8]) -> Tokenizer<'a> {
        Tokenizer {
            bytes,
            i: 0,
            state: State {
                skip: false,
                font_table: false,
                uc: 1,
                encoding: None,
                hidden: false,
            },
            stack: Vec::new(),
            out: Out {
                text: String::new(),
                paragraph: String::new(),
                pending: Vec::new(),
                pending_encoding: WINDOWS_1252,
                high_surrogate: None,
            },
            document_encoding: WINDOWS_1252,
            fonts: Vec::new(),
            default_font: None,
            font_defined: None,
            damaged: false,
            fallback: 0,
            group_start: false,
            starred: false,
        }
    }

    fn run(mut self) -> RtfText {
        while let Some(&b) = self.bytes.get(self.i) {
            match b {
                b'{' => {
                    self.stack.push(self.state);
                    self.fallback = 0;
                    self.group_start = true;
                    self.starred = false;
                    self.i += 1;
                }
                b'}' => {
                    if self.close_group() {
                        break;
                    }
                }
                b'\r' | b'\n' => self.i += 1,
                b'\\' => match self.bytes.get(self.i + 1) {
                    Some(next) if next.is_ascii_alphabetic() => self.control_word(),
                    Some(&next) => self.control_symbol(next),
                    None => break,
                },
                _ => self.text_run(),
            }
        }
        if !self.stack.is_empty() {
            self.damaged = true;
        }
        self.out.end_paragraph();
        RtfText {
            text: self.out.text,
            damaged: self.damaged,
        }
    }

    fn text_wanted(&self) -> bool {
        !self.state.skip && !self.state.hidden
    }

    fn encoding(&self) -> &'static Encoding {
        self.state.encoding.unwrap_or(self.document_encoding)
    }

    /// A `}`; true when it closes the document and nothing but white space follows.
    fn close_group(&mut self) -> bool {
        match self.stack.pop() {
            Some(outer) => self.state = outer,
            // A brace too many: what follows is still read as the document's.
            None => self.damaged = true,
        }
        self.fallback = 0;
        self.group_start = false;
        self.starred = false;
        self.i += 1;
        if !self.stack.is_empty() {
            return false;
        }
        let rest = &self.bytes[self.i..];
        if rest.iter().any(|b| !b.is_ascii_whitespace() && *b != 0) {
            self.damaged = true;
            return false;
        }
        true
    }

    /// Text up to the next brace, control or line end, taken at once.
    fn text_run(&mut self) {
        self.group_start = false;
        if self.fallback > 0 {
            self.fallback -= 1;
            self.i += 1;
            return;
        }
        let start = self.i;
        let end = self.bytes[start..]
            .iter()
            .position(|b| matches!(b, b'{' | b'}' | b'\\' | b'\r' | b'\n'))
            .map_or(self.bytes.len(), |n| start + n);
        self.i = end;
        if !self.text_wanted() {
            return;
        }
        let run = &self.bytes[start..end];
        match std::str::from_utf8(run) {
            Ok(ascii) if run.is_ascii() => self.out.push(ascii),
            _ => {
                let encoding = self.encoding();
                for &b in run {
                    self.out.byte(b, encoding);
                }
            }
        }
    }

    /// A backslash and a character that is not a letter: `\'hh`, `\*`, `\{`, `\~`…
    fn control_symbol(&mut self, symbol: u8) {
        self.i += 2;
        let was_group_start = std::mem::take(&mut self.group_start);
        match symbol {
            b'*' => {
                self.starred = was_group_start;
                self.group_start = was_group_start;
            }
            b'\'' => {
                let value = self
                    .bytes
                    .get(self.i..self.i + 2)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if value.is_some() {
                    self.i += 2;
                }
                if self.fallback > 0 {
                    self.fallback -= 1;
                } else if let (Some(v), true) = (value, self.text_wanted()) {
                    self.out.byte(v, self.encoding());
                }
            }
            _ if self.fallback > 0 => self.fallback -= 1,
            _ if !self.text_wanted() => {}
            b'\\' => self.out.push("\\"),
            b'{' => self.out.push("{"),
            b'}' => self.out.push("}"),
            b'~' => self.out.push(" "),
            b'_' => self.out.push("-"),
            b'\n' | b'\r' => self.out.end_paragraph(),
            // `\-` an optional hyphen, `\|` and `\:` index marks: nothing to show.
            _ => {}
        }
    }

    /// A control word (`\par`, `\u1241`, `\ansicpg1251`), its parameter and the space that may
    /// end it.
    fn control_word(&mut self) {
        let bytes = self.bytes;
        let word_start = self.i + 1;
        let mut j = word_start;
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() && j - word_start < 32 {
            j += 1;
        }
        let word = &bytes[word_start..j];
        let number_start = j;
        if bytes.get(j) == Some(&b'-') {
            j += 1;
        }
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        let param: Option<i32> = std::str::from_utf8(&bytes[number_start..j])
            .ok()
            .and_then(|n| n.parse().ok());
        if bytes.get(j) == Some(&b' ') {
            j += 1;
        }
        self.i = j;
        let was_group_start = std::mem::take(&mut self.group_start);
        let was_starred = std::mem::take(&mut self.starred);
        if was_group_start && word == b"fonttbl" {
            self.state.font_table = true;
        }
        if (was_group_start && SKIPPED.contains(&word)) || was_starred {
            // A destination that is not text; an unknown `\*` one is skipped whole too.
            self.state.skip = true;
            return;
        }
        if word == b"bin" {
            // Binary data: its length is the parameter, and none of it is text.
            let length = param.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
            self.i = self.i.saturating_add(length);
            return;
        }
        if self.fallback > 0 {
            if word == b"u" {
                // A writer that promised a fallback and gave none: the next character is here.
                self.fallback = 0;
            } else {
                self.fallback -= 1;
                return;
            }
        }
        self.apply(word, param);
    }

    fn apply(&mut self, word: &[u8], param: Option<i32>) {
        let state = &mut self.state;
        let out = &mut self.out;
        match word {
            b"ansicpg" => {
                if let Some(e) = param.and_then(code_page) {
                    self.document_encoding = e;
                }
            }
            b"mac" => self.document_encoding = encoding_rs::MACINTOSH,
            b"deff" => self.default_font = param,
            b"f" if state.font_table => self.font_defined = param,
            b"fcharset" | b"cpg" if state.font_table => {
                let encoding = if word == b"cpg" {
                    param.and_then(code_page)
                } else {
                    param.and_then(charset_code_page)
                };
                if let (Some(font), Some(e)) = (self.font_defined, encoding) {
                    self.fonts.push((font, e));
                }
            }
            b"f" => state.encoding = font_encoding(&self.fonts, param),
            b"plain" => state.encoding = font_encoding(&self.fonts, self.default_font),
            b"uc" => state.uc = param.and_then(|n| usize::try_from(n).ok()).unwrap_or(1),
            b"v" => state.hidden = param != Some(0),
            b"u" => {
                if let Some(n) = param {
                    if !state.skip && !state.hidden {
                        // Negative values are the upper half of the 16-bit range.
                        out.unicode(n.rem_euclid(0x1_0000) as u16);
                    }
                    self.fallback = state.uc;
                }
            }
            _ if state.skip || state.hidden => {}
            b"par" | b"sect" | b"page" | b"row" => out.end_paragraph(),
            b"line" => out.push("\n"),
            b"tab" | b"cell" => out.push("\t"),
            b"emdash" => out.push("\u{2014}"),
            b"endash" => out.push("\u{2013}"),
            b"bullet" => out.push("\u{2022}"),
            b"lquote" => out.push("\u{2018}"),
            b"rquote" => out.push("\u{2019}"),
            b"ldblquote" => out.push("\u{201C}"),
            b"rdblquote" => out.push("\u{201D}"),
            b"emspace" | b"enspace" | b"qmspace" => out.push(" "),
            _ => {}
        }
    }
}

/// The code page of a font, the last the font table gave it.
fn font_encoding(
    fonts: &[(i32, &'static Encoding)],
    font: Option<i32>,
) -> Option<&'static Encoding> {
    let font = font?;
    fonts
        .iter()
        .rev()
        .find(|(f, _)| *f == font)
        .map(|(_, e)| *e)
}

/// A Windows code page number (`\ansicpg1251`, `\cpg866`) as an encoding.
fn code_page(number: i32) -> Option<&'static Encoding> {
    let label = match number {
        874 | 1250..=1258 => format!("windows-{number}"),
        866 => "ibm866".into(),
        932 => "shift_jis".into(),
        936 => "gbk".into(),
        949 => "euc-kr".into(),
        950 => "big5".into(),
        10000 => "macintosh".into(),
        20866 => "koi8-r".into(),
        21866 => "koi8-u".into(),
        28591..=28606 => format!("iso-8859-{}", number - 28590),
        65001 => "utf-8".into(),
        // 437, 850 and the like: encoding_rs has none; the document's code page stays.
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

/// A font's character set (`\fcharset204`) as an encoding.
fn charset_code_page(charset: i32) -> Option<&'static Encoding> {
    code_page(match charset {
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        // 0 (ANSI: writers put it on fonts of any `\ansicpg`), 1 (default), 2 (symbol) and
        // the rest: the document's code page.
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RTF, and the text and whether it is damaged, or the error.
    type Case<'a> = (&'a [u8], Result<(&'a str, bool), &'a str>);

    #[test]
    fn rtf_to_text() {
        // \u1241 is Cyrillic ә (U+04D9), \u601 Latin ə (U+0259).
        let cases: &[Case] = &[
            (br"{\rtf1\ansi Hello {\b world}.\par Second.\par}", Ok(("Hello world.\n\nSecond.", false))),
            (
                br"{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2, \'ec\'e8\'f0\par}",
                Ok(("Привет, мир", false)),
            ),
            (br"{\rtf1\ansi\ansicpg1252 caf\'e9 \'93ok\'94\par}", Ok(("café “ok”", false))),
            (br"{\rtf1\ansi \u1241?x \uc2\u1241\'3f\'3fy\uc0\u601 z\par}", Ok(("\u{4D9}x \u{4D9}y\u{259}z", false))),
            (
                br"{\rtf1{\fonttbl{\f0\fswiss Arial;}{\f1\fcharset204 Times;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}{\info{\title T}{\author A}}{\*\generator Word;}{\*\unknown x}{\pict\pngblip 89504e47}\f1 \'c4\'e0 \f0 caf\'e9\par}",
                Ok(("Да café", false)),
            ),
            (br"{\rtf1 a\tab b\line c\par\par\pard d\~e\emdash f\par}", Ok(("a\tb\nc\n\nd e—f", false))),
            (br"{\rtf1 {\field{\*\fldinst HYPERLINK x}{\fldrslt link}} \{x\}\\\par}", Ok(("link {x}\\", false))),
            (br"{\rtf1 line one\
line two}", Ok(("line one\n\nline two", false))),
            (br"{\rtf1 bin\bin3 {}} end}", Ok(("bin end", false))),
            (br"{\rtf1 hidden{\v secret} shown}", Ok(("hidden shown", false))),
            (b"{\\rtf1 nul\0 \\u0 x\x01\\u7?y\x7f\\u133?z\tend}", Ok(("nul yz\tend", false))),
            (br"{\rtf1\uc1 \u1088\u1091\'3f!}", Ok(("\u{440}\u{443}!", false))),
            (br"{\rtf1\ansi Truncated {\b in the mid", Ok(("Truncated in the mid", true))),
            (br"{\rtf1 one}} two}", Ok(("one two", true))),
            (br"{\rtf1 \'zz\'4", Ok(("zz4", true))),
            (b"\xEF\xBB\xBF  {\\rtf1 bom}", Ok(("bom", false))),
            (b"{\\rtf1 trailing}\0\0\n", Ok(("trailing", false))),
            (br"\rtf1 no brace", Err("not an RTF document")),
            (b"Hello", Err("not an RTF document")),
            (b"", Err("empty file")),
            (b"\x89PNG\r\n\x1a\n\0\0", Err("not an RTF document")),
            (br"{\rtf", Ok(("", true))),
            (br"{\rtf1 \u99999999999999999 \ansicpg-5 \uc-3 \bin-9 x}", Ok(("x", false))),
        ];
        for (bytes, want) in cases {
            let got = to_text(bytes);
            let got = got
                .as_ref()
                .map(|t| (t.text.as_str(), t.damaged))
                .map_err(String::as_str);
            assert_eq!(got, *want, "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn surrogate_pairs_join_and_lone_ones_are_replaced() {
        // A character past U+FFFF is two \uN (negative past 32767); one alone is no character.
        let got = to_text(br"{\rtf1 \u-10179?\u-8704?\u55357?a\u56832?\par}").map(|d| d.text);
        let want: String = [0x1F600, 0xFFFD, u32::from('a'), 0xFFFD]
            .into_iter()
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(got, Ok(want));
    }

    #[test]
    fn plain_rtf_is_one_article_with_header_lines() -> Result<(), String> {
        let bytes =
            br"{\rtf1\ansi Talks resume\par 28 February 2017\par The talks resumed.\par}".to_vec();
        let reading = read(
            bytes,
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        )?;
        assert!(reading.warnings.is_empty());
        let [part] = reading.parts.as_slice() else {
            return Err("not one part".into());
        };
        let piece = part.piece.as_ref()?;
        assert_eq!(part.id, None);
        assert_eq!(
            piece.text,
            "Talks resume\n\n28 February 2017\n\nThe talks resumed."
        );
        assert_eq!((piece.start, piece.header), (0, Header::Lines));
        let empty = read(
            br"{\rtf1 {\fonttbl{\f0 Arial;}}}".to_vec(),
            &ReadOptions {
                headers: true,
                ..ReadOptions::default()
            },
        );
        assert_eq!(
            empty.err().as_deref(),
            Some("no readable text in the RTF document")
        );
        Ok(())
    }

    #[test]
    fn bad_input_never_panics() {
        // Every prefix of a whole export (a file cut anywhere), and bytes at random after
        // `{\rtf`: some text or a damaged mark, never a panic.
        let whole = include_bytes!("../../../tests/fixtures/exports/factiva/factiva_fields.rtf");
        for end in 0..whole.len() {
            if let Ok(doc) = to_text(&whole[..end]) {
                let _ = crate::core::formats::split_export(&doc.text);
            }
        }
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let alphabet = b"{}\\'uc0123456789abcdef-*? \nparlinebin";
        for _ in 0..2000 {
            let mut bytes = b"{\\rtf1".to_vec();
            for _ in 0..64 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let pick = (seed % 300) as usize;
                bytes.push(alphabet.get(pick).copied().unwrap_or(pick as u8));
            }
            let _ = read(
                bytes,
                &ReadOptions {
                    headers: true,
                    ..ReadOptions::default()
                },
            );
        }
        // Nesting deeper than any stack of calls would take.
        let deep = [b"{\\rtf1 ".as_slice(), &[b'{'; 100_000], b"deep"].concat();
        assert_eq!(
            to_text(&deep).map(|d| (d.text, d.damaged)),
            Ok(("deep".into(), true))
        );
    }
}
