//! Schema migrations: numbered SQL files in `migrations/`, applied in order
//! in one transaction. The schema version is SQLite's `user_version`.

use rusqlite::Connection;
use tracing::debug;

use crate::{Error, Result};

/// Every migration, in order; the version after applying `MIGRATIONS[i]`
/// is `i + 1`. A shipped migration is never edited: add a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_waste.sql"),
    include_str!("../../migrations/0003_waste_more.sql"),
    include_str!("../../migrations/0004_fund.sql"),
    include_str!("../../migrations/0005_places.sql"),
    include_str!("../../migrations/0006_exchange.sql"),
    include_str!("../../migrations/0007_sketch_zones.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration the database lacks, all in one transaction.
///
/// Fails with [`Error::DatabaseTooNew`] when the database was written by a
/// newer Chumchon, leaving it untouched.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    if version(conn)? == LATEST_VERSION {
        return Ok(());
    }
    // Read the version again under the write lock: another process may be
    // creating the same new database at this moment.
    let tx = crate::db::write(conn)?;
    let current = version(&tx)?;
    if current > LATEST_VERSION {
        return Err(Error::DatabaseTooNew {
            found: current,
            supported: LATEST_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        debug!(version = index + 1, "applying migration");
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrate_rejects_newer_database() -> Result<()> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)?;

        let result = migrate(&mut conn);

        assert!(
            matches!(result, Err(Error::DatabaseTooNew { found, .. }) if found == LATEST_VERSION + 1),
            "expected DatabaseTooNew, got {result:?}"
        );
        let tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
        assert_eq!(tables, 0, "a rejected database must be left untouched");
        Ok(())
    }

    #[test]
    fn migrate_twice_is_harmless() -> Result<()> {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn)?;
        migrate(&mut conn)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        assert_eq!(version, LATEST_VERSION);
        Ok(())
    }
}
