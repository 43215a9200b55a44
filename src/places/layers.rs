//! A community's geographic layers as GeoJSON: zones as polygons,
//! households and collection points as points. The same feature
//! collection feeds the app's map (Leaflet's `L.geoJSON`) and the export
//! files (GeoJSON, or KML through [`super::kml`]), and the import reads
//! them back.
//!
//! GeoJSON is read and written with the `geojson` crate, which checks the
//! structure RFC 7946 sets (types, positions, nesting) and writes valid
//! output, so that this module only maps features to records.
//!
//! Pins on sketch maps are image pixels, not WGS84, so they never appear
//! here: [`super::sketch`] exports them with their image.

use std::path::Path;

use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::households::{list_households, Household};
use super::points::{list_collection_points, CollectionPoint};
use super::source::{SourceFeature, SourceGeometry};
use super::zones::{list_zones, Zone};
use crate::members::get_community;
use crate::{Context, Error, Result};

/// The `layer` property of a zone feature.
pub const ZONE_LAYER: &str = "zone";
/// The `layer` property of a household feature.
pub const HOUSEHOLD_LAYER: &str = "household";
/// The `layer` property of a collection point feature.
pub const POINT_LAYER: &str = "point";

/// How many features of each layer a collection or an export holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LayerCounts {
    /// Zones with an outline.
    pub zones: usize,
    /// Households with a position.
    pub households: usize,
    /// Collection points with a position.
    pub points: usize,
}

/// Builds a GeoJSON feature collection of a community's zones, households
/// and collection points that have a WGS84 geometry. Records without one
/// (a zone not drawn yet, a household pinned only on a sketch map) are
/// left out.
///
/// Each feature's `id` is "zone/12", "household/5" or "point/3", and its
/// properties carry `layer`, the record's row `id` and its fields. The
/// collection's foreign member `community` names the community.
pub fn layers(conn: &Connection, community_id: i64) -> Result<FeatureCollection> {
    let community = get_community(conn, community_id)?;
    let mut features = Vec::new();
    for zone in list_zones(conn, community_id)? {
        features.extend(zone_feature(&zone));
    }
    for point in list_collection_points(conn, community_id)? {
        features.extend(point_feature(&point));
    }
    for household in list_households(conn, community_id)? {
        features.extend(household_feature(&household));
    }
    let mut members = JsonObject::new();
    members.insert(
        "community".to_string(),
        json!({ "name": community.name, "code": community.code }),
    );
    Ok(FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(members),
    })
}

/// Counts the features of each layer in a collection.
pub fn count_layers(collection: &FeatureCollection) -> LayerCounts {
    let mut counts = LayerCounts::default();
    for feature in &collection.features {
        match feature.property("layer").and_then(Value::as_str) {
            Some(ZONE_LAYER) => counts.zones += 1,
            Some(HOUSEHOLD_LAYER) => counts.households += 1,
            Some(POINT_LAYER) => counts.points += 1,
            _ => {}
        }
    }
    counts
}

/// Writes a community's geographic layers to a GeoJSON file, replacing any
/// file there, and returns how many features of each layer it holds.
pub fn export_geojson(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    out: &Path,
) -> Result<LayerCounts> {
    crate::db::refuse_database_as_output(conn, out)?;
    let collection = layers(conn, community_id)?;
    let text = serde_json::to_string_pretty(&collection)?;
    write_replacing(out, text.as_bytes())?;
    tracing::debug!(
        operator = %ctx.operator,
        community_id,
        path = %out.display(),
        "exported the map's layers"
    );
    Ok(count_layers(&collection))
}

/// Writes a community's geographic layers as KML, in the folders Google My
/// Maps and QGIS read, replacing any file there, and returns how many
/// features of each layer it holds.
pub fn export_kml(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    out: &Path,
) -> Result<LayerCounts> {
    crate::db::refuse_database_as_output(conn, out)?;
    let community = get_community(conn, community_id)?;
    let collection = layers(conn, community_id)?;
    let text = super::kml::write_kml(&community.name, &collection);
    write_replacing(out, text.as_bytes())?;
    tracing::debug!(
        operator = %ctx.operator,
        community_id,
        path = %out.display(),
        "exported the map's layers as KML"
    );
    Ok(count_layers(&collection))
}

/// Writes a community's geographic layers in the format that the file
/// name's extension names: `.geojson` or `.json` for GeoJSON, `.kml` for
/// KML.
pub fn export_layers(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    out: &Path,
) -> Result<LayerCounts> {
    match lowercase_extension(out).as_str() {
        "geojson" | "json" => export_geojson(conn, ctx, community_id, out),
        "kml" => export_kml(conn, ctx, community_id, out),
        _ => Err(Error::rule(
            "places_export_type",
            format!(
                "{} does not end in .geojson or .kml; name the file with the format to write",
                out.display()
            ),
        )),
    }
}

