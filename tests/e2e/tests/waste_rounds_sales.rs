//! The waste bank's collectors and sales in the real window. The test adds
//! a collector with a zone, gives them a weekly round, reads it on the
//! schedule, and records a round delivered into a point's stock with the
//! collector's pay. Then it sells more than the point holds. The screen
//! warns with the stock, writes nothing until the user confirms, and shows
//! the stock below zero afterwards.

use std::path::Path;
use std::time::Duration;

use chumchon::members::MemberDetails;
use chumchon::Context;
use chumchon_e2e::{wait_until, App, Launch, Result, Session};

#[macro_use]
mod waste_steps;

use waste_steps::{choose_option, io_error, type_into};

const MEMBER: &str = "WB902";
const COLLECTOR: &str = "สมชาย ใจดี";
const ZONE: &str = "หมู่ 3";
const BUYER: &str = "ร้านรับซื้อของเก่าสมชาย";

#[test]
fn round_fills_stock_and_oversale_needs_confirm() -> Result<()> {
    let app = App::launch(Launch::new("round_fills_stock_and_oversale_needs_confirm"))?;
    let point = seed(app.database())?;
    let ui = app.session();

    ui.wait_for("nav-waste")?.click()?;
    ui.wait_for("waste-tab-collectors")?.click()?;
    type_into(ui, "waste-collector-name", COLLECTOR)?;
    type_into(ui, "waste-collector-phone", "081-234-5678")?;
    type_into(ui, "waste-collector-vehicle", "ซาเล้ง กข 1234")?;
    tick_zone(ui, ZONE)?;
    ui.find("waste-collector-add")?.click()?;
    let collector_row = ui.wait_for("waste-collector-row")?.text()?;

    choose_option(ui, "waste-round-collector", None, "1")?;
    choose_option(ui, "waste-round-weekday", None, "3")?;
    ui.find("waste-round-add")?.click()?;
    let wednesday = wait_for_day_rounds(ui, "3", 1)?;
    let monday = day_rounds(ui, "1")?;

    type_into(ui, "waste-records-from", "01/03/2568")?;
    type_into(ui, "waste-records-to", "31/03/2568")?;
    ui.find("waste-records-load")?.click()?;
    type_into(ui, "waste-record-date", "05/03/2568")?;
    type_into(ui, "waste-record-visited", "บ้านเลขที่ 12")?;
    choose_option(ui, "waste-record-line-material", Some(0), "PET_CLEAR")?;
    type_into(ui, "waste-record-line-kg", "20")?;
    type_into(ui, "waste-record-paid", "150")?;
    choose_option(ui, "waste-record-point", None, &point.to_string())?;
    ui.find("waste-record-save")?.click()?;
    ui.wait_for("waste-record-saved")?;
    let paid = ui.wait_for("waste-record-row-paid")?.text()?;

    ui.find("waste-tab-sales")?.click()?;
    type_into(ui, "waste-sales-year", "2568")?;
    ui.find("waste-sales-load")?.click()?;
    type_into(ui, "waste-sale-buyer", BUYER)?;
    choose_option(ui, "waste-sale-point", None, &point.to_string())?;
    type_into(ui, "waste-sale-date", "10/03/2568")?;
    choose_option(ui, "waste-sale-line-material", Some(0), "PET_CLEAR")?;
    type_into(ui, "waste-sale-line-kg", "40")?;
    type_into(ui, "waste-sale-line-price", "12")?;
    ui.find("waste-sale-save")?.click()?;
    let warning = ui.wait_for("waste-sale-shortfall")?.text()?;
    let sales_before_confirm = sales(app.database())?;
    ui.find("waste-sale-confirm")?.click()?;
    let recorded = ui.wait_for("waste-sale-recorded")?.text()?;
    let stock_after = wait_for_stock(ui, "PET_CLEAR", |grams| grams < 0)?;
    let forced_row = ui.find("waste-sale-row")?.attribute("data-forced")?;
    let sales_after = sales(app.database())?;
    app.save_screenshot("waste-sales")?;
    app.close()?;

    assert!(collector_row.contains(COLLECTOR), "row: {collector_row}");
    assert!(
        collector_row.contains(ZONE),
        "the zone is listed: {collector_row}"
    );
    assert_eq!(wednesday, 1, "the weekly round runs on Wednesday");
    assert_eq!(monday, 0, "and not on Monday");
    assert_eq!(paid, "150.00", "the collector's pay is listed");
    assert!(
        warning.contains("40.0") && warning.contains("32.0"),
        "40 kg sold against 12 deposited + 20 delivered: {warning}"
    );
    assert_eq!(
        sales_before_confirm,
        (0, 0),
        "nothing written before confirming"
    );
    assert!(recorded.contains("480.00"), "40 kg at 12 baht: {recorded}");
    assert_eq!(stock_after, -8_000, "32 kg less 40");
    assert_eq!(
        forced_row.as_deref(),
        Some("true"),
        "the sale is marked over stock"
    );
    assert_eq!(sales_after, (1, 1), "one sale, recorded over the stock");
    Ok(())
}

