//! Fiscal years of the journal: which year a date falls in, and closing a
//! year, which carries its income and expenses into the accumulated
//! surplus and takes no more entries.
//!
//! A fiscal year starts in the month of the `fiscal_first_month` setting
//! and is named by the Buddhist-era year in which it ends, as dividend
//! years are.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::accounts::ACCUMULATED_SURPLUS;
use super::journal::{self, Line, Posting};
use crate::{db, Context, Error, Result, Satang};

/// Source kind of the entry that closes a year; its source id is the year.
pub const YEAR_CLOSE: &str = "year_close";

/// The first month of the fiscal year, 1 to 12, from the settings.
pub fn first_month(conn: &Connection) -> Result<u32> {
    Ok(db::setting_i64(conn, "fiscal_first_month", 1)?.clamp(1, 12) as u32)
}

/// The fiscal year that `date` falls in, Buddhist Era.
pub fn fiscal_year_of(conn: &Connection, date: NaiveDate) -> Result<i32> {
    let first = first_month(conn)?;
    let later = first != 1 && date.month() >= first;
    Ok(crate::thai::date::be_year(date) + i32::from(later))
}

/// The first and last day of fiscal year `year_be`.
pub fn period(conn: &Connection, year_be: i32) -> Result<(NaiveDate, NaiveDate)> {
    crate::dividends::fiscal_period(year_be, first_month(conn)?).ok_or_else(|| {
        Error::rule(
            "year_not_buddhist_era",
            format!(
                "{year_be} is not a fiscal year; give the year in the Buddhist Era, such as 2567"
            ),
        )
    })
}

/// Whether fiscal year `year_be` is closed.
pub fn is_closed(conn: &Connection, year_be: i32) -> Result<bool> {
    let closed: Option<i32> = conn
        .prepare_cached("SELECT year_be FROM fiscal_years WHERE year_be = ?1")?
        .query_row([year_be], |row| row.get(0))
        .optional()?;
    Ok(closed.is_some())
}

/// `date`, or when it falls in a closed fiscal year the first day of the
/// first open year after it.
pub fn first_open_date(conn: &Connection, date: NaiveDate) -> Result<NaiveDate> {
    let mut date = date;
    let mut year_be = fiscal_year_of(conn, date)?;
    while is_closed(conn, year_be)? {
        year_be += 1;
        date = period(conn, year_be)?.0;
    }
    Ok(date)
}

/// The closed fiscal years, earliest first.
pub fn closed_years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT year_be FROM fiscal_years ORDER BY year_be")?;
    let years = stmt.query_map([], |row| row.get(0))?;
    Ok(years.collect::<rusqlite::Result<_>>()?)
}

/// What closing a year did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closing {
    /// The year closed, Buddhist Era.
    pub year_be: i32,
    /// The closing entry; `None` when the year had no income or expense.
    pub entry_id: Option<i64>,
    /// Income less expenses, carried into the accumulated surplus.
    pub surplus: Satang,
}

/// Closes fiscal year `year_be`: posts what the registers have not posted
/// yet, carries every income and expense balance of the year into the
/// accumulated surplus with one entry dated the year's last day, and
/// records the year as closed.
///
/// Fails with `fiscal_year_closed` when it is closed already, with
/// `fiscal_year_earlier_open` when an earlier year with entries is still
/// open, and with `journal_unbalanced` when the journal does not balance.
pub fn close_year(conn: &Connection, ctx: &Context, year_be: i32) -> Result<Closing> {
    let (from, to) = period(conn, year_be)?;
    if is_closed(conn, year_be)? {
        return Err(Error::rule(
            "fiscal_year_closed",
            format!("the fiscal year {year_be} is already closed"),
        ));
    }
    check_earlier_closed(conn, year_be)?;
    super::sync::sync(conn, ctx)?;
    journal::ensure_balanced(conn)?;

    let lines = closing_lines(conn, year_be)?;
    let surplus = lines
        .iter()
        .filter(|line| line.account == ACCUMULATED_SURPLUS)
        .map(|line| line.credit - line.debit)
        .sum();
    let entry_id = if lines.is_empty() {
        None
    } else {
        let description = format!("ปิดบัญชีรายได้และค่าใช้จ่ายประจำปี {year_be} เข้าทุนสะสม");
        let posting = Posting::new(to, &description, lines)?.source(YEAR_CLOSE, year_be.into());
        Some(journal::post(conn, ctx, &posting)?)
    };
    conn.execute(
        "INSERT INTO fiscal_years (year_be, period_from, period_to, closing_entry_id, closed_at,
            closed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![year_be, from, to, entry_id, ctx.timestamp(), ctx.operator],
    )?;
    let closing = Closing {
        year_be,
        entry_id,
        surplus,
    };
    crate::audit::record(
        conn,
        ctx,
        crate::audit::Change::insert("fiscal_years", year_be, &closing),
    )?;
    Ok(closing)
}

