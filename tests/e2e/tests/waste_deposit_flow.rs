//! The waste bank in the real window: record a member's deposit paid in
//! plastic credit, print its receipt, convert the credit into shares, and
//! see the month's bar of the chart grow by the deposit's kilograms; map
//! a loose material name in the alias editor and export the programme
//! report as PDF and Excel.

use std::path::Path;
use std::time::Duration;

use chumchon::members::MemberDetails;
use chumchon::Context;
use chumchon_e2e::{wait_until, App, Error, Launch, Result, Session};

#[macro_use]
mod waste_steps;

use waste_steps::{choose_option, io_error, type_into};

/// The depositor, seeded before the screen opens.
const MEMBER: &str = "WB901";
/// The deposit's date as typed, in March 2568.
const DEPOSIT_DATE: &str = "15/03/2568";
/// A loose name the alias editor maps to a material.
const NEW_ALIAS: &str = "ขวดแก้วสีชา";

#[test]
fn deposit_converts_to_shares_and_moves_chart() -> Result<()> {
    let app = App::launch(Launch::new("deposit_converts_to_shares_and_moves_chart"))?;
    seed(app.database())?;
    let ui = app.session();

    ui.wait_for("nav-waste")?.click()?;
    ui.wait_for("waste-tab-report")?.click()?;
    type_into(ui, "waste-chart-year", "2568")?;
    ui.find("waste-chart-load")?.click()?;
    let march_before = wait_for_march(ui, |grams| grams.is_some())?;

    ui.find("waste-tab-deposit")?.click()?;
    type_into(ui, "waste-member-no", MEMBER)?;
    type_into(ui, "waste-date", DEPOSIT_DATE)?;
    choose_option(ui, "waste-line-material", Some(0), "PET_CLEAR")?;
    type_into_nth(ui, "waste-line-kg", 0, "25")?;
    ui.find("waste-add-line")?.click()?;
    choose_option(ui, "waste-line-material", Some(1), "HDPE")?;
    type_into_nth(ui, "waste-line-kg", 1, "5.5")?;
    ui.find("waste-record")?.click()?;
    let recorded = ui.wait_for("waste-recorded")?.text()?;
    let march_after = wait_for_march(ui, |grams| grams.is_some_and(|g| g != march_before))?;
    let pet_bar = bar_height(ui, 3, "PET_CLEAR")?;

    ui.find("waste-receipt")?.click()?;
    ui.wait_for("waste-receipt-saved")?;
    let deposit_id = ui
        .find("waste-recorded")?
        .attribute("data-deposit")?
        .unwrap_or_default();
    let receipt = app
        .dialog_dir()
        .join(format!("ใบรับฝากขยะ-{deposit_id}.pdf"));
    let receipt_head = std::fs::read(&receipt).map_err(|source| Error::Io {
        path: receipt.clone(),
        source,
    })?;

    ui.find("waste-tab-credit")?.click()?;
    type_into(ui, "waste-credit-member", MEMBER)?;
    type_into(ui, "waste-credit-date", "31/03/2568")?;
    ui.find("waste-credit-load")?.click()?;
    let balance_before = ui.wait_for("waste-credit-balance")?.text()?;
    let shares_before = ui.find("waste-credit-shares")?.text()?;
    ui.find("waste-convert")?.click()?;
    let converted = ui.wait_for("waste-converted")?.text()?;
    let balance_after = wait_for_change(ui, "waste-credit-balance", &balance_before)?;
    let shares_after = ui.find("waste-credit-shares")?.text()?;
    let stored = stored(app.database())?;
    app.save_screenshot("waste-credit")?;
    app.close()?;

    assert_eq!(march_before, 0, "March 2568 starts empty");
    assert_eq!(march_after, 30_500, "March grows by 25 kg and 5.5 kg");
    assert!(pet_bar > 0.0, "the PET bar has height: {pet_bar}");
    assert!(
        recorded.contains("294.00"),
        "25 kg at 10 baht and 5.5 kg at 8 baht make 294.00: {recorded}"
    );
    assert!(
        receipt_head.starts_with(b"%PDF"),
        "the receipt is a PDF at {}",
        receipt.display()
    );
    assert_eq!(balance_before, "294.00", "the deposit is credited");
    assert_eq!(shares_before, "0", "the member starts with no shares");
    assert_eq!(balance_after, "94.00", "two shares at 100 baht leave 94.00");
    assert_eq!(shares_after, "2", "the screen shows the two shares bought");
    assert!(
        converted.contains('2') && converted.contains("200.00"),
        "the notice names two shares for 200.00: {converted}"
    );
    assert_eq!(stored.shares, 2, "the share register holds two shares");
    assert_eq!(stored.credit_satang, 9_400, "94 baht of credit stays");
    assert_eq!(stored.grams, 30_500, "the deposit's weight is stored");
    Ok(())
}

