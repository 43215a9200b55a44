//! End-to-end tests of the registers through the library and the CLI:
//! legacy registers and share ledgers in, dividends and slips out, on real
//! SQLite files and the committed legacy sample sheets.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use chumchon::import::session::{AcceptChanges, Mode};
use chumchon::import::{ledger, members as member_import};
use chumchon::members;
use common::{context, date, expected, fixture, pdf_text, TempDb, TestResult};
use rust_xlsxwriter::Workbook;
use serde_json::Value;

fn import_register(
    conn: &mut rusqlite::Connection,
    file: &str,
) -> TestResult<chumchon::import::session::Outcome<member_import::Details>> {
    let options = member_import::Options {
        community: Some("บ่อยาง".into()),
        ..Default::default()
    };
    Ok(member_import::import(
        conn,
        &context(),
        &fixture(file),
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?)
}

fn import_ledger(
    conn: &mut rusqlite::Connection,
) -> TestResult<chumchon::import::session::Outcome<ledger::Details>> {
    let options = ledger::Options::default();
    Ok(ledger::import(
        conn,
        &context(),
        &fixture("share-ledger-2567.xlsx"),
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?)
}

/// Compares every member in the database with the expected list, field by
/// field, and returns the mismatches.
fn member_mismatches(conn: &rusqlite::Connection, fields: &[&str]) -> TestResult<Vec<String>> {
    let truth = expected()?;
    let stored: BTreeMap<String, members::Member> = members::list(conn)?
        .into_iter()
        .map(|m| (m.details.member_no.clone(), m))
        .collect();
    let mut mismatches = Vec::new();
    for want in truth["members"].as_array().ok_or("members")? {
        let no = want["member_no"].as_str().ok_or("member_no")?;
        let Some(got) = stored.get(no) else {
            mismatches.push(format!("{no} missing"));
            continue;
        };
        let actual = serde_json::json!({
            "title": got.details.title,
            "first_name": got.details.first_name,
            "last_name": got.details.last_name,
            "national_id": got.details.national_id,
            "national_id_valid": got.national_id_valid,
            "joined": got.details.joined,
            "shares": got.shares,
        });
        for field in fields {
            if actual[field] != want[field] {
                mismatches.push(format!(
                    "{no} {field}: expected {}, got {}",
                    want[field], actual[field]
                ));
            }
        }
    }
    if stored.len() != truth["members"].as_array().map_or(0, Vec::len) {
        mismatches.push(format!("{} members stored", stored.len()));
    }
    Ok(mismatches)
}

const ALL_FIELDS: &[&str] = &[
    "title",
    "first_name",
    "last_name",
    "national_id",
    "national_id_valid",
    "joined",
    "shares",
];

#[test]
fn register_xlsx_gives_expected_members() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;

    let outcome = import_register(&mut conn, "members-boyang-2567.xlsx")?;

    assert_eq!(member_mismatches(&conn, ALL_FIELDS)?, Vec::<String>::new());
    assert_eq!(outcome.report.imported, 60);
    assert!(outcome.report.committed);
    let errors: Vec<(Option<u32>, &str)> = outcome
        .report
        .errors
        .iter()
        .map(|p| (p.row, p.code))
        .collect();
    assert_eq!(
        errors,
        [(Some(67), "national_id_taken")],
        "the second row with BY013's ID is refused"
    );
    let warnings: Vec<(Option<u32>, &str)> = outcome
        .report
        .warnings
        .iter()
        .map(|p| (p.row, p.code))
        .collect();
    assert_eq!(
        warnings,
        [
            (Some(12), "national_id_check_digit"),
            (Some(39), "national_id_check_digit")
        ]
    );
    assert_eq!(
        outcome.details.as_of,
        date(2024, 12, 31),
        "the date in the register's title"
    );
    Ok(())
}

#[test]
fn register_other_formats_give_same_members() -> TestResult {
    for file in [
        "members-boyang-2567-old-excel.xls",
        "members-boyang-2567-excel95.xls",
        "members-boyang-2567-tis620.csv",
        "members-boyang-2567.ods",
    ] {
        let db = TempDb::new()?;
        let mut conn = db.open()?;

        let outcome = import_register(&mut conn, file)?;

        assert_eq!(
            member_mismatches(&conn, ALL_FIELDS)?,
            Vec::<String>::new(),
            "members from {file}"
        );
        assert_eq!(outcome.report.imported, 60, "imported from {file}");
    }
    Ok(())
}

#[test]
fn ledger_after_register_keeps_year_end_shares() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_register(&mut conn, "members-boyang-2567.xlsx")?;

    let outcome = import_ledger(&mut conn)?;

    assert_eq!(outcome.report.rows_read, 158);
    assert_eq!(outcome.report.imported, 158);
    assert!(
        outcome.report.errors.is_empty(),
        "errors: {:?}",
        outcome.report.errors
    );
    assert!(
        outcome.details.reconciliation.is_empty(),
        "register and ledger agree on 31 Dec 2567"
    );
    assert_eq!(member_mismatches(&conn, &["shares"])?, Vec::<String>::new());
    Ok(())
}

