//! The command line: what `dateline` accepts (declared in `args`) and the commands that print to a
//! terminal, each a thin call into the core.

mod args;
mod timeline;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::annotations::AnnotationSet;
use crate::core::collection::{self, Article, CollectionError, Problem};
use crate::core::store;

pub use args::{Cli, Command, ExportFormat, ExportWhat, GuiArgs, Shell, TeamCommand, completions};
pub use timeline::{TimelineArgs, json_line as suggestion_json, timeline};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Collection(#[from] CollectionError),
    #[error(transparent)]
    Store(#[from] crate::core::store::StoreError),
    #[error("cannot import {path}: {source}")]
    Import {
        path: PathBuf,
        #[source]
        source: crate::core::interchange::ImportError,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Aliases(#[from] crate::core::search::LoadAliasesError),
    #[error(transparent)]
    Team(#[from] crate::core::team::TeamError),
    #[error("search: the query is empty")]
    EmptyQuery,
    #[error("timeline: {0}")]
    Timeline(String),
    #[error("export: {0}")]
    Export(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The annotations of a collection: the named file, or the collection's own.
fn annotations_of(root: &Path, file: Option<&Path>) -> Result<(PathBuf, AnnotationSet), CliError> {
    let path = file.map_or_else(|| store::default_path(root), Path::to_path_buf);
    let set = store::load(&path)?.unwrap_or_default();
    Ok((path, set))
}

/// A passage as `check --json` prints it.
#[derive(serde::Serialize)]
struct CheckLine<'a> {
    id: &'a str,
    kind: &'a str,
    path: &'a str,
    status: &'a str,
    start: Option<usize>,
    end: Option<usize>,
    score: Option<f64>,
    exact: &'a str,
}

/// `dateline check PATH [--annotations FILE] [--json]`.
pub fn check(
    root: &Path,
    annotations: Option<&Path>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(usize, usize, usize), CliError> {
    use crate::core::anchor::{Anchor, anchor};
    let c = collection::load(root)?;
    let (_, set) = annotations_of(root, annotations)?;
    let by_path: std::collections::HashMap<&str, &Article> =
        c.articles.iter().map(|a| (a.path.as_str(), a)).collect();
    let passages = set
        .events
        .iter()
        .flat_map(|e| e.evidence.iter().map(move |p| (e.id.as_str(), "event", p)))
        .chain(
            set.annotations
                .iter()
                .map(|a| (a.id.as_str(), "annotation", &a.passage)),
        );
    let (mut in_place, mut moved, mut orphaned) = (0, 0, 0);
    for (id, kind, p) in passages {
        let found = by_path
            .get(p.path.as_str())
            .map_or(Anchor::Orphaned, |a| anchor(p, &a.text));
        match found.status() {
            "in_place" => in_place += 1,
            "moved" => moved += 1,
            _ => orphaned += 1,
        }
        let range = found.range();
        let score = match &found {
            Anchor::Fuzzy(_, s) => Some((s * 1000.0).round() / 1000.0),
            Anchor::InPlace(_) | Anchor::Moved(_) => Some(1.0),
            Anchor::Orphaned => None,
        };
        if json {
            let line = CheckLine {
                id,
                kind,
                path: &p.path,
                status: found.status(),
                start: range.as_ref().map(|r| r.start),
                end: range.as_ref().map(|r| r.end),
                score,
                exact: &p.exact,
            };
            writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default())?;
        } else {
            let quote = crate::core::text::one_line(&p.exact, 60);
            writeln!(out, "{}\t{id}\t{}\t“{quote}”", found.status(), p.path)?;
        }
    }
    if json {
        writeln!(
            out,
            "{}",
            serde_json::json!({ "summary": { "in_place": in_place, "moved": moved, "orphaned": orphaned } })
        )?;
    } else {
        writeln!(
            out,
            "{in_place} in place, {moved} moved, {orphaned} orphaned"
        )?;
    }
    out.flush()?;
    Ok((in_place, moved, orphaned))
}

/// `dateline export PATH --format FORMAT [--annotations FILE] [-o FILE]`.
pub fn export(
    root: &Path,
    format: ExportFormat,
    annotations: Option<&Path>,
    output: Option<&Path>,
    scope: &ExportScope,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::core::export::{self, ArticleInfo, Context, Format, Options, Places};
    if let (Some(f), Some(t)) = (scope.from, scope.to)
        && f > t
    {
        return Err(CliError::Export(format!(
            "--from {f} is after --to {t}: no day is in between"
        )));
    }
    let c = collection::load(root)?;
    let (_, set) = annotations_of(root, annotations)?;
    let label = root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (text, message) = match format {
        ExportFormat::Jsonld => {
            let lookup = |path: &str| c.articles.iter().find(|a| a.path == path).cloned();
            let doc = crate::core::interchange::export(&set, &label, &lookup);
            let total = doc["total"].as_u64().unwrap_or(0);
            (
                serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n",
                format!("exported {total} annotations"),
            )
        }
        other => {
            let format = match other {
                ExportFormat::Csv => Format::Csv,
                ExportFormat::Acled => Format::Acled,
                ExportFormat::Timelinejs => Format::TimelineJs,
                ExportFormat::Ics => Format::Ics,
                ExportFormat::Html => Format::Html,
                _ => Format::Md,
            };
            let infos: std::collections::HashMap<&str, ArticleInfo> = c
                .articles
                .iter()
                .map(|a| (a.path.as_str(), ArticleInfo::of(a)))
                .collect();
            let lookup = |p: &str| infos.get(p).cloned();
            let types = crate::core::taxonomy::TypeIndex::new(&taxonomy_of(root));
            let places_path = store::default_path(root).with_file_name(export::PLACES_FILE);
            let places = Places::load(&places_path).map_err(CliError::Export)?;
            let ctx = Context {
                articles: &lookup,
                types: &types,
                places: &places,
                progress: None,
            };
            let options = Options {
                excel: scope.excel,
                title: label.clone(),
            };
            if scope.annotations {
                if format != Format::Csv {
                    return Err(CliError::Export(
                        "--what annotations is for --format csv; the other formats are of events"
                            .into(),
                    ));
                }
                let list: Vec<_> = set.annotations.iter().collect();
                let w = export::annotations(&list, &ctx, &options);
                let m = w.message("annotations");
                (w.text, m)
            } else {
                let events: Vec<_> = set
                    .events
                    .iter()
                    .filter(|e| {
                        let day = e.when.start.first_day();
                        scope.from.is_none_or(|f| day.is_some_and(|d| d >= f))
                            && scope.to.is_none_or(|t| day.is_some_and(|d| d <= t))
                    })
                    .collect();
                let w = export::events(format, &events, &ctx, &options);
                let m = w.message("events");
                (w.text, m)
            }
        }
    };
    match output {
        Some(path) => {
            store::write_atomically(path, text.as_bytes()).map_err(|source| CliError::Write {
                path: path.to_path_buf(),
                source,
            })?;
            eprintln!("dateline: {message} to {}", path.display());
        }
        None => {
            out.write_all(text.as_bytes())?;
            if message.starts_with("nothing") || message.contains("left out") {
                eprintln!("dateline: {message}");
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Which entries `export` writes.
#[derive(Debug, Clone, Default)]
pub struct ExportScope {
    pub annotations: bool,
    pub excel: bool,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

/// The collection's event types (`.dateline/taxonomy.ron`), or the presets (said on standard
/// error when the file does not parse).
pub fn taxonomy_of(root: &Path) -> crate::core::taxonomy::Taxonomy {
    use crate::core::taxonomy::Taxonomy;
    let path = store::default_path(root).with_file_name("taxonomy.ron");
    match std::fs::read_to_string(&path) {
        Ok(text) => Taxonomy::parse(&text, &path).unwrap_or_else(|e| {
            eprintln!("dateline: {e} (the bundled event types are used)");
            Taxonomy::builtin()
        }),
        Err(_) => Taxonomy::builtin(),
    }
}

/// The collection's aliases (`.dateline/aliases.ron`), or the ones that ship when it has none.
pub fn aliases_of(root: &Path) -> Result<crate::core::search::Aliases, CliError> {
    let path = store::default_path(root).with_file_name("aliases.ron");
    Ok(crate::core::search::Aliases::load(&path)?
        .unwrap_or_else(crate::core::search::Aliases::builtin))
}

/// A hit as `search --json` prints it.
#[derive(serde::Serialize)]
struct HitLine<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    snippet: &'a str,
}

/// `dateline search PATH QUERY [--json]`: reads and searches each file as it comes, keeping only
/// the hits; offsets are bytes into the decoded text.
pub fn search(
    root: &Path,
    query: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<usize, CliError> {
    use crate::core::search::{Matcher, parse_query, snippet_into};
    let aliases = aliases_of(root)?;
    let Some(matcher) = Matcher::new(&parse_query(query, &aliases)) else {
        return Err(CliError::EmptyQuery);
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    // Searched and formatted on the reading threads; only the hits travel.
    let search_one = |event: collection::LoadEvent| {
        let collection::LoadEvent::Article(a) = event else {
            return None;
        };
        let hits = matcher.find_known(&a.text, a.text.is_ascii());
        if hits.is_empty() {
            return None;
        }
        let mut lines = String::new();
        let mut snip = String::new();
        for h in &hits {
            snip.clear();
            snippet_into(&a.text, h, 80, &mut snip);
            if json {
                let line = HitLine {
                    path: &a.path,
                    start: h.start,
                    end: h.end,
                    text: &a.text[h.clone()],
                    snippet: &snip,
                };
                lines.push_str(&serde_json::to_string(&line).unwrap_or_default());
            } else {
                use std::fmt::Write as _;
                let _ = write!(lines, "{}:{}-{}: {snip}", a.path, h.start, h.end);
            }
            lines.push('\n');
        }
        Some((a.path, hits.len(), lines))
    };
    // Hits come in path order: written as they come.
    let mut count = 0;
    let mut written: std::io::Result<()> = Ok(());
    collection::stream_mapped(
        root,
        collection::LoadOptions {
            keep_text: true,
            headers: false,
            ..Default::default()
        },
        &cancel,
        &search_one,
        &mut |(_, hits, lines): (String, usize, String)| {
            count += hits;
            if written.is_ok() {
                written = out.write_all(lines.as_bytes());
            }
        },
    )?;
    written?;
    out.flush()?;
    Ok(count)
}

/// `dateline import PATH FILE`: merges the file's annotations into the collection's.
pub fn import(
    root: &Path,
    file: &Path,
    out: &mut dyn Write,
) -> Result<crate::core::interchange::ImportReport, CliError> {
    let c = collection::load(root)?;
    let (target, mut set) = annotations_of(root, None)?;
    let text = std::fs::read_to_string(file).map_err(|source| CliError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let report =
        crate::core::interchange::import(&text, &c.articles, &mut set).map_err(|source| {
            CliError::Import {
                path: file.to_path_buf(),
                source,
            }
        })?;
    if report.added > 0 {
        store::save(&target, &set)?;
    }
    for why in &report.skipped {
        writeln!(out, "skipped: {why}")?;
    }
    writeln!(
        out,
        "{} added, {} already there, {} skipped: {}",
        report.added,
        report.unchanged,
        report.skipped.len(),
        target.display()
    )?;
    out.flush()?;
    Ok(report)
}

/// An article as `inspect --json` prints it, keys in the order DESIGN.md names them.
#[derive(serde::Serialize)]
struct ArticleLine<'a> {
    path: &'a str,
    published: Option<String>,
    first_posted: Option<String>,
    title: &'a str,
    title_derived: bool,
    byline: Option<&'a str>,
    dateline: Option<&'a str>,
    source: Option<&'a str>,
    language: &'a str,
    /// Where a web page says it lives (or the address it was captured or saved from).
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    /// Set when the publication date is the one the file's path gives.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    date_from_path: bool,
    /// What else a news-database export gave: section, length, copyright…
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    fields: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

#[derive(serde::Serialize)]
struct ProblemLine<'a> {
    path: &'a str,
    error: &'a str,
}

/// One JSON line for an article.
pub fn article_json(a: &Article) -> String {
    let m = &a.meta;
    let line = ArticleLine {
        path: &a.path,
        published: m.published.map(|t| t.to_string()),
        first_posted: m.first_posted.map(|t| t.to_string()),
        title: &m.title,
        title_derived: m.title_derived,
        byline: m.byline.as_deref(),
        dateline: m.dateline.as_deref(),
        source: m.source.as_deref(),
        language: m.language,
        url: m.url.as_deref(),
        date_from_path: m.date_from_path,
        fields: m
            .extra
            .iter()
            .map(|(k, v)| (field_key(k), serde_json::Value::String(v.clone())))
            .collect(),
        warnings: &m.warnings,
    };
    serde_json::to_string(&line).unwrap_or_default()
}

/// A field's label as a snake_case key: "Load date" → `load_date`.
fn field_key(label: &str) -> String {
    let mut key = String::with_capacity(label.len());
    for word in label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push('_');
        }
        key.push_str(&word.to_lowercase());
    }
    key
}

/// One JSON line for a file that could not be read.
pub fn problem_json(p: &Problem) -> String {
    serde_json::to_string(&ProblemLine {
        path: &p.path,
        error: &p.reason,
    })
    .unwrap_or_default()
}

/// A date mention as `dates --json` prints it.
#[derive(serde::Serialize)]
struct MentionLine<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    value: Option<&'a str>,
    precision: &'a str,
    kind: &'a str,
    how: &'a str,
}

/// `dateline dates PATH [--json]`: every date mention of every article, resolved against the
/// article's publication date; offsets are bytes into the decoded text. The articles are taken
/// in blocks, each block's lines made on every core and written in the articles' order.
pub fn dates(path: &std::path::Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    use std::fmt::Write as _;
    let c = collection::load(path)?;
    let cores = crate::core::threads();
    let lines_of = |part: &[Article]| {
        let mut lines = String::new();
        for a in part {
            let published = a.meta.published.map(|t| t.date);
            for m in crate::core::mentions::find(a.body(), published) {
                let (start, end) = (a.body_start + m.start, a.body_start + m.end);
                if json {
                    let line = MentionLine {
                        path: &a.path,
                        start,
                        end,
                        text: &m.text,
                        value: m.value.as_deref(),
                        precision: m.precision.as_str(),
                        kind: m.kind.as_str(),
                        how: &m.how,
                    };
                    lines.push_str(&serde_json::to_string(&line).unwrap_or_default());
                    lines.push('\n');
                } else {
                    let value = m.value.as_deref().unwrap_or("-");
                    let _ = writeln!(
                        lines,
                        "{}\t{start}-{end}\t{value}\t{}\t{}",
                        a.path,
                        m.kind.as_str(),
                        m.text.replace('\n', " ")
                    );
                }
            }
        }
        lines
    };
    for block in c.articles.chunks(DATES_BLOCK) {
        let parts = crate::core::in_parts(block, cores, |_, part| lines_of(part));
        for (_, part) in parts {
            let part = part.unwrap_or_else(|e| std::panic::resume_unwind(e));
            out.write_all(part.as_bytes())?;
        }
    }
    for p in &c.problems {
        if json {
            writeln!(out, "{}", problem_json(p))?;
        } else {
            writeln!(out, "{}\terror: {}", p.path, p.reason)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// How many articles `dates` gives its cores at a time: the lines of one block are held before
/// they are written, so a million articles never hold all of theirs at once.
const DATES_BLOCK: usize = 4096;

/// `dateline inspect PATH [--json]`: each article's line is made on the reading thread as soon
/// as it is read, so only the lines are kept (not the articles) and sorted once by path. An
/// article whose numeric date could be read either way waits for the whole collection's count
/// (`settle_date_order`), then gets its line.
pub fn inspect(path: &std::path::Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    use crate::core::timestamp::DayMonthOrder;
    enum Item {
        Line(String, String, Option<DayMonthOrder>),
        Pending(Box<Article>),
        Problem(Problem),
    }
    let line = |a: &Article| {
        if json {
            article_json(a)
        } else {
            let published = a.meta.published.map(|t| t.to_string()).unwrap_or_default();
            let source = a.meta.source.as_deref().unwrap_or("");
            format!("{}\t{published}\t{source}\t{}", a.path, a.meta.title)
        }
    };
    let to_item = |event: collection::LoadEvent| match event {
        collection::LoadEvent::Found { .. } => None,
        collection::LoadEvent::Problem(p) => Some(Item::Problem(p)),
        collection::LoadEvent::Article(a) => Some(match a.meta.date_order {
            Some(DayMonthOrder::Ambiguous) => Item::Pending(a),
            order => {
                let text = line(&a);
                Item::Line(a.path, text, order)
            }
        }),
    };
    // Lines come in path order and are written as they come, until an article must wait for
    // the count: from then on they are held, and sorted in with it at the end.
    let mut buffer = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut written: std::io::Result<()> = Ok(());
    let mut held: Vec<(String, String)> = Vec::new();
    let mut pending: Vec<Article> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut orders = collection::DateOrders::default();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    collection::stream_mapped(
        path,
        collection::LoadOptions {
            keep_text: false,
            headers: true,
            ..Default::default()
        },
        &cancel,
        &to_item,
        &mut |item| match item {
            Item::Line(path, text, order) => {
                orders.count(order);
                if !pending.is_empty() {
                    held.push((path, text));
                } else if written.is_ok() {
                    written = buffer
                        .write_all(text.as_bytes())
                        .and_then(|()| buffer.write_all(b"\n"));
                } else {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed); // a closed pipe
                }
            }
            Item::Pending(a) => pending.push(*a),
            Item::Problem(p) => problems.push(p),
        },
    )?;
    written?;
    if !pending.is_empty() {
        orders.settle(&mut pending);
        held.extend(pending.into_iter().map(|a| {
            let text = line(&a);
            (a.path, text)
        }));
        held.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, text) in &held {
            buffer.write_all(text.as_bytes())?;
            buffer.write_all(b"\n")?;
        }
    }
    problems.sort();
    let out = &mut buffer;
    for p in &problems {
        if json {
            writeln!(out, "{}", problem_json(p))?;
        } else {
            writeln!(out, "{}\terror: {}", p.path, p.reason)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `dateline team init PATH`.
pub fn team_init(root: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    if !root.is_dir() {
        return Err(CollectionError::NotFound(root.to_path_buf()).into());
    }
    let driver = std::env::current_exe().map_err(CliError::Output)?;
    let report = crate::core::team::init(root, true, &driver)?;
    writeln!(out, "{report}")?;
    Ok(())
}

/// `dateline team sync PATH [--name NAME]`: says each step on standard error, the result on
/// standard output.
pub fn team_sync(root: &Path, name: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    if !root.is_dir() {
        return Err(CollectionError::NotFound(root.to_path_buf()).into());
    }
    let report = crate::core::team::sync(root, name, &|step| eprintln!("{step}"))?;
    writeln!(out, "{}", report.summary())?;
    Ok(())
}
