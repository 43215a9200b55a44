//! Data shapes of the import wizard: the sheets of a file, the preview of
//! an import (column mapping, parsed rows, problems, changed rows) and its
//! result. Both importers, member register and share ledger, map onto the
//! same shapes, so that one wizard shows either.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::import::{ledger, members, read, report, session};

use crate::error::{AppError, AppResult};

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
    /// Whether the workbook hides the sheet.
    pub hidden: bool,
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
            hidden: s.hidden,
            suggested: s.chosen,
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ImportKind {
    /// The reader's schema for this kind of file.
    pub fn schema(self) -> &'static read::Schema {
        match self {
            ImportKind::Members => &read::MEMBERS,
            ImportKind::Ledger => &read::LEDGER,
        }
    }

    /// The other kind.
    pub fn other(self) -> ImportKind {
        match self {
            ImportKind::Members => ImportKind::Ledger,
            ImportKind::Ledger => ImportKind::Members,
        }
    }
}

/// The sheets of a file for the chosen kind, and a hint when the file
/// looks like the other kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportSheets {
    /// The sheets, as read for the chosen kind.
    pub sheets: Vec<SheetInfo>,
    /// The other kind, when its columns fit the file better.
    pub looks_like: Option<ImportKind>,
}

/// Fewest header fields the other kind must match before the file is said
/// to look like it, so that a few shared columns (member number, date)
/// raise no hint.
const LOOKS_LIKE_MIN_FIELDS: usize = 3;

impl ImportSheets {
    /// Builds the answer from the file's sheets read with the chosen
    /// kind's schema and with the other kind's. The file looks like the
    /// other kind when the other schema's best header matches more fields
    /// than the chosen schema's best header, and at least
    /// [`LOOKS_LIKE_MIN_FIELDS`].
    pub fn new(
        kind: ImportKind,
        chosen: Vec<read::SheetSummary>,
        other: &[read::SheetSummary],
    ) -> ImportSheets {
        let best = |sheets: &[read::SheetSummary]| {
            sheets.iter().map(|s| s.matched_fields).max().unwrap_or(0)
        };
        let other_best = best(other);
        let fits_other = other_best >= LOOKS_LIKE_MIN_FIELDS && other_best > best(&chosen);
        ImportSheets {
            sheets: chosen.into_iter().map(Into::into).collect(),
            looks_like: fits_other.then(|| kind.other()),
        }
    }
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
    /// The date a member register's share figures are stated on, ISO CE,
    /// when the user gave or confirmed it; `None` takes the date in the
    /// sheet's title, else today.
    pub as_of: Option<String>,
}

impl ImportRequest {
    fn accept(&self) -> session::AcceptChanges {
        if self.accept_rows.is_empty() {
            session::AcceptChanges::None
        } else {
            session::AcceptChanges::Rows(self.accept_rows.iter().copied().collect::<BTreeSet<_>>())
        }
    }

    /// Options for the member-register importer. Fails when `as_of` is
    /// not an ISO date.
    pub fn member_options(&self) -> AppResult<members::Options> {
        let as_of = match self.as_of.as_deref() {
            None => None,
            Some(text) => Some(text.parse::<NaiveDate>().map_err(|_| {
                AppError::new("invalid_date", format!("“{text}” is not an ISO date"))
                    .with("text", text)
            })?),
        };
        Ok(members::Options {
            sheet: self.sheet.clone(),
            community: self.community.clone().filter(|c| !c.trim().is_empty()),
            accept: self.accept(),
            as_of,
        })
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
    /// Values for the translated message, such as `member_no`.
    pub params: BTreeMap<String, String>,
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
            params: p
                .params
                .into_iter()
                .map(|(key, value)| (key.to_string(), value))
                .collect(),
        }
    }
}

