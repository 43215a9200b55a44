//! End-to-end tests of the waste bank through the library and the CLI: the
//! legacy deposit log in, plastic credit into shares and back to its
//! kilograms, sales, and the programme report as PDF and xlsx.

mod common;

use std::collections::BTreeMap;

use chumchon::import::deposits as deposit_import;
use chumchon::import::members as member_import;
use chumchon::import::session::{AcceptChanges, Mode};
use chumchon::waste;
use common::{context, date, fixture, TempDb, TestResult};

/// The deposit log's totals: 480 rows of seven materials.
const EXPECTED_ROWS: i64 = 480;
const EXPECTED_VALUE_SATANG: i64 = 6_897_088;
const EXPECTED_KG: [(&str, f64); 7] = [
    ("ALU_CAN", 1015.2),
    ("CARDBOARD", 609.3),
    ("GLASS", 942.1),
    ("HDPE", 922.1),
    ("LDPE_FILM", 868.2),
    ("PET_CLEAR", 1026.6),
    ("PET_COLOR", 773.7),
];

fn import_members(conn: &mut rusqlite::Connection) -> TestResult {
    let options = member_import::Options {
        community: Some("บ่อยาง".into()),
        ..Default::default()
    };
    member_import::import(
        conn,
        &context(),
        &fixture("members-boyang-2567.xlsx"),
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;
    Ok(())
}

fn import_deposits(
    conn: &mut rusqlite::Connection,
    options: &deposit_import::Options,
    mode: Mode,
) -> TestResult<chumchon::import::session::Outcome<deposit_import::Details>> {
    Ok(deposit_import::import(
        conn,
        &context(),
        &fixture("waste-deposits-2567.xlsx"),
        options,
        mode,
        &mut |_, _| {},
    )?)
}

#[test]
fn deposit_log_gives_expected_totals() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;

    let outcome = import_deposits(&mut conn, &Default::default(), Mode::Commit)?;

    assert!(
        outcome.report.errors.is_empty(),
        "errors: {:?}",
        outcome.report.errors
    );
    assert_eq!(outcome.report.imported, 480);
    assert_eq!(
        outcome.details.values_computed, 480,
        "column G has no saved values"
    );
    let summary = waste::deposits::summary(&conn, date(2024, 1, 1), date(2024, 12, 31))?;
    assert_eq!(summary.rows, EXPECTED_ROWS);
    assert_eq!(summary.value.satang(), EXPECTED_VALUE_SATANG);
    let kg: BTreeMap<&str, f64> = summary
        .grams_by_material
        .iter()
        .map(|(code, grams)| (code.as_str(), waste::kg_one_decimal(*grams)))
        .collect();
    assert_eq!(kg, BTreeMap::from(EXPECTED_KG));
    Ok(())
}

fn count(conn: &rusqlite::Connection, table: &str) -> TestResult<i64> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })?,
    )
}

#[test]
fn deposit_log_imported_twice_changes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    import_deposits(&mut conn, &Default::default(), Mode::Commit)?;
    let tables = [
        "waste_deposits",
        "waste_lots",
        "waste_points",
        "audit_log",
        "imports",
    ];
    let before: Vec<i64> = tables
        .iter()
        .map(|t| count(&conn, t))
        .collect::<TestResult<_>>()?;

    let again = import_deposits(&mut conn, &Default::default(), Mode::Commit)?;

    let after: Vec<i64> = tables
        .iter()
        .map(|t| count(&conn, t))
        .collect::<TestResult<_>>()?;
    assert_eq!(after, before, "rows in {tables:?}");
    assert!(
        again.imported_before.is_some(),
        "says when it was imported before"
    );
    assert_eq!(again.report.imported, 0);
    assert!(!again.report.committed, "nothing to commit");
    let unchanged = again
        .details
        .rows
        .iter()
        .filter(|row| row.status == deposit_import::RowStatus::Unchanged)
        .count();
    assert_eq!(unchanged, 480, "every row matches its earlier deposit");
    Ok(())
}

/// Adds a sheet with the deposit log's header row.
fn log_sheet(
    workbook: &mut rust_xlsxwriter::Workbook,
) -> TestResult<&mut rust_xlsxwriter::Worksheet> {
    let sheet = workbook.add_worksheet();
    let header = [
        "วันที่",
        "เลขที่สมาชิก",
        "ประเภทขยะ",
        "น้ำหนัก (กก.)",
        "ราคา/กก.",
        "จุดรับ",
    ];
    for (col, text) in (0u16..).zip(header) {
        sheet.write_string(0, col, text)?;
    }
    Ok(sheet)
}

