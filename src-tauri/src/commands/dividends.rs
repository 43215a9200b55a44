//! The dividends screen: run a year, look at the run, approve it, print
//! its slips and export it.

use std::path::PathBuf;

use chumchon::documents::SlipOptions;
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::dto::{DividendParams, DividendRun, SlipsWritten};
use crate::error::AppResult;
use crate::progress;
use crate::state::{context, AppState};

/// The saved run of a fiscal year, if there is one.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn get_dividend(state: State<'_, AppState>, year_be: i32) -> AppResult<Option<DividendRun>> {
    let run = state.with_conn(|conn| chumchon::dividends::get(conn, year_be))?;
    Ok(run.map(Into::into))
}

/// Computes a run and saves it as the year's draft, replacing an earlier
/// draft.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn run_dividend(state: State<'_, AppState>, params: DividendParams) -> AppResult<DividendRun> {
    let (ctx, params) = (context(), params.into());
    Ok(state
        .with_write(|tx| chumchon::dividends::run(tx, &ctx, &params))?
        .into())
}

/// Approves the year's draft, which locks it.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn approve_dividend(state: State<'_, AppState>, year_be: i32) -> AppResult<DividendRun> {
    let ctx = context();
    Ok(state
        .with_write(|tx| chumchon::dividends::approve(tx, &ctx, year_be))?
        .into())
}

/// Writes the year's slips, one per member, into a PDF at `path`, laid
/// out and ordered by the settings. Reports progress as `slips` events.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn write_slips(
    app: AppHandle,
    state: State<'_, AppState>,
    year_be: i32,
    path: PathBuf,
) -> AppResult<SlipsWritten> {
    let options = SlipOptions {
        layout: None,
        sort: None,
        printed_on: context().today(),
    };
    let mut progress = progress::emitter(&app, "slips");
    let summary = state.with_conn(|conn| {
        chumchon::documents::write_slips(conn, year_be, &options, &path, &mut progress)
    })?;
    Ok(SlipsWritten {
        path: path.display().to_string(),
        slips: summary.slips as u64,
        pages: summary.pages as u64,
    })
}

/// Writes the year's run to an Excel file at `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn export_dividend(state: State<'_, AppState>, year_be: i32, path: PathBuf) -> AppResult<()> {
    let ctx = context();
    state.with_conn(|conn| chumchon::export::dividend(conn, &ctx, year_be, &path))
}
