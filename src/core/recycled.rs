//! Recycled text: passages of a dozen words or more that appear in more than one article.
//!
//! Every article's words (folded for case and diacritics, punctuation and white space dropped)
//! make overlapping 12-word shingles; winnowing keeps the smallest shingle hash of every 6
//! consecutive ones, so two articles sharing 17 words or more always share a kept hash (and
//! shorter shared runs often do). The index holds the hashes kept in more than one article;
//! the passages of one article are found again from its text when it is shown.

use std::collections::HashMap;
use std::ops::Range;

use super::search::fold_char;

/// Words in a shingle: the shortest passage that counts as recycled.
pub const SHINGLE_WORDS: usize = 12;
/// Winnowing window, in shingles.
pub const WINDOW: usize = 6;
/// Bits of an index key that hold the article; the rest hold the hash.
const ARTICLE_BITS: u32 = 24;
const ARTICLE_MASK: u64 = (1 << ARTICLE_BITS) - 1;
/// The most articles an index can tell apart (16 777 215); later ones are left out.
pub const MAX_ARTICLES: usize = ARTICLE_MASK as usize;
/// Passages in more articles than this are boilerplate for the near-duplicate grouping (they
/// still count as recycled).
const PAIR_GROUP_LIMIT: usize = 8;
/// Two articles are near-duplicates when this share of the shorter one's hashes is in both.
const NEAR_DUPLICATE_SHARE: f64 = 0.5;

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Each word of `text` (a run of letters and digits) as its byte range and a hash of its folded
/// form.
pub fn words(text: &str) -> Vec<(Range<usize>, u64)> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start = None;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                h = 0xcbf2_9ce4_8422_2325;
            }
            let f = if b < 0x80 {
                b.to_ascii_lowercase() as u64
            } else {
                fold_char(c) as u64
            };
            h = (h ^ f).wrapping_mul(0x0100_0000_01b3);
        } else if let Some(s) = start.take() {
            out.push((s..i, mix(h)));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s..text.len(), mix(h)));
    }
    out
}

/// The kept shingle hashes of `words`, each with the index of its first word.
pub fn fingerprints(words: &[(Range<usize>, u64)]) -> Vec<(u64, usize)> {
    if words.len() < SHINGLE_WORDS {
        return Vec::new();
    }
    const BASE: u64 = 0x9e37_79b9_7f4a_7c15;
    let top = (1..SHINGLE_WORDS).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut shingles = Vec::with_capacity(words.len() - SHINGLE_WORDS + 1);
    let mut h = 0u64;
    for (i, (_, w)) in words.iter().enumerate() {
        if i >= SHINGLE_WORDS {
            h = h.wrapping_sub(words[i - SHINGLE_WORDS].1.wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(*w);
        if i + 1 >= SHINGLE_WORDS {
            shingles.push(mix(h));
        }
    }
    // Winnowing: the smallest hash of each window (the rightmost on ties), each kept once.
    let mut out: Vec<(u64, usize)> = Vec::new();
    let window = WINDOW.min(shingles.len());
    for start in 0..=shingles.len() - window {
        let mut best = start;
        for j in start..start + window {
            if shingles[j] <= shingles[best] {
                best = j;
            }
        }
        if out.last().is_none_or(|&(_, p)| p != best) {
            out.push((shingles[best], best));
        }
    }
    out
}

fn key_hash(hash: u64) -> u64 {
    hash & !ARTICLE_MASK
}

/// The index keys of one article's text: its kept hashes, with the article in the low bits.
pub fn keys(text: &str, article: usize) -> Vec<u64> {
    if article >= MAX_ARTICLES {
        return Vec::new();
    }
    fingerprints(&words(text))
        .into_iter()
        .map(|(h, _)| key_hash(h) | article as u64)
        .collect()
}

/// Which hashes are in more than one article, and which articles are near-duplicates.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RecycledIndex {
    /// Shared hashes (article bits clear), sorted.
    hashes: Vec<u64>,
    /// `members[starts[i]..starts[i + 1]]`: the articles holding `hashes[i]`, ascending.
    starts: Vec<u32>,
    members: Vec<u32>,
    /// A group number per article, for articles that nearly duplicate another.
    cluster: HashMap<u32, u32>,
    /// Articles that share at least one passage with another.
    pub articles_with_recycled: usize,
}

/// A passage of the shown article that other articles have too.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedPassage {
    /// Byte range in the article's text.
    pub range: Range<usize>,
    /// The other articles, ascending.
    pub others: Vec<usize>,
    /// The shared hashes inside the passage (to find it in the others).
    pub hashes: Vec<u64>,
}

