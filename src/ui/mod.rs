//! The egui layer: small panels that read the app state and push commands, and the app that
//! applies them.

pub mod aliases_editor;
pub mod app;
pub mod article_rows;
pub mod articles_panel;
pub mod calendar_panel;
pub mod commands;
pub mod editor;
pub mod events_panel;
pub mod export_dialog;
pub mod finder;
pub mod jobs;
pub mod list_rows;
pub mod open_dialog;
pub mod places_editor;
pub mod reader_panel;
pub mod saver;
pub mod search_panel;
pub mod state;
pub mod status_bar;
pub mod suggest_job;
pub mod suggestions_panel;
pub mod taxonomy_editor;
pub mod team_window;
pub mod theme;
pub mod throttle;
pub mod timeline_panel;

pub use app::{AppOptions, DatelineApp};
