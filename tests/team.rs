//! Team work on real git repositories in temporary folders: a bare "remote" and two clones that
//! each change the annotations and sync; the merge driver settles what can be settled and lists
//! the rest inside a file that always parses.

use std::path::{Path, PathBuf};
use std::process::Command;

use dateline::core::annotations::{AnnotationSet, Event};
use dateline::core::store;
use dateline::core::team;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const DRIVER: &str = env!("CARGO_BIN_EXE_dateline");

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn read(dir: &Path) -> Result<AnnotationSet> {
    Ok(store::load(&store::default_path(dir))?.unwrap_or_default())
}

fn write(dir: &Path, set: &AnnotationSet) -> Result {
    store::save(&store::default_path(dir), set)?;
    Ok(())
}

fn event(id: &str, title: &str, author: &str) -> Event {
    let text = format!(
        "(version: 1, events: [(id: {id:?}, title: {title:?}, type: \"meeting\", \
         when: (start: \"2022-12-05\"), author: {author:?})])"
    );
    match store::parse(&text, Path::new("test")) {
        Ok(mut set) if !set.events.is_empty() => set.events.remove(0),
        other => panic!("test event does not parse: {other:?}"),
    }
}

/// A remote with one shared event, and two clones of it set up for team work.
struct Team {
    _dir: tempfile::TempDir,
    remote: PathBuf,
    a: PathBuf,
    b: PathBuf,
}

fn team() -> Result<Team> {
    let dir = tempfile::tempdir()?;
    let remote = dir.path().join("remote.git");
    let (a, b) = (dir.path().join("aysel"), dir.path().join("boris"));
    git(dir.path(), &["init", "--quiet", "--bare", "remote.git"])?;
    std::fs::create_dir(&a)?;
    std::fs::write(a.join("article.txt"), "2022-12-05\n\nTalks in Brussels.\n")?;
    let report = team::init(&a, true, Path::new(DRIVER))?;
    assert!(report.made_repository && report.wrote_attributes && report.wrote_ignore);
    git(
        &a,
        &["remote", "add", "origin", remote.to_str().ok_or("path")?],
    )?;
    let mut set = AnnotationSet::default();
    set.events.push(event("ev-shared", "Talks", "Aysel"));
    write(&a, &set)?;
    git(&a, &["add", "article.txt"])?;
    let first = team::sync(&a, Some("Aysel"), &|_| {})?;
    assert!(first.pushed);
    git(
        dir.path(),
        &["clone", "--quiet", remote.to_str().ok_or("path")?, "boris"],
    )?;
    let again = team::init(&b, false, Path::new(DRIVER))?;
    assert!(
        !again.made_repository && !again.wrote_attributes,
        "{again:?}"
    );
    Ok(Team {
        _dir: dir,
        remote,
        a,
        b,
    })
}

/// Both sync, A first then B then A again: afterwards both hold the same bytes.
fn sync_both(t: &Team) -> Result<(team::SyncReport, team::SyncReport)> {
    team::sync(&t.a, Some("Aysel"), &|_| {})?;
    let b = team::sync(&t.b, Some("Boris"), &|_| {})?;
    let a = team::sync(&t.a, Some("Aysel"), &|_| {})?;
    let (fa, fb) = (
        std::fs::read_to_string(store::default_path(&t.a))?,
        std::fs::read_to_string(store::default_path(&t.b))?,
    );
    assert_eq!(fa, fb, "both clones hold the same file");
    store::parse(&fa, Path::new("annotations.ron"))?;
    assert_eq!(
        git(&t.a, &["status", "--porcelain"])?,
        "",
        "nothing left uncommitted"
    );
    Ok((a, b))
}

#[test]
fn events_added_next_to_each_other_both_land() -> Result {
    let t = team()?;
    let mut a = read(&t.a)?;
    a.events.push(event("ev-b1", "Aysel's", "Aysel"));
    write(&t.a, &a)?;
    let mut b = read(&t.b)?;
    b.events.push(event("ev-b2", "Boris's", "Boris"));
    write(&t.b, &b)?;
    let (ra, rb) = sync_both(&t)?;
    let ids: Vec<String> = read(&t.a)?.events.into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["ev-b1", "ev-b2", "ev-shared"]);
    assert_eq!(rb.received.events_added, 1);
    assert_eq!(rb.received.by, ["Aysel"]);
    assert_eq!(rb.conflicts, 0);
    assert!(
        rb.summary().contains("1 event added by Aysel"),
        "{}",
        rb.summary()
    );
    assert_eq!(ra.received.by, ["Boris"]);
    // The commit says what changed, by whom.
    let log = git(&t.b, &["log", "--format=%an: %s"])?;
    assert!(log.contains("Boris: 1 event added"), "{log}");
    Ok(())
}

