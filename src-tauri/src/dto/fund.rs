//! Data shapes of the community bank's screens, with their TypeScript in
//! `ui/src/lib/ipc-fund.ts`. Amounts are satang and dates ISO CE; the
//! screens format them as baht and Buddhist-era dates.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::typescript::TsModule;

/// One savings account of a member, with its passbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavingsBook {
    /// Account number.
    pub account_no: String,
    /// The holder's member number.
    pub member_no: String,
    /// Balance after the last line, satang.
    pub balance_satang: i64,
    /// Transactions, oldest first.
    pub lines: Vec<PassbookRow>,
}

/// One line of a passbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PassbookRow {
    /// ISO date.
    pub date: String,
    /// "deposit", "withdrawal" or "interest".
    pub kind: String,
    /// Money in, satang.
    pub paid_in_satang: i64,
    /// Money out, satang.
    pub paid_out_satang: i64,
    /// Balance after the line, satang.
    pub balance_satang: i64,
}

/// Money paid into or taken out of a savings account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SavingsMovement {
    /// Account number.
    pub account_no: String,
    /// Buddhist-era date as typed, such as "15/01/2568".
    pub date: String,
    /// Amount, satang.
    pub amount_satang: i64,
}

/// One line of the loan list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LoanRow {
    /// Contract number.
    pub loan_no: String,
    /// The borrower's member number.
    pub member_no: String,
    /// The borrower's name.
    pub member_name: String,
    /// "applied", "approved", "active", "closed", "rejected" or "written_off".
    pub status: String,
    /// Principal lent, satang.
    pub principal_satang: i64,
    /// Principal not yet repaid, satang.
    pub outstanding_satang: i64,
    /// Days since the oldest unpaid due date.
    pub days_overdue: i64,
}

/// One instalment of a loan's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InstalmentRow {
    /// Its number, from 1.
    pub n: u32,
    /// ISO due date, when the loan is paid out.
    pub due: Option<String>,
    /// Principal part, satang.
    pub principal_satang: i64,
    /// Interest part, satang.
    pub interest_satang: i64,
    /// Principal plus interest, satang.
    pub total_satang: i64,
}

/// A money record of a loan: disbursement, repayment or write-off, or the
/// reversal of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LoanTransactionRow {
    /// Row id, for the receipt and the reversal.
    pub id: i64,
    /// ISO date.
    pub date: String,
    /// "disbursement", "repayment" or "write_off"; a reversal has the kind
    /// of the record it reverses.
    pub kind: String,
    /// The whole amount, satang.
    pub amount_satang: i64,
    /// Penalty part, satang.
    pub penalty_satang: i64,
    /// Interest part, satang.
    pub interest_satang: i64,
    /// Principal part, satang.
    pub principal_satang: i64,
    /// The record this one reverses, when it is a reversal.
    pub reverses_id: Option<i64>,
    /// Whether a later record reverses this one.
    pub reversed: bool,
    /// Why it was reversed, on a reversal.
    pub note: Option<String>,
}

/// A committee decision that rescheduled a loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReschedulingRow {
    /// The schedule version it made, from 2.
    pub version: u32,
    /// ISO date the new schedule took effect.
    pub starts_on: String,
    /// Number of instalments.
    pub months: u32,
    /// Rate in millionths a year.
    pub rate_ppm: u32,
    /// Principal spread over it, satang.
    pub principal_satang: i64,
    /// Why.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// Number of the committee's minute.
    pub minute_no: String,
}

/// A loan with its terms, schedule, money records and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LoanView {
    /// Contract number.
    pub loan_no: String,
    /// The borrower's member number.
    pub member_no: String,
    /// The borrower's name.
    pub member_name: String,
    /// Status, as in [`LoanRow::status`].
    pub status: String,
    /// "flat", "declining" or "declining_equal_principal".
    pub method: String,
    /// Rate in millionths a year.
    pub rate_ppm: u32,
    /// Term in months.
    pub months: u32,
    /// Principal, satang.
    pub principal_satang: i64,
    /// The yearly rate the instalments imply, in hundredths of a percent:
    /// for a flat loan, its equivalent declining-balance rate.
    pub effective_rate_bp: u32,
    /// ISO date applied for.
    pub applied_on: String,
    /// ISO date the committee approved or rejected it.
    pub decided_on: Option<String>,
    /// Who approved or rejected it.
    pub decided_by: Option<String>,
    /// Committee minute number of the approval or rejection.
    pub minute_no: Option<String>,
    /// Why it was rejected.
    pub rejection_reason: Option<String>,
    /// ISO date paid out.
    pub disbursed_on: Option<String>,
    /// ISO date written off.
    pub written_off_on: Option<String>,
    /// Who approved the write-off.
    pub write_off_approved_by: Option<String>,
    /// Committee minute number of the write-off.
    pub write_off_minute_no: Option<String>,
    /// The schedule version in force: 1 until a rescheduling, 0 before
    /// the loan is paid out.
    pub schedule_version: u32,
    /// The schedule in force; before payout, the one its terms give,
    /// without due dates.
    pub schedule: Vec<InstalmentRow>,
    /// The reschedulings, oldest first, with who approved each.
    pub reschedulings: Vec<ReschedulingRow>,
    /// Money records, in date order.
    pub transactions: Vec<LoanTransactionRow>,
    /// The repayment that may be reversed: the latest one not reversed.
    pub reversible_id: Option<i64>,
    /// Principal outstanding, satang.
    pub outstanding_satang: i64,
    /// Interest due now, satang.
    pub interest_due_satang: i64,
    /// Penalty due now, satang.
    pub penalty_due_satang: i64,
    /// Instalments overdue, satang.
    pub overdue_satang: i64,
    /// Days overdue.
    pub days_overdue: i64,
}

