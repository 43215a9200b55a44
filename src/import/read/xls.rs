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

use calamine::{Data, Range, Reader, SheetType, Xls, XlsError, XlsOptions};

use crate::import::cell::{CellContext, RawValue};
use crate::import::read::grid::Grid;
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
pub fn biff_version(path: &Path) -> Result<BiffVersion, ImportError> {
    let unreadable = |error: std::io::Error| ImportError::unreadable(path, error);
    let mut file = cfb::open(path).map_err(unreadable)?;
    let stream = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|name| file.is_stream(name))
        .ok_or_else(|| ImportError::unreadable(path, "the file has no workbook stream"))?;
    let mut bof = [0u8; 6];
    file.open_stream(stream)
        .and_then(|mut s| s.read_exact(&mut bof))
        .map_err(unreadable)?;
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
    if biff_version(path)? == BiffVersion::Biff8 {
        options.force_codepage = Some(1200);
    }
    let file = File::open(path).map_err(|error| ImportError::unreadable(path, error))?;
    let mut workbook = Xls::new_with_options(BufReader::new(file), options)
        .map_err(|error| ImportError::unreadable(path, error))?;
    let context = CellContext {
        is_1904: workbook.has_1904_epoch(),
    };
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut grids = Vec::new();
    for name in names
        .iter()
        .filter(|name| only.is_none_or(|only| only == name.as_str()))
    {
        let range = workbook
            .worksheet_range(name)
            .map_err(|error: XlsError| ImportError::unreadable(path, error))?;
        grids.push(grid_from_range(name, &range, context));
    }
    Ok((grids, names))
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
