//! Every word the recognisers know, in English, Russian and Azerbaijani: weekdays, trigger
//! words, suffixes, relative and vague phrases, number words and the cues of tense.
//!
//! Month names are not here: article headers read them too, so they live with the header dates
//! in [`crate::core::timestamp::month_number`], re-exported below.

use super::value::{DayPart, Ref, Season};
use chrono::Weekday;

// Month names.

/// Azerbaijani month stems, written in lower case (English month names need a capital).
/// "mart" and "may" are left out: as English words they are not months.
pub(super) const LOWER_CASE_MONTHS: &[&str] = &[
    "yanvar", "fevral", "aprel", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr",
    "dekabr",
];

/// Month names of four letters or fewer that are written out in full, so that a point after
/// them ends the sentence rather than an abbreviation.
pub(super) const SHORT_FULL_MONTHS: &[&str] = &["June", "July", "May", "JUNE", "JULY", "MAY"];

// Days and years.

/// Suffixes joined to a day number: "5th", "3го".
pub(super) const DAY_SUFFIXES: &[&str] = &["st", "nd", "rd", "th", "го", "ого"];

/// Suffixes after a hyphen on a day number: "5-ci", "3-го".
pub(super) const DAY_HYPHEN_SUFFIXES: &[&str] = &["ci", "cı", "cu", "cü", "го", "е"];

/// Suffixes after a hyphen on a year: "2021-ci il", "2021-ildə".
pub(super) const YEAR_HYPHEN_SUFFIXES: &[&str] = &["ci", "cı", "cu", "cü", "ildə", "il"];

/// Words after a year that belong to it: "2021 года", "2021 г.", "2021 il".
pub(super) const YEAR_WORDS: &[&str] = &["года", "году", "год", "г", "il", "ildə"];

/// Words that place a bare month in its month: "early December", "mid-March".
pub(super) const PARTS_OF_MONTH: &[&str] = &["early", "mid", "late"];

/// Words before a bare month or year that make it a date ("in December", "since 2015").
pub(super) const TRIGGERS: [&str; 24] = [
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "of",
    "during",
    "before",
    "after",
    "early",
    "mid",
    "late",
    "through",
    "throughout",
    "в",
    "с",
    "до",
    "по",
    "с",
    "the",
    "and",
    "between",
];

/// Words besides the [`TRIGGERS`] that make a bare month after them a date ("end December",
/// "last December").
pub(super) const MONTH_TRIGGERS: &[&str] = &["end", "beginning", "last", "this", "next"];

/// Words that make a bare month after them a date but for May, as often a name ("figures for
/// January", "a June agreement", but "support for May").
pub(super) const WEAK_MONTH_TRIGGERS: &[&str] = &["for", "a", "an"];

/// Words joining two days of one month: "7 and 8 August", "7 и 8 августа".
pub(super) const AND_WORDS: &[&str] = &["and", "и", "və"];

/// Words ending in "s" after a year that do not make it a count ("in 2020 vehicles" does).
pub(super) const NOT_PLURALS: &[&str] = &["years", "was", "has", "is"];

/// The years a four-digit number stands for without a word around it to say so.
pub(super) const NEWS_YEARS: (i32, i32) = (1900, 2099);

/// Signs before a number that make it an amount: "$1990", "#2000".
pub(super) const AMOUNT_SIGNS: &[&str] = &["$", "€", "£", "¥", "#", "№", "+", "="];

/// Words before a number that make it a number and not a year: "Flight 1989", "No. 2000".
pub(super) const NUMBER_NOUNS: &[&str] = &[
    "flight",
    "resolution",
    "no",
    "number",
    "room",
    "route",
    "highway",
    "article",
    "page",
    "item",
    "model",
    "code",
    "about",
    "nearly",
    "almost",
    "approximately",
    "some",
    "over",
    "under",
    "than",
    "up",
    "at",
    "extra",
    "total",
    "additional",
    "another",
    "only",
    "just",
    "рейс",
    "статья",
    "номер",
];

/// Words that say which half of a year: "the first half", "the second half", "the last half".
pub(super) const HALF_ORDINALS: [(&str, u32); 3] = [("first", 1), ("second", 2), ("last", 2)];

/// Nouns after "first-half", "second-half" that make it a half of a year: results are reported
/// by halves ("first-half profit"), games are played in them ("a second-half goal").
pub(super) const HALF_RESULT_NOUNS: &[&str] = &[
    "profit", "profits", "earnings", "results", "sales", "revenue", "revenues", "loss", "losses",
    "net", "income", "growth", "output", "dividend", "figures",
];

/// Which quarter a phrase without an ordinal means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuarterRef {
    /// The quarter spoken of (the last one named), else the last whole quarter before
    /// publication: "the quarter", "the latest quarter".
    Spoken,
    /// The publication date's: "the current quarter".
    Current,
    /// The one before the publication date's: "last quarter".
    Previous,
    /// The spoken-of quarter's a year before: "the year-ago quarter".
    YearBefore,
}

