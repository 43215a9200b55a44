//! Bad and odd files through the `chumchon` command-line program, the way
//! an office user or a volunteer's script meets them: empty, corrupt and
//! password-protected workbooks, odd cells, broken CSV, inconsistent share
//! ledgers, and `--db` paths that are not a database. Every file is built
//! here. A test marked `#[ignore = "bug: ..."]` shows a known defect: it
//! fails now and states the behaviour expected once the defect is fixed.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chumchon::Satang;
use common::{TempDb, TestResult};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::Value;

/// Header of the member registers built here.
const REGISTER_HEADER: [&str; 7] = [
    "เลขที่สมาชิก",
    "คำนำหน้า",
    "ชื่อ",
    "นามสกุล",
    "เลขประจำตัวประชาชน",
    "วันที่สมัคร",
    "จำนวนหุ้น",
];

/// Title of the registers built here. Its date is the date of their share figures.
const REGISTER_TITLE: &str = "ทะเบียนสมาชิก ข้อมูล ณ วันที่ 31 ธันวาคม 2567";

/// Header of the share ledgers built here.
const LEDGER_HEADER: [&str; 6] = [
    "วันที่",
    "เลขที่สมาชิก",
    "รายการ",
    "จำนวนหุ้น",
    "จำนวนเงิน",
    "เลขที่ใบเสร็จ",
];

/// One cell of a sheet built by a test.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
    /// A date cell (year, month, day) with a dd/mm/yyyy format.
    Date(u16, u8, u8),
    /// A formula with the error value Excel saved as its result.
    Error(&'static str, &'static str),
    Blank,
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

/// Returns a valid national ID made from `seed`, so that each member gets its own.
fn national_id(seed: &str) -> String {
    let hash = seed.bytes().fold(1_469_598_103_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(1_099_511_628_211)
    });
    let first_twelve = format!("1{:011}", hash % 100_000_000_000);
    let check = chumchon::thai::national_id::check_digit(&first_twelve).expect("12 digits");
    format!("{first_twelve}{check}")
}

/// Builds a register row: member number, นาย, first name, ใจดี, an ID,
/// joined 01/01/2567, and `shares`.
fn member(no: &str, first_name: &str, shares: Cell) -> Vec<Cell> {
    member_joined(no, first_name, text("01/01/2567"), shares)
}

fn member_joined(no: &str, first_name: &str, joined: Cell, shares: Cell) -> Vec<Cell> {
    vec![
        text(no),
        text("นาย"),
        text(first_name),
        text("ใจดี"),
        Cell::Text(national_id(no)),
        joined,
        shares,
    ]
}

/// Builds a ledger row. An empty receipt number leaves the cell blank.
fn entry(date: &str, no: &str, kind: &str, shares: i64, amount: &str, receipt: &str) -> Vec<Cell> {
    let receipt = if receipt.is_empty() {
        Cell::Blank
    } else {
        text(receipt)
    };
    vec![
        text(date),
        text(no),
        text(kind),
        Cell::Number(shares as f64),
        text(amount),
        receipt,
    ]
}

/// Writes a title line (when given), a header and rows from the top of
/// `sheet`. Returns the 0-based row of the first data row.
fn fill_sheet(
    sheet: &mut Worksheet,
    title: Option<&str>,
    header: &[&str],
    rows: &[Vec<Cell>],
) -> TestResult<u32> {
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let mut row = 0;
    if let Some(title) = title {
        sheet.write_string(row, 0, title)?;
        row += 1;
    }
    for (col, name) in header.iter().enumerate() {
        sheet.write_string(row, col as u16, *name)?;
    }
    row += 1;
    let first_data_row = row;
    for cells in rows {
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(value) => {
                    sheet.write_string(row, col, value)?;
                }
                Cell::Number(value) => {
                    sheet.write_number(row, col, *value)?;
                }
                Cell::Date(year, month, day) => {
                    let date = ExcelDateTime::from_ymd(*year, *month, *day)?;
                    sheet.write_datetime_with_format(row, col, &date, &date_format)?;
                }
                Cell::Error(formula, result) => {
                    sheet.write_formula(row, col, Formula::new(*formula).set_result(*result))?;
                }
                Cell::Blank => {}
            }
        }
        row += 1;
    }
    Ok(first_data_row)
}

fn write_register(path: &Path, rows: &[Vec<Cell>]) -> TestResult {
    write_register_titled(path, Some(REGISTER_TITLE), rows)
}

fn write_register_titled(path: &Path, title: Option<&str>, rows: &[Vec<Cell>]) -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("ทะเบียน")?;
    fill_sheet(sheet, title, &REGISTER_HEADER, rows)?;
    workbook.save(path)?;
    Ok(())
}

fn write_ledger(path: &Path, rows: &[Vec<Cell>]) -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("หุ้น")?;
    fill_sheet(sheet, Some("สมุดรายการหุ้น ปี 2567"), &LEDGER_HEADER, rows)?;
    workbook.save(path)?;
    Ok(())
}

/// What one run of the program did.
#[derive(Debug)]
struct Run {
    /// Exit code; `None` when a signal ended the process.
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A temporary folder with a database and the files a test writes.
struct Desk {
    db: TempDb,
}

impl Desk {
    fn new() -> TestResult<Desk> {
        Ok(Desk { db: TempDb::new()? })
    }

    /// Path of a file in the folder.
    fn file(&self, name: &str) -> PathBuf {
        self.db.dir.path().join(name)
    }

    /// Runs the program on this database and returns whatever happened.
    fn run(&self, args: &[&str]) -> TestResult<Run> {
        run_on(&self.db.path, args)
    }

    /// Runs the program and returns stdout, failing on a non-zero exit.
    fn ok(&self, args: &[&str]) -> TestResult<String> {
        self.db.cli(args)
    }

    /// Imports a member register into community X and returns the JSON
    /// report.
    fn import_members(&self, file: &Path, extra: &[&str]) -> TestResult<Value> {
        let mut args = vec![
            "import",
            "members",
            path_str(file)?,
            "--community",
            "X",
            "--json",
        ];
        args.extend_from_slice(extra);
        self.report(&args)
    }

    /// Imports a share ledger and returns the JSON report.
    fn import_ledger(&self, file: &Path, extra: &[&str]) -> TestResult<Value> {
        let mut args = vec!["import", "share-ledger", path_str(file)?, "--json"];
        args.extend_from_slice(extra);
        self.report(&args)
    }

    /// Runs an import and returns its JSON report. Exit codes 3 (some rows
    /// refused) and 4 (nothing imported) still print a report.
    fn report(&self, args: &[&str]) -> TestResult<Value> {
        let run = self.run(args)?;
        if !matches!(run.code, Some(0 | 3 | 4)) {
            return Err(format!("chumchon {args:?} failed: {run:?}").into());
        }
        Ok(serde_json::from_str(&run.stdout)?)
    }

    /// Lists every member as `members list --json` prints it.
    fn members(&self) -> TestResult<Vec<Value>> {
        let list = self.db.cli_json(&["members", "list", "--json"])?;
        Ok(list.as_array().cloned().unwrap_or_default())
    }

    /// Returns the share balance by member number.
    fn shares(&self) -> TestResult<BTreeMap<String, i64>> {
        let mut balances = BTreeMap::new();
        for member in self.members()? {
            let no = member["member_no"].as_str().ok_or("member_no")?.to_string();
            balances.insert(no, member["shares"].as_i64().ok_or("shares")?);
        }
        Ok(balances)
    }

    /// Finds the member with number `no`, if stored.
    fn member(&self, no: &str) -> TestResult<Option<Value>> {
        Ok(self.members()?.into_iter().find(|m| m["member_no"] == no))
    }

