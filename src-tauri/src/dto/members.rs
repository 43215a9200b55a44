//! Data shapes of the members screen: communities, the member list, one
//! member's record and share history.

use chumchon::members::{Address, MemberDetails, Status};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, AppResult};

/// A community with its member count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Community {
    /// Row id.
    pub id: i64,
    /// Short code that prefixes member numbers.
    pub code: String,
    /// Thai name.
    pub name: String,
    /// Number of members.
    pub members: i64,
}

impl From<chumchon::members::CommunitySummary> for Community {
    fn from(summary: chumchon::members::CommunitySummary) -> Community {
        let c = summary.community;
        Community {
            id: c.id,
            code: c.code,
            name: c.name,
            members: summary.members,
        }
    }
}

/// Order of the member list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MemberSort {
    /// By member number.
    #[default]
    MemberNo,
    /// By Thai name, in Thai dictionary order.
    Name,
}

/// One page of a member search.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MemberQuery {
    /// Any part of a name, member number, national ID or phone; empty lists
    /// everyone.
    pub text: String,
    /// Only members of this community.
    pub community_id: Option<i64>,
    /// Order of the results.
    pub sort: MemberSort,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return.
    pub limit: u32,
}

impl From<MemberQuery> for chumchon::members::SearchQuery {
    fn from(q: MemberQuery) -> chumchon::members::SearchQuery {
        let sort = match q.sort {
            MemberSort::MemberNo => chumchon::members::SortOrder::MemberNo,
            MemberSort::Name => chumchon::members::SortOrder::Name,
        };
        chumchon::members::SearchQuery {
            text: q.text,
            community_id: q.community_id,
            sort,
            offset: q.offset,
            limit: q.limit,
        }
    }
}

/// One member in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemberRow {
    /// Row id.
    pub id: i64,
    /// Member number.
    pub member_no: String,
    /// Title, first and last name, as printed.
    pub name: String,
    /// National ID as stored.
    pub national_id: Option<String>,
    /// Whether the national ID's check digit is right.
    pub national_id_valid: bool,
    /// Whether the record is flagged for review.
    pub needs_review: bool,
    /// Phone number.
    pub phone: Option<String>,
    /// Date joined, ISO CE.
    pub joined: Option<String>,
    /// Community name.
    pub community: String,
    /// `active`, `resigned` or `deceased`.
    pub status: String,
    /// Current share balance.
    pub shares: i64,
}

impl From<chumchon::members::MemberRow> for MemberRow {
    fn from(r: chumchon::members::MemberRow) -> MemberRow {
        MemberRow {
            id: r.id,
            name: chumchon::members::full_name(&r.title, &r.first_name, &r.last_name),
            member_no: r.member_no,
            national_id: r.national_id,
            national_id_valid: r.national_id_valid,
            needs_review: r.needs_review,
            phone: r.phone,
            joined: r.joined.map(|d| d.to_string()),
            community: r.community,
            status: r.status,
            shares: r.shares,
        }
    }
}

/// A page of members and the number of all matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemberPage {
    /// Members matching the query.
    pub total: u64,
    /// This page.
    pub rows: Vec<MemberRow>,
}

impl From<chumchon::members::SearchPage> for MemberPage {
    fn from(page: chumchon::members::SearchPage) -> MemberPage {
        MemberPage {
            total: page.total,
            rows: page.rows.into_iter().map(Into::into).collect(),
        }
    }
}

/// A member's record, for the detail view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemberDetail {
    /// Row id.
    pub id: i64,
    /// Member number.
    pub member_no: String,
    /// Title, first and last name, as printed.
    pub name: String,
    /// Title such as นาย, นาง, นางสาว.
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
    /// Address parts joined the Thai way, or the legacy one-line address.
    pub address: String,
    /// The address's parts, for editing.
    pub address_parts: AddressParts,
    /// Community name.
    pub community: String,
    /// Date joined, ISO CE.
    pub joined: Option<String>,
    /// `active`, `resigned` or `deceased`.
    pub status: String,
    /// Notes.
    pub notes: Option<String>,
    /// Current share balance.
    pub shares: i64,
}

