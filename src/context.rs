//! The operator and clock under which a write happens.

use chrono::{NaiveDate, NaiveDateTime};

/// Who is making a change and when, passed to every function that writes.
///
/// The core never reads the system clock itself; the CLI and the desktop
/// shell build a `Context` from it, and tests build one with a fixed time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// Name of the operator, as recorded in the audit log.
    pub operator: String,
    /// Local date and time of the change.
    pub now: NaiveDateTime,
    /// `now` as stored, formatted once because an import stamps every row.
    timestamp: String,
}

impl Context {
    /// Creates a context for `operator` at `now`.
    pub fn new(operator: impl Into<String>, now: NaiveDateTime) -> Context {
        let timestamp = now.format("%Y-%m-%dT%H:%M:%S").to_string();
        Context {
            operator: operator.into(),
            now,
            timestamp,
        }
    }

    /// The calendar date of the change.
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// The time of the change as stored in the database, ISO 8601 without
    /// a zone: "2025-01-15T09:30:00".
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }
}
