//! Commands of the waste bank's screens.
//!
//! [`super::route`] sends every command named `waste_…` here, so each
//! command of this part carries that prefix. To add one: write it here
//! with `#[tauri::command]` (`build.rs` finds it by that attribute), list
//! it in [`handler`], and grant `allow-waste-<name>` in
//! `capabilities/waste.json`. Its data shapes go in `crate::dto::waste`.

use tauri::ipc::Invoke;

/// The handler of this part's commands.
pub fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![]
}
