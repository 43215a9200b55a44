//! Needs, offers and their matches as the screens see them, the terms
//! that carry a match out, and transfers between communities.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::exchange as core;
use chumchon::Satang;

use super::{parse_date, Category, MatchStatus, OfferKind, PostKind, PostStatus, SizeFit};
use crate::error::AppResult;

/// A need or an offer to post.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PostInput {
    /// Need or offer.
    pub kind: PostKind,
    /// Community that posts it.
    pub community_id: i64,
    /// Description, such as "ฝาหม้อหุงข้าว 10 ลิตร".
    pub text: String,
    /// Category; `None` lets the core guess it from the text.
    pub category: Option<Category>,
    /// For an offer, what it is; `None` means second-hand.
    pub offer_kind: Option<OfferKind>,
    /// Number of pieces.
    pub quantity: i64,
    /// For an offer, the item of the community's register it offers.
    pub item_id: Option<i64>,
}

impl From<PostInput> for core::NewPost {
    fn from(p: PostInput) -> core::NewPost {
        core::NewPost {
            kind: p.kind.into(),
            community_id: p.community_id,
            text: p.text,
            category: p.category.map(Into::into),
            offer_kind: p.offer_kind.map(Into::into),
            quantity: p.quantity,
            item_id: p.item_id,
        }
    }
}

/// A need or an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Post {
    /// Row id.
    pub id: i64,
    /// Need or offer.
    pub kind: PostKind,
    /// Community that posted it.
    pub community_id: i64,
    /// Its name.
    pub community: String,
    /// Description.
    pub text: String,
    /// Category, given or guessed.
    pub category: Option<Category>,
    /// For an offer, what it is.
    pub offer_kind: Option<OfferKind>,
    /// Number of pieces.
    pub quantity: i64,
    /// The offered item, or the item whose missing part raised a need.
    pub item_id: Option<i64>,
    /// The missing part, for a need an item raised by itself.
    pub part: Option<String>,
    /// Whether an item's missing part raised it.
    pub automatic: bool,
    /// Its state.
    pub status: PostStatus,
    /// Local date and time it was posted.
    pub posted_at: String,
}

impl From<core::Post> for Post {
    fn from(p: core::Post) -> Post {
        Post {
            id: p.id,
            kind: p.kind.into(),
            community_id: p.community_id,
            community: p.community,
            text: p.text,
            category: p.category.map(Into::into),
            offer_kind: p.offer_kind.map(Into::into),
            quantity: p.quantity,
            item_id: p.item_id,
            part: p.part,
            automatic: p.automatic,
            status: p.status.into(),
            posted_at: p.posted_at,
        }
    }
}

/// Filter of the list of needs and offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
pub struct PostQuery {
    /// Only needs or only offers.
    pub kind: Option<PostKind>,
    /// Only this community's posts.
    pub community_id: Option<i64>,
    /// Only posts with this status.
    pub status: Option<PostStatus>,
}

impl From<PostQuery> for core::PostFilter {
    fn from(q: PostQuery) -> core::PostFilter {
        core::PostFilter {
            kind: q.kind.map(Into::into),
            community_id: q.community_id,
            status: q.status.map(Into::into),
        }
    }
}

/// A need paired with an offer of another community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Match {
    /// Row id once staff decided on it; `None` for a fresh proposal.
    pub id: Option<i64>,
    /// The need.
    pub need_id: i64,
    /// The offer.
    pub offer_id: i64,
    /// The needing community.
    pub need_community_id: i64,
    /// Its name.
    pub need_community: String,
    /// The offering community.
    pub offer_community_id: i64,
    /// Its name.
    pub offer_community: String,
    /// The need's text.
    pub need_text: String,
    /// The offer's text.
    pub offer_text: String,
    /// Score, 0 to 100.
    pub score: u8,
    /// Whether the two texts name the same size or capacity.
    pub size_fit: SizeFit,
    /// Its state.
    pub status: MatchStatus,
    /// The loan that carried it out.
    pub loan_id: Option<i64>,
    /// The transfer that carried it out.
    pub transfer_id: Option<i64>,
}

impl From<core::Match> for Match {
    fn from(m: core::Match) -> Match {
        Match {
            id: m.id,
            need_id: m.need_id,
            offer_id: m.offer_id,
            need_community_id: m.need_community_id,
            need_community: m.need_community,
            offer_community_id: m.offer_community_id,
            offer_community: m.offer_community,
            need_text: m.need_text,
            offer_text: m.offer_text,
            score: m.score,
            size_fit: m.size_fit.into(),
            status: m.status.into(),
            loan_id: m.loan_id,
            transfer_id: m.transfer_id,
        }
    }
}

