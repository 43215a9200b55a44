//! Corrections in the waste bank's collectors and sales tabs, in the real
//! window. The test edits a seeded collector's phone and checks the
//! database and the audit log. Then it reverses a seeded sale. The screen
//! requires a reason and writes nothing before the confirmation. After it,
//! the database contains the sale and its reversal with the reason, and the
//! sold kilograms are back in the point's stock.
//!
//! A second test deactivates the collector after a confirmation, which
//! takes their round off the weekly schedule, and adds three prices to a
//! buyer's price list, of which the one in force on the chosen date is
//! marked.

use std::path::Path;
use std::time::Duration;

use chumchon::Context;
use chumchon_e2e::{wait_until, App, Launch, Result, Session};

#[macro_use]
mod waste_steps;

use waste_steps::{choose_option, io_error, type_into};

const COLLECTOR: &str = "สมชาย ใจดี";
const OLD_PHONE: &str = "081-234-5678";
const NEW_PHONE: &str = "089-999-0000";
const BUYER: &str = "ร้านรับซื้อของเก่าสมชาย";
const REASON: &str = "ชั่งผิดเครื่อง";

/// Row ids of what the test corrects.
struct Seeded {
    collector: i64,
    sale: i64,
}

#[test]
fn collector_phone_edit_and_sale_reversal() -> Result<()> {
    let app = App::launch(Launch::new("collector_phone_edit_and_sale_reversal"))?;
    let seeded = seed(app.database())?;
    let ui = app.session();

    ui.wait_for("nav-waste")?.click()?;
    ui.wait_for("waste-tab-collectors")?.click()?;
    ui.wait_for("waste-collector-edit")?.click()?;
    let form_phone = ui
        .wait_for("waste-collector-edit-phone")?
        .attribute("value")?;
    type_into(ui, "waste-collector-edit-phone", NEW_PHONE)?;
    ui.find("waste-collector-edit-save")?.click()?;
    ui.wait_for("waste-collector-saved")?;
    let listed_phone = ui.wait_for_text("waste-collector-row-phone", NEW_PHONE)?;
    let stored_phone = collector_phone(app.database(), seeded.collector)?;
    let audited = collector_updates(app.database(), seeded.collector)?;

    ui.find("waste-tab-sales")?.click()?;
    type_into(ui, "waste-sales-year", "2568")?;
    ui.find("waste-sales-load")?.click()?;
    ui.wait_for("waste-sale-reverse")?.click()?;
    let confirm_without_reason = ui.wait_for("waste-sale-reverse-confirm")?.is_enabled()?;
    type_into(ui, "waste-sale-reverse-reason", REASON)?;
    let sales_before_confirm = sales(app.database())?.len();
    ui.find("waste-sale-reverse-confirm")?.click()?;
    ui.wait_for("waste-sale-reversal-done")?;
    let reversed_by = wait_for_reversed_row(ui, seeded.sale)?;
    let listed_stock = wait_for_listed_stock(ui, 12_000)?;
    let form_left_open = !ui.find_all("waste-sale-reverse-form")?.is_empty();
    let stored_sales = sales(app.database())?;
    let stock = pet_stock(app.database())?;
    app.save_screenshot("waste-sale-reversed")?;
    app.close()?;

    assert_eq!(
        form_phone.as_deref(),
        Some(OLD_PHONE),
        "the form starts from the stored phone"
    );
    assert_eq!(listed_phone, NEW_PHONE, "the list shows the new phone");
    assert_eq!(
        stored_phone.as_deref(),
        Some(NEW_PHONE),
        "the new phone is stored"
    );
    assert_eq!(
        audited, 1,
        "the audit log has the edit with the old and new phone"
    );
    assert!(!confirm_without_reason, "no reversal without a reason");
    assert_eq!(sales_before_confirm, 1, "nothing written before confirming");
    assert_eq!(
        stored_sales.len(),
        2,
        "the sale stays, with its reversal: {stored_sales:?}"
    );
    let reversal = &stored_sales[1];
    assert_eq!(
        reversal.reverses,
        Some(seeded.sale),
        "the reversal names the sale"
    );
    assert_eq!(
        reversal.note.as_deref(),
        Some(REASON),
        "and keeps the reason"
    );
    assert_eq!(reversal.revenue, -6_000, "5 kg at 12 baht taken back");
    assert_eq!(
        reversed_by,
        reversal.id.to_string(),
        "the sale's row names its reversal"
    );
    assert_eq!(
        stock, 12_000,
        "the 5 kg sold are back with the 12 kg deposited"
    );
    assert_eq!(listed_stock, 12_000, "the stock table shows them back");
    assert!(!form_left_open, "the reversal form closes");
    Ok(())
}

