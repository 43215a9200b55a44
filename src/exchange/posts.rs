//! Needs and offers: what a community is looking for ("ฝาหม้อหุงข้าว 10
//! ลิตร") and what it can give, sell or lend (a second-hand item, a spare
//! part, something to borrow).
//!
//! An item marked part missing raises a need for the part by itself, and
//! the need is closed when the item gets another status. A post is open
//! until a match for it is accepted (matched), carried out (fulfilled), or
//! it is closed.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::equipment::{Category, Item};
use super::stored::stored_enum;
use super::text::{dice, head_of, match_key};
use crate::audit::{self, Change};
use crate::{Context, Error, Result};

stored_enum! {
    /// Whether a post asks or gives.
    pub enum PostKind {
        /// Something a community is looking for.
        Need = "need",
        /// Something a community can give, sell or lend.
        Offer = "offer",
    }
}

stored_enum! {
    /// Kind of offer.
    pub enum OfferKind {
        /// A used item to give away or sell.
        SecondHand = "second_hand",
        /// A spare part.
        SparePart = "spare_part",
        /// Something to lend.
        Lend = "lend",
    }
}

stored_enum! {
    /// State of a post.
    pub enum PostStatus {
        /// Waiting for a match.
        Open = "open",
        /// A match was accepted and not carried out yet.
        Matched = "matched",
        /// The loan or transfer of its match was made.
        Fulfilled = "fulfilled",
        /// Withdrawn, or no longer needed (the item was fixed otherwise).
        Closed = "closed",
    }
}

/// A need or an offer to post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPost {
    /// Need or offer.
    pub kind: PostKind,
    /// Community that posts it.
    pub community_id: i64,
    /// Description, such as "ฝาหม้อหุงข้าว 10 ลิตร".
    pub text: String,
    /// Category; `None` guesses it from the text.
    pub category: Option<Category>,
    /// For an offer, what it is; `None` means second-hand.
    pub offer_kind: Option<OfferKind>,
    /// Number of pieces.
    pub quantity: i64,
    /// For an offer, the item of the community's register it offers.
    pub item_id: Option<i64>,
}

impl NewPost {
    /// A need for one piece, category guessed.
    pub fn need(community_id: i64, text: impl Into<String>) -> NewPost {
        NewPost {
            kind: PostKind::Need,
            community_id,
            text: text.into(),
            category: None,
            offer_kind: None,
            quantity: 1,
            item_id: None,
        }
    }

    /// An offer of one second-hand piece, category guessed.
    pub fn offer(community_id: i64, text: impl Into<String>) -> NewPost {
        NewPost {
            kind: PostKind::Offer,
            offer_kind: Some(OfferKind::SecondHand),
            ..NewPost::need(community_id, text)
        }
    }
}

/// A need or offer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Post {
    /// Row id.
    pub id: i64,
    /// Need or offer.
    pub kind: PostKind,
    /// Community that posted it.
    pub community_id: i64,
    /// That community's name.
    pub community: String,
    /// Description.
    pub text: String,
    /// Category, when known.
    pub category: Option<Category>,
    /// For an offer, what it is.
    pub offer_kind: Option<OfferKind>,
    /// Number of pieces.
    pub quantity: i64,
    /// The item offered, or the item whose missing part raised the need.
    pub item_id: Option<i64>,
    /// The missing part that raised an automatic need.
    pub part: Option<String>,
    /// Whether an item's missing part raised it.
    pub automatic: bool,
    /// Its state.
    pub status: PostStatus,
    /// Local date and time it was posted.
    pub posted_at: String,
}

impl Post {
    /// The match key of its text.
    pub fn key(&self) -> String {
        match_key(&self.text)
    }

    /// The head a matching offer should contain: the missing part of an
    /// automatic need, else the text's first space-separated part.
    pub fn head(&self) -> String {
        match &self.part {
            Some(part) => head_of(part),
            None => head_of(&self.text),
        }
    }
}

/// Filter of [`list_posts`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct PostFilter {
    /// Only needs or only offers.
    pub kind: Option<PostKind>,
    /// Only this community's posts.
    pub community_id: Option<i64>,
    /// Only posts with this status.
    pub status: Option<PostStatus>,
}

const POST_SELECT: &str = "SELECT p.id, p.kind, p.community_id, c.name, p.text, p.category,
        p.offer_kind, p.quantity, p.item_id, p.part, p.automatic, p.status, p.created_at
    FROM exchange_posts p JOIN communities c ON c.id = p.community_id";