/// A loan application with its approval, for the disbursement form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewLoan {
    /// The borrower's member number.
    pub member_no: String,
    /// Product code.
    pub product_code: String,
    /// Principal, satang.
    pub principal_satang: i64,
    /// Term in months.
    pub months: u32,
    /// Purpose code, such as "trade".
    pub purpose_code: String,
    /// Guarantors' member numbers.
    pub guarantors: Vec<String>,
    /// Buddhist-era date applied for, as typed.
    pub applied_on: String,
}

/// A committee decision on a loan: its approval, rejection or write-off.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct LoanApproval {
    /// Contract number.
    pub loan_no: String,
    /// Buddhist-era date of the meeting, as typed.
    pub on: String,
    /// Who decided, such as the committee chair.
    pub by: String,
    /// Number of the committee's minute.
    pub minute_no: String,
}

/// A loan waiting for the committee or for its payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PendingLoanRow {
    /// Contract number.
    pub loan_no: String,
    /// The borrower's member number.
    pub member_no: String,
    /// The borrower's name.
    pub member_name: String,
    /// "applied" or "approved".
    pub status: String,
    /// Principal asked for, satang.
    pub principal_satang: i64,
    /// Term in months.
    pub months: u32,
    /// ISO date applied for.
    pub applied_on: String,
    /// ISO date approved.
    pub decided_on: Option<String>,
    /// Who approved it.
    pub decided_by: Option<String>,
    /// Committee minute number of the approval.
    pub minute_no: Option<String>,
}

/// How a loan's interest is worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LoanMethod {
    /// Interest on the original principal for the whole term.
    Flat,
    /// Interest on the balance, equal instalments.
    Declining,
    /// Interest on the balance, equal principal parts.
    DecliningEqualPrincipal,
}

/// New terms for what a loan owes, with the committee's decision.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ReschedulingInput {
    /// Buddhist-era date the new schedule takes effect, as typed.
    pub date: String,
    /// Number of new monthly instalments.
    pub months: u32,
    /// New rate in millionths a year; `None` keeps the loan's.
    pub rate_ppm: Option<u32>,
    /// New method; `None` keeps the loan's.
    pub method: Option<LoanMethod>,
    /// Why.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// Number of the committee's minute.
    pub minute_no: String,
}

/// A new schedule for what a loan owes, shown before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReschedulePlan {
    /// The schedule version it makes.
    pub version: u32,
    /// ISO date it takes effect.
    pub starts_on: String,
    /// Principal owed and spread over it, satang.
    pub principal_satang: i64,
    /// Interest due and unpaid, due on its first day, satang.
    pub arrears_interest_satang: i64,
    /// Penalty due and carried over, satang.
    pub carried_penalty_satang: i64,
    /// Rate in millionths a year.
    pub rate_ppm: u32,
    /// "flat", "declining" or "declining_equal_principal".
    pub method: String,
    /// The instalments with their due dates.
    pub instalments: Vec<InstalmentRow>,
}

/// A loan product, for the application form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProductRow {
    /// Code.
    pub code: String,
    /// Thai name.
    pub name: String,
}

