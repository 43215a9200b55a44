use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Data, Range, Reader, StyleRange, Xlsx};
use rusqlite::Connection;

use super::*;
use crate::dividends::{self, Basis, Method, Params};
use crate::members::{ensure_community, insert, Address, MemberDetails, Status};
use crate::shares::{post, Kind, NewTransaction};
use crate::test_support::{context, date};
use crate::{db, Satang};

type Workbook = Xlsx<BufReader<File>>;

/// Builds three members of บ่อยาง at the default par of 100 baht. BY001
/// has every field and 10 shares. BY002 resigned, has a wrong ID check
/// digit, a legacy one-line address and 5 shares bought in June 2024.
/// BY003 died and has no ID, phone, join date or shares.
fn register() -> Result<(Connection, Context)> {
    let conn = db::open_in_memory()?;
    let ctx = context();
    db::set_setting(&conn, &ctx, "foundation_name", "มูลนิธิชุมชนบ่อยาง")?;
    let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
    conn.execute(
        "INSERT INTO zones (community_id, name) VALUES (?1, 'โซน 3')",
        [community.id],
    )?;
    let zone_id = conn.last_insert_rowid();

    let somchai = MemberDetails {
        member_no: "BY001".into(),
        title: "นาย".into(),
        first_name: "สมชาย".into(),
        last_name: "ใจดี".into(),
        national_id: Some("6072791878903".into()),
        phone: Some("0812345678".into()),
        address: Address {
            house_no: Some("12/3".into()),
            moo: Some("4".into()),
            soi: Some("ราษฎร์อุทิศ".into()),
            road: Some("ไทรบุรี".into()),
            subdistrict: Some("บ่อยาง".into()),
            district: Some("เมืองสงขลา".into()),
            province: Some("สงขลา".into()),
            postcode: Some("90000".into()),
            text: None,
        },
        community_id: community.id,
        zone_id: Some(zone_id),
        joined: Some(date(2024, 7, 6)),
        ..MemberDetails::default()
    };
    let somsri = MemberDetails {
        member_no: "BY002".into(),
        title: "นาง".into(),
        first_name: "สมศรี".into(),
        last_name: "มีสุข".into(),
        national_id: Some("5024705772206".into()),
        address: Address {
            text: Some("99 ถ.ไทรบุรี ต.บ่อยาง".into()),
            ..Address::default()
        },
        community_id: community.id,
        joined: Some(date(2023, 1, 15)),
        status: Status::Resigned,
        ..MemberDetails::default()
    };
    let malee = MemberDetails {
        member_no: "BY003".into(),
        title: "นางสาว".into(),
        first_name: "มาลี".into(),
        community_id: community.id,
        status: Status::Deceased,
        ..MemberDetails::default()
    };
    let first = insert(&conn, &ctx, &somchai)?;
    let second = insert(&conn, &ctx, &somsri)?;
    insert(&conn, &ctx, &malee)?;
    let opening = NewTransaction::new(
        first,
        date(2023, 12, 31),
        Kind::Opening,
        10,
        Satang::from_baht(1000),
    );
    post(&conn, &ctx, &opening)?;
    let purchase = NewTransaction::new(
        second,
        date(2024, 6, 15),
        Kind::Purchase,
        5,
        Satang::from_baht(500),
    );
    post(&conn, &ctx, &purchase)?;
    Ok((conn, ctx))
}

/// Saves the 2567 run: a pool of 1,000.01 baht over share-months.
fn run_2567(conn: &Connection, ctx: &Context) -> Result<dividends::Run> {
    let params = Params {
        year_be: 2567,
        method: Method::ShareMonths,
        basis: Basis::Pool(Satang(100_001)),
    };
    dividends::run(conn, ctx, &params)
}

fn open(path: &Path) -> Workbook {
    open_workbook(path).expect("the export opens with calamine")
}

fn values(workbook: &mut Workbook, sheet: &str) -> Range<Data> {
    workbook
        .worksheet_range(sheet)
        .expect("the sheet has values")
}

fn formulas(workbook: &mut Workbook, sheet: &str) -> Range<String> {
    workbook
        .worksheet_formula(sheet)
        .expect("the sheet has formulas")
}

