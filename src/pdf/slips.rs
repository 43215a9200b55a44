//! Dividend slips (ใบสำคัญจ่ายเงินปันผล), one per member, all members of a
//! run in one PDF.
//!
//! A slip is half an A4 sheet (A5 landscape, 210 × 148 mm). It prints
//! either on A5 paper, one slip a page, or two to an A4 page with a cut line
//! between them. Everything that is the same on every slip of a run (titles,
//! labels, the run's method and rate, signature lines) is drawn once into a
//! template that each slip repeats. A slip's own content is only the
//! member's figures and names.

use std::path::Path;

use chrono::NaiveDate;

use super::canvas::{Align, Canvas, Template, TextStyle};
use super::document::{Document, PageSize};
use super::{group_thousands, write_atomically, PdfError};
use crate::thai::baht_text::baht_text;
use crate::thai::date::format_long;
use crate::Satang;

/// Arrangement of slips on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlipLayout {
    /// One slip on each A5 landscape page.
    #[default]
    A5,
    /// Two slips on each A4 portrait page, one above the other with a cut
    /// line between.
    A4TwoUp,
}

/// Basis on which a run's dividend was declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DividendBasis {
    /// A rate, as the caller words it, such as "5.00% ต่อปี".
    Rate(String),
    /// A sum shared out among all members.
    Pool(Satang),
}

/// Data shared by every slip of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipHeader {
    /// The foundation's name, as in the settings.
    pub foundation_name: String,
    /// The dividend year in the Buddhist Era, such as 2567.
    pub year_be: i32,
    /// Calculation method in Thai, such as "เฉลี่ยตามหุ้น-เดือน".
    pub method: String,
    /// The declared rate or the pool shared out.
    pub basis: DividendBasis,
    /// The date printed on the slips (usually the payment date).
    pub date: NaiveDate,
}

/// One member's slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// The member's number, as the register writes it.
    pub member_no: String,
    /// The member's full name with title, such as "นางสาว สมหญิง ใจดี".
    pub member_name: String,
    /// The member's community.
    pub community_name: String,
    /// Shares held at the end of the year.
    pub year_end_shares: i64,
    /// Sum of the month-end share balances over the year.
    pub share_months: i64,
    /// The dividend paid.
    pub amount: Satang,
    /// The patronage refund, when the run has one.
    pub patronage: Option<Patronage>,
}

/// A member's patronage refund (เฉลี่ยคืน), printed below the dividend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Patronage {
    /// Value of the member's waste-bank deposits in the year, by which the
    /// refund was split.
    pub deposit_value: Satang,
    /// The refund.
    pub refund: Satang,
}

/// Counts and file size from [`write_slips`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlipsSummary {
    /// Number of slips.
    pub slips: usize,
    /// Number of pages.
    pub pages: usize,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// Slip width and height in millimetres.
const SLIP_WIDTH: f32 = 210.0;
const SLIP_HEIGHT: f32 = 148.0;
/// Top of the second slip on an A4 page: half of the sheet's 297 mm.
const LOWER_SLIP_TOP: f32 = 148.5;

const TITLE: TextStyle = TextStyle::bold(16.0);
const SUBTITLE: TextStyle = TextStyle::bold(14.0);
const LABEL: TextStyle = TextStyle::regular(12.0);
const VALUE: TextStyle = TextStyle::bold(12.0);
const AMOUNT: TextStyle = TextStyle::bold(16.0);

/// Left edge of labels and of values, in millimetres.
const LABEL_X: f32 = 16.0;
const VALUE_X: f32 = 46.0;
/// The second column of labels and values.
const LABEL2_X: f32 = 110.0;
const VALUE2_X: f32 = 134.0;
/// Right edge of numbers in the first and second columns.
const NUMBER_RIGHT: f32 = 86.0;
const NUMBER2_RIGHT: f32 = 178.0;

