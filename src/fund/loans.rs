//! Loans from application to disbursement, and reading them back: the
//! loan record with its guarantors, its schedule versions, its money
//! records and where it stands on a date.
//!
//! A loan is applied for under a product, whose terms it copies; the
//! committee approves it (who, when, the minute's number) or rejects it;
//! disbursement pays it out and fixes the first schedule. Repayments,
//! rescheduling and write-off are in [`super::repayments`].
//!
//! The status and approval fields of the `loans` row change as the loan
//! moves on, each change in the audit log. Money moves only in
//! `loan_transactions`, append-only, each with its journal entry.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::accounts::{Via, BAD_DEBTS, LOANS_RECEIVABLE, LOAN_INTEREST_INCOME, PENALTY_INCOME};
use super::journal::{self, Line, Posting};
use super::position::{
    self, DueInstalment, LoanTransaction, Position, ScheduleVersion, TransactionKind,
};
use super::products::{self, PenaltyRule};
use super::schedule::{self, Method, Terms};
use crate::audit::{self, Change};
use crate::members::{self, Status};
use crate::thai::date::format_numeric;
use crate::{db, Context, Error, Result, Satang};

/// Source kind of loan transactions in the journal.
pub const SOURCE: &str = "loan_transaction";

/// Where a loan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanStatus {
    /// Applied for, waiting for the committee.
    Applied,
    /// Approved, not paid out yet.
    Approved,
    /// Turned down by the committee.
    Rejected,
    /// Paid out and being repaid.
    Active,
    /// Repaid in full.
    Closed,
    /// The principal left was written off.
    WrittenOff,
}

impl LoanStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            LoanStatus::Applied => "applied",
            LoanStatus::Approved => "approved",
            LoanStatus::Rejected => "rejected",
            LoanStatus::Active => "active",
            LoanStatus::Closed => "closed",
            LoanStatus::WrittenOff => "written_off",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<LoanStatus> {
        match text {
            "applied" => Some(LoanStatus::Applied),
            "approved" => Some(LoanStatus::Approved),
            "rejected" => Some(LoanStatus::Rejected),
            "active" => Some(LoanStatus::Active),
            "closed" => Some(LoanStatus::Closed),
            "written_off" => Some(LoanStatus::WrittenOff),
            _ => None,
        }
    }

    /// The status in Thai.
    pub fn thai(self) -> &'static str {
        match self {
            LoanStatus::Applied => "รออนุมัติ",
            LoanStatus::Approved => "อนุมัติแล้ว รอจ่ายเงินกู้",
            LoanStatus::Rejected => "ไม่อนุมัติ",
            LoanStatus::Active => "ระหว่างผ่อนชำระ",
            LoanStatus::Closed => "ชำระครบแล้ว",
            LoanStatus::WrittenOff => "ตัดเป็นหนี้สูญ",
        }
    }
}

/// A member who guarantees a loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guarantor {
    /// Row id.
    pub member_id: i64,
    /// Member number.
    pub member_no: String,
    /// Full name.
    pub name: String,
}

/// A loan as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loan {
    /// Row id.
    pub id: i64,
    /// Contract number, such as "ก2567/001".
    pub loan_no: String,
    /// The borrower's row id.
    pub member_id: i64,
    /// The borrower's member number.
    pub member_no: String,
    /// The borrower's full name.
    pub member_name: String,
    /// The product's code; `None` for a legacy loan.
    pub product_code: Option<String>,
    /// Purpose code.
    pub purpose_code: String,
    /// Purpose as the application or legacy sheet wrote it.
    pub purpose_text: Option<String>,
    /// Principal, rate, term and method.
    pub terms: Terms,
    /// Late-penalty rule.
    pub penalty: PenaltyRule,
    /// Where it is in its life.
    pub status: LoanStatus,
    /// Date applied for.
    pub applied_on: NaiveDate,
    /// Date the committee approved or rejected it.
    pub decided_on: Option<NaiveDate>,
    /// Who approved or rejected it.
    pub decided_by: Option<String>,
    /// Number of the committee's minute.
    pub minute_no: Option<String>,
    /// Why it was rejected.
    pub rejection_reason: Option<String>,
    /// Date paid out.
    pub disbursed_on: Option<NaiveDate>,
    /// Date repaid in full.
    pub closed_on: Option<NaiveDate>,
    /// Date written off.
    pub written_off_on: Option<NaiveDate>,
    /// Who approved the write-off.
    pub write_off_approved_by: Option<String>,
    /// Minute number of the write-off.
    pub write_off_minute_no: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// Its guarantors.
    pub guarantors: Vec<Guarantor>,
}