fn styles(workbook: &mut Workbook, sheet: &str) -> StyleRange {
    workbook
        .worksheet_style(sheet)
        .expect("the sheet has styles")
}

fn text(range: &Range<Data>, cell: (u32, u32)) -> Option<String> {
    match range.get_value(cell) {
        Some(Data::String(text)) => Some(text.clone()),
        _ => None,
    }
}

fn number(range: &Range<Data>, cell: (u32, u32)) -> Option<f64> {
    match range.get_value(cell) {
        Some(Data::Float(number)) => Some(*number),
        Some(Data::Int(number)) => Some(*number as f64),
        Some(Data::DateTime(date)) => Some(date.as_f64()),
        _ => None,
    }
}

fn number_format(styles: &StyleRange, cell: (u32, u32)) -> Option<String> {
    let format = styles.get(cell)?.number_format.as_ref()?;
    Some(format.format_code.clone())
}

fn export_members(conn: &Connection, ctx: &Context) -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("members.xlsx");
    members(conn, ctx, &out)?;
    Ok((dir, out))
}

fn export_dividend(conn: &Connection, ctx: &Context) -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("dividend-2567.xlsx");
    dividend(conn, ctx, 2567, &out)?;
    Ok((dir, out))
}

/// The member register's columns, in order.
const MEMBER_HEADERS: [&str; 22] = [
    "เลขที่สมาชิก",
    "คำนำหน้า",
    "ชื่อ",
    "นามสกุล",
    "เลขประจำตัวประชาชน",
    "ตรวจเลขประจำตัว",
    "โทรศัพท์",
    "บ้านเลขที่",
    "หมู่",
    "ซอย",
    "ถนน",
    "ตำบล/แขวง",
    "อำเภอ/เขต",
    "จังหวัด",
    "รหัสไปรษณีย์",
    "ที่อยู่ (ข้อความเดิม)",
    "ชุมชน",
    "โซน",
    "วันที่สมัคร",
    "สถานะ",
    "จำนวนหุ้น",
    "มูลค่าหุ้น (บาท)",
];

#[test]
fn member_sheet_has_bold_thai_headers() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let mut workbook = open(&out);
    let names = workbook.sheet_names();
    let range = values(&mut workbook, "สมาชิก");
    let styles = styles(&mut workbook, "สมาชิก");

    assert_eq!(names, ["สมาชิก"], "one sheet named in Thai");
    for (col, header) in (0..).zip(MEMBER_HEADERS) {
        assert_eq!(
            text(&range, (0, col)).as_deref(),
            Some(header),
            "header of column {col}"
        );
        let bold = styles
            .get((0, col))
            .and_then(|s| s.font.as_ref())
            .is_some_and(|f| f.is_bold());
        assert!(bold, "header of column {col} is bold");
    }
    Ok(())
}

#[test]
fn member_rows_hold_the_register() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let range = values(&mut open(&out), "สมาชิก");

    let row = |r: u32| -> Vec<String> {
        (0..MEMBER_HEADERS.len() as u32)
            .map(|c| {
                range
                    .get_value((r, c))
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            })
            .collect()
    };
    let first = row(1);
    let expected_first = [
        "BY001",
        "นาย",
        "สมชาย",
        "ใจดี",
        "6072791878903",
        "ถูกต้อง",
        "0812345678",
        "12/3",
        "4",
        "ราษฎร์อุทิศ",
        "ไทรบุรี",
        "บ่อยาง",
        "เมืองสงขลา",
        "สงขลา",
        "90000",
        "",
        "บ่อยาง",
        "โซน 3",
    ];
    assert_eq!(first[..18], expected_first, "BY001's text columns");
    assert_eq!(
        text(&range, (1, 19)).as_deref(),
        Some("ปกติ"),
        "BY001 is active"
    );
    assert_eq!(number(&range, (1, 20)), Some(10.0), "BY001 holds 10 shares");
    assert_eq!(
        number(&range, (1, 21)),
        Some(1000.0),
        "10 shares at 100 baht par"
    );

    assert_eq!(
        text(&range, (2, 0)).as_deref(),
        Some("BY002"),
        "members in member-number order"
    );
    assert_eq!(
        text(&range, (2, 15)).as_deref(),
        Some("99 ถ.ไทรบุรี ต.บ่อยาง"),
        "legacy address text"
    );
    assert_eq!(
        text(&range, (2, 7)),
        None,
        "no house number when only legacy text is known"
    );
    assert_eq!(
        text(&range, (2, 19)).as_deref(),
        Some("ลาออก"),
        "BY002 resigned"
    );
    assert_eq!(
        number(&range, (2, 21)),
        Some(500.0),
        "5 shares at 100 baht par"
    );

    assert_eq!(
        text(&range, (3, 19)).as_deref(),
        Some("เสียชีวิต"),
        "BY003 deceased"
    );
    assert_eq!(number(&range, (3, 20)), Some(0.0), "BY003 holds no shares");
    assert_eq!(
        range.get_value((3, 18)),
        Some(&Data::Empty),
        "BY003 has no join date"
    );
    Ok(())
}

