//! Excel workbooks of the community bank's journal reports: the trial
//! balance, the cash book, the balance sheet and the income statement,
//! with the same Thai headers, Buddhist-era dates and totals rows as the
//! other exports.
//!
//! The reports read the journal as it is: run
//! [`crate::fund::sync::sync`] in the same transaction first.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Formula, RowNum, Workbook, Worksheet};

use super::sheet::{self, Cell, Column, Formats, Total, A4};
use crate::documents::foundation_name;
use crate::fund::reports::{self, StatementLine};
use crate::{Context, Result, Satang};

/// Row of the table header, below the foundation's name, the title, the
/// period and the printing date.
const HEADER_ROW: RowNum = 5;

/// Writes the trial balance of fiscal year `year_be` to an Excel file at
/// `out`, replacing any file there.
pub fn trial_balance(
    conn: &rusqlite::Connection,
    ctx: &Context,
    year_be: i32,
    out: &Path,
) -> Result<()> {
    crate::db::refuse_database_as_output(conn, out)?;
    let trial = reports::trial_balance(conn, year_be)?;
    let columns = [
        Column::new("รหัสบัญชี", 12.0),
        Column::new("ชื่อบัญชี", 40.0),
        Column::new("เดบิต (บาท)", 18.0),
        Column::new("เครดิต (บาท)", 18.0),
    ];
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = new_sheet(&mut workbook, &format!("งบทดลอง {year_be}"))?;
    let period = year_period(conn, year_be)?;
    write_heading(conn, sheet, "งบทดลอง", &period, ctx.today(), &formats)?;
    sheet::write_table_header(sheet, HEADER_ROW, &columns, 2, &formats)?;
    for (row, account) in (HEADER_ROW + 1..).zip(&trial.accounts) {
        let cells = [
            Cell::Code(Some(&account.code)),
            Cell::Text(Some(&account.name)),
        ];
        sheet::write_cells(sheet, row, &cells, &formats)?;
        write_nonzero(sheet, row, 2, account.debit, &formats)?;
        write_nonzero(sheet, row, 3, account.credit, &formats)?;
    }
    let rows = sheet::data_rows(HEADER_ROW, trial.accounts.len());
    let totals = [
        Total::sum(2, trial.debit_total.to_plain_string(), &formats.total_money),
        Total::sum(
            3,
            trial.credit_total.to_plain_string(),
            &formats.total_money,
        ),
    ];
    let last = rows.map_or(HEADER_ROW, |(_, last)| last);
    sheet::write_totals(sheet, last + 1, columns.len(), rows, &totals, &formats)?;
    super::save(&mut workbook, out)
}

