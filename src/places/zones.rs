//! Zones: the parts of a community (often a soi) that a leader looks after
//! and collectors ride through, each with an optional outline on the map.
//!
//! The `zones` table is shared with the waste bank's collectors, which
//! create zones by name; this module adds the leader, outline and notes.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::communities::clean;
use super::geometry::{LonLat, Polygon};
use crate::audit::{self, Change};
use crate::members::normalize_member_no;
use crate::{Context, Error, Result};

/// A zone as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zone {
    /// Row id.
    pub id: i64,
    /// Community the zone belongs to.
    pub community_id: i64,
    /// Name, unique within the community.
    pub name: String,
    /// The leader's member number, when the leader is a member.
    pub leader_member_no: Option<String>,
    /// The leader's name: the member's full name, or as entered.
    pub leader_name: Option<String>,
    /// Outline on the map.
    pub polygon: Option<Polygon>,
    /// Free-text notes.
    pub notes: Option<String>,
}

/// The editable details of a zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ZoneDetails {
    /// Name, unique within the community.
    pub name: String,
    /// Member number of the leader, when the leader is a member of the
    /// same community.
    pub leader_member_no: Option<String>,
    /// The leader's name, for a leader who is not a member; ignored when
    /// `leader_member_no` is given.
    pub leader_name: Option<String>,
    /// Outline on the map.
    pub polygon: Option<Polygon>,
    /// Free-text notes.
    pub notes: Option<String>,
}

impl From<&Zone> for ZoneDetails {
    fn from(zone: &Zone) -> ZoneDetails {
        ZoneDetails {
            name: zone.name.clone(),
            leader_member_no: zone.leader_member_no.clone(),
            leader_name: zone.leader_name.clone(),
            polygon: zone.polygon.clone(),
            notes: zone.notes.clone(),
        }
    }
}

const ZONE_SELECT: &str = "SELECT z.id, z.community_id, z.name, m.member_no,
        coalesce(trim(m.title || m.first_name || ' ' || m.last_name), z.leader_name),
        z.polygon, z.notes
    FROM zones z LEFT JOIN members m ON m.id = z.leader_member_id";

fn zone_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Zone> {
    let polygon: Option<String> = row.get(5)?;
    let polygon = polygon
        .map(|text| serde_json::from_str::<Polygon>(&text))
        .transpose()
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, e.into())
        })?;
    Ok(Zone {
        id: row.get(0)?,
        community_id: row.get(1)?,
        name: row.get(2)?,
        leader_member_no: row.get(3)?,
        leader_name: row.get(4)?,
        polygon,
        notes: row.get(6)?,
    })
}

/// Looks a zone up by row id.
pub fn zone(conn: &Connection, id: i64) -> Result<Zone> {
    conn.prepare_cached(&format!("{ZONE_SELECT} WHERE z.id = ?1"))?
        .query_row([id], zone_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "zone",
            key: id.to_string(),
        })
}

/// Finds the zone called `name` in a community.
pub fn find_zone(conn: &Connection, community_id: i64, name: &str) -> Result<Option<Zone>> {
    let name = clean(Some(name)).unwrap_or_default();
    let zone = conn
        .prepare_cached(&format!(
            "{ZONE_SELECT} WHERE z.community_id = ?1 AND z.name = ?2"
        ))?
        .query_row((community_id, name), zone_from_row)
        .optional()?;
    Ok(zone)
}

