//! Data shapes of the import wizard: the sheets of a file, the preview of
//! an import (column mapping, parsed rows, problems, changed rows) and its
//! result. Both importers, member register and share ledger, map onto the
//! same shapes, so that one wizard shows either.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::import::{ledger, members, read, report, session};

/// Content of an imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// A community's member register.
    Members,
    /// A share ledger.
    Ledger,
}

/// The part a sheet seems to play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetRole {
    /// Has a matching header and rows under it.
    Register,
    /// A short sheet of totals or notes.
    Summary,
    /// Nothing in it.
    Empty,
    /// Anything else.
    Other,
}

/// One sheet of a file, for the user to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SheetInfo {
    /// Sheet name; for CSV, the file name.
    pub name: String,
    /// Non-blank rows.
    pub rows: u32,
    /// 1-based row of the header found, if any.
    pub header_row: Option<u32>,
    /// Fields the header matches.
    pub matched_fields: u32,
    /// Non-blank rows below the header.
    pub data_rows: u32,
    /// Guessed role.
    pub role: SheetRole,
    /// Whether the importer would pick this sheet by itself.
    pub suggested: bool,
}

impl From<read::SheetSummary> for SheetInfo {
    fn from(s: read::SheetSummary) -> SheetInfo {
        SheetInfo {
            name: s.name,
            rows: count(s.rows),
            header_row: s.header_row,
            matched_fields: count(s.matched_fields),
            data_rows: count(s.data_rows),
            role: match s.role {
                read::SheetRole::Register => SheetRole::Register,
                read::SheetRole::Summary => SheetRole::Summary,
                read::SheetRole::Empty => SheetRole::Empty,
                read::SheetRole::Other => SheetRole::Other,
            },
            suggested: s.chosen,
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An import request: the file, its content, the sheet and the community.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ImportRequest {
    /// The file.
    pub path: String,
    /// Content of the file.
    pub kind: ImportKind,
    /// Sheet to read; `None` lets the importer pick.
    pub sheet: Option<String>,
    /// Community of a member register.
    pub community: Option<String>,
    /// Sheet rows whose changes the user accepted (commit only).
    pub accept_rows: Vec<u32>,
}

impl ImportRequest {
    fn accept(&self) -> session::AcceptChanges {
        if self.accept_rows.is_empty() {
            session::AcceptChanges::None
        } else {
            session::AcceptChanges::Rows(self.accept_rows.iter().copied().collect::<BTreeSet<_>>())
        }
    }

    /// Options for the member-register importer.
    pub fn member_options(&self) -> members::Options {
        members::Options {
            sheet: self.sheet.clone(),
            community: self.community.clone().filter(|c| !c.trim().is_empty()),
            accept: self.accept(),
            as_of: None,
        }
    }

    /// Options for the share-ledger importer.
    pub fn ledger_options(&self) -> ledger::Options {
        ledger::Options {
            sheet: self.sheet.clone(),
            accept: self.accept(),
        }
    }
}

/// A problem found in the file, where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    /// Sheet name.
    pub sheet: String,
    /// The sheet's 1-based row, if the problem is in one row.
    pub row: Option<u32>,
    /// Column letter, if the problem is in one cell.
    pub column: Option<String>,
    /// The raw cell value.
    pub value: Option<String>,
    /// Stable identifier the UI translates.
    pub code: String,
    /// English description.
    pub message: String,
}

impl From<report::Problem> for Problem {
    fn from(p: report::Problem) -> Problem {
        Problem {
            sheet: p.sheet,
            row: p.row,
            column: p.column,
            value: p.value,
            code: p.code.to_string(),
            message: p.message,
        }
    }
}

/// One column under the header and the field read from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnMapping {
    /// Column letter.
    pub letter: String,
    /// Header text.
    pub header: String,
    /// Field key, or `None` for a column that is not read.
    pub field: Option<String>,
}

impl From<read::Column> for ColumnMapping {
    fn from(c: read::Column) -> ColumnMapping {
        ColumnMapping {
            letter: c.letter,
            header: c.header,
            field: c.field.map(str::to_string),
        }
    }
}

/// A typed value in a preview row, for the UI to format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text as read.
    Text(String),
    /// An ISO CE date.
    Date(String),
    /// A count, such as shares.
    Count(i64),
    /// Money in satang.
    Money(i64),
    /// A stable identifier the UI translates, such as a ledger entry kind.
    Code(String),
}

/// Outcome of one row, done or previewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// A new record.
    New,
    /// Same as stored.
    Unchanged,
    /// Differs from stored; listed for the user to accept.
    Changed,
    /// Differed, and the change was written.
    Updated,
    /// Kept out by an error.
    Rejected,
}

/// One parsed row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewRow {
    /// The sheet's 1-based row.
    pub row: u32,
    /// Outcome of the row.
    pub status: RowStatus,
    /// Values, in the order of [`ImportPreview::fields`].
    pub cells: Vec<Cell>,
}

