//! Importing legacy loans of the community bank from a workbook of two
//! sheets: the loan register (contract number, member, date, principal,
//! yearly rate, number of monthly instalments, guarantors, purpose) and
//! the repayments (date, contract number, amount, and the principal and
//! interest parts as the office split them).
//!
//! Each loan is stored with its schedule and its disbursement; each
//! repayment as recorded, even where the office's rounding differs from
//! the schedule's, so the principal outstanding follows from the sheet. A
//! loan left owing less than one baht after its repayments is reported as
//! a warning, never rounded away. A loan dated before its borrower or a
//! guarantor joined is imported with a warning. Members are looked up by
//! member number, so the member register must be imported first.
//!
//! Importing the same file again adds nothing: loans are matched by
//! contract number and repayments by contract, date and occurrence. A
//! repayment that reads differently from the one imported before is
//! listed; with its change accepted, the old one is reversed and the new
//! one posted. A loan whose terms changed is listed and left as it is,
//! because its schedule and repayments hang on them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::fund::accounts::Via;
use crate::fund::loans::{self, Loan, LoanStatus, NewLoan, NewTransaction, Posted};
use crate::fund::position::{self, TransactionKind};
use crate::fund::products::{self, PenaltyRule};
use crate::fund::repayments;
use crate::fund::schedule::{self, Method, Terms};
use crate::import::implausible_date;
use crate::import::read::{
    list_sheets, read_table, Column, FieldKind, FieldSpec, Row, Schema, Table,
};
use crate::import::report::{ImportReport, Problem, Severity};
use crate::import::session::{self, AcceptChanges, ChangedRow, FieldChange, Mode, Outcome};
use crate::thai::date::format_numeric;
use crate::{members, Context, Result, Satang};

/// Import kind of the loan register in the `imports` table.
pub const KIND: &str = "loans";
/// Fingerprint kind of imported repayments.
const REPAYMENT_KIND: &str = "loan-repayments";

const LOAN_NO: FieldSpec = FieldSpec {
    key: "loan_no",
    synonyms: &[
        "เลขที่สัญญา",
        "เลขที่สัญญาเงินกู้",
        "สัญญาเลขที่",
        "เลขสัญญา",
        "loan no",
        "loan number",
        "contract no",
    ],
    exact_synonyms: &["สัญญา", "loan"],
    kind: FieldKind::Text,
    required: true,
};

/// Fields of the loan register.
pub const LOANS: Schema = Schema {
    name: "loan register",
    fields: &[
        FieldSpec {
            key: "seq",
            synonyms: &["ลำดับ", "ลำดับที่"],
            exact_synonyms: &["ที่", "no", "#", "seq"],
            kind: FieldKind::Ignored,
            required: false,
        },
        LOAN_NO,
        FieldSpec {
            key: "member_no",
            synonyms: &[
                "เลขที่สมาชิก",
                "เลขสมาชิก",
                "รหัสสมาชิก",
                "member no",
                "member number",
            ],
            exact_synonyms: &["รหัส", "member"],
            kind: FieldKind::Code,
            required: true,
        },
        FieldSpec {
            key: "name",
            synonyms: &["ชื่อ-สกุล", "ชื่อผู้กู้", "ชื่อสมาชิก", "full name"],
            exact_synonyms: &["ชื่อ", "name"],
            kind: FieldKind::Ignored,
            required: false,
        },
        FieldSpec {
            key: "date",
            synonyms: &["วันที่กู้", "วันที่ทำสัญญา", "วันที่จ่ายเงินกู้", "วันที่รับเงินกู้", "loan date"],
            exact_synonyms: &["วันที่", "date"],
            kind: FieldKind::Date,
            required: true,
        },
        FieldSpec {
            key: "principal",
            synonyms: &["เงินต้น", "จำนวนเงินกู้", "ยอดเงินกู้", "วงเงินกู้", "principal"],
            exact_synonyms: &["จำนวนเงิน", "amount"],
            kind: FieldKind::Money,
            required: true,
        },
        FieldSpec {
            key: "rate",
            synonyms: &["อัตราดอกเบี้ย", "ดอกเบี้ยต่อปี", "interest rate"],
            exact_synonyms: &["ดอกเบี้ย", "rate"],
            kind: FieldKind::Decimal { places: 4 },
            required: true,
        },
        FieldSpec {
            key: "months",
            synonyms: &["จำนวนงวด", "ระยะเวลากู้", "ระยะเวลา", "term", "months"],
            exact_synonyms: &["งวด"],
            kind: FieldKind::Integer,
            required: true,
        },
        FieldSpec {
            key: "guarantors",
            synonyms: &["ผู้ค้ำประกัน", "ผู้ค้ำ", "guarantor"],
            kind: FieldKind::Text,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "purpose",
            synonyms: &["วัตถุประสงค์", "วัตถุประสงค์การกู้", "purpose"],
            kind: FieldKind::Text,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "method",
            synonyms: &["วิธีคิดดอกเบี้ย", "วิธีคิด", "method"],
            kind: FieldKind::Text,
            ..FieldSpec::EMPTY
        },
    ],
};