/// An application for a loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// The borrower's member number.
    pub member_no: String,
    /// Product code.
    pub product_code: String,
    /// Amount asked for.
    pub principal: Satang,
    /// Term in months.
    pub months: u32,
    /// Purpose code, such as "trade".
    pub purpose_code: String,
    /// Purpose in the borrower's words.
    pub purpose_text: Option<String>,
    /// Guarantors' member numbers.
    pub guarantors: Vec<String>,
    /// Date applied for.
    pub applied_on: NaiveDate,
    /// Contract number; `None` gives the next of the BE year of
    /// `applied_on`, such as "ก2567/001".
    pub loan_no: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
}

/// A committee decision: when, by whom, and the minute's number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Date of the decision.
    pub on: NaiveDate,
    /// Who decided, such as the committee chair.
    pub by: String,
    /// Number of the committee's minute.
    pub minute_no: String,
}

/// Records an application for a loan and returns it.
///
/// Fails when the member is not active or joined after the date, when the
/// product does not lend that much, for that long or for that purpose,
/// when the guarantors are too few, not active members or the borrower,
/// and with `guarantee_limit_exceeded` when a guarantor would guarantee
/// more than the `fund_guarantee_limit_satang` setting allows.
pub fn apply(conn: &Connection, ctx: &Context, application: &Application) -> Result<Loan> {
    let member = members::get(conn, &application.member_no)?;
    check_member(&member, application.applied_on, "borrower")?;
    let product = products::get_product(conn, &application.product_code)?;
    check_against_product(conn, &product, application)?;
    let terms = Terms {
        principal: application.principal,
        rate_ppm: product.rate_ppm,
        months: application.months,
        method: product.method,
    };
    schedule::schedule(&terms)?;
    let guarantors = guarantor_ids(conn, &member, application)?;
    if guarantors.len() < product.guarantors_required as usize {
        return Err(Error::rule(
            "guarantors_missing",
            format!(
                "the product {} needs {} guarantors, but {} were given",
                product.code,
                product.guarantors_required,
                guarantors.len()
            ),
        ));
    }
    for (member_id, member_no) in &guarantors {
        check_guarantee_limit(conn, *member_id, member_no, None, application.principal)?;
    }
    let loan_no = match &application.loan_no {
        Some(text) => text.trim().to_string(),
        None => next_loan_no(conn, application.applied_on)?,
    };
    let new = NewLoan {
        loan_no: &loan_no,
        member_id: member.id,
        product_id: Some(product.id),
        purpose_code: &application.purpose_code,
        purpose_text: application.purpose_text.as_deref(),
        terms,
        penalty: product.penalty,
        applied_on: application.applied_on,
        note: application.note.as_deref(),
        import: None,
    };
    let id = insert_loan(conn, ctx, &new)?;
    for (member_id, _) in &guarantors {
        add_guarantor(conn, id, *member_id)?;
    }
    let loan = get_loan(conn, &loan_no)?;
    audit::record(conn, ctx, Change::insert("loans", id, &loan))?;
    Ok(loan)
}

fn check_member(member: &members::Member, date: NaiveDate, role: &str) -> Result<()> {
    let member_no = &member.details.member_no;
    if member.details.status != Status::Active {
        return Err(Error::rule(
            "member_not_active",
            format!(
                "the {role} {member_no} is {}, not an active member",
                member.details.status.as_str()
            ),
        ));
    }
    if let Some(joined) = member.details.joined.filter(|joined| *joined > date) {
        return Err(Error::rule(
            "loan_before_joined",
            format!(
                "the {role} {member_no} joined on {}, after {}",
                format_numeric(joined),
                format_numeric(date)
            ),
        ));
    }
    Ok(())
}

fn check_against_product(
    conn: &Connection,
    product: &products::Product,
    application: &Application,
) -> Result<()> {
    if application.principal > product.max_principal {
        return Err(Error::rule(
            "loan_above_product_maximum",
            format!(
                "{} baht is more than the {} baht that product {} lends",
                application.principal, product.max_principal, product.code
            ),
        ));
    }
    if application.months > product.max_months {
        return Err(Error::rule(
            "loan_term_above_product_maximum",
            format!(
                "{} months is longer than the {} months of product {}",
                application.months, product.max_months, product.code
            ),
        ));
    }
    if !products::purpose_exists(conn, &application.purpose_code)? {
        return Err(Error::NotFound {
            what: "loan purpose",
            key: application.purpose_code.clone(),
        });
    }
    if !product.purposes.is_empty() && !product.purposes.contains(&application.purpose_code) {
        return Err(Error::rule(
            "loan_purpose_not_allowed",
            format!(
                "product {} does not lend for {}; it lends for {}",
                product.code,
                application.purpose_code,
                product.purposes.join(", ")
            ),
        ));
    }
    Ok(())
}

