//! Benchmarks of the waste bank: importing a 100,000-row deposit log
//! against calamine's bare read of the same file, and the monthly and
//! programme reports over a year of 1,000,000 deposit lines. Results and
//! the machine they ran on are in docs/benchmarks.md.
//!
//! Run with `cargo bench --bench waste`.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

mod floor;

use std::path::Path;
use std::time::Duration;

use calamine::{open_workbook_auto, DataType, Reader};
use chrono::NaiveDate;
use chumchon::import::deposits::{self as deposit_import, DEPOSITS};
use chumchon::import::read::read_table;
use chumchon::import::session::Mode;
use chumchon::members::{self, MemberDetails};
use chumchon::waste::{self, ReportFilter};
use chumchon::Context;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

const ROWS: u32 = 100_000;
const MEMBERS: u32 = 2_000;
const REPORT_LINES: u32 = 1_000_000;

fn context() -> Context {
    let now = NaiveDate::from_ymd_opt(2025, 1, 15).and_then(|d| d.and_hms_opt(9, 0, 0));
    Context::new("bench", now.expect("valid time"))
}

/// Material names as the legacy logs write them, each one mapped by the
/// alias table.
const MATERIALS: [&str; 7] = [
    "ขวดพลาสติกใส (PET)",
    "ขวด PET สี",
    "พลาสติกขุ่น (HDPE)",
    "ถุงพลาสติก/ฟิล์ม",
    "กระป๋องอลูมิเนียม",
    "กระดาษลัง",
    "ขวดแก้ว",
];
const POINTS: [&str; 3] = ["จุดรวบรวมศาลาชุมชน", "จุดรวบรวมตลาดเช้า", "จุดรวบรวมวัด"];

/// Writes a deposit log like the legacy sample: dates as date cells with a
/// Thai-calendar format, loose material names, and a value column of
/// formulas that were never calculated.
fn write_log(path: &Path, rows: u32) {
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("[$-107041E]dd/mm/yyyy");
    let sheet = workbook.add_worksheet();
    sheet.set_formula_result_default("");
    let header = [
        "วันที่",
        "เลขที่สมาชิก",
        "ชื่อ",
        "ประเภทขยะ",
        "น้ำหนัก (กก.)",
        "ราคา/กก.",
        "เป็นเงิน",
        "จุดรับ",
    ];
    for (column, title) in (0u16..).zip(header) {
        sheet.write_string(0, column, title).expect("header");
    }
    for row in 1..=rows {
        let i = row as usize;
        let date = ExcelDateTime::from_ymd(2024, (1 + row % 12) as u8, (1 + row % 28) as u8)
            .expect("date");
        sheet
            .write_datetime_with_format(row, 0, &date, &date_format)
            .expect("cell");
        sheet
            .write_string(row, 1, format!("M{:06}", 1 + row % MEMBERS))
            .expect("cell");
        sheet.write_string(row, 2, "สมาชิก").expect("cell");
        sheet
            .write_string(row, 3, MATERIALS[i % MATERIALS.len()])
            .expect("cell");
        sheet
            .write_number(row, 4, f64::from(1 + row % 200) / 10.0)
            .expect("cell");
        sheet
            .write_number(row, 5, f64::from(1 + row % 9) * 1.5)
            .expect("cell");
        let excel_row = row + 1;
        sheet
            .write_formula(row, 6, Formula::new(format!("=E{excel_row}*F{excel_row}")))
            .expect("cell");
        sheet
            .write_string(row, 7, POINTS[i % POINTS.len()])
            .expect("cell");
    }
    workbook.save(path).expect("save log");
}

fn calamine_bare_read(path: &Path) -> usize {
    let mut workbook = open_workbook_auto(path).expect("open");
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).expect("range");
    range.rows().filter(|row| !row[0].is_empty()).count()
}

/// Creates a fresh database with the members the log names.
fn members_database(path: &Path) -> rusqlite::Connection {
    let _ = std::fs::remove_file(path);
    let mut conn = chumchon::db::open(path).expect("open database");
    let ctx = context();
    let tx = chumchon::db::write(&mut conn).expect("transaction");
    let community = members::ensure_community(&tx, &ctx, "ทดสอบ", Some("M")).expect("community");
    for number in 1..=MEMBERS {
        let details = MemberDetails {
            member_no: format!("M{number:06}"),
            first_name: "สมาชิก".into(),
            last_name: format!("ทดสอบ{number}"),
            community_id: community.id,
            ..MemberDetails::default()
        };
        members::insert(&tx, &ctx, &details).expect("member");
    }
    tx.commit().expect("commit");
    conn
}

