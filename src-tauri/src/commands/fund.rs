//! Commands of the community bank's screens (the fund).
//!
//! [`super::route`] sends every command named `fund_…` here, so each
//! command of this part carries that prefix. To add one: write it here
//! with `#[tauri::command]` (`build.rs` finds it by that attribute), list
//! it in [`handler`], and grant `allow-fund-<name>` in
//! `capabilities/fund.json`. Its data shapes go in `crate::dto::fund`.
//!
//! Dates come in as the Buddhist-era text the user typed and go out as ISO
//! CE dates. Every journal report first posts the other registers' new
//! records into the journal, in the same write transaction.

use std::path::PathBuf;

use chrono::NaiveDate;
use chumchon::fund::loans::LoanStatus;
use chumchon::fund::position::{DueInstalment, LoanTransaction, ScheduleVersion};
use chumchon::fund::schedule::Method;
use chumchon::fund::{self, accounts::Via};
use chumchon::Satang;
use rusqlite::Connection;
use tauri::ipc::Invoke;
use tauri::State;
use tracing::instrument;

use crate::dto::fund::{
    AgingRow, ArrearsView, InstalmentRow, JournalReport, LoanApproval, LoanMethod, LoanRow,
    LoanTransactionRow, LoanView, NewLoan, NewProduct, PassbookRow, PendingLoanRow, ProductRow,
    RepaymentInput, RepaymentSplit, ReportRow, ReportView, ReschedulePlan, ReschedulingInput,
    ReschedulingRow, SavingsBook, SavingsMovement,
};
use crate::error::AppResult;
use crate::state::{context, AppState};

/// The handler of this part's commands.
pub fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        fund_savings_of,
        fund_deposit,
        fund_withdraw,
        fund_list_products,
        fund_add_product,
        fund_list_loans,
        fund_loan,
        fund_apply,
        fund_apply_and_approve,
        fund_pending_loans,
        fund_approve,
        fund_reject,
        fund_disburse,
        fund_repay,
        fund_reverse_repayment,
        fund_plan_reschedule,
        fund_reschedule,
        fund_write_off,
        fund_arrears,
        fund_report,
        fund_export_report,
        fund_write_statement,
        fund_write_agreement,
        fund_write_receipt,
    ]
}

/// Reads a Buddhist-era date as typed.
fn be_date(text: &str) -> AppResult<NaiveDate> {
    Ok(chumchon::thai::date::parse_be_text(text)?)
}

/// Lists a member's savings accounts with their passbooks.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_savings_of(
    state: State<'_, AppState>,
    member_no: String,
) -> AppResult<Vec<SavingsBook>> {
    state.with_conn(|conn| {
        let member = chumchon::members::get(conn, member_no.trim())?;
        let mut books = Vec::new();
        for account in fund::savings::accounts_of(conn, member.id)? {
            books.push(savings_book(conn, &account.account_no)?);
        }
        Ok(books)
    })
}

fn savings_book(conn: &Connection, account_no: &str) -> chumchon::Result<SavingsBook> {
    let passbook = fund::savings::passbook(conn, account_no)?;
    let lines: Vec<PassbookRow> = passbook
        .lines
        .iter()
        .map(|line| PassbookRow {
            date: line.date.to_string(),
            kind: line.kind.as_str().to_string(),
            paid_in_satang: line.paid_in.satang(),
            paid_out_satang: line.paid_out.satang(),
            balance_satang: line.balance.satang(),
        })
        .collect();
    Ok(SavingsBook {
        account_no: passbook.account.account_no.clone(),
        member_no: passbook.account.member_no.clone(),
        balance_satang: lines.last().map_or(0, |l| l.balance_satang),
        lines,
    })
}

