//! The import wizard's date of a register's share balances, in the real
//! window: a register without a date in its title (a CSV file) cannot be
//! imported until the user confirms today or types the date, and the
//! balances are booked on the date typed.

use std::path::Path;
use std::time::Duration;

use chumchon_e2e::{wait_until, workspace_root, App, Error, Launch, Result};

/// Reading and importing the register takes longer than a click.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(90);

#[test]
fn csv_register_waits_for_balance_date() -> Result<()> {
    let app = App::launch(Launch::new("csv_register_waits_for_balance_date"))?;
    let fixture = workspace_root().join("tests/fixtures/members-boyang-2567-tis620.csv");
    let copy = app.dialog_dir().join("1-members.csv");
    std::fs::copy(&fixture, &copy).map_err(|source| Error::Io {
        path: fixture.clone(),
        source,
    })?;
    let ui = app.session();

    ui.wait_for("nav-import")?.click()?;
    ui.wait_for("import-choose-file")?.click()?;
    ui.wait_for_text("import-file-path", ".csv")?;
    ui.find("import-kind-members")?.click()?;
    ui.find("import-next-sheet")?.click()?;
    let community = ui.wait_for("import-community")?;
    community.clear()?;
    community.type_text("บ่อยาง")?;
    ui.find("import-next-preview")?.click()?;

    ui.wait_for_within("import-as-of-panel", IMPORT_TIMEOUT)?;
    let commit_before = ui.find("import-commit")?.is_enabled()?;
    let why = ui.find("import-commit-why")?.text()?;
    let date = ui.find("import-as-of")?;
    date.clear()?;
    date.type_text("31/12/2567")?;
    ui.find("import-as-of-apply")?.click()?;
    let source = ui.wait_for_text("import-as-of-source", "คุณกำหนดเอง")?;
    let shown_date = ui.find("import-as-of-date")?.text()?;
    let commit = ui.find("import-commit")?;
    wait_until("the commit button to be enabled", IMPORT_TIMEOUT, || {
        commit.is_enabled().map(|on| on.then_some(()))
    })?;
    commit.click()?;
    ui.wait_for_within("import-result-imported", IMPORT_TIMEOUT)?;

    let dates = register_dates(app.database())?;
    app.close()?;

    assert!(
        !commit_before,
        "a register without a date must not be imported before the date is settled"
    );
    assert!(
        why.contains("วันที่"),
        "the wizard should say why it waits: {why}"
    );
    assert!(
        source.contains("คุณกำหนดเอง"),
        "the date should be the user's: {source}"
    );
    assert!(
        shown_date.contains("31 ธ.ค. 2567"),
        "the preview should show the date typed: {shown_date}"
    );
    assert_eq!(
        dates,
        ["2024-12-31"],
        "the register's balances should be booked on the date typed"
    );
    Ok(())
}

/// The dates of the share transactions that the register import booked.
fn register_dates(database: &Path) -> Result<Vec<String>> {
    let failed = |error: &dyn std::fmt::Display| Error::Io {
        path: database.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    };
    let conn = chumchon::db::open(database).map_err(|e| failed(&e))?;
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT date FROM share_transactions WHERE source = 'register' ORDER BY date",
        )
        .map_err(|e| failed(&e))?;
    let dates = stmt
        .query_map([], |row| row.get::<_, String>(0))
        .and_then(|rows| rows.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| failed(&e))?;
    Ok(dates)
}