/// Phrases naming a quarter without its ordinal; one with "period" counts only where a quarter
/// was named, but for "the latest period".
pub(super) const QUARTER_PHRASES: [(&[&str], QuarterRef); 26] = [
    (
        &["the", "comparable", "year", "-", "ago", "quarter"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "comparable", "year", "-", "earlier", "quarter"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "year", "-", "ago", "quarter"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "year", "-", "earlier", "quarter"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "year", "-", "ago", "period"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "year", "-", "earlier", "period"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "same", "quarter", "last", "year"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "corresponding", "quarter", "last", "year"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "corresponding", "period", "last", "year"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "comparable", "period", "last", "year"],
        QuarterRef::YearBefore,
    ),
    (
        &["the", "same", "period", "last", "year"],
        QuarterRef::YearBefore,
    ),
    (
        &["last", "year", "'", "s", "quarter"],
        QuarterRef::YearBefore,
    ),
    (
        &["last", "year", "'", "s", "period"],
        QuarterRef::YearBefore,
    ),
    (&["the", "most", "recent", "quarter"], QuarterRef::Spoken),
    (&["the", "latest", "quarter"], QuarterRef::Spoken),
    (&["the", "recent", "quarter"], QuarterRef::Spoken),
    (&["the", "latest", "period"], QuarterRef::Spoken),
    (&["the", "quarter"], QuarterRef::Spoken),
    (&["the", "period"], QuarterRef::Spoken),
    (&["the", "current", "quarter"], QuarterRef::Current),
    (&["this", "quarter"], QuarterRef::Current),
    (&["the", "previous", "quarter"], QuarterRef::Previous),
    (&["the", "prior", "quarter"], QuarterRef::Previous),
    (&["the", "last", "quarter"], QuarterRef::Previous),
    (&["last", "quarter"], QuarterRef::Previous),
    (&["the", "past", "quarter"], QuarterRef::Previous),
];

/// Phrases counted back (or on) from the date spoken of, else the publication date: "a year
/// earlier", "year-ago", "two weeks later" (the count first, then the unit, then the way).
pub(super) const EARLIER_WORDS: &[&str] = &["earlier", "ago"];
pub(super) const LATER_WORDS: &[&str] = &["later"];

/// The publication date's year, as reports of results name it: "for the year", "the full year",
/// "the current fiscal year" (longer first). Not before a number or a year in words, a hyphen
/// or one of [`NOT_THIS_YEAR_AFTER`] ("the year 2000", "the year-ago quarter", "the year
/// before"), nor with a capital Year (a title: "Album of the Year").
pub(super) const THIS_YEAR_PHRASES: [&[&str]; 5] = [
    &["the", "current", "fiscal", "year"],
    &["the", "current", "year"],
    &["the", "full", "year"],
    &["the", "fiscal", "year"],
    &["the", "year"],
];

/// Words before "year-end" that make it the year's last day ("by year-end", "since year end").
pub(super) const YEAR_END_PREPOSITIONS: &[&str] = &[
    "by", "since", "around", "at", "until", "before", "after", "through",
];

/// Words in lower case that may follow "year-end" when it is a date ("by year end and …"); any
/// other makes it an adjective ("year-end results").
pub(super) const YEAR_END_FOLLOWERS: &[&str] = &[
    "and", "or", "the", "when", "as", "to", "in", "for", "with", "but", "while", "after", "if",
];

/// Words near "the nineties" that make it a temperature ("highs in the nineties").
pub(super) const TEMPERATURE_WORDS: &[&str] = &[
    "high",
    "highs",
    "low",
    "lows",
    "temperature",
    "temperatures",
    "degrees",
    "fahrenheit",
];

/// Months that are first names too: after "and" or an article, before a capitalised word, they
/// are names ("Hungary and Jan Kavan", "Johnny and June Carter").
pub(super) const NAME_MONTHS: &[&str] = &["jan", "june", "april", "may", "august"];

/// Words after "the year" that tie it to something else than the publication date's year.
pub(super) const NOT_THIS_YEAR_AFTER: &[&str] = &[
    "the",
    "to",
    "since",
    "through",
    "beginning",
    "begins",
    "starting",
    "and",
    "was",
    "of",
    "when",
    "that",
    "in",
    "which",
    "before",
    "after",
    "earlier",
    "ago",
    "later",
    "ended",
    "ending",
    "ends",
    "following",
    "previous",
    "prior",
];

/// Days, months and years counted from the date spoken of before them ("He left the next day",
/// "Later that year"): the phrase, its unit and how many of it after (before, when negative).
pub(super) const ANAPHORA: [(&[&str], &str, i64); 20] = [
    (&["earlier", "that", "day"], "day", 0),
    (&["later", "that", "day"], "day", 0),
    (&["that", "same", "day"], "day", 0),
    (&["the", "same", "day"], "day", 0),
    (&["that", "day"], "day", 0),
    (&["the", "next", "day"], "day", 1),
    (&["the", "following", "day"], "day", 1),
    (&["the", "next", "morning"], "day", 1),
    (&["the", "day", "before"], "day", -1),
    (&["the", "previous", "day"], "day", -1),
    (&["earlier", "that", "month"], "month", 0),
    (&["later", "that", "month"], "month", 0),
    (&["the", "following", "month"], "month", 1),
    (&["earlier", "that", "year"], "year", 0),
    (&["later", "that", "year"], "year", 0),
    (&["that", "same", "year"], "year", 0),
    (&["the", "same", "year"], "year", 0),
    (&["that", "year"], "year", 0),
    (&["the", "following", "year"], "year", 1),
    (&["the", "previous", "year"], "year", -1),
];

/// The first words of [`ANAPHORA`] other than "the": common words, so they ask the rules only
/// when the phrase's second word follows (`mod.rs`).
pub(super) const ANAPHORA_OPENERS: [&str; 3] = ["that", "earlier", "later"];

/// Whether the words at `i` and after may open one of [`ANAPHORA`] that does not start with
/// "the".
pub(super) fn may_open_anaphora(word: &str, next: Option<&str>) -> bool {
    ANAPHORA_OPENERS.contains(&word)
        && next.is_some_and(|n| {
            ANAPHORA
                .iter()
                .any(|(p, ..)| p[0] == word && p.get(1) == Some(&n))
        })
}

/// "the first quarter", in order.
pub(super) const QUARTER_ORDINALS: [&str; 4] = ["first", "second", "third", "fourth"];

// Weekdays.

