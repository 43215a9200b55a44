//! Reading OpenDocument spreadsheets (.ods) through calamine, which gives
//! dates as ISO 8601 text.

use std::path::Path;

use calamine::{open_workbook, Ods, OdsError, Reader};

use crate::import::cell::CellContext;
use crate::import::read::grid::Grid;
use crate::import::read::xls::grid_from_range;
use crate::import::read::{damaged, worksheets, FileFormat};
use crate::import::ImportError;

/// Reads the sheets of an .ods file, or only the one named `only`. Returns
/// the grids and the names of all sheets.
// NOTE: calamine builds a dense range for each sheet, so a stray cell far
// from the data costs memory in proportion to the rectangle it spans.
// NOTE: calamine 0.38 does not report the merged ranges of an .ods sheet,
// so cells covered by a merge in a data row read as empty, without the
// filling and warnings that xlsx and xls files get.
pub(crate) fn load(
    path: &Path,
    only: Option<&str>,
) -> Result<(Vec<Grid>, Vec<String>), ImportError> {
    let unreadable = |error: OdsError| ods_error(path, error);
    let mut workbook: Ods<_> = open_workbook(path).map_err(unreadable)?;
    let sheets = worksheets(workbook.sheets_metadata());
    let mut layouts = crate::import::read::layout::read_ods_layouts(path);
    let mut grids = Vec::new();
    for (name, hidden) in sheets
        .iter()
        .filter(|(name, _)| only.is_none_or(|only| only == name.as_str()))
    {
        let range = workbook.worksheet_range(name).map_err(unreadable)?;
        let mut grid = grid_from_range(name, &range, CellContext::default());
        grid.hidden = *hidden;
        if let Some(layout) = layouts.remove(name) {
            grid.hidden_rows = layout.hidden_rows;
            grid.hidden_cols = layout.hidden_cols;
            grid.has_filter = layout.has_filter;
            grid.struck_cells = layout.struck_cells;
        }
        grids.push(grid);
    }
    let names = sheets.into_iter().map(|(name, _)| name).collect();
    Ok((grids, names))
}

/// Maps a calamine error to an import error: the operating system's errors
/// as they are, encryption as a password, anything else as a damaged file.
fn ods_error(path: &Path, error: OdsError) -> ImportError {
    match error {
        OdsError::Io(error) => ImportError::unreadable(path, error),
        OdsError::Password => ImportError::PasswordProtected {
            path: path.to_path_buf(),
        },
        other => damaged(path, FileFormat::Ods, other),
    }
}
