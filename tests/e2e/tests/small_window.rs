//! The app in a 1024 × 768 window, a common small office screen. The
//! member list keeps every column in sight, and long column names wrap
//! instead of running into their neighbours. An error scrolls into view,
//! and the messages shown are Thai and explain the next step.

use std::time::Duration;

use chumchon_e2e::{wait_until, workspace_root, App, Error, Launch, Result, Session};
use serde_json::{json, Value};

/// The window size these tests use.
const WIDTH: u32 = 1024;
const HEIGHT: u32 = 768;

/// Reading a register takes longer than a click.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(90);

/// Returns how far, in pixels, the element sticks out to the right of its
/// scrolling ancestor's visible box (0 or less when it is all in sight).
const OVERHANG_RIGHT: &str = r#"
const el = arguments[0];
let box = el.parentElement;
while (box && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
const visible = box ? box.getBoundingClientRect().right : window.innerWidth;
return Math.round(el.getBoundingClientRect().right - Math.min(visible, window.innerWidth));
"#;

/// Returns whether a user sees the element: it lies inside the window and
/// nothing covers the middle of its first line.
const IN_SIGHT: &str = r#"
const el = arguments[0];
const r = el.getBoundingClientRect();
const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + Math.min(r.height / 2, 10));
return r.top >= 0 && r.bottom <= window.innerHeight && hit !== null && el.contains(hit);
"#;

/// Returns the texts of the import preview's column headers whose text is
/// wider than their cell, and so runs into the next column.
const OVERFLOWING_HEADERS: &str = r#"
return [...document.querySelectorAll('.grid-line.header > span')]
  .filter((span) => span.scrollWidth > span.clientWidth + 1)
  .map((span) => span.textContent.trim());
"#;

#[test]
fn member_list_keeps_shares_in_sight() -> Result<()> {
    let app = App::launch(Launch::new("member_list_keeps_shares_in_sight").demo())?;
    let ui = app.session();
    let size = ui.set_window_size(WIDTH, HEIGHT)?;

    let row = ui.wait_for("members-row")?;
    let shares = row.find("members-row-shares")?;
    let overhang = number(&ui.execute(OVERHANG_RIGHT, vec![shares.to_json()])?);
    let header = ui.find("members-header-shares")?;
    let header_overhang = number(&ui.execute(OVERHANG_RIGHT, vec![header.to_json()])?);
    let main_scrolls = ui.execute(
        "const m = document.querySelector('main'); return m.scrollWidth > m.clientWidth;",
        vec![],
    )?;
    app.save_screenshot("members-1024")?;
    app.close()?;

    assert_eq!(size, (WIDTH.into(), HEIGHT.into()), "the window size set");
    assert!(
        overhang <= 0,
        "a row's shares should be in sight, not {overhang} px past the list's edge"
    );
    assert!(
        header_overhang <= 0,
        "the shares heading should be in sight, not {header_overhang} px past the edge"
    );
    assert_eq!(
        main_scrolls,
        json!(false),
        "the members screen should not scroll sideways"
    );
    Ok(())
}

#[test]
fn member_edit_error_scrolls_into_sight() -> Result<()> {
    let app = App::launch(Launch::new("member_edit_error_scrolls_into_sight").demo())?;
    let ui = app.session();
    ui.set_window_size(WIDTH, HEIGHT)?;

    ui.wait_for("members-row")?.click()?;
    ui.wait_for("member-edit-open")?.click()?;
    let national_id = ui.wait_for("member-edit-national-id")?;
    national_id.clear()?;
    national_id.type_text("1234")?;
    ui.find("member-edit-save")?.click()?;
    let error = ui.wait_for("member-edit-error")?;
    let message = error.text()?;
    let seen = wait_until(
        "the error to scroll into sight",
        Duration::from_secs(5),
        || {
            let seen = ui.execute(IN_SIGHT, vec![error.to_json()])?;
            Ok((seen == Value::Bool(true)).then_some(true))
        },
    )
    .unwrap_or(false);
    app.save_screenshot("member-edit-error")?;
    app.close()?;

    assert!(has_thai(&message), "the error should be in Thai: {message}");
    assert!(
        seen,
        "the error of a failed save should scroll into sight, not stay above the panel's view"
    );
    Ok(())
}

