//! Plastic credit: each member's append-only account of deposit value
//! kept as credit, and its use to buy shares at par or to take cash.
//!
//! Every entry that takes credit away records which deposit credits it
//! used, oldest first, in `plastic_credit_uses`. That link is what leads a
//! share bought with plastic credit back to the kilograms that paid for
//! it (see [`super::trace`]).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use super::deposits::Deposit;
use crate::audit::{self, Change};
use crate::shares::{self, Kind, NewTransaction, Payment};
use crate::{Context, Error, Result, Satang};

/// What a credit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A deposit paid in credit.
    Deposit,
    /// Credit used to buy shares.
    Conversion,
    /// Credit paid out in cash.
    Payout,
    /// A reversed deposit's credit taken back.
    Reversal,
    /// A reversed share purchase's credit given back.
    Refund,
}

impl EntryKind {
    fn as_str(self) -> &'static str {
        match self {
            EntryKind::Deposit => "deposit",
            EntryKind::Conversion => "conversion",
            EntryKind::Payout => "payout",
            EntryKind::Reversal => "reversal",
            EntryKind::Refund => "refund",
        }
    }

    fn parse(text: &str) -> EntryKind {
        match text {
            "conversion" => EntryKind::Conversion,
            "payout" => EntryKind::Payout,
            "reversal" => EntryKind::Reversal,
            "refund" => EntryKind::Refund,
            _ => EntryKind::Deposit,
        }
    }
}

/// One entry of a member's credit account, with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditEntry {
    /// Row id.
    pub id: i64,
    /// Date.
    pub date: NaiveDate,
    /// What it records.
    pub kind: EntryKind,
    /// Credit added (positive) or taken away (negative).
    pub amount: Satang,
    /// The deposit it came from or reverses.
    pub deposit_id: Option<i64>,
    /// The share purchase it paid for.
    pub share_transaction_id: Option<i64>,
    /// Note.
    pub note: Option<String>,
    /// Balance after this entry.
    pub balance: Satang,
}

/// The result of converting credit into shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Conversion {
    /// The credit entry.
    pub entry_id: i64,
    /// The share purchase.
    pub share_transaction_id: i64,
    /// Shares bought.
    pub shares: i64,
    /// Credit used: shares × par.
    pub amount: Satang,
    /// Credit left on the conversion's date.
    pub credit_left: Satang,
}

/// The result of paying credit out in cash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Payout {
    /// The credit entry.
    pub entry_id: i64,
    /// Cash paid.
    pub amount: Satang,
    /// Credit left on the payout's date.
    pub credit_left: Satang,
}

/// A member's credit balance after every entry.
pub fn credit_balance(conn: &Connection, member_id: i64) -> Result<Satang> {
    let balance = conn
        .prepare_cached(
            "SELECT coalesce(sum(amount_satang), 0) FROM plastic_credit_entries
             WHERE member_id = ?1",
        )?
        .query_row([member_id], |row| row.get(0))?;
    Ok(Satang(balance))
}

/// Credit a member can use on `date`: what is left of the deposit credits
/// dated on or before it.
pub fn credit_available(conn: &Connection, member_id: i64, date: NaiveDate) -> Result<Satang> {
    let sources = open_sources(conn, member_id, date)?;
    Ok(Satang(sources.iter().map(|(_, left)| left).sum()))
}

/// A member's credit entries, oldest first, with running balance.
pub fn credit_history(conn: &Connection, member_id: i64) -> Result<Vec<CreditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, date, kind, amount_satang, deposit_id, share_transaction_id, note
         FROM plastic_credit_entries WHERE member_id = ?1 ORDER BY date, id",
    )?;
    let mut balance = Satang::ZERO;
    let rows = stmt.query_map([member_id], |row| {
        let kind: String = row.get(2)?;
        Ok(CreditEntry {
            id: row.get(0)?,
            date: row.get(1)?,
            kind: EntryKind::parse(&kind),
            amount: Satang(row.get(3)?),
            deposit_id: row.get(4)?,
            share_transaction_id: row.get(5)?,
            note: row.get(6)?,
            balance: Satang::ZERO,
        })
    })?;
    let mut entries = Vec::new();
    for entry in rows {
        let mut entry = entry?;
        balance += entry.amount;
        entry.balance = balance;
        entries.push(entry);
    }
    Ok(entries)
}

