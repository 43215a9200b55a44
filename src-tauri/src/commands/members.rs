//! The members screen: communities, search, one member's record and share
//! history.

use std::path::PathBuf;

use tauri::State;
use tracing::instrument;

use crate::dto::{Community, MemberDetail, MemberEdit, MemberPage, MemberQuery, ShareLine};
use crate::error::AppResult;
use crate::state::{context, AppState};

/// Every community with its member count, in Thai name order.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn list_communities(state: State<'_, AppState>) -> AppResult<Vec<Community>> {
    let list = state.with_conn(|conn| chumchon::members::list_communities(conn))?;
    Ok(list.into_iter().map(Into::into).collect())
}

/// One page of members matching the query.
#[tauri::command(async)]
#[instrument(skip(state, query), fields(offset = query.offset, limit = query.limit), err)]
pub fn search_members(state: State<'_, AppState>, query: MemberQuery) -> AppResult<MemberPage> {
    let query = query.into();
    Ok(state
        .with_conn(|conn| chumchon::members::search(conn, &query))?
        .into())
}

/// One member's record, by member number.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn get_member(state: State<'_, AppState>, member_no: String) -> AppResult<MemberDetail> {
    Ok(state
        .with_conn(|conn| chumchon::members::get(conn, &member_no))?
        .into())
}

/// Saves an edit of a member's details, recorded in the audit log, and
/// returns the record as stored. A corrected national ID clears the
/// review flag.
#[tauri::command(async)]
#[instrument(skip(state, edit), err)]
pub fn update_member(
    state: State<'_, AppState>,
    member_id: i64,
    edit: MemberEdit,
) -> AppResult<MemberDetail> {
    let ctx = context();
    let stored = state.with_conn(|conn| chumchon::members::get_by_id(conn, member_id))?;
    let details = edit.apply(&stored.details)?;
    state.with_write(|tx| chumchon::members::update(tx, &ctx, member_id, &details))?;
    let member = state.with_conn(|conn| chumchon::members::get_by_id(conn, member_id))?;
    Ok(member.into())
}

/// Writes a member's share statement as a PDF at `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn write_statement(
    state: State<'_, AppState>,
    member_no: String,
    path: PathBuf,
) -> AppResult<()> {
    let today = context().today();
    state.with_conn(|conn| chumchon::documents::write_statement(conn, &member_no, today, &path))
}

/// A member's share transactions, oldest first, with the running balance.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn member_history(state: State<'_, AppState>, member_id: i64) -> AppResult<Vec<ShareLine>> {
    let lines = state.with_conn(|conn| chumchon::shares::history(conn, member_id))?;
    Ok(lines.into_iter().map(Into::into).collect())
}

/// Writes the member register with share balances to an Excel file at
/// `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn export_members(state: State<'_, AppState>, path: PathBuf) -> AppResult<()> {
    let ctx = context();
    state.with_conn(|conn| chumchon::export::members(conn, &ctx, &path))
}
