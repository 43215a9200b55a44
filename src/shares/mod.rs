//! The share register: append-only share transactions and the balances
//! they give.
//!
//! A transaction is never changed or deleted (the database's triggers
//! reject it); a correction is a reversal, a new row that cancels an old
//! one. A reversal takes the date of the transaction it cancels, so that
//! month-end balances, and with them dividends, read as if the mistake had
//! never been made; its `created_at` records when the correction was made.

mod balance;
pub(crate) mod register;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Change};
use crate::{db, Context, Error, Result, Satang};

pub use balance::{balance_at, month_end_balances, MonthEndBalances};

/// What a share transaction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A balance brought forward (ยกมา) from before the register began.
    Opening,
    /// Shares bought.
    Purchase,
    /// Shares sold back (ถอนหุ้น).
    Withdrawal,
    /// Shares passed from one member to another, as one record.
    Transfer,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Opening => "opening",
            Kind::Purchase => "purchase",
            Kind::Withdrawal => "withdrawal",
            Kind::Transfer => "transfer",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Kind> {
        match text {
            "opening" => Some(Kind::Opening),
            "purchase" => Some(Kind::Purchase),
            "withdrawal" => Some(Kind::Withdrawal),
            "transfer" => Some(Kind::Transfer),
            _ => None,
        }
    }
}

/// How a purchase was paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    /// Paid in cash.
    Cash,
    /// Paid from the member's plastic credit.
    PlasticCredit,
    /// A dividend reinvested.
    Dividend,
}

impl Payment {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Payment::Cash => "cash",
            Payment::PlasticCredit => "plastic_credit",
            Payment::Dividend => "dividend",
        }
    }

    fn parse(text: &str) -> Option<Payment> {
        match text {
            "cash" => Some(Payment::Cash),
            "plastic_credit" => Some(Payment::PlasticCredit),
            "dividend" => Some(Payment::Dividend),
            _ => None,
        }
    }
}

/// Where a transaction came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Entered by an operator.
    Manual,
    /// A balance stated by an imported member register.
    Register,
    /// A row of an imported share ledger.
    Ledger,
    /// A dividend reinvested.
    Dividend,
    /// Demo data.
    Demo,
}

impl Source {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Register => "register",
            Source::Ledger => "ledger",
            Source::Dividend => "dividend",
            Source::Demo => "demo",
        }
    }
}

/// A transaction to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTransaction {
    /// The member whose shares change; for a transfer, the one who gives.
    pub member_id: i64,
    /// Date the transaction takes effect.
    pub date: NaiveDate,
    /// What it does.
    pub kind: Kind,
    /// Number of shares, above zero.
    pub shares: i64,
    /// For a transfer, the member who receives the shares.
    pub to_member_id: Option<i64>,
    /// For a purchase, how it was paid.
    pub payment: Option<Payment>,
    /// Money paid or paid back; for an opening balance, its value.
    pub amount: Satang,
    /// Receipt number, where there is one.
    pub receipt_no: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// Where it came from.
    pub source: Source,
    /// The import that brought it, if any.
    pub import_id: Option<i64>,
    /// The sheet row it was read from, if any.
    pub import_row: Option<u32>,
}

impl NewTransaction {
    /// A transaction with no payment, receipt, note or import, from an
    /// operator.
    pub fn new(member_id: i64, date: NaiveDate, kind: Kind, shares: i64, amount: Satang) -> Self {
        NewTransaction {
            member_id,
            date,
            kind,
            shares,
            to_member_id: None,
            payment: (kind == Kind::Purchase).then_some(Payment::Cash),
            amount,
            receipt_no: None,
            note: None,
            source: Source::Manual,
            import_id: None,
            import_row: None,
        }
    }
}

/// A stored transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transaction {
    /// Row id.
    pub id: i64,
    /// Giving (or only) member.
    pub member_id: i64,
    /// Effective date.
    pub date: NaiveDate,
    /// What it does.
    pub kind: Kind,
    /// Number of shares.
    pub shares: i64,
    /// Receiving member of a transfer.
    pub to_member_id: Option<i64>,
    /// How a purchase was paid.
    pub payment: Option<Payment>,
    /// Money involved.
    pub amount: Satang,
    /// Receipt number.
    pub receipt_no: Option<String>,
    /// The transaction this one reverses.
    pub reverses_id: Option<i64>,
    /// Note.
    pub note: Option<String>,
    /// Operator who posted it.
    pub operator: String,
}

