//! The community bank's commands: importing legacy loans, the loan list,
//! instalment schedules and the journal's trial balance.

use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use rusqlite::Connection;

use chumchon::{Context, Result};

use crate::{Cli, ImportCommon};

#[derive(Debug, Args)]
pub(crate) struct ImportLoansArgs {
    #[command(flatten)]
    pub common: ImportCommon,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ScheduleMethod {
    /// Interest on the original principal for the whole term.
    Flat,
    /// Interest on the balance still owed, in equal instalments.
    Declining,
}

#[derive(Debug, Subcommand)]
pub(crate) enum LoansCommand {
    /// Every loan with its outstanding principal and days overdue.
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
}

#[derive(Debug, Subcommand)]
pub(crate) enum JournalCommand {
    /// Debit and credit totals of every account for a fiscal year.
    TrialBalance {
        /// Fiscal year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `import loans`.
pub(crate) fn import_loans(
    _conn: &mut Connection,
    _ctx: &Context,
    _args: &ImportLoansArgs,
) -> Result<ExitCode> {
    Err(crate::not_built("import loans"))
}

/// Runs a `loans` command.
pub(crate) fn loans(_cli: &Cli, _command: &LoansCommand) -> Result<ExitCode> {
    Err(crate::not_built("loans"))
}

/// Runs a `journal` command.
pub(crate) fn journal(_cli: &Cli, _command: &JournalCommand) -> Result<ExitCode> {
    Err(crate::not_built("journal"))
}