/// The guarantors' row ids and member numbers, checked.
fn guarantor_ids(
    conn: &Connection,
    borrower: &members::Member,
    application: &Application,
) -> Result<Vec<(i64, String)>> {
    let mut guarantors: Vec<(i64, String)> = Vec::new();
    for member_no in &application.guarantors {
        let guarantor = members::get(conn, member_no)?;
        check_member(&guarantor, application.applied_on, "guarantor")?;
        if guarantor.id == borrower.id {
            return Err(Error::rule(
                "guarantor_is_borrower",
                format!("member {member_no} cannot guarantee their own loan"),
            ));
        }
        if guarantors.iter().all(|(id, _)| *id != guarantor.id) {
            guarantors.push((guarantor.id, guarantor.details.member_no));
        }
    }
    Ok(guarantors)
}

/// The principal a member guarantees: the whole principal of loans
/// applied for or approved, and the principal outstanding of active
/// loans, leaving out loan `except`.
pub fn guarantee_exposure(
    conn: &Connection,
    member_id: i64,
    except: Option<i64>,
) -> Result<Satang> {
    let exposure = conn.query_row(
        "SELECT coalesce(sum(CASE WHEN l.status IN ('applied', 'approved') THEN l.principal_satang
                ELSE (SELECT coalesce(sum(CASE WHEN t.reverses_id IS NULL THEN 1 ELSE -1 END
                          * CASE t.kind WHEN 'disbursement' THEN t.principal_satang
                                        ELSE -t.principal_satang END), 0)
                      FROM loan_transactions t WHERE t.loan_id = l.id) END), 0)
         FROM loan_guarantors g JOIN loans l ON l.id = g.loan_id
         WHERE g.member_id = ?1 AND l.status IN ('applied', 'approved', 'active')
           AND l.id IS NOT ?2",
        rusqlite::params![member_id, except],
        |row| row.get(0),
    )?;
    Ok(Satang(exposure))
}

fn check_guarantee_limit(
    conn: &Connection,
    member_id: i64,
    member_no: &str,
    except: Option<i64>,
    principal: Satang,
) -> Result<()> {
    let limit = Satang(db::setting_i64(conn, "fund_guarantee_limit_satang", 0)?);
    if limit.satang() <= 0 {
        return Ok(());
    }
    let exposure = guarantee_exposure(conn, member_id, except)?;
    if exposure + principal > limit {
        return Err(Error::rule(
            "guarantee_limit_exceeded",
            format!(
                "member {member_no} already guarantees {exposure} baht; with {principal} baht more that is above the limit of {limit} baht per guarantor"
            ),
        ));
    }
    Ok(())
}

/// The next contract number of the Buddhist-era year of `date`:
/// "ก2567/001", "ก2567/002" and so on.
fn next_loan_no(conn: &Connection, date: NaiveDate) -> Result<String> {
    let prefix = format!("ก{}/", crate::thai::date::be_year(date));
    let highest: Option<i64> = conn.query_row(
        "SELECT max(CAST(substr(loan_no, length(?1) + 1) AS INTEGER)) FROM loans
         WHERE substr(loan_no, 1, length(?1)) = ?1",
        [&prefix],
        |row| row.get(0),
    )?;
    Ok(format!("{prefix}{:03}", highest.unwrap_or(0) + 1))
}

/// A loan row to insert.
pub(crate) struct NewLoan<'a> {
    pub(crate) loan_no: &'a str,
    pub(crate) member_id: i64,
    pub(crate) product_id: Option<i64>,
    pub(crate) purpose_code: &'a str,
    pub(crate) purpose_text: Option<&'a str>,
    pub(crate) terms: Terms,
    pub(crate) penalty: PenaltyRule,
    pub(crate) applied_on: NaiveDate,
    pub(crate) note: Option<&'a str>,
    /// The import and sheet row it came from.
    pub(crate) import: Option<(i64, u32)>,
}

