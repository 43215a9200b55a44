//! Member search by any part of a name, member number, national ID or
//! phone number.
//!
//! Thai is written without spaces between words, so a word tokenizer finds
//! nothing inside "สมชายใจดี". Each member's searchable text is indexed in an
//! FTS5 table with the trigram tokenizer, which matches any substring of
//! three or more characters. Query terms shorter than three characters
//! ("ใจ") cannot use a trigram index and fall back to a `LIKE` scan of a
//! plain copy of the same text.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::MemberDetails;
use crate::Result;

/// The order of a member list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// By member number.
    #[default]
    MemberNo,
    /// By first and last name in Thai dictionary order.
    Name,
}

/// A page of a member search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Words to find; every word must occur in the member's name, member
    /// number, national ID or phone. Empty lists everyone.
    pub text: String,
    /// Only members of this community.
    pub community_id: Option<i64>,
    /// Order of the results.
    pub sort: SortOrder,
    /// Number of matching rows to skip.
    pub offset: u32,
    /// Maximum number of rows to return.
    pub limit: u32,
}

/// One member in a search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    /// Row id.
    pub id: i64,
    /// Member number.
    pub member_no: String,
    /// Title.
    pub title: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// National ID as stored.
    pub national_id: Option<String>,
    /// Whether the national ID's check digit is right.
    pub national_id_valid: bool,
    /// Whether the record is flagged for review.
    pub needs_review: bool,
    /// Phone number.
    pub phone: Option<String>,
    /// Date joined.
    pub joined: Option<NaiveDate>,
    /// Community name.
    pub community: String,
    /// Membership status.
    pub status: String,
    /// Current share balance.
    pub shares: i64,
}

/// A page of results and the number of all matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchPage {
    /// Number of members matching the query, on every page.
    pub total: u64,
    /// The rows of this page.
    pub rows: Vec<MemberRow>,
}

/// Finds members matching `query`, one page at a time.
pub fn search(conn: &Connection, query: &SearchQuery) -> Result<SearchPage> {
    let (filter, mut params) = filter_clause(query);
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM members m {filter}"))?
        .query_row(rusqlite::params_from_iter(params.iter()), |row| row.get(0))?;
    let order = match query.sort {
        SortOrder::MemberNo => "m.member_no",
        SortOrder::Name => "m.name_sort_key, m.member_no",
    };
    let sql = format!(
        "SELECT m.id, m.member_no, m.title, m.first_name, m.last_name, m.national_id,
                m.national_id_valid, m.needs_review, m.phone, m.joined, c.name, m.status,
                coalesce(b.shares, 0)
         FROM members m JOIN communities c ON c.id = m.community_id
         LEFT JOIN share_balances b ON b.member_id = m.id
         {filter} ORDER BY {order} LIMIT ? OFFSET ?"
    );
    params.push(Value::Integer(i64::from(query.limit)));
    params.push(Value::Integer(i64::from(query.offset)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), row_from_sql)?;
    Ok(SearchPage {
        total: total as u64,
        rows: rows.collect::<rusqlite::Result<_>>()?,
    })
}

fn row_from_sql(row: &rusqlite::Row<'_>) -> rusqlite::Result<MemberRow> {
    Ok(MemberRow {
        id: row.get(0)?,
        member_no: row.get(1)?,
        title: row.get(2)?,
        first_name: row.get(3)?,
        last_name: row.get(4)?,
        national_id: row.get(5)?,
        national_id_valid: row.get(6)?,
        needs_review: row.get(7)?,
        phone: row.get(8)?,
        joined: row.get(9)?,
        community: row.get(10)?,
        status: row.get(11)?,
        shares: row.get(12)?,
    })
}

/// Builds the `WHERE` clause and its parameters: one condition per query
/// term, through the trigram index for terms of three or more characters.
fn filter_clause(query: &SearchQuery) -> (String, Vec<Value>) {
    let mut conditions = Vec::new();
    let mut params = Vec::new();
    for term in terms(&query.text) {
        if term.chars().count() >= 3 {
            conditions.push("m.id IN (SELECT rowid FROM member_search WHERE text MATCH ?)");
            params.push(Value::Text(format!("\"{}\"", term.replace('"', "\"\""))));
        } else {
            conditions.push(
                "m.id IN (SELECT member_id FROM member_search_text WHERE text LIKE ? ESCAPE '\\')",
            );
            let escaped = term
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            params.push(Value::Text(format!("%{escaped}%")));
        }
    }
    if let Some(community_id) = query.community_id {
        conditions.push("m.community_id = ?");
        params.push(Value::Integer(community_id));
    }
    if conditions.is_empty() {
        return (String::new(), params);
    }
    (format!("WHERE {}", conditions.join(" AND ")), params)
}

/// Splits a query into normalised terms. Thai digits become Arabic and a
/// term made of digits and dashes loses its dashes, so that "081-234" finds
/// the phone 0812345678 and an ID typed with dashes finds the stored digits.
fn terms(text: &str) -> Vec<String> {
    let text = crate::thai::digits::to_arabic(&text.replace('\u{200b}', ""));
    text.split_whitespace()
        .map(|term| {
            let digits_only = term.chars().all(|c| c.is_ascii_digit() || c == '-');
            let term = if digits_only {
                term.replace('-', "")
            } else {
                term.to_string()
            };
            term.to_lowercase()
        })
        .filter(|term| !term.is_empty())
        .collect()
}

