//! Benchmarks of the registers: importing a 100,000-row sheet against
//! calamine's bare read of the same file, a dividend run over 20,000
//! members with a year of transactions, and member search over 50,000
//! members. Results and the machine they ran on are in docs/benchmarks.md.
//!
//! Run with `cargo bench --bench registers`.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

mod floor;

use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{open_workbook_auto, DataType, Reader};
use chrono::NaiveDate;
use chumchon::dividends::{self, Basis, Method, Params};
use chumchon::import::read::{read_table, LEDGER, MEMBERS};
use chumchon::import::session::Mode;
use chumchon::import::{ledger, members as member_import};
use chumchon::members::{self, MemberDetails, SearchQuery};
use chumchon::shares::{self, Kind, NewTransaction};
use chumchon::{Context, Satang};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rust_xlsxwriter::{ExcelDateTime, Workbook};

const ROWS: u32 = 100_000;

fn context() -> Context {
    let now = NaiveDate::from_ymd_opt(2025, 1, 15).and_then(|d| d.and_hms_opt(9, 0, 0));
    Context::new("bench", now.expect("valid time"))
}

const FIRST_NAMES: [&str; 8] = [
    "สมชาย",
    "มาลี",
    "กิ่งแก้ว",
    "ยุพิน",
    "ณรงค์",
    "ประเสริฐ",
    "ญาดา",
    "ฐิติมา",
];
const LAST_NAMES: [&str; 6] = ["ใจดี", "แก้วมณี", "ศรีสุข", "ทองคำ", "ที่พึ่ง", "น้ำใจงาม"];

/// A six-column member register of `rows` members, dates as real date
/// cells with a Thai-calendar format.
fn write_register(path: &Path, rows: u32) {
    let mut workbook = Workbook::new();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("[$-th-TH,107]d mmmm yyyy;@");
    let sheet = workbook.add_worksheet();
    for (column, header) in ["เลขที่สมาชิก", "คำนำหน้า", "ชื่อ", "นามสกุล", "วันที่สมัคร", "จำนวนหุ้น"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(0, column as u16, *header)
            .expect("header");
    }
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
    for row in 1..=rows {
        let i = row as usize;
        let day = start + chrono::Days::new(u64::from(row % 3000));
        let joined = ExcelDateTime::from_ymd(
            chrono::Datelike::year(&day) as u16,
            chrono::Datelike::month(&day) as u8,
            chrono::Datelike::day(&day) as u8,
        )
        .expect("date");
        sheet
            .write_string(row, 0, format!("M{row:06}"))
            .expect("cell");
        sheet
            .write_string(
                row,
                1,
                if i.is_multiple_of(2) {
                    "นาย"
                } else {
                    "นาง"
                },
            )
            .expect("cell");
        sheet
            .write_string(row, 2, FIRST_NAMES[i % FIRST_NAMES.len()])
            .expect("cell");
        sheet
            .write_string(
                row,
                3,
                format!("{}{}", LAST_NAMES[i % LAST_NAMES.len()], row),
            )
            .expect("cell");
        sheet
            .write_date_with_format(row, 4, &joined, &date_format)
            .expect("cell");
        sheet
            .write_number(row, 5, f64::from(row % 50))
            .expect("cell");
    }
    workbook.save(path).expect("save register");
}

/// A six-column share ledger of `rows` purchases by `members` members.
fn write_ledger(path: &Path, rows: u32, members: u32) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in [
        "วันที่",
        "เลขที่สมาชิก",
        "รายการ",
        "จำนวนหุ้น",
        "จำนวนเงิน",
        "เลขที่ใบเสร็จ",
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string(0, column as u16, *header)
            .expect("header");
    }
    for row in 1..=rows {
        let day = 1 + row % 28;
        let month = 1 + row % 12;
        sheet
            .write_string(row, 0, format!("{day:02}/{month:02}/2567"))
            .expect("cell");
        sheet
            .write_string(row, 1, format!("M{:06}", 1 + row % members))
            .expect("cell");
        sheet.write_string(row, 2, "ซื้อหุ้น").expect("cell");
        sheet.write_number(row, 3, 1.0).expect("cell");
        sheet.write_string(row, 4, "100.00").expect("cell");
        sheet
            .write_string(row, 5, format!("R2567-{row:06}"))
            .expect("cell");
    }
    workbook.save(path).expect("save ledger");
}

