//! Reservations of an item for future dates, and the calendar check that
//! loans and reservations share: on no day may loans and reservations
//! together hold more pieces than the item has.
//!
//! An item out on loan now can be reserved for dates after its loan. An
//! open loan takes its pieces from its out date to its due date, or to
//! today when it is overdue, because an overdue item is still away.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::equipment::{get_item, Status};
use super::history::{self, EventKind, NewEvent};
use super::lending::{resolve_borrower, Borrower};
use super::stored::stored_enum;
use crate::audit::{self, Change};
use crate::thai::date::format_numeric;
use crate::{Context, Error, Result};

stored_enum! {
    /// State of a reservation.
    pub enum ReservationStatus {
        /// Holding its pieces for its dates.
        Active = "active",
        /// Cancelled before it was used.
        Cancelled = "cancelled",
        /// A loan was checked out for it.
        Fulfilled = "fulfilled",
    }
}

/// A reservation to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReservation {
    /// The item.
    pub item_id: i64,
    /// Pieces wanted.
    pub quantity: i64,
    /// The borrower.
    pub borrower: Borrower,
    /// First day of use.
    pub from: NaiveDate,
    /// Last day of use.
    pub to: NaiveDate,
    /// Free-text note, such as the event it is for.
    pub note: Option<String>,
}

/// A reservation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reservation {
    /// Row id.
    pub id: i64,
    /// The item.
    pub item_id: i64,
    /// The item's name.
    pub item_name: String,
    /// Pieces held.
    pub quantity: i64,
    /// Borrowing community.
    pub community_id: i64,
    /// Its name.
    pub community: String,
    /// Borrowing member, if a member borrows.
    pub member_id: Option<i64>,
    /// That member's number.
    pub member_no: Option<String>,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Its state.
    pub status: ReservationStatus,
    /// The loan that fulfilled it.
    pub loan_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

const RESERVATION_SELECT: &str = "SELECT r.id, r.item_id, i.name, r.quantity,
        r.borrower_community_id, c.name, r.borrower_member_id, m.member_no, r.from_date,
        r.to_date, r.status, r.loan_id, r.note
    FROM exchange_reservations r
    JOIN exchange_items i ON i.id = r.item_id
    JOIN communities c ON c.id = r.borrower_community_id
    LEFT JOIN members m ON m.id = r.borrower_member_id";

fn reservation_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Reservation> {
    Ok(Reservation {
        id: row.get(0)?,
        item_id: row.get(1)?,
        item_name: row.get(2)?,
        quantity: row.get(3)?,
        community_id: row.get(4)?,
        community: row.get(5)?,
        member_id: row.get(6)?,
        member_no: row.get(7)?,
        from: row.get(8)?,
        to: row.get(9)?,
        status: row.get(10)?,
        loan_id: row.get(11)?,
        note: row.get(12)?,
    })
}

/// Looks a reservation up by row id.
pub fn get_reservation(conn: &Connection, id: i64) -> Result<Reservation> {
    conn.prepare_cached(&format!("{RESERVATION_SELECT} WHERE r.id = ?1"))?
        .query_row([id], reservation_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "reservation",
            key: id.to_string(),
        })
}

