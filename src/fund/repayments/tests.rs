//! Tests of a loan's life: application, approval, disbursement,
//! repayments, reversal, rescheduling and write-off, with the journal
//! entries each makes.

use super::*;
use crate::fund::accounts::{BAD_DEBTS, CASH, LOANS_RECEIVABLE, LOAN_INTEREST_INCOME};
use crate::fund::loans::{apply, approve, detail, get_loan, list_loans, reject};
use crate::fund::testing::{active_loan, application, bank, decision, journal_balance};
use crate::test_support::date;

fn payment(loan_no: &str, on: NaiveDate, baht: i64) -> Payment {
    Payment {
        loan_no: loan_no.into(),
        date: on,
        amount: Satang::from_baht(baht),
        via: Via::Cash,
        receipt_no: Some("R001".into()),
    }
}

#[test]
fn loan_goes_from_application_to_active() -> Result<()> {
    let bank = bank()?;

    let loan = active_loan(&bank)?;

    assert_eq!(loan.loan_no, "ก2567/001", "numbered by the BE year");
    assert_eq!(loan.status, LoanStatus::Active);
    assert_eq!(
        loan.minute_no.as_deref(),
        Some("1/2567"),
        "the approval's minute"
    );
    assert_eq!(loan.decided_by.as_deref(), Some("ประธานกรรมการ"));
    assert_eq!(loan.guarantors.len(), 1);
    let detail = detail(&bank.conn, &loan.loan_no, date(2024, 2, 1))?;
    assert_eq!(detail.versions[0].instalments.len(), 12);
    assert_eq!(detail.versions[0].instalments[0].due_on, date(2024, 3, 1));
    assert_eq!(journal_balance(&bank.conn, LOANS_RECEIVABLE)?, 1_200_000);
    assert_eq!(
        journal_balance(&bank.conn, CASH)?,
        -1_200_000,
        "paid out in cash"
    );
    Ok(())
}

#[test]
fn application_checks_the_product() -> Result<()> {
    let bank = bank()?;
    let too_much = application("BY001", "BY002", 60_000, 12);
    let too_long = application("BY001", "BY002", 10_000, 36);
    let mut wrong_purpose = application("BY001", "BY002", 10_000, 12);
    wrong_purpose.purpose_code = "education".into();
    let mut no_guarantor = application("BY001", "BY002", 10_000, 12);
    no_guarantor.guarantors.clear();
    let own_guarantor = application("BY001", "BY001", 10_000, 12);
    let new_guarantor = application("BY001", "BY004", 10_000, 12);

    let cases = [
        (too_much, "loan_above_product_maximum"),
        (too_long, "loan_term_above_product_maximum"),
        (wrong_purpose, "loan_purpose_not_allowed"),
        (no_guarantor, "guarantors_missing"),
        (own_guarantor, "guarantor_is_borrower"),
        (new_guarantor, "loan_before_joined"),
    ];
    for (application, code) in cases {
        let result = apply(&bank.conn, &bank.ctx, &application);
        assert_eq!(result.err().map(|e| e.code()), Some(code), "{code}");
    }
    Ok(())
}

#[test]
fn guarantor_limit_counts_open_loans() -> Result<()> {
    let bank = bank()?;
    crate::db::set_setting(
        &bank.conn,
        &bank.ctx,
        "fund_guarantee_limit_satang",
        "2000000",
    )?;
    apply(
        &bank.conn,
        &bank.ctx,
        &application("BY001", "BY003", 15_000, 12),
    )?;

    let second = apply(
        &bank.conn,
        &bank.ctx,
        &application("BY002", "BY003", 6_000, 12),
    );
    let smaller = apply(
        &bank.conn,
        &bank.ctx,
        &application("BY002", "BY003", 5_000, 12),
    );

    assert_eq!(
        second.err().map(|e| e.code()),
        Some("guarantee_limit_exceeded"),
        "15,000 + 6,000 is above 20,000"
    );
    assert!(smaller.is_ok(), "15,000 + 5,000 is within the limit");
    Ok(())
}

#[test]
fn rejected_loan_keeps_the_reason() -> Result<()> {
    let bank = bank()?;
    let loan = apply(
        &bank.conn,
        &bank.ctx,
        &application("BY001", "BY002", 5_000, 6),
    )?;

    let rejected = reject(
        &bank.conn,
        &bank.ctx,
        &loan.loan_no,
        &decision(date(2024, 1, 20)),
        "มีหนี้ค้าง",
    )?;
    let again = approve(
        &bank.conn,
        &bank.ctx,
        &loan.loan_no,
        &decision(date(2024, 1, 21)),
    );

    assert_eq!(rejected.status, LoanStatus::Rejected);
    assert_eq!(rejected.rejection_reason.as_deref(), Some("มีหนี้ค้าง"));
    assert_eq!(again.err().map(|e| e.code()), Some("loan_not_applied"));
    Ok(())
}

