//! The exchange through the command line: importing the equipment list,
//! posting needs and offers, the matches' JSON, the rice cooker's lid
//! lent and returned, a sale between communities, and the reports.

mod common;

use std::process::Command;

use common::{fixture, pdf_text, TempDb, TestResult};
use serde_json::Value;

/// Imports the sample equipment list of บ่อยาง and ริมทางรถไฟ.
fn imported() -> TestResult<TempDb> {
    let db = TempDb::new()?;
    let path = fixture("equipment-2567.xlsx");
    let path = path.to_str().ok_or("path")?;
    db.import(&["equipment", path, "--create-communities"])?;
    Ok(db)
}

/// Posts a need or offer with `--json` and returns its id.
fn post(db: &TempDb, args: &[&str]) -> TestResult<i64> {
    let mut all = vec!["exchange"];
    all.extend_from_slice(args);
    all.push("--json");
    let posted = db.cli_json(&all)?;
    Ok(posted["id"].as_i64().ok_or("no id")?)
}

/// The item of the register called `name`, as `exchange items --json`
/// prints it.
fn item(db: &TempDb, name: &str) -> TestResult<Value> {
    let items = db.cli_json(&["exchange", "items", "--all", "--json"])?;
    let found = items
        .as_array()
        .ok_or("not an array")?
        .iter()
        .find(|item| item["name"] == name)
        .cloned();
    Ok(found.ok_or_else(|| format!("no item {name}"))?)
}

/// Runs the CLI expecting it to fail, and returns its stderr.
fn failure(db: &TempDb, args: &[&str]) -> TestResult<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(args)
        .output()?;
    if output.status.success() {
        return Err(format!("chumchon {args:?} succeeded").into());
    }
    Ok(String::from_utf8(output.stderr)?)
}

#[test]
fn import_equipment_prints_report() -> TestResult {
    let db = TempDb::new()?;
    let path = fixture("equipment-2567.xlsx");
    let path = path.to_str().ok_or("path")?;

    let create = "--create-communities";
    let dry = db.import(&["equipment", path, create, "--dry-run", "--json"])?;
    let real = db.import(&["equipment", path, create, "--json"])?;
    let again = db.import(&["equipment", path])?;

    let dry: Value = serde_json::from_str(&dry)?;
    assert_eq!(dry["imported"], 8, "the dry run counts eight items");
    assert_eq!(dry["committed"], false, "the dry run writes nothing");
    let real: Value = serde_json::from_str(&real)?;
    assert_eq!(real["imported"], 8, "eight items imported");
    assert_eq!(real["committed"], true, "written");
    assert!(
        again.contains("was already imported"),
        "the second import says so: {again}"
    );
    assert!(again.contains("0 imported"), "and adds nothing: {again}");
    Ok(())
}

#[test]
fn matches_json_has_documented_shape() -> TestResult {
    let db = imported()?;
    let cooker = post(
        &db,
        &["offer", "--community", "ริมทางรถไฟ", "หม้อหุงข้าวไฟฟ้า 10 ลิตร"],
    )?;
    let lid = post(
        &db,
        &[
            "offer",
            "--community",
            "ริมทางรถไฟ",
            "--kind",
            "spare-part",
            "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)",
        ],
    )?;
    let need = post(&db, &["need", "--community", "เก้าแสน", "ฝาหม้อหุงข้าว 10 ลิตร"]);

    let matches = db.cli_json(&["exchange", "matches", "--json"])?;

    assert!(need.is_err(), "an unknown community cannot post");
    let rows = matches.as_array().ok_or("not an array")?;
    for row in rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .ok_or("not an object")?
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "need_community",
                "need_id",
                "offer_community",
                "offer_id",
                "score"
            ],
            "documented keys only"
        );
    }
    let for_kitchen: Vec<i64> = rows
        .iter()
        .filter(|row| row["need_community"] == "บ่อยาง")
        .filter_map(|row| row["offer_id"].as_i64())
        .collect();
    assert_eq!(
        for_kitchen,
        [lid, cooker],
        "the lid first, then the cooker, for the kitchen's missing lid"
    );
    Ok(())
}

