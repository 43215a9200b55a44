//! Commands of the equipment exchange's screens: the register with its
//! photos and history, lending and reservations, needs, offers and their
//! matches, transfers, the money they moved, the report, and the
//! equipment list import.
//!
//! [`super::route`] sends every command named `exchange_…` here, so each
//! command of this part carries that prefix. To add one: write it here
//! with `#[tauri::command]` (`build.rs` finds it by that attribute), list
//! it in [`handler`], and grant `allow-exchange-<name>` in
//! `capabilities/exchange.json`. Its data shapes go in `crate::dto::exchange`.

use std::path::PathBuf;

use chumchon::exchange as core;
use chumchon::import::{equipment, session::Mode};
use tauri::ipc::{Invoke, Response};
use tauri::{AppHandle, State};
use tracing::instrument;

use crate::dialogs;
use crate::dto::exchange::{
    CheckIn, CheckOut, EquipmentImportPreview, EquipmentImportRequest, EquipmentItem, ItemFields,
    ItemQuery, ItemRecord, ItemStatus, Loan, LoanQuery, LoanTerms, Match, MatchQuery, MoneyList,
    MoneyMovement, MoneyQuery, NewEquipmentItem, Photo, Post, PostInput, PostQuery, ReportRequest,
    Reservation, ReservationInput, Transfer, TransferInput, TransferTerms,
};
use crate::error::{AppError, AppResult};
use crate::progress;
use crate::state::{context, AppState};

/// Extensions of the photos an item takes, as the core reads them.
const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

/// The handler of this part's commands.
pub fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        exchange_list_items,
        exchange_item_record,
        exchange_add_item,
        exchange_update_item,
        exchange_set_status,
        exchange_add_photo,
        exchange_photo_bytes,
        exchange_remove_photo,
        exchange_list_loans,
        exchange_overdue,
        exchange_check_out,
        exchange_check_in,
        exchange_list_reservations,
        exchange_reserve,
        exchange_cancel_reservation,
        exchange_list_posts,
        exchange_post,
        exchange_close_post,
        exchange_list_matches,
        exchange_accept_match,
        exchange_decline_match,
        exchange_undo_match,
        exchange_fulfil_by_loan,
        exchange_fulfil_by_transfer,
        exchange_transfer,
        exchange_list_transfers,
        exchange_reverse_transfer,
        exchange_list_money,
        exchange_reverse_money,
        exchange_write_report,
        exchange_preview_import,
        exchange_commit_import,
    ]
}

/// Items of the register, by community and name.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_list_items(
    state: State<'_, AppState>,
    query: ItemQuery,
) -> AppResult<Vec<EquipmentItem>> {
    let filter = query.into();
    let items = state.with_conn(|conn| core::list_items(conn, &filter))?;
    Ok(items.into_iter().map(Into::into).collect())
}

/// Returns one item with its photos, history, loans, active reservations
/// and the need its missing part raised.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_item_record(state: State<'_, AppState>, item_id: i64) -> AppResult<ItemRecord> {
    let today = context().today();
    state.with_conn(|conn| {
        let loans = core::list_loans(
            conn,
            &core::LoanFilter {
                item_id: Some(item_id),
                ..core::LoanFilter::default()
            },
        )?;
        Ok(ItemRecord {
            item: core::get_item(conn, item_id)?.into(),
            photos: into_all(core::list_photos(conn, item_id)?),
            history: into_all(core::item_history(conn, item_id)?),
            loans: Loan::list(loans, today),
            reservations: into_all(core::list_reservations(conn, Some(item_id), false)?),
            need: core::posts::automatic_need(conn, item_id)?.map(Into::into),
        })
    })
}

/// Adds an item to a community's register.
#[tauri::command(async)]
#[instrument(skip(state, item), err)]
pub fn exchange_add_item(
    state: State<'_, AppState>,
    item: NewEquipmentItem,
) -> AppResult<EquipmentItem> {
    let (ctx, item) = (context(), item.into_core()?);
    Ok(state
        .with_write(|tx| core::add_item(tx, &ctx, &item))?
        .into())
}