#[test]
fn paying_every_instalment_closes_the_loan() -> Result<()> {
    let bank = bank()?;
    let loan = active_loan(&bank)?;

    let mut last = None;
    for month in 0..12u32 {
        let due = crate::fund::schedule::due_date(date(2024, 2, 1), month + 1).unwrap_or_default();
        last = Some(repay(
            &bank.conn,
            &bank.ctx,
            &payment(&loan.loan_no, due, 1_120),
        )?);
    }

    let last = last.expect("twelve repayments");
    assert!(last.closed, "the twelfth instalment closes it");
    assert_eq!(
        get_loan(&bank.conn, &loan.loan_no)?.status,
        LoanStatus::Closed
    );
    assert_eq!(journal_balance(&bank.conn, LOANS_RECEIVABLE)?, 0);
    assert_eq!(
        journal_balance(&bank.conn, LOAN_INTEREST_INCOME)?,
        -144_000,
        "1,440 baht interest"
    );
    let closed = repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2025, 3, 1), 1),
    );
    assert_eq!(closed.err().map(|e| e.code()), Some("loan_not_active"));
    Ok(())
}

#[test]
fn repayment_checks_amount_and_date() -> Result<()> {
    let bank = bank()?;
    let loan = active_loan(&bank)?;
    repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 3, 1), 1_120),
    )?;

    let too_much = repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 3, 5), 20_000),
    );
    let backdated = repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 2, 20), 100),
    );

    assert_eq!(
        too_much.err().map(|e| e.code()),
        Some("repayment_exceeds_balance")
    );
    assert_eq!(
        backdated.err().map(|e| e.code()),
        Some("repayment_before_last")
    );
    Ok(())
}

#[test]
fn reversing_last_repayment_reopens_loan() -> Result<()> {
    let bank = bank()?;
    let loan = active_loan(&bank)?;
    let first = repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 3, 1), 1_120),
    )?;
    let payoff = loans::position_of(&bank.conn, &loan, date(2024, 3, 10))?.payoff();
    let last = repay(
        &bank.conn,
        &bank.ctx,
        &Payment {
            amount: payoff,
            ..payment(&loan.loan_no, date(2024, 3, 10), 0)
        },
    )?;
    assert!(last.closed, "paid off early");

    let not_latest = reverse_repayment(&bank.conn, &bank.ctx, first.transaction_id, "x");
    reverse_repayment(&bank.conn, &bank.ctx, last.transaction_id, "cheque bounced")?;

    assert_eq!(
        not_latest.err().map(|e| e.code()),
        Some("repayment_not_latest")
    );
    let reopened = get_loan(&bank.conn, &loan.loan_no)?;
    assert_eq!(reopened.status, LoanStatus::Active);
    assert_eq!(reopened.closed_on, None);
    assert_eq!(
        journal_balance(&bank.conn, LOANS_RECEIVABLE)?,
        1_100_000,
        "11,000 owed again"
    );
    Ok(())
}

#[test]
fn write_off_needs_approval_and_clears_principal() -> Result<()> {
    let bank = bank()?;
    let loan = active_loan(&bank)?;
    repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 3, 1), 1_120),
    )?;
    let mut unapproved = decision(date(2024, 12, 1));
    unapproved.minute_no.clear();

    let refused = write_off(&bank.conn, &bank.ctx, &loan.loan_no, &unapproved);
    let written = write_off(
        &bank.conn,
        &bank.ctx,
        &loan.loan_no,
        &decision(date(2024, 12, 1)),
    )?;

    assert_eq!(refused.err().map(|e| e.code()), Some("decision_incomplete"));
    assert_eq!(written.status, LoanStatus::WrittenOff);
    assert_eq!(written.write_off_minute_no.as_deref(), Some("1/2567"));
    assert_eq!(journal_balance(&bank.conn, BAD_DEBTS)?, 1_100_000);
    assert_eq!(journal_balance(&bank.conn, LOANS_RECEIVABLE)?, 0);
    let listed = list_loans(&bank.conn, date(2024, 12, 31))?;
    assert_eq!(listed[0].outstanding, Satang::ZERO);
    assert_eq!(
        listed[0].days_overdue, 0,
        "nothing is owed after a write-off"
    );
    Ok(())
}

