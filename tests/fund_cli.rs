//! The community bank through the `chumchon` binary: the JSON shapes of
//! `loans schedule`, `loans list`, `journal trial-balance` and `import
//! loans`, and a loan's life from application to arrears.

mod common;

use std::process::Command;

use common::{fixture, TempDb, TestResult};
use serde_json::Value;

/// Runs the binary on `db` and returns its exit code, stdout and stderr.
fn run(db: &TempDb, args: &[&str]) -> TestResult<(Option<i32>, String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(["--operator", "test"])
        .args(args)
        .output()?;
    Ok((
        output.status.code(),
        String::from_utf8(output.stdout)?,
        String::from_utf8(output.stderr)?,
    ))
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    keys
}

fn import_boyang(db: &TempDb) -> TestResult<Value> {
    let members = fixture("members-boyang-2567.xlsx");
    db.import(&[
        "members",
        members.to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
    ])?;
    let loans = fixture("fund-loans-2567.xlsx");
    let report = db.import(&["loans", loans.to_str().ok_or("path")?, "--json"])?;
    Ok(serde_json::from_str(&report)?)
}

#[test]
fn schedule_prints_flat_example() -> TestResult {
    let db = TempDb::new()?;

    let json = db.cli_json(&[
        "loans",
        "schedule",
        "--principal",
        "100000",
        "--rate",
        "3",
        "--months",
        "24",
        "--method",
        "flat",
        "--json",
    ])?;

    assert_eq!(keys(&json), ["effective_rate_pct", "instalments"]);
    let instalments = json["instalments"].as_array().ok_or("instalments")?;
    assert_eq!(instalments.len(), 24);
    assert_eq!(
        keys(&instalments[0]),
        ["interest_satang", "n", "principal_satang", "total_satang"]
    );
    for instalment in &instalments[..23] {
        assert_eq!(instalment["total_satang"], 441_667, "{instalment}");
    }
    assert_eq!(instalments[23]["total_satang"], 441_659, "the last");
    let interest: i64 = instalments
        .iter()
        .filter_map(|i| i["interest_satang"].as_i64())
        .sum();
    assert_eq!(interest, 600_000, "6,000 baht interest");
    assert_eq!(json["effective_rate_pct"].as_f64(), Some(5.66));
    assert!(!db.path.exists(), "a schedule needs no database");
    Ok(())
}

#[test]
fn declining_schedule_has_nominal_rate() -> TestResult {
    let db = TempDb::new()?;

    let json = db.cli_json(&[
        "loans",
        "schedule",
        "--principal",
        "10,000",
        "--rate",
        "12",
        "--months",
        "12",
        "--method",
        "declining",
        "--json",
    ])?;

    assert_eq!(json["instalments"][0]["total_satang"], 88_849);
    assert_eq!(json["effective_rate_pct"].as_f64(), Some(12.0));
    Ok(())
}

#[test]
fn loan_import_reports_like_member_import() -> TestResult {
    let db = TempDb::new()?;

    let report = import_boyang(&db)?;

    assert_eq!(
        keys(&report),
        [
            "committed",
            "errors",
            "file",
            "imported",
            "rows_read",
            "sheet",
            "skipped",
            "warnings"
        ]
    );
    assert_eq!(report["imported"], 141);
    assert_eq!(report["committed"], true);
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(0));
    let warning = &report["warnings"][0];
    assert_eq!(
        keys(warning),
        ["code", "column", "message", "row", "sheet", "value"]
    );
    let loans = fixture("fund-loans-2567.xlsx");
    let again = db.import(&["loans", loans.to_str().ok_or("path")?, "--json"])?;
    let again: Value = serde_json::from_str(&again)?;
    assert_eq!(again["imported"], 0, "a second import adds nothing");
    assert_eq!(again["committed"], false);
    Ok(())
}

