//! Reading OpenDocument spreadsheets (.ods) through calamine, which gives
//! dates as ISO 8601 text.

use std::path::Path;

use calamine::{open_workbook, Ods, OdsError, Reader};

use crate::import::cell::CellContext;
use crate::import::read::grid::Grid;
use crate::import::read::xls::grid_from_range;
use crate::import::ImportError;

/// Reads the sheets of an .ods file, or only the one named `only`. Returns
/// the grids and the names of all sheets.
// NOTE: calamine builds a dense range for each sheet, so a stray cell far
// from the data costs memory in proportion to the rectangle it spans.
pub(crate) fn load(
    path: &Path,
    only: Option<&str>,
) -> Result<(Vec<Grid>, Vec<String>), ImportError> {
    let unreadable = |error: OdsError| ImportError::unreadable(path, error);
    let mut workbook: Ods<_> = open_workbook(path).map_err(unreadable)?;
    let names = workbook.sheet_names();
    let mut grids = Vec::new();
    for name in names
        .iter()
        .filter(|name| only.is_none_or(|only| only == name.as_str()))
    {
        let range = workbook.worksheet_range(name).map_err(unreadable)?;
        grids.push(grid_from_range(name, &range, CellContext::default()));
    }
    Ok((grids, names))
}
