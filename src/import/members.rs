//! Importing a legacy member register: members, and their share balances
//! on the register's date.
//!
//! A register's share column is a balance on the register's date (the date
//! in its title, such as "ข้อมูล ณ วันที่ 31 ธันวาคม 2567", else the import
//! date). Imported alone, it is recorded as an opening balance on that
//! date. Once a share ledger covering that date is imported, the ledger's
//! entries are the record and the register's figure becomes a
//! reconciliation check (see [`crate::import::ledger`]). Either order gives
//! the same balances.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::import::address;
use crate::import::read::{read_table, Column, Row, Table, MEMBERS};
use crate::import::report::{ImportReport, Problem, Severity};
use crate::import::session::{self, AcceptChanges, ChangedRow, FieldChange, Mode, Outcome};
use crate::members::{self, Address, Community, MemberDetails, Status};
use crate::shares;
use crate::{Context, Result, Satang};

/// Import kind stored in the `imports` table.
pub const KIND: &str = "members";

/// The largest share count a row may state: far above any real holding,
/// and small enough that its value in satang cannot overflow.
pub const MAX_SHARES: i64 = 1_000_000_000;

/// Join dates and share entries before this year (CE) are warned about
/// as implausible.
pub(crate) const EARLIEST_JOIN_YEAR: i32 = 1950;

/// What to import and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Sheet to read; `None` picks the sheet that holds the register.
    pub sheet: Option<String>,
    /// Community the sheet belongs to, created if new. Ignored for rows
    /// when the sheet has a community column of its own.
    pub community: Option<String>,
    /// Which changed rows to write.
    pub accept: AcceptChanges,
    /// The date the register's share figures are stated on, when the user
    /// gives it; otherwise the date in the sheet's title, else the import
    /// date.
    pub as_of: Option<NaiveDate>,
}

/// Where the date of a register's share figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// Given by the user.
    Given,
    /// Read from the sheet's title, such as "ข้อมูล ณ วันที่ 31 ธันวาคม 2567".
    Title,
    /// Neither: the import date.
    ImportDate,
}

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// A new member.
    New,
    /// Same as the stored member.
    Unchanged,
    /// Differs from the stored member; listed for the user to accept.
    Changed,
    /// Differed and the change was written.
    Updated,
    /// Kept out by an error.
    Rejected,
}

/// One register row as read and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    /// The sheet's row number.
    pub row: u32,
    /// What happened to it.
    pub status: RowStatus,
    /// Member number, as in the sheet or as assigned.
    pub member_no: String,
    /// Title, first and last name.
    pub name: String,
    /// National ID as read.
    pub national_id: Option<String>,
    /// Date joined.
    pub joined: Option<NaiveDate>,
    /// Share balance stated by the register.
    pub shares: Option<i64>,
}

/// The register-specific part of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    /// Why this sheet was read.
    pub sheet_choice: String,
    /// The header's row number.
    pub header_row: u32,
    /// Column mapping.
    pub columns: Vec<Column>,
    /// Date the share figures are stated on.
    pub as_of: NaiveDate,
    /// Where `as_of` came from.
    pub as_of_source: AsOfSource,
    /// Every candidate row.
    pub rows: Vec<PreviewRow>,
}

/// Reads a member register and imports it, or with [`Mode::Preview`]
/// reports what an import would do without writing anything.
///
/// An error keeps its row out; a warning imports the row and flags it.
/// The same file imported again changes nothing and reports when it was
/// imported before.
pub fn import(
    conn: &mut Connection,
    ctx: &Context,
    path: &Path,
    options: &Options,
    mode: Mode,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome<Details>> {
    let file = session::SourceFile::open(path)?;
    let table = read_table(path, &MEMBERS, options.sheet.as_deref())?;
    let imported_before = session::imported_before(conn, KIND, &file, &table.sheet)?;
    let (mut outcome, backup) = session::run(conn, ctx, mode, |tx| {
        let mut import = RegisterImport::new(tx, ctx, &table, options)?;
        import.run(progress)?;
        let wrote = import.writes > 0;
        if wrote && mode == Mode::Commit {
            let import_id = session::record(tx, ctx, &import.record(&file))?;
            import.link(import_id)?;
        }
        import.report.committed = wrote && mode == Mode::Commit;
        Ok((import.finish(), wrote))
    })?;
    outcome.report.file = path.display().to_string();
    outcome.imported_before = imported_before;
    outcome.backup = backup.filter(|_| outcome.report.committed);
    Ok(outcome)
}

struct RegisterImport<'a> {
    conn: &'a Connection,
    ctx: &'a Context,
    table: &'a Table,
    options: &'a Options,
    community: Option<Community>,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    ledger_covers: bool,
    /// The BE year of an approved dividend whose fiscal year contains the
    /// register's date. That year's balances are compared, never changed.
    locked_year: Option<i32>,
    par: Satang,
    report: ImportReport,
    changed: Vec<ChangedRow>,
    rows: Vec<PreviewRow>,
    updated: usize,
    /// Member ids and register-balance ids written, to link to the import.
    written_members: Vec<i64>,
    written_balances: Vec<i64>,
    /// Next running member number by community id.
    next_numbers: HashMap<i64, u64>,
    /// Rows written: members added or updated, balances recorded.
    writes: usize,
    /// The sheet row where each member number was first seen.
    seen: HashMap<String, u32>,
}

