//! Lending: checking an item out to another community or to a member,
//! with a due date, a deposit and a fee; checking it back in with its
//! condition; and the overdue list as of a date the caller gives.
//!
//! The deposit and fee are recorded as money movements when the item goes
//! out; at the return the deposit is refunded, or part of it kept (for
//! damage), as further movements. A loan that carried out a match for an
//! item's missing part gives the part back at its return, so the item is
//! part missing again.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::equipment::{self, get_item, Item, Status};
use super::history::{self, EventKind, NewEvent};
use super::money::{self, MoneyKind, NewMovement};
use super::reservations::{self, check_calendar, check_dates, Period, ReservationStatus};
use crate::audit::{self, Change};
use crate::thai::date::format_numeric;
use crate::{Context, Error, Result, Satang};

/// Borrower of a loan or reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Borrower {
    /// Another community, by row id.
    Community(i64),
    /// A member of any community, by row id.
    Member(i64),
}

/// Returns the borrowing community and member, and fails when a
/// community would borrow its own item.
pub(crate) fn resolve_borrower(
    conn: &Connection,
    item: &Item,
    borrower: &Borrower,
) -> Result<(i64, Option<i64>)> {
    match *borrower {
        Borrower::Member(member_id) => {
            let member = crate::members::get_by_id(conn, member_id)?;
            Ok((member.details.community_id, Some(member_id)))
        }
        Borrower::Community(community_id) => {
            crate::members::get_community(conn, community_id)?;
            if community_id == item.community_id {
                return Err(Error::rule(
                    "loan_to_owner",
                    format!(
                        "{} already belongs to {}; lend it to another community or to a member",
                        item.name, item.community
                    ),
                ));
            }
            Ok((community_id, None))
        }
    }
}

/// A loan to check out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLoan {
    /// The item.
    pub item_id: i64,
    /// Pieces lent; 1 for a unit.
    pub quantity: i64,
    /// The borrower.
    pub borrower: Borrower,
    /// Date it goes out.
    pub out_date: NaiveDate,
    /// Date it is due back.
    pub due_date: NaiveDate,
    /// Deposit the borrower leaves.
    pub deposit: Satang,
    /// Fee the borrower pays.
    pub fee: Satang,
    /// Condition when it goes out.
    pub condition: Option<String>,
    /// The reservation this loan fulfils, which must be the borrower's.
    pub reservation_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

/// A return to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Return {
    /// Date it came back.
    pub date: NaiveDate,
    /// Condition as staff found it.
    pub condition: Option<String>,
    /// Status it returns to: available, under repair, part missing or
    /// retired.
    pub status: Status,
    /// Missing part, with [`Status::PartMissing`].
    pub missing: Option<String>,
    /// Deposit given back; `None` gives back all of it. The rest is kept.
    pub refund: Option<Satang>,
}

impl Return {
    /// A return in good order on `date` with the whole deposit refunded.
    pub fn in_good_order(date: NaiveDate) -> Return {
        Return {
            date,
            condition: None,
            status: Status::Available,
            missing: None,
            refund: None,
        }
    }
}

/// A loan as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loan {
    /// Row id.
    pub id: i64,
    /// The item.
    pub item_id: i64,
    /// The item's name.
    pub item_name: String,
    /// Pieces lent.
    pub quantity: i64,
    /// The owner when it went out.
    pub owner_community_id: i64,
    /// The owner's name.
    pub owner_community: String,
    /// Borrowing community (a borrowing member's own community).
    pub borrower_community_id: i64,
    /// Its name.
    pub borrower_community: String,
    /// Borrowing member.
    pub borrower_member_id: Option<i64>,
    /// That member's number.
    pub borrower_member_no: Option<String>,
    /// That member's name.
    pub borrower_member_name: Option<String>,
    /// Date it went out.
    pub out_date: NaiveDate,
    /// Date it is due back.
    pub due_date: NaiveDate,
    /// Deposit left.
    pub deposit: Satang,
    /// Fee paid.
    pub fee: Satang,
    /// Condition when it went out.
    pub condition_out: Option<String>,
    /// Date it came back; `None` while out.
    pub returned_date: Option<NaiveDate>,
    /// Condition when it came back.
    pub condition_in: Option<String>,
    /// The reservation it fulfilled.
    pub reservation_id: Option<i64>,
    /// The match it carried out.
    pub match_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

