//! The committee's decisions and the office's corrections in the real
//! window: reject an application, approve a loan and pay it out later,
//! reverse a repayment, reschedule a loan after seeing its new schedule,
//! and write a loan off. The database is checked afterwards: each loan's
//! status, decision and balance, and a trial balance whose debits equal
//! its credits.

use std::path::Path;

use chumchon::fund::accounts::{Via, BAD_DEBTS, LOANS_RECEIVABLE};
use chumchon::fund::loans::{self, Application, Decision, LoanStatus};
use chumchon::fund::products::{PenaltyRule, Product};
use chumchon::fund::repayments::{self, Payment};
use chumchon::fund::schedule::Method;
use chumchon::members::MemberDetails;
use chumchon::thai::date::parse_be_text;
use chumchon::{Context, Satang};
use chumchon_e2e::{App, Element, Launch, Result, Session};

#[path = "fund_support.rs"]
mod support;
use support::{choose_option, io_error, type_into, wait_for_change};

/// The borrower of every loan.
const BORROWER: &str = "BY921";
/// The guarantor of every loan.
const GUARANTOR: &str = "BY922";
/// Paid out on 10/01/2568 and repaid twice. The window reverses the
/// second repayment and reschedules the loan.
const REPAID: &str = "ก2568/001";
/// Paid out on 10/01/2568 and written off in the window.
const WRITTEN_OFF: &str = "ก2568/002";
/// Applied for and rejected in the window.
const REJECTED: &str = "ก2568/003";
/// Applied for and approved in the window, then paid out later.
const APPROVED: &str = "ก2568/004";
/// The committee minutes typed in the window.
const REJECTION_MINUTE: &str = "4/2568";
const APPROVAL_MINUTE: &str = "5/2568";
const RESCHEDULE_MINUTE: &str = "7/2568";
const WRITE_OFF_MINUTE: &str = "9/2568";
const CHAIR: &str = "ประธานกรรมการ";

