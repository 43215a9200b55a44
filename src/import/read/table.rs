//! The reader's result, [`Table`]: the header found, the column mapping, the
//! candidate data rows with typed values, the rows skipped and the
//! problems. Also the steps that turn a sheet's grid into one.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::import::cell::{convert, Converted, RawValue, Value};
use crate::import::header::{header_key, Header, TextRow, COLUMN_MARGIN};
use crate::import::read::grid::{text_row, Grid, MergedRange, RawCell};
use crate::import::read::{FieldKind, Schema};
use crate::import::report::{column_letter, Problem, Severity};
use crate::Satang;

/// One column under the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// 0-based column index.
    pub index: u32,
    /// Column letter, such as "B".
    pub letter: String,
    /// Header text; for a two-row header, "group / sub-label".
    pub header: String,
    /// Key of the field read from this column, or `None` for a column the
    /// schema does not know.
    pub field: Option<&'static str>,
}

/// Reason a row below the header is not a candidate record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// No value in any column of the table.
    Blank,
    /// A total or subtotal row, such as "รวม", "รวมโซน 1" or "Total".
    Total,
    /// The header (or a title row) repeated, as after a page break.
    RepeatedHeader,
    /// A note: one text merged across the table, such as "หมายเหตุ:
    /// รายการด้านล่างบันทึกย้อนหลัง". Each is also listed as a
    /// `note_row_skipped` warning.
    Note,
}

/// A row below the header that was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    /// The sheet's own 1-based row number.
    pub row: u32,
    /// Reason it was skipped.
    pub reason: SkipReason,
}

/// A column whose cells hold formulas but no saved results, as in a file
/// written by a program that does not calculate. Reported once per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormulaColumn {
    /// Key of the field read from the column.
    pub field: &'static str,
    /// Column letter.
    pub column: String,
    /// Header text.
    pub header: String,
    /// The formula of the first such cell, such as "E2*F2".
    pub example: String,
    /// Number of data rows whose cell has a formula without a result.
    pub rows: usize,
}

/// One candidate record: a row below the header that is neither blank, nor
/// a total, nor a repeated header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The sheet's own 1-based row number (for CSV, the record number).
    pub number: u32,
    /// Values of the mapped fields that have one, in column order.
    values: Vec<(&'static str, Value)>,
    /// Formula text of cells that have a formula but no saved result.
    formulas: Vec<(&'static str, String)>,
    /// Problems in this row: values that could not be read, and required
    /// fields left empty.
    pub problems: Vec<Problem>,
}

impl Row {
    /// Returns the value of field `key`, or `None` when the cell is empty,
    /// could not be read (see [`Row::problems`]) or the field has no column.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, value)| value)
    }

    /// Text of a text, national-ID or phone field.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Value::Text(text) | Value::NationalId(text) | Value::Phone(text) => Some(text),
            _ => None,
        }
    }

    /// Value of an integer field.
    pub fn integer(&self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::Integer(number) => Some(*number),
            _ => None,
        }
    }

    /// Value of a money field.
    pub fn money(&self, key: &str) -> Option<Satang> {
        match self.get(key)? {
            Value::Money(amount) => Some(*amount),
            _ => None,
        }
    }

    /// Value of a date field.
    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        match self.get(key)? {
            Value::Date(date) => Some(*date),
            _ => None,
        }
    }

    /// Returns the 13 digits of a national-ID field.
    pub fn national_id(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Value::NationalId(digits) => Some(digits),
            _ => None,
        }
    }

    /// Digits of a phone field.
    pub fn phone(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Value::Phone(digits) => Some(digits),
            _ => None,
        }
    }

    /// Value of a decimal field in units of `1 / 10^places`, so grams for
    /// kilograms read with `places: 3`.
    pub fn decimal(&self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::Decimal(units) => Some(*units),
            _ => None,
        }
    }

    /// Returns the formula of a cell that has one but no saved result.
    pub fn formula(&self, key: &str) -> Option<&str> {
        self.formulas
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, formula)| formula.as_str())
    }

    /// Checks whether any problem in the row is an error.
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.severity == Severity::Error)
    }

    /// Iterates over all values, in column order.
    pub fn values(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        self.values.iter().map(|(key, value)| (*key, value))
    }

    fn set(&mut self, key: &'static str, value: Value) {
        match self.values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((key, value)),
        }
    }
}

