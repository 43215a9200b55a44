//! Tests of the exchange across its parts: the rice cooker without its
//! lid, lending with deposits and reservations, matches and their
//! decisions, transfers and the money they move.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::size::SizeFit;
use super::*;
use crate::members::{ensure_community, insert as insert_member, MemberDetails};
use crate::test_support::{context, date};
use crate::{db, Context, Error, Result, Satang};

/// Two communities: the kitchen of บ่อยาง and the shop of ริมทางรถไฟ.
struct Exchange {
    conn: Connection,
    ctx: Context,
    kitchen: i64,
    shop: i64,
}

fn exchange() -> Result<Exchange> {
    let conn = db::open_in_memory()?;
    let ctx = context();
    let kitchen = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?.id;
    let shop = ensure_community(&conn, &ctx, "ริมทางรถไฟ", Some("RT"))?.id;
    Ok(Exchange {
        conn,
        ctx,
        kitchen,
        shop,
    })
}

impl Exchange {
    fn item(&self, community_id: i64, name: &str, quantity: i64) -> Result<Item> {
        let tracking = if quantity > 1 {
            Tracking::Stock
        } else {
            Tracking::Unit
        };
        let details = ItemDetails {
            tracking,
            quantity,
            unit_value: Satang::from_baht(500),
            ..ItemDetails::named(name)
        };
        let new = NewItem {
            community_id,
            details,
            status: Status::Available,
            missing: None,
        };
        add_item(&self.conn, &self.ctx, &new)
    }

    fn loan(&self, item_id: i64, borrower: Borrower, out: NaiveDate, due: NaiveDate) -> NewLoan {
        NewLoan {
            item_id,
            quantity: 1,
            borrower,
            out_date: out,
            due_date: due,
            deposit: Satang::ZERO,
            fee: Satang::ZERO,
            condition: None,
            reservation_id: None,
            note: None,
        }
    }

    fn need(&self, community_id: i64, text: &str) -> Result<Post> {
        post(&self.conn, &self.ctx, &NewPost::need(community_id, text))
    }

    fn offer(&self, community_id: i64, text: &str) -> Result<Post> {
        post(&self.conn, &self.ctx, &NewPost::offer(community_id, text))
    }

    fn proposals(&self, need_id: i64) -> Result<Vec<Match>> {
        let filter = MatchFilter {
            need_id: Some(need_id),
            ..MatchFilter::default()
        };
        list_matches(&self.conn, &filter)
    }

    fn cooker_without_lid(&self) -> Result<Item> {
        let cooker = self.item(self.kitchen, "หม้อหุงข้าวไฟฟ้า 10 ลิตร", 1)?;
        set_status(
            &self.conn,
            &self.ctx,
            cooker.id,
            Status::PartMissing,
            Some("ฝา"),
        )
    }
}

impl Exchange {
    /// The kitchen's tent, lent to the shop from 15 to 20 January.
    fn lend_tent(&self) -> Result<(Item, Loan)> {
        let tent = self.item(self.kitchen, "เต็นท์", 1)?;
        let shop = Borrower::Community(self.shop);
        let new = self.loan(tent.id, shop, date(2025, 1, 15), date(2025, 1, 20));
        let loan = check_out(&self.conn, &self.ctx, &new)?;
        Ok((tent, loan))
    }

    /// The kitchen's cooker without its lid, its automatic need, and the
    /// shop's lid offer, matched and accepted.
    fn accepted_lid(&self) -> Result<(Item, Post, Post)> {
        let cooker = self.cooker_without_lid()?;
        let lid = self.offer(self.shop, "ฝาหม้อหุงข้าว 10 ลิตร")?;
        let need = posts::automatic_need(&self.conn, cooker.id)?.ok_or(Error::NotFound {
            what: "automatic need",
            key: cooker.id.to_string(),
        })?;
        accept_match(&self.conn, &self.ctx, need.id, lid.id)?;
        Ok((cooker, need, lid))
    }
}

fn rule_code<T: std::fmt::Debug>(result: Result<T>) -> Option<&'static str> {
    match result {
        Err(Error::Rule { code, .. }) => Some(code),
        _ => None,
    }
}