#[test]
fn national_id_and_phone_stay_text() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let mut workbook = open(&out);
    let range = values(&mut workbook, "สมาชิก");
    let styles = styles(&mut workbook, "สมาชิก");

    let id = text(&range, (1, 4)).unwrap_or_default();
    assert_eq!(id.len(), 13, "all 13 digits of the ID");
    assert!(
        id.bytes().all(|b| b.is_ascii_digit()),
        "the ID is digits only: {id}"
    );
    assert_eq!(
        text(&range, (1, 6)).as_deref(),
        Some("0812345678"),
        "phone keeps its leading 0"
    );
    assert_eq!(
        number_format(&styles, (1, 4)).as_deref(),
        Some("@"),
        "ID cell is formatted as text"
    );
    assert_eq!(
        number_format(&styles, (1, 6)).as_deref(),
        Some("@"),
        "phone cell is formatted as text"
    );
    Ok(())
}

#[test]
fn id_check_flag_follows_check_digit() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let range = values(&mut open(&out), "สมาชิก");

    assert_eq!(
        text(&range, (1, 5)).as_deref(),
        Some("ถูกต้อง"),
        "BY001's ID is valid"
    );
    assert_eq!(
        text(&range, (2, 5)).as_deref(),
        Some("เลขตรวจสอบผิด"),
        "BY002's check digit is wrong"
    );
    assert_eq!(text(&range, (3, 5)), None, "BY003 has no ID to check");
    Ok(())
}

#[test]
fn join_date_is_buddhist_era_date_cell() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let mut workbook = open(&out);
    let range = values(&mut workbook, "สมาชิก");
    let styles = styles(&mut workbook, "สมาชิก");

    // 6 July 2024 is serial 45479 in Excel's 1900 date system.
    assert_eq!(
        number(&range, (1, 18)),
        Some(45479.0),
        "BY001's join date serial"
    );
    assert_eq!(
        number(&range, (2, 18)),
        Some(44941.0),
        "BY002's join date serial (15 January 2023)"
    );
    let format = number_format(&styles, (1, 18));
    assert_eq!(
        format.as_deref(),
        Some("[$-107041E]dd/mm/yyyy"),
        "Thai Buddhist calendar format"
    );
    Ok(())
}

#[test]
fn date_before_1900_is_written_as_text() -> Result<()> {
    let (conn, ctx) = register()?;
    let mut details = crate::members::get(&conn, "BY003")?.details;
    details.joined = Some(date(1899, 6, 1));
    let id = crate::members::id_of(&conn, "BY003")?.unwrap_or_default();
    crate::members::update(&conn, &ctx, id, &details)?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let range = values(&mut open(&out), "สมาชิก");

    assert_eq!(
        text(&range, (3, 18)).as_deref(),
        Some("01/06/2442"),
        "no Excel serial before 1900"
    );
    Ok(())
}

#[test]
fn money_and_counts_have_number_formats() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let styles = styles(&mut open(&out), "สมาชิก");

    assert_eq!(
        number_format(&styles, (1, 20)).as_deref(),
        Some("#,##0"),
        "shares as integers"
    );
    assert_eq!(
        number_format(&styles, (1, 21)).as_deref(),
        Some("#,##0.00"),
        "share value in baht"
    );
    Ok(())
}

