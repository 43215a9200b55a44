//! Data shapes of the equipment exchange's screens, with their TypeScript in
//! `ui/src/lib/ipc-exchange.ts`.
//!
//! The core's exchange types carry no TypeScript, so each one the screens
//! see has a twin here with a `From` conversion. [`register`] has the
//! register, photos and history, and [`lending`] the loans and
//! reservations. [`posts`] has needs, offers, matches and transfers,
//! [`money`] the money they moved, and [`import`] the equipment list
//! import. Dates cross as ISO CE text and
//! money as integer satang.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::exchange as core;

use super::typescript::TsModule;

pub mod import;
pub mod lending;
pub mod money;
pub mod posts;
pub mod register;

pub use import::{
    CommunityCount, EquipmentImportPreview, EquipmentImportRequest, EquipmentImportRow,
    UnknownCommunity,
};
pub use lending::{
    BorrowerInput, CheckIn, CheckOut, Loan, LoanQuery, Reservation, ReservationInput,
};
pub use money::{MoneyList, MoneyMovement, MoneyQuery, MoneyTotal};
pub use posts::{
    LoanTerms, Match, MatchQuery, Post, PostInput, PostQuery, Transfer, TransferInput,
    TransferTerms,
};
pub use register::{
    EquipmentItem, HistoryEvent, ItemFields, ItemQuery, ItemRecord, NewEquipmentItem, Photo,
    ReportRequest,
};

/// Declares an enum that mirrors one of the core's exchange enums, with the
/// same snake_case names and `From` both ways.
macro_rules! mirror_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident = $core:ident {
            $( $(#[$vmeta:meta])* $variant:ident, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl From<core::$core> for $name {
            fn from(value: core::$core) -> $name {
                match value {
                    $( core::$core::$variant => $name::$variant, )+
                }
            }
        }

        impl From<$name> for core::$core {
            fn from(value: $name) -> core::$core {
                match value {
                    $( $name::$variant => core::$core::$variant, )+
                }
            }
        }
    };
}

mirror_enum! {
    /// Kind of equipment. Needs and offers match within a category.
    pub enum Category = Category {
        /// Pots, rice cookers, tiffin carriers, stoves.
        Kitchen,
        /// Tents, tables, chairs.
        Furniture,
        /// Fans, sound systems, cables, lamps.
        Electrical,
        /// Scales.
        Weighing,
        /// Composting bins and waste bins.
        Waste,
        /// Carts, tricycles, bicycles.
        Vehicle,
        /// Hand and power tools, ladders.
        Tools,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// Whether an item is usable, out on loan, or out of use.
    pub enum ItemStatus = Status {
        /// In its place and usable.
        Available,
        /// Every piece is out on loan, a status that only lending sets.
        Lent,
        /// Being repaired.
        UnderRepair,
        /// Lacks a part, named in the item's `missing`.
        PartMissing,
        /// Out of use for good.
        Retired,
    }
}

mirror_enum! {
    /// Counting mode of an item.
    pub enum Tracking = Tracking {
        /// One piece, tracked on its own, so its quantity is 1.
        Unit,
        /// Identical pieces counted together and lent by number.
        Stock,
    }
}

mirror_enum! {
    /// Whether a post is a need or an offer.
    pub enum PostKind = PostKind {
        /// Something a community is looking for.
        Need,
        /// Something a community can give, sell or lend.
        Offer,
    }
}

mirror_enum! {
    /// Kind of offer.
    pub enum OfferKind = OfferKind {
        /// A used item to give away or sell.
        SecondHand,
        /// A spare part.
        SparePart,
        /// Something to lend.
        Lend,
    }
}

mirror_enum! {
    /// State of a need or offer.
    pub enum PostStatus = PostStatus {
        /// Waiting for a match.
        Open,
        /// A match was accepted and not carried out yet.
        Matched,
        /// The loan or transfer of its match was made.
        Fulfilled,
        /// Withdrawn, or no longer needed.
        Closed,
    }
}

mirror_enum! {
    /// State of a match.
    pub enum MatchStatus = MatchStatus {
        /// Proposed, waiting for staff (also after an undo).
        Proposed,
        /// Accepted by staff, not carried out yet.
        Accepted,
        /// Declined by staff, so not proposed again.
        Declined,
        /// Carried out by a loan or a transfer.
        Fulfilled,
    }
}

mirror_enum! {
    /// Whether a need and an offer name the same size or capacity.
    pub enum SizeFit = SizeFit {
        /// Both name a size of the same kind, and the sizes are equal.
        Same,
        /// Both name a size of the same kind, and the sizes differ.
        Different,
        /// At most one names a size, or they measure different things.
        Unknown,
    }
}

mirror_enum! {
    /// Cause of a money movement.
    pub enum MoneyKind = MoneyKind {
        /// The borrower left a deposit with the owner.
        LoanDeposit,
        /// The borrower paid a fee for the loan.
        LoanFee,
        /// The owner gave the deposit back at the return.
        DepositRefund,
        /// The owner kept part or all of the deposit.
        DepositKept,
        /// The buyer paid for equipment sold between communities.
        Sale,
    }
}

mirror_enum! {
    /// State of a reservation.
    pub enum ReservationStatus = ReservationStatus {
        /// Holding its pieces for its dates.
        Active,
        /// Cancelled before it was used.
        Cancelled,
        /// A loan was checked out for it.
        Fulfilled,
    }
}

mirror_enum! {
    /// Kind of event in an item's history.
    pub enum EventKind = EventKind {
        /// Added to a register.
        Registered,
        /// Details edited.
        Updated,
        /// Status changed.
        Status,
        /// Lent out.
        CheckedOut,
        /// Returned from a loan.
        CheckedIn,
        /// Reserved for future dates.
        Reserved,
        /// A reservation was cancelled.
        ReservationCancelled,
        /// Given or sold to another community.
        TransferredOut,
        /// Received from another community.
        TransferredIn,
        /// A transfer was reversed.
        TransferReversed,
        /// A photo was added.
        PhotoAdded,
        /// A photo was removed.
        PhotoRemoved,
    }
}

/// Reads an ISO CE date that the UI sent, failing with `invalid_date`.
pub(crate) fn parse_date(text: &str) -> crate::error::AppResult<chrono::NaiveDate> {
    text.parse().map_err(|_| {
        crate::error::AppError::new("invalid_date", format!("“{text}” is not an ISO date"))
            .with("text", text)
    })
}

/// Reads an optional ISO CE date, taking empty text as no date.
pub(crate) fn parse_optional_date(
    text: Option<&str>,
) -> crate::error::AppResult<Option<chrono::NaiveDate>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => parse_date(text).map(Some),
        None => Ok(None),
    }
}