/// Returns a file name's extension in lower case, empty when it has none.
pub(crate) fn lowercase_extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over
/// `out`, so that a failed write leaves any earlier file whole.
pub(crate) fn write_replacing(out: &Path, bytes: &[u8]) -> Result<()> {
    let name = out.file_name().ok_or_else(|| {
        Error::rule(
            "invalid_output_path",
            format!("{} does not name a file", out.display()),
        )
    })?;
    let temp = out.with_file_name(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    std::fs::write(&temp, bytes).map_err(io_error(&temp))?;
    std::fs::rename(&temp, out).map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        Error::Io {
            path: out.to_path_buf(),
            source,
        }
    })
}

fn feature(id: String, geometry: GeometryValue, properties: Value) -> Feature {
    let properties = match properties {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    Feature {
        bbox: None,
        geometry: Some(Geometry::new(geometry)),
        id: Some(geojson::feature::Id::String(id)),
        properties: Some(properties),
        foreign_members: None,
    }
}

fn zone_feature(zone: &Zone) -> Option<Feature> {
    let polygon = zone.polygon.as_ref()?;
    let geometry = GeometryValue::new_polygon(polygon.coordinates());
    let properties = json!({
        "layer": ZONE_LAYER,
        "id": zone.id,
        "name": zone.name,
        "leader": zone.leader_name,
        "leader_member_no": zone.leader_member_no,
        "notes": zone.notes,
    });
    Some(feature(format!("zone/{}", zone.id), geometry, properties))
}

fn point_feature(point: &CollectionPoint) -> Option<Feature> {
    let location = point.details.location?;
    let properties = json!({
        "layer": POINT_LAYER,
        "id": point.id,
        "name": point.details.name,
        "zone": point.zone,
        "materials": point.details.materials,
        "schedule": point.details.hours,
        "schedule_note": point.details.schedule_note,
    });
    Some(feature(
        format!("point/{}", point.id),
        GeometryValue::new_point(location.to_array()),
        properties,
    ))
}

fn household_feature(household: &Household) -> Option<Feature> {
    let details = &household.details;
    let location = details.location?;
    let address = &details.address;
    let members: Vec<&str> = household
        .members
        .iter()
        .map(|m| m.member_no.as_str())
        .collect();
    let properties = json!({
        "layer": HOUSEHOLD_LAYER,
        "id": household.id,
        "name": address.label(),
        "house_no": address.house_no,
        "moo": address.moo,
        "soi": address.soi,
        "road": address.road,
        "subdistrict": address.subdistrict,
        "district": address.district,
        "province": address.province,
        "postcode": address.postcode,
        "zone": household.zone,
        "sorting_joined": details.sorting_joined,
        "members": members,
        "notes": details.notes,
    });
    Some(feature(
        format!("household/{}", household.id),
        GeometryValue::new_point(location.to_array()),
        properties,
    ))
}

/// Describes why a file could not be read as JSON, in plain words with
/// the next step, in place of the JSON reader's own text.
fn json_error(text: &str, error: &serde_json::Error) -> String {
    let (line, column) = (error.line(), error.column());
    if text.trim().is_empty() {
        return "the file is empty; export the map again".to_string();
    }
    if !text.trim_start().starts_with(['{', '[']) {
        return "the file is not GeoJSON: it does not start with {; export the map as GeoJSON"
            .to_string();
    }
    if error.is_eof() {
        return format!(
            "the GeoJSON file is cut off: it ends at line {line}, column {column} before the \
             data is complete; export it again"
        );
    }
    if error.to_string().starts_with("recursion limit") {
        return format!(
            "the GeoJSON file is damaged: its brackets nest too deeply at line {line}, column \
             {column}; export it again"
        );
    }
    format!("the GeoJSON file is damaged at line {line}, column {column}; export it again")
}

/// Reads the features of a GeoJSON text: a feature collection, a single
/// feature or a bare geometry. A feature that is not valid GeoJSON is kept
/// with the reason, so that the rest of the file can still be imported.
pub(crate) fn read_geojson(text: &str) -> Result<Vec<SourceFeature>> {
    let invalid = |message: String| Error::rule("geojson_invalid", message);
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text).map_err(|e| invalid(json_error(text, &e)))?;
    check_crs(&value)?;
    let folder = value
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string);
    let items = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match value.get("features") {
            Some(Value::Array(items)) => items.clone(),
            _ => {
                return Err(invalid(
                    "the feature collection has no \"features\" array".to_string(),
                ))
            }
        },
        Some("Feature") => vec![value.clone()],
        Some(_) => vec![json!({ "type": "Feature", "properties": {}, "geometry": value })],
        None => {
            return Err(invalid(
                "the file is JSON but not GeoJSON: it has no \"type\"".to_string(),
            ))
        }
    };
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(index, item)| source_feature(index + 1, folder.clone(), item))
        .collect())
}

