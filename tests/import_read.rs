//! Integration tests of the spreadsheet reader: the legacy sample registers
//! in `tests/fixtures`, and sheets built here with rust_xlsxwriter that show
//! one quirk each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chumchon::import::read::xls::{biff_version, BiffVersion};
use chumchon::import::read::{
    file_sha256, list_sheets, read_table, FieldKind, FieldSpec, Schema, SheetRole, SkipReason,
    Table, Value, LEDGER, MEMBERS,
};
use chumchon::import::report::Severity;
use chumchon::Satang;
use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook, Worksheet};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test date exists")
}

/// A member as `legacy-expected.json` lists it.
struct ExpectedMember {
    member_no: String,
    first_name: String,
    last_name: String,
    joined: NaiveDate,
    national_id: Option<String>,
    shares: i64,
}

fn expected_members() -> Result<Vec<ExpectedMember>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(fixture("legacy-expected.json"))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let members = json["members"]
        .as_array()
        .ok_or("no members in expected.json")?;
    members
        .iter()
        .map(|member| {
            let text = |key: &str| member[key].as_str().map(str::to_string);
            Ok(ExpectedMember {
                member_no: text("member_no").ok_or("member_no")?,
                first_name: text("first_name").ok_or("first_name")?,
                last_name: text("last_name").ok_or("last_name")?,
                joined: text("joined").ok_or("joined")?.parse()?,
                national_id: text("national_id"),
                shares: member["shares"].as_i64().ok_or("shares")?,
            })
        })
        .collect()
}

/// Checks the rows of a members table against the expected members, in
/// order, field by field. The expected list leaves out BY061, the last row,
/// whose national ID repeats BY013's.
fn assert_members_match(table: &Table, expected: &[ExpectedMember]) {
    for (row, member) in table.rows.iter().zip(expected) {
        let context = format!("{} row {}", table.file, row.number);
        assert_eq!(
            row.text("member_no"),
            Some(member.member_no.as_str()),
            "{context}: number"
        );
        assert_eq!(
            row.date("joined"),
            Some(member.joined),
            "{context}: join date"
        );
        assert_eq!(
            row.text("first_name"),
            Some(member.first_name.as_str()),
            "{context}: name"
        );
        assert_eq!(
            row.text("last_name"),
            Some(member.last_name.as_str()),
            "{context}: surname"
        );
        let id = member.national_id.as_deref();
        assert_eq!(row.national_id("national_id"), id, "{context}: national ID");
        assert_eq!(
            row.integer("shares").unwrap_or(0),
            member.shares,
            "{context}: shares"
        );
        assert_eq!(row.problems, vec![], "{context}: no problems");
    }
}

fn assert_last_is_by061(table: &Table) {
    assert_eq!(table.rows.len(), 61, "{}: BY001 to BY061", table.file);
    let last = table.rows.last();
    assert_eq!(
        last.and_then(|row| row.text("member_no")),
        Some("BY061"),
        "{}: last",
        table.file
    );
    let joined = last.and_then(|row| row.date("joined"));
    assert_eq!(
        joined,
        Some(date(2024, 6, 1)),
        "{}: BY061 joined 01/06/2567",
        table.file
    );
}

#[test]
fn members_xlsx_gives_61_rows_with_expected_values() -> TestResult {
    let table = read_table(&fixture("members-boyang-2567.xlsx"), &MEMBERS, None)?;
    let expected = expected_members()?;

    assert_members_match(&table, &expected);
    assert_last_is_by061(&table);
    assert_eq!(
        table.sheet, "ทะเบียนสมาชิก",
        "register sheet, not the summary"
    );
    assert!(
        table.sheet_choice.contains("สรุป"),
        "reason names the other sheet"
    );
    assert_eq!(table.header_row, 4, "header below the title rows");
    let date_line = "ข้อมูล ณ วันที่ 31 ธันวาคม 2567".to_string();
    assert!(
        table.title_lines.contains(&date_line),
        "title lines: {:?}",
        table.title_lines
    );
    assert_eq!(table.problems, vec![], "no sheet problems");
    Ok(())
}

#[test]
fn members_xlsx_skips_blank_and_total_rows() -> TestResult {
    let table = read_table(&fixture("members-boyang-2567.xlsx"), &MEMBERS, None)?;

    let total = table.skipped.iter().find(|skipped| skipped.row == 69);
    assert_eq!(
        total.map(|s| s.reason),
        Some(SkipReason::Total),
        "row 69 is the total"
    );
    let blanks = table
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Blank)
        .count();
    assert_eq!(blanks, 3, "blank rows 25, 47 and 68");
    assert_eq!(table.rows_read, 65, "rows 5 to 69");
    Ok(())
}

#[test]
fn members_xlsx_maps_and_types_columns() -> TestResult {
    let table = read_table(&fixture("members-boyang-2567.xlsx"), &MEMBERS, None)?;

    let value_column = table.column_of("share_value").map(|c| c.letter.as_str());
    assert_eq!(value_column, Some("K"), "มูลค่าหุ้น (บาท) is the share value");
    let by017 = table
        .rows
        .iter()
        .find(|row| row.text("member_no") == Some("BY017"));
    let by017 = by017.ok_or("BY017 missing")?;
    assert_eq!(
        by017.money("share_value"),
        Some(Satang(530_000)),
        "text 5,300"
    );
    assert_eq!(
        by017.national_id("national_id"),
        Some("8908384865407"),
        "number cell ID"
    );
    assert_eq!(by017.phone("phone"), Some("0964898677"), "phone as digits");
    let first = &table.rows[0];
    assert_eq!(
        first.text("first_name"),
        Some("ณรงค์"),
        "trailing spaces trimmed"
    );
    Ok(())
}

