//! Tests of the waste bank across its parts: deposits into credit, credit
//! into shares, sales out of stock, and the trace between them.

use proptest::prelude::*;
use rusqlite::Connection;

use super::*;
use crate::members::{ensure_community, insert as insert_member, MemberDetails};
use crate::test_support::{context, date};
use crate::{db, Context, Result, Satang};

struct Bank {
    conn: Connection,
    ctx: Context,
    member: i64,
    point: i64,
    pet: i64,
    can: i64,
}

/// One member BY001 and one collection point in บ่อยาง, par 100 baht.
fn bank() -> Result<Bank> {
    let conn = db::open_in_memory()?;
    let ctx = context();
    let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
    let details = MemberDetails {
        member_no: "BY001".into(),
        first_name: "มาลี".into(),
        community_id: community.id,
        ..MemberDetails::default()
    };
    let member = insert_member(&conn, &ctx, &details)?;
    let point = ensure_point(&conn, &ctx, community.id, "จุดรวบรวมวัดบ่อยาง")?.id;
    let pet = material(&conn, "PET_CLEAR")?.id;
    let can = material(&conn, "ALU_CAN")?.id;
    Ok(Bank {
        conn,
        ctx,
        member,
        point,
        pet,
        can,
    })
}

impl Bank {
    /// Records a deposit by BY001 of `grams` of `material` at
    /// `satang_per_kg`, paid as `payment`.
    fn deposit(
        &self,
        day: chrono::NaiveDate,
        material: i64,
        grams: i64,
        satang_per_kg: i64,
        payment: DepositPayment,
    ) -> Result<i64> {
        let deposit = NewDeposit {
            depositor: Depositor::Member(self.member),
            point_id: self.point,
            date: day,
            payment,
            scale_id: Some("SC-01".into()),
            weighed_by: Some("สมศรี".into()),
            receipt_no: None,
            note: None,
            lines: vec![NewLine {
                material_id: material,
                grams,
                satang_per_kg: Some(satang_per_kg),
                value: None,
            }],
        };
        record_deposit(&self.conn, &self.ctx, &deposit)
    }

    fn sale(
        &self,
        day: chrono::NaiveDate,
        material: i64,
        grams: i64,
        force: bool,
    ) -> Result<sales::SaleOutcome> {
        let buyer = ensure_buyer(&self.conn, &self.ctx, "ร้านรับซื้อของเก่าสงขลา", None)?;
        let sale = NewSale {
            buyer_id: buyer.id,
            point_id: self.point,
            date: day,
            receipt_no: None,
            note: None,
            lines: vec![NewSaleLine {
                material_id: material,
                grams,
                satang_per_kg: Some(1_000),
            }],
            force,
        };
        record_sale(&self.conn, &self.ctx, &sale)
    }
}

#[test]
fn credit_deposit_adds_its_value() -> Result<()> {
    let bank = bank()?;

    bank.deposit(
        date(2024, 3, 1),
        bank.pet,
        4_100,
        350,
        DepositPayment::Credit,
    )?;
    bank.deposit(date(2024, 3, 2), bank.pet, 1_000, 350, DepositPayment::Cash)?;

    assert_eq!(
        credit_balance(&bank.conn, bank.member)?,
        Satang(1_435),
        "4.1 kg at 3.50 baht, and nothing for the cash deposit"
    );
    Ok(())
}

#[test]
fn price_above_limit_is_rejected() -> Result<()> {
    let bank = bank()?;

    let stored = set_price(
        &bank.conn,
        &bank.ctx,
        bank.pet,
        None,
        date(2024, 1, 1),
        i64::MAX,
    );

    assert_eq!(stored.map_err(|e| e.code()), Err("price_out_of_range"));
    Ok(())
}