/// A new loan product, as the office fills in its form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewProduct {
    /// Short code, such as "GEN".
    pub code: String,
    /// Name, such as "เงินกู้สามัญ".
    pub name: String,
    /// Interest method.
    pub method: LoanMethod,
    /// Rate in millionths a year.
    pub rate_ppm: u32,
    /// Maximum principal, satang.
    pub max_principal_satang: i64,
    /// Maximum term in months.
    pub max_months: u32,
    /// Guarantors a loan needs.
    pub guarantors_required: u32,
    /// Purpose codes it lends for; empty lends for any purpose.
    pub purposes: Vec<String>,
    /// Days after a due date before a late penalty starts.
    pub penalty_grace_days: u32,
    /// Fixed late fee for each instalment unpaid after the grace days, satang.
    pub penalty_fee_satang: i64,
    /// Late-penalty rate on the unpaid amount in millionths a year, charged by the day.
    pub penalty_rate_ppm: u32,
}

/// A repayment to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RepaymentInput {
    /// Contract number.
    pub loan_no: String,
    /// Buddhist-era date paid, as typed.
    pub date: String,
    /// Amount paid, satang.
    pub amount_satang: i64,
}

/// How a recorded repayment was split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RepaymentSplit {
    /// The loan transaction, for the receipt.
    pub transaction_id: i64,
    /// Penalty part, satang.
    pub penalty_satang: i64,
    /// Interest part, satang.
    pub interest_satang: i64,
    /// Principal part, satang.
    pub principal_satang: i64,
    /// Principal outstanding after it, satang.
    pub outstanding_satang: i64,
    /// Whether it repaid the loan in full.
    pub closed: bool,
}

/// Loans overdue within one range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgingRow {
    /// The range in Thai, such as "1–30 วัน".
    pub label: String,
    /// Number of loans.
    pub loans: u32,
    /// Principal outstanding, satang.
    pub outstanding_satang: i64,
    /// Instalments overdue, satang.
    pub overdue_satang: i64,
}

/// The arrears report of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArrearsView {
    /// ISO date.
    pub as_of: String,
    /// Not overdue, then 1–30, 31–60, 61–90 and over 90 days.
    pub buckets: Vec<AgingRow>,
    /// Principal outstanding of all loans, satang.
    pub outstanding_satang: i64,
    /// PAR30 in hundredths of a percent.
    pub par30_bp: u32,
    /// The loans overdue, most days first.
    pub overdue_loans: Vec<LoanRow>,
}

/// A journal report the screen shows and exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JournalReport {
    /// Trial balance of a fiscal year.
    TrialBalance,
    /// Balance sheet at the year's end.
    BalanceSheet,
    /// Income statement of a fiscal year.
    IncomeStatement,
    /// Cash book of a fiscal year.
    CashBook,
}

/// One line of a journal report as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportRow {
    /// Account code or date, empty on a heading or total.
    pub code: String,
    /// Account name or description.
    pub name: String,
    /// Message key of a heading or total that the shell names itself, such
    /// as `fund.row.total`, so that the screen shows it in the user's
    /// language. It is `None` on an account or entry line, whose name is
    /// data.
    pub label: Option<String>,
    /// First amount column (debit, receipt or amount), satang.
    pub first_satang: Option<i64>,
    /// Second amount column (credit or payment), satang.
    pub second_satang: Option<i64>,
}

/// A journal report as rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportView {
    /// Which report.
    pub report: JournalReport,
    /// Fiscal year, Buddhist Era.
    pub year_be: i32,
    /// Rows in order, totals last.
    pub rows: Vec<ReportRow>,
}

/// Renders this part's IPC types as the TypeScript of `ipc-fund.ts`.
/// Declare each type with `module.declare::<T>()` (which needs `let mut`);
/// a type that one of them uses from `ipc-types.ts` is imported from there.
pub fn typescript() -> String {
    let mut module = TsModule::new("src-tauri/src/dto/fund.rs");
    module.declare::<SavingsBook>();
    module.declare::<PassbookRow>();
    module.declare::<SavingsMovement>();
    module.declare::<LoanRow>();
    module.declare::<InstalmentRow>();
    module.declare::<LoanTransactionRow>();
    module.declare::<ReschedulingRow>();
    module.declare::<LoanView>();
    module.declare::<NewLoan>();
    module.declare::<LoanApproval>();
    module.declare::<PendingLoanRow>();
    module.declare::<LoanMethod>();
    module.declare::<ReschedulingInput>();
    module.declare::<ReschedulePlan>();
    module.declare::<ProductRow>();
    module.declare::<NewProduct>();
    module.declare::<RepaymentInput>();
    module.declare::<RepaymentSplit>();
    module.declare::<AgingRow>();
    module.declare::<ArrearsView>();
    module.declare::<JournalReport>();
    module.declare::<ReportRow>();
    module.declare::<ReportView>();
    module.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipc_fund_file_is_current() -> Result<(), String> {
        super::super::typescript::check_current("ipc-fund.ts", &super::typescript())
    }
}
