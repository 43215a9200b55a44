//! The office's year-end flow through the real window: import the legacy
//! member register and share ledger with the wizard, compute and approve
//! the dividend, save the slips as PDF, then check the database and the PDF.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chumchon::dividends::Status;
use chumchon_e2e::{wait_until, workspace_root, App, Error, Launch, Result, Session};
use serde_json::Value;

/// The fiscal year of the legacy samples, in the Buddhist Era.
const YEAR_BE: i32 = 2567;

/// Imports take longer than a click: the ledger has 158 rows to check.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(90);

#[test]
fn legacy_import_to_dividend_slips() -> Result<()> {
    let expected = read_expected()?;
    let app = App::launch(Launch::new("legacy_import_to_dividend_slips"))?;
    // Open dialogs return the files of the dialog folder in name order.
    copy_fixture(
        "members-boyang-2567.xlsx",
        &app.dialog_dir().join("1-members.xlsx"),
    )?;
    copy_fixture(
        "share-ledger-2567.xlsx",
        &app.dialog_dir().join("2-ledger.xlsx"),
    )?;
    let ui = app.session();

    ui.wait_for("nav-import")?.click()?;
    let members_imported = import_file(ui, "import-kind-members", Some("บ่อยาง"))?;
    ui.wait_for("import-again")?.click()?;
    let ledger_imported = import_file(ui, "import-kind-ledger", None)?;

    ui.wait_for("nav-dividends")?.click()?;
    let year = ui.wait_for("dividends-year")?;
    year.clear()?;
    year.type_text(&YEAR_BE.to_string())?;
    ui.find("dividends-method-share-months")?.click()?;
    ui.find("dividends-basis-pool")?.click()?;
    let amount = ui.find("dividends-amount")?;
    amount.clear()?;
    amount.type_text("12345.67")?;
    ui.find("dividends-compute")?.click()?;
    let draft_status = ui.wait_for_text("dividends-status", "ฉบับร่าง")?;
    let draft_total = ui.wait_for("dividends-total-amount")?.text()?;

    ui.find("dividends-approve")?.click()?;
    ui.wait_for("dividends-approve-dialog-confirm")?.click()?;
    let approved_status = ui.wait_for_text("dividends-status", "อนุมัติแล้ว")?;
    ui.wait_for("dividends-save-slips")?.click()?;
    let saved = ui
        .wait_for_within("dividends-slips-saved", IMPORT_TIMEOUT)?
        .text()?;
    app.save_screenshot("slips-saved")?;

    let pdf = app.dialog_dir().join(format!("ใบแจ้งปันผล-{YEAR_BE}.pdf"));

    assert_eq!(
        members_imported,
        expected["members_imported"].to_string(),
        "members imported"
    );
    assert_eq!(
        ledger_imported,
        expected["ledger_rows"].to_string(),
        "ledger rows imported"
    );
    assert!(
        draft_status.contains("ฉบับร่าง"),
        "computed run should be a draft: {draft_status}"
    );
    assert_eq!(
        draft_total, "12,345.67",
        "the whole pool should be shared out"
    );
    assert!(
        approved_status.contains("อนุมัติแล้ว"),
        "run should be approved: {approved_status}"
    );
    assert!(
        saved.contains(&pdf.display().to_string()),
        "message should name {}",
        pdf.display()
    );
    // The app's temporary folder, with the database and the PDF, is
    // removed when the app closes, so the PDF is kept with the artifacts.
    let kept_pdf = app.artifacts().join("slips.pdf");
    std::fs::copy(&pdf, &kept_pdf).map_err(|source| Error::Io {
        path: pdf.clone(),
        source,
    })?;
    check_database(app.database(), &expected)?;
    check_pdf(&pdf, &expected)?;
    app.close()
}

/// Runs the import wizard on the next file of the dialog folder and
/// returns the "imported" count of the result page.
fn import_file(ui: &Session, kind: &str, community: Option<&str>) -> Result<String> {
    ui.wait_for("import-choose-file")?.click()?;
    ui.wait_for_text("import-file-path", ".xlsx")?;
    ui.find(kind)?.click()?;
    ui.find("import-next-sheet")?.click()?;

    ui.wait_for("import-sheet-option")?;
    if let Some(name) = community {
        let field = ui.find("import-community")?;
        field.clear()?;
        field.type_text(name)?;
    }
    ui.wait_for("import-next-preview")?.click()?;

    let commit = ui.wait_for_within("import-commit", IMPORT_TIMEOUT)?;
    wait_until("the commit button to be enabled", IMPORT_TIMEOUT, || {
        commit.is_enabled().map(|on| on.then_some(()))
    })?;
    commit.click()?;
    let imported = ui
        .wait_for_within("import-result-imported", IMPORT_TIMEOUT)?
        .text()?;
    Ok(imported)
}

/// Compares the approved run in the database with the samples' truth.
fn check_database(database: &Path, expected: &Value) -> Result<()> {
    let conn = chumchon::db::open(database).map_err(|e| io_error(database, e))?;
    let run = chumchon::dividends::get(&conn, YEAR_BE)
        .map_err(|e| io_error(database, e))?
        .ok_or_else(|| io_error(database, "no dividend run saved for the year"))?;
    let amounts: BTreeMap<String, i64> = run
        .lines
        .iter()
        .filter(|line| line.amount.0 != 0)
        .map(|line| (line.member_no.clone(), line.amount.0))
        .collect();
    let want: BTreeMap<String, i64> = expected["dividend"]["by_member_satang"]
        .as_object()
        .map(|by_member| {
            by_member
                .iter()
                .map(|(no, amount)| (no.clone(), amount.as_i64().unwrap_or(-1)))
                .collect()
        })
        .unwrap_or_default();

    assert_eq!(
        run.status,
        Status::Approved,
        "the saved run should be approved"
    );
    assert_eq!(run.total.0, 1_234_567, "the saved total should be the pool");
    assert_eq!(
        amounts, want,
        "each member's dividend should match the samples' truth"
    );
    Ok(())
}

/// Reads the slips back with pdftotext, counts them and checks the first
/// slip's content.
fn check_pdf(pdf: &Path, expected: &Value) -> Result<()> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|source| Error::Spawn {
            program: "pdftotext (poppler-utils)".into(),
            source,
        })?;
    let text = String::from_utf8_lossy(&output.stdout);
    let first = &expected["members"][0];
    let name = format!(
        "{} {}",
        first["first_name"].as_str().unwrap_or("?"),
        first["last_name"].as_str().unwrap_or("?")
    );

    let paid = expected["dividend"]["by_member_satang"]
        .as_object()
        .map_or(0, |m| m.len());
    let slips = text.matches("ใบสำคัญจ่ายเงินปันผล").count();

    assert!(
        output.status.success(),
        "pdftotext should read {}",
        pdf.display()
    );
    assert_eq!(slips, paid, "the PDF should hold one slip per member paid");
    assert!(
        text.contains("BY001"),
        "the slips should include member BY001"
    );
    assert!(
        text.contains(&name),
        "the slips should include {name} in Thai"
    );
    assert!(
        text.contains("13.13"),
        "BY001's slip should show 13.13 baht"
    );
    Ok(())
}

fn read_expected() -> Result<Value> {
    let path = fixture("legacy-expected.json");
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| io_error(&path, e))
}

fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures").join(name)
}

fn copy_fixture(name: &str, to: &Path) -> Result<()> {
    let from = fixture(name);
    std::fs::copy(&from, to).map_err(|source| Error::Io { path: from, source })?;
    Ok(())
}

fn io_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}
