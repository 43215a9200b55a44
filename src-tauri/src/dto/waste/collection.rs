//! Data shapes of the waste bank's collectors and sales tabs: collectors,
//! their rounds, the weekly schedule and round records; sales to buyers,
//! stock per point and margin per month.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::DepositLineInput;

/// A zone that collectors may serve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ZoneRow {
    /// Row id.
    pub id: i64,
    /// Its community's name.
    pub community: String,
    /// Its name.
    pub name: String,
}

/// A collector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CollectorRow {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Vehicle.
    pub vehicle: Option<String>,
    /// Zones served, as "community / zone".
    pub zones: Vec<String>,
    /// Row ids of the zones served, in the order of `zones`.
    pub zone_ids: Vec<i64>,
    /// Whether the collector still works; a deactivated one is off the
    /// schedule and takes no new rounds.
    pub active: bool,
}

/// A collector as the add and edit forms send it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CollectorInput {
    /// Name.
    pub name: String,
    /// Phone number; may be empty.
    pub phone: String,
    /// Vehicle; may be empty.
    pub vehicle: String,
    /// Zone row ids served.
    pub zone_ids: Vec<i64>,
}

/// A regular round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundRow {
    /// Row id.
    pub id: i64,
    /// Collector row id.
    pub collector_id: i64,
    /// Collector's name.
    pub collector: String,
    /// The zone's community.
    pub community: String,
    /// The zone.
    pub zone: String,
    /// Weekday 1 (Monday) to 7 (Sunday) of a weekly round; `None` for a
    /// daily one.
    pub weekday: Option<u8>,
}

/// A round as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RoundInput {
    /// Collector row id.
    pub collector_id: i64,
    /// Zone row id.
    pub zone_id: i64,
    /// Weekday 1 (Monday) to 7 (Sunday) of a weekly round; `None` for a
    /// daily one.
    pub weekday: Option<u8>,
}

/// One day of the weekly schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScheduleDayRow {
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// The rounds that run that day.
    pub rounds: Vec<RoundRow>,
}

/// Grams of one material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MaterialGrams {
    /// Material code.
    pub material: String,
    /// Weight, grams.
    pub grams: i64,
}

/// A recorded round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundRecordRow {
    /// Row id.
    pub id: i64,
    /// Collector's name.
    pub collector: String,
    /// ISO date.
    pub date: String,
    /// Points or households visited.
    pub visited: Vec<String>,
    /// Weight brought in by material.
    pub lines: Vec<MaterialGrams>,
    /// What the collector was paid, satang.
    pub paid_satang: i64,
    /// The collection point the kilograms were delivered to.
    pub point: Option<String>,
}

/// A round record as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RoundRecordInput {
    /// Collector row id.
    pub collector_id: i64,
    /// The regular round it belongs to, if any.
    pub round_id: Option<i64>,
    /// Buddhist-era date as typed.
    pub date: String,
    /// Points or households visited, one per line.
    pub visited: String,
    /// Kilograms by material.
    pub lines: Vec<DepositLineInput>,
    /// Pay in baht as typed, such as "150" or "1,200.50".
    pub paid: String,
    /// The collection point the kilograms were delivered to, which adds
    /// them to its stock.
    pub point_id: Option<i64>,
}

/// What the collectors tab shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CollectorsView {
    /// Collectors in Thai name order.
    pub collectors: Vec<CollectorRow>,
    /// Every zone, for the forms.
    pub zones: Vec<ZoneRow>,
    /// Regular rounds.
    pub rounds: Vec<RoundRow>,
    /// Monday to Sunday.
    pub schedule: Vec<ScheduleDayRow>,
    /// The rounds recorded in the period asked for, oldest first.
    pub records: Vec<RoundRecordRow>,
}

/// One material of a sale as typed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaleLineInput {
    /// Material row id.
    pub material_id: i64,
    /// Kilograms as typed, one decimal.
    pub kg: String,
    /// Price in baht a kilogram as typed; empty takes the buyer's price
    /// list on the sale's date.
    pub price: String,
}

/// A sale as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaleInput {
    /// The buyer's name, added when new.
    pub buyer: String,
    /// The collection point the kilograms leave from.
    pub point_id: i64,
    /// Buddhist-era date as typed.
    pub date: String,
    /// The buyer's receipt or weighing-slip number; may be empty.
    pub receipt_no: String,
    /// Materials, at least one.
    pub lines: Vec<SaleLineInput>,
    /// Whether the user confirmed selling more than the stock.
    pub force: bool,
}

/// One line of a recorded sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SaleLineRow {
    /// Material code.
    pub material: String,
    /// Weight, grams; negative in a reversal.
    pub grams: i64,
    /// Price, satang a kilogram.
    pub satang_per_kg: i64,
    /// Value, satang.
    pub value_satang: i64,
}

/// A recorded sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SaleRow {
    /// Row id.
    pub id: i64,
    /// ISO date.
    pub date: String,
    /// Buyer's name.
    pub buyer: String,
    /// Collection point.
    pub point: String,
    /// The point's community.
    pub community: String,
    /// Whether it was recorded over the stock.
    pub forced: bool,
    /// The sale this one reverses; its lines are negated.
    pub reverses_id: Option<i64>,
    /// The reversal that cancels this sale.
    pub reversed_by: Option<i64>,
    /// Note; the reason of a reversal.
    pub note: Option<String>,
    /// Lines.
    pub lines: Vec<SaleLineRow>,
    /// Revenue, satang.
    pub revenue_satang: i64,
}

/// A line of a sale that is more than the point's stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ShortfallRow {
    /// Material code.
    pub material: String,
    /// Grams the line sells.
    pub grams: i64,
    /// Grams in stock on the sale's date.
    pub stock_grams: i64,
}

/// What sending a sale did: recorded it, or returned the lines over the
/// stock for the user to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SaleOutcomeView {
    /// The sale, when recorded.
    pub sale: Option<SaleRow>,
    /// Lines more than the stock; a sale with any is recorded only when
    /// confirmed.
    pub shortfalls: Vec<ShortfallRow>,
}

/// One material's stock at one point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StockRow {
    /// Collection point.
    pub point: String,
    /// The point's community.
    pub community: String,
    /// Material code.
    pub material: String,
    /// Grams deposited.
    pub deposited_grams: i64,
    /// Grams sold.
    pub sold_grams: i64,
    /// Deposited minus sold; below zero after a confirmed oversale.
    pub grams: i64,
}

/// Sales margin of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MarginMonthRow {
    /// CE year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Sales revenue, satang.
    pub revenue_satang: i64,
    /// What the sold kilograms cost members, satang.
    pub cost_satang: i64,
    /// Paid to collectors, satang.
    pub collector_pay_satang: i64,
    /// Revenue minus cost minus collector pay, satang.
    pub margin_satang: i64,
}

/// What the sales tab shows for a Buddhist-era year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SalesView {
    /// Known buyers' names.
    pub buyers: Vec<String>,
    /// The year's sales, oldest first.
    pub sales: Vec<SaleRow>,
    /// Stock now, by community, point and material.
    pub stock: Vec<StockRow>,
    /// Margin of each month of the year.
    pub margin: Vec<MarginMonthRow>,
}
