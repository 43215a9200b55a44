//! The community bank's savings and journal reports in the real window:
//! deposit and withdraw with the passbook's balance, a withdrawal below
//! the minimum rejected in Thai, and the trial balance shown and saved as
//! PDF and Excel.

use std::path::Path;

use chumchon::members::MemberDetails;
use chumchon::{Context, Satang};
use chumchon_e2e::{App, Launch, Result};

#[path = "fund_support.rs"]
mod support;
use support::{io_error, pdf_text, type_into};

/// The saver, seeded before the screen opens.
const SAVER: &str = "BY911";

#[test]
fn savings_move_and_trial_balance_saves() -> Result<()> {
    let app = App::launch(Launch::new("savings_move_and_trial_balance_saves"))?;
    seed(app.database())?;
    let ui = app.session();

    ui.wait_for("nav-fund")?.click()?;
    ui.wait_for("fund-tab-savings")?.click()?;
    type_into(ui, "fund-member-no", SAVER)?;
    ui.find("fund-savings-load")?.click()?;
    ui.wait_for("fund-deposit")?;
    type_into(ui, "fund-savings-date", "15/01/2568")?;
    type_into(ui, "fund-savings-amount", "1,000")?;
    ui.find("fund-deposit")?.click()?;
    ui.wait_for_text("fund-balance", "1,000.00")?;
    type_into(ui, "fund-savings-date", "20/01/2568")?;
    type_into(ui, "fund-savings-amount", "250.50")?;
    ui.find("fund-withdraw")?.click()?;
    let balance = ui.wait_for_text("fund-balance", "749.50")?;
    type_into(ui, "fund-savings-amount", "700")?;
    ui.find("fund-withdraw")?.click()?;
    let rejected = ui.wait_for("fund-error")?.text()?;
    let passbook_rows = ui.find_all("fund-passbook-row")?.len();

    ui.find("fund-tab-reports")?.click()?;
    type_into(ui, "fund-report-year", "2568")?;
    ui.find("fund-report-show")?.click()?;
    let total = ui.wait_for("fund-report-total")?;
    let debit = total.find("fund-report-first")?.text()?;
    let credit = total.find("fund-report-second")?.text()?;
    ui.find("fund-report-pdf")?.click()?;
    ui.wait_for_text("fund-report-saved", ".pdf")?;
    ui.find("fund-report-xlsx")?.click()?;
    ui.wait_for_text("fund-report-saved", ".xlsx")?;
    let pdf = app.dialog_dir().join("trial_balance-2568.pdf");
    let xlsx = app.dialog_dir().join("trial_balance-2568.xlsx");
    let pdf_text = pdf_text(&pdf)?;
    let xlsx_saved = xlsx.is_file();
    app.close()?;

    assert!(
        balance.contains("749.50"),
        "1,000 in and 250.50 out: {balance}"
    );
    assert_eq!(passbook_rows, 2, "the rejected withdrawal adds no line");
    assert!(
        rejected.contains("ยอดขั้นต่ำ"),
        "the rejection says the minimum balance in Thai: {rejected}"
    );
    assert_eq!(debit, "749.50", "the cash left after the two movements");
    assert_eq!(credit, debit, "the trial balance balances");
    assert!(pdf_text.contains("งบทดลอง"), "the PDF is the trial balance");
    assert!(
        pdf_text.contains("749.50"),
        "the PDF shows the members' savings"
    );
    assert!(xlsx_saved, "the Excel file is saved at {}", xlsx.display());
    Ok(())
}

/// Adds the saver with a savings account opened with a 100-baht minimum.
fn seed(database: &Path) -> Result<()> {
    let work = || -> chumchon::Result<()> {
        let conn = chumchon::db::open(database)?;
        let joined = chumchon::thai::date::parse_be_text("01/06/2563")
            .map_err(|e| chumchon::Error::rule("invalid_date", e.to_string()))?;
        let ctx = Context::new("e2e", joined.and_hms_opt(9, 0, 0).unwrap_or_default());
        let community = chumchon::members::ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = MemberDetails {
            member_no: SAVER.into(),
            first_name: "สุดา".into(),
            last_name: "ใจดี".into(),
            community_id: community.id,
            joined: Some(joined),
            ..MemberDetails::default()
        };
        chumchon::members::insert(&conn, &ctx, &details)?;
        chumchon::fund::savings::open_account(
            &conn,
            &ctx,
            SAVER,
            joined,
            Some(Satang::from_baht(100)),
            None,
        )?;
        Ok(())
    };
    work().map_err(|e| io_error(database, e))
}
