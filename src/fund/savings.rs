//! Members' savings accounts (เงินฝากออมทรัพย์): deposits, withdrawals that
//! never take the balance below the account's minimum, the yearly interest
//! posting, and the passbook.
//!
//! Transactions are append-only. A reversal takes the date of the
//! transaction it cancels, so that the passbook's balances read as if the
//! mistake had never been made. Each transaction posts its journal entry
//! in the same database transaction.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use super::accounts::{Via, MEMBERS_SAVINGS, SAVINGS_INTEREST_EXPENSE};
use super::journal::{self, Line, Posting};
use super::years;
use crate::audit::{self, Change};
use crate::dividends::allocate::div_round_half_up;
use crate::members::{self, Status};
use crate::{db, Context, Error, Result, Satang};

/// Source kind of savings transactions in the journal.
pub const SOURCE: &str = "savings_transaction";

/// What a savings transaction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SavingsKind {
    /// Money paid in.
    Deposit,
    /// Money taken out.
    Withdrawal,
    /// The yearly interest added.
    Interest,
}

impl SavingsKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SavingsKind::Deposit => "deposit",
            SavingsKind::Withdrawal => "withdrawal",
            SavingsKind::Interest => "interest",
        }
    }

    fn parse(text: &str) -> SavingsKind {
        match text {
            "withdrawal" => SavingsKind::Withdrawal,
            "interest" => SavingsKind::Interest,
            _ => SavingsKind::Deposit,
        }
    }

    /// The kind in Thai, as a passbook prints it.
    pub fn thai(self) -> &'static str {
        match self {
            SavingsKind::Deposit => "ฝาก",
            SavingsKind::Withdrawal => "ถอน",
            SavingsKind::Interest => "ดอกเบี้ย",
        }
    }
}

/// A savings account with its balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavingsAccount {
    /// Row id.
    pub id: i64,
    /// Account number, such as "S00001".
    pub account_no: String,
    /// The saver's row id.
    pub member_id: i64,
    /// The saver's member number.
    pub member_no: String,
    /// The saver's full name.
    pub member_name: String,
    /// Date opened.
    pub opened_on: NaiveDate,
    /// The balance a withdrawal must leave.
    pub min_balance: Satang,
    /// Balance after every transaction.
    pub balance: Satang,
}

/// Opens a savings account for member `member_no` on `opened_on`, keeping
/// `min_balance` or else the `savings_min_balance_satang` setting. The
/// account number is the next "S00001" when `account_no` is `None`.
///
/// Fails with `member_not_active` for a member who resigned or died, and
/// with `savings_account_exists` when the account number is taken.
pub fn open_account(
    conn: &Connection,
    ctx: &Context,
    member_no: &str,
    opened_on: NaiveDate,
    min_balance: Option<Satang>,
    account_no: Option<&str>,
) -> Result<SavingsAccount> {
    let member = members::get(conn, member_no)?;
    if member.details.status != Status::Active {
        return Err(Error::rule(
            "member_not_active",
            format!(
                "member {member_no} is {}, not an active member",
                member.details.status.as_str()
            ),
        ));
    }
    let min_balance = match min_balance {
        Some(amount) if amount.is_negative() => {
            return Err(Error::rule(
                "savings_minimum_negative",
                format!("a minimum balance of {amount} baht is below zero"),
            ))
        }
        Some(amount) => amount,
        None => Satang(db::setting_i64(conn, "savings_min_balance_satang", 0)?.max(0)),
    };
    let account_no = match account_no {
        Some(text) => text.trim().to_string(),
        None => next_account_no(conn)?,
    };
    if find_account(conn, &account_no)?.is_some() {
        return Err(Error::rule(
            "savings_account_exists",
            format!("savings account {account_no} already exists"),
        ));
    }
    conn.execute(
        "INSERT INTO savings_accounts (account_no, member_id, opened_on, min_balance_satang,
            operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            account_no,
            member.id,
            opened_on,
            min_balance,
            ctx.operator,
            ctx.timestamp()
        ],
    )?;
    let account = get_account(conn, &account_no)?;
    audit::record(
        conn,
        ctx,
        Change::insert("savings_accounts", account.id, &account),
    )?;
    Ok(account)
}