#[test]
fn rice_cooker_lid_lent_and_returned() -> TestResult {
    let db = imported()?;
    let lid_item = item(&db, "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)")?;
    let lid_id = lid_item["id"].as_i64().ok_or("no id")?.to_string();
    let offer = post(
        &db,
        &[
            "offer",
            "--community",
            "ริมทางรถไฟ",
            "--item",
            &lid_id,
            "--kind",
            "lend",
            "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)",
        ],
    )?;
    let matches = db.cli_json(&["exchange", "matches", "--json"])?;
    let need = matches[0]["need_id"].as_i64().ok_or("no match")?;
    let (need, offer) = (need.to_string(), offer.to_string());
    let pair = ["--need", need.as_str(), "--offer", offer.as_str()];

    db.cli(&[&["exchange", "accept"], &pair[..]].concat())?;
    let lent = db.cli(
        &[
            &["exchange", "fulfil"],
            &pair[..],
            &[
                "--by",
                "lend",
                "--date",
                "1/12/2567",
                "--due",
                "31/12/2567",
                "--deposit",
                "100",
            ],
        ]
        .concat(),
    )?;
    let lid_out = item(&db, "ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)")?;
    let cooker_fixed = item(&db, "หม้อหุงข้าวไฟฟ้า 10 ลิตร")?;
    let late = db.cli_json(&["exchange", "overdue", "--as-of", "15/1/2568", "--json"])?;
    db.cli(&["exchange", "return", "1", "--date", "16/1/2568"])?;
    let cooker_again = item(&db, "หม้อหุงข้าวไฟฟ้า 10 ลิตร")?;

    assert!(lent.starts_with("loan 1:"), "a loan was made: {lent}");
    assert_eq!(
        lid_out["status"], "lent",
        "the shop's register: the lid is lent"
    );
    assert_eq!(lid_out["on_loan"], 1, "one lid out");
    assert_eq!(
        cooker_fixed["status"], "available",
        "the kitchen's register: the cooker has a lid"
    );
    assert_eq!(late[0]["days_overdue"], 15, "due 31/12/2567, 15 days late");
    assert_eq!(late[0]["borrower"], "บ่อยาง", "the kitchen has it");
    assert_eq!(
        (&cooker_again["status"], &cooker_again["missing"]),
        (&Value::from("part_missing"), &Value::from("ฝา")),
        "the lid went back to the shop"
    );
    let matches = db.cli_json(&["exchange", "matches", "--all", "--json"])?;
    assert_eq!(
        matches[0]["status"], "fulfilled",
        "the match was carried out"
    );
    Ok(())
}

#[test]
fn sale_moves_item_and_money() -> TestResult {
    let db = imported()?;
    let tables = item(&db, "โต๊ะพับ")?;
    let id = tables["id"].as_i64().ok_or("no id")?.to_string();

    let moved = db.cli(&[
        "exchange",
        "transfer",
        &id,
        "--to-community",
        "บ่อยาง",
        "--quantity",
        "5",
        "--price",
        "1,250",
        "--date",
        "10/1/2568",
    ])?;
    let money = db.cli_json(&["exchange", "money", "--json"])?;
    let register = db.cli_json(&["exchange", "items", "--community", "บ่อยาง", "--json"])?;

    assert!(moved.contains("× 5 from ริมทางรถไฟ to บ่อยาง"), "{moved}");
    assert_eq!(money[0]["kind"], "sale", "a sale");
    assert_eq!(money[0]["amount"], 125_000, "1,250 baht in satang");
    assert_eq!(money[0]["date"], "2025-01-10", "10/1/2568 is 2025");
    let received: Vec<(&Value, &Value)> = register
        .as_array()
        .ok_or("not an array")?
        .iter()
        .filter(|item| item["name"] == "โต๊ะพับ")
        .map(|item| (&item["quantity"], &item["community"]))
        .collect();
    assert_eq!(
        received,
        [(&Value::from(5), &Value::from("บ่อยาง"))],
        "five tables in the kitchen's register"
    );
    let shop = db.cli_json(&["exchange", "items", "--community", "ริมทางรถไฟ", "--json"])?;
    let left = shop
        .as_array()
        .ok_or("not an array")?
        .iter()
        .find(|item| item["name"] == "โต๊ะพับ")
        .map(|item| item["quantity"].clone());
    assert_eq!(left, Some(Value::from(15)), "fifteen left at the shop");
    Ok(())
}

