//! The community's map as a one-page PDF for meetings: the geographic
//! layers drawn by [`crate::pdf::map`]. Sketch-map pins are image pixels,
//! so they are not on it.

use std::path::Path;

use rusqlite::Connection;

use super::communities::community_profile;
use super::households::list_households;
use super::layers::LayerCounts;
use super::points::list_collection_points;
use super::zones::list_zones;
use crate::pdf::map::{write_map, MapMarker, MapSheet, MapZone};
use crate::{Context, Result};

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
    Ok(LayerCounts {
        zones: sheet.zones.len(),
        households: sheet.households.len(),
        points: sheet.points.len(),
    })
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
