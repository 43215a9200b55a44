//! The exchange report: what each community owns, lends and borrows on a
//! date, how much each item was out on loan over a period, and the loans
//! overdue on the date. The xlsx and PDF writers in [`crate::export`] and
//! [`crate::pdf`] lay it out.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::equipment::{list_items, Item, ItemFilter};
use super::lending::{list_loans, overdue, Loan, LoanFilter};
use crate::{Error, Result, Satang};

/// One community's part of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holdings {
    /// Community row id.
    pub community_id: i64,
    /// Community name.
    pub community: String,
    /// Items in its register now, retired ones left out.
    pub owned: Vec<Item>,
    /// Value of those items, every piece counted.
    pub owned_value: Satang,
    /// Its items out on loan on the report's date.
    pub lent: Vec<Loan>,
    /// Other communities' items it (or one of its members) had on loan on
    /// the report's date.
    pub borrowed: Vec<Loan>,
}

/// How much of a period an item's pieces spent on loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Utilisation {
    /// The item.
    pub item_id: i64,
    /// Its name.
    pub name: String,
    /// Its owner's name.
    pub community: String,
    /// Its pieces.
    pub quantity: i64,
    /// Loans that overlap the period.
    pub loans: i64,
    /// Days on loan times pieces lent, within the period.
    pub piece_days_lent: i64,
    /// Days of the period times the item's pieces.
    pub piece_days: i64,
}

impl Utilisation {
    /// The share of the period on loan in tenths of a percent, 0 to 1000,
    /// rounded half up: 1000 is every piece out every day.
    pub fn per_mille(&self) -> i64 {
        if self.piece_days == 0 {
            return 0;
        }
        ((2000 * self.piece_days_lent + self.piece_days) / (2 * self.piece_days)).min(1000)
    }