impl<'a> RegisterImport<'a> {
    fn new(
        conn: &'a Connection,
        ctx: &'a Context,
        table: &'a Table,
        options: &'a Options,
    ) -> Result<Self> {
        let title_date = table
            .title_lines
            .iter()
            .find_map(|line| crate::thai::date::find_be_date(line));
        let (as_of, as_of_source) = match (options.as_of, title_date) {
            (Some(date), _) => (date, AsOfSource::Given),
            (None, Some(date)) => (date, AsOfSource::Title),
            (None, None) => (ctx.today(), AsOfSource::ImportDate),
        };
        let mut report = ImportReport {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            rows_read: table.rows_read,
            skipped: table.skipped.len(),
            ..ImportReport::default()
        };
        session::file_problems(&mut report, table.problems.iter().cloned());
        let community = match (&options.community, table.has_field("community")) {
            (Some(name), false) => Some(community_named(conn, ctx, name, table, &mut report)?),
            _ => None,
        };
        Ok(RegisterImport {
            conn,
            ctx,
            table,
            options,
            community,
            as_of,
            as_of_source,
            ledger_covers: ledger_covers(conn, as_of)?,
            locked_year: shares::approved_dividend_year(conn, as_of)?,
            par: shares::policy(conn)?.par,
            report,
            changed: Vec::new(),
            rows: Vec::new(),
            updated: 0,
            written_members: Vec::new(),
            written_balances: Vec::new(),
            next_numbers: HashMap::new(),
            writes: 0,
            seen: HashMap::new(),
        })
    }

    fn run(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        if !self.report.errors.is_empty() {
            return Ok(());
        }
        if self.community.is_none() && !self.table.has_field("community") {
            self.report.errors.push(self.sheet_problem(
                "community_missing",
                "the sheet has no community column; name the community the register belongs to \
                 (in the CLI: --community NAME)",
            ));
            return Ok(());
        }
        if let Some(column) = ledger_kind_column(self.table) {
            let message = format!(
                "column {} “{}” lists share entries, so this sheet looks like a share ledger, \
                 not a member register; import it as a share ledger",
                column.letter, column.header
            );
            self.report
                .errors
                .push(self.sheet_problem("looks_like_share_ledger", &message));
            return Ok(());
        }
        if self.as_of > self.ctx.today() {
            let date = crate::thai::date::format_numeric(self.as_of);
            let message = match self.as_of_source {
                AsOfSource::Given => format!(
                    "the share balances would be stated as of {date}, a date still to come; \
                     give the date the balances are stated on"
                ),
                _ => format!(
                    "the share balances would be stated as of {date}, a date still to come; \
                     correct the year in the sheet's title, or give the date the balances are \
                     stated on (in the CLI: --as-of DATE)"
                ),
            };
            self.report.errors.push(
                self.sheet_problem("as_of_in_future", &message)
                    .with("date", date),
            );
            return Ok(());
        }
        if self.as_of.year() < EARLIEST_JOIN_YEAR {
            let date = crate::thai::date::format_numeric(self.as_of);
            let message = match self.as_of_source {
                AsOfSource::Given => format!(
                    "the share balances would be stated as of {date}, before 2493 (1950), which \
                     is surely a mistyped year; give the date the balances are stated on"
                ),
                _ => format!(
                    "the share balances would be stated as of {date}, before 2493 (1950), which \
                     is surely a mistyped year; correct the year in the sheet's title, or give \
                     the date the balances are stated on (in the CLI: --as-of DATE)"
                ),
            };
            self.report.errors.push(
                self.sheet_problem("as_of_long_ago", &message)
                    .with("date", date),
            );
            return Ok(());
        }
        if let Some(year_be) = self.locked_year {
            let message = format!(
                "the {year_be} dividend is approved, so the register's share balances on {} are \
                 compared with the records but not recorded; reverse the {year_be} dividend run \
                 to record them",
                crate::thai::date::format_numeric(self.as_of)
            );
            self.report.warnings.push(
                self.sheet_problem("dividend_year_approved", &message)
                    .with("year", year_be),
            );
        }
        let total = self.table.rows.len();
        for (index, row) in self.table.rows.iter().enumerate() {
            self.row(row)?;
            if index % 500 == 0 || index + 1 == total {
                progress(index + 1, total);
            }
        }
        Ok(())
    }

    fn row(&mut self, row: &Row) -> Result<()> {
        if let Some(problems) = self.cell_errors(row) {
            self.report.errors.extend(problems);
            return self.reject(row, None);
        }
        let community = match self.row_community(row)? {
            Some(community) => community,
            None => return self.reject(row, None),
        };
        let mut details = self.details(row, &community)?;
        let existing = self.existing(row, &details)?;
        if details.member_no.is_empty() {
            details.member_no = match &existing {
                Some(member) => member.details.member_no.clone(),
                None => self.assign_member_no(&community)?,
            };
        }
        if let Some(problem) = self.refusal(row, &details)? {
            self.report.errors.push(problem);
            return self.reject(row, Some(&details));
        }
        self.seen.insert(details.member_no.clone(), row.number);
        self.check_national_id(row, &details);

        if let Some(member) = &existing {
            if let Some(problem) = self.other_person(row, member, &details)? {
                self.report.errors.push(problem);
                return self.reject(row, Some(&details));
            }
        }
        let (member_id, mut status) = match &existing {
            None => (self.insert(&details)?, RowStatus::New),
            Some(member) => (member.id, self.compare(row, member, details.clone())?),
        };
        let shares = row.integer("shares");
        if let Some(shares) = shares {
            let figure = Figure {
                member_id,
                member_no: &details.member_no,
                stated: shares,
                is_new: existing.is_none(),
            };
            if let Some(balance_status) = self.register_balance(row, &figure)? {
                if status == RowStatus::Unchanged || balance_status == RowStatus::Changed {
                    status = balance_status;
                }
            }
        }
        self.check_share_value(row, shares);
        self.check_joined(row, &details, shares);
        self.rows.push(preview_row(row, status, &details, shares));
        Ok(())
    }

