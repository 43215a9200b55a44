//! The waste bank: households sort recyclables and bring them (or have a
//! collector bring them) to their community's collection points; the
//! community sells them to buyers; members take the value as cash or as
//! plastic credit that buys shares.
//!
//! - [`materials`]: the catalogue and the aliases of loose legacy names.
//! - [`prices`]: the members' price list and each buyer's, with history.
//! - [`points`]: collection points, per community.
//! - [`deposits`]: deposits and their lots, append-only with reversals.
//! - [`credit`]: plastic-credit accounts and their conversion into shares.
//! - [`sales`]: buyers, sales allocated to lots first in first out, stock.
//! - [`trace`]: the chain of custody from a share back to kilograms and
//!   forward to buyers.
//! - [`collectors`]: collectors, their rounds and the weekly schedule.
//! - [`reports`]: kilograms by material, community and month, the
//!   programme report for partners, margin per month.
//! - [`documents`]: the deposit receipt and the programme report as PDF.
//!
//! Weights are whole grams, entered as kilograms ([`parse_kg`]); money is
//! [`crate::Satang`]; prices are satang a kilogram. Nothing here posts to a
//! double-entry journal yet, but every amount (deposit values, credit,
//! collector pay, sales revenue, the cost of sold lots) is kept where a
//! journal can read it.

pub mod collectors;
pub mod credit;
pub mod deposits;
pub mod documents;
pub mod materials;
pub mod points;
pub mod prices;
pub mod reports;
pub mod sales;
pub mod trace;
mod units;

#[cfg(test)]
mod tests;

pub use collectors::{
    add_collector, add_round, record_round, weekly_schedule, Frequency, NewCollector,
    NewRoundRecord,
};
pub use credit::{
    convert_credit, credit_available, credit_balance, credit_history, pay_out_credit, Conversion,
};
pub use deposits::{
    get_deposit, record_deposit, reverse_deposit, Deposit, DepositPayment, Depositor, NewDeposit,
    NewLine,
};
pub use materials::{
    alias_key, delete_alias, list_aliases, list_materials, material, resolve_material, set_alias,
    Catalog,
};
pub use points::{ensure_point, list_points, lookup_point, Point};
pub use prices::{price_on, set_price};
pub use reports::{margin_by_month, monthly_report, programme_report, ReportFilter};
pub use sales::{
    ensure_buyer, list_sales, record_sale, reverse_sale, sale_shortfalls, stock, NewSale,
    NewSaleLine,
};
pub use trace::trace_credit;
pub use units::{
    check_price, check_weight, format_kg, format_kg_exact, kg_one_decimal, line_value, parse_kg,
    parse_price, GRAMS_PER_KG,
};