fn next_account_no(conn: &Connection) -> Result<String> {
    let highest: Option<i64> = conn.query_row(
        "SELECT max(CAST(substr(account_no, 2) AS INTEGER)) FROM savings_accounts
         WHERE account_no GLOB 'S[0-9]*'",
        [],
        |row| row.get(0),
    )?;
    Ok(format!("S{:05}", highest.unwrap_or(0) + 1))
}

const ACCOUNT_SELECT: &str = "SELECT a.id, a.account_no, a.member_id, m.member_no, m.title,
        m.first_name, m.last_name, a.opened_on, a.min_balance_satang,
        (SELECT coalesce(sum(CASE t.kind WHEN 'withdrawal' THEN -1 ELSE 1 END
                   * CASE WHEN t.reverses_id IS NULL THEN 1 ELSE -1 END * t.amount_satang), 0)
         FROM savings_transactions t WHERE t.account_id = a.id)
    FROM savings_accounts a JOIN members m ON m.id = a.member_id";

fn account_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SavingsAccount> {
    Ok(SavingsAccount {
        id: row.get(0)?,
        account_no: row.get(1)?,
        member_id: row.get(2)?,
        member_no: row.get(3)?,
        member_name: members::full_name(
            &row.get::<_, String>(4)?,
            &row.get::<_, String>(5)?,
            &row.get::<_, String>(6)?,
        ),
        opened_on: row.get(7)?,
        min_balance: row.get(8)?,
        balance: row.get(9)?,
    })
}

fn find_account(conn: &Connection, account_no: &str) -> Result<Option<SavingsAccount>> {
    let sql = format!("{ACCOUNT_SELECT} WHERE a.account_no = ?1");
    let account = conn
        .prepare_cached(&sql)?
        .query_row([account_no.trim()], account_from_row)
        .optional()?;
    Ok(account)
}

/// Reads a savings account by its number.
pub fn get_account(conn: &Connection, account_no: &str) -> Result<SavingsAccount> {
    find_account(conn, account_no)?.ok_or_else(|| Error::NotFound {
        what: "savings account",
        key: account_no.to_string(),
    })
}

