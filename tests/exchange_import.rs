//! Importing legacy equipment lists: the sample list of two communities,
//! and lists with the quirks office sheets have (title rows, merged
//! headers, Buddhist-era dates, Thai digits, total rows), previewed,
//! committed once and imported again.

mod common;

use std::path::PathBuf;

use chumchon::exchange::{self, ItemFilter, PostFilter, PostKind, Status, Tracking};
use chumchon::import::equipment::{self, Details, NewCommunities, Options, RowStatus};
use chumchon::import::session::{AcceptChanges, Mode, Outcome};
use chumchon::Satang;
use common::{context, date, expected, fixture, TempDb, TestResult};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};

fn import(
    conn: &mut rusqlite::Connection,
    path: &std::path::Path,
    options: &Options,
    mode: Mode,
) -> TestResult<Outcome<Details>> {
    Ok(equipment::import(
        conn,
        &context(),
        path,
        options,
        mode,
        &mut |_, _| {},
    )?)
}

fn items(conn: &rusqlite::Connection) -> TestResult<Vec<exchange::Item>> {
    let filter = ItemFilter {
        include_retired: true,
        ..ItemFilter::default()
    };
    Ok(exchange::list_items(conn, &filter)?)
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[&str]) -> TestResult {
    for (col, text) in (0u16..).zip(cells) {
        if !text.is_empty() {
            sheet.write_string(row, col, *text)?;
        }
    }
    Ok(())
}

/// A list of one community with two title rows, a two-row header with
/// "มูลค่า (บาท)" merged over "ต่อหน่วย" and "รวม", BE dates, Thai digits,
/// a blank row and a total row.
fn quirky_list(dir: &tempfile::TempDir) -> TestResult<PathBuf> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let center = Format::new().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, 8, "ทะเบียนครุภัณฑ์ ชุมชนเก้าแสน", &center)?;
    sheet.merge_range(1, 0, 1, 8, "ข้อมูล ณ วันที่ 30 กันยายน 2567", &center)?;
    for (col, label) in [
        (0, "ลำดับ"),
        (1, "รหัสครุภัณฑ์"),
        (2, "ชื่อรายการ"),
        (3, "จำนวน"),
        (4, "หน่วย"),
        (5, "สภาพ"),
        (8, "วันที่ได้มา"),
    ] {
        sheet.merge_range(3, col, 4, col, label, &center)?;
    }
    sheet.merge_range(3, 6, 3, 7, "มูลค่า (บาท)", &center)?;
    write_row(sheet, 4, &["", "", "", "", "", "", "ต่อหน่วย", "รวม"])?;
    let rows: [[&str; 9]; 4] = [
        [
            "1",
            "KS-01",
            "เต็นท์ 4x8 เมตร",
            "2",
            "หลัง",
            "ดี",
            "3,500",
            "7,000",
            "15/03/2562",
        ],
        [
            "2",
            "KS-02",
            "หม้อหุงข้าวไฟฟ้า 5 ลิตร",
            "1",
            "ใบ",
            "ไม่มีฝา",
            "1,200",
            "1,200",
            "1 ม.ค. 2565",
        ],
        [
            "3",
            "KS-03",
            "เก้าอี้พลาสติก",
            "๕๐",
            "ตัว",
            "ดี",
            "150",
            "7,500",
            "",
        ],
        [
            "4",
            "KS-04",
            "ลำโพงเคลื่อนที่",
            "1",
            "ชุด",
            "สีถลอก",
            "2,500",
            "2,500",
            "",
        ],
    ];
    write_row(sheet, 5, &rows[0])?;
    write_row(sheet, 6, &rows[1])?;
    write_row(sheet, 7, &rows[2])?;
    write_row(sheet, 9, &rows[3])?;
    write_row(sheet, 10, &["", "", "รวม", "", "", "", "", "", ""])?;
    sheet.write_formula(10, 7, "=SUM(H6:H10)")?;
    let path = dir.path().join("equipment-kaosaen.xlsx");
    workbook.save(&path)?;
    Ok(path)
}

