//! A new office adds its first loan product in the real window: the
//! new-loan form offers it at once, the stored product has the typed terms
//! in satang and millionths, and a repeated code is rejected in Thai.

use chumchon::fund::products::{get_product, PenaltyRule, Product};
use chumchon::fund::schedule::Method;
use chumchon::Satang;
use chumchon_e2e::{App, Launch, Result};

#[path = "fund_support.rs"]
mod support;
use support::{choose_option, io_error, type_into};

/// The product's code and name, typed into the form.
const CODE: &str = "SML";
const NAME: &str = "เงินกู้รายย่อย";

#[test]
fn product_form_adds_and_rejects_repeat() -> Result<()> {
    let app = App::launch(Launch::new("product_form_adds_and_rejects_repeat"))?;
    let ui = app.session();

    ui.wait_for("nav-fund")?.click()?;
    ui.wait_for("fund-tab-new_loan")?.click()?;
    let notice = ui.wait_for("fund-no-products")?.text()?;
    fill_product(ui, CODE, NAME)?;
    choose_option(ui, "fund-product-method", "declining")?;
    type_into(ui, "fund-product-rate", "6.5")?;
    type_into(ui, "fund-product-max-principal", "50,000")?;
    type_into(ui, "fund-product-max-months", "18")?;
    type_into(ui, "fund-product-guarantors", "2")?;
    ui.find("fund-product-purpose-trade")?.click()?;
    ui.find("fund-product-purpose-education")?.click()?;
    type_into(ui, "fund-product-grace-days", "7")?;
    type_into(ui, "fund-product-penalty-fee", "25.50")?;
    type_into(ui, "fund-product-penalty-rate", "12")?;
    ui.find("fund-product-submit")?.click()?;
    let added = ui.wait_for_text("fund-product-added", CODE)?;
    let offered = ui.wait_for_text("fund-new-product", NAME)?;
    let notices_after = ui.find_all("fund-no-products")?.len();

    fill_product(ui, CODE, "เงินกู้ซ้ำ")?;
    ui.find("fund-product-submit")?.click()?;
    let repeated = ui.wait_for_text("fund-product-error", "มีประเภทเงินกู้รหัสนี้อยู่แล้ว")?;
    let rows = ui.find_all("fund-product-row")?.len();
    let stored = get_product(
        &chumchon::db::open(app.database()).map_err(|e| io_error(app.database(), e))?,
        CODE,
    )
    .map_err(|e| io_error(app.database(), e))?;
    app.save_screenshot("fund-add-product")?;
    app.close()?;

    assert!(
        notice.contains("แบบฟอร์มเพิ่มประเภทเงินกู้"),
        "the notice points to the form: {notice}"
    );
    assert!(
        !notice.contains("chumchon loans"),
        "the notice no longer points to the command line: {notice}"
    );
    assert!(
        added.contains(NAME),
        "the notice names the product: {added}"
    );
    assert!(offered.contains(NAME), "the loan form offers it: {offered}");
    assert_eq!(notices_after, 0, "the missing-product notice is gone");
    assert!(
        repeated.contains("กรุณาใช้รหัสอื่น"),
        "the repeat is rejected in Thai: {repeated}"
    );
    assert_eq!(rows, 1, "the product list holds one product");
    let expected = Product {
        id: stored.id,
        code: CODE.into(),
        name: NAME.into(),
        method: Method::Declining,
        rate_ppm: 65_000,
        max_principal: Satang::from_baht(50_000),
        max_months: 18,
        purposes: vec!["education".into(), "trade".into()],
        guarantors_required: 2,
        penalty: PenaltyRule {
            grace_days: 7,
            fee: Satang(2_550),
            rate_ppm: 120_000,
        },
    };
    assert_eq!(stored, expected, "the stored product has the typed terms");
    Ok(())
}

/// Types the product's code and name.
fn fill_product(ui: &chumchon_e2e::Session, code: &str, name: &str) -> Result<()> {
    type_into(ui, "fund-product-code", code)?;
    type_into(ui, "fund-product-name", name)
}
