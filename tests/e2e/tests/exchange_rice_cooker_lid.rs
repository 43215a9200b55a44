//! The rice-cooker-lid case through the real window. The central kitchen's
//! rice cooker lacks its lid, which raises a need, and another community
//! offers a spare lid. The office accepts the proposed match and carries it
//! out, and both communities' registers show the result.
//!
//! `lid_offer_lent_to_kitchen` starts from the demo communities, registers
//! the rice cooker, marks it part missing in the item panel and lends the
//! lid. `legacy_lid_sold_to_kitchen` starts from the legacy equipment list
//! in `tests/fixtures/`, imported through the exchange screen, and sells
//! the second-hand lid of the list, which then shows in the money list.
//! Each test checks the window first and then the database, before
//! [`App::close`] removes it.

use std::path::Path;

use chumchon::exchange::{self, ItemFilter, MatchFilter, MatchStatus, PostStatus, Status};
use chumchon_e2e::{test_id_selector, wait_until, workspace_root, App, Error, Launch, Result};
use chumchon_e2e::{Element, Session, DEFAULT_TIMEOUT};
use serde_json::Value;

mod exchange_steps;

use exchange_steps::{choose, copy, open_item, press, reveal, type_into};

/// The demo community that runs the central kitchen.
const KITCHEN: &str = "เก้าเส้ง";
/// The demo community with a spare lid.
const LENDER: &str = "คลองเรียน";
/// The rice cooker, as the kitchen registers it.
const COOKER: &str = "หม้อหุงข้าวไฟฟ้า 10 ลิตร";
/// The need the cooker's missing lid raises by itself.
const LID_NEED: &str = "ฝาหม้อหุงข้าวไฟฟ้า 10 ลิตร";
/// The lender's offer.
const LID_OFFER: &str = "ฝาหม้อหุงข้าว 10 ลิตร";

#[test]
fn lid_offer_lent_to_kitchen() -> Result<()> {
    let app = App::launch(Launch::new("lid_offer_lent_to_kitchen").demo())?;
    let ui = app.session();
    press(ui, "nav-exchange")?;

    press(ui, "exchange-add-item")?;
    choose(ui, "exchange-item-community", KITCHEN)?;
    type_into(ui, "exchange-item-name", COOKER)?;
    type_into(ui, "exchange-item-location", "ครัวกลาง")?;
    type_into(ui, "exchange-item-value", "1,500")?;
    press(ui, "exchange-item-save")?;
    let registered = ui.wait_for_text("exchange-item-status", "พร้อมใช้")?;
    let value = ui.find("exchange-item-value")?.text()?;

    choose(ui, "exchange-status", "ขาดชิ้นส่วน")?;
    type_into(ui, "exchange-status-missing", "ฝา")?;
    press(ui, "exchange-status-save")?;
    let marked = ui.wait_for_text("exchange-item-status", "ขาดชิ้นส่วน")?;
    let need = ui.wait_for("exchange-item-need")?.text()?;

    press(ui, "exchange-tab-posts")?;
    let listed_need = ui.wait_for("exchange-need-row")?.text()?;
    press(ui, "exchange-post-kind-offer")?;
    choose(ui, "exchange-post-community", LENDER)?;
    type_into(ui, "exchange-post-text", LID_OFFER)?;
    choose(ui, "exchange-post-offer-kind", "อะไหล่")?;
    press(ui, "exchange-post-submit")?;
    ui.wait_for_text("exchange-posts-notice", "ลงประกาศ")?;

    let proposed = match_card(ui, "proposed")?;
    let proposal = MatchCard::read(&proposed)?;
    click_in(ui, &proposed, "exchange-match-accept")?;
    click_in(ui, &match_card(ui, "accepted")?, "exchange-match-undo")?;
    let undone = MatchCard::read(&match_card(ui, "proposed")?)?;
    click_in(ui, &match_card(ui, "proposed")?, "exchange-match-accept")?;
    click_in(ui, &match_card(ui, "accepted")?, "exchange-match-lend")?;
    type_into(ui, "exchange-fulfil-deposit", "200")?;
    press(ui, "exchange-fulfil-submit")?;
    let lent = MatchCard::read(&match_card(ui, "fulfilled")?)?;
    let lent_notice = ui.wait_for_text("exchange-posts-notice", "ยืม")?;

    press(ui, "exchange-tab-register")?;
    let kitchen_cooker = register_row_status(ui, KITCHEN, COOKER)?;
    let lender_lid = register_row_status(ui, LENDER, LID_OFFER)?;
    open_item(ui, LID_OFFER)?;
    let lid_loan = ui.wait_for("exchange-loan-row")?.text()?;
    app.save_screenshot("lid-lent")?;

    let db = Registers::read(app.database())?;
    app.close()?;

    assert!(
        registered.contains("พร้อมใช้"),
        "a new item is available: {registered}"
    );
    assert!(value.contains("1,500.00"), "its value in baht: {value}");
    assert!(marked.contains("ฝา"), "the status names the lid: {marked}");
    assert!(
        need.contains(LID_NEED),
        "marking it raises the need: {need}"
    );
    assert!(
        listed_need.contains(LID_NEED) && listed_need.contains(KITCHEN),
        "the need is listed as the kitchen's: {listed_need}"
    );
    assert_eq!(proposal.need_community, KITCHEN, "the needing community");
    assert_eq!(proposal.offer_community, LENDER, "the offering community");
    assert!(
        proposal.score >= i64::from(exchange::MIN_SCORE),
        "the lid is proposed with a passing score: {}",
        proposal.score
    );
    assert_eq!(undone.status, "proposed", "undo proposes the match again");
    assert_eq!(lent.status, "fulfilled", "lending carries the match out");
    assert!(
        lent_notice.contains(KITCHEN),
        "the notice names the borrower: {lent_notice}"
    );
    assert_eq!(
        kitchen_cooker, "available",
        "the kitchen's cooker is usable again"
    );
    assert_eq!(
        lender_lid, "lent",
        "the lender's register shows the lid lent"
    );
    assert!(
        lid_loan.contains(KITCHEN),
        "the lid's loan names the kitchen: {lid_loan}"
    );
    db.check_loan(KITCHEN, LENDER, 20_000);
    Ok(())
}