/// Writes the cash book from `from` to `to` to an Excel file at `out`.
pub fn cash_book(
    conn: &rusqlite::Connection,
    ctx: &Context,
    from: NaiveDate,
    to: NaiveDate,
    out: &Path,
) -> Result<()> {
    crate::db::refuse_database_as_output(conn, out)?;
    let book = reports::cash_book(conn, from, to)?;
    let columns = [
        Column::new("วันที่", 12.0),
        Column::new("เลขที่รายการ", 10.0),
        Column::new("รายการ", 48.0),
        Column::new("บัญชี", 10.0),
        Column::new("รับ (บาท)", 15.0),
        Column::new("จ่าย (บาท)", 15.0),
        Column::new("คงเหลือ (บาท)", 16.0),
    ];
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = new_sheet(&mut workbook, "สมุดเงินสด")?;
    let period = format!(
        "ตั้งแต่ {} ถึง {}",
        crate::thai::date::format_long(from),
        crate::thai::date::format_long(to)
    );
    write_heading(conn, sheet, "สมุดเงินสด", &period, ctx.today(), &formats)?;
    sheet::write_table_header(sheet, HEADER_ROW, &columns, 0, &formats)?;
    let opening_row = HEADER_ROW + 1;
    sheet::write_cells(
        sheet,
        opening_row,
        &[
            Cell::Date(Some(from)),
            Cell::Text(None),
            Cell::Text(Some("ยอดยกมา")),
        ],
        &formats,
    )?;
    sheet.write_number_with_format(opening_row, 6, sheet::baht(book.opening), &formats.money)?;
    for (row, line) in (opening_row + 1..).zip(&book.lines) {
        let account = if line.account == crate::fund::accounts::BANK {
            "ธนาคาร"
        } else {
            "เงินสด"
        };
        let cells = [
            Cell::Date(Some(line.date)),
            Cell::Count(line.entry_id),
            Cell::Text(Some(&line.description)),
            Cell::Text(Some(account)),
        ];
        sheet::write_cells(sheet, row, &cells, &formats)?;
        write_nonzero(sheet, row, 4, line.receipt, &formats)?;
        write_nonzero(sheet, row, 5, line.payment, &formats)?;
        sheet.write_number_with_format(row, 6, sheet::baht(line.balance), &formats.money)?;
    }
    let rows = sheet::data_rows(HEADER_ROW, book.lines.len() + 1);
    let last = rows.map_or(HEADER_ROW, |(_, last)| last);
    let totals = [
        Total::sum(4, book.receipts.to_plain_string(), &formats.total_money),
        Total::sum(5, book.payments.to_plain_string(), &formats.total_money),
    ];
    sheet::write_totals(sheet, last + 1, columns.len(), rows, &totals, &formats)?;
    sheet.write_number_with_format(last + 1, 6, sheet::baht(book.closing), &formats.total_money)?;
    super::save(&mut workbook, out)
}

/// Writes the balance sheet at the end of `as_of` to an Excel file at
/// `out`.
pub fn balance_sheet(
    conn: &rusqlite::Connection,
    ctx: &Context,
    as_of: NaiveDate,
    out: &Path,
) -> Result<()> {
    crate::db::refuse_database_as_output(conn, out)?;
    let balance = reports::balance_sheet(conn, as_of)?;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = new_sheet(&mut workbook, "งบแสดงฐานะการเงิน")?;
    let date = format!("ณ วันที่ {}", crate::thai::date::format_long(as_of));
    write_heading(
        conn,
        sheet,
        "งบแสดงฐานะการเงิน",
        &date,
        ctx.today(),
        &formats,
    )?;
    sheet::write_table_header(sheet, HEADER_ROW, &STATEMENT_COLUMNS, 0, &formats)?;
    let mut row = HEADER_ROW + 1;
    row = write_section(
        sheet,
        row,
        "สินทรัพย์",
        &balance.assets,
        balance.total_assets,
        &formats,
    )?;
    row = write_section(
        sheet,
        row,
        "หนี้สิน",
        &balance.liabilities,
        balance.total_liabilities,
        &formats,
    )?;
    row = write_section(
        sheet,
        row,
        "ทุน",
        &balance.equity,
        balance.total_equity,
        &formats,
    )?;
    sheet.write_string_with_format(row, 1, "รวมหนี้สินและทุน", &formats.total_label)?;
    let both = balance.total_liabilities + balance.total_equity;
    sheet.write_number_with_format(row, 2, sheet::baht(both), &formats.total_money)?;
    super::save(&mut workbook, out)
}