impl Loan {
    /// Whether the item is still out.
    pub fn is_open(&self) -> bool {
        self.returned_date.is_none()
    }

    /// Days past the due date on `as_of`, 0 when not overdue or returned.
    pub fn days_overdue(&self, as_of: NaiveDate) -> i64 {
        match self.returned_date {
            None if as_of > self.due_date => (as_of - self.due_date).num_days(),
            _ => 0,
        }
    }

    /// The borrower as shown: the member's number and name, or the
    /// community's name.
    pub fn borrower_label(&self) -> String {
        match (&self.borrower_member_no, &self.borrower_member_name) {
            (Some(no), Some(name)) => format!("{no} {name} ({})", self.borrower_community),
            _ => self.borrower_community.clone(),
        }
    }
}

const LOAN_SELECT: &str = "SELECT l.id, l.item_id, i.name, l.quantity, l.owner_community_id,
        oc.name, l.borrower_community_id, bc.name, l.borrower_member_id, m.member_no,
        CASE WHEN m.id IS NULL THEN NULL
             ELSE trim(m.title || m.first_name || ' ' || m.last_name) END,
        l.out_date, l.due_date, l.deposit_satang, l.fee_satang, l.condition_out,
        l.returned_date, l.condition_in, l.reservation_id, l.match_id, l.note
    FROM exchange_loans l
    JOIN exchange_items i ON i.id = l.item_id
    JOIN communities oc ON oc.id = l.owner_community_id
    JOIN communities bc ON bc.id = l.borrower_community_id
    LEFT JOIN members m ON m.id = l.borrower_member_id";

fn loan_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Loan> {
    Ok(Loan {
        id: row.get(0)?,
        item_id: row.get(1)?,
        item_name: row.get(2)?,
        quantity: row.get(3)?,
        owner_community_id: row.get(4)?,
        owner_community: row.get(5)?,
        borrower_community_id: row.get(6)?,
        borrower_community: row.get(7)?,
        borrower_member_id: row.get(8)?,
        borrower_member_no: row.get(9)?,
        borrower_member_name: row.get(10)?,
        out_date: row.get(11)?,
        due_date: row.get(12)?,
        deposit: Satang(row.get(13)?),
        fee: Satang(row.get(14)?),
        condition_out: row.get(15)?,
        returned_date: row.get(16)?,
        condition_in: row.get(17)?,
        reservation_id: row.get(18)?,
        match_id: row.get(19)?,
        note: row.get(20)?,
    })
}

/// Looks a loan up by row id.
pub fn get_loan(conn: &Connection, id: i64) -> Result<Loan> {
    conn.prepare_cached(&format!("{LOAN_SELECT} WHERE l.id = ?1"))?
        .query_row([id], loan_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "loan",
            key: id.to_string(),
        })
}

/// Filter of [`list_loans`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct LoanFilter {
    /// Only loans of this item.
    pub item_id: Option<i64>,
    /// Only loans this community lent or borrowed.
    pub community_id: Option<i64>,
    /// Only loans out on this date: gone out on or before it and not back
    /// before it.
    pub out_on: Option<NaiveDate>,
    /// Only loans not returned yet.
    pub open_only: bool,
}