/// Baselines of the slip's rows, in millimetres from the slip's top.
const ROW_COMMUNITY: f32 = 47.0;
const ROW_MEMBER: f32 = 55.0;
const ROW_SHARES: f32 = 63.0;
const ROW_METHOD: f32 = 71.0;
const ROW_BASIS: f32 = 79.0;
const AMOUNT_BOX_TOP: f32 = 85.0;
const AMOUNT_BOX_HEIGHT: f32 = 22.0;
const ROW_AMOUNT: f32 = 94.0;
const ROW_WORDS: f32 = 103.0;
/// The amount box of a slip with a patronage refund, which is taller: the
/// dividend, the refund, a rule, the total received and its words.
const PATRONAGE_BOX_HEIGHT: f32 = 31.0;
const ROW_DIVIDEND: f32 = 91.0;
const ROW_PATRONAGE: f32 = 97.5;
const RULE_RECEIVED: f32 = 99.8;
const ROW_RECEIVED: f32 = 106.0;
const ROW_RECEIVED_WORDS: f32 = 112.5;
const ROW_SIGNATURE: f32 = 124.0;
const ROW_SIGNATURE_NAME: f32 = 133.0;
/// Left edges of the payer's and the receiver's signature blocks.
const PAYER_X: f32 = LABEL_X;
const RECEIVER_X: f32 = LABEL2_X - 4.0;

/// Writes one slip per member to a new PDF at `out`, replacing any file
/// there, in the order `slips` gives them. Calls `progress` with the number
/// of slips written so far after each slip.
///
/// Pages are written as they are drawn, so memory does not grow with the
/// number of slips.
pub fn write_slips(
    out: &Path,
    header: &SlipHeader,
    slips: impl Iterator<Item = Slip>,
    layout: SlipLayout,
    progress: &mut dyn FnMut(usize),
) -> Result<SlipsSummary, PdfError> {
    write_atomically(out, |path| {
        let mut document = Document::create(path)?;
        let plain = document.add_template(SLIP_WIDTH, SLIP_HEIGHT, |canvas| {
            draw_template(canvas, header, false)
        })?;
        let mut templates = Templates {
            header,
            plain,
            patronage: None,
        };
        let count = match layout {
            SlipLayout::A5 => write_a5(&mut document, &mut templates, slips, progress)?,
            SlipLayout::A4TwoUp => write_two_up(&mut document, &mut templates, slips, progress)?,
        };
        if count == 0 {
            return Err(PdfError::NoSlips);
        }
        let pages = document.page_count();
        let title = format!("ใบสำคัญจ่ายเงินปันผล ประจำปี {}", header.year_be);
        let bytes = document.finish(&title)?;
        Ok(SlipsSummary {
            slips: count,
            pages,
            bytes,
        })
    })
}

/// The run's templates: without the patronage refund, and with it, which
/// is drawn when the first slip with a refund needs it.
struct Templates<'a> {
    header: &'a SlipHeader,
    plain: Template,
    patronage: Option<Template>,
}

impl Templates<'_> {
    fn for_slip(&mut self, document: &mut Document, slip: &Slip) -> Result<Template, PdfError> {
        if slip.patronage.is_none() {
            return Ok(self.plain);
        }
        if let Some(template) = self.patronage {
            return Ok(template);
        }
        let header = self.header;
        let template = document.add_template(SLIP_WIDTH, SLIP_HEIGHT, |canvas| {
            draw_template(canvas, header, true)
        })?;
        self.patronage = Some(template);
        Ok(template)
    }
}

fn write_a5(
    document: &mut Document,
    templates: &mut Templates<'_>,
    slips: impl Iterator<Item = Slip>,
    progress: &mut dyn FnMut(usize),
) -> Result<usize, PdfError> {
    let mut count = 0;
    for slip in slips {
        let template = templates.for_slip(document, &slip)?;
        document.add_page(PageSize::A5_LANDSCAPE, |canvas| {
            draw_slip(canvas, template, &slip, 0.0)
        })?;
        count += 1;
        progress(count);
    }
    Ok(count)
}

