//! The `waste prices` commands: the price each buyer pays for a material
//! from an effective date on. A new price is a new row, so the price on
//! any past date can still be read.

use chrono::NaiveDate;
use clap::Subcommand;
use rusqlite::Connection;
use serde::Serialize;

use chumchon::waste::prices::{self, PriceEntry};
use chumchon::waste::{self, sales};
use chumchon::{Context, Error, Result, Satang};

use super::{date_or_today, print_json};

#[derive(Debug, Subcommand)]
pub(crate) enum PricesCommand {
    /// Set or list a buyer's prices.
    #[command(subcommand)]
    Buyer(BuyerPricesCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum BuyerPricesCommand {
    /// Set the price a buyer pays for a material from a date on, adding
    /// the buyer when new. Earlier prices are kept.
    Add {
        /// The buyer's name.
        #[arg(long, value_name = "NAME")]
        buyer: String,
        /// Material code, such as PET_CLEAR.
        #[arg(long, value_name = "CODE")]
        material: String,
        /// Price in baht a kilogram, such as 12.50.
        #[arg(long, value_name = "BAHT", allow_negative_numbers = true)]
        price: String,
        /// First day the price applies, such as 1/3/2568.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List every price of a buyer, marking those in force on a date.
    List {
        /// The buyer's name.
        #[arg(long, value_name = "NAME")]
        buyer: String,
        /// The date whose prices are marked in force, such as 15/4/2568;
        /// defaults to today.
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `waste prices` command.
pub(crate) fn run(conn: &mut Connection, ctx: &Context, command: &PricesCommand) -> Result<()> {
    match command {
        PricesCommand::Buyer(BuyerPricesCommand::Add {
            buyer,
            material,
            price,
            from,
            json,
        }) => {
            let price = NewBuyerPrice {
                buyer,
                material,
                satang_per_kg: waste::parse_price(price)?,
                from: crate::parse_date(from)?,
            };
            add_buyer_price(conn, ctx, &price, *json)
        }
        PricesCommand::Buyer(BuyerPricesCommand::List { buyer, on, json }) => {
            let on = date_or_today(on.as_deref(), ctx)?;
            list_buyer_prices(conn, buyer, on, *json)
        }
    }
}

/// The options of `waste prices buyer add`, parsed.
struct NewBuyerPrice<'a> {
    buyer: &'a str,
    material: &'a str,
    satang_per_kg: i64,
    from: NaiveDate,
}

fn add_buyer_price(
    conn: &mut Connection,
    ctx: &Context,
    price: &NewBuyerPrice,
    json: bool,
) -> Result<()> {
    let entry = crate::in_transaction(conn, |tx| {
        let material = waste::material(tx, price.material)?;
        let buyer = waste::ensure_buyer(tx, ctx, price.buyer, None)?;
        let id = waste::set_price(
            tx,
            ctx,
            material.id,
            Some(buyer.id),
            price.from,
            price.satang_per_kg,
        )?;
        prices::price_history(tx, Some(buyer.id))?
            .into_iter()
            .find(|entry| entry.id == id)
            .ok_or_else(|| Error::NotFound {
                what: "price",
                key: id.to_string(),
            })
    })?;
    if json {
        return print_json(&entry);
    }
    crate::output::line(&format!(
        "set the price {} pays for {} to {} baht a kilogram from {}",
        entry.buyer.as_deref().unwrap_or(price.buyer),
        entry.material,
        Satang(entry.satang_per_kg),
        chumchon::thai::date::format_numeric(entry.effective_from)
    ))
}

/// The JSON of `waste prices buyer list`.
#[derive(Serialize)]
struct BuyerPricesJson<'a> {
    buyer: &'a str,
    /// The date the `in_force` marks are for.
    on: NaiveDate,
    prices: Vec<ListedPriceJson<'a>>,
}

#[derive(Serialize)]
struct ListedPriceJson<'a> {
    id: i64,
    material: &'a str,
    effective_from: NaiveDate,
    satang_per_kg: i64,
    in_force: bool,
}

fn list_buyer_prices(conn: &Connection, name: &str, on: NaiveDate, json: bool) -> Result<()> {
    let buyer = sales::find_buyer(conn, name)?.ok_or_else(|| Error::NotFound {
        what: "buyer",
        key: name.trim().to_string(),
    })?;
    let history = prices::price_history(conn, Some(buyer.id))?;
    let in_force = prices::in_force_on(&history, on);
    if json {
        return print_json(&BuyerPricesJson {
            buyer: &buyer.name,
            on,
            prices: history
                .iter()
                .zip(in_force)
                .map(|(entry, in_force)| listed_json(entry, in_force))
                .collect(),
        });
    }
    if history.is_empty() {
        return crate::output::line(&format!("{} has no prices yet", buyer.name));
    }
    for (entry, in_force) in history.iter().zip(in_force) {
        let mark = if in_force { "\tin force" } else { "" };
        crate::output::line(&format!(
            "{}\t{}\t{} baht/kg{mark}",
            entry.material,
            chumchon::thai::date::format_numeric(entry.effective_from),
            Satang(entry.satang_per_kg)
        ))?;
    }
    Ok(())
}

fn listed_json(entry: &PriceEntry, in_force: bool) -> ListedPriceJson<'_> {
    ListedPriceJson {
        id: entry.id,
        material: &entry.material,
        effective_from: entry.effective_from,
        satang_per_kg: entry.satang_per_kg,
        in_force,
    }
}
