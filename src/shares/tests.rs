use super::*;
use crate::members::{ensure_community, insert as insert_member, MemberDetails};
use crate::test_support::{context, date};

struct Fixture {
    conn: Connection,
    ctx: Context,
    first: i64,
    second: i64,
}

fn fixture() -> Result<Fixture> {
    let conn = db::open_in_memory()?;
    let ctx = context();
    let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
    let member = |no: &str| MemberDetails {
        member_no: no.into(),
        first_name: "ทดสอบ".into(),
        community_id: community.id,
        ..MemberDetails::default()
    };
    let first = insert_member(&conn, &ctx, &member("BY001"))?;
    let second = insert_member(&conn, &ctx, &member("BY002"))?;
    Ok(Fixture {
        conn,
        ctx,
        first,
        second,
    })
}

fn purchase(member_id: i64, day: NaiveDate, shares: i64) -> NewTransaction {
    NewTransaction::new(
        member_id,
        day,
        Kind::Purchase,
        shares,
        Satang::from_baht(100 * shares),
    )
}

#[test]
fn purchase_and_withdrawal_move_balance() -> Result<()> {
    let f = fixture()?;

    post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 10))?;
    post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.first,
            date(2024, 3, 1),
            Kind::Withdrawal,
            4,
            Satang::from_baht(400),
        ),
    )?;

    assert_eq!(balance(&f.conn, f.first)?, 6);
    assert_eq!(balance_at(&f.conn, f.first, date(2024, 2, 1))?, 10);
    Ok(())
}

#[test]
fn withdrawal_beyond_balance_is_rejected() -> Result<()> {
    let f = fixture()?;
    post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 3))?;

    let result = post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.first,
            date(2024, 2, 1),
            Kind::Withdrawal,
            4,
            Satang::from_baht(400),
        ),
    );

    assert_eq!(
        result.err().map(|e| e.code()),
        Some("share_balance_negative")
    );
    assert_eq!(balance(&f.conn, f.first)?, 3, "nothing was written");
    Ok(())
}

#[test]
fn backdated_withdrawal_cannot_break_later_balance() -> Result<()> {
    let f = fixture()?;
    post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 5))?;
    post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.first,
            date(2024, 6, 1),
            Kind::Withdrawal,
            5,
            Satang::from_baht(500),
        ),
    )?;

    let result = post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.first,
            date(2024, 2, 1),
            Kind::Withdrawal,
            1,
            Satang::from_baht(100),
        ),
    );

    let error = result.err();
    assert_eq!(
        error.as_ref().map(|e| e.code()),
        Some("share_balance_negative"),
        "June's balance would go to -1"
    );
    let message = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("on or after 01/02/2567"),
        "the date in BE: {message}"
    );
    Ok(())
}

#[test]
fn transfer_is_one_record_for_both_members() -> Result<()> {
    let f = fixture()?;
    post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 5))?;
    let mut transfer = NewTransaction::new(
        f.first,
        date(2024, 9, 15),
        Kind::Transfer,
        3,
        Satang::from_baht(300),
    );
    transfer.to_member_id = Some(f.second);

    let id = post(&f.conn, &f.ctx, &transfer)?;

    assert_eq!(balance(&f.conn, f.first)?, 2);
    assert_eq!(balance(&f.conn, f.second)?, 3);
    let received = history(&f.conn, f.second)?;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].transaction.id, id);
    assert_eq!(received[0].counterparty.as_deref(), Some("BY001"));
    assert_eq!(received[0].delta, 3);
    Ok(())
}

#[test]
fn reversal_cancels_and_cannot_repeat() -> Result<()> {
    let f = fixture()?;
    let id = post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 5))?;

    reverse(&f.conn, &f.ctx, id, "entered twice")?;
    let again = reverse(&f.conn, &f.ctx, id, "entered twice");

    assert_eq!(balance(&f.conn, f.first)?, 0);
    assert_eq!(again.err().map(|e| e.code()), Some("already_reversed"));
    let lines = history(&f.conn, f.first)?;
    assert_eq!(lines.iter().map(|l| l.balance).collect::<Vec<_>>(), [5, 0]);
    Ok(())
}

#[test]
fn reversing_spent_purchase_is_rejected() -> Result<()> {
    let f = fixture()?;
    let id = post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 5))?;
    post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.first,
            date(2024, 2, 1),
            Kind::Withdrawal,
            5,
            Satang::from_baht(500),
        ),
    )?;

    let result = reverse(&f.conn, &f.ctx, id, "wrong member");

    assert_eq!(
        result.err().map(|e| e.code()),
        Some("share_balance_negative")
    );
    Ok(())
}

#[test]
fn transactions_cannot_be_edited_or_deleted() -> Result<()> {
    let f = fixture()?;
    let id = post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 5))?;

    let update = f.conn.execute(
        "UPDATE share_transactions SET shares = 6 WHERE id = ?1",
        [id],
    );
    let delete = f
        .conn
        .execute("DELETE FROM share_transactions WHERE id = ?1", [id]);

    assert!(
        update.is_err(),
        "an update must be rejected by the database"
    );
    assert!(delete.is_err(), "a delete must be rejected by the database");
    Ok(())
}

#[test]
fn manual_posting_respects_policy() -> Result<()> {
    let f = fixture()?;
    db::set_setting(&f.conn, &f.ctx, "share_min", "5")?;
    db::set_setting(&f.conn, &f.ctx, "share_max", "20")?;

    let too_few = post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 2));
    let too_many = post(&f.conn, &f.ctx, &purchase(f.first, date(2024, 1, 5), 21));
    let mut imported = purchase(f.first, date(2024, 1, 5), 2);
    imported.source = Source::Ledger;

    assert_eq!(
        too_few.err().map(|e| e.code()),
        Some("share_balance_below_minimum")
    );
    assert_eq!(
        too_many.err().map(|e| e.code()),
        Some("share_balance_above_maximum")
    );
    assert!(
        post(&f.conn, &f.ctx, &imported).is_ok(),
        "imported history is taken as recorded"
    );
    Ok(())
}

#[test]
fn month_ends_follow_movements() -> Result<()> {
    let f = fixture()?;
    post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.first,
            date(2024, 1, 1),
            Kind::Opening,
            5,
            Satang::from_baht(500),
        ),
    )?;
    post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.first,
            date(2024, 1, 5),
            Kind::Withdrawal,
            5,
            Satang::from_baht(500),
        ),
    )?;
    post(&f.conn, &f.ctx, &purchase(f.second, date(2024, 4, 13), 3))?;
    post(
        &f.conn,
        &f.ctx,
        &NewTransaction::new(
            f.second,
            date(2024, 9, 7),
            Kind::Withdrawal,
            3,
            Satang::from_baht(300),
        ),
    )?;

    let balances = month_end_balances(&f.conn, date(2024, 1, 1), date(2024, 12, 31))?;

    assert_eq!(balances.len(), 2, "both held shares during the year");
    assert_eq!(
        balances[0].share_months(),
        0,
        "BY001 held shares only inside January"
    );
    assert_eq!(balances[1].month_ends, [0, 0, 0, 3, 3, 3, 3, 3, 0, 0, 0, 0]);
    assert_eq!(balances[1].closing, 0);
    Ok(())
}

#[test]
fn month_ends_cross_calendar_year() {
    let ends = balance::month_ends(date(2023, 10, 1), 12);

    assert_eq!(ends.first(), Some(&date(2023, 10, 31)));
    assert_eq!(ends.get(4), Some(&date(2024, 2, 29)));
    assert_eq!(ends.last(), Some(&date(2024, 9, 30)));
}
