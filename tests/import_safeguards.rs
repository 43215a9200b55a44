//! Imports that must not change share balances without telling the user.
//! The cases: the next year's ledger opening with balances brought
//! forward, a register stating other balances than the records, a
//! cancelled ledger entry, and entries in a year whose dividend is
//! approved. Also a share ledger given to the register importer, a member
//! number reused for another person, and shares bought by plastic credit.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chumchon::dividends::{self, Basis, Method, Params};
use chumchon::import::session::{AcceptChanges, Mode, Outcome};
use chumchon::import::{ledger, members as member_import};
use chumchon::{members, Satang};
use common::{context, fixture, TempDb, TestResult};
use rust_xlsxwriter::Workbook;

fn import_register(
    conn: &mut rusqlite::Connection,
    path: &Path,
    accept: AcceptChanges,
) -> TestResult<Outcome<member_import::Details>> {
    let options = member_import::Options {
        community: Some("บ่อยาง".into()),
        accept,
        ..Default::default()
    };
    Ok(member_import::import(
        conn,
        &context(),
        path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?)
}

/// Opens a new database holding the legacy Boyang member register.
fn boyang_register() -> TestResult<(TempDb, rusqlite::Connection)> {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_register(
        &mut conn,
        &fixture("members-boyang-2567.xlsx"),
        AcceptChanges::None,
    )?;
    Ok((db, conn))
}

fn import_ledger(
    conn: &mut rusqlite::Connection,
    path: &Path,
) -> TestResult<Outcome<ledger::Details>> {
    Ok(ledger::import(
        conn,
        &context(),
        path,
        &ledger::Options::default(),
        Mode::Commit,
        &mut |_, _| {},
    )?)
}

/// Reads every member's current share balance, by member number.
fn balances(conn: &rusqlite::Connection) -> TestResult<BTreeMap<String, i64>> {
    Ok(members::list(conn)?
        .into_iter()
        .map(|m| (m.details.member_no.clone(), m.shares))
        .collect())
}

/// Writes a share ledger with rows of (date text, member number, entry,
/// shares).
fn write_ledger(path: &Path, rows: &[(String, String, &str, i64)]) -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["วันที่", "เลขที่สมาชิก", "รายการ", "จำนวนหุ้น"].iter().enumerate()
    {
        sheet.write_string(0, column as u16, *header)?;
    }
    for (index, (day, member_no, entry, shares)) in rows.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string(row, 0, day)?;
        sheet.write_string(row, 1, member_no)?;
        sheet.write_string(row, 2, *entry)?;
        sheet.write_number(row, 3, *shares as f64)?;
    }
    workbook.save(path)?;
    Ok(())
}