/// Fields of the repayments sheet.
pub const REPAYMENTS: Schema = Schema {
    name: "loan repayments",
    fields: &[
        FieldSpec {
            key: "date",
            synonyms: &["วันที่ชำระ", "วันที่รับชำระ", "วันเดือนปี", "date"],
            exact_synonyms: &["วันที่"],
            kind: FieldKind::Date,
            required: true,
        },
        LOAN_NO,
        FieldSpec {
            key: "amount",
            synonyms: &[
                "ยอดชำระ",
                "จำนวนเงินที่ชำระ",
                "ยอดรับชำระ",
                "amount paid",
                "payment",
            ],
            exact_synonyms: &["จำนวนเงิน", "amount"],
            kind: FieldKind::Money,
            required: true,
        },
        FieldSpec {
            key: "principal",
            synonyms: &["เงินต้น", "ชำระเงินต้น", "principal"],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "interest",
            synonyms: &["ชำระดอกเบี้ย", "interest"],
            exact_synonyms: &["ดอกเบี้ย"],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "penalty",
            synonyms: &["ค่าปรับ", "penalty"],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "receipt_no",
            synonyms: &["เลขที่ใบเสร็จ", "เลขใบเสร็จ", "ใบเสร็จ", "receipt"],
            kind: FieldKind::Text,
            ..FieldSpec::EMPTY
        },
    ],
};

/// Import options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Sheet of the loan register; `None` picks the sheet that contains it.
    pub sheet: Option<String>,
    /// Sheet of the repayments; `None` picks the sheet that contains them.
    pub repayments_sheet: Option<String>,
    /// Changed repayments to write.
    pub accept: AcceptChanges,
    /// Interest method of loans whose row names none: flat unless set.
    pub method: Method,
}

/// Outcome of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Imported now.
    New,
    /// Imported before, the same.
    Unchanged,
    /// Imported before with other figures; listed.
    Changed,
    /// Differed; the old repayment was reversed and the new one posted.
    Updated,
    /// Kept out by an error.
    Rejected,
}

/// One loan of the register as read and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoanRow {
    /// The sheet's row number.
    pub row: u32,
    /// Its outcome.
    pub status: RowStatus,
    /// Contract number.
    pub loan_no: String,
    /// Borrower's member number.
    pub member_no: String,
    /// Principal.
    pub principal: Option<Satang>,
    /// Principal outstanding after the import's repayments, for a loan
    /// that is stored.
    pub outstanding: Option<Satang>,
}

/// One repayment as read and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepaymentRow {
    /// The sheet's row number.
    pub row: u32,
    /// Its outcome.
    pub status: RowStatus,
    /// Contract number.
    pub loan_no: String,
    /// Date.
    pub date: Option<NaiveDate>,
    /// Amount.
    pub amount: Option<Satang>,
}

/// The loan-specific part of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    /// The loan register's sheet and why it was read.
    pub loans_sheet: String,
    /// The repayments' sheet.
    pub repayments_sheet: String,
    /// Column mapping of the loan register.
    pub loan_columns: Vec<Column>,
    /// Column mapping of the repayments.
    pub repayment_columns: Vec<Column>,
    /// Every loan row.
    pub loans: Vec<LoanRow>,
    /// Every repayment row.
    pub repayments: Vec<RepaymentRow>,
}

/// A loan row, parsed.
#[derive(Debug, Clone)]
struct LoanRecord {
    row: u32,
    loan_no: String,
    member_id: i64,
    member_no: String,
    date: NaiveDate,
    terms: Terms,
    guarantors: Vec<(i64, String)>,
    purpose_text: Option<String>,
}

impl LoanRecord {
    fn fingerprint(&self) -> String {
        let guarantors: Vec<&str> = self.guarantors.iter().map(|(_, no)| no.as_str()).collect();
        session::hash_parts(&[
            &self.member_no,
            &self.date.to_string(),
            &self.terms.principal.satang().to_string(),
            &self.terms.rate_ppm.to_string(),
            &self.terms.months.to_string(),
            self.terms.method.as_str(),
            &guarantors.join(","),
            self.purpose_text.as_deref().unwrap_or(""),
        ])
    }
}

/// A repayment row, parsed.
#[derive(Debug, Clone)]
struct RepaymentRecord {
    row: u32,
    loan_no: String,
    date: NaiveDate,
    amount: Satang,
    /// Principal, interest and penalty as the sheet splits them; `None`
    /// splits by the loan's position on the date.
    parts: Option<(Satang, Satang, Satang)>,
    receipt_no: Option<String>,
    occurrence: u32,
}

impl RepaymentRecord {
    fn key(&self) -> String {
        format!("{}|{}|{}", self.loan_no, self.date, self.occurrence.max(1))
    }

    fn fingerprint(&self) -> String {
        let parts = self
            .parts
            .map(|(p, i, f)| format!("{}/{}/{}", p.satang(), i.satang(), f.satang()))
            .unwrap_or_default();
        session::hash_parts(&[&self.amount.satang().to_string(), &parts])
    }
}

