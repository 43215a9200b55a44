//! Reading xlsx sheets with calamine's streaming cell reader, which never
//! allocates a range by the sheet's declared dimension. Each cell's number
//! format is read too, to find the dates that calamine 0.38 returns as plain
//! numbers (the built-in Thai formats 71 to 81).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{open_workbook, DataRef, Reader, Xlsx, XlsxError};

use crate::import::cell::{is_date_format, CellContext, RawValue};
use crate::import::read::grid::{Grid, MergedRange};
use crate::import::read::layout;
use crate::import::read::{damaged, worksheets, FileFormat};
use crate::import::ImportError;

type Workbook = Xlsx<BufReader<File>>;

/// Most cells reserved up front from a sheet's declared dimension.
const MAX_RESERVED_CELLS: u64 = 1 << 20;

fn open(path: &Path) -> Result<Workbook, ImportError> {
    open_workbook(path).map_err(|error| xlsx_error(path, error))
}

/// Maps a calamine error to an import error: the operating system's errors
/// as they are, anything else as a damaged file.
fn xlsx_error(path: &Path, error: XlsxError) -> ImportError {
    match error {
        XlsxError::Io(error) => ImportError::unreadable(path, error),
        other => damaged(path, FileFormat::Xlsx, other),
    }
}

/// Reads the worksheets of an xlsx file, or only the one named `only`.
/// Returns the grids and the names of all worksheets.
pub(crate) fn load(
    path: &Path,
    only: Option<&str>,
) -> Result<(Vec<Grid>, Vec<String>), ImportError> {
    let mut workbook = open(path)?;
    let sheets = worksheets(workbook.sheets_metadata());
    let context = CellContext {
        is_1904: workbook.has_1904_epoch(),
    };
    // The layout is a second pass over the file, so it runs on another
    // thread while calamine reads the cells.
    let (grids, mut layouts) = std::thread::scope(|scope| {
        let layouts = scope.spawn(|| layout::read_layouts(path));
        let grids = load_sheets(&mut workbook, &sheets, only, context, path);
        let layouts = layouts.join().unwrap_or_else(|_| {
            tracing::debug!("reading hidden rows and columns panicked");
            Default::default()
        });
        (grids, layouts)
    });
    let mut grids = grids?;
    for grid in &mut grids {
        if let Some(layout) = layouts.remove(&grid.name) {
            grid.hidden_rows = layout.hidden_rows;
            grid.hidden_cols = layout.hidden_cols;
            grid.has_filter = layout.has_filter;
        }
    }
    let names = sheets.into_iter().map(|(name, _)| name).collect();
    Ok((grids, names))
}

fn load_sheets(
    workbook: &mut Workbook,
    sheets: &[(String, bool)],
    only: Option<&str>,
    context: CellContext,
    path: &Path,
) -> Result<Vec<Grid>, ImportError> {
    let wanted = sheets
        .iter()
        .filter(|(name, _)| only.is_none_or(|only| only == name.as_str()));
    let mut grids = Vec::new();
    for (name, hidden) in wanted {
        let mut grid =
            load_sheet(workbook, name, context).map_err(|error| xlsx_error(path, error))?;
        grid.hidden = *hidden;
        grids.push(grid);
    }
    Ok(grids)
}

fn load_sheet(
    workbook: &mut Workbook,
    name: &str,
    context: CellContext,
) -> Result<Grid, XlsxError> {
    let mut grid = Grid::new(name, context);
    grid.may_lack_formula_values = true;
    grid.merges_unread = true;
    let mut reader = workbook.worksheet_cells_reader(name)?;
    // The declared dimension may reach XFD1048576 because of one stray cell,
    // so it only sizes the first allocation, up to a cap.
    let declared = reader.dimensions().len().min(MAX_RESERVED_CELLS);
    grid.cells.reserve(declared as usize);
    let date_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|style| {
            let format = style.number_format.as_ref();
            format.is_some_and(|f| is_date_format(f.format_id, &f.format_code))
        })
        .collect();
    let struck_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|style| {
            style
                .font
                .as_ref()
                .is_some_and(|font| font.has_strikethrough())
        })
        .collect();
    let padded_styles: Vec<Option<PaddedFormat>> = reader
        .styles()
        .iter()
        .map(|style| {
            let format = style.number_format.as_ref()?;
            PaddedFormat::parse(&format.format_code)
        })
        .collect();
    while let Some((cell, style)) = reader.next_cell_with_style_id()? {
        let (row, col) = cell.get_position();
        let is_date = date_styles.get(style).copied().unwrap_or(false);
        let mut value = raw_value(cell.get_value(), is_date);
        if let (RawValue::Number(number), Some(Some(padded))) = (&value, padded_styles.get(style)) {
            if let Some(text) = padded.format(*number) {
                value = RawValue::Text(text);
            }
        }
        if struck_styles.get(style).copied().unwrap_or(false) && !value.is_blank() {
            grid.struck_cells.push((row, col));
        }
        grid.push(row, col, value);
    }
    Ok(grid.finish())
}

/// A number format that shows a whole number with leading zeros, and
/// maybe quoted text around it: `000` shows 7 as 007, `"BY"000` as BY007.
/// Offices use such formats for member numbers typed as numbers. The
/// reader takes such a number as the text the sheet shows, because the
/// number alone would lose its zeros and prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PaddedFormat {
    prefix: String,
    digits: usize,
    suffix: String,
}

