//! The equipment register as the screens see it: items, the fields staff
//! edit, photos, each item's history, and the report request.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::exchange as core;
use chumchon::Satang;

use super::{
    parse_date, parse_optional_date, Category, EventKind, ItemStatus, Loan, Post, Reservation,
    Tracking,
};
use crate::error::AppResult;

/// An item of a community's register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EquipmentItem {
    /// Row id.
    pub id: i64,
    /// Owning community.
    pub community_id: i64,
    /// Owning community's name.
    pub community: String,
    /// The office's own number for the item.
    pub code: Option<String>,
    /// Name.
    pub name: String,
    /// Category.
    pub category: Category,
    /// One piece or counted stock.
    pub tracking: Tracking,
    /// Number of pieces.
    pub quantity: i64,
    /// Pieces out on loan now.
    pub on_loan: i64,
    /// Pieces that can go out on loan now.
    pub lendable: i64,
    /// Condition as staff describe it.
    pub condition: Option<String>,
    /// Storage place.
    pub location: Option<String>,
    /// Value of one piece, in satang.
    pub unit_value: i64,
    /// Value of all its pieces, in satang.
    pub total_value: i64,
    /// Status.
    pub status: ItemStatus,
    /// Missing part, when part missing.
    pub missing: Option<String>,
    /// Date it was acquired, ISO CE.
    pub acquired: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// Number of photos.
    pub photos: i64,
}

impl From<core::Item> for EquipmentItem {
    fn from(item: core::Item) -> EquipmentItem {
        EquipmentItem {
            lendable: item.lendable(),
            total_value: item.total_value().satang(),
            id: item.id,
            community_id: item.community_id,
            community: item.community,
            code: item.code,
            name: item.name,
            category: item.category.into(),
            tracking: item.tracking.into(),
            quantity: item.quantity,
            on_loan: item.on_loan,
            condition: item.condition,
            location: item.location,
            unit_value: item.unit_value.satang(),
            status: item.status.into(),
            missing: item.missing,
            acquired: item.acquired.map(|d| d.to_string()),
            note: item.note,
            photos: item.photos,
        }
    }
}

/// Filter of the item list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct ItemQuery {
    /// Only this community's items.
    pub community_id: Option<i64>,
    /// Only items with this status.
    pub status: Option<ItemStatus>,
    /// Whether retired items are listed when no status is given.
    pub include_retired: bool,
}

impl From<ItemQuery> for core::ItemFilter {
    fn from(query: ItemQuery) -> core::ItemFilter {
        core::ItemFilter {
            community_id: query.community_id,
            status: query.status.map(Into::into),
            include_retired: query.include_retired,
        }
    }
}

/// The fields of an item that staff edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemFields {
    /// The office's own number for the item.
    pub code: Option<String>,
    /// Name, such as "หม้อหุงข้าวไฟฟ้า 10 ลิตร".
    pub name: String,
    /// Category; `None` lets the core guess it from the name.
    pub category: Option<Category>,
    /// One piece or counted stock.
    pub tracking: Tracking,
    /// Number of pieces; 1 for a unit.
    pub quantity: i64,
    /// Condition as staff describe it.
    pub condition: Option<String>,
    /// Storage place.
    pub location: Option<String>,
    /// Value of one piece, in satang.
    pub unit_value: i64,
    /// Date it was acquired, ISO CE.
    pub acquired: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
}

impl ItemFields {
    /// Converts the fields into the core's item details. Fails with
    /// `invalid_date` when the acquisition date is not an ISO date.
    pub fn into_core(self) -> AppResult<core::ItemDetails> {
        Ok(core::ItemDetails {
            acquired: parse_optional_date(self.acquired.as_deref())?,
            code: self.code,
            name: self.name,
            category: self.category.map(Into::into),
            tracking: self.tracking.into(),
            quantity: self.quantity,
            condition: self.condition,
            location: self.location,
            unit_value: Satang(self.unit_value),
            note: self.note,
        })
    }
}