/// Reads the loan register and its repayments and imports them, or with
/// [`Mode::Preview`] reports what an import would do without writing.
pub fn import(
    conn: &mut Connection,
    ctx: &Context,
    path: &Path,
    options: &Options,
    mode: Mode,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome<Details>> {
    let file = session::SourceFile::open(path)?;
    let loans_sheet = pick_sheet(path, &LOANS, options.sheet.as_deref(), None)?;
    let loans_table = read_table(path, &LOANS, loans_sheet.as_deref())?;
    let repayments_sheet = pick_sheet(
        path,
        &REPAYMENTS,
        options.repayments_sheet.as_deref(),
        Some(&loans_table.sheet),
    )?;
    let repayments_table = read_table(path, &REPAYMENTS, repayments_sheet.as_deref())?;
    let imported_before = session::imported_before(conn, KIND, &file, &loans_table.sheet)?;
    let (mut outcome, backup) = session::run(conn, ctx, mode, |tx| {
        let record = session::ImportRecord {
            kind: KIND,
            file: &file,
            sheet: &loans_table.sheet,
            community_id: None,
            as_of: None,
            period: None,
        };
        let import_id = session::record(tx, ctx, &record)?;
        let mut import =
            LoanImport::new(tx, ctx, &loans_table, &repayments_table, options, import_id)?;
        import.run(progress)?;
        let wrote = import.written > 0;
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

struct LoanImport<'a> {
    conn: &'a Connection,
    ctx: &'a Context,
    loans_table: &'a Table,
    repayments_table: &'a Table,
    options: &'a Options,
    import_id: i64,
    /// The first row of each contract number in the loan register.
    loan_no_rows: HashMap<String, u32>,
    report: ImportReport,
    loan_rows: Vec<LoanRow>,
    repayment_rows: Vec<RepaymentRow>,
    changed: Vec<ChangedRow>,
    written: usize,
    loan_fingerprints: HashMap<String, String>,
    repayment_fingerprints: HashMap<String, String>,
    /// Loans this import stored or found, by contract number, with the row
    /// of the loan register that names them.
    loans: BTreeMap<String, (Loan, Option<u32>)>,
}

impl<'a> LoanImport<'a> {
    fn new(
        conn: &'a Connection,
        ctx: &'a Context,
        loans_table: &'a Table,
        repayments_table: &'a Table,
        options: &'a Options,
        import_id: i64,
    ) -> Result<Self> {
        let mut report = ImportReport {
            file: loans_table.file.clone(),
            sheet: format!("{}, {}", loans_table.sheet, repayments_table.sheet),
            rows_read: loans_table.rows_read + repayments_table.rows_read,
            skipped: loans_table.skipped.len() + repayments_table.skipped.len(),
            ..ImportReport::default()
        };
        session::file_problems(&mut report, loans_table.problems.iter().cloned());
        session::file_problems(&mut report, repayments_table.problems.iter().cloned());
        Ok(LoanImport {
            conn,
            ctx,
            loans_table,
            repayments_table,
            options,
            import_id,
            report,
            loan_rows: Vec::new(),
            repayment_rows: Vec::new(),
            changed: Vec::new(),
            written: 0,
            loan_fingerprints: session::fingerprints(conn, KIND)?,
            repayment_fingerprints: session::fingerprints(conn, REPAYMENT_KIND)?,
            loan_no_rows: HashMap::new(),
            loans: BTreeMap::new(),
        })
    }

    fn run(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        if !self.report.errors.is_empty() {
            return Ok(());
        }
        let mut records = Vec::new();
        for row in &self.loans_table.rows {
            if let Some(record) = self.parse_loan(row)? {
                records.push(record);
            }
        }
        let total = records.len() + self.repayments_table.rows.len();
        for (index, record) in records.iter().enumerate() {
            self.post_loan(record)?;
            progress(index + 1, total);
        }
        let mut repayments = Vec::new();
        for row in &self.repayments_table.rows {
            if let Some(record) = self.parse_repayment(row)? {
                repayments.push(record);
            }
        }
        self.warn_repeated_repayments(&repayments);
        repayments.sort_by(|a, b| (&a.loan_no, a.date, a.row).cmp(&(&b.loan_no, b.date, b.row)));
        number_occurrences(&mut repayments);
        for (index, record) in repayments.iter().enumerate() {
            self.post_repayment(record)?;
            progress(records.len() + index + 1, total);
        }
        self.settle_loans()?;
        self.loan_rows.sort_by_key(|row| row.row);
        self.repayment_rows.sort_by_key(|row| row.row);
        Ok(())
    }

    /// Moves a row's own problems into the report; returns whether any of
    /// them is an error.
    fn row_problems(&mut self, row: &Row) -> bool {
        let mut failed = false;
        for problem in &row.problems {
            failed |= problem.severity == Severity::Error;
            match problem.severity {
                Severity::Error => self.report.errors.push(problem.clone()),
                Severity::Warning => self.report.warnings.push(problem.clone()),
            }
        }
        failed
    }

    fn loan_problem(&mut self, row: &Row, key: &str, code: &'static str, message: String) {
        let problem = self
            .loans_table
            .problem(row, key, code, Severity::Error, message);
        self.report.errors.push(problem);
        self.loan_rows.push(LoanRow {
            row: row.number,
            status: RowStatus::Rejected,
            loan_no: row.text("loan_no").unwrap_or_default().to_string(),
            member_no: row.text("member_no").unwrap_or_default().to_string(),
            principal: row.money("principal"),
            outstanding: None,
        });
    }

    /// Names the member of the last error, for the translated message.
    fn name_member(&mut self, member_no: &str) {
        if let Some(problem) = self.report.errors.last_mut() {
            problem.params.push(("member_no", member_no.to_string()));
        }
    }

    /// Reads one loan row into a record, or reports why it cannot be one.
    fn parse_loan(&mut self, row: &Row) -> Result<Option<LoanRecord>> {
        if self.row_problems(row) {
            self.loan_rows.push(LoanRow {
                row: row.number,
                status: RowStatus::Rejected,
                loan_no: row.text("loan_no").unwrap_or_default().to_string(),
                member_no: row.text("member_no").unwrap_or_default().to_string(),
                principal: row.money("principal"),
                outstanding: None,
            });
            return Ok(None);
        }
        let loan_no = row.text("loan_no").unwrap_or_default().trim().to_string();
        if let Some(&first) = self.loan_no_rows.get(&loan_no) {
            let message = format!(
                "contract {loan_no} is used again; row {first} already has it; give each loan \
                 its own contract number"
            );
            self.loan_problem(row, "loan_no", "duplicate_loan_no", message);
            return Ok(None);
        }
        self.loan_no_rows.insert(loan_no.clone(), row.number);
        let member_no = members::normalize_member_no(row.text("member_no").unwrap_or_default());
        let Some(member) = self.member(&member_no)? else {
            let message = format!(
                "member {member_no} is not in the register; import the member register first"
            );
            self.loan_problem(row, "member_no", "member_not_found", message);
            self.name_member(&member_no);
            return Ok(None);
        };
        let (Some(date), Some(principal), Some(rate), Some(months)) = (
            row.date("date"),
            row.money("principal"),
            row.decimal("rate"),
            row.integer("months"),
        ) else {
            self.loan_problem(
                row,
                "principal",
                "missing_value",
                "the row lacks a value it needs".into(),
            );
            return Ok(None);
        };
        let Some(method) = self.method(row) else {
            let text = row.text("method").unwrap_or_default();
            let message = format!(
                "unknown interest method “{text}”; write คงที่ (flat) or ลดต้นลดดอก (declining)"
            );
            self.loan_problem(row, "method", "unknown_method", message);
            return Ok(None);
        };
        if rate < 0 {
            let shown = crate::dividends::format_rate_ppm(u32::try_from(-rate).unwrap_or(u32::MAX));
            let message =
                format!("a rate of -{shown}% a year is below zero; give a rate of 0 to 100");
            self.loan_problem(row, "rate", "loan_rate_invalid", message);
            return Ok(None);
        }
        let terms = Terms {
            principal,
            rate_ppm: u32::try_from(rate).unwrap_or(u32::MAX),
            months: u32::try_from(months).unwrap_or(0),
            method,
        };
        if let Err(error) = schedule::schedule(&terms) {
            // Each check of the terms names the cell it read.
            let key = match error.code() {
                "loan_rate_invalid" => "rate",
                "loan_term_invalid" => "months",
                _ => "principal",
            };
            self.loan_problem(row, key, error.code(), error.to_string());
            return Ok(None);
        }
        let Some(mut guarantors) = self.parse_guarantors(row, date)? else {
            return Ok(None);
        };
        if guarantors.iter().any(|(id, _)| *id == member.id) {
            // A member cannot guarantee their own loan: the sheet's cell is
            // a slip, and the guarantee would add nothing.
            guarantors.retain(|(id, _)| *id != member.id);
            let message = format!(
                "borrower {member_no} is also named as a guarantor of their own loan; that \
                 guarantee was left out, so check the guarantors in the sheet"
            );
            let problem = self
                .loans_table
                .problem(
                    row,
                    "guarantors",
                    "guarantor_is_borrower",
                    Severity::Warning,
                    message,
                )
                .with("member_no", &member_no);
            self.report.warnings.push(problem);
        }
        self.warn_if_not_joined(row, &member, date, "date", "borrower");
        let today = self.ctx.today();
        if let Some(problem) =
            implausible_date(self.loans_table, row, "date", "the loan", date, today)
        {
            self.report.warnings.push(problem);
        }
        Ok(Some(LoanRecord {
            row: row.number,
            loan_no,
            member_id: member.id,
            member_no,
            date,
            terms,
            guarantors,
            purpose_text: row.text("purpose").map(str::to_string),
        }))
    }

    /// Reads the guarantors of a loan row, or reports the first that is
    /// not in the register and returns `None`.
    fn parse_guarantors(
        &mut self,
        row: &Row,
        date: NaiveDate,
    ) -> Result<Option<Vec<(i64, String)>>> {
        let mut guarantors = Vec::new();
        for guarantor_no in split_member_nos(row.text("guarantors").unwrap_or_default()) {
            let Some(guarantor) = self.member(&guarantor_no)? else {
                let message = format!(
                    "guarantor {guarantor_no} is not in the register; import the member register first"
                );
                self.loan_problem(row, "guarantors", "member_not_found", message);
                self.name_member(&guarantor_no);
                return Ok(None);
            };
            self.warn_if_not_joined(row, &guarantor, date, "guarantors", "guarantor");
            guarantors.push((guarantor.id, guarantor_no));
        }
        Ok(Some(guarantors))
    }

    fn member(&self, member_no: &str) -> Result<Option<members::Member>> {
        match members::id_of(self.conn, member_no)? {
            Some(id) => Ok(Some(members::get_by_id(self.conn, id)?)),
            None => Ok(None),
        }
    }

    fn method(&self, row: &Row) -> Option<Method> {
        let Some(text) = row.text("method") else {
            return Some(self.options.method);
        };
        let text: String = text.to_lowercase().split_whitespace().collect();
        if text.contains("ลดต้นลดดอก") || text.contains("declining") {
            if text.contains("เงินต้นเท่า") || text.contains("principal") {
                Some(Method::DecliningEqualPrincipal)
            } else {
                Some(Method::Declining)
            }
        } else if text.contains("คงที่") || text.contains("flat") || text.contains("เงินต้นเดิม")
        {
            Some(Method::Flat)
        } else {
            None
        }
    }

    /// Warns that a member joined after the loan's date.
    fn warn_if_not_joined(
        &mut self,
        row: &Row,
        member: &members::Member,
        date: NaiveDate,
        key: &str,
        role: &str,
    ) {
        let Some(joined) = member.details.joined.filter(|joined| *joined > date) else {
            return;
        };
        let member_no = &member.details.member_no;
        let message = format!(
            "the loan is dated {}, before its {role} {member_no} joined on {}; imported as written",
            format_numeric(date),
            format_numeric(joined)
        );
        let problem = self
            .loans_table
            .problem(row, key, "loan_before_joined", Severity::Warning, message)
            .with("member_no", member_no)
            .with("role", role)
            .with("joined", format_numeric(joined))
            .with("date", format_numeric(date));
        self.report.warnings.push(problem);
    }

    /// Stores a loan no earlier import stored, with its schedule and
    /// disbursement; an unchanged one is only looked up.
    fn post_loan(&mut self, record: &LoanRecord) -> Result<()> {
        let fingerprint = record.fingerprint();
        let status = match self.loan_fingerprints.get(&record.loan_no) {
            Some(stored) if *stored == fingerprint => RowStatus::Unchanged,
            Some(_) => {
                self.loan_changed(record)?;
                RowStatus::Changed
            }
            None if loans::get_loan(self.conn, &record.loan_no).is_ok() => {
                let message = format!(
                    "contract {} is already in the loan book, entered outside this import",
                    record.loan_no
                );
                self.report.errors.push(self.loan_row_problem(
                    record,
                    "loan_no",
                    "loan_exists",
                    message,
                ));
                RowStatus::Rejected
            }
            None => {
                self.insert_loan(record)?;
                session::set_fingerprint(
                    self.conn,
                    KIND,
                    &record.loan_no,
                    &fingerprint,
                    self.import_id,
                )?;
                self.written += 1;
                self.report.imported += 1;
                RowStatus::New
            }
        };
        if status != RowStatus::Rejected {
            let loan = loans::get_loan(self.conn, &record.loan_no)?;
            self.loans
                .insert(record.loan_no.clone(), (loan, Some(record.row)));
        }
        self.loan_rows.push(LoanRow {
            row: record.row,
            status,
            loan_no: record.loan_no.clone(),
            member_no: record.member_no.clone(),
            principal: Some(record.terms.principal),
            outstanding: None,
        });
        Ok(())
    }

    fn loan_row_problem(
        &self,
        record: &LoanRecord,
        key: &str,
        code: &'static str,
        message: String,
    ) -> Problem {
        Problem {
            sheet: self.loans_table.sheet.clone(),
            row: Some(record.row),
            column: self.loans_table.column_of(key).map(|c| c.letter.clone()),
            value: Some(record.loan_no.clone()),
            code,
            message,
            severity: Severity::Error,
            params: vec![("loan_no", record.loan_no.clone())],
        }
    }

    /// Lists a loan whose terms differ from what an earlier import stored,
    /// and warns that it is left as it is.
    fn loan_changed(&mut self, record: &LoanRecord) -> Result<()> {
        let stored = loans::get_loan(self.conn, &record.loan_no)?;
        let mut changes = Vec::new();
        let mut compare = |field: &'static str, old: String, new: String| {
            if old != new {
                changes.push(FieldChange { field, old, new });
            }
        };
        compare(
            "member_no",
            stored.member_no.clone(),
            record.member_no.clone(),
        );
        compare(
            "date",
            stored.disbursed_on.map(format_numeric).unwrap_or_default(),
            format_numeric(record.date),
        );
        compare(
            "principal",
            stored.terms.principal.to_string(),
            record.terms.principal.to_string(),
        );
        compare(
            "rate_ppm",
            stored.terms.rate_ppm.to_string(),
            record.terms.rate_ppm.to_string(),
        );
        compare(
            "months",
            stored.terms.months.to_string(),
            record.terms.months.to_string(),
        );
        self.changed.push(ChangedRow {
            row: record.row,
            key: record.loan_no.clone(),
            changes,
            applied: false,
        });
        let mut problem = self.loan_row_problem(
            record,
            "loan_no",
            "loan_terms_changed",
            format!(
                "contract {} was imported before with other terms; it is left as it is, so reschedule or correct it in the loan's screen",
                record.loan_no
            ),
        );
        problem.severity = Severity::Warning;
        self.report.warnings.push(problem);
        Ok(())
    }

    fn insert_loan(&mut self, record: &LoanRecord) -> Result<()> {
        let purpose = record
            .purpose_text
            .as_deref()
            .map_or("other", products::purpose_of_text);
        let new = NewLoan {
            loan_no: &record.loan_no,
            member_id: record.member_id,
            product_id: None,
            purpose_code: purpose,
            purpose_text: record.purpose_text.as_deref(),
            terms: record.terms,
            penalty: PenaltyRule::default(),
            applied_on: record.date,
            note: Some("นำเข้าจากทะเบียนเงินกู้เดิม"),
            import: Some((self.import_id, record.row)),
        };
        let id = loans::insert_loan(self.conn, self.ctx, &new)?;
        for (guarantor, _) in &record.guarantors {
            loans::add_guarantor(self.conn, id, *guarantor)?;
        }
        let loan = loans::get_loan_by_id(self.conn, id)?;
        let version =
            loans::new_version(&record.terms, 1, record.date, Satang::ZERO, Satang::ZERO)?;
        loans::insert_version(self.conn, self.ctx, id, &version, None)?;
        self.conn.execute(
            "UPDATE loans SET status = 'active', disbursed_on = ?2 WHERE id = ?1",
            rusqlite::params![id, record.date],
        )?;
        let disbursement = NewTransaction {
            version: 1,
            date: record.date,
            kind: TransactionKind::Disbursement,
            principal: record.terms.principal,
            interest: Satang::ZERO,
            penalty: Satang::ZERO,
            via: Via::Cash,
            receipt_no: None,
            note: None,
            import: Some((self.import_id, record.row)),
        };
        loans::record_transaction(self.conn, self.ctx, &loan, &disbursement, Posted::History)?;
        Ok(())
    }

    fn repayment_problem(&mut self, row: &Row, key: &str, code: &'static str, message: String) {
        let loan_no = row.text("loan_no").unwrap_or_default().to_string();
        let problem = self
            .repayments_table
            .problem(row, key, code, Severity::Error, message)
            .with("loan_no", &loan_no);
        self.report.errors.push(problem);
        self.repayment_rows.push(RepaymentRow {
            row: row.number,
            status: RowStatus::Rejected,
            loan_no,
            date: row.date("date"),
            amount: row.money("amount"),
        });
    }

    /// Warns of each repayment row that repeats an earlier row in every
    /// value read. The row is still imported, because a member may pay the
    /// same amount twice on one day.
    fn warn_repeated_repayments(&mut self, repayments: &[RepaymentRecord]) {
        let mut first_rows: HashMap<String, u32> = HashMap::new();
        for record in repayments {
            let key = format!(
                "{}|{}|{}|{:?}|{:?}",
                record.loan_no,
                record.date,
                record.amount.satang(),
                record.parts,
                record.receipt_no
            );
            let Some(&first) = first_rows.get(&key) else {
                first_rows.insert(key, record.row);
                continue;
            };
            let table = self.repayments_table;
            let Some(row) = table.rows.iter().find(|r| r.number == record.row) else {
                continue;
            };
            let message = format!(
                "row {} repeats row {first}; check that the repayment is not entered twice",
                record.row
            );
            let problem = table
                .problem(
                    row,
                    "amount",
                    "repayment_repeated",
                    Severity::Warning,
                    message,
                )
                .with("first", first)
                .with("loan_no", &record.loan_no);
            self.report.warnings.push(problem);
        }
    }

    /// Reads one repayment row into a record, or reports why it cannot be
    /// one.
    fn parse_repayment(&mut self, row: &Row) -> Result<Option<RepaymentRecord>> {
        if self.row_problems(row) {
            self.repayment_rows.push(RepaymentRow {
                row: row.number,
                status: RowStatus::Rejected,
                loan_no: row.text("loan_no").unwrap_or_default().to_string(),
                date: row.date("date"),
                amount: row.money("amount"),
            });
            return Ok(None);
        }
        let loan_no = row.text("loan_no").unwrap_or_default().trim().to_string();
        let (Some(date), Some(amount)) = (row.date("date"), row.money("amount")) else {
            self.repayment_problem(
                row,
                "amount",
                "missing_value",
                "the row lacks a date or an amount".into(),
            );
            return Ok(None);
        };
        if amount.satang() <= 0 {
            let message = format!("the amount {amount} baht is not above zero");
            self.repayment_problem(row, "amount", "amount_not_positive", message);
            return Ok(None);
        }
        let loan = match self.loans.get(&loan_no) {
            Some((loan, _)) => Some(loan.clone()),
            None => loans::get_loan(self.conn, &loan_no).ok(),
        };
        let Some(loan) = loan else {
            let message =
                format!("contract {loan_no} is neither in the loan register nor in the loan book");
            self.repayment_problem(row, "loan_no", "loan_not_found", message);
            return Ok(None);
        };
        if loan.disbursed_on.is_some_and(|disbursed| date < disbursed) {
            let message = format!(
                "the repayment of {} is dated before the loan was paid out on {}",
                format_numeric(date),
                loan.disbursed_on.map(format_numeric).unwrap_or_default()
            );
            self.repayment_problem(row, "date", "repayment_before_loan", message);
            return Ok(None);
        }
        let parts = match (row.money("principal"), row.money("interest")) {
            (None, None) => None,
            (principal, interest) => Some((
                principal.unwrap_or_default(),
                interest.unwrap_or_default(),
                row.money("penalty").unwrap_or_default(),
            )),
        };
        if let Some((principal, interest, penalty)) = parts {
            if principal + interest + penalty != amount
                || principal.is_negative()
                || interest.is_negative()
            {
                let message = format!(
                    "the amount {amount} baht is not principal {principal} + interest {interest} + penalty {penalty}"
                );
                self.repayment_problem(row, "amount", "repayment_parts_mismatch", message);
                return Ok(None);
            }
        }
        let today = self.ctx.today();
        let table = self.repayments_table;
        if let Some(problem) = implausible_date(table, row, "date", "the repayment", date, today) {
            self.report.warnings.push(problem);
        }
        self.loans.entry(loan_no.clone()).or_insert((loan, None));
        Ok(Some(RepaymentRecord {
            row: row.number,
            loan_no,
            date,
            amount,
            parts,
            receipt_no: row.text("receipt_no").map(str::to_string),
            occurrence: 0,
        }))
    }

    fn post_repayment(&mut self, record: &RepaymentRecord) -> Result<()> {
        let key = record.key();
        let fingerprint = record.fingerprint();
        let status = match self.repayment_fingerprints.get(&key).cloned() {
            Some(stored) if stored == fingerprint => RowStatus::Unchanged,
            Some(_) => self.repayment_changed(record, &key)?,
            None => self.post_new_repayment(record, &key, &fingerprint)?,
        };
        self.repayment_rows.push(RepaymentRow {
            row: record.row,
            status,
            loan_no: record.loan_no.clone(),
            date: Some(record.date),
            amount: Some(record.amount),
        });
        Ok(())
    }

    fn post_new_repayment(
        &mut self,
        record: &RepaymentRecord,
        key: &str,
        fingerprint: &str,
    ) -> Result<RowStatus> {
        let Some((loan, _)) = self.loans.get(&record.loan_no).cloned() else {
            return Ok(RowStatus::Rejected);
        };
        if !matches!(loan.status, LoanStatus::Active | LoanStatus::Closed) {
            return Ok(RowStatus::Rejected);
        }
        let before = loans::position_of(self.conn, &loan, record.date)?;
        let (principal, interest, penalty) = match record.parts {
            Some(parts) => parts,
            None => {
                let split = position::allocate(&before, record.amount);
                (split.principal, split.interest, split.penalty)
            }
        };
        // Repayments dated later, such as a leftover paid after a row that
        // is now corrected, lower what this row may repay.
        let last = loans::transactions(self.conn, loan.id)?
            .iter()
            .map(|t| t.date)
            .max()
            .map_or(record.date, |last| last.max(record.date));
        let owed = before
            .outstanding
            .min(loans::position_of(self.conn, &loan, last)?.outstanding);
        if principal > owed {
            let message = format!(
                "contract {} owes {owed} baht of principal on {} and after, less than the {principal} baht this row repays",
                record.loan_no,
                format_numeric(record.date)
            );
            let problem = Problem {
                sheet: self.repayments_table.sheet.clone(),
                row: Some(record.row),
                column: self
                    .repayments_table
                    .column_of("principal")
                    .map(|c| c.letter.clone()),
                value: Some(principal.to_string()),
                code: "repayment_exceeds_balance",
                message,
                severity: Severity::Error,
                params: vec![("loan_no", record.loan_no.clone())],
            };
            self.report.errors.push(problem);
            return Ok(RowStatus::Rejected);
        }
        let new = NewTransaction {
            version: before.version.max(1),
            date: record.date,
            kind: TransactionKind::Repayment,
            principal,
            interest,
            penalty,
            via: Via::Cash,
            receipt_no: record.receipt_no.as_deref(),
            note: None,
            import: Some((self.import_id, record.row)),
        };
        loans::record_transaction(self.conn, self.ctx, &loan, &new, Posted::History)?;
        session::set_fingerprint(self.conn, REPAYMENT_KIND, key, fingerprint, self.import_id)?;
        self.written += 1;
        self.report.imported += 1;
        Ok(RowStatus::New)
    }

    /// Lists a repayment that reads differently from the one imported
    /// before; when accepted, reverses the old one and posts the new.
    fn repayment_changed(&mut self, record: &RepaymentRecord, key: &str) -> Result<RowStatus> {
        let previous = previous_repayment(self.conn, record)?;
        let mut changes = Vec::new();
        if let Some((_, amount)) = previous {
            if amount != record.amount {
                changes.push(FieldChange {
                    field: "amount",
                    old: amount.to_string(),
                    new: record.amount.to_string(),
                });
            }
        }
        if changes.is_empty() {
            changes.push(FieldChange {
                field: "split",
                old: String::new(),
                new: record
                    .parts
                    .map(|(p, i, f)| format!("{p} / {i} / {f}"))
                    .unwrap_or_default(),
            });
        }
        let accepted = self.options.accept.accepts(record.row);
        let mut status = RowStatus::Changed;
        if accepted {
            // The old repayment is reversed only if the new one can take its
            // place: a refused replacement rolls the reversal back.
            self.conn.execute_batch("SAVEPOINT repayment_change")?;
            if let Some((id, _)) = previous {
                reverse_imported(self.conn, self.ctx, id)?;
            }
            self.conn.execute(
                "DELETE FROM import_rows WHERE kind = ?1 AND row_key = ?2",
                (REPAYMENT_KIND, key),
            )?;
            status = match self.post_new_repayment(record, key, &record.fingerprint())? {
                RowStatus::New => {
                    self.report.imported -= 1;
                    RowStatus::Updated
                }
                other => other,
            };
            if status != RowStatus::Updated {
                self.conn.execute_batch("ROLLBACK TO repayment_change")?;
            }
            self.conn.execute_batch("RELEASE repayment_change")?;
        }
        self.changed.push(ChangedRow {
            row: record.row,
            key: format!("{} {}", record.loan_no, format_numeric(record.date)),
            changes,
            applied: status == RowStatus::Updated,
        });
        Ok(status)
    }

    /// Closes the loans whose principal the import repaid in full, and
    /// warns about those left owing less than one baht.
    fn settle_loans(&mut self) -> Result<()> {
        let touched: Vec<(Loan, Option<u32>)> = self.loans.values().cloned().collect();
        for (loan, row) in touched {
            let loan = loans::get_loan_by_id(self.conn, loan.id)?;
            let transactions = loans::transactions(self.conn, loan.id)?;
            let last = transactions
                .iter()
                .map(|t| t.date)
                .max()
                .unwrap_or(loan.applied_on);
            let position = loans::position_of(self.conn, &loan, last)?;
            if let Some(line) = self
                .loan_rows
                .iter_mut()
                .find(|r| r.loan_no == loan.loan_no)
            {
                line.outstanding = Some(position.outstanding);
            }
            if position.outstanding == Satang::ZERO && loan.status == LoanStatus::Active {
                repayments::close(self.conn, self.ctx, &loan, last)?;
                self.written += 1;
            } else if position.outstanding.satang() > 0 && loan.status == LoanStatus::Closed {
                // A corrected repayment left principal owing again.
                self.conn.execute(
                    "UPDATE loans SET status = 'active', closed_on = NULL WHERE id = ?1",
                    [loan.id],
                )?;
            }
            if position.outstanding.satang() > 0 && position.outstanding.satang() < 100 {
                self.leftover(&loan, row, position.outstanding);
            }
        }
        Ok(())
    }

    fn leftover(&mut self, loan: &Loan, row: Option<u32>, amount: Satang) {
        let message = format!(
            "contract {} still owes {amount} baht of principal after its repayments, because the sheet's instalments were rounded down; collect it or write it off",
            loan.loan_no
        );
        self.report.warnings.push(Problem {
            sheet: self.loans_table.sheet.clone(),
            row,
            column: self
                .loans_table
                .column_of("principal")
                .map(|c| c.letter.clone()),
            value: Some(loan.loan_no.clone()),
            code: "loan_rounding_leftover",
            message,
            severity: Severity::Warning,
            params: vec![
                ("loan_no", loan.loan_no.clone()),
                ("amount", amount.to_string()),
            ],
        });
    }

    /// Stores the counts of the import, or removes its record when nothing
    /// was written.
    fn finish_import(&self, committed: bool) -> Result<()> {
        if !committed {
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
        )
    }

    fn finish(mut self) -> Outcome<Details> {
        self.report.hold_back(&self.changed);
        let loans = self.loan_rows.iter().map(|row| row.status);
        let repayments = self.repayment_rows.iter().map(|row| row.status);
        self.report.unchanged = loans
            .chain(repayments)
            .filter(|status| *status == RowStatus::Unchanged)
            .count();
        Outcome {
            report: self.report,
            imported_before: None,
            changed: self.changed,
            backup: None,
            details: Details {
                loans_sheet: self.loans_table.sheet_choice.clone(),
                repayments_sheet: self.repayments_table.sheet_choice.clone(),
                loan_columns: self.loans_table.columns.clone(),
                repayment_columns: self.repayments_table.columns.clone(),
                loans: self.loan_rows,
                repayments: self.repayment_rows,
            },
        }
    }
}

/// Picks the sheet to read for `schema`: `given`, or else the visible sheet
/// other than `other` whose header names the most of its fields. The
/// reader's own choice weighs rows too, which would take the long
/// repayments sheet for the short loan register.
fn pick_sheet(
    path: &Path,
    schema: &Schema,
    given: Option<&str>,
    other: Option<&str>,
) -> Result<Option<String>> {
    if let Some(sheet) = given {
        return Ok(Some(sheet.to_string()));
    }
    let sheets = list_sheets(path, schema)?;
    let best = sheets
        .iter()
        .filter(|sheet| Some(sheet.name.as_str()) != other && sheet.matched_fields > 0)
        .max_by_key(|sheet| (!sheet.hidden, sheet.matched_fields, sheet.score));
    Ok(best.map(|sheet| sheet.name.clone()))
}

/// Member numbers in a guarantor cell: "BY047", "BY047, BY050",
/// "BY047 และ BY050".
fn split_member_nos(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == '/' || c == ';' || c == '、' || c.is_whitespace())
        .flat_map(|part| part.split("และ"))
        .map(members::normalize_member_no)
        .filter(|no| !no.is_empty())
        .collect()
}

/// Numbers repayments of the same loan and date, in sheet order.
fn number_occurrences(records: &mut [RepaymentRecord]) {
    let mut seen: HashMap<(String, NaiveDate), u32> = HashMap::new();
    for record in records.iter_mut() {
        let count = seen
            .entry((record.loan_no.clone(), record.date))
            .or_insert(0);
        *count += 1;
        record.occurrence = *count;
    }
}

/// Finds the live imported repayment of the same loan, date and
/// occurrence, with its amount.
fn previous_repayment(
    conn: &Connection,
    record: &RepaymentRecord,
) -> Result<Option<(i64, Satang)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.amount_satang FROM loan_transactions t JOIN loans l ON l.id = t.loan_id
         WHERE l.loan_no = ?1 AND t.date = ?2 AND t.kind = 'repayment' AND t.import_id IS NOT NULL
           AND t.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM loan_transactions r WHERE r.reverses_id = t.id)
         ORDER BY t.id",
    )?;
    let found: Vec<(i64, Satang)> = stmt
        .query_map((&record.loan_no, record.date), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found.get(record.occurrence.max(1) as usize - 1).copied())
}

/// Reverses an imported repayment wherever it sits in the loan's history:
/// legacy repayments are kept as recorded, so no later split depends on
/// it.
fn reverse_imported(conn: &Connection, ctx: &Context, id: i64) -> Result<()> {
    loans::reverse_transaction(conn, ctx, id, "corrected by a re-imported loan sheet")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guarantor_cells_split_into_member_numbers() {
        assert_eq!(split_member_nos("BY047"), vec!["BY047"]);
        assert_eq!(split_member_nos("by047, BY050"), vec!["BY047", "BY050"]);
        assert_eq!(split_member_nos("BY047 และ BY050"), vec!["BY047", "BY050"]);
        assert!(split_member_nos(" ").is_empty(), "no guarantor");
    }
}
