//! The command line: what `dateline` was asked to do, and the commands that print to a terminal.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::annotations::AnnotationSet;
use crate::core::collection::{self, Article, CollectionError, Problem};
use crate::core::store;

pub const USAGE: &str = "\
usage:
  dateline [PATH] [--screenshot OUT.png]   open the window on PATH (default: the bundled sample)
  dateline inspect PATH [--json]           one line per article with its metadata
  dateline dates PATH [--json]             every date mentioned in the articles, resolved
  dateline check PATH [--annotations FILE] [--json]
                                           find every annotated passage again: in place, moved, orphaned
  dateline export PATH --format jsonld [--annotations FILE] [-o FILE]
                                           the annotations as W3C Web Annotation JSON-LD
  dateline import PATH FILE                merge W3C Web Annotation JSON-LD into the annotations
  dateline search PATH QUERY [--json]      find words, \"phrases\" and name variants (aliases)
  dateline --help | --version";

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    Gui {
        path: Option<PathBuf>,
        screenshot: Option<PathBuf>,
    },
    Inspect {
        path: PathBuf,
        json: bool,
    },
    Dates {
        path: PathBuf,
        json: bool,
    },
    Check {
        path: PathBuf,
        annotations: Option<PathBuf>,
        json: bool,
    },
    Export {
        path: PathBuf,
        format: String,
        annotations: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Import {
        path: PathBuf,
        file: PathBuf,
    },
    Search {
        path: PathBuf,
        query: String,
        json: bool,
    },
    Help,
    Version,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}\n{USAGE}")]
    Usage(String),
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
    #[error("search: the query is empty")]
    EmptyQuery,
}

/// A subcommand's arguments: positionals and `--flag [VALUE]` options.
struct Parsed {
    positional: Vec<PathBuf>,
    json: bool,
    annotations: Option<PathBuf>,
    format: Option<String>,
    output: Option<PathBuf>,
}

fn parse_sub(
    command: &str,
    args: impl Iterator<Item = OsString>,
    allowed: &[&str],
) -> Result<Parsed, CliError> {
    let usage = |m: String| Err(CliError::Usage(format!("{command}: {m}")));
    let mut parsed = Parsed {
        positional: Vec::new(),
        json: false,
        annotations: None,
        format: None,
        output: None,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        if !text.starts_with('-') || text == "-" {
            parsed.positional.push(PathBuf::from(arg));
            continue;
        }
        if !allowed.contains(&text.as_str()) {
            return usage(format!("unknown option {text}"));
        }
        let mut value = || {
            args.next()
                .ok_or_else(|| CliError::Usage(format!("{command}: {text} needs a value")))
        };
        match text.as_str() {
            "--json" => parsed.json = true,
            "--annotations" => parsed.annotations = Some(PathBuf::from(value()?)),
            "--format" => parsed.format = Some(value()?.to_string_lossy().into_owned()),
            "-o" | "--output" => parsed.output = Some(PathBuf::from(value()?)),
            _ => return usage(format!("unknown option {text}")),
        }
    }
    Ok(parsed)
}

/// Reads the arguments after the program name.
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, CliError> {
    let mut args = args.into_iter().peekable();
    let first = args.peek().map(|a| a.to_string_lossy().into_owned());
    let one_path = |command: &str, p: &mut Parsed| -> Result<PathBuf, CliError> {
        match p.positional.len() {
            1 => Ok(p.positional.remove(0)),
            0 => Err(CliError::Usage(format!("{command} needs a PATH"))),
            _ => Err(CliError::Usage(format!("{command} takes one PATH"))),
        }
    };
    match first.as_deref() {
        Some("-h" | "--help" | "help") => return Ok(Invocation::Help),
        Some("-V" | "--version") => return Ok(Invocation::Version),
        Some(command @ ("inspect" | "dates")) => {
            let command = command.to_string();
            args.next();
            let mut p = parse_sub(&command, args, &["--json"])?;
            let path = one_path(&command, &mut p)?;
            return Ok(if command == "inspect" {
                Invocation::Inspect { path, json: p.json }
            } else {
                Invocation::Dates { path, json: p.json }
            });
        }
        Some("check") => {
            args.next();
            let mut p = parse_sub("check", args, &["--json", "--annotations"])?;
            let path = one_path("check", &mut p)?;
            return Ok(Invocation::Check {
                path,
                annotations: p.annotations,
                json: p.json,
            });
        }
        Some("export") => {
            args.next();
            let mut p = parse_sub(
                "export",
                args,
                &["--format", "--annotations", "-o", "--output"],
            )?;
            let path = one_path("export", &mut p)?;
            let format = p
                .format
                .ok_or_else(|| CliError::Usage("export needs --format jsonld".into()))?;
            if format != "jsonld" {
                return Err(CliError::Usage(format!(
                    "export: unknown format {format:?} (supported: jsonld)"
                )));
            }
            return Ok(Invocation::Export {
                path,
                format,
                annotations: p.annotations,
                output: p.output,
            });
        }
        Some("search") => {
            args.next();
            let p = parse_sub("search", args, &["--json"])?;
            let json = p.json;
            return match <[PathBuf; 2]>::try_from(p.positional) {
                Ok([path, query]) => Ok(Invocation::Search {
                    path,
                    query: query.to_string_lossy().into_owned(),
                    json,
                }),
                Err(_) => Err(CliError::Usage(
                    "search needs PATH and QUERY (quote a query of several words)".into(),
                )),
            };
        }
        Some("import") => {
            args.next();
            let p = parse_sub("import", args, &[])?;
            return match <[PathBuf; 2]>::try_from(p.positional) {
                Ok([path, file]) => Ok(Invocation::Import { path, file }),
                Err(_) => Err(CliError::Usage("import needs PATH and FILE".into())),
            };
        }
        _ => {}
    }
    let usage = |m: String| Err(CliError::Usage(m));
    let mut path = None;
    let mut screenshot = None;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--screenshot") => match args.next() {
                Some(out) => screenshot = Some(PathBuf::from(out)),
                None => return usage("--screenshot needs a file name (OUT.png)".into()),
            },
            Some(flag) if flag.starts_with("--") => {
                return usage(format!("unknown option {flag}"));
            }
            _ if path.is_none() => path = Some(PathBuf::from(arg)),
            _ => return usage("only one PATH can be opened".into()),
        }
    }
    Ok(Invocation::Gui { path, screenshot })
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

