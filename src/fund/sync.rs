//! Posting the money that other registers move into the journal: share
//! purchases and withdrawals, dividends declared and paid, waste-bank
//! deposits paid in cash or credit, plastic credit paid out, recyclables
//! sold and collectors paid. It also posts the equipment exchange's
//! deposits, fees, refunds and sales.
//!
//! Those registers keep their own append-only tables and know nothing of
//! the journal. [`sync`] reads the records it has not seen yet and posts
//! one entry for each, keyed by the record's kind and id, so that running
//! it again posts nothing twice. A record that reverses another is posted
//! as the reversal of the other's entry. A record that moved no money (a
//! transfer of shares between members, a deposit given without payment)
//! is remembered as skipped. Run it inside the write transaction before a
//! journal report, and after writes to those registers.
//!
//! The accounts each record posts to:
//!
//! | record | debit | credit |
//! |---|---|---|
//! | shares brought forward | opening balances | share capital |
//! | shares bought in cash | cash | share capital |
//! | shares bought with plastic credit | plastic credit payable | share capital |
//! | shares bought with a dividend | dividends payable | share capital |
//! | shares withdrawn | share capital | cash |
//! | dividend run approved | accumulated surplus | dividends payable |
//! | dividend paid (the part not reinvested) | dividends payable | cash |
//! | deposit paid in cash | recyclables bought | cash |
//! | deposit paid in credit | recyclables bought | plastic credit payable |
//! | plastic credit paid out | plastic credit payable | cash |
//! | recyclables sold | cash | recyclables sales |
//! | collector's round paid | collector pay | cash |
//! | equipment loan deposit | cash | deposits held for equipment loans |
//! | equipment loan fee | cash | equipment fees |
//! | deposit refunded | deposits held for equipment loans | cash |
//! | deposit kept at the return | deposits held for equipment loans | equipment fees |
//! | equipment sold between communities | cash | equipment sales |
//!
//! The office holds the exchange's money for the communities: deposits are
//! owed back until the return, and fees, kept deposits and sale prices are
//! the exchange's income.
//!
//! The conversion of plastic credit into shares is posted once, from the
//! share purchase it made; its credit entry adds nothing.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::accounts::{
    ACCUMULATED_SURPLUS, CASH, COLLECTOR_PAY, DIVIDENDS_PAYABLE, EQUIPMENT_DEPOSITS_HELD,
    EQUIPMENT_FEE_INCOME, EQUIPMENT_SALES, OPENING_BALANCES, PLASTIC_CREDIT_PAYABLE,
    RECYCLABLES_BOUGHT, RECYCLABLES_SALES, SHARE_CAPITAL,
};
use super::journal::{self, Line, Posting};
use crate::{Context, Result, Satang};

/// Source kind of share transactions.
pub const SHARE_TRANSACTION: &str = "share_transaction";
/// Source kind of an approved dividend run.
pub const DIVIDEND_RUN: &str = "dividend_run";
/// Source kind of a dividend run's reversal; its id is the run's.
pub const DIVIDEND_RUN_REVERSAL: &str = "dividend_run_reversal";
/// Source kind of dividend payments.
pub const DIVIDEND_PAYMENT: &str = "dividend_payment";
/// Source kind of waste-bank deposits.
pub const WASTE_DEPOSIT: &str = "waste_deposit";
/// Source kind of plastic credit paid out in cash.
pub const CREDIT_PAYOUT: &str = "plastic_credit_payout";
/// Source kind of recyclables sales.
pub const WASTE_SALE: &str = "waste_sale";
/// Source kind of collectors' round records.
pub const ROUND_RECORD: &str = "waste_round_record";
/// Source kind of the exchange's money movements.
pub const EXCHANGE_MONEY: &str = crate::exchange::money::SOURCE_KIND;

/// What one [`sync`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncSummary {
    /// Entries posted.
    pub posted: usize,
    /// Records that moved no money.
    pub skipped: usize,
}