#[test]
fn old_excel_xls_matches_expected_members() -> TestResult {
    let path = fixture("members-boyang-2567-old-excel.xls");
    assert_eq!(biff_version(&path)?, BiffVersion::Biff8, "Excel 97 file");

    let table = read_table(&path, &MEMBERS, None)?;

    assert_members_match(&table, &expected_members()?);
    assert_last_is_by061(&table);
    assert_eq!(table.sheet, "ทะเบียนสมาชิก", "Thai sheet name decoded");
    Ok(())
}

#[test]
fn excel95_xls_reads_thai_in_its_code_page() -> TestResult {
    let path = fixture("members-boyang-2567-excel95.xls");
    assert_eq!(
        biff_version(&path)?,
        BiffVersion::Biff5OrOlder,
        "Excel 95 file"
    );

    let table = read_table(&path, &MEMBERS, None)?;

    assert_members_match(&table, &expected_members()?);
    assert_last_is_by061(&table);
    Ok(())
}

#[test]
fn tis620_csv_matches_expected_members() -> TestResult {
    let table = read_table(&fixture("members-boyang-2567-tis620.csv"), &MEMBERS, None)?;
    let expected = expected_members()?;

    assert_members_match(&table, &expected);
    assert_eq!(table.rows.len(), 60, "the CSV stops at BY060");
    assert_eq!(
        table.sheet, "members-boyang-2567-tis620.csv",
        "CSV sheet is the file name"
    );
    Ok(())
}

#[test]
fn ods_matches_expected_members() -> TestResult {
    let table = read_table(&fixture("members-boyang-2567.ods"), &MEMBERS, None)?;

    assert_members_match(&table, &expected_members()?);
    assert_last_is_by061(&table);
    Ok(())
}

#[test]
fn share_ledger_reads_all_movements() -> TestResult {
    let table = read_table(&fixture("share-ledger-2567.xlsx"), &LEDGER, None)?;

    assert_eq!(table.rows.len(), 158, "ledger rows");
    assert_eq!(
        table.title_lines,
        vec!["สมุดทะเบียนหุ้น ปี 2567".to_string()],
        "title"
    );
    let first = &table.rows[0];
    assert_eq!(first.date("date"), Some(date(2024, 1, 1)), "BE text date");
    assert_eq!(
        first.text("kind"),
        Some("ยกมา"),
        "brought forward is a record"
    );
    assert_eq!(first.money("amount"), Some(Satang(50_000)), "text amount");
    let errors = table.rows.iter().filter(|row| row.has_errors()).count();
    assert_eq!(errors, 0, "no row errors");
    Ok(())
}

const WASTE: Schema = Schema {
    name: "waste deposits",
    fields: &[
        FieldSpec {
            key: "date",
            synonyms: &["วันที่"],
            kind: FieldKind::Date,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "member_no",
            synonyms: &["เลขที่สมาชิก"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "name",
            exact_synonyms: &["ชื่อ"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "material",
            synonyms: &["ประเภทขยะ", "วัสดุ"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "kg",
            synonyms: &["น้ำหนัก"],
            kind: FieldKind::Decimal { places: 3 },
            required: true,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "price",
            synonyms: &["ราคากก", "ราคาต่อกก"],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "value",
            synonyms: &["เป็นเงิน", "จำนวนเงิน"],
            kind: FieldKind::Money,
            required: true,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "point",
            synonyms: &["จุดรับ"],
            ..FieldSpec::EMPTY
        },
    ],
};

#[test]
fn formula_column_without_results_is_reported_once() -> TestResult {
    let table = read_table(&fixture("waste-deposits-2567.xlsx"), &WASTE, None)?;

    assert_eq!(table.rows.len(), 480, "deposits");
    let formula_problems: Vec<_> = table
        .problems
        .iter()
        .filter(|p| p.code == "formula_without_value")
        .collect();
    assert_eq!(
        formula_problems.len(),
        1,
        "one problem for the column: {:?}",
        table.problems
    );
    assert_eq!(formula_problems[0].column.as_deref(), Some("G"), "column G");
    assert_eq!(table.formula_columns.len(), 1, "one formula column");
    assert_eq!(
        table.formula_columns[0].example, "E2*F2",
        "formula text exposed"
    );
    assert_eq!(
        table.formula_columns[0].rows, 480,
        "every row lacks a result"
    );
    assert_eq!(
        table.rows[0].formula("value"),
        Some("E2*F2"),
        "formula per row"
    );
    let missing = table.rows.iter().flat_map(|row| &row.problems).count();
    assert_eq!(missing, 0, "no per-row problems for the formula column");
    assert_eq!(
        table.rows[0].date("date"),
        Some(date(2024, 1, 23)),
        "Thai-calendar date"
    );
    Ok(())
}

#[test]
fn formula_column_can_be_computed_by_the_caller() -> TestResult {
    let mut table = read_table(&fixture("waste-deposits-2567.xlsx"), &WASTE, None)?;

    let filled = table.fill_formula_column("value", |row| {
        let grams = row.decimal("kg")?;
        let price = row.money("price")?.satang();
        Some(Value::Money(Satang((grams * price + 500) / 1000)))
    });

    assert_eq!(filled, 480, "every row computed");
    let total: Satang = table.rows.iter().filter_map(|row| row.money("value")).sum();
    assert_eq!(total, Satang(6_897_088), "total value of the deposits");
    let grams: i64 = table.rows.iter().filter_map(|row| row.decimal("kg")).sum();
    assert_eq!(grams, 6_157_200, "total kilograms as grams");
    let left = table
        .problems
        .iter()
        .filter(|p| p.code == "formula_without_value")
        .count();
    assert_eq!(left, 0, "problem removed once the column is computed");
    Ok(())
}

#[test]
fn date1904_workbook_dates_are_read() -> TestResult {
    let schema = Schema {
        name: "members",
        fields: MEMBERS.fields,
    };
    let table = read_table(&fixture("members-1904.xlsx"), &schema, None)?;

    assert_eq!(
        table.rows[0].date("joined"),
        Some(date(2024, 1, 23)),
        "dd/mm/yyyy date"
    );
    assert_eq!(
        table.rows[1].date("joined"),
        Some(date(2019, 12, 31)),
        "Thai-calendar date"
    );
    Ok(())
}

#[test]
fn file_sha256_is_the_digest_of_the_bytes() -> TestResult {
    let digest = file_sha256(&fixture("members-boyang-2567.xlsx"))?;

    let expected = "576e374ef35775da427fd77efd7995cdf262c68547f6e5e8b90518c041428227";
    assert_eq!(digest, expected, "sha256sum of the fixture");
    Ok(())
}

// Sheets built with rust_xlsxwriter.

fn save(
    workbook: &mut Workbook,
    name: &str,
) -> Result<(tempfile::TempDir, PathBuf), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(name);
    workbook.save(&path)?;
    Ok((dir, path))
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[&str],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (col, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, col as u16, *text)?;
        }
    }
    Ok(())
}

