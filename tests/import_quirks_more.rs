//! Integration tests of the spreadsheet reader on quirks of legacy Thai
//! office sheets. The quirks are rows and columns hidden instead of
//! deleted, rows struck through, a row of units under the header, rows
//! numbered in advance but left empty, and amounts and dates in the forms
//! offices type them. Each test builds its sheet with rust_xlsxwriter.

use std::path::PathBuf;

use chrono::NaiveDate;
use chumchon::import::deposits::DEPOSITS;
use chumchon::import::loans::LOANS;
use chumchon::import::members as members_import;
use chumchon::import::read::{read_table, Schema, SkipReason, Table, LEDGER, MEMBERS};
use chumchon::import::report::Severity;
use chumchon::import::session::{Mode, Outcome};
use chumchon::members::{self, Status};
use chumchon::Satang;
use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook};

mod common;

use common::{context, save_workbook, write_strings, TempDb, TestResult};

fn codes_on(table: &Table, number: u32) -> Vec<&'static str> {
    let row = table.rows.iter().find(|row| row.number == number);
    let problems = row.map(|row| row.problems.as_slice()).unwrap_or_default();
    problems.iter().map(|problem| problem.code).collect()
}

fn shares_of(table: &Table, member_no: &str) -> Option<i64> {
    let row = table
        .rows
        .iter()
        .find(|row| row.text("member_no") == Some(member_no));
    row.and_then(|row| row.integer("shares"))
}

/// Builds a register whose old share column, with the same header, is
/// hidden left of the current one. Row 5, a resigned member, is hidden, and
/// a filter is on.
fn register_with_hidden_parts() -> TestResult<(tempfile::TempDir, PathBuf)> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "ทะเบียนสมาชิก ชุมชนเก้าเส้ง")?;
    let header = ["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "จำนวนหุ้น", "จำนวนหุ้น"];
    write_strings(sheet, 2, &header)?;
    let members = [
        ("KS001", "สมศรี", 3.0, 5.0),
        ("KS002", "มานี", 2.0, 0.0),
        ("KS003", "ปิติ", 1.0, 6.0),
    ];
    for (index, (member_no, name, old, new)) in members.iter().enumerate() {
        let row = 3 + index as u32;
        write_strings(sheet, row, &[member_no, name, "ทดสอบ"])?;
        sheet.write_number(row, 3, *old)?;
        sheet.write_number(row, 4, *new)?;
    }
    sheet.set_column_hidden(3)?;
    sheet.set_row_hidden(4)?;
    sheet.autofilter(2, 0, 5, 4)?;
    save_workbook(&mut workbook, "hidden.xlsx")
}

#[test]
fn hidden_old_column_loses_to_visible_one() -> TestResult {
    let (_dir, path) = register_with_hidden_parts()?;

    let table = read_table(&path, &MEMBERS, None)?;

    let shares_column = table
        .column_of("shares")
        .map(|column| column.letter.as_str());
    assert_eq!(shares_column, Some("E"), "the visible copy is read");
    assert_eq!(shares_of(&table, "KS001"), Some(5), "current shares");
    assert_eq!(shares_of(&table, "KS003"), Some(6), "current shares");
    let hidden_column = table
        .problems
        .iter()
        .any(|p| p.code == "hidden_column_read");
    assert!(!hidden_column, "an unread hidden column is not reported");
    Ok(())
}

#[test]
fn hidden_rows_are_read_with_a_warning() -> TestResult {
    let (_dir, path) = register_with_hidden_parts()?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(table.rows.len(), 3, "every row is read");
    assert_eq!(codes_on(&table, 4), Vec::<&str>::new(), "visible row");
    assert_eq!(codes_on(&table, 5), vec!["hidden_row"], "hidden row");
    let problem = &table.rows[1].problems[0];
    assert_eq!(problem.severity, Severity::Warning, "kept and flagged");
    assert!(problem.message.contains("filter"), "{}", problem.message);
    assert!(!problem.message.contains("  "), "{}", problem.message);
    Ok(())
}