fn post_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post {
        id: row.get(0)?,
        kind: row.get(1)?,
        community_id: row.get(2)?,
        community: row.get(3)?,
        text: row.get(4)?,
        category: row.get(5)?,
        offer_kind: row.get(6)?,
        quantity: row.get(7)?,
        item_id: row.get(8)?,
        part: row.get(9)?,
        automatic: row.get(10)?,
        status: row.get(11)?,
        posted_at: row.get(12)?,
    })
}

/// Looks a post up by row id.
pub fn get_post(conn: &Connection, id: i64) -> Result<Post> {
    conn.prepare_cached(&format!("{POST_SELECT} WHERE p.id = ?1"))?
        .query_row([id], post_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "need or offer",
            key: id.to_string(),
        })
}

/// Lists posts, newest first.
pub fn list_posts(conn: &Connection, filter: &PostFilter) -> Result<Vec<Post>> {
    let sql = format!(
        "{POST_SELECT}
         WHERE (?1 IS NULL OR p.kind = ?1) AND (?2 IS NULL OR p.community_id = ?2)
           AND (?3 IS NULL OR p.status = ?3)
         ORDER BY p.id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        (filter.kind, filter.community_id, filter.status),
        post_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Posts a need or an offer.
///
/// Fails when the text has nothing to match on (no letters or digits),
/// the quantity is below 1, an offer's item belongs to another community,
/// or a need names an item.
pub fn post(conn: &Connection, ctx: &Context, post: &NewPost) -> Result<Post> {
    let text = post.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if match_key(&text).is_empty() {
        return Err(Error::rule(
            "post_text_missing",
            "describe what is needed or offered, such as ฝาหม้อหุงข้าว 10 ลิตร",
        ));
    }
    if post.quantity < 1 {
        return Err(Error::rule(
            "quantity_not_positive",
            format!("the quantity must be at least 1, not {}", post.quantity),
        ));
    }
    crate::members::get_community(conn, post.community_id)?;
    let offer_kind = match post.kind {
        PostKind::Need => None,
        PostKind::Offer => Some(post.offer_kind.unwrap_or(OfferKind::SecondHand)),
    };
    if let Some(item_id) = post.item_id {
        check_offered_item(conn, post, item_id)?;
    }
    let category = post.category.or_else(|| match Category::guess(&text) {
        Category::Other => None,
        guessed => Some(guessed),
    });
    insert(
        conn,
        ctx,
        &Stored {
            kind: post.kind,
            community_id: post.community_id,
            text: &text,
            category,
            offer_kind,
            quantity: post.quantity,
            item_id: post.item_id,
            part: None,
        },
    )
}

fn check_offered_item(conn: &Connection, post: &NewPost, item_id: i64) -> Result<()> {
    if post.kind == PostKind::Need {
        return Err(Error::rule(
            "need_with_item",
            "a need cannot name an item of the register; mark the item part missing instead",
        ));
    }
    let item = super::equipment::get_item(conn, item_id)?;
    if item.community_id != post.community_id {
        return Err(Error::rule(
            "offer_item_not_owned",
            format!(
                "{} belongs to {}, so another community cannot offer it",
                item.name, item.community
            ),
        ));
    }
    Ok(())
}

/// The fields of a post row.
struct Stored<'a> {
    kind: PostKind,
    community_id: i64,
    text: &'a str,
    category: Option<Category>,
    offer_kind: Option<OfferKind>,
    quantity: i64,
    item_id: Option<i64>,
    part: Option<&'a str>,
}

fn insert(conn: &Connection, ctx: &Context, post: &Stored<'_>) -> Result<Post> {
    conn.execute(
        "INSERT INTO exchange_posts (kind, community_id, text, category, offer_kind, quantity,
            item_id, part, automatic, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            post.kind,
            post.community_id,
            post.text,
            post.category,
            post.offer_kind,
            post.quantity,
            post.item_id,
            post.part,
            post.part.is_some(),
            ctx.operator,
            ctx.timestamp(),
        ],
    )?;
    let stored = get_post(conn, conn.last_insert_rowid())?;
    audit::record(
        conn,
        ctx,
        Change::insert("exchange_posts", stored.id, &stored),
    )?;
    Ok(stored)
}

