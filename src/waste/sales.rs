//! Buyers, sales and stock. A sale takes kilograms out of one collection
//! point's stock; each line is allocated to the point's lots of its
//! material first in, first out, so that every sold kilogram keeps where it
//! came from.
//!
//! Selling more than the stock is rejected unless the caller confirms it:
//! then the sale is recorded with `forced` set and its warning, the lots
//! give what they have, and the rest of the line stays unallocated.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::prices::settle_price;
use super::units::{format_kg, line_value};
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

/// A buyer of recyclables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Buyer {
    /// Row id.
    pub id: i64,
    /// Name, unique.
    pub name: String,
    /// Phone number.
    pub phone: Option<String>,
}

/// Returns the buyer called `name`, adding it when new.
pub fn ensure_buyer(
    conn: &Connection,
    ctx: &Context,
    name: &str,
    phone: Option<&str>,
) -> Result<Buyer> {
    // Zero-width spaces from copied names would make a second buyer that
    // looks the same as the first.
    let name = crate::import::cell::clean_text(name).into_owned();
    if name.is_empty() {
        return Err(Error::rule("buyer_name_missing", "the buyer has no name"));
    }
    if let Some(buyer) = find_buyer(conn, &name)? {
        return Ok(buyer);
    }
    conn.execute(
        "INSERT INTO waste_buyers (name, phone, created_at) VALUES (?1, ?2, ?3)",
        (&name, phone, ctx.timestamp()),
    )?;
    let buyer = Buyer {
        id: conn.last_insert_rowid(),
        name,
        phone: phone.map(str::to_string),
    };
    audit::record(conn, ctx, Change::insert("waste_buyers", buyer.id, &buyer))?;
    Ok(buyer)
}

/// Finds a buyer by name.
pub fn find_buyer(conn: &Connection, name: &str) -> Result<Option<Buyer>> {
    let name = crate::import::cell::clean_text(name);
    let buyer = conn
        .query_row(
            "SELECT id, name, phone FROM waste_buyers WHERE name = ?1",
            [&name],
            |row| {
                Ok(Buyer {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    phone: row.get(2)?,
                })
            },
        )
        .optional()?;
    Ok(buyer)
}