#[test]
fn either_import_order_gives_same_balances() -> TestResult {
    let register_first = TempDb::new()?;
    let mut conn = register_first.open()?;
    import_register(&mut conn, "members-boyang-2567.xlsx")?;
    import_ledger(&mut conn)?;

    let ledger_first = TempDb::new()?;
    let mut other = ledger_first.open()?;
    member_only(&mut other)?;
    import_ledger(&mut other)?;
    let outcome = import_register(&mut other, "members-boyang-2567.xlsx")?;

    assert_eq!(
        balances(&conn)?,
        balances(&other)?,
        "balances do not depend on the import order"
    );
    let mismatches: Vec<_> = outcome
        .report
        .warnings
        .iter()
        .filter(|w| w.code == "register_balance_mismatch")
        .collect();
    assert!(
        mismatches.is_empty(),
        "the register agrees with the ledger: {mismatches:?}"
    );
    Ok(())
}

/// Imports the register's members without any share figures, by reading
/// the register into a copy that lacks the share column.
fn member_only(conn: &mut rusqlite::Connection) -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("members-only.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["เลขที่สมาชิก", "คำนำหน้า", "ชื่อ", "นามสกุล", "เลขประจำตัวประชาชน"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *header)?;
    }
    let truth = expected()?;
    for (index, member) in truth["members"]
        .as_array()
        .ok_or("members")?
        .iter()
        .enumerate()
    {
        for (column, key) in [
            "member_no",
            "title",
            "first_name",
            "last_name",
            "national_id",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(
                index as u32 + 1,
                column as u16,
                member[key].as_str().unwrap_or(""),
            )?;
        }
    }
    workbook.save(&path)?;
    let options = member_import::Options {
        community: Some("บ่อยาง".into()),
        ..Default::default()
    };
    member_import::import(
        conn,
        &context(),
        &path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;
    Ok(())
}

fn balances(conn: &rusqlite::Connection) -> TestResult<BTreeMap<String, i64>> {
    Ok(members::list(conn)?
        .into_iter()
        .map(|m| (m.details.member_no, m.shares))
        .collect())
}

