//! An article's text. An article read from its file holds its text; one listed from the cache
//! (`core/cache.rs`) holds where its text is, reads it the first time it is wanted — on whatever
//! thread asks, so a background job never makes the window wait — and keeps it only when it is
//! still the text the cache described (same content hash). The reopening's background pass fills
//! every deferred text as it reads the files. A text may also live in the window's
//! [`TextStore`](super::text_store::TextStore), a file mapped into memory, rather than in memory
//! of its own ([`ArticleText::stored_in`]).

use std::ops::Deref;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::collection::{LoadEvent, LoadOptions, file_of, read_file};
use super::text_store::{StoredText, TextStore};

#[derive(Clone)]
pub struct ArticleText(Arc<Cell>);

struct Cell {
    text: OnceLock<Body>,
    /// Whether the text is all ASCII, found once (search takes a quicker path for such texts).
    ascii: OnceLock<bool>,
    origin: Option<Origin>,
}

/// Where the bytes of a text are.
#[derive(Clone)]
enum Body {
    Owned(Arc<String>),
    Stored(StoredText),
}

impl Body {
    fn as_str(&self) -> &str {
        match self {
            Body::Owned(text) => text.as_str(),
            Body::Stored(text) => text.as_str(),
        }
    }
}

/// Where a deferred text is read from, and what it must hash to.
struct Origin {
    root: Arc<Path>,
    path: String,
    hash: String,
}

impl ArticleText {
    pub fn new(text: String) -> Self {
        Self::shared_from(Arc::new(text))
    }

    pub fn shared_from(text: Arc<String>) -> Self {
        let ascii = OnceLock::new();
        let _ = ascii.set(text.is_ascii());
        let cell = OnceLock::new();
        let _ = cell.set(Body::Owned(text));
        Self(Arc::new(Cell {
            text: cell,
            ascii,
            origin: None,
        }))
    }

    /// The text of article `path` of the collection at `root`, read when first wanted; `hash` is
    /// the content hash it had when it was cached.
    pub fn deferred(root: Arc<Path>, path: String, hash: String) -> Self {
        Self(Arc::new(Cell {
            text: OnceLock::new(),
            ascii: OnceLock::new(),
            origin: Some(Origin { root, path, hash }),
        }))
    }

    pub fn as_str(&self) -> &str {
        self.body().as_str()
    }

    /// This text, its bytes moved into `store` (the same text where the store cannot take it,
    /// or where it is not in memory yet: a deferred text is read when first wanted).
    pub fn stored_in(&self, store: &TextStore) -> Self {
        let Some(body) = self.0.text.get() else {
            return self.clone();
        };
        let Body::Owned(text) = body else {
            return self.clone();
        };
        let Some(stored) = store.put(text) else {
            return self.clone();
        };
        let cell = OnceLock::new();
        let _ = cell.set(Body::Stored(stored));
        let ascii = OnceLock::new();
        if let Some(known) = self.0.ascii.get() {
            let _ = ascii.set(*known);
        }
        Self(Arc::new(Cell {
            text: cell,
            ascii,
            origin: None,
        }))
    }

    /// The text lives in a [`TextStore`], not in memory of its own.
    pub fn is_stored(&self) -> bool {
        matches!(self.0.text.get(), Some(Body::Stored(_)))
    }

    /// The text is all ASCII (found once, when the text is first had).
    pub fn is_ascii(&self) -> bool {
        *self.0.ascii.get_or_init(|| self.as_str().is_ascii())
    }

    /// The text is in memory (it was read, or it never was deferred).
    pub fn is_loaded(&self) -> bool {
        self.0.text.get().is_some()
    }

    /// The path (from the collection's root) and content hash of a text read when first
    /// wanted; `None` for a text read already.
    pub fn origin(&self) -> Option<(&str, &str)> {
        self.0
            .origin
            .as_ref()
            .map(|o| (o.path.as_str(), o.hash.as_str()))
    }

    /// Hands a deferred text the text read elsewhere, with the content hash its reader found,
    /// when that is the hash the cache said; false when it is not (or the text was already there).
    pub fn fill(&self, text: &ArticleText, hash: &str) -> bool {
        match &self.0.origin {
            Some(origin) if origin.hash == hash => {
                if let Some(known) = text.0.ascii.get() {
                    let _ = self.0.ascii.set(*known);
                }
                self.0.text.set(text.body().clone()).is_ok()
            }
            _ => false,
        }
    }

    fn body(&self) -> &Body {
        self.0.text.get_or_init(|| match &self.0.origin {
            Some(origin) => origin.read().unwrap_or_else(|| Body::Owned(Arc::default())),
            None => Body::Owned(Arc::default()),
        })
    }
}

impl Origin {
    /// The article's text from its file, when the file still holds the text that was cached;
    /// `None` when it changed or cannot be read (the background pass then reads the article
    /// anew and replaces it).
    fn read(&self) -> Option<Body> {
        let file = self.root.join(file_of(&self.path));
        read_file(&self.root, &file, LoadOptions::default())
            .into_iter()
            .find_map(|event| match event {
                LoadEvent::Article(a) if a.path == self.path && a.content_hash == self.hash => {
                    Some(a.text.body().clone())
                }
                _ => None,
            })
    }
}

impl Deref for ArticleText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ArticleText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ArticleText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Display for ArticleText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for ArticleText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.text.get() {
            Some(text) => write!(f, "ArticleText({} bytes)", text.as_str().len()),
            None => write!(f, "ArticleText(deferred)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::content_hash;

    #[test]
    fn only_a_deferred_text_knows_where_it_comes_from() {
        let root: Arc<Path> = Arc::from(Path::new("/nowhere"));
        let deferred = ArticleText::deferred(root, "a/b.txt".into(), "abc123".into());
        assert_eq!(deferred.origin(), Some(("a/b.txt", "abc123")));
        assert_eq!(ArticleText::new("read already".into()).origin(), None);
    }

    #[test]
    fn a_deferred_text_is_read_once_and_only_when_it_is_the_cached_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = "Title\n\nBody of the article.\n";
        std::fs::write(dir.path().join("a.txt"), text).expect("write");
        let root: Arc<Path> = Arc::from(dir.path());
        let hash = content_hash(text.as_bytes());
        let cases = [
            ("a.txt", hash.clone(), text),
            ("a.txt", "0000000000000000".to_string(), ""),
            ("gone.txt", hash.clone(), ""),
        ];
        for (path, hash, want) in cases {
            let deferred = ArticleText::deferred(Arc::clone(&root), path.into(), hash);
            assert!(!deferred.is_loaded(), "{path}");
            assert_eq!(deferred.as_str(), want, "{path}");
            assert!(deferred.is_loaded(), "{path}");
        }
        let filled = ArticleText::deferred(Arc::clone(&root), "a.txt".into(), hash.clone());
        let other = "something else";
        let other_hash = content_hash(other.as_bytes());
        assert!(!filled.fill(&ArticleText::new(other.into()), &other_hash));
        assert!(filled.fill(&ArticleText::new(text.into()), &hash));
        assert_eq!(&*filled, text);
        // A text moved into the store reads the same, and fills a deferred one from there.
        let store = TextStore::create(dir.path()).expect("store");
        let stored = ArticleText::new(text.into()).stored_in(&store);
        assert!(stored.is_stored() && stored.is_ascii());
        assert_eq!(stored.as_str(), text);
        let deferred = ArticleText::deferred(Arc::clone(&root), "a.txt".into(), hash.clone());
        assert!(deferred.fill(&stored, &hash));
        assert!(deferred.is_stored());
        assert_eq!(deferred.as_str(), text);
    }
}
