//! Data shapes of the map screen, with their TypeScript in
//! `ui/src/lib/ipc-places.ts`: a community's layers and records, the edits
//! of zones, households and collection points, sketch maps with their
//! pins and zones, the import report and the online basemap setting.

use chrono::NaiveDate;
use chumchon::places::{
    self, CollectionPoint, FeatureOutcome, FeatureStatus, Household, HouseholdDetails, Layer,
    LayerCounts, PinTarget, PlacesOutcome, PointDetails, SketchMap, Zone, ZoneDetails,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::typescript::TsModule;
use super::Problem;
use crate::error::{AppError, AppResult};

/// A WGS84 position in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Position {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
}

impl From<places::LonLat> for Position {
    fn from(at: places::LonLat) -> Position {
        Position {
            lon: at.lon,
            lat: at.lat,
        }
    }
}

impl Position {
    /// Checks the position as the core does: finite degrees inside
    /// Thailand, longitude first.
    pub fn checked(self) -> AppResult<places::LonLat> {
        places::LonLat::new(self.lon, self.lat).map_err(|e| chumchon::Error::from(e).into())
    }
}

/// Everything the map screen shows of one community.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlacesMap {
    /// The community's row id.
    pub community_id: i64,
    /// The community's name, which the import takes.
    pub community_name: String,
    /// The geographic layers as a GeoJSON feature collection, as the core's
    /// export writes it. Feature ids are `zone/12`, `household/5` and
    /// `point/3`, and each feature's `layer` property names its layer.
    #[ts(type = "import(\"geojson\").FeatureCollection")]
    pub layers: serde_json::Value,
    /// Every zone, with or without an outline, in Thai name order.
    pub zones: Vec<ZoneRecord>,
    /// Every household, with or without a position.
    pub households: Vec<HouseholdRecord>,
    /// Every collection point, with or without a position.
    pub points: Vec<PointRecord>,
    /// The community's scanned maps.
    pub sketches: Vec<SketchInfo>,
    /// The materials a collection point can accept, in catalogue order.
    pub materials: Vec<MaterialOption>,
}

/// A zone as the record panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ZoneRecord {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The leader's member number, when the leader is a member.
    pub leader_member_no: Option<String>,
    /// The leader's name: the member's, or as typed for a non-member.
    pub leader_name: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// The outline as GeoJSON Polygon rings of `[lon, lat]`, each closed,
    /// with the outer ring first. `None` when the zone is not drawn yet.
    pub outline: Option<Vec<Vec<[f64; 2]>>>,
}

impl From<Zone> for ZoneRecord {
    fn from(zone: Zone) -> ZoneRecord {
        ZoneRecord {
            id: zone.id,
            name: zone.name,
            leader_member_no: zone.leader_member_no,
            leader_name: zone.leader_name,
            notes: zone.notes,
            outline: zone.polygon.map(|p| p.coordinates()),
        }
    }
}

/// A zone's fields as the record panel edits them. The outline is drawn
/// on the map and saved on its own.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ZoneEdit {
    /// Name, unique in the community.
    pub name: String,
    /// The leader's member number, when the leader is a member of the
    /// community; then `leader_name` is ignored.
    pub leader_member_no: Option<String>,
    /// The name of a leader who is not a member.
    pub leader_name: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

impl ZoneEdit {
    /// Returns the zone's details with these fields and the outline
    /// `polygon`.
    pub fn details(self, polygon: Option<places::Polygon>) -> ZoneDetails {
        ZoneDetails {
            name: self.name,
            leader_member_no: self.leader_member_no,
            leader_name: self.leader_name,
            polygon,
            notes: self.notes,
        }
    }
}

