//! Zones drawn on a sketch map: a zone's outline on one scanned community
//! map, in image pixels.
//!
//! Like pins, these outlines are exempt from the WGS84 checks of
//! [`super::geometry::LonLat`]: each corner only has to lie on the image,
//! and the ring must be closed and must not cross itself. They are
//! exported with their image by [`super::sketch::export_sketch`], never in
//! the GeoJSON or KML layers. A zone can have an outline on each sketch
//! map and a WGS84 outline besides.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::geometry::{check_ring, Pixel};
use super::sketch::sketch_map;
use super::zones::zone;
use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// A zone's outline on a sketch map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SketchZone {
    /// The zone's row id.
    pub zone_id: i64,
    /// The zone's name.
    pub name: String,
    /// The closed outer ring, `[x, y]` pixels, x to the right and y down
    /// from the image's top-left corner, the first corner repeated last.
    pub outline: Vec<[f64; 2]>,
}

/// Draws a zone's outline on a sketch map from its corners in image
/// pixels, closed or not, or redraws it. The zone must belong to the
/// map's community, every corner must lie on the image, and the outline
/// must have three corners and not cross itself.
pub fn draw_sketch_zone(
    conn: &Connection,
    ctx: &Context,
    sketch_id: i64,
    zone_id: i64,
    corners: &[[f64; 2]],
) -> Result<SketchZone> {
    let map = sketch_map(conn, sketch_id)?;
    let zone = zone(conn, zone_id)?;
    if zone.community_id != map.community_id {
        return Err(Error::rule(
            "zone_other_community",
            format!(
                "zone {} belongs to another community than the sketch map {}",
                zone.name, map.name
            ),
        ));
    }
    let outline = checked_outline(corners, map.width, map.height)?;
    let before = find_sketch_zone(conn, sketch_id, zone_id)?;
    let text = serde_json::to_string(&vec![outline.clone()])?;
    conn.execute(
        "INSERT INTO sketch_zones (sketch_map_id, zone_id, outline) VALUES (?1, ?2, ?3)
         ON CONFLICT (sketch_map_id, zone_id) DO UPDATE SET outline = excluded.outline",
        (sketch_id, zone_id, &text),
    )?;
    let after = SketchZone {
        zone_id,
        name: zone.name,
        outline,
    };
    if before.as_ref() != Some(&after) {
        audit::record(
            conn,
            ctx,
            Change {
                table: "sketch_zones",
                record_id: key(sketch_id, zone_id),
                old: before.and_then(|b| serde_json::to_value(b).ok()),
                new: serde_json::to_value(&after).ok(),
            },
        )?;
    }
    Ok(after)
}

/// Checks each corner against the image and the ring's shape, and closes
/// the ring.
fn checked_outline(corners: &[[f64; 2]], width: u32, height: u32) -> Result<Vec<[f64; 2]>> {
    let mut ring = Vec::with_capacity(corners.len() + 1);
    for &[x, y] in corners {
        Pixel { x, y }.check(width, height)?;
        if ring.last() != Some(&[x, y]) {
            ring.push([x, y]);
        }
    }
    if let (Some(first), Some(last)) = (ring.first().copied(), ring.last()) {
        if first != *last {
            ring.push(first);
        }
    }
    check_ring(&ring, "the outline")?;
    Ok(ring)
}

/// Erases a zone's outline from a sketch map; nothing happens when it has
/// none there.
pub fn erase_sketch_zone(
    conn: &Connection,
    ctx: &Context,
    sketch_id: i64,
    zone_id: i64,
) -> Result<()> {
    let Some(before) = find_sketch_zone(conn, sketch_id, zone_id)? else {
        return Ok(());
    };
    conn.execute(
        "DELETE FROM sketch_zones WHERE sketch_map_id = ?1 AND zone_id = ?2",
        (sketch_id, zone_id),
    )?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "sketch_zones",
            record_id: key(sketch_id, zone_id),
            old: serde_json::to_value(&before).ok(),
            new: None,
        },
    )
}

