//! The waste bank's deposit receipt (ใบรับฝากขยะรีไซเคิล): who brought
//! what to which collection point, weighed how much at what price, the
//! total and how it was paid.
//!
//! It prints on A6 paper (105 × 148 mm), with further pages for a deposit
//! of many materials, or on an 80 mm slip printer's roll as one page as
//! long as the receipt needs.

use std::path::Path;

use chrono::NaiveDate;

use super::canvas::{Align, Canvas, TextStyle};
use super::document::{Document, PageSize};
use super::{write_atomically, PdfError};
use crate::thai::baht_text::baht_text;
use crate::thai::date::{format_long, format_numeric};
use crate::waste::format_kg_exact;
use crate::Satang;

/// Paper a receipt prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReceiptLayout {
    /// A6 portrait, 105 × 148 mm.
    #[default]
    A6,
    /// An 80 mm roll of a thermal slip printer, 72 mm of it printable.
    Slip80,
}

/// A deposit as its receipt shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The foundation's name, as in the settings.
    pub foundation_name: String,
    /// The receipt's number: the office's own, or the deposit's.
    pub number: String,
    /// Date weighed.
    pub date: NaiveDate,
    /// Member number, for a member's deposit.
    pub member_no: Option<String>,
    /// The member's full name, or the household's name.
    pub depositor: String,
    /// The collection point.
    pub point: String,
    /// The point's community.
    pub community: String,
    /// The materials.
    pub lines: Vec<ReceiptLine>,
    /// Sum of the lines' values.
    pub total: Satang,
    /// Payment method in Thai, such as "เงินสด".
    pub payment: String,
    /// The member's plastic credit after this deposit, for a deposit paid
    /// in credit.
    pub credit_balance: Option<Satang>,
    /// Name of the person who weighed it.
    pub weighed_by: Option<String>,
    /// The weighing scale.
    pub scale_id: Option<String>,
    /// A note such as "ยกเลิกรายการฝากเลขที่ 12" on a reversal.
    pub note: Option<String>,
    /// The date printed at the foot.
    pub printed_on: NaiveDate,
}

/// One material on a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    /// The material's Thai name.
    pub material: String,
    /// Weight in grams; negative on a reversal.
    pub grams: i64,
    /// Price in satang a kilogram.
    pub satang_per_kg: i64,
    /// Value.
    pub value: Satang,
}

const TITLE: TextStyle = TextStyle::bold(12.0);
const SUBTITLE: TextStyle = TextStyle::bold(11.0);
const LABEL: TextStyle = TextStyle::regular(9.0);
const VALUE: TextStyle = TextStyle::bold(9.0);
const CELL: TextStyle = TextStyle::regular(9.0);
const TOTAL: TextStyle = TextStyle::bold(11.0);
const SMALL: TextStyle = TextStyle::regular(8.0);

/// Writes a receipt to a new PDF at `out`, replacing any file there.
/// Returns the number of pages.
pub fn write_receipt(
    out: &Path,
    receipt: &Receipt,
    layout: ReceiptLayout,
) -> Result<usize, PdfError> {
    write_atomically(out, |path| {
        let mut document = Document::create(path)?;
        match layout {
            ReceiptLayout::A6 => a6::write(&mut document, receipt)?,
            ReceiptLayout::Slip80 => slip::write(&mut document, receipt)?,
        }
        let pages = document.page_count();
        document.finish(&format!("ใบรับฝากขยะ เลขที่ {}", receipt.number))?;
        Ok(pages)
    })
}

/// Kilograms with the unit, as "4.5 กก.", exact so that weight times
/// price gives the value printed beside it.
fn kg(grams: i64) -> String {
    format!("{} กก.", format_kg_exact(grams))
}

/// Formats the depositor as one line: "BY001 นางมาลี ใจดี", or the household.
fn depositor_line(receipt: &Receipt) -> String {
    match &receipt.member_no {
        Some(no) => format!("{no} {}", receipt.depositor),
        None => format!("{} (ไม่ใช่สมาชิก)", receipt.depositor),
    }
}

/// Formats the payment, with the credit balance for a deposit paid in credit.
fn payment_line(receipt: &Receipt) -> String {
    match receipt.credit_balance {
        Some(balance) => format!("ชำระโดย: {}  เครดิตคงเหลือ {balance} บาท", receipt.payment),
        None => format!("ชำระโดย: {}", receipt.payment),
    }
}

/// Formats who weighed the deposit on which scale, when known.
fn weighing_line(receipt: &Receipt) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(name) = &receipt.weighed_by {
        parts.push(format!("ผู้ชั่ง: {name}"));
    }
    if let Some(scale) = &receipt.scale_id {
        parts.push(format!("เครื่องชั่ง: {scale}"));
    }
    (!parts.is_empty()).then(|| parts.join("  "))
}

