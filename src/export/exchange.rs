//! The exchange report as a workbook: a summary by community, then one
//! sheet each for the equipment every community owns, the loans out on
//! the report's date (who lends and who borrows), utilisation over the
//! period, and the overdue loans. Dates show in the Buddhist Era, money in
//! baht, and each table ends in a totals row.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, RowNum, Workbook, Worksheet};

use super::sheet::{self, Cell, Column, Formats, Total, A4};
use crate::exchange::reports::Report;
use crate::exchange::Loan;
use crate::{Context, Result, Satang};

/// Writes the exchange report to an Excel file at `out`, replacing any
/// file there. The summary's printed date is the context's date.
pub fn write_report(conn: &Connection, ctx: &Context, report: &Report, out: &Path) -> Result<()> {
    crate::db::refuse_database_as_output(conn, out)?;
    let mut workbook = workbook(report, ctx.today())?;
    super::save(&mut workbook, out)?;
    tracing::debug!(
        operator = %ctx.operator,
        as_of = %report.as_of,
        path = %out.display(),
        "exported the exchange report"
    );
    Ok(())
}

/// Builds the workbook of `report`, printed on `printed_on`.
fn workbook(report: &Report, printed_on: NaiveDate) -> Result<Workbook> {
    let formats = Formats::new();
    let percent = Format::new().set_num_format("0.0%");
    let mut workbook = Workbook::new();
    summary_sheet(
        prepare(workbook.add_worksheet(), "สรุป")?,
        report,
        printed_on,
        &formats,
    )?;
    owned_sheet(
        prepare(workbook.add_worksheet(), "อุปกรณ์ที่มี")?,
        report,
        &formats,
    )?;
    loans_sheet(
        prepare(workbook.add_worksheet(), "ให้ยืม-ยืมมา")?,
        report,
        &formats,
    )?;
    utilisation_sheet(
        prepare(workbook.add_worksheet(), "การใช้งาน")?,
        report,
        &formats,
        &percent,
    )?;
    overdue_sheet(
        prepare(workbook.add_worksheet(), "เกินกำหนด")?,
        report,
        &formats,
    )?;
    Ok(workbook)
}

fn prepare<'a>(sheet: &'a mut Worksheet, name: &str) -> Result<&'a mut Worksheet> {
    sheet.set_name(name)?;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(sheet)
}

/// Row of the summary's table header, below the title block.
const SUMMARY_HEADER_ROW: RowNum = 7;

const SUMMARY_COLUMNS: [Column; 6] = [
    Column::new("ชุมชน", 28.0),
    Column::new("รายการที่มี", 12.0),
    Column::new("จำนวนชิ้น", 12.0),
    Column::new("มูลค่า (บาท)", 16.0),
    Column::new("ให้ยืมอยู่ (รายการ)", 16.0),
    Column::new("ยืมมา (รายการ)", 16.0),
];

fn summary_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    printed_on: NaiveDate,
    formats: &Formats,
) -> Result<()> {
    let title = "รายงานอุปกรณ์ การยืม และการใช้งานของชุมชน";
    sheet::write_optional_text(sheet, 0, 0, Some(&report.foundation_name), &formats.title)?;
    sheet.write_string_with_format(1, 0, title, &formats.title)?;
    let fields = [
        ("ณ วันที่", report.as_of),
        ("ช่วงการใช้งานตั้งแต่", report.from),
        ("ถึงวันที่", report.to),
        ("วันที่พิมพ์", printed_on),
    ];
    for (row, (label, date)) in (2..).zip(fields) {
        sheet.write_string_with_format(row, 0, label, &formats.label)?;
        sheet::write_date(sheet, row, 1, date, &formats.long_date)?;
    }
    sheet::write_table_header(sheet, SUMMARY_HEADER_ROW, &SUMMARY_COLUMNS, 1, formats)?;
    for (row, holdings) in (SUMMARY_HEADER_ROW + 1..).zip(&report.communities) {
        let pieces: i64 = holdings.owned.iter().map(|item| item.quantity).sum();
        let cells = [
            Cell::Text(Some(&holdings.community)),
            Cell::Count(holdings.owned.len() as i64),
            Cell::Count(pieces),
            Cell::Baht(holdings.owned_value),
            Cell::Count(holdings.lent.len() as i64),
            Cell::Count(holdings.borrowed.len() as i64),
        ];
        sheet::write_cells(sheet, row, &cells, formats)?;
    }
    let count = report.communities.len();
    let rows = sheet::data_rows(SUMMARY_HEADER_ROW, count);
    let last = rows.map_or(SUMMARY_HEADER_ROW, |(_, last)| last);
    let sum = |values: &mut dyn Iterator<Item = i64>| values.sum::<i64>().to_string();
    let holdings = &report.communities;
    let items = sum(&mut holdings.iter().map(|h| h.owned.len() as i64));
    let pieces = sum(&mut holdings.iter().flat_map(|h| &h.owned).map(|i| i.quantity));
    let value: Satang = holdings.iter().map(|h| h.owned_value).sum();
    let lent = sum(&mut holdings.iter().map(|h| h.lent.len() as i64));
    let borrowed = sum(&mut holdings.iter().map(|h| h.borrowed.len() as i64));
    let totals = [
        Total::sum(1, items, &formats.total_integer),
        Total::sum(2, pieces, &formats.total_integer),
        Total::sum(3, value.to_plain_string(), &formats.total_money),
        Total::sum(4, lent, &formats.total_integer),
        Total::sum(5, borrowed, &formats.total_integer),
    ];
    sheet::write_totals(
        sheet,
        last + 1,
        SUMMARY_COLUMNS.len(),
        rows,
        &totals,
        formats,
    )
}

