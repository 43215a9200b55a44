//! Tests of posting the other registers into the journal: each kind of
//! record lands on its accounts once, reversals mirror their originals,
//! and the journal balances throughout.

use rusqlite::Connection;

use super::*;
use crate::dividends::{self, Basis, Method, Params, PaymentMethod};
use crate::exchange::{self, money::MoneyKind, money::NewMovement};
use crate::fund::accounts::{
    ACCUMULATED_SURPLUS, CASH, COLLECTOR_PAY, DIVIDENDS_PAYABLE, EQUIPMENT_DEPOSITS_HELD,
    EQUIPMENT_FEE_INCOME, EQUIPMENT_SALES, OPENING_BALANCES, PLASTIC_CREDIT_PAYABLE,
    RECYCLABLES_BOUGHT, RECYCLABLES_SALES, SHARE_CAPITAL,
};
use crate::fund::testing::journal_balance as balance;
use crate::members::{ensure_community, insert as insert_member, MemberDetails};
use crate::shares::{self, Kind, NewTransaction, Payment};
use crate::test_support::{context, date};
use crate::waste::{self, DepositPayment, Depositor, NewDeposit, NewLine};
use crate::{db, Result, Satang};

struct Registers {
    conn: Connection,
    ctx: crate::Context,
    community: i64,
    members: Vec<i64>,
}

/// Two members, BY001 and BY002, in บ่อยาง; par 100 baht.
fn registers() -> Result<Registers> {
    let conn = db::open_in_memory()?;
    let ctx = context();
    let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?.id;
    let mut members = Vec::new();
    for (no, name) in [("BY001", "มาลี"), ("BY002", "สมชาย")] {
        let details = MemberDetails {
            member_no: no.into(),
            first_name: name.into(),
            community_id: community,
            ..MemberDetails::default()
        };
        members.push(insert_member(&conn, &ctx, &details)?);
    }
    Ok(Registers {
        conn,
        ctx,
        community,
        members,
    })
}

impl Registers {
    fn shares(
        &self,
        member: usize,
        kind: Kind,
        payment: Option<Payment>,
        count: i64,
    ) -> Result<i64> {
        let mut tx = NewTransaction::new(
            self.members[member],
            date(2024, 3, 1),
            kind,
            count,
            Satang(count * 10_000),
        );
        tx.payment = payment;
        shares::post(&self.conn, &self.ctx, &tx)
    }

    fn sync(&self) -> Result<SyncSummary> {
        sync(&self.conn, &self.ctx)
    }
}

#[test]
fn share_transactions_post_to_their_accounts() -> Result<()> {
    let r = registers()?;
    r.shares(0, Kind::Opening, None, 10)?;
    r.shares(0, Kind::Purchase, Some(Payment::Cash), 5)?;
    r.shares(1, Kind::Purchase, Some(Payment::PlasticCredit), 2)?;
    r.shares(0, Kind::Withdrawal, None, 3)?;

    let summary = r.sync()?;

    assert_eq!(summary.posted, 4, "four records moved money");
    assert_eq!(
        balance(&r.conn, SHARE_CAPITAL)?,
        -140_000,
        "14 shares of 100 baht"
    );
    assert_eq!(
        balance(&r.conn, OPENING_BALANCES)?,
        100_000,
        "10 shares brought forward"
    );
    assert_eq!(balance(&r.conn, CASH)?, 20_000, "5 bought less 3 withdrawn");
    assert_eq!(
        balance(&r.conn, PLASTIC_CREDIT_PAYABLE)?,
        20_000,
        "2 shares of credit used"
    );
    assert!(journal::check(&r.conn)?.is_empty(), "the journal balances");
    Ok(())
}

