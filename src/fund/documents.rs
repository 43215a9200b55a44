//! The community bank's documents as PDFs: the journal's four reports,
//! a member's statement of shares, savings, loans and plastic credit, a
//! loan agreement with its schedule, and a repayment receipt. This module
//! gathers the figures; [`crate::pdf::fund_report`] lays them out.
//!
//! The journal reports read the journal as it is: run
//! [`super::sync::sync`] in the same transaction first.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::loans::{self, Loan, LoanStatus};
use super::position::{LoanTransaction, TransactionKind};
use super::products::PenaltyRule;
use super::reports::{self, StatementLine};
use super::savings;
use super::schedule;
use crate::documents::foundation_name;
use crate::pdf::fund_report::{write_report, Paper, Report, ReportColumn, ReportRow};
use crate::shares::{self, Kind, Payment};
use crate::thai::baht_text::baht_text;
use crate::thai::date::{format_long, format_numeric};
use crate::{db, members, waste, Error, Result, Satang};

/// "1,234.50", or empty for zero.
fn money_or_blank(amount: Satang) -> String {
    if amount == Satang::ZERO {
        String::new()
    } else {
        amount.to_string()
    }
}

fn rate_text(rate_ppm: u32) -> String {
    format!("ร้อยละ {} ต่อปี", crate::dividends::format_rate_ppm(rate_ppm))
}

/// Starts a report of the foundation with `titles`, printed on `printed_on`.
fn report(conn: &Connection, titles: Vec<String>, printed_on: NaiveDate) -> Result<Report> {
    Ok(Report {
        organisation: foundation_name(conn)?,
        file_title: titles.join(" "),
        titles,
        footer: format!("พิมพ์วันที่ {}", format_long(printed_on)),
        ..Report::default()
    })
}

fn write(conn: &Connection, report: &Report, out: &Path) -> Result<usize> {
    db::refuse_database_as_output(conn, out)?;
    Ok(write_report(out, report)?)
}

fn year_title(conn: &Connection, year_be: i32) -> Result<String> {
    let (from, to) = super::years::period(conn, year_be)?;
    Ok(format!(
        "ปีบัญชี {year_be} ({} ถึง {})",
        format_long(from),
        format_long(to)
    ))
}

/// Builds the trial balance of a fiscal year as a printable report.
pub fn trial_balance_report(
    conn: &Connection,
    year_be: i32,
    printed_on: NaiveDate,
) -> Result<Report> {
    let trial = reports::trial_balance(conn, year_be)?;
    let mut report = report(
        conn,
        vec!["งบทดลอง".into(), year_title(conn, year_be)?],
        printed_on,
    )?;
    report.columns = vec![
        ReportColumn::text("รหัสบัญชี", 14.0),
        ReportColumn::text("ชื่อบัญชี", 50.0),
        ReportColumn::number("เดบิต (บาท)", 22.0),
        ReportColumn::number("เครดิต (บาท)", 22.0),
    ];
    for account in &trial.accounts {
        report.rows.push(ReportRow::normal(vec![
            account.code.clone(),
            account.name.clone(),
            money_or_blank(account.debit),
            money_or_blank(account.credit),
        ]));
    }
    report.rows.push(ReportRow::total(vec![
        String::new(),
        "รวม".into(),
        trial.debit_total.to_string(),
        trial.credit_total.to_string(),
    ]));
    Ok(report)
}

/// Builds the cash book of a period as a printable report.
pub fn cash_book_report(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    printed_on: NaiveDate,
) -> Result<Report> {
    let book = reports::cash_book(conn, from, to)?;
    let period = format!("ตั้งแต่ {} ถึง {}", format_long(from), format_long(to));
    let mut report = report(conn, vec!["สมุดเงินสด".into(), period], printed_on)?;
    report.columns = vec![
        ReportColumn::text("วันที่", 13.0),
        ReportColumn::text("รายการ", 47.0),
        ReportColumn::text("บัญชี", 8.0),
        ReportColumn::number("รับ", 15.0),
        ReportColumn::number("จ่าย", 15.0),
        ReportColumn::number("คงเหลือ", 17.0),
    ];
    report.rows.push(ReportRow::normal(vec![
        format_numeric(from),
        "ยอดยกมา".into(),
        String::new(),
        String::new(),
        String::new(),
        book.opening.to_string(),
    ]));
    for line in &book.lines {
        let account = if line.account == super::accounts::BANK {
            "ธนาคาร"
        } else {
            "เงินสด"
        };
        report.rows.push(ReportRow::normal(vec![
            format_numeric(line.date),
            line.description.clone(),
            account.into(),
            money_or_blank(line.receipt),
            money_or_blank(line.payment),
            line.balance.to_string(),
        ]));
    }
    report.rows.push(ReportRow::total(vec![
        String::new(),
        "รวม / ยอดคงเหลือยกไป".into(),
        String::new(),
        book.receipts.to_string(),
        book.payments.to_string(),
        book.closing.to_string(),
    ]));
    Ok(report)
}