#[test]
fn collector_deactivation_and_buyer_prices() -> Result<()> {
    let app = App::launch(Launch::new("collector_deactivation_and_buyer_prices"))?;
    let seeded = seed(app.database())?;
    add_monday_round(app.database(), seeded.collector)?;
    let ui = app.session();

    ui.wait_for("nav-waste")?.click()?;
    ui.wait_for("waste-tab-collectors")?.click()?;
    wait_for_monday_rounds(ui, 1)?;
    ui.wait_for("waste-collector-deactivate")?.click()?;
    ui.wait_for("waste-collector-deactivate-dialog-confirm")?;
    let inactive_before_confirm = inactive_collectors(app.database())?;
    ui.find("waste-collector-deactivate-dialog-confirm")?
        .click()?;
    let status = ui.wait_for_text("waste-collector-row-status", "เลิกใช้แล้ว")?;
    let monday_after = wait_for_monday_rounds(ui, 0)?;
    let inactive_after = inactive_collectors(app.database())?;

    ui.find("waste-tab-sales")?.click()?;
    type_into(ui, "waste-buyer-price-buyer", BUYER)?;
    type_into(ui, "waste-buyer-price-on", "15/04/2568")?;
    choose_option(ui, "waste-buyer-price-material", None, "PET_CLEAR")?;
    for (from, baht, rows) in [
        ("01/01/2568", "10", 1),
        ("01/03/2568", "12.50", 2),
        ("01/06/2568", "14", 3),
    ] {
        type_into(ui, "waste-buyer-price-from", from)?;
        type_into(ui, "waste-buyer-price-price", baht)?;
        ui.find("waste-buyer-price-add")?.click()?;
        wait_for_price_rows(ui, rows)?;
    }
    let in_force = price_rows_in_force(ui)?;
    let stored_prices = buyer_prices(app.database())?;
    app.save_screenshot("waste-buyer-prices")?;
    app.close()?;

    assert!(
        inactive_before_confirm.is_empty(),
        "nothing written before confirming: {inactive_before_confirm:?}"
    );
    assert_eq!(
        status, "เลิกใช้แล้ว",
        "the list shows the collector deactivated"
    );
    assert_eq!(monday_after, 0, "their Monday round leaves the schedule");
    assert_eq!(
        inactive_after,
        vec![seeded.collector],
        "the collector is stored as deactivated"
    );
    assert_eq!(
        in_force,
        vec!["1250".to_string()],
        "on 15 April 2568 the price of 1 March is in force"
    );
    assert_eq!(
        stored_prices,
        vec![
            ("2025-01-01".to_string(), 1_000),
            ("2025-03-01".to_string(), 1_250),
            ("2025-06-01".to_string(), 1_400),
        ],
        "every price is kept with its effective date"
    );
    Ok(())
}