/// A register read from one sheet: see [`crate::import::read::read_table`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// File name, without its folder.
    pub file: String,
    /// Sheet read; for CSV, the file name.
    pub sheet: String,
    /// Reason this sheet was read, in English, for the user and the log.
    pub sheet_choice: String,
    /// The sheet's own 1-based number of the (first) header row.
    pub header_row: u32,
    /// Number of header rows: 1, or 2 for group labels over sub-labels.
    pub header_height: u32,
    /// Text of the non-blank rows above the header, each row's cells joined
    /// by a space, such as "ข้อมูล ณ วันที่ 31 ธันวาคม 2567".
    pub title_lines: Vec<String>,
    /// Columns with header text, in column order.
    pub columns: Vec<Column>,
    /// Candidate data rows.
    pub rows: Vec<Row>,
    /// Rows from the header down to the last non-blank row: the candidate
    /// rows plus the skipped ones.
    pub rows_read: usize,
    /// Rows below the header that are not records.
    pub skipped: Vec<SkippedRow>,
    /// Problems with the sheet or a whole column, such as a required column
    /// that is missing.
    pub problems: Vec<Problem>,
    /// Columns with formulas whose results were not saved.
    pub formula_columns: Vec<FormulaColumn>,
}

impl Table {
    /// Returns the column that field `key` is read from.
    pub fn column_of(&self, key: &str) -> Option<&Column> {
        self.columns.iter().find(|column| column.field == Some(key))
    }

    /// Checks whether field `key` was found in the header.
    pub fn has_field(&self, key: &str) -> bool {
        self.column_of(key).is_some()
    }

    /// Builds a problem about field `key` in `row`, with the sheet, row
    /// number, column letter and the row's value of the field filled in.
    pub fn problem(
        &self,
        row: &Row,
        key: &str,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            sheet: self.sheet.clone(),
            row: Some(row.number),
            column: self.column_of(key).map(|column| column.letter.clone()),
            value: row.get(key).map(|value| value.to_text().into_owned()),
            code,
            message: message.into(),
            severity,
            params: Vec::new(),
        }
    }

    /// Fills field `key` in the rows whose cell has a formula without a
    /// saved result, with what `compute` returns for the row (for example
    /// weight × price). Returns the number of rows filled. When every such
    /// row is filled, the column's `formula_without_value` or
    /// `formula_values_left_empty` problem is removed.
    pub fn fill_formula_column(
        &mut self,
        key: &str,
        mut compute: impl FnMut(&Row) -> Option<Value>,
    ) -> usize {
        let Some(field) = self
            .formula_columns
            .iter()
            .find(|f| f.field == key)
            .map(|f| f.field)
        else {
            return 0;
        };
        let mut filled = 0;
        let mut left = 0;
        for row in self
            .rows
            .iter_mut()
            .filter(|row| row.formula(field).is_some())
        {
            match compute(row) {
                Some(value) => {
                    row.set(field, value);
                    filled += 1;
                }
                None => left += 1,
            }
        }
        if left == 0 {
            let letter = self.column_of(field).map(|column| column.letter.clone());
            self.problems.retain(|p| {
                let about_formulas =
                    p.code == FORMULA_WITHOUT_VALUE || p.code == FORMULA_VALUES_LEFT_EMPTY;
                !(about_formulas && p.column == letter)
            });
        }
        filled
    }
}

const FORMULA_WITHOUT_VALUE: &str = "formula_without_value";
const FORMULA_VALUES_LEFT_EMPTY: &str = "formula_values_left_empty";

/// Position of the table: its header and the field of each column.
pub(crate) struct Layout<'s> {
    pub schema: &'s Schema,
    pub header: Header,
    /// Field index by 0-based column, up to the last header column.
    pub field_of_col: Vec<Option<usize>>,
    /// Last 0-based column that belongs to the table.
    pub max_col: u32,
    /// Number of columns with a field.
    pub mapped_columns: usize,
}