/// Replaces an item's details.
#[tauri::command(async)]
#[instrument(skip(state, fields), err)]
pub fn exchange_update_item(
    state: State<'_, AppState>,
    item_id: i64,
    fields: ItemFields,
) -> AppResult<EquipmentItem> {
    let (ctx, details) = (context(), fields.into_core()?);
    let item = state.with_write(|tx| core::update_item(tx, &ctx, item_id, &details))?;
    Ok(item.into())
}

/// Sets an item's status; part missing names the missing part and raises
/// a need for it.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_set_status(
    state: State<'_, AppState>,
    item_id: i64,
    status: ItemStatus,
    missing: Option<String>,
) -> AppResult<EquipmentItem> {
    let ctx = context();
    let item = state
        .with_write(|tx| core::set_status(tx, &ctx, item_id, status.into(), missing.as_deref()))?;
    Ok(item.into())
}

/// Shows an open dialog for a photo and adds the chosen file to the item;
/// `None` when the user cancelled.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn exchange_add_photo(
    app: AppHandle,
    state: State<'_, AppState>,
    item_id: i64,
    filter_name: String,
) -> AppResult<Option<Photo>> {
    let e2e = state.e2e.as_ref();
    let Some(path) = dialogs::pick_open_with(&app, e2e, PHOTO_EXTENSIONS, &filter_name) else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|error| {
        AppError::from(chumchon::Error::Io {
            path: path.clone(),
            source: error,
        })
    })?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let ctx = context();
    let photo = state.with_write(|tx| core::add_photo(tx, &ctx, item_id, &name, &bytes))?;
    Ok(Some(photo.into()))
}

/// Returns a photo's bytes, which the UI shows as an image.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_photo_bytes(state: State<'_, AppState>, photo_id: i64) -> AppResult<Response> {
    let (_, bytes) = state.with_conn(|conn| core::photo_bytes(conn, photo_id))?;
    Ok(Response::new(bytes))
}

/// Removes a photo; the item's history keeps its name.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_remove_photo(state: State<'_, AppState>, photo_id: i64) -> AppResult<()> {
    let ctx = context();
    state.with_write(|tx| core::remove_photo(tx, &ctx, photo_id))
}

/// Loans by out date, with days overdue as of today.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_list_loans(state: State<'_, AppState>, query: LoanQuery) -> AppResult<Vec<Loan>> {
    let (today, filter) = (context().today(), query.into());
    let loans = state.with_conn(|conn| core::list_loans(conn, &filter))?;
    Ok(Loan::list(loans, today))
}

/// Loans still out past their due date on `as_of` (ISO CE; today when
/// `None`), most overdue first.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_overdue(state: State<'_, AppState>, as_of: Option<String>) -> AppResult<Vec<Loan>> {
    let today = context().today();
    let as_of = crate::dto::exchange::parse_optional_date(as_of.as_deref())?.unwrap_or(today);
    let loans = state.with_conn(|conn| core::overdue(conn, as_of))?;
    Ok(Loan::list(loans, as_of))
}

/// Checks an item out to a community or a member.
#[tauri::command(async)]
#[instrument(skip(state, loan), err)]
pub fn exchange_check_out(state: State<'_, AppState>, loan: CheckOut) -> AppResult<Loan> {
    let ctx = context();
    let borrower = state.with_conn(|conn| loan.borrower.resolve(conn))?;
    let new = loan.into_core(borrower)?;
    let stored = state.with_write(|tx| core::check_out(tx, &ctx, &new))?;
    Ok(Loan::new(stored, ctx.today()))
}

/// Checks a loan back in with the condition staff found.
#[tauri::command(async)]
#[instrument(skip(state, back), err)]
pub fn exchange_check_in(
    state: State<'_, AppState>,
    loan_id: i64,
    back: CheckIn,
) -> AppResult<Loan> {
    let (ctx, back) = (context(), back.into_core()?);
    let stored = state.with_write(|tx| core::check_in(tx, &ctx, loan_id, &back))?;
    Ok(Loan::new(stored, ctx.today()))
}

/// Reservations of one item, or of every item; only active ones unless
/// `all`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_list_reservations(
    state: State<'_, AppState>,
    item_id: Option<i64>,
    all: bool,
) -> AppResult<Vec<Reservation>> {
    let list = state.with_conn(|conn| core::list_reservations(conn, item_id, all))?;
    Ok(into_all(list))
}

