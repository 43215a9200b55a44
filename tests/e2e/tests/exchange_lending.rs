//! Lending equipment through the real window: a community's tent gets a
//! photo through the file-open dialog, a reservation, a loan to a member
//! of another community that is already overdue, and a return that keeps
//! part of the deposit. One tent is then given away and the gift
//! reversed, and the report is saved as Excel and PDF. The
//! test checks the window first and then the database and the saved
//! files, before [`App::close`] removes them.

use std::path::Path;

use chumchon::exchange::{self, MoneyKind, ReservationStatus};
use chumchon_e2e::{wait_until, workspace_root, App, Error, Launch, Result};
use chumchon_e2e::{Session, DEFAULT_TIMEOUT};
use serde_json::json;

mod exchange_steps;

use exchange_steps::{choose, copy, open_item, press, type_into};

/// The demo community that owns the tent.
const OWNER: &str = "เก้าเส้ง";
/// The other demo community.
const NEIGHBOUR: &str = "คลองเรียน";
/// A member of the other community.
const MEMBER: &str = "KR001";
/// The tent, as the owner registers it.
const TENT: &str = "เต็นท์ 4x8 เมตร";

#[test]
fn tent_photo_loan_and_report() -> Result<()> {
    let app = App::launch(Launch::new("tent_photo_loan_and_report").demo())?;
    let photo = workspace_root().join("tests/fixtures/places-sketch-120x80.png");
    copy(&photo, &app.dialog_dir().join("1-tent.png"))?;
    let ui = app.session();
    press(ui, "nav-exchange")?;

    press(ui, "exchange-add-item")?;
    choose(ui, "exchange-item-community", OWNER)?;
    type_into(ui, "exchange-item-name", TENT)?;
    press(ui, "exchange-item-tracking-stock")?;
    type_into(ui, "exchange-item-quantity", "3")?;
    type_into(ui, "exchange-item-value", "2,500")?;
    type_into(ui, "exchange-item-location", "โกดังชุมชน")?;
    press(ui, "exchange-item-save")?;
    ui.wait_for_text("exchange-item-status", "พร้อมใช้")?;

    press(ui, "exchange-photo-add")?;
    let photo_src = wait_until("the photo's image", DEFAULT_TIMEOUT, || {
        let image = ui.find("exchange-photo-image")?;
        image.attribute("src")
    })?;
    let photo_name = ui.find("exchange-photo")?.attribute("data-file-name")?;

    press(ui, "exchange-reserve-open")?;
    choose(ui, "exchange-reserve-borrower-select", NEIGHBOUR)?;
    type_into(ui, "exchange-reserve-quantity", "2")?;
    type_into(ui, "exchange-reserve-note", "งานบุญ")?;
    press(ui, "exchange-reserve-submit")?;
    let reservation = ui.wait_for("exchange-item-reservation")?.text()?;

    press(ui, "exchange-checkout-open")?;
    press(ui, "exchange-checkout-borrower-member")?;
    type_into(ui, "exchange-checkout-member-no", MEMBER)?;
    type_into(ui, "exchange-checkout-out", &days_ago(ui, 10)?)?;
    type_into(ui, "exchange-checkout-due", &days_ago(ui, 3)?)?;
    type_into(ui, "exchange-checkout-deposit", "100")?;
    type_into(ui, "exchange-checkout-fee", "20")?;
    press(ui, "exchange-checkout-submit")?;
    let lent = ui.wait_for_text("exchange-item-notice", MEMBER)?;
    let quantity = ui.find("exchange-item-quantity")?.text()?;

    press(ui, "exchange-tab-lending")?;
    let overdue_days = ui.wait_for("exchange-overdue-days")?.text()?;
    let borrower = ui.find("exchange-loan-borrower")?.text()?;
    press(ui, "exchange-loan-checkin")?;
    type_into(ui, "exchange-checkin-condition", "ผ้าใบเปื้อน")?;
    type_into(ui, "exchange-checkin-refund", "80")?;
    press(ui, "exchange-checkin-submit")?;
    let returned = ui.wait_for_text("exchange-lending-notice", "รับคืน")?;
    let loans_after = ui.wait_for("exchange-loans-none")?.text()?;
    let overdue_after = ui.wait_for("exchange-overdue-none")?.text()?;

    press(ui, "exchange-tab-register")?;
    open_item(ui, TENT)?;
    let history = wait_until("the tent's history", DEFAULT_TIMEOUT, || {
        let events = ui.find_all("exchange-history-event")?;
        let kinds = events
            .iter()
            .map(|e| e.attribute("data-kind"))
            .collect::<Result<Vec<_>>>()?;
        Ok((kinds.len() >= 5).then(|| kinds.into_iter().flatten().collect::<Vec<_>>()))
    })?;

    press(ui, "exchange-transfer-open")?;
    choose(ui, "exchange-transfer-to", NEIGHBOUR)?;
    type_into(ui, "exchange-transfer-quantity", "1")?;
    press(ui, "exchange-transfer-submit")?;
    let given = ui.wait_for_text("exchange-item-notice", "โอน")?;
    let after_gift = ui.find("exchange-item-quantity")?.text()?;
    press(ui, "exchange-transfer-reverse")?;
    type_into(ui, "exchange-transfer-reason", "ให้ผิดชุมชน")?;
    press(ui, "exchange-transfer-reverse-confirm")?;
    let reversed = ui.wait_for_text("exchange-item-notice", "กลับรายการ")?;
    let after_reversal = ui.find("exchange-item-quantity")?.text()?;
    let transfer_rows = ui.find_all("exchange-transfer-row")?.len();

    press(ui, "exchange-tab-report")?;
    let as_of = ui.wait_for("exchange-report-as-of")?.property("value")?;
    press(ui, "exchange-report-xlsx")?;
    let xlsx_saved = ui.wait_for("exchange-report-saved")?.text()?;
    press(ui, "exchange-report-pdf")?;
    let pdf_saved = ui.wait_for_text("exchange-report-saved", ".pdf")?;
    app.save_screenshot("tent-report")?;

    let stem = format!(
        "รายงานอุปกรณ์-{}",
        as_of.as_str().unwrap_or_default().replace('/', "-")
    );
    let xlsx = read(&app.dialog_dir().join(format!("{stem}.xlsx")))?;
    let pdf = read(&app.dialog_dir().join(format!("{stem}.pdf")))?;
    let db = Stored::read(app.database())?;
    app.close()?;

    assert!(
        photo_src.starts_with("data:image/png;base64,"),
        "the photo is shown from its bytes: {}",
        photo_src.chars().take(40).collect::<String>()
    );
    assert_eq!(
        photo_name.as_deref(),
        Some("1-tent.png"),
        "the photo's file name"
    );
    assert!(
        reservation.contains(NEIGHBOUR),
        "the reservation names the community: {reservation}"
    );
    assert!(lent.contains(MEMBER), "the loan names the member: {lent}");
    assert!(
        quantity.contains("ถูกยืมอยู่ 1"),
        "one piece is out: {quantity}"
    );
    assert_eq!(overdue_days, "3", "due three days ago");
    assert!(
        borrower.contains(MEMBER),
        "the loans list names the member: {borrower}"
    );
    assert!(
        returned.contains(TENT),
        "the return names the tent: {returned}"
    );
    assert!(
        loans_after.contains("ยังไม่มี"),
        "no loan is out after the return: {loans_after}"
    );
    assert!(
        overdue_after.contains("ไม่มี"),
        "nothing is overdue: {overdue_after}"
    );
    for kind in [
        "registered",
        "photo_added",
        "reserved",
        "checked_out",
        "checked_in",
    ] {
        assert!(
            history.iter().any(|k| k == kind),
            "{kind} in the history: {history:?}"
        );
    }
    assert!(
        given.contains(NEIGHBOUR),
        "the gift names the receiver: {given}"
    );
    assert!(
        after_gift.starts_with('2'),
        "two tents stay after the gift: {after_gift}"
    );
    assert!(
        reversed.contains(TENT),
        "the reversal names the tent: {reversed}"
    );
    assert!(
        after_reversal.starts_with('3'),
        "three tents after the reversal: {after_reversal}"
    );
    assert_eq!(transfer_rows, 2, "the gift and its reversal are listed");
    assert!(
        xlsx_saved.contains(".xlsx"),
        "the Excel file is named: {xlsx_saved}"
    );
    assert!(pdf_saved.contains(".pdf"), "the PDF is named: {pdf_saved}");
    assert!(xlsx.starts_with(b"PK"), "the Excel report is a zip package");
    assert!(pdf.starts_with(b"%PDF"), "the PDF report is a PDF");
    db.check();
    Ok(())
}

