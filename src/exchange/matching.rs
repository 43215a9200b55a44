//! Matches between one community's needs and other communities' offers:
//! scored when asked for, decided by staff (accept, decline, undo), and
//! carried out as a loan or a transfer.
//!
//! A proposal's score runs from 0 to 100, from two halves. The first is
//! the share of character trigrams the two descriptions have in common
//! (the Dice coefficient of their match keys). The second is how much of
//! the need's head the offer contains, the head being the missing part of
//! an automatic need or else the need's first space-separated word.
//! Sharing a category adds 10, and naming different categories halves the
//! score. When both texts name a size of the same kind (see
//! [`super::size`]), an equal size adds 10 and a different one takes 15
//! off. So a lid for a 10-litre cooker ranks below a 5-litre lid for a
//! 5-litre cooker, but it is still shown, marked as a size mismatch. A
//! size that only one text names changes nothing. Pairs below [`MIN_SCORE`]
//! are not proposed. The weights are a judgment that puts a lid offered
//! for a missing lid above a whole rice cooker, and the tests pin that
//! order, not the exact numbers.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::equipment::{self, get_item, insert_item, ItemDetails, NewItem, Status, Tracking};
use super::lending::{self, Borrower, Loan, NewLoan};
use super::posts::{self, get_post, list_posts, Post, PostFilter, PostKind, PostStatus};
use super::size::{self, SizeFit};
use super::stored::stored_enum;
use super::text::{dice, head_coverage};
use super::transfers::{self, NewTransfer, Transfer};
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

/// The lowest score that is proposed.
pub const MIN_SCORE: u8 = 40;

stored_enum! {
    /// State of a match.
    pub enum MatchStatus {
        /// Proposed, waiting for staff (also after an undo).
        Proposed = "proposed",
        /// Accepted by staff, not carried out yet.
        Accepted = "accepted",
        /// Declined by staff; not proposed again.
        Declined = "declined",
        /// Carried out by a loan or a transfer.
        Fulfilled = "fulfilled",
    }
}

/// A need paired with an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// Scores how well an offer meets a need, 0 to 100; see the module
/// documentation for the formula.
pub fn score(need: &Post, offer: &Post) -> u8 {
    let offer_key = offer.key();
    let text = dice(&need.key(), &offer_key);
    let head = head_coverage(&need.head(), &offer_key);
    let mut score = 0.5 * text + 0.5 * head;
    match (need.category, offer.category) {
        (Some(a), Some(b)) if a == b => score += 0.1,
        (Some(_), Some(_)) => score *= 0.5,
        _ => {}
    }
    match size_fit(need, offer) {
        SizeFit::Same => score += 0.1,
        SizeFit::Different => score -= 0.15,
        SizeFit::Unknown => {}
    }
    (score.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// Ranks size fits among proposals of equal score: the same size first,
/// then no size to compare, then a different size.
fn fit_rank(fit: SizeFit) -> u8 {
    match fit {
        SizeFit::Same => 0,
        SizeFit::Unknown => 1,
        SizeFit::Different => 2,
    }
}

/// Compares the sizes and capacities that a need and an offer name.
pub fn size_fit(need: &Post, offer: &Post) -> SizeFit {
    size::compare(&need.text, &offer.text)
}

/// Filter of [`list_matches`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct MatchFilter {
    /// Only matches of this need.
    pub need_id: Option<i64>,
    /// Only matches in which this community needs or offers.
    pub community_id: Option<i64>,
    /// Whether accepted, declined and fulfilled matches are listed too.
    pub include_decided: bool,
}

/// A stored decision.
struct Decision {
    id: i64,
    score: u8,
    status: MatchStatus,
    loan_id: Option<i64>,
    transfer_id: Option<i64>,
}

/// Lists proposals for open needs from open offers of other communities,
/// best score first within each need, and with
/// [`MatchFilter::include_decided`] the decided matches after them.
/// Among proposals of equal score, a same-size offer comes first.
pub fn list_matches(conn: &Connection, filter: &MatchFilter) -> Result<Vec<Match>> {
    let decisions = decisions(conn)?;
    let open = |kind| PostFilter {
        kind: Some(kind),
        status: Some(PostStatus::Open),
        community_id: None,
    };
    let mut needs = list_posts(conn, &open(PostKind::Need))?;
    needs.retain(|need| filter.need_id.is_none_or(|id| id == need.id));
    needs.sort_by_key(|need| need.id);
    let offers = list_posts(conn, &open(PostKind::Offer))?;
    let mut found = Vec::new();
    for need in &needs {
        let mut proposals: Vec<Match> = offers
            .iter()
            .filter(|offer| offer.community_id != need.community_id)
            .filter_map(|offer| {
                let decision = decisions.get(&(need.id, offer.id));
                let undone = decision.filter(|d| d.status == MatchStatus::Proposed);
                if decision.is_some() && undone.is_none() {
                    return None;
                }
                let score = score(need, offer);
                (score >= MIN_SCORE).then(|| pair(need, offer, score, undone))
            })
            .collect();
        proposals.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(fit_rank(a.size_fit).cmp(&fit_rank(b.size_fit)))
                .then(a.offer_id.cmp(&b.offer_id))
        });
        found.extend(proposals);
    }
    if filter.include_decided {
        found.extend(decided(conn, &decisions, filter.need_id)?);
    }
    found.retain(|m| {
        filter
            .community_id
            .is_none_or(|id| id == m.need_community_id || id == m.offer_community_id)
    });
    Ok(found)
}