#[test]
fn deposit_takes_price_list_price() -> Result<()> {
    let bank = bank()?;
    set_price(&bank.conn, &bank.ctx, bank.pet, None, date(2024, 1, 1), 800)?;
    let deposit = NewDeposit {
        depositor: Depositor::Household("บ้านเลขที่ 12".into()),
        point_id: bank.point,
        date: date(2024, 2, 1),
        payment: DepositPayment::Cash,
        scale_id: None,
        weighed_by: None,
        receipt_no: None,
        note: None,
        lines: vec![NewLine {
            material_id: bank.pet,
            grams: 2_500,
            satang_per_kg: None,
            value: None,
        }],
    };

    let id = record_deposit(&bank.conn, &bank.ctx, &deposit)?;

    let stored = get_deposit(&bank.conn, id)?;
    assert_eq!(stored.lots[0].satang_per_kg, 800, "the price in force");
    assert_eq!(stored.total, Satang(2_000));
    assert_eq!(stored.household.as_deref(), Some("บ้านเลขที่ 12"));
    Ok(())
}

#[test]
fn household_cannot_take_credit() -> Result<()> {
    let bank = bank()?;
    let deposit = NewDeposit {
        depositor: Depositor::Household("บ้านเลขที่ 12".into()),
        point_id: bank.point,
        date: date(2024, 2, 1),
        payment: DepositPayment::Credit,
        scale_id: None,
        weighed_by: None,
        receipt_no: None,
        note: None,
        lines: vec![NewLine {
            material_id: bank.pet,
            grams: 2_500,
            satang_per_kg: Some(800),
            value: None,
        }],
    };

    let result = record_deposit(&bank.conn, &bank.ctx, &deposit);

    assert_eq!(result.err().map(|e| e.code()), Some("credit_needs_member"));
    Ok(())
}

#[test]
fn conversion_buys_whole_shares_and_keeps_rest() -> Result<()> {
    let bank = bank()?;
    bank.deposit(
        date(2024, 3, 1),
        bank.can,
        5_000,
        4_500,
        DepositPayment::Credit,
    )?;

    let conversion = convert_credit(&bank.conn, &bank.ctx, bank.member, date(2024, 3, 5), None)?;

    assert_eq!(conversion.shares, 2, "225 baht buys two 100-baht shares");
    assert_eq!(conversion.amount, Satang(20_000));
    assert_eq!(credit_balance(&bank.conn, bank.member)?, Satang(2_500));
    assert_eq!(crate::shares::balance(&bank.conn, bank.member)?, 2);
    let purchase = crate::shares::stored(&bank.conn, conversion.share_transaction_id)?;
    assert_eq!(
        purchase.payment,
        Some(crate::shares::Payment::PlasticCredit),
        "a purchase paid by plastic credit"
    );
    Ok(())
}

#[test]
fn conversion_without_enough_credit_fails() -> Result<()> {
    let bank = bank()?;
    bank.deposit(
        date(2024, 3, 1),
        bank.pet,
        10_000,
        800,
        DepositPayment::Credit,
    )?;

    let result = convert_credit(&bank.conn, &bank.ctx, bank.member, date(2024, 3, 5), None);
    let too_many = convert_credit(
        &bank.conn,
        &bank.ctx,
        bank.member,
        date(2024, 3, 5),
        Some(3),
    );
    let too_early = convert_credit(&bank.conn, &bank.ctx, bank.member, date(2024, 2, 1), None);

    assert_eq!(
        result.err().map(|e| e.code()),
        Some("credit_insufficient"),
        "80 baht"
    );
    assert_eq!(
        too_many.err().map(|e| e.code()),
        Some("credit_insufficient")
    );
    assert_eq!(
        too_early.err().map(|e| e.code()),
        Some("credit_insufficient"),
        "credit earned later cannot pay for an earlier purchase"
    );
    Ok(())
}