#[test]
fn only_column_hidden_is_read_with_a_warning() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "จำนวนหุ้น"])?;
    write_strings(sheet, 1, &["H001", "สมศรี"])?;
    sheet.write_number(1, 2, 4.0)?;
    sheet.set_column_hidden(2)?;
    let (_dir, path) = save_workbook(&mut workbook, "hidden-only.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(
        shares_of(&table, "H001"),
        Some(4),
        "the hidden column is read"
    );
    let problem = table
        .problems
        .iter()
        .find(|p| p.code == "hidden_column_read");
    let problem = problem.ok_or("no hidden_column_read problem")?;
    assert_eq!(problem.column.as_deref(), Some("C"), "column named");
    assert_eq!(problem.severity, Severity::Warning, "a warning");
    assert!(!problem.message.contains("  "), "{}", problem.message);
    Ok(())
}

#[test]
fn struck_through_row_is_refused() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["วันที่", "เลขที่สมาชิก", "รายการ", "จำนวนเงิน"])?;
    write_strings(sheet, 1, &["02/01/2567", "S001", "ซื้อหุ้น", "100"])?;
    write_strings(sheet, 2, &["03/01/2567", "S002", "ซื้อหุ้น", "200"])?;
    let struck = Format::new().set_font_strikethrough();
    for col in 0..4 {
        sheet.set_cell_format(2, col, &struck)?;
    }
    write_strings(sheet, 3, &["04/01/2567", "S003", "ซื้อหุ้น", "300"])?;
    sheet.set_cell_format(3, 3, &struck)?;
    let (_dir, path) = save_workbook(&mut workbook, "struck.xlsx")?;

    let table = read_table(&path, &LEDGER, None)?;

    assert_eq!(codes_on(&table, 2), Vec::<&str>::new(), "plain row");
    assert_eq!(
        codes_on(&table, 3),
        vec!["struck_through"],
        "whole row struck"
    );
    assert_eq!(
        codes_on(&table, 4),
        vec!["struck_through"],
        "one cell struck"
    );
    let row = &table.rows[1];
    assert!(row.has_errors(), "a struck row is refused");
    assert!(
        row.problems[0].message.contains("A3, B3, C3, D3"),
        "cells named"
    );
    Ok(())
}

#[test]
fn unit_row_under_header_is_not_data() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let center = Format::new().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, 4, "ทะเบียนหุ้น ณ วันที่ 31 ธันวาคม 2567", &center)?;
    sheet.merge_range(2, 0, 3, 0, "เลขที่สมาชิก", &center)?;
    sheet.merge_range(2, 1, 3, 1, "ชื่อ-สกุล", &center)?;
    write_strings(sheet, 2, &["", "", "จำนวนหุ้น", "มูลค่าหุ้น", "น้ำหนักขยะ"])?;
    write_strings(sheet, 3, &["", "", "(หุ้น)", "(บาท)", "(กก.)"])?;
    write_strings(sheet, 4, &["U001", "นายหนึ่ง ใจดี"])?;
    sheet.write_number(4, 2, 5.0)?;
    sheet.write_number(4, 3, 500.0)?;
    let (_dir, path) = save_workbook(&mut workbook, "units.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(table.header_row, 3, "header row");
    assert_eq!(table.header_height, 2, "the unit row belongs to the header");
    assert_eq!(table.rows.len(), 1, "one data row");
    assert_eq!(table.rows[0].number, 5, "first data row");
    assert_eq!(table.rows[0].integer("shares"), Some(5), "shares");
    assert_eq!(
        table.rows[0].money("share_value"),
        Some(Satang(50_000)),
        "value"
    );
    Ok(())
}

#[test]
fn row_with_only_a_running_number_is_blank() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = ["ลำดับ", "วันที่", "เลขที่สมาชิก", "รายการ", "จำนวนเงิน"];
    write_strings(sheet, 0, &header)?;
    sheet.write_number(1, 0, 1.0)?;
    write_strings(sheet, 1, &["", "02/01/2567", "S001", "ซื้อหุ้น", "100"])?;
    for number in 2..6 {
        sheet.write_number(number, 0, f64::from(number))?;
    }
    write_strings(sheet, 6, &["", "", "", "", "ตรวจแล้ว"])?;
    let (_dir, path) = save_workbook(&mut workbook, "numbered.xlsx")?;

    let table = read_table(&path, &LEDGER, None)?;

    let numbers: Vec<u32> = table.rows.iter().map(|row| row.number).collect();
    assert_eq!(numbers, vec![2, 7], "numbered empty rows are no records");
    let skipped: Vec<(u32, SkipReason)> = table
        .skipped
        .iter()
        .map(|skip| (skip.row, skip.reason))
        .collect();
    let blank = SkipReason::Blank;
    let expected = vec![(3, blank), (4, blank), (5, blank), (6, blank)];
    assert_eq!(
        skipped, expected,
        "numbered empty rows are skipped as blank"
    );
    assert!(table.rows[1].has_errors(), "a row with other text is kept");
    Ok(())
}

