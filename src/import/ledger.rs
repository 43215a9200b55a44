//! Importing a legacy share ledger: opening balances (ยกมา), purchases in
//! cash, by plastic credit or from dividends, withdrawals, and transfers
//! written as a "โอนออก" row and a "โอนเข้า" row, paired into one transfer.
//!
//! A ledger covers the dates from its first entry to the end of the fiscal
//! year of its last entry. Register figures stated on a date it covers stop
//! being the record: their opening balances are reversed, and each figure
//! is checked against the ledger's balance, with every difference listed.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::import::read::{read_table, Column, Row, Table, LEDGER};
use crate::import::report::{ImportReport, Problem, Severity};
use crate::import::session::{self, AcceptChanges, ChangedRow, FieldChange, Mode, Outcome};
use crate::shares::{self, Kind, NewTransaction, Payment, Source};
use crate::{members, Context, Result, Satang};

/// Import kind stored in the `imports` table.
pub const KIND: &str = "share-ledger";

/// What to import and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Sheet to read; `None` picks the sheet that holds the ledger.
    pub sheet: Option<String>,
    /// Which changed rows to write.
    pub accept: AcceptChanges,
}

/// What a ledger row records, read from its "รายการ" text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// Balance brought forward.
    Opening,
    /// Shares bought, and how they were paid.
    Purchase(Payment),
    /// Shares sold back.
    Withdrawal,
    /// The giving side of a transfer.
    TransferOut,
    /// The receiving side of a transfer.
    TransferIn,
}

/// Reads the kind of a ledger row from its Thai or English description.
///
/// ```
/// use chumchon::import::ledger::{entry_kind, Entry};
/// use chumchon::shares::Payment;
/// assert_eq!(entry_kind("ซื้อหุ้นด้วยเครดิตพลาสติก"), Some(Entry::Purchase(Payment::PlasticCredit)));
/// assert_eq!(entry_kind("ยกมา"), Some(Entry::Opening));
/// assert_eq!(entry_kind("โอนออก"), Some(Entry::TransferOut));
/// ```
pub fn entry_kind(text: &str) -> Option<Entry> {
    let text: String = text.to_lowercase().split_whitespace().collect();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if is_cancelled(&text) {
        None
    } else if has(&["ยกมา", "ยอดยก", "opening", "broughtforward"]) {
        Some(Entry::Opening)
    } else if has(&["โอนออก", "transferout"]) {
        Some(Entry::TransferOut)
    } else if has(&["โอนเข้า", "รับโอน", "transferin"]) {
        Some(Entry::TransferIn)
    } else if has(&[
        "ถอน",
        "ขายคืน",
        "ขายหุ้น",
        "คืนหุ้น",
        "ซื้อหุ้นคืน",
        "ซื้อคืน",
        "withdraw",
        "sellback",
    ]) {
        Some(Entry::Withdrawal)
    } else if has(&["เครดิตพลาสติก", "พลาสติก", "plastic"])
    {
        Some(Entry::Purchase(Payment::PlasticCredit))
    } else if has(&["ปันผล", "dividend"]) {
        Some(Entry::Purchase(Payment::Dividend))
    } else if has(&["ซื้อ", "ถือหุ้นเพิ่ม", "เพิ่มหุ้น", "purchase", "buy"])
    {
        Some(Entry::Purchase(Payment::Cash))
    } else {
        None
    }
}

/// Checks whether a ledger row's description marks the entry as
/// cancelled, such as "ยกเลิกซื้อหุ้น". Its other words name the entry it
/// cancels, so reading them would post the opposite of what the row records.
///
/// ```
/// use chumchon::import::ledger::is_cancelled;
/// assert!(is_cancelled("ยกเลิกซื้อหุ้น"));
/// assert!(is_cancelled("Purchase (void)"));
/// assert!(!is_cancelled("ซื้อหุ้น"));
/// ```
pub fn is_cancelled(text: &str) -> bool {
    let text = text.to_lowercase();
    ["ยกเลิก", "cancel", "void"]
        .iter()
        .any(|word| text.contains(word))
}

/// What happened to one ledger row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Posted.
    New,
    /// Posted by an earlier import.
    Unchanged,
    /// Differs from what an earlier import posted; listed for the user.
    Changed,
    /// Differed; the old entry was reversed and the new one posted.
    Updated,
    /// A balance brought forward (ยกมา) for a member whose earlier entries
    /// are already recorded: compared with their balance, not posted.
    Checked,
    /// Kept out by an error.
    Rejected,
}

/// One ledger row as read and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    /// The sheet's row number.
    pub row: u32,
    /// What happened to it.
    pub status: RowStatus,
    /// Date.
    pub date: Option<NaiveDate>,
    /// Member number.
    pub member_no: String,
    /// The entry's kind.
    pub entry: Option<Entry>,
    /// Number of shares.
    pub shares: Option<i64>,
    /// Amount.
    pub amount: Option<Satang>,
    /// Receipt number.
    pub receipt_no: Option<String>,
}

/// The ledger-specific part of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    /// Why this sheet was read.
    pub sheet_choice: String,
    /// The header's row number.
    pub header_row: u32,
    /// Column mapping.
    pub columns: Vec<Column>,
    /// First and last date the ledger covers.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Every candidate row, in sheet order.
    pub rows: Vec<PreviewRow>,
    /// Register figures that differ from the ledger's balances.
    pub reconciliation: Vec<Problem>,
    /// Register figures whose opening balances this ledger replaced or
    /// restated.
    pub register_restated: usize,
}

/// A ledger row, parsed and resolved to members.
#[derive(Debug, Clone)]
struct Record {
    rows: Vec<u32>,
    date: NaiveDate,
    member_id: i64,
    member_no: String,
    entry: Entry,
    to: Option<(i64, String)>,
    shares: i64,
    amount: Satang,
    receipt_no: Option<String>,
    /// The key a re-import matches the record on, set by
    /// [`number_occurrences`]: see [`Record::base_key`].
    key: String,
}

impl Record {
    /// Builds the record's key before numbering: giving and receiving
    /// member, date, kind, shares and receipt. A file that repeats a key gets
    /// "#2", "#3" and so on after the second and later records, so that
    /// identical rows (two purchases on one day without receipts) are
    /// both kept.
    fn base_key(&self) -> String {
        let to = self.to.as_ref().map(|(_, no)| no.as_str()).unwrap_or("");
        ledger_key(
            &self.member_no,
            to,
            self.date,
            self.transaction_kind(),
            self.shares,
            self.receipt_no.as_deref(),
        )
    }

