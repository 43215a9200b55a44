//! Helpers shared by the unit tests.

use chrono::NaiveDate;

use crate::Context;

/// A context for operator "test" at a fixed time.
pub fn context() -> Context {
    let now = NaiveDate::from_ymd_opt(2025, 1, 15).and_then(|d| d.and_hms_opt(9, 30, 0));
    Context::new("test", now.expect("valid fixed time"))
}

/// Builds a date, panicking on an invalid one: for literals in tests.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}
