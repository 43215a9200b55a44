//! Legacy spreadsheet import: reading xlsx, xls, ods and csv files into
//! typed rows, then previewing and committing them into the registers.

pub mod report;

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
}

impl ImportError {
    /// A stable identifier for the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable { .. } => "import_unreadable",
        }
    }
}
