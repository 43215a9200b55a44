//! Share balances stated by an imported member register.
//!
//! A register's figure is an assertion: "this member holds N shares on
//! this date". While no share ledger covers the date, it is recorded by an
//! opening transaction of N minus the balance the other transactions give
//! on that date. When transactions before the date arrive later (a ledger
//! of an earlier year), the opening is restated so that the balance on the
//! date is still N; when a ledger covering the date arrives, the opening
//! is reversed and the figure becomes a check.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{balance_at, reverse, Kind, NewTransaction, Source};
use crate::{Context, Error, Result, Satang};

/// What recording a register figure did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Restated {
    /// The live opening transaction for the figure, if one is needed.
    pub transaction_id: Option<i64>,
    /// The balance on the date from every other transaction.
    pub recorded: i64,
    /// Whether anything was written.
    pub changed: bool,
}

impl Restated {
    /// Whether the figure differs from what the transactions give.
    pub fn mismatch(&self, stated: i64) -> bool {
        self.transaction_id.is_none() && self.recorded != stated
    }
}

/// Records that `member_id` holds `stated` shares on `as_of`: replaces any
/// live opening posted for an earlier figure on that date, then posts an
/// opening of the difference unless a share ledger covers the date or the
/// difference is negative (which the caller reports as a mismatch).
pub(crate) fn restate(
    conn: &Connection,
    ctx: &Context,
    member_id: i64,
    as_of: NaiveDate,
    stated: i64,
    ledger_covers: bool,
    note: &str,
) -> Result<Restated> {
    let live = live_openings(conn, member_id, as_of)?;
    let live_shares: i64 = live.iter().map(|(_, shares)| shares).sum();
    let recorded = balance_at(conn, member_id, as_of)? - live_shares;
    let wanted = if ledger_covers {
        0
    } else {
        (stated - recorded).max(0)
    };
    if live.len() == 1 && live_shares == wanted {
        return Ok(Restated {
            transaction_id: Some(live[0].0),
            recorded,
            changed: false,
        });
    }
    if live.is_empty() && wanted == 0 {
        return Ok(Restated {
            transaction_id: None,
            recorded,
            changed: false,
        });
    }
    let transaction_id = match wanted {
        0 => None,
        shares => Some(post_opening(conn, ctx, member_id, as_of, shares, note)?),
    };
    let mut transaction_id = transaction_id;
    for (id, _) in live {
        match reverse(conn, ctx, id, "register figure restated") {
            Ok(_)
            | Err(Error::Rule {
                code: "already_reversed",
                ..
            }) => {}
            // Later withdrawals rest on the old opening; it stays, and the
            // caller reports the figure as a mismatch to look at.
            Err(Error::Rule {
                code: "share_balance_negative",
                ..
            }) => {
                transaction_id = transaction_id.or(Some(id));
            }
            Err(error) => return Err(error),
        }
    }
    Ok(Restated {
        transaction_id,
        recorded,
        changed: true,
    })
}

fn post_opening(
    conn: &Connection,
    ctx: &Context,
    member_id: i64,
    as_of: NaiveDate,
    shares: i64,
    note: &str,
) -> Result<i64> {
    let par = Satang(crate::db::setting_i64(conn, "share_par_satang", 10_000)?);
    let amount = par.checked_mul(shares).unwrap_or(Satang(i64::MAX));
    let mut opening = NewTransaction::new(member_id, as_of, Kind::Opening, shares, amount);
    opening.source = Source::Register;
    opening.note = Some(note.to_string());
    super::post_checked(conn, ctx, &opening)
}

/// Opening transactions posted for register figures of a member on a
/// date that are not reversed, with their shares.
fn live_openings(conn: &Connection, member_id: i64, as_of: NaiveDate) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.shares FROM share_transactions t
         WHERE t.member_id = ?1 AND t.date = ?2 AND t.source = 'register' AND t.kind = 'opening'
           AND t.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM share_transactions r WHERE r.reverses_id = t.id)",
    )?;
    let rows = stmt.query_map((member_id, as_of), |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::{ensure_community, insert, MemberDetails};
    use crate::shares::{balance, post};
    use crate::test_support::{context, date};

    fn member(conn: &Connection, ctx: &Context) -> Result<i64> {
        let community = ensure_community(conn, ctx, "บ่อยาง", Some("BY"))?;
        let details = MemberDetails {
            member_no: "BY001".into(),
            first_name: "ทดสอบ".into(),
            community_id: community.id,
            ..MemberDetails::default()
        };
        insert(conn, ctx, &details)
    }

    #[test]
    fn figure_alone_becomes_opening() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let id = member(&conn, &ctx)?;

        let restated = restate(&conn, &ctx, id, date(2026, 12, 4), 55, false, "register")?;

        assert!(restated.transaction_id.is_some());
        assert_eq!(balance(&conn, id)?, 55);
        Ok(())
    }

    #[test]
    fn earlier_history_restates_opening() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let id = member(&conn, &ctx)?;
        restate(&conn, &ctx, id, date(2026, 12, 4), 55, false, "register")?;
        post(
            &conn,
            &ctx,
            &NewTransaction::new(
                id,
                date(2024, 1, 1),
                Kind::Opening,
                50,
                Satang::from_baht(5000),
            ),
        )?;

        let restated = restate(&conn, &ctx, id, date(2026, 12, 4), 55, false, "register")?;

        assert!(restated.changed);
        assert_eq!(restated.recorded, 50);
        assert_eq!(
            balance(&conn, id)?,
            55,
            "the figure still holds on its date, not 105"
        );
        Ok(())
    }

    #[test]
    fn covering_ledger_removes_opening() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let id = member(&conn, &ctx)?;
        restate(&conn, &ctx, id, date(2024, 12, 31), 3, false, "register")?;
        post(
            &conn,
            &ctx,
            &NewTransaction::new(
                id,
                date(2024, 1, 1),
                Kind::Opening,
                5,
                Satang::from_baht(500),
            ),
        )?;

        let restated = restate(&conn, &ctx, id, date(2024, 12, 31), 3, true, "register")?;

        assert_eq!(restated.transaction_id, None);
        assert!(restated.mismatch(3), "the ledger gives 5, the register 3");
        assert_eq!(balance(&conn, id)?, 5, "the ledger is the record");
        Ok(())
    }

    #[test]
    fn unchanged_figure_writes_nothing() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let id = member(&conn, &ctx)?;
        restate(&conn, &ctx, id, date(2024, 12, 31), 3, false, "register")?;

        let again = restate(&conn, &ctx, id, date(2024, 12, 31), 3, false, "register")?;

        assert!(!again.changed);
        assert_eq!(balance(&conn, id)?, 3);
        Ok(())
    }
}
