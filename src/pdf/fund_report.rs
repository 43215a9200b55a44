//! The community bank's printed documents, all from one layout: a heading
//! (the foundation's name and the document's title lines), labelled
//! details, opening paragraphs, a table that runs over as many pages as it
//! needs with its column titles repeated, closing paragraphs and signature
//! lines. The journal's reports, the member statement, the loan agreement
//! and the repayment receipt are each such a [`Report`].
//!
//! Pages are laid out before they are drawn, so every page can say
//! "หน้า 2/3". Text the fonts cannot print is replaced by "?" first (see
//! [`super::printable`]).

use std::path::Path;

use super::canvas::{mm_to_pt, Align, Canvas, Frame, TextStyle};
use super::document::{Document, PageSize};
use super::font::FontStyle;
use super::{printable, shape, write_atomically, PdfError};

/// Paper a report prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// A4 portrait, for reports and agreements.
    #[default]
    A4,
    /// A5 landscape, half an A4 sheet, for receipts.
    A5,
}

impl Paper {
    fn size(self) -> PageSize {
        match self {
            Paper::A4 => PageSize::A4_PORTRAIT,
            Paper::A5 => PageSize::A5_LANDSCAPE,
        }
    }
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportColumn {
    /// Title in the table's heading.
    pub title: String,
    /// Share of the table's width; the columns' shares are scaled to fill
    /// it.
    pub weight: f32,
    /// Whether the column's cells are numbers, set flush right.
    pub numeric: bool,
}

impl ReportColumn {
    /// Creates a text column of `weight`.
    pub fn text(title: &str, weight: f32) -> ReportColumn {
        ReportColumn {
            title: title.to_string(),
            weight,
            numeric: false,
        }
    }

    /// Creates a number column of `weight`.
    pub fn number(title: &str, weight: f32) -> ReportColumn {
        ReportColumn {
            title: title.to_string(),
            weight,
            numeric: true,
        }
    }
}

/// Style of a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowKind {
    /// An ordinary row.
    #[default]
    Normal,
    /// A heading inside the table, bold and shaded, its first cell across
    /// the whole width.
    Section,
    /// A total, bold with a rule above.
    Total,
}

/// A table row: one text per column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportRow {
    /// Cell texts; missing cells are empty.
    pub cells: Vec<String>,
    /// Its style.
    pub kind: RowKind,
}

impl ReportRow {
    /// Creates an ordinary row.
    pub fn normal(cells: Vec<String>) -> ReportRow {
        ReportRow {
            cells,
            kind: RowKind::Normal,
        }
    }

    /// Creates a heading across the table.
    pub fn section(title: &str) -> ReportRow {
        ReportRow {
            cells: vec![title.to_string()],
            kind: RowKind::Section,
        }
    }

    /// Creates a total row.
    pub fn total(cells: Vec<String>) -> ReportRow {
        ReportRow {
            cells,
            kind: RowKind::Total,
        }
    }
}

/// A document to print.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Paper size.
    pub paper: Paper,
    /// The foundation's name, printed first and largest.
    pub organisation: String,
    /// Title lines under it: the document's name, then its period or
    /// number.
    pub titles: Vec<String>,
    /// Label and value pairs, two to a line.
    pub details: Vec<(String, String)>,
    /// Paragraphs before the table, on the first page.
    pub preamble: Vec<String>,
    /// The table's columns; none prints no table.
    pub columns: Vec<ReportColumn>,
    /// The table's rows.
    pub rows: Vec<ReportRow>,
    /// Paragraphs after the table.
    pub closing: Vec<String>,
    /// Labels under signature lines, two to a line, such as "ผู้กู้".
    pub signatures: Vec<String>,
    /// Text at the foot of each page before the page number, such as the
    /// printing date.
    pub footer: String,
    /// Title of the PDF file.
    pub file_title: String,
}

const MARGIN: f32 = 14.0;
const ROW_HEIGHT: f32 = 6.5;
const HEADING_HEIGHT: f32 = 8.0;
const LINE_HEIGHT: f32 = 6.0;
const SIGNATURE_HEIGHT: f32 = 24.0;
const FOOTER_SPACE: f32 = 12.0;

const ORGANISATION: TextStyle = TextStyle::bold(16.0);
const TITLE: TextStyle = TextStyle::bold(14.0);
const SUBTITLE: TextStyle = TextStyle::regular(12.0);
const LABEL: TextStyle = TextStyle::regular(11.0);
const VALUE: TextStyle = TextStyle::bold(11.0);
const BODY: TextStyle = TextStyle::regular(12.0);
const HEADING: TextStyle = TextStyle::bold(10.5);
const CELL: TextStyle = TextStyle::regular(10.5);
const CELL_BOLD: TextStyle = TextStyle::bold(10.5);
const FOOTER: TextStyle = TextStyle::regular(9.0);

