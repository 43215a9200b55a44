//! The community bank in the real window: approve and pay out a loan,
//! record an on-time and a late repayment, see the loan in arrears, and
//! print the borrower's statement.

use std::path::Path;

use chumchon::fund::products::{PenaltyRule, Product};
use chumchon::fund::schedule::Method;
use chumchon::members::MemberDetails;
use chumchon::{Context, Satang};
use chumchon_e2e::{App, Error, Launch, Result};

#[path = "fund_support.rs"]
mod support;
use support::{baht, io_error, pdf_text, type_into, wait_for_change};

/// The borrower, seeded before the screen opens.
const BORROWER: &str = "BY901";
/// The guarantor.
const GUARANTOR: &str = "BY902";
/// The committee minute typed into the approval.
const MINUTE: &str = "3/2568";

#[test]
fn loan_repaid_late_shows_in_arrears() -> Result<()> {
    let app = App::launch(Launch::new("loan_repaid_late_shows_in_arrears"))?;
    seed(app.database())?;
    let ui = app.session();

    ui.wait_for("nav-fund")?.click()?;
    ui.wait_for("fund-tab-new_loan")?.click()?;
    type_into(ui, "fund-new-member", BORROWER)?;
    type_into(ui, "fund-new-principal", "12,000")?;
    type_into(ui, "fund-new-months", "12")?;
    type_into(ui, "fund-new-guarantors", GUARANTOR)?;
    type_into(ui, "fund-new-applied", "02/01/2568")?;
    type_into(ui, "fund-new-approved-on", "06/01/2568")?;
    type_into(ui, "fund-new-approved-by", "ประธานกรรมการ")?;
    type_into(ui, "fund-new-minute", MINUTE)?;
    type_into(ui, "fund-new-disbursed", "10/01/2568")?;
    ui.find("fund-new-submit")?.click()?;
    let created = ui.wait_for("fund-new-result")?.text()?;

    ui.find("fund-tab-loans")?.click()?;
    let rate = ui.wait_for("fund-effective-rate")?.text()?;
    type_into(ui, "fund-repay-date", "10/02/2568")?;
    type_into(ui, "fund-repay-amount", "1,030")?;
    ui.find("fund-repay-submit")?.click()?;
    let on_time = ui.wait_for("fund-repay-split")?.text()?;
    // The second instalment fell due on 10/03/2568 and is paid 15 days late.
    type_into(ui, "fund-repay-date", "25/03/2568")?;
    type_into(ui, "fund-repay-amount", "1,080")?;
    ui.find("fund-repay-submit")?.click()?;
    let late = wait_for_change(ui, "fund-repay-split", &on_time)?;
    ui.find("fund-agreement")?.click()?;
    ui.wait_for_text("fund-document-saved", "agreement-")?;
    let receipts = ui.find_all("fund-receipt")?;
    let late_receipt = receipts
        .last()
        .ok_or_else(|| io_error(app.dialog_dir(), "no receipt button on the repayments"))?;
    late_receipt.click()?;
    ui.wait_for_text("fund-document-saved", "receipt-")?;
    let agreement = pdf_text(&saved_pdf(app.dialog_dir(), "agreement-")?)?;
    let receipt = pdf_text(&saved_pdf(app.dialog_dir(), "receipt-")?)?;

    let today_days = ui.wait_for("fund-loan-days")?.text()?;
    type_into(ui, "fund-as-of", "30/05/2568")?;
    ui.find("fund-loans-refresh")?.click()?;
    let days = wait_for_change(ui, "fund-loan-days", &today_days)?;
    let outstanding = ui.find("fund-loan-outstanding")?.text()?;

    ui.find("fund-tab-arrears")?.click()?;
    type_into(ui, "fund-arrears-as-of", "30/05/2568")?;
    ui.find("fund-arrears-load")?.click()?;
    let par30 = ui.wait_for("fund-par30")?.text()?;
    let bucket_counts = bucket_loans(ui)?;

    ui.find("fund-tab-savings")?.click()?;
    type_into(ui, "fund-member-no", BORROWER)?;
    ui.find("fund-statement")?.click()?;
    ui.wait_for("fund-statement-saved")?;
    let pdf = app.dialog_dir().join(format!("statement-{BORROWER}.pdf"));
    let statement = pdf_text(&pdf)?;
    let stored = stored_repayments(app.database())?;
    app.save_screenshot("fund-arrears")?;
    app.close()?;

    let loan_no = stored.loan_no.as_str();
    assert!(
        created.contains(loan_no),
        "the notice names {loan_no}: {created}"
    );
    assert_eq!(
        stored.minute_no.as_deref(),
        Some(MINUTE),
        "the minute is stored"
    );
    assert!(
        rate.contains("5.5") || rate.contains("5.4"),
        "a 3% flat loan over 12 months is about 5.5% declining: {rate}"
    );
    assert_eq!(stored.penalties.len(), 2, "two repayments are stored");
    assert_eq!(
        stored.penalties[0], 0,
        "the on-time payment carries no penalty"
    );
    assert!(
        stored.penalties[1] > 0,
        "the late payment pays a penalty first"
    );
    assert!(
        on_time.contains("ค่าปรับ 0.00"),
        "the on-time split shows no penalty: {on_time}"
    );
    let penalty = format!("ค่าปรับ {}", baht(stored.penalties[1]));
    assert!(
        late.contains(&penalty),
        "the late split shows {penalty}: {late}"
    );
    assert_eq!(
        stored.days_overdue, 50,
        "the third instalment, due 10/04/2568, is 50 days overdue on 30/05/2568"
    );
    assert_eq!(
        days,
        stored.days_overdue.to_string(),
        "the list shows the days overdue"
    );
    assert_eq!(
        outstanding,
        baht(stored.outstanding),
        "the list shows the principal outstanding"
    );
    assert!(!par30.contains(" 0.00%"), "PAR30 counts the loan: {par30}");
    assert_eq!(
        bucket_counts.first().map(|(_, loans)| loans.as_str()),
        Some("0"),
        "no loan is in the not-overdue bucket: {bucket_counts:?}"
    );
    let overdue_buckets: Vec<_> = bucket_counts
        .iter()
        .skip(1)
        .filter(|(_, loans)| loans.as_str() != "0")
        .collect();
    assert_eq!(
        overdue_buckets.len(),
        1,
        "the loan is in one overdue bucket: {bucket_counts:?}"
    );
    assert!(agreement.contains(loan_no), "the agreement names {loan_no}");
    assert!(
        agreement.contains(MINUTE),
        "the agreement names the committee minute"
    );
    assert!(
        receipt.contains("1,080.00"),
        "the receipt shows the late payment: {receipt}"
    );
    assert!(
        statement.contains(BORROWER),
        "the statement names the borrower"
    );
    assert!(statement.contains(loan_no), "the statement lists {loan_no}");
    Ok(())
}

