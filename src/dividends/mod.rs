//! Dividend runs: who gets how much of a year's dividend, from the share
//! register.
//!
//! A fiscal year runs January–December unless the `fiscal_first_month`
//! setting says otherwise; a year that does not start in January is named
//! by the Buddhist-era year in which it ends. A run is computed, saved as a
//! draft (running the year again replaces the draft), then approved, which
//! locks it; an approved run can only be reversed.
//!
//! A run may carry a patronage refund (เฉลี่ยคืน): a second pool, split
//! by each member's deposit value in the waste bank over the same year,
//! to the satang by largest remainder. It is stored per line and printed
//! on the same slip.

pub mod allocate;
mod store;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::shares::{self, month_end_balances};
use crate::{db, Error, Result, Satang};

pub use store::{
    approve, get, list_runs, pay, reverse, run, run_with_patronage, unpaid, PaymentMethod,
    RunSummary,
};

/// How members' holdings are weighed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// The shares held at the end of each of the year's twelve months,
    /// summed (share-months), times par value.
    #[default]
    #[serde(rename = "share-months")]
    ShareMonths,
    /// The shares held at the end of the year, times par value.
    #[serde(rename = "year-end")]
    YearEnd,
}

impl Method {
    /// The stored and printed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::ShareMonths => "share-months",
            Method::YearEnd => "year-end",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Method> {
        match text {
            "share-months" => Some(Method::ShareMonths),
            "year-end" => Some(Method::YearEnd),
            _ => None,
        }
    }
}

/// How the amount to pay is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A pool of money split in proportion to the weights, to the satang,
    /// so that the slips add up exactly to the pool.
    Pool(Satang),
    /// A declared rate a year, in millionths (5 % a year is 50,000): each
    /// member gets rate × share-months × par ÷ 12, or rate × year-end value,
    /// rounded half up to the satang.
    RatePpm(u32),
}

/// Parses a percentage such as "5", "3.25" or "4.5%" into millionths.
///
/// ```
/// use chumchon::dividends::parse_rate_ppm;
/// assert_eq!(parse_rate_ppm("5"), Some(50_000));
/// assert_eq!(parse_rate_ppm("3.25%"), Some(32_500));
/// assert_eq!(parse_rate_ppm("-1"), None);
/// ```
pub fn parse_rate_ppm(text: &str) -> Option<u32> {
    let text = crate::thai::digits::to_arabic(text.trim().trim_end_matches('%').trim());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) || fraction.len() > 4 {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = format!("{fraction:0<4}").parse().ok()?;
    whole
        .checked_mul(10_000)?
        .checked_add(fraction)
        .filter(|ppm| *ppm <= 1_000_000)
}

/// Formats millionths as a percentage without trailing zeros ("3.25").
pub fn format_rate_ppm(ppm: u32) -> String {
    let text = format!("{}.{:04}", ppm / 10_000, ppm % 10_000);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    /// The fiscal year, by the Buddhist-era year in which it ends.
    pub year_be: i32,
    /// How holdings are weighed.
    pub method: Method,
    /// How the amount is set.
    pub basis: Basis,
}

/// The state of a saved run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Computed, not yet saved.
    Preview,
    /// Saved; can be replaced by running the year again.
    Draft,
    /// Locked.
    Approved,
    /// Cancelled after approval.
    Reversed,
}

/// One member's line in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Member row id.
    pub member_id: i64,
    /// Member number.
    pub member_no: String,
    /// Title, first and last name.
    pub name: String,
    /// Sum of the twelve month-end balances.
    pub share_months: i64,
    /// Balance at the end of the year.
    pub year_end_shares: i64,
    /// Dividend.
    pub amount: Satang,
    /// Value of the member's waste-bank deposits in the year: the weight
    /// of the patronage refund.
    pub deposit_value: Satang,
    /// Patronage refund; zero when the run has none.
    pub patronage: Satang,
}

/// A computed or saved dividend run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Row id once saved.
    pub id: Option<i64>,
    /// The parameters.
    pub params: Params,
    /// First day of the fiscal year.
    pub period_from: NaiveDate,
    /// Last day of the fiscal year.
    pub period_to: NaiveDate,
    /// Par value of a share.
    pub par: Satang,
    /// The pool: as given, or for a rate the total paid.
    pub pool: Satang,
    /// Sum of the lines.
    pub total: Satang,
    /// State.
    pub status: Status,
    /// The patronage refund pool, when the run has one.
    pub patronage_pool: Option<Satang>,
    /// Sum of the lines' patronage refunds.
    pub patronage_total: Satang,
    /// One line per member who held shares during the year, and with a
    /// patronage refund also per member who deposited, in member number
    /// order.
    pub lines: Vec<Line>,
}

