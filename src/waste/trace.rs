//! Chain of custody: from a share bought with plastic credit back to the
//! deposit credits it used and their lots (member, point, date, scale,
//! operator), and forward from each lot to the sales its kilograms left in.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::{Result, Satang};

/// Every share purchase a member made with plastic credit, traced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditTrace {
    /// Member number.
    pub member_no: String,
    /// Title, first and last name.
    pub member_name: String,
    /// Credit balance now.
    pub credit_balance: Satang,
    /// The purchases, oldest first.
    pub purchases: Vec<TracedPurchase>,
}

/// One share purchase paid by plastic credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TracedPurchase {
    /// The share transaction.
    pub transaction_id: i64,
    /// Its date.
    pub date: NaiveDate,
    /// Shares bought.
    pub shares: i64,
    /// Credit used.
    pub amount: Satang,
    /// Whether the purchase was later reversed in the share register.
    pub reversed: bool,
    /// The deposit credits it used, oldest first.
    pub credits: Vec<UsedCredit>,
    /// The lots of those deposits.
    pub lots: Vec<TracedLot>,
}

/// A deposit credit a purchase used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedCredit {
    /// The credit entry.
    pub entry_id: i64,
    /// The deposit that earned it.
    pub deposit_id: Option<i64>,
    /// The deposit's date.
    pub date: NaiveDate,
    /// The part of it this purchase used.
    pub used: Satang,
}

/// A lot with where it came from and where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TracedLot {
    /// Lot row id.
    pub lot_id: i64,
    /// Its deposit.
    pub deposit_id: i64,
    /// Date weighed.
    pub date: NaiveDate,
    /// Collection point.
    pub point: String,
    /// The point's community.
    pub community: String,
    /// Material code.
    pub material: String,
    /// Grams.
    pub grams: i64,
    /// Value paid.
    pub value: Satang,
    /// Weighing scale.
    pub scale_id: Option<String>,
    /// Who weighed it.
    pub weighed_by: Option<String>,
    /// The sales its kilograms left in, net of reversed sales.
    pub sales: Vec<LotSale>,
    /// Whether a later correction reversed the lot's deposit, so that its
    /// kilograms are neither in stock nor sold.
    pub reversed: bool,
}

/// Grams of a lot that left in a sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LotSale {
    /// The sale.
    pub sale_id: i64,
    /// Its date.
    pub date: NaiveDate,
    /// The buyer.
    pub buyer: String,
    /// Grams of the lot in it.
    pub grams: i64,
}

/// Traces every share purchase that `member_id` paid with plastic credit.
pub fn trace_credit(conn: &Connection, member_id: i64) -> Result<CreditTrace> {
    let member = crate::members::get_by_id(conn, member_id)?;
    let mut stmt = conn.prepare(
        "SELECT e.id, t.id, t.date, t.shares, t.amount_satang,
                EXISTS (SELECT 1 FROM share_transactions r WHERE r.reverses_id = t.id)
         FROM plastic_credit_entries e
         JOIN share_transactions t ON t.id = e.share_transaction_id
         WHERE e.member_id = ?1 AND e.kind = 'conversion'
         ORDER BY t.date, e.id",
    )?;
    let headers: Vec<(i64, TracedPurchase)> = stmt
        .query_map([member_id], |row| {
            Ok((
                row.get(0)?,
                TracedPurchase {
                    transaction_id: row.get(1)?,
                    date: row.get(2)?,
                    shares: row.get(3)?,
                    amount: Satang(row.get(4)?),
                    reversed: row.get(5)?,
                    credits: Vec::new(),
                    lots: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut purchases = Vec::with_capacity(headers.len());
    for (entry_id, mut purchase) in headers {
        purchase.credits = used_credits(conn, entry_id)?;
        for credit in &purchase.credits {
            if let Some(deposit_id) = credit.deposit_id {
                purchase.lots.extend(traced_lots(conn, deposit_id)?);
            }
        }
        purchases.push(purchase);
    }
    Ok(CreditTrace {
        member_name: member.full_name(),
        member_no: member.details.member_no,
        credit_balance: super::credit::credit_balance(conn, member_id)?,
        purchases,
    })
}

fn used_credits(conn: &Connection, entry_id: i64) -> Result<Vec<UsedCredit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.deposit_id, s.date, u.amount_satang
         FROM plastic_credit_uses u JOIN plastic_credit_entries s ON s.id = u.source_entry_id
         WHERE u.entry_id = ?1 ORDER BY s.date, s.id",
    )?;
    let rows = stmt.query_map([entry_id], |row| {
        Ok(UsedCredit {
            entry_id: row.get(0)?,
            deposit_id: row.get(1)?,
            date: row.get(2)?,
            used: Satang(row.get(3)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The lots of a deposit with the sales each went into.
pub fn traced_lots(conn: &Connection, deposit_id: i64) -> Result<Vec<TracedLot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.deposit_id, l.date, p.name, c.name, m.code, l.grams, l.value_satang,
                d.scale_id, d.weighed_by,
                EXISTS (SELECT 1 FROM waste_lots r WHERE r.reverses_lot_id = l.id)
         FROM waste_lots l
         JOIN waste_deposits d ON d.id = l.deposit_id
         JOIN waste_points p ON p.id = l.point_id
         JOIN communities c ON c.id = p.community_id
         JOIN waste_materials m ON m.id = l.material_id
         WHERE l.deposit_id = ?1 ORDER BY l.id",
    )?;
    let lots: Vec<TracedLot> = stmt
        .query_map([deposit_id], |row| {
            Ok(TracedLot {
                lot_id: row.get(0)?,
                deposit_id: row.get(1)?,
                date: row.get(2)?,
                point: row.get(3)?,
                community: row.get(4)?,
                material: row.get(5)?,
                grams: row.get(6)?,
                value: Satang(row.get(7)?),
                scale_id: row.get(8)?,
                weighed_by: row.get(9)?,
                sales: Vec::new(),
                reversed: row.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    lots.into_iter()
        .map(|mut lot| {
            lot.sales = lot_sales(conn, lot.lot_id)?;
            Ok(lot)
        })
        .collect()
}

/// The sales a lot's kilograms left in. A reversed sale and its reversal
/// cancel out and are left out.
fn lot_sales(conn: &Connection, lot_id: i64) -> Result<Vec<LotSale>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.date, b.name, sum(a.grams)
         FROM waste_lot_allocations a
         JOIN waste_sale_lines sl ON sl.id = a.sale_line_id
         JOIN waste_sales s ON s.id = sl.sale_id
         JOIN waste_sales o ON o.id = coalesce(s.reverses_id, s.id)
         JOIN waste_buyers b ON b.id = o.buyer_id
         WHERE a.lot_id = ?1
         GROUP BY o.id HAVING sum(a.grams) <> 0
         ORDER BY o.date, o.id",
    )?;
    let rows = stmt.query_map([lot_id], |row| {
        Ok(LotSale {
            sale_id: row.get(0)?,
            date: row.get(1)?,
            buyer: row.get(2)?,
            grams: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
