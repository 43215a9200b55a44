//! The waste bank's programme report as a workbook. A summary sheet comes
//! first. Then one sheet each has kilograms by month, community and
//! material, plastic diverted by month and polymer (with a stacked column
//! chart), the value returned to members by community, the collection
//! points busiest first, and the totals by material.
//!
//! Kilograms are numbers with one decimal shown; the cell keeps the exact
//! grams ÷ 1000. Months are date cells (the first of the month) shown as
//! the Thai month and Buddhist-era year.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{Chart, ChartType, Format, FormatAlign, RowNum, Workbook, Worksheet};

use super::sheet::{self, Column, Formats, Total, A4};
use crate::waste::reports::{Month, ProgrammeReport};
use crate::{Result, Satang};

/// Number format of kilograms.
const KG_FORMAT: &str = "#,##0.0";
/// Number format of a month, "มกราคม 2567"; the locale prefix is
/// explained at [`sheet::DATE_FORMAT`].
const MONTH_FORMAT: &str = "[$-107041E]mmmm yyyy";
/// Polymers in the order the report lists them.
const POLYMERS: [&str; 5] = ["PET", "HDPE", "PP", "LDPE", "OTHER"];

/// Formats this workbook adds to the shared ones.
struct WasteFormats {
    shared: Formats,
    kg: Format,
    total_kg: Format,
    month: Format,
    percent: Format,
}

impl WasteFormats {
    fn new() -> WasteFormats {
        let total = Format::new()
            .set_bold()
            .set_border_top(rust_xlsxwriter::FormatBorder::Thin);
        WasteFormats {
            shared: Formats::new(),
            kg: Format::new().set_num_format(KG_FORMAT),
            total_kg: total.set_num_format(KG_FORMAT),
            month: Format::new()
                .set_num_format(MONTH_FORMAT)
                .set_align(FormatAlign::Left),
            percent: Format::new().set_num_format("0.0%"),
        }
    }
}

/// Grams as kilograms for a number cell.
fn kg(grams: i64) -> f64 {
    grams as f64 / 1000.0
}

/// Grams as the decimal text of kilograms, for a total's cached result.
fn kg_text(grams: i64) -> String {
    let sign = if grams < 0 { "-" } else { "" };
    let grams = grams.unsigned_abs();
    format!("{sign}{}.{:03}", grams / 1000, grams % 1000)
}

fn first_day(month: Month) -> NaiveDate {
    NaiveDate::from_ymd_opt(month.year, month.month, 1).unwrap_or_default()
}

/// Builds the workbook of `report`, with `foundation` in the summary's
/// title and `printed_on` as its printed date.
pub(super) fn workbook(
    report: &ProgrammeReport,
    foundation: &str,
    printed_on: NaiveDate,
) -> Result<Workbook> {
    let formats = WasteFormats::new();
    let mut workbook = Workbook::new();
    summary_sheet(
        prepare(workbook.add_worksheet(), "สรุป")?,
        report,
        foundation,
        printed_on,
        &formats,
    )?;
    monthly_sheet(
        prepare(workbook.add_worksheet(), "รายเดือน")?,
        report,
        &formats,
    )?;
    plastic_sheet(
        prepare(workbook.add_worksheet(), PLASTIC_SHEET)?,
        report,
        &formats,
    )?;
    communities_sheet(
        prepare(workbook.add_worksheet(), "เงินคืนสมาชิก")?,
        report,
        &formats,
    )?;
    points_sheet(prepare(workbook.add_worksheet(), "จุดรับ")?, report, &formats)?;
    materials_sheet(prepare(workbook.add_worksheet(), "วัสดุ")?, report, &formats)?;
    Ok(workbook)
}

fn prepare<'a>(sheet: &'a mut Worksheet, name: &str) -> Result<&'a mut Worksheet> {
    sheet.set_name(name)?;
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    Ok(sheet)
}

/// A label and its value on the summary sheet.
enum Field {
    Date(NaiveDate),
    Text(String),
    Kg(i64),
    Count(i64),
    Baht(Satang),
}

