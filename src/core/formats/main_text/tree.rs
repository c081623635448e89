//! The light tree of a page's elements, built on the html5gum tokenizer with the few repairs
//! of HTML's tree building that matter for text (an open `<p>`, `<li>` or `<td>` closed by
//! the next).

use html5gum::Token;

/// Elements whose content is never text.
const OPAQUE: &[&str] = &[
    "script", "style", "template", "svg", "head", "iframe", "select", "button", "textarea",
    "object", "math",
];
/// Whether an opaque element is foreign content (SVG or MathML), which HTML elements end.
fn is_foreign(name: &str) -> bool {
    matches!(name, "svg" | "math")
}

/// Start tags that end foreign content (HTML's tree building, "in foreign content").
const BREAKS_FOREIGN: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];
/// End tags of HTML elements that end foreign content left open inside them.
const ENDS_FOREIGN: &[&str] = &[
    "a", "div", "p", "li", "dd", "dt", "span", "td", "th", "tr", "table", "ul", "ol", "section",
    "article", "header", "footer", "nav", "main", "aside", "button", "body", "html", "h1", "h2",
    "h3", "h4", "h5", "h6", "figure", "label", "form",
];

/// How deep elements nest in the tree; what is deeper is read as part of the deepest element (a
/// page of 200 000 nested `<div>`s would otherwise overflow the stack of every walk of the tree,
/// and take quadratic time to close).
const MAX_DEPTH: usize = 256;

/// Elements with no content.
const VOID: &[&str] = &[
    "br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "base", "col", "embed",
    "param", "track",
];
/// Elements that end a `<p>` still open.
const CLOSES_P: &[&str] = &[
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
    "dl",
    "table",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "form",
    "main",
];

/// An element of the page.
pub(super) struct Element {
    pub(super) tag: Box<str>,
    /// `id`, `class`, `role` and `itemprop`, lower case, space apart.
    pub(super) marks: Box<str>,
    pub(super) role: Option<Box<str>>,
    pub(super) itemprop_body: bool,
    /// Whether its class or id is a content management system's name for the article body.
    pub(super) named_body: bool,
    pub(super) hidden: bool,
    pub(super) children: Vec<Node>,
    pub(super) parent: usize,
}

pub(super) enum Node {
    Element(usize),
    Text(String),
    /// `<br>`: a new line within a block.
    Break,
}

/// A page as a tree of elements; the first is the document, standing for no element.
pub(super) struct Tree {
    pub(super) elements: Vec<Element>,
    pub(super) h1: Option<usize>,
}

