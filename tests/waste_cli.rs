//! The waste bank's commands, run as the built `chumchon` binary on a
//! temporary database. The tests import deposit logs (the legacy sample
//! and sheets made here with the same quirks), read the year's summary,
//! record a deposit with its receipt, convert plastic credit and trace it,
//! run a dividend with a patronage refund and print its slip, and write
//! the programme report as PDF and xlsx.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use calamine::Reader;
use chumchon::waste;
use common::{context, date, expected, fixture, pdf_text, TempDb, TestResult};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::Value;

/// Runs the CLI on `db` and returns its whole output, whatever the exit
/// status.
fn run(db: &TempDb, args: &[&str]) -> TestResult<Output> {
    Ok(Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(["--operator", "test"])
        .args(args)
        .output()?)
}

fn text(path: &Path) -> TestResult<&str> {
    Ok(path.to_str().ok_or("path is not UTF-8")?)
}

/// Creates a database with the sample member register of บ่อยาง.
fn with_members() -> TestResult<TempDb> {
    let db = TempDb::new()?;
    let register = fixture("members-boyang-2567.xlsx");
    db.import(&["members", text(&register)?, "--community", "บ่อยาง"])?;
    Ok(db)
}

/// Creates a database with the sample members and the sample deposit log.
fn with_deposits() -> TestResult<TempDb> {
    let db = with_members()?;
    let log = fixture("waste-deposits-2567.xlsx");
    db.import(&["deposits", text(&log)?])?;
    Ok(db)
}

#[test]
fn sample_log_imports_to_expected_totals() -> TestResult {
    let db = with_members()?;
    let log = fixture("waste-deposits-2567.xlsx");

    let report = db.cli_json(&["import", "deposits", text(&log)?, "--json"])?;
    let summary = db.cli_json(&["deposits", "summary", "--year", "2567", "--json"])?;

    assert_eq!(report["imported"], 480, "report: {report}");
    assert_eq!(report["errors"], Value::Array(Vec::new()), "no errors");
    assert_eq!(report["committed"], true);
    let truth = expected()?;
    let want = &truth["deposits"];
    assert_eq!(summary["rows"], want["rows"], "rows");
    assert_eq!(summary["value_satang"], want["value_satang"], "value");
    assert_eq!(
        summary["kg_by_material"], want["kg_by_material"],
        "kg by material"
    );
    let keys: Vec<&String> = summary.as_object().ok_or("object")?.keys().collect();
    assert_eq!(
        keys,
        ["kg_by_material", "rows", "value_satang"],
        "JSON shape"
    );
    Ok(())
}

#[test]
fn second_import_changes_nothing() -> TestResult {
    let db = with_deposits()?;
    let log = fixture("waste-deposits-2567.xlsx");
    let before = db.cli_json(&["deposits", "summary", "--year", "2567", "--json"])?;
    let lots_before = count(&db, "waste_lots")?;

    let again = run(&db, &["import", "deposits", text(&log)?, "--json"])?;

    let report: Value = serde_json::from_slice(&again.stdout)?;
    assert_eq!(again.status.code(), Some(0), "nothing wrong, nothing new");
    assert_eq!(report["imported"], 0);
    assert_eq!(report["committed"], false);
    assert_eq!(count(&db, "waste_lots")?, lots_before, "no lot added");
    let after = db.cli_json(&["deposits", "summary", "--year", "2567", "--json"])?;
    assert_eq!(after, before, "the summary is the same");
    Ok(())
}

#[test]
fn second_import_says_when_in_text() -> TestResult {
    let db = with_deposits()?;
    let log = fixture("waste-deposits-2567.xlsx");

    let output = db.import(&["deposits", text(&log)?])?;

    assert!(
        output.contains("was already imported on"),
        "the text report says so: {output}"
    );
    Ok(())
}

#[test]
fn dry_run_writes_no_deposit() -> TestResult {
    let db = with_members()?;
    let log = fixture("waste-deposits-2567.xlsx");

    let report = db.cli_json(&["import", "deposits", text(&log)?, "--dry-run", "--json"])?;

    assert_eq!(report["imported"], 480, "counts what it would import");
    assert_eq!(report["committed"], false);
    assert_eq!(count(&db, "waste_lots")?, 0, "nothing written");
    Ok(())
}

fn count(db: &TempDb, table: &str) -> TestResult<i64> {
    let conn = db.open()?;
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })?,
    )
}