fn summary_sheet(
    sheet: &mut Worksheet,
    report: &ProgrammeReport,
    foundation: &str,
    printed_on: NaiveDate,
    formats: &WasteFormats,
) -> Result<()> {
    let shared = &formats.shared;
    sheet.set_column_width(0, 40.0)?;
    sheet.set_column_width(1, 22.0)?;
    sheet::write_optional_text(sheet, 0, 0, Some(foundation), &shared.title)?;
    sheet.write_string_with_format(1, 0, "รายงานผลโครงการธนาคารขยะชุมชน", &shared.title)?;
    let communities = if report.communities.is_empty() {
        "-".to_string()
    } else {
        report.communities.join(", ")
    };
    let fields = [
        ("ตั้งแต่วันที่", Field::Date(report.from)),
        ("ถึงวันที่", Field::Date(report.to)),
        ("ชุมชนที่มีการฝาก", Field::Text(communities)),
        ("น้ำหนักขยะรีไซเคิลรวม (กก.)", Field::Kg(report.total_grams)),
        ("พลาสติกที่ไม่เข้าสู่บ่อขยะ (กก.)", Field::Kg(report.plastic_grams)),
        ("จำนวนครั้งที่ชั่งรับ", Field::Count(report.lots)),
        ("สมาชิกที่ร่วมฝาก (คน)", Field::Count(report.active_members)),
        ("เงินที่คืนสู่สมาชิก (บาท)", Field::Baht(report.value_returned)),
        (
            "ในจำนวนนี้ เข้าบัญชีเครดิตพลาสติก (บาท)",
            Field::Baht(report.credit_earned),
        ),
        (
            "เครดิตพลาสติกที่แปลงเป็นหุ้น (บาท)",
            Field::Baht(report.credit_to_shares),
        ),
        (
            "หุ้นที่ซื้อด้วยเครดิตพลาสติก (หุ้น)",
            Field::Count(report.shares_bought),
        ),
        ("ค่าตอบแทนซาเล้ง (บาท)", Field::Baht(report.collector_pay)),
        (
            "รายได้จากการขายให้ผู้รับซื้อ (บาท)",
            Field::Baht(report.sales_revenue),
        ),
        ("วันที่พิมพ์", Field::Date(printed_on)),
    ];
    let mut row: RowNum = 3;
    for (label, field) in fields {
        sheet.write_string_with_format(row, 0, label, &shared.label)?;
        match field {
            Field::Date(date) => sheet::write_date(sheet, row, 1, date, &shared.long_date)?,
            Field::Text(text) => {
                sheet.write_string(row, 1, text)?;
            }
            Field::Kg(grams) => {
                sheet.write_number_with_format(row, 1, kg(grams), &formats.kg)?;
            }
            Field::Count(count) => {
                sheet.write_number_with_format(row, 1, count as f64, &shared.integer)?;
            }
            Field::Baht(amount) => {
                sheet.write_number_with_format(row, 1, sheet::baht(amount), &shared.money)?;
            }
        }
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "พลาสติกตามชนิดพอลิเมอร์", &shared.header)?;
    sheet.write_string_with_format(row, 1, "น้ำหนัก (กก.)", &shared.header)?;
    for (polymer, grams) in &report.by_polymer {
        row += 1;
        sheet.write_string(row, 0, polymer)?;
        sheet.write_number_with_format(row, 1, kg(*grams), &formats.kg)?;
    }
    Ok(())
}

const MONTHLY_COLUMNS: [Column; 7] = [
    Column::new("เดือน", 16.0),
    Column::new("ชุมชน", 22.0),
    Column::new("รหัสวัสดุ", 14.0),
    Column::new("วัสดุ", 28.0),
    Column::new("น้ำหนัก (กก.)", 14.0),
    Column::new("มูลค่า (บาท)", 14.0),
    Column::new("จำนวนครั้ง", 11.0),
];

