//! Commands of the map screen: a community's layers and records, the edits
//! of zones, households and collection points, sketch maps with their pins
//! and zones, GeoJSON and KML import and export, the map as PDF or PNG,
//! and the online basemap setting.
//!
//! [`super::route`] sends every command named `places_…` here, so each
//! command of this part carries that prefix. To add one: write it here
//! with `#[tauri::command]` (`build.rs` finds it by that attribute), list
//! it in [`handler`], and grant `allow-places-<name>` in
//! `capabilities/places.json`. Its data shapes go in `crate::dto::places`.

use std::io::Read;
use std::path::{Path, PathBuf};

use chumchon::import::session::Mode;
use chumchon::places::{self, Polygon};
use rusqlite::{Connection, Transaction};
use tauri::ipc::{Invoke, Response};
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::dialogs;
use crate::dto::places::{
    Basemap, HouseholdEdit, HouseholdRecord, LayerTotals, PinRef, PinRow, PlacesImport, PlacesMap,
    PlacesOpenKind, PlacesSaveKind, PointEdit, PointRecord, Position, SketchInfo, SketchZoneRow,
    ZoneEdit, ZoneOverview, ZoneRecord,
};
use crate::error::AppResult;
use crate::state::{context, AppState};

/// The handler of this part's commands.
pub fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        places_map,
        places_add_zone,
        places_update_zone,
        places_set_zone_outline,
        places_zone_overview,
        places_add_household,
        places_update_household,
        places_move_household,
        places_remove_household,
        places_add_point,
        places_update_point,
        places_move_point,
        places_add_sketch,
        places_sketch_image,
        places_remove_sketch,
        places_remove_zone,
        places_pins,
        places_pin,
        places_unpin,
        places_sketch_zones,
        places_draw_sketch_zone,
        places_erase_sketch_zone,
        places_import,
        places_export_geojson,
        places_export_kml,
        places_export_pdf,
        places_export_png,
        places_pick_open,
        places_pick_save,
        places_basemap,
        places_set_basemap,
    ]
}

/// Returns a community's layers, records and sketch maps, and the
/// materials a collection point can accept.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_map(state: State<'_, AppState>, community_id: i64) -> AppResult<PlacesMap> {
    state.with_conn(|conn| read_map(conn, community_id))
}

fn read_map(conn: &Connection, community_id: i64) -> chumchon::Result<PlacesMap> {
    let community = chumchon::members::get_community(conn, community_id)?;
    let layers = serde_json::to_value(places::layers(conn, community_id)?)?;
    Ok(PlacesMap {
        community_id,
        community_name: community.name,
        layers,
        zones: records(places::list_zones(conn, community_id)?),
        households: records(places::list_households(conn, community_id)?),
        points: records(places::list_collection_points(conn, community_id)?),
        sketches: records(places::sketch_maps(conn, community_id)?),
        materials: records(chumchon::waste::list_materials(conn)?),
    })
}

fn records<T, R: From<T>>(list: Vec<T>) -> Vec<R> {
    list.into_iter().map(Into::into).collect()
}

/// Adds a zone without an outline; the outline is drawn afterwards.
#[tauri::command(async)]
#[instrument(skip(state, edit), err)]
pub fn places_add_zone(
    state: State<'_, AppState>,
    community_id: i64,
    edit: ZoneEdit,
) -> AppResult<ZoneRecord> {
    let ctx = context();
    let details = edit.details(None);
    let zone = state.with_write(|tx| places::add_zone(tx, &ctx, community_id, &details))?;
    Ok(zone.into())
}

/// Saves a zone's name, leader and notes, keeping its outline.
#[tauri::command(async)]
#[instrument(skip(state, edit), err)]
pub fn places_update_zone(
    state: State<'_, AppState>,
    zone_id: i64,
    edit: ZoneEdit,
) -> AppResult<ZoneRecord> {
    let ctx = context();
    let zone = state.with_write(|tx| {
        let outline = places::zone(tx, zone_id)?.polygon;
        places::update_zone(tx, &ctx, zone_id, &edit.details(outline))
    })?;
    Ok(zone.into())
}

