//! The map's commands: importing zones, households and collection points
//! from GeoJSON or KML, and exporting a community's layers as GeoJSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use chumchon::Result;

use crate::Cli;

#[derive(Debug, Subcommand)]
pub(crate) enum PlacesCommand {
    /// Read zones, households and points from a GeoJSON or KML file.
    Import {
        /// The .geojson or .kml file.
        file: PathBuf,
        /// Community the places belong to.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a community's geographic layers as GeoJSON.
    Export {
        /// Community to export.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// GeoJSON file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Runs a `places` command.
pub(crate) fn places(_cli: &Cli, _command: &PlacesCommand) -> Result<ExitCode> {
    Err(crate::not_built("places"))
}