/// A row of a quirky log: date cell, member, material, kg, price in baht
/// and point.
type LogRow = (DateCell, &'static str, &'static str, f64, f64, &'static str);

/// Writes a log with a title row, a header on row 3, and a value column
/// of formulas that were never calculated, so their saved results are
/// empty.
fn write_quirky_log(path: &Path, rows: &[LogRow]) -> TestResult {
    write_log_with_results(path, rows, "")
}

/// Writes a quirky log whose formulas have `result` saved as their result,
/// as a writer that never calculates stores it.
fn write_log_with_results(path: &Path, rows: &[LogRow], result: &str) -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("สมุดรับฝาก")?;
    sheet.set_formula_result_default(result);
    sheet.write_string(0, 0, "สมุดบันทึกการรับฝากขยะ ธนาคารขยะชุมชนบ่อยาง ปี 2567")?;
    let header = [
        "ลำดับ",
        "วันที่รับฝาก",
        "รหัสสมาชิก",
        "ชนิดขยะ",
        "น้ำหนัก (กก.)",
        "ราคา/กก.",
        "เป็นเงิน",
        "จุดรับฝาก",
    ];
    for (col, title) in (0u16..).zip(header) {
        sheet.write_string(2, col, title)?;
    }
    let thai_short = Format::new().set_num_format("[$-107041E]dd/mm/yyyy");
    let thai_long = Format::new().set_num_format("[$-th-TH,107]d mmmm yyyy;@");
    for (row, (when, member, material, kg, price, point)) in (3u32..).zip(rows) {
        sheet.write_number(row, 0, f64::from(row - 2))?;
        match when {
            DateCell::ThaiShort(y, m, d) => {
                let value = ExcelDateTime::from_ymd(*y, *m, *d)?;
                sheet.write_datetime_with_format(row, 1, &value, &thai_short)?;
            }
            DateCell::ThaiLong(y, m, d) => {
                let value = ExcelDateTime::from_ymd(*y, *m, *d)?;
                sheet.write_datetime_with_format(row, 1, &value, &thai_long)?;
            }
            DateCell::Text(value) => {
                sheet.write_string(row, 1, *value)?;
            }
        }
        sheet.write_string(row, 2, *member)?;
        sheet.write_string(row, 3, *material)?;
        sheet.write_number(row, 4, *kg)?;
        sheet.write_number(row, 5, *price)?;
        let excel_row = row + 1;
        sheet.write_formula(row, 6, Formula::new(format!("=E{excel_row}*F{excel_row}")))?;
        sheet.write_string(row, 7, *point)?;
    }
    workbook.save(path)?;
    Ok(())
}

/// How a quirky log writes a date.
#[derive(Clone, Copy)]
enum DateCell {
    /// A date cell in CE with a Thai-calendar short format (Excel shows the
    /// BE year).
    ThaiShort(u16, u8, u8),
    /// A date cell with a Thai-calendar long format, "15 มีนาคม 2567".
    ThaiLong(u16, u8, u8),
    /// Text as typed, such as "๑๕ มี.ค. ๖๗".
    Text(&'static str),
}

const POINT: &str = "จุดรับวัดบ่อยาง";

#[test]
fn quirky_log_imports_dates_and_names() -> TestResult {
    let db = with_members()?;
    let log = db.dir.path().join("quirky.xlsx");
    write_quirky_log(
        &log,
        &[
            (
                DateCell::ThaiShort(2024, 3, 5),
                "BY001",
                "ขวดพลาสติกใส (PET)",
                4.1,
                3.5,
                POINT,
            ),
            (
                DateCell::ThaiLong(2024, 3, 6),
                "BY002",
                "ขวด PET สี",
                2.25,
                6.0,
                POINT,
            ),
            (
                DateCell::Text("๐๗/๐๓/๒๕๖๗"),
                "BY003",
                "กระป๋องอลูมิเนียม",
                1.0,
                40.0,
                POINT,
            ),
            (
                DateCell::Text("8 มี.ค. 67"),
                "BY004",
                " ถุงพลาสติก / ฟิล์ม ",
                0.5,
                2.0,
                POINT,
            ),
            (
                DateCell::Text("9 มีนาคม 2567"),
                "BY005",
                "กระดาษลัง",
                10.0,
                2.35,
                POINT,
            ),
        ],
    )?;

    let report = db.cli_json(&["import", "deposits", text(&log)?, "--json"])?;

    assert_eq!(report["imported"], 5, "report: {report}");
    assert_eq!(report["errors"], Value::Array(Vec::new()), "no errors");
    let conn = db.open()?;
    let mut stmt = conn.prepare(
        "SELECT d.date, m.code, l.grams, l.value_satang FROM waste_deposits d
         JOIN waste_lots l ON l.deposit_id = d.id
         JOIN waste_materials m ON m.id = l.material_id ORDER BY d.import_row",
    )?;
    let rows: Vec<(String, String, i64, i64)> = stmt
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let want = [
        ("2024-03-05", "PET_CLEAR", 4_100, 1_435),
        ("2024-03-06", "PET_COLOR", 2_250, 1_350),
        ("2024-03-07", "ALU_CAN", 1_000, 4_000),
        ("2024-03-08", "LDPE_FILM", 500, 100),
        ("2024-03-09", "CARDBOARD", 10_000, 2_350),
    ];
    for (got, want) in rows.iter().zip(want) {
        assert_eq!(got.0, want.0, "date of {}", want.1);
        assert_eq!(got.1, want.1, "material of the {} row", want.0);
        assert_eq!(got.2, want.2, "grams of {}", want.1);
        assert_eq!(got.3, want.3, "value of {}: weight × price", want.1);
    }
    assert_eq!(rows.len(), 5, "one lot a row");
    Ok(())
}

#[test]
fn zero_formula_results_are_computed() -> TestResult {
    let db = with_members()?;
    let log = db.dir.path().join("zeros.xlsx");
    let row = (
        DateCell::ThaiShort(2024, 3, 5),
        "BY001",
        "ขวดน้ำใส",
        4.1,
        3.5,
        POINT,
    );
    write_log_with_results(&log, &[row], "0")?;

    let report = db.cli_json(&["import", "deposits", text(&log)?, "--json"])?;

    assert_eq!(report["imported"], 1, "report: {report}");
    assert_eq!(report["warnings"][0]["code"], "value_mismatch", "flagged");
    let conn = db.open()?;
    let value: i64 = conn.query_row("SELECT value_satang FROM waste_lots", [], |r| r.get(0))?;
    assert_eq!(value, 1_435, "4.1 kg × 3.50 baht");
    Ok(())
}

#[test]
fn unknown_material_exit_codes_and_mapping() -> TestResult {
    let db = with_members()?;
    let unknown = db.dir.path().join("unknown.xlsx");
    let tyre = (
        DateCell::ThaiShort(2024, 4, 1),
        "BY001",
        "ยางรถยนต์",
        5.0,
        2.0,
        POINT,
    );
    write_quirky_log(&unknown, &[tyre])?;
    let mixed = db.dir.path().join("mixed.xlsx");
    let glass = (
        DateCell::ThaiShort(2024, 4, 2),
        "BY002",
        "ขวดแก้ว",
        3.0,
        1.0,
        POINT,
    );
    write_quirky_log(&mixed, &[tyre, glass])?;

    let refused = run(&db, &["import", "deposits", text(&unknown)?, "--json"])?;
    let partly = run(&db, &["import", "deposits", text(&mixed)?, "--json"])?;
    let mapped = run(
        &db,
        &[
            "import",
            "deposits",
            text(&mixed)?,
            "--map",
            "ยางรถยนต์=OTHER_PLASTIC",
            "--json",
        ],
    )?;

    assert_eq!(refused.status.code(), Some(4), "nothing imported");
    let report: Value = serde_json::from_slice(&refused.stdout)?;
    assert_eq!(report["errors"][0]["code"], "material_unknown");
    assert_eq!(report["errors"][0]["value"], "ยางรถยนต์");
    assert_eq!(partly.status.code(), Some(3), "the glass row imported");
    assert_eq!(mapped.status.code(), Some(0), "the mapped row imported");
    let report: Value = serde_json::from_slice(&mapped.stdout)?;
    assert_eq!(report["imported"], 1, "only the tyre row was new");
    Ok(())
}

#[test]
fn malformed_mapping_is_rejected() -> TestResult {
    let db = with_members()?;
    let log = fixture("waste-deposits-2567.xlsx");

    let output = run(
        &db,
        &["import", "deposits", text(&log)?, "--map", "ยางรถยนต์"],
    )?;

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr)?;
    assert!(stderr.contains("NAME=CODE"), "says the form: {stderr}");
    assert_eq!(count(&db, "waste_lots")?, 0, "nothing imported");
    Ok(())
}

