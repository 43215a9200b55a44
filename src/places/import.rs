//! Importing zones, households and collection points from a GeoJSON or KML
//! file into one community, with a report on every feature: imported,
//! updated, skipped (with the reason) or refused (with the error).
//!
//! A feature's layer comes from its `layer` property, else from the name
//! of its KML folder or GeoJSON layer ("โซน", "ครัวเรือน", "จุดรับขยะ"…).
//! Without either, a polygon is a zone and a point with a house number is
//! a household. Records are matched by their natural key (a
//! zone's or point's name, a household's address), so importing the same
//! file twice changes nothing, and a file exported by
//! [`super::layers::export_geojson`] reads back as the same layers.
//!
//! A property the feature does not have leaves the stored value as it is;
//! one given as null or empty clears it. Database row ids in the file
//! (`id`) are ignored.

use std::path::Path;

use rusqlite::{Connection, Transaction};
use serde::Serialize;
use serde_json::Value;

use super::geometry::{LonLat, Polygon};
use super::households::{find_household, HouseAddress, HouseholdDetails};
use super::layers::{read_geojson, HOUSEHOLD_LAYER, POINT_LAYER, ZONE_LAYER};
use super::points::{find_collection_point, PointDetails};
use super::schedule::{parse_schedule, Opening};
use super::source::{SourceFeature, SourceGeometry};
use super::zones::{find_zone, zone_at, ZoneDetails};
use crate::import::report::{ImportReport, Problem, Severity};
use crate::import::session::{self, ImportRecord, Mode, SourceFile};
use crate::members::{ensure_community, normalize_member_no};
use crate::{Context, Error, Result};

/// The import kind recorded in the `imports` table.
const IMPORT_KIND: &str = "places";

/// The kind of record a feature becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// A zone, from a polygon.
    Zone,
    /// A collection point, from a point.
    Point,
    /// A household, from a point.
    Household,
}

impl Layer {
    /// Returns the `layer` property value.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Zone => ZONE_LAYER,
            Layer::Point => POINT_LAYER,
            Layer::Household => HOUSEHOLD_LAYER,
        }
    }

    /// Reads a layer from a `layer` property or a folder name, in Thai or
    /// English: "โซน", "ครัวเรือน", "จุดรับขยะ", "zones", "households"….
    pub fn from_name(name: &str) -> Option<Layer> {
        let name = name.trim().to_lowercase();
        let words: [(Layer, &[&str]); 3] = [
            (Layer::Zone, &["zone", "โซน", "เขต", "ซอย"]),
            (
                Layer::Point,
                &[
                    "point",
                    "จุดรับ",
                    "จุดรวบรวม",
                    "จุดทิ้ง",
                    "ธนาคารขยะ",
                    "collection",
                ],
            ),
            (Layer::Household, &["household", "house", "ครัวเรือน", "บ้าน"]),
        ];
        words
            .into_iter()
            .find(|(_, keys)| keys.iter().any(|key| name.contains(key)))
            .map(|(layer, _)| layer)
    }
}

/// The outcome of one feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureStatus {
    /// A new record was added.
    Imported,
    /// An existing record was changed.
    Updated,
    /// Nothing was written: the record is unchanged, or the feature is not
    /// one the map stores.
    Skipped,
    /// The feature was refused, for the reason in `code` and `reason`.
    Error,
}

/// The outcome of one feature, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeatureOutcome {
    /// Position in the file, from 1.
    pub feature: usize,
    /// The layer it was read as.
    pub layer: Option<Layer>,
    /// Its name or house number.
    pub name: Option<String>,
    /// What happened.
    pub status: FeatureStatus,
    /// For a skipped or refused feature, a stable code of the reason.
    pub code: Option<&'static str>,
    /// For a skipped or refused feature, the reason in English.
    pub reason: Option<String>,
}

/// The import report: the fields every import reports, plus the records
/// updated and the outcome of each feature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacesReport {
    /// File, features read (`rows_read`), new records (`imported`),
    /// skipped features, whether it was written, errors and warnings, each
    /// problem's `row` being the feature's position.
    #[serde(flatten)]
    pub report: ImportReport,
    /// Existing records changed.
    pub updated: usize,
    /// The community the places were imported into.
    pub community: String,
    /// Every feature's outcome, in file order.
    pub features: Vec<FeatureOutcome>,
}

