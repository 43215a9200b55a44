//! Documents printed from the registers: a year's dividend slips and a
//! member's share statement. This module gathers the data; [`crate::pdf`]
//! lays it out.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::dividends::{self, Basis, Method};
use crate::members::{self, SortOrder};
use crate::pdf::{self, DividendBasis, Slip, SlipHeader, SlipLayout, SlipsSummary, StatementLine};
use crate::shares::{self, Kind, Payment};
use crate::{db, Error, Result};

/// How to print a year's slips; `None` takes the setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlipOptions {
    /// One slip per A5 page or two to an A4 page.
    pub layout: Option<SlipLayout>,
    /// Member-number or Thai-name order.
    pub sort: Option<SortOrder>,
    /// The date printed on the slips.
    pub printed_on: NaiveDate,
}

/// Reads the slip layout setting.
pub fn slip_layout_setting(conn: &Connection) -> Result<SlipLayout> {
    Ok(match db::setting(conn, "slip_layout")?.as_deref() {
        Some("a4") | Some("a4-two-up") => SlipLayout::A4TwoUp,
        _ => SlipLayout::A5,
    })
}

/// Reads the slip order setting.
pub fn slip_sort_setting(conn: &Connection) -> Result<SortOrder> {
    Ok(match db::setting(conn, "slip_sort")?.as_deref() {
        Some("name") => SortOrder::Name,
        _ => SortOrder::MemberNo,
    })
}

/// Writes every member's slip of the year's dividend run (draft or
/// approved) into one PDF at `out`.
pub fn write_slips(
    conn: &Connection,
    year_be: i32,
    options: &SlipOptions,
    out: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<SlipsSummary> {
    db::refuse_database_as_output(conn, out)?;
    let run = dividends::get(conn, year_be)?.ok_or_else(|| Error::NotFound {
        what: "dividend run for year",
        key: year_be.to_string(),
    })?;
    if run.status != dividends::Status::Approved {
        return Err(Error::rule(
            "dividend_not_approved",
            format!("the {year_be} dividend is a draft; approve it before printing slips"),
        ));
    }
    let header = SlipHeader {
        foundation_name: foundation_name(conn)?,
        year_be,
        method: method_text(run.params.method).to_string(),
        basis: match run.params.basis {
            Basis::Pool(pool) => DividendBasis::Pool(pool),
            Basis::RatePpm(ppm) => {
                DividendBasis::Rate(format!("{}% ต่อปี", dividends::format_rate_ppm(ppm)))
            }
        },
        date: options.printed_on,
    };
    let layout = match options.layout {
        Some(layout) => layout,
        None => slip_layout_setting(conn)?,
    };
    let sort = match options.sort {
        Some(sort) => sort,
        None => slip_sort_setting(conn)?,
    };
    let with_patronage = run.patronage_pool.is_some();
    let slips = slips_in_order(conn, run.id.unwrap_or_default(), sort, with_patronage)?;
    let total = slips.len();
    let summary = pdf::write_slips(out, &header, slips.into_iter(), layout, &mut |done| {
        progress(done, total)
    })?;
    Ok(summary)
}

/// The run's slips in member-number or Thai-name order, with each
/// member's patronage refund when the run has one.
fn slips_in_order(
    conn: &Connection,
    run_id: i64,
    sort: SortOrder,
    with_patronage: bool,
) -> Result<Vec<Slip>> {
    let order = match sort {
        SortOrder::MemberNo => "m.member_no",
        SortOrder::Name => "m.name_sort_key, m.member_no",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT m.member_no, m.title, m.first_name, m.last_name, c.name, l.year_end_shares,
                l.share_months, l.amount_satang, l.deposit_value_satang, l.patronage_satang
         FROM dividend_lines l
         JOIN members m ON m.id = l.member_id
         JOIN communities c ON c.id = m.community_id
         WHERE l.run_id = ?1 ORDER BY {order}"
    ))?;
    let slips = stmt.query_map([run_id], |row| {
        Ok(Slip {
            member_no: row.get(0)?,
            member_name: printable(&members::full_name(
                &row.get::<_, String>(1)?,
                &row.get::<_, String>(2)?,
                &row.get::<_, String>(3)?,
            )),
            community_name: printable(&row.get::<_, String>(4)?),
            year_end_shares: row.get(5)?,
            share_months: row.get(6)?,
            amount: row.get(7)?,
            patronage: match with_patronage {
                true => Some(pdf::Patronage {
                    deposit_value: row.get(8)?,
                    refund: row.get(9)?,
                }),
                false => None,
            },
        })
    })?;
    Ok(slips.collect::<rusqlite::Result<_>>()?)
}