#[test]
fn two_row_merged_header_below_merged_titles() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let center = Format::new().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, 7, "ทะเบียนสมาชิก ชุมชนบ่อยาง", &center)?;
    sheet.merge_range(1, 0, 1, 7, "ข้อมูล ณ วันที่ 31 ธันวาคม 2567", &center)?;
    sheet.merge_range(3, 0, 4, 0, "ลำดับ", &center)?;
    sheet.merge_range(3, 1, 4, 1, "รหัสสมาชิก", &center)?;
    sheet.merge_range(3, 2, 4, 2, "ชื่อ - นามสกุล", &center)?;
    sheet.merge_range(3, 3, 3, 5, "ที่อยู่", &center)?;
    sheet.merge_range(3, 6, 3, 7, "หุ้น", &center)?;
    write_row(
        sheet,
        4,
        &["", "", "", "เลขที่", "หมู่", "ตำบล", "จำนวน", "มูลค่า (บาท)"],
    )?;
    write_row(
        sheet,
        5,
        &[
            "1",
            "M001",
            "นายสมชาย ใจดี",
            "12/3",
            "4",
            "บ่อยาง",
            "10",
            "1,000",
        ],
    )?;
    let (_dir, path) = save(&mut workbook, "two-row-header.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(
        (table.header_row, table.header_height),
        (4, 2),
        "header on rows 4 and 5"
    );
    let fields: Vec<Option<&str>> = table.columns.iter().map(|c| c.field).collect();
    let expected = [
        Some("seq"),
        Some("member_no"),
        Some("full_name"),
        Some("house_no"),
        Some("moo"),
        Some("subdistrict"),
        Some("shares"),
        Some("share_value"),
    ];
    assert_eq!(fields, expected, "column mapping");
    assert_eq!(table.title_lines.len(), 2, "two title lines");
    let row = table.rows.first().ok_or("no data row")?;
    assert_eq!(row.number, 6, "data starts on row 6");
    assert_eq!(row.text("house_no"), Some("12/3"), "house number");
    assert_eq!(row.integer("shares"), Some(10), "shares under หุ้น / จำนวน");
    assert_eq!(
        row.money("share_value"),
        Some(Satang(100_000)),
        "value under หุ้น / มูลค่า"
    );
    Ok(())
}