impl<'s> Layout<'s> {
    pub(crate) fn new(schema: &'s Schema, header: Header) -> Layout<'s> {
        let last = header.last_col();
        let mut field_of_col = vec![None; last as usize + 1];
        for column in &header.columns {
            field_of_col[column.col as usize] = column.field;
        }
        let mapped_columns = field_of_col.iter().flatten().count();
        Layout {
            schema,
            field_of_col,
            max_col: last + COLUMN_MARGIN,
            mapped_columns,
            header,
        }
    }

    /// First 0-based row below the header.
    pub(crate) fn data_start(&self) -> u32 {
        self.header.row + self.header.height
    }
}

/// A grid turned into a table, with the cells whose formulas may lack a
/// saved result still to be looked up.
pub(crate) struct Draft {
    pub table: Table,
    /// (row index in `table.rows`, field index, 0-based row, 0-based column)
    /// of mapped cells stored without a value.
    pub empty_cells: Vec<(usize, usize, u32, u32)>,
    /// Whether a candidate row lacks a value in a column with a field, as
    /// the cells covered by a merged range do.
    pub has_gaps: bool,
}

/// Classifies the rows of `grid` below the header and types the cells of
/// the candidate rows.
pub(crate) fn build(grid: Grid, layout: &Layout<'_>, file: String, choice: String) -> Draft {
    let sheet = grid.name.clone();
    let title_lines = title_lines(&grid, layout);
    let mut builder = Builder::new(layout, &sheet, grid.context, grid.may_lack_formula_values);

    let mut grid = grid;
    let file_problems = std::mem::take(&mut grid.problems);
    let mut problems = missing_columns(layout, &sheet);
    problems.extend(hidden_columns(&grid, layout, &sheet));
    let hidden_rows = std::mem::take(&mut grid.hidden_rows);
    let struck_cells = std::mem::take(&mut grid.struck_cells);
    let has_filter = grid.has_filter;
    let data_start = layout.data_start();
    for cells in grid.cells.chunk_by_mut(|a, b| a.row == b.row) {
        if cells[0].row >= data_start {
            builder.add_row(cells, &title_lines);
        } else {
            builder.count_outside(cells);
        }
    }

    let columns = columns(layout);
    problems.extend(builder.outside_problem());
    mark_hidden_rows(&mut builder.rows, &hidden_rows, has_filter, &sheet);
    restore_leading_zeros(&mut builder.rows, &builder.numeric_codes, layout, &sheet);
    mark_struck_rows(&mut builder.rows, &struck_cells, layout, &sheet);
    for problem in file_problems {
        match builder.record_mut(problem.row) {
            Some(record) => record.problems.push(problem),
            None => problems.push(problem),
        }
    }
    let rows_read = builder.rows.len() + builder.skipped.len();
    let table = Table {
        file,
        sheet: sheet.clone(),
        sheet_choice: choice,
        header_row: layout.header.row + 1,
        header_height: layout.header.height,
        title_lines,
        columns,
        rows: builder.rows,
        rows_read,
        skipped: builder.skipped,
        problems,
        formula_columns: Vec::new(),
    };
    Draft {
        table,
        empty_cells: builder.empty_cells,
        has_gaps: builder.has_gaps,
    }
}

fn columns(layout: &Layout<'_>) -> Vec<Column> {
    let header_columns = layout.header.columns.iter();
    header_columns
        .map(|column| Column {
            index: column.col,
            letter: column_letter(column.col),
            header: column.text.clone(),
            field: column.field.map(|index| layout.schema.fields[index].key),
        })
        .collect()
}

fn title_lines(grid: &Grid, layout: &Layout<'_>) -> Vec<String> {
    grid.rows()
        .take_while(|cells| cells[0].row < layout.header.row)
        .map(|cells| text_row(cells, u32::MAX))
        .filter(|row| !row.cells.is_empty())
        .map(|row| {
            row.cells
                .iter()
                .map(|(_, text)| text.as_ref())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn missing_columns(layout: &Layout<'_>, sheet: &str) -> Vec<Problem> {
    let found: HashSet<usize> = layout
        .header
        .columns
        .iter()
        .filter_map(|c| c.field)
        .collect();
    layout
        .schema
        .fields
        .iter()
        .enumerate()
        .filter(|(index, field)| field.required && !found.contains(index))
        .map(|(_, field)| {
            let names = field.synonyms.iter().chain(field.exact_synonyms).take(3);
            let names = names.copied().collect::<Vec<_>>().join(", ");
            Problem {
                sheet: sheet.to_string(),
                row: Some(layout.header.row + 1),
                column: None,
                value: None,
                code: "missing_column",
                message: format!(
                    "no column for the required field {} (a header such as {names})",
                    field.key
                ),
                severity: Severity::Error,
                params: vec![("field", field.key.to_string())],
            }
        })
        .collect()
}

/// Warns about each column that the sheet hides but that is read for a
/// field, because no visible column has that field's name: it may be an
/// old copy that the office hid instead of deleting.
fn hidden_columns(grid: &Grid, layout: &Layout<'_>, sheet: &str) -> Vec<Problem> {
    let hidden = layout.header.columns.iter().filter(|column| {
        let field = column.field.map(|index| &layout.schema.fields[index]);
        let read = field.is_some_and(|field| field.kind != FieldKind::Ignored);
        read && grid.is_col_hidden(column.col)
    });
    hidden
        .map(|column| {
            let letter = column_letter(column.col);
            Problem {
                sheet: sheet.to_string(),
                row: Some(layout.header.row + 1),
                column: Some(letter.clone()),
                value: Some(column.text.clone()),
                code: HIDDEN_COLUMN_READ,
                message: format!(
                    "column {letter} “{}” is hidden in the sheet, but no visible column has \
                     that name, so its values were read; check that it is not an old copy, \
                     then unhide it or delete it in the file",
                    column.text
                ),
                severity: Severity::Warning,
                params: Vec::new(),
            }
        })
        .collect()
}

/// Checks whether a code cell contains a number, or text such as "12.0" that a
/// program wrote for a number.
fn is_number_like(raw: &RawValue) -> bool {
    match raw {
        RawValue::Number(_) => true,
        RawValue::Text(text) => crate::import::cell::whole_number_text(text.trim()).is_some(),
        _ => false,
    }
}

/// Gives back the leading zeros that a code typed into a number cell lost.
/// Excel stores 001 typed into a General cell as the number 1. When the
/// column's other codes are digits with leading zeros, all of one width
/// (001, 002), a shorter code from a number cell is padded to that width
/// and warned about. With no such codes, or codes of several widths, the
/// number is left as it is.
fn restore_leading_zeros(
    rows: &mut [Row],
    numeric_codes: &[(usize, usize)],
    layout: &Layout<'_>,
    sheet: &str,
) {
    let mut fields: Vec<usize> = numeric_codes.iter().map(|(_, field)| *field).collect();
    fields.sort_unstable();
    fields.dedup();
    for field in fields {
        let key = layout.schema.fields[field].key;
        let from_numbers: HashSet<usize> = numeric_codes
            .iter()
            .filter(|(_, f)| *f == field)
            .map(|(index, _)| *index)
            .collect();
        let is_padded = |text: &str| {
            text.len() >= 2 && text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit())
        };
        let mut padded = rows
            .iter()
            .enumerate()
            .filter(|(index, _)| !from_numbers.contains(index))
            .filter_map(|(_, row)| row.text(key).filter(|text| is_padded(text)));
        let Some(example) = padded.next().map(str::to_string) else {
            continue;
        };
        if padded.any(|text| text.len() != example.len()) {
            continue;
        }
        let letter = layout
            .header
            .columns
            .iter()
            .find(|column| column.field == Some(field))
            .map(|column| column_letter(column.col));
        for index in from_numbers {
            let row = &mut rows[index];
            let Some(text) = row.text(key).map(str::to_string) else {
                continue;
            };
            let digits = text.bytes().all(|b| b.is_ascii_digit());
            if !digits || text.len() >= example.len() {
                continue;
            }
            let restored = format!("{text:0>width$}", width = example.len());
            row.set(key, Value::Text(restored.clone()));
            let column = letter.as_deref().unwrap_or_default();
            row.problems.push(Problem {
                sheet: sheet.to_string(),
                row: Some(row.number),
                column: letter.clone(),
                value: Some(text.clone()),
                code: LEADING_ZEROS_RESTORED,
                message: format!(
                    "{text} in column {column} is a number, which loses leading zeros, and the \
                     column's other codes such as {example} have {} digits, so it was read as \
                     {restored}; format the column as text in the file and type the code again",
                    example.len()
                ),
                severity: Severity::Warning,
                params: Vec::new(),
            });
        }
    }
}

const LEADING_ZEROS_RESTORED: &str = "leading_zeros_restored";
const HIDDEN_COLUMN_READ: &str = "hidden_column_read";
const HIDDEN_ROW: &str = "hidden_row";
const STRUCK_THROUGH: &str = "struck_through";

/// Warns on each record in a row the sheet hides: hidden rows are often
/// old data that the office hid instead of deleting, and a filter hides
/// the rows it leaves out, but the reader reads them all.
fn mark_hidden_rows(rows: &mut [Row], hidden_rows: &[u32], has_filter: bool, sheet: &str) {
    for row in rows.iter_mut() {
        if hidden_rows.binary_search(&(row.number - 1)).is_err() {
            continue;
        }
        let message = if has_filter {
            format!(
                "row {} is hidden by the sheet's filter or by hand, and was read like the other \
                 rows; show all rows in the file to check it, and delete it there if it is old \
                 data",
                row.number
            )
        } else {
            format!(
                "row {} is hidden in the sheet, and was read like the other rows; unhide it in \
                 the file to check it, and delete it there if it is old data",
                row.number
            )
        };
        row.problems.push(Problem {
            sheet: sheet.to_string(),
            row: Some(row.number),
            column: None,
            value: None,
            code: HIDDEN_ROW,
            message,
            severity: Severity::Warning,
            params: Vec::new(),
        });
    }
}

/// Rejects each record with a cell in the table struck through: Thai
/// offices strike an entry through to cancel it and keep it readable, so
/// importing it would count a cancelled member or payment.
fn mark_struck_rows(
    rows: &mut [Row],
    struck_cells: &[(u32, u32)],
    layout: &Layout<'_>,
    sheet: &str,
) {
    let in_table = struck_cells
        .iter()
        .filter(|(_, col)| *col <= layout.max_col);
    for cells in in_table
        .copied()
        .collect::<Vec<_>>()
        .chunk_by(|a, b| a.0 == b.0)
    {
        let number = cells[0].0 + 1;
        let Ok(index) = rows.binary_search_by_key(&number, |row| row.number) else {
            continue;
        };
        let letters: Vec<String> = cells.iter().map(|(_, col)| column_letter(*col)).collect();
        let cell_names: Vec<String> = letters.iter().map(|l| format!("{l}{number}")).collect();
        rows[index].problems.push(Problem {
            sheet: sheet.to_string(),
            row: Some(number),
            column: letters.first().cloned(),
            value: None,
            code: STRUCK_THROUGH,
            message: format!(
                "{} struck through, which marks a cancelled entry, so the row was not \
                 imported; delete the row in the file, or remove the strikethrough if the entry \
                 is valid",
                if cell_names.len() == 1 {
                    format!("cell {} is", cell_names[0])
                } else {
                    format!("cells {} are", cell_names.join(", "))
                }
            ),
            severity: Severity::Error,
            params: Vec::new(),
        });
    }
}

struct Builder<'a> {
    layout: &'a Layout<'a>,
    sheet: &'a str,
    context: crate::import::cell::CellContext,
    track_empty: bool,
    rows: Vec<Row>,
    skipped: Vec<SkippedRow>,
    empty_cells: Vec<(usize, usize, u32, u32)>,
    has_gaps: bool,
    /// (record index, field index) of code fields read from a number cell,
    /// which may have lost leading zeros.
    numeric_codes: Vec<(usize, usize)>,
    /// Last 0-based row seen that was not blank, to count the blank rows
    /// between it and the next.
    previous_row: Option<u32>,
    outside: usize,
    first_outside: Option<(u32, u32)>,
}

impl<'a> Builder<'a> {
    fn new(
        layout: &'a Layout<'a>,
        sheet: &'a str,
        context: crate::import::cell::CellContext,
        track_empty: bool,
    ) -> Builder<'a> {
        Builder {
            layout,
            sheet,
            context,
            track_empty,
            rows: Vec::new(),
            skipped: Vec::new(),
            empty_cells: Vec::new(),
            has_gaps: false,
            numeric_codes: Vec::new(),
            previous_row: None,
            outside: 0,
            first_outside: None,
        }
    }

    /// Counts the non-blank cells right of the table; returns whether any
    /// non-blank cell is inside it.
    fn count_outside(&mut self, cells: &[RawCell]) -> bool {
        let mut any_inside = false;
        for cell in cells.iter().filter(|cell| !cell.value.is_blank()) {
            if cell.col <= self.layout.max_col {
                any_inside = true;
            } else {
                self.outside += 1;
                self.first_outside.get_or_insert((cell.row, cell.col));
            }
        }
        any_inside
    }

    fn add_row(&mut self, cells: &mut [RawCell], title_lines: &[String]) {
        let row = cells[0].row;
        if !self.count_outside(cells) || self.only_running_numbers(cells) {
            return;
        }
        self.skip_blank_rows_before(row);
        if let Some(reason) = self.skip_reason(&text_cells(cells, self.layout.max_col), title_lines)
        {
            self.skipped.push(SkippedRow {
                row: row + 1,
                reason,
            });
            return;
        }
        self.add_record(cells);
    }

    /// Checks whether the row's only values are numbers in columns whose
    /// field is ignored, as in a row an office numbered in advance (ลำดับ)
    /// but left empty: such a row is blank.
    fn only_running_numbers(&self, cells: &[RawCell]) -> bool {
        let schema = self.layout.schema;
        cells
            .iter()
            .filter(|cell| cell.col <= self.layout.max_col && !cell.value.is_blank())
            .all(|cell| {
                let field = self.layout.field_of_col.get(cell.col as usize).copied();
                let kind = field.flatten().map(|index| schema.fields[index].kind);
                let number = match &cell.value {
                    RawValue::Number(_) => true,
                    RawValue::Text(text) => crate::import::cell::parse_integer(text).is_ok(),
                    _ => false,
                };
                kind == Some(FieldKind::Ignored) && number
            })
    }

    fn skip_blank_rows_before(&mut self, row: u32) {
        let first_blank = self
            .previous_row
            .map_or(self.layout.data_start(), |prev| prev + 1);
        for blank in first_blank..row {
            self.skipped.push(SkippedRow {
                row: blank + 1,
                reason: SkipReason::Blank,
            });
        }
        self.previous_row = Some(row);
    }

    fn skip_reason(&self, text: &TextRow<'_>, title_lines: &[String]) -> Option<SkipReason> {
        if self.layout.header.is_repeated_by(text) {
            return Some(SkipReason::RepeatedHeader);
        }
        if !title_lines.is_empty() && text.cells.len() <= 3 {
            let joined: Vec<&str> = text.cells.iter().map(|(_, t)| t.as_ref()).collect();
            if title_lines.contains(&joined.join(" ")) {
                return Some(SkipReason::RepeatedHeader);
            }
        }
        is_total_row(text).then_some(SkipReason::Total)
    }

    fn add_record(&mut self, cells: &mut [RawCell]) {
        let number = cells[0].row + 1;
        let mut record = Row {
            number,
            values: Vec::with_capacity(self.layout.header.columns.len()),
            formulas: Vec::new(),
            problems: Vec::new(),
        };
        let mut filled = 0;
        for cell in cells.iter_mut() {
            let field = self
                .layout
                .field_of_col
                .get(cell.col as usize)
                .copied()
                .flatten();
            let Some(field) = field else { continue };
            if !cell.value.is_blank() {
                filled += 1;
            }
            if self.track_empty && cell.value == RawValue::Empty {
                self.empty_cells
                    .push((self.rows.len(), field, cell.row, cell.col));
                continue;
            }
            let spec = &self.layout.schema.fields[field];
            let raw = std::mem::replace(&mut cell.value, RawValue::Empty);
            if spec.kind == FieldKind::Code && is_number_like(&raw) {
                self.numeric_codes.push((self.rows.len(), field));
            }
            let Converted { value, problem } = convert(raw, spec.kind, self.context);
            if let Some(value) = value {
                record.values.push((spec.key, value));
            }
            if let Some(problem) = problem {
                record.problems.push(Problem {
                    sheet: self.sheet.to_string(),
                    row: Some(number),
                    column: Some(column_letter(cell.col)),
                    value: Some(problem.value),
                    code: problem.code,
                    message: problem.message,
                    severity: problem.severity,
                    params: Vec::new(),
                });
            }
        }
        self.has_gaps |= filled < self.layout.mapped_columns;
        self.rows.push(record);
    }

    /// Returns the candidate record with the sheet's 1-based row `number`.
    fn record_mut(&mut self, number: Option<u32>) -> Option<&mut Row> {
        let number = number?;
        let index = self
            .rows
            .binary_search_by_key(&number, |row| row.number)
            .ok()?;
        self.rows.get_mut(index)
    }

    fn outside_problem(&self) -> Option<Problem> {
        let (row, col) = self.first_outside?;
        let cell = format!("{}{}", column_letter(col), row + 1);
        Some(Problem {
            sheet: self.sheet.to_string(),
            row: None,
            column: None,
            value: None,
            code: "cells_outside_table",
            message: format!(
                "{} cells right of the table were ignored, the first at {cell}",
                self.outside
            ),
            severity: Severity::Warning,
            params: Vec::new(),
        })
    }
}

/// Labels that start a total row, as header keys.
const TOTAL_PREFIXES: [&str; 16] = [
    "รวมทั้งสิ้น",
    "รวมทั้งหมด",
    "ยอดรวม",
    "รวมยอด",
    "รวมโซน",
    "รวมหมู่",
    "รวมชุมชน",
    "รวมเงิน",
    "รวมหุ้น",
    "รวมจำนวน",
    "รวมหน้า",
    "รวมทุก",
    "grandtotal",
    "subtotal",
    "total",
    "sum",
];

/// Checks whether `text` labels a total or subtotal: "รวม", "รวม 1", "รวมโซน 1",
/// "รวมทั้งสิ้น", "ยอดรวม", "Total". A name that merely starts with "รวม"
/// is not one.
pub(crate) fn is_total_label(text: &str) -> bool {
    let key = header_key(text);
    let after_รวม = key.strip_prefix("รวม");
    after_รวม.is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        || TOTAL_PREFIXES.iter().any(|prefix| key.starts_with(prefix))
}

/// Checks for a total row: a total label and at most one other text cell,
/// because its other cells are numbers or sums.
fn is_total_row(row: &TextRow<'_>) -> bool {
    let may_be_label = |text: &str| {
        let mut windows = text.as_bytes().windows(3);
        let english = |w: &[u8]| w.eq_ignore_ascii_case(b"tot") || w.eq_ignore_ascii_case(b"sum");
        text.contains("รวม") || windows.any(english)
    };
    let labelled = row
        .cells
        .iter()
        .any(|(_, text)| may_be_label(text) && is_total_label(text));
    let is_number = |text: &str| crate::import::cell::parse_money(text).is_ok();
    labelled
        && row
            .cells
            .iter()
            .filter(|(_, text)| !is_number(text))
            .count()
            <= 2
}

/// Collects the cleaned text cells of a row up to `max_col`. Numbers are left
/// out because they play no part in telling headers, titles and totals apart.
fn text_cells(cells: &[RawCell], max_col: u32) -> TextRow<'_> {
    let texts = cells
        .iter()
        .filter(|cell| cell.col <= max_col)
        .filter_map(|cell| {
            let text = cell.value.text()?;
            (!text.is_empty()).then_some((cell.col, text))
        });
    TextRow {
        row: cells[0].row,
        cells: texts.collect(),
    }
}