/// Lists the buyers in Thai name order.
pub fn list_buyers(conn: &Connection) -> Result<Vec<Buyer>> {
    let mut stmt =
        conn.prepare("SELECT id, name, phone FROM waste_buyers ORDER BY name COLLATE THAI")?;
    let rows = stmt.query_map([], |row| {
        Ok(Buyer {
            id: row.get(0)?,
            name: row.get(1)?,
            phone: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One material of a sale to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewSaleLine {
    /// Material row id.
    pub material_id: i64,
    /// Weight sold in grams, above zero.
    pub grams: i64,
    /// Price in satang a kilogram; `None` takes the buyer's price list on
    /// the sale's date.
    pub satang_per_kg: Option<i64>,
}

/// A sale to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewSale {
    /// Buyer row id.
    pub buyer_id: i64,
    /// The collection point the kilograms leave from.
    pub point_id: i64,
    /// Date of the sale.
    pub date: NaiveDate,
    /// Buyer's receipt or weighing-slip number.
    pub receipt_no: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// The materials sold.
    pub lines: Vec<NewSaleLine>,
    /// Whether to record the sale even when it is more than the stock.
    pub force: bool,
}

/// What recording a sale did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleOutcome {
    /// The sale's id.
    pub sale_id: i64,
    /// Revenue: the sum of the lines' values.
    pub revenue: Satang,
    /// The warning recorded with a sale of more than the stock.
    pub warning: Option<String>,
}

/// A line of a sale that is more than the point's stock of its material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shortfall {
    /// Material code.
    pub material: String,
    /// Grams the line sells.
    pub grams: i64,
    /// Grams in stock at the point on the sale's date.
    pub stock_grams: i64,
    /// Grams sold beyond the stock.
    pub short_grams: i64,
}

/// A line settled for writing: material, grams, price, value, and the
/// lots it takes grams from.
struct SettledLine {
    material_id: i64,
    code: String,
    grams: i64,
    price: i64,
    value: Satang,
    allocations: Vec<(i64, i64)>,
    short: i64,
}

/// Records a sale, allocating its kilograms to the point's lots first in,
/// first out. Returns the sale's id, revenue and any warning.
///
/// Fails with the rule `stock_exceeded` when a line is more than the
/// point's stock of its material on the sale's date, unless
/// [`NewSale::force`] is set; and when a line has no price and the
/// buyer's price list has none.
pub fn record_sale(conn: &Connection, ctx: &Context, sale: &NewSale) -> Result<SaleOutcome> {
    if sale.lines.is_empty() {
        return Err(Error::rule(
            "sale_without_lines",
            "a sale needs at least one material and weight",
        ));
    }
    let mut settled = Vec::with_capacity(sale.lines.len());
    for line in &sale.lines {
        settled.push(settle(conn, sale, line)?);
    }
    let shortfalls: Vec<String> = settled
        .iter()
        .filter(|line| line.short > 0)
        .map(|line| {
            format!(
                "{} {} kg is {} kg more than the stock",
                line.code,
                format_kg(line.grams),
                format_kg(line.short)
            )
        })
        .collect();
    let warning = (!shortfalls.is_empty()).then(|| {
        format!(
            "sold more than the point's stock: {}",
            shortfalls.join("; ")
        )
    });
    if let (Some(warning), false) = (&warning, sale.force) {
        return Err(Error::rule(
            "stock_exceeded",
            format!("{warning}; confirm the sale to record it anyway (in the CLI: --force)"),
        ));
    }
    let sale_id = insert_sale(conn, ctx, sale, warning.as_deref())?;
    for line in &settled {
        insert_line(conn, sale_id, line)?;
    }
    let revenue = settled.iter().map(|line| line.value).sum();
    audit::record(
        conn,
        ctx,
        Change::insert(
            "waste_sales",
            sale_id,
            &serde_json::json!({
                "buyer_id": sale.buyer_id,
                "point_id": sale.point_id,
                "date": sale.date,
                "revenue_satang": revenue,
                "forced": warning.is_some(),
            }),
        ),
    )?;
    Ok(SaleOutcome {
        sale_id,
        revenue,
        warning,
    })
}

/// Lists the lines of `sale` that are more than the point's stock of
/// their material on the sale's date, writing nothing. Fails like
/// [`record_sale`] when a line has no price.
pub fn sale_shortfalls(conn: &Connection, sale: &NewSale) -> Result<Vec<Shortfall>> {
    let mut shortfalls = Vec::new();
    for line in &sale.lines {
        let settled = settle(conn, sale, line)?;
        if settled.short > 0 {
            shortfalls.push(Shortfall {
                material: settled.code,
                grams: settled.grams,
                stock_grams: settled.grams - settled.short,
                short_grams: settled.short,
            });
        }
    }
    Ok(shortfalls)
}

fn settle(conn: &Connection, sale: &NewSale, line: &NewSaleLine) -> Result<SettledLine> {
    let material = super::materials::material_by_id(conn, line.material_id)?;
    let price = settle_price(
        conn,
        &material,
        line.grams,
        line.satang_per_kg,
        Some(sale.buyer_id),
        sale.date,
    )?;
    let mut needed = line.grams;
    let mut allocations = Vec::new();
    for (lot, left) in open_lots(conn, sale.point_id, material.id, sale.date)? {
        if needed == 0 {
            break;
        }
        let take = left.min(needed);
        allocations.push((lot, take));
        needed -= take;
    }
    Ok(SettledLine {
        material_id: material.id,
        code: material.code,
        grams: line.grams,
        price,
        value: line_value(line.grams, price),
        allocations,
        short: needed,
    })
}

/// Lots of a material at a point dated on or before `date` with grams not
/// yet sold, oldest first, with the grams left in each.
fn open_lots(
    conn: &Connection,
    point_id: i64,
    material_id: i64,
    date: NaiveDate,
) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.grams - coalesce(
             (SELECT sum(a.grams) FROM waste_lot_allocations a WHERE a.lot_id = l.id), 0)
         FROM waste_lots l
         WHERE l.point_id = ?1 AND l.material_id = ?2 AND l.date <= ?3 AND l.grams > 0
           AND NOT EXISTS (SELECT 1 FROM waste_lots r WHERE r.reverses_lot_id = l.id)
         ORDER BY l.date, l.id",
    )?;
    let rows = stmt.query_map((point_id, material_id, date), |row| {
        Ok((row.get(0)?, row.get(1)?))
    })?;
    let mut lots = Vec::new();
    for row in rows {
        let (id, left): (i64, i64) = row?;
        if left > 0 {
            lots.push((id, left));
        }
    }
    Ok(lots)
}