/// Draws a zone's outline from the corners drawn on the map (`[lon, lat]`,
/// unclosed, as Leaflet gives them), or clears it with `None`. Holes of
/// the stored outline, which the map's editor does not draw, are kept.
#[tauri::command(async)]
#[instrument(skip(state, corners), err)]
pub fn places_set_zone_outline(
    state: State<'_, AppState>,
    zone_id: i64,
    corners: Option<Vec<[f64; 2]>>,
) -> AppResult<ZoneRecord> {
    let ctx = context();
    let zone = state.with_write(|tx| {
        let stored = places::zone(tx, zone_id)?.polygon;
        let outline = match corners {
            Some(corners) => Some(outline_keeping_holes(corners, stored.as_ref())?),
            None => None,
        };
        places::set_zone_polygon(tx, &ctx, zone_id, outline.as_ref())
    })?;
    Ok(zone.into())
}

/// Deletes a zone and its outlines on sketch maps. With `detach`, its
/// households and collection points are left without a zone. Without it,
/// the deletion fails with `zone_has_places` while the zone has any. It
/// always fails with `zone_in_use` while members or collectors' rounds
/// name the zone.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_remove_zone(state: State<'_, AppState>, zone_id: i64, detach: bool) -> AppResult<()> {
    let ctx = context();
    state.with_write(|tx| places::remove_zone(tx, &ctx, zone_id, detach))
}

/// Returns a zone's page: its members, households and collection points,
/// the deposits made there and the collectors' rounds, over all dates.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_zone_overview(state: State<'_, AppState>, zone_id: i64) -> AppResult<ZoneOverview> {
    let period = places::Period::default();
    let summary = state.with_conn(|conn| places::zone_summary(conn, zone_id, period))?;
    Ok(summary.into())
}

/// Builds an outline from the outer ring's corners and the holes of the
/// stored outline.
fn outline_keeping_holes(
    corners: Vec<[f64; 2]>,
    stored: Option<&Polygon>,
) -> Result<Polygon, places::GeometryError> {
    let outer = Polygon::from_corners(corners)?;
    let holes: Vec<_> = stored
        .map(|polygon| polygon.coordinates().into_iter().skip(1).collect())
        .unwrap_or_default();
    if holes.is_empty() {
        return Ok(outer);
    }
    let mut rings = outer.coordinates();
    rings.extend(holes);
    Polygon::new(rings)
}

/// Adds a household, at `at` on the map or with no position.
#[tauri::command(async)]
#[instrument(skip(state, edit), err)]
pub fn places_add_household(
    state: State<'_, AppState>,
    community_id: i64,
    edit: HouseholdEdit,
    at: Option<Position>,
) -> AppResult<HouseholdRecord> {
    let ctx = context();
    let details = edit.details(at.map(Position::checked).transpose()?)?;
    let added = state.with_write(|tx| places::add_household(tx, &ctx, community_id, &details))?;
    Ok(added.into())
}

/// Saves a household's address, zone, date joined and notes, keeping its
/// position.
#[tauri::command(async)]
#[instrument(skip(state, edit), err)]
pub fn places_update_household(
    state: State<'_, AppState>,
    household_id: i64,
    edit: HouseholdEdit,
) -> AppResult<HouseholdRecord> {
    let ctx = context();
    let saved = write(&state, |tx| {
        let location = places::household(tx, household_id)?.details.location;
        let details = edit.details(location)?;
        Ok(places::update_household(tx, &ctx, household_id, &details)?)
    })?;
    Ok(saved.into())
}

/// Moves a household on the map, or takes it off the map with `None`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_move_household(
    state: State<'_, AppState>,
    household_id: i64,
    at: Option<Position>,
) -> AppResult<HouseholdRecord> {
    let ctx = context();
    let location = at.map(Position::checked).transpose()?;
    let moved = state.with_write(|tx| places::move_household(tx, &ctx, household_id, location))?;
    Ok(moved.into())
}

/// Removes a household that no member lives in, with its pins.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_remove_household(state: State<'_, AppState>, household_id: i64) -> AppResult<()> {
    let ctx = context();
    state.with_write(|tx| places::remove_household(tx, &ctx, household_id))
}

/// Adds a collection point, at `at` on the map or with no position.
#[tauri::command(async)]
#[instrument(skip(state, edit), err)]
pub fn places_add_point(
    state: State<'_, AppState>,
    community_id: i64,
    edit: PointEdit,
    at: Option<Position>,
) -> AppResult<PointRecord> {
    let ctx = context();
    let details = edit.details(at.map(Position::checked).transpose()?)?;
    let added =
        state.with_write(|tx| places::add_collection_point(tx, &ctx, community_id, &details))?;
    Ok(added.into())
}

