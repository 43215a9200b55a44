//! Integration tests of the spreadsheet reader on quirks of legacy Thai
//! office sheets: amounts and dates in the forms offices type them. Each
//! test builds its sheet with rust_xlsxwriter.

mod common;

use chrono::NaiveDate;
use chumchon::import::read::{read_table, Table, LEDGER};
use common::{save_workbook, write_strings, TestResult};
use rust_xlsxwriter::Workbook;

fn codes_on(table: &Table, number: u32) -> Vec<&'static str> {
    let row = table.rows.iter().find(|row| row.number == number);
    let problems = row.map(|row| row.problems.as_slice()).unwrap_or_default();
    problems.iter().map(|problem| problem.code).collect()
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