#[test]
fn summary_rejects_christian_era_year() -> TestResult {
    let db = with_deposits()?;

    let output = run(&db, &["deposits", "summary", "--year", "2024", "--json"])?;

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr)?;
    assert!(stderr.contains("2567"), "suggests the BE year: {stderr}");
    Ok(())
}

/// Records a credit deposit by BY001 on 1 March 2567 of 12.5 kg of clear
/// PET at 8 baht and 3 kg of cans at 40 baht (220 baht), and returns the
/// JSON `deposits add` prints.
fn add_credit_deposit(db: &TempDb, extra: &[&str]) -> TestResult<Value> {
    let mut args = vec![
        "deposits",
        "add",
        "--member",
        "BY001",
        "--point",
        POINT,
        "--date",
        "1/3/2567",
        "--line",
        "PET_CLEAR=12.5@8",
        "--line",
        "กระป๋อง=3@40",
        "--payment",
        "credit",
        "--scale",
        "SC-01",
        "--weighed-by",
        "สมศรี",
        "--json",
    ];
    args.extend_from_slice(extra);
    db.cli_json(&args)
}

#[test]
fn deposit_add_records_lines_and_credit() -> TestResult {
    let db = with_members()?;

    let deposit = add_credit_deposit(&db, &[])?;
    let balance = db.cli_json(&["credit", "balance", "--member", "BY001", "--json"])?;

    assert_eq!(deposit["date"], "2024-03-01");
    assert_eq!(deposit["total_satang"], 22_000);
    assert_eq!(deposit["lines"][0]["material"], "PET_CLEAR");
    assert_eq!(deposit["lines"][0]["grams"], 12_500);
    assert_eq!(deposit["lines"][1]["material"], "ALU_CAN", "an alias works");
    assert_eq!(balance["balance_satang"], 22_000, "paid into credit");
    assert_eq!(balance["entries"][0]["kind"], "deposit");
    Ok(())
}