fn statement_rows(rows: &mut Vec<ReportRow>, title: &str, lines: &[StatementLine], total: Satang) {
    rows.push(ReportRow::section(title));
    for line in lines {
        rows.push(ReportRow::normal(vec![
            line.code.clone().unwrap_or_default(),
            line.name.clone(),
            line.amount.to_string(),
        ]));
    }
    rows.push(ReportRow::total(vec![
        String::new(),
        format!("รวม{title}"),
        total.to_string(),
    ]));
}

/// Builds the balance sheet at the end of a date as a printable report.
pub fn balance_sheet_report(
    conn: &Connection,
    as_of: NaiveDate,
    printed_on: NaiveDate,
) -> Result<Report> {
    let sheet = reports::balance_sheet(conn, as_of)?;
    let mut report = report(
        conn,
        vec![
            "งบแสดงฐานะการเงิน".into(),
            format!("ณ วันที่ {}", format_long(as_of)),
        ],
        printed_on,
    )?;
    report.columns = vec![
        ReportColumn::text("รหัสบัญชี", 14.0),
        ReportColumn::text("รายการ", 64.0),
        ReportColumn::number("จำนวนเงิน (บาท)", 24.0),
    ];
    statement_rows(
        &mut report.rows,
        "สินทรัพย์",
        &sheet.assets,
        sheet.total_assets,
    );
    statement_rows(
        &mut report.rows,
        "หนี้สิน",
        &sheet.liabilities,
        sheet.total_liabilities,
    );
    statement_rows(&mut report.rows, "ทุน", &sheet.equity, sheet.total_equity);
    report.rows.push(ReportRow::total(vec![
        String::new(),
        "รวมหนี้สินและทุน".into(),
        (sheet.total_liabilities + sheet.total_equity).to_string(),
    ]));
    Ok(report)
}

/// Builds the income statement of a fiscal year as a printable report.
pub fn income_statement_report(
    conn: &Connection,
    year_be: i32,
    printed_on: NaiveDate,
) -> Result<Report> {
    let statement = reports::income_statement(conn, year_be)?;
    let mut report = report(
        conn,
        vec!["งบรายได้และค่าใช้จ่าย".into(), year_title(conn, year_be)?],
        printed_on,
    )?;
    report.columns = vec![
        ReportColumn::text("รหัสบัญชี", 14.0),
        ReportColumn::text("รายการ", 64.0),
        ReportColumn::number("จำนวนเงิน (บาท)", 24.0),
    ];
    statement_rows(
        &mut report.rows,
        "รายได้",
        &statement.income,
        statement.total_income,
    );
    statement_rows(
        &mut report.rows,
        "ค่าใช้จ่าย",
        &statement.expenses,
        statement.total_expenses,
    );
    let label = if statement.surplus.is_negative() {
        "รายได้ต่ำกว่าค่าใช้จ่าย"
    } else {
        "รายได้สูงกว่าค่าใช้จ่าย"
    };
    report.rows.push(ReportRow::total(vec![
        String::new(),
        label.into(),
        statement.surplus.to_string(),
    ]));
    Ok(report)
}

/// Writes the trial balance of `year_be` as a PDF at `out`; returns the
/// number of pages.
pub fn write_trial_balance(
    conn: &Connection,
    year_be: i32,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    write(conn, &trial_balance_report(conn, year_be, printed_on)?, out)
}

/// Writes the cash book from `from` to `to` as a PDF at `out`.
pub fn write_cash_book(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    write(conn, &cash_book_report(conn, from, to, printed_on)?, out)
}

