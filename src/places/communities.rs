//! A community's profile beyond its name and code: the municipality, the
//! municipal kind of community, the date of its memorandum of
//! understanding with the foundation, its contacts and notes.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// The kinds of urban community that Thai municipalities register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommunityKind {
    /// ชุมชนแออัด: a crowded community.
    Crowded,
    /// ชุมชนชานเมือง: a suburban community.
    Suburban,
    /// ชุมชนหมู่บ้าน: a village community.
    Village,
    /// ชุมชนเมือง: an urban community.
    Urban,
    /// ชุมชนเคหะชุมชน: public housing.
    PublicHousing,
    /// ชุมชนหมู่บ้านจัดสรร: a housing estate.
    HousingEstate,
    /// Any other kind.
    Other,
}

impl CommunityKind {
    /// Returns the code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CommunityKind::Crowded => "crowded",
            CommunityKind::Suburban => "suburban",
            CommunityKind::Village => "village",
            CommunityKind::Urban => "urban",
            CommunityKind::PublicHousing => "public_housing",
            CommunityKind::HousingEstate => "housing_estate",
            CommunityKind::Other => "other",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<CommunityKind> {
        let kinds = [
            CommunityKind::Crowded,
            CommunityKind::Suburban,
            CommunityKind::Village,
            CommunityKind::Urban,
            CommunityKind::PublicHousing,
            CommunityKind::HousingEstate,
            CommunityKind::Other,
        ];
        kinds.into_iter().find(|kind| kind.as_str() == code)
    }
}

/// A community with its profile and contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommunityProfile {
    /// Row id.
    pub id: i64,
    /// Short code that prefixes member numbers.
    pub code: String,
    /// Thai name.
    pub name: String,
    /// Editable details.
    #[serde(flatten)]
    pub details: CommunityDetails,
    /// People to contact in the community.
    pub contacts: Vec<Contact>,
}

/// The editable details of a community's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityDetails {
    /// Municipality the community belongs to.
    pub municipality: Option<String>,
    /// Municipal kind of community.
    pub kind: Option<CommunityKind>,
    /// Date the community signed its memorandum of understanding with the
    /// foundation.
    pub mou_date: Option<NaiveDate>,
    /// Free-text notes.
    pub notes: Option<String>,
}

/// A person to contact in a community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Row id.
    pub id: i64,
    /// Community the contact belongs to.
    pub community_id: i64,
    /// Editable details.
    #[serde(flatten)]
    pub details: ContactDetails,
}

/// The editable details of a contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    /// Name.
    pub name: String,
    /// Role, such as ประธานชุมชน.
    pub role: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Free-text notes.
    pub notes: Option<String>,
}

/// Reads a community's profile and contacts.
pub fn community_profile(conn: &Connection, id: i64) -> Result<CommunityProfile> {
    let profile = conn
        .query_row(
            "SELECT id, code, name, municipality, kind, mou_date, notes
             FROM communities WHERE id = ?1",
            [id],
            |row| {
                let kind: Option<String> = row.get(4)?;
                Ok(CommunityProfile {
                    id: row.get(0)?,
                    code: row.get(1)?,
                    name: row.get(2)?,
                    details: CommunityDetails {
                        municipality: row.get(3)?,
                        kind: kind.as_deref().and_then(CommunityKind::parse),
                        mou_date: row.get(5)?,
                        notes: row.get(6)?,
                    },
                    contacts: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "community",
            key: id.to_string(),
        })?;
    Ok(CommunityProfile {
        contacts: contacts(conn, id)?,
        ..profile
    })
}

/// Replaces a community's profile details, recording the change in the
/// audit log.
pub fn update_community(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &CommunityDetails,
) -> Result<CommunityProfile> {
    let before = community_profile(conn, id)?;
    let details = CommunityDetails {
        municipality: clean(details.municipality.as_deref()),
        notes: clean(details.notes.as_deref()),
        ..details.clone()
    };
    if before.details == details {
        return Ok(before);
    }
    conn.execute(
        "UPDATE communities SET municipality = ?2, kind = ?3, mou_date = ?4, notes = ?5
         WHERE id = ?1",
        (
            id,
            &details.municipality,
            details.kind.map(CommunityKind::as_str),
            details.mou_date,
            &details.notes,
        ),
    )?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "communities",
            record_id: id.to_string(),
            old: serde_json::to_value(&before.details).ok(),
            new: serde_json::to_value(&details).ok(),
        },
    )?;
    community_profile(conn, id)
}

/// Lists a community's contacts in the order they were added.
pub fn contacts(conn: &Connection, community_id: i64) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare(
        "SELECT id, community_id, name, role, phone, notes FROM community_contacts
         WHERE community_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([community_id], contact_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn contact_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: row.get(0)?,
        community_id: row.get(1)?,
        details: ContactDetails {
            name: row.get(2)?,
            role: row.get(3)?,
            phone: row.get(4)?,
            notes: row.get(5)?,
        },
    })
}