#[test]
fn dividend_2567_matches_expected_satang() -> TestResult {
    let db = TempDb::new()?;
    let register = fixture("members-boyang-2567.xlsx");
    db.import(&[
        "members",
        register.to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
    ])?;
    db.import(&[
        "share-ledger",
        fixture("share-ledger-2567.xlsx").to_str().ok_or("path")?,
    ])?;

    let run = db.cli_json(&[
        "dividend", "run", "--year", "2567", "--pool", "12345.67", "--json",
    ])?;

    let truth = expected()?;
    let want = truth["dividend"]["by_member_satang"]
        .as_object()
        .ok_or("by_member_satang")?;
    let got: serde_json::Map<String, Value> = run["members"]
        .as_array()
        .ok_or("members")?
        .iter()
        .map(|m| {
            (
                m["member_no"].as_str().unwrap_or("").to_string(),
                m["amount_satang"].clone(),
            )
        })
        .collect();
    assert_eq!(&got, want, "every member's satang");
    assert_eq!(run["year_be"], 2567);
    assert_eq!(run["method"], "share-months");
    assert_eq!(run["pool_satang"], 1_234_567);
    assert_eq!(run["total_satang"], 1_234_567);
    let keys: Vec<&String> = run["members"][0]
        .as_object()
        .ok_or("member")?
        .keys()
        .collect();
    assert_eq!(keys, ["amount_satang", "member_no", "share_months"]);
    Ok(())
}

#[test]
fn members_list_json_has_contract_shape() -> TestResult {
    let db = TempDb::new()?;
    db.import(&[
        "members",
        fixture("members-boyang-2567.xlsx").to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
    ])?;

    let list = db.cli_json(&["members", "list", "--json"])?;

    let first = list[0].as_object().ok_or("member object")?;
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    let mut expected_keys = vec![
        "member_no",
        "title",
        "first_name",
        "last_name",
        "national_id",
        "national_id_valid",
        "phone",
        "joined",
        "community",
        "shares",
    ];
    expected_keys.sort_unstable();
    assert_eq!(keys, expected_keys);
    assert_eq!(list[0]["joined"], "2022-07-06", "joined is an ISO CE date");
    assert_eq!(list[0]["community"], "บ่อยาง");
    Ok(())
}

#[test]
fn reimport_of_same_file_changes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_register(&mut conn, "members-boyang-2567.xlsx")?;
    import_ledger(&mut conn)?;
    let audit_before = count(&conn, "audit_log")?;
    let transactions_before = count(&conn, "share_transactions")?;

    let register_again = import_register(&mut conn, "members-boyang-2567.xlsx")?;
    let ledger_again = import_ledger(&mut conn)?;

    assert!(
        register_again.imported_before.is_some(),
        "says when the register was imported before"
    );
    assert!(
        ledger_again.imported_before.is_some(),
        "says when the ledger was imported before"
    );
    assert_eq!(register_again.report.imported, 0);
    assert_eq!(ledger_again.report.imported, 0);
    assert!(!register_again.report.committed);
    assert_eq!(
        count(&conn, "audit_log")?,
        audit_before,
        "no change was recorded"
    );
    assert_eq!(
        count(&conn, "share_transactions")?,
        transactions_before,
        "no transaction was posted"
    );
    Ok(())
}

fn count(conn: &rusqlite::Connection, table: &str) -> TestResult<i64> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })?,
    )
}

/// Writes a small register with the given rows of (member number, first
/// name, phone, shares).
fn write_register(path: &Path, rows: &[(&str, &str, &str, i64)]) -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "ทะเบียนสมาชิก ณ วันที่ 31 ธันวาคม 2567")?;
    for (column, header) in ["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "โทรศัพท์", "จำนวนหุ้น"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, column as u16, *header)?;
    }
    for (index, (no, first, phone, shares)) in rows.iter().enumerate() {
        let row = index as u32 + 3;
        sheet.write_string(row, 0, *no)?;
        sheet.write_string(row, 1, *first)?;
        sheet.write_string(row, 2, "ทดสอบ")?;
        sheet.write_string(row, 3, *phone)?;
        sheet.write_number(row, 4, *shares as f64)?;
    }
    workbook.save(path)?;
    Ok(())
}