/// Checks whether a share-months run lacks the year's history, that is
/// whether most members' shares are known only from the year's last
/// month. That happens after importing a register stated at the year's
/// end without a share ledger. Share-months then pays by year-end
/// holdings, which the office may not have meant.
///
/// ```
/// use chumchon::dividends::{lacks_history, Line, Run};
/// # fn line(share_months: i64, year_end_shares: i64) -> Line {
/// #     Line { member_id: 1, member_no: "M1".into(), name: String::new(), share_months,
/// #            year_end_shares, amount: Default::default(), deposit_value: Default::default(),
/// #            patronage: Default::default() }
/// # }
/// // Held 10 shares all year: 120 share-months, history known.
/// assert!(!lacks_history(&[line(120, 10)]));
/// // Held 10 shares in December only.
/// assert!(lacks_history(&[line(10, 10), line(5, 5)]));
/// ```
pub fn lacks_history(lines: &[Line]) -> bool {
    let holders: Vec<&Line> = lines.iter().filter(|l| l.year_end_shares > 0).collect();
    let late = holders
        .iter()
        .filter(|l| l.share_months <= l.year_end_shares)
        .count();
    !holders.is_empty() && late * 2 > holders.len()
}

/// The first and last day of a fiscal year named by `year_be`, the
/// Buddhist-era year in which it ends, when it starts in `first_month`.
///
/// ```
/// use chumchon::dividends::fiscal_period;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(fiscal_period(2567, 1), Some((d(2024, 1, 1), d(2024, 12, 31))));
/// assert_eq!(fiscal_period(2567, 10), Some((d(2023, 10, 1), d(2024, 9, 30))));
/// ```
pub fn fiscal_period(year_be: i32, first_month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let end_year = year_be - 543;
    let start_year = if first_month == 1 {
        end_year
    } else {
        end_year - 1
    };
    let from = NaiveDate::from_ymd_opt(start_year, first_month, 1)?;
    let to = from
        .checked_add_months(chrono::Months::new(12))?
        .pred_opt()?;
    Some((from, to))
}

/// Computes a run without saving it.
pub fn compute(conn: &Connection, params: &Params) -> Result<Run> {
    compute_with_patronage(conn, params, None)
}

/// Computes a run without saving it, with a patronage refund of
/// `patronage_pool` split by the members' deposit value in the year.
///
/// Fails, besides the reasons of [`compute`], when the patronage pool is
/// not above zero or nobody deposited anything in the year.
pub fn compute_with_patronage(
    conn: &Connection,
    params: &Params,
    patronage_pool: Option<Satang>,
) -> Result<Run> {
    let mut run = compute_dividend(conn, params)?;
    if let Some(pool) = patronage_pool {
        add_patronage(conn, &mut run, pool)?;
    }
    Ok(run)
}

fn compute_dividend(conn: &Connection, params: &Params) -> Result<Run> {
    if params.year_be < crate::thai::date::MIN_BE_YEAR {
        return Err(Error::rule(
            "year_not_buddhist_era",
            format!(
                "year {} is not a Buddhist-era year; give the year in full, such as {}",
                params.year_be,
                if params.year_be < 100 {
                    // A two-digit year is a short BE year: 67 is 2567.
                    params.year_be + 2500
                } else {
                    params.year_be + 543
                }
            ),
        ));
    }
    let first_month = db::setting_i64(conn, "fiscal_first_month", 1)?.clamp(1, 12) as u32;
    let (period_from, period_to) = fiscal_period(params.year_be, first_month).ok_or_else(|| {
        Error::rule(
            "invalid_year",
            format!("{} is not a usable fiscal year", params.year_be),
        )
    })?;
    let par = shares::policy(conn)?.par;
    let mut lines = holders(conn, period_from, period_to)?;
    let weight = |line: &Line| -> u128 {
        let shares = match params.method {
            Method::ShareMonths => line.share_months,
            Method::YearEnd => line.year_end_shares,
        };
        shares.max(0) as u128 * par.satang().max(0) as u128
    };
    let weights: Vec<u128> = lines.iter().map(weight).collect();
    let amounts = match params.basis {
        Basis::Pool(pool) => pool_amounts(pool, &weights, params.year_be)?,
        Basis::RatePpm(ppm) => rate_amounts(ppm, params.method, &weights),
    };
    for (line, amount) in lines.iter_mut().zip(amounts) {
        line.amount = Satang(amount);
    }
    let total: Satang = lines.iter().map(|l| l.amount).sum();
    let pool = match params.basis {
        Basis::Pool(pool) => pool,
        Basis::RatePpm(_) => total,
    };
    Ok(Run {
        id: None,
        params: *params,
        period_from,
        period_to,
        par,
        pool,
        total,
        status: Status::Preview,
        patronage_pool: None,
        patronage_total: Satang::ZERO,
        lines,
    })
}

