//! Helpers shared by the community bank's unit tests: a database with a
//! few members, a loan product and loans in each state.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::accounts::Via;
use super::loans::{self, Application, Decision, Loan};
use super::products::{self, PenaltyRule, Product};
use super::schedule::Method;
use crate::members::{self, MemberDetails};
use crate::test_support::{context, date};
use crate::{Context, Result, Satang};

/// A database and the context the tests write with.
pub(crate) struct Bank {
    pub(crate) conn: Connection,
    pub(crate) ctx: Context,
}

/// Members BY001 to BY003 who joined in 2020 and BY004 who joined on
/// 1 June 2024, all in บ่อยาง, and product GEN: flat 12 % a year, up to
/// 50,000 baht over 24 months, for trade or home repairs, one guarantor.
pub(crate) fn bank() -> Result<Bank> {
    let conn = crate::db::open_in_memory()?;
    let ctx = context();
    let community = members::ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
    let people = [
        ("BY001", "มาลี", date(2020, 1, 1)),
        ("BY002", "สมชาย", date(2020, 1, 1)),
        ("BY003", "สมศรี", date(2020, 1, 1)),
        ("BY004", "ประยุทธ", date(2024, 6, 1)),
    ];
    for (member_no, first_name, joined) in people {
        let details = MemberDetails {
            member_no: member_no.into(),
            title: "นาง".into(),
            first_name: first_name.into(),
            last_name: "ใจดี".into(),
            community_id: community.id,
            joined: Some(joined),
            ..MemberDetails::default()
        };
        members::insert(&conn, &ctx, &details)?;
    }
    products::add_product(&conn, &ctx, &general_product())?;
    Ok(Bank { conn, ctx })
}

/// Product GEN of [`bank`].
pub(crate) fn general_product() -> Product {
    Product {
        id: 0,
        code: "GEN".into(),
        name: "เงินกู้สามัญ".into(),
        method: Method::Flat,
        rate_ppm: 120_000,
        max_principal: Satang::from_baht(50_000),
        max_months: 24,
        purposes: vec!["trade".into(), "home".into()],
        guarantors_required: 1,
        penalty: PenaltyRule::default(),
    }
}

/// An application by `member_no` for `baht` over `months` months under
/// GEN, for trade, guaranteed by `guarantor`, on 15 January 2024.
pub(crate) fn application(member_no: &str, guarantor: &str, baht: i64, months: u32) -> Application {
    Application {
        member_no: member_no.into(),
        product_code: "GEN".into(),
        principal: Satang::from_baht(baht),
        months,
        purpose_code: "trade".into(),
        purpose_text: Some("ขายของชำ".into()),
        guarantors: vec![guarantor.into()],
        applied_on: date(2024, 1, 15),
        loan_no: None,
        note: None,
    }
}

/// The committee's decision on `on`, minute 1/2567.
pub(crate) fn decision(on: NaiveDate) -> Decision {
    Decision {
        on,
        by: "ประธานกรรมการ".into(),
        minute_no: "1/2567".into(),
    }
}

/// A loan of 12,000 baht over 12 months to BY001, guaranteed by BY002,
/// approved on 20 January and paid out in cash on 1 February 2024:
/// 1,120 baht a month from 1 March, 120 of it interest.
pub(crate) fn active_loan(bank: &Bank) -> Result<Loan> {
    let loan = loans::apply(
        &bank.conn,
        &bank.ctx,
        &application("BY001", "BY002", 12_000, 12),
    )?;
    loans::approve(
        &bank.conn,
        &bank.ctx,
        &loan.loan_no,
        &decision(date(2024, 1, 20)),
    )?;
    loans::disburse(
        &bank.conn,
        &bank.ctx,
        &loan.loan_no,
        date(2024, 2, 1),
        Via::Cash,
    )
}

/// Debits less credits of an account over the whole journal.
pub(crate) fn journal_balance(conn: &Connection, account: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(debit_satang) - sum(credit_satang), 0) FROM journal_lines
         WHERE account_code = ?1",
        [account],
        |row| row.get(0),
    )?)
}
