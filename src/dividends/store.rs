//! Saving, approving, reversing and paying dividend runs.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{compute_with_patronage, Basis, Line, Method, Params, Run, Status};
use crate::audit::{self, Change};
use crate::shares::{self, Kind, NewTransaction, Payment, Source};
use crate::{Context, Error, Result, Satang};

/// How a member's dividend is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentMethod {
    /// Paid out in cash.
    Cash,
    /// Used to buy whole shares at par; the part below one share's price is
    /// paid in cash.
    Reinvest,
}

impl PaymentMethod {
    fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Reinvest => "reinvest",
        }
    }
}

/// Computes a run and saves it as the year's draft, replacing an earlier
/// draft. Fails when the year already has an approved run.
pub fn run(conn: &Connection, ctx: &Context, params: &Params) -> Result<Run> {
    run_with_patronage(conn, ctx, params, None)
}

/// Computes a run with a patronage refund of `patronage_pool` (see
/// [`super::compute_with_patronage`]) and saves it as the year's draft, as
/// [`run`] does.
pub fn run_with_patronage(
    conn: &Connection,
    ctx: &Context,
    params: &Params,
    patronage_pool: Option<Satang>,
) -> Result<Run> {
    if let Some(existing) = get(conn, params.year_be)? {
        if existing.status == Status::Approved {
            return Err(Error::rule(
                "dividend_approved",
                format!(
                    "the {} dividend is approved and locked; reverse it before running the year again",
                    params.year_be
                ),
            ));
        }
        delete_draft(conn, ctx, &existing)?;
    }
    let mut run = compute_with_patronage(conn, params, patronage_pool)?;
    if run.period_from > ctx.today() {
        return Err(Error::rule(
            "dividend_year_not_started",
            format!(
                "the fiscal year {} starts on {}, after today, so it has no dividend yet; check \
                 the year",
                params.year_be,
                crate::thai::date::format_numeric(run.period_from)
            ),
        ));
    }
    let id = insert_run(conn, ctx, &run)?;
    run.id = Some(id);
    run.status = Status::Draft;
    audit::record(
        conn,
        ctx,
        Change::insert("dividend_runs", id, &run_summary(&run)),
    )?;
    Ok(run)
}

/// Approves the year's draft, which locks it.
pub fn approve(conn: &Connection, ctx: &Context, year_be: i32) -> Result<Run> {
    let mut run = current(conn, year_be)?;
    if run.status != Status::Draft {
        return Err(Error::rule(
            "dividend_not_draft",
            format!("the {year_be} dividend is already approved"),
        ));
    }
    if run.lines.is_empty() {
        return Err(Error::rule(
            "dividend_empty",
            format!(
                "the {year_be} dividend pays no member, because no member held shares in \
                 {year_be}; check the year, or import the year's share ledger first"
            ),
        ));
    }
    let id = run.id.unwrap_or_default();
    conn.execute(
        "UPDATE dividend_runs SET status = 'approved', approved_at = ?2, approved_by = ?3 WHERE id = ?1",
        (id, stamp(ctx), &ctx.operator),
    )?;
    run.status = Status::Approved;
    audit::record(conn, ctx, status_change(id, "draft", "approved"))?;
    Ok(run)
}

/// Reverses the year's approved run, and with it any payment made from it.
pub fn reverse(conn: &Connection, ctx: &Context, year_be: i32) -> Result<()> {
    let run = current(conn, year_be)?;
    if run.status != Status::Approved {
        return Err(Error::rule(
            "dividend_not_approved",
            format!("the {year_be} dividend is not approved, so there is nothing to reverse"),
        ));
    }
    let id = run.id.unwrap_or_default();
    reverse_payments(conn, ctx, id)?;
    conn.execute(
        "UPDATE dividend_runs SET status = 'reversed', reversed_at = ?2, reversed_by = ?3 WHERE id = ?1",
        (id, stamp(ctx), &ctx.operator),
    )?;
    audit::record(conn, ctx, status_change(id, "approved", "reversed"))
}

/// Records the payment of one member's dividend from the year's approved
/// run, in cash or reinvested in shares, together with the member's
/// patronage refund, which is always paid in cash. Returns the payment's
/// id; the payment's amount is the dividend plus the patronage refund.
pub fn pay(
    conn: &Connection,
    ctx: &Context,
    year_be: i32,
    member_no: &str,
    method: PaymentMethod,
    date: NaiveDate,
) -> Result<i64> {
    let run = current(conn, year_be)?;
    if run.status != Status::Approved {
        return Err(Error::rule(
            "dividend_not_approved",
            format!("approve the {year_be} dividend before paying it"),
        ));
    }
    let line = run
        .lines
        .iter()
        .find(|l| l.member_no == member_no)
        .ok_or_else(|| Error::NotFound {
            what: "dividend line for member",
            key: member_no.to_string(),
        })?;
    let run_id = run.id.unwrap_or_default();
    if paid(conn, run_id, line.member_id)? {
        return Err(Error::rule(
            "dividend_paid",
            format!("member {member_no}'s {year_be} dividend is already paid"),
        ));
    }
    let share_tx = match method {
        PaymentMethod::Cash => None,
        PaymentMethod::Reinvest => reinvest(conn, ctx, line, run.par, date)?,
    };
    let amount = line.amount + line.patronage;
    conn.execute(
        "INSERT INTO dividend_payments (run_id, member_id, date, method, amount_satang,
            share_transaction_id, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            run_id,
            line.member_id,
            date,
            method.as_str(),
            amount,
            share_tx,
            ctx.operator,
            stamp(ctx)
        ],
    )?;
    let id = conn.last_insert_rowid();
    audit::record(
        conn,
        ctx,
        Change::insert(
            "dividend_payments",
            id,
            &json!({
                "run_id": run_id, "member_no": member_no, "method": method.as_str(), "amount_satang": amount,
            }),
        ),
    )?;
    Ok(id)
}

