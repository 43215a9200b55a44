//! Collection points on the map: the waste bank's points
//! (`waste_points`) with a position, a zone, the materials each accepts
//! and its opening hours.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::communities::clean;
use super::geometry::LonLat;
use super::households::stored_location;
use super::schedule::Opening;
use crate::audit::{self, Change};
use crate::waste::points::{find_point, normalize_point_name};
use crate::{Context, Error, Result};

/// The editable details of a collection point.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PointDetails {
    /// Name, unique within the community.
    pub name: String,
    /// Zone of the same community.
    pub zone_id: Option<i64>,
    /// Position on the map.
    pub location: Option<LonLat>,
    /// Codes of the materials accepted, such as `PET_CLEAR`, in catalogue
    /// order.
    pub materials: Vec<String>,
    /// Weekly opening hours.
    pub hours: Vec<Opening>,
    /// Opening times that weekly hours cannot express, such as "the second
    /// Saturday of the month".
    pub schedule_note: Option<String>,
}

/// A collection point with its place on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionPoint {
    /// Row id, the same as the waste bank's point.
    pub id: i64,
    /// Community the point belongs to.
    pub community_id: i64,
    /// Editable details.
    #[serde(flatten)]
    pub details: PointDetails,
    /// The zone's name.
    pub zone: Option<String>,
}