impl RecycledIndex {
    /// Builds the index from every article's [`keys`] (in any order).
    pub fn build(keys: Vec<u64>, articles: usize) -> Self {
        Self::build_from_parts(vec![keys], articles)
    }

    /// Builds the index from parts of the keys, each part holding every key of its articles
    /// (as each thread of [`index_texts`] makes them). The parts are merged as they are read,
    /// never copied into one list, and each is dropped once merged: the keys are the largest
    /// thing the index is made from.
    fn build_from_parts(mut parts: Vec<Vec<u64>>, articles: usize) -> Self {
        for part in &mut parts {
            part.sort_unstable();
            part.dedup();
        }
        // Each article's number of distinct hashes (an article's keys are all in one part).
        let mut article_sizes = vec![0u32; articles];
        for k in parts.iter().flatten() {
            if let Some(n) = article_sizes.get_mut((k & ARTICLE_MASK) as usize) {
                *n += 1;
            }
        }
        let mut index = RecycledIndex::default();
        let mut with_recycled = vec![false; articles];
        let mut heads = vec![0usize; parts.len()];
        let mut group: Vec<u32> = Vec::new();
        loop {
            let next = parts
                .iter()
                .zip(&heads)
                .filter_map(|(part, &at)| part.get(at))
                .map(|&k| key_hash(k))
                .min();
            let Some(hash) = next else { break };
            group.clear();
            for (part, at) in parts.iter().zip(heads.iter_mut()) {
                while let Some(&k) = part.get(*at)
                    && key_hash(k) == hash
                {
                    group.push((k & ARTICLE_MASK) as u32);
                    *at += 1;
                }
            }
            if group.len() >= 2 {
                group.sort_unstable();
                index.hashes.push(hash);
                index.starts.push(index.members.len() as u32);
                for &a in &group {
                    if let Some(w) = with_recycled.get_mut(a as usize) {
                        *w = true;
                    }
                }
                index.members.extend_from_slice(&group);
            }
        }
        drop(parts);
        index.starts.push(index.members.len() as u32);
        index.hashes.shrink_to_fit();
        index.starts.shrink_to_fit();
        index.members.shrink_to_fit();
        index.articles_with_recycled = with_recycled.iter().filter(|&&w| w).count();
        index.cluster = index.near_duplicates(&article_sizes);
        index
    }