/// A deposit's value added to its member's credit.
pub(crate) struct DepositCredit {
    pub member_id: i64,
    pub date: NaiveDate,
    pub amount: Satang,
    pub deposit_id: i64,
}

/// Adds the value of deposits paid in credit to their members' credit,
/// many entries to a statement, without audit entries: the deposit's own
/// record covers its credit.
pub(crate) fn credit_deposits(
    conn: &Connection,
    ctx: &Context,
    credits: &[DepositCredit],
) -> Result<()> {
    let into = (
        "plastic_credit_entries (member_id, date, kind, amount_satang, deposit_id, operator,
            created_at)",
        7,
    );
    super::deposits::insert_rows(conn, into, credits.len(), |stmt, offset, index| {
        let credit = &credits[index];
        stmt.raw_bind_parameter(offset + 1, credit.member_id)?;
        stmt.raw_bind_parameter(offset + 2, credit.date)?;
        stmt.raw_bind_parameter(offset + 3, EntryKind::Deposit.as_str())?;
        stmt.raw_bind_parameter(offset + 4, credit.amount)?;
        stmt.raw_bind_parameter(offset + 5, credit.deposit_id)?;
        stmt.raw_bind_parameter(offset + 6, &ctx.operator)?;
        stmt.raw_bind_parameter(offset + 7, ctx.timestamp())?;
        Ok(())
    })
}