/// The text a member is found by: member number, title and names written
/// both with and without the space between them, national ID, and the
/// phone number's digits.
fn searchable_text(details: &MemberDetails) -> String {
    let phone: String = details
        .phone
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!(
        "{} {}{} {} {}{} {} {}",
        details.member_no,
        details.title,
        details.first_name,
        details.last_name,
        details.first_name,
        details.last_name,
        details.national_id.as_deref().unwrap_or(""),
        phone,
    )
    .to_lowercase()
}

/// Writes (or, for a member already indexed, rewrites) a member's entry
/// in both search tables.
pub(super) fn index(
    conn: &Connection,
    member_id: i64,
    details: &MemberDetails,
    new: bool,
) -> Result<()> {
    let text = searchable_text(details);
    if !new {
        conn.prepare_cached("DELETE FROM member_search WHERE rowid = ?1")?
            .execute([member_id])?;
    }
    conn.prepare_cached("INSERT INTO member_search (rowid, text) VALUES (?1, ?2)")?
        .execute((member_id, &text))?;
    conn.prepare_cached(
        "INSERT INTO member_search_text (member_id, text) VALUES (?1, ?2)
         ON CONFLICT (member_id) DO UPDATE SET text = excluded.text",
    )?
    .execute((member_id, &text))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::{ensure_community, insert};
    use crate::test_support::context;

    fn register(conn: &Connection) -> Result<()> {
        let ctx = context();
        let community = ensure_community(conn, &ctx, "บ่อยาง", Some("BY"))?;
        let people = [
            (
                "BY001",
                "สมชาย",
                "ใจดี",
                Some("1699688603824"),
                "081-482-6718",
            ),
            ("BY002", "กิ่งแก้ว", "ที่พึ่ง", None, "063-680-6431"),
            (
                "BY003",
                "ยุพิน",
                "แก้วมณี",
                Some("6529227987783"),
                "086-232-2258",
            ),
        ];
        for (no, first, last, id, phone) in people {
            let details = MemberDetails {
                member_no: no.into(),
                title: "นาง".into(),
                first_name: first.into(),
                last_name: last.into(),
                national_id: id.map(str::to_string),
                phone: Some(phone.into()),
                community_id: community.id,
                ..MemberDetails::default()
            };
            insert(conn, &ctx, &details)?;
        }
        Ok(())
    }

    fn found(conn: &Connection, text: &str) -> Result<Vec<String>> {
        let query = SearchQuery {
            text: text.into(),
            limit: 100,
            ..SearchQuery::default()
        };
        Ok(search(conn, &query)?
            .rows
            .into_iter()
            .map(|r| r.member_no)
            .collect())
    }

    #[test]
    fn finds_thai_substrings() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        register(&conn)?;

        assert_eq!(
            found(&conn, "ชายใจ")?,
            ["BY001"],
            "substring across first and last name"
        );
        assert_eq!(
            found(&conn, "แก้ว")?,
            ["BY002", "BY003"],
            "inside a first and a last name"
        );
        assert_eq!(
            found(&conn, "ใจ")?,
            ["BY001"],
            "two-character term uses the fallback"
        );
        assert_eq!(
            found(&conn, "สมชาย ใจดี")?,
            ["BY001"],
            "every term must match"
        );
        Ok(())
    }

    #[test]
    fn finds_numbers_ids_and_phones() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        register(&conn)?;

        assert_eq!(
            found(&conn, "by003")?,
            ["BY003"],
            "member number in any case"
        );
        assert_eq!(
            found(&conn, "1-6996-88603-82-4")?,
            ["BY001"],
            "ID typed with dashes"
        );
        assert_eq!(found(&conn, "๐๖๓๖๘๐")?, ["BY002"], "phone in Thai digits");
        assert_eq!(found(&conn, "0814")?, ["BY001"], "start of a phone number");
        assert!(
            found(&conn, "ไม่มีใคร")?.is_empty(),
            "no match returns nothing"
        );
        Ok(())
    }

    #[test]
    fn pages_and_totals() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        register(&conn)?;
        let query = SearchQuery {
            offset: 1,
            limit: 1,
            ..SearchQuery::default()
        };

        let page = search(&conn, &query)?;

        assert_eq!(page.total, 3);
        assert_eq!(page.rows.len(), 1);
        assert_eq!(page.rows[0].member_no, "BY002");
        Ok(())
    }

    #[test]
    fn name_order_is_thai() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        register(&conn)?;
        let query = SearchQuery {
            sort: SortOrder::Name,
            limit: 10,
            ..SearchQuery::default()
        };

        let names: Vec<String> = search(&conn, &query)?
            .rows
            .into_iter()
            .map(|r| r.first_name)
            .collect();

        assert_eq!(names, ["กิ่งแก้ว", "ยุพิน", "สมชาย"]);
        Ok(())
    }
}