/// Inserts a loan in status "applied" and returns its id.
pub(crate) fn insert_loan(conn: &Connection, ctx: &Context, loan: &NewLoan<'_>) -> Result<i64> {
    if find_loan_id(conn, loan.loan_no)?.is_some() {
        return Err(Error::rule(
            "loan_exists",
            format!(
                "a loan with contract number {} already exists",
                loan.loan_no
            ),
        ));
    }
    conn.prepare_cached(
        "INSERT INTO loans (loan_no, member_id, product_id, purpose_code, purpose_text,
            principal_satang, rate_ppm, months, method, penalty_grace_days, penalty_fee_satang,
            penalty_rate_ppm, status, applied_on, note, import_id, import_row, operator,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'applied', ?13, ?14, ?15,
            ?16, ?17, ?18, ?18)",
    )?
    .execute(rusqlite::params![
        loan.loan_no,
        loan.member_id,
        loan.product_id,
        loan.purpose_code,
        loan.purpose_text,
        loan.terms.principal,
        loan.terms.rate_ppm,
        loan.terms.months,
        loan.terms.method.as_str(),
        loan.penalty.grace_days,
        loan.penalty.fee,
        loan.penalty.rate_ppm,
        loan.applied_on,
        loan.note,
        loan.import.map(|(id, _)| id),
        loan.import.map(|(_, row)| row),
        ctx.operator,
        ctx.timestamp(),
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn add_guarantor(conn: &Connection, loan_id: i64, member_id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO loan_guarantors (loan_id, member_id) VALUES (?1, ?2)",
    )?
    .execute((loan_id, member_id))?;
    Ok(())
}

/// Approves a loan applied for.
///
/// Fails with `loan_not_applied` unless it waits for a decision, with
/// `decision_before_application` when dated before the application, and
/// when a guarantor's limit would now be exceeded.
pub fn approve(
    conn: &Connection,
    ctx: &Context,
    loan_no: &str,
    decision: &Decision,
) -> Result<Loan> {
    let loan = decide(conn, loan_no, decision)?;
    for guarantor in &loan.guarantors {
        check_guarantee_limit(
            conn,
            guarantor.member_id,
            &guarantor.member_no,
            Some(loan.id),
            loan.terms.principal,
        )?;
    }
    conn.execute(
        "UPDATE loans SET status = 'approved', decided_on = ?2, decided_by = ?3, minute_no = ?4,
            updated_at = ?5
         WHERE id = ?1",
        rusqlite::params![
            loan.id,
            decision.on,
            decision.by.trim(),
            decision.minute_no.trim(),
            ctx.timestamp()
        ],
    )?;
    status_changed(conn, ctx, &loan, LoanStatus::Approved, json!(decision))
}

/// Rejects a loan applied for, with the reason.
///
/// Fails as [`approve`] does, and with `reason_missing` when the reason is
/// blank.
pub fn reject(
    conn: &Connection,
    ctx: &Context,
    loan_no: &str,
    decision: &Decision,
    reason: &str,
) -> Result<Loan> {
    let loan = decide(conn, loan_no, decision)?;
    require_reason(reason, "a rejection")?;
    conn.execute(
        "UPDATE loans SET status = 'rejected', decided_on = ?2, decided_by = ?3, minute_no = ?4,
            rejection_reason = ?5, updated_at = ?6
         WHERE id = ?1",
        rusqlite::params![
            loan.id,
            decision.on,
            decision.by.trim(),
            decision.minute_no.trim(),
            reason.trim(),
            ctx.timestamp()
        ],
    )?;
    let details = json!({ "decision": decision, "reason": reason });
    status_changed(conn, ctx, &loan, LoanStatus::Rejected, details)
}

fn decide(conn: &Connection, loan_no: &str, decision: &Decision) -> Result<Loan> {
    let loan = get_loan(conn, loan_no)?;
    require_status(&loan, LoanStatus::Applied, "loan_not_applied")?;
    if decision.on < loan.applied_on {
        return Err(Error::rule(
            "decision_before_application",
            format!(
                "loan {loan_no} was applied for on {}, after the decision date {}",
                format_numeric(loan.applied_on),
                format_numeric(decision.on)
            ),
        ));
    }
    check_decision(&decision.by, &decision.minute_no)?;
    Ok(loan)
}

/// Fails with `decision_incomplete` unless a committee decision names who
/// made it and the minute's number.
pub(crate) fn check_decision(by: &str, minute_no: &str) -> Result<()> {
    if by.trim().is_empty() || minute_no.trim().is_empty() {
        return Err(Error::rule(
            "decision_incomplete",
            "a committee decision needs who made it and the minute's number",
        ));
    }
    Ok(())
}

/// Fails with `reason_missing` when `reason`, the why of `what`, is blank.
pub(crate) fn require_reason(reason: &str, what: &str) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::rule(
            "reason_missing",
            format!("{what} needs a reason; write why in a few words"),
        ));
    }
    Ok(())
}

pub(crate) fn require_status(loan: &Loan, status: LoanStatus, code: &'static str) -> Result<()> {
    if loan.status != status {
        return Err(Error::rule(
            code,
            format!(
                "loan {} is {}, not {}",
                loan.loan_no,
                loan.status.as_str(),
                status.as_str()
            ),
        ));
    }
    Ok(())
}

/// Records a status change in the audit log and returns the loan as it is
/// now.
pub(crate) fn status_changed(
    conn: &Connection,
    ctx: &Context,
    before: &Loan,
    status: LoanStatus,
    details: serde_json::Value,
) -> Result<Loan> {
    audit::record(
        conn,
        ctx,
        Change {
            table: "loans",
            record_id: before.id.to_string(),
            old: Some(json!({ "status": before.status.as_str() })),
            new: Some(json!({ "status": status.as_str(), "details": details })),
        },
    )?;
    get_loan(conn, &before.loan_no)
}

