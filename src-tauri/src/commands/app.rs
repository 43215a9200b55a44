//! Commands every screen uses: start-up facts, file dialogs and opening a
//! saved file in the system's viewer.

use std::time::Duration;

use tauri::{AppHandle, State};
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

/// Reads a date as a Thai office types it (`31/12/2567`, `31 ธ.ค. 67`,
/// Thai digits) and returns it as an ISO CE date.
#[tauri::command]
#[instrument(err)]
pub fn parse_be_date(text: String) -> AppResult<String> {
    let date = chumchon::thai::date::parse_be_text(&text)?;
    Ok(date.to_string())
}

/// How long a launcher may take to fail before the file counts as opened.
/// `xdg-open` without a PDF viewer fails after about 0.6 s on a small
/// Linux machine; a launcher that hands the file to a viewer returns at
/// once or keeps running.
const OPEN_FAILURE_WAIT: Duration = Duration::from_secs(3);

/// Opens a file the app saved in the system's default viewer. Fails with
/// `open_failed` when no program opens it.
#[tauri::command(async)]
#[instrument(err)]
pub fn open_file(path: String) -> AppResult<()> {
    let failed =
        |error: std::io::Error| AppError::new("open_failed", error.to_string()).with("path", &path);
    std::fs::metadata(&path).map_err(failed)?;
    open::that_detached_with_timeout(&path, OPEN_FAILURE_WAIT).map_err(failed)
}