    /// The row's errors from reading its cells, or from a share count no
    /// register could mean; warnings go straight to the report.
    fn cell_errors(&mut self, row: &Row) -> Option<Vec<Problem>> {
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) = row
            .problems
            .iter()
            .cloned()
            .map(|problem| self.soften(problem))
            .partition(|p| p.severity == Severity::Error);
        self.report.warnings.extend(warnings);
        if !errors.is_empty() {
            return Some(errors);
        }
        let shares = row
            .integer("shares")
            .filter(|s| !(0..=MAX_SHARES).contains(&s.abs()))?;
        let message =
            format!("{shares} shares is not a plausible share count; the row was not imported");
        let problem = self.table.problem(
            row,
            "shares",
            "shares_out_of_range",
            Severity::Error,
            message,
        );
        Some(vec![problem])
    }

    /// Why a row with readable cells is still kept out: its member number
    /// repeats an earlier row, it has no first name, or its national ID
    /// belongs to another member.
    fn refusal(&self, row: &Row, details: &MemberDetails) -> Result<Option<Problem>> {
        if let Some(first) = self.seen.get(&details.member_no).copied() {
            let message = format!(
                "member number {} is used again; row {first} already has it, so this row was not imported",
                details.member_no
            );
            let problem = self
                .table
                .problem(
                    row,
                    "member_no",
                    "member_no_repeated",
                    Severity::Error,
                    message,
                )
                .with("member_no", &details.member_no)
                .with("first_row", first);
            return Ok(Some(problem));
        }
        if details.first_name.is_empty() {
            let key = if self.table.has_field("first_name") {
                "first_name"
            } else {
                "full_name"
            };
            let message = format!(
                "member {} has no first name; the row was not imported",
                details.member_no
            );
            let problem = self
                .table
                .problem(row, key, "first_name_missing", Severity::Error, message)
                .with("member_no", &details.member_no);
            return Ok(Some(problem));
        }
        self.id_conflict(row, details)
    }

    fn check_national_id(&mut self, row: &Row, details: &MemberDetails) {
        let Some(national_id) = details.national_id.as_deref() else {
            return;
        };
        if crate::thai::national_id::is_valid(national_id) {
            return;
        }
        let message = format!(
            "national ID {national_id} of member {} has a wrong check digit; member imported and flagged for review",
            details.member_no
        );
        let problem = self
            .table
            .problem(
                row,
                "national_id",
                "national_id_check_digit",
                Severity::Warning,
                message,
            )
            .with("member_no", &details.member_no);
        self.report.warnings.push(problem);
    }

    fn insert(&mut self, details: &MemberDetails) -> Result<i64> {
        let id = members::insert_unaudited(self.conn, self.ctx, details)?;
        self.written_members.push(id);
        self.report.imported += 1;
        self.writes += 1;
        Ok(id)
    }

    /// Warns about a join date in the future, or one before 1950 CE
    /// (2493 BE), which is most likely a spreadsheet's empty date, such
    /// as 1 January 1900, or a year typed wrong. Also warns when a member
    /// holding shares joined after the date the balances are stated on.
    fn check_joined(&mut self, row: &Row, details: &MemberDetails, shares: Option<i64>) {
        let Some(joined) = details.joined else {
            return;
        };
        let date = crate::thai::date::format_numeric(joined);
        let holds_shares = shares.is_some_and(|shares| shares > 0);
        let (code, message) = if joined > self.ctx.today() {
            (
                "joined_in_future",
                format!(
                    "join date {date} of member {} is in the future; check the year",
                    details.member_no
                ),
            )
        } else if holds_shares && joined > self.as_of {
            (
                "joined_after_as_of",
                format!(
                    "member {} joined on {date}, after {}, the date the register's balances are \
                     stated on, so their shares are recorded before they joined; check the join \
                     date or the register's date",
                    details.member_no,
                    crate::thai::date::format_numeric(self.as_of)
                ),
            )
        } else if joined.year() < EARLIEST_JOIN_YEAR {
            (
                "joined_long_ago",
                format!(
                    "join date {date} of member {} is before 2493 (1950), which is unlikely; \
                     check the year, or leave the date empty if it is not known",
                    details.member_no
                ),
            )
        } else {
            return;
        };
        self.report.warnings.push(
            self.table
                .problem(row, "joined", code, Severity::Warning, message)
                .with("member_no", &details.member_no)
                .with("date", date),
        );
    }

    /// Lets a member in whose join date cell holds words rather than a
    /// date ("ไม่ทราบ", "-") without one, with a warning. A date that does
    /// not exist (31/02/2567) stays an error: it is a mistake to correct,
    /// not a blank.
    fn soften(&self, mut problem: Problem) -> Problem {
        let joined = self
            .table
            .column_of("joined")
            .map(|column| column.letter.as_str());
        if problem.code == "invalid_date" && problem.column.as_deref() == joined {
            problem.severity = Severity::Warning;
            problem.code = "joined_not_a_date";
            problem.message = format!(
                "the join date “{}” is not a date; the member is imported without one",
                problem.value.as_deref().unwrap_or("")
            );
        }
        problem
    }

    /// The next member number of a community, counted here so that a
    /// sheet of thousands of members without numbers needs one lookup.
    fn assign_member_no(&mut self, community: &Community) -> Result<String> {
        let next = match self.next_numbers.get(&community.id) {
            Some(next) => *next,
            None => members::highest_running_number(self.conn, &community.code)? + 1,
        };
        self.next_numbers.insert(community.id, next + 1);
        Ok(members::format_member_no(&community.code, next))
    }

    fn reject(&mut self, row: &Row, details: Option<&MemberDetails>) -> Result<()> {
        let fallback = MemberDetails {
            member_no: row.text("member_no").unwrap_or_default().to_string(),
            first_name: row
                .text("first_name")
                .or(row.text("full_name"))
                .unwrap_or_default()
                .to_string(),
            last_name: row.text("last_name").unwrap_or_default().to_string(),
            national_id: row.national_id("national_id").map(str::to_string),
            ..MemberDetails::default()
        };
        let details = details.unwrap_or(&fallback);
        self.rows.push(preview_row(
            row,
            RowStatus::Rejected,
            details,
            row.integer("shares"),
        ));
        Ok(())
    }

    fn row_community(&mut self, row: &Row) -> Result<Option<Community>> {
        if let Some(community) = &self.community {
            return Ok(Some(community.clone()));
        }
        match row.text("community").or(self.options.community.as_deref()) {
            Some(name) => Ok(Some(community_named(
                self.conn,
                self.ctx,
                name,
                self.table,
                &mut self.report,
            )?)),
            None => {
                let problem = self.table.problem(
                    row,
                    "community",
                    "community_missing",
                    Severity::Error,
                    "the row names no community; fill in the community column",
                );
                self.report.errors.push(problem);
                Ok(None)
            }
        }
    }

    /// The status that the row's notes give when the sheet has none for
    /// the row: a note such as "ลาออก 5/3/67" or "เสียชีวิต" in a register
    /// without a status column. A member marked so and imported as active
    /// would share in the dividend, so the note is followed, and a
    /// warning flags the row for review.
    fn status_from_notes(&mut self, row: &Row) -> Status {
        let Some(notes) = row.text("notes") else {
            return Status::Active;
        };
        let (status, thai) = match status_in_notes(notes) {
            Some(Status::Resigned) => (Status::Resigned, "ลาออก"),
            Some(Status::Deceased) => (Status::Deceased, "เสียชีวิต"),
            _ => return Status::Active,
        };
        let member_no = row.text("member_no").unwrap_or_default().to_string();
        let message = format!(
            "the notes of {member_no} read “{notes}” and the sheet gives no status, so the \
             member is imported as {}; check the status",
            status.as_str()
        );
        let mut problem = self.table.problem(
            row,
            "notes",
            "status_from_notes",
            Severity::Warning,
            message,
        );
        problem.params = vec![("member_no", member_no), ("status", thai.to_string())];
        self.report.warnings.push(problem);
        status
    }

    fn details(&mut self, row: &Row, community: &Community) -> Result<MemberDetails> {
        let (title, first_name, last_name) = names(row);
        let (address, zone_name) = address_of(row);
        let zone_id = match zone_name {
            Some(zone) => Some(ensure_zone(self.conn, community.id, &zone)?),
            None => None,
        };
        let status = match row.text("status") {
            None => self.status_from_notes(row),
            Some(text) => Status::parse(text).unwrap_or_else(|| {
                let message = format!("unknown status “{text}”; the member is imported as active");
                self.report.warnings.push(self.table.problem(
                    row,
                    "status",
                    "invalid_status",
                    Severity::Warning,
                    message,
                ));
                Status::Active
            }),
        };
        Ok(MemberDetails {
            member_no: members::normalize_member_no(row.text("member_no").unwrap_or_default()),
            title,
            first_name,
            last_name,
            national_id: row.national_id("national_id").map(str::to_string),
            phone: row.phone("phone").map(crate::import::cell::format_phone),
            address,
            community_id: community.id,
            zone_id,
            joined: row.date("joined"),
            status,
            notes: row.text("notes").map(str::to_string),
        })
    }

    /// The stored member this row describes: by member number when the
    /// sheet has one, else by national ID.
    fn existing(&self, row: &Row, details: &MemberDetails) -> Result<Option<members::Member>> {
        let id = match (row.text("member_no"), &details.national_id) {
            (Some(no), _) => members::id_of(self.conn, no)?,
            (None, Some(national_id)) => {
                match members::holder_of_national_id(self.conn, national_id)? {
                    Some(no) => members::id_of(self.conn, &no)?,
                    None => None,
                }
            }
            (None, None) => None,
        };
        id.map(|id| members::get_by_id(self.conn, id)).transpose()
    }

    fn id_conflict(&self, row: &Row, details: &MemberDetails) -> Result<Option<Problem>> {
        let Some(national_id) = &details.national_id else {
            return Ok(None);
        };
        let holder = members::holder_of_national_id(self.conn, national_id)?;
        Ok(holder
            .filter(|holder| *holder != details.member_no)
            .map(|holder| {
                let message = format!(
                "national ID {national_id} already belongs to {holder}; row for {} not imported",
                details.member_no
            );
                self.table
                    .problem(
                        row,
                        "national_id",
                        "national_id_taken",
                        Severity::Error,
                        message,
                    )
                    .with("member_no", &details.member_no)
                    .with("holder", &holder)
            }))
    }

    /// Compares a row with the stored member on the fields the sheet has,
    /// and writes the change when the user accepted it.
    fn compare(
        &mut self,
        row: &Row,
        member: &members::Member,
        incoming: MemberDetails,
    ) -> Result<RowStatus> {
        let merged = merge(self.table, &member.details, incoming);
        let changes = differences(&member.details, &merged);
        if changes.is_empty() {
            return Ok(RowStatus::Unchanged);
        }
        let accepted = self.options.accept.accepts(row.number);
        if accepted {
            members::update(self.conn, self.ctx, member.id, &merged)?;
            self.updated += 1;
            self.writes += 1;
        }
        self.changed.push(ChangedRow {
            row: row.number,
            key: merged.member_no.clone(),
            changes,
            applied: accepted,
        });
        Ok(if accepted {
            RowStatus::Updated
        } else {
            RowStatus::Changed
        })
    }

    /// Refuses a row whose member number belongs to someone else: a
    /// member of another community, or a person with another valid
    /// national ID or with both another first and last name. Accepting
    /// changes must never move a member's shares to a different person.
    fn other_person(
        &self,
        row: &Row,
        member: &members::Member,
        details: &MemberDetails,
    ) -> Result<Option<Problem>> {
        let stored = &member.details;
        let member_no = &stored.member_no;
        if stored.community_id != details.community_id {
            let theirs = members::get_community(self.conn, stored.community_id)?.name;
            let ours = members::get_community(self.conn, details.community_id)?.name;
            let message = format!(
                "member number {member_no} belongs to a member of {theirs}, but this row is for \
                 {ours}; the row was not imported, so check the community or give the member \
                 another number"
            );
            let problem = self
                .table
                .problem(
                    row,
                    "member_no",
                    "member_no_other_community",
                    Severity::Error,
                    message,
                )
                .with("member_no", member_no)
                .with("community", theirs);
            return Ok(Some(problem));
        }
        let valid = |id: &Option<String>| {
            id.as_deref()
                .filter(|id| crate::thai::national_id::is_valid(id))
                .map(str::to_string)
        };
        let other_id = match (valid(&stored.national_id), valid(&details.national_id)) {
            (Some(old), Some(new)) => old != new,
            _ => false,
        };
        let names_in_sheet =
            self.table.has_field("first_name") || self.table.has_field("full_name");
        let other_names = names_in_sheet
            && !stored.first_name.is_empty()
            && !stored.last_name.is_empty()
            && stored.first_name != details.first_name
            && stored.last_name != details.last_name;
        if !other_id && !other_names {
            return Ok(None);
        }
        let holder = format!("{} {}", stored.first_name, stored.last_name);
        let message = format!(
            "member number {member_no} belongs to {holder}, but this row names {} {}{}; \
             the row was not imported, so check the member number",
            details.first_name,
            details.last_name,
            if other_id {
                " with another national ID"
            } else {
                ""
            }
        );
        let problem = self
            .table
            .problem(
                row,
                "member_no",
                "member_no_other_person",
                Severity::Error,
                message,
            )
            .with("member_no", member_no)
            .with("holder", holder);
        Ok(Some(problem))
    }

    /// Records a register's share figure for a member. For a member who
    /// was already in the database, a figure that would change their
    /// recorded balance is a change like any other field: listed, and
    /// written only when accepted. Returns the row's status when the
    /// figure made it a change.
    fn register_balance(&mut self, row: &Row, figure: &Figure<'_>) -> Result<Option<RowStatus>> {
        let Figure {
            member_id,
            member_no,
            stated,
            is_new,
        } = *figure;
        if stated < 0 {
            let message =
                format!("share balance {stated} is below zero; the balance was not recorded");
            self.report.warnings.push(self.table.problem(
                row,
                "shares",
                "negative_shares",
                Severity::Warning,
                message,
            ));
            return Ok(None);
        }
        if already_stated(self.conn, member_id, self.as_of, stated)? {
            return Ok(None);
        }
        let current = shares::balance_at(self.conn, member_id, self.as_of)?;
        if self.locked_year.is_some() {
            if current != stated {
                self.balance_mismatch(row, member_no, stated, current);
            }
            return Ok(None);
        }
        let mut status = None;
        if !is_new && !self.ledger_covers && current != stated {
            let accepted = self.options.accept.accepts(row.number);
            self.note_change(row, member_no, current, stated, accepted);
            status = Some(if accepted {
                RowStatus::Updated
            } else {
                RowStatus::Changed
            });
            if !accepted {
                return Ok(status);
            }
        }
        let note = format!("balance stated by register {}", self.table.file);
        let restated = shares::register::restate(
            self.conn,
            self.ctx,
            member_id,
            self.as_of,
            stated,
            self.ledger_covers,
            &note,
        )?;
        if restated.mismatch(stated) {
            self.balance_mismatch(row, member_no, stated, restated.recorded);
        }
        self.conn
            .prepare_cached(
                "INSERT INTO register_balances (member_id, as_of, shares, transaction_id)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(rusqlite::params![
                member_id,
                self.as_of,
                stated,
                restated.transaction_id
            ])?;
        self.written_balances.push(self.conn.last_insert_rowid());
        self.writes += 1;
        Ok(status)
    }

    fn balance_mismatch(&mut self, row: &Row, member_no: &str, stated: i64, recorded: i64) {
        let source = if self.ledger_covers {
            "the share ledger gives"
        } else {
            "the share register already records"
        };
        let message = format!(
            "the register states {} for {member_no} on {}, but {source} {recorded}",
            crate::shares::count_text(stated),
            crate::thai::date::format_numeric(self.as_of),
        );
        self.report.warnings.push(
            self.table
                .problem(
                    row,
                    "shares",
                    "register_balance_mismatch",
                    Severity::Warning,
                    message,
                )
                .with("member_no", member_no)
                .with("stated", stated)
                .with("recorded", recorded)
                .with("date", crate::thai::date::format_numeric(self.as_of)),
        );
    }

    /// Lists a change of a member's share balance on the register's date
    /// with the row's other changes.
    fn note_change(&mut self, row: &Row, member_no: &str, old: i64, new: i64, accepted: bool) {
        let change = FieldChange {
            field: "shares",
            old: old.to_string(),
            new: new.to_string(),
        };
        match self.changed.iter_mut().find(|c| c.row == row.number) {
            Some(existing) => existing.changes.push(change),
            None => {
                self.changed.push(ChangedRow {
                    row: row.number,
                    key: member_no.to_string(),
                    changes: vec![change],
                    applied: accepted,
                });
                self.updated += usize::from(accepted);
            }
        }
    }

    fn check_share_value(&mut self, row: &Row, shares: Option<i64>) {
        let (Some(shares), Some(value)) = (shares, row.money("share_value")) else {
            return;
        };
        let expected = self.par.checked_mul(shares).unwrap_or(Satang(i64::MAX));
        if value != expected {
            let message = format!("share value {value} is not {shares} shares at par ({expected}); the share count is used");
            self.report.warnings.push(self.table.problem(
                row,
                "share_value",
                "share_value_mismatch",
                Severity::Warning,
                message,
            ));
        }
    }

    fn sheet_problem(&self, code: &'static str, message: &str) -> Problem {
        Problem {
            sheet: self.table.sheet.clone(),
            row: None,
            column: None,
            value: None,
            code,
            message: message.to_string(),
            severity: Severity::Error,
            params: Vec::new(),
        }
    }

    fn record<'f>(&'f self, file: &'f session::SourceFile) -> session::ImportRecord<'f> {
        session::ImportRecord {
            kind: KIND,
            file,
            sheet: &self.table.sheet,
            community_id: self.community.as_ref().map(|c| c.id),
            as_of: Some(self.as_of),
            period: None,
        }
    }

    /// Points the rows written by this import at its `imports` row.
    fn link(&self, import_id: i64) -> Result<()> {
        let mut members = self
            .conn
            .prepare_cached("UPDATE members SET import_id = ?2 WHERE id = ?1")?;
        for id in &self.written_members {
            members.execute((id, import_id))?;
        }
        let mut balances = self
            .conn
            .prepare_cached("UPDATE register_balances SET import_id = ?2 WHERE id = ?1")?;
        for id in &self.written_balances {
            balances.execute((id, import_id))?;
        }
        session::finish(
            self.conn,
            self.ctx,
            import_id,
            self.report.imported,
            self.updated,
        )
    }

    fn finish(mut self) -> Outcome<Details> {
        self.report.hold_back(&self.changed);
        self.report.unchanged = self
            .rows
            .iter()
            .filter(|row| row.status == RowStatus::Unchanged)
            .count();
        Outcome {
            report: self.report,
            imported_before: None,
            changed: self.changed,
            backup: None,
            details: Details {
                sheet_choice: self.table.sheet_choice.clone(),
                header_row: self.table.header_row,
                columns: self.table.columns.clone(),
                as_of: self.as_of,
                as_of_source: self.as_of_source,
                rows: self.rows,
            },
        }
    }
}