#[test]
fn rescheduling_spreads_what_is_owed() -> Result<()> {
    let bank = bank()?;
    let loan = active_loan(&bank)?;
    repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 3, 1), 1_120),
    )?;
    let change = Rescheduling {
        date: date(2024, 6, 10),
        months: 20,
        rate_ppm: None,
        method: None,
        reason: "ค้าขายขาดทุน".into(),
        approved_by: "ประธานกรรมการ".into(),
        minute_no: "5/2567".into(),
    };
    let before = loans::position_of(&bank.conn, &loan, date(2024, 6, 10))?;

    let version = reschedule(&bank.conn, &bank.ctx, &loan.loan_no, &change)?;
    let after = loans::position_of(&bank.conn, &loan, date(2024, 6, 11))?;

    assert_eq!(before.days_overdue, 70, "unpaid since 1 April");
    assert_eq!(version.version, 2);
    assert_eq!(
        version.principal,
        Satang::from_baht(11_000),
        "the principal owed"
    );
    assert_eq!(
        version.arrears_interest,
        Satang::from_baht(360),
        "April, May and June"
    );
    assert_eq!(version.instalments[0].due_on, date(2024, 7, 10));
    assert_eq!(
        after.days_overdue, 1,
        "the arrears interest fell due on 10 June"
    );
    let split = repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 6, 12), 500),
    )?;
    assert_eq!(
        split.allocation.interest,
        Satang::from_baht(470),
        "arrears and July's interest"
    );
    assert_eq!(split.position.days_overdue, 0, "the arrears are paid");
    Ok(())
}

#[test]
fn loan_list_states_each_date() -> Result<()> {
    let bank = bank()?;
    let loan = active_loan(&bank)?;
    repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 3, 1), 1_120),
    )?;

    let before_disbursement = list_loans(&bank.conn, date(2024, 1, 31))?;
    let in_march = list_loans(&bank.conn, date(2024, 3, 15))?;
    let in_may = list_loans(&bank.conn, date(2024, 5, 2))?;

    assert!(before_disbursement.is_empty(), "not paid out yet");
    assert_eq!(in_march[0].outstanding, Satang::from_baht(11_000));
    assert_eq!(in_march[0].days_overdue, 0);
    assert_eq!(in_may[0].days_overdue, 31, "1 April's instalment is unpaid");
    assert_eq!(in_may[0].overdue, Satang::from_baht(2_240), "April and May");
    Ok(())
}

mod schedule_paid {
    use super::*;
    use crate::fund::products::{add_product, Product};
    use crate::fund::testing::general_product;
    use proptest::prelude::*;

    fn method() -> impl Strategy<Value = Method> {
        prop_oneof![
            Just(Method::Flat),
            Just(Method::Declining),
            Just(Method::DecliningEqualPrincipal)
        ]
    }

    /// Lends `baht` over `months` under a product of `method` and pays
    /// every instalment on its due date through the register.
    fn lend_and_repay(
        baht: i64,
        months: u32,
        rate_ppm: u32,
        method: Method,
    ) -> Result<(Loan, i64)> {
        let bank = bank()?;
        let product = Product {
            code: "P".into(),
            method,
            rate_ppm,
            ..general_product()
        };
        add_product(&bank.conn, &bank.ctx, &product)?;
        let mut request = application("BY001", "BY002", baht, months);
        request.product_code = "P".into();
        let loan = apply(&bank.conn, &bank.ctx, &request)?;
        approve(
            &bank.conn,
            &bank.ctx,
            &loan.loan_no,
            &decision(date(2024, 1, 20)),
        )?;
        loans::disburse(
            &bank.conn,
            &bank.ctx,
            &loan.loan_no,
            date(2024, 1, 31),
            Via::Cash,
        )?;
        let schedule = detail(&bank.conn, &loan.loan_no, date(2024, 1, 31))?.versions[0].clone();
        for instalment in &schedule.instalments {
            let payment = Payment {
                amount: instalment.total(),
                ..payment(&loan.loan_no, instalment.due_on, 0)
            };
            repay(&bank.conn, &bank.ctx, &payment)?;
        }
        let loan = get_loan(&bank.conn, &loan.loan_no)?;
        Ok((loan, journal_balance(&bank.conn, LOANS_RECEIVABLE)?))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn paying_the_schedule_closes_the_loan(
            baht in 1_000i64..=50_000,
            months in 1u32..=24,
            rate_ppm in 0u32..=250_000,
            method in method(),
        ) {
            let (loan, receivable) = lend_and_repay(baht, months, rate_ppm, method)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;

            prop_assert_eq!(loan.status, LoanStatus::Closed, "closed after the last instalment");
            prop_assert_eq!(receivable, 0, "nothing left in loans receivable");
        }
    }
}

