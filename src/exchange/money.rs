//! Money that moves because of the exchange: a loan's deposit and fee,
//! the deposit refunded or kept at the return, and the price of a sale
//! between communities.
//!
//! Rows are append-only, and a correction is a reversal row with the
//! opposite amount. Each row has a readable `source_key` naming the event
//! that caused it ("exchange:loan:12:deposit"). The community bank's
//! journal keys its entries by source kind and id: `crate::fund::sync`
//! posts each row once as the source ([`SOURCE_KIND`], row id), and a
//! reversal as the reversal of its original's entry.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::stored::stored_enum;
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

/// The journal's `source_kind` for rows of this table.
pub const SOURCE_KIND: &str = "exchange_money";

stored_enum! {
    /// Cause of a money movement.
    pub enum MoneyKind {
        /// The borrower left a deposit with the owner.
        LoanDeposit = "loan_deposit",
        /// The borrower paid a fee for the loan.
        LoanFee = "loan_fee",
        /// The owner gave the deposit back at the return.
        DepositRefund = "deposit_refund",
        /// The owner kept part or all of the deposit, say for damage.
        DepositKept = "deposit_kept",
        /// The buyer paid for equipment sold between communities.
        Sale = "sale",
    }
}

/// One side of a movement: a community, or a member of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    /// Community row id.
    pub community_id: i64,
    /// Community name.
    pub community: String,
    /// Member row id, when a member paid or was paid.
    pub member_id: Option<i64>,
    /// That member's number.
    pub member_no: Option<String>,
}

/// A movement of money as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    /// Row id, the journal's `source_id`.
    pub id: i64,
    /// Readable key of the event, unique.
    pub source_key: String,
    /// Its cause.
    pub kind: MoneyKind,
    /// Date it moved.
    pub date: NaiveDate,
    /// Amount; negative on a reversal.
    pub amount: Satang,
    /// Payer.
    pub from: Party,
    /// Payee.
    pub to: Party,
    /// The loan it belongs to.
    pub loan_id: Option<i64>,
    /// The transfer it belongs to.
    pub transfer_id: Option<i64>,
    /// The movement this one reverses.
    pub reverses_id: Option<i64>,
    /// The movement that reverses this one.
    pub reversed_by: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
    /// Operator who recorded it.
    pub operator: String,
}

/// A movement to record.
pub(crate) struct NewMovement<'a> {
    pub source_key: String,
    pub kind: MoneyKind,
    pub date: NaiveDate,
    pub amount: Satang,
    /// Paying community and member.
    pub from: (i64, Option<i64>),
    /// Paid community and member.
    pub to: (i64, Option<i64>),
    pub loan_id: Option<i64>,
    pub transfer_id: Option<i64>,
    pub note: Option<&'a str>,
}

/// Records a movement and returns its id, or records nothing and returns
/// `None` for a zero amount, because a free loan moves no money.
pub(crate) fn record(
    conn: &Connection,
    ctx: &Context,
    movement: &NewMovement<'_>,
) -> Result<Option<i64>> {
    if movement.amount == Satang::ZERO {
        return Ok(None);
    }
    insert(conn, ctx, movement, None).map(Some)
}

fn insert(
    conn: &Connection,
    ctx: &Context,
    movement: &NewMovement<'_>,
    reverses_id: Option<i64>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO exchange_money (source_key, kind, date, amount_satang, from_community_id,
            from_member_id, to_community_id, to_member_id, loan_id, transfer_id, reverses_id,
            note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(rusqlite::params![
        movement.source_key,
        movement.kind,
        movement.date,
        movement.amount.satang(),
        movement.from.0,
        movement.from.1,
        movement.to.0,
        movement.to.1,
        movement.loan_id,
        movement.transfer_id,
        reverses_id,
        movement.note,
        ctx.operator,
        ctx.timestamp(),
    ])?;
    let id = conn.last_insert_rowid();
    let stored = get_movement(conn, id)?;
    audit::record(conn, ctx, Change::insert("exchange_money", id, &stored))?;
    Ok(id)
}

const MOVEMENT_SELECT: &str = "SELECT x.id, x.source_key, x.kind, x.date, x.amount_satang,
        x.from_community_id, fc.name, x.from_member_id, fm.member_no,
        x.to_community_id, tc.name, x.to_member_id, tm.member_no,
        x.loan_id, x.transfer_id, x.reverses_id,
        (SELECT r.id FROM exchange_money r WHERE r.reverses_id = x.id), x.note, x.operator
    FROM exchange_money x
    JOIN communities fc ON fc.id = x.from_community_id
    JOIN communities tc ON tc.id = x.to_community_id
    LEFT JOIN members fm ON fm.id = x.from_member_id
    LEFT JOIN members tm ON tm.id = x.to_member_id";

fn movement_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Movement> {
    Ok(Movement {
        id: row.get(0)?,
        source_key: row.get(1)?,
        kind: row.get(2)?,
        date: row.get(3)?,
        amount: Satang(row.get(4)?),
        from: Party {
            community_id: row.get(5)?,
            community: row.get(6)?,
            member_id: row.get(7)?,
            member_no: row.get(8)?,
        },
        to: Party {
            community_id: row.get(9)?,
            community: row.get(10)?,
            member_id: row.get(11)?,
            member_no: row.get(12)?,
        },
        loan_id: row.get(13)?,
        transfer_id: row.get(14)?,
        reverses_id: row.get(15)?,
        reversed_by: row.get(16)?,
        note: row.get(17)?,
        operator: row.get(18)?,
    })
}

/// Looks a movement up by row id.
pub fn get_movement(conn: &Connection, id: i64) -> Result<Movement> {
    conn.prepare_cached(&format!("{MOVEMENT_SELECT} WHERE x.id = ?1"))?
        .query_row([id], movement_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "money movement",
            key: id.to_string(),
        })
}

