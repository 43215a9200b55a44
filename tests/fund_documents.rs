//! The community bank's documents read back: the member statement, the
//! loan agreement and the repayment receipt with pdftotext, and the
//! journal's reports as PDF with pdftotext and as xlsx with calamine.

mod common;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use chumchon::fund::accounts::Via;
use chumchon::fund::journal::{post_manual, Line};
use chumchon::fund::loans::{self, Application, Decision};
use chumchon::fund::products::{self, PenaltyRule, Product};
use chumchon::fund::repayments::{self, Payment};
use chumchon::fund::schedule::Method;
use chumchon::fund::{documents, savings, sync};
use chumchon::import::members as member_import;
use chumchon::import::session::Mode;
use chumchon::waste::{self, DepositPayment, Depositor, NewDeposit, NewLine};
use chumchon::{Context, Satang};
use common::{context, date, fixture, pdf_text, TempDb, TestResult};
use rusqlite::Connection;

/// บ่อยาง's members from the register, a 12,000-baht loan to BY001
/// guaranteed by BY002 with one repayment, a savings account and a
/// plastic-credit deposit of BY001's, and opening cash. Returns the
/// repayment's transaction id.
fn bank(conn: &mut Connection, ctx: &Context) -> TestResult<i64> {
    let options = member_import::Options {
        community: Some("บ่อยาง".into()),
        ..Default::default()
    };
    let register = fixture("members-boyang-2567.xlsx");
    member_import::import(conn, ctx, &register, &options, Mode::Commit, &mut |_, _| {})?;
    let opening = vec![
        Line::debit("1101", Satang::from_baht(100_000)),
        Line::credit("3301", Satang::from_baht(100_000)),
    ];
    post_manual(conn, ctx, date(2024, 1, 1), "เงินสดยกมา", opening)?;
    let product = Product {
        id: 0,
        code: "GEN".into(),
        name: "เงินกู้สามัญ".into(),
        method: Method::Flat,
        rate_ppm: 120_000,
        max_principal: Satang::from_baht(50_000),
        max_months: 24,
        purposes: Vec::new(),
        guarantors_required: 1,
        penalty: PenaltyRule {
            grace_days: 7,
            fee: Satang::from_baht(20),
            rate_ppm: 0,
        },
    };
    products::add_product(conn, ctx, &product)?;
    let application = Application {
        member_no: "BY001".into(),
        product_code: "GEN".into(),
        principal: Satang::from_baht(12_000),
        months: 12,
        purpose_code: "trade".into(),
        purpose_text: Some("ขายขนมหน้าบ้าน".into()),
        guarantors: vec!["BY002".into()],
        applied_on: date(2024, 7, 1),
        loan_no: None,
        note: None,
    };
    let loan = loans::apply(conn, ctx, &application)?;
    let decision = Decision {
        on: date(2024, 7, 5),
        by: "นายประธาน กรรมการ".into(),
        minute_no: "7/2567".into(),
    };
    loans::approve(conn, ctx, &loan.loan_no, &decision)?;
    loans::disburse(conn, ctx, &loan.loan_no, date(2024, 7, 10), Via::Cash)?;
    let payment = Payment {
        loan_no: loan.loan_no.clone(),
        date: date(2024, 8, 10),
        amount: Satang::from_baht(1_120),
        via: Via::Cash,
        receipt_no: Some("R2567/0042".into()),
    };
    let repayment = repayments::repay(conn, ctx, &payment)?;
    let account = savings::open_account(conn, ctx, "BY001", date(2024, 7, 1), None, None)?;
    let deposit = savings::Movement {
        account_no: &account.account_no,
        date: date(2024, 7, 1),
        amount: Satang::from_baht(2_500),
        via: Via::Cash,
        receipt_no: None,
    };
    savings::deposit(conn, ctx, &deposit)?;
    let member = chumchon::members::get(conn, "BY001")?;
    let point = waste::ensure_point(conn, ctx, member.details.community_id, "จุดรวบรวมวัด")?.id;
    let material = waste::material(conn, "PET_CLEAR")?.id;
    let recyclables = NewDeposit {
        depositor: Depositor::Member(member.id),
        point_id: point,
        date: date(2024, 9, 1),
        payment: DepositPayment::Credit,
        scale_id: None,
        weighed_by: None,
        receipt_no: None,
        note: None,
        lines: vec![NewLine {
            material_id: material,
            grams: 12_500,
            satang_per_kg: Some(800),
            value: None,
        }],
    };
    waste::record_deposit(conn, ctx, &recyclables)?;
    sync::sync(conn, ctx)?;
    Ok(repayment.transaction_id)
}

