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
}

impl Context {
    /// Creates a context for `operator` at `now`.
    pub fn new(operator: impl Into<String>, now: NaiveDateTime) -> Context {
        Context { operator: operator.into(), now }
    }

    /// The calendar date of the change.
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}