/// The outcome of an import or a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacesOutcome {
    /// The report.
    pub report: PlacesReport,
    /// When the same bytes were imported before, the local date and time.
    pub imported_before: Option<String>,
    /// The backup of the database taken before the import was written.
    pub backup: Option<std::path::PathBuf>,
}

/// Imports the features of a `.geojson`, `.json` or `.kml` file into the
/// community called `community`, created when new. In [`Mode::Preview`]
/// nothing is written. The whole import is one transaction.
pub fn import(
    conn: &mut Connection,
    ctx: &Context,
    path: &Path,
    community: &str,
    mode: Mode,
) -> Result<PlacesOutcome> {
    let file = SourceFile::open(path)?;
    let features = read_features(path)?;
    let imported_before = session::imported_before(conn, IMPORT_KIND, &file, "")?;
    let (report, backup) = session::run(conn, ctx, mode, |tx| {
        let report = import_features(tx, ctx, &file, community, &features)?;
        let wrote = report.report.imported + report.updated > 0;
        if wrote {
            let community_id = ensure_community(tx, ctx, community, None)?.id;
            let record = ImportRecord {
                kind: IMPORT_KIND,
                file: &file,
                sheet: "",
                community_id: Some(community_id),
                as_of: None,
                period: None,
            };
            let import_id = session::record(tx, ctx, &record)?;
            session::finish(tx, ctx, import_id, report.report.imported, report.updated)?;
        }
        Ok((report, wrote))
    })?;
    let mut report = report;
    report.report.committed = mode == Mode::Commit && report.report.imported + report.updated > 0;
    Ok(PlacesOutcome {
        report,
        imported_before,
        backup,
    })
}

/// Rejects an empty file, and a zip or an old Excel file (a KMZ, a
/// spreadsheet) with what it is and what to do, before it is read as text.
fn check_kind(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::rule(
            "places_file_empty",
            format!("{shown} is empty; export the map again and import the new file"),
        ));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let old_office = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if extension == "kmz" || (zip && extension == "kml") {
        return Err(Error::rule(
            "places_file_kmz",
            format!(
                "{shown} is a KMZ, a zipped KML file, which this import cannot read; unzip it \
                 and import the doc.kml inside, or export the map as KML"
            ),
        ));
    }
    if zip || old_office {
        return Err(Error::rule(
            "places_file_spreadsheet",
            format!(
                "{shown} is a spreadsheet or another zipped file, not a map file; export the \
                 map as .geojson or .kml and import that file"
            ),
        ));
    }
    Ok(())
}

/// Reads a file's features, by its extension.
fn read_features(path: &Path) -> Result<Vec<SourceFeature>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    check_kind(path, &bytes)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::rule(
            "places_file_not_utf8",
            format!("{} is not UTF-8 text; save it as UTF-8", path.display()),
        )
    })?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "geojson" | "json" => read_geojson(&text),
        "kml" => super::kml::read_kml(&text),
        _ => Err(Error::rule(
            "places_file_type",
            format!(
                "{} is not a .geojson or .kml file; a KMZ must be unzipped to its doc.kml first",
                path.display()
            ),
        )),
    }
}

fn import_features(
    tx: &Transaction<'_>,
    ctx: &Context,
    file: &SourceFile,
    community: &str,
    features: &[SourceFeature],
) -> Result<PlacesReport> {
    let community = ensure_community(tx, ctx, community, None)?;
    let mut report = PlacesReport {
        report: ImportReport {
            file: file.name.clone(),
            sheet: String::new(),
            rows_read: features.len(),
            ..ImportReport::default()
        },
        updated: 0,
        community: community.name.clone(),
        features: Vec::with_capacity(features.len()),
    };
    // Zones first, so that points and households can name them or fall in
    // their outlines; then points, then households.
    let mut order: Vec<(Option<Layer>, &SourceFeature)> =
        features.iter().map(|f| (layer_of(f), f)).collect();
    order.sort_by_key(|(layer, f)| (layer.is_none(), *layer, f.number));
    for (layer, feature) in order {
        let mut warnings = Vec::new();
        let applied = match layer {
            Some(layer) => apply(tx, ctx, community.id, layer, feature, &mut warnings),
            None => match feature.property(&["layer", "ชั้นข้อมูล"]).flatten() {
                Some(value) => Err(Refusal::new(
                    "layer_value_unknown",
                    format!(
                        "the layer “{value}” is not known; write โซน (zone), ครัวเรือน \
                         (household) or จุดรับขยะ (collection point)"
                    ),
                )),
                None => Err(Refusal::new(
                    "layer_unknown",
                    "cannot tell whether this is a zone, a household or a collection point; \
                     add a layer property or put it in a folder named โซน, ครัวเรือน or \
                     จุดรับขยะ",
                )),
            },
        };
        let outcome = outcome(feature, layer, applied, &mut report);
        for (code, message) in warnings {
            report
                .report
                .warnings
                .push(problem(file, feature, code, message, Severity::Warning));
        }
        report.features.push(outcome);
    }
    report.features.sort_by_key(|f| f.feature);
    report.report.errors.sort_by_key(|p| p.row);
    report.report.warnings.sort_by_key(|p| p.row);
    Ok(report)
}