    /// Near-duplicates: articles most of whose hashes (of the shorter one) are shared, grouped
    /// transitively; each article of a group maps to the group's lowest article. The passages
    /// held by more than [`PAIR_GROUP_LIMIT`] articles are left out (boilerplate). Pairs are
    /// counted one article at a time, so only that article's partners are held at once.
    fn near_duplicates(&self, article_sizes: &[u32]) -> HashMap<u32, u32> {
        let articles = article_sizes.len();
        let groups = || {
            (0..self.hashes.len())
                .map(|i| &self.members[self.starts[i] as usize..self.starts[i + 1] as usize])
                .enumerate()
                .filter(|(_, g)| g.len() <= PAIR_GROUP_LIMIT)
        };
        // Each article's small groups, by counting sort: `of[offsets[a]..offsets[a + 1]]`.
        let mut offsets = vec![0u32; articles + 1];
        for (_, g) in groups() {
            for &a in g {
                if let Some(n) = offsets.get_mut(a as usize + 1) {
                    *n += 1;
                }
            }
        }
        for a in 0..articles {
            offsets[a + 1] += offsets[a];
        }
        let mut fill = offsets.clone();
        let mut of = vec![0u32; offsets[articles] as usize];
        for (i, g) in groups() {
            for &a in g {
                if let Some(at) = fill.get_mut(a as usize) {
                    of[*at as usize] = i as u32;
                    *at += 1;
                }
            }
        }
        drop(fill);
        let mut parent: Vec<u32> = (0..articles as u32).collect();
        fn find(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                parent[x as usize] = parent[parent[x as usize] as usize];
                x = parent[x as usize];
            }
            x
        }
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for a in 0..articles {
            shared.clear();
            for &i in &of[offsets[a] as usize..offsets[a + 1] as usize] {
                let i = i as usize;
                let g = &self.members[self.starts[i] as usize..self.starts[i + 1] as usize];
                for &b in g.iter().filter(|&&b| b as usize > a) {
                    *shared.entry(b).or_default() += 1;
                }
            }
            for (&b, &n) in &shared {
                let Some(&sb) = article_sizes.get(b as usize) else {
                    continue;
                };
                let smaller = article_sizes[a].min(sb).max(1);
                if f64::from(n) >= NEAR_DUPLICATE_SHARE * f64::from(smaller) {
                    let (ra, rb) = (find(&mut parent, a as u32), find(&mut parent, b));
                    if ra != rb {
                        parent[ra.max(rb) as usize] = ra.min(rb);
                    }
                }
            }
        }
        drop(of);
        let mut sizes: HashMap<u32, u32> = HashMap::new();
        for a in 0..parent.len() as u32 {
            *sizes.entry(find(&mut parent, a)).or_default() += 1;
        }
        let mut cluster = HashMap::new();
        for a in 0..parent.len() as u32 {
            let root = find(&mut parent, a);
            if sizes.get(&root).copied().unwrap_or(0) > 1 {
                cluster.insert(a, root);
            }
        }
        cluster
    }

    /// The articles that hold `hash` (article bits ignored).
    fn holders(&self, hash: u64) -> &[u32] {
        match self.hashes.binary_search(&key_hash(hash)) {
            Ok(i) => {
                let (s, e) = (self.starts[i] as usize, self.starts[i + 1] as usize);
                &self.members[s..e]
            }
            Err(_) => &[],
        }
    }

    /// Number of shared hashes.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The near-duplicate group of `article` (the group's lowest article), if it has one.
    pub fn cluster_of(&self, article: usize) -> Option<usize> {
        self.cluster.get(&(article as u32)).map(|&c| c as usize)
    }

    /// Number of articles in near-duplicate groups.
    pub fn clustered(&self) -> usize {
        self.cluster.len()
    }

    /// The passages of `text` (article number `article`) that other articles have too,
    /// overlapping ones merged.
    pub fn passages(&self, article: usize, text: &str) -> Vec<SharedPassage> {
        let words = words(text);
        let mut out: Vec<SharedPassage> = Vec::new();
        for (hash, first) in fingerprints(&words) {
            let mut others: Vec<usize> = self
                .holders(hash)
                .iter()
                .map(|&a| a as usize)
                .filter(|&a| a != article)
                .collect();
            if others.is_empty() {
                continue;
            }
            others.sort_unstable();
            others.dedup();
            let range = words[first].0.start..words[first + SHINGLE_WORDS - 1].0.end;
            match out.last_mut() {
                Some(last) if range.start <= last.range.end => {
                    last.range.end = last.range.end.max(range.end);
                    // Both sorted: merged in one pass (boilerplate shared by half a million
                    // articles, sorted again for each of its shingles, took half a second).
                    last.others = union_sorted(&last.others, &others);
                    last.hashes.push(key_hash(hash));
                }
                _ => out.push(SharedPassage {
                    range,
                    others,
                    hashes: vec![key_hash(hash)],
                }),
            }
        }
        out
    }
}