fn move_savings(
    state: &AppState,
    movement: &SavingsMovement,
    deposit: bool,
) -> AppResult<SavingsBook> {
    let date = be_date(&movement.date)?;
    let ctx = context();
    state.with_write(|tx| {
        let record = fund::savings::Movement {
            account_no: &movement.account_no,
            date,
            amount: Satang(movement.amount_satang),
            via: Via::Cash,
            receipt_no: None,
        };
        if deposit {
            fund::savings::deposit(tx, &ctx, &record)?;
        } else {
            fund::savings::withdraw(tx, &ctx, &record)?;
        }
        savings_book(tx, &movement.account_no)
    })
}

/// Pays cash into a savings account; returns its passbook.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_deposit(
    state: State<'_, AppState>,
    movement: SavingsMovement,
) -> AppResult<SavingsBook> {
    move_savings(&state, &movement, true)
}

/// Takes cash out of a savings account; returns its passbook.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_withdraw(
    state: State<'_, AppState>,
    movement: SavingsMovement,
) -> AppResult<SavingsBook> {
    move_savings(&state, &movement, false)
}

/// Lists the loan products.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_list_products(state: State<'_, AppState>) -> AppResult<Vec<ProductRow>> {
    let products = state.with_conn(|conn| fund::products::list_products(conn))?;
    Ok(products
        .into_iter()
        .map(|p| ProductRow {
            code: p.code,
            name: p.name,
        })
        .collect())
}

/// Stores a new loan product; returns its code. Fails with the core's
/// errors of `fund::products::add_product`, such as `loan_product_exists`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_add_product(state: State<'_, AppState>, product: NewProduct) -> AppResult<String> {
    let product = fund::products::Product {
        id: 0,
        code: product.code.trim().to_string(),
        name: product.name.trim().to_string(),
        method: method_of(product.method),
        rate_ppm: product.rate_ppm,
        max_principal: Satang(product.max_principal_satang),
        max_months: product.max_months,
        purposes: product.purposes,
        guarantors_required: product.guarantors_required,
        penalty: fund::products::PenaltyRule {
            grace_days: product.penalty_grace_days,
            fee: Satang(product.penalty_fee_satang),
            rate_ppm: product.penalty_rate_ppm,
        },
    };
    let ctx = context();
    state.with_write(|tx| fund::products::add_product(tx, &ctx, &product))?;
    Ok(product.code)
}

fn loan_row(summary: fund::loans::LoanSummary) -> LoanRow {
    LoanRow {
        loan_no: summary.loan_no,
        member_no: summary.member_no,
        member_name: summary.member_name,
        status: summary.status.as_str().to_string(),
        principal_satang: summary.principal.satang(),
        outstanding_satang: summary.outstanding.satang(),
        days_overdue: summary.days_overdue,
    }
}

/// Lists the loans paid out by a date (BE text), with what each still owes.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_list_loans(state: State<'_, AppState>, as_of: String) -> AppResult<Vec<LoanRow>> {
    let as_of = be_date(&as_of)?;
    let loans = state.with_conn(|conn| fund::loans::list_loans(conn, as_of))?;
    Ok(loans.into_iter().map(loan_row).collect())
}

/// Reads a loan with its schedule, money records and position on a date.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_loan(
    state: State<'_, AppState>,
    loan_no: String,
    as_of: String,
) -> AppResult<LoanView> {
    let as_of = be_date(&as_of)?;
    state.with_conn(|conn| loan_view(conn, &loan_no, as_of))
}

