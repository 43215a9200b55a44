//! The waste bank's commands: importing deposit logs, the year's deposit
//! summary, tracing plastic credit and the programme report for partners.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use rusqlite::Connection;

use chumchon::{Context, Result};

use crate::{Cli, ImportCommon};

#[derive(Debug, Args)]
pub(crate) struct ImportDepositsArgs {
    #[command(flatten)]
    pub common: ImportCommon,
    /// Map a material name in the sheet to a material code, such as
    /// "ขวดใส=PET_CLEAR"; repeatable.
    #[arg(long = "map", value_name = "NAME=CODE")]
    pub map: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DepositsCommand {
    /// Rows, value and kilograms by material of a year's deposits.
    Summary {
        /// Year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CreditCommand {
    /// Each share a member bought with plastic credit, the deposit lines it
    /// used and the sales those kilograms left in.
    Trace {
        /// Member number.
        #[arg(long, value_name = "NO")]
        member: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ReportCommand {
    /// The programme report for partners, as a PDF.
    Programme {
        /// First day of the period, such as 1/1/2567.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day of the period.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Runs `import deposits`.
pub(crate) fn import_deposits(
    _conn: &mut Connection,
    _ctx: &Context,
    _args: &ImportDepositsArgs,
) -> Result<ExitCode> {
    Err(crate::not_built("import deposits"))
}

/// Runs a `deposits` command.
pub(crate) fn deposits(_cli: &Cli, _command: &DepositsCommand) -> Result<ExitCode> {
    Err(crate::not_built("deposits"))
}

/// Runs a `credit` command.
pub(crate) fn credit(_cli: &Cli, _command: &CreditCommand) -> Result<ExitCode> {
    Err(crate::not_built("credit"))
}

/// Runs a `report` command.
pub(crate) fn report(_cli: &Cli, _command: &ReportCommand) -> Result<ExitCode> {
    Err(crate::not_built("report"))
}