#[test]
fn changed_rows_are_listed_then_accepted() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = db.dir.path().join("register.xlsx");
    write_register(
        &path,
        &[
            ("T001", "สมชาย", "081-111-1111", 5),
            ("T002", "มาลี", "082-222-2222", 3),
        ],
    )?;
    let mut options = member_import::Options {
        community: Some("ทดสอบ".into()),
        ..Default::default()
    };
    member_import::import(
        &mut conn,
        &context(),
        &path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;
    write_register(
        &path,
        &[
            ("T001", "สมชาย", "089-999-9999", 5),
            ("T002", "มาลี", "082-222-2222", 3),
            ("T003", "ยุพิน", "083-333-3333", 2),
        ],
    )?;

    let listed = member_import::import(
        &mut conn,
        &context(),
        &path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;
    options.accept = AcceptChanges::Rows([4].into());
    let accepted = member_import::import(
        &mut conn,
        &context(),
        &path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;

    assert_eq!(listed.report.imported, 1, "the new row T003 is imported");
    assert_eq!(listed.changed.len(), 1, "only T001 changed");
    assert_eq!(listed.changed[0].key, "T001");
    assert_eq!(listed.changed[0].changes[0].field, "phone");
    assert!(
        !listed.changed[0].applied,
        "not accepted on the first import"
    );
    assert!(accepted.changed[0].applied, "accepted by its row number");
    assert_eq!(
        members::get(&conn, "T001")?.details.phone.as_deref(),
        Some("089-999-9999")
    );
    let history = chumchon::audit::history(&conn, "members", "T001")?;
    assert_eq!(
        history.last().map(|e| e.action.as_str()),
        Some("update"),
        "the update is in the audit log"
    );
    Ok(())
}

#[test]
fn sheet_without_member_numbers_gets_them_assigned() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    members::ensure_community(&conn, &context(), "ทดสอบ", Some("TS"))?;
    let path = db.dir.path().join("no-numbers.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["ลำดับ", "ชื่อ-สกุล", "วันที่สมัคร"].iter().enumerate()
    {
        sheet.write_string(0, column as u16, *header)?;
    }
    for (index, name) in ["นายสมชาย ใจดี", "นางมาลี ศรีสุข", "นางสาวยุพิน แก้วมณี"]
        .iter()
        .enumerate()
    {
        sheet.write_number(index as u32 + 1, 0, index as f64 + 1.0)?;
        sheet.write_string(index as u32 + 1, 1, *name)?;
        sheet.write_string(index as u32 + 1, 2, "15 มี.ค. 67")?;
    }
    workbook.save(&path)?;
    let options = member_import::Options {
        community: Some("ทดสอบ".into()),
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

    assert!(
        outcome.report.errors.is_empty(),
        "errors: {:?}",
        outcome.report.errors
    );
    let numbers: Vec<(String, String)> = members::list(&conn)?
        .into_iter()
        .map(|m| (m.details.member_no.clone(), m.full_name()))
        .collect();
    assert_eq!(
        numbers,
        [
            ("TS001".to_string(), "นายสมชาย ใจดี".to_string()),
            ("TS002".to_string(), "นางมาลี ศรีสุข".to_string()),
            ("TS003".to_string(), "นางสาวยุพิน แก้วมณี".to_string()),
        ]
    );
    assert_eq!(
        members::get(&conn, "TS001")?.details.joined,
        Some(date(2024, 3, 15))
    );
    Ok(())
}

#[test]
fn dry_run_writes_nothing() -> TestResult {
    let db = TempDb::new()?;

    let report: Value = serde_json::from_str(&db.import(&[
        "members",
        fixture("members-boyang-2567.xlsx").to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
        "--dry-run",
        "--json",
    ])?)?;

    assert_eq!(
        report["imported"], 60,
        "a dry run reports what would be imported"
    );
    assert_eq!(report["committed"], false);
    assert_eq!(report["errors"][0]["row"], 67);
    assert_eq!(report["errors"][0]["column"], "F");
    assert_eq!(report["errors"][0]["code"], "national_id_taken");
    assert!(!db.path.exists(), "no database file was created");
    Ok(())
}

#[test]
fn import_is_backed_up_first() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;

    let outcome = import_register(&mut conn, "members-boyang-2567.xlsx")?;

    let backup = outcome
        .backup
        .ok_or("a committed import names its backup")?;
    assert!(backup.exists(), "backup file {} exists", backup.display());
    let copy = rusqlite::Connection::open(&backup)?;
    assert_eq!(
        count(&copy, "members")?,
        0,
        "the backup is the database before the import"
    );
    Ok(())
}

/// Writes a register of `rows` members, big enough that its import takes
/// a while.
fn write_big_register(path: &Path, rows: u32) -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "จำนวนหุ้น"].iter().enumerate()
    {
        sheet.write_string(0, column as u16, *header)?;
    }
    for row in 1..=rows {
        sheet.write_string(row, 0, format!("K{row:06}"))?;
        sheet.write_string(row, 1, "สมชาย")?;
        sheet.write_string(row, 2, format!("ทดสอบ{row}"))?;
        sheet.write_number(row, 3, f64::from(row % 50 + 1))?;
    }
    workbook.save(path)?;
    Ok(())
}

