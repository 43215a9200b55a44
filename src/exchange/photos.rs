//! Photos of items, kept as blobs in the database so that a backup of the
//! one file carries them. Only JPEG, PNG and WebP images are taken, by
//! their first bytes, up to [`MAX_PHOTO_BYTES`] each.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::equipment::get_item;
use super::history::{self, EventKind, NewEvent};
use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// The largest photo taken, 5 MiB: a phone photo saved at office quality
/// fits, and the database stays small enough to back up by e-mail.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;

/// A photo's description, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhotoInfo {
    /// Row id.
    pub id: i64,
    /// The item.
    pub item_id: i64,
    /// File name as given.
    pub file_name: String,
    /// "image/jpeg", "image/png" or "image/webp".
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Local date and time it was added.
    pub added_at: String,
}

/// The media type of an image by its first bytes, or `None` for anything
/// but JPEG, PNG and WebP.
///
/// ```
/// use chumchon::exchange::photos::media_type;
/// assert_eq!(media_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
/// assert_eq!(media_type(b"%PDF-1.7"), None);
/// ```
pub fn media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Adds a photo to an item and returns its description.
///
/// Fails when the bytes are not a JPEG, PNG or WebP image, or are larger
/// than [`MAX_PHOTO_BYTES`].
pub fn add_photo(
    conn: &Connection,
    ctx: &Context,
    item_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<PhotoInfo> {
    let item = get_item(conn, item_id)?;
    let Some(media_type) = media_type(bytes) else {
        return Err(Error::rule(
            "photo_format",
            format!(
                "{file_name} is not a JPEG, PNG or WebP photo; save it as JPEG and add it again"
            ),
        ));
    };
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(Error::rule(
            "photo_too_large",
            format!(
                "{file_name} is {} KiB, more than the {} KiB allowed; make it smaller and add it \
                 again",
                bytes.len() / 1024,
                MAX_PHOTO_BYTES / 1024
            ),
        ));
    }
    conn.execute(
        "INSERT INTO exchange_item_photos (item_id, file_name, media_type, bytes, operator,
            created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            item.id,
            file_name,
            media_type,
            bytes,
            &ctx.operator,
            ctx.timestamp(),
        ),
    )?;
    let info = photo_info(conn, conn.last_insert_rowid())?;
    audit::record(
        conn,
        ctx,
        Change::insert("exchange_item_photos", info.id, &info),
    )?;
    let event = NewEvent {
        note: Some(info.file_name.clone()),
        ..NewEvent::new(item.id, ctx.today(), EventKind::PhotoAdded)
    };
    history::record(conn, ctx, &event)?;
    Ok(info)
}

const INFO_SELECT: &str = "SELECT id, item_id, file_name, media_type, length(bytes), created_at
    FROM exchange_item_photos";

fn info_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<PhotoInfo> {
    Ok(PhotoInfo {
        id: row.get(0)?,
        item_id: row.get(1)?,
        file_name: row.get(2)?,
        media_type: row.get(3)?,
        size: row.get(4)?,
        added_at: row.get(5)?,
    })
}

fn photo_info(conn: &Connection, id: i64) -> Result<PhotoInfo> {
    conn.query_row(&format!("{INFO_SELECT} WHERE id = ?1"), [id], info_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "photo",
            key: id.to_string(),
        })
}

/// Lists an item's photos in the order they were added.
pub fn list_photos(conn: &Connection, item_id: i64) -> Result<Vec<PhotoInfo>> {
    let mut stmt = conn.prepare(&format!("{INFO_SELECT} WHERE item_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([item_id], info_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Returns a photo's bytes with its description.
pub fn photo_bytes(conn: &Connection, id: i64) -> Result<(PhotoInfo, Vec<u8>)> {
    let info = photo_info(conn, id)?;
    let bytes = conn.query_row(
        "SELECT bytes FROM exchange_item_photos WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?;
    Ok((info, bytes))
}

/// Removes a photo; the audit log and the item's history keep its name.
pub fn remove_photo(conn: &Connection, ctx: &Context, id: i64) -> Result<()> {
    let info = photo_info(conn, id)?;
    conn.execute("DELETE FROM exchange_item_photos WHERE id = ?1", [id])?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "exchange_item_photos",
            record_id: id.to_string(),
            old: serde_json::to_value(&info).ok(),
            new: None,
        },
    )?;
    let event = NewEvent {
        note: Some(info.file_name),
        ..NewEvent::new(info.item_id, ctx.today(), EventKind::PhotoRemoved)
    };
    history::record(conn, ctx, &event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{add_item, ItemDetails, NewItem, Status};
    use crate::members::ensure_community;
    use crate::test_support::context;

    fn tent() -> Result<(Connection, Context, crate::exchange::Item)> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let new = NewItem {
            community_id: community.id,
            details: ItemDetails::named("เต็นท์"),
            status: Status::Available,
            missing: None,
        };
        let item = add_item(&conn, &ctx, &new)?;
        Ok((conn, ctx, item))
    }

    #[test]
    fn photo_round_trips_and_counts() -> Result<()> {
        let (conn, ctx, item) = tent()?;
        let png = b"\x89PNG\r\n\x1a\nrest-of-image".to_vec();

        let info = add_photo(&conn, &ctx, item.id, "tent.png", &png)?;
        let (_, bytes) = photo_bytes(&conn, info.id)?;

        assert_eq!(bytes, png, "the bytes come back unchanged");
        assert_eq!(
            get_item(&conn, item.id)?.photos,
            1,
            "the item counts one photo"
        );
        remove_photo(&conn, &ctx, info.id)?;
        assert!(list_photos(&conn, item.id)?.is_empty(), "the photo is gone");
        Ok(())
    }

    #[test]
    fn photo_rejects_other_files() -> Result<()> {
        let (conn, ctx, item) = tent()?;

        let result = add_photo(&conn, &ctx, item.id, "list.pdf", b"%PDF-1.7");

        assert!(
            matches!(
                result,
                Err(Error::Rule {
                    code: "photo_format",
                    ..
                })
            ),
            "a PDF is not a photo: {result:?}"
        );
        Ok(())
    }
}