/// A household's address, each part in its own field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseAddressFields {
    /// House number (เลขที่), required.
    pub house_no: String,
    /// Village number (หมู่).
    pub moo: Option<String>,
    /// Lane (ซอย).
    pub soi: Option<String>,
    /// Road (ถนน).
    pub road: Option<String>,
    /// Subdistrict (ตำบล or แขวง).
    pub subdistrict: Option<String>,
    /// District (อำเภอ or เขต).
    pub district: Option<String>,
    /// Province (จังหวัด).
    pub province: Option<String>,
    /// Postcode (รหัสไปรษณีย์).
    pub postcode: Option<String>,
}

impl From<places::HouseAddress> for HouseAddressFields {
    fn from(a: places::HouseAddress) -> HouseAddressFields {
        HouseAddressFields {
            house_no: a.house_no,
            moo: a.moo,
            soi: a.soi,
            road: a.road,
            subdistrict: a.subdistrict,
            district: a.district,
            province: a.province,
            postcode: a.postcode,
        }
    }
}

impl From<HouseAddressFields> for places::HouseAddress {
    fn from(a: HouseAddressFields) -> places::HouseAddress {
        places::HouseAddress {
            house_no: a.house_no,
            moo: a.moo,
            soi: a.soi,
            road: a.road,
            subdistrict: a.subdistrict,
            district: a.district,
            province: a.province,
            postcode: a.postcode,
        }
    }
}

/// A member living in a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResidentRow {
    /// Member number.
    pub member_no: String,
    /// Title, first and last name.
    pub name: String,
}

/// A household as the record panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HouseholdRecord {
    /// Row id.
    pub id: i64,
    /// The address on one line, as labels show it.
    pub label: String,
    /// The address's parts.
    pub address: HouseAddressFields,
    /// The zone's row id.
    pub zone_id: Option<i64>,
    /// The zone's name.
    pub zone: Option<String>,
    /// Date the household joined the sorting programme, ISO CE.
    pub sorting_joined: Option<String>,
    /// Position on the map; `None` when it has none yet.
    pub location: Option<Position>,
    /// Notes.
    pub notes: Option<String>,
    /// Members living there, by member number.
    pub members: Vec<ResidentRow>,
}

impl From<Household> for HouseholdRecord {
    fn from(h: Household) -> HouseholdRecord {
        let d = h.details;
        HouseholdRecord {
            id: h.id,
            label: d.address.label(),
            address: d.address.into(),
            zone_id: d.zone_id,
            zone: h.zone,
            sorting_joined: d.sorting_joined.map(|date| date.to_string()),
            location: d.location.map(Into::into),
            notes: d.notes,
            members: h
                .members
                .into_iter()
                .map(|m| ResidentRow {
                    member_no: m.member_no,
                    name: m.name,
                })
                .collect(),
        }
    }
}

/// A household's fields as the record panel edits them. The position is
/// set on the map and saved on its own.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct HouseholdEdit {
    /// Address.
    pub address: HouseAddressFields,
    /// Zone of the same community.
    pub zone_id: Option<i64>,
    /// Date the household joined the sorting programme, ISO CE.
    pub sorting_joined: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

impl HouseholdEdit {
    /// Returns the household's details with these fields at `location`.
    /// Fails with `invalid_date` when the date is not an ISO date.
    pub fn details(self, location: Option<places::LonLat>) -> AppResult<HouseholdDetails> {
        let sorting_joined = self
            .sorting_joined
            .filter(|text| !text.trim().is_empty())
            .map(|text| iso_date(&text))
            .transpose()?;
        Ok(HouseholdDetails {
            address: self.address.into(),
            zone_id: self.zone_id,
            sorting_joined,
            location,
            notes: self.notes,
        })
    }
}

fn iso_date(text: &str) -> AppResult<NaiveDate> {
    text.trim().parse().map_err(|_| {
        AppError::new("invalid_date", format!("{text} is not an ISO date")).with("text", text)
    })
}

/// A record named on a zone's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecordLabel {
    /// Row id.
    pub id: i64,
    /// A household's address on one line, or a point's name.
    pub label: String,
}