/// Saves a collection point's name, zone, materials and hours, keeping its
/// position.
#[tauri::command(async)]
#[instrument(skip(state, edit), err)]
pub fn places_update_point(
    state: State<'_, AppState>,
    point_id: i64,
    edit: PointEdit,
) -> AppResult<PointRecord> {
    let ctx = context();
    let saved = write(&state, |tx| {
        let location = places::collection_point(tx, point_id)?.details.location;
        let details = edit.details(location)?;
        Ok(places::update_collection_point(
            tx, &ctx, point_id, &details,
        )?)
    })?;
    Ok(saved.into())
}

/// Runs `work` in one write transaction like [`AppState::with_write`],
/// for work that can also fail with the shell's own errors, such as an
/// edit that does not convert.
fn write<T>(state: &AppState, work: impl FnOnce(&Transaction<'_>) -> AppResult<T>) -> AppResult<T> {
    state.with_db(|db| {
        let tx = chumchon::db::write(&mut db.conn)?;
        let value = work(&tx)?;
        tx.commit().map_err(chumchon::Error::from)?;
        Ok(value)
    })
}

/// Moves a collection point on the map, or takes it off the map with
/// `None`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_move_point(
    state: State<'_, AppState>,
    point_id: i64,
    at: Option<Position>,
) -> AppResult<PointRecord> {
    let ctx = context();
    let location = at.map(Position::checked).transpose()?;
    let moved =
        state.with_write(|tx| places::move_collection_point(tx, &ctx, point_id, location))?;
    Ok(moved.into())
}

/// Stores the scanned map at `path` (PNG or JPEG) for a community under
/// `name`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_add_sketch(
    state: State<'_, AppState>,
    community_id: i64,
    name: String,
    path: PathBuf,
) -> AppResult<SketchInfo> {
    let ctx = context();
    let image = read_image(&path)?;
    let map =
        state.with_write(|tx| places::add_sketch_map(tx, &ctx, community_id, &name, &image))?;
    Ok(map.into())
}

/// Reads an image file, stopping one byte past the largest image the core
/// stores, so that a huge file is rejected as too large without being read
/// whole.
fn read_image(path: &Path) -> chumchon::Result<Vec<u8>> {
    let io_error = |source| chumchon::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let limit = places::sketch::MAX_IMAGE_BYTES as u64 + 1;
    let mut image = Vec::new();
    file.take(limit).read_to_end(&mut image).map_err(io_error)?;
    Ok(image)
}

/// Returns the image of a sketch map as raw bytes, which the UI receives
/// as an `ArrayBuffer`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_sketch_image(state: State<'_, AppState>, sketch_id: i64) -> AppResult<Response> {
    let image = state.with_conn(|conn| places::sketch_image(conn, sketch_id))?;
    Ok(Response::new(image))
}

/// Removes a sketch map and its pins.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_remove_sketch(state: State<'_, AppState>, sketch_id: i64) -> AppResult<()> {
    let ctx = context();
    state.with_write(|tx| places::remove_sketch_map(tx, &ctx, sketch_id))
}

/// Returns a sketch map's pins: households first, then points.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_pins(state: State<'_, AppState>, sketch_id: i64) -> AppResult<Vec<PinRow>> {
    let pins = state.with_conn(|conn| places::pins(conn, sketch_id))?;
    Ok(pins.into_iter().map(Into::into).collect())
}

/// Pins a household or collection point on a sketch map at the pixel
/// (`x` right, `y` down), or moves its pin there.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_pin(
    state: State<'_, AppState>,
    sketch_id: i64,
    target: PinRef,
    x: f64,
    y: f64,
) -> AppResult<PinRow> {
    let ctx = context();
    let at = places::Pixel { x, y };
    let pin = state.with_write(|tx| places::pin(tx, &ctx, sketch_id, target.into(), at))?;
    Ok(pin.into())
}

/// Takes a household's or collection point's pin off a sketch map.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_unpin(state: State<'_, AppState>, sketch_id: i64, target: PinRef) -> AppResult<()> {
    let ctx = context();
    state.with_write(|tx| places::unpin(tx, &ctx, sketch_id, target.into()))
}

/// Returns the zones drawn on a sketch map, in name order.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_sketch_zones(
    state: State<'_, AppState>,
    sketch_id: i64,
) -> AppResult<Vec<SketchZoneRow>> {
    let zones = state.with_conn(|conn| places::sketch_zones(conn, sketch_id))?;
    Ok(records(zones))
}