fn loan_view(conn: &Connection, loan_no: &str, as_of: NaiveDate) -> chumchon::Result<LoanView> {
    let detail = fund::loans::detail(conn, loan_no, as_of)?;
    let loan = &detail.loan;
    let instalments = fund::schedule::schedule(&loan.terms)?;
    let rate = fund::schedule::effective_rate(loan.terms.principal, &instalments);
    let schedule = match detail.versions.last() {
        Some(version) => due_rows(&version.instalments),
        None => instalments
            .iter()
            .map(|i| InstalmentRow {
                n: i.n,
                due: None,
                principal_satang: i.principal.satang(),
                interest_satang: i.interest.satang(),
                total_satang: i.total().satang(),
            })
            .collect(),
    };
    let reversible_id = match loan.status {
        LoanStatus::Active | LoanStatus::Closed => {
            fund::repayments::latest_repayment(conn, loan.id)?
        }
        _ => None,
    };
    let position = &detail.position;
    let iso = |date: Option<NaiveDate>| date.map(|d| d.to_string());
    Ok(LoanView {
        loan_no: loan.loan_no.clone(),
        member_no: loan.member_no.clone(),
        member_name: loan.member_name.clone(),
        status: loan.status.as_str().to_string(),
        method: loan.terms.method.as_str().to_string(),
        rate_ppm: loan.terms.rate_ppm,
        months: loan.terms.months,
        principal_satang: loan.terms.principal.satang(),
        effective_rate_bp: rate.annual_basis_points(),
        applied_on: loan.applied_on.to_string(),
        decided_on: iso(loan.decided_on),
        decided_by: loan.decided_by.clone(),
        minute_no: loan.minute_no.clone(),
        rejection_reason: loan.rejection_reason.clone(),
        disbursed_on: iso(loan.disbursed_on),
        written_off_on: iso(loan.written_off_on),
        write_off_approved_by: loan.write_off_approved_by.clone(),
        write_off_minute_no: loan.write_off_minute_no.clone(),
        schedule_version: detail.versions.last().map_or(0, |v| v.version),
        schedule,
        reschedulings: rescheduling_rows(conn, loan.id, &detail.versions)?,
        transactions: transaction_rows(&detail.transactions),
        reversible_id,
        outstanding_satang: position.outstanding.satang(),
        interest_due_satang: position.interest_due.satang(),
        penalty_due_satang: position.penalty_due.satang(),
        overdue_satang: position.overdue.satang(),
        days_overdue: position.days_overdue,
    })
}

fn due_rows(instalments: &[DueInstalment]) -> Vec<InstalmentRow> {
    instalments
        .iter()
        .map(|i| InstalmentRow {
            n: i.n,
            due: Some(i.due_on.to_string()),
            principal_satang: i.principal.satang(),
            interest_satang: i.interest.satang(),
            total_satang: i.total().satang(),
        })
        .collect()
}

fn transaction_rows(transactions: &[LoanTransaction]) -> Vec<LoanTransactionRow> {
    transactions
        .iter()
        .map(|t| LoanTransactionRow {
            id: t.id,
            date: t.date.to_string(),
            kind: t.kind.as_str().to_string(),
            amount_satang: t.amount.satang(),
            penalty_satang: t.penalty.satang(),
            interest_satang: t.interest.satang(),
            principal_satang: t.principal.satang(),
            reverses_id: t.reverses_id,
            reversed: transactions.iter().any(|r| r.reverses_id == Some(t.id)),
            note: t.note.clone(),
        })
        .collect()
}

fn rescheduling_rows(
    conn: &Connection,
    loan_id: i64,
    versions: &[ScheduleVersion],
) -> chumchon::Result<Vec<ReschedulingRow>> {
    let decisions = fund::loans::schedule_decisions(conn, loan_id)?;
    let rows = decisions
        .into_iter()
        .filter_map(|decision| {
            let version = versions.iter().find(|v| v.version == decision.version)?;
            Some(ReschedulingRow {
                version: decision.version,
                starts_on: version.starts_on.to_string(),
                months: version.months,
                rate_ppm: version.rate_ppm,
                principal_satang: version.principal.satang(),
                reason: decision.reason,
                approved_by: decision.approved_by,
                minute_no: decision.minute_no,
            })
        })
        .collect();
    Ok(rows)
}

/// Records an application and the committee's approval of it in one step;
/// returns the new contract number.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_apply_and_approve(
    state: State<'_, AppState>,
    loan: NewLoan,
    approval: LoanApproval,
) -> AppResult<String> {
    let application = application_of(&loan)?;
    let decision = decision_of(&approval)?;
    let ctx = context();
    state.with_write(|tx| {
        let applied = fund::loans::apply(tx, &ctx, &application)?;
        fund::loans::approve(tx, &ctx, &applied.loan_no, &decision)?;
        Ok(applied.loan_no)
    })
}