/// Rejects a file whose legacy `crs` member names anything but WGS84, such
/// as the UTM zone 47N (EPSG:32647) that Thai surveys use.
fn check_crs(value: &Value) -> Result<()> {
    let Some(name) = value
        .pointer("/crs/properties/name")
        .and_then(Value::as_str)
    else {
        return Ok(());
    };
    let wgs84 = ["CRS84", "EPSG::4326", "EPSG:4326"];
    if wgs84.iter().any(|known| name.ends_with(known)) {
        return Ok(());
    }
    Err(Error::rule(
        "geojson_not_wgs84",
        format!("the file's coordinates are in {name}; save the layer in WGS84 (EPSG:4326)"),
    ))
}

fn source_feature(number: usize, folder: Option<String>, item: Value) -> SourceFeature {
    // The properties are kept when the geometry cannot be read, so that the
    // report can name the feature.
    let raw_properties = item
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let (properties, geometry) = match short_point(&item) {
        Some(reason) => (raw_properties, Err(reason)),
        None => match serde_json::from_value::<Feature>(item) {
            Ok(feature) => (
                feature.properties.unwrap_or_default(),
                Ok(feature.geometry.map(|g| source_geometry(g.value))),
            ),
            Err(error) => (raw_properties, Err(error.to_string())),
        },
    };
    SourceFeature {
        number,
        folder,
        properties,
        geometry,
    }
}

/// Describes a Point whose coordinates have fewer than two numbers, which
/// the GeoJSON reader reports in its own words.
fn short_point(item: &Value) -> Option<String> {
    let geometry = item.get("geometry")?;
    if geometry.get("type").and_then(Value::as_str) != Some("Point") {
        return None;
    }
    let count = geometry.get("coordinates")?.as_array()?.len();
    let values = if count == 1 { "value" } else { "values" };
    (count < 2)
        .then(|| format!("the point needs a longitude and a latitude; it has {count} {values}"))
}

fn source_geometry(value: GeometryValue) -> SourceGeometry {
    let position = |p: &geojson::Position| [p[0], p[1]];
    match value {
        GeometryValue::Point { coordinates } => SourceGeometry::Point(position(&coordinates)),
        GeometryValue::MultiPoint { coordinates } if coordinates.len() == 1 => {
            SourceGeometry::Point(position(&coordinates[0]))
        }
        GeometryValue::Polygon { coordinates } => SourceGeometry::Polygon(
            coordinates
                .iter()
                .map(|ring| ring.iter().map(position).collect())
                .collect(),
        ),
        // QGIS saves most polygon layers as MultiPolygon, one polygon each.
        GeometryValue::MultiPolygon { coordinates } if coordinates.len() == 1 => {
            SourceGeometry::Polygon(
                coordinates[0]
                    .iter()
                    .map(|ring| ring.iter().map(position).collect())
                    .collect(),
            )
        }
        other => SourceGeometry::Other(other.type_name().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geojson_keeps_bad_feature_apart() -> Result<()> {
        let text = r#"{"type": "FeatureCollection", "name": "households", "features": [
            {"type": "Feature", "properties": {"house_no": "1"},
             "geometry": {"type": "Point", "coordinates": [100.59, 7.19]}},
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [100.59]}},
            {"type": "Feature", "properties": null, "geometry": null},
            {"type": "Feature", "properties": {}, "geometry":
                {"type": "MultiPolygon", "coordinates": [[[[100.59, 7.19], [100.6, 7.19], [100.6, 7.2], [100.59, 7.19]]]]}}
        ]}"#;

        let features = read_geojson(text)?;

        assert_eq!(features.len(), 4, "every feature kept");
        assert_eq!(
            features[0].folder.as_deref(),
            Some("households"),
            "layer name"
        );
        assert_eq!(
            features[0].geometry,
            Ok(Some(SourceGeometry::Point([100.59, 7.19])))
        );
        assert!(features[1].geometry.is_err(), "one-number position");
        assert_eq!(features[2].geometry, Ok(None), "no geometry");
        assert!(
            matches!(features[3].geometry, Ok(Some(SourceGeometry::Polygon(_)))),
            "single multipolygon read as a polygon"
        );
        Ok(())
    }

    #[test]
    fn geojson_in_utm_is_rejected() {
        let text = r#"{"type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32647"}},
            "features": []}"#;

        let error = read_geojson(text).err();

        assert_eq!(error.map(|e| e.code()), Some("geojson_not_wgs84"));
    }

    #[test]
    fn geojson_that_is_not_json_is_file_error() {
        let error = read_geojson("<kml/>").err();

        assert_eq!(error.map(|e| e.code()), Some("geojson_invalid"));
    }
}
