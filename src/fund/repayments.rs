//! Money back from borrowers and the changes to a loan after it is paid
//! out: repayments split into penalty, interest and principal, their
//! reversal, rescheduling, and write-off with the committee's approval.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::accounts::Via;
use super::loans::{self, Decision, Loan, LoanStatus, NewTransaction, Posted};
use super::position::{self, Allocation, Position, ScheduleVersion, TransactionKind};
use super::schedule::{Method, Terms};
use crate::audit::{self, Change};
use crate::thai::date::format_numeric;
use crate::{Context, Error, Result, Satang};

/// A payment by a borrower.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// Contract number.
    pub loan_no: String,
    /// Date paid.
    pub date: NaiveDate,
    /// Amount paid.
    pub amount: Satang,
    /// Cash or bank.
    pub via: Via,
    /// Receipt number.
    pub receipt_no: Option<String>,
}

/// A recorded repayment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repayment {
    /// The loan transaction.
    pub transaction_id: i64,
    /// How the payment was split.
    pub allocation: Allocation,
    /// Where the loan stands after it.
    pub position: Position,
    /// Whether it repaid the loan in full.
    pub closed: bool,
}

/// Records a repayment: the penalty due first, then the interest due,
/// then principal. A payment that repays the principal in full closes the
/// loan.
///
/// Fails with `loan_not_active` unless the loan is being repaid, with
/// `repayment_before_last` when dated before the loan's latest repayment
/// or schedule (the split of a later payment would change), and with
/// `repayment_exceeds_balance` when it is more than pays the loan off.
pub fn repay(conn: &Connection, ctx: &Context, payment: &Payment) -> Result<Repayment> {
    let loan = loans::get_loan(conn, &payment.loan_no)?;
    loans::require_status(&loan, LoanStatus::Active, "loan_not_active")?;
    if payment.amount.satang() <= 0 {
        return Err(Error::rule(
            "amount_not_positive",
            format!("the amount {} baht is not above zero", payment.amount),
        ));
    }
    check_not_before_last(conn, &loan, payment.date)?;
    let before = loans::position_of(conn, &loan, payment.date)?;
    let allocation = position::allocate(&before, payment.amount);
    if allocation.principal > before.outstanding {
        return Err(Error::rule(
            "repayment_exceeds_balance",
            format!(
                "{} baht is more than the {} baht that pays loan {} off on {}",
                payment.amount,
                before.payoff(),
                loan.loan_no,
                format_numeric(payment.date)
            ),
        ));
    }
    let new = NewTransaction {
        version: before.version,
        date: payment.date,
        kind: TransactionKind::Repayment,
        principal: allocation.principal,
        interest: allocation.interest,
        penalty: allocation.penalty,
        via: payment.via,
        receipt_no: payment.receipt_no.as_deref(),
        note: None,
        import: None,
    };
    let transaction_id = loans::record_transaction(conn, ctx, &loan, &new, Posted::Now)?;
    audit::record(
        conn,
        ctx,
        Change::insert(
            "loan_transactions",
            transaction_id,
            &json!({ "payment": payment, "allocation": allocation }),
        ),
    )?;
    let position = loans::position_of(conn, &loan, payment.date)?;
    let closed = position.outstanding == Satang::ZERO;
    if closed {
        close(conn, ctx, &loan, payment.date)?;
    }
    Ok(Repayment {
        transaction_id,
        allocation,
        position,
        closed,
    })
}

/// Marks a loan repaid in full on `date`.
pub(crate) fn close(conn: &Connection, ctx: &Context, loan: &Loan, date: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE loans SET status = 'closed', closed_on = ?2, updated_at = ?3 WHERE id = ?1",
        rusqlite::params![loan.id, date, ctx.timestamp()],
    )?;
    loans::status_changed(
        conn,
        ctx,
        loan,
        LoanStatus::Closed,
        json!({ "closed_on": date }),
    )?;
    Ok(())
}

/// The latest date of a live repayment, write-off or schedule of a loan.
fn last_event(conn: &Connection, loan_id: i64) -> Result<Option<NaiveDate>> {
    let last = conn.query_row(
        "SELECT max(d) FROM (
             SELECT max(t.date) AS d FROM loan_transactions t
             WHERE t.loan_id = ?1 AND t.reverses_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM loan_transactions r WHERE r.reverses_id = t.id)
             UNION ALL
             SELECT max(starts_on) FROM loan_schedules WHERE loan_id = ?1)",
        [loan_id],
        |row| row.get(0),
    )?;
    Ok(last)
}