/// Takes back the credit of a deposit being reversed. Fails when any of it
/// was already used.
pub(crate) fn reverse_deposit_credit(
    conn: &Connection,
    ctx: &Context,
    original: &Deposit,
    reversal_id: i64,
) -> Result<()> {
    let Some(member_id) = original.member_id else {
        return Ok(());
    };
    let source: Option<(i64, i64)> = conn
        .query_row(
            &format!(
                "SELECT e.id, {CREDIT_LEFT}
                 FROM plastic_credit_entries e WHERE e.deposit_id = ?1 AND e.kind = 'deposit'"
            ),
            [original.id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((source_id, left)) = source else {
        return Ok(());
    };
    if left != original.total.satang() {
        return Err(Error::rule(
            "credit_used",
            format!(
                "{} baht of deposit {}'s credit was already converted or paid out, so the \
                 deposit cannot be reversed",
                Satang(original.total.satang() - left),
                original.id
            ),
        ));
    }
    let entry = insert_entry(
        conn,
        ctx,
        Entry {
            member_id,
            date: original.date,
            kind: EntryKind::Reversal,
            amount: -original.total,
            deposit_id: Some(reversal_id),
            share_transaction_id: None,
            note: Some("deposit reversed"),
        },
    )?;
    insert_use(conn, entry, source_id, left)
}

/// Converts a member's credit into whole shares at par, as a share
/// purchase paid by plastic credit, on `date`. Buys `shares` shares, or
/// when `None` as many as the credit available on the date pays for; the
/// rest stays as credit.
///
/// Fails when the credit does not pay for one share, or for the shares
/// asked for, or when the purchase breaks the share policy.
pub fn convert_credit(
    conn: &Connection,
    ctx: &Context,
    member_id: i64,
    date: NaiveDate,
    shares: Option<i64>,
) -> Result<Conversion> {
    let par = shares::policy(conn)?.par;
    if par.satang() <= 0 {
        return Err(Error::rule(
            "par_not_positive",
            "the share par value is not above zero; set share_par_satang",
        ));
    }
    let available = credit_available(conn, member_id, date)?;
    let affordable = available.satang() / par.satang();
    let wanted = shares.unwrap_or(affordable);
    if wanted <= 0 || wanted > affordable {
        let asked = match shares {
            Some(count) => format!("{count} shares"),
            None => "one share".to_string(),
        };
        return Err(Error::rule(
            "credit_insufficient",
            format!(
                "the member has {available} baht of plastic credit on {}, not enough for {asked} \
                 at {par} baht each",
                crate::thai::date::format_numeric(date)
            ),
        ));
    }
    let amount = Satang(wanted * par.satang());
    let mut purchase = NewTransaction::new(member_id, date, Kind::Purchase, wanted, amount);
    purchase.payment = Some(Payment::PlasticCredit);
    purchase.note = Some("ซื้อหุ้นด้วยเครดิตพลาสติก".to_string());
    let share_transaction_id = shares::post(conn, ctx, &purchase)?;
    let entry_id = insert_entry(
        conn,
        ctx,
        Entry {
            member_id,
            date,
            kind: EntryKind::Conversion,
            amount: -amount,
            deposit_id: None,
            share_transaction_id: Some(share_transaction_id),
            note: None,
        },
    )?;
    use_credit(conn, member_id, date, entry_id, amount)?;
    Ok(Conversion {
        entry_id,
        share_transaction_id,
        shares: wanted,
        amount,
        credit_left: available - amount,
    })
}

/// Records that a share purchase already posted, such as a legacy share
/// ledger's purchase paid by plastic credit, used `amount` of the member's
/// credit on `date`. The credit is linked to the deposit credits available
/// on that date, oldest first, like a conversion. Returns the part that
/// they did not cover, which leaves the member's credit below zero until
/// the deposits that paid for it are imported.
pub(crate) fn record_share_purchase(
    conn: &Connection,
    ctx: &Context,
    member_id: i64,
    date: NaiveDate,
    share_transaction_id: i64,
    amount: Satang,
) -> Result<Satang> {
    let entry_id = insert_entry(
        conn,
        ctx,
        Entry {
            member_id,
            date,
            kind: EntryKind::Conversion,
            amount: -amount,
            deposit_id: None,
            share_transaction_id: Some(share_transaction_id),
            note: Some("ซื้อหุ้นด้วยเครดิตพลาสติก ตามทะเบียนหุ้นเดิม"),
        },
    )?;
    let mut needed = amount.satang();
    for (source, left) in open_sources(conn, member_id, date)? {
        if needed == 0 {
            break;
        }
        let used = left.min(needed);
        insert_use(conn, entry_id, source, used)?;
        needed -= used;
    }
    Ok(Satang(needed))
}

/// Gives back the credit that share purchase `purchase_id` used, now that
/// `reversal_id` reverses it: a refund entry of the conversion's amount,
/// returned to the deposit credits the conversion took it from. Does
/// nothing for a purchase that used no recorded credit.
pub(crate) fn refund_share_purchase(
    conn: &Connection,
    ctx: &Context,
    purchase_id: i64,
    reversal_id: i64,
) -> Result<()> {
    let conversion: Option<(i64, i64, NaiveDate, i64)> = conn
        .query_row(
            "SELECT id, member_id, date, amount_satang FROM plastic_credit_entries
             WHERE share_transaction_id = ?1 AND kind = 'conversion'",
            [purchase_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let Some((conversion_id, member_id, date, amount)) = conversion else {
        return Ok(());
    };
    let refund_id = insert_entry(
        conn,
        ctx,
        Entry {
            member_id,
            date,
            kind: EntryKind::Refund,
            amount: Satang(-amount),
            deposit_id: None,
            share_transaction_id: Some(reversal_id),
            note: Some("share purchase reversed"),
        },
    )?;
    let uses: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT source_entry_id, amount_satang FROM plastic_credit_uses WHERE entry_id = ?1",
        )?
        .query_map([conversion_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (source_id, used) in uses {
        insert_use(conn, refund_id, source_id, used)?;
    }
    Ok(())
}

/// Pays a member's credit out in cash on `date`: `amount`, or when `None`
/// all the credit available on the date. Returns the entry.
pub fn pay_out_credit(
    conn: &Connection,
    ctx: &Context,
    member_id: i64,
    date: NaiveDate,
    amount: Option<Satang>,
) -> Result<Payout> {
    let available = credit_available(conn, member_id, date)?;
    let amount = amount.unwrap_or(available);
    if amount.satang() <= 0 || amount > available {
        return Err(Error::rule(
            "credit_insufficient",
            format!(
                "the member has {available} baht of plastic credit on {}, so {amount} baht \
                 cannot be paid out",
                crate::thai::date::format_numeric(date)
            ),
        ));
    }
    let entry_id = insert_entry(
        conn,
        ctx,
        Entry {
            member_id,
            date,
            kind: EntryKind::Payout,
            amount: -amount,
            deposit_id: None,
            share_transaction_id: None,
            note: None,
        },
    )?;
    use_credit(conn, member_id, date, entry_id, amount)?;
    Ok(Payout {
        entry_id,
        amount,
        credit_left: available - amount,
    })
}

/// An entry to insert.
struct Entry<'a> {
    member_id: i64,
    date: NaiveDate,
    kind: EntryKind,
    amount: Satang,
    deposit_id: Option<i64>,
    share_transaction_id: Option<i64>,
    note: Option<&'a str>,
}

/// Inserts an entry, audited unless it is a deposit's credit, which the
/// deposit's own record covers.
fn insert_entry(conn: &Connection, ctx: &Context, entry: Entry<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO plastic_credit_entries (member_id, date, kind, amount_satang, deposit_id,
            share_transaction_id, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params![
        entry.member_id,
        entry.date,
        entry.kind.as_str(),
        entry.amount,
        entry.deposit_id,
        entry.share_transaction_id,
        entry.note,
        ctx.operator,
        ctx.timestamp(),
    ])?;
    let id = conn.last_insert_rowid();
    if entry.kind != EntryKind::Deposit {
        let values = json!({
            "member_id": entry.member_id,
            "date": entry.date,
            "kind": entry.kind.as_str(),
            "amount_satang": entry.amount,
            "share_transaction_id": entry.share_transaction_id,
        });
        audit::record(
            conn,
            ctx,
            Change::insert("plastic_credit_entries", id, &values),
        )?;
    }
    Ok(id)
}

/// The credit left of deposit credit `e`: its amount less what entries
/// took from it, plus what refunds gave back to it.
const CREDIT_LEFT: &str = "e.amount_satang - coalesce(
    (SELECT sum(CASE taker.kind WHEN 'refund' THEN -u.amount_satang ELSE u.amount_satang END)
     FROM plastic_credit_uses u JOIN plastic_credit_entries taker ON taker.id = u.entry_id
     WHERE u.source_entry_id = e.id), 0)";

/// Deposit credits of a member dated on or before `date` with credit left,
/// oldest first, with what is left of each.
fn open_sources(conn: &Connection, member_id: i64, date: NaiveDate) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, {CREDIT_LEFT}
         FROM plastic_credit_entries e
         WHERE e.member_id = ?1 AND e.kind = 'deposit' AND e.date <= ?2
         ORDER BY e.date, e.id"
    ))?;
    let rows = stmt.query_map((member_id, date), |row| Ok((row.get(0)?, row.get(1)?)))?;
    let mut sources = Vec::new();
    for row in rows {
        let (id, left): (i64, i64) = row?;
        if left > 0 {
            sources.push((id, left));
        }
    }
    Ok(sources)
}

/// Records which deposit credits entry `entry_id` used for `amount`, oldest
/// first.
fn use_credit(
    conn: &Connection,
    member_id: i64,
    date: NaiveDate,
    entry_id: i64,
    amount: Satang,
) -> Result<()> {
    let mut needed = amount.satang();
    for (source, left) in open_sources(conn, member_id, date)? {
        if needed == 0 {
            break;
        }
        let used = left.min(needed);
        insert_use(conn, entry_id, source, used)?;
        needed -= used;
    }
    if needed > 0 {
        return Err(Error::rule(
            "credit_insufficient",
            format!(
                "the member's plastic credit is {} baht short",
                Satang(needed)
            ),
        ));
    }
    Ok(())
}

fn insert_use(conn: &Connection, entry_id: i64, source_id: i64, amount: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO plastic_credit_uses (entry_id, source_entry_id, amount_satang)
         VALUES (?1, ?2, ?3)",
    )?
    .execute((entry_id, source_id, amount))?;
    Ok(())
}