#[test]
fn alias_maps_name_and_report_exports() -> Result<()> {
    let app = App::launch(Launch::new("alias_maps_name_and_report_exports"))?;
    seed(app.database())?;
    seed_deposit(app.database())?;
    let ui = app.session();

    ui.wait_for("nav-waste")?.click()?;
    ui.wait_for("waste-tab-aliases")?.click()?;
    ui.wait_for("waste-alias-row")?;
    let rows_before = ui.find_all("waste-alias-row")?.len();
    type_into(ui, "waste-alias-name", NEW_ALIAS)?;
    choose_option(ui, "waste-alias-code", None, "GLASS")?;
    ui.find("waste-alias-save")?.click()?;
    let rows_after = wait_until("the new alias row", Duration::from_secs(10), || {
        let rows = ui.find_all("waste-alias-row")?.len();
        Ok((rows != rows_before).then_some(rows))
    })?;

    ui.find("waste-tab-report")?.click()?;
    type_into(ui, "waste-chart-year", "2568")?;
    ui.find("waste-export-pdf")?.click()?;
    let pdf_notice = ui.wait_for("waste-exported")?.text()?;
    ui.find("waste-export-xlsx")?.click()?;
    wait_for_change(ui, "waste-exported", &pdf_notice)?;
    let pdf = app.dialog_dir().join("รายงานธนาคารขยะ-2568.pdf");
    let xlsx = app.dialog_dir().join("รายงานธนาคารขยะ-2568.xlsx");
    let pdf_head = read(&pdf)?;
    let xlsx_head = read(&xlsx)?;
    let mapped = mapped_code(app.database(), NEW_ALIAS)?;
    app.close()?;

    assert_eq!(
        rows_after,
        rows_before + 1,
        "the editor lists one more name"
    );
    assert_eq!(mapped.as_deref(), Some("GLASS"), "the name maps to GLASS");
    assert!(pdf_head.starts_with(b"%PDF"), "the report is a PDF");
    assert!(xlsx_head.starts_with(b"PK"), "the workbook is a zip file");
    Ok(())
}

/// What the database holds after the flow.
struct Stored {
    shares: i64,
    credit_satang: i64,
    grams: i64,
}

/// Adds the member, a collection point of the member's community, and the
/// members' prices: PET 10 baht and HDPE 8 baht a kilogram from 2568.
fn seed(database: &Path) -> Result<()> {
    let work = || -> chumchon::Result<()> {
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
        chumchon::members::insert(&conn, &ctx, &details)?;
        chumchon::waste::ensure_point(&conn, &ctx, community.id, "ศาลาหมู่ 3")?;
        let from = be!("01/01/2568")?;
        for (code, satang_per_kg) in [("PET_CLEAR", 1_000), ("HDPE", 800)] {
            let material = chumchon::waste::material(&conn, code)?;
            chumchon::waste::set_price(&conn, &ctx, material.id, None, from, satang_per_kg)?;
        }
        Ok(())
    };
    work().map_err(|e| io_error(database, e))
}

