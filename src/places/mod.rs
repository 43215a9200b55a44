//! Communities on the map: zones and their polygons, households with each
//! address part stored apart, collection points, and scanned sketch maps
//! with pins in image coordinates.
//!
//! - [`communities`]: a community's kind, MOU date, contacts and notes.
//! - [`zones`]: zones with their leader and outline.
//! - [`households`]: households, their address parts and their members.
//! - [`points`]: collection points with position, materials and hours.
//! - [`schedule`]: opening hours read from and written as text.
//! - [`sketch`]: scanned community maps with pins in image pixels.
//! - [`sketch_zones`]: zones drawn on those maps, in image pixels.
//! - [`summary`]: a zone's members, households, points, deposits and
//!   collectors' rounds.
//! - [`geometry`]: the checks on positions and outlines.
//! - [`layers`]: the geographic layers as GeoJSON, for the map, and their
//!   export as GeoJSON or KML.
//! - [`import`]: GeoJSON and KML import with a report on every feature.
//! - [`print`]: the map as a PDF or PNG for meetings.
//!
//! Every function that writes takes a [`crate::Context`] and records the change
//! in the audit log.

pub mod communities;
pub mod geometry;
pub mod households;
pub mod import;
mod kml;
pub mod layers;
pub mod points;
pub mod print;
pub mod schedule;
pub mod sketch;
pub mod sketch_zones;
mod source;
pub mod summary;
pub mod zones;

use serde::Serialize;

use crate::audit::Change;

pub use communities::{
    add_contact, community_profile, remove_contact, update_community, update_contact,
    CommunityDetails, CommunityKind, CommunityProfile, Contact, ContactDetails,
};
pub use geometry::{GeometryError, LonLat, Pixel, Polygon, THAILAND};
pub use households::{
    add_household, find_household, household, list_households, member_household, move_household,
    remove_household, set_member_household, update_household, HouseAddress, Household,
    HouseholdDetails, Resident,
};
pub use import::{import, FeatureOutcome, FeatureStatus, Layer, PlacesOutcome, PlacesReport};
pub use layers::{count_layers, export_geojson, export_kml, export_layers, layers, LayerCounts};
pub use points::{
    add_collection_point, collection_point, find_collection_point, list_collection_points,
    move_collection_point, update_collection_point, CollectionPoint, PointDetails,
};
pub use print::{export_map, export_map_pdf, export_map_png};
pub use schedule::{format_schedule, parse_schedule, Opening};
pub use sketch::{
    add_sketch_map, export_sketch, find_sketch_map, import_sketch, pin, pins, remove_sketch_map,
    sketch_image, sketch_map, sketch_maps, unpin, ImageFormat, Pin, PinTarget, SketchExport,
    SketchImport, SketchMap,
};
pub use sketch_zones::{draw_sketch_zone, erase_sketch_zone, sketch_zones, SketchZone};
pub use summary::{zone_summary, DepositTotals, Period, ZoneMember, ZoneRound, ZoneSummary};
pub use zones::{
    add_zone, find_zone, list_zones, remove_zone, set_zone_polygon, update_zone, zone, zone_at,
    zone_links, Zone, ZoneDetails, ZoneLinks,
};

/// Builds the audit entry of a record whose values changed from `before` to
/// `after`.
fn update_change(
    table: &'static str,
    id: i64,
    before: &impl Serialize,
    after: &impl Serialize,
) -> Change {
    Change {
        table,
        record_id: id.to_string(),
        old: serde_json::to_value(before).ok(),
        new: serde_json::to_value(after).ok(),
    }
}