/// Writes a member's share statement, every share transaction with its
/// running balance, as a PDF at `out`.
pub fn write_statement(
    conn: &Connection,
    member_no: &str,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<()> {
    db::refuse_database_as_output(conn, out)?;
    let member = members::get(conn, member_no)?;
    let lines = shares::history(conn, member.id)?
        .into_iter()
        .filter(|line| !line.superseded_register)
        .map(|line| StatementLine {
            date: line.transaction.date,
            kind: kind_text(&line),
            shares: line.delta,
            amount: line.transaction.amount,
            receipt_no: line.transaction.receipt_no.clone(),
            balance: line.balance,
        })
        .collect();
    let address = statement_address(conn, &member)?;
    let statement = pdf::Statement {
        foundation_name: foundation_name(conn)?,
        member_no: member.details.member_no.clone(),
        member_name: printable(&member.full_name()),
        community_name: printable(&member.community),
        address: Some(printable(&address)).filter(|a| !a.is_empty()),
        printed_on,
        lines,
    };
    pdf::write_statement(out, &statement)?;
    Ok(())
}

/// Writes a member's address on one line. The register keeps the zone
/// apart from the address, so it is put back after the house number and
/// village (หมู่), where the legacy sheets wrote it, as in
/// "133/25 โซน 2 ต.บ่อยาง".
fn statement_address(conn: &Connection, member: &members::Member) -> Result<String> {
    use crate::import::members::address_line;

    let address = &member.details.address;
    let zone = match member.details.zone_id {
        Some(id) => crate::places::zones::zone(conn, id)?.name,
        None => String::new(),
    };
    if address.text.is_some() || zone.is_empty() {
        return Ok(address_line(address));
    }
    let zone = if zone.starts_with("โซน") {
        zone
    } else {
        format!("โซน {zone}")
    };
    let house = members::Address {
        house_no: address.house_no.clone(),
        moo: address.moo.clone(),
        ..Default::default()
    };
    let rest = members::Address {
        house_no: None,
        moo: None,
        ..address.clone()
    };
    let parts = [address_line(&house), zone, address_line(&rest)];
    Ok(parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" "))
}

/// Text as the PDF fonts can print it; see [`pdf::printable`].
fn printable(text: &str) -> String {
    pdf::printable(text).into_owned()
}

/// The foundation's name from the settings.
pub fn foundation_name(conn: &Connection) -> Result<String> {
    Ok(printable(
        &db::setting(conn, "foundation_name")?.unwrap_or_default(),
    ))
}

/// A dividend method in Thai.
pub fn method_text(method: Method) -> &'static str {
    match method {
        Method::ShareMonths => "เฉลี่ยตามจำนวนหุ้นรายเดือน (หุ้น-เดือน)",
        Method::YearEnd => "ตามจำนวนหุ้น ณ สิ้นปี",
    }
}

/// A share transaction's kind in Thai, as a statement prints it.
fn kind_text(line: &shares::HistoryLine) -> String {
    let transaction = &line.transaction;
    let text = match (transaction.kind, transaction.payment) {
        (Kind::Opening, _) => "ยกมา".to_string(),
        (Kind::Purchase, Some(Payment::PlasticCredit)) => "ซื้อหุ้นด้วยเครดิตพลาสติก".to_string(),
        (Kind::Purchase, Some(Payment::Dividend)) => "ซื้อหุ้นจากเงินปันผล".to_string(),
        (Kind::Purchase, _) => "ซื้อหุ้น".to_string(),
        (Kind::Withdrawal, _) => "ถอนหุ้น".to_string(),
        (Kind::Transfer, _) => {
            let giving = (line.delta < 0) == transaction.reverses_id.is_none();
            let other = line.counterparty.as_deref().unwrap_or("");
            if giving {
                format!("โอนออกให้ {other}")
            } else {
                format!("รับโอนจาก {other}")
            }
        }
    };
    if transaction.reverses_id.is_some() {
        format!("กลับรายการ {text}")
    } else {
        text
    }
}