/// Pays out an approved loan on `date` and fixes its first schedule, the
/// first instalment due a month later. Returns the loan.
pub fn disburse(
    conn: &Connection,
    ctx: &Context,
    loan_no: &str,
    date: NaiveDate,
    via: Via,
) -> Result<Loan> {
    let loan = get_loan(conn, loan_no)?;
    require_status(&loan, LoanStatus::Approved, "loan_not_approved")?;
    if loan.decided_on.is_some_and(|decided| date < decided) {
        return Err(Error::rule(
            "disbursement_before_approval",
            format!("loan {loan_no} cannot be paid out before it was approved"),
        ));
    }
    start_loan(conn, ctx, &loan, date, via, Posted::Now)?;
    status_changed(
        conn,
        ctx,
        &loan,
        LoanStatus::Active,
        json!({ "disbursed_on": date }),
    )
}

/// Stores the first schedule and the disbursement of `loan`, paid out
/// `via` cash or bank, and marks it active.
pub(crate) fn start_loan(
    conn: &Connection,
    ctx: &Context,
    loan: &Loan,
    date: NaiveDate,
    via: Via,
    posted: Posted,
) -> Result<()> {
    let version = new_version(&loan.terms, 1, date, Satang::ZERO, Satang::ZERO)?;
    insert_version(conn, ctx, loan.id, &version, None)?;
    conn.execute(
        "UPDATE loans SET status = 'active', disbursed_on = ?2, updated_at = ?3 WHERE id = ?1",
        rusqlite::params![loan.id, date, ctx.timestamp()],
    )?;
    let disbursement = NewTransaction {
        version: 1,
        date,
        kind: TransactionKind::Disbursement,
        principal: loan.terms.principal,
        interest: Satang::ZERO,
        penalty: Satang::ZERO,
        via,
        receipt_no: None,
        note: None,
        import: None,
    };
    record_transaction(conn, ctx, loan, &disbursement, posted)?;
    Ok(())
}

/// A schedule version of `terms` starting on `starts_on`.
pub(crate) fn new_version(
    terms: &Terms,
    version: u32,
    starts_on: NaiveDate,
    arrears_interest: Satang,
    carried_penalty: Satang,
) -> Result<ScheduleVersion> {
    let mut instalments = Vec::with_capacity(terms.months as usize);
    for instalment in schedule::schedule(terms)? {
        let due_on = schedule::due_date(starts_on, instalment.n).ok_or_else(|| {
            Error::rule(
                "loan_term_invalid",
                format!("the schedule from {starts_on} runs past the last date Chumchon knows"),
            )
        })?;
        instalments.push(DueInstalment {
            n: instalment.n,
            due_on,
            principal: instalment.principal,
            interest: instalment.interest,
        });
    }
    Ok(ScheduleVersion {
        version,
        starts_on,
        principal: terms.principal,
        arrears_interest,
        carried_penalty,
        rate_ppm: terms.rate_ppm,
        months: terms.months,
        method: terms.method,
        instalments,
    })
}

/// Why a schedule version was made: the reason, who approved it and the
/// minute's number.
pub(crate) type Approval<'a> = (&'a str, &'a str, &'a str);

pub(crate) fn insert_version(
    conn: &Connection,
    ctx: &Context,
    loan_id: i64,
    version: &ScheduleVersion,
    approval: Option<Approval<'_>>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO loan_schedules (loan_id, version, starts_on, principal_satang,
            arrears_interest_satang, carried_penalty_satang, rate_ppm, months, method, reason,
            approved_by, minute_no, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(rusqlite::params![
        loan_id,
        version.version,
        version.starts_on,
        version.principal,
        version.arrears_interest,
        version.carried_penalty,
        version.rate_ppm,
        version.months,
        version.method.as_str(),
        approval.map(|a| a.0),
        approval.map(|a| a.1),
        approval.map(|a| a.2),
        ctx.operator,
        ctx.timestamp(),
    ])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO loan_instalments (loan_id, version, n, due_on, principal_satang,
            interest_satang)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for instalment in &version.instalments {
        insert.execute(rusqlite::params![
            loan_id,
            version.version,
            instalment.n,
            instalment.due_on,
            instalment.principal,
            instalment.interest
        ])?;
    }
    Ok(())
}

/// Money to record on a loan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewTransaction<'a> {
    pub(crate) version: u32,
    pub(crate) date: NaiveDate,
    pub(crate) kind: TransactionKind,
    pub(crate) principal: Satang,
    pub(crate) interest: Satang,
    pub(crate) penalty: Satang,
    pub(crate) via: Via,
    pub(crate) receipt_no: Option<&'a str>,
    pub(crate) note: Option<&'a str>,
    pub(crate) import: Option<(i64, u32)>,
}

/// When a transaction's journal entry is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Posted {
    /// On its date, which must be in an open fiscal year.
    Now,
    /// On its date, or the first open day after it for imported history.
    History,
}