#[test]
fn member_statement_holds_every_account() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    bank(&mut conn, &ctx)?;
    let out = db.dir.path().join("statement.pdf");

    documents::write_member_statement(&conn, "BY001", date(2025, 1, 15), &out)?;

    let text = pdf_text(&out)?;
    for expected in [
        "รายการบัญชีของสมาชิก",
        "BY001",
        "ชื่นใจ",
        "หุ้น",
        "เงินฝากออมทรัพย์ บัญชี S00001",
        "2,500.00",
        "เงินกู้ สัญญา ก2567/001",
        "รับเงินกู้",
        "12,000.00",
        "เครดิตพลาสติก",
        "100.00",
    ] {
        assert!(
            text.contains(expected),
            "{expected} in the statement:\n{text}"
        );
    }
    Ok(())
}

#[test]
fn loan_agreement_states_terms_and_schedule() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    bank(&mut conn, &ctx)?;
    let out = db.dir.path().join("agreement.pdf");

    let pages = documents::write_loan_agreement(&conn, "ก2567/001", date(2024, 7, 10), &out)?;

    let text = pdf_text(&out)?;
    for expected in [
        "สัญญากู้เงิน",
        "สัญญาเลขที่ ก2567/001",
        "หนึ่งหมื่นสองพันบาทถ้วน",
        "ร้อยละ 12 ต่อปี",
        "ผู้ค้ำประกัน",
        "BY002",
        "7/2567",
        "10/08/2567",
        "1,120.00",
        "ค่าปรับงวดละ 20.00 บาท",
        "ลงชื่อ",
    ] {
        assert!(
            text.contains(expected),
            "{expected} in the agreement:\n{text}"
        );
    }
    assert!(
        text.contains(&format!("หน้า 1/{pages}")),
        "pages are numbered"
    );
    Ok(())
}

#[test]
fn receipt_shows_split_and_amount_in_words() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    let repayment = bank(&mut conn, &ctx)?;
    let out = db.dir.path().join("receipt.pdf");

    documents::write_repayment_receipt(&conn, repayment, &out)?;

    let text = pdf_text(&out)?;
    for expected in [
        "ใบเสร็จรับเงิน",
        "เลขที่ R2567/0042",
        "ดอกเบี้ย",
        "120.00",
        "1,000.00",
        "1,120.00",
        "หนึ่งพันหนึ่งร้อยยี่สิบบาทถ้วน",
        "11,000.00",
        "ผู้รับเงิน",
        "รับชำระวันที่",
    ] {
        assert!(
            text.contains(expected),
            "{expected} in the receipt:\n{text}"
        );
    }
    assert!(
        !text.contains("พิมพ์วันที่"),
        "a reprinted receipt must not claim the payment day as its print date"
    );
    Ok(())
}

#[test]
fn receipt_refuses_a_disbursement() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    bank(&mut conn, &ctx)?;
    let disbursement: i64 = conn.query_row(
        "SELECT id FROM loan_transactions WHERE kind = 'disbursement'",
        [],
        |row| row.get(0),
    )?;

    let result =
        documents::write_repayment_receipt(&conn, disbursement, &db.dir.path().join("r.pdf"));

    assert_eq!(result.err().map(|e| e.code()), Some("not_a_repayment"));
    Ok(())
}

