//! The crate's error type. Each variant has a stable [`Error::code`] that
//! the desktop UI translates; messages are English, lowercase, without a
//! trailing period.

use std::path::PathBuf;

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A database operation failed.
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),

    /// Reading or writing a file failed.
    #[error("cannot access {path}: {source}")]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },

    /// An output file already exists and would be overwritten.
    #[error("{path} already exists; choose another file name")]
    FileExists {
        /// The existing file.
        path: PathBuf,
    },

    /// The database was written by a newer version of Chumchon.
    #[error(
        "this database has schema version {found}, but this Chumchon supports up to \
         {supported}; install a newer Chumchon to open it"
    )]
    DatabaseTooNew {
        /// Schema version found in the file.
        found: i64,
        /// Latest schema version this build knows.
        supported: i64,
    },

    /// A record that was asked for does not exist.
    #[error("{what} {key} not found")]
    NotFound {
        /// Kind of record, such as "member".
        what: &'static str,
        /// The number or name that was looked up.
        key: String,
    },

    /// Input that breaks a rule of the registers, such as a withdrawal that
    /// would make a share balance negative.
    #[error("{message}")]
    Rule {
        /// Stable identifier of the rule, such as `share_balance_negative`.
        code: &'static str,
        /// English description with the values involved.
        message: String,
    },

    /// Importing a spreadsheet failed as a whole (not a problem in one row).
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),

    /// Writing a PDF failed.
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),

    /// Writing an Excel file failed.
    #[error("cannot write the Excel file: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    /// A date typed by the user, such as a command's option, is invalid or
    /// does not exist.
    #[error(transparent)]
    Date(#[from] crate::thai::date::DateError),
}

impl Error {
    /// Creates a [`Error::Rule`] error.
    pub fn rule(code: &'static str, message: impl Into<String>) -> Error {
        Error::Rule {
            code,
            message: message.into(),
        }
    }

    /// A stable identifier for the kind of error, for the UI to translate.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Sqlite(error) if is_busy(error) => "database_busy",
            Error::Sqlite(error)
                if error.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) =>
            {
                "database_read_only"
            }
            Error::Sqlite(_) => "database",
            Error::Io { .. } => "io",
            Error::FileExists { .. } => "file_exists",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::NotFound { .. } => "not_found",
            Error::Rule { code, .. } => code,
            Error::Import(error) => error.code(),
            Error::Pdf(_) => "pdf",
            Error::Xlsx(_) => "xlsx",
            Error::Date(crate::thai::date::DateError::Nonexistent { .. }) => "nonexistent_date",
            Error::Date(_) => "invalid_date",
        }
    }
}

/// Checks whether SQLite gave up waiting for another connection's lock,
/// after the busy timeout set when the database was opened.
fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn sqlite_message(error: &rusqlite::Error) -> String {
    if is_busy(error) {
        "another Chumchon window or program is writing to this database; wait until it \
         finishes or close it, then try again"
            .to_string()
    } else if error.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
        "the database file is read-only, so nothing can be saved in it; copy it to a folder \
         you can write to, or allow writing to it, and open it again"
            .to_string()
    } else {
        format!("database error: {error}")
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Error {
        Error::rule("json", error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_database_says_who_to_wait_for() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|source| Error::Io {
            path: PathBuf::from("temp dir"),
            source,
        })?;
        let path = dir.path().join("locked.db");
        let holder = rusqlite::Connection::open(&path)?;
        holder.execute_batch("CREATE TABLE t (a); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")?;
        let waiter = rusqlite::Connection::open(&path)?;
        waiter.busy_timeout(std::time::Duration::ZERO)?;

        let error = Error::from(
            waiter
                .execute_batch("BEGIN IMMEDIATE")
                .expect_err("the holder keeps the write lock"),
        );

        assert_eq!(error.code(), "database_busy");
        assert!(
            error.to_string().contains("another Chumchon window"),
            "{error}"
        );
        Ok(())
    }
}
