//! What `dateline` accepts on its command line, declared for `clap`: help, suggestions and
//! completions come from these types.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// Dateline turns a pile of news articles into a chronology; with no command, it opens the window.
// `dateline news` opens the window on `news`, `dateline inspect news` runs a command: a first
// word that names a command is the command. Read with `Cli::try_parse_args`, which also refuses
// a mistyped command and the window's arguments given with a command.
#[derive(Debug, Parser)]
#[command(
    name = "dateline",
    version,
    // clap would write `dateline [OPTIONS] [PATH] [COMMAND]`, as if both could be given.
    override_usage = "dateline [OPTIONS] [PATH]\n       dateline <COMMAND>",
    after_help = "To open a folder named like a command, write its path: dateline ./inspect"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub gui: GuiArgs,
}

/// The window's arguments, when no command is given.
#[derive(Debug, Args)]
pub struct GuiArgs {
    /// The collection to open (default: the bundled sample)
    pub path: Option<PathBuf>,
    /// Render once the collection is loaded, save a PNG and exit
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
}

// Each variant's doc comment is its line in `dateline --help`; each field's, its option's.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article with its metadata, and one per file that could not be read
    Inspect {
        /// The collection's folder
        path: PathBuf,
        /// Print JSON Lines
        #[arg(long)]
        json: bool,
    },
    /// Every date mentioned in the articles, resolved against the publication date
    Dates {
        /// The collection's folder
        path: PathBuf,
        /// Print JSON Lines
        #[arg(long)]
        json: bool,
    },
    /// Find every annotated passage again: in place, moved or orphaned
    Check {
        /// The collection's folder
        path: PathBuf,
        /// The annotations file (default: the collection's .dateline/annotations.ron)
        #[arg(long, value_name = "FILE")]
        annotations: Option<PathBuf>,
        /// Print JSON Lines, one per passage and a closing summary
        #[arg(long)]
        json: bool,
    },
    /// Write the annotations in an interchange format
    Export {
        /// The collection's folder
        path: PathBuf,
        /// The format to write
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The annotations file (default: the collection's .dateline/annotations.ron)
        #[arg(long, value_name = "FILE")]
        annotations: Option<PathBuf>,
        /// Write to FILE instead of standard output (atomically: all of it or nothing)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// What to write in csv: the events, or the plain annotations
        #[arg(long, value_enum, default_value = "events")]
        what: ExportWhat,
        /// csv and acled: start with a byte-order mark, for Excel
        #[arg(long)]
        excel: bool,
        /// Only events from this day on (by their start)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: Option<chrono::NaiveDate>,
        /// Only events up to this day (by their start)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: Option<chrono::NaiveDate>,
    },
    /// Merge W3C Web Annotation JSON-LD into the collection's annotations
    Import {
        /// The collection's folder
        path: PathBuf,
        /// One annotation, an array, a collection or a page, as JSON-LD
        file: PathBuf,
    },
    /// Find words, "phrases" and name variants (aliases), as the window does
    Search {
        /// The collection's folder
        path: PathBuf,
        /// What to find (quote a query of several words)
        query: String,
        /// Print JSON Lines
        #[arg(long)]
        json: bool,
    },
    /// The suggested timeline: the dates the articles report, a line each in date order
    Timeline {
        /// The collection's folder
        path: PathBuf,
        /// Print JSON Lines (date, precision, score, summary, articles, sources, type, actors,
        /// places, evidence)
        #[arg(long)]
        json: bool,
        /// Exactly this many dates (fewer only when fewer exist); default: every date that weighs
        /// as much as two articles reporting it
        #[arg(long, value_name = "N")]
        dates: Option<usize>,
        /// Only articles published, and dates, from this day on
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: Option<chrono::NaiveDate>,
        /// Only articles published, and dates, up to this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: Option<chrono::NaiveDate>,
        /// Only the articles this search finds
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
    },
    /// Git's merge driver for Dateline's files: merge THEIRS into OURS by id (from BASE) and
    /// write the result to OURS; exit 0 when everything merged, 1 when entries changed
    /// differently on both sides (they are listed inside the file, which still parses) or a side
    /// does not parse (then nothing is written)
    MergeAnnotations {
        /// The common version (git's %O)
        base: PathBuf,
        /// Ours, overwritten with the merge (git's %A)
        ours: PathBuf,
        /// Theirs (git's %B)
        theirs: PathBuf,
        /// The file's path in the repository (git's %P): tells annotations.ron, taxonomy.ron
        /// and aliases.ron apart
        path: Option<PathBuf>,
    },
    /// Share a collection's annotations with a team through git
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// Print a shell completion script to standard output
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Set the collection up for team work: a git repository if it is none, .gitattributes and
    /// the merge driver for Dateline's files, .gitignore for the cache and temporary files
    Init {
        /// The collection's folder
        path: PathBuf,
    },
    /// Commit the annotation files (saying what changed), pull the team's (merged by id), push
    Sync {
        /// The collection's folder
        path: PathBuf,
        /// The name to commit as (default: git's user.name)
        #[arg(long)]
        name: Option<String>,
    },
}