/// One piece of a page's body, placed at a height from the body's top.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Block {
    /// A wrapped paragraph: its index and number of lines.
    Paragraph {
        closing: bool,
        index: usize,
        lines: usize,
    },
    /// Table rows from `first` to before `end`, under the column titles.
    Rows { first: usize, end: usize },
    /// The signature lines.
    Signatures,
}

/// Text with every character the fonts cannot print replaced.
fn clean(text: &str) -> String {
    printable(text).into_owned()
}

/// Writes `report` to a new PDF at `out`, replacing any file there, and
/// returns the number of pages.
pub fn write_report(out: &Path, report: &Report) -> Result<usize, PdfError> {
    let size = report.paper.size();
    let pages = paginate(report, size)?;
    let count = pages.len();
    write_atomically(out, |path| {
        let mut document = Document::create(path)?;
        for (index, blocks) in pages.iter().enumerate() {
            document.add_page(size, |canvas| {
                draw_heading(canvas, report, size, index == 0)?;
                draw_body(canvas, report, size, blocks)?;
                let footer = format!("{}    หน้า {}/{}", clean(&report.footer), index + 1, count);
                canvas.text(
                    size.width / 2.0,
                    size.height - 6.0,
                    FOOTER,
                    footer.trim(),
                    Align::Center,
                )?;
                Ok(())
            })?;
        }
        document.finish(&clean(&report.file_title))?;
        Ok(())
    })?;
    Ok(count)
}

/// Returns the height of the heading on the first page or on the others.
fn heading_height(report: &Report, first: bool) -> f32 {
    let titles = report.titles.len() as f32 * 7.0;
    let details = if first {
        report.details.len().div_ceil(2) as f32 * LINE_HEIGHT + 2.0
    } else {
        0.0
    };
    10.0 + 8.0 + titles + details + 2.0
}

/// Splits the body into pages.
fn paginate(report: &Report, size: PageSize) -> Result<Vec<Vec<(f32, Block)>>, PdfError> {
    let width = size.width - 2.0 * MARGIN;
    let bottom = size.height - FOOTER_SPACE;
    let mut pages: Vec<Vec<(f32, Block)>> = vec![Vec::new()];
    let mut y = heading_height(report, true);
    let new_page = |pages: &mut Vec<Vec<(f32, Block)>>| -> f32 {
        pages.push(Vec::new());
        heading_height(report, false)
    };

    for (index, text) in report.preamble.iter().enumerate() {
        let lines = shape::wrap(FontStyle::Regular, BODY.size, &clean(text), mm_to_pt(width))?
            .len()
            .max(1);
        let height = lines as f32 * LINE_HEIGHT + 2.0;
        if y + height > bottom && !pages.last().is_none_or(Vec::is_empty) {
            y = new_page(&mut pages);
        }
        push(
            &mut pages,
            y,
            Block::Paragraph {
                closing: false,
                index,
                lines,
            },
        );
        y += height;
    }

    if !report.columns.is_empty() {
        let mut first = 0;
        let mut fresh = false;
        loop {
            let room = ((bottom - y - HEADING_HEIGHT) / ROW_HEIGHT)
                .floor()
                .max(0.0) as usize;
            // A fresh page takes at least one row, so that paper too small
            // for any row cannot loop forever.
            let room = if fresh { room.max(1) } else { room };
            let end = (first + room).min(report.rows.len());
            if end > first || report.rows.is_empty() {
                push(&mut pages, y, Block::Rows { first, end });
                y += HEADING_HEIGHT + (end - first) as f32 * ROW_HEIGHT + 4.0;
            }
            if end >= report.rows.len() {
                break;
            }
            first = end;
            y = new_page(&mut pages);
            fresh = true;
        }
    }

    for (index, text) in report.closing.iter().enumerate() {
        let lines = shape::wrap(FontStyle::Regular, BODY.size, &clean(text), mm_to_pt(width))?
            .len()
            .max(1);
        let height = lines as f32 * LINE_HEIGHT + 2.0;
        if y + height > bottom {
            y = new_page(&mut pages);
        }
        push(
            &mut pages,
            y,
            Block::Paragraph {
                closing: true,
                index,
                lines,
            },
        );
        y += height;
    }

    if !report.signatures.is_empty() {
        let height = report.signatures.len().div_ceil(2) as f32 * SIGNATURE_HEIGHT + 4.0;
        if y + height > bottom {
            y = new_page(&mut pages);
        }
        push(&mut pages, y, Block::Signatures);
    }
    Ok(pages)
}