/// Finds the community named `name`, or creates it when there is none. A new name
/// close to an existing one, such as บ่อย่าง beside บ่อยาง, is most likely
/// a misspelling, so creating it is reported with the close names.
fn community_named(
    conn: &Connection,
    ctx: &Context,
    name: &str,
    table: &Table,
    report: &mut ImportReport,
) -> Result<Community> {
    if let Some(found) = members::find_community(conn, name)? {
        return Ok(found);
    }
    let closest = crate::exchange::names::closest_communities(conn, name)?;
    let community = members::ensure_community(conn, ctx, name, None)?;
    if !closest.is_empty() {
        let closest = closest.join(", ");
        let message = format!(
            "community “{}” is new and was created, but {closest} already exists with a close \
             name; if the sheet meant that community, import it again with its name",
            community.name
        );
        report.warnings.push(Problem {
            sheet: table.sheet.clone(),
            row: None,
            column: table.column_of("community").map(|c| c.letter.clone()),
            value: Some(name.to_string()),
            code: "community_created_close",
            message,
            severity: Severity::Warning,
            params: vec![("name", community.name.clone()), ("closest", closest)],
        });
    }
    Ok(community)
}

/// A register's share figure for one member.
#[derive(Clone, Copy)]
struct Figure<'r> {
    member_id: i64,
    member_no: &'r str,
    stated: i64,
    /// Whether this import added the member.
    is_new: bool,
}

