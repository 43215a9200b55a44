//! The map's commands: importing zones, households and collection points
//! from GeoJSON or KML, exporting a community's layers as GeoJSON or KML, a
//! zone's summary, and sketch maps with their pins.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use rusqlite::Connection;

use chumchon::import::session::Mode;
use chumchon::members::{find_community, Community};
use chumchon::places::{self, FeatureStatus, PlacesOutcome, PlacesReport};
use chumchon::{Error, Result};

use crate::output::line;
use crate::Cli;

#[derive(Debug, Subcommand)]
pub(crate) enum PlacesCommand {
    /// Read zones, households and points from a GeoJSON or KML file.
    Import {
        /// The .geojson or .kml file.
        file: PathBuf,
        /// Community the places belong to, created if new.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Check the file and report, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a community's geographic layers as GeoJSON or KML.
    Export {
        /// Community to export.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// File to write, .geojson or .kml (the extension picks the
        /// format); an existing file is replaced.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Draw a community's map (zones, points, households) as a PDF or a
    /// PNG picture.
    Map {
        /// Community to draw.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// File to write, .pdf or .png (the extension picks the format);
        /// an existing file is replaced.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Show a zone's members, households, points, deposits and rounds.
    Zone {
        /// Community of the zone.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Zone name.
        #[arg(long, value_name = "NAME")]
        zone: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Store, list or export a community's scanned sketch maps.
    #[command(subcommand)]
    Sketch(SketchCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum SketchCommand {
    /// Store a scanned map (PNG or JPEG) for a community.
    Add {
        /// Community the map shows.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Name of the map, such as "แผนที่ชุมชน 2567".
        #[arg(long, value_name = "NAME")]
        name: String,
        /// The PNG or JPEG file.
        #[arg(long, value_name = "FILE")]
        image: PathBuf,
    },
    /// Pin a household (by house number) or a collection point (by name)
    /// on a sketch map, at a pixel of the image.
    Pin {
        /// Community of the map.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Name of the map.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// House number of the household to pin.
        #[arg(
            long,
            value_name = "NO",
            conflicts_with = "point",
            required_unless_present = "point"
        )]
        house: Option<String>,
        /// หมู่ of the household, when house numbers repeat across หมู่.
        #[arg(long, value_name = "MOO", requires = "house")]
        moo: Option<String>,
        /// Name of the collection point to pin.
        #[arg(long, value_name = "NAME")]
        point: Option<String>,
        /// Pixels from the image's left edge.
        #[arg(long)]
        x: f64,
        /// Pixels from the image's top edge.
        #[arg(long)]
        y: f64,
    },
    /// List a community's sketch maps with their pins.
    List {
        /// Community.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read back a sketch map that `places sketch export` wrote: its
    /// .pins.json file and the image beside it.
    Import {
        /// Community to store the map in.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// The .pins.json file.
        #[arg(long, value_name = "FILE")]
        pins: PathBuf,
    },
    /// Write a sketch map's image and its pins (as JSON) into a folder.
    Export {
        /// Community of the map.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Name of the map.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// Folder to write into, created if missing.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

/// Runs a `places` command.
pub(crate) fn places(cli: &Cli, command: &PlacesCommand) -> Result<ExitCode> {
    let mut conn = match command {
        PlacesCommand::Import { dry_run: true, .. } => crate::open_for_preview(cli)?,
        PlacesCommand::Import { .. } => crate::open(cli, true)?,
        _ => crate::open(cli, false)?,
    };
    let ctx = crate::context(cli);
    match command {
        PlacesCommand::Import {
            file,
            community,
            dry_run,
            json,
        } => {
            let mode = if *dry_run {
                Mode::Preview
            } else {
                Mode::Commit
            };
            let outcome = places::import(&mut conn, &ctx, file, community, mode)?;
            print_import(&outcome, *json)?;
            return Ok(import_status(&outcome.report));
        }
        PlacesCommand::Export { community, out } => {
            let community = community_named(&conn, community)?;
            let counts = places::export_layers(&conn, &ctx, community.id, out)?;
            print_written(out, counts)?;
            let sketches = places::sketch_maps(&conn, community.id)?;
            if !sketches.is_empty() {
                line(&format!(
                    "{} sketch maps are not in the export; write them with `places sketch export`",
                    sketches.len()
                ))?;
            }
        }
        PlacesCommand::Map { community, out } => {
            let community = community_named(&conn, community)?;
            let counts = places::export_map(&conn, &ctx, community.id, out)?;
            print_written(out, counts)?;
        }
        PlacesCommand::Zone {
            community,
            zone,
            json,
        } => zone_summary(&conn, community, zone, *json)?,
        PlacesCommand::Sketch(command) => sketch(&mut conn, &ctx, command)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn print_written(out: &std::path::Path, counts: places::LayerCounts) -> Result<()> {
    line(&format!(
        "wrote {}: {} zones, {} households, {} collection points",
        out.display(),
        counts.zones,
        counts.households,
        counts.points
    ))
}

fn community_named(conn: &Connection, name: &str) -> Result<Community> {
    find_community(conn, name)?.ok_or_else(|| Error::NotFound {
        what: "community",
        key: name.to_string(),
    })
}

/// 0 when no feature was refused, 3 when some were refused and others
/// written, 2 when refusals left nothing written: the member import's
/// exit codes.
fn import_status(report: &PlacesReport) -> ExitCode {
    let written = report.report.imported + report.updated;
    match (report.report.errors.is_empty(), written) {
        (true, _) => ExitCode::SUCCESS,
        (false, 0) => ExitCode::from(crate::EXIT_NOTHING_IMPORTED),
        (false, _) => ExitCode::from(crate::EXIT_ROWS_REFUSED),
    }
}

fn print_import(outcome: &PlacesOutcome, json: bool) -> Result<()> {
    let report = &outcome.report;
    if json {
        return line(&serde_json::to_string_pretty(report)?);
    }
    if let Some(at) = &outcome.imported_before {
        line(&format!(
            "{} was imported before on {at}; unchanged places were skipped",
            report.report.file
        ))?;
    }
    line(&format!(
        "{} → {}: {} read, {} imported, {} updated, {} skipped, {}, {}{}",
        report.report.file,
        report.community,
        crate::output::counted(report.report.rows_read, "feature", "features"),
        report.report.imported,
        report.updated,
        report.report.skipped,
        crate::output::counted(report.report.errors.len(), "error", "errors"),
        crate::output::counted(report.report.warnings.len(), "warning", "warnings"),
        if report.report.committed {
            ""
        } else {
            " (nothing written)"
        },
    ))?;
    for feature in &report.features {
        let label = match (&feature.layer, &feature.name) {
            (Some(layer), Some(name)) => format!("{} “{name}”", layer.as_str()),
            (Some(layer), None) => layer.as_str().to_string(),
            (None, Some(name)) => format!("“{name}”"),
            (None, None) => String::new(),
        };
        let status = match feature.status {
            FeatureStatus::Imported => "imported",
            FeatureStatus::Updated => "updated",
            FeatureStatus::Skipped => "skipped",
            FeatureStatus::Error => "error",
        };
        let reason = match (feature.code, &feature.reason) {
            (Some(code), Some(reason)) => format!(" [{code}] {reason}"),
            _ => String::new(),
        };
        line(&format!(
            "  feature {} {label}: {status}{reason}",
            feature.feature
        ))?;
    }
    for warning in &report.report.warnings {
        line(&format!(
            "  warning feature {} [{}] {}",
            warning.row.unwrap_or_default(),
            warning.code,
            warning.message
        ))?;
    }
    Ok(())
}

fn zone_summary(conn: &Connection, community: &str, zone: &str, json: bool) -> Result<()> {
    let community = community_named(conn, community)?;
    let zone = places::find_zone(conn, community.id, zone)?.ok_or_else(|| Error::NotFound {
        what: "zone",
        key: zone.to_string(),
    })?;
    let summary = places::zone_summary(conn, zone.id, places::Period::default())?;
    if json {
        return line(&serde_json::to_string_pretty(&summary)?);
    }
    line(&format!(
        "{} / {}: leader {}, {} members, {} households, {} collection points",
        community.name,
        summary.zone.name,
        summary.zone.leader_name.as_deref().unwrap_or("-"),
        summary.members.len(),
        summary.households.len(),
        summary.points.len()
    ))?;
    for (label, totals) in [
        ("deposits at its points", &summary.deposits_at_points),
        ("deposits by its members", &summary.deposits_by_members),
    ] {
        line(&format!(
            "{label}: {} deposits, {} kg, {} baht",
            totals.deposits,
            chumchon::waste::format_kg(totals.grams),
            totals.value
        ))?;
    }
    for round in &summary.rounds {
        line(&format!(
            "round of {} ({}): {} records, {} kg",
            round.collector,
            round.frequency,
            round.records,
            chumchon::waste::format_kg(round.grams)
        ))?;
    }
    Ok(())
}

fn sketch(conn: &mut Connection, ctx: &chumchon::Context, command: &SketchCommand) -> Result<()> {
    match command {
        SketchCommand::Add {
            community,
            name,
            image,
        } => {
            let community = community_named(conn, community)?;
            let bytes = std::fs::read(image).map_err(|source| Error::Io {
                path: image.clone(),
                source,
            })?;
            let map = crate::in_transaction(conn, |tx| {
                places::add_sketch_map(tx, ctx, community.id, name, &bytes)
            })?;
            line(&format!(
                "stored sketch map {} ({} × {} pixels, {} bytes)",
                map.name, map.width, map.height, map.size_bytes
            ))
        }
        SketchCommand::Pin {
            community,
            name,
            house,
            moo,
            point,
            x,
            y,
        } => {
            let community = community_named(conn, community)?;
            let map = sketch_named(conn, community.id, name)?;
            let target = pin_target(
                conn,
                community.id,
                house.as_deref(),
                moo.as_deref(),
                point.as_deref(),
            )?;
            let pin = crate::in_transaction(conn, |tx| {
                places::pin(tx, ctx, map.id, target, places::Pixel { x: *x, y: *y })
            })?;
            line(&format!(
                "pinned {} at ({}, {}) on {}",
                pin.label, pin.at.x, pin.at.y, map.name
            ))
        }
        SketchCommand::List { community, json } => {
            let community = community_named(conn, community)?;
            let mut listed = Vec::new();
            for map in places::sketch_maps(conn, community.id)? {
                let pins = places::pins(conn, map.id)?;
                listed.push(serde_json::json!({ "map": map, "pins": pins }));
            }
            if *json {
                return line(&serde_json::to_string_pretty(&listed)?);
            }
            for entry in &listed {
                line(&format!(
                    "{}\t{} × {}\t{} pins",
                    entry["map"]["name"].as_str().unwrap_or_default(),
                    entry["map"]["width"],
                    entry["map"]["height"],
                    entry["pins"].as_array().map_or(0, Vec::len)
                ))?;
            }
            Ok(())
        }
        SketchCommand::Import { community, pins } => {
            let community = community_named(conn, community)?;
            let outcome = crate::in_transaction(conn, |tx| {
                places::import_sketch(tx, ctx, community.id, pins)
            })?;
            line(&format!(
                "sketch map {}: {} pins placed, {} zones drawn, {} unchanged, {} not found",
                outcome.map.name,
                outcome.pinned,
                outcome.zones_drawn,
                outcome.unchanged,
                outcome.missing.len()
            ))?;
            for label in &outcome.missing {
                line(&format!("  not found: {label}"))?;
            }
            Ok(())
        }
        SketchCommand::Export {
            community,
            name,
            out,
        } => {
            let community = community_named(conn, community)?;
            let map = sketch_named(conn, community.id, name)?;
            let written = places::export_sketch(conn, map.id, out)?;
            line(&format!(
                "wrote {} and {}",
                written.image.display(),
                written.pins.display()
            ))
        }
    }
}

fn sketch_named(conn: &Connection, community_id: i64, name: &str) -> Result<places::SketchMap> {
    places::find_sketch_map(conn, community_id, name)?.ok_or_else(|| Error::NotFound {
        what: "sketch map",
        key: name.to_string(),
    })
}

/// Looks up the household or point that a pin command names.
fn pin_target(
    conn: &Connection,
    community_id: i64,
    house: Option<&str>,
    moo: Option<&str>,
    point: Option<&str>,
) -> Result<places::PinTarget> {
    if let Some(point) = point {
        let found = places::find_collection_point(conn, community_id, point)?;
        let found = found.ok_or_else(|| Error::NotFound {
            what: "collection point",
            key: point.to_string(),
        })?;
        return Ok(places::PinTarget::Point(found.id));
    }
    let house = house.unwrap_or_default();
    let matches: Vec<places::Household> = places::list_households(conn, community_id)?
        .into_iter()
        .filter(|h| h.details.address.house_no == house.trim())
        .filter(|h| moo.is_none_or(|moo| h.details.address.moo.as_deref() == Some(moo.trim())))
        .collect();
    match matches.as_slice() {
        [household] => Ok(places::PinTarget::Household(household.id)),
        [] => Err(Error::NotFound {
            what: "household",
            key: house.to_string(),
        }),
        _ => Err(Error::rule(
            "household_ambiguous",
            format!("several households have house number {house}; give --moo"),
        )),
    }
}