/// Writes a 2568 ledger that opens with each member's balance brought forward,
/// except `wrong`, whose figure is one share too many, then one purchase.
fn ledger_2568(
    path: &Path,
    held: &BTreeMap<String, i64>,
    wrong: &str,
) -> TestResult<Vec<(String, String, &'static str, i64)>> {
    let mut rows: Vec<(String, String, &'static str, i64)> = held
        .iter()
        .filter(|(_, shares)| **shares > 0)
        .map(|(no, shares)| {
            let stated = if no == wrong { shares + 1 } else { *shares };
            ("01/01/2568".to_string(), no.clone(), "ยกมา", stated)
        })
        .collect();
    rows.push(("10/01/2568".into(), "BY002".into(), "ซื้อหุ้น", 2));
    write_ledger(path, &rows)?;
    Ok(rows)
}

#[test]
fn next_year_ledger_checks_brought_forward() -> TestResult {
    let (db, mut conn) = boyang_register()?;
    import_ledger(&mut conn, &fixture("share-ledger-2567.xlsx"))?;
    let before = balances(&conn)?;
    let path = db.dir.path().join("ledger-2568.xlsx");
    let rows = ledger_2568(&path, &before, "BY005")?;

    let outcome = import_ledger(&mut conn, &path)?;

    let after = balances(&conn)?;
    assert_eq!(
        after.get("BY002").copied(),
        before.get("BY002").map(|held| held + 2),
        "only the purchase adds shares"
    );
    assert_eq!(
        after.get("BY005"),
        before.get("BY005"),
        "BY005 keeps its balance"
    );
    let others_unchanged = before
        .iter()
        .filter(|(no, _)| no.as_str() != "BY002")
        .all(|(no, held)| after.get(no) == Some(held));
    assert!(
        others_unchanged,
        "no balance brought forward is added again"
    );
    assert_eq!(outcome.report.imported, 1, "only the purchase is posted");
    let checked = outcome
        .details
        .rows
        .iter()
        .filter(|row| row.status == ledger::RowStatus::Checked)
        .count();
    assert_eq!(checked, rows.len() - 1, "every ยกมา row is checked");
    let mismatches: Vec<_> = outcome
        .report
        .warnings
        .iter()
        .filter(|p| p.code == "opening_balance_mismatch")
        .collect();
    assert_eq!(mismatches.len(), 1, "{:?}", outcome.report.warnings);
    assert_eq!(
        mismatches[0].value.as_deref(),
        before.get("BY005").map(|s| (s + 1).to_string()).as_deref()
    );
    Ok(())
}

#[test]
fn next_year_ledger_after_register_alone() -> TestResult {
    let (db, mut conn) = boyang_register()?;
    let before = balances(&conn)?;
    let path = db.dir.path().join("ledger-2568.xlsx");
    ledger_2568(&path, &before, "")?;

    let outcome = import_ledger(&mut conn, &path)?;

    let total = |balances: &BTreeMap<String, i64>| balances.values().sum::<i64>();
    assert_eq!(total(&balances(&conn)?), total(&before) + 2);
    assert!(
        outcome.report.warnings.is_empty(),
        "{:?}",
        outcome.report.warnings
    );
    Ok(())
}

#[test]
fn cancelled_ledger_entry_is_refused() -> TestResult {
    let (db, mut conn) = boyang_register()?;
    let before = balances(&conn)?;
    let path = db.dir.path().join("cancelled.xlsx");
    write_ledger(
        &path,
        &[("16/02/2568".into(), "BY002".into(), "ยกเลิกซื้อหุ้น", 1)],
    )?;

    let outcome = import_ledger(&mut conn, &path)?;

    assert_eq!(balances(&conn)?, before);
    let codes: Vec<_> = outcome.report.errors.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["cancelled_entry"]);
    assert_eq!(outcome.report.errors[0].row, Some(2));
    Ok(())
}

#[test]
fn approved_dividend_year_refuses_entries() -> TestResult {
    let (db, mut conn) = boyang_register()?;
    import_ledger(&mut conn, &fixture("share-ledger-2567.xlsx"))?;
    let params = Params {
        year_be: 2567,
        method: Method::ShareMonths,
        basis: Basis::Pool(Satang::from_baht(12_345)),
    };
    dividends::run(&conn, &context(), &params)?;
    dividends::approve(&conn, &context(), 2567)?;
    let before = balances(&conn)?;
    let path = db.dir.path().join("late.xlsx");
    write_ledger(
        &path,
        &[
            ("15/02/2567".into(), "BY001".into(), "ซื้อหุ้น", 100),
            ("15/02/2568".into(), "BY001".into(), "ซื้อหุ้น", 1),
        ],
    )?;

    let outcome = import_ledger(&mut conn, &path)?;
    let again = import_ledger(&mut conn, &fixture("share-ledger-2567.xlsx"))?;

    let codes: Vec<_> = outcome.report.errors.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["dividend_year_approved"]);
    assert_eq!(outcome.report.errors[0].row, Some(2));
    assert_eq!(
        again.report.errors,
        [],
        "the 2567 ledger imported again has nothing to refuse"
    );
    assert_eq!(outcome.report.imported, 1, "the 2568 purchase is posted");
    assert_eq!(
        balances(&conn)?.get("BY001").copied(),
        before.get("BY001").map(|held| held + 1)
    );
    Ok(())
}

/// Writes a register dated 31 December 2567 with rows of (member number,
/// first name, last name, national ID, shares).
fn write_register(path: &Path, rows: &[(&str, &str, &str, &str, i64)]) -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "ทะเบียนสมาชิก ณ วันที่ 31 ธันวาคม 2567")?;
    for (column, header) in ["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "เลขประจำตัวประชาชน", "จำนวนหุ้น"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, column as u16, *header)?;
    }
    for (index, (no, first, last, national_id, shares)) in rows.iter().enumerate() {
        let row = index as u32 + 3;
        sheet.write_string(row, 0, *no)?;
        sheet.write_string(row, 1, *first)?;
        sheet.write_string(row, 2, *last)?;
        sheet.write_string(row, 3, *national_id)?;
        sheet.write_number(row, 4, *shares as f64)?;
    }
    workbook.save(path)?;
    Ok(())
}