#[test]
fn rice_cooker_lid_is_lent_and_both_registers_show_it() -> Result<()> {
    let x = exchange()?;
    let cooker = x.cooker_without_lid()?;
    let lid_item = x.item(x.shop, "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)", 1)?;
    let lid = post(
        &x.conn,
        &x.ctx,
        &NewPost {
            item_id: Some(lid_item.id),
            offer_kind: Some(OfferKind::SparePart),
            ..NewPost::offer(x.shop, "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)")
        },
    )?;
    x.offer(x.shop, "หม้อหุงข้าวไฟฟ้า 10 ลิตร")?;
    x.offer(x.shop, "เต็นท์ 4x8 เมตร")?;
    let need = posts::automatic_need(&x.conn, cooker.id)?.ok_or(Error::NotFound {
        what: "automatic need",
        key: cooker.id.to_string(),
    })?;

    let proposals = x.proposals(need.id)?;
    let best = proposals.first().map(|m| m.offer_id);
    accept_match(&x.conn, &x.ctx, need.id, lid.id)?;
    let terms = LoanTerms {
        out_date: date(2025, 1, 15),
        due_date: date(2025, 2, 15),
        deposit: Satang::from_baht(100),
        fee: Satang::ZERO,
    };
    let loan = fulfil_by_loan(&x.conn, &x.ctx, need.id, lid.id, &terms)?;

    assert_eq!(
        need.text, "ฝาหม้อหุงข้าวไฟฟ้า 10 ลิตร",
        "need text from part and name"
    );
    assert_eq!(best, Some(lid.id), "the lid is the best-scored offer");
    assert_eq!(
        loan.borrower_community_id, x.kitchen,
        "the kitchen borrows the lid"
    );
    let shop_items = list_items(
        &x.conn,
        &ItemFilter {
            community_id: Some(x.shop),
            ..ItemFilter::default()
        },
    )?;
    let lent: Vec<(&str, Status)> = shop_items
        .iter()
        .map(|item| (item.name.as_str(), item.status))
        .collect();
    assert_eq!(
        lent,
        [("ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)", Status::Lent)],
        "the shop's register shows the lid lent"
    );
    let borrowed = list_loans(
        &x.conn,
        &LoanFilter {
            community_id: Some(x.kitchen),
            open_only: true,
            ..LoanFilter::default()
        },
    )?;
    assert_eq!(borrowed.len(), 1, "the kitchen has one loan out");
    assert_eq!(
        get_item(&x.conn, cooker.id)?.status,
        Status::Available,
        "the cooker is usable with the borrowed lid"
    );
    let decided = get_match(&x.conn, need.id, lid.id)?;
    assert_eq!(decided.status, MatchStatus::Fulfilled, "match carried out");
    assert_eq!(decided.loan_id, Some(loan.id), "match names its loan");
    Ok(())
}

#[test]
fn rice_cooker_lid_sold_moves_between_registers() -> Result<()> {
    let x = exchange()?;
    let (cooker, need, lid) = x.accepted_lid()?;

    let terms = TransferTerms {
        date: date(2025, 1, 15),
        price: Satang::from_baht(80),
    };
    let moved = fulfil_by_transfer(&x.conn, &x.ctx, need.id, lid.id, &terms)?;

    let lid_item = get_item(&x.conn, moved.to_item_id)?;
    assert_eq!(
        lid_item.community_id, x.kitchen,
        "the lid is in the kitchen's register"
    );
    assert_eq!(moved.from_community_id, x.shop, "the shop gave it");
    let money = list_movements(&x.conn, &MoneyFilter::default())?;
    let sale: Vec<(MoneyKind, Satang, i64, i64)> = money
        .iter()
        .map(|m| (m.kind, m.amount, m.from.community_id, m.to.community_id))
        .collect();
    assert_eq!(
        sale,
        [(MoneyKind::Sale, Satang::from_baht(80), x.kitchen, x.shop)],
        "the kitchen paid the shop 80 baht"
    );
    assert_eq!(
        money[0].source_key,
        format!("exchange:transfer:{}:sale", moved.id),
        "the sale names its transfer"
    );
    assert_eq!(
        get_item(&x.conn, cooker.id)?.status,
        Status::Available,
        "the cooker has its lid"
    );
    let shop_items = list_transfers(&x.conn, Some(x.shop))?;
    assert_eq!(shop_items.len(), 1, "the shop's transfers list the sale");
    Ok(())
}

