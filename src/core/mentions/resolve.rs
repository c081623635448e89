//! Resolution against the publication date: which way a sentence looks (tense), the year of a
//! date given without one, the nearest weekday, and the kinds neighbours give ("since", "until",
//! "from … to").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::lexicon::{
    AZERBAIJANI_LETTERS, AZERBAIJANI_PAST_ENDINGS, CLAUSE_FUTURE_CUES, DEADLINE_WORDS,
    FIRM_DEADLINE_WORDS, FUTURE_CUES, MODIFIERS, NOT_INFINITIVES, PARTS_OF_DAY, PAST_IRREGULAR,
    PAST_WORDS, PRESENT_BE, RANGE_JOINERS, RANGE_OPENERS, REPORTING_VERBS, RUSSIAN_PAST_ENDINGS,
    SINCE_PAST, SINCE_WORDS, UNTIL_WORDS, class,
};
use super::value::Value;
use super::{Draft, Finder, MentionKind, lower_case};

/// Which way a sentence looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    /// No cue either way.
    Unmarked,
}

pub(super) fn tense(sentence: &str) -> Tense {
    if is_future(sentence) {
        return Tense::Future;
    }
    // A participle after a present "be" is no past: "is expected", "to be completed".
    let mut before = "";
    let past = words(sentence).any(|w| {
        let previous = std::mem::replace(&mut before, w);
        is_past_word(w) && !is_one_of(previous, PRESENT_BE)
    });
    if past { Tense::Past } else { Tense::Unmarked }
}

/// Whether `w` is a verb in the past tense (English, Russian or Azerbaijani endings).
pub(super) fn is_past_word(w: &str) -> bool {
    if w.is_ascii() {
        // Most words: compared without being lower-cased into a string of their own.
        let n = w.len();
        let ends = |s: &str| n >= s.len() && w[n - s.len()..].eq_ignore_ascii_case(s);
        let english =
            (n > 4 && ends("ed")) || is_one_of(w, PAST_WORDS) || PAST_IRREGULAR.contains(&w);
        // An ASCII word is read as Azerbaijani too ("getdi"): its endings in ASCII.
        let azerbaijani = n > 4
            && AZERBAIJANI_PAST_ENDINGS
                .iter()
                .any(|s| s.is_ascii() && ends(s));
        return english || azerbaijani;
    }
    let lower = lower_case(w);
    let russian = lower.chars().count() > 3
        && RUSSIAN_PAST_ENDINGS.iter().any(|s| lower.ends_with(s))
        && lower
            .chars()
            .next()
            .is_some_and(|c| ('а'..='я').contains(&c) || c == 'ё');
    let azerbaijani = lower.chars().count() > 4
        && AZERBAIJANI_PAST_ENDINGS.iter().any(|s| lower.ends_with(s))
        && lower
            .chars()
            .any(|c| AZERBAIJANI_LETTERS.contains(c) || c.is_ascii());
    russian || azerbaijani
}

/// Whether a clause points ahead of its last past verb with an infinitive ("subpoenaed Elian to
/// testify on Feb. 10"): a "to" after it, before a word in lower case that is none of
/// [`NOT_INFINITIVES`] ("went to court", "returned to power").
fn infinitive_after_past(clause: &str) -> bool {
    let ws: Vec<&str> = words(clause).collect();
    let Some(last_past) = ws.iter().rposition(|w| is_past_word(w)) else {
        return false;
    };
    ws[last_past + 1..].windows(2).any(|pair| {
        pair[0] == "to"
            && pair[1].starts_with(char::is_lowercase)
            && !is_one_of(pair[1], NOT_INFINITIVES)
    })
}

/// Whether `word`, in any case, is one of `list` (lower-case words): an ASCII word is compared
/// as it is, any other lower-cased first.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&lower_case(word).as_str())
    }
}

/// The words of a text: its runs of letters.
fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// `text` lower-cased between two spaces, for cues matched with the spaces around their words.
fn padded_lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&lower_case(text));
    }
    out.push(' ');
    out
}