/// Deposits counted on a zone's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DepositTotalsRow {
    /// Number of deposits.
    pub deposits: i64,
    /// Weight deposited, in grams.
    pub grams: i64,
    /// Value credited, in satang.
    pub value: i64,
}

impl From<places::DepositTotals> for DepositTotalsRow {
    fn from(totals: places::DepositTotals) -> DepositTotalsRow {
        DepositTotalsRow {
            deposits: totals.deposits,
            grams: totals.grams,
            value: totals.value.satang(),
        }
    }
}

/// A collector's round through a zone, with what it collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ZoneRoundRow {
    /// The collector's name.
    pub collector: String,
    /// `daily` or `weekly`.
    pub frequency: String,
    /// For a weekly round, the weekday: 1 (Monday) to 7 (Sunday).
    pub weekday: Option<u8>,
    /// Collection records of the round.
    pub records: i64,
    /// Weight collected, in grams.
    pub grams: i64,
    /// Paid to the collector, in satang.
    pub paid: i64,
    /// Date of the latest record, ISO CE.
    pub last_date: Option<String>,
}

impl From<places::ZoneRound> for ZoneRoundRow {
    fn from(round: places::ZoneRound) -> ZoneRoundRow {
        ZoneRoundRow {
            collector: round.collector,
            frequency: round.frequency,
            weekday: round.weekday,
            records: round.records,
            grams: round.grams,
            paid: round.paid.satang(),
            last_date: round.last_date.map(|date| date.to_string()),
        }
    }
}

/// A zone's page: the members, households and collection points in it,
/// the deposits made there, and the collectors' rounds through it, over
/// all dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ZoneOverview {
    /// Members whose record or household lies in the zone.
    pub members: Vec<ResidentRow>,
    /// Households in the zone.
    pub households: Vec<RecordLabel>,
    /// Collection points in the zone.
    pub points: Vec<RecordLabel>,
    /// Deposits made at the zone's collection points.
    pub deposits_at_points: DepositTotalsRow,
    /// Deposits made by the zone's members, at any point.
    pub deposits_by_members: DepositTotalsRow,
    /// Collectors' rounds through the zone.
    pub rounds: Vec<ZoneRoundRow>,
}

impl From<places::ZoneSummary> for ZoneOverview {
    fn from(summary: places::ZoneSummary) -> ZoneOverview {
        ZoneOverview {
            members: summary
                .members
                .into_iter()
                .map(|m| ResidentRow {
                    member_no: m.member_no,
                    name: m.name,
                })
                .collect(),
            households: summary
                .households
                .into_iter()
                .map(|h| RecordLabel {
                    id: h.id,
                    label: h.details.address.label(),
                })
                .collect(),
            points: summary
                .points
                .into_iter()
                .map(|p| RecordLabel {
                    id: p.id,
                    label: p.details.name,
                })
                .collect(),
            deposits_at_points: summary.deposits_at_points.into(),
            deposits_by_members: summary.deposits_by_members.into(),
            rounds: summary.rounds.into_iter().map(Into::into).collect(),
        }
    }
}

/// A collection point as the record panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PointRecord {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The zone's row id.
    pub zone_id: Option<i64>,
    /// The zone's name.
    pub zone: Option<String>,
    /// Position on the map; `None` when it has none yet.
    pub location: Option<Position>,
    /// Codes of the materials accepted, in catalogue order.
    pub materials: Vec<String>,
    /// Weekly opening hours as text, such as "ส. 09:00–12:00".
    pub schedule: String,
    /// Opening times that weekly hours cannot express.
    pub schedule_note: Option<String>,
}

impl From<CollectionPoint> for PointRecord {
    fn from(p: CollectionPoint) -> PointRecord {
        let d = p.details;
        PointRecord {
            id: p.id,
            schedule: places::format_schedule(&d.hours),
            name: d.name,
            zone_id: d.zone_id,
            zone: p.zone,
            location: d.location.map(Into::into),
            materials: d.materials,
            schedule_note: d.schedule_note,
        }
    }
}

