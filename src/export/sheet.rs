//! Cell formats and writing helpers shared by the exported worksheets: the
//! Thai header row, Buddhist-era date cells, money in baht and the totals
//! row with cached results.

use chrono::NaiveDate;
use rust_xlsxwriter::{ColNum, Format, FormatAlign, FormatBorder, Formula, RowNum, Worksheet};

use crate::thai::date;
use crate::{Result, Satang};

/// Number format of a date as day/month/Buddhist-era year, "06/07/2567".
///
/// The locale prefix `[$-107041E]` is Excel's extended LCID: numerals 01
/// (Western digits), calendar 07 (Thai Buddhist) and language 041E (Thai).
/// LibreOffice reads calendar 07 as its `[~buddhist]` modifier (svl
/// `SvNumberformat::ImpObtainCalendarAndNumerals`), and LibreOffice 7.4
/// shows "06/07/2567" for 6 July 2024, which a test checks. In the same
/// LibreOffice the BCP 47 form `[$-th-TH,107]` shows the bare serial and
/// the `bbbb` year code prints as the letters "bbbb", so neither is used.
/// NOTE: the rendering in Microsoft Excel itself was not tried here.
pub(super) const DATE_FORMAT: &str = "[$-107041E]dd/mm/yyyy";

/// Number format of a date with the Thai month name and Buddhist-era year,
/// "6 กรกฎาคม 2567". [`DATE_FORMAT`] explains the locale prefix.
pub(super) const LONG_DATE_FORMAT: &str = "[$-107041E]d mmmm yyyy";

/// Number format of money in baht.
pub(super) const MONEY_FORMAT: &str = "#,##0.00";

/// Number format of counts such as shares.
pub(super) const INTEGER_FORMAT: &str = "#,##0";

/// Excel's paper size code for A4, the paper used in Thai offices.
pub(super) const A4: u8 = 9;

/// The first date that has an Excel serial in the 1900 date system.
const FIRST_EXCEL_DATE: Option<NaiveDate> = NaiveDate::from_ymd_opt(1900, 1, 1);

/// The cell formats of one workbook.
pub(super) struct Formats {
    /// Table header: bold, wrapped, shaded, with a border below.
    pub header: Format,
    /// The general format, which Excel applies to a cell with no format.
    pub general: Format,
    /// Text that must stay text when edited, such as IDs and phone numbers.
    pub text: Format,
    /// Whole numbers with thousands separators.
    pub integer: Format,
    /// Baht with two decimals.
    pub money: Format,
    /// Baht with two decimals, aligned left like the other header fields.
    pub field_money: Format,
    /// Short Buddhist-era date.
    pub date: Format,
    /// Long Buddhist-era date with the Thai month name.
    pub long_date: Format,
    /// A year as a plain number, without a thousands separator.
    pub year: Format,
    /// Sheet title.
    pub title: Format,
    /// Bold label of a header field.
    pub label: Format,
    /// Label of the totals row.
    pub total_label: Format,
    /// A count of rows in the totals row, as "3 คน".
    pub total_count: Format,
    /// Shares in the totals row.
    pub total_integer: Format,
    /// Money in the totals row.
    pub total_money: Format,
}

impl Formats {
    /// Creates the formats.
    pub(super) fn new() -> Formats {
        let total = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#DDEBF7")
                .set_border_bottom(FormatBorder::Thin),
            general: Format::new(),
            text: Format::new().set_num_format("@"),
            integer: Format::new().set_num_format(INTEGER_FORMAT),
            money: Format::new().set_num_format(MONEY_FORMAT),
            field_money: Format::new()
                .set_num_format(MONEY_FORMAT)
                .set_align(FormatAlign::Left),
            date: Format::new().set_num_format(DATE_FORMAT),
            long_date: Format::new()
                .set_num_format(LONG_DATE_FORMAT)
                .set_align(FormatAlign::Left),
            year: Format::new()
                .set_num_format("0")
                .set_align(FormatAlign::Left),
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new().set_bold(),
            total_label: total.clone(),
            total_count: total.clone().set_num_format("#,##0 \"คน\""),
            total_integer: total.clone().set_num_format(INTEGER_FORMAT),
            total_money: total.set_num_format(MONEY_FORMAT),
        }
    }
}

/// A table column: its Thai header and its width in characters.
pub(super) struct Column {
    /// Header text.
    pub header: &'static str,
    /// Width in Excel character units.
    pub width: f64,
}

impl Column {
    /// Creates a column.
    pub(super) const fn new(header: &'static str, width: f64) -> Column {
        Column { header, width }
    }
}

/// Writes the header row of a table at `row`, sets the column widths,
/// freezes the rows down to the header and the first `frozen_columns`
/// columns, and repeats the header row on every printed page.
pub(super) fn write_table_header(
    sheet: &mut Worksheet,
    row: RowNum,
    columns: &[Column],
    frozen_columns: ColNum,
    formats: &Formats,
) -> Result<()> {
    for (col, column) in (0..).zip(columns) {
        sheet.write_string_with_format(row, col, column.header, &formats.header)?;
        sheet.set_column_width(col, column.width)?;
    }
    sheet.set_freeze_panes(row + 1, frozen_columns)?;
    sheet.set_repeat_rows(row, row)?;
    Ok(())
}