/// One line of a member's share history, with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryLine {
    /// The transaction.
    pub transaction: Transaction,
    /// Change to this member's balance: negative for a withdrawal, a
    /// transfer out or a reversed purchase.
    pub delta: i64,
    /// The other member of a transfer, by member number.
    pub counterparty: Option<String>,
    /// Balance after this line.
    pub balance: i64,
    /// Whether a later correction reversed this transaction.
    pub reversed: bool,
    /// Whether this is an opening balance that a member register stated
    /// and a later import replaced, or the reversal that replaced it:
    /// bookkeeping that a member's statement leaves out.
    pub superseded_register: bool,
}

/// Share rules of the foundation: par value and the limits per member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// Price of one share.
    pub par: Satang,
    /// Smallest balance a member may hold, unless the balance is zero.
    pub min_shares: i64,
    /// Largest balance a member may hold; zero means no limit.
    pub max_shares: i64,
}

/// Reads the share rules from the settings.
pub fn policy(conn: &Connection) -> Result<Policy> {
    Ok(Policy {
        par: Satang(db::setting_i64(conn, "share_par_satang", 10_000)?),
        min_shares: db::setting_i64(conn, "share_min", 1)?,
        max_shares: db::setting_i64(conn, "share_max", 0)?,
    })
}

/// Posts a transaction and returns its id.
///
/// Fails, leaving nothing written, when it would make any member's balance
/// negative on any date from its own date onward. Transactions entered by
/// an operator must also keep the balance within the policy's limits;
/// imported history is taken as recorded.
pub fn post(conn: &Connection, ctx: &Context, tx: &NewTransaction) -> Result<i64> {
    check_shape(tx)?;
    if !matches!(tx.source, Source::Dividend | Source::Demo) {
        check_open_year(conn, tx.date)?;
    }
    check_balances(conn, tx.member_id, tx.date, -outgoing(tx))?;
    if tx.source == Source::Manual {
        check_policy(conn, tx)?;
    }
    let id = insert(conn, ctx, tx, None)?;
    audit::record(
        conn,
        ctx,
        Change::insert("share_transactions", id, &stored(conn, id)?),
    )?;
    Ok(id)
}

/// Returns the BE year of an approved dividend run whose fiscal year
/// contains `date`. Share movements dated in such a year would change the
/// balances the approved dividend was computed from, so they wait until
/// the run is reversed.
pub fn approved_dividend_year(conn: &Connection, date: NaiveDate) -> Result<Option<i32>> {
    let year = conn
        .prepare_cached(
            "SELECT year_be FROM dividend_runs
             WHERE status = 'approved' AND ?1 BETWEEN period_from AND period_to
             LIMIT 1",
        )?
        .query_row([date], |row| row.get(0))
        .optional()?;
    Ok(year)
}

/// Fails when `date` lies in a fiscal year whose dividend is approved.
fn check_open_year(conn: &Connection, date: NaiveDate) -> Result<()> {
    match approved_dividend_year(conn, date)? {
        Some(year_be) => Err(Error::rule(
            "dividend_year_approved",
            format!(
                "the {year_be} dividend is approved, so share movements dated {} would change it; \
                 reverse the {year_be} dividend run first, or date the entry in a later year",
                crate::thai::date::format_numeric(date)
            ),
        )),
        None => Ok(()),
    }
}

/// Posts a transaction whose balances the caller has already checked,
/// without an audit entry of its own: for an import, which checks
/// balances in memory, records itself in the audit log as a whole and
/// links each transaction to its `imports` row.
pub(crate) fn post_checked(conn: &Connection, ctx: &Context, tx: &NewTransaction) -> Result<i64> {
    check_shape(tx)?;
    insert(conn, ctx, tx, None)
}

/// Posts the reversal of transaction `id` and returns the reversal's id.
///
/// A purchase paid by plastic credit gives its credit back.
///
/// Fails when the transaction was already reversed, is itself a reversal,
/// or when cancelling it would make a balance negative (shares bought and
/// since withdrawn).
pub fn reverse(conn: &Connection, ctx: &Context, id: i64, note: &str) -> Result<i64> {
    reverse_with(conn, ctx, id, note, BalanceCheck::Here)
}

