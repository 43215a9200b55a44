//! The dividend sheet (ปันผล 2567): a header block describing the year's
//! run, then one row per member with the amount, and a totals row.

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{RowNum, Workbook, Worksheet};

use super::sheet::{self, Cell, Column, Formats, Total, A4};
use crate::dividends::{self, Basis, Run, Status};
use crate::documents::{foundation_name, method_text};
use crate::{Error, Result, Satang};

/// The table's columns. The first is wide enough for the header block's
/// labels too, such as "ยอดเงินปันผลรวม (บาท)".
const COLUMNS: [Column; 5] = [
    Column::new("เลขที่สมาชิก", 20.0),
    Column::new("ชื่อ-สกุล", 32.0),
    Column::new("หุ้น-เดือน", 12.0),
    Column::new("หุ้นสิ้นปี", 12.0),
    Column::new("ปันผล (บาท)", 16.0),
];
const NAME: u16 = 1;
const SHARE_MONTHS: u16 = 2;
const YEAR_END_SHARES: u16 = 3;
const AMOUNT: u16 = 4;

/// Row of the first header field, below the foundation's name and the title.
const FIRST_FIELD_ROW: RowNum = 2;

/// Number of header fields.
const FIELD_COUNT: RowNum = 7;

/// Row of the table header, below the header fields and a blank row.
const HEADER_ROW: RowNum = FIRST_FIELD_ROW + FIELD_COUNT + 1;

/// Returns the name of the worksheet of a year, "ปันผล 2567".
fn sheet_name(year_be: i32) -> String {
    format!("ปันผล {year_be}")
}

/// Builds the workbook of the year's draft or approved run, printed on
/// `printed_on`. Returns it with the number of lines written.
pub(super) fn workbook(
    conn: &Connection,
    year_be: i32,
    printed_on: NaiveDate,
) -> Result<(Workbook, usize)> {
    let run = dividends::get(conn, year_be)?.ok_or_else(|| Error::NotFound {
        what: "dividend run for year",
        key: year_be.to_string(),
    })?;
    let foundation = foundation_name(conn)?;
    let formats = Formats::new();

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(year_be))?;
    sheet.set_portrait();
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    write_header_block(sheet, &run, &foundation, printed_on, &formats)?;
    sheet::write_table_header(sheet, HEADER_ROW, &COLUMNS, 0, &formats)?;
    for (row, line) in (HEADER_ROW + 1..).zip(&run.lines) {
        let cells = [
            Cell::Code(Some(&line.member_no)),
            Cell::Text(Some(&line.name)),
            Cell::Count(line.share_months),
            Cell::Count(line.year_end_shares),
            Cell::Baht(line.amount),
        ];
        sheet::write_cells(sheet, row, &cells, &formats)?;
    }
    let rows = sheet::data_rows(HEADER_ROW, run.lines.len());
    let last_row = rows.map_or(HEADER_ROW, |(_, last)| last);
    sheet.autofilter(HEADER_ROW, 0, last_row, COLUMNS.len() as u16 - 1)?;
    write_totals(sheet, last_row + 1, rows, &run, &formats)?;
    Ok((workbook, run.lines.len()))
}

/// A value of the header block.
enum Field<'a> {
    /// A year, without a thousands separator.
    Year(i32),
    /// A long Buddhist-era date.
    Date(NaiveDate),
    /// Text.
    Text(&'a str),
    /// Money in baht.
    Baht(Satang),
}

/// Writes the foundation's name and a title, then the run's fields below
/// them, a label and its value on each row.
fn write_header_block(
    sheet: &mut Worksheet,
    run: &Run,
    foundation: &str,
    printed_on: NaiveDate,
    formats: &Formats,
) -> Result<()> {
    let year_be = run.params.year_be;
    sheet::write_optional_text(sheet, 0, 0, Some(foundation), &formats.title)?;
    let title = format!("รายการปันผลประจำปี {year_be}");
    sheet.write_string_with_format(1, 0, title, &formats.title)?;

    let rate;
    let basis = match run.params.basis {
        Basis::Pool(pool) => ("ยอดเงินปันผลรวม (บาท)", Field::Baht(pool)),
        Basis::RatePpm(ppm) => {
            rate = dividends::format_rate_ppm(ppm);
            ("อัตราปันผล (% ต่อปี)", Field::Text(&rate))
        }
    };
    let fields: [(&str, Field<'_>); FIELD_COUNT as usize] = [
        ("ปีบัญชี (พ.ศ.)", Field::Year(year_be)),
        ("ตั้งแต่วันที่", Field::Date(run.period_from)),
        ("ถึงวันที่", Field::Date(run.period_to)),
        ("วิธีคิด", Field::Text(method_text(run.params.method))),
        basis,
        ("สถานะ", Field::Text(status_text(run.status))),
        ("วันที่พิมพ์", Field::Date(printed_on)),
    ];
    for (row, (label, field)) in (FIRST_FIELD_ROW..).zip(fields) {
        sheet.write_string_with_format(row, 0, label, &formats.label)?;
        write_field(sheet, row, field, formats)?;
    }
    Ok(())
}

fn write_field(
    sheet: &mut Worksheet,
    row: RowNum,
    field: Field<'_>,
    formats: &Formats,
) -> Result<()> {
    match field {
        Field::Year(year) => {
            sheet.write_number_with_format(row, 1, year, &formats.year)?;
        }
        Field::Date(date) => sheet::write_date(sheet, row, 1, date, &formats.long_date)?,
        Field::Text(text) => {
            sheet.write_string(row, 1, text)?;
        }
        Field::Baht(amount) => {
            sheet.write_number_with_format(row, 1, sheet::baht(amount), &formats.field_money)?;
        }
    }
    Ok(())
}

fn write_totals(
    sheet: &mut Worksheet,
    row: RowNum,
    rows: Option<(RowNum, RowNum)>,
    run: &Run,
    formats: &Formats,
) -> Result<()> {
    let share_months: i64 = run.lines.iter().map(|line| line.share_months).sum();
    let year_end_shares: i64 = run.lines.iter().map(|line| line.year_end_shares).sum();
    let integer = &formats.total_integer;
    let cells = [
        Total::count(NAME, 0, run.lines.len(), &formats.total_count),
        Total::sum(SHARE_MONTHS, share_months.to_string(), integer),
        Total::sum(YEAR_END_SHARES, year_end_shares.to_string(), integer),
        Total::sum(AMOUNT, run.total.to_plain_string(), &formats.total_money),
    ];
    sheet::write_totals(sheet, row, COLUMNS.len(), rows, &cells, formats)
}

/// Returns a run's state in Thai. Only drafts and approved runs are
/// exported, but every state has a name.
fn status_text(status: Status) -> &'static str {
    match status {
        Status::Preview => "ตัวอย่าง",
        Status::Draft => "ร่าง",
        Status::Approved => "อนุมัติแล้ว",
        Status::Reversed => "ยกเลิกแล้ว",
    }
}