/// Adds the community บ่อยาง with zone หมู่ 3, a collection point and the
/// collector สมชาย serving the zone. Then it records a deposit of 12 kg of
/// PET on 1 March 2568 and a sale of 5 kg of it at 12 baht on 10 March.
fn seed(database: &Path) -> Result<Seeded> {
    let work = || -> chumchon::Result<Seeded> {
        let conn = chumchon::db::open(database)?;
        let day = be!("01/03/2568")?;
        let ctx = Context::new("e2e", day.and_hms_opt(9, 0, 0).unwrap_or_default());
        let community = chumchon::members::ensure_community(&conn, &ctx, "บ่อยาง", Some("WB"))?;
        let zone = chumchon::waste::collectors::ensure_zone(&conn, community.id, "หมู่ 3")?;
        let new = chumchon::waste::NewCollector {
            name: COLLECTOR.into(),
            phone: Some(OLD_PHONE.into()),
            vehicle: Some("ซาเล้ง กข 1234".into()),
            zone_ids: vec![zone],
        };
        let collector = chumchon::waste::add_collector(&conn, &ctx, &new)?;
        let point = chumchon::waste::ensure_point(&conn, &ctx, community.id, "ศาลาหมู่ 3")?;
        let pet = chumchon::waste::material(&conn, "PET_CLEAR")?;
        let deposit = chumchon::waste::NewDeposit {
            depositor: chumchon::waste::Depositor::Household("บ้านเลขที่ 12".into()),
            point_id: point.id,
            date: day,
            payment: chumchon::waste::DepositPayment::Cash,
            scale_id: None,
            weighed_by: None,
            receipt_no: None,
            note: None,
            lines: vec![chumchon::waste::NewLine {
                material_id: pet.id,
                grams: 12_000,
                satang_per_kg: Some(800),
                value: None,
            }],
        };
        chumchon::waste::record_deposit(&conn, &ctx, &deposit)?;
        let buyer = chumchon::waste::ensure_buyer(&conn, &ctx, BUYER, None)?;
        let sale = chumchon::waste::NewSale {
            buyer_id: buyer.id,
            point_id: point.id,
            date: be!("10/03/2568")?,
            receipt_no: None,
            note: None,
            lines: vec![chumchon::waste::NewSaleLine {
                material_id: pet.id,
                grams: 5_000,
                satang_per_kg: Some(1_200),
            }],
            force: false,
        };
        let sale = chumchon::waste::record_sale(&conn, &ctx, &sale)?.sale_id;
        Ok(Seeded { collector, sale })
    };
    work().map_err(|e| io_error(database, e))
}

/// Gives the collector a weekly round on Mondays through their zone.
fn add_monday_round(database: &Path, collector: i64) -> Result<()> {
    let work = || -> chumchon::Result<()> {
        let conn = chumchon::db::open(database)?;
        let day = be!("01/03/2568")?;
        let ctx = Context::new("e2e", day.and_hms_opt(9, 0, 0).unwrap_or_default());
        let zone = chumchon::waste::collectors::collector(&conn, collector)?.zone_ids[0];
        let monday = chumchon::waste::Frequency::Weekly(1);
        chumchon::waste::add_round(&conn, &ctx, collector, zone, monday)?;
        Ok(())
    };
    work().map_err(|e| io_error(database, e))
}

/// Runs the query `$body` on a connection of its own to the app's
/// database at `$database`, bound to `$conn`, as another program would.
macro_rules! read {
    ($database:expr, |$conn:ident| $body:expr) => {{
        let work = || -> chumchon::Result<_> {
            let $conn = chumchon::db::open($database)?;
            Ok($body)
        };
        work().map_err(|e| io_error($database, e))
    }};
}

