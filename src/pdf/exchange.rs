//! The exchange report as a PDF (รายงานอุปกรณ์ การยืม และการใช้งาน): a
//! summary by community; each community's equipment, what it lends and
//! what it borrows; utilisation over the period; and the overdue loans.
//!
//! Pages are A4 landscape, because the equipment tables are wide. The
//! report is a run of tables. A table starts on a new page when its title,
//! column titles and two rows do not fit, and a table that runs over a
//! page continues under its title marked "(ต่อ)" and its column titles.

use std::path::Path;

use chrono::NaiveDate;

use super::canvas::{Align, Canvas, TextStyle};
use super::document::{Document, PageSize};
use super::{group_thousands, printable, write_atomically, PdfError};
use crate::exchange::reports::{Holdings, Report};
use crate::exchange::Loan;
use crate::thai::date::{format_long, format_numeric};
use crate::Satang;

/// ISO A4 landscape.
const PAGE: PageSize = PageSize {
    width: 297.0,
    height: 210.0,
};
const LEFT: f32 = 12.0;
const RIGHT: f32 = 285.0;
const FIRST_TOP: f32 = 10.0;
const TOP: f32 = 12.0;
const BOTTOM: f32 = 194.0;
const FOOTER_BASELINE: f32 = 203.0;

const TITLE_HEIGHT: f32 = 30.0;
const SECTION_HEIGHT: f32 = 8.0;
const HEADING_HEIGHT: f32 = 7.0;
const ROW_HEIGHT: f32 = 6.0;
const GAP: f32 = 5.0;
/// Distance from a row's top to its baseline.
const ROW_BASELINE: f32 = 4.4;

const TITLE: TextStyle = TextStyle::bold(16.0);
const SUBTITLE: TextStyle = TextStyle::bold(14.0);
const TEXT: TextStyle = TextStyle::regular(11.0);
const SECTION: TextStyle = TextStyle::bold(12.0);
const HEADING: TextStyle = TextStyle::bold(10.0);
const CELL: TextStyle = TextStyle::regular(10.0);
const TOTAL: TextStyle = TextStyle::bold(10.0);
const FOOTER: TextStyle = TextStyle::regular(9.0);

/// A table column: its title, where its text goes (the left edge, or the
/// right edge for numbers) and how wide the text may be, in mm.
struct Column {
    title: &'static str,
    x: f32,
    width: f32,
    align: Align,
}

const fn column(title: &'static str, x: f32, width: f32, align: Align) -> Column {
    Column {
        title,
        x,
        width,
        align,
    }
}

const SUMMARY_COLUMNS: [Column; 6] = [
    column("ชุมชน", LEFT + 2.0, 80.0, Align::Left),
    column("รายการ", 130.0, 30.0, Align::Right),
    column("จำนวนชิ้น", 160.0, 28.0, Align::Right),
    column("มูลค่า (บาท)", 200.0, 38.0, Align::Right),
    column("ให้ยืมอยู่ (รายการ)", 242.0, 38.0, Align::Right),
    column("ยืมมา (รายการ)", RIGHT - 2.0, 38.0, Align::Right),
];

const OWNED_COLUMNS: [Column; 8] = [
    column("รหัส", LEFT + 2.0, 20.0, Align::Left),
    column("รายการ", 36.0, 66.0, Align::Left),
    column("หมวด", 104.0, 34.0, Align::Left),
    column("จำนวน", 154.0, 14.0, Align::Right),
    column("ให้ยืม", 170.0, 14.0, Align::Right),
    column("สถานะ", 174.0, 44.0, Align::Left),
    column("ที่เก็บ", 220.0, 36.0, Align::Left),
    column("มูลค่ารวม (บาท)", RIGHT - 2.0, 24.0, Align::Right),
];

const LOAN_COLUMNS: [Column; 8] = [
    column("ผู้ให้ยืม", LEFT + 2.0, 40.0, Align::Left),
    column("ผู้ยืม", 56.0, 56.0, Align::Left),
    column("รายการ", 114.0, 58.0, Align::Left),
    column("จำนวน", 186.0, 12.0, Align::Right),
    column("วันที่ยืม", 190.0, 20.0, Align::Left),
    column("กำหนดคืน", 212.0, 20.0, Align::Left),
    column("เกิน (วัน)", 252.0, 16.0, Align::Right),
    column("มัดจำ (บาท)", RIGHT - 2.0, 28.0, Align::Right),
];

