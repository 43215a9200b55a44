//! The generic spreadsheet reader under every legacy importer: it reads a
//! register from an xlsx, xls, ods or csv file into a [`Table`] of typed,
//! normalised cells, given a [`Schema`] of the fields wanted.
//!
//! What it does, in order:
//!
//! 1. Opens the file by its content (zip, OLE or text), not only by its
//!    extension. An .xls file in BIFF8 is read with its strings as UTF-16
//!    whatever code page it declares; see [`xls`]. A CSV file is decoded
//!    as UTF-8, Windows-874 (TIS-620) or, after a byte-order mark, UTF-16;
//!    see [`crate::import::csv`].
//!    An empty file, a damaged workbook and a workbook encrypted with a
//!    password each fail with their own [`ImportError`], whose message
//!    names the next step.
//! 2. Finds the header in each sheet (see [`crate::import::header`]) and
//!    picks the sheet that contains the register: the best header match times
//!    the rows below it, so that a summary sheet beside the data loses.
//!    A hidden sheet is picked only when no visible sheet has a matching
//!    header, because hidden sheets tend to hold old copies and lookup
//!    tables. The caller may force any sheet, hidden or not; [`list_sheets`]
//!    lists them for a UI.
//! 3. Skips the rows below the header that are no records: blank rows,
//!    totals and subtotals, and the header repeated after a page break.
//! 4. Types each mapped cell by its field's [`FieldKind`]. A value that
//!    cannot be read becomes a [`Problem`] on the row with the sheet, row,
//!    column letter, raw value and a stable code.
//! 5. Gives the value of a merged range in the data rows of an xlsx or xls
//!    file to each row it spans, down its first column, and warns about
//!    the cells of other fields that it covers. Merged ranges in the title
//!    and header rows only shape the header.
//! 6. Reads what a user of the sheet does not see: hidden rows, hidden
//!    columns and a filter, in xlsx, ods and BIFF8 xls files. A
//!    visible column gets its field before a hidden one, a hidden column
//!    read for want of another is warned about, and so is each hidden row.
//!    A row with a cell struck through is refused, because offices strike
//!    entries through to cancel them.
//!
//! A member importer uses it like this:
//!
//! ```no_run
//! use chumchon::import::read::{read_table, MEMBERS};
//! # fn main() -> Result<(), chumchon::import::ImportError> {
//! let table = read_table("members.xlsx".as_ref(), &MEMBERS, None)?;
//! for row in &table.rows {
//!     let member_no = row.text("member_no");
//!     let joined = row.date("joined");
//!     let shares = row.integer("shares").unwrap_or(0);
//!     println!("row {}: {member_no:?} {joined:?} {shares}", row.number);
//! }
//! # Ok(()) }
//! ```

pub(crate) mod grid;
mod layout;
mod ods;
mod schema;
mod table;
pub mod xls;
mod xlsx;

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::io::Read;
use std::path::Path;

use calamine::{Sheet, SheetType, SheetVisible};

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use schema::{FieldKind, FieldSpec, Schema, LEDGER, MEMBERS};
pub use table::{Column, FormulaColumn, Row, SkipReason, SkippedRow, Table};

pub use crate::import::cell::Value;
pub use crate::import::report::Problem;

use crate::import::header::{find_header_in, FieldKeys, Header, COLUMN_MARGIN, HEADER_SEARCH_ROWS};
use crate::import::report::Severity;
use crate::import::ImportError;
use grid::Grid;
use table::Layout;

/// The kinds of file the reader opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// Excel 2007 and later.
    Xlsx,
    /// Excel 97–2003, or Excel 5 and 95.
    Xls,
    /// OpenDocument (LibreOffice).
    Ods,
    /// Comma-, semicolon- or tab-separated text.
    Csv,
}

/// The part a sheet seems to play, for a UI that lets the user choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetRole {
    /// Has a header that matches the schema and rows below it.
    Register,
    /// No matching header (or no rows under it) and at most
    /// [`SUMMARY_MAX_ROWS`] rows: totals or notes beside the register.
    Summary,
    /// Nothing in it.
    Empty,
    /// Anything else.
    Other,
}

/// Maximum number of non-blank rows in a sheet that [`list_sheets`] calls
/// a summary.
pub const SUMMARY_MAX_ROWS: usize = 30;

