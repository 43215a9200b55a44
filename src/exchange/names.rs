//! Community names that staff type or a legacy sheet holds, looked up
//! without creating a community by mistake.
//!
//! A name that no community has (nor its code or an alias) is an error
//! with the closest existing names, because a misspelt name would
//! otherwise become a second community. A new community is created only
//! when the caller asks for it.
//!
//! Closeness compares match keys (see [`super::text::match_key`]), so
//! that tone marks, spaces and a leading "ชุมชน" do not count. It takes
//! the better of the trigram Dice coefficient and one minus the edit
//! distance over the longer key's length, because a Thai name one
//! character off shares few trigrams when it is short.

use rusqlite::Connection;

use super::text::{dice, match_key};
use crate::members::{self, Community};
use crate::{Context, Error, Result};

/// The maximum number of names an unknown-name error lists.
pub const MAX_SUGGESTIONS: usize = 3;

/// The minimum closeness, from 0.0 to 1.0, of a suggested name.
const MIN_CLOSENESS: f64 = 0.4;

/// Finds the community with this name, code or alias.
///
/// Fails with `community_unknown` when there is none, naming the closest
/// existing names.
pub fn find_community(conn: &Connection, name: &str) -> Result<Community> {
    match members::find_community(conn, name)? {
        Some(community) => Ok(community),
        None => Err(unknown_community(conn, name)?),
    }
}

/// Finds the community with this name, or with `create` adds it.
///
/// Fails as [`find_community`] does when the name is unknown and `create`
/// is false.
pub fn find_or_create_community(
    conn: &Connection,
    ctx: &Context,
    name: &str,
    create: bool,
) -> Result<Community> {
    if create {
        return members::ensure_community(conn, ctx, name, None);
    }
    find_community(conn, name)
}

/// The `community_unknown` error for `name`, with its closest names.
pub fn unknown_community(conn: &Connection, name: &str) -> Result<Error> {
    let closest = closest_communities(conn, name)?;
    let name = name.trim();
    let message = if closest.is_empty() {
        format!(
            "community “{name}” not found, and no community has a similar name; check the \
             spelling, or create the community explicitly"
        )
    } else {
        format!(
            "community “{name}” not found; the closest names are {}; check the spelling, or \
             create the community explicitly",
            closest.join(", ")
        )
    };
    Ok(Error::rule("community_unknown", message))
}

/// The names of the communities closest to `name`, closest first, at
/// most [`MAX_SUGGESTIONS`]. Codes and aliases count too, but the
/// community's own name is listed.
pub fn closest_communities(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let wanted = name_key(name);
    let mut stmt = conn.prepare(
        "SELECT c.name, c.name FROM communities c
         UNION ALL SELECT c.name, c.code FROM communities c
         UNION ALL SELECT c.name, a.alias FROM community_aliases a
             JOIN communities c ON c.id = a.community_id",
    )?;
    let spellings = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut scored: Vec<(f64, String)> = Vec::new();
    for spelling in spellings {
        let (community, spelling) = spelling?;
        let closeness = closeness(&wanted, &name_key(&spelling));
        if closeness < MIN_CLOSENESS {
            continue;
        }
        match scored.iter_mut().find(|(_, name)| *name == community) {
            Some(entry) => entry.0 = entry.0.max(closeness),
            None => scored.push((closeness, community)),
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, name)| name)
        .collect())
}

/// The match key of a community name without a leading "ชุมชน".
pub(crate) fn name_key(name: &str) -> String {
    let key = match_key(name);
    key.strip_prefix(&match_key("ชุมชน"))
        .map(str::to_string)
        .unwrap_or(key)
}

/// How close two keys are, from 0.0 to 1.0: the better of their trigram
/// Dice coefficient and their edit-distance similarity.
///
/// ```
/// use chumchon::exchange::names::closeness;
/// assert_eq!(closeness("บอยาง", "บอยาง"), 1.0);
/// assert!(closeness("บอยาง", "บอยาน") >= 0.8);
/// assert!(closeness("บอยาง", "ริมทางรถไฟ") < 0.4);
/// ```
pub fn closeness(a: &str, b: &str) -> f64 {
    let longer = a.chars().count().max(b.chars().count());
    if longer == 0 {
        return 0.0;
    }
    let edits = 1.0 - edit_distance(a, b) as f64 / longer as f64;
    dice(a, b).max(edits)
}

/// The Levenshtein distance between two strings, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            let value = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            current.push(value);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::{add_alias, ensure_community};
    use crate::test_support::context;

    fn communities() -> Result<Connection> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        ensure_community(&conn, &ctx, "ริมทางรถไฟ", Some("RT"))?;
        ensure_community(&conn, &ctx, "เก้าแสน", Some("KS"))?;
        Ok(conn)
    }

    fn rule_code(error: &Error) -> Option<&'static str> {
        match error {
            Error::Rule { code, .. } => Some(code),
            _ => None,
        }
    }

    #[test]
    fn edit_distance_counts_thai_characters() {
        assert_eq!(edit_distance("บ่อยาง", "บ่อยาง"), 0, "same name");
        assert_eq!(edit_distance("บ่อยาง", "บอยาง"), 1, "a dropped tone mark");
        assert_eq!(edit_distance("", "abc"), 3, "all inserted");
    }

    #[test]
    fn misspelt_name_is_unknown_with_closest() -> Result<()> {
        let conn = communities()?;

        let error = find_community(&conn, "บ่อยางค์").err();

        let code = error.as_ref().and_then(rule_code);
        assert_eq!(code, Some("community_unknown"), "{error:?}");
        let message = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("บ่อยาง"), "names the closest: {message}");
        assert!(!message.contains("เก้าแสน"), "not a far name: {message}");
        Ok(())
    }

    #[test]
    fn closest_ignores_tone_marks_and_prefix() -> Result<()> {
        let conn = communities()?;

        let closest = closest_communities(&conn, "ชุมชน ริมทางรถใฟ")?;

        assert_eq!(closest.first().map(String::as_str), Some("ริมทางรถไฟ"));
        Ok(())
    }

    #[test]
    fn closest_lists_name_for_alias() -> Result<()> {
        let conn = communities()?;
        let ctx = context();
        let found = members::find_community(&conn, "เก้าแสน")?;
        let id = found.map(|c| c.id).unwrap_or_default();
        add_alias(&conn, &ctx, id, "ศูนย์เก้าแสนพัฒนา")?;

        let closest = closest_communities(&conn, "ศูนย์เก้าแสนพัฒนาา")?;

        assert_eq!(closest, ["เก้าแสน"], "the alias leads to its community");
        Ok(())
    }

    #[test]
    fn unknown_name_is_created_only_when_asked() -> Result<()> {
        let conn = communities()?;
        let ctx = context();

        let refused = find_or_create_community(&conn, &ctx, "ท่าสะอ้าน", false);
        let created = find_or_create_community(&conn, &ctx, "ท่าสะอ้าน", true)?;

        assert!(refused.is_err(), "not created without asking");
        assert_eq!(created.name, "ท่าสะอ้าน", "created when asked");
        assert_eq!(
            find_community(&conn, "ท่าสะอ้าน")?.id,
            created.id,
            "found afterwards"
        );
        Ok(())
    }

    #[test]
    fn far_name_has_no_suggestions() -> Result<()> {
        let conn = communities()?;

        let closest = closest_communities(&conn, "หาดใหญ่ใน")?;

        assert!(closest.is_empty(), "nothing is close: {closest:?}");
        Ok(())
    }
}
