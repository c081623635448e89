//! The core of Dateline: collections, article parsing, annotations and their files, the calendar
//! model. Nothing here knows about the GUI toolkit, so all of it is tested as plain data.

pub mod anchor;
pub mod annotations;
pub mod article_text;
pub mod cache;
pub mod calendar;
pub mod collection;
pub mod export;
pub mod formats;
pub mod header;
pub mod history;
pub mod interchange;
pub mod mentions;
pub mod merge;
pub mod paging;
pub mod path_date;
pub mod recycled;
pub mod sample;
pub mod search;
pub mod store;
pub mod suggest;
pub mod taxonomy;
pub mod team;
pub mod text;
pub mod text_store;
pub mod timeline;
pub mod timestamp;
pub mod watch;

/// Wakes whoever waits for background work (the window: a repaint request); the core knows
/// nothing of egui.
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

/// Starts background work on a thread named `name` that runs below the window's priority
/// ([`lower_thread_priority`]): every thread the window starts is started here.
pub fn spawn_background<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<T>> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            lower_thread_priority();
            work()
        })
}

/// Lowers the calling thread's scheduling priority below the window's (niceness about 10 on
/// Linux; the threads it starts inherit it): background work then takes only the CPU the window
/// leaves, and a frame never waits for a core on a machine whose cores the work keeps busy. The
/// window's thread keeps the normal priority. Where the system refuses, nothing changes.
fn lower_thread_priority() {
    use thread_priority::{ThreadPriority, ThreadPriorityValue, set_current_thread_priority};
    if let Ok(value) = ThreadPriorityValue::try_from(25u8) {
        let _ = set_current_thread_priority(ThreadPriority::Crossplatform(value));
    }
}

/// How many threads the machine runs at once, asked once per process: the standard library
/// reads the cgroup's quota files at every call (three files opened), which cost a third of a
/// load's system time when it was asked once per file.
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The calling thread's niceness, from `/proc/thread-self/stat` (the field after the
    /// priority, counted from the end of the name in parentheses).
    fn niceness() -> Option<i32> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        let after_name = &stat[stat.rfind(')')? + 1..];
        after_name.split_whitespace().nth(16)?.parse().ok()
    }

    #[test]
    fn a_background_thread_runs_below_the_window() {
        let before = niceness().unwrap_or(0);
        let (after, child) = super::spawn_background("test", || {
            let after = niceness();
            let child = std::thread::spawn(niceness).join().ok().flatten();
            (after, child)
        })
        .ok()
        .and_then(|t| t.join().ok())
        .unwrap_or_default();
        assert!(after.is_some_and(|n| n > before), "{before} -> {after:?}");
        assert_eq!(child, after, "threads it starts inherit it");
        assert_eq!(
            niceness(),
            Some(before),
            "the starting thread is left alone"
        );
    }
}