#[test]
fn repeated_header_and_subtotals_are_skipped_without_warnings() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = ["ลำดับ", "เลขที่สมาชิก", "ชื่อ", "นามสกุล", "จำนวนหุ้น"];
    write_row(sheet, 0, &["ทะเบียนสมาชิก"])?;
    write_row(sheet, 1, &header)?;
    write_row(sheet, 2, &["1", "M001", "สมชาย", "ใจดี", "5"])?;
    write_row(sheet, 3, &["2", "M002", "สมศรี", "รักษ์ถิ่น", "7"])?;
    write_row(sheet, 4, &["", "", "รวมโซน 1", "", ""])?;
    sheet.write_formula(4, 4, "=SUM(E3:E4)")?;
    write_row(sheet, 6, &["ทะเบียนสมาชิก"])?;
    write_row(sheet, 7, &header)?;
    write_row(sheet, 8, &["3", "M003", "รวมพร", "มั่นคง", "2"])?;
    write_row(sheet, 9, &["", "Total", "", "", "14"])?;
    write_row(sheet, 10, &["", "", "รวมทั้งสิ้น", "", "14"])?;
    let (_dir, path) = save(&mut workbook, "page-breaks.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    let numbers: Vec<u32> = table.rows.iter().map(|row| row.number).collect();
    assert_eq!(numbers, vec![3, 4, 9], "only member rows are candidates");
    let skipped: Vec<(u32, SkipReason)> = table.skipped.iter().map(|s| (s.row, s.reason)).collect();
    let expected = vec![
        (5, SkipReason::Total),
        (6, SkipReason::Blank),
        (7, SkipReason::RepeatedHeader),
        (8, SkipReason::RepeatedHeader),
        (10, SkipReason::Total),
        (11, SkipReason::Total),
    ];
    assert_eq!(skipped, expected, "skipped rows");
    assert_eq!(
        table.rows[2].text("first_name"),
        Some("รวมพร"),
        "a name starting รวม is kept"
    );
    assert!(
        table.problems.is_empty(),
        "no sheet problems: {:?}",
        table.problems
    );
    assert!(
        table.rows.iter().all(|row| row.problems.is_empty()),
        "no row problems"
    );
    Ok(())
}

#[test]
fn register_sheet_is_chosen_over_summary() -> TestResult {
    let mut workbook = Workbook::new();
    let summary = workbook.add_worksheet().set_name("สรุป")?;
    write_row(summary, 0, &["โซน", "จำนวนสมาชิก", "หุ้นรวม"])?;
    write_row(summary, 1, &["1", "2", "12"])?;
    let register = workbook.add_worksheet().set_name("สมาชิก")?;
    write_row(register, 0, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "จำนวนหุ้น"])?;
    write_row(register, 1, &["M001", "สมชาย", "ใจดี", "5"])?;
    write_row(register, 2, &["M002", "สมศรี", "รักษ์ถิ่น", "7"])?;
    let (_dir, path) = save(&mut workbook, "two-sheets.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;
    let sheets = list_sheets(&path, &MEMBERS)?;
    let forced = read_table(&path, &MEMBERS, Some("สมาชิก"))?;
    let missing = read_table(&path, &MEMBERS, Some("Sheet9"))
        .err()
        .ok_or("no error")?;
    let no_header = read_table(&path, &MEMBERS, Some("สรุป"))
        .err()
        .ok_or("no error")?;

    assert_eq!(table.sheet, "สมาชิก", "register chosen");
    assert!(
        table.sheet_choice.contains("2 rows below"),
        "reason: {}",
        table.sheet_choice
    );
    let roles: Vec<(&str, SheetRole, bool)> = sheets
        .iter()
        .map(|s| (s.name.as_str(), s.role, s.chosen))
        .collect();
    let expected = vec![
        ("สรุป", SheetRole::Summary, false),
        ("สมาชิก", SheetRole::Register, true),
    ];
    assert_eq!(roles, expected, "sheet roles");
    assert!(
        forced.sheet_choice.contains("chosen by name"),
        "forced: {}",
        forced.sheet_choice
    );
    assert_eq!(
        missing.code(),
        "import_sheet_not_found",
        "unknown sheet name"
    );
    assert_eq!(
        no_header.code(),
        "import_header_not_found",
        "summary has no register header"
    );
    Ok(())
}