/// Converts satang to baht for a number cell.
///
/// An xlsx number is an IEEE double, so the cell cannot hold satang
/// exactly whatever is written. Dividing by 100 gives the double nearest to
/// the baht amount for any amount below 2^53 satang, and that double shows
/// as the right two decimals under `#,##0.00`.
pub(super) fn baht(amount: Satang) -> f64 {
    amount.satang() as f64 / 100.0
}

/// The value of one cell of a table row, with how it is written.
pub(super) enum Cell<'a> {
    /// Text in the general format, empty when `None` or empty.
    Text(Option<&'a str>),
    /// Text formatted as text (`@`), so that Excel keeps it as text when it
    /// is edited: member numbers, IDs, phone numbers, house numbers and
    /// postcodes.
    Code(Option<&'a str>),
    /// A Buddhist-era date, empty when `None`.
    Date(Option<NaiveDate>),
    /// A whole number with thousands separators.
    Count(i64),
    /// Money in baht.
    Baht(Satang),
}

/// Writes `cells` into `row`, the first into column 0.
pub(super) fn write_cells(
    sheet: &mut Worksheet,
    row: RowNum,
    cells: &[Cell<'_>],
    formats: &Formats,
) -> Result<()> {
    for (col, cell) in (0..).zip(cells) {
        match *cell {
            Cell::Text(text) => write_optional_text(sheet, row, col, text, &formats.general)?,
            Cell::Code(text) => write_optional_text(sheet, row, col, text, &formats.text)?,
            Cell::Date(Some(value)) => write_date(sheet, row, col, value, &formats.date)?,
            Cell::Date(None) => {}
            Cell::Count(count) => {
                sheet.write_number_with_format(row, col, count as f64, &formats.integer)?;
            }
            Cell::Baht(amount) => {
                sheet.write_number_with_format(row, col, baht(amount), &formats.money)?;
            }
        }
    }
    Ok(())
}

/// Writes text, or leaves the cell empty for `None` or empty text.
pub(super) fn write_optional_text(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    text: Option<&str>,
    format: &Format,
) -> Result<()> {
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        sheet.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// Writes a date as a date cell (its Excel serial) shown in the Buddhist
/// Era. A date before 1900 has no serial in the 1900 date system, so it is
/// written as the text "dd/mm/yyyy" in BE instead.
pub(super) fn write_date(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: NaiveDate,
    format: &Format,
) -> Result<()> {
    if FIRST_EXCEL_DATE.is_some_and(|first| value < first) {
        sheet.write_string(row, col, date::format_numeric(value))?;
    } else {
        sheet.write_number_with_format(row, col, date::to_excel_serial(value, false), format)?;
    }
    Ok(())
}

/// A formula cell of the totals row.
pub(super) struct Total<'a> {
    /// Column of the cell.
    col: ColNum,
    /// Worksheet function applied to the data rows of column `over`.
    function: &'static str,
    /// Column that the function reads.
    over: ColNum,
    /// The result as decimal text, stored for viewers that do not calculate.
    cached: String,
    /// Number format of the cell.
    format: &'a Format,
}

impl<'a> Total<'a> {
    /// Creates the `SUM` of column `col`, whose result is `cached`.
    pub(super) fn sum(col: ColNum, cached: String, format: &'a Format) -> Total<'a> {
        Total {
            col,
            function: "SUM",
            over: col,
            cached,
            format,
        }
    }

    /// Creates, in column `col`, the `COUNTA` of the non-empty cells of
    /// column `over`, whose result is `count`.
    pub(super) fn count(col: ColNum, over: ColNum, count: usize, format: &'a Format) -> Total<'a> {
        Total {
            col,
            function: "COUNTA",
            over,
            cached: count.to_string(),
            format,
        }
    }
}

/// Writes the totals row at `row` below a table of `columns` columns whose
/// data is in `rows`. The row has a top border and the label "รวม" in the
/// first column. Each total is a formula with its cached result, so that
/// viewers which do not calculate still show it, or the number 0 when the
/// table has no data rows.
pub(super) fn write_totals(
    sheet: &mut Worksheet,
    row: RowNum,
    columns: usize,
    rows: Option<(RowNum, RowNum)>,
    totals: &[Total<'_>],
    formats: &Formats,
) -> Result<()> {
    for col in (0..).take(columns) {
        sheet.write_blank(row, col, &formats.total_label)?;
    }
    sheet.write_string_with_format(row, 0, "รวม", &formats.total_label)?;
    for total in totals {
        match rows {
            Some((first, last)) => {
                let range =
                    rust_xlsxwriter::utility::cell_range(first, total.over, last, total.over);
                let formula = Formula::new(format!("{}({range})", total.function));
                let formula = formula.set_result(total.cached.as_str());
                sheet.write_formula_with_format(row, total.col, formula, total.format)?;
            }
            None => {
                sheet.write_number_with_format(row, total.col, 0, total.format)?;
            }
        }
    }
    Ok(())
}

/// Returns the first and last data row of a table whose header is at
/// `header_row` and which has `count` rows, or `None` when it has none.
pub(super) fn data_rows(header_row: RowNum, count: usize) -> Option<(RowNum, RowNum)> {
    let count = RowNum::try_from(count).ok().filter(|count| *count > 0)?;
    Some((header_row + 1, header_row + count))
}
