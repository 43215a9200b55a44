//! Where a loan stands on a date, computed from its schedules and its
//! money records alone: principal outstanding, interest and penalty due,
//! the amount overdue and for how many days, and how a payment on that
//! date splits into penalty, interest and principal.
//!
//! Interest is due instalment by instalment: the interest of every
//! instalment due before the date, plus that of the instalment of the
//! current period (the first one due on or after the date), less the
//! interest already paid. So a payment made early in a period pays that
//! period's interest first, and paying off early pays interest up to the
//! end of the current period only.
//!
//! NOTE: the interest of each period is the schedule's, also on a
//! declining-balance loan whose borrower paid principal ahead of time.
//! Reschedule such a loan to recompute its interest on the smaller
//! balance.
//!
//! A late penalty follows the loan's [`PenaltyRule`]: once the grace days
//! after a due date have passed with the instalment not fully paid, a
//! fixed fee, and the rate a year on the unpaid part of that instalment
//! for each further day until it is paid, rounded half up to the satang.
//!
//! Each schedule version counts only the repayments posted under it. A
//! rescheduling ends the version before it: the principal then owed is
//! the new version's principal, the interest then due its first
//! instalment, and the penalty then due is carried into it.

use chrono::NaiveDate;
use serde::Serialize;

use super::accounts::Via;
use super::products::PenaltyRule;
use super::schedule::Method;
use crate::dividends::allocate::div_round_half_up;
use crate::Satang;

/// One instalment of a stored schedule, with its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueInstalment {
    /// Its number in the schedule, from 1.
    pub n: u32,
    /// Due date.
    pub due_on: NaiveDate,
    /// Principal part.
    pub principal: Satang,
    /// Interest part.
    pub interest: Satang,
}

impl DueInstalment {
    /// Principal plus interest.
    pub fn total(&self) -> Satang {
        self.principal + self.interest
    }
}

/// One version of a loan's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleVersion {
    /// 1 from disbursement, one more for each rescheduling.
    pub version: u32,
    /// The day it takes effect.
    pub starts_on: NaiveDate,
    /// Principal it spreads.
    pub principal: Satang,
    /// Interest due and unpaid when it took effect, due on its first day.
    pub arrears_interest: Satang,
    /// Penalty due and unpaid when it took effect.
    pub carried_penalty: Satang,
    /// Rate, millionths a year.
    pub rate_ppm: u32,
    /// Number of instalments.
    pub months: u32,
    /// Interest method.
    pub method: Method,
    /// Its instalments.
    pub instalments: Vec<DueInstalment>,
}

/// What a loan transaction records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionKind {
    /// The principal paid out to the borrower.
    Disbursement,
    /// A payment by the borrower.
    Repayment,
    /// Principal written off as lost.
    WriteOff,
}

impl TransactionKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TransactionKind::Disbursement => "disbursement",
            TransactionKind::Repayment => "repayment",
            TransactionKind::WriteOff => "write_off",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<TransactionKind> {
        match text {
            "disbursement" => Some(TransactionKind::Disbursement),
            "repayment" => Some(TransactionKind::Repayment),
            "write_off" => Some(TransactionKind::WriteOff),
            _ => None,
        }
    }
}

/// Money that moved on a loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoanTransaction {
    /// Row id.
    pub id: i64,
    /// The schedule version it was posted under.
    pub version: u32,
    /// Date.
    pub date: NaiveDate,
    /// What it records.
    pub kind: TransactionKind,
    /// The whole amount: principal + interest + penalty.
    pub amount: Satang,
    /// Principal part.
    pub principal: Satang,
    /// Interest part.
    pub interest: Satang,
    /// Penalty part.
    pub penalty: Satang,
    /// Cash or bank; `None` for a write-off.
    pub via: Option<Via>,
    /// Receipt number.
    pub receipt_no: Option<String>,
    /// The transaction it reverses.
    pub reverses_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

impl LoanTransaction {
    /// 1 for a transaction, -1 for the reversal of one.
    fn sign(&self) -> i64 {
        if self.reverses_id.is_some() {
            -1
        } else {
            1
        }
    }

    fn signed(&self, amount: Satang) -> i64 {
        self.sign() * amount.satang()
    }
}

