//! The deposit-log import of the waste bank's screen. A preview lists the
//! material names that no material matches, so that the user chooses a
//! material once for each. The import then saves those choices as aliases.

use std::path::PathBuf;

use chumchon::import::deposits as deposit_import;
use chumchon::import::session::Mode;
use tauri::State;
use tracing::instrument;

use crate::dto::waste::{DepositImportInput, DepositImportView, MaterialGrams, UnknownMaterialRow};
use crate::error::AppResult;
use crate::state::{context, AppState};

/// Previews the deposit log at `request.path`, or imports it when
/// `request.commit` is set, mapping the names in `request.map` and saving
/// those mappings as aliases on commit.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_import_deposits(
    state: State<'_, AppState>,
    request: DepositImportInput,
) -> AppResult<DepositImportView> {
    let options = deposit_import::Options {
        map: request
            .map
            .into_iter()
            .map(|mapping| (mapping.name, mapping.code))
            .collect(),
        remember_mappings: true,
        ..deposit_import::Options::default()
    };
    let mode = if request.commit {
        Mode::Commit
    } else {
        Mode::Preview
    };
    let path = PathBuf::from(request.path);
    let ctx = context();
    let outcome = state.with_conn(|conn| {
        deposit_import::import(conn, &ctx, &path, &options, mode, &mut |_, _| {})
    })?;
    let report = outcome.report;
    let details = outcome.details;
    Ok(DepositImportView {
        sheet: report.sheet,
        rows_read: count(report.rows_read),
        imported: count(report.imported),
        committed: report.committed,
        imported_before: outcome.imported_before,
        errors: report.errors.into_iter().map(Into::into).collect(),
        unknown: details
            .unknown_materials
            .into_iter()
            .map(|unknown| UnknownMaterialRow {
                name: unknown.name,
                rows: unknown.rows,
            })
            .collect(),
        total_value_satang: details.total_value.satang(),
        kg_by_material: details
            .grams_by_material
            .into_iter()
            .map(|(material, grams)| MaterialGrams { material, grams })
            .collect(),
    })
}

fn count(rows: usize) -> u32 {
    u32::try_from(rows).unwrap_or(u32::MAX)
}
