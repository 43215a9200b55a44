//! The map screen's layers through the real window. A KML file from Google
//! My Maps is imported with its report, a household is moved by dragging
//! its marker, and a collection point is edited from the map. The online
//! basemap fetches tiles only once it is turned on.

use std::path::Path;

use chumchon::places;
use chumchon_e2e::{wait_until, workspace_root, App, Element, Error, Launch, Result, Session};

const WAIT: std::time::Duration = chumchon_e2e::DEFAULT_TIMEOUT;

/// A tile URL on this machine's loopback address, where nothing listens,
/// so that the test finds which tiles the map requests without any
/// network access.
const LOCAL_TILES: &str = "https://127.0.0.1:9/{z}/{x}/{y}.png";

#[test]
fn kml_import_then_point_edit() -> Result<()> {
    let app = App::launch(Launch::new("kml_import_then_point_edit").demo())?;
    copy_fixture(
        "places-boyang-mymaps.kml",
        &app.dialog_dir().join("1-boyang.kml"),
    )?;
    let ui = app.session();

    ui.wait_for("nav-places")?.click()?;
    ui.wait_for("places-map")?;
    click_enabled(ui, "places-import")?;
    let report = ui.wait_for("places-import-report")?;
    let read = report.find("places-import-read")?.text()?;
    let new = report.find("places-import-imported")?.text()?;
    let errors = report.find("places-import-errors")?.text()?;
    let reasons: Vec<String> = report
        .find_all("places-import-feature")?
        .iter()
        .map(Element::text)
        .collect::<Result<_>>()?;
    click_enabled(ui, "places-import-commit")?;
    let status = ui.wait_for_text("places-import-status", "นำเข้าลงชุมชน")?;
    app.save_screenshot("kml-imported")?;

    wait_for_css(ui, "path[data-testid^=\"places-zone-\"]")?;
    let marker = wait_for_css(ui, "[data-testid^=\"places-marker-household-\"]")?;
    let household_id = marker
        .attribute("data-testid")?
        .and_then(|id| id.strip_prefix("places-marker-household-")?.parse().ok())
        .unwrap_or(0);
    let before_drag = household_lon(app.database(), household_id)?;
    drag(
        ui,
        &format!("places-marker-household-{household_id}"),
        DRAG_PIXELS,
    )?;
    let after_drag = wait_until("the dragged household to be stored", WAIT, || {
        let lon = household_lon(app.database(), household_id)?;
        Ok((lon != before_drag).then_some(lon))
    })?;
    // The drag's reload replaces the markers, so a click can meet a
    // marker that is just being replaced; it is repeated until the
    // record opens.
    // The import report above the map can push the marker below the
    // window's edge, so it is scrolled into view before each click.
    wait_until("the point's record to open", WAIT, || {
        if !ui.find_all("places-point-form")?.is_empty() {
            return Ok(Some(()));
        }
        let selector = "[data-testid^=\"places-marker-point-\"]";
        ui.execute(SCROLL_INTO_VIEW, vec![serde_json::json!(selector)])?;
        match ui.find_css(selector)?.click() {
            Err(Error::WebDriver { error, .. }) if error == "element not interactable" => Ok(None),
            other => other.map(|()| None),
        }
    })?;
    let name = ui.wait_for("places-point-name")?.property("value")?;
    let checked = checked_materials(ui)?;
    ui.execute(
        SCROLL_INTO_VIEW,
        vec![serde_json::json!("[data-testid=\"places-point-schedule\"]")],
    )?;
    let schedule = ui.find("places-point-schedule")?;
    schedule.clear()?;
    schedule.type_text("จ-ศ 08:30-16:30")?;
    click_enabled(ui, "places-point-save")?;
    ui.wait_for_text("places-notice", "บันทึก")?;
    wait_for_css(ui, "[data-testid^=\"places-record-zone-\"]")?.click()?;
    let zone_households = ui.wait_for_text("places-overview-households", "12/3")?;
    let zone_points = ui.find("places-overview-points")?.text()?;

    let (community, point) = stored_point(app.database())?;
    app.close()?;

    assert_eq!(read, "4", "the KML has four placemarks");
    assert!(
        matches!((before_drag, after_drag), (Some(from), Some(to)) if to > from),
        "dragging the marker right should move the household east: \
         {before_drag:?} to {after_drag:?}"
    );
    assert_eq!(new, "3", "the zone, the point and one household are new");
    assert_eq!(errors, "1", "the household with a nan longitude is refused");
    assert!(
        reasons.iter().any(|row| row.contains("พิกัด")),
        "the refused placemark's reason should be in Thai: {reasons:?}"
    );
    assert!(
        status.contains(&community),
        "the status should name the community: {status}"
    );
    assert_eq!(
        name.as_str(),
        Some(point.details.name.as_str()),
        "a click on the point's marker opens its record"
    );
    assert!(
        !point.details.materials.is_empty(),
        "the KML's materials should be read"
    );
    assert_eq!(
        checked, point.details.materials,
        "the form ticks the materials the point accepts"
    );
    assert!(
        zone_points.contains(&point.details.name),
        "the zone's page lists the point inside its outline: {zone_points}"
    );
    assert!(
        zone_households.contains("(1)"),
        "the zone's page counts the one household inside it: {zone_households}"
    );
    assert_eq!(
        point.details.hours.len(),
        5,
        "the new hours, Monday to Friday, replace Saturday's"
    );
    Ok(())
}

