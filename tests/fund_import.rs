//! The legacy loan book in: 18 flat-rate loans and their repayments, with
//! the principal outstanding that follows from the repayment sheet, the
//! warnings the sheet deserves, and a journal that still balances.

mod common;

use chumchon::fund::{journal, loans, reports, sync};
use chumchon::import::loans as loan_import;
use chumchon::import::members as member_import;
use chumchon::import::session::{Mode, Outcome};
use chumchon::Satang;
use common::{context, date, fixture, TempDb, TestResult};

/// Principal outstanding of each loan after the repayment sheet, in
/// satang, from the truth that comes with the sample registers.
const OUTSTANDING: [(&str, i64); 18] = [
    ("ก2567/001", 2),
    ("ก2567/002", 400_000),
    ("ก2567/003", 333_336),
    ("ก2567/004", 166_670),
    ("ก2567/005", 333_335),
    ("ก2567/006", 125_000),
    ("ก2567/007", 208_331),
    ("ก2567/008", 800_000),
    ("ก2567/009", 600_000),
    ("ก2567/010", 125_000),
    ("ก2567/011", 666_668),
    ("ก2567/012", 0),
    ("ก2567/013", 50_000),
    ("ก2567/014", 750_000),
    ("ก2567/015", 500_002),
    ("ก2567/016", 0),
    ("ก2567/017", 600_000),
    ("ก2567/018", 30_000),
];

fn import_members(conn: &mut rusqlite::Connection) -> TestResult {
    let options = member_import::Options {
        community: Some("บ่อยาง".into()),
        ..Default::default()
    };
    member_import::import(
        conn,
        &context(),
        &fixture("members-boyang-2567.xlsx"),
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;
    Ok(())
}

fn import_loans(
    conn: &mut rusqlite::Connection,
    mode: Mode,
) -> TestResult<Outcome<loan_import::Details>> {
    Ok(loan_import::import(
        conn,
        &context(),
        &fixture("fund-loans-2567.xlsx"),
        &loan_import::Options::default(),
        mode,
        &mut |_, _| {},
    )?)
}

#[test]
fn fixture_loans_have_expected_outstanding() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;

    let outcome = import_loans(&mut conn, Mode::Commit)?;

    assert!(
        outcome.report.errors.is_empty(),
        "errors: {:?}",
        outcome.report.errors
    );
    assert!(outcome.report.committed, "the import is written");
    assert_eq!(
        outcome.report.imported,
        18 + 123,
        "18 loans and 123 repayments"
    );
    let listed = loans::list_loans(&conn, date(2025, 1, 31))?;
    assert_eq!(listed.len(), 18);
    for (loan_no, expected) in OUTSTANDING {
        let loan = listed.iter().find(|l| l.loan_no == loan_no);
        assert_eq!(
            loan.map(|l| l.outstanding),
            Some(Satang(expected)),
            "outstanding of {loan_no}"
        );
    }
    Ok(())
}

#[test]
fn fixture_loans_warn_what_deserves_it() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;

    let outcome = import_loans(&mut conn, Mode::Commit)?;

    let rows_with = |code: &str| -> Vec<Option<u32>> {
        outcome
            .report
            .warnings
            .iter()
            .filter(|w| w.code == code)
            .map(|w| w.row)
            .collect()
    };
    // ก2567/001 and /011 are BY055's, who joined in September 2024; /002
    // is guaranteed by BY058, who joined in April; BY028 of /016 joined in
    // June.
    assert_eq!(
        rows_with("loan_before_joined"),
        vec![Some(2), Some(3), Some(12), Some(17)],
        "loans dated before a member joined"
    );
    // ก2567/001 paid six instalments of 3,333.33 on 20,000 baht.
    assert_eq!(
        rows_with("loan_rounding_leftover"),
        vec![Some(2)],
        "the 2-satang leftover"
    );
    let leftover = outcome
        .report
        .warnings
        .iter()
        .find(|w| w.code == "loan_rounding_leftover");
    assert!(
        leftover.is_some_and(|w| w.message.contains("0.02")),
        "the leftover's amount is in the message"
    );
    Ok(())
}

#[test]
fn repaid_loans_are_closed() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;

    import_loans(&mut conn, Mode::Commit)?;

    for loan_no in ["ก2567/012", "ก2567/016"] {
        let loan = loans::get_loan(&conn, loan_no)?;
        assert_eq!(loan.status, loans::LoanStatus::Closed, "{loan_no}");
    }
    let leftover = loans::get_loan(&conn, "ก2567/001")?;
    assert_eq!(
        leftover.status,
        loans::LoanStatus::Active,
        "a loan owing 2 satang stays open"
    );
    Ok(())
}

#[test]
fn preview_writes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;

    let outcome = import_loans(&mut conn, Mode::Preview)?;

    assert_eq!(outcome.report.imported, 141, "what the import would do");
    assert!(!outcome.report.committed);
    let stored: i64 = conn.query_row("SELECT count(*) FROM loans", [], |row| row.get(0))?;
    assert_eq!(stored, 0, "nothing stored");
    let entries: i64 =
        conn.query_row("SELECT count(*) FROM journal_entries", [], |row| row.get(0))?;
    assert_eq!(entries, 0, "nothing posted");
    Ok(())
}