pub(super) const WEEKDAYS: [(&str, Weekday); 21] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("понедельник", Weekday::Mon),
    ("вторник", Weekday::Tue),
    ("среду", Weekday::Wed),
    ("четверг", Weekday::Thu),
    ("пятницу", Weekday::Fri),
    ("субботу", Weekday::Sat),
    ("воскресенье", Weekday::Sun),
    ("bazar ertəsi", Weekday::Mon),
    ("çərşənbə axşamı", Weekday::Tue),
    ("çərşənbə", Weekday::Wed),
    ("cümə axşamı", Weekday::Thu),
    ("cümə", Weekday::Fri),
    ("şənbə", Weekday::Sat),
    ("bazar", Weekday::Sun),
];

pub(super) fn weekday_of(word: &str) -> Option<Weekday> {
    let found = |w: &str| {
        WEEKDAYS
            .iter()
            .take(14)
            .find(|(n, _)| super::tokens::same_word(n, w))
            .map(|(_, d)| *d)
    };
    if word.chars().any(char::is_uppercase) {
        found(&super::lower_case(word))
    } else {
        found(word)
    }
}

/// Words before a weekday that belong to its span: "в понедельник" (TimeML leaves the English
/// "on" out: "on Friday" is "Friday").
pub(super) const WEEKDAY_PREPOSITIONS: &[&str] = &["в", "во"];

// Relative expressions.

/// Phrases that name a time without pinning it down: shown, never put on the calendar; those that
/// point at the present, the past or the future say which (TIMEX3 `PRESENT_REF`…). Longer
/// phrases first. (Not the adjectives "recent", "current", "future": TimeML marks them now and
/// then, and a reader would not miss them.)
pub(super) const VAGUE: [(&[&str], Option<Ref>); 40] = [
    (&["a", "couple", "of", "days", "ago"], Some(Ref::Past)),
    (&["a", "couple", "of", "weeks", "ago"], Some(Ref::Past)),
    (&["a", "few", "days", "ago"], Some(Ref::Past)),
    (&["a", "few", "weeks", "ago"], Some(Ref::Past)),
    (&["a", "few", "months", "ago"], Some(Ref::Past)),
    (&["a", "few", "years", "ago"], Some(Ref::Past)),
    (&["several", "days", "ago"], Some(Ref::Past)),
    (&["several", "weeks", "ago"], Some(Ref::Past)),
    (&["several", "months", "ago"], Some(Ref::Past)),
    (&["several", "years", "ago"], Some(Ref::Past)),
    (&["some", "years", "ago"], Some(Ref::Past)),
    (&["some", "time", "ago"], Some(Ref::Past)),
    (&["coming", "days"], Some(Ref::Future)),
    (&["coming", "weeks"], Some(Ref::Future)),
    (&["coming", "months"], Some(Ref::Future)),
    (&["coming", "quarters"], Some(Ref::Future)),
    (&["coming", "years"], Some(Ref::Future)),
    (&["recently"], Some(Ref::Past)),
    (&["the", "past"], Some(Ref::Past)),
    (&["soon"], Some(Ref::Future)),
    (&["the", "future"], Some(Ref::Future)),
    (&["the", "near", "future"], Some(Ref::Future)),
    (&["the", "near", "term"], Some(Ref::Future)),
    (&["the", "short", "term"], Some(Ref::Future)),
    (&["a", "later", "date"], Some(Ref::Future)),
    (&["these", "days"], Some(Ref::Present)),
    (&["now"], Some(Ref::Present)),
    (&["currently"], Some(Ref::Present)),
    (&["presently"], Some(Ref::Present)),
    (&["nowadays"], Some(Ref::Present)),
    (&["at", "present"], Some(Ref::Present)),
    (&["в", "последние", "месяцы"], None),
    (&["недавно"], Some(Ref::Past)),
    (&["сейчас"], Some(Ref::Present)),
    (&["теперь"], Some(Ref::Present)),
    (&["в", "будущем"], Some(Ref::Future)),
    (&["son", "aylarda"], None),
    (&["hazırda"], Some(Ref::Present)),
    (&["indi"], Some(Ref::Present)),
    (&["gələcəkdə"], Some(Ref::Future)),
];

/// Parts of a day after a day ("Friday morning", "yesterday evening").
pub(super) const PARTS_OF_DAY: [(&str, DayPart); 8] = [
    ("morning", DayPart::Morning),
    ("afternoon", DayPart::Afternoon),
    ("evening", DayPart::Evening),
    ("night", DayPart::Night),
    ("утром", DayPart::Morning),
    ("днём", DayPart::Afternoon),
    ("вечером", DayPart::Evening),
    ("ночью", DayPart::Night),
];

/// A part of a day counted from the publication date: "this evening", "last night"; "mid-morning"
/// and "midafternoon" are the publication day's unless a day is named beside them.
pub(super) const DAY_PART_PHRASES: [(&[&str], i64, DayPart); 13] = [
    (&["this", "morning"], 0, DayPart::Morning),
    (&["mid", "-", "morning"], 0, DayPart::Morning),
    (&["mid", "morning"], 0, DayPart::Morning),
    (&["midmorning"], 0, DayPart::Morning),
    (&["mid", "-", "afternoon"], 0, DayPart::Afternoon),
    (&["mid", "afternoon"], 0, DayPart::Afternoon),
    (&["midafternoon"], 0, DayPart::Afternoon),
    (&["this", "afternoon"], 0, DayPart::Afternoon),
    (&["this", "evening"], 0, DayPart::Evening),
    (&["tonight"], 0, DayPart::Night),
    (&["last", "night"], -1, DayPart::Night),
    (&["сегодня", "утром"], 0, DayPart::Morning),
    (&["сегодня", "вечером"], 0, DayPart::Evening),
];

