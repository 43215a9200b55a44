//! The exchange's commands: importing equipment lists, posting needs and
//! offers, and listing the matches between communities.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use rusqlite::Connection;

use chumchon::{Context, Result};

use crate::{Cli, ImportCommon};

#[derive(Debug, Args)]
pub(crate) struct ImportEquipmentArgs {
    #[command(flatten)]
    pub common: ImportCommon,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ExchangeCommand {
    /// Post what a community needs, such as "ฝาหม้อหุงข้าว 10 ลิตร".
    Need {
        /// Community that needs it.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Description of the need.
        text: String,
    },
    /// Post what a community offers: a second-hand item, a spare part or
    /// something to lend.
    Offer {
        /// Community that offers it.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Description of the offer.
        text: String,
    },
    /// Proposed matches between needs and offers.
    Matches {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `import equipment`.
pub(crate) fn import_equipment(
    _conn: &mut Connection,
    _ctx: &Context,
    _args: &ImportEquipmentArgs,
) -> Result<ExitCode> {
    Err(crate::not_built("import equipment"))
}

/// Runs an `exchange` command.
pub(crate) fn exchange(_cli: &Cli, _command: &ExchangeCommand) -> Result<ExitCode> {
    Err(crate::not_built("exchange"))
}
