//! Excel export of the registers: the member register, a year's dividend
//! run and the waste bank's programme report, as xlsx workbooks with Thai
//! headers, a frozen header row, an autofilter, and a totals row whose
//! `SUM` formulas carry their results.
//!
//! Dates are date cells whose number format starts with the locale
//! `[$-107041E]` (Thai, Buddhist calendar), which shows the Buddhist Era in
//! both Excel and LibreOffice. Money is written as baht numbers formatted
//! `#,##0.00`. A workbook is written to a temporary
//! file beside the output and renamed over it once complete, so that a
//! failed export never leaves half a file under the chosen name.

mod dividend;
pub mod exchange;
pub mod fund;
mod members;
mod sheet;
mod waste;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

use crate::{Context, Error, Result};

/// Writes the member register with share balances to an Excel file at
/// `out`, replacing any file there.
pub fn members(conn: &Connection, ctx: &Context, out: &Path) -> Result<()> {
    crate::db::refuse_database_as_output(conn, out)?;
    let (mut workbook, count) = members::workbook(conn)?;
    save(&mut workbook, out)?;
    tracing::debug!(
        operator = %ctx.operator,
        members = count,
        path = %out.display(),
        "exported the member register"
    );
    Ok(())
}

/// Writes the year's draft or approved dividend run to an Excel file at
/// `out`, replacing any file there. The sheet's printed date is the
/// context's date. Fails with [`Error::NotFound`] when the year has no run.
pub fn dividend(conn: &Connection, ctx: &Context, year_be: i32, out: &Path) -> Result<()> {
    crate::db::refuse_database_as_output(conn, out)?;
    let (mut workbook, count) = dividend::workbook(conn, year_be, ctx.today())?;
    save(&mut workbook, out)?;
    tracing::debug!(
        operator = %ctx.operator,
        year_be,
        lines = count,
        path = %out.display(),
        "exported a dividend run"
    );
    Ok(())
}

/// Builds the waste bank's programme report over `filter` and writes it to
/// an Excel file at `out`, replacing any file there: a summary, kilograms
/// by month, community and material, plastic diverted with a chart, value
/// returned by community, and the busiest collection points. The summary's
/// printed date is the context's date. Returns the report's figures.
pub fn programme_report(
    conn: &Connection,
    ctx: &Context,
    filter: &crate::waste::ReportFilter,
    out: &Path,
) -> Result<crate::waste::reports::ProgrammeReport> {
    crate::db::refuse_database_as_output(conn, out)?;
    let report = crate::waste::programme_report(conn, filter)?;
    let foundation = crate::documents::foundation_name(conn)?;
    let mut workbook = waste::workbook(&report, &foundation, ctx.today())?;
    save(&mut workbook, out)?;
    tracing::debug!(
        operator = %ctx.operator,
        from = %filter.from,
        to = %filter.to,
        path = %out.display(),
        "exported the waste bank's programme report"
    );
    Ok(report)
}

/// Writes the workbook to a new temporary file in the folder of `out`,
/// then renames it over `out`. The temporary file is removed when either
/// step fails.
fn save(workbook: &mut Workbook, out: &Path) -> Result<()> {
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(Error::rule(
            "export_not_xlsx",
            format!(
                "{} does not end in .xlsx, but the export is an Excel workbook; give a file \
                 name ending in .xlsx",
                out.display()
            ),
        ));
    }
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder.filter(|folder| !folder.is_dir()) {
        return Err(Error::Io {
            path: folder.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the folder does not exist; create it or choose another folder",
            ),
        });
    }
    let bytes = workbook.save_to_buffer()?;
    let temp = temp_path(out)?;
    let written = write_new_file(&temp, &bytes)
        .map_err(|source| Error::Io {
            path: temp.clone(),
            source,
        })
        .and_then(|()| {
            fs::rename(&temp, out).map_err(|source| Error::Io {
                path: out.to_path_buf(),
                source,
            })
        });
    if written.is_err() {
        // The write or rename error is the one reported. A temporary file
        // that cannot be removed either stays behind under its hidden name.
        let _ = fs::remove_file(&temp);
    }
    written
}

fn write_new_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Builds the name of the temporary file beside `out`, ".NAME.PID-N.tmp",
/// which the process id and a counter keep apart from other exports.
fn temp_path(out: &Path) -> Result<PathBuf> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = out.file_name().ok_or_else(|| {
        Error::rule(
            "invalid_output_path",
            format!("{} does not name a file", out.display()),
        )
    })?;
    let serial = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp_name = format!(
        ".{}.{}-{serial}.tmp",
        name.to_string_lossy(),
        std::process::id()
    );
    Ok(out.with_file_name(temp_name))
}

#[cfg(test)]
mod tests;