/// A collection point's fields as the record panel edits them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PointEdit {
    /// Name, unique in the community.
    pub name: String,
    /// Zone of the same community.
    pub zone_id: Option<i64>,
    /// Codes of the materials accepted.
    pub materials: Vec<String>,
    /// Weekly opening hours as people write them ("จ-ศ 08:30-16:30").
    pub schedule: String,
    /// Opening times that weekly hours cannot express.
    pub schedule_note: Option<String>,
}

impl PointEdit {
    /// Returns the point's details with these fields at `location`.
    /// Fails with the schedule parser's codes when the hours cannot be
    /// read.
    pub fn details(self, location: Option<places::LonLat>) -> AppResult<PointDetails> {
        Ok(PointDetails {
            hours: places::parse_schedule(&self.schedule)?,
            name: self.name,
            zone_id: self.zone_id,
            location,
            materials: self.materials,
            schedule_note: self.schedule_note,
        })
    }
}

/// A material a collection point can accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MaterialOption {
    /// Stable code such as `PET_CLEAR`.
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
}

impl From<chumchon::waste::materials::Material> for MaterialOption {
    fn from(m: chumchon::waste::materials::Material) -> MaterialOption {
        MaterialOption {
            code: m.code,
            name_th: m.name_th,
            name_en: m.name_en,
        }
    }
}

/// A scanned community map, without its image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SketchInfo {
    /// Row id.
    pub id: i64,
    /// Name, unique in the community.
    pub name: String,
    /// The image's MIME type, `image/png` or `image/jpeg`.
    pub mime: String,
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// Size of the image file in bytes.
    pub size_bytes: i64,
}

impl From<SketchMap> for SketchInfo {
    fn from(map: SketchMap) -> SketchInfo {
        SketchInfo {
            id: map.id,
            name: map.name,
            mime: map.format.mime().to_string(),
            width: map.width,
            height: map.height,
            size_bytes: map.size_bytes,
        }
    }
}

/// The kinds of record that can be pinned on a sketch map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PinLayer {
    /// A household.
    Household,
    /// A collection point.
    Point,
}

/// The record a pin marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PinRef {
    /// The record's kind.
    pub layer: PinLayer,
    /// The record's row id.
    pub id: i64,
}

impl From<PinRef> for PinTarget {
    fn from(pin: PinRef) -> PinTarget {
        match pin.layer {
            PinLayer::Household => PinTarget::Household(pin.id),
            PinLayer::Point => PinTarget::Point(pin.id),
        }
    }
}

impl From<PinTarget> for PinRef {
    fn from(target: PinTarget) -> PinRef {
        match target {
            PinTarget::Household(id) => PinRef {
                layer: PinLayer::Household,
                id,
            },
            PinTarget::Point(id) => PinRef {
                layer: PinLayer::Point,
                id,
            },
        }
    }
}

/// A pin on a sketch map, in image pixels: `x` to the right and `y` down
/// from the image's top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PinRow {
    /// The record it marks.
    pub target: PinRef,
    /// The record's label: a household's address or a point's name.
    pub label: String,
    /// Pixels from the left edge.
    pub x: f64,
    /// Pixels from the top edge.
    pub y: f64,
}

impl From<places::Pin> for PinRow {
    fn from(pin: places::Pin) -> PinRow {
        PinRow {
            target: pin.target.into(),
            label: pin.label,
            x: pin.at.x,
            y: pin.at.y,
        }
    }
}

/// A zone's outline on a sketch map, in image pixels: `x` to the right
/// and `y` down from the image's top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SketchZoneRow {
    /// The zone's row id.
    pub zone_id: i64,
    /// The zone's name.
    pub name: String,
    /// The closed outer ring of `[x, y]` pixels, the first corner repeated
    /// last.
    pub outline: Vec<[f64; 2]>,
}