/// Writes a deposit log with the fixture's header and `rows` of (member,
/// material, kg, price, point), all dated 1 March 2024.
fn write_log(path: &std::path::Path, rows: &[(&str, &str, f64, f64, &str)]) -> TestResult {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = log_sheet(&mut workbook)?;
    for (row, (member, material, kg, price, point)) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, "01/03/2567")?;
        sheet.write_string(row, 1, *member)?;
        sheet.write_string(row, 2, *material)?;
        sheet.write_number(row, 3, *kg)?;
        sheet.write_number(row, 4, *price)?;
        sheet.write_string(row, 5, *point)?;
    }
    workbook.save(path)?;
    Ok(())
}

#[test]
fn unknown_material_is_reported_once() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let log = db.dir.path().join("log.xlsx");
    write_log(
        &log,
        &[
            ("BY001", "ยางรถยนต์", 5.0, 2.0, "จุดรวบรวมวัดบ่อยาง"),
            ("BY002", "ขวดน้ำใส", 1.5, 8.0, "จุดรวบรวมวัดบ่อยาง"),
            ("BY003", "ยางรถยนต์ ", 2.5, 2.0, "จุดรวบรวมวัดบ่อยาง"),
            ("BY999", "ขวดแก้ว", 1.0, 0.8, "จุดรวบรวมวัดบ่อยาง"),
        ],
    )?;
    let import = |conn: &mut rusqlite::Connection, options: &deposit_import::Options| {
        deposit_import::import(
            conn,
            &context(),
            &log,
            options,
            Mode::Commit,
            &mut |_, _| {},
        )
    };

    let first = import(&mut conn, &Default::default())?;
    let mapped = deposit_import::Options {
        map: vec![("ยางรถยนต์".into(), "other_plastic".into())],
        remember_mappings: true,
        ..Default::default()
    };
    let second = import(&mut conn, &mapped)?;

    let errors: Vec<(&str, Option<u32>)> = first
        .report
        .errors
        .iter()
        .map(|p| (p.code, p.row))
        .collect();
    assert_eq!(
        errors,
        [("member_not_found", Some(5)), ("material_unknown", Some(2))],
        "one error for the name, one for the member"
    );
    assert!(
        first.report.errors[1].message.contains("rows 2, 4"),
        "lists the rows: {}",
        first.report.errors[1].message
    );
    assert_eq!(first.report.imported, 1, "the known row is imported");
    assert_eq!(second.report.imported, 2, "the mapped rows follow");
    let remembered = waste::resolve_material(&conn, "ยางรถยนต์")?.map(|m| m.code);
    assert_eq!(
        remembered.as_deref(),
        Some("OTHER_PLASTIC"),
        "the mapping is kept"
    );
    Ok(())
}

#[test]
fn repeat_import_names_latest_import() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let log = db.dir.path().join("log.xlsx");
    write_log(
        &log,
        &[
            ("BY001", "ขวดแก้ว", 1.0, 0.8, "จุดรวบรวมวัดบ่อยาง"),
            ("BY002", "ยางรถยนต์", 5.0, 2.0, "จุดรวบรวมวัดบ่อยาง"),
        ],
    )?;
    let at = |day| chumchon::Context::new("test", date(2025, 1, day).and_time(Default::default()));
    let mapped = deposit_import::Options {
        map: vec![("ยางรถยนต์".into(), "other_plastic".into())],
        remember_mappings: true,
        ..Default::default()
    };
    let mut import = |ctx: &chumchon::Context, options: &deposit_import::Options| {
        deposit_import::import(&mut conn, ctx, &log, options, Mode::Commit, &mut |_, _| {})
    };
    // The first import refuses the unknown material, the second maps it.
    let first = import(&at(10), &Default::default())?;
    let second = import(&at(12), &mapped)?;

    let third = import(&at(14), &Default::default())?;

    assert_eq!(first.report.imported, 1, "the glass row");
    assert_eq!(second.report.imported, 1, "the mapped row");
    assert_eq!(third.report.imported, 0, "nothing new");
    assert_eq!(
        third.imported_before.as_deref(),
        Some("2025-01-12T00:00:00"),
        "the import that last wrote rows of the file"
    );
    Ok(())
}

