//! Legacy spreadsheet import: reading xlsx, xls, ods and csv files into
//! typed rows, then previewing and committing them into the registers.

pub mod address;
pub mod cell;
pub mod csv;
pub mod deposits;
pub mod equipment;
pub mod header;
pub mod ledger;
pub mod loans;
pub mod members;
pub mod read;
pub mod report;
pub mod session;

pub use read::{file_sha256, list_sheets, read_table, Row, Schema, Table};

/// A failure that stops an import as a whole, as opposed to a problem in one
/// row, which the import report lists.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {message}")]
    Unreadable {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },

    /// The file is not a spreadsheet or CSV file the reader knows.
    #[error(
        "cannot import {path}: {reason}; open it in Excel or LibreOffice, save it as .xlsx or \
         .csv and import that file"
    )]
    UnsupportedFormat {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The file has no bytes at all.
    #[error(
        "cannot import {path}: the file is empty (0 bytes), so it is not a workbook or a CSV \
         file; choose the register again, or save it again from Excel"
    )]
    EmptyFile {
        /// The file.
        path: std::path::PathBuf,
    },

    /// The file is a workbook by its name or first bytes, but its content
    /// cannot be read as one: it is damaged, or another kind of file renamed.
    #[error(
        "cannot read {path}: the file is damaged or is not {expected}; open it in Excel or \
         LibreOffice and save it again"
    )]
    Damaged {
        /// The file.
        path: std::path::PathBuf,
        /// The kind of file its name promises, such as "an Excel workbook
        /// (.xlsx)".
        expected: String,
    },

    /// The workbook is encrypted with a password, which the reader cannot
    /// open.
    #[error(
        "cannot read {path}: the file is protected with a password; open it in Excel, remove \
         the password (File > Info > Protect Workbook), save it and import it again"
    )]
    PasswordProtected {
        /// The file.
        path: std::path::PathBuf,
    },

    /// The sheet asked for is not in the file.
    #[error(
        "sheet \"{sheet}\" not found in {path}; its sheets are {}",
        quoted_list(available)
    )]
    SheetNotFound {
        /// The file.
        path: std::path::PathBuf,
        /// The sheet asked for.
        sheet: String,
        /// Sheets the file has.
        available: Vec<String>,
    },

    /// No sheet has a header row that names the fields wanted.
    #[error(
        "no header row found in {}{}; the header should name columns such as {expected}",
        path.display(),
        sheet.as_ref().map(|s| format!(" (sheet \"{s}\")")).unwrap_or_default()
    )]
    HeaderNotFound {
        /// The file.
        path: std::path::PathBuf,
        /// The sheet searched, when one was asked for.
        sheet: Option<String>,
        /// Some column names of the schema.
        expected: String,
    },
}

impl ImportError {
    /// A stable identifier for the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable { .. } => "import_unreadable",
            ImportError::UnsupportedFormat { .. } => "import_unsupported_format",
            ImportError::EmptyFile { .. } => "import_empty_file",
            ImportError::Damaged { .. } => "import_damaged_file",
            ImportError::PasswordProtected { .. } => "import_password_protected",
            ImportError::SheetNotFound { .. } => "import_sheet_not_found",
            ImportError::HeaderNotFound { .. } => "import_header_not_found",
        }
    }

    /// Creates an [`ImportError::Unreadable`] for `path` from any error.
    pub(crate) fn unreadable(path: &std::path::Path, error: impl std::fmt::Display) -> ImportError {
        ImportError::Unreadable {
            path: path.to_path_buf(),
            message: error.to_string(),
        }
    }
}

/// Joins names in double quotes, as messages show them: `"a", "b"`. Debug
/// formatting would escape Thai tone marks.
fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
    quoted.join(", ")
}

/// Warns about a row's date that imports but looks mistyped, because it is
/// after `today` or before 2493 (1950). `record` names what the row
/// records, such as "the deposit", and `key` is the date's field.
pub(crate) fn implausible_date(
    table: &Table,
    row: &Row,
    key: &str,
    record: &str,
    date: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<report::Problem> {
    use chrono::Datelike;
    use report::Severity;

    let display_date = crate::thai::date::format_numeric(date);
    let problem = if date > today {
        let message = format!("{record} is dated {display_date}, after today; check the year");
        table.problem(row, key, "date_in_future", Severity::Warning, message)
    } else if date.year() < members::EARLIEST_JOIN_YEAR {
        let message = format!(
            "{record} is dated {display_date}, before 2493 (1950), which is unlikely; check the year"
        );
        table.problem(row, key, "date_long_ago", Severity::Warning, message)
    } else {
        return None;
    };
    Some(problem.with("date", display_date))
}