#[test]
fn loan_import_dry_run_writes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let members = fixture("members-boyang-2567.xlsx");
    db.import(&[
        "members",
        members.to_str().ok_or("path")?,
        "--community",
        "บ่อยาง",
    ])?;
    let loans = fixture("fund-loans-2567.xlsx");

    let report = db.import(&[
        "loans",
        loans.to_str().ok_or("path")?,
        "--dry-run",
        "--json",
    ])?;
    let listed = db.cli_json(&["loans", "list", "--json"])?;

    let report: Value = serde_json::from_str(&report)?;
    assert_eq!(report["imported"], 141, "what it would import");
    assert_eq!(report["committed"], false);
    assert_eq!(listed.as_array().map(Vec::len), Some(0), "no loan stored");
    Ok(())
}

#[test]
fn loan_import_without_members_exits_2() -> TestResult {
    let db = TempDb::new()?;
    let loans = fixture("fund-loans-2567.xlsx");

    let (code, stdout, _) = run(
        &db,
        &["import", "loans", loans.to_str().ok_or("path")?, "--json"],
    )?;

    assert_eq!(code, Some(4), "errors left nothing to import");
    let report: Value = serde_json::from_str(&stdout)?;
    assert_eq!(report["errors"][0]["code"], "member_not_found");
    Ok(())
}

#[test]
fn loan_list_prints_outstanding() -> TestResult {
    let db = TempDb::new()?;
    import_boyang(&db)?;

    let listed = db.cli_json(&["loans", "list", "--as-of", "31/01/2568", "--json"])?;

    let loans = listed.as_array().ok_or("a list")?;
    assert_eq!(loans.len(), 18);
    assert_eq!(
        keys(&loans[0]),
        [
            "days_overdue",
            "loan_no",
            "member_no",
            "outstanding_satang",
            "principal_satang"
        ]
    );
    let find = |no: &str| loans.iter().find(|l| l["loan_no"] == no).cloned();
    let first = find("ก2567/001").ok_or("ก2567/001")?;
    assert_eq!(first["outstanding_satang"], 2, "the 2-satang leftover");
    assert_eq!(first["principal_satang"], 2_000_000);
    assert_eq!(first["days_overdue"], 104, "last due 19 October 2567");
    let fifteenth = find("ก2567/015").ok_or("ก2567/015")?;
    assert_eq!(fifteenth["outstanding_satang"], 500_002);
    let closed = find("ก2567/012").ok_or("ก2567/012")?;
    assert_eq!(closed["outstanding_satang"], 0);
    assert_eq!(closed["days_overdue"], 0);
    let earlier = db.cli_json(&["loans", "list", "--as-of", "30/06/2567", "--json"])?;
    let earlier_first = earlier
        .as_array()
        .and_then(|l| l.iter().find(|l| l["loan_no"] == "ก2567/001").cloned())
        .ok_or("ก2567/001 in June")?;
    assert_eq!(
        earlier_first["outstanding_satang"],
        2_000_000 - 2 * 333_333,
        "two repayments by 30 June"
    );
    Ok(())
}

#[test]
fn trial_balance_of_imported_book_balances() -> TestResult {
    let db = TempDb::new()?;
    import_boyang(&db)?;

    let trial = db.cli_json(&["journal", "trial-balance", "--year", "2567", "--json"])?;

    assert_eq!(
        keys(&trial),
        ["accounts", "credit_total_satang", "debit_total_satang"]
    );
    assert_eq!(
        keys(&trial["accounts"][0]),
        ["code", "credit_satang", "debit_satang", "name"]
    );
    assert_eq!(trial["debit_total_satang"], trial["credit_total_satang"]);
    let interest = trial["accounts"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["code"] == "4101").cloned())
        .ok_or("interest income")?;
    assert_eq!(interest["name"], "รายได้ดอกเบี้ยเงินกู้");
    Ok(())
}

