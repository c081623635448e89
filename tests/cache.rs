//! The collection's cache (`.dateline/cache/`) through the whole app, headless: the first
//! opening writes it, the next lists every article from it and reads the files behind it; a
//! changed, added or deleted file changes only its own entries; a damaged or foreign cache is
//! never trusted.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use dateline::ui::{AppOptions, DatelineApp};

const CACHE: &str = ".dateline/cache/articles.bin";

fn input(t: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 820.0),
        )),
        time: Some(t),
        ..Default::default()
    }
}

/// Opens `root` in a headless window and runs it until the collection is read; the app and
/// how many articles it listed from the cache.
fn open(root: &Path) -> (DatelineApp, usize) {
    let ctx = egui::Context::default();
    let options = AppOptions {
        collection: Some(root.to_path_buf()),
        screenshot: None,
        native_dialogs: false,
        data_dir: None,
    };
    let mut app = DatelineApp::with_context(ctx.clone(), options, Vec::new());
    let start = Instant::now();
    let mut t = 0.0;
    loop {
        t += 0.016;
        // No renderer takes the textures: they are let go on purpose.
        ctx.run_ui(input(t), |ui| app.frame_ui(ui))
            .textures_delta
            .clear();
        if app.loader_done() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "loading hung");
        std::thread::sleep(Duration::from_millis(1));
    }
    let cached = app.state.cached;
    (app, cached)
}

fn article_text(app: &DatelineApp, path: &str) -> String {
    let i = *app
        .state
        .by_path
        .get(path)
        .unwrap_or_else(|| panic!("{path} is not listed"));
    app.state.articles[i].text.to_string()
}

fn titles(app: &DatelineApp) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = app
        .state
        .articles
        .iter()
        .map(|a| (a.path.clone(), a.meta.title.clone()))
        .collect();
    out.sort();
    out
}

fn write(root: &Path, name: &str, title: &str) {
    fs::write(
        root.join(name),
        format!("{title}\n\n7 December 2022\n\nBAKU, Dec 7. The body of {name}.\n"),
    )
    .expect("write article");
}

#[test]
fn reopening_lists_from_the_cache_and_follows_what_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for (name, title) in [("a.md", "First"), ("b.md", "Second"), ("c.md", "Third")] {
        write(root, name, title);
    }
    let (first, _) = open(root);
    assert_eq!(first.state.articles.len(), 3);
    // The texts live in the mapped text store, not in the window's own memory.
    assert!(first.state.articles.iter().all(|a| a.text.is_stored()));
    assert!(article_text(&first, "a.md").contains("The body of a.md."));
    assert!(
        root.join(CACHE).exists(),
        "the first opening writes the cache"
    );
    let ignore = fs::read_to_string(root.join(".dateline/cache/.gitignore")).expect("gitignore");
    assert!(ignore.lines().any(|l| l == "*"));
    let before = titles(&first);
    drop(first);

    // Unchanged: everything is listed from the cache on the first frames, texts come back.
    let (again, early) = open(root);
    assert_eq!(early, 3, "every article listed from the cache");
    assert_eq!(titles(&again), before);
    assert!(article_text(&again, "b.md").contains("The body of b.md."));
    drop(again);

    // One file changed, one added, one deleted: only their entries change.
    write(root, "b.md", "Second, corrected");
    write(root, "d.md", "Fourth");
    fs::remove_file(root.join("c.md")).expect("delete");
    let (changed, _) = open(root);
    let want: Vec<(String, String)> = [
        ("a.md", "First"),
        ("b.md", "Second, corrected"),
        ("d.md", "Fourth"),
    ]
    .iter()
    .map(|(p, t)| (p.to_string(), t.to_string()))
    .collect();
    assert_eq!(titles(&changed), want);
    assert!(article_text(&changed, "d.md").contains("The body of d.md."));
    let d = changed
        .state
        .by_path
        .get("d.md")
        .copied()
        .expect("d.md listed");
    assert!(
        changed.state.articles[d].text.is_stored(),
        "a new file's text is stored too"
    );
    drop(changed);

    // The cache written then holds the change.
    let (after, early) = open(root);
    assert_eq!(early, 3);
    assert_eq!(titles(&after), want);
}