/// Pays out an approved loan in cash on a date; returns the loan.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_disburse(
    state: State<'_, AppState>,
    loan_no: String,
    date: String,
) -> AppResult<LoanView> {
    let date = be_date(&date)?;
    let ctx = context();
    state.with_write(|tx| {
        fund::loans::disburse(tx, &ctx, &loan_no, date, Via::Cash)?;
        loan_view(tx, &loan_no, date)
    })
}

/// Records a cash repayment; returns how it was split.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_repay(
    state: State<'_, AppState>,
    payment: RepaymentInput,
) -> AppResult<RepaymentSplit> {
    let date = be_date(&payment.date)?;
    let ctx = context();
    let repayment = state.with_write(|tx| {
        let payment = fund::repayments::Payment {
            loan_no: payment.loan_no.clone(),
            date,
            amount: Satang(payment.amount_satang),
            via: Via::Cash,
            receipt_no: None,
        };
        fund::repayments::repay(tx, &ctx, &payment)
    })?;
    Ok(RepaymentSplit {
        transaction_id: repayment.transaction_id,
        penalty_satang: repayment.allocation.penalty.satang(),
        interest_satang: repayment.allocation.interest.satang(),
        principal_satang: repayment.allocation.principal.satang(),
        outstanding_satang: repayment.position.outstanding.satang(),
        closed: repayment.closed,
    })
}

fn decision_of(approval: &LoanApproval) -> AppResult<fund::loans::Decision> {
    Ok(fund::loans::Decision {
        on: be_date(&approval.on)?,
        by: approval.by.trim().to_string(),
        minute_no: approval.minute_no.trim().to_string(),
    })
}

fn application_of(loan: &NewLoan) -> AppResult<fund::loans::Application> {
    Ok(fund::loans::Application {
        member_no: loan.member_no.trim().to_string(),
        product_code: loan.product_code.clone(),
        principal: Satang(loan.principal_satang),
        months: loan.months,
        purpose_code: loan.purpose_code.clone(),
        purpose_text: None,
        guarantors: loan.guarantors.clone(),
        applied_on: be_date(&loan.applied_on)?,
        loan_no: None,
        note: None,
    })
}

/// Records an application that waits for the committee; returns the new
/// contract number.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_apply(state: State<'_, AppState>, loan: NewLoan) -> AppResult<String> {
    let application = application_of(&loan)?;
    let ctx = context();
    let loan = state.with_write(|tx| fund::loans::apply(tx, &ctx, &application))?;
    Ok(loan.loan_no)
}

/// Lists the loans waiting for the committee or for their payout.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_pending_loans(state: State<'_, AppState>) -> AppResult<Vec<PendingLoanRow>> {
    let loans = state.with_conn(|conn| fund::loans::list_pending(conn))?;
    let iso = |date: Option<NaiveDate>| date.map(|d| d.to_string());
    Ok(loans
        .into_iter()
        .map(|loan| PendingLoanRow {
            status: loan.status.as_str().to_string(),
            principal_satang: loan.terms.principal.satang(),
            months: loan.terms.months,
            applied_on: loan.applied_on.to_string(),
            decided_on: iso(loan.decided_on),
            loan_no: loan.loan_no,
            member_no: loan.member_no,
            member_name: loan.member_name,
            decided_by: loan.decided_by,
            minute_no: loan.minute_no,
        })
        .collect())
}

/// Records the committee's approval of an application; the loan then
/// waits for its payout.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_approve(state: State<'_, AppState>, approval: LoanApproval) -> AppResult<()> {
    let decision = decision_of(&approval)?;
    let ctx = context();
    state.with_write(|tx| fund::loans::approve(tx, &ctx, &approval.loan_no, &decision))?;
    Ok(())
}

