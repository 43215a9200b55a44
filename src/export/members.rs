//! The member register sheet (สมาชิก): one row per member with the address
//! parts, status and share balance, and a totals row.

use std::collections::HashMap;

use rusqlite::Connection;
use rust_xlsxwriter::{RowNum, Workbook, Worksheet};

use super::sheet::{self, Cell, Column, Formats, Total, A4};
use crate::members::{self, Member, Status};
use crate::{shares, Error, Result, Satang};

/// Name of the worksheet.
pub(super) const SHEET_NAME: &str = "สมาชิก";

/// The columns, in order. `write_member` writes its cells in this order.
const COLUMNS: [Column; 22] = [
    Column::new("เลขที่สมาชิก", 12.0),
    Column::new("คำนำหน้า", 9.0),
    Column::new("ชื่อ", 16.0),
    Column::new("นามสกุล", 16.0),
    Column::new("เลขประจำตัวประชาชน", 17.0),
    Column::new("ตรวจเลขประจำตัว", 14.0),
    Column::new("โทรศัพท์", 13.0),
    Column::new("บ้านเลขที่", 10.0),
    Column::new("หมู่", 6.0),
    Column::new("ซอย", 12.0),
    Column::new("ถนน", 14.0),
    Column::new("ตำบล/แขวง", 14.0),
    Column::new("อำเภอ/เขต", 14.0),
    Column::new("จังหวัด", 12.0),
    Column::new("รหัสไปรษณีย์", 11.0),
    Column::new("ที่อยู่ (ข้อความเดิม)", 30.0),
    Column::new("ชุมชน", 16.0),
    Column::new("โซน", 12.0),
    Column::new("วันที่สมัคร", 12.0),
    Column::new("สถานะ", 10.0),
    Column::new("จำนวนหุ้น", 11.0),
    Column::new("มูลค่าหุ้น (บาท)", 15.0),
];
/// Columns of the totals row: the member count goes under the first name.
const FIRST_NAME: u16 = 2;
const SHARES: u16 = 20;
const SHARE_VALUE: u16 = 21;

/// The header row is the sheet's first row.
const HEADER_ROW: RowNum = 0;

/// Builds the workbook of the member register. Returns it with the number
/// of members written.
pub(super) fn workbook(conn: &Connection) -> Result<(Workbook, usize)> {
    let members = members::list(conn)?;
    let par = shares::policy(conn)?.par;
    let zones = zone_names(conn)?;
    let formats = Formats::new();

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet::write_table_header(sheet, HEADER_ROW, &COLUMNS, 1, &formats)?;
    let mut totals = Totals::default();
    for (row, member) in (HEADER_ROW + 1..).zip(&members) {
        let value = share_value(member, par)?;
        let zone = member
            .details
            .zone_id
            .and_then(|id| zones.get(&id))
            .map(String::as_str);
        write_member(sheet, row, member, zone, value, &formats)?;
        totals.members += 1;
        totals.shares += member.shares;
        totals.value = totals
            .value
            .checked_add(value)
            .ok_or_else(|| overflow(member))?;
    }
    let rows = sheet::data_rows(HEADER_ROW, members.len());
    let last_row = rows.map_or(HEADER_ROW, |(_, last)| last);
    sheet.autofilter(HEADER_ROW, 0, last_row, COLUMNS.len() as u16 - 1)?;
    write_totals(sheet, last_row + 1, rows, &totals, &formats)?;
    Ok((workbook, members.len()))
}

#[derive(Default)]
struct Totals {
    members: usize,
    shares: i64,
    value: Satang,
}

fn write_member(
    sheet: &mut Worksheet,
    row: RowNum,
    member: &Member,
    zone: Option<&str>,
    share_value: Satang,
    formats: &Formats,
) -> Result<()> {
    let details = &member.details;
    let address = &details.address;
    let id_check = match (&details.national_id, member.national_id_valid) {
        (None, _) => None,
        (Some(_), true) => Some("ถูกต้อง"),
        (Some(_), false) => Some("เลขตรวจสอบผิด"),
    };

    let cells = [
        Cell::Code(Some(&details.member_no)),
        Cell::Text(Some(&details.title)),
        Cell::Text(Some(&details.first_name)),
        Cell::Text(Some(&details.last_name)),
        Cell::Code(details.national_id.as_deref()),
        Cell::Text(id_check),
        Cell::Code(details.phone.as_deref()),
        Cell::Code(address.house_no.as_deref()),
        Cell::Code(address.moo.as_deref()),
        Cell::Text(address.soi.as_deref()),
        Cell::Text(address.road.as_deref()),
        Cell::Text(address.subdistrict.as_deref()),
        Cell::Text(address.district.as_deref()),
        Cell::Text(address.province.as_deref()),
        Cell::Code(address.postcode.as_deref()),
        Cell::Text(address.text.as_deref()),
        Cell::Text(Some(&member.community)),
        Cell::Text(zone),
        Cell::Date(details.joined),
        Cell::Text(Some(status_text(details.status))),
        Cell::Count(member.shares),
        Cell::Baht(share_value),
    ];
    sheet::write_cells(sheet, row, &cells, formats)
}

fn write_totals(
    sheet: &mut Worksheet,
    row: RowNum,
    rows: Option<(RowNum, RowNum)>,
    totals: &Totals,
    formats: &Formats,
) -> Result<()> {
    let cells = [
        Total::count(FIRST_NAME, 0, totals.members, &formats.total_count),
        Total::sum(SHARES, totals.shares.to_string(), &formats.total_integer),
        Total::sum(
            SHARE_VALUE,
            totals.value.to_plain_string(),
            &formats.total_money,
        ),
    ];
    sheet::write_totals(sheet, row, COLUMNS.len(), rows, &cells, formats)
}

/// Returns a member's status in Thai, in the words that the importer reads
/// back.
fn status_text(status: Status) -> &'static str {
    match status {
        Status::Active => "ปกติ",
        Status::Resigned => "ลาออก",
        Status::Deceased => "เสียชีวิต",
    }
}

fn share_value(member: &Member, par: Satang) -> Result<Satang> {
    par.checked_mul(member.shares)
        .ok_or_else(|| overflow(member))
}

fn overflow(member: &Member) -> Error {
    Error::rule(
        "amount_overflow",
        format!(
            "the share value of member {} ({} shares) is too large to export",
            member.details.member_no, member.shares
        ),
    )
}

/// Reads the zone names by row id.
fn zone_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, name FROM zones")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