/// Where a loan stands on a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The schedule version in force; 0 before disbursement.
    pub version: u32,
    /// Principal paid out.
    pub disbursed: Satang,
    /// Principal repaid.
    pub principal_repaid: Satang,
    /// Interest paid.
    pub interest_paid: Satang,
    /// Penalty paid.
    pub penalty_paid: Satang,
    /// Principal written off.
    pub written_off: Satang,
    /// Principal not yet repaid or written off.
    pub outstanding: Satang,
    /// Interest due now: past instalments' and the current period's,
    /// less what was paid.
    pub interest_due: Satang,
    /// Penalty charged and not paid.
    pub penalty_due: Satang,
    /// Instalment amounts due before the date and not paid.
    pub overdue: Satang,
    /// Days since the due date of the oldest instalment not fully paid;
    /// 0 when nothing is overdue.
    pub days_overdue: i64,
    /// Due date of the first instalment not fully paid.
    pub next_due: Option<NaiveDate>,
    /// What is left to pay on that instalment.
    pub next_amount: Satang,
}

impl Position {
    /// What pays the loan off on the date: principal, interest due and
    /// penalty due.
    pub fn payoff(&self) -> Satang {
        self.outstanding + self.interest_due + self.penalty_due
    }
}

/// How a payment splits: penalty first, then interest, then principal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Allocation {
    /// Penalty part.
    pub penalty: Satang,
    /// Interest part.
    pub interest: Satang,
    /// Principal part: the rest, which may exceed the principal
    /// outstanding (the caller rejects that).
    pub principal: Satang,
}

/// Splits `amount` paid when the loan stands at `position`.
pub fn allocate(position: &Position, amount: Satang) -> Allocation {
    let penalty = amount.min(position.penalty_due).max(Satang::ZERO);
    let interest = (amount - penalty)
        .min(position.interest_due)
        .max(Satang::ZERO);
    Allocation {
        penalty,
        interest,
        principal: amount - penalty - interest,
    }
}

/// Computes where a loan stands at the end of `as_of`, from its schedule
/// versions and its transactions (any order), under `rule`.
pub fn position(
    versions: &[ScheduleVersion],
    transactions: &[LoanTransaction],
    rule: &PenaltyRule,
    as_of: NaiveDate,
) -> Position {
    let done: Vec<&LoanTransaction> = transactions.iter().filter(|t| t.date <= as_of).collect();
    let mut position = totals(&done);
    let Some(current) = versions
        .iter()
        .filter(|v| v.starts_on <= as_of)
        .max_by_key(|v| v.version)
    else {
        return position;
    };
    position.version = current.version;
    if position.outstanding.satang() <= 0 {
        return position;
    }
    let repayments: Vec<&LoanTransaction> = done
        .into_iter()
        .filter(|t| t.kind == TransactionKind::Repayment && t.version == current.version)
        .collect();
    let dues = dues(current);
    let paid_interest: i64 = repayments.iter().map(|t| t.signed(t.interest)).sum();
    let paid_penalty: i64 = repayments.iter().map(|t| t.signed(t.penalty)).sum();
    let covered = |date: NaiveDate| -> i64 {
        repayments
            .iter()
            .filter(|t| t.date <= date)
            .map(|t| t.signed(t.principal) + t.signed(t.interest))
            .sum()
    };

    let interest_scheduled = interest_scheduled(current, as_of);
    position.interest_due = Satang((interest_scheduled - paid_interest).max(0));
    let accrued = if rule.is_none() {
        0
    } else {
        penalty_accrued(&dues, &repayments, rule, as_of)
    };
    position.penalty_due =
        Satang((current.carried_penalty.satang() + accrued - paid_penalty).max(0));
    arrears(&mut position, &dues, covered(as_of), as_of);
    position
}

/// The money totals of the transactions, and the principal outstanding.
fn totals(transactions: &[&LoanTransaction]) -> Position {
    let mut position = Position::default();
    for t in transactions {
        match t.kind {
            TransactionKind::Disbursement => position.disbursed += Satang(t.signed(t.principal)),
            TransactionKind::WriteOff => position.written_off += Satang(t.signed(t.principal)),
            TransactionKind::Repayment => {
                position.principal_repaid += Satang(t.signed(t.principal));
                position.interest_paid += Satang(t.signed(t.interest));
                position.penalty_paid += Satang(t.signed(t.penalty));
            }
        }
    }
    position.outstanding = position.disbursed - position.principal_repaid - position.written_off;
    position
}

/// The amounts a version asks for, with their due dates, oldest first:
/// the arrears interest on its first day, then its instalments.
fn dues(version: &ScheduleVersion) -> Vec<(NaiveDate, i64)> {
    let arrears = (version.arrears_interest.satang() > 0)
        .then_some((version.starts_on, version.arrears_interest.satang()));
    arrears
        .into_iter()
        .chain(
            version
                .instalments
                .iter()
                .map(|i| (i.due_on, i.total().satang())),
        )
        .collect()
}

