//! Corrections in the `waste` commands: editing, deactivating and
//! reactivating a collector, reversing a sale, and a buyer's price list
//! with effective dates. Each test reads the result back through the CLI
//! and checks the database file or its audit log where the CLI does not
//! show it.

use std::process::Command;

use serde_json::{json, Value};

use super::{add_somchai, deposit_pet, sale_args, stock_grams, with_members};
use crate::common::{TempDb, TestResult};

const BUYER: &str = "ร้านรับซื้อของเก่าสมชาย";

/// A failed run of the CLI with `--json`: its exit status and the error's
/// code and message.
struct Failure {
    status: Option<i32>,
    code: String,
    message: String,
}

/// Runs the CLI with `--json`, expecting it to fail.
fn fails(db: &TempDb, args: &[&str]) -> TestResult<Failure> {
    let output = Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(["--operator", "test"])
        .args(args)
        .arg("--json")
        .output()?;
    if output.status.success() {
        return Err(format!("chumchon {args:?} succeeded").into());
    }
    // A command-line error comes from the argument parser, before the
    // command runs, and prints no JSON.
    let error: Value = if output.stdout.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&output.stdout)?
    };
    Ok(Failure {
        status: output.status.code(),
        code: error["error"]["code"].as_str().unwrap_or_default().into(),
        message: error["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .into(),
    })
}

/// Adds the collector สมชาย ใจดี serving zones หมู่ 1 and หมู่ 2 and
/// returns their row id.
fn somchai_id(db: &TempDb) -> TestResult<i64> {
    Ok(add_somchai(db)?["id"].as_i64().ok_or("collector id")?)
}

fn collector_json(db: &TempDb, id: i64) -> TestResult<Value> {
    let listed = db.cli_json(&["waste", "collectors", "list", "--json"])?;
    let found = listed
        .as_array()
        .and_then(|all| all.iter().find(|collector| collector["id"] == id));
    Ok(found.cloned().ok_or(format!("collector {id} not listed"))?)
}

