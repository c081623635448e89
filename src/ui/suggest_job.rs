//! Suggesting in the window: reading every article's dated reports once (on their own threads,
//! with progress), then weighing the ones in scope; the window never waits for either.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::NaiveDate;

use crate::core::Wake;
use crate::core::collection::Article;
use crate::core::search::Aliases;
use crate::core::suggest::{self, ArticleReport, Input, Options, Suggestion, TypeWords};

/// What the job needs of an article (its text is shared, not copied).
#[derive(Debug, Clone)]
pub struct JobArticle {
    pub path: String,
    pub text: crate::core::article_text::ArticleText,
    pub body_start: usize,
    pub published: Option<NaiveDate>,
    pub source: String,
}

impl JobArticle {
    pub fn of(a: &Article) -> Self {
        Self {
            path: a.path.clone(),
            text: a.text.clone(),
            body_start: a.body_start,
            published: a.meta.published.map(|t| t.date),
            source: suggest::source_of(a),
        }
    }
}

/// The reports of every article, for the articles' revision they were read from.
pub type Reports = Arc<(u64, Vec<ArticleReport>)>;

/// What a job found.
pub struct Found {
    pub reports: Reports,
    /// What it was asked, to tell whether it is still the question.
    pub key: u64,
    pub result: Result<Vec<Suggestion>, String>,
    /// Why the collection's type words were not used (they did not parse).
    pub words_error: Option<String>,
}

pub struct SuggestJob {
    progress: Arc<AtomicUsize>,
    pub total: usize,
    pub key: u64,
    rx: Receiver<Found>,
}

/// What to suggest from.
pub struct Request {
    pub articles: Arc<Vec<JobArticle>>,
    pub revision: u64,
    /// The articles in scope (places in `articles`); `None`: all.
    pub scope: Option<Vec<usize>>,
    pub key: u64,
    /// The collection, whose `.dateline/type_words.ron` is read on the job's thread.
    pub root: Option<std::path::PathBuf>,
    pub aliases: Aliases,
    pub known_types: std::collections::HashSet<String>,
    /// Reports already read, reused when they are of the same revision.
    pub reports: Option<Reports>,
}

impl SuggestJob {
    pub fn start(request: Request, wake: Wake) -> Self {
        let progress = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let total = request.articles.len();
        let key = request.key;
        let done = Arc::clone(&progress);
        let _ = crate::core::spawn_background("suggest", move || {
            let found = run(request, &done);
            let _ = tx.send(found);
            wake();
        });
        Self {
            progress,
            total,
            key,
            rx,
        }
    }

    pub fn done(&self) -> usize {
        self.progress.load(Ordering::Relaxed)
    }

    /// What the job found, once it has.
    pub fn try_take(&self) -> Option<Option<Found>> {
        match self.rx.try_recv() {
            Ok(found) => Some(Some(found)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

fn run(request: Request, done: &AtomicUsize) -> Found {
    let articles = &request.articles;
    let reports = match request.reports {
        Some(r) if r.0 == request.revision && r.1.len() == articles.len() => {
            done.store(articles.len(), Ordering::Relaxed);
            r
        }
        _ => {
            let read = |a: &JobArticle| {
                suggest::report_text(&a.text, a.body_start, a.published, a.source.clone())
            };
            let progress = |n: usize| done.store(n, Ordering::Relaxed);
            Arc::new((
                request.revision,
                suggest::reports(articles, read, &progress),
            ))
        }
    };
    let input = |i: usize| Input {
        index: i,
        path: &articles[i].path,
        text: &articles[i].text,
        report: &reports.1[i],
    };
    let scope: Vec<Input> = match &request.scope {
        Some(indices) => indices
            .iter()
            .filter(|&&i| i < articles.len())
            .map(|&i| input(i))
            .collect(),
        None => (0..articles.len()).map(input).collect(),
    };
    let (words, words_error) = match &request.root {
        Some(root) => TypeWords::for_collection(root),
        None => (TypeWords::builtin(), None),
    };
    let known = |id: &str| request.known_types.contains(id);
    let result = suggest::suggest(
        &scope,
        &Options::default(),
        &words,
        &request.aliases,
        &known,
    )
    .map_err(|e| e.to_string());
    Found {
        reports: Arc::clone(&reports),
        key: request.key,
        result,
        words_error,
    }
}