/// Which way a sentence looks: at the past (most news) or the future.
pub(super) fn is_future(sentence: &str) -> bool {
    static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| cue_finder(&FUTURE_CUES));
    let mut padded = padded_lower(sentence);
    // "next to the embassy" is a place, not a time
    if memchr::memmem::find(padded.as_bytes(), b" next to ").is_some() {
        padded = padded.replace(" next to ", " ");
    }
    CUES.is_match(&padded)
}

/// One pass over a text for any of `cues`.
fn cue_finder(cues: &[&str]) -> AhoCorasick {
    AhoCorasick::new(cues)
        .unwrap_or_else(|e| unreachable!("the lexicon's cues are a few plain words: {e}"))
}

/// Whether `clause` ends in "since": what it leads to is past ("has held none since July").
pub(super) fn since_before(clause: &str) -> bool {
    words(clause)
        .next_back()
        .is_some_and(|w| is_one_of(w, SINCE_PAST))
}

/// Whether the clause that leads to a date says it is to come ("planned … on Saturday").
pub(super) fn leads_ahead(clause: &str) -> bool {
    static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| cue_finder(&CLAUSE_FUTURE_CUES));
    CUES.is_match(&padded_lower(clause))
}

/// The sentence around byte `at`.
pub(super) fn sentence_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let bytes = text.as_bytes();
    let is_end = |i: usize| {
        matches!(bytes[i], b'!' | b'?' | b'\n')
            || (bytes[i] == b'.'
                && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
                && i >= 3
                && !text[..i].ends_with(char::is_uppercase))
    };
    // Only these bytes may end a sentence: looked for first, then asked.
    let may_end = |b: &u8| matches!(b, b'!' | b'?' | b'\n' | b'.');
    let mut start = 0;
    let mut before = at;
    while let Some(i) = bytes[..before].iter().rposition(may_end) {
        if is_end(i) {
            start = i + 1;
            break;
        }
        before = i;
    }
    let mut end = text.len();
    let mut from = at;
    while let Some(i) = bytes[from..].iter().position(may_end) {
        if is_end(from + i) {
            end = from + i;
            break;
        }
        from += i + 1;
    }
    let (start, end) = (floor(text, start), floor(text, end));
    &text[start..end.max(start)]
}

/// The words of the clause that lead to byte `at` of `text`, in `sentence` (the
/// [`sentence_around`] it): from the sentence's start or its last comma, semicolon or dash
/// before `at`.
pub(super) fn clause_in<'a>(text: &'a str, sentence: &'a str, at: usize) -> &'a str {
    let start = sentence.as_ptr() as usize - text.as_ptr() as usize;
    let at = floor(text, at.max(start));
    let before = &text[start..at];
    let cut = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | '—' | '('))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[cut..]
}

/// What a clause reports when a reporting verb opens it ("said it is calling the shares on"):
/// the words after the last such verb, or the whole clause.
pub(super) fn reported(clause: &str) -> &str {
    let mut cut = None;
    let mut start = None;
    for (i, c) in clause.char_indices().chain([(clause.len(), ' ')]) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if is_one_of(&clause[s..i], REPORTING_VERBS) {
                    cut = Some(i);
                }
                start = None;
            }
            _ => {}
        }
    }
    match cut {
        Some(i) if clause[i..].chars().any(char::is_alphabetic) => &clause[i..],
        _ => clause,
    }
}

/// Whether a clause ends in a word that sets a deadline: the date after it is to come.
pub(super) fn is_deadline(clause: &str) -> bool {
    ends_with_one_of(clause, DEADLINE_WORDS)
}

/// Whether `clause` ends in a firm deadline ("is payable", "effective"), not one already met
/// ("became effective", "was due").
fn firm_deadline(clause: &str) -> bool {
    ends_with_one_of(clause, FIRM_DEADLINE_WORDS)
        && !ends_with_one_of(clause, &["was", "were", "became", "had", "been"])
}