#[test]
fn planned_rescheduling_stores_nothing() -> Result<()> {
    let bank = bank()?;
    let loan = active_loan(&bank)?;
    let change = Rescheduling {
        date: date(2024, 6, 10),
        months: 20,
        rate_ppm: Some(24_000),
        method: Some(Method::Declining),
        reason: "ค้าขายขาดทุน".into(),
        approved_by: "ประธานกรรมการ".into(),
        minute_no: "5/2567".into(),
    };

    let planned = plan_reschedule(&bank.conn, &loan.loan_no, &change)?;
    let stored_before = loans::versions(&bank.conn, loan.id)?.len();
    let saved = reschedule(&bank.conn, &bank.ctx, &loan.loan_no, &change)?;

    assert_eq!(stored_before, 1, "planning stores no schedule");
    assert_eq!(planned, saved, "the plan is the schedule that is stored");
    assert_eq!(planned.instalments.len(), 20);
    assert_eq!(planned.method, Method::Declining);
    let decisions = loans::schedule_decisions(&bank.conn, loan.id)?;
    assert_eq!(decisions.len(), 1, "only the rescheduled version has one");
    assert_eq!(decisions[0].version, 2);
    assert_eq!(decisions[0].approved_by, "ประธานกรรมการ");
    assert_eq!(decisions[0].minute_no, "5/2567");
    assert_eq!(decisions[0].reason, "ค้าขายขาดทุน");
    Ok(())
}

#[test]
fn blank_reasons_are_rejected() -> Result<()> {
    let bank = bank()?;
    let applied = apply(
        &bank.conn,
        &bank.ctx,
        &application("BY001", "BY002", 5_000, 6),
    )?;
    let loan = active_loan(&bank)?;
    let paid = repay(
        &bank.conn,
        &bank.ctx,
        &payment(&loan.loan_no, date(2024, 3, 1), 1_120),
    )?;
    let change = Rescheduling {
        date: date(2024, 6, 10),
        months: 20,
        rate_ppm: None,
        method: None,
        reason: " ".into(),
        approved_by: "ประธานกรรมการ".into(),
        minute_no: "5/2567".into(),
    };

    let rejection = reject(
        &bank.conn,
        &bank.ctx,
        &applied.loan_no,
        &decision(date(2024, 1, 20)),
        "",
    );
    let reversal = reverse_repayment(&bank.conn, &bank.ctx, paid.transaction_id, "  ");
    let rescheduling = plan_reschedule(&bank.conn, &loan.loan_no, &change);

    for (what, result) in [
        ("rejection", rejection.map(drop)),
        ("reversal", reversal.map(drop)),
        ("rescheduling", rescheduling.map(drop)),
    ] {
        assert_eq!(
            result.err().map(|e| e.code()),
            Some("reason_missing"),
            "a {what} without a reason"
        );
    }
    assert_eq!(
        latest_repayment(&bank.conn, loan.id)?,
        Some(paid.transaction_id),
        "the repayment is still live"
    );
    Ok(())
}

#[test]
fn pending_loans_wait_for_decision_or_payout() -> Result<()> {
    let bank = bank()?;
    let applied = apply(
        &bank.conn,
        &bank.ctx,
        &application("BY001", "BY002", 5_000, 6),
    )?;
    let approved = apply(
        &bank.conn,
        &bank.ctx,
        &application("BY001", "BY002", 6_000, 6),
    )?;
    approve(
        &bank.conn,
        &bank.ctx,
        &approved.loan_no,
        &decision(date(2024, 1, 20)),
    )?;
    let active = active_loan(&bank)?;

    let pending = loans::list_pending(&bank.conn)?;

    let numbers: Vec<&str> = pending.iter().map(|l| l.loan_no.as_str()).collect();
    assert_eq!(
        numbers,
        [applied.loan_no.as_str(), approved.loan_no.as_str()],
        "the active loan {} is not pending",
        active.loan_no
    );
    assert_eq!(pending[1].status, LoanStatus::Approved);
    Ok(())
}