#[test]
fn thai_date_formats_and_be_text_are_dates() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["เลขที่สมาชิก", "วันที่สมัคร", "หมายเหตุ"])?;
    let serial_2024_01_23 = 45314.0;
    let serial_1905_03_01 = (date(1905, 3, 1) - date(1899, 12, 30)).num_days() as f64;
    let custom = [
        "[$-th-TH,107]d mmmm yyyy;@",
        "[$-1070000]d/mm/yyyy;@",
        "[$-101041E]d/mm/yyyy",
        "d/m/bbbb",
        "d/m/bb",
    ];
    let mut row = 1;
    for code in custom {
        let format = Format::new().set_num_format(code);
        sheet.write_string(row, 0, format!("F{row}"))?;
        sheet.write_number_with_format(row, 1, serial_2024_01_23, &format)?;
        row += 1;
    }
    for index in [71u8, 72, 73, 74, 77, 81] {
        let format = Format::new().set_num_format_index(index);
        sheet.write_string(row, 0, format!("F{row}"))?;
        sheet.write_number_with_format(row, 1, serial_1905_03_01, &format)?;
        sheet.write_number_with_format(row, 2, serial_2024_01_23, &format)?;
        row += 1;
    }
    let first_built_in = 6;
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let typed_be = (date(2567, 3, 15) - date(1899, 12, 30)).num_days() as f64;
    sheet.write_string(row, 0, "BE")?;
    sheet.write_number_with_format(row, 1, typed_be, &date_format)?;
    sheet.write_string(row + 1, 0, "BARE")?;
    sheet.write_number(row + 1, 1, serial_2024_01_23)?;
    let texts = [
        "23/01/2567",
        "23 ม.ค. 2567",
        "๒๓ มกราคม ๒๕๖๗",
        "23-1-67",
        "31/02/2567",
        "วันหยุด",
    ];
    for (offset, text) in texts.iter().enumerate() {
        sheet.write_string(row + 2 + offset as u32, 0, format!("T{offset}"))?;
        sheet.write_string(row + 2 + offset as u32, 1, *text)?;
    }
    let (_dir, path) = save(&mut workbook, "dates.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;
    let rows: BTreeMap<&str, &chumchon::import::Row> = table
        .rows
        .iter()
        .map(|r| (r.text("member_no").unwrap_or(""), r))
        .collect();

    for (index, code) in custom.iter().enumerate() {
        let row = rows[format!("F{}", index + 1).as_str()];
        assert_eq!(row.date("joined"), Some(date(2024, 1, 23)), "format {code}");
    }
    for (offset, id) in [71, 72, 73, 74, 77, 81].iter().enumerate() {
        let row = rows[format!("F{}", first_built_in + offset as u32).as_str()];
        assert_eq!(
            row.date("joined"),
            Some(date(1905, 3, 1)),
            "built-in format {id}"
        );
        assert_eq!(
            row.text("notes"),
            Some("2024-01-23"),
            "built-in format {id} in a text column"
        );
    }
    assert_eq!(
        rows["BE"].date("joined"),
        Some(date(2024, 3, 15)),
        "BE year in a CE cell"
    );
    assert_eq!(
        rows["BARE"].date("joined"),
        Some(date(2024, 1, 23)),
        "bare serial"
    );
    for offset in 0..4 {
        let row = rows[format!("T{offset}").as_str()];
        assert_eq!(
            row.date("joined"),
            Some(date(2024, 1, 23)),
            "text {}",
            texts[offset]
        );
    }
    let nonexistent = &rows["T4"].problems;
    assert_eq!(nonexistent.len(), 1, "one problem for 31/02/2567");
    assert_eq!(nonexistent[0].code, "nonexistent_date", "31 February");
    assert_eq!(
        nonexistent[0].value.as_deref(),
        Some("31/02/2567"),
        "raw value kept"
    );
    assert_eq!(nonexistent[0].column.as_deref(), Some("B"), "column letter");
    assert_eq!(
        nonexistent[0].row,
        Some(rows["T4"].number),
        "sheet row number"
    );
    assert_eq!(
        rows["T5"].problems[0].code, "invalid_date",
        "a word is no date"
    );
    Ok(())
}

#[test]
fn numbers_ids_phones_and_spaces_are_normalised() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(
        sheet,
        0,
        &[
            "เลขที่สมาชิก",
            "ชื่อ",
            "เลขบัตรประชาชน",
            "เบอร์โทร",
            "จำนวนหุ้น",
            "มูลค่าหุ้น",
        ],
    )?;
    write_row(
        sheet,
        1,
        &[
            "M001",
            "  สม\u{200b}ชาย  ",
            "1 4399 00123 45 6",
            "",
            "5,300",
            "-",
        ],
    )?;
    sheet.write_number(1, 3, 812345678.0)?;
    write_row(
        sheet,
        2,
        &[
            "M002",
            "นาง\u{a0}\u{a0}สมศรี",
            "",
            "02 123 4567",
            "๑๐",
            "1,000.50",
        ],
    )?;
    sheet.write_number(2, 2, 1439900123456.0)?;
    write_row(sheet, 3, &["M003", "ก", "14399001234", "", "สิบ", "12.345"])?;
    let (_dir, path) = save(&mut workbook, "values.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;
    let [first, second, third] = table.rows.as_slice() else {
        return Err(format!("expected 3 rows, got {}", table.rows.len()).into());
    };

    assert_eq!(
        first.text("first_name"),
        Some("สมชาย"),
        "zero-width and outer spaces removed"
    );
    assert_eq!(
        first.national_id("national_id"),
        Some("1439900123456"),
        "spaced ID"
    );
    assert_eq!(
        first.phone("phone"),
        Some("0812345678"),
        "mobile that lost its zero"
    );
    assert_eq!(first.integer("shares"), Some(5300), "thousands separator");
    assert_eq!(first.money("share_value"), Some(Satang(0)), "dash is zero");
    assert_eq!(
        second.text("first_name"),
        Some("นาง สมศรี"),
        "doubled no-break space"
    );
    assert_eq!(
        second.national_id("national_id"),
        Some("1439900123456"),
        "number ID"
    );
    assert_eq!(second.phone("phone"), Some("021234567"), "Bangkok landline");
    assert_eq!(second.integer("shares"), Some(10), "Thai digits");
    assert_eq!(
        second.money("share_value"),
        Some(Satang(100_050)),
        "baht and satang"
    );
    let codes: Vec<&str> = third.problems.iter().map(|p| p.code).collect();
    let expected = [
        "invalid_national_id_length",
        "invalid_number",
        "invalid_money",
    ];
    assert_eq!(codes, expected, "problems in row 4");
    assert!(
        third.problems.iter().all(|p| p.severity == Severity::Error),
        "all errors"
    );
    Ok(())
}

#[test]
fn formula_cells_give_their_saved_results() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "จำนวนหุ้น", "มูลค่าหุ้น"])?;
    write_row(sheet, 1, &["M001", "สมชาย", "5"])?;
    sheet.write_formula(1, 3, Formula::new("=C2*100").set_result("500"))?;
    let (_dir, path) = save(&mut workbook, "formulas.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    let row = table.rows.first().ok_or("no row")?;
    assert_eq!(
        row.money("share_value"),
        Some(Satang(50_000)),
        "saved result of =C2*100"
    );
    assert!(
        table.formula_columns.is_empty(),
        "a saved result is no missing value"
    );
    Ok(())
}