/// Draws a zone on a sketch map from its corners in image pixels
/// (`[x, y]`, unclosed), or redraws it.
#[tauri::command(async)]
#[instrument(skip(state, corners), err)]
pub fn places_draw_sketch_zone(
    state: State<'_, AppState>,
    sketch_id: i64,
    zone_id: i64,
    corners: Vec<[f64; 2]>,
) -> AppResult<SketchZoneRow> {
    let ctx = context();
    let drawn =
        state.with_write(|tx| places::draw_sketch_zone(tx, &ctx, sketch_id, zone_id, &corners))?;
    Ok(drawn.into())
}

/// Erases a zone's outline from a sketch map.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_erase_sketch_zone(
    state: State<'_, AppState>,
    sketch_id: i64,
    zone_id: i64,
) -> AppResult<()> {
    let ctx = context();
    state.with_write(|tx| places::erase_sketch_zone(tx, &ctx, sketch_id, zone_id))
}

/// Imports a GeoJSON or KML file into the community called `community`,
/// or only previews the import when `commit` is false.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_import(
    state: State<'_, AppState>,
    path: PathBuf,
    community: String,
    commit: bool,
) -> AppResult<PlacesImport> {
    let ctx = context();
    let mode = if commit { Mode::Commit } else { Mode::Preview };
    let outcome = state.with_conn(|conn| places::import(conn, &ctx, &path, &community, mode))?;
    Ok(outcome.into())
}

/// Writes a community's geographic layers to a GeoJSON file at `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_export_geojson(
    state: State<'_, AppState>,
    community_id: i64,
    path: PathBuf,
) -> AppResult<LayerTotals> {
    let ctx = context();
    let counts = state.with_conn(|conn| places::export_geojson(conn, &ctx, community_id, &path))?;
    Ok(counts.into())
}

/// Writes a community's geographic layers to a KML file at `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_export_kml(
    state: State<'_, AppState>,
    community_id: i64,
    path: PathBuf,
) -> AppResult<LayerTotals> {
    let ctx = context();
    let counts = state.with_conn(|conn| places::export_kml(conn, &ctx, community_id, &path))?;
    Ok(counts.into())
}

/// Writes a community's map as a PNG picture at `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_export_png(
    state: State<'_, AppState>,
    community_id: i64,
    path: PathBuf,
) -> AppResult<LayerTotals> {
    let ctx = context();
    let counts = state.with_conn(|conn| places::export_map_png(conn, &ctx, community_id, &path))?;
    Ok(counts.into())
}

/// Writes a community's map as a one-page PDF at `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_export_pdf(
    state: State<'_, AppState>,
    community_id: i64,
    path: PathBuf,
) -> AppResult<LayerTotals> {
    let ctx = context();
    let counts = state.with_conn(|conn| places::export_map_pdf(conn, &ctx, community_id, &path))?;
    Ok(counts.into())
}

/// Shows an open dialog for a scanned map or a layers file; `None` when
/// the user cancelled.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn places_pick_open(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: PlacesOpenKind,
    filter_name: String,
) -> AppResult<Option<String>> {
    let path = dialogs::pick_open_with(&app, state.e2e.as_ref(), kind.extensions(), &filter_name);
    Ok(path.map(|p| p.display().to_string()))
}

/// Shows a save dialog for a GeoJSON, KML, PDF or PNG file proposing
/// `file_name`; `None` when the user cancelled.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn places_pick_save(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: PlacesSaveKind,
    filter_name: String,
    file_name: String,
) -> AppResult<Option<String>> {
    let extensions = kind.extensions();
    let path = dialogs::pick_save_with(
        &app,
        state.e2e.as_ref(),
        extensions,
        &filter_name,
        &file_name,
    );
    Ok(path.map(|p| p.display().to_string()))
}

/// Settings-table key of whether the basemap is on, `1` or `0`.
const BASEMAP_ENABLED: &str = "places_basemap_enabled";
/// Settings-table key of the basemap's tile URL template.
const BASEMAP_URL: &str = "places_basemap_url";
/// Settings-table key of the basemap's attribution.
const BASEMAP_ATTRIBUTION: &str = "places_basemap_attribution";

/// Returns the online basemap setting, which is off until the user turns
/// it on.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_basemap(state: State<'_, AppState>) -> AppResult<Basemap> {
    state.with_conn(|conn| read_basemap(conn))
}