/// The reason a feature was refused or skipped.
struct Refusal {
    code: &'static str,
    message: String,
    params: Vec<(&'static str, String)>,
    /// Skipped rather than refused: not an error in the file.
    skip: bool,
}

impl Refusal {
    fn new(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            code,
            message: message.into(),
            params: Vec::new(),
            skip: false,
        }
    }

    fn skip(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            skip: true,
            ..Refusal::new(code, message)
        }
    }
}

impl From<Error> for Refusal {
    fn from(error: Error) -> Refusal {
        Refusal::new(error.code(), error.to_string())
    }
}

impl From<super::geometry::GeometryError> for Refusal {
    fn from(error: super::geometry::GeometryError) -> Refusal {
        Refusal {
            params: error.params(),
            ..Refusal::new(error.code(), error.to_string())
        }
    }
}

type Warnings = Vec<(&'static str, String)>;

fn outcome(
    feature: &SourceFeature,
    layer: Option<Layer>,
    applied: Result<FeatureStatus, Refusal>,
    report: &mut PlacesReport,
) -> FeatureOutcome {
    let name = feature_name(feature, layer);
    let mut outcome = FeatureOutcome {
        feature: feature.number,
        layer,
        name: name.clone(),
        status: FeatureStatus::Skipped,
        code: None,
        reason: None,
    };
    match applied {
        Ok(status) => {
            match status {
                FeatureStatus::Imported => report.report.imported += 1,
                FeatureStatus::Updated => report.updated += 1,
                FeatureStatus::Skipped => report.report.skipped += 1,
                FeatureStatus::Error => {}
            }
            outcome.status = status;
            if status == FeatureStatus::Skipped {
                outcome.code = Some("unchanged");
                outcome.reason = Some("the stored record is the same".to_string());
            }
        }
        Err(refusal) => {
            outcome.code = Some(refusal.code);
            outcome.reason = Some(refusal.message.clone());
            if refusal.skip {
                report.report.skipped += 1;
            } else {
                outcome.status = FeatureStatus::Error;
                let mut problem = Problem {
                    sheet: report.report.file.clone(),
                    row: u32::try_from(feature.number).ok(),
                    column: None,
                    value: name,
                    code: refusal.code,
                    message: refusal.message,
                    severity: Severity::Error,
                    params: Vec::new(),
                };
                for (key, value) in refusal.params {
                    problem = problem.with(key, value);
                }
                report.report.errors.push(problem);
            }
        }
    }
    outcome
}

fn problem(
    file: &SourceFile,
    feature: &SourceFeature,
    code: &'static str,
    message: String,
    severity: Severity,
) -> Problem {
    Problem {
        sheet: file.name.clone(),
        row: u32::try_from(feature.number).ok(),
        column: None,
        value: feature.name(),
        code,
        message,
        severity,
        params: Vec::new(),
    }
}

fn feature_name(feature: &SourceFeature, layer: Option<Layer>) -> Option<String> {
    match layer {
        Some(Layer::Household) => house_no(feature).or_else(|| feature.name()),
        _ => feature.name(),
    }
}

/// Decides the layer a feature is read as: its `layer` property, its folder's
/// name, or its geometry.
fn layer_of(feature: &SourceFeature) -> Option<Layer> {
    if let Some(Some(name)) = feature.property(&["layer", "ชั้นข้อมูล"]) {
        return Layer::from_name(&name);
    }
    if let Some(layer) = feature.folder.as_deref().and_then(Layer::from_name) {
        return Some(layer);
    }
    match &feature.geometry {
        Ok(Some(SourceGeometry::Polygon(_))) => Some(Layer::Zone),
        Ok(Some(SourceGeometry::Point(_))) if house_no(feature).is_some() => Some(Layer::Household),
        _ => None,
    }
}

fn apply(
    tx: &Transaction<'_>,
    ctx: &Context,
    community_id: i64,
    layer: Layer,
    feature: &SourceFeature,
    warnings: &mut Warnings,
) -> Result<FeatureStatus, Refusal> {
    let geometry = match &feature.geometry {
        Err(reason) => {
            return Err(Refusal::new(
                "geometry_invalid",
                format!("the geometry cannot be read: {reason}"),
            ))
        }
        Ok(None) => {
            return Err(Refusal::skip(
                "no_geometry",
                "the feature has no geometry, so there is nothing to put on the map",
            ))
        }
        Ok(Some(geometry)) => geometry,
    };
    match (layer, geometry) {
        (Layer::Zone, SourceGeometry::Polygon(rings)) => {
            apply_zone(tx, ctx, community_id, feature, rings)
        }
        (Layer::Point, SourceGeometry::Point(position)) => {
            apply_point(tx, ctx, community_id, feature, *position, warnings)
        }
        (Layer::Household, SourceGeometry::Point(position)) => {
            apply_household(tx, ctx, community_id, feature, *position, warnings)
        }
        (layer, geometry) => Err(Refusal::new(
            "geometry_unsupported",
            format!(
                "a {} needs a {}, but the feature is a {}",
                layer.as_str(),
                if layer == Layer::Zone {
                    "polygon"
                } else {
                    "point"
                },
                geometry_name(geometry)
            ),
        )),
    }
}

fn geometry_name(geometry: &SourceGeometry) -> &str {
    match geometry {
        SourceGeometry::Point(_) => "Point",
        SourceGeometry::Polygon(_) => "Polygon",
        SourceGeometry::Other(name) => name,
    }
}

/// Sets `field` from the first of `keys` the feature has; leaves it when
/// the feature has none of them.
fn set_text(field: &mut Option<String>, feature: &SourceFeature, keys: &[&str]) {
    if let Some(value) = feature.property(keys) {
        *field = value;
    }
}

fn apply_zone(
    tx: &Transaction<'_>,
    ctx: &Context,
    community_id: i64,
    feature: &SourceFeature,
    rings: &[Vec<[f64; 2]>],
) -> Result<FeatureStatus, Refusal> {
    let name = feature
        .name()
        .ok_or_else(|| Refusal::new("name_missing", "the zone has no name"))?;
    let polygon = Polygon::new(rings.to_vec())?;
    let existing = find_zone(tx, community_id, &name)?;
    let before = existing.as_ref().map(ZoneDetails::from);
    let mut details = before.clone().unwrap_or_default();
    details.name = name;
    details.polygon = Some(polygon);
    set_text(
        &mut details.leader_member_no,
        feature,
        &["leader_member_no", "เลขสมาชิกหัวหน้า"],
    );
    set_text(
        &mut details.leader_name,
        feature,
        &["leader", "หัวหน้าโซน", "หัวหน้า"],
    );
    set_text(&mut details.notes, feature, &["notes", "หมายเหตุ"]);
    match existing {
        None => {
            super::zones::add_zone(tx, ctx, community_id, &details)?;
            Ok(FeatureStatus::Imported)
        }
        Some(zone) => {
            let after = super::zones::update_zone(tx, ctx, zone.id, &details)?;
            Ok(changed(&zone, &after))
        }
    }
}

fn changed<T: PartialEq>(before: &T, after: &T) -> FeatureStatus {
    if before == after {
        FeatureStatus::Skipped
    } else {
        FeatureStatus::Updated
    }
}

/// Finds the zone a point or household names, created when new, else the
/// zone whose outline contains its position.
fn zone_for(
    tx: &Transaction<'_>,
    ctx: &Context,
    community_id: i64,
    feature: &SourceFeature,
    position: LonLat,
    current: Option<i64>,
) -> Result<Option<i64>, Refusal> {
    match feature.property(&["zone", "โซน"]) {
        Some(Some(name)) => {
            if let Some(zone) = find_zone(tx, community_id, &name)? {
                return Ok(Some(zone.id));
            }
            let details = ZoneDetails {
                name,
                ..ZoneDetails::default()
            };
            Ok(Some(
                super::zones::add_zone(tx, ctx, community_id, &details)?.id,
            ))
        }
        Some(None) => Ok(None),
        None if current.is_some() => Ok(current),
        None => Ok(zone_at(tx, community_id, position)?.map(|zone| zone.id)),
    }
}

fn apply_point(
    tx: &Transaction<'_>,
    ctx: &Context,
    community_id: i64,
    feature: &SourceFeature,
    position: [f64; 2],
    warnings: &mut Warnings,
) -> Result<FeatureStatus, Refusal> {
    let name = feature
        .name()
        .ok_or_else(|| Refusal::new("name_missing", "the collection point has no name"))?;
    let location = LonLat::new(position[0], position[1])?;
    let existing = find_collection_point(tx, community_id, &name)?;
    let mut details = existing
        .as_ref()
        .map(|point| point.details.clone())
        .unwrap_or_default();
    details.name = name;
    details.location = Some(location);
    details.zone_id = zone_for(tx, ctx, community_id, feature, location, details.zone_id)?;
    if let Some(materials) = feature.list(&["materials", "วัสดุ", "วัสดุที่รับ"])
    {
        details.materials = resolve_materials(tx, &materials, warnings)?;
    }
    if let Some(hours) = opening_hours(feature)? {
        details.hours = hours;
    }
    set_text(
        &mut details.schedule_note,
        feature,
        &["schedule_note", "หมายเหตุเวลาเปิด"],
    );
    write_point(tx, ctx, community_id, existing, &details)
}

fn write_point(
    tx: &Transaction<'_>,
    ctx: &Context,
    community_id: i64,
    existing: Option<super::points::CollectionPoint>,
    details: &PointDetails,
) -> Result<FeatureStatus, Refusal> {
    match existing {
        None => {
            super::points::add_collection_point(tx, ctx, community_id, details)?;
            Ok(FeatureStatus::Imported)
        }
        Some(point) => {
            let after = super::points::update_collection_point(tx, ctx, point.id, details)?;
            Ok(changed(&point, &after))
        }
    }
}

/// Material codes from codes or names people use ("ขวดใส"), in any case.
fn resolve_materials(
    tx: &Transaction<'_>,
    names: &[String],
    warnings: &mut Warnings,
) -> Result<Vec<String>, Refusal> {
    let catalog = crate::waste::Catalog::load(tx)?;
    let mut codes = Vec::new();
    for name in names {
        match catalog.resolve(name) {
            Some(id) => codes.push(crate::waste::materials::material_by_id(tx, id)?.code),
            None => warnings.push((
                "material_unknown",
                format!("material “{name}” is not in the catalogue and was left out"),
            )),
        }
    }
    Ok(codes)
}

/// Opening hours given as a list of `{weekday, opens, closes}` or as text
/// such as "ส. 09:00-12:00".
fn opening_hours(feature: &SourceFeature) -> Result<Option<Vec<Opening>>, Refusal> {
    let Some(value) = feature.raw(&["schedule", "hours", "เวลาเปิด", "เวลาทำการ"])
    else {
        return Ok(None);
    };
    let hours = match value {
        Value::Null => Vec::new(),
        Value::String(text) => parse_schedule(text)?,
        Value::Array(_) => {
            let hours: Vec<Opening> = serde_json::from_value(value.clone()).map_err(|e| {
                Refusal::new(
                    "invalid_schedule",
                    format!("cannot read the opening hours: {e}"),
                )
            })?;
            hours
                .iter()
                .map(|o| Opening::new(o.weekday, &o.opens, &o.closes))
                .collect::<Result<_>>()?
        }
        other => parse_schedule(&other.to_string())?,
    };
    Ok(Some(hours))
}

/// Reads a household's house number: its `house_no` property, or a name such as
/// "12/3" or "บ้านเลขที่ 12/3".
fn house_no(feature: &SourceFeature) -> Option<String> {
    if let Some(value) = feature.property(&["house_no", "เลขที่", "บ้านเลขที่"])
    {
        return value;
    }
    let name = feature.name()?;
    let number = name
        .trim_start_matches("บ้านเลขที่")
        .trim_start_matches("เลขที่")
        .trim();
    let looks_like_number = number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || "/-".contains(c));
    looks_like_number.then(|| number.to_string())
}

