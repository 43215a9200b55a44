//! Data shapes of the waste bank's screens, with their TypeScript in
//! `ui/src/lib/ipc-waste.ts`. Weights are grams, amounts satang and dates
//! ISO CE; the screens show kilograms, baht and Buddhist-era dates.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::typescript::TsModule;

pub mod collection;
pub mod deposit_import;
pub mod prices;

pub use collection::{
    CollectorInput, CollectorRow, CollectorsView, MarginMonthRow, MaterialGrams, RoundInput,
    RoundRecordInput, RoundRecordRow, RoundRow, SaleInput, SaleLineInput, SaleLineRow,
    SaleOutcomeView, SaleRow, SalesView, ScheduleDayRow, ShortfallRow, StockRow, ZoneRow,
};
pub use deposit_import::{
    DepositImportInput, DepositImportView, MaterialMapping, UnknownMaterialRow,
};
pub use prices::{BuyerPriceInput, BuyerPriceRow, BuyerPricesView};

/// A material of the catalogue with the members' price in force on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MaterialRow {
    /// Row id.
    pub id: i64,
    /// Code, such as "PET_CLEAR".
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Whether it counts as plastic.
    pub is_plastic: bool,
    /// The members' price in force on the date, satang a kilogram; `None`
    /// when the list has no price for it yet.
    pub satang_per_kg: Option<i64>,
}

/// A collection point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PointRow {
    /// Row id.
    pub id: i64,
    /// Its community's name.
    pub community: String,
    /// Its name.
    pub name: String,
}

/// What the deposit form chooses from on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WasteCatalog {
    /// Materials with their prices.
    pub materials: Vec<MaterialRow>,
    /// Collection points.
    pub points: Vec<PointRow>,
}

/// How the member takes a deposit's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentChoice {
    /// Cash at the point.
    Cash,
    /// Plastic credit.
    Credit,
}

/// One material of a deposit as typed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DepositLineInput {
    /// Material row id.
    pub material_id: i64,
    /// Kilograms as typed, one decimal, such as "4.5".
    pub kg: String,
}

/// A deposit as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DepositInput {
    /// The depositor's member number; empty for a household's deposit.
    pub member_no: String,
    /// A household that is not a member, by name or address; empty for a
    /// member's deposit.
    pub household: String,
    /// Identifier of the weighing scale; may be empty.
    pub scale_id: String,
    /// Who weighed it; may be empty.
    pub weighed_by: String,
    /// Buddhist-era date as typed, such as "15/01/2568".
    pub date: String,
    /// Collection point row id.
    pub point_id: i64,
    /// Cash or plastic credit.
    pub payment: PaymentChoice,
    /// Materials, at least one.
    pub lines: Vec<DepositLineInput>,
}

/// One line of a recorded deposit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DepositLineRow {
    /// Material code.
    pub material: String,
    /// Material name in Thai.
    pub material_name: String,
    /// Weight, grams.
    pub grams: i64,
    /// Price, satang a kilogram.
    pub satang_per_kg: i64,
    /// Value, satang.
    pub value_satang: i64,
}

/// A recorded deposit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DepositView {
    /// Row id, for printing its receipt.
    pub id: i64,
    /// ISO date.
    pub date: String,
    /// The depositor's member number.
    pub member_no: Option<String>,
    /// The depositor's name.
    pub member_name: Option<String>,
    /// The household, for a deposit without a member.
    pub household: Option<String>,
    /// Identifier of the weighing scale.
    pub scale_id: Option<String>,
    /// Who weighed it.
    pub weighed_by: Option<String>,
    /// The collection point.
    pub point: String,
    /// "cash" or "credit".
    pub payment: String,
    /// Lines.
    pub lines: Vec<DepositLineRow>,
    /// Total value, satang.
    pub total_satang: i64,
}

/// Which receipt layout to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptChoice {
    /// A6 portrait.
    A6,
    /// An 80 mm slip-printer roll.
    Slip80,
}

