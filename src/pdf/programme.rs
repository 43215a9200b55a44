//! The waste bank's programme report for partners
//! (รายงานผลโครงการธนาคารขยะ): the period and communities, the headline figures, plastic by
//! polymer and kilograms by month as vector bar charts, and tables by
//! material, by community and of the busiest collection points.
//!
//! The report is laid out as a flow of blocks on A4 portrait pages. A
//! block that does not fit on the rest of a page starts a new one, and a
//! table that does not fit continues on the next page under its repeated
//! column titles.

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use super::canvas::{Align, Canvas, Frame, TextStyle};
use super::document::{Document, PageSize};
use super::{group_thousands, write_atomically, PdfError};
use crate::thai::date::{format_long, format_numeric};
use crate::waste::format_kg;
use crate::waste::reports::{Month, ProgrammeReport};

/// Details the report prints besides the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeHeader {
    /// The foundation's name, as in the settings.
    pub foundation_name: String,
    /// The date printed at the foot of each page.
    pub printed_on: NaiveDate,
}

const PAGE: PageSize = PageSize::A4_PORTRAIT;
const LEFT: f32 = 16.0;
const RIGHT: f32 = 194.0;
const FIRST_TOP: f32 = 12.0;
const TOP: f32 = 22.0;
const BOTTOM: f32 = 280.0;
const GAP: f32 = 7.0;

const TITLE: TextStyle = TextStyle::bold(16.0);
const SUBTITLE: TextStyle = TextStyle::bold(14.0);
const SECTION: TextStyle = TextStyle::bold(12.0);
const TEXT: TextStyle = TextStyle::regular(11.0);
const FIGURE: TextStyle = TextStyle::bold(15.0);
const SMALL: TextStyle = TextStyle::regular(9.0);
const HEADING: TextStyle = TextStyle::bold(10.0);
const CELL: TextStyle = TextStyle::regular(10.0);
const AXIS: TextStyle = TextStyle::regular(8.0);

/// Grey levels of the charts' bars: plastics dark, other materials light.
const PLASTIC_GREY: f32 = 0.3;
const OTHER_GREY: f32 = 0.72;

const TITLE_HEIGHT: f32 = 38.0;
const FIGURES_HEIGHT: f32 = 50.0;
const MONTHS_HEIGHT: f32 = 88.0;
const SECTION_HEIGHT: f32 = 8.0;
const TABLE_HEADING_HEIGHT: f32 = 7.0;
const ROW_HEIGHT: f32 = 6.0;
const POLYMER_ROW: f32 = 8.0;

/// Writes the programme report to a new PDF at `out`, replacing any file
/// there. Returns the number of pages.
pub fn write_programme_report(
    out: &Path,
    header: &ProgrammeHeader,
    report: &ProgrammeReport,
) -> Result<usize, PdfError> {
    let tables = tables(report);
    let pages = paginate(report, &tables);
    let count = pages.len();
    write_atomically(out, |path| {
        let mut document = Document::create(path)?;
        for (index, pieces) in pages.iter().enumerate() {
            document.add_page(PAGE, |canvas| {
                if index > 0 {
                    running_head(canvas, header, report)?;
                }
                for (piece, y) in pieces {
                    draw_piece(canvas, header, report, &tables, piece, *y)?;
                }
                footer(canvas, header, index + 1, count)
            })?;
        }
        let title = format!(
            "รายงานผลโครงการธนาคารขยะ {} ถึง {}",
            format_numeric(report.from),
            format_numeric(report.to)
        );
        document.finish(&title)?;
        Ok(count)
    })
}

/// A block of the report, or part of a table.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Title,
    Figures,
    Polymers,
    Months,
    Table {
        table: usize,
        rows: Range<usize>,
        continued: bool,
    },
}

/// A table's column: its title, where its text goes (the left edge, or
/// the right edge for numbers) and how wide it may be, in mm.
struct Column {
    title: &'static str,
    x: f32,
    width: f32,
    align: Align,
}