/// Members with a required member number, unlike [`MEMBERS`], where a
/// register without numbers gets them assigned on import.
const NUMBERED: Schema = Schema {
    name: "numbered members",
    fields: &[
        FieldSpec {
            key: "member_no",
            synonyms: &["เลขที่สมาชิก"],
            required: true,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "first_name",
            exact_synonyms: &["ชื่อ"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "last_name",
            synonyms: &["นามสกุล"],
            ..FieldSpec::EMPTY
        },
    ],
};

#[test]
fn far_stray_cells_stay_sparse() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล"])?;
    write_row(sheet, 1, &["M001", "สมชาย", "ใจดี"])?;
    sheet.write_string(0, 16_383, "x")?;
    sheet.write_string(1_048_575, 1, "far")?;
    let (_dir, path) = save(&mut workbook, "stray.xlsx")?;

    let table = read_table(&path, &NUMBERED, None)?;

    assert_eq!(table.rows.len(), 2, "M001 and the far row");
    let far = &table.rows[1];
    assert_eq!(far.number, 1_048_576, "far row keeps its number");
    assert_eq!(
        far.problems[0].code, "missing_value",
        "far row lacks a member number"
    );
    let outside = table
        .problems
        .iter()
        .find(|p| p.code == "cells_outside_table");
    let message = outside.map(|p| p.message.as_str()).unwrap_or("");
    assert!(message.contains("XFD1"), "stray cell reported: {message}");
    assert_eq!(
        table.skipped.len(),
        1_048_573,
        "blank rows between are counted"
    );
    Ok(())
}

#[test]
fn csv_with_bom_semicolons_and_quotes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("members.csv");
    let text = "\u{feff}เลขที่สมาชิก;ชื่อ;วันที่สมัคร;มูลค่าหุ้น\r\nM001;\"สมชาย\";๑๕/๐๓/๒๕๖๗;\"1,000\"\r\n";
    std::fs::write(&path, text)?;

    let table = read_table(&path, &MEMBERS, None)?;

    let row = table.rows.first().ok_or("no row")?;
    assert_eq!(
        row.text("member_no"),
        Some("M001"),
        "BOM does not hide the header"
    );
    assert_eq!(
        row.date("joined"),
        Some(date(2024, 3, 15)),
        "Thai-digit BE date"
    );
    assert_eq!(
        row.money("share_value"),
        Some(Satang(100_000)),
        "quoted thousands"
    );
    Ok(())
}

#[test]
fn workbook_extension_on_other_content_is_damaged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("export.xls");
    std::fs::write(&path, "<html><table><tr><td>x</td></tr></table></html>")?;

    let error = read_table(&path, &MEMBERS, None).err().ok_or("no error")?;

    assert_eq!(
        error.code(),
        "import_damaged_file",
        "web page saved as .xls"
    );
    Ok(())
}

// Hidden sheets, merged data cells, damaged files and odd text.

/// Writes a members header on `row` and the members on the rows below it,
/// each as number, first name, last name and shares.
fn write_members(sheet: &mut Worksheet, row: u32, members: &[[&str; 4]]) -> TestResult {
    write_row(sheet, row, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "จำนวนหุ้น"])?;
    for (offset, member) in members.iter().enumerate() {
        write_row(sheet, row + 1 + offset as u32, member)?;
    }
    Ok(())
}

