//! The `waste` commands for collectors, rounds and sales, run as the built
//! `chumchon` binary on a temporary database: collectors with their zones,
//! the weekly schedule, a round delivered into a point's stock with the
//! collector's pay, and a sale that is more than the stock. The
//! [`corrections`] module edits collectors, reverses sales and sets buyer
//! prices.

mod common;
#[path = "waste_rounds/corrections.rs"]
mod corrections;

use std::path::Path;
use std::process::Command;

use common::{fixture, TempDb, TestResult};
use serde_json::Value;

const POINT: &str = "จุดรับวัดบ่อยาง";

fn text(path: &Path) -> TestResult<&str> {
    Ok(path.to_str().ok_or("path is not UTF-8")?)
}

/// Creates a database with the sample member register of บ่อยาง.
fn with_members() -> TestResult<TempDb> {
    let db = TempDb::new()?;
    let register = fixture("members-boyang-2567.xlsx");
    db.import(&["members", text(&register)?, "--community", "บ่อยาง"])?;
    Ok(db)
}

/// Runs the CLI, expecting it to fail, and returns its error output.
fn fails(db: &TempDb, args: &[&str]) -> TestResult<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(["--operator", "test"])
        .args(args)
        .output()?;
    if output.status.success() {
        return Err(format!("chumchon {args:?} succeeded").into());
    }
    Ok(String::from_utf8(output.stderr)?)
}

/// Deposits 12.5 kg of clear PET at 8 baht for member BY001 on 1 March
/// 2024, which creates the point.
fn deposit_pet(db: &TempDb) -> TestResult {
    db.cli(&[
        "deposits",
        "add",
        "--member",
        "BY001",
        "--point",
        POINT,
        "--date",
        "1/3/2567",
        "--line",
        "PET_CLEAR=12.5@8",
    ])?;
    Ok(())
}

fn add_somchai(db: &TempDb) -> TestResult<Value> {
    db.cli_json(&[
        "waste",
        "collectors",
        "add",
        "--name",
        "สมชาย  ใจดี",
        "--phone",
        "081-234-5678",
        "--vehicle",
        "ซาเล้ง กข 1234",
        "--zone",
        "บ่อยาง/หมู่ 1",
        "--zone",
        "บ่อยาง/หมู่ 2",
        "--json",
    ])
}

fn stock_grams(db: &TempDb, code: &str) -> TestResult<Value> {
    let stock = db.cli_json(&["report", "stock", "--json"])?;
    let line = stock
        .as_array()
        .and_then(|lines| lines.iter().find(|line| line["material"] == code));
    Ok(line.map_or(Value::Null, |line| line["grams"].clone()))
}

#[test]
fn collector_keeps_phone_vehicle_and_zones() -> TestResult {
    let db = with_members()?;

    let added = add_somchai(&db)?;
    let listed = db.cli_json(&["waste", "collectors", "list", "--json"])?;

    assert_eq!(added["name"], "สมชาย ใจดี", "spaces collapsed");
    assert_eq!(listed[0]["phone"], "081-234-5678");
    assert_eq!(listed[0]["vehicle"], "ซาเล้ง กข 1234");
    assert_eq!(
        listed[0]["zones"],
        serde_json::json!(["บ่อยาง / หมู่ 1", "บ่อยาง / หมู่ 2"]),
        "zones as community / zone"
    );
    Ok(())
}

#[test]
fn collector_name_taken_is_rejected() -> TestResult {
    let db = with_members()?;
    add_somchai(&db)?;

    let error = fails(&db, &["waste", "collectors", "add", "--name", "สมชาย ใจดี"])?;
    let listed = db.cli_json(&["waste", "collectors", "list", "--json"])?;

    assert!(error.contains("already exists"), "error: {error}");
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "one collector");
    Ok(())
}

#[test]
fn zone_of_unknown_community_is_rejected() -> TestResult {
    let db = with_members()?;

    let error = fails(
        &db,
        &[
            "waste",
            "collectors",
            "add",
            "--name",
            "ก",
            "--zone",
            "ไม่มี/หมู่ 1",
        ],
    )?;
    let malformed = fails(
        &db,
        &[
            "waste",
            "collectors",
            "add",
            "--name",
            "ก",
            "--zone",
            "หมู่ 1",
        ],
    )?;

    assert!(error.contains("ไม่มี"), "error names the community: {error}");
    assert!(malformed.contains("COMMUNITY/ZONE"), "error: {malformed}");
    Ok(())
}

#[test]
fn schedule_lists_daily_and_weekly_rounds() -> TestResult {
    let db = with_members()?;
    add_somchai(&db)?;
    let collector = ["--collector", "สมชาย ใจดี"];
    let daily = [
        &["waste", "rounds", "add"][..],
        &collector,
        &["--zone", "บ่อยาง/หมู่ 1", "--daily"],
    ];
    db.cli(&daily.concat())?;
    let weekly = [
        &["waste", "rounds", "add"][..],
        &collector,
        &["--zone", "บ่อยาง/หมู่ 3", "--weekday", "3", "--json"],
    ];
    let round = db.cli_json(&weekly.concat())?;

    let schedule = db.cli_json(&["waste", "schedule", "--json"])?;
    let rounds = db.cli_json(&["waste", "rounds", "list", "--json"])?;

    assert_eq!(round["frequency"], serde_json::json!({"weekly": 3}));
    assert_eq!(round["zone"], "หมู่ 3", "a new zone is created");
    assert_eq!(schedule.as_array().map(Vec::len), Some(7), "seven days");
    let count = |day: usize| schedule[day]["rounds"].as_array().map(Vec::len);
    assert_eq!(count(0), Some(1), "Monday: the daily round");
    assert_eq!(count(2), Some(2), "Wednesday: daily and weekly");
    assert_eq!(schedule[2]["name"], "วันพุธ");
    assert_eq!(schedule[2]["rounds"][1]["zone"], "หมู่ 3");
    assert_eq!(rounds.as_array().map(Vec::len), Some(2), "two rounds");
    Ok(())
}

