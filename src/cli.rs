//! The command line: what `dateline` was asked to do, and the commands that print to a terminal.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::core::collection::{self, Article, CollectionError, Problem};

pub const USAGE: &str = "\
usage:
  dateline [PATH] [--screenshot OUT.png]   open the window on PATH (default: the bundled sample)
  dateline inspect PATH [--json]           one line per article with its metadata
  dateline dates PATH [--json]             every date mentioned in the articles, resolved
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
    Help,
    Version,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}\n{USAGE}")]
    Usage(String),
    #[error(transparent)]
    Collection(#[from] CollectionError),
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

/// Reads the arguments after the program name.
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, CliError> {
    let mut args = args.into_iter().peekable();
    let usage = |m: String| Err(CliError::Usage(m));
    let first = args.peek().map(|a| a.to_string_lossy().into_owned());
    match first.as_deref() {
        Some("-h" | "--help" | "help") => return Ok(Invocation::Help),
        Some("-V" | "--version") => return Ok(Invocation::Version),
        Some(command @ ("inspect" | "dates")) => {
            let command = command.to_string();
            args.next();
            let mut path = None;
            let mut json = false;
            for arg in args {
                match arg.to_str() {
                    Some("--json") => json = true,
                    Some(flag) if flag.starts_with("--") => {
                        return usage(format!("{command}: unknown option {flag}"));
                    }
                    _ if path.is_none() => path = Some(PathBuf::from(arg)),
                    _ => return usage(format!("{command} takes one PATH")),
                }
            }
            return match (path, command.as_str()) {
                (Some(path), "inspect") => Ok(Invocation::Inspect { path, json }),
                (Some(path), _) => Ok(Invocation::Dates { path, json }),
                (None, _) => usage(format!("{command} needs a PATH")),
            };
        }
        _ => {}
    }
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
    let c = collection::load_with(path, collection::LoadOptions { keep_text: false })?;
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