/// Finds the column of a sheet that contains a share ledger's entry kinds
/// ("รายการ": ยกมา, ซื้อหุ้น, ถอนหุ้น), which a member register never has.
fn ledger_kind_column(table: &Table) -> Option<&Column> {
    table.columns.iter().find(|column| {
        let header: String = column.header.split_whitespace().collect();
        column.field.is_none() && matches!(header.as_str(), "รายการ" | "ประเภทรายการ")
    })
}

/// Whether a share ledger already imported covers `date`, which makes the
/// ledger the record of balances on that date.
pub(crate) fn ledger_covers(conn: &Connection, date: NaiveDate) -> Result<bool> {
    let found = conn
        .query_row(
            "SELECT 1 FROM imports WHERE kind = ?1 AND period_from <= ?2 AND period_to >= ?2",
            (crate::import::ledger::KIND, date),
            |_| Ok(()),
        )
        .optional()?;
    Ok(found.is_some())
}

fn already_stated(
    conn: &Connection,
    member_id: i64,
    as_of: NaiveDate,
    shares: i64,
) -> Result<bool> {
    let found = conn
        .prepare_cached(
            "SELECT 1 FROM register_balances WHERE member_id = ?1 AND as_of = ?2 AND shares = ?3",
        )?
        .query_row(rusqlite::params![member_id, as_of, shares], |_| Ok(()))
        .optional()?;
    Ok(found.is_some())
}