fn apply_household(
    tx: &Transaction<'_>,
    ctx: &Context,
    community_id: i64,
    feature: &SourceFeature,
    position: [f64; 2],
    warnings: &mut Warnings,
) -> Result<FeatureStatus, Refusal> {
    let house_no = house_no(feature).ok_or_else(|| {
        Refusal::new(
            "house_no_missing",
            "the household has no house number (เลขที่)",
        )
    })?;
    let location = LonLat::new(position[0], position[1])?;
    let mut address = HouseAddress {
        house_no,
        ..HouseAddress::default()
    };
    set_text(&mut address.moo, feature, &["moo", "หมู่", "หมู่ที่"]);
    set_text(&mut address.soi, feature, &["soi", "ซอย"]);
    set_text(&mut address.road, feature, &["road", "ถนน"]);
    let existing = find_household(tx, community_id, &address)?;
    let mut details = match &existing {
        Some(household) => household.details.clone(),
        None => HouseholdDetails {
            address: address.clone(),
            ..HouseholdDetails::default()
        },
    };
    details.location = Some(location);
    details.zone_id = zone_for(tx, ctx, community_id, feature, location, details.zone_id)?;
    read_household_fields(feature, &mut details)?;
    let (household_id, status) = match existing {
        None => {
            let added = super::households::add_household(tx, ctx, community_id, &details)?;
            (added.id, FeatureStatus::Imported)
        }
        Some(household) => {
            let after = super::households::update_household(tx, ctx, household.id, &details)?;
            (household.id, changed(&household.details, &after.details))
        }
    };
    let moved = link_members(tx, ctx, community_id, feature, household_id, warnings)?;
    Ok(match (status, moved) {
        (FeatureStatus::Skipped, true) => FeatureStatus::Updated,
        (status, _) => status,
    })
}

