//! `cargo bench --bench ui_frame`: the whole app, headless (an egui `Context`, no GPU), on the
//! collection named by `DATELINE_BENCH_COLLECTION` (by default 100 000 generated articles), timing
//! the UI work of one frame on each view. Budget: a median under 2 ms.
//!
//! It also reports what a user waits for and what the window holds: the time until the first
//! articles are listed and until everything (load, recycled text, suggestions) is done, the
//! resident memory above the empty app's as a multiple of the collection's bytes (budget 1.5×):
//! all of it (`VmHWM`, which counts the pages of the mapped text store the window has touched)
//! and the window's own (anonymous and shared memory, the peak of what each frame saw: the text
//! store's pages are the system's file cache, dropped and read back from disk when memory is
//! short),
//! and a search in memory as the window runs it (budget 1 s). Last, once the first window is gone,
//! it opens the collection again in a process of its own (itself, run again), from the cache the
//! first opening wrote under `.dateline/cache/` (budget: everything listed in 2 s).

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use dateline::core::timeline::{View, day_of};
use dateline::ui::app::BottomView;
use dateline::ui::commands::{FindCommand, ViewCommand};
use dateline::ui::finder::{SearchFilters, SearchRequest};
use dateline::ui::{AppOptions, DatelineApp};

/// The app's own allocator (`src/main.rs`), so that memory and time are what the app shows.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WARMUP: usize = 10;
const FRAMES: usize = 100;

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

/// Waits out the rest of a 60 Hz frame begun at `begun`. A window draws at most once per display
/// refresh (eframe waits for vsync), so the loops below do too: frames pumped back to back would
/// take a core from the background threads on a 2-core machine, which no real window does.
fn pace(begun: Instant) {
    let frame = Duration::from_micros(16_667);
    if let Some(rest) = frame.checked_sub(begun.elapsed()) {
        std::thread::sleep(rest);
    }
}

/// Set (to the number of articles) in the process that runs only the second opening.
const REOPEN_ONLY: &str = "DATELINE_BENCH_REOPEN_ONLY";