#[test]
fn sale_allocates_oldest_lots_first() -> Result<()> {
    let bank = bank()?;
    let first = bank.deposit(date(2024, 3, 1), bank.pet, 3_000, 800, DepositPayment::Cash)?;
    let second = bank.deposit(date(2024, 3, 2), bank.pet, 3_000, 800, DepositPayment::Cash)?;

    bank.sale(date(2024, 3, 10), bank.pet, 4_000, false)?;

    let first_lot = trace::traced_lots(&bank.conn, first)?;
    let second_lot = trace::traced_lots(&bank.conn, second)?;
    assert_eq!(
        first_lot[0].sales[0].grams, 3_000,
        "the older lot is emptied"
    );
    assert_eq!(
        second_lot[0].sales[0].grams, 1_000,
        "the rest from the newer lot"
    );
    let stock = stock(&bank.conn)?;
    assert_eq!(stock[0].grams, 2_000);
    Ok(())
}

#[test]
fn sale_over_stock_needs_force() -> Result<()> {
    let bank = bank()?;
    bank.deposit(date(2024, 3, 1), bank.pet, 3_000, 800, DepositPayment::Cash)?;

    let refused = bank.sale(date(2024, 3, 10), bank.pet, 5_000, false);
    let forced = bank.sale(date(2024, 3, 10), bank.pet, 5_000, true)?;

    assert_eq!(refused.err().map(|e| e.code()), Some("stock_exceeded"));
    assert!(forced.warning.is_some(), "a forced sale keeps its warning");
    let sale = sales::get_sale(&bank.conn, forced.sale_id)?;
    assert!(sale.forced);
    assert_eq!(sale.lines[0].unallocated_grams, 2_000);
    assert_eq!(
        stock(&bank.conn)?[0].grams,
        -2_000,
        "stock shows the shortfall"
    );
    Ok(())
}

#[test]
fn reversed_sale_returns_stock() -> Result<()> {
    let bank = bank()?;
    let deposit = bank.deposit(date(2024, 3, 1), bank.pet, 3_000, 800, DepositPayment::Cash)?;
    let sale = bank.sale(date(2024, 3, 10), bank.pet, 2_000, false)?;

    reverse_sale(&bank.conn, &bank.ctx, sale.sale_id, "wrong buyer")?;

    assert_eq!(stock(&bank.conn)?[0].grams, 3_000);
    assert!(
        trace::traced_lots(&bank.conn, deposit)?[0].sales.is_empty(),
        "a reversed sale leaves the trace"
    );
    let again = reverse_sale(&bank.conn, &bank.ctx, sale.sale_id, "twice");
    assert_eq!(again.err().map(|e| e.code()), Some("already_reversed"));
    Ok(())
}

#[test]
fn deposit_reversal_takes_credit_back() -> Result<()> {
    let bank = bank()?;
    let id = bank.deposit(
        date(2024, 3, 1),
        bank.pet,
        4_100,
        350,
        DepositPayment::Credit,
    )?;

    let reversal = reverse_deposit(&bank.conn, &bank.ctx, id, "wrong member")?;

    assert_eq!(credit_balance(&bank.conn, bank.member)?, Satang::ZERO);
    let summary = deposits::summary(&bank.conn, date(2024, 1, 1), date(2024, 12, 31))?;
    assert_eq!(summary.rows, 0, "the lot and its reversal cancel");
    assert_eq!(summary.value, Satang::ZERO);
    assert_eq!(get_deposit(&bank.conn, reversal)?.reverses_id, Some(id));
    Ok(())
}

#[test]
fn deposit_with_used_credit_cannot_be_reversed() -> Result<()> {
    let bank = bank()?;
    let id = bank.deposit(
        date(2024, 3, 1),
        bank.can,
        5_000,
        4_500,
        DepositPayment::Credit,
    )?;
    convert_credit(
        &bank.conn,
        &bank.ctx,
        bank.member,
        date(2024, 3, 5),
        Some(1),
    )?;

    let result = reverse_deposit(&bank.conn, &bank.ctx, id, "too late");

    assert_eq!(result.err().map(|e| e.code()), Some("credit_used"));
    Ok(())
}

