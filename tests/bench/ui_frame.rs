//! `cargo bench --bench ui_frame`: the whole app, headless (an egui `Context`, no GPU), on the
//! collection named by `DATELINE_BENCH_COLLECTION` (by default 100 000 generated articles), timing
//! the UI work of one frame on each view. Budget: a median under 2 ms.

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use dateline::core::timeline::{View, day_of};
use dateline::ui::app::BottomView;
use dateline::ui::commands::ViewCommand;
use dateline::ui::{AppOptions, DatelineApp};

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

fn main() {
    let collection = common::bench_collection();
    let (files, bytes) = common::dir_size(&collection);
    eprintln!(
        "collection {} ({files} files, {bytes} bytes)",
        collection.display()
    );
    let ctx = egui::Context::default();
    let options = AppOptions {
        collection: Some(collection),
        screenshot: None,
        native_dialogs: false,
        data_dir: None,
    };
    let mut app = DatelineApp::with_context(ctx.clone(), options, Vec::new());
    let start = Instant::now();
    let mut t = 0.0;
    loop {
        t += 0.016;
        let _ = ctx.run_ui(input(t), |ui| app.frame_ui(ui));
        if !app.is_busy() {
            break;
        }
        if start.elapsed() > Duration::from_secs(600) {
            eprintln!("the collection did not load within 10 minutes");
            std::process::exit(1);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let articles = app.state.articles.len();
    eprintln!(
        "loaded {articles} articles in {:.2} s",
        start.elapsed().as_secs_f64()
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
        for _ in 0..WARMUP {
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
            "ui_frame view={name} articles={articles} median_ms={median:.3} p95_ms={p95:.3} shapes={shapes}"
        );
    }
}