    /// The record as a person reads it, for the list of changed rows.
    fn label(&self) -> String {
        let receipt = self
            .receipt_no
            .as_deref()
            .map(|r| format!(", receipt {r}"))
            .unwrap_or_default();
        format!(
            "{} {} {} {}{receipt}",
            self.member_no,
            crate::thai::date::format_numeric(self.date),
            self.transaction_kind().as_str(),
            shares::count_text(self.shares)
        )
    }

    fn fingerprint(&self) -> String {
        let payment = match self.entry {
            Entry::Purchase(payment) => payment.as_str(),
            _ => "",
        };
        session::hash_parts(&[&self.amount.satang().to_string(), payment])
    }

    fn transaction_kind(&self) -> Kind {
        match self.entry {
            Entry::Opening => Kind::Opening,
            Entry::Purchase(_) => Kind::Purchase,
            Entry::Withdrawal => Kind::Withdrawal,
            Entry::TransferOut | Entry::TransferIn => Kind::Transfer,
        }
    }

    fn transaction(&self, import_row: u32) -> NewTransaction {
        let mut tx = NewTransaction::new(
            self.member_id,
            self.date,
            self.transaction_kind(),
            self.shares,
            self.amount,
        );
        tx.payment = match self.entry {
            Entry::Purchase(payment) => Some(payment),
            _ => None,
        };
        tx.to_member_id = self.to.as_ref().map(|(id, _)| *id);
        tx.receipt_no = self.receipt_no.clone();
        tx.source = Source::Ledger;
        tx.import_row = Some(import_row);
        tx
    }
}

/// Reads a share ledger and imports it, or with [`Mode::Preview`] reports
/// what an import would do without writing anything.
pub fn import(
    conn: &mut Connection,
    ctx: &Context,
    path: &Path,
    options: &Options,
    mode: Mode,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome<Details>> {
    let file = session::SourceFile::open(path)?;
    let table = read_table(path, &LEDGER, options.sheet.as_deref())?;
    let imported_before = session::imported_before(conn, KIND, &file, &table.sheet)?;
    let (mut outcome, backup) = session::run(conn, ctx, mode, |tx| {
        let record = session::ImportRecord {
            kind: KIND,
            file: &file,
            sheet: &table.sheet,
            community_id: None,
            as_of: None,
            period: None,
        };
        let import_id = session::record(tx, ctx, &record)?;
        let mut import = LedgerImport::new(tx, ctx, &table, options, import_id)?;
        import.run(progress)?;
        import.supersede_register()?;
        let wrote = import.written > 0 || import.register_changes > 0;
        let committed = mode == Mode::Commit && wrote;
        import.finish_import(committed)?;
        import.report.committed = committed;
        Ok((import.finish(), wrote))
    })?;
    outcome.report.file = path.display().to_string();
    outcome.imported_before = imported_before;
    outcome.backup = backup.filter(|_| outcome.report.committed);
    Ok(outcome)
}

struct LedgerImport<'a> {
    conn: &'a Connection,
    ctx: &'a Context,
    table: &'a Table,
    options: &'a Options,
    par: Satang,
    period: Option<(NaiveDate, NaiveDate)>,
    report: ImportReport,
    rows: Vec<PreviewRow>,
    changed: Vec<ChangedRow>,
    reconciliation: Vec<Problem>,
    written: usize,
    /// The `imports` row of this import, removed again when nothing was
    /// written.
    import_id: i64,
    /// Every member's share movements, kept up to date as rows are posted.
    balances: Timelines,
    /// Register figures restated because of this ledger.
    register_changes: usize,
    /// Live ledger transactions of earlier imports by giving member,
    /// receipt number and kind, to recognise a corrected row.
    receipts: HashMap<(i64, String, Kind), i64>,
    /// Fingerprints of the rows earlier ledger imports stored, by key.
    fingerprints: HashMap<String, String>,
    /// New transactions checked but not yet written, with their keys and
    /// fingerprints; see [`LedgerImport::flush`].
    pending: Vec<NewTransaction>,
    pending_fingerprints: Vec<(String, String)>,
    /// Members and approved dividend years looked up so far, as a ledger
    /// names the same members and dates on many rows.
    member_ids: HashMap<String, Option<i64>>,
    approved_years: HashMap<NaiveDate, Option<i32>>,
}

impl<'a> LedgerImport<'a> {
    fn new(
        conn: &'a Connection,
        ctx: &'a Context,
        table: &'a Table,
        options: &'a Options,
        import_id: i64,
    ) -> Result<Self> {
        let mut report = ImportReport {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            rows_read: table.rows_read,
            skipped: table.skipped.len(),
            ..ImportReport::default()
        };
        session::file_problems(&mut report, table.problems.iter().cloned());
        Ok(LedgerImport {
            conn,
            ctx,
            table,
            options,
            par: shares::policy(conn)?.par,
            period: None,
            report,
            rows: Vec::new(),
            changed: Vec::new(),
            reconciliation: Vec::new(),
            written: 0,
            import_id,
            balances: Timelines::load(conn)?,
            register_changes: 0,
            receipts: earlier_receipts(conn)?,
            fingerprints: session::fingerprints(conn, KIND)?,
            pending: Vec::new(),
            pending_fingerprints: Vec::new(),
            member_ids: HashMap::new(),
            approved_years: HashMap::new(),
        })
    }

    fn run(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        if !self.report.errors.is_empty() {
            return Ok(());
        }
        let mut records = Vec::new();
        for row in &self.table.rows {
            if let Some(record) = self.parse(row)? {
                records.push(record);
            }
        }
        let mut records = self.pair_transfers(records);
        records.sort_unstable_by_key(|record| (record.date, record.rows[0]));
        for (index, first_row) in number_occurrences(&mut records) {
            self.warn_repeated_receipt(&records[index], first_row);
        }
        self.period = period(self.conn, self.table, &records)?;
        let total = records.len();
        for (index, record) in records.iter().enumerate() {
            self.post(record)?;
            if index % 500 == 0 || index + 1 == total {
                progress(index + 1, total);
            }
        }
        self.flush()?;
        self.rows.sort_by_key(|row| row.row);
        Ok(())
    }