const UTILISATION_COLUMNS: [Column; 7] = [
    column("ชุมชน", LEFT + 2.0, 44.0, Align::Left),
    column("รายการ", 60.0, 80.0, Align::Left),
    column("จำนวน", 160.0, 16.0, Align::Right),
    column("ครั้งที่ให้ยืม", 190.0, 24.0, Align::Right),
    column("ชิ้น-วันที่ให้ยืม", 222.0, 28.0, Align::Right),
    column("ชิ้น-วันทั้งหมด", 254.0, 28.0, Align::Right),
    column("อัตราการใช้ (%)", RIGHT - 2.0, 26.0, Align::Right),
];

/// A table to print: its rows as text, and an optional totals row.
struct Table {
    title: String,
    columns: &'static [Column],
    rows: Vec<Vec<String>>,
    total: Option<Vec<String>>,
}

impl Table {
    /// Rows to print: the data, the totals, or one saying there are none.
    fn lines(&self) -> usize {
        self.rows.len().max(1) + usize::from(self.total.is_some())
    }
}

/// Content of one place on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Title,
    Section { table: usize, continued: bool },
    Heading { table: usize },
    Line { table: usize, line: usize },
}

/// Writes the exchange report to a new PDF at `out`, replacing any file
/// there, with `printed_on` at the foot of each page. Returns the number
/// of pages.
pub fn write_exchange_report(
    out: &Path,
    report: &Report,
    printed_on: NaiveDate,
) -> Result<usize, PdfError> {
    let tables = tables(report);
    let pages = paginate(&tables);
    let count = pages.len();
    write_atomically(out, |path| {
        let mut document = Document::create(path)?;
        for (index, pieces) in pages.iter().enumerate() {
            document.add_page(PAGE, |canvas| {
                for (piece, y) in pieces {
                    draw(canvas, report, &tables, *piece, *y)?;
                }
                footer(canvas, printed_on, index + 1, count)
            })?;
        }
        let title = format!("รายงานอุปกรณ์และการยืม {}", format_numeric(report.as_of));
        document.finish(&title)?;
        Ok(count)
    })
}

fn tables(report: &Report) -> Vec<Table> {
    let mut tables = vec![summary_table(report)];
    for holdings in &report.communities {
        tables.push(owned_table(holdings));
        if !holdings.lent.is_empty() {
            let title = format!("{} ให้ยืม", holdings.community);
            tables.push(loan_table(title, &holdings.lent, report.as_of));
        }
        if !holdings.borrowed.is_empty() {
            let title = format!("{} ยืมมา", holdings.community);
            tables.push(loan_table(title, &holdings.borrowed, report.as_of));
        }
    }
    tables.push(utilisation_table(report));
    let title = format!("การยืมที่เกินกำหนดคืน ณ วันที่ {}", format_long(report.as_of));
    tables.push(loan_table(title, &report.overdue, report.as_of));
    tables
}

fn count(value: usize) -> String {
    group_thousands(value as i64)
}

fn summary_table(report: &Report) -> Table {
    let rows = report
        .communities
        .iter()
        .map(|h| {
            vec![
                h.community.clone(),
                count(h.owned.len()),
                group_thousands(h.owned.iter().map(|i| i.quantity).sum()),
                h.owned_value.to_string(),
                count(h.lent.len()),
                count(h.borrowed.len()),
            ]
        })
        .collect();
    let all = &report.communities;
    let total = vec![
        "รวม".to_string(),
        count(all.iter().map(|h| h.owned.len()).sum()),
        group_thousands(all.iter().flat_map(|h| &h.owned).map(|i| i.quantity).sum()),
        all.iter()
            .map(|h| h.owned_value)
            .sum::<Satang>()
            .to_string(),
        count(all.iter().map(|h| h.lent.len()).sum()),
        count(all.iter().map(|h| h.borrowed.len()).sum()),
    ];
    Table {
        title: "สรุปตามชุมชน".to_string(),
        columns: &SUMMARY_COLUMNS,
        rows,
        total: Some(total),
    }
}

