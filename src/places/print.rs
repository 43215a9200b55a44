//! The community's map for meetings, as a one-page PDF or a PNG picture:
//! the geographic layers drawn by [`crate::pdf::map`], one layout for
//! both. Sketch-map pins are image pixels, so they are not on it.

use std::path::Path;

use rusqlite::Connection;

use super::communities::community_profile;
use super::households::list_households;
use super::layers::LayerCounts;
use super::points::list_collection_points;
use super::zones::list_zones;
use crate::pdf::map::png::write_map_png;
use crate::pdf::map::{write_map, MapMarker, MapSheet, MapZone};
use crate::{Context, Error, Result};

/// Writes a community's zones, collection points and households with a
/// position as a PDF map at `out`, replacing any file there, dated with the
/// context's date. Returns how many of each it drew.
pub fn export_map_pdf(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    out: &Path,
) -> Result<LayerCounts> {
    crate::db::refuse_database_as_output(conn, out)?;
    let sheet = map_sheet(conn, ctx, community_id)?;
    write_map(out, &sheet)?;
    Ok(counts(&sheet))
}

/// Writes a community's map as a PNG picture at `out`, the PDF's page
/// rasterized with the zones filled in colour, replacing any file there.
/// Returns how many of each layer it drew.
pub fn export_map_png(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    out: &Path,
) -> Result<LayerCounts> {
    crate::db::refuse_database_as_output(conn, out)?;
    let sheet = map_sheet(conn, ctx, community_id)?;
    write_map_png(out, &sheet)?;
    Ok(counts(&sheet))
}

/// Writes a community's map as a PDF or a PNG picture, as the file name's
/// extension (`.pdf` or `.png`) names.
pub fn export_map(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    out: &Path,
) -> Result<LayerCounts> {
    match super::layers::lowercase_extension(out).as_str() {
        "pdf" => export_map_pdf(conn, ctx, community_id, out),
        "png" => export_map_png(conn, ctx, community_id, out),
        _ => Err(Error::rule(
            "places_map_type",
            format!(
                "{} does not end in .pdf or .png; name the file with the format to write",
                out.display()
            ),
        )),
    }
}

fn counts(sheet: &MapSheet) -> LayerCounts {
    LayerCounts {
        zones: sheet.zones.len(),
        households: sheet.households.len(),
        points: sheet.points.len(),
    }
}

fn map_sheet(conn: &Connection, ctx: &Context, community_id: i64) -> Result<MapSheet> {
    let profile = community_profile(conn, community_id)?;
    let zones = list_zones(conn, community_id)?
        .into_iter()
        .filter_map(|zone| {
            let rings = zone.polygon?.coordinates();
            Some(MapZone {
                name: zone.name,
                rings,
            })
        })
        .collect();
    let points = list_collection_points(conn, community_id)?
        .into_iter()
        .filter_map(|point| {
            Some(MapMarker {
                position: point.details.location?.to_array(),
                label: point.details.name,
            })
        })
        .collect();
    let households = list_households(conn, community_id)?
        .into_iter()
        .filter_map(|household| {
            Some(MapMarker {
                position: household.details.location?.to_array(),
                label: household.details.address.house_no,
            })
        })
        .collect();
    Ok(MapSheet {
        title: format!("แผนที่ชุมชน{}", profile.name),
        subtitle: profile.details.municipality,
        printed_on: ctx.today(),
        zones,
        points,
        households,
    })
}
