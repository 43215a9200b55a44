//! The community bank's commands: importing legacy loans, loans from
//! application to write-off, schedules, arrears, savings accounts, the
//! journal's reports and the bank's documents.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use rusqlite::Connection;
use serde::Serialize;

use chumchon::export;
use chumchon::fund::accounts::{self, Via};
use chumchon::fund::journal::Line;
use chumchon::fund::loans::{self, Application, Decision};
use chumchon::fund::products::{self, PenaltyRule, Product};
use chumchon::fund::repayments::{self, Payment, Rescheduling};
use chumchon::fund::schedule::{self, Method, Terms};
use chumchon::fund::{arrears, documents, journal, reports, savings, sync, years};
use chumchon::import::loans as loan_import;
use chumchon::{Context, Error, Result, Satang};

use crate::{output, Cli, ImportCommon};

#[derive(Debug, Args)]
pub(crate) struct ImportLoansArgs {
    #[command(flatten)]
    pub common: ImportCommon,
    /// Sheet of the repayments; by default the sheet that holds them.
    #[arg(long, value_name = "NAME")]
    pub repayments_sheet: Option<String>,
    /// Interest method of loans whose row names none.
    #[arg(long, value_enum, default_value = "flat")]
    pub method: ScheduleMethod,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ScheduleMethod {
    /// Interest on the original principal for the whole term.
    Flat,
    /// Interest on the balance still owed, in equal instalments.
    Declining,
    /// Interest on the balance still owed, with equal principal parts.
    DecliningEqualPrincipal,
}

impl ScheduleMethod {
    fn method(self) -> Method {
        match self {
            ScheduleMethod::Flat => Method::Flat,
            ScheduleMethod::Declining => Method::Declining,
            ScheduleMethod::DecliningEqualPrincipal => Method::DecliningEqualPrincipal,
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum LoansCommand {
    /// Every loan paid out with its outstanding principal and days overdue.
    List {
        /// Date to state the loans on; defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The instalment schedule of a loan; needs no database.
    Schedule {
        /// Principal in baht.
        #[arg(long, value_name = "BAHT")]
        principal: String,
        /// Interest rate, percent a year.
        #[arg(long, value_name = "PCT")]
        rate: String,
        /// Term in months.
        #[arg(long, value_name = "N")]
        months: u32,
        /// Interest method.
        #[arg(long, value_enum)]
        method: ScheduleMethod,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// One loan: its terms, schedules, payments and where it stands.
    Show {
        /// Contract number.
        loan_no: String,
        /// Date to state the loan on; defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record an application for a loan.
    Apply(ApplyArgs),
    /// Record the committee's approval of a loan.
    Approve {
        /// Contract number.
        loan_no: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Record the committee's rejection of a loan.
    Reject {
        /// Contract number.
        loan_no: String,
        #[command(flatten)]
        decision: DecisionArgs,
        /// Why it was rejected.
        #[arg(long)]
        reason: String,
    },
    /// Pay out an approved loan and fix its schedule.
    Disburse {
        /// Contract number.
        loan_no: String,
        /// Date paid out; defaults to today.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Paid from the bank rather than in cash.
        #[arg(long)]
        bank: bool,
    },
    /// Record a repayment, split into penalty, interest and principal.
    Repay {
        /// Contract number.
        loan_no: String,
        /// Amount paid in baht.
        #[arg(long, value_name = "BAHT")]
        amount: String,
        /// Date paid; defaults to today.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Paid into the bank rather than in cash.
        #[arg(long)]
        bank: bool,
        /// Receipt number.
        #[arg(long, value_name = "NO")]
        receipt: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reverse the latest repayment of a loan.
    ReverseRepayment {
        /// The repayment's transaction id, as `loans show` lists it.
        id: i64,
        /// Why.
        #[arg(long)]
        note: String,
    },
    /// Spread what a loan owes over a new schedule.
    Reschedule(RescheduleArgs),
    /// Write off what a loan owes, on the committee's decision.
    WriteOff {
        /// Contract number.
        loan_no: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Arrears by days overdue and the portfolio at risk (PAR30).
    Arrears {
        /// Date to state the arrears on; defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a loan product.
    AddProduct(ProductArgs),
    /// List the loan products.
    Products {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a loan agreement with its schedule as a PDF.
    Agreement {
        /// Contract number.
        loan_no: String,
        /// PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the receipt of a repayment as a PDF.
    Receipt {
        /// The repayment's transaction id, as `loans show` lists it.
        id: i64,
        /// PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a member's statement of shares, savings, loans and plastic
    /// credit as a PDF.
    Statement {
        /// Member number.
        #[arg(long, value_name = "NO")]
        member: String,
        /// Date to state it on; defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The same as the top-level `savings` command, kept for scripts
    /// written before it.
    #[command(subcommand, hide = true)]
    Savings(SavingsCommand),
}

#[derive(Debug, Args)]
pub(crate) struct DecisionArgs {
    /// Date of the decision; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Who decided, such as the committee chair.
    #[arg(long, value_name = "NAME")]
    by: String,
    /// Number of the committee's minute, such as 3/2567.
    #[arg(long, value_name = "NO")]
    minute: String,
}

#[derive(Debug, Args)]
pub(crate) struct ApplyArgs {
    /// Borrower's member number.
    #[arg(long, value_name = "NO")]
    member: String,
    /// Loan product code.
    #[arg(long, value_name = "CODE")]
    product: String,
    /// Amount in baht.
    #[arg(long, value_name = "BAHT")]
    amount: String,
    /// Term in months.
    #[arg(long, value_name = "N")]
    months: u32,
    /// Purpose code, such as trade, home, education or vehicle.
    #[arg(long, value_name = "CODE")]
    purpose: String,
    /// Purpose in the borrower's words.
    #[arg(long, value_name = "TEXT")]
    purpose_text: Option<String>,
    /// Guarantor's member number; repeat for several.
    #[arg(long = "guarantor", value_name = "NO")]
    guarantors: Vec<String>,
    /// Date applied for; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Contract number; by default the next of the year, such as ก2568/001.
    #[arg(long, value_name = "NO")]
    loan_no: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RescheduleArgs {
    /// Contract number.
    loan_no: String,
    /// Number of new monthly instalments.
    #[arg(long, value_name = "N")]
    months: u32,
    /// New rate, percent a year; by default the loan's.
    #[arg(long, value_name = "PCT")]
    rate: Option<String>,
    /// New interest method; by default the loan's.
    #[arg(long, value_enum)]
    method: Option<ScheduleMethod>,
    /// Why.
    #[arg(long)]
    reason: String,
    #[command(flatten)]
    decision: DecisionArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ProductArgs {
    /// Short code, such as GEN.
    #[arg(long)]
    code: String,
    /// Name, such as เงินกู้สามัญ.
    #[arg(long)]
    name: String,
    /// Interest method.
    #[arg(long, value_enum)]
    method: ScheduleMethod,
    /// Rate, percent a year.
    #[arg(long, value_name = "PCT")]
    rate: String,
    /// Largest principal in baht.
    #[arg(long, value_name = "BAHT")]
    max_amount: String,
    /// Longest term in months.
    #[arg(long, value_name = "N")]
    max_months: u32,
    /// Purpose code it lends for; repeat for several, none for any.
    #[arg(long = "purpose", value_name = "CODE")]
    purposes: Vec<String>,
    /// Guarantors a loan needs.
    #[arg(long, default_value_t = 1)]
    guarantors: u32,
    /// Days after a due date before a late penalty.
    #[arg(long, default_value_t = 0)]
    grace_days: u32,
    /// Fixed penalty for each instalment paid late, in baht.
    #[arg(long, value_name = "BAHT", default_value = "0")]
    penalty_fee: String,
    /// Penalty on the late amount, percent a year, charged by the day.
    #[arg(long, value_name = "PCT", default_value = "0")]
    penalty_rate: String,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SavingsCommand {
    /// Open a savings account for a member.
    Open {
        /// Member number.
        #[arg(long, value_name = "NO")]
        member: String,
        /// Date opened; defaults to today.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Balance a withdrawal must leave, in baht; by default the
        /// savings_min_balance_satang setting.
        #[arg(long, value_name = "BAHT")]
        minimum: Option<String>,
        /// Account number; by default the next S00001.
        #[arg(long, value_name = "NO")]
        account: Option<String>,
    },
    /// Pay money into an account.
    Deposit(MovementArgs),
    /// Take money out of an account.
    Withdraw(MovementArgs),
    /// Reverse a savings transaction.
    Reverse {
        /// Transaction id, as the passbook lists it.
        id: i64,
        /// Why.
        #[arg(long)]
        note: String,
    },
    /// Add a fiscal year's interest to every account.
    Interest {
        /// Fiscal year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
        /// Rate, percent a year.
        #[arg(long, value_name = "PCT")]
        rate: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// An account's transactions with the running balance.
    Passbook {
        /// Account number.
        account: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct MovementArgs {
    /// Account number.
    account: String,
    /// Amount in baht.
    #[arg(long, value_name = "BAHT")]
    amount: String,
    /// Date; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Through the bank rather than in cash.
    #[arg(long)]
    bank: bool,
    /// Receipt or slip number.
    #[arg(long, value_name = "NO")]
    receipt: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum JournalCommand {
    /// Debit and credit balances of every account for a fiscal year.
    TrialBalance {
        /// Fiscal year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also write it to this file: .pdf or .xlsx.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Receipts and payments of cash and bank over a period.
    CashBook {
        /// First day.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// File to write: .pdf or .xlsx.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Assets, liabilities and equity at the end of a day.
    BalanceSheet {
        /// The day; defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// File to write: .pdf or .xlsx.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Income and expenses of a fiscal year.
    IncomeStatement {
        /// Fiscal year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
        /// File to write: .pdf or .xlsx.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Post the registers' new records to the journal.
    Sync,
    /// List the entries whose debits and credits differ; exits 1 if any.
    Check,
    /// Close a fiscal year: income and expenses into the surplus.
    Close {
        /// Fiscal year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
    },
    /// Post an entry by hand, such as the cash on hand at the start.
    Post {
        /// Date; defaults to today.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// What the entry records.
        #[arg(long)]
        description: String,
        /// A debit as ACCOUNT=BAHT, such as 1101=50000; repeatable.
        #[arg(long = "debit", value_name = "ACCOUNT=BAHT")]
        debits: Vec<String>,
        /// A credit as ACCOUNT=BAHT, such as 3301=50000; repeatable.
        #[arg(long = "credit", value_name = "ACCOUNT=BAHT")]
        credits: Vec<String>,
    },
}

/// Runs `import loans`.
pub(crate) fn import_loans(
    conn: &mut Connection,
    ctx: &Context,
    args: &ImportLoansArgs,
) -> Result<ExitCode> {
    let (mode, accept) = crate::import_mode(&args.common);
    let options = loan_import::Options {
        sheet: args.common.sheet.clone(),
        repayments_sheet: args.repayments_sheet.clone(),
        accept,
        method: args.method.method(),
    };
    let mut bar = crate::progress::Bar::new("import");
    let outcome = loan_import::import(
        conn,
        ctx,
        &args.common.file,
        &options,
        mode,
        &mut |done, total| bar.set(done, total),
    )?;
    bar.finish();
    output::import(
        &outcome.report,
        outcome.imported_before.as_deref(),
        &outcome.changed,
        args.common.json,
    )?;
    Ok(crate::import_status(&outcome.report))
}

/// Runs a `loans` command.
pub(crate) fn loans(cli: &Cli, command: &LoansCommand) -> Result<ExitCode> {
    if let LoansCommand::Schedule {
        principal,
        rate,
        months,
        method,
        json,
    } = command
    {
        print_schedule(principal, rate, *months, method.method(), *json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut conn = crate::open(cli, false)?;
    let ctx = crate::context(cli);
    match command {
        LoansCommand::Schedule { .. } => Ok(()),
        LoansCommand::List { as_of, json } => list(&conn, date_or_today(as_of, &ctx)?, *json),
        LoansCommand::Show {
            loan_no,
            as_of,
            json,
        } => show(&conn, loan_no, date_or_today(as_of, &ctx)?, *json),
        LoansCommand::Apply(args) => apply(&mut conn, &ctx, args),
        LoansCommand::Approve { loan_no, decision } => {
            let decision = decision_of(decision, &ctx)?;
            let loan = crate::in_transaction(&mut conn, |tx| {
                loans::approve(tx, &ctx, loan_no, &decision)
            })?;
            output::line(&format!("approved loan {}", loan.loan_no))
        }
        LoansCommand::Reject {
            loan_no,
            decision,
            reason,
        } => {
            let decision = decision_of(decision, &ctx)?;
            crate::in_transaction(&mut conn, |tx| {
                loans::reject(tx, &ctx, loan_no, &decision, reason)
            })?;
            output::line(&format!("rejected loan {loan_no}"))
        }
        LoansCommand::Disburse {
            loan_no,
            date,
            bank,
        } => {
            let date = date_or_today(date, &ctx)?;
            let loan = crate::in_transaction(&mut conn, |tx| {
                loans::disburse(tx, &ctx, loan_no, date, via(*bank))
            })?;
            output::line(&format!(
                "paid out loan {} of {} baht",
                loan.loan_no, loan.terms.principal
            ))
        }
        LoansCommand::Repay {
            loan_no,
            amount,
            date,
            bank,
            receipt,
            json,
        } => {
            let payment = Payment {
                loan_no: loan_no.clone(),
                date: date_or_today(date, &ctx)?,
                amount: baht(amount, "invalid_amount")?,
                via: via(*bank),
                receipt_no: receipt.clone(),
            };
            let repayment =
                crate::in_transaction(&mut conn, |tx| repayments::repay(tx, &ctx, &payment))?;
            print_repayment(&repayment, *json)
        }
        LoansCommand::ReverseRepayment { id, note } => {
            let reversal = crate::in_transaction(&mut conn, |tx| {
                repayments::reverse_repayment(tx, &ctx, *id, note)
            })?;
            output::line(&format!(
                "reversed repayment {id} as transaction {reversal}"
            ))
        }
        LoansCommand::Reschedule(args) => reschedule(&mut conn, &ctx, args),
        LoansCommand::WriteOff { loan_no, decision } => {
            let decision = decision_of(decision, &ctx)?;
            crate::in_transaction(&mut conn, |tx| {
                repayments::write_off(tx, &ctx, loan_no, &decision)
            })?;
            output::line(&format!("wrote off loan {loan_no}"))
        }
        LoansCommand::Arrears { as_of, json } => {
            print_arrears(&conn, date_or_today(as_of, &ctx)?, *json)
        }
        LoansCommand::AddProduct(args) => add_product(&mut conn, &ctx, args),
        LoansCommand::Products { json } => print_products(&conn, *json),
        LoansCommand::Agreement { loan_no, out } => {
            documents::write_loan_agreement(&conn, loan_no, ctx.today(), out)?;
            output::line(&format!("wrote {}", out.display()))
        }
        LoansCommand::Receipt { id, out } => {
            documents::write_repayment_receipt(&conn, *id, out)?;
            output::line(&format!("wrote {}", out.display()))
        }
        LoansCommand::Statement { member, as_of, out } => {
            let as_of = date_or_today(as_of, &ctx)?;
            documents::write_member_statement(&conn, member, as_of, out)?;
            output::line(&format!("wrote {}", out.display()))
        }
        LoansCommand::Savings(command) => savings_command(&mut conn, &ctx, command),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// Runs a `savings` command.
pub(crate) fn savings(cli: &Cli, command: &SavingsCommand) -> Result<ExitCode> {
    let mut conn = crate::open(cli, false)?;
    let ctx = crate::context(cli);
    savings_command(&mut conn, &ctx, command)?;
    Ok(ExitCode::SUCCESS)
}

/// Posts the records not yet in the journal, then runs `report` in the
/// same transaction. On a read-only database nothing can be posted, so
/// the report reads the journal as it is, with a note saying so.
fn synced<T>(
    conn: &mut Connection,
    ctx: &Context,
    report: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        eprintln!(
            "note: the database is read-only, so records made since its last journal sync \
             are not in this report"
        );
        return report(conn);
    }
    crate::in_transaction(conn, |tx| {
        sync::sync(tx, ctx)?;
        report(tx)
    })
}

/// Runs a `journal` command.
pub(crate) fn journal(cli: &Cli, command: &JournalCommand) -> Result<ExitCode> {
    let mut conn = crate::open(cli, false)?;
    let ctx = crate::context(cli);
    match command {
        JournalCommand::TrialBalance { year, json, out } => {
            let trial = synced(&mut conn, &ctx, |tx| {
                if let Some(out) = out {
                    match is_xlsx(out) {
                        true => export::fund::trial_balance(tx, &ctx, *year, out)?,
                        false => drop(documents::write_trial_balance(tx, *year, ctx.today(), out)?),
                    }
                }
                reports::trial_balance(tx, *year)
            })?;
            print_trial_balance(&trial, *json)?;
        }
        JournalCommand::CashBook { from, to, out } => {
            let (from, to) = (crate::parse_date(from)?, crate::parse_date(to)?);
            synced(&mut conn, &ctx, |tx| match is_xlsx(out) {
                true => export::fund::cash_book(tx, &ctx, from, to, out),
                false => documents::write_cash_book(tx, from, to, ctx.today(), out).map(drop),
            })?;
            output::line(&format!("wrote {}", out.display()))?;
        }
        JournalCommand::BalanceSheet { as_of, out } => {
            let as_of = date_or_today(as_of, &ctx)?;
            synced(&mut conn, &ctx, |tx| match is_xlsx(out) {
                true => export::fund::balance_sheet(tx, &ctx, as_of, out),
                false => documents::write_balance_sheet(tx, as_of, ctx.today(), out).map(drop),
            })?;
            output::line(&format!("wrote {}", out.display()))?;
        }
        JournalCommand::IncomeStatement { year, out } => {
            synced(&mut conn, &ctx, |tx| match is_xlsx(out) {
                true => export::fund::income_statement(tx, &ctx, *year, out),
                false => documents::write_income_statement(tx, *year, ctx.today(), out).map(drop),
            })?;
            output::line(&format!("wrote {}", out.display()))?;
        }
        JournalCommand::Sync => {
            let summary = crate::in_transaction(&mut conn, |tx| sync::sync(tx, &ctx))?;
            output::line(&format!(
                "posted {}; {} moved no money",
                output::counted(summary.posted, "entry", "entries"),
                output::counted(summary.skipped, "record", "records")
            ))?;
            if let Some(low) = journal::lowest_balance(&conn, accounts::CASH)? {
                // Legacy sheets record loans and repayments but not the cash
                // the fund held before them.
                let first = chumchon::thai::date::format_numeric(low.first_entry);
                // Plain digits, without thousands separators, so that the
                // amount can be pasted into the command as it is.
                let short = -low.balance.satang();
                let short = format!("{}.{:02}", short / 100, short % 100);
                output::line(&format!(
                    "note: cash in the journal (account {cash}) falls to {} baht on {}, \
                     because the cash the fund held before these records was never posted; \
                     post at least {short} baht as opening cash dated on or before {first}: \
                     chumchon journal post --date {first} --description \"ยอดยกมา\" \
                     --debit {cash}={short} --credit {opening}={short}",
                    low.balance,
                    chumchon::thai::date::format_numeric(low.date),
                    cash = accounts::CASH,
                    opening = accounts::OPENING_BALANCES,
                ))?;
            }
        }
        JournalCommand::Check => {
            let unbalanced = journal::check(&conn)?;
            for entry in &unbalanced {
                output::line(&format!(
                    "entry {}: total {}, debits {}, credits {}",
                    entry.entry_id, entry.total, entry.debit, entry.credit
                ))?;
            }
            if !unbalanced.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
            output::line("every journal entry balances")?;
        }
        JournalCommand::Close { year } => {
            let closing =
                crate::in_transaction(&mut conn, |tx| years::close_year(tx, &ctx, *year))?;
            output::line(&format!(
                "closed the fiscal year {}; surplus {} baht",
                closing.year_be, closing.surplus
            ))?;
        }
        JournalCommand::Post {
            date,
            description,
            debits,
            credits,
        } => {
            let mut lines = Vec::new();
            for text in debits {
                let (account, amount) = account_amount(text)?;
                lines.push(Line::debit(&account, amount));
            }
            for text in credits {
                let (account, amount) = account_amount(text)?;
                lines.push(Line::credit(&account, amount));
            }
            let date = date_or_today(date, &ctx)?;
            let id = crate::in_transaction(&mut conn, |tx| {
                journal::post_manual(tx, &ctx, date, description, lines)
            })?;
            output::line(&format!("posted journal entry {id}"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn date_or_today(text: &Option<String>, ctx: &Context) -> Result<NaiveDate> {
    match text {
        Some(text) => crate::parse_date(text),
        None => Ok(ctx.today()),
    }
}

fn baht(text: &str, code: &'static str) -> Result<Satang> {
    text.parse::<Satang>()
        .map_err(|error| Error::rule(code, error.to_string()))
}

fn rate(text: &str) -> Result<u32> {
    chumchon::dividends::parse_rate_ppm(text).ok_or_else(|| {
        Error::rule(
            "invalid_rate",
            format!("invalid rate “{text}”: expected a percentage such as 12 or 3.5"),
        )
    })
}

fn via(bank: bool) -> Via {
    if bank {
        Via::Bank
    } else {
        Via::Cash
    }
}

fn decision_of(args: &DecisionArgs, ctx: &Context) -> Result<Decision> {
    Ok(Decision {
        on: date_or_today(&args.date, ctx)?,
        by: args.by.clone(),
        minute_no: args.minute.clone(),
    })
}

/// Reads "1101=50000" into an account code and an amount.
fn account_amount(text: &str) -> Result<(String, Satang)> {
    let (account, amount) = text.split_once('=').ok_or_else(|| {
        Error::rule(
            "invalid_journal_line",
            format!("invalid line “{text}”: expected ACCOUNT=BAHT, such as 1101=500"),
        )
    })?;
    Ok((account.trim().to_string(), baht(amount, "invalid_amount")?))
}

/// Prints `value` as indented JSON.
fn print_json(value: &impl Serialize) -> Result<()> {
    output::line(&serde_json::to_string_pretty(value)?)
}

#[derive(Serialize)]
struct InstalmentJson {
    n: u32,
    principal_satang: i64,
    interest_satang: i64,
    total_satang: i64,
}

#[derive(Serialize)]
struct ScheduleJson {
    instalments: Vec<InstalmentJson>,
    effective_rate_pct: f64,
}

fn print_schedule(
    principal: &str,
    rate_text: &str,
    months: u32,
    method: Method,
    json: bool,
) -> Result<()> {
    let terms = Terms {
        principal: baht(principal, "invalid_amount")?,
        rate_ppm: rate(rate_text)?,
        months,
        method,
    };
    let instalments = schedule::schedule(&terms)?;
    let effective = schedule::effective_rate(terms.principal, &instalments);
    if json {
        return print_json(&ScheduleJson {
            instalments: instalments
                .iter()
                .map(|i| InstalmentJson {
                    n: i.n,
                    principal_satang: i.principal.satang(),
                    interest_satang: i.interest.satang(),
                    total_satang: i.total().satang(),
                })
                .collect(),
            effective_rate_pct: effective.annual_pct(),
        });
    }
    output::line("งวด\tเงินต้น\tดอกเบี้ย\tรวม")?;
    for instalment in &instalments {
        output::line(&format!(
            "{}\t{}\t{}\t{}",
            instalment.n,
            instalment.principal,
            instalment.interest,
            instalment.total()
        ))?;
    }
    output::line(&format!(
        "effective rate {:.2}% a year",
        effective.annual_pct()
    ))
}

#[derive(Serialize)]
struct LoanJson<'a> {
    loan_no: &'a str,
    member_no: &'a str,
    principal_satang: i64,
    outstanding_satang: i64,
    days_overdue: i64,
}

fn list(conn: &Connection, as_of: NaiveDate, json: bool) -> Result<()> {
    let loans = loans::list_loans(conn, as_of)?;
    if json {
        let rows: Vec<LoanJson<'_>> = loans
            .iter()
            .map(|l| LoanJson {
                loan_no: &l.loan_no,
                member_no: &l.member_no,
                principal_satang: l.principal.satang(),
                outstanding_satang: l.outstanding.satang(),
                days_overdue: l.days_overdue,
            })
            .collect();
        return print_json(&rows);
    }
    for loan in &loans {
        output::line(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            loan.loan_no,
            loan.member_no,
            loan.status.as_str(),
            loan.principal,
            loan.outstanding,
            loan.days_overdue
        ))?;
    }
    Ok(())
}

fn show(conn: &Connection, loan_no: &str, as_of: NaiveDate, json: bool) -> Result<()> {
    let detail = loans::detail(conn, loan_no, as_of)?;
    if json {
        return print_json(&detail);
    }
    let loan = &detail.loan;
    let position = &detail.position;
    output::line(&format!(
        "{} {} {} ({}), {} baht at {}% a year over {} months, {}",
        loan.loan_no,
        loan.member_no,
        loan.member_name,
        loan.status.as_str(),
        loan.terms.principal,
        chumchon::dividends::format_rate_ppm(loan.terms.rate_ppm),
        loan.terms.months,
        loan.terms.method.as_str()
    ))?;
    output::line(&format!(
        "outstanding {} baht, interest due {}, penalty due {}, {} days overdue",
        position.outstanding, position.interest_due, position.penalty_due, position.days_overdue
    ))?;
    for transaction in &detail.transactions {
        let reversal = if transaction.reverses_id.is_some() {
            " (reversal)"
        } else {
            ""
        };
        output::line(&format!(
            "{}\t{}\t{}{reversal}\t{}\tprincipal {}\tinterest {}\tpenalty {}",
            transaction.id,
            chumchon::thai::date::format_numeric(transaction.date),
            transaction.kind.as_str(),
            transaction.amount,
            transaction.principal,
            transaction.interest,
            transaction.penalty
        ))?;
    }
    Ok(())
}

fn apply(conn: &mut Connection, ctx: &Context, args: &ApplyArgs) -> Result<()> {
    let application = Application {
        member_no: args.member.clone(),
        product_code: args.product.clone(),
        principal: baht(&args.amount, "invalid_amount")?,
        months: args.months,
        purpose_code: args.purpose.clone(),
        purpose_text: args.purpose_text.clone(),
        guarantors: args.guarantors.clone(),
        applied_on: date_or_today(&args.date, ctx)?,
        loan_no: args.loan_no.clone(),
        note: None,
    };
    let loan = crate::in_transaction(conn, |tx| loans::apply(tx, ctx, &application))?;
    output::line(&format!("applied for loan {}", loan.loan_no))
}

fn reschedule(conn: &mut Connection, ctx: &Context, args: &RescheduleArgs) -> Result<()> {
    let change = Rescheduling {
        date: date_or_today(&args.decision.date, ctx)?,
        months: args.months,
        rate_ppm: args.rate.as_deref().map(rate).transpose()?,
        method: args.method.map(ScheduleMethod::method),
        reason: args.reason.clone(),
        approved_by: args.decision.by.clone(),
        minute_no: args.decision.minute.clone(),
    };
    let version = crate::in_transaction(conn, |tx| {
        repayments::reschedule(tx, ctx, &args.loan_no, &change)
    })?;
    output::line(&format!(
        "rescheduled loan {}: {} baht over {} months from {}",
        args.loan_no,
        version.principal,
        version.months,
        chumchon::thai::date::format_numeric(version.starts_on)
    ))
}

fn print_repayment(repayment: &repayments::Repayment, json: bool) -> Result<()> {
    if json {
        return print_json(repayment);
    }
    let split = &repayment.allocation;
    output::line(&format!(
        "recorded repayment {}: penalty {}, interest {}, principal {}; {} baht outstanding{}",
        repayment.transaction_id,
        split.penalty,
        split.interest,
        split.principal,
        repayment.position.outstanding,
        if repayment.closed {
            ", loan closed"
        } else {
            ""
        }
    ))
}

#[derive(Serialize)]
struct BucketJson<'a> {
    label: &'a str,
    from_days: i64,
    to_days: Option<i64>,
    loans: usize,
    outstanding_satang: i64,
    overdue_satang: i64,
}

#[derive(Serialize)]
struct ArrearsJson<'a> {
    as_of: NaiveDate,
    buckets: Vec<BucketJson<'a>>,
    outstanding_satang: i64,
    par30_outstanding_satang: i64,
    par30_pct: f64,
}

fn print_arrears(conn: &Connection, as_of: NaiveDate, json: bool) -> Result<()> {
    let report = arrears::arrears(conn, as_of)?;
    if json {
        return print_json(&ArrearsJson {
            as_of,
            buckets: report
                .buckets
                .iter()
                .map(|b| BucketJson {
                    label: b.label,
                    from_days: b.from_days,
                    to_days: b.to_days,
                    loans: b.loans,
                    outstanding_satang: b.outstanding.satang(),
                    overdue_satang: b.overdue.satang(),
                })
                .collect(),
            outstanding_satang: report.outstanding.satang(),
            par30_outstanding_satang: report.par30_outstanding.satang(),
            par30_pct: report.par30_pct(),
        });
    }
    for bucket in &report.buckets {
        output::line(&format!(
            "{}\t{} loans\t{} baht outstanding\t{} baht overdue",
            bucket.label, bucket.loans, bucket.outstanding, bucket.overdue
        ))?;
    }
    output::line(&format!(
        "PAR30 {:.2}% ({} of {} baht)",
        report.par30_pct(),
        report.par30_outstanding,
        report.outstanding
    ))
}

fn add_product(conn: &mut Connection, ctx: &Context, args: &ProductArgs) -> Result<()> {
    let product = Product {
        id: 0,
        code: args.code.clone(),
        name: args.name.clone(),
        method: args.method.method(),
        rate_ppm: rate(&args.rate)?,
        max_principal: baht(&args.max_amount, "invalid_amount")?,
        max_months: args.max_months,
        purposes: args.purposes.clone(),
        guarantors_required: args.guarantors,
        penalty: PenaltyRule {
            grace_days: args.grace_days,
            fee: baht(&args.penalty_fee, "invalid_amount")?,
            rate_ppm: rate(&args.penalty_rate)?,
        },
    };
    crate::in_transaction(conn, |tx| products::add_product(tx, ctx, &product))?;
    output::line(&format!("added loan product {}", product.code))
}

fn print_products(conn: &Connection, json: bool) -> Result<()> {
    let products = products::list_products(conn)?;
    if json {
        return print_json(&products);
    }
    for product in &products {
        output::line(&format!(
            "{}\t{}\t{}\t{}% a year\tup to {} baht over {} months",
            product.code,
            product.name,
            product.method.as_str(),
            chumchon::dividends::format_rate_ppm(product.rate_ppm),
            product.max_principal,
            product.max_months
        ))?;
    }
    Ok(())
}

fn savings_command(conn: &mut Connection, ctx: &Context, command: &SavingsCommand) -> Result<()> {
    match command {
        SavingsCommand::Open {
            member,
            date,
            minimum,
            account,
        } => {
            let date = date_or_today(date, ctx)?;
            let minimum = minimum
                .as_deref()
                .map(|text| baht(text, "invalid_amount"))
                .transpose()?;
            let account = crate::in_transaction(conn, |tx| {
                savings::open_account(tx, ctx, member, date, minimum, account.as_deref())
            })?;
            output::line(&format!("opened savings account {}", account.account_no))
        }
        SavingsCommand::Deposit(args) => savings_movement(conn, ctx, args, true),
        SavingsCommand::Withdraw(args) => savings_movement(conn, ctx, args, false),
        SavingsCommand::Reverse { id, note } => {
            let reversal = crate::in_transaction(conn, |tx| savings::reverse(tx, ctx, *id, note))?;
            output::line(&format!("reversed savings transaction {id} as {reversal}"))
        }
        SavingsCommand::Interest {
            year,
            rate: text,
            json,
        } => {
            let rate_ppm = rate(text)?;
            let posting =
                crate::in_transaction(conn, |tx| savings::post_interest(tx, ctx, *year, rate_ppm))?;
            if *json {
                return print_json(&posting);
            }
            output::line(&format!(
                "posted {} baht of {} interest to {} accounts",
                posting.total,
                posting.year_be,
                posting.accounts.len()
            ))
        }
        SavingsCommand::Passbook { account, json } => {
            let book = savings::passbook(conn, account)?;
            if *json {
                return print_json(&book);
            }
            for line in &book.lines {
                output::line(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    line.id,
                    chumchon::thai::date::format_numeric(line.date),
                    line.kind.thai(),
                    line.paid_in,
                    line.paid_out,
                    line.balance
                ))?;
            }
            output::line(&format!("balance {} baht", book.account.balance))
        }
    }
}

fn savings_movement(
    conn: &mut Connection,
    ctx: &Context,
    args: &MovementArgs,
    deposit: bool,
) -> Result<()> {
    let movement = savings::Movement {
        account_no: &args.account,
        date: date_or_today(&args.date, ctx)?,
        amount: baht(&args.amount, "invalid_amount")?,
        via: via(args.bank),
        receipt_no: args.receipt.as_deref(),
    };
    let id = crate::in_transaction(conn, |tx| {
        if deposit {
            savings::deposit(tx, ctx, &movement)
        } else {
            savings::withdraw(tx, ctx, &movement)
        }
    })?;
    let balance = savings::get_account(conn, &args.account)?.balance;
    output::line(&format!(
        "recorded savings transaction {id}; balance {balance} baht"
    ))
}

#[derive(Serialize)]
struct AccountJson<'a> {
    code: &'a str,
    name: &'a str,
    debit_satang: i64,
    credit_satang: i64,
}

#[derive(Serialize)]
struct TrialBalanceJson<'a> {
    accounts: Vec<AccountJson<'a>>,
    debit_total_satang: i64,
    credit_total_satang: i64,
}

fn print_trial_balance(trial: &reports::TrialBalance, json: bool) -> Result<()> {
    if json {
        return print_json(&TrialBalanceJson {
            accounts: trial
                .accounts
                .iter()
                .map(|a| AccountJson {
                    code: &a.code,
                    name: &a.name,
                    debit_satang: a.debit.satang(),
                    credit_satang: a.credit.satang(),
                })
                .collect(),
            debit_total_satang: trial.debit_total.satang(),
            credit_total_satang: trial.credit_total.satang(),
        });
    }
    for account in &trial.accounts {
        output::line(&format!(
            "{}\t{}\t{}\t{}",
            account.code, account.name, account.debit, account.credit
        ))?;
    }
    output::line(&format!(
        "total\t\t{}\t{}",
        trial.debit_total, trial.credit_total
    ))
}

/// Whether `path` names an Excel file; anything else is written as a PDF.
fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("xlsx"))
}