/// Lists an item's reservations (every item's when `item_id` is `None`)
/// by first day; only active ones unless `all`.
pub fn list_reservations(
    conn: &Connection,
    item_id: Option<i64>,
    all: bool,
) -> Result<Vec<Reservation>> {
    let sql = format!(
        "{RESERVATION_SELECT}
         WHERE (?1 IS NULL OR r.item_id = ?1) AND (?2 OR r.status = 'active')
         ORDER BY r.from_date, r.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map((item_id, all), reservation_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reserves pieces of an item for future dates, also while the item is
/// out on loan, as long as its pieces are free on those dates.
///
/// Fails when the first day is before the context's date, the last day
/// before the first, the item is retired, the borrower is the owner
/// community itself, or loans and other reservations hold too many pieces
/// on some day (the rule `reservation_conflict`, naming them).
pub fn reserve(conn: &Connection, ctx: &Context, new: &NewReservation) -> Result<Reservation> {
    let item = get_item(conn, new.item_id)?;
    if new.from < ctx.today() {
        return Err(Error::rule(
            "reservation_in_past",
            format!(
                "a reservation is for future dates; {} is before today, {}",
                format_numeric(new.from),
                format_numeric(ctx.today())
            ),
        ));
    }
    check_dates(new.from, new.to)?;
    if item.status == Status::Retired {
        return Err(Error::rule(
            "item_retired",
            format!("{} is retired and can no longer be lent", item.name),
        ));
    }
    check_quantity(new.quantity, item.quantity, &item.name)?;
    let (community_id, member_id) = resolve_borrower(conn, &item, &new.borrower)?;
    let period = Period {
        from: new.from,
        to: new.to,
        quantity: new.quantity,
    };
    check_calendar(conn, &item, ctx.today(), &period, None)?;
    conn.execute(
        "INSERT INTO exchange_reservations (item_id, quantity, borrower_community_id,
            borrower_member_id, from_date, to_date, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            item.id,
            new.quantity,
            community_id,
            member_id,
            new.from,
            new.to,
            new.note,
            ctx.operator,
            ctx.timestamp(),
        ],
    )?;
    let reservation = get_reservation(conn, conn.last_insert_rowid())?;
    audit::record(
        conn,
        ctx,
        Change::insert("exchange_reservations", reservation.id, &reservation),
    )?;
    let event = NewEvent {
        community_id: Some(community_id),
        member_id,
        quantity: Some(new.quantity),
        reservation_id: Some(reservation.id),
        note: Some(format!(
            "{} – {}",
            format_numeric(new.from),
            format_numeric(new.to)
        )),
        ..NewEvent::new(item.id, new.from, EventKind::Reserved)
    };
    history::record(conn, ctx, &event)?;
    Ok(reservation)
}

/// Cancels an active reservation.
pub fn cancel_reservation(conn: &Connection, ctx: &Context, id: i64) -> Result<Reservation> {
    let reservation = get_reservation(conn, id)?;
    if reservation.status != ReservationStatus::Active {
        return Err(Error::rule(
            "reservation_not_active",
            format!(
                "reservation {id} is already {}",
                reservation.status.as_str()
            ),
        ));
    }
    let cancelled = set_status(conn, ctx, &reservation, ReservationStatus::Cancelled, None)?;
    let event = NewEvent {
        community_id: Some(reservation.community_id),
        reservation_id: Some(id),
        ..NewEvent::new(
            reservation.item_id,
            ctx.today(),
            EventKind::ReservationCancelled,
        )
    };
    history::record(conn, ctx, &event)?;
    Ok(cancelled)
}

/// Stores a reservation's new status, with the loan that fulfilled it.
pub(crate) fn set_status(
    conn: &Connection,
    ctx: &Context,
    reservation: &Reservation,
    status: ReservationStatus,
    loan_id: Option<i64>,
) -> Result<Reservation> {
    conn.execute(
        "UPDATE exchange_reservations SET status = ?2, loan_id = ?3 WHERE id = ?1",
        (reservation.id, status, loan_id),
    )?;
    let new = get_reservation(conn, reservation.id)?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "exchange_reservations",
            record_id: reservation.id.to_string(),
            old: serde_json::to_value(reservation).ok(),
            new: serde_json::to_value(&new).ok(),
        },
    )?;
    Ok(new)
}

/// Pieces wanted for a stretch of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub quantity: i64,
}

/// A loan or reservation that takes pieces of an item for some days.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Booking {
    what: &'static str,
    id: i64,
    holder: String,
    period: Period,
}

/// Fails with `reservation_conflict` when the item's open loans and
/// active reservations (but `except`) leave fewer than the wanted pieces
/// on some day of `wanted`.
pub(crate) fn check_calendar(
    conn: &Connection,
    item: &super::equipment::Item,
    today: NaiveDate,
    wanted: &Period,
    except: Option<i64>,
) -> Result<()> {
    let bookings = bookings(conn, item.id, today, except)?;
    let overlapping: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.period.from <= wanted.to && b.period.to >= wanted.from)
        .collect();
    let held = peak(&overlapping, wanted);
    if held + wanted.quantity <= item.quantity {
        return Ok(());
    }
    let names: Vec<String> = overlapping
        .iter()
        .map(|b| {
            format!(
                "{} {} for {} ({} pieces, {} – {})",
                b.what,
                b.id,
                b.holder,
                b.period.quantity,
                format_numeric(b.period.from),
                format_numeric(b.period.to)
            )
        })
        .collect();
    Err(Error::rule(
        "reservation_conflict",
        format!(
            "{} has {} pieces and {} of them are taken between {} and {} by {}; choose other \
             dates or fewer pieces",
            item.name,
            item.quantity,
            held,
            format_numeric(wanted.from),
            format_numeric(wanted.to),
            names.join(", ")
        ),
    ))
}

