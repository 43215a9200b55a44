//! Sketch maps: a community's scanned or photographed map (JPEG or PNG),
//! stored in the database with its size, and households and collection
//! points pinned on it in image pixels. Zones drawn on it are in
//! [`super::sketch_zones`].
//!
//! Many communities have only a hand-drawn map, so a pin's position is a
//! pixel of that image, not WGS84. Pins are therefore exempt from the
//! coordinate checks of [`super::geometry::LonLat`] (they only have to lie
//! on the image), and they are exported with their image by
//! [`export_sketch`], never in the GeoJSON layers.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::communities::clean;
use super::geometry::Pixel;
use super::sketch_zones::{draw_sketch_zone, sketch_zones};
use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// The largest image accepted, 32 MiB: a scanned A3 map at 300 dpi is
/// usually well under it as JPEG.
pub const MAX_IMAGE_BYTES: usize = 32 * 1024 * 1024;

/// The file format of a sketch map's image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

impl ImageFormat {
    /// Returns the code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }

    /// Returns the MIME type, for an `<img>` or a data URL.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }

    /// Returns the usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
        }
    }

    fn parse(code: &str) -> ImageFormat {
        if code == "png" {
            ImageFormat::Png
        } else {
            ImageFormat::Jpeg
        }
    }
}

/// A sketch map as stored, without its image bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SketchMap {
    /// Row id.
    pub id: i64,
    /// Community the map shows.
    pub community_id: i64,
    /// Name, unique within the community, such as "แผนที่ชุมชน 2567".
    pub name: String,
    /// Image format.
    pub format: ImageFormat,
    /// Size of the image file in bytes.
    pub size_bytes: i64,
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// SHA-256 of the image, in hex.
    pub sha256: String,
}

/// The record a pin marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "layer", content = "id")]
pub enum PinTarget {
    /// A household, by row id.
    Household(i64),
    /// A collection point, by row id.
    Point(i64),
}

/// A pin on a sketch map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pin {
    /// The record it marks.
    pub target: PinTarget,
    /// The record's label: a household's address or a point's name.
    pub label: String,
    /// Pixel on the image.
    pub at: Pixel,
}

/// Stores a scanned map for a community. The image must be a PNG or JPEG
/// of at most [`MAX_IMAGE_BYTES`].
pub fn add_sketch_map(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    name: &str,
    image: &[u8],
) -> Result<SketchMap> {
    let name = clean(Some(name))
        .ok_or_else(|| Error::rule("sketch_name_missing", "the sketch map has no name"))?;
    crate::members::get_community(conn, community_id)?;
    if find_sketch_map(conn, community_id, &name)?.is_some() {
        return Err(Error::rule(
            "sketch_exists",
            format!("the community already has a sketch map called {name}"),
        ));
    }
    let (format, width, height) = inspect_image(image)?;
    let sha256: String = Sha256::digest(image)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    conn.execute(
        "INSERT INTO sketch_maps (community_id, name, format, image, size_bytes, width, height,
             sha256, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            community_id,
            name,
            format.as_str(),
            image,
            image.len() as i64,
            width,
            height,
            sha256,
            ctx.timestamp(),
        ],
    )?;
    let added = sketch_map(conn, conn.last_insert_rowid())?;
    audit::record(conn, ctx, Change::insert("sketch_maps", added.id, &added))?;
    Ok(added)
}

/// Reads the format and size in pixels of a PNG or JPEG image from its
/// header.
fn inspect_image(image: &[u8]) -> Result<(ImageFormat, u32, u32)> {
    if image.len() > MAX_IMAGE_BYTES {
        return Err(Error::rule(
            "sketch_too_large",
            format!(
                "the image has {} bytes, more than the {MAX_IMAGE_BYTES} allowed; scan it at a \
                 lower resolution or save it as JPEG",
                image.len()
            ),
        ));
    }
    let not_image = || {
        Error::rule(
            "sketch_format",
            "the file is not a PNG or JPEG image; save the scanned map as PNG or JPEG",
        )
    };
    let format = match imagesize::image_type(image).map_err(|_| not_image())? {
        imagesize::ImageType::Png => ImageFormat::Png,
        imagesize::ImageType::Jpeg => ImageFormat::Jpeg,
        _ => return Err(not_image()),
    };
    let size = imagesize::blob_size(image).map_err(|_| not_image())?;
    let width = u32::try_from(size.width).map_err(|_| not_image())?;
    let height = u32::try_from(size.height).map_err(|_| not_image())?;
    if width == 0 || height == 0 {
        return Err(not_image());
    }
    Ok((format, width, height))
}

