//! Collection points: the places in a community where members bring
//! their recyclables and where stock is kept until it is sold.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// A collection point as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    /// Row id.
    pub id: i64,
    /// Community the point belongs to.
    pub community_id: i64,
    /// The community's name.
    pub community: String,
    /// The point's name, unique within its community.
    pub name: String,
}

const POINT_COLUMNS: &str = "p.id, p.community_id, c.name, p.name
    FROM waste_points p JOIN communities c ON c.id = p.community_id";

fn point_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Point> {
    Ok(Point {
        id: row.get(0)?,
        community_id: row.get(1)?,
        community: row.get(2)?,
        name: row.get(3)?,
    })
}

/// Writes a point's name the one way it is stored: trimmed, with runs of
/// spaces as one.
pub fn normalize_point_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds the point called `name` in a community.
pub fn find_point(conn: &Connection, community_id: i64, name: &str) -> Result<Option<Point>> {
    let point = conn
        .prepare_cached(&format!(
            "SELECT {POINT_COLUMNS} WHERE p.community_id = ?1 AND p.name = ?2"
        ))?
        .query_row((community_id, normalize_point_name(name)), point_from_row)
        .optional()?;
    Ok(point)
}

/// Looks a point up by row id.
pub fn point(conn: &Connection, id: i64) -> Result<Point> {
    conn.prepare_cached(&format!("SELECT {POINT_COLUMNS} WHERE p.id = ?1"))?
        .query_row([id], point_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "collection point",
            key: id.to_string(),
        })
}

/// Returns the point called `name` in a community, creating it when new.
pub fn ensure_point(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    name: &str,
) -> Result<Point> {
    if let Some(found) = find_point(conn, community_id, name)? {
        return Ok(found);
    }
    let name = normalize_point_name(name);
    if name.is_empty() {
        return Err(Error::rule(
            "point_name_missing",
            "the collection point has no name",
        ));
    }
    conn.prepare_cached(
        "INSERT INTO waste_points (community_id, name, created_at) VALUES (?1, ?2, ?3)",
    )?
    .execute((community_id, &name, ctx.timestamp()))?;
    let created = point(conn, conn.last_insert_rowid())?;
    audit::record(
        conn,
        ctx,
        Change::insert("waste_points", created.id, &created),
    )?;
    Ok(created)
}

/// Lists every point, by community and name in Thai order.
pub fn list_points(conn: &Connection) -> Result<Vec<Point>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {POINT_COLUMNS} ORDER BY c.name COLLATE THAI, p.name COLLATE THAI"
    ))?;
    let rows = stmt.query_map([], point_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds a point by name, in the community `community` names when given,
/// else in any community when the name is used by one community only.
pub fn lookup_point(conn: &Connection, community: Option<&str>, name: &str) -> Result<Point> {
    let not_found = || Error::NotFound {
        what: "collection point",
        key: name.to_string(),
    };
    if let Some(community) = community {
        let community =
            crate::members::find_community(conn, community)?.ok_or_else(|| Error::NotFound {
                what: "community",
                key: community.to_string(),
            })?;
        return find_point(conn, community.id, name)?.ok_or_else(not_found);
    }
    let name = normalize_point_name(name);
    let matches: Vec<Point> = list_points(conn)?
        .into_iter()
        .filter(|point| point.name == name)
        .collect();
    match matches.len() {
        0 => Err(not_found()),
        1 => Ok(matches.into_iter().next().ok_or_else(not_found)?),
        _ => Err(Error::rule(
            "point_ambiguous",
            format!(
                "several communities have a collection point called {name}; name the community"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::ensure_community;
    use crate::test_support::context;

    #[test]
    fn ensure_point_reuses_name_in_community() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let boyang = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let other = ensure_community(&conn, &ctx, "เก้าเส้ง", Some("KS"))?;

        let first = ensure_point(&conn, &ctx, boyang.id, "จุดรวบรวม  ตลาดเช้า")?;
        let again = ensure_point(&conn, &ctx, boyang.id, " จุดรวบรวม ตลาดเช้า ")?;
        let elsewhere = ensure_point(&conn, &ctx, other.id, "จุดรวบรวม ตลาดเช้า")?;

        assert_eq!(again.id, first.id, "spaces do not make a new point");
        assert_ne!(elsewhere.id, first.id, "points belong to a community");
        let ambiguous = lookup_point(&conn, None, "จุดรวบรวม ตลาดเช้า");
        assert_eq!(ambiguous.err().map(|e| e.code()), Some("point_ambiguous"));
        Ok(())
    }
}
