//! Commands of the buyers' price lists, which give a buyer's selling price
//! per material from an effective date on. A price row is never changed,
//! because a new price is a new row and the history stays.

use chrono::NaiveDate;
use chumchon::waste::{self, prices, sales};
use rusqlite::Connection;
use tauri::State;
use tracing::instrument;

use super::be_date;
use crate::dto::waste::{BuyerPriceInput, BuyerPriceRow, BuyerPricesView};
use crate::error::AppResult;
use crate::state::{context, AppState};

/// Lists every price of the buyer called `buyer`, marking those in force
/// on `date` (BE text), with the known buyers' names.
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_buyer_prices(
    state: State<'_, AppState>,
    buyer: String,
    date: String,
) -> AppResult<BuyerPricesView> {
    let date = be_date(&date)?;
    state.with_conn(|conn| buyer_prices(conn, &buyer, date))
}

/// Adds a buyer's price from its effective date on, adding the buyer when
/// new. Returns the buyer's prices marked as in force on `date` (BE text).
#[tauri::command(async)]
#[instrument(skip(state), err)]
pub fn waste_set_buyer_price(
    state: State<'_, AppState>,
    price: BuyerPriceInput,
    date: String,
) -> AppResult<BuyerPricesView> {
    set_buyer_price(&state, &price, &date)
}

fn set_buyer_price(
    state: &AppState,
    price: &BuyerPriceInput,
    date: &str,
) -> AppResult<BuyerPricesView> {
    let date = be_date(date)?;
    let from = be_date(&price.from)?;
    let ctx = context();
    state.with_write(|tx| {
        let satang_per_kg = waste::parse_price(&price.price)?;
        waste::materials::material_by_id(tx, price.material_id)?;
        let buyer = waste::ensure_buyer(tx, &ctx, &price.buyer, None)?;
        waste::set_price(
            tx,
            &ctx,
            price.material_id,
            Some(buyer.id),
            from,
            satang_per_kg,
        )?;
        buyer_prices(tx, &buyer.name, date)
    })
}

/// Builds the price list of the buyer called `name`, marking in each
/// material the latest price effective on or before `date`, the later
/// entry winning a tie, as [`prices::price_on`] picks it.
fn buyer_prices(
    conn: &Connection,
    name: &str,
    date: NaiveDate,
) -> chumchon::Result<BuyerPricesView> {
    let buyers = sales::list_buyers(conn)?
        .into_iter()
        .map(|b| b.name)
        .collect();
    let Some(buyer) = sales::find_buyer(conn, name)? else {
        return Ok(BuyerPricesView {
            buyer: None,
            buyers,
            date: date.to_string(),
            prices: Vec::new(),
        });
    };
    let history = prices::price_history(conn, Some(buyer.id))?;
    let in_force = prices::in_force_on(&history, date);
    let prices = history
        .into_iter()
        .zip(in_force)
        .map(|(entry, in_force)| BuyerPriceRow {
            id: entry.id,
            material: entry.material,
            effective_from: entry.effective_from.to_string(),
            satang_per_kg: entry.satang_per_kg,
            in_force,
        })
        .collect();
    Ok(BuyerPricesView {
        buyer: Some(buyer.name),
        buyers,
        date: date.to_string(),
        prices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Database;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// Builds an app state over a new database file in `dir`.
    fn state_in(dir: &tempfile::TempDir) -> AppState {
        let path = dir.path().join("prices.db");
        AppState::new(
            &path,
            Database::open(&path),
            dir.path().join("s.json"),
            None,
        )
    }

    fn price(material_id: i64, from: &str, baht: &str) -> BuyerPriceInput {
        BuyerPriceInput {
            buyer: "ร้านรับซื้อของเก่าสงขลา".into(),
            material_id,
            from: from.into(),
            price: baht.into(),
        }
    }

    #[test]
    fn buyer_prices_keep_history_and_mark_in_force() -> TestResult {
        let dir = tempfile::tempdir()?;
        let state = state_in(&dir);
        let (pet, can) = state.with_conn(|conn| {
            Ok((
                waste::material(conn, "PET_CLEAR")?.id,
                waste::material(conn, "ALU_CAN")?.id,
            ))
        })?;

        set_buyer_price(&state, &price(pet, "01/01/2568", "10"), "01/01/2568")?;
        set_buyer_price(&state, &price(pet, "01/03/2568", "12.50"), "01/03/2568")?;
        set_buyer_price(&state, &price(can, "01/06/2568", "40"), "01/06/2568")?;
        let day = be_date("15/04/2568")?;
        let april = state.with_conn(|conn| buyer_prices(conn, " ร้านรับซื้อของเก่าสงขลา ", day))?;
        let unknown = state.with_conn(|conn| buyer_prices(conn, "ร้านอื่น", day))?;

        let rows: Vec<(&str, &str, i64, bool)> = april
            .prices
            .iter()
            .map(|p| {
                (
                    p.material.as_str(),
                    p.effective_from.as_str(),
                    p.satang_per_kg,
                    p.in_force,
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                ("PET_CLEAR", "2025-01-01", 1_000, false),
                ("PET_CLEAR", "2025-03-01", 1_250, true),
                ("ALU_CAN", "2025-06-01", 4_000, false),
            ],
            "history kept; in force on 15 April: the March PET price, no can price yet"
        );
        assert_eq!(april.buyer.as_deref(), Some("ร้านรับซื้อของเก่าสงขลา"));
        let in_force = state.with_conn(|conn| {
            let buyer = sales::find_buyer(conn, "ร้านรับซื้อของเก่าสงขลา")?.map(|b| b.id);
            prices::price_on(conn, pet, buyer, day)
        })?;
        assert_eq!(
            in_force,
            Some(1_250),
            "the core prices a sale on 15 April the same"
        );
        assert_eq!(unknown.buyer, None, "no buyer has that name");
        assert!(unknown.prices.is_empty(), "and so no prices");
        assert_eq!(unknown.buyers, vec!["ร้านรับซื้อของเก่าสงขลา".to_string()]);
        Ok(())
    }

    #[test]
    fn set_buyer_price_rejects_negative_price() -> TestResult {
        let dir = tempfile::tempdir()?;
        let state = state_in(&dir);
        let pet = state.with_conn(|conn| Ok(waste::material(conn, "PET_CLEAR")?.id))?;

        let error = set_buyer_price(&state, &price(pet, "01/01/2568", "-5"), "01/01/2568").err();

        assert_eq!(error.map(|e| e.code), Some("invalid_price".into()));
        let count: i64 = state.with_conn(|conn| {
            Ok(conn.query_row("SELECT count(*) FROM waste_buyers", [], |row| row.get(0))?)
        })?;
        assert_eq!(count, 0, "no buyer is added for a rejected price");
        Ok(())
    }
}
