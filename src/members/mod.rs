//! Members and communities: the member register, its search index and the
//! rules on member numbers and national IDs.

mod community;
mod search;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Change};
use crate::{Context, Error, Result};

pub use community::{
    add_alias, ensure_community, find_community, get_community, list_communities, Community,
    CommunitySummary,
};
pub use search::{search, MemberRow, SearchPage, SearchQuery, SortOrder};

/// Whether a member is still a member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A current member.
    #[default]
    Active,
    /// Left the group.
    Resigned,
    /// Passed away.
    Deceased,
}

impl Status {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Resigned => "resigned",
            Status::Deceased => "deceased",
        }
    }

    /// Reads a status as stored or as a Thai or English sheet writes it
    /// ("ปกติ", "ลาออก", "เสียชีวิต").
    ///
    /// ```
    /// use chumchon::members::Status;
    /// assert_eq!(Status::parse("ลาออก"), Some(Status::Resigned));
    /// assert_eq!(Status::parse("Active"), Some(Status::Active));
    /// ```
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim().to_lowercase().as_str() {
            "active" | "ปกติ" | "สมาชิก" | "ยังเป็นสมาชิก" | "คงอยู่" => {
                Some(Status::Active)
            }
            "resigned" | "ลาออก" | "พ้นสภาพ" => Some(Status::Resigned),
            "deceased" | "เสียชีวิต" | "ตาย" | "ถึงแก่กรรม" => {
                Some(Status::Deceased)
            }
            _ => None,
        }
    }
}

/// A postal address with each Thai address part in its own field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// House number (เลขที่).
    pub house_no: Option<String>,
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
    /// A legacy one-line address kept as written because it could not be
    /// split into the fields above.
    pub text: Option<String>,
}

/// The editable details of a member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDetails {
    /// Member number, unique across the foundation.
    pub member_no: String,
    /// Title such as นาย, นาง, นางสาว.
    pub title: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Thirteen-digit national ID, when known.
    pub national_id: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Address.
    pub address: Address,
    /// Community the member belongs to.
    pub community_id: i64,
    /// Zone or soi within the community.
    pub zone_id: Option<i64>,
    /// Date the member joined.
    pub joined: Option<NaiveDate>,
    /// Membership status.
    pub status: Status,
    /// Free-text notes.
    pub notes: Option<String>,
}

/// A member as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Row id.
    pub id: i64,
    /// The member's details.
    #[serde(flatten)]
    pub details: MemberDetails,
    /// Whether the national ID's check digit is right (true when there is
    /// no ID).
    pub national_id_valid: bool,
    /// Whether someone should look at this record (a wrong check digit).
    pub needs_review: bool,
    /// Community name.
    pub community: String,
    /// Current share balance.
    pub shares: i64,
}

impl Member {
    /// Title, first and last name as printed: "นางสาวณรงค์ ชื่นใจ".
    pub fn full_name(&self) -> String {
        full_name(
            &self.details.title,
            &self.details.first_name,
            &self.details.last_name,
        )
    }
}

