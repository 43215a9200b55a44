//! Chumchon's core: the registers of a community foundation's office
//! (communities, members, shares, dividends, the waste bank), their SQLite
//! storage, legacy spreadsheet import, Excel export and Thai PDF documents.
//!
//! The core knows nothing of the desktop shell. Functions that write take a
//! [`Context`] naming the operator and the current time, so that the audit
//! log, tests and period closing never depend on the system clock.

pub mod audit;
pub mod context;
pub mod db;
pub mod demo;
pub mod dividends;
pub mod documents;
pub mod error;
pub mod exchange;
pub mod export;
pub mod fund;
pub mod import;
pub mod members;
pub mod money;
pub mod pdf;
pub mod places;
pub mod shares;
pub mod thai;
pub mod waste;

#[cfg(test)]
mod test_support;

pub use context::Context;
pub use error::{Error, Result};
pub use money::Satang;