/// Options that create every community the file names, as the first
/// import into a new database does.
fn creating() -> Options {
    Options {
        create_communities: NewCommunities::All,
        ..Options::default()
    }
}

fn kaosaen() -> Options {
    Options {
        community: Some("เก้าแสน".into()),
        ..creating()
    }
}

#[test]
fn legacy_list_gives_expected_items() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let truth = expected()?;
    let file = truth["equipment"]["file"].as_str().ok_or("no file name")?;
    let expected_items = truth["equipment"]["items"].as_u64().ok_or("no count")?;

    let outcome = import(&mut conn, &fixture(file), &creating(), Mode::Commit)?;

    assert!(
        outcome.report.errors.is_empty(),
        "errors: {:?}",
        outcome.report.errors
    );
    assert_eq!(
        outcome.report.imported as u64, expected_items,
        "items imported"
    );
    assert_eq!(items(&conn)?.len() as u64, expected_items, "items stored");
    assert_eq!(
        outcome.details.items_by_community.get("บ่อยาง"),
        Some(&5),
        "five items of บ่อยาง"
    );
    assert_eq!(
        outcome.details.items_by_community.get("ริมทางรถไฟ"),
        Some(&3),
        "three items of ริมทางรถไฟ"
    );
    Ok(())
}

#[test]
fn legacy_conditions_become_statuses() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;

    import(
        &mut conn,
        &fixture("equipment-2567.xlsx"),
        &creating(),
        Mode::Commit,
    )?;

    let all = items(&conn)?;
    let find = |name: &str| all.iter().find(|item| item.name == name);
    let cooker = find("หม้อหุงข้าวไฟฟ้า 10 ลิตร").ok_or("no rice cooker")?;
    assert_eq!(
        (cooker.status, cooker.missing.as_deref()),
        (Status::PartMissing, Some("ฝา")),
        "ฝาชำรุด: the lid is missing"
    );
    assert_eq!(cooker.tracking, Tracking::Stock, "two cookers are stock");
    let cart = find("รถเข็นซาเล้ง").ok_or("no cart")?;
    assert_eq!(cart.status, Status::UnderRepair, "ต้องซ่อมยาง: needs repair");
    let tent = find("เต็นท์ 4x8 เมตร").ok_or("no tent")?;
    assert_eq!(tent.status, Status::Available, "ดี: available");
    let needs = exchange::list_posts(
        &conn,
        &PostFilter {
            kind: Some(PostKind::Need),
            ..PostFilter::default()
        },
    )?;
    let texts: Vec<&str> = needs.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        ["ฝาหม้อหุงข้าวไฟฟ้า 10 ลิตร"],
        "the missing lid is a need"
    );
    Ok(())
}

#[test]
fn legacy_lid_matches_shop_lid() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import(
        &mut conn,
        &fixture("equipment-2567.xlsx"),
        &creating(),
        Mode::Commit,
    )?;
    let ctx = context();
    let all = items(&conn)?;
    let lid = all
        .iter()
        .find(|item| item.name.starts_with("ฝาหม้อ"))
        .ok_or("no spare lid")?;
    let offer = exchange::post(
        &conn,
        &ctx,
        &exchange::NewPost {
            item_id: Some(lid.id),
            ..exchange::NewPost::offer(lid.community_id, lid.name.clone())
        },
    )?;

    let matches = exchange::list_matches(&conn, &exchange::MatchFilter::default())?;

    let best = matches
        .first()
        .map(|m| (m.offer_id, m.need_community.as_str()));
    assert_eq!(
        best,
        Some((offer.id, "บ่อยาง")),
        "the shop's lid is proposed for the kitchen: {matches:?}"
    );
    Ok(())
}