fn main() {
    let collection = common::bench_collection();
    if let Some(articles) = std::env::var(REOPEN_ONLY).ok().and_then(|n| n.parse().ok()) {
        reopen(&collection, articles);
        return;
    }
    let (files, bytes) = common::dir_size(&collection);
    eprintln!(
        "collection {} ({files} files, {bytes} bytes)",
        collection.display()
    );
    // The first opening reads every file (and writes the cache); the second one below reads it.
    let _ = std::fs::remove_dir_all(collection.join(".dateline/cache"));
    let ctx = egui::Context::default();
    let _ = ctx.run_ui(input(0.0), |_| {});
    let threads = memory_kb("Threads");
    let empty = memory_kb("VmRSS");
    let empty_own = own_kb();
    let mut peak_own = empty_own;
    let options = AppOptions {
        collection: Some(collection.clone()),
        screenshot: None,
        native_dialogs: false,
        data_dir: None,
    };
    let mut app = DatelineApp::with_context(ctx.clone(), options, Vec::new());
    let start = Instant::now();
    let mut t = 0.0;
    let mut first = None;
    let mut loaded = None;
    let mut loading_frames = Vec::new();
    loop {
        let frame = Instant::now();
        t += 0.016;
        let _ = ctx.run_ui(input(t), |ui| app.frame_ui(ui));
        loading_frames.push(frame.elapsed().as_secs_f64() * 1000.0);
        peak_own = peak_own.max(own_kb());
        if first.is_none() && !app.articles.rows().is_empty() {
            first = Some(start.elapsed().as_secs_f64());
        }
        if loaded.is_none() && app.loader_done() {
            loaded = Some(start.elapsed().as_secs_f64());
            eprintln!(
                "read every file: rss {} MB, peak so far {} MB",
                memory_kb("VmRSS") / 1024,
                memory_kb("VmHWM") / 1024
            );
        }
        if !app.is_busy() {
            break;
        }
        if start.elapsed() > Duration::from_secs(600) {
            eprintln!("the collection did not load within 10 minutes");
            std::process::exit(1);
        }
        pace(frame);
    }
    let articles = app.state.articles.len();
    let done = start.elapsed().as_secs_f64();
    let peak = memory_kb("VmHWM");
    eprintln!(
        "all done: rss {} MB, of which mapped files {} MB",
        memory_kb("VmRSS") / 1024,
        memory_kb("RssFile") / 1024
    );
    let per_byte =
        |peak: u64, empty: u64| peak.saturating_sub(empty) as f64 * 1024.0 / bytes.max(1) as f64;
    println!(
        "ui_open articles={articles} first_listed_s={:.2} loaded_s={:.2} all_done_s={done:.2} \
         empty_rss_mb={:.0} peak_rss_mb={:.0} above_empty_per_collection_byte={:.2} \
         peak_own_mb={:.0} own_above_empty_per_collection_byte={:.2}",
        first.unwrap_or(done),
        loaded.unwrap_or(done),
        empty as f64 / 1024.0,
        peak as f64 / 1024.0,
        per_byte(peak, empty),
        peak_own as f64 / 1024.0,
        per_byte(peak_own, empty_own),
    );
    frame_spread("while loading", loading_frames);
    for query in ["brussels", "\"transport corridor\"", "lachin"] {
        let begun = Instant::now();
        let mut search_frames = Vec::new();
        app.push(
            FindCommand::Search(SearchRequest {
                query: query.to_string(),
                filters: SearchFilters::default(),
            })
            .into(),
        );
        // The command is taken on the next frame; the search runs until its last hit is in.
        loop {
            let frame = Instant::now();
            t += 0.016;
            let _ = ctx.run_ui(input(t), |ui| app.frame_ui(ui));
            search_frames.push(frame.elapsed().as_secs_f64() * 1000.0);
            if !app.state.search.running && !app.is_busy() {
                break;
            }
            pace(frame);
        }
        println!(
            "ui_search query={query} articles_hit={} secs={:.3}",
            app.state.search.found.results.len(),
            begun.elapsed().as_secs_f64()
        );
        frame_spread(&format!("while searching {query}"), search_frames);
    }
    app.push(
        FindCommand::Search(SearchRequest {
            query: String::new(),
            filters: SearchFilters::default(),
        })
        .into(),
    );

    let middle_day = {
        let mut days: Vec<f64> = app
            .state
            .articles
            .iter()
            .filter_map(|a| a.meta.published.map(|p| day_of(p.date)))
            .collect();
        days.sort_by(f64::total_cmp);
        days.get(days.len() / 2).copied().unwrap_or(0.0)
    };
    type Setup = Box<dyn Fn(&mut DatelineApp)>;
    let views: Vec<(&str, Setup)> = vec![
        (
            "month_grid",
            Box::new(|app: &mut DatelineApp| app.bottom = BottomView::Month),
        ),
        (
            "strip_zoomed_out",
            Box::new(|app: &mut DatelineApp| {
                app.bottom = BottomView::Timeline;
                app.timeline.fit_all(&app.state);
            }),
        ),
        (
            "strip_week",
            Box::new(move |app: &mut DatelineApp| {
                app.bottom = BottomView::Timeline;
                app.timeline.view = Some(View {
                    start: middle_day - 3.5,
                    end: middle_day + 3.5,
                });
            }),
        ),
        (
            "year_heatmap",
            Box::new(|app: &mut DatelineApp| app.bottom = BottomView::Year),
        ),
        (
            "list_middle",
            Box::new(|app: &mut DatelineApp| {
                app.bottom = BottomView::Month;
                let rows = app.articles.rows().to_vec();
                if let Some(&middle) = rows.get(rows.len() / 2) {
                    app.push(ViewCommand::SelectArticle(middle).into());
                }
            }),
        ),
    ];
    for (name, setup) in views {
        setup(&mut app);
        // The first frame of a view builds what it shows (the strip's marks, the year's cells).
        t += 0.016;
        let first = Instant::now();
        let _ = ctx.run_ui(input(t), |ui| app.frame_ui(ui));
        let first_ms = first.elapsed().as_secs_f64() * 1000.0;
        for _ in 1..WARMUP {
            t += 0.016;
            let _ = ctx.run_ui(input(t), |ui| app.frame_ui(ui));
        }
        let mut times = Vec::with_capacity(FRAMES);
        let mut shapes = 0;
        for _ in 0..FRAMES {
            t += 0.016;
            let frame = Instant::now();
            let output = ctx.run_ui(input(t), |ui| app.frame_ui(ui));
            times.push(frame.elapsed().as_secs_f64() * 1000.0);
            shapes = output.shapes.len();
        }
        let median = common::median(times.clone());
        times.sort_by(f64::total_cmp);
        let p95 = times[times.len() * 95 / 100];
        println!(
            "ui_frame view={name} articles={articles} median_ms={median:.3} p95_ms={p95:.3} first_ms={first_ms:.1} shapes={shapes}"
        );
    }
    // Last: what this opening left running would disturb the frame timings. The second opening
    // begins once the first window is gone, threads and all (its texts' file given back, the
    // folder watch stopped), as when a window is closed and the collection opened again.
    let closing = Instant::now();
    drop(app);
    while memory_kb("Threads") > threads && closing.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    println!(
        "ui_close secs={:.2} threads_left={}",
        closing.elapsed().as_secs_f64(),
        memory_kb("Threads").saturating_sub(threads)
    );
    // In a process of its own, as a window opened again is: this one's memory, given back by
    // the thousand megabytes, is no fair start.
    let child = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .env(REOPEN_ONLY, articles.to_string())
            .env("DATELINE_BENCH_COLLECTION", &collection)
            .status()
    });
    if !child.as_ref().is_ok_and(|status| status.success()) {
        eprintln!("the second opening could not be run: {child:?}");
        std::process::exit(1);
    }
}

