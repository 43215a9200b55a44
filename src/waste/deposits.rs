//! Deposits: recyclables brought to a collection point, weighed and paid
//! for in cash or in plastic credit. Each line of a deposit is a lot that
//! keeps where its kilograms came from until a sale takes them.
//!
//! Deposits are append-only. A correction is a reversal: a new deposit
//! with the same lots negated, dated like the original so that month
//! totals read as if the mistake had never been made.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Statement};
use serde::{Deserialize, Serialize};

use super::credit;
use super::prices::settle_price;
use super::units::line_value;
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

/// Who brought a deposit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Depositor {
    /// A member, by row id.
    Member(i64),
    /// A household that is not a member, by name or address.
    Household(String),
}

/// How a deposit is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepositPayment {
    /// Paid in cash at the point.
    Cash,
    /// Added to the member's plastic-credit account.
    Credit,
    /// Not paid: kilograms a collector's round delivered, paid as the
    /// round's pay.
    None,
}

impl DepositPayment {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DepositPayment::Cash => "cash",
            DepositPayment::Credit => "credit",
            DepositPayment::None => "none",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<DepositPayment> {
        match text {
            "cash" => Some(DepositPayment::Cash),
            "credit" => Some(DepositPayment::Credit),
            "none" => Some(DepositPayment::None),
            _ => None,
        }
    }
}

/// One material of a deposit to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewLine {
    /// Material row id.
    pub material_id: i64,
    /// Weight in grams, above zero.
    pub grams: i64,
    /// Price in satang a kilogram; `None` takes the members' price list on
    /// the deposit's date.
    pub satang_per_kg: Option<i64>,
    /// The value paid, when a legacy row states one; `None` computes
    /// weight × price, rounded half up to the satang.
    pub value: Option<Satang>,
}

/// A deposit to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewDeposit {
    /// Who brought it.
    pub depositor: Depositor,
    /// Collection point row id.
    pub point_id: i64,
    /// Date weighed.
    pub date: NaiveDate,
    /// How it is paid.
    pub payment: DepositPayment,
    /// Identifier of the weighing scale.
    pub scale_id: Option<String>,
    /// Who weighed it.
    pub weighed_by: Option<String>,
    /// Receipt number, where the office numbers receipts.
    pub receipt_no: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// The materials, at least one.
    pub lines: Vec<NewLine>,
}

/// A lot: one material of a stored deposit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lot {
    /// Row id.
    pub id: i64,
    /// Material row id.
    pub material_id: i64,
    /// Material code.
    pub material: String,
    /// Material's Thai name.
    pub material_name: String,
    /// Weight in grams; negative in a reversal.
    pub grams: i64,
    /// Price in satang a kilogram.
    pub satang_per_kg: i64,
    /// Value paid; negative in a reversal.
    pub value: Satang,
}

/// A stored deposit with its lots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deposit {
    /// Row id.
    pub id: i64,
    /// Member row id, for a member's deposit.
    pub member_id: Option<i64>,
    /// Member number.
    pub member_no: Option<String>,
    /// Member's title, first and last name.
    pub member_name: Option<String>,
    /// Household, for a deposit without a member.
    pub household: Option<String>,
    /// The round record that delivered it, for a collector's delivery.
    pub round_record_id: Option<i64>,
    /// Collection point row id.
    pub point_id: i64,
    /// Collection point's name.
    pub point: String,
    /// The point's community.
    pub community: String,
    /// Date weighed.
    pub date: NaiveDate,
    /// How it was paid.
    pub payment: DepositPayment,
    /// Weighing scale.
    pub scale_id: Option<String>,
    /// Who weighed it.
    pub weighed_by: Option<String>,
    /// Receipt number.
    pub receipt_no: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// The deposit this one reverses.
    pub reverses_id: Option<i64>,
    /// The reversal that cancelled this deposit, if any.
    pub reversed_by: Option<i64>,
    /// Operator who recorded it.
    pub operator: String,
    /// The lots.
    pub lots: Vec<Lot>,
    /// Sum of the lots' values.
    pub total: Satang,
}

/// A deposit as the import and [`record_deposit`] write it: every price
/// and value settled.
pub(crate) struct Posting<'a> {
    pub member_id: Option<i64>,
    pub household: Option<&'a str>,
    pub round_record_id: Option<i64>,
    pub point_id: i64,
    pub date: NaiveDate,
    pub payment: DepositPayment,
    pub scale_id: Option<&'a str>,
    pub weighed_by: Option<&'a str>,
    pub receipt_no: Option<&'a str>,
    pub note: Option<&'a str>,
    /// Material id, grams, price and value of each lot.
    pub lots: &'a [SettledLot],
    /// Import id, sheet row and row key, for an imported row.
    pub import: Option<(i64, u32, &'a str)>,
}