#[test]
fn preview_writes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;

    let outcome = import(
        &mut conn,
        &fixture("equipment-2567.xlsx"),
        &creating(),
        Mode::Preview,
    )?;

    assert_eq!(outcome.report.imported, 8, "the preview counts eight items");
    assert!(!outcome.report.committed, "a preview is not committed");
    assert!(items(&conn)?.is_empty(), "no item is stored");
    let imports: i64 = conn.query_row("SELECT count(*) FROM imports", [], |r| r.get(0))?;
    assert_eq!(imports, 0, "no import is recorded");
    let communities: i64 = conn.query_row("SELECT count(*) FROM communities", [], |r| r.get(0))?;
    assert_eq!(communities, 0, "no community is created");
    Ok(())
}

#[test]
fn commit_keeps_backup() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;

    let outcome = import(
        &mut conn,
        &fixture("equipment-2567.xlsx"),
        &creating(),
        Mode::Commit,
    )?;

    let backup = outcome.backup.ok_or("no backup was made")?;
    assert!(backup.is_file(), "the backup {} exists", backup.display());
    Ok(())
}

#[test]
fn second_import_changes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = fixture("equipment-2567.xlsx");
    import(&mut conn, &path, &creating(), Mode::Commit)?;
    let before = items(&conn)?;

    let again = import(&mut conn, &path, &creating(), Mode::Commit)?;

    assert!(again.imported_before.is_some(), "the file was seen before");
    assert_eq!(again.report.imported, 0, "nothing new");
    assert!(!again.report.committed, "nothing written");
    assert!(again.backup.is_none(), "no backup kept for no change");
    let statuses: Vec<RowStatus> = again.details.rows.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [RowStatus::Unchanged; 8], "every row unchanged");
    assert_eq!(items(&conn)?, before, "the register is the same");
    let needs = exchange::list_posts(&conn, &PostFilter::default())?;
    assert_eq!(needs.len(), 1, "the lid is needed once");
    Ok(())
}

#[test]
fn quirky_list_reads_every_quirk() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = quirky_list(&db.dir)?;

    let outcome = import(&mut conn, &path, &kaosaen(), Mode::Commit)?;

    assert!(
        outcome.report.errors.is_empty(),
        "errors: {:?}",
        outcome.report.errors
    );
    assert_eq!(outcome.details.header_row, 4, "header below two title rows");
    assert_eq!(outcome.report.imported, 4, "four items");
    assert_eq!(outcome.report.skipped, 2, "the blank and total rows");
    let all = items(&conn)?;
    let find = |code: &str| all.iter().find(|item| item.code.as_deref() == Some(code));
    let tent = find("KS-01").ok_or("no tent")?;
    assert_eq!(tent.acquired, Some(date(2019, 3, 15)), "15/03/2562 is 2019");
    assert_eq!(
        tent.unit_value,
        Satang::from_baht(3_500),
        "value of one tent"
    );
    assert_eq!(tent.community, "เก้าแสน", "the community given");
    let cooker = find("KS-02").ok_or("no cooker")?;
    assert_eq!(
        cooker.acquired,
        Some(date(2022, 1, 1)),
        "1 ม.ค. 2565 is 2022"
    );
    assert_eq!(cooker.missing.as_deref(), Some("ฝา"), "ไม่มีฝา lacks the lid");
    let chairs = find("KS-03").ok_or("no chairs")?;
    assert_eq!(chairs.quantity, 50, "๕๐ is fifty");
    assert_eq!(
        chairs.unit_value,
        Satang::from_baht(150),
        "unit value column"
    );
    let warnings: Vec<(&str, Option<u32>)> = outcome
        .report
        .warnings
        .iter()
        .map(|w| (w.code, w.row))
        .collect();
    assert_eq!(
        warnings,
        [("condition_unrecognised", Some(10))],
        "สีถลอก says nothing about use"
    );
    Ok(())
}