/// The UI work of the frames drawn while something ran in the background: how many, the median,
/// the 95th percentile and the slowest, in ms.
fn frame_spread(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    let n = times.len();
    let at = |q: usize| times.get((n * q / 100).min(n.saturating_sub(1))).copied();
    println!(
        "ui_frames_{} frames={n} median_ms={:.2} p95_ms={:.2} max_ms={:.2}",
        what.replace([' ', '"'], "_"),
        at(50).unwrap_or(f64::NAN),
        at(95).unwrap_or(f64::NAN),
        times.last().copied().unwrap_or(f64::NAN),
    );
}

/// The window's own memory now, in kB: anonymous pages and shared memory, without the pages of
/// mapped files (the program, the text store).
fn own_kb() -> u64 {
    memory_kb("RssAnon") + memory_kb("RssShmem")
}

/// A line of `/proc/self/status` in kB (`VmRSS` now, `VmHWM` the peak), or a count
/// (`Threads`); 0 where there is none.
fn memory_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Opens the collection a second time, from the cache the first opening wrote: the time until
/// every article is listed (budget 2 s at a million) and until every file was checked.
fn reopen(collection: &std::path::Path, articles: usize) {
    eprintln!("reopen begins: {}", system_memory());
    let ctx = egui::Context::default();
    // From the window appearing, as for the first opening.
    let _ = ctx.run_ui(input(0.0), |_| {});
    let options = AppOptions {
        collection: Some(collection.to_path_buf()),
        screenshot: None,
        native_dialogs: false,
        data_dir: None,
    };
    let start = Instant::now();
    let mut app = DatelineApp::with_context(ctx.clone(), options, Vec::new());
    let mut listed = None;
    let mut t = 0.0;
    let mut frames = Vec::new();
    while !app.loader_done() {
        let frame = Instant::now();
        t += 0.016;
        let _ = ctx.run_ui(input(t), |ui| app.frame_ui(ui));
        frames.push(frame.elapsed().as_secs_f64() * 1000.0);
        if listed.is_none() && app.state.articles.len() >= articles {
            listed = Some(start.elapsed().as_secs_f64());
        }
        if start.elapsed() > Duration::from_secs(600) {
            eprintln!("the second opening did not finish within 10 minutes");
            std::process::exit(1);
        }
        pace(frame);
    }
    eprintln!("reopen ends: {}", system_memory());
    println!(
        "ui_reopen articles={} from_cache={} all_listed_s={:.2} files_checked_s={:.2}",
        app.state.articles.len(),
        app.state.cached,
        listed.unwrap_or(f64::NAN),
        start.elapsed().as_secs_f64()
    );
    frame_spread("while reopening", frames);
}

/// The system's dirty and written-back file pages and free memory, for the log.
fn system_memory() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .filter(|l| {
            ["MemFree", "Dirty", "Writeback:"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}