/// A register record not posted yet.
struct Candidate {
    id: i64,
    date: NaiveDate,
    /// The record it reverses, by source kind and id.
    reverses: Option<(&'static str, i64)>,
    description: String,
    lines: Vec<Line>,
}

/// Reads the records of one source kind that are not posted yet.
type Reader = fn(&Connection) -> Result<Vec<Candidate>>;

/// Posts every register record that moved money and has no journal entry
/// yet. A record dated in a closed fiscal year is posted on the first day
/// of the next open year, its description naming the original date.
pub fn sync(conn: &Connection, ctx: &Context) -> Result<SyncSummary> {
    let mut summary = SyncSummary::default();
    let sources: [(&str, Reader); 9] = [
        (SHARE_TRANSACTION, share_transactions),
        (DIVIDEND_RUN, dividend_runs),
        (DIVIDEND_RUN_REVERSAL, dividend_run_reversals),
        (DIVIDEND_PAYMENT, dividend_payments),
        (WASTE_DEPOSIT, waste_deposits),
        (CREDIT_PAYOUT, credit_payouts),
        (WASTE_SALE, waste_sales),
        (ROUND_RECORD, round_records),
        (EXCHANGE_MONEY, exchange_money),
    ];
    for (kind, read) in sources {
        for candidate in read(conn)? {
            if post_candidate(conn, ctx, kind, candidate)? {
                summary.posted += 1;
            } else {
                summary.skipped += 1;
            }
        }
    }
    if summary.posted > 0 {
        tracing::debug!(
            posted = summary.posted,
            skipped = summary.skipped,
            "synced the journal"
        );
    }
    Ok(summary)
}

/// Posts one record, or marks it skipped. Returns whether it was posted.
fn post_candidate(
    conn: &Connection,
    ctx: &Context,
    kind: &'static str,
    candidate: Candidate,
) -> Result<bool> {
    let posting = match candidate.reverses {
        Some((original_kind, original_id)) => {
            match journal::entry_for_source(conn, original_kind, original_id)? {
                Some(entry) => Some(journal::reversal(
                    conn,
                    entry,
                    candidate.date,
                    kind,
                    candidate.id,
                )?),
                None => None,
            }
        }
        None if candidate.lines.is_empty() => None,
        None => Some(
            Posting::new(candidate.date, &candidate.description, candidate.lines)?
                .source(kind, candidate.id),
        ),
    };
    match posting {
        Some(posting) => {
            journal::post_in_open_year(conn, ctx, &posting)?;
            Ok(true)
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO journal_skipped_sources (source_kind, source_id) VALUES (?1, ?2)",
            )?
            .execute((kind, candidate.id))?;
            Ok(false)
        }
    }
}

/// The condition that a record aliased `alias` has no entry and was not
/// skipped, with its kind as parameter ?1.
fn unposted(alias: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM journal_entries j
                     WHERE j.source_kind = ?1 AND j.source_id = {alias}.id)
         AND NOT EXISTS (SELECT 1 FROM journal_skipped_sources s
                         WHERE s.source_kind = ?1 AND s.source_id = {alias}.id)"
    )
}

/// Two lines moving `amount` from `credit` to `debit`, the member named on
/// the member's own account. A negative amount moves it the other way,
/// and zero moves nothing.
fn transfer(debit: (&str, Option<i64>), credit: (&str, Option<i64>), amount: i64) -> Vec<Line> {
    if amount == 0 {
        return Vec::new();
    }
    let (debit, credit) = if amount < 0 {
        (credit, debit)
    } else {
        (debit, credit)
    };
    let amount = Satang(amount.abs());
    vec![
        Line::debit(debit.0, amount).member(debit.1),
        Line::credit(credit.0, amount).member(credit.1),
    ]
}