#[test]
fn reversed_conversion_gives_credit_back() -> Result<()> {
    let bank = bank()?;
    let deposit = bank.deposit(
        date(2024, 3, 1),
        bank.can,
        5_000,
        4_500,
        DepositPayment::Credit,
    )?;
    let conversion = convert_credit(
        &bank.conn,
        &bank.ctx,
        bank.member,
        date(2024, 3, 5),
        Some(2),
    )?;
    assert_eq!(
        credit_balance(&bank.conn, bank.member)?,
        Satang::from_baht(25)
    );

    let reversal = crate::shares::reverse(
        &bank.conn,
        &bank.ctx,
        conversion.share_transaction_id,
        "wrong member",
    )?;

    assert_eq!(
        credit_balance(&bank.conn, bank.member)?,
        Satang::from_baht(225),
        "the 200 baht the two shares used are credit again"
    );
    let history = credit_history(&bank.conn, bank.member)?;
    let refund = history.last().expect("a refund entry");
    assert_eq!(refund.kind, credit::EntryKind::Refund);
    assert_eq!(refund.amount, Satang::from_baht(200));
    assert_eq!(refund.share_transaction_id, Some(reversal));
    assert_eq!(
        credit_available(&bank.conn, bank.member, date(2024, 3, 5))?,
        Satang::from_baht(225),
        "the deposit's credit can be used again"
    );
    let trace = trace_credit(&bank.conn, bank.member)?;
    assert_eq!(trace.purchases.len(), 1);
    assert!(trace.purchases[0].reversed, "the trace marks the purchase");
    reverse_deposit(&bank.conn, &bank.ctx, deposit, "wrong member")?;
    assert_eq!(
        credit_balance(&bank.conn, bank.member)?,
        Satang::ZERO,
        "with the credit given back, the deposit can be reversed"
    );
    let lots = &trace_credit(&bank.conn, bank.member)?.purchases[0].lots;
    assert_eq!(lots.len(), 1);
    assert!(lots[0].reversed, "the trace marks the reversed deposit");
    Ok(())
}

#[test]
fn refunded_credit_is_used_again_oldest_first() -> Result<()> {
    let bank = bank()?;
    bank.deposit(
        date(2024, 3, 1),
        bank.can,
        1_000,
        10_000,
        DepositPayment::Credit,
    )?;
    bank.deposit(
        date(2024, 3, 2),
        bank.can,
        1_000,
        10_000,
        DepositPayment::Credit,
    )?;
    let first = convert_credit(
        &bank.conn,
        &bank.ctx,
        bank.member,
        date(2024, 3, 3),
        Some(1),
    )?;
    crate::shares::reverse(&bank.conn, &bank.ctx, first.share_transaction_id, "typo")?;

    let second = convert_credit(
        &bank.conn,
        &bank.ctx,
        bank.member,
        date(2024, 3, 3),
        Some(2),
    )?;

    assert_eq!(
        second.amount,
        Satang::from_baht(200),
        "both deposits pay again"
    );
    assert_eq!(credit_balance(&bank.conn, bank.member)?, Satang::ZERO);
    let trace = trace_credit(&bank.conn, bank.member)?;
    let used: Vec<Satang> = trace.purchases[1].credits.iter().map(|c| c.used).collect();
    assert_eq!(used, vec![Satang::from_baht(100), Satang::from_baht(100)]);
    Ok(())
}

#[test]
fn sold_deposit_cannot_be_reversed() -> Result<()> {
    let bank = bank()?;
    let id = bank.deposit(date(2024, 3, 1), bank.pet, 3_000, 800, DepositPayment::Cash)?;
    bank.sale(date(2024, 3, 10), bank.pet, 1_000, false)?;

    let result = reverse_deposit(&bank.conn, &bank.ctx, id, "too late");

    assert_eq!(result.err().map(|e| e.code()), Some("deposit_sold"));
    Ok(())
}

#[test]
fn deposits_are_append_only() -> Result<()> {
    let bank = bank()?;
    bank.deposit(
        date(2024, 3, 1),
        bank.pet,
        3_000,
        800,
        DepositPayment::Credit,
    )?;

    let update = bank.conn.execute("UPDATE waste_lots SET grams = 1", []);
    let delete = bank.conn.execute("DELETE FROM plastic_credit_entries", []);

    assert!(update.is_err(), "lots cannot be changed");
    assert!(delete.is_err(), "credit entries cannot be deleted");
    Ok(())
}