const SKETCH_SELECT: &str = "SELECT id, community_id, name, format, size_bytes, width, height,
    sha256 FROM sketch_maps";

fn sketch_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SketchMap> {
    let format: String = row.get(3)?;
    Ok(SketchMap {
        id: row.get(0)?,
        community_id: row.get(1)?,
        name: row.get(2)?,
        format: ImageFormat::parse(&format),
        size_bytes: row.get(4)?,
        width: row.get(5)?,
        height: row.get(6)?,
        sha256: row.get(7)?,
    })
}

/// Looks a sketch map up by row id.
pub fn sketch_map(conn: &Connection, id: i64) -> Result<SketchMap> {
    conn.query_row(
        &format!("{SKETCH_SELECT} WHERE id = ?1"),
        [id],
        sketch_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "sketch map",
        key: id.to_string(),
    })
}

/// Finds a community's sketch map by name.
pub fn find_sketch_map(
    conn: &Connection,
    community_id: i64,
    name: &str,
) -> Result<Option<SketchMap>> {
    let name = clean(Some(name)).unwrap_or_default();
    let found = conn
        .query_row(
            &format!("{SKETCH_SELECT} WHERE community_id = ?1 AND name = ?2"),
            (community_id, name),
            sketch_from_row,
        )
        .optional()?;
    Ok(found)
}

/// Lists a community's sketch maps in Thai name order.
pub fn sketch_maps(conn: &Connection, community_id: i64) -> Result<Vec<SketchMap>> {
    let mut stmt = conn.prepare(&format!(
        "{SKETCH_SELECT} WHERE community_id = ?1 ORDER BY name COLLATE THAI"
    ))?;
    let rows = stmt.query_map([community_id], sketch_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads the image bytes of a sketch map.
pub fn sketch_image(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    conn.query_row("SELECT image FROM sketch_maps WHERE id = ?1", [id], |row| {
        row.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "sketch map",
        key: id.to_string(),
    })
}

/// Pins a household or collection point of the map's community on the map
/// at a pixel, or moves its pin there.
pub fn pin(
    conn: &Connection,
    ctx: &Context,
    sketch_id: i64,
    target: PinTarget,
    at: Pixel,
) -> Result<Pin> {
    let map = sketch_map(conn, sketch_id)?;
    let at = at.check(map.width, map.height)?;
    let (label, community_id) = target_label(conn, target)?;
    if community_id != map.community_id {
        return Err(Error::rule(
            "pin_other_community",
            format!(
                "{label} belongs to another community than the sketch map {}",
                map.name
            ),
        ));
    }
    let before = find_pin(conn, sketch_id, target)?;
    let (household_id, point_id) = target_columns(target);
    match &before {
        Some(_) => conn.execute(
            "UPDATE sketch_pins SET x = ?4, y = ?5 WHERE sketch_map_id = ?1
                 AND household_id IS ?2 AND point_id IS ?3",
            rusqlite::params![sketch_id, household_id, point_id, at.x, at.y],
        )?,
        None => conn.execute(
            "INSERT INTO sketch_pins (sketch_map_id, household_id, point_id, x, y)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![sketch_id, household_id, point_id, at.x, at.y],
        )?,
    };
    let after = Pin { target, label, at };
    if before.as_ref() != Some(&after) {
        audit::record(
            conn,
            ctx,
            Change {
                table: "sketch_pins",
                record_id: pin_key(sketch_id, target),
                old: before.map(|p| serde_json::to_value(p).unwrap_or_default()),
                new: serde_json::to_value(&after).ok(),
            },
        )?;
    }
    Ok(after)
}

/// Takes a household's or collection point's pin off a sketch map.
pub fn unpin(conn: &Connection, ctx: &Context, sketch_id: i64, target: PinTarget) -> Result<()> {
    let Some(before) = find_pin(conn, sketch_id, target)? else {
        return Ok(());
    };
    let (household_id, point_id) = target_columns(target);
    conn.execute(
        "DELETE FROM sketch_pins WHERE sketch_map_id = ?1 AND household_id IS ?2
             AND point_id IS ?3",
        rusqlite::params![sketch_id, household_id, point_id],
    )?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "sketch_pins",
            record_id: pin_key(sketch_id, target),
            old: serde_json::to_value(&before).ok(),
            new: None,
        },
    )
}