/// Writes the balance sheet at `as_of` as a PDF at `out`.
pub fn write_balance_sheet(
    conn: &Connection,
    as_of: NaiveDate,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    write(conn, &balance_sheet_report(conn, as_of, printed_on)?, out)
}

/// Writes the income statement of `year_be` as a PDF at `out`.
pub fn write_income_statement(
    conn: &Connection,
    year_be: i32,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    write(
        conn,
        &income_statement_report(conn, year_be, printed_on)?,
        out,
    )
}

/// Builds a member's statement as a printable report: shares, savings
/// accounts, loans and plastic credit with every movement and balance up
/// to `as_of`.
pub fn member_statement_report(
    conn: &Connection,
    member_no: &str,
    as_of: NaiveDate,
) -> Result<Report> {
    let member = members::get(conn, member_no)?;
    let mut report = report(
        conn,
        vec![
            "รายการบัญชีของสมาชิก".into(),
            format!("หุ้น เงินฝาก เงินกู้ และเครดิตพลาสติก ถึงวันที่ {}", format_long(as_of)),
        ],
        as_of,
    )?;
    // The statement is built without the day it is printed, so its footer
    // states the date its figures run to rather than a print date.
    report.footer = format!("ข้อมูลถึงวันที่ {}", format_long(as_of));
    report.file_title = format!("รายการบัญชีของสมาชิก {}", member.details.member_no);
    report.details = vec![
        ("เลขที่สมาชิก".into(), member.details.member_no.clone()),
        ("ชื่อ-สกุล".into(), member.full_name()),
        ("ชุมชน".into(), member.community.clone()),
        (
            "วันที่เป็นสมาชิก".into(),
            member
                .details
                .joined
                .map(format_long)
                .unwrap_or_else(|| "-".into()),
        ),
    ];
    report.columns = vec![
        ReportColumn::text("วันที่", 14.0),
        ReportColumn::text("รายการ", 46.0),
        ReportColumn::number("เพิ่ม", 16.0),
        ReportColumn::number("ลด", 16.0),
        ReportColumn::number("คงเหลือ", 18.0),
    ];
    share_rows(conn, &mut report.rows, member.id, as_of)?;
    savings_rows(conn, &mut report.rows, member.id, as_of)?;
    loan_rows(conn, &mut report.rows, member.id, as_of)?;
    credit_rows(conn, &mut report.rows, member.id, as_of)?;
    Ok(report)
}

/// Writes a member's statement as a PDF at `out`.
pub fn write_member_statement(
    conn: &Connection,
    member_no: &str,
    as_of: NaiveDate,
    out: &Path,
) -> Result<usize> {
    write(conn, &member_statement_report(conn, member_no, as_of)?, out)
}

fn share_kind(line: &shares::HistoryLine) -> String {
    let transaction = &line.transaction;
    let text = match (transaction.kind, transaction.payment) {
        (Kind::Opening, _) => "หุ้นยกมา",
        (Kind::Purchase, Some(Payment::PlasticCredit)) => "ซื้อหุ้นด้วยเครดิตพลาสติก",
        (Kind::Purchase, Some(Payment::Dividend)) => "ซื้อหุ้นจากเงินปันผล",
        (Kind::Purchase, _) => "ซื้อหุ้น",
        (Kind::Withdrawal, _) => "ถอนหุ้น",
        (Kind::Transfer, _) if line.delta < 0 => "โอนหุ้นออก",
        (Kind::Transfer, _) => "รับโอนหุ้น",
    };
    if transaction.reverses_id.is_some() {
        format!("กลับรายการ {text}")
    } else {
        text.to_string()
    }
}

