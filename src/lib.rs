//! Dateline: turn a pile of news articles into a chronology.
//!
//! [`core`] holds everything that is not drawing (collections, parsing, annotations, files);
//! [`ui`] holds the egui panels and the app that applies their commands; [`cli`] the command line.

pub mod cli;
pub mod core;
pub mod ui;