#[test]
fn amounts_with_trailing_dash_and_unit() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["วันที่", "เลขที่สมาชิก", "รายการ", "จำนวนเงิน"])?;
    let amounts = [
        ("200-", Some(20_000)),
        ("1,500.-", Some(150_000)),
        ("100.00 -", Some(10_000)),
        ("๒๐๐-", Some(20_000)),
        ("100 บ.", Some(10_000)),
        ("1,234.50บ.", Some(123_450)),
        ("(1,234.50)", Some(-123_450)),
        ("1,000 บาท", Some(100_000)),
        ("1,000฿", Some(100_000)),
        ("฿ 1,000", Some(100_000)),
        ("-", Some(0)),
        ("100--", None),
        ("1-00", None),
        ("1,00-", None),
        ("1 00.00", None),
        ("1 000", Some(100_000)),
    ];
    for (index, (text, _)) in amounts.iter().enumerate() {
        let row = 1 + index as u32;
        write_strings(sheet, row, &["02/01/2567", "S001", "ซื้อหุ้น", text])?;
    }
    let (_dir, path) = save_workbook(&mut workbook, "amounts.xlsx")?;

    let table = read_table(&path, &LEDGER, None)?;

    for ((text, expected), row) in amounts.iter().zip(&table.rows) {
        let read = row.money("amount").map(|amount| amount.0);
        assert_eq!(read, *expected, "amount {text:?}");
        if expected.is_none() {
            assert_eq!(
                codes_on(&table, row.number),
                vec!["invalid_money"],
                "{text:?}"
            );
        }
    }
    Ok(())
}

#[test]
fn dates_with_spoken_month_names() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["วันที่", "เลขที่สมาชิก", "รายการ", "จำนวนเงิน"])?;
    let march_15 = NaiveDate::from_ymd_opt(2024, 3, 15);
    let dates = [
        ("15 มีนา 67", march_15),
        ("15 มีนา. 2567", march_15),
        ("๑๕ มีนา ๖๗", march_15),
        ("1 มกรา 67", NaiveDate::from_ymd_opt(2024, 1, 1)),
        ("29 กุมภา 67", NaiveDate::from_ymd_opt(2024, 2, 29)),
        ("3 พฤศจิกา 66", NaiveDate::from_ymd_opt(2023, 11, 3)),
        ("31 ธันวา 2566", NaiveDate::from_ymd_opt(2023, 12, 31)),
        ("พฤหัส 14 มี.ค. 67", NaiveDate::from_ymd_opt(2024, 3, 14)),
        ("วันศุกร์ 15 มี.ค. 67", march_15),
        ("15-มี.ค.-67", march_15),
        ("15 มี.ค.67", march_15),
        ("วันที่ 15 มีนาคม พ.ศ. 2567", march_15),
        ("15/3/67", march_15),
        ("๑๕/3/๒๕๖๗", march_15),
        ("2567-03-15", march_15),
    ];
    for (index, (text, _)) in dates.iter().enumerate() {
        let row = 1 + index as u32;
        write_strings(sheet, row, &[text, "S001", "ซื้อหุ้น", "100"])?;
    }
    let (_dir, path) = save_workbook(&mut workbook, "dates.xlsx")?;

    let table = read_table(&path, &LEDGER, None)?;

    for ((text, expected), row) in dates.iter().zip(&table.rows) {
        assert_eq!(row.date("date"), *expected, "date {text:?}");
    }
    Ok(())
}