fn pair(need: &Post, offer: &Post, score: u8, decision: Option<&Decision>) -> Match {
    Match {
        id: decision.map(|d| d.id),
        need_id: need.id,
        offer_id: offer.id,
        need_community_id: need.community_id,
        need_community: need.community.clone(),
        offer_community_id: offer.community_id,
        offer_community: offer.community.clone(),
        need_text: need.text.clone(),
        offer_text: offer.text.clone(),
        score,
        size_fit: size_fit(need, offer),
        status: decision.map_or(MatchStatus::Proposed, |d| d.status),
        loan_id: decision.and_then(|d| d.loan_id),
        transfer_id: decision.and_then(|d| d.transfer_id),
    }
}

fn decisions(conn: &Connection) -> Result<HashMap<(i64, i64), Decision>> {
    let mut stmt = conn.prepare(
        "SELECT need_id, offer_id, id, score, status, loan_id, transfer_id FROM exchange_matches",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            (row.get(0)?, row.get(1)?),
            Decision {
                id: row.get(2)?,
                score: row.get(3)?,
                status: row.get(4)?,
                loan_id: row.get(5)?,
                transfer_id: row.get(6)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn decided(
    conn: &Connection,
    decisions: &HashMap<(i64, i64), Decision>,
    need_id: Option<i64>,
) -> Result<Vec<Match>> {
    let mut decided: Vec<(&(i64, i64), &Decision)> = decisions
        .iter()
        .filter(|(_, d)| d.status != MatchStatus::Proposed)
        .filter(|((need, _), _)| need_id.is_none_or(|id| id == *need))
        .collect();
    decided.sort_by_key(|(_, d)| d.id);
    decided
        .into_iter()
        .map(|((need, offer), decision)| {
            let (need, offer) = (get_post(conn, *need)?, get_post(conn, *offer)?);
            Ok(pair(&need, &offer, decision.score, Some(decision)))
        })
        .collect()
}

/// Returns the match of a need and an offer, decided or not.
pub fn get_match(conn: &Connection, need_id: i64, offer_id: i64) -> Result<Match> {
    let (need, offer) = posts_of(conn, need_id, offer_id)?;
    let decision = decision(conn, need_id, offer_id)?;
    let score = decision
        .as_ref()
        .map_or_else(|| score(&need, &offer), |d| d.score);
    Ok(pair(&need, &offer, score, decision.as_ref()))
}

fn decision(conn: &Connection, need_id: i64, offer_id: i64) -> Result<Option<Decision>> {
    let decision = conn
        .query_row(
            "SELECT id, score, status, loan_id, transfer_id FROM exchange_matches
             WHERE need_id = ?1 AND offer_id = ?2",
            (need_id, offer_id),
            |row| {
                Ok(Decision {
                    id: row.get(0)?,
                    score: row.get(1)?,
                    status: row.get(2)?,
                    loan_id: row.get(3)?,
                    transfer_id: row.get(4)?,
                })
            },
        )
        .optional()?;
    Ok(decision)
}

/// The need and the offer, checked to be a need and an offer of two
/// different communities.
fn posts_of(conn: &Connection, need_id: i64, offer_id: i64) -> Result<(Post, Post)> {
    let (need, offer) = (get_post(conn, need_id)?, get_post(conn, offer_id)?);
    if need.kind != PostKind::Need || offer.kind != PostKind::Offer {
        return Err(Error::rule(
            "not_a_need_and_offer",
            format!("post {need_id} must be a need and post {offer_id} an offer"),
        ));
    }
    if need.community_id == offer.community_id {
        return Err(Error::rule(
            "match_same_community",
            format!(
                "need {need_id} and offer {offer_id} are both from {}; matches are between \
                 communities",
                need.community
            ),
        ));
    }
    Ok((need, offer))
}

/// Accepts a match: the need and the offer are matched and leave the list
/// of proposals. Staff may accept any need with any offer of another
/// community, proposed or not.
///
/// Fails when either post is not open, or the pair was declined (undo the
/// decline first).
pub fn accept_match(
    conn: &Connection,
    ctx: &Context,
    need_id: i64,
    offer_id: i64,
) -> Result<Match> {
    let (need, offer) = posts_of(conn, need_id, offer_id)?;
    let old = decision(conn, need_id, offer_id)?;
    if let Some(old) = old.as_ref().filter(|d| d.status != MatchStatus::Proposed) {
        return Err(decided_error(need_id, offer_id, old.status));
    }
    for post in [&need, &offer] {
        if post.status != PostStatus::Open {
            return Err(Error::rule(
                "post_not_open",
                format!(
                    "{} {} is already {}",
                    post.kind.as_str(),
                    post.id,
                    post.status.as_str()
                ),
            ));
        }
    }
    let score = score(&need, &offer);
    store(conn, ctx, &need, &offer, score, MatchStatus::Accepted)?;
    posts::set_status(conn, ctx, &need, PostStatus::Matched)?;
    posts::set_status(conn, ctx, &offer, PostStatus::Matched)?;
    get_match(conn, need_id, offer_id)
}

/// Declines a proposed match, so that it is not proposed again.
///
/// Fails when the match is accepted or carried out (undo it first).
pub fn decline_match(
    conn: &Connection,
    ctx: &Context,
    need_id: i64,
    offer_id: i64,
) -> Result<Match> {
    let (need, offer) = posts_of(conn, need_id, offer_id)?;
    if let Some(old) = decision(conn, need_id, offer_id)? {
        if old.status != MatchStatus::Proposed {
            return Err(decided_error(need_id, offer_id, old.status));
        }
    }
    let score = score(&need, &offer);
    store(conn, ctx, &need, &offer, score, MatchStatus::Declined)?;
    get_match(conn, need_id, offer_id)
}

/// Undoes an accept or a decline: the match is proposed again, and after
/// an accept the need and the offer are open again.
///
/// Fails when nothing was decided, or the match was carried out (check
/// the loan in or reverse the transfer; the match stays fulfilled).
pub fn undo_match(conn: &Connection, ctx: &Context, need_id: i64, offer_id: i64) -> Result<Match> {
    let (need, offer) = posts_of(conn, need_id, offer_id)?;
    let old = decision(conn, need_id, offer_id)?;
    match old.as_ref().map(|d| d.status) {
        Some(MatchStatus::Accepted) => {
            for post in [&need, &offer] {
                if post.status == PostStatus::Matched {
                    posts::set_status(conn, ctx, post, PostStatus::Open)?;
                }
            }
        }
        Some(MatchStatus::Declined) => {}
        Some(MatchStatus::Fulfilled) => {
            return Err(Error::rule(
                "match_fulfilled",
                format!(
                    "the match of need {need_id} and offer {offer_id} was carried out; check \
                     the loan in or reverse the transfer instead"
                ),
            ))
        }
        Some(MatchStatus::Proposed) | None => {
            return Err(Error::rule(
                "match_not_decided",
                format!("the match of need {need_id} and offer {offer_id} has no decision to undo"),
            ))
        }
    }
    let score = old.map_or(0, |d| d.score);
    store(conn, ctx, &need, &offer, score, MatchStatus::Proposed)?;
    get_match(conn, need_id, offer_id)
}

fn decided_error(need_id: i64, offer_id: i64, status: MatchStatus) -> Error {
    Error::rule(
        "match_already_decided",
        format!(
            "the match of need {need_id} and offer {offer_id} is already {}; undo it first",
            status.as_str()
        ),
    )
}

/// Stores a decision, inserting or updating the pair's row, with the
/// audit record.
fn store(
    conn: &Connection,
    ctx: &Context,
    need: &Post,
    offer: &Post,
    score: u8,
    status: MatchStatus,
) -> Result<i64> {
    let old = decision(conn, need.id, offer.id)?;
    conn.execute(
        "INSERT INTO exchange_matches (need_id, offer_id, score, status, decided_at, decided_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (need_id, offer_id) DO UPDATE SET status = excluded.status,
             decided_at = excluded.decided_at, decided_by = excluded.decided_by",
        (
            need.id,
            offer.id,
            score,
            status,
            ctx.timestamp(),
            &ctx.operator,
        ),
    )?;
    let id: i64 = conn.query_row(
        "SELECT id FROM exchange_matches WHERE need_id = ?1 AND offer_id = ?2",
        (need.id, offer.id),
        |row| row.get(0),
    )?;
    let values = |status: MatchStatus| {
        json!({
            "need_id": need.id,
            "offer_id": offer.id,
            "score": score,
            "status": status.as_str(),
        })
    };
    audit::record(
        conn,
        ctx,
        Change {
            table: "exchange_matches",
            record_id: id.to_string(),
            old: old.map(|d| values(d.status)),
            new: Some(values(status)),
        },
    )?;
    Ok(id)
}

/// Terms of a loan that carries out a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanTerms {
    /// Date it goes out.
    pub out_date: NaiveDate,
    /// Date it is due back.
    pub due_date: NaiveDate,
    /// Deposit the needing community leaves.
    pub deposit: Satang,
    /// Fee it pays.
    pub fee: Satang,
}

/// Terms of a transfer that carries out a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferTerms {
    /// Date of the transfer.
    pub date: NaiveDate,
    /// Price the needing community pays; zero for a gift.
    pub price: Satang,
}

/// Carries out an accepted match by lending the offered item to the
/// needing community. An offer that names no item of its community's
/// register is registered there first, under the offer's text. When the
/// need was raised by an item's missing part, that item becomes available
/// (fixed) until the loan comes back.
///
/// Fails when the match is not accepted, and as [`lending::check_out`]
/// does.
pub fn fulfil_by_loan(
    conn: &Connection,
    ctx: &Context,
    need_id: i64,
    offer_id: i64,
    terms: &LoanTerms,
) -> Result<Loan> {
    let (need, offer, match_id) = accepted(conn, need_id, offer_id)?;
    let item_id = offered_item(conn, ctx, &offer)?;
    let item = get_item(conn, item_id)?;
    let new = NewLoan {
        item_id,
        quantity: need
            .quantity
            .min(offer.quantity)
            .min(item.lendable())
            .max(1),
        borrower: Borrower::Community(need.community_id),
        out_date: terms.out_date,
        due_date: terms.due_date,
        deposit: terms.deposit,
        fee: terms.fee,
        condition: None,
        reservation_id: None,
        note: Some(format!("match of need {need_id} and offer {offer_id}")),
    };
    let loan = lending::check_out(conn, ctx, &new)?;
    lending::set_match(conn, ctx, loan.id, match_id)?;
    conn.execute(
        "UPDATE exchange_matches SET status = 'fulfilled', loan_id = ?2 WHERE id = ?1",
        (match_id, loan.id),
    )?;
    fulfilled(
        conn,
        ctx,
        match_id,
        &need,
        &offer,
        &format!("lent by {} (loan {})", offer.community, loan.id),
        terms.out_date,
    )?;
    lending::get_loan(conn, loan.id)
}

/// Carries out an accepted match by giving or selling the offered item
/// (as many pieces as the need asks, at most the offer's) to the needing
/// community. An offer that names no item is registered first, as for a
/// loan. When the need was raised by an item's missing part, that item
/// becomes available (fixed).
///
/// Fails when the match is not accepted, and as [`transfers::transfer`]
/// does.
pub fn fulfil_by_transfer(
    conn: &Connection,
    ctx: &Context,
    need_id: i64,
    offer_id: i64,
    terms: &TransferTerms,
) -> Result<Transfer> {
    let (need, offer, match_id) = accepted(conn, need_id, offer_id)?;
    let item_id = offered_item(conn, ctx, &offer)?;
    let item = get_item(conn, item_id)?;
    let wanted = need.quantity.min(offer.quantity);
    let new = NewTransfer {
        item_id,
        to_community_id: need.community_id,
        quantity: Some(wanted.min(item.quantity)),
        date: terms.date,
        price: terms.price,
        note: Some(format!("match of need {need_id} and offer {offer_id}")),
    };
    let transfer = transfers::transfer_for_match(conn, ctx, &new, Some(match_id))?;
    conn.execute(
        "UPDATE exchange_matches SET status = 'fulfilled', transfer_id = ?2 WHERE id = ?1",
        (match_id, transfer.id),
    )?;
    let how = format!(
        "received from {} (transfer {})",
        offer.community, transfer.id
    );
    fulfilled(conn, ctx, match_id, &need, &offer, &how, terms.date)?;
    Ok(transfer)
}

/// Returns the need, the offer and the id of their accepted match.
fn accepted(conn: &Connection, need_id: i64, offer_id: i64) -> Result<(Post, Post, i64)> {
    let (need, offer) = posts_of(conn, need_id, offer_id)?;
    match decision(conn, need_id, offer_id)? {
        Some(d) if d.status == MatchStatus::Accepted => Ok((need, offer, d.id)),
        other => Err(Error::rule(
            "match_not_accepted",
            format!(
                "the match of need {need_id} and offer {offer_id} is {}; accept it first",
                other.map_or("not decided", |d| d.status.as_str())
            ),
        )),
    }
}

/// The offered item, registered in the offering community under the
/// offer's text when the offer names none.
fn offered_item(conn: &Connection, ctx: &Context, offer: &Post) -> Result<i64> {
    if let Some(item_id) = offer.item_id {
        return Ok(item_id);
    }
    let details = ItemDetails {
        category: offer.category,
        tracking: if offer.quantity > 1 {
            Tracking::Stock
        } else {
            Tracking::Unit
        },
        quantity: offer.quantity,
        note: Some(format!("registered from offer {}", offer.id)),
        ..ItemDetails::named(offer.text.clone())
    };
    let new = NewItem {
        community_id: offer.community_id,
        details,
        status: Status::Available,
        missing: None,
    };
    let item = insert_item(conn, ctx, &new, None)?;
    conn.execute(
        "UPDATE exchange_posts SET item_id = ?2 WHERE id = ?1",
        (offer.id, item.id),
    )?;
    let (old, new) = (json!({ "item_id": null }), json!({ "item_id": item.id }));
    record_fields(conn, ctx, "exchange_posts", offer.id, old, new)?;
    Ok(item.id)
}

/// Marks both posts fulfilled, and fixes the item whose missing part
/// raised the need.
fn fulfilled(
    conn: &Connection,
    ctx: &Context,
    match_id: i64,
    need: &Post,
    offer: &Post,
    how: &str,
    date: NaiveDate,
) -> Result<()> {
    let (old, new) = (
        json!({ "status": "accepted" }),
        json!({ "status": "fulfilled" }),
    );
    record_fields(conn, ctx, "exchange_matches", match_id, old, new)?;
    posts::set_status(conn, ctx, need, PostStatus::Fulfilled)?;
    posts::set_status(conn, ctx, offer, PostStatus::Fulfilled)?;
    let Some(item_id) = need.item_id.filter(|_| need.automatic) else {
        return Ok(());
    };
    let item = get_item(conn, item_id)?;
    if item.status == Status::PartMissing && item.missing == need.part {
        let note = format!("{} {how}", need.part.as_deref().unwrap_or_default());
        let note = Some(note.as_str());
        equipment::change_status(conn, ctx, &item, Status::Available, None, date, note)?;
    }
    Ok(())
}

/// Records in the audit log the fields of a record that changed.
fn record_fields(
    conn: &Connection,
    ctx: &Context,
    table: &'static str,
    id: i64,
    old: serde_json::Value,
    new: serde_json::Value,
) -> Result<()> {
    let change = Change {
        table,
        record_id: id.to_string(),
        old: Some(old),
        new: Some(new),
    };
    audit::record(conn, ctx, change)
}

/// After a loan that carried out a match for an item's missing part comes
/// back, the item lacks the part again: it is part missing once more and
/// raises a new need. Nothing happens for other loans, or when staff have
/// changed the item's status since.
pub(crate) fn loan_returned(conn: &Connection, ctx: &Context, loan: &Loan) -> Result<()> {
    let Some(match_id) = loan.match_id else {
        return Ok(());
    };
    let need_id: i64 = conn.query_row(
        "SELECT need_id FROM exchange_matches WHERE id = ?1",
        [match_id],
        |row| row.get(0),
    )?;
    let need = get_post(conn, need_id)?;
    let (Some(item_id), Some(part), true) = (need.item_id, need.part.as_deref(), need.automatic)
    else {
        return Ok(());
    };
    let item = get_item(conn, item_id)?;
    if item.status == Status::Available && item.on_loan == 0 {
        let note = format!("{part} went back with loan {}", loan.id);
        equipment::change_status(
            conn,
            ctx,
            &item,
            Status::PartMissing,
            Some(part),
            loan.returned_date.unwrap_or(ctx.today()),
            Some(&note),
        )?;
    }
    Ok(())
}