#[test]
fn loan_decisions_and_corrections_keep_books_balanced() -> Result<()> {
    let app = App::launch(Launch::new(
        "loan_decisions_and_corrections_keep_books_balanced",
    ))?;
    seed(app.database())?;
    let ui = app.session();
    ui.wait_for("nav-fund")?.click()?;

    // Approve now, pay out later.
    ui.wait_for("fund-tab-new_loan")?.click()?;
    choose_option(ui, "fund-new-stage", "approve")?;
    type_into(ui, "fund-new-member", BORROWER)?;
    type_into(ui, "fund-new-principal", "9,000")?;
    type_into(ui, "fund-new-months", "9")?;
    type_into(ui, "fund-new-guarantors", GUARANTOR)?;
    type_into(ui, "fund-new-applied", "02/01/2568")?;
    type_into(ui, "fund-new-approved-on", "06/01/2568")?;
    type_into(ui, "fund-new-approved-by", CHAIR)?;
    type_into(ui, "fund-new-minute", APPROVAL_MINUTE)?;
    let form_fields = ui.find_all("fund-new-disbursed")?.len();
    ui.find("fund-new-submit")?.click()?;
    let approved_notice = ui.wait_for_text("fund-new-result", APPROVED)?;

    ui.find("fund-tab-pending")?.click()?;
    let pending_before = pending_loans(ui, 2)?;
    row_with(ui, "fund-pending-row", REJECTED)?
        .find("fund-pending-reject")?
        .click()?;
    type_into(ui, "fund-decision-on", "20/01/2568")?;
    type_into(ui, "fund-decision-by", CHAIR)?;
    type_into(ui, "fund-decision-minute", REJECTION_MINUTE)?;
    type_into(ui, "fund-decision-reason", "มีหนี้ค้างชำระกับกองทุนอื่น")?;
    ui.find("fund-decision-submit")?.click()?;
    let reject_question = confirm(ui, "fund-decision-dialog")?;
    ui.wait_for_text("fund-pending-notice", REJECTED)?;
    pending_loans(ui, 1)?;
    row_with(ui, "fund-pending-row", APPROVED)?
        .find("fund-pending-disburse")?
        .click()?;
    type_into(ui, "fund-decision-payout-on", "10/01/2568")?;
    ui.find("fund-decision-submit")?.click()?;
    let payout_question = confirm(ui, "fund-decision-dialog")?;
    ui.wait_for_text("fund-pending-notice", APPROVED)?;
    pending_loans(ui, 0)?;

    // Reverse the latest repayment, then reschedule what is owed.
    ui.find("fund-tab-loans")?.click()?;
    open_loan(ui, REPAID)?;
    let owed_before = ui.find("fund-detail-outstanding")?.text()?;
    ui.find("fund-action-reverse")?.click()?;
    let reversal_target = ui.wait_for("fund-reverse-target")?.text()?;
    type_into(ui, "fund-reverse-note", "เช็คคืน")?;
    ui.find("fund-reverse-submit")?.click()?;
    let reverse_question = confirm(ui, "fund-action-dialog")?;
    ui.wait_for("fund-action-notice")?;
    let owed_after = wait_for_change(ui, "fund-detail-outstanding", &owed_before)?;
    let reversed_rows = marked_transactions(ui)?;

    ui.find("fund-action-reschedule")?.click()?;
    type_into(ui, "fund-action-date", "10/04/2568")?;
    type_into(ui, "fund-reschedule-months", "18")?;
    type_into(ui, "fund-reschedule-reason", "ค้าขายขาดทุนช่วงน้ำท่วม")?;
    type_into(ui, "fund-action-by", CHAIR)?;
    type_into(ui, "fund-action-minute", RESCHEDULE_MINUTE)?;
    let save_enabled_early = ui.find("fund-reschedule-submit")?.is_enabled()?;
    ui.find("fund-reschedule-preview")?.click()?;
    let plan = ui.wait_for("fund-plan-summary")?.text()?;
    let plan_rows = ui.find_all("fund-plan-row")?.len();
    ui.find("fund-reschedule-submit")?.click()?;
    let reschedule_question = confirm(ui, "fund-action-dialog")?;
    let schedule_title = ui.wait_for_text("fund-schedule-title", "2")?;
    let schedule_rows = ui.find_all("fund-schedule-row")?.len();
    let reschedulings = ui.wait_for("fund-reschedulings")?.text()?;

    // Write off the other loan.
    open_loan(ui, WRITTEN_OFF)?;
    ui.find("fund-action-write-off")?.click()?;
    type_into(ui, "fund-action-date", "10/05/2568")?;
    type_into(ui, "fund-action-by", CHAIR)?;
    type_into(ui, "fund-action-minute", WRITE_OFF_MINUTE)?;
    ui.find("fund-write-off-submit")?.click()?;
    let write_off_question = confirm(ui, "fund-action-dialog")?;
    let write_off_info = ui.wait_for_text("fund-detail-write-off", WRITE_OFF_MINUTE)?;
    app.save_screenshot("fund-corrections")?;
    let stored = stored_books(app.database())?;
    app.close()?;

    assert_eq!(
        form_fields, 0,
        "approving without payout asks no payout date"
    );
    assert!(
        approved_notice.contains(APPROVED),
        "the notice names {APPROVED}: {approved_notice}"
    );
    assert_eq!(pending_before.len(), 2, "{REJECTED} and {APPROVED} wait");
    assert!(
        reject_question.contains(REJECTED) && reject_question.contains(REJECTION_MINUTE),
        "the rejection question names the loan and the minute: {reject_question}"
    );
    assert!(
        payout_question.contains("9,000.00"),
        "the payout question names the amount: {payout_question}"
    );
    assert!(
        reversal_target.contains("1,030.00"),
        "the latest repayment is offered for reversal: {reversal_target}"
    );
    assert!(
        reverse_question.contains(REPAID),
        "the reversal question names the loan: {reverse_question}"
    );
    assert_eq!(owed_before, "10,000.00", "two instalments were repaid");
    assert_eq!(owed_after, "11,000.00", "one instalment is owed again");
    assert_eq!(
        reversed_rows,
        (1, 1),
        "one repayment is marked reversed and one row is its reversal"
    );
    assert!(
        !save_enabled_early,
        "the schedule is saved only after it is shown"
    );
    assert_eq!(plan_rows, 18, "the new schedule has 18 instalments");
    assert!(
        plan.contains("11,000.00"),
        "the plan spreads the principal owed: {plan}"
    );
    assert!(
        reschedule_question.contains(RESCHEDULE_MINUTE),
        "the rescheduling question names the minute: {reschedule_question}"
    );
    assert!(
        schedule_title.contains('2'),
        "the loan shows schedule version 2: {schedule_title}"
    );
    assert_eq!(schedule_rows, 18, "the loan shows the new schedule");
    assert!(
        reschedulings.contains(CHAIR) && reschedulings.contains(RESCHEDULE_MINUTE),
        "the rescheduling shows who approved it and the minute: {reschedulings}"
    );
    assert!(
        write_off_question.contains("6,000.00"),
        "the write-off question names the principal owed: {write_off_question}"
    );
    assert!(
        write_off_info.contains(CHAIR),
        "the loan shows who approved the write-off: {write_off_info}"
    );

    assert_eq!(stored.rejected.status, LoanStatus::Rejected);
    assert_eq!(stored.rejected.minute_no.as_deref(), Some(REJECTION_MINUTE));
    assert_eq!(
        stored.rejected.rejection_reason.as_deref(),
        Some("มีหนี้ค้างชำระกับกองทุนอื่น")
    );
    assert_eq!(stored.approved.status, LoanStatus::Active);
    assert_eq!(stored.approved.decided_by.as_deref(), Some(CHAIR));
    assert_eq!(stored.approved.minute_no.as_deref(), Some(APPROVAL_MINUTE));
    assert_eq!(
        stored
            .approved
            .disbursed_on
            .map(|d| d.to_string())
            .as_deref(),
        Some("2025-01-10"),
        "paid out on 10/01/2568"
    );
    assert_eq!(
        stored.reversals,
        vec![(stored.second_repayment, "เช็คคืน".to_string())],
        "the second repayment has one reversal entry and stays on record"
    );
    assert_eq!(stored.repaid_outstanding, 1_100_000, "11,000 baht owed");
    assert_eq!(
        stored.schedule_versions, 2,
        "the rescheduling adds a version"
    );
    assert_eq!(stored.new_instalments, 18);
    assert_eq!(
        stored.reschedule_minute.as_deref(),
        Some(RESCHEDULE_MINUTE),
        "the rescheduling keeps its minute"
    );
    assert_eq!(stored.written_off.status, LoanStatus::WrittenOff);
    assert_eq!(
        stored.written_off.write_off_minute_no.as_deref(),
        Some(WRITE_OFF_MINUTE)
    );
    assert_eq!(
        stored.written_off.write_off_approved_by.as_deref(),
        Some(CHAIR)
    );
    assert_eq!(stored.bad_debts, 600_000, "6,000 baht written off");
    assert_eq!(
        stored.loans_receivable,
        1_100_000 + 900_000,
        "the rescheduled and the newly paid-out loan are owed"
    );
    assert_eq!(
        stored.debit_total, stored.credit_total,
        "the trial balance of 2568 balances"
    );
    assert!(stored.debit_total > 0, "the trial balance has postings");
    assert_eq!(stored.unbalanced_entries, 0, "every journal entry balances");
    Ok(())
}