#[test]
fn legacy_lid_sold_to_kitchen() -> Result<()> {
    let app = App::launch(Launch::new("legacy_lid_sold_to_kitchen"))?;
    // Open dialogs return the files of the dialog folder in name order; the
    // second copy has the same bytes, so importing it changes nothing.
    let fixture = workspace_root().join("tests/fixtures/equipment-2567.xlsx");
    copy(&fixture, &app.dialog_dir().join("1-equipment.xlsx"))?;
    copy(&fixture, &app.dialog_dir().join("2-equipment-again.xlsx"))?;
    let ui = app.session();
    press(ui, "nav-exchange")?;

    let empty = ui.wait_for("exchange-no-communities")?.text()?;
    press(ui, "exchange-tab-import")?;
    press(ui, "exchange-import-choose")?;
    let unknown = create_unknown_communities(ui)?;
    let preview_count = ui.wait_for_text("exchange-import-imported", "8")?;
    let part_missing = ui.find("exchange-import-part-missing")?.text()?;
    let cooker_row = ui
        .find_css(&format!(
            "{}[data-row=\"2\"] {}",
            test_id_selector("exchange-import-row"),
            test_id_selector("exchange-import-row-status")
        ))?
        .text()?;
    press(ui, "exchange-import-commit")?;
    let summary = ui.wait_for_text("exchange-import-summary", "นำเข้าเรียบร้อยแล้ว")?;
    let imported = ui.find("exchange-import-imported")?.text()?;
    press(ui, "exchange-import-choose")?;
    let again = ui.wait_for("exchange-import-before")?.text()?;
    let again_count = ui.find("exchange-import-imported")?.text()?;

    press(ui, "exchange-tab-register")?;
    let cooker_status = register_row_status(ui, "บ่อยาง", COOKER)?;
    press(ui, "exchange-tab-posts")?;
    let listed_need = ui.wait_for("exchange-need-row")?.text()?;
    press(ui, "exchange-post-kind-offer")?;
    choose(ui, "exchange-post-community", "ริมทางรถไฟ")?;
    type_into(ui, "exchange-post-text", "ฝาหม้อหุงข้าว 10 ลิตร มือสอง")?;
    wait_until("the lender's items", DEFAULT_TIMEOUT, || {
        Ok(option_count(ui, "exchange-post-item")?.filter(|n| *n > 1))
    })?;
    choose(ui, "exchange-post-item", "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)")?;
    press(ui, "exchange-post-submit")?;
    ui.wait_for_text("exchange-posts-notice", "ลงประกาศ")?;
    click_in(ui, &match_card(ui, "proposed")?, "exchange-match-accept")?;
    click_in(ui, &match_card(ui, "accepted")?, "exchange-match-transfer")?;
    type_into(ui, "exchange-fulfil-price", "150")?;
    press(ui, "exchange-fulfil-submit")?;
    let sold = MatchCard::read(&match_card(ui, "fulfilled")?)?;

    press(ui, "exchange-tab-register")?;
    let kitchen_cooker = register_row_status(ui, "บ่อยาง", COOKER)?;
    let kitchen_lid = register_row_status(ui, "บ่อยาง", "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)")?;
    choose(ui, "exchange-community", "ริมทางรถไฟ")?;
    let lender_items = wait_until("the lender's register", DEFAULT_TIMEOUT, || {
        let rows = ui.find_all("exchange-item-row")?;
        let community_shown = rows
            .iter()
            .map(|row| row.attribute("data-community"))
            .collect::<Result<Vec<_>>>()?
            .iter()
            .all(|c| c.as_deref() == Some("ริมทางรถไฟ"));
        if !community_shown || rows.is_empty() {
            return Ok(None);
        }
        let names = rows
            .iter()
            .map(|row| row.attribute("data-name"))
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(names.into_iter().flatten().collect::<Vec<_>>()))
    })?;
    app.save_screenshot("lid-sold")?;

    press(ui, "exchange-tab-money")?;
    let sale_row = format!(
        "{}[data-kind=\"sale\"]",
        test_id_selector("exchange-money-row")
    );
    let sale_amount = wait_until("the sale in the money list", DEFAULT_TIMEOUT, || {
        ui.find_css(&sale_row)?.attribute("data-amount")
    })?;
    let sale_date = ui
        .find_css(&format!(
            "{sale_row} {}",
            test_id_selector("exchange-money-date")
        ))?
        .text()?;
    let sale_total = ui
        .find_css(&format!(
            "{}[data-kind=\"sale\"]",
            test_id_selector("exchange-money-total")
        ))?
        .attribute("data-amount")?;

    let db = Registers::read(app.database())?;
    app.close()?;

    assert!(
        empty.contains("ยังไม่มีชุมชน"),
        "a new database has no communities: {empty}"
    );
    assert_eq!(
        unknown,
        ["บ่อยาง", "ริมทางรถไฟ"],
        "a new database asks before creating the list's communities"
    );
    assert_eq!(
        preview_count, "8",
        "the preview counts every item of the list"
    );
    assert_eq!(part_missing, "1", "one item lacks a part");
    assert!(
        cooker_row.contains("ขาดชิ้นส่วน: ฝา"),
        "ฝาชำรุด reads as a missing lid: {cooker_row}"
    );
    assert!(
        summary.contains("นำเข้าเรียบร้อยแล้ว"),
        "the import is done: {summary}"
    );
    assert_eq!(imported, "8", "eight items imported");
    assert!(
        again.contains("เคยนำเข้าแล้ว"),
        "the second import says so: {again}"
    );
    assert_eq!(again_count, "0", "and would import nothing");
    assert_eq!(
        cooker_status, "part_missing",
        "the imported cooker lacks its lid"
    );
    assert!(
        listed_need.contains(LID_NEED) && listed_need.contains("บ่อยาง"),
        "the import raised the kitchen's need: {listed_need}"
    );
    assert_eq!(sold.need_community, "บ่อยาง", "the buyer");
    assert_eq!(
        sale_amount, "15000",
        "the money list shows the 150-baht sale"
    );
    assert_eq!(sale_total.as_deref(), Some("15000"), "and totals the sales");
    let year: u32 = sale_date
        .split_whitespace()
        .last()
        .and_then(|year| year.parse().ok())
        .unwrap_or_default();
    assert!(
        year > 2560,
        "the sale is dated in the Buddhist Era: {sale_date}"
    );
    assert_eq!(sold.offer_community, "ริมทางรถไฟ", "the seller");
    assert_eq!(
        kitchen_cooker, "available",
        "the kitchen's cooker is usable again"
    );
    assert_eq!(
        kitchen_lid, "available",
        "the lid is in the kitchen's register"
    );
    assert!(
        !lender_items.iter().any(|name| name.contains("ฝาหม้อ")),
        "the lid left the seller's register: {lender_items:?}"
    );
    db.check_sale("บ่อยาง", "ริมทางรถไฟ", 15_000);
    Ok(())
}

