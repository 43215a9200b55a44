//! The journal's reports: the trial balance of a fiscal year, the cash
//! book of a period, the balance sheet on a date and the income statement
//! of a fiscal year.
//!
//! Each reads the journal as it is. Run [`super::sync::sync`] in the same
//! write transaction first, so that the other registers' latest records
//! are in it. Each report fails with `journal_unbalanced` when an entry
//! does not balance, rather than print figures that cannot be trusted.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::accounts::{AccountKind, ACCUMULATED_SURPLUS, BANK, CASH};
use super::journal;
use super::years::{self, YEAR_CLOSE};
use crate::{Result, Satang};

/// One account of the trial balance: its balance in the debit or the
/// credit column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrialBalanceLine {
    /// Account code.
    pub code: String,
    /// Thai name.
    pub name: String,
    /// Class.
    pub kind: AccountKind,
    /// Debit balance, or zero.
    pub debit: Satang,
    /// Credit balance, or zero.
    pub credit: Satang,
}

/// The trial balance (งบทดลอง) at the end of a fiscal year, before the
/// year is closed: balance-sheet accounts with everything up to the
/// year's end, income and expense accounts with the year's entries only,
/// and the income and expenses of earlier years in the accumulated
/// surplus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrialBalance {
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// First day of the year.
    pub from: NaiveDate,
    /// Last day of the year.
    pub to: NaiveDate,
    /// Accounts with a balance, in the chart's order.
    pub accounts: Vec<TrialBalanceLine>,
    /// Sum of the debit column.
    pub debit_total: Satang,
    /// Sum of the credit column, equal to the debits.
    pub credit_total: Satang,
}

/// Builds the trial balance of fiscal year `year_be`.
pub fn trial_balance(conn: &Connection, year_be: i32) -> Result<TrialBalance> {
    journal::ensure_balanced(conn)?;
    let (from, to) = years::period(conn, year_be)?;
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name_th, a.kind, coalesce(sum(b.net), 0)
         FROM accounts a
         LEFT JOIN (
             SELECT CASE WHEN e.year_be < ?1 AND k.kind IN ('income', 'expense') THEN ?3
                         ELSE l.account_code END AS code,
                    l.debit_satang - l.credit_satang AS net
             FROM journal_lines l
             JOIN journal_entries e ON e.id = l.entry_id
             JOIN accounts k ON k.code = l.account_code
             WHERE e.year_be < ?1 OR (e.year_be = ?1 AND e.source_kind <> ?2)
         ) b ON b.code = a.code
         GROUP BY a.code
         HAVING coalesce(sum(b.net), 0) <> 0
         ORDER BY a.sort_order",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![year_be, YEAR_CLOSE, ACCUMULATED_SURPLUS],
        |row| {
            let net: i64 = row.get(3)?;
            Ok(TrialBalanceLine {
                code: row.get(0)?,
                name: row.get(1)?,
                kind: AccountKind::parse(&row.get::<_, String>(2)?).unwrap_or(AccountKind::Asset),
                debit: Satang(net.max(0)),
                credit: Satang((-net).max(0)),
            })
        },
    )?;
    let accounts: Vec<TrialBalanceLine> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(TrialBalance {
        year_be,
        from,
        to,
        debit_total: accounts.iter().map(|a| a.debit).sum(),
        credit_total: accounts.iter().map(|a| a.credit).sum(),
        accounts,
    })
}

/// One line of the cash book: a receipt into or a payment out of cash or
/// the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CashBookLine {
    /// Date.
    pub date: NaiveDate,
    /// The journal entry.
    pub entry_id: i64,
    /// What happened.
    pub description: String,
    /// "1101" cash or "1102" bank.
    pub account: String,
    /// Money in.
    pub receipt: Satang,
    /// Money out.
    pub payment: Satang,
    /// Cash and bank together after the line.
    pub balance: Satang,
}

/// The cash book (สมุดเงินสด) of cash and bank together over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CashBook {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Cash and bank at the start of the first day.
    pub opening: Satang,
    /// Every receipt and payment, in date order.
    pub lines: Vec<CashBookLine>,
    /// Sum of the receipts.
    pub receipts: Satang,
    /// Sum of the payments.
    pub payments: Satang,
    /// Cash and bank at the end of the last day.
    pub closing: Satang,
}

