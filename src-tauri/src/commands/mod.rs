//! Tauri commands, one module per screen. A command takes the state and its
//! arguments, calls one core function and maps the error.

pub mod app;
pub mod dividends;
pub mod import;
pub mod members;
pub mod settings;