#[test]
fn share_traces_back_to_lots_and_buyer() -> Result<()> {
    let bank = bank()?;
    let first = bank.deposit(
        date(2024, 3, 1),
        bank.can,
        2_000,
        4_500,
        DepositPayment::Credit,
    )?;
    let second = bank.deposit(
        date(2024, 3, 2),
        bank.pet,
        5_000,
        800,
        DepositPayment::Credit,
    )?;
    bank.sale(date(2024, 3, 20), bank.can, 2_000, false)?;

    let conversion = convert_credit(
        &bank.conn,
        &bank.ctx,
        bank.member,
        date(2024, 3, 5),
        Some(1),
    )?;
    let traced = trace_credit(&bank.conn, bank.member)?;

    assert_eq!(traced.purchases.len(), 1);
    let purchase = &traced.purchases[0];
    assert_eq!(purchase.transaction_id, conversion.share_transaction_id);
    let used: Vec<(Option<i64>, Satang)> = purchase
        .credits
        .iter()
        .map(|c| (c.deposit_id, c.used))
        .collect();
    assert_eq!(
        used,
        [(Some(first), Satang(9_000)), (Some(second), Satang(1_000))],
        "90 baht of cans, then 10 of the 40 baht of PET"
    );
    assert_eq!(purchase.lots.len(), 2);
    assert_eq!(purchase.lots[0].scale_id.as_deref(), Some("SC-01"));
    assert_eq!(purchase.lots[0].sales.len(), 1, "the cans left in the sale");
    assert_eq!(purchase.lots[0].sales[0].buyer, "ร้านรับซื้อของเก่าสงขลา");
    assert!(
        purchase.lots[1].sales.is_empty(),
        "the PET is still in stock"
    );
    Ok(())
}

#[test]
fn round_delivery_enters_stock() -> Result<()> {
    let bank = bank()?;
    let community = crate::members::find_community(&bank.conn, "บ่อยาง")?
        .ok_or_else(|| crate::Error::rule("test", "community missing"))?;
    let zone = collectors::ensure_zone(&bank.conn, community.id, "โซน 2")?;
    let collector = add_collector(
        &bank.conn,
        &bank.ctx,
        &NewCollector {
            name: "ลุงเปีย".into(),
            phone: Some("0812345678".into()),
            vehicle: Some("ซาเล้ง".into()),
            zone_ids: vec![zone],
        },
    )?;
    add_round(&bank.conn, &bank.ctx, collector, zone, Frequency::Weekly(3))?;

    record_round(
        &bank.conn,
        &bank.ctx,
        &NewRoundRecord {
            collector_id: collector,
            round_id: None,
            date: date(2024, 4, 3),
            visited: vec!["บ้านเลขที่ 5".into(), "บ้านเลขที่ 9".into()],
            lines: vec![(bank.pet, 12_000)],
            paid: Satang::from_baht(60),
            point_id: Some(bank.point),
            note: None,
        },
    )?;

    assert_eq!(
        stock(&bank.conn)?[0].grams,
        12_000,
        "the round's PET is in stock"
    );
    let schedule = weekly_schedule(&bank.conn)?;
    assert_eq!(schedule[2].rounds.len(), 1, "Wednesday has the round");
    assert!(schedule[0].rounds.is_empty(), "Monday has none");
    let margin = margin_by_month(&bank.conn, date(2024, 4, 1), date(2024, 4, 30))?;
    assert_eq!(margin[0].collector_pay, Satang::from_baht(60));
    Ok(())
}