/// One sheet of a file, as [`list_sheets`] describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetSummary {
    /// Sheet name; for CSV, the file name.
    pub name: String,
    /// Non-blank rows in the sheet.
    pub rows: usize,
    /// 1-based row of the header found, if any.
    pub header_row: Option<u32>,
    /// Fields of the schema the header matches (running numbers and other
    /// ignored columns not counted).
    pub matched_fields: usize,
    /// Non-blank rows below the header.
    pub data_rows: usize,
    /// Guessed role.
    pub role: SheetRole,
    /// Header score × data rows; the highest is the register.
    pub score: u64,
    /// Whether the workbook hides the sheet. [`read_table`] picks a hidden
    /// sheet only when no visible sheet has a matching header.
    pub hidden: bool,
    /// Whether [`read_table`] would pick this sheet.
    pub chosen: bool,
}

/// Reads a register from `path`: finds its sheet (or reads `sheet`, when
/// given), its header and its candidate data rows, and types every mapped
/// cell by the kind `schema` gives its field.
///
/// Fails as a whole when the file cannot be read, is of an unknown kind,
/// has no sheet named `sheet`, or has no header matching the schema; any
/// other problem is reported in the [`Table`].
pub fn read_table(path: &Path, schema: &Schema, sheet: Option<&str>) -> Result<Table, ImportError> {
    let (grids, names) = load(path, detect_format(path)?, sheet)?;
    if let Some(wanted) = sheet.filter(|_| grids.is_empty()) {
        let path = path.to_path_buf();
        return Err(ImportError::SheetNotFound {
            path,
            sheet: wanted.into(),
            available: names,
        });
    }

    let keys = FieldKeys::new(schema);
    let mut surveys: Vec<Survey> = grids.iter().map(|grid| survey(grid, &keys)).collect();
    let not_found = || ImportError::HeaderNotFound {
        path: path.to_path_buf(),
        sheet: sheet.map(str::to_string),
        expected: expected_names(schema),
    };
    let chosen = choose(&grids, &surveys).ok_or_else(not_found)?;
    let reason = choice_reason(&grids, &surveys, chosen, sheet.is_some(), schema);
    tracing::debug!(sheet = %grids[chosen].name, %reason, "chose sheet");

    let header = surveys.swap_remove(chosen).header.ok_or_else(not_found)?;
    let grid = grids.into_iter().nth(chosen).unwrap_or_default();
    build_table(path, grid, schema, header, reason)
}

fn build_table(
    path: &Path,
    mut grid: Grid,
    schema: &Schema,
    header: Header,
    reason: String,
) -> Result<Table, ImportError> {
    let layout = Layout::new(schema, header);
    let file = file_name(path);
    let may_lack_formula_values = grid.may_lack_formula_values;
    let merges_unread = grid.merges_unread;
    let mut merged = std::mem::take(&mut grid.merged);
    let draft = table::build(grid, &layout, file, reason);
    let mut wanted: HashSet<(u32, u32)> = HashSet::new();
    if may_lack_formula_values {
        let empty_cells = draft.empty_cells.iter();
        wanted = empty_cells.map(|(_, _, row, col)| (*row, *col)).collect();
    }
    let want_merges = merges_unread && draft.has_gaps;
    let mut formulas = HashMap::new();
    if !wanted.is_empty() || want_merges {
        let second_look = xlsx::second_look(path, &draft.table.sheet, &wanted, want_merges)?;
        formulas = second_look.formulas;
        if want_merges {
            merged = second_look.merged;
        }
    }
    let mut table = table::finish(draft, &layout, &formulas, &merged);
    if table.rows.is_empty() {
        table.problems.push(Problem {
            sheet: table.sheet.clone(),
            row: Some(table.header_row),
            column: None,
            value: None,
            code: "no_rows",
            message: format!(
                "the sheet has a {} header in row {} but no rows below it, so there is nothing \
                 to import; check that this is the right file and sheet",
                schema.name, table.header_row
            ),
            severity: Severity::Warning,
            params: Vec::new(),
        });
    }
    Ok(table)
}