/// The A6 layout: a heading, a table of materials that continues on
/// further pages, and the total, payment and signatures on the last page.
mod a6 {
    use super::*;

    const PAGE: PageSize = PageSize {
        width: 105.0,
        height: 148.0,
    };
    const LEFT: f32 = 7.0;
    const RIGHT: f32 = 98.0;
    const TABLE_TOP: f32 = 47.0;
    const HEADING_HEIGHT: f32 = 6.0;
    const ROW_HEIGHT: f32 = 5.5;
    /// The lowest a row may reach on a page that also has the footer.
    const LAST_PAGE_BOTTOM: f32 = 96.0;
    /// The lowest a row may reach on other pages.
    const PAGE_BOTTOM: f32 = 136.0;

    /// Column positions: material (left), weight, price and value (right
    /// edges).
    const MATERIAL_X: f32 = LEFT + 1.0;
    const MATERIAL_WIDTH: f32 = 37.0;
    const WEIGHT_RIGHT: f32 = 64.0;
    const PRICE_RIGHT: f32 = 79.0;
    const VALUE_RIGHT: f32 = RIGHT - 1.0;

    fn rows_fitting(bottom: f32) -> usize {
        ((bottom - TABLE_TOP - HEADING_HEIGHT) / ROW_HEIGHT) as usize
    }

    /// Splits the lines into pages: full pages, then a last page with room
    /// for the footer.
    pub(super) fn pages(count: usize) -> Vec<(usize, usize)> {
        let (full, last) = (rows_fitting(PAGE_BOTTOM), rows_fitting(LAST_PAGE_BOTTOM));
        let mut pages = Vec::new();
        let mut first = 0;
        while count - first > last {
            let end = (first + full).min(count - 1);
            pages.push((first, end));
            first = end;
        }
        pages.push((first, count));
        pages
    }