fn monthly_sheet(
    sheet: &mut Worksheet,
    report: &ProgrammeReport,
    formats: &WasteFormats,
) -> Result<()> {
    let names: BTreeMap<&str, &str> = report
        .by_material
        .iter()
        .map(|m| (m.code.as_str(), m.name_th.as_str()))
        .collect();
    sheet::write_table_header(sheet, 0, &MONTHLY_COLUMNS, 1, &formats.shared)?;
    for (row, line) in (1..).zip(&report.monthly) {
        let date = first_day(line.month);
        sheet::write_date(sheet, row, 0, date, &formats.month)?;
        sheet.write_string(row, 1, &line.community)?;
        sheet.write_string(row, 2, &line.material)?;
        let name = names.get(line.material.as_str()).copied().unwrap_or("");
        sheet::write_optional_text(sheet, row, 3, Some(name), &formats.shared.general)?;
        sheet.write_number_with_format(row, 4, kg(line.grams), &formats.kg)?;
        sheet.write_number_with_format(row, 5, sheet::baht(line.value), &formats.shared.money)?;
        sheet.write_number_with_format(row, 6, line.lots as f64, &formats.shared.integer)?;
    }
    let rows = sheet::data_rows(0, report.monthly.len());
    let last = rows.map_or(0, |(_, last)| last);
    sheet.autofilter(0, 0, last, MONTHLY_COLUMNS.len() as u16 - 1)?;
    let grams: i64 = report.monthly.iter().map(|r| r.grams).sum();
    let value: Satang = report.monthly.iter().map(|r| r.value).sum();
    let lots: i64 = report.monthly.iter().map(|r| r.lots).sum();
    let totals = [
        Total::sum(4, kg_text(grams), &formats.total_kg),
        Total::sum(5, value.to_plain_string(), &formats.shared.total_money),
        Total::sum(6, lots.to_string(), &formats.shared.total_integer),
    ];
    sheet::write_totals(
        sheet,
        last + 1,
        MONTHLY_COLUMNS.len(),
        rows,
        &totals,
        &formats.shared,
    )
}

const PLASTIC_SHEET: &str = "พลาสติก";

/// Columns of the plastic sheet: the month, one per polymer, then the
/// plastic total, every material and the plastic share.
const PLASTIC_COLUMNS: [Column; 9] = [
    Column::new("เดือน", 16.0),
    Column::new("PET (กก.)", 12.0),
    Column::new("HDPE (กก.)", 12.0),
    Column::new("PP (กก.)", 12.0),
    Column::new("LDPE (กก.)", 12.0),
    Column::new("พลาสติกอื่น (กก.)", 14.0),
    Column::new("พลาสติกรวม (กก.)", 15.0),
    Column::new("ทุกวัสดุ (กก.)", 14.0),
    Column::new("สัดส่วนพลาสติก", 13.0),
];

/// Grams of each polymer in each month, from the report's monthly rows.
fn plastic_by_month(report: &ProgrammeReport) -> BTreeMap<Month, [i64; 5]> {
    let polymer_of: BTreeMap<&str, usize> = report
        .by_material
        .iter()
        .filter(|m| m.is_plastic)
        .map(|m| {
            let polymer = m.polymer.as_deref().unwrap_or("OTHER");
            let index = POLYMERS.iter().position(|p| *p == polymer).unwrap_or(4);
            (m.code.as_str(), index)
        })
        .collect();
    let mut months: BTreeMap<Month, [i64; 5]> =
        report.by_month.iter().map(|m| (m.month, [0; 5])).collect();
    for row in &report.monthly {
        if let Some(index) = polymer_of.get(row.material.as_str()) {
            months.entry(row.month).or_default()[*index] += row.grams;
        }
    }
    months
}