#[test]
fn list_without_community_is_refused() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = quirky_list(&db.dir)?;

    let outcome = import(&mut conn, &path, &creating(), Mode::Commit)?;

    assert_eq!(outcome.report.imported, 0, "nothing without a community");
    let codes: Vec<&str> = outcome.report.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, ["community_missing"; 4], "each row says so");
    Ok(())
}

#[test]
fn changed_row_is_listed_then_accepted() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let first = {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        write_row(sheet, 0, &["ชื่อรายการ", "จำนวน", "สภาพ"])?;
        write_row(sheet, 1, &["โต๊ะพับ", "20", "ดี"])?;
        let path = db.dir.path().join("first.xlsx");
        workbook.save(&path)?;
        path
    };
    let second = {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        write_row(sheet, 0, &["ชื่อรายการ", "จำนวน", "สภาพ"])?;
        write_row(sheet, 1, &["โต๊ะพับ", "18", "ขาหัก"])?;
        let path = db.dir.path().join("second.xlsx");
        workbook.save(&path)?;
        path
    };
    import(&mut conn, &first, &kaosaen(), Mode::Commit)?;

    let listed = import(&mut conn, &second, &kaosaen(), Mode::Commit)?;
    let accepted = import(
        &mut conn,
        &second,
        &Options {
            accept: AcceptChanges::All,
            ..kaosaen()
        },
        Mode::Commit,
    )?;

    let fields: Vec<&str> = listed.changed[0].changes.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        ["quantity", "condition", "status"],
        "quantity, condition and status differ"
    );
    assert!(!listed.changed[0].applied, "not written without accepting");
    assert!(accepted.changed[0].applied, "written when accepted");
    let tables = &items(&conn)?[0];
    assert_eq!(tables.quantity, 18, "eighteen tables now");
    assert_eq!(
        (tables.status, tables.missing.as_deref()),
        (Status::PartMissing, Some("ขา")),
        "a leg is broken"
    );
    Ok(())
}

#[test]
fn duplicate_code_is_refused() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["รหัสครุภัณฑ์", "ชื่อรายการ", "จำนวน"])?;
    write_row(sheet, 1, &["EQ-1", "เต็นท์", "1"])?;
    write_row(sheet, 2, &["EQ-1", "โต๊ะพับ", "5"])?;
    let path = db.dir.path().join("duplicate.xlsx");
    workbook.save(&path)?;

    let outcome = import(&mut conn, &path, &kaosaen(), Mode::Commit)?;

    assert_eq!(outcome.report.imported, 1, "the first row is imported");
    let errors: Vec<(&str, Option<u32>)> = outcome
        .report
        .errors
        .iter()
        .map(|e| (e.code, e.row))
        .collect();
    assert_eq!(
        errors,
        [("duplicate_item_code", Some(3))],
        "row 3 repeats EQ-1"
    );
    Ok(())
}

#[test]
fn total_value_split_per_piece() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["ชื่อรายการ", "จำนวน", "มูลค่า"])?;
    write_row(sheet, 1, &["ปิ่นโต 4 ชั้น", "3", "1,000"])?;
    let path = db.dir.path().join("values.xlsx");
    workbook.save(&path)?;

    let outcome = import(&mut conn, &path, &kaosaen(), Mode::Commit)?;

    assert_eq!(
        items(&conn)?[0].unit_value,
        Satang(33_333),
        "1,000 baht over three pieces"
    );
    let codes: Vec<&str> = outcome.report.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["value_not_divisible"], "the rounding is reported");
    Ok(())
}

/// Imports `name`, a fixture of another kind, as equipment, and returns the
/// error and the number of items written.
fn import_wrong_kind(name: &str) -> TestResult<(String, usize)> {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let options = Options {
        community: Some("บ่อยาง".into()),
        ..creating()
    };
    let result = import(&mut conn, &fixture(name), &options, Mode::Commit);
    let message = match result {
        Ok(outcome) => format!("imported {}", outcome.report.imported),
        Err(error) => error.to_string(),
    };
    Ok((message, items(&conn)?.len()))
}

