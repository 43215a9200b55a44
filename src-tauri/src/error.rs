//! The one error type that crosses the IPC boundary.
//!
//! It serializes as `{code, message, details}`. `code` is the core's
//! [`chumchon::Error::code`] (or one of the shell's own codes below); the UI
//! switches on it and shows its own translated text. `message` is English,
//! for logs and bug reports. `details` holds the values the translated text
//! names, such as the file path.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    /// Stable identifier of the kind of error.
    pub code: String,
    /// English description with the values involved.
    pub message: String,
    /// Values for the translated message, keyed by name (`path`, `found`).
    pub details: BTreeMap<String, String>,
}

/// Result of a command.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// Creates an error with a shell-specific `code` and no details.
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError {
            code: code.to_string(),
            message: message.into(),
            details: BTreeMap::new(),
        }
    }

    /// Adds one detail value.
    pub fn with(mut self, key: &str, value: impl ToString) -> AppError {
        self.details.insert(key.to_string(), value.to_string());
        self
    }

    /// Adds the `path` detail.
    pub fn with_path(self, path: &Path) -> AppError {
        self.with("path", path.display())
    }

    /// An error for a feature whose core function is not written yet.
    pub fn unavailable(feature: &str) -> AppError {
        AppError::new(
            "unavailable",
            format!("{feature} is not available in this version"),
        )
        .with("feature", feature)
    }
}

impl From<chumchon::Error> for AppError {
    fn from(error: chumchon::Error) -> AppError {
        let base = AppError::new(error.code(), error.to_string());
        match &error {
            chumchon::Error::Io { path, .. } | chumchon::Error::FileExists { path } => {
                base.with_path(path)
            }
            chumchon::Error::DatabaseTooNew { found, supported } => {
                base.with("found", found).with("supported", supported)
            }
            chumchon::Error::NotFound { what, key } => base.with("what", what).with("key", key),
            chumchon::Error::Date(date) => AppError::from(date.clone()),
            _ => base,
        }
    }
}

impl From<chumchon::thai::date::DateError> for AppError {
    fn from(error: chumchon::thai::date::DateError) -> AppError {
        use chumchon::thai::date::DateError;
        let (code, text) = match &error {
            DateError::InvalidFormat { text } | DateError::UnknownMonth { text, .. } => {
                ("invalid_date", text)
            }
            DateError::Nonexistent { text, .. } => ("nonexistent_date", text),
        };
        AppError::new(code, error.to_string()).with("text", text)
    }
}

impl From<tauri::Error> for AppError {
    fn from(error: tauri::Error) -> AppError {
        AppError::new("shell", error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_error_keeps_code_and_path() {
        let error = chumchon::Error::FileExists {
            path: "/tmp/slips.pdf".into(),
        };

        let app = AppError::from(error);

        assert_eq!(app.code, "file_exists", "code should be the core's");
        assert_eq!(
            app.details.get("path").map(String::as_str),
            Some("/tmp/slips.pdf"),
            "details should carry the path"
        );
    }

    #[test]
    fn date_error_keeps_typed_text() {
        let error = chumchon::thai::date::parse_be_text("31/04/2567").err();

        let app = error.map(AppError::from);

        assert_eq!(
            app.as_ref().map(|e| e.code.as_str()),
            Some("nonexistent_date"),
            "April has 30 days"
        );
        assert_eq!(
            app.as_ref()
                .and_then(|e| e.details.get("text"))
                .map(String::as_str),
            Some("31/04/2567"),
            "details should carry the text as typed"
        );
    }

    #[test]
    fn core_date_error_keeps_typed_text() {
        let error = chumchon::thai::date::parse_be_text("31/04/2567").err();

        let app = error.map(|date| AppError::from(chumchon::Error::from(date)));

        assert_eq!(
            app.as_ref().map(|e| e.code.as_str()),
            Some("nonexistent_date"),
            "the core error keeps the date error's code"
        );
        assert_eq!(
            app.as_ref()
                .and_then(|e| e.details.get("text"))
                .map(String::as_str),
            Some("31/04/2567"),
            "and its text"
        );
    }

    #[test]
    fn error_serializes_as_code_message_details() -> Result<(), serde_json::Error> {
        let app = AppError::new("io", "cannot access x").with("path", "x");

        let json = serde_json::to_value(&app)?;

        assert_eq!(json["code"], "io", "code field");
        assert_eq!(json["message"], "cannot access x", "message field");
        assert_eq!(json["details"]["path"], "x", "details field");
        Ok(())
    }
}
