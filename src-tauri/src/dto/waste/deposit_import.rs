//! Data shapes of the waste bank's deposit-log import: the request, with
//! the material the user chose for each unknown name, and the outcome.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::collection::MaterialGrams;
use crate::dto::import::Problem;

/// A material name of the log and the material code the user chose for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MaterialMapping {
    /// The name as written in the log.
    pub name: String,
    /// Material code, such as "PET_CLEAR".
    pub code: String,
}

/// A deposit log to preview or import.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DepositImportInput {
    /// The spreadsheet's path.
    pub path: String,
    /// Materials chosen for names the catalogue and aliases do not know.
    /// A commit saves them as aliases.
    pub map: Vec<MaterialMapping>,
    /// Whether to write the import; otherwise only preview it.
    pub commit: bool,
}

/// A material name no material matched, with the rows that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnknownMaterialRow {
    /// The name as written.
    pub name: String,
    /// Sheet rows that use it.
    pub rows: Vec<u32>,
}

/// The outcome of a preview or an import of a deposit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DepositImportView {
    /// The sheet read.
    pub sheet: String,
    /// Rows below the header.
    pub rows_read: u32,
    /// Deposit lines imported, or that an import would write.
    pub imported: u32,
    /// Whether the import was written.
    pub committed: bool,
    /// When the same file was imported before, the local date and time.
    pub imported_before: Option<String>,
    /// Problems that keep rows out.
    pub errors: Vec<Problem>,
    /// Names to ask the user about, once each.
    pub unknown: Vec<UnknownMaterialRow>,
    /// Value of the rows imported or unchanged, satang.
    pub total_value_satang: i64,
    /// Weight of those rows by material.
    pub kg_by_material: Vec<MaterialGrams>,
}