/// Inserts a loan transaction with its journal entry and returns its id.
pub(crate) fn record_transaction(
    conn: &Connection,
    ctx: &Context,
    loan: &Loan,
    new: &NewTransaction<'_>,
    posted: Posted,
) -> Result<i64> {
    let amount = new.principal + new.interest + new.penalty;
    let via = match new.kind {
        TransactionKind::WriteOff => "none",
        _ => new.via.as_str(),
    };
    conn.prepare_cached(
        "INSERT INTO loan_transactions (loan_id, version, date, kind, amount_satang,
            principal_satang, interest_satang, penalty_satang, via, receipt_no, note, import_id,
            import_row, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(rusqlite::params![
        loan.id,
        new.version,
        new.date,
        new.kind.as_str(),
        amount,
        new.principal,
        new.interest,
        new.penalty,
        via,
        new.receipt_no,
        new.note,
        new.import.map(|(id, _)| id),
        new.import.map(|(_, row)| row),
        ctx.operator,
        ctx.timestamp(),
    ])?;
    let id = conn.last_insert_rowid();
    let posting = transaction_posting(loan, new, amount)?.source(SOURCE, id);
    match posted {
        Posted::Now => journal::post(conn, ctx, &posting)?,
        Posted::History => journal::post_in_open_year(conn, ctx, &posting)?,
    };
    Ok(id)
}

fn transaction_posting(loan: &Loan, new: &NewTransaction<'_>, amount: Satang) -> Result<Posting> {
    let borrower = Some(loan.member_id);
    let receivable =
        |line: fn(&str, Satang) -> Line, amount| line(LOANS_RECEIVABLE, amount).member(borrower);
    let (what, lines) = match new.kind {
        TransactionKind::Disbursement => (
            "จ่ายเงินกู้",
            vec![
                receivable(Line::debit, new.principal),
                Line::credit(new.via.account(), amount),
            ],
        ),
        TransactionKind::Repayment => (
            "รับชำระเงินกู้",
            vec![
                Line::debit(new.via.account(), amount),
                receivable(Line::credit, new.principal),
                Line::credit(LOAN_INTEREST_INCOME, new.interest),
                Line::credit(PENALTY_INCOME, new.penalty),
            ],
        ),
        TransactionKind::WriteOff => (
            "ตัดหนี้สูญเงินกู้",
            vec![
                Line::debit(BAD_DEBTS, new.principal),
                receivable(Line::credit, new.principal),
            ],
        ),
    };
    let description = format!("{what} สัญญา {} สมาชิก {}", loan.loan_no, loan.member_no);
    Posting::new(new.date, &description, lines)
}

/// Posts the reversal of loan transaction `id` on its own date, with the
/// mirror of its journal entry, and returns the reversal's id. The caller
/// decides whether the transaction may be reversed.
pub(crate) fn reverse_transaction(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    note: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO loan_transactions (loan_id, version, date, kind, amount_satang,
            principal_satang, interest_satang, penalty_satang, via, receipt_no, reverses_id, note,
            operator, created_at)
         SELECT loan_id, version, date, kind, amount_satang, principal_satang, interest_satang,
                penalty_satang, via, receipt_no, id, ?2, ?3, ?4
         FROM loan_transactions WHERE id = ?1",
        rusqlite::params![id, note, ctx.operator, ctx.timestamp()],
    )?;
    let reversal = conn.last_insert_rowid();
    let date: NaiveDate = conn.query_row(
        "SELECT date FROM loan_transactions WHERE id = ?1",
        [reversal],
        |row| row.get(0),
    )?;
    if let Some(entry) = journal::entry_for_source(conn, SOURCE, id)? {
        let posting = journal::reversal(conn, entry, date, SOURCE, reversal)?;
        journal::post_in_open_year(conn, ctx, &posting)?;
    }
    Ok(reversal)
}

fn find_loan_id(conn: &Connection, loan_no: &str) -> Result<Option<i64>> {
    let id = conn
        .prepare_cached("SELECT id FROM loans WHERE loan_no = ?1")?
        .query_row([loan_no.trim()], |row| row.get(0))
        .optional()?;
    Ok(id)
}

/// Reads a loan by its contract number.
pub fn get_loan(conn: &Connection, loan_no: &str) -> Result<Loan> {
    let id = find_loan_id(conn, loan_no)?.ok_or_else(|| Error::NotFound {
        what: "loan",
        key: loan_no.to_string(),
    })?;
    get_loan_by_id(conn, id)
}