#[test]
fn killed_import_leaves_database_unchanged() -> TestResult {
    let db = TempDb::new()?;
    let rows = 30_000;
    let path = db.dir.path().join("big.xlsx");
    write_big_register(&path, rows)?;
    drop(db.open()?);
    let backups = db.dir.path().join("backups");

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(["import", "members"])
        .arg(&path)
        .args(["--community", "ทดสอบ"])
        .stdout(std::process::Stdio::null())
        .spawn()?;
    // The backup is written just before the transaction begins; kill the
    // process once it exists, while rows are being written.
    let started = Instant::now();
    while !backups.exists() && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(300));
    let finished_first = child.try_wait()?.is_some();
    child.kill()?;
    child.wait()?;

    let conn = db.open()?;
    let members = count(&conn, "members")?;
    assert!(backups.exists(), "the import reached its commit stage");
    assert!(
        !finished_first,
        "the import finished before it could be killed; use a bigger file"
    );
    assert_eq!(members, 0, "a killed import leaves no member behind");
    assert_eq!(count(&conn, "share_transactions")?, 0);
    Ok(())
}

#[test]
fn slips_pdf_holds_names_and_amounts() -> TestResult {
    let db = TempDb::new()?;
    db.import(&[
        "members",
        fixture("members-boyang-2567.xlsx").to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
    ])?;
    db.import(&[
        "share-ledger",
        fixture("share-ledger-2567.xlsx").to_str().ok_or("path")?,
    ])?;
    db.cli(&["dividend", "run", "--year", "2567", "--pool", "12345.67"])?;
    db.cli(&["dividend", "approve", "--year", "2567"])?;
    let out = db.dir.path().join("slips.pdf");

    db.cli(&[
        "slips",
        "--year",
        "2567",
        "--out",
        out.to_str().ok_or("path")?,
    ])?;

    let text = pdf_text(&out)?;
    let conn = db.open()?;
    let run = chumchon::dividends::get(&conn, 2567)?.ok_or("run")?;
    assert_eq!(run.lines.len(), 56);
    for line in &run.lines {
        let member = members::get(&conn, &line.member_no)?;
        assert!(
            text.contains(&line.member_no),
            "member number {} in the PDF",
            line.member_no
        );
        assert!(
            text.contains(&member.details.first_name),
            "name {} in the PDF",
            member.details.first_name
        );
        assert!(
            text.contains(&line.amount.to_string()),
            "amount {} of {} in the PDF",
            line.amount,
            line.member_no
        );
    }
    assert!(text.contains("2567"), "the BE year is printed");
    Ok(())
}

