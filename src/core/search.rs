//! Search: case- and diacritic-insensitive (`xankəndi` finds `Xankendi`), phrases in quotes, name
//! variants from an aliases file; every term must occur in an article for it to match.

use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

use super::article_text::ArticleText;
use serde::{Deserialize, Serialize};

/// The aliases that ship with Dateline.
pub const BUILTIN_ALIASES: &str = include_str!("../../assets/aliases.ron");

/// A character as search compares it: lower case, diacritics dropped (ə→e, ı→i, ş→s, ё→е).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ё' => 'е',
        '’' | '‘' | 'ʼ' => '\'',
        other => other,
    }
}

pub fn fold_str(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Groups of name variants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Aliases {
    pub version: u32,
    pub groups: Vec<Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
#[error("aliases do not parse at line {line}, column {column}: {message}: {path}")]
pub struct AliasesError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Why a collection's aliases file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadAliasesError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Parse(#[from] AliasesError),
}

impl Aliases {
    /// The aliases in `path`; `None` when there is no such file (the presets apply).
    pub fn load(path: &Path) -> Result<Option<Self>, LoadAliasesError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(Self::parse(&text, path)?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(LoadAliasesError::Read {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    pub fn builtin() -> Self {
        Self::parse(BUILTIN_ALIASES, Path::new("assets/aliases.ron")).unwrap_or_default()
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, AliasesError> {
        ron::Options::default()
            .with_recursion_limit(16)
            .from_str(text)
            .map_err(|e| AliasesError {
                path: path.display().to_string(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .indentor("    ")
            .new_line("\n")
            .compact_arrays(true);
        let mut text = ron::ser::to_string_pretty(self, config).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Every variant of `term` (folded), the term itself included.
    pub fn variants(&self, folded_term: &str) -> Vec<String> {
        let mut out = vec![folded_term.to_string()];
        for group in &self.groups {
            let folded: Vec<String> = group.iter().map(|v| fold_str(v)).collect();
            if folded.iter().any(|v| v == folded_term) {
                for v in folded {
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
        out
    }
}

/// A parsed query: every term must occur; a term occurs when any of its variants does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub terms: Vec<Vec<String>>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Words and "quoted phrases", folded and expanded with their aliases.
pub fn parse_query(q: &str, aliases: &Aliases) -> Query {
    // Each piece folded, and whether it was quoted.
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut rest = q;
    while !rest.trim().is_empty() {
        rest = rest.trim_start();
        let (term, after, quoted) = if let Some(stripped) = rest.strip_prefix(['"', '“', '«']) {
            let end = stripped.find(['"', '”', '»']).unwrap_or(stripped.len());
            let after = stripped
                .get(end..)
                .map(|a| a.trim_start_matches(['"', '”', '»']))
                .unwrap_or("");
            (&stripped[..end], after, true)
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], &rest[end..], false)
        };
        let folded = fold_str(term)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !folded.is_empty() {
            pieces.push((folded, quoted));
        }
        rest = after;
    }
    // Words that together spell a name of several words ("qırmızı xaç") are that name.
    let names: std::collections::HashSet<String> = aliases
        .groups
        .iter()
        .flatten()
        .map(|v| fold_str(v).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| v.contains(' '))
        .collect();
    let mut terms = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut take = 1;
        if !pieces[i].1 {
            for n in (2..=pieces.len() - i).rev() {
                let span = &pieces[i..i + n];
                if span.iter().all(|(_, quoted)| !quoted) {
                    let joined = span
                        .iter()
                        .map(|(w, _)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if names.contains(&joined) {
                        take = n;
                        break;
                    }
                }
            }
        }
        let term = pieces[i..i + take]
            .iter()
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        terms.push(aliases.variants(&term));
        i += take;
    }
    Query { terms }
}

/// A query ready to run over many texts: one Aho-Corasick automaton for every variant of every
/// term, ASCII-case-insensitive, run over the text itself when it is ASCII and over its folded
/// form otherwise.
#[derive(Debug, Clone)]
pub struct Matcher {
    ac: AhoCorasick,
    /// The term each pattern belongs to.
    term_of: Vec<usize>,
    terms: Vec<Vec<String>>,
    /// Every variant with its term, longest first (to confirm what a prefilter found).
    variants: Vec<(String, usize)>,
    /// For ASCII texts and for folded ones.
    ascii_pre: Pre,
    folded_pre: Pre,
}

/// How a text is scanned for candidates.
#[derive(Debug, Clone)]
enum Pre {
    /// SIMD (Teddy) over the first bytes of every variant in every ASCII case, then confirmed
    /// ignoring case: ripgrep's way with `-i`.
    Packed(aho_corasick::packed::Searcher),
    /// No variant can occur.
    Nothing,
    /// The automaton alone (no SIMD here, or too many variants).
    Automaton,
}

impl Pre {
    fn new<'a>(variants: impl Iterator<Item = &'a str>) -> Pre {
        let mut prefixes: Vec<Vec<u8>> = Vec::new();
        for v in variants {
            let head = &v.as_bytes()[..v.len().min(3)];
            let mut forms = vec![Vec::new()];
            for &b in head {
                let cases = if b.is_ascii_alphabetic() {
                    vec![b.to_ascii_lowercase(), b.to_ascii_uppercase()]
                } else {
                    vec![b]
                };
                forms = forms
                    .iter()
                    .flat_map(|f| {
                        cases.iter().map(move |&c| {
                            let mut f = f.clone();
                            f.push(c);
                            f
                        })
                    })
                    .collect();
            }
            prefixes.extend(forms);
        }
        prefixes.sort();
        prefixes.dedup();
        if prefixes.is_empty() {
            return Pre::Nothing;
        }
        let mut builder = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder();
        builder.extend(&prefixes);
        builder.build().map_or(Pre::Automaton, Pre::Packed)
    }
}

thread_local! {
    static FOLD_BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Folds `text` into `out` (cleared first).
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    for c in text.chars() {
        out.push(fold_char(c));
    }
}

/// Maps byte offsets in `text` folded (see [`fold_into`]) back to offsets in `text` (`ranges` sorted by start).
fn map_back(text: &str, ranges: &mut [Range<usize>]) {
    let mut wanted: Vec<(usize, usize, bool)> = Vec::with_capacity(ranges.len() * 2);
    for (i, r) in ranges.iter().enumerate() {
        wanted.push((r.start, i, false));
        wanted.push((r.end, i, true));
    }
    wanted.sort_unstable();
    let mut w = wanted.iter().peekable();
    let mut folded = 0;
    let set = |pos: usize, i: usize, end: bool, ranges: &mut [Range<usize>]| {
        if end {
            ranges[i].end = pos;
        } else {
            ranges[i].start = pos;
        }
    };
    for (i, c) in text.char_indices() {
        while let Some(&&(p, r, end)) = w.peek() {
            if p > folded {
                break;
            }
            set(i, r, end, ranges);
            w.next();
        }
        folded += fold_char(c).len_utf8();
    }
    for &(_, r, end) in w {
        set(text.len(), r, end, ranges);
    }
}

impl Matcher {
    /// `None` for an empty query.
    pub fn new(query: &Query) -> Option<Self> {
        if query.is_empty() {
            return None;
        }
        let mut patterns = Vec::new();
        let mut term_of = Vec::new();
        for (t, variants) in query.terms.iter().enumerate() {
            for v in variants {
                patterns.push(v.as_str());
                term_of.push(t);
            }
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        let mut variants: Vec<(String, usize)> = query
            .terms
            .iter()
            .enumerate()
            .flat_map(|(t, vs)| vs.iter().map(move |v| (v.clone(), t)))
            .collect();
        variants.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
        let ascii_pre = Pre::new(patterns.iter().copied().filter(|v| v.is_ascii()));
        let folded_pre = Pre::new(patterns.iter().copied());
        Some(Self {
            ac,
            term_of,
            terms: query.terms.clone(),
            variants,
            ascii_pre,
            folded_pre,
        })
    }

    /// Every hit in `text` (byte ranges, sorted, not overlapping), or nothing when a term is
    /// missing.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        self.find_known(text, text.is_ascii())
    }

    /// [`Matcher::find`] in a text known to be all ASCII or not.
    pub fn find_known(&self, text: &str, ascii: bool) -> Vec<Range<usize>> {
        if ascii {
            self.find_folded(text, &self.ascii_pre)
        } else {
            FOLD_BUF.with(|buf| {
                let mut buf = buf.borrow_mut();
                fold_into(text, &mut buf);
                let mut hits = self.find_folded(&buf, &self.folded_pre);
                if buf.len() > 1 << 20 {
                    *buf = String::new(); // not keep a huge buffer for good
                }
                map_back(text, &mut hits);
                hits
            })
        }
    }

    /// Whether `text` matches at all.
    pub fn matches(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }

    fn find_folded(&self, hay: &str, pre: &Pre) -> Vec<Range<usize>> {
        let mut present = vec![false; self.terms.len()];
        let mut hits: Vec<Range<usize>> = Vec::new();
        match pre {
            Pre::Nothing => {}
            Pre::Packed(searcher) => {
                let bytes = hay.as_bytes();
                let mut pos = 0;
                while pos < bytes.len() {
                    let span = aho_corasick::Span::from(pos..bytes.len());
                    let Some(m) = searcher.find_in(bytes, span) else {
                        break;
                    };
                    let p = m.start();
                    let longest = self.variants.iter().find(|(v, _)| {
                        bytes.len() - p >= v.len()
                            && bytes[p..p + v.len()].eq_ignore_ascii_case(v.as_bytes())
                    });
                    match longest {
                        Some((v, t)) => {
                            present[*t] = true;
                            hits.push(p..p + v.len());
                            pos = p + v.len();
                        }
                        None => pos = p + 1,
                    }
                }
            }
            Pre::Automaton => {
                for m in self.ac.find_iter(hay) {
                    present[self.term_of[m.pattern().as_usize()]] = true;
                    hits.push(m.start()..m.end());
                }
            }
        }
        // A term hidden inside a longer hit of another term ("lav" in "lavrov"). The scan above
        // looked at every place outside its hits, so a missing term can only start inside one.
        if hits.is_empty() {
            return Vec::new();
        }
        let bytes = hay.as_bytes();
        for (t, variants) in self.terms.iter().enumerate() {
            if present[t] {
                continue;
            }
            let starts_at = |v: &[u8], p: usize| {
                bytes
                    .get(p..p + v.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(v))
            };
            let hidden = variants.iter().any(|v| {
                hits.iter()
                    .any(|h| h.clone().any(|p| starts_at(v.as_bytes(), p)))
            });
            if !hidden {
                return Vec::new(); // every term must occur
            }
        }
        hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        hits.dedup_by(|b, a| b.start < a.end);
        hits
    }
}

/// Every hit of `query` in `text` (byte ranges, sorted), or nothing when a term is missing.
pub fn find_in(text: &str, query: &Query) -> Vec<Range<usize>> {
    Matcher::new(query)
        .map(|m| m.find(text))
        .unwrap_or_default()
}

/// Runs `matcher` over `texts` on every core: the index and hits of each text that matches, in
/// order.
pub fn find_all<'a, T: Sync>(
    items: &'a [T],
    text_of: impl Fn(&'a T) -> &'a ArticleText + Sync,
    matcher: &Matcher,
) -> Vec<(usize, Vec<Range<usize>>)> {
    let threads = super::threads().min(8);
    let run = |from: usize, part: &'a [T]| {
        part.iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let text = text_of(item);
                let hits = matcher.find_known(text.as_str(), text.is_ascii());
                (!hits.is_empty()).then_some((from + i, hits))
            })
            .collect::<Vec<_>>()
    };
    if threads <= 1 || items.len() < 64 {
        return run(0, items);
    }
    super::in_parts(items, threads, run)
        .into_iter()
        .flat_map(|(_, hits)| hits.unwrap_or_default())
        .collect()
}

/// About `width` characters of `text` around `hit`, on one line.
pub fn snippet(text: &str, hit: &Range<usize>, width: usize) -> String {
    let mut s = String::new();
    snippet_into(text, hit, width, &mut s);
    s
}

/// The hit with up to `before` and `after` characters of its context, each on one line: for
/// showing the hit emphasised.
pub fn snippet_parts(
    text: &str,
    hit: &Range<usize>,
    before: usize,
    after: usize,
) -> (String, String, String) {
    let hit = hit.start.min(text.len())..hit.end.min(text.len());
    let (Some(head), Some(found), Some(tail)) = (
        text.get(..hit.start),
        text.get(hit.clone()),
        text.get(hit.end..),
    ) else {
        return (String::new(), String::new(), String::new());
    };
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let head_chars: Vec<char> = head.chars().rev().take(before + 1).collect();
    let mut pre: String = head_chars.iter().take(before).rev().collect();
    if head_chars.len() > before {
        pre.insert(0, '…');
    }
    let mut post: String = tail.chars().take(after).collect();
    if tail.chars().nth(after).is_some() {
        post.push('…');
    }
    let spaced = |s: &str, lead: bool, trail: bool| {
        let mut out = one_line(s);
        if lead && s.starts_with(char::is_whitespace) && !out.is_empty() {
            out.insert(0, ' ');
        }
        if trail && s.ends_with(char::is_whitespace) && !out.is_empty() {
            out.push(' ');
        }
        out
    };
    (
        spaced(&pre, false, true),
        one_line(found),
        spaced(&post, true, false),
    )
}

/// [`snippet`], appended to `out`: white space runs become one space.
pub fn snippet_into(text: &str, hit: &Range<usize>, width: usize, out: &mut String) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(hit.start.saturating_sub(width / 2));
    let end = floor((hit.end + width / 2).min(text.len()));
    if start > 0 {
        out.push('…');
    }
    let mut space = false;
    let mut any = false;
    for c in text[start..end].chars() {
        if c.is_whitespace() {
            space = any;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
            any = true;
        }
    }
    if end < text.len() {
        out.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str, q: &str) -> Vec<String> {
        let mut aliases = Aliases::builtin();
        aliases
            .groups
            .push(vec!["ICRC".into(), "Qırmızı Xaç".into()]);
        let query = parse_query(q, &aliases);
        find_in(text, &query)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn folding_and_diacritics() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("The road to Xankendi.", "xankəndi", &["Xankendi"]),
            ("Xankəndi şəhəri", "XANKENDI", &["Xankəndi"]),
            ("in Qızılbulaq deposit", "qizilbulaq", &["Qızılbulaq"]),
            ("Ağdam and AĞDAM", "agdam", &["Ağdam", "AĞDAM"]),
            ("Лавров сказал", "лавров", &["Лавров"]),
            ("Ёлка", "елка", &["Ёлка"]),
            ("Café", "cafe", &["Café"]),
            ("nothing here", "baku", &[]),
        ];
        for (text, q, want) in cases {
            assert_eq!(hits(text, q), *want, "{q:?} in {text:?}");
        }
    }

    #[test]
    fn aliases_phrases_and_all_terms() {
        let cases: &[(&str, &str, &[&str])] = &[
            // Name variants.
            (
                "the Khankendi road; Stepanakert",
                "xankəndi",
                &["Khankendi", "Stepanakert"],
            ),
            ("Gizilbulagh gold deposit", "Gizilbulag", &["Gizilbulagh"]),
            ("Demirli copper", "damirli", &["Demirli"]),
            ("Khojaly (Xojali)", "Xocalı", &["Khojaly", "Xojali"]),
            ("along the Лачин road", "lachin", &["Лачин"]),
            // Phrases keep their words together.
            (
                "the peaceful protest on the road",
                "\"peaceful protest\"",
                &["peaceful protest"],
            ),
            ("protest was peaceful", "\"peaceful protest\"", &[]),
            // Every term must occur.
            (
                "Lavrov met Bayramov",
                "lavrov bayramov",
                &["Lavrov", "Bayramov"],
            ),
            ("Lavrov alone", "lavrov bayramov", &[]),
            // A term inside another term's hit still counts.
            ("Lavrov", "lavrov lav", &["Lavrov"]),
            ("Лавров", "лавров лав", &["Лавров"]),
            ("Lavrov", "lavrov lax", &[]),
            // Or one that starts inside it and runs past its end.
            ("Lavrovich", "lavrov ovich", &["Lavrov"]),
            ("LAVROVICH met", "lavrov ovich met", &["LAVROV", "met"]),
            // Words spelling a name of several words are that name.
            ("the ICRC said", "qırmızı xaç", &["ICRC"]),
            ("Qızıl Xaç and ICRC", "\"qirmizi\" xac", &[]),
            ("", "x", &[]),
            ("text", "", &[]),
        ];
        for (text, q, want) in cases {
            assert_eq!(hits(text, q), *want, "{q:?} in {text:?}");
        }
    }

    #[test]
    fn hits_are_byte_ranges_of_the_original_and_snippets_are_short() {
        let text = "Ağdam ə Xankəndi şəhəri — Лавров";
        let q = parse_query("xankendi лавров", &Aliases::builtin());
        let found = find_in(text, &q);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].clone()], "Xankəndi");
        assert_eq!(&text[found[1].clone()], "Лавров");
        let s = snippet(text, &found[0], 10);
        assert!(s.contains("Xankəndi") && s.starts_with('…'), "{s}");
        let (pre, hit, post) = snippet_parts(text, &found[0], 4, 3);
        assert_eq!(
            (pre.as_str(), hit.as_str(), post.as_str()),
            ("…m ə ", "Xankəndi", " şə…")
        );
        let (pre, hit, post) = snippet_parts("a\n\nXankəndi", &(3..12), 10, 10);
        assert_eq!(
            (pre.as_str(), hit.as_str(), post.as_str()),
            ("a ", "Xankəndi", "")
        );
    }

    #[test]
    fn the_shipped_aliases_parse_and_round_trip() -> Result<(), AliasesError> {
        let a = Aliases::parse(BUILTIN_ALIASES, Path::new("assets/aliases.ron"))?;
        assert!(a.groups.len() >= 10);
        assert_eq!(Aliases::parse(&a.to_ron(), Path::new("x"))?, a);
        assert!(Aliases::parse("(version: 1, groups: [", Path::new("x")).is_err());
        Ok(())
    }
}