/// The union of two sorted lists without repeats, sorted.
fn union_sorted(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Where a passage with any of `hashes` is in `text`: from the first to the last shingle found.
pub fn locate(text: &str, hashes: &[u64]) -> Option<Range<usize>> {
    let words = words(text);
    let found: Vec<Range<usize>> = fingerprints(&words)
        .into_iter()
        .filter(|(h, _)| hashes.contains(&key_hash(*h)))
        .map(|(_, first)| words[first].0.start..words[first + SHINGLE_WORDS - 1].0.end)
        .collect();
    Some(found.first()?.start..found.iter().map(|r| r.end).max()?)
}

/// Builds the index over `texts` on every core; `progress` counts the texts done, `cancel`
/// stops it (returning `None`).
pub fn index_texts(
    texts: &[impl AsRef<str> + Sync],
    progress: &std::sync::atomic::AtomicUsize,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<RecycledIndex> {
    use std::sync::atomic::Ordering;
    let threads = super::threads();
    let parts = super::in_parts(texts, threads, |from, part| {
        let mut keys_out = Vec::new();
        for (i, text) in part.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            keys_out.extend(keys(text.as_ref(), from + i));
            progress.fetch_add(1, Ordering::Relaxed);
        }
        keys_out.sort_unstable();
        keys_out.dedup();
        keys_out.shrink_to_fit();
        Some(keys_out)
    });
    let parts: Vec<Vec<u64>> = parts
        .into_iter()
        .map(|(_, keys)| keys.unwrap_or(None))
        .collect::<Option<_>>()?;
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(RecycledIndex::build_from_parts(parts, texts.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize};

    const PARAGRAPH: &str = "The peaceful protest of Azerbaijani eco-activists on the Lachin-Khankendi road \
        against the illegal exploitation of mineral resources continues for the eighth day.";

    fn index(texts: &[&str]) -> RecycledIndex {
        let texts: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        index_texts(&texts, &AtomicUsize::new(0), &AtomicBool::new(false)).unwrap_or_default()
    }

    #[test]
    fn each_passage_has_its_own_holders() {
        // Two passages of the first text, apart: one the second and third hold, one the third
        // and fourth; between them words only the first has.
        let other = "Officials of both ministries met again on Tuesday in the capital to discuss \
            the opening of the transport corridor, the customs posts and the schedule of trains \
            that should run from the spring of next year.";
        let own = "Nothing in this sentence is written anywhere else in the whole collection, \
            not one run of its twelve words, zebra quartz violin harbour.";
        let first = format!("{PARAGRAPH} {own} {other}");
        let texts = [
            first.as_str(),
            PARAGRAPH,
            &format!("{PARAGRAPH} {other}"),
            other,
        ];
        let idx = index(&texts);
        let found = idx.passages(0, &first);
        let got: Vec<(&str, Vec<usize>)> = found
            .iter()
            .map(|p| (&first[p.range.clone()], p.others.clone()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, vec![1, 2]);
        assert_eq!(got[1].1, vec![2, 3]);
        assert!(PARAGRAPH.contains(got[0].0) && got[0].0.len() > PARAGRAPH.len() / 2);
        assert!(other.contains(got[1].0) && got[1].0.len() > other.len() / 2);
        for p in &found {
            assert!(locate(texts[p.others[0]], &p.hashes).is_some());
        }
    }

    #[test]
    fn sorted_lists_are_merged_without_repeats() {
        let cases: &[(&[usize], &[usize], &[usize])] = &[
            (&[], &[], &[]),
            (&[1, 3], &[], &[1, 3]),
            (&[], &[2], &[2]),
            (&[1, 3, 5], &[2, 3, 6], &[1, 2, 3, 5, 6]),
            (&[4, 5], &[1, 2], &[1, 2, 4, 5]),
            (&[1, 2, 3], &[1, 2, 3], &[1, 2, 3]),
        ];
        for (a, b, want) in cases {
            assert_eq!(union_sorted(a, b), *want, "{a:?} with {b:?}");
        }
    }

    #[test]
    fn words_are_folded_and_punctuation_ignored() {
        let a = words("Xankəndi, şəhəri!  ЛАЧИН-road");
        let b = words("xankendi SEHERI лачин road");
        assert_eq!(a.len(), 4);
        let hashes = |w: &[(Range<usize>, u64)]| w.iter().map(|x| x.1).collect::<Vec<_>>();
        assert_eq!(hashes(&a), hashes(&b));
        assert_eq!(a[0].0, 0..9);
    }

    #[test]
    fn shared_paragraphs_are_found_whatever_the_spacing_and_case() {
        let cases: &[(&str, &str, bool)] = &[
            // The same paragraph inside different texts.
            (
                &format!("First article opens here. {PARAGRAPH} And it ends."),
                &format!("Another story entirely, about talks. {PARAGRAPH}"),
                true,
            ),
            // Case, punctuation and line breaks do not matter.
            (
                &format!("Intro. {PARAGRAPH}"),
                &PARAGRAPH
                    .to_uppercase()
                    .replace(' ', "\n  ")
                    .replace(',', ""),
                true,
            ),
            // Eleven words in common are not a passage.
            (
                "one two three four five six seven eight nine ten eleven alpha beta gamma",
                "one two three four five six seven eight nine ten eleven delta epsilon zeta",
                false,
            ),
            // Nothing in common.
            (
                PARAGRAPH,
                "A different text about the border commission and its work in Baku today.",
                false,
            ),
        ];
        for (a, b, shared) in cases {
            let idx = index(&[a, b, "unrelated words only, far too few"]);
            let found = idx.passages(0, a);
            assert_eq!(!found.is_empty(), *shared, "{a:?} / {b:?}");
            if *shared {
                assert_eq!(found[0].others, vec![1]);
                let text = &a[found[0].range.clone()];
                assert!(
                    PARAGRAPH.to_lowercase().contains(&text.to_lowercase())
                        || text.contains("PEACEFUL")
                        || text.contains("peaceful"),
                    "{text}"
                );
                let there = locate(b, &found[0].hashes);
                assert!(there.is_some(), "found again in the other");
            }
        }
    }

    #[test]
    fn near_duplicates_are_grouped() {
        let long = format!("{PARAGRAPH} {PARAGRAPH} The end of the story comes here.");
        let idx = index(&[
            &long,
            "Something else entirely that is not long enough to matter at all, no.",
            &long.replace("end", "close"),
        ]);
        assert_eq!(idx.cluster_of(0), Some(0));
        assert_eq!(idx.cluster_of(2), Some(0));
        assert_eq!(idx.cluster_of(1), None);
        assert_eq!(idx.articles_with_recycled, 2);
    }

    #[test]
    fn the_index_is_the_same_however_the_keys_are_split() {
        let long = format!("{PARAGRAPH} {PARAGRAPH} The end of the story comes here.");
        let texts = [
            long.clone(),
            format!("Opening words. {PARAGRAPH}"),
            long.replace("end", "close"),
            "Too short to matter.".to_string(),
            format!("{PARAGRAPH} Closing words of a fifth article, about the talks."),
        ];
        let keys: Vec<Vec<u64>> = texts.iter().enumerate().map(|(i, t)| keys(t, i)).collect();
        let whole = RecycledIndex::build(keys.concat(), texts.len());
        let cases = [
            vec![keys[..2].concat(), keys[2..].concat()],
            vec![keys[3..].concat(), keys[..1].concat(), keys[1..3].concat()],
            vec![Vec::new(), keys.concat()],
        ];
        for parts in cases {
            assert_eq!(RecycledIndex::build_from_parts(parts, texts.len()), whole);
        }
        assert!(!whole.is_empty());
        assert_eq!(whole.articles_with_recycled, 4);
        assert_eq!(whole.cluster_of(2), Some(0));
        assert_eq!(whole.cluster_of(3), None);
    }

    #[test]
    fn cancelling_gives_nothing() {
        let texts: Vec<String> = (0..10).map(|_| PARAGRAPH.to_string()).collect();
        let cancel = AtomicBool::new(true);
        assert!(index_texts(&texts, &AtomicUsize::new(0), &cancel).is_none());
    }
}