struct Table {
    title: String,
    columns: &'static [Column],
    rows: Vec<Vec<String>>,
    /// A last row in bold, such as the totals.
    total: Option<Vec<String>>,
}

const fn column(title: &'static str, x: f32, width: f32, align: Align) -> Column {
    Column {
        title,
        x,
        width,
        align,
    }
}

const MATERIAL_COLUMNS: [Column; 4] = [
    column("วัสดุ", LEFT + 2.0, 70.0, Align::Left),
    column("กลุ่ม", 92.0, 30.0, Align::Left),
    column("น้ำหนัก (กก.)", 156.0, 30.0, Align::Right),
    column("มูลค่า (บาท)", RIGHT - 2.0, 34.0, Align::Right),
];

const COMMUNITY_COLUMNS: [Column; 5] = [
    column("ชุมชน", LEFT + 2.0, 56.0, Align::Left),
    column("น้ำหนัก (กก.)", 106.0, 28.0, Align::Right),
    column("พลาสติก (กก.)", 136.0, 28.0, Align::Right),
    column("เงินคืนสมาชิก (บาท)", 172.0, 34.0, Align::Right),
    column("สมาชิก (คน)", RIGHT - 2.0, 20.0, Align::Right),
];

const POINT_COLUMNS: [Column; 6] = [
    column("ที่", LEFT + 2.0, 8.0, Align::Left),
    column("จุดรับ", LEFT + 10.0, 56.0, Align::Left),
    column("ชุมชน", 84.0, 40.0, Align::Left),
    column("น้ำหนัก (กก.)", 152.0, 26.0, Align::Right),
    column("ครั้ง", 170.0, 16.0, Align::Right),
    column("สมาชิก", RIGHT - 2.0, 18.0, Align::Right),
];

const MONEY_COLUMNS: [Column; 2] = [
    column("รายการ", LEFT + 2.0, 120.0, Align::Left),
    column("จำนวน", RIGHT - 2.0, 50.0, Align::Right),
];

/// The busiest points the report lists.
const POINTS_LISTED: usize = 10;

fn tables(report: &ProgrammeReport) -> Vec<Table> {
    let materials = Table {
        title: "น้ำหนักแยกตามวัสดุ".to_string(),
        columns: &MATERIAL_COLUMNS,
        rows: report
            .by_material
            .iter()
            .map(|m| {
                vec![
                    m.name_th.clone(),
                    m.category.thai().to_string(),
                    format_kg(m.grams),
                    m.value.to_string(),
                ]
            })
            .collect(),
        total: Some(vec![
            "รวม".to_string(),
            String::new(),
            format_kg(report.total_grams),
            report
                .by_material
                .iter()
                .map(|m| m.value)
                .sum::<crate::Satang>()
                .to_string(),
        ]),
    };
    let communities = Table {
        title: "ผลการดำเนินงานแยกตามชุมชน".to_string(),
        columns: &COMMUNITY_COLUMNS,
        rows: report
            .by_community
            .iter()
            .map(|c| {
                vec![
                    c.community.clone(),
                    format_kg(c.grams),
                    format_kg(c.plastic_grams),
                    c.value.to_string(),
                    group_thousands(c.members),
                ]
            })
            .collect(),
        total: None,
    };
    let points = Table {
        title: format!("จุดรับที่มีปริมาณมากที่สุด {POINTS_LISTED} อันดับแรก"),
        columns: &POINT_COLUMNS,
        rows: report
            .points
            .iter()
            .take(POINTS_LISTED)
            .enumerate()
            .map(|(rank, p)| {
                vec![
                    (rank + 1).to_string(),
                    p.point.clone(),
                    p.community.clone(),
                    format_kg(p.grams),
                    group_thousands(p.lots),
                    group_thousands(p.members),
                ]
            })
            .collect(),
        total: None,
    };
    vec![materials, communities, points, money_table(report)]
}

