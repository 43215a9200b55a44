//! Transfers and sales of equipment between communities. A transfer of a
//! whole entry moves it to the receiving register, keeping its history; a
//! transfer of part of a stock takes pieces off the giver's entry and adds
//! a new entry to the receiver's. A price makes it a sale, whose money is
//! recorded for the journal.
//!
//! Transfers are append-only. A reversal moves the pieces back, retires
//! the receiver's new entry of a partial transfer, and reverses the price.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::equipment::{self, get_item, insert_item, Item, ItemDetails, NewItem, Status, Tracking};
use super::history::{self, EventKind, NewEvent};
use super::money::{self, MoneyKind, NewMovement};
use super::reservations::list_reservations;
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

/// A transfer to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTransfer {
    /// The item given or sold.
    pub item_id: i64,
    /// The receiving community.
    pub to_community_id: i64,
    /// Pieces; `None` moves the whole entry.
    pub quantity: Option<i64>,
    /// Date of the transfer.
    pub date: NaiveDate,
    /// Price the receiver pays; zero for a gift.
    pub price: Satang,
    /// Free-text note.
    pub note: Option<String>,
}

/// A transfer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transfer {
    /// Row id.
    pub id: i64,
    /// The giver's entry.
    pub item_id: i64,
    /// The receiver's entry: the same entry when all of it moved.
    pub to_item_id: i64,
    /// The item's name.
    pub item_name: String,
    /// Giving community.
    pub from_community_id: i64,
    /// Its name.
    pub from_community: String,
    /// Receiving community.
    pub to_community_id: i64,
    /// Its name.
    pub to_community: String,
    /// Pieces moved.
    pub quantity: i64,
    /// Date.
    pub date: NaiveDate,
    /// Price paid; zero for a gift.
    pub price: Satang,
    /// The match it carried out.
    pub match_id: Option<i64>,
    /// The transfer this one reverses.
    pub reverses_id: Option<i64>,
    /// The transfer that reverses this one.
    pub reversed_by: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

const TRANSFER_SELECT: &str = "SELECT t.id, t.item_id, t.to_item_id, i.name,
        t.from_community_id, fc.name, t.to_community_id, tc.name, t.quantity, t.date,
        t.price_satang, t.match_id, t.reverses_id,
        (SELECT r.id FROM exchange_transfers r WHERE r.reverses_id = t.id), t.note
    FROM exchange_transfers t
    JOIN exchange_items i ON i.id = t.item_id
    JOIN communities fc ON fc.id = t.from_community_id
    JOIN communities tc ON tc.id = t.to_community_id";

fn transfer_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Transfer> {
    Ok(Transfer {
        id: row.get(0)?,
        item_id: row.get(1)?,
        to_item_id: row.get(2)?,
        item_name: row.get(3)?,
        from_community_id: row.get(4)?,
        from_community: row.get(5)?,
        to_community_id: row.get(6)?,
        to_community: row.get(7)?,
        quantity: row.get(8)?,
        date: row.get(9)?,
        price: Satang(row.get(10)?),
        match_id: row.get(11)?,
        reverses_id: row.get(12)?,
        reversed_by: row.get(13)?,
        note: row.get(14)?,
    })
}

/// Looks a transfer up by row id.
pub fn get_transfer(conn: &Connection, id: i64) -> Result<Transfer> {
    conn.prepare_cached(&format!("{TRANSFER_SELECT} WHERE t.id = ?1"))?
        .query_row([id], transfer_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "transfer",
            key: id.to_string(),
        })
}