/// Lists a community's zones in Thai name order.
pub fn list_zones(conn: &Connection, community_id: i64) -> Result<Vec<Zone>> {
    let mut stmt = conn.prepare(&format!(
        "{ZONE_SELECT} WHERE z.community_id = ?1 ORDER BY z.name COLLATE THAI"
    ))?;
    let rows = stmt.query_map([community_id], zone_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a zone to a community. A zone of the same name must not exist.
pub fn add_zone(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    details: &ZoneDetails,
) -> Result<Zone> {
    let stored = stored_details(conn, community_id, details)?;
    if find_zone(conn, community_id, &stored.name)?.is_some() {
        return Err(Error::rule(
            "zone_exists",
            format!("the community already has a zone called {}", stored.name),
        ));
    }
    conn.execute(
        "INSERT INTO zones (community_id, name, leader_member_id, leader_name, polygon, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            community_id,
            &stored.name,
            stored.leader_member_id,
            &stored.leader_name,
            &stored.polygon,
            &stored.notes,
        ),
    )?;
    let added = zone(conn, conn.last_insert_rowid())?;
    audit::record(conn, ctx, Change::insert("zones", added.id, &added))?;
    Ok(added)
}

/// Replaces a zone's details, recording the change in the audit log.
pub fn update_zone(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &ZoneDetails,
) -> Result<Zone> {
    let before = zone(conn, id)?;
    let stored = stored_details(conn, before.community_id, details)?;
    if let Some(other) = find_zone(conn, before.community_id, &stored.name)? {
        if other.id != id {
            return Err(Error::rule(
                "zone_exists",
                format!("the community already has a zone called {}", stored.name),
            ));
        }
    }
    conn.execute(
        "UPDATE zones SET name = ?2, leader_member_id = ?3, leader_name = ?4, polygon = ?5,
             notes = ?6
         WHERE id = ?1",
        (
            id,
            &stored.name,
            stored.leader_member_id,
            &stored.leader_name,
            &stored.polygon,
            &stored.notes,
        ),
    )?;
    let after = zone(conn, id)?;
    if after != before {
        audit::record(
            conn,
            ctx,
            super::update_change("zones", id, &before, &after),
        )?;
    }
    Ok(after)
}

/// Draws or clears a zone's outline.
pub fn set_zone_polygon(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    polygon: Option<&Polygon>,
) -> Result<Zone> {
    let before = zone(conn, id)?;
    let details = ZoneDetails {
        polygon: polygon.cloned(),
        ..ZoneDetails::from(&before)
    };
    update_zone(conn, ctx, id, &details)
}

/// The records that name a zone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ZoneLinks {
    /// Households in the zone.
    pub households: usize,
    /// Collection points in the zone.
    pub points: usize,
    /// Members whose register entry names the zone.
    pub members: usize,
    /// Collectors' rounds through the zone and collectors assigned to it.
    pub rounds: usize,
}

/// Counts the records that name a zone.
pub fn zone_links(conn: &Connection, id: i64) -> Result<ZoneLinks> {
    let count = |sql: &str| -> Result<usize> {
        let count: i64 = conn.query_row(sql, [id], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or_default())
    };
    Ok(ZoneLinks {
        households: count("SELECT count(*) FROM households WHERE zone_id = ?1")?,
        points: count("SELECT count(*) FROM waste_points WHERE zone_id = ?1")?,
        members: count("SELECT count(*) FROM members WHERE zone_id = ?1")?,
        rounds: count(
            "SELECT (SELECT count(*) FROM waste_rounds WHERE zone_id = ?1)
                  + (SELECT count(*) FROM waste_collector_zones WHERE zone_id = ?1)",
        )?,
    })
}

/// Deletes a zone and its outlines on sketch maps.
///
/// Households and collection points still in the zone are taken out of it
/// (left without a zone, each change audited) when `detach` is true, and
/// make the deletion fail with `zone_has_places` otherwise, so that the
/// caller can ask the user first. Members and collectors' rounds that name
/// the zone always make it fail with `zone_in_use`, because they belong to
/// the member register and the waste bank.
pub fn remove_zone(conn: &Connection, ctx: &Context, id: i64, detach: bool) -> Result<()> {
    let before = zone(conn, id)?;
    let links = zone_links(conn, id)?;
    if links.members + links.rounds > 0 {
        return Err(Error::rule(
            "zone_in_use",
            format!(
                "zone {} is named by {} members and {} collectors' rounds or assignments; move                  them to another zone first",
                before.name, links.members, links.rounds
            ),
        ));
    }
    if links.households + links.points > 0 && !detach {
        return Err(Error::rule(
            "zone_has_places",
            format!(
                "zone {} still has {} households and {} collection points; confirm to leave them                  without a zone",
                before.name, links.households, links.points
            ),
        ));
    }
    detach_places(conn, ctx, &before)?;
    let sketches: Vec<i64> = conn
        .prepare("SELECT sketch_map_id FROM sketch_zones WHERE zone_id = ?1")?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for sketch_id in sketches {
        super::sketch_zones::erase_sketch_zone(conn, ctx, sketch_id, id)?;
    }
    conn.execute("DELETE FROM zones WHERE id = ?1", [id])?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "zones",
            record_id: id.to_string(),
            old: serde_json::to_value(&before).ok(),
            new: None,
        },
    )
}