/// Renders this part's IPC types as the TypeScript of `ipc-exchange.ts`.
pub fn typescript() -> String {
    let mut module = TsModule::new("src-tauri/src/dto/exchange.rs and dto/exchange/");
    macro_rules! declare {
        ($($ty:ty),* $(,)?) => {$(module.declare::<$ty>();)*};
    }
    declare!(
        Category,
        ItemStatus,
        Tracking,
        PostKind,
        OfferKind,
        PostStatus,
        MatchStatus,
        SizeFit,
        MoneyKind,
        ReservationStatus,
        EventKind,
        EquipmentItem,
        ItemQuery,
        ItemFields,
        NewEquipmentItem,
        Photo,
        HistoryEvent,
        ItemRecord,
        BorrowerInput,
        CheckOut,
        CheckIn,
        Loan,
        LoanQuery,
        ReservationInput,
        Reservation,
        PostInput,
        Post,
        PostQuery,
        Match,
        MatchQuery,
        LoanTerms,
        TransferTerms,
        TransferInput,
        Transfer,
        MoneyQuery,
        MoneyMovement,
        MoneyTotal,
        MoneyList,
        ReportRequest,
        EquipmentImportRequest,
        EquipmentImportRow,
        CommunityCount,
        UnknownCommunity,
        EquipmentImportPreview,
    );
    module.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipc_exchange_file_is_current() -> Result<(), String> {
        super::super::typescript::check_current("ipc-exchange.ts", &super::typescript())
    }

    #[test]
    fn status_mirrors_core_names() -> Result<(), serde_json::Error> {
        for status in core::Status::ALL {
            let ours = serde_json::to_value(ItemStatus::from(*status))?;

            assert_eq!(
                ours.as_str(),
                Some(status.as_str()),
                "the UI's name of {status:?} is the core's stored name"
            );
        }
        Ok(())
    }

    #[test]
    fn event_kind_mirrors_core_names() -> Result<(), serde_json::Error> {
        for kind in core::EventKind::ALL {
            let ours = serde_json::to_value(EventKind::from(*kind))?;

            assert_eq!(
                ours.as_str(),
                Some(kind.as_str()),
                "the UI's name of {kind:?} is the core's stored name"
            );
        }
        Ok(())
    }

    #[test]
    fn parse_date_rejects_be_text() {
        let parsed = parse_date("31/12/2567");

        assert_eq!(
            parsed.err().map(|e| e.code),
            Some("invalid_date".to_string()),
            "only ISO dates cross the boundary"
        );
    }
}
