//! Map layers through the library: GeoJSON from QGIS and KML from Google
//! My Maps in, a report on every feature, a second import that changes
//! nothing, and exports (GeoJSON and KML) that import back as the same
//! layers.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chumchon::import::session::Mode;
use chumchon::members::{ensure_community, find_community, MemberDetails};
use chumchon::places::{self, FeatureStatus, PlacesOutcome};
use common::{context, date, fixture, TempDb, TestResult};
use serde_json::Value;

fn import(db: &TempDb, file: &Path) -> TestResult<PlacesOutcome> {
    let mut conn = db.open()?;
    Ok(places::import(
        &mut conn,
        &context(),
        file,
        "บ่อยาง",
        Mode::Commit,
    )?)
}

fn audit_entries(db: &TempDb) -> TestResult<i64> {
    let conn = db.open()?;
    Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |row| row.get(0))?)
}

fn community_id(db: &TempDb) -> TestResult<i64> {
    let conn = db.open()?;
    let community = find_community(&conn, "บ่อยาง")?.ok_or("community missing")?;
    Ok(community.id)
}

/// Features of a collection by layer and name, without the row ids that
/// differ between databases.
fn by_name(collection: &Value) -> BTreeMap<String, Value> {
    let mut features = BTreeMap::new();
    for feature in collection["features"].as_array().into_iter().flatten() {
        let mut properties = feature["properties"].clone();
        if let Some(map) = properties.as_object_mut() {
            map.remove("id");
        }
        let key = format!(
            "{}:{}",
            properties["layer"].as_str().unwrap_or_default(),
            properties["name"].as_str().unwrap_or_default()
        );
        features.insert(
            key,
            serde_json::json!({ "geometry": feature["geometry"], "properties": properties }),
        );
    }
    features
}

/// Asserts that two GeoJSON exports hold the same features, row ids
/// aside, and returns the first one's features by name.
fn assert_same_layers(original: &Path, again: &Path) -> TestResult<BTreeMap<String, Value>> {
    let original: Value = serde_json::from_str(&std::fs::read_to_string(original)?)?;
    let round_trip: Value = serde_json::from_str(&std::fs::read_to_string(again)?)?;
    let (original, round_trip) = (by_name(&original), by_name(&round_trip));
    assert_eq!(
        original.keys().collect::<Vec<_>>(),
        round_trip.keys().collect::<Vec<_>>(),
        "same features"
    );
    for (key, feature) in &original {
        assert_eq!(
            Some(feature),
            round_trip.get(key),
            "feature {key} unchanged"
        );
    }
    Ok(original)
}

fn statuses(outcome: &PlacesOutcome) -> Vec<FeatureStatus> {
    outcome.report.features.iter().map(|f| f.status).collect()
}