fn owned_table(holdings: &Holdings) -> Table {
    let rows = holdings
        .owned
        .iter()
        .map(|item| {
            let status = match &item.missing {
                Some(part) => format!("{} ({part})", item.status.thai()),
                None => item.status.thai().to_string(),
            };
            vec![
                item.code.clone().unwrap_or_default(),
                item.name.clone(),
                item.category.thai().to_string(),
                group_thousands(item.quantity),
                group_thousands(item.on_loan),
                status,
                item.location.clone().unwrap_or_default(),
                item.total_value().to_string(),
            ]
        })
        .collect();
    let pieces: i64 = holdings.owned.iter().map(|item| item.quantity).sum();
    let on_loan: i64 = holdings.owned.iter().map(|item| item.on_loan).sum();
    let total = vec![
        String::new(),
        "รวม".to_string(),
        String::new(),
        group_thousands(pieces),
        group_thousands(on_loan),
        String::new(),
        String::new(),
        holdings.owned_value.to_string(),
    ];
    Table {
        title: format!("อุปกรณ์ของชุมชน{}", holdings.community),
        columns: &OWNED_COLUMNS,
        rows,
        total: Some(total),
    }
}

fn loan_table(title: String, loans: &[Loan], as_of: NaiveDate) -> Table {
    let rows = loans
        .iter()
        .map(|loan| {
            let late = loan.days_overdue(as_of);
            vec![
                loan.owner_community.clone(),
                loan.borrower_label(),
                loan.item_name.clone(),
                group_thousands(loan.quantity),
                format_numeric(loan.out_date),
                format_numeric(loan.due_date),
                if late > 0 {
                    group_thousands(late)
                } else {
                    String::new()
                },
                loan.deposit.to_string(),
            ]
        })
        .collect();
    Table {
        title,
        columns: &LOAN_COLUMNS,
        rows,
        total: None,
    }
}

fn utilisation_table(report: &Report) -> Table {
    let rows = report
        .utilisation
        .iter()
        .map(|u| {
            vec![
                u.community.clone(),
                u.name.clone(),
                group_thousands(u.quantity),
                group_thousands(u.loans),
                group_thousands(u.piece_days_lent),
                group_thousands(u.piece_days),
                u.percent_text(),
            ]
        })
        .collect();
    Table {
        title: format!(
            "การใช้งานระหว่างวันที่ {} ถึงวันที่ {}",
            format_long(report.from),
            format_long(report.to)
        ),
        columns: &UTILISATION_COLUMNS,
        rows,
        total: None,
    }
}

/// Places the title and the tables on pages, each piece with its top in
/// millimetres.
fn paginate(tables: &[Table]) -> Vec<Vec<(Piece, f32)>> {
    let mut pages = vec![vec![(Piece::Title, FIRST_TOP)]];
    let mut y = FIRST_TOP + TITLE_HEIGHT;
    for (table, content) in tables.iter().enumerate() {
        let lines = content.lines();
        let opening = SECTION_HEIGHT + HEADING_HEIGHT + ROW_HEIGHT * lines.min(2) as f32;
        if y + opening > BOTTOM {
            pages.push(Vec::new());
            y = TOP;
        }
        let mut continued = false;
        let mut line = 0;
        while line < lines {
            let page = pages.len() - 1;
            pages[page].push((Piece::Section { table, continued }, y));
            pages[page].push((Piece::Heading { table }, y + SECTION_HEIGHT));
            y += SECTION_HEIGHT + HEADING_HEIGHT;
            let fitting = ((BOTTOM - y) / ROW_HEIGHT).floor().max(1.0) as usize;
            let mut taking = fitting.min(lines - line);
            // Carry a row over with the last one rather than leave it alone.
            if lines - line - taking == 1 && taking > 1 {
                taking -= 1;
            }
            for line in line..line + taking {
                pages[page].push((Piece::Line { table, line }, y));
                y += ROW_HEIGHT;
            }
            line += taking;
            if line < lines {
                pages.push(Vec::new());
                y = TOP;
                continued = true;
            }
        }
        y += GAP;
    }
    pages
}