    /// The share as a percentage with one decimal, such as "12.5".
    pub fn percent_text(&self) -> String {
        let per_mille = self.per_mille();
        format!("{}.{}", per_mille / 10, per_mille % 10)
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The foundation's name, as in the settings.
    pub foundation_name: String,
    /// Date the holdings and the overdue list are stated on.
    pub as_of: NaiveDate,
    /// First day of the utilisation period.
    pub from: NaiveDate,
    /// Last day of the utilisation period.
    pub to: NaiveDate,
    /// Each community that owns, lends or borrows anything, in Thai order.
    pub communities: Vec<Holdings>,
    /// Every item that is not retired, busiest first.
    pub utilisation: Vec<Utilisation>,
    /// Loans still out past their due date on `as_of`, most overdue first.
    pub overdue: Vec<Loan>,
}

/// Builds the report: holdings and overdue loans as of `as_of`, and
/// utilisation over `from` to `to`, both days included.
///
/// Fails when `to` is before `from`.
pub fn report(
    conn: &Connection,
    as_of: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Report> {
    if to < from {
        return Err(Error::rule(
            "dates_reversed",
            format!(
                "the period ends on {} before it begins on {}",
                crate::thai::date::format_numeric(to),
                crate::thai::date::format_numeric(from)
            ),
        ));
    }
    let items = list_items(conn, &ItemFilter::default())?;
    let out = list_loans(
        conn,
        &LoanFilter {
            out_on: Some(as_of),
            ..LoanFilter::default()
        },
    )?;
    Ok(Report {
        foundation_name: crate::documents::foundation_name(conn)?,
        as_of,
        from,
        to,
        communities: holdings(conn, &items, &out)?,
        utilisation: utilisation(conn, &items, from, to)?,
        overdue: overdue(conn, as_of)?,
    })
}

fn holdings(conn: &Connection, items: &[Item], out: &[Loan]) -> Result<Vec<Holdings>> {
    let communities = crate::members::list_communities(conn)?;
    let mut found = Vec::new();
    for summary in communities {
        let id = summary.community.id;
        let owned: Vec<Item> = items
            .iter()
            .filter(|item| item.community_id == id)
            .cloned()
            .collect();
        let lent: Vec<Loan> = out
            .iter()
            .filter(|loan| loan.owner_community_id == id)
            .cloned()
            .collect();
        let borrowed: Vec<Loan> = out
            .iter()
            .filter(|loan| loan.borrower_community_id == id && loan.owner_community_id != id)
            .cloned()
            .collect();
        if owned.is_empty() && lent.is_empty() && borrowed.is_empty() {
            continue;
        }
        let owned_value = owned.iter().map(Item::total_value).sum();
        found.push(Holdings {
            community_id: id,
            community: summary.community.name,
            owned,
            owned_value,
            lent,
            borrowed,
        });
    }
    Ok(found)
}

fn utilisation(
    conn: &Connection,
    items: &[Item],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Utilisation>> {
    let days = (to - from).num_days() + 1;
    let mut rows = Vec::with_capacity(items.len());
    for item in items {
        let loans = list_loans(
            conn,
            &LoanFilter {
                item_id: Some(item.id),
                ..LoanFilter::default()
            },
        )?;
        let overlapping: Vec<i64> = loans
            .iter()
            .filter_map(|loan| days_in(loan, from, to).map(|d| d * loan.quantity))
            .collect();
        rows.push(Utilisation {
            item_id: item.id,
            name: item.name.clone(),
            community: item.community.clone(),
            quantity: item.quantity,
            loans: overlapping.len() as i64,
            piece_days_lent: overlapping.iter().sum(),
            piece_days: days * item.quantity,
        });
    }
    rows.sort_by(|a, b| {
        b.per_mille()
            .cmp(&a.per_mille())
            .then(a.item_id.cmp(&b.item_id))
    });
    Ok(rows)
}

/// Days of `from` to `to` the loan was out, or `None` when it was not out
/// in that time. A loan is out from its out date up to the day before its
/// return, and a loan returned the day it went out counts one day. A loan
/// not returned is counted as out until `to`.
fn days_in(loan: &Loan, from: NaiveDate, to: NaiveDate) -> Option<i64> {
    let last_out = match loan.returned_date {
        Some(back) if back > loan.out_date => back.pred_opt()?,
        Some(back) => back,
        None => to,
    };
    let start = loan.out_date.max(from);
    let end = last_out.min(to);
    (end >= start).then(|| (end - start).num_days() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{add_item, check_in, check_out, Borrower, ItemDetails, NewItem};
    use crate::exchange::{NewLoan, Return, Status};
    use crate::members::ensure_community;
    use crate::test_support::{context, date};

    #[test]
    fn utilisation_counts_days_out() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let kitchen = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?.id;
        let shop = ensure_community(&conn, &ctx, "ริมทางรถไฟ", Some("RT"))?.id;
        let new = NewItem {
            community_id: kitchen,
            details: ItemDetails::named("เต็นท์"),
            status: Status::Available,
            missing: None,
        };
        let tent = add_item(&conn, &ctx, &new)?;
        let loan = NewLoan {
            item_id: tent.id,
            quantity: 1,
            borrower: Borrower::Community(shop),
            out_date: date(2024, 12, 28),
            due_date: date(2025, 1, 5),
            deposit: Satang::ZERO,
            fee: Satang::ZERO,
            condition: None,
            reservation_id: None,
            note: None,
        };
        let loan = check_out(&conn, &ctx, &loan)?;
        check_in(
            &conn,
            &ctx,
            loan.id,
            &Return::in_good_order(date(2025, 1, 4)),
        )?;

        let built = report(
            &conn,
            date(2025, 1, 10),
            date(2025, 1, 1),
            date(2025, 1, 10),
        )?;

        let row = &built.utilisation[0];
        assert_eq!(row.piece_days_lent, 3, "out 1, 2 and 3 January");
        assert_eq!(row.piece_days, 10, "ten days of one tent");
        assert_eq!(row.percent_text(), "30.0", "thirty percent");
        assert!(built.communities[0].lent.is_empty(), "back by the 10th");
        Ok(())
    }

    #[test]
    fn report_rejects_reversed_period() -> Result<()> {
        let conn = crate::db::open_in_memory()?;

        let result = report(
            &conn,
            date(2025, 1, 10),
            date(2025, 1, 10),
            date(2025, 1, 1),
        );

        assert!(
            matches!(
                result,
                Err(Error::Rule {
                    code: "dates_reversed",
                    ..
                })
            ),
            "the period ends before it begins: {result:?}"
        );
        Ok(())
    }
}