/// Title, first and last name, from their own columns or split from a
/// full-name column such as "นางสาวณรงค์ ชื่นใจ".
fn names(row: &Row) -> (String, String, String) {
    let own = |key| row.text(key).map(str::to_string);
    match (own("first_name"), own("full_name")) {
        (Some(first), _) => (
            own("title").unwrap_or_default(),
            first,
            own("last_name").unwrap_or_default(),
        ),
        (None, Some(full)) => {
            let (title, first, last) = split_full_name(&full);
            (
                own("title").unwrap_or(title),
                first,
                own("last_name").unwrap_or(last),
            )
        }
        (None, None) => (
            own("title").unwrap_or_default(),
            String::new(),
            own("last_name").unwrap_or_default(),
        ),
    }
}

/// Titles written before a name with no space, longest first.
const TITLES: &[&str] = &[
    "นางสาว",
    "น.ส.",
    "นาง",
    "นาย",
    "ด.ญ.",
    "ด.ช.",
    "เด็กหญิง",
    "เด็กชาย",
    "ว่าที่ร้อยตรี",
    "ร.ต.",
    "จ.ส.อ.",
    "พระ",
];

/// Splits "นางสาวณรงค์ ชื่นใจ" into title, first and last name.
///
/// ```
/// use chumchon::import::members::split_full_name;
/// assert_eq!(
///     split_full_name("นางสาวณรงค์ ชื่นใจ"),
///     ("นางสาว".to_string(), "ณรงค์".to_string(), "ชื่นใจ".to_string())
/// );
/// ```
pub fn split_full_name(full: &str) -> (String, String, String) {
    let full = full.trim();
    let mut sorted: Vec<&str> = TITLES.to_vec();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let (title, rest) = sorted
        .iter()
        .find_map(|t| {
            full.strip_prefix(t)
                .map(|rest| (t.to_string(), rest.trim()))
        })
        .unwrap_or((String::new(), full));
    let (first, last) = rest.split_once(' ').unwrap_or((rest, ""));
    (title, first.trim().to_string(), last.trim().to_string())
}

