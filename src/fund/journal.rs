//! The double-entry journal: entries of debit and credit lines that
//! balance, append-only, corrected by reversal.
//!
//! Balance is enforced three times: [`Posting::new`] accepts only lines
//! whose debits equal their credits, the database rejects a line that
//! takes either side of its entry past the entry's total, and [`check`]
//! finds any entry whose sides differ (an entry cut short by a failed
//! write would be one).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::years;
use crate::{Context, Error, Result, Satang};

/// Source kind of an entry made by hand, such as an opening balance.
pub const MANUAL: &str = "manual";

/// One line of a posting: an amount on the debit or the credit side of an
/// account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Account code.
    pub account: String,
    /// Debit amount, zero on a credit line.
    pub debit: Satang,
    /// Credit amount, zero on a debit line.
    pub credit: Satang,
    /// The member the line concerns.
    pub member_id: Option<i64>,
}

impl Line {
    /// A debit of `amount` to `account`.
    pub fn debit(account: &str, amount: Satang) -> Line {
        Line {
            account: account.to_string(),
            debit: amount,
            credit: Satang::ZERO,
            member_id: None,
        }
    }

    /// A credit of `amount` to `account`.
    pub fn credit(account: &str, amount: Satang) -> Line {
        Line {
            account: account.to_string(),
            debit: Satang::ZERO,
            credit: amount,
            member_id: None,
        }
    }

    /// The same line, naming the member it concerns.
    pub fn member(mut self, member_id: Option<i64>) -> Line {
        self.member_id = member_id;
        self
    }

    /// The line with its sides exchanged, as a reversal posts it.
    fn swapped(&self) -> Line {
        Line {
            account: self.account.clone(),
            debit: self.credit,
            credit: self.debit,
            member_id: self.member_id,
        }
    }
}

/// An entry ready to post: lines that balance, with a date, a description
/// and the record that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Posting {
    date: NaiveDate,
    description: String,
    source_kind: String,
    source_id: Option<i64>,
    reverses_id: Option<i64>,
    lines: Vec<Line>,
    total: Satang,
}

impl Posting {
    /// Builds a posting from `lines`, leaving out lines of zero.
    ///
    /// Fails with `journal_unbalanced` when the debits and credits differ,
    /// are zero, or when a line is negative or has both sides.
    pub fn new(date: NaiveDate, description: &str, lines: Vec<Line>) -> Result<Posting> {
        let lines: Vec<Line> = lines
            .into_iter()
            .filter(|line| line.debit != Satang::ZERO || line.credit != Satang::ZERO)
            .collect();
        let malformed = lines.iter().find(|line| {
            line.debit.is_negative()
                || line.credit.is_negative()
                || (line.debit != Satang::ZERO && line.credit != Satang::ZERO)
        });
        if let Some(line) = malformed {
            return Err(Error::rule(
                "journal_unbalanced",
                format!(
                    "a journal line to {} has debit {} and credit {}; give one positive side",
                    line.account, line.debit, line.credit
                ),
            ));
        }
        let debit: Satang = lines.iter().map(|line| line.debit).sum();
        let credit: Satang = lines.iter().map(|line| line.credit).sum();
        if debit != credit || debit == Satang::ZERO {
            return Err(Error::rule(
                "journal_unbalanced",
                format!("“{description}” debits {debit} baht and credits {credit} baht; the two sides must be equal and above zero"),
            ));
        }
        Ok(Posting {
            date,
            description: description.to_string(),
            source_kind: MANUAL.to_string(),
            source_id: None,
            reverses_id: None,
            lines,
            total: debit,
        })
    }

    /// The same posting, caused by record `id` of `kind`.
    pub fn source(mut self, kind: &str, id: i64) -> Posting {
        self.source_kind = kind.to_string();
        self.source_id = Some(id);
        self
    }

    /// The date it is posted on.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Its lines.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The amount on each side.
    pub fn total(&self) -> Satang {
        self.total
    }
}

/// A stored entry with its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Row id.
    pub id: i64,
    /// Posting date.
    pub date: NaiveDate,
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// What happened, in Thai.
    pub description: String,
    /// Kind of the record that caused it, or "manual".
    pub source_kind: String,
    /// Row id of that record.
    pub source_id: Option<i64>,
    /// The entry it reverses.
    pub reverses_id: Option<i64>,
    /// The amount on each side.
    pub total: Satang,
    /// Its lines.
    pub lines: Vec<Line>,
}

