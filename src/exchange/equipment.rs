//! The equipment register: each community's items with their category,
//! quantity, condition, location, value and status.
//!
//! An item's status is set by staff (available, under repair, part
//! missing, retired) except `lent`, which lending sets while loans hold
//! every piece. Marking an item part missing raises a need for the part
//! (see [`super::posts`]); any other status closes that need.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::history::{self, EventKind, NewEvent};
use super::stored::stored_enum;
use super::text::match_key;
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

stored_enum! {
    /// Kind of equipment. Needs and offers are matched
    /// within a category when both name one.
    pub enum Category {
        /// Pots, rice cookers, tiffin carriers, stoves.
        Kitchen = "kitchen",
        /// Tents, tables, chairs.
        Furniture = "furniture",
        /// Fans, sound systems, cables, lamps.
        Electrical = "electrical",
        /// Scales.
        Weighing = "weighing",
        /// Composting bins and waste bins.
        Waste = "waste",
        /// Carts, tricycles, bicycles.
        Vehicle = "vehicle",
        /// Hand and power tools, ladders.
        Tools = "tools",
        /// Anything else.
        Other = "other",
    }
}

/// Words that suggest a category, checked in this order, so that "ฝาหม้อ"
/// is kitchen before anything else.
const CATEGORY_WORDS: &[(Category, &[&str])] = &[
    (Category::Weighing, &["เครื่องชั่ง", "ตาชั่ง", "ตราชั่ง", "scale"]),
    (
        Category::Kitchen,
        &[
            "หม้อ",
            "กระทะ",
            "ปิ่นโต",
            "จาน",
            "ชาม",
            "ช้อน",
            "ถาด",
            "เตา",
            "ซึ้ง",
            "กระติก",
            "ตะหลิว",
            "กะละมัง",
            "ทัพพี",
            "cooker",
            "pot",
        ],
    ),
    (Category::Waste, &["ถังหมัก", "ปุ๋ย", "ถังขยะ", "ขยะ", "compost"]),
    (
        Category::Vehicle,
        &["รถเข็น", "ซาเล้ง", "จักรยาน", "รถ", "cart"],
    ),
    (
        Category::Furniture,
        &[
            "เต็นท์",
            "เต๊นท์",
            "โต๊ะ",
            "เก้าอี้",
            "ผ้าใบ",
            "tent",
            "table",
            "chair",
        ],
    ),
    (
        Category::Electrical,
        &[
            "พัดลม",
            "ลำโพง",
            "เครื่องเสียง",
            "ไมค์",
            "ปลั๊ก",
            "สายไฟ",
            "หลอดไฟ",
            "โคมไฟ",
            "ไฟฟ้า",
        ],
    ),
    (
        Category::Tools,
        &[
            "สว่าน",
            "ค้อน",
            "จอบ",
            "เสียม",
            "บันได",
            "เลื่อย",
            "ประแจ",
            "เครื่องมือ",
        ],
    ),
];

impl Category {
    /// Guesses the category from a name or description by the words in
    /// it, [`Category::Other`] when none fits.
    ///
    /// ```
    /// use chumchon::exchange::Category;
    /// assert_eq!(Category::guess("ฝาหม้อหุงข้าว 10 ลิตร"), Category::Kitchen);
    /// assert_eq!(Category::guess("เต็นท์ 4x8 เมตร"), Category::Furniture);
    /// assert_eq!(Category::guess("ของที่ระลึก"), Category::Other);
    /// ```
    pub fn guess(text: &str) -> Category {
        let key = match_key(text);
        CATEGORY_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|word| key.contains(&match_key(word))))
            .map_or(Category::Other, |(category, _)| *category)
    }

    /// Returns the Thai name, for documents.
    pub fn thai(self) -> &'static str {
        match self {
            Category::Kitchen => "เครื่องครัว",
            Category::Furniture => "เต็นท์ โต๊ะ เก้าอี้",
            Category::Electrical => "เครื่องใช้ไฟฟ้า",
            Category::Weighing => "เครื่องชั่ง",
            Category::Waste => "อุปกรณ์จัดการขยะ",
            Category::Vehicle => "รถเข็นและพาหนะ",
            Category::Tools => "เครื่องมือช่าง",
            Category::Other => "อื่น ๆ",
        }
    }
}

