//! The exchange report as xlsx and PDF: what each community owns, lends
//! and borrows, utilisation and overdue loans, read back with calamine and
//! pdftotext.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use chumchon::exchange::{
    self, add_item, check_out, set_status, Borrower, ItemDetails, NewItem, NewLoan, Status,
    Tracking,
};
use chumchon::members::ensure_community;
use chumchon::Satang;
use common::{context, date, pdf_text, TempDb, TestResult};

/// Two communities: บ่อยาง lends a tent (overdue on 20 January 2025) and
/// has a rice cooker without its lid; ริมทางรถไฟ has twenty tables.
fn registers(conn: &rusqlite::Connection) -> TestResult {
    let ctx = context();
    let kitchen = ensure_community(conn, &ctx, "บ่อยาง", Some("BY"))?.id;
    let shop = ensure_community(conn, &ctx, "ริมทางรถไฟ", Some("RT"))?.id;
    let add = |community_id, name: &str, quantity, baht| {
        let tracking = if quantity > 1 {
            Tracking::Stock
        } else {
            Tracking::Unit
        };
        let details = ItemDetails {
            tracking,
            quantity,
            unit_value: Satang::from_baht(baht),
            ..ItemDetails::named(name)
        };
        let new = NewItem {
            community_id,
            details,
            status: Status::Available,
            missing: None,
        };
        add_item(conn, &ctx, &new)
    };
    let tent = add(kitchen, "เต็นท์ 4x8 เมตร", 1, 3_500)?;
    let cooker = add(kitchen, "หม้อหุงข้าวไฟฟ้า 10 ลิตร", 1, 1_200)?;
    add(shop, "โต๊ะพับ", 20, 450)?;
    set_status(conn, &ctx, cooker.id, Status::PartMissing, Some("ฝา"))?;
    let loan = NewLoan {
        item_id: tent.id,
        quantity: 1,
        borrower: Borrower::Community(shop),
        out_date: date(2025, 1, 1),
        due_date: date(2025, 1, 10),
        deposit: Satang::from_baht(500),
        fee: Satang::from_baht(100),
        condition: None,
        reservation_id: None,
        note: None,
    };
    check_out(conn, &ctx, &loan)?;
    Ok(())
}

fn report(conn: &rusqlite::Connection) -> TestResult<exchange::Report> {
    Ok(exchange::report(
        conn,
        date(2025, 1, 20),
        date(2025, 1, 1),
        date(2025, 1, 20),
    )?)
}

#[test]
fn report_figures_by_community() -> TestResult {
    let db = TempDb::new()?;
    let conn = db.open()?;
    registers(&conn)?;

    let built = report(&conn)?;

    let names: Vec<&str> = built
        .communities
        .iter()
        .map(|h| h.community.as_str())
        .collect();
    assert_eq!(
        names,
        ["บ่อยาง", "ริมทางรถไฟ"],
        "both communities, Thai order"
    );
    let kitchen = &built.communities[0];
    assert_eq!(
        kitchen.owned_value,
        Satang::from_baht(4_700),
        "tent and cooker"
    );
    assert_eq!(kitchen.lent.len(), 1, "the kitchen lends the tent");
    assert_eq!(
        built.communities[1].borrowed.len(),
        1,
        "the shop borrows it"
    );
    assert_eq!(
        built.communities[1].owned_value,
        Satang::from_baht(9_000),
        "twenty tables at 450 baht"
    );
    assert_eq!(built.overdue.len(), 1, "the tent is overdue");
    let busiest = &built.utilisation[0];
    assert_eq!(
        (busiest.name.as_str(), busiest.percent_text()),
        ("เต็นท์ 4x8 เมตร", "100.0".to_string()),
        "the tent was out every day of the period"
    );
    Ok(())
}