#[test]
fn basemap_off_until_turned_on() -> Result<()> {
    let app = App::launch(Launch::new("basemap_off_until_turned_on").demo())?;
    let ui = app.session();

    ui.wait_for("nav-places")?.click()?;
    ui.wait_for("places-map")?;
    let scale = wait_for_css(ui, ".leaflet-control-scale-line")?.text()?;
    let tiles_before = count(ui, ".leaflet-tile")?;
    ui.find("places-basemap-toggle")?.click()?;
    let enabled_before = ui.wait_for("places-basemap-enabled")?.property("checked")?;
    let default_url = ui.find("places-basemap-url")?.property("value")?;

    set_basemap(ui, true, LOCAL_TILES)?;
    let tile = wait_for_css(ui, "img.leaflet-tile")?;
    let tile_src = tile.attribute("src")?.unwrap_or_default();
    let attribution = wait_for_css(ui, ".leaflet-control-attribution")?.text()?;
    let attribution_font = ui.execute(ATTRIBUTION_FONT, Vec::new())?;
    app.save_screenshot("basemap-on")?;
    let stored_on = stored_setting(app.database(), "places_basemap_enabled")?;

    ui.find("places-basemap-toggle")?.click()?;
    set_basemap(ui, false, LOCAL_TILES)?;
    wait_until("the tiles to go", WAIT, || {
        Ok((count(ui, ".leaflet-tile")? == 0).then_some(()))
    })?;
    let stored_off = stored_setting(app.database(), "places_basemap_enabled")?;
    app.close()?;

    assert!(
        scale.ends_with(" m") || scale.ends_with(" km"),
        "the scale bar should show metres: {scale:?}"
    );
    assert_eq!(
        tiles_before, 0,
        "no tile is fetched before the basemap is turned on"
    );
    assert_eq!(
        enabled_before,
        serde_json::json!(false),
        "the basemap starts off"
    );
    assert!(
        default_url
            .as_str()
            .is_some_and(|url| url.starts_with("https://") && url.contains("{z}")),
        "a tile URL template is offered: {default_url}"
    );
    assert!(
        tile_src.starts_with("https://127.0.0.1:9/"),
        "tiles come from the URL set: {tile_src}"
    );
    assert!(
        attribution.contains("ทดสอบแผนที่"),
        "the attribution set is shown: {attribution:?}"
    );
    assert!(
        attribution_font
            .as_str()
            .is_some_and(|font| font.contains("Sarabun")),
        "the Thai attribution should use the bundled Sarabun: {attribution_font}"
    );
    assert_eq!(stored_on.as_deref(), Some("1"), "the setting is stored on");
    assert_eq!(
        stored_off.as_deref(),
        Some("0"),
        "the setting is stored off"
    );
    Ok(())
}

/// Returns the font family of the map's attribution.
const ATTRIBUTION_FONT: &str = r#"
const control = document.querySelector(".leaflet-control-attribution");
return control ? getComputedStyle(control).fontFamily : null;
"#;

/// Scrolls the first element matching the CSS selector `arguments[0]` to
/// the middle of the window.
const SCROLL_INTO_VIEW: &str =
    r#"document.querySelector(arguments[0])?.scrollIntoView({ block: "center" });"#;

/// How far the test drags a marker to the right, in screen pixels.
const DRAG_PIXELS: f64 = 60.0;