#[test]
fn credit_trace_leads_share_to_kilograms_and_buyer() -> TestResult {
    let db = with_members()?;
    let deposit = add_credit_deposit(&db, &[])?;
    let deposit_id = deposit["id"].as_i64().ok_or("deposit id")?;
    let conversion = db.cli_json(&[
        "credit", "convert", "--member", "BY001", "--date", "2/3/2567", "--json",
    ])?;
    sell_pet(&db, 10_000)?;

    let trace = db.cli_json(&["credit", "trace", "--member", "BY001", "--json"])?;

    assert_eq!(conversion["shares"], 2, "220 baht buys two 100-baht shares");
    assert_eq!(conversion["credit_left_satang"], 2_000);
    let purchase = &trace["purchases"][0];
    assert_eq!(purchase["shares"], 2);
    assert_eq!(purchase["amount_satang"], 20_000);
    assert_eq!(purchase["credits"][0]["deposit_id"], deposit_id);
    assert_eq!(purchase["credits"][0]["used_satang"], 20_000);
    let lines = purchase["deposit_lines"]
        .as_array()
        .ok_or("deposit_lines")?;
    assert_eq!(lines.len(), 2, "both materials of the deposit");
    let pet = &lines[0];
    assert_eq!(pet["date"], "2024-03-01");
    assert_eq!(pet["point"], POINT);
    assert_eq!(pet["material"], "PET_CLEAR");
    assert_eq!(pet["grams"], 12_500);
    assert_eq!(pet["value_satang"], 10_000);
    assert_eq!(pet["scale_id"], "SC-01");
    assert_eq!(pet["sales"][0]["buyer"], "ร้านรับซื้อของเก่าสมชาย");
    assert_eq!(pet["sales"][0]["grams"], 10_000);
    assert_eq!(lines[1]["sales"], Value::Array(Vec::new()), "cans unsold");
    assert_eq!(trace["credit_balance_satang"], 2_000);
    Ok(())
}

/// Sells `grams` of clear PET from the test point to a buyer on 10 March
/// 2024, through the library.
fn sell_pet(db: &TempDb, grams: i64) -> TestResult {
    let conn = db.open()?;
    let ctx = context();
    let buyer = waste::ensure_buyer(&conn, &ctx, "ร้านรับซื้อของเก่าสมชาย", None)?;
    let point = waste::lookup_point(&conn, None, POINT)?;
    let pet = waste::material(&conn, "PET_CLEAR")?;
    let sale = waste::NewSale {
        buyer_id: buyer.id,
        point_id: point.id,
        date: date(2024, 3, 10),
        receipt_no: None,
        note: None,
        lines: vec![waste::NewSaleLine {
            material_id: pet.id,
            grams,
            satang_per_kg: Some(1_200),
        }],
        force: false,
    };
    waste::record_sale(&conn, &ctx, &sale)?;
    Ok(())
}

#[test]
fn credit_trace_text_names_buyer() -> TestResult {
    let db = with_members()?;
    add_credit_deposit(&db, &[])?;
    db.cli(&[
        "credit", "convert", "--member", "BY001", "--date", "2/3/2567",
    ])?;
    sell_pet(&db, 10_000)?;

    let output = db.cli(&["credit", "trace", "--member", "BY001"])?;

    assert!(output.contains("bought 2 shares"), "the purchase: {output}");
    assert!(output.contains("ร้านรับซื้อของเก่าสมชาย"), "the buyer: {output}");
    Ok(())
}

#[test]
fn credit_one_share_in_singular() -> TestResult {
    let db = with_members()?;
    add_credit_deposit(&db, &[])?;

    let converted = db.cli(&[
        "credit", "convert", "--member", "BY001", "--shares", "1", "--date", "2/3/2567",
    ])?;
    let traced = db.cli(&["credit", "trace", "--member", "BY001"])?;

    assert!(
        converted.contains("BY001 bought 1 share for"),
        "the purchase: {converted}"
    );
    assert!(traced.contains("bought 1 share for"), "the trace: {traced}");
    Ok(())
}

#[test]
fn receipt_pdf_reads_in_thai() -> TestResult {
    let db = with_members()?;
    let receipt = db.dir.path().join("receipt.pdf");

    add_credit_deposit(&db, &["--receipt", text(&receipt)?])?;

    let pdf = pdf_text(&receipt)?;
    for expected in [
        "ใบรับฝากขยะรีไซเคิล",
        "วันที่ 1 มีนาคม 2567",
        "BY001",
        "ขวดพลาสติกใส (PET)",
        "กระป๋องอะลูมิเนียม",
        "12.5 กก.",
        "220.00",
        "สองร้อยยี่สิบบาทถ้วน",
        "เข้าบัญชีเครดิตพลาสติก",
        "เครดิตคงเหลือ 220.00 บาท",
        "ผู้ชั่ง: สมศรี",
        POINT,
    ] {
        assert!(
            pdf.contains(expected),
            "A6 receipt lacks {expected:?}:\n{pdf}"
        );
    }
    Ok(())
}

#[test]
fn slip_receipt_is_80_mm_wide() -> TestResult {
    let db = with_members()?;
    let deposit = add_credit_deposit(&db, &[])?;
    let id = deposit["id"].to_string();
    let receipt = db.dir.path().join("slip.pdf");

    db.cli(&[
        "deposits",
        "receipt",
        "--id",
        &id,
        "--layout",
        "slip80",
        "--out",
        text(&receipt)?,
    ])?;

    let pdf = pdf_text(&receipt)?;
    assert!(pdf.contains("ใบรับฝากขยะรีไซเคิล"), "title:\n{pdf}");
    assert!(pdf.contains("1 มีนาคม 2567"), "BE date:\n{pdf}");
    assert!(
        pdf.contains("12.5 กก. × 8.00 บาท"),
        "weight and price:\n{pdf}"
    );
    let info = Command::new("pdfinfo").arg(&receipt).output()?;
    let info = String::from_utf8(info.stdout)?;
    assert!(info.contains("226.77 x"), "80 mm wide:\n{info}");
    Ok(())
}