#[test]
fn statement_pdf_lists_share_history() -> TestResult {
    let db = TempDb::new()?;
    db.import(&[
        "members",
        fixture("members-boyang-2567.xlsx").to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
    ])?;
    db.import(&[
        "share-ledger",
        fixture("share-ledger-2567.xlsx").to_str().ok_or("path")?,
    ])?;
    let out = db.dir.path().join("statement.pdf");

    db.cli(&[
        "statement",
        "--member",
        "BY001",
        "--out",
        out.to_str().ok_or("path")?,
    ])?;

    let text = pdf_text(&out)?;
    assert!(text.contains("BY001"), "member number");
    assert!(text.contains("ณรงค์"), "member name");
    assert!(text.contains("ยกมา"), "opening balance line");
    assert!(text.contains("ถอนหุ้น"), "withdrawal line");
    assert!(text.contains("รับโอนจาก BY008"), "transfer in from BY008");
    assert!(
        text.contains("133/25 โซน 2 ต.บ่อยาง"),
        "the address keeps the sheet's zone: {text}"
    );
    Ok(())
}

#[test]
fn dividend_paid_as_reinvested_shares() -> TestResult {
    let db = TempDb::new()?;
    db.import(&[
        "members",
        fixture("members-boyang-2567.xlsx").to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
    ])?;
    db.import(&[
        "share-ledger",
        fixture("share-ledger-2567.xlsx").to_str().ok_or("path")?,
    ])?;
    db.cli(&["dividend", "run", "--year", "2567", "--pool", "12345.67"])?;
    db.cli(&["dividend", "approve", "--year", "2567"])?;

    db.cli(&[
        "dividend",
        "pay",
        "--year",
        "2567",
        "--member",
        "BY005",
        "--method",
        "reinvest",
        "--date",
        "15/01/2568",
    ])?;
    db.cli(&[
        "dividend", "pay", "--year", "2567", "--all", "--method", "cash",
    ])?;
    let twice = db.cli(&[
        "dividend", "pay", "--year", "2567", "--member", "BY005", "--method", "cash",
    ]);

    let conn = db.open()?;
    // BY005's 667.57 baht buy 6 shares at 100 baht; the 67.57 left is cash.
    assert_eq!(members::get(&conn, "BY005")?.shares, 61);
    assert_eq!(
        members::get(&conn, "BY008")?.shares,
        60,
        "paid in cash, shares unchanged"
    );
    assert!(twice.is_err(), "a dividend is paid once");
    let payments: i64 = conn.query_row("SELECT count(*) FROM dividend_payments", [], |row| {
        row.get(0)
    })?;
    assert_eq!(payments, 56, "every member of the run paid once");
    Ok(())
}

#[test]
fn register_date_can_be_given() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let options = member_import::Options {
        community: Some("บ่อยาง".into()),
        as_of: Some(date(2024, 12, 31)),
        ..Default::default()
    };

    let outcome = member_import::import(
        &mut conn,
        &context(),
        &fixture("members-boyang-2567-tis620.csv"),
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;
    import_ledger(&mut conn)?;

    assert_eq!(outcome.details.as_of, date(2024, 12, 31));
    assert_eq!(
        outcome.details.as_of_source,
        member_import::AsOfSource::Given
    );
    assert_eq!(
        member_mismatches(&conn, &["shares"])?,
        Vec::<String>::new(),
        "the ledger covers the given date"
    );
    Ok(())
}

#[test]
fn history_marks_superseded_register_lines() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_register(&mut conn, "members-boyang-2567.xlsx")?;
    import_ledger(&mut conn)?;
    let by008 = members::get(&conn, "BY008")?;

    let lines = chumchon::shares::history(&conn, by008.id)?;

    let superseded: Vec<i64> = lines
        .iter()
        .filter(|l| l.superseded_register)
        .map(|l| l.delta)
        .collect();
    assert_eq!(
        superseded,
        [60, -60],
        "the register's opening and its reversal"
    );
    assert!(
        lines.iter().any(|l| l.reversed && l.superseded_register),
        "the opening is marked reversed"
    );
    let kept_balance = lines
        .iter()
        .filter(|l| !l.superseded_register)
        .map(|l| l.delta)
        .sum::<i64>();
    assert_eq!(kept_balance, 60, "the ledger alone gives the balance");
    Ok(())
}