#[test]
fn sync_without_opening_cash_suggests_posting_it() -> TestResult {
    let db = TempDb::new()?;
    import_boyang(&db)?;

    let (code, synced, _) = run(&db, &["journal", "sync"])?;
    // Post exactly what the note suggests.
    let after = |flag: &str| {
        synced
            .split(flag)
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_string)
            .ok_or_else(|| format!("no {flag} in {synced}"))
    };
    let (date, debit, credit) = (after("--date ")?, after("--debit ")?, after("--credit ")?);
    let post = [
        "journal",
        "post",
        "--date",
        &date,
        "--description",
        "ยอดยกมา",
        "--debit",
        &debit,
        "--credit",
        &credit,
    ];
    let (_, posted, stderr) = run(&db, &post)?;
    let (_, again, _) = run(&db, &["journal", "sync"])?;

    assert_eq!(code, Some(0), "{synced}");
    assert!(
        debit.starts_with("1101=") && credit.starts_with("3301="),
        "cash against opening balances: {synced}"
    );
    assert!(
        stderr.is_empty(),
        "the suggested command runs: {posted} {stderr}"
    );
    assert!(
        !again.contains("note:"),
        "cash never falls below zero after it: {again}"
    );
    Ok(())
}

/// The demo's year in the Buddhist Era, read from its summary line.
fn demo(db: &TempDb) -> TestResult<i32> {
    let summary = db.cli(&["demo"])?;
    let year = summary
        .split_whitespace()
        .last()
        .and_then(|word| word.parse().ok())
        .ok_or("a year at the end of the demo summary")?;
    Ok(year)
}

#[test]
fn loan_life_through_the_cli() -> TestResult {
    let db = TempDb::new()?;
    let year = demo(&db)?;
    let day = |d: &str| format!("{d}/{year}");
    db.cli(&[
        "loans",
        "add-product",
        "--code",
        "GEN",
        "--name",
        "เงินกู้สามัญ",
        "--method",
        "flat",
        "--rate",
        "12",
        "--max-amount",
        "50000",
        "--max-months",
        "24",
        "--purpose",
        "trade",
        "--grace-days",
        "5",
        "--penalty-fee",
        "20",
    ])?;
    let applied = db.cli(&[
        "loans",
        "apply",
        "--member",
        "KS001",
        "--product",
        "GEN",
        "--amount",
        "12000",
        "--months",
        "12",
        "--purpose",
        "trade",
        "--guarantor",
        "KS002",
        "--date",
        &day("05/01"),
    ])?;
    let loan_no = format!("ก{year}/001");
    assert!(applied.contains(&loan_no), "{applied}");
    db.cli(&[
        "loans",
        "approve",
        &loan_no,
        "--date",
        &day("10/01"),
        "--by",
        "ประธาน",
        "--minute",
        "1/2568",
    ])?;
    db.cli(&["loans", "disburse", &loan_no, "--date", &day("15/01")])?;
    db.cli(&[
        "loans",
        "repay",
        &loan_no,
        "--amount",
        "1120",
        "--date",
        &day("15/02"),
    ])?;

    let late = db.cli_json(&[
        "loans",
        "repay",
        &loan_no,
        "--amount",
        "1200",
        "--date",
        &day("25/03"),
        "--json",
    ])?;
    let arrears = db.cli_json(&["loans", "arrears", "--as-of", &day("30/06"), "--json"])?;

    assert_eq!(late["allocation"]["penalty"], 2_000, "20 baht late fee");
    assert_eq!(
        late["allocation"]["interest"], 24_000,
        "March's interest and that of the period to 15 April"
    );
    assert_eq!(late["allocation"]["principal"], 94_000);
    assert_eq!(
        arrears["buckets"][3]["loans"], 1,
        "unpaid since 15 April: 76 days"
    );
    assert!(
        arrears["par30_pct"].as_f64().is_some_and(|p| p > 99.0),
        "{arrears}"
    );
    let overpay = run(
        &db,
        &[
            "loans",
            "repay",
            &loan_no,
            "--amount",
            "99999",
            "--date",
            &day("01/07"),
        ],
    )?;
    assert_eq!(overpay.0, Some(1), "more than the payoff is refused");
    assert!(overpay.2.contains("pays loan"), "{}", overpay.2);
    Ok(())
}