#[test]
fn member_numbers_typed_as_numbers() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล"])?;
    let three_digits = Format::new().set_num_format("000");
    sheet.write_string(1, 0, "001")?;
    sheet.write_number(2, 0, 2.0)?;
    sheet.write_string(3, 0, "3.0")?;
    sheet.write_number_with_format(4, 0, 4.0, &three_digits)?;
    sheet.write_string(5, 0, "005")?;
    sheet.write_number(6, 0, 1234.0)?;
    for row in 1..=6 {
        write_strings(sheet, row, &["", "สมาชิก", "ทดสอบ"])?;
    }
    let (_dir, path) = save_workbook(&mut workbook, "numbers.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    let numbers: Vec<Option<&str>> = table.rows.iter().map(|r| r.text("member_no")).collect();
    let expected = [
        Some("001"),
        Some("002"),
        Some("003"),
        Some("004"),
        Some("005"),
        Some("1234"),
    ];
    assert_eq!(numbers, expected, "member numbers as the office meant them");
    assert_eq!(codes_on(&table, 2), Vec::<&str>::new(), "typed as text");
    assert_eq!(codes_on(&table, 3), vec!["leading_zeros_restored"], "2");
    assert_eq!(codes_on(&table, 4), vec!["leading_zeros_restored"], "3.0");
    assert_eq!(
        codes_on(&table, 5),
        Vec::<&str>::new(),
        "shown as 004 by its format"
    );
    assert_eq!(
        codes_on(&table, 7),
        Vec::<&str>::new(),
        "longer than the others"
    );
    Ok(())
}

#[test]
fn member_numbers_without_padded_codes_stay() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล"])?;
    let prefixed = Format::new().set_num_format("\"BY\"000");
    sheet.write_number(1, 0, 1.0)?;
    sheet.write_string(2, 0, "2.0")?;
    sheet.write_string(3, 0, "10")?;
    sheet.write_number_with_format(4, 0, 7.0, &prefixed)?;
    for row in 1..=4 {
        write_strings(sheet, row, &["", "สมาชิก", "ทดสอบ"])?;
    }
    let (_dir, path) = save_workbook(&mut workbook, "plain-numbers.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    let numbers: Vec<Option<&str>> = table.rows.iter().map(|r| r.text("member_no")).collect();
    let expected = [Some("1"), Some("2"), Some("10"), Some("BY007")];
    assert_eq!(numbers, expected, "numbers kept, format shown");
    let problems = table
        .rows
        .iter()
        .map(|row| row.problems.len())
        .sum::<usize>();
    assert_eq!(problems, 0, "nothing to warn about");
    Ok(())
}

/// Checks the register in `members-hidden-rows.ods` and `.xls`: the
/// current share column is read, the hidden rows are warned about, and
/// the struck-through row is refused.
fn assert_hidden_rows_register(table: &Table, file: &str) {
    let shares_column = table
        .column_of("shares")
        .map(|column| column.letter.as_str());
    assert_eq!(shares_column, Some("F"), "{file}: the visible copy is read");
    let shares: Vec<Option<i64>> = table.rows.iter().map(|r| r.integer("shares")).collect();
    let expected = [Some(5), Some(4), Some(0), Some(6), Some(9), Some(2)];
    assert_eq!(shares, expected, "{file}: current shares");
    for number in [4, 5, 7] {
        assert_eq!(
            codes_on(table, number),
            Vec::<&str>::new(),
            "{file}: row {number}"
        );
    }
    for number in [6, 8] {
        assert_eq!(
            codes_on(table, number),
            vec!["hidden_row"],
            "{file}: row {number}"
        );
    }
    let struck = vec!["struck_through"];
    assert_eq!(codes_on(table, 9), struck, "{file}: row 9");
}

#[test]
fn ods_hidden_rows_and_columns() -> TestResult {
    let path = common::fixture("members-hidden-rows.ods");

    let table = read_table(&path, &MEMBERS, None)?;

    assert_hidden_rows_register(&table, "ods");
    Ok(())
}

#[test]
fn xls_hidden_rows_and_columns() -> TestResult {
    let path = common::fixture("members-hidden-rows.xls");

    let table = read_table(&path, &MEMBERS, None)?;

    assert_hidden_rows_register(&table, "xls");
    Ok(())
}