fn write_two_up(
    document: &mut Document,
    templates: &mut Templates<'_>,
    mut slips: impl Iterator<Item = Slip>,
    progress: &mut dyn FnMut(usize),
) -> Result<usize, PdfError> {
    let mut count = 0;
    while let Some(upper) = slips.next() {
        let lower = slips.next();
        let upper_template = templates.for_slip(document, &upper)?;
        let lower_template = match &lower {
            Some(lower) => Some(templates.for_slip(document, lower)?),
            None => None,
        };
        document.add_page(PageSize::A4_PORTRAIT, |canvas| {
            draw_slip(canvas, upper_template, &upper, 0.0)?;
            if let (Some(lower), Some(template)) = (&lower, lower_template) {
                canvas.dashed_line(5.0, LOWER_SLIP_TOP, SLIP_WIDTH - 5.0, LOWER_SLIP_TOP, 0.4);
                draw_slip(canvas, template, lower, LOWER_SLIP_TOP)?;
            }
            Ok(())
        })?;
        count += 1;
        progress(count);
        if lower.is_some() {
            count += 1;
            progress(count);
        }
    }
    Ok(count)
}

/// Draws the parts that every slip of the run shares, with the rows of
/// the patronage refund when `with_patronage` is set.
fn draw_template(
    canvas: &mut Canvas<'_>,
    header: &SlipHeader,
    with_patronage: bool,
) -> Result<(), PdfError> {
    let centre = SLIP_WIDTH / 2.0;
    canvas.rect(8.0, 8.0, SLIP_WIDTH - 16.0, SLIP_HEIGHT - 16.0, 0.8);
    canvas.fitted_text(
        centre,
        19.0,
        180.0,
        TITLE,
        &header.foundation_name,
        Align::Center,
    )?;
    let title = format!("ใบสำคัญจ่ายเงินปันผล ประจำปี {}", header.year_be);
    canvas.text(centre, 28.0, SUBTITLE, &title, Align::Center)?;
    let date = format!("วันที่ {}", format_long(header.date));
    canvas.text(SLIP_WIDTH - 16.0, 37.0, LABEL, &date, Align::Right)?;
    canvas.line(14.0, 40.0, SLIP_WIDTH - 14.0, 40.0, 0.4);

    canvas.text(LABEL_X, ROW_COMMUNITY, LABEL, "ชุมชน", Align::Left)?;
    canvas.text(LABEL_X, ROW_MEMBER, LABEL, "เลขที่สมาชิก", Align::Left)?;
    canvas.text(LABEL2_X, ROW_MEMBER, LABEL, "ชื่อ-สกุล", Align::Left)?;
    canvas.text(LABEL_X, ROW_SHARES, LABEL, "หุ้น ณ สิ้นปี", Align::Left)?;
    canvas.text(NUMBER_RIGHT + 2.0, ROW_SHARES, LABEL, "หุ้น", Align::Left)?;
    canvas.text(LABEL2_X, ROW_SHARES, LABEL, "หุ้น-เดือน", Align::Left)?;
    canvas.text(LABEL_X, ROW_METHOD, LABEL, "วิธีคำนวณ", Align::Left)?;
    canvas.fitted_text(
        VALUE_X,
        ROW_METHOD,
        145.0,
        VALUE,
        &header.method,
        Align::Left,
    )?;
    draw_basis(canvas, &header.basis)?;

    if with_patronage {
        draw_patronage_box(canvas)?;
        draw_signature(canvas, PAYER_X, "ผู้จ่ายเงิน")?;
        draw_signature(canvas, RECEIVER_X, "ผู้รับเงิน")?;
        return Ok(());
    }
    canvas.fill_rect(
        14.0,
        AMOUNT_BOX_TOP,
        SLIP_WIDTH - 28.0,
        AMOUNT_BOX_HEIGHT,
        0.93,
    );
    canvas.rect(
        14.0,
        AMOUNT_BOX_TOP,
        SLIP_WIDTH - 28.0,
        AMOUNT_BOX_HEIGHT,
        0.4,
    );
    canvas.text(
        LABEL_X + 2.0,
        ROW_AMOUNT,
        VALUE,
        "จำนวนเงินปันผล",
        Align::Left,
    )?;
    canvas.text(NUMBER2_RIGHT + 2.0, ROW_AMOUNT, VALUE, "บาท", Align::Left)?;

    draw_signature(canvas, PAYER_X, "ผู้จ่ายเงิน")?;
    draw_signature(canvas, RECEIVER_X, "ผู้รับเงิน")?;
    Ok(())
}

