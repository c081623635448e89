//! Team work on git: the collection's annotation files shared through a repository, merged by
//! id with `dateline merge-annotations` as git's merge driver, and synced (commit, pull, push)
//! with the system's `git` — the one users have configured with their credentials.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::annotations::AnnotationSet;
use super::collection::DATELINE_DIR;

/// The lines `team init` puts in the collection's `.gitattributes`.
pub const ATTRIBUTES: &str = ".dateline/annotations.ron merge=dateline\n\
.dateline/taxonomy.ron merge=dateline\n\
.dateline/aliases.ron merge=dateline\n";

/// The lines `team init` puts in the collection's `.gitignore`: the cache, temporary files of
/// atomic saves, backups and recovery copies.
pub const IGNORED: &str =
    ".dateline/cache/\n.dateline/.*.tmp-*\n.dateline/*.bak\n.dateline/*.recovered*\n";

/// The annotation files a sync commits, relative to the collection.
pub const SHARED_FILES: [&str; 5] = [
    ".dateline/annotations.ron",
    ".dateline/taxonomy.ron",
    ".dateline/aliases.ron",
    ".dateline/dismissed.ron",
    ".dateline/places.ron",
];

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(
        "git is not installed (or not on the PATH): install it to share work, e.g. `apt install git`"
    )]
    NoGit,
    #[error(
        "{0} is not in a git repository: set it up with `dateline team init` (Settings › Team…)"
    )]
    NotARepository(PathBuf),
    #[error(
        "everything is committed here, but the repository has no remote to share with: add one (Settings › Team…, or `git remote add origin URL`)"
    )]
    NoRemote,
    #[error("the remote refused the credentials: {0}")]
    AuthRefused(String),
    #[error(
        "the remote could not be reached (offline?): {0}; your work is committed here and will be sent at the next sync"
    )]
    Offline(String),
    #[error("the remote has changes this copy has not merged yet (push rejected): sync again")]
    PushRejected(String),
    #[error(
        "the merge left files other than Dateline's in conflict ({0}); settle them with git, then sync again"
    )]
    OtherConflicts(String),
    #[error("git {what} failed: {message}")]
    Git { what: String, message: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Runs `git` in `root`, never asking on a terminal (a window has none).
fn git(root: &Path, args: &[&str]) -> Result<std::process::Output, TeamError> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .env("LC_ALL", "C")
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                TeamError::NoGit
            } else {
                TeamError::Git {
                    what: args.first().copied().unwrap_or("").to_string(),
                    message: e.to_string(),
                }
            }
        })
}

/// `git` that must succeed: its standard output, or what it said on failure.
fn git_ok(root: &Path, args: &[&str]) -> Result<String, TeamError> {
    let out = git(root, args)?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(TeamError::Git {
            what: args.join(" "),
            message: last_words(&out.stderr),
        })
    }
}

fn last_words(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(3)..].join(" / ")
}

/// Whether a `git` can be run at all.
pub fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `root` is inside a git work tree.
pub fn is_repository(root: &Path) -> Result<bool, TeamError> {
    let out = git(root, &["rev-parse", "--is-inside-work-tree"])?;
    Ok(out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "true")
}

/// What `init` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    pub made_repository: bool,
    pub wrote_attributes: bool,
    pub wrote_ignore: bool,
}

impl std::fmt::Display for InitReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut done = Vec::new();
        if self.made_repository {
            done.push("made the collection a git repository");
        }
        if self.wrote_attributes {
            done.push("wrote .gitattributes");
        }
        if self.wrote_ignore {
            done.push("wrote .gitignore");
        }
        done.push("registered the merge driver");
        write!(f, "Team set-up: {}", done.join(", "))
    }
}

/// Sets the collection up for team work: a git repository (made when `make_repository` and
/// there is none), `.gitattributes` sending Dateline's files to the merge driver, the driver
/// (`driver` is the dateline program to run) in the repository's config, `.gitignore` for the
/// cache and temporary files. Run again, it changes nothing but the driver's path.
pub fn init(root: &Path, make_repository: bool, driver: &Path) -> Result<InitReport, TeamError> {
    if !git_available() {
        return Err(TeamError::NoGit);
    }
    let mut report = InitReport::default();
    if !is_repository(root)? {
        if !make_repository {
            return Err(TeamError::NotARepository(root.to_path_buf()));
        }
        git_ok(root, &["init", "--quiet"])?;
        report.made_repository = true;
    }
    report.wrote_attributes = add_lines(&root.join(".gitattributes"), ATTRIBUTES)?;
    report.wrote_ignore = add_lines(&root.join(".gitignore"), IGNORED)?;
    let program = driver.to_string_lossy().replace('\'', "'\\''");
    git_ok(
        root,
        &[
            "config",
            "merge.dateline.name",
            "Dateline: merge annotations by id",
        ],
    )?;
    git_ok(
        root,
        &[
            "config",
            "merge.dateline.driver",
            &format!("'{program}' merge-annotations %O %A %B %P"),
        ],
    )?;
    Ok(report)
}