/// Reserves pieces of an item for future dates.
#[tauri::command(async)]
#[instrument(skip(state, reservation), err)]
pub fn exchange_reserve(
    state: State<'_, AppState>,
    reservation: ReservationInput,
) -> AppResult<Reservation> {
    let ctx = context();
    let borrower = state.with_conn(|conn| reservation.borrower.resolve(conn))?;
    let new = reservation.into_core(borrower)?;
    Ok(state.with_write(|tx| core::reserve(tx, &ctx, &new))?.into())
}

/// Cancels an active reservation.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_cancel_reservation(
    state: State<'_, AppState>,
    reservation_id: i64,
) -> AppResult<Reservation> {
    let ctx = context();
    let cancelled = state.with_write(|tx| core::cancel_reservation(tx, &ctx, reservation_id))?;
    Ok(cancelled.into())
}

/// Needs and offers, newest first.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_list_posts(state: State<'_, AppState>, query: PostQuery) -> AppResult<Vec<Post>> {
    let filter = query.into();
    Ok(into_all(
        state.with_conn(|conn| core::list_posts(conn, &filter))?,
    ))
}

/// Posts a need or an offer.
#[tauri::command(async)]
#[instrument(skip(state, post), err)]
pub fn exchange_post(state: State<'_, AppState>, post: PostInput) -> AppResult<Post> {
    let (ctx, new) = (context(), post.into());
    Ok(state.with_write(|tx| core::post(tx, &ctx, &new))?.into())
}

/// Closes an open or matched need or offer.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_close_post(state: State<'_, AppState>, post_id: i64) -> AppResult<Post> {
    let ctx = context();
    Ok(state
        .with_write(|tx| core::close_post(tx, &ctx, post_id))?
        .into())
}

/// Proposed matches, best first within each need, and with
/// `include_decided` the decided ones after them.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_list_matches(
    state: State<'_, AppState>,
    query: MatchQuery,
) -> AppResult<Vec<Match>> {
    let filter = query.into();
    Ok(into_all(
        state.with_conn(|conn| core::list_matches(conn, &filter))?,
    ))
}

/// Accepts a proposed match.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_accept_match(
    state: State<'_, AppState>,
    need_id: i64,
    offer_id: i64,
) -> AppResult<Match> {
    let ctx = context();
    let decided = state.with_write(|tx| core::accept_match(tx, &ctx, need_id, offer_id))?;
    Ok(decided.into())
}

/// Declines a proposed match, so that it is not proposed again.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_decline_match(
    state: State<'_, AppState>,
    need_id: i64,
    offer_id: i64,
) -> AppResult<Match> {
    let ctx = context();
    let decided = state.with_write(|tx| core::decline_match(tx, &ctx, need_id, offer_id))?;
    Ok(decided.into())
}

/// Undoes an accept or a decline; the match is proposed again.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_undo_match(
    state: State<'_, AppState>,
    need_id: i64,
    offer_id: i64,
) -> AppResult<Match> {
    let ctx = context();
    let undone = state.with_write(|tx| core::undo_match(tx, &ctx, need_id, offer_id))?;
    Ok(undone.into())
}

/// Carries out an accepted match by lending the offered item.
#[tauri::command(async)]
#[instrument(skip(state, terms), err)]
pub fn exchange_fulfil_by_loan(
    state: State<'_, AppState>,
    need_id: i64,
    offer_id: i64,
    terms: LoanTerms,
) -> AppResult<Loan> {
    let (ctx, terms) = (context(), terms.into_core()?);
    let loan = state.with_write(|tx| core::fulfil_by_loan(tx, &ctx, need_id, offer_id, &terms))?;
    Ok(Loan::new(loan, ctx.today()))
}

/// Carries out an accepted match by giving or selling the offered item.
#[tauri::command(async)]
#[instrument(skip(state, terms), err)]
pub fn exchange_fulfil_by_transfer(
    state: State<'_, AppState>,
    need_id: i64,
    offer_id: i64,
    terms: TransferTerms,
) -> AppResult<Transfer> {
    let (ctx, terms) = (context(), terms.into_core()?);
    let transfer =
        state.with_write(|tx| core::fulfil_by_transfer(tx, &ctx, need_id, offer_id, &terms))?;
    Ok(transfer.into())
}