/// Writes a member number the one way it is stored: without surrounding
/// or inner spaces, full-width letters and digits folded to ASCII, and
/// letters in upper case, so "by 001" and "ＢＹ００１" both find "BY001".
///
/// ```
/// use chumchon::members::normalize_member_no;
/// assert_eq!(normalize_member_no(" by 001 "), "BY001");
/// assert_eq!(normalize_member_no("ＢＹ００１"), "BY001");
/// ```
pub fn normalize_member_no(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Joins a title and names the Thai way, with no space after the title.
pub fn full_name(title: &str, first_name: &str, last_name: &str) -> String {
    format!("{title}{first_name} {last_name}")
        .trim()
        .to_string()
}

const MEMBER_COLUMNS: &str = "m.id, m.member_no, m.title, m.first_name, m.last_name,
    m.national_id, m.phone, m.house_no, m.moo, m.soi, m.road, m.subdistrict, m.district,
    m.province, m.postcode, m.address_text, m.community_id, m.zone_id, m.joined, m.status,
    m.notes, m.national_id_valid, m.needs_review, c.name, coalesce(b.shares, 0)";

const MEMBER_FROM: &str = "FROM members m JOIN communities c ON c.id = m.community_id
    LEFT JOIN share_balances b ON b.member_id = m.id";

fn member_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Member> {
    let status: String = row.get(19)?;
    Ok(Member {
        id: row.get(0)?,
        details: MemberDetails {
            member_no: row.get(1)?,
            title: row.get(2)?,
            first_name: row.get(3)?,
            last_name: row.get(4)?,
            national_id: row.get(5)?,
            phone: row.get(6)?,
            address: Address {
                house_no: row.get(7)?,
                moo: row.get(8)?,
                soi: row.get(9)?,
                road: row.get(10)?,
                subdistrict: row.get(11)?,
                district: row.get(12)?,
                province: row.get(13)?,
                postcode: row.get(14)?,
                text: row.get(15)?,
            },
            community_id: row.get(16)?,
            zone_id: row.get(17)?,
            joined: row.get(18)?,
            status: Status::parse(&status).unwrap_or_default(),
            notes: row.get(20)?,
        },
        national_id_valid: row.get(21)?,
        needs_review: row.get(22)?,
        community: row.get(23)?,
        shares: row.get(24)?,
    })
}

/// Looks a member up by member number.
///
/// Fails with `member_no_missing` for an empty number and `not_found` for
/// a number no member has.
pub fn get(conn: &Connection, member_no: &str) -> Result<Member> {
    if normalize_member_no(member_no).is_empty() {
        return Err(Error::rule(
            "member_no_missing",
            "the member number is missing; give the member's number",
        ));
    }
    let sql = format!("SELECT {MEMBER_COLUMNS} {MEMBER_FROM} WHERE m.member_no = ?1");
    conn.query_row(&sql, [normalize_member_no(member_no)], member_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "member",
            key: member_no.to_string(),
        })
}

/// Looks a member up by row id.
pub fn get_by_id(conn: &Connection, id: i64) -> Result<Member> {
    let sql = format!("SELECT {MEMBER_COLUMNS} {MEMBER_FROM} WHERE m.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], member_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "member",
            key: id.to_string(),
        })
}

/// Lists every member in member-number order.
pub fn list(conn: &Connection) -> Result<Vec<Member>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} {MEMBER_FROM} ORDER BY m.member_no");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], member_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds the row id of a member number.
pub fn id_of(conn: &Connection, member_no: &str) -> Result<Option<i64>> {
    let id = conn
        .prepare_cached("SELECT id FROM members WHERE member_no = ?1")?
        .query_row([normalize_member_no(member_no)], |row| row.get(0))
        .optional()?;
    Ok(id)
}

/// Finds the member number that holds a national ID.
pub fn holder_of_national_id(conn: &Connection, national_id: &str) -> Result<Option<String>> {
    let holder = conn
        .prepare_cached("SELECT member_no FROM members WHERE national_id = ?1")?
        .query_row([national_id], |row| row.get(0))
        .optional()?;
    Ok(holder)
}

/// Adds a member and returns the new row id.
///
/// Fails when the member number or the national ID is already taken. A
/// national ID with a wrong check digit is stored as written and the member
/// is flagged for review.
pub fn insert(conn: &Connection, ctx: &Context, details: &MemberDetails) -> Result<i64> {
    let id = insert_unaudited(conn, ctx, details)?;
    audit::record(
        conn,
        ctx,
        Change::insert("members", &details.member_no, details),
    )?;
    Ok(id)
}

/// Adds a member without an audit entry of its own, for an import that
/// records itself in the audit log as a whole and links each member it
/// adds to its `imports` row.
pub(crate) fn insert_unaudited(
    conn: &Connection,
    ctx: &Context,
    details: &MemberDetails,
) -> Result<i64> {
    let details = validated(conn, details, None)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO members (member_no, title, first_name, last_name, national_id,
            national_id_valid, needs_review, phone, house_no, moo, soi, road, subdistrict,
            district, province, postcode, address_text, community_id, zone_id, joined, status,
            notes, name_sort_key, created_at, updated_at)
         VALUES (:member_no, :title, :first_name, :last_name, :national_id, :valid,
            :needs_review, :phone, :house_no, :moo, :soi, :road, :subdistrict, :district,
            :province, :postcode, :address_text, :community_id, :zone_id, :joined, :status,
            :notes, :name_sort_key, :stamp, :stamp)",
    )?;
    execute_with_details(&mut stmt, &details, ctx.timestamp(), None)?;
    let id = conn.last_insert_rowid();
    search::index(conn, id, &details, true)?;
    Ok(id)
}