/// Words before a date that TimeML keeps in its span ("early next year", "the end of 1999",
/// "around 7:15 p.m.", "nearly four years ago"), longer first.
pub(super) const MODIFIERS: [&[&str]; 15] = [
    &["the", "early"],
    &["the", "late"],
    &["the", "mid"],
    &["the", "end", "of"],
    &["the", "middle", "of"],
    &["the", "beginning", "of"],
    &["the", "start", "of"],
    &["early"],
    &["earlier"],
    &["late"],
    &["later"],
    &["around"],
    &["nearly"],
    &["almost"],
    &["mid"],
];

/// When a holiday falls in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holiday {
    /// On a day of a month: Christmas Day, 12-25.
    Fixed(u32, u32),
    /// On the n-th such weekday of a month: Thanksgiving, the fourth Thursday of November.
    Nth(u32, Weekday, u8),
    /// On the last such weekday of a month: Memorial Day, the last Monday of May.
    Last(u32, Weekday),
    /// This many days from Easter Sunday (western): Good Friday is -2.
    Easter(i8),
}

/// Holidays news dates things by, longest phrase first (the apostrophe of "New Year's" is a
/// token of its own, and stands for a curly one too: [`super::Finder::is_phrase`]).
pub(super) const HOLIDAYS: [(&[&str], Holiday); 21] = [
    (&["new", "year", "'", "s", "day"], Holiday::Fixed(1, 1)),
    (&["new", "year", "'", "s", "eve"], Holiday::Fixed(12, 31)),
    (&["valentine", "'", "s", "day"], Holiday::Fixed(2, 14)),
    (&["the", "fourth", "of", "july"], Holiday::Fixed(7, 4)),
    (&["fourth", "of", "july"], Holiday::Fixed(7, 4)),
    (&["christmas", "day"], Holiday::Fixed(12, 25)),
    (&["christmas", "eve"], Holiday::Fixed(12, 24)),
    (&["christmas"], Holiday::Fixed(12, 25)),
    (&["boxing", "day"], Holiday::Fixed(12, 26)),
    (&["halloween"], Holiday::Fixed(10, 31)),
    (&["thanksgiving", "day"], Holiday::Nth(11, Weekday::Thu, 4)),
    (&["thanksgiving"], Holiday::Nth(11, Weekday::Thu, 4)),
    (&["labor", "day"], Holiday::Nth(9, Weekday::Mon, 1)),
    (&["memorial", "day"], Holiday::Last(5, Weekday::Mon)),
    (&["veterans", "day"], Holiday::Fixed(11, 11)),
    (
        &["father", "'", "s", "day"],
        Holiday::Nth(6, Weekday::Sun, 3),
    ),
    (&["easter", "sunday"], Holiday::Easter(0)),
    (&["easter", "monday"], Holiday::Easter(1)),
    (&["easter"], Holiday::Easter(0)),
    (&["good", "friday"], Holiday::Easter(-2)),
    (&["новый", "год"], Holiday::Fixed(1, 1)),
];

/// Nouns after a holiday that make it part of a name or a thing, not a day: "the Easter Sunday
/// attacks", "an Easter egg", "the Good Friday agreement", "a Christmas tree".
pub(super) const HOLIDAY_NAME_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "agreement",
    "accord",
    "accords",
    "egg",
    "eggs",
    "bunny",
    "rising",
    "uprising",
    "offensive",
    "massacre",
    "tree",
    "trees",
    "card",
    "cards",
    "carol",
    "carols",
    "present",
    "presents",
    "gift",
    "gifts",
    "lights",
    "decorations",
    "song",
    "songs",
    "island",
];

/// Season names.
pub(super) const SEASONS: [(&str, Season); 9] = [
    ("spring", Season::Spring),
    ("summer", Season::Summer),
    ("fall", Season::Fall),
    ("autumn", Season::Fall),
    ("winter", Season::Winter),
    ("весной", Season::Spring),
    ("летом", Season::Summer),
    ("осенью", Season::Fall),
    ("зимой", Season::Winter),
];

/// Words for a weekend.
pub(super) const WEEKEND_WORDS: &[&str] = &["weekend", "выходные", "выходных"];

/// Time zones after a time, kept in its span: "5 p.m. EST".
pub(super) const TIME_ZONES: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST",
];

/// Words for a day counted from the publication date, with the days they count.
pub(super) const DAY_WORDS: [(&str, i64); 7] = [
    ("yesterday", -1),
    ("вчера", -1),
    ("dünən", -1),
    ("today", 0),
    ("сегодня", 0),
    ("tomorrow", 1),
    ("завтра", 1),
];

/// "bu gün", Azerbaijani "today".
pub(super) const TODAY_PHRASE: [&str; 2] = ["bu", "gün"];

/// "last week", "прошлой неделе", "keçən il".
pub(super) const PREVIOUS: &[&str] = &[
    "last",
    "past",
    "прошлой",
    "прошлом",
    "прошлого",
    "keçən",
    "ötən",
];

/// "this week", "этом году", "bu il".
pub(super) const CURRENT: &[&str] = &["this", "этой", "этом", "этого", "bu"];

/// "next week", "следующем месяце", "gələn il".
pub(super) const FOLLOWING: &[&str] = &["next", "следующей", "следующем", "gələn"];

/// The way a word points: -1 for "last" ([`PREVIOUS`]), 0 for "this" ([`CURRENT`]), 1 for
/// "next" ([`FOLLOWING`]).
pub(super) fn direction(word: &str) -> Option<i64> {
    [PREVIOUS, CURRENT, FOLLOWING]
        .iter()
        .position(|words| words.contains(&word))
        .map(|k| k as i64 - 1)
}