/// Lists a member's savings accounts, oldest first.
pub fn accounts_of(conn: &Connection, member_id: i64) -> Result<Vec<SavingsAccount>> {
    let sql = format!("{ACCOUNT_SELECT} WHERE a.member_id = ?1 ORDER BY a.id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([member_id], account_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Lists every savings account in account-number order.
pub fn list_accounts(conn: &Connection) -> Result<Vec<SavingsAccount>> {
    let sql = format!("{ACCOUNT_SELECT} ORDER BY a.account_no");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], account_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Money paid in or taken out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement<'a> {
    /// The account.
    pub account_no: &'a str,
    /// Date.
    pub date: NaiveDate,
    /// Amount, above zero.
    pub amount: Satang,
    /// Cash or bank.
    pub via: Via,
    /// Receipt or slip number.
    pub receipt_no: Option<&'a str>,
}

/// Pays money into an account and returns the transaction's id.
pub fn deposit(conn: &Connection, ctx: &Context, movement: &Movement<'_>) -> Result<i64> {
    let account = get_account(conn, movement.account_no)?;
    check_amount(movement.amount)?;
    check_opened(&account, movement.date)?;
    record(conn, ctx, &account, SavingsKind::Deposit, movement, None)
}

/// Takes money out of an account and returns the transaction's id.
///
/// Fails with `savings_below_minimum` when the balance on the date, or on
/// any later date with a transaction, would fall below the account's
/// minimum.
pub fn withdraw(conn: &Connection, ctx: &Context, movement: &Movement<'_>) -> Result<i64> {
    let account = get_account(conn, movement.account_no)?;
    check_amount(movement.amount)?;
    check_opened(&account, movement.date)?;
    let lowest = lowest_balance_from(conn, account.id, movement.date)?;
    if lowest - movement.amount < account.min_balance {
        return Err(Error::rule(
            "savings_below_minimum",
            format!(
                "account {} holds {lowest} baht on or after {}, so withdrawing {} baht would leave less than its minimum of {} baht",
                account.account_no,
                crate::thai::date::format_numeric(movement.date),
                movement.amount,
                account.min_balance
            ),
        ));
    }
    record(conn, ctx, &account, SavingsKind::Withdrawal, movement, None)
}

fn check_amount(amount: Satang) -> Result<()> {
    if amount.satang() <= 0 {
        return Err(Error::rule(
            "amount_not_positive",
            format!("the amount {amount} baht is not above zero"),
        ));
    }
    Ok(())
}

fn check_opened(account: &SavingsAccount, date: NaiveDate) -> Result<()> {
    if date < account.opened_on {
        return Err(Error::rule(
            "savings_before_opening",
            format!(
                "account {} was opened on {}, after {}",
                account.account_no,
                crate::thai::date::format_numeric(account.opened_on),
                crate::thai::date::format_numeric(date)
            ),
        ));
    }
    Ok(())
}

/// Inserts a transaction (or the reversal of `reverses`), posts it to the
/// journal and records it in the audit log.
fn record(
    conn: &Connection,
    ctx: &Context,
    account: &SavingsAccount,
    kind: SavingsKind,
    movement: &Movement<'_>,
    interest_year_be: Option<i32>,
) -> Result<i64> {
    let via = match kind {
        SavingsKind::Interest => "none",
        _ => movement.via.as_str(),
    };
    conn.prepare_cached(
        "INSERT INTO savings_transactions (account_id, date, kind, amount_satang, via,
            interest_year_be, receipt_no, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params![
        account.id,
        movement.date,
        kind.as_str(),
        movement.amount,
        via,
        interest_year_be,
        movement.receipt_no,
        ctx.operator,
        ctx.timestamp(),
    ])?;
    let id = conn.last_insert_rowid();
    let saver = Some(account.member_id);
    let (what, lines) = match kind {
        SavingsKind::Deposit => (
            "ฝากเงินออมทรัพย์",
            vec![
                Line::debit(movement.via.account(), movement.amount),
                Line::credit(MEMBERS_SAVINGS, movement.amount).member(saver),
            ],
        ),
        SavingsKind::Withdrawal => (
            "ถอนเงินออมทรัพย์",
            vec![
                Line::debit(MEMBERS_SAVINGS, movement.amount).member(saver),
                Line::credit(movement.via.account(), movement.amount),
            ],
        ),
        SavingsKind::Interest => (
            "ดอกเบี้ยเงินออมทรัพย์",
            vec![
                Line::debit(SAVINGS_INTEREST_EXPENSE, movement.amount),
                Line::credit(MEMBERS_SAVINGS, movement.amount).member(saver),
            ],
        ),
    };
    let description = format!(
        "{what} บัญชี {} สมาชิก {}",
        account.account_no, account.member_no
    );
    let posting = Posting::new(movement.date, &description, lines)?.source(SOURCE, id);
    journal::post(conn, ctx, &posting)?;
    let values = json!({
        "account_no": account.account_no, "date": movement.date, "kind": kind.as_str(),
        "amount_satang": movement.amount, "via": via, "receipt_no": movement.receipt_no,
    });
    audit::record(
        conn,
        ctx,
        Change::insert("savings_transactions", id, &values),
    )?;
    Ok(id)
}

/// Each end-of-day balance change of an account: (date, change).
fn movements(conn: &Connection, account_id: i64) -> Result<Vec<(NaiveDate, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, sum(CASE kind WHEN 'withdrawal' THEN -1 ELSE 1 END
                   * CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END * amount_satang)
         FROM savings_transactions WHERE account_id = ?1 GROUP BY date ORDER BY date",
    )?;
    let rows = stmt.query_map([account_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The lowest end-of-day balance of an account on `date` or any later
/// date.
fn lowest_balance_from(conn: &Connection, account_id: i64, date: NaiveDate) -> Result<Satang> {
    let movements = movements(conn, account_id)?;
    let split = movements.partition_point(|(day, _)| *day <= date);
    let mut balance: i64 = movements[..split].iter().map(|(_, delta)| delta).sum();
    let mut lowest = balance;
    for (_, delta) in &movements[split..] {
        balance += delta;
        lowest = lowest.min(balance);
    }
    Ok(Satang(lowest))
}

/// Posts the reversal of savings transaction `id` on its own date and
/// returns the reversal's id.
///
/// Fails when the transaction is a reversal or already reversed, and with
/// `savings_balance_negative` when taking back a deposit or interest would
/// leave a balance below zero on some date.
pub fn reverse(conn: &Connection, ctx: &Context, id: i64, note: &str) -> Result<i64> {
    let original = conn
        .query_row(
            "SELECT t.account_id, t.date, t.kind, t.amount_satang, t.reverses_id,
                    (SELECT r.id FROM savings_transactions r WHERE r.reverses_id = t.id)
             FROM savings_transactions t WHERE t.id = ?1",
            [id],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, NaiveDate>(1)?,
                    SavingsKind::parse(&row.get::<_, String>(2)?),
                    Satang(row.get(3)?),
                    row.get::<_, Option<i64>>(4)?,
                    row.get::<_, Option<i64>>(5)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "savings transaction",
            key: id.to_string(),
        })?;
    let (account_id, date, kind, amount, reverses, reversed_by) = original;
    if reverses.is_some() || reversed_by.is_some() {
        return Err(Error::rule(
            "already_reversed",
            format!("savings transaction {id} is a reversal or already reversed"),
        ));
    }
    if kind != SavingsKind::Withdrawal && lowest_balance_from(conn, account_id, date)? < amount {
        return Err(Error::rule(
            "savings_balance_negative",
            format!("taking back {amount} baht would leave the account below zero; reverse the later withdrawals first"),
        ));
    }
    conn.execute(
        "INSERT INTO savings_transactions (account_id, date, kind, amount_satang, via,
            interest_year_be, receipt_no, reverses_id, note, operator, created_at)
         SELECT account_id, date, kind, amount_satang, via, interest_year_be, receipt_no, id,
                ?2, ?3, ?4
         FROM savings_transactions WHERE id = ?1",
        rusqlite::params![id, note, ctx.operator, ctx.timestamp()],
    )?;
    let reversal = conn.last_insert_rowid();
    if let Some(entry) = journal::entry_for_source(conn, SOURCE, id)? {
        let posting = journal::reversal(conn, entry, date, SOURCE, reversal)?;
        journal::post_in_open_year(conn, ctx, &posting)?;
    }
    audit::record(
        conn,
        ctx,
        Change::insert(
            "savings_transactions",
            reversal,
            &json!({ "reverses_id": id, "note": note }),
        ),
    )?;
    Ok(reversal)
}

/// What one yearly interest posting did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterestPosting {
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// Rate, millionths a year.
    pub rate_ppm: u32,
    /// Interest per account number, for the accounts that earned some.
    pub accounts: Vec<(String, Satang)>,
    /// Sum of the interest posted.
    pub total: Satang,
}

