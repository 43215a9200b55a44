//! One journal under every register: the demo's members and shares, a
//! dividend declared and paid, waste-bank deposits, credit and sales,
//! loans and savings, all posted and balancing to zero, before and after
//! the year is closed.

mod common;

use chumchon::dividends::{self, Basis, Method as DividendMethod, Params, PaymentMethod};
use chumchon::fund::accounts::Via;
use chumchon::fund::loans::{self, Application, Decision};
use chumchon::fund::products::{self, PenaltyRule, Product};
use chumchon::fund::repayments::{self, Payment};
use chumchon::fund::schedule::Method;
use chumchon::fund::{journal, reports, savings, sync, years};
use chumchon::waste::{self, DepositPayment, Depositor, NewDeposit, NewLine};
use chumchon::{Context, Satang};
use common::{context, date, TempDb, TestResult};
use rusqlite::Connection;

/// Demo data of 2567 plus a year of the bank and the waste bank.
fn everything(conn: &Connection, ctx: &Context) -> TestResult {
    let demo = chumchon::demo::fill(conn, ctx)?;
    assert_eq!(demo.year_be, 2567, "the demo's year");
    let opening = vec![
        journal::Line::debit("1101", Satang::from_baht(500_000)),
        journal::Line::credit("3301", Satang::from_baht(500_000)),
    ];
    journal::post_manual(conn, ctx, date(2024, 1, 1), "เงินสดยกมา", opening)?;
    loans_and_savings(conn, ctx)?;
    waste_bank(conn, ctx)?;
    let params = Params {
        year_be: 2567,
        method: DividendMethod::YearEnd,
        basis: Basis::Pool(Satang::from_baht(10_000)),
    };
    dividends::run(conn, ctx, &params)?;
    dividends::approve(conn, ctx, 2567)?;
    for member_no in dividends::unpaid(conn, 2567)?.iter().take(20) {
        dividends::pay(
            conn,
            ctx,
            2567,
            member_no,
            PaymentMethod::Cash,
            date(2025, 1, 10),
        )?;
    }
    Ok(())
}

fn loans_and_savings(conn: &Connection, ctx: &Context) -> TestResult {
    let product = Product {
        id: 0,
        code: "GEN".into(),
        name: "เงินกู้สามัญ".into(),
        method: Method::Declining,
        rate_ppm: 100_000,
        max_principal: Satang::from_baht(100_000),
        max_months: 36,
        purposes: Vec::new(),
        guarantors_required: 1,
        penalty: PenaltyRule {
            grace_days: 5,
            fee: Satang::from_baht(30),
            rate_ppm: 50_000,
        },
    };
    products::add_product(conn, ctx, &product)?;
    let active: Vec<String> = chumchon::members::list(conn)?
        .into_iter()
        .filter(|m| m.details.status == chumchon::members::Status::Active)
        .map(|m| m.details.member_no)
        .take(12)
        .collect();
    for (index, pair) in active.chunks(2).enumerate() {
        let application = Application {
            member_no: pair[0].clone(),
            product_code: "GEN".into(),
            principal: Satang::from_baht(10_000 + 2_500 * index as i64),
            months: 12,
            purpose_code: "trade".into(),
            purpose_text: None,
            guarantors: vec![pair[1].clone()],
            applied_on: date(2024, 2, 1),
            loan_no: None,
            note: None,
        };
        let loan = loans::apply(conn, ctx, &application)?;
        let decision = Decision {
            on: date(2024, 2, 5),
            by: "ประธาน".into(),
            minute_no: "2/2567".into(),
        };
        loans::approve(conn, ctx, &loan.loan_no, &decision)?;
        loans::disburse(conn, ctx, &loan.loan_no, date(2024, 2, 10), Via::Cash)?;
        // Some pay every month, some stop, one pays late.
        for month in 3..=(3 + index as u32 * 2).min(12) {
            let payment = Payment {
                loan_no: loan.loan_no.clone(),
                date: date(2024, month, if index == 1 { 25 } else { 10 }),
                amount: Satang::from_baht(1_000),
                via: Via::Cash,
                receipt_no: None,
            };
            repayments::repay(conn, ctx, &payment)?;
        }
        let account = savings::open_account(conn, ctx, &pair[1], date(2024, 1, 15), None, None)?;
        let deposit = savings::Movement {
            account_no: &account.account_no,
            date: date(2024, 1, 15),
            amount: Satang::from_baht(3_000),
            via: Via::Bank,
            receipt_no: None,
        };
        savings::deposit(conn, ctx, &deposit)?;
        savings::withdraw(
            conn,
            ctx,
            &savings::Movement {
                amount: Satang::from_baht(700),
                date: date(2024, 6, 1),
                ..deposit
            },
        )?;
    }
    savings::post_interest(conn, ctx, 2567, 15_000)?;
    Ok(())
}