fn money_table(report: &ProgrammeReport) -> Table {
    let baht = |amount: crate::Satang| format!("{amount} บาท");
    let rows = [
        (
            "มูลค่าขยะที่รับซื้อจากสมาชิก (เงินสดและเครดิตพลาสติก)",
            baht(report.value_returned),
        ),
        ("ในจำนวนนี้ เข้าบัญชีเครดิตพลาสติก", baht(report.credit_earned)),
        ("เครดิตพลาสติกที่แปลงเป็นหุ้น", baht(report.credit_to_shares)),
        (
            "หุ้นที่ซื้อด้วยเครดิตพลาสติก",
            format!("{} หุ้น", group_thousands(report.shares_bought)),
        ),
        ("ค่าตอบแทนซาเล้ง", baht(report.collector_pay)),
        ("รายได้จากการขายให้ผู้รับซื้อ", baht(report.sales_revenue)),
    ];
    Table {
        title: "เงินที่คืนสู่สมาชิกและชุมชน".to_string(),
        columns: &MONEY_COLUMNS,
        rows: rows
            .into_iter()
            .map(|(label, value)| vec![label.to_string(), value])
            .collect(),
        total: None,
    }
}

fn polymers_height(report: &ProgrammeReport) -> f32 {
    SECTION_HEIGHT + report.by_polymer.len().max(1) as f32 * POLYMER_ROW + 2.0
}

/// Places the blocks on pages, each with its top in mm.
fn paginate(report: &ProgrammeReport, tables: &[Table]) -> Vec<Vec<(Piece, f32)>> {
    let mut flow = Flow {
        pages: vec![Vec::new()],
        y: FIRST_TOP,
    };
    flow.place(Piece::Title, TITLE_HEIGHT);
    flow.place(Piece::Figures, FIGURES_HEIGHT);
    flow.place(Piece::Polymers, polymers_height(report));
    flow.place_table(0, &tables[0]);
    flow.place(Piece::Months, MONTHS_HEIGHT);
    for (index, table) in tables.iter().enumerate().skip(1) {
        flow.place_table(index, table);
    }
    flow.pages
}

struct Flow {
    pages: Vec<Vec<(Piece, f32)>>,
    y: f32,
}

impl Flow {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn place(&mut self, piece: Piece, height: f32) {
        if self.y + height > BOTTOM && !self.current().is_empty() {
            self.new_page();
        }
        let y = self.y;
        self.current().push((piece, y));
        self.y += height + GAP;
    }

    fn current(&mut self) -> &mut Vec<(Piece, f32)> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Places a table, splitting its rows over pages. The total row counts
    /// as a row.
    fn place_table(&mut self, index: usize, table: &Table) {
        let rows = table.rows.len() + usize::from(table.total.is_some());
        let rows = rows.max(1);
        let mut first = 0;
        while first < rows {
            let room = BOTTOM - self.y - SECTION_HEIGHT - TABLE_HEADING_HEIGHT;
            let fitting = (room / ROW_HEIGHT).floor().max(0.0) as usize;
            // Start on a new page rather than leave a title with one row.
            if fitting < 2.min(rows - first) {
                self.new_page();
                continue;
            }
            let end = rows.min(first + fitting);
            let height = SECTION_HEIGHT + TABLE_HEADING_HEIGHT + (end - first) as f32 * ROW_HEIGHT;
            let y = self.y;
            self.current().push((
                Piece::Table {
                    table: index,
                    rows: first..end,
                    continued: first > 0,
                },
                y,
            ));
            self.y += height + GAP;
            first = end;
        }
    }
}

fn draw_piece(
    canvas: &mut Canvas<'_>,
    header: &ProgrammeHeader,
    report: &ProgrammeReport,
    tables: &[Table],
    piece: &Piece,
    y: f32,
) -> Result<(), PdfError> {
    match piece {
        Piece::Title => title(canvas, header, report, y),
        Piece::Figures => figures(canvas, report, y),
        Piece::Polymers => polymers(canvas, report, y),
        Piece::Months => months(canvas, report, y),
        Piece::Table {
            table,
            rows,
            continued,
        } => draw_table(canvas, &tables[*table], rows.clone(), *continued, y),
    }
}

