//! Which articles the list shows and in what order: the filter, the day or stretch of days, the
//! sort, and putting articles appended while a collection streams in in their places.

use crate::core::collection::{self, Article};
use crate::core::timestamp::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    NewestFirst,
    OldestFirst,
    Source,
    Title,
}

impl SortKey {
    /// For the orders by date, whether newest first; `None` for the others.
    pub(super) fn newest_first(self) -> Option<bool> {
        match self {
            SortKey::NewestFirst => Some(true),
            SortKey::OldestFirst => Some(false),
            SortKey::Source | SortKey::Title => None,
        }
    }

    pub(super) const ALL: [SortKey; 4] = [
        SortKey::NewestFirst,
        SortKey::OldestFirst,
        SortKey::Source,
        SortKey::Title,
    ];

    pub(super) fn label(self) -> &'static str {
        match self {
            SortKey::NewestFirst => "Newest first",
            SortKey::OldestFirst => "Oldest first",
            SortKey::Source => "Source",
            SortKey::Title => "Title",
        }
    }
}

/// Whether `article` matches every word of `filter` (case-insensitively) in its title, source,
/// byline or path.
pub fn matches_filter(article: &Article, filter_words: &[String]) -> bool {
    if filter_words.is_empty() {
        return true;
    }
    let m = &article.meta;
    let hay = format!(
        "{} {} {} {}",
        m.title,
        m.source.as_deref().unwrap_or(""),
        m.byline.as_deref().unwrap_or(""),
        article.path
    )
    .to_lowercase();
    filter_words.iter().all(|w| hay.contains(w.as_str()))
}

/// What the list shows: articles whose title, source, byline or file has every word of
/// `filter`, published on `day` and within `range` where those are set, in `sort`'s order.
#[derive(Debug, Clone, Copy)]
pub struct ListQuery<'a> {
    pub filter: &'a str,
    pub sort: SortKey,
    pub day: Option<chrono::NaiveDate>,
    pub range: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// The indices of the articles to list, filtered and sorted.
pub fn visible_rows(
    articles: &[Article],
    filter: &str,
    sort: SortKey,
    day: Option<chrono::NaiveDate>,
) -> Vec<usize> {
    visible_rows_in(articles, filter, sort, day, None)
}

/// [`visible_rows`], also limited to a stretch of days.
pub fn visible_rows_in(
    articles: &[Article],
    filter: &str,
    sort: SortKey,
    day: Option<chrono::NaiveDate>,
    range: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> Vec<usize> {
    let query = ListQuery {
        filter,
        sort,
        day,
        range,
    };
    rows_with_dates(articles, &query).0
}

/// The places from `from` on of the articles that pass the filter, the day and the stretch of
/// days, in place order.
fn matching(articles: &[Article], from: usize, query: &ListQuery) -> Vec<usize> {
    let ListQuery { day, range, .. } = *query;
    let words: Vec<String> = query
        .filter
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    (from..articles.len())
        .filter(|&i| {
            let a = &articles[i];
            day.is_none_or(|d| a.meta.published.is_some_and(|p| p.date == d))
                && range.is_none_or(|(from, to)| {
                    a.meta
                        .published
                        .is_some_and(|p| from <= p.date && p.date <= to)
                })
                && matches_filter(a, &words)
        })
        .collect()
}

/// Sorts `rows` by `sort`, in the order [`row_order`] gives.
fn sort_rows(articles: &[Article], rows: &mut Vec<usize>, sort: SortKey) {
    match sort {
        SortKey::NewestFirst => collection::sort_by_date(articles, rows, true),
        SortKey::OldestFirst => collection::sort_by_date(articles, rows, false),
        // Stable sorts: equal keys stay in place order, as `row_order` has it.
        SortKey::Source => rows.sort_by(|&a, &b| source_order(articles, a, b)),
        SortKey::Title => rows.sort_by_cached_key(|&i| articles[i].meta.title.to_lowercase()),
    }
}

/// By source (articles without one last), then newest first.
fn source_order(articles: &[Article], a: usize, b: usize) -> std::cmp::Ordering {
    let key = |i: usize| {
        let s = articles[i].meta.source.as_deref().unwrap_or("");
        (s.is_empty(), s.to_lowercase())
    };
    let published = |i: usize| articles[i].meta.published;
    key(a).cmp(&key(b)).then(published(b).cmp(&published(a)))
}

/// The order of the list as a comparison of two places: [`sort_rows`]'s order, ties (which only
/// the source and title orders have) settled by place.
fn row_order(articles: &[Article], sort: SortKey, a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&articles[a], &articles[b]);
    match sort {
        SortKey::NewestFirst | SortKey::OldestFirst => collection::date_order(
            &(x.meta.published, a),
            &(y.meta.published, b),
            sort == SortKey::NewestFirst,
        ),
        SortKey::Source => source_order(articles, a, b),
        SortKey::Title => x
            .meta
            .title
            .to_lowercase()
            .cmp(&y.meta.title.to_lowercase()),
    }
    .then(a.cmp(&b))
}

/// The rows for a list's settings, from scratch: the articles that pass the filter, the day and
/// the stretch of days, sorted; with their publication dates side by side when sorted by date
/// (empty otherwise), for [`add_appended_rows`].
pub fn rows_with_dates(
    articles: &[Article],
    query: &ListQuery,
) -> (Vec<usize>, Vec<Option<Timestamp>>) {
    let mut rows = matching(articles, 0, query);
    match query.sort.newest_first() {
        Some(newest_first) => collection::date_keys(articles, &rows, newest_first),
        None => {
            sort_rows(articles, &mut rows, query.sort);
            (rows, Vec::new())
        }
    }
}