    /// Imports a register T001..T003 with 0 shares each, ready for a ledger.
    fn with_three_members(&self) -> TestResult {
        let path = self.file("register.xlsx");
        let rows: Vec<Vec<Cell>> = ["T001", "T002", "T003"]
            .iter()
            .map(|no| member(no, &format!("ทดสอบ{no}"), Cell::Number(0.0)))
            .collect();
        write_register(&path, &rows)?;
        self.import_members(&path, &[])?;
        Ok(())
    }
}

/// Imports a register of `rows` into a new database; returns it and the
/// import report.
fn import_register(rows: &[Vec<Cell>]) -> TestResult<(Desk, Value)> {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(&path, rows)?;
    let report = desk.import_members(&path, &[])?;
    Ok((desk, report))
}

/// Imports T001..T003 and then a ledger of `rows` into a new database;
/// returns it and the ledger's import report.
fn import_after_register(rows: &[Vec<Cell>]) -> TestResult<(Desk, Value)> {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let ledger = desk.file("ledger.xlsx");
    write_ledger(&ledger, rows)?;
    let report = desk.import_ledger(&ledger, &[])?;
    Ok((desk, report))
}

/// Writes `bytes` to file `name` in a new folder and imports it as a
/// member register.
fn import_bytes(name: &str, bytes: impl AsRef<[u8]>) -> TestResult<Run> {
    let desk = Desk::new()?;
    let path = desk.file(name);
    std::fs::write(&path, bytes)?;
    desk.run(&["import", "members", path_str(&path)?, "--community", "X"])
}

fn run_on(db: &Path, args: &[&str]) -> TestResult<Run> {
    let output = Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(db)
        .args(["--operator", "test"])
        .args(args)
        .output()?;
    Ok(Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

fn path_str(path: &Path) -> TestResult<&str> {
    Ok(path.to_str().ok_or("path is not UTF-8")?)
}

/// Returns the (row, code) pairs of the report's errors.
fn error_codes(report: &Value) -> Vec<(u64, String)> {
    problems(report, "errors")
}

fn warning_codes(report: &Value) -> Vec<(u64, String)> {
    problems(report, "warnings")
}

fn problems(report: &Value, list: &str) -> Vec<(u64, String)> {
    let items = report[list].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap_or(0),
                p["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Checks whether any error or warning of the report is on sheet row `row`.
fn flags_row(report: &Value, row: u64) -> bool {
    let all = error_codes(report).into_iter().chain(warning_codes(report));
    all.into_iter().any(|(r, _)| r == row)
}

// Files that are not spreadsheets.

#[test]
fn zero_byte_xlsx_is_rejected() -> TestResult {
    let run = import_bytes("register.xlsx", b"")?;

    assert_eq!(
        run.code,
        Some(1),
        "an empty .xlsx is an error, not a panic: {run:?}"
    );
    assert!(
        run.stderr.contains("not a workbook"),
        "stderr: {}",
        run.stderr
    );
    Ok(())
}

#[test]
fn text_named_xlsx_is_rejected() -> TestResult {
    let run = import_bytes("register.xlsx", "เลขที่สมาชิก,ชื่อ\nT001,สมชาย\n")?;

    assert_eq!(run.code, Some(1), "text named .xlsx is rejected: {run:?}");
    assert!(
        run.stderr.contains("damaged or is not an Excel workbook"),
        "stderr: {}",
        run.stderr
    );
    Ok(())
}

#[test]
fn corrupt_zip_is_rejected() -> TestResult {
    let run = import_bytes("register.xlsx", b"PK\x03\x04 this zip ends here")?;

    assert_eq!(
        run.code,
        Some(1),
        "a corrupt zip is an error, not a panic: {run:?}"
    );
    assert!(
        run.stdout.is_empty(),
        "no report for an unreadable file: {}",
        run.stdout
    );
    assert!(
        run.stderr
            .lines()
            .any(|line| line.starts_with("error: cannot read")),
        "stderr: {}",
        run.stderr
    );
    Ok(())
}

#[test]
fn cli_messages_are_in_thai_too() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let shared_id = Cell::Text(national_id("T001"));
    let mut first = member("T001", "สมชาย", Cell::Number(1.0));
    let mut second = member("T002", "สมหญิง", Cell::Number(1.0));
    first[4] = shared_id.clone();
    second[4] = shared_id;
    write_register(&path, &[first, second])?;
    let import = ["import", "members", path_str(&path)?, "--community", "X"];

    let report = desk.run(&import)?;
    let again = desk.run(&import)?;
    let missing = desk.run(&["import", "members", "/no/such/register.xlsx"])?;

    assert!(
        report.stdout.contains("[national_id_taken]"),
        "{}",
        report.stdout
    );
    assert!(
        report.stdout.contains("เลขประจำตัวประชาชนนี้เป็นของ T001 แล้ว"),
        "the problem in Thai under the English line: {}",
        report.stdout
    );
    let shown = again
        .stdout
        .split(" was already imported on ")
        .nth(1)
        .and_then(|rest| rest.get(..10))
        .unwrap_or_default();
    let year: u32 = shown.get(6..).unwrap_or_default().parse().unwrap_or(0);
    assert!(
        shown.get(2..3) == Some("/") && year > 2500,
        "the earlier import's date in the Buddhist era: {}",
        again.stdout
    );
    assert!(
        missing
            .stderr
            .contains("ข้อผิดพลาด: เปิดหรือบันทึกแฟ้ม /no/such/register.xlsx ไม่ได้"),
        "the error in Thai: {}",
        missing.stderr
    );
    assert!(
        missing
            .stderr
            .contains("error: cannot access /no/such/register.xlsx"),
        "and in English: {}",
        missing.stderr
    );
    Ok(())
}

#[test]
fn missing_column_is_named_in_thai() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("deposits.csv");
    std::fs::write(
        &path,
        "วันที่,เลขที่สมาชิก,ประเภทขยะ,น้ำหนัก (กก.),ราคา/กก.\n05/01/2567,BY035,กระดาษลัง,4,2.5\n",
    )?;

    let run = desk.run(&["import", "deposits", path_str(&path)?])?;

    assert!(
        run.stdout.contains("[missing_column]"),
        "the problem is listed: {}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ไม่พบคอลัมน์ “จุดรับขยะ”"),
        "the Thai line names the column: {}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("“–”"),
        "no unfilled name: {}",
        run.stdout
    );
    Ok(())
}

#[test]
fn deposit_problems_read_true_in_thai() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let path = desk.file("deposits.csv");
    std::fs::write(
        &path,
        "วันที่,เลขที่สมาชิก,ประเภทขยะ,น้ำหนัก (กก.),ราคา/กก.,เป็นเงิน,จุดรับ,รับเป็น\n\
         05/01/2567,T001,กระดาษลัง,4,2.5,99.00,ตลาดเช้า,เครดิต\n\
         05/01/2567,T002,กระดาษลัง,4,2.5,10.00,ตลาดเช้า,โอนเข้าบัญชี\n",
    )?;

    let run = desk.run(&["import", "deposits", path_str(&path)?])?;

    assert!(
        run.stdout.contains("ไม่รู้จักวิธีรับเงินนี้"),
        "the unknown payment in Thai: {}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[value_mismatch] the value 99.00"),
        "the mismatch is listed: {}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ได้นำเข้าตามจำนวนเงินที่เขียนไว้"),
        "the Thai line says the written amount was kept, as the English does: {}",
        run.stdout
    );
    Ok(())
}

#[test]
fn rejected_correction_is_not_called_skipped() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let header = "วันที่,เลขที่สมาชิก,ประเภทขยะ,น้ำหนัก (กก.),ราคา/กก.,จุดรับ,รับเป็น\n";
    let first = desk.file("deposits.csv");
    std::fs::write(
        &first,
        format!("{header}05/01/2567,T001,กระดาษลัง,40,2.5,ตลาดเช้า,เครดิต\n"),
    )?;
    let corrected = desk.file("deposits-corrected.csv");
    std::fs::write(
        &corrected,
        format!("{header}05/01/2567,T001,กระดาษลัง,30,2.5,ตลาดเช้า,เครดิต\n"),
    )?;
    desk.ok(&["import", "deposits", path_str(&first)?])?;
    desk.ok(&[
        "credit",
        "convert",
        "--member",
        "T001",
        "--date",
        "10/01/2567",
    ])?;

    let run = desk.run(&[
        "import",
        "deposits",
        path_str(&corrected)?,
        "--accept-changes",
    ])?;

    assert!(
        run.stdout.contains("[credit_used]"),
        "the credit bought a share: {}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("changed, not updated (see the error above)"),
        "the row is named as rejected: {}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("use --accept-changes"),
        "no advice to pass the option already given: {}",
        run.stdout
    );
    Ok(())
}