#[test]
fn hidden_sheet_loses_to_visible_register() -> TestResult {
    let mut workbook = Workbook::new();
    let current = workbook.add_worksheet().set_name("ทะเบียน")?;
    write_members(current, 0, &[["T001", "หนึ่ง", "ใจดี", "1"]])?;
    let old = workbook.add_worksheet().set_name("เก่า")?;
    let old_rows: Vec<[&str; 4]> = (0..10).map(|_| ["OLD", "เก่า", "ใจดี", "1"]).collect();
    write_members(old, 0, &old_rows)?;
    old.set_hidden(true);
    let (_dir, path) = save(&mut workbook, "hidden.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;
    let sheets = list_sheets(&path, &MEMBERS)?;
    let forced = read_table(&path, &MEMBERS, Some("เก่า"))?;

    assert_eq!(table.sheet, "ทะเบียน", "the visible register is read");
    assert!(
        table.sheet_choice.contains("hidden sheet \"เก่า\""),
        "reason names the hidden sheet: {}",
        table.sheet_choice
    );
    let flags: Vec<(&str, bool, bool)> = sheets
        .iter()
        .map(|s| (s.name.as_str(), s.hidden, s.chosen))
        .collect();
    let expected = vec![("ทะเบียน", false, true), ("เก่า", true, false)];
    assert_eq!(flags, expected, "list_sheets marks the hidden sheet");
    assert_eq!(forced.rows.len(), 10, "a hidden sheet can be named");
    Ok(())
}

#[test]
fn hidden_register_read_as_last_resort() -> TestResult {
    let mut workbook = Workbook::new();
    let cover = workbook.add_worksheet().set_name("ปก")?;
    write_row(cover, 0, &["ทะเบียนสมาชิก ปี 2567"])?;
    let data = workbook.add_worksheet().set_name("ข้อมูล")?;
    write_members(data, 0, &[["T001", "หนึ่ง", "ใจดี", "1"]])?;
    data.set_hidden(true);
    let (_dir, path) = save(&mut workbook, "hidden-only.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(table.sheet, "ข้อมูล", "the only register is read");
    assert!(
        table.sheet_choice.contains("no visible sheet"),
        "reason says why: {}",
        table.sheet_choice
    );
    Ok(())
}

fn codes_on(table: &Table, number: u32) -> Vec<(String, &'static str)> {
    let row = table.rows.iter().find(|row| row.number == number);
    let problems = row.map(|row| row.problems.as_slice()).unwrap_or_default();
    problems
        .iter()
        .map(|p| (p.column.clone().unwrap_or_default(), p.code))
        .collect()
}

#[test]
fn merged_data_cells_fill_the_rows_they_span() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let center = Format::new().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, 3, "ทะเบียนสมาชิก", &center)?;
    let members = [
        ["T001", "หนึ่ง", "", ""],
        ["T002", "สอง", "", "3"],
        ["T003", "สาม", "ศรีสุข", ""],
        ["T004", "สี่", "ทองคำ", ""],
        ["T005", "", "", "2"],
    ];
    write_members(sheet, 1, &members)?;
    // Rows 3-4: a family's last name typed once; rows 5-6: ten shares
    // each; row 7: one name typed across the first- and last-name columns.
    sheet.merge_range(2, 2, 3, 2, "ใจดี", &center)?;
    sheet.merge_range(4, 3, 5, 3, "10", &center)?;
    sheet.merge_range(6, 1, 6, 2, "ห้า ห้าดี", &center)?;
    let (_dir, path) = save(&mut workbook, "merged.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(table.header_row, 2, "merged title leaves the header alone");
    let last_names: Vec<Option<&str>> = table.rows.iter().map(|r| r.text("last_name")).collect();
    let expected = [Some("ใจดี"), Some("ใจดี"), Some("ศรีสุข"), Some("ทองคำ"), None];
    assert_eq!(last_names, expected, "last name filled down its merge");
    let shares: Vec<Option<i64>> = table.rows.iter().map(|r| r.integer("shares")).collect();
    let expected = [None, Some(3), Some(10), Some(10), Some(2)];
    assert_eq!(shares, expected, "shares filled down their merge");
    assert_eq!(
        codes_on(&table, 3),
        vec![],
        "no problem on the merge's first row"
    );
    assert_eq!(codes_on(&table, 4), vec![], "a copied name is not flagged");
    assert_eq!(
        codes_on(&table, 5),
        vec![],
        "no problem on the first shares row"
    );
    let copied = vec![("D".to_string(), "merged_value_copied")];
    assert_eq!(codes_on(&table, 6), copied, "copied shares are flagged");
    let covered = vec![("C".to_string(), "merged_cell_covered")];
    assert_eq!(codes_on(&table, 7), covered, "covered last name is flagged");
    let fifth = table.rows.last().and_then(|row| row.text("first_name"));
    assert_eq!(fifth, Some("ห้า ห้าดี"), "the value stays in the first column");
    Ok(())
}

#[test]
fn password_protected_workbook_is_named() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("register.xlsx");
    let mut file = cfb::create(&path)?;
    std::io::Write::write_all(&mut file.create_stream("/EncryptionInfo")?, &[4, 0, 4, 0])?;
    std::io::Write::write_all(&mut file.create_stream("/EncryptedPackage")?, &[0; 4096])?;
    file.flush()?;
    drop(file);

    let error = read_table(&path, &MEMBERS, None).err().ok_or("no error")?;
    let listing = list_sheets(&path, &MEMBERS).err().ok_or("no error")?;

    assert_eq!(
        error.code(),
        "import_password_protected",
        "read_table: {error}"
    );
    assert_eq!(
        listing.code(),
        "import_password_protected",
        "list_sheets: {listing}"
    );
    let message = error.to_string();
    assert!(message.contains("password"), "says why: {message}");
    assert!(
        message.contains("Protect Workbook"),
        "says what to do: {message}"
    );
    Ok(())
}

#[test]
fn damaged_workbooks_get_plain_messages() -> TestResult {
    let dir = tempfile::tempdir()?;
    let truncated = dir.path().join("truncated.xlsx");
    std::fs::write(&truncated, b"PK\x03\x04 this zip ends here")?;
    let ods_as_xlsx = dir.path().join("renamed.xlsx");
    std::fs::copy(fixture("members-boyang-2567.ods"), &ods_as_xlsx)?;
    let xlsx_as_ods = dir.path().join("renamed.ods");
    std::fs::copy(fixture("members-boyang-2567.xlsx"), &xlsx_as_ods)?;
    let other_ole = dir.path().join("document.xls");
    let mut file = cfb::create(&other_ole)?;
    std::io::Write::write_all(&mut file.create_stream("/WordDocument")?, &[0; 64])?;
    file.flush()?;
    drop(file);
    let cases = [
        (truncated, "Excel workbook (.xlsx)"),
        (ods_as_xlsx, "Excel workbook (.xlsx)"),
        (xlsx_as_ods, "OpenDocument spreadsheet (.ods)"),
        (other_ole, "Excel 97-2003 workbook (.xls)"),
    ];

    for (path, expected) in cases {
        let error = read_table(&path, &MEMBERS, None).err().ok_or("no error")?;
        let message = error.to_string();
        assert_eq!(error.code(), "import_damaged_file", "{message}");
        assert!(message.contains(expected), "names the format: {message}");
        assert!(
            message.contains("save it again"),
            "says what to do: {message}"
        );
        for jargon in ["Zip", "EOCD", "_rels", "stream", "mime"] {
            assert!(!message.contains(jargon), "no {jargon}: {message}");
        }
    }
    Ok(())
}