/// Filter of [`list_movements`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneyFilter {
    /// First date, inclusive.
    pub from: Option<NaiveDate>,
    /// Last date, inclusive.
    pub to: Option<NaiveDate>,
    /// Only the movements of this loan.
    pub loan_id: Option<i64>,
    /// Only the movements of this transfer.
    pub transfer_id: Option<i64>,
    /// Only the movements this community pays or is paid.
    pub community_id: Option<i64>,
}

/// Lists movements by date, then in the order they were recorded.
pub fn list_movements(conn: &Connection, filter: &MoneyFilter) -> Result<Vec<Movement>> {
    let sql = format!(
        "{MOVEMENT_SELECT}
         WHERE (?1 IS NULL OR x.date >= ?1) AND (?2 IS NULL OR x.date <= ?2)
           AND (?3 IS NULL OR x.loan_id = ?3) AND (?4 IS NULL OR x.transfer_id = ?4)
           AND (?5 IS NULL OR x.from_community_id = ?5 OR x.to_community_id = ?5)
         ORDER BY x.date, x.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        (
            filter.from,
            filter.to,
            filter.loan_id,
            filter.transfer_id,
            filter.community_id,
        ),
        movement_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The movements of one kind, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindTotal {
    /// The kind.
    pub kind: MoneyKind,
    /// Number of movements, reversals included.
    pub count: usize,
    /// Their sum; a reversal's negative amount cancels its original.
    pub amount: Satang,
}

/// Sums movements by kind, in the order of [`MoneyKind::ALL`], leaving
/// out kinds with no movement.
///
/// ```
/// use chumchon::exchange::money::totals_by_kind;
/// assert!(totals_by_kind(&[]).is_empty());
/// ```
pub fn totals_by_kind(movements: &[Movement]) -> Vec<KindTotal> {
    MoneyKind::ALL
        .iter()
        .filter_map(|kind| {
            let of_kind: Vec<&Movement> = movements.iter().filter(|m| m.kind == *kind).collect();
            (!of_kind.is_empty()).then(|| KindTotal {
                kind: *kind,
                count: of_kind.len(),
                amount: of_kind.iter().map(|m| m.amount).sum(),
            })
        })
        .collect()
}

/// Reverses a movement recorded by mistake: a new row of the opposite
/// amount on `date`, keyed "exchange:money:ID:reversal". Returns it.
///
/// Fails when the movement is itself a reversal or already reversed.
pub fn reverse_movement(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    date: NaiveDate,
    note: &str,
) -> Result<Movement> {
    let original = get_movement(conn, id)?;
    if original.reverses_id.is_some() {
        return Err(Error::rule(
            "reversal_of_reversal",
            format!("money movement {id} is a reversal; record the amount again instead"),
        ));
    }
    if let Some(by) = original.reversed_by {
        return Err(Error::rule(
            "already_reversed",
            format!("money movement {id} is already reversed by {by}"),
        ));
    }
    let note = note.trim();
    let reversal = NewMovement {
        source_key: format!("exchange:money:{id}:reversal"),
        kind: original.kind,
        date,
        amount: Satang(-original.amount.satang()),
        from: (original.from.community_id, original.from.member_id),
        to: (original.to.community_id, original.to.member_id),
        loan_id: original.loan_id,
        transfer_id: original.transfer_id,
        note: (!note.is_empty()).then_some(note),
    };
    let reversal_id = insert(conn, ctx, &reversal, Some(id))?;
    get_movement(conn, reversal_id)
}

/// Reverses every standing movement of a transfer, for the transfer's
/// own reversal.
pub(crate) fn reverse_transfer_movements(
    conn: &Connection,
    ctx: &Context,
    transfer_id: i64,
    date: NaiveDate,
) -> Result<()> {
    let filter = MoneyFilter {
        transfer_id: Some(transfer_id),
        ..MoneyFilter::default()
    };
    for movement in list_movements(conn, &filter)? {
        if movement.reverses_id.is_none() && movement.reversed_by.is_none() {
            reverse_movement(conn, ctx, movement.id, date, "transfer reversed")?;
        }
    }
    Ok(())
}