/// Returns the number of options of the `<select>` `test_id`.
fn option_count(ui: &Session, test_id: &str) -> Result<Option<u64>> {
    let select = ui.find(test_id)?;
    let count = ui.execute(
        "return arguments[0].options.length;",
        vec![select.to_json()],
    )?;
    Ok(count.as_u64())
}

/// Clicks the element `test_id` inside `parent`.
fn click_in(ui: &Session, parent: &Element<'_>, test_id: &str) -> Result<()> {
    let element = parent.find(test_id)?;
    reveal(ui, &element)?;
    element.click()
}

/// Waits for the one match card in `status` and returns it.
fn match_card<'s>(ui: &'s Session, status: &str) -> Result<Element<'s>> {
    let selector = format!(
        "{}[data-status=\"{status}\"]",
        test_id_selector("exchange-match")
    );
    wait_until(&format!("a {status} match"), DEFAULT_TIMEOUT, || {
        let card = ui.find_css(&selector)?;
        Ok(card.is_displayed()?.then_some(card))
    })
}

/// What a match card shows.
#[derive(Debug)]
struct MatchCard {
    status: String,
    need_community: String,
    offer_community: String,
    score: i64,
}

impl MatchCard {
    fn read(card: &Element<'_>) -> Result<MatchCard> {
        let score_text = card.find("exchange-match-score")?.text()?;
        let digits: String = score_text.chars().filter(char::is_ascii_digit).collect();
        let attribute = |name: &str| Ok(card.attribute(name)?.unwrap_or_default());
        Ok(MatchCard {
            status: attribute("data-status")?,
            need_community: attribute("data-need-community")?,
            offer_community: attribute("data-offer-community")?,
            score: digits.parse().unwrap_or(-1),
        })
    }
}