/// Lists a sketch map's pins: households first, then points.
pub fn pins(conn: &Connection, sketch_id: i64) -> Result<Vec<Pin>> {
    let mut stmt = conn.prepare(
        "SELECT household_id, point_id, x, y FROM sketch_pins WHERE sketch_map_id = ?1
         ORDER BY point_id IS NOT NULL, id",
    )?;
    let rows: Vec<(Option<i64>, Option<i64>, f64, f64)> = stmt
        .query_map([sketch_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(household, point, x, y)| {
            let target = match (household, point) {
                (Some(id), _) => PinTarget::Household(id),
                (None, id) => PinTarget::Point(id.unwrap_or_default()),
            };
            Ok(Pin {
                target,
                label: target_label(conn, target)?.0,
                at: Pixel { x, y },
            })
        })
        .collect()
}

/// Removes a sketch map, its pins and the zones drawn on it.
pub fn remove_sketch_map(conn: &Connection, ctx: &Context, id: i64) -> Result<()> {
    let before = sketch_map(conn, id)?;
    conn.execute("DELETE FROM sketch_pins WHERE sketch_map_id = ?1", [id])?;
    conn.execute("DELETE FROM sketch_zones WHERE sketch_map_id = ?1", [id])?;
    conn.execute("DELETE FROM sketch_maps WHERE id = ?1", [id])?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "sketch_maps",
            record_id: id.to_string(),
            old: serde_json::to_value(&before).ok(),
            new: None,
        },
    )
}

fn find_pin(conn: &Connection, sketch_id: i64, target: PinTarget) -> Result<Option<Pin>> {
    Ok(pins(conn, sketch_id)?
        .into_iter()
        .find(|pin| pin.target == target))
}

fn target_columns(target: PinTarget) -> (Option<i64>, Option<i64>) {
    match target {
        PinTarget::Household(id) => (Some(id), None),
        PinTarget::Point(id) => (None, Some(id)),
    }
}

fn pin_key(sketch_id: i64, target: PinTarget) -> String {
    match target {
        PinTarget::Household(id) => format!("{sketch_id}/household/{id}"),
        PinTarget::Point(id) => format!("{sketch_id}/point/{id}"),
    }
}

/// Looks up a target's label and community.
fn target_label(conn: &Connection, target: PinTarget) -> Result<(String, i64)> {
    match target {
        PinTarget::Household(id) => {
            let household = super::households::household(conn, id)?;
            Ok((household.details.address.label(), household.community_id))
        }
        PinTarget::Point(id) => {
            let point = super::points::collection_point(conn, id)?;
            Ok((point.details.name, point.community_id))
        }
    }
}

/// The files [`export_sketch`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SketchExport {
    /// The image, as stored.
    pub image: PathBuf,
    /// The pins, as JSON beside it.
    pub pins: PathBuf,
}