fn plastic_sheet(
    sheet: &mut Worksheet,
    report: &ProgrammeReport,
    formats: &WasteFormats,
) -> Result<()> {
    let by_polymer = plastic_by_month(report);
    sheet::write_table_header(sheet, 0, &PLASTIC_COLUMNS, 1, &formats.shared)?;
    for (row, month) in (1..).zip(&report.by_month) {
        sheet::write_date(sheet, row, 0, first_day(month.month), &formats.month)?;
        let polymers = by_polymer.get(&month.month).copied().unwrap_or_default();
        for (col, grams) in (1..).zip(polymers) {
            sheet.write_number_with_format(row, col, kg(grams), &formats.kg)?;
        }
        sheet.write_number_with_format(row, 6, kg(month.plastic_grams), &formats.kg)?;
        sheet.write_number_with_format(row, 7, kg(month.grams), &formats.kg)?;
        if month.grams > 0 {
            let share = month.plastic_grams as f64 / month.grams as f64;
            sheet.write_number_with_format(row, 8, share, &formats.percent)?;
        }
    }
    let rows = sheet::data_rows(0, report.by_month.len());
    let last = rows.map_or(0, |(_, last)| last);
    let mut totals = Vec::new();
    for (index, col) in (1u16..=5).enumerate() {
        let grams: i64 = by_polymer.values().map(|p| p[index]).sum();
        totals.push(Total::sum(col, kg_text(grams), &formats.total_kg));
    }
    let plastic: i64 = report.by_month.iter().map(|m| m.plastic_grams).sum();
    let all: i64 = report.by_month.iter().map(|m| m.grams).sum();
    totals.push(Total::sum(6, kg_text(plastic), &formats.total_kg));
    totals.push(Total::sum(7, kg_text(all), &formats.total_kg));
    sheet::write_totals(
        sheet,
        last + 1,
        PLASTIC_COLUMNS.len(),
        rows,
        &totals,
        &formats.shared,
    )?;
    if let Some((first, last)) = rows {
        insert_plastic_chart(sheet, first, last)?;
    }
    Ok(())
}

/// Inserts a stacked column chart of the polymers by month below the
/// table.
fn insert_plastic_chart(sheet: &mut Worksheet, first: RowNum, last: RowNum) -> Result<()> {
    let mut chart = Chart::new(ChartType::ColumnStacked);
    chart.title().set_name("พลาสติกที่ไม่เข้าสู่บ่อขยะ รายเดือน (กก.)");
    for col in 1u16..=5 {
        chart
            .add_series()
            .set_name((PLASTIC_SHEET, 0, col))
            .set_categories((PLASTIC_SHEET, first, 0, last, 0))
            .set_values((PLASTIC_SHEET, first, col, last, col));
    }
    chart.y_axis().set_name("กิโลกรัม");
    chart.set_width(720).set_height(360);
    sheet.insert_chart(last + 3, 0, &chart)?;
    Ok(())
}

const COMMUNITY_COLUMNS: [Column; 5] = [
    Column::new("ชุมชน", 24.0),
    Column::new("น้ำหนัก (กก.)", 14.0),
    Column::new("พลาสติก (กก.)", 14.0),
    Column::new("มูลค่ารับซื้อ (บาท)", 18.0),
    Column::new("สมาชิกที่ฝาก (คน)", 16.0),
];

fn communities_sheet(
    sheet: &mut Worksheet,
    report: &ProgrammeReport,
    formats: &WasteFormats,
) -> Result<()> {
    let shared = &formats.shared;
    sheet::write_table_header(sheet, 0, &COMMUNITY_COLUMNS, 1, shared)?;
    for (row, community) in (1..).zip(&report.by_community) {
        sheet.write_string(row, 0, &community.community)?;
        sheet.write_number_with_format(row, 1, kg(community.grams), &formats.kg)?;
        sheet.write_number_with_format(row, 2, kg(community.plastic_grams), &formats.kg)?;
        sheet.write_number_with_format(row, 3, sheet::baht(community.value), &shared.money)?;
        sheet.write_number_with_format(row, 4, community.members as f64, &shared.integer)?;
    }
    let rows = sheet::data_rows(0, report.by_community.len());
    let last = rows.map_or(0, |(_, last)| last);
    let grams: i64 = report.by_community.iter().map(|c| c.grams).sum();
    let plastic: i64 = report.by_community.iter().map(|c| c.plastic_grams).sum();
    let value: Satang = report.by_community.iter().map(|c| c.value).sum();
    let members: i64 = report.by_community.iter().map(|c| c.members).sum();
    let totals = [
        Total::sum(1, kg_text(grams), &formats.total_kg),
        Total::sum(2, kg_text(plastic), &formats.total_kg),
        Total::sum(3, value.to_plain_string(), &shared.total_money),
        Total::sum(4, members.to_string(), &shared.total_integer),
    ];
    sheet::write_totals(
        sheet,
        last + 1,
        COMMUNITY_COLUMNS.len(),
        rows,
        &totals,
        shared,
    )
}