/// Adds a year's interest to every account at `rate_ppm` a year, on the
/// fiscal year's last day: the sum of the end-of-day balances over the
/// year × rate ÷ the days in the year, rounded half up to the satang. An
/// account that already has that year's interest is left alone, so the
/// posting can run again after accounts are added.
///
/// Fails with `savings_interest_too_early` before the year has ended.
pub fn post_interest(
    conn: &Connection,
    ctx: &Context,
    year_be: i32,
    rate_ppm: u32,
) -> Result<InterestPosting> {
    let (from, to) = years::period(conn, year_be)?;
    if to >= ctx.today() {
        return Err(Error::rule(
            "savings_interest_too_early",
            format!(
                "the fiscal year {year_be} ends on {}; post its interest after that day",
                crate::thai::date::format_numeric(to)
            ),
        ));
    }
    let days = (to - from).num_days() + 1;
    let mut posting = InterestPosting {
        year_be,
        rate_ppm,
        accounts: Vec::new(),
        total: Satang::ZERO,
    };
    for account in list_accounts(conn)? {
        if has_interest(conn, account.id, year_be)? {
            continue;
        }
        let balance_days = balance_days(&movements(conn, account.id)?, from, to);
        let interest = div_round_half_up(
            balance_days.max(0) as u128 * u128::from(rate_ppm),
            days as u128 * 1_000_000,
        ) as i64;
        if interest == 0 {
            continue;
        }
        let movement = Movement {
            account_no: &account.account_no,
            date: to,
            amount: Satang(interest),
            via: Via::Cash,
            receipt_no: None,
        };
        record(
            conn,
            ctx,
            &account,
            SavingsKind::Interest,
            &movement,
            Some(year_be),
        )?;
        posting.total += Satang(interest);
        posting
            .accounts
            .push((account.account_no, Satang(interest)));
    }
    Ok(posting)
}