#[test]
fn note_merged_across_is_skipped() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = ["วันที่", "เลขที่สมาชิก", "ชื่อ-สกุล", "รายการ", "จำนวนเงิน"];
    write_strings(sheet, 0, &header)?;
    write_strings(sheet, 1, &["02/01/2567", "S001", "ก ไก่", "ซื้อหุ้น", "100"])?;
    let left = Format::new().set_align(FormatAlign::Left);
    let note = "หมายเหตุ: รายการด้านล่างบันทึกย้อนหลังจากสมุดเล่มเก่า";
    sheet.merge_range(2, 0, 2, 4, note, &left)?;
    write_strings(sheet, 3, &["03/01/2567", "S002", "ข ไข่", "ซื้อหุ้น", "200"])?;
    // A name merged over two columns, with nothing else, stays a record.
    sheet.merge_range(4, 1, 4, 2, "ค ควาย", &left)?;
    let (_dir, path) = save_workbook(&mut workbook, "note.xlsx")?;

    let table = read_table(&path, &LEDGER, None)?;

    let numbers: Vec<u32> = table.rows.iter().map(|row| row.number).collect();
    assert_eq!(numbers, vec![2, 4, 5], "the note row is no record");
    let skipped: Vec<(u32, SkipReason)> = table
        .skipped
        .iter()
        .map(|skip| (skip.row, skip.reason))
        .collect();
    assert_eq!(skipped, vec![(3, SkipReason::Note)], "skipped as a note");
    let warning = table.problems.iter().find(|p| p.code == "note_row_skipped");
    let warning = warning.ok_or("no note_row_skipped warning")?;
    assert_eq!(warning.row, Some(3), "row named");
    assert_eq!(warning.severity, Severity::Warning, "a warning");
    assert!(warning.message.contains(note), "{}", warning.message);
    assert!(
        table.rows[2].has_errors(),
        "the short merge is still a record"
    );
    Ok(())
}

#[test]
fn column_number_row_under_header_is_not_data() -> TestResult {
    let header = ["ลำดับ", "เลขที่สมาชิก", "ชื่อ", "นามสกุล", "จำนวนหุ้น"];
    for numbering in [
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", "2", "3", "4", "5"],
    ] {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        write_strings(sheet, 0, &header)?;
        if numbering[0] == "1" {
            for (col, number) in (1..=5).enumerate() {
                sheet.write_number(1, col as u16, f64::from(number))?;
            }
        } else {
            write_strings(sheet, 1, &numbering)?;
        }
        sheet.write_number(2, 0, 1.0)?;
        write_strings(sheet, 2, &["", "C001", "หนึ่ง", "ใจดี"])?;
        sheet.write_number(2, 4, 5.0)?;
        let (_dir, path) = save_workbook(&mut workbook, "column-numbers.xlsx")?;

        let table = read_table(&path, &MEMBERS, None)?;

        let kind = numbering[0];
        assert_eq!(table.header_height, 2, "{kind}: numbers join the header");
        let numbers: Vec<u32> = table.rows.iter().map(|row| row.number).collect();
        assert_eq!(numbers, vec![3], "{kind}: one record");
        assert_eq!(shares_of(&table, "C001"), Some(5), "{kind}: shares");
    }
    Ok(())
}

#[test]
fn first_record_numbered_like_columns_stays() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "จำนวนหุ้น"])?;
    write_strings(sheet, 1, &["1", "สมศรี", "ใจดี", "4"])?;
    let (_dir, path) = save_workbook(&mut workbook, "first-record.xlsx")?;

    let table = read_table(&path, &MEMBERS, None)?;

    assert_eq!(table.header_height, 1, "a record is not column numbers");
    assert_eq!(shares_of(&table, "1"), Some(4), "the record is read");
    Ok(())
}

#[test]
fn deposit_and_loan_member_numbers_typed_as_numbers() -> TestResult {
    let deposit_header = [
        "วันที่",
        "เลขที่สมาชิก",
        "ประเภทขยะ",
        "น้ำหนัก (กก.)",
        "ราคา/กก.",
        "จุดรับ",
    ];
    let loan_header = [
        "วันที่กู้",
        "เลขที่สมาชิก",
        "เงินต้น",
        "อัตราดอกเบี้ย",
        "จำนวนงวด",
        "หมายเหตุ",
    ];
    let sheets: [(&Schema, [&str; 6], [&str; 6]); 2] = [
        (
            &DEPOSITS,
            deposit_header,
            ["01/03/2567", "", "PET", "1", "5", "วัด"],
        ),
        (
            &LOANS,
            loan_header,
            ["01/03/2567", "", "5,000", "6", "12", "-"],
        ),
    ];
    for (schema, header, values) in sheets {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        write_strings(sheet, 0, &header)?;
        for row in 1..=3 {
            write_strings(sheet, row, &values)?;
        }
        sheet.write_string(1, 1, "001")?;
        sheet.write_number(2, 1, 2.0)?;
        sheet.write_string(3, 1, "3.0")?;
        let (_dir, path) = save_workbook(&mut workbook, "numbers.xlsx")?;

        let table = read_table(&path, schema, None)?;

        let numbers: Vec<Option<&str>> = table.rows.iter().map(|r| r.text("member_no")).collect();
        assert_eq!(
            numbers,
            [Some("001"), Some("002"), Some("003")],
            "{header:?}"
        );
        assert_eq!(
            codes_on(&table, 3),
            vec!["leading_zeros_restored"],
            "{header:?}"
        );
    }
    Ok(())
}

