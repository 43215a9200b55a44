//! Households: the houses of a community, each address part in its own
//! column, the members living there, the day the household joined the
//! sorting programme, and its position on the map.
//!
//! A member names the household they live in (`members.household_id`).
//! A household's members are the members that name it, so the link reads
//! both ways without a second copy.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::communities::clean;
use super::geometry::LonLat;
use crate::audit::{self, Change};
use crate::members::normalize_member_no;
use crate::{Context, Error, Result};

/// A household's address, each Thai address part on its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseAddress {
    /// House number (เลขที่), such as "12/3".
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

impl HouseAddress {
    /// Writes the address as one line for labels: "12/3 หมู่ 4 ซอยวัด ถนนรามวิถี".
    /// It is shown, never stored.
    pub fn label(&self) -> String {
        let mut parts = vec![self.house_no.clone()];
        let prefixed = [("หมู่ ", &self.moo), ("ซอย", &self.soi), ("ถนน", &self.road)];
        for (prefix, part) in prefixed {
            if let Some(part) = part {
                parts.push(format!("{prefix}{part}"));
            }
        }
        parts.join(" ")
    }

    fn cleaned(&self) -> Result<HouseAddress> {
        let house_no = clean(Some(&self.house_no)).ok_or_else(|| {
            Error::rule(
                "house_no_missing",
                "the household has no house number (เลขที่); enter one",
            )
        })?;
        Ok(HouseAddress {
            house_no,
            moo: clean(self.moo.as_deref()),
            soi: clean(self.soi.as_deref()),
            road: clean(self.road.as_deref()),
            subdistrict: clean(self.subdistrict.as_deref()),
            district: clean(self.district.as_deref()),
            province: clean(self.province.as_deref()),
            postcode: clean(self.postcode.as_deref()),
        })
    }
}

/// The editable details of a household.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HouseholdDetails {
    /// Address.
    #[serde(flatten)]
    pub address: HouseAddress,
    /// Zone of the same community.
    pub zone_id: Option<i64>,
    /// Date the household joined the sorting programme.
    pub sorting_joined: Option<NaiveDate>,
    /// Position on the map.
    pub location: Option<LonLat>,
    /// Free-text notes.
    pub notes: Option<String>,
}

/// A member living in a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resident {
    /// Member number.
    pub member_no: String,
    /// Title, first and last name.
    pub name: String,
}

/// A household as stored, with its members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Household {
    /// Row id.
    pub id: i64,
    /// Community the household belongs to.
    pub community_id: i64,
    /// Editable details.
    #[serde(flatten)]
    pub details: HouseholdDetails,
    /// The zone's name.
    pub zone: Option<String>,
    /// The members living there, by member number.
    pub members: Vec<Resident>,
}

const HOUSEHOLD_SELECT: &str = "SELECT h.id, h.community_id, h.house_no, h.moo, h.soi, h.road,
        h.subdistrict, h.district, h.province, h.postcode, h.zone_id, h.sorting_joined,
        h.lon, h.lat, h.notes, z.name
    FROM households h LEFT JOIN zones z ON z.id = h.zone_id";

fn household_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Household> {
    let lon: Option<f64> = row.get(12)?;
    let lat: Option<f64> = row.get(13)?;
    Ok(Household {
        id: row.get(0)?,
        community_id: row.get(1)?,
        details: HouseholdDetails {
            address: HouseAddress {
                house_no: row.get(2)?,
                moo: row.get(3)?,
                soi: row.get(4)?,
                road: row.get(5)?,
                subdistrict: row.get(6)?,
                district: row.get(7)?,
                province: row.get(8)?,
                postcode: row.get(9)?,
            },
            zone_id: row.get(10)?,
            sorting_joined: row.get(11)?,
            location: stored_location(lon, lat),
            notes: row.get(14)?,
        },
        zone: row.get(15)?,
        members: Vec::new(),
    })
}

/// Builds a stored position, which was checked when it was written.
pub(crate) fn stored_location(lon: Option<f64>, lat: Option<f64>) -> Option<LonLat> {
    Some(LonLat {
        lon: lon?,
        lat: lat?,
    })
}