fn draw_basis(canvas: &mut Canvas<'_>, basis: &DividendBasis) -> Result<(), PdfError> {
    match basis {
        DividendBasis::Rate(rate) => {
            canvas.text(LABEL_X, ROW_BASIS, LABEL, "อัตราเงินปันผล", Align::Left)?;
            canvas.fitted_text(VALUE_X, ROW_BASIS, 145.0, VALUE, rate, Align::Left)?;
        }
        DividendBasis::Pool(pool) => {
            canvas.text(LABEL_X, ROW_BASIS, LABEL, "เงินปันผลรวม", Align::Left)?;
            canvas.text(
                VALUE_X,
                ROW_BASIS,
                VALUE,
                &format!("{pool} บาท"),
                Align::Left,
            )?;
        }
    }
    Ok(())
}

/// Returns the start and end of the signature line in the block at `x`, leaving
/// room for the word ลงชื่อ before it.
fn signature_line(x: f32) -> (f32, f32) {
    (x + 12.0, x + 64.0)
}

/// Draws "ลงชื่อ ______ role" with brackets under the line for the printed
/// name.
fn draw_signature(canvas: &mut Canvas<'_>, x: f32, role: &str) -> Result<(), PdfError> {
    let (start, end) = signature_line(x);
    canvas.text(x, ROW_SIGNATURE, LABEL, "ลงชื่อ", Align::Left)?;
    canvas.dashed_line(start, ROW_SIGNATURE + 0.5, end, ROW_SIGNATURE + 0.5, 0.3);
    canvas.text(end + 2.0, ROW_SIGNATURE, LABEL, role, Align::Left)?;
    canvas.text(start - 2.0, ROW_SIGNATURE_NAME, LABEL, "(", Align::Left)?;
    canvas.text(end + 1.0, ROW_SIGNATURE_NAME, LABEL, ")", Align::Left)?;
    Ok(())
}

/// Draws one member's slip with its top `top` millimetres down the page.
fn draw_slip(
    canvas: &mut Canvas<'_>,
    template: Template,
    slip: &Slip,
    top: f32,
) -> Result<(), PdfError> {
    canvas.template(template, 0.0, top);
    let row = |baseline: f32| top + baseline;

    // A run has a few dozen communities, so their names are shaped once each.
    let community = canvas.shape_repeated(VALUE.font, &slip.community_name)?;
    canvas.fitted(
        VALUE_X,
        row(ROW_COMMUNITY),
        145.0,
        VALUE.size,
        &community,
        Align::Left,
    );
    canvas.fitted_text(
        VALUE_X,
        row(ROW_MEMBER),
        60.0,
        VALUE,
        &slip.member_no,
        Align::Left,
    )?;
    let name = &slip.member_name;
    canvas.fitted_lines(VALUE2_X, row(ROW_MEMBER), 62.0, VALUE, name, Align::Left)?;
    let shares = group_thousands(slip.year_end_shares);
    canvas.text(NUMBER_RIGHT, row(ROW_SHARES), VALUE, &shares, Align::Right)?;
    let share_months = group_thousands(slip.share_months);
    canvas.text(
        NUMBER2_RIGHT,
        row(ROW_SHARES),
        VALUE,
        &share_months,
        Align::Right,
    )?;

    match &slip.patronage {
        Some(patronage) => draw_patronage(canvas, slip.amount, patronage, top)?,
        None => draw_amount(canvas, slip.amount, top)?,
    }

    let (start, end) = signature_line(RECEIVER_X);
    let centre = (start + end) / 2.0;
    let name_width = end - start - 2.0;
    canvas.fitted_lines(
        centre,
        row(ROW_SIGNATURE_NAME),
        name_width,
        LABEL,
        &slip.member_name,
        Align::Center,
    )?;
    Ok(())
}