fn share_rows(
    conn: &Connection,
    rows: &mut Vec<ReportRow>,
    member_id: i64,
    as_of: NaiveDate,
) -> Result<()> {
    let history: Vec<shares::HistoryLine> = shares::history(conn, member_id)?
        .into_iter()
        .filter(|line| !line.superseded_register && line.transaction.date <= as_of)
        .collect();
    let balance = history.last().map_or(0, |line| line.balance);
    let par = shares::policy(conn)?.par;
    rows.push(ReportRow::section(&format!(
        "หุ้น (จำนวนหุ้น) คงเหลือ {balance} หุ้น มูลค่า {} บาท",
        Satang(balance * par.satang())
    )));
    if history.is_empty() {
        rows.push(ReportRow::normal(vec![String::new(), "ไม่มีรายการ".into()]));
    }
    for line in &history {
        let count = |n: i64| if n > 0 { n.to_string() } else { String::new() };
        rows.push(ReportRow::normal(vec![
            format_numeric(line.transaction.date),
            share_kind(line),
            count(line.delta),
            count(-line.delta),
            line.balance.to_string(),
        ]));
    }
    Ok(())
}

fn savings_rows(
    conn: &Connection,
    rows: &mut Vec<ReportRow>,
    member_id: i64,
    as_of: NaiveDate,
) -> Result<()> {
    for account in savings::accounts_of(conn, member_id)? {
        let book = savings::passbook(conn, &account.account_no)?;
        let lines: Vec<&savings::PassbookLine> =
            book.lines.iter().filter(|l| l.date <= as_of).collect();
        let balance = lines.last().map_or(Satang::ZERO, |l| l.balance);
        rows.push(ReportRow::section(&format!(
            "เงินฝากออมทรัพย์ บัญชี {} (บาท) คงเหลือ {balance} บาท",
            account.account_no
        )));
        for line in lines {
            let kind = if line.reverses_id.is_some() {
                format!("กลับรายการ {}", line.kind.thai())
            } else {
                line.kind.thai().to_string()
            };
            rows.push(ReportRow::normal(vec![
                format_numeric(line.date),
                kind,
                money_or_blank(line.paid_in),
                money_or_blank(line.paid_out),
                line.balance.to_string(),
            ]));
        }
    }
    Ok(())
}

fn loan_rows(
    conn: &Connection,
    rows: &mut Vec<ReportRow>,
    member_id: i64,
    as_of: NaiveDate,
) -> Result<()> {
    for loan in loans::loans_of(conn, member_id)? {
        if loan.disbursed_on.is_none_or(|d| d > as_of) {
            continue;
        }
        let position = loans::position_of(conn, &loan, as_of)?;
        let overdue = if position.days_overdue > 0 {
            format!(" ค้างชำระ {} วัน", position.days_overdue)
        } else {
            String::new()
        };
        rows.push(ReportRow::section(&format!(
            "เงินกู้ สัญญา {} (เงินต้น บาท) คงเหลือ {} บาท{overdue}",
            loan.loan_no, position.outstanding
        )));
        let mut outstanding = Satang::ZERO;
        for transaction in loans::transactions(conn, loan.id)? {
            if transaction.date > as_of {
                continue;
            }
            let sign = if transaction.reverses_id.is_some() {
                -1
            } else {
                1
            };
            let principal = Satang(sign * transaction.principal.satang());
            let (text, up, down) = match transaction.kind {
                TransactionKind::Disbursement => ("รับเงินกู้".to_string(), principal, Satang::ZERO),
                TransactionKind::WriteOff => ("ตัดหนี้สูญ".to_string(), Satang::ZERO, principal),
                TransactionKind::Repayment => (
                    format!(
                        "ชำระ {} บาท (ดอกเบี้ย {} ค่าปรับ {})",
                        transaction.amount, transaction.interest, transaction.penalty
                    ),
                    Satang::ZERO,
                    principal,
                ),
            };
            outstanding += up - down;
            let text = if sign < 0 {
                format!("กลับรายการ {text}")
            } else {
                text
            };
            rows.push(ReportRow::normal(vec![
                format_numeric(transaction.date),
                text,
                money_or_blank(up),
                money_or_blank(down),
                outstanding.to_string(),
            ]));
        }
    }
    Ok(())
}

