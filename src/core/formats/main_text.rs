//! The article of a web page, not the page around it: a light tree of the page's elements, the
//! container that scores best as the article (readability's measures: text, commas, paragraphs,
//! link density, class words), and its text with the boilerplate inside it left out.
//!
//! The headline (the page's first `<h1>`) heads the text, as in the whole page's text, so that
//! `html::page` finds it there.

mod tree;

use tree::{Node, Tree};

/// Readable text of the article of a page: headline first, then standfirst, paragraphs, quotes,
/// lists (`- ` an item), tables (a row a line, cells apart by ` | `) and figure captions, each
/// block apart by a blank line.
pub fn main_text(markup: &str) -> String {
    article_text(&super::html::page_tokens(markup))
}

/// [`main_text`] of a page's tokens.
pub(super) fn article_text(tokens: &[html5gum::Token]) -> String {
    let tree = Tree::parse(tokens);
    let dropped = tree.boilerplate(&tree.stats(&[]));
    // Measured again without the boilerplate, the article's container stands out.
    let stats = tree.stats(&dropped);
    let content = tree.article(&stats, &dropped);
    let text = write_article(&tree, &content, &stats, &dropped);
    // Fallback between candidates: an article far shorter than the prose the page holds
    // outside its boilerplate was a part of it; the page's body, boilerplate left out, is
    // the better guess.
    let body = tree.body();
    let found = text.chars().filter(|c| !c.is_whitespace()).count();
    let unlinked = stats[body].chars - stats[body].link_chars.min(stats[body].chars);
    if found < FALLBACK_CHARS && unlinked > found * 3 && content != [body] {
        return write_article(&tree, &[body], &stats, &dropped);
    }
    text
}

/// An article shorter than this (in characters, white space not counted) is checked against
/// the page's prose.
const FALLBACK_CHARS: usize = 500;

fn write_article(tree: &Tree, content: &[usize], stats: &[Stats], dropped: &[bool]) -> String {
    let mut out = Text::default();
    if let Some(h1) = tree.h1 {
        tree.write(h1, stats, dropped, None, &mut out);
        out.flush();
    }
    if let Some(standfirst) = tree.standfirst(content, stats, dropped) {
        tree.write(standfirst, stats, dropped, tree.h1, &mut out);
    }
    for &element in content {
        tree.write(element, stats, dropped, tree.h1, &mut out);
    }
    out.finish()
}

/// Elements that are a block of text of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "thead",
    "tbody",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "form",
    "main",
    "address",
    "details",
    "summary",
    "caption",
];
/// Elements never of the article, wherever they are.
const NEVER: &[&str] = &["nav", "aside", "footer", "menu", "dialog", "input"];
/// ARIA roles never of the article.
const NEVER_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
];
/// Parts of class and id names that mark boilerplate, found anywhere in a name.
const BOILERPLATE: &[&str] = &[
    "comment",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "cookie",
    "consent",
    "gdpr",
    "sidebar",
    "advert",
    "promo",
    "teasers",
    "breadcrumb",
    "footer",
    "navigation",
    "navbar",
    "subscri",
    "signup",
    "popup",
    "modal",
    "byline",
    "author-bio",
    "authorbio",
    "author-box",
    "about-author",
    "banner",
    "masthead",
    "sponsor",
    "recommend",
    "readmore",
    "read-more",
    "pagination",
    "pager",
    "login",
    "tag-list",
    "taglist",
    "skip-",
    "skiplink",
    "skipnav",
    "aside",
    "widget_",
    "copyright",
    "disclosure",
    "affiliate",
    "ratings",
    "noprint",
    "authorbox",
    "postmeta",
    "next-post",
    "prev-post",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "notice",
    "werbung",
];
/// Every one of [`BOILERPLATE`] in one pass over a name (they are looked for in every class
/// name of every element).
static BOILERPLATE_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(BOILERPLATE)
            .unwrap_or_else(|e| unreachable!("the boilerplate names are a few plain words: {e}"))
    });
/// Whole words of class and id names (split at `-` and `_`) that mark boilerplate.
const BOILERPLATE_WORDS: &[&str] = &[
    "nav", "ad", "ads", "menu", "tags", "tag", "meta", "foot", "header", "author", "share", "more",
    "toolbar", "teaser", "credit", "credits", "license",
];
/// How class names that say a state, not what the element is, begin (`has-sidebar`).
const STATES: &[&str] = &["has-", "is-", "no-", "with-", "js-"];
/// Parts of class and id names that mark the article.
const ARTICLE: &[&str] = &[
    "article", "content", "entry", "post", "story", "body", "main", "text", "blog", "hentry",
];

