//! Data shapes of the members screen: communities, the member list, one
//! member's record and share history.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
            national_id: d.national_id,
            national_id_valid: m.national_id_valid,
            needs_review: m.needs_review,
            phone: d.phone,
            address: chumchon::import::members::address_line(&d.address),
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
            note: t.note,
            balance: line.balance,
        }
    }
}