pub(super) const WEEK_WORDS: &[&str] = &["week", "неделе", "неделю", "həftə"];
pub(super) const MONTH_WORDS: &[&str] = &["month", "месяце", "месяц", "ay"];
pub(super) const YEAR_UNIT_WORDS: &[&str] = &["year", "году", "год", "il"];

/// Words before "last week" that belong to its span: "на прошлой неделе", "в этом году".
pub(super) const SHIFT_PREPOSITIONS: &[&str] = &["на", "в"];

/// Number words before "days ago".
pub(super) const NUMBER_WORDS: [(&str, i64); 20] = [
    ("one", 1),
    ("a", 1),
    ("an", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
];

/// Years in words: their first word ("nineteen ninety-six").
pub(super) const SPELLED_CENTURIES: [(&str, i32); 2] = [("nineteen", 1900), ("eighteen", 1800)];
/// One to nineteen in words, in order.
pub(super) const SPELLED_UNITS: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Decades in words, after "the": "the nineties" (its century by the publication date).
pub(super) const SPELLED_DECADES: [&str; 8] = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// Tens in words.
pub(super) const SPELLED_TENS: [(&str, i32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Days of a month spelled as ordinals, after the month ("March eighth"); the twenties and
/// thirties join a unit's ordinal to [`SPELLED_TENS`]' "twenty", "thirty" ("May twenty-first").
pub(super) const SPELLED_ORDINAL_DAYS: [(&str, u32); 21] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

// Durations and sets: how long, how often — shown, never on the calendar.

/// Units of a duration and how TIMEX3 writes them: the letter, how many of it one unit is, and
/// whether it is a time (`PT3H`) rather than a date (`P3W`).
pub(super) const DURATION_UNITS: [(&str, &str, i64, bool); 11] = [
    ("second", "S", 1, true),
    ("minute", "M", 1, true),
    ("hour", "H", 1, true),
    ("day", "D", 1, false),
    ("week", "W", 1, false),
    ("fortnight", "W", 2, false),
    ("month", "M", 1, false),
    ("quarter", "Q", 1, false),
    ("year", "Y", 1, false),
    ("decade", "Y", 10, false),
    ("century", "Y", 100, false),
];

/// Words after a length that make it an age ("52 years old", "18-year-olds"): no length of time.
pub(super) const AGE_WORDS: &[&str] = &["old", "olds"];

/// Counts that say no number: "several years" is `PXY`.
pub(super) const SOME_WORDS: &[&str] = &["several", "few", "many", "some", "recent"];

/// Words before a count that belong to a duration's span: "the past two months", "the next
/// three years".
pub(super) const SPAN_WORDS: &[&str] = &["past", "last", "next", "first", "coming", "previous"];

/// Words before "a year", "an hour" that make it a length: "for a year", "within an hour".
pub(super) const LENGTH_PREPOSITIONS: &[&str] = &[
    "for", "over", "within", "than", "about", "almost", "nearly", "past", "after", "least",
    "barely",
];

/// Words between a count and its unit that leave it a length: "two more weeks", "an
/// additional year".
pub(super) const LENGTH_EXTRAS: &[&str] = &["more", "additional", "further", "extra"];

/// Units in the plural that are a length with no number after [`BARE_LENGTH_PREPOSITIONS`]
/// ("for years" is `PXY`), with their letter and whether they are of the clock.
pub(super) const BARE_LENGTHS: [(&str, &str, bool); 6] = [
    ("minutes", "M", true),
    ("hours", "H", true),
    ("days", "D", false),
    ("weeks", "W", false),
    ("months", "M", false),
    ("years", "Y", false),
];

pub(super) const BARE_LENGTH_PREPOSITIONS: &[&str] = &["for", "within", "in"];

/// Words after a unit that make it no duration but a date counted back or on. (Not "before" and
/// "after": "30 days before closing" is a length, as TimeML marks it.)
pub(super) const NOT_DURATION_AFTER: &[&str] = &["ago", "earlier", "later"];

/// Words that repeat what follows: "every Monday", "each year".
pub(super) const EVERY_WORDS: &[&str] = &["every", "each"];

/// Words that are sets on their own, with their TIMEX3 value. (Not "quarterly" and "annually":
/// in news they are mostly a dividend's or a rate's; "daily" is marked even as a newspaper's.)
pub(super) const SET_WORDS: [(&str, &str); 6] = [
    ("daily", "P1D"),
    ("nightly", "P1D"),
    ("weekly", "P1W"),
    ("monthly", "P1M"),
    ("yearly", "P1Y"),
    ("hourly", "PT1H"),
];

// Ranges and what is still going on.

/// "since December 3": still going on.
pub(super) const SINCE_WORDS: &[&str] = &["since", "с"];

/// Words before a date that put it in the past ("since March"); Russian "с" is left out: "с 1
/// августа" is as often "from August 1" ahead.
pub(super) const SINCE_PAST: &[&str] = &["since"];

/// "until March": the end of a range.
pub(super) const UNTIL_WORDS: &[&str] = &["until", "till", "до"];

/// "from December 3 …", "between May and …": the start of a range, if a joiner follows.
pub(super) const RANGE_OPENERS: &[&str] = &["from", "between"];

/// What joins the two ends of a range: "from May to June", "between May and June".
pub(super) const RANGE_JOINERS: &[&str] = &["to", "until", "till", "and", "-", "–", "through"];

// Tense.

/// Words after "soon" that tell it from another time, not from now ("soon after the vote").
pub(super) const SOON_FROM: &[&str] = &["after", "before", "afterward", "afterwards", "thereafter"];

/// Words before "soon" that make it a measure, not a time ("too soon to say", "how soon").
pub(super) const SOON_MEASURES: &[&str] = &["too", "so", "how"];

/// Modal verbs: "soon" after one is ahead ("they may soon seek").
pub(super) const MODALS: &[&str] = &[
    "will", "would", "may", "might", "could", "can", "should", "must", "shall",
];

/// Present forms of "be" and "have": a participle after one is passive or present perfect, not
/// past ("is expected", "has divided").
pub(super) const PRESENT_BE: &[&str] = &["is", "are", "am", "be", "being", "has", "have"];

/// English words that make a sentence look back, besides those ending in "-ed", in any case.
pub(super) const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "said", "ago", "told", "met", "held", "left", "went", "came",
    "took", "began", "became",
];

/// Irregular past tenses whose participle differs ("the case is heard in May" is no past), read
/// only in lower case: "Rose", "Drew" and "Fell" are names too.
pub(super) const PAST_IRREGULAR: &[&str] = &[
    "drew", "fell", "rose", "gave", "ran", "wrote", "spoke", "broke", "chose", "flew", "grew",
    "knew", "threw", "stole", "swore", "woke", "wore",
];

/// Verbs that report what someone said: the clause they open has a tense of its own ("Conseco
/// said it is calling the shares on Dec. 7").
pub(super) const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "reported",
    "added",
    "stated",
];

/// Words right before a date that make it a deadline ("must be returned by Jan. 14", "payable
/// Dec. 7", "expire Nov. 21"): a month after publication's is then the coming one even in a past
/// sentence; a month before it moves to next year only after [`FIRM_DEADLINE_WORDS`].
pub(super) const DEADLINE_WORDS: &[&str] = &[
    "by",
    "until",
    "till",
    "payable",
    "effective",
    "expire",
    "expires",
    "record",
    "due",
    "extended",
    "postponed",
    "delayed",
    "deferred",
    "adjourned",
    "до",
];

/// Of [`DEADLINE_WORDS`], those that put a date ahead even in a past sentence and when its
/// month is before publication ("The reduced dividend is payable Jan. 2", published in
/// November, is next January's); "by", "until" and the others do so only where the sentence
/// does not look back ("By February, protests had spread").
pub(super) const FIRM_DEADLINE_WORDS: &[&str] =
    &["payable", "effective", "due", "expire", "expires"];

/// Words after "to" that make it no infinitive: articles, possessives and the nouns news sends
/// people to ("went to court", "returned to power", "sent to prison").
pub(super) const NOT_INFINITIVES: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "court", "prison", "jail",
    "power", "office", "hospital", "school", "work", "trial", "war", "town", "death", "bed",
    "church", "college", "sea", "safety", "justice",
];