stored_enum! {
    /// Whether an item is usable, out on loan, or out of use.
    pub enum Status {
        /// In its place and usable.
        Available = "available",
        /// Every piece is out on loan.
        Lent = "lent",
        /// Being repaired.
        UnderRepair = "under_repair",
        /// Lacks a part, named in [`Item::missing`].
        PartMissing = "part_missing",
        /// Out of use for good.
        Retired = "retired",
    }
}

impl Status {
    /// Returns the Thai name, for documents.
    pub fn thai(self) -> &'static str {
        match self {
            Status::Available => "พร้อมใช้",
            Status::Lent => "ให้ยืมอยู่",
            Status::UnderRepair => "ซ่อมอยู่",
            Status::PartMissing => "ขาดชิ้นส่วน",
            Status::Retired => "จำหน่ายแล้ว",
        }
    }
}

stored_enum! {
    /// Counting mode of an item.
    pub enum Tracking {
        /// One piece, tracked on its own; its quantity is 1.
        Unit = "unit",
        /// Identical pieces counted together and lent by number.
        Stock = "stock",
    }
}

/// The fields of an item that staff edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDetails {
    /// The office's own number for the item.
    pub code: Option<String>,
    /// Name, such as "หม้อหุงข้าวไฟฟ้า 10 ลิตร".
    pub name: String,
    /// Category; `None` guesses it from the name.
    pub category: Option<Category>,
    /// One piece or counted stock.
    pub tracking: Tracking,
    /// Number of pieces; 1 for a unit.
    pub quantity: i64,
    /// Condition as staff describe it.
    pub condition: Option<String>,
    /// Storage place.
    pub location: Option<String>,
    /// Value of one piece.
    pub unit_value: Satang,
    /// Date it was acquired.
    pub acquired: Option<NaiveDate>,
    /// Free-text note.
    pub note: Option<String>,
}

impl ItemDetails {
    /// Details with a name and everything else empty: one unit of no
    /// recorded value.
    pub fn named(name: impl Into<String>) -> ItemDetails {
        ItemDetails {
            code: None,
            name: name.into(),
            category: None,
            tracking: Tracking::Unit,
            quantity: 1,
            condition: None,
            location: None,
            unit_value: Satang::ZERO,
            acquired: None,
            note: None,
        }
    }
}

/// An item to add to a community's register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewItem {
    /// Owning community.
    pub community_id: i64,
    /// Its details.
    pub details: ItemDetails,
    /// Status; anything but [`Status::Lent`].
    pub status: Status,
    /// Missing part, required with [`Status::PartMissing`].
    pub missing: Option<String>,
}

/// An item as stored, with its owner's name and what is out on loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Row id.
    pub id: i64,
    /// Owning community.
    pub community_id: i64,
    /// Owning community's name.
    pub community: String,
    /// The office's own number for the item.
    pub code: Option<String>,
    /// Name.
    pub name: String,
    /// Category.
    pub category: Category,
    /// One piece or counted stock.
    pub tracking: Tracking,
    /// Number of pieces.
    pub quantity: i64,
    /// Pieces out on loan now.
    pub on_loan: i64,
    /// Condition as staff describe it.
    pub condition: Option<String>,
    /// Storage place.
    pub location: Option<String>,
    /// Value of one piece.
    pub unit_value: Satang,
    /// Status.
    pub status: Status,
    /// Missing part, when part missing.
    pub missing: Option<String>,
    /// Date it was acquired.
    pub acquired: Option<NaiveDate>,
    /// Free-text note.
    pub note: Option<String>,
    /// Number of photos.
    pub photos: i64,
}

impl Item {
    /// Pieces that can go out on loan now: none unless the item is
    /// available (or lent, for the rest of a stock).
    pub fn lendable(&self) -> i64 {
        match self.status {
            Status::Available | Status::Lent => self.quantity - self.on_loan,
            _ => 0,
        }
    }

    /// Value of all its pieces.
    pub fn total_value(&self) -> Satang {
        Satang(self.unit_value.satang().saturating_mul(self.quantity))
    }
}

/// Filter of [`list_items`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ItemFilter {
    /// Only this community's items.
    pub community_id: Option<i64>,
    /// Only items with this status.
    pub status: Option<Status>,
    /// Whether retired items are listed (when no status is given).
    pub include_retired: bool,
}