/// Appends to `path` the lines of `lines` it lacks; whether it wrote.
fn add_lines(path: &Path, lines: &str) -> Result<bool, TeamError> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let have: std::collections::HashSet<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&str> = lines.lines().filter(|l| !have.contains(l.trim())).collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut text = old.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for l in missing {
        text.push_str(l);
        text.push('\n');
    }
    super::store::write_atomically(path, text.as_bytes()).map_err(|source| TeamError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(true)
}

/// What changed between two versions of the annotations, in words ("3 events added, 1 edited").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub events_added: usize,
    pub events_edited: usize,
    pub events_removed: usize,
    pub annotations_changed: usize,
    /// Who made the changes (each entry's last modifier, else its author), in order.
    pub by: Vec<String>,
}

impl Changes {
    pub fn between(before: &AnnotationSet, after: &AnnotationSet) -> Self {
        let mut c = Changes::default();
        let mut by = std::collections::BTreeSet::new();
        for e in &after.events {
            match before.event(&e.id) {
                None => c.events_added += 1,
                Some(old) if old != e => c.events_edited += 1,
                Some(_) => continue,
            }
            let who = if e.modified_by.is_empty() {
                &e.author
            } else {
                &e.modified_by
            };
            if !who.is_empty() {
                by.insert(who.clone());
            }
        }
        c.events_removed = before
            .events
            .iter()
            .filter(|e| after.event(&e.id).is_none())
            .count();
        c.annotations_changed = after
            .annotations
            .iter()
            .filter(|a| before.annotation(&a.id) != Some(*a))
            .count()
            + before
                .annotations
                .iter()
                .filter(|a| after.annotation(&a.id).is_none())
                .count();
        c.by = by.into_iter().collect();
        c
    }

    pub fn is_empty(&self) -> bool {
        self.events_added + self.events_edited + self.events_removed + self.annotations_changed == 0
    }

    /// "3 events added, 1 edited" (or "no change").
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let events = |n: usize| if n == 1 { "event" } else { "events" };
        let mut noun_used = false;
        for (n, verb) in [
            (self.events_added, "added"),
            (self.events_edited, "edited"),
            (self.events_removed, "removed"),
        ] {
            if n > 0 {
                if noun_used {
                    parts.push(format!("{n} {verb}"));
                } else {
                    parts.push(format!("{n} {} {verb}", events(n)));
                    noun_used = true;
                }
            }
        }
        if self.annotations_changed > 0 {
            let n = self.annotations_changed;
            parts.push(format!(
                "{n} annotation{} changed",
                if n == 1 { "" } else { "s" }
            ));
        }
        if parts.is_empty() {
            "no change".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// The message of the commit made of local changes, if there were any.
    pub committed: Option<String>,
    /// What came in from the remote.
    pub received: Changes,
    /// Conflicts the annotations file now lists (entries changed differently on both sides).
    pub conflicts: usize,
    pub pushed: bool,
    /// Commits the remote did not have before the push (the new one included).
    pub sent: usize,
}

impl SyncReport {
    /// "Sent: 3 events added. Received: 2 events added by Aysel. 1 conflict to settle."
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        match &self.committed {
            Some(message) => parts.push(format!("Sent: {message}.")),
            None if self.pushed && self.sent > 0 => parts.push(format!(
                "Sent {} earlier commit{}.",
                self.sent,
                if self.sent == 1 { "" } else { "s" }
            )),
            None if self.pushed => parts.push("Nothing new to send.".to_string()),
            None => {}
        }
        if self.received.is_empty() {
            parts.push("Nothing new from the team.".to_string());
        } else {
            let by = if self.received.by.is_empty() {
                String::new()
            } else {
                format!(" by {}", self.received.by.join(", "))
            };
            parts.push(format!("Received: {}{by}.", self.received.summary()));
        }
        if self.conflicts > 0 {
            parts.push(format!(
                "{} conflict{} to settle (Conflicts window).",
                self.conflicts,
                if self.conflicts == 1 { "" } else { "s" }
            ));
        }
        parts.join(" ")
    }
}