/// Endings of Russian past-tense verbs.
pub(super) const RUSSIAN_PAST_ENDINGS: &[&str] =
    &["л", "ла", "ло", "ли", "лся", "лась", "лось", "лись"];

/// Endings of Azerbaijani past-tense verbs.
pub(super) const AZERBAIJANI_PAST_ENDINGS: &[&str] = &[
    "ib",
    "ıb",
    "ub",
    "üb",
    "di",
    "dı",
    "du",
    "dü",
    "mişdir",
    "mışdır",
];

/// Letters only Azerbaijani (of the three languages) writes.
pub(super) const AZERBAIJANI_LETTERS: &str = "əğışçöü";

/// Phrases that make a sentence look ahead, matched in the lower-cased sentence padded with
/// spaces.
pub(super) const FUTURE_CUES: [&str; 22] = [
    " will ",
    " shall ",
    " would be held",
    " is to ",
    " are to ",
    " to be held",
    " scheduled",
    " is expected",
    " are expected",
    " plans to",
    " planned for",
    " next ",
    " upcoming",
    " going to",
    " resume on",
    " будет",
    " будут",
    " состоится",
    "acaq",
    "əcək",
    " gələn ",
    " coming ",
];

/// Phrases that make the day after them one to come when they lead to it in its clause ("they
/// planned a demonstration on Saturday", "would leave on Thursday", "as soon as Tuesday"), though
/// elsewhere in a sentence they say nothing of that day.
pub(super) const CLAUSE_FUTURE_CUES: [&str; 9] = [
    " would ",
    " might ",
    " planned ",
    " planning ",
    " set to ",
    " as soon as ",
    " plan to ",
    " expects to ",
    " intends to ",
];

/// Weekdays in the plural, as a set names them ("on Tuesdays").
const WEEKDAY_PLURALS: [&str; 7] = [
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "sundays",
];

/// A set of words the lexicon names, from which [`word_classes`] is made.
#[derive(Default)]
pub(super) struct Starters {
    words: rustc_hash::FxHashSet<&'static str>,
}

impl Starters {
    pub(super) fn insert(&mut self, word: &'static str) {
        self.words.insert(word);
    }

    #[cfg(test)]
    pub(super) fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

impl Extend<&'static str> for Starters {
    fn extend<I: IntoIterator<Item = &'static str>>(&mut self, words: I) {
        for word in words {
            self.insert(word);
        }
    }
}

impl<'a> Extend<&'a &'static str> for Starters {
    fn extend<I: IntoIterator<Item = &'a &'static str>>(&mut self, words: I) {
        self.extend(words.into_iter().copied());
    }
}

