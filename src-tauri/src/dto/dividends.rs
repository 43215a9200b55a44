//! Data shapes of the dividends screen: run parameters, a run and its
//! lines.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Weighting of members' holdings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DividendMethod {
    /// Shares held at each month's end, summed over the year.
    ShareMonths,
    /// Shares held at the year's end.
    YearEnd,
}

/// Basis of the amount to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DividendAmount {
    /// A pool of money, in satang, split in proportion.
    Pool {
        /// The pool in satang.
        satang: i64,
    },
    /// A yearly rate in millionths (5 % is 50000).
    Rate {
        /// The rate in millionths.
        ppm: u32,
    },
}

/// Parameters of a dividend run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DividendParams {
    /// Fiscal year, by the Buddhist-era year in which it ends.
    pub year_be: i32,
    /// Weighting of holdings.
    pub method: DividendMethod,
    /// Basis of the amount.
    pub amount: DividendAmount,
    /// A patronage refund pool in satang, split by the members' waste-bank
    /// deposit value in the year; `None` for a run without one.
    pub patronage_pool: Option<i64>,
}

impl From<DividendParams> for chumchon::dividends::Params {
    fn from(p: DividendParams) -> chumchon::dividends::Params {
        use chumchon::dividends::{Basis, Method};
        chumchon::dividends::Params {
            year_be: p.year_be,
            method: match p.method {
                DividendMethod::ShareMonths => Method::ShareMonths,
                DividendMethod::YearEnd => Method::YearEnd,
            },
            basis: match p.amount {
                DividendAmount::Pool { satang } => Basis::Pool(chumchon::Satang(satang)),
                DividendAmount::Rate { ppm } => Basis::RatePpm(ppm),
            },
        }
    }
}

impl From<chumchon::dividends::Params> for DividendParams {
    fn from(p: chumchon::dividends::Params) -> DividendParams {
        use chumchon::dividends::{Basis, Method};
        DividendParams {
            year_be: p.year_be,
            method: match p.method {
                Method::ShareMonths => DividendMethod::ShareMonths,
                Method::YearEnd => DividendMethod::YearEnd,
            },
            amount: match p.basis {
                Basis::Pool(pool) => DividendAmount::Pool {
                    satang: pool.satang(),
                },
                Basis::RatePpm(ppm) => DividendAmount::Rate { ppm },
            },
            patronage_pool: None,
        }
    }
}

/// The state of a dividend run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DividendStatus {
    /// Computed, not saved.
    Preview,
    /// Saved; running the year again replaces it.
    Draft,
    /// Approved and locked.
    Approved,
    /// Cancelled after approval.
    Reversed,
}

impl From<chumchon::dividends::Status> for DividendStatus {
    fn from(status: chumchon::dividends::Status) -> DividendStatus {
        use chumchon::dividends::Status;
        match status {
            Status::Preview => DividendStatus::Preview,
            Status::Draft => DividendStatus::Draft,
            Status::Approved => DividendStatus::Approved,
            Status::Reversed => DividendStatus::Reversed,
        }
    }
}

/// One member's line of a dividend run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DividendLine {
    /// Member number.
    pub member_no: String,
    /// Title, first and last name.
    pub name: String,
    /// Sum of the month-end balances.
    pub share_months: i64,
    /// Balance at the year's end.
    pub year_end_shares: i64,
    /// Dividend in satang.
    pub amount: i64,
    /// Value of the member's waste-bank deposits in the year, in satang:
    /// the weight of the patronage refund.
    pub deposit_value: i64,
    /// Patronage refund in satang; zero when the run has none.
    pub patronage: i64,
}

/// A dividend run with its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DividendRun {
    /// The parameters.
    pub params: DividendParams,
    /// First day of the fiscal year, ISO CE.
    pub period_from: String,
    /// Last day of the fiscal year, ISO CE.
    pub period_to: String,
    /// Par value of a share, in satang.
    pub par: i64,
    /// The pool in satang: as given, or for a rate the total paid.
    pub pool: i64,
    /// Sum of the lines, in satang.
    pub total: i64,
    /// Sum of the share-months column.
    pub total_share_months: i64,
    /// Sum of the year-end shares column.
    pub total_year_end_shares: i64,
    /// State.
    pub status: DividendStatus,
    /// The patronage refund pool in satang, when the run has one.
    pub patronage_pool: Option<i64>,
    /// Sum of the lines' patronage refunds, in satang.
    pub patronage_total: i64,
    /// One line per member, in member-number order.
    pub lines: Vec<DividendLine>,
}

impl From<chumchon::dividends::Run> for DividendRun {
    fn from(run: chumchon::dividends::Run) -> DividendRun {
        let lines: Vec<DividendLine> = run
            .lines
            .into_iter()
            .map(|l| DividendLine {
                member_no: l.member_no,
                name: l.name,
                share_months: l.share_months,
                year_end_shares: l.year_end_shares,
                amount: l.amount.satang(),
                deposit_value: l.deposit_value.satang(),
                patronage: l.patronage.satang(),
            })
            .collect();
        let params = DividendParams {
            patronage_pool: run.patronage_pool.map(|pool| pool.satang()),
            ..run.params.into()
        };
        DividendRun {
            params,
            period_from: run.period_from.to_string(),
            period_to: run.period_to.to_string(),
            par: run.par.satang(),
            pool: run.pool.satang(),
            total: run.total.satang(),
            total_share_months: lines.iter().map(|l| l.share_months).sum(),
            total_year_end_shares: lines.iter().map(|l| l.year_end_shares).sum(),
            status: run.status.into(),
            patronage_pool: run.patronage_pool.map(|pool| pool.satang()),
            patronage_total: run.patronage_total.satang(),
            lines,
        }
    }
}