#[test]
fn import_wraps_headers_and_leads_to_members() -> Result<()> {
    let app = App::launch(Launch::new("import_wraps_headers_and_leads_to_members"))?;
    let fixture = workspace_root().join("tests/fixtures/members-boyang-2567.xlsx");
    let copy = app.dialog_dir().join("1-members.xlsx");
    std::fs::copy(&fixture, &copy).map_err(|source| Error::Io {
        path: fixture.clone(),
        source,
    })?;
    let ui = app.session();
    ui.set_window_size(WIDTH, HEIGHT)?;

    ui.wait_for("nav-import")?.click()?;
    ui.wait_for("import-choose-file")?.click()?;
    ui.wait_for_text("import-file-path", ".xlsx")?;
    ui.find("import-kind-members")?.click()?;
    ui.find("import-next-sheet")?.click()?;
    let community = ui.wait_for("import-community")?;
    community.clear()?;
    community.type_text("บ่อยาง")?;
    ui.find("import-next-preview")?.click()?;
    ui.wait_for_within("import-rows", IMPORT_TIMEOUT)?;
    let headers = ui.execute(
        "return document.querySelectorAll('.grid-line.header > span').length;",
        vec![],
    )?;
    let overflowing = ui.execute(OVERFLOWING_HEADERS, vec![])?;
    app.save_screenshot("import-preview-1024")?;
    ui.find("import-commit")?.click()?;
    ui.wait_for_within("import-show-members", IMPORT_TIMEOUT)?
        .click()?;
    let first_member = ui
        .wait_for("members-row")?
        .attribute("data-member-no")?
        .unwrap_or_default();
    app.close()?;

    assert!(
        number(&headers) > 5,
        "the preview should show the register's columns, got {headers}"
    );
    assert_eq!(
        overflowing,
        json!([]),
        "column names wider than their column should wrap, not run into the next"
    );
    assert!(
        first_member.starts_with("BY"),
        "the result's button should lead to the imported members, got {first_member}"
    );
    Ok(())
}

#[test]
fn waste_credit_asks_for_member_number() -> Result<()> {
    let app = App::launch(Launch::new("waste_credit_asks_for_member_number").demo())?;
    let ui = app.session();
    ui.set_window_size(WIDTH, HEIGHT)?;

    ui.wait_for("nav-waste")?.click()?;
    ui.wait_for("waste-tab-credit")?.click()?;
    ui.wait_for("waste-credit-load")?.click()?;
    let blank = ui.wait_for("error-banner")?.text()?;

    show_credit(ui, "KR010")?;
    let found = ui.wait_for_text("waste-credit-member-name", "KR010")?;
    show_credit(ui, "XX999")?;
    let unknown = ui.wait_for_text("error-banner", "XX999")?;
    let stale = ui.find_all("waste-credit-member-name")?.len();
    app.save_screenshot("waste-credit-unknown")?;
    app.close()?;

    assert!(
        blank.contains("กรุณาใส่เลขที่สมาชิก"),
        "a blank member number should be asked for in Thai: {blank}"
    );
    assert!(found.contains("KR010"), "KR010's account: {found}");
    assert!(has_thai(&unknown), "the unknown number's error: {unknown}");
    assert_eq!(
        stale, 0,
        "after a failed lookup no other member's account should stay on screen"
    );
    Ok(())
}