/// A year's current dividend run, in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// Draft or approved.
    pub status: Status,
    /// How holdings were weighed.
    pub method: Method,
    /// Sum of the lines.
    pub total: Satang,
    /// Number of members in the run.
    pub members: i64,
}

/// Lists every year's current (draft or approved) run, latest year first.
pub fn list_runs(conn: &Connection) -> Result<Vec<RunSummary>> {
    let mut stmt = conn.prepare(
        "SELECT r.year_be, r.status, r.method, r.total_satang,
                (SELECT count(*) FROM dividend_lines l WHERE l.run_id = r.id)
         FROM dividend_runs r WHERE r.status IN ('draft', 'approved') ORDER BY r.year_be DESC",
    )?;
    let rows = stmt.query_map([], |row| {
        let status: String = row.get(1)?;
        let method: String = row.get(2)?;
        Ok(RunSummary {
            year_be: row.get(0)?,
            status: if status == "approved" {
                Status::Approved
            } else {
                Status::Draft
            },
            method: Method::parse(&method).unwrap_or_default(),
            total: Satang(row.get(3)?),
            members: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Member numbers of the year's approved run whose dividend is not paid.
pub fn unpaid(conn: &Connection, year_be: i32) -> Result<Vec<String>> {
    let run = current(conn, year_be)?;
    let run_id = run.id.unwrap_or_default();
    let mut members = Vec::new();
    for line in &run.lines {
        if !paid(conn, run_id, line.member_id)? {
            members.push(line.member_no.clone());
        }
    }
    Ok(members)
}

fn reinvest(
    conn: &Connection,
    ctx: &Context,
    line: &Line,
    par: Satang,
    date: NaiveDate,
) -> Result<Option<i64>> {
    let shares = if par.satang() > 0 {
        line.amount.satang() / par.satang()
    } else {
        0
    };
    if shares == 0 {
        return Ok(None);
    }
    let mut tx = NewTransaction::new(
        line.member_id,
        date,
        Kind::Purchase,
        shares,
        Satang(shares * par.satang()),
    );
    tx.payment = Some(Payment::Dividend);
    tx.source = Source::Dividend;
    Ok(Some(shares::post(conn, ctx, &tx)?))
}

fn paid(conn: &Connection, run_id: i64, member_id: i64) -> Result<bool> {
    let count: i64 = conn.query_row(
        "SELECT count(*) - 2 * count(reverses_id) FROM dividend_payments WHERE run_id = ?1 AND member_id = ?2",
        (run_id, member_id),
        |row| row.get(0),
    )?;
    Ok(count > 0)
}

fn reverse_payments(conn: &Connection, ctx: &Context, run_id: i64) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.member_id, p.date, p.method, p.amount_satang, p.share_transaction_id
         FROM dividend_payments p
         WHERE p.run_id = ?1 AND p.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM dividend_payments r WHERE r.reverses_id = p.id)",
    )?;
    type PaymentRow = (i64, i64, NaiveDate, String, i64, Option<i64>);
    let payments: Vec<PaymentRow> = stmt
        .query_map([run_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, member_id, date, method, amount, share_tx) in payments {
        if let Some(share_tx) = share_tx {
            shares::reverse(conn, ctx, share_tx, "dividend run reversed")?;
        }
        conn.execute(
            "INSERT INTO dividend_payments (run_id, member_id, date, method, amount_satang,
                reverses_id, operator, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                run_id,
                member_id,
                date,
                method,
                amount,
                id,
                ctx.operator,
                stamp(ctx)
            ],
        )?;
    }
    Ok(())
}

/// Reads the year's draft or approved run, if there is one.
pub fn get(conn: &Connection, year_be: i32) -> Result<Option<Run>> {
    let header = conn
        .query_row(
            "SELECT id, method, basis, rate_ppm, pool_satang, total_satang, par_satang, status,
                    period_from, period_to, patronage_pool_satang
             FROM dividend_runs WHERE year_be = ?1 AND status IN ('draft', 'approved')",
            [year_be],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<u32>>(3)?,
                    Satang(row.get(4)?),
                    Satang(row.get(5)?),
                    Satang(row.get(6)?),
                    row.get::<_, String>(7)?,
                    row.get::<_, NaiveDate>(8)?,
                    row.get::<_, NaiveDate>(9)?,
                    row.get::<_, Option<i64>>(10)?.map(Satang),
                ))
            },
        )
        .optional()?;
    let Some((
        id,
        method,
        basis,
        rate,
        pool,
        total,
        par,
        status,
        period_from,
        period_to,
        patronage,
    )) = header
    else {
        return Ok(None);
    };
    let basis = match (basis.as_str(), rate) {
        ("rate", Some(ppm)) => Basis::RatePpm(ppm),
        _ => Basis::Pool(pool),
    };
    let params = Params {
        year_be,
        method: Method::parse(&method).unwrap_or_default(),
        basis,
    };
    let status = if status == "approved" {
        Status::Approved
    } else {
        Status::Draft
    };
    let lines = lines(conn, id)?;
    Ok(Some(Run {
        id: Some(id),
        params,
        period_from,
        period_to,
        par,
        pool,
        total,
        status,
        patronage_pool: patronage,
        patronage_total: lines.iter().map(|line| line.patronage).sum(),
        lines,
    }))
}