/// Records a deposit and returns its id. A deposit paid in credit adds its
/// value to the member's plastic-credit account.
///
/// Fails when it has no lines, a weight is not above zero, a line has no
/// price and the members' price list has none for its material on the
/// date, or a household's deposit is to be paid in credit.
pub fn record_deposit(conn: &Connection, ctx: &Context, deposit: &NewDeposit) -> Result<i64> {
    if deposit.lines.is_empty() {
        return Err(Error::rule(
            "deposit_without_lines",
            "a deposit needs at least one material and weight",
        ));
    }
    let mut lots = Vec::with_capacity(deposit.lines.len());
    for line in &deposit.lines {
        lots.push(settle_line(conn, line, deposit.date)?);
    }
    let (member_id, household) = match &deposit.depositor {
        Depositor::Member(id) => (Some(*id), None),
        Depositor::Household(name) if !name.trim().is_empty() => (None, Some(name.trim())),
        Depositor::Household(_) => {
            return Err(Error::rule(
                "depositor_missing",
                "a deposit names a member or a household",
            ))
        }
    };
    if member_id.is_none() && deposit.payment == DepositPayment::Credit {
        return Err(Error::rule(
            "credit_needs_member",
            "only a member has a plastic-credit account; pay a household's deposit in cash",
        ));
    }
    let posting = Posting {
        member_id,
        household,
        round_record_id: None,
        point_id: deposit.point_id,
        date: deposit.date,
        payment: deposit.payment,
        scale_id: deposit.scale_id.as_deref(),
        weighed_by: deposit.weighed_by.as_deref(),
        receipt_no: deposit.receipt_no.as_deref(),
        note: deposit.note.as_deref(),
        lots: &lots,
        import: None,
    };
    let id = post(conn, ctx, &posting)?;
    audit::record(
        conn,
        ctx,
        Change::insert("waste_deposits", id, &get_deposit(conn, id)?),
    )?;
    Ok(id)
}

/// Settles a line's price and value.
fn settle_line(
    conn: &Connection,
    line: &NewLine,
    date: NaiveDate,
) -> Result<(i64, i64, i64, Satang)> {
    let material = super::materials::material_by_id(conn, line.material_id)?;
    let price = settle_price(conn, &material, line.grams, line.satang_per_kg, None, date)?;
    let value = line.value.unwrap_or_else(|| line_value(line.grams, price));
    Ok((material.id, line.grams, price, value))
}

/// Writes a settled deposit, its lots and its credit, without an audit
/// entry: [`record_deposit`] audits it, and an import records itself as a
/// whole. Returns the deposit's id.
pub(crate) fn post(conn: &Connection, ctx: &Context, deposit: &Posting<'_>) -> Result<i64> {
    post_many(conn, ctx, std::slice::from_ref(deposit))
}