fn bench_import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("deposits.xlsx");
    write_log(&log, ROWS);
    let template = dir.path().join("members.db");
    drop(members_database(&template));
    let database = dir.path().join("import.db");

    let mut group = c.benchmark_group("deposits_100k_rows");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40));
    group.bench_function("calamine_bare_read", |b| {
        b.iter(|| calamine_bare_read(&log))
    });
    group.bench_function("read_table_deposits", |b| {
        b.iter(|| read_table(&log, &DEPOSITS, None).expect("read"))
    });
    group.bench_function("import_deposits", |b| {
        b.iter_batched(
            || {
                std::fs::copy(&template, &database).expect("copy database");
                chumchon::db::open(&database).expect("open")
            },
            |mut conn| {
                let imported = import_log(&mut conn, &log);
                assert_eq!(imported, ROWS as usize, "every row");
            },
            BatchSize::PerIteration,
        )
    });
    // The same rows written again by SQLite alone, from a copy of a
    // database the import filled: the minimum time any import of this log
    // can take with this schema.
    let staged = dir.path().join("staged.db");
    std::fs::copy(&template, &staged).expect("copy database");
    import_log(&mut chumchon::db::open(&staged).expect("open"), &log);
    group.bench_function("sqlite_writes_alone", |b| {
        b.iter_batched(
            || {
                std::fs::copy(&template, &database).expect("copy database");
                chumchon::db::open(&database).expect("open")
            },
            |mut conn| {
                let tables = [
                    ("imports", "id"),
                    ("waste_points", "id"),
                    ("waste_deposits", "id"),
                    ("waste_lots", "id"),
                ];
                let written = floor::copy_rows(&mut conn, &staged, &tables);
                assert_eq!(written, 2 * ROWS as usize + 4, "every row");
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Imports the deposit log and returns how many rows it imported.
fn import_log(conn: &mut rusqlite::Connection, log: &Path) -> usize {
    let outcome = deposit_import::import(
        conn,
        &context(),
        log,
        &deposit_import::Options::default(),
        Mode::Commit,
        &mut |_, _| {},
    )
    .expect("import");
    outcome.report.imported
}

/// Fills a database with `lines` deposits of one lot each through 2024,
/// spread over 20 communities of 5 points and 10,000 members, written
/// with SQL because posting them one by one would take minutes.
fn report_database(path: &Path, lines: u32) -> rusqlite::Connection {
    let mut conn = chumchon::db::open(path).expect("open");
    let ctx = context();
    let tx = chumchon::db::write(&mut conn).expect("transaction");
    let mut points = Vec::new();
    for c in 0..20 {
        let community =
            members::ensure_community(&tx, &ctx, &format!("ชุมชนที่ {c}"), None).expect("community");
        for p in 0..5 {
            let point =
                waste::ensure_point(&tx, &ctx, community.id, &format!("จุดรับ {p}")).expect("point");
            points.push(point.id);
        }
    }
    let community = members::ensure_community(&tx, &ctx, "ชุมชนที่ 0", None).expect("community");
    for number in 1..=10_000u32 {
        let details = MemberDetails {
            member_no: format!("R{number:06}"),
            first_name: "สมาชิก".into(),
            community_id: community.id,
            ..MemberDetails::default()
        };
        members::insert(&tx, &ctx, &details).expect("member");
    }
    tx.execute_batch(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {lines})
         INSERT INTO waste_deposits (id, member_id, point_id, date, payment, operator, created_at)
         SELECT i, 1 + i % 10000, (SELECT min(id) FROM waste_points) + i % 100,
                date('2024-01-01', '+' || (i % 366) || ' days'), 'cash', 'bench', '2025-01-15'
         FROM n;
         INSERT INTO waste_lots (deposit_id, date, point_id, member_id, material_id, grams,
                                 satang_per_kg, value_satang)
         SELECT id, date, point_id, member_id, 1 + id % 12, 100 + id % 9000, 800,
                (100 + id % 9000) * 800 / 1000
         FROM waste_deposits;"
    ))
    .expect("deposits");
    tx.commit().expect("commit");
    assert_eq!(points.len(), 100, "twenty communities of five points");
    conn
}

fn bench_reports(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let conn = report_database(&dir.path().join("report.db"), REPORT_LINES);
    let year = ReportFilter::year(2567).expect("year");
    let month = ReportFilter::new(
        NaiveDate::from_ymd_opt(2024, 3, 1).expect("date"),
        NaiveDate::from_ymd_opt(2024, 3, 31).expect("date"),
    )
    .expect("month");

    let mut group = c.benchmark_group("reports_1m_lines");
    group.sample_size(10);
    group.bench_function("monthly_report_year", |b| {
        b.iter(|| waste::monthly_report(&conn, &year).expect("report"))
    });
    group.bench_function("programme_report_year", |b| {
        b.iter(|| waste::programme_report(&conn, &year).expect("report"))
    });
    group.bench_function("monthly_report_one_month", |b| {
        b.iter(|| waste::monthly_report(&conn, &month).expect("report"))
    });
    group.finish();
}

criterion_group!(benches, bench_import, bench_reports);
criterion_main!(benches);
