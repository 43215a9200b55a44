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
    if current == 0 && has_tables(&tx)? {
        return Err(Error::rule(
            "database_not_chumchon",
            "this SQLite file holds another program's tables and no Chumchon version, so it \
             was left untouched; open a Chumchon database, or give a new file name to start one",
        ));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        debug!(version = index + 1, "applying migration");
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Checks whether the database has tables of its own, which a new file
/// does not.
fn has_tables(conn: &Connection) -> Result<bool> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        [],
        |row| row.get(0),
    )?;
    Ok(count > 0)
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
    fn migrate_rejects_other_programs_database() -> Result<()> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("CREATE TABLE x (a INTEGER); INSERT INTO x VALUES (1);")?;

        let result = migrate(&mut conn);

        assert!(
            matches!(
                &result,
                Err(Error::Rule {
                    code: "database_not_chumchon",
                    ..
                })
            ),
            "expected database_not_chumchon, got {result:?}"
        );
        let tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
        assert_eq!(tables, 1, "the other program's file must be left untouched");
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