#[test]
fn qgis_geojson_creates_every_layer() -> TestResult {
    let db = TempDb::new()?;
    {
        let conn = db.open()?;
        let community = ensure_community(&conn, &context(), "บ่อยาง", Some("BY"))?;
        let member = MemberDetails {
            member_no: "BY001".into(),
            first_name: "สมศรี".into(),
            community_id: community.id,
            ..MemberDetails::default()
        };
        chumchon::members::insert(&conn, &context(), &member)?;
    }

    let outcome = import(&db, &fixture("places-boyang-qgis.geojson"))?;

    let report = &outcome.report;
    assert_eq!(report.report.rows_read, 5, "five features read");
    assert_eq!(report.report.imported, 5, "all five imported");
    assert!(
        report.report.errors.is_empty(),
        "no errors: {:?}",
        report.report.errors
    );
    assert!(report.report.committed, "written");
    let warnings: Vec<&str> = report.report.warnings.iter().map(|w| w.code).collect();
    assert_eq!(warnings, vec!["member_unknown"], "BY999 is not a member");
    let conn = db.open()?;
    let id = community_id(&db)?;
    let households = places::list_households(&conn, id)?;
    let first = households
        .iter()
        .find(|h| h.details.address.house_no == "12/3")
        .ok_or("household 12/3 missing")?;
    assert_eq!(
        first.details.address.moo.as_deref(),
        Some("4"),
        "หมู่ given as a number"
    );
    assert_eq!(first.details.address.postcode.as_deref(), Some("90000"));
    assert_eq!(
        first.details.sorting_joined,
        Some(date(2024, 7, 1)),
        "BE date read"
    );
    assert_eq!(
        first.zone.as_deref(),
        Some("ซอยวัดแหลมทราย"),
        "zone from its outline"
    );
    let second = households
        .iter()
        .find(|h| h.details.address.house_no == "15")
        .ok_or("household 15 missing")?;
    assert_eq!(
        second.zone.as_deref(),
        Some("ซอยตลาดเช้า"),
        "zone from its outline"
    );
    let members: Vec<&str> = second
        .members
        .iter()
        .map(|m| m.member_no.as_str())
        .collect();
    assert_eq!(members, vec!["BY001"], "member linked to the household");
    let point =
        places::find_collection_point(&conn, id, "ธนาคารขยะศาลาชุมชน")?.ok_or("point missing")?;
    assert_eq!(
        point.details.materials,
        vec!["PET_CLEAR", "ALU_CAN", "CARDBOARD"],
        "names people use resolved to codes"
    );
    assert_eq!(point.details.hours.len(), 1, "Saturday mornings");
    assert_eq!(point.details.hours[0].weekday, 6, "Saturday");
    Ok(())
}

#[test]
fn second_import_changes_nothing() -> TestResult {
    let db = TempDb::new()?;
    import(&db, &fixture("places-boyang-qgis.geojson"))?;
    let entries = audit_entries(&db)?;

    let again = import(&db, &fixture("places-boyang-qgis.geojson"))?;

    assert!(
        again.imported_before.is_some(),
        "the same bytes are recognised"
    );
    assert_eq!(again.report.report.imported, 0, "nothing new");
    assert_eq!(again.report.updated, 0, "nothing changed");
    assert!(
        statuses(&again)
            .iter()
            .all(|s| *s == FeatureStatus::Skipped),
        "every feature skipped: {:?}",
        statuses(&again)
    );
    assert!(!again.report.report.committed, "nothing written");
    assert_eq!(audit_entries(&db)?, entries, "no audit entries added");
    Ok(())
}

#[test]
fn export_then_import_gives_same_layers() -> TestResult {
    let first = TempDb::new()?;
    import(&first, &fixture("places-boyang-qgis.geojson"))?;
    let exported = first.dir.path().join("boyang.geojson");
    let conn = first.open()?;
    let counts = places::export_geojson(&conn, &context(), community_id(&first)?, &exported)?;
    drop(conn);
    assert_eq!((counts.zones, counts.households, counts.points), (2, 2, 1));

    let second = TempDb::new()?;
    let outcome = import(&second, &exported)?;
    let entries = audit_entries(&first)?;
    let back_into_first = import(&first, &exported)?;

    assert_eq!(outcome.report.report.imported, 5, "every feature imported");
    assert!(outcome.report.report.errors.is_empty(), "no errors");
    let again = second.dir.path().join("again.geojson");
    places::export_geojson(&second.open()?, &context(), community_id(&second)?, &again)?;
    assert_same_layers(&exported, &again)?;
    assert_eq!(
        back_into_first.report.updated, 0,
        "its own export changes nothing"
    );
    assert_eq!(
        audit_entries(&first)?,
        entries,
        "no audit entries from its own export"
    );
    Ok(())
}

/// Adds member BY001 to community บ่อยาง, so that a household can list it.
fn add_member(db: &TempDb) -> TestResult {
    let conn = db.open()?;
    let community = ensure_community(&conn, &context(), "บ่อยาง", Some("BY"))?;
    let member = MemberDetails {
        member_no: "BY001".into(),
        first_name: "สมศรี".into(),
        community_id: community.id,
        ..MemberDetails::default()
    };
    chumchon::members::insert(&conn, &context(), &member)?;
    Ok(())
}