/// Writes the income statement of fiscal year `year_be` to an Excel file
/// at `out`.
pub fn income_statement(
    conn: &rusqlite::Connection,
    ctx: &Context,
    year_be: i32,
    out: &Path,
) -> Result<()> {
    crate::db::refuse_database_as_output(conn, out)?;
    let statement = reports::income_statement(conn, year_be)?;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = new_sheet(&mut workbook, &format!("รายได้ค่าใช้จ่าย {year_be}"))?;
    let period = year_period(conn, year_be)?;
    write_heading(
        conn,
        sheet,
        "งบรายได้และค่าใช้จ่าย",
        &period,
        ctx.today(),
        &formats,
    )?;
    sheet::write_table_header(sheet, HEADER_ROW, &STATEMENT_COLUMNS, 0, &formats)?;
    let mut row = HEADER_ROW + 1;
    row = write_section(
        sheet,
        row,
        "รายได้",
        &statement.income,
        statement.total_income,
        &formats,
    )?;
    row = write_section(
        sheet,
        row,
        "ค่าใช้จ่าย",
        &statement.expenses,
        statement.total_expenses,
        &formats,
    )?;
    sheet.write_string_with_format(row, 1, "รายได้สูงกว่า (ต่ำกว่า) ค่าใช้จ่าย", &formats.total_label)?;
    sheet.write_number_with_format(row, 2, sheet::baht(statement.surplus), &formats.total_money)?;
    super::save(&mut workbook, out)
}

const STATEMENT_COLUMNS: [Column; 3] = [
    Column::new("รหัสบัญชี", 12.0),
    Column::new("รายการ", 48.0),
    Column::new("จำนวนเงิน (บาท)", 18.0),
];

fn new_sheet<'a>(workbook: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    sheet.set_portrait();
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    Ok(sheet)
}

fn year_period(conn: &rusqlite::Connection, year_be: i32) -> Result<String> {
    let (from, to) = crate::fund::years::period(conn, year_be)?;
    Ok(format!(
        "ปีบัญชี {year_be} ({} ถึง {})",
        crate::thai::date::format_long(from),
        crate::thai::date::format_long(to)
    ))
}

/// Writes the foundation's name, the report's title, its period and the
/// printing date above the table.
fn write_heading(
    conn: &rusqlite::Connection,
    sheet: &mut Worksheet,
    title: &str,
    period: &str,
    printed_on: NaiveDate,
    formats: &Formats,
) -> Result<()> {
    let foundation = foundation_name(conn)?;
    sheet::write_optional_text(sheet, 0, 0, Some(&foundation), &formats.title)?;
    sheet.write_string_with_format(1, 0, title, &formats.title)?;
    sheet.write_string(2, 0, period)?;
    sheet.write_string_with_format(3, 0, "วันที่พิมพ์", &formats.label)?;
    sheet::write_date(sheet, 3, 1, printed_on, &formats.long_date)?;
    Ok(())
}

/// Writes money, leaving the cell empty for zero.
fn write_nonzero(
    sheet: &mut Worksheet,
    row: RowNum,
    col: u16,
    amount: Satang,
    formats: &Formats,
) -> Result<()> {
    if amount != Satang::ZERO {
        sheet.write_number_with_format(row, col, sheet::baht(amount), &formats.money)?;
    }
    Ok(())
}

/// Writes a section's heading, its lines and a total that sums them, from
/// `row`; returns the row after it.
fn write_section(
    sheet: &mut Worksheet,
    row: RowNum,
    title: &str,
    lines: &[StatementLine],
    total: Satang,
    formats: &Formats,
) -> Result<RowNum> {
    sheet.write_string_with_format(row, 0, title, &formats.label)?;
    let first = row + 1;
    for (line_row, line) in (first..).zip(lines) {
        let cells = [
            Cell::Code(line.code.as_deref()),
            Cell::Text(Some(&line.name)),
            Cell::Baht(line.amount),
        ];
        sheet::write_cells(sheet, line_row, &cells, formats)?;
    }
    let total_row = first + lines.len() as RowNum;
    sheet.write_string_with_format(total_row, 1, format!("รวม{title}"), &formats.total_label)?;
    if lines.is_empty() {
        sheet.write_number_with_format(total_row, 2, 0, &formats.total_money)?;
    } else {
        let range = rust_xlsxwriter::utility::cell_range(first, 2, total_row - 1, 2);
        let formula = Formula::new(format!("SUM({range})")).set_result(total.to_plain_string());
        sheet.write_formula_with_format(total_row, 2, formula, &formats.total_money)?;
    }
    Ok(total_row + 2)
}