/// Looks up the formulas of mapped cells stored without a value, reports
/// each column that has such formulas once, fills the cells covered by
/// merged ranges in the data rows, and then reports required fields left
/// empty.
pub(crate) fn finish(
    draft: Draft,
    layout: &Layout<'_>,
    formulas: &HashMap<(u32, u32), String>,
    merged: &[MergedRange],
) -> Table {
    let mut table = draft.table;
    let mut by_field: HashMap<usize, (u32, String, usize)> = HashMap::new();
    for (index, field, row, col) in &draft.empty_cells {
        let Some(formula) = formulas.get(&(*row, *col)) else {
            continue;
        };
        let key = layout.schema.fields[*field].key;
        table.rows[*index].formulas.push((key, formula.clone()));
        let entry = by_field.entry(*field).or_insert((*col, formula.clone(), 0));
        entry.2 += 1;
    }
    let mut formula_fields: Vec<_> = by_field.into_iter().collect();
    formula_fields.sort_by_key(|(_, (col, _, _))| *col);
    for (field, (col, example, rows)) in formula_fields {
        let key = layout.schema.fields[field].key;
        let header = table
            .column_of(key)
            .map(|c| c.header.clone())
            .unwrap_or_default();
        let letter = column_letter(col);
        // A column the import can do without is read as empty, so that a
        // note or an optional figure does not keep every row out.
        let (code, severity, outcome) = if layout.schema.fields[field].required {
            (FORMULA_WITHOUT_VALUE, Severity::Error, "")
        } else {
            (
                FORMULA_VALUES_LEFT_EMPTY,
                Severity::Warning,
                ", so its values are left empty",
            )
        };
        table.problems.push(Problem {
            sheet: table.sheet.clone(),
            row: None,
            column: Some(letter.clone()),
            value: Some(format!("={example}")),
            code,
            message: format!(
                "column {letter} ({header}) has formulas such as ={example} whose results were \
                 not saved in {}{outcome}; open the file in Excel or LibreOffice and save it \
                 again",
                if rows == 1 {
                    "1 row".to_string()
                } else {
                    format!("{rows} rows")
                }
            ),
            severity,
            params: Vec::new(),
        });
        table.formula_columns.push(FormulaColumn {
            field: key,
            column: letter,
            header,
            example,
            rows,
        });
    }
    let data_start = layout.data_start();
    let data_ranges = merged.iter().filter(|range| range.first_row >= data_start);
    for range in data_ranges.clone() {
        skip_note_row(&mut table, layout, range);
    }
    for range in data_ranges {
        apply_merged_range(&mut table, layout, range);
    }
    report_missing_values(&mut table, layout);
    table
}