/// What is measured of each element, its descendants' included.
#[derive(Clone, Copy, Default)]
struct Stats {
    chars: usize,
    link_chars: usize,
    commas: usize,
    /// Text of the paragraphs in it that are not mostly links.
    prose: usize,
    /// Whether it holds the headline or an element marked as the article body.
    holds_key: bool,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

impl Tree {
    /// Each element's measures, those `dropped` left out; a child always comes after its
    /// parent, so one pass backwards adds children into parents.
    fn stats(&self, dropped: &[bool]) -> Vec<Stats> {
        let mut stats = vec![Stats::default(); self.elements.len()];
        for (i, element) in self.elements.iter().enumerate().rev() {
            let mut s = stats[i];
            for child in &element.children {
                if let Node::Text(text) = child {
                    s.chars += text.chars().filter(|c| !c.is_whitespace()).count();
                    s.commas += text
                        .chars()
                        .filter(|c| matches!(c, ',' | '，' | '、')) // glyphs: read, not drawn
                        .count();
                }
            }
            if &*element.tag == "a" {
                s.link_chars = s.chars;
            }
            if &*element.tag == "p" && s.link_chars * 2 < s.chars {
                s.prose = s.chars;
            }
            s.holds_key |= Some(i) == self.h1 || element.itemprop_body;
            stats[i] = s;
            if i > 0 && !dropped.get(i).copied().unwrap_or(false) {
                let p = &mut stats[element.parent];
                p.chars += s.chars;
                p.link_chars += s.link_chars;
                p.commas += s.commas;
                p.prose += s.prose;
                p.holds_key |= s.holds_key;
            }
        }
        stats
    }

    /// Elements that are boilerplate wherever they are (their descendants with them).
    fn boilerplate(&self, stats: &[Stats]) -> Vec<bool> {
        let mut dropped = vec![false; self.elements.len()];
        let prose = stats[0].prose;
        for (i, element) in self.elements.iter().enumerate().skip(1) {
            if dropped[element.parent] {
                dropped[i] = true;
                continue;
            }
            let tag = &*element.tag;
            if matches!(tag, "html" | "body" | "article" | "main") || stats[i].holds_key {
                continue;
            }
            let role = element.role.as_deref().unwrap_or("");
            dropped[i] = element.hidden
                || NEVER.contains(&tag)
                || NEVER_ROLES.contains(&role)
                || (tag == "header" && !self.has_ancestor(i, "article"))
                || (tag == "form" && stats[i].chars < 2000)
                || (class_weight(&element.marks) < 0
                    // A box named for boilerplate that holds most of the page's prose is a
                    // wrapper named for its neighbour (`sidebar-and-content`).
                    && (stats[i].prose * 2 <= prose || element.marks.contains("comment")));
        }
        dropped
    }

    /// The elements an element is inside, nearest first, up to the root.
    fn ancestors(&self, mut element: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::from_fn(move || {
            (element != 0).then(|| {
                element = self.elements[element].parent;
                element
            })
        })
    }

    fn has_ancestor(&self, element: usize, tag: &str) -> bool {
        self.ancestors(element)
            .any(|a| &*self.elements[a].tag == tag)
    }

    /// The page's `<body>` (the root if it has none).
    fn body(&self) -> usize {
        self.elements
            .iter()
            .position(|e| &*e.tag == "body")
            .unwrap_or(0)
    }