impl From<chumchon::members::Member> for MemberDetail {
    fn from(m: chumchon::members::Member) -> MemberDetail {
        let name = m.full_name();
        let d = m.details;
        MemberDetail {
            id: m.id,
            member_no: d.member_no,
            name,
            title: d.title,
            first_name: d.first_name,
            last_name: d.last_name,
            national_id: d.national_id,
            national_id_valid: m.national_id_valid,
            needs_review: m.needs_review,
            phone: d.phone,
            address: chumchon::import::members::address_line(&d.address),
            address_parts: d.address.into(),
            community: m.community,
            joined: d.joined.map(|date| date.to_string()),
            status: d.status.as_str().to_string(),
            notes: d.notes,
            shares: m.shares,
        }
    }
}

/// One line of a member's share history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ShareLine {
    /// Transaction id.
    pub id: i64,
    /// Effective date, ISO CE.
    pub date: String,
    /// `opening`, `purchase`, `withdrawal` or `transfer`.
    pub kind: String,
    /// Change to the balance: negative for shares leaving.
    pub delta: i64,
    /// Money involved, in satang.
    pub amount: i64,
    /// Receipt number.
    pub receipt_no: Option<String>,
    /// The other member of a transfer, by member number.
    pub counterparty: Option<String>,
    /// Whether this line reverses an earlier one.
    pub reversal: bool,
    /// Whether a later line reversed this one.
    pub reversed: bool,
    /// Whether this is a register's opening balance that a later import
    /// replaced, or the reversal that replaced it: bookkeeping that the
    /// member's statement leaves out.
    pub superseded_register: bool,
    /// Note.
    pub note: Option<String>,
    /// Balance after this line.
    pub balance: i64,
}

impl From<chumchon::shares::HistoryLine> for ShareLine {
    fn from(line: chumchon::shares::HistoryLine) -> ShareLine {
        let t = line.transaction;
        ShareLine {
            id: t.id,
            date: t.date.to_string(),
            kind: t.kind.as_str().to_string(),
            delta: line.delta,
            amount: t.amount.satang(),
            receipt_no: t.receipt_no,
            counterparty: line.counterparty,
            reversal: t.reverses_id.is_some(),
            reversed: line.reversed,
            superseded_register: line.superseded_register,
            note: t.note,
            balance: line.balance,
        }
    }
}

/// The parts of a Thai postal address; an empty part is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddressParts {
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
    /// A legacy one-line address that could not be split into parts.
    pub text: Option<String>,
}

impl From<Address> for AddressParts {
    fn from(a: Address) -> AddressParts {
        AddressParts {
            house_no: a.house_no,
            moo: a.moo,
            soi: a.soi,
            road: a.road,
            subdistrict: a.subdistrict,
            district: a.district,
            province: a.province,
            postcode: a.postcode,
            text: a.text,
        }
    }
}

impl From<AddressParts> for Address {
    fn from(a: AddressParts) -> Address {
        Address {
            house_no: optional(a.house_no),
            moo: optional(a.moo),
            soi: optional(a.soi),
            road: optional(a.road),
            subdistrict: optional(a.subdistrict),
            district: optional(a.district),
            province: optional(a.province),
            postcode: optional(a.postcode),
            text: optional(a.text),
        }
    }
}

/// Trims text and turns an empty text into `None`.
fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// A member's details as typed in the edit form. The member number and
/// community stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MemberEdit {
    /// Title such as นาย, นาง, นางสาว.
    pub title: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// National ID as typed: dashes, spaces and Thai digits are accepted;
    /// empty for none.
    pub national_id: String,
    /// Phone number; empty for none.
    pub phone: String,
    /// The address's parts.
    pub address: AddressParts,
    /// Date joined as typed, Buddhist Era (`15/03/2567`); empty for none.
    pub joined: String,
    /// `active`, `resigned` or `deceased`.
    pub status: String,
    /// Notes; empty for none.
    pub notes: String,
}