#[test]
fn second_import_changes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    import_loans(&mut conn, Mode::Commit)?;
    let entries = |conn: &rusqlite::Connection| -> rusqlite::Result<i64> {
        conn.query_row("SELECT count(*) FROM journal_entries", [], |row| row.get(0))
    };
    let before = entries(&conn)?;

    let again = import_loans(&mut conn, Mode::Commit)?;

    assert!(again.imported_before.is_some(), "the file is recognised");
    assert_eq!(again.report.imported, 0);
    let rows = again.details.loans.len() + again.details.repayments.len();
    let refused = again
        .details
        .loans
        .iter()
        .filter(|row| row.status == loan_import::RowStatus::Rejected)
        .count();
    assert_eq!(
        again.report.unchanged,
        rows - refused,
        "every row is counted as already recorded"
    );
    assert!(!again.report.committed, "nothing to write");
    assert!(again.backup.is_none(), "no backup kept");
    assert_eq!(entries(&conn)?, before, "no entry posted twice");
    Ok(())
}

#[test]
fn imported_book_balances() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    import_loans(&mut conn, Mode::Commit)?;

    let tx = chumchon::db::write(&mut conn)?;
    sync::sync(&tx, &context())?;
    let trial = reports::trial_balance(&tx, 2567)?;
    let next = reports::trial_balance(&tx, 2568)?;

    assert!(journal::check(&tx)?.is_empty(), "every entry balances");
    assert_eq!(trial.debit_total, trial.credit_total, "2567 balances");
    assert_eq!(next.debit_total, next.credit_total, "2568 balances");
    let receivable: Satang = OUTSTANDING.iter().map(|(_, s)| Satang(*s)).sum();
    let line = next.accounts.iter().find(|a| a.code == "1201");
    assert_eq!(
        line.map(|a| a.debit),
        Some(receivable),
        "loans receivable is the loan book"
    );
    Ok(())
}

/// Writes a loan book of two sheets: `loans` as rows of contract, member,
/// date, principal, rate and term, and `repayments` as rows of date,
/// contract and amount.
fn write_book<const COLUMNS: usize>(
    path: &std::path::Path,
    loans: &[[&str; COLUMNS]],
    repayments: &[[&str; 3]],
) -> TestResult {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("ทะเบียนเงินกู้")?;
    let header = [
        "เลขที่สัญญา",
        "เลขที่สมาชิก",
        "วันที่กู้",
        "เงินต้น",
        "อัตราดอกเบี้ย",
        "จำนวนงวด",
        "ผู้ค้ำประกัน",
    ];
    let header = &header[..COLUMNS];
    let rows = std::iter::once(header).chain(loans.iter().map(|loan| &loan[..]));
    for (row, cells) in (0u32..).zip(rows) {
        for (col, text) in (0u16..).zip(cells) {
            sheet.write_string(row, col, *text)?;
        }
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("รับชำระ")?;
    let header = ["วันที่ชำระ", "เลขที่สัญญา", "จำนวนเงิน"];
    for (row, cells) in (0u32..).zip(std::iter::once(&header).chain(repayments)) {
        for (col, text) in (0u16..).zip(cells) {
            sheet.write_string(row, col, *text)?;
        }
    }
    workbook.save(path)?;
    Ok(())
}

fn import_book(
    conn: &mut rusqlite::Connection,
    path: &std::path::Path,
) -> TestResult<Outcome<loan_import::Details>> {
    Ok(loan_import::import(
        conn,
        &context(),
        path,
        &loan_import::Options::default(),
        Mode::Commit,
        &mut |_, _| {},
    )?)
}

#[test]
fn negative_rate_and_zero_term_cite_their_cells() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let path = db.dir.path().join("bad-terms.xlsx");
    let loans = [
        ["L/001", "BY001", "15/01/2567", "10000", "-1", "12"],
        ["L/002", "BY002", "15/01/2567", "10000", "3", "0"],
    ];
    write_book(&path, &loans, &[])?;

    let outcome = import_book(&mut conn, &path)?;

    let errors = &outcome.report.errors;
    assert_eq!(errors.len(), 2, "both rows refused: {errors:?}");
    assert_eq!(errors[0].column.as_deref(), Some("E"), "the rate's cell");
    assert!(
        errors[0].message.contains("-1%") && errors[0].message.contains("below zero"),
        "the rate as written: {}",
        errors[0].message
    );
    assert_eq!(errors[1].column.as_deref(), Some("F"), "the term's cell");
    Ok(())
}