/// One entry of a plastic-credit account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CreditRow {
    /// ISO date.
    pub date: String,
    /// The entry's kind, such as "deposit" or "conversion".
    pub kind: String,
    /// Amount, satang; negative when credit is used.
    pub amount_satang: i64,
    /// Balance after the entry, satang.
    pub balance_satang: i64,
}

/// A member's plastic-credit account on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CreditView {
    /// Member number.
    pub member_no: String,
    /// The member's name.
    pub member_name: String,
    /// Balance after every entry, satang.
    pub balance_satang: i64,
    /// Credit that may be used on the date, satang.
    pub available_satang: i64,
    /// Par value of one share, satang.
    pub par_satang: i64,
    /// Shares the member holds.
    pub shares: i64,
    /// Entries, oldest first.
    pub history: Vec<CreditRow>,
}

/// What a conversion of credit into shares did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConversionView {
    /// Shares bought.
    pub shares: i64,
    /// Credit used, satang.
    pub amount_satang: i64,
    /// Credit left, satang.
    pub credit_left_satang: i64,
}

/// Kilograms of one material in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChartCell {
    /// Month, 1 to 12, of the CE date.
    pub month: u32,
    /// CE year of the month.
    pub year: i32,
    /// Material code.
    pub material: String,
    /// Weight, grams.
    pub grams: i64,
}

/// Kilograms by material per month over a Buddhist-era year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WasteChart {
    /// The year, Buddhist era.
    pub year_be: i32,
    /// Total weight, grams.
    pub total_grams: i64,
    /// The cells that hold weight, month then material.
    pub cells: Vec<ChartCell>,
}

/// A loose material name and the material it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AliasRow {
    /// The name as written in legacy sheets.
    pub alias: String,
    /// Material code.
    pub code: String,
}

/// Renders this part's IPC types as the TypeScript of `ipc-waste.ts`.
/// Declare each type with `module.declare::<T>()` (which needs `let mut`);
/// a type that one of them uses from `ipc-types.ts` is imported from there.
pub fn typescript() -> String {
    let mut module = TsModule::new("src-tauri/src/dto/waste.rs");
    module.declare::<MaterialRow>();
    module.declare::<PointRow>();
    module.declare::<WasteCatalog>();
    module.declare::<PaymentChoice>();
    module.declare::<DepositLineInput>();
    module.declare::<DepositInput>();
    module.declare::<DepositLineRow>();
    module.declare::<DepositView>();
    module.declare::<ReceiptChoice>();
    module.declare::<CreditRow>();
    module.declare::<CreditView>();
    module.declare::<ConversionView>();
    module.declare::<ChartCell>();
    module.declare::<WasteChart>();
    module.declare::<AliasRow>();
    module.declare::<ZoneRow>();
    module.declare::<CollectorRow>();
    module.declare::<CollectorInput>();
    module.declare::<RoundRow>();
    module.declare::<RoundInput>();
    module.declare::<ScheduleDayRow>();
    module.declare::<MaterialGrams>();
    module.declare::<RoundRecordRow>();
    module.declare::<RoundRecordInput>();
    module.declare::<CollectorsView>();
    module.declare::<SaleLineInput>();
    module.declare::<SaleInput>();
    module.declare::<SaleLineRow>();
    module.declare::<SaleRow>();
    module.declare::<ShortfallRow>();
    module.declare::<SaleOutcomeView>();
    module.declare::<StockRow>();
    module.declare::<MarginMonthRow>();
    module.declare::<SalesView>();
    module.declare::<MaterialMapping>();
    module.declare::<DepositImportInput>();
    module.declare::<UnknownMaterialRow>();
    module.declare::<DepositImportView>();
    module.declare::<BuyerPriceInput>();
    module.declare::<BuyerPriceRow>();
    module.declare::<BuyerPricesView>();
    module.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipc_waste_file_is_current() -> Result<(), String> {
        super::super::typescript::check_current("ipc-waste.ts", &super::typescript())
    }
}
