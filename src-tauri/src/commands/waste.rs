//! Commands of the waste bank's screens.
//!
//! [`super::route`] sends every command named `waste_…` here, so each
//! command of this part carries that prefix. To add one: write it here
//! with `#[tauri::command]` (`build.rs` finds it by that attribute), list
//! it in [`handler`], and grant `allow-waste-<name>` in
//! `capabilities/waste.json`. Its data shapes go in `crate::dto::waste`.
//!
//! Dates come in as the Buddhist-era text the user typed and go out as ISO
//! CE dates; kilograms come in as typed and go out as grams.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use chumchon::pdf::ReceiptLayout;
use chumchon::waste::{self, DepositPayment, Depositor, NewDeposit, NewLine, ReportFilter};
use rusqlite::Connection;
use tauri::ipc::Invoke;
use tauri::State;
use tracing::instrument;

use crate::dto::waste::{
    AliasRow, ChartCell, ConversionView, CreditRow, CreditView, DepositInput, DepositLineRow,
    DepositView, MaterialRow, PaymentChoice, PointRow, ReceiptChoice, WasteCatalog, WasteChart,
};
use crate::error::AppResult;
use crate::state::{context, AppState};

// The scan that finds commands for `build.rs` reads only the files
// directly in `src/commands/`, so these modules live there.
#[path = "waste_collection.rs"]
mod collection;
#[path = "waste_import.rs"]
mod deposit_import;
#[path = "waste_prices.rs"]
mod prices;

/// The handler of this part's commands.
pub fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        waste_catalog,
        waste_record_deposit,
        waste_write_receipt,
        waste_credit,
        waste_convert_credit,
        waste_chart,
        waste_list_aliases,
        waste_set_alias,
        waste_delete_alias,
        waste_export_report,
        collection::waste_collectors,
        collection::waste_add_collector,
        collection::waste_update_collector,
        collection::waste_set_collector_active,
        collection::waste_add_round,
        collection::waste_record_round,
        collection::waste_sales,
        collection::waste_record_sale,
        collection::waste_reverse_sale,
        prices::waste_buyer_prices,
        prices::waste_set_buyer_price,
        deposit_import::waste_import_deposits,
    ]
}

/// Reads a Buddhist-era date as typed.
fn be_date(text: &str) -> AppResult<NaiveDate> {
    Ok(chumchon::thai::date::parse_be_text(text)?)
}

/// Lists the materials with the members' price in force on `date` (BE
/// text), and the collection points.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_catalog(state: State<'_, AppState>, date: String) -> AppResult<WasteCatalog> {
    let date = be_date(&date)?;
    state.with_conn(|conn| {
        let mut materials = Vec::new();
        for m in waste::list_materials(conn)? {
            materials.push(MaterialRow {
                satang_per_kg: waste::price_on(conn, m.id, None, date)?,
                id: m.id,
                code: m.code,
                name_th: m.name_th,
                name_en: m.name_en,
                is_plastic: m.is_plastic,
            });
        }
        let points = waste::list_points(conn)?
            .into_iter()
            .map(|p| PointRow {
                id: p.id,
                community: p.community,
                name: p.name,
            })
            .collect();
        Ok(WasteCatalog { materials, points })
    })
}

fn deposit_view(conn: &Connection, id: i64) -> chumchon::Result<DepositView> {
    let deposit = waste::get_deposit(conn, id)?;
    Ok(DepositView {
        id: deposit.id,
        date: deposit.date.to_string(),
        member_no: deposit.member_no,
        member_name: deposit.member_name,
        household: deposit.household,
        scale_id: deposit.scale_id,
        weighed_by: deposit.weighed_by,
        point: deposit.point,
        payment: deposit.payment.as_str().to_string(),
        lines: deposit
            .lots
            .into_iter()
            .map(|lot| DepositLineRow {
                material: lot.material,
                material_name: lot.material_name,
                grams: lot.grams,
                satang_per_kg: lot.satang_per_kg,
                value_satang: lot.value.satang(),
            })
            .collect(),
        total_satang: deposit.total.satang(),
    })
}

/// Records a member's or a household's deposit at the prices in force on its date; returns
/// it as stored.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_record_deposit(
    state: State<'_, AppState>,
    deposit: DepositInput,
) -> AppResult<DepositView> {
    let date = be_date(&deposit.date)?;
    let mut lines = Vec::new();
    for line in &deposit.lines {
        lines.push(NewLine {
            material_id: line.material_id,
            grams: waste::parse_kg(&line.kg)?,
            satang_per_kg: None,
            value: None,
        });
    }
    let payment = match deposit.payment {
        PaymentChoice::Cash => DepositPayment::Cash,
        PaymentChoice::Credit => DepositPayment::Credit,
    };
    let ctx = context();
    let text = |value: &str| {
        let value = value.trim();
        (!value.is_empty()).then(|| value.to_string())
    };
    state.with_write(|tx| {
        let depositor = match text(&deposit.household) {
            Some(household) => Depositor::Household(household),
            None => Depositor::Member(chumchon::members::get(tx, deposit.member_no.trim())?.id),
        };
        let new = NewDeposit {
            depositor,
            point_id: deposit.point_id,
            date,
            payment,
            scale_id: text(&deposit.scale_id),
            weighed_by: text(&deposit.weighed_by),
            receipt_no: None,
            note: None,
            lines,
        };
        let id = waste::record_deposit(tx, &ctx, &new)?;
        deposit_view(tx, id)
    })
}