/// Writes a sketch map's image and its pins into a folder: `NAME.png` (or
/// `.jpg`) as stored, and `NAME.pins.json` naming the image, its size,
/// every pin with its record's label and address or name, and every zone
/// drawn on it with its name and outline. Files already there are
/// replaced.
pub fn export_sketch(conn: &Connection, sketch_id: i64, folder: &Path) -> Result<SketchExport> {
    let map = sketch_map(conn, sketch_id)?;
    std::fs::create_dir_all(folder).map_err(|source| Error::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    let stem = file_stem(&map.name);
    let image_name = format!("{stem}.{}", map.format.extension());
    let image = folder.join(&image_name);
    let pins_path = folder.join(format!("{stem}.pins.json"));
    let pins_json = serde_json::json!({
        "sketch_map": map.name,
        "image": image_name,
        "format": map.format,
        "width": map.width,
        "height": map.height,
        "size_bytes": map.size_bytes,
        "sha256": map.sha256,
        "coordinates": "image pixels, x to the right and y down from the top-left corner",
        "pins": pins_with_records(conn, sketch_id)?,
        "zones": sketch_zones(conn, sketch_id)?
            .into_iter()
            .map(|zone| serde_json::json!({ "name": zone.name, "outline": zone.outline }))
            .collect::<Vec<_>>(),
    });
    super::layers::write_replacing(&image, &sketch_image(conn, sketch_id)?)?;
    super::layers::write_replacing(
        &pins_path,
        serde_json::to_string_pretty(&pins_json)?.as_bytes(),
    )?;
    Ok(SketchExport {
        image,
        pins: pins_path,
    })
}

/// Pins with what identifies their record in another database: a
/// household's address parts or a point's name.
fn pins_with_records(conn: &Connection, sketch_id: i64) -> Result<Vec<serde_json::Value>> {
    pins(conn, sketch_id)?
        .into_iter()
        .map(|pin| {
            let record = match pin.target {
                PinTarget::Household(id) => {
                    let address = super::households::household(conn, id)?.details.address;
                    serde_json::to_value(address)?
                }
                PinTarget::Point(id) => {
                    serde_json::json!({ "name": super::points::collection_point(conn, id)?.details.name })
                }
            };
            let layer = match pin.target {
                PinTarget::Household(_) => "household",
                PinTarget::Point(_) => "point",
            };
            Ok(serde_json::json!({
                "layer": layer,
                "label": pin.label,
                "x": pin.at.x,
                "y": pin.at.y,
                "record": record,
            }))
        })
        .collect()
}

/// The outcome of [`import_sketch`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SketchImport {
    /// The sketch map, new or found with the same name and image.
    pub map: SketchMap,
    /// Pins placed or moved.
    pub pinned: usize,
    /// Pins already in place.
    pub unchanged: usize,
    /// Labels of pins whose household or point the community lacks, and
    /// names of drawn zones it lacks.
    pub missing: Vec<String>,
    /// Zone outlines drawn or redrawn.
    pub zones_drawn: usize,
}

/// The pins file that [`export_sketch`] writes.
#[derive(Deserialize)]
struct PinsFile {
    sketch_map: String,
    image: String,
    pins: Vec<PinEntry>,
    /// Absent from files written before zones could be drawn on a map.
    #[serde(default)]
    zones: Vec<ZoneEntry>,
}

#[derive(Deserialize)]
struct ZoneEntry {
    name: String,
    outline: Vec<[f64; 2]>,
}

#[derive(Deserialize)]
struct PinEntry {
    layer: String,
    label: String,
    x: f64,
    y: f64,
    record: serde_json::Value,
}