/// A day as `--from` and `--to` take it.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| format!("{e}: give the day as YYYY-MM-DD, e.g. 2010-04-20"))
}

/// What `export --format` can write; a new format is a new variant here and a new writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// W3C Web Annotation JSON-LD: an AnnotationCollection
    Jsonld,
    /// A spreadsheet: one row an event (or annotation), RFC 4180, UTF-8
    Csv,
    /// The ACLED columns, one row an event of an ACLED type
    Acled,
    /// TimelineJS3 JSON
    Timelinejs,
    /// iCalendar: one all-day event an event
    Ics,
    /// One self-contained web page, printable
    Html,
    /// A Markdown list, one paragraph a date
    Md,
}

/// What `export --what` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Events,
    Annotations,
}

/// The shells `completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl From<Shell> for clap_complete::Shell {
    fn from(shell: Shell) -> Self {
        match shell {
            Shell::Bash => Self::Bash,
            Shell::Zsh => Self::Zsh,
            Shell::Fish => Self::Fish,
        }
    }
}

impl Cli {
    /// Reads the command line (program name first). Beyond what clap checks: a mistyped command
    /// is refused with a suggestion rather than taken for the window's PATH, and the window's
    /// arguments cannot come with a command.
    pub fn try_parse_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        if let Some(e) = args.get(1).and_then(|first| mistyped_command(first)) {
            return Err(e);
        }
        let mut cmd = Self::command();
        let matches = cmd.try_get_matches_from_mut(args)?;
        if let Some(e) = matches
            .subcommand_name()
            .and_then(|sub| window_args_with_command(&mut cmd, &matches, sub))
        {
            return Err(e);
        }
        Self::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
    }
}

/// The error for `dateline news inspect x` or `dateline --screenshot a.png inspect x`, worded as
/// clap words a conflict. (clap's `args_conflicts_with_subcommands` would do this, but would
/// also call any extra word a subcommand: "the subcommand 'b' cannot be used" for `dateline a b`.)
fn window_args_with_command(
    cmd: &mut clap::Command,
    matches: &clap::ArgMatches,
    sub: &str,
) -> Option<clap::Error> {
    let given: Vec<String> = cmd
        .get_arguments()
        .filter(|a| matches.value_source(a.get_id().as_str()) == Some(ValueSource::CommandLine))
        .map(ToString::to_string)
        .collect();
    let prior = match given.as_slice() {
        [] => return None,
        [one] => ContextValue::String(one.clone()),
        _ => ContextValue::Strings(given),
    };
    let usage = cmd.render_usage();
    let mut e = clap::Error::new(ErrorKind::ArgumentConflict).with_cmd(cmd);
    e.insert(
        ContextKind::InvalidSubcommand,
        ContextValue::String(sub.to_string()),
    );
    e.insert(ContextKind::PriorArg, prior);
    e.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
    Some(e)
}

/// The error for a first argument that is neither a folder nor a command but is a command
/// mistyped, worded as clap words it for a program without a PATH of its own.
///
/// A command must come first, so only the first argument is looked at. The word is refused only
/// when it is no path on disk and one typo (two for a long name) from a command: a stricter test
/// than clap's own, since a miss here turns away what may be meant as a folder.
fn mistyped_command(first: &OsStr) -> Option<clap::Error> {
    let word = first.to_str()?;
    if word.starts_with('-') || Path::new(word).exists() {
        return None;
    }
    let mut cmd = Cli::command();
    // Built, so that the `help` clap adds is among the names.
    cmd.build();
    let best = similar_command(&cmd, word)?;
    let usage = cmd.render_usage();
    let mut e = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&cmd);
    e.insert(
        ContextKind::InvalidSubcommand,
        ContextValue::String(word.to_string()),
    );
    e.insert(ContextKind::SuggestedSubcommand, ContextValue::String(best));
    e.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(vec![
            format!("and there is no folder '{word}' to open").into(),
        ]),
    );
    e.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
    Some(e)
}