    /// The elements whose text is the article, in page order: the best-scoring container and
    /// those of its siblings that score near it.
    fn article(&self, stats: &[Stats], dropped: &[bool]) -> Vec<usize> {
        let body = self.body();
        // An element marked as the article body, with text enough, is the article.
        let marked = (1..self.elements.len())
            .filter(|&i| self.elements[i].itemprop_body && !dropped[i] && stats[i].chars >= 400)
            .max_by_key(|&i| stats[i].chars);
        if let Some(marked) = marked {
            return vec![marked];
        }
        let named = (1..self.elements.len())
            .filter(|&i| self.elements[i].named_body && !dropped[i] && stats[i].prose >= 400)
            .max_by_key(|&i| stats[i].prose);

        // Readability's scores: each paragraph gives its parent its worth, half to the
        // grandparent, a third to the ones above.
        let mut score = vec![0.0f64; self.elements.len()];
        let mut scored = vec![false; self.elements.len()];
        for (i, element) in self.elements.iter().enumerate().skip(1) {
            if dropped[i] || !self.is_paragraph(i) {
                continue;
            }
            let s = stats[i];
            let own = self.own_chars(i);
            if own < 25 {
                continue;
            }
            let worth = 1.0 + s.commas as f64 + (own as f64 / 100.0).min(3.0);
            let mut ancestor = element.parent;
            for level in 0..5 {
                if ancestor == 0 || dropped[ancestor] {
                    break;
                }
                if !scored[ancestor] {
                    scored[ancestor] = true;
                    score[ancestor] += self.base_score(ancestor);
                }
                score[ancestor] += match level {
                    0 => worth,
                    1 => worth / 2.0,
                    _ => worth / (level as f64 * 3.0),
                };
                ancestor = self.elements[ancestor].parent;
            }
        }
        let final_score = |i: usize| score[i] * (1.0 - stats[i].link_density());
        let best = named.or_else(|| {
            (1..self.elements.len())
                .filter(|&i| scored[i])
                .max_by(|&a, &b| final_score(a).total_cmp(&final_score(b)))
        });
        let Some(mut best) = best else {
            return vec![body];
        };
        // A container that adds little prose to the best one is the article with its
        // headline, standfirst and pictures around the text; one that holds less than 60 %
        // of the page's prose (what is left of it once the boilerplate is out) is a part of the
        // article, split in sections.
        let page_prose = stats[body].prose;
        while named.is_none() {
            let parent = self.elements[best].parent;
            let (p, b) = (stats[parent], stats[best]);
            let little_more = p.prose * 10 <= b.prose * 13;
            let a_part = b.prose * 10 < page_prose * 6;
            if parent == 0 || parent == body || !(little_more || a_part) || p.link_density() > 0.3 {
                break;
            }
            best = parent;
        }
        // Siblings that score near the best, or are paragraphs of prose, belong with it.
        let parent = self.elements[best].parent;
        let threshold = (final_score(best) * 0.2).max(10.0);
        let mut chosen = Vec::new();
        for child in &self.elements[parent].children {
            let Node::Element(c) = *child else { continue };
            if dropped[c] {
                continue;
            }
            let s = stats[c];
            let prose = &*self.elements[c].tag == "p"
                && ((s.chars > 80 && s.link_density() < 0.25)
                    || (s.chars > 0
                        && s.link_density() == 0.0
                        && self.plain_text(c).contains(". ")));
            if c == best || (named.is_none() && scored[c] && final_score(c) >= threshold) || prose {
                chosen.push(c);
            }
        }
        let chars: usize = chosen.iter().map(|&c| stats[c].chars).sum();
        if chars < 250 {
            return vec![body];
        }
        chosen
    }

    /// The standfirst when it stands outside the article's container: the first element
    /// between the headline and the article named for a lead (`lead`, `intro`, `teaser-text`,
    /// `summary`, `deck`) with a sentence of text, not of links.
    fn standfirst(&self, content: &[usize], stats: &[Stats], dropped: &[bool]) -> Option<usize> {
        let first = *content.first()?;
        let from = self.h1.map_or(1, |h| h + 1);
        (from..first).find(|&i| {
            let e = &self.elements[i];
            !dropped[i]
                && !self
                    .ancestors(i)
                    .any(|a| content.contains(&a) || Some(a) == self.h1)
                && stats[i].chars >= 40
                && stats[i].link_density() < 0.3
                && e.marks.split_whitespace().any(is_standfirst_name)
        })
    }

    /// A paragraph is a `<p>`, `<pre>`, `<td>` or `<blockquote>`, or a `<div>` or `<section>`
    /// with text of its own.
    fn is_paragraph(&self, element: usize) -> bool {
        match &*self.elements[element].tag {
            "p" | "pre" | "td" | "blockquote" | "dd" => true,
            "div" | "section" | "article" | "span" => self.own_chars(element) >= 25,
            _ => false,
        }
    }

    /// Text directly in an element and in its inline children.
    fn own_chars(&self, element: usize) -> usize {
        self.elements[element]
            .children
            .iter()
            .map(|child| match child {
                Node::Text(t) => t.chars().filter(|c| !c.is_whitespace()).count(),
                Node::Element(e) if !BLOCKS.contains(&&*self.elements[*e].tag) => {
                    self.own_chars(*e)
                }
                _ => 0,
            })
            .sum()
    }

