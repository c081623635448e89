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

/// Runs `run` over `items` cut into `parts` runs, each on a scoped thread of its own (a run
/// whose thread the system refuses runs on the calling thread, in its turn; a single part runs
/// there directly, its panic caught all the same). `run` gets the index of its first item. Each run's items and result come back in
/// order, `Err` where it panicked — the caller says what a failed run stands for.
pub fn in_parts<'a, T: Sync, R: Send>(
    items: &'a [T],
    parts: usize,
    run: impl Fn(usize, &'a [T]) -> R + Sync,
) -> Vec<(std::ops::Range<usize>, std::thread::Result<R>)> {
    let chunk = items.len().div_ceil(parts.max(1)).max(1);
    if parts <= 1 || items.len() <= chunk {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(0, items)));
        return vec![(0..items.len(), result)];
    }
    std::thread::scope(|scope| {
        let run = &run;
        let workers: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                let from = n * chunk;
                let range = from..from + part.len();
                let worker = std::thread::Builder::new()
                    .spawn_scoped(scope, move || run(from, part))
                    .map_err(|_| part);
                (range, worker)
            })
            .collect();
        workers
            .into_iter()
            .map(|(range, worker)| {
                let result = match worker {
                    Ok(handle) => handle.join(),
                    Err(part) => Ok(run(range.start, part)),
                };
                (range, result)
            })
            .collect()
    })
}

#[cfg(test)]
mod in_parts_tests {
    #[test]
    fn parts_come_back_in_order_with_their_ranges_and_a_panic_is_caught() {
        let items: Vec<u32> = (0..10).collect();
        let parts = super::in_parts(&items, 3, |from, part| {
            assert!(from != 4, "the second part fails");
            (from, part.iter().sum::<u32>())
        });
        let ranges: Vec<_> = parts.iter().map(|(r, _)| r.clone()).collect();
        assert_eq!(ranges, vec![0..4, 4..8, 8..10]);
        assert_eq!(parts[0].1.as_ref().ok(), Some(&(0, 6)));
        assert!(parts[1].1.is_err());
        assert_eq!(parts[2].1.as_ref().ok(), Some(&(8, 17)));
        // one part (or no items) runs on the calling thread, its panic caught too
        let one = super::in_parts(&items, 1, |_, part: &[u32]| part.len());
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1.as_ref().ok(), Some(&10));
        let failed = super::in_parts(&items, 1, |_, _: &[u32]| -> usize { panic!("fails") });
        assert!(failed[0].1.is_err());
        let none = super::in_parts(&[] as &[u32], 4, |_, part: &[u32]| part.len());
        assert_eq!(none.len(), 1);
        assert_eq!(none[0].0, 0..0);
    }
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