    /// Warns about a record identical to an earlier one, receipt number
    /// included. Identical rows without a receipt may be two purchases on
    /// one day, but one receipt is rarely issued twice, so both rows are
    /// imported and the user is asked to check.
    fn warn_repeated_receipt(&mut self, record: &Record, first_row: u32) {
        let Some(receipt) = record.receipt_no.as_deref().filter(|r| !r.is_empty()) else {
            return;
        };
        self.report.warnings.push(Problem {
            sheet: self.table.sheet.clone(),
            row: Some(record.rows[0]),
            column: self.table.column_of("receipt_no").map(|c| c.letter.clone()),
            value: Some(receipt.to_string()),
            code: "receipt_repeated",
            message: format!(
                "this row repeats row {first_row}: the same member, date, entry, shares and \
                 receipt {receipt}; both were imported, so check whether it was entered twice"
            ),
            severity: Severity::Warning,
            params: vec![
                ("receipt", receipt.to_string()),
                ("first_row", first_row.to_string()),
            ],
        });
    }

    fn member_id(&mut self, member_no: &str) -> Result<Option<i64>> {
        if let Some(id) = self.member_ids.get(member_no) {
            return Ok(*id);
        }
        let id = members::id_of(self.conn, member_no)?;
        self.member_ids.insert(member_no.to_string(), id);
        Ok(id)
    }

    fn approved_year(&mut self, date: NaiveDate) -> Result<Option<i32>> {
        if let Some(year) = self.approved_years.get(&date) {
            return Ok(*year);
        }
        let year = shares::approved_dividend_year(self.conn, date)?;
        self.approved_years.insert(date, year);
        Ok(year)
    }