#[test]
fn lid_offer_outranks_whole_cooker() -> Result<()> {
    let x = exchange()?;
    let need = x.need(x.kitchen, "ฝาหม้อหุงข้าว 10 ลิตร")?;
    let cooker = x.offer(x.shop, "หม้อหุงข้าวไฟฟ้า 10 ลิตร")?;
    let lid = x.offer(x.shop, "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)")?;
    let tent = x.offer(x.shop, "เต็นท์ 4x8 เมตร")?;

    let proposals = x.proposals(need.id)?;

    let order: Vec<i64> = proposals.iter().map(|m| m.offer_id).collect();
    assert_eq!(
        order,
        [lid.id, cooker.id],
        "lid first, then the cooker: {proposals:?}"
    );
    assert!(
        !order.contains(&tent.id),
        "the tent is not proposed: {proposals:?}"
    );
    let scores: Vec<u8> = proposals.iter().map(|m| m.score).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    Ok(())
}

#[test]
fn equal_size_outranks_other_size() -> Result<()> {
    let x = exchange()?;
    let third = ensure_community(&x.conn, &x.ctx, "เก้าแสน", Some("KS"))?.id;
    let need = x.need(x.kitchen, "ฝาหม้อหุงข้าว 5 ลิตร")?;
    let big = x.offer(x.shop, "ฝาหม้อหุงข้าว 10 ลิตร")?;
    let small = x.offer(third, "ฝาหม้อหุงข้าว 5L")?;

    let proposals = x.proposals(need.id)?;

    let order: Vec<i64> = proposals.iter().map(|m| m.offer_id).collect();
    assert_eq!(
        order,
        [small.id, big.id],
        "5-litre lid first: {proposals:?}"
    );
    let score = |id: i64| proposals.iter().find(|m| m.offer_id == id).map(|m| m.score);
    assert!(
        score(small.id) > score(big.id),
        "the 10-litre lid scores lower: {proposals:?}"
    );
    let fit = |id: i64| {
        proposals
            .iter()
            .find(|m| m.offer_id == id)
            .map(|m| m.size_fit)
    };
    assert_eq!(fit(small.id), Some(SizeFit::Same), "5 ลิตร is 5L");
    assert_eq!(fit(big.id), Some(SizeFit::Different), "10 ลิตร is not 5 ลิตร");
    Ok(())
}

#[test]
fn unknown_size_neither_helps_nor_hurts() -> Result<()> {
    let x = exchange()?;
    let third = ensure_community(&x.conn, &x.ctx, "เก้าแสน", Some("KS"))?.id;
    let need = x.need(x.kitchen, "ฝาหม้อหุงข้าว ๕ ล.")?;
    let bigger = x.offer(third, "ฝาหม้อหุงข้าว 10 ลิตร")?;
    let plain = x.offer(third, "ฝาหม้อหุงข้าว")?;
    let sized = x.offer(x.shop, "ฝาหม้อหุงข้าว 5 ลิตร")?;

    let proposals = x.proposals(need.id)?;

    let fit = |id: i64| {
        proposals
            .iter()
            .find(|m| m.offer_id == id)
            .map(|m| m.size_fit)
    };
    assert_eq!(fit(sized.id), Some(SizeFit::Same), "๕ ล. is 5 ลิตร");
    assert_eq!(
        fit(plain.id),
        Some(SizeFit::Unknown),
        "the offer names no size"
    );
    assert_eq!(
        fit(bigger.id),
        Some(SizeFit::Different),
        "10 ลิตร is not ๕ ล."
    );
    let order: Vec<i64> = proposals.iter().map(|m| m.offer_id).collect();
    assert_eq!(
        order,
        [sized.id, plain.id, bigger.id],
        "equal size, then no size, then another size: {proposals:?}"
    );
    Ok(())
}

#[test]
fn matches_skip_own_community() -> Result<()> {
    let x = exchange()?;
    let need = x.need(x.kitchen, "โต๊ะพับ")?;
    x.offer(x.kitchen, "โต๊ะพับ")?;

    let proposals = x.proposals(need.id)?;

    assert!(
        proposals.is_empty(),
        "no match within one community: {proposals:?}"
    );
    Ok(())
}