/// Reads a loan by its row id.
pub fn get_loan_by_id(conn: &Connection, id: i64) -> Result<Loan> {
    let mut loan = conn
        .prepare_cached(
            "SELECT l.id, l.loan_no, l.member_id, m.member_no, m.title, m.first_name, m.last_name,
                    p.code, l.purpose_code, l.purpose_text, l.principal_satang, l.rate_ppm,
                    l.months, l.method, l.penalty_grace_days, l.penalty_fee_satang,
                    l.penalty_rate_ppm, l.status, l.applied_on, l.decided_on, l.decided_by,
                    l.minute_no, l.rejection_reason, l.disbursed_on, l.closed_on,
                    l.written_off_on, l.write_off_approved_by, l.write_off_minute_no, l.note
             FROM loans l JOIN members m ON m.id = l.member_id
             LEFT JOIN loan_products p ON p.id = l.product_id
             WHERE l.id = ?1",
        )?
        .query_row([id], loan_from_row)?;
    loan.guarantors = guarantors(conn, id)?;
    Ok(loan)
}

fn loan_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Loan> {
    Ok(Loan {
        id: row.get(0)?,
        loan_no: row.get(1)?,
        member_id: row.get(2)?,
        member_no: row.get(3)?,
        member_name: members::full_name(
            &row.get::<_, String>(4)?,
            &row.get::<_, String>(5)?,
            &row.get::<_, String>(6)?,
        ),
        product_code: row.get(7)?,
        purpose_code: row.get(8)?,
        purpose_text: row.get(9)?,
        terms: Terms {
            principal: row.get(10)?,
            rate_ppm: row.get(11)?,
            months: row.get(12)?,
            method: Method::parse(&row.get::<_, String>(13)?).unwrap_or_default(),
        },
        penalty: PenaltyRule {
            grace_days: row.get(14)?,
            fee: row.get(15)?,
            rate_ppm: row.get(16)?,
        },
        status: LoanStatus::parse(&row.get::<_, String>(17)?).unwrap_or(LoanStatus::Applied),
        applied_on: row.get(18)?,
        decided_on: row.get(19)?,
        decided_by: row.get(20)?,
        minute_no: row.get(21)?,
        rejection_reason: row.get(22)?,
        disbursed_on: row.get(23)?,
        closed_on: row.get(24)?,
        written_off_on: row.get(25)?,
        write_off_approved_by: row.get(26)?,
        write_off_minute_no: row.get(27)?,
        note: row.get(28)?,
        guarantors: Vec::new(),
    })
}