    pub(super) fn write(document: &mut Document, receipt: &Receipt) -> Result<(), PdfError> {
        let pages = pages(receipt.lines.len());
        let count = pages.len();
        for (index, (first, end)) in pages.into_iter().enumerate() {
            let last = index + 1 == count;
            document.add_page(PAGE, |canvas| {
                heading(canvas, receipt)?;
                let bottom = rows(canvas, &receipt.lines[first..end])?;
                if last {
                    footer(canvas, receipt, bottom)?;
                }
                if count > 1 {
                    let number = format!("หน้า {}/{count}", index + 1);
                    canvas.text(RIGHT, 143.0, SMALL, &number, Align::Right)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    fn heading(canvas: &mut Canvas<'_>, receipt: &Receipt) -> Result<(), PdfError> {
        let centre = PAGE.width / 2.0;
        canvas.fitted_text(
            centre,
            12.0,
            RIGHT - LEFT,
            TITLE,
            &receipt.foundation_name,
            Align::Center,
        )?;
        canvas.label(centre, 18.5, SUBTITLE, "ใบรับฝากขยะรีไซเคิล", Align::Center)?;
        let number = format!("เลขที่ {}", receipt.number);
        canvas.fitted_text(LEFT, 25.0, 40.0, LABEL, &number, Align::Left)?;
        let date = format!("วันที่ {}", format_long(receipt.date));
        canvas.text(RIGHT, 25.0, LABEL, &date, Align::Right)?;

        let details = [
            (31.0, "ผู้ฝาก", depositor_line(receipt)),
            (36.0, "จุดรับ", receipt.point.clone()),
            (41.0, "ชุมชน", receipt.community.clone()),
        ];
        for (y, label, value) in details {
            canvas.label(LEFT, y, LABEL, label, Align::Left)?;
            canvas.fitted_text(
                LEFT + 12.0,
                y,
                RIGHT - LEFT - 12.0,
                VALUE,
                &value,
                Align::Left,
            )?;
        }

        canvas.fill_rect(LEFT, TABLE_TOP, RIGHT - LEFT, HEADING_HEIGHT, 0.9);
        canvas.rect(LEFT, TABLE_TOP, RIGHT - LEFT, HEADING_HEIGHT, 0.4);
        let baseline = TABLE_TOP + HEADING_HEIGHT - 1.8;
        canvas.label(MATERIAL_X, baseline, VALUE, "วัสดุ", Align::Left)?;
        canvas.label(WEIGHT_RIGHT, baseline, VALUE, "น้ำหนัก", Align::Right)?;
        canvas.label(PRICE_RIGHT, baseline, VALUE, "บาท/กก.", Align::Right)?;
        canvas.label(VALUE_RIGHT, baseline, VALUE, "เป็นเงิน", Align::Right)?;
        Ok(())
    }

    /// Draws the lines and returns the bottom of the last.
    fn rows(canvas: &mut Canvas<'_>, lines: &[ReceiptLine]) -> Result<f32, PdfError> {
        let mut top = TABLE_TOP + HEADING_HEIGHT;
        for line in lines {
            let baseline = top + ROW_HEIGHT - 1.6;
            canvas.fitted_text(
                MATERIAL_X,
                baseline,
                MATERIAL_WIDTH,
                CELL,
                &line.material,
                Align::Left,
            )?;
            canvas.text(WEIGHT_RIGHT, baseline, CELL, &kg(line.grams), Align::Right)?;
            let price = Satang(line.satang_per_kg).to_string();
            canvas.text(PRICE_RIGHT, baseline, CELL, &price, Align::Right)?;
            let value = line.value.to_string();
            canvas.text(VALUE_RIGHT, baseline, CELL, &value, Align::Right)?;
            top += ROW_HEIGHT;
            canvas.line(LEFT, top, RIGHT, top, 0.2);
        }
        Ok(top)
    }

    fn footer(canvas: &mut Canvas<'_>, receipt: &Receipt, top: f32) -> Result<(), PdfError> {
        let total_row = top + 6.0;
        canvas.label(MATERIAL_X, total_row, TOTAL, "รวมเงิน", Align::Left)?;
        let total = format!("{} บาท", receipt.total);
        canvas.text(VALUE_RIGHT, total_row, TOTAL, &total, Align::Right)?;
        let words = format!("({})", baht_text(receipt.total));
        canvas.fitted_text(
            VALUE_RIGHT,
            total_row + 5.0,
            RIGHT - LEFT,
            LABEL,
            &words,
            Align::Right,
        )?;

        let mut y = total_row + 11.0;
        canvas.fitted_text(
            LEFT,
            y,
            RIGHT - LEFT,
            VALUE,
            &payment_line(receipt),
            Align::Left,
        )?;
        for extra in [weighing_line(receipt), receipt.note.clone()]
            .into_iter()
            .flatten()
        {
            y += 5.0;
            canvas.fitted_text(LEFT, y, RIGHT - LEFT, LABEL, &extra, Align::Left)?;
        }
        signatures(canvas)?;
        let printed = format!("พิมพ์เมื่อ {}", format_numeric(receipt.printed_on));
        canvas.text(LEFT, 143.0, SMALL, &printed, Align::Left)?;
        Ok(())
    }

    fn signatures(canvas: &mut Canvas<'_>) -> Result<(), PdfError> {
        let row = 130.0;
        for (x, role) in [(LEFT, "ผู้ฝาก"), (56.0, "ผู้รับฝาก")] {
            canvas.dashed_line(x, row, x + 38.0, row, 0.3);
            canvas.label(x + 19.0, row + 4.5, LABEL, role, Align::Center)?;
        }
        Ok(())
    }
}

/// The 80 mm slip layout: one page whose length follows the number of
/// materials, each on two lines (name, then weight × price and value).
mod slip {
    use super::*;

    const WIDTH: f32 = 80.0;
    const LEFT: f32 = 4.0;
    const RIGHT: f32 = 76.0;
    const HEADING_BOTTOM: f32 = 44.0;
    const LINE_HEIGHT: f32 = 9.0;
    const FOOTER_HEIGHT: f32 = 58.0;

    pub(super) fn write(document: &mut Document, receipt: &Receipt) -> Result<(), PdfError> {
        let height = HEADING_BOTTOM + receipt.lines.len() as f32 * LINE_HEIGHT + FOOTER_HEIGHT;
        let size = PageSize {
            width: WIDTH,
            height,
        };
        document.add_page(size, |canvas| {
            heading(canvas, receipt)?;
            let mut top = HEADING_BOTTOM;
            for line in &receipt.lines {
                item(canvas, line, top)?;
                top += LINE_HEIGHT;
            }
            footer(canvas, receipt, top)
        })
    }

    fn heading(canvas: &mut Canvas<'_>, receipt: &Receipt) -> Result<(), PdfError> {
        let centre = WIDTH / 2.0;
        let width = RIGHT - LEFT;
        canvas.fitted_text(
            centre,
            8.0,
            width,
            TITLE,
            &receipt.foundation_name,
            Align::Center,
        )?;
        canvas.label(centre, 14.0, SUBTITLE, "ใบรับฝากขยะรีไซเคิล", Align::Center)?;
        let lines = [
            format!("เลขที่ {}", receipt.number),
            format!("วันที่ {}", format_long(receipt.date)),
            format!("ผู้ฝาก {}", depositor_line(receipt)),
            format!("จุดรับ {} ชุมชน{}", receipt.point, receipt.community),
        ];
        for (y, text) in [19.5, 24.5, 29.5, 34.5].into_iter().zip(&lines) {
            canvas.fitted_text(LEFT, y, width, LABEL, text, Align::Left)?;
        }
        canvas.dashed_line(LEFT, 38.0, RIGHT, 38.0, 0.4);
        canvas.label(LEFT, 42.5, VALUE, "วัสดุ", Align::Left)?;
        canvas.label(RIGHT, 42.5, VALUE, "เป็นเงิน (บาท)", Align::Right)?;
        Ok(())
    }

    fn item(canvas: &mut Canvas<'_>, line: &ReceiptLine, top: f32) -> Result<(), PdfError> {
        canvas.fitted_text(
            LEFT,
            top + 4.0,
            RIGHT - LEFT,
            CELL,
            &line.material,
            Align::Left,
        )?;
        let amount = format!("   {} × {} บาท", kg(line.grams), Satang(line.satang_per_kg));
        canvas.text(LEFT, top + 8.0, CELL, &amount, Align::Left)?;
        canvas.text(
            RIGHT,
            top + 8.0,
            CELL,
            &line.value.to_string(),
            Align::Right,
        )?;
        Ok(())
    }

    fn footer(canvas: &mut Canvas<'_>, receipt: &Receipt, top: f32) -> Result<(), PdfError> {
        let width = RIGHT - LEFT;
        canvas.dashed_line(LEFT, top + 1.5, RIGHT, top + 1.5, 0.4);
        canvas.label(LEFT, top + 7.5, TOTAL, "รวมเงิน", Align::Left)?;
        let total = receipt.total.to_string();
        canvas.text(RIGHT, top + 7.5, TOTAL, &total, Align::Right)?;
        let words = format!("({})", baht_text(receipt.total));
        canvas.fitted_text(RIGHT, top + 12.5, width, LABEL, &words, Align::Right)?;
        let mut y = top + 18.5;
        canvas.fitted_text(LEFT, y, width, VALUE, &payment_line(receipt), Align::Left)?;
        for extra in [weighing_line(receipt), receipt.note.clone()]
            .into_iter()
            .flatten()
        {
            y += 5.0;
            canvas.fitted_text(LEFT, y, width, LABEL, &extra, Align::Left)?;
        }
        let signature = top + 43.0;
        canvas.dashed_line(LEFT + 14.0, signature, RIGHT - 14.0, signature, 0.3);
        canvas.label(WIDTH / 2.0, signature + 4.5, LABEL, "ผู้รับฝาก", Align::Center)?;
        let printed = format!("พิมพ์เมื่อ {}", format_numeric(receipt.printed_on));
        canvas.text(
            WIDTH / 2.0,
            signature + 10.0,
            SMALL,
            &printed,
            Align::Center,
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt(lines: usize) -> Receipt {
        let line = ReceiptLine {
            material: "ขวดพลาสติกใส (PET)".to_string(),
            grams: 1_500,
            satang_per_kg: 800,
            value: Satang(1_200),
        };
        Receipt {
            foundation_name: "มูลนิธิชุมชนสงขลา".to_string(),
            number: "R-1".to_string(),
            date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
            member_no: Some("BY001".to_string()),
            depositor: "นางมาลี ใจดี".to_string(),
            point: "จุดรับวัด".to_string(),
            community: "บ่อยาง".to_string(),
            lines: vec![line; lines],
            total: Satang(1_200 * lines as i64),
            payment: "เงินสด".to_string(),
            credit_balance: None,
            weighed_by: None,
            scale_id: None,
            note: None,
            printed_on: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
        }
    }

    #[test]
    fn a6_pages_leave_room_for_footer() {
        let cases: [(usize, &[(usize, usize)]); 4] = [
            (1, &[(0, 1)]),
            (7, &[(0, 7)]),
            (8, &[(0, 7), (7, 8)]),
            (30, &[(0, 15), (15, 29), (29, 30)]),
        ];
        for (count, pages) in cases {
            assert_eq!(a6::pages(count), pages, "{count} lines");
        }
    }

    #[test]
    fn long_receipt_continues_on_a6_pages() -> Result<(), PdfError> {
        let dir = tempfile::tempdir().map_err(|e| PdfError::write(Path::new("."), e))?;
        let a6 = dir.path().join("a6.pdf");
        let slip = dir.path().join("slip.pdf");

        let a6_pages = write_receipt(&a6, &receipt(30), ReceiptLayout::A6)?;
        let slip_pages = write_receipt(&slip, &receipt(30), ReceiptLayout::Slip80)?;

        assert_eq!(a6_pages, 3, "15 lines, 14 lines, then 1 with the footer");
        assert_eq!(slip_pages, 1, "a slip is one page however long");
        Ok(())
    }
}