fn waste_bank(conn: &Connection, ctx: &Context) -> TestResult {
    let member = chumchon::members::get(conn, "KS010")?;
    let point = waste::ensure_point(conn, ctx, member.details.community_id, "จุดรวบรวมวัด")?.id;
    let pet = waste::material(conn, "PET_CLEAR")?.id;
    for (payment, grams) in [
        (DepositPayment::Cash, 40_000),
        (DepositPayment::Credit, 250_000),
    ] {
        let deposit = NewDeposit {
            depositor: Depositor::Member(member.id),
            point_id: point,
            date: date(2024, 4, 1),
            payment,
            scale_id: None,
            weighed_by: None,
            receipt_no: None,
            note: None,
            lines: vec![NewLine {
                material_id: pet,
                grams,
                satang_per_kg: Some(900),
                value: None,
            }],
        };
        waste::record_deposit(conn, ctx, &deposit)?;
    }
    waste::convert_credit(conn, ctx, member.id, date(2024, 4, 2), Some(1))?;
    waste::pay_out_credit(
        conn,
        ctx,
        member.id,
        date(2024, 4, 3),
        Some(Satang::from_baht(50)),
    )?;
    let buyer = waste::ensure_buyer(conn, ctx, "ร้านรับซื้อ", None)?.id;
    let sale = waste::NewSale {
        buyer_id: buyer,
        point_id: point,
        date: date(2024, 5, 1),
        receipt_no: None,
        note: None,
        lines: vec![waste::NewSaleLine {
            material_id: pet,
            grams: 200_000,
            satang_per_kg: Some(1_400),
        }],
        force: false,
    };
    let sold = waste::record_sale(conn, ctx, &sale)?;
    waste::reverse_sale(conn, ctx, sold.sale_id, "ราคาผิด")?;
    waste::record_sale(conn, ctx, &sale)?;
    Ok(())
}

#[test]
fn trial_balance_over_all_registers_balances() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    let tx = chumchon::db::write(&mut conn)?;
    everything(&tx, &ctx)?;

    let summary = sync::sync(&tx, &ctx)?;
    let trial = reports::trial_balance(&tx, 2567)?;

    assert!(
        summary.posted > 500,
        "the registers' records were posted: {summary:?}"
    );
    assert!(journal::check(&tx)?.is_empty(), "every entry balances");
    assert_eq!(
        trial.debit_total, trial.credit_total,
        "the trial balance balances"
    );
    let codes: Vec<&str> = trial.accounts.iter().map(|a| a.code.as_str()).collect();
    for code in [
        "1101", "1102", "1201", "2101", "2201", "3101", "3301", "4101", "4201", "5101", "5201",
    ] {
        assert!(codes.contains(&code), "{code} has a balance: {codes:?}");
    }
    Ok(())
}

#[test]
fn balance_sheet_and_close_agree() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    let tx = chumchon::db::write(&mut conn)?;
    everything(&tx, &ctx)?;
    sync::sync(&tx, &ctx)?;
    let income = reports::income_statement(&tx, 2567)?;

    let closing = years::close_year(&tx, &ctx, 2567)?;
    let sheet = reports::balance_sheet(&tx, date(2024, 12, 31))?;
    let next = reports::trial_balance(&tx, 2568)?;

    assert_eq!(
        closing.surplus, income.surplus,
        "the close carries the year's surplus"
    );
    assert_eq!(
        sheet.total_assets,
        sheet.total_liabilities + sheet.total_equity,
        "assets = liabilities + equity"
    );
    assert_eq!(
        next.debit_total, next.credit_total,
        "the next year balances"
    );
    assert!(
        next.accounts
            .iter()
            .all(|a| !matches!(a.code.as_str(), "4101" | "5101")),
        "income and expenses start again at zero"
    );
    Ok(())
}

#[test]
fn sync_after_close_posts_into_open_year() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    let tx = chumchon::db::write(&mut conn)?;
    everything(&tx, &ctx)?;
    years::close_year(&tx, &ctx, 2567)?;
    // A late waste deposit paid in cash. A late share purchase would change
    // the approved 2567 dividend, so the share register refuses it.
    let member = chumchon::members::get(&tx, "KS020")?;
    let point = waste::ensure_point(&tx, &ctx, member.details.community_id, "จุดรวบรวมวัด")?.id;
    let late = NewDeposit {
        depositor: Depositor::Member(member.id),
        point_id: point,
        date: date(2024, 12, 30),
        payment: DepositPayment::Cash,
        scale_id: None,
        weighed_by: None,
        receipt_no: None,
        note: None,
        lines: vec![NewLine {
            material_id: waste::material(&tx, "PET_CLEAR")?.id,
            grams: 10_000,
            satang_per_kg: Some(900),
            value: None,
        }],
    };
    waste::record_deposit(&tx, &ctx, &late)?;

    let summary = sync::sync(&tx, &ctx)?;
    let next = reports::trial_balance(&tx, 2568)?;

    assert_eq!(summary.posted, 1, "the late deposit");
    assert_eq!(next.debit_total, next.credit_total);
    assert!(journal::check(&tx)?.is_empty());
    Ok(())
}