/// Posts an entry and returns its id.
///
/// Fails with `fiscal_year_closed` when the entry's date falls in a
/// closed fiscal year, and with `journal_source_posted` when its source
/// record already has an entry.
pub fn post(conn: &Connection, ctx: &Context, posting: &Posting) -> Result<i64> {
    let year_be = years::fiscal_year_of(conn, posting.date)?;
    if years::is_closed(conn, year_be)? {
        return Err(closed_year(year_be, posting.date));
    }
    insert(conn, ctx, posting, year_be)
}

/// Posts an entry on its date, or when that falls in a closed fiscal year
/// on the first day of the next open one, for records that the registers
/// date in the past (a share reversal takes its original's date, an
/// import brings old history). Returns the entry's id.
pub(crate) fn post_in_open_year(
    conn: &Connection,
    ctx: &Context,
    posting: &Posting,
) -> Result<i64> {
    let date = years::first_open_date(conn, posting.date)?;
    if date == posting.date {
        return post(conn, ctx, posting);
    }
    let mut moved = posting.clone();
    moved.description = format!(
        "{} (รายการวันที่ {} ซึ่งปิดบัญชีแล้ว)",
        posting.description,
        crate::thai::date::format_numeric(posting.date)
    );
    moved.date = date;
    post(conn, ctx, &moved)
}

fn closed_year(year_be: i32, date: NaiveDate) -> Error {
    Error::rule(
        "fiscal_year_closed",
        format!(
            "the fiscal year {year_be} is closed, so nothing can be posted on {}; date the entry in an open year",
            crate::thai::date::format_numeric(date)
        ),
    )
}

fn insert(conn: &Connection, ctx: &Context, posting: &Posting, year_be: i32) -> Result<i64> {
    if let Some(id) = posting.source_id {
        if let Some(existing) = entry_for_source(conn, &posting.source_kind, id)? {
            return Err(Error::rule(
                "journal_source_posted",
                format!(
                    "{} {id} is already posted as journal entry {existing}",
                    posting.source_kind
                ),
            ));
        }
    }
    conn.prepare_cached(
        "INSERT INTO journal_entries (date, year_be, description, source_kind, source_id,
            reverses_id, total_satang, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params![
        posting.date,
        year_be,
        posting.description,
        posting.source_kind,
        posting.source_id,
        posting.reverses_id,
        posting.total,
        ctx.operator,
        ctx.timestamp(),
    ])?;
    let id = conn.last_insert_rowid();
    let mut insert_line = conn.prepare_cached(
        "INSERT INTO journal_lines (entry_id, account_code, debit_satang, credit_satang, member_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for line in &posting.lines {
        insert_line.execute(rusqlite::params![
            id,
            line.account,
            line.debit,
            line.credit,
            line.member_id
        ])?;
    }
    Ok(id)
}

/// Finds the entry that record `id` of `kind` caused.
pub fn entry_for_source(conn: &Connection, kind: &str, id: i64) -> Result<Option<i64>> {
    let entry = conn
        .prepare_cached("SELECT id FROM journal_entries WHERE source_kind = ?1 AND source_id = ?2")?
        .query_row((kind, id), |row| row.get(0))
        .optional()?;
    Ok(entry)
}

/// Reads an entry with its lines.
pub fn get_entry(conn: &Connection, id: i64) -> Result<Entry> {
    let entry = conn
        .prepare_cached(
            "SELECT id, date, year_be, description, source_kind, source_id, reverses_id,
                    total_satang
             FROM journal_entries WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(Entry {
                id: row.get(0)?,
                date: row.get(1)?,
                year_be: row.get(2)?,
                description: row.get(3)?,
                source_kind: row.get(4)?,
                source_id: row.get(5)?,
                reverses_id: row.get(6)?,
                total: row.get(7)?,
                lines: Vec::new(),
            })
        })
        .optional()?;
    let mut entry = entry.ok_or_else(|| Error::NotFound {
        what: "journal entry",
        key: id.to_string(),
    })?;
    entry.lines = entry_lines(conn, id)?;
    Ok(entry)
}

fn entry_lines(conn: &Connection, id: i64) -> Result<Vec<Line>> {
    let mut stmt = conn.prepare_cached(
        "SELECT account_code, debit_satang, credit_satang, member_id FROM journal_lines
         WHERE entry_id = ?1 ORDER BY id",
    )?;
    let lines = stmt.query_map([id], |row| {
        Ok(Line {
            account: row.get(0)?,
            debit: row.get(1)?,
            credit: row.get(2)?,
            member_id: row.get(3)?,
        })
    })?;
    Ok(lines.collect::<rusqlite::Result<_>>()?)
}

