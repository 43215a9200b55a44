//! The settings screen: database file, language and slip options.

use std::path::PathBuf;

use tauri::State;
use tracing::instrument;

use crate::dto::{from_setting, to_setting, Language, Settings, SlipLayout, SlipSort};
use crate::error::AppResult;
use crate::state::{context, AppState};

const SLIP_LAYOUT: &str = "slip_layout";
const SLIP_SORT: &str = "slip_sort";

/// The current settings. When no database is open, because the one chosen
/// failed to open at start, its path comes with the default slip options,
/// so that the settings screen can show where it looked; the start-up
/// error itself is in [`crate::dto::AppInfo`].
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn get_settings(state: State<'_, AppState>) -> AppResult<Settings> {
    let language = Language::from_code(state.config().language.as_deref());
    if state.db_error().is_some() {
        return Ok(Settings {
            database: state.db_path().display().to_string(),
            database_open: false,
            language,
            slip_layout: SlipLayout::default(),
            slip_sort: SlipSort::default(),
        });
    }
    state.with_db(|db| {
        Ok(Settings {
            database: db.path.display().to_string(),
            database_open: true,
            language,
            slip_layout: from_setting(chumchon::db::setting(&db.conn, SLIP_LAYOUT)?),
            slip_sort: from_setting(chumchon::db::setting(&db.conn, SLIP_SORT)?),
        })
    })
}

/// Opens the database at `path` (creating it when missing), makes it the
/// one opened at every start, and returns the settings read from it.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn open_database(state: State<'_, AppState>, path: PathBuf) -> AppResult<Settings> {
    state.switch_database(&path)?;
    state.update_config(|config| config.database = Some(path))?;
    get_settings(state)
}

/// Creates a new database at `path` and opens it like [`open_database`].
/// Fails with `file_exists` when a file is there already, so that an
/// existing database is never opened by mistake for a new one.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn create_database(state: State<'_, AppState>, path: PathBuf) -> AppResult<Settings> {
    if path.exists() {
        return Err(chumchon::Error::FileExists { path }.into());
    }
    open_database(state, path)
}

/// Chooses the UI language.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn set_language(state: State<'_, AppState>, language: Language) -> AppResult<()> {
    state.update_config(|config| config.language = Some(language.code().to_string()))
}

/// Chooses the slip layout and order, stored in the database.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn set_slip_options(
    state: State<'_, AppState>,
    layout: SlipLayout,
    sort: SlipSort,
) -> AppResult<()> {
    let ctx = context();
    state.with_conn(|conn| {
        chumchon::db::set_setting(conn, &ctx, SLIP_LAYOUT, &to_setting(&layout))?;
        chumchon::db::set_setting(conn, &ctx, SLIP_SORT, &to_setting(&sort))
    })
}