/// What a lower-cased word may do in the search (`mod.rs`), as bits of [`word_classes`]: every
/// word of every text is looked up once.
pub(super) mod class {
    /// One of [`super::starters`].
    pub(in super::super) const STARTER: u16 = 1;
    /// One of [`super::after_article`].
    pub(in super::super) const AFTER_ARTICLE: u16 = 1 << 1;
    /// One of [`super::ARTICLES`].
    pub(in super::super) const ARTICLE: u16 = 1 << 2;
    /// One of [`super::ANAPHORA_OPENERS`].
    pub(in super::super) const ANAPHORA_OPENER: u16 = 1 << 3;
    /// One of [`super::BARE_LENGTH_PREPOSITIONS`].
    pub(in super::super) const BARE_PREPOSITION: u16 = 1 << 4;
    /// A unit of [`super::BARE_LENGTHS`].
    pub(in super::super) const BARE_LENGTH: u16 = 1 << 5;
    /// The first word of one of [`super::ANAPHORA`].
    pub(in super::super) const OPENS_ANAPHORA: u16 = 1 << 6;
    /// The first word of one of [`super::VAGUE`].
    pub(in super::super) const OPENS_VAGUE: u16 = 1 << 7;
    /// The first word of one of [`super::DAY_PART_PHRASES`].
    pub(in super::super) const OPENS_DAY_PART: u16 = 1 << 8;
    /// The first word of one of [`super::HOLIDAYS`].
    pub(in super::super) const OPENS_HOLIDAY: u16 = 1 << 9;
    /// The last word of one of [`super::MODIFIERS`].
    pub(in super::super) const ENDS_MODIFIER: u16 = 1 << 10;
}

/// The phrase tables whose first words [`class`] marks, with their bit: a rule reads its table
/// only at a word that opens one of its phrases.
pub(super) fn phrase_openers() -> [(Vec<&'static str>, u16); 4] {
    let first = |p: &[&'static str]| p.first().copied().unwrap_or_default();
    [
        (
            ANAPHORA.iter().map(|(p, ..)| first(p)).collect(),
            class::OPENS_ANAPHORA,
        ),
        (
            VAGUE.iter().map(|(p, _)| first(p)).collect(),
            class::OPENS_VAGUE,
        ),
        (
            DAY_PART_PHRASES.iter().map(|(p, ..)| first(p)).collect(),
            class::OPENS_DAY_PART,
        ),
        (
            HOLIDAYS.iter().map(|(p, _)| first(p)).collect(),
            class::OPENS_HOLIDAY,
        ),
    ]
}

/// Each word the search asks about, with its [`class`] bits; a word not here has none.
pub(super) struct WordClasses {
    classes: rustc_hash::FxHashMap<&'static str, u16>,
    /// For each pair of first and second bytes (five bits of each), the lengths (a bit each,
    /// the longest sharing the last) of the words of `classes` that begin so: most words of a
    /// text are told apart here, with no hashing.
    openings: Box<[u32; 1024]>,
}

impl WordClasses {
    fn opening(word: &str) -> (usize, u32) {
        let bytes = word.as_bytes();
        let first = bytes.first().map_or(0, |b| usize::from(b & 31));
        let second = bytes.get(1).map_or(0, |b| usize::from(b & 31));
        (first << 5 | second, 1 << word.len().min(31))
    }

    fn insert(&mut self, word: &'static str, bits: u16) {
        *self.classes.entry(word).or_insert(0) |= bits;
        let (at, length) = Self::opening(word);
        self.openings[at] |= length;
    }

    /// The [`class`] bits of a lower-cased word: 0 for most.
    #[inline]
    pub(super) fn of(&self, word: &str) -> u16 {
        let (at, length) = Self::opening(word);
        if self.openings[at] & length == 0 {
            return 0;
        }
        self.classes.get(word).copied().unwrap_or(0)
    }
}

pub(super) fn word_classes() -> &'static WordClasses {
    static CLASSES: std::sync::OnceLock<WordClasses> = std::sync::OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut classes = WordClasses {
            classes: rustc_hash::FxHashMap::default(),
            openings: Box::new([0; 1024]),
        };
        let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u16| {
            for w in words {
                classes.insert(w, bit);
            }
        };
        add(&mut starters().words.iter().copied(), class::STARTER);
        add(
            &mut after_article().words.iter().copied(),
            class::AFTER_ARTICLE,
        );
        add(&mut ARTICLES.iter().copied(), class::ARTICLE);
        add(
            &mut ANAPHORA_OPENERS.iter().copied(),
            class::ANAPHORA_OPENER,
        );
        add(
            &mut BARE_LENGTH_PREPOSITIONS.iter().copied(),
            class::BARE_PREPOSITION,
        );
        add(
            &mut BARE_LENGTHS.iter().map(|(u, ..)| *u),
            class::BARE_LENGTH,
        );
        for (words, bit) in phrase_openers() {
            add(&mut words.into_iter(), bit);
        }
        add(
            &mut MODIFIERS.iter().filter_map(|m| m.last().copied()),
            class::ENDS_MODIFIER,
        );
        classes
    })
}

/// Whether a lower-cased word may be a month's name: its first three letters are those of a
/// month in English or Azerbaijani ("sept", "dekabrda"), or its first two those of one in
/// Russian ("декабря"). Asked before the full look-up, which most words never need.
#[inline]
pub(super) fn may_be_month(lower: &str) -> bool {
    match lower.as_bytes() {
        [a, b, c, ..] if a.is_ascii() => matches!(
            &[*a, *b, *c],
            b"jan"
                | b"feb"
                | b"mar"
                | b"apr"
                | b"may"
                | b"jun"
                | b"jul"
                | b"aug"
                | b"sep"
                | b"oct"
                | b"nov"
                | b"dec"
                | b"yan"
                | b"fev"
                | b"iyu"
                | b"avq"
                | b"sen"
                | b"okt"
                | b"noy"
                | b"dek"
        ),
        [a, ..] if a.is_ascii() => false,
        _ => {
            let mut chars = lower.chars();
            let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
                return false;
            };
            CYRILLIC_MONTH_PREFIXES.iter().any(|p| {
                let mut p = p.chars();
                p.next() == Some(a) && p.next() == Some(b)
            })
        }
    }
}