/// Minimum number of columns with a field that a merged range in one row
/// must cover to be a note rather than a record.
const NOTE_MIN_COLUMNS: usize = 3;

/// Skips the record in the row of `range` when it is a note: a range in one
/// row over at least [`NOTE_MIN_COLUMNS`] columns with fields, and no value
/// in the row outside the range's first column. Its problems, such as the
/// text not being a date, go with it, and one warning names it.
fn skip_note_row(table: &mut Table, layout: &Layout<'_>, range: &MergedRange) {
    let covered = (range.first_col..=range.last_col)
        .filter(|col| {
            let field = layout.field_of_col.get(*col as usize).copied().flatten();
            field.is_some()
        })
        .count();
    if range.first_row != range.last_row || covered < NOTE_MIN_COLUMNS {
        return;
    }
    let number = range.first_row + 1;
    let Ok(index) = table.rows.binary_search_by_key(&number, |row| row.number) else {
        return;
    };
    let first_field = layout
        .field_of_col
        .get(range.first_col as usize)
        .copied()
        .flatten()
        .map(|index| layout.schema.fields[index].key);
    let row = &table.rows[index];
    if row.values().any(|(key, _)| Some(key) != first_field) {
        return;
    }
    let letter = column_letter(range.first_col);
    let text = row
        .get(first_field.unwrap_or_default())
        .map(|value| value.to_text().into_owned());
    let problem_value = row
        .problems
        .iter()
        .find(|problem| problem.column.as_deref() == Some(letter.as_str()))
        .and_then(|problem| problem.value.clone());
    let text = text.or(problem_value);
    table.rows.remove(index);
    let at = table
        .skipped
        .partition_point(|skipped| skipped.row < number);
    let reason = SkipReason::Note;
    table.skipped.insert(
        at,
        SkippedRow {
            row: number,
            reason,
        },
    );
    table.problems.push(Problem {
        sheet: table.sheet.clone(),
        row: Some(number),
        column: Some(letter),
        value: text.clone(),
        code: NOTE_ROW_SKIPPED,
        message: format!(
            "row {number} is a note merged across the table in {}{}, so it was skipped; if \
             it is a record, unmerge its cells in the file and fill them in",
            range.a1(),
            text.map(|text| format!(" (“{text}”)")).unwrap_or_default()
        ),
        severity: Severity::Warning,
        params: Vec::new(),
    });
}

