//! Chumchon's desktop shell: a thin Tauri 2 layer between the Svelte UI in
//! `ui/` and the `chumchon` core. Commands live in [`commands`], one module
//! per screen or part, routed by their name's prefix ([`commands::route`]);
//! the IPC data shapes in [`dto`]; the one IPC error in [`error`].

#[cfg(test)]
mod command_scan;
pub mod commands;
pub mod config;
pub mod dialogs;
pub mod dto;
pub mod error;
pub mod progress;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;
use tracing::{error, info};

use crate::error::AppResult;
use crate::state::{AppState, Database};

/// Choices made on the command line.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Database file from `--db`.
    pub db: Option<PathBuf>,
    /// Whether `--demo` asked to fill an empty database with demo data.
    pub demo: bool,
}

/// The environment variable that names the database file.
pub const DB_VAR: &str = "CHUMCHON_DB";

/// Starts the app and runs it until its window closes.
pub fn run(launch: Launch) -> tauri::Result<()> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let state = open_state(app.handle(), &launch)?;
            app.manage(state);
            Ok(())
        })
        .invoke_handler(commands::route)
        .run(tauri::generate_context!())
}

/// Opens the database chosen by flag, environment, settings or default.
fn open_state(app: &tauri::AppHandle, launch: &Launch) -> AppResult<AppState> {
    let config_path = app.path().app_config_dir()?.join(config::FILE_NAME);
    let config = config::ShellConfig::load(&config_path);
    let env = std::env::var_os(DB_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let path = state::resolve_db_path(launch.db.clone(), env, &config)?;

    let mut opened = Database::open(&path);
    if let (true, Ok(db)) = (launch.demo, opened.as_mut()) {
        if let Err(err) = fill_demo(db) {
            error!(%err, "cannot fill the demo database");
        }
    }
    if let Err(err) = &opened {
        error!(path = %path.display(), %err, "cannot open the database");
    }
    info!(path = %path.display(), "database chosen");
    Ok(AppState::new(
        &path,
        opened,
        config_path,
        dialogs::E2eDialogs::from_env(),
    ))
}

/// Fills an empty database with demo data; a database that already has
/// members is left as it is.
fn fill_demo(db: &mut Database) -> AppResult<()> {
    let ctx = state::context();
    let tx = chumchon::db::write(&mut db.conn)?;
    match chumchon::demo::fill(&tx, &ctx) {
        Ok(summary) => {
            tx.commit().map_err(chumchon::Error::from)?;
            info!(%summary, "demo data added");
            Ok(())
        }
        Err(error) if error.code() == "database_not_empty" => {
            info!("the database has members already; no demo data added");
            Ok(())
        }
        Err(error) => Err(error.into()),
    }
}