fn period(report: &ProgrammeReport) -> String {
    format!(
        "ระหว่างวันที่ {} ถึงวันที่ {}",
        format_long(report.from),
        format_long(report.to)
    )
}

fn title(
    canvas: &mut Canvas<'_>,
    header: &ProgrammeHeader,
    report: &ProgrammeReport,
    y: f32,
) -> Result<(), PdfError> {
    let centre = PAGE.width / 2.0;
    canvas.fitted_text(
        centre,
        y + 7.0,
        RIGHT - LEFT,
        TITLE,
        &header.foundation_name,
        Align::Center,
    )?;
    canvas.label(
        centre,
        y + 15.0,
        SUBTITLE,
        "รายงานผลโครงการธนาคารขยะชุมชน",
        Align::Center,
    )?;
    canvas.text(centre, y + 22.0, TEXT, &period(report), Align::Center)?;
    let communities = if report.communities.is_empty() {
        "ชุมชนที่มีการฝาก: ไม่มีการฝากในช่วงนี้".to_string()
    } else {
        format!(
            "ชุมชนที่มีการฝาก ({} ชุมชน): {}",
            report.communities.len(),
            report.communities.join(", ")
        )
    };
    let frame = Frame {
        width: RIGHT - LEFT,
        line_height: 5.0,
        max_lines: 2,
    };
    canvas.paragraph(LEFT, y + 30.0, frame, TEXT, &communities)?;
    Ok(())
}

/// Draws six boxes of headline figures, three to a row.
fn figures(canvas: &mut Canvas<'_>, report: &ProgrammeReport, y: f32) -> Result<(), PdfError> {
    let boxes = [
        ("น้ำหนักขยะรีไซเคิลรวม", format_kg(report.total_grams), "กิโลกรัม"),
        (
            "พลาสติกที่ไม่เข้าสู่บ่อขยะ",
            format_kg(report.plastic_grams),
            "กิโลกรัม",
        ),
        ("สมาชิกที่ร่วมฝาก", group_thousands(report.active_members), "คน"),
        ("เงินที่คืนสู่สมาชิก", report.value_returned.to_string(), "บาท"),
        (
            "เครดิตพลาสติกที่แปลงเป็นหุ้น",
            report.credit_to_shares.to_string(),
            "บาท",
        ),
        ("จำนวนครั้งที่ชั่งรับ", group_thousands(report.lots), "ครั้ง"),
    ];
    let width = (RIGHT - LEFT - 2.0 * 4.0) / 3.0;
    let height = 22.0;
    for (index, (label, value, unit)) in boxes.iter().enumerate() {
        let x = LEFT + (index % 3) as f32 * (width + 4.0);
        let top = y + (index / 3) as f32 * (height + 4.0);
        canvas.fill_rect(x, top, width, height, 0.95);
        canvas.rect(x, top, width, height, 0.4);
        canvas.fitted_text(x + 3.0, top + 6.0, width - 6.0, SMALL, label, Align::Left)?;
        canvas.fitted_text(
            x + width - 3.0,
            top + 14.5,
            width - 6.0,
            FIGURE,
            value,
            Align::Right,
        )?;
        canvas.label(x + width - 3.0, top + 19.5, SMALL, unit, Align::Right)?;
    }
    Ok(())
}

