//! Data shapes that cross the IPC boundary, and the TypeScript generated
//! from them.
//!
//! Every type here derives [`TS`]. [`typescript`] renders the core
//! screens' types into `ui/src/lib/ipc-types.ts`, and each other part's
//! module (`waste`, `fund`, `places`, `exchange`) renders its own types
//! into `ui/src/lib/ipc-<part>.ts`, so that parts never edit one generated
//! file. A test per file compares it with a fresh rendering, so a change
//! here that is not regenerated fails the tests. Regenerate them all with
//! `UPDATE_IPC_TYPES=1 cargo test -p chumchon-app ipc_`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dialogs::{OpenKind, SaveKind};
use crate::error::AppError;

mod dividends;
pub mod exchange;
pub mod fund;
mod import;
mod members;
pub mod places;
pub mod typescript;
pub mod waste;

pub use dividends::{
    DividendAmount, DividendLine, DividendMethod, DividendParams, DividendRun, DividendRunSummary,
    DividendStatus, FiscalYear, SlipsWritten,
};
pub use import::{
    AsOfSource, Cell, ChangedRow, ColumnMapping, FieldChange, ImportKind, ImportPreview,
    ImportRequest, ImportSheets, PreviewRow, Problem, RowStatus, SheetInfo, SheetRole,
};
pub use members::{
    AddressParts, Community, MemberDetail, MemberEdit, MemberPage, MemberQuery, MemberRow,
    MemberSort, ShareLine,
};

/// UI language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Thai, the default.
    #[default]
    Th,
    /// English.
    En,
}

impl Language {
    /// The language code, as stored in the shell's settings file.
    pub fn code(self) -> &'static str {
        match self {
            Language::Th => "th",
            Language::En => "en",
        }
    }

    /// Reads a stored language code; anything unknown is Thai.
    pub fn from_code(code: Option<&str>) -> Language {
        match code {
            Some("en") => Language::En,
            _ => Language::Th,
        }
    }
}

/// Layout of dividend slips on paper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SlipLayout {
    /// One slip on an A5 sheet.
    #[default]
    A5,
    /// Two slips on one A4 sheet.
    #[serde(rename = "a4-two-up")]
    A4TwoUp,
}

/// The order in which slips are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SlipSort {
    /// By member number.
    #[default]
    MemberNo,
    /// By Thai name, in Thai dictionary order.
    Name,
}

/// Reads an enum stored in the database's settings table by its serde
/// name (`a5`, `member_no`); a missing or unknown value gives the default.
pub fn from_setting<T: serde::de::DeserializeOwned + Default>(value: Option<String>) -> T {
    value
        .and_then(|v| serde_json::from_value(serde_json::Value::String(v)).ok())
        .unwrap_or_default()
}

/// The serde name of an enum, as stored in the database's settings table.
pub fn to_setting<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// Settings shown on the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Settings {
    /// The open database file, or the one that failed to open.
    pub database: String,
    /// Whether that database is open; slip options need it.
    pub database_open: bool,
    /// UI language.
    pub language: Language,
    /// Slip layout, stored in the database.
    pub slip_layout: SlipLayout,
    /// Slip order, stored in the database.
    pub slip_sort: SlipSort,
}

/// Facts about the running app that the UI needs once at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// UI language chosen in the settings.
    pub language: Language,
    /// The database file opened at start.
    pub database: String,
    /// Error from opening that database, if opening failed.
    pub database_error: Option<AppError>,
    /// Whether file dialogs return paths from the end-to-end test folder.
    pub e2e: bool,
}

/// Progress of a long task, sent as the `progress` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    /// Task name: `import` or `slips`.
    pub task: String,
    /// Units done so far.
    pub done: u64,
    /// Units in all.
    pub total: u64,
}

/// The name of the event that carries [`Progress`].
pub const PROGRESS_EVENT: &str = "progress";

/// Renders the core screens' IPC types as the TypeScript of
/// `ipc-types.ts`.
pub fn typescript() -> String {
    let mut module = typescript::TsModule::new("src-tauri/src/dto/, error.rs and dialogs.rs");
    macro_rules! declare {
        ($($ty:ty),* $(,)?) => {$(module.declare::<$ty>();)*};
    }
    declare!(
        AppError,
        AppInfo,
        Language,
        SlipLayout,
        SlipSort,
        Settings,
        Progress,
        OpenKind,
        SaveKind,
        Community,
        MemberSort,
        MemberQuery,
        MemberRow,
        MemberPage,
        AddressParts,
        MemberDetail,
        MemberEdit,
        ShareLine,
        DividendMethod,
        DividendAmount,
        DividendParams,
        DividendStatus,
        DividendLine,
        DividendRun,
        DividendRunSummary,
        FiscalYear,
        SlipsWritten,
        ImportKind,
        SheetRole,
        SheetInfo,
        ImportSheets,
        ImportRequest,
        Problem,
        ColumnMapping,
        Cell,
        RowStatus,
        PreviewRow,
        FieldChange,
        ChangedRow,
        AsOfSource,
        ImportPreview,
    );
    module.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipc_types_file_is_current() -> Result<(), String> {
        typescript::check_current("ipc-types.ts", &super::typescript())
    }

    #[test]
    fn slip_settings_round_trip() {
        let stored = to_setting(&SlipLayout::A4TwoUp);

        assert_eq!(
            stored, "a4-two-up",
            "stored name, as the core's slip writer reads it"
        );
        assert_eq!(
            from_setting::<SlipLayout>(Some(stored)),
            SlipLayout::A4TwoUp,
            "read back"
        );
        assert_eq!(
            from_setting::<SlipSort>(Some("bogus".into())),
            SlipSort::MemberNo,
            "default"
        );
    }

    #[test]
    fn language_reads_stored_codes() {
        assert_eq!(
            Language::from_code(Some("en")),
            Language::En,
            "en is English"
        );
        assert_eq!(
            Language::from_code(Some("xx")),
            Language::Th,
            "unknown is Thai"
        );
        assert_eq!(Language::from_code(None), Language::Th, "missing is Thai");
    }
}