    /// Reads one row into a record, or reports why it cannot be one.
    fn parse(&mut self, row: &Row) -> Result<Option<Record>> {
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) = row
            .problems
            .iter()
            .cloned()
            .partition(|p| p.severity == Severity::Error);
        self.report.warnings.extend(warnings);
        if !errors.is_empty() {
            self.report.errors.extend(errors);
            self.reject(row);
            return Ok(None);
        }
        let kind_text = row.text("kind").unwrap_or_default();
        if is_cancelled(kind_text) {
            let message = format!(
                "the entry “{kind_text}” is marked cancelled, so it is not imported; \
                 delete the row, or record what was given back as ถอนหุ้น"
            );
            return self.refuse(row, "kind", "cancelled_entry", message);
        }
        let Some(entry) = entry_kind(kind_text) else {
            let message =
                format!("unknown entry “{kind_text}”; use ยกมา, ซื้อหุ้น, ถอนหุ้น, โอนออก or โอนเข้า");
            return self.refuse(row, "kind", "unknown_entry", message);
        };
        let member_no = members::normalize_member_no(row.text("member_no").unwrap_or_default());
        let Some(member_id) = self.member_id(&member_no)? else {
            let message = format!(
                "member {member_no} is not in the register; import the member register first"
            );
            let problem = self.table.problem(
                row,
                "member_no",
                "member_not_found",
                Severity::Error,
                message,
            );
            self.report
                .errors
                .push(problem.with("member_no", &member_no));
            self.reject(row);
            return Ok(None);
        };
        let (Some(date), Some(shares)) = (row.date("date"), row.integer("shares")) else {
            let key = if row.date("date").is_none() {
                "date"
            } else {
                "shares"
            };
            return self.refuse(row, key, "missing_value", format!("the row has no {key}"));
        };
        if shares == 0 && entry == Entry::Opening {
            // "ยกมา 0" brings nothing forward: understood, nothing to post.
            self.report.skipped += 1;
            return Ok(None);
        }
        if shares > crate::import::members::MAX_SHARES {
            let message = format!("{shares} shares is not a plausible share count");
            return self.refuse(row, "shares", "shares_out_of_range", message);
        }
        if shares <= 0 {
            return self.refuse(
                row,
                "shares",
                "shares_not_positive",
                format!("{shares} shares is not a number of shares above zero"),
            );
        }
        let amount = row
            .money("amount")
            .unwrap_or(Satang(shares * self.par.satang()));
        if amount.is_negative() {
            let message = format!("the amount {amount} is below zero; write withdrawals as ถอนหุ้น with a positive amount");
            return self.refuse(row, "amount", "negative_amount", message);
        }
        self.check_plausible(row, date, shares, amount);
        let receipt_no = row.text("receipt_no").map(str::to_string);
        Ok(Some(Record {
            rows: vec![row.number],
            date,
            member_id,
            member_no,
            entry,
            to: None,
            shares,
            amount,
            receipt_no,
            key: String::new(),
        }))
    }

    /// Warns about a row that imports but looks mistyped: dated after
    /// today, or with an amount other than its shares at par.
    fn check_plausible(&mut self, row: &Row, date: NaiveDate, shares: i64, amount: Satang) {
        if date > self.ctx.today() {
            let shown = crate::thai::date::format_numeric(date);
            let message = format!("the entry is dated {shown}, after today; check the year");
            let problem = self
                .table
                .problem(row, "date", "date_in_future", Severity::Warning, message)
                .with("date", shown);
            self.report.warnings.push(problem);
        }
        if date.year() < crate::import::members::EARLIEST_JOIN_YEAR {
            let shown = crate::thai::date::format_numeric(date);
            let message = format!(
                "the entry is dated {shown}, before 2493 (1950), which is unlikely; check the year"
            );
            let problem = self
                .table
                .problem(row, "date", "date_long_ago", Severity::Warning, message)
                .with("date", shown);
            self.report.warnings.push(problem);
        }
        let at_par = self.par.checked_mul(shares).unwrap_or(Satang(i64::MAX));
        if row.money("amount").is_some() && amount != at_par {
            let message = format!(
                "the amount {amount} is not {shares} shares at par ({at_par}); the amount is kept \
                 as written"
            );
            let problem = self.table.problem(
                row,
                "amount",
                "share_value_mismatch",
                Severity::Warning,
                message,
            );
            self.report.warnings.push(problem);
        }
    }

    fn refuse(
        &mut self,
        row: &Row,
        key: &str,
        code: &'static str,
        message: String,
    ) -> Result<Option<Record>> {
        self.report
            .errors
            .push(self.table.problem(row, key, code, Severity::Error, message));
        self.reject(row);
        Ok(None)
    }

    fn reject(&mut self, row: &Row) {
        self.rows.push(PreviewRow {
            row: row.number,
            status: RowStatus::Rejected,
            date: row.date("date"),
            member_no: row.text("member_no").unwrap_or_default().to_string(),
            entry: row.text("kind").and_then(entry_kind),
            shares: row.integer("shares"),
            amount: row.money("amount"),
            receipt_no: row.text("receipt_no").map(str::to_string),
        });
    }

    /// Joins each "โอนออก" row with the "โอนเข้า" row of the same date,
    /// shares and receipt number into one transfer. A side left alone is
    /// an error.
    fn pair_transfers(&mut self, records: Vec<Record>) -> Vec<Record> {
        let mut paired = Vec::with_capacity(records.len());
        let mut waiting_in: HashMap<(NaiveDate, i64, Option<String>), Vec<Record>> = HashMap::new();
        let mut outs = Vec::new();
        for record in records {
            match record.entry {
                Entry::TransferIn => waiting_in
                    .entry((record.date, record.shares, record.receipt_no.clone()))
                    .or_default()
                    .push(record),
                Entry::TransferOut => outs.push(record),
                _ => paired.push(record),
            }
        }
        for mut out in outs {
            let key = (out.date, out.shares, out.receipt_no.clone());
            let list = waiting_in.get_mut(&key);
            let receiver = list.and_then(|list| {
                let position = list.iter().position(|r| r.member_id != out.member_id)?;
                Some(list.remove(position))
            });
            if let Some(receiver) = receiver {
                out.rows.extend(receiver.rows);
                out.to = Some((receiver.member_id, receiver.member_no));
                paired.push(out);
                continue;
            }
            let own_in = waiting_in.get_mut(&key).and_then(|list| {
                let position = list.iter().position(|r| r.member_id == out.member_id)?;
                Some(list.remove(position))
            });
            match own_in {
                Some(own_in) => self.transfer_to_self(&out, &own_in),
                None => self.unpaired(&out, "โอนออก", "โอนเข้า"),
            }
        }
        for lonely in waiting_in.into_values().flatten() {
            self.unpaired(&lonely, "โอนเข้า", "โอนออก");
        }
        paired
    }

    /// Rejects a "โอนออก" row and the "โอนเข้า" row that would pair with
    /// it but names the same member: a transfer needs two members, so one
    /// of the two member numbers is wrong.
    fn transfer_to_self(&mut self, out: &Record, own_in: &Record) {
        let date = crate::thai::date::format_numeric(out.date);
        let message = format!(
            "{} transfers {} to themselves on {date} (rows {} and {}); a transfer needs two \
             members, so correct the member number of the โอนออก or the โอนเข้า row",
            out.member_no,
            shares::count_text(out.shares),
            out.rows[0],
            own_in.rows[0]
        );
        for (record, side) in [(out, "โอนออก"), (own_in, "โอนเข้า")] {
            let row = record.rows[0];
            self.report.errors.push(Problem {
                sheet: self.table.sheet.clone(),
                row: Some(row),
                column: self.table.column_of("member_no").map(|c| c.letter.clone()),
                value: Some(record.member_no.clone()),
                code: "transfer_to_self",
                message: message.clone(),
                severity: Severity::Error,
                params: vec![
                    ("member_no", record.member_no.clone()),
                    ("shares", record.shares.to_string()),
                    ("date", date.clone()),
                    ("side", side.to_string()),
                ],
            });
            self.push_row(record, row, RowStatus::Rejected);
        }
    }

    fn unpaired(&mut self, record: &Record, side: &str, other: &str) {
        let row = record.rows[0];
        self.report.errors.push(Problem {
            sheet: self.table.sheet.clone(),
            row: Some(row),
            column: self.table.column_of("kind").map(|c| c.letter.clone()),
            value: Some(side.to_string()),
            code: "transfer_unpaired",
            message: format!(
                "{side} of {} by {} on {} has no matching {other} row with the same date, shares and receipt number",
                shares::count_text(record.shares),
                record.member_no,
                crate::thai::date::format_numeric(record.date)
            ),
            severity: Severity::Error,
            params: Vec::new(),
        });
        self.push_row(record, row, RowStatus::Rejected);
    }

    fn post(&mut self, record: &Record) -> Result<()> {
        let key = &record.key;
        let fingerprint = record.fingerprint();
        let stored = self
            .fingerprints
            .get(key)
            .map(|stored| *stored == fingerprint);
        let status = match stored {
            Some(true) => RowStatus::Unchanged,
            Some(false) if self.in_approved_year(record)? => RowStatus::Rejected,
            Some(false) => {
                let previous = previous_transaction(self.conn, key)?;
                self.change(record, key, previous)?
            }
            None if record.entry == Entry::Opening
                && self
                    .balances
                    .has_entries_before(record.member_id, record.date) =>
            {
                self.check_opening(record)
            }
            None if self.in_approved_year(record)? => RowStatus::Rejected,
            None => match self.same_receipt(record)? {
                Some(previous) => self.change(record, key, Some(previous))?,
                None => self.post_new(record, key, &fingerprint)?,
            },
        };
        if status != RowStatus::Rejected {
            self.report.imported += record.rows.len() * usize::from(status == RowStatus::New);
        }
        for row in &record.rows {
            self.push_row(record, *row, status);
        }
        Ok(())
    }

    /// Refuses a record that would be written into a year whose dividend
    /// is approved, since it would change the balances the dividend was
    /// paid on. Rows recorded before pass unchanged, so that importing
    /// the same ledger again after the dividend still changes nothing.
    fn in_approved_year(&mut self, record: &Record) -> Result<bool> {
        let Some(year_be) = self.approved_year(record.date)? else {
            return Ok(false);
        };
        let date = crate::thai::date::format_numeric(record.date);
        self.report.errors.push(Problem {
            sheet: self.table.sheet.clone(),
            row: Some(record.rows[0]),
            column: self.table.column_of("date").map(|c| c.letter.clone()),
            value: Some(date.clone()),
            code: "dividend_year_approved",
            message: format!(
                "the {year_be} dividend is approved, so an entry dated {date} would change the \
                 balances it was paid on; reverse the {year_be} dividend run first"
            ),
            severity: Severity::Error,
            params: vec![("year", year_be.to_string())],
        });
        Ok(true)
    }

    /// Compares a balance brought forward with the balance the member's
    /// recorded entries give the day before, as the ledger of a following
    /// year opens with last year's closing balances. Nothing is posted,
    /// because those entries already make up the balance; a difference is
    /// listed for the user.
    fn check_opening(&mut self, record: &Record) -> RowStatus {
        let recorded = self.balances.balance_before(record.member_id, record.date);
        if recorded != record.shares {
            let date = crate::thai::date::format_numeric(record.date);
            let message = format!(
                "the ledger brings forward {} for {} on {date}, but the recorded entries \
                 give {recorded}; the recorded balance is kept, so check the entries before {date}",
                shares::count_text(record.shares),
                record.member_no
            );
            self.report.warnings.push(Problem {
                sheet: self.table.sheet.clone(),
                row: Some(record.rows[0]),
                column: self.table.column_of("shares").map(|c| c.letter.clone()),
                value: Some(record.shares.to_string()),
                code: "opening_balance_mismatch",
                message,
                severity: Severity::Warning,
                params: vec![
                    ("member_no", record.member_no.clone()),
                    ("stated", record.shares.to_string()),
                    ("recorded", recorded.to_string()),
                    ("date", date),
                ],
            });
        }
        RowStatus::Checked
    }

    /// Posts a record no earlier import posted, after checking in memory
    /// that it keeps the giving member's balance at zero or above.
    fn post_new(&mut self, record: &Record, key: &str, fingerprint: &str) -> Result<RowStatus> {
        let outgoing = match record.entry {
            Entry::Withdrawal | Entry::TransferOut => record.shares,
            _ => 0,
        };
        let lowest = self.balances.lowest_from(record.member_id, record.date);
        if lowest < outgoing {
            let message = format!(
                "member {} holds {lowest} shares on or after {}, fewer than the {outgoing} this row takes away",
                record.member_no,
                crate::thai::date::format_numeric(record.date)
            );
            self.report.errors.push(Problem {
                sheet: self.table.sheet.clone(),
                row: Some(record.rows[0]),
                column: self.table.column_of("shares").map(|c| c.letter.clone()),
                value: Some(record.shares.to_string()),
                code: "share_balance_negative",
                message,
                severity: Severity::Error,
                params: vec![
                    ("member_no", record.member_no.clone()),
                    ("held", lowest.to_string()),
                    ("date", crate::thai::date::format_numeric(record.date)),
                ],
            });
            return Ok(RowStatus::Rejected);
        }
        if record.entry == Entry::Purchase(Payment::PlasticCredit) {
            self.flush()?;
            let id = shares::post_checked(self.conn, self.ctx, &self.transaction(record))?;
            self.use_plastic_credit(record, id)?;
        } else {
            self.pending.push(self.transaction(record));
        }
        let delta = if outgoing > 0 {
            -outgoing
        } else {
            record.shares
        };
        self.balances.apply(record.member_id, record.date, delta);
        if let Some((receiver, _)) = &record.to {
            self.balances.apply(*receiver, record.date, record.shares);
        }
        self.written += 1;
        self.pending_fingerprints
            .push((key.to_string(), fingerprint.to_string()));
        Ok(RowStatus::New)
    }

    /// Writes the pending transactions and fingerprints, many rows to a
    /// statement. Every path that reads share transactions or fingerprints
    /// back from the database flushes first.
    ///
    /// Rows wait until the end of the sheet, unless a correction or a
    /// plastic-credit purchase needs them earlier. They go in in the order
    /// they were checked, by date and row, because statements list a day's
    /// entries in the order of their ids: a transfer in must come before
    /// the withdrawal of the same shares. Fingerprints go in sorted by key,
    /// because SQLite adds keys in index order far faster than in random
    /// order.
    fn flush(&mut self) -> Result<()> {
        shares::post_checked_many(self.conn, self.ctx, &self.pending)?;
        self.pending.clear();
        self.pending_fingerprints.sort_unstable();
        session::set_fingerprints(self.conn, KIND, &self.pending_fingerprints, self.import_id)?;
        self.pending_fingerprints.clear();
        Ok(())
    }

    /// Takes a purchase paid by plastic credit from the member's credit,
    /// so that the same credit cannot buy shares again, and warns when the
    /// member's deposit credits on that date do not cover it.
    fn use_plastic_credit(&mut self, record: &Record, share_transaction_id: i64) -> Result<()> {
        let short = crate::waste::credit::record_share_purchase(
            self.conn,
            self.ctx,
            record.member_id,
            record.date,
            share_transaction_id,
            record.amount,
        )?;
        if short.satang() > 0 {
            let date = crate::thai::date::format_numeric(record.date);
            let message = format!(
                "{} bought shares for {} with plastic credit on {date}, but their recorded \
                 credit falls {short} baht short; import the deposits credited before {date}",
                record.member_no, record.amount
            );
            self.report.warnings.push(Problem {
                sheet: self.table.sheet.clone(),
                row: Some(record.rows[0]),
                column: self.table.column_of("kind").map(|c| c.letter.clone()),
                value: None,
                code: "plastic_credit_short",
                message,
                severity: Severity::Warning,
                params: vec![
                    ("member_no", record.member_no.clone()),
                    ("short", short.to_string()),
                    ("date", date),
                ],
            });
        }
        Ok(())
    }

    /// Handles a record posted before with another amount or payment:
    /// listed, and when accepted, the old entry is reversed and the new one
    /// posted.
    fn change(
        &mut self,
        record: &Record,
        key: &str,
        previous: Option<shares::Transaction>,
    ) -> Result<RowStatus> {
        self.flush()?;
        let changes = match &previous {
            Some(old) => describe_change(old, record),
            None => Vec::new(),
        };
        let accepted = self.options.accept.accepts(record.rows[0]);
        if accepted && !self.correction_keeps_balances(record, previous.as_ref()) {
            return Ok(RowStatus::Rejected);
        }
        if accepted {
            if let Some(old) = &previous {
                shares::reverse_with(
                    self.conn,
                    self.ctx,
                    old.id,
                    "corrected by a re-imported share ledger",
                    shares::BalanceCheck::ByCaller,
                )?;
                self.conn.execute(
                    "DELETE FROM import_rows WHERE kind = ?1 AND row_key = ?2",
                    (KIND, transaction_key(self.conn, old)?),
                )?;
            }
            let id = shares::post(self.conn, self.ctx, &self.transaction(record))?;
            if record.entry == Entry::Purchase(Payment::PlasticCredit) {
                self.use_plastic_credit(record, id)?;
            }
            let old_receiver = previous.as_ref().and_then(|old| old.to_member_id);
            let new_receiver = record.to.as_ref().map(|(id, _)| *id);
            let members = [Some(record.member_id), old_receiver, new_receiver];
            for member_id in members.into_iter().flatten() {
                self.balances.reload(self.conn, member_id)?;
            }
            self.written += 1;
            session::set_fingerprint(self.conn, KIND, key, &record.fingerprint(), self.import_id)?;
        }
        self.changed.push(ChangedRow {
            row: record.rows[0],
            key: record.label(),
            changes,
            applied: accepted,
        });
        Ok(if accepted {
            RowStatus::Updated
        } else {
            RowStatus::Changed
        })
    }

    /// Checks that taking back `previous` and posting `record` in its place
    /// leaves every member concerned at zero shares or above on every date.
    /// The two are judged together, because taking back a purchase alone
    /// may dip below zero where later withdrawals used its shares. Lists
    /// the row as an error when the correction fails the check.
    fn correction_keeps_balances(
        &mut self,
        record: &Record,
        previous: Option<&shares::Transaction>,
    ) -> bool {
        let mut changes: Vec<(i64, NaiveDate, i64)> = Vec::new();
        if let Some(old) = previous {
            let outgoing = matches!(old.kind, Kind::Withdrawal | Kind::Transfer);
            let delta = if outgoing { -old.shares } else { old.shares };
            changes.push((old.member_id, old.date, -delta));
            if let Some(receiver) = old.to_member_id {
                changes.push((receiver, old.date, -old.shares));
            }
        }
        let outgoing = matches!(record.entry, Entry::Withdrawal | Entry::TransferOut);
        let delta = if outgoing {
            -record.shares
        } else {
            record.shares
        };
        changes.push((record.member_id, record.date, delta));
        if let Some((receiver, _)) = &record.to {
            changes.push((*receiver, record.date, record.shares));
        }
        let mut members: Vec<i64> = changes.iter().map(|(member, _, _)| *member).collect();
        members.sort_unstable();
        members.dedup();
        for member_id in members {
            let own: Vec<(NaiveDate, i64)> = changes
                .iter()
                .filter(|(member, _, _)| *member == member_id)
                .map(|(_, date, delta)| (*date, *delta))
                .collect();
            let Some((held, date)) = self.balances.lowest_with(member_id, &own) else {
                continue;
            };
            let member_no = if member_id == record.member_id {
                record.member_no.clone()
            } else {
                record
                    .to
                    .as_ref()
                    .filter(|(id, _)| *id == member_id)
                    .map_or_else(|| member_id.to_string(), |(_, no)| no.clone())
            };
            let date = crate::thai::date::format_numeric(date);
            self.report.errors.push(Problem {
                sheet: self.table.sheet.clone(),
                row: Some(record.rows[0]),
                column: self.table.column_of("shares").map(|c| c.letter.clone()),
                value: Some(record.shares.to_string()),
                code: "share_balance_negative",
                message: format!(
                    "accepting this corrected row would leave member {member_no} with {held} \
                     shares on {date}; correct the later rows that use these shares in the \
                     same file, or leave this row as it was"
                ),
                severity: Severity::Error,
                params: vec![
                    ("member_no", member_no),
                    ("held", held.to_string()),
                    ("date", date),
                ],
            });
            return false;
        }
        true
    }

    /// A live transaction that an earlier ledger import posted with the same
    /// member, kind and receipt number as `record` but another date, share
    /// count or amount: the same receipt, corrected.
    fn same_receipt(&self, record: &Record) -> Result<Option<shares::Transaction>> {
        let Some(receipt) = record.receipt_no.as_deref().filter(|r| !r.is_empty()) else {
            return Ok(None);
        };
        let key = (
            record.member_id,
            receipt.to_string(),
            record.transaction_kind(),
        );
        match self.receipts.get(&key) {
            Some(id) if shares::reversal_of(self.conn, *id)?.is_none() => {
                Ok(Some(shares::stored(self.conn, *id)?))
            }
            _ => Ok(None),
        }
    }

    fn push_row(&mut self, record: &Record, row: u32, status: RowStatus) {
        let receiving = record.rows.len() > 1 && record.rows[1] == row;
        let member_no = match (&record.to, receiving) {
            (Some((_, to)), true) => to.clone(),
            _ => record.member_no.clone(),
        };
        let entry = if receiving {
            Entry::TransferIn
        } else {
            record.entry
        };
        self.rows.push(PreviewRow {
            row,
            status,
            date: Some(record.date),
            member_no,
            entry: Some(entry),
            shares: Some(record.shares),
            amount: Some(record.amount),
            receipt_no: record.receipt_no.clone(),
        });
    }

    fn transaction(&self, record: &Record) -> NewTransaction {
        let mut tx = record.transaction(record.rows[0]);
        tx.import_id = Some(self.import_id);
        tx
    }

    /// Stores the period and counts of the import, or removes its record
    /// when nothing was written.
    fn finish_import(&self, committed: bool) -> Result<()> {
        if !committed {
            // A preview is rolled back as a whole. A commit that wrote no
            // transaction leaves no row that refers to the import.
            if self.written == 0 {
                self.conn.execute(
                    "DELETE FROM import_rows WHERE import_id = ?1",
                    [self.import_id],
                )?;
                self.conn
                    .execute("DELETE FROM imports WHERE id = ?1", [self.import_id])?;
            }
            return Ok(());
        }
        let updated = self.changed.iter().filter(|c| c.applied).count();
        session::finish(
            self.conn,
            self.ctx,
            self.import_id,
            self.report.imported,
            updated,
        )?;
        self.conn.execute(
            "UPDATE imports SET period_from = ?2, period_to = ?3 WHERE id = ?1",
            rusqlite::params![
                self.import_id,
                self.period.map(|p| p.0),
                self.period.map(|p| p.1)
            ],
        )?;
        Ok(())
    }

    /// Reverses the opening balances posted for register figures on dates
    /// this ledger covers, then lists each figure that differs from the
    /// ledger's balance.
    fn supersede_register(&mut self) -> Result<()> {
        let Some((from, to)) = self.period else {
            return Ok(());
        };
        for figure in latest_figures_from(self.conn, from)? {
            if shares::approved_dividend_year(self.conn, figure.as_of)?.is_some() {
                // The approved year's balances stay as they were paid on.
                continue;
            }
            let covered = figure.as_of <= to
                || crate::import::members::ledger_covers(self.conn, figure.as_of)?;
            let note = "register figure restated after a share ledger import";
            let restated = shares::register::restate(
                self.conn,
                self.ctx,
                figure.member_id,
                figure.as_of,
                figure.shares,
                covered,
                note,
            )?;
            if restated.changed {
                self.register_changes += 1;
                self.conn.execute(
                    "UPDATE register_balances SET transaction_id = ?2 WHERE id = ?1",
                    (figure.id, restated.transaction_id),
                )?;
            }
            if restated.mismatch(figure.shares) {
                self.mismatch(&figure, restated.recorded);
            }
        }
        Ok(())
    }

    fn mismatch(&mut self, figure: &Figure, balance: i64) {
        let problem = Problem {
            sheet: self.table.sheet.clone(),
            row: None,
            column: None,
            value: Some(figure.member_no.clone()),
            code: "register_balance_mismatch",
            message: format!(
                "the member register states {} for {} on {}, but the share ledger gives {balance}",
                shares::count_text(figure.shares),
                figure.member_no,
                crate::thai::date::format_numeric(figure.as_of),
            ),
            severity: Severity::Warning,
            params: vec![
                ("member_no", figure.member_no.clone()),
                ("stated", figure.shares.to_string()),
                ("recorded", balance.to_string()),
                ("date", crate::thai::date::format_numeric(figure.as_of)),
            ],
        };
        self.reconciliation.push(problem.clone());
        self.report.warnings.push(problem);
    }

    fn finish(mut self) -> Outcome<Details> {
        self.report.hold_back(&self.changed);
        let count = |status: RowStatus| self.rows.iter().filter(|row| row.status == status).count();
        self.report.unchanged = count(RowStatus::Unchanged);
        self.report.checked = count(RowStatus::Checked);
        Outcome {
            report: self.report,
            imported_before: None,
            changed: self.changed,
            backup: None,
            details: Details {
                sheet_choice: self.table.sheet_choice.clone(),
                header_row: self.table.header_row,
                columns: self.table.columns.clone(),
                period: self.period,
                rows: self.rows,
                reconciliation: self.reconciliation,
                register_restated: self.register_changes,
            },
        }
    }
}