const ITEM_SELECT: &str = "SELECT i.id, i.community_id, c.name, i.code, i.name, i.category,
        i.tracking, i.quantity,
        (SELECT coalesce(sum(l.quantity), 0) FROM exchange_loans l
         WHERE l.item_id = i.id AND l.returned_date IS NULL),
        i.condition, i.location, i.unit_value_satang, i.status, i.missing, i.acquired, i.note,
        (SELECT count(*) FROM exchange_item_photos p WHERE p.item_id = i.id)
    FROM exchange_items i JOIN communities c ON c.id = i.community_id";

fn item_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: row.get(0)?,
        community_id: row.get(1)?,
        community: row.get(2)?,
        code: row.get(3)?,
        name: row.get(4)?,
        category: row.get(5)?,
        tracking: row.get(6)?,
        quantity: row.get(7)?,
        on_loan: row.get(8)?,
        condition: row.get(9)?,
        location: row.get(10)?,
        unit_value: Satang(row.get(11)?),
        status: row.get(12)?,
        missing: row.get(13)?,
        acquired: row.get(14)?,
        note: row.get(15)?,
        photos: row.get(16)?,
    })
}

/// Looks an item up by row id.
pub fn get_item(conn: &Connection, id: i64) -> Result<Item> {
    conn.prepare_cached(&format!("{ITEM_SELECT} WHERE i.id = ?1"))?
        .query_row([id], item_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "item",
            key: id.to_string(),
        })
}