fn insert_sale(
    conn: &Connection,
    ctx: &Context,
    sale: &NewSale,
    warning: Option<&str>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO waste_sales (buyer_id, point_id, date, receipt_no, forced, warning, note,
            operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            sale.buyer_id,
            sale.point_id,
            sale.date,
            sale.receipt_no,
            warning.is_some(),
            warning,
            sale.note,
            ctx.operator,
            ctx.timestamp(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn insert_line(conn: &Connection, sale_id: i64, line: &SettledLine) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO waste_sale_lines (sale_id, material_id, grams, satang_per_kg, value_satang,
            unallocated_grams)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(rusqlite::params![
        sale_id,
        line.material_id,
        line.grams,
        line.price,
        line.value,
        line.short
    ])?;
    let line_id = conn.last_insert_rowid();
    let mut allocate = conn.prepare_cached(
        "INSERT INTO waste_lot_allocations (sale_line_id, lot_id, grams) VALUES (?1, ?2, ?3)",
    )?;
    for (lot, grams) in &line.allocations {
        allocate.execute((line_id, lot, grams))?;
    }
    Ok(())
}

/// Reverses a sale: posts a sale with the same lines and allocations
/// negated, which puts the kilograms back into stock. `note` is the
/// reason, kept with the reversal. Returns the reversal's id.
///
/// Fails with the rule `reason_missing` when `note` is blank,
/// `reversal_of_reversal` for a reversal and `already_reversed` for a
/// sale reversed before.
pub fn reverse_sale(conn: &Connection, ctx: &Context, id: i64, note: &str) -> Result<i64> {
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::rule(
            "reason_missing",
            format!("reversing sale {id} needs a reason; write why in a few words"),
        ));
    }
    let found: Option<Option<i64>> = conn
        .query_row(
            "SELECT reverses_id FROM waste_sales WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    match found {
        None => {
            return Err(Error::NotFound {
                what: "sale",
                key: id.to_string(),
            })
        }
        Some(Some(_)) => {
            return Err(Error::rule(
                "reversal_of_reversal",
                format!("sale {id} is a reversal"),
            ))
        }
        Some(None) => {}
    }
    let reversed: Option<i64> = conn
        .query_row(
            "SELECT id FROM waste_sales WHERE reverses_id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    if reversed.is_some() {
        return Err(Error::rule(
            "already_reversed",
            format!("sale {id} is already reversed"),
        ));
    }
    conn.execute(
        "INSERT INTO waste_sales (buyer_id, point_id, date, receipt_no, forced, warning,
            reverses_id, note, operator, created_at)
         SELECT buyer_id, point_id, date, receipt_no, 0, NULL, id, ?2, ?3, ?4
         FROM waste_sales WHERE id = ?1",
        rusqlite::params![id, note, ctx.operator, ctx.timestamp()],
    )?;
    let reversal = conn.last_insert_rowid();
    let mut lines = conn.prepare(
        "SELECT id, material_id, grams, satang_per_kg, value_satang, unallocated_grams
         FROM waste_sale_lines WHERE sale_id = ?1 ORDER BY id",
    )?;
    type LineRow = (i64, i64, i64, i64, i64, i64);
    let originals: Vec<LineRow> = lines
        .query_map([id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (line_id, material_id, grams, price, value, short) in originals {
        conn.execute(
            "INSERT INTO waste_sale_lines (sale_id, material_id, grams, satang_per_kg,
                value_satang, unallocated_grams)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![reversal, material_id, -grams, price, -value, -short],
        )?;
        let new_line = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO waste_lot_allocations (sale_line_id, lot_id, grams)
             SELECT ?2, lot_id, -grams FROM waste_lot_allocations WHERE sale_line_id = ?1
             ORDER BY id",
            (line_id, new_line),
        )?;
    }
    audit::record(
        conn,
        ctx,
        Change::insert(
            "waste_sales",
            reversal,
            &serde_json::json!({ "reverses_id": id, "note": note }),
        ),
    )?;
    Ok(reversal)
}

/// A sale as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sale {
    /// Row id.
    pub id: i64,
    /// Buyer's name.
    pub buyer: String,
    /// Collection point's name.
    pub point: String,
    /// The point's community.
    pub community: String,
    /// Date.
    pub date: NaiveDate,
    /// Whether it was recorded over the stock.
    pub forced: bool,
    /// The warning recorded with it.
    pub warning: Option<String>,
    /// The sale it reverses.
    pub reverses_id: Option<i64>,
    /// The reversal that cancels it, if any.
    pub reversed_by: Option<i64>,
    /// Free-text note; a reversal's reason.
    pub note: Option<String>,
    /// Lines: material code, grams, price a kilogram and value.
    pub lines: Vec<SaleLine>,
    /// Sum of the lines' values.
    pub revenue: Satang,
}

/// Sales dated from `from` to `to`, reversals included, oldest first.
pub fn list_sales(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Sale>> {
    let mut stmt =
        conn.prepare("SELECT id FROM waste_sales WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id")?;
    let ids: Vec<i64> = stmt
        .query_map((from, to), |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_sale(conn, id)).collect()
}

/// One line of a stored sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleLine {
    /// Material code.
    pub material: String,
    /// Grams sold.
    pub grams: i64,
    /// Price in satang a kilogram.
    pub satang_per_kg: i64,
    /// Value.
    pub value: Satang,
    /// Grams no lot supplied.
    pub unallocated_grams: i64,
}

