//! The community map through the real window. The test draws a zone's
//! outline on the geographic map, places a household and pins it on a
//! scanned sketch map, and finds the pin again after the app restarts.
//! Then it exports the geographic layers as GeoJSON and imports the file
//! back without changes.
//!
//! The restart reopens the first app's database in a second app. The test
//! copies the database into the second app's dialog folder with SQLite's
//! `VACUUM INTO`, which makes a consistent copy while the first app runs.
//! The second app opens it from the settings screen, as an office would
//! open its file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chumchon::places::{self, PinTarget};
use chumchon_e2e::{wait_until, workspace_root, App, Element, Error, Launch, Result, Session};
use serde_json::Value;

/// WebDriver's key codes of the arrow keys, which pan a Leaflet map.
const ARROW_RIGHT: &str = "\u{E014}";
const ARROW_DOWN: &str = "\u{E015}";

/// How far an arrow key pans a Leaflet map: `keyboardPanDelta`, 80 px by
/// default in Leaflet 1.9.
const PAN_PIXELS: f64 = 80.0;

/// How long the map must stay in place to count as settled.
const STILL: Duration = Duration::from_secs(1);

/// Returns the `translate3d` offset of the geographic map's pane, which
/// Leaflet moves as the map pans.
const PANE_OFFSET: &str = r#"
const pane = document.querySelector('[data-testid="places-map"] .leaflet-map-pane');
const match = pane && /translate3d\((-?[\d.]+)px, (-?[\d.]+)px/.exec(pane.style.transform);
return match ? [Number(match[1]), Number(match[2])] : [0, 0];
"#;

const WAIT: Duration = chumchon_e2e::DEFAULT_TIMEOUT;

/// The shortest edge the drawn triangle may have: most of one 80 px pan of
/// the arrow keys at the map's first zoom (15), where a pixel is about
/// 0.000043°.
const MIN_EDGE_DEGREES: f64 = 0.002;

const ZONE_NAME: &str = "โซนทดสอบแผนที่";
const HOUSE_NO: &str = "99/1";
const SKETCH_NAME: &str = "แผนที่มือทดสอบ";

#[test]
fn map_survives_restart_and_round_trips() -> Result<()> {
    let kept = tempfile::tempdir().map_err(|source| Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let copy = kept.path().join("after-restart.db");
    let drawn = draw_and_pin(&copy)?;
    let restarted = App::launch(Launch::new("map_survives_restart_and_round_trips_restart"))?;
    let reopened = restarted.dialog_dir().join("chumchon-restart.db");
    std::fs::copy(&copy, &reopened).map_err(|source| Error::Io {
        path: copy.clone(),
        source,
    })?;
    let ui = restarted.session();

    open_database(ui)?;
    ui.wait_for("nav-places")?.click()?;
    ui.wait_for("places-view-sketch")?.click()?;
    let pin_id = format!("sketch-pin-household-{}", drawn.household_id);
    let pin_after = wait_for_css(ui, &test_id(&pin_id))?;
    let pixel_after = pixel_of(&pin_after)?;
    restarted.save_screenshot("pin-after-restart")?;

    ui.find("places-view-geo")?.click()?;
    ui.wait_for("places-map")?;
    let exported = export_geojson(ui, restarted.dialog_dir())?;
    let first_export = read(&exported)?;
    let import = import_back(ui)?;
    let second_export = read(&export_geojson(ui, restarted.dialog_dir())?)?;
    let pdf = export_pdf(ui, restarted.dialog_dir())?;
    let layers =
        serde_json::from_slice::<Value>(&first_export).map_err(|e| io_error(&exported, e))?;
    let stored = stored_pin(&reopened, &drawn)?;
    std::fs::copy(&exported, restarted.artifacts().join("layers.geojson")).map_err(|source| {
        Error::Io {
            path: exported.clone(),
            source,
        }
    })?;
    restarted.close()?;

    assert_eq!(
        pixel_after, drawn.pixel,
        "the pin should be where it was before the restart"
    );
    assert_eq!(
        stored,
        Some(drawn.pixel),
        "the reopened database should hold the pin"
    );
    assert_eq!(
        import.imported, "0",
        "an unchanged file imports nothing new"
    );
    assert_eq!(import.updated, "0", "an unchanged file updates nothing");
    assert_eq!(import.errors, "0", "the exported file has no errors");
    assert_eq!(
        import.skipped, "2",
        "the zone and the household are skipped as unchanged"
    );
    assert!(
        !import.commit_offered,
        "nothing to write, so no import button"
    );
    assert_eq!(
        first_export, second_export,
        "exporting after the import should write the same file"
    );
    check_layers(&layers, &drawn)?;
    assert!(pdf.starts_with(b"%PDF"), "the map should be saved as a PDF");
    Ok(())
}

/// What the first app drew, with the ids the database gave it.
#[derive(Debug)]
struct Drawn {
    community_id: i64,
    zone_id: i64,
    household_id: i64,
    sketch_id: i64,
    /// The pin's pixel, as the page shows it.
    pixel: (f64, f64),
    /// Corners of the zone's stored outline, the closing one included.
    ring_positions: usize,
}

/// Runs the first app: draws a zone, places and pins a household, and
/// leaves a copy of its database at `copy`.
fn draw_and_pin(copy: &Path) -> Result<Drawn> {
    let app = App::launch(Launch::new("map_survives_restart_and_round_trips").demo())?;
    copy_fixture(
        "places-sketch-120x80.png",
        &app.dialog_dir().join("1-sketch.png"),
    )?;
    let ui = app.session();

    ui.wait_for("nav-places")?.click()?;
    ui.wait_for("places-map")?;
    add_zone(ui)?;
    draw_outline(ui)?;
    app.save_screenshot("zone-drawn")?;
    add_household(ui)?;
    place_household(ui)?;
    app.save_screenshot("household-placed")?;

    ui.find("places-view-sketch")?.click()?;
    ui.wait_for("sketch-new-name")?.type_text(SKETCH_NAME)?;
    click_enabled(ui, "sketch-add")?;
    ui.wait_for("sketch-map")?;
    wait_for_css(ui, "img.leaflet-image-layer")?;
    let record = wait_for_css(ui, "[data-testid^=\"places-record-household-\"]")?;
    let household_id = id_after(&record, "places-record-household-")?;
    record.click()?;
    click_enabled(ui, "sketch-pin-start")?;
    ui.wait_for("sketch-pin-bar")?;
    ui.find("sketch-map")?.click()?;
    let pin = wait_for_css(
        ui,
        &test_id(&format!("sketch-pin-household-{household_id}")),
    )?;
    let pixel = pixel_of(&pin)?;
    app.save_screenshot("pinned")?;

    let drawn = stored_drawing(app.database(), household_id, pixel)?;
    let conn = chumchon::db::open(app.database()).map_err(|e| io_error(app.database(), e))?;
    chumchon::db::backup_to(&conn, copy).map_err(|e| io_error(copy, e))?;
    drop(conn);
    app.close()?;
    Ok(drawn)
}

fn add_zone(ui: &Session) -> Result<()> {
    ui.find("places-add-zone")?.click()?;
    ui.wait_for("places-zone-name")?.type_text(ZONE_NAME)?;
    click_enabled(ui, "places-zone-save")?;
    ui.wait_for("places-notice")?;
    // The notice above the map makes the map shorter, and Leaflet pans to
    // keep its centre once its resize observer reports the new size.
    wait_still(ui)?;
    click_enabled(ui, "places-zone-draw")?;
    ui.wait_for("places-draw-bar")?;
    Ok(())
}

/// Draws a triangle: a click on the map, then a pan with an arrow key and
/// another click, then a pan and the keyboard's "add corner at the centre"
/// button, as a user with a mouse and then with the keyboard would.
fn draw_outline(ui: &Session) -> Result<()> {
    let map = ui.find("places-map")?;
    click_below_bar(ui)?;
    ui.wait_for_text("places-draw-count", "1")?;
    pan(ui, &map, ARROW_RIGHT, (-PAN_PIXELS, 0.0))?;
    click_below_bar(ui)?;
    ui.wait_for_text("places-draw-count", "2")?;
    pan(ui, &map, ARROW_DOWN, (0.0, -PAN_PIXELS))?;
    ui.find("places-draw-center")?.click()?;
    ui.wait_for_text("places-draw-count", "3")?;
    click_enabled(ui, "places-draw-finish")?;
    wait_for_css(ui, "path[data-testid^=\"places-zone-\"]")?;
    wait_gone(ui, "places-draw-bar")
}

/// Clicks the map a quarter of the way across and three quarters of the
/// way down, as a mouse would. The drawing bar lies over the top of the
/// map and, in a small window, can reach past its centre, where a plain
/// element click would land. The point is off the centre in both
/// directions, so the corner placed at the centre after a pan down stays
/// apart from it.
const CLICK_LOW: &str = r#"
const map = document.querySelector('[data-testid="places-map"]');
const box = map.getBoundingClientRect();
const init = {
  bubbles: true, cancelable: true, view: window, button: 0,
  clientX: box.left + box.width * 0.25, clientY: box.top + box.height * 0.75,
};
for (const type of ["mousedown", "mouseup", "click"]) map.dispatchEvent(new MouseEvent(type, init));
"#;

fn click_below_bar(ui: &Session) -> Result<()> {
    ui.execute(CLICK_LOW, Vec::new())?;
    Ok(())
}

/// Presses an arrow key on the map and waits until Leaflet's animation
/// has moved the pane by `shift` pixels, so that the next click lands on
/// the panned map.
fn pan(ui: &Session, map: &Element<'_>, key: &str, shift: (f64, f64)) -> Result<()> {
    let before = pane_offset(ui)?;
    map.type_text(key)?;
    let expected = (before.0 + shift.0, before.1 + shift.1);
    wait_until("the map to finish panning", WAIT, || {
        Ok((pane_offset(ui)? == expected).then_some(()))
    })
}

/// Waits until the map's pane has not moved for [`STILL`].
fn wait_still(ui: &Session) -> Result<()> {
    let mut last = pane_offset(ui)?;
    let mut since = Instant::now();
    wait_until("the map to stop moving", WAIT, || {
        let now = pane_offset(ui)?;
        if now != last {
            last = now;
            since = Instant::now();
        }
        Ok((since.elapsed() >= STILL).then_some(()))
    })
}

fn pane_offset(ui: &Session) -> Result<(f64, f64)> {
    let offset = ui.execute(PANE_OFFSET, Vec::new())?;
    let coordinate = |index: usize| offset[index].as_f64().unwrap_or(f64::NAN);
    Ok((coordinate(0), coordinate(1)))
}

fn add_household(ui: &Session) -> Result<()> {
    ui.find("places-add-household")?.click()?;
    ui.wait_for("places-household-house_no")?
        .type_text(HOUSE_NO)?;
    ui.find("places-household-moo")?.type_text("3")?;
    click_enabled(ui, "places-household-save")?;
    ui.wait_for("places-household-place")?;
    Ok(())
}

fn place_household(ui: &Session) -> Result<()> {
    click_enabled(ui, "places-household-place")?;
    ui.wait_for("places-place-bar")?;
    ui.find("places-map")?.click()?;
    wait_for_css(ui, "[data-testid^=\"places-marker-household-\"]")?;
    wait_gone(ui, "places-place-bar")
}

/// Opens the copied database from the settings screen. Its open dialog
/// returns the `.db` file of the dialog folder.
fn open_database(ui: &Session) -> Result<()> {
    ui.wait_for("nav-settings")?.click()?;
    ui.wait_for("settings-database-open")?.click()?;
    wait_until("the copied database to open", WAIT, || {
        let path = ui.find("settings-database-path")?.property("value")?;
        Ok(path
            .as_str()
            .is_some_and(|p| p.ends_with("chumchon-restart.db"))
            .then_some(()))
    })
}

/// Exports the layers with the save dialog, which writes the suggested
/// name into the dialog folder, and returns the file.
fn export_geojson(ui: &Session, dialogs: &Path) -> Result<PathBuf> {
    click_enabled(ui, "places-export-geojson")?;
    let notice = ui.wait_for_text("places-notice", ".geojson")?;
    saved_file(dialogs, &notice, ".geojson")
}

fn export_pdf(ui: &Session, dialogs: &Path) -> Result<Vec<u8>> {
    click_enabled(ui, "places-export-pdf")?;
    let notice = ui.wait_for_text("places-notice", ".pdf")?;
    read(&saved_file(dialogs, &notice, ".pdf")?)
}

/// Finds the file of the dialog folder that the notice names.
fn saved_file(dialogs: &Path, notice: &str, extension: &str) -> Result<PathBuf> {
    let entries = std::fs::read_dir(dialogs).map_err(|source| Error::Io {
        path: dialogs.to_path_buf(),
        source,
    })?;
    entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| {
            let name = path.display().to_string();
            name.ends_with(extension) && notice.contains(&name)
        })
        .ok_or_else(|| io_error(dialogs, format!("no {extension} file named in {notice:?}")))
}

/// The counts of the import report.
#[derive(Debug)]
struct ImportCounts {
    imported: String,
    updated: String,
    skipped: String,
    errors: String,
    commit_offered: bool,
}

/// Imports the exported file into the same community and reads the
/// preview's counts. Its open dialog returns the `.geojson` file.
fn import_back(ui: &Session) -> Result<ImportCounts> {
    click_enabled(ui, "places-import")?;
    let report = ui.wait_for("places-import-report")?;
    let counts = ImportCounts {
        imported: report.find("places-import-imported")?.text()?,
        updated: report.find("places-import-updated")?.text()?,
        skipped: report.find("places-import-skipped")?.text()?,
        errors: report.find("places-import-errors")?.text()?,
        commit_offered: !report.find_all("places-import-commit")?.is_empty(),
    };
    ui.find("places-import-close")?.click()?;
    Ok(counts)
}

/// Reads what the first app stored, checking it against the drawing.
fn stored_drawing(database: &Path, household_id: i64, pixel: (f64, f64)) -> Result<Drawn> {
    let fail = |e: chumchon::Error| io_error(database, e);
    let conn = chumchon::db::open(database).map_err(fail)?;
    let communities = chumchon::members::list_communities(&conn).map_err(fail)?;
    let community_id = communities
        .first()
        .map(|c| c.community.id)
        .ok_or_else(|| io_error(database, "no community"))?;
    let zones = places::list_zones(&conn, community_id).map_err(fail)?;
    let zone = zones
        .iter()
        .find(|z| z.name == ZONE_NAME)
        .ok_or_else(|| io_error(database, "the drawn zone is not stored"))?;
    let ring: Vec<[f64; 2]> = zone
        .polygon
        .as_ref()
        .map(|p| p.coordinates().swap_remove(0))
        .unwrap_or_default();
    let ring_positions = ring.len();
    let shortest_edge = shortest_edge(&ring);
    let household = places::household(&conn, household_id).map_err(fail)?;
    let sketches = places::sketch_maps(&conn, community_id).map_err(fail)?;
    let sketch_id = sketches
        .iter()
        .find(|s| s.name == SKETCH_NAME)
        .map(|s| s.id)
        .ok_or_else(|| io_error(database, "the sketch map is not stored"))?;

    assert_eq!(
        ring_positions, 4,
        "three drawn corners and the closing position"
    );
    assert!(
        shortest_edge > MIN_EDGE_DEGREES,
        "each pan moves the view 80 px, about 0.0034° at the map's zoom, so \
         the corners should lie apart: shortest edge {shortest_edge}° in {ring:?}"
    );
    assert_eq!(
        household.details.address.house_no, HOUSE_NO,
        "the household's house number"
    );
    assert_eq!(
        household.details.address.moo.as_deref(),
        Some("3"),
        "the household's moo, stored on its own"
    );
    assert!(
        household.details.location.is_some(),
        "the household should be placed on the map"
    );
    Ok(Drawn {
        community_id,
        zone_id: zone.id,
        household_id,
        sketch_id,
        pixel,
        ring_positions,
    })
}

/// Returns the length in degrees of the shortest edge of a closed ring.
fn shortest_edge(ring: &[[f64; 2]]) -> f64 {
    ring.windows(2)
        .map(|edge| (edge[1][0] - edge[0][0]).hypot(edge[1][1] - edge[0][1]))
        .fold(f64::INFINITY, f64::min)
}

/// Returns the household's pin in the reopened database.
fn stored_pin(database: &Path, drawn: &Drawn) -> Result<Option<(f64, f64)>> {
    let fail = |e: chumchon::Error| io_error(database, e);
    let conn = chumchon::db::open(database).map_err(fail)?;
    let pins = places::pins(&conn, drawn.sketch_id).map_err(fail)?;
    Ok(pins
        .iter()
        .find(|p| p.target == PinTarget::Household(drawn.household_id))
        .map(|p| (p.at.x, p.at.y)))
}

/// Checks the exported GeoJSON: the drawn zone and the placed household,
/// and no sketch-map pixels.
fn check_layers(layers: &Value, drawn: &Drawn) -> Result<()> {
    let features = layers["features"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = features.iter().filter_map(|f| f["id"].as_str()).collect();
    let zone = features
        .iter()
        .find(|f| f["id"] == format!("zone/{}", drawn.zone_id))
        .cloned()
        .unwrap_or_default();
    let ring = zone["geometry"]["coordinates"][0]
        .as_array()
        .map_or(0, Vec::len);

    assert_eq!(
        ids,
        vec![
            format!("zone/{}", drawn.zone_id),
            format!("household/{}", drawn.household_id)
        ],
        "the export should hold the zone and the household of community {}",
        drawn.community_id
    );
    assert_eq!(zone["properties"]["name"], ZONE_NAME, "the zone's name");
    assert_eq!(ring, drawn.ring_positions, "the outline as stored");
    Ok(())
}

/// Reads the `x` and `y` pixel a pin element carries.
fn pixel_of(pin: &Element<'_>) -> Result<(f64, f64)> {
    let number = |name: &str| -> Result<f64> {
        let text = pin.attribute(name)?.unwrap_or_default();
        text.parse()
            .map_err(|_| io_error(Path::new(name), format!("{text:?} is not a number")))
    };
    Ok((number("data-x")?, number("data-y")?))
}

/// Reads the row id at the end of an element's test id.
fn id_after(element: &Element<'_>, prefix: &str) -> Result<i64> {
    let testid = element.attribute("data-testid")?.unwrap_or_default();
    testid
        .strip_prefix(prefix)
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| io_error(Path::new(&testid), "no row id in the test id"))
}

fn test_id(id: &str) -> String {
    chumchon_e2e::test_id_selector(id)
}

/// Clicks the button with the test id `id` once it is enabled: buttons
/// that write wait while the screen reads or writes.
fn click_enabled(ui: &Session, id: &str) -> Result<()> {
    let button = ui.wait_for(id)?;
    wait_until(&format!("[data-testid={id}] to be enabled"), WAIT, || {
        Ok(button.is_enabled()?.then_some(()))
    })?;
    button.click()
}

/// Waits for the first element matching the CSS `selector`.
fn wait_for_css<'s>(ui: &'s Session, selector: &str) -> Result<Element<'s>> {
    wait_until(&format!("{selector} to be in the page"), WAIT, || {
        ui.find_css(selector).map(Some)
    })
}

/// Waits until no element has the test id `id`.
fn wait_gone(ui: &Session, id: &str) -> Result<()> {
    wait_until(&format!("[data-testid={id}] to go away"), WAIT, || {
        Ok(ui.find_all(id)?.is_empty().then_some(()))
    })
}

fn copy_fixture(name: &str, to: &Path) -> Result<()> {
    let from = workspace_root().join("tests/fixtures").join(name);
    std::fs::copy(&from, to).map_err(|source| Error::Io { path: from, source })?;
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn io_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}