/// Lists loans by out date.
pub fn list_loans(conn: &Connection, filter: &LoanFilter) -> Result<Vec<Loan>> {
    let sql = format!(
        "{LOAN_SELECT}
         WHERE (?1 IS NULL OR l.item_id = ?1)
           AND (?2 IS NULL OR l.owner_community_id = ?2 OR l.borrower_community_id = ?2)
           AND (?3 IS NULL OR (l.out_date <= ?3
                               AND (l.returned_date IS NULL OR l.returned_date > ?3)))
           AND (NOT ?4 OR l.returned_date IS NULL)
         ORDER BY l.out_date, l.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        (
            filter.item_id,
            filter.community_id,
            filter.out_on,
            filter.open_only,
        ),
        loan_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Loans still out whose due date is before `as_of`, most overdue first.
/// The caller gives the date, because the core never reads the clock.
pub fn overdue(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Loan>> {
    let sql = format!(
        "{LOAN_SELECT} WHERE l.returned_date IS NULL AND l.due_date < ?1
         ORDER BY l.due_date, l.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([as_of], loan_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks an item out: records the loan, its deposit and fee as money
/// movements, and the event in the item's history. The item becomes lent
/// when no piece is left.
///
/// Fails when the item is not available (under repair, part missing,
/// retired) or has fewer free pieces than asked; when the due date is
/// before the out date; when a community would borrow its own item; when
/// a reservation of someone else takes the pieces in that time
/// (`reservation_conflict`); and when the given reservation is not the
/// borrower's active reservation of this item.
pub fn check_out(conn: &Connection, ctx: &Context, new: &NewLoan) -> Result<Loan> {
    let item = get_item(conn, new.item_id)?;
    check_lendable(&item, new.quantity)?;
    check_dates(new.out_date, new.due_date)?;
    check_money(new.deposit, "deposit")?;
    check_money(new.fee, "fee")?;
    let (community_id, member_id) = resolve_borrower(conn, &item, &new.borrower)?;
    let reservation = match new.reservation_id {
        Some(id) => Some(reservation_for(conn, id, &item, community_id, member_id)?),
        None => None,
    };
    let period = Period {
        from: new.out_date,
        to: new.due_date,
        quantity: new.quantity,
    };
    check_calendar(conn, &item, ctx.today(), &period, new.reservation_id)?;
    let loan_id = insert_loan(conn, ctx, new, &item, community_id, member_id)?;
    if let Some(reservation) = reservation {
        reservations::set_status(
            conn,
            ctx,
            &reservation,
            ReservationStatus::Fulfilled,
            Some(loan_id),
        )?;
    }
    let loan = get_loan(conn, loan_id)?;
    audit::record(conn, ctx, Change::insert("exchange_loans", loan_id, &loan))?;
    record_checkout_money(conn, ctx, &loan)?;
    let event = NewEvent {
        community_id: Some(community_id),
        member_id,
        quantity: Some(new.quantity),
        loan_id: Some(loan_id),
        note: Some(format!("due {}", format_numeric(new.due_date))),
        ..NewEvent::new(item.id, new.out_date, EventKind::CheckedOut)
    };
    history::record(conn, ctx, &event)?;
    equipment::refresh_lent(conn, ctx, get_item(conn, item.id)?, new.out_date)?;
    Ok(loan)
}

/// Links a loan to the match it carries out, with the audit record.
pub(crate) fn set_match(
    conn: &Connection,
    ctx: &Context,
    loan_id: i64,
    match_id: i64,
) -> Result<()> {
    conn.execute(
        "UPDATE exchange_loans SET match_id = ?2 WHERE id = ?1",
        (loan_id, match_id),
    )?;
    let change = Change {
        table: "exchange_loans",
        record_id: loan_id.to_string(),
        old: Some(serde_json::json!({ "match_id": null })),
        new: Some(serde_json::json!({ "match_id": match_id })),
    };
    audit::record(conn, ctx, change)
}

fn check_lendable(item: &Item, quantity: i64) -> Result<()> {
    if !matches!(item.status, Status::Available | Status::Lent) {
        return Err(Error::rule(
            "item_not_available",
            format!(
                "{} is {} and cannot be lent; set it available first",
                item.name,
                item.status.as_str().replace('_', " ")
            ),
        ));
    }
    if quantity < 1 || quantity > item.lendable() {
        return Err(Error::rule(
            "not_enough_pieces",
            format!(
                "{} has {} of {} pieces free now; lend 1 to {}, not {quantity}",
                item.name,
                item.lendable(),
                item.quantity,
                item.lendable()
            ),
        ));
    }
    Ok(())
}

fn check_money(amount: Satang, what: &str) -> Result<()> {
    if amount.is_negative() {
        return Err(Error::rule(
            "amount_negative",
            format!("the {what} cannot be negative ({amount})"),
        ));
    }
    Ok(())
}

fn reservation_for(
    conn: &Connection,
    id: i64,
    item: &Item,
    community_id: i64,
    member_id: Option<i64>,
) -> Result<reservations::Reservation> {
    let reservation = reservations::get_reservation(conn, id)?;
    let matches = reservation.item_id == item.id
        && reservation.status == ReservationStatus::Active
        && reservation.community_id == community_id
        && reservation.member_id == member_id;
    if !matches {
        return Err(Error::rule(
            "reservation_mismatch",
            format!(
                "reservation {id} is not an active reservation of {} by this borrower",
                item.name
            ),
        ));
    }
    Ok(reservation)
}

fn insert_loan(
    conn: &Connection,
    ctx: &Context,
    new: &NewLoan,
    item: &Item,
    community_id: i64,
    member_id: Option<i64>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO exchange_loans (item_id, quantity, owner_community_id,
            borrower_community_id, borrower_member_id, out_date, due_date, deposit_satang,
            fee_satang, condition_out, reservation_id, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        rusqlite::params![
            item.id,
            new.quantity,
            item.community_id,
            community_id,
            member_id,
            new.out_date,
            new.due_date,
            new.deposit.satang(),
            new.fee.satang(),
            new.condition.as_deref().or(item.condition.as_deref()),
            new.reservation_id,
            new.note,
            ctx.operator,
            ctx.timestamp(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn record_checkout_money(conn: &Connection, ctx: &Context, loan: &Loan) -> Result<()> {
    let borrower = (loan.borrower_community_id, loan.borrower_member_id);
    let owner = (loan.owner_community_id, None);
    for (kind, amount, suffix) in [
        (MoneyKind::LoanDeposit, loan.deposit, "deposit"),
        (MoneyKind::LoanFee, loan.fee, "fee"),
    ] {
        let movement = NewMovement {
            source_key: format!("exchange:loan:{}:{suffix}", loan.id),
            kind,
            date: loan.out_date,
            amount,
            from: borrower,
            to: owner,
            loan_id: Some(loan.id),
            transfer_id: None,
            note: None,
        };
        money::record(conn, ctx, &movement)?;
    }
    Ok(())
}

/// Checks a loan back in: records the date and condition, refunds the
/// deposit (or the part given in [`Return::refund`], keeping the rest),
/// and sets the item's status. An item that comes back available is lent
/// again only while other loans still hold every piece; any other status
/// applies to the whole item.
///
/// Fails when the loan is already back, the return date is before the
/// out date, the status is `lent`, a part-missing return names no part,
/// or the refund is more than the deposit.
pub fn check_in(conn: &Connection, ctx: &Context, loan_id: i64, back: &Return) -> Result<Loan> {
    let loan = get_loan(conn, loan_id)?;
    check_return(&loan, back)?;
    let refund = back.refund.unwrap_or(loan.deposit);
    conn.execute(
        "UPDATE exchange_loans SET returned_date = ?2, condition_in = ?3, returned_by = ?4,
             returned_at = ?5
         WHERE id = ?1",
        (
            loan_id,
            back.date,
            &back.condition,
            &ctx.operator,
            ctx.timestamp(),
        ),
    )?;
    let returned = get_loan(conn, loan_id)?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "exchange_loans",
            record_id: loan_id.to_string(),
            old: serde_json::to_value(&loan).ok(),
            new: serde_json::to_value(&returned).ok(),
        },
    )?;
    record_return_money(conn, ctx, &returned, back.date, refund)?;
    let event = NewEvent {
        community_id: Some(loan.borrower_community_id),
        member_id: loan.borrower_member_id,
        quantity: Some(loan.quantity),
        loan_id: Some(loan_id),
        status: Some(back.status),
        missing: back.missing.clone(),
        note: back.condition.clone(),
        ..NewEvent::new(loan.item_id, back.date, EventKind::CheckedIn)
    };
    history::record(conn, ctx, &event)?;
    update_returned_item(conn, ctx, &loan, back)?;
    super::matching::loan_returned(conn, ctx, &returned)?;
    Ok(returned)
}

fn check_return(loan: &Loan, back: &Return) -> Result<()> {
    if let Some(date) = loan.returned_date {
        return Err(Error::rule(
            "loan_already_returned",
            format!(
                "loan {} was already checked in on {}",
                loan.id,
                format_numeric(date)
            ),
        ));
    }
    if back.date < loan.out_date {
        return Err(Error::rule(
            "return_before_checkout",
            format!(
                "the return date {} is before the loan went out on {}",
                format_numeric(back.date),
                format_numeric(loan.out_date)
            ),
        ));
    }
    if back.status == Status::Lent {
        return Err(Error::rule(
            "status_lent_by_loan",
            "a returned item is available, under repair, part missing or retired, not lent",
        ));
    }
    let no_part = back.missing.as_deref().is_none_or(|m| m.trim().is_empty());
    if back.status == Status::PartMissing && no_part {
        return Err(Error::rule(
            "missing_part_required",
            "say which part is missing, such as ฝา (the lid)",
        ));
    }
    if let Some(refund) = back.refund {
        if refund.is_negative() || refund > loan.deposit {
            return Err(Error::rule(
                "refund_exceeds_deposit",
                format!(
                    "the refund must be between 0 and the deposit of {} baht, not {refund}",
                    loan.deposit
                ),
            ));
        }
    }
    Ok(())
}

fn record_return_money(
    conn: &Connection,
    ctx: &Context,
    loan: &Loan,
    date: NaiveDate,
    refund: Satang,
) -> Result<()> {
    let borrower = (loan.borrower_community_id, loan.borrower_member_id);
    let owner = (loan.owner_community_id, None);
    let kept = loan.deposit - refund;
    let refunded = NewMovement {
        source_key: format!("exchange:loan:{}:refund", loan.id),
        kind: MoneyKind::DepositRefund,
        date,
        amount: refund,
        from: owner,
        to: borrower,
        loan_id: Some(loan.id),
        transfer_id: None,
        note: None,
    };
    money::record(conn, ctx, &refunded)?;
    let kept = NewMovement {
        source_key: format!("exchange:loan:{}:kept", loan.id),
        kind: MoneyKind::DepositKept,
        amount: kept,
        from: borrower,
        to: owner,
        ..refunded
    };
    money::record(conn, ctx, &kept)?;
    Ok(())
}

fn update_returned_item(
    conn: &Connection,
    ctx: &Context,
    loan: &Loan,
    back: &Return,
) -> Result<()> {
    let item = get_item(conn, loan.item_id)?;
    if let Some(condition) = back
        .condition
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        equipment::set_condition(conn, ctx, &item, condition)?;
    }
    let item = get_item(conn, loan.item_id)?;
    let note = format!("returned from loan {}", loan.id);
    match back.status {
        Status::Available => {
            equipment::refresh_lent(conn, ctx, item, back.date)?;
        }
        status => {
            let missing = back.missing.as_deref().map(str::trim);
            let note = Some(note.as_str());
            equipment::change_status(conn, ctx, &item, status, missing, back.date, note)?;
        }
    }
    Ok(())
}