#[test]
fn optional_formula_column_is_read_empty() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_formula_result_default("");
    write_strings(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "โทรศัพท์"])?;
    for row in 1..=3 {
        write_strings(sheet, row, &[&format!("K00{row}"), "สมาชิก", "ทดสอบ"])?;
        sheet.write_formula(row, 3, Formula::new("=\"081\"&\"2345678\""))?;
    }
    let (_dir, path) = save_workbook(&mut workbook, "phones.xlsx")?;
    drop_formula_results(&path)?;

    let table = read_table(&path, &MEMBERS, None)?;
    let (_db, _conn, outcome) = import_register(&path)?;

    let codes: Vec<(&str, Severity)> = table
        .problems
        .iter()
        .map(|problem| (problem.code, problem.severity))
        .collect();
    assert_eq!(codes, [("formula_values_left_empty", Severity::Warning)]);
    assert_eq!(table.rows[0].text("phone"), None, "read as empty");
    assert_eq!(outcome.report.imported, 3, "{:?}", outcome.report);
    assert!(outcome.report.errors.is_empty(), "{:?}", outcome.report);
    Ok(())
}

#[test]
fn status_in_notes_is_followed_with_a_warning() -> TestResult {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_strings(sheet, 0, &["เลขที่สมาชิก", "ชื่อ", "นามสกุล", "หมายเหตุ"])?;
    write_strings(sheet, 1, &["K001", "สมศรี", "ทดสอบ", "ลาออก 5/3/67"])?;
    write_strings(sheet, 2, &["K002", "สมหมาย", "ทดสอบ", "ย้ายมาจากโซน 2"])?;
    write_strings(sheet, 3, &["K003", "สมพร", "ทดสอบ", "เสียชีวิตแล้ว"])?;
    let (_dir, path) = save_workbook(&mut workbook, "notes.xlsx")?;

    let (_db, conn, outcome) = import_register(&path)?;

    let status = |no: &str| -> TestResult<Status> { Ok(members::get(&conn, no)?.details.status) };
    assert_eq!(status("K001")?, Status::Resigned);
    assert_eq!(status("K002")?, Status::Active);
    assert_eq!(status("K003")?, Status::Deceased);
    let warned: Vec<Option<u32>> = outcome
        .report
        .warnings
        .iter()
        .filter(|problem| problem.code == "status_from_notes")
        .map(|problem| problem.row)
        .collect();
    assert_eq!(warned, [Some(2), Some(4)], "{:?}", outcome.report.warnings);
    Ok(())
}

/// Imports the member register at `path` into community ทดสอบ of a new
/// database, and returns the database, a connection to it and the outcome.
fn import_register(
    path: &std::path::Path,
) -> TestResult<(
    TempDb,
    rusqlite::Connection,
    Outcome<members_import::Details>,
)> {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let options = members_import::Options {
        community: Some("ทดสอบ".into()),
        ..Default::default()
    };
    let outcome = members_import::import(
        &mut conn,
        &context(),
        path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;
    Ok((db, conn, outcome))
}

/// Rewrites an xlsx file so that its formulas have no saved results, as
/// a program that writes formulas but never calculates leaves them:
/// rust_xlsxwriter always saves a result, even an empty text.
fn drop_formula_results(path: &std::path::Path) -> TestResult {
    use std::io::{Read, Write};

    let mut archive = zip::ZipArchive::new(std::fs::File::open(path)?)?;
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index)?;
        let mut bytes: Vec<u8> = Vec::new();
        part.read_to_end(&mut bytes)?;
        let name = part.name()?.to_string();
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(bytes)?;
            bytes = xml
                .replace(" t=\"str\"", "")
                .replace("<v></v>", "")
                .into_bytes();
        }
        parts.push((name, bytes));
    }
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path)?);
    for (name, bytes) in parts {
        writer.start_file(name, zip::write::SimpleFileOptions::default())?;
        writer.write_all(&bytes)?;
    }
    writer.finish()?;
    Ok(())
}
