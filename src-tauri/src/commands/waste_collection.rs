//! Commands of the waste bank's collectors and sales tabs: collectors,
//! rounds and their records, sales with the stock check, stock and margin.

use chumchon::waste::collectors::{self, Frequency, NewCollector, NewRoundRecord};
use chumchon::waste::reports::MarginRow;
use chumchon::waste::sales::{self, NewSale, NewSaleLine, Sale, StockLine};
use chumchon::waste::{self, ReportFilter};
use chumchon::Satang;
use rusqlite::Connection;
use tauri::State;
use tracing::instrument;

use super::be_date;
use crate::dto::waste::{
    CollectorInput, CollectorRow, CollectorsView, MarginMonthRow, MaterialGrams, RoundInput,
    RoundRecordInput, RoundRecordRow, RoundRow, SaleInput, SaleLineRow, SaleOutcomeView, SaleRow,
    SalesView, ScheduleDayRow, ShortfallRow, StockRow, ZoneRow,
};
use crate::error::AppResult;
use crate::state::{context, AppState};

/// Text as typed, or `None` when blank.
fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn round_row(round: collectors::Round) -> RoundRow {
    RoundRow {
        id: round.id,
        collector_id: round.collector_id,
        collector: round.collector,
        community: round.community,
        zone: round.zone,
        weekday: match round.frequency {
            Frequency::Daily => None,
            Frequency::Weekly(day) => Some(day),
        },
    }
}

fn record_row(record: collectors::RoundRecord) -> RoundRecordRow {
    RoundRecordRow {
        id: record.id,
        collector: record.collector,
        date: record.date.to_string(),
        visited: record.visited,
        lines: record
            .grams_by_material
            .into_iter()
            .map(|(material, grams)| MaterialGrams { material, grams })
            .collect(),
        paid_satang: record.paid.satang(),
        point: record.point,
    }
}

/// Builds the weekly schedule with each day's rounds as [`RoundRow`]s.
fn schedule(conn: &Connection, rounds: &[RoundRow]) -> chumchon::Result<Vec<ScheduleDayRow>> {
    let days = collectors::weekly_schedule(conn)?;
    Ok(days
        .into_iter()
        .map(|day| ScheduleDayRow {
            weekday: day.weekday,
            rounds: day
                .rounds
                .iter()
                .filter_map(|scheduled| rounds.iter().find(|r| r.id == scheduled.round_id))
                .cloned()
                .collect(),
        })
        .collect())
}

fn collectors_view(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> chumchon::Result<CollectorsView> {
    let collectors = collectors::list_collectors(conn)?
        .into_iter()
        .map(|c| CollectorRow {
            id: c.id,
            name: c.name,
            phone: c.phone,
            vehicle: c.vehicle,
            zones: c.zones,
        })
        .collect();
    let zones = collectors::list_zones(conn)?
        .into_iter()
        .map(|z| ZoneRow {
            id: z.id,
            community: z.community,
            name: z.name,
        })
        .collect();
    let rounds: Vec<RoundRow> = collectors::list_rounds(conn)?
        .into_iter()
        .map(round_row)
        .collect();
    let records = collectors::round_records(conn, from, to)?
        .into_iter()
        .map(record_row)
        .collect();
    Ok(CollectorsView {
        collectors,
        zones,
        schedule: schedule(conn, &rounds)?,
        rounds,
        records,
    })
}

/// Lists collectors, zones, rounds and the weekly schedule, with the
/// rounds recorded from `from` to `to` (BE text).
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_collectors(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> AppResult<CollectorsView> {
    let filter = ReportFilter::new(be_date(&from)?, be_date(&to)?)?;
    state.with_conn(|conn| collectors_view(conn, filter.from, filter.to))
}

/// Adds a collector; returns it as stored.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_add_collector(
    state: State<'_, AppState>,
    collector: CollectorInput,
) -> AppResult<CollectorRow> {
    let new = NewCollector {
        name: collector.name,
        phone: optional(&collector.phone),
        vehicle: optional(&collector.vehicle),
        zone_ids: collector.zone_ids,
    };
    let ctx = context();
    let added = state.with_write(|tx| {
        let id = collectors::add_collector(tx, &ctx, &new)?;
        collectors::collector(tx, id)
    })?;
    Ok(CollectorRow {
        id: added.id,
        name: added.name,
        phone: added.phone,
        vehicle: added.vehicle,
        zones: added.zones,
    })
}

/// Adds a regular round, daily or on one weekday; returns its id.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_add_round(state: State<'_, AppState>, round: RoundInput) -> AppResult<i64> {
    let frequency = match round.weekday {
        Some(day) => Frequency::Weekly(day),
        None => Frequency::Daily,
    };
    let ctx = context();
    state.with_write(|tx| {
        collectors::add_round(tx, &ctx, round.collector_id, round.zone_id, frequency)
    })
}