/// Whether [`reverse_with`] checks that balances stay at zero or above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BalanceCheck {
    /// Checked here, against the stored transactions.
    Here,
    /// Checked by the caller, as an import does for a reversal and the
    /// corrected entry together: the reversal alone may dip below zero
    /// where later withdrawals used the shares the corrected entry keeps.
    ByCaller,
}

/// Posts the reversal of transaction `id`, as [`reverse`] does, and checks
/// balances only when `check` is [`BalanceCheck::Here`].
pub(crate) fn reverse_with(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    note: &str,
    check: BalanceCheck,
) -> Result<i64> {
    let original = stored(conn, id)?;
    if original.reverses_id.is_some() {
        return Err(Error::rule(
            "reversal_of_reversal",
            format!("transaction {id} is a reversal"),
        ));
    }
    if reversal_of(conn, id)?.is_some() {
        return Err(Error::rule(
            "already_reversed",
            format!("transaction {id} is already reversed"),
        ));
    }
    let source: String = conn.query_row(
        "SELECT source FROM share_transactions WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?;
    if source != Source::Dividend.as_str() {
        check_open_year(conn, original.date)?;
    }
    let receiver = original.to_member_id.unwrap_or(original.member_id);
    let taken_back = if original.kind == Kind::Withdrawal {
        0
    } else {
        original.shares
    };
    if check == BalanceCheck::Here {
        check_balances(conn, receiver, original.date, -taken_back)?;
    }
    let new = NewTransaction {
        member_id: original.member_id,
        date: original.date,
        kind: original.kind,
        shares: original.shares,
        to_member_id: original.to_member_id,
        payment: original.payment,
        amount: original.amount,
        receipt_no: original.receipt_no.clone(),
        note: Some(note.to_string()),
        source: Source::Manual,
        import_id: None,
        import_row: None,
    };
    let reversal = insert(conn, ctx, &new, Some(id))?;
    if original.kind == Kind::Purchase && original.payment == Some(Payment::PlasticCredit) {
        crate::waste::credit::refund_share_purchase(conn, ctx, id, reversal)?;
    }
    audit::record(
        conn,
        ctx,
        Change::insert("share_transactions", reversal, &stored(conn, reversal)?),
    )?;
    Ok(reversal)
}

/// Finds the reversal of a transaction, if it was reversed.
pub fn reversal_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    let found = conn
        .prepare_cached("SELECT id FROM share_transactions WHERE reverses_id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?;
    Ok(found)
}

/// Writes a number of shares in English: "1 share", "5 shares".
pub fn count_text(shares: i64) -> String {
    match shares {
        1 | -1 => format!("{shares} share"),
        _ => format!("{shares} shares"),
    }
}

/// Current share balance of a member.
pub fn balance(conn: &Connection, member_id: i64) -> Result<i64> {
    let shares = conn
        .prepare_cached("SELECT shares FROM share_balances WHERE member_id = ?1")?
        .query_row([member_id], |row| row.get(0))
        .optional()?;
    Ok(shares.unwrap_or(0))
}

/// Every transaction touching a member, oldest first, with the running
/// balance.
pub fn history(conn: &Connection, member_id: i64) -> Result<Vec<HistoryLine>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TRANSACTION_COLUMNS}, mv.delta,
                CASE WHEN t.member_id = ?1 THEN tm.member_no ELSE fm.member_no END,
                EXISTS (SELECT 1 FROM share_transactions r WHERE r.reverses_id = t.id),
                t.source = 'register'
                    OR (SELECT o.source = 'register' FROM share_transactions o
                        WHERE o.id = t.reverses_id)
         FROM share_movements mv
         JOIN share_transactions t ON t.id = mv.transaction_id
         JOIN members fm ON fm.id = t.member_id
         LEFT JOIN members tm ON tm.id = t.to_member_id
         WHERE mv.member_id = ?1
         ORDER BY t.date, t.id"
    ))?;
    let rows = stmt.query_map([member_id], |row| {
        let counterparty: Option<String> = row.get(13)?;
        let reversed: bool = row.get(14)?;
        let register: bool = row.get::<_, Option<bool>>(15)?.unwrap_or(false);
        Ok((
            transaction_from_row(row)?,
            row.get::<_, i64>(12)?,
            counterparty,
            reversed,
            register,
        ))
    })?;
    let mut balance = 0;
    let mut lines = Vec::new();
    for row in rows {
        let (transaction, delta, counterparty, reversed, register) = row?;
        balance += delta;
        let counterparty = counterparty.filter(|_| transaction.kind == Kind::Transfer);
        let superseded_register = register && (reversed || transaction.reverses_id.is_some());
        lines.push(HistoryLine {
            transaction,
            delta,
            counterparty,
            balance,
            reversed,
            superseded_register,
        });
    }
    Ok(lines)
}