const NOTE_ROW_SKIPPED: &str = "note_row_skipped";
const MERGED_VALUE_COPIED: &str = "merged_value_copied";
const MERGED_CELL_COVERED: &str = "merged_cell_covered";

/// Reads a merged range in the data rows the way the sheet shows it.
///
/// Down its first column, the value belongs to every row the range spans:
/// a last name typed once for a family, or a join date for a group, is
/// each member's. A copied number (shares, money) also gets a
/// `merged_value_copied` warning, because a merged number may instead be
/// one total for the rows. A cell the file stores under the merge keeps
/// its own value. Columns right of the first get no value, because the one
/// value cannot be split between fields. Instead each row with such a
/// column of a field gets one `merged_cell_covered` warning.
fn apply_merged_range(table: &mut Table, layout: &Layout<'_>, range: &MergedRange) {
    let start = table
        .rows
        .partition_point(|row| row.number <= range.first_row);
    let end = table
        .rows
        .partition_point(|row| row.number <= range.last_row + 1);
    if start == end {
        return;
    }
    let field_at = |col: u32| {
        let field = layout.field_of_col.get(col as usize).copied().flatten();
        field
            .map(|index| &layout.schema.fields[index])
            .filter(|spec| spec.kind != FieldKind::Ignored)
    };
    let sheet = table.sheet.clone();
    let rows = &mut table.rows[start..end];
    if let Some(spec) = field_at(range.first_col) {
        copy_down(rows, &sheet, range, spec.key, spec.kind);
    }
    let covered: Vec<(u32, &'static str)> = (range.first_col + 1..=range.last_col)
        .filter_map(|col| field_at(col).map(|spec| (col, spec.key)))
        .collect();
    for row in rows.iter_mut() {
        let empty: Vec<&(u32, &str)> = covered
            .iter()
            .filter(|(_, key)| row.get(key).is_none())
            .collect();
        let Some((first_col, _)) = empty.first() else {
            continue;
        };
        let columns: Vec<String> = empty
            .iter()
            .map(|(col, key)| format!("{} ({key})", column_letter(*col)))
            .collect();
        row.problems.push(Problem {
            sheet: sheet.clone(),
            row: Some(row.number),
            column: Some(column_letter(*first_col)),
            value: None,
            code: MERGED_CELL_COVERED,
            message: format!(
                "the merged cell {} covers {} of this row, which get no value because the \
                 merged value is read only for column {}; unmerge the cells in the file and fill \
                 them in",
                range.a1(),
                columns.join(", "),
                column_letter(range.first_col)
            ),
            severity: Severity::Warning,
            params: Vec::new(),
        });
    }
}

/// Copies the value (or the problem) of a merged range's top-left cell to
/// the rows below it that the range spans.
fn copy_down(
    rows: &mut [Row],
    sheet: &str,
    range: &MergedRange,
    key: &'static str,
    kind: FieldKind,
) {
    let letter = column_letter(range.first_col);
    let Some(source) = rows.iter().find(|row| row.number == range.first_row + 1) else {
        return;
    };
    let value = source.get(key).cloned();
    let problems: Vec<Problem> = source
        .problems
        .iter()
        .filter(|problem| problem.column.as_deref() == Some(letter.as_str()))
        .cloned()
        .collect();
    let number = matches!(
        kind,
        FieldKind::Integer | FieldKind::Money | FieldKind::Decimal { .. }
    );
    for row in rows
        .iter_mut()
        .filter(|row| row.number > range.first_row + 1)
    {
        let reported = row
            .problems
            .iter()
            .any(|p| p.column.as_ref() == Some(&letter));
        if row.get(key).is_some() || reported {
            continue;
        }
        for problem in &problems {
            row.problems.push(Problem {
                row: Some(row.number),
                ..problem.clone()
            });
        }
        let Some(value) = &value else { continue };
        row.set(key, value.clone());
        if number {
            let shown = value.to_text();
            row.problems.push(Problem {
                sheet: sheet.to_string(),
                row: Some(row.number),
                column: Some(letter.clone()),
                value: Some(shown.to_string()),
                code: MERGED_VALUE_COPIED,
                message: format!(
                    "{} is one merged cell, so its value {shown} was read for each of rows {} \
                     to {}; check that it is not one total for those rows",
                    range.a1(),
                    range.first_row + 1,
                    range.last_row + 1
                ),
                severity: Severity::Warning,
                params: Vec::new(),
            });
        }
    }
}

fn report_missing_values(table: &mut Table, layout: &Layout<'_>) {
    let required: Vec<(usize, &'static str)> = layout
        .schema
        .fields
        .iter()
        .enumerate()
        .filter(|(_, field)| field.required && field.kind != FieldKind::Ignored)
        .map(|(index, field)| (index, field.key))
        .filter(|(_, key)| table.has_field(key))
        .collect();
    let sheet = table.sheet.clone();
    let columns: Vec<(Option<String>, String)> = required
        .iter()
        .map(|(_, key)| match table.column_of(key) {
            Some(column) => (Some(column.letter.clone()), column.header.clone()),
            None => (None, key.to_string()),
        })
        .collect();
    for row in &mut table.rows {
        for ((_, key), (letter, header)) in required.iter().zip(&columns) {
            let reported = row.problems.iter().any(|p| p.column == *letter);
            if row.get(key).is_some() || row.formula(key).is_some() || reported {
                continue;
            }
            let column = letter.as_deref().unwrap_or("");
            row.problems.push(Problem {
                sheet: sheet.clone(),
                row: Some(row.number),
                column: letter.clone(),
                value: None,
                code: "missing_value",
                message: format!("column {column} “{header}” is empty, and every row needs it"),
                severity: Severity::Error,
                params: Vec::new(),
            });
        }
    }
}