/// Looks a household up by row id, with its members.
pub fn household(conn: &Connection, id: i64) -> Result<Household> {
    let found = conn
        .prepare_cached(&format!("{HOUSEHOLD_SELECT} WHERE h.id = ?1"))?
        .query_row([id], household_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "household",
            key: id.to_string(),
        })?;
    with_members(conn, found)
}

/// Finds the household at an address in a community: the same house
/// number, หมู่, ซอย and ถนน.
pub fn find_household(
    conn: &Connection,
    community_id: i64,
    address: &HouseAddress,
) -> Result<Option<Household>> {
    let address = address.cleaned()?;
    let found = conn
        .prepare_cached(&format!(
            "{HOUSEHOLD_SELECT} WHERE h.community_id = ?1 AND h.house_no = ?2
                AND coalesce(h.moo, '') = ?3 AND coalesce(h.soi, '') = ?4
                AND coalesce(h.road, '') = ?5"
        ))?
        .query_row(
            (
                community_id,
                &address.house_no,
                address.moo.unwrap_or_default(),
                address.soi.unwrap_or_default(),
                address.road.unwrap_or_default(),
            ),
            household_from_row,
        )
        .optional()?;
    found.map(|h| with_members(conn, h)).transpose()
}

/// Lists a community's households with their members, by หมู่, ซอย and
/// house number.
pub fn list_households(conn: &Connection, community_id: i64) -> Result<Vec<Household>> {
    let mut stmt = conn.prepare(&format!(
        "{HOUSEHOLD_SELECT} WHERE h.community_id = ?1
         ORDER BY coalesce(h.moo, ''), coalesce(h.soi, '') COLLATE THAI, h.house_no, h.id"
    ))?;
    let rows = stmt.query_map([community_id], household_from_row)?;
    let households: Vec<Household> = rows.collect::<rusqlite::Result<_>>()?;
    households
        .into_iter()
        .map(|h| with_members(conn, h))
        .collect()
}

fn with_members(conn: &Connection, household: Household) -> Result<Household> {
    Ok(Household {
        members: residents(conn, household.id)?,
        ..household
    })
}