/// Builds the cash book from `from` to `to`.
pub fn cash_book(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<CashBook> {
    journal::ensure_balanced(conn)?;
    let opening: i64 = conn.query_row(
        "SELECT coalesce(sum(l.debit_satang - l.credit_satang), 0)
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
         WHERE l.account_code IN (?1, ?2) AND e.date < ?3",
        rusqlite::params![CASH, BANK, from],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT e.date, e.id, e.description, l.account_code, l.debit_satang, l.credit_satang
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
         WHERE l.account_code IN (?1, ?2) AND e.date BETWEEN ?3 AND ?4
         ORDER BY e.date, e.id, l.id",
    )?;
    let mut balance = Satang(opening);
    let rows = stmt.query_map(rusqlite::params![CASH, BANK, from, to], |row| {
        Ok(CashBookLine {
            date: row.get(0)?,
            entry_id: row.get(1)?,
            description: row.get(2)?,
            account: row.get(3)?,
            receipt: row.get(4)?,
            payment: row.get(5)?,
            balance: Satang::ZERO,
        })
    })?;
    let mut lines = Vec::new();
    for line in rows {
        let mut line = line?;
        balance += line.receipt - line.payment;
        line.balance = balance;
        lines.push(line);
    }
    Ok(CashBook {
        from,
        to,
        opening: Satang(opening),
        receipts: lines.iter().map(|l| l.receipt).sum(),
        payments: lines.iter().map(|l| l.payment).sum(),
        closing: balance,
        lines,
    })
}

/// One line of a financial statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementLine {
    /// Account code; `None` for a line that is no account, such as the
    /// surplus of the year not yet closed.
    pub code: Option<String>,
    /// Thai name.
    pub name: String,
    /// Amount, positive on the account's normal side.
    pub amount: Satang,
}

/// The balance sheet (งบแสดงฐานะการเงิน) at the end of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BalanceSheet {
    /// The date.
    pub as_of: NaiveDate,
    /// Assets.
    pub assets: Vec<StatementLine>,
    /// Liabilities.
    pub liabilities: Vec<StatementLine>,
    /// Equity, ending with the surplus of years not closed yet.
    pub equity: Vec<StatementLine>,
    /// Sum of the assets.
    pub total_assets: Satang,
    /// Sum of the liabilities.
    pub total_liabilities: Satang,
    /// Sum of the equity; assets equal liabilities plus equity.
    pub total_equity: Satang,
}

/// Builds the balance sheet at the end of `as_of`.
pub fn balance_sheet(conn: &Connection, as_of: NaiveDate) -> Result<BalanceSheet> {
    journal::ensure_balanced(conn)?;
    let balances = balances(conn, "e.date <= ?1", &[&as_of])?;
    let mut sheet = BalanceSheet {
        as_of,
        assets: Vec::new(),
        liabilities: Vec::new(),
        equity: Vec::new(),
        total_assets: Satang::ZERO,
        total_liabilities: Satang::ZERO,
        total_equity: Satang::ZERO,
    };
    let mut surplus = Satang::ZERO;
    for (code, name, kind, net) in balances {
        let line = |amount| StatementLine {
            code: Some(code.clone()),
            name: name.clone(),
            amount,
        };
        match kind {
            AccountKind::Asset => sheet.assets.push(line(net)),
            AccountKind::Liability => sheet.liabilities.push(line(-net)),
            AccountKind::Equity => sheet.equity.push(line(-net)),
            AccountKind::Income | AccountKind::Expense => surplus -= net,
        }
    }
    if surplus != Satang::ZERO {
        sheet.equity.push(StatementLine {
            code: None,
            name: "รายได้สูงกว่า (ต่ำกว่า) ค่าใช้จ่ายที่ยังไม่ปิดบัญชี".to_string(),
            amount: surplus,
        });
    }
    sheet.total_assets = sheet.assets.iter().map(|l| l.amount).sum();
    sheet.total_liabilities = sheet.liabilities.iter().map(|l| l.amount).sum();
    sheet.total_equity = sheet.equity.iter().map(|l| l.amount).sum();
    Ok(sheet)
}