/// The annotations as a git revision holds them (empty when it has none, or no such revision).
fn annotations_at(root: &Path, revision: &str) -> AnnotationSet {
    let spec = format!("{revision}:./{DATELINE_DIR}/annotations.ron");
    git_ok(root, &["show", &spec])
        .ok()
        .and_then(|text| super::store::parse(&text, Path::new("annotations.ron")).ok())
        .unwrap_or_default()
}

fn working_annotations(root: &Path) -> Result<AnnotationSet, TeamError> {
    let path = super::store::default_path(root);
    super::store::load(&path)
        .map(Option::unwrap_or_default)
        .map_err(|e| TeamError::Git {
            what: "sync".into(),
            message: format!("the annotations file cannot be read, so nothing was committed: {e}"),
        })
}

/// Syncs the collection's annotation files with its team: commits them (as `user`, when given,
/// with a message saying what changed), pulls (the driver merges Dateline's files by id; the
/// merge is concluded even when entries conflict, which the file then lists), and pushes. Says
/// at each step what it does through `progress`. Nothing is lost on any failure: local work is
/// committed before anything is fetched.
pub fn sync(
    root: &Path,
    user: Option<&str>,
    progress: &dyn Fn(&str),
) -> Result<SyncReport, TeamError> {
    if !git_available() {
        return Err(TeamError::NoGit);
    }
    if !is_repository(root)? {
        return Err(TeamError::NotARepository(root.to_path_buf()));
    }
    let mut report = SyncReport::default();
    progress("Committing your changes…");
    let current = working_annotations(root)?;
    let local = Changes::between(&annotations_at(root, "HEAD"), &current);
    let present: Vec<&str> = SHARED_FILES
        .iter()
        .copied()
        .chain([".gitattributes", ".gitignore"])
        .filter(|f| root.join(f).exists())
        .collect();
    if !present.is_empty() {
        let mut args = vec!["add", "--"];
        args.extend(&present);
        git_ok(root, &args)?;
    }
    let staged = git(root, &["diff", "--cached", "--quiet"])?;
    let head_exists = git(root, &["rev-parse", "--verify", "--quiet", "HEAD"])?
        .status
        .success();
    if !staged.status.success() || !head_exists && !present.is_empty() {
        let message = if local.is_empty() {
            "Dateline files updated".to_string()
        } else {
            local.summary()
        };
        commit(root, user, &message)?;
        report.committed = Some(message);
    }
    let remote = git_ok(root, &["remote"])?;
    let Some(remote) = remote.lines().next().map(str::to_string) else {
        return Err(TeamError::NoRemote);
    };
    let branch = git_ok(root, &["symbolic-ref", "--short", "HEAD"])?;
    progress("Fetching the team's changes…");
    let fetched = git(root, &["fetch", &remote])?;
    if !fetched.status.success() {
        return Err(classify(&fetched.stderr));
    }
    let upstream = format!("{remote}/{branch}");
    let remote_has_branch = git(root, &["rev-parse", "--verify", "--quiet", &upstream])?
        .status
        .success();
    if remote_has_branch {
        progress("Merging…");
        let before = annotations_at(root, "HEAD");
        let merged = git(root, &["merge", "--no-edit", &upstream])?;
        if !merged.status.success() {
            conclude_merge(root, user)?;
        }
        let after = working_annotations(root)?;
        report.received = Changes::between(&before, &after);
        report.conflicts = after.conflicts.len();
    }
    progress("Sending…");
    let range = if remote_has_branch {
        format!("{upstream}..HEAD")
    } else {
        "HEAD".to_string()
    };
    report.sent = git_ok(root, &["rev-list", "--count", "--no-merges", &range])
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let pushed = git(root, &["push", "--quiet", "-u", &remote, &branch])?;
    if !pushed.status.success() {
        return Err(classify(&pushed.stderr));
    }
    report.pushed = true;
    Ok(report)
}

