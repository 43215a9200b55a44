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
    include_str!("../../migrations/0008_collector_active.sql"),
    include_str!("../../migrations/0009_credit_refund.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration the database lacks, all in one transaction,
/// after copying a database that has data into its `backups` folder.
///
/// Fails with [`Error::DatabaseTooNew`] when the database was written by a
/// newer Chumchon, leaving it untouched.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = version(conn)?;
    if found == LATEST_VERSION {
        return Ok(());
    }
    // A database with data is copied before its schema changes. The copy
    // is made before the write lock is taken, because SQLite cannot copy a
    // database inside a transaction. Another process upgrading the same
    // file at that moment only leaves a second copy of the same version.
    if found > 0 && found < LATEST_VERSION {
        super::backup::backup_before_upgrade(conn, found)?;
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

    fn temp_folder() -> Result<tempfile::TempDir> {
        tempfile::tempdir().map_err(|source| Error::Io {
            path: std::env::temp_dir(),
            source,
        })
    }

    /// Creates a database file at `path` with the schema of `version`,
    /// as a build of that version left it.
    fn database_at(path: &std::path::Path, version: usize) -> Result<Connection> {
        let conn = Connection::open(path)?;
        crate::thai::collation::register(&conn)?;
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql)?;
        }
        conn.pragma_update(None, "user_version", version as i64)?;
        Ok(conn)
    }

    /// Adds collectors called `names` to a version 7 database and stores
    /// `inactive` as the setting that held the deactivated ones' ids.
    fn version_7_with_collectors(
        path: &std::path::Path,
        names: &[&str],
        inactive: &str,
    ) -> Result<()> {
        let conn = database_at(path, 7)?;
        for name in names {
            conn.execute(
                "INSERT INTO waste_collectors (name, created_at)
                 VALUES (?1, '2025-01-15T09:30:00')",
                [name],
            )?;
        }
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('waste.inactive_collectors', ?1)",
            [inactive],
        )?;
        Ok(())
    }

    fn collector_active(conn: &Connection) -> Result<Vec<(String, bool)>> {
        let mut stmt = conn.prepare("SELECT name, active FROM waste_collectors ORDER BY id")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    #[test]
    fn version_7_inactive_setting_moves_to_column() -> Result<()> {
        let dir = temp_folder()?;
        let path = dir.path().join("v7.db");
        version_7_with_collectors(&path, &["ลุงเปีย", "ป้าแดง", "น้าหมู"], "[1,3]")?;

        let conn = crate::db::open(&path)?;

        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        assert_eq!(version, LATEST_VERSION, "the file is brought up to date");
        assert_eq!(
            collector_active(&conn)?,
            vec![
                ("ลุงเปีย".to_string(), false),
                ("ป้าแดง".to_string(), true),
                ("น้าหมู".to_string(), false),
            ],
            "the ids in the setting are deactivated, the others stay active"
        );
        let pia = crate::waste::collectors::collector(&conn, 1)?;
        assert!(!pia.active, "the collector reads as deactivated");
        assert_eq!(
            crate::db::setting(&conn, "waste.inactive_collectors")?,
            None,
            "the setting is removed"
        );
        let removals = crate::audit::history(&conn, "settings", "waste.inactive_collectors")?;
        assert_eq!(removals.len(), 1, "the removal is audited: {removals:?}");
        assert_eq!(removals[0].action, "delete");
        assert_eq!(
            removals[0].old,
            Some(serde_json::Value::String("[1,3]".to_string())),
            "the audit log keeps the old value"
        );
        Ok(())
    }

    #[test]
    fn version_7_invalid_inactive_setting_is_kept() -> Result<()> {
        let dir = temp_folder()?;
        let path = dir.path().join("v7.db");
        version_7_with_collectors(&path, &["ลุงเปีย"], "1, 3")?;

        let conn = crate::db::open(&path)?;

        assert_eq!(
            collector_active(&conn)?,
            vec![("ลุงเปีย".to_string(), true)],
            "a value that is not JSON deactivates nobody"
        );
        assert_eq!(
            crate::db::setting(&conn, "waste.inactive_collectors")?.as_deref(),
            Some("1, 3"),
            "the value is left for someone to read"
        );
        Ok(())
    }

    /// A version 8 database with a deposit paid in credit, 200 baht of it
    /// converted into two shares.
    fn version_8_with_credit(path: &std::path::Path) -> Result<()> {
        let conn = database_at(path, 8)?;
        conn.execute_batch(
            "INSERT INTO communities (id, code, name, created_at)
                 VALUES (1, 'BY', 'บ่อยาง', '2025-01-15T09:30:00');
             INSERT INTO members (id, member_no, first_name, community_id, created_at, updated_at)
                 VALUES (1, 'BY001', 'มาลี', 1, '2025-01-15T09:30:00', '2025-01-15T09:30:00');
             INSERT INTO waste_points (id, community_id, name, created_at)
                 VALUES (1, 1, 'วัด', '2025-01-15T09:30:00');
             INSERT INTO waste_deposits (id, member_id, point_id, date, payment, operator,
                     created_at)
                 VALUES (7, 1, 1, '2024-03-01', 'credit', 'op', '2025-01-15T09:30:00');
             INSERT INTO share_transactions (id, member_id, date, kind, shares, payment,
                     amount_satang, source, operator, created_at)
                 VALUES (3, 1, '2024-03-05', 'purchase', 2, 'plastic_credit', 20000, 'manual',
                     'op', '2025-01-15T09:30:00');
             INSERT INTO plastic_credit_entries (id, member_id, date, kind, amount_satang,
                     deposit_id, operator, created_at)
                 VALUES (5, 1, '2024-03-01', 'deposit', 22500, 7, 'op', '2025-01-15T09:30:00');
             INSERT INTO plastic_credit_entries (id, member_id, date, kind, amount_satang,
                     share_transaction_id, operator, created_at)
                 VALUES (9, 1, '2024-03-05', 'conversion', -20000, 3, 'op',
                     '2025-01-15T09:30:00');
             INSERT INTO plastic_credit_uses (entry_id, source_entry_id, amount_satang)
                 VALUES (9, 5, 20000);",
        )?;
        Ok(())
    }

    #[test]
    fn version_8_credit_survives_rebuild() -> Result<()> {
        let dir = temp_folder()?;
        let path = dir.path().join("v8.db");
        version_8_with_credit(&path)?;

        let conn = crate::db::open(&path)?;

        let backup = dir.path().join("backups").join("v8-v8-before-upgrade.db");
        let copy = Connection::open(&backup)?;
        let copied: i64 = copy.pragma_query_value(None, "user_version", |row| row.get(0))?;
        assert_eq!(copied, 8, "the copy is of the database before the upgrade");
        let copied_entries: i64 =
            copy.query_row("SELECT count(*) FROM plastic_credit_entries", [], |row| {
                row.get(0)
            })?;
        assert_eq!(copied_entries, 2, "the copy holds the data");
        let entries: Vec<(i64, String, i64)> = conn
            .prepare("SELECT id, kind, amount_satang FROM plastic_credit_entries ORDER BY id")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(
            entries,
            vec![
                (5, "deposit".to_string(), 22_500),
                (9, "conversion".to_string(), -20_000)
            ],
            "rows keep their ids"
        );
        let uses: i64 = conn.query_row("SELECT count(*) FROM plastic_credit_uses", [], |row| {
            row.get(0)
        })?;
        assert_eq!(uses, 1, "the conversion still leads to its deposit");
        let broken: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })?;
        assert_eq!(broken, 0, "every foreign key still holds");
        let delete = conn.execute("DELETE FROM plastic_credit_uses", []);
        assert!(delete.is_err(), "the uses stay append-only");
        crate::shares::reverse(&conn, &crate::test_support::context(), 3, "typo")?;
        let balance = crate::waste::credit_balance(&conn, 1)?;
        assert_eq!(
            balance,
            crate::Satang(22_500),
            "the refund gives the credit back"
        );
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
