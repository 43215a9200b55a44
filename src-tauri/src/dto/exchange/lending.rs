//! Loans and reservations as the screens see them, and the forms that
//! check an item out, check it back in and reserve it.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::exchange as core;
use chumchon::Satang;

use super::{parse_date, ItemStatus, ReservationStatus};
use crate::error::AppResult;

/// The borrower a form names: another community by id, or a member by
/// the member number the office types.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BorrowerInput {
    /// Another community.
    Community {
        /// Its row id.
        community_id: i64,
    },
    /// A member of any community.
    Member {
        /// The member number, such as "BY001".
        member_no: String,
    },
}

impl BorrowerInput {
    /// Resolves the borrower for the core. Fails with `not_found` for an
    /// unknown member number.
    pub fn resolve(&self, conn: &Connection) -> chumchon::Result<core::Borrower> {
        match self {
            BorrowerInput::Community { community_id } => {
                Ok(core::Borrower::Community(*community_id))
            }
            BorrowerInput::Member { member_no } => {
                let member = chumchon::members::get(conn, member_no.trim())?;
                Ok(core::Borrower::Member(member.id))
            }
        }
    }
}

/// A loan to check out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CheckOut {
    /// The item.
    pub item_id: i64,
    /// Pieces lent; 1 for a unit.
    pub quantity: i64,
    /// The borrower.
    pub borrower: BorrowerInput,
    /// Date it goes out, ISO CE.
    pub out_date: String,
    /// Date it is due back, ISO CE.
    pub due_date: String,
    /// Deposit the borrower leaves, in satang.
    pub deposit: i64,
    /// Fee the borrower pays, in satang.
    pub fee: i64,
    /// Condition when it goes out.
    pub condition: Option<String>,
    /// The reservation this loan fulfils.
    pub reservation_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

impl CheckOut {
    /// Converts the form into the core's new loan, with the borrower
    /// already resolved.
    pub fn into_core(self, borrower: core::Borrower) -> AppResult<core::NewLoan> {
        Ok(core::NewLoan {
            item_id: self.item_id,
            quantity: self.quantity,
            borrower,
            out_date: parse_date(&self.out_date)?,
            due_date: parse_date(&self.due_date)?,
            deposit: Satang(self.deposit),
            fee: Satang(self.fee),
            condition: self.condition,
            reservation_id: self.reservation_id,
            note: self.note,
        })
    }
}

/// A return to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CheckIn {
    /// Date it came back, ISO CE.
    pub date: String,
    /// Condition as staff found it.
    pub condition: Option<String>,
    /// Status it returns to: available, under repair, part missing or
    /// retired.
    pub status: ItemStatus,
    /// Missing part, with `part_missing`.
    pub missing: Option<String>,
    /// Deposit given back, in satang; `None` gives back all of it.
    pub refund: Option<i64>,
}

impl CheckIn {
    /// The core's return.
    pub fn into_core(self) -> AppResult<core::Return> {
        Ok(core::Return {
            date: parse_date(&self.date)?,
            condition: self.condition,
            status: self.status.into(),
            missing: self.missing,
            refund: self.refund.map(Satang),
        })
    }
}

/// A loan, out or returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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
    /// Borrowing member's number.
    pub borrower_member_no: Option<String>,
    /// The borrower as shown: member number and name, or the community.
    pub borrower: String,
    /// Date it went out, ISO CE.
    pub out_date: String,
    /// Date it is due back, ISO CE.
    pub due_date: String,
    /// Deposit left, in satang.
    pub deposit: i64,
    /// Fee paid, in satang.
    pub fee: i64,
    /// Condition when it went out.
    pub condition_out: Option<String>,
    /// Date it came back, ISO CE; `None` while out.
    pub returned_date: Option<String>,
    /// Condition when it came back.
    pub condition_in: Option<String>,
    /// The match it carried out.
    pub match_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
    /// Days past the due date on the day it was listed; 0 when not
    /// overdue or returned.
    pub days_overdue: i64,
}

impl Loan {
    /// Converts a core loan as listed on `today`, which dates its days
    /// overdue.
    pub fn new(loan: core::Loan, today: NaiveDate) -> Loan {
        Loan {
            days_overdue: loan.days_overdue(today),
            borrower: loan.borrower_label(),
            id: loan.id,
            item_id: loan.item_id,
            item_name: loan.item_name,
            quantity: loan.quantity,
            owner_community_id: loan.owner_community_id,
            owner_community: loan.owner_community,
            borrower_community_id: loan.borrower_community_id,
            borrower_community: loan.borrower_community,
            borrower_member_no: loan.borrower_member_no,
            out_date: loan.out_date.to_string(),
            due_date: loan.due_date.to_string(),
            deposit: loan.deposit.satang(),
            fee: loan.fee.satang(),
            condition_out: loan.condition_out,
            returned_date: loan.returned_date.map(|d| d.to_string()),
            condition_in: loan.condition_in,
            match_id: loan.match_id,
            note: loan.note,
        }
    }

    /// Converts each loan of `loans` as listed on `today`.
    pub fn list(loans: Vec<core::Loan>, today: NaiveDate) -> Vec<Loan> {
        loans.into_iter().map(|l| Loan::new(l, today)).collect()
    }
}

/// Filter of the loan list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
pub struct LoanQuery {
    /// Only loans of this item.
    pub item_id: Option<i64>,
    /// Only loans this community lent or borrowed.
    pub community_id: Option<i64>,
    /// Only loans not returned yet.
    pub open_only: bool,
}

impl From<LoanQuery> for core::LoanFilter {
    fn from(query: LoanQuery) -> core::LoanFilter {
        core::LoanFilter {
            item_id: query.item_id,
            community_id: query.community_id,
            out_on: None,
            open_only: query.open_only,
        }
    }
}

/// A reservation to make.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ReservationInput {
    /// The item.
    pub item_id: i64,
    /// Pieces wanted.
    pub quantity: i64,
    /// The borrower.
    pub borrower: BorrowerInput,
    /// First day of use, ISO CE.
    pub from: String,
    /// Last day of use, ISO CE.
    pub to: String,
    /// Free-text note, such as the event it is for.
    pub note: Option<String>,
}

impl ReservationInput {
    /// Converts the form into the core's new reservation, with the
    /// borrower already resolved.
    pub fn into_core(self, borrower: core::Borrower) -> AppResult<core::NewReservation> {
        Ok(core::NewReservation {
            item_id: self.item_id,
            quantity: self.quantity,
            borrower,
            from: parse_date(&self.from)?,
            to: parse_date(&self.to)?,
            note: self.note,
        })
    }
}

/// A reservation of an item for future dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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
    /// Borrowing member's number.
    pub member_no: Option<String>,
    /// First day of use, ISO CE.
    pub from: String,
    /// Last day of use, ISO CE.
    pub to: String,
    /// Its state.
    pub status: ReservationStatus,
    /// The loan that fulfilled it.
    pub loan_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

impl From<core::Reservation> for Reservation {
    fn from(r: core::Reservation) -> Reservation {
        Reservation {
            id: r.id,
            item_id: r.item_id,
            item_name: r.item_name,
            quantity: r.quantity,
            community_id: r.community_id,
            community: r.community,
            member_no: r.member_no,
            from: r.from.to_string(),
            to: r.to.to_string(),
            status: r.status.into(),
            loan_id: r.loan_id,
            note: r.note,
        }
    }
}