/// Draws a horizontal bar for each polymer, its length in proportion to the
/// heaviest.
fn polymers(canvas: &mut Canvas<'_>, report: &ProgrammeReport, y: f32) -> Result<(), PdfError> {
    canvas.label(
        LEFT,
        y + 5.0,
        SECTION,
        "พลาสติกที่ไม่เข้าสู่บ่อขยะ แยกตามชนิดพอลิเมอร์ (กิโลกรัม)",
        Align::Left,
    )?;
    let top = y + SECTION_HEIGHT;
    if report.by_polymer.is_empty() {
        canvas.label(
            LEFT + 2.0,
            top + 5.5,
            TEXT,
            "ไม่มีการฝากพลาสติกในช่วงนี้",
            Align::Left,
        )?;
        return Ok(());
    }
    let bar_left = 52.0;
    let bar_span = 112.0;
    let heaviest = report
        .by_polymer
        .iter()
        .map(|(_, g)| *g)
        .max()
        .unwrap_or(0)
        .max(1);
    for (index, (polymer, grams)) in report.by_polymer.iter().enumerate() {
        let row = top + index as f32 * POLYMER_ROW;
        canvas.fitted_text(
            LEFT + 2.0,
            row + 5.2,
            34.0,
            TEXT,
            &polymer_name(polymer),
            Align::Left,
        )?;
        let length = bar_span * (*grams).max(0) as f32 / heaviest as f32;
        canvas.fill_rect(
            bar_left,
            row + 1.2,
            length.max(0.3),
            POLYMER_ROW - 2.4,
            PLASTIC_GREY,
        );
        let value = format_kg(*grams);
        canvas.text(
            bar_left + length + 2.0,
            row + 5.2,
            CELL,
            &value,
            Align::Left,
        )?;
    }
    canvas.line(
        bar_left,
        top,
        bar_left,
        top + report.by_polymer.len() as f32 * POLYMER_ROW,
        0.4,
    );
    Ok(())
}

/// Names a polymer by its code and its everyday Thai name.
fn polymer_name(code: &str) -> String {
    let thai = match code {
        "PET" => "ขวดใส/ขวดสี",
        "HDPE" => "พลาสติกขุ่น",
        "PP" => "พลาสติกแข็ง",
        "LDPE" => "ถุงและฟิล์ม",
        "OTHER" => "อื่น ๆ",
        _ => return code.to_string(),
    };
    format!("{code} ({thai})")
}

/// Draws stacked vertical bars of each month's kilograms: plastics below, other
/// materials above, over a scale with grid lines.
fn months(canvas: &mut Canvas<'_>, report: &ProgrammeReport, y: f32) -> Result<(), PdfError> {
    canvas.label(
        LEFT,
        y + 5.0,
        SECTION,
        "น้ำหนักขยะรีไซเคิลรายเดือน (กิโลกรัม)",
        Align::Left,
    )?;
    legend(canvas, y + 5.0)?;
    let plot_left = LEFT + 20.0;
    let plot_right = RIGHT - 2.0;
    let plot_top = y + 14.0;
    let plot_height = 56.0;
    let baseline = plot_top + plot_height;

    let heaviest = report.by_month.iter().map(|m| m.grams).max().unwrap_or(0);
    let (step, steps) = scale(heaviest);
    let full = (step * steps).max(1) as f32;
    for index in 0..=steps {
        let grid_y = baseline - plot_height * (index * step) as f32 / full;
        canvas.line(
            plot_left,
            grid_y,
            plot_right,
            grid_y,
            if index == 0 { 0.6 } else { 0.15 },
        );
        let label = group_thousands(index * step / 1000);
        canvas.text(plot_left - 2.0, grid_y + 1.2, AXIS, &label, Align::Right)?;
    }

    let count = report.by_month.len().max(1);
    let slot = (plot_right - plot_left) / count as f32;
    let bar = slot * 0.62;
    let label_every = count.div_ceil(18);
    for (index, month) in report.by_month.iter().enumerate() {
        let x = plot_left + slot * index as f32 + (slot - bar) / 2.0;
        let plastic = plot_height * month.plastic_grams.max(0) as f32 / full;
        let other = plot_height * (month.grams - month.plastic_grams).max(0) as f32 / full;
        canvas.fill_rect(x, baseline - plastic, bar, plastic, PLASTIC_GREY);
        canvas.fill_rect(x, baseline - plastic - other, bar, other, OTHER_GREY);
        if index % label_every == 0 {
            let centre = x + bar / 2.0;
            canvas.label(
                centre,
                baseline + 4.5,
                AXIS,
                &month_label(month.month),
                Align::Center,
            )?;
        }
    }
    Ok(())
}

