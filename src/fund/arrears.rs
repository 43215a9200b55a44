//! Arrears aging and portfolio at risk: the loans still owing on a date,
//! grouped by how many days their oldest unpaid instalment is overdue
//! (1–30, 31–60, 61–90, over 90), and PAR30, the share of the principal
//! outstanding that sits in loans more than 30 days overdue.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::loans::{list_loans, LoanSummary};
use crate::dividends::allocate::div_round_half_up;
use crate::{Result, Satang};

/// Loans whose days overdue fall in one range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgingBucket {
    /// The range in Thai, such as "1–30 วัน".
    pub label: &'static str,
    /// Fewest days overdue in the range.
    pub from_days: i64,
    /// Most days overdue in the range; `None` for the open-ended last one.
    pub to_days: Option<i64>,
    /// Number of loans.
    pub loans: usize,
    /// Their principal outstanding.
    pub outstanding: Satang,
    /// Their instalments overdue.
    pub overdue: Satang,
}

impl AgingBucket {
    const fn new(label: &'static str, from_days: i64, to_days: Option<i64>) -> AgingBucket {
        AgingBucket {
            label,
            from_days,
            to_days,
            loans: 0,
            outstanding: Satang::ZERO,
            overdue: Satang::ZERO,
        }
    }

    fn holds(&self, days: i64) -> bool {
        days >= self.from_days && self.to_days.is_none_or(|to| days <= to)
    }

    fn add(&mut self, loan: &LoanSummary) {
        self.loans += 1;
        self.outstanding += loan.outstanding;
        self.overdue += loan.overdue;
    }
}

/// The arrears report of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arrears {
    /// The date.
    pub as_of: NaiveDate,
    /// Loans not overdue, then 1–30, 31–60, 61–90 and over 90 days.
    pub buckets: Vec<AgingBucket>,
    /// Principal outstanding of all loans.
    pub outstanding: Satang,
    /// Principal outstanding of loans more than 30 days overdue.
    pub par30_outstanding: Satang,
    /// PAR30 in hundredths of a percent, rounded half up: 1250 is 12.50 %.
    pub par30_basis_points: u32,
    /// The loans overdue, most days first.
    pub overdue_loans: Vec<LoanSummary>,
}

impl Arrears {
    /// PAR30 in percent, for display only.
    pub fn par30_pct(&self) -> f64 {
        f64::from(self.par30_basis_points) / 100.0
    }
}

/// Builds the arrears report at the end of `as_of` from the loans paid out
/// by then that still owe principal.
pub fn arrears(conn: &Connection, as_of: NaiveDate) -> Result<Arrears> {
    let mut buckets = vec![
        AgingBucket::new("ไม่ค้างชำระ", 0, Some(0)),
        AgingBucket::new("1–30 วัน", 1, Some(30)),
        AgingBucket::new("31–60 วัน", 31, Some(60)),
        AgingBucket::new("61–90 วัน", 61, Some(90)),
        AgingBucket::new("เกิน 90 วัน", 91, None),
    ];
    let owing: Vec<LoanSummary> = list_loans(conn, as_of)?
        .into_iter()
        .filter(|loan| loan.outstanding.satang() > 0)
        .collect();
    let mut outstanding = Satang::ZERO;
    let mut at_risk = Satang::ZERO;
    for loan in &owing {
        outstanding += loan.outstanding;
        if loan.days_overdue > 30 {
            at_risk += loan.outstanding;
        }
        if let Some(bucket) = buckets.iter_mut().find(|b| b.holds(loan.days_overdue)) {
            bucket.add(loan);
        }
    }
    let par30_basis_points = if outstanding.satang() > 0 {
        div_round_half_up(
            at_risk.satang() as u128 * 10_000,
            outstanding.satang() as u128,
        ) as u32
    } else {
        0
    };
    let mut overdue_loans: Vec<LoanSummary> = owing
        .into_iter()
        .filter(|loan| loan.days_overdue > 0)
        .collect();
    overdue_loans.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.loan_no.cmp(&b.loan_no))
    });
    Ok(Arrears {
        as_of,
        buckets,
        outstanding,
        par30_outstanding: at_risk,
        par30_basis_points,
        overdue_loans,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::accounts::Via;
    use crate::fund::loans::{apply, approve, disburse};
    use crate::fund::repayments::{repay, Payment};
    use crate::fund::testing::{application, bank, decision};
    use crate::test_support::date;

    #[test]
    fn aging_groups_loans_and_par30() -> Result<()> {
        let bank = bank()?;
        // Three loans of 12,000 baht over 12 months, paid out on 1 February
        // 2024, first instalment due 1 March; one repaid on time.
        let mut loan_nos = Vec::new();
        for (borrower, guarantor) in [("BY001", "BY002"), ("BY002", "BY003"), ("BY003", "BY001")] {
            let loan = apply(
                &bank.conn,
                &bank.ctx,
                &application(borrower, guarantor, 12_000, 12),
            )?;
            approve(
                &bank.conn,
                &bank.ctx,
                &loan.loan_no,
                &decision(date(2024, 1, 20)),
            )?;
            disburse(
                &bank.conn,
                &bank.ctx,
                &loan.loan_no,
                date(2024, 2, 1),
                Via::Cash,
            )?;
            loan_nos.push(loan.loan_no);
        }
        for month in 3..=5 {
            let payment = Payment {
                loan_no: loan_nos[0].clone(),
                date: date(2024, month, 1),
                amount: Satang::from_baht(1_120),
                via: Via::Cash,
                receipt_no: None,
            };
            repay(&bank.conn, &bank.ctx, &payment)?;
        }
        let payment = Payment {
            loan_no: loan_nos[1].clone(),
            date: date(2024, 3, 1),
            amount: Satang::from_baht(1_120),
            via: Via::Cash,
            receipt_no: None,
        };
        repay(&bank.conn, &bank.ctx, &payment)?;

        let report = arrears(&bank.conn, date(2024, 5, 15))?;

        assert_eq!(report.buckets[0].loans, 1, "the first loan is up to date");
        assert_eq!(
            report.buckets[2].loans, 1,
            "the second owes since 1 April: 44 days"
        );
        assert_eq!(
            report.buckets[3].loans, 1,
            "the third owes since 1 March: 75 days"
        );
        assert_eq!(
            report.outstanding,
            Satang::from_baht(9_000 + 11_000 + 12_000)
        );
        assert_eq!(report.par30_outstanding, Satang::from_baht(23_000));
        assert_eq!(
            report.par30_basis_points, 7_188,
            "23,000 of 32,000 is 71.875 %"
        );
        assert_eq!(
            report.overdue_loans[0].loan_no, loan_nos[2],
            "most days first"
        );
        Ok(())
    }

    #[test]
    fn empty_book_has_no_risk() -> Result<()> {
        let bank = bank()?;

        let report = arrears(&bank.conn, date(2024, 5, 15))?;

        assert_eq!(report.par30_basis_points, 0);
        assert!(report.overdue_loans.is_empty());
        Ok(())
    }
}