#[test]
fn member_totals_are_formulas_with_results() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let mut workbook = open(&out);
    let range = values(&mut workbook, "สมาชิก");
    let formulas = formulas(&mut workbook, "สมาชิก");

    assert_eq!(
        text(&range, (4, 0)).as_deref(),
        Some("รวม"),
        "totals row below the last member"
    );
    assert_eq!(
        formulas.get_value((4, 2)).map(String::as_str),
        Some("COUNTA(A2:A4)"),
        "member count formula"
    );
    assert_eq!(number(&range, (4, 2)), Some(3.0), "cached member count");
    assert_eq!(
        formulas.get_value((4, 20)).map(String::as_str),
        Some("SUM(U2:U4)"),
        "share total formula"
    );
    assert_eq!(number(&range, (4, 20)), Some(15.0), "cached share total");
    assert_eq!(
        formulas.get_value((4, 21)).map(String::as_str),
        Some("SUM(V2:V4)"),
        "value total formula"
    );
    assert_eq!(number(&range, (4, 21)), Some(1500.0), "cached value total");
    Ok(())
}

#[test]
fn member_sheet_has_autofilter_over_the_table() -> Result<()> {
    let (conn, ctx) = register()?;
    let (_dir, out) = export_members(&conn, &ctx)?;

    let workbook = open(&out);
    let filter = workbook
        .defined_names()
        .iter()
        .find(|(name, _)| name == "_xlnm._FilterDatabase");

    let range = filter.map(|(_, range)| range.as_str());
    assert_eq!(
        range,
        Some("สมาชิก!$A$1:$V$4"),
        "autofilter over the header and member rows"
    );
    Ok(())
}

#[test]
fn empty_register_exports_header_and_zero_totals() -> Result<()> {
    let conn = db::open_in_memory()?;
    let ctx = context();
    let (_dir, out) = export_members(&conn, &ctx)?;

    let range = values(&mut open(&out), "สมาชิก");

    assert_eq!(
        text(&range, (0, 0)).as_deref(),
        Some("เลขที่สมาชิก"),
        "header row"
    );
    assert_eq!(
        text(&range, (1, 0)).as_deref(),
        Some("รวม"),
        "totals row right below the header"
    );
    assert_eq!(number(&range, (1, 20)), Some(0.0), "no shares");
    Ok(())
}

#[test]
fn dividend_sheet_has_header_block() -> Result<()> {
    let (conn, ctx) = register()?;
    run_2567(&conn, &ctx)?;
    let (_dir, out) = export_dividend(&conn, &ctx)?;

    let mut workbook = open(&out);
    let names = workbook.sheet_names();
    let range = values(&mut workbook, "ปันผล 2567");
    let styles = styles(&mut workbook, "ปันผล 2567");

    assert_eq!(names, ["ปันผล 2567"], "one sheet named for the year");
    assert_eq!(
        text(&range, (0, 0)).as_deref(),
        Some("มูลนิธิชุมชนบ่อยาง"),
        "foundation name"
    );
    assert_eq!(
        text(&range, (1, 0)).as_deref(),
        Some("รายการปันผลประจำปี 2567"),
        "title"
    );
    assert_eq!(number(&range, (2, 1)), Some(2567.0), "year in BE");
    // 1 January and 31 December 2024, and the context's 15 January 2025.
    assert_eq!(number(&range, (3, 1)), Some(45292.0), "period start serial");
    assert_eq!(number(&range, (4, 1)), Some(45657.0), "period end serial");
    assert_eq!(
        text(&range, (5, 1)).as_deref(),
        Some(crate::documents::method_text(Method::ShareMonths)),
        "method in Thai"
    );
    assert_eq!(
        text(&range, (6, 0)).as_deref(),
        Some("ยอดเงินปันผลรวม (บาท)"),
        "pool label"
    );
    assert_eq!(number(&range, (6, 1)), Some(1000.01), "pool in baht");
    assert_eq!(
        text(&range, (7, 1)).as_deref(),
        Some("ร่าง"),
        "a saved run is a draft"
    );
    assert_eq!(number(&range, (8, 1)), Some(45672.0), "printed date serial");
    let format = number_format(&styles, (8, 1));
    assert_eq!(
        format.as_deref(),
        Some("[$-107041E]d mmmm yyyy"),
        "long Buddhist-era date"
    );
    assert_eq!(
        number_format(&styles, (2, 1)).as_deref(),
        Some("0"),
        "year without a thousands separator"
    );
    Ok(())
}