/// One field that differs between the sheet and the stored record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChange {
    /// Field key.
    pub field: String,
    /// Stored value.
    pub old: String,
    /// Value in the sheet.
    pub new: String,
}

/// A row imported before that now reads differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangedRow {
    /// The sheet's 1-based row.
    pub row: u32,
    /// The record's key, such as a member number.
    pub key: String,
    /// The fields that differ.
    pub changes: Vec<FieldChange>,
    /// Whether the change was written.
    pub applied: bool,
}

impl From<session::ChangedRow> for ChangedRow {
    fn from(c: session::ChangedRow) -> ChangedRow {
        ChangedRow {
            row: c.row,
            key: c.key,
            changes: c
                .changes
                .into_iter()
                .map(|f| FieldChange {
                    field: f.field.to_string(),
                    old: f.old,
                    new: f.new,
                })
                .collect(),
            applied: c.applied,
        }
    }
}

/// A preview of an import, or the result of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    /// Content of the file.
    pub kind: ImportKind,
    /// The file.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// Reason this sheet was read.
    pub sheet_choice: String,
    /// The header's 1-based row.
    pub header_row: u32,
    /// When the same file was imported before, local ISO date and time.
    pub imported_before: Option<String>,
    /// Whether the import was written to the database.
    pub committed: bool,
    /// Backup of the database made before the import.
    pub backup: Option<String>,
    /// Rows below the header.
    pub rows_read: u32,
    /// Records imported, or that would be.
    pub imported: u32,
    /// Blank, total and repeated-header rows.
    pub skipped: u32,
    /// Problems that kept a row out.
    pub errors: Vec<Problem>,
    /// Problems in rows imported and flagged.
    pub warnings: Vec<Problem>,
    /// Ledger balances that differ from a register's figures.
    pub reconciliation: Vec<Problem>,
    /// Column mapping.
    pub columns: Vec<ColumnMapping>,
    /// Keys of the preview rows' cells, in order.
    pub fields: Vec<String>,
    /// Every candidate row.
    pub rows: Vec<PreviewRow>,
    /// Rows that changed since an earlier import.
    pub changed: Vec<ChangedRow>,
}

fn date(d: Option<chrono::NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, |d| Cell::Date(d.to_string()))
}

fn text(t: Option<String>) -> Cell {
    t.map_or(Cell::Empty, Cell::Text)
}

fn shares(n: Option<i64>) -> Cell {
    n.map_or(Cell::Empty, Cell::Count)
}

fn base<D>(
    kind: ImportKind,
    outcome: &session::Outcome<D>,
    sheet_choice: String,
    header_row: u32,
) -> ImportPreview {
    let r = &outcome.report;
    ImportPreview {
        kind,
        file: r.file.clone(),
        sheet: r.sheet.clone(),
        sheet_choice,
        header_row,
        imported_before: outcome.imported_before.clone(),
        committed: r.committed,
        backup: outcome.backup.as_ref().map(|p| p.display().to_string()),
        rows_read: count(r.rows_read),
        imported: count(r.imported),
        skipped: count(r.skipped),
        errors: r.errors.iter().cloned().map(Into::into).collect(),
        warnings: r.warnings.iter().cloned().map(Into::into).collect(),
        reconciliation: Vec::new(),
        columns: Vec::new(),
        fields: Vec::new(),
        rows: Vec::new(),
        changed: outcome.changed.iter().cloned().map(Into::into).collect(),
    }
}

impl From<members::RowStatus> for RowStatus {
    fn from(s: members::RowStatus) -> RowStatus {
        match s {
            members::RowStatus::New => RowStatus::New,
            members::RowStatus::Unchanged => RowStatus::Unchanged,
            members::RowStatus::Changed => RowStatus::Changed,
            members::RowStatus::Updated => RowStatus::Updated,
            members::RowStatus::Rejected => RowStatus::Rejected,
        }
    }
}

impl From<ledger::RowStatus> for RowStatus {
    fn from(s: ledger::RowStatus) -> RowStatus {
        match s {
            ledger::RowStatus::New => RowStatus::New,
            ledger::RowStatus::Unchanged => RowStatus::Unchanged,
            ledger::RowStatus::Changed => RowStatus::Changed,
            ledger::RowStatus::Updated => RowStatus::Updated,
            ledger::RowStatus::Rejected => RowStatus::Rejected,
        }
    }
}

impl From<session::Outcome<members::Details>> for ImportPreview {
    fn from(outcome: session::Outcome<members::Details>) -> ImportPreview {
        let d = &outcome.details;
        let mut preview = base(
            ImportKind::Members,
            &outcome,
            d.sheet_choice.clone(),
            d.header_row,
        );
        preview.columns = d.columns.iter().cloned().map(Into::into).collect();
        preview.fields = ["member_no", "name", "national_id", "joined", "shares"]
            .map(str::to_string)
            .to_vec();
        preview.rows = d
            .rows
            .iter()
            .map(|r| PreviewRow {
                row: r.row,
                status: r.status.into(),
                cells: vec![
                    Cell::Text(r.member_no.clone()),
                    Cell::Text(r.name.clone()),
                    text(r.national_id.clone()),
                    date(r.joined),
                    shares(r.shares),
                ],
            })
            .collect();
        preview
    }
}