fn credit_rows(
    conn: &Connection,
    rows: &mut Vec<ReportRow>,
    member_id: i64,
    as_of: NaiveDate,
) -> Result<()> {
    let entries: Vec<waste::credit::CreditEntry> = waste::credit_history(conn, member_id)?
        .into_iter()
        .filter(|entry| entry.date <= as_of)
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    let balance = entries.last().map_or(Satang::ZERO, |e| e.balance);
    rows.push(ReportRow::section(&format!(
        "เครดิตพลาสติก (บาท) คงเหลือ {balance} บาท"
    )));
    for entry in &entries {
        let text = match entry.kind {
            waste::credit::EntryKind::Deposit => "ฝากขยะรีไซเคิล",
            waste::credit::EntryKind::Conversion => "แปลงเป็นหุ้น",
            waste::credit::EntryKind::Payout => "รับเป็นเงินสด",
            waste::credit::EntryKind::Reversal => "กลับรายการฝากขยะ",
            waste::credit::EntryKind::Refund => "คืนเครดิตจากการกลับรายการซื้อหุ้น",
        };
        let (up, down) = if entry.amount.is_negative() {
            (Satang::ZERO, -entry.amount)
        } else {
            (entry.amount, Satang::ZERO)
        };
        rows.push(ReportRow::normal(vec![
            format_numeric(entry.date),
            text.into(),
            money_or_blank(up),
            money_or_blank(down),
            entry.balance.to_string(),
        ]));
    }
    Ok(())
}

fn purpose_name(conn: &Connection, loan: &Loan) -> Result<String> {
    let name: String = conn.query_row(
        "SELECT name_th FROM loan_purposes WHERE code = ?1",
        [&loan.purpose_code],
        |row| row.get(0),
    )?;
    Ok(match &loan.purpose_text {
        Some(text) if text != &name => format!("{name} ({text})"),
        _ => name,
    })
}

fn penalty_text(rule: &PenaltyRule) -> Option<String> {
    if rule.is_none() {
        return None;
    }
    let mut parts = Vec::new();
    if rule.fee != Satang::ZERO {
        parts.push(format!("ค่าปรับงวดละ {} บาท", rule.fee));
    }
    if rule.rate_ppm > 0 {
        parts.push(format!(
            "ค่าปรับ{}ของยอดที่ค้างชำระ คิดเป็นรายวัน",
            rate_text(rule.rate_ppm)
        ));
    }
    Some(format!(
        "หากชำระงวดใดล่าช้าเกิน {} วันนับจากวันครบกำหนด ผู้กู้ยินยอมเสีย{}",
        rule.grace_days,
        parts.join(" และ")
    ))
}

/// Builds a loan agreement (สัญญากู้เงิน) with its instalment schedule as
/// a printable report. A loan not paid out yet shows its schedule without
/// dates.
pub fn loan_agreement_report(
    conn: &Connection,
    loan_no: &str,
    printed_on: NaiveDate,
) -> Result<Report> {
    let loan = loans::get_loan(conn, loan_no)?;
    if matches!(loan.status, LoanStatus::Rejected) {
        return Err(Error::rule(
            "loan_rejected",
            format!("loan {loan_no} was rejected, so it has no agreement"),
        ));
    }
    let foundation = foundation_name(conn)?;
    let mut report = report(
        conn,
        vec!["สัญญากู้เงิน".into(), format!("สัญญาเลขที่ {}", loan.loan_no)],
        printed_on,
    )?;
    let purpose = purpose_name(conn, &loan)?;
    report.details = agreement_details(&loan, &purpose);
    report.preamble = agreement_terms(&loan, &foundation, &purpose);
    report.columns = vec![
        ReportColumn::text("งวดที่", 10.0),
        ReportColumn::text("วันครบกำหนด", 22.0),
        ReportColumn::number("เงินต้น", 22.0),
        ReportColumn::number("ดอกเบี้ย", 22.0),
        ReportColumn::number("รวมชำระ", 22.0),
    ];
    schedule_rows(conn, &loan, &mut report.rows)?;
    report
        .closing
        .push("คู่สัญญาได้อ่านและเข้าใจข้อความในสัญญานี้โดยตลอดแล้ว จึงลงลายมือชื่อไว้เป็นสำคัญต่อหน้าพยาน".into());
    report.signatures = agreement_signatures(&loan);
    Ok(report)
}