fn read_basemap(conn: &Connection) -> chumchon::Result<Basemap> {
    let default = Basemap::default();
    let setting = |key| chumchon::db::setting(conn, key);
    Ok(Basemap {
        enabled: setting(BASEMAP_ENABLED)?.as_deref() == Some("1"),
        url: setting(BASEMAP_URL)?.unwrap_or(default.url),
        attribution: setting(BASEMAP_ATTRIBUTION)?.unwrap_or(default.attribution),
    })
}

/// Saves the online basemap setting and returns it as stored. Fails with
/// `basemap_url_invalid` when it is turned on with a URL that is not an
/// `https://` tile template.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn places_set_basemap(state: State<'_, AppState>, basemap: Basemap) -> AppResult<Basemap> {
    let ctx = context();
    let basemap = basemap.checked()?;
    state.with_write(|tx| {
        let enabled = if basemap.enabled { "1" } else { "0" };
        chumchon::db::set_setting(tx, &ctx, BASEMAP_ENABLED, enabled)?;
        chumchon::db::set_setting(tx, &ctx, BASEMAP_URL, &basemap.url)?;
        chumchon::db::set_setting(tx, &ctx, BASEMAP_ATTRIBUTION, &basemap.attribution)
    })?;
    Ok(basemap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(west: f64, south: f64, size: f64) -> Vec<[f64; 2]> {
        vec![
            [west, south],
            [west + size, south],
            [west + size, south + size],
            [west, south + size],
        ]
    }

    fn closed(mut ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
        ring.push(ring[0]);
        ring
    }

    #[test]
    fn outline_keeps_stored_holes() -> Result<(), places::GeometryError> {
        let hole = closed(square(100.592, 7.192, 0.002));
        let stored = Polygon::new(vec![closed(square(100.59, 7.19, 0.01)), hole.clone()])?;

        let redrawn = outline_keeping_holes(square(100.589, 7.189, 0.012), Some(&stored))?;

        let rings = redrawn.coordinates();
        assert_eq!(rings.len(), 2, "outer ring and the stored hole");
        assert_eq!(rings[0][0], [100.589, 7.189], "the new outer ring");
        assert_eq!(rings[1], hole, "the hole as stored");
        Ok(())
    }

    #[test]
    fn outline_closes_drawn_corners() -> Result<(), places::GeometryError> {
        let drawn = outline_keeping_holes(square(100.59, 7.19, 0.01), None)?;

        let rings = drawn.coordinates();
        assert_eq!(rings.len(), 1, "one ring");
        assert_eq!(rings[0].len(), 5, "four corners and the closing point");
        Ok(())
    }

    #[test]
    fn outline_rejects_two_corners() {
        let drawn = outline_keeping_holes(vec![[100.59, 7.19], [100.6, 7.19]], None);

        assert_eq!(
            drawn.err().map(|e| e.code()),
            Some("ring_too_short"),
            "a zone needs three corners"
        );
    }

    #[test]
    fn basemap_defaults_when_never_set() -> chumchon::Result<()> {
        let conn = chumchon::db::open_in_memory()?;

        let basemap = read_basemap(&conn)?;

        assert_eq!(basemap, Basemap::default(), "off, with the default URL");
        Ok(())
    }

    #[test]
    fn basemap_reads_stored_setting() -> chumchon::Result<()> {
        let conn = chumchon::db::open_in_memory()?;
        let ctx = context();
        chumchon::db::set_setting(&conn, &ctx, BASEMAP_ENABLED, "1")?;
        chumchon::db::set_setting(
            &conn,
            &ctx,
            BASEMAP_URL,
            "https://t.example/{z}/{x}/{y}.png",
        )?;

        let basemap = read_basemap(&conn)?;

        assert!(basemap.enabled, "turned on");
        assert_eq!(
            basemap.url, "https://t.example/{z}/{x}/{y}.png",
            "the stored URL"
        );
        Ok(())
    }

    #[test]
    fn image_read_stops_past_limit() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("big.png");
        std::fs::write(&path, vec![0u8; places::sketch::MAX_IMAGE_BYTES + 10])?;

        let image = read_image(&path)?;

        assert_eq!(
            image.len(),
            places::sketch::MAX_IMAGE_BYTES + 1,
            "one byte past the limit, enough for the core to reject it"
        );
        Ok(())
    }
}