/// Whether one of the last two words of `clause` is one of `list`.
fn ends_with_one_of(clause: &str, list: &[&str]) -> bool {
    words(clause).rev().take(2).any(|w| is_one_of(w, list))
}

/// Whether the gap between a time and a day makes them one ("10 p.m. Wednesday", "9 a.m., on
/// Tuesday").
pub(super) fn joins_time_to_day(gap: &str) -> bool {
    let gap = gap.trim();
    matches!(gap, "" | ",") || gap.eq_ignore_ascii_case("on")
}

/// The last whole quarter before day `r`, with its year.
pub(super) fn previous_quarter(r: NaiveDate) -> (i32, u32) {
    match quarter_of(r) {
        1 => (r.year() - 1, 4),
        q => (r.year(), q - 1),
    }
}

/// The quarter (1–4) of a day.
pub(super) fn quarter_of(day: NaiveDate) -> u32 {
    (day.month() - 1) / 3 + 1
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A date given without its year this many days or fewer after publication is the coming one
/// when its sentence does not say otherwise ("the redemption on Dec. 7", published October 30).
const SOON_AFTER_DAYS: i64 = 62;

/// A date named as a deadline ("the Nov. 30 deadline") this many days or fewer after
/// publication is the coming one, whatever its sentence's tense.
const NAMED_DEADLINE_DAYS: i64 = 183;

/// Whether day `d` is after publication `r` by [`SOON_AFTER_DAYS`] or fewer.
pub(super) fn soon_after(r: NaiveDate, d: NaiveDate) -> bool {
    after_within(r, d, SOON_AFTER_DAYS)
}

/// Whether day `d` is after day `r` by `days` or fewer.
fn after_within(r: NaiveDate, d: NaiveDate, days: i64) -> bool {
    d > r && (d - r).num_days() <= days
}

impl Finder<'_> {
    /// The year of a day or month given without one.
    pub(super) fn infer_year(
        &self,
        month: u32,
        day: Option<u32>,
        at: usize,
    ) -> Option<(i32, String)> {
        let r = self.reference?;
        let sentence = sentence_around(self.text, at);
        let mut tense = tense(sentence);
        let candidate = NaiveDate::from_ymd_opt(r.year(), month, day.unwrap_or(1).min(28));
        let mut year = r.year();
        let r_text = self.reference_ymd().unwrap_or_default();
        let mut note = ["year taken from the publication date ", r_text].concat();
        let after = match day {
            Some(_) => candidate.is_some_and(|c| c > r),
            None => month > r.month(),
        };
        let before = match day {
            Some(_) => candidate.is_some_and(|c| c < r),
            None => month < r.month(),
        };
        // With no tense to go by, a date just after publication is the coming one ("вступает
        // в силу 1 августа"); news otherwise looks back.
        let soon_after = candidate.is_some_and(|c| self::soon_after(r, c));
        // A day a few weeks before publication is not next year's, whatever the sentence says
        // ("to repatriate the child by Jan. 14", published January 15).
        let just_before =
            day.is_some() && candidate.is_some_and(|c| c < r && (r - c).num_days() <= 31);
        // A past sentence may still name a coming date ("the court said he must be returned by
        // Jan. 14"): the clause that leads to the date must look back too; a deadline ("by",
        // "payable", "expire") or an infinitive after the past verb ("subpoenaed him to testify
        // on Feb. 10") does not.
        let lead = clause_in(self.text, sentence, at);
        // "the Jan. 14 deadline" is one too when it is within half a year after publication (its
        // abbreviation's point may end the sentence); "missed the Nov. 5 deadline", ten months
        // on, is last year's.
        let named_deadline = candidate.is_some_and(|c| after_within(r, c, NAMED_DEADLINE_DAYS))
            && self
                .text
                .get(at..floor(self.text, at + 40))
                .is_some_and(|rest| {
                    words(rest)
                        .take(5)
                        .any(|w| w.eq_ignore_ascii_case("deadline"))
                });
        let deadline = is_deadline(lead) || named_deadline;
        let reported_lead = reported(lead);
        if after
            && tense == Tense::Past
            && (self::tense(reported_lead) != Tense::Past
                || deadline
                || infinitive_after_past(reported_lead))
        {
            tense = Tense::Unmarked;
        }
        let ahead_in_clause = leads_ahead(lead);
        let future = tense == Tense::Future || ahead_in_clause;
        let coming =
            !since_before(lead) && (future || deadline || (tense == Tense::Unmarked && soon_after));
        if after && !coming {
            year -= 1;
            note = format!(
                "the year before the publication date {r_text} (a past event in a later month)"
            );
        } else if before
            && !since_before(lead)
            // a coming sentence, unless the clause that leads to the date looks back ("shares
            // issued July 1, which will receive …")
            && (ahead_in_clause
                || tense == Tense::Future && self::tense(lead) != Tense::Past
                || firm_deadline(lead))
            && !just_before
        {
            year += 1;
            note = format!(
                "the year after the publication date {r_text} (a coming event in an earlier month)"
            );
        }
        Some((year, note))
    }
}