/// Lists the agreement's labelled details: date, borrower, amount, rate, term,
/// approval and purpose.
fn agreement_details(loan: &Loan, purpose: &str) -> Vec<(String, String)> {
    let made_on = loan.disbursed_on.unwrap_or(loan.applied_on);
    vec![
        ("วันที่ทำสัญญา".into(), format_long(made_on)),
        ("เลขที่สมาชิก".into(), loan.member_no.clone()),
        ("ผู้กู้".into(), loan.member_name.clone()),
        ("จำนวนเงินกู้".into(), format!("{} บาท", loan.terms.principal)),
        ("อัตราดอกเบี้ย".into(), rate_text(loan.terms.rate_ppm)),
        (
            "จำนวนงวด".into(),
            format!("{} งวด (เดือน)", loan.terms.months),
        ),
        (
            "อนุมัติโดย".into(),
            match (&loan.decided_by, &loan.minute_no) {
                (Some(by), Some(minute)) => format!("{by} มติที่ {minute}"),
                _ => "-".into(),
            },
        ),
        ("วัตถุประสงค์".into(), purpose.to_string()),
    ]
}

/// Writes the agreement's paragraphs: what was lent for what, how it is repaid,
/// the late penalty and the guarantors.
fn agreement_terms(loan: &Loan, foundation: &str, purpose: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    paragraphs.push(format!(
        "ข้าพเจ้า {} สมาชิกเลขที่ {} ได้กู้เงินจาก{} เป็นจำนวน {} บาท ({}) เพื่อ{} และได้รับเงินจำนวนนี้ไปครบถ้วนแล้ว",
        loan.member_name,
        loan.member_no,
        foundation,
        loan.terms.principal,
        baht_text(loan.terms.principal),
        purpose
    ));
    paragraphs.push(format!(
        "ข้าพเจ้าตกลงเสียดอกเบี้ย{} แบบ{} และผ่อนชำระคืนเป็นรายเดือนรวม {} งวด ตามตารางผ่อนชำระข้างล่างนี้ เงินที่ชำระแต่ละครั้งหักค่าปรับก่อน แล้วจึงหักดอกเบี้ยและเงินต้นตามลำดับ",
        rate_text(loan.terms.rate_ppm),
        loan.terms.method.thai(),
        loan.terms.months
    ));
    if let Some(text) = penalty_text(&loan.penalty) {
        paragraphs.push(text);
    }
    if !loan.guarantors.is_empty() {
        let names: Vec<String> = loan
            .guarantors
            .iter()
            .map(|g| format!("{} (สมาชิกเลขที่ {})", g.name, g.member_no))
            .collect();
        paragraphs.push(format!(
            "โดยมี {} เป็นผู้ค้ำประกัน ผู้ค้ำประกันยินยอมรับผิดชำระหนี้ตามสัญญานี้แทนผู้กู้หากผู้กู้ผิดนัด",
            names.join(" และ ")
        ));
    }
    paragraphs
}

/// Lists the signature labels of the borrower, each guarantor, the committee and
/// two witnesses.
fn agreement_signatures(loan: &Loan) -> Vec<String> {
    let mut signatures = Vec::new();
    signatures.push(format!("ผู้กู้ ({})", loan.member_name));
    for guarantor in &loan.guarantors {
        signatures.push(format!("ผู้ค้ำประกัน ({})", guarantor.name));
    }
    signatures.push("ผู้ให้กู้ (ประธานกรรมการ)".into());
    signatures.push("เหรัญญิก".into());
    signatures.push("พยาน".into());
    signatures.push("พยาน".into());
    signatures
}

fn schedule_rows(conn: &Connection, loan: &Loan, rows: &mut Vec<ReportRow>) -> Result<()> {
    // The schedule in force, or for a loan not paid out yet the one its
    // terms give, without dates.
    let lines: Vec<(u32, String, Satang, Satang)> = match loans::versions(conn, loan.id)?.last() {
        Some(version) => version
            .instalments
            .iter()
            .map(|i| (i.n, format_numeric(i.due_on), i.principal, i.interest))
            .collect(),
        None => schedule::schedule(&loan.terms)?
            .iter()
            .map(|i| (i.n, "-".to_string(), i.principal, i.interest))
            .collect(),
    };
    for (n, due, principal, interest) in &lines {
        rows.push(ReportRow::normal(vec![
            n.to_string(),
            due.clone(),
            principal.to_string(),
            interest.to_string(),
            (*principal + *interest).to_string(),
        ]));
    }
    let principal: Satang = lines.iter().map(|line| line.2).sum();
    let interest: Satang = lines.iter().map(|line| line.3).sum();
    rows.push(ReportRow::total(vec![
        String::new(),
        "รวม".into(),
        principal.to_string(),
        interest.to_string(),
        (principal + interest).to_string(),
    ]));
    Ok(())
}

