//! The office's year-end flow through the real window: import the legacy
//! member register and share ledger with the wizard, compute and approve
//! the dividend, save the slips as PDF, then check the database and the PDF
//! against the samples' truth in `tests/fixtures/legacy-expected.json`.
//! Closing the app removes its temporary folder, so every file is checked
//! before [`App::close`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chumchon::dividends::Status;
use chumchon_e2e::{wait_until, workspace_root, App, Error, Launch, Result, Session};
use serde_json::Value;

/// Imports take longer than a click: the ledger has 158 rows to check.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(90);

#[test]
fn legacy_import_to_dividend_slips() -> Result<()> {
    let expected = read_expected()?;
    let truth = Truth::read(&expected)?;
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
    let members = import_file(ui, "import-kind-members", Some("บ่อยาง"))?;
    ui.wait_for("import-again")?.click()?;
    let ledger = import_file(ui, "import-kind-ledger", None)?;

    ui.wait_for("nav-dividends")?.click()?;
    let year = ui.wait_for("dividends-year")?;
    year.clear()?;
    year.type_text(&truth.year_be.to_string())?;
    ui.find("dividends-method-share-months")?.click()?;
    ui.find("dividends-basis-pool")?.click()?;
    let amount = ui.find("dividends-amount")?;
    amount.clear()?;
    amount.type_text(&baht(truth.pool_satang))?;
    ui.find("dividends-compute")?.click()?;
    let draft_status = ui.wait_for_text("dividends-status", "ฉบับร่าง")?;
    let draft_total = ui.wait_for("dividends-total-amount")?.text()?;

    ui.find("dividends-approve")?.click()?;
    ui.wait_for("dividends-approve-dialog-confirm")?.click()?;
    let approved_status = ui.wait_for_text("dividends-status", "อนุมัติแล้ว")?;
    let listed_run = ui.wait_for("dividends-run")?.attribute("data-year")?;
    ui.wait_for("dividends-save-slips")?.click()?;
    let saved = ui
        .wait_for_within("dividends-slips-saved", IMPORT_TIMEOUT)?
        .text()?;
    app.save_screenshot("slips-saved")?;

    let pdf = app
        .dialog_dir()
        .join(format!("ใบแจ้งปันผล-{}.pdf", truth.year_be));

    assert_eq!(
        members.imported,
        expected["members_imported"].to_string(),
        "members imported"
    );
    assert!(
        members
            .as_of
            .as_deref()
            .is_some_and(|date| date.contains("31 ธ.ค. 2567")),
        "the register's balances should be dated by its title: {:?}",
        members.as_of
    );
    assert_eq!(
        ledger.imported,
        expected["ledger_rows"].to_string(),
        "ledger rows imported"
    );
    assert_eq!(ledger.as_of, None, "a ledger has no balance date");
    assert!(
        draft_status.contains("ฉบับร่าง"),
        "computed run should be a draft: {draft_status}"
    );
    assert_eq!(
        draft_total,
        baht(truth.pool_satang),
        "the whole pool should be shared out"
    );
    assert!(
        approved_status.contains("อนุมัติแล้ว"),
        "run should be approved: {approved_status}"
    );
    assert_eq!(
        listed_run.as_deref(),
        Some(truth.year_be.to_string().as_str()),
        "the approved year should be listed"
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
    check_database(app.database(), &truth)?;
    check_pdf(&pdf, &expected, &truth)?;
    app.close()
}

/// The samples' truth about the year's dividend.
struct Truth {
    /// The fiscal year, Buddhist era.
    year_be: i32,
    /// The pool shared out, in satang.
    pool_satang: i64,
    /// Each paid member's dividend in satang, by member number.
    by_member: BTreeMap<String, i64>,
    /// Each member's shares at the year's end, by member number.
    year_end_shares: BTreeMap<String, i64>,
    /// All members' shares at the year's end.
    total_shares: i64,
}

impl Truth {
    fn read(expected: &Value) -> Result<Truth> {
        let dividend = &expected["dividend"];
        let number = |value: &Value, what: &str| {
            value
                .as_i64()
                .ok_or_else(|| fixture_error(&format!("{what} is not a number")))
        };
        let by_name = |value: &Value, what: &str| -> Result<BTreeMap<String, i64>> {
            let object = value
                .as_object()
                .ok_or_else(|| fixture_error(&format!("{what} is not an object")))?;
            object
                .iter()
                .map(|(no, amount)| Ok((no.clone(), number(amount, what)?)))
                .collect()
        };
        let year_be = number(&dividend["year_be"], "dividend.year_be")?;
        Ok(Truth {
            year_be: i32::try_from(year_be).map_err(|_| fixture_error("year out of range"))?,
            pool_satang: number(&dividend["pool_satang"], "dividend.pool_satang")?,
            by_member: by_name(&dividend["by_member_satang"], "dividend.by_member_satang")?,
            year_end_shares: by_name(&dividend["year_end_shares"], "dividend.year_end_shares")?,
            total_shares: number(&expected["members_total_shares"], "members_total_shares")?,
        })
    }
}

/// What one run of the import wizard showed.
struct Imported {
    /// The result page's "imported" count.
    imported: String,
    /// The preview's date of a register's share balances.
    as_of: Option<String>,
}

/// Runs the import wizard on the next file of the dialog folder and
/// returns what its preview and result pages showed.
fn import_file(ui: &Session, kind: &str, community: Option<&str>) -> Result<Imported> {
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
    let as_of = match ui.find("import-as-of-date") {
        Ok(date) => Some(date.text()?),
        Err(error) if error.is_transient() => None,
        Err(error) => return Err(error),
    };
    commit.click()?;
    let imported = ui
        .wait_for_within("import-result-imported", IMPORT_TIMEOUT)?
        .text()?;
    Ok(Imported { imported, as_of })
}

/// Compares the approved run in the database with the samples' truth.
fn check_database(database: &Path, truth: &Truth) -> Result<()> {
    let conn = chumchon::db::open(database).map_err(|e| io_error(database, e))?;
    let run = chumchon::dividends::get(&conn, truth.year_be)
        .map_err(|e| io_error(database, e))?
        .ok_or_else(|| io_error(database, "no dividend run saved for the year"))?;
    let amounts: BTreeMap<String, i64> = run
        .lines
        .iter()
        .filter(|line| line.amount.0 != 0)
        .map(|line| (line.member_no.clone(), line.amount.0))
        .collect();
    let held: BTreeMap<&str, i64> = run
        .lines
        .iter()
        .map(|line| (line.member_no.as_str(), line.year_end_shares))
        .collect();
    let shares: BTreeMap<String, i64> = truth
        .year_end_shares
        .keys()
        .map(|no| (no.clone(), held.get(no.as_str()).copied().unwrap_or(0)))
        .collect();
    let unknown: Vec<&str> = held
        .keys()
        .copied()
        .filter(|no| !truth.year_end_shares.contains_key(*no))
        .collect();

    assert_eq!(
        run.status,
        Status::Approved,
        "the saved run should be approved"
    );
    assert_eq!(
        run.total.0, truth.pool_satang,
        "the saved total should be the pool"
    );
    assert_eq!(
        amounts, truth.by_member,
        "each member's dividend should match the samples' truth"
    );
    assert_eq!(
        shares, truth.year_end_shares,
        "each member's year-end shares should match the samples' truth"
    );
    assert!(
        unknown.is_empty(),
        "the run should hold only the samples' members: {unknown:?}"
    );
    assert_eq!(
        held.values().sum::<i64>(),
        truth.total_shares,
        "all year-end shares"
    );
    Ok(())
}

/// Reads the slips back with pdftotext, counts them and checks that each
/// paid member's slip is there with the member's amount.
fn check_pdf(pdf: &Path, expected: &Value, truth: &Truth) -> Result<()> {
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
    let first_no = first["member_no"].as_str().unwrap_or("?");
    let name = format!(
        "{} {}",
        first["first_name"].as_str().unwrap_or("?"),
        first["last_name"].as_str().unwrap_or("?")
    );
    let first_amount = truth.by_member.get(first_no).copied().map(baht);

    let slips = text.matches("ใบสำคัญจ่ายเงินปันผล").count();
    let missing: Vec<&str> = truth
        .by_member
        .keys()
        .map(String::as_str)
        .filter(|no| !text.contains(no))
        .collect();
    let missing_amounts: Vec<String> = truth
        .by_member
        .values()
        .map(|&satang| baht(satang))
        .filter(|amount| !text.contains(amount.as_str()))
        .collect();

    assert!(
        output.status.success(),
        "pdftotext should read {}",
        pdf.display()
    );
    assert_eq!(
        slips,
        truth.by_member.len(),
        "the PDF should hold one slip per member paid"
    );
    assert!(
        missing.is_empty(),
        "the slips should name every member paid, missing {missing:?}"
    );
    assert!(
        missing_amounts.is_empty(),
        "the slips should show every member's amount, missing {missing_amounts:?}"
    );
    assert!(
        text.contains(&name),
        "the slips should include {name} in Thai"
    );
    assert!(
        first_amount
            .as_ref()
            .is_some_and(|amount| text.contains(amount.as_str())),
        "{first_no}'s slip should show {first_amount:?} baht"
    );
    Ok(())
}

/// Formats satang as the app shows baht, `12,345.67`, with the core's
/// formatter.
fn baht(satang: i64) -> String {
    chumchon::Satang(satang).to_string()
}

fn fixture_error(what: &str) -> Error {
    io_error(&fixture("legacy-expected.json"), what)
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