/// Adds the borrower and guarantor, a flat 3% product without penalty,
/// loan REPAID (12,000 baht over 12 months, 1,030 baht a month, repaid on
/// 10/02 and 10/03/2568), loan WRITTEN_OFF (6,000 baht over 6 months) and
/// the application REJECTED.
fn seed(database: &Path) -> Result<()> {
    let work = || -> chumchon::Result<()> {
        let conn = chumchon::db::open(database)?;
        let joined = parse_be_text("01/06/2563").map_err(date_error)?;
        let ctx = Context::new("e2e", joined.and_hms_opt(9, 0, 0).unwrap_or_default());
        let community = chumchon::members::ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        for (no, name) in [(BORROWER, "มาลี"), (GUARANTOR, "สมชาย")] {
            let details = MemberDetails {
                member_no: no.into(),
                first_name: name.into(),
                last_name: "ใจดี".into(),
                community_id: community.id,
                joined: Some(joined),
                ..MemberDetails::default()
            };
            chumchon::members::insert(&conn, &ctx, &details)?;
        }
        chumchon::fund::products::add_product(&conn, &ctx, &product())?;
        for (loan_no, baht, months) in [(REPAID, 12_000, 12), (WRITTEN_OFF, 6_000, 6)] {
            loans::apply(&conn, &ctx, &application(loan_no, baht, months)?)?;
            let decision = Decision {
                on: parse_be_text("06/01/2568").map_err(date_error)?,
                by: CHAIR.into(),
                minute_no: "1/2568".into(),
            };
            loans::approve(&conn, &ctx, loan_no, &decision)?;
            loans::disburse(
                &conn,
                &ctx,
                loan_no,
                parse_be_text("10/01/2568").map_err(date_error)?,
                Via::Cash,
            )?;
        }
        for date in ["10/02/2568", "10/03/2568"] {
            let payment = Payment {
                loan_no: REPAID.into(),
                date: parse_be_text(date).map_err(date_error)?,
                amount: Satang::from_baht(1_030),
                via: Via::Cash,
                receipt_no: None,
            };
            repayments::repay(&conn, &ctx, &payment)?;
        }
        loans::apply(&conn, &ctx, &application(REJECTED, 20_000, 24)?)?;
        Ok(())
    };
    work().map_err(|e| io_error(database, e))
}