#[test]
fn member_register_is_not_equipment() -> TestResult {
    let (message, written) = import_wrong_kind("members-boyang-2567.xlsx")?;

    assert!(
        message.contains("member register"),
        "the message names the sheet's kind: {message}"
    );
    assert!(
        message.contains("import members"),
        "and the command: {message}"
    );
    assert_eq!(written, 0, "no item is written");
    Ok(())
}

#[test]
fn deposit_log_is_not_equipment() -> TestResult {
    let (message, written) = import_wrong_kind("waste-deposits-2567.xlsx")?;

    assert!(
        message.contains("deposit log"),
        "the message names the sheet's kind: {message}"
    );
    assert!(
        message.contains("import deposits"),
        "and the command: {message}"
    );
    assert_eq!(written, 0, "no item is written");
    Ok(())
}

#[test]
fn repeated_sequence_number_is_refused() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["ลำดับ", "ชื่อรายการ", "จำนวน", "สภาพ"])?;
    write_row(sheet, 1, &["7", "ลำโพง", "1", "ดี"])?;
    write_row(sheet, 2, &["7", "ลำโพง", "1", "ดี"])?;
    let path = db.dir.path().join("twice.xlsx");
    workbook.save(&path)?;

    let outcome = import(&mut conn, &path, &kaosaen(), Mode::Commit)?;

    assert_eq!(outcome.report.imported, 1, "one speaker");
    let codes: Vec<&str> = outcome.report.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, ["duplicate_seq"], "the second row is refused");
    assert_eq!(
        outcome.report.errors[0].row,
        Some(3),
        "on the repeating row"
    );
    Ok(())
}

#[test]
fn misspelt_community_is_refused_with_closest() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = quirky_list(&db.dir)?;
    chumchon::members::ensure_community(&conn, &context(), "เก้าแสน", Some("KS"))?;
    let misspelt = Options {
        community: Some("เก้าแสนน".into()),
        ..Options::default()
    };

    let outcome = import(&mut conn, &path, &misspelt, Mode::Commit)?;

    assert_eq!(outcome.report.imported, 0, "no row is imported");
    let codes: Vec<&str> = outcome.report.errors.iter().map(|p| p.code).collect();
    assert!(
        codes.iter().all(|code| *code == "community_unknown") && !codes.is_empty(),
        "every row names the unknown community: {codes:?}"
    );
    let unknown = &outcome.details.unknown_communities;
    assert_eq!(unknown.len(), 1, "one unknown name: {unknown:?}");
    assert_eq!(unknown[0].name, "เก้าแสนน", "as written");
    assert_eq!(unknown[0].closest, ["เก้าแสน"], "the closest existing name");
    assert_eq!(unknown[0].rows, 4, "four item rows name it");
    let count: i64 = conn.query_row("SELECT count(*) FROM communities", [], |r| r.get(0))?;
    assert_eq!(count, 1, "no community was created");
    Ok(())
}

#[test]
fn named_new_community_is_created() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let path = quirky_list(&db.dir)?;
    let names = ["ชุมชน เก้าแสน".to_string()].into_iter().collect();
    let options = Options {
        create_communities: NewCommunities::Named(names),
        ..kaosaen()
    };

    let outcome = import(&mut conn, &path, &options, Mode::Commit)?;

    assert_eq!(outcome.report.imported, 4, "every item imported");
    assert!(
        outcome.details.unknown_communities.is_empty(),
        "the name was allowed"
    );
    let found = chumchon::members::find_community(&conn, "เก้าแสน")?;
    assert!(found.is_some(), "the community was created");
    Ok(())
}