/// Reads a sketch map exported by [`export_sketch`] (its `.pins.json` and
/// the image named in it) into a community. The map is stored unless one
/// of the same name and image exists. Then each household (found by its
/// address) and collection point (found by name) the community has is
/// pinned, and each zone it has (found by name) is drawn.
/// Importing the same files twice changes nothing.
pub fn import_sketch(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    pins_path: &Path,
) -> Result<SketchImport> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let file: PinsFile = serde_json::from_slice(&read(pins_path)?).map_err(|e| {
        Error::rule(
            "sketch_pins_invalid",
            format!(
                "{} is not a sketch map's pins file: {e}",
                pins_path.display()
            ),
        )
    })?;
    let image_path = pins_path.with_file_name(&file.image);
    let image = read(&image_path)?;
    let map = match find_sketch_map(conn, community_id, &file.sketch_map)? {
        Some(found)
            if found.size_bytes == image.len() as i64 && sketch_image(conn, found.id)? == image =>
        {
            found
        }
        Some(_) => {
            return Err(Error::rule(
                "sketch_exists",
                format!(
                    "the community already has a different sketch map called {}",
                    file.sketch_map
                ),
            ))
        }
        None => add_sketch_map(conn, ctx, community_id, &file.sketch_map, &image)?,
    };
    let mut outcome = SketchImport {
        map,
        pinned: 0,
        unchanged: 0,
        missing: Vec::new(),
        zones_drawn: 0,
    };
    for entry in file.pins {
        let Some(target) = entry_target(conn, community_id, &entry)? else {
            outcome.missing.push(entry.label);
            continue;
        };
        let at = Pixel {
            x: entry.x,
            y: entry.y,
        };
        if find_pin(conn, outcome.map.id, target)?.is_some_and(|pin| pin.at == at) {
            outcome.unchanged += 1;
        } else {
            pin(conn, ctx, outcome.map.id, target, at)?;
            outcome.pinned += 1;
        }
    }
    import_zone_outlines(conn, ctx, community_id, &file.zones, &mut outcome)?;
    Ok(outcome)
}

/// Draws the zones of a pins file that the community has on the map,
/// counting those whose outline changed.
fn import_zone_outlines(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    zones: &[ZoneEntry],
    outcome: &mut SketchImport,
) -> Result<()> {
    let drawn = sketch_zones(conn, outcome.map.id)?;
    for entry in zones {
        let Some(zone) = super::zones::find_zone(conn, community_id, &entry.name)? else {
            outcome.missing.push(entry.name.clone());
            continue;
        };
        let same = drawn
            .iter()
            .any(|d| d.zone_id == zone.id && d.outline == entry.outline);
        if same {
            outcome.unchanged += 1;
        } else {
            draw_sketch_zone(conn, ctx, outcome.map.id, zone.id, &entry.outline)?;
            outcome.zones_drawn += 1;
        }
    }
    Ok(())
}

/// Finds the household or point a pins-file entry names in a community.
fn entry_target(
    conn: &Connection,
    community_id: i64,
    entry: &PinEntry,
) -> Result<Option<PinTarget>> {
    if entry.layer == "point" {
        let name = entry.record["name"].as_str().unwrap_or_default();
        let point = super::points::find_collection_point(conn, community_id, name)?;
        return Ok(point.map(|p| PinTarget::Point(p.id)));
    }
    let Ok(address) = serde_json::from_value::<super::HouseAddress>(entry.record.clone()) else {
        return Ok(None);
    };
    if address.house_no.trim().is_empty() {
        return Ok(None);
    }
    let household = super::households::find_household(conn, community_id, &address)?;
    Ok(household.map(|h| PinTarget::Household(h.id)))
}