/// Adds a collector called `name` serving a new zone `zone` of บ่อยาง, and
/// returns the collector's and the zone's ids.
fn collector_in_zone(bank: &Bank, name: &str, zone: &str) -> Result<(i64, i64)> {
    let community = crate::members::find_community(&bank.conn, "บ่อยาง")?
        .ok_or_else(|| crate::Error::rule("test", "community missing"))?;
    let zone = collectors::ensure_zone(&bank.conn, community.id, zone)?;
    let collector = add_collector(
        &bank.conn,
        &bank.ctx,
        &NewCollector {
            name: name.into(),
            phone: Some("0812345678".into()),
            vehicle: None,
            zone_ids: vec![zone],
        },
    )?;
    Ok((collector, zone))
}

fn round_record(collector_id: i64, round_id: Option<i64>) -> NewRoundRecord {
    NewRoundRecord {
        collector_id,
        round_id,
        date: date(2024, 4, 3),
        visited: Vec::new(),
        lines: Vec::new(),
        paid: Satang::from_baht(40),
        point_id: None,
        note: None,
    }
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })?,
    )
}

#[test]
fn round_record_of_other_collector_is_rejected() -> Result<()> {
    let bank = bank()?;
    let (pia, zone) = collector_in_zone(&bank, "ลุงเปีย", "โซน 2")?;
    let (daeng, _) = collector_in_zone(&bank, "ป้าแดง", "โซน 3")?;
    let pia_round = add_round(&bank.conn, &bank.ctx, pia, zone, Frequency::Daily)?;

    let rejected = record_round(&bank.conn, &bank.ctx, &round_record(daeng, Some(pia_round)));
    let records_after_rejection = count(&bank.conn, "waste_round_records")?;
    let own = record_round(&bank.conn, &bank.ctx, &round_record(pia, Some(pia_round)));

    assert_eq!(
        rejected.err().map(|e| e.code()),
        Some("round_of_other_collector"),
        "ป้าแดง's record cannot name ลุงเปีย's round"
    );
    assert_eq!(records_after_rejection, 0, "nothing is written");
    assert!(own.is_ok(), "ลุงเปีย's record may name his round: {own:?}");
    Ok(())
}

#[test]
fn round_record_with_unknown_round_fails() -> Result<()> {
    let bank = bank()?;
    let (pia, _) = collector_in_zone(&bank, "ลุงเปีย", "โซน 2")?;

    let rejected = record_round(&bank.conn, &bank.ctx, &round_record(pia, Some(999)));

    assert_eq!(rejected.err().map(|e| e.code()), Some("not_found"));
    Ok(())
}

#[test]
fn collector_edit_changes_details_and_audits() -> Result<()> {
    let bank = bank()?;
    let (pia, zone_2) = collector_in_zone(&bank, "ลุงเปีย", "โซน 2")?;
    let (_, zone_3) = collector_in_zone(&bank, "ป้าแดง", "โซน 3")?;

    let edited = collectors::update_collector(
        &bank.conn,
        &bank.ctx,
        pia,
        &NewCollector {
            name: "  ลุงเปีย   ใจดี ".into(),
            phone: Some("0899999999".into()),
            vehicle: Some("ซาเล้ง กข 1234".into()),
            zone_ids: vec![zone_3],
        },
    )?;

    assert_eq!(edited.name, "ลุงเปีย ใจดี", "spaces are collapsed");
    assert_eq!(edited.phone.as_deref(), Some("0899999999"));
    assert_eq!(edited.vehicle.as_deref(), Some("ซาเล้ง กข 1234"));
    assert_eq!(
        edited.zone_ids,
        vec![zone_3],
        "zone 2 is replaced by zone 3"
    );
    assert_ne!(zone_2, zone_3);
    let history = crate::audit::history(&bank.conn, "waste_collectors", &pia.to_string())?;
    let update = history.last().map(|entry| entry.action.as_str());
    assert_eq!(update, Some("update"), "the edit is in the audit log");
    let old_phone = history
        .last()
        .and_then(|e| e.old.as_ref())
        .map(|old| old["phone"].clone());
    assert_eq!(old_phone, Some("0812345678".into()), "with the old phone");
    Ok(())
}