impl MemberEdit {
    /// Applies the edit to a member's stored details. Fails with
    /// `invalid_national_id` when the ID is not 13 digits, with
    /// `invalid_date` or `nonexistent_date` when the join date cannot be
    /// read, and with `invalid_status` for an unknown status.
    pub fn apply(self, stored: &MemberDetails) -> AppResult<MemberDetails> {
        let national_id = match self.national_id.trim() {
            "" => None,
            typed => Some(
                chumchon::thai::national_id::normalize(typed).ok_or_else(|| {
                    AppError::new(
                        "invalid_national_id",
                        format!("national ID “{typed}” is not 13 digits"),
                    )
                    .with("text", typed)
                })?,
            ),
        };
        let joined = match self.joined.trim() {
            "" => None,
            typed => Some(chumchon::thai::date::parse_be_text(typed)?),
        };
        let status = Status::parse(&self.status).ok_or_else(|| {
            AppError::new(
                "invalid_status",
                format!("unknown status “{}”", self.status),
            )
        })?;
        Ok(MemberDetails {
            title: self.title.trim().to_string(),
            first_name: self.first_name.trim().to_string(),
            last_name: self.last_name.trim().to_string(),
            national_id,
            phone: optional(Some(self.phone)),
            address: self.address.into(),
            joined,
            status,
            notes: optional(Some(self.notes)),
            ..stored.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit() -> MemberEdit {
        MemberEdit {
            title: "นาง".to_string(),
            first_name: " เยาวลักษณ์ ".to_string(),
            last_name: "ฝั่งทะเล".to_string(),
            national_id: "1-1017-00230-70-8".to_string(),
            phone: "".to_string(),
            address: AddressParts {
                house_no: Some("166/14".to_string()),
                moo: Some(" ".to_string()),
                ..AddressParts::default()
            },
            joined: "๒๑/๐๘/๒๕๖๖".to_string(),
            status: "resigned".to_string(),
            notes: "".to_string(),
        }
    }

    fn stored() -> MemberDetails {
        MemberDetails {
            member_no: "BY008".to_string(),
            community_id: 3,
            zone_id: Some(7),
            phone: Some("096-783-3241".to_string()),
            ..MemberDetails::default()
        }
    }

    #[test]
    fn edit_reads_typed_values() -> AppResult<()> {
        let details = edit().apply(&stored())?;

        assert_eq!(details.first_name, "เยาวลักษณ์", "name trimmed");
        assert_eq!(
            details.national_id.as_deref(),
            Some("1101700230708"),
            "dashes removed"
        );
        assert_eq!(
            details.joined,
            chrono::NaiveDate::from_ymd_opt(2023, 8, 21),
            "Thai digits and the Buddhist Era read"
        );
        assert_eq!(details.status, Status::Resigned, "status");
        assert_eq!(details.phone, None, "an empty phone is none");
        assert_eq!(details.address.moo, None, "a blank part is none");
        Ok(())
    }

    #[test]
    fn edit_keeps_number_and_community() -> AppResult<()> {
        let details = edit().apply(&stored())?;

        assert_eq!(details.member_no, "BY008", "member number kept");
        assert_eq!(details.community_id, 3, "community kept");
        assert_eq!(details.zone_id, Some(7), "zone kept");
        Ok(())
    }

    #[test]
    fn edit_rejects_short_national_id() {
        let mut typed = edit();
        typed.national_id = "1-1017-00230-70".to_string();

        let result = typed.apply(&stored());

        assert_eq!(
            result.err().map(|e| e.code),
            Some("invalid_national_id".to_string()),
            "twelve digits are not an ID"
        );
    }

    #[test]
    fn edit_rejects_unreadable_join_date() {
        let mut typed = edit();
        typed.joined = "31/02/2567".to_string();

        let result = typed.apply(&stored());

        assert_eq!(
            result.err().map(|e| e.code),
            Some("nonexistent_date".to_string()),
            "February has no 31st"
        );
    }
}