impl From<places::SketchZone> for SketchZoneRow {
    fn from(zone: places::SketchZone) -> SketchZoneRow {
        SketchZoneRow {
            zone_id: zone.zone_id,
            name: zone.name,
            outline: zone.outline,
        }
    }
}

/// How many features of each layer a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct LayerTotals {
    /// Zones with an outline.
    pub zones: usize,
    /// Households with a position.
    pub households: usize,
    /// Collection points with a position.
    pub points: usize,
}

impl From<LayerCounts> for LayerTotals {
    fn from(counts: LayerCounts) -> LayerTotals {
        LayerTotals {
            zones: counts.zones,
            households: counts.households,
            points: counts.points,
        }
    }
}

/// The layers of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlaceLayer {
    /// Zones.
    Zone,
    /// Households.
    Household,
    /// Collection points.
    Point,
}

impl From<Layer> for PlaceLayer {
    fn from(layer: Layer) -> PlaceLayer {
        match layer {
            Layer::Zone => PlaceLayer::Zone,
            Layer::Household => PlaceLayer::Household,
            Layer::Point => PlaceLayer::Point,
        }
    }
}

/// The outcome of one imported feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeatureResultStatus {
    /// A new record was added.
    Imported,
    /// An existing record was changed.
    Updated,
    /// Nothing was written, for the reason in `code`.
    Skipped,
    /// The feature was refused, for the reason in `code`.
    Error,
}

/// One feature of an imported file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FeatureResult {
    /// Position in the file, from 1.
    pub feature: usize,
    /// The layer it was read as.
    pub layer: Option<PlaceLayer>,
    /// Its name or house number.
    pub name: Option<String>,
    /// What happened.
    pub status: FeatureResultStatus,
    /// For a skipped or refused feature, the code of the reason, which the
    /// UI translates as `problem.<code>`.
    pub code: Option<String>,
    /// For a skipped or refused feature, the reason in English.
    pub reason: Option<String>,
}

impl From<FeatureOutcome> for FeatureResult {
    fn from(f: FeatureOutcome) -> FeatureResult {
        let status = match f.status {
            FeatureStatus::Imported => FeatureResultStatus::Imported,
            FeatureStatus::Updated => FeatureResultStatus::Updated,
            FeatureStatus::Skipped => FeatureResultStatus::Skipped,
            FeatureStatus::Error => FeatureResultStatus::Error,
        };
        FeatureResult {
            feature: f.feature,
            layer: f.layer.map(Into::into),
            name: f.name,
            status,
            code: f.code.map(str::to_string),
            reason: f.reason,
        }
    }
}

/// The report of a GeoJSON or KML import, or of its preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlacesImport {
    /// The file's name.
    pub file: String,
    /// The community the places go into.
    pub community: String,
    /// Features in the file.
    pub features_read: usize,
    /// New records.
    pub imported: usize,
    /// Existing records changed.
    pub updated: usize,
    /// Features that changed nothing.
    pub skipped: usize,
    /// Whether the import was written to the database.
    pub committed: bool,
    /// Problems that kept a feature out.
    pub errors: Vec<Problem>,
    /// Problems in features that were imported.
    pub warnings: Vec<Problem>,
    /// Every feature's outcome, in file order.
    pub features: Vec<FeatureResult>,
    /// When the same file was imported before, the local date and time.
    pub imported_before: Option<String>,
    /// The backup of the database taken before the import was written.
    pub backup: Option<String>,
}

impl From<PlacesOutcome> for PlacesImport {
    fn from(outcome: PlacesOutcome) -> PlacesImport {
        let report = outcome.report;
        let common = report.report;
        PlacesImport {
            file: common.file,
            community: report.community,
            features_read: common.rows_read,
            imported: common.imported,
            updated: report.updated,
            skipped: common.skipped,
            committed: common.committed,
            errors: common.errors.into_iter().map(Into::into).collect(),
            warnings: common.warnings.into_iter().map(Into::into).collect(),
            features: report.features.into_iter().map(Into::into).collect(),
            imported_before: outcome.imported_before,
            backup: outcome.backup.map(|path| path.display().to_string()),
        }
    }
}