/// Shows `community`'s register and returns the status of its item
/// called `name`, as the row's `data-status` gives it.
fn register_row_status(ui: &Session, community: &str, name: &str) -> Result<String> {
    choose(ui, "exchange-community", community)?;
    let selector = format!(
        "{}[data-community=\"{community}\"][data-name=\"{name}\"]",
        test_id_selector("exchange-item-row")
    );
    wait_until(&format!("{name} of {community}"), DEFAULT_TIMEOUT, || {
        let row = ui.find_css(&selector)?;
        row.attribute("data-status")
    })
}

/// The exchange's records in the app's database, read after the window's
/// checks and before the app closes.
struct Registers {
    items: Vec<exchange::Item>,
    loans: Vec<exchange::Loan>,
    transfers: Vec<exchange::Transfer>,
    matches: Vec<exchange::Match>,
    needs: Vec<exchange::Post>,
    movements: Vec<exchange::Movement>,
}

impl Registers {
    fn read(path: &Path) -> Result<Registers> {
        let conn = chumchon::db::open(path).map_err(|e| db_error(path, e))?;
        let read = || -> chumchon::Result<Registers> {
            let decided = MatchFilter {
                include_decided: true,
                ..MatchFilter::default()
            };
            let needs = exchange::PostFilter {
                kind: Some(exchange::PostKind::Need),
                ..exchange::PostFilter::default()
            };
            Ok(Registers {
                items: exchange::list_items(&conn, &ItemFilter::default())?,
                loans: exchange::list_loans(&conn, &exchange::LoanFilter::default())?,
                transfers: exchange::list_transfers(&conn, None)?,
                matches: exchange::list_matches(&conn, &decided)?,
                needs: exchange::list_posts(&conn, &needs)?,
                movements: exchange::list_movements(&conn, &exchange::MoneyFilter::default())?,
            })
        };
        read().map_err(|e| db_error(path, e))
    }

    fn item(&self, community: &str, name: &str) -> &exchange::Item {
        let found = self
            .items
            .iter()
            .find(|i| i.community == community && i.name == name);
        match found {
            Some(item) => item,
            None => panic!("{community} has no item {name}: {:?}", self.items),
        }
    }

    /// Checks the stored loan of the lid: from `lender` to `kitchen` with a
    /// deposit of `deposit` satang, carrying out the fulfilled match.
    fn check_loan(&self, kitchen: &str, lender: &str, deposit: i64) {
        let cooker = self.item(kitchen, COOKER);
        let lid = self.item(lender, LID_OFFER);
        assert_eq!(
            cooker.status,
            Status::Available,
            "the stored cooker is available"
        );
        assert_eq!(lid.status, Status::Lent, "the stored lid is lent");

        assert_eq!(self.loans.len(), 1, "one loan: {:?}", self.loans);
        let loan = &self.loans[0];
        assert_eq!(loan.item_id, lid.id, "the loan is of the lid");
        assert_eq!(loan.owner_community, lender, "lent by the lender");
        assert_eq!(loan.borrower_community, kitchen, "to the kitchen");
        assert_eq!(loan.deposit.satang(), deposit, "the deposit typed");
        assert!(loan.is_open(), "the lid is still out");
        self.check_fulfilled(Some(loan.id), None);

        let deposits: Vec<i64> = self
            .movements
            .iter()
            .filter(|m| m.kind == exchange::MoneyKind::LoanDeposit)
            .map(|m| m.amount.satang())
            .collect();
        assert_eq!(deposits, vec![deposit], "the deposit is recorded as money");
    }