fn collector_phone(database: &Path, id: i64) -> Result<Option<String>> {
    read!(database, |conn| conn.query_row(
        "SELECT phone FROM waste_collectors WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?)
}

/// Counts the audit log's updates of collector `id` from the old phone to
/// the new one.
fn collector_updates(database: &Path, id: i64) -> Result<i64> {
    read!(database, |conn| conn.query_row(
        "SELECT count(*) FROM audit_log
         WHERE table_name = 'waste_collectors' AND record_id = ?1 AND action = 'update'
           AND old_values LIKE ?2 AND new_values LIKE ?3",
        (
            id.to_string(),
            format!("%{OLD_PHONE}%"),
            format!("%{NEW_PHONE}%"),
        ),
        |row| row.get(0),
    )?)
}

/// Reads the row ids of the deactivated collectors, in ascending order.
fn inactive_collectors(database: &Path) -> Result<Vec<i64>> {
    read!(database, |conn| {
        let mut stmt =
            conn.prepare("SELECT id FROM waste_collectors WHERE active = 0 ORDER BY id")?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()?
    })
}

/// Reads the effective date and satang a kilogram of every buyer price,
/// in date order.
fn buyer_prices(database: &Path) -> Result<Vec<(String, i64)>> {
    read!(database, |conn| {
        let mut stmt = conn.prepare(
            "SELECT effective_from, satang_per_kg FROM waste_prices
             WHERE buyer_id IS NOT NULL ORDER BY effective_from",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()?
    })
}

/// A sale as stored.
#[derive(Debug)]
struct StoredSale {
    id: i64,
    reverses: Option<i64>,
    note: Option<String>,
    revenue: i64,
}

/// Reads the stored sales in id order, with their revenue in satang.
fn sales(database: &Path) -> Result<Vec<StoredSale>> {
    read!(database, |conn| {
        let mut stmt = conn.prepare(
            "SELECT s.id, s.reverses_id, s.note, sum(l.value_satang)
             FROM waste_sales s JOIN waste_sale_lines l ON l.sale_id = s.id
             GROUP BY s.id ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(StoredSale {
                id: row.get(0)?,
                reverses: row.get(1)?,
                note: row.get(2)?,
                revenue: row.get(3)?,
            })
        })?;
        rows.collect::<std::result::Result<Vec<_>, _>>()?
    })
}

/// Reads the grams of PET in stock: deposited minus sold, reversals
/// included.
fn pet_stock(database: &Path) -> Result<i64> {
    read!(database, |conn| conn.query_row(
        "SELECT (SELECT coalesce(sum(grams), 0) FROM waste_lots WHERE material_id = m.id)
              - (SELECT coalesce(sum(grams), 0) FROM waste_sale_lines WHERE material_id = m.id)
         FROM waste_materials m WHERE m.code = 'PET_CLEAR'",
        [],
        |row| row.get(0),
    )?)
}

/// Waits until the row of sale `id` names the reversal that cancels it,
/// and returns the reversal's id as shown.
fn wait_for_reversed_row(ui: &Session, id: i64) -> Result<String> {
    wait_until(
        &format!("sale {id} reversed"),
        Duration::from_secs(10),
        || {
            for row in ui.find_all("waste-sale-row")? {
                if row.attribute("data-sale")?.as_deref() == Some(&id.to_string()) {
                    return row.attribute("data-reversed-by");
                }
            }
            Ok(None)
        },
    )
}

/// Waits until the stock table's only row shows `grams`, and returns them.
fn wait_for_listed_stock(ui: &Session, grams: i64) -> Result<i64> {
    wait_until(
        &format!("{grams} g in the stock table"),
        Duration::from_secs(10),
        || {
            let rows = ui.find_all("waste-stock-row")?;
            let Some(row) = rows.first() else {
                return Ok(None);
            };
            let shown = row.attribute("data-grams")?.and_then(|g| g.parse().ok());
            Ok(shown.filter(|shown| *shown == grams))
        },
    )
}

/// Waits until the schedule shows `count` rounds on Monday, and returns
/// the count.
fn wait_for_monday_rounds(ui: &Session, count: usize) -> Result<usize> {
    wait_until(
        &format!("{count} rounds on Monday"),
        Duration::from_secs(10),
        || {
            for day in ui.find_all("waste-schedule-day")? {
                if day.attribute("data-weekday")?.as_deref() == Some("1") {
                    let found = day.find_all("waste-schedule-round")?.len();
                    return Ok((found == count).then_some(found));
                }
            }
            Ok(None)
        },
    )
}

/// Waits until the buyer's price list shows `count` rows.
fn wait_for_price_rows(ui: &Session, count: usize) -> Result<()> {
    wait_until(
        &format!("{count} buyer prices"),
        Duration::from_secs(10),
        || Ok((ui.find_all("waste-buyer-price-row")?.len() == count).then_some(())),
    )
}

/// Lists the satang a kilogram of the price rows marked in force.
fn price_rows_in_force(ui: &Session) -> Result<Vec<String>> {
    let mut prices = Vec::new();
    for row in ui.find_all("waste-buyer-price-row")? {
        if row.attribute("data-in-force")?.as_deref() == Some("true") {
            prices.extend(row.attribute("data-satang")?);
        }
    }
    Ok(prices)
}