/// Lists the members living in a household, by member number.
pub fn residents(conn: &Connection, household_id: i64) -> Result<Vec<Resident>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_no, trim(title || first_name || ' ' || last_name) FROM members
         WHERE household_id = ?1 ORDER BY member_no",
    )?;
    let rows = stmt.query_map([household_id], |row| {
        Ok(Resident {
            member_no: row.get(0)?,
            name: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a household to a community. Another household at the same address
/// must not exist.
pub fn add_household(
    conn: &Connection,
    ctx: &Context,
    community_id: i64,
    details: &HouseholdDetails,
) -> Result<Household> {
    let details = checked(conn, community_id, details)?;
    if find_household(conn, community_id, &details.address)?.is_some() {
        return Err(Error::rule(
            "household_exists",
            format!(
                "the community already has a household at {}",
                details.address.label()
            ),
        ));
    }
    conn.execute(
        "INSERT INTO households (community_id, created_at, updated_at, house_no)
         VALUES (?1, ?2, ?2, ?3)",
        (community_id, ctx.timestamp(), &details.address.house_no),
    )?;
    let id = conn.last_insert_rowid();
    write_details(conn, ctx, id, &details)?;
    let added = household(conn, id)?;
    audit::record(conn, ctx, Change::insert("households", id, &added.details))?;
    Ok(added)
}

/// Replaces a household's details, recording the change in the audit log.
pub fn update_household(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &HouseholdDetails,
) -> Result<Household> {
    let before = household(conn, id)?;
    let details = checked(conn, before.community_id, details)?;
    if details == before.details {
        return Ok(before);
    }
    if let Some(other) = find_household(conn, before.community_id, &details.address)? {
        if other.id != id {
            return Err(Error::rule(
                "household_exists",
                format!(
                    "the community already has a household at {}",
                    details.address.label()
                ),
            ));
        }
    }
    write_details(conn, ctx, id, &details)?;
    audit::record(
        conn,
        ctx,
        super::update_change("households", id, &before.details, &details),
    )?;
    household(conn, id)
}

/// Moves a household on the map, or takes it off the map with `None`.
pub fn move_household(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    location: Option<LonLat>,
) -> Result<Household> {
    let before = household(conn, id)?;
    let details = HouseholdDetails {
        location,
        ..before.details
    };
    update_household(conn, ctx, id, &details)
}

/// Removes a household that no member lives in, with its sketch-map pins.
pub fn remove_household(conn: &Connection, ctx: &Context, id: i64) -> Result<()> {
    let before = household(conn, id)?;
    if !before.members.is_empty() {
        return Err(Error::rule(
            "household_has_members",
            format!(
                "{} members live at {}; move them to another household first",
                before.members.len(),
                before.details.address.label()
            ),
        ));
    }
    conn.execute("DELETE FROM sketch_pins WHERE household_id = ?1", [id])?;
    conn.execute("DELETE FROM households WHERE id = ?1", [id])?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "households",
            record_id: id.to_string(),
            old: serde_json::to_value(&before.details).ok(),
            new: None,
        },
    )
}

/// Records that a member lives in a household of their community, or in
/// none with `None`.
pub fn set_member_household(
    conn: &Connection,
    ctx: &Context,
    member_no: &str,
    household_id: Option<i64>,
) -> Result<()> {
    let member_no = normalize_member_no(member_no);
    let (community_id, before): (i64, Option<i64>) = conn
        .query_row(
            "SELECT community_id, household_id FROM members WHERE member_no = ?1",
            [&member_no],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "member",
            key: member_no.clone(),
        })?;
    if let Some(id) = household_id {
        if household(conn, id)?.community_id != community_id {
            return Err(Error::rule(
                "household_other_community",
                format!("member {member_no} cannot live in a household of another community"),
            ));
        }
    }
    if before == household_id {
        return Ok(());
    }
    conn.execute(
        "UPDATE members SET household_id = ?2, updated_at = ?3 WHERE member_no = ?1",
        (&member_no, household_id, ctx.timestamp()),
    )?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "members",
            record_id: member_no,
            old: Some(serde_json::json!({ "household_id": before })),
            new: Some(serde_json::json!({ "household_id": household_id })),
        },
    )
}

/// Looks up the household a member lives in, if recorded.
pub fn member_household(conn: &Connection, member_no: &str) -> Result<Option<Household>> {
    let id: Option<Option<i64>> = conn
        .query_row(
            "SELECT household_id FROM members WHERE member_no = ?1",
            [normalize_member_no(member_no)],
            |row| row.get(0),
        )
        .optional()?;
    match id {
        None => Err(Error::NotFound {
            what: "member",
            key: member_no.to_string(),
        }),
        Some(None) => Ok(None),
        Some(Some(id)) => household(conn, id).map(Some),
    }
}

fn checked(
    conn: &Connection,
    community_id: i64,
    details: &HouseholdDetails,
) -> Result<HouseholdDetails> {
    if let Some(zone_id) = details.zone_id {
        super::zones::check_zone_community(conn, zone_id, community_id)?;
    }
    Ok(HouseholdDetails {
        address: details.address.cleaned()?,
        notes: clean(details.notes.as_deref()),
        ..details.clone()
    })
}