fn push(pages: &mut [Vec<(f32, Block)>], y: f32, block: Block) {
    if let Some(page) = pages.last_mut() {
        page.push((y, block));
    }
}

/// Draws the heading: the organisation, the titles and, on the first
/// page, the details.
fn draw_heading(
    canvas: &mut Canvas<'_>,
    report: &Report,
    size: PageSize,
    first: bool,
) -> Result<(), PdfError> {
    let centre = size.width / 2.0;
    let width = size.width - 2.0 * MARGIN;
    canvas.fitted_text(
        centre,
        16.0,
        width,
        ORGANISATION,
        &clean(&report.organisation),
        Align::Center,
    )?;
    let mut y = 16.0;
    for (index, title) in report.titles.iter().enumerate() {
        y += 7.0;
        let style = if index == 0 { TITLE } else { SUBTITLE };
        canvas.fitted_text(centre, y, width, style, &clean(title), Align::Center)?;
    }
    if first {
        y += 2.0;
        let half = width / 2.0;
        for (index, (label, value)) in report.details.iter().enumerate() {
            if index % 2 == 0 {
                y += LINE_HEIGHT;
            }
            let x = MARGIN + half * (index % 2) as f32;
            let label_width = canvas.label(x, y, LABEL, &clean(label), Align::Left)?;
            let value_x = x + label_width + 2.0;
            let room = (x + half - value_x - 2.0).max(10.0);
            canvas.fitted_text(value_x, y, room, VALUE, &clean(value), Align::Left)?;
        }
    }
    Ok(())
}

fn draw_body(
    canvas: &mut Canvas<'_>,
    report: &Report,
    size: PageSize,
    blocks: &[(f32, Block)],
) -> Result<(), PdfError> {
    let width = size.width - 2.0 * MARGIN;
    for &(y, block) in blocks {
        match block {
            Block::Paragraph {
                closing,
                index,
                lines,
            } => {
                let texts = if closing {
                    &report.closing
                } else {
                    &report.preamble
                };
                let frame = Frame {
                    width,
                    line_height: LINE_HEIGHT,
                    max_lines: lines,
                };
                canvas.paragraph(MARGIN, y + 4.5, frame, BODY, &clean(&texts[index]))?;
            }
            Block::Rows { first, end } => draw_table(canvas, report, width, y, first, end)?,
            Block::Signatures => draw_signatures(canvas, report, width, y)?,
        }
    }
    Ok(())
}

/// Computes the left edge and width of each column.
fn column_spans(columns: &[ReportColumn], width: f32) -> Vec<(f32, f32)> {
    let total: f32 = columns
        .iter()
        .map(|c| c.weight)
        .sum::<f32>()
        .max(f32::EPSILON);
    let mut x = MARGIN;
    columns
        .iter()
        .map(|column| {
            let span = width * column.weight / total;
            let start = x;
            x += span;
            (start, span)
        })
        .collect()
}

fn draw_table(
    canvas: &mut Canvas<'_>,
    report: &Report,
    width: f32,
    top: f32,
    first: usize,
    end: usize,
) -> Result<(), PdfError> {
    let spans = column_spans(&report.columns, width);
    canvas.fill_rect(MARGIN, top, width, HEADING_HEIGHT, 0.9);
    canvas.rect(MARGIN, top, width, HEADING_HEIGHT, 0.4);
    let baseline = top + HEADING_HEIGHT - 2.5;
    for (column, &(x, span)) in report.columns.iter().zip(&spans) {
        draw_cell(
            canvas,
            column.numeric,
            x,
            span,
            baseline,
            HEADING,
            &clean(&column.title),
        )?;
    }
    for (slot, row) in report.rows[first..end].iter().enumerate() {
        let row_top = top + HEADING_HEIGHT + slot as f32 * ROW_HEIGHT;
        let baseline = row_top + ROW_HEIGHT - 1.8;
        match row.kind {
            RowKind::Section => {
                canvas.fill_rect(MARGIN, row_top, width, ROW_HEIGHT, 0.95);
                let title = row.cells.first().map(String::as_str).unwrap_or("");
                canvas.fitted_text(
                    MARGIN + 1.5,
                    baseline,
                    width - 3.0,
                    CELL_BOLD,
                    &clean(title),
                    Align::Left,
                )?;
            }
            RowKind::Normal | RowKind::Total => {
                if row.kind == RowKind::Total {
                    canvas.line(MARGIN, row_top, MARGIN + width, row_top, 0.6);
                }
                let style = if row.kind == RowKind::Total {
                    CELL_BOLD
                } else {
                    CELL
                };
                for ((column, &(x, span)), text) in
                    report.columns.iter().zip(&spans).zip(&row.cells)
                {
                    draw_cell(
                        canvas,
                        column.numeric,
                        x,
                        span,
                        baseline,
                        style,
                        &clean(text),
                    )?;
                }
            }
        }
        canvas.line(
            MARGIN,
            row_top + ROW_HEIGHT,
            MARGIN + width,
            row_top + ROW_HEIGHT,
            0.2,
        );
    }
    Ok(())
}