/// The reversal of entry `id`, dated `date`: the same lines with their
/// sides exchanged, caused by record `source_id` of `source_kind`.
///
/// Fails with `journal_entry_reversed` when the entry is a reversal or
/// already reversed.
pub fn reversal(
    conn: &Connection,
    id: i64,
    date: NaiveDate,
    source_kind: &str,
    source_id: i64,
) -> Result<Posting> {
    let original = get_entry(conn, id)?;
    let reversed: Option<i64> = conn
        .prepare_cached("SELECT id FROM journal_entries WHERE reverses_id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?;
    if original.reverses_id.is_some() || reversed.is_some() {
        return Err(Error::rule(
            "journal_entry_reversed",
            format!("journal entry {id} is a reversal or already reversed"),
        ));
    }
    let lines = original.lines.iter().map(Line::swapped).collect();
    let description = format!("กลับรายการ: {}", original.description);
    let mut posting = Posting::new(date, &description, lines)?.source(source_kind, source_id);
    posting.reverses_id = Some(id);
    Ok(posting)
}

/// An entry whose sides do not balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unbalanced {
    /// The entry.
    pub entry_id: i64,
    /// Its stated total.
    pub total: Satang,
    /// The sum of its debit lines.
    pub debit: Satang,
    /// The sum of its credit lines.
    pub credit: Satang,
}

/// Finds the lowest end-of-day balance (debits less credits) of one
/// account over the whole journal, with its date, when it falls below
/// zero, and the date of the journal's first entry. For cash, a balance
/// below zero means cash the fund held before its records was never
/// posted.
pub fn lowest_balance(conn: &Connection, account_code: &str) -> Result<Option<LowestBalance>> {
    let mut stmt = conn.prepare(
        "SELECT e.date, sum(l.debit_satang - l.credit_satang) FROM journal_lines l
         JOIN journal_entries e ON e.id = l.entry_id
         WHERE l.account_code = ?1 GROUP BY e.date ORDER BY e.date",
    )?;
    let days = stmt.query_map([account_code], |row| {
        Ok((row.get::<_, NaiveDate>(0)?, row.get::<_, i64>(1)?))
    })?;
    let mut balance = 0;
    let mut lowest: Option<(i64, NaiveDate)> = None;
    for day in days {
        let (date, change) = day?;
        balance += change;
        if balance < lowest.map_or(0, |(held, _)| held) {
            lowest = Some((balance, date));
        }
    }
    let Some((held, date)) = lowest else {
        return Ok(None);
    };
    let first: NaiveDate = conn.query_row("SELECT min(date) FROM journal_entries", [], |row| {
        row.get(0)
    })?;
    Ok(Some(LowestBalance {
        balance: Satang(held),
        date,
        first_entry: first,
    }))
}

/// The lowest point of an account's balance, from [`lowest_balance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LowestBalance {
    /// The balance, below zero.
    pub balance: Satang,
    /// The day it is reached.
    pub date: NaiveDate,
    /// The date of the journal's first entry.
    pub first_entry: NaiveDate,
}

