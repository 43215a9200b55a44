//! Each item's history: registered, edited, status changes, loans out and
//! back, reservations, transfers and photos, oldest first. The events are
//! append-only and written by the functions that make the changes; the
//! audit log keeps the full before-and-after values besides.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::equipment::Status;
use super::stored::stored_enum;
use crate::{Context, Result};

stored_enum! {
    /// Kind of event in an item's history.
    pub enum EventKind {
        /// Added to a register.
        Registered = "registered",
        /// Details edited.
        Updated = "updated",
        /// Status changed.
        Status = "status",
        /// Lent out.
        CheckedOut = "checked_out",
        /// Returned from a loan.
        CheckedIn = "checked_in",
        /// Reserved for future dates.
        Reserved = "reserved",
        /// A reservation was cancelled.
        ReservationCancelled = "reservation_cancelled",
        /// Given or sold to another community.
        TransferredOut = "transferred_out",
        /// Received from another community.
        TransferredIn = "transferred_in",
        /// A transfer was reversed.
        TransferReversed = "transfer_reversed",
        /// A photo was added.
        PhotoAdded = "photo_added",
        /// A photo was removed.
        PhotoRemoved = "photo_removed",
    }
}

/// One event in an item's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Row id.
    pub id: i64,
    /// The item.
    pub item_id: i64,
    /// Date the event took effect, such as a loan's out date.
    pub date: NaiveDate,
    /// Kind of event.
    pub kind: EventKind,
    /// The status set, for registrations and status changes.
    pub status: Option<Status>,
    /// The missing part, with a part-missing status.
    pub missing: Option<String>,
    /// The other community: borrower, receiver or sender.
    pub community_id: Option<i64>,
    /// The other community's name.
    pub community: Option<String>,
    /// The borrowing member's number.
    pub member_no: Option<String>,
    /// Pieces involved.
    pub quantity: Option<i64>,
    /// The loan involved.
    pub loan_id: Option<i64>,
    /// The reservation involved.
    pub reservation_id: Option<i64>,
    /// The transfer involved.
    pub transfer_id: Option<i64>,
    /// Note, such as the condition at a return.
    pub note: Option<String>,
    /// Operator who recorded it.
    pub operator: String,
    /// Local date and time it was recorded.
    pub recorded_at: String,
}

/// An event to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewEvent {
    pub item_id: i64,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub status: Option<Status>,
    pub missing: Option<String>,
    pub community_id: Option<i64>,
    pub member_id: Option<i64>,
    pub quantity: Option<i64>,
    pub loan_id: Option<i64>,
    pub reservation_id: Option<i64>,
    pub transfer_id: Option<i64>,
    pub note: Option<String>,
}

impl NewEvent {
    /// An event of `kind` on `date` with nothing else filled in.
    pub(crate) fn new(item_id: i64, date: NaiveDate, kind: EventKind) -> NewEvent {
        NewEvent {
            item_id,
            date,
            kind,
            status: None,
            missing: None,
            community_id: None,
            member_id: None,
            quantity: None,
            loan_id: None,
            reservation_id: None,
            transfer_id: None,
            note: None,
        }
    }
}

/// Appends an event to an item's history.
pub(crate) fn record(conn: &Connection, ctx: &Context, event: &NewEvent) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO exchange_item_events (item_id, date, kind, status, missing, community_id,
            member_id, quantity, loan_id, reservation_id, transfer_id, note, operator,
            created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(rusqlite::params![
        event.item_id,
        event.date,
        event.kind,
        event.status,
        event.missing,
        event.community_id,
        event.member_id,
        event.quantity,
        event.loan_id,
        event.reservation_id,
        event.transfer_id,
        event.note,
        ctx.operator,
        ctx.timestamp(),
    ])?;
    Ok(())
}

/// Lists an item's history in the order it was recorded.
pub fn item_history(conn: &Connection, item_id: i64) -> Result<Vec<Event>> {
    super::equipment::get_item(conn, item_id)?;
    let mut stmt = conn.prepare(
        "SELECT e.id, e.item_id, e.date, e.kind, e.status, e.missing, e.community_id, c.name,
                m.member_no, e.quantity, e.loan_id, e.reservation_id, e.transfer_id, e.note,
                e.operator, e.created_at
         FROM exchange_item_events e
         LEFT JOIN communities c ON c.id = e.community_id
         LEFT JOIN members m ON m.id = e.member_id
         WHERE e.item_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt.query_map([item_id], |row| {
        Ok(Event {
            id: row.get(0)?,
            item_id: row.get(1)?,
            date: row.get(2)?,
            kind: row.get(3)?,
            status: row.get(4)?,
            missing: row.get(5)?,
            community_id: row.get(6)?,
            community: row.get(7)?,
            member_no: row.get(8)?,
            quantity: row.get(9)?,
            loan_id: row.get(10)?,
            reservation_id: row.get(11)?,
            transfer_id: row.get(12)?,
            note: row.get(13)?,
            operator: row.get(14)?,
            recorded_at: row.get(15)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