#[test]
fn sync_twice_posts_nothing_new() -> Result<()> {
    let r = registers()?;
    r.shares(0, Kind::Purchase, Some(Payment::Cash), 5)?;
    let mut transfer = NewTransaction::new(
        r.members[0],
        date(2024, 4, 1),
        Kind::Transfer,
        1,
        Satang(10_000),
    );
    transfer.to_member_id = Some(r.members[1]);
    shares::post(&r.conn, &r.ctx, &transfer)?;

    let first = r.sync()?;
    let second = r.sync()?;

    assert_eq!(first.posted, 1, "the purchase");
    assert_eq!(first.skipped, 1, "a transfer moves no money");
    assert_eq!(second, SyncSummary::default(), "nothing left to post");
    Ok(())
}

#[test]
fn share_reversal_mirrors_its_entry() -> Result<()> {
    let r = registers()?;
    let purchase = r.shares(0, Kind::Purchase, Some(Payment::Cash), 5)?;
    r.sync()?;

    let reversal = shares::reverse(&r.conn, &r.ctx, purchase, "wrong member")?;
    r.sync()?;

    let original = journal::entry_for_source(&r.conn, SHARE_TRANSACTION, purchase)?;
    let mirror = journal::entry_for_source(&r.conn, SHARE_TRANSACTION, reversal)?;
    let mirror = mirror
        .map(|id| journal::get_entry(&r.conn, id))
        .transpose()?;
    assert_eq!(
        mirror.and_then(|e| e.reverses_id),
        original,
        "the reversal names the original"
    );
    assert_eq!(balance(&r.conn, CASH)?, 0, "the cash is taken back");
    assert_eq!(balance(&r.conn, SHARE_CAPITAL)?, 0, "and the capital");
    Ok(())
}

#[test]
fn dividends_declared_paid_and_reversed() -> Result<()> {
    let r = registers()?;
    r.shares(0, Kind::Opening, None, 10)?;
    r.shares(1, Kind::Opening, None, 30)?;
    let params = Params {
        year_be: 2567,
        method: Method::YearEnd,
        basis: Basis::Pool(Satang(400_000)),
    };
    dividends::run(&r.conn, &r.ctx, &params)?;
    dividends::approve(&r.conn, &r.ctx, 2567)?;
    dividends::pay(
        &r.conn,
        &r.ctx,
        2567,
        "BY001",
        PaymentMethod::Cash,
        date(2025, 1, 10),
    )?;
    dividends::pay(
        &r.conn,
        &r.ctx,
        2567,
        "BY002",
        PaymentMethod::Reinvest,
        date(2025, 1, 10),
    )?;
    r.sync()?;

    assert_eq!(
        balance(&r.conn, ACCUMULATED_SURPLUS)?,
        400_000,
        "4,000 declared"
    );
    assert_eq!(balance(&r.conn, DIVIDENDS_PAYABLE)?, 0, "all of it paid");
    assert_eq!(balance(&r.conn, CASH)?, -100_000, "BY001's 1,000 in cash");
    assert_eq!(
        balance(&r.conn, SHARE_CAPITAL)?,
        -400_000 - 300_000,
        "BY002's 3,000 as 30 shares"
    );

    dividends::reverse(&r.conn, &r.ctx, 2567)?;
    r.sync()?;

    for account in [ACCUMULATED_SURPLUS, DIVIDENDS_PAYABLE, CASH] {
        assert_eq!(balance(&r.conn, account)?, 0, "{account} is back to zero");
    }
    assert_eq!(
        balance(&r.conn, SHARE_CAPITAL)?,
        -400_000,
        "the reinvested shares go"
    );
    assert!(journal::check(&r.conn)?.is_empty(), "the journal balances");
    Ok(())
}