/// An item to add to a community's register.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewEquipmentItem {
    /// Owning community.
    pub community_id: i64,
    /// Its fields.
    pub fields: ItemFields,
    /// Status; anything but `lent`.
    pub status: ItemStatus,
    /// Missing part, required with `part_missing`.
    pub missing: Option<String>,
}

impl NewEquipmentItem {
    /// Converts the form into the core's new item. Fails as
    /// [`ItemFields::into_core`] does.
    pub fn into_core(self) -> AppResult<core::NewItem> {
        Ok(core::NewItem {
            community_id: self.community_id,
            details: self.fields.into_core()?,
            status: self.status.into(),
            missing: self.missing,
        })
    }
}

/// A photo of an item, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Photo {
    /// Row id.
    pub id: i64,
    /// The item.
    pub item_id: i64,
    /// File name it was added from.
    pub file_name: String,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Local date and time it was added.
    pub added_at: String,
}

impl From<core::PhotoInfo> for Photo {
    fn from(p: core::PhotoInfo) -> Photo {
        Photo {
            id: p.id,
            item_id: p.item_id,
            file_name: p.file_name,
            media_type: p.media_type,
            size: p.size,
            added_at: p.added_at,
        }
    }
}

/// One event in an item's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HistoryEvent {
    /// Row id.
    pub id: i64,
    /// Date the event took effect, ISO CE.
    pub date: String,
    /// Kind of event.
    pub kind: EventKind,
    /// The status set, for registrations and status changes.
    pub status: Option<ItemStatus>,
    /// The missing part, with a part-missing status.
    pub missing: Option<String>,
    /// The other community: borrower, receiver or sender.
    pub community: Option<String>,
    /// The borrowing member's number.
    pub member_no: Option<String>,
    /// Pieces involved.
    pub quantity: Option<i64>,
    /// The loan involved.
    pub loan_id: Option<i64>,
    /// The transfer involved.
    pub transfer_id: Option<i64>,
    /// Note, such as the condition at a return.
    pub note: Option<String>,
    /// Operator who recorded it.
    pub operator: String,
    /// Local date and time it was recorded.
    pub recorded_at: String,
}

impl From<core::Event> for HistoryEvent {
    fn from(e: core::Event) -> HistoryEvent {
        HistoryEvent {
            id: e.id,
            date: e.date.to_string(),
            kind: e.kind.into(),
            status: e.status.map(Into::into),
            missing: e.missing,
            community: e.community,
            member_no: e.member_no,
            quantity: e.quantity,
            loan_id: e.loan_id,
            transfer_id: e.transfer_id,
            note: e.note,
            operator: e.operator,
            recorded_at: e.recorded_at,
        }
    }
}

/// Everything the item panel shows about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ItemRecord {
    /// The item.
    pub item: EquipmentItem,
    /// Its photos, in the order they were added.
    pub photos: Vec<Photo>,
    /// Its history, oldest first.
    pub history: Vec<HistoryEvent>,
    /// Its loans, by out date.
    pub loans: Vec<Loan>,
    /// Its active reservations, by first day.
    pub reservations: Vec<Reservation>,
    /// The open or matched need its missing part raised.
    pub need: Option<Post>,
}

/// The period, date and file of an exchange report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ReportRequest {
    /// Date of the holdings and the overdue list, ISO CE.
    pub as_of: String,
    /// First day of the utilisation period, ISO CE.
    pub from: String,
    /// Last day of the utilisation period, ISO CE.
    pub to: String,
    /// The file to write; `.xlsx` or `.pdf` picks the format.
    pub path: String,
}

impl ReportRequest {
    /// Parses the three dates, as `(as_of, from, to)`.
    pub fn dates(&self) -> AppResult<(chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate)> {
        Ok((
            parse_date(&self.as_of)?,
            parse_date(&self.from)?,
            parse_date(&self.to)?,
        ))
    }
}