const OWNED_COLUMNS: [Column; 12] = [
    Column::new("ชุมชน", 20.0),
    Column::new("รหัส", 10.0),
    Column::new("รายการ", 32.0),
    Column::new("หมวด", 16.0),
    Column::new("จำนวน", 9.0),
    Column::new("ให้ยืมอยู่", 10.0),
    Column::new("สภาพ", 16.0),
    Column::new("สถานะ", 13.0),
    Column::new("ชิ้นส่วนที่ขาด", 14.0),
    Column::new("ที่เก็บ", 16.0),
    Column::new("มูลค่าต่อชิ้น (บาท)", 14.0),
    Column::new("มูลค่ารวม (บาท)", 14.0),
];

fn owned_sheet(sheet: &mut Worksheet, report: &Report, formats: &Formats) -> Result<()> {
    sheet::write_table_header(sheet, 0, &OWNED_COLUMNS, 3, formats)?;
    let items: Vec<&crate::exchange::Item> =
        report.communities.iter().flat_map(|h| &h.owned).collect();
    for (row, item) in (1..).zip(&items) {
        let cells = [
            Cell::Text(Some(&item.community)),
            Cell::Code(item.code.as_deref()),
            Cell::Text(Some(&item.name)),
            Cell::Text(Some(item.category.thai())),
            Cell::Count(item.quantity),
            Cell::Count(item.on_loan),
            Cell::Text(item.condition.as_deref()),
            Cell::Text(Some(item.status.thai())),
            Cell::Text(item.missing.as_deref()),
            Cell::Text(item.location.as_deref()),
            Cell::Baht(item.unit_value),
            Cell::Baht(item.total_value()),
        ];
        sheet::write_cells(sheet, row, &cells, formats)?;
    }
    let rows = sheet::data_rows(0, items.len());
    let last = rows.map_or(0, |(_, last)| last);
    sheet.autofilter(0, 0, last, OWNED_COLUMNS.len() as u16 - 1)?;
    let pieces: i64 = items.iter().map(|item| item.quantity).sum();
    let on_loan: i64 = items.iter().map(|item| item.on_loan).sum();
    let value: Satang = items.iter().map(|item| item.total_value()).sum();
    let totals = [
        Total::count(2, 2, items.len(), &formats.total_integer),
        Total::sum(4, pieces.to_string(), &formats.total_integer),
        Total::sum(5, on_loan.to_string(), &formats.total_integer),
        Total::sum(11, value.to_plain_string(), &formats.total_money),
    ];
    sheet::write_totals(sheet, last + 1, OWNED_COLUMNS.len(), rows, &totals, formats)
}

const LOAN_COLUMNS: [Column; 9] = [
    Column::new("ผู้ให้ยืม", 20.0),
    Column::new("ผู้ยืม", 28.0),
    Column::new("รายการ", 32.0),
    Column::new("จำนวน", 9.0),
    Column::new("วันที่ยืม", 12.0),
    Column::new("กำหนดคืน", 12.0),
    Column::new("เงินมัดจำ (บาท)", 14.0),
    Column::new("ค่ายืม (บาท)", 12.0),
    Column::new("เกินกำหนด (วัน)", 14.0),
];

fn loan_cells<'a>(loan: &'a Loan, borrower: &'a str, as_of: NaiveDate) -> [Cell<'a>; 9] {
    [
        Cell::Text(Some(&loan.owner_community)),
        Cell::Text(Some(borrower)),
        Cell::Text(Some(&loan.item_name)),
        Cell::Count(loan.quantity),
        Cell::Date(Some(loan.out_date)),
        Cell::Date(Some(loan.due_date)),
        Cell::Baht(loan.deposit),
        Cell::Baht(loan.fee),
        Cell::Count(loan.days_overdue(as_of)),
    ]
}