fn commit(root: &Path, user: Option<&str>, message: &str) -> Result<(), TeamError> {
    let mut args: Vec<String> = Vec::new();
    if let Some(user) = user.filter(|u| !u.trim().is_empty()) {
        args.extend(["-c".into(), format!("user.name={}", user.trim())]);
    }
    // A fresh machine may have no e-mail set: git refuses to commit without one.
    let email = git(root, &["config", "user.email"])?;
    if !email.status.success() || email.stdout.trim_ascii().is_empty() {
        args.extend(["-c".into(), "user.email=dateline@localhost".into()]);
        if user.is_none() {
            args.extend(["-c".into(), "user.name=Dateline".into()]);
        }
    }
    args.extend([
        "commit".into(),
        "--quiet".into(),
        "-m".into(),
        message.into(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    git_ok(root, &refs).map(|_| ())
}

/// A merge the driver could not finish without conflicts: Dateline's files are valid (their
/// conflicts listed inside), so they are added and the merge committed; any other file still in
/// conflict stops the sync with the merge left for the user.
fn conclude_merge(root: &Path, user: Option<&str>) -> Result<(), TeamError> {
    let unmerged = git_ok(root, &["diff", "--name-only", "--diff-filter=U"])?;
    let prefix = git_ok(root, &["rev-parse", "--show-prefix"]).unwrap_or_default();
    let ours: Vec<String> = SHARED_FILES
        .iter()
        .map(|f| format!("{prefix}{f}"))
        .collect();
    let others: Vec<&str> = unmerged
        .lines()
        .filter(|f| !ours.iter().any(|o| o == f))
        .collect();
    if !others.is_empty() {
        return Err(TeamError::OtherConflicts(others.join(", ")));
    }
    for f in SHARED_FILES {
        let path = root.join(f);
        if path.exists() {
            // Never commit a file that does not parse.
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if f.ends_with("annotations.ron") {
                super::store::parse(&text, &path).map_err(|e| TeamError::Git {
                    what: "merge".into(),
                    message: format!("the merged annotations do not parse ({e}); the merge is left for you to settle with git"),
                })?;
            }
            git_ok(root, &["add", "--", f])?;
        }
    }
    commit(
        root,
        user,
        "Merge the team's annotations (conflicts listed in the file)",
    )
}

/// A failed fetch or push, in the user's terms.
fn classify(stderr: &[u8]) -> TeamError {
    let said = last_words(stderr);
    let lower = said.to_lowercase();
    if [
        "authentication failed",
        "permission denied",
        "could not read username",
        "access denied",
        "403",
        "401",
    ]
    .iter()
    .any(|m| lower.contains(m))
    {
        TeamError::AuthRefused(said)
    } else if ["rejected", "non-fast-forward", "fetch first"]
        .iter()
        .any(|m| lower.contains(m))
    {
        TeamError::PushRejected(said)
    } else if [
        "could not resolve",
        "unable to access",
        "connection refused",
        "network is unreachable",
        "timed out",
        "does not appear to be a git repository",
        "could not read from remote",
    ]
    .iter()
    .any(|m| lower.contains(m))
    {
        TeamError::Offline(said)
    } else {
        TeamError::Git {
            what: "sync".into(),
            message: said,
        }
    }
}

/// Which of Dateline's files a merge is of, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedFile {
    Annotations,
    Taxonomy,
    Aliases,
}

impl SharedFile {
    pub fn of(path: &Path) -> Self {
        match path.file_name().and_then(|n| n.to_str()) {
            Some("taxonomy.ron") => Self::Taxonomy,
            Some("aliases.ron") => Self::Aliases,
            _ => Self::Annotations,
        }
    }
}

/// Why the merge driver left a file to git.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}; the file is left as git has it")]
    Parse(String),
    #[error("cannot write the merged file {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The merge driver: merges `theirs` into `ours` (three-way, from `base`) by id and writes the
/// result over `ours`. Returns how many entries conflict (they are listed inside the written
/// file, which always parses). A side that does not parse is an error, and nothing is written.
pub fn merge_driver(
    kind: SharedFile,
    base: &Path,
    ours: &Path,
    theirs: &Path,
) -> Result<usize, DriverError> {
    let read = |path: &Path| {
        std::fs::read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|source| DriverError::Read {
                path: path.to_path_buf(),
                source,
            })
    };
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let (text, conflicts) = merge_texts(kind, [&b, &o, &t])?;
    super::store::write_atomically(ours, text.as_bytes()).map_err(|source| DriverError::Write {
        path: ours.to_path_buf(),
        source,
    })?;
    Ok(conflicts)
}

/// [`merge_driver`] on texts: the merged text and its number of conflicts. An empty base (a file
/// both sides added) is an empty set.
pub fn merge_texts(
    kind: SharedFile,
    [base, ours, theirs]: [&str; 3],
) -> Result<(String, usize), DriverError> {
    let named = |which: &str| PathBuf::from(which);
    match kind {
        SharedFile::Annotations => {
            let parse = |text: &str, which: &str| {
                if text.trim().is_empty() {
                    return Ok(AnnotationSet::default());
                }
                super::store::parse(text, &named(which))
                    .map_err(|e| DriverError::Parse(e.to_string()))
            };
            let (b, o, t) = (
                parse(base, "base")?,
                parse(ours, "ours")?,
                parse(theirs, "theirs")?,
            );
            let merged = super::merge::three_way(&b, &o, &t);
            let n = merged.conflicts.len();
            Ok((super::store::to_ron(&merged.set), n))
        }
        SharedFile::Taxonomy => {
            use super::taxonomy::Taxonomy;
            let parse = |text: &str, which: &str| -> Result<Option<Taxonomy>, DriverError> {
                if text.trim().is_empty() {
                    return Ok(None);
                }
                Taxonomy::parse(text, &named(which))
                    .map(Some)
                    .map_err(|e| DriverError::Parse(e.to_string()))
            };
            let (b, o, t) = (
                parse(base, "base")?,
                parse(ours, "ours")?,
                parse(theirs, "theirs")?,
            );
            let (Some(o), Some(t)) = (o, t) else {
                return Err(DriverError::Parse("one side has no event types".into()));
            };
            let b = b.unwrap_or_else(|| Taxonomy {
                version: o.version,
                sets: Vec::new(),
                conflicts: Vec::new(),
            });
            let merged = merge_taxonomies(&b, &o, &t);
            let n = merged.conflicts.len() - o.conflicts.len().min(merged.conflicts.len());
            Ok((super::taxonomy::to_ron(&merged), n))
        }
        SharedFile::Aliases => {
            use super::search::Aliases;
            let parse = |text: &str, which: &str| -> Result<Aliases, DriverError> {
                if text.trim().is_empty() {
                    return Ok(Aliases::default());
                }
                Aliases::parse(text, &named(which)).map_err(|e| DriverError::Parse(e.to_string()))
            };
            let (b, o, t) = (
                parse(base, "base")?,
                parse(ours, "ours")?,
                parse(theirs, "theirs")?,
            );
            let value = |a: &Aliases| -> Vec<serde_json::Value> {
                a.groups
                    .iter()
                    .filter_map(|g| serde_json::to_value(g).ok())
                    .collect()
            };
            let groups = super::merge::merge_lists(&value(&b), &value(&o), &value(&t))
                .into_iter()
                .filter_map(|v| serde_json::from_value(v).ok())
                .collect();
            let merged = Aliases {
                version: o.version.max(t.version),
                groups,
            };
            Ok((merged.to_ron(), 0))
        }
    }
}

/// A type without its children, and where it hangs: the unit the taxonomy merges by.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Placed {
    set: String,
    parent: Option<String>,
    label: String,
    color: Option<String>,
}