const TRANSACTION_COLUMNS: &str = "t.id, t.member_id, t.date, t.kind, t.shares, t.to_member_id,
    t.payment, t.amount_satang, t.receipt_no, t.reverses_id, t.note, t.operator";

fn transaction_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Transaction> {
    let kind: String = row.get(3)?;
    let payment: Option<String> = row.get(6)?;
    Ok(Transaction {
        id: row.get(0)?,
        member_id: row.get(1)?,
        date: row.get(2)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Opening),
        shares: row.get(4)?,
        to_member_id: row.get(5)?,
        payment: payment.as_deref().and_then(Payment::parse),
        amount: row.get(7)?,
        receipt_no: row.get(8)?,
        reverses_id: row.get(9)?,
        note: row.get(10)?,
        operator: row.get(11)?,
    })
}

/// Reads one stored transaction.
pub fn stored(conn: &Connection, id: i64) -> Result<Transaction> {
    conn.prepare_cached(&format!(
        "SELECT {TRANSACTION_COLUMNS} FROM share_transactions t WHERE t.id = ?1"
    ))?
    .query_row([id], transaction_from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "share transaction",
        key: id.to_string(),
    })
}

/// The columns an insert into `share_transactions` binds, in order.
const INSERT_COLUMNS: &str = "member_id, date, kind, shares, to_member_id, payment, \
    amount_satang, receipt_no, reverses_id, note, source, import_id, import_row, operator, \
    created_at";

/// How many values each row of an insert binds.
const INSERT_WIDTH: usize = 15;

/// How many rows a batched insert writes with one statement. SQLite keeps
/// a statement journal of every page a statement changes, so writing 64
/// rows at a time copies each page once instead of once a row.
const ROWS_PER_INSERT: usize = 64;

fn insert(
    conn: &Connection,
    ctx: &Context,
    tx: &NewTransaction,
    reverses: Option<i64>,
) -> Result<i64> {
    let mut stmt = conn.prepare_cached(&insert_sql(1))?;
    bind_insert(&mut stmt, 0, ctx, tx, reverses)?;
    stmt.raw_execute()?;
    Ok(conn.last_insert_rowid())
}