/// Reads a sale with its lines.
pub fn get_sale(conn: &Connection, id: i64) -> Result<Sale> {
    let mut sale = conn
        .query_row(
            "SELECT s.id, b.name, p.name, c.name, s.date, s.forced, s.warning, s.reverses_id,
                (SELECT r.id FROM waste_sales r WHERE r.reverses_id = s.id), s.note
             FROM waste_sales s JOIN waste_buyers b ON b.id = s.buyer_id
             JOIN waste_points p ON p.id = s.point_id
             JOIN communities c ON c.id = p.community_id
             WHERE s.id = ?1",
            [id],
            |row| {
                Ok(Sale {
                    id: row.get(0)?,
                    buyer: row.get(1)?,
                    point: row.get(2)?,
                    community: row.get(3)?,
                    date: row.get(4)?,
                    forced: row.get(5)?,
                    warning: row.get(6)?,
                    reverses_id: row.get(7)?,
                    reversed_by: row.get(8)?,
                    note: row.get(9)?,
                    lines: Vec::new(),
                    revenue: Satang::ZERO,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "sale",
            key: id.to_string(),
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT m.code, l.grams, l.satang_per_kg, l.value_satang, l.unallocated_grams
         FROM waste_sale_lines l JOIN waste_materials m ON m.id = l.material_id
         WHERE l.sale_id = ?1 ORDER BY l.id",
    )?;
    let rows = stmt.query_map([id], |row| {
        Ok(SaleLine {
            material: row.get(0)?,
            grams: row.get(1)?,
            satang_per_kg: row.get(2)?,
            value: Satang(row.get(3)?),
            unallocated_grams: row.get(4)?,
        })
    })?;
    sale.lines = rows.collect::<rusqlite::Result<_>>()?;
    sale.revenue = sale.lines.iter().map(|line| line.value).sum();
    Ok(sale)
}

/// One material's stock at one point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StockLine {
    /// Collection point row id.
    pub point_id: i64,
    /// The point's name.
    pub point: String,
    /// The point's community.
    pub community: String,
    /// Material code.
    pub material: String,
    /// Material's Thai name.
    pub material_name: String,
    /// Grams deposited.
    pub deposited_grams: i64,
    /// Grams sold.
    pub sold_grams: i64,
    /// Deposited minus sold; below zero after a sale forced over the stock.
    pub grams: i64,
}

/// Stock of every material at every point: grams deposited minus grams
/// sold, for the pairs that ever had either, by community, point and
/// catalogue order.
pub fn stock(conn: &Connection) -> Result<Vec<StockLine>> {
    let mut totals: BTreeMap<(i64, i64), (i64, i64)> = BTreeMap::new();
    let mut deposited = conn.prepare(
        "SELECT point_id, material_id, sum(grams) FROM waste_lots GROUP BY point_id, material_id",
    )?;
    let mut rows = deposited.query([])?;
    while let Some(row) = rows.next()? {
        totals.entry((row.get(0)?, row.get(1)?)).or_default().0 += row.get::<_, i64>(2)?;
    }
    let mut sold = conn.prepare(
        "SELECT s.point_id, l.material_id, sum(l.grams) FROM waste_sale_lines l
         JOIN waste_sales s ON s.id = l.sale_id GROUP BY s.point_id, l.material_id",
    )?;
    let mut rows = sold.query([])?;
    while let Some(row) = rows.next()? {
        totals.entry((row.get(0)?, row.get(1)?)).or_default().1 += row.get::<_, i64>(2)?;
    }
    let catalog = super::materials::Catalog::load(conn)?;
    let points: BTreeMap<i64, super::points::Point> = super::points::list_points(conn)?
        .into_iter()
        .map(|point| (point.id, point))
        .collect();
    let mut lines = Vec::new();
    for ((point_id, material_id), (deposited_grams, sold_grams)) in totals {
        let (Some(point), Some(material)) = (points.get(&point_id), catalog.get(material_id))
        else {
            continue;
        };
        lines.push(StockLine {
            point_id,
            point: point.name.clone(),
            community: point.community.clone(),
            material: material.code.clone(),
            material_name: material.name_th.clone(),
            deposited_grams,
            sold_grams,
            grams: deposited_grams - sold_grams,
        });
    }
    let position = |code: &str| catalog.by_code(code).and_then(|m| catalog.position(m.id));
    lines.sort_by(|a, b| {
        crate::thai::collation::compare(&a.community, &b.community)
            .then_with(|| crate::thai::collation::compare(&a.point, &b.point))
            .then_with(|| position(&a.material).cmp(&position(&b.material)))
    });
    Ok(lines)
}