/// Interest of the version due by `as_of`: the arrears, every instalment
/// due before it, and the instalment of the current period.
fn interest_scheduled(version: &ScheduleVersion, as_of: NaiveDate) -> i64 {
    let past: i64 = version
        .instalments
        .iter()
        .filter(|i| i.due_on < as_of)
        .map(|i| i.interest.satang())
        .sum();
    let current = version
        .instalments
        .iter()
        .find(|i| i.due_on >= as_of)
        .map_or(0, |i| i.interest.satang());
    version.arrears_interest.satang() + past + current
}

/// Fills the overdue amount, the days overdue and the next instalment to
/// pay, given `covered`, the principal and interest paid under the
/// version by `as_of`.
fn arrears(position: &mut Position, dues: &[(NaiveDate, i64)], covered: i64, as_of: NaiveDate) {
    let mut cumulative = 0;
    let mut overdue = 0;
    for &(due_on, amount) in dues {
        cumulative += amount;
        let unpaid = (cumulative - covered).clamp(0, amount);
        if unpaid == 0 {
            continue;
        }
        if due_on < as_of {
            overdue += unpaid;
            if position.days_overdue == 0 {
                position.days_overdue = (as_of - due_on).num_days();
            }
        }
        if position.next_due.is_none() {
            position.next_due = Some(due_on);
            position.next_amount = Satang(unpaid);
        }
    }
    position.overdue = Satang(overdue);
}