/// Lists transfers a community gave or received (every transfer when
/// `community_id` is `None`), by date.
pub fn list_transfers(conn: &Connection, community_id: Option<i64>) -> Result<Vec<Transfer>> {
    let sql = format!(
        "{TRANSFER_SELECT}
         WHERE ?1 IS NULL OR t.from_community_id = ?1 OR t.to_community_id = ?1
         ORDER BY t.date, t.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([community_id], transfer_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Gives or sells an item, or some pieces of a stock, to another
/// community. Returns the transfer; its `to_item_id` is the entry in the
/// receiver's register.
///
/// Fails when the item is retired, the receiver is the owner, the pieces
/// are more than those not out on loan, the price is negative, or the
/// item has active reservations that the pieces left behind could not
/// serve (a whole entry cannot move with any).
pub fn transfer(conn: &Connection, ctx: &Context, new: &NewTransfer) -> Result<Transfer> {
    transfer_for_match(conn, ctx, new, None)
}

/// Records a transfer that carries out a match.
pub(crate) fn transfer_for_match(
    conn: &Connection,
    ctx: &Context,
    new: &NewTransfer,
    match_id: Option<i64>,
) -> Result<Transfer> {
    let item = get_item(conn, new.item_id)?;
    let quantity = new.quantity.unwrap_or(item.quantity);
    check_transfer(conn, ctx, &item, new, quantity)?;
    let whole = quantity == item.quantity;
    let received = if whole {
        let moved = equipment::set_owner(conn, ctx, &item, new.to_community_id)?;
        move_automatic_need(conn, ctx, &item, &moved)?;
        moved
    } else {
        equipment::set_quantity(conn, ctx, &item, item.quantity - quantity)?;
        insert_item(
            conn,
            ctx,
            &split_item(&item, new.to_community_id, quantity),
            None,
        )?
    };
    let id = insert_transfer(conn, ctx, new, &item, received.id, quantity, match_id)?;
    let transfer = get_transfer(conn, id)?;
    audit::record(
        conn,
        ctx,
        Change::insert("exchange_transfers", id, &transfer),
    )?;
    record_events(
        conn,
        ctx,
        &transfer,
        EventKind::TransferredOut,
        EventKind::TransferredIn,
    )?;
    let sale = NewMovement {
        source_key: format!("exchange:transfer:{id}:sale"),
        kind: MoneyKind::Sale,
        date: new.date,
        amount: new.price,
        from: (new.to_community_id, None),
        to: (item.community_id, None),
        loan_id: None,
        transfer_id: Some(id),
        note: None,
    };
    money::record(conn, ctx, &sale)?;
    Ok(transfer)
}

fn check_transfer(
    conn: &Connection,
    ctx: &Context,
    item: &Item,
    new: &NewTransfer,
    quantity: i64,
) -> Result<()> {
    if item.status == Status::Retired {
        return Err(Error::rule(
            "item_retired",
            format!(
                "{} is retired and can no longer be given or sold",
                item.name
            ),
        ));
    }
    crate::members::get_community(conn, new.to_community_id)?;
    if new.to_community_id == item.community_id {
        return Err(Error::rule(
            "transfer_to_owner",
            format!("{} already belongs to {}", item.name, item.community),
        ));
    }
    let free = item.quantity - item.on_loan;
    if quantity < 1 || quantity > free {
        return Err(Error::rule(
            "not_enough_pieces",
            format!(
                "{} has {free} of {} pieces here (the rest are out on loan); transfer 1 to \
                 {free}, not {quantity}",
                item.name, item.quantity
            ),
        ));
    }
    if new.price.is_negative() {
        return Err(Error::rule(
            "amount_negative",
            format!("the price cannot be negative ({})", new.price),
        ));
    }
    check_reservations(conn, ctx, item, quantity)
}

/// Fails when the pieces left after the transfer cannot serve the item's
/// active reservations.
fn check_reservations(conn: &Connection, ctx: &Context, item: &Item, quantity: i64) -> Result<()> {
    let reserved = list_reservations(conn, Some(item.id), false)?;
    if reserved.is_empty() {
        return Ok(());
    }
    if quantity == item.quantity {
        return Err(Error::rule(
            "item_reserved",
            format!(
                "{} is reserved ({} reservations); cancel them before giving it away",
                item.name,
                reserved.len()
            ),
        ));
    }
    let left = Item {
        quantity: item.quantity - quantity,
        ..item.clone()
    };
    let last = reserved.iter().map(|r| r.to).max().unwrap_or(ctx.today());
    let everything = super::reservations::Period {
        from: ctx.today(),
        to: last.max(ctx.today()),
        quantity: 0,
    };
    super::reservations::check_calendar(conn, &left, ctx.today(), &everything, None)
}

/// The receiver's new entry for pieces split off a stock.
fn split_item(item: &Item, community_id: i64, quantity: i64) -> NewItem {
    NewItem {
        community_id,
        details: ItemDetails {
            code: None,
            name: item.name.clone(),
            category: Some(item.category),
            tracking: Tracking::Stock,
            quantity,
            condition: item.condition.clone(),
            location: None,
            unit_value: item.unit_value,
            acquired: item.acquired,
            note: None,
        },
        status: match item.status {
            Status::Lent => Status::Available,
            status => status,
        },
        missing: item.missing.clone(),
    }
}

/// Moves an item's automatic need to its new owner with the item.
fn move_automatic_need(conn: &Connection, ctx: &Context, old: &Item, moved: &Item) -> Result<()> {
    if old.status == Status::PartMissing {
        super::posts::close_automatic_need(conn, ctx, old.id)?;
        super::posts::raise_automatic_need(conn, ctx, moved)?;
    }
    Ok(())
}

fn insert_transfer(
    conn: &Connection,
    ctx: &Context,
    new: &NewTransfer,
    item: &Item,
    to_item_id: i64,
    quantity: i64,
    match_id: Option<i64>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO exchange_transfers (item_id, to_item_id, from_community_id,
            to_community_id, quantity, date, price_satang, match_id, note, operator,
            created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            item.id,
            to_item_id,
            item.community_id,
            new.to_community_id,
            quantity,
            new.date,
            new.price.satang(),
            match_id,
            new.note,
            ctx.operator,
            ctx.timestamp(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn record_events(
    conn: &Connection,
    ctx: &Context,
    transfer: &Transfer,
    giver: EventKind,
    receiver: EventKind,
) -> Result<()> {
    let out = NewEvent {
        community_id: Some(transfer.to_community_id),
        quantity: Some(transfer.quantity),
        transfer_id: Some(transfer.id),
        note: (transfer.price != Satang::ZERO).then(|| format!("price {}", transfer.price)),
        ..NewEvent::new(transfer.item_id, transfer.date, giver)
    };
    history::record(conn, ctx, &out)?;
    if transfer.item_id == transfer.to_item_id && giver == receiver {
        return Ok(());
    }
    let incoming = NewEvent {
        item_id: transfer.to_item_id,
        community_id: Some(transfer.from_community_id),
        kind: receiver,
        ..out
    };
    history::record(conn, ctx, &incoming)
}

/// Reverses a transfer recorded by mistake: the pieces go back to the
/// giver, the receiver's new entry of a partial transfer is retired, and
/// the price is reversed. Returns the reversal.
///
/// Fails when the transfer is a reversal or already reversed, or when the
/// receiver no longer has all the pieces (lent, given on, or changed).
pub fn reverse_transfer(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    date: NaiveDate,
    note: &str,
) -> Result<Transfer> {
    let original = get_transfer(conn, id)?;
    if original.reverses_id.is_some() || original.reversed_by.is_some() {
        return Err(Error::rule(
            "already_reversed",
            format!("transfer {id} is a reversal or is already reversed"),
        ));
    }
    let received = get_item(conn, original.to_item_id)?;
    let intact = received.community_id == original.to_community_id
        && received.on_loan == 0
        && received.status != Status::Retired
        && (original.item_id == original.to_item_id || received.quantity == original.quantity);
    if !intact {
        return Err(Error::rule(
            "transfer_superseded",
            format!(
                "{} has been lent, given on or changed by {} since the transfer; undo that first",
                received.name, original.to_community
            ),
        ));
    }
    if original.item_id == original.to_item_id {
        let back = equipment::set_owner(conn, ctx, &received, original.from_community_id)?;
        move_automatic_need(conn, ctx, &received, &back)?;
    } else {
        let source = get_item(conn, original.item_id)?;
        equipment::set_quantity(conn, ctx, &source, source.quantity + original.quantity)?;
        let note = format!("transfer {id} reversed");
        let note = Some(note.as_str());
        equipment::change_status(conn, ctx, &received, Status::Retired, None, date, note)?;
    }
    let reversal_id = insert_reversal(conn, ctx, &original, date, note)?;
    let reversal = get_transfer(conn, reversal_id)?;
    audit::record(
        conn,
        ctx,
        Change::insert("exchange_transfers", reversal_id, &reversal),
    )?;
    let kind = EventKind::TransferReversed;
    let flipped = Transfer {
        id: reversal.id,
        date: reversal.date,
        ..original
    };
    record_events(conn, ctx, &flipped, kind, kind)?;
    money::reverse_transfer_movements(conn, ctx, id, date)?;
    Ok(reversal)
}

fn insert_reversal(
    conn: &Connection,
    ctx: &Context,
    original: &Transfer,
    date: NaiveDate,
    note: &str,
) -> Result<i64> {
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    conn.execute(
        "INSERT INTO exchange_transfers (item_id, to_item_id, from_community_id,
            to_community_id, quantity, date, price_satang, match_id, reverses_id, note,
            operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        rusqlite::params![
            original.item_id,
            original.to_item_id,
            original.to_community_id,
            original.from_community_id,
            original.quantity,
            date,
            original.price.satang(),
            original.match_id,
            original.id,
            note,
            ctx.operator,
            ctx.timestamp(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}