fn product() -> Product {
    Product {
        id: 0,
        code: "GEN".into(),
        name: "เงินกู้สามัญ".into(),
        method: Method::Flat,
        rate_ppm: 30_000,
        max_principal: Satang::from_baht(200_000),
        max_months: 24,
        purposes: Vec::new(),
        guarantors_required: 1,
        penalty: PenaltyRule::default(),
    }
}

fn application(loan_no: &str, baht: i64, months: u32) -> chumchon::Result<Application> {
    Ok(Application {
        member_no: BORROWER.into(),
        product_code: "GEN".into(),
        principal: Satang::from_baht(baht),
        months,
        purpose_code: "trade".into(),
        purpose_text: None,
        guarantors: vec![GUARANTOR.into()],
        applied_on: parse_be_text("02/01/2568").map_err(date_error)?,
        loan_no: Some(loan_no.into()),
        note: None,
    })
}

fn date_error(error: impl std::fmt::Display) -> chumchon::Error {
    chumchon::Error::rule("invalid_date", error.to_string())
}

/// Waits for the confirmation `dialog`, confirms it and returns the
/// question it asked.
fn confirm(ui: &Session, dialog: &str) -> Result<String> {
    let question = ui.wait_for(dialog)?.text()?;
    ui.find(&format!("{dialog}-confirm"))?.click()?;
    Ok(question)
}

/// Waits for the row `test_id` whose `data-loan` is `loan_no`.
fn row_with<'s>(ui: &'s Session, test_id: &str, loan_no: &str) -> Result<Element<'s>> {
    chumchon_e2e::wait_until(
        &format!("a {test_id} of {loan_no}"),
        std::time::Duration::from_secs(10),
        || {
            for row in ui.find_all(test_id)? {
                if row.attribute("data-loan")?.as_deref() == Some(loan_no) {
                    return Ok(Some(row));
                }
            }
            Ok(None)
        },
    )
}