impl PaddedFormat {
    /// Parses the first section of a format code. Returns `None` unless the
    /// code is two or more `0` placeholders with only quoted or escaped
    /// text before and after them.
    fn parse(code: &str) -> Option<PaddedFormat> {
        let section = code.split(';').next()?;
        let mut format = PaddedFormat {
            prefix: String::new(),
            digits: 0,
            suffix: String::new(),
        };
        let mut chars = section.chars();
        while let Some(c) = chars.next() {
            let literal = match c {
                '0' if format.suffix.is_empty() => {
                    format.digits += 1;
                    continue;
                }
                '"' => chars.by_ref().take_while(|c| *c != '"').collect(),
                '\\' => chars.next()?.to_string(),
                _ => return None,
            };
            if format.digits == 0 {
                format.prefix.push_str(&literal);
            } else {
                format.suffix.push_str(&literal);
            }
        }
        (format.digits >= 2).then_some(format)
    }

    /// Formats `number` the way the sheet shows it, or returns `None` for a
    /// number that is negative or not whole.
    fn format(&self, number: f64) -> Option<String> {
        let whole = number >= 0.0 && number.fract() == 0.0 && number < 1e15;
        whole.then(|| {
            let digits = self.digits;
            format!("{}{:0digits$}{}", self.prefix, number as u64, self.suffix)
        })
    }
}

fn raw_value(value: &DataRef<'_>, date_style: bool) -> RawValue {
    match value {
        DataRef::Empty => RawValue::Empty,
        DataRef::String(text) => RawValue::Text(text.clone()),
        DataRef::SharedString(text) => RawValue::Text((*text).to_string()),
        DataRef::Float(number) if date_style => RawValue::Date(*number),
        DataRef::Float(number) => RawValue::Number(*number),
        DataRef::Int(number) if date_style => RawValue::Date(*number as f64),
        DataRef::Int(number) => RawValue::Number(*number as f64),
        DataRef::Bool(value) => RawValue::Bool(*value),
        DataRef::DateTime(date) if date.is_datetime() => RawValue::Date(date.as_f64()),
        DataRef::DateTime(duration) => RawValue::Number(duration.as_f64()),
        DataRef::DateTimeIso(text) => RawValue::DateIso(text.clone()),
        DataRef::DurationIso(text) => RawValue::Text(text.clone()),
        DataRef::Error(error) => RawValue::Error(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::PaddedFormat;

    #[test]
    fn padded_formats_show_leading_zeros() {
        let shown = |code: &str, number: f64| PaddedFormat::parse(code)?.format(number);
        assert_eq!(shown("000", 7.0).as_deref(), Some("007"), "zeros");
        assert_eq!(shown("\"BY\"000", 7.0).as_deref(), Some("BY007"), "prefix");
        assert_eq!(
            shown("\\B\\Y0000", 12.0).as_deref(),
            Some("BY0012"),
            "escapes"
        );
        assert_eq!(shown("000\"-A\"", 3.0).as_deref(), Some("003-A"), "suffix");
        assert_eq!(shown("00000", 123456.0).as_deref(), Some("123456"), "wider");
        assert_eq!(shown("000", 2.5), None, "a fraction");
        assert_eq!(shown("0", 7.0), None, "one placeholder pads nothing");
        assert_eq!(shown("#,##0", 7.0), None, "a number format");
        assert_eq!(shown("0.00", 7.0), None, "decimals");
        assert_eq!(shown("General", 7.0), None, "general");
    }
}

/// Formula text and merged ranges from a second look at an xlsx sheet;
/// see [`second_look`].
#[derive(Debug, Default)]
pub(crate) struct SecondLook {
    /// Formula text without the leading "=" by (0-based row, column).
    pub formulas: HashMap<(u32, u32), String>,
    /// Merged ranges of the sheet.
    pub merged: Vec<MergedRange>,
}

/// Opens the workbook once more for what the first read of a sheet leaves
/// out: the formula text of the given cells (shared formulas expanded for
/// each cell), and, when `merges` is set, the sheet's merged ranges. Each
/// is a scan of the whole sheet, so it is skipped when not wanted.
pub(crate) fn second_look(
    path: &Path,
    sheet: &str,
    cells: &HashSet<(u32, u32)>,
    merges: bool,
) -> Result<SecondLook, ImportError> {
    let mut workbook = open(path)?;
    let unreadable = |error: XlsxError| xlsx_error(path, error);
    let mut found = SecondLook::default();
    if !cells.is_empty() {
        let mut reader = workbook.worksheet_cells_reader(sheet).map_err(unreadable)?;
        while let Some(cell) = reader.next_formula().map_err(unreadable)? {
            let position = cell.get_position();
            if !cell.get_value().is_empty() && cells.contains(&position) {
                found.formulas.insert(position, cell.get_value().clone());
            }
        }
    }
    if merges {
        let ranges = workbook
            .merge_cells_by_sheet_name(sheet)
            .map_err(unreadable)?;
        found.merged = ranges.iter().map(MergedRange::from_dimensions).collect();
    }
    Ok(found)
}