#[test]
fn receipt_shows_weight_exactly() -> TestResult {
    let db = with_members()?;
    let receipt = db.dir.path().join("exact.pdf");
    let line = "PET_CLEAR=1.25@8";

    add_credit_deposit(&db, &["--line", line, "--receipt", text(&receipt)?])?;

    let pdf = pdf_text(&receipt)?;
    assert!(
        pdf.contains("1.25 กก."),
        "1.25 kg is not rounded to 1.3:\n{pdf}"
    );
    assert!(
        pdf.contains("10.00"),
        "1.25 kg at 8 baht is 10 baht:\n{pdf}"
    );
    Ok(())
}

#[test]
fn patronage_pool_splits_in_dividend_json() -> TestResult {
    let db = with_deposits()?;
    let ledger = fixture("share-ledger-2567.xlsx");
    db.import(&["share-ledger", text(&ledger)?])?;

    let run = db.cli_json(&[
        "dividend",
        "run",
        "--year",
        "2567",
        "--pool",
        "12345.67",
        "--patronage-pool",
        "5000",
        "--json",
    ])?;

    let members = run["members"].as_array().ok_or("members")?;
    let refunds: i64 = members
        .iter()
        .map(|m| m["patronage_satang"].as_i64().unwrap_or(-1_000_000))
        .sum();
    assert_eq!(refunds, 500_000, "refunds add up to the pool");
    assert_eq!(run["patronage_pool_satang"], 500_000);
    assert_eq!(run["total_satang"], 1_234_567, "the dividend is unchanged");
    let truth = expected()?;
    let dividends = truth["dividend"]["by_member_satang"]
        .as_object()
        .ok_or("by_member_satang")?;
    for member in members {
        let no = member["member_no"].as_str().ok_or("member_no")?;
        let want = dividends.get(no).and_then(Value::as_i64).unwrap_or(0);
        assert_eq!(member["amount_satang"], want, "dividend of {no}");
    }
    Ok(())
}

#[test]
fn patronage_prints_on_dividend_slip() -> TestResult {
    let db = with_deposits()?;
    let ledger = fixture("share-ledger-2567.xlsx");
    db.import(&["share-ledger", text(&ledger)?])?;
    db.cli(&[
        "dividend",
        "run",
        "--year",
        "2567",
        "--pool",
        "12345.67",
        "--patronage-pool",
        "5000",
    ])?;
    db.cli(&["dividend", "approve", "--year", "2567"])?;
    let slips = db.dir.path().join("slips.pdf");

    db.cli(&["slips", "--year", "2567", "--out", text(&slips)?])?;

    let pdf = pdf_text(&slips)?;
    assert!(pdf.contains("เงินเฉลี่ยคืน"), "the refund's line:\n{pdf}");
    assert!(pdf.contains("ตามมูลค่าขยะที่ฝากในปี"), "its basis");
    assert!(pdf.contains("รวมรับทั้งสิ้น"), "the total received");
    Ok(())
}

#[test]
fn invalid_patronage_pool_is_rejected() -> TestResult {
    let db = with_deposits()?;

    let output = run(
        &db,
        &[
            "dividend",
            "run",
            "--year",
            "2567",
            "--pool",
            "100",
            "--patronage-pool",
            "ห้าพัน",
        ],
    )?;

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr)?;
    assert!(stderr.contains("ห้าพัน"), "quotes the value: {stderr}");
    Ok(())
}

#[test]
fn programme_report_pdf_reads_in_thai() -> TestResult {
    let db = with_deposits()?;
    let out = db.dir.path().join("programme.pdf");

    let report = db.cli_json(&[
        "report",
        "programme",
        "--from",
        "1/1/2567",
        "--to",
        "31/12/2567",
        "--out",
        text(&out)?,
        "--json",
    ])?;

    let pdf = pdf_text(&out)?;
    let total = waste::format_kg(report["total_grams"].as_i64().ok_or("total_grams")?);
    let plastic = waste::format_kg(report["plastic_grams"].as_i64().ok_or("plastic_grams")?);
    for expected in [
        "รายงานผลโครงการธนาคารขยะชุมชน",
        "ระหว่างวันที่ 1 มกราคม 2567 ถึงวันที่ 31 ธันวาคม 2567",
        "ชุมชนที่มีการฝาก (1 ชุมชน): บ่อยาง",
        "พลาสติกที่ไม่เข้าสู่บ่อขยะ",
        "PET (ขวดใส/ขวดสี)",
        "กระป๋องอะลูมิเนียม",
        "1,015.2",
        "ม.ค. 67",
        "จุดรับที่มีปริมาณมากที่สุด",
        "68,970.88",
        total.as_str(),
        plastic.as_str(),
    ] {
        assert!(pdf.contains(expected), "report lacks {expected:?}:\n{pdf}");
    }
    assert_eq!(plastic, "3,590.6", "PET, HDPE and LDPE of the sample");
    Ok(())
}