#[test]
fn thai_digits_and_tone_marks_still_match() -> Result<()> {
    let x = exchange()?;
    let need = x.need(x.kitchen, "ฝาหมอหุงขาว ๑๐ ลิตร")?;
    let lid = x.offer(x.shop, "ฝาหม้อหุงข้าว10ลิตร")?;

    let proposals = x.proposals(need.id)?;

    let best = proposals.first().map(|m| (m.offer_id, m.score));
    assert_eq!(best, Some((lid.id, 100)), "same words, other spelling");
    Ok(())
}

#[test]
fn fixing_item_closes_its_need() -> Result<()> {
    let x = exchange()?;
    let cooker = x.cooker_without_lid()?;
    let need = posts::automatic_need(&x.conn, cooker.id)?;

    set_status(&x.conn, &x.ctx, cooker.id, Status::Available, None)?;

    let need = need.map(|n| get_post(&x.conn, n.id)).transpose()?;
    assert_eq!(
        need.map(|n| (n.automatic, n.status)),
        Some((true, PostStatus::Closed)),
        "the automatic need is closed when the cooker is fixed"
    );
    assert!(
        posts::automatic_need(&x.conn, cooker.id)?.is_none(),
        "no open need is left"
    );
    Ok(())
}

#[test]
fn other_missing_part_replaces_need() -> Result<()> {
    let x = exchange()?;
    let cooker = x.cooker_without_lid()?;

    set_status(
        &x.conn,
        &x.ctx,
        cooker.id,
        Status::PartMissing,
        Some("สายไฟ"),
    )?;

    let need = posts::automatic_need(&x.conn, cooker.id)?;
    assert_eq!(
        need.and_then(|n| n.part),
        Some("สายไฟ".to_string()),
        "the need now asks for the cable"
    );
    let needs = list_posts(
        &x.conn,
        &PostFilter {
            kind: Some(PostKind::Need),
            ..PostFilter::default()
        },
    )?;
    assert_eq!(needs.len(), 2, "the lid need is kept, closed");
    Ok(())
}

#[test]
fn decline_hides_and_undo_restores() -> Result<()> {
    let x = exchange()?;
    let need = x.need(x.kitchen, "โต๊ะพับ")?;
    let offer = x.offer(x.shop, "โต๊ะพับ 20 ตัว")?;

    decline_match(&x.conn, &x.ctx, need.id, offer.id)?;
    let after_decline = x.proposals(need.id)?;
    undo_match(&x.conn, &x.ctx, need.id, offer.id)?;
    let after_undo = x.proposals(need.id)?;

    assert!(after_decline.is_empty(), "a declined match is not proposed");
    assert_eq!(after_undo.len(), 1, "an undone decline is proposed again");
    assert!(after_undo[0].id.is_some(), "the undone match keeps its row");
    Ok(())
}

#[test]
fn undo_accept_reopens_posts() -> Result<()> {
    let x = exchange()?;
    let need = x.need(x.kitchen, "โต๊ะพับ")?;
    let offer = x.offer(x.shop, "โต๊ะพับ 20 ตัว")?;
    accept_match(&x.conn, &x.ctx, need.id, offer.id)?;
    let while_accepted = x.proposals(need.id)?;

    let undone = undo_match(&x.conn, &x.ctx, need.id, offer.id)?;

    assert!(
        while_accepted.is_empty(),
        "an accepted need leaves the proposals"
    );
    assert_eq!(undone.status, MatchStatus::Proposed, "back to proposed");
    assert_eq!(
        get_post(&x.conn, need.id)?.status,
        PostStatus::Open,
        "need open"
    );
    assert_eq!(
        get_post(&x.conn, offer.id)?.status,
        PostStatus::Open,
        "offer open"
    );
    Ok(())
}

#[test]
fn undo_of_fulfilled_match_is_refused() -> Result<()> {
    let x = exchange()?;
    let need = x.need(x.kitchen, "โต๊ะพับ")?;
    let offer = x.offer(x.shop, "โต๊ะพับ")?;
    accept_match(&x.conn, &x.ctx, need.id, offer.id)?;
    let terms = TransferTerms {
        date: date(2025, 1, 15),
        price: Satang::ZERO,
    };
    fulfil_by_transfer(&x.conn, &x.ctx, need.id, offer.id, &terms)?;

    let result = undo_match(&x.conn, &x.ctx, need.id, offer.id);

    assert_eq!(
        rule_code(result),
        Some("match_fulfilled"),
        "reverse the transfer instead"
    );
    Ok(())
}