fn current(conn: &Connection, year_be: i32) -> Result<Run> {
    get(conn, year_be)?.ok_or_else(|| Error::NotFound {
        what: "dividend run for year",
        key: year_be.to_string(),
    })
}

fn lines(conn: &Connection, run_id: i64) -> Result<Vec<Line>> {
    let mut stmt = conn.prepare(
        "SELECT l.member_id, m.member_no, m.title, m.first_name, m.last_name, l.share_months,
                l.year_end_shares, l.amount_satang, l.deposit_value_satang, l.patronage_satang
         FROM dividend_lines l JOIN members m ON m.id = l.member_id
         WHERE l.run_id = ?1 ORDER BY m.member_no",
    )?;
    let rows = stmt.query_map([run_id], |row| {
        Ok(Line {
            member_id: row.get(0)?,
            member_no: row.get(1)?,
            name: crate::members::full_name(
                &row.get::<_, String>(2)?,
                &row.get::<_, String>(3)?,
                &row.get::<_, String>(4)?,
            ),
            share_months: row.get(5)?,
            year_end_shares: row.get(6)?,
            amount: Satang(row.get(7)?),
            deposit_value: Satang(row.get(8)?),
            patronage: Satang(row.get(9)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn insert_run(conn: &Connection, ctx: &Context, run: &Run) -> Result<i64> {
    let (basis, rate) = match run.params.basis {
        Basis::Pool(_) => ("pool", None),
        Basis::RatePpm(ppm) => ("rate", Some(ppm)),
    };
    let first_month = chrono::Datelike::month(&run.period_from);
    conn.execute(
        "INSERT INTO dividend_runs (year_be, first_month, period_from, period_to, method, basis,
            rate_ppm, pool_satang, total_satang, par_satang, status, created_at, created_by,
            patronage_pool_satang)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'draft', ?11, ?12, ?13)",
        rusqlite::params![
            run.params.year_be,
            first_month,
            run.period_from,
            run.period_to,
            run.params.method.as_str(),
            basis,
            rate,
            run.pool,
            run.total,
            run.par,
            stamp(ctx),
            ctx.operator,
            run.patronage_pool,
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO dividend_lines (run_id, member_id, share_months, year_end_shares, amount_satang,
            deposit_value_satang, patronage_satang)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for line in &run.lines {
        stmt.execute(rusqlite::params![
            id,
            line.member_id,
            line.share_months,
            line.year_end_shares,
            line.amount,
            line.deposit_value,
            line.patronage
        ])?;
    }
    Ok(id)
}

/// Deletes a draft, which posted no money, recording it in the audit log.
fn delete_draft(conn: &Connection, ctx: &Context, draft: &Run) -> Result<()> {
    let id = draft.id.unwrap_or_default();
    conn.execute("DELETE FROM dividend_lines WHERE run_id = ?1", [id])?;
    conn.execute("DELETE FROM dividend_runs WHERE id = ?1", [id])?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "dividend_runs",
            record_id: id.to_string(),
            old: Some(run_summary(draft)),
            new: None,
        },
    )
}

fn run_summary(run: &Run) -> serde_json::Value {
    json!({
        "year_be": run.params.year_be,
        "method": run.params.method.as_str(),
        "basis": run.params.basis,
        "pool_satang": run.pool,
        "total_satang": run.total,
        "patronage_pool_satang": run.patronage_pool,
        "members": run.lines.len(),
    })
}

fn status_change(id: i64, from: &str, to: &str) -> Change {
    Change {
        table: "dividend_runs",
        record_id: id.to_string(),
        old: Some(json!({ "status": from })),
        new: Some(json!({ "status": to })),
    }
}

fn stamp(ctx: &Context) -> String {
    ctx.timestamp().to_string()
}