fn month_label(month: Month) -> String {
    month.label()
}

fn legend(canvas: &mut Canvas<'_>, baseline: f32) -> Result<(), PdfError> {
    let mut x = RIGHT - 58.0;
    for (grey, text) in [(PLASTIC_GREY, "พลาสติก"), (OTHER_GREY, "วัสดุอื่น")]
    {
        canvas.fill_rect(x, baseline - 3.0, 4.0, 3.0, grey);
        x += 5.5;
        x += canvas.label(x, baseline, SMALL, text, Align::Left)? + 6.0;
    }
    Ok(())
}

/// Chooses a grid step in grams (a round number of kilograms) and the number of
/// steps that cover `max_grams`, for four to eight grid lines.
fn scale(max_grams: i64) -> (i64, i64) {
    let max_kg = (max_grams.max(0) as f64 / 1000.0).max(1.0);
    let rough = max_kg / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step_kg = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    let step = (step_kg * 1000.0).round() as i64;
    let steps = (max_grams.max(0) + step - 1) / step;
    (step, steps.max(1))
}

fn draw_table(
    canvas: &mut Canvas<'_>,
    table: &Table,
    rows: Range<usize>,
    continued: bool,
    y: f32,
) -> Result<(), PdfError> {
    let title = if continued {
        format!("{} (ต่อ)", table.title)
    } else {
        table.title.clone()
    };
    canvas.text(LEFT, y + 5.0, SECTION, &title, Align::Left)?;
    let top = y + SECTION_HEIGHT;
    canvas.fill_rect(LEFT, top, RIGHT - LEFT, TABLE_HEADING_HEIGHT, 0.9);
    canvas.rect(LEFT, top, RIGHT - LEFT, TABLE_HEADING_HEIGHT, 0.4);
    for column in table.columns {
        let baseline = top + TABLE_HEADING_HEIGHT - 2.0;
        canvas.label(column.x, baseline, HEADING, column.title, column.align)?;
    }
    let mut row_top = top + TABLE_HEADING_HEIGHT;
    if table.rows.is_empty() && table.total.is_none() {
        canvas.label(
            LEFT + 2.0,
            row_top + 4.3,
            CELL,
            "ไม่มีข้อมูลในช่วงนี้",
            Align::Left,
        )?;
        return Ok(());
    }
    for index in rows {
        let (cells, style) = match table.rows.get(index) {
            Some(cells) => (cells, CELL),
            None => match &table.total {
                Some(total) => (total, HEADING),
                None => continue,
            },
        };
        for (column, text) in table.columns.iter().zip(cells) {
            if !text.is_empty() {
                let baseline = row_top + 4.3;
                canvas.fitted_text(column.x, baseline, column.width, style, text, column.align)?;
            }
        }
        row_top += ROW_HEIGHT;
        canvas.line(LEFT, row_top, RIGHT, row_top, 0.2);
    }
    Ok(())
}

fn running_head(
    canvas: &mut Canvas<'_>,
    header: &ProgrammeHeader,
    report: &ProgrammeReport,
) -> Result<(), PdfError> {
    let text = format!("{}  รายงานผลโครงการธนาคารขยะชุมชน", header.foundation_name);
    canvas.fitted_text(LEFT, 12.0, 110.0, SMALL, &text, Align::Left)?;
    canvas.fitted_text(RIGHT, 12.0, 66.0, SMALL, &period(report), Align::Right)?;
    canvas.line(LEFT, 14.5, RIGHT, 14.5, 0.3);
    Ok(())
}