#[test]
fn cli_option_errors_name_the_value() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let pay = |date: &str| {
        desk.run(&[
            "dividend", "pay", "--year", "2567", "--method", "cash", "--member", "T001", "--date",
            date,
        ])
    };

    let no_such_day = pay("31/02/2567")?;
    let unreadable = pay("3x/02/2567")?;
    let no_member = desk.run(&["credit", "balance", "--member", " "])?;

    assert!(
        no_such_day
            .stderr
            .contains("ข้อผิดพลาด: วันที่ 31/02/2567 ไม่มีอยู่จริงในปฏิทิน"),
        "a day that does not exist, in Thai: {}",
        no_such_day.stderr
    );
    assert!(
        unreadable.stderr.contains("ข้อผิดพลาด: อ่านวันที่ไม่ได้"),
        "an unreadable date, in Thai: {}",
        unreadable.stderr
    );
    assert!(
        no_member
            .stderr
            .contains("error: the member number is missing"),
        "an empty member number is named as missing: {}",
        no_member.stderr
    );
    Ok(())
}

#[test]
fn password_protected_xlsx_is_named() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    // Excel saves a password-protected workbook as an OLE compound file
    // holding these two streams instead of a zip.
    let mut file = cfb::create(&path)?;
    std::io::Write::write_all(&mut file.create_stream("/EncryptionInfo")?, &[4, 0, 4, 0])?;
    std::io::Write::write_all(&mut file.create_stream("/EncryptedPackage")?, &[0; 4096])?;
    file.flush()?;
    drop(file);

    let run = desk.run(&["import", "members", path_str(&path)?, "--community", "X"])?;

    assert_eq!(
        run.code,
        Some(1),
        "a protected file cannot be read: {run:?}"
    );
    assert!(
        run.stderr.contains("password"),
        "the message should say why: {}",
        run.stderr
    );
    Ok(())
}

// Sheets without records.

#[test]
fn header_only_sheet_imports_nothing() -> TestResult {
    let (desk, report) = import_register(&[])?;

    assert_eq!(report["imported"], 0, "no rows, no members: {report}");
    assert_eq!(report["committed"], false, "nothing to commit: {report}");
    assert_eq!(
        report["warnings"][0]["code"], "no_rows",
        "the user is told the sheet is empty: {report}"
    );
    assert!(desk.members()?.is_empty(), "no member stored");
    Ok(())
}

#[test]
fn sheet_without_header_is_rejected() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    fill_sheet(
        sheet,
        None,
        &["a", "b", "c"],
        &[vec![text("1"), text("2"), text("3")]],
    )?;
    workbook.save(&path)?;

    let run = desk.run(&["import", "members", path_str(&path)?, "--community", "X"])?;

    assert_eq!(run.code, Some(1), "no header, no import: {run:?}");
    assert!(
        run.stderr.contains("no header row found"),
        "stderr: {}",
        run.stderr
    );
    Ok(())
}

// Members that clash.

#[test]
fn repeated_national_id_row_is_rejected() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let mut rows = vec![
        member("T001", "หนึ่ง", Cell::Number(1.0)),
        member("T002", "สอง", Cell::Number(1.0)),
        member("T003", "สาม", Cell::Number(1.0)),
    ];
    rows[2][4] = rows[0][4].clone();
    write_register(&path, &rows)?;

    let report = desk.import_members(&path, &[])?;

    assert_eq!(
        error_codes(&report),
        [(5, "national_id_taken".to_string())],
        "{report}"
    );
    assert!(
        desk.member("T003")?.is_none(),
        "the row with T001's ID is kept out"
    );
    assert_eq!(
        desk.members()?.len(),
        2,
        "the other two members are imported"
    );
    Ok(())
}

#[test]
fn repeated_member_no_in_sheet_is_an_error() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let mut rows = vec![
        member("T001", "หนึ่ง", Cell::Number(1.0)),
        member("T002", "สอง", Cell::Number(1.0)),
        member("T003", "สาม", Cell::Number(1.0)),
    ];
    rows[2][0] = text("T001");
    write_register(&path, &rows)?;

    let report = desk.import_members(&path, &["--accept-changes"])?;

    let first = desk.member("T001")?.ok_or("T001 stored")?;
    assert!(
        flags_row(&report, 5),
        "row 5 repeats T001 and should be reported: {report}"
    );
    assert_eq!(
        first["first_name"], "หนึ่ง",
        "the first T001 must not be overwritten"
    );
    Ok(())
}

#[test]
fn spaces_around_member_no_are_trimmed() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(&path, &[member(" T001 ", "หนึ่ง", Cell::Number(0.0))])?;
    desk.import_members(&path, &[])?;
    let ledger = desk.file("ledger.xlsx");
    write_ledger(
        &ledger,
        &[entry("01/01/2567", "T001\u{a0}", "ยกมา", 4, "400", "")],
    )?;

    let report = desk.import_ledger(&ledger, &[])?;

    assert!(
        desk.member("T001")?.is_some(),
        "the number is stored trimmed"
    );
    assert_eq!(
        report["imported"], 1,
        "the ledger row finds the member: {report}"
    );
    assert_eq!(desk.shares()?["T001"], 4, "the opening balance is posted");
    Ok(())
}

#[test]
fn fullwidth_member_no_is_normalised() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(&path, &[member("Ｔ００１", "หนึ่ง", Cell::Number(1.0))])?;

    desk.import_members(&path, &[])?;

    assert!(
        desk.member("T001")?.is_some(),
        "Ｔ００１ should be stored as T001"
    );
    Ok(())
}

// Dates.

#[test]
fn impossible_dates_are_cell_errors() -> TestResult {
    let rows = vec![
        member_joined("D001", "หนึ่ง", text("31/02/2567"), Cell::Number(1.0)),
        member_joined("D002", "สอง", text("00/00/0000"), Cell::Number(1.0)),
        member_joined("D003", "สาม", text("2567-13-01"), Cell::Number(1.0)),
        member_joined("D004", "สี่", text("29/02/2567"), Cell::Number(1.0)),
    ];

    let (desk, report) = import_register(&rows)?;

    let nonexistent = "nonexistent_date".to_string();
    let expected = [
        (3, nonexistent.clone()),
        (4, nonexistent.clone()),
        (5, nonexistent),
    ];
    assert_eq!(error_codes(&report), expected, "{report}");
    let leap_day = desk.member("D004")?.ok_or("D004 stored")?;
    assert_eq!(
        leap_day["joined"], "2024-02-29",
        "2567 (2024) is a leap year"
    );
    Ok(())
}

#[test]
fn join_dates_before_1950_are_warned() -> TestResult {
    let rows = vec![
        member_joined("E001", "หนึ่ง", Cell::Date(1900, 1, 1), Cell::Number(1.0)),
        member_joined("E002", "สอง", text("01/01/2443"), Cell::Number(1.0)),
        member_joined("E003", "สาม", text("01/01/2493"), Cell::Number(1.0)),
    ];

    let (desk, report) = import_register(&rows)?;

    let long_ago = "joined_long_ago".to_string();
    assert_eq!(
        warning_codes(&report),
        [(3, long_ago.clone()), (4, long_ago)],
        "1900 and 2443 are warned about, 2493 is not: {report}"
    );
    assert!(desk.member("E001")?.is_some(), "the member is imported");
    Ok(())
}

#[test]
fn joining_after_register_date_is_warned() -> TestResult {
    // The register states its balances on 31/12/2567.
    let rows = vec![
        member_joined("G001", "หนึ่ง", text("05/01/2568"), Cell::Number(3.0)),
        member_joined("G002", "สอง", text("05/01/2568"), Cell::Number(0.0)),
    ];

    let (_, report) = import_register(&rows)?;

    assert_eq!(
        warning_codes(&report),
        [(3, "joined_after_as_of".to_string())],
        "only the member with shares is warned about: {report}"
    );
    Ok(())
}

#[test]
fn register_dated_in_future_is_rejected() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let rows = [member("F001", "หนึ่ง", Cell::Number(5.0))];
    write_register_titled(&path, Some("ข้อมูล ณ วันที่ 31 ธันวาคม 2580"), &rows)?;

    let report = desk.import_members(&path, &[])?;
    let given_future = desk.import_members(&path, &["--as-of", "31/12/2580"])?;
    let long_ago = desk.import_members(&path, &["--as-of", "01/01/0001"])?;
    let stated = desk.import_members(&path, &["--as-of", "31/12/2567"])?;

    assert_eq!(
        error_codes(&report),
        [(0, "as_of_in_future".to_string())],
        "{report}"
    );
    assert_eq!(report["imported"], 0, "nothing imported: {report}");
    let given_message = given_future["errors"][0]["message"].as_str().unwrap_or("");
    assert!(
        given_message.contains("still to come") && !given_message.contains("title"),
        "a date given with --as-of is not blamed on the title: {given_message}"
    );
    assert_eq!(
        error_codes(&long_ago),
        [(0, "as_of_long_ago".to_string())],
        "a date before 1950 is refused too: {long_ago}"
    );
    let long_ago_message = long_ago["errors"][0]["message"].as_str().unwrap_or("");
    assert!(
        long_ago_message.contains("mistyped year") && !long_ago_message.contains("title"),
        "a date before 1950 given with --as-of is not blamed on the title: {long_ago_message}"
    );
    assert_eq!(stated["imported"], 1, "a stated date imports: {stated}");
    Ok(())
}