/// Writes settled deposits as [`post`] writes one, many rows to a
/// statement, and returns the id of the first. The deposits get
/// consecutive ids in slice order, starting above the highest id in the
/// table: the ids SQLite would give them one by one, because
/// `waste_deposits.id` is an INTEGER PRIMARY KEY without AUTOINCREMENT.
pub(crate) fn post_many(conn: &Connection, ctx: &Context, deposits: &[Posting<'_>]) -> Result<i64> {
    let first_id: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM waste_deposits")?
        .query_row([], |row| row.get(0))?;
    insert_rows(
        conn,
        DEPOSIT_INSERT,
        deposits.len(),
        |stmt, offset, index| {
            let id = first_id + index as i64;
            bind_deposit(stmt, offset, ctx, id, &deposits[index])
        },
    )?;
    let with_ids = || (first_id..).zip(deposits);
    let lots: Vec<(i64, &Posting<'_>, &SettledLot)> = with_ids()
        .flat_map(|(id, deposit)| deposit.lots.iter().map(move |lot| (id, deposit, lot)))
        .collect();
    insert_rows(conn, LOT_INSERT, lots.len(), |stmt, offset, index| {
        let (id, deposit, lot) = lots[index];
        bind_lot(stmt, offset, id, deposit, lot)
    })?;
    let credits: Vec<credit::DepositCredit> = with_ids()
        .filter_map(|(id, deposit)| deposit_credit(id, deposit))
        .collect();
    credit::credit_deposits(conn, ctx, &credits)?;
    Ok(first_id)
}

/// Material id, grams, price in satang a kilogram and value of a lot.
pub(crate) type SettledLot = (i64, i64, i64, Satang);

/// Builds the credit entry of a deposit paid in credit, or `None` for a
/// deposit paid otherwise or worth nothing.
fn deposit_credit(id: i64, deposit: &Posting<'_>) -> Option<credit::DepositCredit> {
    let member_id = deposit.member_id?;
    let total: Satang = deposit.lots.iter().map(|(_, _, _, value)| *value).sum();
    (deposit.payment == DepositPayment::Credit && total.satang() > 0).then_some(
        credit::DepositCredit {
            member_id,
            date: deposit.date,
            amount: total,
            deposit_id: id,
        },
    )
}

/// The insert of a deposit: table and columns, and how many values a row
/// binds.
const DEPOSIT_INSERT: (&str, usize) = (
    "waste_deposits (id, member_id, household, round_record_id, point_id, date, payment,
        scale_id, weighed_by, receipt_no, note, import_id, import_row, import_key, operator,
        created_at)",
    16,
);

/// The insert of a lot, as [`DEPOSIT_INSERT`].
const LOT_INSERT: (&str, usize) = (
    "waste_lots (deposit_id, date, point_id, member_id, material_id, grams, satang_per_kg,
        value_satang)",
    8,
);

fn bind_deposit(
    stmt: &mut Statement<'_>,
    offset: usize,
    ctx: &Context,
    id: i64,
    deposit: &Posting<'_>,
) -> Result<()> {
    let (import_id, import_row, import_key) = match deposit.import {
        Some((id, row, key)) => (Some(id), Some(row), Some(key)),
        None => (None, None, None),
    };
    stmt.raw_bind_parameter(offset + 1, id)?;
    stmt.raw_bind_parameter(offset + 2, deposit.member_id)?;
    stmt.raw_bind_parameter(offset + 3, deposit.household)?;
    stmt.raw_bind_parameter(offset + 4, deposit.round_record_id)?;
    stmt.raw_bind_parameter(offset + 5, deposit.point_id)?;
    stmt.raw_bind_parameter(offset + 6, deposit.date)?;
    stmt.raw_bind_parameter(offset + 7, deposit.payment.as_str())?;
    stmt.raw_bind_parameter(offset + 8, deposit.scale_id)?;
    stmt.raw_bind_parameter(offset + 9, deposit.weighed_by)?;
    stmt.raw_bind_parameter(offset + 10, deposit.receipt_no)?;
    stmt.raw_bind_parameter(offset + 11, deposit.note)?;
    stmt.raw_bind_parameter(offset + 12, import_id)?;
    stmt.raw_bind_parameter(offset + 13, import_row)?;
    stmt.raw_bind_parameter(offset + 14, import_key)?;
    stmt.raw_bind_parameter(offset + 15, &ctx.operator)?;
    stmt.raw_bind_parameter(offset + 16, ctx.timestamp())?;
    Ok(())
}

fn bind_lot(
    stmt: &mut Statement<'_>,
    offset: usize,
    deposit_id: i64,
    deposit: &Posting<'_>,
    (material_id, grams, price, value): &SettledLot,
) -> Result<()> {
    stmt.raw_bind_parameter(offset + 1, deposit_id)?;
    stmt.raw_bind_parameter(offset + 2, deposit.date)?;
    stmt.raw_bind_parameter(offset + 3, deposit.point_id)?;
    stmt.raw_bind_parameter(offset + 4, deposit.member_id)?;
    stmt.raw_bind_parameter(offset + 5, material_id)?;
    stmt.raw_bind_parameter(offset + 6, grams)?;
    stmt.raw_bind_parameter(offset + 7, price)?;
    stmt.raw_bind_parameter(offset + 8, value)?;
    Ok(())
}

/// How many rows [`insert_rows`] writes with one statement. For a
/// statement of several rows SQLite copies each page it changes into a
/// statement journal, because a foreign key may fail after some rows are
/// written, so it pays off only for rows sorted to change few pages. On a
/// 100,000-row deposit log, 64 deposits a statement sorted by member were
/// about a fifth faster than one a statement, and unsorted ones slower.
const ROWS_PER_INSERT: usize = 64;

