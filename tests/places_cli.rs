//! The map's commands run as the built binary on a temporary database:
//! import with its JSON report and exit codes, export as GeoJSON or KML
//! and re-import, a zone's summary, sketch maps with their pins, and the
//! map as a PDF and a PNG picture.

mod common;

use std::process::{Command, Output};

use common::{fixture, TempDb, TestResult};
use serde_json::Value;

/// Runs the CLI and returns its output whatever the exit status.
fn run(db: &TempDb, args: &[&str]) -> TestResult<Output> {
    Ok(Command::new(env!("CARGO_BIN_EXE_chumchon"))
        .arg("--db")
        .arg(&db.path)
        .args(["--operator", "test"])
        .args(args)
        .output()?)
}

fn path_text(path: &std::path::Path) -> TestResult<String> {
    Ok(path.to_str().ok_or("path is not UTF-8")?.to_string())
}

fn import_json(db: &TempDb, file: &str) -> TestResult<(Option<i32>, Value)> {
    let file = path_text(&fixture(file))?;
    let output = run(
        db,
        &["places", "import", &file, "--community", "บ่อยาง", "--json"],
    )?;
    let report = serde_json::from_slice(&output.stdout)?;
    Ok((output.status.code(), report))
}

#[test]
fn import_prints_json_report_per_feature() -> TestResult {
    let db = TempDb::new()?;

    let (status, report) = import_json(&db, "places-boyang-qgis.geojson")?;

    assert_eq!(status, Some(0), "every feature imported");
    assert_eq!(report["file"], "places-boyang-qgis.geojson");
    assert_eq!(report["rows_read"], 5, "features read");
    assert_eq!(report["imported"], 5, "features imported");
    assert_eq!(report["committed"], true, "written");
    assert_eq!(report["community"], "บ่อยาง");
    let features = report["features"].as_array().ok_or("features missing")?;
    assert_eq!(features.len(), 5, "one entry per feature");
    assert_eq!(features[0]["layer"], "zone");
    assert_eq!(features[0]["status"], "imported");
    assert_eq!(report["warnings"][0]["code"], "member_unknown");
    Ok(())
}

#[test]
fn import_twice_skips_every_feature() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;

    let (status, report) = import_json(&db, "places-boyang-qgis.geojson")?;

    assert_eq!(status, Some(0), "nothing refused");
    assert_eq!(report["imported"], 0, "nothing new");
    assert_eq!(report["updated"], 0, "nothing changed");
    assert_eq!(report["skipped"], 5, "every feature skipped");
    assert_eq!(report["features"][2]["code"], "unchanged", "reason given");
    Ok(())
}

#[test]
fn import_exit_codes_tell_refusals_apart() -> TestResult {
    let mixed = TempDb::new()?;
    let (status, report) = import_json(&mixed, "places-bad.geojson")?;
    assert_eq!(status, Some(3), "some refused, one imported");
    assert_eq!(report["errors"][0]["code"], "ring_self_intersects");
    assert_eq!(report["errors"][0]["row"], 1, "feature number");

    let none = TempDb::new()?;
    let file = none.dir.path().join("crossing.geojson");
    std::fs::write(
        &file,
        r#"{"type": "Feature", "properties": {"layer": "zone", "name": "x"},
            "geometry": {"type": "Polygon", "coordinates":
            [[[100.59, 7.19], [100.60, 7.20], [100.60, 7.19], [100.59, 7.20], [100.59, 7.19]]]}}"#,
    )?;
    let file = path_text(&file)?;
    let output = run(&none, &["places", "import", &file, "--community", "บ่อยาง"])?;
    assert_eq!(output.status.code(), Some(4), "nothing imported");
    let text = String::from_utf8(output.stdout)?;
    assert!(
        text.contains("feature 1 zone “x”: error [ring_self_intersects]"),
        "text report names the feature: {text}"
    );
    Ok(())
}

#[test]
fn dry_run_writes_nothing() -> TestResult {
    let db = TempDb::new()?;
    let file = path_text(&fixture("places-boyang-mymaps.kml"))?;

    let output = run(
        &db,
        &[
            "places",
            "import",
            &file,
            "--community",
            "บ่อยาง",
            "--dry-run",
            "--json",
        ],
    )?;
    let report: Value = serde_json::from_slice(&output.stdout)?;
    let again = run(
        &db,
        &["places", "import", &file, "--community", "บ่อยาง", "--json"],
    )?;
    let written: Value = serde_json::from_slice(&again.stdout)?;

    assert_eq!(report["imported"], 3, "would import three");
    assert_eq!(report["committed"], false, "dry run writes nothing");
    assert_eq!(written["imported"], 3, "the real run still imports three");
    Ok(())
}