/// Filter of the match list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
pub struct MatchQuery {
    /// Only matches of this need.
    pub need_id: Option<i64>,
    /// Only matches in which this community needs or offers.
    pub community_id: Option<i64>,
    /// Whether accepted, declined and fulfilled matches are listed too.
    pub include_decided: bool,
}

impl From<MatchQuery> for core::MatchFilter {
    fn from(q: MatchQuery) -> core::MatchFilter {
        core::MatchFilter {
            need_id: q.need_id,
            community_id: q.community_id,
            include_decided: q.include_decided,
        }
    }
}

/// Terms of a loan that carries out a match.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct LoanTerms {
    /// Date it goes out, ISO CE.
    pub out_date: String,
    /// Date it is due back, ISO CE.
    pub due_date: String,
    /// Deposit the needing community leaves, in satang.
    pub deposit: i64,
    /// Fee it pays, in satang.
    pub fee: i64,
}

impl LoanTerms {
    /// Converts the terms into the core's.
    pub fn into_core(self) -> AppResult<core::LoanTerms> {
        Ok(core::LoanTerms {
            out_date: parse_date(&self.out_date)?,
            due_date: parse_date(&self.due_date)?,
            deposit: Satang(self.deposit),
            fee: Satang(self.fee),
        })
    }
}

/// Terms of a transfer that carries out a match.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct TransferTerms {
    /// Date of the transfer, ISO CE.
    pub date: String,
    /// Price the needing community pays, in satang; zero for a gift.
    pub price: i64,
}

impl TransferTerms {
    /// Converts the terms into the core's.
    pub fn into_core(self) -> AppResult<core::TransferTerms> {
        Ok(core::TransferTerms {
            date: parse_date(&self.date)?,
            price: Satang(self.price),
        })
    }
}

/// Equipment to give or sell to another community.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct TransferInput {
    /// The item.
    pub item_id: i64,
    /// Receiving community.
    pub to_community_id: i64,
    /// Pieces of a stock to pass on; `None` passes the whole item.
    pub quantity: Option<i64>,
    /// Date of the transfer, ISO CE.
    pub date: String,
    /// Price the receiver pays, in satang; zero for a gift.
    pub price: i64,
    /// Free-text note.
    pub note: Option<String>,
}

impl TransferInput {
    /// Converts the form into the core's new transfer.
    pub fn into_core(self) -> AppResult<core::NewTransfer> {
        Ok(core::NewTransfer {
            item_id: self.item_id,
            to_community_id: self.to_community_id,
            quantity: self.quantity,
            date: parse_date(&self.date)?,
            price: Satang(self.price),
            note: self.note,
        })
    }
}

/// Equipment given or sold from one community to another, or the reversal
/// of such a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Transfer {
    /// Row id.
    pub id: i64,
    /// The item given.
    pub item_id: i64,
    /// The item in the receiver's register: the same item, or a new one
    /// for part of a stock.
    pub to_item_id: i64,
    /// The item's name.
    pub item_name: String,
    /// Giving community.
    pub from_community_id: i64,
    /// Its name.
    pub from_community: String,
    /// Receiving community.
    pub to_community_id: i64,
    /// Its name.
    pub to_community: String,
    /// Pieces passed on.
    pub quantity: i64,
    /// Date, ISO CE.
    pub date: String,
    /// Price paid, in satang.
    pub price: i64,
    /// The match it carried out.
    pub match_id: Option<i64>,
    /// The transfer this one reverses.
    pub reverses_id: Option<i64>,
    /// The transfer that reversed this one.
    pub reversed_by: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

impl From<core::Transfer> for Transfer {
    fn from(t: core::Transfer) -> Transfer {
        Transfer {
            id: t.id,
            item_id: t.item_id,
            to_item_id: t.to_item_id,
            item_name: t.item_name,
            from_community_id: t.from_community_id,
            from_community: t.from_community,
            to_community_id: t.to_community_id,
            to_community: t.to_community,
            quantity: t.quantity,
            date: t.date.to_string(),
            price: t.price.satang(),
            match_id: t.match_id,
            reverses_id: t.reverses_id,
            reversed_by: t.reversed_by,
            note: t.note,
        }
    }
}
