//! Equipment sharing and second-hand exchange between communities: each
//! community's equipment, lending and reservations, needs and offers and
//! the matches between them, and transfers and sales.
//!
//! - [`condition`]: reading a status out of a condition written as text.
//! - [`equipment`]: the register of each community's items and their status.
//! - [`photos`]: photos of items, kept in the database.
//! - [`lending`]: loans out and back, deposits and fees, the overdue list.
//! - [`reservations`]: reservations for future dates and the calendar check.
//! - [`posts`]: needs and offers, and the need an item's missing part raises.
//! - [`matching`]: scored matches, staff decisions, carrying them out.
//! - [`transfers`]: equipment given or sold between communities.
//! - [`names`]: community names looked up, with the closest names when
//!   unknown.
//! - [`money`]: the money these move, kept for the community bank's journal.
//! - [`history`]: each item's events, oldest first.
//! - [`reports`]: what each community owns, lends and borrows, utilisation.
//! - [`text`]: match keys and trigram scores for Thai descriptions.
//! - [`size`]: sizes and capacities read from descriptions.
//!
//! Every write takes a [`crate::Context`] and is recorded in the audit log.
//! Dates come from the caller: the overdue list is as of a given date, and
//! "today" is the context's date.

pub mod condition;
pub mod equipment;
pub mod history;
pub mod lending;
pub mod matching;
pub mod money;
pub mod names;
pub mod photos;
pub mod posts;
pub mod reports;
pub mod reservations;
pub mod size;
mod stored;
pub mod text;
pub mod transfers;

#[cfg(test)]
mod tests;

pub use equipment::{
    add_item, get_item, list_items, set_status, update_item, Category, Item, ItemDetails,
    ItemFilter, NewItem, Status, Tracking,
};
pub use history::{item_history, Event, EventKind};
pub use lending::{
    check_in, check_out, get_loan, list_loans, overdue, Borrower, Loan, LoanFilter, NewLoan, Return,
};
pub use matching::{
    accept_match, decline_match, fulfil_by_loan, fulfil_by_transfer, get_match, list_matches,
    undo_match, LoanTerms, Match, MatchFilter, MatchStatus, TransferTerms, MIN_SCORE,
};
pub use money::{list_movements, reverse_movement, MoneyFilter, MoneyKind, Movement, Party};
pub use photos::{add_photo, list_photos, photo_bytes, remove_photo, PhotoInfo};
pub use posts::{
    close_post, get_post, list_posts, post, NewPost, OfferKind, Post, PostFilter, PostKind,
    PostStatus,
};
pub use reports::{report, Holdings, Report, Utilisation};
pub use reservations::{
    cancel_reservation, get_reservation, list_reservations, reserve, NewReservation, Reservation,
    ReservationStatus,
};
pub use size::SizeFit;
pub use transfers::{
    get_transfer, list_transfers, reverse_transfer, transfer, NewTransfer, Transfer,
};