/// Returns the date `days` days before today, as the forms take it
/// (31/12/2567). The page computes it, so that it is the app's today.
fn days_ago(ui: &Session, days: i64) -> Result<String> {
    const SCRIPT: &str = r#"
const date = new Date();
date.setDate(date.getDate() - arguments[0]);
const pad = (n) => String(n).padStart(2, "0");
return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear() + 543}`;
"#;
    let text = ui.execute(SCRIPT, vec![json!(days)])?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The tent's records in the app's database.
struct Stored {
    item: exchange::Item,
    transfers: Vec<exchange::Transfer>,
    loans: Vec<exchange::Loan>,
    reservations: Vec<exchange::Reservation>,
    movements: Vec<exchange::Movement>,
}

impl Stored {
    fn read(path: &Path) -> Result<Stored> {
        let failed = |error: chumchon::Error| Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(error.to_string()),
        };
        let conn = chumchon::db::open(path).map_err(failed)?;
        let read = || -> chumchon::Result<Stored> {
            let items = exchange::list_items(&conn, &exchange::ItemFilter::default())?;
            let item = items.into_iter().find(|i| i.name == TENT).ok_or_else(|| {
                chumchon::Error::NotFound {
                    what: "item",
                    key: TENT.to_string(),
                }
            })?;
            let loans = exchange::LoanFilter {
                item_id: Some(item.id),
                ..exchange::LoanFilter::default()
            };
            let transfers = exchange::list_transfers(&conn, Some(item.community_id))?;
            Ok(Stored {
                transfers,
                loans: exchange::list_loans(&conn, &loans)?,
                reservations: exchange::list_reservations(&conn, Some(item.id), true)?,
                movements: exchange::list_movements(&conn, &exchange::MoneyFilter::default())?,
                item,
            })
        };
        read().map_err(failed)
    }

    /// Checks the tent, its one returned loan, its reservation and the
    /// money the loan moved.
    fn check(&self) {
        assert_eq!(self.item.community, OWNER, "the owner");
        assert_eq!(self.item.quantity, 3, "three tents");
        assert_eq!(self.item.unit_value.satang(), 250_000, "2,500 baht each");
        assert_eq!(self.item.photos, 1, "one photo");
        assert_eq!(self.item.on_loan, 0, "all tents are back");

        let gifts: Vec<_> = self
            .transfers
            .iter()
            .map(|t| {
                (
                    t.to_community.as_str(),
                    t.quantity,
                    t.price.satang(),
                    t.reverses_id.is_some(),
                )
            })
            .collect();
        assert_eq!(
            gifts,
            vec![(NEIGHBOUR, 1, 0, false), (OWNER, 1, 0, true)],
            "one tent given and given back"
        );
        assert_eq!(
            self.transfers.last().and_then(|t| t.note.as_deref()),
            Some("ให้ผิดชุมชน"),
            "the reason for the reversal"
        );

        assert_eq!(self.loans.len(), 1, "one loan: {:?}", self.loans);
        let loan = &self.loans[0];
        assert_eq!(
            loan.borrower_member_no.as_deref(),
            Some(MEMBER),
            "lent to the member"
        );
        assert_eq!(loan.borrower_community, NEIGHBOUR, "of the other community");
        assert_eq!(
            (loan.out_date - loan.due_date).num_days(),
            -7,
            "lent for a week"
        );
        assert_eq!(
            loan.condition_in.as_deref(),
            Some("ผ้าใบเปื้อน"),
            "the condition found"
        );
        assert!(!loan.is_open(), "the loan is returned");

        let active: Vec<_> = self
            .reservations
            .iter()
            .filter(|r| r.status == ReservationStatus::Active)
            .map(|r| (r.community.as_str(), r.quantity))
            .collect();
        assert_eq!(active, vec![(NEIGHBOUR, 2)], "the reservation waits");

        let amount = |kind: MoneyKind| -> Vec<i64> {
            self.movements
                .iter()
                .filter(|m| m.kind == kind)
                .map(|m| m.amount.satang())
                .collect()
        };
        assert_eq!(
            amount(MoneyKind::LoanDeposit),
            vec![10_000],
            "100 baht deposit"
        );
        assert_eq!(amount(MoneyKind::LoanFee), vec![2_000], "20 baht fee");
        assert_eq!(
            amount(MoneyKind::DepositRefund),
            vec![8_000],
            "80 baht refunded"
        );
        assert_eq!(amount(MoneyKind::DepositKept), vec![2_000], "20 baht kept");
    }
}