/// Drags the element with the test id `arguments[0]` by `arguments[1]`
/// pixels to the right with mouse events, as Leaflet's `Draggable` reads
/// them. The events target the element, as a real mouse's events target
/// the element under the pointer. Leaflet marks the target of the first
/// move with a class, and `document` has no class list.
const DRAG: &str = r#"
const [testid, dx] = arguments;
const element = document.querySelector(`[data-testid="${testid}"]`);
const box = element.getBoundingClientRect();
const x = box.left + box.width / 2;
const y = box.top + box.height / 2;
const mouse = (type, cx) =>
  element.dispatchEvent(new MouseEvent(type, {
    bubbles: true, cancelable: true, view: window, clientX: cx, clientY: y, button: 0, buttons: 1,
  }));
mouse("mousedown", x);
for (let step = 1; step <= 5; step++) mouse("mousemove", x + (dx * step) / 5);
mouse("mouseup", x + dx);
"#;

fn drag(ui: &Session, test_id: &str, dx: f64) -> Result<()> {
    ui.execute(
        DRAG,
        vec![serde_json::json!(test_id), serde_json::json!(dx)],
    )?;
    Ok(())
}

/// Returns a household's stored longitude.
fn household_lon(database: &Path, id: i64) -> Result<Option<f64>> {
    let fail = |e: chumchon::Error| io_error(database, e);
    let conn = chumchon::db::open(database).map_err(fail)?;
    let household = places::household(&conn, id).map_err(fail)?;
    Ok(household.details.location.map(|at| at.lon))
}

/// Fills the basemap form, which the toggle has opened, and saves it.
fn set_basemap(ui: &Session, enabled: bool, url: &str) -> Result<()> {
    let checkbox = ui.wait_for("places-basemap-enabled")?;
    let on = checkbox.property("checked")?.as_bool().unwrap_or(false);
    if on != enabled {
        checkbox.click()?;
    }
    let field = ui.find("places-basemap-url")?;
    field.clear()?;
    field.type_text(url)?;
    let attribution = ui.find("places-basemap-attribution")?;
    attribution.clear()?;
    attribution.type_text("© ทดสอบแผนที่")?;
    click_enabled(ui, "places-basemap-save")?;
    wait_until("the basemap form to close", WAIT, || {
        Ok(ui.find_all("places-basemap-form")?.is_empty().then_some(()))
    })
}

/// Returns the codes of the ticked material check boxes, in page order.
fn checked_materials(ui: &Session) -> Result<Vec<String>> {
    let codes = ui.execute(CHECKED_MATERIALS, Vec::new())?;
    Ok(codes
        .as_array()
        .map(|codes| {
            codes
                .iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

const CHECKED_MATERIALS: &str = r#"
return [...document.querySelectorAll('[data-testid^="places-point-material-"]')]
  .filter((box) => box.checked)
  .map((box) => box.value);
"#;

/// Counts the elements matching the CSS `selector`.
fn count(ui: &Session, selector: &str) -> Result<u64> {
    let found = ui.execute(
        "return document.querySelectorAll(arguments[0]).length;",
        vec![serde_json::json!(selector)],
    )?;
    Ok(found.as_u64().unwrap_or(0))
}

/// Returns the first community's name and its one collection point.
fn stored_point(database: &Path) -> Result<(String, places::CollectionPoint)> {
    let fail = |e: chumchon::Error| io_error(database, e);
    let conn = chumchon::db::open(database).map_err(fail)?;
    let communities = chumchon::members::list_communities(&conn).map_err(fail)?;
    let community = communities
        .first()
        .map(|c| c.community.clone())
        .ok_or_else(|| io_error(database, "no community"))?;
    let points = places::list_collection_points(&conn, community.id).map_err(fail)?;
    let point = points
        .into_iter()
        .next()
        .ok_or_else(|| io_error(database, "the KML's point is not stored"))?;
    Ok((community.name, point))
}

fn stored_setting(database: &Path, key: &str) -> Result<Option<String>> {
    let fail = |e: chumchon::Error| io_error(database, e);
    let conn = chumchon::db::open(database).map_err(fail)?;
    chumchon::db::setting(&conn, key).map_err(fail)
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

fn copy_fixture(name: &str, to: &Path) -> Result<()> {
    let from = workspace_root().join("tests/fixtures").join(name);
    std::fs::copy(&from, to).map_err(|source| Error::Io { path: from, source })?;
    Ok(())
}

fn io_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}
