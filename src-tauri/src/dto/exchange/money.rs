//! The money the exchange moved, as the screen's money list shows it:
//! deposits, fees, refunds, kept deposits and sales, with their totals by
//! kind.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::exchange as core;

use super::{parse_optional_date, MoneyKind};
use crate::error::AppResult;

/// Filter of the money list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct MoneyQuery {
    /// First date, ISO CE; none for no lower bound.
    pub from: Option<String>,
    /// Last date, ISO CE; none for no upper bound.
    pub to: Option<String>,
    /// Only the movements this community pays or is paid.
    pub community_id: Option<i64>,
}

impl MoneyQuery {
    /// Converts the query into the core's filter, reading its dates.
    pub fn into_core(self) -> AppResult<core::MoneyFilter> {
        Ok(core::MoneyFilter {
            from: parse_optional_date(self.from.as_deref())?,
            to: parse_optional_date(self.to.as_deref())?,
            community_id: self.community_id,
            ..core::MoneyFilter::default()
        })
    }
}

/// One movement of money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MoneyMovement {
    /// Row id.
    pub id: i64,
    /// Its cause.
    pub kind: MoneyKind,
    /// Date it moved, ISO CE.
    pub date: String,
    /// Amount in satang; negative on a reversal.
    pub amount: i64,
    /// Paying community.
    pub from_community: String,
    /// Number of the paying member, when a member paid.
    pub from_member_no: Option<String>,
    /// Paid community.
    pub to_community: String,
    /// Number of the paid member, when a member was paid.
    pub to_member_no: Option<String>,
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
}

impl From<core::Movement> for MoneyMovement {
    fn from(m: core::Movement) -> MoneyMovement {
        MoneyMovement {
            id: m.id,
            kind: m.kind.into(),
            date: m.date.to_string(),
            amount: m.amount.satang(),
            from_community: m.from.community,
            from_member_no: m.from.member_no,
            to_community: m.to.community,
            to_member_no: m.to.member_no,
            loan_id: m.loan_id,
            transfer_id: m.transfer_id,
            reverses_id: m.reverses_id,
            reversed_by: m.reversed_by,
            note: m.note,
        }
    }
}

/// The movements of one kind, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct MoneyTotal {
    /// The kind.
    pub kind: MoneyKind,
    /// Number of movements, reversals included.
    pub count: u32,
    /// Their sum in satang; a reversal cancels its original.
    pub amount: i64,
}

/// The money list: movements by date, and their totals by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MoneyList {
    /// Movements by date, then in the order they were recorded.
    pub movements: Vec<MoneyMovement>,
    /// Totals by kind, leaving out kinds with no movement.
    pub totals: Vec<MoneyTotal>,
}

impl From<Vec<core::Movement>> for MoneyList {
    fn from(movements: Vec<core::Movement>) -> MoneyList {
        let totals = core::money::totals_by_kind(&movements)
            .into_iter()
            .map(|t| MoneyTotal {
                kind: t.kind.into(),
                count: u32::try_from(t.count).unwrap_or(u32::MAX),
                amount: t.amount.satang(),
            })
            .collect();
        MoneyList {
            movements: movements.into_iter().map(Into::into).collect(),
            totals,
        }
    }
}