/// Takes a zone's households and collection points out of it.
fn detach_places(conn: &Connection, ctx: &Context, zone: &Zone) -> Result<()> {
    let households = super::households::list_households(conn, zone.community_id)?;
    for household in households {
        if household.details.zone_id == Some(zone.id) {
            let details = super::households::HouseholdDetails {
                zone_id: None,
                ..household.details
            };
            super::households::update_household(conn, ctx, household.id, &details)?;
        }
    }
    let points = super::points::list_collection_points(conn, zone.community_id)?;
    for point in points {
        if point.details.zone_id == Some(zone.id) {
            let details = super::points::PointDetails {
                zone_id: None,
                ..point.details
            };
            super::points::update_collection_point(conn, ctx, point.id, &details)?;
        }
    }
    Ok(())
}

/// Finds the zone of a community whose outline contains a position, the
/// first in name order when outlines overlap.
pub fn zone_at(conn: &Connection, community_id: i64, position: LonLat) -> Result<Option<Zone>> {
    let zones = list_zones(conn, community_id)?;
    Ok(zones.into_iter().find(|zone| {
        zone.polygon
            .as_ref()
            .is_some_and(|polygon| polygon.contains(position))
    }))
}

/// A zone's details as the columns store them.
struct StoredZone {
    name: String,
    leader_member_id: Option<i64>,
    leader_name: Option<String>,
    polygon: Option<String>,
    notes: Option<String>,
}

fn stored_details(
    conn: &Connection,
    community_id: i64,
    details: &ZoneDetails,
) -> Result<StoredZone> {
    let name = clean(Some(&details.name))
        .ok_or_else(|| Error::rule("zone_name_missing", "the zone has no name"))?;
    let leader_member_id = match clean(details.leader_member_no.as_deref()) {
        Some(member_no) => Some(member_in_community(conn, community_id, &member_no)?),
        None => None,
    };
    let leader_name = match leader_member_id {
        Some(_) => None,
        None => clean(details.leader_name.as_deref()),
    };
    let polygon = details
        .polygon
        .as_ref()
        .map(serde_json::to_string)
        .transpose()?;
    Ok(StoredZone {
        name,
        leader_member_id,
        leader_name,
        polygon,
        notes: clean(details.notes.as_deref()),
    })
}

/// Checks that a zone belongs to a community.
pub(crate) fn check_zone_community(
    conn: &Connection,
    zone_id: i64,
    community_id: i64,
) -> Result<()> {
    let zone = zone(conn, zone_id)?;
    if zone.community_id != community_id {
        return Err(Error::rule(
            "zone_other_community",
            format!("zone {} belongs to another community", zone.name),
        ));
    }
    Ok(())
}

