//! A member's share statement (รายการเคลื่อนไหวหุ้น): the member's details and
//! every share transaction with the running balance, on A4 pages that each
//! repeat the heading and the table's column titles and show "หน้า 1/3".

use std::path::Path;

use chrono::NaiveDate;

use super::canvas::{Align, Canvas, Frame, TextStyle};
use super::document::{Document, PageSize};
use super::{group_thousands, write_atomically, PdfError};
use crate::thai::date::{format_long, format_numeric};
use crate::Satang;

/// A member's share statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The foundation's name, as in the settings.
    pub foundation_name: String,
    /// The member's number, as the register writes it.
    pub member_no: String,
    /// The member's full name with title.
    pub member_name: String,
    /// The member's community.
    pub community_name: String,
    /// The member's address on one line, if known.
    pub address: Option<String>,
    /// The date printed on the statement.
    pub printed_on: NaiveDate,
    /// The transactions, oldest first.
    pub lines: Vec<StatementLine>,
}

/// One share transaction on a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// The transaction date.
    pub date: NaiveDate,
    /// Transaction kind in Thai, such as "ซื้อหุ้น" or "ถอนหุ้น".
    pub kind: String,
    /// Change to the member's balance: negative for shares going out.
    pub shares: i64,
    /// Money paid or refunded.
    pub amount: Satang,
    /// The receipt number, if there is one.
    pub receipt_no: Option<String>,
    /// The member's balance in shares after this transaction.
    pub balance: i64,
}

const TITLE: TextStyle = TextStyle::bold(16.0);
const SUBTITLE: TextStyle = TextStyle::bold(14.0);
const LABEL: TextStyle = TextStyle::regular(12.0);
const VALUE: TextStyle = TextStyle::bold(12.0);
const HEADING: TextStyle = TextStyle::bold(11.0);
const CELL: TextStyle = TextStyle::regular(11.0);
const FOOTER: TextStyle = TextStyle::regular(10.0);

const PAGE: PageSize = PageSize::A4_PORTRAIT;
const LEFT: f32 = 14.0;
const RIGHT: f32 = 196.0;
const TABLE_TOP: f32 = 60.0;
const HEADING_HEIGHT: f32 = 8.0;
const ROW_HEIGHT: f32 = 7.0;
/// Distance from a row's top to its baseline.
const ROW_BASELINE: f32 = 5.0;
/// The lowest a table row may reach.
const TABLE_BOTTOM: f32 = 276.0;
const FOOTER_BASELINE: f32 = 287.0;

/// A table column: where its text goes and how wide it may be, in mm.
struct Column {
    title: &'static str,
    /// The left edge for left-aligned text, the right edge for numbers.
    x: f32,
    width: f32,
    align: Align,
}

const COLUMNS: [Column; 6] = [
    Column {
        title: "วันที่",
        x: LEFT + 2.0,
        width: 24.0,
        align: Align::Left,
    },
    Column {
        title: "รายการ",
        x: 42.0,
        width: 38.0,
        align: Align::Left,
    },
    Column {
        title: "จำนวนหุ้น",
        x: 102.0,
        width: 20.0,
        align: Align::Right,
    },
    Column {
        title: "จำนวนเงิน (บาท)",
        x: 138.0,
        width: 33.0,
        align: Align::Right,
    },
    Column {
        title: "เลขที่ใบเสร็จ",
        x: 142.0,
        width: 27.0,
        align: Align::Left,
    },
    Column {
        title: "คงเหลือ (หุ้น)",
        x: RIGHT - 2.0,
        width: 24.0,
        align: Align::Right,
    },
];

/// Rows that fit below the column titles on one page.
fn rows_per_page() -> usize {
    ((TABLE_BOTTOM - TABLE_TOP - HEADING_HEIGHT) / ROW_HEIGHT) as usize
}

/// Writes a member's share statement to a new PDF at `out`, replacing any
/// file there.
pub fn write_statement(out: &Path, statement: &Statement) -> Result<(), PdfError> {
    // One row per transaction (or one saying there are none), then the total.
    let rows = statement.lines.len().max(1) + 1;
    let page_count = rows.div_ceil(rows_per_page());

    write_atomically(out, |path| {
        let mut document = Document::create(path)?;
        for page in 0..page_count {
            let first = page * rows_per_page();
            document.add_page(PAGE, |canvas| {
                draw_heading(canvas, statement)?;
                draw_rows(canvas, statement, first)?;
                let number = format!("หน้า {}/{}", page + 1, page_count);
                canvas.text(
                    PAGE.width / 2.0,
                    FOOTER_BASELINE,
                    FOOTER,
                    &number,
                    Align::Center,
                )?;
                Ok(())
            })?;
        }
        let title = format!("รายการเคลื่อนไหวหุ้น {}", statement.member_no);
        document.finish(&title)?;
        Ok(())
    })
}

