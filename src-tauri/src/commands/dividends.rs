//! The dividends screen: run a year, look at the run, approve it, print
//! its slips and export it.

use std::path::PathBuf;

use chumchon::documents::SlipOptions;
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::dto::{DividendParams, DividendRun, DividendRunSummary, FiscalYear, SlipsWritten};
use crate::error::{AppError, AppResult};
use crate::progress;
use crate::state::{context, AppState};

/// The saved run of a fiscal year, if there is one.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn get_dividend(state: State<'_, AppState>, year_be: i32) -> AppResult<Option<DividendRun>> {
    let run = state.with_conn(|conn| chumchon::dividends::get(conn, year_be))?;
    Ok(run.map(Into::into))
}

/// Every year that has a draft or approved run, latest first.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn list_dividend_runs(state: State<'_, AppState>) -> AppResult<Vec<DividendRunSummary>> {
    let runs = state.with_conn(|conn| chumchon::dividends::list_runs(conn))?;
    Ok(runs.into_iter().map(Into::into).collect())
}

/// The dates of a fiscal year, by the database's first month of the
/// fiscal year, and whether the year has ended.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fiscal_year(state: State<'_, AppState>, year_be: i32) -> AppResult<FiscalYear> {
    let first_month =
        state.with_conn(|conn| chumchon::db::setting_i64(conn, "fiscal_first_month", 1))?;
    let first_month = first_month.clamp(1, 12) as u32;
    let (from, to) = chumchon::dividends::fiscal_period(year_be, first_month).ok_or_else(|| {
        AppError::new(
            "invalid_year",
            format!("{year_be} is not a usable fiscal year"),
        )
    })?;
    Ok(FiscalYear {
        year_be,
        period_from: from.to_string(),
        period_to: to.to_string(),
        ended: to < context().today(),
    })
}

/// Computes a run, with a patronage refund when `params` has a pool for
/// one, and saves it as the year's draft, replacing an earlier draft.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn run_dividend(state: State<'_, AppState>, params: DividendParams) -> AppResult<DividendRun> {
    let ctx = context();
    let patronage = params.patronage_pool.map(chumchon::Satang);
    let params = params.into();
    let run = state
        .with_write(|tx| chumchon::dividends::run_with_patronage(tx, &ctx, &params, patronage))?;
    Ok(run.into())
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

/// Reverses the year's approved run and the payments made from it, so
/// that the year can be computed again.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn reverse_dividend(state: State<'_, AppState>, year_be: i32) -> AppResult<()> {
    let ctx = context();
    state.with_write(|tx| chumchon::dividends::reverse(tx, &ctx, year_be))
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