fn address_of(row: &Row) -> (Address, Option<String>) {
    let part = |key| row.text(key).map(str::to_string);
    let mut address = Address {
        house_no: part("house_no"),
        moo: part("moo"),
        soi: part("soi"),
        road: part("road"),
        subdistrict: part("subdistrict"),
        district: part("district"),
        province: part("province"),
        postcode: part("postcode"),
        text: None,
    };
    let mut zone = part("zone");
    if let Some(line) = row.text("address") {
        let split = address::split(line);
        zone = zone.or(split.zone);
        let parsed = split.address;
        address = Address {
            house_no: address.house_no.or(parsed.house_no),
            moo: address.moo.or(parsed.moo),
            soi: address.soi.or(parsed.soi),
            road: address.road.or(parsed.road),
            subdistrict: address.subdistrict.or(parsed.subdistrict),
            district: address.district.or(parsed.district),
            province: address.province.or(parsed.province),
            postcode: address.postcode.or(parsed.postcode),
            text: parsed.text,
        };
    }
    (address, zone)
}

fn ensure_zone(conn: &Connection, community_id: i64, name: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO zones (community_id, name) VALUES (?1, ?2) ON CONFLICT (community_id, name) DO NOTHING",
    )?
    .execute((community_id, name))?;
    let id = conn
        .prepare_cached("SELECT id FROM zones WHERE community_id = ?1 AND name = ?2")?
        .query_row((community_id, name), |row| row.get(0))?;
    Ok(id)
}

/// The stored details with the fields the sheet has replaced by the
/// sheet's values, so that a column the sheet lacks never blanks a field.
fn merge(table: &Table, stored: &MemberDetails, incoming: MemberDetails) -> MemberDetails {
    let has = |key: &str| table.has_field(key);
    let has_address = [
        "address",
        "house_no",
        "moo",
        "soi",
        "road",
        "subdistrict",
        "district",
        "province",
        "postcode",
    ]
    .iter()
    .any(|key| has(key));
    let names_present = has("first_name") || has("full_name");
    MemberDetails {
        member_no: stored.member_no.clone(),
        title: if has("title") || has("full_name") {
            incoming.title
        } else {
            stored.title.clone()
        },
        first_name: if names_present {
            incoming.first_name
        } else {
            stored.first_name.clone()
        },
        last_name: if has("last_name") || has("full_name") {
            incoming.last_name
        } else {
            stored.last_name.clone()
        },
        national_id: if has("national_id") {
            incoming.national_id
        } else {
            stored.national_id.clone()
        },
        phone: if has("phone") {
            incoming.phone
        } else {
            stored.phone.clone()
        },
        address: if has_address {
            incoming.address
        } else {
            stored.address.clone()
        },
        community_id: if has("community") {
            incoming.community_id
        } else {
            stored.community_id
        },
        zone_id: if has("zone") || has("address") {
            incoming.zone_id.or(stored.zone_id)
        } else {
            stored.zone_id
        },
        joined: if has("joined") {
            incoming.joined
        } else {
            stored.joined
        },
        status: if has("status") {
            incoming.status
        } else {
            stored.status
        },
        notes: if has("notes") {
            incoming.notes
        } else {
            stored.notes.clone()
        },
    }
}