#[test]
fn export_reimports_unchanged() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;
    let out = db.dir.path().join("boyang.geojson");
    let out_text = path_text(&out)?;

    let printed = db.cli(&[
        "places",
        "export",
        "--community",
        "บ่อยาง",
        "--out",
        &out_text,
    ])?;
    let other = TempDb::new()?;
    let into_other = run(
        &other,
        &[
            "places",
            "import",
            &out_text,
            "--community",
            "บ่อยาง",
            "--json",
        ],
    )?;
    let into_same = run(
        &db,
        &[
            "places",
            "import",
            &out_text,
            "--community",
            "บ่อยาง",
            "--json",
        ],
    )?;

    assert!(
        printed.contains("2 zones, 2 households, 1 collection points"),
        "export counts: {printed}"
    );
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
    assert_eq!(exported["type"], "FeatureCollection", "GeoJSON");
    assert_eq!(exported["community"]["name"], "บ่อยาง", "community named");
    let other_report: Value = serde_json::from_slice(&into_other.stdout)?;
    assert_eq!(
        other_report["imported"], 5,
        "all layers into a new database"
    );
    let same_report: Value = serde_json::from_slice(&into_same.stdout)?;
    assert_eq!(same_report["skipped"], 5, "its own export changes nothing");
    Ok(())
}

#[test]
fn export_picks_kml_by_extension() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;
    let out = db.dir.path().join("boyang.kml");
    let out_text = path_text(&out)?;

    let printed = db.cli(&[
        "places",
        "export",
        "--community",
        "บ่อยาง",
        "--out",
        &out_text,
    ])?;
    let into_same = run(
        &db,
        &[
            "places",
            "import",
            &out_text,
            "--community",
            "บ่อยาง",
            "--json",
        ],
    )?;
    let unknown = run(
        &db,
        &[
            "places",
            "export",
            "--community",
            "บ่อยาง",
            "--out",
            &path_text(&db.dir.path().join("boyang.txt"))?,
        ],
    )?;

    assert!(
        printed.contains("2 zones, 2 households, 1 collection points"),
        "export counts: {printed}"
    );
    let text = std::fs::read_to_string(&out)?;
    assert!(text.starts_with("<?xml"), "an XML file: {text}");
    assert!(
        text.contains("<kml xmlns=\"http://www.opengis.net/kml/2.2\">"),
        "a KML document"
    );
    assert!(text.contains("<name>โซน</name>"), "zones in their folder");
    let same_report: Value = serde_json::from_slice(&into_same.stdout)?;
    assert_eq!(same_report["skipped"], 5, "its own export changes nothing");
    assert!(!unknown.status.success(), "a .txt file is refused");
    assert!(
        String::from_utf8(unknown.stderr)?.contains("does not end in .geojson or .kml"),
        "says which extensions work"
    );
    Ok(())
}

#[test]
fn zone_summary_lists_households_and_points() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;

    let summary = db.cli_json(&[
        "places",
        "zone",
        "--community",
        "บ่อยาง",
        "--zone",
        "ซอยวัดแหลมทราย",
        "--json",
    ])?;

    assert_eq!(summary["zone"]["leader_name"], "นายสมชาย ดีใจ");
    assert_eq!(summary["households"].as_array().map(Vec::len), Some(1));
    assert_eq!(summary["points"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        summary["deposits_at_points"]["deposits"], 0,
        "no deposits yet"
    );
    Ok(())
}

#[test]
fn sketch_map_pins_export_with_image() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;
    let image = path_text(&fixture("places-sketch-120x80.png"))?;
    let folder = db.dir.path().join("sketch");
    let folder_text = path_text(&folder)?;
    let map = ["--community", "บ่อยาง", "--name", "แผนที่มือ"];

    let added = db.cli(&[&["places", "sketch", "add"][..], &map, &["--image", &image]].concat())?;
    db.cli(
        &[
            &["places", "sketch", "pin"][..],
            &map,
            &["--house", "12/3", "--x", "30", "--y", "20"],
        ]
        .concat(),
    )?;
    db.cli(
        &[
            &["places", "sketch", "pin"][..],
            &map,
            &["--point", "ธนาคารขยะศาลาชุมชน", "--x", "90.5", "--y", "60"],
        ]
        .concat(),
    )?;
    let outside = run(
        &db,
        &[
            &["places", "sketch", "pin"][..],
            &map,
            &["--house", "15", "--x", "500", "--y", "20"],
        ]
        .concat(),
    )?;
    db.cli(
        &[
            &["places", "sketch", "export"][..],
            &map,
            &["--out", &folder_text],
        ]
        .concat(),
    )?;

    assert!(added.contains("120 × 80 pixels"), "size read: {added}");
    assert!(!outside.status.success(), "a pin off the image is refused");
    let stderr = String::from_utf8(outside.stderr)?;
    assert!(
        stderr.contains("outside the 120 × 80 image"),
        "says why: {stderr}"
    );
    let copied = std::fs::read(folder.join("แผนที่มือ.png"))?;
    assert_eq!(
        copied,
        std::fs::read(fixture("places-sketch-120x80.png"))?,
        "image as stored"
    );
    let pins: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("แผนที่มือ.pins.json"))?)?;
    assert_eq!(pins["pins"].as_array().map(Vec::len), Some(2), "both pins");
    assert_eq!(pins["pins"][1]["x"], 90.5, "pixel kept");
    let other = TempDb::new()?;
    import_json(&other, "places-boyang-qgis.geojson")?;
    let pins_file = path_text(&folder.join("แผนที่มือ.pins.json"))?;
    let restored = other.cli(&[
        "places",
        "sketch",
        "import",
        "--community",
        "บ่อยาง",
        "--pins",
        &pins_file,
    ])?;
    assert!(
        restored.contains("2 pins placed, 0 zones drawn, 0 unchanged, 0 not found"),
        "pins restored in another database: {restored}"
    );
    let listed = other.cli_json(&["places", "sketch", "list", "--community", "บ่อยาง", "--json"])?;
    assert_eq!(
        listed[0]["pins"][0]["label"],
        "12/3 หมู่ 4 ซอยวัดแหลมทราย ถนนรามวิถี"
    );
    let geojson = db.dir.path().join("layers.geojson");
    let printed = db.cli(&[
        "places",
        "export",
        "--community",
        "บ่อยาง",
        "--out",
        &path_text(&geojson)?,
    ])?;
    assert!(
        printed.contains("1 sketch maps are not in the export"),
        "export says so: {printed}"
    );
    let text = std::fs::read_to_string(&geojson)?;
    assert!(!text.contains("แผนที่มือ"), "no sketch map in the GeoJSON");
    Ok(())
}