#[test]
fn waste_bank_money_reaches_the_journal() -> Result<()> {
    let r = registers()?;
    let ctx = &r.ctx;
    let point = waste::ensure_point(&r.conn, ctx, r.community, "จุดรวบรวมวัด")?.id;
    let pet = waste::material(&r.conn, "PET_CLEAR")?.id;
    let deposit = |payment, grams| -> Result<i64> {
        let new = NewDeposit {
            depositor: Depositor::Member(r.members[0]),
            point_id: point,
            date: date(2024, 5, 1),
            payment,
            scale_id: None,
            weighed_by: None,
            receipt_no: None,
            note: None,
            lines: vec![NewLine {
                material_id: pet,
                grams,
                satang_per_kg: Some(1_000),
                value: None,
            }],
        };
        waste::record_deposit(&r.conn, ctx, &new)
    };
    deposit(DepositPayment::Cash, 10_000)?;
    deposit(DepositPayment::Credit, 150_000)?;
    let wrong = deposit(DepositPayment::Cash, 5_000)?;
    waste::reverse_deposit(&r.conn, ctx, wrong, "weighed twice")?;
    waste::convert_credit(&r.conn, ctx, r.members[0], date(2024, 5, 2), Some(1))?;
    waste::pay_out_credit(
        &r.conn,
        ctx,
        r.members[0],
        date(2024, 5, 3),
        Some(Satang(2_000)),
    )?;
    let buyer = waste::ensure_buyer(&r.conn, ctx, "ร้านรับซื้อของเก่า", None)?.id;
    let sale = waste::NewSale {
        buyer_id: buyer,
        point_id: point,
        date: date(2024, 5, 4),
        receipt_no: None,
        note: None,
        lines: vec![waste::NewSaleLine {
            material_id: pet,
            grams: 100_000,
            satang_per_kg: Some(1_500),
        }],
        force: false,
    };
    waste::record_sale(&r.conn, ctx, &sale)?;
    let collector = waste::add_collector(
        &r.conn,
        ctx,
        &waste::NewCollector {
            name: "ลุงเก็บ".into(),
            phone: None,
            vehicle: None,
            zone_ids: Vec::new(),
        },
    )?;
    let round = waste::NewRoundRecord {
        collector_id: collector,
        round_id: None,
        date: date(2024, 5, 5),
        visited: Vec::new(),
        lines: Vec::new(),
        paid: Satang(30_000),
        point_id: None,
        note: None,
    };
    waste::record_round(&r.conn, ctx, &round)?;

    r.sync()?;

    assert_eq!(
        balance(&r.conn, RECYCLABLES_BOUGHT)?,
        10_000 + 150_000,
        "10 kg in cash and 150 kg in credit at 10 baht"
    );
    assert_eq!(
        balance(&r.conn, PLASTIC_CREDIT_PAYABLE)?,
        -150_000 + 10_000 + 2_000,
        "credit less one share and the payout"
    );
    assert_eq!(
        balance(&r.conn, RECYCLABLES_SALES)?,
        -150_000,
        "100 kg at 15 baht"
    );
    assert_eq!(balance(&r.conn, COLLECTOR_PAY)?, 30_000, "the round's pay");
    assert_eq!(
        balance(&r.conn, CASH)?,
        -10_000 - 2_000 + 150_000 - 30_000,
        "cash deposit, payout, sale and pay"
    );
    assert!(journal::check(&r.conn)?.is_empty(), "the journal balances");
    Ok(())
}

#[test]
fn record_in_closed_year_moves_to_open_year() -> Result<()> {
    let r = registers()?;
    r.shares(0, Kind::Purchase, Some(Payment::Cash), 1)?;
    crate::fund::years::close_year(&r.conn, &r.ctx, 2567)?;
    let late = r.shares(1, Kind::Purchase, Some(Payment::Cash), 2)?;

    r.sync()?;

    let entry = journal::entry_for_source(&r.conn, SHARE_TRANSACTION, late)?;
    let entry = entry
        .map(|id| journal::get_entry(&r.conn, id))
        .transpose()?;
    assert_eq!(
        entry.as_ref().map(|e| e.date),
        Some(date(2025, 1, 1)),
        "first open day"
    );
    assert!(
        entry.is_some_and(|e| e.description.contains("01/03/2567")),
        "the description keeps the record's date"
    );
    Ok(())
}

