//! The import wizard: list a file's sheets, preview an import, commit it.

use std::path::PathBuf;

use chumchon::import::{ledger, members, read, session::Mode};
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::dto::{ImportKind, ImportPreview, ImportRequest, ImportSheets};
use crate::error::AppResult;
use crate::progress;
use crate::state::{context, AppState};

/// The sheets of a file, with the one the importer would pick marked, and
/// the other kind of file when the file looks like it. The file is read
/// once per kind.
#[tauri::command(async)]
#[instrument(err)]
pub fn list_import_sheets(path: PathBuf, kind: ImportKind) -> AppResult<ImportSheets> {
    let list = |kind: ImportKind| read::list_sheets(&path, kind.schema());
    let chosen = list(kind).map_err(chumchon::Error::from)?;
    let other = list(kind.other()).map_err(chumchon::Error::from)?;
    Ok(ImportSheets::new(kind, chosen, &other))
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
    match request.kind {
        ImportKind::Members => {
            let options = request.member_options()?;
            state.with_conn(|conn| {
                members::import(conn, &ctx, &path, &options, mode, &mut progress).map(Into::into)
            })
        }
        ImportKind::Ledger => {
            let options = request.ledger_options();
            state.with_conn(|conn| {
                ledger::import(conn, &ctx, &path, &options, mode, &mut progress).map(Into::into)
            })
        }
    }
}