/// Lists items by community and then name, in Thai order.
pub fn list_items(conn: &Connection, filter: &ItemFilter) -> Result<Vec<Item>> {
    let sql = format!(
        "{ITEM_SELECT}
         WHERE (?1 IS NULL OR i.community_id = ?1)
           AND (CASE WHEN ?2 IS NOT NULL THEN i.status = ?2
                     ELSE ?3 OR i.status <> 'retired' END)
         ORDER BY c.name COLLATE THAI, i.name COLLATE THAI, i.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        (filter.community_id, filter.status, filter.include_retired),
        item_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an item to a community's register and records it in the item's
/// history. An item added as part missing raises a need for the part.
///
/// Fails when the name is empty, the quantity is below 1 (or above 1 for
/// a unit), the status is `lent`, a part-missing item names no part, or
/// the code is already used in the community.
pub fn add_item(conn: &Connection, ctx: &Context, item: &NewItem) -> Result<Item> {
    insert_item(conn, ctx, item, None)
}

/// Adds an item, stamped with the import and legacy row key it came from.
pub(crate) fn insert_item(
    conn: &Connection,
    ctx: &Context,
    item: &NewItem,
    import: Option<(i64, &str)>,
) -> Result<Item> {
    let details = checked_details(&item.details)?;
    let missing = checked_missing(item.status, item.missing.as_deref())?;
    if item.status == Status::Lent {
        return Err(status_lent_error());
    }
    crate::members::get_community(conn, item.community_id)?;
    check_code_free(conn, item.community_id, details.code.as_deref(), None)?;
    conn.prepare_cached(
        "INSERT INTO exchange_items (community_id, code, name, category, tracking, quantity,
            condition, location, unit_value_satang, status, missing, acquired, note,
            import_id, import_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
    )?
    .execute(rusqlite::params![
        item.community_id,
        details.code,
        details.name,
        details.category,
        details.tracking,
        details.quantity,
        details.condition,
        details.location,
        details.unit_value.satang(),
        item.status,
        missing,
        details.acquired,
        details.note,
        import.map(|(id, _)| id),
        import.map(|(_, key)| key),
        ctx.timestamp(),
    ])?;
    let id = conn.last_insert_rowid();
    let stored = get_item(conn, id)?;
    audit::record(conn, ctx, Change::insert("exchange_items", id, &stored))?;
    let event = NewEvent {
        status: Some(stored.status),
        missing: stored.missing.clone(),
        community_id: Some(stored.community_id),
        quantity: Some(stored.quantity),
        ..NewEvent::new(id, ctx.today(), EventKind::Registered)
    };
    history::record(conn, ctx, &event)?;
    if stored.status == Status::PartMissing {
        super::posts::raise_automatic_need(conn, ctx, &stored)?;
    }
    Ok(stored)
}

/// Replaces an item's details. The owner changes only by a transfer and
/// the status only by [`set_status`].
///
/// Fails as [`add_item`] does, and when the quantity would drop below the
/// pieces out on loan.
pub fn update_item(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &ItemDetails,
) -> Result<Item> {
    let old = get_item(conn, id)?;
    let details = checked_details(details)?;
    if details.quantity < old.on_loan {
        return Err(Error::rule(
            "quantity_below_on_loan",
            format!(
                "{} has {} pieces out on loan, so its quantity cannot be {}; check them in first",
                old.name, old.on_loan, details.quantity
            ),
        ));
    }
    check_code_free(conn, old.community_id, details.code.as_deref(), Some(id))?;
    conn.execute(
        "UPDATE exchange_items SET code = ?2, name = ?3, category = ?4, tracking = ?5,
             quantity = ?6, condition = ?7, location = ?8, unit_value_satang = ?9,
             acquired = ?10, note = ?11, updated_at = ?12
         WHERE id = ?1",
        rusqlite::params![
            id,
            details.code,
            details.name,
            details.category,
            details.tracking,
            details.quantity,
            details.condition,
            details.location,
            details.unit_value.satang(),
            details.acquired,
            details.note,
            ctx.timestamp(),
        ],
    )?;
    let mut new = get_item(conn, id)?;
    new = refresh_lent(conn, ctx, new, ctx.today())?;
    record_update(conn, ctx, &old, &new)?;
    history::record(
        conn,
        ctx,
        &NewEvent {
            quantity: Some(new.quantity),
            ..NewEvent::new(id, ctx.today(), EventKind::Updated)
        },
    )?;
    Ok(new)
}

/// Sets an item's status as staff see it: available (including fixed),
/// under repair, part missing (with the part it lacks) or retired.
///
/// Part missing raises a need for the part, or replaces the open one when
/// the part changed; any other status closes the item's need.
///
/// Fails for [`Status::Lent`], which only lending sets, and when a
/// part-missing status names no part. Fails while pieces are out on loan,
/// because a loan's return records their condition, and when retiring an
/// item that has active reservations.
pub fn set_status(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    status: Status,
    missing: Option<&str>,
) -> Result<Item> {
    if status == Status::Lent {
        return Err(status_lent_error());
    }
    let item = get_item(conn, id)?;
    if item.on_loan > 0 {
        return Err(Error::rule(
            "item_on_loan",
            format!(
                "{} has {} pieces out on loan; check them in (with their condition) before \
                 changing its status",
                item.name, item.on_loan
            ),
        ));
    }
    let missing = checked_missing(status, missing)?;
    if status == Status::Retired {
        check_not_reserved(conn, &item)?;
    }
    let today = ctx.today();
    change_status(conn, ctx, &item, status, missing.as_deref(), today, None)
}

/// Fails when the item has active reservations, which a retired item
/// could not serve.
fn check_not_reserved(conn: &Connection, item: &Item) -> Result<()> {
    let reserved = super::reservations::list_reservations(conn, Some(item.id), false)?;
    if reserved.is_empty() {
        return Ok(());
    }
    Err(Error::rule(
        "item_reserved",
        format!(
            "{} is reserved ({} reservations); cancel them before retiring it",
            item.name,
            reserved.len()
        ),
    ))
}

/// Stores a status, records the change in the audit log and, dated
/// `date`, in the item's history, and raises or closes the item's
/// automatic need. Used by [`set_status`] and by lending, which skip the
/// checks that do not apply.
pub(crate) fn change_status(
    conn: &Connection,
    ctx: &Context,
    item: &Item,
    status: Status,
    missing: Option<&str>,
    date: NaiveDate,
    note: Option<&str>,
) -> Result<Item> {
    let missing = missing.filter(|_| status == Status::PartMissing);
    if item.status == status && item.missing.as_deref() == missing {
        return Ok(item.clone());
    }
    let new = update_columns(
        conn,
        ctx,
        item,
        "status = ?3, missing = ?4",
        &[&status, &missing],
    )?;
    let event = NewEvent {
        status: Some(status),
        missing: missing.map(str::to_string),
        note: note.map(str::to_string),
        ..NewEvent::new(item.id, date, EventKind::Status)
    };
    history::record(conn, ctx, &event)?;
    if item.status == Status::PartMissing {
        super::posts::close_automatic_need(conn, ctx, item.id)?;
    }
    if status == Status::PartMissing {
        super::posts::raise_automatic_need(conn, ctx, &new)?;
    }
    Ok(new)
}

/// Sets `lent` when loans take every piece of an available item, and
/// `available` when a lent item has pieces back, dated `date` in the
/// item's history.
pub(crate) fn refresh_lent(
    conn: &Connection,
    ctx: &Context,
    item: Item,
    date: NaiveDate,
) -> Result<Item> {
    let all_out = item.on_loan >= item.quantity;
    let status = match item.status {
        Status::Available if all_out => Status::Lent,
        Status::Lent if !all_out => Status::Available,
        _ => return Ok(item),
    };
    change_status(conn, ctx, &item, status, None, date, None)
}

/// Stores the condition staff found, such as at a return.
pub(crate) fn set_condition(
    conn: &Connection,
    ctx: &Context,
    item: &Item,
    condition: &str,
) -> Result<Item> {
    update_columns(conn, ctx, item, "condition = ?3", &[&condition])
}

/// Moves an item to another community's register, for a transfer. Its
/// code is dropped, because codes are the giving office's numbering.
pub(crate) fn set_owner(
    conn: &Connection,
    ctx: &Context,
    item: &Item,
    community_id: i64,
) -> Result<Item> {
    let assignments = "community_id = ?3, code = NULL";
    update_columns(conn, ctx, item, assignments, &[&community_id])
}

/// Changes the number of pieces of a stock, for a transfer of part of it.
pub(crate) fn set_quantity(
    conn: &Connection,
    ctx: &Context,
    item: &Item,
    quantity: i64,
) -> Result<Item> {
    update_columns(conn, ctx, item, "quantity = ?3", &[&quantity])
}

/// Runs `UPDATE … SET {assignments}` on one item, whose values are bound
/// from ?3 on, stamps `updated_at` and records the change in the audit
/// log. Returns the item as stored afterwards.
fn update_columns(
    conn: &Connection,
    ctx: &Context,
    item: &Item,
    assignments: &str,
    values: &[&dyn rusqlite::ToSql],
) -> Result<Item> {
    let sql = format!("UPDATE exchange_items SET {assignments}, updated_at = ?2 WHERE id = ?1");
    let timestamp = ctx.timestamp();
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&item.id, &timestamp];
    params.extend_from_slice(values);
    conn.execute(&sql, params.as_slice())?;
    let new = get_item(conn, item.id)?;
    record_update(conn, ctx, item, &new)?;
    Ok(new)
}

fn record_update(conn: &Connection, ctx: &Context, old: &Item, new: &Item) -> Result<()> {
    audit::record(
        conn,
        ctx,
        Change {
            table: "exchange_items",
            record_id: old.id.to_string(),
            old: serde_json::to_value(old).ok(),
            new: serde_json::to_value(new).ok(),
        },
    )
}

/// Trims the details, guesses a missing category and checks the rules.
fn checked_details(details: &ItemDetails) -> Result<ItemDetails> {
    let trimmed = |text: &Option<String>| {
        text.as_deref()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let name = details
        .name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return Err(Error::rule("item_name_missing", "the item has no name"));
    }
    if details.quantity < 1 {
        return Err(Error::rule(
            "quantity_not_positive",
            format!(
                "the quantity of {name} must be at least 1, not {}",
                details.quantity
            ),
        ));
    }
    if details.tracking == Tracking::Unit && details.quantity != 1 {
        return Err(Error::rule(
            "unit_quantity",
            format!(
                "{name} is tracked as one piece, so its quantity is 1, not {}; record it as \
                 counted stock instead",
                details.quantity
            ),
        ));
    }
    if details.unit_value.is_negative() {
        return Err(Error::rule(
            "value_negative",
            format!("the value of {name} cannot be negative"),
        ));
    }
    Ok(ItemDetails {
        code: trimmed(&details.code),
        category: Some(details.category.unwrap_or_else(|| Category::guess(&name))),
        condition: trimmed(&details.condition),
        location: trimmed(&details.location),
        note: trimmed(&details.note),
        name,
        ..details.clone()
    })
}

/// Returns the missing part, trimmed, for a part-missing status, and
/// `None` for any other status.
fn checked_missing(status: Status, missing: Option<&str>) -> Result<Option<String>> {
    if status != Status::PartMissing {
        return Ok(None);
    }
    let missing = missing.map(str::trim).filter(|m| !m.is_empty());
    match missing {
        Some(part) => Ok(Some(part.to_string())),
        None => Err(Error::rule(
            "missing_part_required",
            "say which part is missing, such as ฝา (the lid)",
        )),
    }
}

fn check_code_free(
    conn: &Connection,
    community_id: i64,
    code: Option<&str>,
    except: Option<i64>,
) -> Result<()> {
    let Some(code) = code else {
        return Ok(());
    };
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM exchange_items WHERE community_id = ?1 AND code = ?2
               AND id IS NOT ?3",
            (community_id, code, except),
            |row| row.get(0),
        )
        .optional()?;
    match taken {
        Some(other) => Err(Error::rule(
            "item_code_taken",
            format!("item code {code} is already used by item {other} of the same community"),
        )),
        None => Ok(()),
    }
}