#[test]
fn dividend_rate_and_approval_show_in_header() -> Result<()> {
    let (conn, ctx) = register()?;
    let params = Params {
        year_be: 2567,
        method: Method::YearEnd,
        basis: Basis::RatePpm(32_500),
    };
    dividends::run(&conn, &ctx, &params)?;
    dividends::approve(&conn, &ctx, 2567)?;
    let (_dir, out) = export_dividend(&conn, &ctx)?;

    let range = values(&mut open(&out), "ปันผล 2567");

    assert_eq!(
        text(&range, (6, 0)).as_deref(),
        Some("อัตราปันผล (% ต่อปี)"),
        "rate label"
    );
    assert_eq!(
        text(&range, (6, 1)).as_deref(),
        Some("3.25"),
        "rate as a percentage"
    );
    assert_eq!(text(&range, (7, 1)).as_deref(), Some("อนุมัติแล้ว"), "approved");
    Ok(())
}

#[test]
fn dividend_lines_and_totals_match_the_run() -> Result<()> {
    let (conn, ctx) = register()?;
    let run = run_2567(&conn, &ctx)?;
    let (_dir, out) = export_dividend(&conn, &ctx)?;

    let mut workbook = open(&out);
    let range = values(&mut workbook, "ปันผล 2567");
    let formulas = formulas(&mut workbook, "ปันผล 2567");
    let styles = styles(&mut workbook, "ปันผล 2567");

    let headers: Vec<String> = (0..5).filter_map(|c| text(&range, (10, c))).collect();
    assert_eq!(
        headers,
        ["เลขที่สมาชิก", "ชื่อ-สกุล", "หุ้น-เดือน", "หุ้นสิ้นปี", "ปันผล (บาท)"],
        "table header"
    );
    assert_eq!(run.lines.len(), 2, "BY001 and BY002 held shares in 2567");
    for (row, line) in (11..).zip(&run.lines) {
        assert_eq!(
            text(&range, (row, 0)).as_deref(),
            Some(line.member_no.as_str()),
            "member number, row {row}"
        );
        assert_eq!(
            text(&range, (row, 1)).as_deref(),
            Some(line.name.as_str()),
            "name, row {row}"
        );
        assert_eq!(
            number(&range, (row, 2)),
            Some(line.share_months as f64),
            "share-months, row {row}"
        );
        assert_eq!(
            number(&range, (row, 3)),
            Some(line.year_end_shares as f64),
            "year-end shares, row {row}"
        );
        let amount = number(&range, (row, 4)).and_then(Satang::from_baht_f64);
        assert_eq!(amount, Some(line.amount), "amount to the satang, row {row}");
    }
    assert_eq!(
        number_format(&styles, (11, 4)).as_deref(),
        Some("#,##0.00"),
        "amount format"
    );
    assert_eq!(text(&range, (13, 0)).as_deref(), Some("รวม"), "totals row");
    assert_eq!(
        formulas.get_value((13, 2)).map(String::as_str),
        Some("SUM(C12:C13)"),
        "share-months formula"
    );
    assert_eq!(
        number(&range, (13, 2)),
        Some(155.0),
        "120 + 35 share-months"
    );
    assert_eq!(
        formulas.get_value((13, 4)).map(String::as_str),
        Some("SUM(E12:E13)"),
        "amount formula"
    );
    let total = number(&range, (13, 4)).and_then(Satang::from_baht_f64);
    assert_eq!(
        total,
        Some(Satang(100_001)),
        "cached total is the whole pool"
    );
    Ok(())
}

#[test]
fn dividend_of_year_without_run_is_not_found() -> Result<()> {
    let (conn, ctx) = register()?;
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("dividend-2566.xlsx");

    let result = dividend(&conn, &ctx, 2566, &out);

    assert_eq!(
        result.err().map(|e| e.code()),
        Some("not_found"),
        "no run for 2566"
    );
    assert!(!out.exists(), "no file is written");
    Ok(())
}