/// Reads the `active` column of collector `id` from the database file.
fn stored_active(db: &TempDb, id: i64) -> TestResult<i64> {
    Ok(db.open()?.query_row(
        "SELECT active FROM waste_collectors WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?)
}

fn monday_rounds(db: &TempDb) -> TestResult<usize> {
    let schedule = db.cli_json(&["waste", "schedule", "--json"])?;
    Ok(schedule[0]["rounds"].as_array().map_or(0, Vec::len))
}

#[test]
fn collector_edit_keeps_options_not_given() -> TestResult {
    let db = with_members()?;
    let id = somchai_id(&db)?.to_string();

    let edited = db.cli_json(&[
        "waste",
        "collectors",
        "edit",
        &id,
        "--phone",
        "089-999-0000",
        "--zones",
        "บ่อยาง/หมู่ 3",
        "--json",
    ])?;
    let history = chumchon::audit::history(&db.open()?, "waste_collectors", &id)?;

    assert_eq!(edited["phone"], "089-999-0000", "the phone is replaced");
    assert_eq!(edited["name"], "สมชาย ใจดี", "the name is kept");
    assert_eq!(edited["vehicle"], "ซาเล้ง กข 1234", "the vehicle is kept");
    assert_eq!(
        edited["zones"],
        json!(["บ่อยาง / หมู่ 3"]),
        "the zones given replace the old ones"
    );
    assert_eq!(
        collector_json(&db, id.parse()?)?,
        edited,
        "the list shows the edit"
    );
    let update = history.last().ok_or("no audit entry")?;
    assert_eq!(update.action, "update", "the edit is audited");
    assert_eq!(update.operator, "test");
    assert_eq!(
        update.old.as_ref().map(|old| old["phone"].clone()),
        Some(json!("081-234-5678")),
        "the audit log keeps the old phone"
    );
    assert_eq!(
        update.new.as_ref().map(|new| new["phone"].clone()),
        Some(json!("089-999-0000")),
        "the audit log keeps the new phone"
    );
    Ok(())
}

#[test]
fn collector_edit_clears_phone_and_zones() -> TestResult {
    let db = with_members()?;
    let id = somchai_id(&db)?.to_string();

    let edited = db.cli_json(&[
        "waste",
        "collectors",
        "edit",
        &id,
        "--name",
        "สมชาย  ใจงาม",
        "--phone",
        "",
        "--no-zones",
        "--json",
    ])?;

    assert_eq!(edited["name"], "สมชาย ใจงาม", "renamed, spaces collapsed");
    assert_eq!(edited["phone"], Value::Null, "an empty phone removes it");
    assert_eq!(edited["vehicle"], "ซาเล้ง กข 1234", "the vehicle is kept");
    assert_eq!(edited["zones"], json!([]), "every zone removed");
    Ok(())
}

#[test]
fn collector_edit_rejects_taken_name() -> TestResult {
    let db = with_members()?;
    let id = somchai_id(&db)?.to_string();
    db.cli(&["waste", "collectors", "add", "--name", "ป้าแดง"])?;

    let taken = fails(
        &db,
        &["waste", "collectors", "edit", &id, "--name", "ป้าแดง"],
    )?;
    let unknown = fails(&db, &["waste", "collectors", "edit", "999", "--phone", "1"])?;
    let nothing = fails(&db, &["waste", "collectors", "edit", &id])?;

    assert_eq!(taken.status, Some(1));
    assert_eq!(taken.code, "collector_exists");
    assert!(
        taken.message.contains("ป้าแดง"),
        "the error names the name: {}",
        taken.message
    );
    assert_eq!(
        collector_json(&db, id.parse()?)?["name"],
        "สมชาย ใจดี",
        "the name is unchanged"
    );
    assert_eq!(unknown.code, "not_found", "an unknown collector");
    assert!(unknown.message.contains("999"), "{}", unknown.message);
    assert_eq!(
        nothing.status,
        Some(2),
        "an edit without a change is a command-line error"
    );
    Ok(())
}

#[test]
fn deactivated_collector_leaves_schedule() -> TestResult {
    let db = with_members()?;
    let id = somchai_id(&db)?;
    let round = [
        "waste",
        "rounds",
        "add",
        "--collector",
        "สมชาย ใจดี",
        "--zone",
        "บ่อยาง/หมู่ 1",
        "--weekday",
        "1",
    ];
    db.cli(&round)?;
    let id_text = id.to_string();

    let off = db.cli_json(&["waste", "collectors", "deactivate", &id_text, "--json"])?;
    let stored_off = stored_active(&db, id)?;
    let monday_off = monday_rounds(&db)?;
    let listed_off = db.cli(&["waste", "collectors", "list"])?;
    let new_round = fails(&db, &round)?;
    let on = db.cli(&["waste", "collectors", "activate", &id_text])?;
    let stored_on = stored_active(&db, id)?;
    let monday_on = monday_rounds(&db)?;

    assert_eq!(off["active"], false, "the JSON shows the collector off");
    assert_eq!(stored_off, 0, "the database stores the collector as off");
    assert_eq!(monday_off, 0, "their Monday round leaves the schedule");
    assert!(
        listed_off.contains("deactivated"),
        "the list marks the collector: {listed_off}"
    );
    assert_eq!(
        new_round.code, "collector_inactive",
        "a deactivated collector takes no new round"
    );
    assert!(on.contains("is active"), "activate output: {on}");
    assert_eq!(stored_on, 1, "the database stores the collector as on");
    assert_eq!(monday_on, 1, "their Monday round is back");
    let rounds = db.cli_json(&["waste", "rounds", "list", "--json"])?;
    assert_eq!(
        rounds.as_array().map(Vec::len),
        Some(1),
        "the round is kept"
    );
    let history = chumchon::audit::history(&db.open()?, "waste_collectors", &id_text)?;
    let actives: Vec<Value> = history
        .iter()
        .filter_map(|entry| entry.new.as_ref().map(|new| new["active"].clone()))
        .collect();
    assert_eq!(
        actives,
        vec![json!(true), json!(false), json!(true)],
        "adding, deactivating and reactivating are audited"
    );
    Ok(())
}

/// Sells `line` from the point to the buyer on 10 March 2567 and returns
/// the sale's JSON.
fn sell(db: &TempDb, line: &str) -> TestResult<Value> {
    db.cli_json(&sale_args(line, &["--json"]))
}

#[test]
fn sale_reversal_restores_stock() -> TestResult {
    let db = with_members()?;
    deposit_pet(&db)?;
    let sale = sell(&db, "PET_CLEAR=10@12")?;
    let sale_id = sale["id"].as_i64().ok_or("sale id")?;
    let id = sale_id.to_string();

    let blank = fails(&db, &["waste", "sales", "reverse", &id, "--reason", "  "])?;
    let sales_after_blank =
        db.open()?
            .query_row("SELECT count(*) FROM waste_sales", [], |row| {
                row.get::<_, i64>(0)
            })?;
    let reversal = db.cli_json(&[
        "waste",
        "sales",
        "reverse",
        &id,
        "--reason",
        "ชั่งผิดเครื่อง",
        "--json",
    ])?;
    let again = fails(&db, &["waste", "sales", "reverse", &id, "--reason", "ซ้ำ"])?;
    let listed = db.cli_json(&[
        "waste",
        "sales",
        "list",
        "--from",
        "1/3/2567",
        "--to",
        "31/3/2567",
        "--json",
    ])?;

    assert_eq!(blank.code, "reason_missing", "a reason is required");
    assert_eq!(sales_after_blank, 1, "nothing written without a reason");
    assert_eq!(
        reversal["reverses_id"], sale_id,
        "the reversal names the sale"
    );
    assert_eq!(reversal["note"], "ชั่งผิดเครื่อง", "the reason is kept");
    assert_eq!(reversal["revenue"], -12_000, "the revenue is negated");
    assert_eq!(reversal["lines"][0]["grams"], -10_000);
    assert_eq!(
        stock_grams(&db, "PET_CLEAR")?,
        12_500,
        "the 10 kg are back in stock"
    );
    assert_eq!(again.code, "already_reversed");
    let original = listed
        .as_array()
        .and_then(|all| all.iter().find(|sale| sale["id"] == sale_id))
        .ok_or("the sale is listed")?;
    assert_eq!(
        original["reversed_by"], reversal["id"],
        "the sale names its reversal"
    );
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "both are kept");
    let text = db.cli(&[
        "waste",
        "sales",
        "list",
        "--from",
        "1/3/2567",
        "--to",
        "31/3/2567",
    ])?;
    assert!(
        text.contains(&format!("reversed by sale {}", reversal["id"])),
        "the text list marks the reversed sale: {text}"
    );
    assert!(
        text.contains(&format!("reverses sale {sale_id}")),
        "and the reversal: {text}"
    );
    assert!(
        text.contains("/03/2567"),
        "dates in the Buddhist era: {text}"
    );
    Ok(())
}

fn add_pet_price(db: &TempDb, from: &str, baht: &str) -> TestResult<Value> {
    db.cli_json(&[
        "waste",
        "prices",
        "buyer",
        "add",
        "--buyer",
        BUYER,
        "--material",
        "PET_CLEAR",
        "--price",
        baht,
        "--from",
        from,
        "--json",
    ])
}

#[test]
fn buyer_prices_mark_price_in_force() -> TestResult {
    let db = with_members()?;

    let january = add_pet_price(&db, "1/1/2568", "10")?;
    add_pet_price(&db, "2025-03-01", "12.50")?;
    add_pet_price(&db, "1 มิ.ย. 2568", "14")?;
    let listed = db.cli_json(&[
        "waste",
        "prices",
        "buyer",
        "list",
        "--buyer",
        BUYER,
        "--on",
        "15/4/2568",
        "--json",
    ])?;
    let text = db.cli(&[
        "waste",
        "prices",
        "buyer",
        "list",
        "--buyer",
        BUYER,
        "--on",
        "15/4/2568",
    ])?;

    assert_eq!(january["buyer"], BUYER, "the buyer is added");
    assert_eq!(january["effective_from"], "2025-01-01", "a BE date");
    assert_eq!(january["satang_per_kg"], 1_000);
    assert_eq!(listed["buyer"], BUYER);
    assert_eq!(listed["on"], "2025-04-15");
    let rows: Vec<(Value, Value, Value)> = listed["prices"]
        .as_array()
        .ok_or("prices")?
        .iter()
        .map(|row| {
            (
                row["effective_from"].clone(),
                row["satang_per_kg"].clone(),
                row["in_force"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (json!("2025-01-01"), json!(1_000), json!(false)),
            (json!("2025-03-01"), json!(1_250), json!(true)),
            (json!("2025-06-01"), json!(1_400), json!(false)),
        ],
        "every price is kept and the 1 March one is in force on 15 April"
    );
    assert!(
        text.contains("PET_CLEAR\t01/03/2568\t12.50 baht/kg\tin force"),
        "the text shows BE dates and marks the price: {text}"
    );
    Ok(())
}

#[test]
fn sale_without_price_uses_buyer_list() -> TestResult {
    let db = with_members()?;
    deposit_pet(&db)?;
    add_pet_price(&db, "1/1/2567", "10")?;
    add_pet_price(&db, "5/3/2567", "11.25")?;

    let sale = sell(&db, "PET_CLEAR=4")?;

    assert_eq!(
        sale["lines"][0]["satang_per_kg"], 1_125,
        "the 5 March price"
    );
    assert_eq!(sale["revenue"], 4_500, "4 kg at 11.25 baht");
    Ok(())
}

#[test]
fn buyer_price_rejects_invalid_input() -> TestResult {
    let db = with_members()?;
    let add = |material: &str, baht: &str, from: &str| {
        fails(
            &db,
            &[
                "waste",
                "prices",
                "buyer",
                "add",
                "--buyer",
                BUYER,
                "--material",
                material,
                "--price",
                baht,
                "--from",
                from,
            ],
        )
    };

    let negative = add("PET_CLEAR", "-1", "1/1/2568")?;
    let words = add("PET_CLEAR", "สิบบาท", "1/1/2568")?;
    let material = add("GOLD", "10", "1/1/2568")?;
    let date = add("PET_CLEAR", "10", "31/2/2568")?;
    let unknown_buyer = fails(
        &db,
        &["waste", "prices", "buyer", "list", "--buyer", "ไม่มีร้านนี้"],
    )?;

    assert_eq!(negative.code, "invalid_price", "{}", negative.message);
    assert_eq!(words.code, "invalid_price", "{}", words.message);
    assert!(
        words.message.contains("สิบบาท"),
        "the error names the price: {}",
        words.message
    );
    assert_eq!(material.code, "not_found", "{}", material.message);
    assert!(material.message.contains("GOLD"), "{}", material.message);
    assert_eq!(date.code, "nonexistent_date", "{}", date.message);
    assert_eq!(unknown_buyer.code, "not_found", "{}", unknown_buyer.message);
    let stored: i64 = db.open()?.query_row(
        "SELECT count(*) FROM waste_prices WHERE buyer_id IS NOT NULL",
        [],
        |row| row.get(0),
    )?;
    assert_eq!(stored, 0, "no price stored");
    let buyers: i64 = db
        .open()?
        .query_row("SELECT count(*) FROM waste_buyers", [], |row| row.get(0))?;
    assert_eq!(buyers, 0, "no buyer added by a rejected price");
    Ok(())
}
