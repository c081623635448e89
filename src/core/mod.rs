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
pub mod timeline;
pub mod timestamp;
pub mod watch;

/// How many threads the machine runs at once, asked once per process: the standard library
/// reads the cgroup's quota files at every call (three files opened), which cost a third of a
/// load's system time when it was asked once per file.
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
