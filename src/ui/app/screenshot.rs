//! `dateline --screenshot OUT.png`: render once the collection is loaded, save a PNG, close.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{DatelineApp, ScreenshotResult};
use crate::ui::state::LoadStatus;

/// How long a screenshot run waits for the collection before giving up.
const SCREENSHOT_TIMEOUT: Duration = Duration::from_secs(60);

pub(super) struct ScreenshotJob {
    out: PathBuf,
    frames_after_load: u32,
    requested: bool,
    started: Instant,
    result: ScreenshotResult,
}

impl ScreenshotJob {
    pub(super) fn new(out: PathBuf, result: ScreenshotResult) -> Self {
        Self {
            out,
            frames_after_load: 0,
            requested: false,
            started: Instant::now(),
            result,
        }
    }
}

impl DatelineApp {
    pub(super) fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.screenshot else {
            return;
        };
        if let Ok(result) = job.result.lock()
            && result.is_some()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let ready = matches!(
            self.state.load,
            LoadStatus::Loaded { .. } | LoadStatus::Failed(_)
        );
        if !ready {
            if job.started.elapsed() > SCREENSHOT_TIMEOUT {
                if let Ok(mut r) = job.result.lock() {
                    *r = Some(Err("the collection did not load within 60 s".into()));
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx.request_repaint_after(Duration::from_millis(50));
            return;
        }
        job.frames_after_load += 1;
        if job.frames_after_load < 4 {
            ctx.request_repaint();
            return;
        }
        if !job.requested {
            job.requested = true;
            let out = job.out.clone();
            let result = Arc::clone(&job.result);
            let repaint = ctx.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
                egui::ScreenshotCallback::new(move |image| {
                    let saved = save_png(&image, &out).map(|()| out.clone());
                    if let Ok(mut r) = result.lock() {
                        *r = Some(saved);
                    }
                    repaint.request_repaint();
                }),
            ));
        }
        ctx.request_repaint_after(Duration::from_millis(50));
    }
}

/// Writes an egui image as a PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "the screenshot had the wrong size".to_string())?;
    buffer
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("cannot write the screenshot: {e}: {}", path.display()))
}
