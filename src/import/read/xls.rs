//! Reading old Excel files (.xls) in Thai.
//!
//! calamine 0.38 decodes the strings of a BIFF8 file (Excel 97 and later)
//! with the code page the file declares. A Thai BIFF8 file declares 874 or
//! 1252 although its strings are UTF-16, so they come out garbled. Forcing
//! code page 1200 (UTF-16) reads them correctly. An older BIFF5 file
//! (Excel 5 and 95) really stores its strings in the declared code page,
//! usually 874, and must not be forced. The version is read from the BOF
//! record at the start of the workbook stream.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Range, Reader, Xls, XlsError, XlsOptions};

use crate::import::cell::{CellContext, RawValue};
use crate::import::read::grid::{Grid, MergedRange};
use crate::import::read::{damaged, worksheets, FileFormat};
use crate::import::ImportError;

/// The BIFF version of an .xls file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BiffVersion {
    /// BIFF8: Excel 97 to 2003, strings in UTF-16.
    Biff8,
    /// BIFF5 or older: Excel 5 and 95, strings in the file's code page.
    Biff5OrOlder,
}

/// Reads the BIFF version from the BOF record that opens the workbook
/// stream ("Workbook" in BIFF8 files, "Book" in older ones).
///
/// Fails with [`ImportError::PasswordProtected`] for an OLE file that contains
/// an `EncryptedPackage` stream, which is how Excel 2007 and later save an
/// .xlsx workbook encrypted with a password, and with
/// [`ImportError::Damaged`] for any other OLE file without a workbook
/// stream, such as a Word document renamed.
pub fn biff_version(path: &Path) -> Result<BiffVersion, ImportError> {
    let mut file = match cfb::open(path) {
        Ok(file) => file,
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            ) =>
        {
            return Err(damaged(path, FileFormat::Xls, error))
        }
        Err(error) => return Err(ImportError::unreadable(path, error)),
    };
    if file.is_stream("/EncryptedPackage") {
        let path = path.to_path_buf();
        return Err(ImportError::PasswordProtected { path });
    }
    let Some(stream) = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|name| file.is_stream(name))
    else {
        return Err(damaged(path, FileFormat::Xls, "no workbook stream"));
    };
    let mut bof = [0u8; 6];
    file.open_stream(stream)
        .and_then(|mut s| s.read_exact(&mut bof))
        .map_err(|error| damaged(path, FileFormat::Xls, error))?;
    let record = u16::from_le_bytes([bof[0], bof[1]]);
    let version = u16::from_le_bytes([bof[4], bof[5]]);
    Ok(if record == 0x0809 && version == 0x0600 {
        BiffVersion::Biff8
    } else {
        BiffVersion::Biff5OrOlder
    })
}

/// Reads the worksheets of an .xls file, or only the one named `only`.
/// Returns the grids and the names of all worksheets.
// NOTE: calamine parses every sheet of an .xls file into a dense range when
// the file is opened. A stray cell far from the data therefore costs memory,
// up to the BIFF limit of 256 columns by 65,536 rows (about 0.5 GB).
pub(crate) fn load(
    path: &Path,
    only: Option<&str>,
) -> Result<(Vec<Grid>, Vec<String>), ImportError> {
    let mut options = XlsOptions::default();
    let version = biff_version(path)?;
    if version == BiffVersion::Biff8 {
        options.force_codepage = Some(1200);
    }
    let file = File::open(path).map_err(|error| ImportError::unreadable(path, error))?;
    let mut workbook = Xls::new_with_options(BufReader::new(file), options)
        .map_err(|error| xls_error(path, error))?;
    let context = CellContext {
        is_1904: workbook.has_1904_epoch(),
    };
    let sheets = worksheets(workbook.sheets_metadata());
    // Only a BIFF8 file is read for hidden rows and columns.
    let mut layouts = match version {
        BiffVersion::Biff8 => crate::import::read::layout::read_xls_layouts(path),
        BiffVersion::Biff5OrOlder => Default::default(),
    };
    let mut grids = Vec::new();
    for (name, hidden) in sheets
        .iter()
        .filter(|(name, _)| only.is_none_or(|only| only == name.as_str()))
    {
        let range = workbook
            .worksheet_range(name)
            .map_err(|error| xls_error(path, error))?;
        let mut grid = grid_from_range(name, &range, context);
        grid.hidden = *hidden;
        if let Some(layout) = layouts.remove(name) {
            grid.hidden_rows = layout.hidden_rows;
            grid.hidden_cols = layout.hidden_cols;
            grid.has_filter = layout.has_filter;
            grid.struck_cells = layout.struck_cells;
        }
        let merged = workbook
            .merge_cells_by_sheet_name(name)
            .map_err(|error| xls_error(path, error))?;
        grid.merged = merged.iter().map(MergedRange::from_dimensions).collect();
        grids.push(grid);
    }
    let names = sheets.into_iter().map(|(name, _)| name).collect();
    Ok((grids, names))
}

/// Maps a calamine error to an import error: the operating system's errors
/// as they are, BIFF encryption as a password, anything else as a damaged
/// file.
fn xls_error(path: &Path, error: XlsError) -> ImportError {
    match error {
        XlsError::Io(error) => ImportError::unreadable(path, error),
        XlsError::Password => ImportError::PasswordProtected {
            path: path.to_path_buf(),
        },
        other => damaged(path, FileFormat::Xls, other),
    }
}

/// Copies the used cells of a calamine range into a grid.
pub(crate) fn grid_from_range(name: &str, range: &Range<Data>, context: CellContext) -> Grid {
    let mut grid = Grid::new(name, context);
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, col, value) in range.used_cells() {
        grid.push(top + row as u32, left + col as u32, raw_value(value));
    }
    grid.finish()
}

fn raw_value(value: &Data) -> RawValue {
    match value {
        Data::Empty => RawValue::Empty,
        Data::String(text) => RawValue::Text(text.clone()),
        Data::Float(number) => RawValue::Number(*number),
        Data::Int(number) => RawValue::Number(*number as f64),
        Data::Bool(value) => RawValue::Bool(*value),
        Data::DateTime(date) if date.is_datetime() => RawValue::Date(date.as_f64()),
        Data::DateTime(duration) => RawValue::Number(duration.as_f64()),
        Data::DateTimeIso(text) => RawValue::DateIso(text.clone()),
        Data::DurationIso(text) => RawValue::Text(text.clone()),
        Data::Error(error) => RawValue::Error(error.to_string()),
    }
}