/// Inserts `count` rows, [`ROWS_PER_INSERT`] to a statement. `into` is the
/// table with its columns and the number of values a row binds; `bind`
/// binds row `index` from parameter `offset + 1`.
pub(super) fn insert_rows(
    conn: &Connection,
    (into, width): (&str, usize),
    count: usize,
    mut bind: impl FnMut(&mut Statement<'_>, usize, usize) -> Result<()>,
) -> Result<()> {
    let placeholders = format!("({})", vec!["?"; width].join(", "));
    let mut start = 0;
    while start < count {
        let rows = (count - start).min(ROWS_PER_INSERT);
        let values = vec![placeholders.as_str(); rows].join(", ");
        let mut stmt = conn.prepare_cached(&format!("INSERT INTO {into} VALUES {values}"))?;
        for row in 0..rows {
            bind(&mut stmt, row * width, start + row)?;
        }
        stmt.raw_execute()?;
        start += rows;
    }
    Ok(())
}

/// Reverses a deposit: posts a deposit with the same lots negated and, for
/// a deposit paid in credit, takes its credit back. Returns the reversal's
/// id.
///
/// Fails when the deposit is a reversal or already reversed, when any of
/// its kilograms were sold (reverse the sale first), or when its credit
/// was already converted or paid out.
pub fn reverse_deposit(conn: &Connection, ctx: &Context, id: i64, note: &str) -> Result<i64> {
    let original = get_deposit(conn, id)?;
    if original.reverses_id.is_some() {
        return Err(Error::rule(
            "reversal_of_reversal",
            format!("deposit {id} is a reversal"),
        ));
    }
    if original.reversed_by.is_some() {
        return Err(Error::rule(
            "already_reversed",
            format!("deposit {id} is already reversed"),
        ));
    }
    let sold: i64 = conn.query_row(
        "SELECT coalesce(sum(a.grams), 0) FROM waste_lot_allocations a
         JOIN waste_lots l ON l.id = a.lot_id WHERE l.deposit_id = ?1",
        [id],
        |row| row.get(0),
    )?;
    if sold != 0 {
        return Err(Error::rule(
            "deposit_sold",
            format!(
                "{} kg of deposit {id} were sold; reverse the sale before the deposit",
                super::units::format_kg(sold)
            ),
        ));
    }
    conn.execute(
        "INSERT INTO waste_deposits (member_id, household, round_record_id, point_id, date,
            payment, scale_id, weighed_by, receipt_no, reverses_id, note, operator, created_at)
         SELECT member_id, household, round_record_id, point_id, date, payment, scale_id,
                weighed_by, receipt_no, id, ?2, ?3, ?4
         FROM waste_deposits WHERE id = ?1",
        rusqlite::params![id, note, ctx.operator, ctx.timestamp()],
    )?;
    let reversal = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO waste_lots (deposit_id, date, point_id, member_id, material_id, grams,
            satang_per_kg, value_satang, reverses_lot_id)
         SELECT ?2, date, point_id, member_id, material_id, -grams, satang_per_kg,
                -value_satang, id
         FROM waste_lots WHERE deposit_id = ?1 ORDER BY id",
        (id, reversal),
    )?;
    if original.payment == DepositPayment::Credit {
        credit::reverse_deposit_credit(conn, ctx, &original, reversal)?;
    }
    audit::record(
        conn,
        ctx,
        Change::insert("waste_deposits", reversal, &get_deposit(conn, reversal)?),
    )?;
    Ok(reversal)
}

const DEPOSIT_COLUMNS: &str = "d.id, d.member_id, m.member_no, m.title, m.first_name, m.last_name,
    d.household, d.round_record_id, d.point_id, p.name, c.name, d.date, d.payment, d.scale_id,
    d.weighed_by, d.receipt_no, d.note, d.reverses_id,
    (SELECT r.id FROM waste_deposits r WHERE r.reverses_id = d.id), d.operator
    FROM waste_deposits d
    JOIN waste_points p ON p.id = d.point_id
    JOIN communities c ON c.id = p.community_id
    LEFT JOIN members m ON m.id = d.member_id";