#[test]
fn check_out_and_in_moves_deposit() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์ 4x8 เมตร", 1)?;
    let new = NewLoan {
        deposit: Satang::from_baht(500),
        fee: Satang::from_baht(50),
        ..x.loan(
            tent.id,
            Borrower::Community(x.shop),
            date(2025, 1, 15),
            date(2025, 1, 20),
        )
    };

    let loan = check_out(&x.conn, &x.ctx, &new)?;
    let lent = get_item(&x.conn, tent.id)?;
    let back = Return {
        condition: Some("ผ้าใบขาดเล็กน้อย".into()),
        refund: Some(Satang::from_baht(400)),
        ..Return::in_good_order(date(2025, 1, 21))
    };
    check_in(&x.conn, &x.ctx, loan.id, &back)?;

    assert_eq!(lent.status, Status::Lent, "a unit out on loan is lent");
    let returned = get_item(&x.conn, tent.id)?;
    assert_eq!(returned.status, Status::Available, "back in good order");
    assert_eq!(
        returned.condition.as_deref(),
        Some("ผ้าใบขาดเล็กน้อย"),
        "condition as found"
    );
    let money: Vec<(MoneyKind, i64)> = list_movements(&x.conn, &MoneyFilter::default())?
        .iter()
        .map(|m| (m.kind, m.amount.baht_part()))
        .collect();
    assert_eq!(
        money,
        [
            (MoneyKind::LoanDeposit, 500),
            (MoneyKind::LoanFee, 50),
            (MoneyKind::DepositRefund, 400),
            (MoneyKind::DepositKept, 100),
        ],
        "deposit in, fee, 400 refunded and 100 kept"
    );
    Ok(())
}

#[test]
fn check_in_twice_is_refused() -> Result<()> {
    let x = exchange()?;
    let (_, loan) = x.lend_tent()?;
    check_in(
        &x.conn,
        &x.ctx,
        loan.id,
        &Return::in_good_order(date(2025, 1, 16)),
    )?;

    let again = check_in(
        &x.conn,
        &x.ctx,
        loan.id,
        &Return::in_good_order(date(2025, 1, 17)),
    );

    assert_eq!(
        rule_code(again),
        Some("loan_already_returned"),
        "one return only"
    );
    Ok(())
}

#[test]
fn lending_own_item_to_own_community_is_refused() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let new = x.loan(
        tent.id,
        Borrower::Community(x.kitchen),
        date(2025, 1, 15),
        date(2025, 1, 20),
    );

    let result = check_out(&x.conn, &x.ctx, &new);

    assert_eq!(
        rule_code(result),
        Some("loan_to_owner"),
        "a community owns it already"
    );
    Ok(())
}

#[test]
fn member_of_owner_may_borrow() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let member = insert_member(
        &x.conn,
        &x.ctx,
        &MemberDetails {
            member_no: "BY001".into(),
            first_name: "มาลี".into(),
            community_id: x.kitchen,
            ..MemberDetails::default()
        },
    )?;
    let new = x.loan(
        tent.id,
        Borrower::Member(member),
        date(2025, 1, 15),
        date(2025, 1, 20),
    );

    let loan = check_out(&x.conn, &x.ctx, &new)?;

    assert_eq!(
        loan.borrower_member_no.as_deref(),
        Some("BY001"),
        "member borrows"
    );
    assert_eq!(
        loan.borrower_community_id, x.kitchen,
        "in her own community"
    );
    Ok(())
}

#[test]
fn part_missing_item_cannot_be_lent() -> Result<()> {
    let x = exchange()?;
    let cooker = x.cooker_without_lid()?;
    let new = x.loan(
        cooker.id,
        Borrower::Community(x.shop),
        date(2025, 1, 15),
        date(2025, 1, 20),
    );

    let result = check_out(&x.conn, &x.ctx, &new);

    assert_eq!(
        rule_code(result),
        Some("item_not_available"),
        "fix it first"
    );
    Ok(())
}