#[test]
fn different_fields_of_one_event_merge_and_the_same_field_conflicts() -> Result {
    let t = team()?;
    let mut a = read(&t.a)?;
    a.events[0].title = "Talks in Brussels".into();
    a.events[0].tags.push("eu".into());
    write(&t.a, &a)?;
    let mut b = read(&t.b)?;
    b.events[0].note = "Boris's note".into();
    b.events[0].tags.push("border".into());
    write(&t.b, &b)?;
    let (_, rb) = sync_both(&t)?;
    assert_eq!(rb.conflicts, 0);
    let e = &read(&t.a)?.events[0];
    assert_eq!(
        (e.title.as_str(), e.note.as_str(), e.tags.clone()),
        (
            "Talks in Brussels",
            "Boris's note",
            vec!["border".to_string(), "eu".to_string()]
        )
    );

    // Now both retitle it differently: a conflict, listed in both files, ours kept in each.
    let mut a = read(&t.a)?;
    a.events[0].title = "Aysel's title".into();
    write(&t.a, &a)?;
    let mut b = read(&t.b)?;
    b.events[0].title = "Boris's title".into();
    write(&t.b, &b)?;
    let (_, rb) = sync_both(&t)?;
    assert_eq!(rb.conflicts, 1);
    let merged = read(&t.b)?;
    assert_eq!(merged.conflicts.len(), 1);
    let titles = |c: &dateline::core::merge::Conflict| {
        let title = |e: &Option<dateline::core::merge::Entry>| match e {
            Some(dateline::core::merge::Entry::Event(e)) => e.title.clone(),
            _ => String::new(),
        };
        [title(&c.ours), title(&c.theirs)]
    };
    let mut both = titles(&merged.conflicts[0]);
    both.sort();
    assert_eq!(both, ["Aysel's title", "Boris's title"], "nothing lost");
    Ok(())
}

#[test]
fn deleting_what_the_other_edited_is_a_conflict() -> Result {
    let t = team()?;
    let mut a = read(&t.a)?;
    a.events.clear();
    write(&t.a, &a)?;
    let mut b = read(&t.b)?;
    b.events[0].note = "still matters".into();
    write(&t.b, &b)?;
    let (_, rb) = sync_both(&t)?;
    assert_eq!(rb.conflicts, 1);
    let c = &read(&t.a)?.conflicts[0];
    assert_eq!(c.id, "ev-shared");
    assert!(
        c.ours.is_none() != c.theirs.is_none(),
        "one side deleted it: {c:?}"
    );
    Ok(())
}

#[test]
fn git_merge_by_hand_uses_the_driver() -> Result {
    let t = team()?;
    let mut a = read(&t.a)?;
    a.events.push(event("ev-a", "A", "Aysel"));
    write(&t.a, &a)?;
    team::sync(&t.a, Some("Aysel"), &|_| {})?;
    let mut b = read(&t.b)?;
    b.events.push(event("ev-b", "B", "Boris"));
    write(&t.b, &b)?;
    // Plain git, as a colleague would type it: commit, then pull the branch.
    let who = ["-c", "user.name=Boris", "-c", "user.email=b@x"];
    git(&t.b, &["add", "-A"])?;
    git(&t.b, &[&who[..], &["commit", "-qm", "B"]].concat())?;
    let branch = git(&t.b, &["symbolic-ref", "--short", "HEAD"])?;
    let pull = [
        "pull",
        "--quiet",
        "--no-rebase",
        "--no-edit",
        "origin",
        branch.trim(),
    ];
    git(&t.b, &[&who[..], &pull[..]].concat())?;
    let text = std::fs::read_to_string(store::default_path(&t.b))?;
    assert!(!text.contains("<<<<<<<"), "no conflict markers");
    let ids: Vec<String> = read(&t.b)?.events.into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["ev-a", "ev-b", "ev-shared"]);
    let _ = &t.remote;
    Ok(())
}