/// Replaces a member's details, recording the old and new values in the
/// audit log. Changing the member number is allowed when the new one is
/// free.
pub fn update(conn: &Connection, ctx: &Context, id: i64, details: &MemberDetails) -> Result<()> {
    let old = get_by_id(conn, id)?;
    let details = validated(conn, details, Some(id))?;
    if details == old.details {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "UPDATE members SET member_no = :member_no, title = :title, first_name = :first_name,
            last_name = :last_name, national_id = :national_id, national_id_valid = :valid,
            needs_review = :needs_review, phone = :phone, house_no = :house_no, moo = :moo,
            soi = :soi, road = :road, subdistrict = :subdistrict, district = :district,
            province = :province, postcode = :postcode, address_text = :address_text,
            community_id = :community_id, zone_id = :zone_id, joined = :joined,
            status = :status, notes = :notes, name_sort_key = :name_sort_key,
            updated_at = :stamp
         WHERE id = :id",
    )?;
    execute_with_details(&mut stmt, &details, ctx.timestamp(), Some(id))?;
    search::index(conn, id, &details, false)?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "members",
            record_id: details.member_no.clone(),
            old: serde_json::to_value(&old.details).ok(),
            new: serde_json::to_value(&details).ok(),
        },
    )
}

/// Returns the next free member number for a community: its code followed
/// by a running number of at least three digits ("BY001").
pub fn next_member_no(conn: &Connection, community_code: &str) -> Result<String> {
    let highest = highest_running_number(conn, community_code)?;
    Ok(format_member_no(community_code, highest + 1))
}