#[test]
fn a_reopened_list_is_newest_first() {
    // More articles than go ahead of the rest (4 096), over days and hours out of path order,
    // some dated by their header only to the day: the list the loading thread sorted is the
    // one the window would have sorted.
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 0..4200u32 {
        let day = 1 + (n * 7919) % 28;
        let time = if n % 5 == 0 {
            String::new()
        } else {
            format!(" {:02}:{:02}", (n * 13) % 24, n % 60)
        };
        let body = format!("Title {n}\n\n{day} December 2022{time}\n\nThe body of {n}.\n");
        fs::write(dir.path().join(format!("n{n:04}.md")), body).expect("write article");
    }
    drop(open(dir.path()));
    let (app, early) = open(dir.path());
    assert_eq!(early, 4200, "every article listed from the cache");
    let want = dateline::ui::articles_panel::visible_rows(
        &app.state.articles,
        "",
        dateline::ui::articles_panel::SortKey::NewestFirst,
        None,
    );
    assert_eq!(app.articles.rows(), want.as_slice());
    let first = app.articles.rows()[0];
    let newest = app.state.articles[first].meta.published.expect("dated");
    assert_eq!(
        newest.date,
        chrono::NaiveDate::from_ymd_opt(2022, 12, 28).expect("a date")
    );
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_and_written_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "a.md", "Only");
    let (app, _) = open(root);
    drop(app);
    let good = fs::read(root.join(CACHE)).expect("cache written");
    let mut flipped = good.clone();
    let middle = good.len() / 2;
    flipped[middle] ^= 0x20;
    let cases: [(&str, Vec<u8>); 4] = [
        ("empty", Vec::new()),
        ("truncated", good[..middle].to_vec()),
        ("a byte changed", flipped),
        ("not ours", b"<html>not a cache</html>".to_vec()),
    ];
    for (name, bytes) in cases {
        fs::write(root.join(CACHE), &bytes).expect("damage");
        let (app, early) = open(root);
        assert_eq!(early, 0, "{name}: nothing listed from a bad cache");
        assert_eq!(titles(&app), vec![("a.md".into(), "Only".into())], "{name}");
        drop(app);
        assert_eq!(
            fs::read(root.join(CACHE)).expect("rewritten"),
            good,
            "{name}: the cache is written again"
        );
    }
    // One that checks out but whose last entry does not decode (another build's, say): what it
    // listed is taken back and every file is read, so an article whose file is gone since is
    // not left listed. (The cache lists 4 096 articles at a time: there are more here.)
    let gone = tempfile::tempdir().expect("temp dir");
    write(gone.path(), "0-deleted.md", "Deleted since");
    for n in 0..4100 {
        write(gone.path(), &format!("n{n:04}.md"), "Kept");
    }
    drop(open(gone.path()));
    // Reopened whole first: two blocks of entries, decoded side by side, the first 4 096
    // articles listed ahead and all of them taken in at once after: every article where the
    // path index says, counted on its day, in the list.
    let (app, early) = open(gone.path());
    assert_eq!(early, 4101);
    assert_eq!(app.state.articles.len(), 4101);
    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 7).expect("a date");
    assert_eq!(app.state.published_counts.get(day), 4101);
    assert_eq!(app.articles.rows().len(), 4101);
    for (i, article) in app.state.articles.iter().enumerate() {
        assert_eq!(
            app.state.by_path.get(&article.path),
            Some(&i),
            "{}",
            article.path
        );
    }
    drop(app);
    let many = fs::read(gone.path().join(CACHE)).expect("cache");
    fs::remove_file(gone.path().join("0-deleted.md")).expect("delete");
    // Garbage after the last entry, before the table of where the blocks start: the first
    // block is listed, then taken back when the second does not decode.
    let n = many.len();
    let blocks = u64::from_le_bytes(many[n - 24..n - 16].try_into().expect("eight bytes"));
    let table_at = n - 24 - 8 * usize::try_from(blocks).expect("a small number");
    let mut body = many[12..table_at].to_vec();
    body.extend_from_slice(&[0xff; 12]);
    body.extend_from_slice(&many[table_at..n - 8]);
    let mut odd = many[..12].to_vec();
    odd.extend_from_slice(&body);
    odd.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
    fs::write(gone.path().join(CACHE), &odd).expect("odd cache");
    let (app, early) = open(gone.path());
    assert_eq!(
        early, 4096,
        "the first block was listed before the second failed"
    );
    assert_eq!(app.state.articles.len(), 4100);
    assert!(!app.state.by_path.contains_key("0-deleted.md"));
    // A cache copied from another folder is that folder's, not this one's.
    let other = tempfile::tempdir().expect("temp dir");
    write(other.path(), "a.md", "Only");
    fs::create_dir_all(other.path().join(".dateline/cache")).expect("mkdir");
    fs::write(other.path().join(CACHE), &good).expect("copy");
    let (app, early) = open(other.path());
    assert_eq!(early, 0, "a foreign cache is not used");
    assert_eq!(app.state.articles.len(), 1);
}