fn deposit_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Deposit> {
    let member_no: Option<String> = row.get(2)?;
    let member_name = match &member_no {
        Some(_) => Some(crate::members::full_name(
            &row.get::<_, String>(3)?,
            &row.get::<_, String>(4)?,
            &row.get::<_, String>(5)?,
        )),
        None => None,
    };
    let payment: String = row.get(12)?;
    Ok(Deposit {
        id: row.get(0)?,
        member_id: row.get(1)?,
        member_no,
        member_name,
        household: row.get(6)?,
        round_record_id: row.get(7)?,
        point_id: row.get(8)?,
        point: row.get(9)?,
        community: row.get(10)?,
        date: row.get(11)?,
        payment: DepositPayment::parse(&payment).unwrap_or(DepositPayment::Cash),
        scale_id: row.get(13)?,
        weighed_by: row.get(14)?,
        receipt_no: row.get(15)?,
        note: row.get(16)?,
        reverses_id: row.get(17)?,
        reversed_by: row.get(18)?,
        operator: row.get(19)?,
        lots: Vec::new(),
        total: Satang::ZERO,
    })
}

/// Reads a deposit with its lots.
pub fn get_deposit(conn: &Connection, id: i64) -> Result<Deposit> {
    let mut deposit = conn
        .prepare_cached(&format!("SELECT {DEPOSIT_COLUMNS} WHERE d.id = ?1"))?
        .query_row([id], deposit_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "deposit",
            key: id.to_string(),
        })?;
    deposit.lots = lots_of(conn, id)?;
    deposit.total = deposit.lots.iter().map(|lot| lot.value).sum();
    Ok(deposit)
}

fn lots_of(conn: &Connection, deposit_id: i64) -> Result<Vec<Lot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.material_id, m.code, m.name_th, l.grams, l.satang_per_kg, l.value_satang
         FROM waste_lots l JOIN waste_materials m ON m.id = l.material_id
         WHERE l.deposit_id = ?1 ORDER BY l.id",
    )?;
    let rows = stmt.query_map([deposit_id], |row| {
        Ok(Lot {
            id: row.get(0)?,
            material_id: row.get(1)?,
            material: row.get(2)?,
            material_name: row.get(3)?,
            grams: row.get(4)?,
            satang_per_kg: row.get(5)?,
            value: Satang(row.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member's deposits, oldest first, reversals included.
pub fn member_deposits(conn: &Connection, member_id: i64) -> Result<Vec<Deposit>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DEPOSIT_COLUMNS} WHERE d.member_id = ?1 ORDER BY d.date, d.id"
    ))?;
    let deposits: Vec<Deposit> = stmt
        .query_map([member_id], deposit_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    deposits
        .into_iter()
        .map(|mut deposit| {
            deposit.lots = lots_of(conn, deposit.id)?;
            deposit.total = deposit.lots.iter().map(|lot| lot.value).sum();
            Ok(deposit)
        })
        .collect()
}

/// Totals of the deposits in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DepositSummary {
    /// Deposit lines (lots) that stand: reversed lines and their reversals
    /// cancel out.
    pub rows: i64,
    /// Value paid for them.
    pub value: Satang,
    /// Grams by material code, for materials with any.
    pub grams_by_material: BTreeMap<String, i64>,
}

/// Totals the lots dated from `from` to `to`, both included.
pub fn summary(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<DepositSummary> {
    let mut stmt = conn.prepare(
        "SELECT m.code, sum(CASE WHEN l.grams > 0 THEN 1 ELSE -1 END), sum(l.grams),
                sum(l.value_satang)
         FROM waste_lots l JOIN waste_materials m ON m.id = l.material_id
         WHERE l.date BETWEEN ?1 AND ?2
         GROUP BY m.code",
    )?;
    let mut rows = stmt.query((from, to))?;
    let mut summary = DepositSummary::default();
    while let Some(row) = rows.next()? {
        let grams: i64 = row.get(2)?;
        summary.rows += row.get::<_, i64>(1)?;
        summary.value += Satang(row.get(3)?);
        if grams != 0 {
            summary.grams_by_material.insert(row.get(0)?, grams);
        }
    }
    Ok(summary)
}

/// Each member's deposit value from `from` to `to`, by member row id, for
/// members whose deposits in the period add up to more than zero.
pub fn member_values(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<i64, Satang>> {
    let mut stmt = conn.prepare(
        "SELECT member_id, sum(value_satang) FROM waste_lots
         WHERE member_id IS NOT NULL AND date BETWEEN ?1 AND ?2
         GROUP BY member_id HAVING sum(value_satang) > 0",
    )?;
    let rows = stmt.query_map((from, to), |row| Ok((row.get(0)?, Satang(row.get(1)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