fn draw(
    canvas: &mut Canvas<'_>,
    report: &Report,
    tables: &[Table],
    piece: Piece,
    y: f32,
) -> Result<(), PdfError> {
    match piece {
        Piece::Title => title(canvas, report, y),
        Piece::Section { table, continued } => {
            let title = &tables[table].title;
            let text = if continued {
                format!("{title} (ต่อ)")
            } else {
                title.clone()
            };
            let baseline = y + SECTION_HEIGHT - 2.5;
            canvas.fitted_text(
                LEFT,
                baseline,
                RIGHT - LEFT,
                SECTION,
                &printable(&text),
                Align::Left,
            )?;
            Ok(())
        }
        Piece::Heading { table } => heading(canvas, &tables[table], y),
        Piece::Line { table, line } => table_line(canvas, &tables[table], line, y),
    }
}

fn title(canvas: &mut Canvas<'_>, report: &Report, y: f32) -> Result<(), PdfError> {
    let centre = PAGE.width / 2.0;
    let name = printable(&report.foundation_name);
    canvas.fitted_text(centre, y + 7.0, RIGHT - LEFT, TITLE, &name, Align::Center)?;
    let subtitle = "รายงานอุปกรณ์ การยืม และการใช้งานของชุมชน";
    canvas.label(centre, y + 15.0, SUBTITLE, subtitle, Align::Center)?;
    let dates = format!(
        "ข้อมูล ณ วันที่ {}   การใช้งานระหว่างวันที่ {} ถึงวันที่ {}",
        format_long(report.as_of),
        format_long(report.from),
        format_long(report.to)
    );
    canvas.text(centre, y + 22.0, TEXT, &dates, Align::Center)?;
    Ok(())
}

fn heading(canvas: &mut Canvas<'_>, table: &Table, y: f32) -> Result<(), PdfError> {
    canvas.fill_rect(LEFT, y, RIGHT - LEFT, HEADING_HEIGHT, 0.9);
    canvas.rect(LEFT, y, RIGHT - LEFT, HEADING_HEIGHT, 0.4);
    let baseline = y + HEADING_HEIGHT - 2.2;
    for column in table.columns {
        canvas.label(column.x, baseline, HEADING, column.title, column.align)?;
    }
    Ok(())
}

/// Draws line `line` of a table: a data row, the totals row after the
/// data, or a note that the table has no rows.
fn table_line(canvas: &mut Canvas<'_>, table: &Table, line: usize, y: f32) -> Result<(), PdfError> {
    let baseline = y + ROW_BASELINE;
    let data = table.rows.len().max(1);
    if line >= data {
        if let Some(total) = &table.total {
            canvas.line(LEFT, y, RIGHT, y, 0.4);
            cells(canvas, table, total, TOTAL, baseline)?;
        }
        return Ok(());
    }
    match table.rows.get(line) {
        Some(row) => cells(canvas, table, row, CELL, baseline)?,
        None => {
            let first = &table.columns[0];
            canvas.label(first.x, baseline, CELL, "ไม่มีรายการ", Align::Left)?;
        }
    }
    canvas.line(LEFT, y + ROW_HEIGHT, RIGHT, y + ROW_HEIGHT, 0.1);
    Ok(())
}

fn cells(
    canvas: &mut Canvas<'_>,
    table: &Table,
    row: &[String],
    style: TextStyle,
    baseline: f32,
) -> Result<(), PdfError> {
    for (column, text) in table.columns.iter().zip(row) {
        if !text.is_empty() {
            let text = printable(text);
            canvas.fitted_text(column.x, baseline, column.width, style, &text, column.align)?;
        }
    }
    Ok(())
}

fn footer(
    canvas: &mut Canvas<'_>,
    printed_on: NaiveDate,
    page: usize,
    pages: usize,
) -> Result<(), PdfError> {
    let printed = format!("พิมพ์วันที่ {}", format_long(printed_on));
    canvas.text(LEFT, FOOTER_BASELINE, FOOTER, &printed, Align::Left)?;
    let number = format!("หน้า {page}/{pages}");
    canvas.text(RIGHT, FOOTER_BASELINE, FOOTER, &number, Align::Right)?;
    Ok(())
}