/// Waits until `count` loans wait in the pending list, and returns their
/// contract numbers.
fn pending_loans(ui: &Session, count: usize) -> Result<Vec<String>> {
    chumchon_e2e::wait_until(
        &format!("{count} pending loans"),
        std::time::Duration::from_secs(10),
        || {
            let rows = ui.find_all("fund-pending-row")?;
            let mut numbers = Vec::new();
            for row in &rows {
                numbers.push(row.attribute("data-loan")?.unwrap_or_default());
            }
            Ok((numbers.len() == count).then_some(numbers))
        },
    )
}

/// Opens loan `loan_no` from the loan list and waits for its detail.
fn open_loan(ui: &Session, loan_no: &str) -> Result<()> {
    row_with(ui, "fund-loan-row", loan_no)?
        .find("fund-loan-open")?
        .click()?;
    ui.wait_for_text("fund-loan-detail", loan_no)?;
    Ok(())
}

/// Counts the money records marked reversed and the reversals.
fn marked_transactions(ui: &Session) -> Result<(usize, usize)> {
    let (mut reversed, mut reversals) = (0, 0);
    for row in ui.find_all("fund-transaction")? {
        if row.attribute("data-reversed")?.as_deref() == Some("true") {
            reversed += 1;
        }
        if row.attribute("data-reversal")?.as_deref() == Some("true") {
            reversals += 1;
        }
    }
    Ok((reversed, reversals))
}

/// What the database contains after the window's work.
struct Stored {
    rejected: loans::Loan,
    approved: loans::Loan,
    written_off: loans::Loan,
    second_repayment: i64,
    reversals: Vec<(i64, String)>,
    repaid_outstanding: i64,
    schedule_versions: usize,
    new_instalments: usize,
    reschedule_minute: Option<String>,
    bad_debts: i64,
    loans_receivable: i64,
    debit_total: i64,
    credit_total: i64,
    unbalanced_entries: usize,
}

fn stored_books(database: &Path) -> Result<Stored> {
    let work = || -> chumchon::Result<Stored> {
        let conn = chumchon::db::open(database)?;
        let repaid = loans::detail(
            &conn,
            REPAID,
            parse_be_text("30/06/2568").map_err(date_error)?,
        )?;
        let repayments: Vec<_> = repaid
            .transactions
            .iter()
            .filter(|t| t.kind.as_str() == "repayment" && t.reverses_id.is_none())
            .collect();
        let second_repayment = repayments.last().map_or(0, |t| t.id);
        let reversals = repaid
            .transactions
            .iter()
            .filter_map(|t| Some((t.reverses_id?, t.note.clone().unwrap_or_default())))
            .collect();
        let decisions = loans::schedule_decisions(&conn, repaid.loan.id)?;
        let trial = chumchon::fund::reports::trial_balance(&conn, 2568)?;
        let balance = |code: &str| {
            trial
                .accounts
                .iter()
                .filter(|a| a.code == code)
                .map(|a| a.debit.satang() - a.credit.satang())
                .sum::<i64>()
        };
        Ok(Stored {
            rejected: loans::get_loan(&conn, REJECTED)?,
            approved: loans::get_loan(&conn, APPROVED)?,
            written_off: loans::get_loan(&conn, WRITTEN_OFF)?,
            second_repayment,
            reversals,
            repaid_outstanding: repaid.position.outstanding.satang(),
            schedule_versions: repaid.versions.len(),
            new_instalments: repaid.versions.last().map_or(0, |v| v.instalments.len()),
            reschedule_minute: decisions.last().map(|d| d.minute_no.clone()),
            bad_debts: balance(BAD_DEBTS),
            loans_receivable: balance(LOANS_RECEIVABLE),
            debit_total: trial.debit_total.satang(),
            credit_total: trial.credit_total.satang(),
            unbalanced_entries: chumchon::fund::journal::check(&conn)?.len(),
        })
    };
    work().map_err(|e| io_error(database, e))
}