/// Draws the heading that every page repeats: titles, member details and
/// the column titles.
fn draw_heading(canvas: &mut Canvas<'_>, statement: &Statement) -> Result<(), PdfError> {
    let centre = PAGE.width / 2.0;
    canvas.fitted_text(
        centre,
        18.0,
        180.0,
        TITLE,
        &statement.foundation_name,
        Align::Center,
    )?;
    canvas.label(
        centre,
        27.0,
        SUBTITLE,
        "รายการเคลื่อนไหวหุ้นของสมาชิก",
        Align::Center,
    )?;

    // Label position, label, value and the value's width.
    let details = [
        (LEFT, 37.0, "เลขที่สมาชิก", statement.member_no.as_str(), 58.0),
        (100.0, 37.0, "ชื่อ-สกุล", statement.member_name.as_str(), 70.0),
        (LEFT, 44.0, "ชุมชน", statement.community_name.as_str(), 58.0),
    ];
    for (x, y, label, value, width) in details {
        canvas.label(x, y, LABEL, label, Align::Left)?;
        canvas.fitted_text(x + 24.0, y, width, VALUE, value, Align::Left)?;
    }
    canvas.label(100.0, 44.0, LABEL, "วันที่พิมพ์", Align::Left)?;
    canvas.text(
        124.0,
        44.0,
        VALUE,
        &format_long(statement.printed_on),
        Align::Left,
    )?;
    canvas.label(LEFT, 51.0, LABEL, "ที่อยู่", Align::Left)?;
    let address = statement.address.as_deref().unwrap_or("-");
    let frame = Frame {
        width: RIGHT - LEFT - 24.0,
        line_height: 5.5,
        max_lines: 2,
    };
    canvas.paragraph(LEFT + 24.0, 51.0, frame, VALUE, address)?;

    canvas.fill_rect(LEFT, TABLE_TOP, RIGHT - LEFT, HEADING_HEIGHT, 0.9);
    canvas.rect(LEFT, TABLE_TOP, RIGHT - LEFT, HEADING_HEIGHT, 0.4);
    let baseline = TABLE_TOP + HEADING_HEIGHT - 2.5;
    for column in &COLUMNS {
        canvas.label(column.x, baseline, HEADING, column.title, column.align)?;
    }
    Ok(())
}

/// Draws the rows of one page, starting with row `first`. The row after
/// the last transaction contains the closing balance.
fn draw_rows(canvas: &mut Canvas<'_>, statement: &Statement, first: usize) -> Result<(), PdfError> {
    let rows = statement.lines.len().max(1) + 1;
    let last = rows.min(first + rows_per_page());
    for (slot, row) in (first..last).enumerate() {
        let top = TABLE_TOP + HEADING_HEIGHT + slot as f32 * ROW_HEIGHT;
        let baseline = top + ROW_BASELINE;
        if row + 1 == rows {
            draw_closing_row(canvas, statement, baseline)?;
        } else if let Some(line) = statement.lines.get(row) {
            draw_line(canvas, line, baseline)?;
        } else {
            canvas.label(
                COLUMNS[1].x,
                baseline,
                CELL,
                "ไม่มีรายการเคลื่อนไหวหุ้น",
                Align::Left,
            )?;
        }
        canvas.line(LEFT, top + ROW_HEIGHT, RIGHT, top + ROW_HEIGHT, 0.2);
    }
    Ok(())
}

fn draw_line(canvas: &mut Canvas<'_>, line: &StatementLine, baseline: f32) -> Result<(), PdfError> {
    let cells = [
        format_numeric(line.date),
        line.kind.clone(),
        group_thousands(line.shares),
        line.amount.to_string(),
        line.receipt_no.clone().unwrap_or_default(),
        group_thousands(line.balance),
    ];
    for (column, text) in COLUMNS.iter().zip(&cells) {
        if !text.is_empty() {
            canvas.fitted_text(column.x, baseline, column.width, CELL, text, column.align)?;
        }
    }
    Ok(())
}

fn draw_closing_row(
    canvas: &mut Canvas<'_>,
    statement: &Statement,
    baseline: f32,
) -> Result<(), PdfError> {
    let balance = statement.lines.last().map_or(0, |line| line.balance);
    canvas.label(COLUMNS[1].x, baseline, HEADING, "ยอดหุ้นคงเหลือ", Align::Left)?;
    let balance_column = &COLUMNS[5];
    let text = group_thousands(balance);
    canvas.text(
        balance_column.x,
        baseline,
        HEADING,
        &text,
        balance_column.align,
    )?;
    Ok(())
}