/// Finds every entry whose debit lines, credit lines and total are not
/// all equal. An empty list means the whole journal balances.
pub fn check(conn: &Connection) -> Result<Vec<Unbalanced>> {
    let mut stmt = conn.prepare(
        "SELECT e.id, e.total_satang, coalesce(sum(l.debit_satang), 0),
                coalesce(sum(l.credit_satang), 0)
         FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id
         GROUP BY e.id
         HAVING coalesce(sum(l.debit_satang), 0) <> e.total_satang
             OR coalesce(sum(l.credit_satang), 0) <> e.total_satang
         ORDER BY e.id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Unbalanced {
            entry_id: row.get(0)?,
            total: row.get(1)?,
            debit: row.get(2)?,
            credit: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Fails with `journal_unbalanced` when [`check`] finds an entry that
/// does not balance, naming the first.
pub fn ensure_balanced(conn: &Connection) -> Result<()> {
    let unbalanced = check(conn)?;
    match unbalanced.first() {
        None => Ok(()),
        Some(first) => Err(Error::rule(
            "journal_unbalanced",
            format!(
                "{} journal entries do not balance; entry {} has total {}, debits {} and credits {}",
                unbalanced.len(),
                first.entry_id,
                first.total,
                first.debit,
                first.credit
            ),
        )),
    }
}

/// Posts an entry made by hand, such as the cash on hand when the fund
/// starts using Chumchon, after checking that every account exists.
/// Returns the entry's id.
pub fn post_manual(
    conn: &Connection,
    ctx: &Context,
    date: NaiveDate,
    description: &str,
    lines: Vec<Line>,
) -> Result<i64> {
    for line in &lines {
        let known: Option<String> = conn
            .prepare_cached("SELECT code FROM accounts WHERE code = ?1")?
            .query_row([&line.account], |row| row.get(0))
            .optional()?;
        if known.is_none() {
            return Err(Error::NotFound {
                what: "account",
                key: line.account.clone(),
            });
        }
    }
    let posting = Posting::new(date, description, lines)?;
    let id = post(conn, ctx, &posting)?;
    crate::audit::record(
        conn,
        ctx,
        crate::audit::Change::insert("journal_entries", id, &posting),
    )?;
    Ok(id)
}

/// Lists the entries dated from `from` to `to`, oldest first, with their
/// lines.
pub fn entries(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Entry>> {
    let mut stmt = conn
        .prepare("SELECT id FROM journal_entries WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id")?;
    let ids: Vec<i64> = stmt
        .query_map((from, to), |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_entry(conn, id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::accounts::{CASH, MEMBERS_SAVINGS, SHARE_CAPITAL};
    use crate::test_support::{context, date};
    use proptest::prelude::*;

    fn cash_in(amount: i64) -> Vec<Line> {
        vec![
            Line::debit(CASH, Satang(amount)),
            Line::credit(SHARE_CAPITAL, Satang(amount)),
        ]
    }

    #[test]
    fn posting_rejects_unbalanced_lines() {
        let lines = vec![
            Line::debit(CASH, Satang(100)),
            Line::credit(SHARE_CAPITAL, Satang(99)),
        ];

        let result = Posting::new(date(2024, 1, 1), "test", lines);

        assert_eq!(result.err().map(|e| e.code()), Some("journal_unbalanced"));
    }

    #[test]
    fn posting_rejects_negative_and_empty_lines() {
        let negative = vec![
            Line::debit(CASH, Satang(-100)),
            Line::credit(SHARE_CAPITAL, Satang(-100)),
        ];
        let empty = vec![Line::debit(CASH, Satang::ZERO)];

        let negative = Posting::new(date(2024, 1, 1), "test", negative);
        let empty = Posting::new(date(2024, 1, 1), "test", empty);

        assert_eq!(negative.err().map(|e| e.code()), Some("journal_unbalanced"));
        assert_eq!(empty.err().map(|e| e.code()), Some("journal_unbalanced"));
    }

    #[test]
    fn posted_entry_reads_back() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let posting = Posting::new(date(2024, 3, 1), "ทุน", cash_in(5_000))?;

        let id = post(&conn, &context(), &posting)?;
        let entry = get_entry(&conn, id)?;

        assert_eq!(entry.year_be, 2567);
        assert_eq!(entry.total, Satang(5_000));
        assert_eq!(entry.lines.len(), 2);
        assert!(check(&conn)?.is_empty(), "the journal balances");
        Ok(())
    }

    #[test]
    fn entries_are_append_only() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let id = post(
            &conn,
            &context(),
            &Posting::new(date(2024, 3, 1), "ทุน", cash_in(5_000))?,
        )?;

        let update = conn.execute(
            "UPDATE journal_lines SET debit_satang = 1 WHERE entry_id = ?1",
            [id],
        );
        let delete = conn.execute("DELETE FROM journal_entries WHERE id = ?1", [id]);

        assert!(update.is_err(), "a line cannot change");
        assert!(delete.is_err(), "an entry cannot be deleted");
        Ok(())
    }

    #[test]
    fn database_rejects_line_beyond_total() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let id = post(
            &conn,
            &context(),
            &Posting::new(date(2024, 3, 1), "ทุน", cash_in(5_000))?,
        )?;

        let extra = conn.execute(
            "INSERT INTO journal_lines (entry_id, account_code, debit_satang, credit_satang)
             VALUES (?1, ?2, 1, 0)",
            (id, CASH),
        );

        assert!(extra.is_err(), "a complete entry takes no further line");
        Ok(())
    }

    #[test]
    fn check_finds_entry_cut_short() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        conn.execute(
            "INSERT INTO journal_entries (date, year_be, description, source_kind, total_satang,
                operator, created_at)
             VALUES ('2024-01-01', 2567, 'cut short', 'manual', 100, 'test', '2025-01-01T00:00:00')",
            [],
        )?;
        let id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO journal_lines (entry_id, account_code, debit_satang, credit_satang)
             VALUES (?1, ?2, 100, 0)",
            (id, CASH),
        )?;

        let unbalanced = check(&conn)?;

        assert_eq!(unbalanced.len(), 1, "one entry lacks its credit");
        assert_eq!(
            ensure_balanced(&conn).err().map(|e| e.code()),
            Some("journal_unbalanced")
        );
        Ok(())
    }

    #[test]
    fn reversal_mirrors_the_entry() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let lines = vec![
            Line::debit(CASH, Satang(700)),
            Line::credit(MEMBERS_SAVINGS, Satang(700)).member(None),
        ];
        let id = post(&conn, &ctx, &Posting::new(date(2024, 3, 1), "ฝาก", lines)?)?;

        let reversal = reversal(&conn, id, date(2024, 3, 2), "test", 1)?;
        let reversal_id = post(&conn, &ctx, &reversal)?;
        let again = super::reversal(&conn, id, date(2024, 3, 2), "test", 2);

        let entry = get_entry(&conn, reversal_id)?;
        assert_eq!(entry.reverses_id, Some(id));
        assert_eq!(entry.lines[0].credit, Satang(700), "cash is credited back");
        assert_eq!(
            again.err().map(|e| e.code()),
            Some("journal_entry_reversed")
        );
        Ok(())
    }

    #[test]
    fn source_is_posted_once() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let posting = Posting::new(date(2024, 3, 1), "ทุน", cash_in(100))?.source("test", 7);

        post(&conn, &ctx, &posting)?;
        let again = post(&conn, &ctx, &posting);

        assert_eq!(again.err().map(|e| e.code()), Some("journal_source_posted"));
        assert!(
            entry_for_source(&conn, "test", 7)?.is_some(),
            "the first post stays"
        );
        Ok(())
    }

    #[test]
    fn manual_entry_needs_known_accounts() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let lines = vec![
            Line::debit("9999", Satang(100)),
            Line::credit(CASH, Satang(100)),
        ];

        let result = post_manual(&conn, &context(), date(2024, 1, 1), "x", lines);

        assert_eq!(result.err().map(|e| e.code()), Some("not_found"));
        Ok(())
    }

    fn side() -> impl Strategy<Value = (bool, i64)> {
        (any::<bool>(), 1i64..10_000_000)
    }

    proptest! {
        #[test]
        fn every_posting_balances(sides in prop::collection::vec(side(), 1..8)) {
            // Lines of random sides and amounts, evened out by one line to
            // cash: a posting that balances is accepted and stays balanced,
            // and one that does not is rejected.
            let mut lines: Vec<Line> = sides
                .iter()
                .map(|(debit, amount)| {
                    if *debit {
                        Line::debit(SHARE_CAPITAL, Satang(*amount))
                    } else {
                        Line::credit(SHARE_CAPITAL, Satang(*amount))
                    }
                })
                .collect();
            let unbalanced = Posting::new(date(2024, 1, 1), "x", lines.clone());
            let difference: i64 = sides
                .iter()
                .map(|(debit, amount)| if *debit { *amount } else { -*amount })
                .sum();
            if difference != 0 {
                prop_assert!(unbalanced.is_err(), "uneven lines are rejected");
            }
            if difference > 0 {
                lines.push(Line::credit(CASH, Satang(difference)));
            } else if difference < 0 {
                lines.push(Line::debit(CASH, Satang(-difference)));
            }
            let conn = crate::db::open_in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
            match Posting::new(date(2024, 1, 1), "x", lines) {
                Ok(posting) => {
                    let debit: Satang = posting.lines().iter().map(|l| l.debit).sum();
                    let credit: Satang = posting.lines().iter().map(|l| l.credit).sum();
                    prop_assert_eq!(debit, credit);
                    post(&conn, &context(), &posting).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let unbalanced = check(&conn).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert!(unbalanced.is_empty());
                }
                Err(error) => prop_assert_eq!(error.code(), "journal_unbalanced"),
            }
        }
    }
}
