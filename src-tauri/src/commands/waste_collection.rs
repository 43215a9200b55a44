//! Commands of the waste bank's collectors and sales tabs: collectors,
//! rounds and their records, sales with the stock check, stock and margin.

use chumchon::waste::collectors::{self, Collector, Frequency, NewCollector, NewRoundRecord};
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

fn collector_row(collector: Collector) -> CollectorRow {
    CollectorRow {
        id: collector.id,
        name: collector.name,
        phone: collector.phone,
        vehicle: collector.vehicle,
        zones: collector.zones,
        zone_ids: collector.zone_ids,
        active: collector.active,
    }
}

/// Converts the typed collector into the core's shape.
fn new_collector(collector: CollectorInput) -> NewCollector {
    NewCollector {
        name: collector.name,
        phone: optional(&collector.phone),
        vehicle: optional(&collector.vehicle),
        zone_ids: collector.zone_ids,
    }
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
        .map(collector_row)
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
    let new = new_collector(collector);
    let ctx = context();
    let added = state.with_write(|tx| {
        let id = collectors::add_collector(tx, &ctx, &new)?;
        collectors::collector(tx, id)
    })?;
    Ok(collector_row(added))
}

/// Changes collector `id`'s name, phone, vehicle and zones; returns the
/// collector as stored. The change goes to the audit log.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_update_collector(
    state: State<'_, AppState>,
    id: i64,
    collector: CollectorInput,
) -> AppResult<CollectorRow> {
    update_collector(&state, id, collector)
}

fn update_collector(
    state: &AppState,
    id: i64,
    collector: CollectorInput,
) -> AppResult<CollectorRow> {
    let details = new_collector(collector);
    let ctx = context();
    let updated = state.with_write(|tx| collectors::update_collector(tx, &ctx, id, &details))?;
    Ok(collector_row(updated))
}

/// Deactivates collector `id` (`active` false) or reactivates them;
/// returns the collector as stored.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_set_collector_active(
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> AppResult<CollectorRow> {
    set_collector_active(&state, id, active)
}

fn set_collector_active(state: &AppState, id: i64, active: bool) -> AppResult<CollectorRow> {
    let ctx = context();
    let updated = state.with_write(|tx| collectors::set_collector_active(tx, &ctx, id, active))?;
    Ok(collector_row(updated))
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
        reverses_id: sale.reverses_id,
        reversed_by: sale.reversed_by,
        note: sale.note,
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

/// Reverses sale `sale_id` for `reason`: a reversal with its lines negated
/// is recorded, which puts the kilograms back into the point's stock, and
/// the sale itself stays. Returns the reversal.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_reverse_sale(
    state: State<'_, AppState>,
    sale_id: i64,
    reason: String,
) -> AppResult<SaleRow> {
    reverse_sale(&state, sale_id, &reason)
}

fn reverse_sale(state: &AppState, sale_id: i64, reason: &str) -> AppResult<SaleRow> {
    let ctx = context();
    let reversal = state.with_write(|tx| {
        let id = sales::reverse_sale(tx, &ctx, sale_id, reason)?;
        sales::get_sale(tx, id)
    })?;
    Ok(sale_row(reversal))
}

#[cfg(test)]
mod tests {
    use chumchon::waste::{self, DepositPayment, Depositor, NewDeposit, NewLine};
    use chumchon::Context;

    use super::*;
    use crate::state::Database;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// An app state over a new database file, with the community บ่อยาง,
    /// its zones "หมู่ 1" and "หมู่ 2", a collection point and a collector
    /// ลุงเปีย serving หมู่ 1.
    struct Office {
        _dir: tempfile::TempDir,
        path: std::path::PathBuf,
        state: AppState,
        ctx: Context,
        point: i64,
        zones: [i64; 2],
        collector: i64,
    }