/// Names the field of each `missing_column` problem in its `field` param.
///
/// The reader reports one such problem per required field without a
/// column, in the schema's field order, so the fields are found again by
/// comparing the schema with the column mapping.
fn name_missing_fields(problems: &mut [Problem], schema: &read::Schema, columns: &[read::Column]) {
    let mapped: BTreeSet<&str> = columns.iter().filter_map(|c| c.field).collect();
    let mut missing = schema
        .fields
        .iter()
        .filter(|field| field.required && !mapped.contains(field.key));
    for problem in problems.iter_mut().filter(|p| p.code == "missing_column") {
        if let Some(field) = missing.next() {
            problem
                .params
                .insert("field".to_string(), field.key.to_string());
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
    /// Compared with what is recorded and not written, such as a balance
    /// brought forward that the recorded entries already give.
    Checked,
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
    /// The header's 1-based row.
    pub header_row: u32,
    /// The date a member register's share figures are booked on, ISO CE;
    /// `None` for a ledger.
    pub as_of: Option<String>,
    /// Where `as_of` came from; `None` for a ledger.
    pub as_of_source: Option<AsOfSource>,
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
    /// Opening balances from a member register that a ledger replaced or
    /// restated; zero for a register.
    pub register_restated: u32,
}

/// Where the date of a register's share figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// Given or confirmed by the user.
    Given,
    /// Read from the sheet's title, such as "ข้อมูล ณ วันที่ 31 ธันวาคม 2567".
    Title,
    /// Found nowhere, so the import date.
    ImportDate,
}

impl From<members::AsOfSource> for AsOfSource {
    fn from(source: members::AsOfSource) -> AsOfSource {
        match source {
            members::AsOfSource::Given => AsOfSource::Given,
            members::AsOfSource::Title => AsOfSource::Title,
            members::AsOfSource::ImportDate => AsOfSource::ImportDate,
        }
    }
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
    header_row: u32,
    columns: &[read::Column],
) -> ImportPreview {
    let r = &outcome.report;
    let mut errors: Vec<Problem> = r.errors.iter().cloned().map(Into::into).collect();
    name_missing_fields(&mut errors, kind.schema(), columns);
    ImportPreview {
        kind,
        file: r.file.clone(),
        sheet: r.sheet.clone(),
        header_row,
        as_of: None,
        as_of_source: None,
        imported_before: outcome.imported_before.clone(),
        committed: r.committed,
        backup: outcome.backup.as_ref().map(|p| p.display().to_string()),
        rows_read: count(r.rows_read),
        imported: count(r.imported),
        skipped: count(r.skipped),
        errors,
        warnings: r.warnings.iter().cloned().map(Into::into).collect(),
        reconciliation: Vec::new(),
        columns: Vec::new(),
        fields: Vec::new(),
        rows: Vec::new(),
        changed: outcome.changed.iter().cloned().map(Into::into).collect(),
        register_restated: 0,
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
            ledger::RowStatus::Checked => RowStatus::Checked,
            ledger::RowStatus::Rejected => RowStatus::Rejected,
        }
    }
}

impl From<session::Outcome<members::Details>> for ImportPreview {
    fn from(outcome: session::Outcome<members::Details>) -> ImportPreview {
        let d = &outcome.details;
        let mut preview = base(ImportKind::Members, &outcome, d.header_row, &d.columns);
        preview.as_of = Some(d.as_of.to_string());
        preview.as_of_source = Some(d.as_of_source.into());
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
        let mut preview = base(ImportKind::Ledger, &outcome, d.header_row, &d.columns);
        preview.register_restated = count(d.register_restated);
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

    fn request(name: &str, kind: ImportKind) -> ImportRequest {
        ImportRequest {
            path: fixture(name).display().to_string(),
            kind,
            sheet: None,
            community: Some("บ่อยาง".to_string()),
            accept_rows: Vec::new(),
            as_of: None,
        }
    }

    fn preview(
        conn: &mut rusqlite::Connection,
        request: &ImportRequest,
        mode: Mode,
    ) -> Result<ImportPreview, Box<dyn std::error::Error>> {
        let path = PathBuf::from(&request.path);
        let preview = match request.kind {
            ImportKind::Members => {
                let options = request.member_options()?;
                members::import(conn, &context(), &path, &options, mode, &mut |_, _| {})?.into()
            }
            ImportKind::Ledger => {
                let options = request.ledger_options();
                ledger::import(conn, &context(), &path, &options, mode, &mut |_, _| {})?.into()
            }
        };
        Ok(preview)
    }

    fn sheets(name: &str, kind: ImportKind) -> Result<ImportSheets, Box<dyn std::error::Error>> {
        let path = fixture(name);
        let chosen = read::list_sheets(&path, kind.schema())?;
        let other = read::list_sheets(&path, kind.other().schema())?;
        Ok(ImportSheets::new(kind, chosen, &other))
    }

    #[test]
    fn register_preview_rows_match_fields() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = request("members-boyang-2567.xlsx", ImportKind::Members);

        let preview = preview(&mut conn, &request, Mode::Preview)?;

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
    fn register_preview_dates_balances_by_title() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = request("members-boyang-2567.xlsx", ImportKind::Members);

        let preview = preview(&mut conn, &request, Mode::Preview)?;

        assert_eq!(
            preview.as_of.as_deref(),
            Some("2024-12-31"),
            "the title says 31 December 2567"
        );
        assert_eq!(
            preview.as_of_source,
            Some(AsOfSource::Title),
            "the date comes from the title"
        );
        Ok(())
    }

    #[test]
    fn register_preview_takes_given_date() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let mut request = request("members-boyang-2567-tis620.csv", ImportKind::Members);
        request.as_of = Some("2024-06-30".to_string());