/// Adds a zone with a hole and notes that XML must escape.
fn add_zone_with_hole(db: &TempDb) -> TestResult {
    let conn = db.open()?;
    let outer = vec![
        [100.603, 7.19],
        [100.609, 7.19],
        [100.609, 7.196],
        [100.603, 7.196],
        [100.603, 7.19],
    ];
    let hole = vec![
        [100.605, 7.192],
        [100.607, 7.192],
        [100.607, 7.194],
        [100.605, 7.192],
    ];
    let details = places::ZoneDetails {
        name: "ซอย <ริมคลอง> & ท่าเรือ".to_string(),
        notes: Some("บ่อน้ำ \"เก่า\" อยู่กลางโซน".to_string()),
        polygon: Some(places::Polygon::new(vec![outer, hole])?),
        ..places::ZoneDetails::default()
    };
    places::add_zone(&conn, &context(), community_id(db)?, &details)?;
    Ok(())
}

#[test]
fn kml_export_imports_back_unchanged() -> TestResult {
    let first = TempDb::new()?;
    add_member(&first)?;
    import(&first, &fixture("places-boyang-qgis.geojson"))?;
    add_zone_with_hole(&first)?;
    let kml = first.dir.path().join("boyang.kml");
    let conn = first.open()?;
    let counts = places::export_kml(&conn, &context(), community_id(&first)?, &kml)?;
    let original = first.dir.path().join("original.geojson");
    places::export_geojson(&conn, &context(), community_id(&first)?, &original)?;
    drop(conn);
    assert_eq!((counts.zones, counts.households, counts.points), (3, 2, 1));

    let second = TempDb::new()?;
    add_member(&second)?;
    let outcome = import(&second, &kml)?;
    let entries = audit_entries(&first)?;
    let back_into_first = import(&first, &kml)?;

    assert_eq!(outcome.report.report.imported, 6, "every feature imported");
    assert!(
        outcome.report.report.errors.is_empty(),
        "no errors: {:?}",
        outcome.report.report.errors
    );
    assert!(
        outcome.report.report.warnings.is_empty(),
        "no warnings: {:?}",
        outcome.report.report.warnings
    );
    let again = second.dir.path().join("again.geojson");
    places::export_geojson(&second.open()?, &context(), community_id(&second)?, &again)?;
    let original = assert_same_layers(&original, &again)?;
    let household = &original["household:15 หมู่ 4 ซอยตลาดเช้า"];
    assert_eq!(
        household["properties"]["members"],
        serde_json::json!(["BY001"]),
        "the member list is part of the comparison"
    );
    assert_eq!(
        back_into_first.report.updated, 0,
        "its own export changes nothing"
    );
    assert_eq!(
        back_into_first.report.report.imported, 0,
        "its own export adds nothing"
    );
    assert_eq!(
        audit_entries(&first)?,
        entries,
        "no audit entries from its own export"
    );
    Ok(())
}

#[test]
fn bad_features_are_reported_with_reasons() -> TestResult {
    let db = TempDb::new()?;

    let outcome = import(&db, &fixture("places-bad.geojson"))?;

    let codes: Vec<(FeatureStatus, Option<&str>)> = outcome
        .report
        .features
        .iter()
        .map(|f| (f.status, f.code))
        .collect();
    let error = |code| (FeatureStatus::Error, Some(code));
    assert_eq!(
        codes,
        vec![
            error("ring_self_intersects"),
            error("ring_not_closed"),
            error("ring_too_short"),
            error("coordinate_outside_thailand"),
            error("coordinate_swapped"),
            error("coordinate_not_degrees"),
            (FeatureStatus::Imported, None),
            error("layer_unknown"),
            (FeatureStatus::Skipped, Some("no_geometry")),
            error("layer_unknown"),
        ],
        "one outcome per feature, in file order"
    );
    let problem = &outcome.report.report.errors[0];
    assert_eq!(problem.row, Some(1), "the feature's number");
    assert_eq!(problem.value.as_deref(), Some("โซนไขว้"), "the zone's name");
    let swapped = &outcome.report.report.errors[4];
    assert!(
        swapped.message.contains("swapped"),
        "message says what to fix: {}",
        swapped.message
    );
    assert!(
        outcome.report.report.committed,
        "the good household was written"
    );
    Ok(())
}

