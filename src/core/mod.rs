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

/// Where the room of `v` beyond its items lies in memory (its start and length in bytes), for
/// [`prefault`].
pub fn spare_room<T>(v: &mut Vec<T>) -> (usize, usize) {
    let spare = v.spare_capacity_mut();
    (spare.as_mut_ptr() as usize, std::mem::size_of_val(spare))
}

/// Has the system give the memory of `regions` (start, length in bytes) its pages now, all of
/// them front to back side by side, on a background thread, without writing to it: the system
/// clears each fresh page when it is first written, and at a million articles the lists filled as
/// the cache is decoded spent half their time waiting for that. On Linux 5.14 and later
/// (`MADV_POPULATE_WRITE`); elsewhere, and where the system refuses, nothing happens.
pub fn prefault(regions: Vec<(usize, usize)>) {
    #[cfg(target_os = "linux")]
    {
        let _ = spawn_background("prefault", move || {
            const PAGE: usize = 4096;
            const STEP: usize = 8 << 20;
            // Whole pages only; each region goes a step in proportion to its length per turn.
            let largest = regions.iter().map(|r| r.1).max().unwrap_or(0).max(1);
            let mut left: Vec<(usize, usize, usize)> = regions
                .iter()
                .map(|&(start, len)| {
                    let from = start.div_ceil(PAGE) * PAGE;
                    let end = start.saturating_add(len) / PAGE * PAGE;
                    let step = (STEP as u128 * len as u128 / largest as u128) as usize;
                    (from, end.max(from), step.div_ceil(PAGE).max(1) * PAGE)
                })
                .collect();
            while left.iter().any(|(at, end, _)| at < end) {
                for (at, end, step) in &mut left {
                    let n = (*step).min(*end - *at);
                    if n == 0 {
                        continue;
                    }
                    if !populate(*at, n) {
                        return;
                    }
                    *at += n;
                }
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = regions;
}

/// Maps in the `n` bytes from `at` (page aligned) as a write would; false where the system
/// refuses.
#[cfg(target_os = "linux")]
fn populate(at: usize, n: usize) -> bool {
    // SAFETY: MADV_POPULATE_WRITE only maps pages in, as a write would, and never changes what
    // the memory holds: whatever owns the range (the list whose room it was, or whatever the
    // allocator gave it to since) sees the same bytes; a range no longer mapped makes it fail.
    unsafe { libc::madvise(at as *mut libc::c_void, n, libc::MADV_POPULATE_WRITE) == 0 }
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

#[cfg(test)]
mod prefault_tests {
    #[test]
    fn prefaulting_a_list_s_room_changes_nothing_it_holds() {
        let mut list: Vec<u64> = Vec::with_capacity(3_000_000);
        list.extend(0..1000);
        // Rooms of every shape: the list's, an empty one, one not on a page boundary.
        let odd = super::spare_room(&mut list);
        super::prefault(vec![
            super::spare_room(&mut list),
            (odd.0 + 3, 5000),
            (odd.0, 0),
        ]);
        list.extend(1000..3_000_000);
        assert!(list.iter().enumerate().all(|(i, &v)| v == i as u64));
        assert_eq!(super::spare_room(&mut list).1, 0, "no room left");
    }
}