/// Records the committee's rejection of an application, with the reason.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_reject(
    state: State<'_, AppState>,
    decision: LoanApproval,
    reason: String,
) -> AppResult<()> {
    let rejection = decision_of(&decision)?;
    let ctx = context();
    state.with_write(|tx| fund::loans::reject(tx, &ctx, &decision.loan_no, &rejection, &reason))?;
    Ok(())
}

/// Reverses the latest repayment of a loan with a reversal entry; returns
/// the reversal's id.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_reverse_repayment(
    state: State<'_, AppState>,
    transaction_id: i64,
    note: String,
) -> AppResult<i64> {
    let ctx = context();
    state
        .with_write(|tx| fund::repayments::reverse_repayment(tx, &ctx, transaction_id, note.trim()))
}

fn method_of(method: LoanMethod) -> Method {
    match method {
        LoanMethod::Flat => Method::Flat,
        LoanMethod::Declining => Method::Declining,
        LoanMethod::DecliningEqualPrincipal => Method::DecliningEqualPrincipal,
    }
}

fn rescheduling_of(change: &ReschedulingInput) -> AppResult<fund::repayments::Rescheduling> {
    let method = change.method.map(method_of);
    Ok(fund::repayments::Rescheduling {
        date: be_date(&change.date)?,
        months: change.months,
        rate_ppm: change.rate_ppm,
        method,
        reason: change.reason.trim().to_string(),
        approved_by: change.approved_by.trim().to_string(),
        minute_no: change.minute_no.trim().to_string(),
    })
}

fn reschedule_plan(version: &ScheduleVersion) -> ReschedulePlan {
    ReschedulePlan {
        version: version.version,
        starts_on: version.starts_on.to_string(),
        principal_satang: version.principal.satang(),
        arrears_interest_satang: version.arrears_interest.satang(),
        carried_penalty_satang: version.carried_penalty.satang(),
        rate_ppm: version.rate_ppm,
        method: version.method.as_str().to_string(),
        instalments: due_rows(&version.instalments),
    }
}

/// Works out a loan's new schedule for `change` without saving it.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_plan_reschedule(
    state: State<'_, AppState>,
    loan_no: String,
    change: ReschedulingInput,
) -> AppResult<ReschedulePlan> {
    let change = rescheduling_of(&change)?;
    let version =
        state.with_conn(|conn| fund::repayments::plan_reschedule(conn, &loan_no, &change))?;
    Ok(reschedule_plan(&version))
}

/// Reschedules a loan on the committee's decision; returns the schedule
/// saved.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_reschedule(
    state: State<'_, AppState>,
    loan_no: String,
    change: ReschedulingInput,
) -> AppResult<ReschedulePlan> {
    let change = rescheduling_of(&change)?;
    let ctx = context();
    let version =
        state.with_write(|tx| fund::repayments::reschedule(tx, &ctx, &loan_no, &change))?;
    Ok(reschedule_plan(&version))
}

/// Writes off the principal a loan still owes, on the committee's
/// decision.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_write_off(state: State<'_, AppState>, decision: LoanApproval) -> AppResult<()> {
    let write_off = decision_of(&decision)?;
    let ctx = context();
    state.with_write(|tx| fund::repayments::write_off(tx, &ctx, &decision.loan_no, &write_off))?;
    Ok(())
}

/// Builds the arrears aging and PAR30 on a date.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_arrears(state: State<'_, AppState>, as_of: String) -> AppResult<ArrearsView> {
    let as_of = be_date(&as_of)?;
    let arrears = state.with_conn(|conn| fund::arrears::arrears(conn, as_of))?;
    Ok(ArrearsView {
        as_of: arrears.as_of.to_string(),
        buckets: arrears
            .buckets
            .iter()
            .map(|b| AgingRow {
                label: b.label.to_string(),
                loans: b.loans as u32,
                outstanding_satang: b.outstanding.satang(),
                overdue_satang: b.overdue.satang(),
            })
            .collect(),
        outstanding_satang: arrears.outstanding.satang(),
        par30_bp: arrears.par30_basis_points,
        overdue_loans: arrears.overdue_loans.into_iter().map(loan_row).collect(),
    })
}