/// The highest running number among the member numbers that start with
/// `community_code`, or 0 when there are none.
pub fn highest_running_number(conn: &Connection, community_code: &str) -> Result<u64> {
    let mut stmt = conn.prepare_cached("SELECT member_no FROM members WHERE member_no LIKE ?1")?;
    let pattern = format!("{}%", community_code.replace('%', ""));
    let highest = stmt
        .query_map([pattern], |row| row.get::<_, String>(0))?
        .filter_map(|no| no.ok()?.strip_prefix(community_code)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    Ok(highest)
}

/// Writes a member number from a community code and a running number.
pub fn format_member_no(community_code: &str, number: u64) -> String {
    format!("{community_code}{number:03}")
}

fn validated(
    conn: &Connection,
    details: &MemberDetails,
    own_id: Option<i64>,
) -> Result<MemberDetails> {
    let mut details = details.clone();
    details.member_no = normalize_member_no(&details.member_no);
    details.first_name = details.first_name.trim().to_string();
    if details.member_no.is_empty() {
        return Err(Error::rule("member_no_missing", "member number is empty"));
    }
    if details.first_name.is_empty() {
        return Err(Error::rule(
            "first_name_missing",
            format!("member {} has no first name", details.member_no),
        ));
    }
    if let Some(other) = id_of(conn, &details.member_no)?.filter(|id| Some(*id) != own_id) {
        return Err(Error::rule(
            "member_no_taken",
            format!(
                "member number {} already exists (row id {other})",
                details.member_no
            ),
        ));
    }
    if let Some(id) = &details.national_id {
        if let Some(holder) = holder_of_national_id(conn, id)? {
            if Some(holder.as_str()) != own_member_no(conn, own_id)?.as_deref() {
                return Err(Error::rule(
                    "national_id_taken",
                    format!("national ID {id} already belongs to {holder}"),
                ));
            }
        }
    }
    Ok(details)
}

fn own_member_no(conn: &Connection, own_id: Option<i64>) -> Result<Option<String>> {
    match own_id {
        Some(id) => Ok(Some(get_by_id(conn, id)?.details.member_no)),
        None => Ok(None),
    }
}

/// Runs an insert or update of `members` whose named parameters are the
/// member's columns, `:stamp`, and for an update `:id`.
fn execute_with_details(
    stmt: &mut rusqlite::CachedStatement<'_>,
    details: &MemberDetails,
    stamp: &str,
    id: Option<i64>,
) -> Result<()> {
    use rusqlite::ToSql;
    let valid = id_is_valid(details);
    let needs_review = !valid;
    let status = details.status.as_str();
    let sort_key = name_sort_key(details);
    let address = &details.address;
    let mut params: Vec<(&str, &dyn ToSql)> = vec![
        (":member_no", &details.member_no),
        (":title", &details.title),
        (":first_name", &details.first_name),
        (":last_name", &details.last_name),
        (":national_id", &details.national_id),
        (":valid", &valid),
        (":needs_review", &needs_review),
        (":phone", &details.phone),
        (":house_no", &address.house_no),
        (":moo", &address.moo),
        (":soi", &address.soi),
        (":road", &address.road),
        (":subdistrict", &address.subdistrict),
        (":district", &address.district),
        (":province", &address.province),
        (":postcode", &address.postcode),
        (":address_text", &address.text),
        (":community_id", &details.community_id),
        (":zone_id", &details.zone_id),
        (":joined", &details.joined),
        (":status", &status),
        (":notes", &details.notes),
        (":name_sort_key", &sort_key),
        (":stamp", &stamp),
    ];
    if let Some(id) = &id {
        params.push((":id", id));
    }
    stmt.execute(params.as_slice())?;
    Ok(())
}

fn id_is_valid(details: &MemberDetails) -> bool {
    details
        .national_id
        .as_deref()
        .is_none_or(crate::thai::national_id::is_valid)
}

fn name_sort_key(details: &MemberDetails) -> Vec<u8> {
    let name = format!("{} {}", details.first_name, details.last_name);
    crate::thai::collation::sort_key(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{context, date};

    fn somchai(community_id: i64) -> MemberDetails {
        MemberDetails {
            member_no: "BY001".into(),
            title: "นาย".into(),
            first_name: "สมชาย".into(),
            last_name: "ใจดี".into(),
            national_id: Some("6072791878903".into()),
            phone: Some("081-234-5678".into()),
            community_id,
            joined: Some(date(2022, 7, 6)),
            ..MemberDetails::default()
        }
    }

    #[test]
    fn insert_then_get_round_trips() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;

        insert(&conn, &ctx, &somchai(community.id))?;
        let member = get(&conn, "BY001")?;

        assert_eq!(member.details, somchai(community.id));
        assert_eq!(member.full_name(), "นายสมชาย ใจดี");
        assert!(
            member.national_id_valid,
            "6072791878903 has a right check digit"
        );
        assert_eq!(member.community, "บ่อยาง");
        Ok(())
    }

    #[test]
    fn wrong_check_digit_is_kept_and_flagged() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let mut details = somchai(community.id);
        details.national_id = Some("5024705772206".into());

        insert(&conn, &ctx, &details)?;
        let member = get(&conn, "BY001")?;

        assert_eq!(member.details.national_id.as_deref(), Some("5024705772206"));
        assert!(!member.national_id_valid);
        assert!(member.needs_review);
        Ok(())
    }

    #[test]
    fn national_id_of_another_member_is_rejected() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        insert(&conn, &ctx, &somchai(community.id))?;
        let mut second = somchai(community.id);
        second.member_no = "BY002".into();

        let result = insert(&conn, &ctx, &second);

        assert_eq!(result.err().map(|e| e.code()), Some("national_id_taken"));
        Ok(())
    }

    #[test]
    fn update_is_audited() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let id = insert(&conn, &ctx, &somchai(community.id))?;
        let mut changed = somchai(community.id);
        changed.phone = Some("089-999-9999".into());

        update(&conn, &ctx, id, &changed)?;

        let history = audit::history(&conn, "members", "BY001")?;
        assert_eq!(history.len(), 2, "one insert and one update");
        assert_eq!(history[1].action, "update");
        assert_eq!(
            history[1].old.as_ref().map(|v| v["phone"].clone()),
            Some("081-234-5678".into())
        );
        assert_eq!(
            history[1].new.as_ref().map(|v| v["phone"].clone()),
            Some("089-999-9999".into())
        );
        assert_eq!(history[1].operator, "test");
        Ok(())
    }

    #[test]
    fn next_member_no_follows_highest() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        assert_eq!(next_member_no(&conn, "BY")?, "BY001");

        let mut details = somchai(community.id);
        details.member_no = "BY041".into();
        insert(&conn, &ctx, &details)?;

        assert_eq!(next_member_no(&conn, "BY")?, "BY042");
        Ok(())
    }
}