    /// Checks the stored sale of the lid from `seller` to `kitchen` at
    /// `price` satang.
    fn check_sale(&self, kitchen: &str, seller: &str, price: i64) {
        assert_eq!(
            self.transfers.len(),
            1,
            "one transfer: {:?}",
            self.transfers
        );
        let sale = &self.transfers[0];
        assert_eq!(sale.from_community, seller, "sold by the seller");
        assert_eq!(sale.to_community, kitchen, "to the kitchen");
        assert_eq!(sale.price.satang(), price, "the price typed");

        let lid = self
            .items
            .iter()
            .find(|i| i.id == sale.to_item_id)
            .map(|i| i.community.as_str());
        assert_eq!(lid, Some(kitchen), "the kitchen owns the lid");

        let cooker = self.item(kitchen, COOKER);
        assert_eq!(
            cooker.status,
            Status::Available,
            "the stored cooker is available"
        );
        self.check_fulfilled(None, Some(sale.id));

        let sales: Vec<i64> = self
            .movements
            .iter()
            .filter(|m| m.kind == exchange::MoneyKind::Sale)
            .map(|m| m.amount.satang())
            .collect();
        assert_eq!(sales, vec![price], "the price is recorded as money");
    }

    /// Checks that the lid's match is fulfilled by the given loan or
    /// transfer, and the kitchen's need with it.
    fn check_fulfilled(&self, loan_id: Option<i64>, transfer_id: Option<i64>) {
        let fulfilled: Vec<&exchange::Match> = self
            .matches
            .iter()
            .filter(|m| m.status == MatchStatus::Fulfilled)
            .collect();
        assert_eq!(
            fulfilled.len(),
            1,
            "one match carried out: {:?}",
            self.matches
        );
        assert_eq!(fulfilled[0].loan_id, loan_id, "the match's loan");
        assert_eq!(
            fulfilled[0].transfer_id, transfer_id,
            "the match's transfer"
        );
        let need = self.needs.iter().find(|n| n.id == fulfilled[0].need_id);
        assert_eq!(
            need.map(|n| (n.text.as_str(), n.automatic, n.status)),
            Some((LID_NEED, true, PostStatus::Fulfilled)),
            "the cooker's own need is fulfilled"
        );
    }
}

fn db_error(path: &Path, error: chumchon::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}

/// Ticks "create the new community" for every community the import
/// preview lists as unknown, one at a time because each tick previews
/// again, and returns the names it created, in the preview's order.
fn create_unknown_communities(ui: &Session) -> Result<Vec<String>> {
    let listed = wait_until("the unknown communities", DEFAULT_TIMEOUT, || {
        let names = ui
            .find_all("exchange-import-unknown-community")?
            .iter()
            .map(|item| item.attribute("data-name"))
            .collect::<Result<Vec<_>>>()?;
        Ok((!names.is_empty()).then(|| names.into_iter().flatten().collect::<Vec<_>>()))
    })?;
    for name in &listed {
        let selector = format!(
            "{}[data-name=\"{name}\"] {}",
            test_id_selector("exchange-import-unknown-community"),
            test_id_selector("exchange-import-create-community")
        );
        let what = format!("the create box of {name}");
        let tick = wait_until(&what, DEFAULT_TIMEOUT, || {
            let tick = ui.find_css(&selector)?;
            let enabled = tick.property("disabled")? == Value::Bool(false);
            Ok(enabled.then_some(tick))
        })?;
        reveal(ui, &tick)?;
        tick.click()?;
        wait_until(&format!("{name} ticked"), DEFAULT_TIMEOUT, || {
            let tick = ui.find_css(&selector)?;
            let done = tick.property("checked")? == Value::Bool(true)
                && tick.property("disabled")? == Value::Bool(false);
            Ok(done.then_some(()))
        })?;
    }
    Ok(listed)
}