fn share_transactions(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT t.id, t.date, t.reverses_id, t.kind, t.payment, t.amount_satang, t.member_id,
                m.member_no, t.receipt_no
         FROM share_transactions t JOIN members m ON m.id = t.member_id
         WHERE {} ORDER BY t.id",
        unposted("t")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([SHARE_TRANSACTION], |row| {
        let kind: String = row.get(3)?;
        let payment: Option<String> = row.get(4)?;
        let amount: i64 = row.get(5)?;
        let member = Some(row.get::<_, i64>(6)?);
        let member_no: String = row.get(7)?;
        let receipt: Option<String> = row.get(8)?;
        let capital = (SHARE_CAPITAL, member);
        let (what, lines) = match (kind.as_str(), payment.as_deref()) {
            ("opening", _) => (
                "หุ้นยกมา",
                transfer((OPENING_BALANCES, None), capital, amount),
            ),
            ("purchase", Some("plastic_credit")) => (
                "ซื้อหุ้นด้วยเครดิตพลาสติก",
                transfer((PLASTIC_CREDIT_PAYABLE, member), capital, amount),
            ),
            ("purchase", Some("dividend")) => (
                "ซื้อหุ้นจากเงินปันผล",
                transfer((DIVIDENDS_PAYABLE, member), capital, amount),
            ),
            ("purchase", _) => ("ซื้อหุ้น", transfer((CASH, None), capital, amount)),
            ("withdrawal", _) => ("ถอนหุ้น", transfer(capital, (CASH, None), amount)),
            _ => ("โอนหุ้น", Vec::new()),
        };
        let receipt = receipt.map(|r| format!(" ใบเสร็จ {r}")).unwrap_or_default();
        Ok(Candidate {
            id: row.get(0)?,
            date: row.get(1)?,
            reverses: row
                .get::<_, Option<i64>>(2)?
                .map(|id| (SHARE_TRANSACTION, id)),
            description: format!("{what} สมาชิก {member_no}{receipt}"),
            lines,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The calendar date of a stored local date-time such as
/// "2025-01-15T09:30:00".
fn date_of_timestamp(timestamp: &str) -> rusqlite::Result<NaiveDate> {
    let day = timestamp.get(..10).unwrap_or(timestamp);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, error.into())
    })
}

fn dividend_runs(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT r.id, r.approved_at, r.year_be,
                (SELECT coalesce(sum(l.amount_satang + l.patronage_satang), 0)
                 FROM dividend_lines l WHERE l.run_id = r.id)
         FROM dividend_runs r WHERE r.approved_at IS NOT NULL AND {} ORDER BY r.id",
        unposted("r")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([DIVIDEND_RUN], |row| {
        let year_be: i32 = row.get(2)?;
        Ok(Candidate {
            id: row.get(0)?,
            date: date_of_timestamp(&row.get::<_, String>(1)?)?,
            reverses: None,
            description: format!("อนุมัติเงินปันผลและเงินเฉลี่ยคืนปี {year_be}"),
            lines: transfer(
                (ACCUMULATED_SURPLUS, None),
                (DIVIDENDS_PAYABLE, None),
                row.get(3)?,
            ),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn dividend_run_reversals(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT r.id, r.reversed_at FROM dividend_runs r
         WHERE r.reversed_at IS NOT NULL AND {} ORDER BY r.id",
        unposted("r")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([DIVIDEND_RUN_REVERSAL], |row| {
        let id: i64 = row.get(0)?;
        Ok(Candidate {
            id,
            date: date_of_timestamp(&row.get::<_, String>(1)?)?,
            reverses: Some((DIVIDEND_RUN, id)),
            description: String::new(),
            lines: Vec::new(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn dividend_payments(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT p.id, p.date, p.reverses_id, p.amount_satang - coalesce(t.amount_satang, 0),
                p.member_id, m.member_no, r.year_be
         FROM dividend_payments p
         JOIN members m ON m.id = p.member_id
         JOIN dividend_runs r ON r.id = p.run_id
         LEFT JOIN share_transactions t ON t.id = p.share_transaction_id
         WHERE {} ORDER BY p.id",
        unposted("p")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([DIVIDEND_PAYMENT], |row| {
        let member = Some(row.get::<_, i64>(4)?);
        let member_no: String = row.get(5)?;
        let year_be: i32 = row.get(6)?;
        Ok(Candidate {
            id: row.get(0)?,
            date: row.get(1)?,
            reverses: row
                .get::<_, Option<i64>>(2)?
                .map(|id| (DIVIDEND_PAYMENT, id)),
            description: format!("จ่ายเงินปันผลปี {year_be} สมาชิก {member_no}"),
            lines: transfer((DIVIDENDS_PAYABLE, member), (CASH, None), row.get(3)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn waste_deposits(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT d.id, d.date, d.reverses_id, d.payment, d.member_id,
                coalesce(m.member_no, d.household, ''),
                (SELECT coalesce(sum(l.value_satang), 0) FROM waste_lots l WHERE l.deposit_id = d.id)
         FROM waste_deposits d LEFT JOIN members m ON m.id = d.member_id
         WHERE {} ORDER BY d.id",
        unposted("d")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([WASTE_DEPOSIT], |row| {
        let payment: String = row.get(3)?;
        let member: Option<i64> = row.get(4)?;
        let depositor: String = row.get(5)?;
        let value: i64 = row.get(6)?;
        let bought = (RECYCLABLES_BOUGHT, None);
        let (what, lines) = match payment.as_str() {
            "cash" => (
                "รับซื้อขยะรีไซเคิลเป็นเงินสด",
                transfer(bought, (CASH, None), value),
            ),
            "credit" => (
                "รับซื้อขยะรีไซเคิลเป็นเครดิตพลาสติก",
                transfer(bought, (PLASTIC_CREDIT_PAYABLE, member), value),
            ),
            _ => ("รับขยะรีไซเคิลโดยไม่จ่ายเงิน", Vec::new()),
        };
        Ok(Candidate {
            id: row.get(0)?,
            date: row.get(1)?,
            reverses: row.get::<_, Option<i64>>(2)?.map(|id| (WASTE_DEPOSIT, id)),
            description: format!("{what} {depositor}").trim_end().to_string(),
            lines,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn credit_payouts(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT e.id, e.date, -e.amount_satang, e.member_id, m.member_no
         FROM plastic_credit_entries e JOIN members m ON m.id = e.member_id
         WHERE e.kind = 'payout' AND {} ORDER BY e.id",
        unposted("e")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([CREDIT_PAYOUT], |row| {
        let member = Some(row.get::<_, i64>(3)?);
        let member_no: String = row.get(4)?;
        Ok(Candidate {
            id: row.get(0)?,
            date: row.get(1)?,
            reverses: None,
            description: format!("จ่ายเครดิตพลาสติกเป็นเงินสด สมาชิก {member_no}"),
            lines: transfer((PLASTIC_CREDIT_PAYABLE, member), (CASH, None), row.get(2)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn waste_sales(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT s.id, s.date, s.reverses_id, b.name,
                (SELECT coalesce(sum(l.value_satang), 0) FROM waste_sale_lines l WHERE l.sale_id = s.id)
         FROM waste_sales s JOIN waste_buyers b ON b.id = s.buyer_id
         WHERE {} ORDER BY s.id",
        unposted("s")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([WASTE_SALE], |row| {
        let buyer: String = row.get(3)?;
        Ok(Candidate {
            id: row.get(0)?,
            date: row.get(1)?,
            reverses: row.get::<_, Option<i64>>(2)?.map(|id| (WASTE_SALE, id)),
            description: format!("ขายวัสดุรีไซเคิลให้ {buyer}"),
            lines: transfer((CASH, None), (RECYCLABLES_SALES, None), row.get(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn round_records(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT r.id, r.date, r.paid_satang, c.name
         FROM waste_round_records r JOIN waste_collectors c ON c.id = r.collector_id
         WHERE {} ORDER BY r.id",
        unposted("r")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([ROUND_RECORD], |row| {
        let collector: String = row.get(3)?;
        Ok(Candidate {
            id: row.get(0)?,
            date: row.get(1)?,
            reverses: None,
            description: format!("ค่าตอบแทนผู้เก็บขยะ {collector}"),
            lines: transfer((COLLECTOR_PAY, None), (CASH, None), row.get(2)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn exchange_money(conn: &Connection) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT x.id, x.date, x.reverses_id, x.kind, x.amount_satang, fc.name, tc.name,
                coalesce(fm.member_no, tm.member_no)
         FROM exchange_money x
         JOIN communities fc ON fc.id = x.from_community_id
         JOIN communities tc ON tc.id = x.to_community_id
         LEFT JOIN members fm ON fm.id = x.from_member_id
         LEFT JOIN members tm ON tm.id = x.to_member_id
         WHERE {} ORDER BY x.id",
        unposted("x")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([EXCHANGE_MONEY], |row| {
        let kind: String = row.get(3)?;
        let amount: i64 = row.get(4)?;
        let from: String = row.get(5)?;
        let to: String = row.get(6)?;
        let member: Option<String> = row.get(7)?;
        let cash = (CASH, None);
        let held = (EQUIPMENT_DEPOSITS_HELD, None);
        let fees = (EQUIPMENT_FEE_INCOME, None);
        let (what, lines) = match kind.as_str() {
            "loan_deposit" => ("รับเงินมัดจำยืมอุปกรณ์", transfer(cash, held, amount)),
            "loan_fee" => ("รับค่าธรรมเนียมยืมอุปกรณ์", transfer(cash, fees, amount)),
            "deposit_refund" => ("คืนเงินมัดจำยืมอุปกรณ์", transfer(held, cash, amount)),
            "deposit_kept" => ("ริบเงินมัดจำยืมอุปกรณ์", transfer(held, fees, amount)),
            "sale" => (
                "ขายอุปกรณ์ระหว่างชุมชน",
                transfer(cash, (EQUIPMENT_SALES, None), amount),
            ),
            _ => ("เงินจากการแลกเปลี่ยนอุปกรณ์", Vec::new()),
        };
        let member = member.map(|no| format!(" สมาชิก {no}")).unwrap_or_default();
        Ok(Candidate {
            id: row.get(0)?,
            date: row.get(1)?,
            reverses: row.get::<_, Option<i64>>(2)?.map(|id| (EXCHANGE_MONEY, id)),
            description: format!("{what} จาก{from} ถึง{to}{member}"),
            lines,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests;