fn status_lent_error() -> Error {
    Error::rule(
        "status_lent_by_loan",
        "an item becomes lent by checking it out to a borrower, not by setting its status",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::ensure_community;
    use crate::test_support::context;

    fn new_item(community_id: i64, name: &str) -> NewItem {
        NewItem {
            community_id,
            details: ItemDetails::named(name),
            status: Status::Available,
            missing: None,
        }
    }

    fn register() -> Result<(Connection, Context, crate::members::Community)> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        Ok((conn, ctx, community))
    }

    fn rule_code<T>(result: Result<T>) -> Option<&'static str> {
        match result {
            Err(Error::Rule { code, .. }) => Some(code),
            _ => None,
        }
    }

    #[test]
    fn add_item_guesses_category() -> Result<()> {
        let (conn, ctx, community) = register()?;

        let item = add_item(&conn, &ctx, &new_item(community.id, "เต็นท์ 4x8 เมตร"))?;

        assert_eq!(item.category, Category::Furniture, "a tent is furniture");
        assert_eq!(item.community, "บ่อยาง", "owner's name is joined in");
        Ok(())
    }

    #[test]
    fn add_item_rejects_unit_with_quantity() -> Result<()> {
        let (conn, ctx, community) = register()?;
        let mut item = new_item(community.id, "โต๊ะพับ");
        item.details.quantity = 20;

        let result = add_item(&conn, &ctx, &item);

        assert_eq!(
            rule_code(result),
            Some("unit_quantity"),
            "twenty tables are stock, not a unit"
        );
        Ok(())
    }

    #[test]
    fn set_status_rejects_lent() -> Result<()> {
        let (conn, ctx, community) = register()?;
        let item = add_item(&conn, &ctx, &new_item(community.id, "โต๊ะพับ"))?;

        let result = set_status(&conn, &ctx, item.id, Status::Lent, None);

        assert_eq!(
            rule_code(result),
            Some("status_lent_by_loan"),
            "lent comes from a loan"
        );
        Ok(())
    }

    #[test]
    fn part_missing_needs_part_name() -> Result<()> {
        let (conn, ctx, community) = register()?;
        let item = add_item(&conn, &ctx, &new_item(community.id, "หม้อหุงข้าว"))?;

        let result = set_status(&conn, &ctx, item.id, Status::PartMissing, Some("  "));

        assert_eq!(
            rule_code(result),
            Some("missing_part_required"),
            "a blank part is no part"
        );
        Ok(())
    }

    #[test]
    fn duplicate_code_is_rejected() -> Result<()> {
        let (conn, ctx, community) = register()?;
        let mut first = new_item(community.id, "เต็นท์");
        first.details.code = Some("EQ-1".into());
        add_item(&conn, &ctx, &first)?;
        let mut second = new_item(community.id, "โต๊ะ");
        second.details.code = Some("EQ-1".into());

        let result = add_item(&conn, &ctx, &second);

        assert_eq!(
            rule_code(result),
            Some("item_code_taken"),
            "codes are unique per community"
        );
        Ok(())
    }
}