fn stored(database: &Path) -> Result<Stored> {
    let work = || -> chumchon::Result<Stored> {
        let conn = chumchon::db::open(database)?;
        let member = chumchon::members::get(&conn, MEMBER)?;
        let summary =
            chumchon::waste::deposits::summary(&conn, be!("01/01/2568")?, be!("31/12/2568")?)?;
        Ok(Stored {
            shares: chumchon::shares::balance(&conn, member.id)?,
            credit_satang: chumchon::waste::credit_balance(&conn, member.id)?.satang(),
            grams: summary.grams_by_material.values().sum(),
        })
    };
    work().map_err(|e| io_error(database, e))
}

/// Records a deposit of 12 kg of PET in March 2568 through the core.
fn seed_deposit(database: &Path) -> Result<()> {
    let work = || -> chumchon::Result<()> {
        let conn = chumchon::db::open(database)?;
        let date = be!(DEPOSIT_DATE)?;
        let ctx = Context::new("e2e", date.and_hms_opt(9, 0, 0).unwrap_or_default());
        let member = chumchon::members::get(&conn, MEMBER)?;
        let point = chumchon::waste::list_points(&conn)?
            .first()
            .map(|p| p.id)
            .unwrap_or_default();
        let pet = chumchon::waste::material(&conn, "PET_CLEAR")?;
        let deposit = chumchon::waste::NewDeposit {
            depositor: chumchon::waste::Depositor::Member(member.id),
            point_id: point,
            date,
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
        Ok(())
    };
    work().map_err(|e| io_error(database, e))
}

/// The code of the material `name` stands for, if any.
fn mapped_code(database: &Path, name: &str) -> Result<Option<String>> {
    let work = || -> chumchon::Result<Option<String>> {
        let conn = chumchon::db::open(database)?;
        Ok(chumchon::waste::resolve_material(&conn, name)?.map(|m| m.code))
    };
    work().map_err(|e| io_error(database, e))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Waits until the chart shows March with grams that `ready` accepts, and
/// returns them.
fn wait_for_march(ui: &Session, ready: impl Fn(Option<i64>) -> bool) -> Result<i64> {
    wait_until("the chart's March bar", Duration::from_secs(15), || {
        let mut grams = None;
        for month in ui.find_all("waste-chart-month")? {
            if month.attribute("data-month")?.as_deref() == Some("3") {
                grams = month
                    .attribute("data-grams")?
                    .and_then(|g| g.parse::<i64>().ok());
            }
        }
        Ok(grams.filter(|_| ready(grams)))
    })
}

/// The drawn height of material `code`'s part of month `month`'s bar.
fn bar_height(ui: &Session, month: u32, code: &str) -> Result<f64> {
    for group in ui.find_all("waste-chart-month")? {
        if group.attribute("data-month")?.as_deref() != Some(&month.to_string()) {
            continue;
        }
        for bar in group.find_all("waste-chart-bar")? {
            if bar.attribute("data-material")?.as_deref() == Some(code) {
                let height = bar.attribute("height")?.unwrap_or_default();
                return Ok(height.parse().unwrap_or(0.0));
            }
        }
    }
    Ok(0.0)
}

/// Replaces the text of the `index`th field `test_id` with `text`.
fn type_into_nth(ui: &Session, test_id: &str, index: usize, text: &str) -> Result<()> {
    let fields = ui.find_all(test_id)?;
    let field = fields.get(index).ok_or_else(|| {
        io_error(
            Path::new(test_id),
            format!("no field {test_id} number {index}"),
        )
    })?;
    field.clear()?;
    field.type_text(text)
}

/// Waits until the text of `test_id` differs from `before`, and returns it.
fn wait_for_change(ui: &Session, test_id: &str, before: &str) -> Result<String> {
    wait_until(test_id, Duration::from_secs(10), || {
        let text = ui.find(test_id)?.text()?;
        Ok((text != before).then_some(text))
    })
}