fn write_details(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &HouseholdDetails,
) -> Result<()> {
    let address = &details.address;
    conn.execute(
        "UPDATE households SET house_no = ?2, moo = ?3, soi = ?4, road = ?5, subdistrict = ?6,
             district = ?7, province = ?8, postcode = ?9, zone_id = ?10, sorting_joined = ?11,
             lon = ?12, lat = ?13, notes = ?14, updated_at = ?15
         WHERE id = ?1",
        rusqlite::params![
            id,
            address.house_no,
            address.moo,
            address.soi,
            address.road,
            address.subdistrict,
            address.district,
            address.province,
            address.postcode,
            details.zone_id,
            details.sorting_joined,
            details.location.map(|p| p.lon),
            details.location.map(|p| p.lat),
            details.notes,
            ctx.timestamp(),
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::{ensure_community, MemberDetails};
    use crate::test_support::{context, date};

    fn address(house_no: &str) -> HouseAddress {
        HouseAddress {
            house_no: house_no.to_string(),
            moo: Some("4".to_string()),
            soi: Some("วัดแหลมทราย".to_string()),
            road: Some("รามวิถี".to_string()),
            subdistrict: Some("บ่อยาง".to_string()),
            district: Some("เมืองสงขลา".to_string()),
            province: Some("สงขลา".to_string()),
            postcode: Some("90000".to_string()),
        }
    }

    fn add_member(conn: &Connection, community_id: i64, member_no: &str) -> Result<i64> {
        let details = MemberDetails {
            member_no: member_no.to_string(),
            first_name: "สมศรี".to_string(),
            last_name: "ใจดี".to_string(),
            title: "นาง".to_string(),
            community_id,
            ..MemberDetails::default()
        };
        crate::members::insert(conn, &context(), &details)
    }

    #[test]
    fn household_stores_each_address_part() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let details = HouseholdDetails {
            address: address(" 12/3 "),
            sorting_joined: Some(date(2024, 7, 1)),
            location: Some(LonLat::new(100.5951, 7.1987)?),
            ..HouseholdDetails::default()
        };

        let added = add_household(&conn, &ctx, community.id, &details)?;
        let columns: (String, String, String, String) = conn.query_row(
            "SELECT house_no, moo, soi, postcode FROM households WHERE id = ?1",
            [added.id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;

        assert_eq!(columns.0, "12/3", "house number trimmed in its own column");
        assert_eq!(columns.1, "4", "หมู่ in its own column");
        assert_eq!(columns.2, "วัดแหลมทราย", "ซอย in its own column");
        assert_eq!(columns.3, "90000", "postcode in its own column");
        assert_eq!(added.details.sorting_joined, Some(date(2024, 7, 1)));
        assert_eq!(
            added.details.address.label(),
            "12/3 หมู่ 4 ซอยวัดแหลมทราย ถนนรามวิถี"
        );
        let again = add_household(&conn, &ctx, community.id, &details).err();
        assert_eq!(again.map(|e| e.code()), Some("household_exists"));
        Ok(())
    }

    #[test]
    fn members_and_household_link_both_ways() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        add_member(&conn, community.id, "BY001")?;
        add_member(&conn, community.id, "BY002")?;
        let details = HouseholdDetails {
            address: address("7"),
            ..HouseholdDetails::default()
        };
        let house = add_household(&conn, &ctx, community.id, &details)?;

        set_member_household(&conn, &ctx, "by 001", Some(house.id))?;
        set_member_household(&conn, &ctx, "BY002", Some(house.id))?;

        let members: Vec<String> = household(&conn, house.id)?
            .members
            .into_iter()
            .map(|r| r.member_no)
            .collect();
        assert_eq!(
            members,
            vec!["BY001", "BY002"],
            "household lists its members"
        );
        let home = member_household(&conn, "BY002")?.map(|h| h.id);
        assert_eq!(home, Some(house.id), "member names the household");
        let removal = remove_household(&conn, &ctx, house.id).err();
        assert_eq!(removal.map(|e| e.code()), Some("household_has_members"));
        let history = audit::history(&conn, "members", "BY001")?;
        assert_eq!(
            history.last().and_then(|e| e.new.clone()),
            Some(serde_json::json!({ "household_id": house.id })),
            "the move is audited"
        );
        Ok(())
    }

    #[test]
    fn member_cannot_live_in_other_community() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let boyang = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let other = ensure_community(&conn, &ctx, "เก้าเส้ง", Some("KS"))?;
        add_member(&conn, boyang.id, "BY001")?;
        let details = HouseholdDetails {
            address: address("9"),
            ..HouseholdDetails::default()
        };
        let house = add_household(&conn, &ctx, other.id, &details)?;

        let error = set_member_household(&conn, &ctx, "BY001", Some(house.id)).err();

        assert_eq!(error.map(|e| e.code()), Some("household_other_community"));
        Ok(())
    }

    #[test]
    fn household_without_house_number_is_rejected() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;

        let error = add_household(&conn, &ctx, community.id, &HouseholdDetails::default()).err();

        assert_eq!(error.map(|e| e.code()), Some("house_no_missing"));
        Ok(())
    }
}
