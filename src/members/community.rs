//! Communities: the foundation's member groups, each with a short code that
//! prefixes its member numbers.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// A community as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Community {
    /// Row id.
    pub id: i64,
    /// Short code that prefixes member numbers, such as "BY".
    pub code: String,
    /// Thai name.
    pub name: String,
    /// Municipality the community belongs to.
    pub municipality: Option<String>,
}

/// A community with its member count, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommunitySummary {
    /// The community.
    #[serde(flatten)]
    pub community: Community,
    /// Number of members in it, whatever their status.
    pub members: i64,
}

/// Lists every community with its member count, in Thai name order.
pub fn list_communities(conn: &Connection) -> Result<Vec<CommunitySummary>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.code, c.name, c.municipality,
                (SELECT count(*) FROM members m WHERE m.community_id = c.id)
         FROM communities c ORDER BY c.name COLLATE THAI",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(CommunitySummary {
            community: community_from_row(row)?,
            members: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn community_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Community> {
    Ok(Community {
        id: row.get(0)?,
        code: row.get(1)?,
        name: row.get(2)?,
        municipality: row.get(3)?,
    })
}

/// Finds a community by its name, code or one of its aliases, ignoring
/// surrounding spaces and a leading "ชุมชน".
pub fn find_community(conn: &Connection, name: &str) -> Result<Option<Community>> {
    let name = normalize_name(name);
    let found = conn
        .query_row(
            "SELECT id, code, name, municipality FROM communities
             WHERE name = ?1 OR code = ?1
                OR id = (SELECT community_id FROM community_aliases WHERE alias = ?1)",
            [&name],
            community_from_row,
        )
        .optional()?;
    Ok(found)
}

/// Looks a community up by row id.
pub fn get_community(conn: &Connection, id: i64) -> Result<Community> {
    conn.query_row(
        "SELECT id, code, name, municipality FROM communities WHERE id = ?1",
        [id],
        community_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "community",
        key: id.to_string(),
    })
}

/// Returns the community called `name`, creating it when it is new.
///
/// A new community gets `code` when given, otherwise the initials of a
/// Latin name or the next free "C01", "C02", … for a Thai one.
pub fn ensure_community(
    conn: &Connection,
    ctx: &Context,
    name: &str,
    code: Option<&str>,
) -> Result<Community> {
    if let Some(found) = find_community(conn, name)? {
        return Ok(found);
    }
    let name = normalize_name(name);
    if name.is_empty() {
        return Err(Error::rule(
            "community_name_missing",
            "community name is empty",
        ));
    }
    let code = match code {
        Some(code) => code.trim().to_uppercase(),
        None => generate_code(conn, &name)?,
    };
    conn.execute(
        "INSERT INTO communities (code, name, created_at) VALUES (?1, ?2, ?3)",
        (&code, &name, ctx.timestamp().to_string()),
    )?;
    let community = Community {
        id: conn.last_insert_rowid(),
        code,
        name,
        municipality: None,
    };
    audit::record(
        conn,
        ctx,
        Change::insert("communities", community.id, &community),
    )?;
    Ok(community)
}

/// Adds another name by which a community is known in legacy sheets.
pub fn add_alias(conn: &Connection, ctx: &Context, community_id: i64, alias: &str) -> Result<()> {
    let alias = normalize_name(alias);
    conn.execute(
        "INSERT INTO community_aliases (alias, community_id) VALUES (?1, ?2)
         ON CONFLICT (alias) DO NOTHING",
        (&alias, community_id),
    )?;
    audit::record(
        conn,
        ctx,
        Change::insert("community_aliases", &alias, &community_id),
    )
}

fn normalize_name(name: &str) -> String {
    let trimmed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    trimmed
        .strip_prefix("ชุมชน")
        .map(str::trim)
        .unwrap_or(&trimmed)
        .to_string()
}

fn generate_code(conn: &Connection, name: &str) -> Result<String> {
    let initials: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let taken = |code: &str| -> Result<bool> {
        Ok(conn
            .query_row("SELECT 1 FROM communities WHERE code = ?1", [code], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    };
    if initials.len() >= 2 && !taken(&initials)? {
        return Ok(initials);
    }
    let mut n = 1;
    loop {
        let code = format!("C{n:02}");
        if !taken(&code)? {
            return Ok(code);
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::context;

    #[test]
    fn ensure_community_reuses_existing() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();

        let first = ensure_community(&conn, &ctx, "บ่อยาง", Some("by"))?;
        let again = ensure_community(&conn, &ctx, " ชุมชนบ่อยาง ", None)?;

        assert_eq!(first.code, "BY");
        assert_eq!(
            again.id, first.id,
            "a leading ชุมชน and spaces name the same community"
        );
        Ok(())
    }

    #[test]
    fn thai_names_get_numbered_codes() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();

        let first = ensure_community(&conn, &ctx, "เก้าเส้ง", None)?;
        let second = ensure_community(&conn, &ctx, "หาดใหญ่ใน", None)?;

        assert_eq!(first.code, "C01");
        assert_eq!(second.code, "C02");
        Ok(())
    }

    #[test]
    fn alias_finds_community() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;

        add_alias(&conn, &ctx, community.id, "ศูนย์บ่อยางพึ่งพาตนเอง")?;

        let found = find_community(&conn, "ศูนย์บ่อยางพึ่งพาตนเอง")?;
        assert_eq!(found.map(|c| c.id), Some(community.id));
        Ok(())
    }
}