#[test]
fn borrower_as_own_guarantor_is_left_out() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let path = db.dir.path().join("self-guarantee.xlsx");
    let loans = [[
        "L/001",
        "BY001",
        "15/01/2567",
        "10000",
        "3",
        "12",
        "BY001, BY002",
    ]];
    write_book(&path, &loans, &[])?;

    let outcome = import_book(&mut conn, &path)?;

    let codes: Vec<&str> = outcome.report.warnings.iter().map(|w| w.code).collect();
    assert!(
        codes.contains(&"guarantor_is_borrower"),
        "warned: {codes:?}"
    );
    assert_eq!(outcome.report.imported, 1, "the loan is imported");
    let guarantors: Vec<String> = conn
        .prepare("SELECT m.member_no FROM loan_guarantors g JOIN members m ON m.id = g.member_id")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    assert_eq!(guarantors, ["BY002"], "only the other member guarantees");
    Ok(())
}

#[test]
fn implausible_loan_dates_are_flagged() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let path = db.dir.path().join("dates.xlsx");
    let loans = [
        ["L/001", "BY001", "15/01/2567", "10000", "3", "12"],
        ["L/002", "BY002", "01/01/2569", "10000", "3", "12"],
        ["L/003", "BY003", "01/03/2400", "10000", "3", "12"],
    ];
    let repayments = [
        ["15/02/2567", "L/001", "858.33"],
        ["15/02/2569", "L/001", "858.33"],
    ];
    write_book(&path, &loans, &repayments)?;

    let outcome = import_book(&mut conn, &path)?;

    let dated: Vec<(&str, &str, Option<u32>)> = outcome
        .report
        .warnings
        .iter()
        .filter(|w| w.code.starts_with("date_"))
        .map(|w| (w.code, w.sheet.as_str(), w.row))
        .collect();
    assert_eq!(
        dated,
        [
            ("date_in_future", "ทะเบียนเงินกู้", Some(3)),
            ("date_long_ago", "ทะเบียนเงินกู้", Some(4)),
            ("date_in_future", "รับชำระ", Some(3)),
        ],
        "a loan or a repayment dated after today or before 1950 is flagged"
    );
    assert_eq!(outcome.report.imported, 5, "flagged rows still import");
    Ok(())
}

#[test]
fn repeated_repayment_is_imported_with_a_warning() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let path = db.dir.path().join("twice.xlsx");
    let loans = [["L/001", "BY001", "15/01/2567", "10000", "3", "12"]];
    let paid = ["15/02/2567", "L/001", "858.33"];
    write_book(&path, &loans, &[paid, paid])?;

    let outcome = import_book(&mut conn, &path)?;

    let codes: Vec<&str> = outcome.report.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&"repayment_repeated"), "warned: {codes:?}");
    let warning = outcome
        .report
        .warnings
        .iter()
        .find(|w| w.code == "repayment_repeated")
        .ok_or("no warning")?;
    assert_eq!(warning.row, Some(3), "on the repeating row");
    Ok(())
}

#[test]
fn repeated_contract_names_its_first_row() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let path = db.dir.path().join("twice.xlsx");
    let loans = [
        ["L/001", "BY001", "15/01/2567", "10000", "3", "12"],
        ["L/001", "BY002", "15/01/2567", "5000", "3", "12"],
    ];
    write_book(&path, &loans, &[])?;

    let outcome = import_book(&mut conn, &path)?;

    let errors = &outcome.report.errors;
    assert_eq!(errors.len(), 1, "the second row is refused: {errors:?}");
    assert_eq!(errors[0].code, "duplicate_loan_no", "as a repeat");
    assert!(
        errors[0].message.contains("row 2 already has it"),
        "names the first row: {}",
        errors[0].message
    );
    Ok(())
}

#[test]
fn accepted_correction_never_overpays() -> TestResult {
    let db = TempDb::new()?;
    let mut conn = db.open()?;
    import_members(&mut conn)?;
    let path = db.dir.path().join("corrected.xlsx");
    let loans = [["L/001", "BY001", "15/01/2567", "1000", "0", "2"]];
    let later = [
        ["15/03/2567", "L/001", "499.99"],
        ["20/03/2567", "L/001", "0.01"],
    ];
    let first = ["15/02/2567", "L/001", "500.00"];
    write_book(&path, &loans, &[first, later[0], later[1]])?;
    import_book(&mut conn, &path)?;
    let corrected = ["15/02/2567", "L/001", "500.01"];
    write_book(&path, &loans, &[corrected, later[0], later[1]])?;

    let options = loan_import::Options {
        accept: chumchon::import::session::AcceptChanges::All,
        ..Default::default()
    };
    let outcome = loan_import::import(
        &mut conn,
        &context(),
        &path,
        &options,
        Mode::Commit,
        &mut |_, _| {},
    )?;

    let loan = loans::get_loan(&conn, "L/001")?;
    let owed = loans::position_of(&conn, &loan, date(2024, 12, 31))?.outstanding;
    assert_eq!(
        owed,
        Satang::ZERO,
        "the old repayment stays; nothing is overpaid"
    );
    let codes: Vec<&str> = outcome.report.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, ["repayment_exceeds_balance"]);
    assert!(
        outcome.changed.iter().all(|c| !c.applied),
        "the refused correction is not applied"
    );
    Ok(())
}