#[test]
fn overdue_lists_loans_past_due_on_date() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let scale = x.item(x.kitchen, "เครื่องชั่ง", 1)?;
    let shop = Borrower::Community(x.shop);
    let late = check_out(
        &x.conn,
        &x.ctx,
        &x.loan(tent.id, shop, date(2025, 1, 1), date(2025, 1, 10)),
    )?;
    check_out(
        &x.conn,
        &x.ctx,
        &x.loan(scale.id, shop, date(2025, 1, 1), date(2025, 1, 31)),
    )?;

    let overdue_loans = overdue(&x.conn, date(2025, 1, 20))?;

    let ids: Vec<i64> = overdue_loans.iter().map(|l| l.id).collect();
    assert_eq!(ids, [late.id], "only the tent is past due");
    assert_eq!(
        overdue_loans[0].days_overdue(date(2025, 1, 20)),
        10,
        "ten days late"
    );
    assert!(
        overdue(&x.conn, date(2025, 1, 10))?.is_empty(),
        "not overdue on its due date"
    );
    Ok(())
}

#[test]
fn item_on_loan_can_be_reserved_after() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let loan = x.loan(
        tent.id,
        Borrower::Community(x.shop),
        date(2025, 1, 15),
        date(2025, 1, 20),
    );
    check_out(&x.conn, &x.ctx, &loan)?;
    let later = NewReservation {
        item_id: tent.id,
        quantity: 1,
        borrower: Borrower::Community(x.shop),
        from: date(2025, 2, 1),
        to: date(2025, 2, 3),
        note: None,
    };

    let reserved = reserve(&x.conn, &x.ctx, &later)?;
    let clash = reserve(
        &x.conn,
        &x.ctx,
        &NewReservation {
            from: date(2025, 1, 18),
            to: date(2025, 1, 25),
            ..later.clone()
        },
    );

    assert_eq!(
        reserved.status,
        ReservationStatus::Active,
        "reserved after the loan"
    );
    assert_eq!(
        rule_code(clash),
        Some("reservation_conflict"),
        "the loan holds the tent until 20 January"
    );
    Ok(())
}

#[test]
fn reservation_blocks_others_check_out() -> Result<()> {
    let x = exchange()?;
    let third = ensure_community(&x.conn, &x.ctx, "เก้าแสน", Some("KS"))?.id;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let reservation = reserve(
        &x.conn,
        &x.ctx,
        &NewReservation {
            item_id: tent.id,
            quantity: 1,
            borrower: Borrower::Community(x.shop),
            from: date(2025, 2, 1),
            to: date(2025, 2, 3),
            note: None,
        },
    )?;
    let other = x.loan(
        tent.id,
        Borrower::Community(third),
        date(2025, 1, 30),
        date(2025, 2, 2),
    );

    let blocked = check_out(&x.conn, &x.ctx, &other);
    let own = NewLoan {
        reservation_id: Some(reservation.id),
        ..x.loan(
            tent.id,
            Borrower::Community(x.shop),
            date(2025, 2, 1),
            date(2025, 2, 3),
        )
    };
    let fulfilled = check_out(&x.conn, &x.ctx, &own)?;

    assert_eq!(
        rule_code(blocked),
        Some("reservation_conflict"),
        "others must wait"
    );
    assert_eq!(
        get_reservation(&x.conn, reservation.id)?.loan_id,
        Some(fulfilled.id),
        "the reservation is fulfilled by its loan"
    );
    Ok(())
}

#[test]
fn reservation_in_past_is_refused() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;

    let result = reserve(
        &x.conn,
        &x.ctx,
        &NewReservation {
            item_id: tent.id,
            quantity: 1,
            borrower: Borrower::Community(x.shop),
            from: date(2025, 1, 14),
            to: date(2025, 1, 16),
            note: None,
        },
    );

    assert_eq!(
        rule_code(result),
        Some("reservation_in_past"),
        "today is 15 January"
    );
    Ok(())
}

#[test]
fn reserved_item_cannot_retire() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let new = NewReservation {
        item_id: tent.id,
        quantity: 1,
        borrower: Borrower::Community(x.shop),
        from: date(2025, 2, 1),
        to: date(2025, 2, 3),
        note: None,
    };
    let reservation = reserve(&x.conn, &x.ctx, &new)?;

    let refused = set_status(&x.conn, &x.ctx, tent.id, Status::Retired, None);
    cancel_reservation(&x.conn, &x.ctx, reservation.id)?;
    let retired = set_status(&x.conn, &x.ctx, tent.id, Status::Retired, None)?;

    assert_eq!(rule_code(refused), Some("item_reserved"), "cancel first");
    assert_eq!(retired.status, Status::Retired, "retired once free");
    Ok(())
}