fn check_not_before_last(conn: &Connection, loan: &Loan, date: NaiveDate) -> Result<()> {
    if let Some(last) = last_event(conn, loan.id)?.filter(|last| date < *last) {
        return Err(Error::rule(
            "repayment_before_last",
            format!(
                "loan {} has a payment or schedule dated {}, after {}; record it on or after that day",
                loan.loan_no,
                format_numeric(last),
                format_numeric(date)
            ),
        ));
    }
    Ok(())
}

/// The id of a loan's latest repayment that is not reversed: the only one
/// [`reverse_repayment`] accepts.
pub fn latest_repayment(conn: &Connection, loan_id: i64) -> Result<Option<i64>> {
    let latest = conn
        .prepare_cached(
            "SELECT t.id FROM loan_transactions t
             WHERE t.loan_id = ?1 AND t.kind = 'repayment' AND t.reverses_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM loan_transactions r WHERE r.reverses_id = t.id)
             ORDER BY t.date DESC, t.id DESC LIMIT 1",
        )?
        .query_row([loan_id], |row| row.get(0))
        .optional()?;
    Ok(latest)
}

/// Reverses repayment `transaction_id` on its own date and returns the
/// reversal's id. A loan the repayment had closed is open again.
///
/// Fails with `repayment_not_latest` unless it is the loan's latest live
/// repayment, because later payments were split given this one, and with
/// `reason_missing` when `note` does not say why.
pub fn reverse_repayment(
    conn: &Connection,
    ctx: &Context,
    transaction_id: i64,
    note: &str,
) -> Result<i64> {
    loans::require_reason(note, "a reversal")?;
    let found: Option<(i64, String, Option<i64>)> = conn
        .query_row(
            "SELECT loan_id, kind, reverses_id FROM loan_transactions WHERE id = ?1",
            [transaction_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let Some((loan_id, kind, reverses)) = found else {
        return Err(Error::NotFound {
            what: "loan transaction",
            key: transaction_id.to_string(),
        });
    };
    let loan = loans::get_loan_by_id(conn, loan_id)?;
    let latest = latest_repayment(conn, loan_id)?;
    if kind != "repayment" || reverses.is_some() || latest != Some(transaction_id) {
        return Err(Error::rule(
            "repayment_not_latest",
            format!(
                "transaction {transaction_id} is not the latest repayment of loan {}; reverse the later ones first",
                loan.loan_no
            ),
        ));
    }
    if loan.status == LoanStatus::WrittenOff {
        return Err(Error::rule(
            "loan_not_active",
            format!("loan {} is written off", loan.loan_no),
        ));
    }
    let reversal = loans::reverse_transaction(conn, ctx, transaction_id, note)?;
    audit::record(
        conn,
        ctx,
        Change::insert(
            "loan_transactions",
            reversal,
            &json!({ "reverses_id": transaction_id, "note": note }),
        ),
    )?;
    if loan.status == LoanStatus::Closed {
        conn.execute(
            "UPDATE loans SET status = 'active', closed_on = NULL, updated_at = ?2 WHERE id = ?1",
            rusqlite::params![loan.id, ctx.timestamp()],
        )?;
        loans::status_changed(
            conn,
            ctx,
            &loan,
            LoanStatus::Active,
            json!({ "reopened_by": reversal }),
        )?;
    }
    Ok(reversal)
}

/// Writes off the principal a loan still owes, on the committee's
/// decision, and returns the loan.
///
/// Fails with `loan_not_active` unless the loan is being repaid, and with
/// `decision_incomplete` without who approved it and the minute's number.
pub fn write_off(
    conn: &Connection,
    ctx: &Context,
    loan_no: &str,
    decision: &Decision,
) -> Result<Loan> {
    let loan = loans::get_loan(conn, loan_no)?;
    loans::require_status(&loan, LoanStatus::Active, "loan_not_active")?;
    loans::check_decision(&decision.by, &decision.minute_no)?;
    check_not_before_last(conn, &loan, decision.on)?;
    let position = loans::position_of(conn, &loan, decision.on)?;
    let new = NewTransaction {
        version: position.version,
        date: decision.on,
        kind: TransactionKind::WriteOff,
        principal: position.outstanding,
        interest: Satang::ZERO,
        penalty: Satang::ZERO,
        via: Via::Cash,
        receipt_no: None,
        note: Some("ตัดหนี้สูญตามมติคณะกรรมการ"),
        import: None,
    };
    loans::record_transaction(conn, ctx, &loan, &new, Posted::Now)?;
    conn.execute(
        "UPDATE loans SET status = 'written_off', written_off_on = ?2, write_off_approved_by = ?3,
            write_off_minute_no = ?4, updated_at = ?5
         WHERE id = ?1",
        rusqlite::params![
            loan.id,
            decision.on,
            decision.by.trim(),
            decision.minute_no.trim(),
            ctx.timestamp()
        ],
    )?;
    let details = json!({ "decision": decision, "principal_satang": position.outstanding });
    loans::status_changed(conn, ctx, &loan, LoanStatus::WrittenOff, details)
}

/// New terms for the principal a loan still owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rescheduling {
    /// The day the new schedule takes effect; its first instalment is due
    /// a month later.
    pub date: NaiveDate,
    /// Number of new instalments.
    pub months: u32,
    /// New rate, millionths a year; `None` keeps the loan's.
    pub rate_ppm: Option<u32>,
    /// New method; `None` keeps the loan's.
    pub method: Option<Method>,
    /// Why.
    pub reason: String,
    /// The committee decision behind it.
    pub approved_by: String,
    /// Number of the committee's minute.
    pub minute_no: String,
}

/// Reschedules a loan: the principal it owes on the date is spread over a
/// new schedule, the interest then due and unpaid falls due on the new
/// schedule's first day, and the penalty then due is carried over.
/// Returns the new schedule version.
///
/// Fails as [`plan_reschedule`] does.
pub fn reschedule(
    conn: &Connection,
    ctx: &Context,
    loan_no: &str,
    change: &Rescheduling,
) -> Result<ScheduleVersion> {
    let (loan, version) = planned_version(conn, loan_no, change)?;
    let approval = (
        change.reason.trim(),
        change.approved_by.trim(),
        change.minute_no.trim(),
    );
    loans::insert_version(conn, ctx, loan.id, &version, Some(approval))?;
    audit::record(
        conn,
        ctx,
        Change::insert(
            "loan_schedules",
            format!("{}/{}", loan.loan_no, version.version),
            change,
        ),
    )?;
    Ok(version)
}

/// Works out the schedule version that [`reschedule`] would store for
/// `change`, and stores nothing, so that the committee's new schedule can
/// be shown before it is confirmed.
///
/// Fails with `loan_not_active` unless the loan is being repaid, with
/// `decision_incomplete` without who approved it and the minute's number,
/// with `reason_missing` without a reason, and with
/// `repayment_before_last` when dated before the loan's latest repayment
/// or schedule.
pub fn plan_reschedule(
    conn: &Connection,
    loan_no: &str,
    change: &Rescheduling,
) -> Result<ScheduleVersion> {
    planned_version(conn, loan_no, change).map(|(_, version)| version)
}

fn planned_version(
    conn: &Connection,
    loan_no: &str,
    change: &Rescheduling,
) -> Result<(Loan, ScheduleVersion)> {
    let loan = loans::get_loan(conn, loan_no)?;
    loans::require_status(&loan, LoanStatus::Active, "loan_not_active")?;
    loans::check_decision(&change.approved_by, &change.minute_no)?;
    loans::require_reason(&change.reason, "a rescheduling")?;
    check_not_before_last(conn, &loan, change.date)?;
    let versions = loans::versions(conn, loan.id)?;
    let transactions = loans::transactions(conn, loan.id)?;
    let now = position::position(&versions, &transactions, &loan.penalty, change.date);
    let current = versions
        .iter()
        .find(|v| v.version == now.version)
        .ok_or_else(|| Error::NotFound {
            what: "schedule of loan",
            key: loan_no.to_string(),
        })?;
    let arrears = arrears_interest(current, &transactions, change.date);
    let terms = Terms {
        principal: now.outstanding,
        rate_ppm: change.rate_ppm.unwrap_or(current.rate_ppm),
        months: change.months,
        method: change.method.unwrap_or(current.method),
    };
    let version = loans::new_version(
        &terms,
        now.version + 1,
        change.date,
        arrears,
        now.penalty_due,
    )?;
    Ok((loan, version))
}

/// The interest of a schedule version due before `date` (and its own
/// arrears) that its repayments have not paid.
fn arrears_interest(
    version: &ScheduleVersion,
    transactions: &[position::LoanTransaction],
    date: NaiveDate,
) -> Satang {
    let due: i64 = version
        .instalments
        .iter()
        .filter(|i| i.due_on <= date)
        .map(|i| i.interest.satang())
        .sum::<i64>()
        + version.arrears_interest.satang();
    let paid: i64 = transactions
        .iter()
        .filter(|t| t.kind == TransactionKind::Repayment && t.version == version.version)
        .map(|t| {
            let sign = if t.reverses_id.is_some() { -1 } else { 1 };
            sign * t.interest.satang()
        })
        .sum();
    Satang((due - paid).max(0))
}

#[cfg(test)]
mod tests;