/// The income statement (งบรายได้และค่าใช้จ่าย) of a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomeStatement {
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Income by account.
    pub income: Vec<StatementLine>,
    /// Expenses by account.
    pub expenses: Vec<StatementLine>,
    /// Sum of the income.
    pub total_income: Satang,
    /// Sum of the expenses.
    pub total_expenses: Satang,
    /// Income less expenses.
    pub surplus: Satang,
}

/// Builds the income statement of fiscal year `year_be`, leaving out the
/// entry that closes it.
pub fn income_statement(conn: &Connection, year_be: i32) -> Result<IncomeStatement> {
    journal::ensure_balanced(conn)?;
    let (from, to) = years::period(conn, year_be)?;
    let balances = balances(
        conn,
        "e.year_be = ?1 AND e.source_kind <> ?2",
        &[&year_be, &YEAR_CLOSE],
    )?;
    let mut statement = IncomeStatement {
        year_be,
        from,
        to,
        income: Vec::new(),
        expenses: Vec::new(),
        total_income: Satang::ZERO,
        total_expenses: Satang::ZERO,
        surplus: Satang::ZERO,
    };
    for (code, name, kind, net) in balances {
        match kind {
            AccountKind::Income => statement.income.push(StatementLine {
                code: Some(code),
                name,
                amount: -net,
            }),
            AccountKind::Expense => statement.expenses.push(StatementLine {
                code: Some(code),
                name,
                amount: net,
            }),
            _ => {}
        }
    }
    statement.total_income = statement.income.iter().map(|l| l.amount).sum();
    statement.total_expenses = statement.expenses.iter().map(|l| l.amount).sum();
    statement.surplus = statement.total_income - statement.total_expenses;
    Ok(statement)
}