fn footer(
    canvas: &mut Canvas<'_>,
    header: &ProgrammeHeader,
    page: usize,
    pages: usize,
) -> Result<(), PdfError> {
    let printed = format!("พิมพ์เมื่อ {}", format_long(header.printed_on));
    canvas.text(LEFT, 289.0, SMALL, &printed, Align::Left)?;
    let number = format!("หน้า {page}/{pages}");
    canvas.text(RIGHT, 289.0, SMALL, &number, Align::Right)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::waste::reports::{CommunityTotal, MonthTotal};
    use crate::Satang;

    /// A year's report with `communities` communities and nothing else.
    fn report(communities: usize) -> ProgrammeReport {
        let day = |m| NaiveDate::from_ymd_opt(2024, m, 1).unwrap_or_default();
        ProgrammeReport {
            from: day(1),
            to: day(12),
            communities: (0..communities).map(|i| format!("ชุมชน {i}")).collect(),
            total_grams: 0,
            plastic_grams: 0,
            lots: 0,
            active_members: 0,
            value_returned: Satang::ZERO,
            credit_earned: Satang::ZERO,
            credit_to_shares: Satang::ZERO,
            shares_bought: 0,
            collector_pay: Satang::ZERO,
            sales_revenue: Satang::ZERO,
            by_material: Vec::new(),
            by_polymer: Vec::new(),
            by_community: (0..communities)
                .map(|i| CommunityTotal {
                    community: format!("ชุมชน {i}"),
                    grams: 1_000,
                    plastic_grams: 500,
                    value: Satang(100),
                    members: 1,
                })
                .collect(),
            by_month: (1..=12)
                .map(|m| MonthTotal {
                    month: Month::of(day(m)),
                    grams: 0,
                    plastic_grams: 0,
                    value: Satang::ZERO,
                })
                .collect(),
            points: Vec::new(),
            monthly: Vec::new(),
        }
    }

    /// The row ranges of table `index` over the pages, with whether each
    /// part is marked as continued.
    fn parts(pages: &[Vec<(Piece, f32)>], index: usize) -> Vec<(Range<usize>, bool)> {
        pages
            .iter()
            .flatten()
            .filter_map(|(piece, _)| match piece {
                Piece::Table {
                    table,
                    rows,
                    continued,
                } if *table == index => Some((rows.clone(), *continued)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn long_table_continues_on_next_page() {
        let report = report(80);
        let tables = tables(&report);

        let pages = paginate(&report, &tables);

        let communities = parts(&pages, 1);
        assert!(communities.len() >= 2, "split: {communities:?}");
        assert!(!communities[0].1, "the first part is not marked continued");
        assert!(communities[1..].iter().all(|(_, continued)| *continued));
        let rows: Vec<usize> = communities.iter().flat_map(|(r, _)| r.clone()).collect();
        assert_eq!(
            rows,
            (0..80).collect::<Vec<_>>(),
            "every row once, in order"
        );
    }

    #[test]
    fn pieces_stay_inside_the_page() {
        for count in [0, 1, 30, 80, 200] {
            let report = report(count);
            let tables = tables(&report);

            for page in paginate(&report, &tables) {
                for (piece, y) in &page {
                    assert!(*y >= FIRST_TOP, "{piece:?} at {y} with {count} communities");
                    assert!(*y < BOTTOM, "{piece:?} at {y} with {count} communities");
                }
            }
        }
    }

    #[test]
    fn scale_covers_heaviest_month() {
        let cases = [
            (0, 1_000, 1),
            (950_000, 200_000, 5),
            (1_015_200, 250_000, 5),
        ];
        for (grams, step, steps) in cases {
            assert_eq!(scale(grams), (step, steps), "scale of {grams} g");
        }
    }

    #[test]
    fn scale_steps_stay_few() {
        for grams in [1, 999, 12_345, 777_777, 9_999_999, 123_456_789_000] {
            let (step, steps) = scale(grams);
            assert!(step * steps >= grams, "{grams} g fits under the top line");
            assert!((1..=10).contains(&steps), "{steps} steps for {grams} g");
        }
    }
}
