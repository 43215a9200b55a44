//! The import report: what was read, what was imported, and every problem
//! with the sheet, row, column and raw value where it was found.

use serde::Serialize;

use crate::import::session::ChangedRow;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row is kept out of the import.
    Error,
    /// The row is imported and flagged.
    Warning,
}

/// One problem found in a file.
///
/// `code` is a stable identifier that the app translates into Thai;
/// `message` is English text with the values involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Sheet name; for CSV, the file name.
    pub sheet: String,
    /// The sheet's own 1-based row number, or `None` for a whole-file or
    /// whole-column problem.
    pub row: Option<u32>,
    /// Column letter ("A", "AB"), or `None` for a whole-row problem.
    pub column: Option<String>,
    /// The raw cell value as text.
    pub value: Option<String>,
    /// Stable identifier, such as `national_id_check_digit`.
    pub code: &'static str,
    /// English description.
    pub message: String,
    /// Error or warning.
    #[serde(skip)]
    pub severity: Severity,
    /// Values for the app's translated message, such as the member who
    /// already holds a national ID. Not part of the CLI's JSON.
    #[serde(skip)]
    pub params: Vec<(&'static str, String)>,
}

impl Problem {
    /// Adds a value for the translated message.
    pub fn with(mut self, key: &'static str, value: impl ToString) -> Problem {
        self.params.push((key, value.to_string()));
        self
    }
}

/// The result of an import or a dry run, in the shape the CLI prints with
/// `--json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// File name as given.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// Rows below the header.
    pub rows_read: usize,
    /// Records imported (or that would be, on a dry run).
    pub imported: usize,
    /// Records imported before whose accepted changes were written. Left
    /// out of the JSON when zero, like `held_back` when empty.
    #[serde(skip_serializing_if = "is_zero")]
    pub updated: usize,
    /// Records found already imported, or matching what is recorded, so
    /// there was nothing to write. Left out of the JSON when zero.
    #[serde(skip_serializing_if = "is_zero")]
    pub unchanged: usize,
    /// Balances brought forward (ยกมา) that were compared with the
    /// recorded entries and not posted, because those entries already make
    /// them up. Left out of the JSON when zero.
    #[serde(skip_serializing_if = "is_zero")]
    pub checked: usize,
    /// Rows that are not records: blank, total and subtotal rows, repeated
    /// headers.
    pub skipped: usize,
    /// Whether the import was written to the database.
    pub committed: bool,
    /// Problems that kept a row out.
    pub errors: Vec<Problem>,
    /// Problems in rows that were imported and flagged.
    pub warnings: Vec<Problem>,
    /// Rows imported before that now read differently and were not
    /// written, each with its changed fields: accepting the changes writes
    /// them. Left out of the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub held_back: Vec<ChangedRow>,
}

impl ImportReport {
    /// Lists the changed rows that were not written as held back, and
    /// counts the ones that were as updated.
    pub fn hold_back(&mut self, changed: &[ChangedRow]) {
        self.held_back = changed.iter().filter(|row| !row.applied).cloned().collect();
        self.updated = changed.iter().filter(|row| row.applied).count();
    }
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// Converts a 0-based column index to its spreadsheet letter.
///
/// ```
/// use chumchon::import::report::column_letter;
/// assert_eq!(column_letter(0), "A");
/// assert_eq!(column_letter(27), "AB");
/// assert_eq!(column_letter(16383), "XFD");
/// ```
pub fn column_letter(index: u32) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}