#[test]
fn buyer_names_ignore_zero_width_spaces() -> Result<()> {
    let bank = bank()?;

    let first =
        crate::waste::sales::ensure_buyer(&bank.conn, &bank.ctx, "ร้านรับซื้อของเก่าสงขลา", None)?;
    let again = crate::waste::sales::ensure_buyer(
        &bank.conn,
        &bank.ctx,
        "ร้านรับซื้อของเก่า\u{200b}สงขลา",
        None,
    )?;

    assert_eq!(again.id, first.id, "the same buyer");
    Ok(())
}

#[test]
fn collector_edit_rejects_taken_name() -> Result<()> {
    let bank = bank()?;
    let (pia, zone) = collector_in_zone(&bank, "ลุงเปีย", "โซน 2")?;
    collector_in_zone(&bank, "ป้าแดง", "โซน 3")?;
    let details = |name: &str| NewCollector {
        name: name.into(),
        phone: None,
        vehicle: None,
        zone_ids: vec![zone],
    };

    let taken = collectors::update_collector(&bank.conn, &bank.ctx, pia, &details("ป้าแดง"));
    let hidden =
        collectors::update_collector(&bank.conn, &bank.ctx, pia, &details("ป้า\u{200b}แดง"));
    let blank = collectors::update_collector(&bank.conn, &bank.ctx, pia, &details(" "));
    let own = collectors::update_collector(&bank.conn, &bank.ctx, pia, &details("ลุงเปีย"));

    assert_eq!(taken.err().map(|e| e.code()), Some("collector_exists"));
    assert_eq!(
        hidden.err().map(|e| e.code()),
        Some("collector_exists"),
        "a zero-width space does not make another name"
    );
    assert_eq!(
        blank.err().map(|e| e.code()),
        Some("collector_name_missing")
    );
    assert!(own.is_ok(), "a collector keeps their own name: {own:?}");
    Ok(())
}

#[test]
fn deactivated_collector_leaves_schedule() -> Result<()> {
    let bank = bank()?;
    let (pia, zone) = collector_in_zone(&bank, "ลุงเปีย", "โซน 2")?;
    add_round(&bank.conn, &bank.ctx, pia, zone, Frequency::Weekly(1))?;

    let off = collectors::set_collector_active(&bank.conn, &bank.ctx, pia, false)?;
    let monday_off = weekly_schedule(&bank.conn)?[0].rounds.len();
    let new_round = add_round(&bank.conn, &bank.ctx, pia, zone, Frequency::Daily);
    let on = collectors::set_collector_active(&bank.conn, &bank.ctx, pia, true)?;
    let monday_on = weekly_schedule(&bank.conn)?[0].rounds.len();

    assert!(!off.active, "the collector is deactivated");
    assert_eq!(monday_off, 0, "their round leaves the schedule");
    assert_eq!(
        new_round.err().map(|e| e.code()),
        Some("collector_inactive"),
        "a deactivated collector takes no new round"
    );
    assert!(on.active, "the collector is active again");
    assert_eq!(monday_on, 1, "their round is back on Monday");
    assert_eq!(count(&bank.conn, "waste_rounds")?, 1, "rounds are kept");
    let history = crate::audit::history(&bank.conn, "waste_collectors", &pia.to_string())?;
    let actives: Vec<_> = history
        .iter()
        .filter_map(|entry| entry.new.as_ref().map(|new| new["active"].as_bool()))
        .collect();
    assert_eq!(
        actives,
        vec![Some(true), Some(false), Some(true)],
        "adding, deactivating and reactivating are in the audit log"
    );
    Ok(())
}