/// Makes a file name from a map name: characters that Windows or macOS do not
/// allow in file names become "_".
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if "<>:\"/\\|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim().trim_end_matches('.').to_string();
    if stem.is_empty() {
        "sketch-map".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::members::ensure_community;
    use crate::places::{add_household, HouseAddress, HouseholdDetails};
    use crate::test_support::context;

    /// Builds the first bytes of a PNG of `width` × `height`: the signature and the
    /// IHDR chunk, which is all the size reader looks at.
    pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    fn household(conn: &Connection, community_id: i64) -> Result<i64> {
        let details = HouseholdDetails {
            address: HouseAddress {
                house_no: "12/3".to_string(),
                moo: Some("4".to_string()),
                ..HouseAddress::default()
            },
            ..HouseholdDetails::default()
        };
        Ok(add_household(conn, &context(), community_id, &details)?.id)
    }

    /// Stores a sketch map of community บ่อยาง with household 12/3 pinned
    /// at (10, 20).
    fn map_with_pin(conn: &Connection, name: &str, image: &[u8]) -> Result<SketchMap> {
        let ctx = context();
        let community = ensure_community(conn, &ctx, "บ่อยาง", Some("BY"))?;
        let map = add_sketch_map(conn, &ctx, community.id, name, image)?;
        let house = household(conn, community.id)?;
        let at = Pixel { x: 10.0, y: 20.0 };
        pin(conn, &ctx, map.id, PinTarget::Household(house), at)?;
        Ok(map)
    }

    fn temp_folder() -> Result<tempfile::TempDir> {
        tempfile::tempdir().map_err(|source| Error::Io {
            path: PathBuf::from("temp"),
            source,
        })
    }

    #[test]
    fn sketch_map_stores_image_and_size() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let image = png_header(1200, 800);

        let map = add_sketch_map(&conn, &ctx, community.id, "แผนที่มือ", &image)?;

        assert_eq!(map.format, ImageFormat::Png, "format from the header");
        assert_eq!((map.width, map.height), (1200, 800), "size in pixels");
        assert_eq!(map.size_bytes, image.len() as i64, "size in bytes");
        assert_eq!(sketch_image(&conn, map.id)?, image, "bytes stored as given");
        let not_image = add_sketch_map(&conn, &ctx, community.id, "อื่น", b"GIF89a....");
        assert_eq!(not_image.err().map(|e| e.code()), Some("sketch_format"));
        Ok(())
    }

    #[test]
    fn sketch_map_reads_jpeg_size() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        // SOI, then a baseline SOF0 segment: 8-bit, 600 high, 900 wide.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
        jpeg.extend_from_slice(&600u16.to_be_bytes());
        jpeg.extend_from_slice(&900u16.to_be_bytes());
        jpeg.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);

        let map = add_sketch_map(&conn, &ctx, community.id, "ภาพถ่ายแผนที่", &jpeg)?;

        assert_eq!(map.format, ImageFormat::Jpeg, "format from the header");
        assert_eq!((map.width, map.height), (900, 600), "width and height");
        assert_eq!(map.format.mime(), "image/jpeg");
        Ok(())
    }

    #[test]
    fn pin_uses_pixels_not_degrees() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let map = add_sketch_map(&conn, &ctx, community.id, "แผนที่มือ", &png_header(1200, 800))?;
        let house = household(&conn, community.id)?;
        let target = PinTarget::Household(house);

        pin(&conn, &ctx, map.id, target, Pixel { x: 640.0, y: 410.5 })?;
        pin(&conn, &ctx, map.id, target, Pixel { x: 650.0, y: 400.0 })?;
        let outside = pin(&conn, &ctx, map.id, target, Pixel { x: 1300.0, y: 10.0 });

        let listed = pins(&conn, map.id)?;
        assert_eq!(listed.len(), 1, "moving a pin keeps one pin");
        assert_eq!(listed[0].at, Pixel { x: 650.0, y: 400.0 }, "pin moved");
        assert_eq!(listed[0].label, "12/3 หมู่ 4", "pin labelled by address");
        assert_eq!(outside.err().map(|e| e.code()), Some("pin_outside_image"));
        let history = audit::history(&conn, "sketch_pins", &pin_key(map.id, target))?;
        assert_eq!(history.len(), 2, "pin and move audited");
        unpin(&conn, &ctx, map.id, target)?;
        assert!(pins(&conn, map.id)?.is_empty(), "pin removed");
        Ok(())
    }

    #[test]
    fn sketch_export_imports_back() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let map = map_with_pin(&conn, "แผนที่มือ", &png_header(300, 200))?;
        let folder = temp_folder()?;
        let written = export_sketch(&conn, map.id, folder.path())?;
        let other_conn = crate::db::open_in_memory()?;
        let other = ensure_community(&other_conn, &ctx, "บ่อยาง", Some("BY"))?;
        let other_house = household(&other_conn, other.id)?;

        let first = import_sketch(&other_conn, &ctx, other.id, &written.pins)?;
        let again = import_sketch(&other_conn, &ctx, other.id, &written.pins)?;

        assert_eq!(first.pinned, 1, "the household's pin placed");
        assert!(first.missing.is_empty(), "every record found");
        assert_eq!(
            (first.map.width, first.map.height),
            (300, 200),
            "image stored"
        );
        let pins = pins(&other_conn, first.map.id)?;
        assert_eq!(
            pins[0].target,
            PinTarget::Household(other_house),
            "matched by address"
        );
        assert_eq!(pins[0].at, Pixel { x: 10.0, y: 20.0 }, "same pixel");
        assert_eq!(again.map.id, first.map.id, "same map reused");
        assert_eq!(
            (again.pinned, again.unchanged),
            (0, 1),
            "nothing changed the second time"
        );
        Ok(())
    }

    #[test]
    fn sketch_export_writes_image_and_pins() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let image = png_header(300, 200);
        let map = map_with_pin(&conn, "แผนที่: ซอย 1/2", &image)?;
        let folder = temp_folder()?;

        let written = export_sketch(&conn, map.id, folder.path())?;

        assert_eq!(
            written.image.file_name().and_then(|n| n.to_str()),
            Some("แผนที่_ ซอย 1_2.png"),
            "characters a file name cannot hold replaced"
        );
        let copied = std::fs::read(&written.image).map_err(|source| Error::Io {
            path: written.image.clone(),
            source,
        })?;
        assert_eq!(copied, image, "image written as stored");
        let text = std::fs::read_to_string(&written.pins).map_err(|source| Error::Io {
            path: written.pins.clone(),
            source,
        })?;
        let json: serde_json::Value = serde_json::from_str(&text)?;
        assert_eq!(json["pins"][0]["x"], 10.0, "pin's pixel");
        assert_eq!(
            json["pins"][0]["record"]["house_no"], "12/3",
            "pin's household"
        );
        assert_eq!(
            json["image"], "แผนที่_ ซอย 1_2.png",
            "image named beside the pins"
        );
        Ok(())
    }

    #[test]
    fn sketch_export_carries_drawn_zones() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let map = map_with_pin(&conn, "แผนที่มือ", &png_header(300, 200))?;
        let zone = |conn: &Connection, community_id| {
            let details = crate::places::ZoneDetails {
                name: "ซอย 1".to_string(),
                ..crate::places::ZoneDetails::default()
            };
            crate::places::add_zone(conn, &context(), community_id, &details)
        };
        let zone_id = zone(&conn, map.community_id)?.id;
        let corners = [[5.0, 5.0], [120.0, 5.0], [120.0, 90.5]];
        draw_sketch_zone(&conn, &ctx, map.id, zone_id, &corners)?;
        let folder = temp_folder()?;
        let written = export_sketch(&conn, map.id, folder.path())?;
        let other_conn = crate::db::open_in_memory()?;
        let other = ensure_community(&other_conn, &ctx, "บ่อยาง", Some("BY"))?;
        household(&other_conn, other.id)?;
        let other_zone = zone(&other_conn, other.id)?.id;

        let first = import_sketch(&other_conn, &ctx, other.id, &written.pins)?;
        let again = import_sketch(&other_conn, &ctx, other.id, &written.pins)?;

        assert_eq!(first.zones_drawn, 1, "the zone drawn");
        assert!(first.missing.is_empty(), "every zone found");
        let drawn = sketch_zones(&other_conn, first.map.id)?;
        assert_eq!(drawn.len(), 1, "one zone on the map");
        assert_eq!(drawn[0].zone_id, other_zone, "matched by name");
        assert_eq!(
            drawn[0].outline,
            vec![[5.0, 5.0], [120.0, 5.0], [120.0, 90.5], [5.0, 5.0]],
            "same pixels"
        );
        assert_eq!(again.zones_drawn, 0, "nothing redrawn the second time");
        assert_eq!(again.unchanged, 2, "the pin and the zone unchanged");
        Ok(())
    }
}