/// Puts the articles appended since `rows` (with `dates`, as [`rows_with_dates`] gives them) was
/// the list of the first `covered` articles in their places: `rows` and `dates` become what
/// [`rows_with_dates`] gives for all of them. By date, one pass from the end over the keys side
/// by side, in place (a million rows: a few milliseconds, where sorting them all again takes half
/// a second); in other orders, a binary search for each new row.
pub fn add_appended_rows(
    articles: &[Article],
    rows: &mut Vec<usize>,
    dates: &mut Vec<Option<Timestamp>>,
    covered: usize,
    query: &ListQuery,
) {
    let sort = query.sort;
    let mut new = matching(articles, covered, query);
    if let Some(newest_first) = sort.newest_first()
        && dates.len() == rows.len()
    {
        let (new_rows, new_dates) = collection::date_keys(articles, &new, newest_first);
        let mut old = rows.len();
        rows.resize(old + new_rows.len(), 0);
        dates.resize(old + new_rows.len(), None);
        // From the end: the later of the last old row and the last new one goes last.
        let mut at = rows.len();
        for n in new_dates.into_iter().zip(new_rows).rev() {
            while old > 0
                && collection::date_order(&(dates[old - 1], rows[old - 1]), &n, newest_first)
                    .is_gt()
            {
                old -= 1;
                at -= 1;
                rows[at] = rows[old];
                dates[at] = dates[old];
            }
            at -= 1;
            rows[at] = n.1;
            dates[at] = n.0;
        }
        return;
    }
    sort_rows(articles, &mut new, sort);
    let mut out = Vec::with_capacity(rows.len() + new.len());
    let mut rest = rows.as_slice();
    for n in new {
        let before = rest.partition_point(|&o| row_order(articles, sort, o, n).is_lt());
        out.extend_from_slice(&rest[..before]);
        out.push(n);
        rest = &rest[before..];
    }
    out.extend_from_slice(rest);
    *rows = out;
    dates.clear();
}

/// The first row [`visible_rows`] would give, found in one pass instead of a sort.
pub fn first_row(articles: &[Article], query: &ListQuery) -> Option<usize> {
    matching(articles, 0, query)
        .into_iter()
        .min_by(|&a, &b| row_order(articles, query.sort, a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::test_article as article;

    #[test]
    fn rows_filter_and_sort() {
        let articles = vec![
            article("b.txt", "2022-12-09\n\nZeta talks, Trend reports.\n"),
            article("a.txt", "2022-12-07\n\nAlpha meeting, Azernews reports.\n"),
            article("c.txt", "No date here at all.\n"),
        ];
        let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 7);
        let cases: &[(&str, SortKey, Option<chrono::NaiveDate>, &[usize])] = &[
            ("", SortKey::NewestFirst, None, &[0, 1, 2]),
            ("", SortKey::OldestFirst, None, &[1, 0, 2]),
            ("", SortKey::Source, None, &[1, 0, 2]),
            ("", SortKey::Title, None, &[1, 2, 0]),
            ("trend", SortKey::NewestFirst, None, &[0]),
            ("ALPHA a.txt", SortKey::NewestFirst, None, &[1]),
            ("", SortKey::NewestFirst, day, &[1]),
            ("zeta", SortKey::NewestFirst, day, &[]),
        ];
        for (filter, sort, day, want) in cases {
            assert_eq!(
                visible_rows(&articles, filter, *sort, *day),
                *want,
                "{filter:?} {sort:?} {day:?}"
            );
        }
    }

    /// Articles whose dates, sources and titles tie in every way the list can sort by.
    fn many() -> Vec<Article> {
        let sources = ["Trend", "Azernews", "", "trend"];
        (0..40)
            .map(|i| {
                let date = match i % 5 {
                    0 => String::new(),
                    n => format!("2022-12-0{n}\n"),
                };
                let source = sources[i % 4];
                let by = if source.is_empty() {
                    String::new()
                } else {
                    format!(", {source} reports")
                };
                let title = ["Zeta", "alpha", "Alpha", "Meeting"][i % 3];
                article(
                    &format!("{:02}.txt", (i * 7) % 40),
                    &format!("{date}\n{title} talks{by}.\n"),
                )
            })
            .collect()
    }

    #[test]
    fn appended_articles_take_the_places_a_full_sort_gives_them() {
        let articles = many();
        let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 3);
        for sort in SortKey::ALL {
            for (filter, day) in [("", None), ("talks", None), ("alpha", None), ("", day)] {
                let all = visible_rows(&articles, filter, sort, day);
                let query = ListQuery {
                    filter,
                    sort,
                    day,
                    range: None,
                };
                for covered in [0, 1, 17, 39, 40] {
                    let mut merged = rows_with_dates(&articles[..covered], &query);
                    add_appended_rows(&articles, &mut merged.0, &mut merged.1, covered, &query);
                    assert_eq!(
                        merged,
                        rows_with_dates(&articles, &query),
                        "{sort:?} {filter:?} {day:?} after {covered}"
                    );
                    assert_eq!(merged.0, all);
                }
                assert_eq!(
                    first_row(&articles, &query),
                    all.first().copied(),
                    "first of {sort:?} {filter:?} {day:?}"
                );
            }
        }
    }
}