#[test]
fn my_maps_kml_imports_by_folder() -> TestResult {
    let db = TempDb::new()?;

    let outcome = import(&db, &fixture("places-boyang-mymaps.kml"))?;

    let layers: Vec<Option<&str>> = outcome
        .report
        .features
        .iter()
        .map(|f| f.layer.map(|l| l.as_str()))
        .collect();
    assert_eq!(
        layers,
        vec![
            Some("zone"),
            Some("point"),
            Some("household"),
            Some("household")
        ],
        "layer from the folder's name"
    );
    assert_eq!(
        outcome.report.report.imported, 3,
        "zone, point and one household"
    );
    let nan = &outcome.report.features[3];
    assert_eq!(
        nan.code,
        Some("coordinate_not_finite"),
        "NaN longitude refused"
    );
    let conn = db.open()?;
    let id = community_id(&db)?;
    let zone = places::find_zone(&conn, id, "ซอยวัดแหลมทราย")?.ok_or("zone missing")?;
    assert_eq!(
        zone.leader_name.as_deref(),
        Some("นายสมชาย ดีใจ"),
        "leader from extended data"
    );
    let households = places::list_households(&conn, id)?;
    assert_eq!(
        households[0].details.address.house_no, "12/3",
        "number from the name"
    );
    let point =
        places::find_collection_point(&conn, id, "ธนาคารขยะศาลาชุมชน")?.ok_or("point missing")?;
    assert_eq!(point.details.hours[0].opens, "09:00", "Thai time read");
    Ok(())
}

#[test]
fn qgis_and_my_maps_name_same_places() -> TestResult {
    let db = TempDb::new()?;
    import(&db, &fixture("places-boyang-qgis.geojson"))?;

    let outcome = import(&db, &fixture("places-boyang-mymaps.kml"))?;

    let zone = &outcome.report.features[0];
    assert_eq!(
        zone.status,
        FeatureStatus::Skipped,
        "same zone, same outline"
    );
    let point = &outcome.report.features[1];
    assert_eq!(
        point.status,
        FeatureStatus::Updated,
        "fewer materials in My Maps"
    );
    Ok(())
}