#[test]
fn export_replaces_file_without_leaving_temporary_files() -> Result<()> {
    let (conn, ctx) = register()?;
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("members.xlsx");
    std::fs::write(&out, b"an older export").expect("write the older file");

    members(&conn, &ctx, &out)?;

    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list the folder")
        .map(|entry| {
            entry
                .expect("folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["members.xlsx"],
        "only the export is left in the folder"
    );
    assert_eq!(
        values(&mut open(&out), "สมาชิก").get_value((1, 0)),
        Some(&Data::String("BY001".into())),
        "the new export replaced the old file"
    );
    Ok(())
}

#[test]
fn export_into_missing_folder_fails_with_io_error() -> Result<()> {
    let (conn, ctx) = register()?;
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("no-such-folder").join("members.xlsx");

    let result = members(&conn, &ctx, &out);

    assert_eq!(
        result.err().map(|e| e.code()),
        Some("io"),
        "the folder does not exist"
    );
    Ok(())
}

/// Set to skip [`libreoffice_shows_buddhist_years`] on a machine without
/// LibreOffice.
const SKIP_LIBREOFFICE: &str = "CHUMCHON_SKIP_LIBREOFFICE";

/// Converts an xlsx file to CSV with LibreOffice, cells as they are shown,
/// and returns the CSV text.
fn libreoffice_csv(xlsx: &Path, work: &Path) -> String {
    // Field separator 44 (comma), text delimiter 34 ("), character set 76
    // (UTF-8), start at line 1. The ninth field saves cells as shown.
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true";
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("profile").display()
    );
    // The C locale fixes the thousands and decimal separators of numbers;
    // dates carry their own Thai locale in the format.
    let status = Command::new("soffice")
        .env("LC_ALL", "C.UTF-8")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(work)
        .arg(xlsx)
        .output();
    let output = match status {
        Ok(output) => output,
        Err(error) => panic!(
            "cannot run soffice ({error}): install LibreOffice Calc (Debian: \
             libreoffice-calc-nogui) or set {SKIP_LIBREOFFICE}=1 to skip this test"
        ),
    };
    assert!(
        output.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = work.join(
        xlsx.with_extension("csv")
            .file_name()
            .expect("csv file name"),
    );
    std::fs::read_to_string(&csv).expect("soffice wrote the CSV")
}

#[test]
fn libreoffice_shows_buddhist_years() -> Result<()> {
    if std::env::var_os(SKIP_LIBREOFFICE).is_some() {
        eprintln!("skipped: {SKIP_LIBREOFFICE} is set");
        return Ok(());
    }
    let (conn, ctx) = register()?;
    run_2567(&conn, &ctx)?;
    let (dir, members_out) = export_members(&conn, &ctx)?;
    let dividend_out = dir.path().join("dividend-2567.xlsx");
    dividend(&conn, &ctx, 2567, &dividend_out)?;

    let members_csv = libreoffice_csv(&members_out, dir.path());
    let dividend_csv = libreoffice_csv(&dividend_out, dir.path());

    let joined = crate::thai::date::format_numeric(date(2024, 7, 6));
    assert_eq!(joined, "06/07/2567", "the core's numeric BE date");
    assert!(
        members_csv.contains(&format!(",{joined},")),
        "join date in BE in:\n{members_csv}"
    );
    assert!(
        !members_csv.contains("2024"),
        "no CE year in:\n{members_csv}"
    );
    let printed = crate::thai::date::format_long(ctx.today());
    assert_eq!(printed, "15 มกราคม 2568", "the core's long BE date");
    assert!(
        dividend_csv.contains(&printed),
        "printed date in BE in:\n{dividend_csv}"
    );
    assert!(
        dividend_csv.contains("1 มกราคม 2567"),
        "period start in BE in:\n{dividend_csv}"
    );
    assert!(
        dividend_csv.contains("31 ธันวาคม 2567"),
        "period end in BE in:\n{dividend_csv}"
    );
    assert!(
        members_csv.contains(",15/01/2566,"),
        "BY002's join date in BE in:\n{members_csv}"
    );
    let totals = "รวม,2 คน,155,15,\"1,000.01\"";
    assert!(
        dividend_csv.contains(totals),
        "totals row {totals} in:\n{dividend_csv}"
    );
    Ok(())
}