#[test]
fn map_zoom_buttons_speak_thai() -> Result<()> {
    let app = App::launch(Launch::new("map_zoom_buttons_speak_thai").demo())?;
    let ui = app.session();

    ui.wait_for("nav-places")?.click()?;
    let zoom_in_title = ui.wait_for("places-zoom-in")?.attribute("title")?;
    let zoom_out_title = ui.find("places-zoom-out")?.attribute("title")?;
    app.close()?;

    assert_eq!(
        zoom_in_title.as_deref(),
        Some("ขยายแผนที่"),
        "the zoom-in button's tooltip"
    );
    assert_eq!(
        zoom_out_title.as_deref(),
        Some("ย่อแผนที่"),
        "the zoom-out button's tooltip"
    );
    Ok(())
}

#[test]
fn missing_setup_is_explained() -> Result<()> {
    let app = App::launch(Launch::new("missing_setup_is_explained").demo())?;
    let ui = app.session();
    ui.set_window_size(WIDTH, HEIGHT)?;

    ui.wait_for("nav-waste")?.click()?;
    let no_points = ui.wait_for("waste-no-points")?.text()?;
    ui.find("nav-fund")?.click()?;
    ui.wait_for("fund-tab-new_loan")?.click()?;
    let no_products = ui.wait_for("fund-no-products")?.text()?;
    let submit_enabled = ui.find("fund-new-submit")?.is_enabled()?;
    app.save_screenshot("fund-no-products")?;
    app.close()?;

    assert!(
        no_points.contains("ยังไม่มีจุดรับขยะ"),
        "the deposit form should say that there is no collection point: {no_points}"
    );
    assert!(
        no_products.contains("ยังไม่มีประเภทเงินกู้"),
        "the new-loan form should say that there is no loan product: {no_products}"
    );
    assert!(
        !submit_enabled,
        "a loan cannot be entered without a loan product"
    );
    Ok(())
}

#[test]
fn fund_report_names_its_columns() -> Result<()> {
    let app = App::launch(Launch::new("fund_report_names_its_columns").demo())?;
    let ui = app.session();

    ui.wait_for("nav-fund")?.click()?;
    ui.wait_for("fund-tab-reports")?.click()?;
    ui.wait_for("fund-report-show")?.click()?;
    ui.wait_for("fund-report-total")?;
    let report = ui.find("fund-report")?.text()?;
    choose_english(ui)?;
    ui.wait_for("nav-fund")?.click()?;
    ui.wait_for("fund-tab-reports")?.click()?;
    ui.wait_for("fund-report-show")?.click()?;
    let english_total = ui.wait_for("fund-report-total")?.text()?;
    app.close()?;

    assert!(
        report.contains("เดบิต (บาท)"),
        "the trial balance should name its debit column: {report}"
    );
    assert!(
        report.contains("เครดิต (บาท)"),
        "the trial balance should name its credit column: {report}"
    );
    assert!(
        english_total.starts_with("Total"),
        "the total line should be named in English: {english_total}"
    );
    assert!(
        !has_thai(&english_total),
        "the English total line should have no Thai: {english_total}"
    );
    Ok(())
}

/// Switches the app to English on the settings screen.
fn choose_english(ui: &Session) -> Result<()> {
    ui.wait_for("nav-settings")?.click()?;
    let language = ui.wait_for("settings-language")?;
    ui.execute(
        "arguments[0].value = 'en'; \
         arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
        vec![language.to_json()],
    )?;
    ui.wait_for_text("nav-settings", "Settings").map(drop)
}

/// Types `member_no` into the credit tab's member field and shows it.
fn show_credit(ui: &Session, member_no: &str) -> Result<()> {
    let field = ui.find("waste-credit-member")?;
    field.clear()?;
    field.type_text(member_no)?;
    ui.find("waste-credit-load")?.click()
}

fn number(value: &Value) -> i64 {
    value.as_f64().map_or(i64::MAX, |n| n.round() as i64)
}

fn has_thai(text: &str) -> bool {
    text.chars().any(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c))
}
