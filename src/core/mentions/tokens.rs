//! The text cut into tokens (words, numbers, symbols), and what the tokens at a place can be
//! read as: a word, a number, a month name, a day, a year.

use super::Finder;
use super::lexicon::{
    DAY_HYPHEN_SUFFIXES, DAY_SUFFIXES, LOWER_CASE_MONTHS, SHORT_FULL_MONTHS, SPELLED_CENTURIES,
    SPELLED_ORDINAL_DAYS, SPELLED_TENS, SPELLED_UNITS, TRIGGERS, WEEKEND_WORDS,
    YEAR_HYPHEN_SUFFIXES, YEAR_WORDS, weekday_of,
};

/// What a token is: a word (letters, and the acute accent Russian texts put on a stressed
/// vowel), a run of ASCII digits, or any other character but white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tk {
    Word,
    Num,
    Sym,
}

/// A token and its byte span in the text, with what the search asks of every word: its lower
/// case, its month and its lexicon classes, found as the text is cut.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    pub(super) kind: Tk,
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where a word with a capital or a letter beyond ASCII lies lower-cased in the string of
    /// such words [`tokenize`] writes; `None` for a token that is its own lower case.
    low: Option<(u32, u32)>,
    /// The month a word names ("Dec", "декабря", "dekabrda"), or 0.
    pub(super) month: u8,
    /// The word's [`super::lexicon::class`] bits; 0 for a number or a symbol.
    pub(super) class: u16,
}

impl<'a> Tok<'a> {
    /// The token lower-cased: a number or a symbol is its own lower case. `lowered` is what
    /// [`tokenize`] wrote beside the tokens.
    pub(super) fn low(&self, lowered: &'a str) -> &'a str {
        self.low
            .and_then(|(a, b)| lowered.get(a as usize..b as usize))
            .unwrap_or(self.text)
    }
}

/// [`ASCII_LETTERS`]: a lower-case ASCII letter.
const LOWER: u8 = 1;
/// [`ASCII_LETTERS`]: an upper-case ASCII letter (or, in a word, a letter beyond ASCII).
const UPPER: u8 = 2;

/// Each byte's case if it is an ASCII letter, else 0: one look-up for each letter of a text.
static ASCII_LETTERS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The tokens of `text`, in order; white space only separates them. ASCII, most of what news
/// is written in, is read byte by byte; any other character is decoded. Every word with a
/// capital or a letter beyond ASCII is written lower-cased into `lowered`, once.
pub(super) fn tokenize<'a>(text: &'a str, lowered: &mut String) -> Vec<Tok<'a>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let classes = super::lexicon::word_classes();
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        let (kind, mut end) = match b {
            b'a'..=b'z' | b'A'..=b'Z' => (Tk::Word, start + 1),
            b'0'..=b'9' => (Tk::Num, start + 1),
            // ASCII white space, as `char::is_whitespace` has it
            b' ' | b'\t'..=b'\r' => {
                start += 1;
                continue;
            }
            0..=0x7f => {
                out.push(Tok::other(text, Tk::Sym, start, start + 1));
                start += 1;
                continue;
            }
            _ => {
                let c = char_at(start);
                let end = start + c.len_utf8();
                if c.is_alphabetic() {
                    (Tk::Word, end)
                } else {
                    if !c.is_whitespace() {
                        out.push(Tok::other(text, Tk::Sym, start, end));
                    }
                    start = end;
                    continue;
                }
            }
        };
        if kind == Tk::Num {
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            out.push(Tok::other(text, Tk::Num, start, end));
            start = end;
            continue;
        }
        // A word in plain lower-case ASCII is its own lower case.
        // A first letter beyond ASCII is counted as a capital: the word is lower-cased.
        let mut letters = if b.is_ascii() {
            ASCII_LETTERS[usize::from(b)]
        } else {
            UPPER
        };
        let mut ascii = b.is_ascii();
        while let Some(&b) = bytes.get(end) {
            let letter = ASCII_LETTERS[usize::from(b)];
            if letter != 0 {
                letters |= letter;
                end += 1;
                continue;
            }
            if b.is_ascii() {
                break;
            }
            let d = char_at(end);
            if !(d.is_alphabetic() || d == '\u{0301}') {
                break;
            }
            letters |= UPPER;
            ascii = false;
            end += d.len_utf8();
        }
        let plain = letters == LOWER;
        let word = &text[start..end];
        let low = if plain {
            None
        } else {
            let from = lowered.len();
            if ascii {
                lowered.push_str(word);
                lowered[from..].make_ascii_lowercase();
            } else {
                // as `super::lower_case` does, into the one string
                lowered.extend(crate::core::timestamp::lower_dotted(word));
            }
            let to = lowered.len();
            u32::try_from(from).ok().zip(u32::try_from(to).ok())
        };
        let mut tok = Tok {
            kind: Tk::Word,
            text: word,
            start,
            end,
            low,
            month: 0,
            class: 0,
        };
        let w = tok.low(lowered);
        if super::lexicon::may_be_month(w) {
            tok.month = crate::core::timestamp::month_number(word)
                .and_then(|m| u8::try_from(m).ok())
                .unwrap_or(0);
        }
        tok.class = classes.of(w);
        out.push(tok);
        start = end;
    }
    out
}