/// The loan as the database stores it after the flow.
struct Stored {
    loan_no: String,
    minute_no: Option<String>,
    penalties: Vec<i64>,
    outstanding: i64,
    days_overdue: i64,
}

/// Adds the borrower and guarantor, and a flat 3% product whose penalty is
/// a 50-baht fee per instalment unpaid after five days.
fn seed(database: &Path) -> Result<()> {
    let work = || -> chumchon::Result<()> {
        let conn = chumchon::db::open(database)?;
        let joined = chumchon::thai::date::parse_be_text("01/06/2563")
            .map_err(|e| chumchon::Error::rule("invalid_date", e.to_string()))?;
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
        let product = Product {
            id: 0,
            code: "GEN".into(),
            name: "เงินกู้สามัญ".into(),
            method: Method::Flat,
            rate_ppm: 30_000,
            max_principal: Satang::from_baht(200_000),
            max_months: 24,
            purposes: Vec::new(),
            guarantors_required: 1,
            penalty: PenaltyRule {
                grace_days: 5,
                fee: Satang::from_baht(50),
                rate_ppm: 0,
            },
        };
        chumchon::fund::products::add_product(&conn, &ctx, &product)?;
        Ok(())
    };
    work().map_err(|e| io_error(database, e))
}

fn stored_repayments(database: &Path) -> Result<Stored> {
    let work = || -> chumchon::Result<Stored> {
        let conn = chumchon::db::open(database)?;
        let as_of = chumchon::thai::date::parse_be_text("30/05/2568")
            .map_err(|e| chumchon::Error::rule("invalid_date", e.to_string()))?;
        let loans = chumchon::fund::loans::list_loans(&conn, as_of)?;
        let summary = loans
            .first()
            .cloned()
            .ok_or_else(|| chumchon::Error::NotFound {
                what: "loan",
                key: BORROWER.into(),
            })?;
        let detail = chumchon::fund::loans::detail(&conn, &summary.loan_no, as_of)?;
        let penalties = detail
            .transactions
            .iter()
            .filter(|t| t.kind.as_str() == "repayment")
            .map(|t| t.penalty.satang())
            .collect();
        Ok(Stored {
            loan_no: summary.loan_no,
            minute_no: detail.loan.minute_no,
            penalties,
            outstanding: summary.outstanding.satang(),
            days_overdue: summary.days_overdue,
        })
    };
    work().map_err(|e| io_error(database, e))
}

/// Returns the one PDF in `dir` whose name starts with `prefix`.
fn saved_pdf(dir: &Path, prefix: &str) -> Result<std::path::PathBuf> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".pdf"))
        })
        .ok_or_else(|| io_error(dir, format!("no {prefix}*.pdf saved")))
}

/// The label and number of loans of each aging bucket, in the screen's
/// order: not overdue first.
fn bucket_loans(ui: &chumchon_e2e::Session) -> Result<Vec<(String, String)>> {
    let mut counts = Vec::new();
    for row in ui.find_all("fund-bucket")? {
        let label = row.attribute("data-label")?.unwrap_or_default();
        let loans = row.find("fund-bucket-loans")?.text()?;
        counts.push((label, loans));
    }
    Ok(counts)
}