/// Adds a member, a zone and a collection point of the member's community,
/// the members' PET price of 8 baht a kilogram, and a deposit of 12 kg of
/// PET on 1 March 2568. Returns the point's id.
fn seed(database: &Path) -> Result<i64> {
    let work = || -> chumchon::Result<i64> {
        let conn = chumchon::db::open(database)?;
        let joined = be!("01/06/2563")?;
        let ctx = Context::new("e2e", joined.and_hms_opt(9, 0, 0).unwrap_or_default());
        let community = chumchon::members::ensure_community(&conn, &ctx, "บ่อยาง", Some("WB"))?;
        let details = MemberDetails {
            member_no: MEMBER.into(),
            first_name: "สมศรี".into(),
            last_name: "รักษ์โลก".into(),
            community_id: community.id,
            joined: Some(joined),
            ..MemberDetails::default()
        };
        let member = chumchon::members::insert(&conn, &ctx, &details)?;
        chumchon::waste::collectors::ensure_zone(&conn, community.id, ZONE)?;
        let point = chumchon::waste::ensure_point(&conn, &ctx, community.id, "ศาลาหมู่ 3")?;
        let pet = chumchon::waste::material(&conn, "PET_CLEAR")?;
        chumchon::waste::set_price(&conn, &ctx, pet.id, None, be!("01/01/2568")?, 800)?;
        let deposit = chumchon::waste::NewDeposit {
            depositor: chumchon::waste::Depositor::Member(member),
            point_id: point.id,
            date: be!("01/03/2568")?,
            payment: chumchon::waste::DepositPayment::Cash,
            scale_id: None,
            weighed_by: None,
            receipt_no: None,
            note: None,
            lines: vec![chumchon::waste::NewLine {
                material_id: pet.id,
                grams: 12_000,
                satang_per_kg: None,
                value: None,
            }],
        };
        chumchon::waste::record_deposit(&conn, &ctx, &deposit)?;
        Ok(point.id)
    };
    work().map_err(|e| io_error(database, e))
}

/// Counts the sales and the sales recorded over the stock.
fn sales(database: &Path) -> Result<(i64, i64)> {
    let work = || -> chumchon::Result<(i64, i64)> {
        let conn = chumchon::db::open(database)?;
        Ok(conn.query_row(
            "SELECT count(*), coalesce(sum(forced), 0) FROM waste_sales",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?)
    };
    work().map_err(|e| io_error(database, e))
}

/// Ticks the zone checkbox of the collector form whose zone is `name`.
fn tick_zone(ui: &Session, name: &str) -> Result<()> {
    let found = wait_until(&format!("zone {name}"), Duration::from_secs(10), || {
        for checkbox in ui.find_all("waste-collector-zone")? {
            if checkbox.attribute("data-zone")?.as_deref() == Some(name) {
                return Ok(Some(checkbox));
            }
        }
        Ok(None)
    })?;
    found.click()
}

/// The number of rounds the schedule shows on `weekday` (1 is Monday).
fn day_rounds(ui: &Session, weekday: &str) -> Result<usize> {
    for day in ui.find_all("waste-schedule-day")? {
        if day.attribute("data-weekday")?.as_deref() == Some(weekday) {
            return Ok(day.find_all("waste-schedule-round")?.len());
        }
    }
    Ok(0)
}

fn wait_for_day_rounds(ui: &Session, weekday: &str, count: usize) -> Result<usize> {
    wait_until(
        &format!("{count} rounds on weekday {weekday}"),
        Duration::from_secs(10),
        || {
            let found = day_rounds(ui, weekday)?;
            Ok((found == count).then_some(found))
        },
    )
}

/// Waits until the stock table shows material `code` with grams that
/// `ready` accepts, and returns them.
fn wait_for_stock(ui: &Session, code: &str, ready: impl Fn(i64) -> bool) -> Result<i64> {
    wait_until(&format!("stock of {code}"), Duration::from_secs(10), || {
        for row in ui.find_all("waste-stock-row")? {
            if row.attribute("data-material")?.as_deref() != Some(code) {
                continue;
            }
            let grams = row.attribute("data-grams")?.and_then(|g| g.parse().ok());
            return Ok(grams.filter(|g| ready(*g)));
        }
        Ok(None)
    })
}