/// Looks a collection point up by row id.
pub fn collection_point(conn: &Connection, id: i64) -> Result<CollectionPoint> {
    let found = conn
        .prepare_cached(
            "SELECT p.id, p.community_id, p.name, p.zone_id, p.lon, p.lat, p.schedule_note,
                    z.name
             FROM waste_points p LEFT JOIN zones z ON z.id = p.zone_id WHERE p.id = ?1",
        )?
        .query_row([id], |row| {
            Ok(CollectionPoint {
                id: row.get(0)?,
                community_id: row.get(1)?,
                details: PointDetails {
                    name: row.get(2)?,
                    zone_id: row.get(3)?,
                    location: stored_location(row.get(4)?, row.get(5)?),
                    materials: Vec::new(),
                    hours: Vec::new(),
                    schedule_note: row.get(6)?,
                },
                zone: row.get(7)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "collection point",
            key: id.to_string(),
        })?;
    let mut details = found.details;
    details.materials = accepted_materials(conn, id)?;
    details.hours = opening_hours(conn, id)?;
    Ok(CollectionPoint { details, ..found })
}

/// Lists a community's collection points in Thai name order.
pub fn list_collection_points(
    conn: &Connection,
    community_id: i64,
) -> Result<Vec<CollectionPoint>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM waste_points WHERE community_id = ?1 ORDER BY name COLLATE THAI",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([community_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .map(|id| collection_point(conn, id))
        .collect()
}

/// Finds the collection point called `name` in a community.
pub fn find_collection_point(
    conn: &Connection,
    community_id: i64,
    name: &str,
) -> Result<Option<CollectionPoint>> {
    find_point(conn, community_id, name)?
        .map(|point| collection_point(conn, point.id))
        .transpose()
}

/// Adds a collection point to a community. A point of the same name must
/// not exist.
pub fn add_collection_point(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    details: &PointDetails,
) -> Result<CollectionPoint> {
    let details = checked(conn, community_id, details)?;
    if find_point(conn, community_id, &details.name)?.is_some() {
        return Err(Error::rule(
            "point_exists",
            format!(
                "the community already has a collection point called {}",
                details.name
            ),
        ));
    }
    conn.execute(
        "INSERT INTO waste_points (community_id, name, created_at) VALUES (?1, ?2, ?3)",
        (community_id, &details.name, ctx.timestamp()),
    )?;
    let id = conn.last_insert_rowid();
    write_details(conn, id, &details)?;
    let added = collection_point(conn, id)?;
    audit::record(conn, ctx, Change::insert("waste_points", id, &added))?;
    Ok(added)
}

/// Replaces a collection point's details, recording the change in the
/// audit log.
pub fn update_collection_point(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &PointDetails,
) -> Result<CollectionPoint> {
    let before = collection_point(conn, id)?;
    let details = checked(conn, before.community_id, details)?;
    if details == before.details {
        return Ok(before);
    }
    if let Some(other) = find_point(conn, before.community_id, &details.name)? {
        if other.id != id {
            return Err(Error::rule(
                "point_exists",
                format!(
                    "the community already has a collection point called {}",
                    details.name
                ),
            ));
        }
    }
    write_details(conn, id, &details)?;
    let after = collection_point(conn, id)?;
    audit::record(
        conn,
        ctx,
        super::update_change("waste_points", id, &before, &after),
    )?;
    Ok(after)
}

/// Moves a collection point on the map, or takes it off the map with
/// `None`.
pub fn move_collection_point(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    location: Option<LonLat>,
) -> Result<CollectionPoint> {
    let before = collection_point(conn, id)?;
    let details = PointDetails {
        location,
        ..before.details
    };
    update_collection_point(conn, ctx, id, &details)
}

fn accepted_materials(conn: &Connection, point_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.code FROM waste_point_materials pm JOIN waste_materials m ON m.id = pm.material_id
         WHERE pm.point_id = ?1 ORDER BY m.sort_order, m.code",
    )?;
    let rows = stmt.query_map([point_id], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn opening_hours(conn: &Connection, point_id: i64) -> Result<Vec<Opening>> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, opens, closes FROM waste_point_hours WHERE point_id = ?1
         ORDER BY weekday, opens",
    )?;
    let rows = stmt.query_map([point_id], |row| {
        Ok(Opening {
            weekday: row.get(0)?,
            opens: row.get(1)?,
            closes: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Cleans and checks details: a name, a zone of the community, known
/// materials (put in catalogue order) and valid hours.
fn checked(conn: &Connection, community_id: i64, details: &PointDetails) -> Result<PointDetails> {
    let name = normalize_point_name(&details.name);
    if name.is_empty() {
        return Err(Error::rule(
            "point_name_missing",
            "the collection point has no name",
        ));
    }
    if let Some(zone_id) = details.zone_id {
        super::zones::check_zone_community(conn, zone_id, community_id)?;
    }
    let mut requested = Vec::new();
    for code in &details.materials {
        requested.push(crate::waste::material(conn, code)?.code);
    }
    let codes: Vec<String> = crate::waste::list_materials(conn)?
        .into_iter()
        .map(|m| m.code)
        .filter(|code| requested.contains(code))
        .collect();
    let mut hours = details
        .hours
        .iter()
        .map(|o| Opening::new(o.weekday, &o.opens, &o.closes))
        .collect::<Result<Vec<_>>>()?;
    hours.sort();
    hours.dedup();
    Ok(PointDetails {
        name,
        zone_id: details.zone_id,
        location: details.location,
        materials: codes,
        hours,
        schedule_note: clean(details.schedule_note.as_deref()),
    })
}

fn write_details(conn: &Connection, id: i64, details: &PointDetails) -> Result<()> {
    conn.execute(
        "UPDATE waste_points SET name = ?2, zone_id = ?3, lon = ?4, lat = ?5, schedule_note = ?6
         WHERE id = ?1",
        rusqlite::params![
            id,
            details.name,
            details.zone_id,
            details.location.map(|p| p.lon),
            details.location.map(|p| p.lat),
            details.schedule_note,
        ],
    )?;
    conn.execute(
        "DELETE FROM waste_point_materials WHERE point_id = ?1",
        [id],
    )?;
    for code in &details.materials {
        conn.execute(
            "INSERT INTO waste_point_materials (point_id, material_id)
             SELECT ?1, id FROM waste_materials WHERE code = ?2",
            (id, code),
        )?;
    }
    conn.execute("DELETE FROM waste_point_hours WHERE point_id = ?1", [id])?;
    for opening in &details.hours {
        conn.execute(
            "INSERT INTO waste_point_hours (point_id, weekday, opens, closes)
             VALUES (?1, ?2, ?3, ?4)",
            (id, opening.weekday, &opening.opens, &opening.closes),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::ensure_community;
    use crate::places::schedule::parse_schedule;
    use crate::test_support::context;

    #[test]
    fn point_keeps_location_materials_and_hours() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = PointDetails {
            name: "ธนาคารขยะ  ศาลาชุมชน".to_string(),
            location: Some(LonLat::new(100.5960, 7.1990)?),
            materials: vec!["ALU_CAN".to_string(), "pet_clear".to_string()],
            hours: parse_schedule("ส. 09:00-12:00")?,
            schedule_note: Some("ปิดวันหยุดนักขัตฤกษ์".to_string()),
            ..PointDetails::default()
        };

        let added = add_collection_point(&conn, &ctx, community.id, &details)?;
        let waste_point = crate::waste::lookup_point(&conn, Some("บ่อยาง"), "ธนาคารขยะ ศาลาชุมชน")?;

        assert_eq!(
            waste_point.id, added.id,
            "the waste bank finds the same point"
        );
        assert_eq!(
            added.details.materials,
            vec!["PET_CLEAR", "ALU_CAN"],
            "materials in catalogue order"
        );
        assert_eq!(added.details.hours.len(), 1, "one opening");
        assert_eq!(added.details.location, details.location, "position kept");
        Ok(())
    }

    #[test]
    fn point_move_is_audited() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let point = crate::waste::ensure_point(&conn, &ctx, community.id, "ตลาดเช้า")?;

        let moved = move_collection_point(&conn, &ctx, point.id, Some(LonLat::new(100.6, 7.2)?))?;

        assert_eq!(moved.details.location.map(|p| p.lat), Some(7.2));
        let history = audit::history(&conn, "waste_points", &point.id.to_string())?;
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            vec!["insert", "update"],
            "creation and move audited"
        );
        Ok(())
    }

    #[test]
    fn point_rejects_unknown_material() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = PointDetails {
            name: "ตลาดเช้า".to_string(),
            materials: vec!["GOLD".to_string()],
            ..PointDetails::default()
        };

        let error = add_collection_point(&conn, &ctx, community.id, &details).err();

        assert_eq!(error.map(|e| e.code()), Some("not_found"));
        Ok(())
    }
}
