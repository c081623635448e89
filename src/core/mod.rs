//! The core of Dateline: collections, article parsing, annotations and their files, the calendar
//! model. Nothing here knows about the GUI toolkit, so all of it is tested as plain data.

pub mod anchor;
pub mod annotations;
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
pub mod text;
pub mod timeline;
pub mod timestamp;
pub mod watch;