/// Writes a loan agreement as a PDF at `out`.
pub fn write_loan_agreement(
    conn: &Connection,
    loan_no: &str,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    write(
        conn,
        &loan_agreement_report(conn, loan_no, printed_on)?,
        out,
    )
}

/// Builds the receipt (ใบเสร็จรับเงิน) of repayment `transaction_id`, on
/// A5, as a printable report.
///
/// Fails with `not_a_repayment` for a transaction that is not a
/// repayment, or is the reversal of one.
pub fn repayment_receipt_report(conn: &Connection, transaction_id: i64) -> Result<Report> {
    let (loan, transactions) = loan_of_transaction(conn, transaction_id)?;
    let transaction = transactions
        .iter()
        .find(|t| t.id == transaction_id)
        .filter(|t| t.kind == TransactionKind::Repayment && t.reverses_id.is_none())
        .ok_or_else(|| {
            Error::rule(
                "not_a_repayment",
                format!(
                    "loan transaction {transaction_id} is not a repayment, so it has no receipt"
                ),
            )
        })?;
    let number = transaction
        .receipt_no
        .clone()
        .unwrap_or_else(|| format!("{}-{}", loan.loan_no, transaction.id));
    let mut report = report(
        conn,
        vec!["ใบเสร็จรับเงิน".into(), format!("เลขที่ {number}")],
        transaction.date,
    )?;
    // A receipt may be reprinted long after the payment, so its footer
    // states the day the money was received, not a print date.
    report.footer = format!("รับชำระวันที่ {}", format_long(transaction.date));
    report.paper = Paper::A5;
    report.details = vec![
        ("วันที่".into(), format_long(transaction.date)),
        ("สัญญาเลขที่".into(), loan.loan_no.clone()),
        ("ได้รับเงินจาก".into(), loan.member_name.clone()),
        ("เลขที่สมาชิก".into(), loan.member_no.clone()),
    ];
    report.columns = vec![
        ReportColumn::text("รายการ", 70.0),
        ReportColumn::number("จำนวนเงิน (บาท)", 30.0),
    ];
    for (label, amount) in [
        ("ค่าปรับชำระล่าช้า", transaction.penalty),
        ("ดอกเบี้ย", transaction.interest),
        ("เงินต้น", transaction.principal),
    ] {
        report
            .rows
            .push(ReportRow::normal(vec![label.into(), amount.to_string()]));
    }
    report.rows.push(ReportRow::total(vec![
        "รวมเงิน".into(),
        transaction.amount.to_string(),
    ]));
    let position = super::position::position(
        &loans::versions(conn, loan.id)?,
        &transactions,
        &loan.penalty,
        transaction.date,
    );
    report
        .closing
        .push(format!("({})", baht_text(transaction.amount)));
    report
        .closing
        .push(format!("เงินต้นคงเหลือหลังชำระ {} บาท", position.outstanding));
    if transactions
        .iter()
        .any(|t| t.reverses_id == Some(transaction_id))
    {
        report.closing.push("รายการนี้ถูกยกเลิกแล้ว".into());
    }
    report.signatures.push("ผู้รับเงิน".into());
    report.file_title = format!("ใบเสร็จรับเงิน {number}");
    Ok(report)
}

/// Finds the loan of transaction `id` with all the loan's transactions.
fn loan_of_transaction(conn: &Connection, id: i64) -> Result<(Loan, Vec<LoanTransaction>)> {
    let loan_id: i64 = conn
        .query_row(
            "SELECT loan_id FROM loan_transactions WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .map_err(|_| Error::NotFound {
            what: "loan transaction",
            key: id.to_string(),
        })?;
    Ok((
        loans::get_loan_by_id(conn, loan_id)?,
        loans::transactions(conn, loan_id)?,
    ))
}

/// Writes the receipt of repayment `transaction_id` as a PDF at `out`.
pub fn write_repayment_receipt(
    conn: &Connection,
    transaction_id: i64,
    out: &Path,
) -> Result<usize> {
    write(conn, &repayment_receipt_report(conn, transaction_id)?, out)
}