#[test]
fn stock_is_lent_by_count() -> Result<()> {
    let x = exchange()?;
    let tables = x.item(x.kitchen, "โต๊ะพับ", 20)?;
    let shop = Borrower::Community(x.shop);
    let twelve = NewLoan {
        quantity: 12,
        ..x.loan(tables.id, shop, date(2025, 1, 15), date(2025, 1, 20))
    };
    check_out(&x.conn, &x.ctx, &twelve)?;
    let after_twelve = get_item(&x.conn, tables.id)?;

    let too_many = check_out(
        &x.conn,
        &x.ctx,
        &NewLoan {
            quantity: 9,
            ..twelve.clone()
        },
    );
    check_out(
        &x.conn,
        &x.ctx,
        &NewLoan {
            quantity: 8,
            ..twelve
        },
    )?;

    assert_eq!(
        (after_twelve.status, after_twelve.lendable()),
        (Status::Available, 8),
        "eight tables left"
    );
    assert_eq!(
        rule_code(too_many),
        Some("not_enough_pieces"),
        "only eight left"
    );
    assert_eq!(
        get_item(&x.conn, tables.id)?.status,
        Status::Lent,
        "all twenty out"
    );
    Ok(())
}

#[test]
fn returned_lid_leaves_cooker_part_missing() -> Result<()> {
    let x = exchange()?;
    let (cooker, need, lid) = x.accepted_lid()?;
    let terms = LoanTerms {
        out_date: date(2025, 1, 15),
        due_date: date(2025, 2, 15),
        deposit: Satang::ZERO,
        fee: Satang::ZERO,
    };
    let loan = fulfil_by_loan(&x.conn, &x.ctx, need.id, lid.id, &terms)?;

    check_in(
        &x.conn,
        &x.ctx,
        loan.id,
        &Return::in_good_order(date(2025, 2, 10)),
    )?;

    let cooker = get_item(&x.conn, cooker.id)?;
    assert_eq!(
        (cooker.status, cooker.missing.as_deref()),
        (Status::PartMissing, Some("ฝา")),
        "the lid went back"
    );
    assert!(
        posts::automatic_need(&x.conn, cooker.id)?.is_some(),
        "the cooker needs a lid again"
    );
    Ok(())
}

#[test]
fn partial_stock_transfer_splits_and_reverses() -> Result<()> {
    let x = exchange()?;
    let tiffins = x.item(x.kitchen, "ปิ่นโต 4 ชั้น", 40)?;
    let new = NewTransfer {
        item_id: tiffins.id,
        to_community_id: x.shop,
        quantity: Some(10),
        date: date(2025, 1, 15),
        price: Satang::from_baht(300),
        note: None,
    };

    let moved = transfer(&x.conn, &x.ctx, &new)?;
    let split = (
        get_item(&x.conn, tiffins.id)?.quantity,
        get_item(&x.conn, moved.to_item_id)?.quantity,
    );
    reverse_transfer(
        &x.conn,
        &x.ctx,
        moved.id,
        date(2025, 1, 16),
        "wrong community",
    )?;

    assert_eq!(split, (30, 10), "thirty stay, ten go");
    assert_eq!(
        get_item(&x.conn, tiffins.id)?.quantity,
        40,
        "all forty back"
    );
    assert_eq!(
        get_item(&x.conn, moved.to_item_id)?.status,
        Status::Retired,
        "the receiver's entry is retired"
    );
    let total: i64 = list_movements(&x.conn, &MoneyFilter::default())?
        .iter()
        .map(|m| m.amount.satang())
        .sum();
    assert_eq!(total, 0, "the price and its reversal cancel");
    Ok(())
}