/// Closes a post that is open or matched: withdrawn by the community, or
/// no longer wanted.
///
/// Fails for a post already fulfilled or closed.
pub fn close_post(conn: &Connection, ctx: &Context, id: i64) -> Result<Post> {
    let post = get_post(conn, id)?;
    if !matches!(post.status, PostStatus::Open | PostStatus::Matched) {
        return Err(Error::rule(
            "post_not_open",
            format!(
                "{} {id} is already {}",
                post.kind.as_str(),
                post.status.as_str()
            ),
        ));
    }
    set_status(conn, ctx, &post, PostStatus::Closed)
}

/// Stores a post's new status with the audit record.
pub(crate) fn set_status(
    conn: &Connection,
    ctx: &Context,
    post: &Post,
    status: PostStatus,
) -> Result<Post> {
    let closed_at = match status {
        PostStatus::Open | PostStatus::Matched => None,
        PostStatus::Fulfilled | PostStatus::Closed => Some(ctx.timestamp()),
    };
    conn.execute(
        "UPDATE exchange_posts SET status = ?2, closed_at = ?3 WHERE id = ?1",
        (post.id, status, closed_at),
    )?;
    let new = get_post(conn, post.id)?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "exchange_posts",
            record_id: post.id.to_string(),
            old: serde_json::to_value(post).ok(),
            new: serde_json::to_value(&new).ok(),
        },
    )?;
    Ok(new)
}

/// The open or matched automatic need an item raised, if any.
pub fn automatic_need(conn: &Connection, item_id: i64) -> Result<Option<Post>> {
    let post = conn
        .prepare_cached(&format!(
            "{POST_SELECT} WHERE p.item_id = ?1 AND p.automatic = 1
               AND p.status IN ('open', 'matched')"
        ))?
        .query_row([item_id], post_from_row)
        .optional()?;
    Ok(post)
}

/// Raises the need for a part-missing item's part. An open need for the
/// same part is kept; one for another part is closed and replaced.
pub(crate) fn raise_automatic_need(conn: &Connection, ctx: &Context, item: &Item) -> Result<()> {
    let Some(part) = item.missing.as_deref() else {
        return Ok(());
    };
    if let Some(existing) = automatic_need(conn, item.id)? {
        if existing.part.as_deref() == Some(part) {
            return Ok(());
        }
        set_status(conn, ctx, &existing, PostStatus::Closed)?;
    }
    let text = need_text(part, &item.name);
    insert(
        conn,
        ctx,
        &Stored {
            kind: PostKind::Need,
            community_id: item.community_id,
            text: &text,
            category: Some(item.category),
            offer_kind: None,
            quantity: 1,
            item_id: Some(item.id),
            part: Some(part),
        },
    )?;
    Ok(())
}

/// Closes the open automatic need of an item that is no longer part
/// missing. A need that was matched stays matched, so that the accepted
/// match can still be carried out or undone.
pub(crate) fn close_automatic_need(conn: &Connection, ctx: &Context, item_id: i64) -> Result<()> {
    if let Some(need) = automatic_need(conn, item_id)? {
        if need.status == PostStatus::Open {
            set_status(conn, ctx, &need, PostStatus::Closed)?;
        }
    }
    Ok(())
}

/// The text of a need for `part` of the item called `name`: the part
/// alone when it already names the item ("ฝาหม้อหุงข้าว"), else the part
/// followed by the name, without a space between Thai words the way Thai
/// is written.
///
/// ```
/// use chumchon::exchange::posts::need_text;
/// assert_eq!(need_text("ฝา", "หม้อหุงข้าว 10 ลิตร"), "ฝาหม้อหุงข้าว 10 ลิตร");
/// assert_eq!(need_text("ฝาหม้อหุงข้าว", "หม้อหุงข้าว 10 ลิตร"), "ฝาหม้อหุงข้าว");
/// assert_eq!(need_text("ล้อ", "Cart"), "ล้อ Cart");
/// ```
pub fn need_text(part: &str, name: &str) -> String {
    let (part, name) = (part.trim(), name.trim());
    let name_head = head_of(name);
    let part_key = match_key(part);
    if (!name_head.is_empty() && part_key.contains(&name_head))
        || dice(&part_key, &match_key(name)) >= 0.5
    {
        return part.to_string();
    }
    let thai = |c: Option<char>| c.is_some_and(|c| ('\u{e01}'..='\u{e5b}').contains(&c));
    if thai(part.chars().last()) && thai(name.chars().next()) {
        format!("{part}{name}")
    } else {
        format!("{part} {name}")
    }
}