#[test]
fn empty_file_is_named_empty() -> TestResult {
    for name in ["register.xlsx", "register.csv"] {
        let (_dir, path) = write_file(name, b"")?;

        let error = read_table(&path, &MEMBERS, None).err().ok_or("no error")?;

        assert_eq!(error.code(), "import_empty_file", "{name}: {error}");
        let message = error.to_string();
        assert!(message.contains("empty"), "{name}: {message}");
        assert!(!message.contains("save it as .xlsx"), "{name}: {message}");
    }
    Ok(())
}

/// Writes `bytes` to file `name` in a new temporary folder.
fn write_file(
    name: &str,
    bytes: impl AsRef<[u8]>,
) -> Result<(tempfile::TempDir, PathBuf), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(name);
    std::fs::write(&path, bytes)?;
    Ok((dir, path))
}

#[test]
fn utf16_tab_separated_text_is_read() -> TestResult {
    let text = "เลขที่สมาชิก\tชื่อ\tจำนวนหุ้น\r\nT001\tหนึ่ง\t5\r\nT002\tสอง\t7\r\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (_dir, path) = write_file("register.txt", bytes)?;

    let table = read_table(&path, &MEMBERS, None)?;

    let shares: Vec<Option<i64>> = table.rows.iter().map(|r| r.integer("shares")).collect();
    assert_eq!(shares, [Some(5), Some(7)], "two members read");
    let first = table.rows.first().and_then(|row| row.text("first_name"));
    assert_eq!(first, Some("หนึ่ง"), "Thai text decoded");
    Ok(())
}

#[test]
fn unbalanced_csv_quote_is_reported_on_its_row() -> TestResult {
    let text = "เลขที่สมาชิก,ชื่อ,นามสกุล,จำนวนหุ้น\nC001,\"หนึ่ง,ใจดี,1\nC002,สอง,ใจดี,2\nC003,สาม,ใจดี,3\n";
    let (_dir, path) = write_file("register.csv", text)?;

    let table = read_table(&path, &MEMBERS, None)?;

    let numbers: Vec<Option<&str>> = table.rows.iter().map(|r| r.text("member_no")).collect();
    assert_eq!(
        numbers,
        [Some("C001"), Some("C002"), Some("C003")],
        "rows kept apart"
    );
    let quote = vec![("B".to_string(), "unbalanced_quote")];
    assert_eq!(
        codes_on(&table, 2),
        quote,
        "reported where the quote opened"
    );
    let first = table.rows.first().and_then(|row| row.text("first_name"));
    assert_eq!(first, Some("\"หนึ่ง"), "the quote kept as typed");
    Ok(())
}

#[test]
fn misgrouped_comma_is_an_invalid_number() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_members(sheet, 0, &[["T001", "หนึ่ง", "ใจดี", "2,5"]])?;
    write_row(sheet, 2, &["T002", "สอง", "ใจดี", "1,000"])?;
    let (_dir, path) = save(&mut workbook, "commas.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(
        table.rows[0].integer("shares"),
        None,
        "2,5 is no share count"
    );
    let invalid = vec![("D".to_string(), "invalid_number")];
    assert_eq!(codes_on(&table, 2), invalid, "2,5 reported");
    assert_eq!(
        table.rows[1].integer("shares"),
        Some(1_000),
        "1,000 groups thousands"
    );
    Ok(())
}

#[test]
fn full_width_member_number_reads_as_ascii() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_members(sheet, 0, &[["Ｔ００１", "หนึ่ง\u{3000}", "ใจดี", "１"]])?;
    let (_dir, path) = save(&mut workbook, "full-width.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    let row = table.rows.first().ok_or("no row")?;
    assert_eq!(row.text("member_no"), Some("T001"), "member number folded");
    assert_eq!(
        row.text("first_name"),
        Some("หนึ่ง"),
        "ideographic space trimmed"
    );
    assert_eq!(row.integer("shares"), Some(1), "full-width digit");
    Ok(())
}

#[test]
fn messages_show_thai_as_typed() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("ทะเบียน")?;
    write_row(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "วันที่สมัคร", "จำนวนหุ้น"])?;
    write_row(sheet, 1, &["D001", "หนึ่ง", "ไม่ทราบ", "ไม่มี"])?;
    let (_dir, path) = save(&mut workbook, "thai.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;
    let missing = read_table(&path, &MEMBERS, Some("ไม่มี"))
        .err()
        .ok_or("no error")?;

    let messages: Vec<&str> = table.rows[0]
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        messages.len(),
        2,
        "a date and a number problem: {messages:?}"
    );
    assert!(
        messages[0].contains("\"ไม่ทราบ\""),
        "date as typed: {}",
        messages[0]
    );
    assert!(
        messages[1].contains("\"ไม่มี\""),
        "number as typed: {}",
        messages[1]
    );
    let message = missing.to_string();
    assert!(message.contains("\"ไม่มี\""), "sheet asked for: {message}");
    assert!(message.contains("\"ทะเบียน\""), "sheets found: {message}");
    Ok(())
}
