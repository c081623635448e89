//! Search and recycled text in the window: what to search (the filters), and the two background
//! jobs, which read the articles' shared texts on their own threads and report as they go.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, mpsc};

use crate::core::annotations::AnnotationSet;
use crate::core::article_text::ArticleText;
use crate::core::collection::Article;
use crate::core::recycled::RecycledIndex;
use crate::core::search::{Matcher, find_all};

use super::jobs::Wake;

/// Whether an article has annotations or events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Annotated {
    #[default]
    Any,
    Annotated,
    NotAnnotated,
}

impl Annotated {
    pub const ALL: [Annotated; 3] = [
        Annotated::Any,
        Annotated::Annotated,
        Annotated::NotAnnotated,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Annotated::Any => "Annotated or not",
            Annotated::Annotated => "Annotated",
            Annotated::NotAnnotated => "Not annotated",
        }
    }
}

/// What a search is limited to, besides its words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchFilters {
    pub source: Option<String>,
    /// A tag of an annotation or event, or an event type.
    pub tag: Option<String>,
    pub annotated: Annotated,
    /// Only articles published in the day or range selected on the calendar or timeline.
    pub dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// A search the user asked for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: SearchFilters,
}

/// The articles a search looks at, newest first.
pub fn candidates(
    articles: &[Article],
    annotations: &AnnotationSet,
    filters: &SearchFilters,
) -> Vec<usize> {
    let annotated: HashSet<&str> = match filters.annotated {
        Annotated::Any => HashSet::new(),
        _ => annotations
            .events
            .iter()
            .flat_map(|e| e.evidence.iter().map(|p| p.path.as_str()))
            .chain(
                annotations
                    .annotations
                    .iter()
                    .map(|a| a.passage.path.as_str()),
            )
            .collect(),
    };
    let tagged: Option<HashSet<&str>> = filters.tag.as_ref().map(|tag| {
        annotations
            .events
            .iter()
            .filter(|e| e.tags.contains(tag) || &e.event_type == tag)
            .flat_map(|e| e.evidence.iter().map(|p| p.path.as_str()))
            .chain(
                annotations
                    .annotations
                    .iter()
                    .filter(|a| a.tags.contains(tag))
                    .map(|a| a.passage.path.as_str()),
            )
            .collect()
    });
    let mut out: Vec<usize> = (0..articles.len())
        .filter(|&i| {
            let a = &articles[i];
            let m = &a.meta;
            filters
                .source
                .as_ref()
                .is_none_or(|s| m.source.as_ref() == Some(s))
                && filters.dates.is_none_or(|(from, to)| {
                    m.published.is_some_and(|p| from <= p.date && p.date <= to)
                })
                && match filters.annotated {
                    Annotated::Any => true,
                    Annotated::Annotated => annotated.contains(a.path.as_str()),
                    Annotated::NotAnnotated => !annotated.contains(a.path.as_str()),
                }
                && tagged.as_ref().is_none_or(|t| t.contains(a.path.as_str()))
        })
        .collect();
    crate::core::collection::sort_by_date(articles, &mut out, true);
    out
}

/// The tags and event types in use, for the tag filter.
pub fn tags_in_use(annotations: &AnnotationSet) -> Vec<String> {
    let mut tags: Vec<String> = annotations
        .events
        .iter()
        .flat_map(|e| e.tags.iter().chain(std::iter::once(&e.event_type)))
        .chain(annotations.annotations.iter().flat_map(|a| a.tags.iter()))
        .filter(|t| !t.is_empty())
        .cloned()
        .collect();
    tags.sort_by_key(|t| t.to_lowercase());
    tags.dedup();
    tags
}