/// Each member's share movements in date order, so that an import of
/// thousands of rows checks balances without a query per row.
struct Timelines {
    by_member: HashMap<i64, Vec<(NaiveDate, i64)>>,
}

impl Timelines {
    fn load(conn: &Connection) -> Result<Timelines> {
        let mut by_member: HashMap<i64, Vec<(NaiveDate, i64)>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT member_id, date, delta FROM share_movements ORDER BY member_id, date",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        for row in rows {
            let (member_id, date, delta) = row?;
            by_member.entry(member_id).or_default().push((date, delta));
        }
        Ok(Timelines { by_member })
    }

    /// Reads one member's movements again after a change made through
    /// the share register's own checks.
    fn reload(&mut self, conn: &Connection, member_id: i64) -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "SELECT date, delta FROM share_movements WHERE member_id = ?1 ORDER BY date",
        )?;
        let movements = stmt.query_map([member_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        self.by_member
            .insert(member_id, movements.collect::<rusqlite::Result<_>>()?);
        Ok(())
    }

    /// Checks whether the member has a recorded movement dated before `date`.
    fn has_entries_before(&self, member_id: i64, date: NaiveDate) -> bool {
        self.by_member
            .get(&member_id)
            .is_some_and(|movements| movements.first().is_some_and(|(day, _)| *day < date))
    }

    /// Returns the member's balance at the end of the day before `date`.
    fn balance_before(&self, member_id: i64, date: NaiveDate) -> i64 {
        let Some(movements) = self.by_member.get(&member_id) else {
            return 0;
        };
        let split = movements.partition_point(|(day, _)| *day < date);
        movements[..split].iter().map(|(_, delta)| delta).sum()
    }

    /// The lowest balance the member has on `date` or any later date.
    fn lowest_from(&self, member_id: i64, date: NaiveDate) -> i64 {
        let Some(movements) = self.by_member.get(&member_id) else {
            return 0;
        };
        let split = movements.partition_point(|(day, _)| *day <= date);
        let mut balance: i64 = movements[..split].iter().map(|(_, delta)| delta).sum();
        let mut lowest = balance;
        for (_, delta) in &movements[split..] {
            balance += delta;
            lowest = lowest.min(balance);
        }
        lowest
    }

    /// Finds the lowest end-of-day balance the member would have with
    /// `changes` (date, shares) added, and its date, when it is below
    /// zero.
    fn lowest_with(
        &self,
        member_id: i64,
        changes: &[(NaiveDate, i64)],
    ) -> Option<(i64, NaiveDate)> {
        let mut by_day: std::collections::BTreeMap<NaiveDate, i64> =
            std::collections::BTreeMap::new();
        let movements = self.by_member.get(&member_id).into_iter().flatten();
        for (date, delta) in movements.chain(changes) {
            *by_day.entry(*date).or_default() += delta;
        }
        let mut balance = 0;
        let mut lowest: Option<(i64, NaiveDate)> = None;
        for (date, delta) in by_day {
            balance += delta;
            if balance < lowest.map_or(0, |(held, _)| held) {
                lowest = Some((balance, date));
            }
        }
        lowest
    }

    fn apply(&mut self, member_id: i64, date: NaiveDate, delta: i64) {
        let movements = self.by_member.entry(member_id).or_default();
        let position = movements.partition_point(|(day, _)| *day <= date);
        movements.insert(position, (date, delta));
    }
}