/// Records what a round brought in and what the collector was paid;
/// returns the record as stored.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_record_round(
    state: State<'_, AppState>,
    record: RoundRecordInput,
) -> AppResult<RoundRecordRow> {
    let mut lines = Vec::new();
    for line in &record.lines {
        lines.push((line.material_id, waste::parse_kg(&line.kg)?));
    }
    let paid = parse_baht(&record.paid)?;
    let new = NewRoundRecord {
        collector_id: record.collector_id,
        round_id: record.round_id,
        date: be_date(&record.date)?,
        visited: record.visited.lines().filter_map(optional).collect(),
        lines,
        paid,
        point_id: record.point_id,
        note: None,
    };
    let ctx = context();
    let stored = state.with_write(|tx| {
        let id = collectors::record_round(tx, &ctx, &new)?;
        collectors::round_record(tx, id)
    })?;
    Ok(record_row(stored))
}

/// Reads baht as typed; blank is zero.
fn parse_baht(text: &str) -> chumchon::Result<Satang> {
    if text.trim().is_empty() {
        return Ok(Satang::ZERO);
    }
    text.parse::<Satang>()
        .map_err(|error| chumchon::Error::rule("invalid_amount", error.to_string()))
}

fn sale_row(sale: Sale) -> SaleRow {
    SaleRow {
        id: sale.id,
        date: sale.date.to_string(),
        buyer: sale.buyer,
        point: sale.point,
        community: sale.community,
        forced: sale.forced,
        lines: sale
            .lines
            .into_iter()
            .map(|line| SaleLineRow {
                material: line.material,
                grams: line.grams,
                satang_per_kg: line.satang_per_kg,
                value_satang: line.value.satang(),
            })
            .collect(),
        revenue_satang: sale.revenue.satang(),
    }
}

fn stock_row(line: StockLine) -> StockRow {
    StockRow {
        point: line.point,
        community: line.community,
        material: line.material,
        deposited_grams: line.deposited_grams,
        sold_grams: line.sold_grams,
        grams: line.grams,
    }
}

fn margin_row(row: MarginRow) -> MarginMonthRow {
    MarginMonthRow {
        year: row.month.year,
        month: row.month.month,
        revenue_satang: row.revenue.satang(),
        cost_satang: row.cost.satang(),
        collector_pay_satang: row.collector_pay.satang(),
        margin_satang: row.margin.satang(),
    }
}

/// Lists the buyers, the sales and margin of Buddhist-era year `year_be`,
/// and the stock now.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_sales(state: State<'_, AppState>, year_be: i32) -> AppResult<SalesView> {
    let filter = ReportFilter::year(year_be)?;
    state.with_conn(|conn| {
        Ok(SalesView {
            buyers: sales::list_buyers(conn)?
                .into_iter()
                .map(|b| b.name)
                .collect(),
            sales: sales::list_sales(conn, filter.from, filter.to)?
                .into_iter()
                .map(sale_row)
                .collect(),
            stock: sales::stock(conn)?.into_iter().map(stock_row).collect(),
            margin: waste::margin_by_month(conn, filter.from, filter.to)?
                .into_iter()
                .map(margin_row)
                .collect(),
        })
    })
}

/// Converts the typed sale into the core's shape, for buyer `buyer_id`.
fn new_sale(sale: &SaleInput, date: chrono::NaiveDate, buyer_id: i64) -> chumchon::Result<NewSale> {
    let mut lines = Vec::new();
    for line in &sale.lines {
        let price = match optional(&line.price) {
            Some(text) => Some(waste::parse_price(&text)?),
            None => None,
        };
        lines.push(NewSaleLine {
            material_id: line.material_id,
            grams: waste::parse_kg(&line.kg)?,
            satang_per_kg: price,
        });
    }
    Ok(NewSale {
        buyer_id,
        point_id: sale.point_id,
        date,
        receipt_no: optional(&sale.receipt_no),
        note: None,
        lines,
        force: sale.force,
    })
}

/// Records a sale. A sale with lines over the point's stock is recorded
/// only when `sale.force` is set. Otherwise nothing is written, and the
/// lines over the stock are returned for the user to confirm.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_record_sale(
    state: State<'_, AppState>,
    sale: SaleInput,
) -> AppResult<SaleOutcomeView> {
    let date = be_date(&sale.date)?;
    let ctx = context();
    state.with_write(|tx| {
        // A new buyer has no price list, so checking the stock with no
        // buyer row gives the same result and adds no buyer for a sale
        // that is not recorded.
        let known = sales::find_buyer(tx, &sale.buyer)?.map(|buyer| buyer.id);
        let mut new = new_sale(&sale, date, known.unwrap_or(0))?;
        let shortfalls: Vec<ShortfallRow> = sales::sale_shortfalls(tx, &new)?
            .into_iter()
            .map(|s| ShortfallRow {
                material: s.material,
                grams: s.grams,
                stock_grams: s.stock_grams,
            })
            .collect();
        if !shortfalls.is_empty() && !sale.force {
            return Ok(SaleOutcomeView {
                sale: None,
                shortfalls,
            });
        }
        new.buyer_id = waste::ensure_buyer(tx, &ctx, &sale.buyer, None)?.id;
        let outcome = waste::record_sale(tx, &ctx, &new)?;
        Ok(SaleOutcomeView {
            sale: Some(sale_row(sales::get_sale(tx, outcome.sale_id)?)),
            shortfalls,
        })
    })
}