/// Lists the sheets of a file with the role each seems to play for
/// `schema`, and marks the one [`read_table`] would pick.
pub fn list_sheets(path: &Path, schema: &Schema) -> Result<Vec<SheetSummary>, ImportError> {
    let format = detect_format(path)?;
    let (grids, _) = load(path, format, None)?;
    let keys = FieldKeys::new(schema);
    let surveys: Vec<Survey> = grids.iter().map(|grid| survey(grid, &keys)).collect();
    let chosen = choose(&grids, &surveys);
    let summaries = grids
        .iter()
        .zip(&surveys)
        .enumerate()
        .map(|(index, (grid, survey))| SheetSummary {
            name: grid.name.clone(),
            rows: survey.non_blank_rows,
            header_row: survey.header.as_ref().map(|header| header.row + 1),
            matched_fields: survey.header.as_ref().map_or(0, |header| header.matched),
            data_rows: survey.data_rows,
            role: survey.role(),
            score: survey.score(),
            hidden: grid.hidden,
            chosen: chosen == Some(index),
        })
        .collect();
    Ok(summaries)
}

/// Computes the SHA-256 of the file's bytes as 64 lowercase hex digits, so
/// that an importer can tell when the same file was imported before.
pub fn file_sha256(path: &Path) -> Result<String, ImportError> {
    let unreadable = |error: std::io::Error| ImportError::unreadable(path, error);
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

/// Decides the kind of file from its first bytes: a zip is xlsx (or ods,
/// by its extension), an OLE compound file is xls, and text is CSV. A
/// file whose extension promises a workbook but that is neither is
/// rejected, as a web page saved as .xls would be, and so is a file of
/// zero bytes.
pub fn detect_format(path: &Path) -> Result<FileFormat, ImportError> {
    let mut magic = [0u8; 8];
    let mut file =
        std::fs::File::open(path).map_err(|error| ImportError::unreadable(path, error))?;
    let read = file
        .read(&mut magic)
        .map_err(|error| ImportError::unreadable(path, error))?;
    if read == 0 {
        let path = path.to_path_buf();
        return Err(ImportError::EmptyFile { path });
    }
    let magic = &magic[..read];
    let extension = extension(path);
    if magic.starts_with(b"PK\x03\x04") {
        return Ok(if extension == "ods" {
            FileFormat::Ods
        } else {
            FileFormat::Xlsx
        });
    }
    if magic.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Ok(FileFormat::Xls);
    }
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb") {
        let format = if extension == "ods" {
            FileFormat::Ods
        } else {
            FileFormat::Xlsx
        };
        return Err(damaged(path, format, "the content is not a workbook"));
    }
    Ok(FileFormat::Csv)
}

fn extension(path: &Path) -> String {
    let extension = path.extension().and_then(|extension| extension.to_str());
    extension.map(str::to_ascii_lowercase).unwrap_or_default()
}

/// Creates an [`ImportError::Damaged`] for a file whose content cannot be
/// read as the `format` it was opened as, naming what its extension
/// promises. The reader's own error goes to the log only, because its
/// wording ("Could not find EOCD") means nothing to an office user.
pub(crate) fn damaged(path: &Path, format: FileFormat, error: impl Display) -> ImportError {
    tracing::debug!(%error, ?format, "cannot read the workbook");
    let extension = extension(path);
    let expected = match (extension.as_str(), format) {
        ("xlsx" | "xlsm", _) => format!("an Excel workbook (.{extension})"),
        ("xlsb", _) => "an Excel binary workbook (.xlsb)".to_string(),
        ("xls", _) => "an Excel 97-2003 workbook (.xls)".to_string(),
        ("ods", _) => "an OpenDocument spreadsheet (.ods)".to_string(),
        (_, FileFormat::Xlsx) => "an Excel workbook".to_string(),
        (_, FileFormat::Xls) => "an Excel 97-2003 workbook".to_string(),
        (_, FileFormat::Ods) => "an OpenDocument spreadsheet".to_string(),
        (_, FileFormat::Csv) => "a CSV file".to_string(),
    };
    ImportError::Damaged {
        path: path.to_path_buf(),
        expected,
    }
}

/// Lists the worksheets of a workbook in workbook order, each with whether
/// it is hidden (or very hidden). Chart sheets and macro sheets are left
/// out.
pub(crate) fn worksheets(sheets: &[Sheet]) -> Vec<(String, bool)> {
    let worksheets = sheets
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet);
    worksheets
        .map(|sheet| (sheet.name.clone(), sheet.visible != SheetVisible::Visible))
        .collect()
}

