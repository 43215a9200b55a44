//! Starts the Chumchon desktop app.

// Without a console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// Chumchon: registers, dividends and Thai documents for a community
/// foundation's office.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Database file to open instead of the one chosen in the settings
    /// (also set by the CHUMCHON_DB environment variable).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Fill an empty database with demo members, shares and a dividend run.
    #[arg(long)]
    demo: bool,
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();

    let launch = chumchon_app::Launch {
        db: args.db,
        demo: args.demo,
    };
    if let Err(error) = chumchon_app::run(launch) {
        tracing::error!(%error, "the app stopped with an error");
        std::process::exit(1);
    }
}