/// Gives or sells an item (or pieces of a stock) to another community.
#[tauri::command(async)]
#[instrument(skip(state, transfer), err)]
pub fn exchange_transfer(
    state: State<'_, AppState>,
    transfer: TransferInput,
) -> AppResult<Transfer> {
    let (ctx, new) = (context(), transfer.into_core()?);
    Ok(state
        .with_write(|tx| core::transfer(tx, &ctx, &new))?
        .into())
}

/// Transfers from or to a community, or every transfer, by date.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_list_transfers(
    state: State<'_, AppState>,
    community_id: Option<i64>,
) -> AppResult<Vec<Transfer>> {
    let list = state.with_conn(|conn| core::list_transfers(conn, community_id))?;
    Ok(into_all(list))
}

/// Reverses a transfer today, with the reason staff gave.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_reverse_transfer(
    state: State<'_, AppState>,
    transfer_id: i64,
    note: String,
) -> AppResult<Transfer> {
    let ctx = context();
    let today = ctx.today();
    let reversal =
        state.with_write(|tx| core::reverse_transfer(tx, &ctx, transfer_id, today, &note))?;
    Ok(reversal.into())
}

/// Lists the money that loans and sales moved, by date, with totals by kind.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_list_money(state: State<'_, AppState>, query: MoneyQuery) -> AppResult<MoneyList> {
    let filter = query.into_core()?;
    let movements = state.with_conn(|conn| core::list_movements(conn, &filter))?;
    Ok(movements.into())
}

/// Reverses a movement recorded by mistake, today, with the reason staff
/// gave: a new movement of the opposite amount.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_reverse_money(
    state: State<'_, AppState>,
    movement_id: i64,
    note: String,
) -> AppResult<MoneyMovement> {
    let ctx = context();
    let today = ctx.today();
    let reversal =
        state.with_write(|tx| core::reverse_movement(tx, &ctx, movement_id, today, &note))?;
    Ok(reversal.into())
}

/// Writes the report of holdings, loans, utilisation and overdue items as
/// an Excel workbook or a PDF, by the file's extension.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn exchange_write_report(state: State<'_, AppState>, request: ReportRequest) -> AppResult<()> {
    let ctx = context();
    let (as_of, from, to) = request.dates()?;
    let path = PathBuf::from(&request.path);
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    state.with_conn(|conn| {
        let report = core::report(conn, as_of, from, to)?;
        match extension.as_deref() {
            Some("xlsx") => chumchon::export::exchange::write_report(conn, &ctx, &report, &path),
            Some("pdf") => {
                chumchon::db::refuse_database_as_output(conn, &path)?;
                chumchon::pdf::exchange::write_exchange_report(&path, &report, ctx.today())?;
                Ok(())
            }
            _ => Err(chumchon::Error::rule(
                "report_format",
                format!(
                    "cannot tell the format of {}; name the file .xlsx or .pdf",
                    path.display()
                ),
            )),
        }
    })
}

/// Reads an equipment list and reports what an import would do, writing
/// nothing.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn exchange_preview_import(
    app: AppHandle,
    state: State<'_, AppState>,
    request: EquipmentImportRequest,
) -> AppResult<EquipmentImportPreview> {
    import(&app, &state, &request, Mode::Preview)
}

/// Backs up the database, then imports the equipment list.
#[tauri::command(async)]
#[instrument(skip(app, state), err)]
pub fn exchange_commit_import(
    app: AppHandle,
    state: State<'_, AppState>,
    request: EquipmentImportRequest,
) -> AppResult<EquipmentImportPreview> {
    import(&app, &state, &request, Mode::Commit)
}

fn import(
    app: &AppHandle,
    state: &AppState,
    request: &EquipmentImportRequest,
    mode: Mode,
) -> AppResult<EquipmentImportPreview> {
    let (ctx, path) = (context(), PathBuf::from(&request.path));
    let options = equipment::Options::from(request);
    let mut progress = progress::emitter(app, "import");
    state.with_conn(|conn| {
        equipment::import(conn, &ctx, &path, &options, mode, &mut progress).map(Into::into)
    })
}

/// Converts each value of a core list into its IPC shape.
fn into_all<T, U: From<T>>(list: Vec<T>) -> Vec<U> {
    list.into_iter().map(Into::into).collect()
}