impl<'a> Tok<'a> {
    /// A number or a symbol: its own lower case, no month, no class.
    fn other(text: &'a str, kind: Tk, start: usize, end: usize) -> Self {
        Tok {
            kind,
            text: &text[start..end],
            start,
            end,
            low: None,
            month: 0,
            class: 0,
        }
    }
}

/// `a == b`, told apart by length and first byte before the bytes are compared: most words
/// asked about are not the phrase's.
#[inline]
pub(super) fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

impl<'a> Finder<'a> {
    pub(super) fn word(&self, i: usize) -> Option<&'a str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Tk::Word)
            .map(|t| t.text)
    }

    /// Whether token `i` is a word written with a capital first ("Charles", "Year").
    pub(super) fn capitalised(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    }

    /// Whether token `i` is a capitalised word that makes the phrase before it a name ("Christmas
    /// Island", "the May Fourth Movement"): not "I", a month, a weekday or a weekend word.
    pub(super) fn names_after(&self, i: usize) -> bool {
        self.capitalised(i)
            && self.word(i) != Some("I")
            && self.toks.get(i).is_some_and(|t| t.month == 0)
            && !self
                .lower(i)
                .is_some_and(|w| weekday_of(w).is_some() || WEEKEND_WORDS.contains(&w))
    }

    /// Whether token `i` is an apostrophe, straight or curly.
    pub(super) fn apostrophe(&self, i: usize) -> bool {
        self.sym(i, "'") || self.sym(i, "’")
    }

    pub(super) fn lower(&self, i: usize) -> Option<&'a str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Tk::Word)
            .map(|t| t.low(self.lowered))
    }

    /// The token at `i` lower-cased, whatever its kind.
    pub(super) fn low(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.low(self.lowered))
    }

    pub(super) fn sym(&self, i: usize, c: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Tk::Sym && t.text == c)
    }

    /// Tokens i and i+1 touch (no space between).
    pub(super) fn adjacent(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Tk::Num)?;
        Some((t.text.parse().ok()?, t.text.len()))
    }

    /// A month name at `i` (English months need a capital; Russian and Azerbaijani any case).
    pub(super) fn month(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i)?;
        let m = u32::from(self.toks.get(i)?.month);
        if m == 0 {
            return None;
        }
        let ascii = w.is_ascii();
        if ascii && w.chars().next().is_some_and(char::is_lowercase) {
            // "may", "march" as words; Azerbaijani months are lower-case ("dekabr"), and have no
            // English twin but "mart"/"may": accept those only before a number.
            if !LOWER_CASE_MONTHS.iter().any(|a| w.starts_with(a)) {
                return None;
            }
        }
        // "Dec." — an abbreviation's point belongs to it (a full name's is the sentence's).
        let abbreviated = w.len() <= 4 && !SHORT_FULL_MONTHS.contains(&w);
        let next = if abbreviated && self.sym(i + 1, ".") && self.adjacent(i) {
            i + 2
        } else {
            i + 1
        };
        Some((m, next))
    }

    /// A day number with an optional ordinal suffix: `5`, `5th`, `30th`.
    pub(super) fn day(&self, i: usize) -> Option<(u32, usize)> {
        let (d, len) = self.num(i)?;
        if len > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut next = i + 1;
        if self.adjacent(i)
            && let Some(w) = self.lower(i + 1)
            && DAY_SUFFIXES.contains(&w)
        {
            next += 1;
        }
        // "5-ci", "3-го": a suffix after a hyphen.
        if self.sym(next, "-")
            && self.adjacent(next - 1)
            && self.adjacent(next)
            && let Some(w) = self.lower(next + 1)
            && DAY_HYPHEN_SUFFIXES.contains(&w)
        {
            next += 2;
        }
        Some((d, next))
    }

    /// A day spelled as an ordinal, read after its month: "March eighth", "May twenty-first".
    /// Not before a hyphen, a word in lower case or a name ("March first-quarter", "October
    /// first lady", "the May Fourth Movement").
    pub(super) fn spelled_day(&self, i: usize) -> Option<(u32, usize)> {
        let ordinal = |k: usize| {
            let w = self.lower(k)?;
            SPELLED_ORDINAL_DAYS
                .iter()
                .find(|(o, _)| *o == w)
                .map(|(_, d)| *d)
        };
        let (d, next) = match self.spelled_tens(i).filter(|(t, _)| *t <= 30) {
            Some((t, unit_at)) => {
                let d = ordinal(unit_at).filter(|u| *u < 10).map(|u| t as u32 + u)?;
                (d, unit_at + 1)
            }
            None => (ordinal(i)?, i + 1),
        };
        let follows_badly = self.sym(next, "-")
            || self.names_after(next)
            || self
                .word(next)
                .is_some_and(|w| w.starts_with(char::is_lowercase));
        (d <= 31 && !follows_badly).then_some((d, next))
    }

    /// A four-digit year, with what may follow it ("года", "-ci il", "г.").
    pub(super) fn year(&self, i: usize) -> Option<(i32, usize)> {
        let Some((y, len)) = self.num(i) else {
            return self.spelled_year(i);
        };
        if len != 4 || !(1000..=2999).contains(&y) {
            return None;
        }
        let mut next = i + 1;
        if self.sym(next, "-")
            && self.adjacent(i)
            && let Some(w) = self.lower(next + 1)
            && YEAR_HYPHEN_SUFFIXES.contains(&w)
        {
            next += 2;
            if self.lower(next).is_some_and(|w| w.starts_with("il")) {
                next += 1;
            }
        } else if let Some(w) = self.lower(next)
            && YEAR_WORDS.contains(&w)
        {
            next += 1;
            if w == "г" && self.sym(next, ".") {
                next += 1;
            }
        }
        Some((y as i32, next))
    }

    /// A year in words: "nineteen ninety-six", "nineteen hundred", and "two thousand" (or "two
    /// thousand and one") after "year", a month or a word that leads to a date ("in", "by"…).
    fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        let w = self.lower(i)?;
        if let Some(&(_, century)) = SPELLED_CENTURIES.iter().find(|(c, _)| *c == w) {
            if self.lower(i + 1) == Some("hundred") {
                return Some((century, i + 2));
            }
            let (n, next) = self.spelled_below_hundred(i + 1)?;
            return (n >= 10).then_some((century + n, next));
        }
        let led = i.checked_sub(1).is_some_and(|p| {
            self.month(p).is_some()
                || self
                    .lower(p)
                    .is_some_and(|w| w == "year" || TRIGGERS.contains(&w))
        });
        if w != "two" || self.lower(i + 1) != Some("thousand") || !led {
            return None;
        }
        let at = if self.lower(i + 2) == Some("and") {
            i + 3
        } else {
            i + 2
        };
        Some(
            self.spelled_below_hundred(at)
                .map_or((2000, i + 2), |(n, next)| (2000 + n, next)),
        )
    }

    /// A number under a hundred in words: "six", "nineteen", "ninety", "ninety-six".
    pub(super) fn spelled_below_hundred(&self, i: usize) -> Option<(i32, usize)> {
        let w = self.lower(i)?;
        if let Some((tens, unit_at)) = self.spelled_tens(i) {
            return Some(
                self.lower(unit_at)
                    .and_then(|u| SPELLED_UNITS[..9].iter().position(|x| *x == u))
                    .map_or((tens, i + 1), |k| (tens + k as i32 + 1, unit_at + 1)),
            );
        }
        SPELLED_UNITS
            .iter()
            .position(|x| *x == w)
            .map(|k| (k as i32 + 1, i + 1))
    }

    /// A tens word at `i` ("twenty", "thirty"), and where a unit after it would stand: after a
    /// hyphen joined to it ("twenty-first"), else the next token.
    fn spelled_tens(&self, i: usize) -> Option<(i32, usize)> {
        let w = self.lower(i)?;
        let &(_, tens) = SPELLED_TENS.iter().find(|(t, _)| *t == w)?;
        let unit_at = if self.sym(i + 1, "-") && self.adjacent(i) {
            i + 2
        } else {
            i + 1
        };
        Some((tens, unit_at))
    }

    /// Whether the token at `i` has any of `bits` of [`super::lexicon::class`].
    pub(super) fn has_class(&self, i: usize, bits: u16) -> bool {
        self.toks.get(i).is_some_and(|t| t.class & bits != 0)
    }

    /// Whether the tokens from `i` are `phrase`, word for word (any case) and sign for sign; a
    /// table's straight apostrophe matches a curly one too ("New Year’s Day").
    pub(super) fn is_phrase(&self, i: usize, phrase: &[&str]) -> bool {
        phrase.iter().enumerate().all(|(k, p)| {
            self.low(i + k)
                .is_some_and(|w| same_word(w, p) || (*p == "'" && w == "’"))
        })
    }

    /// Where `phrase` starts when it ends right before token `at`, starting at byte `floor` or
    /// later (after the draft before): "the week of" before a day, "early" before a year.
    pub(super) fn phrase_before(&self, at: usize, floor: usize, phrase: &[&str]) -> Option<usize> {
        let from = at.checked_sub(phrase.len())?;
        (self.toks.get(from)?.start >= floor && self.is_phrase(from, phrase)).then_some(from)
    }

    /// The latest value found before this point that is a date (not "now"): what "the quarter"
    /// or "a year earlier" refer back to.
    pub(super) fn anchor(&self) -> Option<super::value::Value> {
        self.drafts
            .iter()
            .rev()
            .filter(|d| !d.refers_back)
            .filter_map(|d| d.value)
            .find(|v| v.first_day().is_some())
    }

    pub(super) fn start_of(&self, i: usize) -> usize {
        self.toks[i].start
    }

    pub(super) fn end_before(&self, next: usize) -> usize {
        self.toks[next - 1].end
    }
}