        let preview = preview(&mut conn, &request, Mode::Preview)?;

        assert_eq!(
            preview.as_of.as_deref(),
            Some("2024-06-30"),
            "the given date"
        );
        assert_eq!(
            preview.as_of_source,
            Some(AsOfSource::Given),
            "the date is the user's"
        );
        Ok(())
    }

    #[test]
    fn csv_register_without_title_dates_today() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = request("members-boyang-2567-tis620.csv", ImportKind::Members);

        let preview = preview(&mut conn, &request, Mode::Preview)?;

        assert_eq!(
            preview.as_of.as_deref(),
            Some("2025-01-15"),
            "the import date"
        );
        assert_eq!(
            preview.as_of_source,
            Some(AsOfSource::ImportDate),
            "a CSV has no title to take a date from"
        );
        Ok(())
    }

    #[test]
    fn member_options_reject_non_iso_date() {
        let mut request = request("members-boyang-2567.xlsx", ImportKind::Members);
        request.as_of = Some("31/12/2567".to_string());

        let result = request.member_options();

        assert_eq!(
            result.err().map(|e| e.code),
            Some("invalid_date".to_string()),
            "the shell sends ISO dates only"
        );
    }

    #[test]
    fn register_problem_names_holder() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = request("members-boyang-2567.xlsx", ImportKind::Members);

        let preview = preview(&mut conn, &request, Mode::Preview)?;
        let taken = preview
            .errors
            .iter()
            .find(|p| p.code == "national_id_taken")
            .ok_or("the register repeats a national ID")?;

        assert_eq!(taken.row, Some(67), "the row that repeats the ID");
        assert_eq!(
            taken.params.get("holder").map(String::as_str),
            Some("BY013"),
            "the member who holds the ID"
        );
        assert_eq!(
            taken.params.get("member_no").map(String::as_str),
            Some("BY061"),
            "the member of the row"
        );
        Ok(())
    }

    #[test]
    fn ledger_after_register_counts_restated() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let register = request("members-boyang-2567.xlsx", ImportKind::Members);
        preview(&mut conn, &register, Mode::Commit)?;
        let ledger = request("share-ledger-2567.xlsx", ImportKind::Ledger);

        let preview = preview(&mut conn, &ledger, Mode::Preview)?;

        assert!(
            preview.register_restated > 0,
            "the ledger restates the register's balances"
        );
        assert_eq!(preview.as_of, None, "a ledger has no register date");
        Ok(())
    }

    #[test]
    fn missing_column_names_its_field() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = request("members-boyang-2567.xlsx", ImportKind::Ledger);

        let preview = preview(&mut conn, &request, Mode::Preview)?;
        let fields: Vec<&str> = preview
            .errors
            .iter()
            .filter(|p| p.code == "missing_column")
            .filter_map(|p| p.params.get("field").map(String::as_str))
            .collect();

        assert!(
            fields.contains(&"kind"),
            "a register has no entry column: {fields:?}"
        );
        Ok(())
    }

    #[test]
    fn ledger_chosen_as_register_looks_like_ledger() -> Result<(), Box<dyn std::error::Error>> {
        let answer = sheets("share-ledger-2567.xlsx", ImportKind::Members)?;

        assert_eq!(
            answer.looks_like,
            Some(ImportKind::Ledger),
            "the ledger schema matches more columns"
        );
        Ok(())
    }

    #[test]
    fn register_chosen_as_register_raises_no_hint() -> Result<(), Box<dyn std::error::Error>> {
        let answer = sheets("members-boyang-2567.xlsx", ImportKind::Members)?;

        assert_eq!(answer.looks_like, None, "the kind is right");
        assert!(
            answer.sheets.iter().any(|s| s.suggested),
            "one sheet is suggested"
        );
        Ok(())
    }

    #[test]
    fn ledger_preview_rows_match_fields() -> Result<(), Box<dyn std::error::Error>> {
        let mut conn = chumchon::db::open_in_memory()?;
        let request = request("share-ledger-2567.xlsx", ImportKind::Ledger);

        let preview = preview(&mut conn, &request, Mode::Preview)?;

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
    fn accepted_rows_become_accept_set() -> AppResult<()> {
        let request = ImportRequest {
            path: String::new(),
            kind: ImportKind::Members,
            sheet: Some("ทะเบียนสมาชิก".to_string()),
            community: Some("  ".to_string()),
            accept_rows: vec![12, 7],
            as_of: None,
        };

        let options = request.member_options()?;

        assert!(options.accept.accepts(7), "row 7 accepted");
        assert!(!options.accept.accepts(8), "row 8 not accepted");
        assert_eq!(options.community, None, "a blank community is none");
        Ok(())
    }
}