/// The most pieces the bookings hold on any one day of `wanted`. The
/// count only rises on a booking's first day, so those days (and the
/// first wanted day) are the only ones to check.
fn peak(bookings: &[&Booking], wanted: &Period) -> i64 {
    let mut days: Vec<NaiveDate> = bookings
        .iter()
        .map(|b| b.period.from)
        .filter(|day| *day > wanted.from && *day <= wanted.to)
        .collect();
    days.push(wanted.from);
    days.iter()
        .map(|day| {
            bookings
                .iter()
                .filter(|b| b.period.from <= *day && b.period.to >= *day)
                .map(|b| b.period.quantity)
                .sum::<i64>()
        })
        .max()
        .unwrap_or(0)
}

fn bookings(
    conn: &Connection,
    item_id: i64,
    today: NaiveDate,
    except: Option<i64>,
) -> Result<Vec<Booking>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'loan', l.id, c.name, l.quantity, l.out_date, max(l.due_date, ?2)
         FROM exchange_loans l JOIN communities c ON c.id = l.borrower_community_id
         WHERE l.item_id = ?1 AND l.returned_date IS NULL
         UNION ALL
         SELECT 'reservation', r.id, c.name, r.quantity, r.from_date, r.to_date
         FROM exchange_reservations r JOIN communities c ON c.id = r.borrower_community_id
         WHERE r.item_id = ?1 AND r.status = 'active' AND r.id IS NOT ?3",
    )?;
    let rows = stmt.query_map((item_id, today, except), |row| {
        let what: String = row.get(0)?;
        Ok(Booking {
            what: if what == "loan" {
                "loan"
            } else {
                "reservation"
            },
            id: row.get(1)?,
            holder: row.get(2)?,
            period: Period {
                quantity: row.get(3)?,
                from: row.get(4)?,
                to: row.get(5)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Fails when the last day is before the first.
pub(crate) fn check_dates(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::rule(
            "dates_reversed",
            format!(
                "the last day {} is before the first day {}",
                format_numeric(to),
                format_numeric(from)
            ),
        ));
    }
    Ok(())
}

/// Fails when the pieces wanted are below 1 or more than the item has.
pub(crate) fn check_quantity(wanted: i64, has: i64, name: &str) -> Result<()> {
    if wanted < 1 || wanted > has {
        return Err(Error::rule(
            "quantity_out_of_range",
            format!("{name} has {has} pieces; ask for 1 to {has}, not {wanted}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::date;

    fn booking(from: NaiveDate, to: NaiveDate, quantity: i64) -> Booking {
        Booking {
            what: "loan",
            id: 1,
            holder: "บ่อยาง".into(),
            period: Period { from, to, quantity },
        }
    }

    #[test]
    fn peak_counts_overlap_on_later_start() {
        let a = booking(date(2025, 2, 1), date(2025, 2, 10), 2);
        let b = booking(date(2025, 2, 5), date(2025, 2, 6), 3);
        let c = booking(date(2025, 2, 8), date(2025, 2, 9), 1);
        let wanted = Period {
            from: date(2025, 2, 3),
            to: date(2025, 2, 9),
            quantity: 1,
        };

        let held = peak(&[&a, &b, &c], &wanted);

        assert_eq!(held, 5, "a and b overlap on 5 February");
    }

    #[test]
    fn peak_of_no_bookings_is_zero() {
        let wanted = Period {
            from: date(2025, 2, 3),
            to: date(2025, 2, 9),
            quantity: 1,
        };

        assert_eq!(peak(&[], &wanted), 0, "nothing holds any piece");
    }
}