/// Lists the zones drawn on a sketch map, in Thai name order.
pub fn sketch_zones(conn: &Connection, sketch_id: i64) -> Result<Vec<SketchZone>> {
    let mut stmt = conn.prepare(
        "SELECT s.zone_id, z.name, s.outline FROM sketch_zones s
             JOIN zones z ON z.id = s.zone_id
         WHERE s.sketch_map_id = ?1 ORDER BY z.name COLLATE THAI",
    )?;
    let rows = stmt.query_map([sketch_id], sketch_zone_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn find_sketch_zone(conn: &Connection, sketch_id: i64, zone_id: i64) -> Result<Option<SketchZone>> {
    Ok(conn
        .query_row(
            "SELECT s.zone_id, z.name, s.outline FROM sketch_zones s
                 JOIN zones z ON z.id = s.zone_id
             WHERE s.sketch_map_id = ?1 AND s.zone_id = ?2",
            (sketch_id, zone_id),
            sketch_zone_from_row,
        )
        .optional()?)
}

fn sketch_zone_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SketchZone> {
    let text: String = row.get(2)?;
    let rings: Vec<Vec<[f64; 2]>> = serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
    })?;
    Ok(SketchZone {
        zone_id: row.get(0)?,
        name: row.get(1)?,
        outline: rings.into_iter().next().unwrap_or_default(),
    })
}

fn key(sketch_id: i64, zone_id: i64) -> String {
    format!("{sketch_id}/zone/{zone_id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::ensure_community;
    use crate::places::sketch::add_sketch_map;
    use crate::places::sketch::tests::png_header;
    use crate::places::zones::{add_zone, ZoneDetails};
    use crate::test_support::context;

    /// Stores a 400 × 300 sketch map of community บ่อยาง and its zone
    /// ซอย 1, which has no WGS84 outline.
    fn map_and_zone(conn: &Connection) -> Result<(i64, i64)> {
        let ctx = context();
        let community = ensure_community(conn, &ctx, "บ่อยาง", Some("BY"))?;
        let map = add_sketch_map(conn, &ctx, community.id, "แผนที่มือ", &png_header(400, 300))?;
        let details = ZoneDetails {
            name: "ซอย 1".to_string(),
            ..ZoneDetails::default()
        };
        let zone = add_zone(conn, &ctx, community.id, &details)?;
        Ok((map.id, zone.id))
    }

    #[test]
    fn sketch_zone_stores_pixels_unchecked_as_degrees() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let (map, zone_id) = map_and_zone(&conn)?;
        // Pixels far outside Thailand's longitudes and latitudes.
        let corners = [[10.0, 20.0], [390.0, 20.0], [390.0, 280.0], [10.0, 280.0]];

        let drawn = draw_sketch_zone(&conn, &ctx, map, zone_id, &corners)?;

        assert_eq!(drawn.outline.len(), 5, "four corners, closed");
        assert_eq!(drawn.outline[4], [10.0, 20.0], "first corner repeated");
        let listed = sketch_zones(&conn, map)?;
        assert_eq!(listed, vec![drawn], "read back as drawn");
        assert_eq!(
            zone(&conn, zone_id)?.polygon,
            None,
            "the zone's WGS84 outline untouched"
        );
        Ok(())
    }

    #[test]
    fn sketch_zone_rejects_bad_outlines() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let (map, zone_id) = map_and_zone(&conn)?;
        let off_image = [[10.0, 20.0], [450.0, 20.0], [390.0, 280.0]];
        let crossing = [[0.0, 0.0], [100.0, 100.0], [100.0, 0.0], [0.0, 100.0]];
        let two = [[0.0, 0.0], [100.0, 100.0]];

        let cases = [
            (&off_image[..], "pin_outside_image"),
            (&crossing[..], "ring_self_intersects"),
            (&two[..], "ring_too_short"),
        ];
        for (corners, code) in cases {
            let error = draw_sketch_zone(&conn, &ctx, map, zone_id, corners).err();
            assert_eq!(error.map(|e| e.code()), Some(code), "corners {corners:?}");
        }
        assert!(sketch_zones(&conn, map)?.is_empty(), "nothing stored");
        Ok(())
    }

    #[test]
    fn sketch_zone_redraw_and_erase_are_audited() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let (map, zone_id) = map_and_zone(&conn)?;
        let first = [[10.0, 20.0], [390.0, 20.0], [390.0, 280.0]];
        let second = [[20.0, 20.0], [300.0, 20.0], [300.0, 200.0], [20.0, 200.0]];

        draw_sketch_zone(&conn, &ctx, map, zone_id, &first)?;
        draw_sketch_zone(&conn, &ctx, map, zone_id, &second)?;
        draw_sketch_zone(&conn, &ctx, map, zone_id, &second)?;
        erase_sketch_zone(&conn, &ctx, map, zone_id)?;

        assert!(sketch_zones(&conn, map)?.is_empty(), "outline erased");
        let history = audit::history(&conn, "sketch_zones", &key(map, zone_id))?;
        assert_eq!(
            history.len(),
            3,
            "draw, redraw and erase; the same outline twice is one change"
        );
        Ok(())
    }
}