/// The nearest `wd` on or before `r` (or after, when `forward`); `strict` skips `r` itself.
pub(super) fn nearest_weekday(
    r: NaiveDate,
    wd: Weekday,
    forward: bool,
    strict: bool,
) -> Option<NaiveDate> {
    let first = if strict { 1 } else { 0 };
    (first..first + 7)
        .filter_map(|k| {
            if forward {
                r.checked_add_days(Days::new(k))
            } else {
                r.checked_sub_days(Days::new(k))
            }
        })
        .find(|d| d.weekday() == wd)
}

/// Neighbours that TimeML reads as one expression: a time and the day after it ("10 p.m.
/// Wednesday"), a day and its part either way ("Friday morning", "mid-afternoon yesterday"), a
/// day and the week before it ("the week of March 6"), and the modifier before a date ("early
/// next year", "the end of 1999", "around 7:15 p.m.").
pub(super) fn join_neighbours(f: &mut Finder<'_>) {
    let text = f.text;
    // A part of a day with no day of its own: "mid-afternoon", "midmorning".
    let mid_part = |d: &Draft| {
        text.get(d.start..d.end)
            .is_some_and(|t| t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("mid")))
    };
    let mut k = 0;
    while k + 1 < f.drafts.len() {
        let (a, b) = (&f.drafts[k], &f.drafts[k + 1]);
        let gap = text[a.end..b.start].trim();
        let joined = match (a.value, b.value) {
            (Some(Value::Time(_, h, m)), Some(Value::Day(d))) if joins_time_to_day(gap) => {
                Some(Value::Time(d, h, m))
            }
            // "mid-afternoon yesterday", "Tuesday midafternoon", "mid-afternoon on Tuesday" (not
            // "tonight, Saturday" nor "last night on Wednesday": those name their own day)
            (Some(Value::DayPart(_, part)), Some(Value::Day(d)))
                if mid_part(a) && (gap.is_empty() || gap.eq_ignore_ascii_case("on")) =>
            {
                Some(Value::DayPart(d, part))
            }
            (Some(Value::Day(d)), Some(Value::DayPart(_, part)))
                if mid_part(b) && gap.is_empty() =>
            {
                Some(Value::DayPart(d, part))
            }
            _ => None,
        };
        if let Some(value) = joined {
            let b = f.drafts.remove(k + 1);
            let a = &mut f.drafts[k];
            a.end = b.end;
            a.value = Some(value);
            a.how = format!("the time on {}", b.how);
            a.kind = b.kind.or(a.kind);
        }
        k += 1;
    }
    for k in 0..f.drafts.len() {
        // The token after the draft, and the one it starts at.
        let after = f.toks.partition_point(|t| t.start < f.drafts[k].end);
        let at = f.toks.partition_point(|t| t.start < f.drafts[k].start);
        if let Some(Value::Day(d)) = f.drafts[k].value
            && let Some(w) = f.lower(after)
            && let Some((_, part)) = PARTS_OF_DAY.iter().find(|(p, _)| *p == w)
            && f.drafts
                .get(k + 1)
                .is_none_or(|n| n.start >= f.toks[after].end)
        {
            f.drafts[k].end = f.toks[after].end;
            f.drafts[k].value = Some(Value::DayPart(d, *part));
        }
        let floor = if k > 0 { f.drafts[k - 1].end } else { 0 };
        // "the week of March 6" is that day's week (not a range's end: "the week of March 6-10").
        if let Some(Value::Day(d)) = f.drafts[k].value
            && f.drafts[k].kind.is_none()
            && let Some(from) = f.phrase_before(at, floor, &WEEK_OF)
        {
            f.drafts[k].start = f.toks[from].start;
            f.drafts[k].value = Some(Value::Week(d));
            f.drafts[k].how = format!("the week of {}", f.drafts[k].how);
            continue;
        }
        // A modifier ends right before the draft: its last word says whether one may.
        if at == 0 || !f.has_class(at - 1, class::ENDS_MODIFIER) {
            continue;
        }
        let modifier = MODIFIERS
            .iter()
            .filter(|m| !f.is_phrase(at, m))
            .find_map(|m| f.phrase_before(at, floor, m));
        if let Some(from) = modifier {
            f.drafts[k].start = f.toks[from].start;
        }
    }
}