fn load(
    path: &Path,
    format: FileFormat,
    only: Option<&str>,
) -> Result<(Vec<Grid>, Vec<String>), ImportError> {
    match format {
        FileFormat::Xlsx => xlsx::load(path, only),
        FileFormat::Xls => xls::load(path, only),
        FileFormat::Ods => ods::load(path, only),
        FileFormat::Csv => {
            let name = file_name(path);
            let grid = crate::import::csv::load(path, &name)?;
            let wanted = only.is_none_or(|only| only == name);
            Ok((if wanted { vec![grid] } else { Vec::new() }, vec![name]))
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

/// Result of a first look at a sheet: its header and row counts.
struct Survey {
    header: Option<Header>,
    non_blank_rows: usize,
    data_rows: usize,
}

impl Survey {
    fn score(&self) -> u64 {
        self.header
            .as_ref()
            .map_or(0, |header| u64::from(header.score) * self.data_rows as u64)
    }

    fn role(&self) -> SheetRole {
        match (&self.header, self.non_blank_rows) {
            (_, 0) => SheetRole::Empty,
            (Some(_), _) if self.data_rows > 0 => SheetRole::Register,
            (_, rows) if rows <= SUMMARY_MAX_ROWS => SheetRole::Summary,
            _ => SheetRole::Other,
        }
    }
}

fn survey(grid: &Grid, keys: &FieldKeys) -> Survey {
    let text_rows = grid.text_rows(HEADER_SEARCH_ROWS, u32::MAX);
    let header = find_header_in(&text_rows, keys, &grid.hidden_cols);
    let max_col = header
        .as_ref()
        .map_or(u32::MAX, |h| h.last_col() + COLUMN_MARGIN);
    let data_start = header.as_ref().map_or(0, |h| h.row + h.height);
    let mut non_blank_rows = 0;
    let mut data_rows = 0;
    for cells in grid.rows() {
        let filled = cells
            .iter()
            .any(|cell| cell.col <= max_col && !cell.value.is_blank());
        if filled {
            non_blank_rows += 1;
            if cells[0].row >= data_start && header.is_some() {
                data_rows += 1;
            }
        }
    }
    Survey {
        header,
        non_blank_rows,
        data_rows,
    }
}

/// Returns the index of the visible sheet with the best header score ×
/// data rows. When no visible sheet has a matching header, the best hidden
/// sheet is returned, and `None` when no sheet has one. The first sheet
/// wins a tie.
fn choose(grids: &[Grid], surveys: &[Survey]) -> Option<usize> {
    let best = |hidden: bool| {
        let with_header = surveys
            .iter()
            .enumerate()
            .filter(|(index, survey)| survey.header.is_some() && grids[*index].hidden == hidden);
        let best = with_header.max_by(|(a_index, a), (b_index, b)| {
            a.score().cmp(&b.score()).then(b_index.cmp(a_index))
        });
        best.map(|(index, _)| index)
    };
    best(false).or_else(|| best(true))
}

fn choice_reason(
    grids: &[Grid],
    surveys: &[Survey],
    chosen: usize,
    forced: bool,
    schema: &Schema,
) -> String {
    let describe = |index: usize| {
        let (grid, survey) = (&grids[index], &surveys[index]);
        let kind = if grid.hidden { "hidden sheet" } else { "sheet" };
        match &survey.header {
            Some(header) => format!(
                "{kind} \"{}\" has a header on row {} matching {} {} fields and {} rows below it",
                grid.name,
                header.row + 1,
                header.matched,
                schema.name,
                survey.data_rows
            ),
            None => format!(
                "{kind} \"{}\" has no header with {} fields",
                grid.name, schema.name
            ),
        }
    };
    let chosen_text = describe(chosen);
    if forced {
        return format!("{chosen_text}; it was chosen by name");
    }
    if grids.len() == 1 {
        return format!("{chosen_text}; it is the only sheet");
    }
    let best = if grids[chosen].hidden {
        "the best match, read because no visible sheet has such a header"
    } else {
        "the best match"
    };
    let others: Vec<String> = (0..grids.len())
        .filter(|i| *i != chosen)
        .map(describe)
        .collect();
    let passed_over_hidden =
        (0..grids.len()).any(|i| i != chosen && grids[i].hidden && surveys[i].header.is_some());
    let rule = if passed_over_hidden && !grids[chosen].hidden {
        "; a hidden sheet is read only when it is named or no visible sheet matches"
    } else {
        ""
    };
    format!("{chosen_text}, {best}; {}{rule}", others.join("; "))
}

fn expected_names(schema: &Schema) -> String {
    let names = schema
        .fields
        .iter()
        .filter(|field| field.kind != FieldKind::Ignored);
    let names = names.filter_map(|field| field.synonyms.first().or(field.exact_synonyms.first()));
    names.take(6).copied().collect::<Vec<_>>().join(", ")
}