/// Each account's debits less credits over the entries that `filter`
/// selects (an SQL condition on entries `e`), for accounts with a
/// balance, in the chart's order.
fn balances(
    conn: &Connection,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<(String, String, AccountKind, Satang)>> {
    let sql = format!(
        "SELECT a.code, a.name_th, a.kind, sum(l.debit_satang - l.credit_satang)
         FROM journal_lines l
         JOIN journal_entries e ON e.id = l.entry_id
         JOIN accounts a ON a.code = l.account_code
         WHERE {filter}
         GROUP BY a.code
         HAVING sum(l.debit_satang - l.credit_satang) <> 0
         ORDER BY a.sort_order"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params, |row| {
        Ok((
            row.get(0)?,
            row.get(1)?,
            AccountKind::parse(&row.get::<_, String>(2)?).unwrap_or(AccountKind::Asset),
            Satang(row.get(3)?),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::accounts::{
        Via, LOAN_INTEREST_INCOME, MEMBERS_SAVINGS, OPENING_BALANCES, OTHER_EXPENSES,
    };
    use crate::fund::journal::{post_manual, Line};
    use crate::fund::repayments::{repay, Payment};
    use crate::fund::testing::{active_loan, bank, Bank};
    use crate::test_support::date;

    /// 50,000 baht of opening cash, the 12,000-baht test loan, two
    /// repayments, and 300 baht of expenses, all in 2567.
    fn books() -> Result<Bank> {
        let bank = bank()?;
        let opening = vec![
            Line::debit(CASH, Satang::from_baht(50_000)),
            Line::credit(OPENING_BALANCES, Satang::from_baht(50_000)),
        ];
        post_manual(
            &bank.conn,
            &bank.ctx,
            date(2024, 1, 1),
            "เงินสดยกมา",
            opening,
        )?;
        let loan = active_loan(&bank)?;
        for month in [3, 4] {
            let payment = Payment {
                loan_no: loan.loan_no.clone(),
                date: date(2024, month, 1),
                amount: Satang::from_baht(1_120),
                via: Via::Cash,
                receipt_no: None,
            };
            repay(&bank.conn, &bank.ctx, &payment)?;
        }
        let expense = vec![
            Line::debit(OTHER_EXPENSES, Satang::from_baht(300)),
            Line::credit(CASH, Satang::from_baht(300)),
        ];
        post_manual(
            &bank.conn,
            &bank.ctx,
            date(2024, 6, 1),
            "ค่าเครื่องเขียน",
            expense,
        )?;
        Ok(bank)
    }

    #[test]
    fn trial_balance_balances() -> Result<()> {
        let bank = books()?;

        let trial = trial_balance(&bank.conn, 2567)?;

        assert_eq!(
            trial.debit_total, trial.credit_total,
            "debits equal credits"
        );
        let cash = trial.accounts.iter().find(|a| a.code == CASH);
        assert_eq!(
            cash.map(|a| a.debit),
            Some(Satang::from_baht(50_000 - 12_000 + 2_240 - 300))
        );
        let interest = trial
            .accounts
            .iter()
            .find(|a| a.code == LOAN_INTEREST_INCOME);
        assert_eq!(interest.map(|a| a.credit), Some(Satang::from_baht(240)));
        Ok(())
    }

    #[test]
    fn next_year_carries_surplus_before_closing() -> Result<()> {
        let bank = books()?;

        let trial = trial_balance(&bank.conn, 2568)?;

        let surplus = trial
            .accounts
            .iter()
            .find(|a| a.code == ACCUMULATED_SURPLUS);
        assert_eq!(
            surplus.map(|a| a.credit),
            Some(Satang::ZERO),
            "a deficit is a debit"
        );
        assert_eq!(
            surplus.map(|a| a.debit),
            Some(Satang::from_baht(60)),
            "240 interest less 300 expenses"
        );
        assert!(
            trial
                .accounts
                .iter()
                .all(|a| a.code != LOAN_INTEREST_INCOME),
            "last year's income is not this year's"
        );
        assert_eq!(trial.debit_total, trial.credit_total);
        Ok(())
    }

    #[test]
    fn closing_keeps_next_trial_balance() -> Result<()> {
        let bank = books()?;
        let before = trial_balance(&bank.conn, 2568)?;

        crate::fund::years::close_year(&bank.conn, &bank.ctx, 2567)?;
        let after = trial_balance(&bank.conn, 2568)?;
        let closed_year = trial_balance(&bank.conn, 2567)?;

        assert_eq!(before, after, "closing moves nothing the next year sees");
        assert!(
            closed_year
                .accounts
                .iter()
                .any(|a| a.code == LOAN_INTEREST_INCOME),
            "the closed year still shows its income before closing"
        );
        Ok(())
    }

    #[test]
    fn cash_book_runs_the_balance() -> Result<()> {
        let bank = books()?;

        let book = cash_book(&bank.conn, date(2024, 2, 1), date(2024, 12, 31))?;

        assert_eq!(book.opening, Satang::from_baht(50_000), "the opening cash");
        assert_eq!(
            book.lines.len(),
            4,
            "disbursement, two repayments, an expense"
        );
        assert_eq!(book.payments, Satang::from_baht(12_300));
        assert_eq!(book.receipts, Satang::from_baht(2_240));
        assert_eq!(book.closing, Satang::from_baht(39_940));
        assert_eq!(book.lines.last().map(|l| l.balance), Some(book.closing));
        Ok(())
    }

    #[test]
    fn balance_sheet_adds_up() -> Result<()> {
        let bank = books()?;

        let sheet = balance_sheet(&bank.conn, date(2024, 12, 31))?;

        assert_eq!(
            sheet.total_assets,
            sheet.total_liabilities + sheet.total_equity,
            "assets = liabilities + equity"
        );
        assert_eq!(sheet.total_assets, Satang::from_baht(39_940 + 10_000));
        assert!(
            sheet
                .liabilities
                .iter()
                .all(|l| l.code.as_deref() != Some(MEMBERS_SAVINGS)),
            "no savings yet"
        );
        Ok(())
    }

    #[test]
    fn income_statement_nets_the_year() -> Result<()> {
        let bank = books()?;

        let statement = income_statement(&bank.conn, 2567)?;

        assert_eq!(statement.total_income, Satang::from_baht(240));
        assert_eq!(statement.total_expenses, Satang::from_baht(300));
        assert_eq!(statement.surplus, Satang::from_baht(-60));
        Ok(())
    }
}