#[test]
fn be_and_ce_years_read_alike() -> TestResult {
    let rows = vec![
        member_joined("Y001", "หนึ่ง", Cell::Date(2567, 1, 15), Cell::Number(1.0)),
        member_joined("Y002", "สอง", Cell::Date(2024, 1, 15), Cell::Number(1.0)),
        member_joined("Y003", "สาม", text("15/01/67"), Cell::Number(1.0)),
        member_joined("Y004", "สี่", text("15/01/2024"), Cell::Number(1.0)),
        member_joined("Y005", "ห้า", text("๑๕/๐๑/๒๕๖๗"), Cell::Number(1.0)),
    ];

    let (desk, report) = import_register(&rows)?;

    assert_eq!(error_codes(&report), [], "every form is a date: {report}");
    for no in ["Y001", "Y002", "Y003", "Y004", "Y005"] {
        let stored = desk.member(no)?.ok_or("member stored")?;
        assert_eq!(
            stored["joined"], "2024-01-15",
            "{no} joined on 15 January 2567"
        );
    }
    Ok(())
}

#[test]
fn unreadable_join_date_keeps_member() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(
        &path,
        &[member_joined(
            "D001",
            "หนึ่ง",
            text("ไม่ทราบ"),
            Cell::Number(3.0),
        )],
    )?;

    let report = desk.import_members(&path, &[])?;

    let stored = desk.member("D001")?;
    assert!(
        stored.is_some(),
        "the member should be imported without a date: {report}"
    );
    assert!(
        flags_row(&report, 3),
        "the unknown date is still reported: {report}"
    );
    Ok(())
}

// Share counts.

#[test]
fn thai_digits_and_commas_read_as_shares() -> TestResult {
    let rows = vec![
        member("S001", "หนึ่ง", text("๑๐")),
        member("S002", "สอง", text("-")),
        member("S003", "สาม", text("1,000")),
        member("S004", "สี่", text(" 7 ")),
    ];

    let (desk, report) = import_register(&rows)?;

    assert_eq!(error_codes(&report), [], "{report}");
    let shares = desk.shares()?;
    assert_eq!(shares["S001"], 10, "Thai digits ๑๐");
    assert_eq!(shares["S002"], 0, "a dash is zero");
    assert_eq!(shares["S003"], 1000, "a thousands comma");
    assert_eq!(shares["S004"], 7, "spaces around the number");
    Ok(())
}

#[test]
fn fractional_shares_are_rejected() -> TestResult {
    let rows = vec![
        member("S001", "หนึ่ง", text("2.5")),
        member("S002", "สอง", Cell::Number(2.5)),
    ];

    let (_, report) = import_register(&rows)?;

    let invalid = "invalid_number".to_string();
    assert_eq!(
        error_codes(&report),
        [(3, invalid.clone()), (4, invalid)],
        "{report}"
    );
    Ok(())
}

#[test]
fn misgrouped_comma_is_not_thousands() -> TestResult {
    let (_, report) = import_register(&[member("S001", "หนึ่ง", text("2,5"))])?;

    assert_eq!(
        error_codes(&report),
        [(3, "invalid_number".to_string())],
        "{report}"
    );
    Ok(())
}

#[test]
fn negative_shares_are_not_recorded() -> TestResult {
    let (desk, report) = import_register(&[member("S001", "หนึ่ง", Cell::Number(-3.0))])?;

    assert_eq!(
        warning_codes(&report),
        [(3, "negative_shares".to_string())],
        "{report}"
    );
    assert_eq!(
        desk.shares()?["S001"],
        0,
        "the member is imported without a balance"
    );
    Ok(())
}

#[test]
fn huge_share_count_does_not_panic() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(&path, &[member("H001", "ใหญ่", Cell::Number(1e15))])?;

    let run = desk.run(&["import", "members", path_str(&path)?, "--community", "X"])?;

    assert!(!run.stderr.contains("panicked"), "stderr: {}", run.stderr);
    assert!(
        matches!(run.code, Some(0 | 1 | 3 | 4)),
        "a report or an error: {run:?}"
    );
    Ok(())
}

#[test]
fn cell_error_values_are_reported() -> TestResult {
    let rows = vec![
        member("E001", "หนึ่ง", Cell::Error("=1/0", "#DIV/0!")),
        member("E002", "สอง", Cell::Error("=#REF!+1", "#REF!")),
        member("E003", "สาม", Cell::Number(4.0)),
    ];

    let (desk, report) = import_register(&rows)?;

    let cell_error = "cell_error".to_string();
    assert_eq!(
        error_codes(&report),
        [(3, cell_error.clone()), (4, cell_error)],
        "{report}"
    );
    assert_eq!(desk.shares()?["E003"], 4, "the good row is imported");
    Ok(())
}

// Layout tricks: hidden sheets, merged cells.

#[test]
fn hidden_sheet_is_not_preferred() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let mut workbook = Workbook::new();
    let current = workbook.add_worksheet().set_name("ทะเบียน")?;
    let rows: Vec<Vec<Cell>> = (1..=3)
        .map(|i| member(&format!("T{i:03}"), "ปัจจุบัน", Cell::Number(1.0)))
        .collect();
    fill_sheet(current, Some(REGISTER_TITLE), &REGISTER_HEADER, &rows)?;
    let old = workbook.add_worksheet().set_name("เก่า")?;
    let rows: Vec<Vec<Cell>> = (1..=10)
        .map(|i| member(&format!("OLD{i:03}"), "เก่า", Cell::Number(1.0)))
        .collect();
    fill_sheet(old, Some(REGISTER_TITLE), &REGISTER_HEADER, &rows)?;
    old.set_hidden(true);
    workbook.save(&path)?;

    let report = desk.import_members(&path, &[])?;

    assert_eq!(
        report["sheet"], "ทะเบียน",
        "the visible register is read: {report}"
    );
    Ok(())
}

#[test]
fn merged_cells_are_not_silently_emptied() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("ทะเบียน")?;
    let rows: Vec<Vec<Cell>> = (1..=4)
        .map(|i| member(&format!("T{i:03}"), "สมาชิก", Cell::Number(10.0)))
        .collect();
    fill_sheet(sheet, Some(REGISTER_TITLE), &REGISTER_HEADER, &rows)?;
    // Last names of rows 3-4 and shares of rows 5-6 typed once and merged.
    sheet.merge_range(2, 3, 3, 3, "ใจดี", &Format::new())?;
    sheet.merge_range(4, 6, 5, 6, "10", &Format::new())?;
    workbook.save(&path)?;

    let report = desk.import_members(&path, &[])?;

    let second = desk.member("T002")?.ok_or("T002 stored")?;
    let filled_name = second["last_name"] == "ใจดี";
    assert!(
        filled_name || flags_row(&report, 4),
        "T002's last name lost: {report}"
    );
    let filled_shares = desk.shares()?["T004"] == 10;
    assert!(
        filled_shares || flags_row(&report, 6),
        "T004's 10 shares lost: {report}"
    );
    Ok(())
}

// CSV dialects.

fn csv_lines(delimiter: &str) -> Vec<String> {
    let mut lines = vec![REGISTER_HEADER.join(delimiter)];
    for i in 1..=3 {
        let no = format!("C{i:03}");
        let id = national_id(&no);
        let fields = [
            no.as_str(),
            "นาย",
            "ซีเอส",
            "วีดี",
            &id,
            "01/01/2567",
            &i.to_string(),
        ]
        .map(str::to_string);
        lines.push(fields.join(delimiter));
    }
    lines
}