fn row(code: &str, name: &str, first: Option<Satang>, second: Option<Satang>) -> ReportRow {
    ReportRow {
        code: code.to_string(),
        name: name.to_string(),
        label: None,
        first_satang: first.map(Satang::satang),
        second_satang: second.map(Satang::satang),
    }
}

/// Builds a heading or total line: `key` names its message `fund.row.<key>`
/// for the screen, and `name` is its Thai text.
fn labelled(key: &str, name: &str, first: Option<Satang>, second: Option<Satang>) -> ReportRow {
    ReportRow {
        label: Some(format!("fund.row.{key}")),
        ..row("", name, first, second)
    }
}

fn statement_rows(
    rows: &mut Vec<ReportRow>,
    (key, heading): (&str, &str),
    lines: &[fund::reports::StatementLine],
) {
    rows.push(labelled(key, heading, None, None));
    for line in lines {
        rows.push(row(
            line.code.as_deref().unwrap_or(""),
            &line.name,
            Some(line.amount),
            None,
        ));
    }
}

/// Returns the first and last day of fiscal year `year_be`.
fn fiscal_period(conn: &Connection, year_be: i32) -> chumchon::Result<(NaiveDate, NaiveDate)> {
    fund::years::period(conn, year_be)
}

fn report_rows(
    conn: &Connection,
    report: JournalReport,
    year_be: i32,
) -> chumchon::Result<Vec<ReportRow>> {
    let mut rows = Vec::new();
    match report {
        JournalReport::TrialBalance => {
            let trial = fund::reports::trial_balance(conn, year_be)?;
            for line in &trial.accounts {
                rows.push(row(
                    &line.code,
                    &line.name,
                    Some(line.debit),
                    Some(line.credit),
                ));
            }
            rows.push(labelled(
                "total",
                "รวม",
                Some(trial.debit_total),
                Some(trial.credit_total),
            ));
        }
        JournalReport::BalanceSheet => {
            let (_, to) = fiscal_period(conn, year_be)?;
            let sheet = fund::reports::balance_sheet(conn, to)?;
            statement_rows(&mut rows, ("assets", "สินทรัพย์"), &sheet.assets);
            rows.push(labelled(
                "total_assets",
                "รวมสินทรัพย์",
                Some(sheet.total_assets),
                None,
            ));
            statement_rows(&mut rows, ("liabilities", "หนี้สิน"), &sheet.liabilities);
            rows.push(labelled(
                "total_liabilities",
                "รวมหนี้สิน",
                Some(sheet.total_liabilities),
                None,
            ));
            statement_rows(&mut rows, ("equity", "ทุน"), &sheet.equity);
            rows.push(labelled(
                "total_equity",
                "รวมทุน",
                Some(sheet.total_equity),
                None,
            ));
        }
        JournalReport::IncomeStatement => {
            let statement = fund::reports::income_statement(conn, year_be)?;
            statement_rows(&mut rows, ("income", "รายได้"), &statement.income);
            rows.push(labelled(
                "total_income",
                "รวมรายได้",
                Some(statement.total_income),
                None,
            ));
            statement_rows(&mut rows, ("expenses", "ค่าใช้จ่าย"), &statement.expenses);
            rows.push(labelled(
                "total_expenses",
                "รวมค่าใช้จ่าย",
                Some(statement.total_expenses),
                None,
            ));
            rows.push(labelled(
                "surplus",
                "รายได้สูงกว่าค่าใช้จ่าย",
                Some(statement.surplus),
                None,
            ));
        }
        JournalReport::CashBook => {
            let (from, to) = fiscal_period(conn, year_be)?;
            let book = fund::reports::cash_book(conn, from, to)?;
            rows.push(labelled("opening", "ยอดยกมา", Some(book.opening), None));
            for line in &book.lines {
                rows.push(row(
                    &line.date.to_string(),
                    &line.description,
                    Some(line.receipt),
                    Some(line.payment),
                ));
            }
            rows.push(labelled(
                "total",
                "รวม",
                Some(book.receipts),
                Some(book.payments),
            ));
            rows.push(labelled("closing", "ยอดคงเหลือ", Some(book.closing), None));
        }
    }
    Ok(rows)
}