#[test]
fn programme_report_xlsx_has_every_sheet() -> TestResult {
    let db = with_deposits()?;
    let out = db.dir.path().join("programme.xlsx");

    db.cli(&[
        "report",
        "programme",
        "--from",
        "1/1/2567",
        "--to",
        "31/12/2567",
        "--out",
        text(&out)?,
    ])?;

    let mut workbook = calamine::open_workbook_auto(&out)?;
    let names = workbook.sheet_names();
    assert_eq!(
        names,
        ["สรุป", "รายเดือน", "พลาสติก", "เงินคืนสมาชิก", "จุดรับ", "วัสดุ"],
        "sheets"
    );
    let materials = workbook.worksheet_range("วัสดุ")?;
    let cans = materials
        .rows()
        .find(|row| row.first().map(|c| c.to_string()) == Some("ALU_CAN".into()))
        .ok_or("ALU_CAN row")?;
    let kg = cans
        .get(4)
        .and_then(calamine::DataType::get_float)
        .ok_or("kg cell")?;
    assert!((kg - 1015.2).abs() < 0.05, "ALU_CAN kg {kg}");
    let summary = workbook.worksheet_range("สรุป")?;
    let value = summary
        .rows()
        .find(|row| row.first().map(|c| c.to_string()) == Some("เงินที่คืนสู่สมาชิก (บาท)".into()))
        .and_then(|row| row.get(1).and_then(calamine::DataType::get_float))
        .ok_or("value returned")?;
    assert_eq!(value, 68_970.88, "value returned in baht");
    Ok(())
}

#[test]
fn programme_report_filters_community() -> TestResult {
    let db = with_deposits()?;
    let out = db.dir.path().join("none.pdf");

    let output = run(
        &db,
        &[
            "report",
            "programme",
            "--from",
            "1/1/2567",
            "--to",
            "31/12/2567",
            "--community",
            "ไม่มีชุมชนนี้",
            "--out",
            text(&out)?,
        ],
    )?;

    assert_eq!(output.status.code(), Some(1), "unknown community");
    assert!(!out.exists(), "no report written");
    Ok(())
}

/// Set to skip the tests that need LibreOffice Calc.
const SKIP_LIBREOFFICE: &str = "CHUMCHON_SKIP_LIBREOFFICE";