/// Sets the address parts beyond the key, the notes and the sorting date
/// from the properties the feature has.
fn read_household_fields(
    feature: &SourceFeature,
    details: &mut HouseholdDetails,
) -> Result<(), Refusal> {
    let parts = &mut details.address;
    set_text(
        &mut parts.subdistrict,
        feature,
        &["subdistrict", "ตำบล", "แขวง"],
    );
    set_text(&mut parts.district, feature, &["district", "อำเภอ", "เขต"]);
    set_text(&mut parts.province, feature, &["province", "จังหวัด"]);
    set_text(&mut parts.postcode, feature, &["postcode", "รหัสไปรษณีย์"]);
    set_text(&mut details.notes, feature, &["notes", "หมายเหตุ"]);
    if let Some(joined) = feature.property(&["sorting_joined", "วันที่เข้าร่วมคัดแยก"])
    {
        details.sorting_joined = joined
            .map(|text| {
                crate::thai::date::parse_be_text(&text).map_err(|e| {
                    Refusal::new("invalid_date", format!("sorting_joined “{text}”: {e}"))
                })
            })
            .transpose()?;
    }
    Ok(())
}

/// Records that the members a household feature lists live there. Returns
/// whether any member moved.
fn link_members(
    tx: &Transaction<'_>,
    ctx: &Context,
    community_id: i64,
    feature: &SourceFeature,
    household_id: i64,
    warnings: &mut Warnings,
) -> Result<bool, Refusal> {
    let Some(members) = feature.list(&["members", "สมาชิก"]) else {
        return Ok(false);
    };
    let mut moved = false;
    for member_no in members {
        let member_no = normalize_member_no(&member_no);
        let found: Option<(i64, Option<i64>)> = tx
            .query_row(
                "SELECT community_id, household_id FROM members WHERE member_no = ?1",
                [&member_no],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                other => Err(other),
            })
            .map_err(Error::from)?;
        match found {
            Some((community, _)) if community != community_id => warnings.push((
                "member_other_community",
                format!("member {member_no} belongs to another community and was not linked"),
            )),
            Some((_, current)) if current == Some(household_id) => {}
            Some(_) => {
                super::households::set_member_household(tx, ctx, &member_no, Some(household_id))?;
                moved = true;
            }
            None => warnings.push((
                "member_unknown",
                format!("member {member_no} is not in the register and was not linked"),
            )),
        }
    }
    Ok(moved)
}