fn placed(t: &super::taxonomy::Taxonomy) -> Vec<(String, Placed)> {
    fn walk(
        types: &[super::taxonomy::EventType],
        set: &str,
        parent: Option<&str>,
        out: &mut Vec<(String, Placed)>,
    ) {
        for t in types {
            out.push((
                t.id.clone(),
                Placed {
                    set: set.to_string(),
                    parent: parent.map(str::to_string),
                    label: t.label.clone(),
                    color: t.color.clone(),
                },
            ));
            walk(&t.children, set, Some(&t.id), out);
        }
    }
    let mut out = Vec::new();
    for s in &t.sets {
        walk(&s.types, &s.name, None, &mut out);
    }
    out
}

/// Three-way merge of two taxonomies by type id (label, colour, set and parent each merged as
/// fields); a type changed differently on both sides keeps ours and lists theirs in
/// `conflicts`. Order: ours, then what they added.
fn merge_taxonomies(
    base: &super::taxonomy::Taxonomy,
    ours: &super::taxonomy::Taxonomy,
    theirs: &super::taxonomy::Taxonomy,
) -> super::taxonomy::Taxonomy {
    use super::taxonomy::{EventType, Taxonomy, TypeConflict, TypeSet};
    let (b, o, t) = (placed(base), placed(ours), placed(theirs));
    let find = |list: &[(String, Placed)], id: &str| {
        list.iter().find(|(i, _)| i == id).map(|(_, p)| p.clone())
    };
    let mut order: Vec<String> = o.iter().map(|(i, _)| i.clone()).collect();
    for (i, _) in t.iter().chain(b.iter()) {
        if !order.contains(i) {
            order.push(i.clone());
        }
    }
    let as_type = |id: &str, p: &Placed| EventType {
        id: id.to_string(),
        label: p.label.clone(),
        color: p.color.clone(),
        children: Vec::new(),
    };
    let mut kept: Vec<(String, Placed)> = Vec::new();
    let mut conflicts = ours.conflicts.clone();
    for id in &order {
        let (bp, op, tp) = (find(&b, id), find(&o, id), find(&t, id));
        let keep = if op == tp || tp == bp {
            op
        } else if op == bp {
            tp
        } else if let (Some(bp), Some(op2), Some(tp2)) = (&bp, &op, &tp)
            && let Some(m) = super::merge::merge_fields(bp, op2, tp2)
        {
            Some(m)
        } else {
            conflicts.retain(|c| &c.id != id);
            conflicts.push(TypeConflict {
                id: id.clone(),
                ours: op.as_ref().map(|p| as_type(id, p)),
                theirs: tp.as_ref().map(|p| as_type(id, p)),
            });
            op
        };
        if let Some(p) = keep {
            kept.push((id.clone(), p));
        }
    }
    // Rebuild the trees: a type whose parent is gone hangs at its set's top.
    let ids: std::collections::HashSet<&str> = kept.iter().map(|(i, _)| i.as_str()).collect();
    fn children(
        kept: &[(String, Placed)],
        ids: &std::collections::HashSet<&str>,
        set: &str,
        parent: Option<&str>,
        depth: usize,
    ) -> Vec<EventType> {
        if depth > 16 {
            return Vec::new(); // a cycle made by two moves: cut off
        }
        kept.iter()
            .filter(|(_, p)| {
                p.set == set
                    && match (&p.parent, parent) {
                        (Some(pp), Some(q)) => pp == q,
                        (Some(pp), None) => !ids.contains(pp.as_str()),
                        (None, None) => true,
                        (None, Some(_)) => false,
                    }
            })
            .map(|(id, p)| EventType {
                id: id.clone(),
                label: p.label.clone(),
                color: p.color.clone(),
                children: children(kept, ids, set, Some(id), depth + 1),
            })
            .collect()
    }
    let mut set_names: Vec<String> = Vec::new();
    for s in ours.sets.iter().chain(&theirs.sets) {
        if !set_names.contains(&s.name) {
            set_names.push(s.name.clone());
        }
    }
    let sets = set_names
        .into_iter()
        .filter_map(|name| {
            let types = children(&kept, &ids, &name, None, 0);
            let in_ours = ours.sets.iter().any(|s| s.name == name);
            (in_ours || !types.is_empty()).then_some(TypeSet { name, types })
        })
        .collect();
    conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    Taxonomy {
        version: ours.version.max(theirs.version),
        sets,
        conflicts,
    }
}