/// Converts every sheet of `xlsx` to CSV as LibreOffice shows the cells,
/// and returns the text of the sheet called `sheet`.
fn libreoffice_sheet(xlsx: &Path, work: &Path, sheet: &str) -> TestResult<String> {
    // Comma, double quote, UTF-8, from line 1, cells as shown, and the
    // last field -1 for every sheet, one file each.
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("profile").display()
    );
    let output = Command::new("soffice")
        .env("LC_ALL", "C.UTF-8")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(work)
        .arg(xlsx)
        .output()
        .map_err(|error| {
            format!(
                "cannot run soffice ({error}): install LibreOffice Calc (Debian: \
                 libreoffice-calc-nogui) or set {SKIP_LIBREOFFICE}=1 to skip this test"
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "soffice failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let stem = xlsx
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("file name")?;
    Ok(std::fs::read_to_string(
        work.join(format!("{stem}-{sheet}.csv")),
    )?)
}

#[test]
fn programme_xlsx_shows_buddhist_months() -> TestResult {
    if std::env::var_os(SKIP_LIBREOFFICE).is_some() {
        eprintln!("skipped: {SKIP_LIBREOFFICE} is set");
        return Ok(());
    }
    let db = with_deposits()?;
    let out = db.dir.path().join("programme.xlsx");
    db.cli(&[
        "report",
        "programme",
        "--from",
        "1/1/2567",
        "--to",
        "31/12/2567",
        "--out",
        text(&out)?,
    ])?;

    let monthly = libreoffice_sheet(&out, db.dir.path(), "รายเดือน")?;
    let summary = libreoffice_sheet(&out, db.dir.path(), "สรุป")?;
    let plastic = libreoffice_sheet(&out, db.dir.path(), "พลาสติก")?;

    assert!(
        monthly.contains("\nมกราคม 2567,บ่อยาง,"),
        "months in BE:\n{monthly}"
    );
    let conn = db.open()?;
    let year = waste::deposits::summary(&conn, date(2024, 1, 1), date(2024, 12, 31))?;
    let total = waste::format_kg(year.grams_by_material.values().sum());
    assert!(
        monthly.contains(&format!("\"{total}\"")),
        "the kg total {total} with one decimal:\n{monthly}"
    );
    assert!(
        summary.contains("ตั้งแต่วันที่,1 มกราคม 2567"),
        "the period in BE:\n{summary}"
    );
    assert!(
        plastic.contains("\nธันวาคม 2567,"),
        "the plastic sheet's months:\n{plastic}"
    );
    Ok(())
}

#[test]
fn stock_and_margin_follow_sale() -> TestResult {
    let db = with_members()?;
    add_credit_deposit(&db, &[])?;
    sell_pet(&db, 10_000)?;

    let stock = db.cli_json(&["report", "stock", "--json"])?;
    let margin = db.cli_json(&[
        "report",
        "margin",
        "--from",
        "1/3/2567",
        "--to",
        "31/3/2567",
        "--json",
    ])?;

    let grams = |code: &str| {
        stock
            .as_array()
            .and_then(|lines| lines.iter().find(|line| line["material"] == code))
            .map(|line| line["grams"].clone())
    };
    assert_eq!(
        grams("PET_CLEAR"),
        Some(Value::from(2_500)),
        "12.5 kg less 10"
    );
    assert_eq!(grams("ALU_CAN"), Some(Value::from(3_000)), "cans unsold");
    let march = &margin[0];
    assert_eq!(march["revenue"], 12_000, "10 kg at 12 baht");
    assert_eq!(march["cost"], 8_000, "10 kg bought at 8 baht");
    assert_eq!(march["margin"], 4_000);
    Ok(())
}

#[test]
fn aliases_can_be_set_and_removed() -> TestResult {
    let db = with_members()?;

    let set = db.cli_json(&[
        "deposits",
        "aliases",
        "--set",
        "ยางรถยนต์",
        "--code",
        "other_plastic",
        "--json",
    ])?;
    let removed = db.cli_json(&["deposits", "aliases", "--delete", "ยางรถยนต์", "--json"])?;

    let has_tyre = |list: &Value| {
        list.as_array()
            .is_some_and(|aliases| aliases.iter().any(|a| a["alias"] == "ยางรถยนต์"))
    };
    assert!(has_tyre(&set), "the new alias is listed");
    let tyre = set
        .as_array()
        .and_then(|aliases| aliases.iter().find(|a| a["alias"] == "ยางรถยนต์"));
    assert_eq!(
        tyre.map(|a| a["code"].clone()),
        Some(Value::from("OTHER_PLASTIC"))
    );
    assert!(!has_tyre(&removed), "the removed alias is gone");
    Ok(())
}

/// A log row of 1 April 2567 at the temple point.
fn april_first(member: &'static str, material: &'static str, kg: f64, price: f64) -> LogRow {
    (
        DateCell::ThaiShort(2024, 4, 1),
        member,
        material,
        kg,
        price,
        POINT,
    )
}

/// Kilograms by material of the year 2567, from the summary's JSON.
fn kg_by_material(db: &TempDb) -> TestResult<Value> {
    let summary = db.cli_json(&["deposits", "summary", "--year", "2567", "--json"])?;
    Ok(summary["kg_by_material"].clone())
}

#[test]
fn corrected_member_and_material_are_held_back_then_replaced() -> TestResult {
    let db = with_members()?;
    let first = db.dir.path().join("first.xlsx");
    let glass = april_first("BY001", "ขวดแก้ว", 2.0, 1.0);
    let film = april_first("BY002", "ถุงพลาสติก", 3.0, 1.0);
    write_quirky_log(&first, &[glass, film])?;
    db.import(&["deposits", text(&first)?])?;
    let edited = db.dir.path().join("edited.xlsx");
    let glass_fixed = april_first("BY003", "ขวดแก้ว", 2.0, 1.0);
    let film_fixed = april_first("BY002", "ขวดแก้ว", 3.0, 1.0);
    write_quirky_log(&edited, &[glass_fixed, film_fixed])?;

    let held = run(&db, &["import", "deposits", text(&edited)?, "--json"])?;
    let held_kg = kg_by_material(&db)?;
    let accepted = run(
        &db,
        &[
            "import",
            "deposits",
            text(&edited)?,
            "--accept-changes",
            "--json",
        ],
    )?;
    let accepted_kg = kg_by_material(&db)?;

    let report: Value = serde_json::from_slice(&held.stdout)?;
    assert_eq!(report["imported"], 0, "no corrected row is new: {report}");
    let held_back = report["held_back"].as_array().ok_or("held_back listed")?;
    assert_eq!(
        held_back.len(),
        2,
        "both corrected rows held back: {report}"
    );
    assert_eq!(
        held.status.code(),
        Some(3),
        "held-back rows are not success"
    );
    assert_eq!(
        held_kg["GLASS"], 2.0,
        "the held-back rows leave glass as it was"
    );
    assert_eq!(held_kg["LDPE_FILM"], 3.0, "the film stays until accepted");
    assert_eq!(accepted.status.code(), Some(0), "accepted changes succeed");
    assert_eq!(
        accepted_kg["GLASS"], 5.0,
        "glass counted once: {accepted_kg}"
    );
    assert_eq!(
        accepted_kg
            .get("LDPE_FILM")
            .and_then(Value::as_f64)
            .unwrap_or(0.0),
        0.0,
        "the film deposit was reversed: {accepted_kg}"
    );
    Ok(())
}

#[test]
fn remapped_material_is_a_change_not_a_second_deposit() -> TestResult {
    let db = with_members()?;
    let log = db.dir.path().join("oil.xlsx");
    let oil = april_first("BY001", "ขวดน้ำมันเครื่อง", 2.5, 2.0);
    write_quirky_log(&log, &[oil])?;
    db.import(&["deposits", text(&log)?, "--map", "ขวดน้ำมันเครื่อง=HDPE"])?;

    let again = run(
        &db,
        &[
            "import",
            "deposits",
            text(&log)?,
            "--map",
            "ขวดน้ำมันเครื่อง=PP",
            "--json",
        ],
    )?;
    let kg = kg_by_material(&db)?;

    let report: Value = serde_json::from_slice(&again.stdout)?;
    assert_eq!(
        report["imported"], 0,
        "the remapped row is not new: {report}"
    );
    assert_eq!(kg["HDPE"], 2.5, "the HDPE deposit stands: {kg}");
    assert!(kg.get("PP").is_none(), "no second deposit as PP: {kg}");
    Ok(())
}

#[test]
fn already_imported_is_said_only_when_nothing_is_written() -> TestResult {
    let db = with_members()?;
    let mixed = db.dir.path().join("mixed.xlsx");
    let tyre = april_first("BY001", "ยางรถยนต์", 5.0, 2.0);
    let glass = (
        DateCell::ThaiShort(2024, 4, 2),
        "BY002",
        "ขวดแก้ว",
        3.0,
        1.0,
        POINT,
    );
    write_quirky_log(&mixed, &[tyre, glass])?;
    run(&db, &["import", "deposits", text(&mixed)?])?;

    let mapped = run(
        &db,
        &[
            "import",
            "deposits",
            text(&mixed)?,
            "--map",
            "ยางรถยนต์=OTHER_PLASTIC",
        ],
    )?;

    let stdout = String::from_utf8(mapped.stdout)?;
    assert!(
        stdout.contains("1 imported"),
        "the tyre row is written: {stdout}"
    );
    assert!(
        !stdout.contains("nothing was changed"),
        "a run that writes does not say nothing changed: {stdout}"
    );
    Ok(())
}

#[test]
fn repeated_row_is_imported_with_a_warning() -> TestResult {
    let db = with_members()?;
    let log = db.dir.path().join("twice.xlsx");
    let glass = april_first("BY001", "ขวดแก้ว", 2.0, 1.0);
    write_quirky_log(&log, &[glass, glass])?;

    let report = db.cli_json(&["import", "deposits", text(&log)?, "--json"])?;

    assert_eq!(report["imported"], 2, "both rows are imported: {report}");
    assert_eq!(
        report["warnings"][0]["code"], "deposit_repeated",
        "the second row is flagged: {report}"
    );
    assert_eq!(report["warnings"][0]["row"], 5, "on the repeating row");
    Ok(())
}

#[test]
fn next_month_log_is_not_a_correction() -> TestResult {
    let db = with_members()?;
    let january = db.dir.path().join("january.xlsx");
    let glass = (
        DateCell::ThaiShort(2024, 1, 15),
        "BY001",
        "ขวดแก้ว",
        2.0,
        1.0,
        POINT,
    );
    write_quirky_log(&january, &[glass])?;
    db.import(&["deposits", text(&january)?])?;
    let february = db.dir.path().join("february.xlsx");
    let same_in_february = (
        DateCell::ThaiShort(2024, 2, 15),
        "BY001",
        "ขวดแก้ว",
        2.0,
        1.0,
        POINT,
    );
    let other_point = (
        DateCell::ThaiShort(2024, 1, 15),
        "BY002",
        "ขวดแก้ว",
        3.0,
        1.0,
        "จุดรับตลาด",
    );
    write_quirky_log(&february, &[same_in_february])?;
    let market = db.dir.path().join("market.xlsx");
    write_quirky_log(&market, &[other_point])?;

    let report = db.cli_json(&["import", "deposits", text(&february)?, "--json"])?;
    let market_report = db.cli_json(&["import", "deposits", text(&market)?, "--json"])?;

    assert_eq!(report["imported"], 1, "February's row is new: {report}");
    assert_eq!(
        market_report["imported"], 1,
        "another point's log of the same day is new: {market_report}"
    );
    Ok(())
}

#[test]
fn swapped_rows_of_one_key_are_unchanged() -> TestResult {
    let db = with_members()?;
    let first = db.dir.path().join("order1.xlsx");
    let small = april_first("BY001", "ขวดแก้ว", 2.0, 1.0);
    let large = april_first("BY001", "ขวดแก้ว", 3.0, 1.0);
    write_quirky_log(&first, &[small, large])?;
    db.import(&["deposits", text(&first)?])?;
    let second = db.dir.path().join("order2.xlsx");
    write_quirky_log(&second, &[large, small])?;

    let swapped = run(&db, &["import", "deposits", text(&second)?, "--json"])?;

    let report: Value = serde_json::from_slice(&swapped.stdout)?;
    assert_eq!(report["imported"], 0, "nothing new: {report}");
    assert!(
        report.get("held_back").is_none(),
        "nothing changed: {report}"
    );
    assert_eq!(swapped.status.code(), Some(0), "success");
    Ok(())
}

#[test]
fn header_without_rows_is_flagged() -> TestResult {
    let db = with_members()?;
    let log = db.dir.path().join("header-only.xlsx");
    write_quirky_log(&log, &[])?;

    let report = db.cli_json(&["import", "deposits", text(&log)?, "--json"])?;

    assert_eq!(
        report["warnings"][0]["code"], "no_rows",
        "an empty log is flagged: {report}"
    );
    Ok(())
}