fn ledger_key(
    from: &str,
    to: &str,
    date: NaiveDate,
    kind: Kind,
    shares: i64,
    receipt: Option<&str>,
) -> String {
    format!(
        "{from}>{to}|{date}|{}|{shares}|{}",
        kind.as_str(),
        receipt.unwrap_or("")
    )
}

/// Live transactions that earlier ledger imports posted with a receipt
/// number, by giving member, receipt and kind. Read once, because looking
/// each row up on its own took most of a 100,000-row import's time.
fn earlier_receipts(conn: &Connection) -> Result<HashMap<(i64, String, Kind), i64>> {
    let mut stmt = conn.prepare(
        "SELECT t.member_id, t.receipt_no, t.kind, max(t.id) FROM share_transactions t
         WHERE t.source = 'ledger' AND t.receipt_no IS NOT NULL AND t.receipt_no <> ''
           AND t.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM share_transactions r WHERE r.reverses_id = t.id)
         GROUP BY t.member_id, t.receipt_no, t.kind",
    )?;
    let mut receipts = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let kind = row.get_ref(2)?.as_str().unwrap_or("");
        if let Some(kind) = Kind::parse(kind) {
            receipts.insert((row.get(0)?, row.get(1)?, kind), row.get(3)?);
        }
    }
    Ok(receipts)
}

