//! Thai collation. TODO: stub until the Thai toolkit lands.

/// Registers the `THAI` collation on `conn`.
pub fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.create_collation("THAI", |a, b| a.cmp(b))
}