/// Writes deposit `id`'s receipt as a PDF at `path`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_write_receipt(
    state: State<'_, AppState>,
    id: i64,
    layout: ReceiptChoice,
    path: PathBuf,
) -> AppResult<()> {
    let layout = match layout {
        ReceiptChoice::A6 => ReceiptLayout::A6,
        ReceiptChoice::Slip80 => ReceiptLayout::Slip80,
    };
    let today = context().today();
    state.with_conn(|conn| waste::documents::write_receipt(conn, id, layout, today, &path))
}

fn credit_view(
    conn: &Connection,
    member_no: &str,
    date: NaiveDate,
) -> chumchon::Result<CreditView> {
    let member = chumchon::members::get(conn, member_no.trim())?;
    let history = waste::credit_history(conn, member.id)?
        .into_iter()
        .map(|entry| CreditRow {
            date: entry.date.to_string(),
            kind: format!("{:?}", entry.kind).to_lowercase(),
            amount_satang: entry.amount.satang(),
            balance_satang: entry.balance.satang(),
        })
        .collect();
    Ok(CreditView {
        member_no: member.details.member_no.clone(),
        member_name: member.full_name(),
        balance_satang: waste::credit_balance(conn, member.id)?.satang(),
        available_satang: waste::credit_available(conn, member.id, date)?.satang(),
        par_satang: chumchon::shares::policy(conn)?.par.satang(),
        shares: chumchon::shares::balance(conn, member.id)?,
        history,
    })
}

/// Reads a member's plastic-credit account as of `date` (BE text).
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_credit(
    state: State<'_, AppState>,
    member_no: String,
    date: String,
) -> AppResult<CreditView> {
    let date = be_date(&date)?;
    state.with_conn(|conn| credit_view(conn, &member_no, date))
}

/// Converts as much of a member's credit as buys whole shares at par on
/// `date` (BE text); the rest stays as credit.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_convert_credit(
    state: State<'_, AppState>,
    member_no: String,
    date: String,
) -> AppResult<ConversionView> {
    let date = be_date(&date)?;
    let ctx = context();
    let conversion = state.with_write(|tx| {
        let member = chumchon::members::get(tx, member_no.trim())?;
        waste::convert_credit(tx, &ctx, member.id, date, None)
    })?;
    Ok(ConversionView {
        shares: conversion.shares,
        amount_satang: conversion.amount.satang(),
        credit_left_satang: conversion.credit_left.satang(),
    })
}

/// Sums the kilograms deposited by material per month over Buddhist-era
/// year `year_be`.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_chart(state: State<'_, AppState>, year_be: i32) -> AppResult<WasteChart> {
    let filter = ReportFilter::year(year_be)?;
    let report = state.with_conn(|conn| waste::programme_report(conn, &filter))?;
    let mut grams: BTreeMap<(i32, u32, String), i64> = BTreeMap::new();
    for row in &report.monthly {
        *grams
            .entry((row.month.year, row.month.month, row.material.clone()))
            .or_default() += row.grams;
    }
    let cells = grams
        .into_iter()
        .map(|((year, month, material), grams)| ChartCell {
            month,
            year,
            material,
            grams,
        })
        .collect();
    Ok(WasteChart {
        year_be,
        total_grams: report.total_grams,
        cells,
    })
}

/// Lists the loose material names and the materials they stand for.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_list_aliases(state: State<'_, AppState>) -> AppResult<Vec<AliasRow>> {
    let aliases = state.with_conn(|conn| waste::list_aliases(conn))?;
    Ok(aliases
        .into_iter()
        .map(|a| AliasRow {
            alias: a.alias,
            code: a.code,
        })
        .collect())
}

/// Maps the loose name `alias` to material `code`, replacing any mapping
/// it had; returns the aliases.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_set_alias(
    state: State<'_, AppState>,
    alias: String,
    code: String,
) -> AppResult<Vec<AliasRow>> {
    let ctx = context();
    state.with_write(|tx| waste::set_alias(tx, &ctx, alias.trim(), code.trim()))?;
    waste_list_aliases(state)
}

/// Removes the loose name `alias`; returns the aliases.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_delete_alias(state: State<'_, AppState>, alias: String) -> AppResult<Vec<AliasRow>> {
    let ctx = context();
    state.with_write(|tx| waste::delete_alias(tx, &ctx, &alias))?;
    waste_list_aliases(state)
}

/// Writes the programme report of Buddhist-era year `year_be` to `path`:
/// a PDF when the path ends in ".pdf", otherwise an Excel workbook.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_export_report(
    state: State<'_, AppState>,
    year_be: i32,
    path: PathBuf,
) -> AppResult<()> {
    let filter = ReportFilter::year(year_be)?;
    let ctx = context();
    let today = ctx.today();
    let pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    state.with_conn(|conn| {
        if pdf {
            waste::documents::write_programme_report(conn, &filter, today, &path).map(drop)
        } else {
            chumchon::export::programme_report(conn, &ctx, &filter, &path).map(drop)
        }
    })
}