#[test]
fn report_pdf_reads_back() -> TestResult {
    let db = TempDb::new()?;
    let conn = db.open()?;
    registers(&conn)?;
    let built = report(&conn)?;
    let out = db.dir.path().join("exchange.pdf");

    let pages = chumchon::pdf::exchange::write_exchange_report(&out, &built, date(2025, 1, 20))?;

    let text = pdf_text(&out)?;
    assert!(
        text.contains(&format!("หน้า {pages}/{pages}")),
        "the last page is numbered: {text}"
    );
    for expected in [
        "รายงานอุปกรณ์ การยืม และการใช้งานของชุมชน",
        "ข้อมูล ณ วันที่ 20 มกราคม 2568",
        "อุปกรณ์ของชุมชนบ่อยาง",
        "ขาดชิ้นส่วน (ฝา)",
        "บ่อยาง ให้ยืม",
        "ริมทางรถไฟ ยืมมา",
        "การยืมที่เกินกำหนดคืน",
        "10/01/2568",
        "9,000.00",
    ] {
        assert!(
            text.contains(expected),
            "the PDF shows “{expected}”: {text}"
        );
    }
    let overdue_line = text
        .lines()
        .rev()
        .find(|line| line.contains("เต็นท์ 4x8 เมตร") && line.contains("10/01/2568"))
        .ok_or("no overdue line")?;
    assert!(
        overdue_line.split_whitespace().any(|word| word == "10"),
        "ten days late on 20 January: {overdue_line}"
    );
    Ok(())
}

#[test]
fn long_report_continues_tables() -> TestResult {
    let db = TempDb::new()?;
    let conn = db.open()?;
    let ctx = context();
    let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?.id;
    for number in 1..=60 {
        let new = NewItem {
            community_id: community,
            details: ItemDetails::named(format!("เก้าอี้พลาสติกตัวที่ {number}")),
            status: Status::Available,
            missing: None,
        };
        add_item(&conn, &ctx, &new)?;
    }
    let built = report(&conn)?;
    let out = db.dir.path().join("long.pdf");

    let pages = chumchon::pdf::exchange::write_exchange_report(&out, &built, date(2025, 1, 20))?;

    let text = pdf_text(&out)?;
    assert!(
        pages >= 3,
        "sixty items and their utilisation take pages: {pages}"
    );
    assert!(
        text.contains("อุปกรณ์ของชุมชนบ่อยาง (ต่อ)"),
        "a continued table says so"
    );
    assert!(
        text.contains(&format!("หน้า {pages}/{pages}")),
        "pages are numbered"
    );
    assert!(
        text.contains("เก้าอี้พลาสติกตัวที่ 60"),
        "the last item is printed"
    );
    Ok(())
}

#[test]
fn report_xlsx_reads_back() -> TestResult {
    let db = TempDb::new()?;
    let conn = db.open()?;
    registers(&conn)?;
    let built = report(&conn)?;
    let out = db.dir.path().join("exchange.xlsx");

    chumchon::export::exchange::write_report(&conn, &context(), &built, &out)?;

    let mut workbook: Xlsx<_> = open_workbook(&out)?;
    assert_eq!(
        workbook.sheet_names(),
        ["สรุป", "อุปกรณ์ที่มี", "ให้ยืม-ยืมมา", "การใช้งาน", "เกินกำหนด"],
        "one sheet per part"
    );
    let summary = workbook.worksheet_range("สรุป")?;
    assert_eq!(
        summary.get_value((8, 0)),
        Some(&Data::String("บ่อยาง".into())),
        "the first community under the header"
    );
    assert_eq!(
        summary.get_value((8, 3)),
        Some(&Data::Float(4_700.0)),
        "its equipment's value in baht"
    );
    let overdue = workbook.worksheet_range("เกินกำหนด")?;
    let due = overdue.get_value((3, 5)).ok_or("no due date")?;
    let serial = match due {
        Data::DateTime(value) => value.as_f64(),
        Data::Float(value) => *value,
        other => return Err(format!("not a date: {other:?}").into()),
    };
    let due = chumchon::thai::date::from_excel_serial(serial, false);
    assert_eq!(due, Some(date(2025, 1, 10)), "the due date is a date cell");
    assert_eq!(
        overdue.get_value((3, 8)),
        Some(&Data::Float(10.0)),
        "ten days late"
    );
    Ok(())
}
