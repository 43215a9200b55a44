//! Commands every screen uses: start-up facts, file dialogs and opening a
//! saved file in the system's viewer.

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use tracing::instrument;

use crate::dialogs::{self, OpenKind, SaveKind};
use crate::dto::{AppInfo, Language};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Facts the UI needs at start.
#[tauri::command]
#[instrument(skip(state), err)]
pub fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        language: Language::from_code(state.config().language.as_deref()),
        database: state.db_path().display().to_string(),
        database_error: state.db_error(),
        e2e: state.e2e.is_some(),
    })
}

/// Shows an open dialog; `None` when the user cancelled.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn pick_open_file(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: OpenKind,
    filter_name: String,
) -> AppResult<Option<String>> {
    let path = dialogs::pick_open(&app, state.e2e.as_ref(), kind, &filter_name);
    Ok(path.map(|p| p.display().to_string()))
}

/// Shows a save dialog proposing `file_name`; `None` when the user
/// cancelled.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn pick_save_file(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: SaveKind,
    filter_name: String,
    file_name: String,
) -> AppResult<Option<String>> {
    let path = dialogs::pick_save(&app, state.e2e.as_ref(), kind, &filter_name, &file_name);
    Ok(path.map(|p| p.display().to_string()))
}

/// Opens a file the app saved in the system's default viewer.
#[tauri::command]
#[instrument(skip(app), err)]
pub fn open_file(app: AppHandle, path: String) -> AppResult<()> {
    app.opener()
        .open_path(&path, None::<&str>)
        .map_err(|e| AppError::new("open_failed", e.to_string()).with("path", &path))
}