/// Writes a one-sheet list of (name, quantity) rows, for the community
/// of [`kaosaen`].
fn name_list(db: &TempDb, file: &str, rows: &[(&str, &str)]) -> TestResult<PathBuf> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_row(sheet, 0, &["ชื่อรายการ", "จำนวน"])?;
    for (row, (name, quantity)) in (1u32..).zip(rows) {
        write_row(sheet, row, &[name, quantity])?;
    }
    let path = db.dir.path().join(file);
    workbook.save(&path)?;
    Ok(path)
}

#[test]
fn names_differing_in_tone_marks_stay_apart() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let both = name_list(&db, "both.xlsx", &[("ถุงมือขาว", "10"), ("ถุงมือข้าว", "5")])?;
    let rice_only = name_list(&db, "rice.xlsx", &[("ถุงมือข้าว", "5")])?;
    import(&mut conn, &both, &kaosaen(), Mode::Commit)?;

    let again = import(&mut conn, &rice_only, &kaosaen(), Mode::Commit)?;

    assert!(
        again.changed.is_empty(),
        "nothing changed: {:?}",
        again.changed
    );
    assert_eq!(again.report.imported, 0, "no new item");
    let stored: Vec<(String, i64)> = items(&conn)?
        .into_iter()
        .map(|item| (item.name, item.quantity))
        .collect();
    assert!(
        stored.contains(&("ถุงมือขาว".to_string(), 10)),
        "white gloves kept: {stored:?}"
    );
    assert!(
        stored.contains(&("ถุงมือข้าว".to_string(), 5)),
        "rice gloves kept: {stored:?}"
    );
    Ok(())
}

#[test]
fn mark_order_is_not_a_change() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    // Vowel then tone mark, the usual typing order, and the reverse,
    // which shows the same กี้ตาร์ on screen.
    let usual = name_list(&db, "usual.xlsx", &[("ก\u{e35}\u{e49}ตาร์", "1")])?;
    let reversed = name_list(&db, "reversed.xlsx", &[("ก\u{e49}\u{e35}ตาร์", "1")])?;
    import(&mut conn, &reversed, &kaosaen(), Mode::Commit)?;

    let again = import(&mut conn, &usual, &kaosaen(), Mode::Commit)?;

    assert!(
        again.changed.is_empty(),
        "nothing changed: {:?}",
        again.changed
    );
    assert_eq!(again.report.imported, 0, "no new item");
    let names: Vec<String> = items(&conn)?.into_iter().map(|item| item.name).collect();
    assert_eq!(names, ["ก\u{e35}\u{e49}ตาร์"], "stored in the usual order");
    Ok(())
}

#[test]
fn keys_of_older_imports_still_match() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    let list = name_list(&db, "list.xlsx", &[("เต็นท์ใหญ่", "2")])?;
    import(&mut conn, &list, &kaosaen(), Mode::Commit)?;
    // An earlier version keyed an item by its name without tone marks.
    let current: String = conn.query_row("SELECT import_key FROM exchange_items", [], |row| {
        row.get(0)
    })?;
    let older = current.replace("name:", "").replace(['็', '่'], "");
    conn.execute("UPDATE exchange_items SET import_key = ?1", [&older])?;
    conn.execute(
        "UPDATE import_rows SET row_key = ?1 WHERE row_key = ?2",
        [&older, &current],
    )?;
    let changed = name_list(&db, "changed.xlsx", &[("เต็นท์ใหญ่", "3")])?;

    let same = import(&mut conn, &list, &kaosaen(), Mode::Commit)?;
    let listed = import(&mut conn, &changed, &kaosaen(), Mode::Commit)?;

    assert_ne!(older, current, "the older key differs");
    assert_eq!(same.report.imported, 0, "the same list adds nothing");
    assert!(same.changed.is_empty(), "the same list changes nothing");
    assert_eq!(listed.changed.len(), 1, "a new quantity is a change");
    assert_eq!(items(&conn)?.len(), 1, "still one item");
    Ok(())
}