#[test]
fn csv_dialects_import_alike() -> TestResult {
    let utf8 = csv_lines(",").join("\n");
    let crlf = csv_lines(",").join("\r\n");
    let (tis620, _, _) = encoding_rs::WINDOWS_874.encode(&crlf);
    let files: [(&str, Vec<u8>); 5] = [
        ("comma.csv", utf8.clone().into_bytes()),
        (
            "bom.csv",
            [b"\xef\xbb\xbf".as_slice(), utf8.as_bytes()].concat(),
        ),
        ("semicolon.csv", csv_lines(";").join("\n").into_bytes()),
        ("tab.csv", csv_lines("\t").join("\n").into_bytes()),
        ("tis620-crlf.csv", tis620.into_owned()),
    ];
    for (name, bytes) in files {
        let desk = Desk::new()?;
        let path = desk.file(name);
        std::fs::write(&path, bytes)?;

        let report = desk.import_members(&path, &[])?;

        assert_eq!(report["imported"], 3, "{name}: {report}");
        let shares: Vec<i64> = desk.shares()?.into_values().collect();
        assert_eq!(shares, [1, 2, 3], "{name}: share column read");
        let first = desk.member("C001")?.ok_or("C001 stored")?;
        assert_eq!(first["first_name"], "ซีเอส", "{name}: Thai text decoded");
    }
    Ok(())
}

#[test]
fn unbalanced_csv_quote_is_reported() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.csv");
    let mut lines = csv_lines(",");
    lines[1] = lines[1].replacen("ซีเอส", "\"ซีเอส", 1);
    std::fs::write(&path, lines.join("\n"))?;

    let report = desk.import_members(&path, &[])?;

    let reported = !error_codes(&report).is_empty() || !warning_codes(&report).is_empty();
    let members = desk.members()?.len();
    assert!(
        reported || members == 3,
        "{members} members and no problem: {report}"
    );
    Ok(())
}

#[test]
fn utf16_csv_is_read() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.txt");
    let text = csv_lines("\t").join("\r\n");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes)?;

    let run = desk.run(&["import", "members", path_str(&path)?, "--community", "X"])?;

    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(desk.members()?.len(), 3, "three members read");
    Ok(())
}

// Messages.

#[test]
fn thai_text_in_messages_is_unescaped() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(
        &path,
        &[member_joined(
            "D001",
            "หนึ่ง",
            text("ไม่ทราบ"),
            Cell::Number(1.0),
        )],
    )?;

    let run = desk.run(&["import", "members", path_str(&path)?, "--sheet", "ไม่มี"])?;
    let report = desk.import_members(&path, &[])?;

    assert!(
        run.stderr.contains("\"ทะเบียน\""),
        "sheet names as typed: {}",
        run.stderr
    );
    let message = report["warnings"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains("ไม่ทราบ"), "the cell as typed: {message}");
    assert!(
        !message.contains("\\u{"),
        "no escaped characters: {message}"
    );
    Ok(())
}

#[test]
fn ce_year_for_dividend_is_explained() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(&path, &[member("T001", "หนึ่ง", Cell::Number(5.0))])?;
    desk.import_members(&path, &[])?;

    let run = desk.run(&["dividend", "run", "--year", "2024", "--pool", "100"])?;

    assert_eq!(run.code, Some(1), "no run for year 2024: {run:?}");
    let explained = run.stderr.contains("2567") || run.stderr.contains("Buddhist");
    assert!(
        explained,
        "the message should point to BE 2567: {}",
        run.stderr
    );
    Ok(())
}

#[test]
fn rejected_import_exits_nonzero() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(&path, &[member("T001", "หนึ่ง", Cell::Number(5.0))])?;
    let ledger = desk.file("ledger.xlsx");
    write_ledger(
        &ledger,
        &[entry("01/01/2567", "T999", "ยกมา", 5, "500", "")],
    )?;

    let no_community = desk.run(&["import", "members", path_str(&path)?])?;
    let unknown_member = desk.run(&["import", "share-ledger", path_str(&ledger)?])?;

    assert_ne!(
        no_community.code,
        Some(0),
        "no community given: {no_community:?}"
    );
    assert_ne!(
        unknown_member.code,
        Some(0),
        "every row rejected: {unknown_member:?}"
    );
    Ok(())
}

// Share ledgers.

#[test]
fn unpaired_transfer_is_rejected() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/01/2567", "T002", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T001", "โอนออก", 3, "300", ""),
        entry("01/06/2567", "T002", "โอนเข้า", 4, "400", ""),
    ];

    let (desk, report) = import_after_register(&rows)?;

    let unpaired = "transfer_unpaired".to_string();
    assert_eq!(
        error_codes(&report),
        [(5, unpaired.clone()), (6, unpaired)],
        "{report}"
    );
    let shares = desk.shares()?;
    assert_eq!(
        (shares["T001"], shares["T002"]),
        (10, 10),
        "no half-transfer is posted"
    );
    Ok(())
}

#[test]
fn transfer_to_self_is_named() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T001", "โอนออก", 3, "300", "R9"),
        entry("01/06/2567", "T001", "โอนเข้า", 3, "300", "R9"),
    ];

    let (desk, report) = import_after_register(&rows)?;

    let mut codes = error_codes(&report);
    codes.sort();
    let to_self = "transfer_to_self".to_string();
    assert_eq!(codes, [(4, to_self.clone()), (5, to_self)], "{report}");
    assert_eq!(desk.shares()?["T001"], 10, "nothing moves");
    Ok(())
}

#[test]
fn next_year_opening_is_counted_as_checked() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("15/03/2567", "T001", "ซื้อหุ้น", 5, "500.00", "R1"),
        entry("01/01/2568", "T001", "ยกมา", 15, "1,500", ""),
    ];

    let (_desk, report) = import_after_register(&rows)?;

    assert_eq!(report["imported"], 2, "{report}");
    assert_eq!(
        report["checked"], 1,
        "the 2568 balance is compared: {report}"
    );
    assert!(
        report.get("unchanged").is_none(),
        "nothing was imported before: {report}"
    );
    Ok(())
}

#[test]
fn transfer_pair_moves_shares() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T002", "โอนเข้า", 3, "300", ""),
        entry("01/06/2567", "T001", "โอนออก", 3, "300", ""),
    ];

    let (desk, report) = import_after_register(&rows)?;

    assert_eq!(error_codes(&report), [], "{report}");
    let shares = desk.shares()?;
    assert_eq!(
        (shares["T001"], shares["T002"]),
        (7, 3),
        "3 shares moved from T001 to T002"
    );
    Ok(())
}

#[test]
fn same_day_transfer_in_precedes_withdrawal() -> TestResult {
    // T003 gives T001 three shares, and T001 withdraws them the same day.
    // Statements list a day's entries by id, so the transfer must be
    // stored first even though T001 comes before T003.
    let rows = vec![
        entry("01/01/2567", "T003", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T003", "โอนออก", 3, "300", ""),
        entry("01/06/2567", "T001", "โอนเข้า", 3, "300", ""),
        entry("01/06/2567", "T001", "ถอนหุ้น", 3, "300", ""),
    ];

    let (desk, report) = import_after_register(&rows)?;

    assert_eq!(error_codes(&report), [], "{report}");
    let conn = desk.db.open()?;
    let mut stmt =
        conn.prepare("SELECT kind FROM share_transactions WHERE date = '2024-06-01' ORDER BY id")?;
    let kinds: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    assert_eq!(
        kinds,
        ["transfer", "withdrawal"],
        "stored in the day's order"
    );
    Ok(())
}

#[test]
fn share_months_without_ledger_is_noted() -> TestResult {
    let holders = [
        member("T001", "หนึ่ง", Cell::Number(10.0)),
        member("T002", "สอง", Cell::Number(4.0)),
    ];
    let (register_only, _) = import_register(&holders)?;
    let rows = vec![entry("01/01/2567", "T001", "ยกมา", 10, "1,000", "")];
    let (with_ledger, _) = import_after_register(&rows)?;
    let run = ["dividend", "run", "--year", "2567", "--rate", "5"];

    let alone = register_only.run(&run)?;
    let covered = with_ledger.run(&run)?;

    assert_eq!(alone.code, Some(0), "{alone:?}");
    assert!(
        alone.stderr.contains("known only from the last month"),
        "a register alone gets the note: {alone:?}"
    );
    assert!(
        !covered.stderr.contains("known only"),
        "a ledger's history needs no note: {covered:?}"
    );
    Ok(())
}

#[test]
fn withdrawal_beyond_balance_is_rejected() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T001", "ถอนหุ้น", 11, "1,100", ""),
    ];

    let (desk, report) = import_after_register(&rows)?;

    assert_eq!(
        error_codes(&report),
        [(4, "share_balance_negative".to_string())],
        "{report}"
    );
    assert_eq!(desk.shares()?["T001"], 10, "the withdrawal is not posted");
    Ok(())
}