fn calamine_bare_read(path: &Path) -> usize {
    let mut workbook = open_workbook_auto(path).expect("open");
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).expect("range");
    range.rows().filter(|row| !row[0].is_empty()).count()
}

fn new_database(dir: &Path, name: &str) -> rusqlite::Connection {
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(path.with_extension("db-wal"));
    chumchon::db::open(&path).expect("open database")
}

fn bench_import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let register = dir.path().join("register.xlsx");
    let ledger_file = dir.path().join("ledger.xlsx");
    write_register(&register, ROWS);
    write_ledger(&ledger_file, ROWS, 2_000);
    let mut group = c.benchmark_group("import_100k_rows");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));

    group.bench_function("calamine_bare_read", |b| {
        b.iter(|| calamine_bare_read(&register))
    });
    group.bench_function("read_table_members", |b| {
        b.iter(|| read_table(&register, &MEMBERS, None).expect("read"))
    });
    group.bench_function("import_members", |b| {
        b.iter_batched(
            || new_database(dir.path(), "members.db"),
            |mut conn| {
                let options = member_import::Options {
                    community: Some("ทดสอบ".into()),
                    ..Default::default()
                };
                member_import::import(
                    &mut conn,
                    &context(),
                    &register,
                    &options,
                    Mode::Commit,
                    &mut |_, _| {},
                )
                .expect("import")
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("calamine_bare_read_ledger", |b| {
        b.iter(|| calamine_bare_read(&ledger_file))
    });
    group.bench_function("read_table_ledger", |b| {
        b.iter(|| read_table(&ledger_file, &LEDGER, None).expect("read"))
    });
    group.bench_function("import_ledger", |b| {
        b.iter_batched(
            || ledger_database(dir.path()),
            |mut conn| import_ledger(&mut conn, &ledger_file),
            BatchSize::PerIteration,
        )
    });
    // The same rows written again by SQLite alone, from a copy of a
    // database the import filled: the minimum time any import of this
    // ledger can take with this schema.
    let staged = dir.path().join("staged.db");
    let mut conn = ledger_database(dir.path());
    import_ledger(&mut conn, &ledger_file);
    conn.execute("VACUUM INTO ?1", [staged.to_str().expect("UTF-8 path")])
        .expect("copy database");
    drop(conn);
    group.bench_function("sqlite_writes_alone_ledger", |b| {
        b.iter_batched(
            || ledger_database(dir.path()),
            |mut conn| {
                let tables = [
                    ("imports", "id"),
                    ("share_transactions", "id"),
                    ("import_rows", "kind, row_key"),
                ];
                let written = floor::copy_rows(&mut conn, &staged, &tables);
                assert_eq!(written, 2 * ROWS as usize + 1, "every row");
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Imports the share ledger and returns how many rows it imported.
fn import_ledger(conn: &mut rusqlite::Connection, file: &Path) -> usize {
    let outcome = ledger::import(
        conn,
        &context(),
        file,
        &ledger::Options::default(),
        Mode::Commit,
        &mut |_, _| {},
    )
    .expect("import");
    outcome.report.imported
}

/// A database with the 2,000 members the benchmark ledger names.
fn ledger_database(dir: &Path) -> rusqlite::Connection {
    let mut conn = new_database(dir, "ledger.db");
    let ctx = context();
    let tx = chumchon::db::write(&mut conn).expect("transaction");
    let community = members::ensure_community(&tx, &ctx, "ทดสอบ", Some("M")).expect("community");
    for number in 1..=2_000u32 {
        insert_member(&tx, &ctx, community.id, number);
    }
    tx.commit().expect("commit");
    conn
}

fn insert_member(
    conn: &rusqlite::Connection,
    ctx: &Context,
    community_id: i64,
    number: u32,
) -> i64 {
    let i = number as usize;
    let details = MemberDetails {
        member_no: format!("M{number:06}"),
        title: "นาง".into(),
        first_name: FIRST_NAMES[i % FIRST_NAMES.len()].into(),
        last_name: format!("{}{number}", LAST_NAMES[i % LAST_NAMES.len()]),
        phone: Some(format!("08{:08}", number)),
        community_id,
        ..MemberDetails::default()
    };
    members::insert(conn, ctx, &details).expect("insert member")
}

/// A database of `count` members, each with an opening balance and about
/// five transactions through 2024.
fn populated(path: &Path, count: u32) -> rusqlite::Connection {
    let mut conn = chumchon::db::open(path).expect("open");
    let ctx = context();
    let tx = chumchon::db::write(&mut conn).expect("transaction");
    let community = members::ensure_community(&tx, &ctx, "ทดสอบ", Some("M")).expect("community");
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    for number in 1..=count {
        let id = insert_member(&tx, &ctx, community.id, number);
        let opening = NewTransaction::new(id, start, Kind::Opening, 10, Satang::from_baht(1000));
        shares::post(&tx, &ctx, &opening).expect("opening");
        for step in 1..=5u64 {
            let date = start + chrono::Days::new((u64::from(number) * 7 + step * 60) % 365);
            let kind = if step == 3 {
                Kind::Withdrawal
            } else {
                Kind::Purchase
            };
            shares::post(
                &tx,
                &ctx,
                &NewTransaction::new(id, date, kind, 1, Satang::from_baht(100)),
            )
            .expect("post");
        }
    }
    tx.commit().expect("commit");
    conn
}

fn bench_dividend(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let conn = populated(&dir.path().join("dividend.db"), 20_000);
    let params = Params {
        year_be: 2567,
        method: Method::ShareMonths,
        basis: Basis::Pool(Satang::from_baht(1_234_567)),
    };
    let mut group = c.benchmark_group("dividend_20k_members");
    group.sample_size(20);
    group.bench_function("compute_share_months_pool", |b| {
        b.iter(|| dividends::compute(&conn, &params).expect("compute"))
    });
    group.finish();
}

fn bench_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().join("search.db");
    let mut conn = chumchon::db::open(&path).expect("open");
    let ctx = context();
    let tx = chumchon::db::write(&mut conn).expect("transaction");
    let community = members::ensure_community(&tx, &ctx, "ทดสอบ", Some("M")).expect("community");
    for number in 1..=50_000 {
        insert_member(&tx, &ctx, community.id, number);
    }
    tx.commit().expect("commit");
    let mut group = c.benchmark_group("search_50k_members");
    for (label, text) in [
        ("thai_substring", "แก้วมณี12"),
        ("two_characters", "ใจ"),
        ("phone_digits", "0800012"),
        ("everyone", ""),
    ] {
        let query = SearchQuery {
            text: text.into(),
            limit: 100,
            ..SearchQuery::default()
        };
        group.bench_function(label, |b| {
            b.iter(|| members::search(&conn, &query).expect("search"))
        });
    }
    let by_name = SearchQuery {
        sort: members::SortOrder::Name,
        limit: 100,
        offset: 25_000,
        ..SearchQuery::default()
    };
    group.bench_function("page_by_thai_name", |b| {
        b.iter(|| members::search(&conn, &by_name).expect("search"))
    });
    group.finish();
}

criterion_group!(benches, bench_import, bench_dividend, bench_search);
criterion_main!(benches);