/// The command `word` is a typo of, if it is one: at most one edit (a transposition counts as
/// one), two for names of eight letters or more, ignoring case.
fn similar_command(cmd: &clap::Command, word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    cmd.get_subcommands()
        .flat_map(|s| std::iter::once(s.get_name()).chain(s.get_all_aliases()))
        .filter(|name| *name != word)
        .map(|name| (strsim::osa_distance(&lower, name), name))
        .filter(|(edits, name)| *edits <= (name.len() / 4).max(1))
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, name)| name.to_string())
}

/// `dateline completions SHELL`: the script, made in memory so that a closed pipe is an error to
/// report rather than a panic in the generator.
pub fn completions(shell: Shell, out: &mut dyn std::io::Write) -> Result<(), super::CliError> {
    let mut script = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut Cli::command(),
        "dateline",
        &mut script,
    );
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_args(std::iter::once("dateline").chain(args.iter().copied()))
    }

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_path_opens_the_window_and_a_command_name_runs_the_command() {
        let cases: &[(&[&str], Option<&str>, Option<&str>)] = &[
            (&[], None, None),
            (&["news"], Some("news"), None),
            (
                &["news", "--screenshot", "a.png"],
                Some("news"),
                Some("a.png"),
            ),
            (&["--screenshot", "a.png"], None, Some("a.png")),
            (
                &["--screenshot", "a.png", "news"],
                Some("news"),
                Some("a.png"),
            ),
            (&["./inspect"], Some("./inspect"), None),
            (&["--", "inspect"], Some("inspect"), None),
        ];
        for (args, path, screenshot) in cases {
            let cli = parse(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
            assert!(cli.command.is_none(), "{args:?}");
            assert_eq!(cli.gui.path.as_deref(), path.map(Path::new), "{args:?}");
            assert_eq!(
                cli.gui.screenshot.as_deref(),
                screenshot.map(Path::new),
                "{args:?}"
            );
        }
        let cli = parse(&["inspect", "news", "--json"]).map(|c| c.command);
        assert!(
            matches!(&cli, Ok(Some(Command::Inspect { path, json: true })) if path == Path::new("news")),
            "{cli:?}"
        );
    }

    #[test]
    fn usage_errors() {
        let cases: &[(&[&str], ErrorKind)] = &[
            (&["inspect"], ErrorKind::MissingRequiredArgument),
            (&["inspect", "a", "b"], ErrorKind::UnknownArgument),
            (&["inspect", "a", "--csv"], ErrorKind::UnknownArgument),
            (&["--screenshot"], ErrorKind::InvalidValue),
            (&["a", "b"], ErrorKind::UnknownArgument),
            (&["--frobnicate"], ErrorKind::UnknownArgument),
            (&["news", "inspect", "x"], ErrorKind::ArgumentConflict),
            (
                &["--screenshot", "a.png", "inspect", "x"],
                ErrorKind::ArgumentConflict,
            ),
            (&["news", "inspct"], ErrorKind::InvalidSubcommand),
            (&["export", "x"], ErrorKind::MissingRequiredArgument),
            (&["export", "x", "--format", "pdf"], ErrorKind::InvalidValue),
            (&["completions", "powershell"], ErrorKind::InvalidValue),
            (&["inspct"], ErrorKind::InvalidSubcommand),
            (&["inspct", "x", "--json"], ErrorKind::InvalidSubcommand),
        ];
        for (args, kind) in cases {
            match parse(args) {
                Ok(cli) => panic!("{args:?} parsed: {cli:?}"),
                Err(e) => assert_eq!(e.kind(), *kind, "{args:?}: {e}"),
            }
        }
    }

    #[test]
    fn a_mistyped_command_is_one_typo_from_a_command() {
        let mut cmd = Cli::command();
        cmd.build();
        let cases: &[(&str, Option<&str>)] = &[
            ("inspct", Some("inspect")),
            ("Inspect", Some("inspect")),
            ("serach", Some("search")),
            ("date", Some("dates")),
            ("chek", Some("check")),
            ("imprt", Some("import")),
            ("completion", Some("completions")),
            ("complitoins", Some("completions")),
            ("hlep", Some("help")),
            ("inspect", None),
            // Plausible folder names that clap's looser measure would take for commands.
            ("notes", None),
            ("data", None),
            ("articles", None),
            ("./inspct", None),
            ("news/inspct", None),
        ];
        for (word, want) in cases {
            assert_eq!(similar_command(&cmd, word).as_deref(), *want, "{word}");
        }
        // Only a word that is no path on disk: this test runs in the package's folder.
        assert!(mistyped_command(OsStr::new("inspct")).is_some());
        assert!(mistyped_command(OsStr::new("--inspct")).is_none());
    }
}