    fn base_score(&self, element: usize) -> f64 {
        let e = &self.elements[element];
        let tag_score = match &*e.tag {
            "div" | "article" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        tag_score + 25.0 * f64::from(class_weight(&e.marks))
    }

    /// Writes an element's text into `out`, leaving out dropped elements, blocks whose text
    /// is mostly links, and `skip`.
    fn write(
        &self,
        element: usize,
        stats: &[Stats],
        dropped: &[bool],
        skip: Option<usize>,
        out: &mut Text,
    ) {
        let e = &self.elements[element];
        let tag = &*e.tag;
        let block = BLOCKS.contains(&tag);
        if block {
            out.flush();
        }
        match tag {
            "li" => out.prefix = "- ",
            "td" | "th" if !out.line.trim().is_empty() => out.line.push_str(" | "),
            _ => {}
        }
        let left_out = |c: usize| {
            dropped[c] || Some(c) == skip || self.is_link_list(c, stats) || self.is_credit(c)
        };
        for (at, child) in e.children.iter().enumerate() {
            match child {
                Node::Text(t) => out.line.push_str(t),
                Node::Break => out.line.push(BREAK),
                Node::Element(c) => {
                    if left_out(*c) {
                        continue;
                    }
                    // A heading over a box left out ("Related", "Read more") goes with it.
                    if matches!(&*self.elements[*c].tag, "h2" | "h3" | "h4" | "h5" | "h6") {
                        let next = e.children[at + 1..].iter().find_map(|n| match n {
                            Node::Element(n) => Some(Some(*n)),
                            Node::Text(t) if t.trim().is_empty() => None,
                            _ => Some(None),
                        });
                        if let Some(Some(next)) = next
                            && left_out(next)
                        {
                            continue;
                        }
                    }
                    self.write(*c, stats, dropped, skip, out);
                }
            }
        }
        if block {
            out.flush();
            out.prefix = "";
        }
    }

    /// A picture's caption that only credits it ("Foto: dpa", "Bild via", "(crédito: …)"), or
    /// the credit line inside a caption (its `<small>`): the caption that says what the picture
    /// shows stays.
    fn is_credit(&self, element: usize) -> bool {
        let e = &self.elements[element];
        let in_caption = |i: usize| {
            let e = &self.elements[i];
            &*e.tag == "figcaption" || e.marks.contains("caption")
        };
        if &*e.tag == "small" {
            return self.ancestors(element).take(3).any(in_caption);
        }
        if !in_caption(element) {
            return false;
        }
        let text = self.plain_text(element).to_lowercase();
        let text = text.trim();
        // One word under a picture is a name: the agency's or the photographer's.
        let one_word = !text.contains(char::is_whitespace);
        one_word
            || (text.chars().count() < CREDITED_CHARS
                && CREDIT_WORDS.iter().any(|w| text.contains(w)))
    }

    /// A block inside the article that is mostly links: a list of related pages, a row of
    /// tags, a "read more" line.
    fn is_link_list(&self, element: usize, stats: &[Stats]) -> bool {
        let s = stats[element];
        let tag = &*self.elements[element].tag;
        let block = matches!(
            tag,
            "ul" | "ol" | "dl" | "div" | "section" | "table" | "p" | "li" | "span"
        );
        block
            && !s.holds_key
            && (s.link_density() > 0.5 || (s.chars < 300 && s.link_density() > 0.3))
    }
}

/// A caption with a credit in it and shorter than this is the credit with a label.
const CREDITED_CHARS: usize = 150;
/// What a picture's credit says, in the languages of the news read most.
const CREDIT_WORDS: &[&str] = &[
    "foto:",
    "photo:",
    "bild:",
    "image:",
    "crédito",
    "credit:",
    "©",
    "fotos:",
    "photos:",
    "quelle:",
    "fuente:",
    "source:",
    "bild via",
    "photo via",
    "foto via",
];

/// How content management systems name the element that holds an article's body.
const BODY_NAMES: &[&str] = &[
    "entry-content",
    "post-content",
    "post_content",
    "postcontent",
    "post-body",
    "post-text",
    "post_text",
    "post-entry",
    "postentry",
    "article-content",
    "article__content",
    "articlecontent",
    "article-body",
    "article__body",
    "articlebody",
    "article-text",
    "articletext",
    "story-body",
    "story-content",
    "body-text",
    "text-content",
    "page-content",
];

/// Whether a class or id name is one of those of an article body (`entry-content`,
/// `article__body`), not a part of one (`entry-content-footer`).
fn is_body_name(name: &str) -> bool {
    BODY_NAMES.iter().any(|b| {
        name.strip_prefix(b)
            .or_else(|| name.strip_suffix(b).map(|_| ""))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("--"))
    })
}

/// Words of the class names of a standfirst.
const STANDFIRST_WORDS: &[&str] = &[
    "lead",
    "intro",
    "teaser",
    "summary",
    "deck",
    "standfirst",
    "subheadline",
    "subtitle",
    "excerpt",
    "abstract",
    "kicker",
    "dek",
    "description",
];

/// Whether a class name is a standfirst's, by its last word (`article__intro`,
/// `teaser-text`'s first): not `leader-board`.
fn is_standfirst_name(name: &str) -> bool {
    let name = name.split("--").next().unwrap_or(name);
    let mut words = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    let last = words.next_back().unwrap_or(first);
    STANDFIRST_WORDS.contains(&last) || (STANDFIRST_WORDS.contains(&first) && last == "text")
}

/// -1 for class or id names of boilerplate, 1 for those of an article, 0 otherwise.
fn class_weight(marks: &str) -> i32 {
    if marks.is_empty() {
        return 0;
    }
    let mut weight = 0;
    for name in marks.split_whitespace() {
        if STATES.iter().any(|s| name.starts_with(s)) {
            continue;
        }
        // A modifier (`section--has-ads`) says how the element looks, not what it is.
        let name = name.split("--").next().unwrap_or(name);
        if BOILERPLATE_FINDER.is_match(name) || is_boilerplate_word(name) {
            return -1;
        }
        if ARTICLE.iter().any(|w| name.contains(w)) {
            weight = 1;
        }
    }
    weight
}

/// Characters that only say where a line may break: the soft hyphen, the zero-width space and
/// the zero-width no-break space.
const INVISIBLE: &[char] = &['\u{ad}', '\u{200b}', '\u{feff}'];

/// A `<br>` in a line being written (white space in the markup is no new line).
const BREAK: char = '\0';

/// Whether a class name says boilerplate in a word of its own: the whole name or its last word
/// (`post-tags`), or its first for navigation and ads (`nav-main`); not `tag-elections`, a
/// label a blog gives a post.
fn is_boilerplate_word(name: &str) -> bool {
    let mut words = name.split(['-', '_']).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    let last = words.next_back().unwrap_or(first);
    // An article's own teaser (`article-teaser`, `news-details__teaser`) is its standfirst;
    // any other (`c-teaser`, `view-mode-teaser`) shows another page.
    let teaser_of_article = last == "teaser" && OWN_TEASERS.iter().any(|o| first.starts_with(o));
    (BOILERPLATE_WORDS.contains(&last) && !teaser_of_article)
        || matches!(first, "nav" | "ad" | "ads" | "menu")
}

/// How the name of an article's own teaser begins.
const OWN_TEASERS: &[&str] = &[
    "article", "story", "post", "entry", "news", "content", "page",
];

/// What a site says to its readers after an article, in the languages of the news read most:
/// subscribe, follow us, get the app, the copyright notice.
const CALLS_TO_ACTION: &[&str] = &[
    "subscribe to",
    "subscribe now",
    "subscribe for",
    "sign up for",
    "sign up to",
    "newsletter",
    "follow us",
    "download the",
    "join our",
    "telegram",
    "whatsapp",
    "copyright",
    "copyrighted",
    "all rights reserved",
    "abonnieren",
    "folgen sie uns",
    "abonnez-vous",
    "suivez-nous",
    "suscríbete",
    "síguenos",
    "únete",
    "share this",
    "teile diesen",
    "artikel teilen",
    "artikel mit anderen teilen",
    "kommentare",
    "comments",
    "leave a comment",
];
/// How a page heads its list of other articles, in the languages of the news read most.
const RELATED_HEADINGS: &[&str] = &[
    "related",
    "read more",
    "more from",
    "more on this",
    "more stories",
    "you may also like",
    "you might also like",
    "recommended",
    "auch interessant",
    "ähnliche beiträge",
    "ähnliche artikel",
    "mehr zum thema",
    "mehr aus",
    "schon gelesen",
    "lesen sie auch",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "weitere themen",
    "weitere aktuelle",
    "weitere beiträge",
    "weiterlesen",
    "leer más",
    "lea también",
    "te puede interesar",
    "noticias relacionadas",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "czytaj też",
    "zobacz też",
    "leggi anche",
];

/// Whether a block is a short heading over the page's other articles.
fn is_related_heading(block: &str) -> bool {
    if block.chars().count() > 50 || block.contains('\n') {
        return false;
    }
    let block = block.to_lowercase();
    let block = block.trim_end_matches([':', '?', '…', '.', ' ', '!']);
    RELATED_HEADINGS.iter().any(|h| block.starts_with(h))
}

/// How many blocks from the top a line that only dates the article is looked for in.
const DATE_LINE_BLOCKS: usize = 5;

/// Whether a block is a short line that dates the article, with at most a label or a section
/// beside the date.
fn is_date_line(block: &str) -> bool {
    block.chars().count() <= 60
        && !block.contains('\n')
        && matches!(
            crate::core::timestamp::read_date_value(block),
            crate::core::timestamp::DateReading::Date { .. }
        )
}

/// Social networks a reader is asked to follow a site on.
const NETWORKS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "linkedin",
    "tiktok",
];