const POINT_COLUMNS: [Column; 6] = [
    Column::new("อันดับ", 8.0),
    Column::new("จุดรับ", 28.0),
    Column::new("ชุมชน", 22.0),
    Column::new("น้ำหนัก (กก.)", 14.0),
    Column::new("จำนวนครั้ง", 11.0),
    Column::new("สมาชิกที่ฝาก (คน)", 16.0),
];

fn points_sheet(
    sheet: &mut Worksheet,
    report: &ProgrammeReport,
    formats: &WasteFormats,
) -> Result<()> {
    let shared = &formats.shared;
    sheet::write_table_header(sheet, 0, &POINT_COLUMNS, 2, shared)?;
    for (row, (rank, point)) in (1..).zip(report.points.iter().enumerate()) {
        sheet.write_number_with_format(row, 0, (rank + 1) as f64, &shared.integer)?;
        sheet.write_string(row, 1, &point.point)?;
        sheet.write_string(row, 2, &point.community)?;
        sheet.write_number_with_format(row, 3, kg(point.grams), &formats.kg)?;
        sheet.write_number_with_format(row, 4, point.lots as f64, &shared.integer)?;
        sheet.write_number_with_format(row, 5, point.members as f64, &shared.integer)?;
    }
    let last = sheet::data_rows(0, report.points.len()).map_or(0, |(_, last)| last);
    sheet.autofilter(0, 0, last, POINT_COLUMNS.len() as u16 - 1)?;
    Ok(())
}

const MATERIAL_COLUMNS: [Column; 6] = [
    Column::new("รหัสวัสดุ", 14.0),
    Column::new("วัสดุ", 28.0),
    Column::new("กลุ่ม", 12.0),
    Column::new("พอลิเมอร์", 11.0),
    Column::new("น้ำหนัก (กก.)", 14.0),
    Column::new("มูลค่า (บาท)", 14.0),
];

fn materials_sheet(
    sheet: &mut Worksheet,
    report: &ProgrammeReport,
    formats: &WasteFormats,
) -> Result<()> {
    let shared = &formats.shared;
    sheet::write_table_header(sheet, 0, &MATERIAL_COLUMNS, 1, shared)?;
    for (row, material) in (1..).zip(&report.by_material) {
        sheet.write_string(row, 0, &material.code)?;
        sheet.write_string(row, 1, &material.name_th)?;
        sheet.write_string(row, 2, material.category.thai())?;
        let polymer = material.polymer.as_deref();
        sheet::write_optional_text(sheet, row, 3, polymer, &shared.general)?;
        sheet.write_number_with_format(row, 4, kg(material.grams), &formats.kg)?;
        sheet.write_number_with_format(row, 5, sheet::baht(material.value), &shared.money)?;
    }
    let rows = sheet::data_rows(0, report.by_material.len());
    let last = rows.map_or(0, |(_, last)| last);
    let value: Satang = report.by_material.iter().map(|m| m.value).sum();
    let totals = [
        Total::sum(4, kg_text(report.total_grams), &formats.total_kg),
        Total::sum(5, value.to_plain_string(), &shared.total_money),
    ];
    sheet::write_totals(
        sheet,
        last + 1,
        MATERIAL_COLUMNS.len(),
        rows,
        &totals,
        shared,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kg_text_keeps_every_gram() {
        let cases = [
            (1_015_249, "1015.249"),
            (50, "0.050"),
            (-950, "-0.950"),
            (0, "0.000"),
        ];
        for (grams, text) in cases {
            assert_eq!(kg_text(grams), text, "{grams} g");
        }
    }
}