#[test]
fn demo_with_bank_balances_to_zero() -> TestResult {
    let db = TempDb::new()?;
    let year = demo(&db)?;
    let day = |d: &str| format!("{d}/{year}");
    db.cli(&[
        "journal",
        "post",
        "--date",
        &day("01/01"),
        "--description",
        "เงินสดยกมา",
        "--debit",
        "1101=200000",
        "--credit",
        "3301=200000",
    ])?;
    db.cli(&[
        "loans",
        "add-product",
        "--code",
        "GEN",
        "--name",
        "เงินกู้สามัญ",
        "--method",
        "declining",
        "--rate",
        "10",
        "--max-amount",
        "50000",
        "--max-months",
        "24",
    ])?;
    db.cli(&[
        "loans",
        "apply",
        "--member",
        "KS003",
        "--product",
        "GEN",
        "--amount",
        "20000",
        "--months",
        "10",
        "--purpose",
        "home",
        "--guarantor",
        "KS004",
        "--date",
        &day("05/02"),
    ])?;
    let loan_no = format!("ก{year}/001");
    db.cli(&[
        "loans",
        "approve",
        &loan_no,
        "--date",
        &day("06/02"),
        "--by",
        "ประธาน",
        "--minute",
        "2",
    ])?;
    db.cli(&[
        "loans",
        "disburse",
        &loan_no,
        "--date",
        &day("07/02"),
        "--bank",
    ])?;
    db.cli(&[
        "loans",
        "repay",
        &loan_no,
        "--amount",
        "2500",
        "--date",
        &day("07/03"),
    ])?;
    db.cli(&[
        "loans",
        "savings",
        "open",
        "--member",
        "KS005",
        "--date",
        &day("01/03"),
        "--minimum",
        "100",
    ])?;
    db.cli(&[
        "loans",
        "savings",
        "deposit",
        "S00001",
        "--amount",
        "5000",
        "--date",
        &day("01/03"),
    ])?;
    db.cli(&[
        "loans",
        "savings",
        "withdraw",
        "S00001",
        "--amount",
        "1000",
        "--date",
        &day("01/06"),
    ])?;
    let below = run(
        &db,
        &[
            "loans",
            "savings",
            "withdraw",
            "S00001",
            "--amount",
            "3950",
            "--date",
            &day("02/06"),
        ],
    )?;
    db.cli(&[
        "loans",
        "savings",
        "interest",
        "--year",
        &year.to_string(),
        "--rate",
        "2",
    ])?;

    let trial = db.cli_json(&[
        "journal",
        "trial-balance",
        "--year",
        &year.to_string(),
        "--json",
    ])?;
    let check = run(&db, &["journal", "check"])?;

    assert_eq!(
        below.0,
        Some(1),
        "a withdrawal below the minimum is refused"
    );
    assert_eq!(
        trial["debit_total_satang"], trial["credit_total_satang"],
        "{trial}"
    );
    let codes: Vec<&str> = trial["accounts"]
        .as_array()
        .map(|a| a.iter().filter_map(|a| a["code"].as_str()).collect())
        .unwrap_or_default();
    for code in [
        "1101", "1102", "1201", "2101", "2201", "3101", "4101", "5101",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(check.0, Some(0), "journal check passes: {}", check.1);
    Ok(())
}

#[test]
fn documents_are_written_from_the_cli() -> TestResult {
    let db = TempDb::new()?;
    import_boyang(&db)?;
    let path = |name: &str| db.dir.path().join(name);
    let text_of = |name: &str| -> TestResult<String> { common::pdf_text(&path(name)) };
    let detail = db.cli_json(&["loans", "show", "ก2567/002", "--json"])?;
    let repayment = detail["transactions"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["kind"] == "repayment"))
        .and_then(|t| t["id"].as_i64())
        .ok_or("a repayment of ก2567/002")?;

    db.cli(&[
        "loans",
        "agreement",
        "ก2567/002",
        "--out",
        path("a.pdf").to_str().ok_or("path")?,
    ])?;
    db.cli(&[
        "loans",
        "receipt",
        &repayment.to_string(),
        "--out",
        path("r.pdf").to_str().ok_or("path")?,
    ])?;
    db.cli(&[
        "loans",
        "statement",
        "--member",
        "BY014",
        "--as-of",
        "31/01/2568",
        "--out",
        path("s.pdf").to_str().ok_or("path")?,
    ])?;
    db.cli(&[
        "journal",
        "trial-balance",
        "--year",
        "2567",
        "--out",
        path("t.xlsx").to_str().ok_or("path")?,
    ])?;
    db.cli(&[
        "journal",
        "cash-book",
        "--from",
        "1/1/2567",
        "--to",
        "31/12/2567",
        "--out",
        path("c.pdf").to_str().ok_or("path")?,
    ])?;
    db.cli(&[
        "journal",
        "balance-sheet",
        "--as-of",
        "31/12/2567",
        "--out",
        path("b.pdf").to_str().ok_or("path")?,
    ])?;
    db.cli(&[
        "journal",
        "income-statement",
        "--year",
        "2567",
        "--out",
        path("i.xlsx").to_str().ok_or("path")?,
    ])?;

    assert!(
        text_of("a.pdf")?.contains("สัญญาเลขที่ ก2567/002"),
        "the agreement"
    );
    assert!(
        text_of("r.pdf")?.contains("2,133.33"),
        "the receipt's amount"
    );
    let statement = text_of("s.pdf")?;
    assert!(statement.contains("เงินกู้ สัญญา ก2567/002"), "{statement}");
    assert!(
        statement.contains("คงเหลือ 4,000.00 บาท"),
        "4,000 baht outstanding: {statement}"
    );
    assert!(text_of("c.pdf")?.contains("สมุดเงินสด"), "the cash book");
    assert!(
        text_of("b.pdf")?.contains("งบแสดงฐานะการเงิน"),
        "the balance sheet"
    );
    assert!(path("t.xlsx").exists(), "the trial balance workbook");
    assert!(path("i.xlsx").exists(), "the income statement workbook");
    Ok(())
}