/// Whether a block is a site's word to its readers, not the article's: short, and asking to
/// subscribe, follow or download, or the copyright notice.
fn is_call_to_action(block: &str) -> bool {
    if block.chars().count() > 400 {
        return false;
    }
    let block = block.to_lowercase();
    CALLS_TO_ACTION.iter().any(|c| block.contains(c))
        || (block.contains("follow") && NETWORKS.iter().any(|n| block.contains(n)))
}

/// Text being written: blocks apart by a blank line, whitespace in a line collapsed.
#[derive(Default)]
struct Text {
    out: String,
    /// Where each block of `out` ends the text before it.
    starts: Vec<usize>,
    line: String,
    /// What the next block starts with (a list item's dash).
    prefix: &'static str,
}

impl Text {
    fn flush(&mut self) {
        // Soft hyphens and zero-width spaces only say where a line may break: the words read
        // and are searched without them ("Mit\u{ad}tel\u{ad}al\u{ad}ter" is "Mittelalter").
        if self.line.contains(INVISIBLE) {
            self.line.retain(|c| !INVISIBLE.contains(&c));
        }
        let mut block = String::new();
        for line in self.line.split(BREAK) {
            let mut words = line.split_whitespace().peekable();
            if words.peek().is_none() {
                continue;
            }
            if !block.is_empty() {
                block.push('\n');
            }
            for (i, word) in words.enumerate() {
                if i > 0 {
                    block.push(' ');
                }
                block.push_str(word);
            }
        }
        self.line.clear();
        if block.is_empty() {
            return;
        }
        self.starts.push(self.out.len());
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(self.prefix);
        self.prefix = "";
        self.out.push_str(&block);
    }