/// The first two letters of the months' Russian names (the English and Azerbaijani ones are in
/// [`may_be_month`]).
const CYRILLIC_MONTH_PREFIXES: [&str; 10] =
    ["ян", "фе", "ма", "ап", "ию", "ав", "се", "ок", "но", "де"];

/// Every word a rule may start at, but months and weekdays (told by `month_number` and
/// [`weekday_of`]): the first words of the tables above and the few words rules name. The
/// search skips any other word, which is most of a text.
/// Articles: they start a rule only before a number, a symbol, a month, a word that starts a
/// rule itself, or one of [`after_article`] ("the past", "a year", "the 1990s", "the weekend").
pub(super) const ARTICLES: &[&str] = &["the", "a", "an"];

/// The words after an article, besides those that start a rule themselves, that a rule reads:
/// the second word of every phrase the lexicon begins with one, and the words the rules look for
/// after one ("the past two months", "a few days", "the end of 1999").
pub(super) fn after_article() -> &'static Starters {
    static AFTER: std::sync::OnceLock<Starters> = std::sync::OnceLock::new();
    AFTER.get_or_init(|| {
        let mut set = Starters::default();
        let second = |p: &[&'static str]| match p {
            [first, second, ..] if ARTICLES.contains(first) => Some(*second),
            _ => None,
        };
        set.extend(QUARTER_PHRASES.iter().filter_map(|(p, _)| second(p)));
        set.extend(VAGUE.iter().filter_map(|(p, _)| second(p)));
        set.extend(DAY_PART_PHRASES.iter().filter_map(|(p, ..)| second(p)));
        set.extend(HOLIDAYS.iter().filter_map(|(p, _)| second(p)));
        set.extend(ANAPHORA.iter().filter_map(|(p, ..)| second(p)));
        set.extend(THIS_YEAR_PHRASES.iter().filter_map(|p| second(p)));
        set.extend(MODIFIERS.iter().filter_map(|p| second(p)));
        set.extend(WEEKEND_WORDS);
        set.extend(SPAN_WORDS);
        set.extend(SOME_WORDS);
        set.extend(LENGTH_EXTRAS);
        set.extend(BARE_LENGTHS.iter().map(|(plural, ..)| *plural));
        set.extend(MONTH_TRIGGERS);
        set.extend(QUARTER_ORDINALS);
        set.extend(PARTS_OF_MONTH);
        set.extend(WEEK_WORDS);
        set.extend(MONTH_WORDS);
        set.extend(YEAR_UNIT_WORDS);
        set
    })
}

pub(super) fn starters() -> &'static Starters {
    static STARTERS: std::sync::OnceLock<Starters> = std::sync::OnceLock::new();
    STARTERS.get_or_init(|| {
        let mut set = Starters::default();
        set.extend([
            "the", "a", "an", "one", "fiscal", "noon", "midday", "midnight", "q",
        ]);
        set.extend(PARTS_OF_MONTH);
        set.extend(QUARTER_ORDINALS);
        set.extend(QUARTER_PHRASES.iter().map(|(p, _)| p[0]));
        set.extend(SEASONS.iter().map(|(s, _)| *s));
        set.extend(NUMBER_WORDS.iter().map(|(w, _)| *w));
        set.extend(SPELLED_CENTURIES.iter().map(|(w, _)| *w));
        set.extend(SPELLED_DECADES);
        set.extend(SPELLED_TENS.iter().map(|(w, _)| *w));
        set.extend(SPELLED_UNITS);
        set.extend(SOME_WORDS);
        set.extend(SET_WORDS.iter().map(|(w, _)| *w));
        set.extend(EVERY_WORDS);
        set.extend(VAGUE.iter().map(|(p, _)| p[0]));
        set.extend(DAY_PART_PHRASES.iter().map(|(p, ..)| p[0]));
        set.extend(DAY_WORDS.iter().map(|(w, _)| *w));
        set.insert(TODAY_PHRASE[0]);
        set.extend(PREVIOUS);
        set.extend(CURRENT);
        set.extend(FOLLOWING);
        set.extend(DURATION_UNITS.iter().map(|(u, ..)| *u));
        set.extend(WEEKDAYS.iter().map(|(w, _)| *w));
        set.extend(WEEKDAY_PLURALS);
        set.extend(HOLIDAYS.iter().map(|(p, _)| p[0]));
        set
    })
}

#[cfg(test)]
mod word_class_tests {
    use super::{class, word_classes};

    #[test]
    fn every_word_is_found_with_its_classes_and_others_have_none() {
        let classes = word_classes();
        for (word, bits) in &classes.classes {
            assert_eq!(classes.of(word), *bits, "{word}");
        }
        assert_ne!(classes.of("the") & class::ARTICLE, 0);
        assert_ne!(classes.of("later") & class::ANAPHORA_OPENER, 0);
        assert_ne!(classes.of("years") & class::BARE_LENGTH, 0);
        for word in ["", "minister", "th", "thee", "таблица", "theatre", "x"] {
            assert_eq!(classes.of(word), 0, "{word}");
        }
        // A table is read only at a word its class marks: every first word must be one word
        // of letters, as the tokenizer cuts and lower-cases it.
        for (words, bit) in super::phrase_openers() {
            for word in words {
                assert!(
                    !word.is_empty()
                        && word.chars().all(|c| c.is_alphabetic() && !c.is_uppercase()),
                    "{word:?}"
                );
                assert_ne!(classes.of(word) & bit, 0, "{word}");
            }
        }
        for modifier in super::MODIFIERS {
            let last = modifier.last().copied().unwrap_or_default();
            assert!(
                last.chars().all(|c| c.is_alphabetic() && !c.is_uppercase()),
                "{last:?}"
            );
            assert_ne!(classes.of(last) & class::ENDS_MODIFIER, 0, "{last}");
        }
    }
}