#[test]
fn ledger_member_not_in_register_is_rejected() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T999", "ซื้อหุ้น", 1, "100", ""),
    ];

    let (_, report) = import_after_register(&rows)?;

    assert_eq!(
        error_codes(&report),
        [(4, "member_not_found".to_string())],
        "{report}"
    );
    assert_eq!(
        report["imported"], 1,
        "the known member's row is imported: {report}"
    );
    Ok(())
}

#[test]
fn rejected_ledger_rows_import_later() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T999", "ซื้อหุ้น", 1, "100", ""),
    ];

    let (desk, _) = import_after_register(&rows)?;
    let late = desk.file("late-member.xlsx");
    write_register(&late, &[member("T999", "มาช้า", Cell::Number(0.0))])?;
    desk.import_members(&late, &[])?;

    let report = desk.import_ledger(&desk.file("ledger.xlsx"), &[])?;

    assert_eq!(
        desk.shares()?["T999"],
        1,
        "the row rejected before is imported now: {report}"
    );
    Ok(())
}

#[test]
fn ledger_rows_out_of_order_are_sorted() -> TestResult {
    let rows = vec![
        entry("01/06/2567", "T001", "ถอนหุ้น", 5, "500", ""),
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/03/2567", "T001", "ซื้อหุ้น", 2, "200", ""),
    ];

    let (desk, report) = import_after_register(&rows)?;

    assert_eq!(
        error_codes(&report),
        [],
        "dates, not row order, decide: {report}"
    );
    assert_eq!(desk.shares()?["T001"], 7, "10 + 2 - 5");
    Ok(())
}

#[test]
fn identical_ledger_rows_are_not_dropped() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T001", "ซื้อหุ้น", 5, "500", ""),
        entry("01/06/2567", "T001", "ซื้อหุ้น", 5, "500", ""),
    ];

    let (desk, report) = import_after_register(&rows)?;

    let balance = desk.shares()?["T001"];
    assert!(
        balance == 20 || flags_row(&report, 5),
        "{balance} shares, row 5 unreported: {report}"
    );
    Ok(())
}

#[test]
fn repeated_receipt_is_warned() -> TestResult {
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/06/2567", "T001", "ซื้อหุ้น", 5, "500", "R-7"),
        entry("01/06/2567", "T001", "ซื้อหุ้น", 5, "500", "R-7"),
        entry("02/06/2567", "T001", "ซื้อหุ้น", 1, "100", ""),
        entry("02/06/2567", "T001", "ซื้อหุ้น", 1, "100", ""),
    ];

    let (desk, report) = import_after_register(&rows)?;

    let repeated: Vec<_> = warning_codes(&report)
        .into_iter()
        .filter(|(_, code)| code == "receipt_repeated")
        .collect();
    assert_eq!(
        repeated,
        [(5, "receipt_repeated".to_string())],
        "the second R-7 is warned about, rows without receipts are not: {report}"
    );
    assert_eq!(desk.shares()?["T001"], 22, "every row is imported");
    Ok(())
}

#[test]
fn ledger_entry_before_1950_is_warned() -> TestResult {
    let rows = vec![
        entry("01/01/2400", "T001", "ซื้อหุ้น", 1, "100", "R-1"),
        entry("01/01/2567", "T001", "ซื้อหุ้น", 1, "100", "R-2"),
    ];

    let (_, report) = import_after_register(&rows)?;

    let long_ago: Vec<_> = warning_codes(&report)
        .into_iter()
        .filter(|(_, code)| code == "date_long_ago")
        .collect();
    assert_eq!(
        long_ago,
        [(3, "date_long_ago".to_string())],
        "only the 2400 entry is warned about: {report}"
    );
    Ok(())
}

#[test]
fn negative_purchase_amount_is_rejected() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let ledger = desk.file("ledger.xlsx");
    write_ledger(
        &ledger,
        &[entry("01/02/2567", "T001", "ซื้อหุ้น", 1, "-100", "R1")],
    )?;

    let report = desk.import_ledger(&ledger, &[])?;

    assert!(
        flags_row(&report, 3),
        "a purchase of -100 baht is reported: {report}"
    );
    Ok(())
}

/// Builds a ledger with an opening balance and a purchase, as first typed.
fn first_ledger() -> Vec<Vec<Cell>> {
    vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("15/03/2567", "T001", "ซื้อหุ้น", 5, "500.00", "R1"),
    ]
}

#[test]
fn changed_ledger_amount_waits_for_acceptance() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let first = desk.file("ledger-v1.xlsx");
    write_ledger(&first, &first_ledger())?;
    desk.import_ledger(&first, &[])?;
    let edited = desk.file("ledger-v2.xlsx");
    let mut rows = first_ledger();
    rows[1][4] = text("550.00");
    write_ledger(&edited, &rows)?;

    let listed = desk.import_ledger(&edited, &[])?;
    let accepted = desk.import_ledger(&edited, &["--accept-changes"])?;

    assert_eq!(listed["committed"], false, "a changed row waits: {listed}");
    assert_eq!(
        accepted["committed"], true,
        "then it is applied: {accepted}"
    );
    assert_eq!(
        desk.shares()?["T001"],
        15,
        "the amount changed, the shares did not"
    );
    let conn = desk.db.open()?;
    let live_amount: i64 = conn.query_row(
        "SELECT amount_satang FROM share_transactions t
         WHERE kind = 'purchase' AND reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM share_transactions r WHERE r.reverses_id = t.id)",
        [],
        |row| row.get(0),
    )?;
    assert_eq!(live_amount, 55_000, "the live purchase has the new amount");
    Ok(())
}

#[test]
fn corrected_ledger_shares_replace_old_row() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let first = desk.file("ledger-v1.xlsx");
    write_ledger(&first, &first_ledger())?;
    desk.import_ledger(&first, &[])?;
    let edited = desk.file("ledger-v2.xlsx");
    let mut rows = first_ledger();
    rows[1][3] = Cell::Number(6.0);
    rows[1][4] = text("600.00");
    write_ledger(&edited, &rows)?;

    desk.import_ledger(&edited, &["--accept-changes"])?;

    assert_eq!(
        desk.shares()?["T001"],
        16,
        "10 brought forward + 6 bought, not 21"
    );
    Ok(())
}

/// Builds a ledger where T001 buys `bought` shares with plastic credit.
fn credit_purchase_ledger(bought: i64) -> Vec<Vec<Cell>> {
    vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry(
            "15/03/2567",
            "T001",
            "ซื้อหุ้นด้วยเครดิตพลาสติก",
            bought,
            &format!("{bought}00"),
            "R-2",
        ),
    ]
}

#[test]
fn corrected_credit_purchase_moves_credit() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let first = desk.file("ledger-v1.xlsx");
    write_ledger(&first, &credit_purchase_ledger(2))?;
    desk.import_ledger(&first, &[])?;
    let edited = desk.file("ledger-v2.xlsx");
    write_ledger(&edited, &credit_purchase_ledger(3))?;

    let report = desk.import_ledger(&edited, &["--accept-changes"])?;

    assert_eq!(error_codes(&report), [], "{report}");
    assert_eq!(desk.shares()?["T001"], 13, "10 brought forward + 3 bought");
    let conn = desk.db.open()?;
    let member = chumchon::members::get(&conn, "T001")?;
    assert_eq!(
        chumchon::waste::credit_balance(&conn, member.id)?,
        Satang::from_baht(-300),
        "the corrected purchase took 300 baht, and the 200 baht of the old one came back"
    );
    let entries: Vec<(String, i64)> = chumchon::waste::credit_history(&conn, member.id)?
        .iter()
        .map(|entry| (format!("{:?}", entry.kind), entry.amount.satang()))
        .collect();
    assert_eq!(
        entries,
        [
            ("Conversion".to_string(), -20_000),
            ("Refund".to_string(), 20_000),
            ("Conversion".to_string(), -30_000),
        ]
    );
    Ok(())
}

/// Builds a ledger where T001 buys `bought` shares and later withdraws
/// everything it has.
fn spent_purchase_ledger(bought: i64) -> Vec<Vec<Cell>> {
    let held = 10 + bought;
    vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry(
            "15/03/2567",
            "T001",
            "ซื้อหุ้น",
            bought,
            &format!("{bought}00"),
            "R-1",
        ),
        entry(
            "01/09/2567",
            "T001",
            "ถอนหุ้น",
            held,
            &format!("{held}00"),
            "W-1",
        ),
    ]
}