impl From<session::Outcome<ledger::Details>> for ImportPreview {
    fn from(outcome: session::Outcome<ledger::Details>) -> ImportPreview {
        let d = &outcome.details;
        let mut preview = base(
            ImportKind::Ledger,
            &outcome,
            d.sheet_choice.clone(),
            d.header_row,
        );
        preview.columns = d.columns.iter().cloned().map(Into::into).collect();
        preview.reconciliation = d.reconciliation.iter().cloned().map(Into::into).collect();
        preview.fields = [
            "date",
            "member_no",
            "entry",
            "shares",
            "amount",
            "receipt_no",
        ]
        .map(str::to_string)
        .to_vec();
        preview.rows = d
            .rows
            .iter()
            .map(|r| PreviewRow {
                row: r.row,
                status: r.status.into(),
                cells: vec![
                    date(r.date),
                    Cell::Text(r.member_no.clone()),
                    r.entry
                        .map_or(Cell::Empty, |e| Cell::Code(entry_code(e).to_string())),
                    shares(r.shares),
                    r.amount.map_or(Cell::Empty, |a| Cell::Money(a.satang())),
                    text(r.receipt_no.clone()),
                ],
            })
            .collect();
        preview
    }
}

/// A stable key for a ledger entry kind, which the UI translates.
fn entry_code(entry: ledger::Entry) -> &'static str {
    use chumchon::shares::Payment;
    match entry {
        ledger::Entry::Opening => "opening",
        ledger::Entry::Purchase(Payment::Cash) => "purchase_cash",
        ledger::Entry::Purchase(Payment::PlasticCredit) => "purchase_plastic_credit",
        ledger::Entry::Purchase(Payment::Dividend) => "purchase_dividend",
        ledger::Entry::Withdrawal => "withdrawal",
        ledger::Entry::TransferOut => "transfer_out",
        ledger::Entry::TransferIn => "transfer_in",
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chumchon::import::session::Mode;

    use super::*;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name)
    }

    fn context() -> chumchon::Context {
        let now = chrono::NaiveDate::from_ymd_opt(2025, 1, 15)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        chumchon::Context::new("test", now)
    }

    #[test]
    fn register_preview_rows_match_fields() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = ImportRequest {
            path: fixture("members-boyang-2567.xlsx").display().to_string(),
            kind: ImportKind::Members,
            sheet: None,
            community: Some("บ่อยาง".to_string()),
            accept_rows: Vec::new(),
        };
        let options = request.member_options();

        let outcome = members::import(
            &mut conn,
            &context(),
            request.path.as_ref(),
            &options,
            Mode::Preview,
            &mut |_, _| {},
        )?;
        let preview = ImportPreview::from(outcome);

        assert!(!preview.rows.is_empty(), "the register has rows");
        assert!(
            preview
                .rows
                .iter()
                .all(|row| row.cells.len() == preview.fields.len()),
            "every row has one cell per field"
        );
        assert!(!preview.committed, "a preview writes nothing");
        assert!(
            preview
                .columns
                .iter()
                .any(|c| c.field.as_deref() == Some("national_id")),
            "the mapping names the national ID column"
        );
        Ok(())
    }

    #[test]
    fn ledger_preview_rows_match_fields() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = ImportRequest {
            path: fixture("share-ledger-2567.xlsx").display().to_string(),
            kind: ImportKind::Ledger,
            sheet: None,
            community: None,
            accept_rows: Vec::new(),
        };
        let options = request.ledger_options();

        let outcome = ledger::import(
            &mut conn,
            &context(),
            request.path.as_ref(),
            &options,
            Mode::Preview,
            &mut |_, _| {},
        )?;
        let preview = ImportPreview::from(outcome);

        assert_eq!(preview.kind, ImportKind::Ledger, "kind");
        assert!(
            preview
                .rows
                .iter()
                .all(|row| row.cells.len() == preview.fields.len()),
            "every row has one cell per field"
        );
        Ok(())
    }

    #[test]
    fn accepted_rows_become_accept_set() {
        let request = ImportRequest {
            path: String::new(),
            kind: ImportKind::Members,
            sheet: Some("ทะเบียนสมาชิก".to_string()),
            community: Some("  ".to_string()),
            accept_rows: vec![12, 7],
        };

        let options = request.member_options();

        assert!(options.accept.accepts(7), "row 7 accepted");
        assert!(!options.accept.accepts(8), "row 8 not accepted");
        assert_eq!(options.community, None, "a blank community is none");
    }
}