#[test]
fn changed_weight_is_listed_then_accepted() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let log = db.dir.path().join("log.xlsx");
    let point = "จุดรวบรวมวัดบ่อยาง";
    write_log(&log, &[("BY001", "ขวดแก้ว", 10.0, 0.8, point)])?;
    let credit = deposit_import::Options {
        credit: true,
        ..Default::default()
    };
    let import = |conn: &mut rusqlite::Connection, options: &deposit_import::Options| {
        deposit_import::import(
            conn,
            &context(),
            &log,
            options,
            Mode::Commit,
            &mut |_, _| {},
        )
    };
    import(&mut conn, &credit)?;
    write_log(&log, &[("BY001", "ขวดแก้ว", 12.0, 0.8, point)])?;

    let listed = import(&mut conn, &credit)?;
    let accepted = import(
        &mut conn,
        &deposit_import::Options {
            accept: AcceptChanges::All,
            ..credit.clone()
        },
    )?;

    assert_eq!(listed.changed.len(), 1);
    assert_eq!(listed.changed[0].changes[0].field, "weight");
    assert!(!listed.changed[0].applied, "listed, not written");
    assert!(accepted.changed[0].applied);
    let member = chumchon::members::get(&conn, "BY001")?;
    assert_eq!(
        waste::credit_balance(&conn, member.id)?.satang(),
        960,
        "credit follows the corrected weight, 12 kg at 0.80"
    );
    let summary = waste::deposits::summary(&conn, date(2024, 1, 1), date(2024, 12, 31))?;
    assert_eq!(summary.rows, 1, "the old lot is reversed");
    Ok(())
}

/// Writes a deposit log of glass bottles at the temple's point, with
/// `rows` of (date text, member, weight cell, price cell) written as text
/// so that figures beyond a float's precision stay exact.
fn write_dated_log(path: &std::path::Path, rows: &[(&str, &str, &str, &str)]) -> TestResult {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = log_sheet(&mut workbook)?;
    for (row, (day, member, kg, price)) in (1u32..).zip(rows) {
        for (col, text) in (0u16..).zip([*day, *member, "ขวดแก้ว", *kg, *price]) {
            sheet.write_string(row, col, text)?;
        }
        sheet.write_string(row, 5, "จุดรวบรวมวัดบ่อยาง")?;
    }
    workbook.save(path)?;
    Ok(())
}

#[test]
fn implausible_deposit_rows_are_flagged() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let log = db.dir.path().join("log.xlsx");
    write_dated_log(
        &log,
        &[
            ("01/03/2567", "BY001", "1000000000000", "3.50"),
            ("01/03/2567", "BY002", "9223372036854.775", "3.50"),
            ("01/03/2567", "BY003", "5", "3500000"),
            ("01/03/2567", "BY004", "100000", "100000"),
            ("01/01/2569", "BY005", "2", "0.80"),
            ("01/03/2400", "BY006", "3", "0.80"),
        ],
    )?;

    let outcome = deposit_import::import(
        &mut conn,
        &context(),
        &log,
        &Default::default(),
        Mode::Commit,
        &mut |_, _| {},
    )?;

    let problems = |list: &[chumchon::import::report::Problem]| -> Vec<(&str, Option<u32>)> {
        list.iter().map(|p| (p.code, p.row)).collect()
    };
    assert_eq!(
        problems(&outcome.report.errors),
        [
            ("weight_out_of_range", Some(2)),
            ("weight_out_of_range", Some(3)),
            ("price_out_of_range", Some(4)),
        ],
        "a weight above 100 tonnes or a price above 100,000 baht is refused"
    );
    assert_eq!(
        problems(&outcome.report.warnings),
        [("date_in_future", Some(6)), ("date_long_ago", Some(7))],
        "a date after today or before 1950 is flagged"
    );
    assert_eq!(
        outcome.report.imported, 3,
        "the limits themselves and the flagged dates import"
    );
    let summary = waste::deposits::summary(&conn, date(1800, 1, 1), date(2100, 12, 31))?;
    assert_eq!(summary.rows, 3, "no refused row is stored");
    Ok(())
}