/// Draws the dividend and its words in the amount box.
fn draw_amount(canvas: &mut Canvas<'_>, amount: Satang, top: f32) -> Result<(), PdfError> {
    let text = amount.to_string();
    canvas.text(NUMBER2_RIGHT, top + ROW_AMOUNT, AMOUNT, &text, Align::Right)?;
    let words = format!("({})", baht_text(amount));
    canvas.fitted_text(
        SLIP_WIDTH / 2.0,
        top + ROW_WORDS,
        176.0,
        VALUE,
        &words,
        Align::Center,
    )?;
    Ok(())
}

/// Draws the taller amount box's labels: the dividend, the total received
/// and their units. The refund's label names the member's deposit value,
/// so each slip draws it.
fn draw_patronage_box(canvas: &mut Canvas<'_>) -> Result<(), PdfError> {
    let width = SLIP_WIDTH - 28.0;
    canvas.fill_rect(14.0, AMOUNT_BOX_TOP, width, PATRONAGE_BOX_HEIGHT, 0.93);
    canvas.rect(14.0, AMOUNT_BOX_TOP, width, PATRONAGE_BOX_HEIGHT, 0.4);
    canvas.line(
        LABEL_X,
        RULE_RECEIVED,
        SLIP_WIDTH - LABEL_X,
        RULE_RECEIVED,
        0.3,
    );
    canvas.text(LABEL_X + 2.0, ROW_DIVIDEND, LABEL, "เงินปันผล", Align::Left)?;
    canvas.text(LABEL_X + 2.0, ROW_RECEIVED, VALUE, "รวมรับทั้งสิ้น", Align::Left)?;
    for row in [ROW_DIVIDEND, ROW_PATRONAGE, ROW_RECEIVED] {
        canvas.text(NUMBER2_RIGHT + 2.0, row, VALUE, "บาท", Align::Left)?;
    }
    Ok(())
}

/// Draws the dividend, the patronage refund with the deposit value it was
/// split by, and the total received with its words.
fn draw_patronage(
    canvas: &mut Canvas<'_>,
    dividend: Satang,
    patronage: &Patronage,
    top: f32,
) -> Result<(), PdfError> {
    let dividend_text = dividend.to_string();
    canvas.text(
        NUMBER2_RIGHT,
        top + ROW_DIVIDEND,
        VALUE,
        &dividend_text,
        Align::Right,
    )?;
    let basis = format!(
        "เงินเฉลี่ยคืน (ตามมูลค่าขยะที่ฝากในปี {} บาท)",
        patronage.deposit_value
    );
    canvas.fitted_text(
        LABEL_X + 2.0,
        top + ROW_PATRONAGE,
        130.0,
        LABEL,
        &basis,
        Align::Left,
    )?;
    let refund = patronage.refund.to_string();
    canvas.text(
        NUMBER2_RIGHT,
        top + ROW_PATRONAGE,
        VALUE,
        &refund,
        Align::Right,
    )?;

    let received = dividend + patronage.refund;
    let total = received.to_string();
    canvas.text(
        NUMBER2_RIGHT,
        top + ROW_RECEIVED,
        AMOUNT,
        &total,
        Align::Right,
    )?;
    let words = format!("({})", baht_text(received));
    canvas.fitted_text(
        SLIP_WIDTH / 2.0,
        top + ROW_RECEIVED_WORDS,
        176.0,
        VALUE,
        &words,
        Align::Center,
    )?;
    Ok(())
}