fn check_earlier_closed(conn: &Connection, year_be: i32) -> Result<()> {
    let open: Option<i32> = conn.query_row(
        "SELECT min(e.year_be) FROM journal_entries e
         WHERE e.year_be < ?1 AND NOT EXISTS (SELECT 1 FROM fiscal_years f WHERE f.year_be = e.year_be)",
        [year_be],
        |row| row.get(0),
    )?;
    match open {
        Some(earlier) => Err(Error::rule(
            "fiscal_year_earlier_open",
            format!("close the fiscal year {earlier} before {year_be}"),
        )),
        None => Ok(()),
    }
}

/// Lines that bring every income and expense account of the year to zero,
/// with the difference to the accumulated surplus.
fn closing_lines(conn: &Connection, year_be: i32) -> Result<Vec<Line>> {
    let mut stmt = conn.prepare(
        "SELECT l.account_code, sum(l.debit_satang) - sum(l.credit_satang)
         FROM journal_lines l
         JOIN journal_entries e ON e.id = l.entry_id
         JOIN accounts a ON a.code = l.account_code
         WHERE e.year_be = ?1 AND a.kind IN ('income', 'expense')
         GROUP BY l.account_code
         HAVING sum(l.debit_satang) <> sum(l.credit_satang)
         ORDER BY l.account_code",
    )?;
    let balances: Vec<(String, i64)> = stmt
        .query_map([year_be], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lines = Vec::with_capacity(balances.len() + 1);
    let mut net_debit = 0;
    for (account, balance) in balances {
        net_debit += balance;
        if balance > 0 {
            lines.push(Line::credit(&account, Satang(balance)));
        } else {
            lines.push(Line::debit(&account, Satang(-balance)));
        }
    }
    if net_debit > 0 {
        lines.push(Line::debit(ACCUMULATED_SURPLUS, Satang(net_debit)));
    } else if net_debit < 0 {
        lines.push(Line::credit(ACCUMULATED_SURPLUS, Satang(-net_debit)));
    }
    if lines.len() == 1 {
        // Income and expense that cancel out leave nothing to carry.
        lines.clear();
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::accounts::{CASH, LOAN_INTEREST_INCOME, OTHER_EXPENSES};
    use crate::test_support::{context, date};

    fn post(conn: &Connection, day: NaiveDate, lines: Vec<Line>) -> Result<i64> {
        journal::post(conn, &context(), &Posting::new(day, "test", lines)?)
    }

    #[test]
    fn fiscal_year_follows_first_month() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        assert_eq!(fiscal_year_of(&conn, date(2024, 10, 1))?, 2567);

        db::set_setting(&conn, &context(), "fiscal_first_month", "10")?;

        assert_eq!(
            fiscal_year_of(&conn, date(2024, 10, 1))?,
            2568,
            "October starts 2568"
        );
        assert_eq!(
            fiscal_year_of(&conn, date(2024, 9, 30))?,
            2567,
            "September ends 2567"
        );
        Ok(())
    }

    #[test]
    fn closing_carries_surplus_and_locks_year() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        post(
            &conn,
            date(2024, 5, 1),
            vec![
                Line::debit(CASH, Satang(10_000)),
                Line::credit(LOAN_INTEREST_INCOME, Satang(10_000)),
            ],
        )?;
        post(
            &conn,
            date(2024, 6, 1),
            vec![
                Line::debit(OTHER_EXPENSES, Satang(3_000)),
                Line::credit(CASH, Satang(3_000)),
            ],
        )?;

        let closing = close_year(&conn, &ctx, 2567)?;
        let late = post(
            &conn,
            date(2024, 12, 31),
            vec![
                Line::debit(CASH, Satang(1)),
                Line::credit(LOAN_INTEREST_INCOME, Satang(1)),
            ],
        );

        assert_eq!(closing.surplus, Satang(7_000), "10,000 income less 3,000");
        assert!(closing.entry_id.is_some(), "a closing entry");
        assert_eq!(late.err().map(|e| e.code()), Some("fiscal_year_closed"));
        assert_eq!(first_open_date(&conn, date(2024, 3, 1))?, date(2025, 1, 1));
        assert_eq!(
            close_year(&conn, &ctx, 2567).err().map(|e| e.code()),
            Some("fiscal_year_closed"),
            "a year closes once"
        );
        Ok(())
    }

    #[test]
    fn closing_needs_earlier_years_closed() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        post(
            &conn,
            date(2023, 5, 1),
            vec![
                Line::debit(CASH, Satang(100)),
                Line::credit(LOAN_INTEREST_INCOME, Satang(100)),
            ],
        )?;

        let result = close_year(&conn, &context(), 2567);

        assert_eq!(
            result.err().map(|e| e.code()),
            Some("fiscal_year_earlier_open")
        );
        Ok(())
    }
}