/// Records one movement of the exchange from บ่อยาง to `to` and returns
/// its id.
fn exchange_money(r: &Registers, to: i64, kind: MoneyKind, key: &str, baht: i64) -> Result<i64> {
    let movement = NewMovement {
        source_key: format!("exchange:test:{key}"),
        kind,
        date: date(2024, 5, 1),
        amount: Satang::from_baht(baht),
        from: (r.community, Some(r.members[0])),
        to: (to, None),
        loan_id: None,
        transfer_id: None,
        note: None,
    };
    let id = exchange::money::record(&r.conn, &r.ctx, &movement)?;
    Ok(id.unwrap_or_default())
}

#[test]
fn exchange_money_posts_once_to_its_accounts() -> Result<()> {
    let r = registers()?;
    let owner = ensure_community(&r.conn, &r.ctx, "ท่าข้าม", Some("TK"))?.id;
    exchange_money(&r, owner, MoneyKind::LoanDeposit, "deposit", 500)?;
    exchange_money(&r, owner, MoneyKind::LoanFee, "fee", 50)?;
    exchange_money(&r, owner, MoneyKind::DepositRefund, "refund", 400)?;
    exchange_money(&r, owner, MoneyKind::DepositKept, "kept", 100)?;
    exchange_money(&r, owner, MoneyKind::Sale, "sale", 80)?;

    let first = r.sync()?;
    let second = r.sync()?;

    assert_eq!(first.posted, 5, "every movement posted");
    assert_eq!(second, SyncSummary::default(), "nothing posted twice");
    assert_eq!(
        balance(&r.conn, CASH)?,
        23_000,
        "500 deposit and 50 fee and 80 sale, less 400 refunded"
    );
    assert_eq!(
        balance(&r.conn, EQUIPMENT_DEPOSITS_HELD)?,
        0,
        "the deposit is refunded or kept in full"
    );
    assert_eq!(
        balance(&r.conn, EQUIPMENT_FEE_INCOME)?,
        -15_000,
        "50 fee and 100 kept"
    );
    assert_eq!(
        balance(&r.conn, EQUIPMENT_SALES)?,
        -8_000,
        "80 from the sale"
    );
    assert!(journal::check(&r.conn)?.is_empty(), "the journal balances");
    Ok(())
}

#[test]
fn exchange_money_reversal_mirrors_its_entry() -> Result<()> {
    let r = registers()?;
    let owner = ensure_community(&r.conn, &r.ctx, "ท่าข้าม", Some("TK"))?.id;
    let fee = exchange_money(&r, owner, MoneyKind::LoanFee, "fee", 50)?;
    r.sync()?;
    exchange::money::reverse_movement(&r.conn, &r.ctx, fee, date(2024, 5, 2), "ผิด")?;

    let summary = r.sync()?;

    assert_eq!(summary.posted, 1, "the reversal");
    let reverses: Option<i64> = r.conn.query_row(
        "SELECT reverses_id FROM journal_entries WHERE source_kind = ?1
         ORDER BY id DESC LIMIT 1",
        [EXCHANGE_MONEY],
        |row| row.get(0),
    )?;
    let original: i64 = r.conn.query_row(
        "SELECT id FROM journal_entries WHERE source_kind = ?1 AND source_id = ?2",
        (EXCHANGE_MONEY, fee),
        |row| row.get(0),
    )?;
    assert_eq!(
        reverses,
        Some(original),
        "the reversal names the fee's entry"
    );
    assert_eq!(balance(&r.conn, CASH)?, 0, "the fee is undone in cash");
    assert_eq!(
        balance(&r.conn, EQUIPMENT_FEE_INCOME)?,
        0,
        "the fee is undone in income"
    );
    assert!(journal::check(&r.conn)?.is_empty(), "the journal balances");
    Ok(())
}