#[test]
fn correction_of_spent_purchase_is_accepted() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let first = desk.file("ledger-v1.xlsx");
    write_ledger(&first, &spent_purchase_ledger(5))?;
    desk.import_ledger(&first, &[])?;
    // The purchase was 6 shares, and the withdrawal took all 16.
    let edited = desk.file("ledger-v2.xlsx");
    write_ledger(&edited, &spent_purchase_ledger(6))?;

    let report = desk.import_ledger(&edited, &["--accept-changes"])?;

    assert_eq!(error_codes(&report), [], "{report}");
    assert_eq!(desk.shares()?["T001"], 0, "everything was withdrawn");
    Ok(())
}

#[test]
fn correction_leaving_negative_balance_is_row_error() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let first = desk.file("ledger-v1.xlsx");
    write_ledger(&first, &spent_purchase_ledger(5))?;
    desk.import_ledger(&first, &[])?;
    // Only the purchase changes, to 4 shares: the withdrawal of 15 would
    // then take more than T001 holds.
    let edited = desk.file("ledger-v2.xlsx");
    let mut rows = spent_purchase_ledger(5);
    rows[1] = entry("15/03/2567", "T001", "ซื้อหุ้น", 4, "400", "R-1");
    write_ledger(&edited, &rows)?;

    let run = desk.run(&[
        "import",
        "share-ledger",
        path_str(&edited)?,
        "--accept-changes",
        "--json",
    ])?;

    let report: Value = serde_json::from_str(&run.stdout)?;
    assert_eq!(
        error_codes(&report),
        [(4, "share_balance_negative".to_string())],
        "the corrected row is refused on its own: {run:?}"
    );
    let message = report["errors"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains("01/09/2567"), "a BE date: {message}");
    assert_eq!(desk.shares()?["T001"], 0, "the stored rows are kept");
    Ok(())
}

#[test]
fn corrected_ledger_date_replaces_old_row() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let first = desk.file("ledger-v1.xlsx");
    write_ledger(&first, &first_ledger())?;
    desk.import_ledger(&first, &[])?;
    let edited = desk.file("ledger-v2.xlsx");
    let mut rows = first_ledger();
    rows[1][0] = text("16/03/2567");
    write_ledger(&edited, &rows)?;

    desk.import_ledger(&edited, &["--accept-changes"])?;

    assert_eq!(
        desk.shares()?["T001"],
        15,
        "10 brought forward + 5 bought, not 20"
    );
    Ok(())
}

#[test]
fn undated_register_then_ledger_keeps_balance() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register_titled(&path, None, &[member("T001", "หนึ่ง", Cell::Number(10.0))])?;
    desk.import_members(&path, &[])?;
    let ledger = desk.file("ledger.xlsx");
    write_ledger(
        &ledger,
        &[entry("01/01/2567", "T001", "ยกมา", 10, "1,000", "")],
    )?;

    desk.import_ledger(&ledger, &[])?;

    assert_eq!(
        desk.shares()?["T001"],
        10,
        "both files state 10 shares, not 20"
    );
    Ok(())
}

// Dividends and documents.

/// Creates a database with T001 (5 shares) and T002 (3 shares) on
/// 31/12/2567, so that both hold shares through 2568.
fn desk_with_holders() -> TestResult<Desk> {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let rows = vec![
        member("T001", "หนึ่ง", Cell::Number(5.0)),
        member("T002", "สอง", Cell::Number(3.0)),
    ];
    write_register(&path, &rows)?;
    desk.import_members(&path, &[])?;
    Ok(desk)
}

#[test]
fn approving_twice_is_rejected() -> TestResult {
    let desk = desk_with_holders()?;
    desk.ok(&["dividend", "run", "--year", "2568", "--rate", "5"])?;
    desk.ok(&["dividend", "approve", "--year", "2568"])?;

    let again = desk.run(&["dividend", "approve", "--year", "2568"])?;
    let rerun = desk.run(&["dividend", "run", "--year", "2568", "--rate", "6"])?;

    assert_eq!(again.code, Some(1), "{again:?}");
    assert!(
        again.stderr.contains("already approved"),
        "stderr: {}",
        again.stderr
    );
    assert_eq!(rerun.code, Some(1), "an approved year is locked: {rerun:?}");
    assert!(
        rerun.stderr.contains("reverse it"),
        "stderr: {}",
        rerun.stderr
    );
    Ok(())
}

#[test]
fn dividend_for_year_without_shares_is_rejected() -> TestResult {
    let desk = desk_with_holders()?;

    let run = desk.run(&["dividend", "run", "--year", "2560", "--pool", "1000"])?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.contains("no member held shares"),
        "stderr: {}",
        run.stderr
    );
    Ok(())
}

#[test]
fn slips_without_dividend_run_are_rejected() -> TestResult {
    let desk = desk_with_holders()?;
    let out = desk.file("slips.pdf");

    let run = desk.run(&["slips", "--year", "2568", "--out", path_str(&out)?])?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("not found"), "stderr: {}", run.stderr);
    assert!(!out.exists(), "no PDF is written");
    Ok(())
}

#[test]
fn statement_for_unknown_member_is_rejected() -> TestResult {
    let desk = desk_with_holders()?;
    let out = desk.file("statement.pdf");

    let run = desk.run(&["statement", "--member", "T999", "--out", path_str(&out)?])?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.contains("member T999 not found"),
        "stderr: {}",
        run.stderr
    );
    assert!(!out.exists(), "no PDF is written");
    Ok(())
}

#[test]
fn emoji_name_does_not_block_slips() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    let rows = vec![
        member("N001", "John 😀", Cell::Number(5.0)),
        member("N002", "สมชาย", Cell::Number(3.0)),
    ];
    write_register(&path, &rows)?;
    desk.import_members(&path, &[])?;
    desk.ok(&["dividend", "run", "--year", "2568", "--rate", "5"])?;
    desk.ok(&["dividend", "approve", "--year", "2568"])?;
    let out = desk.file("slips.pdf");

    let run = desk.run(&["slips", "--year", "2568", "--out", path_str(&out)?])?;

    assert_eq!(run.code, Some(0), "the other slips still print: {run:?}");
    Ok(())
}

#[test]
fn document_out_never_overwrites_database() -> TestResult {
    let commands: [&[&str]; 3] = [
        &["slips", "--year", "2568", "--out"],
        &["statement", "--member", "T001", "--out"],
        &["export", "members", "--out"],
    ];
    for command in commands {
        let desk = desk_with_holders()?;
        desk.ok(&["dividend", "run", "--year", "2568", "--rate", "5"])?;
        let mut args = command.to_vec();
        args.push(path_str(&desk.db.path)?);

        let run = desk.run(&args)?;

        assert_ne!(
            run.code,
            Some(0),
            "{command:?} onto the database must fail: {run:?}"
        );
        assert_eq!(
            desk.members()?.len(),
            2,
            "{command:?}: the database is intact"
        );
    }
    Ok(())
}

#[test]
fn closed_pipe_does_not_panic() -> TestResult {
    let desk = Desk::new()?;
    desk.ok(&["demo"])?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&desk.db.path)
        .args(["members", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    drop(child.stdout.take());

    let output = child.wait_with_output()?;

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    Ok(())
}

// Databases.

#[test]
fn non_sqlite_db_is_rejected_untouched() -> TestResult {
    let desk = Desk::new()?;
    let register = desk.file("register.xlsx");
    write_register(&register, &[member("T001", "หนึ่ง", Cell::Number(1.0))])?;
    let not_a_db = desk.file("members.db");
    std::fs::copy(&register, &not_a_db)?;
    let before = std::fs::read(&not_a_db)?;

    let run = run_on(
        &not_a_db,
        &[
            "import",
            "members",
            path_str(&register)?,
            "--community",
            "X",
        ],
    )?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.contains("not a Chumchon database"),
        "stderr: {}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&not_a_db)?,
        before,
        "the file is left as it was"
    );
    Ok(())
}

#[test]
fn folder_as_db_is_rejected() -> TestResult {
    let desk = Desk::new()?;
    let folder = desk.file("data");
    std::fs::create_dir(&folder)?;

    let run = run_on(&folder, &["members", "list"])?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("is a folder"), "stderr: {}", run.stderr);
    Ok(())
}

