//! Share balances at a date and at month ends, computed from the
//! transactions.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::Result;

/// A member's balance at the end of each month of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthEndBalances {
    /// The member's row id.
    pub member_id: i64,
    /// Balance at the end of each month, in period order.
    pub month_ends: Vec<i64>,
    /// Balance on the period's last day.
    pub closing: i64,
    /// Whether the member held any shares at any time in the period.
    pub held_during: bool,
}

impl MonthEndBalances {
    /// Sum of the month-end balances (the share-months of a year).
    pub fn share_months(&self) -> i64 {
        self.month_ends.iter().sum()
    }
}

/// A member's balance after every transaction dated on or before `date`.
pub fn balance_at(conn: &Connection, member_id: i64, date: NaiveDate) -> Result<i64> {
    let shares = conn
        .prepare_cached(
            "SELECT coalesce(sum(delta), 0) FROM share_movements WHERE member_id = ?1 AND date <= ?2",
        )?
        .query_row((member_id, date), |row| row.get(0))?;
    Ok(shares)
}

/// The lowest balance a member has on `date` or any later date.
pub(super) fn lowest_balance_from(
    conn: &Connection,
    member_id: i64,
    date: NaiveDate,
) -> Result<i64> {
    let mut balance = balance_at(conn, member_id, date)?;
    let mut lowest = balance;
    let mut stmt = conn.prepare_cached(
        "SELECT date, sum(delta) FROM share_movements WHERE member_id = ?1 AND date > ?2
         GROUP BY date ORDER BY date",
    )?;
    let changes = stmt.query_map((member_id, date), |row| row.get::<_, i64>(1))?;
    for change in changes {
        balance += change?;
        lowest = lowest.min(balance);
    }
    Ok(lowest)
}

/// The last day of each of the `months` months starting with the month of
/// `start`.
pub fn month_ends(start: NaiveDate, months: u32) -> Vec<NaiveDate> {
    (1..=months)
        .filter_map(|offset| {
            let first = start
                .with_day(1)?
                .checked_add_months(chrono::Months::new(offset))?;
            first.pred_opt()
        })
        .collect()
}

/// Month-end balances of every member who held shares at any time between
/// `from` and `to`, the period's first and last days, in member-id order.
///
/// Reads every movement up to `to` in one pass, so it is fast enough for
/// tens of thousands of members.
pub fn month_end_balances(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MonthEndBalances>> {
    let months = ((to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1)
        .max(0) as u32;
    let ends = month_ends(from, months);
    // Read the transactions themselves and sort in memory: faster than
    // grouping and ordering the union view in SQLite for 100,000 rows.
    let mut stmt = conn.prepare(
        "SELECT member_id, to_member_id, date, kind, shares, reverses_id IS NOT NULL
         FROM share_transactions WHERE date <= ?1",
    )?;
    let mut by_member: BTreeMap<i64, Vec<(NaiveDate, i64)>> = BTreeMap::new();
    let mut rows = stmt.query([to])?;
    while let Some(row) = rows.next()? {
        let member_id: i64 = row.get(0)?;
        let to_member: Option<i64> = row.get(1)?;
        let date: NaiveDate = row.get(2)?;
        let kind = row.get_ref(3)?.as_str().unwrap_or("");
        let sign = if row.get::<_, bool>(5)? { -1 } else { 1 };
        let shares = sign * row.get::<_, i64>(4)?;
        let outgoing = matches!(kind, "withdrawal" | "transfer");
        by_member
            .entry(member_id)
            .or_default()
            .push((date, if outgoing { -shares } else { shares }));
        if let Some(receiver) = to_member {
            by_member.entry(receiver).or_default().push((date, shares));
        }
    }
    for movements in by_member.values_mut() {
        movements.sort_unstable_by_key(|(date, _)| *date);
    }
    let balances = by_member
        .into_iter()
        .map(|(member_id, movements)| member_month_ends(member_id, &movements, from, &ends))
        .filter(|balances| balances.held_during)
        .collect();
    Ok(balances)
}

fn member_month_ends(
    member_id: i64,
    movements: &[(NaiveDate, i64)],
    from: NaiveDate,
    ends: &[NaiveDate],
) -> MonthEndBalances {
    let mut balance = 0;
    let mut held_during = false;
    let mut month_ends = Vec::with_capacity(ends.len());
    let mut next = movements.iter().peekable();
    while let Some((_, delta)) = next.next_if(|(date, _)| *date < from) {
        balance += delta;
    }
    held_during |= balance > 0;
    for end in ends {
        while let Some((_, delta)) = next.next_if(|(date, _)| date <= end) {
            balance += delta;
            held_during |= balance > 0;
        }
        month_ends.push(balance);
    }
    MonthEndBalances {
        member_id,
        closing: balance,
        month_ends,
        held_during,
    }
}