/// The online basemap: map tiles fetched from the network, the one thing
/// the app may fetch, and only while `enabled` is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Basemap {
    /// Whether the map fetches tiles. Off until the user turns it on.
    pub enabled: bool,
    /// Tile URL template with `{z}`, `{x}` and `{y}` (and optionally
    /// `{s}`), starting with `https://`.
    pub url: String,
    /// The attribution the tile provider requires, shown on the map.
    pub attribution: String,
}

/// The tile URL offered before the user sets one: OpenStreetMap's
/// standard tiles.
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// The attribution OpenStreetMap requires for its tiles.
pub const DEFAULT_ATTRIBUTION: &str = "© OpenStreetMap contributors";

impl Default for Basemap {
    fn default() -> Basemap {
        Basemap {
            enabled: false,
            url: DEFAULT_TILE_URL.to_string(),
            attribution: DEFAULT_ATTRIBUTION.to_string(),
        }
    }
}

impl Basemap {
    /// Trims the fields and, when the basemap is on, checks the tile URL:
    /// it starts with `https://` (the only scheme the window's content
    /// security policy lets images load from) and contains `{z}`, `{x}` and
    /// `{y}`. Fails with `basemap_url_invalid`.
    pub fn checked(self) -> AppResult<Basemap> {
        let basemap = Basemap {
            enabled: self.enabled,
            url: self.url.trim().to_string(),
            attribution: self.attribution.trim().to_string(),
        };
        if basemap.enabled && !is_tile_url(&basemap.url) {
            return Err(AppError::new(
                "basemap_url_invalid",
                format!(
                    "{} is not an https:// tile URL with {{z}}, {{x}} and {{y}}",
                    basemap.url
                ),
            )
            .with("url", &basemap.url));
        }
        Ok(basemap)
    }
}

/// Checks whether `url` is an `https://` URL with a host and the `{z}`,
/// `{x}` and `{y}` placeholders of a tile template.
fn is_tile_url(url: &str) -> bool {
    let host = url.strip_prefix("https://").unwrap_or_default();
    let has_host = !host.is_empty() && !host.starts_with('/');
    has_host && ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p))
}

/// Files the map screen opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlacesOpenKind {
    /// A scanned map: PNG or JPEG.
    SketchImage,
    /// Map layers to import: GeoJSON or KML.
    Layers,
}

impl PlacesOpenKind {
    /// Returns the file extensions the open dialog accepts, without the dot.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            PlacesOpenKind::SketchImage => &["png", "jpg", "jpeg"],
            PlacesOpenKind::Layers => &["geojson", "json", "kml"],
        }
    }
}

/// Files the map screen saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlacesSaveKind {
    /// The geographic layers as GeoJSON.
    Geojson,
    /// The geographic layers as KML, for Google My Maps and QGIS.
    Kml,
    /// The map as a PDF for meetings.
    Pdf,
    /// The map as a PNG picture for meetings.
    Png,
}

impl PlacesSaveKind {
    /// Returns the file extensions the save dialog offers, the default first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            PlacesSaveKind::Geojson => &["geojson"],
            PlacesSaveKind::Kml => &["kml"],
            PlacesSaveKind::Pdf => &["pdf"],
            PlacesSaveKind::Png => &["png"],
        }
    }
}