#[test]
fn read_only_database_is_read_not_written() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let mut permissions = std::fs::metadata(&desk.db.path)?.permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&desk.db.path, permissions)?;

    let listed = desk.run(&["members", "list"])?;
    let written = desk.run(&["dividend", "run", "--year", "2567", "--rate", "5"])?;
    let trial = desk.run(&["journal", "trial-balance", "--year", "2567"])?;
    let register = desk.file("more.xlsx");
    write_register(&register, &[member("T009", "เก้า", Cell::Number(1.0))])?;
    let preview = desk.import_members(&register, &["--dry-run"])?;

    assert_eq!(listed.code, Some(0), "a read-only copy lists: {listed:?}");
    assert!(listed.stdout.contains("T002"), "members listed: {listed:?}");
    assert_ne!(written.code, Some(0), "nothing is written: {written:?}");
    assert!(
        written.stderr.contains("read-only"),
        "the error names the cause: {written:?}"
    );
    assert_eq!(trial.code, Some(0), "journal reports read: {trial:?}");
    assert_eq!(preview["imported"], 1, "a dry run previews: {preview}");
    assert!(
        trial.stderr.contains("read-only"),
        "the report says unsynced records are missing: {trial:?}"
    );
    let mut shm = desk.db.path.clone().into_os_string();
    shm.push("-shm");
    assert!(
        !PathBuf::from(shm).exists(),
        "reading leaves no shared-memory file that would stay read-only"
    );
    let mut permissions = std::fs::metadata(&desk.db.path)?.permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&desk.db.path, permissions)?;
    let writable = desk.run(&["dividend", "run", "--year", "2567", "--rate", "5"])?;
    assert_eq!(writable.code, Some(0), "writable again: {writable:?}");
    Ok(())
}

#[test]
fn dry_run_creates_no_database() -> TestResult {
    let desk = Desk::new()?;
    let register = desk.file("register.xlsx");
    write_register(&register, &[member("C001", "หนึ่ง", Cell::Number(1.0))])?;
    let fresh = desk.file("new.db");

    let run = run_on(
        &fresh,
        &[
            "import",
            "members",
            path_str(&register)?,
            "--community",
            "X",
            "--dry-run",
        ],
    )?;

    assert_eq!(run.code, Some(0), "the preview runs: {run:?}");
    assert!(
        run.stdout.contains("1 row read, 1 imported"),
        "one row previewed, counted in the singular: {run:?}"
    );
    assert!(!fresh.exists(), "no database file is left behind");
    Ok(())
}

#[test]
fn close_community_name_needs_confirming() -> TestResult {
    let desk = Desk::new()?;
    let first = desk.file("first.xlsx");
    write_register(&first, &[member("C001", "หนึ่ง", Cell::Number(1.0))])?;
    let base = ["import", "members", path_str(&first)?, "--community"];
    desk.ok(&[&base[..], &["บ่อยาง"]].concat())?;
    let second = desk.file("second.xlsx");
    write_register(&second, &[member("C002", "สอง", Cell::Number(1.0))])?;
    let args = |community: &'static str| -> TestResult<Vec<&str>> {
        Ok(vec![
            "import",
            "members",
            path_str(&second)?,
            "--community",
            community,
        ])
    };

    let misspelt = desk.run(&args("บ่อย่าง")?)?;
    let preview = desk.run(&[&args("บ่อย่าง")?[..], &["--dry-run"]].concat())?;
    let confirmed = desk.run(&[&args("บ่อย่าง")?[..], &["--new-community"]].concat())?;

    assert_ne!(misspelt.code, Some(0), "refused: {misspelt:?}");
    assert!(
        misspelt.stderr.contains("บ่อยาง") && misspelt.stderr.contains("--new-community"),
        "names the close community and the way to create: {misspelt:?}"
    );
    assert_eq!(preview.code, Some(0), "a preview only warns: {preview:?}");
    assert_eq!(
        confirmed.code,
        Some(0),
        "created when confirmed: {confirmed:?}"
    );
    let in_new = desk.member("C002")?.ok_or("C002 stored")?;
    assert_eq!(in_new["community"], "บ่อย่าง", "{in_new}");
    Ok(())
}

#[test]
fn missing_db_is_not_created_by_reads() -> TestResult {
    let desk = Desk::new()?;
    let typo = desk.file("dta").join("chumchon.db");

    let run = run_on(&typo, &["members", "list"])?;

    assert_ne!(
        run.code,
        Some(0),
        "listing a missing database is an error: {run:?}"
    );
    assert!(!typo.exists(), "no database is created by a read");
    Ok(())
}

#[test]
fn fresh_database_opened_concurrently() -> TestResult {
    // The race needs the openers to overlap, so each round starts several
    // on a database file that does not exist yet.
    for round in 0..5 {
        let desk = Desk::new()?;
        let register = desk.file("register.xlsx");
        write_register(&register, &[member("C001", "หนึ่ง", Cell::Number(1.0))])?;
        let children: Vec<std::process::Child> = (0..8)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_chumchon"))
                    .arg("--db")
                    .arg(&desk.db.path)
                    .args(["import", "members"])
                    .arg(&register)
                    .args(["--community", "X"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
            })
            .collect::<Result<_, _>>()?;

        for child in children {
            let output = child.wait_with_output()?;
            let stderr = String::from_utf8_lossy(&output.stderr);
            // One import writes the register; the others find it imported
            // already and exit with 4, "nothing imported".
            assert!(
                matches!(output.status.code(), Some(0 | 4)),
                "round {round}: every opener succeeds: {stderr}"
            );
        }
    }
    Ok(())
}

#[test]
fn concurrent_ledger_imports_post_once() -> TestResult {
    let desk = Desk::new()?;
    desk.with_three_members()?;
    let ledger = desk.file("ledger.xlsx");
    let rows = vec![
        entry("01/01/2567", "T001", "ยกมา", 10, "1,000", ""),
        entry("01/03/2567", "T001", "ซื้อหุ้น", 2, "200", "R1"),
        entry("01/06/2567", "T001", "ถอนหุ้น", 5, "500", ""),
    ];
    write_ledger(&ledger, &rows)?;
    let children: Vec<std::process::Child> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_chumchon"))
                .arg("--db")
                .arg(&desk.db.path)
                .args(["import", "share-ledger"])
                .arg(&ledger)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
        })
        .collect::<Result<_, _>>()?;

    for child in children {
        let output = child.wait_with_output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "each import waits its turn: {stderr}"
        );
    }
    assert_eq!(desk.shares()?["T001"], 7, "the ledger is posted once");
    Ok(())
}

#[test]
fn backup_rejects_existing_file() -> TestResult {
    let desk = desk_with_holders()?;
    let out = desk.file("copy.db");
    std::fs::write(&out, b"keep me")?;

    let run = desk.run(&["backup", "--out", path_str(&out)?])?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.contains("already exists"),
        "stderr: {}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&out)?,
        b"keep me",
        "the existing file is kept"
    );
    Ok(())
}

#[test]
fn dry_run_writes_nothing() -> TestResult {
    let desk = Desk::new()?;
    let path = desk.file("register.xlsx");
    write_register(&path, &[member("T001", "หนึ่ง", Cell::Number(1.0))])?;
    // An empty database file, so that the preview runs against a file.
    drop(desk.db.open()?);

    let report = desk.import_members(&path, &["--dry-run"])?;

    assert_eq!(
        report["imported"], 1,
        "the preview counts the row: {report}"
    );
    assert_eq!(report["committed"], false, "{report}");
    assert!(desk.members()?.is_empty(), "no member is stored");
    let conn = desk.db.open()?;
    let communities: i64 = conn.query_row("SELECT count(*) FROM communities", [], |r| r.get(0))?;
    assert_eq!(communities, 0, "no community is created");
    assert!(
        !desk.file("backups").exists(),
        "no backup is made for a preview"
    );
    Ok(())
}

#[test]
fn export_to_other_extension_is_rejected() -> TestResult {
    let desk = Desk::new()?;
    desk.ok(&["demo"])?;
    let out = desk.file("members.pdf");

    let run = desk.run(&["export", "members", "--out", path_str(&out)?])?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains(".xlsx"), "says what to write: {run:?}");
    assert!(!out.exists(), "no Excel file named .pdf");
    Ok(())
}

#[test]
fn dividend_for_future_year_is_rejected() -> TestResult {
    let desk = Desk::new()?;
    desk.ok(&["demo"])?;

    let run = desk.run(&["dividend", "run", "--year", "2600", "--pool", "100"])?;

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("after today"), "{run:?}");
    Ok(())
}