/// What the collection's repository is like, for the Team window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamStatus {
    pub git: bool,
    pub repository: bool,
    /// The merge driver is registered in the repository's config.
    pub driver: bool,
    /// The first remote and its address.
    pub remote: Option<(String, String)>,
}

/// Asks git what [`TeamStatus`] says.
pub fn status(root: &Path) -> TeamStatus {
    if !git_available() {
        return TeamStatus::default();
    }
    let repository = is_repository(root).unwrap_or(false);
    if !repository {
        return TeamStatus {
            git: true,
            ..TeamStatus::default()
        };
    }
    let driver = git_ok(root, &["config", "merge.dateline.driver"]).is_ok_and(|d| !d.is_empty());
    let remote = git_ok(root, &["remote"]).ok().and_then(|r| {
        let name = r.lines().next()?.to_string();
        let url = git_ok(root, &["remote", "get-url", &name]).unwrap_or_default();
        Some((name, url))
    });
    TeamStatus {
        git: true,
        repository,
        driver,
        remote,
    }
}

/// Adds `url` as the remote `origin` (or changes its address).
pub fn set_remote(root: &Path, url: &str) -> Result<(), TeamError> {
    let url = url.trim();
    if url.is_empty() {
        return Err(TeamError::Git {
            what: "remote".into(),
            message: "give the address of the team's repository".into(),
        });
    }
    let has = git(root, &["remote", "get-url", "origin"])?
        .status
        .success();
    let verb = if has { "set-url" } else { "add" };
    git_ok(root, &["remote", verb, "origin", url]).map(|_| ())
}
