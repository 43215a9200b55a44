//! Thai PDF documents: dividend slips and member share statements.

/// A failure while laying out or writing a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Writing the file failed.
    #[error("cannot write {path}: {message}")]
    Write {
        /// The output file.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
}