#[test]
fn journal_reports_print_as_pdf() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    bank(&mut conn, &ctx)?;
    let printed = date(2025, 1, 15);
    let path = |name: &str| db.dir.path().join(name);

    documents::write_trial_balance(&conn, 2567, printed, &path("trial.pdf"))?;
    documents::write_cash_book(
        &conn,
        date(2024, 1, 1),
        date(2024, 12, 31),
        printed,
        &path("cash.pdf"),
    )?;
    documents::write_balance_sheet(&conn, date(2024, 12, 31), printed, &path("balance.pdf"))?;
    documents::write_income_statement(&conn, 2567, printed, &path("income.pdf"))?;

    let trial = pdf_text(&path("trial.pdf"))?;
    assert!(trial.contains("งบทดลอง"), "{trial}");
    assert!(trial.contains("ลูกหนี้เงินกู้"), "{trial}");
    let cash = pdf_text(&path("cash.pdf"))?;
    assert!(cash.contains("สมุดเงินสด"), "{cash}");
    assert!(cash.contains("จ่ายเงินกู้"), "{cash}");
    let balance = pdf_text(&path("balance.pdf"))?;
    assert!(balance.contains("งบแสดงฐานะการเงิน"), "{balance}");
    assert!(balance.contains("รวมหนี้สินและทุน"), "{balance}");
    let income = pdf_text(&path("income.pdf"))?;
    assert!(income.contains("รายได้ดอกเบี้ยเงินกู้"), "{income}");
    assert!(income.contains("120.00"), "{income}");
    Ok(())
}

fn cell_text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|value| value.to_string())
        .unwrap_or_default()
}

#[test]
fn trial_balance_exports_to_xlsx() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    bank(&mut conn, &ctx)?;
    let out = db.dir.path().join("trial.xlsx");

    chumchon::export::fund::trial_balance(&conn, &ctx, 2567, &out)?;

    let mut workbook: Xlsx<_> = open_workbook(&out)?;
    let range = workbook.worksheet_range("งบทดลอง 2567")?;
    assert_eq!(cell_text(&range, 1, 0), "งบทดลอง");
    assert_eq!(cell_text(&range, 5, 0), "รหัสบัญชี", "the table's header");
    let last = range.end().map(|(row, _)| row).ok_or("rows")?;
    assert_eq!(cell_text(&range, last, 0), "รวม", "a totals row");
    let debit = range.get_value((last, 2)).and_then(|v| v.as_f64());
    let credit = range.get_value((last, 3)).and_then(|v| v.as_f64());
    assert!(debit.is_some_and(|d| d > 0.0), "{debit:?}");
    assert_eq!(debit, credit, "the totals balance");
    Ok(())
}

#[test]
fn statements_export_to_xlsx() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let ctx = context();
    bank(&mut conn, &ctx)?;
    let path = |name: &str| db.dir.path().join(name);

    chumchon::export::fund::cash_book(
        &conn,
        &ctx,
        date(2024, 1, 1),
        date(2024, 12, 31),
        &path("c.xlsx"),
    )?;
    chumchon::export::fund::balance_sheet(&conn, &ctx, date(2024, 12, 31), &path("b.xlsx"))?;
    chumchon::export::fund::income_statement(&conn, &ctx, 2567, &path("i.xlsx"))?;

    let mut cash: Xlsx<_> = open_workbook(path("c.xlsx"))?;
    let range = cash.worksheet_range("สมุดเงินสด")?;
    assert_eq!(cell_text(&range, 6, 2), "ยอดยกมา");
    let opening_date = range.get_value((6, 0));
    assert!(
        matches!(opening_date, Some(Data::DateTime(_))),
        "dates are date cells: {opening_date:?}"
    );
    let mut balance: Xlsx<_> = open_workbook(path("b.xlsx"))?;
    let range = balance.worksheet_range("งบแสดงฐานะการเงิน")?;
    let texts: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(texts.iter().any(|t| t == "รวมสินทรัพย์"), "{texts:?}");
    let mut income: Xlsx<_> = open_workbook(path("i.xlsx"))?;
    let range = income.worksheet_range("รายได้ค่าใช้จ่าย 2567")?;
    let texts: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(texts.iter().any(|t| t == "รายได้ดอกเบี้ยเงินกู้"), "{texts:?}");
    Ok(())
}