fn differences(old: &MemberDetails, new: &MemberDetails) -> Vec<FieldChange> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let date = |value: &Option<NaiveDate>| value.map(|d| d.to_string()).unwrap_or_default();
    let candidates = [
        ("title", old.title.clone(), new.title.clone()),
        ("first_name", old.first_name.clone(), new.first_name.clone()),
        ("last_name", old.last_name.clone(), new.last_name.clone()),
        (
            "national_id",
            text(&old.national_id),
            text(&new.national_id),
        ),
        ("phone", text(&old.phone), text(&new.phone)),
        (
            "address",
            address_line(&old.address),
            address_line(&new.address),
        ),
        (
            "community",
            old.community_id.to_string(),
            new.community_id.to_string(),
        ),
        ("joined", date(&old.joined), date(&new.joined)),
        (
            "status",
            old.status.as_str().to_string(),
            new.status.as_str().to_string(),
        ),
        ("notes", text(&old.notes), text(&new.notes)),
    ];
    candidates
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect()
}

/// An address as one line, for showing a change.
pub fn address_line(address: &Address) -> String {
    if let Some(text) = &address.text {
        return text.clone();
    }
    let parts = [
        (address.house_no.as_deref(), ""),
        (address.moo.as_deref(), "หมู่ "),
        (address.soi.as_deref(), "ซ."),
        (address.road.as_deref(), "ถ."),
        (address.subdistrict.as_deref(), "ต."),
        (address.district.as_deref(), "อ."),
        (address.province.as_deref(), "จ."),
        (address.postcode.as_deref(), ""),
    ];
    parts
        .iter()
        .filter_map(|(value, prefix)| value.map(|v| format!("{prefix}{v}")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn preview_row(
    row: &Row,
    status: RowStatus,
    details: &MemberDetails,
    shares: Option<i64>,
) -> PreviewRow {
    PreviewRow {
        row: row.number,
        status,
        member_no: details.member_no.clone(),
        name: members::full_name(&details.title, &details.first_name, &details.last_name),
        national_id: details.national_id.clone(),
        joined: details.joined,
        shares,
    }
}

/// Finds the status a note states, such as "ลาออกเมื่อ 5/3/67" or
/// "ถึงแก่กรรม". "ตาย" alone is not read, because it is also part of other
/// words (ตายาย). A word right after a negation or a withdrawal
/// ("ไม่ลาออก", "ยกเลิกการลาออก") states no status.
///
/// ```
/// # use chumchon::import::members::status_in_notes;
/// # use chumchon::members::Status;
/// assert_eq!(status_in_notes("ลาออกเมื่อ 5/3/67"), Some(Status::Resigned));
/// assert_eq!(status_in_notes("เสียชีวิตแล้ว"), Some(Status::Deceased));
/// assert_eq!(status_in_notes("ย้ายบ้าน"), None);
/// assert_eq!(status_in_notes("ยังไม่ลาออก"), None);
/// ```
pub fn status_in_notes(notes: &str) -> Option<Status> {
    let says = |words: &[&str]| words.iter().any(|word| states(notes, word));
    if says(&["เสียชีวิต", "ถึงแก่กรรม"]) {
        Some(Status::Deceased)
    } else if says(&["ลาออก", "พ้นสภาพ", "ยกเลิกสมาชิก", "ยกเลิกการเป็นสมาชิก"])
    {
        Some(Status::Resigned)
    } else {
        None
    }
}

/// Words that, right before a status word, cancel it.
const NEGATIONS: [&str; 5] = ["ไม่", "ไม่ได้", "ยกเลิกการ", "ยกเลิก", "ถอนการ"];

/// Checks whether `notes` contains `word` somewhere not right after a negation.
fn states(notes: &str, word: &str) -> bool {
    notes.match_indices(word).any(|(at, _)| {
        let before = notes[..at].trim_end();
        !NEGATIONS.iter().any(|negation| before.ends_with(negation))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negated_note_states_no_status() {
        assert_eq!(status_in_notes("ไม่ลาออก"), None);
        assert_eq!(status_in_notes("ยังไม่ได้ลาออก"), None);
        assert_eq!(status_in_notes("ยกเลิกการลาออก 3/4/67"), None);
        assert_eq!(status_in_notes("ไม่ เสียชีวิต"), None);
    }

    #[test]
    fn plain_note_still_states_status() {
        assert_eq!(status_in_notes("ลาออก 5/3/67"), Some(Status::Resigned));
        assert_eq!(status_in_notes("ยกเลิกสมาชิก"), Some(Status::Resigned));
        assert_eq!(
            status_in_notes("ไม่ลาออก แต่เสียชีวิต 2/2/67"),
            Some(Status::Deceased)
        );
    }
}