#[test]
fn sketch_pins_stay_out_of_geojson() -> TestResult {
    let db = TempDb::new()?;
    import(&db, &fixture("places-boyang-qgis.geojson"))?;
    let conn = db.open()?;
    let ctx = context();
    let id = community_id(&db)?;
    let image = std::fs::read(fixture("places-sketch-120x80.png"))?;
    let map = places::add_sketch_map(&conn, &ctx, id, "แผนที่มือ", &image)?;
    let unmapped = places::add_household(
        &conn,
        &ctx,
        id,
        &places::HouseholdDetails {
            address: places::HouseAddress {
                house_no: "99".into(),
                ..places::HouseAddress::default()
            },
            ..places::HouseholdDetails::default()
        },
    )?;

    places::pin(
        &conn,
        &ctx,
        map.id,
        places::PinTarget::Household(unmapped.id),
        places::Pixel { x: 60.0, y: 40.0 },
    )?;

    let layers = serde_json::to_value(places::layers(&conn, id)?)?;
    let names: Vec<&str> = layers["features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["properties"]["house_no"].as_str())
        .collect();
    assert!(
        !names.contains(&"99"),
        "a household pinned only on the sketch is not in GeoJSON"
    );
    assert_eq!(
        places::pins(&conn, map.id)?.len(),
        1,
        "the pin is kept with its map"
    );
    Ok(())
}

/// Imports a file of `bytes` named `name` and returns the error message,
/// or what was imported when the import did not fail.
fn import_error(name: &str, bytes: &[u8]) -> TestResult<String> {
    let db = TempDb::new()?;
    let path = db.dir.path().join(name);
    std::fs::write(&path, bytes)?;
    Ok(match import(&db, &path) {
        Ok(outcome) => format!("no error, {} read", outcome.report.features.len()),
        Err(error) => error.to_string(),
    })
}

#[test]
fn empty_kml_is_an_error() -> TestResult {
    let message = import_error("empty.kml", b"")?;

    assert!(message.contains("is empty"), "the file is empty: {message}");
    Ok(())
}

#[test]
fn truncated_kml_is_an_error() -> TestResult {
    let cut = "<?xml version=\"1.0\"?><kml><Document><Placemark><name>x</name>";

    let message = import_error("broken.kml", cut.as_bytes())?;

    assert!(
        message.contains("damaged"),
        "the file is damaged: {message}"
    );
    assert!(
        message.contains("Placemark"),
        "names what is cut off: {message}"
    );
    Ok(())
}

#[test]
fn geojson_errors_are_plain_words() -> TestResult {
    let empty = import_error("empty.geojson", b"")?;
    let not_json = import_error("notjson.geojson", b"hello")?;
    let cut = import_error(
        "cut.geojson",
        b"{\"type\": \"FeatureCollection\", \"features\": [",
    )?;
    let nan = import_error(
        "nan.geojson",
        b"{\"type\": \"Point\", \"coordinates\": [NaN, 7]}",
    )?;

    assert!(empty.contains("is empty"), "empty: {empty}");
    assert!(not_json.contains("not GeoJSON"), "not JSON: {not_json}");
    assert!(cut.contains("cut off"), "cut off: {cut}");
    assert!(nan.contains("damaged at line 1"), "damaged: {nan}");
    assert!(!nan.contains("expected value"), "no library text: {nan}");
    Ok(())
}

#[test]
fn kmz_and_spreadsheet_are_named() -> TestResult {
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00rest of a zip archive";

    let kmz = import_error("valid.kmz", zip)?;
    let xlsx = import_error("equipment.xlsx", zip)?;

    assert!(kmz.contains("KMZ"), "names the KMZ: {kmz}");
    assert!(kmz.contains("doc.kml"), "says to unzip it: {kmz}");
    assert!(!kmz.contains("UTF-8"), "no talk of UTF-8: {kmz}");
    assert!(
        xlsx.contains("spreadsheet"),
        "names the spreadsheet: {xlsx}"
    );
    Ok(())
}

#[test]
fn short_point_and_unknown_layer_are_named() -> TestResult {
    let db = TempDb::new()?;
    let path = db.dir.path().join("odd.geojson");
    let collection = serde_json::json!({
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "จุดวัด", "layer": "point"},
                "geometry": {"type": "Point", "coordinates": [100.6]}
            },
            {
                "type": "Feature",
                "properties": {"name": "ร้านป้าแดง", "layer": "ร้านค้า"},
                "geometry": {"type": "Point", "coordinates": [100.6, 7.18]}
            }
        ]
    });
    std::fs::write(&path, collection.to_string())?;

    let outcome = import(&db, &path)?;

    let errors = &outcome.report.report.errors;
    assert_eq!(errors.len(), 2, "both refused: {errors:?}");
    assert!(
        errors[0].message.contains("longitude and a latitude"),
        "the point's coordinates: {}",
        errors[0].message
    );
    assert_eq!(errors[1].code, "layer_value_unknown", "the layer value");
    assert!(
        errors[1].message.contains("ร้านค้า"),
        "names the value: {}",
        errors[1].message
    );
    Ok(())
}