/// Posts the other registers' new records, then builds a journal report
/// of fiscal year `year_be`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_report(
    state: State<'_, AppState>,
    report: JournalReport,
    year_be: i32,
) -> AppResult<ReportView> {
    let ctx = context();
    let rows = state.with_write(|tx| {
        fund::sync::sync(tx, &ctx)?;
        report_rows(tx, report, year_be)
    })?;
    Ok(ReportView {
        report,
        year_be,
        rows,
    })
}

/// Writes a journal report of fiscal year `year_be` to `path`: a PDF when
/// the path ends in ".pdf", otherwise an Excel workbook.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_export_report(
    state: State<'_, AppState>,
    report: JournalReport,
    year_be: i32,
    path: PathBuf,
) -> AppResult<()> {
    let ctx = context();
    let today = ctx.today();
    let pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    state.with_write(|tx| {
        fund::sync::sync(tx, &ctx)?;
        let (from, to) = fiscal_period(tx, year_be)?;
        let out = path.as_path();
        match (report, pdf) {
            (JournalReport::TrialBalance, true) => {
                fund::documents::write_trial_balance(tx, year_be, today, out).map(drop)
            }
            (JournalReport::BalanceSheet, true) => {
                fund::documents::write_balance_sheet(tx, to, today, out).map(drop)
            }
            (JournalReport::IncomeStatement, true) => {
                fund::documents::write_income_statement(tx, year_be, today, out).map(drop)
            }
            (JournalReport::CashBook, true) => {
                fund::documents::write_cash_book(tx, from, to, today, out).map(drop)
            }
            (JournalReport::TrialBalance, false) => {
                chumchon::export::fund::trial_balance(tx, &ctx, year_be, out)
            }
            (JournalReport::BalanceSheet, false) => {
                chumchon::export::fund::balance_sheet(tx, &ctx, to, out)
            }
            (JournalReport::IncomeStatement, false) => {
                chumchon::export::fund::income_statement(tx, &ctx, year_be, out)
            }
            (JournalReport::CashBook, false) => {
                chumchon::export::fund::cash_book(tx, &ctx, from, to, out)
            }
        }
    })
}

/// Writes a member's statement (shares, savings, loans, plastic credit) up
/// to today as a PDF at `path`; returns its page count.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_write_statement(
    state: State<'_, AppState>,
    member_no: String,
    path: PathBuf,
) -> AppResult<u32> {
    let today = context().today();
    let pages = state.with_conn(|conn| {
        fund::documents::write_member_statement(conn, member_no.trim(), today, &path)
    })?;
    Ok(pages as u32)
}

/// Writes a loan's agreement as a PDF at `path`; returns its page count.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_write_agreement(
    state: State<'_, AppState>,
    loan_no: String,
    path: PathBuf,
) -> AppResult<u32> {
    let today = context().today();
    let pages = state
        .with_conn(|conn| fund::documents::write_loan_agreement(conn, &loan_no, today, &path))?;
    Ok(pages as u32)
}

/// Writes the receipt of repayment `transaction_id` as a PDF at `path`;
/// returns its page count.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn fund_write_receipt(
    state: State<'_, AppState>,
    transaction_id: i64,
    path: PathBuf,
) -> AppResult<u32> {
    let pages = state
        .with_conn(|conn| fund::documents::write_repayment_receipt(conn, transaction_id, &path))?;
    Ok(pages as u32)
}