#[test]
fn sale_reversal_needs_reason() -> Result<()> {
    let bank = bank()?;
    bank.deposit(date(2024, 3, 1), bank.pet, 3_000, 800, DepositPayment::Cash)?;
    let sale = bank.sale(date(2024, 3, 10), bank.pet, 2_000, false)?;

    let blank = reverse_sale(&bank.conn, &bank.ctx, sale.sale_id, "  ");
    let stock_after_blank = stock(&bank.conn)?[0].grams;
    let reversal = reverse_sale(&bank.conn, &bank.ctx, sale.sale_id, "ผู้ซื้อผิดราย")?;

    assert_eq!(blank.err().map(|e| e.code()), Some("reason_missing"));
    assert_eq!(
        stock_after_blank, 1_000,
        "nothing is reversed without a reason"
    );
    assert_eq!(
        stock(&bank.conn)?[0].grams,
        3_000,
        "the 2 kg are back in stock"
    );
    let original = sales::get_sale(&bank.conn, sale.sale_id)?;
    assert_eq!(
        original.reversed_by,
        Some(reversal),
        "the sale names its reversal"
    );
    let stored = sales::get_sale(&bank.conn, reversal)?;
    assert_eq!(
        stored.note.as_deref(),
        Some("ผู้ซื้อผิดราย"),
        "the reason is kept"
    );
    assert_eq!(
        stored.revenue,
        Satang(-2_000),
        "the reversal cancels the revenue"
    );
    assert_eq!(
        count(&bank.conn, "waste_sales")?,
        2,
        "the sale itself stays"
    );
    Ok(())
}

#[test]
fn programme_report_sums_plastic_and_members() -> Result<()> {
    let bank = bank()?;
    bank.deposit(date(2024, 3, 1), bank.pet, 4_100, 800, DepositPayment::Cash)?;
    bank.deposit(
        date(2024, 4, 1),
        bank.can,
        2_000,
        4_500,
        DepositPayment::Credit,
    )?;

    let filter = ReportFilter::new(date(2024, 1, 1), date(2024, 12, 31))?;
    let report = programme_report(&bank.conn, &filter)?;

    assert_eq!(report.total_grams, 6_100);
    assert_eq!(report.plastic_grams, 4_100, "cans are not plastic");
    assert_eq!(report.active_members, 1);
    assert_eq!(report.value_returned, Satang(3_280 + 9_000));
    assert_eq!(report.credit_earned, Satang(9_000));
    assert_eq!(report.by_month.len(), 12, "every month of the year");
    assert_eq!(report.by_month[2].plastic_grams, 4_100, "March");
    assert_eq!(report.by_polymer, [("PET".to_string(), 4_100)]);
    assert_eq!(report.points[0].lots, 2);
    Ok(())
}

proptest! {
    #[test]
    fn conversion_neither_creates_nor_loses_satang(
        deposits in prop::collection::vec((1i64..50_000, 0i64..10_000), 1..8),
        par in 1i64..50_000,
        payout in 0i64..5_000,
    ) {
        let bank = bank().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let run = || -> Result<(Satang, Satang, i64)> {
            crate::db::set_setting(&bank.conn, &bank.ctx, "share_par_satang", &par.to_string())?;
            for (day, (grams, price)) in deposits.iter().enumerate() {
                let day = date(2024, 1, 1) + chrono::Days::new(day as u64);
                bank.deposit(day, bank.pet, *grams, *price, DepositPayment::Credit)?;
            }
            let end = date(2024, 6, 30);
            if payout > 0 && credit_available(&bank.conn, bank.member, end)?.satang() >= payout {
                pay_out_credit(&bank.conn, &bank.ctx, bank.member, end, Some(Satang(payout)))?;
            }
            let before = credit_balance(&bank.conn, bank.member)?;
            let shares = match convert_credit(&bank.conn, &bank.ctx, bank.member, end, None) {
                Ok(conversion) => conversion.shares,
                Err(error) if error.code() == "credit_insufficient" => 0,
                Err(error) => return Err(error),
            };
            Ok((before, credit_balance(&bank.conn, bank.member)?, shares))
        };
        let (before, after, shares) = run().map_err(|e| TestCaseError::fail(e.to_string()))?;

        prop_assert_eq!(before.satang(), shares * par + after.satang());
        prop_assert!(after.satang() >= 0 && after.satang() < par, "the rest is below one share");
        let held = crate::shares::balance(&bank.conn, bank.member)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(held, shares);
    }
}