    /// The text, less the short lines that end it and are no sentence ("Contact:", "Tags",
    /// a time): what is left of the page after the article, as jusText finds it.
    fn finish(mut self) -> String {
        self.flush();
        // A heading that opens the page's list of other articles ("Related", "Mehr zum Thema")
        // in the second half of the text ends the article.
        let half = self.starts.len() / 2;
        let cut = self
            .starts
            .iter()
            .enumerate()
            .skip(half.max(2))
            .find_map(|(i, &start)| {
                let end = self.starts.get(i + 1).map_or(self.out.len(), |&e| e);
                is_related_heading(self.out[start..end].trim()).then_some(i)
            });
        if let Some(cut) = cut {
            self.out.truncate(self.starts[cut]);
            self.starts.truncate(cut);
        }
        // A line near the top that only dates the article ("Veröffentlichung: 2. Februar
        // 2022", "Energie 12.12.2022, 08:30 Uhr") is the page's, not the article's: the reader
        // shows the date apart.
        for i in (1..self.starts.len().min(DATE_LINE_BLOCKS)).rev() {
            let start = self.starts[i];
            let end = self.starts.get(i + 1).map_or(self.out.len(), |&e| e);
            if is_date_line(self.out[start..end].trim()) {
                self.out.replace_range(start..end, "");
                self.starts.remove(i);
                for s in &mut self.starts[i..] {
                    *s -= end - start;
                }
            }
        }
        while self.starts.len() > 2 {
            let start = self.starts[self.starts.len() - 1];
            let last = self.out[start..].trim();
            let sentence = last.ends_with(['.', '!', '?', '…', '"', '”', '»', ')', '。']); // glyphs: read, not drawn
            let item = last.starts_with("- ");
            if (sentence || item || last.chars().count() >= 40) && !is_call_to_action(last) {
                break;
            }
            self.out.truncate(start);
            self.starts.pop();
        }
        self.out
    }
}

#[cfg(test)]
mod tests;