#[test]
fn register_balance_change_waits_for_acceptance() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = db.dir.path().join("register.xlsx");
    write_register(
        &path,
        &[
            ("BY001", "สมชาย", "ใจดี", "", 3),
            ("BY002", "มาลี", "ศรีสุข", "", 5),
        ],
    )?;
    import_register(&mut conn, &path, AcceptChanges::None)?;
    write_register(
        &path,
        &[
            ("BY001", "สมชาย", "ใจดี", "", 8),
            ("BY002", "มาลี", "ศรีสุข", "", 5),
        ],
    )?;

    let listed = import_register(&mut conn, &path, AcceptChanges::None)?;
    let held_back = balances(&conn)?;
    let accepted = import_register(&mut conn, &path, AcceptChanges::All)?;

    assert_eq!(
        held_back.get("BY001"),
        Some(&3),
        "not raised before acceptance"
    );
    assert_eq!(listed.report.held_back.len(), 1);
    let change = &listed.report.held_back[0];
    assert_eq!(change.key, "BY001");
    assert_eq!(change.changes[0].field, "shares");
    assert_eq!(
        (
            change.changes[0].old.as_str(),
            change.changes[0].new.as_str()
        ),
        ("3", "8")
    );
    assert!(accepted.changed[0].applied);
    assert_eq!(
        balances(&conn)?.get("BY001"),
        Some(&8),
        "raised once accepted"
    );
    Ok(())
}

#[test]
fn share_ledger_given_as_register_is_refused() -> TestResult {
    let (_db, mut conn) = boyang_register()?;
    let before = balances(&conn)?;

    let outcome = import_register(
        &mut conn,
        &fixture("share-ledger-2567.xlsx"),
        AcceptChanges::All,
    )?;

    assert_eq!(balances(&conn)?, before);
    let codes: Vec<_> = outcome.report.errors.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["looks_like_share_ledger"]);
    assert!(!outcome.report.committed);
    Ok(())
}

#[test]
fn member_number_of_another_person_is_refused() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = db.dir.path().join("register.xlsx");
    write_register(&path, &[("BY001", "ณรงค์", "ชื่นใจ", "1-1017-00000-01-0", 3)])?;
    import_register(&mut conn, &path, AcceptChanges::None)?;
    write_register(
        &path,
        &[("BY001", "คนอื่น", "ต่างชุมชน", "1-1017-00000-02-8", 9)],
    )?;

    let outcome = import_register(&mut conn, &path, AcceptChanges::All)?;

    let member = members::get(&conn, "BY001")?;
    assert_eq!(member.details.first_name, "ณรงค์");
    assert_eq!(member.shares, 3);
    let codes: Vec<_> = outcome.report.errors.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["member_no_other_person"]);
    Ok(())
}

#[test]
fn plastic_credit_purchase_uses_credit() -> TestResult {
    let (db, mut conn) = boyang_register()?;
    let path = db.dir.path().join("credit.xlsx");
    write_ledger(
        &path,
        &[("27/12/2567".into(), "BY051".into(), "ซื้อหุ้นด้วยเครดิตพลาสติก", 1)],
    )?;
    let member_id = members::get(&conn, "BY051")?.id;

    let outcome = import_ledger(&mut conn, &path)?;

    assert_eq!(outcome.report.imported, 1);
    assert_eq!(
        chumchon::waste::credit_balance(&conn, member_id)?,
        Satang::from_baht(-100),
        "the purchase takes the credit it used"
    );
    let short: Vec<_> = outcome
        .report
        .warnings
        .iter()
        .filter(|p| p.code == "plastic_credit_short")
        .collect();
    assert_eq!(short.len(), 1, "{:?}", outcome.report.warnings);
    assert_eq!(short[0].row, Some(2));
    Ok(())
}

#[test]
fn misspelt_new_community_is_reported() -> TestResult {
    let (db, mut conn) = boyang_register()?;
    let path = db.dir.path().join("register.xlsx");
    write_register(&path, &[("BY900", "สมใจ", "ใหม่", "", 1)])?;
    let options = member_import::Options {
        community: Some("บ่อย่าง".into()),
        ..Default::default()
    };

    let outcome = member_import::import(
        &mut conn,
        &context(),
        &path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;

    let warning = outcome
        .report
        .warnings
        .iter()
        .find(|p| p.code == "community_created_close")
        .ok_or("no warning about the close name")?;
    assert!(warning.message.contains("บ่อยาง"), "{}", warning.message);
    assert_eq!(outcome.report.imported, 1, "the member is still imported");
    Ok(())
}