#[test]
fn savings_runs_at_top_level_and_under_loans() -> TestResult {
    let db = TempDb::new()?;
    let year = demo(&db)?;
    let day = |d: &str| format!("{d}/{year}");

    let help = db.cli(&["--help"])?;
    db.cli(&[
        "savings",
        "open",
        "--member",
        "KS005",
        "--date",
        &day("01/03"),
    ])?;
    db.cli(&[
        "savings",
        "deposit",
        "S00001",
        "--amount",
        "500",
        "--date",
        &day("02/03"),
    ])?;
    db.cli(&[
        "loans",
        "savings",
        "deposit",
        "S00001",
        "--amount",
        "250.50",
        "--date",
        &day("03/03"),
    ])?;
    let top = db.cli_json(&["savings", "passbook", "S00001", "--json"])?;
    let nested = db.cli_json(&["loans", "savings", "passbook", "S00001", "--json"])?;

    assert!(
        help.lines()
            .any(|line| line.trim_start().starts_with("savings")),
        "the help lists the savings command: {help}"
    );
    let lines = top["lines"].as_array().ok_or("passbook lines")?;
    assert_eq!(lines.len(), 2, "both deposits are in the passbook: {top}");
    assert_eq!(
        lines[1]["balance"].as_i64(),
        Some(75_050),
        "500 + 250.50 baht, in satang: {top}"
    );
    assert_eq!(top, nested, "both paths print the same passbook");
    Ok(())
}