impl Tree {
    /// The tree of a page's tokens ([`super::super::html::page_tokens`]).
    pub(super) fn parse(tokens: &[Token]) -> Tree {
        let mut elements = vec![Element {
            tag: "#document".into(),
            marks: "".into(),
            role: None,
            itemprop_body: false,
            named_body: false,
            hidden: false,
            children: Vec::new(),
            parent: 0,
        }];
        let mut open: Vec<usize> = vec![0];
        // The name of an opaque element being skipped, and how deep in it.
        let mut opaque: Option<(String, usize)> = None;
        // Elements opened past [`MAX_DEPTH`] and not yet closed.
        let mut too_deep = 0usize;
        let mut h1 = None;
        for token in tokens {
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                    if let Some((skipped, depth)) = &mut opaque {
                        // An HTML element met inside an `<svg>` or `<math>` ends it, as in a
                        // browser: an icon left unclosed does not swallow the article.
                        if is_foreign(skipped) && BREAKS_FOREIGN.contains(&name.as_str()) {
                            opaque = None;
                        } else {
                            if *skipped == name && !tag.self_closing {
                                *depth += 1;
                            }
                            continue;
                        }
                    }
                    if OPAQUE.contains(&name.as_str()) {
                        if !tag.self_closing {
                            opaque = Some((name, 1));
                        }
                        continue;
                    }
                    let top = |open: &[usize]| open.last().copied().unwrap_or(0);
                    if CLOSES_P.contains(&name.as_str()) && &*elements[top(&open)].tag == "p" {
                        open.pop();
                    }
                    match name.as_str() {
                        "li" => close_up_to(&mut open, &elements, "li", &["ul", "ol"]),
                        "tr" => close_up_to(&mut open, &elements, "tr", &["table"]),
                        "td" | "th" => {
                            close_up_to(&mut open, &elements, "td", &["tr", "table"]);
                            close_up_to(&mut open, &elements, "th", &["tr", "table"]);
                        }
                        "dt" | "dd" => {
                            close_up_to(&mut open, &elements, "dt", &["dl"]);
                            close_up_to(&mut open, &elements, "dd", &["dl"]);
                        }
                        _ => {}
                    }
                    let parent = top(&open);
                    if name == "br" || name == "hr" {
                        elements[parent].children.push(Node::Break);
                        continue;
                    }
                    if VOID.contains(&name.as_str()) {
                        continue;
                    }
                    if open.len() >= MAX_DEPTH {
                        too_deep += usize::from(!tag.self_closing);
                        continue;
                    }
                    let attr = |k: &str| {
                        tag.attributes
                            .get(k.as_bytes())
                            .map(|v| String::from_utf8_lossy(&v.value).to_lowercase())
                    };
                    let mut marks = String::new();
                    for key in ["id", "class", "role", "itemprop"] {
                        if let Some(v) = attr(key) {
                            marks.push_str(&v);
                            marks.push(' ');
                        }
                    }
                    let itemprop_body = attr("itemprop").is_some_and(|v| v.contains("articlebody"));
                    let named_body = ["id", "class"].iter().any(|k| {
                        attr(k).is_some_and(|v| v.split_whitespace().any(super::is_body_name))
                    });
                    let style = attr("style").unwrap_or_default().replace(' ', "");
                    let hidden = tag.attributes.contains_key(b"hidden".as_slice())
                        || style.contains("display:none")
                        || style.contains("visibility:hidden");
                    let index = elements.len();
                    if name == "h1" && h1.is_none() {
                        h1 = Some(index);
                    }
                    elements.push(Element {
                        tag: name.into(),
                        marks: marks.into(),
                        role: attr("role").map(Into::into),
                        itemprop_body,
                        named_body,
                        hidden,
                        children: Vec::new(),
                        parent,
                    });
                    elements[parent].children.push(Node::Element(index));
                    if !tag.self_closing {
                        open.push(index);
                    }
                }
                Token::EndTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                    if let Some((skipped, depth)) = &mut opaque {
                        if *skipped == name {
                            *depth -= 1;
                            if *depth == 0 {
                                opaque = None;
                            }
                            continue;
                        }
                        // The end of an HTML element the `<svg>` is inside ends it too.
                        let open_outside = open.iter().any(|&e| *elements[e].tag == *name);
                        if !(is_foreign(skipped)
                            && ENDS_FOREIGN.contains(&name.as_str())
                            && open_outside)
                        {
                            continue;
                        }
                        opaque = None;
                    }
                    if too_deep > 0 {
                        too_deep -= 1;
                        continue;
                    }
                    if let Some(at) = open.iter().rposition(|&e| *elements[e].tag == *name) {
                        open.truncate(at.max(1));
                    } else if name == "p" || name == "br" {
                        let top = open.last().copied().unwrap_or(0);
                        elements[top].children.push(Node::Break);
                    }
                }
                Token::String(s) if opaque.is_none() => {
                    let s = String::from_utf8_lossy(&s.value);
                    let top = open.last().copied().unwrap_or(0);
                    match elements[top].children.last_mut() {
                        Some(Node::Text(text)) => text.push_str(&s),
                        _ => elements[top].children.push(Node::Text(s.into_owned())),
                    }
                }
                _ => {}
            }
        }
        // An h1 with no text is no headline.
        let mut tree = Tree { elements, h1: None };
        tree.h1 = h1.filter(|&h| tree.plain_text(h).chars().any(|c| !c.is_whitespace()));
        tree
    }

    pub(super) fn plain_text(&self, element: usize) -> String {
        let mut out = String::new();
        for child in &self.elements[element].children {
            match child {
                Node::Element(e) => out.push_str(&self.plain_text(*e)),
                Node::Text(t) => out.push_str(t),
                Node::Break => out.push(' '),
            }
        }
        out
    }
}

/// Pops the open elements down to and including the nearest `tag`, unless one of `scope` comes
/// first: the end tags HTML leaves out (`<li>`, `<td>`, `<p>`).
fn close_up_to(open: &mut Vec<usize>, elements: &[Element], tag: &str, scope: &[&str]) {
    for at in (1..open.len()).rev() {
        let name = &*elements[open[at]].tag;
        if name == tag {
            open.truncate(at);
            return;
        }
        if scope.contains(&name) {
            return;
        }
    }
}
