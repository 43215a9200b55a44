//! Data shapes of the buyers' price lists: each buyer's selling price per
//! material with the date it takes effect, history kept.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A buyer's price as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct BuyerPriceInput {
    /// The buyer's name, added when new.
    pub buyer: String,
    /// Material row id.
    pub material_id: i64,
    /// Buddhist-era date the price takes effect, as typed.
    pub from: String,
    /// Baht a kilogram as typed, such as "12" or "12.50".
    pub price: String,
}

/// One price in a buyer's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BuyerPriceRow {
    /// Row id.
    pub id: i64,
    /// Material code.
    pub material: String,
    /// ISO date the price takes effect.
    pub effective_from: String,
    /// Satang a kilogram.
    pub satang_per_kg: i64,
    /// Whether this is the material's price in force on the date asked
    /// for: the latest one effective on or before it.
    pub in_force: bool,
}

/// A buyer's price list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BuyerPricesView {
    /// The buyer's name as stored; `None` when no buyer has the name.
    pub buyer: Option<String>,
    /// Known buyers' names, for the form.
    pub buyers: Vec<String>,
    /// ISO date the prices in force are marked for.
    pub date: String,
    /// Every price of the buyer, by material and date.
    pub prices: Vec<BuyerPriceRow>,
}
