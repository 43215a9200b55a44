//! The import wizard: list a file's sheets, preview an import, commit it.

use std::path::PathBuf;

use chumchon::import::{ledger, members, read, session::Mode};
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::dto::{ImportKind, ImportPreview, ImportRequest, SheetInfo};
use crate::error::AppResult;
use crate::progress;
use crate::state::{context, AppState};

/// The sheets of a file, with the one the importer would pick marked.
#[tauri::command(async)]
#[instrument(err)]
pub fn list_import_sheets(path: PathBuf, kind: ImportKind) -> AppResult<Vec<SheetInfo>> {
    let schema = match kind {
        ImportKind::Members => &read::MEMBERS,
        ImportKind::Ledger => &read::LEDGER,
    };
    let sheets = read::list_sheets(&path, schema).map_err(chumchon::Error::from)?;
    Ok(sheets.into_iter().map(Into::into).collect())
}

/// Reads the file and reports what an import would do, writing nothing.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn preview_import(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ImportRequest,
) -> AppResult<ImportPreview> {
    import(&app, &state, &request, Mode::Preview)
}

/// Backs up the database, then imports the file.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn commit_import(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ImportRequest,
) -> AppResult<ImportPreview> {
    import(&app, &state, &request, Mode::Commit)
}

fn import(
    app: &AppHandle,
    state: &AppState,
    request: &ImportRequest,
    mode: Mode,
) -> AppResult<ImportPreview> {
    let (ctx, path) = (context(), PathBuf::from(&request.path));
    let mut progress = progress::emitter(app, "import");
    state.with_conn(|conn| match request.kind {
        ImportKind::Members => {
            let options = request.member_options();
            members::import(conn, &ctx, &path, &options, mode, &mut progress).map(Into::into)
        }
        ImportKind::Ledger => {
            let options = request.ledger_options();
            ledger::import(conn, &ctx, &path, &options, mode, &mut progress).map(Into::into)
        }
    })
}