/// Writes `loans` as a table with its header at `header_row`, and returns
/// the row after its totals row.
fn loan_table(
    sheet: &mut Worksheet,
    header_row: RowNum,
    loans: &[&Loan],
    as_of: NaiveDate,
    formats: &Formats,
) -> Result<RowNum> {
    sheet::write_table_header(sheet, header_row, &LOAN_COLUMNS, 0, formats)?;
    for (row, loan) in (header_row + 1..).zip(loans) {
        let borrower = loan.borrower_label();
        sheet::write_cells(sheet, row, &loan_cells(loan, &borrower, as_of), formats)?;
    }
    let rows = sheet::data_rows(header_row, loans.len());
    let last = rows.map_or(header_row, |(_, last)| last);
    let pieces: i64 = loans.iter().map(|loan| loan.quantity).sum();
    let deposits: Satang = loans.iter().map(|loan| loan.deposit).sum();
    let fees: Satang = loans.iter().map(|loan| loan.fee).sum();
    let totals = [
        Total::count(2, 2, loans.len(), &formats.total_integer),
        Total::sum(3, pieces.to_string(), &formats.total_integer),
        Total::sum(6, deposits.to_plain_string(), &formats.total_money),
        Total::sum(7, fees.to_plain_string(), &formats.total_money),
    ];
    let columns = LOAN_COLUMNS.len();
    sheet::write_totals(sheet, last + 1, columns, rows, &totals, formats)?;
    Ok(last + 2)
}

fn loans_sheet(sheet: &mut Worksheet, report: &Report, formats: &Formats) -> Result<()> {
    let title = "การยืมที่ยังไม่คืน ณ วันที่";
    sheet.write_string_with_format(0, 0, title, &formats.title)?;
    sheet::write_date(sheet, 0, 2, report.as_of, &formats.long_date)?;
    let loans: Vec<&Loan> = report.communities.iter().flat_map(|h| &h.lent).collect();
    loan_table(sheet, 2, &loans, report.as_of, formats)?;
    Ok(())
}

const UTILISATION_COLUMNS: [Column; 7] = [
    Column::new("ชุมชน", 20.0),
    Column::new("รายการ", 32.0),
    Column::new("จำนวน", 9.0),
    Column::new("ครั้งที่ให้ยืม", 12.0),
    Column::new("ชิ้น-วันที่ให้ยืม", 14.0),
    Column::new("ชิ้น-วันทั้งหมด", 14.0),
    Column::new("อัตราการใช้", 12.0),
];

fn utilisation_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    formats: &Formats,
    percent: &Format,
) -> Result<()> {
    sheet::write_table_header(sheet, 0, &UTILISATION_COLUMNS, 2, formats)?;
    for (row, line) in (1..).zip(&report.utilisation) {
        let cells = [
            Cell::Text(Some(&line.community)),
            Cell::Text(Some(&line.name)),
            Cell::Count(line.quantity),
            Cell::Count(line.loans),
            Cell::Count(line.piece_days_lent),
            Cell::Count(line.piece_days),
        ];
        sheet::write_cells(sheet, row, &cells, formats)?;
        let share = line.per_mille() as f64 / 1000.0;
        sheet.write_number_with_format(row, 6, share, percent)?;
    }
    let count = report.utilisation.len();
    let rows = sheet::data_rows(0, count);
    let last = rows.map_or(0, |(_, last)| last);
    sheet.autofilter(0, 0, last, UTILISATION_COLUMNS.len() as u16 - 1)?;
    let lent: i64 = report.utilisation.iter().map(|u| u.piece_days_lent).sum();
    let total: i64 = report.utilisation.iter().map(|u| u.piece_days).sum();
    let totals = [
        Total::sum(4, lent.to_string(), &formats.total_integer),
        Total::sum(5, total.to_string(), &formats.total_integer),
    ];
    let columns = UTILISATION_COLUMNS.len();
    sheet::write_totals(sheet, last + 1, columns, rows, &totals, formats)
}

fn overdue_sheet(sheet: &mut Worksheet, report: &Report, formats: &Formats) -> Result<()> {
    let title = "การยืมที่เกินกำหนดคืน ณ วันที่";
    sheet.write_string_with_format(0, 0, title, &formats.title)?;
    sheet::write_date(sheet, 0, 2, report.as_of, &formats.long_date)?;
    let loans: Vec<&Loan> = report.overdue.iter().collect();
    loan_table(sheet, 2, &loans, report.as_of, formats)?;
    Ok(())
}