#[test]
fn reservation_conflict_is_reported() -> TestResult {
    let db = imported()?;
    let tent = item(&db, "เต็นท์ 4x8 เมตร")?;
    let id = tent["id"].as_i64().ok_or("no id")?.to_string();
    let reserve = |from: &str, to: &str, quantity: &str| {
        [
            "exchange",
            "reserve",
            &id,
            "--to-community",
            "ริมทางรถไฟ",
            "--from",
            from,
            "--to",
            to,
            "--quantity",
            quantity,
        ]
        .map(str::to_string)
    };

    let first = reserve("1/2/2600", "3/2/2600", "2");
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    db.cli(&first)?;
    let clash = reserve("2/2/2600", "5/2/2600", "2");
    let clash: Vec<&str> = clash.iter().map(String::as_str).collect();
    let stderr = failure(&db, &clash)?;

    assert!(
        stderr.contains("3 pieces and 2 of them are taken"),
        "names the conflict: {stderr}"
    );
    Ok(())
}

#[test]
fn status_and_history_commands() -> TestResult {
    let db = imported()?;
    let scale = item(&db, "เครื่องชั่งดิจิทัล 150 กก.")?;
    let id = scale["id"].as_i64().ok_or("no id")?.to_string();

    db.cli(&[
        "exchange",
        "set-status",
        &id,
        "--status",
        "part-missing",
        "--missing",
        "ถาดชั่ง",
    ])?;
    let history = db.cli_json(&["exchange", "history", &id, "--json"])?;
    let lend = failure(
        &db,
        &[
            "exchange",
            "lend",
            &id,
            "--to-community",
            "ริมทางรถไฟ",
            "--due",
            "1/2/2568",
        ],
    )?;

    let kinds: Vec<&str> = history
        .as_array()
        .ok_or("not an array")?
        .iter()
        .filter_map(|event| event["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["registered", "status"],
        "registered, then the change"
    );
    assert_eq!(history[1]["missing"], "ถาดชั่ง", "the part is named");
    assert!(
        lend.contains("cannot be lent"),
        "a scale without its pan: {lend}"
    );
    Ok(())
}

#[test]
fn report_writes_xlsx_and_pdf() -> TestResult {
    let db = imported()?;
    let tent = item(&db, "เต็นท์ 4x8 เมตร")?;
    let id = tent["id"].as_i64().ok_or("no id")?.to_string();
    db.cli(&[
        "exchange",
        "lend",
        &id,
        "--to-community",
        "ริมทางรถไฟ",
        "--date",
        "1/1/2568",
        "--due",
        "10/1/2568",
    ])?;
    let pdf = db.dir.path().join("exchange.pdf");
    let xlsx = db.dir.path().join("exchange.xlsx");

    db.cli(&[
        "exchange",
        "report",
        "--out",
        pdf.to_str().ok_or("path")?,
        "--as-of",
        "20/1/2568",
    ])?;
    db.cli(&[
        "exchange",
        "report",
        "--out",
        xlsx.to_str().ok_or("path")?,
        "--as-of",
        "20/1/2568",
    ])?;

    let text = pdf_text(&pdf)?;
    assert!(text.contains("เต็นท์ 4x8 เมตร"), "the tent is listed: {text}");
    assert!(text.contains("10/01/2568"), "its due date in BE: {text}");
    assert!(xlsx.is_file(), "the workbook was written");
    Ok(())
}

#[test]
fn import_counts_one_in_singular() -> TestResult {
    let db = TempDb::new()?;
    let path = db.dir.path().join("one.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows = [
        ["ลำดับ", "ชื่อรายการ", "ชุมชนเจ้าของ", "จำนวน"],
        ["1", "เต็นท์", "บ่อยาง", "1"],
        ["2", "โต๊ะพับ", "ชุมชนใหม่", "4"],
    ];
    for (row, cells) in (0u32..).zip(rows) {
        for (col, text) in (0u16..).zip(cells) {
            sheet.write_string(row, col, text)?;
        }
    }
    workbook.save(&path)?;

    let text = db.import(&[
        "equipment",
        path.to_str().ok_or("path")?,
        "--create-community",
        "บ่อยาง",
    ])?;

    assert!(text.contains("  บ่อยาง: 1 item\n"), "one item: {text}");
    assert!(
        text.contains("community not in the register: ชุมชนใหม่ (1 row);"),
        "one row: {text}"
    );
    Ok(())
}

#[test]
fn import_refuses_unknown_communities() -> TestResult {
    let db = TempDb::new()?;
    let path = fixture("equipment-2567.xlsx");
    let path = path.to_str().ok_or("path")?;

    let refused = Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(["import", "equipment", path, "--json"])
        .output()?;
    let one = db.import(&["equipment", path, "--create-community", "บ่อยาง", "--json"])?;

    assert_eq!(
        refused.status.code(),
        Some(4),
        "exit code: nothing imported"
    );
    let refused: Value = serde_json::from_slice(&refused.stdout)?;
    assert_eq!(refused["imported"], 0, "nothing imported without asking");
    let code = &refused["errors"][0]["code"];
    assert_eq!(code, "community_unknown", "{refused}");
    let one: Value = serde_json::from_str(&one)?;
    let imported = one["imported"].as_u64().ok_or("no count")?;
    assert!(
        imported > 0 && imported < 8,
        "only บ่อยาง's items are imported: {one}"
    );
    let communities = db.cli_json(&["exchange", "items", "--json"])?;
    let owners: Vec<&str> = communities
        .as_array()
        .ok_or("not an array")?
        .iter()
        .filter_map(|item| item["community"].as_str())
        .collect();
    assert!(
        owners.iter().all(|owner| *owner == "บ่อยาง"),
        "no other community was created: {owners:?}"
    );
    Ok(())
}

#[test]
fn misspelt_community_names_closest() -> TestResult {
    let db = imported()?;

    let need = failure(&db, &["exchange", "need", "--community", "บ่อยางค์", "ฝาหม้อ"])?;
    let add = failure(
        &db,
        &[
            "exchange",
            "add-item",
            "--community",
            "ริมทางรถใฟ",
            "--name",
            "เต็นท์",
        ],
    )?;

    assert!(need.contains("บ่อยางค์"), "names the typed name: {need}");
    assert!(need.contains("closest names are บ่อยาง"), "{need}");
    assert!(add.contains("closest names are ริมทางรถไฟ"), "{add}");
    let items = db.cli_json(&["exchange", "items", "--all", "--json"])?;
    let count = items.as_array().ok_or("not an array")?.len();
    assert_eq!(count, 8, "the misspelt add-item added nothing");
    Ok(())
}

#[test]
fn add_item_creates_community_when_asked() -> TestResult {
    let db = imported()?;
    let args = [
        "exchange",
        "add-item",
        "--community",
        "ท่าสะอ้าน",
        "--name",
        "เต็นท์",
        "--create-community",
        "--json",
    ];

    let item = db.cli_json(&args)?;

    assert_eq!(item["community"], "ท่าสะอ้าน", "created and used: {item}");
    Ok(())
}
