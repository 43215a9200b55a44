//! Legacy spreadsheet import: reading xlsx, xls, ods and csv files into
//! typed rows, then previewing and committing them into the registers.

pub mod address;
pub mod cell;
pub mod csv;
pub mod header;
pub mod ledger;
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
    #[error("cannot import {path}: {reason}; save it as .xlsx or .csv and try again")]
    UnsupportedFormat {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The sheet asked for is not in the file.
    #[error("sheet {sheet:?} not found in {path}; its sheets are {available:?}")]
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
        sheet.as_ref().map(|s| format!(" (sheet {s:?})")).unwrap_or_default()
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
