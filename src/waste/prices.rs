//! Price lists with effective dates: the price paid to members for each
//! material, and the price each buyer pays. Every change is a new row, so
//! the price on any past date can be read back.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::materials::Material;
use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// One price in a list's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceEntry {
    /// Row id.
    pub id: i64,
    /// Material code.
    pub material: String,
    /// The buyer's name, or `None` for the price paid to members.
    pub buyer: Option<String>,
    /// First day the price applies.
    pub effective_from: NaiveDate,
    /// Satang a kilogram.
    pub satang_per_kg: i64,
}

/// Sets the price of a material from `from` on: paid to members when
/// `buyer_id` is `None`, else paid by that buyer. Returns the row id.
pub fn set_price(
    conn: &Connection,
    ctx: &Context,
    material_id: i64,
    buyer_id: Option<i64>,
    from: NaiveDate,
    satang_per_kg: i64,
) -> Result<i64> {
    super::units::check_price(satang_per_kg)?;
    check_effective_from(from)?;
    conn.execute(
        "INSERT INTO waste_prices (material_id, buyer_id, effective_from, satang_per_kg,
            operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            material_id,
            buyer_id,
            from,
            satang_per_kg,
            ctx.operator,
            ctx.timestamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    audit::record(
        conn,
        ctx,
        Change::insert(
            "waste_prices",
            id,
            &serde_json::json!({
                "material_id": material_id,
                "buyer_id": buyer_id,
                "effective_from": from,
                "satang_per_kg": satang_per_kg,
            }),
        ),
    )?;
    Ok(id)
}

/// Fails when a price would apply from before 2493 (1950), long before
/// any waste bank, which is most likely a mistyped year.
fn check_effective_from(from: NaiveDate) -> Result<()> {
    if from.year() >= crate::import::members::EARLIEST_JOIN_YEAR {
        return Ok(());
    }
    Err(Error::rule(
        "price_from_long_ago",
        format!(
            "the price would apply from {}, before 2493 (1950), which is surely a mistyped \
             year; give the first day in the Buddhist era, such as 1/3/2568",
            crate::thai::date::format_numeric(from)
        ),
    ))
}

/// The price in force on `date`: the entry with the latest effective date
/// on or before it, the later entry winning a tie. `None` when the list
/// has no price for the material yet.
pub fn price_on(
    conn: &Connection,
    material_id: i64,
    buyer_id: Option<i64>,
    date: NaiveDate,
) -> Result<Option<i64>> {
    let price = conn
        .prepare_cached(
            "SELECT satang_per_kg FROM waste_prices
             WHERE material_id = ?1 AND buyer_id IS ?2 AND effective_from <= ?3
             ORDER BY effective_from DESC, id DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![material_id, buyer_id, date], |row| {
            row.get(0)
        })
        .optional()?;
    Ok(price)
}

/// Settles the price of a line of `grams` of `material` on `date`: `given`
/// when there is one, else the members' list (`buyer_id` `None`) or the
/// buyer's. Fails when the weight is not above zero or the list has no
/// price for the material on the date.
pub(crate) fn settle_price(
    conn: &Connection,
    material: &Material,
    grams: i64,
    given: Option<i64>,
    buyer_id: Option<i64>,
    date: NaiveDate,
) -> Result<i64> {
    if grams <= 0 {
        return Err(Error::rule(
            "weight_not_positive",
            format!("the weight of {} must be above zero", material.code),
        ));
    }
    if grams > super::units::MAX_GRAMS {
        return Err(Error::rule(
            "weight_out_of_range",
            format!(
                "the weight {} kg of {} is above {} kg for one line; check the number",
                super::units::format_kg_exact(grams),
                material.code,
                super::units::format_kg(super::units::MAX_GRAMS)
            ),
        ));
    }
    if let Some(price) = given {
        super::units::check_price(price)?;
        return Ok(price);
    }
    let list = if buyer_id.is_some() {
        "the buyer's price list"
    } else {
        "the members' price list"
    };
    price_on(conn, material.id, buyer_id, date)?.ok_or_else(|| {
        Error::rule(
            "price_missing",
            format!(
                "{list} has no price for {} on {}; set one or give the price",
                material.code,
                crate::thai::date::format_numeric(date)
            ),
        )
    })
}

/// Every price of one list (members' when `buyer_id` is `None`), by
/// material and date.
pub fn price_history(conn: &Connection, buyer_id: Option<i64>) -> Result<Vec<PriceEntry>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, m.code, b.name, p.effective_from, p.satang_per_kg
         FROM waste_prices p
         JOIN waste_materials m ON m.id = p.material_id
         LEFT JOIN waste_buyers b ON b.id = p.buyer_id
         WHERE p.buyer_id IS ?1
         ORDER BY m.sort_order, p.effective_from, p.id",
    )?;
    let rows = stmt.query_map([buyer_id], |row| {
        Ok(PriceEntry {
            id: row.get(0)?,
            material: row.get(1)?,
            buyer: row.get(2)?,
            effective_from: row.get(3)?,
            satang_per_kg: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks the entries of `history` in force on `date`: in each material,
/// the latest entry effective on or before it, the later entry winning a
/// tie, as [`price_on`] picks it. `history` must be sorted by material,
/// then date, then id, as [`price_history`] returns it.
pub fn in_force_on(history: &[PriceEntry], date: NaiveDate) -> Vec<bool> {
    // An entry is in force when no later entry of its material is dated
    // on or before `date`.
    history
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            entry.effective_from <= date
                && !history[index + 1..]
                    .iter()
                    .any(|later| later.material == entry.material && later.effective_from <= date)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{context, date};
    use crate::waste::materials::material;

    #[test]
    fn price_on_follows_effective_dates() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let pet = material(&conn, "PET_CLEAR")?.id;
        set_price(&conn, &ctx, pet, None, date(2024, 1, 1), 800)?;
        set_price(&conn, &ctx, pet, None, date(2024, 7, 1), 900)?;

        assert_eq!(price_on(&conn, pet, None, date(2023, 12, 31))?, None);
        assert_eq!(price_on(&conn, pet, None, date(2024, 6, 30))?, Some(800));
        assert_eq!(price_on(&conn, pet, None, date(2024, 7, 1))?, Some(900));
        assert_eq!(price_history(&conn, None)?.len(), 2, "history is kept");
        Ok(())
    }

    #[test]
    fn price_before_1950_is_rejected() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let pet = material(&conn, "PET_CLEAR")?.id;

        let error = set_price(&conn, &ctx, pet, None, date(1857, 3, 1), 800)
            .err()
            .map(|error| error.code());
        let accepted = set_price(&conn, &ctx, pet, None, date(1950, 1, 1), 800);

        assert_eq!(error, Some("price_from_long_ago"), "1/3/2400 is rejected");
        assert!(accepted.is_ok(), "1/1/2493 is accepted: {accepted:?}");
        assert_eq!(price_history(&conn, None)?.len(), 1, "only 2493 is stored");
        Ok(())
    }

    #[test]
    fn in_force_on_marks_latest_per_material() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let pet = material(&conn, "PET_CLEAR")?.id;
        let can = material(&conn, "ALU_CAN")?.id;
        set_price(&conn, &ctx, pet, None, date(2025, 1, 1), 1_000)?;
        set_price(&conn, &ctx, pet, None, date(2025, 3, 1), 1_250)?;
        set_price(&conn, &ctx, pet, None, date(2025, 3, 1), 1_300)?;
        set_price(&conn, &ctx, pet, None, date(2025, 6, 1), 1_400)?;
        set_price(&conn, &ctx, can, None, date(2025, 5, 1), 4_000)?;
        let history = price_history(&conn, None)?;
        let marked_on = |day| {
            let mut marked: Vec<(String, i64)> = history
                .iter()
                .zip(in_force_on(&history, day))
                .filter(|(_, in_force)| *in_force)
                .map(|(entry, _)| (entry.material.clone(), entry.satang_per_kg))
                .collect();
            marked.sort();
            marked
        };
        let pet_at = |satang| ("PET_CLEAR".to_string(), satang);
        let can_at = |satang| ("ALU_CAN".to_string(), satang);

        assert_eq!(
            marked_on(date(2024, 12, 31)),
            vec![],
            "none before the first"
        );
        assert_eq!(
            marked_on(date(2025, 3, 1)),
            vec![pet_at(1_300)],
            "the later of two entries on one day wins"
        );
        assert_eq!(
            marked_on(date(2025, 5, 31)),
            vec![can_at(4_000), pet_at(1_300)],
            "one entry in force in each material"
        );
        assert_eq!(
            marked_on(date(2025, 6, 1)),
            vec![can_at(4_000), pet_at(1_400)],
            "a new price is in force from its first day"
        );
        for day in [date(2025, 3, 1), date(2025, 6, 1)] {
            assert_eq!(
                price_on(&conn, pet, None, day)?,
                marked_on(day)
                    .iter()
                    .find(|(code, _)| code == "PET_CLEAR")
                    .map(|(_, satang)| *satang),
                "the mark agrees with price_on on {day}"
            );
        }
        Ok(())
    }
}