/// The sources of the articles, most frequent first.
pub fn sources(articles: &[Article]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for a in articles {
        if let Some(s) = &a.meta.source {
            *counts.entry(s.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(s, n)| (s.to_string(), n))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// What a search job sends.
pub enum SearchMsg {
    /// The first hits, in the order asked, and how many articles they came from.
    Hits(Vec<(usize, Vec<Range<usize>>)>, usize),
    /// How many more articles were looked at.
    Searched(usize),
    /// The search is over: everything it found (the first hits again among them, first), made
    /// ready on the search's thread so that the window takes a million hits at once; `None` when
    /// the job ended without it.
    Done(Option<Found>),
}

/// What a search found: the articles with hits, in the order searched, and their hits.
#[derive(Debug, Default)]
pub struct Found {
    /// Articles with hits (in the order searched, newest first) and their hits: byte ranges in
    /// the article's text.
    pub results: Vec<(usize, Vec<Range<usize>>)>,
    /// Article → its place in `results` plus one (0: no hits), by article: a million hits are
    /// noted in a few milliseconds, where a hash map took a fifth of a second.
    by_article: Vec<u32>,
    /// Hits in all.
    pub hits: usize,
}

impl Found {
    /// Room for `results` articles with hits among `articles`.
    pub fn with_capacity(results: usize, articles: usize) -> Self {
        Self {
            results: Vec::with_capacity(results),
            by_article: vec![0; articles],
            hits: 0,
        }
    }

    /// The hits in article `article`.
    pub fn hits_in(&self, article: usize) -> &[Range<usize>] {
        self.by_article
            .get(article)
            .and_then(|&r| self.results.get((r as usize).checked_sub(1)?))
            .map_or(&[], |(_, hits)| hits.as_slice())
    }

    /// Adds the hits of `article`.
    pub fn add(&mut self, article: usize, hits: Vec<Range<usize>>) {
        if article >= self.by_article.len() {
            self.by_article.resize(article + 1, 0);
        }
        self.hits += hits.len();
        self.results.push((article, hits));
        self.by_article[article] = u32::try_from(self.results.len()).unwrap_or(0);
    }
}

/// Articles searched for the first message, in the list's order: few, for the first results to
/// show at once while typing; the rest go by parts of [`SEARCH_CHUNK_MOST`], so that a million
/// articles take a few dozen messages (and frames), not hundreds.
const SEARCH_CHUNK: usize = 2048;
/// The largest part searched between two looks at whether the search was stopped.
const SEARCH_CHUNK_MOST: usize = 65_536;

/// What a search looks through: places in the article list, in the order hits are listed, and
/// every article's text, shared (one snapshot of the texts serves every search and the
/// recycled-text job, instead of a million texts taken anew for each search).
pub struct SearchItems {
    order: Vec<usize>,
    texts: Arc<Vec<ArticleText>>,
}

impl SearchItems {
    /// `order`'s places that `texts` has, in that order.
    pub fn new(mut order: Vec<usize>, texts: Arc<Vec<ArticleText>>) -> Self {
        order.retain(|&i| i < texts.len());
        Self { order, texts }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// A search running on its own thread; dropping it stops it.
pub struct SearchJob {
    cancel: Arc<AtomicBool>,
    rx: Receiver<SearchMsg>,
}

impl SearchJob {
    /// Searches `items` in their order.
    pub fn start(items: Arc<SearchItems>, matcher: Matcher, wake: Wake) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let stop = Arc::clone(&cancel);
        let spawned = crate::core::spawn_background("search", move || {
            let texts: &[ArticleText] = &items.texts;
            // The first part in the list's order, so that the first hits show at once.
            let (head, tail) = items.order.split_at(SEARCH_CHUNK.min(items.order.len()));
            // Every place is in `texts` (`SearchItems::new` keeps only those).
            let first: Vec<(usize, Vec<Range<usize>>)> = find_all(head, |&i| &texts[i], &matcher)
                .into_iter()
                .map(|(i, hits)| (head[i], hits))
                .collect();
            if tx.send(SearchMsg::Hits(first.clone(), head.len())).is_err() {
                return;
            }
            wake();
            // The rest in the order the texts lie in memory (the order they were read, which is
            // the articles' order): three times quicker than the list's order, which jumps
            // about between texts. Their hits are put back in the list's order at the end.
            // Each article's place in the list, laid out by article: the articles in their
            // order without a sort (a million pairs sorted took a tenth of the search).
            let mut place_of = vec![usize::MAX; texts.len()];
            for (k, &article) in tail.iter().enumerate() {
                place_of[article] = head.len() + k;
            }
            let rest: Vec<(usize, usize)> = place_of
                .into_iter()
                .enumerate()
                .filter(|&(_, place)| place != usize::MAX)
                .collect();
            let mut hits_at: Vec<(usize, usize, Vec<Range<usize>>)> = Vec::new();
            for chunk in rest.chunks(SEARCH_CHUNK_MOST) {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let found = find_all(chunk, |&(i, _)| &texts[i], &matcher);
                hits_at.extend(found.into_iter().map(|(k, hits)| {
                    let (article, place) = chunk[k];
                    (place, article, hits)
                }));
                // How far it got, for the progress bar.
                if tx.send(SearchMsg::Searched(chunk.len())).is_err() {
                    return;
                }
                wake();
            }
            // Back in the list's order, by place, again without a sort.
            let mut at_place = vec![usize::MAX; items.order.len()];
            for (i, (place, _, _)) in hits_at.iter().enumerate() {
                at_place[*place] = i;
            }
            let mut all = Found::with_capacity(first.len() + hits_at.len(), texts.len());
            for (article, hits) in first {
                all.add(article, hits);
            }
            for i in at_place.into_iter().filter(|&i| i != usize::MAX) {
                let (_, article, hits) = &mut hits_at[i];
                all.add(*article, std::mem::take(hits));
            }
            let _ = tx.send(SearchMsg::Done(Some(all)));
            wake();
        });
        if spawned.is_err() {
            // No thread: an empty, finished search rather than none at all.
            let (tx, rx) = mpsc::channel();
            let _ = tx.send(SearchMsg::Done(Some(Found::default())));
            return Self { cancel, rx };
        }
        Self { cancel, rx }
    }

    /// The next message, if one is waiting; `Done(None)` when the thread is gone.
    pub fn try_recv(&self) -> Option<SearchMsg> {
        match self.rx.try_recv() {
            Ok(m) => Some(m),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(SearchMsg::Done(None)),
        }
    }
}

impl Drop for SearchJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Finding recycled text over the whole collection, on its own threads; dropping it stops it.
pub struct RecycledJob {
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicUsize>,
    pub total: usize,
    /// The articles' revision it started from.
    pub revision: u64,
    rx: Receiver<Option<RecycledIndex>>,
}

impl RecycledJob {
    pub fn start(texts: Arc<Vec<ArticleText>>, revision: u64, wake: Wake) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let total = texts.len();
        let (stop, done) = (Arc::clone(&cancel), Arc::clone(&progress));
        let _ = crate::core::spawn_background("recycled", move || {
            let index = crate::core::recycled::index_texts(texts.as_slice(), &done, &stop);
            let _ = tx.send(index);
            wake();
        });
        Self {
            cancel,
            progress,
            total,
            revision,
            rx,
        }
    }

    pub fn done(&self) -> usize {
        self.progress.load(Ordering::Relaxed)
    }

    /// The index once ready (`Some(None)`: the job ended without one).
    pub fn try_take(&self) -> Option<Option<RecycledIndex>> {
        match self.rx.try_recv() {
            Ok(index) => Some(index),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

impl Drop for RecycledJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::annotations::{AnnotationSet, Passage, test_event};
    use crate::core::collection::test_article as article;

    /// A search's hits (their articles, in the order sent) and how many articles it looked at.
    fn drain(job: &SearchJob) -> (Vec<usize>, usize) {
        let (mut got, mut searched) = (Vec::new(), 0);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            match job.try_recv() {
                Some(SearchMsg::Hits(found, n)) => {
                    searched += n;
                    got.extend(found.into_iter().map(|f| f.0));
                }
                Some(SearchMsg::Searched(n)) => searched += n,
                Some(SearchMsg::Done(all)) => {
                    let Some(all) = all else {
                        panic!("the search ended without its results");
                    };
                    let all: Vec<usize> = all.results.iter().map(|f| f.0).collect();
                    assert_eq!(all[..got.len()], got, "the first hits begin the results");
                    return (all, searched);
                }
                None => {
                    assert!(
                        std::time::Instant::now() < deadline,
                        "the search never ended"
                    );
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        }
    }

    #[test]
    fn found_notes_each_article_s_hits() {
        let mut found = Found::with_capacity(2, 3);
        found.add(2, vec![0..4, 9..12]);
        found.add(0, vec![5..6, 7..8]);
        // An article beyond the room made is noted all the same.
        found.add(7, vec![1..2, 3..4]);
        let cases: &[(usize, &[Range<usize>])] = &[
            (0, &[5..6, 7..8]),
            (1, &[]),
            (2, &[0..4, 9..12]),
            (7, &[1..2, 3..4]),
            (99, &[]),
        ];
        for (article, want) in cases {
            assert_eq!(found.hits_in(*article), *want, "article {article}");
        }
        assert_eq!(found.hits, 6);
        let order: Vec<usize> = found.results.iter().map(|r| r.0).collect();
        assert_eq!(order, [2, 0, 7]);
    }

    #[test]
    fn hits_come_in_the_order_asked_whatever_the_articles_order() {
        use crate::core::search::{Aliases, parse_query};
        let texts: Vec<ArticleText> = [
            "Lachin road",
            "nothing here",
            "the LACHIN corridor",
            "Lachin again",
        ]
        .iter()
        .map(|t| ArticleText::new(t.to_string()))
        .collect();
        let query = parse_query("lachin", &Aliases::default());
        let Some(matcher) = Matcher::new(&query) else {
            panic!("no matcher for a plain word");
        };
        // Place 7 is not an article: left out, not a panic.
        let items = SearchItems::new(vec![3, 2, 7, 1, 0], Arc::new(texts));
        assert_eq!(items.len(), 4);
        let job = SearchJob::start(Arc::new(items), matcher, Arc::new(|| {}));
        assert_eq!(drain(&job).0, [3, 2, 0]);

        // Beyond the first part, hits still come in the order asked.
        let n = SEARCH_CHUNK * 3 + 17;
        let texts: Vec<ArticleText> = (0..n)
            .map(|i| ArticleText::new(if i % 7 == 0 { "Lachin" } else { "none" }.into()))
            .collect();
        let asked: Vec<usize> = (0..n).map(|k| k * 7919 % n).collect();
        let want: Vec<usize> = asked.iter().copied().filter(|i| i % 7 == 0).collect();
        let items = SearchItems::new(asked, Arc::new(texts));
        let Some(matcher) = Matcher::new(&query) else {
            panic!("no matcher for a plain word");
        };
        let job = SearchJob::start(Arc::new(items), matcher, Arc::new(|| {}));
        let (got, searched) = drain(&job);
        assert_eq!(searched, n);
        assert_eq!(got, want);
    }

    #[test]
    fn filters_limit_the_candidates() {
        let articles = vec![
            article("a.txt", "2022-12-07\n\nTalks in Baku, Azernews reports.\n"),
            article("b.txt", "2022-12-09\n\nTalks again, Trend reports.\n"),
            article("c.txt", "No date here.\n"),
        ];
        let mut set = AnnotationSet::default();
        let mut e = test_event("ev-1", "Talks");
        e.tags = vec!["border".into()];
        e.evidence = Passage::from_article(&articles[1], 0, 5)
            .into_iter()
            .collect();
        set.events.push(e);
        let day = |d| chrono::NaiveDate::from_ymd_opt(2022, 12, d);
        let cases: &[(SearchFilters, &[usize])] = &[
            (SearchFilters::default(), &[1, 0, 2]),
            (
                SearchFilters {
                    source: Some("Azernews".into()),
                    ..Default::default()
                },
                &[0],
            ),
            (
                SearchFilters {
                    dates: day(7).zip(day(8)),
                    ..Default::default()
                },
                &[0],
            ),
            (
                SearchFilters {
                    annotated: Annotated::Annotated,
                    ..Default::default()
                },
                &[1],
            ),
            (
                SearchFilters {
                    annotated: Annotated::NotAnnotated,
                    ..Default::default()
                },
                &[0, 2],
            ),
            (
                SearchFilters {
                    tag: Some("border".into()),
                    ..Default::default()
                },
                &[1],
            ),
            (
                SearchFilters {
                    tag: Some("nothing".into()),
                    ..Default::default()
                },
                &[],
            ),
        ];
        for (filters, want) in cases {
            assert_eq!(candidates(&articles, &set, filters), *want, "{filters:?}");
        }
        assert!(tags_in_use(&set).contains(&"border".to_string()));
        assert_eq!(sources(&articles)[0].1, 1);
        // Without filters a search takes the article list's newest-first order as it is.
        let all = candidates(&articles, &set, &SearchFilters::default());
        let listed = crate::ui::articles_panel::visible_rows(
            &articles,
            "",
            crate::ui::articles_panel::SortKey::NewestFirst,
            None,
        );
        assert_eq!(all, listed);
        assert_eq!(all.len(), articles.len());
    }
}