/// Renders this part's IPC types as the TypeScript of `ipc-places.ts`.
pub fn typescript() -> String {
    let mut module = TsModule::new("src-tauri/src/dto/places.rs");
    macro_rules! declare {
        ($($ty:ty),* $(,)?) => {$(module.declare::<$ty>();)*};
    }
    declare!(
        Position,
        PlacesMap,
        ZoneRecord,
        ZoneEdit,
        HouseAddressFields,
        ResidentRow,
        HouseholdRecord,
        HouseholdEdit,
        RecordLabel,
        DepositTotalsRow,
        ZoneRoundRow,
        ZoneOverview,
        PointRecord,
        PointEdit,
        MaterialOption,
        SketchInfo,
        PinLayer,
        PinRef,
        PinRow,
        SketchZoneRow,
        LayerTotals,
        PlaceLayer,
        FeatureResultStatus,
        FeatureResult,
        PlacesImport,
        Basemap,
        PlacesOpenKind,
        PlacesSaveKind,
    );
    module.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipc_places_file_is_current() -> Result<(), String> {
        super::super::typescript::check_current("ipc-places.ts", &super::typescript())
    }

    #[test]
    fn basemap_accepts_https_template() -> AppResult<()> {
        let basemap = Basemap {
            enabled: true,
            url: " https://tiles.example.org/{z}/{x}/{y}.png ".into(),
            attribution: " © Example ".into(),
        };

        let checked = basemap.checked()?;

        assert_eq!(
            checked.url, "https://tiles.example.org/{z}/{x}/{y}.png",
            "the URL is trimmed"
        );
        assert_eq!(
            checked.attribution, "© Example",
            "the attribution is trimmed"
        );
        Ok(())
    }

    #[test]
    fn basemap_rejects_other_urls() {
        let urls = [
            "http://tiles.example.org/{z}/{x}/{y}.png",
            "https://tiles.example.org/{z}/{x}.png",
            "https:///{z}/{x}/{y}.png",
            "file:///tiles/{z}/{x}/{y}.png",
            "",
        ];

        for url in urls {
            let basemap = Basemap {
                enabled: true,
                url: url.into(),
                ..Basemap::default()
            };
            let code = basemap.checked().err().map(|e| e.code);
            assert_eq!(
                code.as_deref(),
                Some("basemap_url_invalid"),
                "{url:?} should be rejected"
            );
        }
    }

    #[test]
    fn basemap_turned_off_keeps_any_url() -> AppResult<()> {
        let basemap = Basemap {
            enabled: false,
            url: "".into(),
            attribution: "".into(),
        };

        let checked = basemap.checked()?;

        assert!(!checked.enabled, "a basemap can be turned off with any URL");
        Ok(())
    }

    #[test]
    fn basemap_is_off_by_default() {
        assert!(
            !Basemap::default().enabled,
            "nothing is fetched until the user turns the basemap on"
        );
    }

    #[test]
    fn household_edit_reads_iso_date() -> AppResult<()> {
        let edit = HouseholdEdit {
            address: HouseAddressFields {
                house_no: "12/3".into(),
                ..HouseAddressFields::default()
            },
            zone_id: None,
            sorting_joined: Some("2024-06-01".into()),
            notes: None,
        };

        let details = edit.details(None)?;

        assert_eq!(
            details.sorting_joined,
            NaiveDate::from_ymd_opt(2024, 6, 1),
            "the ISO date is read"
        );
        Ok(())
    }

    #[test]
    fn household_edit_rejects_be_date() {
        let edit = HouseholdEdit {
            address: HouseAddressFields::default(),
            zone_id: None,
            sorting_joined: Some("1/6/2567".into()),
            notes: None,
        };

        let code = edit.details(None).err().map(|e| e.code);

        assert_eq!(
            code.as_deref(),
            Some("invalid_date"),
            "the UI converts typed BE dates to ISO first"
        );
    }

    #[test]
    fn pin_ref_round_trips_target() {
        for target in [PinTarget::Household(5), PinTarget::Point(3)] {
            let back: PinTarget = PinRef::from(target).into();
            assert_eq!(back, target, "{target:?}");
        }
    }
}