/// Splits `pool` among the members by their deposit value in the run's
/// year, adding a line (with no dividend) for each member who deposited
/// but held no shares.
fn add_patronage(conn: &Connection, run: &mut Run, pool: Satang) -> Result<()> {
    if pool.satang() <= 0 {
        return Err(Error::rule(
            "patronage_pool_not_positive",
            format!("the patronage pool {pool} baht is not above zero"),
        ));
    }
    let values = crate::waste::deposits::member_values(conn, run.period_from, run.period_to)?;
    if values.is_empty() {
        return Err(Error::rule(
            "no_depositors",
            format!(
                "no member deposited recyclables in the fiscal year {}, so there is nobody to \
                 refund; check the year and that the deposits are recorded",
                run.params.year_be
            ),
        ));
    }

    let held: std::collections::HashSet<i64> = run.lines.iter().map(|l| l.member_id).collect();
    let newcomers: Vec<i64> = values
        .keys()
        .copied()
        .filter(|id| !held.contains(id))
        .collect();
    for line in new_lines(conn, &newcomers)? {
        run.lines.push(line);
    }
    run.lines.sort_by(|a, b| a.member_no.cmp(&b.member_no));

    for line in &mut run.lines {
        line.deposit_value = values.get(&line.member_id).copied().unwrap_or_default();
    }
    let weights: Vec<u128> = run
        .lines
        .iter()
        .map(|line| line.deposit_value.satang().max(0) as u128)
        .collect();
    let refunds = allocate::largest_remainder(pool.satang(), &weights);
    for (line, refund) in run.lines.iter_mut().zip(refunds) {
        line.patronage = Satang(refund);
    }
    run.patronage_pool = Some(pool);
    run.patronage_total = run.lines.iter().map(|line| line.patronage).sum();
    Ok(())
}

/// Lines without shares or amounts for the members with these row ids.
fn new_lines(conn: &Connection, member_ids: &[i64]) -> Result<Vec<Line>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_no, title, first_name, last_name FROM members WHERE id = ?1",
    )?;
    let mut lines = Vec::with_capacity(member_ids.len());
    for id in member_ids {
        let line = stmt.query_row([id], |row| {
            Ok(Line {
                member_id: *id,
                member_no: row.get(0)?,
                name: crate::members::full_name(
                    &row.get::<_, String>(1)?,
                    &row.get::<_, String>(2)?,
                    &row.get::<_, String>(3)?,
                ),
                share_months: 0,
                year_end_shares: 0,
                amount: Satang::ZERO,
                deposit_value: Satang::ZERO,
                patronage: Satang::ZERO,
            })
        })?;
        lines.push(line);
    }
    Ok(lines)
}

fn pool_amounts(pool: Satang, weights: &[u128], year_be: i32) -> Result<Vec<i64>> {
    if pool.satang() <= 0 {
        return Err(Error::rule(
            "pool_not_positive",
            format!(
                "the dividend pool {pool} baht is not above zero; give the amount to share out"
            ),
        ));
    }
    if pool.satang() > 0 && weights.iter().all(|w| *w == 0) {
        return Err(Error::rule(
            "no_shareholders",
            format!(
                "no member held shares in the fiscal year {year_be}, so there is nobody to pay; \
                 check the year (Buddhist era) and that the share register is imported"
            ),
        ));
    }
    Ok(allocate::largest_remainder(pool.satang(), weights))
}

fn rate_amounts(ppm: u32, method: Method, weights: &[u128]) -> Vec<i64> {
    let months = match method {
        Method::ShareMonths => 12,
        Method::YearEnd => 1,
    };
    let denominator = 1_000_000u128 * months;
    weights
        .iter()
        .map(|weight| allocate::div_round_half_up(u128::from(ppm) * weight, denominator) as i64)
        .collect()
}

/// Lines (without amounts) for every member who held shares in the period.
fn holders(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Line>> {
    let balances = month_end_balances(conn, from, to)?;
    let mut names = std::collections::HashMap::with_capacity(balances.len());
    let mut stmt =
        conn.prepare("SELECT id, member_no, title, first_name, last_name FROM members")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let name = crate::members::full_name(
            row.get_ref(2)?.as_str().unwrap_or(""),
            row.get_ref(3)?.as_str().unwrap_or(""),
            row.get_ref(4)?.as_str().unwrap_or(""),
        );
        names.insert(row.get::<_, i64>(0)?, (row.get::<_, String>(1)?, name));
    }
    let mut lines: Vec<Line> = balances
        .into_iter()
        .map(|balance| {
            let (member_no, name) = names.remove(&balance.member_id).unwrap_or_default();
            Line {
                member_id: balance.member_id,
                member_no,
                name,
                share_months: balance.share_months(),
                year_end_shares: balance.closing,
                amount: Satang::ZERO,
                deposit_value: Satang::ZERO,
                patronage: Satang::ZERO,
            }
        })
        .collect();
    lines.sort_by(|a, b| a.member_no.cmp(&b.member_no));
    Ok(lines)
}

#[cfg(test)]
mod tests;