/// The words before a day that make it its week.
const WEEK_OF: [&str; 3] = ["the", "week", "of"];

/// Whether `text` ends with `suffix` (lower-case ASCII), in any case.
fn ends_with_ignoring_case(text: &str, suffix: &str) -> bool {
    text.len()
        .checked_sub(suffix.len())
        .and_then(|at| text.get(at..))
        .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
}

/// The longest of [`RANGE_JOINERS`], in bytes.
const JOINER_BYTES: usize = {
    let mut longest = 0;
    let mut k = 0;
    while k < RANGE_JOINERS.len() {
        if RANGE_JOINERS[k].len() > longest {
            longest = RANGE_JOINERS[k].len();
        }
        k += 1;
    }
    longest
};

/// "since X" → ongoing; "until X", "by the end of X" → range end; "from X to Y", "between X and
/// Y" → a range. Span starts are widened to the word that says so.
pub(super) fn settle_kinds(f: &mut Finder<'_>) {
    let text = f.text;
    let word_before = |at: usize| -> Option<(String, usize)> {
        let before = text[..at].trim_end();
        let start = before
            .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let w = &before[start..];
        (!w.is_empty()).then(|| (lower_case(w), start))
    };
    for k in 0..f.drafts.len() {
        if f.drafts[k].kind.is_some() {
            continue;
        }
        let start = f.drafts[k].start;
        let Some((w, w_start)) = word_before(start) else {
            continue;
        };
        let w = w.as_str();
        if SINCE_WORDS.contains(&w) {
            f.drafts[k].kind = Some(MentionKind::Ongoing);
            f.drafts[k].how = format!("{}; still going on when reported", f.drafts[k].how);
        } else if UNTIL_WORDS.contains(&w) {
            f.drafts[k].kind = Some(MentionKind::RangeEnd);
        } else if w == "of" && ends_with_ignoring_case(text[..w_start].trim_end(), "by the end") {
            f.drafts[k].kind = Some(MentionKind::RangeEnd);
            f.drafts[k].how = format!("{}; by the end of it", f.drafts[k].how);
        } else if RANGE_OPENERS.contains(&w) && k + 1 < f.drafts.len() {
            let gap = text[f.drafts[k].end..f.drafts[k + 1].start].trim();
            // Only a short gap may be a joiner: a long one is not lower-cased to be asked.
            let joins =
                gap.len() <= JOINER_BYTES && RANGE_JOINERS.contains(&lower_case(gap).as_str());
            if joins {
                f.drafts[k].kind = Some(MentionKind::RangeStart);
                f.drafts[k + 1].kind = Some(MentionKind::RangeEnd);
            }
        }
    }
}