fn draw_cell(
    canvas: &mut Canvas<'_>,
    numeric: bool,
    x: f32,
    span: f32,
    baseline: f32,
    style: TextStyle,
    text: &str,
) -> Result<(), PdfError> {
    if text.is_empty() {
        return Ok(());
    }
    let room = (span - 3.0).max(5.0);
    if numeric {
        canvas.fitted_text(x + span - 1.5, baseline, room, style, text, Align::Right)?;
    } else {
        canvas.fitted_text(x + 1.5, baseline, room, style, text, Align::Left)?;
    }
    Ok(())
}

fn draw_signatures(
    canvas: &mut Canvas<'_>,
    report: &Report,
    width: f32,
    top: f32,
) -> Result<(), PdfError> {
    let half = width / 2.0;
    for (index, label) in report.signatures.iter().enumerate() {
        let row = (index / 2) as f32;
        let centre = MARGIN + half * (index % 2) as f32 + half / 2.0;
        let y = top + 14.0 + row * SIGNATURE_HEIGHT;
        canvas.label(
            centre,
            y,
            BODY,
            "ลงชื่อ ..................................................",
            Align::Center,
        )?;
        canvas.label(
            centre,
            y + 6.5,
            BODY,
            "(..................................................)",
            Align::Center,
        )?;
        canvas.fitted_text(
            centre,
            y + 13.0,
            half - 6.0,
            LABEL,
            &clean(label),
            Align::Center,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf_text(path: &Path) -> String {
        let output = std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn long_report(rows: usize) -> Report {
        Report {
            organisation: "มูลนิธิชุมชนสงขลา".into(),
            titles: vec!["สมุดเงินสด".into(), "ปีบัญชี 2567".into()],
            details: vec![("ผู้จัดทำ".into(), "สมศรี 🌸".into())],
            preamble: vec!["ข้อความนำก่อนตาราง".into()],
            columns: vec![
                ReportColumn::text("รายการ", 70.0),
                ReportColumn::number("บาท", 30.0),
            ],
            rows: (1..=rows)
                .map(|n| ReportRow::normal(vec![format!("แถวที่ {n}"), format!("{n}.00")]))
                .collect(),
            closing: vec!["ข้อความปิดท้าย".into()],
            signatures: vec!["ผู้จัดทำ".into(), "ผู้ตรวจ".into()],
            footer: "พิมพ์วันที่ 15 มกราคม 2568".into(),
            ..Report::default()
        }
    }

    #[test]
    fn long_table_runs_over_pages() -> Result<(), PdfError> {
        let dir = tempfile::tempdir().map_err(|e| PdfError::write(Path::new("tmp"), e))?;
        let out = dir.path().join("long.pdf");

        let pages = write_report(&out, &long_report(120))?;

        let text = pdf_text(&out);
        assert!(pages >= 3, "120 rows need several A4 pages, got {pages}");
        assert!(text.contains(&format!("หน้า 2/{pages}")), "numbered pages");
        assert!(text.contains("แถวที่ 120"), "the last row is printed");
        assert!(text.contains("ข้อความปิดท้าย"), "the closing after the table");
        assert!(
            text.contains("สมศรี ?"),
            "an unprintable character becomes ?"
        );
        Ok(())
    }

    #[test]
    fn short_receipt_fits_one_a5_page() -> Result<(), PdfError> {
        let dir = tempfile::tempdir().map_err(|e| PdfError::write(Path::new("tmp"), e))?;
        let out = dir.path().join("short.pdf");
        let mut report = long_report(4);
        report.paper = Paper::A5;

        let pages = write_report(&out, &report)?;

        assert_eq!(pages, 1);
        assert!(pdf_text(&out).contains("หน้า 1/1"));
        Ok(())
    }
}