/// The penalty charged by `as_of` on the instalments of one version, in
/// satang: a fee for each instalment unpaid when its grace days end, and
/// the rate on each unpaid amount for every day after that.
fn penalty_accrued(
    dues: &[(NaiveDate, i64)],
    repayments: &[&LoanTransaction],
    rule: &PenaltyRule,
    as_of: NaiveDate,
) -> i64 {
    let mut payment_dates: Vec<NaiveDate> = repayments.iter().map(|t| t.date).collect();
    payment_dates.sort();
    payment_dates.dedup();
    let covered = |date: NaiveDate| -> i64 {
        repayments
            .iter()
            .filter(|t| t.date <= date)
            .map(|t| t.signed(t.principal) + t.signed(t.interest))
            .sum()
    };
    let mut fees = 0;
    let mut satang_days: i128 = 0;
    let mut cumulative = 0;
    for &(due_on, amount) in dues {
        cumulative += amount;
        let late_from = due_on + chrono::Days::new(u64::from(rule.grace_days));
        if as_of <= late_from {
            continue;
        }
        let unpaid = |date: NaiveDate| (cumulative - covered(date)).clamp(0, amount);
        let mut unpaid_now = unpaid(late_from);
        if unpaid_now > 0 {
            fees += rule.fee.satang();
        }
        let mut since = late_from;
        for &paid_on in payment_dates
            .iter()
            .filter(|d| **d > late_from && **d <= as_of)
        {
            satang_days += i128::from(unpaid_now) * i128::from((paid_on - since).num_days());
            since = paid_on;
            unpaid_now = unpaid(paid_on);
        }
        satang_days += i128::from(unpaid_now) * i128::from((as_of - since).num_days());
    }
    let rate = div_round_half_up(
        satang_days.max(0) as u128 * u128::from(rule.rate_ppm),
        365 * 1_000_000,
    );
    fees + rate as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::schedule::{due_date, schedule, Terms};
    use crate::test_support::date;
    use proptest::prelude::*;

    fn version(terms: &Terms, start: NaiveDate) -> ScheduleVersion {
        let instalments = schedule(terms)
            .expect("valid test terms")
            .into_iter()
            .map(|i| DueInstalment {
                n: i.n,
                due_on: due_date(start, i.n).expect("date in range"),
                principal: i.principal,
                interest: i.interest,
            })
            .collect();
        ScheduleVersion {
            version: 1,
            starts_on: start,
            principal: terms.principal,
            arrears_interest: Satang::ZERO,
            carried_penalty: Satang::ZERO,
            rate_ppm: terms.rate_ppm,
            months: terms.months,
            method: terms.method,
            instalments,
        }
    }

    fn transaction(
        id: i64,
        date: NaiveDate,
        kind: TransactionKind,
        split: Allocation,
    ) -> LoanTransaction {
        LoanTransaction {
            id,
            version: 1,
            date,
            kind,
            amount: split.principal + split.interest + split.penalty,
            principal: split.principal,
            interest: split.interest,
            penalty: split.penalty,
            via: Some(Via::Cash),
            receipt_no: None,
            reverses_id: None,
            note: None,
        }
    }

    fn disbursement(amount: Satang, on: NaiveDate) -> LoanTransaction {
        let split = Allocation {
            principal: amount,
            ..Allocation::default()
        };
        transaction(0, on, TransactionKind::Disbursement, split)
    }

    /// 12,000 baht at 12 % a year flat over 12 months from 15 January
    /// 2024: 1,120 a month, 120 of it interest.
    fn flat_loan() -> (ScheduleVersion, Vec<LoanTransaction>) {
        let terms = Terms {
            principal: Satang::from_baht(12_000),
            rate_ppm: 120_000,
            months: 12,
            method: Method::Flat,
        };
        let start = date(2024, 1, 15);
        (
            version(&terms, start),
            vec![disbursement(terms.principal, start)],
        )
    }

    fn pay(
        versions: &[ScheduleVersion],
        transactions: &mut Vec<LoanTransaction>,
        rule: &PenaltyRule,
        on: NaiveDate,
        amount: Satang,
    ) -> Allocation {
        let split = allocate(&position(versions, transactions, rule, on), amount);
        let id = transactions.len() as i64;
        transactions.push(transaction(id, on, TransactionKind::Repayment, split));
        split
    }

    #[test]
    fn on_time_payment_splits_by_schedule() {
        let (version, mut transactions) = flat_loan();
        let versions = [version];

        let split = pay(
            &versions,
            &mut transactions,
            &PenaltyRule::default(),
            date(2024, 2, 15),
            Satang::from_baht(1_120),
        );

        assert_eq!(split.interest, Satang::from_baht(120));
        assert_eq!(split.principal, Satang::from_baht(1_000));
        let after = position(
            &versions,
            &transactions,
            &PenaltyRule::default(),
            date(2024, 2, 16),
        );
        assert_eq!(after.outstanding, Satang::from_baht(11_000));
        assert_eq!(after.days_overdue, 0, "paid on its due date");
    }

    #[test]
    fn missed_instalment_counts_days_and_interest() {
        let (version, transactions) = flat_loan();

        let later = position(
            &[version],
            &transactions,
            &PenaltyRule::default(),
            date(2024, 4, 1),
        );

        assert_eq!(later.days_overdue, 46, "15 February to 1 April");
        assert_eq!(
            later.overdue,
            Satang::from_baht(2_240),
            "two instalments missed"
        );
        assert_eq!(
            later.interest_due,
            Satang::from_baht(360),
            "February, March and the current April period"
        );
        assert_eq!(later.next_due, Some(date(2024, 2, 15)));
    }

    #[test]
    fn partial_payment_pays_interest_first() {
        let (version, mut transactions) = flat_loan();
        let versions = [version];

        let split = pay(
            &versions,
            &mut transactions,
            &PenaltyRule::default(),
            date(2024, 2, 15),
            Satang::from_baht(500),
        );

        assert_eq!(split.interest, Satang::from_baht(120));
        assert_eq!(split.principal, Satang::from_baht(380));
        let next_day = position(
            &versions,
            &transactions,
            &PenaltyRule::default(),
            date(2024, 2, 16),
        );
        assert_eq!(next_day.days_overdue, 1, "the instalment is not fully paid");
        assert_eq!(next_day.next_amount, Satang::from_baht(620));
    }

    #[test]
    fn early_payoff_pays_current_period_interest_only() {
        let (version, mut transactions) = flat_loan();
        let versions = [version];
        let rule = PenaltyRule::default();
        pay(
            &versions,
            &mut transactions,
            &rule,
            date(2024, 2, 15),
            Satang::from_baht(1_120),
        );

        let before = position(&versions, &transactions, &rule, date(2024, 3, 1));
        let split = pay(
            &versions,
            &mut transactions,
            &rule,
            date(2024, 3, 1),
            before.payoff(),
        );

        assert_eq!(
            before.payoff(),
            Satang::from_baht(11_120),
            "11,000 and March's interest"
        );
        assert_eq!(split.interest, Satang::from_baht(120));
        let after = position(&versions, &transactions, &rule, date(2024, 12, 31));
        assert_eq!(after.outstanding, Satang::ZERO);
        assert_eq!(after.interest_due, Satang::ZERO, "nothing more is owed");
    }

    #[test]
    fn late_penalty_follows_rule() {
        let (version, mut transactions) = flat_loan();
        let versions = [version];
        // 50 baht after 5 grace days, and 36.5 % a year (0.1 % a day).
        let rule = PenaltyRule {
            grace_days: 5,
            fee: Satang::from_baht(50),
            rate_ppm: 365_000,
        };

        let within_grace = position(&versions, &transactions, &rule, date(2024, 2, 20));
        let late = position(&versions, &transactions, &rule, date(2024, 3, 1));
        let split = pay(
            &versions,
            &mut transactions,
            &rule,
            date(2024, 3, 1),
            Satang::from_baht(1_200),
        );

        assert_eq!(
            within_grace.penalty_due,
            Satang::ZERO,
            "within the grace days"
        );
        // 10 days from 20 February to 1 March on 1,120 baht: 11.20 baht.
        assert_eq!(late.penalty_due, Satang(5_000 + 1_120));
        assert_eq!(split.penalty, Satang(6_120), "the penalty is paid first");
        assert_eq!(
            split.interest,
            Satang::from_baht(240),
            "then February's and March's interest"
        );
    }

    #[test]
    fn reversed_repayment_counts_nothing() {
        let (version, mut transactions) = flat_loan();
        let versions = [version];
        let rule = PenaltyRule::default();
        pay(
            &versions,
            &mut transactions,
            &rule,
            date(2024, 2, 15),
            Satang::from_baht(1_120),
        );
        let mut reversal = transactions[1].clone();
        reversal.id = 9;
        reversal.reverses_id = Some(transactions[1].id);
        transactions.push(reversal);

        let after = position(&versions, &transactions, &rule, date(2024, 2, 16));

        assert_eq!(after.outstanding, Satang::from_baht(12_000));
        assert_eq!(after.days_overdue, 1);
    }

    #[test]
    fn before_disbursement_nothing_is_owed() {
        let (version, transactions) = flat_loan();

        let before = position(
            &[version],
            &transactions,
            &PenaltyRule::default(),
            date(2024, 1, 1),
        );

        assert_eq!(before, Position::default());
    }

    fn method() -> impl Strategy<Value = Method> {
        prop_oneof![
            Just(Method::Flat),
            Just(Method::Declining),
            Just(Method::DecliningEqualPrincipal)
        ]
    }

    proptest! {
        #[test]
        fn paying_the_schedule_closes_at_zero(
            principal in 100_000i64..500_000_000,
            rate_ppm in 0u32..300_000,
            months in 1u32..=60,
            method in method(),
            day in 1u32..=28,
            fee in 0i64..10_000,
        ) {
            let terms = Terms { principal: Satang(principal), rate_ppm, months, method };
            let start = date(2024, 1, day);
            let versions = [version(&terms, start)];
            let mut transactions = vec![disbursement(terms.principal, start)];
            let rule = PenaltyRule { grace_days: 0, fee: Satang(fee), rate_ppm: 100_000 };

            for instalment in versions[0].instalments.clone() {
                let split = pay(&versions, &mut transactions, &rule, instalment.due_on, instalment.total());
                prop_assert_eq!(split.penalty, Satang::ZERO, "on time, no penalty");
                prop_assert_eq!(split.interest, instalment.interest, "instalment {}", instalment.n);
                prop_assert_eq!(split.principal, instalment.principal, "instalment {}", instalment.n);
            }

            let last = versions[0].instalments.last().map(|i| i.due_on).unwrap_or(start);
            let end = position(&versions, &transactions, &rule, last + chrono::Days::new(400));
            prop_assert_eq!(end.outstanding, Satang::ZERO);
            prop_assert_eq!(end.interest_due, Satang::ZERO);
            prop_assert_eq!(end.penalty_due, Satang::ZERO);
            prop_assert_eq!(end.days_overdue, 0);
        }

        #[test]
        fn one_late_payoff_closes_at_zero(
            principal in 100_000i64..500_000_000,
            rate_ppm in 0u32..300_000,
            months in 1u32..=60,
            method in method(),
            late_days in 0u64..200,
        ) {
            let terms = Terms { principal: Satang(principal), rate_ppm, months, method };
            let start = date(2024, 1, 10);
            let versions = [version(&terms, start)];
            let mut transactions = vec![disbursement(terms.principal, start)];
            let rule = PenaltyRule { grace_days: 3, fee: Satang(2_000), rate_ppm: 150_000 };
            let last = versions[0].instalments.last().map(|i| i.due_on).unwrap_or(start);
            let day = last + chrono::Days::new(late_days);

            let owed = position(&versions, &transactions, &rule, day);
            let split = pay(&versions, &mut transactions, &rule, day, owed.payoff());

            prop_assert_eq!(split.principal, terms.principal, "all the principal");
            let end = position(&versions, &transactions, &rule, day);
            prop_assert_eq!(end.payoff(), Satang::ZERO);
        }
    }
}
