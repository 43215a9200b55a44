//! The waste bank's printed documents: a deposit's receipt and the
//! programme report for partners. This module gathers their data from the
//! registers; [`crate::pdf`] lays them out.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::deposits::{get_deposit, DepositPayment};
use super::reports::{programme_report, ProgrammeReport, ReportFilter};
use crate::documents::foundation_name;
use crate::pdf::{self, Receipt, ReceiptLayout, ReceiptLine};
use crate::{db, Result};

/// Gathers what deposit `deposit_id`'s receipt shows, printed on
/// `printed_on`. The number is the office's receipt number when the
/// deposit has one, else the deposit's own number.
pub fn receipt(conn: &Connection, deposit_id: i64, printed_on: NaiveDate) -> Result<Receipt> {
    let deposit = get_deposit(conn, deposit_id)?;
    let catalog = super::materials::Catalog::load(conn)?;
    let credit_balance = match (deposit.payment, deposit.member_id) {
        (DepositPayment::Credit, Some(member_id)) => {
            Some(super::credit::credit_balance(conn, member_id)?)
        }
        _ => None,
    };
    let lines = deposit
        .lots
        .iter()
        .map(|lot| ReceiptLine {
            material: printable(
                catalog
                    .get(lot.material_id)
                    .map_or(lot.material_name.as_str(), |m| m.name_th.as_str()),
            ),
            grams: lot.grams,
            satang_per_kg: lot.satang_per_kg,
            value: lot.value,
        })
        .collect();
    let note = match deposit.reverses_id {
        Some(original) => Some(format!("ยกเลิกรายการฝากเลขที่ {original}")),
        None => deposit.note.as_deref().map(printable),
    };
    Ok(Receipt {
        foundation_name: foundation_name(conn)?,
        number: deposit
            .receipt_no
            .clone()
            .unwrap_or_else(|| deposit.id.to_string()),
        date: deposit.date,
        member_no: deposit.member_no.clone(),
        depositor: printable(
            deposit
                .member_name
                .as_deref()
                .or(deposit.household.as_deref())
                .unwrap_or(""),
        ),
        point: printable(&deposit.point),
        community: printable(&deposit.community),
        lines,
        total: deposit.total,
        payment: payment_text(deposit.payment).to_string(),
        credit_balance,
        weighed_by: deposit.weighed_by.as_deref().map(printable),
        scale_id: deposit.scale_id.as_deref().map(printable),
        note,
        printed_on,
    })
}

/// Writes deposit `deposit_id`'s receipt as a PDF at `out`, replacing any
/// file there.
pub fn write_receipt(
    conn: &Connection,
    deposit_id: i64,
    layout: ReceiptLayout,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<()> {
    db::refuse_database_as_output(conn, out)?;
    let receipt = receipt(conn, deposit_id, printed_on)?;
    pdf::write_receipt(out, &receipt, layout)?;
    Ok(())
}

/// Builds the programme report over `filter` and writes it as a PDF at
/// `out`, replacing any file there. Returns the report's figures.
pub fn write_programme_report(
    conn: &Connection,
    filter: &ReportFilter,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<ProgrammeReport> {
    db::refuse_database_as_output(conn, out)?;
    let mut report = programme_report(conn, filter)?;
    printable_names(&mut report);
    let header = pdf::ProgrammeHeader {
        foundation_name: foundation_name(conn)?,
        printed_on,
    };
    pdf::write_programme_report(out, &header, &report)?;
    Ok(report)
}

/// Names a payment method in Thai, as a receipt prints it.
pub fn payment_text(payment: DepositPayment) -> &'static str {
    match payment {
        DepositPayment::Cash => "เงินสด",
        DepositPayment::Credit => "เข้าบัญชีเครดิตพลาสติก",
        DepositPayment::None => "ไม่จ่ายเงิน (ซาเล้งนำส่ง)",
    }
}

/// Replaces the characters of names that the PDF fonts cannot print.
fn printable_names(report: &mut ProgrammeReport) {
    for name in report.communities.iter_mut() {
        *name = printable(name);
    }
    for community in report.by_community.iter_mut() {
        community.community = printable(&community.community);
    }
    for point in report.points.iter_mut() {
        point.point = printable(&point.point);
        point.community = printable(&point.community);
    }
    for material in report.by_material.iter_mut() {
        material.name_th = printable(&material.name_th);
    }
}

fn printable(text: &str) -> String {
    pdf::printable(text).into_owned()
}