/// Looks up the row id of a member of the community by member number.
pub(crate) fn member_in_community(
    conn: &Connection,
    community_id: i64,
    member_no: &str,
) -> Result<i64> {
    let member_no = normalize_member_no(member_no);
    let found: Option<(i64, i64)> = conn
        .prepare_cached("SELECT id, community_id FROM members WHERE member_no = ?1")?
        .query_row([&member_no], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match found {
        None => Err(Error::NotFound {
            what: "member",
            key: member_no,
        }),
        Some((_, other)) if other != community_id => Err(Error::rule(
            "member_other_community",
            format!("member {member_no} belongs to another community"),
        )),
        Some((id, _)) => Ok(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::ensure_community;
    use crate::test_support::context;

    fn square() -> Result<Polygon> {
        Ok(Polygon::new(vec![vec![
            [100.59, 7.19],
            [100.60, 7.19],
            [100.60, 7.20],
            [100.59, 7.20],
            [100.59, 7.19],
        ]])?)
    }

    #[test]
    fn zone_keeps_outline_and_leader() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = ZoneDetails {
            name: "ซอย 1".to_string(),
            leader_name: Some("นายสมชาย ดีใจ".to_string()),
            polygon: Some(square()?),
            ..ZoneDetails::default()
        };

        let added = add_zone(&conn, &ctx, community.id, &details)?;
        let again = add_zone(&conn, &ctx, community.id, &details);
        let found = zone_at(&conn, community.id, LonLat::new(100.595, 7.195)?)?;

        assert_eq!(added.polygon, Some(square()?), "outline read back");
        assert_eq!(added.leader_name.as_deref(), Some("นายสมชาย ดีใจ"));
        assert_eq!(again.err().map(|e| e.code()), Some("zone_exists"));
        assert_eq!(
            found.map(|z| z.id),
            Some(added.id),
            "position inside the zone"
        );
        Ok(())
    }

    #[test]
    fn zone_outline_change_is_audited() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let zone_id = crate::waste::collectors::ensure_zone(&conn, community.id, "ซอย 2")?;

        set_zone_polygon(&conn, &ctx, zone_id, Some(&square()?))?;
        set_zone_polygon(&conn, &ctx, zone_id, Some(&square()?))?;
        let cleared = set_zone_polygon(&conn, &ctx, zone_id, None)?;

        assert_eq!(cleared.polygon, None, "outline cleared");
        let history = audit::history(&conn, "zones", &zone_id.to_string())?;
        assert_eq!(
            history.len(),
            2,
            "drawing the same outline twice is one change"
        );
        Ok(())
    }

    #[test]
    fn zone_leader_must_be_community_member() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = ZoneDetails {
            name: "ซอย 3".to_string(),
            leader_member_no: Some("BY999".to_string()),
            ..ZoneDetails::default()
        };

        let error = add_zone(&conn, &ctx, community.id, &details).err();

        assert_eq!(error.map(|e| e.code()), Some("not_found"));
        Ok(())
    }

    #[test]
    fn zone_removal_asks_before_detaching_places() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = ZoneDetails {
            name: "ซอย 4".to_string(),
            polygon: Some(square()?),
            ..ZoneDetails::default()
        };
        let zone = add_zone(&conn, &ctx, community.id, &details)?;
        let house = crate::places::HouseholdDetails {
            address: crate::places::HouseAddress {
                house_no: "7".to_string(),
                ..crate::places::HouseAddress::default()
            },
            zone_id: Some(zone.id),
            ..crate::places::HouseholdDetails::default()
        };
        let house = crate::places::add_household(&conn, &ctx, community.id, &house)?;

        let refused = remove_zone(&conn, &ctx, zone.id, false).err();
        let links = zone_links(&conn, zone.id)?;
        remove_zone(&conn, &ctx, zone.id, true)?;

        assert_eq!(refused.map(|e| e.code()), Some("zone_has_places"));
        assert_eq!(links.households, 1, "one household counted");
        assert_eq!(
            crate::places::household(&conn, house.id)?.details.zone_id,
            None,
            "the household left without a zone"
        );
        assert_eq!(
            find_zone(&conn, community.id, "ซอย 4")?,
            None,
            "the zone is gone"
        );
        let history = audit::history(&conn, "zones", &zone.id.to_string())?;
        assert!(
            history.last().is_some_and(|entry| entry.new.is_none()),
            "the deletion is audited"
        );
        Ok(())
    }

    #[test]
    fn zone_with_round_cannot_be_removed() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let zone_id = crate::waste::collectors::ensure_zone(&conn, community.id, "ซอย 5")?;
        conn.execute(
            "INSERT INTO waste_collectors (name, created_at) VALUES ('นายขาว', '2024-07-01')",
            [],
        )?;
        conn.execute(
            "INSERT INTO waste_collector_zones (collector_id, zone_id) VALUES (?1, ?2)",
            (conn.last_insert_rowid(), zone_id),
        )?;

        let refused = remove_zone(&conn, &ctx, zone_id, true).err();

        assert_eq!(refused.map(|e| e.code()), Some("zone_in_use"));
        assert!(
            find_zone(&conn, community.id, "ซอย 5")?.is_some(),
            "the zone is kept"
        );
        Ok(())
    }
}