/// A year's current run, in the list of runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DividendRunSummary {
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// Draft or approved.
    pub status: DividendStatus,
    /// Weighting of holdings.
    pub method: DividendMethod,
    /// Sum of the lines, in satang.
    pub total: i64,
    /// Number of members in the run.
    pub members: i64,
}

impl From<chumchon::dividends::RunSummary> for DividendRunSummary {
    fn from(summary: chumchon::dividends::RunSummary) -> DividendRunSummary {
        use chumchon::dividends::Method;
        DividendRunSummary {
            year_be: summary.year_be,
            status: summary.status.into(),
            method: match summary.method {
                Method::ShareMonths => DividendMethod::ShareMonths,
                Method::YearEnd => DividendMethod::YearEnd,
            },
            total: summary.total.satang(),
            members: summary.members,
        }
    }
}

/// The dates of a fiscal year and whether it has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FiscalYear {
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// First day, ISO CE.
    pub period_from: String,
    /// Last day, ISO CE.
    pub period_to: String,
    /// Whether the last day is before today.
    pub ended: bool,
}

/// A slips PDF that was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SlipsWritten {
    /// The PDF file.
    pub path: String,
    /// Number of slips.
    pub slips: u64,
    /// Number of pages.
    pub pages: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_round_trip_through_core() {
        let params = DividendParams {
            year_be: 2567,
            method: DividendMethod::YearEnd,
            amount: DividendAmount::Rate { ppm: 32_500 },
            patronage_pool: None,
        };

        let core: chumchon::dividends::Params = params.into();

        assert_eq!(
            DividendParams::from(core),
            params,
            "the same parameters come back"
        );
    }

    #[test]
    fn run_totals_sum_the_lines() -> Result<(), Box<dyn std::error::Error>> {
        let conn = chumchon::db::open_in_memory()?;
        let now = chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let demo = chumchon::demo::fill(&conn, &chumchon::Context::new("test", now))?;
        let params = DividendParams {
            year_be: demo.year_be,
            method: DividendMethod::ShareMonths,
            amount: DividendAmount::Pool { satang: 1_234_567 },
            patronage_pool: None,
        };

        let run = DividendRun::from(chumchon::dividends::compute(&conn, &params.into())?);

        assert_eq!(run.total, 1_234_567, "a pool is paid out to the satang");
        assert_eq!(
            run.total_share_months,
            run.lines.iter().map(|l| l.share_months).sum::<i64>(),
            "share-months total"
        );
        assert_eq!(
            run.total_year_end_shares,
            run.lines.iter().map(|l| l.year_end_shares).sum::<i64>(),
            "year-end shares total"
        );
        assert_eq!(run.status, DividendStatus::Preview, "computed, not saved");
        assert_eq!(run.patronage_pool, None, "no patronage refund asked for");
        Ok(())
    }

    #[test]
    fn run_carries_patronage_refund() -> Result<(), Box<dyn std::error::Error>> {
        use chumchon::dividends::{Basis, Line, Method, Params, Run, Status};
        use chumchon::Satang;
        let line = |member_no: &str, amount: i64, deposit: i64, patronage: i64| Line {
            member_id: 1,
            member_no: member_no.to_string(),
            name: "นาง ทดสอบ ระบบ".to_string(),
            share_months: 12,
            year_end_shares: 1,
            amount: Satang(amount),
            deposit_value: Satang(deposit),
            patronage: Satang(patronage),
        };
        let run = Run {
            id: Some(1),
            params: Params {
                year_be: 2567,
                method: Method::ShareMonths,
                basis: Basis::Pool(Satang(300)),
            },
            period_from: "2024-01-01".parse()?,
            period_to: "2024-12-31".parse()?,
            par: Satang(10_000),
            pool: Satang(300),
            total: Satang(300),
            status: Status::Draft,
            patronage_pool: Some(Satang(1_000)),
            patronage_total: Satang(1_000),
            lines: vec![line("BY001", 300, 7_500, 750), line("WB002", 0, 2_500, 250)],
        };

        let dto = DividendRun::from(run);

        assert_eq!(dto.patronage_pool, Some(1_000), "the refund pool");
        assert_eq!(
            dto.params.patronage_pool,
            Some(1_000),
            "the parameters show the refund pool"
        );
        assert_eq!(dto.patronage_total, 1_000, "the refunds' sum");
        assert_eq!(
            dto.lines.iter().map(|l| l.patronage).collect::<Vec<_>>(),
            vec![750, 250],
            "each member's refund"
        );
        assert_eq!(
            dto.lines.get(1).map(|l| l.deposit_value),
            Some(2_500),
            "a depositor without shares keeps the deposit value"
        );
        Ok(())
    }
}
