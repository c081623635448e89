//! What the background jobs take of each article, gathered while a collection loads.

use crate::core::article_text::ArticleText;
use crate::ui::suggest_job::JobArticle;

/// The texts (for recycled text) and the suggestion job's articles of every article appended
/// since the collection was opened, gathered one by one as they come in: when the load ends,
/// both jobs start from these instead of copying a million articles in one frame (a quarter of
/// a second at a million, on the window's thread).
#[derive(Default)]
pub(super) struct Appended {
    /// The articles' generation (`AppState::articles_generation`) it was gathered in.
    generation: u64,
    /// How many articles it noted (its lists may have been taken since).
    noted: usize,
    texts: Option<Vec<ArticleText>>,
    jobs: Option<Vec<JobArticle>>,
}

impl Appended {
    pub(super) fn new(generation: u64) -> Self {
        Self {
            generation,
            noted: 0,
            texts: Some(Vec::new()),
            jobs: Some(Vec::new()),
        }
    }

    /// Room for `more` articles.
    pub(super) fn reserve(&mut self, more: usize) {
        if let Some(t) = &mut self.texts {
            t.reserve_exact(more);
        }
        if let Some(j) = &mut self.jobs {
            j.reserve_exact(more);
        }
    }

    /// Notes the text and job article of the article just appended as the `count`th of
    /// `generation`. Anything else (articles changed, or one not noted) ends the gathering: the
    /// jobs then copy the articles.
    pub(super) fn note(
        &mut self,
        generation: u64,
        count: usize,
        text: ArticleText,
        job: JobArticle,
    ) {
        if generation != self.generation || self.noted + 1 != count {
            self.texts = None;
            self.jobs = None;
            return;
        }
        self.noted = count;
        if let Some(t) = &mut self.texts {
            t.push(text);
        }
        if let Some(j) = &mut self.jobs {
            j.push(job);
        }
    }

    /// What was gathered of the `texts.len()` articles of `generation`, made elsewhere in one
    /// piece (`jobs` side by side with `texts`).
    pub(super) fn replace(
        &mut self,
        generation: u64,
        texts: Vec<ArticleText>,
        jobs: Vec<JobArticle>,
    ) {
        self.generation = generation;
        self.noted = texts.len();
        let whole = texts.len() == jobs.len();
        self.texts = whole.then_some(texts);
        self.jobs = whole.then_some(jobs);
    }

    pub(super) fn whole(&self, generation: u64, count: usize) -> bool {
        self.generation == generation && self.noted == count
    }

    /// The texts of all `count` articles of `generation`, when that is what was gathered.
    pub(super) fn take_texts(&mut self, generation: u64, count: usize) -> Option<Vec<ArticleText>> {
        if self.whole(generation, count) {
            self.texts.take()
        } else {
            None
        }
    }

    /// The suggestion job's articles, all `count` of `generation`, when that is what was gathered.
    pub(super) fn take_jobs(&mut self, generation: u64, count: usize) -> Option<Vec<JobArticle>> {
        if self.whole(generation, count) {
            self.jobs.take()
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::test_article as article;

    #[test]
    fn only_an_unbroken_run_of_appended_articles_is_handed_over() {
        let a = article("a.txt", "2022-12-07\n\nAlpha.\n");
        let b = article("b.txt", "2022-12-08\n\nBeta.\n");
        // (generation of each note, count after it) → what is handed over for 2 articles of 7.
        let cases: &[(&[(u64, usize)], bool)] = &[
            (&[(7, 1), (7, 2)], true),
            (&[(7, 1)], false),                 // one not noted yet
            (&[(7, 2)], false),                 // the first one missed
            (&[(7, 1), (8, 2)], false),         // articles changed on the way
            (&[(7, 1), (7, 2), (7, 3)], false), // more than asked for
        ];
        for (notes, handed) in cases {
            let mut gathered = Appended::new(7);
            for (n, &(generation, count)) in notes.iter().enumerate() {
                let added = if n == 0 { &a } else { &b };
                gathered.note(generation, count, added.text.clone(), JobArticle::of(added));
            }
            let texts = gathered.take_texts(7, 2);
            assert_eq!(texts.is_some(), *handed, "{notes:?}");
            if let Some(texts) = texts {
                assert_eq!(texts[1].as_str(), b.text.as_str());
                let jobs = gathered.take_jobs(7, 2);
                assert_eq!(jobs.map(|j| j[0].path.clone()), Some("a.txt".to_string()));
            }
            assert!(gathered.take_texts(7, 2).is_none(), "handed over once");
        }
    }
}