/// `dateline export PATH --format jsonld [--annotations FILE] [-o FILE]`.
pub fn export(
    root: &Path,
    annotations: Option<&Path>,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let c = collection::load(root)?;
    let (_, set) = annotations_of(root, annotations)?;
    let label = root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let lookup = |path: &str| c.articles.iter().find(|a| a.path == path).cloned();
    let doc = crate::core::interchange::export(&set, &label, &lookup);
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    match output {
        Some(path) => {
            store::write_atomically(path, text.as_bytes()).map_err(|source| CliError::Read {
                path: path.to_path_buf(),
                source,
            })?
        }
        None => out.write_all(text.as_bytes())?,
    }
    out.flush()?;
    Ok(())
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
        let hits = matcher.find(&a.text);
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
    let mut found: Vec<(String, usize, String)> = Vec::new();
    collection::stream_mapped(
        root,
        collection::LoadOptions {
            keep_text: true,
            headers: false,
        },
        &cancel,
        &search_one,
        &mut |hit| found.push(hit),
    )?;
    let count = found.iter().map(|f| f.1).sum();
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, _, lines) in &found {
        out.write_all(lines.as_bytes())?;
    }
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
        warnings: &m.warnings,
    };
    serde_json::to_string(&line).unwrap_or_default()
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
/// article's publication date; offsets are bytes into the decoded text.
pub fn dates(path: &std::path::Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let c = collection::load(path)?;
    for a in &c.articles {
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
                writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default())?;
            } else {
                let value = m.value.as_deref().unwrap_or("-");
                writeln!(
                    out,
                    "{}\t{start}-{end}\t{value}\t{}\t{}",
                    a.path,
                    m.kind.as_str(),
                    m.text.replace('\n', " ")
                )?;
            }
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

/// `dateline inspect PATH [--json]`.
pub fn inspect(path: &std::path::Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let c = collection::load_with(
        path,
        collection::LoadOptions {
            keep_text: false,
            headers: true,
        },
    )?;
    let line = |a: &Article| {
        if json {
            article_json(a)
        } else {
            let published = a.meta.published.map(|t| t.to_string()).unwrap_or_default();
            let source = a.meta.source.as_deref().unwrap_or("");
            format!("{}\t{published}\t{source}\t{}", a.path, a.meta.title)
        }
    };
    // Lines are made on every core, then written in order.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = c.articles.len().div_ceil(workers).max(1);
    let parts: Result<Vec<String>, CliError> = std::thread::scope(|scope| {
        let handles: Vec<_> = c
            .articles
            .chunks(chunk)
            .map(|articles| {
                scope.spawn(move || {
                    let mut text = String::with_capacity(articles.len() * 320);
                    for a in articles {
                        text.push_str(&line(a));
                        text.push('\n');
                    }
                    text
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| CliError::Output(std::io::Error::other("a worker thread failed")))
            })
            .collect()
    });
    for part in parts? {
        out.write_all(part.as_bytes())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Invocation, String> {
        parse_args(args.iter().map(OsString::from)).map_err(|e| e.to_string())
    }

    #[test]
    fn arguments() {
        let gui = |p: Option<&str>, s: Option<&str>| {
            Ok(Invocation::Gui {
                path: p.map(PathBuf::from),
                screenshot: s.map(PathBuf::from),
            })
        };
        assert_eq!(parse(&[]), gui(None, None));
        assert_eq!(parse(&["news"]), gui(Some("news"), None));
        assert_eq!(
            parse(&["news", "--screenshot", "a.png"]),
            gui(Some("news"), Some("a.png"))
        );
        assert_eq!(parse(&["--screenshot", "a.png"]), gui(None, Some("a.png")));
        assert_eq!(
            parse(&["inspect", "news", "--json"]),
            Ok(Invocation::Inspect {
                path: "news".into(),
                json: true
            })
        );
        assert_eq!(parse(&["--help"]), Ok(Invocation::Help));
        let errors = [
            (&["inspect"][..], "inspect needs a PATH"),
            (&["inspect", "a", "b"], "one PATH"),
            (&["inspect", "a", "--csv"], "unknown option --csv"),
            (&["--screenshot"], "needs a file name"),
            (&["a", "b"], "only one PATH"),
            (&["--frobnicate"], "unknown option"),
        ];
        for (args, want) in errors {
            let got = parse(args).err().unwrap_or_default();
            assert!(got.contains(want), "{args:?}: {got}");
        }
    }
}