fn has_interest(conn: &Connection, account_id: i64, year_be: i32) -> Result<bool> {
    let live: i64 = conn.query_row(
        "SELECT count(*) - 2 * count(reverses_id) FROM savings_transactions
         WHERE account_id = ?1 AND interest_year_be = ?2",
        (account_id, year_be),
        |row| row.get(0),
    )?;
    Ok(live > 0)
}

/// The sum over the days from `from` to `to` of the end-of-day balance,
/// in satang-days.
fn balance_days(movements: &[(NaiveDate, i64)], from: NaiveDate, to: NaiveDate) -> i64 {
    let mut balance: i64 = movements
        .iter()
        .filter(|(day, _)| *day < from)
        .map(|(_, delta)| delta)
        .sum();
    let mut day = from;
    let mut total = 0;
    for (date, delta) in movements.iter().filter(|(d, _)| *d >= from && *d <= to) {
        total += balance * (*date - day).num_days();
        balance += delta;
        day = *date;
    }
    total + balance * ((to - day).num_days() + 1)
}

/// One line of a passbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassbookLine {
    /// Transaction id.
    pub id: i64,
    /// Date.
    pub date: NaiveDate,
    /// What it does.
    pub kind: SavingsKind,
    /// Money in: a deposit, interest, or a reversed withdrawal.
    pub paid_in: Satang,
    /// Money out: a withdrawal, or a reversed deposit or interest.
    pub paid_out: Satang,
    /// Balance after the line.
    pub balance: Satang,
    /// Receipt or slip number.
    pub receipt_no: Option<String>,
    /// The transaction this line reverses.
    pub reverses_id: Option<i64>,
}

/// A passbook: the account and every transaction with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passbook {
    /// The account.
    pub account: SavingsAccount,
    /// Transactions, oldest first.
    pub lines: Vec<PassbookLine>,
}