fn contact(conn: &Connection, id: i64) -> Result<Contact> {
    conn.query_row(
        "SELECT id, community_id, name, role, phone, notes FROM community_contacts WHERE id = ?1",
        [id],
        contact_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "contact",
        key: id.to_string(),
    })
}

/// Adds a contact to a community.
pub fn add_contact(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    details: &ContactDetails,
) -> Result<Contact> {
    let details = clean_contact(details)?;
    community_profile(conn, community_id)?;
    conn.execute(
        "INSERT INTO community_contacts (community_id, name, role, phone, notes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            community_id,
            &details.name,
            &details.role,
            &details.phone,
            &details.notes,
            ctx.timestamp(),
        ),
    )?;
    let added = contact(conn, conn.last_insert_rowid())?;
    audit::record(
        conn,
        ctx,
        Change::insert("community_contacts", added.id, &added),
    )?;
    Ok(added)
}

/// Replaces a contact's details.
pub fn update_contact(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &ContactDetails,
) -> Result<Contact> {
    let before = contact(conn, id)?;
    let details = clean_contact(details)?;
    if before.details == details {
        return Ok(before);
    }
    conn.execute(
        "UPDATE community_contacts SET name = ?2, role = ?3, phone = ?4, notes = ?5
         WHERE id = ?1",
        (
            id,
            &details.name,
            &details.role,
            &details.phone,
            &details.notes,
        ),
    )?;
    let after = contact(conn, id)?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "community_contacts",
            record_id: id.to_string(),
            old: serde_json::to_value(&before).ok(),
            new: serde_json::to_value(&after).ok(),
        },
    )?;
    Ok(after)
}

/// Removes a contact.
pub fn remove_contact(conn: &Connection, ctx: &Context, id: i64) -> Result<()> {
    let before = contact(conn, id)?;
    conn.execute("DELETE FROM community_contacts WHERE id = ?1", [id])?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "community_contacts",
            record_id: id.to_string(),
            old: serde_json::to_value(&before).ok(),
            new: None,
        },
    )
}

fn clean_contact(details: &ContactDetails) -> Result<ContactDetails> {
    let name = clean(Some(&details.name)).ok_or_else(|| {
        Error::rule(
            "contact_name_missing",
            "the contact has no name; enter a name",
        )
    })?;
    Ok(ContactDetails {
        name,
        role: clean(details.role.as_deref()),
        phone: clean(details.phone.as_deref()),
        notes: clean(details.notes.as_deref()),
    })
}

/// Trims a text field and runs of spaces in it; an empty one is `None`.
pub(crate) fn clean(text: Option<&str>) -> Option<String> {
    let text = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::ensure_community;
    use crate::test_support::{context, date};

    #[test]
    fn profile_update_is_audited() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = CommunityDetails {
            municipality: Some(" เทศบาลนคร  สงขลา ".to_string()),
            kind: Some(CommunityKind::Crowded),
            mou_date: Some(date(2024, 6, 1)),
            notes: None,
        };

        let profile = update_community(&conn, &ctx, community.id, &details)?;
        update_community(&conn, &ctx, community.id, &profile.details)?;

        assert_eq!(
            profile.details.municipality.as_deref(),
            Some("เทศบาลนคร สงขลา"),
            "spaces tidied"
        );
        assert_eq!(profile.details.kind, Some(CommunityKind::Crowded));
        assert_eq!(profile.details.mou_date, Some(date(2024, 6, 1)));
        let history = audit::history(&conn, "communities", &community.id.to_string())?;
        let updates = history.iter().filter(|e| e.action == "update").count();
        assert_eq!(updates, 1, "saving the same details again is not a change");
        Ok(())
    }

    #[test]
    fn contacts_are_added_changed_and_removed() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let chair = ContactDetails {
            name: "นางสมศรี ใจดี".to_string(),
            role: Some("ประธานชุมชน".to_string()),
            phone: Some("081-234-5678".to_string()),
            notes: None,
        };

        let added = add_contact(&conn, &ctx, community.id, &chair)?;
        let changed = update_contact(
            &conn,
            &ctx,
            added.id,
            &ContactDetails {
                phone: Some("089-999-0000".to_string()),
                ..chair.clone()
            },
        )?;
        let listed = community_profile(&conn, community.id)?.contacts;
        remove_contact(&conn, &ctx, added.id)?;

        assert_eq!(
            listed,
            vec![changed.clone()],
            "the profile lists the contact"
        );
        assert_eq!(changed.details.phone.as_deref(), Some("089-999-0000"));
        assert!(contacts(&conn, community.id)?.is_empty(), "contact removed");
        let history = audit::history(&conn, "community_contacts", &added.id.to_string())?;
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, vec!["insert", "update", "delete"]);
        let nameless = add_contact(&conn, &ctx, community.id, &ContactDetails::default());
        assert_eq!(
            nameless.err().map(|e| e.code()),
            Some("contact_name_missing")
        );
        Ok(())
    }
}