#[test]
fn money_rows_are_append_only() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let new = NewLoan {
        fee: Satang::from_baht(50),
        ..x.loan(
            tent.id,
            Borrower::Community(x.shop),
            date(2025, 1, 15),
            date(2025, 1, 20),
        )
    };
    check_out(&x.conn, &x.ctx, &new)?;
    let fee = list_movements(&x.conn, &MoneyFilter::default())?;

    let update = x
        .conn
        .execute("UPDATE exchange_money SET amount_satang = 0", []);
    let reversal = reverse_movement(&x.conn, &x.ctx, fee[0].id, date(2025, 1, 16), "no fee")?;
    let twice = reverse_movement(&x.conn, &x.ctx, fee[0].id, date(2025, 1, 16), "again");

    assert!(update.is_err(), "a money row cannot be changed");
    assert_eq!(
        reversal.amount,
        Satang::from_baht(-50),
        "reversed by the opposite"
    );
    assert_eq!(rule_code(twice), Some("already_reversed"), "once only");
    Ok(())
}

#[test]
fn history_lists_item_events_in_order() -> Result<()> {
    let x = exchange()?;
    let (tent, loan) = x.lend_tent()?;
    check_in(
        &x.conn,
        &x.ctx,
        loan.id,
        &Return::in_good_order(date(2025, 1, 18)),
    )?;

    let events = item_history(&x.conn, tent.id)?;

    let kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Registered,
            EventKind::CheckedOut,
            EventKind::Status,
            EventKind::CheckedIn,
            EventKind::Status,
        ],
        "registered, out (lent), back (available)"
    );
    assert_eq!(
        events[1].community.as_deref(),
        Some("ริมทางรถไฟ"),
        "the borrower is named"
    );
    assert_eq!(
        events[4].date,
        date(2025, 1, 18),
        "available again on the return date, not the day it was recorded"
    );
    Ok(())
}

#[test]
fn status_change_is_audited() -> Result<()> {
    let x = exchange()?;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;

    set_status(&x.conn, &x.ctx, tent.id, Status::UnderRepair, None)?;

    let log = crate::audit::history(&x.conn, "exchange_items", &tent.id.to_string())?;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update"], "added, then changed");
    let new_status = log[1].new.as_ref().and_then(|v| v.get("status")).cloned();
    assert_eq!(
        new_status,
        Some(serde_json::json!("under_repair")),
        "the new status is in the log"
    );
    Ok(())
}

#[test]
fn money_totals_by_kind_and_community() -> Result<()> {
    let x = exchange()?;
    let third = ensure_community(&x.conn, &x.ctx, "เก้าแสน", Some("KS"))?.id;
    let tent = x.item(x.kitchen, "เต็นท์", 1)?;
    let new = NewLoan {
        deposit: Satang::from_baht(500),
        fee: Satang::from_baht(50),
        ..x.loan(
            tent.id,
            Borrower::Community(x.shop),
            date(2025, 1, 15),
            date(2025, 1, 20),
        )
    };
    let loan = check_out(&x.conn, &x.ctx, &new)?;
    check_in(
        &x.conn,
        &x.ctx,
        loan.id,
        &Return::in_good_order(date(2025, 1, 20)),
    )?;
    let tables = x.item(third, "โต๊ะพับ", 1)?;
    let sale = NewTransfer {
        item_id: tables.id,
        to_community_id: x.kitchen,
        quantity: None,
        date: date(2025, 2, 1),
        price: Satang::from_baht(300),
        note: None,
    };
    transfer(&x.conn, &x.ctx, &sale)?;

    let all = list_movements(&x.conn, &MoneyFilter::default())?;
    let shop = MoneyFilter {
        community_id: Some(x.shop),
        ..MoneyFilter::default()
    };
    let of_shop = list_movements(&x.conn, &shop)?;
    let totals = money::totals_by_kind(&all);

    assert_eq!(all.len(), 4, "deposit, fee, refund and sale: {all:?}");
    assert_eq!(of_shop.len(), 3, "the sale is not the shop's: {of_shop:?}");
    let summed: Vec<(MoneyKind, usize, i64)> = totals
        .iter()
        .map(|t| (t.kind, t.count, t.amount.baht_part()))
        .collect();
    assert_eq!(
        summed,
        [
            (MoneyKind::LoanDeposit, 1, 500),
            (MoneyKind::LoanFee, 1, 50),
            (MoneyKind::DepositRefund, 1, 500),
            (MoneyKind::Sale, 1, 300),
        ],
        "one of each, in kind order"
    );
    Ok(())
}