#[test]
fn the_driver_merges_taxonomies_and_aliases_and_refuses_what_does_not_parse() -> Result {
    use team::{SharedFile, merge_texts};
    let tax = |types: &str| format!("(version: 1, sets: [(name: \"Mine\", types: [{types}])])");
    let base = tax("(id: \"a\", label: \"A\")");
    let ours = tax("(id: \"a\", label: \"A\"), (id: \"b\", label: \"B\")");
    let theirs = tax("(id: \"a\", label: \"A\", color: \"#ff0000\"), (id: \"c\", label: \"C\")");
    let (text, n) = merge_texts(SharedFile::Taxonomy, [&base, &ours, &theirs])?;
    assert_eq!(n, 0);
    let merged = dateline::core::taxonomy::Taxonomy::parse(&text, Path::new("t"))?;
    let ids: Vec<String> = merged.entries().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(merged.sets[0].types[0].color.as_deref(), Some("#ff0000"));
    // The same label changed both ways: ours kept, theirs listed.
    let (text, n) = merge_texts(
        SharedFile::Taxonomy,
        [
            &base,
            &tax("(id: \"a\", label: \"Ours\")"),
            &tax("(id: \"a\", label: \"Theirs\")"),
        ],
    )?;
    assert_eq!(n, 1);
    let merged = dateline::core::taxonomy::Taxonomy::parse(&text, Path::new("t"))?;
    assert_eq!(merged.sets[0].types[0].label, "Ours");
    assert_eq!(
        merged.conflicts[0]
            .theirs
            .as_ref()
            .map(|t| t.label.as_str()),
        Some("Theirs")
    );

    let aliases = |groups: &str| format!("(version: 1, groups: [{groups}])");
    let (text, n) = merge_texts(
        SharedFile::Aliases,
        [
            &aliases("[\"Lachin\", \"Laçın\"]"),
            &aliases("[\"Lachin\", \"Laçın\"], [\"Baku\", \"Bakı\"]"),
            &aliases("[\"Shusha\", \"Şuşa\"]"),
        ],
    )?;
    assert_eq!(n, 0);
    let merged = dateline::core::search::Aliases::parse(&text, Path::new("a"))?;
    assert_eq!(
        merged.groups,
        [
            vec!["Baku".to_string(), "Bakı".to_string()],
            vec!["Shusha".to_string(), "Şuşa".to_string()]
        ]
    );

    // A side with conflict markers is refused, and the driver writes nothing.
    let dir = tempfile::tempdir()?;
    let (b, o, th) = (
        dir.path().join("b"),
        dir.path().join("o"),
        dir.path().join("t"),
    );
    std::fs::write(&b, "")?;
    std::fs::write(&o, "<<<<<<< ours\n")?;
    std::fs::write(&th, store::to_ron(&AnnotationSet::default()))?;
    let out = Command::new(DRIVER)
        .args(["merge-annotations"])
        .args([&b, &o, &th])
        .output()?;
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&o)?, "<<<<<<< ours\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("conflict markers"));
    Ok(())
}

#[test]
fn sync_failures_say_what_went_wrong_and_keep_the_work() -> Result {
    let dir = tempfile::tempdir()?;
    // Not a repository.
    let err = team::sync(dir.path(), None, &|_| {})
        .err()
        .ok_or("synced")?;
    assert!(err.to_string().contains("not in a git repository"), "{err}");
    // No remote: the work is committed all the same.
    team::init(dir.path(), true, Path::new(DRIVER))?;
    let mut set = AnnotationSet::default();
    set.events.push(event("ev-1", "One", "Aysel"));
    write(dir.path(), &set)?;
    let err = team::sync(dir.path(), Some("Aysel"), &|_| {})
        .err()
        .ok_or("synced")?;
    assert!(matches!(err, team::TeamError::NoRemote), "{err}");
    assert!(git(dir.path(), &["log", "--format=%s"])?.contains("1 event added"));
    // A remote that is not there: said, and nothing lost.
    git(
        dir.path(),
        &["remote", "add", "origin", "/nonexistent/remote.git"],
    )?;
    let err = team::sync(dir.path(), Some("Aysel"), &|_| {})
        .err()
        .ok_or("synced")?;
    assert!(matches!(err, team::TeamError::Offline(_)), "{err}");
    assert_eq!(read(dir.path())?.events.len(), 1);
    // Once the remote is there, what was committed meanwhile is sent, and the summary says so.
    let remote = dir.path().join("remote.git");
    git(
        dir.path(),
        &["init", "--quiet", "--bare", remote.to_str().ok_or("path")?],
    )?;
    git(
        dir.path(),
        &[
            "remote",
            "set-url",
            "origin",
            remote.to_str().ok_or("path")?,
        ],
    )?;
    let report = team::sync(dir.path(), Some("Aysel"), &|_| {})?;
    assert!(report.committed.is_none() && report.pushed);
    assert_eq!(report.sent, 1);
    assert!(
        report.summary().starts_with("Sent 1 earlier commit."),
        "{}",
        report.summary()
    );
    Ok(())
}