/// Sets each record's key, numbering records that repeat another
/// record's key in file order. Returns the repeats, as the index of the
/// repeating record and the first sheet row with its key.
fn number_occurrences(records: &mut [Record]) -> Vec<(usize, u32)> {
    let mut seen: HashMap<String, (u32, u32)> = HashMap::new();
    let mut repeats = Vec::new();
    for (index, record) in records.iter_mut().enumerate() {
        let base = record.base_key();
        let (count, first_row) = seen.entry(base.clone()).or_insert((0, record.rows[0]));
        *count += 1;
        if *count > 1 {
            repeats.push((index, *first_row));
        }
        record.key = match *count {
            1 => base,
            n => format!("{base}#{n}"),
        };
    }
    repeats
}

/// A register's latest figure for a member on a date.
struct Figure {
    id: i64,
    member_id: i64,
    member_no: String,
    as_of: NaiveDate,
    shares: i64,
}

/// The latest register figure for each member and date from `from` on.
fn latest_figures_from(conn: &Connection, from: NaiveDate) -> Result<Vec<Figure>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.member_id, m.member_no, r.as_of, r.shares
         FROM register_balances r JOIN members m ON m.id = r.member_id
         WHERE r.as_of >= ?1
           AND r.id = (SELECT max(id) FROM register_balances l
                       WHERE l.member_id = r.member_id AND l.as_of = r.as_of)
         ORDER BY m.member_no, r.as_of",
    )?;
    let rows = stmt.query_map([from], |row| {
        Ok(Figure {
            id: row.get(0)?,
            member_id: row.get(1)?,
            member_no: row.get(2)?,
            as_of: row.get(3)?,
            shares: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The dates a ledger covers: from its first entry to the end of the
/// fiscal year of its last entry, or of the year its title names.
fn period(
    conn: &Connection,
    table: &Table,
    records: &[Record],
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let (Some(first), Some(last)) = (records.first(), records.last()) else {
        return Ok(None);
    };
    let first_month = crate::db::setting_i64(conn, "fiscal_first_month", 1)?.clamp(1, 12) as u32;
    let title_year = table
        .title_lines
        .iter()
        .find_map(|line| crate::thai::date::find_be_year(line));
    let last_year_be = crate::thai::date::be_year(last.date);
    let fiscal_year_be = |date: NaiveDate| {
        let month = chrono::Datelike::month(&date);
        crate::thai::date::be_year(date) + i32::from(first_month != 1 && month >= first_month)
    };
    let year_be = title_year
        .unwrap_or(last_year_be)
        .max(fiscal_year_be(last.date));
    let end = crate::dividends::fiscal_period(year_be, first_month)
        .map(|(_, end)| end)
        .unwrap_or(last.date);
    Ok(Some((first.date, end.max(last.date))))
}

/// The live transaction an earlier import posted for `key`.
fn previous_transaction(conn: &Connection, key: &str) -> Result<Option<shares::Transaction>> {
    let mut parts = key.split('|');
    let members_part = parts.next().unwrap_or("");
    let (from, to) = members_part.split_once('>').unwrap_or((members_part, ""));
    let date = parts.next().unwrap_or("");
    let kind = parts.next().unwrap_or("");
    let shares_count = parts.next().unwrap_or("");
    let receipt = parts.next().unwrap_or("").split('#').next().unwrap_or("");
    let id: Option<i64> = conn
        .query_row(
            "SELECT t.id FROM share_transactions t
             JOIN members fm ON fm.id = t.member_id
             LEFT JOIN members tm ON tm.id = t.to_member_id
             WHERE fm.member_no = ?1 AND coalesce(tm.member_no, '') = ?2 AND t.date = ?3
               AND t.kind = ?4 AND t.shares = ?5 AND coalesce(t.receipt_no, '') = ?6
               AND t.reverses_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM share_transactions r WHERE r.reverses_id = t.id)
             ORDER BY t.id DESC LIMIT 1",
            rusqlite::params![from, to, date, kind, shares_count, receipt],
            |row| row.get(0),
        )
        .optional()?;
    id.map(|id| shares::stored(conn, id)).transpose()
}

/// The key an earlier import stored for a transaction.
fn transaction_key(conn: &Connection, transaction: &shares::Transaction) -> Result<String> {
    let member_no = |id: i64| -> Result<String> {
        Ok(
            conn.query_row("SELECT member_no FROM members WHERE id = ?1", [id], |row| {
                row.get(0)
            })?,
        )
    };
    let to = match transaction.to_member_id {
        Some(id) => member_no(id)?,
        None => String::new(),
    };
    Ok(ledger_key(
        &member_no(transaction.member_id)?,
        &to,
        transaction.date,
        transaction.kind,
        transaction.shares,
        transaction.receipt_no.as_deref(),
    ))
}

fn describe_change(old: &shares::Transaction, record: &Record) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    if old.date != record.date {
        let date = crate::thai::date::format_numeric;
        changes.push(FieldChange {
            field: "date",
            old: date(old.date),
            new: date(record.date),
        });
    }
    if old.shares != record.shares {
        changes.push(FieldChange {
            field: "shares",
            old: old.shares.to_string(),
            new: record.shares.to_string(),
        });
    }
    if old.amount != record.amount {
        changes.push(FieldChange {
            field: "amount",
            old: old.amount.to_string(),
            new: record.amount.to_string(),
        });
    }
    let new_payment = match record.entry {
        Entry::Purchase(payment) => Some(payment),
        _ => None,
    };
    if old.payment != new_payment {
        let text = |p: Option<Payment>| p.map(|p| p.as_str().to_string()).unwrap_or_default();
        changes.push(FieldChange {
            field: "payment",
            old: text(old.payment),
            new: text(new_payment),
        });
    }
    changes
}