/// Reads an account's passbook.
pub fn passbook(conn: &Connection, account_no: &str) -> Result<Passbook> {
    let account = get_account(conn, account_no)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, kind, amount_satang, receipt_no, reverses_id FROM savings_transactions
         WHERE account_id = ?1 ORDER BY date, id",
    )?;
    let mut balance = Satang::ZERO;
    let rows = stmt.query_map([account.id], |row| {
        let kind = SavingsKind::parse(&row.get::<_, String>(2)?);
        let amount = Satang(row.get(3)?);
        let reverses_id: Option<i64> = row.get(5)?;
        let incoming = (kind == SavingsKind::Withdrawal) == reverses_id.is_some();
        Ok(PassbookLine {
            id: row.get(0)?,
            date: row.get(1)?,
            kind,
            paid_in: if incoming { amount } else { Satang::ZERO },
            paid_out: if incoming { Satang::ZERO } else { amount },
            balance: Satang::ZERO,
            receipt_no: row.get(4)?,
            reverses_id,
        })
    })?;
    let mut lines = Vec::new();
    for line in rows {
        let mut line = line?;
        balance += line.paid_in - line.paid_out;
        line.balance = balance;
        lines.push(line);
    }
    Ok(Passbook { account, lines })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::accounts::CASH;
    use crate::fund::testing::journal_balance;
    use crate::test_support::{context, date};

    fn setup() -> Result<(Connection, Context, SavingsAccount)> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = crate::members::ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = crate::members::MemberDetails {
            member_no: "BY001".into(),
            first_name: "มาลี".into(),
            community_id: community.id,
            ..Default::default()
        };
        crate::members::insert(&conn, &ctx, &details)?;
        let account = open_account(
            &conn,
            &ctx,
            "BY001",
            date(2024, 1, 1),
            Some(Satang(10_000)),
            None,
        )?;
        Ok((conn, ctx, account))
    }

    fn movement(account: &SavingsAccount, day: NaiveDate, baht: i64) -> Movement<'_> {
        Movement {
            account_no: &account.account_no,
            date: day,
            amount: Satang::from_baht(baht),
            via: Via::Cash,
            receipt_no: None,
        }
    }

    #[test]
    fn account_numbers_count_up() -> Result<()> {
        let (conn, ctx, first) = setup()?;

        let second = open_account(&conn, &ctx, "BY001", date(2024, 2, 1), None, None)?;

        assert_eq!(first.account_no, "S00001");
        assert_eq!(second.account_no, "S00002");
        assert_eq!(second.min_balance, Satang::ZERO, "the setting's minimum");
        Ok(())
    }

    #[test]
    fn deposit_and_withdraw_post_to_journal() -> Result<()> {
        let (conn, ctx, account) = setup()?;

        deposit(&conn, &ctx, &movement(&account, date(2024, 1, 5), 1_000))?;
        withdraw(&conn, &ctx, &movement(&account, date(2024, 2, 5), 300))?;

        assert_eq!(
            get_account(&conn, "S00001")?.balance,
            Satang::from_baht(700)
        );
        assert_eq!(
            journal_balance(&conn, CASH)?,
            70_000,
            "700 baht in the cash box"
        );
        assert_eq!(
            journal_balance(&conn, MEMBERS_SAVINGS)?,
            -70_000,
            "owed to the saver"
        );
        Ok(())
    }

    #[test]
    fn withdrawal_keeps_the_minimum() -> Result<()> {
        let (conn, ctx, account) = setup()?;
        deposit(&conn, &ctx, &movement(&account, date(2024, 1, 5), 1_000))?;

        let too_much = withdraw(&conn, &ctx, &movement(&account, date(2024, 2, 5), 950));
        let allowed = withdraw(&conn, &ctx, &movement(&account, date(2024, 2, 5), 900));

        assert_eq!(
            too_much.err().map(|e| e.code()),
            Some("savings_below_minimum")
        );
        assert!(allowed.is_ok(), "900 leaves the 100-baht minimum");
        Ok(())
    }

    #[test]
    fn backdated_withdrawal_checks_later_balances() -> Result<()> {
        let (conn, ctx, account) = setup()?;
        deposit(&conn, &ctx, &movement(&account, date(2024, 1, 5), 1_000))?;
        withdraw(&conn, &ctx, &movement(&account, date(2024, 3, 5), 800))?;

        let result = withdraw(&conn, &ctx, &movement(&account, date(2024, 2, 5), 500));

        assert_eq!(
            result.err().map(|e| e.code()),
            Some("savings_below_minimum"),
            "the March balance would fall to -300"
        );
        Ok(())
    }

    #[test]
    fn reversal_restores_balance_and_journal() -> Result<()> {
        let (conn, ctx, account) = setup()?;
        let id = deposit(&conn, &ctx, &movement(&account, date(2024, 1, 5), 1_000))?;

        reverse(&conn, &ctx, id, "wrong account")?;
        let again = reverse(&conn, &ctx, id, "twice");

        let book = passbook(&conn, &account.account_no)?;
        assert_eq!(book.account.balance, Satang::ZERO);
        assert_eq!(
            book.lines[1].paid_out,
            Satang::from_baht(1_000),
            "the reversal takes it out"
        );
        assert_eq!(journal_balance(&conn, CASH)?, 0);
        assert_eq!(again.err().map(|e| e.code()), Some("already_reversed"));
        Ok(())
    }

    #[test]
    fn yearly_interest_on_daily_balances() -> Result<()> {
        let (conn, ctx, account) = setup()?;
        // 10,000 baht all year 2024 (366 days) and 3,660 more for the last
        // 100 days: 10,000 × 2 % + 3,660 × 2 % × 100 / 366 = 200 + 20.
        deposit(&conn, &ctx, &movement(&account, date(2024, 1, 1), 10_000))?;
        deposit(&conn, &ctx, &movement(&account, date(2024, 9, 23), 3_660))?;

        let posting = post_interest(&conn, &ctx, 2567, 20_000)?;
        let again = post_interest(&conn, &ctx, 2567, 20_000)?;

        assert_eq!(
            posting.total,
            Satang::from_baht(220),
            "interest for the year"
        );
        assert_eq!(again.accounts.len(), 0, "posted once a year");
        assert_eq!(journal_balance(&conn, SAVINGS_INTEREST_EXPENSE)?, 22_000);
        let book = passbook(&conn, &account.account_no)?;
        assert_eq!(book.lines.last().map(|l| l.date), Some(date(2024, 12, 31)));
        Ok(())
    }

    #[test]
    fn interest_waits_for_year_end() -> Result<()> {
        let (conn, ctx, _) = setup()?;

        let result = post_interest(&conn, &ctx, 2568, 20_000);

        assert_eq!(
            result.err().map(|e| e.code()),
            Some("savings_interest_too_early")
        );
        Ok(())
    }
}