fn guarantors(conn: &Connection, loan_id: i64) -> Result<Vec<Guarantor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.member_no, m.title, m.first_name, m.last_name
         FROM loan_guarantors g JOIN members m ON m.id = g.member_id
         WHERE g.loan_id = ?1 ORDER BY m.member_no",
    )?;
    let rows = stmt.query_map([loan_id], |row| {
        Ok(Guarantor {
            member_id: row.get(0)?,
            member_no: row.get(1)?,
            name: members::full_name(
                &row.get::<_, String>(2)?,
                &row.get::<_, String>(3)?,
                &row.get::<_, String>(4)?,
            ),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A loan's schedule versions, oldest first.
pub fn versions(conn: &Connection, loan_id: i64) -> Result<Vec<ScheduleVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, starts_on, principal_satang, arrears_interest_satang,
                carried_penalty_satang, rate_ppm, months, method
         FROM loan_schedules WHERE loan_id = ?1 ORDER BY version",
    )?;
    let mut versions: Vec<ScheduleVersion> = stmt
        .query_map([loan_id], |row| {
            Ok(ScheduleVersion {
                version: row.get(0)?,
                starts_on: row.get(1)?,
                principal: row.get(2)?,
                arrears_interest: row.get(3)?,
                carried_penalty: row.get(4)?,
                rate_ppm: row.get(5)?,
                months: row.get(6)?,
                method: Method::parse(&row.get::<_, String>(7)?).unwrap_or_default(),
                instalments: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT n, due_on, principal_satang, interest_satang FROM loan_instalments
         WHERE loan_id = ?1 AND version = ?2 ORDER BY n",
    )?;
    for version in &mut versions {
        version.instalments = stmt
            .query_map((loan_id, version.version), |row| {
                Ok(DueInstalment {
                    n: row.get(0)?,
                    due_on: row.get(1)?,
                    principal: row.get(2)?,
                    interest: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(versions)
}

/// The committee decision behind a schedule version that rescheduled a
/// loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleDecision {
    /// The schedule version it made, from 2.
    pub version: u32,
    /// Why the loan was rescheduled.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// Number of the committee's minute.
    pub minute_no: String,
}

/// The decisions behind a loan's rescheduled versions, oldest first. The
/// first version, fixed at disbursement or import, has none.
pub fn schedule_decisions(conn: &Connection, loan_id: i64) -> Result<Vec<ScheduleDecision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, coalesce(reason, ''), approved_by, coalesce(minute_no, '')
         FROM loan_schedules WHERE loan_id = ?1 AND approved_by IS NOT NULL ORDER BY version",
    )?;
    let rows = stmt.query_map([loan_id], |row| {
        Ok(ScheduleDecision {
            version: row.get(0)?,
            reason: row.get(1)?,
            approved_by: row.get(2)?,
            minute_no: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A loan's money records, in date order.
pub fn transactions(conn: &Connection, loan_id: i64) -> Result<Vec<LoanTransaction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, version, date, kind, amount_satang, principal_satang, interest_satang,
                penalty_satang, via, receipt_no, reverses_id, note
         FROM loan_transactions WHERE loan_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([loan_id], |row| {
        let via: String = row.get(8)?;
        Ok(LoanTransaction {
            id: row.get(0)?,
            version: row.get(1)?,
            date: row.get(2)?,
            kind: TransactionKind::parse(&row.get::<_, String>(3)?)
                .unwrap_or(TransactionKind::Repayment),
            amount: row.get(4)?,
            principal: row.get(5)?,
            interest: row.get(6)?,
            penalty: row.get(7)?,
            via: (via != "none").then(|| Via::parse(&via)),
            receipt_no: row.get(9)?,
            reverses_id: row.get(10)?,
            note: row.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where `loan` stands at the end of `as_of`.
pub fn position_of(conn: &Connection, loan: &Loan, as_of: NaiveDate) -> Result<Position> {
    let versions = versions(conn, loan.id)?;
    let transactions = transactions(conn, loan.id)?;
    Ok(position::position(
        &versions,
        &transactions,
        &loan.penalty,
        as_of,
    ))
}

/// A loan with everything about it, for its screen and documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoanDetail {
    /// The loan.
    pub loan: Loan,
    /// Its schedule versions, oldest first; the last is in force.
    pub versions: Vec<ScheduleVersion>,
    /// Its money records, in date order.
    pub transactions: Vec<LoanTransaction>,
    /// Where it stands on the date asked for.
    pub position: Position,
}

/// Reads a loan with its schedules, money records and position on `as_of`.
pub fn detail(conn: &Connection, loan_no: &str, as_of: NaiveDate) -> Result<LoanDetail> {
    let loan = get_loan(conn, loan_no)?;
    let versions = versions(conn, loan.id)?;
    let transactions = transactions(conn, loan.id)?;
    let position = position::position(&versions, &transactions, &loan.penalty, as_of);
    Ok(LoanDetail {
        loan,
        versions,
        transactions,
        position,
    })
}

/// One line of the loan list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoanSummary {
    /// Contract number.
    pub loan_no: String,
    /// The borrower's member number.
    pub member_no: String,
    /// The borrower's full name.
    pub member_name: String,
    /// Where it is in its life.
    pub status: LoanStatus,
    /// Date paid out.
    pub disbursed_on: Option<NaiveDate>,
    /// Principal lent.
    pub principal: Satang,
    /// Principal not yet repaid or written off on the date.
    pub outstanding: Satang,
    /// Instalment amounts overdue on the date.
    pub overdue: Satang,
    /// Days since the oldest unpaid due date.
    pub days_overdue: i64,
}

/// Lists the loans paid out on or before `as_of`, in contract-number
/// order, with where each stands at the end of that day.
pub fn list_loans(conn: &Connection, as_of: NaiveDate) -> Result<Vec<LoanSummary>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM loans WHERE disbursed_on IS NOT NULL AND disbursed_on <= ?1
         ORDER BY loan_no",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([as_of], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut summaries = Vec::with_capacity(ids.len());
    for id in ids {
        let loan = get_loan_by_id(conn, id)?;
        let position = position_of(conn, &loan, as_of)?;
        summaries.push(LoanSummary {
            loan_no: loan.loan_no,
            member_no: loan.member_no,
            member_name: loan.member_name,
            status: loan.status,
            disbursed_on: loan.disbursed_on,
            principal: loan.terms.principal,
            outstanding: position.outstanding,
            overdue: position.overdue,
            days_overdue: position.days_overdue,
        });
    }
    Ok(summaries)
}

/// Lists the loans waiting for the committee or for their payout,
/// applied for or approved, in contract-number order.
pub fn list_pending(conn: &Connection) -> Result<Vec<Loan>> {
    let mut stmt = conn
        .prepare("SELECT id FROM loans WHERE status IN ('applied', 'approved') ORDER BY loan_no")?;
    let ids: Vec<i64> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_loan_by_id(conn, id)).collect()
}

/// A member's loans, oldest first, including those applied for.
pub fn loans_of(conn: &Connection, member_id: i64) -> Result<Vec<Loan>> {
    let mut stmt =
        conn.prepare("SELECT id FROM loans WHERE member_id = ?1 ORDER BY applied_on, id")?;
    let ids: Vec<i64> = stmt
        .query_map([member_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_loan_by_id(conn, id)).collect()
}