#[test]
fn weekday_out_of_range_is_rejected() -> TestResult {
    let db = with_members()?;
    add_somchai(&db)?;

    let args = [
        "waste",
        "rounds",
        "add",
        "--collector",
        "สมชาย ใจดี",
        "--zone",
        "บ่อยาง/หมู่ 1",
        "--weekday",
        "8",
    ];
    let error = fails(&db, &args)?;
    let rounds = db.cli_json(&["waste", "rounds", "list", "--json"])?;

    assert!(error.contains("weekday 8"), "error: {error}");
    assert_eq!(rounds, Value::Array(Vec::new()), "no round added");
    Ok(())
}

#[test]
fn round_record_adds_stock_and_pay() -> TestResult {
    let db = with_members()?;
    add_somchai(&db)?;
    deposit_pet(&db)?;

    let record = db.cli_json(&[
        "waste",
        "rounds",
        "record",
        "--collector",
        "สมชาย ใจดี",
        "--date",
        "5/3/2567",
        "--visit",
        "บ้านเลขที่ 12",
        "--visit",
        "บ้านเลขที่ 14",
        "--line",
        "PET_CLEAR=20",
        "--line",
        "ALU_CAN=2.5",
        "--paid",
        "150",
        "--point",
        POINT,
        "--json",
    ])?;
    let records = db.cli_json(&[
        "waste",
        "rounds",
        "records",
        "--from",
        "1/3/2567",
        "--to",
        "31/3/2567",
        "--json",
    ])?;
    let margin = db.cli_json(&[
        "report",
        "margin",
        "--from",
        "1/3/2567",
        "--to",
        "31/3/2567",
        "--json",
    ])?;

    assert_eq!(record["date"], "2024-03-05");
    assert_eq!(record["paid"], 15_000, "150 baht in satang");
    assert_eq!(record["point"], POINT);
    assert_eq!(
        record["visited"],
        serde_json::json!(["บ้านเลขที่ 12", "บ้านเลขที่ 14"])
    );
    assert_eq!(records[0]["grams_by_material"]["PET_CLEAR"], 20_000);
    assert_eq!(records[0]["grams_by_material"]["ALU_CAN"], 2_500);
    assert_eq!(
        stock_grams(&db, "PET_CLEAR")?,
        32_500,
        "12.5 deposited + 20"
    );
    assert_eq!(stock_grams(&db, "ALU_CAN")?, 2_500);
    assert_eq!(margin[0]["collector_pay"], 15_000, "pay counts in margin");
    Ok(())
}

#[test]
fn round_record_with_invalid_pay_is_rejected() -> TestResult {
    let db = with_members()?;
    add_somchai(&db)?;

    let args = [
        "waste",
        "rounds",
        "record",
        "--collector",
        "สมชาย ใจดี",
        "--line",
        "PET_CLEAR=1",
        "--paid",
        "ห้าสิบ",
    ];
    let error = fails(&db, &args)?;

    assert!(error.contains("ห้าสิบ"), "error names the amount: {error}");
    Ok(())
}

fn sale_args<'a>(kg_line: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "waste",
        "sales",
        "add",
        "--buyer",
        "ร้านรับซื้อของเก่าสมชาย",
        "--point",
        POINT,
        "--date",
        "10/3/2567",
        "--line",
        kg_line,
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn sale_within_stock_is_recorded() -> TestResult {
    let db = with_members()?;
    deposit_pet(&db)?;

    let sale = db.cli_json(&sale_args("PET_CLEAR=10@12", &["--json"]))?;
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

    assert_eq!(sale["revenue"], 12_000, "10 kg at 12 baht");
    assert_eq!(sale["forced"], false);
    assert_eq!(sale["shortfalls"], Value::Array(Vec::new()));
    assert_eq!(listed[0]["buyer"], "ร้านรับซื้อของเก่าสมชาย");
    assert_eq!(listed[0]["lines"][0]["grams"], 10_000);
    assert_eq!(stock_grams(&db, "PET_CLEAR")?, 2_500, "12.5 less 10");
    Ok(())
}

#[test]
fn sale_over_stock_needs_force() -> TestResult {
    let db = with_members()?;
    deposit_pet(&db)?;

    let error = fails(&db, &sale_args("PET_CLEAR=20@12", &[]))?;
    let stock_after_refusal = stock_grams(&db, "PET_CLEAR")?;
    let forced = db.cli_json(&sale_args("PET_CLEAR=20@12", &["--force", "--json"]))?;

    assert!(
        error.contains("7.5 kg more than the stock"),
        "error: {error}"
    );
    assert_eq!(stock_after_refusal, 12_500, "nothing sold");
    assert_eq!(forced["forced"], true);
    assert_eq!(forced["shortfalls"][0]["material"], "PET_CLEAR");
    assert_eq!(forced["shortfalls"][0]["stock_grams"], 12_500);
    assert_eq!(forced["shortfalls"][0]["short_grams"], 7_500);
    assert!(
        forced["warning"]
            .as_str()
            .is_some_and(|w| w.contains("PET_CLEAR")),
        "warning kept: {forced}"
    );
    assert_eq!(forced["lines"][0]["unallocated_grams"], 7_500);
    assert_eq!(stock_grams(&db, "PET_CLEAR")?, -7_500, "stock below zero");
    Ok(())
}