#[test]
fn export_of_unknown_community_fails() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;

    let output = run(
        &db,
        &[
            "places",
            "export",
            "--community",
            "ไม่มี",
            "--out",
            "x.geojson",
        ],
    )?;

    assert!(!output.status.success(), "unknown community");
    assert!(
        String::from_utf8(output.stderr)?.contains("community ไม่มี not found"),
        "says which community"
    );
    Ok(())
}

#[test]
fn map_pdf_names_zones_and_points() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;
    let out = db.dir.path().join("map.pdf");

    let printed = db.cli(&[
        "places",
        "map",
        "--community",
        "บ่อยาง",
        "--out",
        &path_text(&out)?,
    ])?;

    assert!(
        printed.contains("2 zones, 2 households, 1 collection points"),
        "counts: {printed}"
    );
    let text = common::pdf_text(&out)?;
    for expected in [
        "แผนที่ชุมชนบ่อยาง",
        "ซอยวัดแหลมทราย",
        "ธนาคารขยะศาลาชุมชน",
        "12/3",
        "จุดรับขยะ",
    ] {
        assert!(text.contains(expected), "{expected} on the map: {text}");
    }
    Ok(())
}

#[test]
fn map_png_colours_each_zone() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;
    let out = db.dir.path().join("map.png");

    let printed = db.cli(&[
        "places",
        "map",
        "--community",
        "บ่อยาง",
        "--out",
        &path_text(&out)?,
    ])?;

    assert!(
        printed.contains("2 zones, 2 households, 1 collection points"),
        "counts: {printed}"
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out)?));
    let mut reader = decoder.read_info()?;
    let mut pixels = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader.next_frame(&mut pixels)?;
    assert_eq!((info.width, info.height), (1754, 1240), "A4 at 150 dpi");
    assert_eq!(info.color_type, png::ColorType::Rgba, "RGBA pixels");
    let rgb: Vec<[i32; 3]> = pixels
        .chunks_exact(4)
        .map(|p| [i32::from(p[0]), i32::from(p[1]), i32::from(p[2])])
        .collect();
    let orange = rgb.iter().filter(|p| p[0] > p[2] + 40).count();
    let blue = rgb.iter().filter(|p| p[2] > p[0] + 40).count();
    let total = rgb.len();
    assert!(
        orange > total / 20,
        "the first zone is filled orange: {orange} of {total} pixels"
    );
    assert!(
        blue > total / 20,
        "the second zone is filled blue: {blue} of {total} pixels"
    );
    let dark = rgb.iter().filter(|p| p.iter().all(|c| *c < 80)).count();
    assert!(dark > 2000, "labels and lines drawn: {dark} dark pixels");
    Ok(())
}

#[test]
fn map_of_unknown_format_is_refused() -> TestResult {
    let db = TempDb::new()?;
    import_json(&db, "places-boyang-qgis.geojson")?;

    let output = run(
        &db,
        &[
            "places",
            "map",
            "--community",
            "บ่อยาง",
            "--out",
            &path_text(&db.dir.path().join("map.jpg"))?,
        ],
    )?;

    assert!(!output.status.success(), "a .jpg is refused");
    assert!(
        String::from_utf8(output.stderr)?.contains("does not end in .pdf or .png"),
        "says which extensions work"
    );
    Ok(())
}