/// Posts transactions whose balances the caller has already checked, as
/// [`post_checked`] does. It writes many rows to a statement, which makes
/// an import of 100,000 rows much faster.
pub(crate) fn post_checked_many(
    conn: &Connection,
    ctx: &Context,
    transactions: &[NewTransaction],
) -> Result<()> {
    for tx in transactions {
        check_shape(tx)?;
    }
    for chunk in transactions.chunks(ROWS_PER_INSERT) {
        let mut stmt = conn.prepare_cached(&insert_sql(chunk.len()))?;
        for (index, tx) in chunk.iter().enumerate() {
            bind_insert(&mut stmt, index * INSERT_WIDTH, ctx, tx, None)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

/// Builds an insert of `rows` transactions.
fn insert_sql(rows: usize) -> String {
    let row = format!("({})", vec!["?"; INSERT_WIDTH].join(", "));
    format!(
        "INSERT INTO share_transactions ({INSERT_COLUMNS}) VALUES {}",
        vec![row; rows].join(", ")
    )
}

/// Binds one row of an insert, whose first value is parameter `offset + 1`.
fn bind_insert(
    stmt: &mut rusqlite::Statement<'_>,
    offset: usize,
    ctx: &Context,
    tx: &NewTransaction,
    reverses: Option<i64>,
) -> Result<()> {
    stmt.raw_bind_parameter(offset + 1, tx.member_id)?;
    stmt.raw_bind_parameter(offset + 2, tx.date)?;
    stmt.raw_bind_parameter(offset + 3, tx.kind.as_str())?;
    stmt.raw_bind_parameter(offset + 4, tx.shares)?;
    stmt.raw_bind_parameter(offset + 5, tx.to_member_id)?;
    stmt.raw_bind_parameter(offset + 6, tx.payment.map(Payment::as_str))?;
    stmt.raw_bind_parameter(offset + 7, tx.amount)?;
    stmt.raw_bind_parameter(offset + 8, &tx.receipt_no)?;
    stmt.raw_bind_parameter(offset + 9, reverses)?;
    stmt.raw_bind_parameter(offset + 10, &tx.note)?;
    stmt.raw_bind_parameter(offset + 11, tx.source.as_str())?;
    stmt.raw_bind_parameter(offset + 12, tx.import_id)?;
    stmt.raw_bind_parameter(offset + 13, tx.import_row)?;
    stmt.raw_bind_parameter(offset + 14, &ctx.operator)?;
    stmt.raw_bind_parameter(offset + 15, ctx.timestamp())?;
    Ok(())
}

/// Shares leaving the giving member: the whole amount for a withdrawal or
/// transfer, nothing otherwise.
fn outgoing(tx: &NewTransaction) -> i64 {
    match tx.kind {
        Kind::Withdrawal | Kind::Transfer => tx.shares,
        Kind::Opening | Kind::Purchase => 0,
    }
}

fn check_shape(tx: &NewTransaction) -> Result<()> {
    if tx.shares <= 0 {
        return Err(Error::rule(
            "shares_not_positive",
            format!(
                "a share transaction needs a number of shares above zero, not {}",
                tx.shares
            ),
        ));
    }
    if (tx.kind == Kind::Transfer) != tx.to_member_id.is_some() {
        return Err(Error::rule(
            "transfer_needs_receiver",
            "a transfer names the receiving member",
        ));
    }
    if tx.to_member_id == Some(tx.member_id) {
        return Err(Error::rule(
            "transfer_to_self",
            "a member cannot transfer shares to themself",
        ));
    }
    if (tx.kind == Kind::Purchase) != tx.payment.is_some() {
        return Err(Error::rule(
            "purchase_needs_payment",
            "a purchase states how it was paid",
        ));
    }
    Ok(())
}

/// Checks that changing `member_id`'s balance by `change` on `date` keeps
/// every balance from that date on at zero or above.
fn check_balances(conn: &Connection, member_id: i64, date: NaiveDate, change: i64) -> Result<()> {
    if change >= 0 {
        return Ok(());
    }
    let lowest = balance::lowest_balance_from(conn, member_id, date)?;
    if lowest + change < 0 {
        let member_no: String = conn.query_row(
            "SELECT member_no FROM members WHERE id = ?1",
            [member_id],
            |r| r.get(0),
        )?;
        return Err(Error::rule(
            "share_balance_negative",
            format!(
                "member {member_no} holds {lowest} shares on or after {}, fewer than the {} \
                 this would take away",
                crate::thai::date::format_numeric(date),
                -change
            ),
        ));
    }
    Ok(())
}

fn check_policy(conn: &Connection, tx: &NewTransaction) -> Result<()> {
    let policy = policy(conn)?;
    let after =
        |member_id: i64, delta: i64| -> Result<i64> { Ok(balance(conn, member_id)? + delta) };
    let (member, member_after) = match tx.kind {
        Kind::Withdrawal | Kind::Transfer => (tx.member_id, after(tx.member_id, -tx.shares)?),
        Kind::Opening | Kind::Purchase => (tx.member_id, after(tx.member_id, tx.shares)?),
    };
    let mut checks = vec![(member, member_after)];
    if let Some(receiver) = tx.to_member_id {
        checks.push((receiver, after(receiver, tx.shares)?));
    }
    for (member_id, shares) in checks {
        if shares > 0 && shares < policy.min_shares {
            return Err(Error::rule(
                "share_balance_below_minimum",
                format!(
                    "member {member_id} would hold {shares} shares, below the minimum of {}; \
                     withdraw all shares or keep at least the minimum",
                    policy.min_shares
                ),
            ));
        }
        if policy.max_shares > 0 && shares > policy.max_shares {
            return Err(Error::rule(
                "share_balance_above_maximum",
                format!(
                    "member {member_id} would hold {shares} shares, above the maximum of {}",
                    policy.max_shares
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