    fn office() -> Result<Office, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("office.db");
        let state = AppState::new(
            &path,
            Database::open(&path),
            dir.path().join("s.json"),
            None,
        );
        let ctx = Context::new(
            "test",
            chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .ok_or("invalid test date")?,
        );
        let (point, zones, collector) = state.with_write(|tx| {
            let community = chumchon::members::ensure_community(tx, &ctx, "บ่อยาง", Some("BY"))?;
            let first = collectors::ensure_zone(tx, community.id, "หมู่ 1")?;
            let second = collectors::ensure_zone(tx, community.id, "หมู่ 2")?;
            let point = waste::ensure_point(tx, &ctx, community.id, "ศาลาหมู่ 1")?.id;
            let new = NewCollector {
                name: "ลุงเปีย".into(),
                phone: Some("081-111-1111".into()),
                vehicle: None,
                zone_ids: vec![first],
            };
            let collector = collectors::add_collector(tx, &ctx, &new)?;
            Ok((point, [first, second], collector))
        })?;
        Ok(Office {
            _dir: dir,
            path,
            state,
            ctx,
            point,
            zones,
            collector,
        })
    }

    /// Reads one number from the office's database file through a
    /// connection of its own, as another program would.
    fn read_i64(office: &Office, sql: &str) -> Result<i64, Box<dyn std::error::Error>> {
        let conn = chumchon::db::open(&office.path)?;
        Ok(conn.query_row(sql, [], |row| row.get(0))?)
    }

    #[test]
    fn update_collector_stores_and_audits() -> TestResult {
        let office = office()?;
        let input = CollectorInput {
            name: "ลุงเปีย".into(),
            phone: " 089-999-9999 ".into(),
            vehicle: "ซาเล้ง กข 1234".into(),
            zone_ids: vec![office.zones[1]],
        };

        let row = update_collector(&office.state, office.collector, input)?;

        assert_eq!(
            row.phone.as_deref(),
            Some("089-999-9999"),
            "phone is trimmed"
        );
        assert_eq!(row.vehicle.as_deref(), Some("ซาเล้ง กข 1234"));
        assert_eq!(row.zone_ids, vec![office.zones[1]], "หมู่ 2 replaces หมู่ 1");
        assert_eq!(row.zones, vec!["บ่อยาง / หมู่ 2".to_string()]);
        let stored = read_i64(
            &office,
            "SELECT count(*) FROM waste_collectors WHERE phone = '089-999-9999'",
        )?;
        assert_eq!(stored, 1, "the new phone is in the file");
        let audited = read_i64(
            &office,
            "SELECT count(*) FROM audit_log
             WHERE table_name = 'waste_collectors' AND action = 'update'
               AND old_values LIKE '%081-111-1111%' AND new_values LIKE '%089-999-9999%'",
        )?;
        assert_eq!(audited, 1, "the audit log has the old and new phone");
        Ok(())
    }

    #[test]
    fn update_collector_rejects_blank_name() -> TestResult {
        let office = office()?;
        let input = CollectorInput {
            name: "  ".into(),
            phone: String::new(),
            vehicle: String::new(),
            zone_ids: Vec::new(),
        };

        let error = update_collector(&office.state, office.collector, input).err();

        assert_eq!(error.map(|e| e.code), Some("collector_name_missing".into()));
        let name = office
            .state
            .with_conn(|conn| collectors::collector(conn, office.collector))?;
        assert_eq!(name.name, "ลุงเปีย", "the collector is unchanged");
        Ok(())
    }

    #[test]
    fn deactivated_collector_leaves_view_schedule() -> TestResult {
        let office = office()?;
        office.state.with_write(|tx| {
            collectors::add_round(
                tx,
                &office.ctx,
                office.collector,
                office.zones[0],
                Frequency::Daily,
            )
        })?;
        let march = |day| chrono::NaiveDate::from_ymd_opt(2025, 3, day).ok_or("invalid date");
        let (from, to) = (march(1)?, march(31)?);

        let off = set_collector_active(&office.state, office.collector, false)?;
        let view_off = office
            .state
            .with_conn(|conn| collectors_view(conn, from, to))?;
        let on = set_collector_active(&office.state, office.collector, true)?;
        let view_on = office
            .state
            .with_conn(|conn| collectors_view(conn, from, to))?;

        assert!(!off.active, "the command returns the collector deactivated");
        assert!(
            !view_off.collectors[0].active,
            "the list shows them deactivated"
        );
        assert!(
            view_off.schedule[0].rounds.is_empty(),
            "off Monday's schedule"
        );
        assert_eq!(view_off.rounds.len(), 1, "the round itself is kept");
        assert!(on.active, "the command returns the collector active again");
        assert_eq!(view_on.schedule[0].rounds.len(), 1, "back on Monday");
        let audited = read_i64(
            &office,
            "SELECT count(*) FROM audit_log
             WHERE table_name = 'waste_collectors' AND action = 'update'",
        )?;
        assert_eq!(audited, 2, "deactivating and reactivating are audited");
        Ok(())
    }

    #[test]
    fn reverse_sale_returns_stock() -> TestResult {
        let office = office()?;
        let sale_id = office.state.with_write(|tx| {
            let pet = waste::material(tx, "PET_CLEAR")?.id;
            let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 3, d).unwrap_or_default();
            let deposit = NewDeposit {
                depositor: Depositor::Household("บ้านเลขที่ 5".into()),
                point_id: office.point,
                date: day(1),
                payment: DepositPayment::Cash,
                scale_id: None,
                weighed_by: None,
                receipt_no: None,
                note: None,
                lines: vec![NewLine {
                    material_id: pet,
                    grams: 12_000,
                    satang_per_kg: Some(800),
                    value: None,
                }],
            };
            waste::record_deposit(tx, &office.ctx, &deposit)?;
            let buyer = waste::ensure_buyer(tx, &office.ctx, "ร้านสมชาย", None)?;
            let sale = NewSale {
                buyer_id: buyer.id,
                point_id: office.point,
                date: day(10),
                receipt_no: None,
                note: None,
                lines: vec![NewSaleLine {
                    material_id: pet,
                    grams: 5_000,
                    satang_per_kg: Some(1_200),
                }],
                force: false,
            };
            Ok(waste::record_sale(tx, &office.ctx, &sale)?.sale_id)
        })?;
        let stock_sql = "SELECT (SELECT sum(grams) FROM waste_lots)
                              - (SELECT sum(grams) FROM waste_sale_lines)";
        let stock_sold = read_i64(&office, stock_sql)?;

        let blank = reverse_sale(&office.state, sale_id, " ").err();
        let reversal = reverse_sale(&office.state, sale_id, "ชั่งผิด")?;
        let again = reverse_sale(&office.state, sale_id, "ชั่งผิด").err();

        assert_eq!(stock_sold, 7_000, "12 kg deposited, 5 kg sold");
        assert_eq!(blank.map(|e| e.code), Some("reason_missing".into()));
        assert_eq!(
            reversal.reverses_id,
            Some(sale_id),
            "the reversal names the sale"
        );
        assert_eq!(
            reversal.note.as_deref(),
            Some("ชั่งผิด"),
            "and keeps the reason"
        );
        assert_eq!(reversal.lines[0].grams, -5_000, "its line is negated");
        assert_eq!(reversal.revenue_satang, -6_000, "and so is the revenue");
        assert_eq!(
            read_i64(&office, stock_sql)?,
            12_000,
            "the 5 kg are back in stock"
        );
        assert_eq!(
            read_i64(&office, "SELECT count(*) FROM waste_sales")?,
            2,
            "the sale stays"
        );
        assert_eq!(again.map(|e| e.code), Some("already_reversed".into()));
        Ok(())
    }
}
